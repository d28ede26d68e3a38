#!/usr/bin/python3
"""Deterministic generator of a realistic benchmark zone file.

    gen_zone.py --records N --out FILE [--origin bench.example.] [--portable]

Writes FILE and FILE.count (the exact number of resource records written, one
integer). The same arguments always give the same bytes: fixed seed, stdlib
only, no clock. The mix follows the anchors zone in docs/sources.md#zone-parser-anchors
(A ~40 %, AAAA, CNAME, MX + SPF TXT, multi-line DKIM TXT, NS delegations with
glue, SRV, CAA, comments, omitted owners, TTL units, $ORIGIN switches).

The zone is valid for kzonecheck, named-checkzone -i local, nsd-checkzone,
ldns-read-zone and dnspython: owners are unique per kind (no CNAME beside other
data), glue only sits below in-zone delegations, MX/SRV/NS targets inside the
zone have address records, and all RRs of one RRset share one TTL.

--portable keeps to forms every peer accepts. Without it, some records put the
class before the TTL ("IN 300 A", RFC 1035 section 5.1), which ldns 1.8.3 and
dnspython 2.3 reject. The benchmark uses --portable.
"""

import argparse
import base64
import os
import random
import sys

SEED = 20240101

# TTL texts: plain seconds and BIND-style units (accepted by every peer).
PLAIN_TTLS = ("300", "600", "1800", "3600", "3600", "86400")
UNIT_TTLS = ("1h", "30m", "1d", "1h30m", "2h", "15m", "12h")

HOST_WORDS = ("web", "app", "api", "db", "cdn", "vpn", "git", "shop", "mail",
              "dev", "stage", "edge", "node", "srv", "cache", "auth", "img",
              "static", "portal", "intra")
ALIAS_WORDS = ("www", "blog", "docs", "status", "help", "login", "files",
               "assets", "m", "beta")
SRV_SERVICES = ("_sip._tcp", "_sip._udp", "_xmpp-client._tcp",
                "_xmpp-server._tcp", "_ldap._tcp", "_imaps._tcp",
                "_submission._tcp", "_caldavs._tcp")
SRV_PORTS = {"_sip._tcp": 5060, "_sip._udp": 5060, "_xmpp-client._tcp": 5222,
             "_xmpp-server._tcp": 5269, "_ldap._tcp": 389, "_imaps._tcp": 993,
             "_submission._tcp": 587, "_caldavs._tcp": 443}
CAA_VALUES = ('0 issue "letsencrypt.org"', '0 issue "digicert.com"',
              '0 issuewild ";"', '0 iodef "mailto:security@example.net"',
              '128 issue "pki.goog"')
EXTERNAL_NS = ("ns1.provider.net.", "ns2.provider.net.", "a.ns.hoster.org.",
               "b.ns.hoster.org.", "dns1.cloud-dns.com.", "dns2.cloud-dns.com.")
TRAILING_COMMENTS = ("; primary", "; legacy, remove after migration",
                     "; managed by ansible", "; ticket OPS-1234", "; temp",
                     "; load balancer", "; backup")
SECTION_COMMENTS = ("; ---- hosts ----", "; ---- mail ----",
                    ";; generated inventory block", "; services",
                    "; TODO: review delegations", "; customer records")

# Fixed DER prefix and suffix of a 2048-bit RSA SubjectPublicKeyInfo: the
# base64 looks like a real DKIM key (MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA...IDAQAB).
RSA_SPKI_PREFIX = bytes.fromhex(
    "30820122300d06092a864886f70d01010105000382010f003082010a0282010100")
RSA_SPKI_SUFFIX = bytes.fromhex("0203010001")


class ZoneWriter:
    def __init__(self, origin, portable, rng):
        self.apex = origin
        self.origin = origin
        self.portable = portable
        self.rng = rng
        self.lines = []
        self.records = 0
        self.by_type = {}
        self.serial = 0
        self.dkim_records = 0
        # Absolute names of in-zone hosts that own an A record (targets for
        # CNAME/MX/SRV); never glue, never CNAME owners.
        self.hosts = []

    # --- small pieces -----------------------------------------------------
    def next_id(self):
        self.serial += 1
        return self.serial

    def count(self, rrtype, n=1):
        self.records += n
        self.by_type[rrtype] = self.by_type.get(rrtype, 0) + n

    def ttl_text(self):
        r = self.rng.random()
        if r < 0.35:
            return None  # use $TTL
        if r < 0.70:
            return self.rng.choice(PLAIN_TTLS)
        return self.rng.choice(UNIT_TTLS)

    def ttl_class(self, ttl):
        """The TTL/class part of a record line, with its trailing space."""
        rng = self.rng
        if ttl is None:
            return "IN " if rng.random() < 0.7 else ""
        r = rng.random()
        if not self.portable and r < 0.15:
            return "IN " + ttl + " "
        if r < 0.8:
            return ttl + " IN "
        return ttl + " "

    def owner_text(self, rel):
        """rel is relative to the current origin; sometimes write it absolute."""
        if self.rng.random() < 0.1:
            return rel + "." + self.origin
        return rel

    def target_text(self, absname):
        """A domain name in RDATA: relative when under the current origin."""
        suffix = "." + self.origin
        if absname.endswith(suffix) and self.rng.random() < 0.75:
            return absname[:-len(suffix)]
        return absname

    def owner_field(self, owner):
        # Real zones align columns with tabs or spaces.
        if len(owner) < 16 and self.rng.random() < 0.5:
            return owner.ljust(16)
        return owner + "\t"

    def cont_field(self):
        return "\t\t" if self.rng.random() < 0.5 else "                "

    def trailing(self):
        if self.rng.random() < 0.12:
            return " " + self.rng.choice(TRAILING_COMMENTS)
        return ""

    def emit(self, owner, ttl, rrtype, rdata):
        """One record line; owner None means omitted (same as previous)."""
        head = self.cont_field() if owner is None else self.owner_field(owner)
        self.lines.append(head + self.ttl_class(ttl) + rrtype + " " + rdata
                          + self.trailing() + "\n")
        self.count(rrtype)

    def ipv4(self):
        rng = self.rng
        r = rng.random()
        if r < 0.3:
            return "10.%d.%d.%d" % (rng.randrange(256), rng.randrange(256),
                                     rng.randrange(1, 255))
        if r < 0.45:
            return "192.0.2.%d" % rng.randrange(1, 255)
        if r < 0.6:
            return "198.51.100.%d" % rng.randrange(1, 255)
        return "%d.%d.%d.%d" % (rng.randrange(1, 224), rng.randrange(256),
                                rng.randrange(256), rng.randrange(1, 255))

    def ipv6(self):
        rng = self.rng
        r = rng.random()
        if r < 0.6:
            return "2001:db8:%x:%x::%x" % (rng.randrange(65536),
                                           rng.randrange(65536),
                                           rng.randrange(1, 65536))
        if r < 0.85:
            return "2a01:4f8:%x:%x:%x:%x:%x:%x" % tuple(
                rng.randrange(65536) for _ in range(6))
        return "fd00::%x" % rng.randrange(1, 65536)

    # --- entities ---------------------------------------------------------
    def host(self):
        rel = "%s-%d" % (self.rng.choice(HOST_WORDS), self.next_id())
        self.emit(self.owner_text(rel), self.ttl_text(), "A", self.ipv4())
        if self.rng.random() < 0.4:
            self.emit(None, self.ttl_text(), "AAAA", self.ipv6())
        if self.rng.random() < 0.07:
            self.emit(None, self.ttl_text(), "CAA",
                      self.rng.choice(CAA_VALUES))
        self.hosts.append(rel + "." + self.origin)

    def multi_a_host(self):
        # Round-robin name: one RRset, one TTL for all of its records.
        rel = "%s-%d" % (self.rng.choice(("lb", "pool", "www-rr")), self.next_id())
        ttl = self.ttl_text()
        self.emit(self.owner_text(rel), ttl, "A", self.ipv4())
        for _ in range(self.rng.randrange(1, 4)):
            self.emit(None, ttl, "A", self.ipv4())
        self.hosts.append(rel + "." + self.origin)

    def v6host(self):
        rel = "v6-%d" % self.next_id()
        self.emit(self.owner_text(rel), self.ttl_text(), "AAAA", self.ipv6())

    def alias(self):
        rel = "%s-%d" % (self.rng.choice(ALIAS_WORDS), self.next_id())
        target = self.rng.choice(self.hosts)
        self.emit(self.owner_text(rel), self.ttl_text(), "CNAME",
                  self.target_text(target))

    def mail(self):
        rng = self.rng
        n = self.next_id()
        rel = "corp-%d" % n
        ttl = self.ttl_text()
        self.emit(self.owner_text(rel), ttl, "MX",
                  "10 " + self.target_text(rng.choice(self.hosts)))
        self.emit(None, ttl, "MX", "20 " + self.target_text(rng.choice(self.hosts)))
        spf = '"v=spf1 ip4:%s/24 include:_spf.mailhost.example.net %s"' % (
            self.ipv4().rsplit(".", 1)[0] + ".0", rng.choice(("-all", "~all")))
        self.emit(None, self.ttl_text(), "TXT", spf)
        if rng.random() < 0.9:
            self.dkim("sel%d._domainkey.%s" % (rng.randrange(1, 4), rel))

    def dkim(self, rel):
        key = base64.b64encode(RSA_SPKI_PREFIX + self.rng.randbytes(256)
                               + RSA_SPKI_SUFFIX).decode("ascii")
        chunks = ["p=" + key[:248]] + [key[i:i + 250]
                                        for i in range(248, len(key), 250)]
        ttl = self.ttl_text()
        indent = "\t\t\t\t"
        out = [self.owner_field(self.owner_text(rel)) + self.ttl_class(ttl)
               + 'TXT ( "v=DKIM1; k=rsa; "   ; 2048-bit key\n']
        for c in chunks[:-1]:
            out.append(indent + '"' + c + '"\n')
        out.append(indent + '"' + chunks[-1] + '" )\n')
        self.lines.append("".join(out))
        self.count("TXT")
        self.dkim_records += 1

    def delegation(self):
        rng = self.rng
        rel = "cust-%d" % self.next_id()
        ttl = self.ttl_text()
        if rng.random() < 0.5:
            # In-bailiwick name servers with glue below the cut.
            self.emit(self.owner_text(rel), ttl, "NS", "ns1." + rel)
            self.emit(None, ttl, "NS", "ns2." + rel + "." + self.origin)
            self.emit("ns1." + rel, self.ttl_text(), "A", self.ipv4())
            self.emit("ns2." + rel, self.ttl_text(), "AAAA", self.ipv6())
        else:
            a, b = rng.sample(EXTERNAL_NS, 2)
            self.emit(self.owner_text(rel), ttl, "NS", a)
            self.emit(None, ttl, "NS", b)

    def srv(self):
        rng = self.rng
        svc = rng.choice(SRV_SERVICES)
        rel = "%s.site-%d" % (svc, self.next_id())
        ttl = self.ttl_text()
        port = SRV_PORTS[svc]
        self.emit(self.owner_text(rel), ttl, "SRV", "10 60 %d %s" % (
            port, self.target_text(rng.choice(self.hosts))))
        if rng.random() < 0.5:
            self.emit(None, ttl, "SRV", "20 40 %d %s" % (
                port, self.target_text(rng.choice(self.hosts))))

    def verification_txt(self):
        rel = "_acme-challenge.%s-%d" % (self.rng.choice(HOST_WORDS), self.next_id())
        token = base64.urlsafe_b64encode(self.rng.randbytes(32)).decode()[:43]
        self.emit(self.owner_text(rel), self.ttl_text(), "TXT", '"%s"' % token)

    # --- whole zone -------------------------------------------------------
    def header(self):
        a = self.apex
        self.lines.append(
            "; Benchmark zone generated by tests/bench/gen_zone.py (seed %d)\n"
            "$TTL 3600\n"
            "$ORIGIN %s\n"
            "@\tIN SOA ns1.%s hostmaster.%s (\n"
            "\t\t2024010101 ; serial\n"
            "\t\t7200       ; refresh (2 hours)\n"
            "\t\t3600       ; retry (1 hour)\n"
            "\t\t1209600    ; expire (2 weeks)\n"
            "\t\t300        ; minimum (5 minutes)\n"
            "\t\t)\n" % (SEED, a, a, a))
        self.count("SOA")
        self.emit(None, None, "NS", "ns1")
        self.emit(None, None, "NS", "ns2." + a)
        self.emit(None, "1h", "MX", "10 mx1")
        self.emit(None, None, "TXT", '"v=spf1 mx -all"')
        self.emit(None, None, "CAA", '0 issue "letsencrypt.org"')
        for name in ("ns1", "ns2", "mx1"):
            self.emit(name, None, "A", self.ipv4())
            self.emit(None, None, "AAAA", self.ipv6())
            self.hosts.append(name + "." + a)


# Entity mix, tuned so the record mix and average line length land near the
# anchors zone (A ~40 %, ~67 bytes per record).
ENTITIES = (
    ("host", 0.56),
    ("multi_a_host", 0.03),
    ("v6host", 0.04),
    ("alias", 0.15),
    ("mail", 0.08),
    ("delegation", 0.06),
    ("srv", 0.06),
    ("verification_txt", 0.04),
)


def generate(n_records, origin, portable):
    rng = random.Random(SEED)
    w = ZoneWriter(origin, portable, rng)
    w.header()
    names = [e[0] for e in ENTITIES]
    weights = [e[1] for e in ENTITIES]
    # Switch $ORIGIN to a subdomain and back several times (about 24 switches
    # for a large zone, at least a few for a small one).
    block = max(200, n_records // 24)
    next_switch = block
    sub = 0
    while w.records < n_records:
        if w.records >= next_switch:
            next_switch += block
            if w.origin == w.apex:
                sub += 1
                w.origin = "zone-%d.%s" % (sub, w.apex)
            else:
                w.origin = w.apex
            w.lines.append("\n$ORIGIN %s\n" % w.origin)
            if rng.random() < 0.5:
                w.lines.append(rng.choice(SECTION_COMMENTS) + "\n")
        elif rng.random() < 0.01:
            w.lines.append(rng.choice(SECTION_COMMENTS) + "\n")
        left = n_records - w.records
        kind = rng.choices(names, weights)[0] if left >= 6 else "host_a_only"
        if kind == "host_a_only":
            rel = "fill-%d" % w.next_id()
            w.emit(w.owner_text(rel), w.ttl_text(), "A", w.ipv4())
        else:
            getattr(w, kind)()
        if len(w.lines) >= 65536:
            yield "".join(w.lines)
            w.lines.clear()
    yield "".join(w.lines)
    generate.writer = w


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", type=int, default=1_000_000)
    ap.add_argument("--out", required=True)
    ap.add_argument("--origin", default="bench.example.")
    ap.add_argument("--portable", action="store_true",
                    help="only forms every peer accepts (no class before TTL)")
    ap.add_argument("--stats", action="store_true",
                    help="print the record mix on stderr")
    args = ap.parse_args()
    origin = args.origin if args.origin.endswith(".") else args.origin + "."
    if args.records < 20:
        ap.error("--records must be at least 20")
    tmp = args.out + ".tmp"
    size = 0
    with open(tmp, "w", encoding="ascii", newline="\n") as f:
        for chunk in generate(args.records, origin, args.portable):
            f.write(chunk)
            size += len(chunk)
    w = generate.writer
    os.replace(tmp, args.out)
    with open(args.out + ".count", "w") as f:
        f.write("%d\n" % w.records)
    if args.stats:
        print("records %d  bytes %d  bytes/record %.1f" % (
            w.records, size, size / w.records), file=sys.stderr)
        for t, c in sorted(w.by_type.items(), key=lambda kv: -kv[1]):
            print("  %-6s %8d  %5.1f %%" % (t, c, 100.0 * c / w.records),
                  file=sys.stderr)
        print("  (TXT of which DKIM: %d)" % w.dkim_records, file=sys.stderr)


if __name__ == "__main__":
    main()
