// Action plans: Benin's focal point starts a plan from the validated
// diagnostic (its gaps offered as a checklist), adopts it, adds an M&E
// indicator, measures it twice and sees the chart with both values, the
// status and the history. The Secretariat then sees the plan in the
// cross-Member overview. Every page is checked with axe.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  ACCOUNTS, DEMO_PASSWORD, launchBrowser, withPage, signIn, navigateBy, visit, checkA11y, pathOf,
} from './lib.mjs';

const TITLE = `Plan e2e ${Date.now()}`;

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

async function textOf(locator) {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

test('from a validated diagnostic to an adopted plan with a measured indicator', { timeout: 120_000 }, async () => {
  await withPage(browser, async (page) => {
    await signIn(page, ACCOUNTS.focalBenin, DEMO_PASSWORD);
    await checkA11y(page);
    const list = await visit(page, '/plans');
    assert.equal(list.status(), 200);
    await checkA11y(page);

    // The validated demo assessment is offered; its gaps come as a checklist.
    const start = page.locator('a[href^="/plans/new?assessment="]').first();
    await navigateBy(page, () => start.click());
    await checkA11y(page);
    const gaps = page.locator('input[name="gap"]');
    const gapCount = await gaps.count();
    assert.ok(gapCount >= 2, `gaps offered: ${gapCount}`);
    // Nothing is ticked for the user (issue 19): they choose the gaps.
    for (let i = 0; i < gapCount; i++) {
      assert.equal(await gaps.nth(i).isChecked(), false, 'no gap is ticked in advance');
    }
    await gaps.nth(0).check();
    await gaps.nth(1).check();
    const chosen = [await gaps.nth(0).getAttribute('value'), await gaps.nth(1).getAttribute('value')];
    await page.fill('#title', TITLE);
    await page.fill('#owner', 'Direction des ressources humaines');
    await navigateBy(page, () => page.click('#create-plan'));
    assert.match(pathOf(page), /^\/plans\/\d+$/);
    const planPath = pathOf(page);
    await checkA11y(page);
    const objectives = await textOf(page.locator('#objectives'));
    for (const code of chosen) assert.ok(objectives.includes(code), `objective for ${code}: ${objectives}`);

    // Adopt the plan.
    await navigateBy(page, () => page.click('#plan-transition'));
    await checkA11y(page);
    assert.match(await textOf(page.locator('#plan-status')), /Adopted|Adopté/);

    // An indicator with a milestone.
    await page.fill('#name_en', 'Women among border post chiefs');
    await page.fill('#name_fr', 'Femmes cheffes de poste frontière');
    await page.selectOption('#unit', 'percent');
    await page.fill('#baseline_value', '10');
    await page.fill('#baseline_date', '2024-01-01');
    await page.fill('#target_value', '30');
    await page.fill('#target_date', '2027-12-31');
    await page.fill('#milestones', '2025-12-31 18');
    await navigateBy(page, () => page.click('#add-indicator-button'));
    assert.match(pathOf(page), new RegExp(`^${planPath}/indicators/\\d+$`));
    await checkA11y(page);
    assert.match(await textOf(page.locator('#indicator-status')), /No data|Pas de données/);

    // Two measurements.
    for (const [date, value] of [['2025-06-30', '15'], ['2026-06-30', '21,5']]) {
      await page.fill('#date', date);
      await page.fill('#value', value);
      await page.fill('#comment', 'Recensement RH');
      await navigateBy(page, () => page.click('#record-button'));
      await checkA11y(page);
    }
    const rows = page.locator('#measurements-table tbody tr');
    assert.equal(await rows.count(), 2);
    const chart = page.locator('#indicator-chart svg');
    await chart.waitFor();
    assert.ok(await chart.isVisible(), 'the chart is visible');
    const svg = await chart.evaluate((node) => node.outerHTML);
    assert.ok(svg.includes('2025-06-30') && svg.includes('2026-06-30'), 'both measurements are drawn');
    assert.ok(!svg.includes('NaN'), 'no NaN in the chart');
    const status = await textOf(page.locator('#indicator-status'));
    assert.match(status, /On track|At risk|Off track|Achieved|En bonne voie|À risque|Hors trajectoire|Atteint/, status);
    await checkA11y(page);

    // The plan's dashboard shows the indicator with its status.
    await visit(page, planPath);
    await checkA11y(page);
    const table = await textOf(page.locator('#indicators-table'));
    assert.ok(table.includes('Women among border post chiefs') || table.includes('Femmes cheffes de poste frontière'), table);
  });

  // The Secretariat sees it among every Member's plans.
  await withPage(browser, async (page) => {
    await signIn(page, ACCOUNTS.secretariat, DEMO_PASSWORD);
    await checkA11y(page);
    await visit(page, '/plans');
    const overview = await textOf(page.locator('#plans-table'));
    assert.ok(overview.includes(TITLE), overview);
    await checkA11y(page);
  });
});

test('another Member does not see the plan', { timeout: 60_000 }, async () => {
  await withPage(browser, async (page) => {
    await signIn(page, ACCOUNTS.focalCanada, DEMO_PASSWORD);
    await checkA11y(page);
    await visit(page, '/plans');
    await checkA11y(page);
    const body = await textOf(page.locator('main'));
    assert.ok(!body.includes('Douanes du Bénin'), body);
    const response = await visit(page, '/plans/1');
    assert.equal(response.status(), 404);
    await checkA11y(page);
  });
});
