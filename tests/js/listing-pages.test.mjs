// The pages of one Cloudflare API listing, given together, are read as one zone
// (www/lib/zone-input.js listingGroups, www/lib/check.js): not as the zones of a
// move, and each diagnostic and evidence step names its own page and line. The pages
// are real (tests/real: octoDNS's and cloudflare-go's fixtures).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadCore } from '../../www/lib/core-node.js';
import { runCheck } from '../../www/lib/check.js';
import { joinListingPages, listingGroups, listingPage } from '../../www/lib/zone-input.js';

const real = (name) => ({ name, bytes: new Uint8Array(readFileSync(fileURLToPath(new URL(`../real/${name}`, import.meta.url)))) });
const octo = [1, 2, 3].map((n) => real(`octodns-cloudflare-dns_records-page-${n}.json`));
const cfgo = [1, 2].map((n) => real(`cloudflare-go-dns-list_page_${n}.json`));

let core;
before(async () => {
  core = await loadCore();
});

test('a page tells its listing; other inputs are no page', () => {
  assert.deepEqual(listingPage(octo[2].bytes), { zone: 'unit.tests', page: 3, pages: 3, perPage: 10 });
  assert.deepEqual(listingPage(cfgo[0].bytes), { zone: 'example.com', page: 1, pages: 2, perPage: 3 });
  const enc = new TextEncoder();
  assert.equal(listingPage(enc.encode('$ORIGIN example.com.\n@ MX 10 mail\n')), null);
  assert.equal(listingPage(enc.encode('{"result": {"name": "example.com", "type": "A"}}')), null); // one record
  assert.equal(listingPage(enc.encode('{"result": [], "result_info": {"page": 1, "total_pages": 1}}')), null);
  assert.equal(listingPage(enc.encode('{"result": [{"zone_name": "x.test"}], "result_info": {"page": 4, "total_pages": 3}}')), null);
  assert.equal(listingPage(enc.encode('{"result": [')), null);
});

test('pages of one listing group in page order; other inputs, another listing and a page given twice stand alone', () => {
  const b = (s) => s.bytes;
  assert.deepEqual(listingGroups([octo[2], octo[0], octo[1]].map(b)), [[1, 2, 0]]);
  assert.deepEqual(listingGroups([octo[0], cfgo[1], octo[1], cfgo[0]].map(b)), [[0, 2], [3, 1]]);
  const zone = new TextEncoder().encode('$ORIGIN unit.tests.\n@ MX 10 mail\n');
  assert.deepEqual(listingGroups([zone, octo[0].bytes, octo[1].bytes]), [[0], [1, 2]]);
  assert.deepEqual(listingGroups([octo[0], octo[0]].map(b)), [[0], [1]]);
  assert.deepEqual(listingGroups([octo[0]].map(b)), [[0]]);
});

test('the joined pages are one JSON array, each page on its own lines', () => {
  const { bytes, starts } = joinListingPages(cfgo.map((s) => s.bytes));
  const text = new TextDecoder().decode(bytes);
  const doc = JSON.parse(text);
  assert.equal(doc.length, 2);
  assert.equal(doc[1].result_info.page, 2);
  const lines = text.split('\n');
  const own = new TextDecoder().decode(cfgo[1].bytes).split('\n');
  assert.equal(lines[starts[1] + 1], own[1]); // page 2's second line
  assert.equal(lines[starts[1]], `,${own[0]}`);
});

test('three pages of one listing: one zone, no migration findings, diagnostics on their own page and line', async () => {
  const together = await runCheck(core, { sources: octo, offline: true, zoneSummaries: true });
  const { report } = together;
  assert.equal(report.inputs.zones.length, 1);
  assert.deepEqual(report.inputs.zones[0].files, octo.map((s) => s.name));
  assert.equal(report.inputs.zones[0].records, 31); // every record but page 2's SOA, page 3's two LOC included
  assert.ok(!report.findings.some((f) => f.rule.startsWith('migration-')), 'pages compared as a move');
  // The same diagnostics, at the same places, as each page read alone.
  const alone = [];
  for (const [k, s] of octo.entries()) {
    const one = await runCheck(core, { sources: [s], offline: true });
    for (const d of one.report.diagnostics) alone.push(`${k} ${d.line}:${d.column} ${d.code}`);
  }
  const joined = report.diagnostics.map((d) => `${d.file} ${d.line}:${d.column} ${d.code}`);
  assert.deepEqual(joined.sort(), alone.sort());
  const summary = together.zoneSummaries[0];
  assert.deepEqual(summary.files, octo.map((s) => s.name));
  assert.deepEqual(summary.diagnostics.map((d) => `${d.file} ${d.line}:${d.column} ${d.code}`).sort(), alone.sort());
  // Evidence names the page a record is on: the MX of mx.unit.tests is on page 1, line 105.
  const mx = report.findings.find((f) => f.rule === 'mx-target-missing' && f.names[0] === 'smtp-1.unit.tests.');
  assert.ok(mx);
  const step = mx.evidence.find((e) => e.code === 'mx-of' || e.code === 'mx');
  assert.equal(step.params.file, octo[0].name);
  assert.equal(step.params.line, '105');
});

test('the pages of cloudflare-go\'s listing, in either order, give what one page with all records gives', async () => {
  const a = await runCheck(core, { sources: cfgo, offline: true });
  const b = await runCheck(core, { sources: [...cfgo].reverse(), offline: true });
  assert.equal(a.report.inputs.zones.length, 1);
  assert.equal(a.report.inputs.zones[0].records, 5);
  assert.deepEqual(b.report.findings.map((f) => `${f.rule} ${f.names[0]}`), a.report.findings.map((f) => `${f.rule} ${f.names[0]}`));
  assert.equal(a.report.verdict.state, b.report.verdict.state);
});
