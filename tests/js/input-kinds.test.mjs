// Input recognised before it is parsed (www/lib/input.js, the core's
// classifyInput): what people really pick by mistake is refused by name with
// what to do, through the check flow (the site and the popup) and through
// `mxray check`, in English and Japanese; UTF-16 and gzip are read as the zone
// they hold, with the same findings as the plain file. Never "no problem
// found" on input that was not read.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, deflateRawSync } from 'node:zlib';
import { loadCore } from '../../www/lib/core-node.js';
import { CheckError, runCheck } from '../../www/lib/check.js';
import { inputMessage, messages } from '../../www/lib/messages.js';
import { codes as coreCodes } from './lib/codes.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const mxray = join(root, 'www/cli/mxray.mjs');
const seedPath = join(root, 'examples/club-cloudflare-export.txt');
const seed = readFileSync(seedPath);
const env0 = { LANG: 'C', LC_ALL: '', LC_MESSAGES: '', NO_COLOR: '', FORCE_COLOR: '' };
const cli = (args, env = {}) =>
  spawnSync(process.execPath, [mxray, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env0, ...env } });

let core;
before(async () => {
  core = await loadCore();
});

// UTF-16 of the seed, as Windows Notepad's "Unicode" (LE, with a mark) writes it, and the others.
function utf16(text, bigEndian, bom) {
  const le = Buffer.from(text, 'utf16le');
  const out = bigEndian ? Buffer.from(le).swap16() : le;
  return bom ? Buffer.concat([Buffer.from(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]), out]) : out;
}

// A ZIP archive holding the seed, written by hand from its specification (a local
// file header and the deflated bytes are enough for the signature).
function zipOf(bytes) {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  return Buffer.concat([header, Buffer.from('club.txt'), deflateRawSync(bytes)]);
}

// A Markdown page's copy of an export: underscores and the domain escaped.
const markdownCopy = seed.toString('utf8').replaceAll('cf_tags', 'cf\\_tags').replace(/;; Domain:\s+(\S+)/, ';; Domain:     **$1**');

const refused = [
  { kind: 'empty', bytes: Buffer.alloc(0) },
  { kind: 'empty', bytes: Buffer.from('\n  \r\n') },
  { kind: 'html', bytes: Buffer.from('<!DOCTYPE html>\n<html><head><title>DNS | Cloudflare</title></head><body></body></html>\n') },
  { kind: 'zip', bytes: zipOf(seed) },
  { kind: 'pdf', bytes: Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n') },
  { kind: 'image', bytes: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]) },
  { kind: 'markdown', bytes: Buffer.from(markdownCopy) },
  { kind: 'bad-gzip', bytes: Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0]), Buffer.alloc(40, 0xff)]) },
];

const readAs = [
  { kind: 'utf16le with a mark', bytes: utf16(seed.toString('utf8'), false, true) },
  { kind: 'utf16be with a mark', bytes: utf16(seed.toString('utf8'), true, true) },
  { kind: 'utf16le without a mark', bytes: utf16(seed.toString('utf8'), false, false) },
  { kind: 'utf16be without a mark', bytes: utf16(seed.toString('utf8'), true, false) },
  { kind: 'gzip', bytes: gzipSync(seed) },
];

const ruleLines = (report) => report.findings.map((f) => `${f.rule} ${f.severity} ${f.names.join(',')}`).sort();

test('the check flow refuses what is not a zone, naming the file and its kind', async () => {
  for (const { kind, bytes } of refused) {
    await assert.rejects(
      runCheck(core, { sources: [{ name: `picked.${kind}`, bytes: new Uint8Array(bytes) }], domain: 'club.example', offline: true }),
      (e) => e instanceof CheckError && e.code === 'not-a-zone' && e.values.kind === kind && e.values.file === `picked.${kind}`,
      kind,
    );
  }
});

test('the check flow reads UTF-16 and gzip as the zone they hold, and says it decoded them', async () => {
  const plain = await runCheck(core, { sources: [{ name: 'club.txt', bytes: new Uint8Array(seed) }] });
  assert.ok(plain.report.findings.length > 0, 'the seed has findings');
  for (const { kind, bytes } of readAs) {
    const { report } = await runCheck(core, { sources: [{ name: 'club.txt', bytes: new Uint8Array(bytes) }] });
    assert.deepEqual(ruleLines(report), ruleLines(plain.report), kind);
    assert.equal(report.inputs.zones[0].decoded_from, kind.split(' ')[0], kind);
  }
  assert.equal(plain.report.inputs.zones[0].decoded_from, null);
});

test('mxray check refuses each kind with exit 2 and its words in English and Japanese, never "No problem found"', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mxray-input-'));
  for (const { kind, bytes } of refused) {
    const file = join(dir, `picked-${kind}`);
    writeFileSync(file, bytes);
    for (const lang of ['en', 'ja']) {
      const r = cli(['check', '--zone', file, '--domain', 'club.example', '--offline', '--lang', lang]);
      assert.equal(r.status, 2, `${kind} ${lang}: ${r.stdout}${r.stderr}`);
      assert.equal(r.stdout, '', `${kind} ${lang}: nothing on standard output`);
      assert.equal(r.stderr, `mxray: ${inputMessage(kind, lang, JSON.stringify(file))}\n`, `${kind} ${lang}`);
      assert.doesNotMatch(r.stderr, /No problem|問題は見つかりません/);
    }
  }
});

test('mxray check reads a UTF-16 or gzip zone to the same findings as the plain file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mxray-input-'));
  const plain = cli(['check', '--zone', seedPath, '--format', 'json']);
  const want = ruleLines(JSON.parse(plain.stdout));
  for (const { kind, bytes } of readAs) {
    const file = join(dir, 'club.txt');
    writeFileSync(file, bytes);
    const r = cli(['check', '--zone', file, '--format', 'json']);
    assert.equal(r.status, plain.status, `${kind}: ${r.stderr}`);
    assert.deepEqual(ruleLines(JSON.parse(r.stdout)), want, kind);
  }
});

test('every input kind the core names that is refused has words in both languages', () => {
  const kinds = coreCodes.input_kinds;
  const readable = new Set(['text', 'utf16le', 'utf16be', 'gzip']);
  for (const kind of [...kinds.filter((k) => !readable.has(k)), 'bad-gzip', 'too-large-inflated']) {
    for (const lang of Object.keys(messages)) {
      assert.equal(typeof messages[lang].input[kind], 'string', `${lang} input.${kind}`);
      assert.ok(!inputMessage(kind, lang, 'f').includes('{'), `${lang} input.${kind} fills every value`);
    }
  }
});

test('mxray check --zone-dir refuses what is not a zone on its own line and reads UTF-16', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mxray-input-dir-'));
  writeFileSync(join(dir, 'club.example.txt'), seed);
  writeFileSync(join(dir, 'page.html'), refused.find((r) => r.kind === 'html').bytes);
  writeFileSync(join(dir, 'utf16.example.txt'), readAs[0].bytes);
  const r = cli(['check', '--zone-dir', dir, '--format', 'jsonl']);
  assert.equal(r.status, 2, r.stderr);
  const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  const byFile = Object.fromEntries(rows.map((row) => [row.file.slice(dir.length + 1), row]));
  assert.equal(byFile['page.html'].error, inputMessage('html', 'en', JSON.stringify(join(dir, 'page.html'))));
  assert.deepEqual(byFile['utf16.example.txt'].rules, byFile['club.example.txt'].rules);
  assert.deepEqual(byFile['utf16.example.txt'].summary, byFile['club.example.txt'].summary);
});
