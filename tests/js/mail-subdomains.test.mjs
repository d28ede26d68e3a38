// Live, the names the uploaded zone shows receiving or sending mail below the domain (an MX or
// SPF owner) get their MX and TXT asked too, and the same SPF and MX rules run on what the
// resolver answers (core/session ask_mail_name). Through the real nsd + dnsdist harness on
// loopback (tests/resolver): the zone served differs from the zone uploaded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { loadCore } from '../../www/lib/core-node.js';
import { runCheck } from '../../www/lib/check.js';
import { serveZones } from './lib/serve-zones.mjs';

// What nsd serves: news.club.test has an MX to a name without an address, and no SPF.
const served = `$ORIGIN club.test.
$TTL 300
@ IN SOA ns1.club.test. hostmaster.club.test. 1 7200 3600 1209600 300
@ IN NS ns1.club.test.
ns1 IN A 127.0.0.1
@ IN A 203.0.113.10
@ IN MX 10 mail.club.test.
@ IN TXT "v=spf1 mx -all"
mail IN A 203.0.113.10
_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@club.test"
news IN A 203.0.113.20
news IN MX 10 gone.news.club.test.
`;
// What the user uploads: the zone as it should be, with news's MX and SPF.
const uploaded = served.replace('news IN MX 10 gone.news.club.test.\n', 'news IN MX 10 mx.news.club.test.\nnews IN TXT "v=spf1 mx -all"\nmx.news IN A 203.0.113.20\n');

let core;
let resolver;
before(async () => {
  core = await loadCore();
  resolver = await serveZones({ 'club.test.': served }, { prefix: 'mxray-mail-sub-' });
});
after(async () => {
  await resolver?.stop();
});

test('live: news.club.test MX and TXT are asked, and its live SPF and MX are checked', async () => {
  const sources = [{ name: 'club.test.zone', bytes: new TextEncoder().encode(uploaded) }];
  const offline = await runCheck(core, { sources, domain: 'club.test', offline: true });
  const names = (r) => r.findings.map((f) => `${f.rule} ${f.names[0]}`);
  assert.ok(!names(offline.report).includes('spf-missing news.club.test.'), 'the uploaded zone gives news an SPF record');
  const live = await runCheck(core, { sources, domain: 'club.test', resolver: resolver.url, timeoutMs: 3000 });
  const found = names(live.report);
  // Live DNS has no SPF at news: the same rule on the live answer.
  assert.ok(found.includes('spf-missing news.club.test.'), found.join('\n'));
  // Live DNS points news's MX at a name with no address.
  assert.ok(found.includes('mx-target-missing gone.news.club.test.'), found.join('\n'));
  const mx = live.report.findings.find((f) => f.rule === 'mx-target-missing' && f.names[0] === 'gone.news.club.test.');
  const step = mx.evidence.find((e) => e.code === 'mx-of');
  assert.equal(step?.params.from, 'news.club.test.');
  assert.equal(step?.params.source, 'live');
});

// Live alone (no zone): the names below the domain that the live answers reveal (an MX
// exchange, SPF include/a: names, a DMARC report domain) and the fixed sending names (send, mg:
// docs/sources.md#sending-subdomains) get their MX and TXT asked; the same MX and SPF rules run on
// those that receive or send mail; a name that does not exist yields nothing.
const discovered = `$ORIGIN disc.test.
$TTL 300
@ IN SOA ns1.disc.test. hostmaster.disc.test. 1 7200 3600 1209600 300
@ IN NS ns1.disc.test.
ns1 IN A 127.0.0.1
@ IN A 203.0.113.30
@ IN MX 10 mx.disc.test.
@ IN TXT "v=spf1 include:_spf.disc.test a:out.disc.test -all"
_spf IN TXT "v=spf1 ip4:203.0.113.30 -all"
mx IN A 203.0.113.30
out IN A 203.0.113.31
_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:d@reports.disc.test"
reports IN MX 10 mx.disc.test.
mg IN MX 10 in.mg.disc.test.
`;

test('live alone: mail subdomains are discovered from the answers and the sending names, and checked', async () => {
  const r = await serveZones({ 'disc.test.': discovered }, { prefix: 'mxray-mail-disc-' });
  try {
    const live = await runCheck(core, { domain: 'disc.test', resolver: r.url, timeoutMs: 3000 });
    const found = live.report.findings.map((f) => `${f.rule} ${f.names[0]}`);
    // mg (Mailgun's sending name) receives mail at a name with no address, and has no SPF.
    assert.ok(found.includes('mx-target-missing in.mg.disc.test.'), found.join('\n'));
    assert.ok(found.includes('spf-missing mg.disc.test.'), found.join('\n'));
    // The DMARC report domain receives mail and publishes no SPF.
    assert.ok(found.includes('spf-missing reports.disc.test.'), found.join('\n'));
    // send. does not exist; out. (an SPF a: host) and mx. (the MX exchange) neither receive nor send mail.
    for (const name of ['send.disc.test.', 'out.disc.test.', 'mx.disc.test.', '_spf.disc.test.'])
      assert.ok(!live.report.findings.some((f) => f.names.includes(name) && f.rule !== 'mx-target-proxied'), `${name}: ${found.join('\n')}`);
  } finally {
    await r.stop();
  }
});
