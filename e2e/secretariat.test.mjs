// The secretariat signs in, sees the dashboard, switches the interface to
// French and back, then signs out and lands on the sign-in page.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  ACCOUNTS, DEMO_PASSWORD, launchBrowser, withPage, signIn, signOut,
  navigateBy, visit, checkA11y, pathOf, h1Text, htmlAttr,
} from './lib.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/** Clicks the header's language button for `locale`; returns the response. */
async function switchLanguage(page, locale) {
  const form = page.locator('header form[action="/account/language"]');
  assert.equal(await form.count(), 1, 'the header has one language form posting to /account/language');
  assert.equal((await form.getAttribute('method'))?.toLowerCase(), 'post', 'the language form uses POST');
  return navigateBy(page, () => form.locator(`button[name="locale"][value="${locale}"]`).click());
}

test('secretariat: dashboard, French interface, sign out', { timeout: 120_000 }, async () => {
  await withPage(browser, async (page) => {
    // Sign in: 303 to /dashboard.
    const dash = await signIn(page, ACCOUNTS.secretariat, DEMO_PASSWORD);
    assert.equal(dash.status(), 200, 'dashboard status after sign-in');
    assert.equal(pathOf(page), '/dashboard', 'sign-in redirects to /dashboard');
    assert.equal(await htmlAttr(page, 'lang'), 'en');
    assert.equal(await htmlAttr(page, 'dir'), 'ltr');
    assert.equal(await h1Text(page), 'Dashboard');
    await checkA11y(page);

    // The header of a signed-in page: nav, language switcher, sign-out.
    assert.ok((await page.locator('header nav').count()) >= 1, 'the header contains a <nav>');
    const lang = page.locator('header form[action="/account/language"]');
    assert.equal((await lang.locator('button[name="locale"][value="en"]').innerText()).trim(), 'English');
    assert.equal((await lang.locator('button[name="locale"][value="fr"]').innerText()).trim(), 'Français');
    const logout = page.locator('header form[action="/logout"]');
    assert.equal(await logout.count(), 1, 'the header has a sign-out form posting to /logout');
    assert.equal((await logout.getAttribute('method'))?.toLowerCase(), 'post', 'the sign-out form uses POST');
    assert.equal(await logout.locator('button[type="submit"]#sign-out').count(), 1, 'button#sign-out');

    // Switch to French.
    const fr = await switchLanguage(page, 'fr');
    assert.equal(fr.status(), 200, 'status after switching to French');
    assert.equal(await htmlAttr(page, 'lang'), 'fr');
    assert.equal(await htmlAttr(page, 'dir'), 'ltr');
    assert.equal(await h1Text(page), 'Tableau de bord');
    await checkA11y(page);

    // The choice is remembered on the next request.
    const again = await visit(page, '/dashboard');
    assert.equal(again.status(), 200);
    assert.equal(await htmlAttr(page, 'lang'), 'fr', 'French is kept on the next page');
    assert.equal(await h1Text(page), 'Tableau de bord');
    await checkA11y(page);

    // Back to English (keeps the demo data in its initial state).
    const en = await switchLanguage(page, 'en');
    assert.equal(en.status(), 200, 'status after switching to English');
    assert.equal(await htmlAttr(page, 'lang'), 'en');
    assert.equal(await h1Text(page), 'Dashboard');
    await checkA11y(page);

    // Sign out: redirect to /login.
    const out = await signOut(page);
    assert.equal(out.status(), 200, 'status of the sign-in page after sign-out');
    assert.equal(pathOf(page), '/login', 'sign-out lands on /login');
    assert.equal(await page.locator('#email').count(), 1, 'the sign-in form is shown');
    await checkA11y(page);

    // The session is gone.
    const after = await visit(page, '/dashboard');
    assert.ok(
      after.status() !== 200 || pathOf(page) === '/login',
      `GET /dashboard after sign-out must not show the dashboard (status ${after.status()}, ${page.url()})`,
    );
    await checkA11y(page);
  });
});
