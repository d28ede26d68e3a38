// www/lib/verify.js: the verdict of `verify` for one record set, from the
// facts of the authoritative servers and the public resolvers; then live,
// with nsd behind a real caching resolver (Unbound) behind dnsdist.
import { test } from 'node:test';
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
