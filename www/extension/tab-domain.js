// From the active tab's address to the domain whose mail the popup checks,
// or the reason there is none. Pure (no extension API), so Node tests run it.
import { normaliseDomain } from '../lib/check.js';

// IPv4 dotted quad, or an IPv6 literal as URL.hostname gives it ("[::1]").
const IP_ADDRESS = /^(\d{1,3}\.){3}\d{1,3}$|^\[[0-9a-f:.]+\]$/i;

// Names no public resolver answers for: RFC 6761 §6.3-6.4 (localhost,
// invalid), RFC 6762 (local, mDNS), RFC 8375 (home.arpa), RFC 7686 (onion),
// RFC 9476 (alt), and ICANN's 2024 reservation of "internal". "test" and
// "example" (RFC 2606) stay: documentation and test set-ups use them.
const PRIVATE_TLDS = ['localhost', 'invalid', 'local', 'home.arpa', 'onion', 'alt', 'internal'];
const isPrivate = (host) => PRIVATE_TLDS.some((t) => host === t || host.endsWith(`.${t}`));

/**
 * @param {string | undefined} url the tab's URL (undefined when the browser did not share it)
 * @param {{registrableDomain(host: string): string | null}} suffixes psl.js createSuffixList()
 * @returns {{domain: string, host: string}
 *   | {problem: 'no-tab' | 'not-web' | 'ip-address' | 'not-public' | 'public-suffix', scheme?: string, host?: string}}
 *   not-web: the tab shows chrome://, file://, about:, an extension page and the like
 */
export function tabDomain(url, suffixes) {
  if (!url) return { problem: 'no-tab' };
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return { problem: 'not-web', scheme: '' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { problem: 'not-web', scheme: parsed.protocol.replace(/:$/, '') };
  const host = parsed.hostname.replace(/\.$/, '').toLowerCase();
  if (IP_ADDRESS.test(host)) return { problem: 'ip-address', host };
  // One label ("localhost", "intranet") or not a DNS host name.
  const name = normaliseDomain(host);
  if (!name || isPrivate(name)) return { problem: 'not-public', host };
  const domain = suffixes.registrableDomain(name);
  if (!domain) return { problem: 'public-suffix', host: name };
  return { domain, host: name };
}
