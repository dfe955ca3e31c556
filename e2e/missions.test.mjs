// The pathway to Recognized GED Expert, end to end: Benin's focal point
// (French interface) asks for a GEOAT diagnostic in French; the Secretariat
// creates the mission and assigns a French-speaking Recognized Expert (Essi
// Amégan, demo) as lead and an invited candidate (Awa Ndiaye, demo) as
// co-facilitator from the suggestions; Essi reports and evaluates Awa
// positively; Awa then appears in the roster as a Recognized GED Expert
// with a verifiable credential whose public page names her.
// Every page is checked with axe.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  ACCOUNTS, BASE_URL, DEMO_PASSWORD, launchBrowser, withPage, signIn, signOut, navigateBy, visit,
  checkA11y, pathOf,
} from './lib.mjs';

const LEAD = 'essi.amegan@participants.gedhub.test';
const CANDIDATE = 'awa.ndiaye@participants.gedhub.test';
const CONTEXT = 'Diagnostic GEOAT de la direction générale des douanes (e2e)';

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

test('a French-speaking Member gets support and the candidate becomes a Recognized GED Expert', { timeout: 240_000 }, async () => {
  await withPage(browser, async (page) => {
    // Benin's focal point asks for support, in French.
    await signIn(page, ACCOUNTS.focalBenin, DEMO_PASSWORD);
    await checkA11y(page);
    await setLanguage(page, 'fr');
    await visit(page, '/support-requests');
    await checkA11y(page);
    assert.equal(await textOf(page.locator('h1')), 'Appui aux Membres');
    await page.selectOption('#support-kind', 'geoat_diagnostic');
    await page.selectOption('#support-language', 'fr');
    await page.selectOption('#support-mode', 'virtual');
    await page.fill('#support-from', '2027-02-01');
    await page.fill('#support-to', '2027-02-28');
    await page.fill('#support-context', CONTEXT);
    await navigateBy(page, () => page.click('#support-form button[type="submit"]'));
    await checkA11y(page);
    assert.match(await textOf(page.locator('[role="status"]')), /envoyée/);
    await setLanguage(page, 'auto');
    await signOut(page);
    await checkA11y(page);

    // The Secretariat opens it and creates the mission.
    await signIn(page, ACCOUNTS.secretariat, DEMO_PASSWORD);
    await checkA11y(page);
    await visit(page, '/support-requests');
    await checkA11y(page);
    const row = page.locator('#support-requests-table tbody tr', { hasText: 'Benin' }).first();
    await navigateBy(page, () => row.locator('a').click());
    await checkA11y(page);
    assert.ok((await textOf(page.locator('dl.facts'))).includes(CONTEXT));
    // A mission that has already taken place: its report and evaluations
    // are accepted only from its last day on (the HTTP tests check the refusal).
    const daysFromNow = (days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    await page.fill('#mission-start', daysFromNow(-10));
    await page.fill('#mission-end', daysFromNow(-8));
    await page.check('#area-P1');
    await navigateBy(page, () => page.click('#mission-form button[type="submit"]'));
    await checkA11y(page);
    const mission = pathOf(page);
    assert.match(mission, /^\/missions\/\d+$/);

    // Suggestions: French speakers first, each with its reasons.
    const suggestions = page.locator('#mission-suggestions tbody tr');
    assert.ok((await suggestions.count()) >= 3, 'the demo has experts and candidates');
    assert.match(await textOf(suggestions.first()), /speaks French/);
    const essi = page.locator('#mission-suggestions tbody tr', { hasText: 'Essi Amégan' });
    await navigateBy(page, () => essi.locator('button[value="lead"]').click());
    await checkA11y(page);
    const awa = page.locator('#mission-suggestions tbody tr', { hasText: 'Awa Ndiaye' });
    assert.match(await textOf(awa), /Invited/);
    await navigateBy(page, () => awa.locator('button[value="co_facilitator"]').click());
    await checkA11y(page);
    const team = await textOf(page.locator('#mission-team'));
    assert.match(team, /Essi Amégan Lead expert/);
    assert.match(team, /Awa Ndiaye Co-facilitator/);
    await signOut(page);
    await checkA11y(page);

    // The lead reports and evaluates the co-facilitator.
    await signIn(page, LEAD, DEMO_PASSWORD);
    await checkA11y(page);
    await visit(page, mission);
    await checkA11y(page);
    await page.fill('#report', 'Diagnostic GEOAT animé avec 12 cadres ; notes validées pour les six principes.');
    await page.fill('#recommendations', 'Adopter une politique GED écrite.');
    await navigateBy(page, () => page.click('#report-form button[type="submit"]'));
    await checkA11y(page);
    assert.match(await textOf(page.locator('#mission-status')), /Delivered/);
    const evaluation = page.locator('form[id^="evaluation-form-"]');
    const scores = evaluation.locator('input[type="number"]');
    assert.equal(await scores.count(), 4);
    for (let i = 0; i < 4; i += 1) await scores.nth(i).fill(String(4 + (i % 2)));
    await evaluation.locator('input[value="yes"]').check();
    await evaluation.locator('textarea').fill('Claire, à l\'aise avec les cadres supérieurs.');
    await navigateBy(page, () => evaluation.locator('button[type="submit"]').click());
    await checkA11y(page);
    assert.match(await textOf(page.locator('#mission-team')), /Awa Ndiaye Co-facilitator Positive/);
    await signOut(page);
    await checkA11y(page);

    // Awa is now on the roster of French-speaking Recognized GED Experts.
    await signIn(page, ACCOUNTS.focalBenin, DEMO_PASSWORD);
    await checkA11y(page);
    await visit(page, '/experts?language=fr');
    await checkA11y(page);
    const listed = page.locator('#roster-table tbody tr', { hasText: CANDIDATE });
    assert.equal(await listed.count(), 1);
    assert.match(await textOf(listed), /Recognized GED Expert/);
    await signOut(page);
    await checkA11y(page);

    // Her pathway shows the moves made by the mission.
    await signIn(page, CANDIDATE, DEMO_PASSWORD);
    await checkA11y(page);
    await navigateBy(page, () => page.click('nav a:has-text("My expert pathway")'));
    await checkA11y(page);
    assert.equal(await page.locator('#pathway-stage').getAttribute('data-stage'), 'recognized');
    const history = await textOf(page.locator('#pathway-history'));
    assert.match(history, /Supervised delivery Recognized GED Expert essi\.amegan/);

    // …and a verifiable credential, whose public page anyone can open.
    const credentials = await page.request.get(`/api/v1/candidates/${CANDIDATE}/credentials`);
    assert.equal(credentials.status(), 200);
    const list = await credentials.json();
    const recognition = list.find((c) => c.kind === 'expert_recognition');
    assert.ok(recognition, 'a recognition credential was issued');
    await signOut(page);
    await checkA11y(page);
    await visit(page, `/credentials/${recognition.id}/verify`);
    await checkA11y(page);
    assert.match(await textOf(page.locator('main')), /Awa Ndiaye/);
  });
});
