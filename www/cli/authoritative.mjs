// `mxray facts --server HOST[:PORT]... | --authoritative`: the same Session
// as a DoH check, asked of name servers directly (UDP, TCP on truncation:
// dns-transport.mjs), one session per server, RD off and the AA bit checked
// by the core (SessionOptions::authoritative). That shows what a zone at
// the servers Cloudflare assigned holds before the delegation moves there.
//
// Names of servers are resolved through the DoH resolver (--resolver), as
// the domain's NS are for --authoritative: nothing here asks the system's
// resolver.
import { isIP } from 'node:net';
import { createSession, SessionError } from '../lib/session.js';
import { runSession, resolveResolver, ResolverError } from '../lib/doh-driver.js';
import { http2FetchFor } from './doh-http2.mjs';
import { cliMessage } from '../lib/cli-messages.js';
import { reportMessage, sessionMessage } from '../lib/messages.js';
import { displayText, jsonEscaped, quotedText } from '../lib/name-safety.js';
import { createDnsTransport, parseServer } from './dns-transport.mjs';

// The first questions a Session asks of a name are SOA, NS, MX, A, AAAA
// (core/session seed()): a budget of 2 or 5 questions in one round asks
// just the NS, or just the addresses, of a name through the resolver.
export async function askResolver(core, name, questions, resolver, timeoutMs) {
  const session = createSession(core, {
    domain: name,
    options: { ask_ptr: false, limits: { max_questions: questions, max_rounds: 1 } },
  });
  try {
    await runSession(session, { resolver: resolver.url, format: resolver.format, timeoutMs, ...http2FetchFor(resolver) });
    return session.facts().facts;
  } finally {
    session.dispose();
  }
}

export const recordsOf = (facts, type) =>
  facts.filter((f) => f.type === type && f.state === 'answered').flatMap((f) => f.records.map((r) => r.data));

export async function addressesOf(core, host, resolver, timeoutMs) {
  if (isIP(host)) return [host];
  const facts = await askResolver(core, host, 5, resolver, timeoutMs);
  return [...recordsOf(facts, 'A'), ...recordsOf(facts, 'AAAA')];
}

/**
 * What a facts run could not tell, for standard error: how many questions got no usable
 * answer, and a domain that live DNS says does not exist. The JSON has it all, but an exit
 * status of 1 or 0 alone does not say it.
 */
export function factsNotes(facts, domain, lang) {
  const lines = [];
  const unknown = facts.filter((f) => f.state !== 'answered').length;
  if (unknown) lines.push(`mxray: ${reportMessage('report.unknown', lang, { count: unknown })}`);
  const apex = String(domain ?? '').toLowerCase();
  if (facts.some((f) => f.state === 'answered' && f.rcode === 'NXDOMAIN' && (f.depth ?? 0) === 0 && String(f.name).toLowerCase() === apex)) {
    lines.push(`mxray: ${reportMessage('report.blind.domain-not-found', lang)}`);
  }
  return lines.map((l) => l + '\n').join('');
}

/** Runs `facts` against name servers; prints {domain, servers: [{server, host, address, ...facts}]}. */
export async function authoritativeFacts(core, opts, lang, { domain, readZones, fail, write }) {
  if (opts.dohFormat !== 'wire') return fail(cliMessage('server.server-or-resolver', lang));
  const wanted = [];
  for (const text of opts.servers) {
    const server = parseServer(text);
    if (!server) return fail(cliMessage('server.bad-server', lang, { value: quotedText(text) }));
    wanted.push(server);
  }
  let resolver;
  try {
    resolver = resolveResolver(opts.resolver, 'wire');
  } catch (e) {
    if (!(e instanceof ResolverError)) throw e;
    return fail(cliMessage(`resolver.${e.code}`, lang, e.values));
  }
  const readers = [];
  try {
    const problem = await readZones(core, opts, lang, readers);
    if (problem) return fail(problem);
    const options = { live: true, authoritative: true, ask_ptr: opts.askPtr, padding: false };
    const open = () => createSession(core, { domain, zones: readers, options });
    let apex;
    try {
      const probe = open();
      apex = probe.domain;
      probe.dispose();
    } catch (e) {
      if (!(e instanceof SessionError)) throw e;
      return fail(sessionMessage('errors', e.code, lang, quotedText(domain)));
    }
    if (opts.authoritative) {
      const ns = recordsOf(await askResolver(core, apex, 2, resolver, opts.timeout), 'NS');
      if (!ns.length) return fail(cliMessage('server.no-ns', lang, { value: quotedText(apex) }));
      for (const host of ns) wanted.push({ host, port: 53 });
    }
    const servers = [];
    for (const server of wanted) {
      const addresses = await addressesOf(core, server.host, resolver, opts.timeout);
      if (!addresses.length) return fail(cliMessage('server.no-address', lang, { value: quotedText(server.host) }));
      for (const address of addresses) servers.push({ ...server, address });
    }
    const result = { domain: apex, servers: [] };
    let unknown = false;
    for (const server of servers) {
      const transport = createDnsTransport(server);
      const session = open();
      try {
        await runSession(session, { transport, timeoutMs: opts.timeout });
        const facts = session.facts();
        unknown ||= facts.facts.some((f) => f.state !== 'answered');
        result.servers.push({ server: transport.label, host: server.host, address: server.address, ...facts });
      } finally {
        session.dispose();
      }
    }
    await write(process.stdout, jsonEscaped(JSON.stringify(result, null, 2)) + '\n');
    // Each server's facts, as one run's (mxray.mjs factsNotes), said on standard error.
    for (const s of result.servers) {
      const notes = factsNotes(s.facts, apex, lang);
      if (notes) process.stderr.write(`mxray: ${displayText(s.server)}:\n${notes}`);
    }
    return unknown ? 1 : 0;
  } finally {
    for (const r of readers) r.delete();
  }
}
