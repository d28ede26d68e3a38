// The Session of the wasm core, wrapped for the DoH driver (doh-driver.js):
// the core decides what to ask, the driver fetches, the core is fed.
//
//   const session = createSession(core, { domain: 'club.example', zones: [reader] });
//   await runSession(session, { resolver: 'cloudflare' });
//   const analysis = session.analyse({ panel: 'auto', origin: '' }); // model, rules, merge: once
//   const report = analysis.report(texts, { texts: false });
//   const bytes = analysis.fixBytes(texts);
//   session.dispose(); // disposes its analyses too

/** Thrown when a session cannot be built; `code` is the core's error name. */
export class SessionError extends Error {
  constructor(code, domain) {
    super(code === 'bad-domain' ? `not a domain name: ${JSON.stringify(domain)}` : 'no domain given and no zone names one');
    this.name = 'SessionError';
    this.code = code;
  }
}

/** Thrown when report options are refused; `code` is the core's name ("bad-origin"). */
export class ReportError extends Error {
  constructor(code, options) {
    super(code === 'bad-origin' ? `not an IPv4 or IPv6 address: ${JSON.stringify(options.origin)}` : code);
    this.name = 'ReportError';
    this.code = code;
  }
}

/**
 * Builds a Session.
 * @param core     the loaded wasm module (core-node.js loadCore(), or the site's loader)
 * @param domain   the domain to check; '' takes the first zone's apex
 * @param zones    finished ZoneReader objects; the session keeps their zones
 * @param options  {live, dnssec_ok, ask_ptr (default false), padding (default true), dkim_selectors[], limits: {max_questions, max_rounds, max_cname_depth, max_spf_lookups, max_answer_records}}
 *                 authoritative (default false): the questions go to a name server itself
 *                 (runSession's transport, www/cli/dns-transport.mjs): RD off, and an answer
 *                 without the AA bit is unknown ("not-authoritative"); each fact has `authoritative`
 * @returns the interface runSession() drives, plus facts(), analyse() (the documented way to read a
 *   finished check: report, fix bytes, summary) and dispose()
 */
export function createSession(core, { domain = '', zones = [], options = {} } = {}) {
  const handle = new core.Session(domain, JSON.stringify(options));
  for (const zone of zones) handle.addZone(zone);
  handle.start();
  const error = handle.error();
  if (error !== 'none') {
    handle.delete();
    throw new SessionError(error, domain);
  }
  let disposed = false;
  const analyses = new Set();
  const track = (analysis) => {
    analyses.add(analysis);
    const dispose = analysis.dispose;
    analysis.dispose = () => {
      analyses.delete(analysis);
      dispose();
    };
    return analysis;
  };
  return {
    domain: handle.domain(),
    /** Questions of the current round without an answer: [{id, name, type, wire}]. */
    pending: () => handle.pending(),
    /** The current round, 1-based; 0 for an offline check. */
    round: () => handle.round(),
    /** True once nothing is pending and no further round will come. */
    done: () => handle.done(),
    feedWire: (id, bytes) => handle.feedWire(id, bytes),
    feedJson: (id, text) => handle.feedJson(id, text),
    feedFailure: (id, kind, detail = '') => handle.feedFailure(id, kind, String(detail)),
    /** What the session learnt: {domain, rounds, questions, done, spf_lookups, budget_hits, facts[]}. */
    facts: () => JSON.parse(handle.factsJson()),
    /**
     * The check's analysis: the mail model, the rules' findings and the merged fix, computed
     * once, here. Call once done(). Every view of the check reads it: report(), fixBytes() and
     * summary() run no rule again. The session disposes it with itself.
     * @param options {panel: 'auto' | 'none' | 'cpanel' | 'plesk' | 'directadmin', origin}: origin
     *                (an IPv4 or IPv6 address) fills the fix's {origin-ipv4}/{origin-ipv6}
     * @returns {Analysis}
     * @throws ReportError (code "bad-origin") when an option is refused
     */
    analyse: (options = {}) => track(analyseHandle(core, handle, options)),
    /** Frees the core's memory; the object is unusable afterwards. */
    dispose() {
      if (disposed) return;
      for (const a of analyses) a.dispose();
      handle.delete();
      disposed = true;
    },
  };
}

/**
 * @typedef {object} Analysis
 * @property {(texts?: Array<string|Uint8Array>, options?: {texts?: boolean}) => object} report
 *   The report document (schema "mxray-report/2"; see docs/report.md). texts: the main file of each
 *   zone, in the order given (for the fix): a string, or the file's bytes as a Uint8Array (exact
 *   for files that are not UTF-8). options.texts: false leaves the corrected zones' text and the
 *   import file out (take them from fixBytes()), and fix.cloudflare_import is then true or null.
 * @property {(texts?: Array<string|Uint8Array>) => object} fixBytes
 *   The fix byte for byte, for writing files (JSON strings cannot carry a zone that is not UTF-8):
 *   {zones: [{index, file, changed, utf8, text: Uint8Array, diff: Uint8Array}],
 *   cloudflareImport: Uint8Array | null}. Give the texts as the files' bytes for an exact result.
 * @property {() => {domain: string, summary: {critical: number, warning: number, info: number}, rules: string[]}} summary
 *   What a batch line shows, without building the report.
 * @property {() => void} dispose  Frees the core's memory; the object is unusable afterwards.
 */

function analyseHandle(core, session, options) {
  const { panel = 'auto', origin = '' } = options;
  const handle = new core.Analysis(session, JSON.stringify({ panel, origin: origin ?? '' }));
  const error = handle.error();
  if (error) {
    handle.delete();
    throw new ReportError(error, options);
  }
  let disposed = false;
  return {
    report: (texts = [], { texts: withTexts } = {}) =>
      JSON.parse(handle.report(texts, JSON.stringify(withTexts === undefined ? {} : { texts: withTexts }))),
    fixBytes: (texts = []) => handle.fixBytes(texts),
    summary: () => JSON.parse(handle.summary()),
    dispose() {
      if (!disposed) handle.delete();
      disposed = true;
    },
  };
}
