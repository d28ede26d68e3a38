// No raw placeholder or internal code reaches a sentence a person reads.
// Every scenario (offline from its zones, live from its recorded answers,
// both: the modes its scenario.json expects) is rendered to the command
// line's text report in English and Japanese, and each line is searched for
// - a {placeholder} ("{origin-ipv4}"), allowed only in the record lines that
//   carry it (the diff, the plan's records) and at the head of the one line
//   that explains it;
// - a code of the core's tables (tests/js/lib/codes.mjs): rule ids, evidence
//   codes, record problems, merge and skip reasons, session codes, diagnostic
//   codes and input kinds, and the route reasons of the mail names; a rule id
//   only inside the "(rule-id)" tag that ends a finding's headline;
// - true or false, a provider id in lower case ("cloudflare"), and zone,
//   live or a route name (proxy, origin...) standing where a value stands
//   (after a colon or an opening parenthesis, in quotes); in Japanese, zone
//   and live as bare words at all.
// A failure names the scenario, the mode, the language, the line and what was found.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCore } from '../../www/lib/core-node.js';
import { messages, languages, providerName, reportMessage } from '../../www/lib/messages.js';
import { renderReport } from '../../www/lib/report-text.js';
import { codes as coreCodes } from './lib/codes.mjs';
import { runScenario, scenarios } from './lib/scenario-runs.mjs';

const core = await loadCore();
const all = scenarios();

const ruleIds = new Set(coreCodes.rules.rules.map((r) => r.id));
// Codes of one word ("address", "panel", "timeout", "moot") are ordinary
// words too, so only the codes of two or more words joined by hyphens are
// looked for anywhere; the one-word values that stand in sentences (true,
// false, zone, live, routes, provider ids) have their own checks below.
const hyphenated = (list) => list.filter((c) => /^[a-z0-9]+(-[a-z0-9]+)+$/.test(c));
const codeNames = new Set(
  hyphenated([
    ...coreCodes.rules.rules.map((r) => r.id),
    ...coreCodes.rules.evidence,
    ...coreCodes.rules.problems.map((p) => p.code),
    ...coreCodes.rules.merge_reasons,
    ...coreCodes.rules.skip_reasons,
    ...Object.values(coreCodes.session).flat(),
    ...coreCodes.diagnostics,
    ...coreCodes.input_kinds,
    ...Object.keys(messages.en.session.routeReasons),
  ]),
);
const providerIds = ['cloudflare', 'fastly', 'cloudfront', 'akamai', 'imperva', 'azure-front-door', 'sucuri'];
const routeNames = ['origin', 'proxy', 'missing', 'unknown'];
// What a name mail authentication reads is for (core/policy/auth_names.cpp).
const authPurposes = ['dkim', 'dmarc', 'mta-sts', 'tls-rpt', 'verification', 'client-config'];
// The services a name needs (core/policy/mail_names.cpp: the client names' ports and the
// mail SRV services; core/model/mail_model.cpp: SMTP for an MX target).
const services = ['SMTP', 'SMTP submission', 'SMTPS', 'IMAP', 'IMAPS', 'POP3', 'POP3S', 'HTTPS', 'webmail HTTPS', 'cPanel HTTPS', 'WHM HTTPS', 'WebDisk HTTPS', 'FTP', 'CalDAV', 'CalDAV HTTPS', 'CardDAV', 'CardDAV HTTPS', 'Autodiscover'];

// A token: not part of a name, a path or a longer code ("cdn.cloudflare.net.", "a-zone-b").
const token = (word) => new RegExp(`(?<![\\w./@-])${word}(?![\\w./@-])`);
const codeToken = new RegExp(`(?<![\\w./@-])(${[...codeNames].join('|')})(?![\\w./@-])`, 'g');
const providerToken = new RegExp(`(?<![\\w./@-])(${providerIds.join('|')})(?![\\w./@-])`);
const valueWords = ['zone', 'live', 'true', 'false', ...routeNames].join('|');
// A one-word value where a value stands: after ": " or "(", or in quotes.
const valuePosition = new RegExp(`(?:[:：(（]\\s*|["“「])(${valueWords})(?=\\s*[)）"”」,;]|\\s*$)`);
// A placeholder; "%{i}" is an SPF macro of a record's text, not one.
const placeholder = /(?<!%)\{[\w-]+\}/g;

/** What is wrong with one line, in words for the failure message; [] when nothing. */
export function rawCodesIn(line, lang, { placeholdersAllowed = false, record = false } = {}) {
  const found = [];
  let text = line;
  if (!placeholdersAllowed) for (const m of text.matchAll(placeholder)) found.push(`placeholder ${m[0]}`);
  // A finding's headline ends in its rule id, in parentheses: the one place a rule id belongs.
  text = text.replace(/ \(([a-z0-9-]+)\)$/, (whole, id) => (ruleIds.has(id) ? '' : whole));
  for (const m of text.matchAll(codeToken)) found.push(`code ${m[1]}`);
  for (const w of ['true', 'false']) if (token(w).test(text)) found.push(`"${w}"`);
  const provider = text.match(providerToken);
  if (provider) found.push(`provider id ${provider[1]}`);
  const value = text.match(valuePosition);
  if (value) found.push(`value "${value[1]}"`);
  if (lang === 'ja') for (const w of ['zone', 'live']) if (token(w).test(text)) found.push(`"${w}" in Japanese`);
  // Prose as a native reader writes it: no "file(s)" plurals, and a domain
  // name without the root's trailing dot inside a sentence ("mail.x.test leads",
  // not "mail.x.test. leads"); a name at the end of a sentence keeps one period.
  const plural = text.match(/\w\(s\)/);
  if (plural) found.push(`plural ${plural[0]}`);
  const dotted = record ? null : text.match(/(?<![\w./@%{-])(?:[\w*-]+\.)+[a-z][\w-]*\.(?=[\s,;:)）」、」]|\.|$)(?![\s]*$)/i);
  if (dotted) found.push(`trailing dot ${dotted[0]}`);
  // A words key in place of its words: what reportMessage gives for a key no catalogue has.
  const key = text.match(/(?<![\w./-])(?:report|plan|steps|panelHow)\.[\w.-]*[\w-](?![\w./-])/);
  if (key) found.push(`words key ${key[0]}`);
  return found;
}

// The report's text, each line with the section it is in: the heading
// before it, until the blank line that ends the section.
function problemsOf(text, lang) {
  const t = (k) => reportMessage(k, lang);
  const recordSections = new Set([t('report.planTitle')]);
  const diffHeading = new RegExp(`^${reportMessage('report.diffTitle', lang, { file: '\u0000' }).replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace('\u0000', '.*')}$`);
  const problems = [];
  let section = '';
  text.split('\n').forEach((line, i) => {
    if (line === '') return void (section = '');
    if (!section) {
      section = line;
      if (diffHeading.test(line)) section = 'diff';
      else if (recordSections.has(line)) section = 'plan';
      else if (line === t('report.placeholdersTitle')) section = 'placeholders';
      return void problems.push(...rawCodesIn(line, lang).map((p) => `line ${i + 1}: ${p}: ${line}`));
    }
    if (section === 'diff') return; // the zone file's own lines, placeholders and all
    let checked = line;
    let placeholdersAllowed = false;
    // A plan entry's record holds the placeholder as the zone will; its note in brackets is a sentence.
    if (section === 'plan') {
      const note = line.indexOf(' [');
      const record = note < 0 ? line : line.slice(0, note);
      problems.push(...rawCodesIn(record, lang, { placeholdersAllowed: true, record: true }).map((p) => `line ${i + 1}: ${p}: ${line}`));
      checked = note < 0 ? '' : line.slice(note);
    }
    // The line that explains a placeholder starts with it.
    if (section === 'placeholders') checked = line.replace(/^\{[\w-]+\}/, '');
    problems.push(...rawCodesIn(checked, lang, { placeholdersAllowed }).map((p) => `line ${i + 1}: ${p}: ${line}`));
  });
  return problems;
}

test('the check finds a raw code, a placeholder and a bare value, and passes words', () => {
  assert.deepEqual(rawCodesIn('so mail.club.test is answered by the proxy of cloudflare', 'en'), ['provider id cloudflare']);
  assert.deepEqual(rawCodesIn('mail.x has the address 192.0.2.1 (proxied: true)', 'en'), ['"true"', 'value "true"']);
  assert.deepEqual(rawCodesIn('mail.x has no address (source: zone)', 'en'), ['value "zone"']);
  assert.deepEqual(rawCodesIn('mail.x A: the name is outside (not-in-zone)', 'en'), ['code not-in-zone']);
  assert.deepEqual(rawCodesIn('1. Replace {origin-ipv4} with the real address.', 'en'), ['placeholder {origin-ipv4}']);
  assert.deepEqual(rawCodesIn('in the uploaded zone, mail.x takes the route "proxy"', 'en'), ['value "proxy"']);
  assert.deepEqual(rawCodesIn('mail.x に SPF レコードがありません (情報源: live)', 'ja'), ['value "live"', '"live" in Japanese']);
  assert.deepEqual(rawCodesIn('[1] CRITICAL Mail apps cannot connect: mail.x leads to the proxy (mail-host-proxied)', 'en'), []);
  assert.deepEqual(rawCodesIn('so mail.x is answered by Cloudflare\'s proxy (cdn.cloudflare.net, input/zone-live.txt)', 'en'), []);
  assert.deepEqual(rawCodesIn('the SPF term "exists:%{i}._spf.x" authorises the addresses', 'en'), []);
  assert.deepEqual(rawCodesIn('- report.blind.new-blind-spot', 'en'), ['words key report.blind.new-blind-spot']);
  // Prose: a name keeps no trailing dot inside a sentence (at its end, the period is the sentence's); no "(s)" plurals.
  assert.deepEqual(rawCodesIn('the domain\'s MX points at mail.x.test. (x.zone line 4)', 'en'), ['trailing dot mail.x.test.']);
  assert.deepEqual(rawCodesIn('mail.x.test. の MX', 'ja'), ['trailing dot mail.x.test.']);
  assert.deepEqual(rawCodesIn('Find the record “mail.x.test.” and delete it', 'en'), []);
  assert.deepEqual(rawCodesIn('the alias leads to mail.x.test.', 'en'), []);
  assert.deepEqual(rawCodesIn('2 zone file(s), 1 warning(s)', 'en'), ['plural e(s)']);
});

test('providerName: a provider id in words, in either language; an unknown id as it is', () => {
  assert.equal(providerName('cloudfront'), 'Amazon CloudFront');
  assert.equal(providerName('azure-front-door', 'ja'), 'Azure Front Door');
  assert.equal(providerName('new-cdn', 'ja'), 'new-cdn');
});

// Beyond what the scenarios happen to produce: a report made of every value
// the core's tables give a code-valued part (unknown-fact reasons and
// purposes, budgets, merge and skip reasons, routes, sources, providers,
// proxy states, rcodes, placeholders in dropped and skipped edits).
function everyCodeReport() {
  const session = coreCodes.session;
  const edit = { op: 'replace', name: 'x.test.', type: 'TXT', data: '"v=spf1 ip4:{origin-ipv4} ~all"', placeholder: 'origin-ipv4' };
  const step = (code, params) => ({ code, params });
  const evidence = [
    ...[true, false].map((proxied) => step('address', { name: 'x.test.', address: '192.0.2.1', proxied: String(proxied), source: 'zone', file: 'x.zone', line: '3' })),
    step('address', { name: 'x.test.', address: '192.0.2.1', source: 'live' }),
    ...[true, false].map((proxied) => step('cname', { from: 'mail.x.test.', to: 'x.test.', proxied: String(proxied), source: 'zone', file: 'x.zone', line: '4' })),
    step('mx', { to: 'mail.x.test.', source: 'live' }),
    ...providerIds.map((provider) => step('proxied-by', { name: 'x.test.', provider })),
    ...services.map((service) => step('port-not-proxied', { provider: 'cloudflare', port: '25', service })),
    ...['zone', 'live'].map((source) => step('no-record', { name: 'x.test.', kind: 'SPF', source })),
    ...['zone', 'live'].map((source) => step('no-address', { name: 'mail.x.test.', source })),
    ...['zone', 'live', 'proxy.zone'].map((missing) => step('record-lost', { name: 'mail.x.test.', type: 'A', data: '192.0.2.1', source: 'zone', file: 'x.zone', line: '5', 'missing-from': missing })),
    ...['NOERROR', 'NXDOMAIN'].map((rcode) => step('live-ns', { names: 'ns1.x.test.', rcode, source: 'live' })),
    ...routeNames.flatMap((route) => ['zone-route', 'live-route', 'zone-differs'].map((code) => step(code, { name: 'mail.x.test.', route }))),
    step('origin-not-authorised', { address: '{origin-ipv4}' }),
    step('panel', { panel: 'cPanel', id: 'cpanel', how: 'detected' }),
    ...authPurposes.map((purpose) => step('auth-name', { name: '_dmarc.x.test.', purpose })),
  ];
  return {
    domain: 'x.test.',
    mode: 'both',
    resolver: 'cloudflare',
    verdict: {
      state: 'could-not-tell',
      blind: Object.keys(messages.en.report.blind),
      unknown: session.reasons.map((code) => ({ name: 'x.test.', type: 'A', reason: { code, detail: '' }, rests_on: session.purposes })),
    },
    stats: { zones: 1, records: 1, questions: 1, rounds: 1, unknown: 1, budget_hits: session.budgets.map((budget) => ({ budget, limit: 10, skipped: 1 })) },
    summary: { critical: 1, warning: 0, info: 0 },
    findings: [{ rule: 'mail-host-proxied', severity: 'critical', names: ['mail.x.test.'], evidence }],
    fix: {
      placeholders: ['origin-ipv4', 'origin-ipv6'],
      edits: [edit],
      notes: coreCodes.rules.merge_reasons.map((why) => ({ finding: 0, dropped: edit, why })),
      zones: [{ file: 'x.zone', changed: true, diff: '--- a/x.zone\n+++ b/x.zone\n@@ -1 +1 @@\n-x.test. TXT "v=spf1 ~all"\n+x.test. TXT "v=spf1 ip4:{origin-ipv4} ~all"\n', skipped: coreCodes.rules.skip_reasons.map((why) => ({ edit: 0, why })) }],
      plan: [
        { action: 'create', name: 'mail.x.test.', type: 'A', data: '{origin-ipv4}', after: { data: '{origin-ipv4}', proxied: false }, placeholder: 'origin-ipv4' },
        { action: 'modify', name: 'x.test.', type: 'TXT', data: '"v=spf1 ip4:{origin-ipv4} ~all"', before: { data: '"v=spf1 ~all"' }, after: { data: '"v=spf1 ip4:{origin-ipv4} ~all"' }, placeholder: 'origin-ipv4' },
      ],
    },
  };
}

test('a report of every code the core can give has no raw code or placeholder in a sentence, in English and Japanese', () => {
  const report = everyCodeReport();
  // Provider and service names read well as they are in a sentence only once they have words.
  for (const lang of languages) {
    assert.deepEqual(providerIds.filter((id) => !messages[lang].providers?.[id]), [], `${lang}: providers without words`);
    assert.deepEqual(services.filter((s) => !messages[lang].services?.[s]), [], `${lang}: services without words`);
    assert.deepEqual(authPurposes.filter((p) => !messages[lang].authPurposes?.[p]), [], `${lang}: purposes without words`);
  }
  const problems = [];
  for (const lang of languages) problems.push(...problemsOf(renderReport(report, { lang, cli: true }), lang).map((p) => `${lang} ${p}`));
  assert.deepEqual(problems, [], `raw codes or placeholders in sentences:\n${problems.join('\n')}`);
});

for (const { name, dir, sc, modes } of all) {
  for (const mode of modes) {
    test(`${name}: ${mode}: the text report has no raw code or placeholder in a sentence, in English and Japanese`, () => {
      const { report } = runScenario(core, dir, sc, mode);
      // As the command line shows a live check: with the resolver to try another of.
      if (mode !== 'offline') report.resolver = 'cloudflare';
      const problems = [];
      for (const lang of languages) {
        const text = renderReport(report, { lang, cli: true });
        problems.push(...problemsOf(text, lang).map((p) => `${name} ${mode} ${lang} ${p}`));
      }
      assert.deepEqual(problems, [], `raw codes or placeholders in sentences:\n${problems.join('\n')}`);
    });
  }
}
