// Debian's Chromium driven by playwright-core, with every request that
// leaves the page recorded, and blocked unless a test allows its host.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
export const SITE = join(ROOT, 'build/site');
export const SINGLE = join(ROOT, 'build/site-single/mxray.html');
export const SHOTS = join(ROOT, 'build/e2e-screenshots');
export const CHROMIUM = process.env.MXRAY_CHROMIUM ?? '/usr/bin/chromium';

// No component updates, no sync, no QUIC: nothing but what the page asks for.
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

/** Launches Chromium (playwright gives each launch a fresh temporary profile). */
export async function launch() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  return {
    browser,
    close: () => browser.close().catch(() => {}),
  };
}

/**
 * A new page whose requests are watched: `requests` lists every URL the page
 * and its workers ask for; `outside` those not to an allowed origin (they are
 * aborted). `errors` collects page errors, console errors and CSP violations.
 * @param browser
 * @param {{allow?: string[], contextOptions?: object}} [options] allow: origins or URL prefixes
 */
export async function newPage(browser, { allow = [], contextOptions = {} } = {}) {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, serviceWorkers: 'block', ...contextOptions });
  const requests = [];
  const outside = [];
  const allowed = (url) => url.startsWith('data:') || url.startsWith('blob:') || allow.some((a) => url.startsWith(a));
  await context.route('**/*', (route) => {
    const url = route.request().url();
    requests.push(url);
    if (allowed(url)) return route.continue();
    outside.push(url);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  return { context, page, requests, outside, errors };
}

/** Saves a full-page screenshot as build/e2e-screenshots/NAME.png. */
export async function screenshot(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** Waits until the page has a finished report (or failed). */
export async function waitForResult(page, timeout = 30000) {
  try {
    await page.waitForFunction(() => ['done', 'error', 'cancelled'].includes(document.body.dataset.state), null, { timeout });
  } catch (e) {
    const seen = await page
      .evaluate(() => ({ state: document.body.dataset.state, progress: document.getElementById('progress-text')?.textContent, error: document.getElementById('form-error')?.textContent, files: [...document.querySelectorAll('.file-name')].map((n) => n.textContent) }))
      .catch((x) => x.message);
    throw new Error(`no result within ${timeout} ms: ${JSON.stringify(seen)}`, { cause: e });
  }
  return page.evaluate(() => document.body.dataset.state);
}
