// The command line through the wasm build: exit codes, messages in both
// languages, and a catalogue that covers every code the core can report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCore } from '../../www/lib/core-node.js';
import { messages, languages } from '../../www/lib/messages.js';
import { codes as coreCodes } from './lib/codes.mjs';

const cli = (args, env = {}) =>
  spawnSync(process.execPath, ['www/cli/mxray.mjs', ...args], {
    encoding: 'utf8',
    timeout: 60_000, // a hang fails the test instead of stopping the suite
    env: { ...process.env, LANG: 'C', LC_ALL: '', LC_MESSAGES: '', ...env },
  });

const scratch = mkdtempSync(join(tmpdir(), 'mxray-cli-'));
const zone = (name, text) => {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
};

test('every diagnostic code has a message in every language, and no message is orphaned', async () => {
  const core = await loadCore();
  const codes = coreCodes.diagnostics;
  assert.ok(codes.length > 30, 'the core lists its codes');
  for (const lang of languages) {
    const have = Object.keys(messages[lang].codes).sort();
    assert.deepEqual(have, [...codes].sort(), `${lang} catalogue matches the core's codes`);
  }
});

test('dump of the bundled example is clean and shows the proxy flags', () => {
  const r = cli(['dump', 'examples/club-cloudflare-export.txt']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.match(r.stdout, /^club\.example\. 3600 IN SOA ada\.ns\.cloudflare\.com\. /m);
  assert.match(r.stdout, /^mail\.club\.example\. 1 IN CNAME club\.example\. ; cf-proxied:false$/m);
  assert.match(r.stdout, /^club\.example\. 1 IN A 203\.0\.113\.25 ; cf-proxied:true$/m);
});

test('a rejected record gives exit 1, file:line:col, the token and the code; the rest is kept', () => {
  const f = zone('bad.zone', '$ORIGIN example.com.\n$TTL 300\n@ IN MX 1o mail\nmail IN A 192.0.2.1\n');
  const r = cli(['dump', f]);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, `${f}:3:9: error: invalid preference in MX: "1o" [bad-number]\n`);
  assert.equal(r.stdout, 'mail.example.com. 300 IN A 192.0.2.1\n');
});

test('$INCLUDE: a file beside the zone is read; a device, a FIFO and a folder are include-not-found at once', () => {
  const dir = mkdtempSync(join(scratch, 'include-'));
  writeFileSync(join(dir, 'hosts.inc'), 'www 300 IN A 192.0.2.8\n');
  const fifo = spawnSync('mkfifo', [join(dir, 'pipe')]);
  assert.equal(fifo.status, 0, fifo.stderr?.toString());
  const main = join(dir, 'main.zone');
  // /dev/zero never ends and nobody writes to the FIFO: read as files, the
  // first would grow without bound and the second would wait for ever.
  writeFileSync(main, '$ORIGIN example.com.\n$TTL 300\n$INCLUDE hosts.inc\n$INCLUDE /dev/zero\n$INCLUDE pipe\n$INCLUDE .\nlast IN A 192.0.2.9\n');
  // /dev is outside the zone's folder: --include-root / lets the reader try it.
  const r = cli(['dump', '--include-root', '/', main]);
  assert.equal(r.error, undefined, 'the command ends');
  assert.equal(r.status, 1, r.stderr);
  assert.equal(r.stdout, 'www.example.com. 300 IN A 192.0.2.8\nlast.example.com. 300 IN A 192.0.2.9\n');
  const found = r.stderr.trim().split('\n').map((l) => /^.*main\.zone:(\d+):10: error: .* \[([a-z-]+)\]$/.exec(l)?.slice(1).join(' '));
  assert.deepEqual(found, ['4 include-not-found', '5 include-not-found', '6 include-not-found'], r.stderr);
});

test('$INCLUDE loop: a file still being read is include-loop, known by its name, and the command ends', () => {
  const dir = mkdtempSync(join(scratch, 'loop-'));
  writeFileSync(join(dir, 'a.zone'), '$ORIGIN example.com.\n$TTL 300\nin-a IN A 192.0.2.1\n$INCLUDE b.zone\n');
  writeFileSync(join(dir, 'b.zone'), 'in-b IN A 192.0.2.2\n$INCLUDE a.zone\n');
  const run = (file, lang = 'en') =>
    spawnSync(process.execPath, [join(process.cwd(), 'www/cli/mxray.mjs'), 'dump', '--lang', lang, file], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
    });
  // Named as the include names it, a.zone is open when b.zone asks for it.
  const byName = run('a.zone');
  assert.equal(byName.status, 1, byName.stderr);
  assert.equal(byName.stdout, 'in-a.example.com. 300 IN A 192.0.2.1\nin-b.example.com. 300 IN A 192.0.2.2\n');
  assert.equal(
    byName.stderr,
    'b.zone:2:10: error: $INCLUDE of a file that is still being read (a loop); not read again: "a.zone" [include-loop]\n',
  );
  assert.equal(
    run('a.zone', 'ja').stderr,
    'b.zone:2:10: エラー: 読み込み中のファイルを $INCLUDE しています (循環)。再読み込みはしません: "a.zone" [include-loop]\n',
  );
  // Named by another path, it is read once more under the include's name,
  // and the loop closes at b.zone.
  const byPath = run(join(dir, 'a.zone'));
  assert.equal(byPath.status, 1, byPath.stderr);
  assert.equal(
    byPath.stdout,
    'in-a.example.com. 300 IN A 192.0.2.1\nin-b.example.com. 300 IN A 192.0.2.2\nin-a.example.com. 300 IN A 192.0.2.1\n',
  );
  assert.match(byPath.stderr, /^a\.zone:4:10: error: .* "b\.zone" \[include-loop\]\n$/);
});

test('messages in Japanese with --lang ja or a Japanese locale', () => {
  const f = zone('bad-ja.zone', '$ORIGIN example.com.\n$TTL 300\nx IN A 10..0.1\n');
  const byFlag = cli(['dump', '--lang', 'ja', f]);
  assert.equal(byFlag.stderr, `${f}:3:8: エラー: A の IPv4 アドレスが不正です: "10..0.1" [bad-ipv4]\n`);
  const byLocale = cli(['dump', f], { LANG: 'ja_JP.UTF-8' });
  assert.equal(byLocale.stderr, byFlag.stderr);
});

test('the start line of a record is named when the problem is noticed elsewhere', () => {
  const f = zone('paren.zone', '$ORIGIN example.com.\n$TTL 300\na IN TXT ( "one"\n  "two" 5x\n"\n');
  const r = cli(['dump', f]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /paren\.zone:5:1: error: unterminated quoted string: "\\"" \[unterminated-quote\]/);
  assert.match(r.stderr, /\(record starts at line 3\)/);
});

test('usage errors exit 2', () => {
  for (const args of [[], ['frobnicate', 'x'], ['dump'], ['dump', '--format', 'xml', 'x'], ['dump', '--nope', 'x']]) {
    const r = cli(args);
    assert.equal(r.status, 2, `mxray ${args.join(' ')}`);
    assert.match(r.stderr, /usage: mxray/);
  }
  // parseArgs' refusals, in the command line's words.
  const words = [
    [['dump', '--generic=yes', 'x'], 'unknown option: --generic=yes'],
    [['dump', 'x', '--origin'], '--origin needs a value'],
    [['dump', '--origin', '-x', 'x'], '--origin needs a value'],
    [['facts', '--zone'], '--zone needs a value'],
    [['facts', '-hq'], 'unknown option: -hq'],
  ];
  for (const [args, text] of words) {
    const r = cli(args);
    assert.equal(r.status, 2, `mxray ${args.join(' ')}`);
    assert.ok(r.stderr.startsWith(`mxray: ${text}\nusage: mxray`), r.stderr);
  }
  const missing = cli(['dump', join(scratch, 'no-such.zone')]);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /no such file/);
});

test('dump: --opt=value as well as --opt value, and files after --', () => {
  const file = zone('inline.zone', 'www 300 IN A 192.0.2.1\n');
  const spaced = cli(['dump', '--origin', 'inline.test.', '--format', 'bind', file]);
  assert.equal(spaced.status, 0, spaced.stderr);
  assert.equal(spaced.stdout, 'www.inline.test. 300 IN A 192.0.2.1\n');
  const inline = cli(['dump', '--origin=inline.test.', '--format=bind', '--', file]);
  assert.equal(inline.stdout, spaced.stdout);
});

test('--help and --version exit 0', () => {
  assert.equal(cli(['--help']).status, 0);
  assert.match(cli(['--version']).stdout, /^mxray \d+\.\d+\.\d+\n$/);
});
