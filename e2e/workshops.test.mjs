// Workshops: the Secretariat opens the virtual French workshop of April 2024
// from the list, finds its seven participants with their attendance and
// completion, and records the attendance of the last session of its agenda. Every page is checked
// with axe.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  ACCOUNTS, DEMO_PASSWORD, launchBrowser, withPage, signIn, navigateBy, visit, checkA11y,
} from './lib.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

async function textOf(locator) {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

test('the Secretariat reads and records attendance of the virtual workshop', { timeout: 90_000 }, async () => {
  await withPage(browser, async (page) => {
    await signIn(page, ACCOUNTS.secretariat, DEMO_PASSWORD);
    await checkA11y(page);
    await visit(page, '/workshops');
    await checkA11y(page);
    const list = await textOf(page.locator('#workshops-table'));
    assert.ok(list.includes('Brussels'), list);
    await navigateBy(page, () => page.locator('a', { hasText: 'Atelier virtuel' }).first().click());
    await checkA11y(page);
    const rows = page.locator('#participants-table tbody tr');
    // 7 confirmed participants and the demo participant's pending nomination.
    assert.equal(await rows.count(), 8);
    const table = await textOf(page.locator('#participants-table'));
    assert.ok(table.includes('Awa Ndiaye'), table);
    // The demo post-test scores (40–100 %) leave some below the 70 % minimum.
    assert.ok(table.includes('Post-test score below the minimum'), table);

    // The workshop has a French agenda of five sessions, so attendance
    // counts sessions: mark everyone absent from the last session, then
    // check Awa's attendance dropped to 4 of 5 = 80 %.
    const agenda = await textOf(page.locator('#agenda'));
    assert.ok(agenda.includes('Action planning'), agenda);
    const sheet = page.locator('#agenda details', { has: page.locator('input[name="present"]') }).last();
    await sheet.locator('summary').click();
    for (const box of await sheet.locator('input[name="present"]').all()) await box.uncheck();
    await navigateBy(page, () => sheet.locator('button[type="submit"]').click());
    await checkA11y(page);
    const awa = await textOf(page.locator('#participants-table tbody tr', { hasText: 'Awa Ndiaye' }));
    assert.ok(/80\s?%/.test(awa), awa);
  });
});
