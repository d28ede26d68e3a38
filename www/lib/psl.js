// The Public Suffix List (https://publicsuffix.org/list/) and the
// registrable domain of a host: "www.club.example.co.uk" -> "example.co.uk".
// The extension's popup uses it to go from the active tab's host to the
// domain whose mail to check.
//
// The algorithm is the list's own (publicsuffix.org/list, "Formal
// Algorithm"): of the rules that match the host's labels from the right, an
// exception rule ("!www.ck") wins, else the rule with the most labels, else
// the implicit "*"; an exception's public suffix is the rule less its first
// label. The registrable domain is the public suffix plus one more label.
//
// The rules come from Debian's `publicsuffix` package at build time
// (www/extension/build.mjs), turned into ASCII (IDNA) by compileRules so a
// lookup never needs an IDNA library: hosts from URLs are ASCII already.

/**
 * The list's text (public_suffix_list.dat) as rules in ASCII, one string of
 * lines. Comments and blank lines go; each rule is the first word of its line
 * (the list's format); Unicode labels become A-labels through `toAscii`.
 * @param {string} text the .dat file
 * @param {(domain: string) => string} toAscii IDNA ToASCII (Node's url.domainToASCII); '' when it fails
 * @returns {{rules: string[], icann: number, private: number, skipped: string[]}}
 */
export function compileRules(text, toAscii) {
  const rules = [];
  const skipped = [];
  let section = null;
  const counts = { icann: 0, private: 0 };
  for (const raw of String(text).split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('//')) {
      if (line.includes('===BEGIN ICANN DOMAINS===')) section = 'icann';
      else if (line.includes('===BEGIN PRIVATE DOMAINS===')) section = 'private';
      else if (/===END (ICANN|PRIVATE) DOMAINS===/.test(line)) section = null;
      continue;
    }
    const word = line.split(/\s/)[0];
    if (!word) continue;
    const rule = asciiRule(word.toLowerCase(), toAscii);
    if (rule === null) {
      skipped.push(word);
      continue;
    }
    rules.push(rule);
    if (section) counts[section]++;
  }
  return { rules: [...new Set(rules)], ...counts, skipped };
}

function asciiRule(rule, toAscii) {
  const prefix = rule.startsWith('!') ? '!' : rule.startsWith('*.') ? '*.' : '';
  const name = rule.slice(prefix.length);
  if (!name || name.includes('*')) return null; // "*" only as a whole leftmost label
  const ascii = /^[\x21-\x7e]+$/.test(name) ? name : toAscii(name);
  if (!ascii) return null;
  return prefix + ascii.toLowerCase();
}

/**
 * A lookup over compiled rules.
 * @param {string[] | string} rules compileRules' rules, or the same joined by "\n"
 */
export function createSuffixList(rules) {
  const list = typeof rules === 'string' ? rules.split('\n') : rules;
  const normal = new Set();
  const wildcard = new Set(); // "*.ck" stored as "ck"
  const exception = new Set(); // "!www.ck" stored as "www.ck"
  for (const r of list) {
    if (!r) continue;
    if (r.startsWith('!')) exception.add(r.slice(1));
    else if (r.startsWith('*.')) wildcard.add(r.slice(2));
    else normal.add(r);
  }

  /** The number of labels of the host's public suffix (at least 1: the implicit "*"). */
  function suffixLabels(labels) {
    let best = 1;
    for (let i = 0; i < labels.length; i++) {
      const tail = labels.slice(i).join('.');
      const size = labels.length - i;
      if (exception.has(tail)) return size - 1;
      if (size > best && normal.has(tail)) best = size;
      if (size > best && size > 1 && wildcard.has(labels.slice(i + 1).join('.'))) best = size;
    }
    return best;
  }

  return {
    size: normal.size + wildcard.size + exception.size,
    /**
     * The host's public suffix ("co.uk" for "www.example.co.uk").
     * @param {string} host an ASCII host name, without a trailing dot
     */
    publicSuffix(host) {
      const labels = splitHost(host);
      if (!labels) return null;
      return labels.slice(labels.length - Math.min(labels.length, suffixLabels(labels))).join('.');
    },
    /**
     * The registrable domain ("example.co.uk" for "www.example.co.uk"), or
     * null when the host is a public suffix itself or not a host name.
     */
    registrableDomain(host) {
      const labels = splitHost(host);
      if (!labels) return null;
      const n = suffixLabels(labels);
      if (labels.length <= n) return null;
      return labels.slice(labels.length - n - 1).join('.');
    },
  };
}

function splitHost(host) {
  const name = String(host ?? '').toLowerCase().replace(/\.$/, '');
  if (!name || name.startsWith('.') || name.includes('..')) return null;
  return name.split('.');
}
