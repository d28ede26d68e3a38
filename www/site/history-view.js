// "Since your last check": the report's section comparing this check of a
// domain with the last one this browser remembers (www/lib/history.js).
import { findingMessage, reportMessage } from '../lib/messages.js';
import { siteMessage } from '../lib/site-messages.js';
import { HISTORY_FINDINGS } from '../lib/history.js';
import { h } from './render.js';

const verdictWord = (state, lang) => siteMessage(`history.verdicts.${state}`, lang);

function findingList(className, title, findings, lang, help = null) {
  if (!findings.length) return null;
  return h('div', { className },
    h('h4', {}, title),
    help ? h('p', { className: 'help' }, help) : null,
    h('ul', {}, findings.map((f) => h('li', { className: `sev-${f.severity}`, dataset: { rule: f.rule } }, findingMessage({ rule: f.rule, names: [f.name] }, lang)))),
  );
}

/**
 * The section, or null when there is nothing to say yet.
 * @param {{state: 'unavailable'|'first'|'changes', changes?: object, domain?: string}} history
 * @param {{lang: string, onForget?: () => void}} options
 */
export function historySection(history, { lang, onForget }) {
  if (!history) return null;
  const t = (k, v) => siteMessage(`history.${k}`, lang, v);
  const body = [];
  if (history.state === 'unavailable') {
    body.push(h('p', { className: 'help' }, t('unavailable')));
  } else if (history.state === 'first') {
    body.push(h('p', { className: 'help' }, t('first', { domain: String(history.domain ?? '').replace(/\.$/, '') })));
  } else {
    const c = history.changes;
    const when = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(c.at));
    body.push(h('p', { className: 'history-when' }, t('when', { when })));
    body.push(
      h('p', { className: 'history-verdict', dataset: { before: c.verdictBefore, now: c.verdictNow } },
        c.verdictBefore === c.verdictNow
          ? t('verdictSame', { verdict: verdictWord(c.verdictNow, lang) })
          : t('verdictChanged', { before: verdictWord(c.verdictBefore, lang), now: verdictWord(c.verdictNow, lang) })),
    );
    // Unknown is not fixed: after a check that could not look at everything,
    // what it did not see is "not seen this time", never "gone"; and what the
    // last such check did not see is not called new.
    // Nor across different inputs (an uploaded zone, then live DNS).
    if (c.otherInputs) body.push(h('p', { className: 'help history-other-inputs' }, t('otherInputs', { before: reportMessage(`report.mode.${c.modeBefore}`, lang), now: reportMessage(`report.mode.${c.modeNow}`, lang) })));
    if (c.blindBefore) body.push(findingList('history-found-unsure', t('addedBlind'), c.added, lang, t('addedBlindHelp')));
    else if (c.otherInputs) body.push(findingList('history-found-unsure', t('addedOtherInputs'), c.added, lang));
    else body.push(findingList('history-added', t('added'), c.added, lang));
    if (c.blindNow) body.push(findingList('history-unseen', t('goneBlind'), c.gone, lang, t('goneBlindHelp')));
    else if (c.otherInputs) body.push(findingList('history-unseen', t('goneOtherInputs'), c.gone, lang, t('goneOtherInputsHelp')));
    else body.push(findingList('history-gone', t('gone'), c.gone, lang));
    if (!c.added.length && !c.gone.length) body.push(h('p', {}, t(c.blindBefore || c.blindNow ? 'nothingElseBlind' : 'nothingElse')));
    if (!c.complete) body.push(h('p', { className: 'help' }, t('incomplete', { count: HISTORY_FINDINGS })));
  }
  if (history.state !== 'unavailable' && onForget) {
    body.push(h('button', { type: 'button', className: 'history-forget', onclick: onForget }, t('forget')));
  }
  return h('details', { className: 'history', open: history.state === 'changes' ? true : undefined, dataset: { state: history.state } },
    h('summary', {}, t('heading')),
    ...body,
  );
}
