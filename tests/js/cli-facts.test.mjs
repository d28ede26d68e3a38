// `mxray facts`: the command line asking a real resolver (nsd behind dnsdist
// on loopback) what the world sees of a domain's mail.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from './lib/run-cli.mjs';
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startResolver, zonesIn, certDir } from '../resolver/resolver.mjs';

const scenario = fileURLToPath(new URL('../scenarios/cpanel-mail-cname/', import.meta.url));
let resolver;
before(async () => {
  resolver = await startResolver({ zones: zonesIn(`${scenario}served`) });
});
after(async () => {
  await resolver?.stop();
});

// Asynchronous (lib/run-cli.mjs): the daemons live in this process's event loop.
const cli = runCli;

test('facts DOMAIN prints what the resolver said, as JSON', async () => {
  const r = await cli(['facts', '--resolver', resolver.url, 'club.test']);
  const out = JSON.parse(r.stdout);
  assert.equal(out.domain, 'club.test.');
  assert.equal(out.rounds, 3);
  assert.deepEqual(out.resolver, { url: resolver.url, format: 'wire' });
  const mail = out.facts.find((f) => f.name === 'mail.club.test.' && f.type === 'A');
  assert.deepEqual(mail.records.map((x) => x.data).sort(), ['104.21.48.1', '172.67.160.1']);
  // Every question has its answer (the PTR of the origin, which nsd would refuse, is not
  // asked without --ask-ptr): exit 0.
  assert.ok(out.facts.every((f) => f.state === 'answered'), r.stdout.slice(0, 400));
  assert.equal(r.status, 0, r.stderr);
  // --domain NAME, as `mxray check` takes it, asks the same.
  const flagged = await cli(['facts', '--resolver', resolver.url, '--domain', 'club.test']);
  assert.equal(flagged.status, 0, flagged.stderr);
  assert.deepEqual(factsOf(flagged.stdout), factsOf(r.stdout));
  assert.deepEqual(factsOf((await cli(['facts', `--resolver=${resolver.url}`, '--domain=club.test'])).stdout), factsOf(r.stdout));
});

// What the facts say, in one order (answers arrive, and are listed, in any order).
const factsOf = (stdout) => {
  const { domain, rounds, facts } = JSON.parse(stdout);
  const key = (f) => `${f.round} ${f.name} ${f.type}`;
  return { domain, rounds, facts: facts.map((f) => ({ ...f, id: undefined })).sort((a, b) => key(a).localeCompare(key(b))) };
};

test('facts --zone takes the domain from the zone and asks its names in round one', async () => {
  const r = await cli(['facts', '--resolver', resolver.url, '--zone', 'examples/club-cloudflare-export.txt']);
  const out = JSON.parse(r.stdout);
  assert.ok(out.domain.length > 1);
  assert.ok(out.facts.every((f) => f.round >= 1));
});

test('facts --offline asks nothing', async () => {
  const r = await cli(['facts', '--offline', '--zone', 'examples/club-cloudflare-export.txt']);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.rounds, 0);
  assert.deepEqual(out.facts, []);
});

test('facts: usage errors exit 2 with words in the chosen language', async () => {
  let r = await cli(['facts', 'bad..name']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /not a domain name: "bad\.\.name"/);
  r = await cli(['facts', '--lang', 'ja', 'bad..name']);
  assert.match(r.stderr, /ドメイン名ではありません/);
  r = await cli(['facts', '--domain', 'bad..name']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /not a domain name: "bad\.\.name"/);
  r = await cli(['facts']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^mxray: facts needs a --domain NAME \(or DOMAIN\) or a --zone FILE\n/);
  r = await cli(['facts', '--domain', 'club.test', 'club.test']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^mxray: facts takes one domain: --domain NAME or DOMAIN\n/);
  r = await cli(['facts', '--lang', 'ja', 'a.test', 'b.test']);
  assert.match(r.stderr, /^mxray: facts に指定できるドメインは 1 つです/);
  r = await cli(['facts', '--resolver', 'http://127.0.0.1/dns-query', 'club.test']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /https/);
  r = await cli(['facts', '--doh-format', 'xml', 'club.test']);
  assert.equal(r.status, 2);
  r = await cli(['facts', '--timeout', '5', 'club.test']);
  assert.equal(r.status, 2);
});

test('facts asks the PTR of an origin address only with --ask-ptr', async () => {
  // ftp.club.test. answers with the server's own address (DNS only): its PTR
  // would tell the resolver that address.
  const ptrs = (stdout) => JSON.parse(stdout).facts.filter((f) => f.type === 'PTR').map((f) => f.name);
  const plain = await cli(['facts', '--resolver', resolver.url, 'club.test']);
  assert.deepEqual(ptrs(plain.stdout), []);
  const asked = await cli(['facts', '--resolver', resolver.url, '--ask-ptr', 'club.test']);
  assert.ok(ptrs(asked.stdout).includes('10.113.0.203.in-addr.arpa.'), asked.stdout.slice(0, 400));
  // The PTR's name is asked back (forward-confirmed reverse DNS), and nsd refuses a name
  // outside its zones: that fact is unknown, so exit 1.
  const facts = JSON.parse(asked.stdout).facts;
  assert.equal(facts.find((f) => f.name === '10.113.0.203.in-addr.arpa.').state, 'answered');
  assert.ok(facts.some((f) => f.state === 'unknown' && f.reason.code === 'refused' && f.reason.detail === '' && f.purposes.includes('ptr')));
  assert.equal(asked.status, 1);
});

test('facts pads every wire query to 128 octets (RFC 8467) unless --no-padding', async () => {
  // An https stand-in that keeps each query and answers 503: the queries are what is looked at.
  const seen = [];
  const server = createHttpsServer({ cert: readFileSync(join(certDir(), 'cert.pem')), key: readFileSync(join(certDir(), 'key.pem')) }, (req, res) => {
    seen.push(Buffer.from(new URL(req.url, 'https://x').searchParams.get('dns') ?? '', 'base64url'));
    res.writeHead(503).end();
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `https://127.0.0.1:${server.address().port}/dns-query`;
  try {
    await cli(['facts', '--resolver', url, '--timeout', '2000', 'club.test']);
    assert.ok(seen.length > 10);
    for (const q of seen) assert.equal(q.length % 128, 0, `a query of ${q.length} octets`);
    seen.length = 0;
    await cli(['facts', '--resolver', url, '--timeout', '2000', '--no-padding', 'club.test']);
    assert.ok(seen.length > 10);
    assert.ok(seen.every((q) => q.length < 128), 'unpadded queries are short');
  } finally {
    server.close();
  }
});
