// The rules that compare: null MX beside real exchanges, SPF terms that
// resolve to the proxy, a panel's zone against the proxy's after an import,
// and the uploaded zone against live DNS (delegation, lost records, proxy
// state). Each is driven through real parsed zones and a Session answered
// by an in-memory resolver.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "dns/types.h"
#include "dns_world.h"
#include "model/mail_model.h"
#include "model/panels.h"
#include "rules/catalogue.h"
#include "zone/parser.h"

using namespace mxray;

namespace {

std::shared_ptr<const Zone> zone_of(const std::string& text, const std::string& file) {
  auto z = std::make_shared<Zone>(parse_zone(text, file, {}));
  REQUIRE_MESSAGE(z->error_count == 0, file);
  return z;
}

std::vector<std::string> summary(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const Finding& f : findings)
    out.push_back(std::string(f.rule) + " " + std::string(severity_name(f.severity)) + " " + f.names.front());
  std::sort(out.begin(), out.end());
  return out;
}

bool has(const std::vector<std::string>& lines, std::string_view line) {
  return std::find(lines.begin(), lines.end(), line) != lines.end();
}

const Finding* finding(const std::vector<Finding>& fs, std::string_view rule, std::string_view name = {}) {
  for (const Finding& f : fs)
    if (f.rule == rule && (name.empty() || f.names.front() == name)) return &f;
  return nullptr;
}

std::string param(const EvidenceStep& s, std::string_view key) {
  for (const auto& [k, v] : s.params)
    if (k == key) return v;
  return {};
}

// Findings of an offline check of `zones`.
std::vector<Finding> offline(const std::string& domain, std::vector<std::shared_ptr<const Zone>> zones,
                             const ModelOptions& mo = {}) {
  SessionOptions o;
  o.live = false;
  Session s(domain, o, std::move(zones));
  REQUIRE(s.error() == SessionError::none);
  MailModel model(s, mo);
  return run_rules(model);
}

// Findings of a live check answered by `world`, with `zones` uploaded.
std::vector<Finding> live(const std::string& domain, test::DnsWorld& world,
                          std::vector<std::shared_ptr<const Zone>> zones = {}) {
  SessionOptions o;
  o.ask_ptr = false;
  Session s(domain, o, std::move(zones));
  REQUIRE(s.error() == SessionError::none);
  world.run(s);
  REQUIRE(s.done());
  MailModel model(s);
  return run_rules(model);
}

const char* kHead =
    ";; Domain:     club.test.\n"
    "club.test\t3600\tIN\tSOA\tada.ns.cloudflare.com. dns.cloudflare.com. 2051234567 10000 2400 604800 3600\n"
    "club.test.\t86400\tIN\tNS\tada.ns.cloudflare.com.\n"
    "club.test.\t86400\tIN\tNS\tbob.ns.cloudflare.com.\n";

}  // namespace

TEST_CASE("null-mx-conflict: a null MX beside a real exchange, or with a preference other than 0") {
  const std::string base = std::string(kHead) + "mx.club.test.\t1\tIN\tA\t192.0.2.25 ; cf_tags=cf-proxied:false\n";
  SUBCASE("beside a real MX: the null MX is to go") {
    auto fs = offline("club.test", {zone_of(base + "club.test.\t1\tIN\tMX\t0 .\n"
                                                   "club.test.\t1\tIN\tMX\t10 mx.club.test.\n",
                                            "export.txt")});
    const Finding* f = finding(fs, "null-mx-conflict", "club.test.");
    REQUIRE(f);
    CHECK(f->severity == FindingSeverity::warning);
    REQUIRE(f->edits.size() == 1);
    CHECK(f->edits[0].op == ZoneEdit::Op::remove);
    CHECK(f->edits[0].line == 6);
    CHECK(f->evidence.size() == 2);
    CHECK(f->evidence[0].code == "null-mx");
    CHECK(f->evidence[1].code == "mx");
    CHECK(param(f->evidence[1], "to") == "mx.club.test.");
  }
  SUBCASE("alone with preference 10: rewritten as RFC 7505 gives it") {
    auto fs = offline("club.test", {zone_of(std::string(kHead) + "club.test.\t1\tIN\tMX\t10 .\n", "export.txt")});
    const Finding* f = finding(fs, "null-mx-conflict");
    REQUIRE(f);
    REQUIRE(f->edits.size() == 1);
    CHECK(f->edits[0].op == ZoneEdit::Op::replace);
    CHECK(f->edits[0].rdata == "0 .");
  }
  SUBCASE("a proper null MX alone, and ordinary MX sets, are quiet") {
    CHECK_FALSE(finding(offline("club.test", {zone_of(std::string(kHead) + "club.test.\t1\tIN\tMX\t0 .\n", "e.txt")}),
                        "null-mx-conflict"));
    CHECK_FALSE(finding(offline("club.test", {zone_of(base + "club.test.\t1\tIN\tMX\t10 mx.club.test.\n"
                                                             "club.test.\t1\tIN\tMX\t20 mx.club.test.\n",
                                                      "e.txt")}),
                        "null-mx-conflict"));
  }
  SUBCASE("from live answers when no zone is given") {
    test::DnsWorld w;
    w.records = {
        {"club.test.", "MX", "0 ."}, {"club.test.", "MX", "10 mx.club.test."}, {"mx.club.test.", "A", "192.0.2.25"}};
    auto fs = live("club.test", w);
    const Finding* f = finding(fs, "null-mx-conflict");
    REQUIRE(f);
    CHECK(f->edits.empty());
    CHECK(param(f->evidence[0], "source") == "live");
  }
}

TEST_CASE("spf-proxy-address: a and mx terms that reach only the proxy") {
  // cPanel's zone imported into Cloudflare: the apex proxied, mail CNAME apex.
  const std::string seed = std::string(kHead) +
                           "club.test.\t1\tIN\tA\t203.0.113.10 ; cf_tags=cf-proxied:true\n"
                           "mail.club.test.\t1\tIN\tCNAME\tclub.test. ; cf_tags=cf-proxied:false\n"
                           "club.test.\t1\tIN\tMX\t0 mail.club.test.\n";
  SUBCASE("cPanel's +a +mx: the origin loses its authorisation; the fix adds ip4 before ~all") {
    auto fs = offline("club.test", {zone_of(seed + "club.test.\t1\tIN\tTXT\t\"v=spf1 +a +mx ~all\"\n", "export.txt")});
    const Finding* f = finding(fs, "spf-proxy-address", "club.test.");
    REQUIRE(f);
    CHECK(f->severity == FindingSeverity::critical);
    std::vector<std::string> terms;
    for (const EvidenceStep& s : f->evidence)
      if (s.code == "spf-term") terms.push_back(param(s, "term"));
    CHECK(terms == std::vector<std::string>{"+a", "+mx"});
    CHECK(param(f->evidence.back(), "address") == "203.0.113.10");
    REQUIRE(f->edits.size() == 1);
    CHECK(f->edits[0].op == ZoneEdit::Op::replace);
    CHECK(f->edits[0].line == 8);
    CHECK(f->edits[0].rdata == "\"v=spf1 +a +mx ip4:203.0.113.10 ~all\"");
  }
  SUBCASE("without an all term the address goes at the end") {
    auto fs = offline("club.test", {zone_of(seed + "club.test.\t1\tIN\tTXT\t\"v=spf1 a mx\"\n", "export.txt")});
    const Finding* f = finding(fs, "spf-proxy-address");
    REQUIRE(f);
    CHECK(f->edits[0].rdata == "\"v=spf1 a mx ip4:203.0.113.10\"");
  }
  SUBCASE("quiet when ip4 covers the origin, or when mx reaches it DNS-only") {
    CHECK_FALSE(finding(offline("club.test", {zone_of(seed + "club.test.\t1\tIN\tTXT\t\"v=spf1 +a +mx "
                                                             "ip4:203.0.113.0/24 ~all\"\n",
                                                      "export.txt")}),
                        "spf-proxy-address"));
    const std::string fixed = std::string(kHead) +
                              "club.test.\t1\tIN\tA\t203.0.113.10 ; cf_tags=cf-proxied:true\n"
                              "mail.club.test.\t1\tIN\tA\t203.0.113.10 ; cf_tags=cf-proxied:false\n"
                              "club.test.\t1\tIN\tMX\t0 mail.club.test.\n"
                              "club.test.\t1\tIN\tTXT\t\"v=spf1 +a +mx ~all\"\n";
    CHECK_FALSE(finding(offline("club.test", {zone_of(fixed, "export.txt")}), "spf-proxy-address"));
  }
  SUBCASE("a fail-qualified term authorises nothing and is not read") {
    CHECK_FALSE(finding(offline("club.test", {zone_of(seed + "club.test.\t1\tIN\tTXT\t\"v=spf1 -a ~all\"\n", "e.txt")}),
                        "spf-proxy-address"));
  }
  SUBCASE("live only: every term reaches Cloudflare and nothing else is authorised") {
    test::DnsWorld w;
    w.records = {{"club.test.", "A", "104.21.16.8"},
                 {"mail.club.test.", "CNAME", "club.test."},
                 {"club.test.", "MX", "0 mail.club.test."},
                 {"club.test.", "TXT", "\"v=spf1 a mx -all\""}};
    auto fs = live("club.test", w);
    const Finding* f = finding(fs, "spf-proxy-address");
    REQUIRE(f);
    CHECK(f->edits.empty());
    // With an include, the server may well be authorised there: not sure, so quiet.
    w.records.back().data = "\"v=spf1 a mx include:_spf.mailhost.test -all\"";
    w.records.push_back({"_spf.mailhost.test.", "TXT", "\"v=spf1 ip4:198.51.100.0/24 -all\""});
    CHECK_FALSE(finding(live("club.test", w), "spf-proxy-address"));
  }
}

TEST_CASE("migration-record-lost: the panel's zone against the proxy's, both uploaded") {
  const std::string panel =
      "$ORIGIN club.test.\n$TTL 14400\n"
      "@ 86400 IN SOA ns1.host.test. root.host.test. 2024010101 3600 1800 1209600 86400\n"
      "@ 86400 IN NS ns1.host.test.\n"
      "@ IN A 203.0.113.10\n"
      "mail IN A 203.0.113.10\n"
      "cpanel IN A 203.0.113.10\n"
      "@ IN MX 0 mail.club.test.\n"
      "@ IN TXT \"v=spf1 +a +mx ~all\"\n"
      "default._domainkey IN TXT \"v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC1\"\n"
      "_autodiscover._tcp IN SRV 0 0 443 cpanelemaildiscovery.cpanel.net.\n";
  const std::string cloudflare = std::string(kHead) +
                                 "club.test.\t1\tIN\tA\t203.0.113.10 ; cf_tags=cf-proxied:true\n"
                                 "club.test.\t1\tIN\tMX\t0 mail.club.test.\n"
                                 "club.test.\t1\tIN\tTXT\t\"v=spf1 +a +mx ip4:203.0.113.10 ~all\"\n";
  auto fs = offline("club.test", {zone_of(panel, "club.test.db"), zone_of(cloudflare, "cloudflare.txt")});
  auto lines = summary(fs);
  CHECK(has(lines, "migration-record-lost critical mail.club.test."));
  CHECK(has(lines, "migration-record-lost warning default._domainkey.club.test."));
  CHECK(has(lines, "migration-record-lost warning _autodiscover._tcp.club.test."));
  // The SPF survived (changed, but present); the MX and apex A too; cpanel. is not mail's.
  CHECK(std::count_if(lines.begin(), lines.end(),
                      [](const std::string& l) { return l.rfind("migration-record-lost", 0) == 0; }) == 3);
  // The panel's zone is replaced: the model reads the proxy's, where mail. has no address.
  CHECK(has(lines, "mx-target-missing critical mail.club.test."));
  CHECK(has(lines, "mail-host-missing critical mail.club.test."));  // cPanel seen in the panel's zone
  const Finding* f = finding(fs, "migration-record-lost", "mail.club.test.");
  REQUIRE(f);
  REQUIRE(f->evidence.size() == 1);
  CHECK(param(f->evidence[0], "file") == "club.test.db");
  CHECK(param(f->evidence[0], "line") == "6");
  CHECK(param(f->evidence[0], "missing-from") == "cloudflare.txt");
  REQUIRE(f->edits.size() == 1);
  CHECK(f->edits[0].op == ZoneEdit::Op::add);
  CHECK(f->edits[0].zone == 1);
  CHECK(f->edits[0].rdata == "203.0.113.10");
  CHECK(f->edits[0].proxied == Proxied::no);

  SUBCASE("the same records in both: nothing lost, and the order of upload does not matter") {
    const std::string full =
        cloudflare +
        "mail.club.test.\t1\tIN\tA\t203.0.113.10 ; cf_tags=cf-proxied:false\n"
        "default._domainkey.club.test.\t1\tIN\tTXT\t\"v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC1\"\n"
        "_autodiscover._tcp.club.test.\t1\tIN\tSRV\t0 0 443 cpanelemaildiscovery.cpanel.net.\n";
    auto quiet = offline("club.test", {zone_of(full, "cloudflare.txt"), zone_of(panel, "club.test.db")});
    CHECK_FALSE(finding(quiet, "migration-record-lost"));
    CHECK_FALSE(finding(quiet, "mx-target-missing"));
  }
}

TEST_CASE("zone against live DNS: delegation, records resolvers do not see, proxy state") {
  const std::string zone =
      std::string(kHead) +
      "club.test.\t1\tIN\tA\t203.0.113.10 ; cf_tags=cf-proxied:true\n"
      "mail.club.test.\t1\tIN\tA\t203.0.113.10 ; cf_tags=cf-proxied:false\n"
      "club.test.\t1\tIN\tMX\t10 mail.club.test.\n"
      "club.test.\t1\tIN\tTXT\t\"v=spf1 +a +mx ip4:203.0.113.10 ~all\"\n"
      "default._domainkey.club.test.\t1\tIN\tTXT\t\"v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC1\"\n";
  test::DnsWorld w;
  w.records = {{"club.test.", "NS", "ada.ns.cloudflare.com."},
               {"club.test.", "NS", "bob.ns.cloudflare.com."},
               {"club.test.", "A", "104.21.16.8"},
               {"mail.club.test.", "A", "203.0.113.10"},
               {"club.test.", "MX", "10 mail.club.test."},
               {"club.test.", "TXT", "\"v=spf1 +a +mx ip4:203.0.113.10 ~all\""}};
  SUBCASE("delegated: the DKIM key the export has is not served") {
    auto fs = live("club.test", w, {zone_of(zone, "export.txt")});
    auto lines = summary(fs);
    CHECK_FALSE(has(lines, "ns-not-delegated warning club.test."));
    CHECK(has(lines, "migration-record-lost warning default._domainkey.club.test."));
    CHECK(std::none_of(lines.begin(), lines.end(), [](const std::string& l) {
      return l.rfind("proxy-state-differs", 0) == 0 || l.rfind("migration-record-lost critical", 0) == 0;
    }));
    const Finding* f = finding(fs, "migration-record-lost");
    CHECK(param(f->evidence[0], "missing-from") == "live");
    CHECK(f->edits.empty());
  }
  SUBCASE("the old host still answers: not delegated, and nothing else compared") {
    w.records[0].data = "ns1.oldhost.test.";
    w.records[1].data = "ns2.oldhost.test.";
    w.records[2].data = "203.0.113.10";  // the old host serves the origin address
    auto fs = live("club.test", w, {zone_of(zone, "export.txt")});
    auto lines = summary(fs);
    CHECK(has(lines, "ns-not-delegated warning club.test."));
    CHECK_FALSE(finding(fs, "migration-record-lost"));
    CHECK_FALSE(finding(fs, "proxy-state-differs"));
    const Finding* f = finding(fs, "ns-not-delegated");
    REQUIRE(f->evidence.size() == 4);
    CHECK(param(f->evidence[2], "names") == "ns1.oldhost.test. ns2.oldhost.test.");
    // The fix is the registrar's: no edit, and the evidence says so.
    CHECK(f->edits.empty());
    CHECK(f->evidence.back().code == "no-edit");
    CHECK(param(f->evidence.back(), "reason") == "registrar");
  }
  SUBCASE("proxied in the export, the origin served live (a pending zone): the states differ") {
    w.records[2].data = "203.0.113.10";
    std::string proxied_mail = zone;
    proxied_mail.replace(proxied_mail.find("cf-proxied:false"), 16, "cf-proxied:true");
    auto fs = live("club.test", w, {zone_of(proxied_mail, "export.txt")});
    const Finding* f = finding(fs, "proxy-state-differs", "mail.club.test.");
    REQUIRE(f);
    CHECK(f->severity == FindingSeverity::warning);
    // The apex is the web's: its state is not a mail finding.
    CHECK_FALSE(finding(fs, "proxy-state-differs", "club.test."));
    // The same states in both: quiet.
    CHECK_FALSE(finding(live("club.test", w, {zone_of(zone, "export.txt")}), "proxy-state-differs", "mail.club.test."));
  }
  SUBCASE("a failed answer is unknown: no record counts as lost") {
    w.failures["default._domainkey.club.test. TXT"] = "timeout";
    CHECK_FALSE(finding(live("club.test", w, {zone_of(zone, "export.txt")}), "migration-record-lost"));
  }
}

TEST_CASE("panels: detected from the zone, or stated") {
  const std::string bare = std::string(kHead) + "club.test.\t1\tIN\tA\t203.0.113.10 ; cf_tags=cf-proxied:true\n";
  SUBCASE("cPanel's fingerprints") {
    SessionOptions o;
    o.live = false;
    Session s("club.test", o,
              {zone_of(bare + "whm.club.test.\t1\tIN\tA\t203.0.113.10 ; cf_tags=cf-proxied:false\n", "e.txt")});
    MailModel m(s);
    REQUIRE(m.panel());
    CHECK(m.panel()->id == "cpanel");
    CHECK_FALSE(m.panel_stated());
    // mail.<domain> is what cPanel configures clients with, and it is absent.
    CHECK(finding(run_rules(m), "mail-host-missing", "mail.club.test."));
  }
  SUBCASE("no fingerprint and no MX: no panel, no mail-host-missing") {
    CHECK_FALSE(finding(offline("club.test", {zone_of(bare, "e.txt")}), "mail-host-missing"));
  }
  SUBCASE("stated: Plesk configures mail.<domain> too; DirectAdmin's name is not documented") {
    ModelOptions plesk;
    plesk.panel = "plesk";
    auto fs = offline("club.test", {zone_of(bare, "e.txt")}, plesk);
    const Finding* f = finding(fs, "mail-host-missing", "mail.club.test.");
    REQUIRE(f);
    CHECK(param(f->evidence[0], "id") == "plesk");
    CHECK(param(f->evidence[0], "how") == "stated");
    ModelOptions da;
    da.panel = "directadmin";
    CHECK_FALSE(finding(offline("club.test", {zone_of(bare, "e.txt")}, da), "mail-host-missing"));
  }
  SUBCASE("every profile has an id, a name and a source") {
    for (const PanelProfile& p : panel_profiles()) {
      CHECK(!p.id.empty());
      CHECK(!p.name.empty());
      CHECK(!p.source.empty());
      CHECK(find_panel(p.id) == &p);
    }
    CHECK(find_panel("webmin") == nullptr);
  }
}
