// The shells' own limits at their edges (docs/limits.md): the command line's
// input size and --timeout range, and the words for the budgets the core
// names. The core's limits are held by tests/unit/test_limits.cpp; the
// website's input size by memory-budget.test.mjs and site-check.test.mjs.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCheckArgs } from '../../www/cli/check.mjs';
import { MAX_INPUT_BYTES } from '../../www/lib/check.js';
import { messages, languages, reportMessage } from '../../www/lib/messages.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'mxray-limits-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const cli = (args) =>
  spawnSync(process.execPath, [join(root, 'www/cli/mxray.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, LANG: 'C', LC_ALL: '', LC_MESSAGES: '', NODE_EXTRA_CA_CERTS: '' },
  });

// A file of `size` bytes that takes no disk: a hole, read as zeros.
function sparse(name, size) {
  const path = join(scratch, name);
  const fd = openSync(path, 'w');
  ftruncateSync(fd, size);
  closeSync(fd);
  return path;
}

test('check: zone files of more than MAX_INPUT_BYTES together are refused by name, before they are read', () => {
  const over = sparse('over.zone', MAX_INPUT_BYTES + 1);
  const r = cli(['check', '--zone', over, '--offline']);
  assert.equal(r.status, 2);
  assert.equal(r.stderr, `mxray: the zone files of one check are larger than the limit of ${MAX_INPUT_BYTES} bytes: ${over}\n`);

  // All files together: a small zone, then one that brings the sum to one
  // byte over, which is the one named.
  const small = join(scratch, 'small.zone');
  const text = '$ORIGIN club.test.\n@ 300 IN MX 10 mail\nmail 300 IN A 192.0.2.1\n';
  writeFileSync(small, text);
  const rest = sparse('rest.zone', MAX_INPUT_BYTES - text.length + 1);
  const both = cli(['check', '--zone', small, '--zone', rest, '--offline']);
  assert.equal(both.status, 2);
  assert.match(both.stderr, new RegExp(`limit of ${MAX_INPUT_BYTES} bytes: ${rest}\\n$`));

  // At or under the limit the file is read: the small zone alone is checked.
  const ok = cli(['check', '--zone', small, '--offline', '--format', 'json']);
  assert.equal(ok.status, 0, ok.stderr); // nothing critical, and no refusal
  assert.equal(JSON.parse(ok.stdout).stats.records, 2);
});

test('check: the refusal has words in every language', () => {
  for (const lang of languages) {
    assert.ok(messages[lang].report.errors['too-large'], lang);
    const text = reportMessage('report.errors.too-large', lang, { detail: 'x.zone', limit: MAX_INPUT_BYTES });
    assert.ok(text.includes(String(MAX_INPUT_BYTES)) && text.includes('x.zone'), text);
  }
});

test('--timeout takes 100 to 120000 ms: the edges pass, one past them is a usage error', () => {
  for (const [value, good] of [['99', false], ['100', true], ['120000', true], ['120001', false]]) {
    const args = ['--domain', 'club.test', '--timeout', value];
    if (good) assert.equal(parseCheckArgs(args).timeout, Number(value));
    else assert.throws(() => parseCheckArgs(args), (e) => e.code === 'bad-timeout', value);
    // facts parses its own options.
    const r = cli(['facts', '--offline', '--timeout', value, 'club.test']);
    assert.equal(r.status, good ? 0 : 2, `facts --timeout ${value}: ${r.stderr}`);
    if (!good) assert.match(r.stderr, /--timeout takes milliseconds between 100 and 120000/);
  }
});

test('the website shows at most MAX_DIFF_LINES (3000) lines of a diff: 3000 whole, 3001 cut at a hunk, the rest to download', async () => {
  const { MAX_DIFF_LINES, cutDiff } = await import('../../www/site/diff-view.js');
  const { siteMessages } = await import('../../www/lib/site-messages.js');
  assert.equal(MAX_DIFF_LINES, 3000);
  // A diff of `n` lines: the file header, then hunks of 10 lines.
  const diff = (n) =>
    '--- a/z\n+++ b/z\n' + Array.from({ length: n - 2 }, (_, i) => (i % 10 === 0 ? '@@ -1 +1 @@' : ' x')).join('\n') + '\n';
  const at = cutDiff(diff(MAX_DIFF_LINES));
  assert.deepEqual([at.lines, at.shown], [3000, 3000]);
  assert.equal(at.text, diff(MAX_DIFF_LINES));
  const past = cutDiff(diff(MAX_DIFF_LINES + 1));
  assert.equal(past.lines, 3001);
  assert.equal(past.shown, 2992); // back to the start of the hunk the cut fell in
  assert.ok(diff(MAX_DIFF_LINES + 1).startsWith(past.text));
  assert.match(past.text.split('\n').at(-2), /^ x$/);
  for (const lang of Object.keys(siteMessages)) assert.ok(siteMessages[lang].results.diffTooLong, lang);
});
