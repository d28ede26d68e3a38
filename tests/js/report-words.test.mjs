// Every code the reports of the scenarios carry has words in English and in
// Japanese: rule ids, evidence codes, the code-valued evidence parameters
// that have a words table (problem, panel "how", route, provider, proxied,
// source, service, rcode), merge and skip
// reasons of the fix, routes of the mail names, and the reasons of unknown
// facts (session.reasons) and unknown routes (session.reasons or
// session.routeReasons). Each scenario runs as tests/js/scenarios.test.mjs
// runs it (offline, live, both: the modes its scenario.json expects).
// A missing word fails the test with the key it lacks, in the catalogue it
// belongs to (www/lib/messages.js, or the site's www/lib/site-messages.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCore } from '../../www/lib/core-node.js';
import { messages } from '../../www/lib/messages.js';
import { siteMessages } from '../../www/lib/site-messages.js';
import { codes as coreCodes } from './lib/codes.mjs';
import { runScenario, scenarios } from './lib/scenario-runs.mjs';

const core = await loadCore();
const all = scenarios();

const catalogues = { 'messages.js': messages, 'site-messages.js': siteMessages };

// The text at a dotted path of one language's catalogue, or undefined. Keys
// may hold dots themselves (none do today), so the path is given as a list.
const at = (cat, path) => path.reduce((o, k) => (o && typeof o === 'object' ? o[k] : undefined), cat);

// A fact's reason is {code, detail}; a route's is the text "code: detail".
const reasonKey = (reason) => (typeof reason === 'object' ? reason.code : String(reason).split(':')[0]);

// The evidence parameters whose value is a code with a words table: where
// that table is. Other parameters are names, addresses, counts and file
// names, shown as they are; "missing-from" is live, zone or a file's name.
const paramWords = {
  problem: ['messages.js', 'problems'],
  how: ['messages.js', 'panelHow'],
  route: ['messages.js', 'routes'],
  provider: ['messages.js', 'providers'],
  proxied: ['messages.js', 'proxied'],
  source: ['messages.js', 'sources'],
  service: ['messages.js', 'services'],
  rcode: ['messages.js', 'rcodes'],
  reason: ['messages.js', 'noEdit'],
};

// Every key the report and facts of one run need, as [catalogue, path[], where it was seen].
function neededKeys(report, facts) {
  const keys = [];
  const need = (catalogue, path, seen) => keys.push([catalogue, path, seen]);
  for (const f of report.findings) {
    need('messages.js', ['rules', f.rule], `finding ${f.rule}`);
    for (const e of f.evidence) {
      need('messages.js', ['evidence', e.code], `${f.rule}: evidence ${e.code}`);
      for (const [param, value] of Object.entries(e.params ?? {})) {
        const table = paramWords[param];
        if (table) need(table[0], [...table.slice(1), value], `${f.rule}: ${e.code} ${param}=${value}`);
      }
    }
  }
  for (const c of report.fix?.origin_candidates ?? [])
    for (const k of c.clues) need('messages.js', ['report', 'originClue', k.source], `origin clue ${k.source}`);
  for (const n of report.fix?.notes ?? []) need('messages.js', ['report', 'noteWhy', n.why], `merge note ${n.why}`);
  for (const z of report.fix?.zones ?? [])
    for (const s of z.skipped ?? []) need('messages.js', ['report', 'skipWhy', s.why], `skipped edit ${s.why}`);
  for (const m of report.names ?? [])
    for (const side of ['zone', 'live']) {
      const path = m[side];
      if (!path) continue;
      need('site-messages.js', ['results', 'route', path.route], `${m.name} ${side} route`);
      // A route is unknown for a fact's reason (session.reasons) or one of its own.
      if (path.reason) {
        const key = reasonKey(path.reason);
        const table = messages.en.session.reasons[key] !== undefined ? 'reasons' : 'routeReasons';
        need('messages.js', ['session', table, key], `${m.name} ${side} reason`);
      }
    }
  for (const f of facts.facts ?? [])
    if (f.reason) need('messages.js', ['session', 'reasons', reasonKey(f.reason)], `fact ${f.name} ${f.type}`);
  return keys;
}

// The keys (with where they were seen) that lack words in `lang`.
function missingWords(keys, lang) {
  const missing = new Map();
  for (const [catalogue, path, seen] of keys) {
    const text = at(catalogues[catalogue][lang], path);
    if (typeof text === 'string' && text.trim()) continue;
    const key = `${catalogue} ${lang}.${path.join('.')}`;
    if (!missing.has(key)) missing.set(key, seen);
  }
  return [...missing].map(([key, seen]) => `${key} (${seen})`);
}

test('there are scenarios, and the check finds a missing word', () => {
  assert.ok(all.length >= 1);
  // The check itself: a catalogue without a key is reported by that key.
  const keys = [['messages.js', ['rules', 'no-such-rule'], 'made up']];
  assert.deepEqual(missingWords(keys, 'ja'), ['messages.js ja.rules.no-such-rule (made up)']);
});

// Beyond what the scenarios happen to produce: every reason the core's fix
// can give (the catalogue lists them from its tables).
test('every merge, skip and no-edit reason and origin clue of the core has words in English and Japanese', () => {
  const cat = coreCodes.rules;
  assert.ok(cat.merge_reasons.length >= 5 && cat.skip_reasons.length >= 5 && cat.no_edit_reasons.length >= 8 && cat.origin_sources.length >= 5);
  const keys = [
    ...cat.merge_reasons.map((why) => ['messages.js', ['report', 'noteWhy', why], 'catalogue merge_reasons']),
    ...cat.skip_reasons.map((why) => ['messages.js', ['report', 'skipWhy', why], 'catalogue skip_reasons']),
    ...cat.no_edit_reasons.map((why) => ['messages.js', ['noEdit', why], 'catalogue no_edit_reasons']),
    ...cat.origin_sources.map((s) => ['messages.js', ['report', 'originClue', s], 'catalogue origin_sources']),
  ];
  const missing = [...missingWords(keys, 'en'), ...missingWords(keys, 'ja')];
  assert.deepEqual(missing, [], `words missing:\n${missing.join('\n')}`);
});

for (const { name, dir, sc, modes } of all) {
  for (const mode of modes) {
    test(`${name}: ${mode}: every code of the report has words in English and Japanese`, () => {
      const { report, facts } = runScenario(core, dir, sc, mode);
      const keys = neededKeys(report, facts);
      assert.ok(keys.length > 0, 'the report has codes to put into words');
      const missing = [...missingWords(keys, 'en'), ...missingWords(keys, 'ja')];
      assert.deepEqual(missing, [], `words missing:\n${missing.join('\n')}`);
    });
  }
}
