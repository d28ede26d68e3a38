// Builds the website for one test file, into its own temporary folder (test
// files may run in parallel; each tests the sources as they are now), and
// serves the hosted build on loopback.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../../../www/site/build.mjs';
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
