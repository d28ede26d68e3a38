// Zone-as-code files beside zone files on the command line: `mxray check --zone-dir` gives
// octoDNS YAML, Terraform .tf (a folder's .tf files are one configuration) and
// `terraform show -json` a line each, as `mxray check --zone` of the same files finds them;
// `mxray dump` reads them as the zone they describe. Real files: tests/real/octodns and
// tests/real/terraform (their READMEs); the show -json is written here (none real was found,
// tests/real/terraform-json/README.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const CLI = resolve('www/cli/mxray.mjs');
const REAL = resolve('tests/real');
const cli = (args, cwd = process.cwd()) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, LANG: 'C', LC_ALL: '', LC_MESSAGES: '' } });
const lines = (r) => r.stdout.trim().split('\n').map((l) => JSON.parse(l));

// A plan's show -json (hand-written, Terraform's documented format): the zone club.example
// named by a cloudflare_zone, its mail host proxied.
const PLAN = JSON.stringify({
  format_version: '1.2',
  planned_values: {
    root_module: {
      resources: [
        { address: 'cloudflare_zone.club', mode: 'managed', type: 'cloudflare_zone', name: 'club', values: { name: 'club.example' } },
        { address: 'cloudflare_dns_record.mx', mode: 'managed', type: 'cloudflare_dns_record', name: 'mx', values: { zone_id: 'z', name: 'club.example', type: 'MX', content: 'mail.club.example', priority: 10, proxied: false, ttl: 1 } },
        { address: 'cloudflare_dns_record.mail', mode: 'managed', type: 'cloudflare_dns_record', name: 'mail', values: { zone_id: 'z', name: 'mail.club.example', type: 'A', content: '203.0.113.25', proxied: true, ttl: 1 } },
      ],
    },
  },
  resource_changes: [],
});

function folder(files) {
  const dir = mkdtempSync(join(tmpdir(), 'mxray-ascode-'));
  for (const [name, from] of Object.entries(files)) {
    if (from.startsWith('/')) copyFileSync(from, join(dir, name));
    else writeFileSync(join(dir, name), from);
  }
  return dir;
}

test('--zone-dir: octoDNS YAML, a .tf and a show -json each a line, as `check --zone` finds them; other zones as before', () => {
  const dir = folder({
    'my-domain.com.yaml': join(REAL, 'octodns/octodns-example/my-domain.com.yaml'),
    'homelab-zone-mrugesh-net.tf': join(REAL, 'terraform/homelab-zone-mrugesh-net.tf'),
    'plan.json': PLAN,
    'pdns-minimal.com.zone': join(REAL, 'pdns-minimal.com.zone'),
    'broken.yaml': 'a: [1\n',
  });
  const r = cli(['check', '--offline', '--zone-dir', dir, '--format', 'jsonl']);
  assert.equal(r.status, 2, r.stderr); // the broken YAML is unreadable
  const rows = lines(r);
  assert.deepEqual(rows.map((x) => x.file.replace(dir + '/', '')), ['broken.yaml', 'homelab-zone-mrugesh-net.tf', 'my-domain.com.yaml', 'pdns-minimal.com.zone', 'plan.json']);
  assert.match(rows[0].error, /broken\.yaml" is not valid YAML: line 2, column 1/);
  for (const [row, file] of [[rows[1], 'homelab-zone-mrugesh-net.tf'], [rows[2], 'my-domain.com.yaml'], [rows[4], 'plan.json']]) {
    const one = JSON.parse(cli(['check', '--offline', '--zone', file, '--format', 'json'], dir).stdout);
    assert.deepEqual([row.domain, row.verdict, row.summary, row.rules], [one.domain, one.verdict.state, one.summary, [...new Set(one.findings.map((f) => f.rule))].sort()], file);
  }
  assert.deepEqual([rows[1].domain, rows[1].verdict], ['mrugesh.net.', 'fine']);
  assert.deepEqual([rows[4].domain, rows[4].verdict], ['club.example.', 'broken']);
  assert.ok(rows[4].rules.includes('mail-host-proxied'));
  const text = cli(['check', '--offline', '--zone-dir', dir]);
  assert.match(text.stdout, /plan\.json: club\.example\.: broken: 2 critical/);
  assert.match(text.stdout, /5 zone files: 1 at or above critical, \d+ could not tell, 1 unreadable/);
});

test('--zone-dir: the .tf files of a folder are one configuration, one line; without its domain the line says to give it', () => {
  const dir = folder(Object.fromEntries(['mx', 'srv', 'cname'].map((k) => [`migadu-cloudflare-record-${k}.tf`, join(REAL, `terraform/migadu-cloudflare-record-${k}.tf`)])));
  const r = cli(['check', '--offline', '--zone-dir', dir, '--format', 'jsonl']);
  const rows = lines(r);
  assert.equal(rows.length, 1);
  assert.equal(rows[0].file, ['cname', 'mx', 'srv'].map((k) => join(dir, `migadu-cloudflare-record-${k}.tf`)).join(', '));
  assert.match(rows[0].error, /the domain of the zone is not in the file .*--domain/);
  assert.equal(r.status, 2);
});

test('dump reads octoDNS YAML, .tf and show -json as the zones they describe', () => {
  const yaml = cli(['dump', join(REAL, 'octodns/octodns-example/my-domain.com.yaml')]);
  assert.equal(yaml.status, 0, yaml.stderr);
  const checked = JSON.parse(cli(['check', '--offline', '--zone', join(REAL, 'octodns/octodns-example/my-domain.com.yaml'), '--format', 'json']).stdout);
  assert.equal(yaml.stdout.trim().split('\n').length, checked.inputs.zones[0].records);
  assert.match(yaml.stdout, /^my-domain\.com\. 3600 IN A 203\.0\.113\.42$/m);
  const tf = cli(['dump', join(REAL, 'terraform/homelab-zone-mrugesh-net.tf')]);
  assert.equal(tf.status, 0, tf.stderr);
  assert.equal(tf.stdout.trim().split('\n').length, 5);
  assert.match(tf.stdout, /^www\.mrugesh\.net\. 1 IN CNAME mrugesh\.net\. ; cf-proxied:true$/m);
  const dir = folder({ 'plan.json': PLAN, 'broken.yaml': 'a: [1\n' });
  const plan = cli(['dump', 'plan.json'], dir);
  assert.equal(plan.status, 0, plan.stderr);
  assert.equal(plan.stdout, 'club.example. 1 IN MX 10 mail.club.example. ; cf-proxied:false\nmail.club.example. 1 IN A 203.0.113.25 ; cf-proxied:true\n');
  const broken = cli(['dump', 'broken.yaml'], dir);
  assert.equal(broken.status, 2);
  assert.match(broken.stderr, /"broken\.yaml" is not valid YAML: line 2, column 1/);
});
