// `mxray check --probe` against real Postfix and Dovecot from Debian
// (tests/mailserver), found through a real DoH resolver (nsd + dnsdist,
// tests/resolver): mail.club.example is an alias of the servers' name and
// their certificate names it; smtp.club.example reaches the same servers, whose
// certificate does not name it; imap.club.example has an address where nothing
// listens; pop.club.example reaches a Dovecot whose greeting is longer than the
// probe reads. No mock server: what is asserted is what the daemons answered.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startResolver } from '../resolver/resolver.mjs';
import { loopbackAddress, startMailServers } from '../mailserver/mailserver.mjs';
import { PROBE_PORTS, certificateCovers, certificateNames, feedProbe, probeTargets } from '../../www/cli/probe.mjs';
import { probeParts, partsText, renderReport } from '../../www/lib/report-text.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const plain = (_k, t) => t;

let mail;
let resolver;
let closed; // an address where nothing listens
let bundle; // the resolver's certificate and the mail servers' CA
const runs = {};

// `mxray check` in a child process; `trustMailCa`: Node also trusts the mail servers' CA.
function cli(args, { trustMailCa = true } = {}) {
  return new Promise((resolve) => {
    const env = { ...process.env, LANG: 'C', LC_ALL: '', NO_COLOR: '1', NODE_EXTRA_CA_CERTS: trustMailCa ? bundle : process.env.NODE_EXTRA_CA_CERTS };
    const child = spawn(process.execPath, ['www/cli/mxray.mjs', 'check', ...args], { cwd: root, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const live = (more = []) => ['--domain', 'club.example', '--resolver', resolver.url, '--probe', '--probe-timeout', '3000', ...more];

before(async () => {
  mail = await startMailServers({ names: ['mail.club.example'], longGreeting: true });
  do closed = loopbackAddress();
  while (closed === mail.address || closed === mail.longAddress);
  const dir = mkdtempSync(join(tmpdir(), 'mxray-probe-'));
  const zone = join(dir, 'club.example.zone');
  writeFileSync(
    zone,
    `$ORIGIN club.example.
$TTL 300
@ IN SOA ns1.club.example. hostmaster.club.example. 1 7200 3600 1209600 300
@ IN NS ns1.club.example.
ns1 IN A 127.0.0.1
@ IN A 127.0.0.1
@ IN MX 10 mail.club.example.
@ IN TXT "v=spf1 mx -all"
mail IN CNAME srv.club.example.
srv IN A ${mail.address}
smtp IN A ${mail.address}
imap IN A ${closed}
pop IN A ${mail.longAddress}
_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@club.example"
`,
  );
  resolver = await startResolver({ zones: [{ origin: 'club.example.', file: zone }] });
  bundle = join(dir, 'trust.pem');
  writeFileSync(bundle, readFileSync(process.env.NODE_EXTRA_CA_CERTS ?? resolver.cert, 'utf8') + readFileSync(mail.ca, 'utf8'));
  // The runs the tests read: JSON and text in both languages with the CA trusted, JSON without.
  [runs.json, runs.text, runs.ja, runs.untrusted] = await Promise.all([
    cli(live(['--format', 'json'])),
    cli(live()),
    cli(live(['--lang', 'ja'])),
    cli(live(['--format', 'json']), { trustMailCa: false }),
  ]);
});

after(async () => {
  await resolver?.stop();
  await mail?.stop();
});

const report = () => JSON.parse(runs.json.stdout);
const results = (name) => report().probe.results.filter((r) => r.name === name);

test('the real servers: greeting, STARTTLS where the protocol has it, a trusted certificate that covers the name', () => {
  assert.equal(runs.json.status, 0, runs.json.stderr); // mx-target-cname is a warning: below --fail-on critical
  const got = results('mail.club.example');
  assert.deepEqual(got.map((r) => r.port).sort((a, b) => a - b), [25, 110, 143, 465, 587, 993, 995]);
  const greeting = { smtp: /^220 mail\.club\.example ESMTP Postfix/, imap: /^\* OK .*Dovecot .*ready/, pop3: /^\+OK Dovecot .*ready/ };
  for (const r of got) {
    const spec = PROBE_PORTS[r.port];
    assert.equal(r.address, mail.address);
    assert.equal(r.outcome, 'tls', JSON.stringify(r));
    assert.match(r.greeting, greeting[spec.protocol], `${r.port}: ${r.greeting}`);
    assert.equal(r.starttls, spec.implicit ? null : true, `${r.port}`);
    assert.match(r.tls.protocol, /^TLSv1\.[23]$/);
    assert.deepEqual(r.tls.cert.san, ['mail.club.example']);
    assert.equal(r.tls.cert.issuer_cn, 'mxray test mail CA');
    assert.equal(r.tls.covers, true);
    assert.equal(r.tls.trusted, true, `${r.port}: ${r.tls.trust_error}`);
    assert.equal(r.ok, true);
  }
});

test('a name the certificate does not name: TLS works, the certificate does not cover it', () => {
  const got = results('smtp.club.example');
  // Only the ports a mail app uses to send from smtp.*.
  assert.deepEqual(got.map((r) => r.port).sort((a, b) => a - b), [465, 587]);
  for (const r of got) {
    assert.equal(r.outcome, 'tls');
    assert.equal(r.tls.covers, false);
    assert.equal(r.tls.trusted, true, 'the chain is fine; only the name is wrong');
    assert.equal(r.ok, false);
  }
  assert.ok(
    runs.text.stdout.includes(`- submission on smtp.club.example (${mail.address}): STARTTLS, then TLS (${got[0].tls.protocol}); the certificate names mail.club.example; it does not cover the name`),
    runs.text.stdout,
  );
});

test('an address where nothing listens: no connection', () => {
  const got = results('imap.club.example');
  assert.deepEqual(got.map((r) => r.port).sort((a, b) => a - b), [143, 993]);
  for (const r of got) {
    assert.equal(r.address, closed);
    assert.equal(r.outcome, 'no-connection');
    assert.equal(r.reason, 'refused');
    assert.equal(r.greeting, null);
    assert.equal(r.tls, null);
  }
  assert.ok(runs.text.stdout.includes(`- imaps on imap.club.example (${closed}): no connection: the address refused it`), runs.text.stdout);
  assert.ok(runs.ja.stdout.includes(`- imap.club.example (${closed}) の imaps: 接続できませんでした (アドレス側が接続を拒否しました)`), runs.ja.stdout);
});

test('a server that sends more than the probe reads: the probe stops, and says so', () => {
  const got = results('pop.club.example');
  assert.deepEqual(got.map((r) => r.port).sort((a, b) => a - b), [110, 995]);
  for (const r of got) {
    assert.equal(r.address, mail.longAddress);
    assert.equal(r.outcome, 'too-long', JSON.stringify(r));
    assert.equal(r.greeting, null);
  }
  // Implicit TLS: the handshake and the certificate came before the greeting.
  assert.equal(got.find((r) => r.port === 995).tls.covers, false);
  assert.ok(runs.text.stdout.includes(`- pop3 on pop.club.example (${mail.longAddress}): the server sent more than mxray reads from one connection`), runs.text.stdout);
  assert.ok(runs.ja.stdout.includes(`- pop.club.example (${mail.longAddress}) の pop3: サーバーが 1 回の接続で mxray が読む量を超えて送ってきました`), runs.ja.stdout);
});

test('the results are evidence of the finding about the name, and the verdict says what the probe saw', () => {
  const f = report().findings.find((x) => x.rule === 'mx-target-cname' && x.names[0] === 'mail.club.example.');
  assert.ok(f, JSON.stringify(report().findings.map((x) => x.rule)));
  const steps = f.evidence.filter((s) => s.code === 'probe');
  assert.equal(steps.length, 7);
  const imaps = steps.find((s) => s.params.port === '993');
  assert.deepEqual(
    { service: imaps.params.service, name: imaps.params.name, address: imaps.params.address, outcome: imaps.params.outcome, covers: imaps.params.covers, trust: imaps.params.trust },
    { service: 'imaps', name: 'mail.club.example', address: mail.address, outcome: 'tls', covers: 'true', trust: '' },
  );
  const text = runs.text.stdout;
  const findingAt = text.indexOf('(mx-target-cname)');
  const line = text.indexOf(`imaps on mail.club.example (${mail.address}): TLS (`, findingAt);
  assert.ok(findingAt > 0 && line > findingAt && line < text.indexOf('\nProbe of the mail ports\n'), text);
  // 13 connections: 7 fine, 2 with a certificate for another name, 2 refused, 2 too long.
  assert.match(text, /At the mail ports, 6 of 13 connections did not end in TLS with a trusted certificate for the name/);
  assert.match(runs.ja.stdout, /メール用ポートへの接続 13 件のうち 6 件は、/);
  assert.match(runs.ja.stdout, /メール用ポートへの接続確認\n/);
});

test('a certificate whose issuer the machine does not trust is reported, and the connection still read', () => {
  const r = JSON.parse(runs.untrusted.stdout).probe.results.find((x) => x.name === 'mail.club.example' && x.port === 993);
  assert.equal(r.outcome, 'tls');
  assert.equal(r.tls.covers, true);
  assert.equal(r.tls.trusted, false);
  assert.equal(r.tls.trust_error, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  assert.match(r.greeting, /^\* OK /);
  const en = partsText(probeParts({ service: 'imaps', port: '993', name: 'mail.club.example', address: r.address, provider: '', outcome: 'tls', starttls: 'false', protocol: 'TLSv1.3', names: 'mail.club.example', covers: 'true', trust: r.tls.trust_error }, 'en'), 'en', plain);
  assert.equal(en, `imaps on mail.club.example (${r.address}): TLS (TLSv1.3); the certificate names mail.club.example; it covers the name; it does not chain to a trusted root (its issuer is not known)`);
});

test('the servers saw only the greeting, the capabilities, STARTTLS and goodbye: no login, no mail', () => {
  const postfix = readFileSync(join(mail.dir, 'postfix.out'), 'utf8');
  const sessions = postfix.split('\n').filter((l) => /disconnect from .*commands=/.test(l));
  // 25 and 587 (twice each: once trusted, once not) over TLS, each session's command counts.
  const probed = sessions.filter((l) => / ehlo=/.test(l));
  assert.ok(probed.length >= 8, postfix);
  for (const l of sessions) {
    const counts = l.replace(/^.*disconnect from \S+ /, '');
    assert.match(counts, /^(ehlo=\d+ )?(starttls=\d+ )?(quit=\d+ )?commands=\d+(\/\d+)?$/, l);
  }
  const dovecot = readFileSync(join(mail.dir, 'dovecot.out'), 'utf8');
  const logins = dovecot.split('\n').filter((l) => /-login: .*Disconnected/.test(l));
  assert.ok(logins.length >= 8, dovecot);
  for (const l of logins) assert.match(l, /no auth attempts|before auth was ready/, l);
  assert.doesNotMatch(dovecot, /Login: user=|auth failed/);
});

test('--probe is for one live check; --probe-timeout is bounded', async () => {
  const zone = join(root, 'examples/club-cloudflare-export.txt');
  const offline = await cli(['--zone', zone, '--offline', '--probe']);
  assert.equal(offline.status, 2);
  assert.match(offline.stderr, /--probe needs a live check/);
  const zonesOnly = await cli(['--zone', zone, '--probe']);
  assert.equal(zonesOnly.status, 2);
  const dir = await cli(['--zone-dir', join(root, 'examples'), '--live', '--probe']);
  assert.equal(dir.status, 2);
  const short = await cli(['--domain', 'club.example', '--probe', '--probe-timeout', '50']);
  assert.equal(short.status, 2);
  assert.match(short.stderr, /--probe-timeout takes milliseconds between 100 and 60000: 50/);
  const ja = await cli(['--zone', zone, '--offline', '--probe', '--lang', 'ja']);
  assert.match(ja.stderr, /--probe はライブの検査でだけ使えます/);
});

test('RFC 6125 §6.4: exact names, one left-most wildcard label, CN only without DNS names', () => {
  assert.equal(certificateCovers('mail.club.example', ['MAIL.club.example.']), true);
  assert.equal(certificateCovers('mail.club.example', ['*.club.example']), true);
  assert.equal(certificateCovers('club.example', ['*.club.example']), false); // the wildcard is one label, not none
  assert.equal(certificateCovers('a.mail.club.example', ['*.club.example']), false); // nor two
  assert.equal(certificateCovers('mail.club.example', ['m*.club.example']), false); // partial wildcards: not matched
  assert.equal(certificateCovers('mail.club.example', ['mail.*.example']), false); // only the left-most label
  assert.equal(certificateCovers('club.example', ['*.example']), false); // two labels after the wildcard at least
  assert.equal(certificateCovers('mail.club.example', ['webmail.club.example', 'club.example']), false);
  assert.deepEqual(certificateNames({ subject: { CN: 'mail.club.example' }, subjectaltname: 'DNS:www.club.example, IP Address:127.0.0.1' }).identifiers, ['www.club.example']);
  assert.deepEqual(certificateNames({ subject: { CN: 'mail.club.example' } }).identifiers, ['mail.club.example']);
});

test('a Cloudflare address that never answers, in the words of the issue, and as evidence', () => {
  const report = {
    names: [{ name: 'mail.example.org.', needs: [{ port: 993 }, { port: 8443 }], live: { route: 'proxy', hops: [{ name: 'mail.example.org.', type: 'A', data: '104.21.1.1', provider: 'cloudflare' }, { name: 'mail.example.org.', type: 'A', data: '172.67.1.1', provider: 'cloudflare' }] } }],
    findings: [{ rule: 'mail-host-proxied', severity: 'critical', names: ['mail.example.org.'], evidence: [{ code: 'no-edit', params: { reason: 'follows-from-proxy' } }] }],
  };
  // Only the ports the probe knows, each address once.
  assert.deepEqual(probeTargets(report).map((t) => `${t.service} ${t.address} ${t.provider}`), ['imaps 104.21.1.1 cloudflare', 'imaps 172.67.1.1 cloudflare']);
  const result = (address) => ({ name: 'mail.example.org', port: 993, service: 'imaps', address, provider: 'cloudflare', outcome: 'no-connection', reason: 'timeout', greeting: null, starttls: null, tls: null, ms: 5000, ok: false });
  feedProbe(report, { timeout_ms: 5000, concurrency: 8, truncated: false, results: [result('104.21.1.1'), result('172.67.1.1')] });
  // The two addresses said the same: one step, before the closing no-edit step.
  assert.deepEqual(report.findings[0].evidence.map((s) => s.code), ['probe', 'no-edit']);
  const text = renderReport({ ...report, domain: 'example.org.', mode: 'live', summary: { critical: 1, warning: 0, info: 0 }, fix: {}, verdict: { state: 'broken' } }, { lang: 'en' });
  assert.ok(text.includes('1. imaps on mail.example.org (104.21.1.1, 172.67.1.1, Cloudflare): no connection after 5 s'), text);
  assert.ok(text.includes('- imaps on mail.example.org (104.21.1.1, Cloudflare): no connection after 5 s'), text);
  const ja = renderReport({ ...report, domain: 'example.org.', mode: 'live', summary: { critical: 1, warning: 0, info: 0 }, fix: {}, verdict: { state: 'broken' } }, { lang: 'ja' });
  assert.ok(ja.includes('mail.example.org (104.21.1.1、Cloudflare) の imaps: 5 秒待っても接続できませんでした'), ja);
  assert.ok(ja.includes('1. mail.example.org (104.21.1.1、172.67.1.1、Cloudflare) の imaps: 5 秒待っても接続できませんでした'), ja);
});
