// `mxray check --server ADDR[:PORT]`: the check's questions put to one name server directly
// (www/cli/dns-transport.mjs), here nsd itself on loopback, against the same nsd behind the
// DoH resolver (dnsdist): the same zone must give the same findings either way.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from './lib/run-cli.mjs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zonesIn } from '../resolver/resolver.mjs';
import { serveZones } from './lib/serve-zones.mjs';
import { cliMessage } from '../../www/lib/cli-messages.js';
import { reportMessage } from '../../www/lib/messages.js';
import { cliCore } from '../../www/cli/core.mjs';
import { analyse, authoritativeServer } from '../../www/cli/check.mjs';

const scenario = fileURLToPath(new URL('../scenarios/cpanel-mail-cname/', import.meta.url));
// A zone whose name server has an address on loopback (ns1.auth.test. at 127.0.0.1), for
// --authoritative: nsd listens on a free port, not 53, so the test asks it there.
const AUTH_ZONE = `$ORIGIN auth.test.
$TTL 300
@ IN SOA ns1.auth.test. hostmaster.auth.test. 1 3600 600 86400 300
@ IN NS ns1.auth.test.
ns1 IN A 127.0.0.1
@ IN MX 10 mail.auth.test.
mail IN A 192.0.2.25
@ IN TXT "v=spf1 mx -all"
_dmarc IN TXT "v=DMARC1; p=reject"
`;
let resolver;
let server;
before(async () => {
  resolver = await serveZones({ 'auth.test.': AUTH_ZONE }, { zones: zonesIn(`${scenario}served`), prefix: 'mxray-check-server-' });
  server = `${resolver.do53.host}:${resolver.do53.port}`;
});
after(async () => {
  await resolver?.stop();
});

// Asynchronous (lib/run-cli.mjs): the daemons live in this process's event loop.
const cli = runCli;

const findings = (report) => report.findings.map((f) => `${f.rule} ${f.severity} ${f.names.join(',')}`).sort();

test('check --server asks nsd directly and finds what the check through DoH finds', async () => {
  const doh = await cli(['check', '--domain', 'club.test', '--resolver', resolver.url, '--format', 'json']);
  assert.equal(doh.status, 1, doh.stderr);
  const direct = await cli(['check', '--domain', 'club.test', '--server', server, '--format', 'json']);
  assert.equal(direct.status, 1, direct.stderr);
  const a = JSON.parse(doh.stdout);
  const b = JSON.parse(direct.stdout);
  assert.ok(findings(a).length > 0);
  assert.deepEqual(findings(b), findings(a));
  assert.deepEqual(b.resolver, { url: server, format: 'wire' });
  assert.equal(b.mode, 'live');
  assert.equal(b.verdict.state, a.verdict.state);
  // Every question nsd was asked came back answered with AA: nothing left unknown.
  assert.equal(b.stats.questions, a.stats.questions);
  // With the zone too: the same findings as the zone and DoH together.
  const zone = `${scenario}input/club.test-export.txt`;
  const both = await cli(['check', '--zone', zone, '--domain', 'club.test', '--server', server, '--format', 'json']);
  const bothDoh = await cli(['check', '--zone', zone, '--domain', 'club.test', '--resolver', resolver.url, '--format', 'json']);
  assert.equal(both.status, 1, both.stderr);
  assert.deepEqual(findings(JSON.parse(both.stdout)), findings(JSON.parse(bothDoh.stdout)));
});

test('check --server: a domain the server does not hold is could-not-tell (exit 3), never fine', async () => {
  const r = await cli(['check', '--domain', 'other.test', '--server', server, '--format', 'json']);
  assert.equal(r.status, 3, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.equal(report.verdict.state, 'could-not-tell');
  assert.deepEqual(report.resolver, { url: server, format: 'wire' });
  // The unknown facts say why: nsd refuses a zone it does not serve (a server that answered
  // without the AA bit would give not-authoritative); every question the check asked is unknown.
  const unknown = report.verdict.unknown;
  assert.equal(unknown.length, report.stats.questions);
  assert.ok(unknown.some((u) => u.name === 'other.test.' && u.type === 'MX'));
  assert.ok(unknown.every((u) => ['refused', 'not-authoritative'].includes(u.reason.code)), JSON.stringify(unknown[0]));
  assert.deepEqual(report.findings, []);
  // The text report in both languages opens with "could not check": no answer, so nothing looked at.
  for (const lang of ['en', 'ja']) {
    const t = await cli(['check', '--domain', 'other.test', '--server', server, '--lang', lang]);
    assert.equal(t.status, 3, t.stderr);
    assert.ok(t.stdout.startsWith(reportMessage('report.verdictSawNothing', lang, { domain: 'other.test' })), t.stdout.slice(0, 200));
  }
});

test('check --server refuses --zone-dir, a name or a bad address, and a check without DNS (exit 2)', async () => {
  for (const lang of ['en', 'ja']) {
    const dir = await cli(['check', '--zone-dir', scenario, '--server', server, '--lang', lang]);
    assert.equal(dir.status, 2);
    assert.ok(dir.stderr.includes(cliMessage('checkServer.zone-dir', lang)), dir.stderr);
    for (const bad of ['ns1.example', '127.0.0.1:0', '127.0.0.1:99999', '']) {
      const r = await cli(['check', '--domain', 'club.test', '--server', bad, '--lang', lang]);
      assert.equal(r.status, 2, bad);
      assert.ok(r.stderr.includes(cliMessage('checkServer.bad-server', lang, { value: bad })), r.stderr);
    }
    const offline = await cli(['check', '--zone', `${scenario}input/club.test-export.txt`, '--server', server, '--lang', lang]);
    assert.equal(offline.status, 2);
    assert.ok(offline.stderr.includes(cliMessage('checkServer.needs-live', lang)), offline.stderr);
  }
  // The usage text names the option, in both languages.
  for (const lang of ['en', 'ja']) {
    const help = await cli(['check', '--help', '--lang', lang]);
    assert.equal(help.status, 0);
    assert.ok(help.stdout.includes(cliMessage('checkServer.usage', lang)));
  }
});

test('check --authoritative finds the NS and its address through DoH and asks the first that answers', async () => {
  const { core, error } = await cliCore('en');
  assert.equal(error, undefined);
  const doh = { url: resolver.url, format: 'wire' };
  // nsd's own port stands for 53: the server found is ns1.auth.test. at 127.0.0.1 there.
  const found = await authoritativeServer(core, 'auth.test', doh, { timeoutMs: 2000, port: resolver.do53.port });
  assert.equal(found.error, undefined, JSON.stringify(found));
  assert.equal(found.host, 'ns1.auth.test.');
  assert.equal(found.address, '127.0.0.1');
  assert.equal(found.target.url, server);
  // The check through that server finds what the check through DoH finds, nothing unknown.
  const direct = (await analyse(core, { domain: 'auth.test', live: true, resolver: found.target, timeout: 2000, authoritative: true })).report;
  const viaDoh = (await analyse(core, { domain: 'auth.test', live: true, resolver: doh, timeout: 2000 })).report;
  assert.deepEqual(direct.resolver, { url: server, format: 'wire' });
  assert.deepEqual(direct.verdict.unknown, []);
  assert.equal(direct.verdict.state, viaDoh.verdict.state);
  assert.deepEqual(findings(direct), findings(viaDoh));
  // club.test's NS (ada and bob.ns.cloudflare.com.) have no address this resolver knows.
  const none = await authoritativeServer(core, 'club.test', doh, { timeoutMs: 2000, port: resolver.do53.port });
  assert.equal(none.error, 'checkServer.none-answered');
  assert.match(none.values.detail, /ada\.ns\.cloudflare\.com\./);
  // A domain without NS: the resolver's words for it.
  const noNs = await authoritativeServer(core, 'other.test', doh, { timeoutMs: 2000 });
  assert.equal(noNs.error, 'server.no-ns');
});

test('check --authoritative on the command line: port 53 of 127.0.0.1 gives no authoritative answer (exit 2, the servers named)', async () => {
  for (const lang of ['en', 'ja']) {
    const r = await cli(['check', '--authoritative', '--resolver', resolver.url, '--timeout', '300', '--domain', 'auth.test', '--lang', lang]);
    assert.equal(r.status, 2, r.stderr);
    assert.ok(r.stderr.includes(cliMessage('checkServer.none-answered', lang, { value: 'auth.test.', detail: 'ns1.auth.test. (127.0.0.1:53)' })), r.stderr);
    const both = await cli(['check', '--authoritative', '--server', server, '--domain', 'auth.test', '--lang', lang]);
    assert.equal(both.status, 2);
    assert.ok(both.stderr.includes(cliMessage('checkServer.server-and-authoritative', lang)), both.stderr);
    const dirRun = await cli(['check', '--authoritative', '--zone-dir', scenario, '--lang', lang]);
    assert.equal(dirRun.status, 2);
    assert.ok(dirRun.stderr.includes(cliMessage('checkServer.zone-dir', lang)), dirRun.stderr);
  }
});

// Where the check or verify asked a name server directly, the words say "name server", never
// "resolver": the reasons of the unknown facts and what to try instead (cli-messages.js
// nameServer), EN and JA.
const RESOLVER_WORD = { en: /resolver/i, ja: /リゾルバ/ };

test('check --server: the words of the report say name server, not resolver (EN and JA)', async () => {
  for (const lang of ['en', 'ja']) {
    const r = await cli(['check', '--domain', 'other.test', '--server', server, '--lang', lang]);
    assert.equal(r.status, 3, r.stderr);
    // nsd refuses a zone it does not serve: each unknown fact says the name server refused.
    const refused = cliMessage('nameServer.reasons.refused', lang);
    assert.ok(refused.includes(lang === 'ja' ? 'ネームサーバー' : 'name server'), refused);
    const sep = lang === 'ja' ? '。' : '; ';
    assert.ok(r.stdout.includes(`other.test MX: ${refused}${sep}`), r.stdout.slice(0, 1200));
    assert.ok(r.stdout.includes(cliMessage('nameServer.other', lang)), r.stdout.slice(0, 1200));
    assert.doesNotMatch(r.stdout, RESOLVER_WORD[lang]);
    // The same question through the DoH resolver keeps the resolver's words.
    const doh = await cli(['check', '--domain', 'other.test', '--resolver', resolver.url, '--lang', lang]);
    assert.match(doh.stdout, RESOLVER_WORD[lang]);
    assert.ok(!doh.stdout.includes(cliMessage('nameServer.other', lang)));
  }
});

test('verify: an authoritative server asked directly is named a name server in its line (EN and JA)', async () => {
  const expect = join(resolver.zoneDir, 'check.json');
  writeFileSync(expect, JSON.stringify({ fix: { edits: [{ op: 'replace', zone: 0, name: 'mail.other.test.', type: 'A', data: '203.0.113.25', proxied: false }] } }));
  for (const lang of ['en', 'ja']) {
    const r = await cli(['verify', 'other.test', '--expect', expect, '--server', server, '--resolver', resolver.url, '--lang', lang]);
    assert.equal(r.status, 3, r.stdout + r.stderr);
    const line = r.stdout.split('\n').find((l) => l.includes(cliMessage('verify.authoritative', lang, { server })));
    assert.ok(line, r.stdout);
    assert.ok(line.endsWith(cliMessage('verify.could-not-ask', lang, { reason: cliMessage('nameServer.reasons.refused', lang) })), line);
    assert.doesNotMatch(line, RESOLVER_WORD[lang]);
  }
});
