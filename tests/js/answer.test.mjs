// The answer a report opens with (www/lib/answer.js, report-text.js
// renderReport): the verdict, then "What to do" with one sentence per change
// in the words of the panel that serves the DNS, the records that change as
// a table, the serving panel's steps first; then the evidence. Reports made
// by hand here, in the shape core/report writes (docs/report.md); the same is
// held against the real core's reports in report-text.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { changeSentences, changeTable, fixChanges, panelSteps, servingPanel } from '../../www/lib/answer.js';
import { evidenceStepsParts, partsText, renderReport } from '../../www/lib/report-text.js';
import { languages, messages, reportMessage } from '../../www/lib/messages.js';
import { renderMarkdown } from '../../www/lib/report-markdown.js';

const root = join(import.meta.dirname, '../..');

// The club's Cloudflare export (examples/club-cloudflare-export.txt), as its report's plan says it.
const clubPlan = () => [
  { action: 'delete', name: 'mail.club.example.', type: 'CNAME', data: 'club.example.', before: { data: 'club.example.', proxied: false } },
  { action: 'modify', name: 'club.example.', type: 'MX', data: '0 mail.club.example.', before: { data: '0 club.example.', proxied: null }, after: { data: '0 mail.club.example.', proxied: null } },
  { action: 'modify', name: 'webdisk.club.example.', type: 'A', data: '203.0.113.25', before: { data: '203.0.113.25', proxied: true }, after: { data: '203.0.113.25', proxied: false } },
  { action: 'create', name: 'mail.club.example.', type: 'A', data: '203.0.113.25', after: { data: '203.0.113.25', proxied: false } },
];
const port = (p, service) => ({ code: 'port-not-proxied', params: { provider: 'cloudflare', port: p, service } });
const report = (over = {}) => ({
  schema: 'mxray-report/2',
  domain: 'club.example.',
  mode: 'offline',
  verdict: { state: 'broken', blind: [], unknown: [] },
  inputs: { zones: [{ index: 0, files: ['club.txt'], format: 'cloudflare', apex: 'club.example.', for_domain: true }] },
  panel: { id: 'cpanel', name: 'cPanel', how: 'detected' },
  summary: { critical: 1, warning: 0, info: 0 },
  stats: { zones: 1, records: 25, rounds: 0, questions: 0 },
  findings: [
    {
      rule: 'mail-host-proxied',
      severity: 'critical',
      names: ['mail.club.example.'],
      evidence: [
        { code: 'proxied-by', params: { name: 'mail.club.example.', provider: 'cloudflare' } },
        port('993', 'IMAPS'),
        port('465', 'SMTPS'),
        port('587', 'SMTP submission'),
        port('25', 'SMTP'),
      ],
    },
  ],
  fix: { placeholders: [], origin: null, origin_candidates: [], plan: clubPlan(), zones: [{ index: 0, file: 'club.txt', changed: true, diff: '--- a/club.txt\n+++ b/club.txt\n@@ -1 +1 @@\n-x\n+y\n' }] },
  ...over,
});

test('a Cloudflare export: Cloudflare serves the DNS; one sentence per change, mail made an A record, DNS only', () => {
  const r = report();
  assert.equal(servingPanel(r), 'cloudflare');
  assert.equal(fixChanges(r).length, 3, 'the CNAME deleted and the A created at mail are one change');
  assert.deepEqual(changeSentences(r), [
    'Make mail.club.example an A record pointing to 203.0.113.25, DNS only (grey cloud), in place of its CNAME record (club.example).',
    'Change the MX record of club.example from “0 club.example” to “0 mail.club.example”.',
    'Turn the proxy off on webdisk.club.example: its A record (203.0.113.25) becomes DNS only (grey cloud).',
  ]);
  assert.deepEqual(changeSentences(r, { lang: 'ja' }), [
    'mail.club.example を、203.0.113.25 を指す A レコードにします (プロキシステータスは「DNS のみ」、灰色の雲)。いまの CNAME レコード (club.example) と置き換えます。',
    'club.example の MX レコードを「0 club.example」から「0 mail.club.example」に変えます。',
    'webdisk.club.example のプロキシをオフにします: A レコード (203.0.113.25) を「DNS のみ」(灰色の雲) にします。',
  ]);
});

test('the text report: the verdict, then What to do, the table, Cloudflare steps before cPanel steps, then the evidence', () => {
  for (const lang of languages) {
    const t = (k, v) => reportMessage(k, lang, v);
    const lines = renderReport(report(), { lang }).split('\n');
    const at = (line) => {
      const i = lines.indexOf(line);
      assert.ok(i >= 0, `${lang}: "${line}" in\n${lines.join('\n')}`);
      return i;
    };
    const order = [
      at(t('report.verdict.broken', { domain: 'club.example' })),
      at(t('report.answer.title')),
      at(t('report.answer.table.title')),
      at(t('report.cloudflareTitle')),
      at(t('report.cpanelTitle')),
      at(t('report.answer.howTitle')),
      at(t('report.findingsTitle')),
    ];
    assert.equal(order[0], 0, 'the verdict is the first line');
    assert.deepEqual([...order].sort((a, b) => a - b), order, `${lang}: in this order`);
    // The first sentence right under "What to do" and where to make it.
    assert.match(lines[order[1] + 2], lang === 'en' ? /^- Make mail\.club\.example an A record pointing to 203\.0\.113\.25, DNS only \(grey cloud\)/ : /^- mail\.club\.example を、203\.0\.113\.25 を指す A レコードにします/);
    assert.ok(lines.slice(order[1], order[5]).every((l) => !/^[-+]{3} [ab]\//.test(l)), 'no diff in the text');
  }
});

test('the table: the changed records only, before and after, the proxy status that changes', () => {
  const { head, rows } = changeTable(report());
  assert.deepEqual(head, ['Name', 'Type', 'Before', 'After', 'Proxy status']);
  assert.deepEqual(rows, [
    ['mail.club.example', 'CNAME → A', 'club.example', '203.0.113.25', 'DNS only'],
    ['club.example', 'MX', '0 club.example', '0 mail.club.example', '—'],
    ['webdisk.club.example', 'A', '203.0.113.25', '203.0.113.25', 'proxied → DNS only'],
  ]);
  const text = renderReport(report());
  assert.match(text, /^mail\.club\.example {5}CNAME → A {2}club\.example {4}203\.0\.113\.25 {9}DNS only$/m, text);
  // Japanese headings take two columns a character: the columns still line up.
  const ja = renderReport(report(), { lang: 'ja' }).split('\n');
  const top = ja.findIndex((l) => l.startsWith('名前'));
  const col = (line, cell) => [...line.slice(0, line.indexOf(cell))].reduce((n, ch) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
  assert.equal(col(ja[top], 'タイプ'), col(ja[top + 1], 'CNAME'));
  assert.equal(col(ja[top], '変更後'), col(ja[top + 1], '203.0.113.25'));
});

test('a cPanel zone (BIND, nothing proxied) is answered in cPanel words, its steps first, Cloudflare\'s after', () => {
  const plan = clubPlan().filter((e) => e.type !== 'A' || e.action === 'create').map((e) => ({ ...e, before: e.before && { ...e.before, proxied: null }, after: e.after && { ...e.after, proxied: false } }));
  const r = report({ inputs: { zones: [{ index: 0, files: ['club.example.db'], format: 'bind', apex: 'club.example.', for_domain: true }] }, fix: { ...report().fix, plan } });
  assert.equal(servingPanel(r), 'cpanel');
  const [first] = changeSentences(r);
  assert.equal(first, 'Make mail.club.example an A record pointing to 203.0.113.25, in place of its CNAME record (club.example).', 'no proxy words where no proxy serves');
  const steps = panelSteps(r);
  assert.equal(steps.first.id, 'cpanel');
  assert.deepEqual(steps.others.map((s) => s.id), ['cloudflare']);
  const text = renderReport(r);
  assert.match(text, /^Make these changes in cPanel, where the DNS of club\.example is kept\.$/m);
  assert.ok(text.indexOf("Steps in cPanel's Zone Editor") < text.indexOf("Steps in Cloudflare's dashboard"));
});

test('no known panel: generic words, every panel\'s steps after', () => {
  const r = report({ panel: null, inputs: { zones: [{ index: 0, files: ['x.zone'], format: 'bind' }] }, fix: { ...report().fix, plan: [clubPlan()[1]] } });
  assert.equal(servingPanel(r), null);
  assert.match(renderReport(r), /^Make these changes where the DNS of club\.example is kept: the DNS provider's or registrar's panel, or the zone file\.$/m);
  assert.equal(panelSteps(r).first, null);
});

test('live DNS behind Cloudflare: the proxy turned off in dashboard words, no value named', () => {
  const r = report({
    mode: 'live',
    inputs: { zones: [] },
    panel: null,
    names: [{ name: 'mail.club.example.', live: { route: 'proxy', provider: 'cloudflare' } }],
    fix: { plan: [{ action: 'modify', name: 'mail.club.example.', type: 'A', data: '', live: true, before: { data: '', proxied: true }, after: { data: '', proxied: false } }], zones: [] },
  });
  assert.equal(servingPanel(r), 'cloudflare');
  assert.deepEqual(changeSentences(r), ['Turn the proxy off on mail.club.example: set its records to DNS only (grey cloud).']);
  assert.deepEqual(changeTable(r).rows, [['mail.club.example', 'A', 'hidden behind the proxy', 'hidden behind the proxy', 'proxied → DNS only']]);
  assert.match(renderReport(r), /Steps in Cloudflare's dashboard\n1\. No zone was given/);
});

test('an unknown server address stays a named placeholder, with how to find it right after the sentences', () => {
  const plan = [
    { action: 'delete', name: 'mail.club.example.', type: 'CNAME', data: 'club.example.', before: { data: 'club.example.', proxied: false } },
    { action: 'create', name: 'mail.club.example.', type: 'A', data: '{origin-ipv4}', placeholder: 'origin-ipv4', after: { data: '{origin-ipv4}', proxied: false } },
  ];
  const candidates = [{ type: 'A', address: '203.0.113.25', likely: true, clues: [{ source: 'proxied-record', name: 'club.example.', live: false, record: { file: 'club.txt', line: 17 } }] }];
  const r = report({ fix: { placeholders: ['origin-ipv4'], origin_candidates: candidates, plan, zones: [] } });
  assert.deepEqual(changeSentences(r), ["Make mail.club.example an A record pointing to <the server's IPv4 address>, DNS only (grey cloud), in place of its CNAME record (club.example)."]);
  const text = renderReport(r, { cli: true });
  const what = text.indexOf('What to do');
  const fill = text.indexOf('Values to fill in\n{origin-ipv4} stands for');
  assert.ok(what >= 0 && fill > what && fill < text.indexOf('The records that change'), text);
  assert.match(text, /Likely the server's address: 203\.0\.113\.25, seen as the proxied record club\.example/);
  assert.deepEqual(changeTable(r).rows[0].slice(2, 4), ['club.example', "<the server's IPv4 address>"]);
});

test('nothing to change: What to do says so, never under a finding that asks for a change', () => {
  const fine = report({ verdict: { state: 'fine', blind: [], unknown: [] }, findings: [], summary: { critical: 0, warning: 0, info: 0 }, fix: { plan: [], zones: [] } });
  assert.match(renderReport(fine), /^What to do\nNo change to make\.$/m);
  const stuck = report({ fix: { plan: [], zones: [] } });
  assert.match(renderReport(stuck), /^What to do\nmxray cannot write an edit for these findings/m);
  // A check that could not look at everything never says "No change to make", in text or Markdown, in either language.
  const blind = report({ verdict: { state: 'could-not-tell', blind: ['unknown-facts'], unknown: [{ name: 'club.example.', type: 'MX', reason: { code: 'timeout', detail: '' }, rests_on: ['mx-target'] }] }, findings: [], summary: { critical: 0, warning: 0, info: 0 }, stats: { questions: 12, unknown: 1 }, fix: { plan: [], zones: [] } });
  for (const lang of languages) {
    const text = renderReport(blind, { lang });
    const markdown = renderMarkdown(blind, { lang });
    const title = reportMessage('report.answer.title', lang);
    const said = (out) => out.split('\n').slice(out.split('\n').findIndex((l) => l.endsWith(title)) + 1).find((l) => l.trim());
    for (const out of [text, markdown]) assert.equal(said(out), reportMessage('report.noFixBlind', lang), out);
    // Having seen nothing of the mail (no answer, no zone read), it says it cannot tell what to change yet.
    const nothing = { ...blind, stats: { questions: 12, unknown: 12 }, inputs: { zones: [] } };
    assert.equal(said(renderReport(nothing, { lang })), reportMessage('report.noFixSawNothing', lang));
  }
});

test('the port lines of one finding are said once; a single one stays as it is', () => {
  const [f] = report().findings;
  const en = evidenceStepsParts(f, 'en').map((p) => partsText(p, 'en', (_, x) => x));
  assert.equal(en.length, 2);
  assert.equal(
    en[1],
    "Cloudflare's proxy does not carry ports 993, 465, 587 and 25 (IMAP over TLS; SMTP submission over TLS; SMTP submission, mail sent from mail apps; SMTP, mail between servers)",
  );
  const ja = evidenceStepsParts(f, 'ja').map((p) => partsText(p, 'ja', (_, x) => x));
  assert.match(ja[1], /^Cloudflare のプロキシは、ポート 993、465、587、25 を通しません \(/);
  const one = { ...f, evidence: [port('993', 'IMAPS')] };
  assert.equal(partsText(evidenceStepsParts(one, 'en')[0], 'en', (_, x) => x), "Cloudflare's proxy does not carry port 993 (IMAP over TLS)");
  assert.equal(renderReport(report()).match(/does not carry port/g).length, 1);
});

test('every rule has a title for its link in both languages, the title of its page', () => {
  const rules = readdirSync(join(root, 'www/site/rules/en')).map((f) => f.replace(/\.md$/, '')).sort();
  for (const lang of languages) {
    assert.deepEqual(Object.keys(messages[lang].report.ruleTitle).sort(), rules, `${lang}: one title per rule page`);
    for (const rule of rules) {
      const heading = readFileSync(join(root, 'www/site/rules', lang, `${rule}.md`), 'utf8').split('\n')[0];
      assert.equal(`# ${rule} — ${messages[lang].report.ruleTitle[rule]}`, heading.replaceAll('`', ''), `${lang} ${rule}`);
    }
    const links = rules.map((rule) => reportMessage('report.ruleLink', lang, { rule, title: messages[lang].report.ruleTitle[rule] }));
    assert.equal(new Set(links).size, rules.length, `${lang}: link texts unique`);
  }
});
