// The browser extension in Debian's Chromium: built from the sources into a
// temporary folder (test files may run in parallel), loaded unpacked into a
// persistent context (extensions need one), with every request outside the
// extension recorded and blocked unless the test allows it.
import { createHash } from 'node:crypto';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from '../../../www/extension/build.mjs';
import { CHROMIUM } from './browser.mjs';

/**
 * The id Chromium gives an unpacked extension: the SHA-256 of its folder's
 * absolute path, the first 16 bytes in hex, each digit 0-f written as a-p
 * (Chromium's crx_file::id_util GenerateIdForPath). The extension has no
 * background script to ask.
 */
export function unpackedExtensionId(dir) {
  const hex = createHash('sha256').update(realpathSync(dir)).digest('hex').slice(0, 32);
  return [...hex].map((d) => String.fromCharCode(97 + parseInt(d, 16))).join('');
}

/**
 * Builds the extension and starts Chromium with it.
 * @param {{allow?: string[]}} [options] origins or URL prefixes the pages may reach
 * @returns {Promise<{context, id, url: (path: string) => string, dir, zip, requests, outside, errors, close}>}
 */
export async function launchWithExtension({ allow = [] } = {}) {
  const out = mkdtempSync(join(tmpdir(), 'mxray-ext-'));
  const built = await build({ out: join(out, 'build') });
  const profile = join(out, 'profile');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    ignoreHTTPSErrors: true,
    // Playwright turns extensions off unless told otherwise.
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      `--disable-extensions-except=${built.dir}`,
      `--load-extension=${built.dir}`,
    ],
  });
  const id = unpackedExtensionId(built.dir);
  const origin = `chrome-extension://${id}/`;
  const requests = [];
  const outside = [];
  const allowed = (u) => u.startsWith(origin) || u.startsWith('data:') || u.startsWith('blob:') || allow.some((a) => u.startsWith(a));
  await context.route('**/*', (route) => {
    const u = route.request().url();
    requests.push(u);
    if (allowed(u)) return route.continue();
    outside.push(u);
    return route.abort('blockedbyclient');
  });
  const errors = [];
  const watch = (page) => {
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
  };
  context.on('page', watch);
  for (const p of context.pages()) watch(p);
  return {
    context,
    id,
    url: (path) => `${origin}${path}`,
    dir: built.dir,
    zip: built.zip,
    psl: built.psl,
    requests,
    outside,
    errors,
    async close() {
      await context.close().catch(() => {});
      rmSync(out, { recursive: true, force: true });
    },
  };
}
