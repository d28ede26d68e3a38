// The extension's popup: the active tab's registrable domain, checked live
// over DNS-over-HTTPS with the same core and driver as the website
// (www/lib/check.js runCheck), summed up in a verdict, the counts and the top
// findings. "Full report" opens the website bundled in the extension
// (site/index.html#domain=…), which checks again and shows everything.
//
// The tab's address comes from chrome.tabs with the activeTab grant a click
// on the toolbar button gives. popup.html?url=ADDRESS checks that address in
// place of the tab's (the tests open the popup so, in a tab of its own).
import PSL from 'mxray:psl';
import { RESOLVERS } from '../lib/doh-driver.js';
import { createSuffixList } from '../lib/psl.js';
import { chosenResolver, chosenSessionOptions, chosenTimeout, loadSettings } from '../lib/settings.js';
import { normaliseDomain } from '../lib/check.js';
import { displayText, nameWarnings } from '../lib/name-safety.js';
import { extensionLanguages, extensionMessage } from '../lib/extension-messages.js';
import { languageLoaded, loadLanguage } from '../site/words.js';
import { tabDomain } from './tab-domain.js';

/** Findings the popup lists; the full report has the rest. */
const TOP_FINDINGS = 3;
/** Changes the popup says, one sentence each; the full report has the rest. */
const TOP_CHANGES = 3;

const $ = (id) => document.getElementById(id);
// Firefox's promise-based `browser`, else Chrome's `chrome` (promises in MV3); none on a plain page.
const ext = globalThis.browser ?? globalThis.chrome;
// messages.js pickLanguage, which would bring that module and its words into
// the first paint's script: the same rule.
const pickLanguage = (locale) => (String(locale || '').toLowerCase().startsWith('ja') ? 'ja' : 'en');
const settings = loadSettings();
const lang = extensionLanguages.includes(settings.lang) ? settings.lang : pickLanguage(navigator.language);
const t = (path, values) => extensionMessage(path, lang, values);
// The settings' resolver, until "Check again with …" picks the next preset for this popup.
let resolver = chosenResolver(settings);
const suffixes = createSuffixList(PSL.rules);

// The first paint needs only this script; what a check needs (the core's
// loader, the check, a report's words: popup-check.js) is fetched at once,
// beside the popup's words when they are not English (words.js).
let lib = null; // popup-check.js, once in
const libReady = import('./popup-check.js').then(async (m) => {
  if (!languageLoaded(lang)) await loadLanguage(lang);
  lib = m;
  return m;
});
// The core loads while the popup asks for the tab.
const coreReady = libReady.then((m) => m.createMxrayCore({ locateFile: (file) => new URL(`site/${file}`, location.href).href }));
coreReady.catch(() => {}); // reported when a check needs it

let running = null; // the AbortController of the check under way
let checked = null; // the domain of the last report

function applyTexts() {
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  document.title = t('popup.title');
  showResolver();
  $('psl').textContent = t('popup.psl', { date: PSL.date });
  $('psl').title = `publicsuffix ${PSL.version}`;
}

function showResolver() {
  const preset = RESOLVERS[resolver];
  $('resolver').textContent = t('popup.resolver', { name: preset ? preset.label : hostOf(resolver) });
}

function hostOf(url) {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

async function tabUrl() {
  const given = new URLSearchParams(location.search).get('url');
  if (given !== null) return given;
  const tabs = ext?.tabs;
  if (!tabs) return undefined;
  try {
    const [tab] = await tabs.query({ active: true, currentWindow: true });
    return tab?.url;
  } catch {
    return undefined;
  }
}

function showProblem(found) {
  const box = $('tab-problem');
  box.hidden = false;
  box.textContent = t(`popup.tab.${found.problem}`, { scheme: found.scheme, host: found.host });
  document.body.dataset.state = 'no-domain';
  $('domain').focus();
}

function showProgress(p) {
  let text;
  if (p.stage === 'dns') text = lib.progressMessage(p, lang);
  else if (p.stage === 'report') text = t('popup.report');
  else text = t('popup.checking', { domain: p.domain });
  $('progress').textContent = text;
}

async function check(domain) {
  running?.abort();
  const controller = new AbortController();
  running = controller;
  $('error').textContent = '';
  $('result').hidden = true;
  $('check').disabled = true;
  document.body.dataset.state = 'running';
  showProgress({ stage: 'start', domain });
  try {
    const core = await coreReady.catch((e) => {
      throw lib ? new lib.CheckError('core-failed', { detail: e?.message ?? String(e) }) : e;
    });
    const { report } = await lib.runCheck(core, {
      domain,
      resolver,
      timeoutMs: chosenTimeout(settings) * 1000,
      sessionOptions: chosenSessionOptions(settings),
      signal: controller.signal,
      onProgress: (p) => {
        if (running === controller) showProgress({ ...p, domain });
      },
    });
    if (running !== controller) return;
    checked = domain;
    showReport(report);
    document.body.dataset.state = 'done';
  } catch (e) {
    if (running !== controller) return;
    $('error').textContent = errorText(e);
    document.body.dataset.state = 'error';
  } finally {
    if (running === controller) {
      running = null;
      $('check').disabled = false;
      $('progress').textContent = '';
    }
  }
}

function errorText(e) {
  if (!lib) return e?.message ?? String(e); // popup-check.js itself did not load: no words to say it in
  if (!(e instanceof lib.CheckError)) return lib.siteMessage('errors.internal', lang, { detail: e?.message ?? String(e) });
  if (e.code.startsWith('session.')) return lib.sessionMessage('errors', e.code.slice(8), lang, e.values?.detail);
  if (e.code.startsWith('resolver.')) return lib.siteMessage(e.code, lang, e.values);
  return lib.siteMessage(`errors.${e.code}`, lang, e.values);
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children.map((c) => (c instanceof Node ? c : document.createTextNode(String(c)))));
  return node;
}

function showReport(report) {
  const summary = report.summary ?? {};
  const domain = String(report.domain ?? checked).replace(/\.$/, '');
  // The core's verdict; a report without one (an older core) is read from its counts.
  const state = report.verdict?.state ?? (summary.critical ? 'broken' : summary.warning ? 'at-risk' : 'fine');
  const verdict = $('verdict');
  // At risk when the check could not look at everything: never "works" (www/lib/verdict-words.js).
  const blindVerdict = report.verdict && lib.verdictKey(report).startsWith('report.verdictBlind.');
  verdict.textContent = displayText(t(`popup.${blindVerdict ? 'verdictBlind' : 'verdict'}.${state}`, { domain }));
  verdict.className = `verdict verdict-${state}`;
  verdict.dataset.state = state;
  $('counts').replaceChildren(
    ...lib.SEVERITIES.map((s) =>
      el('li', { className: `count sev-${s}${summary[s] ? '' : ' zero'}` }, el('span', { className: 'count-number' }, String(summary[s] ?? 0)), ' ', lib.siteMessage(`results.counts.${s}`, lang, { count: summary[s] ?? 0 })),
    ),
  );
  const unknown = report.stats?.unknown ?? 0;
  $('unknown').hidden = !unknown;
  $('unknown').textContent = unknown ? t('popup.unknown', { count: unknown }) : '';
  // What else the check could not look at (a limit reached, ...): the reasons, never "Could not tell" alone.
  const blind = lib.blindLines(report, lang);
  $('blind').hidden = !blind.length;
  $('blind-title').textContent = lib.reportMessage('report.blindTitle', lang);
  $('blind-list').replaceChildren(...blind.map((line) => el('li', {}, displayText(line))));
  const findings = [...(report.findings ?? [])].sort((a, b) => lib.SEVERITIES.indexOf(a.severity) - lib.SEVERITIES.indexOf(b.severity));
  const top = findings.slice(0, TOP_FINDINGS);
  $('top-title').hidden = !top.length;
  $('findings').replaceChildren(
    ...top.map((f) =>
      el(
        'li',
        { className: `finding sev-${f.severity}` },
        el('span', { className: 'severity' }, lib.reportMessage(`report.severity.${f.severity}`, lang)),
        ' ',
        el('span', { className: 'headline' }, displayText(lib.findingMessage(f, lang))),
      ),
    ),
  );
  const more = findings.length - top.length;
  $('more').hidden = more <= 0;
  $('more').textContent = more > 0 ? t('popup.more', { count: more }) : '';
  showAnswer(report);
  showCouldNotCheck(report);
  $('result').hidden = false;
}

// What to do, right under the verdict: where, then one sentence per change
// in the words of the panel that serves the DNS (www/lib/answer.js).
function showAnswer(report) {
  const panel = lib.servingPanel(report);
  const sentences = lib.changeSentences(report, { lang, panel });
  $('answer').hidden = !sentences.length;
  $('answer-where').textContent = !sentences.length ? '' : panel === 'cloudflare' ? t('popup.where.cloudflare') : panel ? t('popup.where.panel', { panel: report.panel?.name ?? panel }) : t('popup.where.unknown');
  $('answer-changes').replaceChildren(...sentences.slice(0, TOP_CHANGES).map((s) => el('li', {}, s)));
  // A value the fix needs and the input does not tell: the likely one, to check, never filled in.
  const needed = sentences.length ? lib.neededAddress(report) : null;
  $('answer-address').hidden = !needed;
  $('answer-address').textContent = !needed
    ? ''
    : t(needed.address ? 'popup.likelyAddress' : 'popup.unknownAddress', { placeholder: lib.placeholderWords(needed.placeholder, lang), address: needed.address ?? '' });
  const more = sentences.length - TOP_CHANGES;
  $('answer-more').hidden = more <= 0;
  $('answer-more').textContent = more > 0 ? t('popup.changesMore', { count: more }) : '';
}

// Most questions unanswered: say so, name the resolver and the cause, and
// offer the next preset resolver in one click (for this popup; not stored).
function showCouldNotCheck(report) {
  const failed = lib.couldNotCheck(report);
  const other = failed ? lib.otherResolver(failed.resolver) : null;
  $('could-not-check').hidden = !failed;
  // Nothing was checked: no 0 / 0 / 0 that could pass for "all fine".
  $('counts').hidden = Boolean(failed);
  if (!failed) return;
  $('unknown').hidden = true;
  $('blind').hidden = true;
  $('could-not-check-why').textContent = displayText(
    lib.siteMessage('results.couldNotCheckWhy', lang, { resolver: failed.resolver, reason: lib.sessionMessage('reasons', failed.reason, lang), count: failed.count, questions: failed.questions }),
  );
  const button = $('other-resolver');
  button.hidden = !other;
  if (!other) return;
  button.textContent = lib.siteMessage('results.otherResolver', lang, { resolver: other.label });
  button.onclick = () => {
    resolver = other.name;
    showResolver();
    check(checked);
  };
}

function openFullReport() {
  const url = new URL(`site/index.html#domain=${encodeURIComponent(checked)}`, location.href).href;
  const tabs = ext?.tabs;
  if (tabs?.create) tabs.create({ url }).then(() => window.close(), () => window.open(url, '_blank'));
  else window.open(url, '_blank');
}

$('form').addEventListener('submit', (e) => {
  e.preventDefault();
  const typed = $('domain').value.trim();
  const domain = normaliseDomain(typed);
  if (!domain) {
    libReady.then((l) => ($('error').textContent = l.siteMessage('errors.bad-domain', lang, { value: typed })), (e) => ($('error').textContent = errorText(e)));
    return;
  }
  $('tab-problem').hidden = true;
  check(domain);
});
$('full-report').addEventListener('click', openFullReport);
$('options').addEventListener('click', (e) => {
  const runtime = ext?.runtime;
  if (!runtime?.openOptionsPage) return; // the link opens options.html itself
  e.preventDefault();
  runtime.openOptionsPage().then(() => window.close(), () => {});
});

// The popup's own words in its language before it shows any (English is in this script).
if (!languageLoaded(lang)) await loadLanguage(lang).catch(() => {});
applyTexts();
const found = tabDomain(await tabUrl(), suffixes);
if (found.problem) showProblem(found);
else {
  $('domain').value = found.domain;
  if (found.host !== found.domain) $('from-tab').textContent = t('popup.fromTab', { host: found.host });
  // A tab whose domain imitates another (Cyrillic "а" for Latin "a"): say so first.
  const lookalike = nameWarnings(found.domain).find((w) => w.code === 'lookalike' || w.code === 'mixed-script');
  // Its words come with popup-check.js, before the check can start.
  if (lookalike) {
    libReady.then(
      (l) => {
        $('lookalike').hidden = false;
        $('lookalike').textContent = `${found.domain}: ${l.warningText(lookalike, lang)}`;
      },
      () => {},
    );
  }
  check(found.domain);
}
