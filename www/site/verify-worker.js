// The questions of the verify view (verify-view.js), asked in the worker that
// holds the core: for each resolver, a session of the domain (as a live check
// asks it, through the same DoH driver), then a small session for each
// expected name that one did not ask. Only each record set's fact goes back
// (resolverFact in www/lib/verify.js): the page judges.
//
// In:  {type: 'verify', id, domain, records: [{name, type}], resolvers: string[], timeoutMs, padding}
// Out: {type: 'verified', id, results: [{resolver, facts: (fact | null)[]}], providers}  facts: one per
//      record set; providers: {address: provider} for every A and AAAA answered, from the core's
//      providerOf (the page has no core: it judges a DNS-only record set's addresses with this)
import { createSession } from '../lib/session.js';
import { runSession } from '../lib/doh-driver.js';
import { resolverFact } from '../lib/verify.js';

// A small session of one name: its own SOA, NS, MX, A, AAAA and TXT, one round.
const SMALL = { max_questions: 8, max_rounds: 1 };

async function factsOf(core, name, resolver, timeoutMs, options) {
  let session;
  try {
    session = createSession(core, { domain: name, options });
    await runSession(session, { resolver, format: 'wire', timeoutMs });
    return session.facts().facts;
  } catch (e) {
    // Not even a session: the resolver could not be used at all. Never "seen".
    return [{ name, type: '*', state: 'unknown', reason: { code: 'network', detail: String(e?.message ?? e) } }];
  } finally {
    session?.dispose();
  }
}

async function lookThrough(core, msg, resolver) {
  const options = { ask_ptr: false, padding: msg.padding !== false };
  const facts = await factsOf(core, msg.domain, resolver, msg.timeoutMs, options);
  const failed = facts.some((f) => f.type === '*');
  const asked = new Set();
  for (const { name, type } of msg.records) {
    if (failed || asked.has(name) || resolverFact(facts, name, type)) continue;
    asked.add(name);
    facts.push(...(await factsOf(core, name, resolver, msg.timeoutMs, { ...options, limits: SMALL })));
  }
  return msg.records.map(({ name, type }) => resolverFact(facts, name, type) ?? null);
}

/** Answers one 'verify' message: every resolver at once. */
export async function verifyInWorker(core, msg) {
  const results = await Promise.all((msg.resolvers ?? []).map(async (resolver) => ({ resolver, facts: await lookThrough(core, msg, resolver) })));
  const providers = {};
  for (const { facts } of results)
    for (const fact of facts)
      if (fact && (fact.type === 'A' || fact.type === 'AAAA'))
        for (const { data } of fact.records ?? []) {
          const address = String(data).trim();
          if (!Object.hasOwn(providers, address)) providers[address] = core.providerOf(address) || '';
        }
  return { type: 'verified', id: msg.id, results, providers };
}
