#!/usr/bin/env node
// The website's budget: what it ships, and how soon it shows a report.
//
//   node tests/bench/site-budget.mjs [--runs N] [--large] [--no-build]
//
// Builds the site into build/ (www/site/build.mjs; --no-build measures what is
// there), then prints:
//   1. every shipped JS and wasm file of the hosted build, raw and gzip -9
//      (`gzip -9 -n`; zlib at level 9 where gzip is missing), and brotli for
//      reference; their gzip total
//      against the budget of 250 KB (KB = 1024 bytes here: 256,000 bytes) —
//      the single file too, for reference;
//   2. from page load to a rendered report for the seed example, in Debian's
//      Chromium: the median of N runs (default 7), each in a fresh browser
//      context (no cache), the file dropped on the page (from a script in the
//      page) the moment its document is ready;
//      against the budget of 1 s. Also when the core was ready, and from the
//      file chosen to the report;
//   3. with --large: a million-record zone (tests/e2e/lib/big-zone.mjs), its time
//      to the report and the longest the page's own timer was kept waiting.
// Exit status 1 when a budget is exceeded.
import { readFileSync, statSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { spawnSync } from 'node:child_process';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const args = process.argv.slice(2);
const opt = { runs: 7, large: false, build: true };
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--runs') opt.runs = Number(args[++i]);
  else if (args[i] === '--large') opt.large = true;
  else if (args[i] === '--no-build') opt.build = false;
  else {
    console.error(`site-budget: unknown argument ${args[i]} (--runs N, --large, --no-build)`);
    process.exit(2);
  }
}
if (!(opt.runs >= 1)) {
  console.error('site-budget: --runs needs a number >= 1');
  process.exit(2);
}

const SIZE_BUDGET = 250 * 1024;
const TIME_BUDGET_MS = 1000;
const site = join(root, 'build/site');
const single = join(root, 'build/site-single/mxray.html');

if (opt.build) {
  const { build } = await import('../../www/site/build.mjs');
  await build({ out: join(root, 'build') });
}

// ---- sizes -------------------------------------------------------------------
// `gzip -9 -n` itself where it is installed (its deflate differs a little from zlib's).
const gz = (buf) => {
  const r = spawnSync('gzip', ['-9', '-n', '-c'], { input: buf, maxBuffer: 1 << 30 });
  return r.status === 0 ? r.stdout.length : gzipSync(buf, { level: 9 }).length;
};
const br = (buf) => brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const shipped = ['boot.js', 'app.js', 'worker.js', 'mxray-core.wasm'];
const rows = shipped.map((name) => {
  const buf = readFileSync(join(site, name));
  return { name, raw: buf.length, gzip: gz(buf), brotli: br(buf) };
});
const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
const kib = (n) => `${(n / 1024).toFixed(1)} KB`;
const pad = (s, n) => String(s).padStart(n);
console.log('## Shipped JS and wasm (hosted build, build/site)\n');
console.log('| file | raw | gzip -9 | brotli |');
console.log('|---|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.name} | ${pad(r.raw, 9)} (${kib(r.raw)}) | ${pad(r.gzip, 7)} (${kib(r.gzip)}) | ${pad(r.brotli, 7)} (${kib(r.brotli)}) |`);
console.log(`| **total** | ${total.raw} (${kib(total.raw)}) | **${total.gzip} (${kib(total.gzip)})** | ${total.brotli} (${kib(total.brotli)}) |`);
const singleBuf = readFileSync(single);
console.log(`\nSingle file (build/site-single/mxray.html, everything inline): ${singleBuf.length} raw (${kib(singleBuf.length)}), ${gz(singleBuf)} gzip -9 (${kib(gz(singleBuf))})`);
const css = statSync(join(site, 'site.css')).size;
console.log(`Not counted: site.css ${css} raw (${kib(gz(readFileSync(join(site, 'site.css'))))} gzip), index.html, the rule pages.`);
const sizeRatio = total.gzip / SIZE_BUDGET;
console.log(`\nBudget wasm + JS ≤ 250 KB gzip (256000 bytes): ${total.gzip} bytes = ${(sizeRatio * 100).toFixed(1)} % of the budget — ${sizeRatio <= 1 ? 'within' : 'OVER'}`);
const wasmRow = rows.find((r) => r.name === 'mxray-core.wasm');
console.log(`  of which the wasm ${wasmRow.gzip} (${((wasmRow.gzip / SIZE_BUDGET) * 100).toFixed(1)} %), JS ${total.gzip - wasmRow.gzip} (${(((total.gzip - wasmRow.gzip) / SIZE_BUDGET) * 100).toFixed(1)} %)`);

// ---- time to a report ---------------------------------------------------------
const { launch, newPage } = await import('../e2e/lib/browser.mjs');
const { serveFolder } = await import('../e2e/lib/server.mjs');
const server = await serveFolder(site);
const chromium = await launch();
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
let timeRatio = 0;
try {
  const seed = join(root, 'examples/club-cloudflare-export.txt');
  const runs = [];
  for (let i = 0; i < opt.runs + 1; i++) {
    const { page, context, errors } = await newPage(chromium.browser, { allow: [server.url] });
    try {
      // The file is dropped on the page the moment its document is ready
      // (DOMContentLoaded: the page's scripts have run), from inside the page,
      // so the harness's own round trips do not count.
      await page.addInitScript((text) => {
        document.addEventListener('DOMContentLoaded', () => {
          const dt = new DataTransfer();
          dt.items.add(new File([text], 'club-cloudflare-export.txt', { type: 'text/plain' }));
          document.getElementById('dropzone').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
        });
      }, readFileSync(seed, 'utf8'));
      await page.goto(`${server.url}index.html`, { waitUntil: 'commit' });
      await page.waitForFunction(() => document.body.dataset.state === 'done', null, { timeout: 30000 });
      const m = await page.evaluate(() => {
        const at = (name) => performance.getEntriesByName(name).at(-1)?.startTime ?? NaN;
        const res = (name) => performance.getEntriesByType('resource').find((e) => e.name.endsWith(name))?.responseEnd ?? NaN;
        return {
          appLoaded: res('/app.js'),
          boot: at('mxray:boot'),
          appStart: at('mxray:app-start'),
          workerStarted: at('mxray:worker-started'),
          ready: at('mxray:core-ready'),
          start: at('mxray:check-start'),
          rendered: at('mxray:report-rendered'),
          findings: document.querySelectorAll('#report .finding').length,
        };
      });
      if (errors.length) throw new Error(errors.join('\n'));
      if (m.findings !== 4) throw new Error(`expected 4 findings, saw ${m.findings}`);
      if (i > 0) runs.push(m); // the first run warms the disk cache and the browser
    } finally {
      await context.close();
    }
  }
  const load = median(runs.map((r) => r.rendered));
  const ready = median(runs.map((r) => r.ready));
  const check = median(runs.map((r) => r.rendered - r.start));
  timeRatio = load / TIME_BUDGET_MS;
  console.log(`\n## Page load → rendered report, seed example (${opt.runs} runs, Chromium ${chromium.browser.version()})\n`);
  console.log(`- navigation start → report rendered: median ${load.toFixed(0)} ms (min ${Math.min(...runs.map((r) => r.rendered)).toFixed(0)}, max ${Math.max(...runs.map((r) => r.rendered)).toFixed(0)}) = ${(timeRatio * 100).toFixed(0)} % of the 1 s budget — ${timeRatio <= 1 ? 'within' : 'OVER'}`);
  const med = (k) => median(runs.map((r) => r[k])).toFixed(0);
  console.log(`- navigation start → boot.js running (worker and wasm started) ${med('boot')} ms; app.js received ${med('appLoaded')} ms → app running ${med('appStart')} ms → worker running ${med('workerStarted')} ms → core ready (wasm fetched and compiled) ${ready.toFixed(0)} ms (medians)`);
  console.log(`- file dropped at ${med('start')} ms (DOMContentLoaded) → report rendered: median ${check.toFixed(0)} ms (waits for the core, then read, check, render, diff)`);

  if (opt.large) {
    const { bigZone, RECORDS } = await import('../e2e/lib/big-zone.mjs');
    const dir = mkdtempSync(join(tmpdir(), 'mxray-bench-'));
    try {
      const file = join(dir, 'big.test.zone');
      writeFileSync(file, bigZone());
      const { page, context } = await newPage(chromium.browser, { allow: [server.url] });
      try {
        await page.goto(`${server.url}index.html`);
        await page.evaluate(() => {
          window.__gap = 0;
          let last = performance.now();
          setInterval(() => {
            const now = performance.now();
            window.__gap = Math.max(window.__gap, now - last);
            last = now;
          }, 20);
        });
        const t0 = Date.now();
        await page.setInputFiles('#files', file);
        await page.waitForFunction(() => document.body.dataset.state === 'done', null, { timeout: 300000 });
        const gap = await page.evaluate(() => window.__gap);
        console.log(`\n## ${RECORDS} records (${kib(statSync(file).size)})\n\n- file chosen → report rendered: ${Date.now() - t0} ms; the page's 20 ms timer waited at most ${gap.toFixed(0)} ms`);
      } finally {
        await context.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
} finally {
  await chromium.close();
  await server.close();
}
process.exit(sizeRatio <= 1 && timeRatio <= 1 ? 0 : 1);
