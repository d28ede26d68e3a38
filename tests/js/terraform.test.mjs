// Terraform as input (www/lib/as-code/terraform.js through `mxray check`): .tf files with
// Cloudflare DNS record resources, v4 and v5, and `terraform show -json`; findings at the
// .tf line and resource address; the fix as a patch of the .tf that `patch -p1` and
// `git apply` take, after which the finding is gone. Real files: tests/real/terraform.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { terraformKind, terraformDomain, hclString } from '../../www/lib/as-code/terraform.js';

const CLI = resolve('www/cli/mxray.mjs');
const REAL = resolve('tests/real/terraform');
const cli = (args, cwd = process.cwd()) =>
  spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, LANG: 'C', LC_ALL: '', LC_MESSAGES: '' } });
const json = (r) => {
  assert.ok(r.stdout, r.stderr);
  return JSON.parse(r.stdout);
};

// The cPanel story as a v4 .tf, written here (not a real file): the apex proxied, `mail` a
// proxied CNAME to it, the MX at the apex.
const CLUB_V4 = `# The club's zone after the move.
resource "cloudflare_record" "apex" {
  zone_id = var.zone_id
  name    = "club.example"
  value   = "203.0.113.25"
  type    = "A"
  proxied = true
  ttl     = 1
}

resource "cloudflare_record" "mx" {
  zone_id  = var.zone_id
  name     = "@"
  value    = "mail.club.example"
  type     = "MX"
  priority = 0
  ttl      = 1
}

resource "cloudflare_record" "mail" {
  zone_id = var.zone_id
  name    = "mail"
  value   = "club.example"
  type    = "CNAME"
  proxied = true # orange cloud
  ttl     = 1
}

resource "cloudflare_record" "www" {
  zone_id = var.zone_id
  name    = "www"
  value   = "club.example"
  type    = "CNAME"
  proxied = true
  ttl     = 1
}
`;

// The same zone as cf-terraforming writes it for the v5 provider (written here).
const CLUB_V5 = `resource "cloudflare_dns_record" "terraform_managed_resource_1" {
  content  = "203.0.113.25"
  name     = "club.example"
  proxied  = true
  tags     = []
  ttl      = 1
  type     = "A"
  zone_id  = "0da42c8d2132a9ddaf714f9e7c920711"
  settings = {}
}

resource "cloudflare_dns_record" "terraform_managed_resource_2" {
  content  = "mail.club.example"
  name     = "club.example"
  priority = 10
  proxied  = false
  tags     = []
  ttl      = 1
  type     = "MX"
  zone_id  = "0da42c8d2132a9ddaf714f9e7c920711"
  settings = {}
}

resource "cloudflare_dns_record" "terraform_managed_resource_3" {
  content = "club.example"
  name    = "mail.club.example"
  proxied = true
  tags    = []
  ttl     = 1
  type    = "CNAME"
  zone_id = "0da42c8d2132a9ddaf714f9e7c920711"
  settings = {
    flatten_cname = false
  }
}
`;

function story(text, name = 'dns.tf') {
  const dir = mkdtempSync(join(tmpdir(), 'mxray-tf-'));
  writeFileSync(join(dir, name), text);
  return { dir, file: name };
}

// The lines of `before` that the diff does not remove are in `after`, byte for byte and in order.
function untouchedKept(before, after, diff) {
  const removed = new Set(diff.split('\n').filter((l) => l.startsWith('-') && !l.startsWith('---')).map((l) => l.slice(1)));
  const kept = before.split('\n').filter((l) => !removed.has(l));
  let at = 0;
  const rest = after.split('\n');
  for (const l of kept) {
    const i = rest.indexOf(l, at);
    assert.ok(i >= 0, `untouched line ${JSON.stringify(l)} is in the patched file`);
    at = i + 1;
  }
}

for (const [label, text, mailLine, mailAddress] of [
  ['v4 cloudflare_record', CLUB_V4, 20, 'cloudflare_record.mail'],
  ['v5 cloudflare_dns_record', CLUB_V5, 24, 'cloudflare_dns_record.terraform_managed_resource_3'],
]) {
  test(`${label}: the proxied mail CNAME is found at its .tf line and resource, and the .tf patch fixes it`, () => {
    const { dir, file } = story(text);
    const r = cli(['check', '--zone', file, '--format', 'json'], dir);
    assert.equal(r.status, 1, r.stderr);
    const report = json(r);
    assert.equal(report.inputs.zones[0].format, 'terraform');
    assert.equal(report.domain, 'club.example.');
    const f = report.findings.find((x) => x.rule === 'mail-host-proxied');
    assert.ok(f, 'mail-host-proxied found');
    const cname = f.evidence.find((e) => e.code === 'cname');
    assert.equal(cname.params.file, file);
    assert.equal(cname.params.line, String(mailLine));
    assert.equal(cname.params.resource, mailAddress);

    // What to do says where: the .tf, not the dashboard, in both languages.
    const words = cli(['check', '--zone', file], dir).stdout;
    assert.match(words, new RegExp(`What to do\\nThese records are declared in Terraform \\(${file}\\): make the changes there, not in the dashboard`));
    assert.doesNotMatch(words, /make these changes in its dashboard/);
    assert.match(cli(['check', '--lang', 'ja', '--zone', file], dir).stdout, /Terraform \(dns\.tf\) で宣言されています/);

    const d = cli(['check', '--zone', file, '--format', 'diff'], dir);
    assert.equal(d.status, 1, d.stderr);
    assert.match(d.stdout, new RegExp(`^--- a/${file}\\n\\+\\+\\+ b/${file}\\n@@ `));
    writeFileSync(join(dir, 'fix.diff'), d.stdout);
    const git = spawnSync('git', ['apply', '--check', 'fix.diff'], { cwd: dir, encoding: 'utf8' });
    assert.equal(git.status, 0, `git apply --check: ${git.stderr}`);
    const p = spawnSync('patch', ['-p1', '-i', 'fix.diff'], { cwd: dir, encoding: 'utf8' });
    assert.equal(p.status, 0, p.stderr + p.stdout);
    const after = readFileSync(join(dir, file), 'utf8');
    untouchedKept(text, after, d.stdout);
    // The mail resource is now an A record of the server, DNS only.
    const block = after.slice(after.indexOf(mailAddress.split('.')[1] + '"'));
    assert.match(block, /type\s+= "A"/);
    assert.match(block, /= "203\.0\.113\.25"/);
    assert.match(block, /proxied\s+= false/);

    const again = json(cli(['check', '--zone', file, '--format', 'json'], dir));
    assert.equal(again.findings.filter((x) => x.severity === 'critical').length, 0, JSON.stringify(again.findings.map((x) => x.rule)));
    assert.equal(again.verdict.state, 'fine');
  });
}

test('values Terraform fills in are warnings naming the resource, and the verdict is not fine (real file)', () => {
  const r = cli(['check', '--offline', '--domain', 'example.org', '--zone', join(REAL, 'migadu-cloudflare-record-cname.tf'), '--format', 'json']);
  const report = json(r);
  for (const k of ['key1', 'key2', 'key3']) assert.match(r.stderr, new RegExp(`migadu-cloudflare-record-cname\\.tf:\\d+:1: warning: cloudflare_record\\.${k} is left out`));
  assert.equal(report.verdict.state, 'could-not-tell');
  assert.ok(report.verdict.blind.includes('terraform-unknown'));
  assert.equal(report.inputs.zones[0].terraform.records, 1, 'autoconfig alone is read');
  assert.deepEqual(
    report.inputs.zones[0].terraform.unknown.map((u) => [u.address, u.attribute]),
    ['key1', 'key2', 'key3'].map((k) => [`cloudflare_record.${k}`, 'value']),
  );
});

test('no domain in the file: a clear error asking for --domain (real file)', () => {
  const r = cli(['check', '--zone', join(REAL, 'migadu-cloudflare-record-mx.tf')]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /migadu-cloudflare-record-mx\.tf: the domain of the zone is not in the file .*--domain/);
  const ja = spawnSync(process.execPath, [CLI, 'check', '--lang', 'ja', '--zone', join(REAL, 'migadu-cloudflare-record-mx.tf')], { encoding: 'utf8' });
  assert.match(ja.stderr, /ドメインがファイルに書かれていません/);
});

test('a syntax error names the file, line and column', () => {
  const { dir, file } = story('resource "cloudflare_record" "a" {\n  name = "mail"\n  type = \n}\n', 'club.example.tf');
  const r = cli(['check', '--zone', file], dir);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /club\.example\.tf:3:\d+: not valid Terraform: /);
});

const REAL_EXPECT = [
  // file, extra args, records read, verdict, rules
  ['migadu-cloudflare-record-mx.tf', ['--domain', 'example.org'], 2, 'fine', ['dmarc-missing', 'spf-missing']],
  // SRV records and a www A alone: no MX and no address at example.org itself, so no mail
  // set-up to look at (verdict.blind no-mail-records), never "fine".
  ['migadu-cloudflare-record-srv.tf', ['--domain', 'example.org'], 4, 'could-not-tell', []],
  ['homelab-zone-mrugesh-net.tf', [], 5, 'fine', []],
  ['www-redirect-cloudflare-record-a.tf', ['--domain', 'example.org'], 1, 'could-not-tell', []],
];
for (const [file, args, records, verdict, rules] of REAL_EXPECT) {
  test(`real file ${file}: read and checked as reviewed (tests/real/terraform/README.md)`, () => {
    const report = json(cli(['check', '--offline', ...args, '--zone', join(REAL, file), '--format', 'json']));
    assert.equal(report.inputs.zones[0].format, 'terraform');
    assert.equal(report.inputs.zones[0].records, records);
    assert.equal(report.verdict.state, verdict);
    assert.deepEqual([...new Set(report.findings.map((f) => f.rule))].sort(), rules);
  });
}

test('hand-written show -json (not real): findings name the resource address; no patch, and the CLI says why', () => {
  // Terraform's documented JSON output format (values.root_module, child_modules), written here.
  const state = {
    format_version: '1.0',
    terraform_version: '1.9.0',
    values: {
      root_module: {
        resources: [
          { address: 'cloudflare_record.apex', mode: 'managed', type: 'cloudflare_record', name: 'apex', values: { hostname: 'club.example', name: 'club.example', type: 'A', value: '203.0.113.25', proxied: true, ttl: 1 } },
          { address: 'cloudflare_record.mx', mode: 'managed', type: 'cloudflare_record', name: 'mx', values: { hostname: 'club.example', name: '@', type: 'MX', value: 'mail.club.example', priority: 0, proxied: false, ttl: 1 } },
        ],
        child_modules: [
          {
            address: 'module.mail',
            resources: [{ address: 'module.mail.cloudflare_record.mail', mode: 'managed', type: 'cloudflare_record', name: 'mail', values: { hostname: 'mail.club.example', name: 'mail', type: 'CNAME', value: 'club.example', proxied: true, ttl: 1 } }],
          },
        ],
      },
    },
  };
  const { dir, file } = story(JSON.stringify(state), 'state.json');
  const report = json(cli(['check', '--zone', file, '--format', 'json'], dir));
  assert.equal(report.inputs.zones[0].format, 'terraform-show-json');
  const f = report.findings.find((x) => x.rule === 'mail-host-proxied');
  assert.equal(f.evidence.find((e) => e.code === 'cname').params.resource, 'module.mail.cloudflare_record.mail');
  const d = cli(['check', '--zone', file, '--format', 'diff'], dir);
  assert.equal(d.stdout, '');
  assert.match(d.stderr, /state\.json is Terraform state .* no patch/);
  assert.match(cli(['check', '--zone', file], dir).stdout, /state\.json is Terraform state: make the changes in the \.tf files that declare these resources \(module\.mail\.cloudflare_record\.mail\), then run terraform plan/);
  // The text names the resources a finding rests on: state has no lines to point at.
  assert.match(cli(['check', '--zone', file], dir).stdout, /\(mail-host-proxied\)\n(?: {4}\d+\. .*\n)+ {4}Terraform resources: module\.mail\.cloudflare_record\.mail, cloudflare_record\.apex\n/);
  assert.match(cli(['check', '--lang', 'ja', '--zone', file], dir).stdout, /Terraform のリソース: module\.mail\.cloudflare_record\.mail/);
  const plan = cli(['check', '--zone', file, '--format', 'plan'], dir);
  assert.match(plan.stdout, /CREATE\s+mail\.club\.example\. A 203\.0\.113\.25/);
});

test('recognition, domain and string writing', () => {
  assert.equal(terraformKind('dns.tf', 'resource "cloudflare_dns_record" "x" {}'), 'hcl');
  assert.equal(terraformKind('dns.tf', 'resource "aws_route53_record" "x" {}'), null);
  assert.equal(terraformKind('zone.txt', 'resource "cloudflare_record" "x" {}'), null, 'a .tf by name only');
  assert.equal(terraformKind('s.json', '{"format_version":"1.0","values":{"root_module":{"resources":[{"type":"cloudflare_record"}]}}}'), 'show-json');
  assert.equal(terraformKind('s.json', '{"result":[{"type":"A"}]}'), null);
  assert.deepEqual(terraformDomain({ names: ['@', 'mail', 'example.com', 'www.example.com'] }), { domain: 'example.com', from: 'names' });
  assert.equal(terraformDomain({ names: ['key1._domainkey', '_imaps._tcp'] }), null, 'underscore labels are relative names');
  assert.equal(terraformDomain({ names: ['a.example.com', 'b.example.org'] }), null, 'two domains: ask');
  assert.deepEqual(terraformDomain({ names: ['mail'], file: 'x/club.example.tf' }), { domain: 'club.example', from: 'file-name' });
  assert.deepEqual(terraformDomain({ given: 'Club.Example.', names: ['other.org'] }), { domain: 'club.example', from: 'given' });
  assert.equal(hclString('a${b}%{c}"'), '"a$${b}%%{c}\\""');
});

test('a record to add becomes a new resource with the file\'s zone_id; a file without a final newline still patches', () => {
  // Written here: the MX names the apex, and no `mail` resource exists yet.
  const text = 'resource "cloudflare_record" "mx" {\n  zone_id = var.zone\n  name = "club.example"\n  type = "MX"\n  value = "club.example"\n  priority = 0\n}\nresource "cloudflare_record" "apex" {\n  zone_id = var.zone\n  name = "club.example"\n  type = "A"\n  value = "203.0.113.25"\n  proxied = true\n}';
  const { dir, file } = story(text);
  const d = cli(['check', '--zone', file, '--format', 'diff'], dir);
  assert.equal(d.status, 1, d.stderr);
  assert.match(d.stdout, /\+resource "cloudflare_record" "mxray_mail_club_example_a" \{\n\+  zone_id = var\.zone\n\+  name    = "mail"\n/);
  writeFileSync(join(dir, 'fix.diff'), d.stdout);
  const p = spawnSync('patch', ['-p1', '-i', 'fix.diff'], { cwd: dir, encoding: 'utf8' });
  assert.equal(p.status, 0, p.stderr + p.stdout);
  const again = json(cli(['check', '--zone', file, '--format', 'json'], dir));
  assert.equal(again.findings.filter((x) => x.severity === 'critical').length, 0, JSON.stringify(again.findings.map((x) => x.rule)));
});

test('the website (no HCL parser) refuses a .tf by name, in words of its own in both languages', async () => {
  const { loadCore } = await import('../../www/lib/core-node.js');
  const { runCheck, CheckError } = await import('../../www/lib/check.js');
  const { siteMessages } = await import('../../www/lib/site-messages.js');
  const core = await loadCore();
  const bytes = new TextEncoder().encode(CLUB_V4);
  await assert.rejects(runCheck(core, { sources: [{ name: 'dns.tf', bytes }] }), (e) => e instanceof CheckError && e.code === 'terraform.no-parser' && e.values.file === 'dns.tf');
  for (const lang of ['en', 'ja']) assert.match(siteMessages[lang].errors.terraform['no-parser'], /\{file\}/);
});

test('several .tf files given together are one configuration: one zone, each finding and patch in its own file', () => {
  // The real module's three files: one zone of 7 records, not three rival zones.
  const real = json(cli(['check', '--offline', '--domain', 'example.org', ...['mx', 'srv', 'cname'].flatMap((k) => ['--zone', join(REAL, `migadu-cloudflare-record-${k}.tf`)]), '--format', 'json']));
  assert.equal(real.inputs.zones.length, 1);
  assert.equal(real.inputs.zones[0].records, 7);
  assert.equal(real.inputs.zones[0].files.length, 3);
  assert.ok(!real.verdict.blind.includes('several-proxy-zones'), JSON.stringify(real.verdict));
  // The club story split in two files (written here), its MX at the proxied apex as in
  // the story: the patch touches both files and applies.
  const lines = CLUB_V4.replace('value    = "mail.club.example"', 'value    = "club.example"').split('\n');
  const { dir } = story(lines.slice(0, 18).join('\n') + '\n', 'a.tf');
  writeFileSync(join(dir, 'b.tf'), lines.slice(18).join('\n'));
  const r = json(cli(['check', '--zone', 'a.tf', '--zone', 'b.tf', '--format', 'json'], dir));
  const cname = r.findings.find((x) => x.rule === 'mail-host-proxied').evidence.find((e) => e.code === 'cname');
  assert.deepEqual([cname.params.file, cname.params.line, cname.params.resource], ['b.tf', '2', 'cloudflare_record.mail']);
  const d = cli(['check', '--zone', 'a.tf', '--zone', 'b.tf', '--format', 'diff'], dir);
  assert.match(d.stdout, /^--- a\/a\.tf\n[\s\S]*^--- a\/b\.tf\n/m);
  writeFileSync(join(dir, 'fix.diff'), d.stdout);
  assert.equal(spawnSync('patch', ['-p1', '-i', 'fix.diff'], { cwd: dir }).status, 0);
  const again = json(cli(['check', '--zone', 'a.tf', '--zone', 'b.tf', '--format', 'json'], dir));
  assert.equal(again.verdict.state, 'fine', JSON.stringify(again.findings.map((x) => x.rule)));
});

test('a proxied mail A record: the patch sets proxied = false, and nothing else', () => {
  // Written here: mail is an A record of the server, but orange-clouded.
  const text = CLUB_V4.replace('value   = "club.example"\n  type    = "CNAME"', 'value   = "203.0.113.25"\n  type    = "A"');
  const { dir, file } = story(text);
  const r = json(cli(['check', '--zone', file, '--format', 'json'], dir));
  assert.deepEqual(r.fix.edits.map((e) => [e.op, e.record?.resource]), [['set-dns-only', 'cloudflare_record.mail']]);
  const d = cli(['check', '--zone', file, '--format', 'diff'], dir);
  assert.deepEqual(d.stdout.split('\n').filter((l) => /^[-+](?![-+])/.test(l)), ['-  proxied = true # orange cloud', '+  proxied = false # orange cloud']);
  writeFileSync(join(dir, 'fix.diff'), d.stdout);
  assert.equal(spawnSync('patch', ['-p1', '-i', 'fix.diff'], { cwd: dir }).status, 0);
  assert.equal(json(cli(['check', '--zone', file, '--format', 'json'], dir)).verdict.state, 'fine');
});

// A `terraform show -json` of a plan, written here in Terraform's documented JSON output format
// (planned_values, resource_changes, prior_state; not a real file: none with Cloudflare DNS
// records was found, tests/real/terraform-json/README.md): v5 resources, the zone named by a
// cloudflare_zone of the prior state, `mail` proxied and about to be created, `lb` a CNAME
// whose target is known only after apply.
function handWrittenPlan({ planned = true } = {}) {
  const zoneId = '023e105f4ecef8ad9ca31a8372d0c353';
  const rec = (name, values) => ({ address: `cloudflare_dns_record.${name}`, mode: 'managed', type: 'cloudflare_dns_record', name, provider_name: 'registry.terraform.io/cloudflare/cloudflare', values: { zone_id: zoneId, ttl: 1, ...values } });
  const apex = rec('apex', { name: 'club.example', type: 'A', content: '203.0.113.25', proxied: true });
  const mx = rec('mx', { name: 'club.example', type: 'MX', content: 'mail.club.example', priority: 10, proxied: false });
  const mail = rec('mail', { name: 'mail.club.example', type: 'A', content: '203.0.113.25', proxied: true });
  const lb = rec('lb', { name: 'lb.club.example', type: 'CNAME', proxied: true });
  const change = (r, actions, unknown = {}) => ({ address: r.address, mode: 'managed', type: r.type, name: r.name, provider_name: r.provider_name, change: { actions, before: actions[0] === 'create' ? null : r.values, after: r.values, after_unknown: { id: true, ...unknown } } });
  return {
    format_version: '1.2',
    terraform_version: '1.9.8',
    ...(planned ? { planned_values: { root_module: { resources: [apex, mx, mail, lb] } } } : {}),
    resource_changes: [change(apex, ['no-op']), change(mx, ['no-op']), change(mail, ['create']), change(lb, ['create'], { content: true })],
    prior_state: { format_version: '1.0', values: { root_module: { resources: [{ address: 'cloudflare_zone.club', mode: 'managed', type: 'cloudflare_zone', name: 'club', values: { name: 'club.example', id: zoneId } }, apex, mx] } } },
  };
}

test('hand-written show -json of a plan (not real): planned values read, values known after apply left out, the fix as HCL for each resource', () => {
  const { dir, file } = story(JSON.stringify(handWrittenPlan(), null, 2), 'plan.json');
  const report = json(cli(['check', '--offline', '--zone', file, '--format', 'json'], dir));
  const z = report.inputs.zones[0];
  assert.equal(z.format, 'terraform-show-json');
  assert.deepEqual([z.terraform.show, z.terraform.domain, z.terraform.domain_from, z.terraform.resources, z.records], ['plan', 'club.example', 'zone-resource', 4, 3]);
  assert.deepEqual(z.terraform.unknown.map((u) => [u.address, u.attribute, u.value]), [['cloudflare_dns_record.lb', 'content', '(known after apply)']]);
  assert.equal(report.verdict.state, 'broken');
  assert.ok(report.verdict.blind.includes('terraform-unknown'));
  const f = report.findings.find((x) => x.rule === 'mail-host-proxied');
  assert.ok(f.evidence.some((e) => e.params?.resource === 'cloudflare_dns_record.mail'), JSON.stringify(f.evidence));
  assert.deepEqual(report.fix.zones[0].terraform_edits, [{ action: 'set', resource: 'cloudflare_dns_record.mail', hcl: 'resource "cloudflare_dns_record" "mail" {\n  proxied = false\n}', edit: 0 }]);
  const text = cli(['check', '--offline', '--zone', file], dir).stdout;
  assert.match(text, /plan\.json is a Terraform plan: make the changes in the \.tf files that declare these resources \(cloudflare_dns_record\.mail\)/);
  assert.match(text, /set these attributes of cloudflare_dns_record\.mail .*:\n {4}resource "cloudflare_dns_record" "mail" \{\n {6}proxied = false\n {4}\}\n/);
  assert.match(cli(['check', '--offline', '--lang', 'ja', '--zone', file], dir).stdout, /plan\.json は Terraform のプランです。.*\n\.tf の cloudflare_dns_record\.mail で、次の属性を設定してください/);
  const d = cli(['check', '--offline', '--zone', file, '--format', 'diff'], dir);
  assert.equal(d.stdout, '');
  assert.match(d.stderr, /plan\.json is a Terraform plan \(terraform show -json\), not configuration: there is no patch of it/);
  assert.match(d.stderr, /plan\.json: warning: cloudflare_dns_record\.lb is left out of the check: its content is "\(known after apply\)"/);
  // Without planned_values, the changes' `after` (the same records).
  const { dir: dir2, file: file2 } = story(JSON.stringify(handWrittenPlan({ planned: false })), 'plan.json');
  const again = json(cli(['check', '--offline', '--zone', file2, '--format', 'json'], dir2));
  assert.deepEqual([again.inputs.zones[0].records, again.verdict.state, again.fix.zones[0].terraform_edits.length], [3, 'broken', 1]);
});

test('hand-written show -json of a v4 state (not real): a record replaced is the attributes to set in its block; no zone named, --domain is asked for', () => {
  const state = {
    format_version: '1.0',
    values: {
      root_module: {
        resources: [
          { address: 'cloudflare_record.apex', mode: 'managed', type: 'cloudflare_record', name: 'apex', values: { zone_id: 'z1', hostname: 'club.example', name: '@', type: 'A', value: '203.0.113.25', proxied: true, ttl: 1 } },
          { address: 'cloudflare_record.mx', mode: 'managed', type: 'cloudflare_record', name: 'mx', values: { zone_id: 'z1', hostname: 'club.example', name: '@', type: 'MX', value: 'mail.club.example', priority: 0, proxied: false, ttl: 1 } },
          { address: 'cloudflare_record.mail', mode: 'managed', type: 'cloudflare_record', name: 'mail', values: { zone_id: 'z1', hostname: 'mail.club.example', name: 'mail', type: 'CNAME', value: 'club.example', proxied: true, ttl: 1 } },
        ],
      },
    },
  };
  const { dir, file } = story(JSON.stringify(state), 'terraform-state.json');
  const report = json(cli(['check', '--offline', '--zone', file, '--format', 'json'], dir));
  assert.equal(report.inputs.zones[0].terraform.show, 'state');
  const edits = report.fix.zones[0].terraform_edits;
  const mail = edits.find((x) => x.resource === 'cloudflare_record.mail');
  assert.equal(mail.action, 'set');
  assert.equal(mail.hcl, 'resource "cloudflare_record" "mail" {\n  type    = "A"\n  value   = "203.0.113.25"\n  proxied = false\n}');
  assert.equal(report.fix.edits[mail.edit].op, 'add');
  // The same records named only relative to the zone, in a plan without hostnames: the domain is asked for.
  const relative = { format_version: '1.2', resource_changes: state.values.root_module.resources.map((r) => ({ address: r.address, mode: 'managed', type: r.type, name: r.name, change: { actions: ['create'], before: null, after: { ...r.values, hostname: undefined }, after_unknown: { hostname: true } } })) };
  const { dir: dir2, file: file2 } = story(JSON.stringify(relative), 'plan.json');
  const refused = cli(['check', '--offline', '--zone', file2], dir2);
  assert.equal(refused.status, 2, refused.stderr);
  assert.match(refused.stderr, /plan\.json: the domain of the zone is not in the file .*give it with --domain/);
  const given = json(cli(['check', '--offline', '--domain', 'club.example', '--zone', file2, '--format', 'json'], dir2));
  assert.deepEqual([given.inputs.zones[0].records, given.inputs.zones[0].terraform.domain_from], [3, 'given']);
  assert.ok(given.findings.some((x) => x.rule === 'mail-host-proxied'));
});

test('show -json recognised by content: state values, plan planned_values or resource_changes', () => {
  const rc = '{"format_version":"1.2","resource_changes":[{"address":"cloudflare_dns_record.a","type":"cloudflare_dns_record","change":{"actions":["create"]}}]}';
  assert.equal(terraformKind('anything.json', rc), 'show-json');
  assert.equal(terraformKind('p.json', '{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"type":"cloudflare_record"}]}}}'), 'show-json');
  assert.equal(terraformKind('p.json', '{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"type":"aws_route53_record"}]}}}'), null);
});
