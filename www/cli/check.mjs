// `mxray check`: findings, evidence and the fix for one domain, or for every
// zone file of a folder (--zone-dir, both CPU cores through worker threads).
// The check itself is www/lib/check.js, the website's and the extension's too;
// the words come from www/lib/report-text.js and messages.js, shared with the
// website; this file owns the command line's I/O: files, terminal, exit status.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { readFileSync, statSync } from 'node:fs';
import { isIP } from 'node:net';
import { basename, isAbsolute, relative, resolve, sep } from 'node:path';
import { cliCore } from './core.mjs';
import { includeResolver } from './include-files.mjs';
import { parseCommandLine } from './args.mjs';
import { batch } from './batch.mjs';
import { feedBytes } from '../lib/zone-input.js';
import { SessionError, ReportError } from '../lib/session.js';
import { resolveResolver, runSession, ResolverError } from '../lib/doh-driver.js';
import { http2FetchFor } from './doh-http2.mjs';
import { NotAZoneError } from '../lib/input.js';
import { CheckError, MAX_INPUT_BYTES, runCheck as checkFlow, sourceDomain } from '../lib/check.js';
import * as asCode from '../lib/as-code/index.js';
import { formatDiagnostic, inputMessage, progressMessage, reportMessage, sessionMessage } from '../lib/messages.js';
import { UsageError, cliLanguage, cliMessage, nameServerMessage } from '../lib/cli-messages.js';
import { displayText, gitQuotedPath, jsonEscaped, quotedText } from '../lib/name-safety.js';
import { TerraformError } from '../lib/as-code/terraform.js';

// HashiCorp's HCL parser (@cdktf/hcl2json, Go compiled to wasm), loaded only when a
// Terraform .tf is read: loading it starts its runtime, some 0.8 s.
let hclParse = null;
export async function parseHcl(file, text) {
  hclParse ??= createRequire(import.meta.url)('@cdktf/hcl2json').parse;
  return hclParse(file, text);
}
import { SEVERITIES, exitStatus, renderPlan, renderReport, renderVerdict } from '../lib/report-text.js';
import { PROBE_TIMEOUT_MS, feedProbe, runProbe } from './probe.mjs';
import { renderMarkdown } from '../lib/report-markdown.js';
import { renderSarif } from '../lib/report-sarif.js';
import { createDnsTransport, parseServer } from './dns-transport.mjs';
import { addressesOf, askResolver, recordsOf } from './authoritative.mjs';
import { createSession } from '../lib/session.js';

// The words of --server and --authoritative are one block of the catalogue (checkServer).
class ServerUsageError extends UsageError {
  constructor(code, values = {}) {
    super(code, values);
    this.message = cliMessage(`checkServer.${code}`, 'en', values);
  }
  text(lang) {
    return cliMessage(`checkServer.${this.code}`, lang, this.values);
  }
}

// --server: a name server asked directly, as check.js takes a resolver ({url, format}) with
// the transport runSession uses instead of DoH (dns-transport.mjs: UDP, TCP when truncated).
function serverTarget(server) {
  const transport = createDnsTransport(server);
  return { url: transport.label, format: 'wire', transport };
}

/**
 * --authoritative: the domain's NS as `resolver` (DoH) serves them, their addresses from it
 * too, then each address on `port` in turn, asked the domain's SOA directly (RD off); the
 * first whose answer is authoritative (AA) is the server the check asks. One server is
 * enough for a check; `facts --authoritative` shows them all.
 * @returns {Promise<{host, address, target} | {error: string, values: object}>} target as
 *   check.js takes a resolver; error names the words of checkServer / server
 */
export async function authoritativeServer(core, domain, resolver, { timeoutMs = 5000, port = 53 } = {}) {
  const options = { live: true, authoritative: true, padding: false, ask_ptr: false, limits: { max_questions: 1, max_rounds: 1 } };
  const open = () => createSession(core, { domain, options });
  const first = open();
  const apex = first.domain;
  first.dispose();
  const hosts = recordsOf(await askResolver(core, apex, 2, resolver, timeoutMs), 'NS');
  if (!hosts.length) return { error: 'server.no-ns', values: { value: apex } };
  const tried = [];
  for (const host of hosts) {
    const addresses = await addressesOf(core, host, resolver, timeoutMs);
    if (!addresses.length) tried.push(host);
    for (const address of addresses) {
      const target = serverTarget({ host, address, port });
      const session = open();
      try {
        await runSession(session, { transport: target.transport, timeoutMs });
        const soa = session.facts().facts[0];
        if (soa?.state === 'answered') return { host, address, target };
        tried.push(`${host} (${target.url})`);
      } finally {
        session.dispose();
      }
    }
  }
  return { error: 'checkServer.none-answered', values: { value: apex, detail: tried.join('; ') } };
}

export const OUTPUT_FORMATS = ['text', 'json', 'diff', 'zone', 'cloudflare-import', 'cloudflare-batch', 'curl', 'plan', 'jsonl', 'markdown', 'sarif'];
export const PANELS = ['auto', 'none', 'cpanel', 'plesk', 'directadmin'];

/** The usage text of `mxray check` in `lang`. */
export const checkUsage = (lang = 'en') =>
  `${cliMessage('checkUsage', lang, { panels: PANELS.join(', '), formats: OUTPUT_FORMATS.join(', '), severities: SEVERITIES.join(', ') })}\n\n${cliMessage('checkServer.usage', lang)}`;

// The options of `mxray check`, for parseArgs.
const CHECK_OPTIONS = {
  zone: { type: 'string', multiple: true },
  domain: { type: 'string' },
  'zone-dir': { type: 'string' },
  'include-root': { type: 'string' },
  offline: { type: 'boolean' },
  live: { type: 'boolean' },
  resolver: { type: 'string' },
  timeout: { type: 'string' },
  origin: { type: 'string' },
  panel: { type: 'string' },
  format: { type: 'string' },
  lang: { type: 'string' },
  'fail-on': { type: 'string' },
  'ask-ptr': { type: 'boolean' },
  'no-padding': { type: 'boolean' },
  probe: { type: 'boolean' },
  'probe-timeout': { type: 'string' },
  'rule-url': { type: 'string' },
  server: { type: 'string' },
  authoritative: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

function isFileOrFolder(path) {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

export function parseCheckArgs(argv) {
  const { values: v, positionals } = parseCommandLine(argv, CHECK_OPTIONS, true);
  // The domain as --domain NAME or as the one bare DOMAIN (as facts and verify take it);
  // a bare name that is a file was meant as a zone: said so, never asked of DNS.
  const bare = positionals[0];
  if (bare !== undefined && isFileOrFolder(bare)) throw new UsageError('argument-is-file', { value: bare });
  if (positionals.length > (v.domain === undefined ? 1 : 0)) throw new UsageError('check-one-domain', { value: positionals.at(-1) });
  const o = {
    zones: v.zone ?? [], domain: v.domain ?? bare ?? '', zoneDir: v['zone-dir'] ?? '', offline: v.offline ?? false, live: v.live ?? false,
    resolver: v.resolver ?? 'cloudflare', timeout: 5000, origin: v.origin ?? null, panel: v.panel ?? 'auto', format: v.format ?? 'text',
    lang: v.lang ?? null, failOn: v['fail-on'] ?? 'critical', help: v.help ?? false, includeRoot: v['include-root'] ?? null,
    askPtr: v['ask-ptr'] ?? false, padding: !(v['no-padding'] ?? false), ruleUrl: v['rule-url'] ?? null,
    probe: v.probe ?? false, probeTimeout: PROBE_TIMEOUT_MS,
    server: v.server === undefined ? null : parseServer(v.server),
    authoritative: v.authoritative ?? false,
  };
  // One name server by its address: a name would need a resolver to find it.
  if (v.server !== undefined && (!o.server || !isIP(o.server.host))) throw new ServerUsageError('bad-server', { value: v.server });
  if (o.ruleUrl !== null && !rulePageOf(o.ruleUrl)) throw new UsageError('bad-rule-url', { value: o.ruleUrl });
  if (v.timeout !== undefined) {
    o.timeout = Number(v.timeout);
    if (!Number.isInteger(o.timeout) || o.timeout < 100 || o.timeout > 120000) throw new UsageError('bad-timeout', { value: v.timeout });
  }
  if (v['probe-timeout'] !== undefined) {
    o.probeTimeout = Number(v['probe-timeout']);
    if (!Number.isInteger(o.probeTimeout) || o.probeTimeout < 100 || o.probeTimeout > 60000) throw new UsageError('bad-probe-timeout', { value: v['probe-timeout'] });
  }
  // The probe confirms what live DNS serves: a single live check only.
  if (o.probe && (o.zoneDir || o.offline || !o.domain)) throw new UsageError('probe-needs-live');
  if (!PANELS.includes(o.panel)) throw new UsageError('unknown-panel', { value: o.panel });
  if (!OUTPUT_FORMATS.includes(o.format)) throw new UsageError('unknown-format', { value: o.format });
  if (o.lang !== null && !['en', 'ja'].includes(o.lang)) throw new UsageError('unknown-language', { value: o.lang });
  if (!SEVERITIES.includes(o.failOn)) throw new UsageError('bad-fail-on', { severities: SEVERITIES.join(', '), value: o.failOn });
  if (o.zoneDir) {
    if (o.zones.length || o.domain) throw new UsageError('zone-dir-alone');
    if (o.includeRoot !== null) throw new UsageError('include-root-zone-dir');
    if (o.server || o.authoritative) throw new ServerUsageError('zone-dir');
    if (!['text', 'jsonl'].includes(o.format)) throw new UsageError('zone-dir-format', { value: o.format });
    if (o.live && o.offline) throw new UsageError('live-and-offline');
  } else {
    if (o.live) throw new UsageError('live-without-zone-dir');
    if (!o.zones.length && !o.domain && !o.help) throw new UsageError('check-needs-input');
    if (!o.zones.length && o.offline) throw new UsageError('offline-needs-zone');
    if (o.server && o.authoritative) throw new ServerUsageError('server-and-authoritative');
    if ((o.server || o.authoritative) && (o.offline || !o.domain) && !o.help) throw new ServerUsageError('needs-live');
  }
  return o;
}

class InputError extends Error {
  constructor(code, detail) {
    super(code);
    this.code = code;
    this.detail = detail;
  }
}

// Reads one input whole; `room` is what is left of MAX_INPUT_BYTES, the
// website's bound on all zone files of one check together (the wasm core's
// memory holds the input, its records and the fix: docs/limits.md).
function readInput(file, room = MAX_INPUT_BYTES) {
  if (file === '-') {
    const bytes = readFileSync(0);
    if (bytes.length > room) throw new InputError('too-large', file);
    return bytes;
  }
  let st;
  try {
    st = statSync(file);
  } catch (e) {
    throw new InputError(e.code === 'ENOENT' ? 'no-file' : 'unreadable', file);
  }
  if (!st.isFile()) throw new InputError('not-file', file);
  if (st.size > room) throw new InputError('too-large', file);
  try {
    return readFileSync(file);
  } catch {
    throw new InputError('unreadable', file);
  }
}

// Reads the zone files whole (the report needs their text), each with the
// reader of the files its $INCLUDE lines name, as sources of www/lib/check.js.
// Together they stay within MAX_INPUT_BYTES.
function readSources(files, includeRoot = null) {
  let room = MAX_INPUT_BYTES;
  return files.map((file) => {
    const bytes = readInput(file, room);
    room -= bytes.length;
    return { name: file, bytes, includes: includeResolver(file, { root: includeRoot }) };
  });
}

// One zone file whole into a ZoneReader, for the batch's worker when a file
// takes the session path (check-worker.mjs); the domain rule is check.js's.
export function loadZone(core, file, { domain = '', byName = true, room = MAX_INPUT_BYTES } = {}) {
  const bytes = readInput(file, room);
  const found = sourceDomain({ name: file, bytes }, byName);
  // The origin for relative names, when the file does not state its own.
  const origin = found.stated ? '' : domain || found.domain;
  const reader = new core.ZoneReader(file, JSON.stringify({ origin, format: 'auto' }), includeResolver(file));
  feedBytes(core, reader, bytes);
  reader.finish();
  return { reader, bytes, domain: found.domain };
}

/**
 * One check, start to end: the zone files read here, then www/lib/check.js's flow (zones
 * parsed, DNS asked when live, report built). The report leaves out the corrected zones'
 * text and the import file (the report option texts: false): escaped as JSON they can pass
 * the longest string V8 holds, and only the formats that write files need them, which take
 * them as bytes.
 * @param {boolean} [byName] a zone file's name (example.com.db) may name its domain, which
 *   is then the one checked when no domain is given: the same rule for --zone and --zone-dir
 * @returns {{report, diagnostics: string[], bytes}} diagnostics formatted in `lang`; bytes:
 *   the fix byte for byte (check.js runCheck's files) when `wantBytes`, else null
 * @throws InputError, CheckError
 */
export async function analyse(core, { zones = [], domain = '', live = false, resolver = null, timeout = 5000, panel = 'auto', origin = '', byName = true, lang = 'en', onProgress, wantBytes = false, includeRoot = null, askPtr = false, padding = true, authoritative = false }) {
  const sources = readSources(zones, includeRoot);
  const name = domain || (byName && sources.length ? sourceDomain(sources[0], true).domain : '');
  const { report, files, zoneSummaries } = await checkFlow(core, {
    sources,
    // octoDNS YAML files are read as zones, and the fix is a patch of them.
    asCode,
    domain: name,
    domainAsGiven: true,
    live,
    resolver,
    timeoutMs: timeout,
    panel,
    origin,
    byName,
    fixBytes: wantBytes,
    zoneSummaries: true,
    parseHcl,
    // What the person chose to tell the resolver: the PTR of origin addresses (off unless
    // --ask-ptr), and queries padded to 128 octets (on unless --no-padding).
    // A name server asked directly (--server): no recursion, the AA bit required (an answer
    // without it is unknown), nothing padded (RFC 8467 pads encrypted queries only).
    sessionOptions: { ask_ptr: askPtr, padding: padding && !authoritative, authoritative },
    // The terminal shows the live rounds only.
    onProgress: onProgress && ((p) => p.stage === 'dns' && onProgress(p)),
    // A resolver that answers over HTTP/2 only (Quad9) is asked with doh-http2.mjs.
    ...http2FetchFor(resolver),
  });
  const diagnostics = zoneSummaries.flatMap((summary) => summary.diagnostics.map((d) => (d.code === 'terraform-unknown' ? terraformWarning(d, summary.files, lang) : formatDiagnostic(d, summary.files, lang))));
  // The diffs name each file as `patch -p1` in the working folder finds it.
  // Several .tf files read as one zone: each file's part of the patch names its own file.
  const tfFiles = new Map((report.inputs?.zones ?? []).filter((z) => z.format === 'terraform' && z.files?.length > 1).map((z) => [z.index, z.files]));
  const rebaseEach = (diff, names) => {
    let text = typeof diff === 'string' ? diff : new TextDecoder().decode(diff);
    for (const f of names) text = text.split(`--- a/${f}\n+++ b/${f}\n`).join(`--- ${gitQuotedPath(diffPath(f), 'a/')}\n+++ ${gitQuotedPath(diffPath(f), 'b/')}\n`);
    return typeof diff === 'string' ? text : new TextEncoder().encode(text);
  };
  for (const z of report.fix?.zones ?? []) if (z.diff) z.diff = tfFiles.has(z.index) ? rebaseEach(z.diff, tfFiles.get(z.index)) : rebaseDiff(z.diff, z.file);
  if (files) {
    for (const z of files.zones) if (z.changed) z.diff = tfFiles.has(z.index) ? rebaseEach(z.diff, tfFiles.get(z.index)) : rebaseDiff(z.diff, z.file);
    files.diff = files.zones.filter((z) => z.changed).map((z) => z.diff);
  }
  return { report, diagnostics, bytes: files };
}

/**
 * The name a diff gives `file`: relative to the working folder, so that
 * `patch -p1` run there applies it ("a//srv/x.db" or "a/../x.db" would not:
 * patch refuses a name with ".."); a file outside the folder by its own
 * name, to be patched in its folder.
 */
export function diffPath(file, cwd = process.cwd()) {
  const rel = relative(cwd, resolve(cwd, file));
  if (!rel || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return basename(file);
  return rel.split(sep).join('/');
}

// `diff` (a string, or the core's bytes) with its two header lines naming
// diffPath(file) instead of `file` as given, quoted as git quotes a name
// with a control character, a quote, a backslash or any character not ASCII
// (gitQuotedPath): a name with a newline cannot write a header of its own.
function rebaseDiff(diff, file) {
  const to = diffPath(file);
  const head = `--- a/${file}\n+++ b/${file}\n`;
  const next = `--- ${gitQuotedPath(to, 'a/')}\n+++ ${gitQuotedPath(to, 'b/')}\n`;
  if (head === next) return diff;
  if (typeof diff === 'string') return diff.startsWith(head) ? next + diff.slice(head.length) : diff;
  const bytes = Buffer.from(diff.buffer, diff.byteOffset, diff.byteLength);
  const old = Buffer.from(head);
  return bytes.subarray(0, old.length).equals(old) ? Buffer.concat([Buffer.from(next), bytes.subarray(old.length)]) : diff;
}

// A value Terraform fills in, left out of the check: "main.tf:4:1: warning: ... [terraform-unknown]".
export function terraformWarning(d, files, lang) {
  const where = `${displayText(files[d.file] ?? '?')}${d.line ? `:${d.line}:${d.column}` : ''}`;
  return `${where}: ${cliMessage('terraform.warning', lang, { resource: d.detail, attribute: d.field, value: JSON.stringify(d.token) })} [${d.code}]`;
}

/** The words of an error analyse() throws, in `lang`. */
export function errorText(e, lang, domain = '') {
  // The command line words the refusals of the session and the report itself, as before the
  // flow was shared; a DNS failure keeps the driver's words.
  // A zone-as-code file refused before it was read (www/lib/as-code/index.js sourceAsZone).
  if (e instanceof CheckError && e.code === 'not-a-zone' && !e.cause) return inputMessage(e.values.kind, lang, quotedText(e.values.file), { ...e.values, token: quotedText(String(e.values.token ?? '')) });
  if (e instanceof CheckError && e.cause) e = e.cause;
  // Names and values from the command line or the input, escaped as diagnostics are
  // (name-safety.js): no control or bidi character reaches the terminal.
  if (e instanceof NotAZoneError) return inputMessage(e.kind, lang, quotedText(e.file));
  if (e instanceof TerraformError) return cliMessage(`terraform.errors.${e.code}`, lang, { file: displayText(e.values.file ?? ''), line: e.values.line ?? 0, column: e.values.column ?? 0, detail: displayText(e.values.detail ?? '') });
  if (e instanceof InputError) return reportMessage(`report.errors.${e.code}`, lang, { detail: displayText(e.detail), limit: MAX_INPUT_BYTES });
  if (e instanceof SessionError) return sessionMessage('errors', e.code, lang, quotedText(domain));
  if (e instanceof ReportError) return reportMessage(`report.errors.${e.code}`, lang, { detail: quotedText(e.message.replace(/^.*: /, '')) });
  return displayText(e.message);
}

/** The one-line result of a zone in a batch: {file, domain, verdict, summary, rules, error}. */
export function zoneResult(file, report, error = null) {
  if (error) return { file, domain: null, verdict: null, summary: null, rules: [], error };
  return {
    file,
    domain: report.domain,
    verdict: report.verdict?.state ?? null,
    summary: report.summary,
    rules: [...new Set(report.findings.map((f) => f.rule))].sort(),
    error: null,
  };
}

const ANSI = { critical: '1;31', warning: '33', info: '36', heading: '1', add: '32', remove: '31', modify: '33', dim: '2' };

function painter(stream, env) {
  const force = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0';
  const on = (stream.isTTY || force) && !(env.NO_COLOR !== undefined && env.NO_COLOR !== '');
  return on ? (kind, text) => (ANSI[kind] ? `\x1b[${ANSI[kind]}m${text}\x1b[0m` : text) : (_k, text) => text;
}

function write(stream, text) {
  return new Promise((res) => (stream.write(text) ? res() : stream.once('drain', res)));
}

function progress(lang) {
  const tty = process.stderr.isTTY;
  let shown = '';
  const fn = (p) => {
    const line = progressMessage(p, lang);
    if (tty) process.stderr.write(`\r${line} `);
    else if (p.answered === p.total && shown !== line) process.stderr.write(`${line}\n`);
    shown = line;
  };
  fn.end = () => tty && shown && process.stderr.write('\n');
  return fn;
}

/** `mxray check ARGS`: returns the exit status. */
export async function runCheck(argv, env = process.env) {
  const argLang = cliLanguage(argv, env);
  let o;
  try {
    o = parseCheckArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`mxray: ${displayText(e.text(argLang), true)}\n${checkUsage(argLang)}\n`);
    return 2;
  }
  const lang = o.lang || argLang;
  if (o.help) {
    process.stdout.write(checkUsage(lang) + '\n');
    return 0;
  }
  // Every value in `text` is escaped where it is filled in; this keeps any other control
  // character (of an error's own message, say) off the terminal too.
  const fail = (text) => {
    process.stderr.write(`mxray: ${displayText(text, true)}\n`);
    return 2;
  };
  if (o.origin !== null && !isIP(o.origin)) return fail(reportMessage('report.errors.bad-origin', lang, { detail: quotedText(o.origin) }));
  const live = o.zoneDir ? o.live : Boolean(o.domain) && !o.offline;
  let resolver = null;
  if (live) {
    try {
      resolver = o.server ? serverTarget(o.server) : resolveResolver(o.resolver, 'wire');
    } catch (e) {
      if (!(e instanceof ResolverError)) throw e;
      return fail(cliMessage(`resolver.${e.code}`, lang, e.values));
    }
  }
  if (o.zoneDir) return batch(o, { lang, live, resolver, style: painter(process.stdout, env) });
  if (['diff', 'zone', 'cloudflare-import'].includes(o.format) && !o.zones.length) {
    return fail(reportMessage('report.errors.no-zone-for-format', lang, { detail: o.format }));
  }

  const { core, error: notBuilt } = await cliCore(lang);
  if (notBuilt) return fail(notBuilt);
  if (o.authoritative) {
    // The DoH resolver finds the servers; the check then asks the first that answers.
    let found;
    try {
      found = await authoritativeServer(core, o.domain, resolver, { timeoutMs: o.timeout });
    } catch (e) {
      if (e instanceof SessionError) return fail(sessionMessage('errors', e.code, lang, quotedText(o.domain)));
      throw e;
    }
    if (found.error) return fail(cliMessage(found.error, lang, found.values));
    process.stderr.write(`mxray: ${cliMessage('checkServer.used', lang, { host: found.host, server: found.target.url })}\n`);
    resolver = found.target;
  }
  const onProgress = live ? progress(lang) : undefined;
  let result;
  try {
    const wantBytes = BYTE_FORMATS.has(o.format) || o.format === 'json';
    result = await analyse(core, { zones: o.zones, domain: o.domain, live, resolver, timeout: o.timeout, panel: o.panel, origin: o.origin ?? '', lang, onProgress, wantBytes, includeRoot: o.includeRoot, askPtr: o.askPtr, padding: o.padding, authoritative: Boolean(o.server) || o.authoritative });
  } catch (e) {
    onProgress?.end();
    // A programming error inside the flow's DNS step is not the person's to read.
    if (e instanceof CheckError && (e.cause instanceof TypeError || e.cause instanceof RangeError)) throw e.cause;
    if (e instanceof InputError || e instanceof CheckError) return fail(errorText(e, lang, o.domain));
    if (e instanceof Error && !(e instanceof TypeError) && !(e instanceof RangeError)) return fail(e.message);
    throw e;
  }
  onProgress?.end();
  const { report, diagnostics, bytes } = result;
  // The probe's results are evidence: report.probe, and a step in each finding about the name.
  if (o.probe) feedProbe(report, await runProbe(report, { timeout: o.probeTimeout }));
  for (const line of diagnostics) process.stderr.write(line + '\n');

  if (o.format === 'json') {
    await writeReportJson(process.stdout, report, bytes);
    return exitStatus(report, o.failOn);
  }
  // A file (a diff, a zone, a batch, a script, a plan) carries no verdict: when the check
  // could not tell, standard error says so and what was not looked at, so that an empty
  // diff or batch with exit status 3 is never read as "nothing to change".
  if (VERDICTLESS_FORMATS.has(o.format) && report.verdict?.state === 'could-not-tell') {
    const nameServer = o.server || o.authoritative ? { nameServer: (key) => nameServerMessage(key, lang) } : {};
    const lines = renderVerdict(report, { lang, ...nameServer }).filter((l) => l !== '');
    process.stderr.write(`mxray: ${lines.join('\n')}\n`);
  }
  // A `terraform show -json` input is state: its fix is the .tf's to make, not a patch of it.
  if (['diff', 'zone'].includes(o.format)) {
    for (const z of report.inputs?.zones ?? []) if (z.format === 'terraform-show-json' && report.fix?.edits?.some((e) => e.zone === z.index)) process.stderr.write(`mxray: ${cliMessage(z.terraform?.show === 'plan' ? 'terraform.plan-no-patch' : 'terraform.state-no-patch', lang, { file: displayText(z.files?.[0] ?? '') })}\n`);
  }
  const out = BYTE_FORMATS.has(o.format) ? byteOutput(bytes, o.format) : await formatOutput(report, o, lang, painter(process.stdout, env));
  if (out === null && o.format === 'cloudflare-import' && bytes?.zones.length) {
    // The import file holds only records to add: a fix that adds none has no file.
    process.stderr.write(`mxray: ${cliMessage('notes.nothing-to-import', lang)}\n`);
    return exitStatus(report, o.failOn);
  }
  if (out === null) return fail(reportMessage('report.errors.no-zone-for-format', lang, { detail: o.format }));
  await write(process.stdout, out);
  return exitStatus(report, o.failOn);
}

/**
 * The whole report as JSON (indented by two), with the corrected zones' text and the import
 * file put back from the fix's bytes as they are written: decoded as UTF-8 (a byte that is not
 * becomes U+FFFD, as TextDecoder does) and escaped a mebibyte at a time. Escaped whole, a zone
 * of control characters passes V8's longest string at about 90 MB (each is six characters as
 * \u0001); written so, any zone the check reads comes out, in bounded memory.
 */
export async function writeReportJson(stream, report, fix) {
  const texts = [];
  const nonce = randomUUID(); // marks where a text goes; no text of the report can hold it
  const slot = (bytes) => {
    texts.push(bytes);
    return `mxray-text-${nonce}-${texts.length - 1}`;
  };
  const copy = { ...report, fix: { ...report.fix } };
  copy.fix.zones = (report.fix?.zones ?? []).map((z) => {
    const bytes = fix?.zones.find((b) => b.index === z.index)?.text;
    return bytes ? { text: slot(bytes), ...z } : z;
  });
  if (fix?.cloudflareImport) copy.fix.cloudflare_import = slot(fix.cloudflareImport);
  const parts = (jsonEscaped(JSON.stringify(copy, null, 2)) + '\n').split(new RegExp(`"mxray-text-${nonce}-(\\d+)"`));
  for (let i = 0; i < parts.length; i++) {
    if (i % 2 === 0) await write(stream, parts[i]);
    else await writeJsonString(stream, texts[Number(parts[i])]);
  }
}

const TEXT_CHUNK = 1 << 20;

async function writeJsonString(stream, bytes) {
  const decoder = new TextDecoder('utf-8'); // streaming: no chunk ends inside a character
  await write(stream, '"');
  for (let at = 0; at < bytes.length; at += TEXT_CHUNK) {
    const text = decoder.decode(bytes.subarray(at, at + TEXT_CHUNK), { stream: true });
    await write(stream, jsonEscaped(JSON.stringify(text).slice(1, -1)));
  }
  const rest = decoder.decode();
  await write(stream, jsonEscaped(JSON.stringify(rest).slice(1, -1)) + '"');
}

/**
 * The address of a rule's page from --rule-url's template, where {lang} and
 * {rule} stand for the language and the rule id ("https://…/rules/{lang}/{rule}.html");
 * null when there is no template, or when it does not make an http(s) address that names the rule.
 */
export function rulePageOf(template) {
  if (template === null || template === undefined || !template.includes('{rule}')) return null;
  const page = (lang, rule) => {
    try {
      const url = new URL(template.replaceAll('{lang}', lang).replaceAll('{rule}', rule));
      return ['https:', 'http:'].includes(url.protocol) ? url.href : null;
    } catch {
      return null;
    }
  };
  return page('en', 'mx-target-proxied') ? page : null;
}

/** mxray's version, as package.json gives it (tests/js/package.test.mjs holds `mxray --version` to it). */
export const packageVersion = () => JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;

// A zone file as SARIF names it: relative to the working folder as in the diff's headers
// (diffPath), each segment percent-encoded, so that no name can break the URI.
const sarifPath = (file) => diffPath(file).split('/').map(encodeURIComponent).join('/');

// Formats that are files: written from the fix's bytes, so a zone that is not UTF-8 comes out
// exactly as it went in, but for the edited lines.
const BYTE_FORMATS = new Set(['diff', 'zone', 'cloudflare-import']);

// Formats whose output holds no verdict (text, json, markdown, sarif and jsonl do).
const VERDICTLESS_FORMATS = new Set([...BYTE_FORMATS, 'cloudflare-batch', 'curl', 'plan']);

function byteOutput(fix, format) {
  switch (format) {
    case 'diff':
      return Buffer.concat(fix.diff);
    case 'zone':
      if (fix.zones.length === 1) return Buffer.from(fix.zones[0].text);
      // The name in display form: a newline in it cannot start a record line.
      return Buffer.concat(fix.zones.flatMap((z) => [Buffer.from(`;; mxray: ${displayText(z.file)}${z.changed ? '' : ' (unchanged)'}\n`), z.text]));
    default:
      return fix.cloudflareImport ? Buffer.from(fix.cloudflareImport) : null;
  }
}

async function formatOutput(report, o, lang, style) {
  switch (o.format) {
    case 'jsonl':
      return jsonEscaped(JSON.stringify(zoneResult(o.zones[0] ?? null, report))) + '\n';
    case 'cloudflare-batch':
      return jsonEscaped(JSON.stringify(report.fix.cloudflare_batch, null, 2)) + '\n';
    case 'curl':
      return report.fix.curl;
    case 'plan':
      return renderPlan(report, { lang, style }).join('\n') + '\n';
    case 'markdown':
      return renderMarkdown(report, { lang, rulePage: rulePageOf(o.ruleUrl), ...(o.server || o.authoritative ? { nameServer: (key) => nameServerMessage(key, lang) } : {}) });
    case 'sarif':
      return jsonEscaped(JSON.stringify(renderSarif(report, { lang, version: packageVersion(), path: sarifPath, rulePage: rulePageOf(o.ruleUrl), ...(o.server || o.authoritative ? { nameServer: (key) => nameServerMessage(key, lang) } : {}) }), null, 2)) + '\n';
    default:
      // Asked of a name server directly: its words, never "resolver".
      return renderReport(report, { lang, style, cli: true, ...(o.server || o.authoritative ? { nameServer: (key) => nameServerMessage(key, lang) } : {}) });
  }
}
