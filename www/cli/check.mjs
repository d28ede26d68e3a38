// `mxray check`: findings, evidence and the fix for one domain, or for every
// zone file of a folder (--zone-dir, both CPU cores through worker threads).
// The words come from www/lib/report-text.js and messages.js, shared with the
// website; this file owns the I/O: files, DNS, terminal, exit status.
import { randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import { cliCore } from './core.mjs';
import { includeResolver } from './include-files.mjs';
import { batch } from './batch.mjs';
import { feedBytes, zoneDomain } from '../lib/zone-input.js';
import { createSession, SessionError, ReportError } from '../lib/session.js';
import { runSession, resolveResolver, ResolverError } from '../lib/doh-driver.js';
import { MAX_INPUT_BYTES } from '../lib/site-check.js';
import { formatDiagnostic, reportMessage, sessionMessage } from '../lib/messages.js';
import { UsageError, cliLanguage, cliMessage } from '../lib/cli-messages.js';
import { SEVERITIES, failsAt, renderPlan, renderReport } from '../lib/report-text.js';

export const OUTPUT_FORMATS = ['text', 'json', 'diff', 'zone', 'cloudflare-import', 'cloudflare-batch', 'curl', 'plan', 'jsonl'];
export const PANELS = ['auto', 'none', 'cpanel', 'plesk', 'directadmin'];

/** The usage text of `mxray check` in `lang`. */
export const checkUsage = (lang = 'en') =>
  cliMessage('checkUsage', lang, { panels: PANELS.join(', '), formats: OUTPUT_FORMATS.join(', '), severities: SEVERITIES.join(', ') });

export function parseCheckArgs(argv) {
  const o = {
    zones: [], domain: '', zoneDir: '', offline: false, live: false, resolver: 'cloudflare', timeout: 5000,
    origin: null, panel: 'auto', format: 'text', lang: null, failOn: 'critical', help: false,
  };
  const args = [...argv];
  const value = (a, flag) => {
    if (a.startsWith(`${flag}=`)) return a.slice(flag.length + 1);
    if (!args.length) throw new UsageError('needs-value', { flag });
    return args.shift();
  };
  const is = (a, flag) => a === flag || a.startsWith(`${flag}=`);
  while (args.length) {
    const a = args.shift();
    if (is(a, '--zone')) o.zones.push(value(a, '--zone'));
    else if (is(a, '--domain')) o.domain = value(a, '--domain');
    else if (is(a, '--zone-dir')) o.zoneDir = value(a, '--zone-dir');
    else if (a === '--offline') o.offline = true;
    else if (a === '--live') o.live = true;
    else if (is(a, '--resolver')) o.resolver = value(a, '--resolver');
    else if (is(a, '--timeout')) {
      const v = value(a, '--timeout');
      o.timeout = Number(v);
      if (!Number.isInteger(o.timeout) || o.timeout < 100 || o.timeout > 120000)
        throw new UsageError('bad-timeout', { value: v });
    } else if (is(a, '--origin')) o.origin = value(a, '--origin');
    else if (is(a, '--panel')) {
      o.panel = value(a, '--panel');
      if (!PANELS.includes(o.panel)) throw new UsageError('unknown-panel', { value: o.panel });
    } else if (is(a, '--format')) {
      o.format = value(a, '--format');
      if (!OUTPUT_FORMATS.includes(o.format)) throw new UsageError('unknown-format', { value: o.format });
    } else if (is(a, '--lang')) {
      o.lang = value(a, '--lang');
      if (!['en', 'ja'].includes(o.lang)) throw new UsageError('unknown-language', { value: o.lang });
    } else if (is(a, '--fail-on')) {
      o.failOn = value(a, '--fail-on');
      if (!SEVERITIES.includes(o.failOn)) throw new UsageError('bad-fail-on', { severities: SEVERITIES.join(', '), value: o.failOn });
    } else if (a === '-h' || a === '--help') o.help = true;
    else if (a.startsWith('-')) throw new UsageError('unknown-option', { value: a });
    else throw new UsageError('unexpected-argument', { value: a });
  }
  if (o.zoneDir) {
    if (o.zones.length || o.domain) throw new UsageError('zone-dir-alone');
    if (!['text', 'jsonl'].includes(o.format)) throw new UsageError('zone-dir-format', { value: o.format });
    if (o.live && o.offline) throw new UsageError('live-and-offline');
  } else {
    if (o.live) throw new UsageError('live-without-zone-dir');
    if (!o.zones.length && !o.domain && !o.help) throw new UsageError('check-needs-input');
    if (!o.zones.length && o.offline) throw new UsageError('offline-needs-zone');
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

// Reads one zone file whole (the report needs its text) into a ZoneReader.
export function loadZone(core, file, { domain = '', byName = false, room = MAX_INPUT_BYTES } = {}) {
  const bytes = readInput(file, room);
  // Only the head says what the file is (the whole text as one string would
  // pass V8's 512 MiB string limit).
  const head = bytes.subarray(0, 1 << 16).toString('utf8');
  const json = /^\s*[[{]/.test(head);
  const found = json ? { domain: '', stated: true } : zoneDomain(head, file, byName);
  // The origin for relative names, when the file does not state its own.
  const origin = found.stated ? '' : domain || found.domain;
  const includes = includeResolver(file);
  const reader = new core.ZoneReader(file, JSON.stringify({ origin, format: 'auto' }), includes);
  feedBytes(core, reader, bytes);
  reader.finish();
  return { reader, bytes, domain: found.domain };
}

/**
 * One check, start to end: zones read, DNS asked (when live), report built.
 * The report leaves out the corrected zones' text and the import file (the report option
 * texts: false): escaped as JSON they can pass the longest string V8 holds, and only the
 * formats that write files need them, which take them as bytes.
 * @returns {{report, diagnostics: string[], bytes}} diagnostics formatted in `lang`; bytes: the
 *   fix byte for byte (session.fixBytes()) when `wantBytes`, else null
 * @throws InputError, SessionError, ReportError, or a resolver Error
 */
export async function analyse(core, { zones = [], domain = '', live = false, resolver = null, timeout = 5000, panel = 'auto', origin = '', byName = false, lang = 'en', onProgress, wantBytes = false }) {
  const t0 = performance.now();
  const loaded = [];
  let session;
  try {
    let room = MAX_INPUT_BYTES;
    for (const file of zones) {
      loaded.push(loadZone(core, file, { domain, byName, room }));
      room -= loaded.at(-1).bytes.length;
    }
    const diagnostics = [];
    for (const z of loaded) {
      const summary = JSON.parse(z.reader.summaryJson());
      for (const d of summary.diagnostics) diagnostics.push(formatDiagnostic(d, summary.files, lang));
    }
    const t1 = performance.now();
    const name = domain || (byName && loaded[0]?.domain) || '';
    session = createSession(core, { domain: name, zones: loaded.map((z) => z.reader), options: { live } });
    let dns = null;
    if (live) dns = await runSession(session, { resolver: resolver.url, format: resolver.format, timeoutMs: timeout, onProgress });
    const t2 = performance.now();
    // The files' own bytes: the fix splices them at byte offsets, and a zone that is not UTF-8
    // stays exact only this way.
    const texts = loaded.map((z) => z.bytes);
    const report = session.report(texts, { panel, origin, texts: false });
    const bytes = wantBytes ? session.fixBytes(texts, { panel, origin }) : null;
    const t3 = performance.now();
    report.resolver = live ? { url: resolver.url, format: resolver.format } : null;
    const ms = (x) => Math.round(x * 10) / 10;
    report.timings = { read_ms: ms(t1 - t0), dns_ms: ms(t2 - t1), report_ms: ms(t3 - t2), total_ms: ms(t3 - t0) };
    if (dns) report.timings.dns_requests = dns.requests ?? undefined;
    return { report, diagnostics, bytes };
  } finally {
    session?.dispose();
    for (const z of loaded) z.reader.delete();
  }
}

/** The words of an error analyse() throws, in `lang`. */
export function errorText(e, lang, domain = '') {
  if (e instanceof InputError) return reportMessage(`report.errors.${e.code}`, lang, { detail: e.detail, limit: MAX_INPUT_BYTES });
  if (e instanceof SessionError) return sessionMessage('errors', e.code, lang, JSON.stringify(domain));
  if (e instanceof ReportError) return reportMessage(`report.errors.${e.code}`, lang, { detail: JSON.stringify(e.message.replace(/^.*: /, '')) });
  return e.message;
}

/** The one-line result of a zone in a batch: {file, domain, summary, rules, error}. */
export function zoneResult(file, report, error = null) {
  if (error) return { file, domain: null, summary: null, rules: [], error };
  return {
    file,
    domain: report.domain,
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
  const fn = ({ round, answered, total }) => {
    const line = reportMessage('report.progress', lang, { round, answered, total });
    if (tty) process.stderr.write(`\r${line} `);
    else if (answered === total && shown !== line) process.stderr.write(`${line}\n`);
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
    process.stderr.write(`mxray: ${e.text(argLang)}\n${checkUsage(argLang)}\n`);
    return 2;
  }
  const lang = o.lang || argLang;
  if (o.help) {
    process.stdout.write(checkUsage(lang) + '\n');
    return 0;
  }
  const fail = (text) => {
    process.stderr.write(`mxray: ${text}\n`);
    return 2;
  };
  if (o.origin !== null && !isIP(o.origin)) return fail(reportMessage('report.errors.bad-origin', lang, { detail: JSON.stringify(o.origin) }));
  const live = o.zoneDir ? o.live : Boolean(o.domain) && !o.offline;
  let resolver = null;
  if (live) {
    try {
      resolver = resolveResolver(o.resolver, 'wire');
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
  const onProgress = live ? progress(lang) : undefined;
  let result;
  try {
    const wantBytes = BYTE_FORMATS.has(o.format) || o.format === 'json';
    result = await analyse(core, { zones: o.zones, domain: o.domain, live, resolver, timeout: o.timeout, panel: o.panel, origin: o.origin ?? '', lang, onProgress, wantBytes });
  } catch (e) {
    onProgress?.end();
    if (e instanceof InputError || e instanceof SessionError || e instanceof ReportError) return fail(errorText(e, lang, o.domain));
    if (e instanceof Error && !(e instanceof TypeError) && !(e instanceof RangeError)) return fail(e.message);
    throw e;
  }
  onProgress?.end();
  const { report, diagnostics, bytes } = result;
  for (const line of diagnostics) process.stderr.write(line + '\n');

  if (o.format === 'json') {
    await writeReportJson(process.stdout, report, bytes);
    return failsAt(report, o.failOn) ? 1 : 0;
  }
  const out = BYTE_FORMATS.has(o.format) ? byteOutput(bytes, o.format) : await formatOutput(report, o, lang, painter(process.stdout, env));
  if (out === null) return fail(reportMessage('report.errors.no-zone-for-format', lang, { detail: o.format }));
  await write(process.stdout, out);
  return failsAt(report, o.failOn) ? 1 : 0;
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
  const parts = (JSON.stringify(copy, null, 2) + '\n').split(new RegExp(`"mxray-text-${nonce}-(\\d+)"`));
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
    await write(stream, JSON.stringify(text).slice(1, -1));
  }
  const rest = decoder.decode();
  await write(stream, JSON.stringify(rest).slice(1, -1) + '"');
}

// Formats that are files: written from the fix's bytes, so a zone that is not UTF-8 comes out
// exactly as it went in, but for the edited lines.
const BYTE_FORMATS = new Set(['diff', 'zone', 'cloudflare-import']);

function byteOutput(fix, format) {
  const changed = fix.zones.filter((z) => z.changed);
  switch (format) {
    case 'diff':
      return Buffer.concat(changed.map((z) => z.diff));
    case 'zone':
      if (fix.zones.length === 1) return Buffer.from(fix.zones[0].text);
      return Buffer.concat(fix.zones.flatMap((z) => [Buffer.from(`;; mxray: ${z.file}${z.changed ? '' : ' (unchanged)'}\n`), z.text]));
    default:
      return fix.cloudflareImport ? Buffer.from(fix.cloudflareImport) : null;
  }
}

async function formatOutput(report, o, lang, style) {
  switch (o.format) {
    case 'jsonl':
      return JSON.stringify(zoneResult(o.zones[0] ?? null, report)) + '\n';
    case 'cloudflare-batch':
      return JSON.stringify(report.fix.cloudflare_batch, null, 2) + '\n';
    case 'curl':
      return report.fix.curl;
    case 'plan':
      return renderPlan(report, { lang, style }).join('\n') + '\n';
    default:
      return renderReport(report, { lang, style, cli: true });
  }
}
