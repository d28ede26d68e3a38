// The real nsd + dnsdist harness (tests/resolver/resolver.mjs) serving zones a test
// writes out as text: each text goes to `<origin>zone` in a fresh temp dir, with any
// zone files given as they are, and stop() stops the daemons and removes the dir.
//
//   const r = await serveZones({ 'auth.test.': ZONE }, { prefix: 'mxray-transport-' });
//   // r.url (DoH), r.do53 (nsd itself) ... as startResolver gives them
//   await r.stop();
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startResolver } from '../../resolver/resolver.mjs';
import { ownTempDir, removeTempDir } from '../../lib/daemon.mjs';

/**
 * @param {Record<string, string>} texts zone text by absolute origin ('auth.test.')
 * @param {{zones?: {origin: string, file: string}[], prefix?: string} & object} options
 *   zones: zone files served beside the texts; prefix: the temp dir's; the rest goes to startResolver
 */
export async function serveZones(texts, { zones = [], prefix = 'mxray-zones-', ...options } = {}) {
  const dir = ownTempDir(prefix);
  const written = Object.entries(texts).map(([origin, text]) => {
    const file = join(dir, `${origin}zone`);
    writeFileSync(file, text);
    return { origin, file };
  });
  let resolver;
  try {
    resolver = await startResolver({ ...options, zones: [...zones, ...written] });
  } catch (e) {
    removeTempDir(dir);
    throw e;
  }
  const stop = async () => {
    await resolver.stop();
    removeTempDir(dir);
  };
  return { ...resolver, zoneDir: dir, stop };
}
