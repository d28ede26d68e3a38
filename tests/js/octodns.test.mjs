// octoDNS zone files (YAML) through the command line: recognised by name and
// content, read with the yaml package, findings on the YAML's own lines, and the
// fix as a patch of the YAML that `patch -p1` and `git apply` apply, leaving
// every line it does not change byte for byte; the patched file re-read and
// re-checked. tests/real/octodns: real files, checked offline against their
// expectations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { asCodeKind, asCodeToZone } from '../../www/lib/as-code/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const mxray = join(root, 'www/cli/mxray.mjs');
const cli = (args, cwd) =>
  spawnSync(process.execPath, [mxray, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, LANG: 'C', LC_ALL: '', LC_MESSAGES: '' } });

// club.example kept by octoDNS for Cloudflare: the mail host is a proxied CNAME of the
// proxied apex, the DMARC TXT has octoDNS's escaped semicolon.
const CLUB = `---
# club.example, kept by octoDNS for Cloudflare
'':
  - type: A
    value: 192.0.2.1
    octodns:
      cloudflare:
        proxied: true
  - type: MX
    values:
      - exchange: mail.club.example.
        preference: 10
  - type: TXT
    value: v=spf1 mx -all
_dmarc:
  type: TXT
  value: v=DMARC1\\; p=none
mail:
  type: CNAME
  value: club.example.   # the web host
  octodns:
    cloudflare:
      proxied: true
      auto-ttl: true
www:
  type: CNAME
  value: club.example.
  octodns:
    cloudflare:
      proxied: true
`;
const lineOf = (text, needle) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

function scratch(files) {
  const dir = mkdtempSync(join(tmpdir(), 'mxray-octodns-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

test('an octoDNS file is recognised by name and content; other YAML is not', () => {
  assert.equal(asCodeKind('club.example.yaml', CLUB), 'octodns');
  assert.equal(asCodeKind('club.example.yml', CLUB), 'octodns');
  assert.equal(asCodeKind('club.example.txt', CLUB), null, 'a zone file named .txt is not looked at as YAML');
  assert.equal(asCodeKind('ci.yaml', 'jobs:\n  build:\n    runs-on: ubuntu\n'), null);
  assert.throws(() => asCodeKind('x.yaml', 'a: [1, 2\nb: x\n'), (e) => e.kind === 'bad-yaml' && e.line === 2 && e.column === 1 && e.token === 'b');
});

test('records become one zone line each; the proxied flag a cf_tags comment; \\; a semicolon', () => {
  const conv = asCodeToZone('octodns', 'club.example.yaml', CLUB, 'club.example');
  const zone = new TextDecoder().decode(conv.bytes).split('\n');
  assert.equal(zone[0], '$ORIGIN club.example.');
  assert.ok(zone.includes('club.example.\t3600\tIN\tA\t192.0.2.1 ; cf_tags=cf-proxied:true'));
  assert.ok(zone.includes('mail.club.example.\t3600\tIN\tCNAME\tclub.example. ; cf_tags=cf-proxied:true'));
  assert.ok(zone.includes('_dmarc.club.example.\t3600\tIN\tTXT\t"v=DMARC1; p=none"'), 'no cf_tags on a type Cloudflare does not proxy');
  assert.ok(zone.includes('club.example.\t3600\tIN\tMX\t10 mail.club.example.'));
  // Each zone line maps to the YAML line of its value.
  const mail = zone.findIndex((l) => l.startsWith('mail.'));
  assert.equal(conv.lines[mail].line, lineOf(CLUB, 'value: club.example.   # the web host'));
  // Without any Cloudflare provider block, the proxy state is unknown: no cf_tags at all.
  const plain = asCodeToZone('octodns', 'club.example.yaml', CLUB.replace(/ *octodns:\n *cloudflare:\n *proxied: true\n( *auto-ttl: true\n)?/g, ''), 'club.example');
  assert.doesNotMatch(new TextDecoder().decode(plain.bytes), /cf_tags/);
});

test('findings name the YAML file and its lines; the diff patches the YAML and the finding is gone', () => {
  const dir = scratch({ 'club.example.yaml': CLUB });
  const json = cli(['check', '--zone', 'club.example.yaml', '--format', 'json'], dir);
  assert.equal(json.status, 1, json.stderr);
  const report = JSON.parse(json.stdout);
  assert.equal(report.domain, 'club.example.', 'the domain comes from the file name');
  assert.equal(report.inputs.zones[0].format, 'octodns');
  const proxied = report.findings.find((f) => f.rule === 'mail-host-proxied');
  assert.ok(proxied, 'the proxied mail host is found');
  const cname = proxied.evidence.find((e) => e.code === 'cname');
  assert.equal(cname.params.file, 'club.example.yaml');
  assert.equal(Number(cname.params.line), lineOf(CLUB, '# the web host'));
  const dmarc = report.findings.find((f) => f.rule === 'dmarc-advice');
  assert.match(JSON.stringify(dmarc.evidence), /v=DMARC1; p=none/, 'the escaped semicolon reads as a semicolon');
  assert.equal(Number(dmarc.evidence[0].params.line), lineOf(CLUB, 'value: v=DMARC1'));
  const text = cli(['check', '--zone', 'club.example.yaml'], dir);
  assert.match(text.stdout, /club\.example\.yaml line \d+/);

  const diff = cli(['check', '--zone', 'club.example.yaml', '--format', 'diff'], dir);
  assert.equal(diff.status, 1, diff.stderr);
  assert.match(diff.stdout, /^--- a\/club\.example\.yaml\n\+\+\+ b\/club\.example\.yaml\n/);
  // Only the mail record set changes: every - line is one of its lines.
  const minus = diff.stdout.split('\n').filter((l) => /^-[^-]/.test(l));
  assert.deepEqual(minus, ['-  type: CNAME', '-  value: club.example.   # the web host', '-      proxied: true']);
  // git apply accepts it too.
  writeFileSync(join(dir, 'fix.diff'), diff.stdout);
  const git = spawnSync('git', ['apply', '--check', '--unsafe-paths', 'fix.diff'], { cwd: dir, encoding: 'utf8' });
  assert.equal(git.status, 0, git.stderr);
  const patch = spawnSync('patch', ['-p1', '-i', 'fix.diff'], { cwd: dir, encoding: 'utf8' });
  assert.equal(patch.status, 0, patch.stderr + patch.stdout);
  const after = readFileSync(join(dir, 'club.example.yaml'), 'utf8');
  // Untouched lines byte for byte: the file before and after differ in the mail set only.
  const [b, a] = [CLUB.split('\n'), after.split('\n')];
  const at = b.indexOf('mail:');
  assert.deepEqual(a.slice(0, at + 1), b.slice(0, at + 1));
  assert.deepEqual(a.slice(a.indexOf('www:')), b.slice(b.indexOf('www:')));
  // Re-read with the yaml package: mail is an A record to the origin, not proxied, auto-ttl kept.
  const doc = parse(after);
  assert.equal(doc.mail.type, 'A');
  assert.equal(doc.mail.value, '192.0.2.1');
  assert.equal(doc.mail.octodns?.cloudflare?.proxied, undefined);
  assert.equal(doc.mail.octodns?.cloudflare?.['auto-ttl'], true);
  // Re-checked: the finding is gone.
  const again = cli(['check', '--zone', 'club.example.yaml', '--format', 'json'], dir);
  const rules = JSON.parse(again.stdout).findings.map((f) => f.rule);
  assert.ok(!rules.includes('mail-host-proxied') && !rules.includes('mx-target-proxied'), rules.join(' '));
  assert.equal(again.status, 0, again.stderr);

  // --format zone writes the patched YAML itself.
  const dir2 = scratch({ 'club.example.yaml': CLUB });
  const zone = cli(['check', '--zone', 'club.example.yaml', '--format', 'zone'], dir2);
  assert.equal(zone.stdout, after);
});

test('the domain comes from --domain when the file name gives none; refusals name file, line, column and token', () => {
  const dir = scratch({ 'dns.yaml': CLUB, 'broken.example.yaml': "'':\n  type: A\n  value: [1\nwww: x\n", 'ci.example.yaml': 'jobs: {}\n' });
  const none = cli(['check', '--zone', 'dns.yaml'], dir);
  assert.equal(none.status, 2);
  assert.match(none.stderr, /"dns\.yaml" does not say which domain/);
  const given = cli(['check', '--zone', 'dns.yaml', '--domain', 'club.example', '--offline', '--format', 'json'], dir);
  assert.equal(JSON.parse(given.stdout).domain, 'club.example.');
  const bad = cli(['check', '--zone', 'broken.example.yaml'], dir);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /"broken\.example\.yaml" is not valid YAML: line 4, column 1, at "www/);
  const ja = spawnSync(process.execPath, [mxray, 'check', '--zone', 'broken.example.yaml', '--lang', 'ja'], { cwd: dir, encoding: 'utf8' });
  assert.match(ja.stderr, /正しい YAML ではありません \(4 行目 1 列目/);
  const other = cli(['check', '--zone', 'ci.example.yaml'], dir);
  assert.equal(other.status, 2);
  assert.match(other.stderr, /not an octoDNS zone file/);
});

// The lines of `after` without those the diff added (by their new line numbers).
function withoutAdded(after, diff) {
  const added = new Set();
  let line = 0;
  for (const l of diff.split('\n')) {
    const h = /^@@ -\d+(?:,\d+)? \+(\d+)/.exec(l);
    if (h) line = Number(h[1]);
    else if (l.startsWith('+') && !l.startsWith('+++')) added.add(line++);
    else if (l.startsWith(' ')) line++;
  }
  return after.split('\n').filter((_, i) => !added.has(i + 1));
}

const REAL = join(root, 'tests/real/octodns');
for (const sub of readdirSync(REAL, { withFileTypes: true }).filter((d) => d.isDirectory())) {
  for (const name of readdirSync(join(REAL, sub.name)).filter((n) => /\.ya?ml$/.test(n))) {
    const rel = `${sub.name}/${name}`;
    test(`real octoDNS file ${rel}`, () => {
      const expected = JSON.parse(readFileSync(join(REAL, `${rel}.expect.json`), 'utf8'));
      const dir = mkdtempSync(join(tmpdir(), 'mxray-octodns-real-'));
      mkdirSync(join(dir, sub.name));
      cpSync(join(REAL, rel), join(dir, rel));
      const original = readFileSync(join(dir, rel), 'utf8');
      const r = cli(['check', '--zone', rel, '--format', 'json'], dir);
      assert.equal(r.status, expected.exit, r.stderr);
      const report = JSON.parse(r.stdout);
      assert.equal(report.domain, expected.domain);
      assert.equal(report.verdict.state, expected.verdict);
      assert.equal(report.inputs.zones[0].records, expected.records);
      assert.deepEqual(report.inputs.zones[0].skipped_types, expected.skipped_types);
      assert.deepEqual(report.diagnostics, []);
      const got = report.findings.map((f) => {
        const rec = f.evidence.find((e) => e.params?.file === rel);
        return { finding: `${f.rule} ${f.severity} ${f.names.join(' ')}`, line: rec ? Number(rec.params.line) : null };
      });
      assert.deepEqual(got, expected.findings.map(({ finding, line }) => ({ finding, line })));
      // The fix applies, keeps every line of the file, and adds the names expected, in octoDNS's sorted order.
      const diff = cli(['check', '--zone', rel, '--format', 'diff'], dir).stdout;
      if (!expected.added_names.length) {
        assert.equal(diff, '');
        return;
      }
      assert.doesNotMatch(diff, /^-[^-]/m, 'no line of the file is removed or changed');
      writeFileSync(join(dir, 'fix.diff'), diff);
      const patch = spawnSync('patch', ['-p1', '-i', 'fix.diff'], { cwd: dir, encoding: 'utf8' });
      assert.equal(patch.status, 0, patch.stderr + patch.stdout);
      const after = readFileSync(join(dir, rel), 'utf8');
      assert.deepEqual(withoutAdded(after, diff), original.split('\n'), 'every original line kept, in its place');
      const keys = Object.keys(parse(after));
      const before = Object.keys(parse(original));
      assert.deepEqual(keys.filter((k) => !before.includes(k)), expected.added_names);
      for (const k of expected.added_names) {
        const next = before.find((b) => b.localeCompare(k, 'en') > 0);
        if (next) assert.ok(keys.indexOf(k) < keys.indexOf(next), `${k} before ${next}`);
      }
    });
  }
}

test('a diagnostic names the YAML file, the line and column of the value, and the token', () => {
  const dir = scratch({ 'bad.example.yaml': "'':\n  type: MX\n  value:\n    exchange: mail.bad.example.\n    preference: 10\nmail:\n  type: A\n  value: 300.1.1.1\n" });
  const r = cli(['check', '--zone', 'bad.example.yaml', '--format', 'json'], dir);
  assert.match(r.stderr, /^bad\.example\.yaml:8:10: error: invalid IPv4 address in A: "300\.1\.1\.1" \[bad-ipv4\]$/m);
  const d = JSON.parse(r.stdout).diagnostics.find((x) => x.code === 'bad-ipv4');
  assert.equal(d.line, 8);
  assert.equal(d.column, 10);
});

test('a name holding a list of record sets: only the proxied blocks of its items go', () => {
  const LIST = "'':\n  - type: A\n    value: 192.0.2.1\n    octodns:\n      cloudflare:\n        proxied: true\n  - type: MX\n    values:\n      - exchange: mail.club.example.\n        preference: 10\nmail:\n  - type: AAAA\n    value: 2001:db8::1\n    octodns:\n      cloudflare:\n        proxied: true\n  - type: A\n    value: 192.0.2.9\n    octodns:\n      cloudflare:\n        proxied: true\n";
  const dir = scratch({ 'club.example.yaml': LIST });
  const diff = cli(['check', '--zone', 'club.example.yaml', '--format', 'diff'], dir);
  assert.equal(diff.status, 1, diff.stderr);
  const minus = diff.stdout.split('\n').filter((l) => /^-[^-]/.test(l));
  const plus = diff.stdout.split('\n').filter((l) => /^\+[^+]/.test(l));
  assert.deepEqual(minus, ['-    octodns:', '-      cloudflare:', '-        proxied: true', '-    octodns:', '-      cloudflare:', '-        proxied: true']);
  assert.deepEqual(plus, []);
  writeFileSync(join(dir, 'fix.diff'), diff.stdout);
  assert.equal(spawnSync('patch', ['-p1', '-i', 'fix.diff'], { cwd: dir }).status, 0);
  const doc = parse(readFileSync(join(dir, 'club.example.yaml'), 'utf8'));
  assert.deepEqual(doc.mail, [{ type: 'AAAA', value: '2001:db8::1' }, { type: 'A', value: '192.0.2.9' }]);
  const again = cli(['check', '--zone', 'club.example.yaml', '--format', 'json'], dir);
  assert.equal(again.status, 0, again.stdout.slice(0, 400));
});
