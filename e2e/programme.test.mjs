// The programme overview, end to end: the Secretariat filters the dashboard
// to a region, opens a Member, and downloads the annual programme report
// as a PDF in French; Benin's focal point sees their position against
// aggregates only. Every page is checked with axe.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  ACCOUNTS, DEMO_PASSWORD, launchBrowser, withPage, signIn, navigateBy, visit, checkA11y, pathOf, h1Text,
} from './lib.mjs';

const run = promisify(execFile);

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

async function textOf(locator) {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

test('the Secretariat filters the dashboard to a region, opens a Member and downloads the French report', { timeout: 180_000 }, async () => {
  await withPage(browser, async (page) => {
    await signIn(page, ACCOUNTS.secretariat, DEMO_PASSWORD);
    await checkA11y(page);
    await navigateBy(page, () => page.click('header nav a[href="/programme"]'));
    assert.equal(pathOf(page), '/programme');
    await checkA11y(page);
    // Every Member is listed before filtering.
    const before = await page.locator('#programme-members-table tbody tr').count();
    assert.equal(before, 186, 'every WCO Member');

    // West and Central Africa only.
    await page.selectOption('#region', 'WCA');
    await navigateBy(page, () => page.click('#programme-filters button[type="submit"]'));
    assert.match(page.url(), /region=WCA/);
    await checkA11y(page);
    const rows = page.locator('#programme-members-table tbody tr');
    const count = await rows.count();
    assert.ok(count > 5 && count < 40, `the region's Members only (${count})`);
    const members = await textOf(page.locator('#programme-members-table tbody'));
    assert.ok(members.includes('Benin'), 'Benin is in West and Central Africa');
    assert.ok(!members.includes('Belgium'), 'Belgium is not');
    // The map is drawn as an accessible image, its table beside it.
    assert.equal(await page.locator('#programme-map svg[role="img"]').count(), 1);
    assert.equal(await page.locator('#programme-regions svg[role="img"]').count(), 1);
    assert.ok((await textOf(page.locator('#programme-map-table'))).includes('Benin'));

    // Open Benin.
    await navigateBy(page, () => page.click('#programme-members-table a[href^="/programme/members/BJ"]'));
    assert.match(pathOf(page), /^\/programme\/members\/BJ$/);
    assert.match(await h1Text(page), /Benin/);
    await checkA11y(page);
    await page.goBack();
    assert.match(page.url(), /region=WCA/);
    await checkA11y(page);

    // The annual report in French for the region.
    const link = page.locator('#programme-report a[hreflang="fr"][href^="/programme/report.pdf"]');
    assert.match(await link.getAttribute('href'), /region=WCA/);
    const dir = await mkdtemp(path.join(tmpdir(), 'gedhub-e2e-programme-'));
    try {
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      assert.match(download.suggestedFilename(), /^gedhub-programme-.*region-WCA.*-fr\.pdf$/);
      const file = path.join(dir, 'programme.pdf');
      await download.saveAs(file);
      assert.ok((await stat(file)).size > 1000, 'the PDF is not empty');
      const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-'], { maxBuffer: 16 * 1024 * 1024 });
      const text = stdout.replace(/\s+/g, ' ');
      assert.ok(/rapport annuel du programme/i.test(text), 'the French title');
      for (const expected of ['Afrique occidentale et centrale', 'Bénin', 'Chiffres', 'Membres']) {
        assert.ok(text.includes(expected), `the PDF's text contains « ${expected} »`);
      }
      assert.ok(!text.includes('Belgique'), 'only the region\'s Members');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

test('a focal point sees their position against aggregates only', { timeout: 120_000 }, async () => {
  await withPage(browser, async (page) => {
    await signIn(page, ACCOUNTS.focalBenin, DEMO_PASSWORD);
    await checkA11y(page);
    await navigateBy(page, () => page.click('header nav a[href="/programme/position"]'));
    await checkA11y(page);
    const text = await textOf(page.locator('main'));
    assert.ok(text.includes('Benin'), 'their own administration');
    for (const other of ['Belgium', 'Canada', 'Senegal']) {
      assert.ok(!text.includes(other), `no other Member (${other})`);
    }
    const response = await visit(page, '/programme');
    assert.equal(response.status(), 403);
    await checkA11y(page);
  });
});
