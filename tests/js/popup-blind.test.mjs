// The popup's "Not looked at" lines (www/extension/popup-blind.js): each
// reason of the verdict in the report's words, English and Japanese; the
// unanswered questions left to the popup's own count; a reason without words
// said as such, never as its code.
import test from 'node:test';
import assert from 'node:assert/strict';
import { blindLines } from '../../www/extension/popup-blind.js';
import { reportMessage } from '../../www/lib/messages.js';
import { extensionMessage } from '../../www/lib/extension-messages.js';

const report = (blind, unknown = []) => ({ domain: 'club.test.', verdict: { state: 'could-not-tell', blind, unknown } });

test('each reason of the verdict but the unanswered questions, in the report words', () => {
  for (const lang of ['en', 'ja']) {
    assert.deepEqual(blindLines(report(['unknown-facts', 'budget'], [{ name: 'a.' }]), lang), [reportMessage('report.blind.budget', lang)]);
    assert.deepEqual(blindLines(report(['no-records', 'zone-other-domain']), lang), [reportMessage('report.blind.no-records', lang), reportMessage('report.blind.zone-other-domain', lang)]);
  }
  assert.deepEqual(blindLines(report([]), 'en'), []);
  assert.deepEqual(blindLines(report(['unknown-facts']), 'en'), []);
  assert.deepEqual(blindLines({ domain: 'x.' }, 'en'), [], 'no verdict, no line');
});

test('a reason this build has no words for is said, never shown as its code', () => {
  for (const lang of ['en', 'ja']) {
    const lines = blindLines(report(['something-new', 'another-new']), lang);
    assert.deepEqual(lines, [extensionMessage('popup.blindOther', lang)], 'said once');
    assert.ok(!lines.join(' ').includes('something-new') && !lines.join(' ').includes('report.blind'));
  }
});
