// What a person sees, and which findings explain it. The website lets the
// user tick symptoms; findings that explain a ticked symptom are shown first,
// each saying which symptom it explains. No DOM, no words here: the symptom
// labels are in site-messages.js (`symptoms.<id>`), in English and Japanese.
//
// tests/js/symptoms.test.mjs holds every rule of the core's catalogue to an
// entry below (an empty list says "explains none of these", on purpose).

/** The symptoms the site offers, in the order it shows them. */
export const SYMPTOMS = Object.freeze([
  'website-works', // the website opens (through the proxy)
  'webmail-works', // webmail in the browser works (HTTPS goes through the proxy)
  'phone-cannot-receive', // phones and mail apps get no new mail
  'cannot-send', // mail cannot be sent, or what is sent is refused or lands in spam
  'inbound-bounces', // other people's mail to the domain bounces
]);

// The proxy carries HTTP(S) and nothing else: this is why the website and
// webmail keep working while mail does not (rule pages, "What breaks").
const WEB_STILL_WORKS = ['website-works', 'webmail-works'];

/**
 * Rule id → the symptoms a finding of that rule can explain. Where the rule
 * covers several records (migration-record-lost), this is the widest set;
 * symptomsOf() narrows it from the finding's evidence.
 */
export const SYMPTOMS_BY_RULE = Object.freeze({
  // The MX leads to the proxy: senders' SMTP on port 25 goes nowhere.
  'mx-target-proxied': ['inbound-bounces', ...WEB_STILL_WORKS],
  // mail./smtp./imap./pop. lead to the proxy: IMAP, POP3 and submission fail.
  'mail-host-proxied': ['phone-cannot-receive', 'cannot-send', ...WEB_STILL_WORKS],
  // Mail apps set up from SRV records connect to the proxy.
  'srv-target-proxied': ['phone-cannot-receive', 'cannot-send', ...WEB_STILL_WORKS],
  // FTP, Web Disk, calendars and contacts: not mail.
  'service-host-proxied': [],
  // A trace of a past proxied MX; nothing breaks by itself.
  'mx-companion-record': [],
  'mx-target-missing': ['inbound-bounces'],
  // Each sender decides what to do with an MX that is an alias.
  'mx-target-cname': ['inbound-bounces'],
  'mail-host-missing': ['phone-cannot-receive', 'cannot-send'],
  // Cloudflare proxies every record of the name, the DNS-only one too.
  'proxy-mixed-records': ['phone-cannot-receive', 'cannot-send', 'inbound-bounces', ...WEB_STILL_WORKS],
  // A privacy matter: nothing stops working.
  'origin-exposed': [],
  // Senders that honour the null MX bounce the mail.
  'null-mx-conflict': ['inbound-bounces'],
  // The sending server is not authorised: receivers refuse or junk its mail.
  'spf-proxy-address': ['cannot-send'],
  // What stops depends on the record that was lost (symptomsOf).
  'migration-record-lost': ['inbound-bounces', 'phone-cannot-receive', 'cannot-send'],
  // The uploaded zone is not in use: it explains nothing that is seen.
  'ns-not-delegated': [],
  // What resolvers get (the proxy) is not what the zone says.
  'proxy-state-differs': ['phone-cannot-receive', 'cannot-send', 'inbound-bounces', ...WEB_STILL_WORKS],
  // Without SPF (or with a broken one) receivers trust the domain's mail less.
  'spf-missing': ['cannot-send'],
  'spf-invalid': ['cannot-send'],
  // Lets forgers through; the domain's own mail still passes.
  'spf-pass-all': [],
  'spf-advice': [],
  // No policy, a broken one or advice: the domain's own mail is not refused for it.
  'dmarc-missing': [],
  'dmarc-invalid': [],
  'dmarc-advice': [],
  // A policy at a name nobody reads: as if there were none.
  'dmarc-wrong-name': [],
  // Signed mail fails DKIM; with SPF failing too (forwarding), DMARC fails.
  'dkim-invalid': ['cannot-send'],
  'dkim-advice': [],
  // Senders fall back to "no policy": mail still arrives.
  'mta-sts-invalid': [],
  'tlsrpt-invalid': [],
  // DANE senders refuse to deliver to a certificate the proxy does not hold.
  'tlsa-proxied': ['inbound-bounces'],
  // Receivers reject or junk mail from a server without matching reverse DNS.
  'ptr-mismatch': ['cannot-send'],
  // A hidden DKIM key or policy: signed mail fails DKIM, and DMARC with it.
  'auth-name-proxied': ['cannot-send'],
});

// A lost record's type → what stops (rule page migration-record-lost).
const LOST_RECORD = {
  MX: ['inbound-bounces'],
  A: ['phone-cannot-receive', 'cannot-send', 'inbound-bounces'],
  AAAA: ['phone-cannot-receive', 'cannot-send', 'inbound-bounces'],
  CNAME: ['phone-cannot-receive', 'cannot-send', 'inbound-bounces'],
  SRV: ['phone-cannot-receive'],
  TXT: ['cannot-send'],
};

/**
 * The symptoms one finding explains, in SYMPTOMS order.
 * @param {{rule: string, evidence?: {code: string, params?: object}[]}} finding
 * @returns {string[]}
 */
export function symptomsOf(finding) {
  let list = SYMPTOMS_BY_RULE[finding?.rule] ?? [];
  if (finding?.rule === 'migration-record-lost') {
    const types = (finding.evidence ?? []).filter((s) => s.code === 'record-lost').map((s) => String(s.params?.type ?? '').toUpperCase());
    if (types.length) {
      const found = new Set(types.flatMap((t) => LOST_RECORD[t] ?? []));
      list = list.filter((s) => found.has(s));
    }
  }
  return SYMPTOMS.filter((s) => list.includes(s));
}

/**
 * The findings in the order to show them: those that explain a ticked
 * symptom first (more ticked symptoms explained first), otherwise the
 * report's order (critical first). Each keeps its index in the report, so
 * "finding 3" means the same finding everywhere.
 * @param {object[]} findings report.findings
 * @param {Iterable<string>} ticked symptom ids
 * @returns {{finding: object, index: number, explains: string[]}[]} explains: ticked symptoms only
 */
export function orderFindings(findings = [], ticked = []) {
  const on = new Set(ticked);
  return findings
    .map((finding, index) => ({ finding, index, explains: symptomsOf(finding).filter((s) => on.has(s)) }))
    .sort((a, b) => b.explains.length - a.explains.length || a.index - b.index);
}

/**
 * For each ticked symptom (in SYMPTOMS order), the indexes of the findings
 * that explain it; an empty list when none does.
 * @returns {{symptom: string, findings: number[]}[]}
 */
export function explainSymptoms(findings = [], ticked = []) {
  const on = new Set(ticked);
  return SYMPTOMS.filter((s) => on.has(s)).map((symptom) => ({
    symptom,
    findings: findings.flatMap((f, i) => (symptomsOf(f).includes(symptom) ? [i] : [])),
  }));
}
