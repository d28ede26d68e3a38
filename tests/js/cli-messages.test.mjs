// The command line's own words (www/lib/cli-messages.js): both languages have
// every key with the same placeholders, every code the CLI and the DoH driver
// raise has words, and the usage texts and usage errors come out in Japanese.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cliMessages, cliMessage, cliLanguage, UsageError } from '../../www/lib/cli-messages.js';
import { ResolverError, resolveResolver } from '../../www/lib/doh-driver.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const source = (p) => readFileSync(`${root}${p}`, 'utf8');

const cli = (args, env = {}) =>
  spawnSync(process.execPath, ['www/cli/mxray.mjs', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, LANG: 'C', LC_ALL: '', LC_MESSAGES: '', ...env },
  });

// key path -> sorted placeholder names, for every string of a catalogue
function shape(cat, prefix = '', out = {}) {
  for (const [k, v] of Object.entries(cat)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out[path] = [...new Set([...v.matchAll(/\{([\w-]+)\}/g)].map((m) => m[1]))].sort();
    else shape(v, path, out);
  }
  return out;
}

test('English and Japanese have the same keys, with the same placeholders', () => {
  assert.deepEqual(Object.keys(cliMessages).sort(), ['en', 'ja']);
  assert.deepEqual(shape(cliMessages.ja), shape(cliMessages.en));
  // The Japanese texts are translations, not copies.
  const en = shape(cliMessages.en);
  for (const path of Object.keys(en)) assert.notEqual(cliMessage(path, 'ja'), cliMessage(path, 'en'), path);
});

test('every usage error the CLI raises and every resolver error has words', () => {
  const raised = new Set();
  for (const file of ['www/cli/mxray.mjs', 'www/cli/check.mjs', 'www/cli/args.mjs'])
    for (const m of source(file).matchAll(/new UsageError\('([\w-]+)'/g)) raised.add(m[1]);
  for (const m of source('www/cli/mxray.mjs').matchAll(/cliMessage\('errors\.([\w-]+)'/g)) raised.add(m[1]);
  assert.ok(raised.size >= 15, `found ${raised.size} codes`);
  for (const code of raised) assert.ok(cliMessages.en.errors[code], `errors.${code}`);
  const thrown = new Set([...source('www/lib/doh-driver.js').matchAll(/new ResolverError\('([\w-]+)'/g)].map((m) => m[1]));
  assert.deepEqual([...thrown].sort(), Object.keys(cliMessages.en.resolver).sort());
});

test('a usage error keeps its code and values, and speaks either language', () => {
  const e = new UsageError('unknown-option', { value: '--bogus' });
  assert.equal(e.message, 'unknown option: --bogus');
  assert.equal(e.text('ja'), '不明なオプションです: --bogus');
  // A placeholder without a value stays visible rather than vanishing.
  assert.match(cliMessage('checkUsage', 'en'), /\{origin-ipv4\}/);
});

test('the language comes from --lang, else the locale', () => {
  assert.equal(cliLanguage(['check', '--lang', 'ja'], { LANG: 'C' }), 'ja');
  assert.equal(cliLanguage(['check', '--lang=en'], { LANG: 'ja_JP.UTF-8' }), 'en');
  assert.equal(cliLanguage(['check'], { LANG: 'ja_JP.UTF-8' }), 'ja');
  assert.equal(cliLanguage(['check', '--lang', 'fr'], { LC_ALL: 'ja_JP' }), 'ja');
  assert.equal(cliLanguage([], {}), 'en');
});

test('resolver errors carry a code for the shells', () => {
  for (const [spec, code] of [
    ['opendns', 'unknown-resolver'],
    ['http://127.0.0.1/dns-query', 'not-https'],
    ['https://', 'not-a-url'],
  ]) {
    assert.throws(() => resolveResolver(spec), (e) => e instanceof ResolverError && e.code === code, spec);
  }
  assert.throws(() => resolveResolver('cloudflare', 'xml'), (e) => e.code === 'bad-doh-format');
});

test('usage texts and usage errors in Japanese, from --lang or LANG', () => {
  let r = cli(['--help', '--lang', 'ja']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^使い方: mxray <コマンド>/);
  assert.match(r.stdout, /--format F      入力形式: auto, bind, cloudflare, cloudflare-json/);
  r = cli(['check', '--help'], { LANG: 'ja_JP.UTF-8' });
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^使い方: mxray check/);
  assert.match(r.stdout, /--panel P        auto, none, cpanel, plesk, directadmin/);
  r = cli(['check', '--bogus', '--lang', 'ja']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^mxray: 不明なオプションです: --bogus\n使い方: mxray check/);
  r = cli(['dump'], { LANG: 'ja_JP.UTF-8' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /dump にはファイルを 1 つ以上指定してください/);
  r = cli(['facts', '--resolver', 'http://127.0.0.1/dns-query', '--lang', 'ja', 'club.test']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /リゾルバーの URL は https でなければなりません/);
  r = cli(['check', '--zone', 'no/such/file.txt', '--lang', 'ja']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /ファイル/);
  // English stays the default.
  r = cli(['check', '--bogus']);
  assert.match(r.stderr, /^mxray: unknown option: --bogus\nusage: mxray check/);
});
