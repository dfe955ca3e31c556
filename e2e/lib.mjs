// Shared helpers for the gedhub end-to-end tests.
//
// The tests drive the system Chromium (/usr/bin/chromium, Debian package
// `chromium`) through playwright-core; no browser is ever downloaded. They
// run against an already running server whose address is given by
// GEDHUB_BASE_URL (scripts/test.sh starts `gedhub demo` and sets it).
//
// Accessibility: every page a test visits must be checked with axe-core
// (checkA11y). newPage() records each main-frame navigation, and
// withPage() fails the test if one of them was never checked, so a new
// test cannot silently skip the accessibility check.

import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

/** Base URL of the server under test, without a trailing slash. */
export const BASE_URL = (process.env.GEDHUB_BASE_URL ?? 'http://127.0.0.1:8080').replace(/\/+$/, '');

/** Password shared by every demo account (`gedhub demo`). */
export const DEMO_PASSWORD = 'demo-gedhub-2024';

/** Demo accounts created by `gedhub demo`. */
export const ACCOUNTS = Object.freeze({
  secretariat: 'secretariat@gedhub.test',
  focalBenin: 'focal.benin@gedhub.test',
  focalCanada: 'focal.canada@gedhub.test',
  expert: 'expert@gedhub.test',
  participant: 'participant@gedhub.test',
});

/** WCAG rule sets axe checks. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Violations with these impacts fail the test; others are only reported. */
const BLOCKING_IMPACTS = new Set(['serious', 'critical']);

const CHROMIUM_PATH = process.env.GEDHUB_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox', // the CI runs as root, where the sandbox cannot start
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Per-page list of main-frame navigations: { url, checked }. */
const visits = new WeakMap();

/**
 * Launches headless Chromium. launch() gives every browser a fresh,
 * throwaway user-data-dir.
 */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
  });
}

/**
 * Opens a new page in a fresh browser context (own cookie jar), with the
 * base URL set so that page.goto('/login') works. The context asks for
 * English so the interface starts in a known language.
 */
export async function newPage(browser) {
  const context = await browser.newContext({
    baseURL: BASE_URL,
    locale: 'en-US',
    extraHTTPHeaders: { 'Accept-Language': 'en-US,en;q=0.9' },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.setDefaultNavigationTimeout(30_000);
  const list = [];
  visits.set(page, list);
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) list.push({ url: frame.url(), checked: false });
  });
  return page;
}

/**
 * Runs `fn(page)` with a page from newPage(), then closes its browser
 * context. If `fn` succeeded, also fails when a page visited in it was not
 * checked with checkA11y(). An error thrown by `fn` is passed on as is.
 */
export async function withPage(browser, fn) {
  const page = await newPage(browser);
  try {
    await fn(page);
  } finally {
    await page.context().close();
  }
  const unchecked = (visits.get(page) ?? [])
    .filter((v) => !v.checked && v.url !== 'about:blank')
    .map((v) => v.url);
  assert.deepEqual(unchecked, [], `pages visited without an accessibility check: ${unchecked.join(', ')}`);
}

/**
 * Collects, from now on, every error the browser console shows for `page`:
 * script errors, inline styles or scripts the Content-Security-Policy
 * blocks ("Refused to apply inline style..."), failed loads. Returns the
 * list, which grows as the page runs; a test asserts it is still empty.
 */
export function collectConsoleErrors(page) {
  const errors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  return errors;
}

/**
 * Runs `action` (a click that submits a form, for instance) and returns the
 * final main-document response of the navigation it causes, after
 * following redirects, once the new page has loaded.
 */
export async function navigateBy(page, action) {
  const final = page.waitForResponse(
    (r) =>
      r.request().isNavigationRequest() &&
      r.frame() === page.mainFrame() &&
      !(r.status() >= 300 && r.status() < 400),
    { timeout: 30_000 },
  );
  await action();
  const response = await final;
  await page.waitForLoadState('load');
  return response;
}

/** Navigates to `path` (relative to BASE_URL) and returns the final response. */
export async function visit(page, path) {
  const response = await page.goto(path, { waitUntil: 'load' });
  assert.ok(response, `no response for ${path}`);
  return response;
}

/**
 * Signs in through the /login form and returns the final response (the
 * dashboard after the 303 on success, the 401 login page on failure).
 * The login page itself is checked with axe on the way.
 */
export async function signIn(page, email, password) {
  const login = await visit(page, '/login');
  assert.equal(login.status(), 200, 'GET /login status');
  await checkA11y(page);
  await page.fill('#email', email);
  await page.fill('#password', password);
  return navigateBy(page, () => page.click('#sign-in'));
}

/** Clicks the header's sign-out button and returns the final response. */
export async function signOut(page) {
  return navigateBy(page, () => page.click('#sign-out'));
}

/** Path of the page's current URL, e.g. "/dashboard". */
export function pathOf(page) {
  return new URL(page.url()).pathname;
}

/** Trimmed text of the page's first <h1>. */
export async function h1Text(page) {
  return (await page.locator('h1').first().innerText()).trim();
}

/** Value of an attribute of the root <html> element. */
export async function htmlAttr(page, name) {
  return page.locator('html').getAttribute(name);
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the current page and
 * throws an error listing every violation of impact "serious" or
 * "critical". Lesser violations are printed as warnings. Returns the axe
 * results, or null for a document that is not HTML.
 *
 * AxeBuilder evaluates axe through the DevTools protocol, so the server's
 * strict Content-Security-Policy (no inline scripts) does not block it;
 * bypassCSP is deliberately not used.
 */
export async function checkA11y(page) {
  const url = page.url();
  const list = visits.get(page);
  const last = list?.findLast((v) => v.url === url);
  // axe applies to HTML documents only (not JSON, CSV, images...).
  const contentType = await page.evaluate(() => document.contentType);
  if (contentType !== 'text/html' && contentType !== 'application/xhtml+xml') {
    console.warn(`axe: skipped ${url} (${contentType}, not an HTML page)`);
    if (last) last.checked = true;
    return null;
  }
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  if (last) last.checked = true;

  const describe = (v) => {
    const nodes = v.nodes
      .slice(0, 5)
      .map((n) => `      - ${n.target.join(' ')}: ${n.html.slice(0, 200)}`)
      .join('\n');
    const more = v.nodes.length > 5 ? `\n      ... and ${v.nodes.length - 5} more` : '';
    return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}${more}`;
  };
  const blocking = results.violations.filter((v) => BLOCKING_IMPACTS.has(v.impact));
  const minor = results.violations.filter((v) => !BLOCKING_IMPACTS.has(v.impact));
  if (minor.length > 0) {
    console.warn(`axe: non-blocking violations on ${url}:\n${minor.map(describe).join('\n')}`);
  }
  if (blocking.length > 0) {
    throw new Error(
      `axe: ${blocking.length} serious/critical accessibility violation(s) on ${url}:\n` +
        blocking.map(describe).join('\n'),
    );
  }
  return results;
}
