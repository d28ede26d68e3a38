// When a live check learnt too little to say anything: the resolver could not
// be reached, or most of its answers were unusable. Shared by the website and
// the popup, which both offer the next preset resolver in one click.
import { RESOLVERS } from '../lib/doh-driver.js';

/**
 * {resolver, reason, count, questions} when at least half of the DNS questions
 * of a live check got no usable answer, else null. `reason` is the most common
 * reason among them ({code, detail} or a string, as in the report).
 */
export function couldNotCheck(report) {
  const unknown = report?.verdict?.unknown ?? [];
  const questions = report?.stats?.questions ?? 0;
  if (report?.mode === 'offline' || !questions || !unknown.length || unknown.length * 2 < questions) return null;
  const byCode = new Map();
  for (const u of unknown) {
    const code = typeof u.reason === 'object' && u.reason ? u.reason.code : String(u.reason ?? '').split(':')[0];
    const seen = byCode.get(code) ?? { n: 0, reason: u.reason };
    seen.n += 1;
    byCode.set(code, seen);
  }
  const top = [...byCode.values()].sort((a, b) => b.n - a.n)[0];
  return { resolver: report.resolver?.url ?? '', reason: top.reason, count: unknown.length, questions };
}

/**
 * The first preset resolver that is not the one used: `used` is a preset name
 * or an address (a report's resolver.url). {name, label}.
 */
export function otherResolver(used) {
  const u = String(used ?? '').toLowerCase();
  const name = Object.keys(RESOLVERS).find((n) => n !== u && RESOLVERS[n].wire !== used && RESOLVERS[n].json !== used);
  return name ? { name, label: RESOLVERS[name].label } : null;
}
