// Real zone files from public repositories (tests/real/) against `mxray check --offline --format json`.
//
// Run from the repository root:  node --test tests/js/real-zones.test.mjs
//
// Each tests/real/NAME (zone, Cloudflare import file or API JSON) has NAME.expect.json: the
// arguments it is checked with, the domain, format, panel, verdict, diagnostics by code, and the
// findings as "rule severity name", each with a "why" written after reading the zone (and a
// "defect" where mxray is judged wrong: the test still pins today's output, so that a fix shows
// up as a change to review). tests/real/combined/NAME.expect.json checks several files together
// (its "zones"), as a user gives them. See tests/real/README.md.
//
// MXRAY_UPDATE_REAL=1 rewrites the pinned parts from the current CLI and keeps the "why",
// "defect" and "fixed" of every finding that is still made. A finding that is new gets an empty "why", and
// the test fails until someone reads the zone and writes one: a change is never accepted blind.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const REAL = path.join(ROOT, 'tests', 'real');
const CLI = path.join(ROOT, 'www', 'cli', 'mxray.mjs');
const UPDATE = process.env.MXRAY_UPDATE_REAL === '1';
const EXPECT_SUFFIX = '.expect.json';
const HOW_TO_UPDATE =
  'If the change is intended: MXRAY_UPDATE_REAL=1 node --test tests/js/real-zones.test.mjs, then read the zone, ' +
  'write a "why" for every new finding (and a "defect" where mxray is wrong), and say why in the commit message.';

const COMBINED = path.join(REAL, 'combined');
const combined = fs.existsSync(COMBINED) ? fs.readdirSync(COMBINED).filter((f) => f.endsWith(EXPECT_SUFFIX)).sort() : [];
const zoneFiles = fs
  .readdirSync(REAL)
  .filter((f) => !f.endsWith(EXPECT_SUFFIX) && !f.endsWith('.md') && !f.endsWith('.mjs') && !fs.statSync(path.join(REAL, f)).isDirectory())
  .sort();

function check(files, args) {
  const zones = files.flatMap((f) => ['--zone', path.join('tests', 'real', f)]);
  const r = spawnSync(
    process.execPath,
    [CLI, 'check', ...zones, '--offline', '--format', 'json', ...args],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, LANG: 'C', LC_ALL: 'C', NO_COLOR: '1' } },
  );
  assert.ok(r.stdout, `${files.join(' + ')}: mxray printed no report (exit ${r.status}): ${r.stderr}`);
  return { status: r.status, report: JSON.parse(r.stdout) };
}

// What the expectation pins, as read from one report.
function observed(status, report) {
  const diagnostics = {};
  for (const d of report.diagnostics) {
    const key = `${d.severity} ${d.code}`;
    diagnostics[key] = (diagnostics[key] || 0) + 1;
  }
  return {
    exit: status,
    domain: report.domain,
    format: report.inputs.zones.map((z) => z.format).join(','),
    panel: report.panel ? report.panel.id : null,
    verdict: report.verdict.state,
    blind: [...report.verdict.blind].sort(),
    summary: report.summary,
    diagnostics: Object.fromEntries(Object.entries(diagnostics).sort()),
    findings: report.findings.map((f) => `${f.rule} ${f.severity} ${f.names[0] ?? '-'}`).sort(),
  };
}

const PINNED = ['exit', 'domain', 'format', 'panel', 'verdict', 'blind', 'summary', 'diagnostics'];

describe('real zone files (tests/real)', () => {
  it('holds at least 60 files, each with its expectation and a row in SOURCES.md', () => {
    assert.ok(zoneFiles.length >= 60, `only ${zoneFiles.length} files in tests/real`);
    const sources = fs.readFileSync(path.join(REAL, 'SOURCES.md'), 'utf8');
    for (const f of zoneFiles) {
      assert.ok(fs.existsSync(path.join(REAL, f + EXPECT_SUFFIX)), `${f}: no ${f}${EXPECT_SUFFIX}`);
      assert.ok(sources.includes(`| ${f} |`), `${f}: no row in tests/real/SOURCES.md`);
    }
    for (const e of fs.readdirSync(REAL).filter((f) => f.endsWith(EXPECT_SUFFIX))) {
      assert.ok(zoneFiles.includes(e.slice(0, -EXPECT_SUFFIX.length)), `${e}: its zone file is gone`);
    }
  });

  for (const file of zoneFiles) {
    it(file, () => compare(file, path.join(REAL, file + EXPECT_SUFFIX), [file]));
  }
  // Several files checked together, as a user gives them (tests/real/combined/NAME.expect.json, "zones": [...]).
  for (const name of combined) {
    const expectPath = path.join(COMBINED, name);
    it(`combined/${name}`, () => compare(name, expectPath, JSON.parse(fs.readFileSync(expectPath, 'utf8')).zones));
  }
});

function compare(file, expectPath, files) {
  const expected = JSON.parse(fs.readFileSync(expectPath, 'utf8'));
  const { status, report } = check(files, expected.args ?? []);
  const got = observed(status, report);

  if (UPDATE) {
    const old = new Map((expected.findings ?? []).map((f) => [f.finding, f]));
    const next = { ...expected };
    for (const k of PINNED) next[k] = got[k];
    next.findings = got.findings.map((finding) => {
      const prev = old.get(finding);
      const entry = { finding, why: prev?.why ?? '' };
      if (prev?.defect) entry.defect = prev.defect;
      if (prev?.fixed) entry.fixed = prev.fixed;
      return entry;
    });
    fs.writeFileSync(expectPath, JSON.stringify(next, null, 2) + '\n');
    expected.findings = next.findings;
    for (const k of PINNED) expected[k] = next[k];
  }

  for (const k of PINNED) {
    assert.deepEqual(got[k], expected[k], `${file}: "${k}" changed.\n${HOW_TO_UPDATE}`);
  }
  const want = (expected.findings ?? []).map((f) => f.finding).sort();
  const added = got.findings.filter((f) => !want.includes(f));
  const gone = want.filter((f) => !got.findings.includes(f));
  assert.ok(
    added.length === 0 && gone.length === 0,
    `${file}: findings changed.\n  new:  ${added.join('\n        ') || '-'}\n  gone: ${gone.join('\n        ') || '-'}\n` +
      HOW_TO_UPDATE,
  );
  for (const f of expected.findings ?? []) {
    assert.ok(
      typeof f.why === 'string' && f.why.trim().length >= 20,
      `${file}: finding "${f.finding}" has no "why": read the zone and say why it is right (or add a "defect").`,
    );
  }
}
