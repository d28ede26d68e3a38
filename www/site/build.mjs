#!/usr/bin/env node
// Builds the website from www/site and www/lib with esbuild (a devDependency):
//
//   node www/site/build.mjs [--out DIR]        (default DIR: build)
//
//   DIR/site/                the hosted build: index.html, boot.js, app.js, worker.js,
//                            mxray-core.wasm, site.css, rules/<lang>/<rule>.html,
//                            _headers (the CSP as an HTTP header, for hosts that read it)
//   DIR/site-single/mxray.html  one file that works opened from disk: the page
//                            script inline (CSP by hash), the worker's code inside
//                            it (run from a Blob URL), the wasm as base64 in a data
//                            block, the rule pages as sections of the page
//
// The wasm core must be built first (make wasm: www/lib/wasm/mxray-core.*).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { siteMessage, siteLanguages } from '../lib/site-messages.js';
import { escapeHtml, markdownToHtml } from './tools/markdown.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const wasmDir = join(root, 'www/lib/wasm');

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
    plugins,
    logLevel: 'warning',
  });
  return result.outputFiles[0].text;
}

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
    if (!existsSync(join(wasmDir, f))) throw new Error(`missing www/lib/wasm/${f}: build the wasm core first (make wasm)`);
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
 * app.js, worker.js, site.css, mxray-core.wasm, rules/. The extension bundles
 * the same (www/extension/build.mjs), without `_headers`, which a browser
 * extension may not hold (names starting with "_" are the browser's).
 * @returns {Promise<Record<string, number>>} the scripts' sizes in bytes
 */
export async function buildHostedSite(siteDir, { headersFile = true } = {}) {
  checkCore();
  rmSync(siteDir, { recursive: true, force: true });
  mkdirSync(siteDir, { recursive: true });
  const workerJs = await bundle('worker.js');
  const bootJs = await bundle('boot.js');
  const appJs = await bundle('main-hosted.js');
  const css = await siteCss();
  writeFileSync(join(siteDir, 'worker.js'), workerJs);
  writeFileSync(join(siteDir, 'boot.js'), bootJs);
  writeFileSync(join(siteDir, 'app.js'), appJs);
  writeFileSync(join(siteDir, 'site.css'), css);
  copyFileSync(join(wasmDir, 'mxray-core.wasm'), join(siteDir, 'mxray-core.wasm'));
  const hostedHead = [
    `<meta http-equiv="Content-Security-Policy" content="${HOSTED_CSP}">`,
    '<link rel="icon" href="data:,">',
    '<link rel="stylesheet" href="site.css">',
    // boot.js as soon as it arrives (async): it starts the worker and the wasm
    // while app.js loads; app.js takes them over (or starts them, if first).
    '<script type="module" async src="boot.js"></script>',
    '<script type="module" src="app.js"></script>',
  ].join('\n');
  writeFileSync(join(siteDir, 'index.html'), pageTemplate().replace('<!--MXRAY:HEAD-->', hostedHead).replace('<!--MXRAY:BODY-->', ''));
  if (headersFile) writeFileSync(join(siteDir, '_headers'), `/*\n  Content-Security-Policy: ${HOSTED_CSP}\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n`);
  hostedRulePages(siteDir);
  return { 'boot.js': bootJs.length, 'app.js': appJs.length, 'worker.js': workerJs.length, 'site.css': css.length };
}

export async function build({ out }) {
  checkCore();
  const siteDir = join(out, 'site');
  const singleDir = join(out, 'site-single');
  rmSync(singleDir, { recursive: true, force: true });
  mkdirSync(singleDir, { recursive: true });
  const sizes = await buildHostedSite(siteDir);

  // Chromium runs no module worker from a Blob URL in a page opened from disk
  // (origin "null"): the single file's worker is a classic script.
  const classicWorkerJs = await bundle('worker.js', { format: 'iife', define: { 'import.meta.url': 'self.location.href' } });
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
    files: { ...sizes, 'mxray.html': Buffer.byteLength(single) },
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
