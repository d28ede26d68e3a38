// The website's page: inputs, settings, progress, and the report rendered
// from the worker's result. All DNS and zone work happens in the worker
// (worker.js); this file only listens and renders. Every string comes from a
// message catalogue; every piece of data reaches the page as a text node.
import { inputMessage, messages, pickLanguage, progressMessage, reportMessage, sessionMessage } from '../lib/messages.js';
import { displayText } from '../lib/name-safety.js';
import { renderPlan, summaryText } from '../lib/report-text.js';
import { resolveResolver, ResolverError } from '../lib/doh-driver.js';
import { formatBytes, siteLanguages, siteMessage } from '../lib/site-messages.js';
import { SYMPTOMS } from '../lib/symptoms.js';
import { MAX_INPUT_BYTES, normaliseDomain } from '../lib/check.js';
import { chosenSessionOptions, loadSettings, saveSettings } from '../lib/settings.js';
import { compareSection, diagnosticsSection, findingsSection, fixSection, h, summarySection, symptomsSection, verdictSection } from './render.js';
import { couldNotCheck, otherResolver } from './could-not-check.js';
import { MAX_DIFF_LINES, cutDiff, renderDiff } from './diff-view.js';
import { checkProgress } from './progress.js';
import { historyChanges, historyEntry } from '../lib/history.js';
import { verdictKey } from '../lib/verdict-words.js';
import { openHistory } from './history-store.js';
import { historySection } from './history-view.js';
import { languageLoaded, loadLanguage } from './words.js';
// The bundled example, as text (build.mjs bundles .txt files so): "Try the example".
import clubExample from '../../examples/club-cloudflare-export.txt';

// A cancelled check whose worker does not confirm within this time (it is
// busy inside the core) is stopped by ending the worker.
const CANCEL_GRACE_MS = 300;
// Inputs above this size leave the worker (and its wasm memory) behind them.
const RECYCLE_AFTER_BYTES = 32 * 1024 * 1024;

const $ = (id) => document.getElementById(id);

// Shown inside another site's frame: any page could frame the hosted site and
// make the visitor's browser ask DNS questions of its choosing. A live check
// then never runs (the hosted build's header frame-ancestors 'none' keeps the
// page out of frames in the first place; this holds where a host drops it).
const framed = () => {
  try {
    return window.top !== window.self;
  } catch {
    return true;
  }
};
// A link that names a domain (#domain=) checks it at once only in the browser
// extension's own copy of the site, which no web page can open or frame; on the
// web it fills in the domain and waits for a press of Check.
const linkChecksAtOnce = () => /^(chrome|moz)-extension:$/.test(location.protocol) && !framed();

const safeName = (s) => String(s ?? '').replace(/\.$/, '').replace(/[^a-z0-9._-]+/gi, '_') || 'mxray';

/** The page's language: the one the person chose here before, else the browser's. */
export const pageLanguage = (settings = loadSettings()) => (siteLanguages.includes(settings.lang) ? settings.lang : pickLanguage(navigator.language));

/**
 * Starts the page. Its language's words must be in (words.js loadLanguage
 * of pageLanguage(): main-hosted.js waits for them).
 * @param {object} host what differs between the hosted and the single-file build
 * @param {() => Worker} host.createWorker a new worker running worker.js
 * @param {() => Promise<WebAssembly.Module>} host.wasmModule the core's wasm, compiled (once) by the page
 * @param {(lang: string, rule: string) => string} host.rulePage the address of a rule's page
 */
export function startApp(host) {
  performance.mark?.('mxray:app-start');
  const settings = loadSettings();
  const state = {
    lang: pageLanguage(settings),
    files: [],
    refused: [], // [{name, kind}]: the files of the last pick that are not zones
    symptoms: new Set(),
    diffLayout: settings.diffLayout === 'side-by-side' ? 'side-by-side' : 'line-by-line',
    result: null, // {report, files}
    run: null, // {id, settle, timer}
    error: null, // {key, values}
    runSeq: 0,
    startSeq: 0,
    focusResults: false,
    note: null, // {key, values}: a visible word under the buttons ("The check was cancelled.")
  };
  const objectUrls = new Set();
  // Picks being looked at by the worker: id -> resolve(kinds | null).
  const looks = new Map();
  let lookSeq = 0;

  // ---- the worker -------------------------------------------------------
  let worker = null;
  function ensureWorker() {
    if (worker) return worker;
    worker = host.createWorker();
    worker.onmessage = (e) => onWorkerMessage(e.data ?? {});
    worker.onerror = (e) => {
      e.preventDefault?.();
      failRun({ key: 'errors.worker-crashed' });
      dropWorker();
      giveUpLooks();
    };
    worker.onmessageerror = () => failRun({ key: 'errors.internal', values: { detail: 'message' } });
    const w = worker;
    // A pick still waiting: an answer from the worker this one replaces never comes.
    for (const [id, look] of looks) w.postMessage({ type: 'look', id, files: look.files });
    host.wasmModule().then(
      (module) => w.postMessage({ type: 'init', module }),
      (e) => {
        if (worker !== w) return;
        failRun({ key: 'errors.core-failed', values: { detail: e?.message ?? String(e) } });
        dropWorker();
        giveUpLooks();
      },
    );
    return worker;
  }
  function dropWorker() {
    worker?.terminate();
    worker = null;
    // The verify view's questions in flight get no answer from it: "could not ask".
    for (const done of verifyAsks.values()) done(null);
    verifyAsks.clear();
  }

  // The verify view's questions, through the worker: id -> resolve(answer | null).
  const verifyAsks = new Map();
  let verifySeq = 0;
  function askVerify(job) {
    const id = ++verifySeq;
    return new Promise((done) => {
      verifyAsks.set(id, done);
      ensureWorker().postMessage({ type: 'verify', id, ...job });
    });
  }

  // A worker whose core cannot start answers no look: the files are taken as
  // they are, and the check says why it cannot run.
  function giveUpLooks() {
    for (const look of looks.values()) look.done(null);
    looks.clear();
  }

  function onWorkerMessage(m) {
    if (m.type === 'verified') {
      verifyAsks.get(m.id)?.(m);
      verifyAsks.delete(m.id);
      return;
    }
    if (m.type === 'looked') {
      performance.mark?.('mxray:looked');
      looks.get(m.id)?.done(m.kinds);
      looks.delete(m.id);
      return;
    }
    if (m.type === 'init-error') {
      failRun({ key: 'errors.core-failed', values: { detail: m.detail } });
      dropWorker();
      giveUpLooks();
      return;
    }
    if (m.type === 'ready' && m.timing && performance.mark) {
      // The worker's moments on this page's clock, for the budget benchmark.
      const at = (epoch) => ({ startTime: Math.max(0, epoch - performance.timeOrigin) });
      performance.mark('mxray:worker-started', at(m.timing.started));
      performance.mark('mxray:core-ready', at(m.timing.ready));
    }
    if (m.type === 'ready' || !state.run || m.id !== state.run.id) return; // a run that was replaced
    if (m.type === 'progress') showProgress(m.progress);
    else if (m.type === 'result') finishRun(m);
    else if (m.type === 'error') {
      failRun(errorKey(m.code, m.values));
      // An unexpected error may have left the core unusable (a wasm abort): start afresh.
      if (m.code === 'internal') dropWorker();
    }
    else if (m.type === 'cancelled') endRun('cancelled');
  }

  function errorKey(code, values = {}) {
    // Files that name no domain: say which, and that they may not be zones at all.
    if (code === 'session.no-domain' && state.files.length) return { key: 'errors.noDomainInFiles', values: { files: state.files.map((f) => displayText(f.name)).join(', ') } };
    if (code.startsWith('session.')) return { session: code.slice(8), values };
    if (code === 'not-a-zone') return { input: values.kind, values };
    if (code.startsWith('resolver.')) return { key: code, values };
    if (code === 'too-large') return { key: 'errors.too-large', values: { size: formatBytes(values.size), limit: formatBytes(values.limit) } };
    return { key: `errors.${code}`, values };
  }

  // The core loads and compiles while the page draws and the person chooses files.
  ensureWorker();

  // ---- static texts and language ------------------------------------------
  function applyLanguage() {
    const lang = state.lang;
    document.documentElement.lang = lang;
    for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = siteMessage(el.dataset.i18n, lang);
    $('language').value = lang;
    renderSymptomChoices();
    renderFileList();
    renderRefused();
    renderError();
    renderNote();
    renderReport();
    renderKept();
    verifyView?.render();
    if (state.run) showProgress(state.run.last ?? { stage: 'start' });
  }

  function renderSymptomChoices() {
    const box = $('symptom-list');
    box.replaceChildren(
      ...SYMPTOMS.map((s) =>
        h('label', {}, h('input', { type: 'checkbox', value: s, checked: state.symptoms.has(s), onchange: onSymptomChange }), ' ', h('span', {}, siteMessage(`symptoms.${s}`, state.lang))),
      ),
    );
  }

  function onSymptomChange(e) {
    if (e.target.checked) state.symptoms.add(e.target.value);
    else state.symptoms.delete(e.target.value);
    // Only the order of the findings and the symptom answers change.
    if (state.result) {
      const report = state.result.report;
      replaceSection('symptoms', symptomsSection(report, viewOptions()));
      replaceSection('findings', findingsSection(report, viewOptions()));
    }
  }

  // ---- files ---------------------------------------------------------------
  /** What the worker's core says each file is ("text" or why it is not a zone); null when it cannot say. */
  function lookAtFiles(files) {
    const id = ++lookSeq;
    return new Promise((done) => {
      looks.set(id, { files, done });
      ensureWorker().postMessage({ type: 'look', id, files });
    });
  }

  // Picks are taken one after the other, in the order they were made.
  let picking = Promise.resolve();
  let picksPending = 0;
  /**
   * Files chosen or dropped. A pick replaces the list, unless `add` (the "Add
   * files" control: a zone and the files its $INCLUDE names). A file that is
   * not a zone is refused with its reason and the rest of the pick goes in; a
   * pick of nothing but refused files leaves the list as it was.
   */
  function pickFiles(list, { add = false } = {}) {
    const files = [...list];
    if (!files.length) return picking;
    picksPending++;
    picking = picking
      .then(() => takeFiles(files, add))
      .catch((e) => setError({ key: 'errors.internal', values: { detail: e?.message ?? String(e) } }))
      .finally(() => picksPending--);
    return picking;
  }

  async function takeFiles(files, add) {
    const kinds = await lookAtFiles(files);
    const accepted = [];
    state.refused = [];
    files.forEach((f, i) => {
      const kind = kinds?.[i] ?? 'text';
      if (kind === 'text') accepted.push(f);
      else state.refused.push({ name: f.name, kind });
    });
    if (accepted.length) {
      if (!add) state.files = [];
      const key = (f) => `${f.name}\u0000${f.size}\u0000${f.lastModified}`;
      const known = new Set(state.files.map(key));
      for (const f of accepted) {
        if (!known.has(key(f))) state.files.push(f);
        known.add(key(f));
      }
    }
    renderFileList();
    renderRefused();
    // Files alone: the offline check runs at once (nothing leaves the machine).
    if (accepted.length && (!$('domain').value.trim() || $('offline').checked)) startCheck({ focus: true });
  }

  function refusalText({ name, kind }) {
    const file = displayText(name);
    if (kind === 'unreadable') return siteMessage('errors.unreadable', state.lang, { file: name });
    if (kind in messages.en.input) return inputMessage(kind, state.lang, file);
    return siteMessage('input.notAZone', state.lang, { file: name, kind });
  }

  function renderRefused() {
    const box = $('refused-files');
    if (!state.refused.length) {
      box.replaceChildren();
      return;
    }
    box.replaceChildren(
      h('p', { className: 'refused-lead' }, siteMessage(state.refused.length === 1 ? 'input.refusedOne' : 'input.refusedMany', state.lang, { count: state.refused.length })),
      h('ul', { className: 'refused-list' }, state.refused.map((r) => h('li', {}, refusalText(r)))),
    );
  }

  function renderFileList() {
    const ul = $('file-list');
    ul.replaceChildren(
      ...state.files.map((f, i) =>
        h(
          'li',
          {},
          h('span', { className: 'file-name' }, f.name),
          ' ',
          h('span', { className: 'file-size' }, formatBytes(f.size)),
          ' ',
          h('button', { type: 'button', className: 'link-button', 'aria-label': siteMessage('input.remove', state.lang, { file: f.name }), onclick: () => removeFile(i) }, '×'),
        ),
      ),
    );
    $('no-files').hidden = state.files.length > 0;
    $('file-actions').hidden = state.files.length === 0;
  }

  function removeFile(i) {
    state.files.splice(i, 1);
    renderFileList();
    $('files').focus();
  }

  // ---- settings -------------------------------------------------------------
  function readResolver() {
    const choice = document.querySelector('input[name="resolver"]:checked')?.value ?? 'cloudflare';
    return choice === 'custom' ? $('resolver-url').value.trim() : choice;
  }

  // Stores a setting the person changed, and nothing else: the others keep
  // their defaults without leaving a trace in the browser.
  function remember(key, value) {
    settings[key] = value;
    saveSettings(settings);
  }

  function restoreSettings() {
    const r = ['cloudflare', 'google', 'custom'].includes(settings.resolver) ? settings.resolver : 'cloudflare';
    const radio = document.querySelector(`input[name="resolver"][value="${r}"]`);
    if (radio) radio.checked = true;
    if (typeof settings.resolverUrl === 'string') $('resolver-url').value = settings.resolverUrl;
    if (Number.isFinite(settings.timeout)) $('timeout').value = String(settings.timeout);
    $('ask-ptr').checked = settings.askPtr === true;
  }

  // ---- a check ---------------------------------------------------------------
  function setError(err) {
    state.error = err;
    renderError();
  }

  function renderError() {
    const err = state.error;
    let text = '';
    if (err?.session) text = sessionMessage('errors', err.session, state.lang, err.values?.detail);
    else if (err?.input) text = inputMessage(err.input, state.lang, displayText(err.values.file));
    else if (err) text = siteMessage(err.key, state.lang, err.values);
    $('form-error').textContent = text;
  }

  /**
   * Starts a check of what the form holds.
   * @param {{focus?: boolean, example?: boolean}} [how] focus: the verdict takes the
   *   focus when the report is in; example: the bundled example, offline, whatever
   *   the domain field holds
   */
  async function startCheck({ focus = true, example = false } = {}) {
    const token = ++state.startSeq;
    // Check pressed while a pick is being looked at: the check is of the files it takes.
    if (picksPending) {
      await picking;
      if (token !== state.startSeq) return; // the pick started its own check
    }
    setError(null);
    setNote(null);
    const typed = example ? '' : $('domain').value.trim();
    const domain = normaliseDomain(typed);
    if (domain === null) {
      setError({ key: 'errors.bad-domain', values: { value: typed } });
      return;
    }
    if (!state.files.length && !domain) {
      setError({ key: 'errors.no-input' });
      return;
    }
    const total = state.files.reduce((n, f) => n + f.size, 0);
    if (total > MAX_INPUT_BYTES) {
      setError({ key: 'errors.too-large', values: { size: formatBytes(total), limit: formatBytes(MAX_INPUT_BYTES) } });
      return;
    }
    const timeout = Number($('timeout').value);
    if (!Number.isFinite(timeout) || timeout < 1 || timeout > 120) {
      setError({ key: 'errors.bad-timeout' });
      return;
    }
    const resolver = readResolver();
    const offline = example || $('offline').checked;
    const live = Boolean(domain) && !(offline && state.files.length);
    if (live && framed()) {
      setError({ key: 'errors.framed' });
      return;
    }
    if (live) {
      try {
        resolveResolver(resolver, 'wire');
      } catch (e) {
        if (!(e instanceof ResolverError)) throw e;
        setError({ key: `resolver.${e.code}`, values: e.values });
        return;
      }
    }
    if (state.run) await cancelRun();
    if (token !== state.startSeq) return; // a later start took over while this one waited
    performance.mark?.('mxray:check-start');
    // The last report goes: what comes next answers the new question.
    releaseUrls();
    state.result = null;
    renderReport();
    const id = ++state.runSeq;
    state.run = { id, example, last: null, started: performance.now(), bytes: total, bar: checkProgress({ files: state.files.length > 0, live }) };
    state.focusResults = focus;
    setRunning(true);
    showProgress({ stage: 'start' });
    announce(siteMessage('status.running', state.lang));
    ensureWorker().postMessage({
      type: 'run',
      id,
      files: [...state.files],
      domain,
      offline,
      resolver,
      timeoutMs: Math.round(timeout * 1000),
      panel: $('panel').value,
      origin: $('origin').value.trim(),
      sessionOptions: chosenSessionOptions(loadSettings()),
    });
  }

  /**
   * Cancels the running check; resolves once it is over (confirmed, or its worker ended).
   * @param {{byPerson?: boolean}} [how] byPerson: Cancel or Escape was pressed (not a
   *   new check taking over): the page then says so and the focus goes to Check
   */
  function cancelRun({ byPerson = false } = {}) {
    const run = state.run;
    if (!run) return Promise.resolve();
    if (byPerson) run.byPerson = true;
    if (run.cancelling) return run.cancelling;
    announce(siteMessage('status.cancelling', state.lang));
    run.cancelling = new Promise((resolve) => {
      run.settle = resolve;
      worker?.postMessage({ type: 'cancel', id: run.id });
      run.timer = setTimeout(() => {
        if (state.run === run) {
          // Busy inside the core: ending the worker is the only way to stop it.
          // A fresh one starts at once, so the next check does not wait for it.
          dropWorker();
          endRun('cancelled');
          ensureWorker();
        }
      }, CANCEL_GRACE_MS);
    });
    return run.cancelling;
  }

  function endRun(how) {
    const run = state.run;
    if (!run) return;
    clearTimeout(run.timer);
    state.run = null;
    setRunning(false);
    if (how === 'cancelled') {
      announce(siteMessage('status.cancelled', state.lang));
      document.body.dataset.state = 'cancelled';
      if (run.byPerson) {
        // Said where the bar was, and the focus goes back to Check (the Cancel
        // button that had it is hidden now).
        setNote({ key: 'status.cancelled' });
        $('check').focus();
      }
    }
    run.settle?.();
  }

  function failRun(err) {
    // A worker that dies between checks is simply started again for the next one.
    if (!state.run && err.key === 'errors.worker-crashed') return;
    endRun('failed');
    setError(err);
    announce(siteMessage('status.failed', state.lang));
    document.body.dataset.state = 'error';
  }

  function finishRun(m) {
    performance.mark?.('mxray:result-received');
    if (m.timing && performance.mark) {
      // The worker's moments on this page's clock, for the budget benchmark.
      const at = (epoch) => ({ startTime: Math.max(0, epoch - performance.timeOrigin) });
      performance.mark('mxray:worker-check-start', at(m.timing.start));
      performance.mark('mxray:worker-check-end', at(m.timing.end));
    }
    const started = state.run?.started;
    const bytes = state.run?.bytes ?? 0;
    const example = state.run?.example ?? false;
    endRun('done');
    // wasm memory only grows: after a big zone, a fresh worker gives it back.
    // (The result's files are Blobs, which outlive the worker that made them.)
    if (bytes > RECYCLE_AFTER_BYTES) {
      dropWorker();
      ensureWorker();
    }
    releaseUrls();
    state.result = { report: m.report, files: m.files };
    renderReport();
    performance.mark?.('mxray:report-rendered');
    if (started !== undefined) state.result.renderMs = performance.now() - started;
    announce(doneText(m.report, state.lang));
    if (state.focusResults) focusVerdict();
    document.body.dataset.state = 'done';
    // The bundled example is nobody's domain: it is not remembered.
    if (!example) rememberCheck(state.result);
  }

  // What the screen reader hears when a report is in: the verdict, then the
  // counts (alone, "0 critical, 0 warnings, 0 info" would pass for all fine
  // when the check could not look).
  function doneText(report, lang) {
    const summary = summaryText(report.summary, lang);
    const verdict = report.verdict?.state;
    if (!verdict) return siteMessage('status.done', lang, { summary });
    const domain = String(report.domain ?? '').replace(/\.$/, '');
    return siteMessage('status.doneVerdict', lang, { verdict: reportMessage(verdictKey(report), lang, { domain }), summary });
  }

  // ---- the last check of each domain, in this browser only ------------------
  // Opened on first use, not at start: the first report does not wait for it.
  let historyStore;
  const history = () => (historyStore ??= openHistory().catch(() => null));

  // Compares the report with the last check of its domain, shows what changed
  // since, and remembers this one in its place.
  async function rememberCheck(result) {
    const entry = historyEntry(result.report, Date.now());
    if (!entry) return;
    const store = await history();
    let shown = { state: 'unavailable' };
    if (store) {
      try {
        const before = await store.get(entry.domain);
        shown = before ? { state: 'changes', changes: historyChanges(before, entry) } : { state: 'first', domain: entry.domain };
        await store.put(entry);
      } catch {
        shown = { state: 'unavailable' };
      }
    }
    if (state.result !== result) return; // a newer check has replaced it
    result.history = shown;
    replaceSection('history', historySection(shown, { lang: state.lang, onForget: forgetChecks }));
    document.body.dataset.history = shown.state;
    renderKept();
  }

  async function forgetChecks() {
    const store = await history();
    try {
      await store?.clear();
    } catch {
      // Nothing else to do: the count below says what is still kept.
    }
    if (state.result?.history) {
      state.result.history = null;
      replaceSection('history', null);
    }
    setNote({ key: 'history.forgotten' });
    announce(siteMessage('history.forgotten', state.lang));
    document.body.dataset.history = 'forgotten';
    await renderKept();
    ($('settings').open ? $('history-forget') : $('check')).focus();
  }

  // The settings say how many checks this browser keeps (read when they are open).
  async function renderKept() {
    if (!$('settings').open) return;
    const store = await history();
    let text;
    if (!store) text = siteMessage('history.unavailable', state.lang);
    else {
      const count = await store.count().catch(() => 0);
      text = count ? siteMessage('history.kept', state.lang, { count }) : siteMessage('history.none', state.lang);
    }
    $('history-kept').textContent = text;
  }

  // The report is in: its verdict takes the focus and scrolls to the top of the
  // window, so that what was found is the first thing seen (and heard).
  function focusVerdict() {
    const target = document.querySelector('#report [data-section="verdict"]') ?? $('results');
    if (!target.hasAttribute('tabindex')) target.tabIndex = -1;
    target.focus({ preventScroll: true });
    const still = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    target.scrollIntoView({ block: 'start', behavior: still ? 'auto' : 'smooth' });
  }

  // A word under the buttons that stays until the next check: "The check was cancelled."
  function setNote(note) {
    state.note = note;
    renderNote();
  }

  function renderNote() {
    const box = $('run-note');
    box.textContent = state.note ? siteMessage(state.note.key, state.lang, state.note.values) : '';
    box.hidden = !state.note;
  }

  function setRunning(on) {
    $('check').disabled = on;
    $('cancel').hidden = !on;
    $('progress-box').hidden = !on;
    document.body.dataset.state = on ? 'running' : 'idle';
    if (on) $('results').setAttribute('aria-busy', 'true');
    else $('results').removeAttribute('aria-busy');
  }

  // Progress messages can come by the hundred: the bar is drawn once a frame.
  let frame = 0;
  function showProgress(p) {
    if (!state.run) return;
    state.run.last = p;
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      if (state.run) drawProgress(state.run.last);
    });
  }

  // The bar is the whole check's (progress.js): it never starts over when a new
  // round of DNS questions begins; the text says what is being done.
  function drawProgress(p) {
    const bar = $('progress');
    const lang = state.lang;
    let text;
    if (p.stage === 'read') {
      const percent = p.total ? Math.floor((p.loaded / p.total) * 100) : 100;
      text = siteMessage('progress.reading', lang, { file: p.file, percent });
    } else if (p.stage === 'dns') {
      text = progressMessage(p, lang);
    } else if (p.stage === 'report') {
      text = siteMessage('progress.report', lang);
    } else {
      text = siteMessage('progress.starting', lang);
    }
    const now = state.run.bar.next(p);
    const max = 100;
    bar.setAttribute('aria-valuemax', String(max));
    if (now === null) {
      bar.removeAttribute('aria-valuenow');
      bar.removeAttribute('aria-valuetext');
      bar.classList.add('indeterminate');
    } else {
      bar.setAttribute('aria-valuenow', String(now));
      bar.setAttribute('aria-valuetext', text);
      bar.classList.remove('indeterminate');
      bar.firstElementChild.style.width = `${now}%`;
    }
    bar.dataset.stage = p.stage;
    $('progress-text').textContent = text;
  }

  function announce(text) {
    $('status').textContent = text;
  }

  // ---- the report --------------------------------------------------------
  const viewOptions = () => ({ lang: state.lang, symptoms: state.symptoms, rulePage: host.rulePage });

  function replaceSection(name, node) {
    const slot = document.querySelector(`#report > [data-section="${name}"]`);
    if (slot) slot.replaceChildren(...(node ? [node] : []));
  }

  function renderReport() {
    const root = $('report');
    $('results-empty').hidden = Boolean(state.result);
    if (!state.result) {
      root.replaceChildren();
      return;
    }
    const { report } = state.result;
    const opts = viewOptions();
    const slot = (name, node) => h('div', { dataset: { section: name } }, node);
    const { section: fix, diffSlot } = fixSection(report, { lang: state.lang, diffControls: diffControls(), downloads: downloadList() });
    root.replaceChildren(
      slot('verdict', verdictSection(report, { lang: state.lang, ...failedCheck(report) })),
      slot('history', historySection(state.result.history, { lang: state.lang, onForget: forgetChecks })),
      slot('summary', summarySection(report, opts)),
      slot('diagnostics', diagnosticsSection(report, opts)),
      slot('symptoms', symptomsSection(report, opts)),
      slot('findings', findingsSection(report, opts)),
      slot('compare', compareSection(report, opts)),
      slot('fix', fix),
      slot('verify', verifyAction(report)),
    );
    // The full diff is folded: drawn (and its renderer, diff2html, loaded) when
    // first opened, not with the report.
    if (diffSlot) {
      const fold = diffSlot.closest('details');
      const draw = () => {
        if (fold.open && !diffSlot.hasChildNodes()) drawDiff(diffSlot);
      };
      fold.addEventListener('toggle', draw);
      draw();
    }
  }

  // "Is it fixed yet?" next to the fix: the verify view for this check's fix (verify-view.js).
  function verifyAction(report) {
    const edits = report.fix?.edits ?? (report.findings ?? []).flatMap((f) => f?.edits ?? []);
    if (!report.domain || !edits.length || framed()) return null;
    return h(
      'div',
      { className: 'verify-action' },
      h('button', { type: 'button', id: 'verify-open', 'aria-describedby': 'verify-open-help', onclick: () => openVerify(report).catch((e) => setError({ key: 'errors.internal', values: { detail: e?.message ?? String(e) } })) }, siteMessage('verify.action', state.lang)),
      h('p', { id: 'verify-open-help', className: 'help' }, siteMessage('verify.actionHelp', state.lang)),
    );
  }

  // Most questions unanswered: the same check again with the next preset
  // resolver, in one click (the choice shows in the settings, and is not stored).
  function failedCheck(report) {
    const failed = couldNotCheck(report);
    if (!failed) return {};
    const other = otherResolver(failed.resolver);
    if (!other) return { failed };
    const onClick = () => {
      const radio = document.querySelector(`input[name="resolver"][value="${other.name}"]`);
      if (radio) radio.checked = true;
      startCheck({ focus: true });
    };
    return { failed, other: { label: other.label, onClick } };
  }

  function diffText() {
    return (state.result.report.fix?.zones ?? []).filter((z) => z.changed).map((z) => z.diff).join('');
  }

  function drawDiff(slot) {
    const cut = cutDiff(diffText(), MAX_DIFF_LINES);
    const view = h('div', { className: 'd2h-host' });
    renderDiff(view, cut.text, state.diffLayout, siteMessage('results.diffTitle', state.lang));
    const note = cut.shown < cut.lines ? h('p', { className: 'warning-text' }, siteMessage('results.diffTooLong', state.lang, { lines: cut.lines, shown: cut.shown })) : null;
    slot.replaceChildren(...[note, view].filter(Boolean));
  }

  function diffControls() {
    const name = 'diff-layout';
    const option = (value, key) =>
      h('label', {}, h('input', { type: 'radio', name, value, checked: state.diffLayout === value, onchange: onLayout }), ' ', siteMessage(key, state.lang));
    return h('fieldset', { className: 'diff-layout' }, h('legend', {}, siteMessage('results.diffLayout', state.lang)), option('line-by-line', 'results.unified'), option('side-by-side', 'results.sideBySide'));
  }

  function onLayout(e) {
    state.diffLayout = e.target.value;
    remember('diffLayout', state.diffLayout);
    const slot = document.querySelector('.diff-view');
    if (slot?.hasChildNodes()) drawDiff(slot);
  }

  // The files of the fix, each with Download and Copy.
  function downloadList() {
    const { report, files } = state.result;
    const lang = state.lang;
    const domain = safeName(report.domain);
    const fix = report.fix ?? {};
    const items = [];
    for (const z of files.zones ?? []) {
      if (!z.changed) continue;
      const base = String(z.file).replace(/^.*[\\/]/, '');
      items.push({ what: siteMessage('results.file.zone', lang, { file: base }), name: `fixed-${safeName(base)}`, blob: z.blob });
    }
    if (files.diff) items.push({ what: siteMessage('results.file.diff', lang), name: `${domain}.diff`, blob: files.diff });
    if (files.cloudflareImport) items.push({ what: siteMessage('results.file.import', lang), name: `${domain}-cloudflare-import-add.txt`, blob: files.cloudflareImport });
    if (fix.cloudflare_batch) {
      const json = JSON.stringify(fix.cloudflare_batch, null, 2) + '\n';
      items.push({ what: siteMessage('results.file.batch', lang), name: `${domain}-cloudflare-batch.json`, blob: new Blob([json], { type: 'application/json' }) });
    }
    if (fix.curl) items.push({ what: siteMessage('results.file.curl', lang), name: `${domain}-cloudflare-batch.sh`, blob: new Blob([fix.curl], { type: 'text/plain;charset=utf-8' }) });
    const plan = renderPlan(report, { lang }).join('\n') + '\n';
    items.push({ what: siteMessage('results.file.plan', lang), name: `${domain}-plan.txt`, blob: new Blob([plan], { type: 'text/plain;charset=utf-8' }) });
    return h(
      'ul',
      { className: 'downloads' },
      items.map((it) =>
        h(
          'li',
          {},
          h('span', { className: 'download-what' }, it.what),
          h(
            'span',
            { className: 'download-actions' },
            h('button', { type: 'button', 'aria-label': siteMessage('results.downloadOf', lang, { what: it.what }), onclick: () => download(it) }, siteMessage('results.download', lang)),
            h('button', { type: 'button', 'aria-label': siteMessage('results.copyOf', lang, { what: it.what }), onclick: () => copy(it) }, siteMessage('results.copy', lang)),
          ),
        ),
      ),
    );
  }

  function download({ blob, name }) {
    const url = URL.createObjectURL(blob);
    objectUrls.add(url);
    const a = h('a', { href: url, download: name, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    // The browser has taken the file by then; the URL goes with the next report at the latest.
    setTimeout(() => {
      URL.revokeObjectURL(url);
      objectUrls.delete(url);
    }, 60_000);
  }

  function releaseUrls() {
    for (const url of objectUrls) URL.revokeObjectURL(url);
    objectUrls.clear();
  }

  async function copy({ blob, what }) {
    const lang = state.lang;
    try {
      const text = await blob.text();
      if (navigator.clipboard?.writeText) await navigator.clipboard.writeText(text);
      else throw new Error('no clipboard');
      announce(siteMessage('results.copied', lang, { what }));
    } catch (e) {
      announce(siteMessage('results.copyFailed', lang, { detail: e?.message ?? String(e) }));
    }
  }

  // ---- wiring -----------------------------------------------------------------
  restoreSettings();
  // The view's code comes when first wanted (the build splits it out): a first check does not load it.
  let verifyView = null;
  let verifyModule = null;
  async function openVerify(report) {
    const { createVerifyView, verifiable } = await (verifyModule ??= import('./verify-view.js'));
    verifyView ??= createVerifyView(verifyOptions);
    const found = verifiable(report);
    if (found) verifyView.open(found);
  }
  const verifyOptions = {
    lang: () => state.lang,
    ask: askVerify,
    settings: () => {
      const timeout = Number($('timeout').value);
      const chosen = readResolver(); // a preset is asked anyway; a URL of the settings is added
      return {
        custom: chosen === 'cloudflare' || chosen === 'google' ? null : chosen || null,
        timeoutMs: Number.isFinite(timeout) && timeout >= 1 && timeout <= 120 ? Math.round(timeout * 1000) : 5000,
        padding: chosenSessionOptions(loadSettings()).padding,
      };
    },
    // Tests shorten the intervals (tests/e2e/verify.test.mjs); seconds.
    timing: globalThis.mxrayVerifyTiming ?? {},
  };
  // The other languages' words come in when the page has nothing else to do
  // (the build splits them out: words.js), so a switch is shown at once.
  const fetchOtherLanguages = () => {
    for (const l of siteLanguages) if (!languageLoaded(l)) loadLanguage(l).catch(() => {});
  };
  if (!siteLanguages.every(languageLoaded)) (window.requestIdleCallback ?? setTimeout)(fetchOtherLanguages, { timeout: 2000 });
  let switching = Promise.resolve();
  $('language').addEventListener('change', (e) => {
    const lang = siteLanguages.includes(e.target.value) ? e.target.value : 'en';
    remember('lang', lang);
    const show = () => {
      if ($('language').value !== lang) return; // switched again meanwhile
      state.lang = lang;
      applyLanguage();
    };
    // Words not in yet (a switch the moment the page loaded): shown once they are.
    if (languageLoaded(lang)) show();
    else switching = switching.then(() => loadLanguage(lang)).then(show, () => show());
  });
  $('files').addEventListener('change', (e) => {
    pickFiles(e.target.files);
    e.target.value = '';
  });
  $('add-files').addEventListener('click', () => $('add-files-input').click());
  $('add-files-input').addEventListener('change', (e) => {
    pickFiles(e.target.files, { add: true });
    e.target.value = '';
  });
  $('clear-files').addEventListener('click', () => {
    state.files = [];
    state.refused = [];
    renderFileList();
    renderRefused();
    $('files').focus();
  });
  const zone = $('dropzone');
  for (const type of ['dragenter', 'dragover']) {
    document.addEventListener(type, (e) => {
      if (!e.dataTransfer?.types?.includes('Files')) return;
      e.preventDefault(); // else the browser opens the dropped file in place of the page
      e.dataTransfer.dropEffect = 'copy';
      zone.classList.add('dragging');
    });
  }
  document.addEventListener('dragleave', (e) => {
    if (!e.relatedTarget) zone.classList.remove('dragging');
  });
  document.addEventListener('drop', (e) => {
    if (!e.dataTransfer?.types?.includes('Files')) return;
    e.preventDefault();
    zone.classList.remove('dragging');
    pickFiles(e.dataTransfer.files);
  });
  $('check-form').addEventListener('submit', (e) => {
    e.preventDefault();
    startCheck({ focus: true });
  });
  $('cancel').addEventListener('click', () => cancelRun({ byPerson: true }));
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && state.run) cancelRun({ byPerson: true });
  });
  // The bundled example, offline: the list holds it alone, as after a pick.
  $('try-example').addEventListener('click', async () => {
    const file = new File([clubExample], 'club-cloudflare-export.txt', { type: 'text/plain' });
    state.files = [file];
    state.refused = [];
    renderFileList();
    renderRefused();
    await startCheck({ focus: true, example: true });
  });
  $('resolver-url').addEventListener('change', () => {
    remember('resolverUrl', $('resolver-url').value.trim());
    if ($('resolver-custom').checked) remember('resolver', 'custom');  // typing a URL chose it
  });
  $('timeout').addEventListener('change', () => remember('timeout', Number($('timeout').value) || 5));
  $('settings').addEventListener('toggle', () => renderKept());
  $('history-forget').addEventListener('click', () => forgetChecks());
  $('ask-ptr').addEventListener('change', () => remember('askPtr', $('ask-ptr').checked));
  for (const r of document.querySelectorAll('input[name="resolver"]')) r.addEventListener('change', () => remember('resolver', r.value));
  $('resolver-url').addEventListener('input', () => {
    if ($('resolver-url').value.trim()) $('resolver-custom').checked = true;
  });

  // A link may name the domain: index.html#domain=example.com fills it in; a
  // press of Check then checks it live with the resolver of the settings. Only
  // the extension's own copy checks at once (its "Full report" opens it so; see
  // linkChecksAtOnce). Nothing is stored.
  function checkFromLink() {
    const domain = new URLSearchParams(location.hash.slice(1)).get('domain');
    if (!domain || state.files.length) return;
    $('domain').value = domain;
    if (linkChecksAtOnce()) {
      startCheck({ focus: true });
      return;
    }
    const named = normaliseDomain(domain);
    if (named && !framed()) setNote({ key: 'status.fromLink', values: { domain: named } });
  }
  window.addEventListener('hashchange', checkFromLink);

  applyLanguage();
  document.body.dataset.state = 'idle';
  checkFromLink();
  return { state };
}
