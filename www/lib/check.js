// One check, start to end, for every shell: the website's worker
// (www/site/worker.js), the extension's popup (www/extension/popup.js) and
// `mxray check` (www/cli/check.mjs). Without DOM, Worker or Node APIs, so each
// runs it as is: zone sources read into ZoneReaders in chunks, live DNS asked
// through the shared driver when the check is live, the report built, and the
// big texts of the fix taken out of it as bytes. The shells own their I/O:
// reading files (and their size checks), the terminal, the page.
import { feedBytes, joinListingPages, listingGroups, zoneDomain } from './zone-input.js';
import { createSession, SessionError, ReportError } from './session.js';
import { runSession, resolveResolver, ResolverError } from './doh-driver.js';
import { NotAZoneError, readableSource } from './input.js';

/**
 * The most bytes one check reads, all files together. The wasm memory (4 GiB
 * at most) holds the input, its records, and the fix written out as bytes
 * (the corrected zone and the Cloudflare import file, each about the size of
 * the input): some 6 times the input at the peak.
 */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

/** Bytes handed to the parser at a time; progress is reported between chunks. */
export const CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * A check that cannot be done. `code` names it: `resolver.<code>` (a refused
 * resolver, site-messages.js `resolver.*`), `session.<code>` (messages.js
 * `session.errors.*`), otherwise site-messages.js `errors.<code>`. `cause`:
 * the error of the part that refused (SessionError, ReportError, runSession's
 * Error), for the command line, which words those itself.
 */
export class CheckError extends Error {
  constructor(code, values = {}, message = code, cause = undefined) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'CheckError';
    this.code = code;
    this.values = values;
  }
}

/**
 * The domain a person typed, as a host name: "https://Example.COM/path",
 * "user@example.com" and "例え.jp" become "example.com" and "xn--r8jz45g.jp"
 * (the URL parser does the IDNA mapping). Null when it is not a host name
 * of at least two labels; the core accepts any DNS label, but a web form
 * should not send "exa mple" to a resolver.
 */
export function normaliseDomain(input) {
  let text = String(input ?? '').trim();
  if (!text) return '';
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `http://${text}`;
  let host;
  try {
    host = new URL(text).hostname;
  } catch {
    return null;
  }
  host = host.replace(/\.$/, '').toLowerCase();
  if (host.length > 253 || !host.includes('.')) return null;
  const label = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;
  return host.split('.').every((l) => label.test(l)) ? host : null;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * What a source's head says of its zone's domain (zone-input.js zoneDomain);
 * a JSON source (Cloudflare's API) states its own names.
 * @param {{name: string, bytes: Uint8Array}} source
 * @param {boolean} [byName] a file name such as example.com.db may name the domain
 * @returns {{domain: string, stated: boolean}}
 */
export function sourceDomain(source, byName = true) {
  // Only the head: the whole text as one string could pass V8's 512 MiB string limit.
  const head = new TextDecoder().decode(source.bytes.subarray(0, 1 << 16));
  if (/^\s*[[{]/.test(head)) return { domain: '', stated: true };
  return zoneDomain(head, source.name, byName);
}

/**
 * Runs one check.
 * @param core the loaded wasm module
 * @param {object} job
 * @param {{name: string, bytes: Uint8Array, includes?: (path: string) => Uint8Array | null}[]} [job.sources]
 *   zone files, in the order given; `includes` answers the zone's `$INCLUDE` paths
 *   (the command line's reader of files; without it, every $INCLUDE is include-not-found)
 * @param {string} [job.domain] the domain; with it, live DNS is asked
 * @param {boolean} [job.domainAsGiven] the domain goes to the core as given, not first
 *   normalised as typed into a form (normaliseDomain): the command line's, whose bad
 *   names the core's own words (session.bad-domain) report
 * @param {boolean} [job.offline] with zones: ask no DNS, the domain only names the zones
 * @param {boolean} [job.live] whether DNS is asked, when the shell decides it (`mxray
 *   check --zone-dir --live`); by default, when there is a domain and not `offline` with zones
 * @param {string | object} [job.resolver] doh-driver's resolver spec (preset name or https URL),
 *   or what its resolveResolver() returned ({url, format})
 * @param {number} [job.timeoutMs]
 * @param {string} [job.panel] auto, none, cpanel, plesk, directadmin
 * @param {string} [job.origin] the mail server's address, for the fix's placeholders
 * @param {boolean} [job.byName] a file name such as example.com.db names a zone that
 *   does not state its domain (default true)
 * @param {boolean} [job.fixBytes] take the fix's files as bytes (default true)
 * @param {boolean} [job.zoneSummaries] also return each ZoneReader's summary (its files
 *   and diagnostics), for a shell that prints the diagnostics itself
 * @param {object} [job.sessionOptions] the Session's options besides `live` (www/lib/session.js):
 *   {ask_ptr, padding} as the person chose them (settings.js chosenSessionOptions)
 * @param {AbortSignal} [job.signal] cancels between chunks and during the live rounds
 * @param {(p: object) => void} [job.onProgress] {stage: 'read', file, index, count, loaded, total},
 *   {stage: 'dns', round, answered, total, name, type}, {stage: 'report'}
 * @param {typeof fetch} [job.fetch] for the live check (tests)
 * @param {(file: string, text: string) => Promise<object>} [job.parseHcl] HCL's parser (hcl2json's
 *   parse), for Terraform .tf inputs (www/lib/as-code/terraform.js); the command line's
 * @returns {Promise<{report: object, files: {zones: {index, file, changed, text, diff}[], diff: [], cloudflareImport} | null, timings, zoneSummaries?: object[]}>}
 *   report: the "mxray-report/2" document without the big texts (the report option
 *   texts: false: fix.zones[].text is left out; fix.cloudflare_import is true or null),
 *   with `resolver` and `timings` added (docs/report.md);
 *   files: those texts and the diff of each zone (empty when unchanged; `diff` lists the
 *   changed zones' only), as the core's bytes
 *   (Uint8Array), exact even for inputs that are not UTF-8; null without `fixBytes`
 * @throws CheckError, or the signal's reason when aborted
 */
export async function runCheck(core, job = {}) {
  const { sources = [], domain = '', domainAsGiven = false, offline = false, resolver = 'cloudflare', timeoutMs = 5000, panel = 'auto', origin = '' } = job;
  const { byName = true, fixBytes = true, zoneSummaries = false, signal, onProgress, fetch, parseHcl = null } = job;
  // Zone-as-code inputs (octoDNS, Terraform) go through this one hook, www/lib/as-code/index.js,
  // when the shell hands it in; without it they are read as any other file.
  const asCode = job.asCode ?? null;
  const name = domainAsGiven ? String(domain ?? '') : normaliseDomain(domain);
  if (name === null) throw new CheckError('bad-domain', { value: String(domain).trim() });
  if (!sources.length && !name) throw new CheckError('no-input');
  const total = sources.reduce((n, f) => n + f.bytes.length, 0);
  if (total > MAX_INPUT_BYTES) throw new CheckError('too-large', { size: total, limit: MAX_INPUT_BYTES });
  // A domain with zones and `offline`: the zones' name only, no DNS asked.
  const live = job.live ?? (Boolean(name) && !(offline && sources.length));
  let target = null;
  if (live) {
    try {
      target = resolver && typeof resolver === 'object' && resolver.url ? resolver : resolveResolver(resolver, 'wire');
    } catch (e) {
      if (e instanceof ResolverError) throw new CheckError(`resolver.${e.code}`, e.values, e.message, e);
      throw e;
    }
  }
  const serverAddress = String(origin ?? '').trim();
  const now = () => (globalThis.performance ? performance.now() : Date.now());
  const t0 = now();
  const readers = [];
  const summaries = [];
  // The bytes each zone was read from: the files' own (the fix splices them at byte
  // offsets, and a zone that is not UTF-8 stays exact only this way), or what a UTF-16
  // or gzip file was decoded to.
  const texts = [];
  const decoded = [];
  // The zones made of several files: the pages of one Cloudflare API listing, read as one
  // zone (its index: {names, starts}, to give diagnostics and evidence their own file and line).
  const listings = new Map();
  // The zones converted from zone-as-code files (index: the conversion, whose lines say
  // where each zone line came from, and which writes the fix back in the tool's terms).
  const asCoded = new Map();
  let session = null;
  try {
    // Told before it is parsed: a file that is not a zone is refused by name, UTF-16
    // decoded, gzip inflated (www/lib/input.js).
    const readied = [];
    for (const source of sources) {
      signal?.throwIfAborted();
      // A zone-as-code file (octoDNS YAML), when the shell reads them (job.asCode,
      // www/lib/as-code/index.js): read as the zone it describes.
      const given = asCode ? asCodeStep(asCode, () => asCode.sourceAsZone(source, name)) : source;
      // Without the hook, a Terraform .tf is refused by name: only the hook reads one.
      if (!asCode && /\.tf$/i.test(source.name)) throw new CheckError('terraform.no-parser', { file: source.name }, `${source.name}: no HCL parser`);
      try {
        readied.push({ given, ...(await readableSource(core, given, MAX_INPUT_BYTES)) });
      } catch (e) {
        if (e instanceof NotAZoneError) throw new CheckError('not-a-zone', { file: e.file, kind: e.kind }, e.message, e);
        throw e;
      }
    }
    // Terraform inputs (.tf, `terraform show -json`) read as the API JSON they describe.
    const terraform = asCode ? await asCodeStep(asCode, () => asCode.readInputs(readied, { domain: name, parseHcl })) : new Map();
    // Pages of one listing are one zone, not the zones of a move (tests/real/combined).
    const inputs = listingGroups(readied.map((r) => r.bytes)).map((group) => {
      if (group.length === 1) return readied[group[0]];
      const { bytes, starts } = joinListingPages(group.map((i) => readied[i].bytes));
      const names = group.map((i) => readied[i].given.name);
      return { given: { ...readied[group[0]].given }, bytes, decodedFrom: null, pages: { names, starts } };
    });
    let before = 0;
    for (const [index, ready] of inputs.entries()) {
      signal?.throwIfAborted();
      const given = ready.given;
      if (ready.pages) listings.set(index, ready.pages);
      if (given.asCode) asCoded.set(index, given.asCode);
      const source = { ...given, bytes: ready.bytes };
      texts.push(ready.bytes);
      decoded.push(ready.decodedFrom);
      const bytes = source.bytes;
      const found = sourceDomain(source, byName);
      // The origin of relative names when the file does not state its own.
      const zoneOrigin = found.stated ? '' : name || found.domain;
      const reader = new core.ZoneReader(source.name, JSON.stringify({ origin: zoneOrigin, format: 'auto' }), source.includes ?? null);
      readers.push(reader);
      for (let at = 0; at < bytes.length || at === 0; at += CHUNK_BYTES) {
        const end = Math.min(bytes.length, at + CHUNK_BYTES);
        if (end > at) feedBytes(core, reader, bytes.subarray(at, end));
        onProgress?.({ stage: 'read', file: source.name, index, count: inputs.length, loaded: before + end, total });
        if (end >= bytes.length) break;
        // Lets a cancel in; the site's page stays responsive anyway (this runs in a worker).
        await tick();
        signal?.throwIfAborted();
      }
      reader.finish();
      if (zoneSummaries) {
        const summary = pagedSummary(JSON.parse(reader.summaryJson()), ready.pages);
        summaries.push(given.asCode ? asCode.zoneSummary(summary, given.asCode) : summary);
      }
      before += bytes.length;
    }
    const t1 = now();
    // Without a domain, the session takes the first zone's apex.
    try {
      session = createSession(core, { domain: name, zones: readers, options: { ...job.sessionOptions, live } });
    } catch (e) {
      if (e instanceof SessionError) throw new CheckError(`session.${e.code}`, { detail: JSON.stringify(name) }, e.message, e);
      throw e;
    }
    let dns = null;
    if (live) {
      try {
        dns = await runSession(session, { resolver: target.url, format: target.format, timeoutMs, signal, onProgress: (p) => onProgress?.({ stage: 'dns', ...p }), ...(fetch ? { fetch } : {}), ...(target.transport ? { transport: target.transport } : {}) });
      } catch (e) {
        if (signal?.aborted) throw signal.reason;
        throw new CheckError('dns-failed', { detail: e?.message ?? String(e) }, e?.message, e);
      }
    }
    signal?.throwIfAborted();
    const t2 = now();
    onProgress?.({ stage: 'report' });
    // The model, the rules and the merged fix, once; the report and the fix's bytes both read it.
    let analysis;
    try {
      analysis = session.analyse({ panel, origin: serverAddress });
    } catch (e) {
      if (e instanceof ReportError) throw new CheckError(e.code, { detail: JSON.stringify(serverAddress) }, e.message, e);
      throw e;
    }
    // The corrected zones and the import file come as bytes (below), not also as strings in
    // the report: for a big zone each is as large as the input.
    const report = analysis.report(texts, { texts: false });
    // Byte for byte, also for files that are not UTF-8.
    const files = fixBytes ? takeFiles(analysis.fixBytes(texts)) : null;
    const t3 = now();
    const ms = (x) => Math.round(x * 10) / 10;
    report.resolver = live ? { url: target.url, format: target.format } : null;
    // The shell decoded these, not the core: say so next to each input.
    for (const z of report.inputs?.zones ?? []) z.decoded_from = decoded[z.index] ?? null;
    if (listings.size) pagedReport(report, listings);
    // Zone-as-code inputs' findings and fix in their tool's terms.
    if (asCode) asCode.reportResults(report, files, { terraform, asCoded, summaries });
    // The same fields for every shell, live or not (docs/report.md, `timings`).
    report.timings = { read_ms: ms(t1 - t0), dns_ms: ms(t2 - t1), report_ms: ms(t3 - t2), total_ms: ms(t3 - t0), dns_questions: dns ? dns.questions : 0 };
    return { report, files, timings: report.timings, ...(zoneSummaries ? { zoneSummaries: summaries } : {}) };
  } finally {
    session?.dispose();
    for (const r of readers) r.delete();
  }
}

// Where joined line `line` of a listing's pages lies: the page (index into
// pages.names) and its own line.
function pageLine(pages, line) {
  let k = pages.starts.length - 1;
  while (k > 0 && line <= pages.starts[k]) k -= 1;
  return { page: k, line: line - pages.starts[k] };
}

// A diagnostic of a listing's joined text, given its page's file and line.
function pagedDiagnostic(d, pages) {
  if (!Number.isInteger(d.line) || d.line < 1) return d;
  const at = pageLine(pages, d.line);
  const out = { ...d, file: at.page, line: at.line };
  if (at.line === 1 && Number.isInteger(d.column) && d.column > 1) out.column = d.column - 1;
  if (Number.isInteger(d.record_line) && d.record_line >= 1) out.record_line = pageLine(pages, d.record_line).line;
  return out;
}

// A ZoneReader's summary of a listing's joined pages, as the pages' own: their files, and
// each diagnostic on its page's line.
function pagedSummary(summary, pages) {
  if (!pages) return summary;
  return { ...summary, files: [...pages.names], diagnostics: (summary.diagnostics ?? []).map((d) => pagedDiagnostic(d, pages)) };
}

// The report of a check that read listings' pages as one zone: each such zone lists its
// pages as its files, and diagnostics and evidence name the page and its own line.
function pagedReport(report, listings) {
  for (const z of report.inputs?.zones ?? []) {
    const pages = listings.get(z.index);
    if (pages) z.files = [...pages.names];
  }
  report.diagnostics = (report.diagnostics ?? []).map((d) => (listings.has(d.zone) ? pagedDiagnostic(d, listings.get(d.zone)) : d));
  // Evidence names a record by its file name and line (strings); the joined text takes its first page's name.
  const first = new Map([...listings.values()].map((p) => [p.names[0], p]));
  const visit = (v) => {
    if (Array.isArray(v)) return v.forEach(visit);
    if (!v || typeof v !== 'object') return;
    if (typeof v.file === 'string' && first.has(v.file) && /^[1-9][0-9]*$/.test(String(v.line ?? ''))) {
      const pages = first.get(v.file);
      const at = pageLine(pages, Number(v.line));
      v.file = pages.names[at.page];
      v.line = typeof v.line === 'number' ? at.line : String(at.line);
    }
    for (const k of Object.keys(v)) visit(v[k]);
  };
  visit(report.findings);
}

// The files of the fix, as the core's bytes: the corrected zones, the diffs
// of the changed ones, and the Cloudflare import file.
function takeFiles(exact) {
  const zones = exact.zones.map((z) => ({ index: z.index, file: z.file, changed: z.changed, text: z.text, diff: z.diff }));
  const diff = exact.zones.filter((z) => z.changed).map((z) => z.diff);
  return { zones, diff, cloudflareImport: exact.cloudflareImport ?? null };
}

// A step of the zone-as-code hook, its refusals as CheckErrors (www/lib/as-code/index.js).
function asCodeStep(asCode, step) {
  const fail = (e) => {
    throw asCode.toCheckError(e, CheckError);
  };
  try {
    const out = step();
    return out instanceof Promise ? out.catch(fail) : out;
  } catch (e) {
    return fail(e);
  }
}
