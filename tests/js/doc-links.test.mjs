// Every link between the repository's own Markdown pages leads somewhere: the
// file exists, and an #anchor names a heading of it (GitHub's slugs: lower
// case, punctuation dropped, spaces as hyphens, a repeated heading -1, -2...).
// Links to the web are not followed (no network in tests).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('../../', import.meta.url)));

function markdownFiles(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'build' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) markdownFiles(path, out);
    else if (name.endsWith('.md')) out.push(path);
  }
  return out;
}

// Fenced blocks and code spans hold examples, not links or headings.
const unfenced = (text) => text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
const prose = (text) => unfenced(text).replace(/`[^`\n]*`/g, '');

/** The anchors GitHub gives the headings of a Markdown text. */
export function anchorsOf(text) {
  const seen = new Map();
  const out = new Set();
  for (const [, heading] of unfenced(text).matchAll(/^#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$/gm)) {
    const base = heading
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n ? `${base}-${n}` : base);
  }
  // Explicit anchors: <a id="..."> or <a name="...">.
  for (const [, id] of text.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) out.add(id);
  return out;
}

const files = markdownFiles(root);
const anchorCache = new Map();
const anchors = (file) => {
  if (!anchorCache.has(file)) anchorCache.set(file, anchorsOf(readFileSync(file, 'utf8')));
  return anchorCache.get(file);
};

test('the slugs are GitHub\'s', () => {
  assert.deepEqual([...anchorsOf('# Budgets of the site and the popup\n## `mxray check`: options\n## Options\n## Options\n## 日本語の見出し\n')], [
    'budgets-of-the-site-and-the-popup',
    'mxray-check-options',
    'options',
    'options-1',
    '日本語の見出し',
  ]);
});

test('there are pages to look at', () => assert.ok(files.length >= 10, `${files.length} Markdown files`));

for (const file of files) {
  const name = relative(root, file);
  test(`${name}: its links to the repository's files and headings lead somewhere`, () => {
    const broken = [];
    for (const [, target] of prose(readFileSync(file, 'utf8')).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: ...
      const [path, anchor] = target.split('#');
      const dest = path ? resolve(dirname(file), decodeURIComponent(path)) : file;
      if (!existsSync(dest)) {
        broken.push(`${target}: no such file`);
        continue;
      }
      if (anchor && dest.endsWith('.md') && !anchors(dest).has(decodeURIComponent(anchor))) broken.push(`${target}: no such heading`);
    }
    assert.deepEqual(broken, []);
  });
}
