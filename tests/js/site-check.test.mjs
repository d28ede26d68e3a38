// The check flow (www/lib/check.js) as the website runs it, in Node: every scenario's
// offline findings and corrected zones, the big texts taken out of the
// report, exact bytes for a file that is not UTF-8, errors as codes, cancel,
// and a live check against the real resolver on loopback.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCore } from '../../www/lib/core-node.js';
import { CheckError, MAX_INPUT_BYTES, normaliseDomain, runCheck } from '../../www/lib/check.js';
import { zoneDomain } from '../../www/lib/zone-input.js';
import { startResolver, zonesIn } from '../resolver/resolver.mjs';

const scenarios = fileURLToPath(new URL('../scenarios/', import.meta.url));
const seed = fileURLToPath(new URL('../../examples/club-cloudflare-export.txt', import.meta.url));
let core;
before(async () => {
  core = await loadCore();
});

const fileOf = (path) => ({ name: basename(path), bytes: new Uint8Array(readFileSync(path)) });
const lines = (report) => report.findings.map((f) => `${f.rule} ${f.severity} ${f.names[0]}`).sort();
const text = (t) => Buffer.from(typeof t === 'string' ? t : t).toString('latin1');

test('every scenario offline: the findings, and each corrected zone as a file to download', async () => {
  let count = 0;
  for (const name of readdirSync(scenarios)) {
    const dir = `${scenarios}${name}/`;
    if (!existsSync(`${dir}scenario.json`)) continue;
    const sc = JSON.parse(readFileSync(`${dir}scenario.json`, 'utf8'));
    if (!sc.expect.offline) continue;
    const files = sc.zones.map((z) => fileOf(`${dir}${z}`));
    const { report, files: out } = await runCheck(core, { sources: files });
    assert.deepEqual(lines(report), [...sc.expect.offline].sort(), name);
    assert.equal(report.mode, 'offline');
    sc.zones.forEach((z, i) => {
      assert.equal(report.fix.zones[i].text, undefined, `${name}: the text left the report`);
      let got = out.zones[i].text;
      let want = `${dir}expected/${basename(z)}`;
      if ((report.fix.zones[i].skipped ?? []).some((s) => s.why === 'format')) {
        got = out.cloudflareImport; // the records to add (scenarios.test.mjs)
        want += '.import.txt';
      }
      const expected = existsSync(want) ? readFileSync(want) : files[i].bytes;
      assert.equal(text(got), text(expected), `${name}: ${z} corrected`);
    });
    count++;
  }
  assert.ok(count >= 30, `${count} scenarios`);
});

test('the seed example: diff of the changed zone, import file, progress by chunk', async () => {
  const progress = [];
  const { report, files } = await runCheck(core, { sources: [fileOf(seed)], onProgress: (p) => progress.push(p.stage) });
  assert.equal(report.summary.critical, 2);
  assert.equal(files.diff.length, 1);
  // The files are the core's bytes.
  assert.match(text(files.diff[0]), /^-mail\.club\.example\.\t1\tIN\tCNAME\tclub\.example\./m);
  assert.equal(report.fix.cloudflare_import, true);
  assert.match(text(files.cloudflareImport), /cf_tags=cf-proxied:false/);
  assert.deepEqual(progress, ['read', 'report']);
  assert.equal(report.resolver, null);
  assert.deepEqual(Object.keys(report.timings), ['read_ms', 'dns_ms', 'report_ms', 'total_ms', 'dns_questions']);
  assert.ok(report.timings.total_ms >= 0);
  assert.equal(report.timings.dns_questions, 0);
});

test('a zone that is not UTF-8 comes back byte for byte', async () => {
  const utf8 = readFileSync(seed);
  // A Latin-1 comment (0xE9) on a line the fix does not touch.
  const bytes = new Uint8Array(Buffer.concat([utf8, Buffer.from([0x3b, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x0a])]));
  const { files } = await runCheck(core, { sources: [{ name: 'latin1.txt', bytes }] });
  const out = files.zones[0].text;
  assert.ok(out instanceof Uint8Array);
  assert.equal(out.at(-2), 0xe9);
  assert.ok(files.diff[0] instanceof Uint8Array);
  assert.ok(files.cloudflareImport instanceof Uint8Array);
});

test('problems come back as codes the site has words for', async () => {
  const fail = async (job, code) => {
    await assert.rejects(runCheck(core, job), (e) => e instanceof CheckError && e.code === code, code);
  };
  await fail({}, 'no-input');
  await fail({ sources: [{ name: 'big', bytes: { length: MAX_INPUT_BYTES + 1 } }] }, 'too-large');
  await fail({ domain: 'club.test', resolver: 'http://127.0.0.1/dns-query' }, 'resolver.not-https');
  await fail({ domain: 'club.test', resolver: 'opendns' }, 'resolver.unknown-resolver');
  await fail({ domain: 'not a domain!' }, 'bad-domain');
  await fail({ domain: 'localhost' }, 'bad-domain');
  await fail({ sources: [fileOf(seed)], origin: 'mail.example' }, 'bad-origin');
  // A zone without a name and no domain typed.
  await fail({ sources: [{ name: 'x.txt', bytes: new TextEncoder().encode('www 300 IN A 192.0.2.1\n') }] }, 'session.no-domain');
});

test('offline with a domain: it names a zone that does not say its own, and no DNS is asked', async () => {
  const zone = new TextEncoder().encode('$TTL 300\n@ IN SOA ns1 hostmaster 1 2 3 4 5\n@ IN NS ns1\nns1 IN A 192.0.2.53\n@ IN MX 10 mail\nmail IN A 192.0.2.25\n');
  const fetch = () => assert.fail('no DNS may be asked');
  const { report } = await runCheck(core, { sources: [{ name: 'zone.txt', bytes: zone }], domain: 'named.test', offline: true, fetch });
  assert.equal(report.mode, 'offline');
  assert.equal(report.domain, 'named.test.');
  assert.deepEqual(report.diagnostics, []);
  assert.equal(report.stats.records, 5);
});

test('a parse problem is a diagnostic with its line and column, and the rest is checked', async () => {
  const zone = readFileSync(seed, 'utf8').replace('ftp.club.example.\t1\tIN\tA\t203.0.113.25', 'ftp.club.example.\t1\tIN\tA\t203.0.113.999');
  const { report } = await runCheck(core, { sources: [{ name: 'bad.txt', bytes: new TextEncoder().encode(zone) }] });
  assert.equal(report.diagnostics.length, 1);
  assert.equal(report.diagnostics[0].code, 'bad-ipv4');
  assert.equal(report.diagnostics[0].line, 21);
  assert.ok(report.diagnostics[0].column > 1);
  assert.equal(report.summary.critical, 2);
});

test('a source\'s includes answers its $INCLUDE lines; without one, each is include-not-found', async () => {
  const enc = new TextEncoder();
  const main = enc.encode('$ORIGIN inc.test.\n@ 300 IN SOA ns1 h 1 2 3 4 5\n@ IN NS ns1\nns1 IN A 192.0.2.1\n$INCLUDE mail.inc\n');
  const asked = [];
  const includes = (path) => {
    asked.push(path);
    return enc.encode('@ IN MX 10 mail\nmail IN A 192.0.2.25\n');
  };
  const withIncludes = await runCheck(core, { sources: [{ name: 'main.zone', bytes: main, includes }] });
  assert.deepEqual(asked, ['mail.inc']);
  assert.deepEqual(withIncludes.report.inputs.zones[0].files, ['main.zone', 'mail.inc']);
  assert.equal(withIncludes.report.stats.records, 5);
  assert.deepEqual(withIncludes.report.diagnostics, []);
  const without = await runCheck(core, { sources: [{ name: 'main.zone', bytes: main }] });
  assert.equal(without.report.stats.records, 3);
  assert.deepEqual(without.report.diagnostics.map((d) => `${d.line} ${d.code} ${d.token}`), ['5 include-not-found mail.inc']);
});

test('the command line\'s options: the domain as given, the zones\' summaries, no fix bytes, live decided by the shell', async () => {
  // Given as is, a bad name reaches the core, whose words name it (session.bad-domain).
  await assert.rejects(
    runCheck(core, { sources: [fileOf(seed)], domain: 'bad..name', domainAsGiven: true, live: false }),
    (e) => e instanceof CheckError && e.code === 'session.bad-domain' && e.cause?.code === 'bad-domain',
  );
  const zone = readFileSync(seed, 'utf8').replace('ftp.club.example.\t1\tIN\tA\t203.0.113.25', 'ftp.club.example.\t1\tIN\tA\t203.0.113.999');
  const fetch = () => assert.fail('no DNS may be asked');
  const r = await runCheck(core, { sources: [{ name: 'bad.txt', bytes: new TextEncoder().encode(zone) }], domain: 'club.example', domainAsGiven: true, live: false, fixBytes: false, zoneSummaries: true, fetch });
  assert.equal(r.report.mode, 'offline');
  assert.equal(r.files, null);
  assert.equal(r.zoneSummaries.length, 1);
  assert.deepEqual(r.zoneSummaries[0].files, ['bad.txt']);
  assert.deepEqual(r.zoneSummaries[0].diagnostics.map((d) => d.code), ['bad-ipv4']);
});

test('an aborted check stops with the signal\'s reason', async () => {
  const ac = new AbortController();
  ac.abort(new Error('stop'));
  await assert.rejects(runCheck(core, { sources: [fileOf(seed)], signal: ac.signal }), /stop/);
});

test('normaliseDomain: what people type becomes a host name', () => {
  assert.equal(normaliseDomain(' Example.COM. '), 'example.com');
  assert.equal(normaliseDomain('https://www.example.com/path?q=1'), 'www.example.com');
  assert.equal(normaliseDomain('user@example.com'), 'example.com');
  assert.equal(normaliseDomain('例え.jp'), 'xn--r8jz45g.jp');
  assert.equal(normaliseDomain('_dmarc.example.com'), '_dmarc.example.com');
  assert.equal(normaliseDomain(''), '');
  for (const bad of ['exa mple.com', 'com', 'a..b', '-a.com', `${'x'.repeat(64)}.com`, 'http://[::1]/']) assert.equal(normaliseDomain(bad), null, bad);
});

test('zoneDomain: $ORIGIN, the Cloudflare header, an absolute SOA owner, a zone file name', () => {
  assert.deepEqual(zoneDomain('$ORIGIN a.test.\n'), { domain: 'a.test.', stated: true });
  assert.deepEqual(zoneDomain(';; Domain:     b.test.\n'), { domain: 'b.test.', stated: true });
  assert.deepEqual(zoneDomain('c.test. 3600 IN SOA ns. h. 1 2 3 4 5\n'), { domain: 'c.test.', stated: false });
  assert.deepEqual(zoneDomain('www A 192.0.2.1\n', 'd.test.db'), { domain: 'd.test', stated: false });
  assert.deepEqual(zoneDomain('www A 192.0.2.1\n', 'club.example-export.txt'), { domain: '', stated: false });
  // Cloudflare's exports of about 2016 to 2018: "$ORIGIN ." names no domain; the header does.
  assert.deepEqual(zoneDomain('$ORIGIN .\n;; Domain:     old.test.\nold.test.\t1\tIN\tMX\t10 mail.old.test.\n'), { domain: 'old.test.', stated: true });
});

describeLive();
function describeLive() {
  let resolver;
  const dir = `${scenarios}cpanel-mail-cname/`;
  before(async () => {
    resolver = await startResolver({ zones: zonesIn(`${dir}served`) });
  });
  after(async () => {
    await resolver?.stop();
  });
  test('live and both against the resolver on loopback, with progress by round', async () => {
    const sc = JSON.parse(readFileSync(`${dir}scenario.json`, 'utf8'));
    const progress = [];
    const live = await runCheck(core, { domain: sc.domain, resolver: resolver.url, onProgress: (p) => p.stage === 'dns' && progress.push(p) });
    assert.deepEqual(lines(live.report), [...sc.expect.live].sort());
    assert.equal(live.report.mode, 'live');
    assert.equal(live.report.resolver.url, resolver.url);
    assert.ok(live.report.timings.dns_questions > 0);
    assert.equal(live.report.timings.dns_questions, live.report.stats.questions);
    assert.ok(progress.some((p) => p.round === 1 && p.answered === p.total));
    assert.equal(Math.max(...progress.map((p) => p.round)), sc.depth);
    const both = await runCheck(core, { domain: sc.domain, resolver: resolver.url, sources: sc.zones.map((z) => fileOf(`${dir}${z}`)) });
    assert.deepEqual(lines(both.report), [...sc.expect.both].sort());
    assert.equal(both.report.mode, 'both');
  });
}
