// Verifiable credentials: the demo expert's recognition credential has a
// public verification page (no sign-in, English and French) that passes
// axe, and its signed form is downloadable.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  ACCOUNTS, DEMO_PASSWORD, launchBrowser, withPage, signIn, signOut,
  visit, checkA11y, h1Text, navigateBy, htmlAttr,
} from './lib.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('the verification page of a credential is public, bilingual and accessible', { timeout: 120_000 }, async () => {
  await withPage(browser, async (page) => {
    const dash = await signIn(page, ACCOUNTS.expert, DEMO_PASSWORD);
    assert.equal(dash.status(), 200);
    await checkA11y(page);
    const api = await page.request.get(`/api/v1/candidates/${ACCOUNTS.expert}/credentials`);
    assert.equal(api.status(), 200);
    const credentials = await api.json();
    const recognition = credentials.find((c) => c.kind === 'expert_recognition');
    assert.ok(recognition, 'the demo expert holds a recognition credential');
    assert.equal(recognition.status, 'valid');
    await signOut(page);
    await checkA11y(page);

    // Anonymous from here on.
    const verify = await visit(page, `/credentials/${recognition.id}/verify`);
    assert.equal(verify.status(), 200);
    assert.equal(await h1Text(page), 'Verify a credential');
    assert.equal(await page.locator('#credential-status').getAttribute('data-status'), 'valid');
    assert.match(await page.locator('#credential-achievement').innerText(), /Recognized GED Expert/);
    await checkA11y(page);

    await navigateBy(page, () => page.click('button[name="locale"][value="fr"]'));
    assert.equal(await htmlAttr(page, 'lang'), 'fr');
    assert.equal(await h1Text(page), 'Vérifier une attestation');
    await checkA11y(page);

    const jwt = await page.request.get(`/credentials/${recognition.id}.jwt`);
    assert.equal(jwt.status(), 200);
    assert.equal((await jwt.text()).split('.').length, 3);
  });
});
