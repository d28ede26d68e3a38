#!/usr/bin/env node
// mxray command line: the same wasm core and driver as the website.
//   node www/cli/mxray.mjs dump [--origin NAME] [--generic] [--format F] FILE...
//   node www/cli/mxray.mjs facts [--zone FILE]... [--resolver R] [--doh-format F] [--domain NAME | DOMAIN]
//   node www/cli/mxray.mjs check [--zone FILE]... [--domain NAME] [--format F] ... (check.mjs)
// Exit status: 0 clean; 1 when a record was rejected (dump) or a DNS fact is
// unknown (facts); 2 on usage, file or resolver errors.
import { openSync, readFileSync, readSync, closeSync, statSync } from 'node:fs';
import { cliCore } from './core.mjs';
import { includeResolver } from './include-files.mjs';
import { formatDiagnostic, inputMessage, reportMessage, sessionMessage } from '../lib/messages.js';
import { NotAZoneError, classify, readableSource } from '../lib/input.js';
import { MAX_INPUT_BYTES } from '../lib/check.js';
import { feedBytes, feedFromFd } from '../lib/zone-input.js';
import { createSession, SessionError } from '../lib/session.js';
import { runSession, resolveResolver, ResolverError } from '../lib/doh-driver.js';
import { http2FetchFor } from './doh-http2.mjs';
import { factsNotes } from './authoritative.mjs';
import { UsageError, cliLanguage, cliMessage } from '../lib/cli-messages.js';
import { parseCommandLine } from './args.mjs';
import { displayText, jsonEscaped, quotedText } from '../lib/name-safety.js';

const VERSION = '0.1.0';
const FORMATS = ['auto', 'bind', 'cloudflare', 'cloudflare-json'];
const CHUNK = 1 << 20;
const PAGE = 20000; // records per call into the core

const usageText = (lang) => `${cliMessage('usage', lang, { formats: FORMATS.join(', ') })}\n\n${cliMessage('server.usage', lang)}\n\n${cliMessage('verify.usage', lang)}`;

// The options of dump and facts, for parseArgs.
const OPTIONS = {
  origin: { type: 'string' },
  generic: { type: 'boolean' },
  format: { type: 'string' },
  lang: { type: 'string' },
  zone: { type: 'string', multiple: true },
  domain: { type: 'string' },
  resolver: { type: 'string' },
  'doh-format': { type: 'string' },
  timeout: { type: 'string' },
  offline: { type: 'boolean' },
  'include-root': { type: 'string' },
  'ask-ptr': { type: 'boolean' },
  'no-padding': { type: 'boolean' },
  server: { type: 'string', multiple: true },
  authoritative: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

// argv[0] is the command; the files (dump) or the domain (facts) are the positionals.
function parseArgs(argv) {
  const [command, ...rest] = argv;
  const { values: v, positionals } = parseCommandLine(rest, OPTIONS, true);
  const opts = {
    command, origin: v.origin ?? '', generic: v.generic ?? false, format: v.format ?? 'auto', lang: v.lang ?? null, files: positionals,
    zones: v.zone ?? [], domain: v.domain ?? '', resolver: v.resolver ?? 'cloudflare', dohFormat: v['doh-format'] ?? 'wire', timeout: 5000,
    offline: v.offline ?? false, help: v.help ?? false, includeRoot: v['include-root'] ?? null,
    askPtr: v['ask-ptr'] ?? false, padding: !(v['no-padding'] ?? false),
    servers: v.server ?? [], authoritative: v.authoritative ?? false,
  };
  if (!FORMATS.includes(opts.format)) throw new UsageError('unknown-format', { value: opts.format });
  if (opts.lang !== null && !['en', 'ja'].includes(opts.lang)) throw new UsageError('unknown-language', { value: opts.lang });
  if (!['wire', 'json'].includes(opts.dohFormat)) throw new UsageError('unknown-doh-format', { value: opts.dohFormat });
  if (v.timeout !== undefined) {
    opts.timeout = Number(v.timeout);
    if (!Number.isInteger(opts.timeout) || opts.timeout < 100 || opts.timeout > 120000) throw new UsageError('bad-timeout', { value: v.timeout });
  }
  return opts;
}

function write(stream, text) {
  // Respect back-pressure so a million records do not pile up in memory.
  return new Promise((res) => (stream.write(text) ? res() : stream.once('drain', res)));
}

// Up to `limit` bytes of `fd` (fewer at its end), as `check` reads its head.
function readUpTo(fd, limit) {
  const out = Buffer.alloc(limit);
  let have = 0;
  while (have < limit) {
    let n;
    try {
      n = readSync(fd, out, have, limit - have, null);
    } catch (e) {
      if (e.code === 'EAGAIN') continue;
      if (e.code === 'EOF') break;
      throw e;
    }
    if (n === 0) break;
    have += n;
  }
  return out.subarray(0, have);
}

// What the core looks at to tell what a file is (www/lib/input.js), and one byte more, so
// that it knows whether it saw the whole file.
const HEAD_BYTES = 8192 + 1;

// Reads FILE into the core in chunks; $INCLUDE paths resolve from its folder
// and are read only under it, or under --include-root. Told first, as `check` tells
// its zones: a file that is not a zone (empty, a web page, a picture…) is refused
// (NotAZoneError), and UTF-16 or gzip is decoded, so that dump and facts read what
// check reads.
async function readZone(core, file, opts) {
  const includes = includeResolver(file, { root: opts.includeRoot });
  const fd = file === '-' ? 0 : openSync(file, 'r');
  try {
    const head = readUpTo(fd, HEAD_BYTES);
    const kind = classify(core, new Uint8Array(head.buffer, head.byteOffset, head.length));
    let whole = null;
    if (kind !== 'text') {
      // Converted whole (within check's limit), or refused by readableSource.
      const rest = head.length < HEAD_BYTES ? Buffer.alloc(0) : readUpTo(fd, MAX_INPUT_BYTES + 1 - head.length);
      const all = Buffer.concat([head, rest]);
      if (all.length > MAX_INPUT_BYTES) throw new NotAZoneError(file, 'too-large-inflated');
      whole = (await readableSource(core, { name: file, bytes: new Uint8Array(all.buffer, all.byteOffset, all.length) }, MAX_INPUT_BYTES)).bytes;
    }
    const reader = new core.ZoneReader(file, JSON.stringify({ origin: opts.origin, format: opts.format }), includes);
    try {
      if (whole) feedBytes(core, reader, whole);
      else {
        if (head.length) feedBytes(core, reader, head);
        if (head.length === HEAD_BYTES) feedFromFd(core, reader, fd, readSync, CHUNK);
      }
      reader.finish();
    } catch (e) {
      reader.delete();
      throw e;
    }
    return reader;
  } finally {
    if (fd !== 0) closeSync(fd);
  }
}

// Reads every --zone into `readers` (the caller deletes them), their diagnostics on
// standard error; the words of the first file that cannot be read, or null.
async function readZones(core, opts, lang, readers) {
  for (const file of opts.zones) {
    const problem = fileProblem(file, lang);
    if (problem) return problem;
    let reader;
    try {
      reader = await readZone(core, file, opts);
    } catch (e) {
      if (e instanceof NotAZoneError) return inputMessage(e.kind, lang, quotedText(e.file));
      throw e;
    }
    readers.push(reader);
    const summary = JSON.parse(reader.summaryJson());
    for (const d of summary.diagnostics) process.stderr.write(formatDiagnostic(d, summary.files, lang) + '\n');
  }
  return null;
}

// A zone-as-code file read as the zone it describes (www/lib/as-code/index.js, loaded
// only for such a file): {reader, place(diagnostic), warnings}, or null for a file of no tool.
async function asCodeZone(core, file, opts, lang) {
  const { asCodeAsZone } = await import('../lib/as-code/index.js');
  const { parseHcl, terraformWarning } = await import('./check.mjs');
  const zone = await asCodeAsZone(file, new Uint8Array(readFileSync(file)), { domain: opts.origin, parseHcl });
  if (!zone) return null;
  const reader = new core.ZoneReader(file, JSON.stringify({ origin: zone.origin || opts.origin, format: 'auto' }), null);
  try {
    feedBytes(core, reader, zone.bytes);
    reader.finish();
  } catch (e) {
    reader.delete();
    throw e;
  }
  const place = (d) => {
    const at = Number.isInteger(d.line) && d.line > 0 ? zone.placeOf(d.line) : null;
    if (!at) return d;
    const out = { ...d, line: at.line ?? 0, column: at.column ?? 0 };
    if (Number.isInteger(d.record_line)) out.record_line = at.line ?? 0;
    return out;
  };
  const warnings = zone.unknown.map((u) => terraformWarning({ file: 0, line: u.line ?? 0, column: 1, detail: u.address, field: u.attribute, token: u.value, code: 'terraform-unknown' }, [file], lang));
  return { reader, place, warnings };
}

// Why `file` cannot be read as a zone, in words, or null. The name is escaped as
// diagnostics are (name-safety.js): it may hold any character.
function fileProblem(file, lang) {
  try {
    return statSync(file).isFile() ? null : reportMessage('report.errors.not-file', lang, { detail: displayText(file) });
  } catch (e) {
    return reportMessage(e.code === 'ENOENT' ? 'report.errors.no-file' : 'report.errors.unreadable', lang, { detail: displayText(file) });
  }
}

// Writes "mxray: <text>" (and the usage, for a usage error) to stderr; exit status 2.
// The values in `text` are escaped where they are filled in; this keeps any other
// control character off the terminal too.
function fail(text, usage = '') {
  process.stderr.write(`mxray: ${displayText(text, true)}\n${usage ? usage + '\n' : ''}`);
  return 2;
}

async function dump(core, opts, lang) {
  let rejected = false;
  for (const file of opts.files) {
    const problem = file === '-' ? null : fileProblem(file, lang);
    if (problem) return fail(problem);
    // A zone-as-code file (octoDNS YAML, Terraform .tf or show -json) as the zone it describes.
    let asCoded = null;
    if (file !== '-' && /\.(ya?ml|tf|json)$/i.test(file)) {
      try {
        asCoded = await asCodeZone(core, file, opts, lang);
      } catch (e) {
        const { errorText } = await import('./check.mjs');
        const { toCheckError } = await import('../lib/as-code/index.js');
        const { CheckError } = await import('../lib/check.js');
        return fail(errorText(toCheckError(e, CheckError), lang));
      }
    }
    let reader = asCoded?.reader;
    if (!reader) {
      try {
        reader = await readZone(core, file, opts);
      } catch (e) {
        if (e instanceof NotAZoneError) return fail(inputMessage(e.kind, lang, quotedText(e.file)));
        throw e;
      }
    }
    try {
      const total = reader.recordCount();
      for (let i = 0; i < total; i += PAGE) await write(process.stdout, reader.dump(i, PAGE, opts.generic));
      const summary = JSON.parse(reader.summaryJson());
      // A converted zone's diagnostics on the file's own lines (a show -json has none).
      if (asCoded) summary.diagnostics = summary.diagnostics.map((d) => asCoded.place(d));
      for (const d of summary.diagnostics) process.stderr.write(formatDiagnostic(d, summary.files, lang) + '\n');
      for (const line of asCoded?.warnings ?? []) process.stderr.write(line + '\n');
      if (summary.errors > 0) rejected = true;
      // Read whole, and nothing in it (comments only, an API answer with "result": []): said,
      // so that an empty output is not taken for a zone dumped.
      if (total === 0 && !summary.diagnostics.length) process.stderr.write(`mxray: ${cliMessage('notes.no-records', lang, { file: quotedText(file) })}\n`);
    } finally {
      reader.delete();
    }
  }
  return rejected ? 1 : 0;
}

// Live DNS facts for one domain: zones first (their names go out in the
// first round), then the rounds of DoH questions.
async function facts(core, opts, lang) {
  // The domain as --domain NAME, as `check` takes it, or as the one positional DOMAIN.
  if (opts.files.length > (opts.domain ? 0 : 1)) return fail(cliMessage('errors.facts-one-domain', lang), usageText(lang));
  const domain = opts.domain || opts.files[0] || '';
  if (!domain && !opts.zones.length) return fail(cliMessage('errors.facts-needs-input', lang), usageText(lang));
  if (opts.servers.length || opts.authoritative) return (await import('./authoritative.mjs')).authoritativeFacts(core, opts, lang, { domain, readZones, fail, write, usageText });
  let resolver;
  try {
    resolver = resolveResolver(opts.resolver, opts.dohFormat);
  } catch (e) {
    if (!(e instanceof ResolverError)) throw e;
    return fail(cliMessage(`resolver.${e.code}`, lang, e.values));
  }
  const readers = [];
  let session;
  try {
    const problem = await readZones(core, opts, lang, readers);
    if (problem) return fail(problem);
    try {
      session = createSession(core, { domain, zones: readers, options: { live: !opts.offline, ask_ptr: opts.askPtr, padding: opts.padding } });
    } catch (e) {
      if (!(e instanceof SessionError)) throw e;
      return fail(sessionMessage('errors', e.code, lang, quotedText(domain)));
    }
    const tty = process.stderr.isTTY;
    await runSession(session, {
      resolver: resolver.url,
      format: resolver.format,
      ...http2FetchFor(resolver), // Quad9: HTTP/2 only
      timeoutMs: opts.timeout,
      onProgress: tty
        ? ({ round, answered, total }) => process.stderr.write(`\r${reportMessage('report.progress', lang, { round, answered, total })} `)
        : undefined,
    });
    if (tty) process.stderr.write('\n');
    const result = session.facts();
    result.resolver = { url: resolver.url, format: resolver.format };
    await write(process.stdout, jsonEscaped(JSON.stringify(result, null, 2)) + '\n');
    process.stderr.write(factsNotes(result.facts, result.domain, lang));
    return result.facts.some((f) => f.state !== 'answered') ? 1 : 0;
  } finally {
    session?.dispose();
    for (const r of readers) r.delete();
  }
}

async function main(argv) {
  // check has options of its own (--origin is the server's address there).
  if (argv[0] === 'check') return (await import('./check.mjs')).runCheck(argv.slice(1));
  if (argv[0] === 'verify') return (await import('./verify.mjs')).runVerify(argv.slice(1));
  const argLang = cliLanguage(argv, process.env);
  let opts;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    return fail(e.text(argLang), usageText(argLang));
  }
  const lang = opts.lang || argLang;
  if (opts.command === '--version') {
    process.stdout.write(`mxray ${VERSION}\n`);
    return 0;
  }
  if (opts.help || opts.command === 'help' || opts.command === '-h' || opts.command === '--help') {
    process.stdout.write(usageText(lang) + '\n');
    return 0;
  }
  if (!opts.command) {
    process.stderr.write(usageText(lang) + '\n');
    return 2;
  }
  if (opts.command !== 'dump' && opts.command !== 'facts') {
    return fail(cliMessage('errors.unknown-command', lang, { value: opts.command }), usageText(lang));
  }
  if (opts.command === 'dump' && !opts.files.length) return fail(cliMessage('errors.dump-needs-file', lang), usageText(lang));
  const { core, error: notBuilt } = await cliCore(lang);
  if (notBuilt) return fail(notBuilt);
  return opts.command === 'facts' ? facts(core, opts, lang) : dump(core, opts, lang);
}

process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
process.exitCode = await main(process.argv.slice(2));
