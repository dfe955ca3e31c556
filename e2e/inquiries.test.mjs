// Contact and inquiries, end to end: an anonymous visitor finds the
// Secretariat's address on the public contact page; Benin's focal point
// (French interface) sends an inquiry from the form; the Secretariat finds
// it in its inbox and answers; the focal point sees the answer in gedhub
// (and a notification). Every page is checked with axe.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  ACCOUNTS, BASE_URL, DEMO_PASSWORD, launchBrowser, withPage, signIn, signOut, navigateBy, visit,
  checkA11y, pathOf,
} from './lib.mjs';

const SUBJECT = 'Calendrier de la formation régionale (e2e)';
const ANSWER = 'La prochaine formation régionale aura lieu en mars (e2e).';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

async function textOf(locator) {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

async function setLanguage(page, locale) {
  const response = await page.request.post('/account/language', {
    form: { locale, return_to: '/dashboard' },
    headers: { Origin: BASE_URL },
    maxRedirects: 0,
  });
  assert.equal(response.status(), 303, `language ${locale}`);
}

test('a focal point asks the Secretariat in French and reads the answer', { timeout: 180_000 }, async () => {
  await withPage(browser, async (page) => {
    // Anyone sees the address; sending needs an account.
    await visit(page, '/login');
    await checkA11y(page);
    await navigateBy(page, () => page.click('footer a[href="/contact"]'));
    await checkA11y(page);
    assert.match(await textOf(page.locator('#contact-address')), /@/);
    assert.equal(await page.locator('#inquiry-form').count(), 0);
    assert.equal(await page.locator('#contact-sign-in').count(), 1);

    // Benin's focal point writes, in French.
    await signIn(page, ACCOUNTS.focalBenin, DEMO_PASSWORD);
    await checkA11y(page);
    await setLanguage(page, 'fr');
    await visit(page, '/contact');
    await checkA11y(page);
    assert.equal(await textOf(page.locator('#inquiry-form-heading')), 'Envoyer une demande');
    await page.selectOption('#inquiry-topic', 'training');
    await page.fill('#inquiry-subject', SUBJECT);
    await page.fill('#inquiry-message', 'Bonjour, quand aura lieu la prochaine formation régionale en français ?');
    // People take a few seconds to write; the form refuses faster senders.
    await page.waitForTimeout(3_500);
    await navigateBy(page, () => page.click('#inquiry-send'));
    await checkA11y(page);
    const inquiry = pathOf(page);
    assert.match(inquiry, /^\/inquiries\/\d+$/);
    assert.equal(await textOf(page.locator('#inquiry-status')), 'Nouvelle');
    await signOut(page);
    await checkA11y(page);

    // The Secretariat finds it among the new inquiries and answers.
    await signIn(page, ACCOUNTS.secretariat, DEMO_PASSWORD);
    await checkA11y(page);
    await visit(page, '/inquiries?status=new');
    await checkA11y(page);
    const row = page.locator('#inquiries-list tbody tr', { hasText: SUBJECT });
    assert.match(await textOf(row), /BJ/);
    await navigateBy(page, () => row.locator('a').click());
    await checkA11y(page);
    assert.equal(pathOf(page), inquiry);
    await page.fill('#inquiry-reply', ANSWER);
    await navigateBy(page, () => page.click('#inquiry-reply-send'));
    await checkA11y(page);
    assert.equal(await textOf(page.locator('#inquiry-status')), 'Answered');
    await signOut(page);
    await checkA11y(page);

    // The focal point is told, in French, and reads the answer.
    await signIn(page, ACCOUNTS.focalBenin, DEMO_PASSWORD);
    await checkA11y(page);
    await visit(page, '/notifications');
    await checkA11y(page);
    assert.match(await textOf(page.locator('main')), /Le Secrétariat a répondu à votre demande/);
    await visit(page, '/inquiries/mine');
    await checkA11y(page);
    const mine = page.locator('#inquiries-list tbody tr', { hasText: SUBJECT });
    assert.match(await textOf(mine), /Répondue/);
    await navigateBy(page, () => mine.locator('a').click());
    await checkA11y(page);
    assert.ok((await textOf(page.locator('#inquiry-thread'))).includes(ANSWER));
    await setLanguage(page, 'auto');
    await signOut(page);
    await checkA11y(page);
  });
});
