// The DoH driver against a real resolver: nsd serving the cpanel-mail-cname
// scenario behind dnsdist (tests/resolver), plus tiny loopback servers that
// misbehave on purpose (hang, 503, wrong media type). No network beyond
// 127.0.0.1. Run with NODE_EXTRA_CA_CERTS=build/resolver/cert.pem (make test
// does), so fetch() trusts the resolver's self-signed certificate.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startResolver, zonesIn, certDir, nodeTrustProblem } from '../resolver/resolver.mjs';
import { runSession, resolveResolver, questionUrl, RESOLVERS, MAX_ROUNDS, readAtMost } from '../../www/lib/doh-driver.js';
import { progressMessage } from '../../www/lib/messages.js';

const served = fileURLToPath(new URL('../scenarios/cpanel-mail-cname/served/', import.meta.url));
const TYPES = { A: 1, NS: 2, CNAME: 5, SOA: 6, PTR: 12, MX: 15, TXT: 16, AAAA: 28, SRV: 33 };
const TYPE_NAMES = Object.fromEntries(Object.entries(TYPES).map(([k, v]) => [v, k]));

// ---- just enough RFC 1035 for the test session ----

// A query as RFC 8484 §4.1 wants it: ID 0, RD set, one question, and an EDNS
// OPT record (RFC 6891) advertising 1232 bytes.
function encodeQuery(name, type) {
  const bytes = [0, 0, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 1];
  for (const label of name.replace(/\.$/, '').split('.').filter(Boolean)) {
    bytes.push(label.length, ...new TextEncoder().encode(label));
  }
  bytes.push(0, TYPES[type] >> 8, TYPES[type] & 0xff, 0, 1);
  bytes.push(0, 0, 41, 1232 >> 8, 1232 & 0xff, 0, 0, 0, 0, 0, 0);
  return Uint8Array.from(bytes);
}

function readName(msg, offset) {
  const labels = [];
  let end = -1;
  for (let hops = 0; hops < 64; hops++) {
    const len = msg[offset];
    if (len === 0) {
      return { name: labels.join('.') + '.', next: end >= 0 ? end : offset + 1 };
    }
    if ((len & 0xc0) === 0xc0) {
      if (end < 0) end = offset + 2;
      offset = ((len & 0x3f) << 8) | msg[offset + 1];
      continue;
    }
    labels.push(new TextDecoder().decode(msg.subarray(offset + 1, offset + 1 + len)));
    offset += 1 + len;
  }
  throw new Error('name loop');
}

// {rcode, answers: [{name, type, data}]}: data is text for the types used here.
function decodeResponse(msg) {
  const view = new DataView(msg.buffer, msg.byteOffset, msg.byteLength);
  const rcode = msg[3] & 0x0f;
  const qdcount = view.getUint16(4);
  const ancount = view.getUint16(6);
  let offset = 12;
  for (let i = 0; i < qdcount; i++) offset = readName(msg, offset).next + 4;
  const answers = [];
  for (let i = 0; i < ancount; i++) {
    const owner = readName(msg, offset);
    offset = owner.next;
    const type = view.getUint16(offset);
    const rdlength = view.getUint16(offset + 8);
    const rdata = offset + 10;
    let data;
    switch (TYPE_NAMES[type]) {
      case 'A': data = Array.from(msg.subarray(rdata, rdata + 4)).join('.'); break;
      case 'AAAA': data = Array.from({ length: 8 }, (_, k) => view.getUint16(rdata + 2 * k).toString(16)).join(':'); break;
      case 'CNAME': case 'PTR': data = readName(msg, rdata).name; break;
      case 'MX': data = `${view.getUint16(rdata)} ${readName(msg, rdata + 2).name}`; break;
      case 'TXT': {
        const parts = [];
        for (let p = rdata; p < rdata + rdlength; p += 1 + msg[p]) parts.push(new TextDecoder().decode(msg.subarray(p + 1, p + 1 + msg[p])));
        data = parts.join('');
        break;
      }
      default: data = `\\# ${rdlength}`;
    }
    answers.push({ name: owner.name, type: TYPE_NAMES[type] ?? type, data });
    offset = rdata + rdlength;
  }
  return { rcode, answers };
}

// ---- a test-only Session with the same interface as the wasm one ----

// Round 1 asks `first`; each later round is what `follow(answersOfRound)`
// returns, until it returns nothing. Records every feed.
class TestSession {
  constructor(first, follow = () => []) {
    this.follow = follow;
    this.nextId = 1;
    this.roundNo = 0;
    this.log = [];
    this.results = new Map();
    this.open(first);
  }
  open(questions) {
    this.roundNo++;
    this.current = questions.map(([name, type]) => ({ id: this.nextId++, name, type, wire: encodeQuery(name, type) }));
    this.unanswered = new Set(this.current.map((q) => q.id));
  }
  pending() {
    return this.current.filter((q) => this.unanswered.has(q.id));
  }
  round() {
    return this.roundNo;
  }
  done() {
    return this.unanswered.size === 0 && this.current.length === 0;
  }
  settle(id, result) {
    if (!this.unanswered.has(id)) return false;
    const q = this.current.find((x) => x.id === id);
    this.unanswered.delete(id);
    this.results.set(id, { ...q, round: this.roundNo, ...result });
    this.log.push({ id, round: this.roundNo, ...result });
    if (this.unanswered.size === 0) {
      const roundResults = this.current.map((x) => this.results.get(x.id));
      const more = this.follow(roundResults);
      if (more.length) this.open(more);
      else this.current = [];
    }
    return true;
  }
  feedWire(id, bytes) {
    assert.ok(bytes instanceof Uint8Array, 'feedWire gets a Uint8Array');
    return this.settle(id, { wire: bytes, response: decodeResponse(bytes) });
  }
  feedJson(id, text) {
    assert.equal(typeof text, 'string');
    return this.settle(id, { json: JSON.parse(text) });
  }
  feedFailure(id, kind, detail) {
    return this.settle(id, { failure: kind, detail });
  }
  answer(name, type) {
    return [...this.results.values()].find((r) => r.name === name && r.type === type);
  }
}

// ---- loopback servers ----

let resolver;
let cert;
let key;
const servers = [];

before(async () => {
  // Without the CA every fetch below fails as 'network': say why up front.
  const trust = nodeTrustProblem();
  if (trust) throw new Error(trust);
  resolver = await startResolver({ zones: zonesIn(served) });
  cert = readFileSync(join(certDir(), 'cert.pem'));
  key = readFileSync(join(certDir(), 'key.pem'));
});

after(async () => {
  await resolver?.stop();
  for (const s of servers) {
    s.closeAllConnections?.();
    for (const socket of s.sockets ?? []) socket.destroy();
    await new Promise((ok) => s.close(ok));
  }
});

const listen = (server) =>
  new Promise((ok) => {
    servers.push(server);
    server.listen(0, '127.0.0.1', () => ok(`https://127.0.0.1:${server.address().port}/dns-query`));
  });

// An https server that answers every request with `handler`; counts hits.
async function httpsStub(handler) {
  const stub = { hits: 0, requests: [] };
  const server = createHttpsServer({ cert, key }, (req, res) => {
    stub.hits++;
    stub.requests.push({ url: req.url, headers: req.headers });
    handler(req, res);
  });
  stub.url = await listen(server);
  return stub;
}

// Accepts TCP connections and never says a word, not even a TLS handshake.
async function silentServer() {
  const stub = { connections: 0 };
  const server = createTcpServer((socket) => {
    stub.connections++;
    server.sockets.add(socket);
  });
  server.sockets = new Set();
  stub.url = await listen(server);
  return stub;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---- tests ----

test('the resolver answers DoH GET with the CORS header a web page needs', async () => {
  const dns = Buffer.from(encodeQuery('club.test.', 'MX')).toString('base64url');
  const res = await fetch(`${resolver.url}?dns=${dns}`, {
    headers: { accept: 'application/dns-message', origin: 'http://127.0.0.1:8080' },
  });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('access-control-allow-origin'), '*');
  assert.equal(res.headers.get('content-type'), 'application/dns-message');
  const { rcode, answers } = decodeResponse(new Uint8Array(await res.arrayBuffer()));
  assert.equal(rcode, 0);
  assert.deepEqual(answers.map((a) => a.data), ['0 mail.club.test.']);
  assert.ok(resolver.startupMs < 10000);
});

test('runSession follows the scenario over three rounds against the real resolver', async () => {
  // Round 1: the domain's MX and SPF, the autodiscover SRV, the origin's PTR.
  // Round 2: the MX exchange's address and the SPF include. Round 3: the
  // nested include.
  const session = new TestSession(
    [
      ['club.test.', 'MX'],
      ['club.test.', 'TXT'],
      ['_autodiscover._tcp.club.test.', 'SRV'],
      ['10.113.0.203.in-addr.arpa.', 'PTR'],
    ],
    (results) => {
      const next = [];
      for (const r of results) {
        for (const a of r.response?.answers ?? []) {
          if (a.type === 'MX') next.push([a.data.split(' ')[1], 'A']);
          const include = a.type === 'TXT' && /^v=spf1 /.test(a.data) && a.data.match(/include:(\S+)/);
          if (include) next.push([include[1].replace(/\.?$/, '.'), 'TXT']);
        }
      }
      return next;
    },
  );
  const progress = [];
  const stats = await runSession(session, { resolver: resolver.url, onProgress: (p) => progress.push(p) });

  assert.equal(stats.rounds, 3);
  assert.equal(stats.questions, 7);
  assert.equal(stats.failures, 0);
  assert.equal(stats.resolver, resolver.url);
  assert.equal(stats.format, 'wire');
  assert.ok(stats.elapsedMs >= 0);
  assert.ok(session.done());

  for (const r of session.results.values()) {
    assert.equal(r.failure, undefined, `${r.name} ${r.type}: ${r.detail}`);
    assert.equal(r.response.rcode, 0, `${r.name} ${r.type} rcode`);
    assert.ok(r.response.answers.length > 0, `${r.name} ${r.type} has answers`);
  }
  assert.deepEqual(session.answer('club.test.', 'MX').response.answers.map((a) => a.data), ['0 mail.club.test.']);
  assert.match(session.answer('club.test.', 'TXT').response.answers[0].data, /include:_spf\.mailhost\.test/);
  assert.deepEqual(session.answer('10.113.0.203.in-addr.arpa.', 'PTR').response.answers.map((a) => a.data), ['server.club.test.']);

  // The story: mail.club.test is a CNAME to the proxied apex, so its address
  // is Cloudflare's.
  const mail = session.answer('mail.club.test.', 'A');
  assert.equal(mail.round, 2);
  const byType = (t) => mail.response.answers.filter((a) => a.type === t).map((a) => a.data).sort();
  assert.deepEqual(byType('CNAME'), ['club.test.']);
  assert.deepEqual(byType('A'), ['104.21.48.1', '172.67.160.1']);

  assert.equal(session.answer('_spf.mailhost.test.', 'TXT').round, 2);
  const spf2 = session.answer('_spf2.mailhost.test.', 'TXT');
  assert.equal(spf2.round, 3);
  assert.match(spf2.response.answers[0].data, /^v=spf1 ip4:192\.0\.2\.128\/25/);

  assert.deepEqual(progress.map((p) => p.round), [1, 1, 1, 1, 2, 2, 3]);
  assert.deepEqual(progress.map((p) => `${p.answered}/${p.total}`), ['1/4', '2/4', '3/4', '4/4', '1/2', '2/2', '1/1']);
  assert.ok(progress.every((p) => typeof p.name === 'string' && typeof p.type === 'string' && !p.failure && p.failed === 0));
  assert.equal(progressMessage(progress[3]), 'round 1: 4/4 answered');
});

test('wire queries go out as GET ?dns= base64url without padding, with accept: application/dns-message', async () => {
  const seen = [];
  const spy = (url, init) => {
    seen.push({ url, init });
    return fetch(url, init);
  };
  const session = new TestSession([['club.test.', 'SOA'], ['ftp.club.test.', 'A']]);
  const asked = new Set(session.pending().map((q) => Buffer.from(q.wire).toString('base64url')));
  await runSession(session, { resolver: resolver.url, fetch: spy });
  assert.equal(seen.length, 2);
  for (const { url, init } of seen) {
    assert.equal(init.method, 'GET');
    assert.equal(new Headers(init.headers).get('accept'), 'application/dns-message');
    const param = new URL(url).searchParams.get('dns');
    assert.match(param, /^[A-Za-z0-9_-]+$/, 'base64url, no padding');
    assert.ok(asked.has(param), 'the parameter is the base64url of a query the session handed out');
  }
  assert.deepEqual(session.answer('ftp.club.test.', 'A').response.answers.map((a) => a.data), ['203.0.113.10']);
  // Every padding case of the encoder.
  for (let n = 1; n <= 7; n++) {
    const wire = Uint8Array.from({ length: n }, (_, i) => (i * 97 + 250) & 0xff);
    const url = questionUrl('https://x.test/dns-query', 'wire', { name: 'x.', type: 'A', wire });
    assert.equal(new URL(url).searchParams.get('dns'), Buffer.from(wire).toString('base64url'));
  }
});

test('a request that never answers is retried once, then fed as a timeout', async () => {
  const silent = await silentServer();
  const session = new TestSession([['club.test.', 'MX']]);
  const progress = [];
  const t0 = Date.now();
  const stats = await runSession(session, { resolver: silent.url, timeoutMs: 300, onProgress: (p) => progress.push(p) });
  const elapsed = Date.now() - t0;
  assert.equal(silent.connections, 2, 'first attempt and one retry');
  assert.deepEqual(session.log.map((l) => [l.failure, l.detail]), [['timeout', 'no answer within 300 ms']]);
  assert.equal(stats.failures, 1);
  assert.ok(elapsed >= 550 && elapsed < 3000, `two timeouts took ${elapsed} ms`);
  assert.equal(progress.at(-1).failure, 'timeout');
});

test('HTTP 5xx is retried and fed as an http failure; 4xx is not retried', async () => {
  const unavailable = await httpsStub((req, res) => res.writeHead(503, { 'content-type': 'text/plain' }).end('busy'));
  let session = new TestSession([['club.test.', 'MX']]);
  let stats = await runSession(session, { resolver: unavailable.url });
  assert.deepEqual(session.log.map((l) => [l.failure, l.detail]), [['http', 'HTTP 503 Service Unavailable']]);
  assert.equal(unavailable.hits, 2);
  assert.equal(stats.failures, 1);

  const missing = await httpsStub((req, res) => res.writeHead(404).end());
  session = new TestSession([['club.test.', 'MX']]);
  stats = await runSession(session, { resolver: missing.url });
  assert.deepEqual(session.log.map((l) => [l.failure, l.detail]), [['http', 'HTTP 404 Not Found']]);
  assert.equal(missing.hits, 1);
});

test('an answer of the wrong media type is fed as a content-type failure', async () => {
  const portal = await httpsStub((req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html>captive portal</html>'));
  const session = new TestSession([['club.test.', 'MX']]);
  await runSession(session, { resolver: portal.url });
  assert.deepEqual(session.log.map((l) => [l.failure, l.detail]), [['content-type', 'expected application/dns-message, got text/html']]);
  assert.equal(portal.hits, 1, 'not retried');
});

test('a question that got no answer is never counted as answered, in the progress nor in its words', async () => {
  const closed = createTcpServer();
  const url = await new Promise((ok) => closed.listen(0, '127.0.0.1', () => ok(`https://127.0.0.1:${closed.address().port}/dns-query`)));
  await new Promise((ok) => closed.close(ok));
  const session = new TestSession([['club.test.', 'MX'], ['club.test.', 'A'], ['club.test.', 'TXT']]);
  const progress = [];
  await runSession(session, { resolver: url, retries: 0, onProgress: (p) => progress.push(p) });
  assert.deepEqual(progress.map((p) => `${p.answered}/${p.failed}/${p.total}`), ['1/1/3', '2/2/3', '3/3/3']);
  assert.equal(progressMessage(progress.at(-1)), 'round 1: 0/3 answered, 3 got no answer');
  assert.equal(progressMessage(progress.at(-1), 'ja'), 'ラウンド 1: 0/3 件回答済み、3 件は応答なし');
  assert.equal(progressMessage({ round: 2, answered: 5, failed: 1, total: 9 }), 'round 2: 4/9 answered, 1 got no answer');
});

test('a refused connection is retried, then fed as a network failure', async () => {
  const closed = createTcpServer();
  const url = await new Promise((ok) => closed.listen(0, '127.0.0.1', () => ok(`https://127.0.0.1:${closed.address().port}/dns-query`)));
  await new Promise((ok) => closed.close(ok));
  let attempts = 0;
  const counting = (u, init) => {
    attempts++;
    return fetch(u, init);
  };
  const session = new TestSession([['club.test.', 'MX']]);
  await runSession(session, { resolver: url, fetch: counting });
  assert.equal(attempts, 2);
  assert.equal(session.log[0].failure, 'network');
  assert.match(session.log[0].detail, /ECONNREFUSED/);
});

test('an answer longer than a DNS message is read only to one byte past 65,535, and the rest is never sent', async () => {
  let served = 0;
  let cut = false;
  const flood = await httpsStub((req, res) => {
    res.writeHead(200, { 'content-type': 'application/dns-message' });
    const chunk = Buffer.alloc(16384, 0x41);
    res.on('close', () => {
      cut = !res.writableFinished;
    });
    // 64 MiB if nobody stops reading; written as the client reads.
    const pump = () => {
      while (served < 64 << 20) {
        served += chunk.length;
        if (!res.write(chunk)) return res.once('drain', pump);
      }
      res.end();
    };
    pump();
  });
  const lengths = [];
  const session = new TestSession([['club.test.', 'TXT']]);
  session.feedWire = (id, bytes) => {
    lengths.push(bytes.length);
    return session.settle(id, { wire: bytes });
  };
  await runSession(session, { resolver: flood.url, timeoutMs: 10000 });
  assert.deepEqual(lengths, [65536], 'the core gets 65,536 bytes and refuses them as too large');
  for (let i = 0; i < 50 && !cut; i++) await sleep(20);
  assert.ok(cut, 'the response was cut off');
  assert.ok(served < 8 << 20, `served ${served} bytes before the cut`);
});

test('readAtMost: short bodies whole, long ones cut at the limit', async () => {
  const body = (n, chunk = 1000) =>
    new Response(
      new ReadableStream({
        start(c) {
          for (let at = 0; at < n; at += chunk) c.enqueue(new Uint8Array(Math.min(chunk, n - at)).fill(at / chunk));
          c.close();
        },
      }),
    );
  assert.equal((await readAtMost(body(2500), 4000)).length, 2500);
  const cut = await readAtMost(body(10000), 2501);
  assert.equal(cut.length, 2501);
  assert.deepEqual([cut[0], cut[1999], cut[2000], cut[2500]], [0, 1, 2, 2]);
  assert.equal((await readAtMost(new Response(new Uint8Array(10)), 4)).length, 4);
});

test('JSON format asks ?name=&type= with accept: application/dns-json and feeds the text', async () => {
  const json = await httpsStub((req, res) => {
    const q = new URL(req.url, 'https://x').searchParams;
    res.writeHead(200, { 'content-type': 'application/dns-json' });
    res.end(JSON.stringify({ Status: 0, Question: [{ name: q.get('name'), type: 15 }], Answer: [{ name: q.get('name'), type: 15, TTL: 300, data: '0 mail.club.test.' }] }));
  });
  const session = new TestSession([['club.test.', 'MX']]);
  const stats = await runSession(session, { resolver: json.url, format: 'json' });
  assert.equal(stats.format, 'json');
  assert.equal(json.requests[0].headers.accept, 'application/dns-json');
  const q = new URL(json.requests[0].url, 'https://x').searchParams;
  assert.equal(q.get('name'), 'club.test.');
  assert.equal(q.get('type'), 'MX');
  assert.equal(session.log[0].json.Answer[0].data, '0 mail.club.test.');
});

test('no more than `concurrency` requests are in flight at once', async () => {
  const names = ['club.test.', 'www.club.test.', 'mail.club.test.', 'webmail.club.test.', 'cpanel.club.test.', 'autodiscover.club.test.', 'autoconfig.club.test.', 'ftp.club.test.'];
  const session = new TestSession(names.flatMap((n) => [[n, 'A'], [n, 'AAAA']]));
  let inFlight = 0;
  let peak = 0;
  const gated = async (url, init) => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    try {
      await sleep(15); // hold the slot long enough for the others to pile up
      return await fetch(url, init);
    } finally {
      inFlight--;
    }
  };
  const stats = await runSession(session, { resolver: resolver.url, fetch: gated, concurrency: 3 });
  assert.equal(peak, 3);
  assert.equal(stats.questions, 16);
  assert.equal(stats.failures, 0);
  assert.deepEqual(session.answer('www.club.test.', 'AAAA').response.answers.map((a) => a.data).sort(), ['2606:4700:3030:0:0:0:6815:3001', '2606:4700:3030:0:0:0:ac43:a001']);
});

test('an outer AbortSignal stops the run at once and nothing more is fed', async () => {
  const silent = await silentServer();
  const session = new TestSession([['club.test.', 'MX'], ['club.test.', 'TXT']]);
  const controller = new AbortController();
  setTimeout(() => controller.abort(new Error('user cancelled')), 100);
  const t0 = Date.now();
  await assert.rejects(runSession(session, { resolver: silent.url, timeoutMs: 10000, signal: controller.signal }), /user cancelled/);
  assert.ok(Date.now() - t0 < 2000, 'did not wait for the request timeout');
  await sleep(50);
  assert.equal(session.log.length, 0);

  // Already aborted: no request at all.
  let calls = 0;
  await assert.rejects(
    runSession(new TestSession([['club.test.', 'MX']]), { resolver: resolver.url, signal: AbortSignal.abort(), fetch: () => calls++ }),
    { name: 'AbortError' },
  );
  assert.equal(calls, 0);
});

test('a session that never finishes is stopped with a clear error', async () => {
  const answer = async () => new Response(new Uint8Array(12), { headers: { 'content-type': 'application/dns-message' } });
  // Every answer opens another round.
  const endless = new TestSession([['a.test.', 'A']], (r) => [[`x${r[0].id}.a.test.`, 'A']]);
  await assert.rejects(runSession(endless, { resolver: resolver.url, fetch: answer, maxRounds: 5 }), /still not done after 5 rounds/);
  assert.equal(endless.log.length, 5);
  assert.equal(MAX_ROUNDS, 64);

  // Says it is not done but hands out nothing.
  const stuck = { pending: () => [], round: () => 1, done: () => false };
  await assert.rejects(runSession(stuck, { resolver: resolver.url, fetch: answer }), /not done but has no pending question/);

  // Ignores what it is fed.
  const deaf = { pending: () => [{ id: 1, name: 'a.test.', type: 'A', wire: encodeQuery('a.test.', 'A') }], round: () => 1, done: () => false, feedWire: () => false };
  await assert.rejects(runSession(deaf, { resolver: resolver.url, fetch: answer }), /did not accept the answers of round 1/);

  // Offline: nothing to ask, no request.
  const offline = { pending: () => [], round: () => 0, done: () => true };
  const stats = await runSession(offline, { fetch: () => assert.fail('no fetch expected') });
  assert.equal(stats.rounds, 0);
  assert.equal(stats.questions, 0);
});

test('resolveResolver takes preset names and https URLs', () => {
  assert.deepEqual(resolveResolver('cloudflare'), { url: RESOLVERS.cloudflare.wire, format: 'wire', label: RESOLVERS.cloudflare.label });
  assert.equal(resolveResolver('google', 'json').url, 'https://dns.google/resolve');
  assert.equal(resolveResolver('Google').url, 'https://dns.google/dns-query');
  assert.equal(resolveResolver(RESOLVERS.google, 'json').url, RESOLVERS.google.json);
  assert.equal(resolveResolver('https://doh.example.test/q?x=1').url, 'https://doh.example.test/q?x=1');
  assert.equal(resolveResolver('https://doh.example.test/q', 'json').format, 'json');
  assert.throws(() => resolveResolver('http://doh.example.test/dns-query'), /must be https/);
  assert.throws(() => resolveResolver('opendns'), /unknown resolver "opendns"/);
  assert.throws(() => resolveResolver('google', 'xml'), /unknown DoH format/);
  assert.match(questionUrl('https://doh.example.test/q?x=1', 'json', { name: 'club.test.', type: 'MX' }), /\?x=1&name=club\.test\.&type=MX$/);
});
