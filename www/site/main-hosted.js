// The hosted build's entry: worker.js and mxray-core.wasm sit next to this
// script; rule pages are rules/<lang>/<rule>.html. boot.js, loaded before
// this script, has already started the worker and the wasm's compilation.
import { compileCore, newWorker, takeBoot } from './boot.js';
import { pageLanguage, startApp } from './app.js';
import { languageLoaded, loadLanguage } from './words.js';
import { trustedScriptUrl } from './trusted.js';

const boot = takeBoot();
let wasm = boot?.wasm ?? null;
let first = boot?.worker ?? null;

// The page's words, when they are not English (the bundle's): fetched first.
// words-LANG.js (build.mjs) imports the same modules loadLanguage() does; as
// a script element it holds the page's load event until they are in, which
// import() alone does not: a page that has loaded speaks its language.
const lang = pageLanguage();
if (!languageLoaded(lang)) {
  const loading = loadLanguage(lang);
  const script = document.createElement('script');
  script.type = 'module';
  script.src = trustedScriptUrl(new URL(`./words-${lang}.js`, import.meta.url).href);
  document.head.append(script);
  await loading.catch(() => {});
}

startApp({
  createWorker: () => {
    const w = first ?? newWorker();
    first = null;
    return w;
  },
  wasmModule: () => (wasm ??= compileCore()),
  rulePage: (lang, rule) => `rules/${lang}/${rule}.html`,
});
