// No page wider than the window (issue 19): every page a role reaches from
// its menu, and the first detail page of each list, at desktop width
// (1280 px) and on a phone (375 px), for the Secretariat and for Benin's
// focal point (who reads gedhub in French). Each page is checked with axe.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  ACCOUNTS, DEMO_PASSWORD, launchBrowser, withPage, signIn, visit, checkA11y,
} from './lib.mjs';

const WIDTHS = [{ width: 1280, height: 800 }, { width: 375, height: 740 }];

/** Detail pages worth opening from a list: the first link of each kind. */
const DETAIL = /^\/(plans|workshops|assessments|missions|practices|candidates|administrations)\/[A-Za-z0-9]+$/;

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/** Every page of the menu, then the first detail page of each kind found on them. */
async function pagesOf(page) {
  const menu = await page.locator('#site-nav a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  const details = new Map();
  for (const path of menu) {
    await visit(page, path);
    await checkA11y(page);
    const hrefs = await page.locator('main a[href^="/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    for (const href of hrefs) {
      const match = href.match(DETAIL);
      if (match && !details.has(match[1])) details.set(match[1], href);
    }
  }
  return [...menu, ...details.values()];
}

for (const [who, email] of [['the Secretariat', ACCOUNTS.secretariat], ['a focal point', ACCOUNTS.focalBenin]]) {
  test(`no page is wider than the window for ${who}`, { timeout: 300_000 }, async () => {
    await withPage(browser, async (page) => {
      await page.setViewportSize(WIDTHS[0]);
      await signIn(page, email, DEMO_PASSWORD);
      await checkA11y(page);
      const paths = await pagesOf(page);
      assert.ok(paths.length >= 10, `pages found: ${paths.join(', ')}`);
      const wide = [];
      for (const size of WIDTHS) {
        await page.setViewportSize(size);
        for (const path of paths) {
          await visit(page, path);
          await checkA11y(page);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          if (overflow > 0) wide.push(`${path} at ${size.width} px: ${overflow} px too wide`);
        }
      }
      assert.deepEqual(wide, [], wide.join('\n'));
    });
  });
}
