// The text report (www/lib/report-text.js) at sizes a hostile zone can reach:
// its lines are appended one by one, since spreading an array of a few
// hundred thousand into push() passes V8's limit on arguments (RangeError).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpanelSteps, likelyOrigins, renderReport } from '../../www/lib/report-text.js';

test('renderReport: a finding of 300,000 evidence steps and a plan of 150,000 changes come out whole', () => {
  const n = 300_000;
  const m = 150_000; // changes: each a sentence and a row, past the engine's limit on arguments too
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
      // Each name's record replaced (delete, then create): one change, one sentence, one row.
      plan: [
        ...Array.from({ length: m }, (_, i) => ({ action: 'delete', name: `m${i}.x.test.`, type: 'CNAME', data: 'x.test.', before: { data: 'x.test.', proxied: false } })),
        ...Array.from({ length: m }, (_, i) => ({ action: 'create', name: `m${i}.x.test.`, type: 'A', data: '192.0.2.1', after: { data: '192.0.2.1', proxied: false } })),
      ],
      zones: [{ file: 'x.zone', changed: true, diff: diff.join('\n') + '\n' }],
    },
  };
  const out = renderReport(report);
  const lines = out.split('\n');
  assert.equal(lines.filter((l) => /\(x\.zone line \d+\)/.test(l)).length, n, 'every evidence step');
  assert.equal(lines.filter((l) => /^- Make m\d+\.x\.test an A record pointing to 192\.0\.2\.1, in place of its CNAME record \(x\.test\)\.$/.test(l)).length, m, 'every change, once');
  assert.equal(lines.filter((l) => /^m\d+\.x\.test +CNAME → A +x\.test +192\.0\.2\.1 +DNS only$/.test(l)).length, m, 'every row of the table');
  assert.ok(!lines.some((l) => /^[-+]m\d+ A /.test(l)), 'the diff is --format diff, not the text');
});

test('likely server address: strongest clues first, three at most, marked likely and never filled in', () => {
  const clue = (source, name, record) => ({ source, name, live: !record, ...(record ? { record } : {}) });
  const report = {
    fix: {
      placeholders: ['origin-ipv4'],
      origin_candidates: [
        {
          type: 'A',
          address: '203.0.113.150',
          likely: true,
          clues: [
            clue('dns-only-name', 'mail.dental.test.'),
            clue('dns-only-name', 'ftp.dental.test.'),
            clue('spf-term', 'dental.test.', { file: 'dental.zone', line: 9 }),
            clue('dns-only-name', 'webdisk.dental.test.'),
            clue('fcrdns', 'mail.dental.test.'),
          ],
        },
        { type: 'AAAA', address: '2001:db8::1', likely: true, clues: [clue('dns-only-name', 'mail.dental.test.')] },
      ],
    },
  };
  const [en] = likelyOrigins(report, 'origin-ipv4', { lang: 'en', cli: true });
  assert.equal(
    en,
    "Likely the server's address: 203.0.113.150, seen as its reverse DNS, mail.dental.test, which has this address again (live DNS); " +
      'an ip4:/ip6: term of the SPF record of dental.test (dental.zone line 9); the DNS-only address of mail.dental.test (live DNS); and 2 more. ' +
      "mxray does not fill it in by itself: check that it is your server's, then run the check again with --origin 203.0.113.150.",
  );
  const [ja] = likelyOrigins(report, 'origin-ipv4', { lang: 'ja' });
  assert.match(ja, /^サーバーのアドレスはおそらく 203\.0\.113\.150 です。/);
  assert.match(ja, /ほか 2 件。mxray はこれを自動では入れません。/);
  // An IPv6 address is offered only for the IPv6 placeholder.
  assert.deepEqual(likelyOrigins(report, 'origin-ipv6', { lang: 'en' }).length, 1);
  assert.deepEqual(likelyOrigins({ fix: { origin_candidates: [] } }, 'origin-ipv4'), []);
});

test('cPanel steps only where cPanel was recognised; plurals and offline counts read as a person writes them', () => {
  const plan = [{ action: 'create', name: 'mail.x.test.', type: 'A', data: '192.0.2.1', after: { data: '192.0.2.1', proxied: false } }];
  const base = { domain: 'x.test.', mode: 'offline', stats: { zones: 1, records: 1, questions: 0, rounds: 0 }, summary: { critical: 1, warning: 1, info: 0 }, findings: [], fix: { plan } };
  assert.deepEqual(cpanelSteps({ ...base, panel: null }), []);
  assert.equal(cpanelSteps({ ...base, panel: { id: 'cpanel', name: 'cPanel' } }).length, 3); // intro, the record, the note on Cloudflare
  const text = renderReport(base);
  assert.match(text, /^1 zone file, 1 record$/m, 'offline: no "0 DNS questions in 0 rounds"');
  assert.match(text, /^1 critical, 1 warning, 0 info$/m);
  assert.doesNotMatch(text, /\(s\)/);
  assert.match(renderReport({ ...base, mode: 'live', stats: { zones: 0, records: 0, questions: 61, rounds: 2 } }), /^0 zone files, 0 records; 61 DNS questions in 2 rounds$/m);
});
