// Signing in with a wrong password: the login page comes back with status
// 401 and an error message (role="alert"), and the browser stays on /login.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  ACCOUNTS, launchBrowser, withPage, signIn, checkA11y, pathOf,
} from './lib.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/** Signs in with the given credentials; returns the status and alert text. */
async function failedSignIn(page, email, password) {
  const response = await signIn(page, email, password);
  assert.equal(response.status(), 401, 'status of a failed sign-in');
  assert.equal(pathOf(page), '/login', 'a failed sign-in stays on /login');
  const alert = page.locator('[role="alert"]');
  assert.equal(await alert.count(), 1, 'exactly one role="alert" element');
  assert.ok(await alert.isVisible(), 'the error message is visible');
  const text = (await alert.innerText()).trim();
  assert.ok(text.length > 0, 'the error message is not empty');
  // The form is shown again so the user can retry.
  assert.equal(await page.locator('#email').count(), 1, 'the email field is shown again');
  assert.equal(await page.locator('#password').inputValue(), '', 'the password is not echoed back');
  await checkA11y(page);
  return text;
}

test('a wrong password shows an error and stays on /login', { timeout: 90_000 }, async () => {
  await withPage(browser, async (page) => {
    const message = await failedSignIn(page, ACCOUNTS.secretariat, 'not-the-password');
    // No session was opened: the dashboard is still out of reach.
    const dash = await page.goto('/dashboard');
    assert.ok(
      dash.status() !== 200 || pathOf(page) === '/login',
      `GET /dashboard without a session must not show the dashboard (status ${dash.status()}, ${page.url()})`,
    );
    await checkA11y(page);

    // An unknown account gets the same message (no account enumeration).
    const unknown = await failedSignIn(page, 'nobody@gedhub.test', 'not-the-password');
    assert.equal(unknown, message, 'same error for an unknown email and a wrong password');
  });
});
