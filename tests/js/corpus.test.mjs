// Golden zone-file corpus: tests/corpus/*.zone against `mxray dump`.
//
// Run from the repository root:  node --test tests/js/
// MXRAY_UPDATE_GOLDEN=1 rewrites tests/corpus/NAME.good from the current CLI.
// MXRAY_PYTHON picks the interpreter for the dnspython differential
// (default /usr/bin/python3: Debian's python3-dnspython 2.3).
//
// Corpus conventions (the C++ tests may read the same files):
// - Line 1 is `; origin: NAME.`; the harness passes it as --origin. It may
//   carry `; WARN utf8-bom: ...` after it, when the file starts with a BOM.
//   `; origin: none` means no --origin at all (no-origin.zone), and "."
//   for dnspython: once the KO records are blanked, nothing relative is
//   left before the file's own $ORIGIN, so the two readings agree.
// - `; OK` and `; KO` on a line of their own open a section. KO sections
//   hold only records that must be rejected; the FIRST line of each carries
//   `; KO <code>: <why>`. A record that is kept with a warning carries
//   `; WARN <code>: <why>` and sits in an OK section.
// - Diagnostics are keyed on (file, line, severity, code). The line is the
//   record's first line: taken from `(record starts at line N)` when the
//   CLI prints it, otherwise from FILE:LINE. Diagnostics inside an included
//   file carry that file's path (relative to the cwd or, as written in the
//   $INCLUDE, to the main file's folder), and are matched against the
//   annotations in that file (tests/corpus/include/*.zone never run alone).
// - $INCLUDE paths are relative to the folder of the file named on the
//   command line, nested includes too (one base, as in BIND).
// - Records after a KO section start with an explicit owner, so that what a
//   rejected record does to "the previous owner" is never tested here.
// - In cloudflare-export.zone a record's own `;` comment is Cloudflare's
//   comment/cf_tags field, so its explanation is the full-line comment
//   above it.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CORPUS = path.join(ROOT, 'tests', 'corpus');
const CLI = path.join(ROOT, 'www', 'cli', 'mxray.mjs');
const DUMP_PY = path.join(CORPUS, 'dnspython_dump.py');
const PYTHON = process.env.MXRAY_PYTHON || '/usr/bin/python3';
const UPDATE_GOLDEN = process.env.MXRAY_UPDATE_GOLDEN === '1';

// Files dnspython 2.3 cannot read although they are valid. The test checks
// that dnspython still rejects each of them, so an entry cannot go stale.
const DNSPYTHON_REJECTS = {
  'class-before-ttl.zone':
    'class before TTL ("a IN 300 A ..."): valid per RFC 1035 §5.1, dnspython 2.3 takes "300" for the type',
  'origin-relative.zone':
    'relative $ORIGIN: RFC 1035 §5.1 appends the current origin; dnspython 2.3 keeps it relative and silently ' +
    'drops the relative owners after it (dnspython_dump.py turns that drop into a rejection)',
  'rr-rare-nodnspython.zone':
    'types dnspython 2.3 does not know (SIG, KEY, NXT, EID, NIMLOC, ATMA, A6, SINK, RKEY, TALINK, DSYNC, HHIT, ' +
    'BRID, DOA, RESINFO, WALLET, CLA, IPN, TA): it reads them only in RFC 3597 form; their wire is checked ' +
    'against hand encodings in tests/unit/test_rdata.cpp',
  'rr-svcb-keys.zone':
    'SvcParamKeys after RFC 9460 (dohpath, ohttp, tls-supported-groups, docpath, pvd, oots): dnspython 2.3 ' +
    'knows keys 0 to 6 only ("Unknown SVCB ParamKey"); their wire is checked in tests/unit/test_rdata.cpp',
  'txt-split.zone':
    'strings over 255 octets: mxray keeps them split into strings of 255 with a warning (txt-string-split); ' +
    'dnspython 2.3 refuses them ("string too long")',
};

// Deliberate readings where mxray and dnspython differ on a valid file; the
// differential maps dnspython's owner names before comparing. Each entry says
// why, and the test fails if the mapped name no longer occurs (no stale entry).
const DNSPYTHON_OWNER_MAP = {
  'cloudflare-export.zone': {
    why:
      'Cloudflare writes the SOA owner without its trailing dot (docs/sources.md#cloudflare-export-format). ' +
      'RFC 1035 §5.1, and dnspython, make it relative (example.com.example.com.); mxray reads a relative owner ' +
      'that spells the origin as the origin when the input is a Cloudflare export',
    owners: { 'example.com.example.com.': 'example.com.' },
  },
};

// Stable diagnostic codes and their severity (KO = error, WARN = warning).
const CODES = {
  'unterminated-quote': 'KO', 'unbalanced-paren': 'KO', 'unclosed-paren': 'KO', 'bad-escape': 'KO',
  'missing-owner': 'KO', 'missing-ttl': 'KO', 'bad-ttl': 'KO', 'ttl-too-large': 'WARN',
  'unknown-type': 'KO', 'unknown-class': 'KO', 'missing-field': 'KO', 'extra-field': 'KO',
  'bad-number': 'KO', 'number-overflow': 'KO', 'bad-name': 'KO', 'label-too-long': 'KO',
  'name-too-long': 'KO', 'missing-origin': 'KO', 'bad-ipv4': 'KO', 'bad-ipv6': 'KO',
  'string-too-long': 'KO', 'bad-base64': 'KO', 'bad-hex': 'KO', 'bad-generic': 'KO',
  'bad-time': 'KO', 'bad-loc': 'KO', 'bad-svcparam': 'KO', 'bad-directive': 'KO',
  'include-not-found': 'KO', 'include-depth': 'KO', 'include-loop': 'KO', 'include-limit': 'KO', 'include-outside': 'KO', 'bad-generate': 'KO',
  'class-mismatch': 'KO', 'bad-cf-tags': 'WARN', 'txt-string-split': 'WARN', 'out-of-zone': 'WARN',
  'name-nul': 'WARN', 'utf8-bom': 'WARN', 'bad-base32': 'KO', 'bad-caa-tag': 'KO', 'bad-address': 'KO',
};

const SECTION_RE = /^\s*;\s*(OK|KO)\s*$/;
const ANNOTATION_RE = /;\s*(KO|WARN)\s+([a-z0-9-]+):/;
const ORIGIN_RE = /^;\s*origin:\s*(\S+)\s*(?:;.*)?$/;
const INCLUDE_RE = /^\$INCLUDE\s+(\S+)/i;
const DIAGNOSTIC_RE = /^(.+?):(\d+):(\d+): (error|warning): (.*) \[([a-z0-9-]+)\](.*)$/;
const RECORD_START_RE = /record starts at line (\d+)/;

const rel = (p) => path.relative(ROOT, p).split(path.sep).join('/');

// --------------------------------------------------------------- reading the corpus

/** Lines of a corpus file, each without its line end ('\r' kept off), BOM removed. */
function readLines(file) {
  const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  return text.split('\n').map((l) => l.replace(/\r$/, ''));
}

/**
 * Sections and annotations of one file:
 * { origin, lines, section[i] ('OK' | 'KO' | null, null for markers and lines
 *   before the first marker), annotations: [{ line, kind, code }], includes }
 */
function parseCorpusFile(file) {
  const lines = readLines(file);
  const m = ORIGIN_RE.exec(lines[0] ?? '');
  const origin = m ? m[1] : null;
  const section = [];
  const annotations = [];
  const includes = [];
  let current = null;
  lines.forEach((line, i) => {
    const s = SECTION_RE.exec(line);
    if (s) {
      current = s[1];
      section.push(null);
      return;
    }
    section.push(current);
    const a = ANNOTATION_RE.exec(line);
    if (a) annotations.push({ line: i + 1, kind: a[1], code: a[2], section: current });
    const inc = INCLUDE_RE.exec(line.trim());
    if (inc) includes.push(inc[1]);
  });
  return { file, origin, lines, section, annotations, includes };
}

/** The file plus every existing file it includes, transitively (paths relative to the file's folder). */
function withIncludes(file) {
  const base = path.dirname(file);
  const seen = new Map();
  const walk = (f) => {
    if (seen.has(f) || !fs.existsSync(f)) return;
    const parsed = parseCorpusFile(f);
    seen.set(f, parsed);
    for (const inc of parsed.includes) walk(path.resolve(base, inc));
  };
  walk(file);
  return [...seen.values()];
}

/** Expected diagnostics of a file and its includes, as "file:line:KIND:code". */
function expectedDiagnostics(file) {
  const keys = new Set();
  for (const parsed of withIncludes(file)) {
    for (const a of parsed.annotations) keys.add(`${rel(parsed.file)}:${a.line}:${a.kind}:${a.code}`);
  }
  return keys;
}

/** The file's text with every line of every KO section blanked (line numbers kept). */
function blankKo(file) {
  const raw = fs.readFileSync(file, 'utf8');
  const { section } = parseCorpusFile(file);
  return raw
    .split('\n')
    .map((line, i) => (section[i] === 'KO' ? (line.endsWith('\r') ? '\r' : '') : line))
    .join('\n');
}

// --------------------------------------------------------------- running the peers

const runs = new Map();
function runCli(name, origin, generic) {
  const key = `${name}\0${generic}`;
  if (!runs.has(key)) {
    const args = [CLI, 'dump'];
    if (origin !== 'none') args.push('--origin', origin);
    if (generic) args.push('--generic');
    args.push(`tests/corpus/${name}`);
    const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 << 20 });
    runs.set(key, { stdout: r.stdout ?? '', stderr: r.stderr ?? '', status: r.status, error: r.error });
  }
  return runs.get(key);
}

function requireCli() {
  assert.ok(fs.existsSync(CLI), `${rel(CLI)} does not exist yet`);
}

/** A diagnostic's file name -> path relative to ROOT (from the cwd, else from the main file's folder). */
function diagnosticFile(printed, mainFile) {
  const fromCwd = path.resolve(ROOT, printed);
  if (fs.existsSync(fromCwd)) return rel(fromCwd);
  const fromMain = path.resolve(path.dirname(mainFile), printed);
  return fs.existsSync(fromMain) ? rel(fromMain) : printed;
}

/** Diagnostics printed by the CLI, as "file:line:KIND:code" keyed on the record's first line. */
function reportedDiagnostics(stderr, mainFile) {
  const keys = new Set();
  for (const line of stderr.split(/\r?\n/)) {
    const m = DIAGNOSTIC_RE.exec(line);
    if (!m) continue;
    const [, file, lineNo, , severity, , code, tail] = m;
    const start = RECORD_START_RE.exec(tail);
    const recordLine = start ? start[1] : lineNo;
    const kind = severity === 'error' ? 'KO' : 'WARN';
    keys.add(`${diagnosticFile(file, mainFile)}:${recordLine}:${kind}:${code}`);
  }
  return keys;
}

const pythonHasDnspython = (() => {
  const r = spawnSync(PYTHON, ['-c', 'import dns.version, dns.zonefile'], { encoding: 'utf8' });
  return r.status === 0;
})();

/**
 * dnspython's reading of the file with its KO sections blanked. The copy and
 * blanked copies of tests/corpus/include/ go to a temporary directory with
 * the same layout, so $INCLUDE paths resolve the same way.
 */
const pythonRuns = new Map();
function runDnspython(name, origin) {
  if (pythonRuns.has(name)) return pythonRuns.get(name);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mxray-corpus-'));
  try {
    const incSrc = path.join(CORPUS, 'include');
    if (fs.existsSync(incSrc)) {
      fs.mkdirSync(path.join(dir, 'include'));
      for (const f of fs.readdirSync(incSrc)) {
        if (f.endsWith('.zone')) fs.writeFileSync(path.join(dir, 'include', f), blankKo(path.join(incSrc, f)));
      }
    }
    const copy = path.join(dir, name);
    fs.writeFileSync(copy, blankKo(path.join(CORPUS, name)));
    // No origin: "." is equivalent once the KO records are gone (see header).
    const r = spawnSync(PYTHON, [DUMP_PY, copy, origin === 'none' ? '.' : origin], {
      encoding: 'utf8',
      maxBuffer: 256 << 20,
    });
    const result = { stdout: r.stdout ?? '', stderr: (r.stderr ?? '').split(dir).join('<tmp>'), status: r.status };
    pythonRuns.set(name, result);
    return result;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// --------------------------------------------------------------- normalising records

/** Presentation name -> lower-case name with every octet outside [a-z0-9_*-] as \DDD. */
function canonicalName(text) {
  if (text === '.') return '.';
  const bytes = Buffer.from(text, 'utf8');
  const labels = [[]];
  for (let i = 0; i < bytes.length; i++) {
    let b = bytes[i];
    if (b === 0x5c /* \ */) {
      const d = bytes.subarray(i + 1, i + 4).toString('latin1');
      if (/^\d{3}$/.test(d)) {
        b = Number(d);
        i += 3;
      } else {
        b = bytes[++i];
      }
    } else if (b === 0x2e /* . */) {
      labels.push([]);
      continue;
    }
    labels[labels.length - 1].push(b);
  }
  return labels
    .map((label) =>
      label
        .map((b) => {
          const c = String.fromCharCode(b).toLowerCase();
          return /[a-z0-9_*-]/.test(c) ? c : `\\${String(b).padStart(3, '0')}`;
        })
        .join(''),
    )
    .join('.');
}

const GENERIC_LINE_RE = /^(\S+) (\d+) ([A-Za-z0-9]+) ([A-Za-z0-9-]+) \\# (\d+)(?: ([0-9a-fA-F]+))?$/;

/**
 * Both peers' `--generic` lines -> comparable lines. Why each step:
 * - group by (owner, class, type): a zone holds RRsets, and the two readers
 *   may legitimately differ in how they present one (record order, repeats);
 * - dedup rdata: an RRset is a set (RFC 2181 §5), a repeated record is the
 *   same data;
 * - TTL = minimum over the RRset: RFC 2181 §5.2 forbids differing TTLs in
 *   an RRset and readers resolve it differently (dnspython's zone takes the
 *   minimum); the minimum is what a cache would end up with;
 * - TTL above 2^31-1 -> 0: RFC 2181 §8 says treat it as 0; dnspython keeps
 *   the raw value, mxray may keep it (with its warning) or zero it;
 * - owner compared case-insensitively with one escaping (RFC 4343); rdata
 *   hex stays exact, so case inside rdata names still has to match.
 */
function normaliseRecords(text, who) {
  const sets = new Map();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const m = GENERIC_LINE_RE.exec(line);
    assert.ok(m, `${who}: not a "owner TTL CLASS TYPE \\# LEN HEX" line: ${JSON.stringify(line)}`);
    const [, owner, ttlText, cls, type, len, hex = ''] = m;
    assert.equal(hex.length, 2 * Number(len), `${who}: \\# length ${len} does not match the hex in ${line}`);
    let ttl = Number(ttlText);
    if (ttl > 2147483647) ttl = 0;
    const key = `${canonicalName(owner)} ${cls.toUpperCase()} ${type.toUpperCase()}`;
    const entry = sets.get(key) ?? { ttl, rdata: new Set() };
    entry.ttl = Math.min(entry.ttl, ttl);
    entry.rdata.add(len === '0' ? '\\# 0' : `\\# ${len} ${hex.toLowerCase()}`);
    sets.set(key, entry);
  }
  const out = [];
  for (const [key, { ttl, rdata }] of sets) {
    const [owner, cls, type] = key.split(' ');
    for (const rd of rdata) out.push(`${owner} ${ttl} ${cls} ${type} ${rd}`);
  }
  return out.sort();
}

// --------------------------------------------------------------- the tests

const zoneFiles = fs
  .readdirSync(CORPUS)
  .filter((f) => f.endsWith('.zone'))
  .sort();

describe('corpus', () => {
  it('has zone files', () => assert.ok(zoneFiles.length > 0));

  it('DNSPYTHON_REJECTS names only existing corpus files', () => {
    for (const name of Object.keys(DNSPYTHON_REJECTS)) assert.ok(zoneFiles.includes(name), name);
  });
});

for (const name of zoneFiles) {
  const file = path.join(CORPUS, name);
  const parsed = parseCorpusFile(file);
  const { origin } = parsed;

  describe(name, () => {
    it('follows the corpus conventions', () => {
      assert.ok(origin, 'line 1 must be "; origin: NAME." (or "; origin: none")');
      assert.ok(origin === 'none' || origin.endsWith('.'), `origin ${origin} must be absolute`);
      for (const p of withIncludes(file)) {
        const where = rel(p.file);
        assert.ok(p.section.some((s) => s === 'OK' || s === 'KO'), `${where}: no "; OK" / "; KO" section`);
        for (const a of p.annotations) {
          assert.ok(a.code in CODES, `${where}:${a.line}: unknown code ${a.code}`);
          assert.equal(a.kind, CODES[a.code], `${where}:${a.line}: ${a.code} is a ${CODES[a.code]} code`);
          // A byte order mark comes before any section: its warning sits on line 1.
          const wanted = a.kind === 'KO' ? 'KO' : a.code === 'utf8-bom' && a.line === 1 ? null : 'OK';
          assert.equal(a.section, wanted, `${where}:${a.line}: ${a.kind} annotation outside a ${wanted} section`);
        }
        // A KO section without any KO annotation would be blanked for dnspython but never checked.
        let open = null;
        let seen = false;
        p.section.forEach((s, i) => {
          if (s === 'KO' && open === null) [open, seen] = [i + 1, false];
          if (s === 'KO' && p.annotations.some((a) => a.line === i + 1 && a.kind === 'KO')) seen = true;
          if (s !== 'KO' && open !== null) {
            assert.ok(seen, `${where}: KO section at line ${open} has no "; KO code:" annotation`);
            open = null;
          }
        });
        if (open !== null) assert.ok(seen, `${where}: KO section at line ${open} has no "; KO code:" annotation`);
      }
    });

    it('dnspython reads the OK part, or is listed in DNSPYTHON_REJECTS', (t) => {
      assert.ok(pythonHasDnspython, `${PYTHON} has no dnspython: \`make setup\` installs python3-dnspython`);
      const py = runDnspython(name, origin);
      if (name in DNSPYTHON_REJECTS) {
        assert.notEqual(py.status, 0, `dnspython now accepts ${name}: remove it from DNSPYTHON_REJECTS`);
      } else {
        assert.equal(py.status, 0, `dnspython rejects ${name}: ${py.stderr.trim()}`);
        assert.ok(py.stdout.trim() !== '', 'dnspython read no records');
      }
    });

    it('reports exactly the annotated diagnostics, exit 1 iff a record is rejected', () => {
      requireCli();
      const r = runCli(name, origin, true);
      assert.ifError(r.error);
      const expected = expectedDiagnostics(file);
      const reported = reportedDiagnostics(r.stderr, file);
      assert.deepEqual([...reported].sort(), [...expected].sort(), `stderr was:\n${r.stderr}`);
      const anyKo = [...expected].some((k) => k.includes(':KO:'));
      assert.equal(r.status, anyKo ? 1 : 0, `exit status; stderr was:\n${r.stderr}`);
    });

    it('gives the same records as dnspython (--generic)', (t) => {
      assert.ok(pythonHasDnspython, `${PYTHON} has no dnspython: \`make setup\` installs python3-dnspython`);
      if (name in DNSPYTHON_REJECTS) return t.skip(`dnspython cannot read it: ${DNSPYTHON_REJECTS[name]}`);
      requireCli();
      const py = runDnspython(name, origin);
      assert.equal(py.status, 0, py.stderr);
      // mxray reads the whole file: rejected records print nothing, so its
      // output must equal dnspython's reading of the file without them.
      let theirs = py.stdout;
      const map = DNSPYTHON_OWNER_MAP[name];
      if (map) {
        for (const [from, to] of Object.entries(map.owners)) {
          const re = new RegExp(`^${from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `, 'gm');
          assert.match(theirs, re, `DNSPYTHON_OWNER_MAP: dnspython no longer prints ${from} (${map.why})`);
          theirs = theirs.replace(re, `${to} `);
        }
      }
      const ours = runCli(name, origin, true);
      assert.deepEqual(normaliseRecords(ours.stdout, 'mxray'), normaliseRecords(theirs, 'dnspython'));
    });

    it('prints the golden presentation output (NAME.good)', (t) => {
      const good = path.join(CORPUS, name.replace(/\.zone$/, '.good'));
      assert.ok(UPDATE_GOLDEN || fs.existsSync(good), `no ${rel(good)}: review MXRAY_UPDATE_GOLDEN=1 output and commit it`);
      requireCli();
      const r = runCli(name, origin, false);
      assert.ifError(r.error);
      if (UPDATE_GOLDEN) {
        fs.writeFileSync(good, r.stdout);
        return;
      }
      assert.equal(r.stdout, fs.readFileSync(good, 'utf8'));
    });
  });
}
