// The hosted build's first script, a few hundred bytes: it starts the worker
// and the wasm download and compilation at once, while the browser still
// fetches and compiles the page's larger script (app.js), which takes them
// over (main-hosted.js). The compiled module goes to the worker, which only
// instantiates it.
//
// The page loads it as a classic async script (build.mjs bundles it as an
// IIFE, import.meta.url read as document.currentScript.src), which runs the
// moment it arrives; main-hosted.js imports the same functions as a module.
import { trustedScriptUrl } from './trusted.js';

const BOOT = Symbol.for('mxray.boot');

// Read once, as the script starts: a classic script's document.currentScript
// is only set while it runs.
const base = import.meta.url;
const here = (path) => new URL(path, base).href;

/** A new worker running worker.js. */
export const newWorker = () => new Worker(trustedScriptUrl(here('./worker.js')), { type: 'module', name: 'mxray' });

/** The core's wasm, compiled once for every worker the page starts. */
export function compileCore() {
  const response = fetch(here('./mxray-core.wasm'), { credentials: 'same-origin' });
  return WebAssembly.compileStreaming(response).catch(async () => {
    // A host that sends another media type than application/wasm: compile the bytes.
    const r = await fetch(here('./mxray-core.wasm'), { credentials: 'same-origin' });
    if (!r.ok) throw new Error(`mxray-core.wasm: HTTP ${r.status}`);
    return WebAssembly.compile(await r.arrayBuffer());
  });
}

/** What this script started: {worker, wasm: Promise<WebAssembly.Module>}; taken once. */
export function takeBoot() {
  const boot = globalThis[BOOT];
  globalThis[BOOT] = null;
  return boot ?? null;
}

if (!(BOOT in globalThis)) {
  performance.mark?.('mxray:boot');
  const wasm = compileCore();
  const worker = newWorker();
  // The worker gets the compiled core the moment it is compiled, not once
  // app.js runs (it says the same again, which the worker ignores): its
  // core is ready, and warm, sooner.
  wasm.then((module) => worker.postMessage({ type: 'init', module }), () => {}); // a failure is reported when the page takes it over
  globalThis[BOOT] = { worker, wasm };
}
