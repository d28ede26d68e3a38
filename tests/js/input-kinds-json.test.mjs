// A JSON document that is not a DNS answer (package.json, a tsconfig, another API's
// answer) and a file of nothing but comments are refused by name before any DNS is
// asked (core/zone/input_kind.h json-other, comments-only), through `mxray check` and
// through the check flow the site and the popup run; Cloudflare API pages and
// Terraform's `show -json` are still read.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCore } from '../../www/lib/core-node.js';
import { CheckError, runCheck } from '../../www/lib/check.js';
import { classify } from '../../www/lib/input.js';
import { inputMessage } from '../../www/lib/messages.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const mxray = join(root, 'www/cli/mxray.mjs');
const env0 = { LANG: 'C', LC_ALL: '', LC_MESSAGES: '', NO_COLOR: '', FORCE_COLOR: '' };
const cli = (args) => spawnSync(process.execPath, [mxray, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env0 }, timeout: 60000 });
// Nothing listens on port 9: a check that got as far as asking would say "round 1".
const UNREACHABLE = 'https://127.0.0.1:9/dns-query';

let core;
before(async () => {
  core = await loadCore();
});

const dir = mkdtempSync(join(tmpdir(), 'mxray-kinds-json-'));
const put = (name, text) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

// The repository's own package.json (the file of the report), and others people pick by mistake.
const refused = [
  { kind: 'json-other', file: join(root, 'package.json') },
  { kind: 'json-other', file: put('tsconfig.json', '{\n  "compilerOptions": {"strict": true, "target": "es2022"},\n  "include": ["src"]\n}\n') },
  { kind: 'json-other', file: put('repos.json', '[\n  {"id": 1, "name": "club", "full_name": "o/club", "private": false}\n]\n') },
  { kind: 'comments-only', file: put('notes.txt', ';; exported by hand\n\n; nothing else\n') },
  { kind: 'comments-only', file: put('crlf.zone', '\ufeff;; Domain:     club.example.\r\n;; A Records\r\n') },
];

test('the core names each kind from the head', () => {
  for (const { kind, file } of refused) assert.equal(classify(core, new Uint8Array(readFileSync(file))), kind, file);
});

test('mxray check refuses them with exit 2 and their words in English and Japanese, before any DNS is asked', () => {
  for (const { kind, file } of refused) {
    for (const lang of ['en', 'ja']) {
      const r = cli(['check', '--zone', file, '--domain', 'club.example', '--resolver', UNREACHABLE, '--lang', lang]);
      assert.equal(r.status, 2, `${file} ${lang}: ${r.stdout}${r.stderr}`);
      assert.equal(r.stdout, '', `${file} ${lang}: nothing on standard output`);
      assert.equal(r.stderr, `mxray: ${inputMessage(kind, lang, JSON.stringify(file))}\n`, `${file} ${lang}`);
      assert.doesNotMatch(r.stderr, /round 1|ラウンド 1/, 'no DNS asked');
    }
  }
  // The words say what the file is and how to export a zone.
  assert.match(inputMessage('json-other', 'en', 'package.json'), /^package\.json is JSON but holds no DNS records: .* Export the zone as text: /);
  assert.match(inputMessage('comments-only', 'ja', 'notes.txt'), /^notes\.txt にはコメントと空行しかなく、.*ゾーンをテキストでエクスポートしてください。/);
});

test('without --domain, the file is named for what it is, not "no domain given"', () => {
  for (const { kind, file } of refused) {
    const r = cli(['check', '--zone', file, '--resolver', UNREACHABLE]);
    assert.equal(r.status, 2, `${file}: ${r.stderr}`);
    assert.equal(r.stderr, `mxray: ${inputMessage(kind, 'en', JSON.stringify(file))}\n`, file);
  }
});

test('the check flow of the site and the popup refuses them as not-a-zone with their kind', async () => {
  for (const { kind, file } of refused) {
    const name = file.replace(/^.*\//, '');
    await assert.rejects(
      runCheck(core, { sources: [{ name, bytes: new Uint8Array(readFileSync(file)) }], domain: 'club.example', offline: true }),
      (e) => e instanceof CheckError && e.code === 'not-a-zone' && e.values.kind === kind && e.values.file === name,
      file,
    );
  }
});

// Cloudflare API pages from tests/real (cloudflare-go's and octoDNS's recorded answers), and
// Terraform `show -json`: tests/real/terraform-json holds no real one (its README says why),
// so this one is written here in Terraform's documented JSON output format.
test('Cloudflare API pages and Terraform show -json are still read', () => {
  for (const name of ['cloudflare-go-dns-list_page_1.json', 'octodns-cloudflare-dns_records-page-1.json', 'octodns-cloudflare-dns_records-page-3.json']) {
    const file = join(root, 'tests/real', name);
    assert.equal(classify(core, new Uint8Array(readFileSync(file))), 'text', name);
    const r = cli(['check', '--zone', file, '--offline', '--format', 'json']);
    assert.notEqual(r.status, 2, `${name}: ${r.stderr}`);
    const report = JSON.parse(r.stdout);
    assert.equal(report.inputs.zones[0].format, 'cloudflare-json', name);
    assert.ok(report.inputs.zones[0].records > 0, name);
  }
  const state = {
    format_version: '1.0',
    terraform_version: '1.9.0',
    values: {
      root_module: {
        resources: [
          { address: 'cloudflare_record.mx', mode: 'managed', type: 'cloudflare_record', name: 'mx', values: { hostname: 'club.example', name: '@', type: 'MX', value: 'mail.club.example', priority: 0, proxied: false, ttl: 1 } },
          { address: 'cloudflare_record.mail', mode: 'managed', type: 'cloudflare_record', name: 'mail', values: { hostname: 'mail.club.example', name: 'mail', type: 'A', value: '203.0.113.25', proxied: true, ttl: 1 } },
        ],
      },
    },
  };
  const file = put('state.json', JSON.stringify(state, null, 2));
  const r = cli(['check', '--zone', file, '--offline', '--format', 'json']);
  assert.notEqual(r.status, 2, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.equal(report.inputs.zones[0].format, 'terraform-show-json');
  assert.ok(report.findings.some((f) => f.rule === 'mail-host-proxied'), 'the proxied mail host is found');
});
