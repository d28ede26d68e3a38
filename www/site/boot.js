// The hosted build's first script, a few hundred bytes: it starts the worker
// and the wasm download and compilation at once, while the browser still
// fetches and compiles the page's larger script (app.js), which takes them
// over (main-hosted.js). The compiled module goes to the worker, which only
// instantiates it.
import { trustedScriptUrl } from './trusted.js';

const BOOT = Symbol.for('mxray.boot');

const here = (path) => new URL(path, import.meta.url).href;

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
  wasm.catch(() => {}); // reported when the page takes it over
  globalThis[BOOT] = { worker: newWorker(), wasm };
}
