// The Analysis handle of the wasm core: one per check, the model, the rules
// and the merge run once, the report, the fix bytes and the summary all read
// from it; and one check through the shared flow runs them once.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadCore } from '../../www/lib/core-node.js';
import { createSession, ReportError } from '../../www/lib/session.js';
import { runCheck } from '../../www/lib/check.js';
import { feedBytes } from '../../www/lib/zone-input.js';
import { codes as coreCodes } from './lib/codes.mjs';

const file = 'examples/club-cloudflare-export.txt';
let core;
// Analyses made, counted at the core's constructor: the native doctest
// (tests/unit/test_analysis.cpp) shows one Analysis runs the rules once, so
// one Analysis per check means the rules run once per check.
let analyses = 0;
before(async () => {
  core = await loadCore();
  const Analysis = core.Analysis;
  core.Analysis = function (...args) {
    analyses += 1;
    return new Analysis(...args);
  };
});

function check(fn) {
  const reader = new core.ZoneReader(file, '{}', null);
  feedBytes(core, reader, readFileSync(file));
  reader.finish();
  const session = createSession(core, { zones: [reader], options: { live: false } });
  try {
    return fn(session, [readFileSync(file)]);
  } finally {
    session.dispose();
    reader.delete();
  }
}

test('analyse(): report(), fixBytes() and summary() of one check read one analysis', () => {
  check((session, texts) => {
    const before = analyses;
    const analysis = session.analyse({ panel: 'auto', origin: '203.0.113.10' });
    const report = analysis.report(texts, { texts: false });
    const bytes = analysis.fixBytes(texts);
    const summary = analysis.summary();
    assert.equal(analyses - before, 1);

    assert.equal(summary.domain, 'club.example.');
    assert.deepEqual(summary.summary, report.summary);
    assert.deepEqual(summary.rules, [...new Set(report.findings.map((f) => f.rule))].sort());
    assert.ok(summary.summary.critical > 0);
    assert.equal(bytes.zones[0].changed, report.fix.zones[0].changed);
    assert.equal(Buffer.from(bytes.zones[0].diff).toString(), report.fix.zones[0].diff);
    assert.match(Buffer.from(bytes.zones[0].text).toString(), /^mail\.club\.example\.\t1\tIN\tA\t203\.0\.113\.25/m);
    assert.equal(report.fix.origin.address, '203.0.113.10');
    analysis.dispose();
  });
});

test('one check through the shared flow (www/lib/check.js) runs the rules once, report and fix bytes both', async () => {
  const bytes = new Uint8Array(readFileSync(new URL('../../examples/club-cloudflare-export.txt', import.meta.url)));
  const before = analyses;
  const { report, files } = await runCheck(core, { sources: [{ name: 'club.txt', bytes }] });
  assert.equal(analyses - before, 1);
  assert.ok(report.findings.length > 0);
  assert.equal(Buffer.from(files.zones[0].diff).toString(), report.fix.zones[0].diff);
});

test('summary() writes rule ids unescaped: every catalogue id is lower-case letters, digits and hyphens', () => {
  for (const rule of coreCodes.rules.rules) assert.match(rule.id, /^[a-z0-9-]+$/);
});

test('analyse(): a refused origin throws', () => {
  check((session) => {
    assert.throws(() => session.analyse({ origin: '203.0.113' }), (e) => e instanceof ReportError && e.code === 'bad-origin');
  });
});

test('ZoneBatch (the offline batch\'s one call) gives what the session and its analysis give', () => {
  const batch = new core.ZoneBatch(JSON.stringify({ panel: 'auto', origin: '' }));
  try {
    const run = (name, text, domain = '') => {
      const bytes = Buffer.from(text);
      core.HEAPU8.set(bytes, batch.inputBuffer(bytes.length));
      return JSON.parse(batch.check(name, JSON.stringify({ origin: '', format: 'auto' }), bytes.length, null, domain));
    };
    const example = readFileSync(file, 'utf8');
    const want = check((session) => session.analyse().summary());
    assert.deepEqual(run(file, example), want);
    assert.ok(want.summary.critical > 0);
    // Diagnostics come with the zone's summary, as ZoneReader.summaryJson() gives it.
    const bad = run('bad.db', '$ORIGIN bad.test.\n@ IN SOA ns1 root 1 2 3 4 5\nx IN A 300.1.1.1\n');
    assert.equal(bad.domain, 'bad.test.');
    assert.equal(bad.zone.diagnostics.length, 1);
    assert.deepEqual(bad.zone.files, ['bad.db']);
    // A zone that names no domain: the session's error, as createSession() throws it.
    assert.deepEqual(run('none.db', 'nothing useful (\n'), { error: 'no-domain' });
  } finally {
    batch.delete();
  }
});

test('the shipped module has no test-only entry points', () => {
  check((session) => {
    const handle = new core.Session('', '{}');
    try {
      assert.equal(typeof handle.findingsJson, 'undefined');
      assert.equal(typeof handle.correctedZone, 'undefined');
      assert.equal(typeof handle.report, 'undefined');
      assert.equal(typeof handle.factsJson, 'function'); // `mxray facts` reads it
    } finally {
      handle.delete();
    }
    assert.equal(typeof session.analyse, 'function');
  });
});
