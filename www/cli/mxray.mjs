#!/usr/bin/env node
// mxray command line: the same wasm core and driver as the website.
//   node www/cli/mxray.mjs dump [--origin NAME] [--generic] [--format F] FILE...
//   node www/cli/mxray.mjs facts [--zone FILE]... [--resolver R] [--doh-format F] [DOMAIN]
//   node www/cli/mxray.mjs check [--zone FILE]... [--domain NAME] [--format F] ... (check.mjs)
// Exit status: 0 clean; 1 when a record was rejected (dump) or a DNS fact is
// unknown (facts); 2 on usage, file or resolver errors.
import { openSync, readSync, closeSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve, isAbsolute } from 'node:path';
import { loadCore } from '../lib/core-node.js';
import { formatDiagnostic, pickLanguage, sessionMessage } from '../lib/messages.js';
import { feedFromFd } from '../lib/zone-input.js';
import { createSession, SessionError } from '../lib/session.js';
import { runSession, resolveResolver } from '../lib/doh-driver.js';

const VERSION = '0.1.0';
const FORMATS = ['auto', 'bind', 'cloudflare', 'cloudflare-json'];
const CHUNK = 1 << 20;
const PAGE = 20000; // records per call into the core

const usage = `usage: mxray <command> [options] FILE...

commands:
  dump      print every record, one per line: owner TTL class type rdata
  facts     ask DNS over HTTPS what the world sees of DOMAIN's mail and
            print the facts as JSON (names from --zone files are asked too)
  check     find what breaks the domain's mail and write the fix
            (mxray check --help for its options)

options:
  --origin NAME   origin for relative names (default: from the file)
  --generic       print RDATA in RFC 3597 form (\\# LEN HEX)
  --format F      input format: ${FORMATS.join(', ')} (default: auto)
  --lang L        message language: en, ja (default: from LANG)
  --zone FILE     (facts) a zone export of the domain; may repeat
  --resolver R    (facts) cloudflare, google, or an https:// DoH URL (default: cloudflare)
  --doh-format F  (facts) wire or json (default: wire)
  --timeout MS    (facts) per-question timeout (default: 5000)
  --offline       (facts) ask nothing; only what the zone files say
  -h, --help      this text
  --version       the version

exit status: 0 clean, 1 some record was rejected or some DNS fact is unknown,
             2 usage, file or resolver error`;

class UsageError extends Error {}

function parseArgs(argv) {
  const opts = {
    origin: '', generic: false, format: 'auto', lang: null, files: [],
    zones: [], resolver: 'cloudflare', dohFormat: 'wire', timeout: 5000, offline: false,
  };
  const args = [...argv];
  const take = (flag) => {
    if (!args.length) throw new UsageError(`${flag} needs a value`);
    return args.shift();
  };
  opts.command = args.shift();
  while (args.length) {
    const a = args.shift();
    if (a === '--') {
      opts.files.push(...args.splice(0));
    } else if (a === '--origin') {
      opts.origin = take(a);
    } else if (a.startsWith('--origin=')) {
      opts.origin = a.slice(9);
    } else if (a === '--generic') {
      opts.generic = true;
    } else if (a === '--format' || a.startsWith('--format=')) {
      opts.format = a === '--format' ? take(a) : a.slice(9);
      if (!FORMATS.includes(opts.format)) throw new UsageError(`unknown format: ${opts.format}`);
    } else if (a === '--lang' || a.startsWith('--lang=')) {
      opts.lang = a === '--lang' ? take(a) : a.slice(7);
      if (!['en', 'ja'].includes(opts.lang)) throw new UsageError(`unknown language: ${opts.lang}`);
    } else if (a === '--zone' || a.startsWith('--zone=')) {
      opts.zones.push(a === '--zone' ? take(a) : a.slice(7));
    } else if (a === '--resolver' || a.startsWith('--resolver=')) {
      opts.resolver = a === '--resolver' ? take(a) : a.slice(11);
    } else if (a === '--doh-format' || a.startsWith('--doh-format=')) {
      opts.dohFormat = a === '--doh-format' ? take(a) : a.slice(13);
      if (!['wire', 'json'].includes(opts.dohFormat)) throw new UsageError(`unknown DoH format: ${opts.dohFormat}`);
    } else if (a === '--timeout' || a.startsWith('--timeout=')) {
      const v = a === '--timeout' ? take(a) : a.slice(10);
      opts.timeout = Number(v);
      if (!Number.isInteger(opts.timeout) || opts.timeout < 100 || opts.timeout > 120000)
        throw new UsageError(`--timeout takes milliseconds between 100 and 120000: ${v}`);
    } else if (a === '--offline') {
      opts.offline = true;
    } else if (a === '-h' || a === '--help') {
      opts.help = true;
    } else if (a.startsWith('-') && a !== '-') {
      throw new UsageError(`unknown option: ${a}`);
    } else {
      opts.files.push(a);
    }
  }
  return opts;
}

function write(stream, text) {
  // Respect back-pressure so a million records do not pile up in memory.
  return new Promise((res) => (stream.write(text) ? res() : stream.once('drain', res)));
}

// Reads FILE into the core in chunks; $INCLUDE paths resolve from its folder.
function readZone(core, file, opts) {
  const base = file === '-' ? process.cwd() : dirname(resolve(file));
  const includes = (path) => {
    const full = isAbsolute(path) ? path : resolve(base, path);
    try {
      return new Uint8Array(readFileSync(full));
    } catch {
      return null;
    }
  };
  const reader = new core.ZoneReader(
    file,
    JSON.stringify({ origin: opts.origin, format: opts.format }),
    includes,
  );
  const fd = file === '-' ? 0 : openSync(file, 'r');
  try {
    feedFromFd(core, reader, fd, readSync, CHUNK);
  } finally {
    if (fd !== 0) closeSync(fd);
  }
  reader.finish();
  return reader;
}

async function dump(core, opts, lang) {
  let rejected = false;
  for (const file of opts.files) {
    if (file !== '-') {
      try {
        if (!statSync(file).isFile()) throw Object.assign(new Error('not a regular file'), { code: 'EISDIR' });
      } catch (e) {
        process.stderr.write(`mxray: ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}\n`);
        return 2;
      }
    }
    const reader = readZone(core, file, opts);
    try {
      const total = reader.recordCount();
      for (let i = 0; i < total; i += PAGE) await write(process.stdout, reader.dump(i, PAGE, opts.generic));
      const summary = JSON.parse(reader.summaryJson());
      for (const d of summary.diagnostics) process.stderr.write(formatDiagnostic(d, summary.files, lang) + '\n');
      if (summary.errors > 0) rejected = true;
    } finally {
      reader.delete();
    }
  }
  return rejected ? 1 : 0;
}

// Live DNS facts for one domain: zones first (their names go out in the
// first round), then the rounds of DoH questions.
async function facts(core, opts, lang) {
  if (opts.files.length > 1) {
    process.stderr.write(`mxray: facts takes one DOMAIN\n${usage}\n`);
    return 2;
  }
  if (!opts.files.length && !opts.zones.length) {
    process.stderr.write(`mxray: facts needs a DOMAIN or a --zone FILE\n${usage}\n`);
    return 2;
  }
  let resolver;
  try {
    resolver = resolveResolver(opts.resolver, opts.dohFormat);
  } catch (e) {
    process.stderr.write(`mxray: ${e.message}\n`);
    return 2;
  }
  const readers = [];
  let session;
  try {
    for (const file of opts.zones) {
      try {
        if (!statSync(file).isFile()) throw Object.assign(new Error('not a regular file'), { code: 'EISDIR' });
      } catch (e) {
        process.stderr.write(`mxray: ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}\n`);
        return 2;
      }
      const reader = readZone(core, file, opts);
      readers.push(reader);
      const summary = JSON.parse(reader.summaryJson());
      for (const d of summary.diagnostics) process.stderr.write(formatDiagnostic(d, summary.files, lang) + '\n');
    }
    try {
      session = createSession(core, { domain: opts.files[0] || '', zones: readers, options: { live: !opts.offline } });
    } catch (e) {
      if (!(e instanceof SessionError)) throw e;
      process.stderr.write(`mxray: ${sessionMessage('errors', e.code, lang, JSON.stringify(opts.files[0] ?? ''))}\n`);
      return 2;
    }
    const tty = process.stderr.isTTY;
    await runSession(session, {
      resolver: resolver.url,
      format: resolver.format,
      timeoutMs: opts.timeout,
      onProgress: tty
        ? ({ round, answered, total }) => process.stderr.write(`\rround ${round}: ${answered}/${total} answered `)
        : undefined,
    });
    if (tty) process.stderr.write('\n');
    const result = session.facts();
    result.resolver = { url: resolver.url, format: resolver.format };
    await write(process.stdout, JSON.stringify(result, null, 2) + '\n');
    return result.facts.some((f) => f.state !== 'answered') ? 1 : 0;
  } finally {
    session?.dispose();
    for (const r of readers) r.delete();
  }
}

async function main(argv) {
  // check has options of its own (--origin is the server's address there).
  if (argv[0] === 'check') return (await import('./check.mjs')).runCheck(argv.slice(1));
  let opts;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`mxray: ${e.message}\n${usage}\n`);
    return 2;
  }
  if (opts.command === '--version') {
    process.stdout.write(`mxray ${VERSION}\n`);
    return 0;
  }
  if (opts.help || opts.command === 'help' || opts.command === '-h' || opts.command === '--help') {
    process.stdout.write(usage + '\n');
    return 0;
  }
  if (!opts.command) {
    process.stderr.write(usage + '\n');
    return 2;
  }
  if (opts.command !== 'dump' && opts.command !== 'facts') {
    process.stderr.write(`mxray: unknown command: ${opts.command}\n${usage}\n`);
    return 2;
  }
  if (opts.command === 'dump' && !opts.files.length) {
    process.stderr.write(`mxray: dump needs at least one FILE\n${usage}\n`);
    return 2;
  }
  const lang = opts.lang || pickLanguage(process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG);
  let core;
  try {
    core = await loadCore();
  } catch (e) {
    process.stderr.write(`mxray: ${e.message}\n`);
    return 2;
  }
  return opts.command === 'facts' ? facts(core, opts, lang) : dump(core, opts, lang);
}

process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
process.exitCode = await main(process.argv.slice(2));
