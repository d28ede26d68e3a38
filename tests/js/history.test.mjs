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
    blind: false,
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

test('unknown is not fixed: after a check that could not look at everything, what it did not see is not gone, and what it did not see is not new', () => {
  const broken = historyEntry(report('broken', [['mail-host-proxied', 'critical', 'mail.club.example.'], ['mx-target-proxied', 'critical', 'club.example.']]), 1);
  // The resolver could not be reached: no finding, could not tell.
  const blindNow = historyEntry(report('could-not-tell', [], { verdict: { state: 'could-not-tell', blind: ['unknown-facts'] } }), 2);
  assert.equal(broken.blind, false);
  assert.equal(blindNow.blind, true);
  const c = historyChanges(broken, blindNow);
  assert.equal(c.blindNow, true, 'the section must not call these gone');
  assert.equal(c.blindBefore, false);
  assert.deepEqual(c.gone.map((f) => f.rule), ['mail-host-proxied', 'mx-target-proxied']);
  // The reverse: the last check could not tell, this one finds the breakage.
  const back = historyChanges(blindNow, historyEntry(report('broken', [['mail-host-proxied', 'critical', 'mail.club.example.']]), 3));
  assert.equal(back.blindBefore, true, 'the section must not call these new');
  assert.equal(back.blindNow, false);
  assert.deepEqual(back.added.map((f) => f.rule), ['mail-host-proxied']);
  // Broken and blind at once (some questions unanswered): a finding it did not see is not gone either.
  const partly = historyEntry(report('broken', [['mail-host-proxied', 'critical', 'mail.club.example.']], { verdict: { state: 'broken', blind: ['rejected-records'] } }), 4);
  assert.equal(historyChanges(broken, partly).blindNow, true);
  // No verdict at all is not a check that saw everything.
  assert.equal(historyEntry({ domain: 'club.example.', findings: [] }, 5).blind, true);
  // An entry stored before `blind` was kept reads from its verdict.
  const old = { ...broken, verdict: 'could-not-tell' };
  delete old.blind;
  assert.equal(isHistoryEntry(old), true);
  assert.equal(historyChanges(old, broken).blindBefore, true);
  assert.equal(historyChanges({ ...old, verdict: 'fine' }, broken).blindBefore, false);
});

test('across different inputs (live DNS, then an uploaded zone), what one did not see is not called gone nor new', () => {
  const live = historyEntry(report('broken', [['mail-host-proxied', 'critical', 'mail.club.example.']], { mode: 'live' }), 1);
  const zone = historyEntry(report('fine', [], { mode: 'offline', verdict: { state: 'fine', blind: [] } }), 2);
  const c = historyChanges(live, zone);
  assert.equal(c.otherInputs, true);
  assert.equal(c.modeBefore, 'live');
  assert.equal(c.modeNow, 'offline');
  assert.equal(c.blindNow, false);
  assert.deepEqual(c.gone.map((f) => f.rule), ['mail-host-proxied']);
  assert.equal(historyChanges(live, historyEntry(report('fine', [], { mode: 'live', verdict: { state: 'fine', blind: [] } }), 3)).otherInputs, false);
  assert.equal(historyChanges({ ...live, mode: undefined }, zone).otherInputs, false, 'an entry without a mode says nothing of it');
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
  for (const bad of [null, 'x', {}, { domain: 'a.', at: 'now', verdict: 'fine', findings: [] }, { domain: 'a.', at: 1, verdict: 'fine', findings: [{ rule: 1 }] }, { domain: 'a.', at: 1, verdict: 'fine', blind: 'no', findings: [] }]) {
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
