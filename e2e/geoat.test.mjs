// Test d'acceptation GEOAT : le point focal du Bénin, interface en français,
// commence une nouvelle évaluation, répond à toute la section P1 (htmx : seul
// l'indicateur est remplacé, la page ne se recharge pas), soumet
// l'évaluation, puis télécharge le rapport PDF ; pdftotext doit y trouver les
// noms des sections en français, l'administration et la justification saisie.
//
// L'évaluation est créée par le test : il ne dépend pas des évaluations de
// démonstration. La langue choisie est enregistrée dans le compte : elle est
// remise sur « auto » à la fin, pour les autres tests de ce compte.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  ACCOUNTS, BASE_URL, DEMO_PASSWORD, launchBrowser, withPage, signIn,
  navigateBy, visit, checkA11y, pathOf, h1Text, htmlAttr, collectConsoleErrors,
} from './lib.mjs';

const run = promisify(execFile);

const INSTRUMENT = 'gedhub-geoat-2023';
const SECTION = 'P1';
const TITLE = `Auto-évaluation e2e ${Date.now()}`;
const JUSTIFICATION = 'Grille salariale unique publiée pour les femmes et les hommes';
/** Notes données tour à tour aux indicateurs de P1. */
const RATINGS = ['4', '2', '5', 'na', '0', '3', '1'];
/** Noms français des sections attendus dans le PDF. */
const SECTIONS_FR = [
  'Politiques transversales – Mise en œuvre',
  'Emploi et rémunération',
  'Sûreté et sécurité',
];

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/** Texte d'un élément, espaces normalisés. */
async function textOf(locator) {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

/** Choisit la langue de l'interface avec le formulaire de l'en-tête. */
async function switchLanguage(page, locale) {
  const form = page.locator('header form[action="/account/language"]');
  return navigateBy(page, () => form.locator(`button[name="locale"][value="${locale}"]`).click());
}

/** Remet la langue du compte sur « auto » (requête directe, même origine). */
async function resetLanguage(page) {
  const response = await page.request.post('/account/language', {
    form: { locale: 'auto', return_to: '/dashboard' },
    headers: { Origin: BASE_URL },
    maxRedirects: 0,
  });
  assert.equal(response.status(), 303, 'remise de la langue sur « auto »');
}

test('GEOAT : un point focal répond à une section, soumet et télécharge le PDF en français', { timeout: 120_000 }, async (t) => {
  await withPage(browser, async (page) => {
    const dash = await signIn(page, ACCOUNTS.focalBenin, DEMO_PASSWORD);
    assert.equal(dash.status(), 200, 'statut après connexion');
    assert.equal(pathOf(page), '/dashboard');
    await checkA11y(page);

    try {
      // Interface en français.
      const fr = await switchLanguage(page, 'fr');
      assert.equal(fr.status(), 200, 'statut après le choix du français');
      assert.equal(await htmlAttr(page, 'lang'), 'fr');
      await checkA11y(page);

      // Nouvelle évaluation.
      const list = await visit(page, '/assessments');
      assert.equal(list.status(), 200, 'GET /assessments');
      assert.equal(await h1Text(page), 'Évaluations');
      await checkA11y(page);
      await page.selectOption('select#instrument', INSTRUMENT);
      await page.fill('input#title', TITLE);
      const created = await navigateBy(page, () => page.click('button#start-assessment'));
      assert.equal(created.status(), 200, 'statut de la page de l’évaluation créée');
      const match = pathOf(page).match(/^\/assessments\/(\d+)$/);
      assert.ok(match, `redirection vers /assessments/{id}, obtenu ${page.url()}`);
      const base = `/assessments/${match[1]}`;
      t.diagnostic(`évaluation créée : ${base}`);
      assert.equal(await h1Text(page), TITLE);
      assert.equal(await textOf(page.locator('#assessment-status')), 'Brouillon');
      const overviewText = await textOf(page.locator('main'));
      for (const name of SECTIONS_FR) {
        assert.ok(overviewText.includes(name), `la vue d’ensemble nomme la section « ${name} »`);
      }
      await checkA11y(page);

      // Section P1 : chaque réponse est enregistrée au fil de la saisie, sans
      // navigation ni bouton, et le focus reste où il était ; la console
      // reste vide (aucun style en ligne bloqué par la CSP, ticket 19).
      const consoleErrors = collectConsoleErrors(page);
      const sectionLink = page.locator(`a[href="${base}/sections/${SECTION}"]`);
      assert.equal(await sectionLink.count(), 1, 'un lien vers la section P1');
      const section = await navigateBy(page, () => sectionLink.click());
      assert.equal(section.status(), 200, `GET ${base}/sections/${SECTION}`);
      assert.equal(pathOf(page), `${base}/sections/${SECTION}`);
      await checkA11y(page);
      const sectionUrl = page.url();
      await page.evaluate(() => { window.__e2eMarker = 1; });
      const putTo = (code) => page.waitForResponse(
        (r) => r.request().method() === 'PUT'
          && new URL(r.url()).pathname === `/api/v1${base}/answers/${code}`,
      );
      const leaveWarns = () => page.evaluate(() => {
        const event = new Event('beforeunload', { cancelable: true });
        window.dispatchEvent(event);
        return event.defaultPrevented;
      });

      const ids = await page.locator('article.indicator').evaluateAll((els) => els.map((e) => e.id));
      assert.ok(ids.length >= 5, `la section P1 a des indicateurs (${ids.length})`);
      for (const [i, id] of ids.entries()) {
        assert.match(id, /^indicator-P1-[A-Z]-\d+$/, `identifiant d’indicateur ${id}`);
        const article = page.locator(`article#${id}`);
        const code = await article.getAttribute('data-code');
        const rating = RATINGS[i % RATINGS.length];
        const saved = putTo(code);
        await article.locator(`input[name="rating:${code}"][value="${rating}"]`).check();
        const response = await saved;
        assert.equal(response.status(), 200, `enregistrement de ${id}`);
        await article.locator('.save-state[data-state="saved"]', { hasText: 'Enregistré.' }).waitFor();
        assert.equal(
          await page.evaluate(() => document.activeElement?.getAttribute('name')),
          `rating:${code}`,
          `${id} : le focus reste sur la note choisie`,
        );
        if (i === 0) {
          // Un texte est enregistré quand la saisie s’arrête ; d’ici là, quitter
          // la page demande confirmation.
          const textarea = article.locator(`textarea[name="justification:${code}"]`);
          const textSaved = putTo(code);
          await textarea.fill(JUSTIFICATION);
          assert.equal(await leaveWarns(), true, 'quitter avec une saisie non enregistrée avertit');
          assert.equal((await textSaved).status(), 200, 'la justification est enregistrée');
          await article.locator('.save-state[data-state="saved"]').waitFor();
          assert.equal(
            await page.evaluate(() => document.activeElement?.id),
            `justification-${id}`,
            'le focus reste dans la justification',
          );
          assert.equal(await leaveWarns(), false, 'tout est enregistré : pas d’avertissement');
        }
      }
      assert.deepEqual(consoleErrors, [], 'aucune erreur dans la console pendant les enregistrements');
      assert.equal(page.url(), sectionUrl, 'la page de section n’a pas changé d’adresse');
      assert.equal(await page.evaluate(() => window.__e2eMarker), 1, 'la page n’a pas été rechargée');
      assert.equal(
        await page.locator(`article#${ids[0]} textarea[name^="justification:"]`).inputValue(),
        JUSTIFICATION,
      );
      assert.equal(
        await textOf(page.locator('#section-save-state')),
        'Toutes les réponses de cette section sont enregistrées.',
      );
      await checkA11y(page); // la page après les enregistrements

      // Rechargée, la page montre ce qui a été enregistré.
      await visit(page, `${base}/sections/${SECTION}`);
      await checkA11y(page);
      assert.equal(
        await page.locator(`article#${ids[0]} textarea[name^="justification:"]`).inputValue(),
        JUSTIFICATION,
      );

      // Vue d'ensemble : P1 complète, statut « En cours ».
      const overview = await visit(page, base);
      assert.equal(overview.status(), 200);
      assert.equal(await textOf(page.locator('#assessment-status')), 'En cours');
      const row = page.locator('tbody tr', { has: page.locator(`a[href="${base}/sections/${SECTION}"]`) });
      const progress = await textOf(row.locator('td').first());
      const [answered, total] = progress.split('/').map((s) => Number(s.trim()));
      assert.equal(total, ids.length, `total de P1 (${progress})`);
      assert.equal(answered, total, `P1 entièrement répondue (${progress})`);
      await checkA11y(page);

      // Soumission.
      const submit = page.locator('#transition-submit');
      assert.equal(await textOf(submit), 'Soumettre pour validation');
      // Des indicateurs restent sans réponse : la page demande confirmation.
      await navigateBy(page, () => submit.click());
      assert.equal(await textOf(page.locator('#assessment-status')), 'En cours');
      assert.match(await textOf(page.locator('#confirm-submit')), /sont sans réponse/);
      await checkA11y(page);
      const submitted = await navigateBy(page, () => page.click('#transition-submit-confirm'));
      assert.equal(submitted.status(), 200, 'statut après la soumission');
      assert.equal(pathOf(page), base);
      assert.equal(await textOf(page.locator('#assessment-status')), 'Soumise');
      assert.equal(await page.locator('#transition-submit').count(), 0, 'plus de bouton « Soumettre »');
      await checkA11y(page);

      // La section est désormais en lecture seule.
      await visit(page, `${base}/sections/${SECTION}`);
      const fieldsets = page.locator('article.indicator fieldset');
      assert.equal(await fieldsets.count(), ids.length);
      const enabled = await fieldsets.evaluateAll((els) => els.filter((f) => !f.disabled).length);
      assert.equal(enabled, 0, 'tous les formulaires de réponse sont désactivés');
      await checkA11y(page);

      // Rapport puis PDF.
      const report = await visit(page, `${base}/report`);
      assert.equal(report.status(), 200);
      assert.ok((await h1Text(page)).startsWith('Rapport de diagnostic'), `titre du rapport : ${await h1Text(page)}`);
      // Soumise, pas encore validée : provisoire sur la page et dans le
      // graphique, dont les axes portent les noms des sections et la légende
      // nomme la ligne de l’administration.
      assert.match(await page.locator('#provisional-note').innerText(), /^Provisoire\u00a0: /);
      const radar = page.locator('#radar svg');
      assert.match(await radar.locator('text.provisional').textContent(), /^Provisoire/);
      const radarText = await radar.evaluate((svg) => svg.textContent.replace(/\s+/g, ' '));
      for (const expected of ['Emploi et rémunération', 'Bénin – cette évaluation']) {
        assert.ok(radarText.includes(expected), `le graphique contient « ${expected} »`);
      }
      await checkA11y(page);
      const link = page.locator('#download-pdf');
      assert.equal(await link.getAttribute('href'), `${base}/report.pdf`);

      const dir = await mkdtemp(path.join(tmpdir(), 'gedhub-e2e-pdf-'));
      try {
        const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
        assert.match(download.suggestedFilename(), /\.pdf$/, 'nom du fichier téléchargé');
        const file = path.join(dir, 'rapport.pdf');
        await download.saveAs(file);
        assert.ok((await stat(file)).size > 1000, 'le PDF n’est pas vide');
        const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-'], { maxBuffer: 16 * 1024 * 1024 });
        const text = stdout.replace(/\s+/g, ' ');
        for (const expected of [...SECTIONS_FR, 'Bénin', JUSTIFICATION, 'Provisoire']) {
          assert.ok(text.includes(expected), `le texte du PDF contient « ${expected} »`);
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
      assert.equal(pathOf(page), `${base}/report`, 'le téléchargement laisse la page du rapport');
    } finally {
      await resetLanguage(page);
    }
  });
});
