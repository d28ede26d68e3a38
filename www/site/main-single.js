// The single-file build's entry (build/site-single/mxray.html, opened from
// disk): the worker's code and the wasm are inside the page. The worker runs
// from a Blob URL; the wasm's base64 sits in a data block
// (<script type="application/octet-stream" id="mxray-wasm">, never executed),
// is compiled here and handed to the worker as a compiled module. The worker
// is built as a classic script for this (build.mjs): Chromium loads no module
// worker from a Blob URL in a page opened from disk. Rule pages are sections
// of the page.
import workerSource from 'mxray:worker-source';
import { startApp } from './app.js';
import { trustedScriptUrl } from './trusted.js';

let workerUrl = null;
let wasm = null;

function wasmBytes() {
  const text = document.getElementById('mxray-wasm').textContent.replace(/\s+/g, '');
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

startApp({
  createWorker: () => {
    workerUrl ??= URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }));
    return new Worker(trustedScriptUrl(workerUrl), { name: 'mxray' });
  },
  wasmModule: () => (wasm ??= new Promise((resolve) => resolve(WebAssembly.compile(wasmBytes())))),
  rulePage: (lang, rule) => `#rule-${lang}-${rule}`,
});
