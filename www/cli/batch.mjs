// `mxray check --zone-dir DIR`: every zone file of a folder, one line each,
// on both CPU cores (this thread and one worker thread, check-worker.mjs). A
// line needs only the check's summary, so both take the lean path: parse, the
// session, the model and the rules, never the report, the fix texts or the
// Cloudflare forms.
import { closeSync, openSync, readFileSync, readSync, readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { coreFiles } from '../lib/core-node.js';
import { cliMessage } from '../lib/cli-messages.js';
import { reportMessage } from '../lib/messages.js';
import { displayText, jsonEscaped } from '../lib/name-safety.js';
import { MAX_INPUT_BYTES } from '../lib/check.js';
import { SEVERITIES, zoneLine } from '../lib/report-text.js';
import { instantiateCore, zoneChecker } from './check-worker.mjs';
import { terraformKind } from '../lib/as-code/terraform.js';

// Files a thread is given at once: one message per file costs more than a
// cPanel-size zone's check; a small chunk still spreads the load evenly.
const FILES_PER_MESSAGE = 16;

// The zone files of a folder: regular (or links to one), not hidden, not
// journals or backups. The listing says what each entry is: only links are
// looked up again.
function zoneFilesIn(dir) {
  const regular = (d, path) => {
    if (!d.isSymbolicLink()) return d.isFile();
    try {
      return statSync(path).isFile();
    } catch {
      return false;
    }
  };
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => !d.name.startsWith('.') && !/(\.jnl|~)$/.test(d.name))
    .map((d) => [d, join(dir, d.name)])
    .filter(([d, path]) => regular(d, path))
    .map(([, path]) => path)
    .sort();
}

// The head of a file (64 KiB: enough to tell a `terraform show -json`), '' if unreadable.
function headOf(path) {
  let fd = null;
  try {
    fd = openSync(path, 'r');
    const buf = Buffer.alloc(1 << 16);
    return buf.toString('utf8', 0, readSync(fd, buf, 0, buf.length, 0));
  } catch {
    return '';
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

// The folder's files as the lines of the output, in order: {path} a file the threads
// check, {entry} a zone-as-code input (www/lib/as-code/index.js) checked whole: an octoDNS
// zone (.yaml, .yml) or a `terraform show -json` each one, and all the .tf files with
// Cloudflare DNS records one configuration (a module split into files), at the first's place.
function batchLines(files) {
  const out = [];
  let tf = null;
  for (const path of files) {
    if (/\.ya?ml$/i.test(path)) out.push({ entry: { files: [path], kind: 'octodns' } });
    else if (/\.tf$/i.test(path) && terraformKind(path, headOf(path)) === 'hcl') {
      if (tf) tf.files.push(path);
      else out.push({ entry: (tf = { files: [path], kind: 'terraform' }) });
    } else if (/\.json$/i.test(path) && terraformKind(path, headOf(path)) === 'show-json') out.push({ entry: { files: [path], kind: 'terraform-show-json' } });
    else out.push({ path });
  }
  return out;
}

// One zone-as-code entry's batch line, from the whole check (check.mjs analyse, with the
// as-code hook and the HCL parser): {file, domain, verdict, summary, rules, error, diagnostics}.
async function checkAsCode(core, entry, job) {
  const { analyse, errorText, zoneResult } = await import('./check.mjs');
  const file = entry.files.join(', ');
  try {
    const { report, diagnostics } = await analyse(core, { zones: entry.files, live: job.live, resolver: job.resolver, timeout: job.timeout, panel: job.panel, origin: job.origin, lang: job.lang });
    return { ...zoneResult(file, report), diagnostics };
  } catch (e) {
    return zoneResult(file, null, errorText(e, job.lang));
  }
}

// Up to this many files, the core runs on V8's baseline wasm compiler
// (Liftoff) alone. Its code is slower than the optimising compiler's
// (TurboFan), but TurboFan first spends about a quarter of a second of CPU
// compiling the core's large functions (the rules inlined into one): 3,000
// cPanel-size zones took 0.88 s of CPU without it and 0.99 s with it,
// 12,000 took 2.45 s and 2.17 s; they break even near 5,500
// (tests/bench/README.md).
const BASELINE_ONLY_FILES = 4000;

// The wasm core compiled once for both threads: V8 shares a compiled module
// between threads, so neither compiles it nor optimises its hot code twice.
// Null when it is not built: loadCore() then says so.
async function compiledCore(files) {
  // Read when the module is compiled; the process compiles nothing else.
  // Results are the same either way (docs/sources.md#node-v8-flags).
  if (files <= BASELINE_ONLY_FILES) setFlagsFromString('--liftoff-only');
  try {
    return await WebAssembly.compile(readFileSync(coreFiles.wasm));
  } catch {
    return null;
  }
}

function write(stream, text) {
  return new Promise((res) => (stream.write(text) ? res() : stream.once('drain', res)));
}

// Results come back out of order; this prints them in file order and counts
// the zones at or above --fail-on, the unreadable ones, and those whose
// verdict is could-not-tell (for the exit status, as a single check's).
// flush() writes what is ready, in one write a call: flushes run one after
// the other, since a write may wait for the stream to drain.
function printer(o, files, { lang, style }) {
  const results = new Array(files.length);
  const levels = SEVERITIES.slice(0, SEVERITIES.indexOf(o.failOn) + 1);
  const state = { shown: 0, failing: 0, errors: 0, unsure: 0 };
  const verdictWords = {};
  const verdictWord = (v) => (verdictWords[v] ??= cliMessage(`batchVerdict.${v}`, lang));
  const ready = async () => {
    let out = '';
    while (state.shown < files.length && results[state.shown]) {
      const { diagnostics, ...row } = results[state.shown];
      results[state.shown++] = true; // printed; the row itself is no longer needed
      // A zone's diagnostics go to stderr before its line, as each line was written before.
      if (diagnostics?.length) {
        await write(process.stdout, out);
        out = '';
        process.stderr.write(diagnostics.map((line) => line + '\n').join(''));
      }
      if (row.error) state.errors += 1;
      else if (levels.some((s) => row.summary[s] > 0)) state.failing += 1;
      else if (row.verdict === 'could-not-tell') state.unsure += 1;
      out +=
        o.format === 'jsonl'
          ? jsonEscaped(JSON.stringify({ file: row.file, domain: row.domain, verdict: row.verdict ?? null, summary: row.summary, rules: row.rules, error: row.error })) + '\n'
          : zoneLine(row, { lang, style, failOn: o.failOn, verdict: row.verdict ? verdictWord(row.verdict) : '' }) + '\n';
    }
    if (out) await write(process.stdout, out);
  };
  let last = Promise.resolve();
  const flush = () => (last = last.then(ready));
  return { results, state, flush };
}

// Hands out the files in chunks of up to FILES_PER_MESSAGE (fewer in a small
// folder, so that both threads get some): next() gives {first, files} or null.
// Chunks shrink towards the end, so that neither thread is left with a few
// chunks in hand while the other has nothing more to do.
function dispenser(files, threads) {
  const most = Math.max(1, Math.min(FILES_PER_MESSAGE, Math.ceil(files.length / (threads * 4))));
  let at = 0;
  return () => {
    if (at >= files.length) return null;
    const step = Math.max(1, Math.min(most, Math.floor((files.length - at) / (threads * 8))));
    const first = at;
    at = Math.min(files.length, at + step);
    return { first, files: files.slice(first, at) };
  };
}

// The worker on the other core. It holds three chunks at a time so that it
// never waits on the main thread, which answers only between its own chunks.
const CHUNKS_AHEAD = 3;
// It starts first, before the folder is listed and the core compiled, which
// it is sent once it is: its start-up overlaps both. It waits for the core,
// so nothing comes from it before runWorker() listens.
function startWorker(job) {
  return new Worker(new URL('./check-worker.mjs', import.meta.url), { workerData: { job } });
}

function runWorker(worker, compiling, next, { put, flush }) {
  return new Promise((done, broke) => {
    compiling.then((wasm) => worker.postMessage({ wasm }), broke);
    const give = () => worker.postMessage(next());
    worker.on('message', (m) => {
      if (m.ready) {
        for (let i = 0; i < CHUNKS_AHEAD; i++) give();
        return;
      }
      give();
      m.results.forEach((r, i) => put(m.first + i, r));
      flush().catch(broke);
    });
    worker.on('error', broke);
    worker.on('exit', done);
  });
}

// The main thread's share: a Worker costs about as much CPU to start as a
// hundred zones, so this thread checks zones instead of waiting for two.
async function runHere(job, wasm, next, { put, flush }) {
  const checkZone = zoneChecker(await instantiateCore(wasm), job);
  for (let chunk = next(); chunk; chunk = next()) {
    for (let i = 0; i < chunk.files.length; i++) put(chunk.first + i, await checkZone(chunk.files[i]));
    await flush();
    await new Promise(setImmediate); // the worker's results and requests come in
  }
}

/** `mxray check --zone-dir`: the lines, then (text) the total; returns the exit status. */
export async function batch(o, { lang, live, resolver, style }) {
  const job = { live, resolver, timeout: o.timeout, panel: o.panel, origin: o.origin ?? '', lang, maxBytes: MAX_INPUT_BYTES };
  // Let go again when the folder holds fewer than two files.
  const worker = availableParallelism() > 1 ? startWorker(job) : null;
  let files;
  try {
    if (!statSync(o.zoneDir).isDirectory()) throw new Error();
    files = zoneFilesIn(o.zoneDir);
  } catch {
    await worker?.terminate();
    process.stderr.write(`mxray: ${reportMessage('report.errors.unreadable', lang, { detail: displayText(o.zoneDir) })}\n`);
    return 2;
  }
  if (!files.length) {
    await worker?.terminate();
    process.stderr.write(`mxray: ${reportMessage('report.errors.no-zones-in-dir', lang, { detail: displayText(o.zoneDir) })}\n`);
    return 2;
  }
  // Zone-as-code files are checked whole on this thread; the other files are shared out.
  const lines = batchLines(files);
  const plain = [];
  const codeAt = [];
  lines.forEach((l, k) => (l.entry ? codeAt.push([k, l.entry]) : plain.push(k)));
  const shown = lines.length;
  const threads = Math.max(1, Math.min(availableParallelism(), 2, plain.length));
  if (threads < 2) worker?.terminate();
  const print = printer(o, lines, { lang, style });
  const plainFiles = plain.map((k) => lines[k].path);
  const next = dispenser(plainFiles, threads);
  const sink = { put: (k, r) => (print.results[plain[k]] = r), flush: print.flush };
  const compiling = compiledCore(plainFiles.length + codeAt.length);
  const helper = threads > 1 && plain.length ? runWorker(worker, compiling, next, sink) : null;
  const codeHere = async () => {
    if (!codeAt.length) return;
    const core = await instantiateCore(await compiling);
    for (const [k, entry] of codeAt) {
      print.results[k] = await checkAsCode(core, entry, job);
      await print.flush();
    }
  };
  await Promise.all([runHere(job, await compiling, next, sink), helper, codeHere()]);
  await print.flush();
  const { failing, errors, unsure } = print.state;
  if (o.format === 'text') {
    process.stdout.write(
      reportMessage('report.batchTotal', lang, {
        zones: shown,
        failing,
        unsure,
        level: reportMessage(`report.severity.${o.failOn}`, lang),
        errors,
      }) + '\n',
    );
  }
  // As a single check's (report-text.js exitStatus()), over every zone: 3 when
  // nothing is at or above --fail-on but some zone's verdict is could-not-tell.
  return errors ? 2 : failing ? 1 : unsure ? 3 : 0;
}
