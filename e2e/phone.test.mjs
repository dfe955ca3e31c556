// On a phone (375 × 740 CSS pixels, touch): Benin's focal point opens the
// follow-up assessment in progress, reads a section without scrolling
// sideways, and saves one indicator; htmx replaces only that indicator (no
// page reload). Every page is checked with axe.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  ACCOUNTS, DEMO_PASSWORD, launchBrowser, withPage, signIn, navigateBy, visit, checkA11y, pathOf,
} from './lib.mjs';

const PHONE = { width: 375, height: 740 };

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/** Widest content on the page minus the viewport: > 0 means sideways scrolling. */
async function overflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

test('a focal point answers an indicator on a phone', { timeout: 90_000 }, async () => {
  await withPage(browser, async (page) => {
    await page.setViewportSize(PHONE);
    await signIn(page, ACCOUNTS.focalBenin, DEMO_PASSWORD);
    await checkA11y(page);
    assert.ok(await overflow(page) <= 0, 'the dashboard fits the phone');

    await visit(page, '/assessments');
    await checkA11y(page);
    assert.ok(await overflow(page) <= 0, 'the list of assessments fits the phone');
    const followUp = page.locator('a', { hasText: 'suivi' }).first();
    await navigateBy(page, () => followUp.click());
    const base = pathOf(page);
    assert.match(base, /^\/assessments\/\d+$/);
    await checkA11y(page);

    await visit(page, `${base}/sections/S`);
    await checkA11y(page);
    assert.ok(await overflow(page) <= 0, `the section page fits the phone (overflow ${await overflow(page)} px)`);
    await page.evaluate(() => { window.__phoneMarker = 1; });

    // A rating chosen with the thumb is saved at once, without a reload.
    const article = page.locator('article.indicator').first();
    const code = await article.getAttribute('data-code');
    const saved = page.waitForResponse(
      (r) => r.request().method() === 'PUT' && new URL(r.url()).pathname === `/api/v1${base}/answers/${code}`,
    );
    await article.locator(`input[name="rating:${code}"][value="3"]`).check();
    const response = await saved;
    assert.equal(response.status(), 200);
    await article.locator('.save-state[data-state="saved"]').waitFor();
    assert.equal(await page.evaluate(() => window.__phoneMarker), 1, 'the page was not reloaded');
    assert.ok(await overflow(page) <= 0, 'still no sideways scrolling after the save');
    await checkA11y(page);
  });
});
