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
import { runSession } from '../../www/lib/doh-driver.js';
import { createDnsTransport } from '../../www/cli/dns-transport.mjs';
import { verifyRecord, verifySummary, watchInterval, observe } from '../../www/lib/verify.js';
import { expectationsFromReport, resolverFact, resolversSummary, resolversVerdict } from '../../www/lib/verify.js';

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
