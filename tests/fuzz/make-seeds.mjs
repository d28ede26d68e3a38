#!/usr/bin/env node
// Writes the fuzz targets' seed corpora (tests/fuzz/corpus/<target>/) from
// the test corpus and the scenarios, so fuzzing starts from real zones,
// exports, API JSON, recorded DNS answers and policy records. Deterministic:
// run it again and nothing changes unless the sources did.
//   node tests/fuzz/make-seeds.mjs        (needs the wasm core: make wasm)
//
// The session target reads a FuzzedDataProvider stream; its seeds replay a
// scenario's recorded answers in the order the Session asks, encoded the
// way the provider reads them (strings from the front, with "\" doubled and
// "\x" ending each; each choice byte from the back).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCore } from '../../www/lib/core-node.js';
import { createSession } from '../../www/lib/session.js';
import { keyOf } from '../scenarios/lib/replay.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const out = join(root, 'tests/fuzz/corpus');
const scenarios = join(root, 'tests/scenarios');
const corpus = join(root, 'tests/corpus');

const seeds = new Map(); // target -> Map(name -> bytes)
function seed(target, name, bytes) {
  if (!seeds.has(target)) seeds.set(target, new Map());
  const buf = Buffer.from(bytes);
  // One copy of each content, named by where it came from.
  const dup = [...seeds.get(target).values()].some((b) => b.equals(buf));
  if (!dup) seeds.get(target).set(name.replace(/[^\w.-]+/g, '_'), buf);
}

const hex = (h) => Buffer.from(h, 'hex');
const isJson = (b) => /^\s*[[{]/.test(b.subarray(0, 64).toString('latin1'));
const isExport = (b) => b.subarray(0, 256).toString('latin1').includes(';; Domain:');

// Zone files: the corpus and every scenario's inputs and served zones.
const zoneFiles = [];
for (const f of readdirSync(corpus).sort()) if (f.endsWith('.zone')) zoneFiles.push([`corpus-${f}`, join(corpus, f)]);
for (const f of readdirSync(join(corpus, 'cloudflare-api')).sort()) zoneFiles.push([`corpus-api-${f}`, join(corpus, 'cloudflare-api', f)]);
const folders = readdirSync(scenarios, { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== 'lib').map((d) => d.name).sort();
for (const s of folders) {
  for (const sub of ['input', 'served']) {
    const dir = join(scenarios, s, sub);
    if (existsSync(dir)) for (const f of readdirSync(dir).sort()) zoneFiles.push([`${s}-${f}`, join(dir, f)]);
  }
}
// The fast-path target: a byte for the record type (its index in
// fuzz_fastpath.cpp's kTypes), then the RDATA of that type's one-line
// records of a zone file, a line each.
const fastpathTypes = ['A', 'AAAA', 'NS', 'CNAME', 'PTR', 'MX', 'SRV', 'TXT', 'SOA', 'CAA', 'HTTPS'];
function fastpathSeeds(name, bytes) {
  const byType = new Map();
  for (const line of bytes.toString('latin1').split('\n')) {
    if (line.includes('(') || line.startsWith(';')) continue;
    const m = line.match(/^\S*\s+(?:(?:\d\w*|IN|CH|HS)\s+){0,2}([A-Z]+)\s+(.*)$/i);
    const index = m ? fastpathTypes.indexOf(m[1].toUpperCase()) : -1;
    if (index < 0) continue;
    if (!byType.has(index)) byType.set(index, []);
    byType.get(index).push(m[2]);
  }
  for (const [index, lines] of [...byType].sort((a, b) => a[0] - b[0]))
    seed('fastpath', `${fastpathTypes[index]}-${name}`, Buffer.concat([Buffer.from([index]), Buffer.from(lines.join('\n') + '\n', 'latin1')]));
}

const txt = new Set();
for (const [name, path] of zoneFiles) {
  const bytes = readFileSync(path);
  if (isJson(bytes)) {
    seed('cloudflare_json', name, bytes);
    seed('check', `json-${name}`, Buffer.concat([Buffer.from([2]), bytes]));
  } else if (isExport(bytes)) {
    seed('cloudflare_export', name, bytes);
    seed('check', `export-${name}`, Buffer.concat([Buffer.from([1]), bytes]));
  } else {
    seed('zone', name, bytes);
    seed('check', `bind-${name}`, Buffer.concat([Buffer.from([0]), bytes]));
  }
  if (!isJson(bytes)) fastpathSeeds(name, bytes);
  // Policy records for the SPF and DMARC parsers: the quoted strings of TXT lines, joined.
  for (const line of bytes.toString('latin1').split('\n')) {
    const m = line.match(/\bTXT\s+((?:"(?:[^"\\]|\\.)*"\s*)+)/);
    if (m) txt.add([...m[1].matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((q) => q[1]).join(''));
  }
}
for (const t of [...txt].sort()) {
  const h = createHash('sha1').update(t).digest('hex').slice(0, 12);
  if (/^v=spf1/i.test(t)) seed('spf', `txt-${h}`, t);
  if (/^v=DMARC1/i.test(t)) seed('dmarc', `txt-${h}`, t);
}

// DNS messages: recorded answers, up to 12 of each question type (the
// fuzzer mutates from there; more of the same shape only slows it).
const recordings = [];
const perType = new Map();
for (const s of folders) {
  const file = join(scenarios, s, 'answers.json');
  if (!existsSync(file)) continue;
  const rec = JSON.parse(readFileSync(file, 'utf8'));
  recordings.push([s, rec]);
  for (const [key, a] of Object.entries(rec.answers)) {
    const type = key.split(' ')[1];
    if (!a.wire || (perType.get(type) ?? 0) >= 12) continue;
    perType.set(type, (perType.get(type) ?? 0) + 1);
    seed('message', `${s}-${key}`, hex(a.wire));
  }
}

// DoH JSON answers, in the shape Google's and Cloudflare's JSON APIs serve
// (RFC 8427-like field names): written here, one per feature the decoder reads.
const dohJson = {
  'a-answer': { Status: 0, TC: false, RD: true, RA: true, AD: false, CD: false, Question: [{ name: 'mail.club.test.', type: 1 }], Answer: [{ name: 'mail.club.test.', type: 1, TTL: 300, data: '192.0.2.10' }] },
  'cname-chain': { Status: 0, Question: [{ name: 'mail.club.test.', type: 1 }], Answer: [{ name: 'mail.club.test.', type: 5, TTL: 300, data: 'club.test.' }, { name: 'club.test.', type: 1, TTL: 300, data: '104.21.16.8' }] },
  'mx-answer': { Status: 0, Question: [{ name: 'club.test.', type: 15 }], Answer: [{ name: 'club.test.', type: 15, TTL: 300, data: '0 mail.club.test.' }] },
  'txt-answer': { Status: 0, Question: [{ name: 'club.test.', type: 16 }], Answer: [{ name: 'club.test.', type: 16, TTL: 300, data: '"v=spf1 +a +mx ip4:192.0.2.10 ~all"' }] },
  'aaaa-answer': { Status: 0, Question: [{ name: 'mail.club.test.', type: 28 }], Answer: [{ name: 'mail.club.test.', type: 28, TTL: 300, data: '2001:db8::10' }] },
  'srv-answer': { Status: 0, Question: [{ name: '_submission._tcp.club.test.', type: 33 }], Answer: [{ name: '_submission._tcp.club.test.', type: 33, TTL: 300, data: '0 1 587 mail.club.test.' }] },
  'nxdomain': { Status: 3, Question: [{ name: 'gone.club.test.', type: 1 }], Authority: [{ name: 'club.test.', type: 6, TTL: 300, data: 'ns1.club.test. root.club.test. 1 7200 3600 1209600 300' }], Comment: 'Response from 192.0.2.53.' },
  'servfail': { Status: 2, Question: [{ name: 'club.test.', type: 15 }], Comment: ['EDNS error', 'upstream timeout'] },
  'truncated': { Status: 0, TC: true, Question: [{ name: 'club.test.', type: 16 }] },
  'ptr-answer': { Status: 0, Question: [{ name: '10.2.0.192.in-addr.arpa.', type: 12 }], Answer: [{ name: '10.2.0.192.in-addr.arpa.', type: 12, TTL: 300, data: 'mail.club.test.' }] },
};
for (const [name, j] of Object.entries(dohJson)) seed('doh_json', name, JSON.stringify(j));

// Session streams: each recording replayed in the order the Session asks.
function providerString(bytes) {
  const parts = [];
  for (const b of bytes) parts.push(b === 0x5c ? [0x5c, 0x5c] : [b]);
  return Buffer.concat([Buffer.from(parts.flat()), Buffer.from([0x5c, 0x78])]);
}
const core = await loadCore();
for (const [s, rec] of recordings) {
  const domain = rec.domain.replace(/\.$/, '');
  const session = createSession(core, { domain, options: { live: true } });
  const front = [providerString(Buffer.from(domain))];
  const back = []; // choice bytes, in the order consumed (from the end)
  try {
    for (let round = 0; round < 16 && !session.done(); round++) {
      for (const q of session.pending()) {
        const a = rec.answers[keyOf(q)];
        if (a?.wire) {
          back.push(0); // feed_wire
          front.push(providerString(hex(a.wire)));
          session.feedWire(q.id, hex(a.wire));
        } else {
          back.push(3); // out of answers: a timeout
          session.feedFailure(q.id, 'timeout', 'not recorded');
        }
      }
    }
  } finally {
    session.dispose();
  }
  seed('session', s, Buffer.concat([...front, Buffer.from(back.reverse())]));
}

rmSync(out, { recursive: true, force: true });
let total = 0;
for (const [target, files] of [...seeds].sort()) {
  const dir = join(out, target);
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of files) {
    writeFileSync(join(dir, name), bytes);
    total += bytes.length;
  }
  process.stdout.write(`${target}: ${files.size} seeds\n`);
}
process.stdout.write(`${(total / 1024).toFixed(0)} KiB in ${out}\n`);
