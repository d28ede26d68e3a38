// The website's Web Worker: it holds the wasm core and runs the checks, so a
// million-record zone never blocks the page. The page only renders.
//
// Messages in:
//   {type: 'init', module?: WebAssembly.Module, wasmBinary?: ArrayBuffer}
//                                              once; with neither, the core fetches
//                                              mxray-core.wasm next to this script
//   {type: 'run', id, files: File[], domain, offline, resolver, timeoutMs, panel, origin}
//   {type: 'cancel', id}
//   {type: 'look', id, files: File[]}          what each picked file is (look.js), from its head
//   {type: 'verify', id, ...}                  the verify view's questions (verify-worker.js)
// Messages out:
//   {type: 'ready', timing: {started, ready}} | {type: 'init-error', detail}  (times: epoch ms)
//   {type: 'progress', id, progress}           see www/lib/check.js runCheck onProgress
//   {type: 'result', id, report, files, timing: {start, end}}  files: Blobs to download (zones,
//                                              diff, import); timing: the check's own (epoch ms)
//   {type: 'error', id, code, values}          CheckError's code (www/lib/check.js)
//   {type: 'cancelled', id}
//   {type: 'looked', id, kinds: string[]}      per file: "text" (read as a zone) or why not
//   {type: 'verified', id, results}            see verify-worker.js
import createMxrayCore from '../lib/wasm/mxray-core.js';
import { runCheck, CheckError, MAX_INPUT_BYTES } from '../lib/check.js';
import { lookAt } from './look.js';
import { zoneSources } from './includes.js';
import { verifyInWorker } from './verify-worker.js';
// The zone-as-code hook and its parsers (as-code-site.js), a module of its own: the build
// (build.mjs) makes this import() of the hosted build's chunk, or of the module itself.
import loadAsCode from 'mxray:as-code';

// When this script started, on the page's clock (for tests/bench/site-budget.mjs).
const startedAt = performance.timeOrigin + performance.now();
let core = null;
let warming = null; // the warm-up check, while it runs
// The core, once the page's 'init' message has said how to get it.
let gotInit;
const coreLoading = new Promise((resolve) => {
  gotInit = resolve;
}).then(loadCore);
coreLoading.catch(() => {}); // reported by the init handler
const running = new Map(); // id -> AbortController
// A pick looked at or a check asked for: the person's check is on its way (a
// pick of zones starts it at once), and warms the core itself; a warm-up
// started after this would only delay it.
let asked = false;

/**
 * The core from what 'init' carries: a compiled WebAssembly.Module (the page
 * compiled it while this worker started), the wasm's bytes, or nothing (then
 * the loader fetches mxray-core.wasm next to this script).
 */
function loadCore({ module, wasmBinary } = {}) {
  // locateFile keeps the loader from resolving the .wasm against the script's
  // URL, which a classic worker built from a Blob does not have (single file).
  if (module) {
    return createMxrayCore({
      locateFile: (path) => path,
      instantiateWasm(imports, done) {
        WebAssembly.instantiate(module, imports).then((instance) => done(instance, module));
        return {}; // the exports come through done()
      },
    });
  }
  if (wasmBinary) return createMxrayCore({ wasmBinary: new Uint8Array(wasmBinary), locateFile: (path) => path });
  return createMxrayCore();
}

async function readFiles(files) {
  const total = files.reduce((n, f) => n + f.size, 0);
  if (total > MAX_INPUT_BYTES) throw new CheckError('too-large', { size: total, limit: MAX_INPUT_BYTES });
  const out = [];
  for (const f of files) {
    try {
      out.push({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
    } catch {
      throw new CheckError('unreadable', { file: f.name });
    }
  }
  return out;
}

// A file for the zone-as-code hook, told by its name (.yaml, .yml, .tf) or, for a
// `terraform show -json`, by a JSON head naming its format_version.
function isAsCode(source) {
  if (/\.(ya?ml|tf)$/i.test(source.name)) return true;
  const head = new TextDecoder().decode(source.bytes.subarray(0, 4096));
  return /^\s*\{/.test(head) && /"format_version"\s*:/.test(head);
}

const TEXT = 'text/plain;charset=utf-8';
const asBlob = (parts, type = TEXT) => new Blob(Array.isArray(parts) ? parts : [parts], { type });

async function run(msg) {
  const { id } = msg;
  const controller = new AbortController();
  running.set(id, controller);
  const post = (m) => self.postMessage({ ...m, id });
  try {
    asked = true;
    if (!core) core = await coreLoading;
    await warming;
    const start = performance.timeOrigin + performance.now();
    const sources = zoneSources(await readFiles(msg.files ?? []));
    controller.signal.throwIfAborted();
    // Zone-as-code files (octoDNS YAML, Terraform .tf or show -json) load their hook first.
    const hook = sources.some(isAsCode) ? await loadAsCode() : null;
    controller.signal.throwIfAborted();
    const { report, files: out } = await runCheck(core, {
      sources,
      ...(hook ? { asCode: hook.asCode, parseHcl: hook.parseHcl } : {}),
      domain: msg.domain,
      offline: msg.offline,
      resolver: msg.resolver,
      timeoutMs: msg.timeoutMs,
      panel: msg.panel,
      origin: msg.origin,
      sessionOptions: msg.sessionOptions,
      signal: controller.signal,
      onProgress: (progress) => post({ type: 'progress', progress }),
    });
    sources.length = 0; // the inputs are no longer needed; let them go before posting
    post({
      type: 'result',
      timing: { start, end: performance.timeOrigin + performance.now() },
      report,
      files: {
        zones: out.zones.map((z) => ({ index: z.index, file: z.file, changed: z.changed, blob: asBlob(z.text) })),
        diff: out.diff.length ? asBlob(out.diff, 'text/x-diff;charset=utf-8') : null,
        cloudflareImport: out.cloudflareImport === null ? null : asBlob(out.cloudflareImport),
      },
    });
  } catch (e) {
    if (controller.signal.aborted) post({ type: 'cancelled' });
    else if (e instanceof CheckError) post({ type: 'error', code: e.code, values: e.values });
    else post({ type: 'error', code: 'internal', values: { detail: e?.message ?? String(e) } });
  } finally {
    running.delete(id);
  }
}

// What each picked file is, from its head. A pick ends the warm-ups to come
// (its check warms the core); one that comes while the warm-up runs is looked
// at once that is over (the warm-up's check runs in one go).
async function look({ id, files = [] }) {
  const kinds = [];
  asked = true;
  try {
    const c = core ?? (await coreLoading);
    for (const f of files) kinds.push(await lookAt(c, f));
  } catch {
    // The core did not load or failed: the page takes the files, and the check says what is wrong.
    self.postMessage({ type: 'looked', id, kinds: files.map(() => 'text') });
    return;
  }
  self.postMessage({ type: 'looked', id, kinds });
}

// A small zone that takes every step of a check (parse, rules, fix, report).
const WARM_UP = `$ORIGIN warm-up.test.
$TTL 300
@ IN SOA ns1 hostmaster 1 3600 600 86400 300
@ IN NS ns1
ns1 IN A 192.0.2.53
@ IN A 192.0.2.10 ; cf_tags=cf-proxied:true
@ IN MX 10 mail
mail IN CNAME @ ; cf_tags=cf-proxied:false
@ IN TXT "v=spf1 a mx -all"
_dmarc IN TXT "v=DMARC1; p=none"
`;

// After the messages already queued (a MessageChannel's message: no timer clamp).
const nextTurn = () =>
  new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });

coreLoading.then(
  async (c) => {
    core = c;
    self.postMessage({ type: 'ready', timing: { started: startedAt, ready: performance.timeOrigin + performance.now() } });
    // The first check of a fresh core is several times slower than the next (the
    // engine compiles its wasm and its hot code on first use): spend that on
    // this zone while the person is still choosing files. Never ahead of theirs:
    // the messages that came while the core loaded (a drop on a page still
    // loading) are taken first, on the next turn of the event loop, and once a
    // pick or a check has come there is no warm-up (their check warms the core
    // itself). A pick or check that comes during the warm-up waits at most for
    // it (one check of a small zone).
    await nextTurn();
    if (!asked) warming = runCheck(core, { sources: [{ name: 'warm-up', bytes: new TextEncoder().encode(WARM_UP) }] }).catch(() => {});
  },
  (e) => self.postMessage({ type: 'init-error', detail: e?.message ?? String(e) }),
);

self.onmessage = (event) => {
  const msg = event.data ?? {};
  if (msg.type === 'init') {
    gotInit({ module: msg.module, wasmBinary: msg.wasmBinary });
  } else if (msg.type === 'run') {
    // Runs that come before 'init' wait for the core.
    run(msg);
  } else if (msg.type === 'look') {
    look(msg);
  } else if (msg.type === 'verify') {
    // The verify view's questions (verify-worker.js); a failure answers with no results: "could not ask".
    coreLoading.then((c) => verifyInWorker(c, msg)).then(
      (m) => self.postMessage(m),
      () => self.postMessage({ type: 'verified', id: msg.id, results: [] }),
    );
  } else if (msg.type === 'cancel') {
    running.get(msg.id)?.abort(new DOMException('cancelled', 'AbortError'));
  }
};
