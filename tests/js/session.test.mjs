// The Session (wasm core) driven by the DoH driver against a real resolver:
// nsd serving the scenario's zones behind dnsdist on loopback. Every fact the
// session collected is checked against the zone files nsd serves, and the
// number of rounds against the scenario's dependency depth.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadCore } from '../../www/lib/core-node.js';
import { createSession, SessionError } from '../../www/lib/session.js';
import { runSession } from '../../www/lib/doh-driver.js';
import { startResolver, zonesIn } from '../resolver/resolver.mjs';
import { replay } from '../scenarios/lib/replay.mjs';
import { messages, languages, sessionMessage } from '../../www/lib/messages.js';
import { feedBytes } from '../../www/lib/zone-input.js';
import { codes as coreCodes } from './lib/codes.mjs';

const scenario = fileURLToPath(new URL('../scenarios/cpanel-mail-cname/', import.meta.url));
const served = zonesIn(`${scenario}served`);

let core;
let resolver;

before(async () => {
  core = await loadCore();
  resolver = await startResolver({ zones: served });
});
after(async () => {
  await resolver?.stop();
});

// The served zones as the core parses them: name -> type -> [data].
function servedRecords() {
  const byName = new Map();
  for (const { origin, file } of served) {
    const reader = new core.ZoneReader(file, JSON.stringify({ origin }), null);
    feedBytes(core, reader, readFileSync(file));
    reader.finish();
    const summary = JSON.parse(reader.summaryJson());
    assert.equal(summary.errors, 0, `${file} parses cleanly`);
    // The records as the core prints them (`mxray dump`): owner, TTL, class, type, data.
    for (const line of reader.dump(0, reader.recordCount(), false).split('\n').filter(Boolean)) {
      const [owner, , , type, ...rest] = line.replace(/ ; cf-proxied:\w+$/, '').split(' ');
      const name = owner.toLowerCase();
      if (!byName.has(name)) byName.set(name, new Map());
      const types = byName.get(name);
      if (!types.has(type)) types.set(type, []);
      types.get(type).push(rest.join(' '));
    }
    reader.delete();
  }
  return byName;
}

function zoneOf(name) {
  const origins = served.map((z) => z.origin).filter((o) => name === o || name.endsWith(`.${o}`));
  return origins.sort((a, b) => b.length - a.length)[0];
}

async function check(domain, options = {}) {
  const session = createSession(core, { domain, options });
  try {
    const progress = [];
    const run = await runSession(session, {
      resolver: resolver.url,
      timeoutMs: 3000,
      onProgress: (p) => progress.push(p),
    });
    return { run, facts: session.facts(), progress };
  } finally {
    session.dispose();
  }
}

test('every fact matches the zones the resolver serves', async () => {
  const { run, facts } = await check('club.test');
  assert.equal(facts.done, true);
  assert.equal(facts.domain, 'club.test.');
  assert.equal(run.questions, facts.questions);
  const zone = servedRecords();
  let compared = 0;
  for (const f of facts.facts) {
    const name = f.name.toLowerCase();
    const origin = zoneOf(name);
    if (!origin) {
      // Outside every served zone nsd refuses: that must be "unknown".
      assert.equal(f.state, 'unknown', `${f.name} ${f.type}`);
      continue;
    }
    assert.equal(f.state, 'answered', `${f.name} ${f.type}: ${JSON.stringify(f.reason)}`);
    // Follow the zone's CNAMEs the way the session says it did.
    let at = name;
    for (const link of f.chain) {
      assert.equal(link.name.toLowerCase(), at);
      assert.deepEqual(zone.get(at)?.get('CNAME'), [link.data], `CNAME at ${at}`);
      at = link.data.toLowerCase();
    }
    assert.equal(zone.get(at)?.get('CNAME'), undefined, `chain of ${f.name} ends at ${at}`);
    const expected = zone.get(at)?.get(f.type) ?? [];
    assert.deepEqual(f.records.map((r) => r.data).sort(), [...expected].sort(), `${f.name} ${f.type}`);
    const exists = [...zone.keys()].some((n) => n === at || n.endsWith(`.${at}`));
    assert.equal(f.rcode, exists ? 'NOERROR' : 'NXDOMAIN', `${f.name} ${f.type}`);
    compared++;
  }
  assert.ok(compared > 50, `compared ${compared} facts`);
});

test('the story: mail.club.test leads to Cloudflare, ftp to the origin', async () => {
  // With the PTR of origin addresses asked, as --ask-ptr asks it (off by default:
  // "without ask_ptr no PTR goes to the resolver").
  const { facts } = await check('club.test', { ask_ptr: true });
  const get = (name, type) => facts.facts.find((f) => f.name === name && f.type === type);
  const mail = get('mail.club.test.', 'A');
  assert.deepEqual(mail.chain.map((c) => c.data), ['club.test.']);
  assert.deepEqual(mail.records.map((r) => r.data).sort(), ['104.21.48.1', '172.67.160.1']);
  assert.ok(mail.purposes.includes('client-name') && mail.purposes.includes('mx-target'));
  const ptr = get('10.113.0.203.in-addr.arpa.', 'PTR');
  assert.deepEqual(ptr.records.map((r) => r.data), ['server.club.test.']);
  // No PTR is asked for a proxy's address.
  assert.equal(get('1.48.21.104.in-addr.arpa.', 'PTR'), undefined);
  assert.deepEqual(get('_spf2.mailhost.test.', 'TXT').records.map((r) => r.data), [
    '"v=spf1 ip4:192.0.2.128/25 ip6:2001:db8:51::/48 -all"',
  ]);
  assert.equal(facts.spf_lookups, 4); // a, mx, include:_spf, include:_spf2
});

test('without ask_ptr no PTR goes to the resolver, and wire queries are padded to 128 octets', async () => {
  const { facts } = await check('club.test');
  assert.deepEqual(facts.facts.filter((f) => f.type === 'PTR'), []);
  const session = createSession(core, { domain: 'club.test' });
  try {
    for (const q of session.pending()) assert.equal(q.wire.length % 128, 0);
  } finally {
    session.dispose();
  }
});

test('rounds equal the dependency depth: domain, then revealed names, then their includes', async () => {
  const { run, facts, progress } = await check('club.test', { ask_ptr: true });
  // 1: the domain's own names. 2: the MX exchange's TLSA, _spf.mailhost.test,
  // the SRV target, the origin's PTR. 3: _spf2 (from _spf) and the SRV
  // target's PTR.
  assert.equal(facts.rounds, 3);
  assert.equal(run.rounds, 3);
  const byRound = [1, 2, 3].map((r) => facts.facts.filter((f) => f.round === r).map((f) => `${f.name} ${f.type}`));
  assert.ok(byRound[1].includes('_spf.mailhost.test. TXT'));
  assert.ok(byRound[1].includes('_25._tcp.mail.club.test. TLSA'));
  assert.ok(byRound[2].includes('_spf2.mailhost.test. TXT'));
  assert.ok(byRound[2].includes('80.2.0.192.in-addr.arpa. PTR'));
  // Progress reached every question of every round.
  for (const r of [1, 2, 3]) {
    const last = progress.filter((p) => p.round === r).at(-1);
    assert.equal(last.answered, last.total);
    assert.equal(last.total, byRound[r - 1].length);
  }
});

test('a resolver that does not answer makes facts unknown, never absent', async () => {
  const session = createSession(core, { domain: 'club.test', options: { limits: { max_rounds: 2 } } });
  try {
    // Nothing listens on port 9 of loopback: every request fails fast.
    await runSession(session, { resolver: 'https://127.0.0.1:9/dns-query', timeoutMs: 2000, retries: 0 });
    const facts = session.facts();
    assert.equal(facts.rounds, 1);
    assert.ok(facts.facts.length > 40);
    for (const f of facts.facts) {
      assert.equal(f.state, 'unknown');
      assert.match(f.reason.code, /^(network|timeout)$/);
      assert.equal(typeof f.reason.detail, 'string');
      // The words for a fact's reason come from its code.
      assert.equal(sessionMessage('reasons', f.reason, 'ja'), messages.ja.session.reasons[f.reason.code]);
      assert.equal(f.records, undefined);
    }
  } finally {
    session.dispose();
  }
});

test('an offline session asks nothing; a bad domain is refused with a code', async () => {
  const session = createSession(core, { domain: 'club.test', options: { live: false } });
  assert.equal(session.done(), true);
  assert.deepEqual(session.pending(), []);
  const run = await runSession(session, { resolver: resolver.url });
  assert.equal(run.questions, 0);
  session.dispose();
  assert.throws(() => createSession(core, { domain: 'bad..name' }), (e) => e instanceof SessionError && e.code === 'bad-domain');
  assert.throws(() => createSession(core, {}), (e) => e instanceof SessionError && e.code === 'no-domain');
});

test('the recorded answers (answers.json) still match the live resolver', async () => {
  const live = (await check('club.test')).facts;
  const recording = JSON.parse(readFileSync(`${scenario}answers.json`, 'utf8'));
  const session = createSession(core, { domain: 'club.test' });
  try {
    const r = replay(session, recording);
    assert.deepEqual(r.missing, [], 'every question has a recording: re-run tests/resolver/record.mjs');
    // Live answers arrive in any order, so ids of later rounds may differ:
    // compare the facts by question, ids left out.
    const norm = (all) => ({
      ...all,
      facts: all.facts
        .map(({ id, ...rest }) => rest)
        .sort((a, b) => `${a.name} ${a.type}`.localeCompare(`${b.name} ${b.type}`)),
    });
    assert.deepEqual(norm(session.facts()), norm(live));
  } finally {
    session.dispose();
  }
});

test('both languages have words for every session code the core knows', () => {
  const codes = coreCodes.session;
  for (const lang of languages)
    for (const kind of ['errors', 'reasons', 'purposes', 'budgets'])
      assert.deepEqual(Object.keys(messages[lang].session[kind]).sort(), [...codes[kind]].sort(), `${lang} ${kind}`);
});
