// The report ("mxray-report/2") as a pull-request comment in GitHub's
// Markdown (GFM): the verdict, what to do (one sentence per change), the
// records that change as a before/after table, then each finding with its
// evidence folded. `mxray check --format markdown`. The words are the text
// report's (report-text.js, answer.js, messages.js); this file only sets them
// in Markdown.
//
// Zone data is hostile: every name, value and file name from the input goes
// into a code span (never a link, emphasis, HTML or an autolink), in its
// display form (name-safety.js: no control or bidi character), with the
// code span's fence longer than any run of backticks in it and every `|`
// escaped inside a table. Our own words are escaped too, so a catalogue
// sentence cannot turn into markup by accident.
import { proseName, reportMessage, sessionMessage } from './messages.js';
import { displayText, nameWarnings } from './name-safety.js';
import { answerWhere, changeSentenceParts, changeTable, noChangeKey, servingPanel } from './answer.js';
import { noFindingsKey, verdictKey } from './verdict-words.js';
import { evidenceStepsParts, findingParts, messageParts, warningText } from './report-text.js';

/** How many findings, sentences and table rows a comment shows before "and N more". */
export const MARKDOWN_SHOWN = 30;

/** How many unanswered questions a comment lists (with their reasons) before "and N more", as the text report. */
const UNKNOWN_SHOWN = 8;

/** Rule ids link only when they are catalogue ids (the site's rule pages have these names). */
const RULE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

// Characters that mean something to CommonMark or GFM inline (or start HTML
// or an entity): escaped with a backslash, which any ASCII punctuation takes.
const MARKUP = /[\\`*_[\]<>|~&!]/g;

/** Our own words as Markdown text: every character that could be markup escaped. */
export const markdownText = (text) => String(text).replace(MARKUP, (ch) => `\\${ch}`);

/**
 * Data as a code span: display form, a fence one backtick longer than the
 * longest run in it, padded with a space when it starts or ends with a
 * backtick or a space (CommonMark strips one each side); in a table cell every
 * `|` escaped (GFM splits cells before it reads code spans).
 */
export function codeSpan(value, { table = false } = {}) {
  let text = displayText(String(value ?? ''));
  if (text === '') return '';
  if (table) text = text.replace(/\|/g, '\\|');
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(text) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * messageParts (report-text.js) in Markdown: words escaped, data in code
 * spans, a name that may pass for another flagged the first time it is named
 * (as the text report does).
 */
export function partsMarkdown(parts, lang = 'en', { seen = new Set(), table = false } = {}) {
  return parts
    .map((p) => {
      if (typeof p === 'string') return markdownText(p);
      const warnings = p.name && !seen.has(p.value) ? nameWarnings(p.value) : [];
      seen.add(p.value);
      const flag = warnings.length ? ` \\[\\! ${markdownText(warnings.map((w) => warningText(w, lang)).join('; '))}\\]` : '';
      return codeSpan(p.value, { table }) + flag;
    })
    .join('');
}

// The lines of `items` after the first MARKDOWN_SHOWN, said as "and N more".
function shown(items, lang) {
  const more = items.length - MARKDOWN_SHOWN;
  return { items: more > 0 ? items.slice(0, MARKDOWN_SHOWN) : items, more: more > 0 ? markdownText(reportMessage('report.unknownMore', lang, { count: more })) : '' };
}

/** The records that change (answer.js changeTable) as a GFM table; [] when none change. */
export function markdownChangeTable(report, { lang = 'en' } = {}) {
  const { head, rows } = changeTable(report, { lang });
  if (!rows.length) return [];
  const t = (k) => reportMessage(`report.answer.table.${k}`, lang);
  const words = new Set(['none', 'deleted', 'hidden'].map(t));
  const cell = (text, c) => {
    // The name, the type and a record's data are the input's: code spans. The
    // proxy status and the words for "none", "deleted", "hidden" are ours.
    // (markdownText escapes `|` already, as a table cell needs.)
    if (c === 4 || words.has(text) || text === '—') return markdownText(text);
    return codeSpan(text, { table: true });
  };
  const { items, more } = shown(rows, lang);
  const line = (cells) => `| ${cells.join(' | ')} |`;
  const out = [line(head.map((h) => markdownText(h))), line(head.map(() => '---')), ...items.map((r) => line(r.map(cell)))];
  if (more) out.push('', more);
  return out;
}

/**
 * The comment: the verdict (bold), what mxray could not look at, "What to
 * do" (where, one sentence per change, the values to fill in), the table of
 * the records that change, then the findings, each with its evidence folded
 * in <details> and the link to its rule's page when `rulePage` gives one.
 * @param {object} [options]
 * @param {string} [options.lang] en or ja
 * @param {(lang: string, rule: string) => string | null} [options.rulePage] the address of a rule's page
 * @returns {string} Markdown, ending with a newline
 */
export function renderMarkdown(report, { lang = 'en', rulePage = null, nameServer = null } = {}) {
  const t = (k, v) => reportMessage(k, lang, v);
  const out = [];
  const v = report.verdict;
  if (v) {
    const domain = String(report.domain ?? '').replace(/\.$/, '');
    out.push(`**${partsMarkdown(messageParts((x) => t(verdictKey(report), x), { domain }), lang)}**`);
    if ((v.blind ?? []).length) {
      out.push('', `**${markdownText(t('report.blindTitle'))}**`, '');
      for (const b of v.blind) out.push(`- ${markdownText(t(`report.blind.${b}`, { count: (v.unknown ?? []).length }))}`);
      // Which questions got no usable answer, and why (the resolver refused, timed out …),
      // as the text report lists them: without it a comment cannot say what to try.
      const unknown = v.unknown ?? [];
      for (const u of unknown.slice(0, UNKNOWN_SHOWN)) {
        const purposes = (u.rests_on ?? []).map((p) => sessionMessage('purposes', p, lang)).join(lang === 'ja' ? '、' : ', ');
        const reason = nameServer?.(`reasons.${String(u.reason?.code ?? '').split(':')[0]}`) ?? sessionMessage('reasons', u.reason, lang);
        const parts = messageParts((x) => t('report.unknownFact', { ...x, type: u.type, reason, purposes }), { name: proseName(u.name) });
        out.push(`  - ${partsMarkdown(parts, lang)}`);
      }
      if (unknown.length > UNKNOWN_SHOWN) out.push(`  - ${markdownText(t('report.unknownMore', { count: unknown.length - UNKNOWN_SHOWN }))}`);
      if (unknown.length && report.resolver) out.push('', markdownText(nameServer?.('other') ?? t('report.otherResolver')));
    }
    // What the check chose not to ask (the PTR without --ask-ptr): said even when all is fine.
    const notAsked = (v.not_asked ?? []).filter((n) => n.what === 'ptr');
    if (notAsked.length) {
      out.push('', `**${markdownText(t('report.notAskedTitle'))}**`, '');
      for (const n of notAsked) out.push(`- ${partsMarkdown(messageParts((x) => t('report.ptrNotAsked', x), { address: n.address ?? '' }), lang)}`);
    }
    out.push('');
  }

  out.push(`### ${markdownText(t('report.answer.title'))}`, '');
  const fix = report.fix ?? {};
  if (!(fix.plan ?? []).length) {
    out.push(markdownText(t(noChangeKey(report))), '');
  } else {
    const panel = servingPanel(report);
    out.push(partsMarkdown(answerWhere(report, { lang, panel }), lang), '');
    const sentences = shown(changeSentenceParts(report, { lang, panel }), lang);
    for (const parts of sentences.items) out.push(`- ${partsMarkdown(parts, lang)}`);
    if (sentences.more) out.push(`- ${sentences.more}`);
    if (fix.origin?.address) out.push('', partsMarkdown(messageParts((x) => t('report.origin', { address: x.value }), { value: fix.origin.address }), lang));
    const placeholders = fix.placeholders ?? [];
    if (placeholders.length) {
      out.push('', `**${markdownText(t('report.placeholdersTitle'))}**`, '');
      for (const p of placeholders) out.push(`- ${markdownText(t(`report.placeholder.${p}`, { [p]: `{${p}}` }))}`);
      out.push(`- ${markdownText(t('report.placeholderCli'))}`);
    }
    const table = markdownChangeTable(report, { lang });
    if (table.length) out.push('', `#### ${markdownText(t('report.answer.table.title'))}`, '', ...table);
    out.push('');
  }

  out.push(`### ${markdownText(t('report.findingsTitle'))}`, '');
  const findings = report.findings ?? [];
  if (!findings.length) out.push(markdownText(t(noFindingsKey(report))), '');
  const listed = shown(findings, lang);
  for (const f of listed.items) {
    const seen = new Set();
    const sev = markdownText(t(`report.severity.${f.severity}`).toUpperCase());
    const page = rulePage && RULE_ID.test(f.rule) ? rulePage(lang, f.rule) : null;
    const rule = page ? `[${markdownText(ruleLinkText(f.rule, lang))}](<${page}>)` : codeSpan(f.rule);
    out.push(`**${sev}** ${partsMarkdown(findingParts(f, lang), lang, { seen })} (${rule})`, '');
    const steps = evidenceStepsParts(f, lang);
    if (steps.length) {
      // The summary is HTML: our words only, escaped as HTML.
      out.push(`<details><summary>${htmlText(t('report.answer.howTitle'))}</summary>`, '');
      steps.forEach((parts, n) => out.push(`${n + 1}. ${partsMarkdown(parts, lang, { seen })}`));
      out.push('', '</details>', '');
    }
  }
  if (listed.more) out.push(listed.more, '');
  while (out.at(-1) === '') out.pop();
  return out.join('\n') + '\n';
}

const htmlText = (text) => String(text).replace(/[&<>"']/g, (ch) => `&#${ch.codePointAt(0)};`);

/** A rule's link named by the rule and its title, as the site names it: "About mail-host-proxied: …". */
export function ruleLinkText(rule, lang = 'en') {
  const title = reportMessage(`report.ruleTitle.${rule}`, lang);
  return reportMessage('report.ruleLink', lang, { rule, title: title === `report.ruleTitle.${rule}` ? '' : title }).replace(/:\s*$/, '');
}
