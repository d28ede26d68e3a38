#!/usr/bin/env node
// How far mxray agrees with other zone parsers on their own test corpora.
// Prints, per corpus, the entries the peer judges, how many
// mxray judges the same way (accept or reject), how many of the records both
// accept are byte-identical, and every disagreement.
//
//   node tests/tools/corpus-agreement.mjs [dnspython] [simdzone] [knot] [--knot-dir DIR] [--list]
//
// dnspython  tests/corpus/third_party/dnspython/example3.good (ISC licence,
//            vendored): dnspython's own reading of its example zone, one
//            record per line, so it accepts every line. Wire bytes are
//            compared with the installed dnspython (python3-dnspython 2.3)
//            where it knows the type.
// simdzone   tests/corpus/third_party/simdzone/svcb.c (BSD-3-Clause,
//            vendored): the SVCB/HTTPS vectors of simdzone's tests, each with
//            its expected result and, when it succeeds, its wire.
// knot       tests/libzscanner/data/*.in and *.out of Knot DNS (GPL: not
//            vendored). Read from --knot-dir DIR (a Knot source tree), else
//            cloned from GitHub when the network is there, else skipped.
//            Each .out lists, in input order, a record (RTYPE, RDATA) or a
//            warning/error per entry.
//
// Each entry is read as the prefix of its file up to and including it,
// minus the prefix before it, so $ORIGIN, $TTL and the previous owner carry
// over as they do in the whole file. Needs the wasm core (make build).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { loadCore } from '../../www/lib/core-node.js';
import { feedBytes } from '../../www/lib/zone-input.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const THIRD = path.join(ROOT, 'tests', 'corpus', 'third_party');
const PYTHON = process.env.MXRAY_PYTHON || '/usr/bin/python3';
const KNOT_URL = 'https://github.com/CZ-NIC/knot';

const args = process.argv.slice(2);
const list = args.includes('--list');
const knotDirAt = args.indexOf('--knot-dir');
const knotDir = knotDirAt >= 0 ? args[knotDirAt + 1] : null;
const chosen = args.filter((a, i) => !a.startsWith('--') && (knotDirAt < 0 || i !== knotDirAt + 1));
const corpora = chosen.length ? chosen : ['dnspython', 'simdzone', 'knot'];

const core = await loadCore();

// ------------------------------------------------------------------ mxray

// Reads `text` as a zone: the records in RFC 3597 form and the error count.
function readZone(text, origin) {
  const reader = new core.ZoneReader('entry', JSON.stringify({ origin, format: 'bind' }), null);
  try {
    feedBytes(core, reader, Buffer.from(text, 'utf8'));
    reader.finish();
    const n = reader.recordCount();
    const lines = n ? reader.dump(0, n, true).split('\n').filter(Boolean) : [];
    const summary = JSON.parse(reader.summaryJson());
    const records = lines.map((l) => {
      const m = /^(\S+) (\d+) (\S+) (\S+) \\# (\d+) ?([0-9a-f]*)$/.exec(l);
      return m ? { type: m[4], rdata: m[6] } : { type: '?', rdata: l };
    });
    return { records, errors: summary.errors, diagnostics: summary.diagnostics };
  } finally {
    reader.delete();
  }
}

// Cuts zone text into entries: a line, or lines joined by open parentheses
// (quotes, escapes and comments respected). Returns the end offsets.
function entryEnds(text) {
  const ends = [];
  let depth = 0, quoted = false, comment = false, content = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (comment) {
      if (c !== '\n') continue;
      comment = false;
    }
    if (c === '\\' && !comment) {
      i++;
      content = true;
      continue;
    }
    if (quoted) {
      if (c === '"') quoted = false;
      continue;
    }
    if (c === '"') quoted = content = true;
    else if (c === ';') comment = true;
    else if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === '\n') {
      if (depth === 0 && content) {
        ends.push(i + 1);
        content = false;
      }
    } else if (c !== ' ' && c !== '\t' && c !== '\r') content = true;
  }
  if (content) ends.push(text.length);
  return ends;
}

// Per entry: the records it added and whether it was rejected.
function entryOutcomes(text, origin) {
  const out = [];
  let before = { records: [], errors: 0 };
  for (const end of entryEnds(text)) {
    const now = readZone(text.slice(0, end), origin);
    out.push({
      text: text.slice(out.length ? out.at(-1).end : 0, end).trim(),
      end,
      records: now.records.slice(before.records.length),
      rejected: now.errors > before.errors,
    });
    before = now;
  }
  return out;
}

function percent(a, b) {
  return b ? `${((100 * a) / b).toFixed(1)} %` : 'n/a';
}

function report(name, rows) {
  const judged = rows.filter((r) => r.peer !== 'unjudged');
  const agree = judged.filter((r) => r.agree);
  const both = judged.filter((r) => r.peer === 'accept' && r.mine === 'accept' && r.bytes !== undefined);
  const same = both.filter((r) => r.bytes);
  console.log(`${name}: ${judged.length} entries judged by the peer; mxray agrees on accept or reject for ` +
    `${agree.length} (${percent(agree.length, judged.length)}); where both accept and the peer's wire is known, ` +
    `${same.length} of ${both.length} are byte-identical`);
  const bad = judged.filter((r) => !r.agree || r.bytes === false);
  if (list || bad.length <= 40)
    for (const r of bad)
      console.log(`  ${r.where}: peer ${r.peer}, mxray ${r.mine}${r.bytes === false ? ' (bytes differ)' : ''}: ${r.text.replace(/\s+/g, ' ').slice(0, 110)}`);
  else console.log(`  ${bad.length} disagreements (--list shows them)`);
}

// -------------------------------------------------------------- dnspython

function dnspython() {
  const file = path.join(THIRD, 'dnspython', 'example3.good');
  const text = fs.readFileSync(file, 'utf8');
  const entries = entryOutcomes(text, 'example.');
  // The installed dnspython's wire for each line, where it knows the type.
  const py = spawnSync(PYTHON, ['-c', `
import sys, json, dns.rdata, dns.rdatatype, dns.rdataclass, dns.name
origin = dns.name.from_text('example.')
out = []
for line in json.load(sys.stdin):
    try:
        f = line.split(None, 4)
        rd = dns.rdata.from_text(dns.rdataclass.from_text(f[2]), dns.rdatatype.from_text(f[3]), f[4] if len(f) > 4 else '', origin=origin)
        out.append(rd.to_wire(origin=origin).hex())
    except Exception:
        out.append(None)
print(json.dumps(out))
`], { input: JSON.stringify(entries.map((e) => e.text)), encoding: 'utf8' });
  const wires = py.status === 0 ? JSON.parse(py.stdout) : entries.map(() => null);
  const rows = entries.map((e, i) => {
    const mine = e.rejected || e.records.length !== 1 ? 'reject' : 'accept';
    const wire = wires[i];
    return {
      where: `example3.good:${i + 1}`,
      text: e.text,
      peer: 'accept',  // dnspython wrote this line
      mine,
      agree: mine === 'accept',
      bytes: mine === 'accept' && wire != null ? e.records[0].rdata === wire : undefined,
    };
  });
  report('dnspython example zone (example3.good)', rows);
}

// --------------------------------------------------------------- simdzone

function cString(literals) {
  let s = '';
  for (const m of literals.matchAll(/"((?:[^"\\]|\\.)*)"/g))
    s += m[1].replace(/\\(.)/g, (_, c) => ({ n: '\n', t: '\t', '0': '\0' })[c] ?? c);
  return s;
}

function cBytes(body) {
  const clean = body.replace(/\/\/[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '');
  const out = [];
  for (let tok of clean.split(',')) {
    tok = tok.trim();
    if (!tok) continue;
    let m;
    if ((m = /^'(\\?.)'$/.exec(tok))) out.push(m[1].length === 2 ? { '0': 0, n: 10 }[m[1][1]] ?? m[1].charCodeAt(1) : m[1].charCodeAt(0));
    else if (/^(0x[0-9a-fA-F]+|\d+)$/.test(tok)) out.push(Number(tok));
    else return null;
  }
  return Buffer.from(out).toString('hex');
}

function simdzone() {
  let src = fs.readFileSync(path.join(THIRD, 'simdzone', 'svcb.c'), 'utf8');
  src = src.replace(/#if 0[\s\S]*?#endif/g, '');
  const texts = new Map(), rdatas = new Map();
  for (const m of src.matchAll(/static const char (\w+)\[\] =\s*PAD\(([\s\S]*?)\);/g)) texts.set(m[1], cString(m[2]));
  for (const m of src.matchAll(/static const rdata_t (\w+) =\s*RDATA\(([\s\S]*?)\);/g)) rdatas.set(m[1], cBytes(m[2]));
  const table = src.slice(src.indexOf('static const test_t tests[]'));
  const rows = [];
  for (const m of table.matchAll(/\{\s*(true|false),\s*ZONE_TYPE_\w+,\s*(\w+),\s*(\w+),\s*(&\w+|NULL)\s*\}/g)) {
    const [, secondary, code, textName, rdataName] = m;
    const text = texts.get(textName);
    if (text === undefined) continue;
    // Secondary mode is simdzone's lenient reading of zones it serves but
    // did not write; mxray reads as a primary does.
    const peer = secondary === 'true' ? 'unjudged' : code === '0' ? 'accept' : 'reject';
    const got = readZone('$TTL 3600\n' + text + '\n', 'example.com.');
    const mine = got.errors === 0 && got.records.length > 0 ? 'accept' : 'reject';
    const want = rdataName === 'NULL' ? null : rdatas.get(rdataName.slice(1));
    rows.push({
      where: textName,
      text,
      peer,
      mine,
      agree: peer === mine,
      bytes: peer === 'accept' && mine === 'accept' && want ? got.records.every((r) => r.rdata === want) : undefined,
    });
  }
  report('simdzone SVCB/HTTPS vectors (tests/svcb.c)', rows);
}

// ------------------------------------------------------------------- knot

function knotData() {
  if (knotDir) return path.join(knotDir, 'tests', 'libzscanner', 'data');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mxray-knot-'));
  const git = spawnSync('git', ['clone', '--quiet', '--depth', '1', KNOT_URL, tmp], { stdio: 'ignore', timeout: 120000 });
  return git.status === 0 ? path.join(tmp, 'tests', 'libzscanner', 'data') : null;
}

function knotOut(text) {
  return text.split('------').map((b) => b.trim()).filter(Boolean).map((b) => {
    const rdata = /RDATA=([0-9A-F]*)/.exec(b);
    return rdata ? { ok: true, rdata: rdata[1].toLowerCase() } : { ok: false };
  });
}

function knot() {
  const data = knotData();
  if (!data || !fs.existsSync(data)) {
    console.log('knot: skipped (no network and no --knot-dir); the last figure is in tests/corpus/README.md');
    return;
  }
  const rows = [];
  let skipped = 0;
  for (const f of fs.readdirSync(data).filter((n) => n.endsWith('.in')).sort()) {
    const outFile = path.join(data, f.replace(/\.in$/, '.out'));
    if (!fs.existsSync(outFile) || /INCLUDE/.test(f)) {
      skipped++;  // $INCLUDE files name paths of Knot's test tree
      continue;
    }
    const expected = knotOut(fs.readFileSync(outFile, 'utf8'));
    const entries = entryOutcomes(fs.readFileSync(path.join(data, f), 'latin1'), '.');
    // Flatten to Knot's shape: one item per record, one per rejected entry.
    const mine = [];
    for (const e of entries) {
      for (const r of e.records) mine.push({ ok: true, rdata: r.rdata, text: e.text });
      if (e.rejected) mine.push({ ok: false, text: e.text });
    }
    if (mine.length !== expected.length) {
      // Entries no longer line up (a directive one side rejects, say):
      // count this file's entries as judged and not agreed, from here on.
      const n = Math.min(mine.length, expected.length);
      for (let i = 0; i < expected.length; i++) {
        const m = mine[Math.min(i, mine.length - 1)] ?? { ok: false, text: '' };
        rows.push({
          where: `${f}#${i + 1}`,
          text: (i < n ? m.text : '(out of step)') ?? '',
          peer: expected[i].ok ? 'accept' : 'reject',
          mine: i < n ? (m.ok ? 'accept' : 'reject') : 'out of step',
          agree: i < n && m.ok === expected[i].ok && i < n - 1,
          bytes: undefined,
        });
      }
      continue;
    }
    expected.forEach((k, i) => {
      const m = mine[i];
      rows.push({
        where: `${f}#${i + 1}`,
        text: m.text,
        peer: k.ok ? 'accept' : 'reject',
        mine: m.ok ? 'accept' : 'reject',
        agree: k.ok === m.ok,
        bytes: k.ok && m.ok ? k.rdata === m.rdata : undefined,
      });
    });
  }
  report(`knot libzscanner tests (${skipped} $INCLUDE files left out)`, rows);
}

for (const c of corpora) ({ dnspython, simdzone, knot })[c]?.();
