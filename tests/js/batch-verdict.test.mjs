// `mxray check --zone-dir`: each line carries the zone's verdict (jsonl:
// `verdict`; text: its words, English or Japanese), the same verdict a
// single check of that zone gives, and the batch's exit status follows a
// single check's rule: 1 when some zone has something at or above
// --fail-on, else 3 when some zone could not tell, else 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliMessage } from '../../www/lib/cli-messages.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const env = { ...process.env, LANG: 'C', LC_ALL: '', LC_MESSAGES: '', NO_COLOR: '1', FORCE_COLOR: '' };
const cli = (args) => spawnSync(process.execPath, [join(root, 'www/cli/mxray.mjs'), ...args], { cwd: root, encoding: 'utf8', env });

// A zone whose mail host is proxied (broken), a healthy cPanel zone (fine), a
// zone whose records all sit outside its domain, and a Cloudflare export
// whose domain line names another domain than its records (both could not tell).
const dir = mkdtempSync(join(tmpdir(), 'mxray-batch-verdict-'));
const zones = {
  'mx1.test.db': { verdict: 'broken' },
  'shop.test.db': { verdict: 'fine' },
  'empty.test.db': { verdict: 'could-not-tell' },
  'named.test.txt': { verdict: 'could-not-tell' },
};
copyFileSync(join(root, 'tests/scenarios/mail-a-proxied/input/export.txt'), join(dir, 'mx1.test.db'));
writeFileSync(
  join(dir, 'shop.test.db'),
  '$TTL 14400\n@ 86400 IN SOA ns1.host.test. root.host.test. 1 3600 1800 1209600 86400\n@ IN NS ns1.host.test.\n' +
    '@ IN A 192.0.2.5\nmail IN A 192.0.2.5\n@ IN MX 0 mail\n@ IN TXT "v=spf1 +a +mx -all"\n' +
    '_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:d@shop.test"\n',
);
writeFileSync(join(dir, 'empty.test.db'), '$ORIGIN empty.test.\nwww.elsewhere.test. 300 IN A 192.0.2.1\n');
writeFileSync(
  join(dir, 'named.test.txt'),
  ';; Domain:     named.test.\nother.test.\t3600\tIN\tSOA\tns1.other.test. root.other.test. 1 3600 1800 1209600 86400\n' +
    'other.test.\t300\tIN\tA\t192.0.2.1\n',
);

test('--zone-dir: each jsonl line has the verdict a single check of the zone gives', () => {
  const r = cli(['check', '--zone-dir', dir, '--format', 'jsonl']);
  assert.equal(r.status, 1, r.stderr);
  const rows = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(rows.map((row) => row.file), Object.keys(zones).sort().map((f) => join(dir, f)));
  for (const row of rows) {
    const name = row.file.slice(dir.length + 1);
    assert.equal(row.verdict, zones[name].verdict, name);
    assert.deepEqual(Object.keys(row), ['file', 'domain', 'verdict', 'summary', 'rules', 'error'], name);
    const single = JSON.parse(cli(['check', '--zone', row.file, '--domain', row.domain, '--offline', '--format', 'json']).stdout);
    assert.equal(single.verdict.state, row.verdict, `${name}: the single check's verdict`);
  }
});

test('--zone-dir: each text line says the verdict, in English and Japanese', () => {
  for (const lang of ['en', 'ja']) {
    const r = cli(['check', '--zone-dir', dir, '--lang', lang]);
    assert.equal(r.status, 1, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, Object.keys(zones).length + 1);
    for (const [name, { verdict }] of Object.entries(zones)) {
      const line = lines.find((l) => l.startsWith(join(dir, name) + ':'));
      const words = cliMessage(`batchVerdict.${verdict}`, lang);
      assert.ok(line.includes(`: ${words}: `), `${lang} ${name}: ${line}`);
    }
  }
  assert.notEqual(cliMessage('batchVerdict.broken', 'ja'), cliMessage('batchVerdict.broken', 'en'));
});

test('--zone-dir exit status: 1 above --fail-on, else 3 when a zone could not tell, else 0; an error is 2', () => {
  // The broken zone alone decides while it is there; at --fail-on critical the
  // fine and could-not-tell zones do not count.
  assert.equal(cli(['check', '--zone-dir', dir]).status, 1);
  rmSync(join(dir, 'mx1.test.db'));
  const unsure = cli(['check', '--zone-dir', dir, '--format', 'jsonl']);
  assert.equal(unsure.status, 3, unsure.stderr);
  assert.ok(unsure.stdout.includes('"verdict":"could-not-tell"'));
  // Only fine zones: 0.
  rmSync(join(dir, 'empty.test.db'));
  rmSync(join(dir, 'named.test.txt'));
  assert.equal(cli(['check', '--zone-dir', dir]).status, 0);
  // An unreadable zone: 2, whatever the others; its line has no verdict.
  writeFileSync(join(dir, 'zz.db'), 'nothing useful (\n');
  const bad = cli(['check', '--zone-dir', dir, '--format', 'jsonl']);
  assert.equal(bad.status, 2);
  const last = JSON.parse(bad.stdout.trimEnd().split('\n').at(-1));
  assert.equal(last.verdict, null);
  assert.ok(last.error);
});
