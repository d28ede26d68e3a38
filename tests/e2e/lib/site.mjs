// Builds the website for one test file, into its own temporary folder (test
// files may run in parallel; each tests the sources as they are now), and
// serves the hosted build on loopback.
import { mkdtempSync, rmSync } from 'node:fs';
import { after, before } from 'node:test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../../../www/site/build.mjs';
import { launch } from './browser.mjs';
import { serveFolder } from './server.mjs';

/**
 * @returns {Promise<{site: string, single: string, url: string, server, close: () => Promise<void>}>}
 *   url: the hosted build's index.html on 127.0.0.1; single: the single file's path
 */
export async function builtSite() {
  const out = mkdtempSync(join(tmpdir(), 'mxray-site-'));
  const built = await build({ out });
  const server = await serveFolder(built.site);
  return {
    site: built.site,
    single: built.single,
    origin: server.url,
    url: `${server.url}index.html`,
    server,
    async close() {
      await server.close();
      rmSync(out, { recursive: true, force: true });
    },
  };
}

/**
 * For a test file: builds and serves the site and launches Chromium before
 * its tests (after `prepare`, if given), and stops both after them.
 * @returns {{site, chromium}} filled once the file's tests start
 */
export function withSite(prepare) {
  const env = { site: null, chromium: null };
  before(async () => {
    await prepare?.();
    env.site = await builtSite();
    env.chromium = await launch();
  });
  after(async () => {
    await env.chromium?.close();
    await env.site?.close();
  });
  return env;
}

/** The finding cards of the rendered report, as "rule severity name" lines. */
export const findingLines = (page) =>
  page.$$eval('#report .finding', (cards) => cards.map((c) => `${c.dataset.rule} ${c.dataset.severity} ${c.dataset.name}`));
