// Evaluation (Kirkpatrick levels 1–3): the Secretariat reads the Brussels
// 2023 workshop's evaluation (anonymous feedback, sent follow-up), reopens
// the virtual 2024 workshop's feedback, and the one participant who had not
// answered answers it, once. Every page is checked with axe.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  ACCOUNTS, DEMO_PASSWORD, launchBrowser, withPage, signIn, signOut, navigateBy, visit, checkA11y,
} from './lib.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

async function textOf(locator) {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

test('the Secretariat reads the Brussels evaluation; a participant answers the reopened feedback once', { timeout: 120_000 }, async () => {
  await withPage(browser, async (page) => {
    await signIn(page, ACCOUNTS.secretariat, DEMO_PASSWORD);
    await checkA11y(page);
    await visit(page, '/workshops');
    await checkA11y(page);
    await navigateBy(page, () => page.locator('a', { hasText: 'Brussels' }).first().click());
    await checkA11y(page);
    await navigateBy(page, () => page.click('#evaluation-link'));
    await checkA11y(page);
    // The demo: 17 anonymous feedback responses, 12 follow-up responses.
    assert.equal(await textOf(page.locator('#responses-feedback')), '17');
    assert.equal(await textOf(page.locator('#responses-follow_up')), '12');
    assert.ok((await page.locator('#survey-feedback svg').count()) >= 4, 'one chart per scale question');
    // Learning: the demo's pre- and post-tests give every participant a gain.
    assert.equal(await textOf(page.locator('#learning-tested')), '20');

    // Reopen the virtual workshop's feedback.
    await visit(page, '/workshops');
    await checkA11y(page);
    await navigateBy(page, () => page.locator('a', { hasText: 'Atelier virtuel' }).first().click());
    await checkA11y(page);
    await navigateBy(page, () => page.click('#evaluation-link'));
    await checkA11y(page);
    assert.equal(await textOf(page.locator('#responses-feedback')), '6');
    await navigateBy(page, () => page.locator('#survey-feedback button', { hasText: 'Reopen the survey' }).click());
    await checkA11y(page);
    await signOut(page);
    await checkA11y(page);

    // Voahangy had not answered: she answers from the workshop page.
    await signIn(page, 'voahangy.rakotomalala@participants.gedhub.test', DEMO_PASSWORD);
    await checkA11y(page);
    await visit(page, '/workshops');
    await checkA11y(page);
    await navigateBy(page, () => page.locator('a', { hasText: 'Atelier virtuel' }).first().click());
    await checkA11y(page);
    await navigateBy(page, () => page.locator('a', { hasText: 'Answer the survey' }).click());
    await checkA11y(page);
    const fieldsets = page.locator('#survey-form fieldset');
    assert.equal(await fieldsets.count(), 4);
    for (const fieldset of await fieldsets.all()) {
      await fieldset.locator('input[type="radio"][value="4"]').check();
    }
    await page.locator('#survey-form textarea').fill('More time for the exercises.');
    await navigateBy(page, () => page.locator('#survey-form button[type="submit"]').click());
    await checkA11y(page);
    assert.ok((await page.locator('#answered').count()) === 1, 'answered once');
    assert.equal(await page.locator('#survey-form').count(), 0, 'no second form');
  });
});
