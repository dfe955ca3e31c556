// Tests de connaissances, atelier virtuel en français : le Secrétariat crée
// l'atelier et y associe un post-test tiré de la banque de questions, le
// point focal du Bénin nomme Sènami Adjovi, le Secrétariat confirme et note
// sa présence, puis Sènami passe le post-test en français et voit son
// achèvement. Chaque page est vérifiée avec axe.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  ACCOUNTS, BASE_URL, DEMO_PASSWORD, launchBrowser, withPage, signIn, signOut, navigateBy, visit,
  checkA11y, pathOf,
} from './lib.mjs';

const NOMINEE = 'senami.adjovi@participants.gedhub.test';
// Not "Atelier virtuel…": workshops.test.mjs opens the first workshop so named.
const TITLE = 'Tests de connaissances en ligne (juin 2024)';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

async function textOf(locator) {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

async function switchLanguage(page, locale) {
  const form = page.locator('header form[action="/account/language"]');
  return navigateBy(page, () => form.locator(`button[name="locale"][value="${locale}"]`).click());
}

async function resetLanguage(page) {
  const response = await page.request.post('/account/language', {
    form: { locale: 'auto', return_to: '/dashboard' },
    headers: { Origin: BASE_URL },
    maxRedirects: 0,
  });
  assert.equal(response.status(), 303, 'language back to auto');
}

/** Tomorrow's date, YYYY-MM-DD (UTC, as the server judges days). */
const TOMORROW = new Date(Date.now() + 24 * 3600 * 1000).toISOString().slice(0, 10);

test('un atelier virtuel en français : nomination, présence, post-test et achèvement', { timeout: 180_000 }, async () => {
  await withPage(browser, async (page) => {
    // The Secretariat creates the workshop (one day, post-test ≥ 70 %).
    await signIn(page, ACCOUNTS.secretariat, DEMO_PASSWORD);
    await checkA11y(page);
    await visit(page, '/workshops');
    await checkA11y(page);
    await page.fill('#title', TITLE);
    await page.selectOption('#kind', 'national');
    await page.selectOption('#mode', 'virtual');
    await page.fill('#meeting_link', 'https://meet.example.org/omd-tests');
    await page.selectOption('#language', 'fr');
    // Tomorrow: nominations close when a workshop starts (issue 19).
    await page.fill('#start_date', TOMORROW);
    await page.fill('#end_date', TOMORROW);
    await page.fill('#capacity', '5');
    await page.fill('#min_post_test_pct', '70');
    await navigateBy(page, () => page.click('#create-workshop'));
    await checkA11y(page);
    const workshop = pathOf(page);
    assert.match(workshop, /^\/workshops\/\d+$/);

    // Attach a post-test of the first three bank questions, 15 minutes, and open it.
    await page.locator('#knowledge-tests details summary').click();
    await page.selectOption('#ktest-kind', 'post');
    const boxes = page.locator('#knowledge-tests input[name="question"]');
    assert.ok((await boxes.count()) >= 3, 'the demo bank has questions');
    for (let i = 0; i < 3; i += 1) await boxes.nth(i).check();
    await page.fill('#ktest-limit', '15');
    await navigateBy(page, () => page.click('#attach-test'));
    await checkA11y(page);
    await navigateBy(page, () => page.click('#open-post'));
    await checkA11y(page);
    assert.ok((await textOf(page.locator('#knowledge-tests-table'))).includes('Open'));
    await signOut(page);
    await checkA11y(page);

    // The Benin focal point nominates Sènami.
    await signIn(page, ACCOUNTS.focalBenin, DEMO_PASSWORD);
    await checkA11y(page);
    await visit(page, workshop);
    await checkA11y(page);
    await page.locator('summary', { hasText: /nominate/i }).click();
    await page.fill('#nominee-email', NOMINEE);
    await page.fill('#nominee-motivation', 'Formatrice nationale GED au Bénin.');
    await page.check('#nominee-language-fr');
    await navigateBy(page, () => page.click('#nominate'));
    await checkA11y(page);
    await signOut(page);
    await checkA11y(page);

    // The Secretariat confirms her and marks her present.
    await signIn(page, ACCOUNTS.secretariat, DEMO_PASSWORD);
    await checkA11y(page);
    await visit(page, workshop);
    await checkA11y(page);
    const row = page.locator('#participants-table tbody tr', { hasText: 'Sènami Adjovi' });
    await navigateBy(page, () => row.locator('button[value="confirm"]').click());
    await checkA11y(page);
    const sheet = page.locator('#attendance details').first();
    await sheet.locator('summary').click();
    await sheet.locator('label', { hasText: 'Sènami Adjovi' }).locator('input').check();
    await navigateBy(page, () => sheet.locator('button[type="submit"]').click());
    await checkA11y(page);
    const before = await textOf(page.locator('#participants-table tbody tr', { hasText: 'Sènami Adjovi' }));
    assert.ok(/100\s?%/.test(before), before);
    assert.ok(before.includes('Post-test not taken'), before);
    await signOut(page);
    await checkA11y(page);

    // Sènami takes the post-test in French.
    await signIn(page, NOMINEE, DEMO_PASSWORD);
    await checkA11y(page);
    await switchLanguage(page, 'fr');
    await checkA11y(page);
    try {
      await visit(page, workshop);
      await checkA11y(page);
      await navigateBy(page, () => page.click('#take-post'));
      await checkA11y(page);
      await navigateBy(page, () => page.click('#start-test'));
      await checkA11y(page);
      assert.ok((await textOf(page.locator('#ktest-timer'))).startsWith('Temps restant'));
      const form = page.locator('#test-form');
      assert.ok((await textOf(form)).includes("À quoi l'outil GEOAT"), 'questions in French');
      // The three first demo questions, answered right.
      await form.locator('label', { hasText: 'Évaluer ses pratiques' }).locator('input').check();
      await form.locator('fieldset').nth(1).locator('label', { hasText: 'Faux' }).locator('input').check();
      for (const text of ['Le personnel par grade', "Les promotions de l'année", 'La participation aux formations']) {
        await form.locator('label', { hasText: text }).locator('input').check();
      }
      await navigateBy(page, () => page.click('#submit-test'));
      await checkA11y(page);
      const score = await textOf(page.locator('#ktest-score'));
      assert.ok(/100\s?%/.test(score), score);
      assert.equal(await page.locator('.ktest-correct-answer').count(), 0, 'no answers before the test closes');
      await visit(page, workshop);
      await checkA11y(page);
      const mine = await textOf(page.locator('#participants-table tbody tr', { hasText: 'Sènami Adjovi' }));
      assert.ok(mine.includes('Achevé'), mine);
      const gain = await textOf(page.locator('#knowledge-gain-table'));
      assert.ok(gain.includes('Sènami Adjovi') && /100\s?%/.test(gain), gain);
    } finally {
      await resetLanguage(page);
    }
  });
});
