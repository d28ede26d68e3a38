// The website's build (www/site/build.mjs) and its Markdown converter: both
// builds are made, the single file's CSP names the hashes of exactly its
// inline script and style, nothing is inline in the hosted page, every rule
// has a page in both languages with working links, and Markdown text is
// escaped.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCore } from '../../www/lib/core-node.js';
import { build, HOSTED_CSP } from '../../www/site/build.mjs';
import { inline, markdownToHtml } from '../../www/site/tools/markdown.mjs';
import { codes as coreCodes } from './lib/codes.mjs';

let out;
let built;
let rules;
before(async () => {
  out = mkdtempSync(join(tmpdir(), 'mxray-build-'));
  built = await build({ out });
  rules = coreCodes.rules.rules.map((r) => r.id);
});
after(() => rmSync(out, { recursive: true, force: true }));

const sha = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

test('the hosted page loads its scripts and style from files, under a strict CSP', () => {
  const html = readFileSync(join(built.site, 'index.html'), 'utf8');
  for (const f of ['boot.js', 'app.js', 'worker.js', 'mxray-core.wasm', 'site.css', '_headers']) assert.ok(existsSync(join(built.site, f)), f);
  assert.ok(html.includes(`content="${HOSTED_CSP}"`));
  assert.doesNotMatch(HOSTED_CSP, /unsafe-inline|'unsafe-eval'/);
  // No inline script, no inline style, no handler attribute.
  assert.deepEqual([...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter((m) => m[2].trim() || !/\bsrc=/.test(m[1])), []);
  assert.doesNotMatch(html, /<style|\sstyle=|\son[a-z]+=/i);
  // The English words are in the page before any script runs.
  assert.match(html, /<button type="submit" id="check" class="primary" data-i18n="input.check">Check<\/button>/);
});

test('the single file: its CSP allows exactly its inline script and style, by hash', () => {
  const html = readFileSync(built.single, 'utf8');
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)[1];
  const scripts = [...html.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
  assert.equal(scripts.length, 1);
  assert.equal(styles.length, 1);
  assert.ok(csp.includes(`script-src ${sha(scripts[0])} 'wasm-unsafe-eval'`), csp);
  assert.ok(csp.includes(`style-src ${sha(styles[0])}`), csp);
  assert.doesNotMatch(csp, /unsafe-inline|'unsafe-eval'|'self'/);
  // The wasm travels as a data block that is never executed.
  const data = /<script type="application\/octet-stream" id="mxray-wasm">([\s\S]*?)<\/script>/.exec(html)[1];
  const wasm = Buffer.from(data.replace(/\s+/g, ''), 'base64');
  assert.deepEqual(wasm, readFileSync(join(built.site, 'mxray-core.wasm')));
  // The rule pages are sections, shown by :target.
  for (const lang of ['en', 'ja']) for (const id of rules) assert.ok(html.includes(`<section id="rule-${lang}-${id}" class="rule-page"`), `${lang} ${id}`);
  assert.doesNotMatch(html, /href="[^"#h][^"]*\.md"/, 'no link to a Markdown file left');
});

test('every rule has a page in both languages, linking to each other and to other rules', () => {
  for (const lang of ['en', 'ja']) {
    const dir = join(built.site, 'rules', lang);
    assert.deepEqual(readdirSync(dir).filter((f) => f !== 'index.html').sort(), rules.map((id) => `${id}.html`).sort());
    const index = readFileSync(join(dir, 'index.html'), 'utf8');
    for (const id of rules) {
      const page = readFileSync(join(dir, `${id}.html`), 'utf8');
      assert.match(page, new RegExp(`<h1 id="[^"]*">${id} — `), `${lang}/${id}`);
      assert.ok(page.includes(`<html lang="${lang}">`));
      assert.doesNotMatch(page, /<script/);
      for (const [, href] of page.matchAll(/href="([^"]+)"/g)) {
        if (/^(https?:|#|data:)/.test(href)) continue;
        assert.ok(existsSync(join(dir, href.replace(/#.*$/, ''))), `${lang}/${id}: link ${href}`);
      }
      assert.ok(index.includes(`href="${id}.html"`));
    }
  }
});

test('Markdown: text is escaped, links keep safe targets, Japanese lines join without a space', () => {
  assert.equal(inline('a <b>x</b> & "q"'), 'a &lt;b&gt;x&lt;/b&gt; &amp; &quot;q&quot;');
  assert.equal(inline('`<script>` and **bold** and *it*'), '<code>&lt;script&gt;</code> and <strong>bold</strong> and <em>it</em>');
  assert.equal(inline('[x](javascript:alert(1))'), 'x)');
  assert.equal(inline('[rule](mx-target-proxied.md)', { rewriteLink: (h) => h.replace(/\.md$/, '.html') }), '<a href="mx-target-proxied.html">rule</a>');
  assert.equal(inline('see https://example.com/a_(b). Next'), 'see <a href="https://example.com/a_(b)" rel="noopener noreferrer">https://example.com/a_(b)</a>. Next');
  assert.equal(inline('(older: https://example.com/x)'), '(older: <a href="https://example.com/x" rel="noopener noreferrer">https://example.com/x</a>)');
  assert.equal(inline('cf_tags=cf-proxied and _dmarc'), 'cf_tags=cf-proxied and _dmarc');
  const { html, title } = markdownToHtml('# t — x\n\n日本語の\n文です。\n\n- one\n  two\n- three\n\n```diff\n-<a>\n```\n\n| a | b |\n|---|---|\n| `x\\|y` | 2 |\n');
  assert.equal(title, 't — x');
  assert.ok(html.includes('<p>日本語の文です。</p>'), html);
  assert.ok(html.includes('<ul>\n<li>one two</li>\n<li>three</li>\n</ul>'), html);
  assert.ok(html.includes('<pre><code class="language-diff">-&lt;a&gt;</code></pre>'), html);
  assert.ok(html.includes('<td><code>x|y</code></td><td>2</td>'), html);
});
