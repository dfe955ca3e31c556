// A focal point only sees their own administration: another administration
// answers 404 "Page not found" without leaking any of its data.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  ACCOUNTS, DEMO_PASSWORD, launchBrowser, withPage, signIn, visit,
  checkA11y, pathOf, h1Text,
} from './lib.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/**
 * Signs in as `email`, opens the own administration (200, name in <h1>)
 * then the other one (404 page that does not mention it).
 */
async function checkScope(email, own, other) {
  await withPage(browser, async (page) => {
    const dash = await signIn(page, email, DEMO_PASSWORD);
    assert.equal(dash.status(), 200, 'status after sign-in');
    assert.equal(pathOf(page), '/dashboard', 'sign-in redirects to /dashboard');
    await checkA11y(page);

    const mine = await visit(page, `/administrations/${own.code}`);
    assert.equal(mine.status(), 200, `GET /administrations/${own.code} status`);
    const title = await h1Text(page);
    assert.ok(title.includes(own.name), `<h1> "${title}" names ${own.name}`);
    await checkA11y(page);

    const theirs = await visit(page, `/administrations/${other.code}`);
    assert.equal(theirs.status(), 404, `GET /administrations/${other.code} must answer 404`);
    assert.equal(pathOf(page), `/administrations/${other.code}`, 'no redirect to another page');
    assert.equal(await h1Text(page), 'Page not found');
    const body = await page.locator('body').innerText();
    assert.ok(!body.toLowerCase().includes(other.name.toLowerCase()), `the 404 page must not mention ${other.name}`);
    const html = await page.content();
    assert.ok(!html.toLowerCase().includes(other.email), `the 404 page must not mention ${other.email}`);
    await checkA11y(page);
  });
}

const BENIN = { code: 'BJ', name: 'Benin', email: ACCOUNTS.focalBenin };
const CANADA = { code: 'CA', name: 'Canada', email: ACCOUNTS.focalCanada };

test('the focal point of Benin sees BJ but gets 404 for CA', { timeout: 90_000 }, async () => {
  await checkScope(ACCOUNTS.focalBenin, BENIN, CANADA);
});

test('the focal point of Canada sees CA but gets 404 for BJ', { timeout: 90_000 }, async () => {
  await checkScope(ACCOUNTS.focalCanada, CANADA, BENIN);
});
