// www/lib/name-safety.js: the Punycode decoder against the sample strings of
// RFC 3492 §7.1, the hidden characters, the lookalike names; and the words
// and display forms the command line and the site build on them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { charKind, decodePunycode, displayText, nameLabels, nameWarnings, textWarnings } from '../../www/lib/name-safety.js';
import { formatDiagnostic, languages, messages } from '../../www/lib/messages.js';
import { evidenceParts, findingParts, renderReport, warningText, zoneLine } from '../../www/lib/report-text.js';
import { siteMessage } from '../../www/lib/site-messages.js';

const hex = (s) => [...s].map((c) => c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0'));
const cps = (list) => list.split(/\s+/).map((c) => c.toUpperCase());

// RFC 3492 §7.1, each sample's code points as the RFC lists them (its U+/u+
// case marks are annotations, which decoders ignore: Appendix A), and its
// Punycode. (H) is one string, printed over two lines there.
const RFC3492_SAMPLES = [
  ['A Arabic (Egyptian)', '0644 064A 0647 0645 0627 0628 062A 0643 0644 0645 0648 0634 0639 0631 0628 064A 061F', 'egbpdaj6bu4bxfgehfvwxn'],
  ['B Chinese (simplified)', '4ED6 4EEC 4E3A 4EC0 4E48 4E0D 8BF4 4E2D 6587', 'ihqwcrb4cv8a8dqg056pqjye'],
  ['C Chinese (traditional)', '4ED6 5011 7232 4EC0 9EBD 4E0D 8AAA 4E2D 6587', 'ihqwctvzc91f659drss3x8bo0yb'],
  ['D Czech', '0050 0072 006F 010D 0070 0072 006F 0073 0074 011B 006E 0065 006D 006C 0075 0076 00ED 010D 0065 0073 006B 0079', 'Proprostnemluvesky-uyb24dma41a'],
  ['E Hebrew', '05DC 05DE 05D4 05D4 05DD 05E4 05E9 05D5 05D8 05DC 05D0 05DE 05D3 05D1 05E8 05D9 05DD 05E2 05D1 05E8 05D9 05EA', '4dbcagdahymbxekheh6e0a7fei0b'],
  [
    'F Hindi (Devanagari)',
    '092F 0939 0932 094B 0917 0939 093F 0928 094D 0926 0940 0915 094D 092F 094B 0902 0928 0939 0940 0902 092C 094B 0932 0938 0915 0924 0947 0939 0948 0902',
    'i1baa7eci9glrd9b2ae1bj0hfcgg6iyaf8o0a1dig0cd',
  ],
  ['G Japanese (kanji and hiragana)', '306A 305C 307F 3093 306A 65E5 672C 8A9E 3092 8A71 3057 3066 304F 308C 306A 3044 306E 304B', 'n8jok5ay5dzabd5bym9f0cm5685rrjetr6pdxa'],
  [
    'H Korean (Hangul syllables)',
    'C138 ACC4 C758 BAA8 B4E0 C0AC B78C B4E4 C774 D55C AD6D C5B4 B97C C774 D574 D55C B2E4 BA74 C5BC B9C8 B098 C88B C744 AE4C',
    '989aomsvi5e83db1d2a355cv1e0vak1dwrv93d5xbh15a0dt30a5jpsd879ccm6fea98c',
  ],
  [
    'I Russian (Cyrillic)',
    '043F 043E 0447 0435 043C 0443 0436 0435 043E 043D 0438 043D 0435 0433 043E 0432 043E 0440 044F 0442 043F 043E 0440 0443 0441 0441 043A 0438',
    'b1abfaaepdrnnbgefbaDotcwatmq2g4l',
  ],
  [
    'J Spanish',
    '0050 006F 0072 0071 0075 00E9 006E 006F 0070 0075 0065 0064 0065 006E 0073 0069 006D 0070 006C 0065 006D 0065 006E 0074 0065 0068 0061 0062 006C 0061 0072 0065 006E 0045 0073 0070 0061 00F1 006F 006C',
    'PorqunopuedensimplementehablarenEspaol-fmd56a',
  ],
  [
    'K Vietnamese',
    '0054 1EA1 0069 0073 0061 006F 0068 1ECD 006B 0068 00F4 006E 0067 0074 0068 1EC3 0063 0068 1EC9 006E 00F3 0069 0074 0069 1EBF 006E 0067 0056 0069 1EC7 0074',
    'TisaohkhngthchnitingVit-kjcr8268qyxafd2f1b9g',
  ],
  ['L 3<nen>B<gumi><kinpachi><sensei>', '0033 5E74 0042 7D44 91D1 516B 5148 751F', '3B-ww4c5e180e575a65lsy2b'],
  [
    'M <amuro><namie>-with-SUPER-MONKEYS',
    '5B89 5BA4 5948 7F8E 6075 002D 0077 0069 0074 0068 002D 0053 0055 0050 0045 0052 002D 004D 004F 004E 004B 0045 0059 0053',
    '-with-SUPER-MONKEYS-pc58ag80a8qai00g7n9n',
  ],
  [
    'N Hello-Another-Way-<sorezore><no><basho>',
    '0048 0065 006C 006C 006F 002D 0041 006E 006F 0074 0068 0065 0072 002D 0057 0061 0079 002D 305D 308C 305E 308C 306E 5834 6240',
    'Hello-Another-Way--fc4qua05auwb3674vfr0b',
  ],
  ['O <hitotsu><yane><no><shita>2', '3072 3068 3064 5C4B 6839 306E 4E0B 0032', '2-u9tlzr9756bt3uc0v'],
  ['P Maji<de>Koi<suru>5<byou><mae>', '004D 0061 006A 0069 3067 004B 006F 0069 3059 308B 0035 79D2 524D', 'MajiKoi5-783gue6qz075azm5e'],
  ['Q <pafii>de<runba>', '30D1 30D5 30A3 30FC 0064 0065 30EB 30F3 30D0', 'de-jg4avhby1noc0d'],
  ['R <sono><supiido><de>', '305D 306E 30B9 30D4 30FC 30C9 3067', 'd9juau41awczczp'],
  ['S -> $1.00 <-', '002D 003E 0020 0024 0031 002E 0030 0030 0020 003C 002D', '-> $1.00 <--'],
];

test('Punycode: every sample string of RFC 3492 §7.1 decodes to its code points', () => {
  for (const [name, points, puny] of RFC3492_SAMPLES) {
    assert.deepEqual(hex(decodePunycode(puny)), cps(points), name);
  }
});

test('Punycode: input that is not Punycode gives null, never a guess', () => {
  assert.equal(decodePunycode('ü-abc'), null, 'a non-basic code point before the delimiter');
  assert.equal(decodePunycode('ab!c'), null, '"!" is no digit');
  assert.equal(decodePunycode('b'), null, 'a delta cut short');
  assert.equal(decodePunycode('99999999999'), null, 'overflow (§6.4)');
  assert.equal(decodePunycode('abc-'), 'abc', 'basic code points only');
  assert.equal(decodePunycode(''), '');
});

test('name labels: \\DDD and \\X escapes read as UTF-8 octets, A-labels decoded, the root left out', () => {
  assert.deepEqual(nameLabels('m\\208\\176il.example.'), ['m\u0430il', 'example']);
  assert.deepEqual(nameLabels('xn--r8jz45g.test.'), ['例え', 'test']);
  assert.deepEqual(nameLabels('XN--R8JZ45G.test'), ['例え', 'test'], 'the ACE prefix in any case');
  assert.deepEqual(nameLabels('a\\.b.c\\032d.'), ['a.b', 'c d']);
  assert.deepEqual(nameLabels('\u0430\u0440\u0440\u04CF\u0435.test'), ['\u0430\u0440\u0440\u04CF\u0435', 'test'], 'raw UTF-8 as it is');
  assert.deepEqual(nameLabels('xn--zz.test'), ['xn--zz', 'test'], 'an A-label that is not Punycode stays as written');
  assert.deepEqual(nameLabels('.'), []);
});

test('lookalikes: a label mixing Latin with Cyrillic or Greek, as Punycode, \\DDD or raw UTF-8', () => {
  const paypal = [{ code: 'mixed-script', scripts: ['Latin', 'Cyrillic'], looksLike: 'paypal.test' }];
  assert.deepEqual(nameWarnings('xn--pypal-4ve.test.'), paypal);
  assert.deepEqual(nameWarnings('p\\208\\176ypal.test.'), paypal);
  assert.deepEqual(nameWarnings('p\u0430ypal.test'), paypal);
  assert.deepEqual(nameWarnings('p\u03B1ypal.test'), [{ code: 'mixed-script', scripts: ['Latin', 'Greek'], looksLike: 'paypal.test' }], 'Greek alpha');
  // A mixture with letters that imitate nothing still mixes: no looksLike then.
  assert.deepEqual(nameWarnings('mail\u0434\u0436.test'), [{ code: 'mixed-script', scripts: ['Latin', 'Cyrillic'] }]);
  assert.deepEqual(nameWarnings('\u03B1\u0430.test'), [{ code: 'mixed-script', scripts: ['Greek', 'Cyrillic'], looksLike: 'aa.test' }]);
});

test('lookalikes: a label wholly of Cyrillic or Greek letters that look Latin', () => {
  assert.deepEqual(nameWarnings('xn--80ak6aa92e.test.'), [{ code: 'lookalike', scripts: ['Cyrillic'], looksLike: 'apple.test' }]);
  assert.deepEqual(nameWarnings('\\208\\176\\209\\128\\209\\128\\211\\143\\208\\181.test.'), [{ code: 'lookalike', scripts: ['Cyrillic'], looksLike: 'apple.test' }]);
  assert.deepEqual(nameWarnings('\u0410\u0420\u0420\u04C0\u0415.test'), [{ code: 'lookalike', scripts: ['Cyrillic'], looksLike: 'apple.test' }], 'upper case too');
  assert.deepEqual(nameWarnings('\u03BF\u03BA.test'), [{ code: 'lookalike', scripts: ['Greek'], looksLike: 'ok.test' }]);
});

test('ordinary names are not flagged: ASCII, Japanese, German, Russian, and Latin with Han and kana', () => {
  for (const name of [
    'mail.example.',
    '_dmarc.example.com.',
    '*.example.',
    'xn--r8jz45g.test.', // 例え
    'xn--n8jok5ay5dzabd5bym9f0cm5685rrjetr6pdxa.jp.', // RFC 3492 (G): kanji and hiragana
    'xn--3B-ww4c5e180e575a65lsy2b.jp.', // (L): Latin, Han
    'xn--bcher-kva.de.', // bücher
    'xn--b1abfaaepdrnnbgefbaDotcwatmq2g4l.ru.', // (I): Russian, not all letters look Latin
    '\\228\\190\\139\\227\\129\\136.test.', // 例え as octets
    'a\\@b\\$c.test.',
  ]) {
    assert.deepEqual(nameWarnings(name), [], name);
  }
});

test('hidden characters in names: bidi controls, invisible and control characters, after decoding', () => {
  assert.deepEqual(nameWarnings('\\226\\128\\174gnp.test.'), [{ code: 'bidi-control', chars: ['U+202E'] }]);
  assert.deepEqual(nameWarnings('\u2066a\u2069.test'), [{ code: 'bidi-control', chars: ['U+2066', 'U+2069'] }]);
  assert.deepEqual(nameWarnings('pay\\226\\128\\139pal.test.'), [{ code: 'invisible', chars: ['U+200B'] }]);
  assert.deepEqual(nameWarnings('a\\027b.test.'), [{ code: 'control', chars: ['U+001B'] }]);
  // Several names in one value (a list, a chain): each is checked, the warnings merged.
  assert.deepEqual(nameWarnings('xn--80ak6aa92e.test. → \\226\\128\\174x.test., p\u0430ypal.test.'), [
    { code: 'lookalike', scripts: ['Cyrillic'], looksLike: 'apple.test' },
    { code: 'bidi-control', chars: ['U+202E'] },
    { code: 'mixed-script', scripts: ['Latin', 'Cyrillic'], looksLike: 'paypal.test' },
  ]);
});

test('text: bidi controls, invisible, C0 and C1 characters are found and shown as ⟨U+XXXX⟩; all else is left alone', () => {
  const bidi = '\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069';
  const invisible = '\u00AD\u200B\u200C\u200D\u2060\uFEFF\u{E0041}';
  const control = '\0\x1b\x7f\x9b\n\r\u2028';
  for (const ch of bidi) assert.equal(charKind(ch), 'bidi-control', hex(ch)[0]);
  for (const ch of invisible) assert.equal(charKind(ch), 'invisible', hex(ch)[0]);
  for (const ch of control) assert.equal(charKind(ch), 'control', hex(ch)[0]);
  assert.deepEqual(textWarnings(`v=spf1 \u202E-all\x1b[2J\u200B\u202E`), [
    { code: 'bidi-control', chars: ['U+202E'] },
    { code: 'control', chars: ['U+001B'] },
    { code: 'invisible', chars: ['U+200B'] },
  ]);
  assert.equal(displayText('a\u202Eb\u2066c\u2069\x1b[31m\x9bd\u{E0041}'), 'a⟨U+202E⟩b⟨U+2066⟩c⟨U+2069⟩⟨U+001B⟩[31m⟨U+009B⟩d⟨U+E0041⟩');
  assert.equal(displayText('line\nnext'), 'line⟨U+000A⟩next');
  assert.equal(displayText('line\nnext\u202E', true), 'line\nnext⟨U+202E⟩', 'newlines kept on request, nothing else');
  for (const plain of ['', 'mail.example. 10 IN\tMX "v=spf1 -all" <b>&amp;', '日本語のテキスト', 'Ελληνικά Русский', 'emoji 📧', '\\226\\128\\174']) {
    assert.equal(displayText(plain), plain, plain);
    assert.deepEqual(textWarnings(plain), [], plain);
  }
  const once = displayText('\u202Ex\x1b');
  assert.equal(displayText(once), once, 'idempotent');
  assert.equal(displayText(undefined), '');
});

test('warnings in words, in English and Japanese; every language has every word', () => {
  const paypal = { code: 'mixed-script', scripts: ['Latin', 'Cyrillic'], looksLike: 'paypal.test' };
  assert.equal(warningText(paypal), 'looks like ‘paypal.test’ but mixes Latin and Cyrillic letters');
  assert.equal(warningText(paypal, 'ja'), '「paypal.test」に見えますが、ラテン文字とキリル文字が混ざっています');
  assert.equal(warningText({ code: 'mixed-script', scripts: ['Latin', 'Cyrillic', 'Greek'] }), 'mixes Latin, Cyrillic and Greek letters');
  assert.equal(warningText({ code: 'lookalike', scripts: ['Cyrillic'], looksLike: 'apple.test' }), 'looks like ‘apple.test’ but is written in Cyrillic letters');
  assert.equal(warningText({ code: 'lookalike', scripts: ['Greek'], looksLike: 'ok.test' }, 'ja'), '「ok.test」に見えますが、ギリシャ文字で書かれています');
  assert.equal(warningText({ code: 'bidi-control', chars: ['U+202E', 'U+2066'] }), 'contains a hidden character that changes the direction of text (U+202E, U+2066)');
  assert.equal(warningText({ code: 'invisible', chars: ['U+200B'] }, 'ja'), '見えない文字 (U+200B) を含んでいます');
  assert.equal(warningText({ code: 'control', chars: ['U+001B'] }), 'contains a control character (U+001B)');
  // looksLike is itself data: shown in display form.
  assert.equal(warningText({ code: 'lookalike', scripts: ['Cyrillic'], looksLike: 'a\u202Eb' }), 'looks like ‘a⟨U+202E⟩b’ but is written in Cyrillic letters');
  // Every script a warning can name has its words (the names nameWarnings gives are these).
  const scripts = ['Latin', 'Greek', 'Cyrillic', 'Cherokee', 'Han', 'Hiragana', 'Katakana', 'Bopomofo', 'Hangul', 'Other'];
  for (const lang of languages) assert.deepEqual(Object.keys(messages[lang].report.safety.script).sort(), [...scripts].sort(), lang);
  assert.deepEqual(nameWarnings('a\u0561\u0430.test')[0].scripts, ['Latin', 'Other', 'Cyrillic'], 'Armenian is "Other"');
});

test('messageParts: data apart from the words, names marked as names, codes filled in', () => {
  const step = { code: 'cname', params: { from: 'mail.x.', to: 'xn--80ak6aa92e.x.', file: 'z\u202E.txt', line: '3' } };
  // A name in a sentence goes without the root's trailing dot.
  assert.deepEqual(evidenceParts(step), [
    { value: 'mail.x', name: true },
    ' is an alias (CNAME) of ',
    { value: 'xn--80ak6aa92e.x', name: true },
    ' (',
    { value: 'z\u202E.txt', name: false },
    ' line 3)',
  ]);
  // A problem's detail sits inside the problem's words.
  const problem = { code: 'record-problem', params: { name: '_dmarc.x.', problem: 'dmarc-bad-p', detail: '\u202Ereject', term: '\u202Ereject' } };
  assert.deepEqual(evidenceParts(problem, 'en'), [
    { value: '_dmarc.x', name: true },
    ': the policy "',
    { value: '\u202Ereject', name: false },
    '" is not none, quarantine or reject — at "',
    { value: '\u202Ereject', name: false },
    '"',
  ]);
  assert.deepEqual(findingParts({ rule: 'mx-target-proxied', names: ['m\\208\\176il.x.'] }), ['Other mail servers cannot deliver: the MX target ', { value: 'm\\208\\176il.x', name: true }, ' leads to the proxy']);
  assert.deepEqual(findingParts({ rule: 'mx-target-proxied', names: [] }), ['Other mail servers cannot deliver: the MX target  leads to the proxy']);
});

test('text output: no raw bidi control or ESC reaches a terminal, lookalike names carry a marker', () => {
  const rlo = '\u202E';
  const report = {
    domain: 'x.test.',
    mode: 'offline',
    stats: { zones: 1, records: 3, questions: 0, rounds: 0 },
    summary: { critical: 1, warning: 1, info: 0 },
    diagnostics: [],
    findings: [
      {
        rule: 'mx-target-proxied',
        severity: 'critical',
        names: ['xn--pypal-4ve.x.test.'],
        evidence: [
          { code: 'mx', params: { to: 'xn--pypal-4ve.x.test.', file: `a${rlo}b.zone`, line: '2' } },
          { code: 'proxied-by', params: { name: 'xn--pypal-4ve.x.test.', provider: 'cloudflare' } },
        ],
      },
      { rule: 'dmarc-invalid', severity: 'warning', names: ['_dmarc.x.test.'], evidence: [{ code: 'txt-record', params: { name: '_dmarc.x.test.', text: `v=DMARC1; p=${rlo}reject\x1b[2J\x9b1m` } }] },
    ],
    fix: {
      plan: [{ action: 'modify', name: `\\226\\128\\174x.x.test.`, type: 'A', data: '192.0.2.1', before: { proxied: true }, after: { proxied: false } }],
      zones: [{ file: `a${rlo}b.zone`, changed: true, diff: `--- a/a${rlo}b.zone\n+++ b/a${rlo}b.zone\n@@ -1 +1 @@\n-${rlo}x\tA\t1.2.3.4\r\n+${rlo}x\tA\t1.2.3.5\r\n` }],
    },
  };
  const out = renderReport(report);
  assert.doesNotMatch(out, /[\u202A-\u202E\u2066-\u2069\x1b\x9b\r]/u);
  assert.match(out, /the MX target xn--pypal-4ve\.x\.test \[! looks like ‘paypal\.x\.test’ but mixes Latin and Cyrillic letters\] leads to the proxy/);
  assert.equal(out.match(/\[! looks like/g).length, 1, 'a name is flagged once a finding');
  assert.match(out, /\(a⟨U\+202E⟩b\.zone line 2\)/);
  assert.match(out, /has the TXT record "v=DMARC1; p=⟨U\+202E⟩reject⟨U\+001B⟩\[2J⟨U\+009B⟩1m"/);
  // The text shows the records that change as a table (the diff is --format diff), names in display form.
  // A name name-safety marks gets [!] in its cell, and its reason once below the table.
  assert.match(out, /^\\226\\128\\174x\.x\.test \[!\] +A +192\.0\.2\.1 +192\.0\.2\.1 +proxied → DNS only$/m);
  assert.match(out, /^\[!\] \\226\\128\\174x\.x\.test: contains a hidden character that changes the direction of text \(U\+202E\)$/m);
  // With colour, the only ESC sequences are the painter's own.
  const painted = renderReport(report, { style: (kind, text) => `\x1b[1m${text}\x1b[0m` });
  assert.doesNotMatch(painted.replace(/\x1b\[[01]m/g, ''), /[\x1b\u202E]/u);
  assert.equal(zoneLine({ file: `d/a${rlo}b.zone`, domain: 'x.test.', summary: { critical: 0, warning: 0, info: 0 }, rules: [] }), 'd/a⟨U+202E⟩b.zone: x.test.: 0 critical, 0 warnings, 0 info');
  assert.equal(zoneLine({ file: `a${rlo}`, error: `cannot read: a${rlo}` }), 'a⟨U+202E⟩: error: cannot read: a⟨U+202E⟩');
});

test('diagnostics and the site\'s words show file names, tokens and values in display form', () => {
  const d = { code: 'bad-ipv4', severity: 'error', file: 0, line: 4, column: 9, token: '\u202E1.2.3.4\x1b[2J\x9b', type: 'A', field: 'address' };
  assert.equal(formatDiagnostic(d, ['zone\u202Etxt.db']), 'zone⟨U+202E⟩txt.db:4:9: error: invalid IPv4 address in A: "⟨U+202E⟩1.2.3.4⟨U+001B⟩[2J⟨U+009B⟩" [bad-ipv4]');
  const inc = { code: 'include-not-found', severity: 'error', file: 0, line: 1, column: 1, detail: 'x\u2066.db' };
  assert.match(formatDiagnostic(inc, ['z']), /included file not available: x⟨U\+2066⟩\.db/);
  assert.equal(siteMessage('input.remove', 'en', { file: 'bidi-\u202Etxt.zone' }), 'Remove bidi-⟨U+202E⟩txt.zone');
  assert.equal(siteMessage('progress.reading', 'ja', { file: 'a\u200Bb', percent: 5 }), 'a⟨U+200B⟩b を読み込み中: 5 %');
});
