// `mxray verify DOMAIN --expect FILE`: has the fix of a check reached the
// world? Per record set the fix changes (name and type, from the check's
// JSON: expectationsFromReport in www/lib/verify.js), what each
// authoritative server serves (asked directly, RD off, AA checked:
// dns-transport.mjs) and what each public resolver serves over DoH, with the
// time left on its cached answer, and a verdict (verifyRecord). --watch asks
// again when the longest cached answer runs out and stops when the fix is
// seen everywhere.
//
// Exit status: 0 seen everywhere, 1 not yet, 2 usage or input error,
// 3 something could not be asked (never 0 then).
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { cliCore } from './core.mjs';
import { parseCommandLine } from './args.mjs';
import { createDnsTransport, parseServer } from './dns-transport.mjs';
import { closeHttp2, http2FetchFor } from './doh-http2.mjs';
import { createSession } from '../lib/session.js';
import { runSession, resolveResolver, ResolverError } from '../lib/doh-driver.js';
import { UsageError, cliLanguage, cliMessage, nameServerMessage } from '../lib/cli-messages.js';
import { formatDiagnostic, sessionMessage } from '../lib/messages.js';
import { feedBytes } from '../lib/zone-input.js';
import { displayText, jsonEscaped, quotedText } from '../lib/name-safety.js';
import { expectationsFromReport, expectationsFromZone, verifyRecord, verifySummary, watchInterval } from '../lib/verify.js';

const OPTIONS = {
  expect: { type: 'string' },
  server: { type: 'string', multiple: true },
  resolver: { type: 'string', multiple: true },
  watch: { type: 'string' },
  'watch-limit': { type: 'string' },
  format: { type: 'string' },
  lang: { type: 'string' },
  timeout: { type: 'string' },
  'doh-http2': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};
// Quad9 answers DoH over HTTP/2 only (docs/sources.md#doh-wire): its preset says so
// (http2), and it is asked through doh-http2.mjs; --doh-http2 asks every resolver so.
const DEFAULT_RESOLVERS = ['cloudflare', 'google', 'quad9'];
// runSession's options for resolver `r`; the HTTP/2 client is closed when the command ends.
const runOf = (r) => ({ resolver: r.url, format: r.format, ...http2FetchFor(r) });
const EXIT = { 'seen-everywhere': 0, 'seen-by-some': 1, 'not-yet-served': 1, unknown: 3 };
// A DNS-only A/AAAA served otherwise (neither the fix's address nor a proxy's): not done, 1.
EXIT['serves-something-else'] = 1;

const fail = (text, usage = '') => {
  process.stderr.write(`mxray: ${displayText(text, true)}\n${usage ? usage + '\n' : ''}`);
  return 2;
};
const bare = (name) => String(name).replace(/\.$/, '');
const sleep = (s) => new Promise((res) => setTimeout(res, s * 1000));

// --watch takes an optional value: a bare --watch (not followed by a number) is --watch=auto.
function withWatchValue(argv) {
  return argv.map((a, i) => (a === '--watch' && !/^\d+$/.test(argv[i + 1] ?? '') ? '--watch=auto' : a));
}

function integer(text, min, max, code) {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(code, { value: text });
  return n;
}

// The facts of one source: a whole session of the domain, then a small one
// (its SOA, NS, MX, A, AAAA) for each expected name the first did not ask.
async function factsOf(core, domain, names, run, options, timeoutMs) {
  const ask = async (name, extra) => {
    let session;
    try {
      session = createSession(core, { domain: name, options: { ask_ptr: false, padding: false, ...options, ...extra } });
      await runSession(session, { ...run, timeoutMs });
      return session.facts().facts;
    } catch (e) {
      return [{ name: `${bare(name)}.`, type: '*', state: 'unknown', reason: { code: 'network', detail: String(e?.message ?? e) } }];
    } finally {
      session?.dispose();
    }
  };
  const facts = await ask(domain, {});
  const failed = facts.find((f) => f.type === '*');
  for (const { name, type } of names) {
    if (failed || facts.some((f) => f.name === name && (f.type === type || (type === 'CNAME' && CNAME_SHOWN_BY.includes(f.type))))) continue;
    // A CNAME shows in the answers of the name's A and AAAA (factFor).
    if (!['SOA', 'NS', 'MX', 'A', 'AAAA', 'CNAME'].includes(type)) continue;
    facts.push(...(await ask(name, { limits: { max_questions: 5, max_rounds: 1 } })));
  }
  return facts;
}

// The types an answer of a name shows its CNAME in (the session's questions of a name).
const CNAME_SHOWN_BY = ['A', 'AAAA', 'MX', 'TXT', 'SOA', 'NS'];

// The fact of a record set in one source's facts. A CNAME the session did not ask of its
// own is read from a question it asked of the same name: a server answers any type at a
// name that holds a CNAME with that CNAME (RFC 1034 §3.6.2), so the chain's first link is
// the name's CNAME, and an answer without one says there is none. When no such question
// was answered, the one asked stands for it, with its own reason: never "not asked".
function factFor(facts, name, type) {
  const own = facts.find((f) => f.name === name && f.type === type);
  if (own) return own;
  if (type === 'CNAME') {
    const same = facts.filter((f) => f.name === name && (f.depth ?? 0) === 0 && CNAME_SHOWN_BY.includes(f.type));
    const answered = same.find((f) => f.state === 'answered');
    if (answered) {
      const link = (answered.chain ?? []).slice(0, 1).filter((c) => c.type === 'CNAME' && c.name === name);
      // A "no CNAME" read from another type's answer has no time left of its own.
      return { ...answered, type: 'CNAME', records: link, negative_ttl: null };
    }
    if (same.length) return same[0];
  }
  return facts.find((f) => f.type === '*');
}

// A record set's name at or under the domain (names as the report writes them).
const atOrUnder = (name, domain) => {
  const n = bare(name).toLowerCase();
  const d = bare(domain).toLowerCase();
  return n === d || n.endsWith(`.${d}`);
};

// The domain's name servers and their addresses, through the first resolver.
async function delegatedServers(core, domain, resolver, timeoutMs) {
  const records = (facts, type) => facts.filter((f) => f.type === type && f.state === 'answered').flatMap((f) => f.records.map((r) => r.data));
  const run = runOf(resolver);
  const nsFacts = await factsOf(core, domain, [], run, { limits: { max_questions: 2, max_rounds: 1 } }, timeoutMs);
  const servers = [];
  for (const host of records(nsFacts, 'NS')) {
    const addrFacts = await factsOf(core, host, [], run, { limits: { max_questions: 5, max_rounds: 1 } }, timeoutMs);
    for (const address of [...records(addrFacts, 'A'), ...records(addrFacts, 'AAAA')]) servers.push({ host: bare(host), port: 53, address });
  }
  return servers;
}

// One look at every source: the verdict of each record set and the summary.
async function look(core, domain, expectations, servers, resolvers, timeoutMs) {
  const names = expectations.map(({ name, type }) => ({ name, type }));
  const [auth, res] = await Promise.all([
    Promise.all(servers.map(async (server) => {
      const transport = createDnsTransport(server);
      const label = server.address && server.address !== server.host ? `${server.host} (${server.address})` : transport.label;
      return { source: label, facts: await factsOf(core, domain, names, { transport }, { authoritative: true }, timeoutMs) };
    })),
    Promise.all(resolvers.map(async (r) => ({ source: r.label, facts: await factsOf(core, domain, names, runOf(r), {}, timeoutMs) }))),
  ]);
  // The core's proxy ranges tell a DNS-only address still on the proxy (not yet) from another one.
  const providerOf = (address) => core.providerOf(address);
  const verdicts = expectations.map((e) =>
    verifyRecord(e, {
      authoritative: auth.map(({ source, facts }) => ({ source, fact: factFor(facts, e.name, e.type) })),
      resolvers: res.map(({ source, facts }) => ({ source, fact: factFor(facts, e.name, e.type) })),
    }, { providerOf }),
  );
  for (let i = 0; i < verdicts.length; i++) verdicts[i] = { ...verdicts[i], proxied: expectations[i].proxied, proxy: Boolean(expectations[i].proxy), unknowable: expectations[i].unknowable, present: expectations[i].present, absent: expectations[i].absent };
  return { verdicts, summary: verifySummary(verdicts) };
}

function stateText(state, timeLeft, lang, unknowable) {
  if (unknowable) return cliMessage('verify.states.unknowable', lang);
  if (state === 'serves-something-else') return cliMessage('verify.state-something-else', lang);
  if (state === 'seen-by-some' && timeLeft === null) return cliMessage('verify.states.seen-by-some-no-time', lang);
  return cliMessage(`verify.states.${state}`, lang, { seconds: timeLeft });
}

// The lines of one record set.
function recordLines(v, lang) {
  const sep = lang === 'ja' ? '、' : ', ';
  const parts = [`${bare(v.name)} ${v.type}`];
  if (v.present.length) parts.push(v.present.join(sep));
  if (v.proxy) parts.push(cliMessage('verify.proxy-addresses', lang));
  if (v.absent.length) parts.push(cliMessage('verify.removed', lang, { data: v.absent.join(sep) }));
  if (v.unknowable) parts.push(cliMessage('verify.no-data', lang));
  let head = parts.join(' ');
  if (v.proxied !== null && v.proxied !== undefined) head += ` (${cliMessage(v.proxied ? 'verify.proxied' : 'verify.dns-only', lang)})`;
  // An authoritative server is a name server asked directly: its own words, never "resolver".
  const seen = (o, direct = false) => {
    const code = String(o.reason?.code ?? '').split(':')[0];
    // A type no session asked (verify's own code, not the core's): said as such.
    if (!o.known && (!o.reason || o.reason.code === 'not-asked')) return cliMessage('verify.not-asked', lang);
    const reason = (direct && nameServerMessage(`reasons.${code}`, lang)) || sessionMessage('reasons', o.reason, lang);
    if (!o.known) return cliMessage('verify.could-not-ask', lang, { reason });
    const what = o.matches ? cliMessage('verify.serves', lang) : o.records.length ? cliMessage('verify.old-answer', lang, { records: o.records.join(sep) }) : cliMessage('verify.no-record', lang);
    // A DNS-only address that is neither the fix's nor a proxy's (verifyRecord's providerOf).
    return o.answer === 'something-else' ? cliMessage('verify.something-else', lang, { records: o.records.join(sep) }) : what;
  };
  const lines = [displayText(head)];
  for (const a of v.authoritative) lines.push(`  ${cliMessage('verify.authoritative', lang, { server: a.source })}: ${seen(a, true)}`);
  for (const r of v.resolvers) {
    const left = r.known && r.ttl !== null ? `${sep}${cliMessage('verify.time-left', lang, { seconds: r.ttl })}` : '';
    lines.push(`  ${displayText(r.source)}: ${seen(r)}${left}`);
  }
  lines.push(`  → ${stateText(v.state, v.timeLeft, lang, v.unknowable)}`);
  return lines.join('\n');
}

const jsonOf = (domain, { verdicts, summary }) => ({
  domain: bare(domain),
  state: summary.state,
  time_left: summary.timeLeft,
  records: verdicts.map((v) => ({
    name: v.name, type: v.type, present: v.present, absent: v.absent, proxied: v.proxied, proxy_addresses: v.proxy, unknowable: v.unknowable,
    state: v.state, time_left: v.timeLeft,
    authoritative: v.authoritative, resolvers: v.resolvers,
  })),
});

/** Runs `mxray verify` with the arguments after the command; returns the exit status. */
export async function runVerify(argv) {
  try {
    return await verify(argv);
  } finally {
    await closeHttp2();
  }
}

// At most this many record sets of a corrected zone are followed: each is asked of
// every server and resolver, on every look.
const MAX_ZONE_SETS = 100;

// The expectations of a corrected zone file (expectationsFromZone): the core reads
// it (any format it reads; a BIND file's origin is the domain), its diagnostics go to
// standard error, and what was read is verified.
function expectationsOfZone(core, file, bytes, domain, lang) {
  const reader = new core.ZoneReader(file, JSON.stringify({ origin: domain, format: 'auto' }), null);
  try {
    feedBytes(core, reader, bytes);
    reader.finish();
    const summary = JSON.parse(reader.summaryJson());
    for (const d of summary.diagnostics) process.stderr.write(formatDiagnostic(d, summary.files, lang) + '\n');
    const all = expectationsFromZone(reader.dump(0, reader.recordCount(), false), domain);
    if (!all.length) return { error: cliMessage('verify.errors.zone-empty', lang, { file, domain: quotedText(domain) }) };
    if (all.length > MAX_ZONE_SETS)
      process.stderr.write(`mxray: ${cliMessage('verify.errors.zone-capped', lang, { file, count: all.length, limit: MAX_ZONE_SETS })}\n`);
    return { expectations: all.slice(0, MAX_ZONE_SETS) };
  } finally {
    reader.delete();
  }
}

async function verify(argv) {
  let lang = cliLanguage(argv, process.env);
  const usage = () => cliMessage('verify.usage', lang);
  let opts;
  try {
    const { values: v, positionals } = parseCommandLine(withWatchValue(argv), OPTIONS, true);
    if (v.lang !== undefined && !['en', 'ja'].includes(v.lang)) throw new UsageError('unknown-language', { value: v.lang });
    if (v.lang) lang = v.lang;
    if (v.help) {
      process.stdout.write(usage() + '\n');
      return 0;
    }
    opts = {
      domain: positionals,
      expect: v.expect,
      servers: v.server ?? [],
      resolvers: v.resolver ?? DEFAULT_RESOLVERS,
      watch: v.watch === undefined ? null : v.watch === 'auto' ? 10 : integer(v.watch, 1, 86400, 'bad-watch'),
      watchLimit: v['watch-limit'] === undefined ? 3600 : integer(v['watch-limit'], 1, 604800, 'bad-watch-limit'),
      format: v.format ?? 'text',
      timeout: v.timeout === undefined ? 5000 : integer(v.timeout, 100, 120000, 'bad-timeout'),
      http2: v['doh-http2'] ?? false,
    };
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    const text = cliMessage(`errors.${e.code}`, lang, e.values);
    return fail(text.startsWith('errors.') ? cliMessage(`verify.errors.${e.code}`, lang, e.values) : text, usage());
  }
  if (!['text', 'json'].includes(opts.format)) return fail(cliMessage('verify.errors.bad-format', lang, { value: opts.format }), usage());
  if (opts.domain.length !== 1) return fail(cliMessage('verify.errors.needs-domain', lang), usage());
  if (!opts.expect) return fail(cliMessage('verify.errors.needs-expect', lang), usage());
  let expectations;
  let expectBytes;
  try {
    expectBytes = readFileSync(opts.expect);
  } catch (e) {
    return fail(cliMessage('verify.errors.bad-expect', lang, { file: opts.expect, detail: String(e.message) }));
  }
  // The JSON of a check (its fix), or else the corrected zone itself.
  const zoneGiven = !/^\s*[{[]/.test(expectBytes.subarray(0, 64).toString('utf8'));
  let zoneCore = null;
  if (zoneGiven) {
    const loaded = await cliCore(lang);
    if (loaded.error) return fail(loaded.error);
    zoneCore = loaded.core;
    const read = expectationsOfZone(zoneCore, opts.expect, expectBytes, opts.domain[0], lang);
    if (read.error) return fail(read.error);
    expectations = read.expectations;
  } else {
    let checked;
    try {
      const report = JSON.parse(expectBytes.toString('utf8'));
      checked = bare(String(report?.domain ?? ''));
      expectations = expectationsFromReport(report);
    } catch (e) {
      if (e.code === 'no-edits') return fail(cliMessage('verify.errors.no-edits', lang, { file: opts.expect }));
      return fail(cliMessage('verify.errors.bad-expect', lang, { file: opts.expect, detail: String(e.message) }));
    }
    // The check of another domain: its records would be asked, and judged, under a
    // domain they are not of (the zone's expectations keep only the domain's own).
    const outside = expectations.find((e) => !atOrUnder(e.name, opts.domain[0]));
    if (outside) {
      const values = { file: opts.expect, checked: quotedText(checked || bare(outside.name)), domain: quotedText(bare(opts.domain[0])), name: quotedText(bare(outside.name)) };
      return fail(cliMessage('verify.errors.other-domain', lang, values));
    }
  }
  const wanted = [];
  for (const text of opts.servers) {
    const server = parseServer(text);
    if (!server) return fail(cliMessage('server.bad-server', lang, { value: quotedText(text) }));
    wanted.push(server);
  }
  const resolvers = [];
  try {
    for (const spec of opts.resolvers) resolvers.push({ ...resolveResolver(spec, 'wire'), ...(opts.http2 ? { http2: true } : {}) });
  } catch (e) {
    if (!(e instanceof ResolverError)) throw e;
    return fail(cliMessage(`resolver.${e.code}`, lang, e.values));
  }
  const { core, error: notBuilt } = await cliCore(lang);
  if (notBuilt) return fail(notBuilt);
  const domain = opts.domain[0];
  const servers = [];
  for (const s of wanted) {
    if (isIP(s.host)) servers.push({ ...s, address: s.host });
    else {
      const found = await delegatedServers(core, s.host, resolvers[0], opts.timeout);
      for (const f of found) servers.push({ ...s, address: f.address });
      if (!found.length) return fail(cliMessage('server.no-address', lang, { value: quotedText(s.host) }));
    }
  }
  if (!wanted.length) {
    servers.push(...(await delegatedServers(core, domain, resolvers[0], opts.timeout)));
    // No name server found: nothing authoritative was asked, so the verdict is unknown.
    if (!servers.length) process.stderr.write(`mxray: ${cliMessage('server.no-ns', lang, { value: quotedText(domain) })}\n`);
  }

  const started = Date.now();
  let shown = new Map();
  let shownSummary = '';
  for (;;) {
    const result = await look(core, domain, expectations, servers, resolvers, opts.timeout);
    const { summary } = result;
    if (opts.format === 'json') {
      process.stdout.write(jsonEscaped(JSON.stringify(jsonOf(domain, result), null, opts.watch === null ? 2 : 0)) + '\n');
    } else {
      const now = new Map(result.verdicts.map((v) => [`${v.name} ${v.type}`, recordLines(v, lang)]));
      // In watch mode, only what changed since the last look.
      for (const [key, text] of now) if (shown.get(key) !== text) process.stdout.write(text + '\n');
      const line = cliMessage('verify.summary', lang, { domain: bare(domain), state: stateText(summary.state, summary.timeLeft, lang, false) });
      if (line !== shownSummary) process.stdout.write(line + '\n');
      shown = now;
      shownSummary = line;
    }
    if (opts.watch === null || summary.state === 'seen-everywhere') return EXIT[summary.state];
    const wait = watchInterval(summary.timeLeft, { min: opts.watch, max: Math.max(300, opts.watch) });
    if ((Date.now() - started) / 1000 + wait > opts.watchLimit) {
      process.stderr.write(`mxray: ${cliMessage('verify.watch-limit', lang, { seconds: opts.watchLimit })}\n`);
      return EXIT[summary.state];
    }
    if (process.stderr.isTTY) process.stderr.write(cliMessage('verify.watch-next', lang, { seconds: wait }) + '\n');
    await sleep(wait);
  }
}
