// Every scenario folder through the wasm core, the way the site and the CLI
// run it: zones read by ZoneReader, recorded answers replayed through the
// Session, findings compared with scenario.json's `expect` (offline, live,
// both). The C++ twin is tests/unit/test_scenarios.cpp.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCore } from '../../www/lib/core-node.js';
import { createSession } from '../../www/lib/session.js';
import { findingMessage, evidenceMessage } from '../../www/lib/messages.js';
import { replay } from '../scenarios/lib/replay.mjs';
import { readZones } from './lib/zones.mjs';

const root = fileURLToPath(new URL('../scenarios/', import.meta.url));
const core = await loadCore();
const folders = readdirSync(root)
  .filter((d) => existsSync(`${root}${d}/scenario.json`))
  .sort();

test('there are scenarios', () => assert.ok(folders.length >= 1));

for (const name of folders) {
  const dir = `${root}${name}/`;
  const sc = JSON.parse(readFileSync(`${dir}scenario.json`, 'utf8'));
  for (const mode of ['offline', 'live', 'both']) {
    if (!sc.expect?.[mode]) continue;
    test(`${name}: ${mode}`, () => {
      const readers = [];
      let session;
      try {
        if (mode !== 'live') {
          readers.push(...readZones(core, dir, sc.zones));
          readers.forEach((reader, i) => assert.equal(JSON.parse(reader.summaryJson()).errors, 0, `${sc.zones[i]} parses cleanly`));
        }
        session = createSession(core, { domain: sc.domain ?? '', zones: readers, options: { live: mode !== 'offline', ask_ptr: true } }); // recorded asking the PTRs (--ask-ptr)
        if (mode !== 'offline') {
          const r = replay(session, JSON.parse(readFileSync(`${dir}answers.json`, 'utf8')));
          assert.deepEqual(r.missing, [], 'every question was recorded');
          if (mode === 'live' && sc.depth) assert.equal(r.rounds, sc.depth, 'rounds = dependency depth');
        }
        const analysis = session.analyse();
        const texts = mode === 'offline' ? (sc.zones ?? []).map((f) => readFileSync(`${dir}${f}`)) : [];
        const report = analysis.report(texts, { texts: false });
        const { findings } = report;
        const got = findings.map((f) => `${f.rule} ${f.severity} ${f.names[0]}`).sort();
        assert.deepEqual(got, [...sc.expect[mode]].sort());
        // Every finding can be put into words in both languages.
        for (const f of findings)
          for (const lang of ['en', 'ja']) {
            assert.doesNotMatch(findingMessage(f, lang), /\{\w+\}/, `${f.rule} ${lang}`);
            for (const e of f.evidence) assert.notEqual(evidenceMessage(e, lang), e.code, `${e.code} ${lang}`);
          }
        // Offline, the fix: each corrected zone is expected/<file name>, or
        // the input itself when the fix leaves it alone (as in the C++ twin).
        // Byte for byte (fixBytes), as the CLI writes files.
        if (mode === 'offline') {
          const fix = analysis.fixBytes(texts);
          texts.forEach((text, i) => {
            const file = sc.zones[i];
            const c = report.fix.zones.find((z) => z.index === i);
            let got = fix.zones[i].text;
            let expected = `${dir}expected/${basename(file)}`;
            if (c.skipped.some((s) => s.why === 'format')) {
              // API JSON has no zone text to edit: what the fix gives for it is the
              // Cloudflare import file, the records to add (the C++ twin checks the
              // whole corrected zone, expected/<file>.zone).
              got = fix.cloudflareImport;
              c.skipped = [];
              expected += '.import.txt';
            }
            assert.deepEqual(c.skipped, [], `${file}: every edit written`);
            const want = existsSync(expected) ? readFileSync(expected) : text;
            assert.equal(Buffer.from(got).toString('latin1'), want.toString('latin1'), `${file} corrected`);
          });
        }
      } finally {
        session?.dispose();
        for (const r of readers) r.delete();
      }
    });
  }
}
