// What changed since the last check of a domain (www/lib/history.js): the
// entries the website keeps in IndexedDB, and their comparison. The store and
// the section are driven in Chromium by tests/e2e/history.test.mjs.
import test from 'node:test';
import assert from 'node:assert/strict';
import { HISTORY_FINDINGS, historyChanges, historyEntry, isHistoryEntry } from '../../www/lib/history.js';
import { spawnSync } from 'node:child_process';

const report = (verdict, findings, extra = {}) => ({
  domain: 'Club.Example.',
  mode: 'offline',
  verdict: { state: verdict },
  summary: { critical: findings.filter(([, severity]) => severity === 'critical').length, warning: 0, info: 0 },
  findings: findings.map(([rule, severity, name]) => ({ rule, severity, names: [name], evidence: [{ code: 'x' }] })),
  ...extra,
});

test('an entry keeps the verdict and each finding as rule, severity and name, keyed by the lower-case domain', () => {
  const e = historyEntry(report('broken', [['mail-host-proxied', 'critical', 'mail.club.example.']]), 1000);
  assert.deepEqual(e, {
    domain: 'club.example.',
    at: 1000,
    mode: 'offline',
    verdict: 'broken',
    summary: { critical: 1, warning: 0, info: 0 },
    findings: [{ rule: 'mail-host-proxied', severity: 'critical', name: 'mail.club.example.' }],
    more: 0,
  });
  assert.equal(isHistoryEntry(e), true);
  assert.equal(historyEntry({ findings: [] }, 1), null, 'no domain, nothing to remember');
  assert.equal(historyEntry(report('fine', []), Number.NaN), null);
});

test('the fix of the bundled example shows as the verdict moving to fine and both findings gone', () => {
  const before = historyEntry(report('broken', [['mail-host-proxied', 'critical', 'mail.club.example.'], ['mx-target-proxied', 'critical', 'club.example.'], ['dmarc-advice', 'info', '_dmarc.club.example.']]), 1);
  const after = historyEntry(report('fine', [['dmarc-advice', 'info', '_dmarc.club.example.']]), 2);
  const c = historyChanges(before, after);
  assert.equal(c.verdictBefore, 'broken');
  assert.equal(c.verdictNow, 'fine');
  assert.deepEqual(c.added, []);
  assert.deepEqual(c.gone.map((f) => f.rule), ['mail-host-proxied', 'mx-target-proxied']);
  assert.equal(c.same, false);
  assert.equal(c.complete, true);
  assert.equal(c.at, 1);
  // The same check twice: nothing changed.
  assert.equal(historyChanges(after, historyEntry(report('fine', [['dmarc-advice', 'info', '_dmarc.club.example.']]), 3)).same, true);
});

test('one rule at another name is a new finding, not the same one', () => {
  const before = historyEntry(report('broken', [['mail-host-proxied', 'critical', 'mail.club.example.']]), 1);
  const after = historyEntry(report('broken', [['mail-host-proxied', 'critical', 'smtp.club.example.']]), 2);
  const c = historyChanges(before, after);
  assert.deepEqual(c.added.map((f) => f.name), ['smtp.club.example.']);
  assert.deepEqual(c.gone.map((f) => f.name), ['mail.club.example.']);
});

test('an entry is bounded: past HISTORY_FINDINGS the rest is counted, and the comparison says it may be incomplete', () => {
  const many = Array.from({ length: HISTORY_FINDINGS + 5 }, (_, i) => ['spf-advice', 'info', `n${i}.club.example.`]);
  const e = historyEntry(report('at-risk', many), 1);
  assert.equal(e.findings.length, HISTORY_FINDINGS);
  assert.equal(e.more, 5);
  assert.equal(historyChanges(e, historyEntry(report('at-risk', []), 2)).complete, false);
});

test('what storage gives back is checked before it is believed', () => {
  for (const bad of [null, 'x', {}, { domain: 'a.', at: 'now', verdict: 'fine', findings: [] }, { domain: 'a.', at: 1, verdict: 'fine', findings: [{ rule: 1 }] }]) {
    assert.equal(isHistoryEntry(bad), false, JSON.stringify(bad));
  }
});

test("the real report of the bundled example makes an entry with the CLI's findings", async () => {
  // A broken zone: the check exits 1 and writes its report all the same.
  const { stdout, status } = spawnSync(process.execPath, ['www/cli/mxray.mjs', 'check', '--zone', 'examples/club-cloudflare-export.txt', '--offline', '--format', 'json'], {
    cwd: new URL('../../', import.meta.url),
    encoding: 'utf8',
  });
  assert.equal(status, 1);
  const r = JSON.parse(stdout);
  const e = historyEntry(r, 5);
  assert.equal(e.domain, 'club.example.');
  assert.equal(e.verdict, 'broken');
  assert.deepEqual(e.findings.map((f) => f.rule), r.findings.map((f) => f.rule));
  assert.ok(e.findings.some((f) => f.rule === 'mail-host-proxied' && f.name === 'mail.club.example.'));
});
