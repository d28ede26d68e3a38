// The scenarios of tests/scenarios/ run through the wasm core as the words
// tests need them: offline from the zones of input/, live from the recorded
// answers.json, or both, each giving its report (the fix written into each
// zone) and its facts.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createSession } from '../../../www/lib/session.js';
import { replay } from '../../scenarios/lib/replay.mjs';
import { readZones } from './zones.mjs';

export const scenarioRoot = fileURLToPath(new URL('../../scenarios/', import.meta.url));

/** Each scenario as {name, dir, sc (its scenario.json), modes (those its expectations name)}, by name. */
export function scenarios() {
  return readdirSync(scenarioRoot)
    .filter((d) => existsSync(`${scenarioRoot}${d}/scenario.json`))
    .sort()
    .map((name) => {
      const dir = `${scenarioRoot}${name}/`;
      const sc = JSON.parse(readFileSync(`${dir}scenario.json`, 'utf8'));
      return { name, dir, sc, modes: ['offline', 'live', 'both'].filter((m) => sc.expect?.[m]) };
    });
}

/** One run of a scenario in `mode` (offline, live or both): {report, facts}. */
export function runScenario(core, dir, sc, mode) {
  const readers = [];
  let session;
  try {
    if (mode !== 'live') readers.push(...readZones(core, dir, sc.zones));
    session = createSession(core, { domain: sc.domain ?? '', zones: readers, options: { live: mode !== 'offline' } });
    if (mode !== 'offline') replay(session, JSON.parse(readFileSync(`${dir}answers.json`, 'utf8')));
    const texts = mode === 'live' ? [] : (sc.zones ?? []).map((f) => new Uint8Array(readFileSync(`${dir}${f}`)));
    return { report: session.analyse().report(texts), facts: session.facts() };
  } finally {
    session?.dispose();
    for (const r of readers) r.delete();
  }
}
