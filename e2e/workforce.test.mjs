// Workforce statistics: Canada's focal point uploads an HR extract through
// the browser (the form is sent by upload-progress.js with a progress bar),
// lands on the year's figures with their plain-language explanations, and a
// file with a bad row is refused with the row's line and column. Every page
// is checked with axe.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  ACCOUNTS, DEMO_PASSWORD, launchBrowser, withPage, signIn, visit, checkA11y, pathOf,
} from './lib.mjs';

// A year the demo data does not use, so the test owns it.
const YEAR = '2019';

function extract(rows) {
  const lines = ['employee_id,sex,grade,category,annual_basic_pay,annual_variable_pay,weekly_hours,management_level'];
  for (let i = 0; i < rows; i++) {
    const woman = i % 2 === 0;
    lines.push(`e${i},${woman ? 'F' : 'M'},G${1 + (i % 4)},Officers,${woman ? 45000 : 50000},0,40,${i % 10 === 0 ? 'senior' : 'none'}`);
  }
  return lines.join('\n') + '\n';
}

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('a focal point uploads an HR extract and reads the figures', { timeout: 90_000 }, async () => {
  await withPage(browser, async (page) => {
    await signIn(page, ACCOUNTS.focalCanada, DEMO_PASSWORD);
    await checkA11y(page);
    const list = await visit(page, '/workforce');
    assert.equal(list.status(), 200);
    assert.equal(pathOf(page), '/workforce/CA');
    await checkA11y(page);

    // A bad row: refused, listed by line and column, nothing stored.
    await page.fill('input#year', YEAR);
    await page.setInputFiles('input#file', {
      name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(`${extract(40)}x,F,G1,Officers,lots,0,40,none\n`),
    });
    await page.click('button#compute-workforce');
    const error = page.locator('#workforce-error');
    await error.waitFor();
    const errorText = (await error.innerText()).replace(/\s+/g, ' ');
    assert.ok(errorText.includes('nothing was stored'), errorText);
    assert.ok(errorText.includes('42 annual_basic_pay'), errorText);
    await checkA11y(page);

    // A good extract: sent by XMLHttpRequest (the progress bar's path).
    await visit(page, '/workforce/CA');
    await checkA11y(page);
    await page.fill('input#year', YEAR);
    await page.setInputFiles('input#file', {
      name: 'extract.csv', mimeType: 'text/csv', buffer: Buffer.from(extract(400)),
    });
    const sent = page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/workforce/CA');
    const landed = page.waitForURL(`**/workforce/CA/${YEAR}?stored=1`);
    await page.click('button#compute-workforce');
    assert.equal((await sent).resourceType(), 'xhr', 'the upload goes through upload-progress.js');
    await landed;
    await page.waitForLoadState('load');
    const explanations = (await page.locator('#explanations').innerText()).replace(/\s+/g, ' ');
    // Women 45,000, men 50,000 for the same hours: 10.0 % lower.
    assert.ok(explanations.includes("women's hourly pay is 10.0% lower than men's"), explanations);
    assert.equal((await page.locator('#pay-gap-mean').innerText()).trim(), '10.0%');
    assert.equal(await page.locator('svg[aria-labelledby="quartiles-title quartiles-desc"]').count(), 1);
    await checkA11y(page);
  });
});
