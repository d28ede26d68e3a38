// The hosted build's entry: worker.js and mxray-core.wasm sit next to this
// script; rule pages are rules/<lang>/<rule>.html. boot.js, loaded before
// this script, has already started the worker and the wasm's compilation.
import { compileCore, newWorker, takeBoot } from './boot.js';
import { startApp } from './app.js';

const boot = takeBoot();
let wasm = boot?.wasm ?? null;
let first = boot?.worker ?? null;

startApp({
  createWorker: () => {
    const w = first ?? newWorker();
    first = null;
    return w;
  },
  wasmModule: () => (wasm ??= compileCore()),
  rulePage: (lang, rule) => `rules/${lang}/${rule}.html`,
});
