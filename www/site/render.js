// The report document ("mxray-report/2") as DOM. Every piece of zone data
// (names, TXT text, file names) becomes a text node: nothing here parses
// HTML. Every text node shows bidi overrides, invisible and control
// characters as ⟨U+202E⟩ (name-safety.js); a name or text from the input sits
// in its own <bdi>, so it cannot reorder the sentence around it, and a name
// that may pass for another carries a flag saying so. The words come from
// messages.js through report-text.js (shared with the command line) and from
// site-messages.js for the site's own labels.
import { formatDiagnostic, providerName, reportMessage, sessionMessage } from '../lib/messages.js';
import { SEVERITIES, evidenceStepsParts, findingParts, messageParts, renderNotes, renderPlaceholders, renderPlan, renderSkipped, summaryText, terraformAnswer, warningText } from '../lib/report-text.js';
import { answerWhere, changeSentenceParts, changeTable, noChangeKey, panelSteps, servingPanel } from '../lib/answer.js';
import { charKind, displayText, nameWarnings } from '../lib/name-safety.js';
import { siteMessage } from '../lib/site-messages.js';
import { noFindingsKey, verdictKey } from '../lib/verdict-words.js';
import { explainSymptoms, orderFindings } from '../lib/symptoms.js';

/** Zone problems listed at most; the rest are counted. */
export const MAX_DIAGNOSTICS_SHOWN = 200;

/**
 * An element: props set attributes (className, dataset, on<event> listeners,
 * booleans), children are nodes or text (always text nodes, in display form).
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'className') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2).toLowerCase(), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(displayText(c, true)));
  }
}

const RULE_ID = /^[a-z0-9][a-z0-9-]*$/;

/** Sorted "1, 2 and 3"-style list of finding numbers as links to their cards. */
function findingLinks(indexes) {
  const out = [];
  indexes.forEach((i, n) => {
    if (n) out.push(', ');
    out.push(h('a', { href: `#finding-${i + 1}` }, String(i + 1)));
  });
  return out;
}

// A message with one {list} placeholder, the list given as nodes.
function withList(key, lang, nodes) {
  const [before, after = ''] = siteMessage(key, lang, { list: '\uE000' }).split('\uE000');
  return [before, ...nodes, after];
}

// A flag next to a name: what may mislead in it, in words.
function flag(w, lang) {
  const text = warningText(w, lang);
  return h('span', { className: `flag flag-${w.code}`, title: text }, text);
}

/**
 * A piece of data from the input, isolated in a <bdi> (a name: left to right),
 * its hidden characters marked ⟨U+202E⟩ with what they are; a name is
 * followed by its flags, unless it is already in `seen` (names flagged so far).
 */
export function dataNode(value, lang, { name = false, seen = new Set() } = {}) {
  const marks = displayText(value).split(/(⟨U\+[0-9A-F]{4,6}⟩)/).map((s, i) => {
    const kind = i % 2 ? charKind(String.fromCodePoint(parseInt(s.slice(3, -1), 16))) : null;
    return kind ? h('span', { className: 'char-mark', title: warningText({ code: kind, chars: [s.slice(1, -1)] }, lang) }, s) : s;
  });
  const el = h('bdi', { className: name ? 'data name' : 'data', dir: name ? 'ltr' : null }, marks);
  const warnings = name && !seen.has(value) ? nameWarnings(value) : [];
  seen.add(value);
  return [el, ...warnings.flatMap((w) => [' ', flag(w, lang)])];
}

// messageParts as nodes.
const partsNodes = (parts, lang, seen) => parts.map((p) => (typeof p === 'string' ? p : dataNode(p.value, lang, { name: p.name, seen })));

// A reason the check could not look at everything, in the page's words where
// the command line's point at its standard error (site-messages results.blind).
function blindText(b, lang, count) {
  const key = `results.blind.${b}`;
  const own = siteMessage(key, lang, { count });
  return own === key ? reportMessage(`report.blind.${b}`, lang, { count }) : own;
}

/** How many unknown questions the page lists before "and N more". */
export const UNKNOWN_SHOWN = 8;

/**
 * The verdict first: one sentence coloured by its state; "Could not check"
 * with the resolver, the cause and another resolver in one click (`other`:
 * {label, onClick}, from could-not-check.js) when most questions failed; then
 * what the check could not look at, folded.
 */
export function verdictSection(report, { lang, failed = null, other = null, answer = true }) {
  const v = report.verdict;
  if (!v) return null;
  const t = (k, values) => reportMessage(k, lang, values);
  const domain = String(report.domain ?? '').replace(/\.$/, '');
  const sentence = h('p', { className: `verdict verdict-${v.state}`, id: 'verdict', dataset: { state: v.state } }, partsNodes(messageParts((x) => t(verdictKey(report), x), { domain }), lang));
  const parts = [];
  if (failed) {
    parts.push(
      h('div', { className: 'could-not-check', role: 'group', 'aria-labelledby': 'could-not-check-title' },
        h('h3', { id: 'could-not-check-title' }, siteMessage('results.couldNotCheck', lang)),
        sentence,
        h('p', { className: 'could-not-check-why' }, siteMessage('results.couldNotCheckWhy', lang, { resolver: failed.resolver, reason: sessionMessage('reasons', failed.reason, lang), count: failed.count, questions: failed.questions })),
        other ? h('button', { type: 'button', className: 'primary other-resolver', onclick: other.onClick }, siteMessage('results.otherResolver', lang, { resolver: other.label })) : null,
      ),
    );
  } else {
    parts.push(sentence);
  }
  const blind = v.blind ?? [];
  const unknown = v.unknown ?? [];
  if (blind.length) {
    const purposes = (u) => (u.rests_on ?? []).map((p) => sessionMessage('purposes', p, lang)).join(lang === 'ja' ? '、' : ', ');
    parts.push(
      // Open unless "Could not check" above already says why: "Could not tell" or an
      // "at risk" that cannot say mail works is never left without its reasons in view.
      h('details', { className: 'blind', open: failed ? undefined : true },
        h('summary', {}, t('report.blindTitle')),
        h('ul', {}, blind.map((b) => h('li', {}, blindText(b, lang, unknown.length)))),
        unknown.length
          ? h('ul', { className: 'unknown-list' },
              unknown.slice(0, UNKNOWN_SHOWN).map((u) => h('li', {}, partsNodes(messageParts((x) => t('report.unknownFact', x), { name: u.name, type: u.type, reason: sessionMessage('reasons', u.reason, lang), purposes: purposes(u) }), lang))),
              unknown.length > UNKNOWN_SHOWN ? h('li', { className: 'unknown-more' }, t('report.unknownMore', { count: unknown.length - UNKNOWN_SHOWN })) : null,
            )
          : null,
      ),
    );
  }
  // What the check chose not to ask (the PTR, askPtr off): said even when the verdict is fine.
  const notAsked = (v.not_asked ?? []).filter((x) => x.what === 'ptr');
  if (notAsked.length)
    parts.push(
      h('div', { className: 'not-asked', role: 'group', 'aria-labelledby': 'not-asked-title' },
        h('h3', { id: 'not-asked-title' }, t('report.notAskedTitle')),
        h('ul', {}, notAsked.map((x) => h('li', {}, partsNodes(messageParts((y) => t('report.ptrNotAskedSetting', y), { address: x.address ?? '' }), lang)))),
      ),
    );
  return h('section', { className: 'verdict-box' }, parts, answer ? answerSection(report, { lang }) : null);
}

/**
 * "What to do", right after the verdict: where to make the changes, one
 * sentence per change in the words of the panel that serves the DNS
 * (answer.js), the stated origin, the values to fill in, the records that
 * change as a before/after table, and the serving panel's steps; the other
 * panels' steps folded, each under its own title.
 */
export function answerSection(report, { lang }) {
  const t = (k, v) => reportMessage(k, lang, v);
  const fix = report.fix ?? {};
  const parts = [h('h3', { id: 'answer-title' }, t('report.answer.title'))];
  if (!(fix.plan ?? []).length) {
    parts.push(h('p', { className: 'answer-none' }, t(noChangeKey(report))));
    return h('section', { className: 'answer', id: 'answer', 'aria-labelledby': 'answer-title' }, parts);
  }
  const panel = servingPanel(report);
  parts.push(h('p', { className: 'answer-where', dataset: { panel: panel ?? 'unknown' } }, partsNodes(answerWhere(report, { lang, panel }), lang)));
  parts.push(h('ol', { className: 'answer-changes' }, changeSentenceParts(report, { lang, panel }).map((p) => h('li', {}, partsNodes(p, lang)))));
  // Terraform inputs: the changes are made in the .tf (for a show -json, the HCL to write there).
  for (const line of terraformAnswer(report, lang)) {
    const last = parts[parts.length - 1];
    if (!line.startsWith('    ')) parts.push(h('p', { className: 'answer-terraform' }, line));
    else if (last?.className === 'answer-hcl') last.textContent += `\n${line.slice(4)}`;
    else parts.push(h('pre', { className: 'answer-hcl' }, line.slice(4)));
  }
  if (fix.origin?.address) parts.push(h('p', {}, t('report.origin', { address: fix.origin.address })));
  const placeholders = renderPlaceholders(report, { lang });
  if (placeholders.length) {
    parts.push(h('div', { className: 'callout' }, h('h4', {}, t('report.placeholdersTitle')), placeholders.map((p) => h('p', {}, p)), h('p', {}, siteMessage('results.fillIn', lang))));
  }
  parts.push(changeTableNode(report, lang));
  const steps = panelSteps(report, { lang, panel });
  if (steps.first) parts.push(h('h4', { className: 'steps-title' }, steps.first.title), stepsList(steps.first.steps, steps.first.id));
  for (const set of steps.others) {
    parts.push(h('details', { className: 'other-steps', dataset: { panel: set.id } }, h('summary', {}, set.title), stepsList(set.steps, set.id)));
  }
  return h('section', { className: 'answer', id: 'answer', 'aria-labelledby': 'answer-title' }, parts);
}

// The records that change, before and after: a table whose cells wrap (a
// long name or value is never cut); on a narrow screen each row stands as a
// block of labelled lines (report.css).
function changeTableNode(report, lang) {
  const { head, rows } = changeTable(report, { lang });
  const title = reportMessage('report.answer.table.title', lang);
  return h(
    'table',
    { className: 'change-table' },
    h('caption', {}, title),
    h('thead', {}, h('tr', {}, head.map((w) => h('th', { scope: 'col' }, w)))),
    h(
      'tbody',
      {},
      rows.map(([name, ...cells]) =>
        h('tr', {}, h('th', { scope: 'row', dataset: { label: head[0] } }, dataNode(name, lang, { name: true })), cells.map((c, i) => h('td', { dataset: { label: head[i + 1] } }, c))),
      ),
    ),
  );
}

/** The summary: what was checked, and the counts by severity. */
export function summarySection(report, { lang }) {
  const t = (k, v) => reportMessage(k, lang, v);
  const st = report.stats ?? {};
  const lines = [t(`report.mode.${report.mode}`), t('report.inputs', { zones: st.zones ?? 0, records: st.records ?? 0, ...(st.rounds ? { questions: st.questions ?? 0, rounds: st.rounds } : {}) })];
  const warnings = [];
  if (st.unknown) warnings.push(t('report.unknown', { count: st.unknown }));
  // A zone of another domain is said so on its own line, never silently left out.
  const bare = (name) => String(name ?? '').replace(/\.$/, '');
  for (const z of report.inputs?.zones ?? []) {
    if (z.for_domain === false) warnings.push(t('report.zoneOtherDomain', { file: z.files?.[0] ?? '', apex: bare(z.apex), domain: bare(report.domain) }));
  }
  for (const hit of st.budget_hits ?? []) {
    warnings.push(t('report.budget', { ...hit, budget: sessionMessage('budgets', hit.budget, lang) }));
  }
  if (report.panel) lines.push(t('report.panel', { panel: report.panel.name, how: report.panel.how ? t(`panelHow.${report.panel.how}`) : '' }));
  const counts = h(
    'ul',
    { className: 'counts' },
    SEVERITIES.map((s) =>
      h('li', { className: `count sev-${s}${report.summary?.[s] ? '' : ' zero'}` }, h('span', { className: 'count-number' }, String(report.summary?.[s] ?? 0)), ' ', h('span', { className: 'count-label' }, siteMessage(`results.counts.${s}`, lang, { count: report.summary?.[s] ?? 0 }))),
    ),
  );
  const elapsed = report.timings?.total_ms !== undefined ? h('p', { className: 'help' }, siteMessage('results.elapsed', lang, { ms: Math.round(report.timings.total_ms) })) : null;
  return h(
    'section',
    { className: 'summary', 'aria-labelledby': 'summary-title' },
    h('h3', { id: 'summary-title' }, partsNodes(messageParts((v) => t('report.title', v), { domain: report.domain }), lang)),
    counts,
    h('p', { className: 'visually-hidden' }, summaryText(report.summary, lang)),
    lines.map((l) => h('p', {}, l)),
    warnings.map((w) => h('p', { className: 'warning-text' }, w)),
    elapsed,
  );
}

/** Zone-file problems, "file:line:col: error: message" as the CLI prints them. */
export function diagnosticsSection(report, { lang }) {
  const list = report.diagnostics ?? [];
  if (!list.length) return null;
  const zones = report.inputs?.zones ?? [];
  const shown = list.slice(0, MAX_DIAGNOSTICS_SHOWN);
  return h(
    'section',
    { className: 'diagnostics', 'aria-labelledby': 'diagnostics-title' },
    h('h3', { id: 'diagnostics-title' }, siteMessage('results.diagnosticsTitle', lang)),
    h('p', { className: 'help' }, siteMessage((report.stats?.records ?? 0) > 0 ? 'results.diagnosticsHelp' : 'results.diagnosticsHelpNothing', lang)),
    h('ul', { className: 'diagnostic-list' }, shown.map((d) => h('li', {}, h('code', {}, formatDiagnostic(d, zones[d.zone]?.files ?? [], lang))))),
    list.length > shown.length ? h('p', {}, siteMessage('results.moreDiagnostics', lang, { count: list.length - shown.length })) : null,
  );
}

/** Each ticked symptom, and the findings that explain it. */
export function symptomsSection(report, { lang, symptoms }) {
  const rows = explainSymptoms(report.findings ?? [], symptoms);
  if (!rows.length) return null;
  // A check that could not look at everything cannot say that nothing explains it.
  const blind = (report.verdict?.blind ?? []).length > 0 || !report.verdict;
  return h(
    'section',
    { className: 'symptom-answers', 'aria-labelledby': 'symptoms-title' },
    h('h3', { id: 'symptoms-title' }, siteMessage('results.symptomsTitle', lang)),
    h(
      'ul',
      {},
      rows.map((r) =>
        h(
          'li',
          { className: r.findings.length ? 'explained' : 'unexplained' },
          h('strong', {}, siteMessage(`symptoms.${r.symptom}`, lang)),
          ': ',
          r.findings.length ? withList('results.explainedBy', lang, findingLinks(r.findings)) : siteMessage(blind ? 'results.notExplainedBlind' : 'results.notExplained', lang),
        ),
      ),
    ),
  );
}

/** One card per finding, those explaining a ticked symptom first. */
export function findingsSection(report, { lang, symptoms, rulePage }) {
  const findings = report.findings ?? [];
  const ordered = orderFindings(findings, symptoms);
  const cards = ordered.map(({ finding: f, index, explains }) => {
    const n = index + 1;
    const sev = reportMessage(`report.severity.${f.severity}`, lang);
    const href = RULE_ID.test(f.rule) ? rulePage(lang, f.rule) : null;
    const seen = new Set(); // a name is flagged once a card
    return h(
      'li',
      // data-*: for tests and user styles; set as attributes, never parsed.
      { className: `finding sev-${f.severity}`, id: `finding-${n}`, dataset: { rule: f.rule, severity: f.severity, name: f.names?.[0] ?? '' } },
      h(
        'article',
        { 'aria-labelledby': `finding-${n}-title` },
        h('p', { className: 'finding-meta' }, h('span', { className: `badge sev-${f.severity}` }, sev), ' ', h('span', {}, siteMessage('results.findingLabel', lang, { n })), ' · ', h('code', {}, f.rule)),
        h('h4', { id: `finding-${n}-title` }, partsNodes(findingParts(f, lang), lang, seen)),
        explains.length ? h('p', { className: 'explains' }, siteMessage('results.explains', lang, { list: explains.map((s) => siteMessage(`symptoms.${s}`, lang)).join(lang === 'ja' ? '、' : '; ') })) : null,
        h('h5', {}, siteMessage('results.evidence', lang)),
        h('ol', { className: 'evidence' }, evidenceStepsParts(f, lang).map((parts) => h('li', {}, partsNodes(parts, lang, seen)))),
        href ? h('p', {}, h('a', { href, className: 'rule-link' }, ruleLinkText(f.rule, lang))) : null,
      ),
    );
  });
  // The evidence follows the answer, folded: open when there is no answer to
  // give, or when ticked symptoms ask which findings explain them.
  const open = !(report.fix?.plan ?? []).length || (symptoms ?? []).length > 0;
  return h(
    'section',
    { className: 'findings', 'aria-labelledby': 'findings-title' },
    h(
      'details',
      { className: 'how-known', open },
      h('summary', {}, h('h3', { id: 'findings-title' }, reportMessage('report.answer.howTitle', lang))),
      h('h4', {}, reportMessage('report.findingsTitle', lang)),
      findings.length ? h('ol', { className: 'finding-list' }, cards) : noFindings(report, lang),
    ),
  );
}

/** A finding's link to its rule's page, named by the rule: "About mail-host-proxied: mail apps are sent to the proxy". */
export function ruleLinkText(rule, lang) {
  const title = reportMessage(`report.ruleTitle.${rule}`, lang);
  return reportMessage('report.ruleLink', lang, { rule, title: title === `report.ruleTitle.${rule}` ? '' : title }).replace(/:\s*$/, '');
}

// No finding: green "all clear" only when the verdict is fine; a check that
// could not look at everything says so (never a bare "No problem found").
function noFindings(report, lang) {
  const state = report.verdict?.state;
  if (state === 'could-not-tell') return h('p', { className: 'no-findings-blind' }, reportMessage(noFindingsKey(report), lang));
  if (!state || state === 'fine') return h('p', { className: 'all-clear' }, reportMessage('report.noFindings', lang));
  return h('p', {}, reportMessage('report.noFindings', lang));
}

function routeText(path, lang) {
  if (!path) return '';
  const reason = path.reason ? sessionMessage('reasons', path.reason, lang) : '';
  return siteMessage(`results.route.${path.route}`, lang, { provider: path.provider ? providerName(path.provider, lang) : '', reason: path.route === 'unknown' ? reason : '' });
}

/** With zones and live DNS: where each mail name leads in each, and where they differ. */
export function compareSection(report, { lang }) {
  if (report.mode !== 'both') return null;
  const rows = (report.names ?? []).filter((n) => n.zone && n.live);
  if (!rows.length) return null;
  return h(
    'section',
    { className: 'compare', 'aria-labelledby': 'compare-title' },
    h('h3', { id: 'compare-title' }, siteMessage('results.compareTitle', lang)),
    h(
      'div',
      { className: 'table-scroll' },
      h(
        'table',
        {},
        h('caption', {}, siteMessage('results.compareCaption', lang)),
        h('thead', {}, h('tr', {}, ['compareName', 'compareZone', 'compareLive', 'compareState'].map((k) => h('th', { scope: 'col' }, siteMessage(`results.${k}`, lang))))),
        h(
          'tbody',
          {},
          rows.map((n) => {
            const differs = n.zone.route !== n.live.route || (n.zone.route === 'proxy' && (n.zone.provider ?? '') !== (n.live.provider ?? ''));
            const unknown = n.zone.route === 'unknown' || n.live.route === 'unknown';
            return h(
              'tr',
              { className: differs && !unknown ? 'differs' : '' },
              h('th', { scope: 'row' }, dataNode(n.name, lang, { name: true })),
              h('td', {}, routeText(n.zone, lang)),
              h('td', {}, routeText(n.live, lang)),
              h('td', {}, unknown ? '—' : siteMessage(differs ? 'results.disagree' : 'results.agree', lang)),
            );
          }),
        ),
      ),
    ),
  );
}

// "+ CREATE ..." lines with a class per kind, as text.
function planBlock(report, lang) {
  const kinds = { '+': 'add', '-': 'remove', '±': 'modify' };
  return h(
    'pre',
    { className: 'plan', tabindex: '0' },
    renderPlan(report, { lang }).map((line) => h('span', { className: `plan-${kinds[line[0]] ?? 'none'}` }, line + '\n')),
  );
}

function stepsList(lines, panel) {
  return h('ol', { className: 'steps', dataset: { panel } }, lines.map((l) => h('li', {}, l.replace(/^\d+\.\s+/, ''))));
}

/**
 * After the answer and the evidence: how the edits were merged, the change
 * plan, the full diff folded (placed by the caller into the returned
 * `diffSlot`, with its `diffControls`) and the downloads (the caller's
 * `downloads` node). The steps and the table of changed records are in the
 * answer (answerSection).
 * @returns {{section: HTMLElement, diffSlot: HTMLElement | null}}
 */
export function fixSection(report, { lang, diffControls, downloads }) {
  const t = (k, v) => reportMessage(k, lang, v);
  const fix = report.fix ?? {};
  const parts = [h('h3', { id: 'fix-title' }, t('report.answer.filesTitle'))];
  if (!(fix.plan ?? []).length) {
    // The answer says why there is no change; nothing to download.
    return { section: null, diffSlot: null };
  }
  const notes = [...renderNotes(report, { lang }), ...renderSkipped(report, { lang })];
  if (notes.length) parts.push(h('h4', {}, t('report.notesTitle')), h('ul', {}, notes.map((n) => h('li', {}, n))));
  parts.push(h('h4', {}, t('report.planTitle')), planBlock(report, lang));
  let diffSlot = null;
  if ((fix.zones ?? []).some((z) => z.changed)) {
    diffSlot = h('div', { className: 'diff-view' });
    parts.push(h('details', { className: 'diff-fold' }, h('summary', { id: 'diff-title' }, siteMessage('results.diffTitle', lang)), diffControls, diffSlot));
  } else {
    parts.push(h('h4', { id: 'diff-title' }, siteMessage('results.diffTitle', lang)), h('p', {}, siteMessage('results.noDiff', lang)));
  }
  parts.push(h('h4', {}, siteMessage('results.downloadsTitle', lang)), downloads);
  return { section: h('section', { className: 'fix', 'aria-labelledby': 'fix-title' }, parts), diffSlot };
}
