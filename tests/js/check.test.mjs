// `mxray check`: every output format and exit status, the fix applied with
// GNU patch, the Cloudflare forms read back, the batch over a folder, and one
// live check against the real resolver on loopback (nsd behind dnsdist).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { messages, languages, reportMessage } from '../../www/lib/messages.js';
import { SEVERITIES } from '../../www/lib/report-text.js';
import { startResolver, zonesIn } from '../resolver/resolver.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const mxray = join(root, 'www/cli/mxray.mjs');
const scenarios = join(root, 'tests/scenarios');
const seed = 'examples/club-cloudflare-export.txt';
const env0 = { LANG: 'C', LC_ALL: '', LC_MESSAGES: '', NO_COLOR: '', FORCE_COLOR: '' };

const cli = (args, { cwd = root, env = {}, input } = {}) =>
  spawnSync(process.execPath, [mxray, ...args], { cwd, input, encoding: 'utf8', env: { ...process.env, ...env0, ...env }, maxBuffer: 64 << 20 });

// Asynchronous, for the live check: the resolver lives in this process's event loop.
const cliAsync = (args, env = {}) =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [mxray, ...args], { cwd: root, env: { ...process.env, ...env0, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });

const scratch = mkdtempSync(join(tmpdir(), 'mxray-check-'));
let tmpCount = 0;
const tmp = () => {
  const d = join(scratch, String(tmpCount++));
  mkdirSync(d);
  return d;
};

// Every scenario with zones: {name, dir, sc}.
const withZones = readdirSync(scenarios)
  .filter((d) => existsSync(join(scenarios, d, 'scenario.json')))
  .map((d) => ({ name: d, dir: join(scenarios, d), sc: JSON.parse(readFileSync(join(scenarios, d, 'scenario.json'), 'utf8')) }))
  .filter((s) => (s.sc.zones ?? []).length > 0);

// Copies a scenario's zones into a fresh folder, same relative paths; returns the folder.
function stage(s) {
  const d = tmp();
  for (const z of s.sc.zones) {
    mkdirSync(dirname(join(d, z)), { recursive: true });
    copyFileSync(join(s.dir, z), join(d, z));
  }
  return d;
}
const zoneArgs = (s) => [...s.sc.zones.flatMap((z) => ['--zone', z]), ...(s.sc.domain ? ['--domain', s.sc.domain, '--offline'] : [])];
const rulesOf = (lines) => [...new Set(lines.map((l) => l.split(' ')[0]))].sort();

test('text: the seed example opens with the verdict and what to do, then the evidence and the plan; exit 1', () => {
  const r = cli(['check', '--zone', seed]);
  assert.equal(r.status, 1, r.stderr);
  // The verdict first, then what to do, one sentence per change in Cloudflare's words.
  assert.match(
    r.stdout,
    /^Broken: mail to or from club\.example fails now\. What to change follows\.\n\nWhat to do\nCloudflare serves the DNS of club\.example: make these changes in its dashboard \(DNS › Records\)\.\n- Make mail\.club\.example an A record pointing to 203\.0\.113\.25, DNS only \(grey cloud\), in place of its CNAME record \(club\.example\)\.\n/,
  );
  // The records that change, as a table, in place of the diff (that is --format diff).
  assert.match(r.stdout, /^The records that change\nName +Type +Before +After +Proxy status\nmail\.club\.example +CNAME → A +club\.example +203\.0\.113\.25 +DNS only$/m);
  assert.doesNotMatch(r.stdout, /^--- a\//m);
  // Cloudflare's steps, then cPanel's; then how mxray knows.
  assert.ok(r.stdout.indexOf("Steps in Cloudflare's dashboard") < r.stdout.indexOf("Steps in cPanel's Zone Editor"));
  assert.ok(r.stdout.indexOf("Steps in cPanel's Zone Editor") < r.stdout.indexOf('How mxray knows\nmxray check of club.example\n'));
  assert.match(r.stdout, /CRITICAL Mail apps cannot connect: mail\.club\.example leads to the proxy/);
  assert.match(r.stdout, /^ {4}1\. mail\.club\.example is an alias \(CNAME\) of club\.example \(examples\/club-cloudflare-export\.txt line 27\); the record is DNS-only$/m);
  assert.match(r.stdout, /^\+ CREATE {2}mail\.club\.example\. A 203\.0\.113\.25 \(DNS only\)$/m);
  assert.match(r.stdout, /Steps in cPanel's Zone Editor\n1\. Log in to cPanel/);
  assert.match(r.stdout, /Steps in Cloudflare's dashboard\n1\. Log in to the Cloudflare dashboard, choose the domain club\.example,/);
  assert.doesNotMatch(r.stdout, /\x1b\[/, 'no colour when not a terminal');
});

test('text: colours with FORCE_COLOR, none when NO_COLOR is set; Japanese with --lang ja or a ja locale', () => {
  assert.match(cli(['check', '--zone', seed], { env: { FORCE_COLOR: '1' } }).stdout, /\x1b\[1;31m\[1\] CRITICAL\x1b\[0m/);
  assert.doesNotMatch(cli(['check', '--zone', seed], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout, /\x1b\[/);
  const ja = cli(['check', '--zone', seed, '--lang', 'ja']);
  assert.equal(ja.status, 1);
  assert.match(ja.stdout, /club\.example の mxray チェック/);
  assert.match(ja.stdout, /^\+ 作成 {2}mail\.club\.example\. A 203\.0\.113\.25 \(DNS のみ\)$/m);
  assert.match(ja.stdout, /cPanel のゾーンエディターでの手順/);
  assert.equal(cli(['check', '--zone', seed], { env: { LANG: 'ja_JP.UTF-8' } }).stdout, ja.stdout);
});

// The zone of the site's markup-safety test (bidi controls, lookalike IDNs, an ESC in a DMARC
// record), under a file name with U+202E, plus a bad line with a raw ESC and a C1 CSI.
test('text: bidi controls, ESC and C1 characters from names, TXT, tokens and file names never reach the terminal raw', () => {
  const d = tmp();
  const file = join(d, 'bidi-\u202Etxt.zone');
  writeFileSync(file, Buffer.concat([readFileSync(join(root, 'tests/e2e/data/bidi-export.txt')), Buffer.from('esc.bidi.test.\t1\tIN\tA\t\x1b[2J\u009b31m1.2.3.4\n')]));
  const raw = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\x1b\x9b]/u;
  const r = cli(['check', '--zone', file]);
  assert.equal(r.status, 1, r.stderr);
  assert.doesNotMatch(r.stdout, raw);
  assert.doesNotMatch(r.stderr, raw);
  assert.match(r.stderr, /bidi-⟨U\+202E⟩txt\.zone:28:23: error: invalid IPv4 address in A: "⟨U\+202E⟩4\.3\.2\.1"/);
  assert.match(r.stderr, /bidi-⟨U\+202E⟩txt\.zone:29:\d+: error: invalid IPv4 address in A: "⟨U\+001B⟩\[2J⟨U\+009B⟩31m1\.2\.3\.4"/);
  assert.match(r.stdout, /the MX target xn--pypal-4ve\.bidi\.test \[! looks like ‘paypal\.bidi\.test’ but mixes Latin and Cyrillic letters\] leads to the proxy/);
  assert.match(r.stdout, /the MX target m\\208\\176il\.bidi\.test \[! looks like ‘mail\.bidi\.test’ but mixes Latin and Cyrillic letters\]/);
  assert.match(r.stdout, /\[! looks like ‘apple\.bidi\.test’ but is written in Cyrillic letters\]/);
  assert.match(r.stdout, /the MX target \\226\\128\\174gnp\.bidi\.test \[! contains a hidden character that changes the direction of text \(U\+202E\)\]/);
  assert.match(r.stdout, /has the TXT record "v=spf1 a ⟨U\+202E⟩-all⟨U\+2066⟩x⟨U\+2069⟩" \(.*bidi-⟨U\+202E⟩txt\.zone line 24\)/);
  assert.match(r.stdout, /"v=DMARC1; p=⟨U\+202E⟩<img src=x onerror=window\.__pwned=7>⟨U\+001B⟩\[2J"/);
  // The answer names a lookalike as the findings do: flagged.
  assert.match(r.stdout, /^- Turn the proxy off on xn--pypal-4ve\.bidi\.test \[! looks like ‘paypal\.bidi\.test’ but mixes Latin and Cyrillic letters\]: /m);
  // In colour, the only escape sequences are mxray's own; in Japanese, the markers too.
  const painted = cli(['check', '--zone', file], { env: { FORCE_COLOR: '1' } }).stdout;
  assert.match(painted, /\x1b\[33m\[! looks like ‘paypal/);
  assert.doesNotMatch(painted.replace(/\x1b\[[\d;]*m/g, ''), raw);
  assert.match(cli(['check', '--zone', file, '--lang', 'ja']).stdout, /\[! 「paypal\.bidi\.test」に見えますが、ラテン文字とキリル文字が混ざっています\]/);
  // The plan and the batch line over a folder.
  const plan = cli(['check', '--zone', file, '--format', 'plan']).stdout;
  assert.doesNotMatch(plan, raw);
  assert.match(plan, /^± MODIFY {2}\\226\\128\\174gnp\.bidi\.test\. A 192\.0\.2\.10 \(proxied → DNS only\)$/m);
  const batch = cli(['check', '--zone-dir', d]);
  assert.doesNotMatch(batch.stdout + batch.stderr, raw);
  assert.match(batch.stdout, /bidi-⟨U\+202E⟩txt\.zone: bidi\.test\.: broken: 5 critical/);
});

test('every format: output shape and exit status', () => {
  const run = (format) => {
    const r = cli(['check', '--zone', seed, '--format', format]);
    assert.equal(r.status, 1, `${format}: ${r.stderr}`);
    return r.stdout;
  };
  const report = JSON.parse(run('json'));
  assert.equal(report.schema, 'mxray-report/2');
  assert.equal(report.mode, 'offline');
  assert.equal(report.resolver, null);
  assert.deepEqual(Object.keys(report.timings), ['read_ms', 'dns_ms', 'report_ms', 'total_ms', 'dns_questions']);
  for (const k of ['read_ms', 'dns_ms', 'report_ms', 'total_ms']) assert.equal(typeof report.timings[k], 'number', k);
  assert.equal(report.timings.dns_questions, 0, 'offline, no DNS question is asked');
  for (const k of ['inputs', 'summary', 'findings', 'names', 'fix', 'stats', 'diagnostics']) assert.ok(k in report, k);
  assert.equal(run('diff'), report.fix.zones[0].diff);
  assert.equal(run('zone'), report.fix.zones[0].text);
  assert.equal(run('cloudflare-import'), report.fix.cloudflare_import);
  assert.deepEqual(JSON.parse(run('cloudflare-batch')), report.fix.cloudflare_batch);
  const curl = run('curl');
  // A POSIX sh script that looks the ids up, then posts (run against a stand-in API in
  // cloudflare-script.test.mjs).
  assert.match(curl, /^#!\/bin\/sh\n/);
  assert.match(curl, /\$\{CLOUDFLARE_API_URL:-https:\/\/api\.cloudflare\.com\/client\/v4\}\/zones\/\$CLOUDFLARE_ZONE_ID\/dns_records/);
  assert.match(curl, /curl -sS -X POST "\$api\/batch"/);
  assert.equal(curl, report.fix.curl);
  const plan = run('plan').trimEnd().split('\n');
  assert.equal(plan.length, report.fix.plan.length);
  for (const line of plan) assert.match(line, /^(\+ CREATE|± MODIFY|- DELETE) {2}\S+ [A-Z]+ /);
  assert.ok(plan.includes('± MODIFY  webdisk.club.example. A 203.0.113.25 (proxied → DNS only)'), plan.join('\n'));
  const line = JSON.parse(run('jsonl'));
  assert.deepEqual(Object.keys(line), ['file', 'domain', 'verdict', 'summary', 'rules', 'error']);
  assert.deepEqual(line.summary, report.summary);
  assert.equal(line.verdict, report.verdict.state);
});

test('--fail-on: exit 1 only for a finding at or above the level', () => {
  // [scenario, findings' worst severity or null]
  const cases = [
    ['google-workspace-healthy', null],
    ['spf-pass-all', 'warning'],
    ['healthy-split', 'info'],
    ['cpanel-mail-cname', 'critical'],
  ];
  for (const [name, worst] of cases) {
    const s = withZones.find((x) => x.name === name);
    for (const level of SEVERITIES) {
      const r = cli(['check', ...zoneArgs(s), '--fail-on', level, '--format', 'json'], { cwd: s.dir });
      const expected = worst !== null && SEVERITIES.indexOf(worst) <= SEVERITIES.indexOf(level) ? 1 : 0;
      assert.equal(r.status, expected, `${name} --fail-on ${level}: ${r.stderr}`);
    }
  }
});

test('usage errors and unreadable input exit 2, before any DNS is asked', () => {
  const cases = [
    [['check'], /needs a --zone FILE/],
    [['check', '--zone', seed, '--bogus'], /unknown option: --bogus/],
    [['check', '--zone', seed, '--format', 'yaml'], /unknown format: yaml/],
    [['check', '--zone', seed, '--fail-on', 'fatal'], /--fail-on takes/],
    [['check', '--zone', seed, '--panel', 'webmin'], /unknown panel/],
    [['check', '--zone', seed, '--lang', 'fr'], /unknown language/],
    [['check', '--zone'], /--zone needs a value/],
    // A bare argument is the domain (as facts and verify take it); one that is a file was meant as a zone.
    [['check', seed], /examples\/club-cloudflare-export\.txt is a file: to check it, give it with --zone examples\/club-cloudflare-export\.txt/],
    [['check', 'a.test', 'b.test'], /check takes one domain \(--domain NAME or DOMAIN\): b\.test/],
    [['check', '--domain', 'a.test', 'b.test'], /check takes one domain/],
    [['check', '--zone', 'no/such/file.txt'], /no such file: no\/such\/file\.txt/],
    [['check', '--zone', 'examples'], /not a regular file: examples/],
    [['check', '--offline', '--domain', 'club.test'], /--offline needs a --zone/],
    [['check', '--domain', 'club.test', '--format', 'diff'], /the format diff needs at least one --zone FILE/],
    [['check', '--domain', 'club.test', '--resolver', 'http://127.0.0.1/dns-query'], /https/],
    [['check', '--domain', 'bad..name', '--resolver', 'https://127.0.0.1:9/dns-query'], /not a domain name: "bad\.\.name"/],
    [['check', '--zone-dir', 'examples', '--format', 'json'], /--zone-dir prints text or jsonl/],
    [['check', '--zone-dir', 'examples', '--zone', seed], /--zone-dir takes neither/],
    [['check', '--zone-dir', 'no-such-dir'], /cannot read: no-such-dir/],
    [['check', '--zone', seed, '--live'], /--live goes with --zone-dir/],
    [['check', '--zone', seed, '--timeout', '5'], /--timeout/],
    // parseArgs' own refusals, in the command's words.
    [['check', '--zone', seed, '--bogus=1'], /unknown option: --bogus=1\n/],
    [['check', '--zone', seed, '-hx'], /unknown option: -hx\n/],
    [['check', '--zone', seed, '--offline=yes'], /unknown option: --offline=yes\n/],
    [['check', '--zone', '--domain', 'club.test'], /--zone needs a value/],
    [['check', '--zone', seed, '--timeout', '-5'], /--timeout needs a value/],
    [['check', '--zone', seed, '--', 'a.test', 'b.test'], /check takes one domain \(--domain NAME or DOMAIN\): b\.test/],
  ];
  for (const [args, pattern] of cases) {
    const r = cli(args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, pattern, args.join(' '));
    assert.equal(r.stdout, '', args.join(' '));
  }
  assert.match(cli(['check', '--zone', 'no/such/file.txt', '--lang', 'ja']).stderr, /ファイルがありません/);
  // --opt=value as well as --opt value.
  const inline = cli(['check', `--zone=${seed}`, '--format=jsonl', '--fail-on=warning', '--timeout=5000']);
  assert.equal(inline.status, 1, inline.stderr);
  assert.equal(JSON.parse(inline.stdout).file, seed);
  const help = cli(['check', '--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /--fail-on S/);
});

test('for every scenario with zones, the diff applied with GNU patch -p1 gives the zone output exactly', () => {
  let patched = 0;
  for (const s of withZones) {
    const d = stage(s);
    const json = cli(['check', ...zoneArgs(s), '--format', 'json'], { cwd: d });
    assert.ok(json.status === 0 || json.status === 1, `${s.name}: ${json.stderr}`);
    const report = JSON.parse(json.stdout);
    const diff = cli(['check', ...zoneArgs(s), '--format', 'diff'], { cwd: d }).stdout;
    assert.equal(diff, report.fix.zones.filter((z) => z.changed).map((z) => z.diff).join(''), s.name);
    const zone = cli(['check', ...zoneArgs(s), '--format', 'zone'], { cwd: d }).stdout;
    if (s.sc.zones.length === 1) assert.equal(zone, report.fix.zones[0].text, s.name);
    if (diff) {
      const p = spawnSync('patch', ['-p1', '--batch', '--no-backup-if-mismatch'], { cwd: d, input: diff, encoding: 'utf8' });
      assert.equal(p.status, 0, `${s.name}: patch: ${p.stdout}${p.stderr}`);
      patched += 1;
    }
    report.fix.zones.forEach((z, i) => {
      assert.equal(readFileSync(join(d, s.sc.zones[i]), 'utf8'), z.text, `${s.name}: ${s.sc.zones[i]} after patch`);
    });
  }
  assert.ok(patched >= 20, `patched ${patched} scenarios`);
});

test('a merge note on real data: the SPF edit the mail host fix makes moot is dropped, and said so in both languages', () => {
  const zone = 'tests/scenarios/cname-chain-two-hops/input/export.txt';
  const report = JSON.parse(cli(['check', '--zone', zone, '--format', 'json']).stdout);
  const note = report.fix.notes.find((n) => n.why === 'moot');
  assert.ok(note, 'a moot note');
  assert.equal(report.findings[note.finding].rule, 'spf-proxy-address');
  assert.equal(note.dropped.type, 'TXT');
  assert.equal(report.fix.edits[note.kept].type, 'A'); // the edit that made it moot
  assert.ok(!report.fix.edits.some((e) => e.type === 'TXT'), 'no SPF edit in the fix');
  const en = cli(['check', '--zone', zone]).stdout;
  assert.match(en, /How the edits were merged\nfinding \d+ asked to replace chain\.test TXT "v=spf1 mx ip4:192\.0\.2\.180 ~all"; dropped: not needed/);
  const ja = cli(['check', '--zone', zone, '--lang', 'ja']).stdout;
  assert.match(ja, /修正の統合\n検出結果 \d+ の修正「[^」]+」は採用しませんでした: 不要です/);
});

// --format json writes the corrected zone's text a mebibyte of bytes at a time: a character
// of several bytes across the cut must come out whole.
test('--format json: a text of 3 MiB of Japanese comments comes out whole, the same as --format zone', () => {
  const d = tmp();
  const head = readFileSync(join(root, seed), 'utf8');
  // Ten characters of three bytes each, after "; ": lines of 33 bytes.
  const line = '; メールメールメール日\n';
  const comments = line.repeat(Math.ceil((3 << 20) / 33));
  writeFileSync(join(d, 'ja.txt'), head + comments);
  const json = cli(['check', '--zone', 'ja.txt', '--format', 'json'], { cwd: d });
  assert.equal(json.status, 1, json.stderr);
  const zone = cli(['check', '--zone', 'ja.txt', '--format', 'zone'], { cwd: d });
  // The fix changes the example's records, above the comments: the cuts, at each MiB of the
  // corrected text, fall inside a character here.
  const fixedHead = Buffer.byteLength(zone.stdout) - Buffer.byteLength(comments);
  const inside = [1, 2, 3].filter((k) => {
    const at = ((k << 20) - fixedHead) % 33; // the cut's byte in its line
    return at > 2 && at < 32 && (at - 2) % 3 !== 0;
  });
  assert.ok(inside.length > 0, 'a cut inside a character');
  const report = JSON.parse(json.stdout);
  assert.ok(report.fix.zones[0].text.length > 1 << 20);
  assert.equal(report.fix.zones[0].text, zone.stdout);
  assert.ok(report.fix.zones[0].text.endsWith(comments));
  // The import file holds only the records to add, none of the comments.
  assert.match(report.fix.cloudflare_import, /^;; Cloudflare import file written by mxray/);
  assert.ok(!report.fix.cloudflare_import.includes('メール'));
  assert.ok(!report.fix.zones[0].text.includes('\uFFFD'));
});

test('a zone that is not UTF-8 (Shift_JIS comments) comes out byte for byte, and its diff applies', () => {
  const d = mkdtempSync(join(tmpdir(), 'mxray-sjis-'));
  const sjis = Buffer.from([0x83, 0x81, 0x81, 0x5b, 0x83, 0x8b]); // メール in Shift_JIS
  const lines = [
    Buffer.from('$ORIGIN club.test.\n$TTL 14400\n; '), sjis, Buffer.from(' server\n'),
    Buffer.from('@ IN SOA ns1 root 1 2 3 4 5\n@ IN A 104.21.16.8 ; cf_tags=cf-proxied:true\n'),
    Buffer.from('mail IN CNAME @ ; '), sjis, Buffer.from('\n@ IN MX 0 mail\n'),
  ];
  const input = Buffer.concat(lines);
  writeFileSync(join(d, 'club.test.db'), input);
  const run = (format) =>
    spawnSync(process.execPath, [mxray, 'check', '--zone', 'club.test.db', '--origin', '203.0.113.10', '--format', format], {
      cwd: d, env: { ...process.env, ...env0 },
    });
  const zone = run('zone');
  assert.equal(zone.status, 1, zone.stderr.toString());
  const out = zone.stdout;
  // Every line the fix leaves alone keeps its bytes; the Shift_JIS comment is intact.
  assert.ok(out.subarray(0, 33).equals(input.subarray(0, 33)), 'the head of the file, byte for byte');
  assert.ok(out.includes(Buffer.concat([Buffer.from('; '), sjis, Buffer.from(' server\n')])));
  assert.ok(out.includes(Buffer.from('mail.club.test.\t14400\tIN\tA\t203.0.113.10')));
  assert.ok(!out.includes(Buffer.from('mail IN CNAME')));
  const json = JSON.parse(run('json').stdout.toString('utf8'));
  assert.equal(json.fix.zones[0].utf8, false);
  // JSON carries text: there the Shift_JIS bytes are U+FFFD, as TextDecoder makes them.
  assert.equal(json.fix.zones[0].text, new TextDecoder().decode(out));
  assert.ok(json.fix.zones[0].text.includes('\uFFFD'));
  const diff = run('diff').stdout;
  assert.ok(diff.includes(Buffer.concat([Buffer.from('-mail IN CNAME @ ; '), sjis])));
  const p = spawnSync('patch', ['-p1', '--batch', '--no-backup-if-mismatch'], { cwd: d, input: diff });
  assert.equal(p.status, 0, `patch: ${p.stdout}${p.stderr}`);
  assert.ok(readFileSync(join(d, 'club.test.db')).equals(out), 'patched file = zone output');
});

test('the Cloudflare import file, read back with dump, has the records to add and none to delete; mail names are DNS only', () => {
  let checked = 0;
  for (const s of withZones) {
    const d = stage(s);
    // A placeholder would make the file unparseable, which is its purpose: state the origin.
    const args = [...zoneArgs(s), '--origin', '192.0.2.77'];
    const report = JSON.parse(cli(['check', ...args, '--format', 'json'], { cwd: d }).stdout);
    const r = cli(['check', ...args, '--format', 'cloudflare-import'], { cwd: d });
    if (report.fix.cloudflare_import === null) {
      // Only the records to add go in it: a fix that adds none has no file, and says so.
      assert.equal(r.stdout, '', s.name);
      assert.match(r.stderr, /there is no Cloudflare import file/, s.name);
      assert.notEqual(r.status, 2, s.name);
      continue;
    }
    assert.equal(r.stdout, report.fix.cloudflare_import, s.name);
    const file = join(d, 'import.txt');
    writeFileSync(file, r.stdout);
    const dump = cli(['dump', file]);
    assert.equal(dump.status, 0, `${s.name}: ${dump.stderr}`);
    const records = dump.stdout.trimEnd().split('\n').map((line) => {
      const [rr, tag] = line.split(' ; ');
      const [name, , , type, ...data] = rr.split(' ');
      return { name, type, data: data.join(' '), proxied: tag === 'cf-proxied:true' ? true : tag === 'cf-proxied:false' ? false : null };
    });
    for (const e of report.fix.plan) {
      if (!['A', 'AAAA', 'CNAME', 'MX'].includes(e.type)) continue;
      const data = e.action === 'delete' ? e.data : e.after.data;
      const found = records.filter((x) => x.name === e.name && x.type === e.type && x.data === data);
      if (e.action === 'delete') assert.equal(found.length, 0, `${s.name}: ${e.name} ${e.type} ${data} deleted`);
      else {
        assert.equal(found.length, 1, `${s.name}: ${e.name} ${e.type} ${data} present`);
        if (e.after.proxied !== null && e.after.proxied !== undefined) assert.equal(found[0].proxied, e.after.proxied, `${s.name}: ${e.name} proxy`);
      }
    }
    // Where the fix changed something, every MX target of the file is DNS only.
    if (report.fix.plan.length) {
      const targets = new Set(records.filter((x) => x.type === 'MX').map((x) => x.data.split(' ')[1]));
      for (const x of records) {
        if (targets.has(x.name) && ['A', 'AAAA', 'CNAME'].includes(x.type)) {
          assert.equal(x.proxied, false, `${s.name}: ${x.name} ${x.type} must be DNS only`);
        }
      }
    }
    checked += 1;
  }
  assert.ok(checked >= 20, `checked ${checked}`);
});

test('the batch payload never invents an id: ids are {id:...} with a lookup, or the input\'s own', () => {
  for (const s of withZones) {
    const d = stage(s);
    const r = cli(['check', ...zoneArgs(s), '--format', 'cloudflare-batch', '--origin', '192.0.2.77'], { cwd: d });
    const batch = JSON.parse(r.stdout);
    const inputs = s.sc.zones.map((z) => readFileSync(join(d, z), 'utf8')).join('\n');
    for (const part of ['deletes', 'patches', 'puts']) {
      (batch[part] ?? []).forEach((x, i) => {
        const m = /^\{id:(deletes|patches|puts)\/(\d+)\}$/.exec(x.id);
        if (m) {
          assert.equal(`${m[1]}/${m[2]}`, `${part}/${i}`, `${s.name}: ${x.id}`);
          assert.ok(batch.lookups.some((l) => l.for === `${part}/${i}` && /^GET \/client\/v4\/zones\/\{zone_id\}\/dns_records\?type=/.test(l.query)), `${s.name}: lookup for ${x.id}`);
        } else {
          assert.ok(/^\s*[[{]/.test(inputs) && inputs.includes(JSON.stringify(x.id)), `${s.name}: id ${x.id} comes from the API JSON input`);
        }
      });
    }
    for (const x of batch.posts ?? []) assert.equal(x.id, undefined, `${s.name}: a new record has no id`);
  }
});

test('--origin fills the placeholder everywhere; a bad one exits 2', () => {
  const s = withZones.find((x) => x.name === 'old-export-no-tags');
  const without = cli(['check', ...zoneArgs(s)], { cwd: s.dir });
  assert.match(without.stdout, /Values to fill in\n\{origin-ipv4\} stands for the IPv4 address/);
  assert.match(without.stdout, /run the check again with --origin ADDRESS/);
  assert.match(without.stdout, /\+ CREATE {2}mail\.old\.test\. A \{origin-ipv4\} \(DNS only\) \[fill in the server's IPv4 address first\]/);
  assert.match(cli(['check', ...zoneArgs(s), '--format', 'zone'], { cwd: s.dir }).stdout, /\{origin-ipv4\}/);
  const report = JSON.parse(cli(['check', ...zoneArgs(s), '--origin', '192.0.2.44', '--format', 'json'], { cwd: s.dir }).stdout);
  assert.deepEqual(report.fix.origin, { address: '192.0.2.44', source: 'stated' });
  assert.deepEqual(report.fix.placeholders, []);
  for (const f of ['zone', 'diff', 'cloudflare-batch', 'curl', 'plan', 'text']) {
    const out = cli(['check', ...zoneArgs(s), '--origin', '192.0.2.44', '--format', f], { cwd: s.dir }).stdout;
    assert.match(out, /192\.0\.2\.44/, f);
    assert.doesNotMatch(out, /\{origin-ipv4\}/, f);
  }
  for (const bad of ['999.1.1.1', 'mail.example', '192.0.2.1/24', '']) {
    const r = cli(['check', ...zoneArgs(s), '--origin', bad], { cwd: s.dir });
    assert.equal(r.status, 2, bad);
    assert.match(r.stderr, /not an IPv4 or IPv6 address/, bad);
  }
  assert.match(cli(['check', ...zoneArgs(s), '--origin', 'x', '--lang', 'ja'], { cwd: s.dir }).stderr, /IPv4 または IPv6 アドレスではありません/);
});

test('--zone-dir: one line per zone (jsonl too), domains from $ORIGIN, SOA or the file name, both cores', () => {
  const d = tmp();
  const picks = ['cpanel-mail-cname', 'mail-a-proxied', 'google-workspace-healthy', 'spf-pass-all'];
  const expect = {};
  for (const name of picks) {
    const s = withZones.find((x) => x.name === name);
    const file = `${s.sc.domain ?? name}.db`;
    copyFileSync(join(s.dir, s.sc.zones[0]), join(d, file));
    expect[join(d, file)] = rulesOf(s.sc.expect.offline);
  }
  // A cPanel file with relative names and neither $ORIGIN nor an absolute SOA owner.
  const cp = join(d, 'shop.test.db');
  writeFileSync(cp, '$TTL 14400\n@ 86400 IN SOA ns1.host.test. root.host.test. 1 3600 1800 1209600 86400\n@ IN NS ns1.host.test.\n@ IN A 192.0.2.5\nmail IN A 192.0.2.5\n@ IN MX 0 mail\n@ IN TXT "v=spf1 +a +mx -all"\n_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:d@shop.test"\n');
  expect[cp] = [];
  writeFileSync(join(d, '.hidden'), 'not a zone');

  const r = cli(['check', '--zone-dir', d, '--format', 'jsonl']);
  assert.equal(r.status, 1, r.stderr);
  const rows = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(rows.map((x) => x.file), Object.keys(expect).sort());
  for (const row of rows) {
    assert.deepEqual(row.rules, expect[row.file], row.file);
    assert.equal(row.error, null);
    assert.deepEqual(Object.keys(row.summary).sort(), ['critical', 'info', 'warning']);
  }
  assert.equal(rows.find((x) => x.file === cp).domain, 'shop.test.');

  const text = cli(['check', '--zone-dir', d]);
  assert.equal(text.status, 1);
  const lines = text.stdout.trimEnd().split('\n');
  assert.equal(lines.length, rows.length + 1);
  assert.match(lines[0], /club\.test\.db: club\.test\.: broken: 3 critical, 1 warning, 0 info: mail-host-proxied, mx-target-cname, mx-target-proxied, spf-proxy-address$/);
  assert.equal(lines.at(-1), `5 zone files: 2 at or above critical, ${rows.filter((x) => x.verdict === 'could-not-tell').length} could not tell, 0 unreadable`);

  // An unreadable zone makes the exit status 2 and has its error in its line.
  writeFileSync(join(d, 'zz.db'), 'nothing useful (\n');
  const bad = cli(['check', '--zone-dir', d, '--format', 'jsonl']);
  assert.equal(bad.status, 2);
  const last = JSON.parse(bad.stdout.trimEnd().split('\n').at(-1));
  assert.equal(last.file, join(d, 'zz.db'));
  assert.ok(last.error, 'the error is named');

  // Healthy zones only: exit 0.
  const ok = tmp();
  copyFileSync(cp, join(ok, 'shop.test.db'));
  assert.equal(cli(['check', '--zone-dir', ok]).status, 0);
});

// Live, against nsd behind dnsdist on loopback (NODE_EXTRA_CA_CERTS trusts its certificate).
const live = withZones.find((x) => x.name === 'cpanel-mail-cname');
let resolver;
before(async () => {
  resolver = await startResolver({ zones: zonesIn(join(live.dir, 'served')) });
});
after(async () => {
  await resolver?.stop();
});

test('live: check --domain against the real resolver, alone and with the zone', async () => {
  const r = await cliAsync(['check', '--domain', 'club.test', '--resolver', resolver.url, '--format', 'json']);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /^round 1: \d+\/\d+ answered$/m, 'progress goes to stderr');
  const report = JSON.parse(r.stdout);
  assert.equal(report.mode, 'live');
  // The bare DOMAIN is --domain DOMAIN.
  const bare = await cliAsync(['check', 'club.test', '--resolver', resolver.url, '--format', 'json']);
  assert.equal(bare.status, 1, bare.stderr);
  assert.deepEqual(JSON.parse(bare.stdout).findings, report.findings);
  assert.deepEqual(report.resolver, { url: resolver.url, format: 'wire' });
  assert.equal(report.stats.rounds, live.sc.depth);
  // Every question the session asked went out once (none failed on loopback).
  assert.ok(report.timings.dns_questions > 0);
  assert.equal(report.timings.dns_questions, report.stats.questions);
  assert.deepEqual(report.findings.map((f) => `${f.rule} ${f.severity} ${f.names[0]}`).sort(), live.sc.expect.live);

  const both = await cliAsync(['check', '--zone', join(live.dir, live.sc.zones[0]), '--domain', 'club.test', '--resolver', resolver.url, '--format', 'json']);
  assert.equal(both.status, 1, both.stderr);
  const b = JSON.parse(both.stdout);
  assert.equal(b.mode, 'both');
  assert.deepEqual(b.findings.map((f) => `${f.rule} ${f.severity} ${f.names[0]}`).sort(), live.sc.expect.both);
  assert.ok(b.fix.zones[0].changed);
});

test('live only: a broken domain gets its fix in the panel\'s words, never "No change to make"', async () => {
  for (const lang of ['en', 'ja']) {
    const r = await cliAsync(['check', '--domain', 'club.test', '--resolver', resolver.url, '--lang', lang]);
    assert.equal(r.status, 1, r.stderr);
    const t = (k, v) => reportMessage(k, lang, v);
    assert.ok(!r.stdout.includes(t('report.noFix')) && !r.stdout.includes(t('report.noFixForFindings')), r.stdout);
    // mail's CNAME goes; mail gets the server's address, DNS only, in the dashboard's steps.
    assert.match(r.stdout, /mail\.club\.test\. CNAME club\.test\./);
    assert.match(r.stdout, /mail\.club\.test\. A \{origin-ipv4\}/);
    assert.ok(r.stdout.includes(t('steps.liveNote')), 'the steps say they are made in the panel');
    // The server's address is offered, marked likely, with where it was seen: ftp. answers with it.
    assert.ok(r.stdout.includes(reportMessage('report.likelyOriginCli', lang, { address: '203.0.113.10' })), r.stdout);
    assert.ok(r.stdout.includes(reportMessage('report.originClue.dns-only-name', lang, { name: 'ftp.club.test' })), r.stdout);
    // The alias warning says why it has no edit of its own.
    assert.ok(r.stdout.includes(reportMessage('noEdit.alias-kept', lang)), r.stdout);
  }
  const j = JSON.parse((await cliAsync(['check', '--domain', 'club.test', '--resolver', resolver.url, '--format', 'json', '--origin', '192.0.2.80'])).stdout);
  assert.deepEqual(
    j.fix.plan.map((e) => `${e.action} ${e.name} ${e.type} ${e.data} live=${e.live}`),
    ['delete mail.club.test. CNAME club.test. live=true', 'create mail.club.test. A 192.0.2.80 live=true'],
  );
  assert.deepEqual(j.fix.origin_candidates[0], {
    type: 'A', address: '203.0.113.10', likely: true, clues: [{ source: 'dns-only-name', name: 'ftp.club.test.', live: true }],
  });
  for (const f of j.findings.filter((x) => x.severity !== 'info'))
    assert.ok(f.edits.length || f.evidence.some((e) => e.code === 'no-edit'), `${f.rule}: an edit or the reason there is none`);
});

test('one rule for where the domain comes from, for --zone and --zone-dir: the old export layout and a zone file name', () => {
  const d = mkdtempSync(join(tmpdir(), 'mxray-domain-'));
  // Cloudflare's export layout of about 2016 to 2018: "$ORIGIN ." and the domain in the header.
  writeFileSync(join(d, 'old-export.txt'), '$ORIGIN .\n;; Domain:     old.test.\n;; Exported:   2017-05-01 10:00:00\nold.test.\t1\tIN\tSOA\tns1.cloudflare.com. dns.cloudflare.com. 1 10000 2400 604800 3600\nold.test.\t1\tIN\tMX\t10 mail.old.test.\nmail.old.test.\t1\tIN\tA\t192.0.2.9\n');
  // A cPanel-style file whose name is its domain, with relative names only.
  writeFileSync(join(d, 'named.test.db'), '@ 300 IN MX 10 mail\nmail 300 IN A 192.0.2.2\n');
  // The old export carries no cf_tags: whether mail. is proxied is not known, so it could not tell (3).
  for (const [file, domain, status] of [['old-export.txt', 'old.test.', 3], ['named.test.db', 'named.test.', 0]]) {
    const one = cli(['check', '--zone', join(d, file), '--offline', '--format', 'json']);
    assert.equal(one.status, status, one.stderr);
    assert.equal(JSON.parse(one.stdout).domain, domain, `--zone ${file}`);
  }
  const all = cli(['check', '--zone-dir', d, '--format', 'jsonl']);
  assert.equal(all.status, 3, all.stderr);
  assert.deepEqual(
    all.stdout.trim().split('\n').map((l) => JSON.parse(l)).map((r) => [r.file.replace(/^.*\//, ''), r.domain, r.error]),
    [['named.test.db', 'named.test.', null], ['old-export.txt', 'old.test.', null]],
  );
});

test('the diff names the file relative to the working folder, so patch -p1 there applies it, however the path was given', () => {
  const d = mkdtempSync(join(tmpdir(), 'mxray-diff-'));
  mkdirSync(join(d, 'sub'));
  const zone = join(d, 'sub', 'club.txt');
  copyFileSync(join(root, 'examples/club-cloudflare-export.txt'), zone);
  for (const [cwd, given] of [[d, zone], [join(d, 'sub'), '../sub/club.txt'], [d, 'sub/club.txt']]) {
    const r = cli(['check', '--zone', given, '--format', 'diff'], { cwd });
    assert.equal(r.status, 1, r.stderr);
    const want = cwd === d ? 'sub/club.txt' : 'club.txt';
    assert.ok(r.stdout.startsWith(`--- a/${want}\n+++ b/${want}\n`), `${given} from ${cwd}: ${r.stdout.slice(0, 80)}`);
    const patch = spawnSync('patch', ['-p1', '--dry-run'], { cwd, input: r.stdout, encoding: 'utf8' });
    assert.equal(patch.status, 0, patch.stdout + patch.stderr);
  }
});

// Every key of the check's sections exists in every language, with the same placeholders.
test('the report, plan and steps words exist in English and Japanese alike', () => {
  const leaves = (o, prefix = '') =>
    Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? leaves(v, `${prefix}${k}.`) : [[`${prefix}${k}`, v]]));
  const holes = (s) => [...String(s).matchAll(/\{([\w-]+)\}/g)].map((m) => m[1]).sort();
  for (const section of ['report', 'plan', 'steps']) {
    const en = Object.fromEntries(leaves(messages.en[section]));
    for (const lang of languages) {
      const other = Object.fromEntries(leaves(messages[lang][section] ?? {}));
      assert.deepEqual(Object.keys(other).sort(), Object.keys(en).sort(), `${lang}.${section} keys`);
      for (const [k, v] of Object.entries(other)) {
        assert.ok(typeof v === 'string' && v.length > 0, `${lang}.${section}.${k}`);
        assert.deepEqual(holes(v), holes(en[k]), `${lang}.${section}.${k} placeholders`);
      }
    }
  }
  // Every key the renderer and the command line name literally, and every code they look up.
  const has = (path) => languages.every((lang) => path.split('.').reduce((o, k) => o?.[k], messages[lang]) !== undefined);
  const sources = ['www/lib/report-text.js', 'www/lib/answer.js', 'www/cli/check.mjs'].map((f) => readFileSync(join(root, f), 'utf8')).join('\n');
  const literal = [...sources.matchAll(/(?:reportMessage|\bt)\('((?:report|plan|steps)\.[\w.-]+)'/g)].map((m) => m[1]);
  assert.ok(literal.length > 30, `found ${literal.length} keys`);
  const coded = [
    ...SEVERITIES.map((s) => `report.severity.${s}`),
    ...['offline', 'live', 'both'].map((m) => `report.mode.${m}`),
    ...['covered-by-remove', 'covered-by-replace', 'duplicate', 'conflict', 'placeholder-superseded', 'moot'].map((w) => `report.noteWhy.${w}`),
    ...['add', 'remove', 'replace', 'set-dns-only'].map((o) => `report.op.${o}`),
    ...['format', 'included-file', 'generated', 'cname-kept', 'record-not-found'].map((w) => `report.skipWhy.${w}`),
    ...['origin-ipv4', 'origin-ipv6'].map((p) => `report.placeholder.${p}`),
    ...['bad-origin', 'no-file', 'not-file', 'unreadable'].map((e) => `report.errors.${e}`),
    ...['create', 'modify', 'delete'].map((a) => `plan.${a}`),
    ...['value', 'address', 'address6', 'target', 'content'].map((f) => `steps.field.${f}`),
    'panelHow.detected',
    'panelHow.stated',
  ];
  for (const key of [...literal, ...coded]) assert.ok(has(key), `${key} in every language`);
});
