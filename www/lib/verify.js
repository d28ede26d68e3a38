// Verify: has a change to the DNS reached the world yet? For one record set
// (a name and type, and the records expected there after the fix; none for
// a deletion), what the authoritative servers serve and what each public
// resolver serves are compared with what is expected, and a verdict comes
// out. Pure: the shells (the CLI's verify command, later the site) ask the
// questions, with runSession, and hand the facts (session.facts().facts
// entries) here, with the core's providerOf (which proxy an address is of)
// as a parameter. Shared by the CLI and the site, so it has no I/O.
//
//   verifyRecord({ name: 'club.test.', type: 'MX', expected: ['10 mx.mail.test.'] },
//     { authoritative: [{ source: '192.0.2.53:53', fact }], resolvers: [{ source: 'cloudflare', fact }] })
//   -> { state: 'seen-by-some', timeLeft: 240, ... }
//
// States:
//   seen-everywhere        every authoritative server and every resolver serves the expected records
//   seen-by-some           the authoritative servers serve them, some resolvers still hold the old
//                          answer: timeLeft is the longest TTL those resolvers returned (seconds;
//                          for a cached "no such record", the time left on it: the fact's negative_ttl)
//   not-yet-served         an authoritative server serves something else: the change has not
//                          been saved or published
//   serves-something-else  a DNS-only A/AAAA record set: an authoritative server answers with an
//                          address that is neither the expected one nor a proxy's (known only
//                          when verifyRecord is given providerOf): the change was made otherwise
//   unknown                some answer could not be had (a timeout, REFUSED, no AA): never "seen"

/** The states a record's verdict can take, in the order of the doc above. */
export const VERIFY_STATES = Object.freeze(['seen-everywhere', 'seen-by-some', 'not-yet-served', 'serves-something-else', 'unknown']);

// Presentation data compared without case for names (the core writes
// canonical text; names in RDATA may differ only in case, RFC 4343).
const norm = (data) => String(data).trim().toLowerCase();

function sameSet(a, b) {
  const x = [...new Set(a.map(norm))].sort();
  const y = [...new Set(b.map(norm))].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

// The time left on a fact's cached answer: the smallest TTL of its records,
// or, for a negative answer (NXDOMAIN or no record of the type), the
// negative_ttl the core read from the zone's SOA (RFC 2308 §5); null when
// not known (a negative answer without the SOA).
function timeLeft(fact) {
  const ttls = (fact.records ?? []).map((r) => r.ttl).filter((t) => typeof t === 'number');
  if (ttls.length) return Math.min(...ttls);
  return typeof fact.negative_ttl === 'number' ? fact.negative_ttl : null;
}

/**
 * What one source served for the record set.
 * @param fact a session fact ({state, rcode, records: [{data, ttl}], negative_ttl?, reason}) or undefined
 * @param expected the expected data strings ([] for "no such record"), or an
 *   expectation {present[], absent[], exact} as expectationsFromReport() gives
 * @param {(address: string) => string} [providerOf] the proxy provider of an
 *   address ('cloudflare'), '' for none: the core's providerOf. With it, an
 *   `exact` (DNS-only A/AAAA) set that answers with an address neither
 *   expected nor a proxy's is told apart from the old answer
 * @returns {{known: boolean, matches: boolean, records: string[], ttl: number | null,
 *   answer?: 'serves' | 'old' | 'no-record' | 'something-else', provider?: string, reason?: object}}
 *   ttl: the time left on the cached answer, a negative one's included; answer: what it is
 *   (provider: whose proxy the old answer's address is, when providerOf says)
 */
export function observe(fact, expected, providerOf = null) {
  if (!fact || fact.state !== 'answered') return { known: false, matches: false, records: [], ttl: null, reason: fact?.reason ?? { code: 'not-asked' } };
  const records = (fact.records ?? []).map((r) => r.data);
  const out = { known: true, matches: false, records, ttl: timeLeft(fact) };
  if (Array.isArray(expected)) out.matches = sameSet(records, expected);
  else Object.assign(out, judge(records, expected, providerOf));
  if (out.answer) return out;
  return { ...out, answer: out.matches ? 'serves' : records.length ? 'old' : 'no-record' };
}

// An expectation of verify's edits: {present[], absent[], exact}. `exact`:
// the record set must be just `present` (a DNS-only A/AAAA). Then a proxy's
// address among the records is the old answer; without providerOf any other
// address is taken as the old answer; with it, an address that is neither
// expected nor a proxy's is something else.
function judge(records, { present = [], absent = [], exact = false, proxy = false }, providerOf) {
  // A proxied record set (a corrected zone's cf-proxied:true): served as the proxy's addresses.
  if (proxy) {
    if (typeof providerOf !== 'function' || !records.length) return { matches: false };
    const all = records.every((d) => providerOf(String(d).trim()));
    return all ? { matches: true } : { matches: false, answer: 'something-else' };
  }
  const have = new Set(records.map(norm));
  if (!exact) return { matches: present.every((d) => have.has(norm(d))) && !absent.some((d) => have.has(norm(d))) };
  if (sameSet(records, present)) return { matches: true };
  if (typeof providerOf !== 'function' || !records.length) return { matches: false };
  const wanted = new Set(present.map(norm));
  const extra = records.filter((d) => !wanted.has(norm(d)));
  const provider = extra.map((d) => providerOf(String(d).trim()) || '').find((p) => p);
  if (provider) return { matches: false, answer: 'old', provider };
  return { matches: false, answer: extra.length ? 'something-else' : 'old' };
}

/**
 * What verify expects per record set (name and type), from the JSON of
 * `mxray check --format json` (its fix.edits[], else the findings' edits).
 * An added record must be present, a removed one absent. A record set made
 * DNS only (proxied false) of type A or AAAA must hold just the added
 * addresses (`exact`): verifyRecord, given the core's providerOf, tells a
 * proxy's address there (the old answer: not yet) from an unrelated one
 * (something else); without it any other address counts as the old answer.
 * An edit whose data is not known (a placeholder, a live set-dns-only with no
 * address) makes its record set `unknowable`: it can never be "seen".
 * @returns {{name: string, type: string, present: string[], absent: string[], exact: boolean,
 *   proxied: boolean | null, unknowable: boolean}[]} in the order of the edits
 * @throws {Error} with `code` 'no-edits' when the report holds no edit
 */
export function expectationsFromReport(report) {
  let edits = report?.fix?.edits;
  if (!Array.isArray(edits)) edits = (report?.findings ?? []).flatMap((f) => f?.edits ?? []);
  edits = (edits ?? []).filter((e) => e && typeof e.name === 'string' && typeof e.type === 'string');
  if (!edits.length) throw Object.assign(new Error('no edits'), { code: 'no-edits' });
  const sets = new Map();
  for (const e of edits) {
    const name = e.name.endsWith('.') ? e.name.toLowerCase() : `${e.name.toLowerCase()}.`;
    const type = e.type.toUpperCase();
    const key = `${name} ${type}`;
    if (!sets.has(key)) sets.set(key, { name, type, present: [], absent: [], exact: false, proxied: null, unknowable: false });
    const s = sets.get(key);
    const data = typeof e.data === 'string' ? e.data : '';
    if (e.op !== 'remove' && typeof e.proxied === 'boolean') s.proxied = e.proxied;
    if (!data || e.placeholder || /\{[a-z0-9-]+\}/.test(data)) {
      s.unknowable = true;
      continue;
    }
    if (e.op === 'remove') s.absent.push(data);
    else s.present.push(data);
  }
  for (const s of sets.values()) s.exact = s.proxied === false && (s.type === 'A' || s.type === 'AAAA');
  return [...sets.values()];
}

// Types a corrected zone holds that verify does not ask for: the SOA (its
// serial moves with every change) and DNSSEC's own records.
const NOT_VERIFIED = new Set(['SOA', 'RRSIG', 'NSEC', 'NSEC3', 'NSEC3PARAM', 'DNSKEY', 'CDS', 'CDNSKEY', 'ZONEMD']);

/**
 * What verify expects from a corrected zone: every record set in it (name
 * and type) served just as written, the SOA and DNSSEC records aside. A
 * record set the zone marks proxied (cf-proxied:true) is served as the
 * proxy's addresses: its A/AAAA, or for a proxied CNAME an A at its name,
 * must answer with a proxy's addresses (verifyRecord's providerOf says).
 * @param {string} text the zone's records as `mxray dump` writes them: one a line,
 *   "owner ttl class type data", a Cloudflare proxy state as "; cf-proxied:true|false"
 * @param {string} domain only names at or under it count
 * @returns the expectations as expectationsFromReport() gives them, in the zone's order
 */
export function expectationsFromZone(text, domain) {
  const apex = `${String(domain).toLowerCase().replace(/\.$/, '')}.`;
  const inZone = (name) => name === apex || name.endsWith(`.${apex}`);
  const sets = new Map();
  for (const raw of String(text).split('\n')) {
    const m = /^(\S+)\s+\d+\s+\S+\s+(\S+)\s+(.*?)(?:\s+; cf-proxied:(true|false))?\s*$/.exec(raw);
    if (!m) continue;
    const name = m[1].toLowerCase();
    const type = m[2].toUpperCase();
    if (!inZone(name) || NOT_VERIFIED.has(type)) continue;
    const proxied = m[4] === undefined ? null : m[4] === 'true';
    // A proxied name answers with the proxy's addresses, whatever its record says.
    const asked = proxied && type === 'CNAME' ? 'A' : type;
    const key = `${name} ${asked}`;
    if (!sets.has(key)) sets.set(key, { name, type: asked, present: [], absent: [], exact: true, proxied, unknowable: false, proxy: false });
    const set = sets.get(key);
    if (proxied && (type === 'A' || type === 'AAAA' || type === 'CNAME')) {
      set.proxy = true;
      set.proxied = true;
    } else set.present.push(m[3]);
  }
  for (const set of sets.values()) if (set.proxy) set.present = [];
  return [...sets.values()];
}

/**
 * The verdict for one record set.
 * @param {{name: string, type: string, expected?: string[], present?: string[], absent?: string[], exact?: boolean, unknowable?: boolean}} record
 *   expected: the exact record set; else present/absent/exact as expectationsFromReport() gives
 * @param {{authoritative: {source: string, fact: object}[], resolvers: {source: string, fact: object}[]}} seen
 * @param {{providerOf?: (address: string) => string}} [options] providerOf: the core's
 *   (core.providerOf), to tell a proxy's address from another one (see observe)
 * @returns {{name, type, expected, state: string, timeLeft: number | null,
 *   authoritative: object[], resolvers: object[]}} each source with observe()'s fields and its name
 */
export function verifyRecord(record, { authoritative = [], resolvers = [] }, { providerOf = null } = {}) {
  const expected = record.expected ?? (record.present || record.absent ? { present: record.present, absent: record.absent, exact: record.exact, proxy: Boolean(record.proxy) } : []);
  const auth = authoritative.map(({ source, fact }) => ({ source, ...observe(fact, expected, providerOf) }));
  const res = resolvers.map(({ source, fact }) => ({ source, ...observe(fact, expected, providerOf) }));
  const out = { name: record.name, type: record.type, expected, authoritative: auth, resolvers: res, timeLeft: null };
  if (record.unknowable || !auth.length || auth.some((a) => !a.known)) return { ...out, state: 'unknown' };
  if (auth.some((a) => a.answer === 'something-else')) return { ...out, state: 'serves-something-else' };
  if (auth.some((a) => !a.matches)) return { ...out, state: 'not-yet-served' };
  if (res.some((r) => !r.known)) return { ...out, state: 'unknown' };
  const stale = res.filter((r) => !r.matches);
  if (!stale.length) return { ...out, state: 'seen-everywhere' };
  const ttls = stale.map((r) => r.ttl).filter((t) => t !== null);
  return { ...out, state: 'seen-by-some', timeLeft: ttls.length ? Math.max(...ttls) : null };
}

/**
 * The verdict over all record sets: 'seen-everywhere' only when every one is (and there is one).
 * @returns {{state: string, timeLeft: number | null}} timeLeft: the longest of the records'
 */
export function verifySummary(verdicts) {
  return worstOf(verdicts, VERIFY_STATES);
}

// The worst state of the verdicts, `states` ordered best first (its last is
// "unknown"), and the longest time left. Nothing to verify says nothing: not
// "seen".
function worstOf(verdicts, states) {
  if (!verdicts.length) return { state: 'unknown', timeLeft: null };
  const rank = (s) => states.indexOf(s);
  let state = states[0];
  for (const v of verdicts) if (rank(v.state) > rank(state)) state = v.state;
  const left = verdicts.map((v) => v.timeLeft).filter((t) => t !== null);
  return { state, timeLeft: left.length ? Math.max(...left) : null };
}

/**
 * The seconds to wait before asking again in watch mode: the longest time
 * left, at least 10 s and at most 300 s.
 */
export function watchInterval(timeLeft, { min = 10, max = 300 } = {}) {
  if (timeLeft === null || !(timeLeft >= 0)) return min;
  return Math.min(max, Math.max(min, Math.ceil(timeLeft)));
}

// ---- Resolvers only (the site) ------------------------------------------------
// A browser cannot ask the authoritative servers (no UDP): the site's verify
// view asks public DoH resolvers only, and says so. Without the authoritative
// servers' answer, "nobody serves it yet" cannot tell an unpublished change
// from caches that still hold the old answer: the verdict says just that.
//
// States, in order (the summary takes the last that any record set has):
//   seen-by-all    every resolver asked serves the expected records
//   seen-by-some   some do, some still hold another answer: timeLeft is the
//                  longest TTL those others returned (seconds; null if none said)
//   seen-by-none   no resolver serves it yet: not published, or all still cached
//                  (timeLeft as above)
//   unknown        a resolver could not be asked (or gave no answer for the
//                  record set), the record set's data is not known, or no
//                  resolver was asked: never "seen"

/** The states of resolversVerdict(), in the order of the doc above. */
export const RESOLVER_STATES = Object.freeze(['seen-by-all', 'seen-by-some', 'seen-by-none', 'unknown']);

/**
 * The fact of one record set among a session's facts. A CNAME is not asked
 * as such: a question for the name (A, AAAA, MX...) shows it in its `chain`,
 * and an answered question whose chain does not start at the name says there
 * is none. Otherwise the fact of that name and type; else the session's
 * failure ('*'), if any; else undefined (not asked).
 * @param {object[]} facts session.facts().facts
 */
export function resolverFact(facts, name, type) {
  const list = Array.isArray(facts) ? facts : [];
  const key = String(name).toLowerCase();
  const same = (n) => String(n ?? '').toLowerCase() === key;
  const exact = list.find((f) => same(f.name) && f.type === type);
  if (exact || type !== 'CNAME') return exact ?? list.find((f) => f.type === '*');
  const forName = list.filter((f) => same(f.name) && f.type !== '*');
  const withAnswer = forName.find((f) => f.state === 'answered');
  if (!withAnswer) return forName[0] ?? list.find((f) => f.type === '*');
  const cnames = (withAnswer.chain ?? []).filter((c) => same(c.name) && c.type === 'CNAME');
  return { ...withAnswer, type: 'CNAME', records: cnames.map((c) => ({ data: c.data, ttl: c.ttl })) };
}

/**
 * The verdict of one record set from public resolvers alone.
 * @param record as expectationsFromReport() gives it (or {name, type, expected[]})
 * @param {{source: string, fact: object}[]} resolvers
 * @param {{providerOf?: (address: string) => string}} [options] as verifyRecord's: with it, a
 *   DNS-only A/AAAA record set answered with a proxy's address is the old answer, and one
 *   answered with another address serves something else (observe)
 * @returns {{name, type, expected, state: string, timeLeft: number | null, resolvers: object[]}}
 *   each resolver with observe()'s fields and its source
 */
export function resolversVerdict(record, resolvers = [], { providerOf = null } = {}) {
  const expected = record.expected ?? { present: record.present ?? [], absent: record.absent ?? [], exact: Boolean(record.exact), proxy: Boolean(record.proxy) };
  const res = resolvers.map(({ source, fact }) => ({ source, ...observe(fact, expected, providerOf) }));
  const stale = res.filter((r) => r.known && !r.matches);
  const ttls = stale.map((r) => r.ttl).filter((t) => t !== null);
  const timeLeft = ttls.length ? Math.max(...ttls) : null;
  const out = { name: record.name, type: record.type, expected, resolvers: res, timeLeft };
  if (record.unknowable || !res.length || res.some((r) => !r.known)) return { ...out, state: 'unknown' };
  if (!stale.length) return { ...out, state: 'seen-by-all', timeLeft: null };
  return { ...out, state: stale.length === res.length ? 'seen-by-none' : 'seen-by-some' };
}

/**
 * The verdict over all record sets of resolversVerdict(): 'seen-by-all' only
 * when every one is (and there is one).
 * @returns {{state: string, timeLeft: number | null}} timeLeft: the longest of the record sets'
 */
export function resolversSummary(verdicts) {
  return worstOf(verdicts, RESOLVER_STATES);
}
