// The Session of the wasm core, wrapped for the DoH driver (doh-driver.js):
// the core decides what to ask, the driver fetches, the core is fed.
//
//   const session = createSession(core, { domain: 'club.example', zones: [reader] });
//   await runSession(session, { resolver: 'cloudflare' });
//   const facts = session.facts();
//   session.dispose();

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
 * @param options  {live, dnssecOk, askPtr, dkimSelectors[], limits: {maxQuestions, maxRounds, maxCnameDepth, maxSpfLookups, maxAnswerRecords}}
 * @returns the interface runSession() drives, plus facts() and dispose()
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
    /** What the session learnt: {domain, rounds, questions, done, spfLookups, budgetHits, facts[]}. */
    facts: () => JSON.parse(handle.factsJson()),
    /**
     * The hosting panel, the mail names with their paths, the rules' findings and the merged fix:
     * {panel, names[], findings[], fix: {edits[], notes[], placeholders[]}}.
     * @param model  {panel: 'auto' | 'none' | 'cpanel' | 'plesk' | 'directadmin'}
     */
    findings: (model = {}) => JSON.parse(handle.findingsJson(JSON.stringify(model))),
    /**
     * The fix written into uploaded zone `index` (0-based, in the order given), whose main file
     * is `text`: {text, applied[], skipped[{edit, why}]}; every untouched line kept byte for byte.
     */
    correctedZone: (index, text, model = {}) => JSON.parse(handle.correctedZone(index, text, JSON.stringify(model))),
    /**
     * The report document (schema "mxray-report/1"; see the README).
     * @param texts  the main file of each zone, in the order given (for the fix): a string, or
     *               the file's bytes as a Uint8Array (exact for files that are not UTF-8)
     * @param options {panel, origin, texts}: origin fills the fix's {origin-ipv4}/{origin-ipv6};
     *                texts: false leaves the corrected zones' text and the import file out (take
     *                them from fixBytes()), and fix.cloudflare_import is then true or null
     * @throws ReportError (code "bad-origin") when an option is refused
     */
    report: (texts = [], options = {}) => {
      const r = JSON.parse(handle.report(JSON.stringify(options), texts));
      if (r && r.error) throw new ReportError(r.error, options);
      return r;
    },
    /**
     * The fix byte for byte, for writing files (JSON strings cannot carry a zone that is not
     * UTF-8): {zones: [{index, file, changed, utf8, text: Uint8Array, diff: Uint8Array}],
     * cloudflareImport: Uint8Array | null}. Same arguments as report(); give the texts as the
     * files' bytes (Uint8Array) for an exact result.
     * @throws ReportError (code "bad-origin") when an option is refused
     */
    fixBytes: (texts = [], options = {}) => {
      const r = handle.fixBytes(JSON.stringify(options), texts);
      if (r && r.error) throw new ReportError(r.error, options);
      return r;
    },
    /** Frees the core's memory; the object is unusable afterwards. */
    dispose() {
      if (!disposed) handle.delete();
      disposed = true;
    },
  };
}
