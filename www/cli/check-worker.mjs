// The zone check of `mxray check --zone-dir` (batch.mjs), run by the main
// thread and, as this file's worker, on the second core: the wasm core
// instantiated once, then each zone file on the lean path: read and parsed,
// the session run (offline unless --live), the model and the rules, and only
// the summary read; no report, fix text, diff or Cloudflare form. Offline,
// that is one call into the core a zone (ZoneBatch); live, the session.js
// Session drives the DNS. What only some zones need (the words of a
// diagnostic or an error, DNS) is imported on first use, so that a thread
// starts fast.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { coreFiles, loadCore } from '../lib/core-node.js';
import { createSession, ReportError, SessionError } from '../lib/session.js';
import { feedBytes } from '../lib/zone-input.js';
import { sourceDomain } from '../lib/check.js';
import { readableSource } from '../lib/input.js';
import { includeResolver, readRegularFile } from './include-files.mjs';

/** The core instantiated from a compiled module (shared between threads), or loaded when there is none. */
export async function instantiateCore(wasm) {
  if (!wasm) return loadCore();
  const { default: createMxrayCore } = await import(coreFiles.js);
  return createMxrayCore({
    instantiateWasm(imports, receive) {
      const instance = new WebAssembly.Instance(wasm, imports);
      receive(instance, wasm);
      return instance.exports;
    },
  });
}

// A listed zone file's bytes (include-files.mjs readRegularFile). Null when it is
// not a regular file of at most `maxBytes` or cannot be read: check.mjs's
// loadZone() then reads it again and names the error, as for a single check.
const readListed = readRegularFile;

// How check.mjs's loadZone() reads a file with the domain taken from it
// (byName): the head says what the file is and names the origin for relative
// names when the file does not state its own.
function readingOf(file, bytes) {
  const found = sourceDomain({ name: file, bytes }, true);
  const origin = found.stated ? '' : found.domain;
  return { domain: found.domain, readerOptions: JSON.stringify({ origin, format: 'auto' }) };
}

// The $INCLUDE resolver of `file`, made on first use: few zones have one.
function lazyIncludes(file) {
  let resolver = null;
  return (path) => (resolver ??= includeResolver(file))(path);
}

/**
 * The batch's check of one zone file, on `core`: {file, domain, verdict, summary, rules, error,
 * diagnostics} (the diagnostics formatted in job.lang, for stderr).
 * @param job {live, resolver, timeout, panel, origin, lang, maxBytes}: maxBytes, the largest file
 *   read (check.js MAX_INPUT_BYTES, passed in so that a worker need not load the site's modules)
 */
export function zoneChecker(core, job) {
  // The zone in a ZoneReader, as check.mjs's loadZone() reads one.
  async function loadListed(file) {
    const raw = readListed(file, job.maxBytes);
    if (!raw) return (await import('./check.mjs')).loadZone(core, file, { byName: true });
    // What is not a zone is refused by name; UTF-16 and gzip are decoded (www/lib/input.js).
    const { bytes } = await readableSource(core, { name: file, bytes: raw }, job.maxBytes);
    const { domain, readerOptions } = readingOf(file, bytes);
    const reader = new core.ZoneReader(file, readerOptions, lazyIncludes(file));
    feedBytes(core, reader, bytes);
    reader.finish();
    return { reader, domain };
  }

  async function diagnosticsOf(reader) {
    if (reader.diagnosticCount() === 0) return [];
    const { formatDiagnostic } = await import('../lib/messages.js');
    const { diagnostics, files } = JSON.parse(reader.summaryJson());
    return diagnostics.map((d) => formatDiagnostic(d, files, job.lang));
  }

  // Offline, a readable file is checked in one call into the core (ZoneBatch):
  // the same reader, session and analysis as below, without their handles.
  const offline = job.live ? null : new core.ZoneBatch(JSON.stringify({ panel: job.panel, origin: job.origin }));
  async function checkOffline(file, bytes) {
    const { domain, readerOptions } = readingOf(file, bytes);
    const address = offline.inputBuffer(bytes.length);
    core.HEAPU8.set(bytes, address); // HEAPU8 read after the call: growing the memory replaces it
    const r = JSON.parse(offline.check(file, readerOptions, bytes.length, lazyIncludes(file), domain));
    if (r.error) throw new SessionError(r.error, domain);
    if (r.reportError) throw new ReportError(r.reportError, { origin: job.origin });
    let diagnostics = [];
    if (r.zone) {
      const { formatDiagnostic } = await import('../lib/messages.js');
      diagnostics = r.zone.diagnostics.map((d) => formatDiagnostic(d, r.zone.files, job.lang));
    }
    return { file, domain: r.domain, verdict: r.verdict, summary: r.summary, rules: r.rules, error: null, diagnostics };
  }

  // One zone's batch line: {file, domain, verdict, summary, rules, error, diagnostics}.
  async function checkZone(file) {
    if (offline) {
      const raw = readListed(file, job.maxBytes);
      if (raw) {
        try {
          const { bytes } = await readableSource(core, { name: file, bytes: raw }, job.maxBytes);
          return await checkOffline(file, bytes);
        } catch (e) {
          const { errorText, zoneResult } = await import('./check.mjs');
          return zoneResult(file, null, errorText(e, job.lang));
        }
      }
    }
    let zone = null;
    let session = null;
    try {
      zone = await loadListed(file);
      const diagnostics = await diagnosticsOf(zone.reader);
      session = createSession(core, { domain: zone.domain, zones: [zone.reader], options: { live: job.live } });
      if (job.live) {
        const { runSession } = await import('../lib/doh-driver.js');
        const { http2FetchFor } = await import('./doh-http2.mjs');
        await runSession(session, { resolver: job.resolver.url, format: job.resolver.format, timeoutMs: job.timeout, ...http2FetchFor(job.resolver) });
      }
      const { domain, verdict, summary, rules } = session.analyse({ panel: job.panel, origin: job.origin }).summary();
      return { file, domain, verdict, summary, rules, error: null, diagnostics };
    } catch (e) {
      const { errorText, zoneResult } = await import('./check.mjs');
      return zoneResult(file, null, errorText(e, job.lang));
    } finally {
      session?.dispose(); // and its analysis
      zone?.reader.delete();
    }
  }

  return checkZone;
}

// The worker: the compiled core in first, then chunks of files in and their
// results out, one chunk at a time.
async function serve(job, wasm) {
  const checkZone = zoneChecker(await instantiateCore(wasm), job);
  const queue = [];
  let busy = false;
  const work = async () => {
    busy = true;
    while (queue.length) {
      const m = queue.shift();
      if (m === null) {
        parentPort.close();
        break;
      }
      const results = [];
      for (const file of m.files) results.push(await checkZone(file));
      parentPort.postMessage({ first: m.first, results });
    }
    busy = false;
  };
  parentPort.on('message', (m) => {
    queue.push(m);
    if (!busy) work();
  });
  parentPort.postMessage({ ready: true });
}

if (!isMainThread) parentPort.once('message', ({ wasm }) => serve(workerData.job, wasm));
