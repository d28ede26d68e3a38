// Memory stays bounded (docs/limits.md, "Memory budget"): a realistic zone of
// 100 MB is parsed, and a single line of 1 MiB + 1 byte or of 100 MB is
// rejected (entry-too-long, the records around it kept), within the stated
// budget, by the native parser and by the wasm core under Node. So is a
// $GENERATE line that would make 4 GiB (max_generate_bytes).
//
// Each parse runs in a process of its own, so that its peak RSS is its own:
// the native one is build/native/tests/bench/mxray-parse-bench (4 MiB
// windows of the file, every record kept), measured with GNU time; the wasm
// one is the CLI's way of reading (feedFromFd, 1 MiB chunks into a
// ZoneReader), reporting the module's linear memory and the process's peak
// RSS. The zones are generated into a temporary folder and removed after.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const NATIVE = join(root, 'build/native/tests/bench/mxray-parse-bench');
const GENERATOR = join(root, 'tests/bench/gen_zone.py');
const PYTHON = '/usr/bin/python3'; // Debian's, as the benchmark uses
const TIME = '/usr/bin/time'; // GNU time: %M is the peak RSS in KiB
const MiB = 1 << 20;

// The budget, as docs/limits.md states it. `input`: the file's bytes.
const BUDGET = {
  // A realistic zone: the records take ~1.4x the file (40 bytes a record,
  // names and RDATA in wire form); the fixed part is the process itself.
  zone: {
    native: (input) => 1.5 * input + 16 * MiB, // peak RSS
    wasmMemory: (input) => 1.5 * input + 32 * MiB, // the module's linear memory (32 MiB at start)
    wasmProcess: (input) => 1.5 * input + 96 * MiB, // Node's peak RSS, Node itself included
  },
  // A long line is cut at max_entry_bytes (1 MiB) and the rest of it is
  // skipped as it streams by: the cost does not grow with its length.
  line: { native: 32 * MiB, wasmMemory: 32 * MiB, wasmProcess: 96 * MiB },
  // $GENERATE output is held to max_generate_bytes (64 MiB) in all.
  generate: { native: 64 * MiB + 16 * MiB, wasmMemory: 64 * MiB + 48 * MiB, wasmProcess: 64 * MiB + 128 * MiB },
};

const scratch = mkdtempSync(join(tmpdir(), 'mxray-memory-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const mib = (bytes) => `${(bytes / MiB).toFixed(1)} MiB`;
const ratio = (used, input) => (used / input).toFixed(2);

// The wasm side, run in a child process: parse FILE as the CLI does, print
// what was kept and what memory it took.
const WASM_CHILD = `
const [coreUrl, inputUrl, file] = process.argv.slice(1);
const { loadCore } = await import(coreUrl);
const { feedFromFd } = await import(inputUrl);
const { openSync, readSync, closeSync } = await import('node:fs');
const core = await loadCore();
const reader = new core.ZoneReader(file, '{}', null);
const fd = openSync(file, 'r');
feedFromFd(core, reader, fd, readSync);
closeSync(fd);
reader.finish();
const summary = JSON.parse(reader.summaryJson());
process.stdout.write(JSON.stringify({
  records: reader.recordCount(),
  diagnostics: summary.diagnostics.map((d) => d.line + ' ' + d.code),
  memory: core.HEAPU8.length,
  rss: process.resourceUsage().maxRSS * 1024,
}));
`;

// Neither build reads this machine's CA bundle: Node loads it at start (tens
// of MiB of certificates would count against the process, not the parse).
const childEnv = { ...process.env, NODE_EXTRA_CA_CERTS: '' };

function runWasm(file) {
  const started = performance.now();
  const r = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', WASM_CHILD, pathToFileURL(join(root, 'www/lib/core-node.js')).href,
      pathToFileURL(join(root, 'www/lib/zone-input.js')).href, file],
    { encoding: 'utf8', env: childEnv, maxBuffer: 1 << 20 },
  );
  assert.equal(r.status, 0, `wasm parse of ${file} failed: ${r.stderr.slice(-2000)}`);
  return { ...JSON.parse(r.stdout), ms: performance.now() - started };
}

function runNative(file) {
  const started = performance.now();
  const r = spawnSync(TIME, ['-f', '%M', NATIVE, file], { encoding: 'utf8', env: childEnv });
  // Exit 1: the zone has errors (expected for the long lines).
  assert.ok(r.status === 0 || r.status === 1, `native parse of ${file} failed: ${r.stderr.slice(-2000)}`);
  const m = /records=(\d+) errors=(\d+)/.exec(r.stdout);
  assert.ok(m, r.stdout);
  const kib = Number(r.stderr.trim().split('\n').pop());
  assert.ok(kib > 0, r.stderr);
  return { records: Number(m[1]), errors: Number(m[2]), rss: kib * 1024, ms: performance.now() - started };
}

const nativeSkip = !existsSync(NATIVE)
  ? `${NATIVE} is not built (cmake --build --preset native --target mxray-parse-bench)`
  : !existsSync(TIME) ? `${TIME} is missing (apt-get install time)` : false;
const wasmSkip = !existsSync(join(root, 'www/lib/wasm/mxray-core.wasm')) ? 'the wasm core is not built (make wasm)' : false;

// Writes `parts` (strings, or functions called with a write callback) to a new file.
function writeZone(name, parts) {
  const path = join(scratch, name);
  const fd = openSync(path, 'w');
  const put = (s) => writeSync(fd, s);
  for (const p of parts) typeof p === 'function' ? p(put) : put(p);
  closeSync(fd);
  return path;
}

// ---------------------------------------------------------- a 100 MB zone

let bigZone = null;
let bigRecords = 0;
function realisticZone() {
  if (bigZone) return bigZone;
  // 1,510,000 records of tests/bench/gen_zone.py's realistic mix: 100.2 MB.
  const path = join(scratch, 'realistic.zone');
  const started = performance.now();
  const r = spawnSync(PYTHON, [GENERATOR, '--records', '1510000', '--out', path, '--origin', 'bench.example.'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  bigRecords = Number(readFileSync(`${path}.count`, 'utf8'));
  console.log(`generated ${path}: ${statSync(path).size} bytes, ${bigRecords} records, ${Math.round(performance.now() - started)} ms`);
  bigZone = path;
  return path;
}
const generatorSkip = !existsSync(PYTHON) ? `${PYTHON} is missing` : false;

test('a 100 MB realistic zone, native: every record kept, peak RSS within 1.5 x input + 16 MiB', { skip: nativeSkip || generatorSkip }, () => {
  const file = realisticZone();
  const input = statSync(file).size;
  assert.ok(input >= 100e6, `the zone is ${input} bytes`);
  const r = runNative(file);
  console.log(`native, 100 MB zone: peak RSS ${mib(r.rss)} = ${ratio(r.rss, input)} x input (budget ${mib(BUDGET.zone.native(input))}), ${Math.round(r.ms)} ms`);
  assert.equal(r.records, bigRecords);
  assert.equal(r.errors, 0);
  assert.ok(r.rss <= BUDGET.zone.native(input), `peak RSS ${mib(r.rss)} over the budget ${mib(BUDGET.zone.native(input))}`);
});

test('a 100 MB realistic zone, wasm: every record kept, memory within 1.5 x input + 32 MiB (process: + 96 MiB)', { skip: wasmSkip || generatorSkip }, () => {
  const file = realisticZone();
  const input = statSync(file).size;
  const r = runWasm(file);
  console.log(`wasm, 100 MB zone: linear memory ${mib(r.memory)} = ${ratio(r.memory, input)} x input (budget ${mib(BUDGET.zone.wasmMemory(input))}); ` +
    `process peak RSS ${mib(r.rss)} = ${ratio(r.rss, input)} x input (budget ${mib(BUDGET.zone.wasmProcess(input))}), ${Math.round(r.ms)} ms`);
  assert.equal(r.records, bigRecords);
  assert.deepEqual(r.diagnostics, []);
  assert.ok(r.memory <= BUDGET.zone.wasmMemory(input), `linear memory ${mib(r.memory)} over the budget`);
  assert.ok(r.rss <= BUDGET.zone.wasmProcess(input), `process peak RSS ${mib(r.rss)} over the budget`);
});

// ------------------------------------------------------- a single long line

const recordsAround = (prefix) => Array.from({ length: 1000 }, (_, i) => `${prefix}${i} 300 IN A 192.0.2.${i % 256}\n`).join('');
const quoted255 = `"${'x'.repeat(255)}" `;

// A TXT record written on one line of exactly `length` bytes (without its
// line end), between 1000 records before it and 1000 after.
function lineZone(name, length) {
  const head = 'big 300 IN TXT ';
  return writeZone(name, [
    '$ORIGIN line.example.\n',
    recordsAround('before'),
    (put) => {
      put(head);
      let left = length - head.length;
      const block = quoted255.repeat(4096); // ~1 MiB
      while (left >= block.length) {
        put(block);
        left -= block.length;
      }
      put(quoted255.repeat(Math.floor(left / quoted255.length)));
      put('y'.repeat(left % quoted255.length));
    },
    '\n',
    recordsAround('after'),
  ]);
}

const LONG_LINES = [
  // One byte over max_entry_bytes (1 MiB): the brief's "1 MB single line".
  { name: '1 MiB + 1 byte', length: MiB + 1 },
  // A hundred times that: the cost must not grow with the line.
  { name: '100 MB', length: 100e6 },
];

for (const { name, length } of LONG_LINES) {
  test(`a single line of ${name}, native: entry-too-long, the 2000 records around it kept, peak RSS within 32 MiB`, { skip: nativeSkip }, () => {
    const file = lineZone(`line-${length}.zone`, length);
    const r = runNative(file);
    console.log(`native, line of ${name}: peak RSS ${mib(r.rss)} (budget ${mib(BUDGET.line.native)}), ${Math.round(r.ms)} ms`);
    assert.equal(r.records, 2000);
    assert.equal(r.errors, 1);
    assert.ok(r.rss <= BUDGET.line.native, `peak RSS ${mib(r.rss)} over the budget`);
  });

  test(`a single line of ${name}, wasm: entry-too-long, the 2000 records around it kept, memory within 32 MiB (process: 96 MiB)`, { skip: wasmSkip }, () => {
    const file = lineZone(`line-${length}.zone`, length);
    const r = runWasm(file);
    console.log(`wasm, line of ${name}: linear memory ${mib(r.memory)} (budget ${mib(BUDGET.line.wasmMemory)}); process peak RSS ${mib(r.rss)} (budget ${mib(BUDGET.line.wasmProcess)}), ${Math.round(r.ms)} ms`);
    assert.equal(r.records, 2000);
    assert.deepEqual(r.diagnostics, ['1002 entry-too-long']);
    assert.ok(r.memory <= BUDGET.line.wasmMemory, `linear memory ${mib(r.memory)} over the budget`);
    assert.ok(r.rss <= BUDGET.line.wasmProcess, `process peak RSS ${mib(r.rss)} over the budget`);
  });
}

// ------------------------------------------------ a $GENERATE of 4 GiB

// One line, 66 KB: 65,536 TXT records of 65,280 octets each, 4 GiB. Before
// max_generate_bytes it took 4.2 GB and 24 s natively, and aborted the wasm
// core (out of memory) after a minute.
function generateZone() {
  return writeZone('generate.zone', [
    '$ORIGIN gen.example.\n$TTL 60\nbefore A 192.0.2.1\n',
    `$GENERATE 1-65536 h$ TXT ${quoted255.repeat(255)}\n`,
    'after A 192.0.2.2\n',
  ]);
}

test('a $GENERATE line that would make 4 GiB, native: generate-limit, the records around it kept, within 64 MiB + 16 MiB', { skip: nativeSkip }, () => {
  const r = runNative(generateZone());
  console.log(`native, $GENERATE of 4 GiB: peak RSS ${mib(r.rss)} (budget ${mib(BUDGET.generate.native)}), ${Math.round(r.ms)} ms`);
  assert.equal(r.records, 2);
  assert.equal(r.errors, 1);
  assert.ok(r.rss <= BUDGET.generate.native, `peak RSS ${mib(r.rss)} over the budget`);
});

test('a $GENERATE line that would make 4 GiB, wasm: generate-limit, the records around it kept, within 64 MiB + 48 MiB', { skip: wasmSkip }, () => {
  const r = runWasm(generateZone());
  console.log(`wasm, $GENERATE of 4 GiB: linear memory ${mib(r.memory)} (budget ${mib(BUDGET.generate.wasmMemory)}); process peak RSS ${mib(r.rss)} (budget ${mib(BUDGET.generate.wasmProcess)}), ${Math.round(r.ms)} ms`);
  assert.equal(r.records, 2);
  assert.deepEqual(r.diagnostics, ['4 generate-limit']);
  assert.ok(r.memory <= BUDGET.generate.wasmMemory, `linear memory ${mib(r.memory)} over the budget`);
  assert.ok(r.rss <= BUDGET.generate.wasmProcess, `process peak RSS ${mib(r.rss)} over the budget`);
});

// ------------------------------------ names that grow when stored

// What a record takes in the store follows its names in wire form, not its
// text: under a 240-octet $ORIGIN, `h1234567 CNAME t1234567` (25 bytes of
// text) stores two whole names, about 290 bytes. 100 MB of such lines took
// 1.28 GiB of wasm memory before the limit, and twice as much text would
// pass the 4 GB the module may have; the store stops at max_store_bytes
// (1 GiB), with one too-many-records, and keeps the records before it.
const STORE_LIMIT = 1024 * MiB;
const longOrigin = `${'o'.repeat(62)}.`.repeat(3) + `${'x'.repeat(49)}.`;
function amplifyingZone() {
  return writeZone('amplifying.zone', [
    `$ORIGIN ${longOrigin}\n$TTL 60\n`,
    (put) => {
      let written = 0;
      for (let i = 0; written < 100e6; ) {
        let chunk = '';
        for (const end = i + 50000; i < end; i++) chunk += `h${i} CNAME t${i}\n`;
        put(chunk);
        written += chunk.length;
      }
    },
  ]);
}
const storeBudget = { native: STORE_LIMIT + 3 * MiB + 32 * MiB, wasmMemory: STORE_LIMIT + 3 * MiB + 128 * MiB, wasmProcess: STORE_LIMIT + 3 * MiB + 224 * MiB };

test('100 MB of names that grow 12 times when stored, native: the store stops at max_store_bytes (1 GiB), the records before it kept', { skip: nativeSkip }, () => {
  const r = runNative(amplifyingZone());
  console.log(`native, amplifying zone: ${r.records} records kept, peak RSS ${mib(r.rss)} (budget ${mib(storeBudget.native)}), ${Math.round(r.ms)} ms`);
  assert.ok(r.records > 3e6, `${r.records} records kept`);
  assert.equal(r.errors, 1);
  assert.ok(r.rss <= storeBudget.native, `peak RSS ${mib(r.rss)} over the budget`);
});

test('100 MB of names that grow 12 times when stored, wasm: the store stops at max_store_bytes (1 GiB), the records before it kept', { skip: wasmSkip }, () => {
  const r = runWasm(amplifyingZone());
  console.log(`wasm, amplifying zone: ${r.records} records kept, linear memory ${mib(r.memory)} (budget ${mib(storeBudget.wasmMemory)}); process peak RSS ${mib(r.rss)} (budget ${mib(storeBudget.wasmProcess)}), ${Math.round(r.ms)} ms`);
  assert.ok(r.records > 3e6, `${r.records} records kept`);
  assert.deepEqual(r.diagnostics, [`${r.records + 3} too-many-records`]);
  assert.ok(r.memory <= storeBudget.wasmMemory, `linear memory ${mib(r.memory)} over the budget`);
  assert.ok(r.rss <= storeBudget.wasmProcess, `process peak RSS ${mib(r.rss)} over the budget`);
});

// ------------------------------------------- the website's largest input

// The site reads at most MAX_INPUT_BYTES (256 MiB) per check, all files
// together, because the wasm memory (4 GiB at most) holds the input, its
// records and the fix written out: about 6 times the input at the peak
// (www/lib/check.js). Exactly that much is checked here, as 64 files
// (views of one 4 MiB buffer, so that this process does not hold 256 MiB
// itself); one byte more is refused before anything is read.
test('the website: a check of exactly MAX_INPUT_BYTES completes within 6 x input of wasm memory; one byte more is too-large', { skip: wasmSkip }, async () => {
  const { loadCore } = await import('../../www/lib/core-node.js');
  const { runCheck, CheckError, MAX_INPUT_BYTES } = await import('../../www/lib/check.js');
  const core = await loadCore();
  const part = new Uint8Array(MAX_INPUT_BYTES / 64);
  const head = new TextEncoder().encode('$ORIGIN club.test.\n@ 300 IN MX 10 mail\nmail 300 IN A 192.0.2.1\n');
  part.set(head);
  // The rest: comment lines of 1 KiB (of spaces: a head of NUL bytes is refused as binary).
  part.fill(0x20, head.length);
  for (let i = head.length; i < part.length; i += 1024) part[i] = 0x3b;
  for (let i = head.length + 1023; i < part.length; i += 1024) part[i] = 0x0a;
  const files = Array.from({ length: 64 }, (_, i) => ({ name: `part${i}.zone`, bytes: part }));
  assert.equal(files.reduce((n, f) => n + f.bytes.length, 0), MAX_INPUT_BYTES);

  const started = performance.now();
  const { report } = await runCheck(core, { sources: files, domain: 'club.test', offline: true });
  const ms = performance.now() - started;
  assert.equal(report.stats.records, 128);
  assert.equal(report.stats.zones, 64);
  const memory = core.HEAPU8.length;
  console.log(`wasm, website check of ${mib(MAX_INPUT_BYTES)}: linear memory ${mib(memory)} = ${ratio(memory, MAX_INPUT_BYTES)} x input (budget 6 x input, ${mib(6 * MAX_INPUT_BYTES)}), ${Math.round(ms)} ms`);
  assert.ok(memory <= 6 * MAX_INPUT_BYTES, `linear memory ${mib(memory)} over 6 x input`);

  const one = new Uint8Array(1);
  await assert.rejects(runCheck(core, { sources: [...files, { name: 'one-more.zone', bytes: one }], domain: 'club.test', offline: true }),
    (e) => e instanceof CheckError && e.code === 'too-large' && e.values.size === MAX_INPUT_BYTES + 1);
});

// `mxray check` builds its report without the corrected zones' text and the
// import file (the report option texts: false), and --format json writes
// them from the fix's bytes a mebibyte at a time. Before, a zone of control
// characters (six characters each as JSON, \u0001) past about 45 MB made a
// report string longer than V8's longest (2^29 - 24 characters), and one of
// 100 MB aborted the wasm core at 4 GiB after 52 s, whatever the format.
// Here: 48 MiB of them, after the bundled example, in 1 KiB comment lines.
test('mxray check of 48 MiB of control characters: the text report, and the JSON report with the corrected zone whole', { skip: wasmSkip }, () => {
  const head = readFileSync(join(root, 'examples/club-cloudflare-export.txt'));
  const line = Buffer.concat([Buffer.from(';'), Buffer.alloc(1022, 1), Buffer.from('\n')]);
  const lines = 48 * 1024;
  // Plain comment lines first: the head a file is recognised by stays text (www/lib/input.js).
  const plain = Buffer.from(`;${'-'.repeat(1022)}\n`.repeat(8));
  const file = writeZone('control.txt', [(put) => put(head), (put) => put(plain), (put) => {
    const block = Buffer.concat(Array(1024).fill(line));
    for (let i = 0; i < lines / 1024; i++) put(block);
  }]);
  const cli = (format, stdout = 'pipe') => spawnSync(TIME, ['-f', '%M', process.execPath, join(root, 'www/cli/mxray.mjs'), 'check', '--zone', file, '--format', format],
    { env: childEnv, stdio: ['ignore', stdout, 'pipe'], maxBuffer: 64 * MiB });
  const rss = (r) => Number(r.stderr.toString().trim().split('\n').pop()) * 1024;

  // The text report: exit 1 (the example's critical findings), the records that change shown.
  let started = performance.now();
  const text = cli('text');
  assert.equal(text.status, 1, text.stderr.toString().slice(-2000));
  assert.match(text.stdout.toString(), /^mail\.club\.example\s+CNAME → A\s+club\.example\s+203\.0\.113\.25\s+DNS only$/m);
  const input = statSync(file).size;
  const budget = 14 * input + 96 * MiB; // docs/limits.md: `mxray check` of I bytes, Node's peak RSS
  console.log(`mxray check, text, ${mib(input)} of control characters: peak RSS ${mib(rss(text))} (budget ${mib(budget)}), ${Math.round(performance.now() - started)} ms`);
  assert.ok(rss(text) <= budget, `text: peak RSS ${mib(rss(text))}`);

  // The corrected zone, as bytes: the reference for the JSON's texts.
  const zone = cli('zone');
  assert.equal(zone.status, 1, zone.stderr.toString().slice(-2000));
  const corrected = zone.stdout;
  assert.ok(corrected.subarray(corrected.length - lines * line.length).equals(Buffer.concat(Array(lines).fill(line))), 'the comment lines, byte for byte');
  const correctedHead = corrected.subarray(0, corrected.length - lines * line.length).toString();

  // The JSON report, written to a file: 2 x 48 Mi x 6 characters would not fit one string.
  started = performance.now();
  const out = join(scratch, 'control.json');
  const fd = openSync(out, 'w');
  const json = cli('json', fd);
  closeSync(fd);
  assert.equal(json.status, 1, json.stderr.toString().slice(-2000));
  const bytes = readFileSync(out);
  console.log(`mxray check, json: ${mib(bytes.length)} written, peak RSS ${mib(rss(json))} (budget ${mib(budget)}), ${Math.round(performance.now() - started)} ms`);
  assert.ok(rss(json) <= budget, `json: peak RSS ${mib(rss(json))}`);
  // The corrected zone holds the 49,152 lines escaped, one after another (the import file
  // holds only the records to add, none of them). Cut them out, and what is left parses.
  const escaped = Buffer.from(JSON.stringify(line.toString()).slice(1, -1));
  const kept = [];
  let at = 0;
  for (let n = 0; n < 1; n++) {
    const start = bytes.indexOf(escaped, at);
    assert.ok(start > 0, `text ${n + 1}: its comment lines`);
    let end = start;
    for (let i = 0; i < lines; i++, end += escaped.length) assert.equal(bytes.compare(escaped, 0, escaped.length, end, end + escaped.length), 0, `text ${n + 1}, line ${i + 1}`);
    kept.push(bytes.subarray(at, start));
    at = end;
  }
  assert.equal(bytes.indexOf(escaped, at), -1, 'no second copy');
  kept.push(bytes.subarray(at));
  const report = JSON.parse(Buffer.concat(kept).toString());
  assert.equal(report.fix.zones[0].text, correctedHead);
  assert.match(report.fix.cloudflare_import, /^;; Cloudflare import file written by mxray/);
  assert.match(report.fix.cloudflare_import, /^mail\.club\.example\.\t1\tIN\tA\t203\.0\.113\.25 ; cf_tags=cf-proxied:false$/m);
  assert.equal(report.fix.zones[0].changed, true);
  assert.equal(report.summary.critical, 2);
});
