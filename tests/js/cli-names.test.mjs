// Names the command line prints: a file name or a value given on the command
// line may hold any character. In a diff header it is quoted as git quotes
// it (and GNU patch still finds the file); on the terminal (stderr, the
// `;; mxray: FILE` line) a control, bidi or invisible character shows as
// ⟨U+XXXX⟩: an OSC 52 clipboard write, a line erase or a newline that would
// start a header or a record of its own gets nowhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gitQuotedPath, quotedText } from '../../www/lib/name-safety.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const mxray = join(root, 'www/cli/mxray.mjs');
const seed = join(root, 'examples/club-cloudflare-export.txt');
const env0 = { LANG: 'C', LC_ALL: '', LC_MESSAGES: '', NO_COLOR: '', FORCE_COLOR: '' };
const cli = (args, { cwd = root, encoding = 'utf8' } = {}) =>
  spawnSync(process.execPath, [mxray, ...args], { cwd, encoding, env: { ...process.env, ...env0 } });

const OSC52 = '\x1b]52;c;ZWNobyBwd25lZA==\x07'; // a clipboard write
const ERASE = '\x1b[2K\r'; // erase the line, back to its start
const RLO = '\u202e'; // RIGHT-TO-LEFT OVERRIDE
const CSI = '\u009b'; // C1 Control Sequence Introducer
// Nothing a terminal would act on: C0 but TAB and LF, DEL, C1, bidi controls.
const RAW = /[\0-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

test('gitQuotedPath writes a name as git does with core.quotePath on', () => {
  assert.equal(gitQuotedPath('zone.db', 'a/'), 'a/zone.db');
  assert.equal(gitQuotedPath('a b.db', 'a/'), 'a/a b.db'); // a space needs no quotes
  assert.equal(gitQuotedPath('x\x1b\n\t"\\.db', 'a/'), '"a/x\\033\\n\\t\\"\\\\.db"');
  assert.equal(gitQuotedPath(`x${RLO}.db`, 'b/'), '"b/x\\342\\200\\256.db"');
  assert.equal(gitQuotedPath('x\x7f\x07.db'), '"x\\177\\a.db"');
  // As git itself writes it, where git is installed.
  const repo = mkdtempSync(join(tmpdir(), 'mxray-gitq-'));
  const name = `x\x1b\n${RLO}\u00e9"\\.db`;
  const git = (...args) => spawnSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...args], { cwd: repo, encoding: 'utf8' });
  if (git('init', '-q').status !== 0) return;
  writeFileSync(join(repo, name), 'a\n');
  git('add', '-A');
  git('commit', '-qm', 'a');
  writeFileSync(join(repo, name), 'b\n');
  const header = git('diff').stdout.split('\n').filter((l) => l.startsWith('--- ') || l.startsWith('+++ '));
  assert.deepEqual(header, [`--- ${gitQuotedPath(name, 'a/')}`, `+++ ${gitQuotedPath(name, 'b/')}`]);
});

test('quotedText quotes as JSON does and shows what JSON leaves raw', () => {
  assert.equal(quotedText(`a${RLO}b${CSI}c\u200bd\n`), '"a⟨U+202E⟩b⟨U+009B⟩c⟨U+200B⟩d\\n"');
  assert.doesNotMatch(quotedText(OSC52 + ERASE), RAW);
});

test('--format diff: a zone named with a newline cannot write a hunk of its own; patch -p1 patches that file only', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mxray-names-'));
  // A name that, written raw into the header, would end it and start another
  // file's header: "patch -p1" would then rewrite victim.txt.
  // (Its "/" makes "zone.txt\n+++ b" a folder.)
  const name = 'zone.txt\n+++ b/victim.txt\n@@ -1 +1 @@\n-keep\n+owned\n';
  mkdirSync(join(dir, 'zone.txt\n+++ b'));
  copyFileSync(seed, join(dir, name));
  writeFileSync(join(dir, 'victim.txt'), 'keep\n');
  const r = cli(['check', '--zone', name, '--format', 'diff'], { cwd: dir });
  assert.equal(r.status, 1, r.stderr);
  const head = r.stdout.split('\n').slice(0, 2);
  assert.deepEqual(head, [`--- ${gitQuotedPath(name, 'a/')}`, `+++ ${gitQuotedPath(name, 'b/')}`]);
  assert.equal(r.stdout.split('\n').filter((l) => l.startsWith('+++ ')).length, 1);
  writeFileSync(join(dir, 'fix.diff'), r.stdout);
  const p = spawnSync('patch', ['-p1', '-i', 'fix.diff'], { cwd: dir, encoding: 'utf8' });
  assert.equal(p.status, 0, p.stdout + p.stderr);
  assert.equal(readFileSync(join(dir, 'victim.txt'), 'utf8'), 'keep\n');
  assert.match(readFileSync(join(dir, name), 'utf8'), /^mail\.club\.example\.\t1\tIN\tA\t203\.0\.113\.25/m);
  assert.deepEqual(readdirSync(dir).sort(), ['fix.diff', 'victim.txt', 'zone.txt\n+++ b'].sort());
});

test('--format diff: ESC and U+202E in a file name stay off the terminal', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mxray-names-'));
  const name = `club${ERASE}${RLO}.txt`;
  copyFileSync(seed, join(dir, name));
  const r = cli(['check', '--zone', name, '--format', 'diff'], { cwd: dir });
  assert.equal(r.status, 1, r.stderr);
  const header = r.stdout.split('\n').filter((l) => l.startsWith('--- ') || l.startsWith('+++ '));
  for (const l of header) assert.doesNotMatch(l, RAW);
  assert.equal(header[0], `--- ${gitQuotedPath(name, 'a/')}`);
  // The text report's diff shows the same quoted header.
  const text = cli(['check', '--zone', name], { cwd: dir });
  assert.doesNotMatch(text.stdout, RAW);
  assert.doesNotMatch(text.stderr, RAW);
});

test('--format zone with several zones: a file name cannot become a record line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mxray-names-'));
  const evil = 'other.txt\nmail.club.example.\t1\tIN\tA\t198.51.100.66';
  copyFileSync(seed, join(dir, 'club.txt'));
  writeFileSync(join(dir, evil), ';; Domain:     other.example.\nother.example.\t1\tIN\tA\t192.0.2.1\n');
  const r = cli(['check', '--zone', 'club.txt', '--zone', evil, '--domain', 'club.example', '--offline', '--format', 'zone'], { cwd: dir });
  assert.equal(r.status, 1, r.stderr);
  assert.doesNotMatch(r.stdout, /198\.51\.100\.66\n/);
  const marks = r.stdout.split('\n').filter((l) => l.startsWith(';; mxray: '));
  assert.equal(marks.length, 2);
  assert.equal(marks[1], ';; mxray: other.txt⟨U+000A⟩mail.club.example.\t1\tIN\tA\t198.51.100.66 (unchanged)');
});

test('stderr: file, usage, resolver and session errors show names and values escaped, in both languages', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mxray-names-'));
  const evil = `missing${OSC52}${ERASE}${RLO}${CSI}.txt`;
  const folder = `folder${ERASE}${RLO}`;
  mkdirSync(join(dir, folder));
  const cases = [
    // no such file (check and dump), not a regular file
    [['check', '--zone', evil], null],
    [['dump', evil], null],
    [['check', '--zone', folder, '--format', 'zone'], null],
    [['facts', '--offline', '--zone', evil], null],
    [['dump', folder], null],
    // unknown option, unknown command, a bad format value
    [['check', `--${OSC52}`], null],
    [[`x${OSC52}`], null],
    [['check', '--zone', seed, '--format', `diff${ERASE}`], null],
    // resolver errors
    [['check', '--domain', 'club.example', '--resolver', `http://x${OSC52}/`], null],
    [['check', '--domain', 'club.example', '--resolver', `nope${RLO}`], null],
    // session and report refusals
    [['check', '--domain', `bad..${CSI}${RLO}name`], null],
    [['check', '--zone', seed, '--origin', `203.0.113.1${RLO}`], null],
  ];
  for (const lang of ['en', 'ja']) {
    for (const [args] of cases) {
      const r = cli([...args, '--lang', lang], { cwd: dir });
      assert.equal(r.status, 2, `${JSON.stringify(args)}: ${r.stderr}`);
      assert.doesNotMatch(r.stderr, RAW, `${JSON.stringify(args)} ${lang}: ${JSON.stringify(r.stderr)}`);
      assert.match(r.stderr, /⟨U\+(001B|202E|009B)⟩/, `${JSON.stringify(args)} ${lang}: ${JSON.stringify(r.stderr)}`);
    }
  }
  // The words around the name are the usual ones.
  const r = cli(['check', '--zone', evil], { cwd: dir });
  assert.ok(r.stderr.includes('missing⟨U+001B⟩]52;c;ZWNobyBwd25lZA==⟨U+0007⟩⟨U+001B⟩[2K⟨U+000D⟩⟨U+202E⟩⟨U+009B⟩.txt'), r.stderr);
});
