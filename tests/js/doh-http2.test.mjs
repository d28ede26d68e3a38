// DoH over HTTP/2 (www/cli/doh-http2.mjs) against the real loopback resolver: dnsdist's DoH
// listener (tests/resolver), which offers ALPN h2, in front of nsd serving the
// cpanel-mail-cname scenario; plus node:http2 servers on loopback that misbehave on purpose
// (too many bytes, silence) and an HTTP/2-only relay (the case of Quad9) to the same
// resolver. The core's Session drives the questions (runSession with the HTTP/2 fetch
// injected), as `mxray verify` does. Run with NODE_EXTRA_CA_CERTS=build/resolver/cert.pem.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createSecureServer, constants } from 'node:http2';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startResolver, zonesIn, certDir, nodeTrustProblem } from '../resolver/resolver.mjs';
import { runSession, questionUrl, readAtMost, resolveResolver, RESOLVERS } from '../../www/lib/doh-driver.js';
import { createSession } from '../../www/lib/session.js';
import { loadCore } from '../../www/lib/core-node.js';
import { createHttp2Fetch } from '../../www/cli/doh-http2.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const served = fileURLToPath(new URL('../scenarios/cpanel-mail-cname/served/', import.meta.url));

let resolver;
let core;
let cert;
let key;
const servers = [];

before(async () => {
  const trust = nodeTrustProblem();
  if (trust) throw new Error(trust);
  resolver = await startResolver({ zones: zonesIn(served) });
  core = await loadCore();
  cert = readFileSync(join(certDir(), 'cert.pem'));
  key = readFileSync(join(certDir(), 'key.pem'));
});

after(async () => {
  for (const s of servers) {
    for (const socket of s.open ?? []) socket.destroy();
    await new Promise((ok) => s.close(ok));
  }
  await resolver?.stop();
});

// A server on a free loopback port; its sockets are destroyed at the end.
const listen = (server) =>
  new Promise((ok) => {
    servers.push(server);
    server.open = new Set();
    // 'connection' is the TCP socket, for a TLS or HTTP/2 server too.
    server.on('connection', (socket) => {
      server.open.add(socket);
      socket.on('close', () => server.open.delete(socket));
    });
    server.listen(0, '127.0.0.1', () => ok(`https://127.0.0.1:${server.address().port}/dns-query`));
  });

// An HTTP/2-only DoH server (no HTTP/1.1, as Quad9 is said to be) whose streams `handler` answers.
const http2Server = (handler) => {
  const server = createSecureServer({ cert, key, allowHTTP1: false });
  server.on('stream', handler);
  return listen(server);
};

// Relays each DoH GET to the loopback resolver (over HTTP/1.1 fetch), so the HTTP/2-only
// server answers what dnsdist answers.
const relay = () =>
  http2Server(async (stream, headers) => {
    const url = new URL(headers[':path'], resolver.url);
    const res = await fetch(`${resolver.url}${url.search}`, { headers: { accept: headers.accept ?? '' } });
    const body = Buffer.from(await res.arrayBuffer());
    if (stream.destroyed) return;
    stream.respond({ ':status': res.status, 'content-type': res.headers.get('content-type') ?? '' });
    stream.end(body);
  });

const newSession = (domain = 'club.test') => createSession(core, { domain, options: { ask_ptr: false, padding: false } });

// The facts of a whole check of `domain` asked through `run` (runSession options).
async function factsThrough(run, domain = 'club.test') {
  const session = newSession(domain);
  try {
    const stats = await runSession(session, { resolver: resolver.url, ...run });
    // The session lists facts in the order the answers came, and numbers the questions of a
    // later round in that order too: compared without the ids, in a fixed order.
    const all = session.facts().facts;
    assert.equal(new Set(all.map((f) => f.id)).size, all.length);
    const facts = all
      .map(({ id, ...fact }) => fact)
      .map((fact) => [JSON.stringify(fact), fact])
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, fact]) => fact);
    return { facts, stats };
  } finally {
    session.dispose();
  }
}

test('dnsdist on loopback offers HTTP/2 by ALPN (h2), and HTTP/1.1 to a client that asks for it', async () => {
  const alpn = (protocols) =>
    new Promise((ok, fail) => {
      const url = new URL(resolver.url);
      const socket = tlsConnect({ host: url.hostname, port: Number(url.port), ALPNProtocols: protocols });
      socket.once('error', fail);
      socket.once('secureConnect', () => {
        ok(socket.alpnProtocol);
        socket.destroy();
      });
    });
  assert.equal(await alpn(['h2', 'http/1.1']), 'h2');
  assert.equal(await alpn(['http/1.1']), false); // no ALPN chosen: HTTP/1.1, as fetch speaks it
});

test('over HTTP/2 the resolver gives the same answer as over HTTP/1.1, on one connection', async () => {
  const h2 = createHttp2Fetch();
  try {
    // Each question, byte for byte.
    const session = newSession();
    const questions = Array.from(session.pending());
    session.dispose();
    assert.ok(questions.length > 10, `${questions.length} questions`);
    for (const q of questions) {
      const url = questionUrl(resolver.url, 'wire', q);
      const init = { headers: { accept: 'application/dns-message' } };
      const [one, two] = [await fetch(url, init), await h2.fetch(url, init)];
      assert.equal(two.status, one.status);
      assert.equal(two.headers.get('content-type'), one.headers.get('content-type'));
      assert.deepEqual(await readAtMost(two, 65536), await readAtMost(one, 65536), `${q.name} ${q.type}`);
    }
    // RFC 8484 POST (the driver sends GET; the transport takes either): the same answer.
    const q = questions.find((x) => x.type === 'MX');
    const post = await h2.fetch(resolver.url, { method: 'POST', headers: { accept: 'application/dns-message', 'content-type': 'application/dns-message' }, body: q.wire });
    const get = await fetch(questionUrl(resolver.url, 'wire', q), { headers: { accept: 'application/dns-message' } });
    assert.equal(post.status, 200);
    assert.deepEqual(await readAtMost(post, 65536), await readAtMost(get, 65536));
    // A whole check: the same facts, every question on the one HTTP/2 connection.
    const before = h2.stats();
    const viaH1 = await factsThrough({});
    const viaH2 = await factsThrough({ fetch: h2.fetch });
    assert.ok(viaH1.facts.some((f) => f.state === 'answered'));
    assert.ok(viaH1.facts.every((f) => f.state !== 'unknown'), JSON.stringify(viaH1.facts.find((f) => f.state === 'unknown')));
    assert.deepEqual(viaH2.facts, viaH1.facts);
    assert.equal(viaH2.stats.failures, 0);
    const after = h2.stats();
    assert.equal(after.connections, 1);
    assert.equal(after.http2 - before.http2, viaH2.stats.questions);
    assert.equal(after.fallback, 0);
  } finally {
    await h2.close();
  }
});

test('an HTTP/2-only resolver (as Quad9): could not ask over HTTP/1.1 fetch, answered over HTTP/2', async () => {
  const url = await relay();
  const viaH1 = await factsThrough({ resolver: url, timeoutMs: 3000, retries: 0 });
  assert.ok(viaH1.facts.every((f) => f.state === 'unknown'), JSON.stringify(viaH1.facts[0]));
  assert.equal(viaH1.facts[0].reason.code, 'network');
  const h2 = createHttp2Fetch();
  try {
    const direct = await factsThrough({});
    const viaH2 = await factsThrough({ resolver: url, fetch: h2.fetch });
    assert.deepEqual(viaH2.facts, direct.facts);
  } finally {
    await h2.close();
  }
  // Quad9's preset says it speaks HTTP/2 only; the others are asked with fetch.
  assert.equal(resolveResolver('quad9').http2, true);
  assert.equal(resolveResolver('cloudflare').http2, undefined);
  assert.equal(RESOLVERS.quad9.wire, 'https://dns.quad9.net/dns-query');
});

test('a server without HTTP/2 is asked over HTTP/1.1 (fetch) instead, and stays so', async () => {
  // An HTTPS server with no ALPN at all: the handshake picks no protocol, so HTTP/1.1.
  const server = createHttpsServer({ cert, key }, async (req, res) => {
    const url = new URL(req.url, resolver.url);
    const r = await fetch(`${resolver.url}${url.search}`, { headers: { accept: req.headers.accept ?? '' } });
    res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? '' });
    res.end(Buffer.from(await r.arrayBuffer()));
  });
  const url = await listen(server);
  const h2 = createHttp2Fetch();
  try {
    const direct = await factsThrough({});
    const via = await factsThrough({ resolver: url, fetch: h2.fetch });
    assert.deepEqual(via.facts, direct.facts);
    const stats = h2.stats();
    assert.equal(stats.http2, 0);
    assert.equal(stats.fallback, via.stats.questions);
    assert.equal(stats.connections, 1); // the ALPN probe, once
  } finally {
    await h2.close();
  }
});

test('a server that sends too many bytes is cut at the limit (65,535 + 1) and its stream reset', async () => {
  let resets = 0;
  let written = 0;
  const url = await http2Server((stream) => {
    stream.respond({ ':status': 200, 'content-type': 'application/dns-message' });
    const chunk = Buffer.alloc(16384, 0x41);
    const pump = () => {
      while (!stream.destroyed && written < 64 << 20) {
        written += chunk.length;
        if (!stream.write(chunk)) return stream.once('drain', pump);
      }
    };
    stream.on('close', () => {
      if (stream.rstCode === constants.NGHTTP2_CANCEL) resets++;
    });
    stream.on('error', () => {});
    pump();
  });
  const h2 = createHttp2Fetch();
  try {
    // The body as the driver reads it: no more than the limit + 1.
    const res = await h2.fetch(`${url}?dns=AAABAAABAAAAAAAABGNsdWIEdGVzdAAADwAB`, { headers: { accept: 'application/dns-message' } });
    assert.equal(res.status, 200);
    const body = await readAtMost(res, 65536);
    assert.equal(body.length, 65536);
    // A whole check: every question refused by the core's own rule, none taken as an answer.
    const { facts, stats } = await factsThrough({ resolver: url, fetch: h2.fetch });
    assert.ok(facts.length > 0);
    assert.ok(facts.every((f) => f.state === 'unknown'), JSON.stringify(facts.find((f) => f.state !== 'unknown')));
    assert.ok(facts.every((f) => f.reason.code === 'malformed'), JSON.stringify(facts[0].reason));
    await new Promise((ok) => setTimeout(ok, 200));
    // Each stream was reset by the client (NGHTTP2_CANCEL) rather than read to its end.
    assert.equal(resets, stats.questions + 1);
    // Flow control: the server could not push the 64 MiB per stream it tried to.
    assert.ok(written < (stats.questions + 1) * (4 << 20), `${written} bytes written`);
  } finally {
    await h2.close();
  }
});

test('a silent server times out as could not ask (unknown), never an answer', async () => {
  // HTTP/2 up, streams never answered.
  const quiet = await http2Server((stream) => stream.on('error', () => {}));
  // TCP accepted, not even a TLS handshake.
  const mute = await listen(createTcpServer(() => {}));
  for (const url of [quiet, mute]) {
    const h2 = createHttp2Fetch();
    try {
      const started = Date.now();
      const { facts, stats } = await factsThrough({ resolver: url, fetch: h2.fetch, timeoutMs: 300, retries: 0, concurrency: 64 });
      assert.ok(Date.now() - started < 5000, `${Date.now() - started} ms`);
      assert.ok(facts.length > 0);
      assert.ok(facts.every((f) => f.state === 'unknown' && f.reason.code === 'timeout'), `${url}: ${JSON.stringify(facts[0])}`);
      assert.equal(stats.failures, stats.questions);
    } finally {
      await h2.close();
    }
  }
});

// Runs `source` (an ES module) in a fresh Node; resolves to {code, stdout, stderr, ms}.
function node(source, env = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'mxray-h2-'));
  const file = join(dir, 'run.mjs');
  writeFileSync(file, source);
  const started = Date.now();
  return new Promise((ok) => {
    const child = spawn(process.execPath, [file], { cwd: root, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const killer = setTimeout(() => child.kill('SIGKILL'), 15000);
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      rmSync(dir, { recursive: true, force: true });
      ok({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}

test('the process exits when the work is done: after close(), and with an idle connection left open', async () => {
  const quiet = await http2Server((stream) => stream.on('error', () => {}));
  const module = new URL('../../www/cli/doh-http2.mjs', import.meta.url).href;
  const driver = new URL('../../www/lib/doh-driver.js', import.meta.url).href;
  for (const closeIt of [true, false]) {
    const r = await node(`
      import { createHttp2Fetch } from ${JSON.stringify(module)};
      import { readAtMost } from ${JSON.stringify(driver)};
      const h2 = createHttp2Fetch();
      const res = await h2.fetch(process.env.ASK, { headers: { accept: 'application/dns-message' } });
      const body = await readAtMost(res, 65536);
      // A stream the server never answers, given up by its signal.
      const gone = await h2.fetch(process.env.QUIET, { signal: AbortSignal.timeout(200) }).then(() => 'answered', (e) => e.name);
      console.log(res.status, body.length, gone, JSON.stringify(h2.stats()));
      ${closeIt ? 'await h2.close();' : ''}
    `, { ASK: `${resolver.url}?dns=AAABAAABAAAAAAAABGNsdWIEdGVzdAAADwAB`, QUIET: `${quiet}?dns=AAABAAABAAAAAAAABGNsdWIEdGVzdAAADwAB` });
    assert.equal(r.signal, null, `killed: did not exit (close: ${closeIt})`);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^200 \d+ TimeoutError \{"connections":2,"http2":2,"fallback":0\}/);
    assert.ok(r.ms < 10000, `${r.ms} ms`);
  }
});

// `mxray verify` in a fresh Node; resolves to {code, stdout, stderr}.
function verify(args) {
  return new Promise((ok) => {
    const child = spawn(process.execPath, ['www/cli/mxray.mjs', 'verify', ...args], { cwd: root, env: { ...process.env, LANG: 'C', LC_ALL: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => ok({ code, stdout, stderr }));
  });
}

test('mxray verify asks an HTTP/2-only resolver with --doh-http2 (and could not without it); quad9 is a default', async () => {
  const url = await relay();
  const dir = mkdtempSync(join(tmpdir(), 'mxray-h2-verify-'));
  try {
    const expect = join(dir, 'check.json');
    writeFileSync(expect, JSON.stringify({ fix: { edits: [{ op: 'replace', zone: 0, name: 'mail.club.test.', type: 'A', data: '203.0.113.25', proxied: false }] } }));
    const args = ['club.test', '--expect', expect, '--server', `${resolver.do53.host}:${resolver.do53.port}`, '--resolver', url, '--format', 'json', '--timeout', '2000'];
    const over2 = await verify([...args, '--doh-http2']);
    const over1 = await verify(args);
    const seen = (r) => JSON.parse(r.stdout).records[0].resolvers[0];
    // The zone still has the old address: the relay answers it over HTTP/2.
    assert.equal(over2.code, 1, over2.stdout + over2.stderr);
    assert.equal(seen(over2).known, true, over2.stdout);
    assert.equal(seen(over2).matches, false);
    // Over HTTP/1.1 the relay cannot be asked (the authoritative server's old answer decides the exit status).
    assert.equal(over1.code, 1, over1.stdout + over1.stderr);
    assert.equal(seen(over1).known, false, over1.stdout);
    assert.equal(seen(over1).reason.code, 'network', over1.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  for (const lang of ['en', 'ja']) {
    const help = await verify(['--help', '--lang', lang]);
    assert.equal(help.code, 0);
    assert.match(help.stdout, lang === 'en' ? /cloudflare, google and quad9 by default/ : /既定は cloudflare、google、quad9 です/);
    assert.match(help.stdout, /--doh-http2/);
  }
});
