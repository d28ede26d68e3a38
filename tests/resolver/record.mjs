#!/usr/bin/env node
// Records a scenario's DNS answers from the real local resolver (nsd behind
// dnsdist, serving tests/scenarios/<name>/served/) into answers.json, for
// the replay tests and the benchmark. Run it after changing served zones or
// what the Session asks:
//   NODE_EXTRA_CA_CERTS=build/resolver/cert.pem node tests/resolver/record.mjs cpanel-mail-cname
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadCore } from '../../www/lib/core-node.js';
import { createSession } from '../../www/lib/session.js';
import { runSession } from '../../www/lib/doh-driver.js';
import { recording } from '../scenarios/lib/replay.mjs';
import { startResolver, zonesIn } from './resolver.mjs';

const name = process.argv[2];
if (!name) {
  process.stderr.write('usage: record.mjs SCENARIO\n');
  process.exit(2);
}
const dir = fileURLToPath(new URL(`../scenarios/${name}/`, import.meta.url));
const scenario = JSON.parse(readFileSync(`${dir}scenario.json`, 'utf8'));
const core = await loadCore();
const resolver = await startResolver({ zones: zonesIn(`${dir}served`) });
try {
  const session = createSession(core, { domain: scenario.domain, options: scenario.options ?? {} });
  const [wrapped, rec] = recording(session, session.domain, 'nsd behind dnsdist on loopback (tests/resolver)');
  const run = await runSession(wrapped, { resolver: resolver.url, timeoutMs: 3000 });
  session.dispose();
  rec.answers = Object.fromEntries(Object.entries(rec.answers).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(`${dir}answers.json`, JSON.stringify(rec, null, 1) + '\n');
  process.stdout.write(`${name}: ${run.questions} answers in ${run.rounds} rounds -> ${dir}answers.json\n`);
} finally {
  await resolver.stop();
}
