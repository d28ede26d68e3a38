// The repository stands alone: no tracked file may point at material outside
// it (the team's notes, fact sheets, design files, numbered issues of a
// tracker the reader cannot see). An outside fact is cited from
// docs/sources.md, by anchor, and every anchor cited must exist there.
//
// tests/js/outside-refs.allow lists lines known to break the rule that wait
// for a fix in a file owned by other work; each entry must still match a line,
// so the list shrinks as the fixes land, and is empty in the end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const self = 'tests/js/outside-refs.test.mjs';
const allowFile = 'tests/js/outside-refs.allow';
const excluded = (path) => path.startsWith('.ci/') || path === self || path === allowFile;

// Each pattern, with what it stands for. Paths inside other projects that
// happen to contain the words (Firefox's devtools/shared/, build/fuzz/artifacts/)
// are not outside references and must not match.
const patterns = [
  [/(?<![\w/.-])shared\//, 'the team folder (shared/...)'],
  [/\.\.\/shared\//, 'the team folder (../shared/...)'],
  [/\/work\/shared/, 'the team folder (/work/shared)'],
  [/(?<![A-Za-z])facts\//, 'the fact sheets (facts/...)'],
  [/facts (§|file|sheet|ファイル)|fact sheet|ファクトシート/i, 'the fact sheet'],
  [/DESIGN\.md|STYLE\.md/, 'the team design or style notes'],
  [/\b[Ii]ssue [0-9]+/, 'a numbered issue of an unseen tracker'],
  [/\bstop [0-9]+/, 'a numbered stop of an unseen plan'],
  [/cloudflare-and-cpanel|toolchain-and-browser|performance-anchors/, 'a fact sheet by name'],
  [/§6 row/, "a row of the fact sheet's table"],
];

function outsideRef(text) {
  for (const [re, what] of patterns) if (re.test(text)) return what;
  return null;
}

function trackedFiles() {
  const out = execFileSync('git', ['ls-files', '-z'], { cwd: root, maxBuffer: 64 << 20 });
  return out
    .toString('utf8')
    .split('\0')
    .filter((p) => p && !excluded(p));
}

// Every line of every tracked file (binary seeds too, read as UTF-8) that
// matches a pattern: { path, line, text, what }.
function findOutsideRefs() {
  const found = [];
  for (const path of trackedFiles()) {
    let text;
    try {
      text = readFileSync(root + path, 'utf8');
    } catch {
      continue; // listed by git but gone from the work tree (a deletion not yet committed)
    }
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const what = outsideRef(lines[i]);
      if (what) found.push({ path, line: i + 1, text: lines[i].trim(), what });
    }
  }
  return found;
}

// "path: text" per line; '#' starts a comment line.
function readAllowList() {
  const entries = [];
  for (const raw of readFileSync(root + allowFile, 'utf8').split('\n')) {
    if (!raw.trim() || raw.startsWith('#')) continue;
    const at = raw.indexOf(': ');
    assert.ok(at > 0, `${allowFile}: not "path: text": ${raw}`);
    entries.push({ path: raw.slice(0, at), text: raw.slice(at + 2).trim() });
  }
  return entries;
}

const key = (e) => `${e.path}\0${e.text}`;

test('the patterns catch outside references and leave other text alone', () => {
  for (const text of [
    'see ../shared/DESIGN.md',
    '// (shared/facts/cloudflare-and-cpanel.md §3.2)',
    '# from /work/shared/facts/performance-anchors.md: MB/s.',
    "Cloudflare's docs, facts §3.4).",
    '(facts file §6, case 9; third party)',
    '(ファクトシート §1.2)',
    'the fix writer (issue 5) leaves',
    'decided at stop 3',
    '"title": "... (§6 row 4)"',
  ])
    assert.ok(outsideRef(text), `not caught: ${text}`);
  for (const text of [
    '// `{from, ...}` (devtools/shared/transport/ in Firefox\'s source)',
    'A crash is saved under `build/fuzz/artifacts/`',
    'SPF allows 10 lookups (RFC 7208 §4.6.4)',
    'https://github.com/hestiacp/hestiacp/issues/1356',
    'see docs/sources.md#cloudflare-proxy-ports',
  ])
    assert.equal(outsideRef(text), null, `caught by mistake: ${text}`);
});

test('no tracked file refers to material outside the repository', () => {
  const allowed = new Set(readAllowList().map(key));
  const offending = findOutsideRefs().filter((f) => !allowed.has(key(f)));
  assert.deepEqual(
    offending.map((f) => `${f.path}:${f.line}: ${f.what}: ${f.text}`),
    [],
    'cite docs/sources.md#<anchor> or state the fact instead',
  );
});

test('every entry of the allow-list still matches a line', () => {
  const present = new Set(findOutsideRefs().map(key));
  const stale = readAllowList().filter((e) => !present.has(key(e)));
  assert.deepEqual(
    stale.map((e) => `${e.path}: ${e.text}`),
    [],
    `fixed lines: remove them from ${allowFile}`,
  );
});

test('every docs/sources.md anchor cited in the repository exists', () => {
  const headings = readFileSync(root + 'docs/sources.md', 'utf8')
    .split('\n')
    .filter((l) => /^#{2,3} /.test(l))
    .map((l) => l.replace(/^#+ /, '').trim());
  const anchors = new Set(headings);
  assert.ok(anchors.has('cloudflare-proxy-ports'), 'docs/sources.md lost its anchors');
  const missing = [];
  for (const path of trackedFiles()) {
    let text;
    try {
      text = readFileSync(root + path, 'utf8');
    } catch {
      continue;
    }
    const lines = text.split('\n');
    lines.forEach((l, i) => {
      const inSources = path === 'docs/sources.md';
      const re = inSources ? /\]\(#([a-z0-9-]+)\)/g : /sources\.md#([a-z0-9-]+)/g;
      for (const m of l.matchAll(re)) if (!anchors.has(m[1])) missing.push(`${path}:${i + 1}: #${m[1]}`);
    });
  }
  assert.deepEqual(missing, [], 'anchors cited but not headings of docs/sources.md');
});
