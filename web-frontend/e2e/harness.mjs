/**
 * Browser tests' harness: Playwright (playwright-core, no downloaded browsers) driving Debian's chromium against the
 * running platform (infra/local/app.sh start), signing in through the real Keycloak login form with the demo users
 * from .runledger/dev.json. Every page fails its test on a console error or an uncaught exception; screenshots of
 * each view go to test-results/screenshots/ in light and dark at 1440x900 and 1280x720.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(HERE, '../..');
export const BASE_URL = process.env.RUNLEDGER_URL ?? 'http://127.0.0.1:8080';
const HOME = process.env.RUNLEDGER_HOME ?? join(ROOT, '.runledger');
const SCREENSHOTS = join(HERE, '..', 'test-results', 'screenshots');

export const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
];
export const SCHEMES = ['light', 'dark'];

export function devFile() {
  return JSON.parse(readFileSync(join(HOME, 'dev.json'), 'utf8'));
}

/** The demo login of a role in an organisation (acme unless named). */
export function login(role = 'MEMBER', org = 'acme') {
  const entry = devFile().orgs.find((o) => o.slug === org);
  const user = entry.users.find((u) => u.role === role);
  return { email: user.email, password: user.password, apiKeys: entry.apiKeys };
}

let browser;

export async function launch() {
  browser ??= await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return browser;
}

export async function close() {
  await browser?.close();
  browser = undefined;
}

/**
 * A fresh browser context (own cookies) with a page that records console errors and page errors. `errors` must be
 * empty at the end of every test (see `expectNoErrors`).
 */
export async function openPage({ scheme = 'light', viewport = VIEWPORTS[0] } = {}) {
  const b = await launch();
  const context = await b.newContext({ baseURL: BASE_URL, viewport, colorScheme: scheme });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  return { context, page, errors };
}

/**
 * The console errors a test did not expect. Chromium logs every 4xx answer as "Failed to load resource"; a test names
 * the few it causes on purpose (the signed-out 401 of "who am I", a rejected filter's 400), and everything else counts.
 */
export function unexpected(errors, allowed = []) {
  return errors.filter((error) => !allowed.some((pattern) => pattern.test(error)));
}

export const SIGNED_OUT = /status of 401 .*\/api\/v1\/(?:organisation|me\/organisations)\)$/;

/** Signs in through Keycloak's own login form, as a person would, and waits for the app's start page. */
export async function signIn(page, role = 'MEMBER') {
  const { email, password } = login(role);
  await page.goto('/');
  await page.getByRole('link', { name: 'Sign in' }).click();
  await keycloakLogin(page, email, password);
  await page.waitForURL((url) => url.origin === new URL(BASE_URL).origin);
  await page.getByRole('heading', { name: 'Projects' }).waitFor();
}

/** The same view in light and dark at both sizes; the caller brings the page to the view first. */
export async function screenshots(page, name, ready = async () => {}) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const saved = [];
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await ready();
      const path = join(SCREENSHOTS, `${name}-${scheme}-${viewport.width}x${viewport.height}.png`);
      await page.screenshot({ path });
      saved.push(path);
    }
  }
  await page.setViewportSize(VIEWPORTS[0]);
  await page.emulateMedia({ colorScheme: 'light' });
  return saved;
}

/** A project of the demo organisation by slug, through the API (the test's own lookup, not the UI's). */
export async function projectId(slug, org = 'acme') {
  const key = devFile().orgs.find((o) => o.slug === org).apiKeys.viewer;
  const answer = await fetch(`${BASE_URL}/api/v1/projects?limit=200`, { headers: { Authorization: `Bearer ${key}` } });
  const body = await answer.json();
  const project = body.items.find((p) => p.slug === slug);
  if (!project) throw new Error(`no project ${slug} in ${org}`);
  return project.id;
}

/**
 * Keycloak's form. With Organizations on, the realm asks for the username first and the password on a second page
 * (identity-first login); a realm without it shows both at once. Either way this fills what is shown.
 */
export async function keycloakLogin(page, email, password) {
  await page.locator('#username').fill(email);
  const password_ = page.locator('#password');
  if (!(await password_.isVisible())) {
    await page.locator('#kc-login').click();
    await password_.waitFor();
  }
  await password_.fill(password);
  await page.locator('#kc-login').click();
}

/** One signed-in page for a whole test file (signing in per test would cost seconds each). */
export async function signedInSession(role = 'VIEWER') {
  const session = await openPage();
  await signIn(session.page, role);
  // Signing in starts signed out: that 401 is expected.
  session.errors.splice(0, session.errors.length, ...unexpected(session.errors, [SIGNED_OUT]));
  return session;
}

/**
 * For a test file: signs in once before its tests and closes the browser after them. The returned object fills in
 * (page, errors, context) when the tests start.
 */
export function signedInForFile(role = 'VIEWER') {
  const session = {};
  before(async () => Object.assign(session, await signedInSession(role)));
  after(async () => {
    await session.context?.close();
    await close();
  });
  return session;
}

/** The body rows of the runs table that are in the DOM (it is virtualised: only those in view). */
export function runRows(page) {
  return page.getByRole('table', { name: 'Runs' }).locator('[role=rowgroup]').nth(1).getByRole('row');
}

/**
 * How many runs a project has now, through the API. The seeded sweep's count moves a little (the live run finishes
 * every ten minutes and the next one starts; only the last two finished ones are kept), so tests ask instead of
 * hard-coding it.
 */
export async function runTotal(project, org = 'acme') {
  const key = devFile().orgs.find((o) => o.slug === org).apiKeys.viewer;
  const answer = await fetch(`${BASE_URL}/api/v1/projects/${project}/runs/search`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ limit: 1, count: true }),
  });
  const body = await answer.json();
  return body.total;
}
