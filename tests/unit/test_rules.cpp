// The model and the proxy rules on the cases they were written for: the
// seed case (cPanel's zone imported into Cloudflare with the apex proxied),
// offline from the export, live from recorded answers, and healthy zones
// that must stay quiet.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "dns/types.h"
#include "model/mail_model.h"
#include "replay.h"
#include "rules/catalogue.h"
#include "rules/findings_json.h"
#include "session/session.h"
#include "zone/parser.h"

using namespace mxray;

namespace {

std::shared_ptr<const Zone> zone_from(const std::string& text, const std::string& name = "export.txt") {
  auto z = std::make_shared<Zone>(parse_zone(text, name, {}));
  REQUIRE(z->error_count == 0);
  return z;
}

std::shared_ptr<const Zone> zone_file(const std::string& relative) {
  std::ifstream in(std::string(MXRAY_SOURCE_DIR) + "/" + relative, std::ios::binary);
  REQUIRE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  return zone_from(ss.str(), relative);
}

SessionOptions offline() {
  SessionOptions o;
  o.live = false;
  return o;
}

// "rule severity name" lines, sorted: what a scenario expects.
std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += s + "\n";
  return out;
}

std::vector<std::string> summary(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const Finding& f : findings)
    out.push_back(std::string(f.rule) + " " + std::string(severity_name(f.severity)) + " " + f.names.front());
  std::sort(out.begin(), out.end());
  return out;
}

const Finding* finding(const std::vector<Finding>& fs, std::string_view rule, std::string_view name) {
  for (const Finding& f : fs)
    if (f.rule == rule && f.names.front() == name) return &f;
  return nullptr;
}

std::string edits_text(const Finding& f) {
  std::string out;
  for (const ZoneEdit& e : f.edits) {
    out += std::string(edit_op_name(e.op)) + " " + name_text(e.owner.view()) + " " + type_name(e.type) + " " + e.rdata;
    if (e.has_record) out += " @" + std::to_string(e.line);
    out += "\n";
  }
  return out;
}

const char* kSeedExport =
    ";; Domain:     club.test.\n"
    "club.test\t3600\tIN\tSOA\tada.ns.cloudflare.com. dns.cloudflare.com. 2051234567 10000 2400 604800 3600\n"
    "club.test.\t1\tIN\tA\t203.0.113.10 ; cf_tags=cf-proxied:true\n"
    "mail.club.test.\t1\tIN\tCNAME\tclub.test. ; cf_tags=cf-proxied:false\n"
    "ftp.club.test.\t1\tIN\tA\t203.0.113.10 ; cf_tags=cf-proxied:false\n"
    "webdisk.club.test.\t1\tIN\tA\t203.0.113.10 ; cf_tags=cf-proxied:true\n"
    "webmail.club.test.\t1\tIN\tA\t203.0.113.10 ; cf_tags=cf-proxied:true\n"
    "club.test.\t1\tIN\tMX\t0 mail.club.test.\n";

}  // namespace

TEST_CASE("rules: the seed case, offline from the Cloudflare export") {
  Session s("", offline(), {zone_from(kSeedExport)});
  MailModel model(s);
  const MailName* mail = model.find(test::from_hex("046D61696C04636C7562047465737400"));
  REQUIRE(mail);
  CHECK((mail->roles & role::mail_client) != 0);
  CHECK((mail->roles & role::mx_target) != 0);
  CHECK(mail->zone.route == Route::proxy);
  REQUIRE(mail->zone.provider);
  CHECK(mail->zone.provider->id == "cloudflare");
  CHECK(mail->live.route == Route::unknown);
  CHECK(mail->live.reason == "offline");

  auto findings = run_rules(model);
  CHECK(joined(summary(findings)) ==
        // The export has neither SPF nor DMARC (auth_rules.cpp).
        "dmarc-missing info club.test.\n"
        "mail-host-proxied critical mail.club.test.\n"
        // RFC 2181 §10.3: the MX names an alias; the same fix cures it.
        "mx-target-cname warning mail.club.test.\n"
        "mx-target-proxied critical mail.club.test.\n"
        "service-host-proxied warning webdisk.club.test.\n"
        "spf-missing info club.test.\n");
  const Finding* f = finding(findings, "mail-host-proxied", "mail.club.test.");
  REQUIRE(f);
  // The chain of evidence: mail CNAME club.test (line 4), club.test A
  // proxied (line 3), Cloudflare, and the ports it does not carry.
  std::vector<std::string> codes;
  for (const EvidenceStep& e : f->evidence) codes.push_back(std::string(e.code));
  CHECK(codes == std::vector<std::string>{"cname", "address", "proxied-by", "port-not-proxied", "port-not-proxied",
                                          "port-not-proxied", "port-not-proxied", "port-not-proxied",
                                          "port-not-proxied"});
  // The fix: the CNAME goes, mail gets the origin's address, DNS-only.
  CHECK(edits_text(*f) == "remove mail.club.test. CNAME club.test. @4\nadd mail.club.test. A 203.0.113.10\n");
  CHECK(f->edits[1].proxied == Proxied::no);
  // webmail's ports (2095/2096, 443) pass the proxy: no finding for it.
  CHECK_FALSE(finding(findings, "service-host-proxied", "webmail.club.test."));
}

TEST_CASE("rules: MX at the proxied apex moves to mail.<domain>") {
  Session s("", offline(), {zone_file("examples/club-cloudflare-export.txt")});
  MailModel model(s);
  auto findings = run_rules(model);
  const Finding* mx = finding(findings, "mx-target-proxied", "club.example.");
  REQUIRE(mx);
  // MX 0 club.example. -> MX 0 mail.club.example.; mail's CNAME to the apex
  // becomes the origin's A record, DNS-only. The apex stays proxied.
  CHECK(edits_text(*mx) ==
        "replace club.example. MX 0 mail.club.example. @31\n"
        "remove mail.club.example. CNAME club.example. @27\n"
        "add mail.club.example. A 203.0.113.25\n");
  CHECK(finding(findings, "mail-host-proxied", "mail.club.example."));
  CHECK(finding(findings, "service-host-proxied", "webdisk.club.example."));
}

TEST_CASE("rules: the seed case from live answers alone (recorded from nsd)") {
  const std::string dir = std::string(MXRAY_SOURCE_DIR) + "/tests/scenarios/cpanel-mail-cname/";
  Session s("club.test", SessionOptions{});
  auto r = test::replay(s, test::read_json_file(dir + "answers.json"));
  REQUIRE(r.missing.empty());
  MailModel model(s);
  const MailName* mail = model.find(test::from_hex("046D61696C04636C7562047465737400"));
  REQUIRE(mail);
  CHECK(mail->live.route == Route::proxy);
  CHECK(mail->zone.reason == "no-zone");
  auto findings = run_rules(model);
  CHECK(finding(findings, "mail-host-proxied", "mail.club.test."));
  CHECK(finding(findings, "mx-target-proxied", "mail.club.test."));
  // ftp answers with the origin: no finding.
  CHECK_FALSE(finding(findings, "service-host-proxied", "ftp.club.test."));
  // Without a zone, the edits are of what live DNS serves (made in the
  // DNS panel): mail's CNAME goes, and mail gets the server's address,
  // DNS-only, which live DNS cannot tell (a placeholder).
  for (const char* rule : {"mail-host-proxied", "mx-target-proxied"}) {
    const Finding* f = finding(findings, rule, "mail.club.test.");
    REQUIRE(f);
    REQUIRE(f->edits.size() == 2);
    CHECK(f->edits[0].op == ZoneEdit::Op::remove);
    CHECK(f->edits[0].type == rrtype::CNAME);
    CHECK(f->edits[0].rdata == "club.test.");
    CHECK(f->edits[1].op == ZoneEdit::Op::add);
    CHECK(f->edits[1].placeholder == "origin-ipv4");
    CHECK(f->edits[1].proxied == Proxied::no);
    for (const ZoneEdit& e : f->edits) {
      CHECK(e.live);
      CHECK_FALSE(e.has_record);
    }
  }
  // The alias warning keeps its CNAME, and says why it has no edit.
  const Finding* alias = finding(findings, "mx-target-cname", "mail.club.test.");
  REQUIRE(alias);
  CHECK(alias->edits.empty());
  CHECK(alias->evidence.back().code == "no-edit");
}

TEST_CASE("rules: a healthy zone yields no critical finding") {
  const char* healthy =
      ";; Domain:     good.test.\n"
      "good.test.\t1\tIN\tA\t192.0.2.1 ; cf_tags=cf-proxied:true\n"
      "www.good.test.\t1\tIN\tCNAME\tgood.test. ; cf_tags=cf-proxied:true\n"
      "mail.good.test.\t300\tIN\tA\t198.51.100.7 ; cf_tags=cf-proxied:false\n"
      "good.test.\t300\tIN\tMX\t10 mail.good.test.\n"
      "_submissions._tcp.good.test.\t300\tIN\tSRV\t0 1 465 mail.good.test.\n"
      "good.test.\t300\tIN\tTXT\t\"v=spf1 ip4:198.51.100.7 -all\"\n"
      "_dmarc.good.test.\t300\tIN\tTXT\t\"v=DMARC1; p=reject; rua=mailto:dmarc@good.test\"\n";
  Session s("", offline(), {zone_from(healthy)});
  MailModel model(s);
  auto findings = run_rules(model);
  CHECK(joined(summary(findings)) == "");
}

TEST_CASE("rules: missing, aliased and companion MX targets; mixed proxy flags; exposed origin") {
  const char* text =
      ";; Domain:     odd.test.\n"
      "odd.test.\t1\tIN\tA\t192.0.2.1 ; cf_tags=cf-proxied:true\n"
      "odd.test.\t1\tIN\tA\t192.0.2.2 ; cf_tags=cf-proxied:false\n"
      "smtp.odd.test.\t1\tIN\tA\t192.0.2.1 ; cf_tags=cf-proxied:false\n"
      "alias.odd.test.\t1\tIN\tCNAME\tsmtp.odd.test. ; cf_tags=cf-proxied:false\n"
      "odd.test.\t300\tIN\tMX\t10 gone.odd.test.\n"
      "odd.test.\t300\tIN\tMX\t20 alias.odd.test.\n"
      "odd.test.\t300\tIN\tMX\t30 _dc-mx.2c2a3526b376.odd.test.\n"
      "_dc-mx.2c2a3526b376.odd.test.\t300\tIN\tA\t192.0.2.1 ; cf_tags=cf-proxied:false\n";
  Session s("", offline(), {zone_from(text)});
  MailModel model(s);
  auto findings = run_rules(model);
  auto sum = summary(findings);
  for (const char* expect : {"mx-target-missing critical gone.odd.test.", "mx-target-cname warning alias.odd.test.",
                             "mx-companion-record warning _dc-mx.2c2a3526b376.odd.test.",
                             "proxy-mixed-records warning odd.test.", "origin-exposed info smtp.odd.test."})
    CHECK_MESSAGE(std::find(sum.begin(), sum.end(), expect) != sum.end(), expect);
  // The apex is proxied (one proxied A makes all proxied), but it is not an MX
  // target here: no proxied-name finding.
  CHECK_FALSE(finding(findings, "mx-target-proxied", "odd.test."));
}

TEST_CASE("rules: a cPanel zone that lost mail.<domain> in the import") {
  const char* text =
      ";; Domain:     lost.test.\n"
      "lost.test.\t1\tIN\tA\t203.0.113.40 ; cf_tags=cf-proxied:true\n"
      "cpanel.lost.test.\t1\tIN\tA\t203.0.113.40 ; cf_tags=cf-proxied:true\n"
      "lost.test.\t300\tIN\tMX\t0 mail.lost.test.\n";
  Session s("", offline(), {zone_from(text)});
  MailModel model(s);
  auto findings = run_rules(model);
  CHECK(finding(findings, "mail-host-missing", "mail.lost.test."));
  CHECK(finding(findings, "mx-target-missing", "mail.lost.test."));
}

TEST_CASE("rules: a finding takes its id and severity from the catalogue") {
  for (const RuleInfo& r : rule_catalogue()) {
    INFO(r.id);
    CHECK(rule_id(r.rule) == r.id);
    CHECK(&rule_info(r.rule) == &r);
    const Finding full = make_finding(r.rule, {"club.test."});
    CHECK(full.rule == r.id);
    CHECK(full.rule == r.rule);
    CHECK(full.severity == r.severity);
    CHECK(full.names == std::vector<std::string>{"club.test."});
    // Only a rule whose entry names a lesser severity reports below its own.
    CHECK(make_finding(r.rule, {}, Harm::lesser).severity == r.lesser.value_or(r.severity));
  }
  CHECK(rule_info(Rule::srv_target_proxied).lesser == FindingSeverity::warning);
  CHECK(rule_info(Rule::migration_record_lost).lesser == FindingSeverity::warning);
  CHECK_FALSE(rule_info(Rule::mx_target_proxied).lesser);
}

TEST_CASE("rules: the catalogue lists every rule once, and findings use only catalogued codes") {
  std::vector<std::string_view> ids;
  for (const RuleInfo& r : rule_catalogue()) ids.push_back(r.id);
  auto sorted = ids;
  std::sort(sorted.begin(), sorted.end());
  CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());
  Session s("", offline(), {zone_file("examples/club-cloudflare-export.txt")});
  MailModel model(s);
  for (const Finding& f : run_rules(model)) {
    const RuleInfo* info = find_rule(f.rule);
    REQUIRE(info);
    CHECK(info->severity <= f.severity);  // a rule may report below its top severity, never above
    for (const EvidenceStep& e : f.evidence)
      CHECK_MESSAGE(std::find(info->evidence.begin(), info->evidence.end(), e.code) != info->evidence.end(),
                    f.rule << " emits " << e.code);
  }
  nlohmann::json j = findings_to_json(model, run_rules(model));
  CHECK(j.size() >= 3);
  CHECK(j[0]["severity"] == "critical");
}

TEST_CASE("rules: a target an MX and an SRV share is cited by each rule with its own record") {
  // The SRV comes first in the file; before, mx-target-proxied cited it as
  // "mx-of" from _imaps._tcp (line 4), and srv-target-proxied the MX as "srv".
  const std::string text =
      ";; Domain:     club.test.\n"
      "club.test\t3600\tIN\tSOA\tada.ns.cloudflare.com. dns.cloudflare.com. 1 10000 2400 604800 3600\n"
      "mail.club.test.\t1\tIN\tA\t203.0.113.10 ; cf_tags=cf-proxied:true\n"
      "_imaps._tcp.club.test.\t1\tIN\tSRV\t0 1 993 mail.club.test.\n"
      "club.test.\t1\tIN\tMX\t10 mail.club.test.\n";
  Session s("club.test", offline(), {zone_from(text)});
  MailModel model(s);
  auto findings = run_rules(model);
  // "code line" of each step that cites a record naming the target.
  auto cited = [](const Finding& f) {
    std::string out;
    for (const EvidenceStep& e : f.evidence) {
      if (e.code != "mx" && e.code != "mx-of" && e.code != "srv") continue;
      out += std::string(e.code);
      for (const auto& [k, v] : e.params)
        if (k == "line") out += " " + v;
      out += "\n";
    }
    return out;
  };
  const Finding* mx = finding(findings, "mx-target-proxied", "mail.club.test.");
  REQUIRE(mx);
  CHECK(cited(*mx) == "mx 5\n");
  const Finding* srv = finding(findings, "srv-target-proxied", "mail.club.test.");
  REQUIRE(srv);
  CHECK(cited(*srv) == "srv 4\n");
}
