// The DNS-over-HTTPS driver: the I/O half of a live check. The Session (C++,
// sans-I/O) says which questions it needs; this loop fetches them from a DoH
// resolver, feeds every answer or failure back, and repeats round after round
// until the Session is done.
//
// One file for the website, the MV3 extension and the Node CLI, so it uses
// only what all three have: fetch, AbortController, URL, TextDecoder and
// Uint8Array. Requests are GET with a CORS-safelisted `accept` header, so a
// browser sends no preflight (RFC 8484 §4.1; dnsdist and kresd answer
// OPTIONS with 400/501).

/**
 * Public DoH resolvers the shells offer by name. `wire` takes RFC 8484
 * `?dns=` queries; `json` takes `?name=&type=` (each provider's JSON API).
 */
export const RESOLVERS = Object.freeze({
  cloudflare: Object.freeze({
    label: 'Cloudflare (1.1.1.1)',
    wire: 'https://cloudflare-dns.com/dns-query',
    json: 'https://cloudflare-dns.com/dns-query',
  }),
  google: Object.freeze({
    label: 'Google Public DNS (8.8.8.8)',
    wire: 'https://dns.google/dns-query',
    json: 'https://dns.google/resolve',
  }),
  // RFC 8484 wire format only: no JSON endpoint is offered here. `http2`: it
  // answers DoH over HTTP/2 only (docs/sources.md#doh-wire); the CLI asks it
  // with www/cli/doh-http2.mjs, a browser's fetch speaks HTTP/2 by itself.
  quad9: Object.freeze({
    label: 'Quad9 (9.9.9.9)',
    wire: 'https://dns.quad9.net/dns-query',
    http2: true,
  }),
});

// `max`: the most bytes the core takes of an answer (a DNS message is at most
// 65,535 octets, RFC 1035 §4.2.2 and core/dns/message; DoH JSON at most
// kMaxDohJsonBytes, core/doh/json.h). The driver reads one byte more and
// stops there, so the core refuses a longer answer by its own rule
// ("too-large") and a resolver that streams without end costs nothing.
const FORMATS = {
  wire: { accept: 'application/dns-message', types: ['application/dns-message'], max: 65535 },
  // Google has answered its JSON API as application/json and, earlier, as
  // application/x-javascript; Cloudflare as application/dns-json.
  json: { accept: 'application/dns-json', types: ['application/dns-json', 'application/json', 'application/x-javascript'], max: 1 << 20 },
};

/** Rounds a session may take before runSession gives up on it. */
export const MAX_ROUNDS = 64;

/**
 * Turns a resolver choice into the URL to query.
 * @param {string | {label?: string, wire: string, json?: string}} spec
 *   a preset name from RESOLVERS ('cloudflare', 'google'), a preset object,
 *   or any https URL of a DoH endpoint.
 * @param {'wire' | 'json'} [format] RFC 8484 wire format (default) or JSON.
 * @returns {{url: string, format: 'wire' | 'json', label: string, http2?: true}} http2: the
 *   preset answers over HTTP/2 only (a shell whose fetch speaks HTTP/1.1 asks it otherwise)
 * @throws {Error} on an unknown preset, a format the preset lacks, or a URL
 *   that is not https (DoH is HTTPS only, RFC 8484 §5).
 */
/**
 * A resolver choice that cannot be used. `code` names the problem
 * (bad-doh-format, no-endpoint, bad-spec, unknown-resolver, not-a-url,
 * not-https) and `values` fill its words (cli-messages.js `resolver.*`, and
 * the site's catalogue): shells show their own language, never this English.
 */
export class ResolverError extends Error {
  constructor(code, values, message) {
    super(message);
    this.name = 'ResolverError';
    this.code = code;
    this.values = values;
  }
}

export function resolveResolver(spec = 'cloudflare', format = 'wire') {
  if (!Object.hasOwn(FORMATS, format)) {
    throw new ResolverError('bad-doh-format', { value: format }, `unknown DoH format "${format}" (use "wire" or "json")`);
  }
  let preset = null;
  if (typeof spec === 'string' && Object.hasOwn(RESOLVERS, spec.toLowerCase())) preset = RESOLVERS[spec.toLowerCase()];
  else if (spec && typeof spec === 'object') preset = spec;
  if (preset) {
    if (!preset[format]) {
      const value = preset.label ?? JSON.stringify(preset);
      throw new ResolverError('no-endpoint', { value, format }, `resolver ${value} has no ${format} endpoint`);
    }
    const http2 = preset.http2 === true ? { http2: true } : {};
    return { url: checkedUrl(preset[format]), format, label: preset.label ?? new URL(preset[format]).host, ...http2 };
  }
  if (typeof spec !== 'string') throw new ResolverError('bad-spec', {}, 'resolver must be a preset name or an https URL');
  if (!/^[a-z][a-z0-9+.-]*:/i.test(spec)) {
    const presets = Object.keys(RESOLVERS).join(', ');
    throw new ResolverError('unknown-resolver', { value: spec, presets }, `unknown resolver "${spec}": use ${presets} or an https URL`);
  }
  const url = checkedUrl(spec);
  return { url, format, label: new URL(url).host };
}

function checkedUrl(text) {
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new ResolverError('not-a-url', { value: text }, `resolver URL is not a URL: ${text}`);
  }
  if (url.protocol !== 'https:') throw new ResolverError('not-https', { value: text }, `resolver URL must be https: ${text}`);
  return url.href;
}

// RFC 4648 §5 base64url without padding, as RFC 8484 §4.1 asks for.
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
function base64url(bytes) {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += B64URL[n >> 18] + B64URL[(n >> 12) & 63] + B64URL[(n >> 6) & 63] + B64URL[n & 63];
  }
  if (i < bytes.length) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8);
    out += B64URL[n >> 18] + B64URL[(n >> 12) & 63];
    if (i + 1 < bytes.length) out += B64URL[(n >> 6) & 63];
  }
  return out;
}

/**
 * The GET URL that asks `question` of `resolverUrl`.
 * @param {string} resolverUrl an endpoint from resolveResolver()
 * @param {'wire' | 'json'} format
 * @param {{name: string, type: string, wire: Uint8Array}} question from session.pending()
 * @returns {string}
 */
export function questionUrl(resolverUrl, format, question) {
  const url = new URL(resolverUrl);
  if (format === 'json') {
    url.searchParams.set('name', question.name);
    url.searchParams.set('type', question.type);
  } else {
    url.searchParams.set('dns', base64url(question.wire));
  }
  return url.href;
}

function mediaType(header) {
  return (header ?? '').split(';')[0].trim().toLowerCase();
}

function describe(error) {
  const cause = error?.cause;
  const why = cause ? cause.code ?? cause.message ?? String(cause) : '';
  const text = error?.message ?? String(error);
  return why && !text.includes(why) ? `${text}: ${why}` : text;
}

/** The body's first `limit` bytes at most; the rest is not read (the stream is cancelled). */
export async function readAtMost(response, limit) {
  const reader = response.body?.getReader?.();
  if (!reader) return new Uint8Array(await response.arrayBuffer()).subarray(0, limit);
  const parts = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    size += value.length;
    if (size >= limit) {
      await reader.cancel().catch(() => {});
      break;
    }
  }
  const out = new Uint8Array(Math.min(size, limit));
  let at = 0;
  for (const part of parts) {
    const take = Math.min(part.length, out.length - at);
    out.set(part.subarray(0, take), at);
    at += take;
    if (at === out.length) break;
  }
  return out;
}

// Throws away a body we will not read, so the connection can be reused.
async function discard(response) {
  try {
    await response.body?.cancel();
  } catch {
    // nothing to free
  }
}

/**
 * Runs a live check: asks every question the session hands out, feeds every
 * answer back, round after round, until `session.done()`.
 *
 * Each question gets one answer or one failure: `feedWire`/`feedJson` for an
 * HTTP 200 of the right media type; otherwise `feedFailure(id, kind, detail)`
 * with kind 'http' (detail like "HTTP 503 Service Unavailable"),
 * 'content-type', 'timeout' or 'network'. Timeouts, network errors and HTTP
 * 5xx are retried (`retries` times); 4xx and wrong media types are not.
 *
 * @param {object} session the Session (see wasm/session_bindings.cpp):
 *   pending(), round(), done(), feedWire(), feedJson(), feedFailure()
 * @param {object} [options]
 * @param {string | object} [options.resolver='cloudflare'] see resolveResolver()
 * @param {'wire' | 'json'} [options.format='wire']
 * @param {number} [options.concurrency=8] requests in flight at once
 * @param {number} [options.timeoutMs=5000] per request, body included
 * @param {number} [options.retries=1] extra attempts after a retryable failure
 * @param {typeof fetch} [options.fetch=globalThis.fetch]
 * @param {(p: {round: number, answered: number, failed: number, total: number, name: string, type: string, failure?: string}) => void} [options.onProgress]
 *   called after each question is fed; answered/total count the current round's questions done,
 *   failed those of them that got no answer (could not be sent, timed out, an HTTP error):
 *   messages.js progressMessage() words it
 * @param {{label: string, exchange: (question: object, o: {timeoutMs: number, signal: AbortSignal}) => Promise<{body: Uint8Array} | {kind: string, detail: string, retry: boolean}>}} [options.transport]
 *   asks the questions some other way than DoH (www/cli/dns-transport.mjs: UDP, then TCP on
 *   truncation, to one name server); its answers are DNS wire messages. resolver and format are
 *   then ignored. DoH stays the default.
 * @param {AbortSignal} [options.signal] aborts the run: in-flight requests are
 *   cancelled, nothing more is fed, and the promise rejects with the signal's reason
 * @param {number} [options.maxRounds=MAX_ROUNDS] guard against a session that never finishes
 * @returns {Promise<{rounds: number, questions: number, failures: number, resolver: string, format: string, elapsedMs: number}>}
 * @throws {Error} when the session reports questions outstanding but hands
 *   none out, keeps asking the same questions, or exceeds maxRounds.
 */
export async function runSession(session, options = {}) {
  const {
    resolver = 'cloudflare',
    format = 'wire',
    concurrency = 8,
    timeoutMs = 5000,
    retries = 1,
    // Called through a wrapper: a bare reference to window.fetch invoked with
    // another `this` throws "Illegal invocation" in browsers.
    fetch: fetchFn = globalThis.fetch && ((...args) => globalThis.fetch(...args)),
    onProgress,
    signal,
    maxRounds = MAX_ROUNDS,
    transport = null,
  } = options;
  if (transport && typeof transport.exchange !== 'function') throw new Error('runSession: transport has no exchange()');
  if (!transport && typeof fetchFn !== 'function') throw new Error('runSession: no fetch() available');
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error('runSession: concurrency must be an integer >= 1');
  if (!(timeoutMs > 0)) throw new Error('runSession: timeoutMs must be > 0');
  if (!Number.isInteger(retries) || retries < 0) throw new Error('runSession: retries must be an integer >= 0');
  const target = transport ? { url: transport.label, format: 'wire', transport } : resolveResolver(resolver, format);
  const started = Date.now();
  const stats = { rounds: 0, questions: 0, failures: 0 };
  signal?.throwIfAborted();

  let lastRound = null;
  let lastIds = new Set();
  while (!session.done()) {
    signal?.throwIfAborted();
    const batch = Array.from(session.pending());
    const round = session.round();
    if (batch.length === 0) {
      throw new Error(`runSession: session is not done but has no pending question (round ${round})`);
    }
    // A session that keeps handing out questions it was already fed would
    // loop forever.
    if (round === lastRound && batch.every((q) => lastIds.has(q.id))) {
      throw new Error(`runSession: session did not accept the answers of round ${round} (ids ${batch.map((q) => q.id).join(', ')})`);
    }
    if (stats.rounds >= maxRounds) {
      throw new Error(`runSession: session still not done after ${maxRounds} rounds`);
    }
    stats.rounds++;
    await runRound(session, batch, round, { target, concurrency, timeoutMs, retries, fetchFn, onProgress, signal, stats });
    lastRound = round;
    lastIds = new Set(batch.map((q) => q.id));
  }
  return { ...stats, resolver: target.url, format: target.format, elapsedMs: Date.now() - started };
}

// Asks one round's questions, at most `concurrency` at a time, feeding each
// answer as it arrives.
async function runRound(session, batch, round, ctx) {
  const { target, concurrency, onProgress, signal, stats } = ctx;
  // Aborted by the caller's signal or by a failing worker: cancels every
  // request of the round.
  const run = new AbortController();
  const onOuterAbort = () => run.abort(signal.reason);
  signal?.addEventListener('abort', onOuterAbort, { once: true });
  const decoder = new TextDecoder();
  let next = 0;
  let answered = 0;
  let failed = 0;

  const worker = async () => {
    while (next < batch.length) {
      const question = batch[next++];
      const outcome = await ask(question, run.signal, ctx);
      if (run.signal.aborted) throw run.signal.reason;
      if (outcome.kind) {
        session.feedFailure(question.id, outcome.kind, outcome.detail);
        stats.failures++;
        failed++;
      } else if (target.format === 'json') {
        session.feedJson(question.id, decoder.decode(outcome.body));
      } else {
        session.feedWire(question.id, outcome.body);
      }
      stats.questions++;
      answered++;
      onProgress?.({
        round,
        answered,
        failed,
        total: batch.length,
        name: question.name,
        type: question.type,
        ...(outcome.kind ? { failure: outcome.kind } : {}),
      });
    }
  };

  try {
    const workers = Array.from({ length: Math.min(concurrency, batch.length) }, () =>
      worker().catch((error) => {
        run.abort(error);
        throw error;
      }),
    );
    await Promise.all(workers);
  } finally {
    signal?.removeEventListener('abort', onOuterAbort);
  }
}

// One question with its retries. Resolves to {body} or {kind, detail};
// rejects only when the run is aborted.
async function ask(question, runSignal, ctx) {
  for (let attempt = 0; ; attempt++) {
    const outcome = await attemptOnce(question, runSignal, ctx);
    if (runSignal.aborted) throw runSignal.reason;
    if (!outcome.retry || attempt >= ctx.retries) return outcome;
  }
}

async function attemptOnce(question, runSignal, { target, timeoutMs, fetchFn }) {
  if (target.transport) {
    const outcome = await target.transport.exchange(question, { timeoutMs, signal: runSignal });
    if (runSignal.aborted) throw runSignal.reason;
    return outcome;
  }
  const format = FORMATS[target.format];
  const request = new AbortController();
  const onRunAbort = () => request.abort(runSignal.reason);
  runSignal.addEventListener('abort', onRunAbort, { once: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    request.abort(new Error('timeout'));
  }, timeoutMs);
  try {
    const response = await fetchFn(questionUrl(target.url, target.format, question), {
      method: 'GET',
      headers: { accept: format.accept },
      credentials: 'omit', // no cookies to a third-party resolver
      referrerPolicy: 'no-referrer', // nor the page's address
      signal: request.signal,
    });
    if (response.status !== 200) {
      await discard(response);
      const text = response.statusText ? ` ${response.statusText}` : '';
      return { kind: 'http', detail: `HTTP ${response.status}${text}`, retry: response.status >= 500 };
    }
    const type = mediaType(response.headers.get('content-type'));
    if (!format.types.includes(type)) {
      await discard(response);
      return { kind: 'content-type', detail: `expected ${format.types[0]}, got ${type || 'no content-type'}`, retry: false };
    }
    // Reading the body is still under the timeout: the signal covers it.
    return { body: await readAtMost(response, format.max + 1) };
  } catch (error) {
    if (runSignal.aborted) throw runSignal.reason;
    if (timedOut) return { kind: 'timeout', detail: `no answer within ${timeoutMs} ms`, retry: true };
    return { kind: 'network', detail: describe(error), retry: true };
  } finally {
    clearTimeout(timer);
    runSignal.removeEventListener('abort', onRunAbort);
  }
}
