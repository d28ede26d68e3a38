// The million-record zone of tests/e2e/large.test.mjs and tests/bench/site-budget.mjs.

export const RECORDS = 1_000_000;

// A zone of a small domain whose mail host is proxied (a cf_tags comment, as
// in a Cloudflare export), so the fix rewrites one line of it, then web hosts
// (A, AAAA, CNAME and TXT in turn) up to RECORDS records. About 25 MB.
export function bigZone(records = RECORDS) {
  const head = [
    '$ORIGIN big.test.',
    '$TTL 300',
    '@ IN SOA ns1 hostmaster 1 3600 600 86400 300',
    '@ IN NS ns1',
    'ns1 IN A 192.0.2.53',
    '@ IN MX 10 mail',
    'mail IN A 192.0.2.25 ; cf_tags=cf-proxied:true',
    '@ IN TXT "v=spf1 mx -all"',
  ];
  const lines = head.slice();
  for (let i = 0; lines.length - 2 < records; i++) {
    const k = i % 4;
    if (k === 0) lines.push(`h${i} IN A 198.51.100.${i % 250}`);
    else if (k === 1) lines.push(`h${i} IN AAAA 2001:db8::${(i % 65535).toString(16)}`);
    else if (k === 2) lines.push(`h${i} IN CNAME h${i - 2}`);
    else lines.push(`h${i} IN TXT "site ${i}"`);
  }
  return lines.join('\n') + '\n';
}
