// The report document ("mxray-report/1") in words: pure functions from the
// report to lines of text, shared by the command line and the website. No
// I/O here; every word comes from messages.js (English and Japanese).
//
// A `style(kind, text)` function may colour a piece of text; kinds are
// critical, warning, info, heading, add, remove, modify, dim. The default
// leaves the text as it is.
import { evidenceMessage, findingMessage, reportMessage } from './messages.js';

/** Severities from the most to the least important. */
export const SEVERITIES = Object.freeze(['critical', 'warning', 'info']);

const plain = (_kind, text) => text;

/** True when the report has a finding at or above `level` (critical, warning or info). */
export function failsAt(report, level = 'critical') {
  const limit = SEVERITIES.indexOf(level);
  return (report.findings ?? []).some((f) => SEVERITIES.indexOf(f.severity) <= limit);
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
  const lines = [style('heading', t('report.title', { domain: report.domain }))];
  lines.push(t(`report.mode.${report.mode}`));
  const st = report.stats ?? {};
  lines.push(t('report.inputs', { zones: st.zones ?? 0, records: st.records ?? 0, questions: st.questions ?? 0, rounds: st.rounds ?? 0 }));
  if (st.unknown) lines.push(style('warning', t('report.unknown', { count: st.unknown })));
  for (const h of st.budget_hits ?? []) lines.push(style('warning', t('report.budget', h)));
  if (report.panel) {
    lines.push(t('report.panel', { panel: report.panel.name, how: report.panel.how ? t(`panelHow.${report.panel.how}`) : '' }));
  }
  const errors = (report.diagnostics ?? []).length;
  if (errors) lines.push(style('warning', t('report.diagnostics', { count: errors })));
  const s = summaryText(report.summary, lang);
  lines.push(style(failsAt(report, 'critical') ? 'critical' : failsAt(report, 'warning') ? 'warning' : 'heading', s));
  return lines;
}

/** Each finding: severity, headline, and its numbered chain of evidence. */
export function renderFindings(report, { lang = 'en', style = plain } = {}) {
  const findings = report.findings ?? [];
  if (!findings.length) return [reportMessage('report.noFindings', lang)];
  const lines = [];
  findings.forEach((f, i) => {
    const sev = reportMessage(`report.severity.${f.severity}`, lang).toUpperCase();
    lines.push(`${style(f.severity, `[${i + 1}] ${sev}`)} ${findingMessage(f, lang)} ${style('dim', `(${f.rule})`)}`);
    (f.evidence ?? []).forEach((step, n) => lines.push(`    ${n + 1}. ${evidenceMessage(step, lang)}`));
  });
  return lines;
}

/** An edit ({op, name, type, data}) in a few words: "remove mail.x. CNAME x.". */
export function editText(edit, lang = 'en') {
  const op = reportMessage(`report.op.${edit.op}`, lang);
  return `${op} ${edit.name} ${edit.type}${edit.data ? ` ${edit.data}` : ''}`;
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
          file: z.file,
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
  const lines = names.map((p) => reportMessage(`report.placeholder.${p}`, lang, { [p]: `{${p}}` }));
  if (names.length && cli) lines.push(reportMessage('report.placeholderCli', lang));
  return lines;
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
  if (!plan.length) return [reportMessage('plan.empty', lang)];
  const width = Math.max(...['create', 'modify', 'delete'].map((a) => reportMessage(`plan.${a}`, lang).length));
  return plan.map((e) => {
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
    if (e.placeholder) line += ` ${style('warning', `[${reportMessage('plan.fillIn', lang, { placeholder: `{${e.placeholder}}` })}]`)}`;
    return line;
  });
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
  const plan = report.fix?.plan ?? [];
  if (!plan.length) return [];
  const t = (k, v) => reportMessage(k, lang, v);
  const steps = [t('steps.cpanelIntro', { domain: bare(report.domain) })];
  for (const e of plan) {
    const v = { type: e.type, name: e.name, data: e.data };
    if (e.action === 'create') steps.push(t('steps.cpanelCreate', { ...v, data: e.after?.data ?? e.data, field: t('steps.field.value') }));
    else if (e.action === 'delete') steps.push(t('steps.cpanelDelete', { ...v, data: e.before?.data ?? e.data }));
    else if ((e.before?.data ?? e.data) !== (e.after?.data ?? e.data)) {
      steps.push(t('steps.cpanelModify', { ...v, before: e.before?.data ?? '', after: e.after?.data ?? e.data }));
    } else continue; // only the proxy changes: cPanel has no proxy
    if (e.placeholder) steps.push(t('steps.fillFirst', { placeholder: `{${e.placeholder}}` }));
  }
  if (plan.some((e) => e.after?.proxied === false || e.before?.proxied === true)) steps.push(t('steps.cpanelNote'));
  return steps.map((s, i) => `${i + 1}. ${s}`);
}

/** Numbered steps for Cloudflare's dashboard (DNS › Records), one per entry of the plan. */
export function cloudflareSteps(report, { lang = 'en' } = {}) {
  const plan = report.fix?.plan ?? [];
  if (!plan.length) return [];
  const t = (k, v) => reportMessage(k, lang, v);
  const steps = [t('steps.cloudflareIntro', { domain: bare(report.domain) })];
  for (const e of plan) {
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
    } else {
      const changed = e.before?.proxied !== undefined && e.after?.proxied !== undefined && e.before.proxied !== e.after.proxied;
      steps.push(
        t('steps.cloudflareModify', {
          ...v,
          before: e.before?.data ?? '',
          after: e.after?.data ?? e.data,
          proxy: changed ? proxyWord(e.after.proxied, lang) : '',
        }),
      );
    }
    if (e.placeholder) steps.push(t('steps.fillFirst', { placeholder: `{${e.placeholder}}` }));
  }
  if (plan.some((e) => e.after?.proxied === false)) steps.push(t('steps.cloudflareProxy'));
  return steps.map((s, i) => `${i + 1}. ${s}`);
}

/**
 * The whole report as text: summary, findings with evidence, the fix (stated
 * origin, placeholders, merge notes, skipped edits, plan, diff) and the steps.
 * @param options {lang, style, cli}: cli adds the hint about --origin.
 */
export function renderReport(report, { lang = 'en', style = plain, cli = false } = {}) {
  const t = (k, v) => reportMessage(k, lang, v);
  const out = [...renderSummary(report, { lang, style }), ''];
  out.push(style('heading', t('report.findingsTitle')), ...renderFindings(report, { lang, style }), '');
  const fix = report.fix ?? {};
  out.push(style('heading', t('report.fixTitle')));
  if (!(fix.plan ?? []).length) {
    out.push(t('report.noFix'));
    return out.join('\n') + '\n';
  }
  if (fix.origin?.address) out.push(t('report.origin', { address: fix.origin.address }));
  const section = (title, lines) => {
    if (lines.length) out.push('', style('heading', title), ...lines);
  };
  section(t('report.placeholdersTitle'), renderPlaceholders(report, { lang, cli }));
  section(t('report.notesTitle'), [...renderNotes(report, { lang }), ...renderSkipped(report, { lang })]);
  section(t('report.planTitle'), renderPlan(report, { lang, style }));
  for (const z of fix.zones ?? []) {
    if (!z.changed) continue;
    const lines = z.diff.replace(/\n$/, '').split('\n').map((l) =>
      l.startsWith('+++') || l.startsWith('---') ? style('heading', l)
        : l.startsWith('+') ? style('add', l)
        : l.startsWith('-') ? style('remove', l)
        : l.startsWith('@@') ? style('dim', l)
        : l,
    );
    section(t('report.diffTitle', { file: z.file }), lines);
  }
  section(t('report.cpanelTitle'), cpanelSteps(report, { lang }));
  section(t('report.cloudflareTitle'), cloudflareSteps(report, { lang }));
  return out.join('\n') + '\n';
}

/**
 * One line for one zone of a batch check (check --zone-dir).
 * @param r {file, domain, summary, rules[], error}
 */
export function zoneLine(r, { lang = 'en', style = plain, failOn = 'critical' } = {}) {
  if (r.error) return style('critical', reportMessage('report.zoneError', lang, { file: r.file, error: r.error }));
  const limit = SEVERITIES.indexOf(failOn);
  const worst = SEVERITIES.find((s) => (r.summary?.[s] ?? 0) > 0);
  const line = reportMessage('report.zoneLine', lang, {
    file: r.file,
    domain: r.domain,
    summary: summaryText(r.summary, lang),
    rules: (r.rules ?? []).join(', '),
  });
  return worst && SEVERITIES.indexOf(worst) <= limit ? style(worst, line) : line;
}
