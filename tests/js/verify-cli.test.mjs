// `mxray verify` (www/cli/verify.mjs) live: nsd behind a real caching
// Unbound behind dnsdist (tests/resolver, cache: true). The fix takes
// mail.vfy.test off a proxy address (104.21.1.1) onto the origin
// (203.0.113.25, DNS only); the zone's TTLs are 3 s.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startResolver } from '../resolver/resolver.mjs';
import { expectationsFromReport, verifyRecord } from '../../www/lib/verify.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

const zone = (serial, address, ttl = 3) => `$ORIGIN vfy.test.
$TTL ${ttl}
@ IN SOA ns1.vfy.test. hostmaster.vfy.test. ${serial} 3600 600 86400 3
@ IN NS ns1.vfy.test.
ns1 IN A 127.0.0.1
@ IN MX 10 mail.vfy.test.
mail IN A ${address}
`;

// What `mxray check --format json` writes of the fix (docs/report.md fix.edits[]).
const expectJson = {
  fix: {
    edits: [
      { op: 'replace', zone: 0, name: 'mail.vfy.test.', type: 'A', data: '203.0.113.25', proxied: false },
    ],
  },
};

function run(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['www/cli/mxray.mjs', 'verify', ...args], { cwd: root, env: { ...process.env, LANG: 'C', LC_ALL: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

test('verify live: not yet served, seen by some while Unbound caches, seen everywhere after the TTL; --watch ends by itself', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mxray-verify-cli-'));
  const file = join(dir, 'vfy.test.zone');
  const expect = join(dir, 'check.json');
  writeFileSync(file, zone(1, '104.21.1.1'));
  writeFileSync(expect, JSON.stringify(expectJson));
  const r = await startResolver({ zones: [{ origin: 'vfy.test.', file }], cache: true });
  const args = ['vfy.test', '--expect', expect, '--server', `${r.do53.host}:${r.do53.port}`, '--resolver', r.url];
  try {
    const before = await run(args); // also fills Unbound's cache with the old address
    assert.equal(before.code, 1, before.stdout + before.stderr);
    assert.match(before.stdout, /mail\.vfy\.test A 203\.0\.113\.25 \(DNS only\)/);
    assert.match(before.stdout, /old answer \(104\.21\.1\.1\)/);
    assert.match(before.stdout, /not yet served by the authoritative servers/);

    writeFileSync(file, zone(2, '203.0.113.25'));
    await r.reload();
    const during = await run([...args, '--format', 'json']);
    assert.equal(during.code, 1, during.stdout + during.stderr);
    const j = JSON.parse(during.stdout);
    assert.equal(j.state, 'seen-by-some', during.stdout);
    assert.equal(j.records[0].authoritative[0].matches, true);
    assert.ok(j.time_left >= 1 && j.time_left <= 3, `time left ${j.time_left}`);

    await new Promise((res) => setTimeout(res, (j.time_left + 1) * 1000));
    const after = await run(args);
    assert.equal(after.code, 0, after.stdout + after.stderr);
    assert.match(after.stdout, /serves it/);
    assert.match(after.stdout, /verify vfy\.test: seen everywhere/);

    // Watch: back to the old address (TTL 8 s, longer than a start of the CLI) and again to the new one.
    writeFileSync(file, zone(3, '104.21.1.1', 8));
    await r.reload();
    await new Promise((res) => setTimeout(res, 4000)); // the 3 s answer cached above runs out
    const old = await run(args); // Unbound caches the old address again, for 8 s
    assert.equal(old.code, 1, old.stdout);
    writeFileSync(file, zone(4, '203.0.113.25', 8));
    await r.reload();
    const t0 = Date.now();
    const watched = await run([...args, '--watch', '1', '--watch-limit', '60']);
    assert.equal(watched.code, 0, watched.stdout + watched.stderr);
    assert.match(watched.stdout, /seen by some: everywhere within \d s/);
    assert.match(watched.stdout, /verify vfy\.test: seen everywhere/);
    assert.ok(Date.now() - t0 < 30000);

    // An unreachable resolver: unknown, exit 3, never 0.
    const dead = await run(['vfy.test', '--expect', expect, '--server', `${r.do53.host}:${r.do53.port}`, '--resolver', 'https://127.0.0.1:9/dns-query', '--timeout', '1000']);
    assert.equal(dead.code, 3, dead.stdout + dead.stderr);
    assert.match(dead.stdout, /could not ask/);
  } finally {
    await r.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

// A record added after Unbound cached its absence: the resolver's cached "no
// such record" shows the time left on it (the SOA's MINIMUM, 30 s, below its
// TTL of 60 s: RFC 2308 §5). And a DNS-only address that is neither the fix's
// nor the proxy's is "serves something else", shown.
const negZone = (serial, extra) => `$ORIGIN neg.test.
$TTL 60
@ IN SOA ns1.neg.test. hostmaster.neg.test. ${serial} 3600 600 86400 30
@ IN NS ns1.neg.test.
ns1 IN A 127.0.0.1
@ IN MX 10 mail.neg.test.
mail IN A 192.0.2.77
${extra}
`;

test('verify live: a record added after Unbound cached its absence shows the negative TTL left; another address is something else', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mxray-verify-neg-'));
  const file = join(dir, 'neg.test.zone');
  const expect = join(dir, 'check.json');
  writeFileSync(file, negZone(1, ''));
  writeFileSync(expect, JSON.stringify({
    fix: {
      edits: [
        { op: 'add', zone: 0, name: 'new.neg.test.', type: 'A', data: '203.0.113.30', proxied: false },
        { op: 'replace', zone: 0, name: 'mail.neg.test.', type: 'A', data: '203.0.113.25', proxied: false },
      ],
    },
  }));
  const r = await startResolver({ zones: [{ origin: 'neg.test.', file }], cache: true });
  const args = ['neg.test', '--expect', expect, '--server', `${r.do53.host}:${r.do53.port}`, '--resolver', r.url];
  try {
    const before = await run(args); // Unbound caches that new.neg.test does not exist
    assert.equal(before.code, 1, before.stdout + before.stderr);
    assert.match(before.stdout, /new\.neg\.test A 203\.0\.113\.30 \(DNS only\)\n {2}authoritative [^\n]*: no such record\n/);
    // mail.neg.test: neither the fix's address nor the proxy's.
    assert.match(before.stdout, /mail\.neg\.test A 203\.0\.113\.25 \(DNS only\)\n {2}authoritative [^\n]*: serves something else \(192\.0\.2\.77\)\n/);
    assert.match(before.stdout, /→ served otherwise: the authoritative servers answer with an address that is neither the fix's nor the proxy's/);

    writeFileSync(file, negZone(2, 'new IN A 203.0.113.30'));
    await r.reload();
    const during = await run(args);
    assert.equal(during.code, 1, during.stdout + during.stderr);
    const lines = during.stdout.split('\n');
    const at = lines.findIndex((l) => l.startsWith('new.neg.test A'));
    assert.match(lines[at + 1], /^ {2}authoritative .*: serves it$/);
    const cached = /^ {2}\S+: no such record, (\d+) s left$/.exec(lines[at + 2]);
    assert.ok(cached, during.stdout);
    const left = Number(cached[1]);
    assert.ok(left >= 1 && left <= 30, `time left ${left}: the SOA MINIMUM (30) bounds it, not its TTL (60)`);
    assert.match(lines[at + 3], new RegExp(`→ seen by some: everywhere within (\\d+) s`));
    assert.ok(Number(/within (\d+) s/.exec(lines[at + 3])[1]) >= left);
    // The same in JSON and in Japanese.
    const j = JSON.parse((await run([...args, '--format', 'json'])).stdout);
    const added = j.records.find((x) => x.name === 'new.neg.test.');
    assert.equal(added.state, 'seen-by-some');
    assert.deepEqual([added.resolvers[0].answer, added.resolvers[0].records], ['no-record', []]);
    assert.ok(added.resolvers[0].ttl >= 1 && added.resolvers[0].ttl <= 30, JSON.stringify(added.resolvers[0]));
    assert.equal(j.records.find((x) => x.name === 'mail.neg.test.').state, 'serves-something-else');
    const ja = await run([...args, '--lang', 'ja']);
    assert.match(ja.stdout, /: レコードなし、残り \d+ 秒\n/);
    assert.match(ja.stdout, /: 別の応答 \(192\.0\.2\.77\)\n/);
  } finally {
    await r.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('verify: a bad --expect file is exit 2 with the file named', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mxray-verify-cli-'));
  try {
    const bad = join(dir, 'broken.json');
    writeFileSync(bad, '{"fix": ');
    const r = await run(['vfy.test', '--expect', bad]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /broken\.json: not the JSON of mxray check/);
    const empty = join(dir, 'empty.json');
    writeFileSync(empty, '{"fix": {"edits": []}}');
    const e = await run(['vfy.test', '--expect', empty, '--lang', 'ja']);
    assert.equal(e.code, 2);
    assert.match(e.stderr, /empty\.json: このチェックには確かめる変更がありません/);
    const none = await run(['vfy.test']);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /--expect FILE/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('expectations from a check: added present, removed absent, DNS-only A exactly the expected addresses, unknown data never seen', () => {
  const ex = expectationsFromReport({
    fix: {
      edits: [
        { op: 'replace', name: 'mail.club.test.', type: 'A', data: '203.0.113.25', proxied: false },
        { op: 'remove', name: 'club.test', type: 'mx', data: '10 club.test.' },
        { op: 'add', name: 'club.test.', type: 'MX', data: '10 mail.club.test.' },
        { op: 'set-dns-only', name: 'www.club.test.', type: 'A', data: '{origin-ipv4}', placeholder: 'origin-ipv4', proxied: false },
      ],
    },
  });
  assert.deepEqual(ex.map((e) => [e.name, e.type, e.present, e.absent, e.exact, e.unknowable]), [
    ['mail.club.test.', 'A', ['203.0.113.25'], [], true, false],
    ['club.test.', 'MX', ['10 mail.club.test.'], ['10 club.test.'], false, false],
    ['www.club.test.', 'A', [], [], true, true],
  ]);
  const fact = (...data) => ({ state: 'answered', rcode: 'NOERROR', records: data.map((d) => ({ data: d, ttl: 60 })) });
  const at = (e, auth, res) => verifyRecord(e, { authoritative: [{ source: 'ns', fact: auth }], resolvers: [{ source: 'r', fact: res }] }).state;
  // The proxy's address beside the origin's is the old answer.
  assert.equal(at(ex[0], fact('203.0.113.25'), fact('203.0.113.25', '104.21.1.1')), 'seen-by-some');
  assert.equal(at(ex[0], fact('203.0.113.25'), fact('203.0.113.25')), 'seen-everywhere');
  // The MX set may hold other records; the removed one must be gone.
  assert.equal(at(ex[1], fact('10 mail.club.test.', '20 backup.test.'), fact('10 mail.club.test.', '10 club.test.')), 'seen-by-some');
  assert.equal(at(ex[1], fact('10 club.test.'), fact('10 club.test.')), 'not-yet-served');
  assert.equal(at(ex[2], fact('192.0.2.1'), fact('192.0.2.1')), 'unknown');
  assert.throws(() => expectationsFromReport({ fix: { edits: [] } }), (e) => e.code === 'no-edits');
  assert.throws(() => expectationsFromReport(null), (e) => e.code === 'no-edits');
});

// --expect with the corrected zone itself (here written as a Cloudflare export with cf_tags):
// every record set in it must be served as written; a proxied one as the proxy's addresses.
test('verify --expect ZONE: every record set of the corrected zone, a proxied one as the proxy’s addresses', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mxray-verify-zone-'));
  const file = join(dir, 'vfz.test.zone');
  const served = (mail) => `$ORIGIN vfz.test.
$TTL 3
@ IN SOA ns1.vfz.test. hostmaster.vfz.test. 1 3600 600 86400 3
@ IN NS ns1.vfz.test.
ns1 IN A 127.0.0.1
@ IN A 104.21.1.1
www IN A 104.21.1.1
@ IN MX 10 mail.vfz.test.
mail IN A ${mail}
@ IN TXT "v=spf1 mx -all"
`;
  const corrected = join(dir, 'corrected.txt');
  writeFileSync(corrected, `vfz.test.\t3600\tIN\tSOA\tns1.vfz.test. hostmaster.vfz.test. 2 3600 600 86400 3
vfz.test.\t3600\tIN\tNS\tns1.vfz.test.
ns1.vfz.test.\t1\tIN\tA\t127.0.0.1 ; cf_tags=cf-proxied:false
vfz.test.\t1\tIN\tA\t203.0.113.25 ; cf_tags=cf-proxied:true
www.vfz.test.\t1\tIN\tCNAME\tvfz.test. ; cf_tags=cf-proxied:true
vfz.test.\t1\tIN\tMX\t10 mail.vfz.test.
mail.vfz.test.\t1\tIN\tA\t203.0.113.25 ; cf_tags=cf-proxied:false
vfz.test.\t1\tIN\tTXT\t"v=spf1 mx -all"
`);
  writeFileSync(file, served('104.21.1.1'));
  const r = await startResolver({ zones: [{ origin: 'vfz.test.', file }] });
  const args = ['vfz.test', '--expect', corrected, '--server', `${r.do53.host}:${r.do53.port}`, '--resolver', r.url, '--format', 'json'];
  try {
    const before = await run(args);
    assert.equal(before.code, 1, before.stdout + before.stderr);
    const b = JSON.parse(before.stdout);
    const byKey = (j) => Object.fromEntries(j.records.map((x) => [`${x.name} ${x.type}`, x]));
    const k = byKey(b);
    // The SOA is not followed; the proxied apex and www (a proxied CNAME: its A) are the proxy's addresses.
    assert.deepEqual(Object.keys(k).sort(), ['mail.vfz.test. A', 'ns1.vfz.test. A', 'vfz.test. A', 'vfz.test. MX', 'vfz.test. NS', 'vfz.test. TXT', 'www.vfz.test. A']);
    assert.equal(k['vfz.test. A'].state, 'seen-everywhere');
    assert.equal(k['www.vfz.test. A'].state, 'seen-everywhere');
    assert.equal(k['vfz.test. TXT'].state, 'seen-everywhere');
    assert.equal(k['mail.vfz.test. A'].state, 'not-yet-served', before.stdout);
    assert.equal(b.state, 'not-yet-served');

    writeFileSync(file, served('203.0.113.25').replace(' 1 3600 600', ' 2 3600 600'));
    await r.reload();
    await new Promise((res) => setTimeout(res, 4000)); // anything cached for 3 s runs out
    const after = await run(args);
    assert.equal(after.code, 0, after.stdout + after.stderr);
    assert.equal(JSON.parse(after.stdout).state, 'seen-everywhere');

    // The words: the zone given, in text.
    const text = await run(args.slice(0, -2));
    assert.match(text.stdout, /mail\.vfz\.test A 203\.0\.113\.25 \(DNS only\)/);
  } finally {
    await r.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('verify --expect ZONE: a zone with no record set of the domain is exit 2, named', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mxray-verify-zone-'));
  const corrected = join(dir, 'other.zone');
  writeFileSync(corrected, '$ORIGIN other.test.\n@ 300 IN A 192.0.2.1\n');
  try {
    const r = await run(['vfz.test', '--expect', corrected, '--server', '127.0.0.1:9']);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.ok(r.stderr.includes(`${corrected}: the zone holds no record set of "vfz.test" to verify`), r.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
