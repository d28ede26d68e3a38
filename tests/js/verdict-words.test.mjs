// The sentence of a verdict (www/lib/verdict-words.js): "at risk" says that
// mail works only when the check looked at everything; with blind spots it
// says that whether mail works is not known, in English and Japanese.
import test from 'node:test';
import assert from 'node:assert/strict';
import { sawNothing, verdictKey } from '../../www/lib/verdict-words.js';
import { reportMessage } from '../../www/lib/messages.js';
import { extensionMessage } from '../../www/lib/extension-messages.js';

// A check that asked 12 questions and got 10 answers (so it saw something).
const report = (state, blind = []) => ({ domain: 'risk.example.', verdict: { state, blind }, stats: { questions: 12, unknown: 2 } });

test('at risk with blind spots has its own sentence; the others keep theirs', () => {
  assert.equal(verdictKey(report('at-risk')), 'report.verdict.at-risk');
  assert.equal(verdictKey(report('at-risk', ['rejected-records'])), 'report.verdictBlind.at-risk');
  for (const state of ['broken', 'fine', 'could-not-tell']) assert.equal(verdictKey(report(state, ['budget'])), `report.verdict.${state}`);
  assert.equal(verdictKey({}), '');
  assert.equal(verdictKey(null), '');
});

test('the sentence never says that mail works when the check could not look at everything', () => {
  const words = {
    en: [reportMessage('report.verdictBlind.at-risk', 'en', { domain: 'risk.example' }), extensionMessage('popup.verdictBlind.at-risk', 'en', { domain: 'risk.example' })],
    ja: [reportMessage('report.verdictBlind.at-risk', 'ja', { domain: 'risk.example' }), extensionMessage('popup.verdictBlind.at-risk', 'ja', { domain: 'risk.example' })],
  };
  for (const s of words.en) {
    assert.ok(s.includes('risk.example') && s.includes('not known'), s);
    assert.ok(!/mail for risk\.example works|risk\.example works/.test(s), s);
  }
  for (const s of words.ja) {
    assert.ok(s.includes('risk.example') && s.includes('分かりません'), s);
    assert.ok(!s.includes('届いていますが') && !s.includes('届きますが'), s);
  }
  // The sentence without blind spots still says it works: the two differ.
  assert.notEqual(reportMessage('report.verdict.at-risk', 'en', { domain: 'x' }), reportMessage('report.verdictBlind.at-risk', 'en', { domain: 'x' }));
});

test('could not tell, having seen nothing of the mail, says it could not check: one rule for the CLI, the site and the popup', () => {
  const unreachable = { domain: 'risk.example.', verdict: { state: 'could-not-tell', blind: ['unknown-facts'] }, stats: { questions: 64, unknown: 64 }, inputs: { zones: [] } };
  assert.equal(sawNothing(unreachable), true);
  assert.equal(verdictKey(unreachable), 'report.verdictSawNothing');
  for (const blind of [['domain-not-found'], ['no-mail-records']]) assert.equal(verdictKey({ ...unreachable, verdict: { state: 'could-not-tell', blind }, stats: { questions: 9, unknown: 0 } }), 'report.verdictSawNothing');
  // A zone of the domain was read: it saw that much, whatever DNS said.
  const zoneRead = { ...unreachable, inputs: { zones: [{ for_domain: true, records: 20 }] } };
  assert.equal(verdictKey(zoneRead), 'report.verdict.could-not-tell');
  // Another state never says so.
  assert.equal(verdictKey({ ...unreachable, verdict: { state: 'broken', blind: ['unknown-facts'] } }), 'report.verdict.broken');
  for (const lang of ['en', 'ja']) assert.ok(!reportMessage('report.verdictSawNothing', lang, { domain: 'risk.example' }).includes(lang === 'en' ? 'no problem' : '問題は見つかりませんでした'));
});
