// The report document ("mxray-report/2") in words: pure functions from the
// report to lines of text, shared by the command line and the website. No
// I/O here; every word comes from messages.js (English and Japanese).
//
// A `style(kind, text)` function may colour a piece of text; kinds are
// critical, warning, info, heading, add, remove, modify, dim. The default
// leaves the text as it is.
//
// Names, TXT text and file names come from the input: every one is shown in
// its display form (name-safety.js), so no bidi override, invisible or control
// character reaches a page or a terminal as it is, and a name that may pass
// for another is flagged.
import { evidenceMessage, findingMessage, messages, proseName, providerName, reportMessage, serviceWords, sessionMessage } from './messages.js';
import { displayText, nameWarnings } from './name-safety.js';
import { fillTemplate, lookup } from './catalogue.js';
import { answerWhere, changeSentenceParts, changeTable, fixChanges, noChangeKey, noPlanKey, panelSteps, servingPanel } from './answer.js';
import { noFindingsKey, verdictKey } from './verdict-words.js';

/** Severities from the most to the least important. */
export const SEVERITIES = Object.freeze(['critical', 'warning', 'info']);

const plain = (_kind, text) => text;

/**
 * The command line's exit status for a report: 1 with a finding at or above `failOn`, else 3
 * when the check could not tell (docs/cli.md), else 0.
 */
export function exitStatus(report, failOn = 'critical') {
  if (failsAt(report, failOn)) return 1;
  return report.verdict?.state === 'could-not-tell' ? 3 : 0;
}

/** How many unknown facts the text report lists before "and N more". */
const UNKNOWN_SHOWN = 8;

/**
 * The verdict first: one sentence, then what the check could not look at (each unknown
 * fact with its reason and what rests on it), and another resolver to try when answers failed.
 * @param options.nameServer when the check asked a name server directly (check --server,
 *   --authoritative): `(key) => text | null`, its own words for `reasons.<code>` and `other`
 *   (the command line's nameServerMessage), so nothing then says "resolver"
 */
export function renderVerdict(report, { lang = 'en', style = plain, nameServer = null } = {}) {
  const v = report.verdict;
  if (!v) return [];
  const t = (k, values) => reportMessage(k, lang, values);
  const kind = { broken: 'critical', 'at-risk': 'warning', fine: 'heading', 'could-not-tell': 'warning' }[v.state];
  // The domain as people write it, without the root's trailing dot, inside a sentence.
  const lines = [style(kind, t(verdictKey(report), { domain: displayText(String(report.domain ?? '').replace(/\.$/, '')) }))];
  // What the check chose not to ask (the PTR without --ask-ptr): said even when all is fine.
  const notAsked = (v.not_asked ?? []).filter((n) => n.what === 'ptr');
  const sayNotAsked = () => {
    if (!notAsked.length) return;
    lines.push('', style('heading', t('report.notAskedTitle')));
    for (const n of notAsked) lines.push(`- ${t('report.ptrNotAsked', { address: displayText(n.address ?? '') })}`);
  };
  if (!(v.blind ?? []).length) {
    sayNotAsked();
    return lines;
  }
  lines.push('', style('heading', t('report.blindTitle')));
  for (const b of v.blind) lines.push(`- ${t(`report.blind.${b}`, { count: (v.unknown ?? []).length })}`);
  const unknown = v.unknown ?? [];
  for (const u of unknown.slice(0, UNKNOWN_SHOWN)) {
    const purposes = (u.rests_on ?? []).map((p) => sessionMessage('purposes', p, lang)).join(lang === 'ja' ? '、' : ', ');
    const reason = nameServer?.(`reasons.${String(u.reason?.code ?? '').split(':')[0]}`) ?? sessionMessage('reasons', u.reason, lang);
    lines.push(`  ${t('report.unknownFact', { name: displayText(proseName(u.name)), type: u.type, reason, purposes })}`);
  }
  if (unknown.length > UNKNOWN_SHOWN) lines.push(`  ${t('report.unknownMore', { count: unknown.length - UNKNOWN_SHOWN })}`);
  if (unknown.length && report.resolver) lines.push(nameServer?.('other') ?? t('report.otherResolver'));
  sayNotAsked();
  return lines;
}

/** True when the report has a finding at or above `level` (critical, warning or info). */
export function failsAt(report, level = 'critical') {
  const limit = SEVERITIES.indexOf(level);
  return (report.findings ?? []).some((f) => SEVERITIES.indexOf(f.severity) <= limit);
}

// Parameters that hold domain names (checked for lookalikes), and the other
// parameters that hold data from the input; the rest are codes and numbers.
const NAME_KEYS = new Set(['name', 'to', 'from', 'target', 'host', 'names', 'chain', 'domain', 'wildcard']);
const DATA_KEYS = new Set([...NAME_KEYS, 'text', 'term', 'terms', 'detail', 'data', 'file', 'value', 'old']);
// Stand-ins for data while a message is filled: private-use characters, which no catalogue holds.
const DATA_MARK = /\uE000(\d+)\uE001/;

/**
 * A message with its data kept apart, for a renderer that isolates or flags
 * it: `fill(params)` words the message (reportMessage, evidenceMessage…);
 * the result is its text pieces and, in their places, {value, name} for each
 * data parameter (name: true for a domain name). Other parameters are filled
 * in their display form.
 */
export function messageParts(fill, params = {}) {
  const data = [];
  const marked = {};
  for (const [k, v] of Object.entries(params)) {
    if (typeof v !== 'string') marked[k] = v;
    else if (DATA_KEYS.has(k) && v !== '') {
      marked[k] = `\uE000${data.length}\uE001`;
      // A name in a sentence goes without the root's trailing dot.
      data.push({ value: NAME_KEYS.has(k) || k === 'terms' ? proseName(v) : v, name: NAME_KEYS.has(k) });
    } else marked[k] = displayText(v);
  }
  return fill(marked).split(DATA_MARK).map((s, i) => (i % 2 ? data[Number(s)] : s)).filter((p) => p !== '');
}

/** An evidence step ({code, params}) as messageParts. */
export const evidenceParts = (step, lang = 'en') => messageParts((params) => evidenceMessage({ ...step, params }, lang), step.params);

/** A finding's headline as messageParts. */
export const findingParts = (f, lang = 'en') => messageParts(({ name }) => findingMessage({ ...f, names: [name] }, lang), { name: f.names?.[0] ?? '' });

/** One warning of name-safety.js in words: "looks like ‘paypal.test’ but mixes Latin and Cyrillic letters". */
export function warningText(w, lang = 'en') {
  const t = (k, v) => reportMessage(`report.safety.${k}`, lang, v);
  const names = (w.scripts ?? []).map((s) => t(`script.${s}`));
  const scripts = names.length > 1 ? names.slice(0, -1).join(t('comma')) + t('and') + names.at(-1) : (names[0] ?? '');
  return t(w.code, { chars: (w.chars ?? []).join(', '), scripts, looksLike: displayText(w.looksLike ?? '') });
}

/**
 * messageParts as one line of text: data in display form, a name flagged the
 * first time (in `seen`) it is named.
 */
export function partsText(parts, lang, style, seen = new Set()) {
  return parts
    .map((p) => {
      if (typeof p === 'string') return p;
      const warnings = p.name && !seen.has(p.value) ? nameWarnings(p.value) : [];
      seen.add(p.value);
      const flag = warnings.length ? ` ${style('warning', `[! ${warnings.map((w) => warningText(w, lang)).join('; ')}]`)}` : '';
      return displayText(p.value) + flag;
    })
    .join('');
}

/** The summary counts in words: "3 critical, 1 warning(s), 0 info". */
export function summaryText(summary, lang = 'en') {
  return reportMessage('report.summary', lang, {
    critical: summary?.critical ?? 0,
    warning: summary?.warning ?? 0,
    info: summary?.info ?? 0,
  });
}

/** The head of the report: domain, mode, inputs, panel, counts. */
export function renderSummary(report, { lang = 'en', style = plain } = {}) {
  const t = (k, v) => reportMessage(k, lang, v);
  const lines = [style('heading', partsText(messageParts((v) => t('report.title', v), { domain: report.domain }), lang, style))];
  lines.push(t(`report.mode.${report.mode}`));
  const st = report.stats ?? {};
  // Offline, no DNS was asked: the questions are not mentioned.
  lines.push(t('report.inputs', { zones: st.zones ?? 0, records: st.records ?? 0, ...(st.rounds ? { questions: st.questions ?? 0, rounds: st.rounds } : {}) }));
  if (st.unknown) lines.push(style('warning', t('report.unknown', { count: st.unknown })));
  // A zone of another domain is said so on its own line, never silently left out.
  const bare = (name) => displayText(String(name ?? '').replace(/\.$/, ''));
  for (const z of report.inputs?.zones ?? []) {
    if (z.for_domain === false) lines.push(style('warning', t('report.zoneOtherDomain', { file: displayText(z.files?.[0] ?? ''), apex: bare(z.apex), domain: bare(report.domain) })));
  }
  for (const h of st.budget_hits ?? []) lines.push(style('warning', t('report.budget', { ...h, budget: sessionMessage('budgets', h.budget, lang) })));
  if (report.panel) {
    lines.push(t('report.panel', { panel: displayText(report.panel.name), how: report.panel.how ? t(`panelHow.${report.panel.how}`) : '' }));
  }
  const errors = (report.diagnostics ?? []).length;
  if (errors) lines.push(style('warning', t('report.diagnostics', { count: errors })));
  const s = summaryText(report.summary, lang);
  lines.push(style(failsAt(report, 'critical') ? 'critical' : failsAt(report, 'warning') ? 'warning' : 'heading', s));
  return lines;
}

/**
 * A finding's evidence as messageParts, one per step shown: the steps saying
 * that one proxy does not carry a port are said once, where the first of them
 * stands ("Cloudflare's proxy does not carry ports 25, 465 and 993 (…)").
 */
export function evidenceStepsParts(f, lang = 'en') {
  const steps = f.evidence ?? [];
  const ports = new Map(); // provider -> its port steps
  for (const s of steps) {
    if (s.code !== 'port-not-proxied') continue;
    const key = String(s.params?.provider ?? '');
    if (!ports.has(key)) ports.set(key, []);
    ports.get(key).push(s);
  }
  const out = [];
  for (const s of steps) {
    if (s.code === 'probe') {
      out.push(probeParts(s.params ?? {}, lang));
      continue;
    }
    const group = s.code === 'port-not-proxied' ? ports.get(String(s.params?.provider ?? '')) : null;
    if (!group || group.length < 2) {
      out.push(evidenceParts(s, lang));
      continue;
    }
    if (group[0] !== s) continue; // said with the first of its group
    const numbers = [...new Set(group.map((g) => displayText(String(g.params?.port ?? ''))))];
    const services = [...new Set(group.map((g) => g.params?.service).filter(Boolean))].map((v) => serviceWords(v, lang));
    const and = reportMessage('report.portsAnd', lang);
    const list = lang === 'ja' ? numbers.join(and) : numbers.length > 1 ? `${numbers.slice(0, -1).join(', ')}${and}${numbers.at(-1)}` : numbers[0];
    out.push(
      messageParts((v) => reportMessage('report.portsNotProxied', lang, v), {
        provider: providerName(s.params?.provider ?? '', lang),
        ports: list,
        services: services.join(lang === 'ja' ? '、' : '; '),
      }),
    );
  }
  return out;
}

/** Each finding: severity, headline, and its numbered chain of evidence. */
export function renderFindings(report, { lang = 'en', style = plain } = {}) {
  const findings = report.findings ?? [];
  if (!findings.length) return [reportMessage(noFindingsKey(report), lang)];
  const lines = [];
  findings.forEach((f, i) => {
    const sev = reportMessage(`report.severity.${f.severity}`, lang).toUpperCase();
    const seen = new Set();
    lines.push(`${style(f.severity, `[${i + 1}] ${sev}`)} ${partsText(findingParts(f, lang), lang, style, seen)} ${style('dim', `(${displayText(f.rule)})`)}`);
    evidenceStepsParts(f, lang).forEach((parts, n) => lines.push(`    ${n + 1}. ${partsText(parts, lang, style, seen)}`));
    // A Terraform input's findings name the resources they rest on (www/lib/as-code/terraform.js).
    const resources = [...new Set((f.evidence ?? []).map((e) => e.params?.resource).filter(Boolean))];
    if (resources.length) lines.push(`    ${style('dim', reportMessage('report.answer.terraformResources', lang, { resources: displayText(resources.join(', ')) }))}`);
  });
  return lines;
}

/** An edit ({op, name, type, data}) in a few words: "remove mail.x. CNAME x.". */
export function editText(edit, lang = 'en') {
  const op = reportMessage(`report.op.${edit.op}`, lang);
  return displayText(`${op} ${proseName(edit.name ?? '')} ${edit.type}${edit.data ? ` ${placeholdersMarked(edit.data, lang)}` : ''}`);
}

/** What a placeholder ("origin-ipv4") stands for, for a sentence: "the server's IPv4 address". */
export const placeholderWords = (p, lang = 'en') => reportMessage(`report.placeholderWords.${p}`, lang);

// Record data as a sentence shows it: each {placeholder} of the fix's as its
// words, set apart ("ip4:<the server's IPv4 address>"); the records
// themselves (plan, diff, files) keep the token the person replaces.
export function placeholdersMarked(data, lang) {
  return String(data).replace(/\{([a-z0-9-]+)\}/g, (token, p) =>
    Object.hasOwn(messages.en.report.placeholderWords, p) ? reportMessage('report.placeholderMark', lang, { words: placeholderWords(p, lang) }) : token,
  );
}

/** Why edits were dropped when the findings' edits were merged. Findings are numbered from 1. */
export function renderNotes(report, { lang = 'en' } = {}) {
  return (report.fix?.notes ?? []).map((n) =>
    reportMessage('report.note', lang, {
      finding: n.finding + 1,
      edit: editText(n.dropped ?? {}, lang),
      why: reportMessage(`report.noteWhy.${n.why}`, lang),
    }),
  );
}

/** Edits the fix could not write into a zone file, and why. */
export function renderSkipped(report, { lang = 'en' } = {}) {
  const lines = [];
  for (const z of report.fix?.zones ?? []) {
    for (const s of z.skipped ?? []) {
      const edit = report.fix.edits?.[s.edit];
      lines.push(
        reportMessage('report.skipped', lang, {
          file: displayText(z.file),
          edit: edit ? editText(edit, lang) : `#${s.edit}`,
          why: reportMessage(`report.skipWhy.${s.why}`, lang),
        }),
      );
    }
  }
  return lines;
}

/** Each placeholder the fix carries, what it stands for and how to find its value. */
export function renderPlaceholders(report, { lang = 'en', cli = false } = {}) {
  const names = report.fix?.placeholders ?? [];
  const lines = [];
  for (const p of names) {
    lines.push(reportMessage(`report.placeholder.${p}`, lang, { [p]: `{${p}}` }));
    lines.push(...likelyOrigins(report, p, { lang, cli }));
  }
  if (names.length && cli) lines.push(reportMessage('report.placeholderCli', lang));
  return lines;
}

const PLACEHOLDER_TYPE = { 'origin-ipv4': 'A', 'origin-ipv6': 'AAAA' };

/**
 * The server's likely addresses for placeholder `p` (report.fix.origin_candidates,
 * the best three), each with where it was seen; offered, never filled in.
 */
export function likelyOrigins(report, p, { lang = 'en', cli = false } = {}) {
  const t = (k, v) => reportMessage(k, lang, v);
  const found = (report.fix?.origin_candidates ?? []).filter((c) => c.type === PLACEHOLDER_TYPE[p]).slice(0, 3);
  return found.map((c) => {
    // The strongest kinds of clue first; three at most, then how many more.
    const order = ['companion', 'fcrdns', 'spf-term', 'proxied-record', 'dns-only-name'];
    const sorted = [...c.clues].sort((a, b) => order.indexOf(a.source) - order.indexOf(b.source));
    const clues = sorted.slice(0, 3).map((k) =>
      t(`report.originClue.${k.source}`, { name: displayText(proseName(k.name)), file: displayText(k.record?.file ?? ''), line: k.record?.line ?? '' }) +
      (k.live ? t('report.originClueLive') : ''),
    );
    const address = displayText(c.address);
    if (sorted.length > 3) clues.push(t('report.originMore', { count: sorted.length - 3 }));
    const gap = lang === 'ja' ? '' : ' ';
    return `${t('report.likelyOrigin', { address, clues: clues.join(lang === 'ja' ? '、' : '; ') })}${gap}${t(cli ? 'report.likelyOriginCli' : 'report.likelyOriginSite', { address })}`;
  });
}

/** The unified diffs of every changed zone, one after the other. */
export function diffText(report) {
  return (report.fix?.zones ?? []).filter((z) => z.changed).map((z) => z.diff).join('');
}

const proxyWord = (proxied, lang) =>
  proxied === true ? reportMessage('plan.proxied', lang) : proxied === false ? reportMessage('plan.dnsOnly', lang) : '';

/** The change plan: "+ CREATE / ± MODIFY / - DELETE" lines with the proxy state visible. */
export function renderPlan(report, { lang = 'en', style = plain } = {}) {
  const plan = report.fix?.plan ?? [];
  if (!plan.length) return [reportMessage(noPlanKey(report), lang)];
  const width = Math.max(...['create', 'modify', 'delete'].map((a) => reportMessage(`plan.${a}`, lang).length));
  return plan.map((entry) => {
    const e = shownEntry(entry);
    const word = reportMessage(`plan.${e.action}`, lang).padEnd(width);
    let line;
    if (e.action === 'create') {
      const proxy = proxyWord(e.after?.proxied, lang);
      line = style('add', `+ ${word}  ${e.name} ${e.type} ${e.after?.data ?? e.data}${proxy ? ` (${proxy})` : ''}`);
    } else if (e.action === 'delete') {
      const proxy = proxyWord(e.before?.proxied, lang);
      line = style('remove', `- ${word}  ${e.name} ${e.type} ${e.before?.data ?? e.data}${proxy ? ` (${proxy})` : ''}`);
    } else {
      const before = e.before ?? {};
      const after = e.after ?? {};
      const data = before.data !== undefined && before.data !== after.data ? `${before.data} → ${after.data ?? e.data}` : (after.data ?? e.data);
      const pb = proxyWord(before.proxied, lang);
      const pa = proxyWord(after.proxied, lang);
      const proxy = pb && pa && pb !== pa ? `${pb} → ${pa}` : pa || pb;
      line = style('modify', `± ${word}  ${e.name} ${e.type} ${data}${proxy ? ` (${proxy})` : ''}`);
    }
    if (e.placeholder) line += ` ${style('warning', `[${reportMessage('plan.fillIn', lang, { placeholder: placeholderWords(e.placeholder, lang) })}]`)}`;
    return line;
  });
}

// A plan entry with its names and data in display form; for a step (a
// sentence, `lang` given), its placeholders in words.
function shownEntry(e, lang) {
  const data = (d) => (d === undefined ? d : lang ? placeholdersMarked(displayText(d), lang) : displayText(d));
  const side = (x) => x && { ...x, data: data(x.data) };
  return { ...e, name: displayText(e.name), type: displayText(e.type), data: data(e.data), before: side(e.before), after: side(e.after) };
}

const bare = (name) => (name && name !== '.' ? String(name).replace(/\.$/, '') : String(name ?? ''));

function cloudflareField(type) {
  if (type === 'A') return 'address';
  if (type === 'AAAA') return 'address6';
  if (type === 'CNAME') return 'target';
  return 'content';
}

/** Numbered steps for cPanel's Zone Editor, one per entry of the plan. */
export function cpanelSteps(report, { lang = 'en' } = {}) {
  // An edit of what live DNS serves is made where the DNS is served: behind
  // a proxy that is its provider's panel, not cPanel's Zone Editor.
  const plan = (report.fix?.plan ?? []).filter((e) => !e.live);
  // Steps for cPanel's Zone Editor only where cPanel was recognised (or stated).
  if (report.panel?.id !== 'cpanel') return [];
  if (!plan.length) return [];
  const t = (k, v) => reportMessage(k, lang, v);
  const steps = [t('steps.cpanelIntro', { domain: displayText(bare(report.domain)) })];
  // The plan lists deletions first; say why that order matters when something is added too.
  if (plan.some((e) => e.action === 'delete') && plan.some((e) => e.action !== 'delete')) steps.push(t('steps.deleteFirst'));
  for (const e of plan.map((entry) => shownEntry(entry, lang))) {
    const v = { type: e.type, name: e.name, data: e.data };
    if (e.action === 'create') steps.push(t('steps.cpanelCreate', { ...v, data: e.after?.data ?? e.data, field: t('steps.field.value') }));
    else if (e.action === 'delete') steps.push(t('steps.cpanelDelete', { ...v, data: e.before?.data ?? e.data }));
    else if ((e.before?.data ?? e.data) !== (e.after?.data ?? e.data)) {
      steps.push(t('steps.cpanelModify', { ...v, before: e.before?.data ?? '', after: e.after?.data ?? e.data }));
    } else continue; // only the proxy changes: cPanel has no proxy
    if (e.placeholder) steps.push(t('steps.fillFirst', { placeholder: placeholderWords(e.placeholder, lang) }));
  }
  if (plan.some((e) => e.after?.proxied === false || e.before?.proxied === true)) steps.push(t('steps.cpanelNote'));
  return steps.map((s, i) => `${i + 1}. ${s}`);
}

/** Numbered steps for Cloudflare's dashboard (DNS › Records), one per entry of the plan. */
export function cloudflareSteps(report, { lang = 'en' } = {}) {
  const plan = report.fix?.plan ?? [];
  if (!plan.length) return [];
  const t = (k, v) => reportMessage(k, lang, v);
  const steps = [t('steps.cloudflareIntro', { domain: displayText(bare(report.domain)) })];
  // The plan lists deletions first; say why that order matters when something is added too.
  if (plan.some((e) => e.action === 'delete') && plan.some((e) => e.action !== 'delete')) steps.push(t('steps.deleteFirst'));
  const hidden = [];
  // The dashboard shows names without the root's trailing dot, in the data of a CNAME or MX too.
  const named = (e) => ['CNAME', 'MX', 'NS', 'PTR', 'SRV'].includes(e.type);
  const shown = (e) => ({ ...e, data: named(e) ? proseName(e.data ?? '') : e.data, before: e.before && { ...e.before, data: named(e) ? proseName(e.before.data ?? '') : e.before.data }, after: e.after && { ...e.after, data: named(e) ? proseName(e.after.data ?? '') : e.after.data } });
  for (const e of plan.map((entry) => shown(shownEntry(entry, lang)))) {
    const v = { type: e.type, name: bare(e.name), data: e.data };
    if (e.action === 'create') {
      steps.push(
        t('steps.cloudflareCreate', {
          ...v,
          data: e.after?.data ?? e.data,
          field: t(`steps.field.${cloudflareField(e.type)}`),
          proxy: proxyWord(e.after?.proxied, lang),
        }),
      );
    } else if (e.action === 'delete') {
      steps.push(t('steps.cloudflareDelete', { ...v, data: e.before?.data ?? e.data }));
    } else if (e.live && !(e.after?.data ?? e.data)) {
      // Live DNS shows only the proxy's addresses: the panel's record hides
      // behind them. One step names them all (below).
      hidden.push(v.name);
    } else {
      const changed = e.before?.proxied !== undefined && e.after?.proxied !== undefined && e.before.proxied !== e.after.proxied;
      const sameData = (e.before?.data ?? '') === (e.after?.data ?? e.data);
      steps.push(
        t(changed && sameData ? 'steps.cloudflareProxyOnly' : 'steps.cloudflareModify', {
          ...v,
          before: e.before?.data ?? '',
          after: e.after?.data ?? e.data,
          proxy: changed ? proxyWord(e.after.proxied, lang) : '',
        }),
      );
    }
    if (e.placeholder) steps.push(t('steps.fillFirst', { placeholder: placeholderWords(e.placeholder, lang) }));
  }
  if (hidden.length) steps.push(t('steps.cloudflareLiveDnsOnly', { names: [...new Set(hidden)].join(lang === 'ja' ? '、' : ', ') }));
  if (plan.some((e) => e.after?.proxied === false)) steps.push(t('steps.cloudflareProxy'));
  // The import file holds only the records to add (core/fix/cloudflare.h): the old ones go first.
  if (report.fix?.cloudflare_import) steps.push(t('steps.cloudflareImport'));
  if (plan.some((e) => e.live)) steps[0] = `${t('steps.liveNote')}${lang === 'ja' ? '' : ' '}${steps[0]}`;
  return steps.map((s, i) => `${i + 1}. ${s}`);
}

// Columns a string takes on a terminal: East Asian wide and full-width characters take two.
const WIDE = /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u;
const columns = (text) => [...text].reduce((n, ch) => n + (WIDE.test(ch) ? 2 : 1), 0);

/** The changed records (answer.js changeTable) as lines of aligned columns. */
export function renderChangeTable(report, { lang = 'en', style = plain } = {}) {
  const { head, rows } = changeTable(report, { lang });
  if (!rows.length) return [];
  // A name that name-safety.js marks (a lookalike, an invisible character)
  // gets [!] in its cell, and what is wrong with it below the table, once
  // a name: the table has no room for the words, and never hides the mark.
  const changes = fixChanges(report);
  const notes = [];
  const noted = new Set();
  const marked = rows.map((r, i) => {
    const name = String(changes[i]?.name ?? '').replace(/\.$/, '');
    const warnings = name ? nameWarnings(name) : [];
    if (!warnings.length) return r;
    if (!noted.has(name)) {
      noted.add(name);
      notes.push(style('warning', `[!] ${displayText(name)}: ${warnings.map((w) => warningText(w, lang)).join('; ')}`));
    }
    return [`${r[0]} [!]`, ...r.slice(1)];
  });
  // Widths by a loop: spread into Math.max, the rows of a large fix pass the engine's limit on arguments.
  const widths = head.map((_, c) => marked.reduce((w, r) => Math.max(w, columns(r[c])), columns(head[c])));
  const line = (cells) => cells.map((cell, c) => (c === cells.length - 1 ? cell : cell + ' '.repeat(widths[c] - columns(cell)))).join('  ');
  return [style('dim', line(head)), ...marked.map(line), ...notes];
}

// Where a Terraform input's changes are made: in the .tf, not the dashboard
// (www/lib/as-code/terraform.js; the zones' `format`). Lines of text; HCL lines are
// indented by four spaces (the website shows them as code).
export function terraformAnswer(report, lang) {
  const zones = report.inputs?.zones ?? [];
  const tf = zones.filter((z) => z.format === 'terraform').map((z) => displayText(z.files?.[0] ?? ''));
  const out = tf.length ? [reportMessage('report.answer.terraform', lang, { files: tf.join(', ') })] : [];
  for (const z of zones.filter((x) => x.format === 'terraform-show-json')) {
    const resources = [...new Set((report.fix?.edits ?? []).filter((e) => e.zone === z.index && e.record?.resource).map((e) => e.record.resource))];
    const key = z.terraform?.show === 'plan' ? 'report.answer.terraformPlan' : 'report.answer.terraformState';
    out.push(reportMessage(key, lang, { file: displayText(z.files?.[0] ?? ''), resources: displayText(resources.join(', ')) }));
    // What to write in the .tf, resource by resource (as-code/terraform.js terraformStateEdits).
    const edits = report.fix?.edits ?? [];
    for (const x of (report.fix?.zones ?? []).find((f) => f.index === z.index)?.terraform_edits ?? []) {
      if (x.action === 'set') out.push(reportMessage('report.answer.terraformSet', lang, { resource: displayText(x.resource) }), ...x.hcl.split('\n').map((l) => `    ${displayText(l)}`));
      else if (x.action === 'add') out.push(reportMessage('report.answer.terraformAdd', lang), ...x.hcl.split('\n').map((l) => `    ${displayText(l)}`));
      else if (x.action === 'remove') out.push(reportMessage('report.answer.terraformRemove', lang, { resource: displayText(x.resource) }));
      else out.push(reportMessage('report.answer.terraformByHand', lang, { edit: edits[x.edit] ? editText(edits[x.edit], lang) : '' }));
    }
  }
  return out;
}

/**
 * The answer, after the verdict: "What to do" (where, then one sentence per
 * change), the stated origin, the values to fill in, the records that
 * change, then the steps of the panel that serves the DNS and after them the
 * other panels' steps, each under its own heading. Lines of text, sections
 * apart by a blank line.
 */
export function renderAnswer(report, { lang = 'en', style = plain, cli = false } = {}) {
  const t = (k, v) => reportMessage(k, lang, v);
  const fix = report.fix ?? {};
  const out = [style('heading', t('report.answer.title'))];
  if (!(fix.plan ?? []).length) {
    out.push(t(noChangeKey(report)));
    return out;
  }
  const panel = servingPanel(report);
  // Terraform's records are changed in the .tf, where the dashboard's would be undone.
  const terraform = terraformAnswer(report, lang);
  if (terraform.length) out.push(...terraform);
  else out.push(partsText(answerWhere(report, { lang, panel }), lang, style));
  for (const parts of changeSentenceParts(report, { lang, panel })) out.push(`- ${partsText(parts, lang, style)}`);
  if (fix.origin?.address) out.push(t('report.origin', { address: displayText(fix.origin.address) }));
  const section = (title, lines) => {
    if (!lines.length) return;
    out.push('', style('heading', title));
    for (const l of lines) out.push(l);
  };
  section(t('report.placeholdersTitle'), renderPlaceholders(report, { lang, cli }));
  section(t('report.answer.table.title'), renderChangeTable(report, { lang, style }));
  const steps = panelSteps(report, { lang, panel });
  for (const set of [steps.first, ...steps.others].filter(Boolean)) section(set.title, set.steps);
  return out;
}

/**
 * The whole report as text: the verdict, then the answer (renderAnswer),
 * then how mxray knows: the summary, the findings with their evidence, how
 * the edits were merged and the change plan. The diff is `--format diff`.
 * @param options {lang, style, cli, nameServer}: cli adds the hint about --origin; nameServer
 *   as renderVerdict takes it.
 */
export function renderReport(report, { lang = 'en', style = plain, cli = false, nameServer = null } = {}) {
  const t = (k, v) => reportMessage(k, lang, v);
  const out = [];
  // Lines go in one at a time: spread into push(), the lines of a report about 100,000
  // records pass the engine's limit on arguments (RangeError: call stack size exceeded).
  const add = (lines) => {
    for (const line of lines) out.push(line);
  };
  const verdict = renderVerdict(report, { lang, style, nameServer });
  add(verdict);
  // What the probe saw, next to the verdict: the findings come from DNS, the probe from the ports.
  const probed = report.probe?.results ?? [];
  if (probed.length) {
    const failing = probed.filter((r) => !r.ok).length;
    out.push(failing ? style('warning', t('probe.failing', { count: failing, total: probed.length })) : t('probe.allGood', { total: probed.length }));
  }
  if (verdict.length || probed.length) out.push('');
  add(renderAnswer(report, { lang, style, cli }));
  out.push('', style('heading', t('report.answer.howTitle')));
  add(renderSummary(report, { lang, style }));
  out.push('', style('heading', t('report.findingsTitle')));
  add(renderFindings(report, { lang, style }));
  const section = (title, lines) => {
    if (!lines.length) return;
    out.push('', style('heading', title));
    add(lines);
  };
  if (report.probe) section(t('probe.title'), renderProbe(report, { lang, style }));
  if ((report.fix?.plan ?? []).length) {
    section(t('report.notesTitle'), [...renderNotes(report, { lang }), ...renderSkipped(report, { lang })]);
    section(t('report.planTitle'), renderPlan(report, { lang, style }));
  }
  return out.join('\n') + '\n';
}

/**
 * One line for one zone of a batch check (check --zone-dir).
 * @param r {file, domain, summary, rules[], error}
 * @param verdict the words of the zone's verdict (r.verdict), shown before the counts; none when absent
 */
export function zoneLine(r, { lang = 'en', style = plain, failOn = 'critical', verdict = '' } = {}) {
  if (r.error) return style('critical', reportMessage('report.zoneError', lang, { file: displayText(r.file), error: displayText(r.error) }));
  const limit = SEVERITIES.indexOf(failOn);
  const worst = SEVERITIES.find((s) => (r.summary?.[s] ?? 0) > 0);
  const line = reportMessage('report.zoneLine', lang, {
    file: displayText(r.file),
    domain: displayText(r.domain),
    summary: (verdict ? `${verdict}: ` : '') + summaryText(r.summary, lang),
    rules: displayText((r.rules ?? []).join(', ')),
  });
  return worst && SEVERITIES.indexOf(worst) <= limit ? style(worst, line) : line;
}

// Node's codes for a certificate that does not chain to a trusted root, in the probe's words.
const TRUST_WORDS = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'selfSigned',
  SELF_SIGNED_CERT_IN_CHAIN: 'selfSigned',
  UNABLE_TO_GET_ISSUER_CERT: 'unknownIssuer',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unknownIssuer',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unknownIssuer',
  CERT_HAS_EXPIRED: 'expired',
  CERT_NOT_YET_VALID: 'notYetValid',
};

/**
 * One probe result (www/cli/probe.mjs probeParams: strings) as messageParts:
 * "imaps on mail.example.org (104.21.1.1, Cloudflare): no connection after 5 s".
 */
export function probeParts(params, lang = 'en') {
  const words = (path) => lookup(messages, `probe.${path}`, lang) ?? '';
  let outcome;
  const o = params.outcome;
  if (o === 'no-connection') outcome = words(`noConnection.${params.reason}`) || words('noConnection.error');
  else if (o === 'closed') outcome = params.step === 'greeting' || !params.step ? words('closedBeforeGreeting') : words('closed');
  else if (o === 'tls') {
    outcome = (params.names ? words('tls') : words('tlsNoNames')) + (params.names ? words(params.covers === 'true' ? 'covers' : 'notCovers') : '');
    if (params.trust) outcome += words('untrusted');
  } else outcome = words(o) || words('error');
  const template = words('line').replace('{outcome}', outcome);
  // The addresses that answered alike, and the certificate's names, are lists: Japanese lists them with 、.
  const list = (v) => (lang === 'ja' && typeof v === 'string' ? v.replace(/, /g, '、') : v);
  const values = {
    ...params,
    address: list(params.address),
    names: list(params.names),
    provider: params.provider ? providerName(params.provider, lang) : '',
    starttls: params.starttls === 'true' ? words('afterStarttls') : '',
    why: params.trust ? words(`trust.${TRUST_WORDS[params.trust] ?? 'other'}`) : '',
  };
  return messageParts((v) => fillTemplate(template, v), values);
}

/** The probe section: how it was made, then one line per connection. */
export function renderProbe(report, { lang = 'en', style = plain } = {}) {
  const probe = report.probe;
  if (!probe) return [];
  const t = (k, v) => reportMessage(k, lang, v);
  const results = probe.results ?? [];
  if (!results.length) return [t('probe.none')];
  const out = [t('probe.intro', { seconds: Math.round(probe.timeout_ms / 100) / 10 })];
  if (probe.truncated) out.push(style('warning', t('probe.truncated', { count: results.length })));
  for (const r of results) {
    const line = partsText(probeParts(probeStepParams(r, probe.timeout_ms), lang), lang, style);
    out.push(`- ${r.ok ? line : style('warning', line)}`);
  }
  return out;
}

/**
 * One probe result (www/cli/probe.mjs probeOne) as the params of its evidence step and
 * its line: strings only, as every evidence step's.
 */
export function probeStepParams(r, timeoutMs) {
  const p = { service: r.service, port: String(r.port), name: r.name, address: r.address, provider: r.provider ?? '', outcome: r.outcome };
  if (r.reason) p.reason = r.reason;
  if (r.step) p.step = r.step;
  p.seconds = String(Math.round(timeoutMs / 100) / 10);
  if (r.text) p.text = r.text;
  if (['bad-greeting', 'refused-greeting'].includes(r.outcome) && r.greeting) p.text = r.greeting;
  if (r.outcome === 'tls' && r.tls) {
    p.starttls = r.starttls ? 'true' : 'false';
    p.protocol = r.tls.protocol ?? '';
    const names = r.tls.cert?.san?.length ? r.tls.cert.san : r.tls.cert?.subject_cn ? [r.tls.cert.subject_cn] : [];
    p.names = names.slice(0, 8).join(', ') + (names.length > 8 ? ', …' : '');
    p.covers = r.tls.covers ? 'true' : 'false';
    p.trust = r.tls.trusted ? '' : (r.tls.trust_error ?? 'unknown');
  }
  return p;
}
