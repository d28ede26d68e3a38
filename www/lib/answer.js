// The answer a report opens with, after its verdict: where the domain's DNS
// is edited (the panel that serves it), one sentence per change in that
// panel's words, the changed records as a before/after table, and the
// panels' steps with the serving panel's first. Pure functions from the
// report ("mxray-report/2", docs/report.md) to words, shared by the command
// line (report-text.js renderReport), the website (www/site/render.js) and the
// extension's popup; every word comes from messages.js (report.answer).
import { proseName, reportMessage } from './messages.js';
import { displayText } from './name-safety.js';
import { sawNothing } from './verdict-words.js';
import { cloudflareSteps, cpanelSteps, messageParts, placeholdersMarked } from './report-text.js';

// Types whose data holds names: a sentence shows them without the root's trailing dot.
const NAMED_TYPES = new Set(['CNAME', 'MX', 'NS', 'PTR', 'SRV', 'DNAME']);
const ADDRESS_TYPES = new Set(['A', 'AAAA']);
const bare = (name) => (name && name !== '.' ? String(name).replace(/\.$/, '') : String(name ?? ''));

/**
 * Where the domain's DNS is edited: 'cloudflare' when a Cloudflare export or
 * API JSON was read, when live DNS answers a mail name from Cloudflare's
 * proxy, when the live name servers are Cloudflare's, or when the zone marks
 * records proxied (only Cloudflare's exports do); else the hosting panel's id
 * (report.panel); else null (not known: the zone file or the DNS provider's
 * panel, whichever the domain's DNS comes from).
 */
export function servingPanel(report) {
  if ((report.inputs?.zones ?? []).some((z) => String(z.format ?? '').startsWith('cloudflare'))) return 'cloudflare';
  if ((report.names ?? []).some((n) => n.live?.provider === 'cloudflare')) return 'cloudflare';
  const cloudflareNs = (s) => s.code === 'live-ns' && /\.ns\.cloudflare\.com\.?(,|\s|$)/i.test(String(s.params?.names ?? ''));
  if ((report.findings ?? []).some((f) => (f.evidence ?? []).some(cloudflareNs))) return 'cloudflare';
  if ((report.fix?.plan ?? []).some((e) => e.before?.proxied === true || e.after?.proxied === true)) return 'cloudflare';
  return report.panel?.id ?? null;
}

/**
 * What "What to do" says when the fix changes nothing: the key of its one
 * sentence. Never "No change to make" under a finding that asks for a change
 * (critical or warning), nor when the check could not look at everything
 * (verdict could-not-tell): there it says what it could not see may still
 * need one.
 */
export function noChangeKey(report) {
  if ((report.findings ?? []).some((f) => f.severity === 'critical' || f.severity === 'warning')) return 'report.noFixForFindings';
  if (sawNothing(report)) return 'report.noFixSawNothing';
  return report.verdict?.state === 'could-not-tell' ? 'report.noFixBlind' : 'report.noFix';
}

/**
 * What an empty change plan says (`--format plan`, the site's plan file, the
 * text report's plan): "No change." only when that is the answer, by the rule
 * of noChangeKey.
 */
export function noPlanKey(report) {
  return { 'report.noFixForFindings': 'plan.emptyForFindings', 'report.noFixBlind': 'plan.emptyBlind', 'report.noFixSawNothing': 'plan.emptyBlind' }[noChangeKey(report)] ?? 'plan.empty';
}

/** The serving panel's name for people: "Cloudflare", "cPanel" …; '' when not known. */
function panelName(report, panel) {
  if (panel === 'cloudflare') return 'Cloudflare';
  return panel ? String(report.panel?.name ?? panel) : '';
}

// A record's data as a sentence shows it: names without the root's dot,
// placeholders in words ("<the server's IPv4 address>"), in display form.
function shownData(type, data, lang) {
  if (data === undefined || data === null || data === '') return '';
  const text = NAMED_TYPES.has(type) ? proseName(data) : String(data);
  return placeholdersMarked(displayText(text), lang);
}

const proxyOf = (side) => (side?.proxied === true || side?.proxied === false ? side.proxied : null);

/**
 * The fix's changes, one per thing a person does: the plan's entries
 * (report.fix.plan), a record deleted and one created at the same name taken
 * together ("make mail an A record … in place of its CNAME"). In the plan's
 * order. Each: {kind: make|add|change|proxy|delete, name, type, oldType, data,
 * old, proxiedBefore, proxiedAfter, placeholder, live, entries}.
 */
export function fixChanges(report) {
  const plan = report.fix?.plan ?? [];
  const used = new Set();
  const out = [];
  // The creates of each name, in order: a delete of the name takes the first one left.
  const creates = new Map();
  plan.forEach((c, k) => {
    if (c.action !== 'create') return;
    if (!creates.has(c.name)) creates.set(c.name, []);
    creates.get(c.name).push(k);
  });
  plan.forEach((e, i) => {
    if (used.has(i)) return;
    used.add(i);
    const after = e.after?.data ?? e.data;
    const before = e.before?.data ?? e.data;
    const base = { name: e.name, type: e.type, placeholder: e.placeholder, live: Boolean(e.live), entries: [e] };
    if (e.action === 'delete') {
      const j = creates.get(e.name)?.shift() ?? -1;
      if (j >= 0) {
        used.add(j);
        const c = plan[j];
        out.push({ ...base, kind: 'make', type: c.type, oldType: e.type, data: c.after?.data ?? c.data, old: before, proxiedBefore: proxyOf(e.before), proxiedAfter: proxyOf(c.after), placeholder: c.placeholder ?? e.placeholder, live: Boolean(c.live || e.live), entries: [e, c] });
      } else out.push({ ...base, kind: 'delete', oldType: e.type, old: before, proxiedBefore: proxyOf(e.before), proxiedAfter: null });
    } else if (e.action === 'create') {
      out.push({ ...base, kind: 'add', data: after, old: '', proxiedBefore: null, proxiedAfter: proxyOf(e.after) });
    } else {
      const kind = (e.before?.data ?? e.data) !== (e.after?.data ?? e.data) ? 'change' : 'proxy';
      out.push({ ...base, kind, oldType: e.type, data: after, old: before, proxiedBefore: proxyOf(e.before), proxiedAfter: proxyOf(e.after) });
    }
  });
  return out;
}

/**
 * One change as a message to fill: {key, params}, params holding the data
 * (name, value, old) apart for messageParts. The proxy status is said in
 * Cloudflare's words ("DNS only (grey cloud)") when Cloudflare serves the DNS.
 */
function changeMessage(c, panel, lang) {
  const t = (k, v) => reportMessage(k, lang, v);
  const cloudflare = panel === 'cloudflare';
  const proxy = cloudflare && c.proxiedAfter !== null ? t(c.proxiedAfter ? 'report.answer.proxiedWords' : 'report.answer.dnsOnlyWords') : '';
  const params = { name: c.name, type: displayText(c.type), oldType: displayText(c.oldType ?? ''), value: shownData(c.type, c.data, lang), old: shownData(c.oldType ?? c.type, c.old, lang), proxy };
  const shape = ADDRESS_TYPES.has(c.type) ? 'address' : c.type === 'CNAME' ? 'alias' : 'other';
  switch (c.kind) {
    case 'make':
      return { key: `report.answer.make.${shape}`, params };
    case 'add':
      return { key: `report.answer.add.${shape}`, params };
    case 'delete':
      return { key: 'report.answer.delete', params };
    case 'change':
      return { key: 'report.answer.change', params };
    default:
      // Only the proxy status changes. A record of live DNS hides behind the
      // proxy's addresses: its value is not known, so none is named.
      return { key: c.proxiedAfter === true ? 'report.answer.proxyOn' : params.old ? 'report.answer.proxyOff' : 'report.answer.proxyOffLive', params };
  }
}

/**
 * The sentences of "What to do", one per change, as messageParts (data kept
 * apart: {value, name}) for a renderer that isolates it.
 * @returns {Array<Array<string | {value: string, name: boolean}>>}
 */
export function changeSentenceParts(report, { lang = 'en', panel = servingPanel(report) } = {}) {
  return fixChanges(report).map((c) => {
    const { key, params } = changeMessage(c, panel, lang);
    const parts = messageParts((v) => reportMessage(key, lang, v), params);
    return lang === 'ja' ? closeUpMarks(parts) : parts;
  });
}

// Japanese puts a space between a Latin value and the words around it; a
// value that ends in Japanese words (〈サーバーの IPv4 アドレス〉) takes none.
function closeUpMarks(parts) {
  return parts.map((p, i) => {
    if (typeof p !== 'string') return p;
    const before = parts[i - 1];
    const after = parts[i + 1];
    let text = p;
    if (typeof before === 'object' && /〉$/.test(before.value)) text = text.replace(/^ /, '');
    if (typeof after === 'object' && /^〈/.test(after.value)) text = text.replace(/ $/, '');
    return text;
  });
}

/**
 * The server's likely address for the popup, when the fix needs one it does
 * not know: {placeholder, address} (address null when nothing was seen).
 * Offered to check, never filled in (report.fix.origin_candidates).
 */
export function neededAddress(report) {
  const placeholder = (report.fix?.placeholders ?? [])[0];
  if (!placeholder) return null;
  const type = placeholder === 'origin-ipv6' ? 'AAAA' : 'A';
  const candidate = (report.fix?.origin_candidates ?? []).find((c) => c.type === type);
  return { placeholder, address: candidate ? displayText(candidate.address) : null };
}

/** The same sentences as text (data in display form). */
export function changeSentences(report, { lang = 'en', panel = servingPanel(report) } = {}) {
  return changeSentenceParts(report, { lang, panel }).map((parts) => parts.map((p) => (typeof p === 'string' ? p : displayText(p.value))).join(''));
}

/** Where to make the changes, one sentence: "Cloudflare serves the DNS of club.example: …". */
export function answerWhere(report, { lang = 'en', panel = servingPanel(report) } = {}) {
  const domain = bare(report.domain);
  const key = panel === 'cloudflare' ? 'report.answer.whereCloudflare' : panel ? 'report.answer.wherePanel' : 'report.answer.whereUnknown';
  return messageParts((v) => reportMessage(key, lang, v), { domain, panel: panelName(report, panel) });
}

/**
 * The changed records as a table: {head: [5 words], rows: [[name, type,
 * before, after, proxy]]}, every cell text in display form. A record replaced
 * by one of another type shows "CNAME → A"; a proxy status that changes,
 * "proxied → DNS only".
 */
export function changeTable(report, { lang = 'en' } = {}) {
  const t = (k, v) => reportMessage(k, lang, v);
  const word = (p) => (p === true ? t('plan.proxied') : p === false ? t('plan.dnsOnly') : '');
  const head = ['name', 'type', 'before', 'after', 'proxy'].map((k) => t(`report.answer.table.${k}`));
  const none = t('report.answer.table.none');
  const rows = fixChanges(report).map((c) => {
    const type = c.oldType && c.oldType !== c.type ? `${displayText(c.oldType)} → ${displayText(c.type)}` : displayText(c.type);
    const before = c.kind === 'add' ? none : shownData(c.oldType ?? c.type, c.old, lang) || t('report.answer.table.hidden');
    const after = c.kind === 'delete' ? t('report.answer.table.deleted') : shownData(c.type, c.data, lang) || t('report.answer.table.hidden');
    const pb = word(c.proxiedBefore);
    const pa = word(c.proxiedAfter);
    const proxy = pb && pa && pb !== pa ? `${pb} → ${pa}` : pa || pb || '—';
    return [displayText(bare(c.name)), type, before, after, proxy];
  });
  return { head, rows };
}

/**
 * The panels' steps, the serving panel's first: {first: {title, steps} | null,
 * others: [{title, steps}]}. Steps are numbered lines (cpanelSteps,
 * cloudflareSteps). Without a known panel every set is an "other".
 */
export function panelSteps(report, { lang = 'en', panel = servingPanel(report) } = {}) {
  const t = (k) => reportMessage(k, lang);
  const sets = [
    { id: 'cloudflare', title: t('report.cloudflareTitle'), steps: cloudflareSteps(report, { lang }) },
    { id: 'cpanel', title: t('report.cpanelTitle'), steps: cpanelSteps(report, { lang }) },
  ].filter((s) => s.steps.length);
  const first = sets.find((s) => s.id === panel) ?? null;
  return { first, others: sets.filter((s) => s !== first) };
}
