// www/lib/verify.js: the verdict of `verify` for one record set, from the
// facts of the authoritative servers and the public resolvers. Pure: the
// live part (nsd behind a caching Unbound) is not written yet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyRecord, verifySummary, watchInterval, observe } from '../../www/lib/verify.js';

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
