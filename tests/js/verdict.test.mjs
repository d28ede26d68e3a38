// The verdict first, and honest: `mxray check` opens with broken, at risk,
// fine or could not tell; a resolver that cannot be reached gives "could not
// tell" with exit 3, the unknown questions and their reason, and names
// --resolver, never "no problem found"; a healthy zone read whole is fine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const mxray = join(root, 'www/cli/mxray.mjs');
const env0 = { LANG: 'C', LC_ALL: '', LC_MESSAGES: '', NO_COLOR: '', FORCE_COLOR: '' };
const cli = (args) => spawnSync(process.execPath, [mxray, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env0 } });
const healthy = 'tests/scenarios/cpanel-cloudflare-healthy/input/export.txt';
// Nothing listens on port 9 of loopback: every question fails at once, as behind a firewall.
const nowhere = 'https://127.0.0.1:9/dns-query';

test('a broken zone: the first line says broken, exit 1', () => {
  const r = cli(['check', '--zone', 'examples/club-cloudflare-export.txt']);
  assert.equal(r.status, 1);
  assert.match(r.stdout.split('\n')[0], /^Broken: /);
});

test('a healthy zone read whole: fine, exit 0, and the JSON verdict says so with nothing unknown', () => {
  const r = cli(['check', '--zone', healthy]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout.split('\n')[0], /^Fine: mxray found nothing wrong with mail for dental\.test/);
  const j = JSON.parse(cli(['check', '--zone', healthy, '--format', 'json']).stdout);
  assert.deepEqual(j.verdict, { state: 'fine', blind: [], unknown: [], not_asked: [] });
});

test('a resolver that cannot be reached: could not tell, exit 3, the reason, and --resolver named; never "No problem found"', () => {
  for (const lang of ['en', 'ja']) {
    const r = cli(['check', '--domain', 'dental.test', '--resolver', nowhere, '--timeout', '500', '--lang', lang]);
    assert.equal(r.status, 3, `${lang}: ${r.stderr}`);
    const first = r.stdout.split('\n')[0];
    // Not one question answered, no zone: it looked at nothing, and says so (verdict-words.js sawNothing).
    assert.match(first, lang === 'en' ? /^Could not check dental\.test: mxray could look at nothing of its mail/ : /^dental\.test をチェックできませんでした: /);
    assert.match(r.stdout, /--resolver google/);
    assert.doesNotMatch(r.stdout, /No problem found\.|問題は見つかりませんでした。/);
    // Not even the progress says "answered": none of the round's questions was.
    assert.match(r.stderr, lang === 'en' ? /^round 1: 0\/(\d+) answered, \1 got no answer$/m : /^ラウンド 1: 0\/(\d+) 件回答済み、\1 件は応答なし$/m);
  }
  const j = JSON.parse(cli(['check', '--domain', 'dental.test', '--resolver', nowhere, '--timeout', '500', '--format', 'json']).stdout);
  assert.equal(j.verdict.state, 'could-not-tell');
  assert.deepEqual(j.verdict.blind, ['unknown-facts']);
  assert.equal(j.verdict.unknown.length, j.stats.questions);
  assert.ok(j.verdict.unknown.every((u) => u.reason.code === 'network' && u.rests_on.length > 0));
});

test('the zone with a live check that fails: the zone\'s findings stand, the unknown answers are listed', () => {
  const r = cli(['check', '--zone', 'examples/club-cloudflare-export.txt', '--domain', 'club.example', '--resolver', nowhere, '--timeout', '500', '--format', 'json']);
  assert.equal(r.status, 1);
  const j = JSON.parse(r.stdout);
  assert.equal(j.verdict.state, 'broken');
  assert.ok(j.verdict.unknown.length > 0);
});

test('a zone of another domain than the one checked is said so on its line, not silently dropped, and the verdict is not fine', () => {
  for (const lang of ['en', 'ja']) {
    const r = cli(['check', '--zone', healthy, '--domain', 'club.example', '--offline', '--lang', lang]);
    assert.equal(r.status, 3, r.stderr);
    assert.match(r.stdout, lang === 'en'
      ? /^tests\/scenarios\/cpanel-cloudflare-healthy\/input\/export\.txt is the zone of dental\.test, not of club\.example: it was not used\./m
      : /^tests\/scenarios\/cpanel-cloudflare-healthy\/input\/export\.txt は dental\.test のゾーンで、club\.example のものではないため、使っていません。/m);
  }
  const j = JSON.parse(cli(['check', '--zone', healthy, '--domain', 'club.example', '--offline', '--format', 'json']).stdout);
  assert.equal(j.inputs.zones[0].for_domain, false);
  assert.ok(j.verdict.blind.includes('zone-other-domain'));
  const same = JSON.parse(cli(['check', '--zone', healthy, '--format', 'json']).stdout);
  assert.equal(same.inputs.zones[0].for_domain, true);
});
