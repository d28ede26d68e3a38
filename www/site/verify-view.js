// The verify view: "Is it fixed yet?" After a check whose report has a fix,
// it asks public DNS-over-HTTPS resolvers, over and over, whether they serve
// what the fix expects, per record set, with the time left on each cached
// answer, and says when everyone sees it. A browser cannot ask the domain's
// own name servers (no UDP), so the verdict is the resolvers-only one of
// www/lib/verify.js, and the view says so in one line.
//
// The questions go through the worker (verify-worker.js, the live check's
// session and DoH driver); this file keeps the clock: a countdown ticking
// each second, a new look at watchInterval(longest time left), at most
// `limit` seconds of watching (an hour: the words say so). The clock is
// injected (`timing`) so tests need not wait minutes. Only changes of
// state reach the live region, never the ticks.
import { displayText } from '../lib/name-safety.js';
import { sessionMessage } from '../lib/messages.js';
import { RESOLVERS, ResolverError, resolveResolver } from '../lib/doh-driver.js';
import { siteMessage } from '../lib/site-messages.js';
import { expectationsFromReport, resolversSummary, resolversVerdict, watchInterval } from '../lib/verify.js';
import { h } from './render.js';

const DEFAULT_TIMING = { tick: 1, min: 10, max: 300, limit: 3600 };
const PRESETS = ['cloudflare', 'google', 'quad9'];

const bare = (name) => String(name).replace(/\.$/, '');
const positive = (v, fallback) => (Number.isFinite(v) && v > 0 ? v : fallback);

/** "0:42", "4:05": the seconds of a countdown. */
export const clockText = (seconds) => {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/**
 * The record sets a report's fix changes, or null when it has none (no fix, no domain).
 * @returns {{domain: string, expectations: object[]} | null}
 */
export function verifiable(report) {
  const domain = bare(report?.domain ?? '');
  if (!domain) return null;
  try {
    return { domain, expectations: expectationsFromReport(report) };
  } catch {
    return null;
  }
}

/**
 * The view, drawn into the page's #verify section.
 * @param {object} o
 * @param {() => string} o.lang the page's language
 * @param {(job: {domain, records, resolvers, timeoutMs}) => Promise<{results: {resolver, facts}[]} | null>} o.ask
 *   the worker's answer; null when the worker went away
 * @param {() => {custom: string | null, timeoutMs: number, padding: boolean}} o.settings
 *   custom: the resolver URL chosen in the settings, if any
 * @param {{now?: () => number, setInterval?, clearInterval?, tick?: number, min?: number, max?: number, limit?: number}} [o.timing]
 *   now in ms; tick, min, max, limit in seconds
 */
export function createVerifyView({ lang, ask, settings, timing = {} }) {
  const $ = (id) => document.getElementById(id);
  const clock = {
    now: timing.now ?? (() => performance.now()),
    setInterval: timing.setInterval ?? ((f, ms) => setInterval(f, ms)),
    clearInterval: timing.clearInterval ?? ((t) => clearInterval(t)),
    tick: positive(timing.tick, DEFAULT_TIMING.tick),
    min: positive(timing.min, DEFAULT_TIMING.min),
    max: positive(timing.max, DEFAULT_TIMING.max),
    limit: positive(timing.limit, DEFAULT_TIMING.limit),
  };
  const t = (key, values) => siteMessage(`verify.${key}`, lang(), values);
  // phase: asking | waiting | done | stopped | limit | no-resolver
  let job = null; // {domain, expectations, verdicts, summary, phase, deadline, started, seq}
  let resolvers = []; // [{spec, label, on}]
  let ticker = null;
  let seq = 0;
  let spoken = '';

  function resolverList(custom) {
    const list = PRESETS.map((spec) => ({ spec, label: RESOLVERS[spec].label, on: true }));
    if (custom) list.push({ spec: custom, label: resolveResolver(custom).label, on: true });
    for (const r of resolvers) if (!list.some((l) => l.spec === r.spec)) list.push(r);
    // What was ticked off stays off.
    for (const l of list) l.on = resolvers.find((r) => r.spec === l.spec)?.on ?? l.on;
    return list;
  }

  /** Opens the view for `domain` with the fix's record sets, and starts watching. */
  function open({ domain, expectations }) {
    stopTicking();
    let custom = settings().custom;
    try {
      if (custom) resolveResolver(custom);
    } catch {
      custom = null; // not usable: the settings say why when a check uses it
    }
    resolvers = resolverList(custom);
    job = { domain, expectations, verdicts: null, summary: null, phase: 'asking', deadline: 0, started: clock.now(), seq: 0 };
    spoken = '';
    $('verify').hidden = false;
    $('verify-add-error').textContent = '';
    renderResolvers(); // drawn again only when the list changes: a tick must not take a box from under a finger
    render();
    const heading = $('verify-heading');
    heading.focus({ preventScroll: true });
    heading.scrollIntoView({ block: 'start' });
    look();
  }

  function close() {
    stopTicking();
    seq++;
    job = null;
    $('verify').hidden = true;
  }

  function stopTicking() {
    if (ticker !== null) clock.clearInterval(ticker);
    ticker = null;
  }

  async function look() {
    if (!job) return;
    stopTicking();
    const asked = resolvers.filter((r) => r.on);
    if (!asked.length) {
      job.phase = 'no-resolver';
      render();
      return;
    }
    const mine = ++seq;
    job.phase = 'asking';
    render();
    const { timeoutMs, padding } = settings();
    const answer = await ask({ domain: job.domain, records: job.expectations.map(({ name, type }) => ({ name, type })), resolvers: asked.map((r) => r.spec), timeoutMs, padding });
    if (!job || mine !== seq) return; // closed, reopened or asked again meanwhile
    const byResolver = new Map((answer?.results ?? []).map((r) => [r.resolver, r.facts]));
    // Which proxy an answered address is of, as the worker's core said.
    const providers = answer?.providers ?? {};
    const providerOf = (address) => (Object.hasOwn(providers, address) ? providers[address] : '');
    job.verdicts = job.expectations.map((e, i) => ({
      ...resolversVerdict(
        e,
        asked.map((r) => ({ source: r.label, fact: byResolver.get(r.spec)?.[i] ?? undefined })),
        { providerOf },
      ),
      present: e.present,
      absent: e.absent,
      proxied: e.proxied,
      unknowable: e.unknowable,
    }));
    job.summary = resolversSummary(job.verdicts);
    if (job.summary.state === 'seen-by-all') {
      job.phase = 'done';
    } else {
      const wait = watchInterval(job.summary.timeLeft, { min: clock.min, max: Math.max(clock.min, clock.max) });
      const elapsed = (clock.now() - job.started) / 1000;
      if (elapsed + wait > clock.limit) job.phase = 'limit';
      else {
        job.phase = 'waiting';
        job.deadline = clock.now() + wait * 1000;
        ticker = clock.setInterval(onTick, clock.tick * 1000);
      }
    }
    render();
  }

  function onTick() {
    if (!job || job.phase !== 'waiting') return stopTicking();
    if (clock.now() >= job.deadline) look();
    else renderCountdown();
  }

  function stop() {
    if (!job) return;
    stopTicking();
    seq++; // an answer still on its way is not shown as new
    job.phase = 'stopped';
    render();
    $('verify-now').focus();
  }

  function checkNow() {
    if (!job) return;
    // After a stop (or the hour), Check now watches again, for a new hour.
    if (['stopped', 'limit', 'done', 'no-resolver'].includes(job.phase)) job.started = clock.now();
    look();
  }

  function addResolver() {
    const input = $('verify-add-url');
    const text = input.value.trim();
    const err = $('verify-add-error');
    err.textContent = '';
    if (!text) return;
    let resolved;
    try {
      resolved = resolveResolver(text, 'wire');
    } catch (e) {
      if (!(e instanceof ResolverError)) throw e;
      err.textContent = siteMessage(`resolver.${e.code}`, lang(), e.values);
      return;
    }
    if (!resolvers.some((r) => r.spec === text)) resolvers.push({ spec: text, label: resolved.label, on: true });
    input.value = '';
    renderResolvers();
    if (job) checkNow();
  }

  // ---- drawing --------------------------------------------------------------
  function render() {
    if (!job) return;
    $('verify-domain').textContent = t('domain', { domain: job.domain });
    renderStatus();
    renderCountdown();
    renderRecords();
    const running = ['asking', 'waiting'].includes(job.phase);
    $('verify-stop').hidden = !running;
    $('verify').dataset.phase = job.phase;
    $('verify').dataset.state = job.summary?.state ?? '';
  }

  function renderResolvers() {
    $('verify-resolver-list').replaceChildren(
      ...resolvers.map((r) =>
        h(
          'label',
          {},
          h('input', {
            type: 'checkbox',
            checked: r.on,
            onchange: (e) => {
              r.on = e.target.checked;
            },
          }),
          ' ',
          h('span', {}, r.label),
        ),
      ),
    );
  }

  function statusText() {
    const { phase, summary } = job;
    if (phase === 'no-resolver') return t('noResolver');
    if (phase === 'limit') return `${summaryText(summary)} ${t('limit')}`;
    if (phase === 'stopped') return `${summary ? summaryText(summary) + ' ' : ''}${t('stopped')}`;
    if (!summary) return t('asking');
    return summaryText(summary);
  }

  function summaryText({ state, timeLeft }) {
    if (state === 'seen-by-some' || state === 'seen-by-none') return timeLeft === null ? t(`summary.${state}-no-time`) : t(`summary.${state}`, { seconds: timeLeft });
    return t(`summary.${state}`);
  }

  // The live region: said when the state changes, not at each tick.
  function renderStatus() {
    const text = statusText();
    if (text === spoken) return;
    spoken = text;
    $('verify-status').textContent = text;
  }

  function renderCountdown() {
    const box = $('verify-countdown');
    if (job?.phase === 'waiting') box.textContent = t('nextIn', { time: clockText((job.deadline - clock.now()) / 1000) });
    else if (job?.phase === 'asking') box.textContent = t('asking');
    else box.textContent = '';
    box.hidden = !box.textContent;
  }

  function seenText(r) {
    const sep = lang() === 'ja' ? '、' : ', ';
    if (!r.known) {
      const reason = r.reason?.code === 'not-asked' || !r.reason ? t('notAsked') : sessionMessage('reasons', r.reason, lang());
      return t('couldNotAsk', { reason });
    }
    let what;
    const records = r.records.map((d) => displayText(d)).join(sep);
    if (r.matches) what = t('serves');
    else if (r.answer === 'something-else') what = t('somethingElse', { records });
    else if (r.provider) what = t('oldProxy', { records });
    else if (r.records.length) what = t('oldAnswer', { records });
    else what = t('noRecord');
    // How long a resolver may keep an answer that is not the fix yet (its TTL).
    if (!r.matches && r.ttl !== null) what += ` (${t('timeLeft', { seconds: r.ttl })})`;
    return what;
  }

  function verdictText(v) {
    if (v.unknowable) return t('states.unknowable');
    if ((v.state === 'seen-by-some' || v.state === 'seen-by-none') && v.timeLeft === null) return t(`states.${v.state}-no-time`);
    return t(`states.${v.state}`, { seconds: v.timeLeft });
  }

  function expectedLine(e) {
    const sep = lang() === 'ja' ? '、' : ', ';
    const parts = [];
    if (e.present.length) parts.push(t('expected', { records: e.present.join(sep) }));
    if (e.absent.length) parts.push(t('removed', { records: e.absent.join(sep) }));
    if (e.unknowable) parts.push(t('noData'));
    // Only an address or an alias has a proxy state (Cloudflare's orange cloud).
    const proxiable = ['A', 'AAAA', 'CNAME'].includes(e.type);
    const tag = !proxiable ? null : e.proxied === false ? t('dnsOnly') : e.proxied === true ? t('proxied') : null;
    return h('p', { className: 'verify-expected' }, parts.join(' '), tag ? [' ', h('span', { className: 'verify-tag' }, tag)] : null);
  }

  function renderRecords() {
    const list = $('verify-records');
    const rows = job.verdicts ?? job.expectations.map((e) => ({ ...e, state: null, resolvers: [] }));
    list.replaceChildren(
      ...rows.map((v) =>
        h(
          'li',
          { className: 'verify-record', dataset: { state: v.state ?? 'asking', name: v.name, type: v.type } },
          h('h3', {}, `${bare(v.name)} ${v.type}`),
          expectedLine(v),
          v.resolvers.length
            ? h(
                'ul',
                { className: 'verify-resolvers' },
                v.resolvers.map((r) =>
                  h('li', { dataset: { seen: !r.known ? 'unknown' : r.matches ? 'serves' : r.answer === 'something-else' ? 'other' : r.records.length ? 'old' : 'none' } }, h('span', { className: 'verify-source' }, r.source), ': ', seenText(r)),
                ),
              )
            : null,
          v.state ? h('p', { className: 'verify-verdict' }, verdictText(v)) : null,
        ),
      ),
    );
  }

  $('verify-stop').addEventListener('click', stop);
  $('verify-now').addEventListener('click', checkNow);
  $('verify-close').addEventListener('click', close);
  $('verify-add').addEventListener('click', addResolver);
  $('verify-add-url').addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      addResolver();
    }
  });

  return {
    open,
    close,
    /** Draws the view again in the page's language. */
    render: () => {
      spoken = '';
      render();
    },
  };
}
