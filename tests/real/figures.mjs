// The figures of tests/real/README.md, counted from the expectation files
// (never by hand): files, the formats mxray read them as, verdicts, findings by
// severity and by rule, rejected and warned records, combined checks, and the
// defects still open and fixed.
//
// Run from the repository root:  node tests/real/figures.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REAL = path.dirname(fileURLToPath(import.meta.url));
const SUFFIX = '.expect.json';
const read = (dir) =>
  fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(SUFFIX)).sort().map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))) : [];
const files = read(REAL);
const combined = read(path.join(REAL, 'combined'));

const count = (items, key) => {
  const m = new Map();
  for (const it of items) m.set(key(it), (m.get(key(it)) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])));
};
const list = (pairs) => pairs.map(([k, n]) => `${n} \`${k}\``).join(', ');

const findings = files.flatMap((e) => (e.findings ?? []).map((f) => f.finding.split(' ')));
const diagnostics = files.flatMap((e) => Object.entries(e.diagnostics ?? {}).flatMap(([k, n]) => Array(n).fill(k.split(' '))));
const defects = (all) =>
  all.flatMap((e) => [e.defect ? 1 : 0, ...(e.findings ?? []).map((f) => (f.defect ? 1 : 0))]).reduce((a, b) => a + b, 0);
const fixed = (all) =>
  all.flatMap((e) => [e.fixed ? 1 : 0, ...(e.findings ?? []).map((f) => (f.fixed ? 1 : 0))]).reduce((a, b) => a + b, 0);

const out = [];
out.push(`${files.length} files.`, '');
out.push('| kind | files |', '|---|---|');
for (const [k, n] of count(files, (e) => e.kind)) out.push(`| ${k} | ${n} |`);
out.push('');
out.push(`As mxray reads them: ${list(count(files, (e) => e.format))}.`, '');
out.push(`Verdicts: ${list(count(files, (e) => e.verdict))}.`, '');
const sev = count(findings, (f) => f[1]);
out.push(`Findings by severity: ${list(sev)} (${findings.length} in all). By rule: ${list(count(findings, (f) => f[0]))}.`, '');
out.push(`Diagnostics: ${list(count(diagnostics, (d) => d.join(' ')))} (${diagnostics.length} in all).`, '');
out.push(`Combined checks (tests/real/combined): ${combined.length}; verdicts ${list(count(combined, (e) => e.verdict))}.`, '');
out.push(`Expectation marks: ${defects(files) + defects(combined)} \`defect\` (open), ${fixed(files) + fixed(combined)} \`fixed\` (one defect may be marked in several files).`);
console.log(out.join('\n'));
