// The small core (www/lib/wasm/small/ through www/site/core-small.js, what the
// site and the extension load) against the fast core (www/lib/wasm/, what
// Node loads), on the whole corpus: every scenario (offline, and live with its
// recorded answers) and every real file (tests/real, tests/real/combined).
// The report JSON, the fix's bytes, the summary, the facts, the questions
// asked and the zones' summaries and dumps must be the same, byte for byte:
// the two builds differ in flags and bindings (CMakeLists.txt), never in what
// they say.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadCore } from '../../www/lib/core-node.js';
import createSmallCore from '../../www/site/core-small.js';
import { createSession } from '../../www/lib/session.js';
import { runCheck } from '../../www/lib/check.js';
import { feedBytes } from '../../www/lib/zone-input.js';
import { replay } from '../scenarios/lib/replay.mjs';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const smallWasm = here('../../www/lib/wasm/small/mxray-core.wasm');
const fast = await loadCore();
const small = await createSmallCore({ wasmBinary: readFileSync(smallWasm) });
const cores = { fast, small };

/** Everything a core says of one check of `files` ({name, bytes}) for `domain`. */
function everything(core, { files, domain = '', mode = 'offline', answers = null, includes = null }) {
  const readers = [];
  let session;
  const out = {};
  try {
    for (const f of files) {
      const reader = new core.ZoneReader(f.name, JSON.stringify({ format: 'auto' }), includes);
      feedBytes(core, reader, f.bytes);
      reader.finish();
      readers.push(reader);
    }
    out.zones = readers.map((r) => ({
      summary: r.summaryJson(),
      records: r.recordCount(),
      diagnostics: r.diagnosticCount(),
      dump: r.dump(0, 1e9, false),
      generic: r.dump(0, 1e9, true),
    }));
    session = createSession(core, { domain, zones: mode === 'live' ? [] : readers, options: { live: mode !== 'offline', ask_ptr: true } });
    if (mode !== 'offline') {
      // The questions each round asks, as the DoH driver sees them (wire as hex).
      out.questions = [];
      const asked = { pending: () => {
        const round = session.pending();
        out.questions.push(round.map((q) => `${q.id} ${q.name} ${q.type} ${Buffer.from(q.wire).toString('hex')}`));
        return round;
      } };
      replay({ ...session, ...asked }, answers);
    }
    out.facts = session.facts();
    const analysis = session.analyse();
    const texts = files.map((f) => f.bytes);
    out.report = JSON.stringify(analysis.report(texts));
    out.reportNoTexts = JSON.stringify(analysis.report(texts, { texts: false }));
    out.reportStrings = JSON.stringify(analysis.report(files.map((f) => f.bytes.toString('utf8'))));
    const fix = analysis.fixBytes(texts);
    out.fix = {
      zones: fix.zones.map((z) => ({ ...z, text: Buffer.from(z.text).toString('hex'), diff: Buffer.from(z.diff).toString('hex') })),
      cloudflareImport: fix.cloudflareImport && Buffer.from(fix.cloudflareImport).toString('hex'),
    };
    out.summary = JSON.stringify(analysis.summary());
    return out;
  } finally {
    session?.dispose();
    for (const r of readers) r.delete();
  }
}

function same(job, label) {
  const a = everything(fast, job);
  const b = everything(small, job);
  for (const k of Object.keys(a)) assert.deepEqual(b[k], a[k], `${label}: ${k}`);
  return a;
}

const scenarios = here('../scenarios/');
const folders = readdirSync(scenarios).filter((d) => existsSync(`${scenarios}${d}/scenario.json`)).sort();
test('the corpus is there', () => {
  assert.ok(folders.length >= 20, `${folders.length} scenarios`);
});

for (const name of folders) {
  const dir = `${scenarios}${name}/`;
  const sc = JSON.parse(readFileSync(`${dir}scenario.json`, 'utf8'));
  const files = (sc.zones ?? []).map((f) => ({ name: f, bytes: readFileSync(`${dir}${f}`) }));
  for (const mode of ['offline', 'live', 'both']) {
    if (!sc.expect?.[mode]) continue;
    test(`scenario ${name}, ${mode}: the small core says what the fast core says`, () => {
      const answers = mode === 'offline' ? null : JSON.parse(readFileSync(`${dir}answers.json`, 'utf8'));
      const a = same({ files: mode === 'live' ? [] : files, domain: sc.domain ?? '', mode, answers }, name);
      // Not two empty answers: the check found what the scenario expects.
      assert.equal(JSON.parse(a.report).findings.length, sc.expect[mode].length);
      if (mode !== 'offline') assert.ok(a.questions.flat().length > 0);
    });
  }
}

// The real files as the site checks them (www/lib/check.js runCheck): the
// input's kind told first, UTF-16 decoded, listing pages joined, the domain
// from the file; a file it refuses must be refused alike.
const real = here('../real/');
const viaRunCheck = async (core, sources, domain = '') => {
  try {
    const r = await runCheck(core, { sources, offline: true, domain });
    delete r.report.timings;
    const hex = (k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v);
    return { report: JSON.stringify(r.report), files: JSON.stringify(r.files, hex) };
  } catch (e) {
    return { error: e.code ?? String(e), values: JSON.stringify(e.values ?? null) };
  }
};
// The folders (combined, and the zone-as-code inputs the CLI alone reads) have tests of their own.
const realFiles = readdirSync(real).filter((f) => !f.endsWith('.expect.json') && !/\.(md|mjs)$/.test(f) && !statSync(`${real}${f}`).isDirectory()).sort();
test('real files are there', () => assert.ok(realFiles.length >= 10, `${realFiles.length} files`));
for (const f of realFiles) {
  test(`real ${f}: the small core says what the fast core says`, async () => {
    const sources = [{ name: f, bytes: new Uint8Array(readFileSync(`${real}${f}`)) }];
    const expect = JSON.parse(readFileSync(`${real}${f}.expect.json`, 'utf8'));
    assert.deepEqual(await viaRunCheck(small, sources), await viaRunCheck(fast, sources));
    // With the domain the CLI's check of it pinned (tests/real/*.expect.json), also
    // for the files that do not name their own.
    const domain = String(expect.domain ?? '').replace(/\.$/, '');
    const a = await viaRunCheck(fast, sources, domain);
    assert.equal(a.error, undefined, `${f}: ${a.error}`);
    assert.equal(JSON.parse(a.report).domain, expect.domain);
    assert.deepEqual(await viaRunCheck(small, sources, domain), a);
  });
}

const combined = `${real}combined/`;
const groups = existsSync(combined) ? readdirSync(combined).filter((f) => f.endsWith('.expect.json')).sort() : [];
for (const g of groups) {
  test(`real combined ${g}: the small core says what the fast core says`, async () => {
    const spec = JSON.parse(readFileSync(`${combined}${g}`, 'utf8'));
    const sources = (spec.zones ?? []).map((z) => ({ name: z.split('/').pop(), bytes: new Uint8Array(readFileSync(`${real}${z}`)) }));
    assert.ok(sources.length >= 2);
    const a = await viaRunCheck(fast, sources);
    assert.equal(a.error, undefined);
    assert.deepEqual(await viaRunCheck(small, sources), a);
  });
}

test('input kinds, UTF-16 and $INCLUDE answers through the adapter as through embind', async () => {
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('$ORIGIN example.com.\n@ 300 IN MX 10 mail\n', 'utf16le')]);
  for (const [bytes, whole] of [[utf16, true], [Buffer.from([0x1f, 0x8b, 8, 0]), false], [Buffer.from('{"result":[]}'), true], [Buffer.from('\u00e9 IN A 1.2.3.4'), true], [Buffer.alloc(0), true]]) {
    assert.equal(small.classifyInput(new Uint8Array(bytes), whole), fast.classifyInput(new Uint8Array(bytes), whole));
  }
  assert.deepEqual(Buffer.from(small.utf16ToUtf8(new Uint8Array(utf16.subarray(2)), false)), Buffer.from(fast.utf16ToUtf8(new Uint8Array(utf16.subarray(2)), false)));
  assert.equal(small.classifyInput(new Uint8Array(utf16), true), 'utf16le');
  // $INCLUDE: found (string and bytes), refused, missing, and a name that is not ASCII.
  const main = Buffer.from('$ORIGIN example.com.\n$INCLUDE a.inc\n$INCLUDE b.inc\n$INCLUDE outside.inc\n$INCLUDE missing.inc\n$INCLUDE caf\u00e9.inc\n@ 300 IN SOA ns hostmaster 1 2 3 4 5\n');
  const asked = { fast: [], small: [] };
  const answer = (who) => (path) => {
    asked[who].push(path);
    if (path === 'a.inc') return 'mail 300 IN A 192.0.2.1\n';
    if (path === 'b.inc') return new Uint8Array(Buffer.from('@ 300 IN MX 10 mail\n'));
    if (path === 'outside.inc') return false;
    if (path === 'caf\u00e9.inc') return 'www 300 IN A 192.0.2.2\n';
    return null;
  };
  const a = everything(fast, { files: [{ name: 'main.zone', bytes: main }], includes: answer('fast') });
  const b = everything(small, { files: [{ name: 'main.zone', bytes: main }], includes: answer('small') });
  assert.deepEqual(asked.small, asked.fast);
  assert.deepEqual(b, a);
  assert.equal(a.zones[0].records, 4);
  assert.match(a.zones[0].summary, /include-outside/);
  assert.match(a.zones[0].summary, /include-not-found/);
});

test('a deleted object says so instead of reading freed memory', () => {
  const r = new small.ZoneReader('x.zone', '{}', null);
  r.delete();
  assert.throws(() => r.recordCount(), /deleted/);
});
