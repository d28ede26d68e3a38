// Asking name servers directly: www/cli/dns-transport.mjs (UDP, TCP on
// truncation) driven by runSession, against the real nsd of
// tests/resolver/resolver.mjs (r.do53 is nsd itself on loopback), and
// `mxray facts --server`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { serveZones } from './lib/serve-zones.mjs';
import { loadCore } from '../../www/lib/core-node.js';
import { createSession } from '../../www/lib/session.js';
import { runSession } from '../../www/lib/doh-driver.js';
import { createDnsTransport, parseServer, answers } from '../../www/cli/dns-transport.mjs';

// Six TXT strings of 250 octets at the apex: over 1500 octets, more than
// the 1232-octet EDNS buffer, so nsd sets TC over UDP.
const long = (c) => `"${c.repeat(250)}"`;
const ZONE = `$ORIGIN auth.test.
$TTL 300
@ IN SOA ns1.auth.test. hostmaster.auth.test. 1 3600 600 86400 300
@ IN NS ns1.auth.test.
ns1 IN A 127.0.0.1
@ IN A 192.0.2.10
@ IN MX 10 mail.auth.test.
mail IN A 192.0.2.25
${['a', 'b', 'c', 'd', 'e', 'f'].map((c) => `@ IN TXT ${long(c)}`).join('\n')}
_dmarc IN TXT "v=DMARC1; p=none"
`;

let resolver;
let core;
before(async () => {
  resolver = await serveZones({ 'auth.test.': ZONE }, { prefix: 'mxray-transport-' });
  core = await loadCore();
});
after(async () => {
  await resolver?.stop();
});

async function askServer(domain, server, runOptions = {}, transportOptions = {}) {
  const session = createSession(core, { domain, options: { authoritative: true, padding: false } });
  try {
    const run = await runSession(session, { transport: createDnsTransport(server, transportOptions), ...runOptions });
    return { run, facts: session.facts() };
  } finally {
    session.dispose();
  }
}
const find = (facts, name, type) => facts.facts.find((f) => f.name === name && f.type === type);

test('nsd answers with AA; a truncated UDP answer is asked again over TCP and read whole', async () => {
  let tcp = 0;
  const { facts } = await askServer('auth.test', resolver.do53, {}, { onTcp: () => tcp++ });
  const a = find(facts, 'auth.test.', 'A');
  assert.equal(a.state, 'answered');
  assert.equal(a.authoritative, true);
  assert.deepEqual(a.records.map((r) => [r.data, r.ttl]), [['192.0.2.10', 300]]);
  const txt = find(facts, 'auth.test.', 'TXT');
  assert.equal(txt.state, 'answered');
  assert.equal(txt.records.length, 6, 'all six TXT records, which only TCP carries');
  assert.ok(tcp >= 1, 'TCP was used');
  // A name nsd's zone does not hold: NXDOMAIN with AA, an answer (not unknown).
  const smtp = find(facts, 'smtp.auth.test.', 'A');
  assert.equal(smtp.state, 'answered');
  assert.equal(smtp.rcode, 'NXDOMAIN');
  assert.equal(smtp.authoritative, true);
});

test('a name the server is not authoritative for is unknown (REFUSED), never fine', async () => {
  const { facts } = await askServer('elsewhere.test', resolver.do53);
  assert.ok(facts.facts.length > 5);
  for (const f of facts.facts) {
    assert.equal(f.state, 'unknown', `${f.name} ${f.type}`);
    assert.equal(f.reason.code, 'refused');
  }
});

test('a UDP port nobody answers: every fact unknown with reason timeout, after one retry each', async () => {
  const silent = createSocket('udp4');
  let received = 0;
  silent.on('message', () => received++);
  await new Promise((res) => silent.bind(0, '127.0.0.1', res));
  try {
    const started = Date.now();
    const { facts, run } = await askServer('auth.test', { host: '127.0.0.1', port: silent.address().port }, { timeoutMs: 200, retries: 1, concurrency: 8 });
    assert.ok(facts.facts.length > 5);
    for (const f of facts.facts) {
      assert.equal(f.state, 'unknown');
      assert.equal(f.reason.code, 'timeout');
    }
    assert.equal(received, run.questions * 2, 'each question sent twice: once and one retry');
    assert.ok(Date.now() - started < 10000);
  } finally {
    silent.close();
  }
});

test('a spoofed answer (wrong ID or question) is ignored; the real one is taken', async () => {
  // A fake server that first sends an answer with the wrong ID, then one for
  // another question, then the right one.
  const fake = createSocket('udp4');
  fake.on('message', (msg, rinfo) => {
    const reply = (bytes) => fake.send(bytes, rinfo.port, rinfo.address);
    const base = Buffer.from(msg);
    base[2] = 0x84; // QR AA
    base[3] = 0x00;
    const wrongId = Buffer.from(base);
    wrongId[0] ^= 0xff;
    const wrongQuestion = Buffer.from(base);
    wrongQuestion[13] ^= 0x01; // first octet of the first label
    reply(wrongId);
    reply(wrongQuestion);
    setTimeout(() => reply(base), 20);
  });
  await new Promise((res) => fake.bind(0, '127.0.0.1', res));
  try {
    const t = createDnsTransport({ host: '127.0.0.1', port: fake.address().port });
    const session = createSession(core, { domain: 'auth.test', options: { authoritative: true, padding: false } });
    const q = session.pending()[0];
    const out = await t.exchange(q, { timeoutMs: 2000 });
    assert.ok(out.body, JSON.stringify(out));
    assert.equal(out.body[0] | out.body[1], 0, 'the ID goes back to the core as 0');
    assert.equal(out.body[13], q.wire[13]);
    session.dispose();
  } finally {
    fake.close();
  }
});

test('answers() checks ID, QR and question; parseServer reads HOST[:PORT] and [IPV6]:PORT', () => {
  const q = Uint8Array.from([0x12, 0x34, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0x61, 0, 0, 1, 0, 1]);
  const a = Uint8Array.from(q);
  a[2] = 0x80;
  assert.equal(answers(q, a), true);
  const upper = Uint8Array.from(a);
  upper[13] = 0x41;
  assert.equal(answers(q, upper), true, 'names compare without case');
  assert.equal(answers(q, q), false, 'QR clear');
  const other = Uint8Array.from(a);
  other[1] = 0x35;
  assert.equal(answers(q, other), false);
  assert.deepEqual(parseServer('192.0.2.1'), { host: '192.0.2.1', port: 53 });
  assert.deepEqual(parseServer('ns1.example:5353'), { host: 'ns1.example', port: 5353 });
  assert.deepEqual(parseServer('[2001:db8::1]:53'), { host: '2001:db8::1', port: 53 });
  assert.deepEqual(parseServer('2001:db8::1'), { host: '2001:db8::1', port: 53 });
  assert.equal(parseServer('ns1.example:0'), null);
  assert.equal(parseServer('a b'), null);
  assert.equal(parseServer('host:1:2'), null);
});

const cli = (args) =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, ['www/cli/mxray.mjs', ...args], { env: { ...process.env, LANG: 'C', LC_ALL: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });

test('mxray facts --server HOST:PORT asks nsd directly and prints its facts per server', async () => {
  const server = `${resolver.do53.host}:${resolver.do53.port}`;
  const r = await cli(['facts', '--server', server, 'auth.test']);
  assert.equal(r.stderr, '');
  const out = JSON.parse(r.stdout);
  assert.equal(out.domain, 'auth.test.');
  assert.equal(out.servers.length, 1);
  assert.equal(out.servers[0].server, server);
  const mx = out.servers[0].facts.find((f) => f.name === 'auth.test.' && f.type === 'MX');
  assert.equal(mx.authoritative, true);
  assert.deepEqual(mx.records.map((x) => x.data), ['10 mail.auth.test.']);
  // Everything this zone names is inside it: all answered, exit 0.
  assert.equal(r.status, 0, JSON.stringify(out.servers[0].facts.filter((f) => f.state !== 'answered')));

  const refused = await cli(['facts', '--server', server, 'elsewhere.test']);
  assert.equal(refused.status, 1);
  assert.ok(JSON.parse(refused.stdout).servers[0].facts.every((f) => f.state === 'unknown' && f.reason.code === 'refused'));

  const bad = await cli(['facts', '--server', 'host:1:2', 'auth.test']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--server takes HOST/);
});

test('mxray facts --authoritative finds the NS and their addresses through the resolver, then asks each on port 53', async () => {
  // The zone's NS is ns1.auth.test. at 127.0.0.1; nsd listens elsewhere, so
  // port 53 gives no authoritative answer (nothing there, or some other
  // server without AA): every fact unknown, exit 1, but the server is found.
  const r = await cli(['facts', '--authoritative', '--resolver', resolver.url, '--timeout', '200', 'auth.test']);
  assert.equal(r.status, 1, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.servers.map((s) => [s.host, s.address, s.server]), [['ns1.auth.test.', '127.0.0.1', '127.0.0.1:53']]);
  assert.ok(out.servers[0].facts.every((f) => f.state === 'unknown'));
});
