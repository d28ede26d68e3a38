#!/usr/bin/env node
// Records a scenario's DNS answers from the real local resolver (nsd behind
// dnsdist, serving tests/scenarios/<name>/served/) into answers.json, for
// the replay tests and the benchmark. Run it after changing served zones or
// what the Session asks:
//   NODE_EXTRA_CA_CERTS=build/resolver/cert.pem node tests/resolver/record.mjs cpanel-mail-cname
// When the scenario has zones and a `both` expectation, the Session given
// the zones is run too (it also asks what the zones name: the PTR of an
// origin address, DKIM selectors the zone shows), and the answers of both
// runs are kept.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadCore } from '../../www/lib/core-node.js';
import { feedBytes } from '../../www/lib/zone-input.js';
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
  const answers = {};
  let questions = 0;
  let rounds = 0;
  let domain = '';
  const runs = [[]];
  if (scenario.expect?.both && scenario.zones?.length) runs.push(scenario.zones);
  for (const zones of runs) {
    const readers = zones.map((file) => {
      const reader = new core.ZoneReader(file, '{}', null);
      feedBytes(core, reader, readFileSync(`${dir}${file}`));
      reader.finish();
      return reader;
    });
    const session = createSession(core, { domain: scenario.domain ?? '', zones: readers, options: { ask_ptr: true, ...(scenario.options ?? {}), live: true } }); // the replays ask the PTRs too
    try {
      const [wrapped, rec] = recording(session, session.domain, 'nsd behind dnsdist on loopback (tests/resolver)');
      const run = await runSession(wrapped, { resolver: resolver.url, timeoutMs: 3000 });
      Object.assign(answers, rec.answers);
      questions += run.questions;
      if (!zones.length) [rounds, domain] = [run.rounds, session.domain];
    } finally {
      session.dispose();
      for (const r of readers) r.delete();
    }
  }
  const rec = {
    domain,
    recordedWith: 'nsd behind dnsdist on loopback (tests/resolver)',
    answers: Object.fromEntries(Object.entries(answers).sort(([a], [b]) => a.localeCompare(b))),
  };
  writeFileSync(`${dir}answers.json`, JSON.stringify(rec, null, 1) + '\n');
  process.stdout.write(
    `${name}: ${Object.keys(answers).length} answers (${questions} questions in ${runs.length} run(s), ${rounds} rounds live) -> ${dir}answers.json\n`,
  );
} finally {
  await resolver.stop();
}
