// Accessibility sweep: axe-core on the public pages and on every page the
// secretariat's navigation links to (other tests check the pages they visit
// themselves; lib.mjs fails a test that skips a page).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  ACCOUNTS, BASE_URL, DEMO_PASSWORD, launchBrowser, withPage, signIn,
  visit, checkA11y, h1Text,
} from './lib.mjs';

/** Upper bound on the number of navigation links followed. */
const MAX_PAGES = 40;

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('the sign-in page passes axe', { timeout: 90_000 }, async () => {
  await withPage(browser, async (page) => {
    const login = await visit(page, '/login');
    assert.equal(login.status(), 200, 'GET /login');
    await checkA11y(page);
  });
});

test('every page in the secretariat navigation passes axe', { timeout: 300_000 }, async (t) => {
  await withPage(browser, async (page) => {
    const dash = await signIn(page, ACCOUNTS.secretariat, DEMO_PASSWORD);
    assert.equal(dash.status(), 200);
    assert.equal(await h1Text(page), 'Dashboard');
    await checkA11y(page);

    // Same-origin links of the header navigation (GET pages; not downloads).
    const hrefs = await page
      .locator('header nav a[href]:not([download])')
      .evaluateAll((links) => links.map((a) => a.href));
    const urls = [...new Set(hrefs)]
      .map((href) => new URL(href))
      .filter((u) => u.origin === new URL(BASE_URL).origin && u.pathname !== '/logout')
      .map((u) => u.pathname + u.search);
    assert.ok(urls.length > 0, 'the header navigation has links');
    t.diagnostic(`navigation pages: ${urls.join(' ')}`);

    const failures = [];
    for (const url of urls.slice(0, MAX_PAGES)) {
      const response = await visit(page, url);
      if (response.status() !== 200) {
        failures.push(`${url}: status ${response.status()}`);
      }
      try {
        await checkA11y(page);
      } catch (e) {
        failures.push(e.message);
      }
    }
    assert.deepEqual(failures, [], `navigation pages with problems:\n${failures.join('\n')}`);

    // The "not found" page of a signed-in user.
    const missing = await visit(page, '/this-page-does-not-exist');
    assert.equal(missing.status(), 404, 'an unknown path answers 404');
    assert.equal(await h1Text(page), 'Page not found');
    await checkA11y(page);
  });
});
