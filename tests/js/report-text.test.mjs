// The text report (www/lib/report-text.js) at sizes a hostile zone can reach:
// its lines are appended one by one, since spreading an array of a few
// hundred thousand into push() passes V8's limit on arguments (RangeError).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderReport } from '../../www/lib/report-text.js';

test('renderReport: a finding of 300,000 evidence steps and a diff of 300,000 lines come out whole', () => {
  const n = 300_000;
  const evidence = Array.from({ length: n }, (_, i) => ({ code: 'mx', params: { to: `m${i}.x.test.`, file: 'x.zone', line: String(i + 1) } }));
  const diff = ['--- a/x.zone', '+++ b/x.zone', `@@ -1,${n} +1,${n} @@`];
  for (let i = 0; i < n; i++) diff.push(`-m${i} A 104.16.0.1`, `+m${i} A 192.0.2.1`);
  const report = {
    domain: 'x.test.',
    mode: 'offline',
    stats: { zones: 1, records: n, questions: 0, rounds: 0 },
    summary: { critical: 1, warning: 0, info: 0 },
    diagnostics: [],
    findings: [{ rule: 'mx-target-proxied', severity: 'critical', names: ['m0.x.test.'], evidence }],
    fix: {
      plan: [{ action: 'modify', name: 'm0.x.test.', type: 'A', data: '192.0.2.1', before: { proxied: true }, after: { proxied: false } }],
      zones: [{ file: 'x.zone', changed: true, diff: diff.join('\n') + '\n' }],
    },
  };
  const out = renderReport(report);
  const lines = out.split('\n');
  assert.equal(lines.filter((l) => /\(x\.zone line \d+\)/.test(l)).length, n, 'every evidence step');
  assert.equal(lines.filter((l) => /^[-+]m\d+ A /.test(l)).length, 2 * n, 'every diff line');
  assert.ok(lines.includes(`+m${n - 1} A 192.0.2.1`));
});
