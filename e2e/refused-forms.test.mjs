// A refused form keeps what was typed (issue 19), in the browser, at desktop
// width and on a phone: Benin's focal point (who reads gedhub in French)
// records a measurement dated in the future, and the Secretariat (in
// English) adds an administration whose code is taken. Each time the same
// page comes back with every value typed in place, the problem next to its
// field and in a linked summary at the top, in the reader's language, and
// no wider than the window. Every page is checked with axe. (The HTTP walk
// in crates/web/tests/http/refused_forms.rs covers every form.)

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  ACCOUNTS, BASE_URL, DEMO_PASSWORD, launchBrowser, withPage, signIn, visit, navigateBy, checkA11y,
} from './lib.mjs';

const WIDTHS = [{ width: 1280, height: 800 }, { width: 375, height: 740 }];

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/** The first link on the page whose path matches `pattern`. */
async function firstLink(page, pattern) {
  const hrefs = await page.locator('main a[href^="/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  const href = hrefs.find((h) => pattern.test(h));
  assert.ok(href, `a link matching ${pattern} among ${hrefs.join(', ')}`);
  return href;
}

/** Sets the signed-in person's language (the header's switch). */
async function setLanguage(page, locale) {
  const response = await page.request.post('/account/language', {
    form: { locale, return_to: '/dashboard' },
    headers: { Origin: BASE_URL },
    maxRedirects: 0,
  });
  assert.equal(response.status(), 303, `language ${locale}`);
}

async function notWiderThanTheWindow(page, what) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${what} is ${overflow} px wider than the window`);
}

for (const size of WIDTHS) {
  test(`a refused measurement comes back as typed, in French, at ${size.width} px`, { timeout: 120_000 }, async () => {
    await withPage(browser, async (page) => {
      await page.setViewportSize(size);
      await signIn(page, ACCOUNTS.focalBenin, DEMO_PASSWORD);
      await checkA11y(page);
      await setLanguage(page, 'fr');
      try {
        await refuseAMeasurement(page, size);
      } finally {
        await setLanguage(page, 'auto');
      }
    });
  });
}

async function refuseAMeasurement(page, size) {
  await visit(page, '/plans');
  await checkA11y(page);
  await visit(page, await firstLink(page, /^\/plans\/\d+$/));
  await checkA11y(page);
  await visit(page, await firstLink(page, /^\/plans\/\d+\/indicators\/\d+$/));
  await checkA11y(page);
  const comment = `Texte à garder « ${size.width} » & <exact>`;
  await page.fill('#date', '2099-01-01');
  await page.fill('#value', '12,5');
  await page.fill('#comment', comment);
  const response = await navigateBy(page, () => page.click('#record-button'));
  assert.equal(response.status(), 422);
  await checkA11y(page);
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  assert.equal(await page.inputValue('#date'), '2099-01-01');
  assert.equal(await page.inputValue('#value'), '12,5');
  assert.equal(await page.inputValue('#comment'), comment);
  assert.equal(await page.getAttribute('#date', 'aria-invalid'), 'true');
  const summary = page.locator('#form-problems');
  assert.ok(await summary.isVisible(), 'the summary is shown');
  assert.equal(await summary.locator('a[href="#date"]').count(), 1, 'the summary links to the date');
  const atField = await page.locator('#date-problem').innerText();
  assert.match(atField, /pas encore arrivée/, atField);
  await notWiderThanTheWindow(page, 'the refused measurement form');
}

test('a refused new administration comes back as typed, in English, on a phone', { timeout: 120_000 }, async () => {
  await withPage(browser, async (page) => {
    await page.setViewportSize(WIDTHS[1]);
    await signIn(page, ACCOUNTS.secretariat, DEMO_PASSWORD);
    await checkA11y(page);
    await visit(page, '/administrations/new');
    await checkA11y(page);
    await page.fill('#code', 'BJ');
    await page.fill('#name_en', 'Benin Customs, typed again');
    await page.fill('#name_fr', 'Douanes du Bénin, saisi à nouveau');
    const response = await navigateBy(page, () => page.click('main form button[type="submit"]'));
    assert.equal(response.status(), 409);
    await checkA11y(page);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.inputValue('#code'), 'BJ');
    assert.equal(await page.inputValue('#name_en'), 'Benin Customs, typed again');
    assert.equal(await page.inputValue('#name_fr'), 'Douanes du Bénin, saisi à nouveau');
    assert.ok(await page.locator('#form-problems li').count() >= 1, 'the problem is summarised');
    await notWiderThanTheWindow(page, 'the refused administration form');
  });
});
