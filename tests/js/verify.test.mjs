// www/lib/verify.js: the verdict of `verify` for one record set, from the
// facts of the authoritative servers and the public resolvers; then live,
// with nsd behind a real caching resolver (Unbound) behind dnsdist.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startResolver } from '../resolver/resolver.mjs';
import { loadCore } from '../../www/lib/core-node.js';
import { createSession } from '../../www/lib/session.js';
import { describe as describeNegativeTtl } from 'node:test';
import createSmallCore from '../../www/site/core-small.js';
import { readFileSync } from 'node:fs';
import { runSession } from '../../www/lib/doh-driver.js';
import { createDnsTransport } from '../../www/cli/dns-transport.mjs';
import { verifyRecord, verifySummary, watchInterval, observe } from '../../www/lib/verify.js';
import { expectationsFromReport, expectationsFromZone, resolverFact, resolversSummary, resolversVerdict } from '../../www/lib/verify.js';

const answered = (records, rcode = 'NOERROR') => ({ state: 'answered', rcode, records: records.map(([data, ttl]) => ({ data, ttl })) });
const unknown = (code) => ({ state: 'unknown', reason: { code } });
const record = { name: 'club.test.', type: 'MX', expected: ['10 mx.mail.test.'] };
const NEW = answered([['10 MX.mail.test.', 300]]);
const OLD = answered([['0 club.test.', 240]]);

test('not yet served: an authoritative server still has the old records', () => {
  const v = verifyRecord(record, { authoritative: [{ source: 'a', fact: NEW }, { source: 'b', fact: OLD }], resolvers: [{ source: 'r', fact: NEW }] });
  assert.equal(v.state, 'not-yet-served');
  assert.equal(v.authoritative[1].matches, false);
});

test('seen by some: served, but a resolver holds the old answer; time left is the longest TTL of the stale ones', () => {
  const older = answered([['0 club.test.', 120]]);
  const v = verifyRecord(record, {
    authoritative: [{ source: 'a', fact: NEW }],
    resolvers: [{ source: 'cloudflare', fact: NEW }, { source: 'google', fact: OLD }, { source: 'quad9', fact: older }],
  });
  assert.equal(v.state, 'seen-by-some');
  assert.equal(v.timeLeft, 240);
});

test('seen everywhere; names compare without case', () => {
  const v = verifyRecord(record, { authoritative: [{ source: 'a', fact: NEW }], resolvers: [{ source: 'r', fact: answered([['10 mx.mail.test.', 60]]) }] });
  assert.equal(v.state, 'seen-everywhere');
  assert.equal(v.timeLeft, null);
});

test('unknown is never seen: a timeout or REFUSED anywhere makes the record unknown', () => {
  assert.equal(verifyRecord(record, { authoritative: [{ source: 'a', fact: unknown('refused') }], resolvers: [] }).state, 'unknown');
  assert.equal(verifyRecord(record, { authoritative: [], resolvers: [] }).state, 'unknown');
  assert.equal(verifyRecord(record, { authoritative: [{ source: 'a', fact: NEW }], resolvers: [{ source: 'r', fact: unknown('timeout') }] }).state, 'unknown');
  assert.equal(observe(undefined, []).known, false);
});

test('a deletion: no records expected, NXDOMAIN or no data matches', () => {
  const gone = { name: 'mail.club.test.', type: 'CNAME', expected: [] };
  const v = verifyRecord(gone, { authoritative: [{ source: 'a', fact: answered([], 'NXDOMAIN') }], resolvers: [{ source: 'r', fact: answered([['club.test.', 30]]) }] });
  assert.equal(v.state, 'seen-by-some');
  assert.equal(v.timeLeft, 30);
});

test('summary and watch interval', () => {
  assert.deepEqual(verifySummary([{ state: 'seen-everywhere', timeLeft: null }, { state: 'seen-by-some', timeLeft: 40 }]), { state: 'seen-by-some', timeLeft: 40 });
  assert.equal(verifySummary([{ state: 'seen-by-some', timeLeft: 1 }, { state: 'unknown', timeLeft: null }]).state, 'unknown');
  assert.equal(verifySummary([]).state, 'unknown');
  assert.equal(watchInterval(3), 10);
  assert.equal(watchInterval(42.2), 43);
  assert.equal(watchInterval(86400), 300);
  assert.equal(watchInterval(null), 10);
});

// The time left on a cached "no such record" (the fact's negative_ttl, from
// the SOA's TTL and MINIMUM, RFC 2308 §5), and a DNS-only A/AAAA judged
// against the proxy's ranges with the core's providerOf (both cores).
describeNegativeTtl('negative TTL and the proxy ranges', () => {
  const negative = (rcode, negativeTtl) => ({ state: 'answered', rcode, records: [], ...(negativeTtl === undefined ? {} : { negative_ttl: negativeTtl }) });

  test('observe: a negative answer’s ttl is its negative_ttl; unknown without the SOA, never 0', () => {
    assert.equal(observe(negative('NXDOMAIN', 240), []).ttl, 240);
    assert.equal(observe(negative('NOERROR', 90), ['192.0.2.1']).ttl, 90);
    assert.equal(observe(negative('NOERROR', 0), []).ttl, 0, 'a negative TTL of 0 that was sent is 0');
    assert.equal(observe(negative('NXDOMAIN'), []).ttl, null);
    assert.equal(observe(negative('NOERROR', 90), ['192.0.2.1']).answer, 'no-record');
    // Records present: the smallest of their TTLs, whatever else the fact says.
    assert.equal(observe({ ...answered([['192.0.2.1', 50], ['192.0.2.2', 40]]), negative_ttl: 5 }, ['192.0.2.1']).ttl, 40);
  });

  test('a record added after a resolver cached its absence: seen by some, time left is the negative TTL', () => {
    const added = { name: 'new.club.test.', type: 'A', expected: ['203.0.113.30'] };
    const served = answered([['203.0.113.30', 300]]);
    const v = verifyRecord(added, {
      authoritative: [{ source: 'ns', fact: served }],
      resolvers: [{ source: 'cloudflare', fact: served }, { source: 'google', fact: negative('NXDOMAIN', 240) }, { source: 'quad9', fact: negative('NOERROR', 60) }],
    });
    assert.equal(v.state, 'seen-by-some');
    assert.equal(v.timeLeft, 240);
    assert.deepEqual(v.resolvers.map((r) => [r.answer, r.ttl]), [['serves', 300], ['no-record', 240], ['no-record', 60]]);
    // Without the SOA the time left is not known, and not made up.
    assert.equal(verifyRecord(added, { authoritative: [{ source: 'ns', fact: served }], resolvers: [{ source: 'r', fact: negative('NXDOMAIN') }] }).timeLeft, null);
    // A deletion seen by a resolver: its cached "no such record" matches.
    const gone = verifyRecord({ name: 'old.club.test.', type: 'A', expected: [] }, { authoritative: [{ source: 'ns', fact: negative('NXDOMAIN', 30) }], resolvers: [{ source: 'r', fact: negative('NXDOMAIN', 20) }] });
    assert.equal(gone.state, 'seen-everywhere');
    assert.equal(gone.resolvers[0].ttl, 20);
  });

  test('providerOf: the proxy’s ranges, the same in the fast and the small core', async () => {
    const fast = await loadCore();
    const small = await createSmallCore({ wasmBinary: readFileSync(new URL('../../www/lib/wasm/small/mxray-core.wasm', import.meta.url)) });
    const cases = [
      ['104.21.1.1', 'cloudflare'], // 104.16.0.0/13
      ['172.67.70.1', 'cloudflare'], // 172.64.0.0/13
      ['2606:4700:3030::6815:101', 'cloudflare'], // 2606:4700::/32
      ['::ffff:104.21.1.1', 'cloudflare'], // IPv4-mapped
      ['203.0.113.25', ''],
      ['2001:db8::1', ''],
      ['not an address', ''],
      ['', ''],
    ];
    for (const [address, provider] of cases) {
      assert.equal(fast.providerOf(address), provider, `fast ${address}`);
      assert.equal(small.providerOf(address), provider, `small ${address}`);
    }
  });

  test('DNS-only A/AAAA: a proxy address is not yet, the expected one is seen, another one is something else', async () => {
    const { providerOf } = await loadCore();
    const dnsOnly = { name: 'mail.club.test.', type: 'A', present: ['203.0.113.25'], absent: [], exact: true, proxied: false };
    const at = (auth, res, options = { providerOf }) => verifyRecord(dnsOnly, { authoritative: [{ source: 'ns', fact: auth }], resolvers: [{ source: 'r', fact: res }] }, options);
    const origin = answered([['203.0.113.25', 300]]);
    const proxy = answered([['104.21.1.1', 120], ['172.67.70.1', 120]]);
    const other = answered([['192.0.2.77', 200]]);
    // Still the proxy at the authoritative servers: not yet served.
    let v = at(proxy, proxy);
    assert.equal(v.state, 'not-yet-served');
    assert.deepEqual([v.authoritative[0].answer, v.authoritative[0].provider], ['old', 'cloudflare']);
    // Served; a resolver still holds the proxy's addresses: seen by some, their TTL left.
    v = at(origin, proxy);
    assert.equal(v.state, 'seen-by-some');
    assert.equal(v.timeLeft, 120);
    assert.equal(v.resolvers[0].answer, 'old');
    // The proxy's address beside the origin's is still the old answer.
    assert.equal(at(origin, answered([['203.0.113.25', 60], ['104.21.1.1', 60]])).resolvers[0].answer, 'old');
    assert.equal(at(origin, origin).state, 'seen-everywhere');
    // An unrelated address at the authoritative servers: served otherwise, shown.
    v = at(other, origin);
    assert.equal(v.state, 'serves-something-else');
    assert.deepEqual([v.authoritative[0].answer, v.authoritative[0].records], ['something-else', ['192.0.2.77']]);
    assert.equal(v.authoritative[0].provider, undefined);
    // ... beside the expected one too; at a resolver it is stale like any other answer.
    assert.equal(at(answered([['203.0.113.25', 60], ['192.0.2.77', 60]]), origin).state, 'serves-something-else');
    v = at(origin, other);
    assert.equal(v.state, 'seen-by-some');
    assert.equal(v.resolvers[0].answer, 'something-else');
    assert.equal(v.timeLeft, 200);
    // No record at all is no record, with its negative TTL.
    v = at(origin, negative('NXDOMAIN', 45));
    assert.deepEqual([v.state, v.timeLeft, v.resolvers[0].answer], ['seen-by-some', 45, 'no-record']);
    // IPv6: Cloudflare's 2606:4700::/32 is the proxy.
    const aaaa = { ...dnsOnly, type: 'AAAA', present: ['2001:db8::25'] };
    const v6 = verifyRecord(aaaa, { authoritative: [{ source: 'ns', fact: answered([['2606:4700:3030::6815:101', 60]]) }], resolvers: [] }, { providerOf });
    assert.equal(v6.state, 'not-yet-served');
    assert.equal(v6.authoritative[0].provider, 'cloudflare');
    // Without the classifier nothing tells the two apart: any other address is the old answer.
    v = at(other, origin, {});
    assert.equal(v.state, 'not-yet-served');
    assert.equal(v.authoritative[0].answer, 'old');
    // Record sets that are not DNS-only A/AAAA are not judged by address.
    const mx = verifyRecord({ name: 'club.test.', type: 'MX', present: ['10 mail.club.test.'], absent: [], exact: false }, { authoritative: [{ source: 'ns', fact: answered([['10 other.test.', 60]]) }], resolvers: [] }, { providerOf });
    assert.deepEqual([mx.state, mx.authoritative[0].answer], ['not-yet-served', 'old']);
  });

  test('summary: served otherwise ranks above not yet and below unknown', () => {
    assert.equal(verifySummary([{ state: 'not-yet-served', timeLeft: null }, { state: 'serves-something-else', timeLeft: null }]).state, 'serves-something-else');
    assert.equal(verifySummary([{ state: 'serves-something-else', timeLeft: null }, { state: 'unknown', timeLeft: null }]).state, 'unknown');
  });
});

const zone = (serial, mx) => `$ORIGIN vfy.test.
$TTL 3
@ IN SOA ns1.vfy.test. hostmaster.vfy.test. ${serial} 3600 600 86400 3
@ IN NS ns1.vfy.test.
ns1 IN A 127.0.0.1
@ IN MX ${mx}
`;

test('live: not yet served, then seen by some while Unbound caches the old MX, then seen everywhere after the TTL', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mxray-verify-'));
  const file = join(dir, 'vfy.test.zone');
  writeFileSync(file, zone(1, '10 old.vfy.test.'));
  const r = await startResolver({ zones: [{ origin: 'vfy.test.', file }], cache: true });
  const core = await loadCore();
  const mxFact = async (runOptions, options) => {
    const session = createSession(core, { domain: 'vfy.test', options: { padding: false, ...options } });
    try {
      await runSession(session, runOptions);
      return session.facts().facts.find((f) => f.name === 'vfy.test.' && f.type === 'MX');
    } finally {
      session.dispose();
    }
  };
  const look = async () => {
    const [authFact, cached] = await Promise.all([
      mxFact({ transport: createDnsTransport(r.do53) }, { authoritative: true }),
      mxFact({ resolver: r.url }, {}),
    ]);
    return verifyRecord({ name: 'vfy.test.', type: 'MX', expected: ['10 new.vfy.test.'] }, {
      authoritative: [{ source: 'nsd', fact: authFact }],
      resolvers: [{ source: 'unbound', fact: cached }],
    });
  };
  try {
    const before = await look(); // also fills Unbound's cache with the old MX
    assert.equal(before.state, 'not-yet-served');
    writeFileSync(file, zone(2, '10 new.vfy.test.'));
    await r.reload();
    const during = await look();
    assert.equal(during.authoritative[0].matches, true, 'nsd serves the new MX');
    assert.equal(during.state, 'seen-by-some', JSON.stringify(during));
    assert.ok(during.timeLeft >= 1 && during.timeLeft <= 3, `time left ${during.timeLeft}`);
    await new Promise((res) => setTimeout(res, (during.timeLeft + 1) * 1000));
    const after = await look();
    assert.equal(after.state, 'seen-everywhere', JSON.stringify(after));
  } finally {
    await r.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

// The site's resolvers-only verdict (no authoritative server can be asked from a browser).
describe('resolversVerdict: public resolvers only', () => {
  const mxSet = { name: 'club.test.', type: 'MX', present: ['10 mx.mail.test.'], absent: ['0 club.test.'], exact: false };
  const at = (...facts) => facts.map((fact, i) => ({ source: `r${i}`, fact }));

  test('seen by all the resolvers asked', () => {
    const v = resolversVerdict(mxSet, at(NEW, answered([['10 mx.mail.test.', 20]])));
    assert.equal(v.state, 'seen-by-all');
    assert.equal(v.timeLeft, null);
    assert.deepEqual(v.resolvers.map((r) => r.matches), [true, true]);
  });

  test('seen by some: the longest time left of those still holding the old answer', () => {
    const v = resolversVerdict(mxSet, at(NEW, OLD, answered([['0 club.test.', 40]])));
    assert.equal(v.state, 'seen-by-some');
    assert.equal(v.timeLeft, 240);
    assert.deepEqual(v.resolvers[1].records, ['0 club.test.']);
  });

  test('seen by none yet: old answers or no record everywhere (cannot tell whether published)', () => {
    assert.equal(resolversVerdict(mxSet, at(OLD, answered([], 'NXDOMAIN'))).state, 'seen-by-none');
    assert.equal(resolversVerdict(mxSet, at(OLD)).timeLeft, 240);
  });

  test('a resolver that could not be asked makes it unknown, never seen', () => {
    const v = resolversVerdict(mxSet, at(NEW, unknown('network')));
    assert.equal(v.state, 'unknown');
    assert.equal(v.resolvers[1].known, false);
    assert.equal(resolversVerdict(mxSet, at(NEW, undefined)).state, 'unknown', 'a record set the resolver was not asked about');
    assert.equal(resolversVerdict(mxSet, []).state, 'unknown', 'no resolver asked');
    assert.equal(resolversVerdict({ ...mxSet, unknowable: true }, at(NEW)).state, 'unknown', 'data not known');
  });

  test('a DNS-only address must be the only one: the proxy address beside it is the old answer', () => {
    const a = { name: 'mail.club.test.', type: 'A', present: ['203.0.113.10'], absent: [], exact: true };
    assert.equal(resolversVerdict(a, at(answered([['203.0.113.10', 5], ['104.21.48.1', 5]]))).state, 'seen-by-none');
    assert.equal(resolversVerdict(a, at(answered([['203.0.113.10', 5]]))).state, 'seen-by-all');
  });

  test('summary: the worst record set wins; nothing to verify is unknown', () => {
    const all = { state: 'seen-by-all', timeLeft: null };
    assert.deepEqual(resolversSummary([all, all]), { state: 'seen-by-all', timeLeft: null });
    assert.deepEqual(resolversSummary([all, { state: 'seen-by-some', timeLeft: 30 }, { state: 'seen-by-none', timeLeft: 90 }]), { state: 'seen-by-none', timeLeft: 90 });
    assert.equal(resolversSummary([all, { state: 'unknown', timeLeft: null }]).state, 'unknown');
    assert.equal(resolversSummary([]).state, 'unknown');
  });

  test('resolverFact: a CNAME comes from the chain of a question for the name; its absence from an answer without one', () => {
    const chained = { name: 'mail.club.test.', type: 'A', state: 'answered', rcode: 'NOERROR', chain: [{ name: 'mail.club.test.', type: 'CNAME', data: 'club.test.', ttl: 7 }], records: [{ data: '104.21.48.1', ttl: 7 }] };
    const cname = resolverFact([chained], 'mail.club.test.', 'CNAME');
    assert.deepEqual(cname.records, [{ data: 'club.test.', ttl: 7 }]);
    const removal = expectationsFromReport({ fix: { edits: [{ op: 'remove', name: 'mail.club.test.', type: 'CNAME', data: 'club.test.', proxied: false }] } })[0];
    assert.equal(resolversVerdict(removal, [{ source: 'r', fact: cname }]).state, 'seen-by-none');
    const plain = { ...chained, chain: [], records: [{ data: '203.0.113.10', ttl: 7 }] };
    assert.deepEqual(resolverFact([plain], 'MAIL.club.test.', 'CNAME').records, []);
    assert.equal(resolversVerdict(removal, [{ source: 'r', fact: resolverFact([plain], 'mail.club.test.', 'CNAME') }]).state, 'seen-by-all');
    // Not asked at all, or the session failed: no fact, or the failure.
    assert.equal(resolverFact([plain], 'other.club.test.', 'CNAME'), undefined);
    const failed = { name: 'club.test.', type: '*', state: 'unknown', reason: { code: 'network' } };
    assert.equal(resolverFact([failed], 'mail.club.test.', 'A'), failed);
    assert.equal(resolversVerdict(removal, [{ source: 'r', fact: resolverFact([failed], 'mail.club.test.', 'CNAME') }]).state, 'unknown');
  });
});

// The site passes the worker core's providerOf (as a table of the answered addresses) to the
// resolvers-only verdict: a DNS-only A record set is judged against the proxy's ranges there too.
const providerCore = await loadCore();
describe('resolversVerdict with providerOf: DNS only against the proxy ranges', () => {
  const dnsOnly = { name: 'mail.club.test.', type: 'A', present: ['203.0.113.25'], absent: [], exact: true };
  const at = (...facts) => facts.map((fact, i) => ({ source: `r${i}`, fact }));
  const providerOf = (a) => providerCore.providerOf(a);

  test('a resolver still answering with Cloudflare addresses holds the old answer, named as the proxy’s', () => {
    const v = resolversVerdict(dnsOnly, at(answered([['203.0.113.25', 60]]), answered([['104.21.48.1', 200], ['172.67.160.1', 200]])), { providerOf });
    assert.equal(v.state, 'seen-by-some');
    assert.equal(v.timeLeft, 200);
    assert.equal(v.resolvers[1].answer, 'old');
    assert.equal(v.resolvers[1].provider, 'cloudflare');
  });

  test('an address neither expected nor a proxy’s is something else, never seen', () => {
    const v = resolversVerdict(dnsOnly, at(answered([['192.0.2.77', 60]])), { providerOf });
    assert.equal(v.state, 'seen-by-none');
    assert.equal(v.resolvers[0].answer, 'something-else');
    assert.equal(v.resolvers[0].matches, false);
  });

  test('exactly the expected address is seen', () => {
    const v = resolversVerdict(dnsOnly, at(answered([['203.0.113.25', 60]])), { providerOf });
    assert.equal(v.state, 'seen-by-all');
  });
});

// A corrected zone as verify's expectation (mxray verify --expect ZONE): the records as
// `mxray dump` writes them.
describe('expectationsFromZone: every record set of the corrected zone', () => {
  const dump = [
    'club.test. 3600 IN SOA ns1.club.test. hostmaster.club.test. 2 3600 600 86400 300',
    'club.test. 86400 IN NS ns1.club.test.',
    'club.test. 1 IN A 203.0.113.25 ; cf-proxied:true',
    'www.club.test. 1 IN CNAME club.test. ; cf-proxied:true',
    'mail.club.test. 1 IN A 203.0.113.25 ; cf-proxied:false',
    'club.test. 300 IN MX 10 mail.club.test.',
    'club.test. 300 IN TXT "v=spf1 mx ; -all"',
    'club.test. 300 IN TXT "google-site-verification=x"',
    'other.test. 300 IN A 192.0.2.1',
    'club.test. 300 IN RRSIG A 13 2 300 20270101000000 20261201000000 1 club.test. AAAA',
  ].join('\n');
  const sets = Object.fromEntries(expectationsFromZone(dump, 'club.test').map((e) => [`${e.name} ${e.type}`, e]));

  test('the SOA, DNSSEC records and names outside the domain are not followed', () => {
    assert.deepEqual(Object.keys(sets).sort(), ['club.test. A', 'club.test. MX', 'club.test. NS', 'club.test. TXT', 'mail.club.test. A', 'www.club.test. A']);
  });

  test('data as written, a TXT with a semicolon inside its quotes included; several records one set', () => {
    assert.deepEqual(sets['club.test. TXT'].present, ['"v=spf1 mx ; -all"', '"google-site-verification=x"']);
    assert.equal(sets['club.test. TXT'].exact, true);
    assert.deepEqual(sets['mail.club.test. A'], { name: 'mail.club.test.', type: 'A', present: ['203.0.113.25'], absent: [], exact: true, proxied: false, unknowable: false, proxy: false });
  });

  test('a proxied A, and a proxied CNAME as the A at its name, must answer with the proxy’s addresses', () => {
    for (const key of ['club.test. A', 'www.club.test. A']) {
      assert.equal(sets[key].proxy, true, key);
      assert.deepEqual(sets[key].present, [], key);
    }
    const providerOf = (a) => providerCore.providerOf(a);
    const seen = (records) => verifyRecord(sets['www.club.test. A'], { authoritative: [{ source: 'ns', fact: answered(records) }], resolvers: [] }, { providerOf });
    assert.equal(seen([['104.21.48.1', 300], ['172.67.160.1', 300]]).state, 'seen-everywhere');
    assert.equal(seen([['203.0.113.25', 300]]).state, 'serves-something-else');
  });
});
