#!/usr/bin/env node
// Builds the website from www/site and www/lib with esbuild (a devDependency):
//
//   node www/site/build.mjs [--out DIR]        (default DIR: build)
//
//   DIR/site/                the hosted build: index.html, boot.js, app.js, worker.js,
//                            mxray-core.wasm, site.css, rules/<lang>/<rule>.html,
//                            the modules app.js loads later (diff-render-HASH.js),
//                            _headers (the CSP as an HTTP header, for hosts that read it)
//   DIR/site-single/mxray.html  one file that works opened from disk: the page
//                            script inline (CSP by hash), the worker's code inside
//                            it (run from a Blob URL), the wasm as base64 in a data
//                            block, the rule pages as sections of the page
//
// The wasm core must be built first (make wasm: www/lib/wasm/small/mxray-core.*,
// the small build for the browser).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { siteMessage, siteLanguages } from '../lib/site-messages.js';
import { escapeHtml, markdownToHtml } from './tools/markdown.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
// The browser's build of the core: small (CMakeLists.txt, MXRAY_WASM_SMALL);
// Node loads the fast one from www/lib/wasm/ (www/lib/core-node.js).
const wasmDir = join(root, 'www/lib/wasm/small');

// Every bundle's import of the core's loader (`../lib/wasm/mxray-core.js`,
// the fast build's, which Node uses) takes the small build's instead, through
// its adapter (www/site/core-small.js: the same API without embind).
const browserCore = {
  name: 'mxray-browser-core',
  setup(build) {
    build.onResolve({ filter: /(^|\/)wasm\/mxray-core\.js$/ }, () => ({ path: join(root, 'www/site/core-small.js') }));
  },
};

/**
 * The message catalogues split by language (an esbuild plugin, for builds with
 * code splitting). A catalogue module of www/lib (messages.js,
 * site-messages.js, extension-messages.js: `export const NAME = { en: {…},
 * ja: {…} };`) keeps its code, but its object holds only English, the
 * language every lookup falls back to; every other language is `null` (so the
 * list of languages stays whole, and a lookup falls to English until its words
 * are in) and becomes a module of its own, `NAME-LANG-HASH.js`, which
 * www/site/words.js loadLanguage() fetches. The words are taken from the
 * catalogue as Node loads it, so the bundle says exactly what the source says.
 */
export function wordsByLanguage() {
  const wordsJs = join(here, 'words.js');
  const catalogues = new Map(); // module path -> {name, object}
  const load = async (path) => {
    if (!catalogues.has(path)) {
      const source = readFileSync(path, 'utf8');
      const m = /^export const (\w+) = \{\n/m.exec(source);
      const end = m ? source.indexOf('\n};\n', m.index) : -1;
      if (!m || end < 0) throw new Error(`${relative(root, path)}: no "export const NAME = {" … "};" catalogue to split`);
      const object = (await import(pathToFileURL(path).href))[m[1]];
      if (!object?.en) throw new Error(`${relative(root, path)}: ${m[1]} has no English words`);
      catalogues.set(path, { name: m[1], object, source, start: m.index, end: end + 3 });
    }
    return catalogues.get(path);
  };
  return {
    name: 'mxray-words-by-language',
    setup(build) {
      build.onLoad({ filter: /[\\/]www[\\/]lib[\\/][\w-]*messages\.js$/ }, async ({ path }) => {
        const c = await load(path);
        const others = Object.keys(c.object).filter((l) => l !== 'en');
        const object = { en: c.object.en, ...Object.fromEntries(others.map((l) => [l, null])) };
        const loaders = others.map((l) => `${JSON.stringify(l)}: () => import(${JSON.stringify(`mxray-words:${path}#${l}`)})`).join(', ');
        // Registered as it is made, and only when used: a bundle that takes only
        // a function from the module (pickLanguage) leaves the words out.
        const contents = [
          `import { addCatalogue as __mxrayAddCatalogue } from ${JSON.stringify(wordsJs)};`,
          c.source.slice(0, c.start),
          `export const ${c.name} = /* @__PURE__ */ __mxrayAddCatalogue(${JSON.stringify(object)}, { ${loaders} });`,
          c.source.slice(c.end),
        ].join('\n');
        return { contents, loader: 'js', resolveDir: dirname(path) };
      });
      // Named NAME-LANG (the chunk's file name: messages-ja-HASH.js).
      build.onResolve({ filter: /^mxray-words:/ }, ({ path }) => {
        const [file, lang] = path.slice('mxray-words:'.length).split('#');
        return { path: `${file.replace(/\.js$/, '')}-${lang}`, namespace: 'mxray-words', pluginData: { file, lang } };
      });
      build.onLoad({ filter: /.*/, namespace: 'mxray-words' }, async ({ pluginData: { file, lang } }) => {
        const c = await load(file);
        return { contents: `export default ${JSON.stringify(c.object[lang])};`, loader: 'js' };
      });
    },
  };
}

/**
 * The hosted build's policy. connect-src allows any https origin because the
 * live check asks the DoH resolver the person chooses (Cloudflare, Google or
 * any URL), and only https is DoH. 'wasm-unsafe-eval' lets the worker compile
 * the core where a host applies this policy to worker.js too (_headers).
 * Trusted Types: only the policy "mxray" (trusted.js) may feed an HTML or
 * script sink: diff2html's output and the worker's URL.
 */
export const HOSTED_CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self' https:",
  "style-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types mxray',
].join('; ');

/** The single file's policy: its scripts and styles only by hash; the worker is a Blob. */
export function singleCsp(scriptHash, styleHash) {
  return [
    "default-src 'none'",
    `script-src '${scriptHash}' 'wasm-unsafe-eval'`,
    'worker-src blob:',
    'connect-src https:',
    `style-src '${styleHash}'`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
    "require-trusted-types-for 'script'",
    'trusted-types mxray',
  ].join('; ');
}

/**
 * What only an HTTP header can say (a <meta> policy cannot carry
 * frame-ancestors): no other site may show these pages in a frame, where a
 * page could start a live check the visitor never asked for.
 */
export const HOSTED_HEADER_CSP = `${HOSTED_CSP}; frame-ancestors 'none'`;

const RULE_PAGE_CSP = "default-src 'none'; style-src 'self'; img-src data:; base-uri 'none'; form-action 'none'";

const sha256 = (text) => `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;

function parseArgs(argv) {
  const o = { out: join(root, 'build') };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out') o.out = resolve(argv[++i]);
    else if (argv[i].startsWith('--out=')) o.out = resolve(argv[i].slice(6));
    else throw new Error(`unknown argument ${argv[i]} (use --out DIR)`);
  }
  return o;
}

/** One entry (a path relative to www/site, or absolute) bundled and minified for the browsers mxray supports. */
export async function bundle(entry, { plugins = [], format = 'esm', define = {} } = {}) {
  const result = await esbuild.build({
    entryPoints: [resolve(here, entry)],
    bundle: true,
    format,
    define,
    minify: true,
    target: ['chrome110', 'firefox115', 'safari16'],
    platform: 'browser',
    write: false,
    legalComments: 'none',
    charset: 'utf8',
    // The bundled example zone of "Try the example" (app.js) comes in as text.
    loader: { '.txt': 'text' },
    plugins: [browserCore, ...plugins],
    logLevel: 'warning',
  });
  return result.outputFiles[0].text;
}

/**
 * Entries bundled with code splitting into `dir` (format esm): each entry
 * becomes `<name>.js`, and what it imports dynamically (`import()`) a module
 * of its own, `<module>-<hash>.js`, fetched only when first used.
 * @param {Record<string, string>} entries output name -> entry (relative to www/site, or absolute)
 * @returns {Promise<{files: Record<string, number>, initial: Record<string, string[]>, lazy: string[]}>}
 *   files: every written file's size; initial: per entry, the files a page loads
 *   before the entry runs (itself and its static imports); lazy: the rest
 */
export async function splitBundle(entries, dir, { plugins = [] } = {}) {
  const result = await esbuild.build({
    entryPoints: Object.fromEntries(Object.entries(entries).map(([name, entry]) => [name, resolve(here, entry)])),
    bundle: true,
    splitting: true,
    format: 'esm',
    outdir: dir,
    entryNames: '[name]',
    chunkNames: '[name]-[hash]',
    minify: true,
    target: ['chrome110', 'firefox115', 'safari16'],
    platform: 'browser',
    write: false,
    metafile: true,
    legalComments: 'none',
    charset: 'utf8',
    // The bundled example zone of "Try the example" (app.js) comes in as text.
    loader: { '.txt': 'text' },
    plugins: [browserCore, ...plugins],
    logLevel: 'warning',
  });
  const files = {};
  for (const f of result.outputFiles) {
    writeFileSync(f.path, f.contents);
    files[relative(dir, f.path)] = f.contents.length;
  }
  const outputs = result.metafile.outputs;
  const rel = (p) => relative(dir, resolve(root, p));
  const initial = {};
  for (const [out, meta] of Object.entries(outputs)) {
    if (!meta.entryPoint) continue;
    const seen = new Set();
    const walk = (o) => {
      if (seen.has(o)) return;
      seen.add(o);
      for (const i of outputs[o]?.imports ?? []) if (i.kind === 'import-statement') walk(i.path);
    };
    walk(out);
    initial[rel(out).replace(/\.js$/, '')] = [...seen].map(rel);
  }
  const loaded = new Set(Object.values(initial).flat());
  const lazy = Object.keys(files).filter((f) => !loaded.has(f));
  return { files, initial, lazy };
}

// The zone-as-code hook of the worker (worker.js `import loadAsCode from 'mxray:as-code'`):
// in the hosted build, an import() of its own module (`chunk`, as-code-HASH.js: the hook,
// the YAML parser and hcl2json's Go runtime, fetched only when a chosen file is one);
// in the single file, the hook itself, inside the worker, without the HCL parser (its
// wasm cannot be fetched from a page opened from disk: a .tf is refused by name).
function asCodePlugin(chunk) {
  return {
    name: 'mxray-as-code',
    setup(build) {
      build.onResolve({ filter: /^mxray:as-code$/ }, () => ({ path: 'as-code', namespace: 'mxray-as-code' }));
      build.onResolve({ filter: /^\.\/as-code-[A-Za-z0-9]+\.js$/ }, (a) => ({ path: a.path, external: true }));
      build.onLoad({ filter: /.*/, namespace: 'mxray-as-code' }, () => ({
        contents: chunk
          ? `export default () => import(${JSON.stringify(`./${chunk}`)});`
          : `import * as asCode from ${JSON.stringify(join(root, 'www/lib/as-code/index.js'))};\nexport default async () => ({ asCode, parseHcl: null });`,
        resolveDir: here,
      }));
    },
  };
}

/** HashiCorp's HCL parser's wasm (gzip), as npm's @cdktf/hcl2json ships it. */
const HCL_WASM_GZ = join(root, 'node_modules/@cdktf/hcl2json/main.wasm.gz');

// The worker's code as a module of the single-file page: `import source from 'mxray:worker-source'`.
function workerSourcePlugin(source) {
  return {
    name: 'mxray-worker-source',
    setup(build) {
      build.onResolve({ filter: /^mxray:worker-source$/ }, () => ({ path: 'worker-source', namespace: 'mxray' }));
      build.onLoad({ filter: /.*/, namespace: 'mxray' }, () => ({ contents: `export default ${JSON.stringify(source)};`, loader: 'js' }));
    },
  };
}

// Fills each element marked data-i18n with its English words, so the page
// reads right before the script runs (the script then picks the language).
function fillTexts(html, lang = 'en') {
  return html.replace(/(<([a-z0-9]+)\b[^>]*\bdata-i18n="([^"]+)"[^>]*>)([^<]*)(<\/\2>)/g, (_, open, _tag, key, _text, close) => `${open}${escapeHtml(siteMessage(key, lang))}${close}`);
}

function ruleFiles(lang) {
  const dir = join(here, 'rules', lang);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => ({ id: f.slice(0, -3), source: readFileSync(join(dir, f), 'utf8') }));
}

const other = (lang) => siteLanguages.find((l) => l !== lang) ?? lang;

// Rule pages as files of the hosted build.
function hostedRulePages(outDir) {
  for (const lang of siteLanguages) {
    const dir = join(outDir, 'rules', lang);
    mkdirSync(dir, { recursive: true });
    const entries = [];
    for (const { id, source } of ruleFiles(lang)) {
      const { html, title } = markdownToHtml(source, { rewriteLink: (href) => href.replace(/\.md(#|$)/, '.html$1') });
      entries.push({ id, title });
      const nav = [
        `<a href="../../index.html">${escapeHtml(siteMessage('rules.backToChecker', lang))}</a>`,
        `<a href="index.html">${escapeHtml(siteMessage('rules.backToIndex', lang))}</a>`,
        `<a href="../${other(lang)}/${id}.html" lang="${other(lang)}">${escapeHtml(siteMessage('rules.otherLanguage', lang))}</a>`,
      ];
      writeFileSync(join(dir, `${id}.html`), rulePage(lang, title, nav, html));
    }
    const list = entries.map((e) => `<li><a href="${escapeHtml(e.id)}.html">${escapeHtml(e.title)}</a></li>`).join('\n');
    const nav = [
      `<a href="../../index.html">${escapeHtml(siteMessage('rules.backToChecker', lang))}</a>`,
      `<a href="../${other(lang)}/index.html" lang="${other(lang)}">${escapeHtml(siteMessage('rules.otherLanguage', lang))}</a>`,
    ];
    const body = `<h1>${escapeHtml(siteMessage('rules.indexTitle', lang))}</h1>\n<p>${escapeHtml(siteMessage('rules.indexIntro', lang))}</p>\n<ul class="rule-index">\n${list}\n</ul>`;
    writeFileSync(join(dir, 'index.html'), rulePage(lang, siteMessage('rules.indexTitle', lang), nav, body));
  }
}

function rulePage(lang, title, nav, body) {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${RULE_PAGE_CSP}">
<title>${escapeHtml(title)} — mxray</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="../../site.css">
</head>
<body class="rule-page">
<nav class="rule-nav" aria-label="mxray">${nav.join('\n')}</nav>
<main>
${body}
</main>
</body>
</html>
`;
}

// Rule pages as sections of the single file, shown by :target (no script).
function singleRuleSections() {
  const out = [];
  for (const lang of siteLanguages) {
    for (const { id, source } of ruleFiles(lang)) {
      const anchor = (l, r) => `#rule-${l}-${r}`;
      const { html, title } = markdownToHtml(source, {
        idPrefix: `rule-${lang}-${id}-`,
        rewriteLink: (href) => {
          const m = /^(?:\.\.\/(en|ja)\/)?([a-z0-9-]+)\.md(?:#.*)?$/.exec(href);
          return m ? anchor(m[1] ?? lang, m[2]) : href;
        },
      });
      const nav = [
        `<a href="#results">${escapeHtml(siteMessage('rules.backToChecker', lang))}</a>`,
        `<a href="${anchor(other(lang), id)}" lang="${other(lang)}">${escapeHtml(siteMessage('rules.otherLanguage', lang))}</a>`,
      ];
      out.push(`<section id="rule-${lang}-${id}" class="rule-page" lang="${lang}" aria-label="${escapeHtml(title)}">
<nav class="rule-nav" aria-label="mxray">${nav.join('\n')}</nav>
<div class="rule-body">
${html}
</div>
</section>`);
    }
  }
  return out.join('\n');
}

function assertInlineSafe(text, tag) {
  const bad = new RegExp(`</${tag}|<!--`, 'i').exec(text);
  if (bad) throw new Error(`the inline <${tag}> would end early at "${bad[0]}" (offset ${bad.index})`);
}

function checkCore() {
  for (const f of ['mxray-core.js', 'mxray-core.wasm']) {
    if (!existsSync(join(wasmDir, f))) throw new Error(`missing www/lib/wasm/small/${f}: build the wasm core first (make wasm)`);
  }
}

/** CSS files (absolute paths) as one, minified. */
export async function joinCss(files) {
  const text = files.map((f) => readFileSync(f, 'utf8')).join('\n');
  return (await esbuild.transform(text, { loader: 'css', minify: true, legalComments: 'none' })).code;
}

/** The colours the website and the extension share. */
export const PALETTE_CSS = join(here, 'palette.css');

const siteCss = () => joinCss([join(root, 'node_modules/diff2html/bundles/css/diff2html.min.css'), PALETTE_CSS, join(here, 'site.css'), join(here, 'report.css')]);

const pageTemplate = () => fillTexts(readFileSync(join(here, 'index.html'), 'utf8'));

/**
 * The hosted build into `siteDir` (emptied first): index.html, boot.js,
 * app.js (and the modules it loads later), worker.js, site.css,
 * mxray-core.wasm, rules/. The extension bundles
 * the same (www/extension/build.mjs), without `_headers`, which a browser
 * extension may not hold (names starting with "_" are the browser's).
 * @returns {Promise<{files: Record<string, number>, initial: string[], lazy: string[]}>}
 *   the scripts' sizes in bytes; the files a first check loads (index.html's
 *   scripts and their imports, the worker, the wasm); the modules loaded later
 */
export async function buildHostedSite(siteDir, { headersFile = true } = {}) {
  checkCore();
  rmSync(siteDir, { recursive: true, force: true });
  mkdirSync(siteDir, { recursive: true });
  // The worker and boot.js stay one file each: a module worker's imports would
  // be fetched one after the other before it can run, and boot.js exists to
  // start the worker and the wasm at once. app.js loads what the first report
  // does not need (the diff renderer) later, by import().
  // The zone-as-code module, loaded by the worker only for such a file (asCodePlugin).
  const asCodeJs = await bundle('as-code-site.js');
  const asCodeChunk = `as-code-${createHash('sha256').update(asCodeJs).digest('hex').slice(0, 8).toUpperCase()}.js`;
  writeFileSync(join(siteDir, asCodeChunk), asCodeJs);
  copyFileSync(HCL_WASM_GZ, join(siteDir, 'hcl2json.wasm.gz'));
  const workerJs = await bundle('worker.js', { plugins: [asCodePlugin(asCodeChunk)] });
  const bootJs = await bundle('boot.js');
  writeFileSync(join(siteDir, 'worker.js'), workerJs);
  writeFileSync(join(siteDir, 'boot.js'), bootJs);
  const app = await splitBundle({ app: 'main-hosted.js' }, siteDir, { plugins: [wordsByLanguage()] });
  // words-LANG.js: the modules of one language's words (NAME-LANG-HASH.js),
  // which main-hosted.js loads as a script on a page in that language.
  for (const lang of siteLanguages.filter((l) => l !== 'en')) {
    const chunks = Object.keys(app.files).filter((f) => new RegExp(`^[\\w-]+-${lang}-[A-Z0-9]+\\.js$`).test(f));
    if (!chunks.length) throw new Error(`no words of ${lang} in the hosted build`);
    const words = chunks.map((f) => `import"./${f}";`).join('');
    writeFileSync(join(siteDir, `words-${lang}.js`), words);
    app.files[`words-${lang}.js`] = words.length;
    app.lazy.push(`words-${lang}.js`);
  }
  const css = await siteCss();
  writeFileSync(join(siteDir, 'site.css'), css);
  copyFileSync(join(wasmDir, 'mxray-core.wasm'), join(siteDir, 'mxray-core.wasm'));
  const hostedHead = [
    `<meta http-equiv="Content-Security-Policy" content="${HOSTED_CSP}">`,
    '<link rel="icon" href="data:,">',
    // The wasm's download starts with the page, not once boot.js runs:
    // boot.js's fetch() (same mode and credentials) takes this response.
    '<link rel="preload" href="mxray-core.wasm" as="fetch" type="application/wasm" crossorigin>',
    '<link rel="stylesheet" href="site.css">',
    // boot.js as soon as it arrives (async): it starts the worker and the wasm
    // while app.js loads; app.js takes them over (or starts them, if first).
    '<script type="module" async src="boot.js"></script>',
    '<script type="module" src="app.js"></script>',
    // app.js's own imports, fetched with it rather than after it is parsed.
    ...app.initial.app.filter((f) => f !== 'app.js').map((f) => `<link rel="modulepreload" href="${f}">`),
  ].join('\n');
  writeFileSync(join(siteDir, 'index.html'), pageTemplate().replace('<!--MXRAY:HEAD-->', hostedHead).replace('<!--MXRAY:BODY-->', ''));
  if (headersFile) writeFileSync(join(siteDir, '_headers'), `/*\n  Content-Security-Policy: ${HOSTED_HEADER_CSP}\n  X-Frame-Options: DENY\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n`);
  hostedRulePages(siteDir);
  // What a page loads for its first check (the budget, tests/bench/site-budget.mjs) and what it loads later.
  const initial = ['boot.js', ...app.initial.app, 'worker.js', 'mxray-core.wasm'];
  return {
    files: { 'boot.js': bootJs.length, 'worker.js': workerJs.length, ...app.files, 'site.css': css.length, [asCodeChunk]: asCodeJs.length, 'hcl2json.wasm.gz': statSync(HCL_WASM_GZ).size },
    initial,
    lazy: [...app.lazy, asCodeChunk, 'hcl2json.wasm.gz'],
  };
}

export async function build({ out }) {
  checkCore();
  const siteDir = join(out, 'site');
  const singleDir = join(out, 'site-single');
  rmSync(singleDir, { recursive: true, force: true });
  mkdirSync(singleDir, { recursive: true });
  const hosted = await buildHostedSite(siteDir);

  // Chromium runs no module worker from a Blob URL in a page opened from disk
  // (origin "null"): the single file's worker is a classic script.
  const classicWorkerJs = await bundle('worker.js', { format: 'iife', define: { 'import.meta.url': 'self.location.href' }, plugins: [asCodePlugin(null)] });
  const singleJs = await bundle('main-single.js', { plugins: [workerSourcePlugin(classicWorkerJs)] });
  const css = await siteCss();
  const template = pageTemplate();

  // The single file.
  assertInlineSafe(singleJs, 'script');
  assertInlineSafe(css, 'style');
  const wasmB64 = readFileSync(join(wasmDir, 'mxray-core.wasm')).toString('base64').replace(/.{1,100}/g, '$&\n');
  const singleHead = [
    `<meta http-equiv="Content-Security-Policy" content="${singleCsp(sha256(singleJs), sha256(css))}">`,
    '<link rel="icon" href="data:,">',
    `<style>${css}</style>`,
  ].join('\n');
  const singleBody = [
    `<div class="rule-pages">\n${singleRuleSections()}\n</div>`,
    `<script type="application/octet-stream" id="mxray-wasm">\n${wasmB64}</script>`,
    `<script type="module">${singleJs}</script>`,
  ].join('\n');
  // Replaced by function: the texts may hold "$&"-like sequences.
  const single = template.replace('<!--MXRAY:HEAD-->', () => singleHead).replace('<!--MXRAY:BODY-->', () => singleBody);
  writeFileSync(join(singleDir, 'mxray.html'), single);

  return {
    site: siteDir,
    single: join(singleDir, 'mxray.html'),
    files: { ...hosted.files, 'mxray.html': Buffer.byteLength(single) },
    initial: hosted.initial,
    lazy: hosted.lazy,
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const r = await build(parseArgs(process.argv.slice(2)));
    const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
    console.log(`site: ${r.site} (app.js ${kb(r.files['app.js'])}, worker.js ${kb(r.files['worker.js'])}, site.css ${kb(r.files['site.css'])})`);
    console.log(`single file: ${r.single} (${kb(r.files['mxray.html'])})`);
  } catch (e) {
    console.error(`build.mjs: ${e.message}`);
    process.exit(1);
  }
}
