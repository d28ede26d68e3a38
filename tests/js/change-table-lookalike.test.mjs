// The CLI's table of changed records flags a name that name-safety.js marks (a lookalike),
// as the sentences do: [!] in the name's cell, and the reason once below the table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderChangeTable } from '../../www/lib/report-text.js';
import { nameWarnings } from '../../www/lib/name-safety.js';

// "аррӏе" in Cyrillic letters that look Latin, as an A-label.
const lookalike = 'mail.xn--80ak6aa92e.com.';

const report = (name) => ({
  fix: { plan: [{ action: 'create', name, type: 'A', data: '192.0.2.10', after: { proxied: false } }, { action: 'create', name: 'www.example.com.', type: 'A', data: '192.0.2.11' }] },
});

test('the lookalike is one name-safety marks', () => {
  assert.ok(nameWarnings(lookalike.replace(/\.$/, '')).some((w) => w.code === 'lookalike'));
});

for (const lang of ['en', 'ja']) {
  test(`a lookalike name in the change table gets [!] and its reason (${lang})`, () => {
    const lines = renderChangeTable(report(lookalike), { lang });
    const row = lines.find((l) => l.includes('192.0.2.10'));
    assert.match(row, /\[!\]/, lines.join('\n'));
    const plain = lines.find((l) => l.includes('192.0.2.11'));
    assert.doesNotMatch(plain, /\[!\]/);
    const note = lines.filter((l) => l.startsWith('[!] '));
    assert.equal(note.length, 1, lines.join('\n'));
    assert.match(note[0], /apple\.com/, 'the note says what it looks like');
    // The columns stay aligned: the marked cell is padded like the others.
    assert.equal(row.indexOf('A '), plain.indexOf('A '));
  });
}

test('an ordinary name gets no mark and no note', () => {
  const lines = renderChangeTable(report('mail.example.com.'));
  assert.ok(!lines.some((l) => l.includes('[!]')), lines.join('\n'));
});
