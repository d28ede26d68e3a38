// Words for every diagnostic code the core reports, in English and Japanese.
// Placeholders: {field} {type} {detail}. A [bracketed part] is left out when
// a placeholder inside it is empty. tests/js/cli.test.mjs checks that
// both languages cover every code the core knows.
import { displayText } from './name-safety.js';
import { fillTemplate, lookup } from './catalogue.js';

export const messages = {
  en: {
    severity: { error: 'error', warning: 'warning' },
    recordStarts: 'record starts at line {line}',
    codes: {
      'unterminated-quote': 'unterminated quoted string',
      'unbalanced-paren': "')' without a matching '('",
      'unclosed-paren': "'(' is never closed",
      'bad-escape': 'invalid escape sequence[ in {field}][ of {type}]',
      'missing-owner': 'the owner name is left out, but no record comes before it',
      'missing-ttl': 'no TTL: write one on the record or set $TTL[ ({type})]',
      'bad-ttl': 'invalid TTL[ in {type}]',
      'ttl-too-large': 'TTL above 2147483647 is treated as 0 (RFC 2181 §8)',
      'unknown-type': 'unknown record type',
      'unknown-class': 'unknown class',
      'missing-field': 'missing {field}[ in {type}]',
      'extra-field': 'unexpected data after the end of the record[ ({type})]',
      'bad-number': 'invalid {field}[ in {type}]',
      'number-overflow': '{field} out of range[ in {type}]',
      'bad-name': 'invalid domain name[ in {field}][ of {type}]',
      'label-too-long': 'label longer than 63 octets[ in {field}][ of {type}]',
      'name-too-long': 'domain name longer than 255 octets[ in {field}][ of {type}]',
      'missing-origin': 'relative name but no origin is known: add $ORIGIN to the file, or name the domain[ ({field})]',
      'bad-ipv4': 'invalid IPv4 address[ in {type}]',
      'bad-ipv6': 'invalid IPv6 address[ in {type}]',
      'string-too-long': 'string longer than 255 octets[ in {type}]',
      'bad-base64': 'invalid base64[ in {field}][ of {type}]',
      'bad-hex': 'invalid hexadecimal[ in {field}][ of {type}]',
      'bad-generic': 'invalid RFC 3597 data (\\# length hex)[ for {type}]',
      'bad-time': 'invalid time (YYYYMMDDHHmmSS)[ in {field}][ of {type}]',
      'bad-loc': 'invalid location[ in {type}]',
      'bad-svcparam': 'invalid service parameter[ in {type}]',
      'bad-base32': 'invalid base32hex[ in {field}][ of {type}]',
      'bad-caa-tag': 'invalid tag: letters and digits only[ in {type}]',
      'bad-address': 'invalid {field}[ in {type}]',
      'rdata-too-long': 'record data longer than 65535 octets[ in {type}]',
      'bad-directive': 'invalid directive[ {type}]',
      'include-not-found': 'included file not available[: {detail}]',
      'include-depth': '$INCLUDE nested too deep[ (limit {detail})]',
      'include-loop': '$INCLUDE of a file that is still being read (a loop); not read again',
      'include-limit': 'too many $INCLUDE directives[ (limit {detail})]; the later ones are not read',
      'include-outside': 'included file lies outside the folder includes may come from; not read[: {detail}]',
      'bad-generate': 'invalid $GENERATE[ {field}]',
      'generate-limit': '$GENERATE would make too many records[ (limit {detail})]',
      'entry-too-long': 'line or record too long[ (limit {detail} bytes)]: skipped to the next line',
      'class-mismatch': 'class differs from the rest of the zone[ ({type})]',
      'bad-cf-tags': 'malformed cf_tags comment; proxy status unknown',
      'input-too-large': 'input larger than the limit[ of {detail} bytes]; the rest is ignored',
      'too-many-records': 'more records than the limit[ of {detail}]; the rest is ignored',
      'too-many-errors': 'too many problems[; only the first {detail} are listed]',
      'json-syntax': 'invalid JSON[: {detail}]',
      'json-record': 'unusable record[ ({field})][ in {type}][: {detail}]',
      'unknown-format': 'input format not recognised',
      'txt-string-split':
        'string longer than 255 octets[ in {type}][ ({detail} octets)]: kept, split into strings of 255 octets, ' +
        'which readers join again; re-export the zone, or write the text as several quoted strings',
      'out-of-zone':
        'owner outside the zone[ {detail}]: BIND and Knot ignore such records ("out-of-zone data"); ' +
        'kept, as a record of its own name, not of this domain',
      'name-nul': 'NUL octet (\\000) in the owner name: valid DNS, but no host is named so; check the file',
      'utf8-bom':
        'UTF-8 byte order mark at the start of the file: skipped; other readers may take it for part of the first name',
    },
    session: {
      errors: {
        'bad-domain': 'not a domain name: {detail}',
        'no-domain': 'no domain given, and no zone file names one',
      },
      reasons: {
        timeout: 'the resolver did not answer in time',
        http: 'the resolver answered with an HTTP error',
        network: 'the resolver could not be reached',
        'content-type': 'the resolver answered with something other than DNS',
        'no-question': 'the answer does not say what question it answers',
        'wrong-question': 'the answer is for another question',
        truncated: 'the answer was cut short (TC bit)',
        'server-failure': 'the resolver failed to resolve the name (SERVFAIL)',
        refused: 'the resolver refused the question',
        'other-rcode': 'the resolver answered with an error code',
        malformed: 'the answer is not a well-formed DNS message',
        'malformed-json': 'the JSON answer is not usable',
        budget: 'not asked: a limit of the check was reached',
        'not-authoritative': 'the server asked did not answer as authoritative for the name (no AA bit)',
      },
      purposes: {
        apex: 'the domain itself',
        dmarc: 'DMARC policy',
        'client-name': 'a name mail clients and panels connect to',
        srv: 'mail service discovery (SRV)',
        'mx-target': 'a mail exchanger (MX target)',
        'srv-target': 'the target of a service record',
        spf: 'an SPF policy',
        'spf-term': 'a name an SPF policy refers to',
        dkim: 'a DKIM key',
        policy: 'a mail policy (MTA-STS, TLS reporting, BIMI)',
        tlsa: 'DANE for the mail exchanger (TLSA)',
        ptr: 'reverse DNS of an origin address',
      },
      // Why a mail name's route is unknown (names[].zone/live.reason, from
      // core/model), when it is not one of the reasons above.
      routeReasons: {
        'no-zone': 'no zone was uploaded',
        offline: 'live DNS was not asked (offline check)',
        'not-in-zone': 'the name is outside the uploaded zones',
        'leaves-zone': 'an alias (CNAME) leads out of the uploaded zones',
        'cname-loop': 'the aliases (CNAME) lead round in a loop',
        'cname-depth': 'the chain of aliases (CNAME) is longer than the check follows',
        'not-asked': 'the name\'s addresses were not asked',
        pending: 'the answer has not come yet',
      },
      budgets: {
        questions: 'questions per check',
        rounds: 'rounds of questions',
        'cname-depth': 'CNAME links followed',
        'spf-lookups': 'SPF lookups (RFC 7208 allows 10)',
        'answer-records': 'records kept per answer',
        'mail-names': 'mail names taken from MX and SRV records',
        'zone-records': 'records of one type at one name taken from a zone',
      },
    },
    // How a "panel" step's panel is known (its "how" parameter).
    panelHow: { detected: 'recognised from the records it creates', stated: 'as you stated' },
    // Why a finding carries no edit (the core's NoEditReason), with what to do instead.
    noEdit: {
      'record-content': 'No edit from mxray: what this record holds is your choice. The problem above says what to change in it.',
      'reverse-dns': 'No edit from mxray: reverse DNS (PTR) is not in your zone. Ask whoever owns the address (the hosting company or the network provider) to set it to the mail server\'s name.',
      registrar: 'No edit from mxray: the fix is at the registrar, not in the zone. Set the domain\'s name servers to the ones the zone lists, or check the zone that is in use.',
      'follows-from-proxy': 'No edit of its own: it follows from the name being proxied, and the edits that take the name off the proxy fix it too.',
      'zone-not-served': 'No edit from mxray: the zone you gave already has it right, but resolvers are served something else. Import that zone at the DNS provider (or make the same change in its panel), then check again.',
      'outside-zone': 'No edit from mxray: the records to change are not in what it read (the name leads out of the domain). Change them where they are served, so that the name has the mail server\'s own address, DNS only.',
      'apex-mx': 'No edit from mxray without the zone: the MX points at the domain itself, which stays proxied for the website. Point the MX at a name of its own (mail. before the domain) and give that name an A record with the server\'s address, DNS only.',
      'alias-kept': 'No edit from mxray: mail servers follow the alias in practice, and replacing it would pin an address its owner may change. To follow RFC 2181, give the name an A record with the address the alias leads to, or point the MX at the name the alias ends at.',
      'mixed-unknown': 'No edit from mxray: it cannot tell which proxy status you meant. Give every address record of this name the same status (DNS only, if the name serves mail).',
      'alias-no-address': 'No edit from mxray: the MX target is an alias in your zone, and the alias leads to a name with no address. An address added there would also answer for every other name that aliases it, often the website, and the zone does not hold the mail server\'s address. Give the MX a name of its own with the mail server\'s address, DNS only, or make the alias lead to a name that has one.',
    },
    // Words for the code-valued parameters of evidence steps: the core writes
    // codes (JSON consumers key on them), a sentence says what they mean.
    // Providers: core/policy/proxy_providers.cpp's names; a service (the name
    // of a port in core/policy/mail_names.cpp) without words is shown as it is.
    providers: { cloudflare: 'Cloudflare', fastly: 'Fastly', cloudfront: 'Amazon CloudFront', akamai: 'Akamai', imperva: 'Imperva', 'azure-front-door': 'Azure Front Door', sucuri: 'Sucuri' },
    proxied: { true: 'proxied', false: 'DNS-only' },
    sources: { zone: 'in the uploaded zone', live: 'in live DNS' },
    // "missing-from": live, zone (a proxy zone without a file name), or the file's name.
    missingFrom: { zone: "the proxy's zone", live: 'live DNS' },
    authPurposes: {
      dkim: 'a DKIM key name: receivers read the key in its TXT record',
      dmarc: 'the DMARC policy name: receivers read the policy in its TXT record',
      'mta-sts': 'the MTA-STS name: senders read its TXT record',
      'tls-rpt': 'the TLS reporting name: senders read its TXT record',
      verification: 'a name for a TXT or alias a service checks (verification, ACME and the like), not a web host',
      'client-config': 'where mail apps read their set-up',
    },
    routes: { origin: 'leads to your server', proxy: 'leads to the proxy', missing: 'has no address', unknown: 'leads where mxray cannot tell' },
    rcodes: {
      NOERROR: 'normally (NOERROR)',
      NXDOMAIN: 'that the domain does not exist (NXDOMAIN)',
      SERVFAIL: 'with a server failure (SERVFAIL)',
      REFUSED: 'with a refusal (REFUSED)',
    },
    services: {
      SMTP: 'SMTP, mail between servers',
      'SMTP submission': 'SMTP submission, mail sent from mail apps',
      SMTPS: 'SMTP submission over TLS',
      IMAP: 'IMAP, mail read in mail apps',
      IMAPS: 'IMAP over TLS',
      POP3: 'POP3, mail downloaded by mail apps',
      POP3S: 'POP3 over TLS',
      HTTPS: 'HTTPS',
      'webmail HTTPS': 'webmail over HTTPS',
      'cPanel HTTPS': 'cPanel over HTTPS',
      'WHM HTTPS': 'WHM over HTTPS',
      'WebDisk HTTPS': 'Web Disk over HTTPS',
      FTP: 'FTP, file transfer',
      CalDAV: 'CalDAV calendars',
      'CalDAV HTTPS': 'CalDAV calendars over HTTPS',
      CardDAV: 'CardDAV contacts',
      'CardDAV HTTPS': 'CardDAV contacts over HTTPS',
      Autodiscover: 'Autodiscover, mail app set-up',
    },
    rules: {
      'mx-target-proxied': 'Other mail servers cannot deliver: the MX target {name} leads to the proxy',
      'mail-host-proxied': 'Mail apps cannot connect: {name} leads to the proxy, which carries no mail',
      'srv-target-proxied': 'A service record sends clients to the proxy on a port it does not carry: {name}',
      'service-host-proxied': '{name} leads to the proxy, which does not carry its service',
      'mx-companion-record': 'The MX points at a Cloudflare companion record: {name}',
      'mx-target-missing': 'The MX target {name} has no address: mail to the domain bounces',
      'mx-target-cname': 'The MX target {name} is an alias (CNAME); RFC 2181 §10.3 forbids it',
      'mail-host-missing': '{name} has no address: mail apps set up by the hosting panel cannot find the server',
      'proxy-mixed-records': 'Proxied and DNS-only records on {name}: Cloudflare proxies them all',
      'origin-exposed': 'A DNS-only mail record reveals the address behind the proxy: {name}',
      'null-mx-conflict': 'The null MX of {name} ("accepts no mail") sits beside other MX records or has a preference other than 0',
      'spf-proxy-address': 'The SPF record of {name} authorises the proxy\'s addresses, not the server that sends the mail: its mail fails SPF',
      'migration-record-lost': 'A mail record of {name} was lost in the move: the proxy\'s zone or live DNS does not have it',
      'ns-not-delegated': 'The uploaded zone of {name} is not the one resolvers use: the domain is delegated to other name servers',
      'proxy-state-differs': 'The proxy status of {name} in the uploaded zone is not what resolvers get',
      'spf-missing': '{name} receives mail but publishes no SPF record: receivers cannot tell who may send as it',
      'spf-invalid': 'The SPF record of {name} is broken: receivers answer "permerror" and treat it as absent',
      'spf-pass-all': 'The SPF record of {name} lets anyone send as the domain ("+all")',
      'spf-advice': 'The SPF record of {name} works, but has something worth fixing',
      'dmarc-missing': '{name} receives mail but publishes no DMARC policy',
      'dmarc-invalid': 'The DMARC record {name} is broken: receivers ignore it',
      'dmarc-advice': 'The DMARC record {name} works, but has something worth fixing',
      'dmarc-wrong-name': '{name} holds a DMARC record (v=DMARC1), but receivers read DMARC only at _dmarc.{name}',
      'dkim-invalid': 'The DKIM key {name} is unusable: mail signed with it fails DKIM',
      'dkim-advice': 'The DKIM key {name} works, but has something worth knowing',
      'mta-sts-invalid': 'The MTA-STS record {name} is not usable: senders act as if there were no policy',
      'tlsrpt-invalid': 'The TLS reporting record {name} is not usable: no one receives TLS failure reports',
      'tlsa-proxied': 'DANE fails: the TLSA record {name} describes a certificate, but the name leads to the proxy',
      'ptr-mismatch': 'The mail server\'s reverse DNS is not confirmed: {name}',
      'auth-name-proxied': '{name} is proxied, but mail authentication or mail set-up reads it: the proxy hides what is there',
    },
    evidence: {
      mx: 'the domain\'s MX points at {to}[ ({file} line {line})][ {source}]',
      srv: 'a service record points at {to}[ ({file} line {line})][ {source}]',
      cname: '{from} is an alias (CNAME) of {to}[ ({file} line {line})][ {source}][; the record is {proxied}]',
      address: '{name} has the[ {proxied}] address {address}[ ({file} line {line})][ {source}]',
      'proxied-by': "so {name} is answered by {provider}'s proxy",
      'port-not-proxied': "{provider}'s proxy does not carry port {port} ({service})",
      'no-address': '{name} has no address[ {source}]',
      'companion-record': '{name} is a record Cloudflare adds when an MX points at a proxied name',
      panel: 'the hosting panel is {panel}[ ({how})]',
      'null-mx': 'the domain has a null MX (MX {preference} .: "accepts no mail")[ ({file} line {line})][ {source}]',
      'spf-term': 'the SPF term "{term}" authorises the addresses of {name}[ ({file} line {line})][ {source}]',
      'origin-not-authorised': 'no term of the SPF record authorises the address of the server behind the proxy[, {address}]',
      'record-lost': 'the record “{name} {type} {data}”[ ({file} line {line})] is lost: {missing-from} does not have it',
      'zone-ns': 'the zone names {name} as a name server of the domain[ ({file} line {line})]',
      'live-ns': 'asked for the domain\'s name servers, live DNS answers {rcode}[: {names}]',
      'zone-route': 'in the uploaded zone, {name} {route}',
      'live-route': 'in live DNS, {name} {route}',
      'zone-differs': 'in the uploaded zone, {name} {route}, which is not what resolvers serve (not imported yet, or not the delegated zone)',
      'no-edit': '{reason}',
      'no-record': '{name} has no {kind} record[ {source}]',
      'spf-type-record': '{name} has the policy "{text}" as an SPF-type record (type 99)[ ({file} line {line})], which receivers stopped reading (RFC 7208 §3.1): it belongs in a TXT record',
      'txt-record': '{name} has the TXT record "{text}"[ ({file} line {line})][ {source}]',
      'record-problem': '{name}: {problem}[ — at "{term}"]',
      'spf-lookups': 'evaluating the SPF record takes {count} DNS lookups; RFC 7208 allows {limit}[: {terms}]',
      'spf-void-lookups': '{count} SPF {count|lookup finds|lookups find} nothing; RFC 7208 allows {limit}[: {terms}]',
      'spf-loop': '"{term}" in {name} leads back to a record already being evaluated: {chain}',
      'spf-target-no-record': '"{term}" in {from} names {name}, which has no SPF record',
      'tlsa-record': '{name} holds TLSA records for port {port} of {host}[ ({file} line {line})][ {source}]',
      'ptr-missing': '{address} has no reverse DNS name (no PTR at {name})',
      'ptr-record': 'the reverse DNS name of {address} is {target} ({name})',
      'ptr-forward-mismatch': '{target} does not lead back to {address}[; it has the addresses {addresses}]',
      'mx-of': 'the MX of {from} points at {to}[ ({file} line {line})][ {source}]',
      'no-mail-served': 'nothing shows mail is served at {name}: no MX, mail service record or SPF term names it or its address, and autodiscover and autoconfig do not lead there',
      'wildcard-blocked': '{name} owns records of its own ({types}), so the wildcard {wildcard} does not answer for it (RFC 4592 §2.2.1): it needs address records of its own',
      'auth-name': '{name} is {purpose}',
      'non-proxiable-target': '{name} is an alias of {target} ({use}), a target Cloudflare lists as one it must not proxy',
      'unproxy-exposes': 'turning the proxy off on {name} also takes it off {names}: visitors reach the server directly and its address becomes visible',
    },
    // Problems a "record-problem" step names (the catalogue's "problems"):
    // SPF, DMARC and DKIM parser codes, MTA-STS and TLS-RPT checks.
    problems: {
      'spf-bad-version': 'the record does not start with "v=spf1"',
      'spf-malformed-term': 'a term does not follow the SPF grammar',
      'spf-unknown-mechanism': 'unknown mechanism[ "{detail}"]',
      'spf-missing-domain': 'a mechanism or modifier lacks its domain[ ({detail})]',
      'spf-bad-domain-spec': 'invalid domain name in a term',
      'spf-bad-macro': 'invalid macro (%{...})',
      'spf-bad-ip4': 'invalid IPv4 address in ip4:',
      'spf-bad-ip6': 'invalid IPv6 address in ip6:',
      'spf-bad-cidr': 'invalid prefix length[ "{detail}"]',
      'spf-duplicate-modifier': 'the modifier[ {detail}] appears more than once',
      'spf-too-many-lookups': 'more than 10 terms that need DNS lookups[ ({detail})]',
      'spf-multiple-records': 'more than one SPF record[ ({detail})]: receivers answer permerror',
      'spf-pass-all': 'everyone passes[ ({detail})]: any server may send as the domain',
      'spf-mechanisms-after-all': 'terms after "all" are never evaluated',
      'spf-redirect-ignored': 'redirect= is ignored because the record has "all"',
      'spf-ptr': 'the "ptr" mechanism is slow and unreliable; RFC 7208 says not to use it',
      'spf-record-long': 'the record is[ {detail} bytes,] over 450 bytes: its DNS answer may not fit in UDP',
      'spf-modifier-like-mechanism': 'a modifier is named like a mechanism, which is probably a typo',
      'spf-unknown-modifier': 'unknown modifier[ "{detail}"], ignored by receivers',
      'spf-macro-domain': 'a term uses macros: mxray cannot follow it',
      'spf-no-all': 'no "all" at the end: mail from unlisted servers gets "neutral"',
      'dmarc-bad-version': 'the record does not start with "v=DMARC1"',
      'dmarc-malformed-tag': 'a tag is not written as name=value',
      'dmarc-duplicate-tag': 'the tag[ {detail}] appears more than once',
      'dmarc-missing-p': 'no policy (p=): RFC 9989 receivers read it as p=none; older ones ignore the record',
      'dmarc-bad-p': 'the policy[ "{detail}"] is not none, quarantine or reject',
      'dmarc-invalid-value': 'invalid value[ for {detail}]',
      'dmarc-bad-uri': 'invalid report address (rua= or ruf=)',
      'dmarc-multiple-records': 'more than one DMARC record[ ({detail})]: receivers apply none',
      'dmarc-unknown-tag': 'unknown tag[ "{detail}"], ignored by receivers',
      'dmarc-uri-not-mailto': 'report address is not mailto:[ ({detail})]: most receivers send no reports there',
      'dmarc-p-none': 'p=none only monitors: failing mail is still delivered',
      'dmarc-removed-tag': 'the tag[ {detail}] was removed in RFC 9989, and receivers ignore it (t=y takes the place of pct)',
      'dmarc-test-mode': 't=y: the policy is in test mode, receivers apply one level less (reject as quarantine, quarantine as none)',
      'dmarc-no-rua': 'no rua=: the domain receives no aggregate reports',
      'dmarc-fo-conflict': 'fo[={detail}] asks for both 0 and 1, which RFC 9989 calls mutually exclusive: a report generator may ignore the tag',
      'dmarc-uri-size': 'the size limit[ {detail}] after a report address is obsolete: RFC 9989 removed it, and report generators ignore it',
      'dmarc-inherited': 'found by the DNS tree walk above[ {detail}], which has no record of its own: this policy applies to it',
      'dkim-bad-version': 'v= is not "DKIM1"',
      'dkim-version-not-first': 'v= must be the first tag',
      'dkim-malformed-tag': 'a tag is not written as name=value',
      'dkim-duplicate-tag': 'the tag[ {detail}] appears more than once',
      'dkim-missing-p': 'no public key (p=)',
      'dkim-bad-base64': 'the key (p=) is not valid base64',
      'dkim-split-residue': 'quotes or backslashes from a split string are left inside the key',
      'dkim-unknown-key-type': 'unknown key type (k=)[ "{detail}"]',
      'dkim-bad-key': 'the key data is not a valid key',
      'dkim-key-type-mismatch': 'the key is not of the type k= names[ (it is {detail})]',
      'dkim-ed25519-spki': 'the Ed25519 key is in SubjectPublicKeyInfo form; DKIM wants the bare 32 bytes',
      'dkim-key-too-short': 'the RSA key is too short[ ({detail} bits)]: verifiers reject keys under 1024 bits',
      'dkim-no-usable-hash': 'h= allows no hash verifiers accept (sha256)',
      'dkim-not-for-email': 'the key is not for email (s=)',
      'dkim-bad-value': 'invalid value[ in {detail}=]',
      'dkim-revoked': 'the key is revoked (empty p=): signatures with this selector fail',
      'dkim-unknown-tag': 'unknown tag[ "{detail}"], ignored by verifiers',
      'dkim-key-weak': 'the RSA key is[ {detail} bits,] under 2048 bits',
      'dkim-rsa-pkcs1': 'the RSA key is a bare PKCS #1 key; some verifiers want SubjectPublicKeyInfo',
      'dkim-testing': 't=y: the domain is testing DKIM, and verifiers may ignore failures',
      'dkim-key-whitespace': 'the key contains spaces (allowed, but often a sign of a paste error)',
      'dkim-multiple-records': 'more than one TXT record at this selector[ ({detail})]: the result is undefined',
      'mta-sts-bad-version': 'the record does not start with "v=STSv1"',
      'mta-sts-multiple-records': 'more than one MTA-STS record[ ({detail})]: senders use none',
      'mta-sts-malformed': 'a field is not written as name=value',
      'mta-sts-no-id': 'no id= field',
      'mta-sts-bad-id': 'id= must be 1 to 32 letters and digits',
      'mta-sts-no-host': 'the policy host[ {detail}] has no address, so the policy cannot be fetched',
      'tlsrpt-bad-version': 'the record does not start with "v=TLSRPTv1"',
      'tlsrpt-multiple-records': 'more than one TLS-RPT record[ ({detail})]: senders use none',
      'tlsrpt-malformed': 'a field is not written as name=value',
      'tlsrpt-no-rua': 'no rua= field: reports have nowhere to go',
      'tlsrpt-bad-uri': 'a report address is not a mailto: or https: URI',
    },
    // `mxray check` and the report's renderer (www/lib/report-text.js).
    report: {
      severity: { critical: 'critical', warning: 'warning', info: 'info' },
      title: 'mxray check of {domain}',
      mode: { offline: 'offline: the uploaded zones only', live: 'live DNS', both: 'the uploaded zones and live DNS' },
      inputs: '{zones} {zones|zone file|zone files}, {records} {records|record|records}[; {questions} DNS {questions|question|questions} in {rounds} {rounds|round|rounds}]',
      unknown: '{count} DNS {count|question|questions} got no usable answer: what {count|it|they} would have told is unknown',
      budget: 'a limit was reached: {budget} (limit {limit}); {skipped} left out',
      summary: '{critical} critical, {warning} {warning|warning|warnings}, {info} info',
      // The verdict (core/report/verdict.h), the first line of every report.
      verdict: {
        broken: 'Broken: mail to or from {domain} fails now. What to change follows.',
        'at-risk': 'At risk: mail for {domain} works, but something weakens it. What to change follows.',
        fine: 'Fine: mxray found nothing wrong with mail for {domain}, and it could read everything it looked at.',
        'could-not-tell': 'Could not tell: mxray found no problem with mail for {domain}, but it could not look at everything it needed, so it cannot say that all is well.',
      },
      blind: {
        'unknown-facts': '{count} DNS {count|question|questions} got no usable answer',
        budget: 'a limit of the check was reached, so some names or records were left out',
        'rejected-records': 'some records of the zone files could not be read (listed on standard error)',
        'no-records': 'a zone file holds no record at or under its domain',
        'zone-other-domain': 'a zone file is of another domain than the one checked, so it was not used',
        'several-proxy-zones': 'two of the zones are the domain’s Cloudflare zone (both say which records are proxied), and nothing tells which of them Cloudflare serves now: mxray read the last one given. Check one zone at a time, or check the live DNS too',
        'proxy-unknown': 'the Cloudflare export does not say which records are proxied (no cf_tags): whether the mail names reach the server is not known. Export the zone again (newer exports carry cf_tags), or check the live DNS too',
        'terraform-unknown': 'some Terraform resources have values that Terraform fills in when it runs (a variable or an expression), so they were left out (listed on standard error). Give the values in the file, or check terraform show -json',
        // Nothing of the domain's mail was there to look at (core/report/verdict.h).
        'domain-not-found': 'live DNS says the domain does not exist (NXDOMAIN), so there was no mail set-up to look at. Check the spelling of the domain, and that it is registered and its name servers are set',
        'no-mail-records': 'the domain has no mail record: no MX record, and no address or CNAME at the domain itself, so there was no mail set-up to look at. Check that this is the right domain and, for a zone file, a whole export of it; a domain that takes no mail says so with a null MX record (MX 0 .)',
      },
      zoneOtherDomain: '{file} is the zone of {apex}, not of {domain}: it was not used. Give the zone of {domain}, or check {apex}.',
      blindTitle: 'Not looked at',
      unknownFact: '{name} {type}: {reason}; needed for {purposes}',
      unknownMore: 'and {count} more',
      otherResolver: 'Try another resolver: --resolver google, or any https:// DNS-over-HTTPS address.',
      noFixForFindings: 'mxray cannot write an edit for these findings from what it read: each finding below says what to change by hand.',
      noFindings: 'No problem found.',
      noFindingsBlind: 'No problem found in what mxray could look at (see “Not looked at”).',
      noFindingsSawNothing: 'No finding: mxray could look at nothing of the mail (see “Not looked at”).',
      panel: 'Hosting panel: {panel}[ ({how})]',
      findingsTitle: 'Findings',
      fixTitle: 'The fix',
      noFix: 'No change to make.',
      noFixBlind: 'Nothing to change in what mxray could look at; what it could not look at may still need a change (see “Not looked at”).',
      noFixSawNothing: 'mxray could look at nothing of the mail, so it cannot say yet what to change: first let it look (see “Not looked at” for why it could not).',
      origin: 'Server address, as you stated: {address}',
      notesTitle: 'How the edits were merged',
      note: 'finding {finding} asked to {edit}; dropped: {why}',
      noteWhy: {
        'covered-by-remove': 'another edit removes that record',
        'covered-by-replace': 'another edit replaces that record',
        duplicate: 'another finding asks for the same edit',
        conflict: 'a more important finding changes that record differently',
        'placeholder-superseded': 'an edit with a known address takes the place of the placeholder',
        moot: 'not needed: another edit makes the name it works around reach the server directly',
      },
      op: { add: 'add', remove: 'remove', replace: 'replace', 'set-dns-only': 'turn the proxy off on' },
      skipped: '{file}: not written into the file: {edit} ({why})',
      skipWhy: {
        format: 'this input format is not written back: use the batch payload or the dashboard',
        'included-file': 'the record is in an $INCLUDEd file',
        generated: 'the record comes from a $GENERATE line, which makes other records too: change it by hand',
        'cname-kept': 'a CNAME stays at that name, since it could not be removed here, and a CNAME takes no other record beside it: remove the CNAME by hand, then add this',
        'record-not-found': 'the record was not found in the text',
        'terraform-by-hand': 'the Terraform resource is written in a way the patch does not rewrite (an attribute over several lines, or a record type it does not write): change it by hand',
      },
      placeholdersTitle: 'Values to fill in',
      placeholder: {
        'origin-ipv4': '{origin-ipv4} stands for the IPv4 address of the server that handles the mail (the origin behind the proxy); the input does not tell it. To find it: in cPanel, the "Shared IP Address" (or "Dedicated IP Address") in the General Information box of the home page; in Cloudflare, the content of a proxied A record that points at the same server (the apex, www); or ask the hosting company.',
        'origin-ipv6': '{origin-ipv6} stands for the IPv6 address of the server that handles the mail; the input does not tell it. Find it where the IPv4 address is shown (cPanel home page, the hosting company), or leave the AAAA record out.',
      },
      placeholderCli: 'Then run the check again with --origin ADDRESS: mxray fills the address in everywhere.',
      likelyOrigin: 'Likely the server\'s address: {address}, seen as {clues}.',
      likelyOriginCli: 'mxray does not fill it in by itself: check that it is your server\'s, then run the check again with --origin {address}.',
      likelyOriginSite: 'mxray does not fill it in by itself: check that it is your server\'s, then enter it as the server\'s address.',
      originClueLive: ' (live DNS)',
      originMore: 'and {count} more',
      // Where a likely server address was seen (the core's OriginSource).
      originClue: {
        companion: 'Cloudflare\'s companion record {name}, which Cloudflare points at the server[ ({file} line {line})]',
        'proxied-record': 'the proxied record {name}, whose address in the export is the server behind the proxy[ ({file} line {line})]',
        'dns-only-name': 'the DNS-only address of {name}[ ({file} line {line})]',
        'spf-term': 'an ip4:/ip6: term of the SPF record of {name}[ ({file} line {line})]',
        fcrdns: 'its reverse DNS, {name}, which has this address again',
      },
      // What a placeholder stands for, said in a sentence (the {token} itself
      // is shown only in the records and in the line above that explains it);
      // placeholderMark sets it apart where it stands in a record's data.
      placeholderWords: { 'origin-ipv4': "the server's IPv4 address", 'origin-ipv6': "the server's IPv6 address" },
      placeholderMark: '<{words}>',
      diffTitle: 'Diff of {file}',
      planTitle: 'Change plan',
      cpanelTitle: "Steps in cPanel's Zone Editor",
      cloudflareTitle: "Steps in Cloudflare's dashboard",
      // The answer, after the verdict (www/lib/answer.js): where to make the
      // changes, then one sentence per change in the words of the panel that
      // serves the DNS; the proxy status in Cloudflare's words when it does.
      answer: {
        title: 'What to do',
        whereCloudflare: 'Cloudflare serves the DNS of {domain}: make these changes in its dashboard (DNS › Records).',
        wherePanel: 'Make these changes in {panel}, where the DNS of {domain} is kept.',
        whereUnknown: "Make these changes where the DNS of {domain} is kept: the DNS provider's or registrar's panel, or the zone file.",
        dnsOnlyWords: 'DNS only (grey cloud)',
        proxiedWords: 'proxied (orange cloud)',
        make: {
          address: 'Make {name} an {type} record pointing to {value}[, {proxy}], in place of its {oldType} record ({old}).',
          alias: 'Make {name} an alias (CNAME) of {value}[, {proxy}], in place of its {oldType} record ({old}).',
          other: 'Give {name} the {type} record “{value}” in place of its {oldType} record ({old}).',
        },
        add: {
          address: 'Add an {type} record {name} pointing to {value}[, {proxy}].',
          alias: 'Add {name} as an alias (CNAME) of {value}[, {proxy}].',
          other: 'Add the {type} record “{value}” to {name}.',
        },
        change: 'Change the {type} record of {name} from “{old}” to “{value}”[, {proxy}].',
        proxyOff: 'Turn the proxy off on {name}: its {type} record ({old}) becomes DNS only (grey cloud).',
        proxyOffLive: 'Turn the proxy off on {name}: set its records to DNS only (grey cloud).',
        proxyOn: 'Turn the proxy on for {name}: its {type} record ({old}) becomes proxied (orange cloud).',
        delete: 'Delete the {oldType} record of {name} ({old}).',
        table: {
          title: 'The records that change',
          name: 'Name',
          type: 'Type',
          before: 'Before',
          after: 'After',
          proxy: 'Proxy status',
          none: 'none',
          deleted: 'deleted',
          hidden: 'hidden behind the proxy',
        },
        howTitle: 'How mxray knows',
        filesTitle: 'The full diff and the files',
        otherSteps: 'Steps in the other panels',
        // Terraform inputs (www/lib/as-code/terraform.js): {files} the .tf files, {file} a show -json.
        terraform: 'These records are declared in Terraform ({files}): make the changes there, not in the dashboard, or the next terraform apply undoes them. mxray check --format diff writes them as a patch of the .tf; then run terraform plan and terraform apply.',
        terraformState: '{file} is Terraform state: make the changes in the .tf files that declare these resources ({resources}), then run terraform plan and terraform apply; a change made only in the dashboard is undone by the next terraform apply.',
        terraformResources: 'Terraform resources: {resources}',
        // A show -json's fix in the .tf's terms (www/lib/as-code/terraform.js terraformStateEdits).
        terraformPlan: '{file} is a Terraform plan: make the changes in the .tf files that declare these resources ({resources}), then run terraform plan again and terraform apply; a change made only in the dashboard is undone by the next terraform apply.',
        terraformSet: 'In the .tf, set these attributes of {resource} (its other attributes stay as they are):',
        terraformAdd: 'Add this resource to the .tf:',
        terraformRemove: 'Remove the resource block of {resource} from the .tf.',
        terraformByHand: 'This change has no form mxray writes in HCL; make it by hand: {edit}',
      },
      // Several "does not carry port N" steps of one finding, said once.
      portsNotProxied: "{provider}'s proxy does not carry ports {ports} ({services})",
      portsAnd: ' and ',
      // A finding's link to the page of its rule, named by the rule (the page's title).
      ruleLink: 'About {rule}: {title}',
      ruleTitle: {
        'auth-name-proxied': 'a name mail authentication reads is proxied',
        'dkim-advice': 'the DKIM key works, but something is worth knowing',
        'dkim-invalid': 'the DKIM key record is unusable',
        'dmarc-advice': 'the DMARC record works, but something in it is worth fixing',
        'dmarc-invalid': 'receivers ignore the DMARC record',
        'dmarc-missing': 'the domain receives mail but has no DMARC policy',
        'dmarc-wrong-name': 'a DMARC record published where receivers never look',
        'mail-host-missing': 'mail.<domain> has no address',
        'mail-host-proxied': 'mail apps are sent to the proxy',
        'migration-record-lost': 'a mail record was lost in the move',
        'mta-sts-invalid': 'the MTA-STS record is not usable',
        'mx-companion-record': 'the MX points at a Cloudflare companion record',
        'mx-target-cname': 'the MX points at an alias',
        'mx-target-missing': 'the MX points at a name with no address',
        'mx-target-proxied': 'the MX leads to the proxy',
        'ns-not-delegated': 'the uploaded zone is not the one resolvers use',
        'null-mx-conflict': 'a null MX that contradicts the domain\'s other MX records',
        'origin-exposed': 'a mail record reveals the server behind the proxy',
        'proxy-mixed-records': 'proxied and DNS-only records on one name',
        'proxy-state-differs': 'the zone and live DNS disagree about the proxy',
        'ptr-mismatch': 'the mail server\'s reverse DNS is missing or not confirmed',
        'service-host-proxied': 'a hosting service name leads to the proxy',
        'spf-advice': 'the SPF record works, but something in it is worth fixing',
        'spf-invalid': 'receivers answer "permerror" for the SPF record',
        'spf-missing': 'the domain receives mail but has no SPF record',
        'spf-pass-all': 'the SPF record lets anyone send as the domain',
        'spf-proxy-address': 'SPF authorises the proxy, not your mail server',
        'srv-target-proxied': 'a service record sends clients to the proxy',
        'tlsa-proxied': 'DANE TLSA records on a name behind the proxy',
        'tlsrpt-invalid': 'the TLS reporting record is not usable',
      },
      diagnostics: '{count} {count|problem|problems} reading the zone files (listed on standard error)',
      progress: 'round {round}: {answered}/{total} answered[, {failed} got no answer]',
      zoneLine: '{file}: {domain}: {summary}[: {rules}]',
      zoneError: '{file}: error: {error}',
      batchTotal: '{zones} {zones|zone file|zone files}: {failing} at or above {level}, {unsure} could not tell, {errors} unreadable',
      errors: {
        'bad-origin': 'not an IPv4 or IPv6 address: {detail}',
        'no-file': 'no such file: {detail}',
        'not-file': 'not a regular file: {detail}',
        unreadable: 'cannot read: {detail}',
        'too-large': 'the zone files of one check are larger than the limit of {limit} bytes: {detail}',
        'no-zones-in-dir': 'no zone files in the folder: {detail}',
        'no-zone-for-format': 'the format {detail} needs at least one --zone FILE',
        'no-zone': 'no zone in the file',
      },
      // What may mislead in a name or a text (name-safety.js), said next to it.
      // {chars}: "U+202E, U+2066"; {scripts}: script names joined with comma and and.
      safety: {
        'bidi-control': 'contains a hidden character that changes the direction of text ({chars})',
        invisible: 'contains an invisible character ({chars})',
        control: 'contains a control character ({chars})',
        lookalike: 'looks like ‘{looksLike}’ but is written in {scripts} letters',
        'mixed-script': '[looks like ‘{looksLike}’ but ]mixes {scripts} letters',
        comma: ', ',
        and: ' and ',
        script: {
          Latin: 'Latin', Greek: 'Greek', Cyrillic: 'Cyrillic', Cherokee: 'Cherokee', Han: 'Han', Hiragana: 'Hiragana', Katakana: 'Katakana', Bopomofo: 'Bopomofo',
          Hangul: 'Hangul', Other: 'other',
        },
      },
      // Origin addresses whose reverse DNS (PTR) a live check did not ask (verdict.not_asked): ptr-mismatch did not run.
      notAskedTitle: 'Not asked',
      ptrNotAsked: 'Reverse DNS of {address} was not asked (--ask-ptr asks it), so whether its PTR matches the mail server was not checked',
      ptrNotAskedSetting: 'Reverse DNS of {address} was not asked (the setting “Ask the reverse DNS (PTR) of the mail server’s address too” asks it), so whether its PTR matches the mail server was not checked',
      // The verdict at risk when the check could not look at everything (www/lib/verdict-words.js):
      // never "mail works" of what was not looked at.
      verdictBlind: {
        'at-risk': 'At risk: something weakens mail for {domain}, and mxray could not look at everything it needed, so whether mail works is not known. What to change follows.',
      },
      // The verdict's sentence of a check that looked at nothing (verdict-words.js sawNothing).
      verdictSawNothing: 'Could not check {domain}: mxray could look at nothing of its mail, so it can say nothing about it (see “Not looked at”).',
    },
    // The change plan, in the style of DNS tools: + CREATE / ± MODIFY / - DELETE.
    plan: {
      create: 'CREATE',
      modify: 'MODIFY',
      delete: 'DELETE',
      proxied: 'proxied',
      dnsOnly: 'DNS only',
      empty: 'No change.',
      fillIn: 'fill in {placeholder} first',
      // An empty plan that is not "no change" (answer.js noPlanKey).
      emptyBlind: 'No change in what mxray could look at. The check could not tell: what it could not look at may still need a change (the text report lists it).',
      emptyForFindings: 'No change mxray can write: the findings need changes made by hand (the text report says which).',
    },
    // Steps for a person at a hosting panel or at Cloudflare's dashboard.
    steps: {
      cpanelIntro: 'Log in to cPanel and open Domains › Zone Editor; click Manage next to {domain}.',
      cpanelCreate: 'Click the arrow next to "+ Add Record", choose "Add {type} Record"; Name: “{name}”, {field}: “{data}”; click "Save Record".',
      cpanelModify: 'Find the {type} record “{name}” with the value “{before}”; click Edit, set the value to “{after}”, click "Save Record".',
      cpanelDelete: 'Find the {type} record “{name}” with the value “{data}”; click Delete and confirm.',
      cpanelNote: "When the domain's name servers are Cloudflare's, these changes keep cPanel's copy right; what the world sees comes from Cloudflare (see the steps in Cloudflare's dashboard).",
      cloudflareIntro: 'Log in to the Cloudflare dashboard, choose the domain {domain}, and open DNS › Records.',
      cloudflareCreate: 'Click "Add record": Type {type}, Name {name}, {field} {data}[, Proxy status {proxy}]; click Save.',
      cloudflareModify: 'Find the {type} record {name} with the content {before}; click Edit, set the content to {after}[ and the Proxy status to {proxy}]; click Save.',
      cloudflareProxyOnly: 'Find the {type} record {name} with the content {before}; click Edit, set the Proxy status to {proxy} and leave the content as it is; click Save.',
      cloudflareDelete: 'Find the {type} record {name} with the content {data}; click Edit, then Delete, and confirm.',
      cloudflareProxy: 'Proxy status: click the orange cloud so that it turns grey ("DNS only") for every mail name.',
      cloudflareLiveDnsOnly: 'Find the records named {names} (each may be A, AAAA or CNAME). For each: click Edit, set the Proxy status to DNS only, and click Save. If one is a CNAME to a name that stays proxied (the domain itself, say), delete it and add an A record of that name with the server\'s address, DNS only, instead; if a name has no record (a wildcard * answers for it), add that A record.',
      deleteFirst: 'Delete the old records first, then change and add: a name that still has a CNAME can hold no other record, so a new record beside it is refused.',
      cloudflareImport: 'Instead of adding the records by hand, you may import mxray\'s Cloudflare import file (DNS › Records › Import and Export). It holds only the records to add, since the import adds records and changes none: first delete every record listed at its top (the records above that are deleted or changed), then import it.',
      liveNote: 'No zone was given: these steps change what live DNS shows, in the DNS provider\'s panel.',
      fillFirst: 'Where to find {placeholder} for the step above: see "Values to fill in".',
      field: { value: 'Record', address: 'IPv4 address', address6: 'IPv6 address', target: 'Target', content: 'Content' },
    },
    // What a picked file is when it is not a zone (www/lib/input.js, the core's
    // classifyInput): each names the file, then says what to do (the menu path:
    // docs/sources.md#cloudflare-export-menu).
    input: {
      empty: '{file} is empty: there is no record to check.',
      html: '{file} is a web page (HTML), not a zone file: a page saved from a dashboard holds no records.',
      zip: '{file} is a ZIP archive: unpack it and choose the zone file inside.',
      archive: '{file} is an archive (7-Zip, RAR, xz, bzip2 or tar): unpack it and choose the zone file inside.',
      'bad-gzip': '{file} looks compressed (gzip) but could not be unpacked.',
      'too-large-inflated': '{file} unpacks to more than one check can read.',
      pdf: '{file} is a PDF document, not a zone file.',
      image: '{file} is a picture, not a zone file: a screenshot of the records cannot be read.',
      markdown: '{file} is an export copied through a Markdown page (cf\\_tags, **bold**), whose escapes change the names. Choose the exported file itself instead of text copied from a page.',
      binary: '{file} is not text (it holds control bytes), so it is not a zone file.',
      how: "Export the zone as text: in Cloudflare's dashboard, DNS › Records › Import and Export › Export; or take the zone file from your hosting panel.",
      // octoDNS zone files (www/lib/as-code/octodns.js), refused before any record is read.
      'bad-yaml': '{file} is not valid YAML: line {line}, column {column}, at {token}. No record in it was checked.',
      yaml: '{file} is YAML but not an octoDNS zone file: its top level must name records, each with a type and a value. No record in it was checked.',
      'as-code-no-domain': '{file} does not say which domain it is for: name it after the zone as octoDNS does (example.com.yaml), or give the domain with --domain.',
      // JSON that is no DNS answer, and a file of comments only (core/zone/input_kind.h).
      'json-other': "{file} is JSON but holds no DNS records: it is neither an answer of Cloudflare's DNS records API nor a list of records (a package.json or another tool's settings, for instance).",
      'comments-only': '{file} holds only comments and blank lines: there is no record to check.',
    },
    // `mxray check --probe` (www/cli/probe.mjs): what each connection to a mail port
    // showed, as a line of the probe section and as a finding's evidence step.
    probe: {
      title: 'Probe of the mail ports',
      intro: 'mxray connected to each address of each mail name at the ports its users need, waiting {seconds} s at most for each step. It sent only EHLO, CAPABILITY or CAPA, STARTTLS or STLS, and QUIT or LOGOUT: no password and no mail.',
      none: 'No mail name has an address in live DNS, so there was nothing to connect to.',
      truncated: 'Only the first {count} connections were made.',
      failing: 'At the mail ports, {count} of {total} connections did not end in TLS with a trusted certificate for the name (see "Probe of the mail ports" below).',
      allGood: 'At the mail ports, all {total} connections ended in TLS with a trusted certificate for the name.',
      line: '{service} on {name} ({address}[, {provider}]): {outcome}',
      noConnection: {
        timeout: 'no connection after {seconds} s',
        refused: 'no connection: the address refused it',
        unreachable: 'no connection: this machine has no route to the address',
        reset: 'no connection: it was reset',
        error: 'no connection',
      },
      'no-greeting': 'connected, but no greeting came within {seconds} s',
      closedBeforeGreeting: 'connected, but the server closed the connection before its greeting',
      closed: 'the server closed the connection after {step}',
      'bad-greeting': 'connected, but the greeting is not this protocol\'s: "{text}"',
      'refused-greeting': 'connected, but the server turned the connection away: "{text}"',
      'no-starttls': 'greeting received, but the server does not offer STARTTLS',
      'starttls-refused': 'the server refused STARTTLS: "{text}"',
      'tls-failed': 'the TLS handshake failed',
      timeout: 'no answer to {step} within {seconds} s',
      'too-long': 'the server sent more than mxray reads from one connection',
      error: 'the probe failed',
      tls: '{starttls}TLS ({protocol}); the certificate names {names}',
      tlsNoNames: '{starttls}TLS ({protocol}); the certificate names no host',
      afterStarttls: 'STARTTLS, then ',
      covers: '; it covers the name',
      notCovers: '; it does not cover the name',
      untrusted: '; it does not chain to a trusted root ({why})',
      trust: {
        selfSigned: 'self-signed',
        unknownIssuer: 'its issuer is not known',
        expired: 'it has expired',
        notYetValid: 'it is not valid yet',
        other: 'it could not be verified',
      },
    },
    // `mxray check --format sarif` (www/lib/report-sarif.js): the base of the files' names.
    sarif: { srcRoot: 'the folder mxray ran in: each file is named relative to it' },
  },
  ja: {
    severity: { error: 'エラー', warning: '警告' },
    recordStarts: 'レコードは {line} 行目から',
    codes: {
      'unterminated-quote': '引用符 " が閉じていません',
      'unbalanced-paren': "対応する '(' のない ')' があります",
      'unclosed-paren': "'(' が閉じられていません",
      'bad-escape': '[{type} の ][{field} の ]エスケープが不正です',
      'missing-owner': 'オーナー名が省略されていますが、前にレコードがありません',
      'missing-ttl': 'TTL がありません: レコードに書くか $TTL を指定してください[ ({type})]',
      'bad-ttl': '[{type} の ]TTL が不正です',
      'ttl-too-large': '2147483647 を超える TTL は 0 として扱われます (RFC 2181 §8)',
      'unknown-type': '不明なレコードタイプです',
      'unknown-class': '不明なクラスです',
      'missing-field': '[{type} の ]{field} がありません',
      'extra-field': 'レコードの末尾に余分なデータがあります[ ({type})]',
      'bad-number': '[{type} の ]{field} が不正です',
      'number-overflow': '[{type} の ]{field} が範囲外です',
      'bad-name': '[{type} の ][{field} の ]ドメイン名が不正です',
      'label-too-long': '[{type} の ][{field} の ]ラベルが 63 オクテットを超えています',
      'name-too-long': '[{type} の ][{field} の ]ドメイン名が 255 オクテットを超えています',
      'missing-origin': '相対名ですがオリジンが不明です: ファイルに $ORIGIN を追加するか、ドメインを指定してください[ ({field})]',
      'bad-ipv4': '[{type} の ]IPv4 アドレスが不正です',
      'bad-ipv6': '[{type} の ]IPv6 アドレスが不正です',
      'string-too-long': '[{type} の ]文字列が 255 オクテットを超えています',
      'bad-base64': '[{type} の ][{field} の ]base64 が不正です',
      'bad-hex': '[{type} の ][{field} の ]16 進数が不正です',
      'bad-generic': '[{type} の ]RFC 3597 形式 (\\# 長さ 16進) が不正です',
      'bad-time': '[{type} の ][{field} の ]時刻 (YYYYMMDDHHmmSS) が不正です',
      'bad-loc': '[{type} の ]位置情報が不正です',
      'bad-svcparam': '[{type} の ]サービスパラメータが不正です',
      'bad-base32': '[{type} の ][{field} の ]base32hex が不正です',
      'bad-caa-tag': '[{type} の ]タグが不正です (英字と数字のみ)',
      'bad-address': '[{type} の ]{field} が不正です',
      'rdata-too-long': '[{type} の ]レコードデータが 65535 オクテットを超えています',
      'bad-directive': '[{type} ]ディレクティブが不正です',
      'include-not-found': '取り込むファイルがありません[: {detail}]',
      'include-depth': '$INCLUDE の入れ子が深すぎます[ (上限 {detail})]',
      'include-loop': '読み込み中のファイルを $INCLUDE しています (循環)。再読み込みはしません',
      'include-limit': '$INCLUDE が多すぎます[ (上限 {detail})]。以降は読み込みません',
      'include-outside': '取り込むファイルが、取り込みを許されたフォルダーの外にあるため読み込みません[: {detail}]',
      'bad-generate': '$GENERATE が不正です[ ({field})]',
      'generate-limit': '$GENERATE が作るレコードが多すぎます[ (上限 {detail})]',
      'entry-too-long': '行またはレコードが長すぎます[ (上限 {detail} バイト)]。次の行から読み直します',
      'class-mismatch': 'ゾーンの他のレコードとクラスが異なります[ ({type})]',
      'bad-cf-tags': 'cf_tags コメントの形式が不正です。プロキシ状態は不明とします',
      'input-too-large': '入力が上限[ {detail} バイト]を超えました。残りは無視します',
      'too-many-records': 'レコード数が上限[ {detail}]を超えました。残りは無視します',
      'too-many-errors': '問題が多すぎます[。最初の {detail} 件のみ表示します]',
      'json-syntax': 'JSON が不正です[: {detail}]',
      'json-record': '使えないレコードです[ ({field})][ ({type})][: {detail}]',
      'unknown-format': '入力形式を判別できません',
      'txt-string-split':
        '[{type} の ]文字列が 255 オクテットを超えています[ ({detail} オクテット)]。255 オクテットずつの文字列に分けて読みます ' +
        '(読み手は連結します)。ゾーンをエクスポートし直すか、複数の引用符付き文字列に分けて書いてください',
      'out-of-zone':
        'ゾーン[ {detail}]の外の名前のレコードです。BIND と Knot はこれを無視します ("out-of-zone data")。' +
        'その名前自身のレコードとして残し、このドメインのレコードとしては扱いません',
      'name-nul':
        'オーナー名に NUL オクテット (\\000) があります。DNS としては有効ですが、' +
        'この名前のホストはありません。ファイルを確認してください',
      'utf8-bom':
        'ファイル先頭に UTF-8 のバイト順マーク (BOM) があります。読み飛ばしました。' +
        '他のツールは最初の名前の一部と読むことがあります',
    },
    session: {
      errors: {
        'bad-domain': 'ドメイン名ではありません: {detail}',
        'no-domain': 'ドメインが指定されておらず、ゾーンファイルからも分かりません',
      },
      reasons: {
        timeout: 'リゾルバが時間内に応答しませんでした',
        http: 'リゾルバが HTTP エラーを返しました',
        network: 'リゾルバに接続できませんでした',
        'content-type': 'リゾルバが DNS 以外の応答を返しました',
        'no-question': '応答に質問部がありません',
        'wrong-question': '別の質問への応答です',
        truncated: '応答が途中で切れています (TC ビット)',
        'server-failure': 'リゾルバが名前を解決できませんでした (SERVFAIL)',
        refused: 'リゾルバが質問を拒否しました',
        'other-rcode': 'リゾルバがエラーコードを返しました',
        malformed: '応答が正しい DNS メッセージではありません',
        'malformed-json': 'JSON 形式の応答が使えません',
        budget: '未実施: チェックの上限に達しました',
        'not-authoritative': '問い合わせたサーバーはこの名前の権威サーバーとして応答しませんでした (AA ビットなし)',
      },
      purposes: {
        apex: 'ドメインそのもの',
        dmarc: 'DMARC ポリシー',
        'client-name': 'メールソフトや管理画面が接続する名前',
        srv: 'メールサービスの自動検出 (SRV)',
        'mx-target': 'メールサーバー (MX の宛先)',
        'srv-target': 'サービスレコードの宛先',
        spf: 'SPF ポリシー',
        'spf-term': 'SPF ポリシーが参照する名前',
        dkim: 'DKIM 公開鍵',
        policy: 'メールのポリシー (MTA-STS、TLS レポート、BIMI)',
        tlsa: 'メールサーバーの DANE (TLSA)',
        ptr: 'オリジンのアドレスの逆引き',
      },
      routeReasons: {
        'no-zone': 'ゾーンがアップロードされていません',
        offline: 'ライブ DNS を問い合わせていません (オフラインのチェック)',
        'not-in-zone': 'この名前はアップロードしたゾーンの外にあります',
        'leaves-zone': '別名 (CNAME) がアップロードしたゾーンの外へ出ています',
        'cname-loop': '別名 (CNAME) が循環しています',
        'cname-depth': '別名 (CNAME) の連鎖がチェックでたどる上限より長いです',
        'not-asked': 'この名前のアドレスは問い合わせていません',
        pending: '応答がまだ届いていません',
      },
      budgets: {
        questions: '1 回のチェックでの質問数',
        rounds: '質問のラウンド数',
        'cname-depth': 'たどる CNAME の数',
        'spf-lookups': 'SPF の DNS 参照回数 (RFC 7208 の上限は 10)',
        'answer-records': '1 つの応答から保持するレコード数',
        'mail-names': 'MX・SRV レコードから取り出すメール用の名前',
        'zone-records': 'ゾーンから 1 つの名前・タイプごとに取り出すレコード数',
      },
    },
    panelHow: { detected: 'パネルが作るレコードから判定', stated: '指定による' },
    noEdit: {
      'record-content': 'mxray は修正を書きません: このレコードの内容はあなたが決めるものです。直すべき点は上の問題点に示しています。',
      'reverse-dns': 'mxray は修正を書きません: 逆引き DNS (PTR) はあなたのゾーンにはありません。アドレスの管理者 (ホスティング会社やネットワーク事業者) に、メールサーバーの名前を設定するよう依頼してください。',
      registrar: 'mxray は修正を書きません: 修正はゾーンではなくレジストラで行います。ドメインのネームサーバーをゾーンに書かれたものにするか、実際に使われているゾーンを確認してください。',
      'follows-from-proxy': 'この指摘だけの修正はありません: 名前がプロキシされていることが原因なので、名前をプロキシから外す修正でこれも直ります。',
      'zone-not-served': 'mxray は修正を書きません: アップロードしたゾーンは既に正しいのですが、リゾルバには別の内容が返されています。そのゾーンを DNS 事業者にインポートして (またはパネルで同じ変更をして) から、再度チェックしてください。',
      'outside-zone': 'mxray は修正を書きません: 変更すべきレコードは読み取った範囲にありません (名前がドメインの外を指しています)。レコードが提供されている場所で、名前がメールサーバー自身のアドレスを DNS のみで指すように変更してください。',
      'apex-mx': 'ゾーンがないため mxray は修正を書きません: MX がドメインそのものを指していますが、そこはウェブサイトのためにプロキシされたままです。MX を専用の名前 (ドメインの前に mail. を付けた名前) に向け、その名前にサーバーのアドレスの A レコードを DNS のみで作成してください。',
      'alias-kept': 'mxray は修正を書きません: 実際にはメールサーバーは別名をたどりますし、置き換えると別名の持ち主が変えうるアドレスを固定してしまいます。RFC 2181 に従うには、別名の先のアドレスで A レコードを作るか、MX を別名の最終的な名前に向けてください。',
      'mixed-unknown': 'mxray は修正を書きません: どちらのプロキシステータスを意図したのか分かりません。この名前のアドレスレコードをすべて同じステータスにしてください (メールに使う名前なら DNS のみ)。',
      'alias-no-address': 'mxray は修正を書きません: MX の宛先はゾーン内の別名 (CNAME) で、たどり着く先の名前にアドレスがありません。そこにアドレスを足すと、その名前を指す他の名前 (多くは Web サイト) にも効いてしまいます。しかもメールサーバーのアドレスはゾーンに書かれていません。メールサーバーのアドレスを DNS のみで持つ専用の名前へ MX を向けるか、別名の先をアドレスのある名前にしてください。',
    },
    providers: { cloudflare: 'Cloudflare', fastly: 'Fastly', cloudfront: 'Amazon CloudFront', akamai: 'Akamai', imperva: 'Imperva', 'azure-front-door': 'Azure Front Door', sucuri: 'Sucuri' },
    proxied: { true: 'プロキシ済み', false: 'DNS のみ' },
    sources: { zone: 'アップロードしたゾーンでは', live: 'ライブ DNS では' },
    missingFrom: { zone: 'プロキシ側のゾーン', live: 'ライブ DNS' },
    authPurposes: {
      dkim: 'DKIM の公開鍵の名前です。受信側はその TXT レコードの鍵を読みます',
      dmarc: 'DMARC ポリシーの名前です。受信側はその TXT レコードのポリシーを読みます',
      'mta-sts': 'MTA-STS の名前です。送信側はその TXT レコードを読みます',
      'tls-rpt': 'TLS レポートの名前です。送信側はその TXT レコードを読みます',
      verification: 'サービスが確認する TXT や別名の名前 (ドメイン確認や ACME など) で、Web のホストではありません',
      'client-config': 'メールソフトが設定を読みに来る名前です',
    },
    routes: { origin: 'はお使いのサーバーに向いています', proxy: 'はプロキシに向いています', missing: 'にはアドレスがありません', unknown: 'がどこに向いているかは分かりません' },
    rcodes: {
      NOERROR: '正常に (NOERROR) ',
      NXDOMAIN: '「ドメインが存在しない」(NXDOMAIN) と',
      SERVFAIL: 'サーバーの失敗 (SERVFAIL) と',
      REFUSED: '拒否 (REFUSED) と',
    },
    services: {
      SMTP: 'サーバー間のメール配送 (SMTP)',
      'SMTP submission': 'メールソフトからの送信 (SMTP submission)',
      SMTPS: 'TLS でのメール送信 (SMTPS)',
      IMAP: 'メールソフトでの受信 (IMAP)',
      IMAPS: 'TLS でのメール受信 (IMAPS)',
      POP3: 'メールソフトへのダウンロード (POP3)',
      POP3S: 'TLS でのメールのダウンロード (POP3S)',
      HTTPS: 'HTTPS',
      'webmail HTTPS': 'ウェブメール (HTTPS)',
      'cPanel HTTPS': 'cPanel (HTTPS)',
      'WHM HTTPS': 'WHM (HTTPS)',
      'WebDisk HTTPS': 'Web Disk (HTTPS)',
      FTP: 'ファイル転送 (FTP)',
      CalDAV: 'カレンダー (CalDAV)',
      'CalDAV HTTPS': 'カレンダー (CalDAV、HTTPS)',
      CardDAV: '連絡先 (CardDAV)',
      'CardDAV HTTPS': '連絡先 (CardDAV、HTTPS)',
      Autodiscover: 'メールソフトの自動設定 (Autodiscover)',
    },
    rules: {
      'mx-target-proxied': '他のメールサーバーから配送できません: MX の宛先 {name} がプロキシに向いています',
      'mail-host-proxied': 'メールソフトが接続できません: {name} がメールを通さないプロキシに向いています',
      'srv-target-proxied': 'サービスレコードが、プロキシの通さないポートでプロキシに向いています: {name}',
      'service-host-proxied': '{name} がそのサービスを通さないプロキシに向いています',
      'mx-companion-record': 'MX が Cloudflare の補助レコードを指しています: {name}',
      'mx-target-missing': 'MX の宛先 {name} にアドレスがありません: ドメイン宛てのメールは不達（バウンス）になります',
      'mx-target-cname': 'MX の宛先 {name} が別名 (CNAME) です。RFC 2181 §10.3 で禁止されています',
      'mail-host-missing': '{name} にアドレスがありません: 管理パネルで設定したメールソフトがサーバーを見つけられません',
      'proxy-mixed-records': '{name} にプロキシありとなし (DNS のみ) のレコードが混在しています: Cloudflare はすべてプロキシします',
      'origin-exposed': 'DNS のみのメール用レコードがプロキシの裏のアドレスを明かしています: {name}',
      'null-mx-conflict': '{name} のヌル MX (「メールを受け取らない」) が、ほかの MX と並んでいるか、優先度が 0 ではありません',
      'spf-proxy-address': '{name} の SPF レコードが許可しているのはプロキシのアドレスで、メールを送るサーバーではありません: メールが SPF に失敗します',
      'migration-record-lost': '移行で {name} のメール用レコードが失われました: プロキシ側のゾーンかライブ DNS にありません',
      'ns-not-delegated': 'アップロードされた {name} のゾーンはリゾルバが使うものではありません: ドメインは別のネームサーバーに委任されています',
      'proxy-state-differs': '{name} のプロキシ状態が、アップロードされたゾーンとリゾルバの応答とで異なります',
      'spf-missing': '{name} はメールを受け取りますが SPF レコードがありません: 受信側はこのドメインで送信してよい相手を判断できません',
      'spf-invalid': '{name} の SPF レコードに誤りがあります: 受信側は "permerror" とし、レコードがないものとして扱います',
      'spf-pass-all': '{name} の SPF レコードが誰にでもこのドメインでの送信を許しています ("+all")',
      'spf-advice': '{name} の SPF レコードは機能していますが、直したほうがよい点があります',
      'dmarc-missing': '{name} はメールを受け取りますが DMARC ポリシーがありません',
      'dmarc-invalid': 'DMARC レコード {name} に誤りがあります: 受信側はこのレコードを無視します',
      'dmarc-advice': 'DMARC レコード {name} は機能していますが、直したほうがよい点があります',
      'dmarc-wrong-name': '{name} に DMARC レコード (v=DMARC1) がありますが、受信側が DMARC を読むのは _dmarc.{name} だけです',
      'dkim-invalid': 'DKIM 公開鍵 {name} が使えません: この鍵で署名したメールは DKIM 検証に失敗します',
      'dkim-advice': 'DKIM 公開鍵 {name} は使えますが、知っておくべき点があります',
      'mta-sts-invalid': 'MTA-STS レコード {name} が使えません: 送信側はポリシーがないものとして扱います',
      'tlsrpt-invalid': 'TLS レポートのレコード {name} が使えません: TLS の失敗レポートがどこにも届きません',
      'tlsa-proxied': 'DANE が失敗します: TLSA レコード {name} は証明書を指定していますが、その名前はプロキシに向いています',
      'ptr-mismatch': 'メールサーバーの逆引きが確認できません: {name}',
      'auth-name-proxied': '{name} がプロキシ対象ですが、メール認証かメールソフトの設定がこの名前を読みます: プロキシがその中身を隠します',
    },
    evidence: {
      mx: '[{source}、]ドメインの MX が {to} を指しています[ ({file} {line} 行目)]',
      srv: '[{source}、]サービスレコードが {to} を指しています[ ({file} {line} 行目)]',
      cname: '[{source}、]{from} は {to} の別名 (CNAME) です[ ({proxied})][ ({file} {line} 行目)]',
      address: '[{source}、]{name} のアドレスは {address} です[ ({proxied})][ ({file} {line} 行目)]',
      'proxied-by': 'そのため {name} には {provider} のプロキシが応答します',
      'port-not-proxied': '{provider} のプロキシは、{service} に使うポート {port} を通しません',
      'no-address': '[{source}、]{name} にはアドレスがありません',
      'companion-record': '{name} は、MX がプロキシ対象の名前を指したときに Cloudflare が追加するレコードです',
      panel: 'ホスティングの管理パネルは {panel} です[ ({how})]',
      'null-mx': '[{source}、]ドメインにヌル MX (MX {preference} .: 「メールを受け取らない」) があります[ ({file} {line} 行目)]',
      'spf-term': '[{source}、]SPF の項目 "{term}" は {name} のアドレスを許可しています[ ({file} {line} 行目)]',
      'origin-not-authorised': 'プロキシの裏にあるサーバーのアドレス[ ({address}) ]を許可する項目が SPF レコードにありません',
      'record-lost': 'レコード “{name} {type} {data}”[ ({file} {line} 行目)] が失われています ({missing-from} にありません)',
      'zone-ns': 'ゾーンは {name} をドメインのネームサーバーとしています[ ({file} {line} 行目)]',
      'live-ns': 'ドメインのネームサーバーを問い合わせると、ライブ DNS は{rcode}応答しました[: {names}]',
      'zone-route': 'アップロードされたゾーンでは、{name} {route}',
      'live-route': 'ライブ DNS では、{name} {route}',
      'zone-differs': 'アップロードされたゾーンでは、{name} {route}。これはリゾルバが返す内容と異なります (未反映か、委任先のゾーンではありません)',
      'no-edit': '{reason}',
      'no-record': '[{source}、]{name} に {kind} レコードがありません',
      'spf-type-record': '{name} にはポリシー "{text}" が SPF タイプのレコード (タイプ 99) としてあります[ ({file} {line} 行目)]。受信側はこのタイプをもう読みません (RFC 7208 §3.1)。TXT レコードに書く必要があります',
      'txt-record': '[{source}、]{name} の TXT レコードは "{text}" です[ ({file} {line} 行目)]',
      'record-problem': '{name}: {problem}[ — 該当箇所 "{term}"]',
      'spf-lookups': 'SPF の評価に DNS 参照が {count} 回必要です。RFC 7208 の上限は {limit} 回です[: {terms}]',
      'spf-void-lookups': '結果が空になる SPF の参照が {count} 回あります。RFC 7208 の上限は {limit} 回です[: {terms}]',
      'spf-loop': '{name} の "{term}" は評価中のレコードに戻ります: {chain}',
      'spf-target-no-record': '{from} の "{term}" が指す {name} には SPF レコードがありません',
      'tlsa-record': '[{source}、]{name} に {host} のポート {port} 用の TLSA レコードがあります[ ({file} {line} 行目)]',
      'ptr-missing': '{address} に逆引き名がありません ({name} に PTR がありません)',
      'ptr-record': '{address} の逆引き名は {target} です ({name})',
      'ptr-forward-mismatch': '{target} を正引きしても {address} になりません[ (アドレスは {addresses})]',
      'mx-of': '[{source}、]{from} の MX が {to} を指しています[ ({file} {line} 行目)]',
      'no-mail-served': '{name} でメールが提供されている形跡はありません: MX もメールのサービスレコードも SPF の項目もこの名前やそのアドレスを挙げておらず、autodiscover と autoconfig もここに向いていません',
      'wildcard-blocked': '{name} には自分のレコード ({types}) があるため、ワイルドカード {wildcard} はこの名前に応答しません (RFC 4592 §2.2.1): この名前自身にアドレスのレコードが必要です',
      'auth-name': '{name} は {purpose}',
      'non-proxiable-target': '{name} は {target} ({use}) の別名 (CNAME) です。Cloudflare がプロキシしてはならない宛先として挙げているものです',
      'unproxy-exposes': '{name} のプロキシを外すと、{names} のプロキシも外れます: 訪問者はサーバーに直接つながり、そのアドレスが見えるようになります',
    },
    problems: {
      'spf-bad-version': 'レコードが "v=spf1" で始まっていません',
      'spf-malformed-term': 'SPF の文法に合わない項目があります',
      'spf-unknown-mechanism': '不明なメカニズムです[ "{detail}"]',
      'spf-missing-domain': 'メカニズムか修飾子にドメインがありません[ ({detail})]',
      'spf-bad-domain-spec': '項目のドメイン名が不正です',
      'spf-bad-macro': 'マクロ (%{...}) が不正です',
      'spf-bad-ip4': 'ip4: の IPv4 アドレスが不正です',
      'spf-bad-ip6': 'ip6: の IPv6 アドレスが不正です',
      'spf-bad-cidr': 'プレフィックス長が不正です[ "{detail}"]',
      'spf-duplicate-modifier': '修飾子[ {detail} ]が 2 回以上あります',
      'spf-too-many-lookups': 'DNS 参照が必要な項目が 10 を超えています[ ({detail})]',
      'spf-multiple-records': 'SPF レコードが複数あります[ ({detail} 件)]: 受信側は permerror とします',
      'spf-pass-all': '誰でも合格になります[ ({detail})]: どのサーバーでもこのドメインとして送信できます',
      'spf-mechanisms-after-all': '"all" の後ろの項目は評価されません',
      'spf-redirect-ignored': '"all" があるため redirect= は無視されます',
      'spf-ptr': '"ptr" は遅く当てにならず、RFC 7208 は使わないよう求めています',
      'spf-record-long': 'レコードが[ {detail} バイトで] 450 バイトを超えています: DNS 応答が UDP に収まらないことがあります',
      'spf-modifier-like-mechanism': 'メカニズムと同じ名前の修飾子があります。書き間違いと思われます',
      'spf-unknown-modifier': '不明な修飾子です[ "{detail}"]。受信側は無視します',
      'spf-macro-domain': 'マクロを使った項目があり、mxray ではたどれません',
      'spf-no-all': '末尾に "all" がありません: 記載のないサーバーからのメールは "neutral" になります',
      'dmarc-bad-version': 'レコードが "v=DMARC1" で始まっていません',
      'dmarc-malformed-tag': '「名前=値」の形になっていないタグがあります',
      'dmarc-duplicate-tag': 'タグ[ {detail} ]が 2 回以上あります',
      'dmarc-missing-p': 'ポリシー (p=) がありません: RFC 9989 の受信側は p=none と読み、古い受信側はレコードを無視します',
      'dmarc-bad-p': 'ポリシー[ "{detail}" ]が none、quarantine、reject のどれでもありません',
      'dmarc-invalid-value': '[{detail} の ]値が不正です',
      'dmarc-bad-uri': 'レポートの送り先 (rua= または ruf=) が不正です',
      'dmarc-multiple-records': 'DMARC レコードが複数あります[ ({detail} 件)]: 受信側はどれも適用しません',
      'dmarc-unknown-tag': '不明なタグです[ "{detail}"]。受信側は無視します',
      'dmarc-uri-not-mailto': 'レポートの送り先が mailto: ではありません[ ({detail})]: ほとんどの受信側は送りません',
      'dmarc-p-none': 'p=none は監視のみです: 認証に失敗したメールもそのまま届きます',
      'dmarc-removed-tag': 'タグ[ {detail} ]は RFC 9989 で廃止され、受信側は無視します (pct の代わりは t=y です)',
      'dmarc-test-mode': 't=y: ポリシーはテスト中で、受信側は一段階弱く適用します (reject は quarantine、quarantine は none として)',
      'dmarc-no-rua': 'rua= がなく、集計レポートを受け取れません',
      'dmarc-fo-conflict': '「fo[={detail}]」は 0 と 1 の両方を求めていますが、RFC 9989 では両者は同時に指定できません。レポートの送り手はこのタグを無視することがあります',
      'dmarc-uri-size': 'レポートの送り先の後ろのサイズ制限[「{detail}」]は廃止された書き方です。RFC 9989 で削除され、レポートの送り手は無視します',
      'dmarc-inherited': '自身のレコードがない[ {detail} ]の上で DNS ツリーウォークが見つけたもので、このポリシーが適用されます',
      'dkim-bad-version': 'v= が "DKIM1" ではありません',
      'dkim-version-not-first': 'v= は最初のタグでなければなりません',
      'dkim-malformed-tag': '「名前=値」の形になっていないタグがあります',
      'dkim-duplicate-tag': 'タグ[ {detail} ]が 2 回以上あります',
      'dkim-missing-p': '公開鍵 (p=) がありません',
      'dkim-bad-base64': '鍵 (p=) が正しい base64 ではありません',
      'dkim-split-residue': '分割した文字列の引用符やバックスラッシュが鍵の中に残っています',
      'dkim-unknown-key-type': '不明な鍵の種類 (k=) です[ "{detail}"]',
      'dkim-bad-key': '鍵のデータが正しい鍵になっていません',
      'dkim-key-type-mismatch': '鍵の種類が k= と合いません[ (実際は {detail})]',
      'dkim-ed25519-spki': 'Ed25519 の鍵が SubjectPublicKeyInfo 形式です。DKIM では 32 バイトの鍵そのものを使います',
      'dkim-key-too-short': 'RSA 鍵が短すぎます[ ({detail} ビット)]: 1024 ビット未満の鍵は検証側が拒否します',
      'dkim-no-usable-hash': 'h= に検証側が受け付けるハッシュ (sha256) がありません',
      'dkim-not-for-email': 'この鍵はメール用ではありません (s=)',
      'dkim-bad-value': '[{detail}= の ]値が不正です',
      'dkim-revoked': '鍵が失効しています (p= が空): このセレクタの署名は失敗します',
      'dkim-unknown-tag': '不明なタグです[ "{detail}"]。検証側は無視します',
      'dkim-key-weak': 'RSA 鍵が[ {detail} ビットで] 2048 ビット未満です',
      'dkim-rsa-pkcs1': 'RSA 鍵が PKCS #1 形式のままです。SubjectPublicKeyInfo 形式を求める検証側もあります',
      'dkim-testing': 't=y: DKIM を試験中で、検証側は失敗を無視することがあります',
      'dkim-key-whitespace': '鍵に空白が含まれています (許されていますが、貼り付けの誤りであることが多いです)',
      'dkim-multiple-records': 'このセレクタに TXT レコードが複数あります[ ({detail} 件)]: 結果は不定です',
      'mta-sts-bad-version': 'レコードが "v=STSv1" で始まっていません',
      'mta-sts-multiple-records': 'MTA-STS レコードが複数あります[ ({detail} 件)]: 送信側はどれも使いません',
      'mta-sts-malformed': '「名前=値」の形になっていない項目があります',
      'mta-sts-no-id': 'id= がありません',
      'mta-sts-bad-id': 'id= は英数字 1〜32 文字でなければなりません',
      'mta-sts-no-host': 'ポリシーを置くホスト[ {detail} ]にアドレスがなく、ポリシーを取得できません',
      'tlsrpt-bad-version': 'レコードが "v=TLSRPTv1" で始まっていません',
      'tlsrpt-multiple-records': 'TLS-RPT レコードが複数あります[ ({detail} 件)]: 送信側はどれも使いません',
      'tlsrpt-malformed': '「名前=値」の形になっていない項目があります',
      'tlsrpt-no-rua': 'rua= がなく、レポートの送り先がありません',
      'tlsrpt-bad-uri': 'レポートの送り先が mailto: でも https: でもありません',
    },
    // `mxray check` とレポートの表示 (www/lib/report-text.js)。
    report: {
      severity: { critical: '重大', warning: '警告', info: '情報' },
      title: '{domain} の mxray チェック',
      mode: { offline: 'オフライン: アップロードしたゾーンのみ', live: 'ライブ DNS', both: 'アップロードしたゾーンとライブ DNS' },
      inputs: 'ゾーンファイル {zones} 件、レコード {records} 件[、DNS の問い合わせ {questions} 件 ({rounds} ラウンド)]',
      unknown: 'DNS の問い合わせ {count} 件に使える回答がありませんでした: その内容は不明です',
      budget: '上限に達しました: {budget} (上限 {limit})。{skipped} 件を省きました',
      summary: '重大 {critical} 件、警告 {warning} 件、情報 {info} 件',
      verdict: {
        broken: '不具合あり: {domain} のメールは現在届きません。変更すべき点を以下に示します。',
        'at-risk': '要注意: {domain} のメールは届いていますが、弱点があります。変更すべき点を以下に示します。',
        fine: '問題なし: {domain} のメールに問題は見つからず、調べた情報はすべて確認できました。',
        'could-not-tell': '判定できません: {domain} のメールに問題は見つかりませんでしたが、必要な情報の一部を確認できなかったため、問題がないとは言えません。',
      },
      blind: {
        'unknown-facts': '{count} 件の DNS 問い合わせに使える応答がありませんでした',
        budget: 'チェックの上限に達したため、一部の名前やレコードを対象外にしました',
        'rejected-records': 'ゾーンファイルの一部のレコードを読み取れませんでした (標準エラー出力に一覧があります)',
        'no-records': 'ドメインとその配下のレコードを含まないゾーンファイルがあります',
        'zone-other-domain': 'チェックしたドメインとは別のドメインのゾーンファイルがあるため、そのファイルは使っていません',
        'several-proxy-zones': 'このドメインの Cloudflare のゾーンが二つあり (どちらにもプロキシの状態が書かれています)、いま Cloudflare が返しているのがどちらかは分かりません。mxray は最後に指定されたゾーンを読みました。ゾーンを一つずつチェックするか、ライブ DNS もチェックしてください',
        'proxy-unknown': 'Cloudflare のエクスポートに、どのレコードがプロキシされているかが書かれていません (cf_tags がありません)。メール用の名前がサーバーに届くかどうかは分かりません。ゾーンをもう一度エクスポートする (新しいエクスポートには cf_tags があります) か、ライブ DNS もチェックしてください',
        'terraform-unknown': 'Terraform のリソースの一部に、Terraform の実行時に決まる値 (変数や式) があるため、チェックから外しました (標準エラーに一覧があります)。値をファイルに書くか、terraform show -json の出力をチェックしてください',
        // 確認するメールの設定がなかった場合 (core/report/verdict.h)。
        'domain-not-found': 'ライブ DNS によるとこのドメインは存在しない (NXDOMAIN) ため、確認できるメールの設定がありませんでした。ドメイン名の綴りと、ドメインが登録され、ネームサーバーが設定されているかを確かめてください',
        'no-mail-records': 'このドメインにはメールのレコード (MX レコード、ドメイン自体のアドレスや CNAME) がないため、確認できるメールの設定がありませんでした。ドメインが正しいか、ゾーンファイルならエクスポート全体かを確かめてください。メールを受け取らないドメインは Null MX レコード (MX 0 .) でそれを示します',
      },
      zoneOtherDomain: '{file} は {apex} のゾーンで、{domain} のものではないため、使っていません。{domain} のゾーンを指定するか、{apex} をチェックしてください。',
      blindTitle: '確認できなかったこと',
      unknownFact: '{name} {type}: {reason}。{purposes}の判定に必要です',
      unknownMore: 'ほか {count} 件',
      otherResolver: '別のリゾルバを試してください: --resolver google、または任意の https:// の DNS over HTTPS のアドレス。',
      noFixForFindings: '読み取った内容からは、これらの指摘に対する修正を自動で書けません。下の各指摘に、手で変更すべき点を示しています。',
      noFindings: '問題は見つかりませんでした。',
      noFindingsBlind: '確認できた範囲では問題は見つかりませんでした (「確認できなかったこと」を参照)。',
      noFindingsSawNothing: '指摘はありません: メールに関するものを一つも確認できませんでした (「確認できなかったこと」を参照)。',
      panel: 'ホスティングパネル: {panel}[ ({how})]',
      findingsTitle: '検出結果',
      fixTitle: '修正',
      noFix: '変更は不要です。',
      noFixBlind: '確認できた範囲では変更は不要です。確認できなかった部分には変更が必要なこともあります (「確認できなかったこと」を参照)。',
      noFixSawNothing: 'メールに関するものを一つも確認できなかったため、何を変更すべきかはまだ言えません。先に確認できるようにしてください (確認できなかった理由は「確認できなかったこと」を参照)。',
      origin: 'サーバーのアドレス (指定された値): {address}',
      notesTitle: '修正の統合',
      note: '検出結果 {finding} の修正「{edit}」は採用しませんでした: {why}',
      noteWhy: {
        'covered-by-remove': '別の修正がそのレコードを削除します',
        'covered-by-replace': '別の修正がそのレコードを置き換えます',
        duplicate: '別の検出結果が同じ修正を求めています',
        conflict: 'より重要な検出結果が同じレコードを別の形で変更します',
        'placeholder-superseded': 'アドレスが分かっている修正がプレースホルダーの代わりになります',
        moot: '不要です。別の修正により、この修正が回避していた名前がサーバーに直接届くようになります',
      },
      op: { add: '追加', remove: '削除', replace: '置き換え', 'set-dns-only': 'プロキシをオフにする' },
      skipped: '{file}: ファイルに書き込めませんでした: {edit} ({why})',
      skipWhy: {
        format: 'この入力形式には書き戻せません: バッチペイロードかダッシュボードを使ってください',
        'included-file': 'レコードが $INCLUDE されたファイルにあります',
        generated: 'レコードは $GENERATE の行から作られており、その行は他のレコードも作ります。手で修正してください',
        'cname-kept': 'その名前には CNAME が残ります。ここでは削除できず、CNAME と同じ名前には他のレコードを置けません。先に CNAME を手で削除してから、このレコードを追加してください',
        'record-not-found': 'レコードがテキスト中に見つかりません',
        'terraform-by-hand': 'この Terraform のリソースはパッチで書き換えられない書き方です (複数行にわたる属性、またはパッチが書かないレコードの型)。手で変更してください',
      },
      placeholdersTitle: '入力が必要な値',
      placeholder: {
        'origin-ipv4': '{origin-ipv4} はメールを扱うサーバー (プロキシの背後のオリジン) の IPv4 アドレスです。入力からは分かりません。調べ方: cPanel のホーム画面「一般情報」の「共有 IP アドレス」(または「専用 IP アドレス」)、Cloudflare では同じサーバーを指すプロキシ済み A レコード (ルートや www) の内容、またはホスティング会社に問い合わせてください。',
        'origin-ipv6': '{origin-ipv6} はメールを扱うサーバーの IPv6 アドレスです。入力からは分かりません。IPv4 アドレスと同じ場所 (cPanel のホーム画面、ホスティング会社) で調べるか、AAAA レコードを省いてください。',
      },
      placeholderCli: 'そのあと「--origin アドレス」を付けて再度チェックすると、mxray がすべての箇所にアドレスを入れます。',
      likelyOrigin: 'サーバーのアドレスはおそらく {address} です。根拠: {clues}。',
      likelyOriginCli: 'mxray はこれを自動では入れません。あなたのサーバーのアドレスか確認してから、--origin {address} を付けて再度チェックしてください。',
      likelyOriginSite: 'mxray はこれを自動では入れません。あなたのサーバーのアドレスか確認してから、サーバーのアドレスとして入力してください。',
      originClueLive: ' (ライブ DNS)',
      originMore: 'ほか {count} 件',
      originClue: {
        companion: 'Cloudflare がサーバーに向けるコンパニオンレコード {name}[ ({file} {line} 行目)]',
        'proxied-record': 'プロキシ済みレコード {name} (エクスポート内のアドレスはプロキシの背後のサーバーです)[ ({file} {line} 行目)]',
        'dns-only-name': '{name} の DNS のみのアドレス[ ({file} {line} 行目)]',
        'spf-term': '{name} の SPF レコードの ip4:/ip6: 項目[ ({file} {line} 行目)]',
        fcrdns: '逆引き DNS の名前 {name} (この名前もこのアドレスを返します)',
      },
      placeholderWords: { 'origin-ipv4': 'サーバーの IPv4 アドレス', 'origin-ipv6': 'サーバーの IPv6 アドレス' },
      placeholderMark: '〈{words}〉',
      diffTitle: '{file} の差分',
      planTitle: '変更計画',
      cpanelTitle: 'cPanel のゾーンエディターでの手順',
      cloudflareTitle: 'Cloudflare ダッシュボードでの手順',
      answer: {
        title: '対処方法',
        whereCloudflare: '{domain} の DNS は Cloudflare が提供しています。Cloudflare のダッシュボード (「DNS」›「レコード」) で次のように変更します。',
        wherePanel: '{domain} の DNS は {panel} で管理されています。そこで次のように変更します。',
        whereUnknown: '{domain} の DNS を管理している場所 (DNS 事業者やレジストラのパネル、またはゾーンファイル) で次のように変更します。',
        dnsOnlyWords: '「DNS のみ」、灰色の雲',
        proxiedWords: '「プロキシ済み」、オレンジの雲',
        make: {
          address: '{name} を、{value} を指す {type} レコードにします[ (プロキシステータスは{proxy})]。いまの {oldType} レコード ({old}) と置き換えます。',
          alias: '{name} を {value} の別名 (CNAME) にします[ (プロキシステータスは{proxy})]。いまの {oldType} レコード ({old}) と置き換えます。',
          other: '{name} のいまの {oldType} レコード ({old}) を、{type} レコード「{value}」に置き換えます。',
        },
        add: {
          address: '{value} を指す {type} レコード {name} を追加します[ (プロキシステータスは{proxy})]。',
          alias: '{name} を {value} の別名 (CNAME) として追加します[ (プロキシステータスは{proxy})]。',
          other: '{name} に {type} レコード「{value}」を追加します。',
        },
        change: '{name} の {type} レコードを「{old}」から「{value}」に変えます[ (プロキシステータスは{proxy})]。',
        proxyOff: '{name} のプロキシをオフにします: {type} レコード ({old}) を「DNS のみ」(灰色の雲) にします。',
        proxyOffLive: '{name} のプロキシをオフにします: そのレコードを「DNS のみ」(灰色の雲) にします。',
        proxyOn: '{name} のプロキシをオンにします: {type} レコード ({old}) を「プロキシ済み」(オレンジの雲) にします。',
        delete: '{name} の {oldType} レコード ({old}) を削除します。',
        table: {
          title: '変わるレコード',
          name: '名前',
          type: 'タイプ',
          before: '変更前',
          after: '変更後',
          proxy: 'プロキシステータス',
          none: 'なし',
          deleted: '削除',
          hidden: 'プロキシの裏にあり見えない',
        },
        howTitle: 'mxray がそう判断した根拠',
        filesTitle: '差分の全体とファイル',
        otherSteps: 'ほかのパネルでの手順',
        // Terraform の入力 (www/lib/as-code/terraform.js)。{files} は .tf ファイル、{file} は show -json の出力。
        terraform: 'これらのレコードは Terraform ({files}) で宣言されています。ダッシュボードではなくそちらで変更してください。ダッシュボードだけで変えると、次の terraform apply で元に戻ります。mxray check --format diff で .tf へのパッチを出力できます。そのあと terraform plan と terraform apply を実行してください。',
        terraformState: '{file} は Terraform のステートです。これらのリソース ({resources}) を宣言している .tf ファイルで変更し、terraform plan と terraform apply を実行してください。ダッシュボードだけで変えると、次の terraform apply で元に戻ります。',
        terraformResources: 'Terraform のリソース: {resources}',
        terraformPlan: '{file} は Terraform のプランです。これらのリソース ({resources}) を宣言している .tf ファイルで変更し、もう一度 terraform plan を実行してから terraform apply を実行してください。ダッシュボードだけで変えると、次の terraform apply で元に戻ります。',
        terraformSet: '.tf の {resource} で、次の属性を設定してください (ほかの属性はそのままです):',
        terraformAdd: '.tf に次のリソースを追加してください:',
        terraformRemove: '.tf から {resource} のリソースブロックを削除してください。',
        terraformByHand: 'この変更は mxray が HCL で書けない形です。手で変更してください: {edit}',
      },
      portsNotProxied: '{provider} のプロキシは、ポート {ports} を通しません ({services})',
      portsAnd: '、',
      ruleLink: '{rule} について: {title}',
      ruleTitle: {
        'auth-name-proxied': 'メール認証が読む名前がプロキシ対象になっている',
        'dkim-advice': 'DKIM 公開鍵は使えるが、知っておくべき点がある',
        'dkim-invalid': 'DKIM 公開鍵のレコードが使えない',
        'dmarc-advice': 'DMARC レコードは機能しているが、直したほうがよい点がある',
        'dmarc-invalid': '受信側が DMARC レコードを無視する',
        'dmarc-missing': 'メールを受け取るドメインに DMARC ポリシーがない',
        'dmarc-wrong-name': '受信側が見ない名前に DMARC レコードがある',
        'mail-host-missing': 'mail.<ドメイン> にアドレスがない',
        'mail-host-proxied': 'メールソフトの接続先がプロキシに向いている',
        'migration-record-lost': '移行でメール用のレコードが失われた',
        'mta-sts-invalid': 'MTA-STS レコードが使えない',
        'mx-companion-record': 'MX が Cloudflare の補助レコードを指している',
        'mx-target-cname': 'MX が別名 (CNAME) を指している',
        'mx-target-missing': 'MX がアドレスのない名前を指している',
        'mx-target-proxied': 'MX の宛先がプロキシに向いている',
        'ns-not-delegated': 'アップロードしたゾーンがリゾルバの使うゾーンではない',
        'null-mx-conflict': 'ヌル MX がほかの MX レコードと矛盾している',
        'origin-exposed': 'メール用レコードがプロキシの裏のサーバーを明かしている',
        'proxy-mixed-records': '1 つの名前にプロキシありと DNS のみのレコードが混在',
        'proxy-state-differs': 'ゾーンとライブ DNS でプロキシの状態が違う',
        'ptr-mismatch': 'メールサーバーの逆引きがない、または正引きと一致しない',
        'service-host-proxied': 'ホスティングのサービス用の名前がプロキシに向いている',
        'spf-advice': 'SPF レコードは機能しているが、直したほうがよい点がある',
        'spf-invalid': 'SPF レコードが「permerror」になる',
        'spf-missing': 'メールを受け取るドメインに SPF レコードがない',
        'spf-pass-all': 'SPF レコードが誰にでも送信を許している',
        'spf-proxy-address': 'SPF が許可しているのがメールサーバーではなくプロキシ',
        'srv-target-proxied': 'サービスレコードがクライアントをプロキシへ送っている',
        'tlsa-proxied': 'プロキシの背後の名前に DANE の TLSA レコードがある',
        'tlsrpt-invalid': 'TLS レポートのレコードが使えない',
      },
      diagnostics: 'ゾーンファイルの読み込みで問題が {count} 件ありました (標準エラー出力に表示)',
      progress: 'ラウンド {round}: {answered}/{total} 件回答済み[、{failed} 件は応答なし]',
      zoneLine: '{file}: {domain}: {summary}[: {rules}]',
      zoneError: '{file}: エラー: {error}',
      batchTotal: 'ゾーンファイル {zones} 件: {level}以上の問題あり {failing} 件、判定できないもの {unsure} 件、読めないもの {errors} 件',
      errors: {
        'bad-origin': 'IPv4 または IPv6 アドレスではありません: {detail}',
        'no-file': 'ファイルがありません: {detail}',
        'not-file': '通常のファイルではありません: {detail}',
        unreadable: '読み込めません: {detail}',
        'too-large': '1 回のチェックのゾーンファイルが上限の {limit} バイトを超えています: {detail}',
        'no-zones-in-dir': 'フォルダにゾーンファイルがありません: {detail}',
        'no-zone-for-format': '形式 {detail} には --zone ファイルが 1 つ以上必要です',
        'no-zone': 'ファイルにゾーンがありません',
      },
      safety: {
        'bidi-control': '文字の並ぶ向きを変える見えない文字 ({chars}) を含んでいます',
        invisible: '見えない文字 ({chars}) を含んでいます',
        control: '制御文字 ({chars}) を含んでいます',
        lookalike: '「{looksLike}」に見えますが、{scripts}で書かれています',
        'mixed-script': '[「{looksLike}」に見えますが、]{scripts}が混ざっています',
        comma: '、',
        and: 'と',
        script: {
          Latin: 'ラテン文字', Greek: 'ギリシャ文字', Cyrillic: 'キリル文字', Cherokee: 'チェロキー文字', Han: '漢字', Hiragana: 'ひらがな', Katakana: 'カタカナ', Bopomofo: '注音字母',
          Hangul: 'ハングル', Other: 'その他の文字',
        },
      },
      // Origin addresses whose reverse DNS (PTR) a live check did not ask (verdict.not_asked): ptr-mismatch did not run.
      notAskedTitle: '確認していないこと',
      ptrNotAsked: '{address} の逆引き DNS (PTR) は問い合わせていません (--ask-ptr を付けると問い合わせます)。PTR がメールサーバーと一致するかは確認していません',
      ptrNotAskedSetting: '{address} の逆引き DNS (PTR) は問い合わせていません (設定「メールサーバーのアドレスの逆引き DNS (PTR) も問い合わせる」をオンにすると問い合わせます)。PTR がメールサーバーと一致するかは確認していません',
      verdictBlind: {
        'at-risk': '要注意: {domain} のメールには弱点があります。必要な情報の一部を確認できなかったため、メールが届いているかどうかは分かりません。変更すべき点を以下に示します。',
      },
      // 何も確認できなかったチェックの判定文 (verdict-words.js sawNothing)。
      verdictSawNothing: '{domain} をチェックできませんでした: メールに関するものを一つも確認できなかったため、メールについては何も言えません (「確認できなかったこと」を参照)。',
    },
    // 変更計画 (DNS ツールの + CREATE / ± MODIFY / - DELETE の形式)。
    plan: {
      create: '作成',
      modify: '変更',
      delete: '削除',
      proxied: 'プロキシ済み',
      dnsOnly: 'DNS のみ',
      empty: '変更はありません。',
      fillIn: '先に{placeholder}を入力してください',
      // 空の変更計画が「変更なし」を意味しない場合 (answer.js noPlanKey)。
      emptyBlind: '確認できた範囲では変更はありません。判定できなかったため、確認できなかった部分には変更が必要なこともあります (テキストのレポートに一覧があります)。',
      emptyForFindings: 'mxray が書ける変更はありません。検出結果には手作業での変更が必要です (テキストのレポートに説明があります)。',
    },
    // ホスティングパネルや Cloudflare ダッシュボードでの手順。
    steps: {
      cpanelIntro: 'cPanel にログインし、「ドメイン」›「ゾーンエディター」を開いて、{domain} の「管理」をクリックします。',
      cpanelCreate: '「+ レコードの追加」の横の矢印から「{type} レコードの追加」を選び、名前に “{name}”、{field}に “{data}” と入力して「レコードの保存」をクリックします。',
      cpanelModify: '値が “{before}” の {type} レコード “{name}” を探し、「編集」をクリックして値を “{after}” にし、「レコードの保存」をクリックします。',
      cpanelDelete: '値が “{data}” の {type} レコード “{name}” を探し、「削除」をクリックして確定します。',
      cpanelNote: 'ドメインのネームサーバーが Cloudflare の場合、この変更は cPanel に保存されているゾーンを正しく保つためのものです。外から見える DNS は Cloudflare のもの (Cloudflare ダッシュボードでの手順を参照) です。',
      cloudflareIntro: 'Cloudflare ダッシュボードにログインし、ドメイン {domain} を選んで「DNS」›「レコード」を開きます。',
      cloudflareCreate: '「レコードを追加」をクリックし、タイプ {type}、名前 {name}、{field}「{data}」[、プロキシステータス「{proxy}」]にして「保存」をクリックします。',
      cloudflareModify: '内容が「{before}」の {type} レコード {name} を探し、「編集」をクリックして内容を「{after}」[、プロキシステータスを「{proxy}」]にし、「保存」をクリックします。',
      cloudflareProxyOnly: '内容が「{before}」の {type} レコード {name} を探し、「編集」をクリックして、内容はそのままでプロキシステータスを「{proxy}」にし、「保存」をクリックします。',
      cloudflareDelete: '内容が「{data}」の {type} レコード {name} を探し、「編集」、「削除」の順にクリックして確定します。',
      cloudflareProxy: 'プロキシステータス: メール用の名前はすべて、オレンジの雲をクリックして灰色 (「DNS のみ」) にします。',
      cloudflareLiveDnsOnly: '名前が {names} のレコード (それぞれ A、AAAA または CNAME) を探し、それぞれ「編集」をクリックしてプロキシステータスを「DNS のみ」にし、「保存」をクリックします。プロキシされたままの名前 (ドメインそのものなど) への CNAME なら、削除して代わりにその名前でサーバーのアドレスの A レコードを DNS のみで追加します。その名前のレコードがない (ワイルドカード * が応答している) 場合も、その A レコードを追加します。',
      deleteFirst: '先に古いレコードを削除し、それから変更と追加をします。CNAME が残っている名前には他のレコードを置けないため、その横に新しいレコードを追加しようとしても拒否されます。',
      cloudflareImport: 'レコードを手で追加する代わりに、mxray の Cloudflare インポート用ファイルを「DNS」›「レコード」›「インポートとエクスポート」から読み込むこともできます。インポートはレコードを追加するだけで既存のものを変えないため、このファイルには追加するレコードだけが入っています。読み込む前に、ファイルの先頭に並ぶレコード (上の手順で削除または変更するもの) をすべて削除してください。',
      liveNote: 'ゾーンが与えられていないため、これらの手順はライブ DNS の内容を DNS 事業者のパネルで変更するものです。',
      fillFirst: '上の手順の{placeholder}の調べ方は「入力が必要な値」にあります。',
      field: { value: 'レコード', address: 'IPv4 アドレス', address6: 'IPv6 アドレス', target: 'ターゲット', content: 'コンテンツ' },
    },
    input: {
      empty: '{file} は空です。チェックするレコードがありません。',
      html: '{file} はウェブページ (HTML) で、ゾーンファイルではありません。ダッシュボードから保存したページにはレコードが含まれていません。',
      zip: '{file} は ZIP アーカイブです。展開して、中のゾーンファイルを選んでください。',
      archive: '{file} はアーカイブ (7-Zip、RAR、xz、bzip2、tar) です。展開して、中のゾーンファイルを選んでください。',
      'bad-gzip': '{file} は gzip で圧縮されているようですが、展開できませんでした。',
      'too-large-inflated': '{file} は展開すると、1 回のチェックで読める量を超えます。',
      pdf: '{file} は PDF 文書で、ゾーンファイルではありません。',
      image: '{file} は画像で、ゾーンファイルではありません。レコードのスクリーンショットは読み取れません。',
      markdown: '{file} は Markdown のページを経由してコピーされたエクスポートです (cf\\_tags、**太字**)。エスケープによって名前が変わってしまいます。ページからコピーした文字ではなく、エクスポートしたファイルそのものを選んでください。',
      binary: '{file} はテキストではなく (制御文字を含みます)、ゾーンファイルではありません。',
      how: 'ゾーンをテキストでエクスポートしてください。Cloudflare ではダッシュボードの DNS › Records › Import and Export › Export から。ホスティングパネルの場合は、そのゾーンファイルを使ってください。',
      // octoDNS のゾーンファイル (www/lib/as-code/octodns.js)。レコードを読む前に断るもの。
      'bad-yaml': '{file} は正しい YAML ではありません ({line} 行目 {column} 列目、{token} の位置)。レコードは 1 件もチェックしていません。',
      yaml: '{file} は YAML ですが、octoDNS のゾーンファイルではありません。最上位にレコード名を並べ、それぞれに type と value を書く必要があります。レコードは 1 件もチェックしていません。',
      'as-code-no-domain': '{file} からは、どのドメインのファイルかわかりません。octoDNS と同じくゾーン名をファイル名にする (example.com.yaml) か、--domain でドメインを指定してください。',
      // DNS の応答でない JSON と、コメントだけのファイル (core/zone/input_kind.h)。
      'json-other': '{file} は JSON ですが、DNS レコードを含んでいません。Cloudflare の DNS レコード API の応答でも、レコードの一覧でもありません (package.json や別のツールの設定ファイルなど)。',
      'comments-only': '{file} にはコメントと空行しかなく、チェックするレコードがありません。',
    },
    probe: {
      title: 'メール用ポートへの接続確認',
      intro: 'mxray は、メール用の各名前の各アドレスに、利用者が使うポートで接続しました。各段階で待つのは最大 {seconds} 秒です。送ったのは EHLO、CAPABILITY または CAPA、STARTTLS または STLS、QUIT または LOGOUT だけで、パスワードもメールも送っていません。',
      none: 'ライブ DNS でアドレスを持つメール用の名前がないため、接続先がありませんでした。',
      truncated: '接続したのは最初の {count} 件だけです。',
      failing: 'メール用ポートへの接続 {total} 件のうち {count} 件は、その名前に一致する信頼できる証明書での TLS になりませんでした (下の「メール用ポートへの接続確認」を参照)。',
      allGood: 'メール用ポートへの接続 {total} 件はすべて、その名前に一致する信頼できる証明書での TLS になりました。',
      line: '{name} ({address}[、{provider}]) の {service}: {outcome}',
      noConnection: {
        timeout: '{seconds} 秒待っても接続できませんでした',
        refused: '接続できませんでした (アドレス側が接続を拒否しました)',
        unreachable: '接続できませんでした (このマシンからそのアドレスへの経路がありません)',
        reset: '接続できませんでした (接続がリセットされました)',
        error: '接続できませんでした',
      },
      'no-greeting': '接続しましたが、{seconds} 秒以内に挨拶 (グリーティング) が届きませんでした',
      closedBeforeGreeting: '接続しましたが、挨拶の前にサーバーが接続を閉じました',
      closed: '{step} のあとでサーバーが接続を閉じました',
      'bad-greeting': '接続しましたが、挨拶がこのプロトコルのものではありません: 「{text}」',
      'refused-greeting': '接続しましたが、サーバーが接続を断りました: 「{text}」',
      'no-starttls': '挨拶は届きましたが、サーバーは STARTTLS を提供していません',
      'starttls-refused': 'サーバーが STARTTLS を拒否しました: 「{text}」',
      'tls-failed': 'TLS のハンドシェイクに失敗しました',
      timeout: '{step} に {seconds} 秒以内の応答がありませんでした',
      'too-long': 'サーバーが 1 回の接続で mxray が読む量を超えて送ってきました',
      error: '接続確認に失敗しました',
      tls: '{starttls}TLS ({protocol}) で接続しました。証明書の名前は {names} です',
      tlsNoNames: '{starttls}TLS ({protocol}) で接続しました。証明書にはホスト名がありません',
      afterStarttls: 'STARTTLS のあと、',
      covers: '。この名前に一致します',
      notCovers: '。この名前には一致しません',
      untrusted: '。信頼されたルート証明書にはつながりません (理由: {why})',
      trust: {
        selfSigned: '自己署名',
        unknownIssuer: '発行者が不明',
        expired: '期限切れ',
        notYetValid: '有効期間の開始前',
        other: '検証できず',
      },
    },
    // `mxray check --format sarif` (www/lib/report-sarif.js): the base of the files' names.
    sarif: { srcRoot: 'mxray を実行したフォルダー。各ファイルはここからの相対パスで示します' },
  },
};

export const languages = Object.keys(messages);

// The words for a session-level code: kind is errors, reasons, purposes or
// budgets. A fact's reason is {code, detail} (its detail fills {detail});
// a route's reason is a string such as "timeout: no answer", keyed by the
// part before the first colon.
export function sessionMessage(kind, code, lang = 'en', detail = '') {
  if (kind === 'reasons' && code && typeof code === 'object') {
    detail = detail || (code.detail ?? '');
    code = code.code;
  }
  const key = kind === 'reasons' ? String(code).split(':')[0] : code;
  const cat = (messages[lang] || messages.en).session[kind];
  return fill(cat?.[key] ?? messages.en.session[kind]?.[key] ?? String(code), { detail });
}

// The headline of a finding ({rule, names}) and its evidence steps, in words.
/**
 * Domain names as a sentence writes them: without the root's trailing dot
 * ("mail.club.test", not "mail.club.test."), each name of a list too; the
 * root itself stays ".". Records (the plan, the diff, the zone) keep theirs.
 */
export const proseName = (text) => String(text).replace(/(?<=[^\s.])\.(?=\s|,|;|$)/g, '');
// The parameters of findings and evidence that hold names or lists of them.
const PROSE_NAME_PARAMS = ['name', 'to', 'from', 'target', 'host', 'names', 'chain', 'domain', 'terms', 'wildcard'];

export function findingMessage(f, lang = 'en') {
  const cat = messages[lang] || messages.en;
  const template = cat.rules[f.rule] ?? messages.en.rules[f.rule] ?? f.rule;
  return fill(template, { name: proseName(f.names?.[0] ?? '') });
}

export function evidenceMessage(step, lang = 'en') {
  const cat = messages[lang] || messages.en;
  const template = cat.evidence[step.code] ?? messages.en.evidence[step.code] ?? step.code;
  const params = { ...(step.params ?? {}) };
  for (const k of PROSE_NAME_PARAMS) if (typeof params[k] === 'string') params[k] = proseName(params[k]);
  // A record-problem step names a problem code: its own words, with its detail.
  if (params.problem !== undefined) params.problem = problemMessage(params.problem, lang, params.detail);
  // A panel step says how the panel is known: "detected" or "stated", in words.
  if (step.code === 'panel' && params.how !== undefined) params.how = codeWords(cat, 'panelHow', params.how);
  // A step from a zone file names the file and line: "in the uploaded zone" would say less.
  if (params.source === 'zone' && params.file) delete params.source;
  // The other code-valued parameters, in words; a value without words (a file
  // named in missing-from, a service or rcode mxray has no words for) as it is.
  for (const [param, table] of Object.entries(PARAM_WORDS)) {
    if (params[param] !== undefined && params[param] !== '') params[param] = codeWords(cat, table, params[param]);
  }
  // A no-edit step says why there is no edit, and what to do instead.
  if (step.code === 'no-edit' && params.reason !== undefined) {
    params.reason = cat.noEdit?.[params.reason] ?? messages.en.noEdit?.[params.reason] ?? params.reason;
  }
  // A value the input does not tell ("{origin-ipv4}" for the origin's address) is left
  // out: the sentence says what it stands for, and its [bracketed part] goes.
  for (const [param, value] of Object.entries(params)) if (/^\{[\w-]+\}$/.test(String(value))) params[param] = '';
  return fill(template, params);
}

// Evidence parameter -> the table of words for its values.
const PARAM_WORDS = {
  provider: 'providers',
  proxied: 'proxied',
  source: 'sources',
  'missing-from': 'missingFrom',
  route: 'routes',
  rcode: 'rcodes',
  service: 'services',
  purpose: 'authPurposes',
};

/** A proxy provider's name for people ("cloudfront" -> "Amazon CloudFront"); an unknown id as it is. */
export const providerName = (id, lang = 'en') => codeWords(messages[lang] || messages.en, 'providers', id);

/** A port's service in words ("IMAP" -> "IMAP, mail read in mail apps"); one without words as it is. */
export const serviceWords = (service, lang = 'en') => codeWords(messages[lang] || messages.en, 'services', service);

// The words for `code` in one of a catalogue's tables, else English's, else the code.
function codeWords(cat, table, code) {
  const key = String(code);
  return cat[table]?.[key] ?? messages.en[table]?.[key] ?? key;
}

// The words for an SPF/DMARC/DKIM/MTA-STS/TLS-RPT problem code.
export function problemMessage(code, lang = 'en', detail = '') {
  const cat = messages[lang] || messages.en;
  const template = cat.problems?.[code] ?? messages.en.problems?.[code] ?? String(code);
  return fill(template, { detail });
}

// Picks "ja" or "en" from a locale string such as "ja_JP.UTF-8" or "en-US".
/** Kinds of input whose words add how to export a zone as text. */
const INPUT_NEEDS_EXPORT = new Set(['empty', 'html', 'bad-gzip', 'pdf', 'image', 'binary', 'json-other', 'comments-only']);

/**
 * Why a file is not read as a zone (www/lib/input.js NotAZoneError), and what to do.
 * @param {string} kind the core's input kind ("html", "zip" ...)
 * @param {string} file the file's name as the person gave it, made safe to show by the caller
 */
export function inputMessage(kind, lang = 'en', file = '', values = {}) {
  const words = messages[lang]?.input ?? messages.en.input;
  const what = fill(words[kind] ?? messages.en.input[kind] ?? kind, { ...values, file });
  // Japanese sentences follow one another without a space.
  return INPUT_NEEDS_EXPORT.has(kind) ? `${what}${lang === 'ja' ? '' : ' '}${words.how}` : what;
}

export function pickLanguage(locale) {
  const tag = String(locale || '').toLowerCase();
  return tag.startsWith('ja') ? 'ja' : 'en';
}

const fill = (template, values) => fillTemplate(template, values);

// The words of the check's report, plan and steps sections (report-text.js):
// `path` is dotted ("plan.create", "report.noteWhy.duplicate").
export function reportMessage(path, lang = 'en', values = {}) {
  return fill(lookup(messages, path, lang) ?? path, values);
}

/**
 * The line of a round of DNS questions (www/lib/doh-driver.js onProgress): how many of
 * the round's questions have an answer, and how many got none (never counted as answered).
 */
export function progressMessage({ round, answered, failed = 0, total }, lang = 'en') {
  return reportMessage('report.progress', lang, { round, answered: answered - failed, total, failed: failed || undefined });
}

// The message of one diagnostic (as the core's JSON gives it), without position.
export function diagnosticMessage(d, lang = 'en') {
  const cat = messages[lang] || messages.en;
  const template = cat.codes[d.code] || messages.en.codes[d.code] || d.code;
  const shown = (v) => (v === undefined ? v : displayText(v)); // they may quote the input
  return fill(template, { field: shown(d.field), type: shown(d.type), detail: shown(d.detail) });
}

// "file:line:col: error: message: "token" [code] (record starts at line N)"
// The file name and the token come from the input: a bidi override or an ESC
// in them is shown as ⟨U+202E⟩, never passed to the terminal or the page.
export function formatDiagnostic(d, files, lang = 'en') {
  const cat = messages[lang] || messages.en;
  const file = displayText(files[d.file] ?? '?');
  const where = d.line ? `${file}:${d.line}:${d.column}` : file;
  let text = `${where}: ${cat.severity[d.severity]}: ${diagnosticMessage(d, lang)}`;
  if (d.token !== undefined && d.token !== '') text += `: ${JSON.stringify(displayText(d.token))}`;
  text += ` [${d.code}]`;
  if (d.record_line && d.line && d.record_line !== d.line) {
    text += ` (${fill(cat.recordStarts, { line: d.record_line })})`;
  }
  return text;
}
