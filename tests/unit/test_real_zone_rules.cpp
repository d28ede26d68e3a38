// The rule defects a corpus of real zones showed: Cloudflare's
// apex CNAME beside other records, the severity of a proxied mail name that
// serves no mail, what taking the proxy off a web name exposes, proxied
// names mail authentication reads, SPF and MX checks of subdomains, and a
// wildcard that a name's own records keep away.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "dns/types.h"
#include "model/mail_model.h"
#include "policy/auth_names.h"
#include "rules/catalogue.h"
#include "session/session.h"
#include "zone/parser.h"

using namespace mxray;

namespace {

std::vector<Finding> findings_of(const std::string& text) {
  auto z = std::make_shared<Zone>(parse_zone(text, "export.txt", {}));
  REQUIRE(z->error_count == 0);
  SessionOptions o;
  o.live = false;
  Session s("", o, {z});
  MailModel model(s);
  return run_rules(model);
}

std::string summary(const std::vector<Finding>& fs) {
  std::vector<std::string> lines;
  for (const Finding& f : fs)
    lines.push_back(std::string(f.rule) + " " + std::string(severity_name(f.severity)) + " " + f.names.front());
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

const Finding* finding(const std::vector<Finding>& fs, std::string_view rule, std::string_view name) {
  for (const Finding& f : fs)
    if (f.rule == rule && f.names.front() == name) return &f;
  return nullptr;
}

const EvidenceStep* step(const Finding& f, std::string_view code) {
  for (const EvidenceStep& e : f.evidence)
    if (e.code == code) return &e;
  return nullptr;
}

std::string param(const EvidenceStep& e, std::string_view key) {
  for (const auto& [k, v] : e.params)
    if (k == key) return v;
  return "(none)";
}

std::string edits_text(const Finding& f) {
  std::string out;
  for (const ZoneEdit& e : f.edits)
    out += std::string(edit_op_name(e.op)) + " " + name_text(e.owner.view()) + " " + type_name(e.type) + " " + e.rdata +
           "\n";
  return out;
}

const std::string kHead =
    ";; Domain:     club.test.\n"
    "club.test\t3600\tIN\tSOA\tada.ns.cloudflare.com. dns.cloudflare.com. 2051234567 10000 2400 604800 3600\n";

}  // namespace

TEST_CASE("real zones: a CNAME at a Cloudflare zone's apex is flattened; the SPF beside it counts") {
  auto fs = findings_of(kHead +
                        "club.test.\t1\tIN\tCNAME\tclub-site.pages.example. ; cf_tags=cf-proxied:true\n"
                        "club.test.\t1\tIN\tTXT\t\"v=spf1 include:_spf.mx.cloudflare.net ~all\"\n"
                        "club.test.\t1\tIN\tMX\t10 route1.mx.cloudflare.net.\n"
                        "_dmarc.club.test.\t1\tIN\tTXT\t\"v=DMARC1; p=none\"\n");
  CHECK_FALSE(finding(fs, "spf-missing", "club.test."));
  // Without the apex's own TXT, the apex reads as having none.
  auto bare = findings_of(kHead +
                          "club.test.\t1\tIN\tCNAME\tclub-site.pages.example. ; cf_tags=cf-proxied:true\n"
                          "club.test.\t1\tIN\tMX\t10 route1.mx.cloudflare.net.\n");
  CHECK(finding(bare, "spf-missing", "club.test."));
  // An MX at the apex: resolvers get the flattened addresses, not an alias.
  auto mx_apex = findings_of(kHead + "club.test.\t1\tIN\tCNAME\tclub-site.pages.example. ; cf_tags=cf-proxied:false\n" +
                             "club.test.\t1\tIN\tMX\t10 club.test.\n");
  CHECK_FALSE(finding(mx_apex, "mx-target-cname", "club.test."));
  auto mx_alias =
      findings_of(kHead + "mx.club.test.\t1\tIN\tCNAME\tclub-site.pages.example. ; cf_tags=cf-proxied:false\n" +
                  "club.test.\t1\tIN\tMX\t10 mx.club.test.\n");
  CHECK(finding(mx_alias, "mx-target-cname", "mx.club.test."));
  // The apex's addresses come through the CNAME, proxied by its flag.
  auto z = std::make_shared<Zone>(parse_zone(
      kHead + "club.test.\t1\tIN\tCNAME\tclub-site.pages.example. ; cf_tags=cf-proxied:true\n", "export.txt", {}));
  SessionOptions o;
  o.live = false;
  Session s("", o, {z});
  MailModel model(s);
  const MailName* apex = model.find(s.domain().view());
  REQUIRE(apex);
  CHECK(apex->zone.route == Route::proxy);
}

TEST_CASE("real zones: a proxied mail. is critical only when something shows mail is served there") {
  const std::string routing = kHead +
                              "club.test.\t1\tIN\tA\t203.0.113.10 ; cf_tags=cf-proxied:true\n"
                              "mail.club.test.\t1\tIN\tA\t203.0.113.10 ; cf_tags=cf-proxied:true\n"
                              "club.test.\t1\tIN\tMX\t10 route1.mx.cloudflare.net.\n"
                              "club.test.\t1\tIN\tMX\t20 route2.mx.cloudflare.net.\n";
  auto fs = findings_of(routing + "club.test.\t1\tIN\tTXT\t\"v=spf1 include:_spf.mx.cloudflare.net ~all\"\n");
  const Finding* f = finding(fs, "mail-host-proxied", "mail.club.test.");
  REQUIRE(f);
  CHECK(f->severity == FindingSeverity::warning);
  REQUIRE(step(*f, "no-mail-served"));
  CHECK(param(*step(*f, "no-mail-served"), "name") == "mail.club.test.");
  // The fix stays: the proxy off on mail.
  CHECK(edits_text(*f) == "set-dns-only mail.club.test. A 203.0.113.10\n");

  // An SPF term naming mail. shows a server sending from there.
  fs = findings_of(routing +
                   "club.test.\t1\tIN\tTXT\t\"v=spf1 a:mail.club.test include:_spf.mx.cloudflare.net ~all\"\n");
  f = finding(fs, "mail-host-proxied", "mail.club.test.");
  REQUIRE(f);
  CHECK(f->severity == FindingSeverity::critical);
  CHECK_FALSE(step(*f, "no-mail-served"));

  // So does autoconfig leading to it, and a mail SRV record naming it.
  fs = findings_of(routing + "autoconfig.club.test.\t1\tIN\tCNAME\tmail.club.test. ; cf_tags=cf-proxied:false\n");
  CHECK(finding(fs, "mail-host-proxied", "mail.club.test.")->severity == FindingSeverity::critical);
  fs = findings_of(routing + "_imaps._tcp.club.test.\t1\tIN\tSRV\t0 0 993 mail.club.test.\n");
  CHECK(finding(fs, "mail-host-proxied", "mail.club.test.")->severity == FindingSeverity::critical);
  // An ip4: term holding the address the export stores for it (the server
  // behind the proxy sends mail).
  fs = findings_of(routing + "club.test.\t1\tIN\tTXT\t\"v=spf1 ip4:203.0.113.0/24 ~all\"\n");
  CHECK(finding(fs, "mail-host-proxied", "mail.club.test.")->severity == FindingSeverity::critical);
  fs = findings_of(routing + "club.test.\t1\tIN\tTXT\t\"v=spf1 ip4:203.0.114.10 ~all\"\n");
  CHECK(finding(fs, "mail-host-proxied", "mail.club.test.")->severity == FindingSeverity::warning);
  // The address of the domain's MX target: the mail server itself.
  fs = findings_of(kHead + "mail.club.test.\t1\tIN\tA\t203.0.113.10 ; cf_tags=cf-proxied:true\n" +
                   "mx.club.test.\t1\tIN\tA\t203.0.113.10 ; cf_tags=cf-proxied:false\n" +
                   "club.test.\t1\tIN\tMX\t10 mx.club.test.\n");
  CHECK(finding(fs, "mail-host-proxied", "mail.club.test.")->severity == FindingSeverity::critical);
  // And an MX naming it.
  fs = findings_of(kHead + "mail.club.test.\t1\tIN\tA\t203.0.113.10 ; cf_tags=cf-proxied:true\n" +
                   "club.test.\t1\tIN\tMX\t10 mail.club.test.\n");
  CHECK(finding(fs, "mail-host-proxied", "mail.club.test.")->severity == FindingSeverity::critical);
}

TEST_CASE("real zones: an edit that takes the proxy off a name the web uses says which names lose it") {
  auto fs = findings_of(kHead +
                        "mail.club.test.\t1\tIN\tA\t203.0.113.10 ; cf_tags=cf-proxied:true\n"
                        "www.club.test.\t1\tIN\tCNAME\tmail.club.test. ; cf_tags=cf-proxied:false\n"
                        "shop.club.test.\t1\tIN\tCNAME\twww.club.test. ; cf_tags=cf-proxied:false\n"
                        // A proxied alias keeps its own proxy.
                        "blog.club.test.\t1\tIN\tCNAME\tmail.club.test. ; cf_tags=cf-proxied:true\n"
                        "club.test.\t1\tIN\tMX\t10 mail.club.test.\n");
  const Finding* f = finding(fs, "mx-target-proxied", "mail.club.test.");
  REQUIRE(f);
  CHECK(edits_text(*f) == "set-dns-only mail.club.test. A 203.0.113.10\n");
  const EvidenceStep* e = step(*f, "unproxy-exposes");
  REQUIRE(e);
  CHECK(param(*e, "name") == "mail.club.test.");
  CHECK(param(*e, "names") == "www.club.test., shop.club.test.");
  // A mail name nothing else uses: nothing to say.
  fs = findings_of(kHead + "mail.club.test.\t1\tIN\tA\t203.0.113.10 ; cf_tags=cf-proxied:true\n" +
                   "club.test.\t1\tIN\tMX\t10 mail.club.test.\n");
  REQUIRE(finding(fs, "mx-target-proxied", "mail.club.test."));
  CHECK_FALSE(step(*finding(fs, "mx-target-proxied", "mail.club.test."), "unproxy-exposes"));
}

TEST_CASE("real zones: Cloudflare's non-proxiable targets and the names mail authentication reads") {
  const auto wire = [](const char* text) {
    WireName n;
    static const char kRoot[] = {0};
    REQUIRE(parse_name(text, std::string_view(kRoot, 1), n) == NameError::none);
    return std::string(n.view());
  };
  CHECK(cloudflare_non_proxiable(wire("dkim2.mcsv.net.")));
  CHECK_FALSE(cloudflare_non_proxiable(wire("x.dkim2.mcsv.net.")));  // exact match only
  CHECK(cloudflare_non_proxiable(wire("dkim.amazonses.com.")));
  CHECK(cloudflare_non_proxiable(wire("abc.DKIM.amazonses.com.")));
  CHECK_FALSE(cloudflare_non_proxiable(wire("onmicrosoft.com.")));  // below it only
  CHECK(cloudflare_non_proxiable(wire("selector1-club._domainkey.club.onmicrosoft.com.")));
  CHECK_FALSE(cloudflare_non_proxiable(wire("notonmicrosoft.com.")));
  const std::string d = wire("club.test.");
  CHECK(auth_name_purpose(wire("s1._domainkey.club.test."), d) == AuthNamePurpose::dkim);
  CHECK(auth_name_purpose(wire("s1._domainkey.news.club.test."), d) == AuthNamePurpose::dkim);
  CHECK(auth_name_purpose(wire("_dmarc.club.test."), d) == AuthNamePurpose::dmarc);
  CHECK(auth_name_purpose(wire("_mta-sts.club.test."), d) == AuthNamePurpose::mta_sts);
  CHECK(auth_name_purpose(wire("_smtp._tls.club.test."), d) == AuthNamePurpose::tls_rpt);
  CHECK(auth_name_purpose(wire("_acme-challenge.club.test."), d) == AuthNamePurpose::verification);
  CHECK(auth_name_purpose(wire("autodiscover.club.test."), d) == AuthNamePurpose::client_config);
  CHECK_FALSE(auth_name_purpose(wire("autodiscover.www.club.test."), d));
  CHECK_FALSE(auth_name_purpose(wire("www.club.test."), d));
  CHECK_FALSE(auth_name_purpose(d, d));

  auto fs = findings_of(
      kHead +
      "selector1._domainkey.club.test.\t1\tIN\tCNAME\tselector1-club-test._domainkey.club.onmicrosoft.com. ; "
      "cf_tags=cf-proxied:true\n"
      "k1._domainkey.club.test.\t1\tIN\tCNAME\tdkim.mcsv.net. ; cf_tags=cf-proxied:true\n"
      "autodiscover.club.test.\t1\tIN\tCNAME\tautodiscover.outlook.com. ; cf_tags=cf-proxied:true\n"
      "_dmarc.club.test.\t1\tIN\tCNAME\tdmarc.provider.example. ; cf_tags=cf-proxied:false\n"
      "www.club.test.\t1\tIN\tCNAME\tclub.test. ; cf_tags=cf-proxied:true\n"
      "club.test.\t1\tIN\tA\t203.0.113.10 ; cf_tags=cf-proxied:true\n");
  const Finding* dkim = finding(fs, "auth-name-proxied", "selector1._domainkey.club.test.");
  REQUIRE(dkim);
  CHECK(dkim->severity == FindingSeverity::warning);
  REQUIRE(step(*dkim, "auth-name"));
  CHECK(param(*step(*dkim, "auth-name"), "purpose") == "dkim");
  REQUIRE(step(*dkim, "non-proxiable-target"));
  CHECK(param(*step(*dkim, "non-proxiable-target"), "use") == "Microsoft 365 DKIM");
  CHECK(edits_text(*dkim) ==
        "set-dns-only selector1._domainkey.club.test. CNAME selector1-club-test._domainkey.club.onmicrosoft.com.\n");
  CHECK(dkim->edits[0].proxied == Proxied::no);
  const Finding* k1 = finding(fs, "auth-name-proxied", "k1._domainkey.club.test.");
  REQUIRE(k1);
  CHECK(k1->severity == FindingSeverity::warning);
  CHECK_FALSE(step(*k1, "non-proxiable-target"));
  const Finding* ad = finding(fs, "auth-name-proxied", "autodiscover.club.test.");
  REQUIRE(ad);
  CHECK(ad->severity == FindingSeverity::info);
  // DNS-only _dmarc and the web names: nothing.
  CHECK_FALSE(finding(fs, "auth-name-proxied", "_dmarc.club.test."));
  CHECK_FALSE(finding(fs, "auth-name-proxied", "www.club.test."));
  CHECK_FALSE(finding(fs, "auth-name-proxied", "club.test."));
}

TEST_CASE("real zones: a subdomain with its own MX or SPF gets the SPF and MX checks") {
  auto fs = findings_of(kHead +
                        "club.test.\t1\tIN\tA\t203.0.113.10\n"
                        "club.test.\t1\tIN\tMX\t10 mx.mail-provider.example.\n"
                        "club.test.\t1\tIN\tTXT\t\"v=spf1 include:spf.mail-provider.example -all\"\n"
                        "news.club.test.\t1\tIN\tMX\t10 mx.news.club.test.\n"
                        "news.club.test.\t1\tIN\tTXT\t\"v=spf1 ip4:203.0.113.20 -all\"\n"
                        "news.club.test.\t1\tIN\tTXT\t\"v=spf1 ip4:203.0.113.21 -all\"\n"
                        "bulk.club.test.\t1\tIN\tTXT\t\"v=spf1 +all\"\n");
  const Finding* two = finding(fs, "spf-invalid", "news.club.test.");
  REQUIRE(two);
  CHECK(two->severity == FindingSeverity::warning);
  REQUIRE(step(*two, "record-problem"));
  CHECK(param(*step(*two, "record-problem"), "problem") == "spf-multiple-records");
  // A name that only sends has its SPF checked too.
  CHECK(finding(fs, "spf-pass-all", "bulk.club.test."));
  // The subdomain's MX target has no address: the apex's MX checks apply.
  const Finding* mx = finding(fs, "mx-target-missing", "mx.news.club.test.");
  REQUIRE(mx);
  CHECK(mx->severity == FindingSeverity::critical);
  REQUIRE(step(*mx, "mx-of"));
  CHECK(param(*step(*mx, "mx-of"), "from") == "news.club.test.");
  // The domain's own SPF is fine.
  CHECK_FALSE(finding(fs, "spf-invalid", "club.test."));
  // A subdomain's MX alone does not make the domain receive mail.
  auto only_sub = findings_of(kHead + "club.test.\t1\tIN\tA\t203.0.113.10\n" +
                              "news.club.test.\t1\tIN\tMX\t10 mx.mail-provider.example.\n");
  CHECK_FALSE(finding(only_sub, "spf-missing", "club.test."));
  CHECK(finding(only_sub, "spf-missing", "news.club.test."));
}

TEST_CASE("real zones: a name that owns other records is not covered by the wildcard, and gets its addresses") {
  auto fs = findings_of(kHead +
                        "club.test.\t1\tIN\tA\t203.0.113.10\n"
                        "*.club.test.\t1\tIN\tA\t203.0.113.10\n"
                        "mail.club.test.\t1\tIN\tTXT\t\"mail server\"\n"
                        "club.test.\t1\tIN\tMX\t10 mail.club.test.\n");
  const Finding* f = finding(fs, "mx-target-missing", "mail.club.test.");
  REQUIRE(f);
  const EvidenceStep* w = step(*f, "wildcard-blocked");
  REQUIRE(w);
  CHECK(param(*w, "wildcard") == "*.club.test.");
  CHECK(param(*w, "types") == "TXT");
  CHECK(edits_text(*f) == "add mail.club.test. A 203.0.113.10\n");
  // Without the TXT the wildcard answers: no finding.
  auto covered = findings_of(kHead + "club.test.\t1\tIN\tA\t203.0.113.10\n" + "*.club.test.\t1\tIN\tA\t203.0.113.10\n" +
                             "club.test.\t1\tIN\tMX\t10 mail.club.test.\n");
  CHECK_FALSE(finding(covered, "mx-target-missing", "mail.club.test."));
}

TEST_CASE("real zones: an MX to the zone's own apex, which has no address, gets the placeholder edit") {
  // dnscontrol's 013-mx test zone: "@ MX 15 foo.com." and nothing else. The apex is inside the
  // zone, so the edit is written there, with no "outside-zone" reason (rule page mx-target-missing).
  auto apex = findings_of(kHead + "club.test.\t1\tIN\tMX\t15 club.test.\n");
  const Finding* a = finding(apex, "mx-target-missing", "club.test.");
  REQUIRE(a);
  CHECK(edits_text(*a) == "add club.test. A {origin-ipv4}\n");
  CHECK_FALSE(step(*a, "no-edit"));
  // The target leaves the zone: offline, whether it has an address is unknown, and no finding says it has none.
  auto out = findings_of(kHead + "club.test.\t1\tIN\tMX\t10 mx.provider.example.\n");
  CHECK_FALSE(finding(out, "mx-target-missing", "mx.provider.example."));
}

TEST_CASE("real zones: an MX to an alias of the zone that leads to no address says why there is no edit") {
  // mx.club.test. is an alias of www.club.test., which has no address: the chain ends inside the
  // zone. An address at www would answer for every name aliasing it (the website's), so no edit,
  // and the reason is the alias, not "outside-zone" (nothing here leads out of the domain).
  auto fs = findings_of(kHead + "club.test.\t1\tIN\tA\t203.0.113.10\n" + "club.test.\t1\tIN\tMX\t10 mx.club.test.\n" +
                        "mx.club.test.\t1\tIN\tCNAME\twww.club.test.\n" + "www.club.test.\t1\tIN\tTXT\t\"site\"\n");
  const Finding* f = finding(fs, "mx-target-missing", "mx.club.test.");
  REQUIRE(f);
  CHECK(f->edits.empty());
  const EvidenceStep* why = step(*f, "no-edit");
  REQUIRE(why);
  CHECK(param(*why, "reason") == "alias-no-address");
  const EvidenceStep* cname = step(*f, "cname");
  REQUIRE(cname);
  CHECK(param(*cname, "to") == "www.club.test.");
  // A chain of two aliases ending at a name with no address: the same reason. (A chain that
  // loops is no "missing" path but an unknown one, so mx-target-missing does not fire on it.)
  auto two = findings_of(kHead + "club.test.\t1\tIN\tA\t203.0.113.10\n" + "club.test.\t1\tIN\tMX\t10 mx.club.test.\n" +
                         "mx.club.test.\t1\tIN\tCNAME\tmail.club.test.\n" +
                         "mail.club.test.\t1\tIN\tCNAME\twww.club.test.\n" + "www.club.test.\t1\tIN\tTXT\t\"site\"\n");
  const Finding* t = finding(two, "mx-target-missing", "mx.club.test.");
  REQUIRE(t);
  CHECK(t->edits.empty());
  const EvidenceStep* tw = step(*t, "no-edit");
  REQUIRE(tw);
  CHECK(param(*tw, "reason") == "alias-no-address");
  // A target of the zone that is no alias still gets its edit.
  auto plain = findings_of(kHead + "club.test.\t1\tIN\tMX\t10 mx.club.test.\n" + "mx.club.test.\t1\tIN\tTXT\t\"x\"\n");
  const Finding* p = finding(plain, "mx-target-missing", "mx.club.test.");
  REQUIRE(p);
  CHECK_FALSE(p->edits.empty());
}
