// The mail-authentication rules (core/rules/auth_rules.cpp) on real parsed
// zones and on Sessions fed by the in-memory resolver: each rule fires where
// it must, with its evidence and names, and stays quiet on healthy records
// and on facts that are unknown.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "dns/types.h"
#include "dns_world.h"
#include "model/mail_model.h"
#include "rules/catalogue.h"
#include "zone/parser.h"

using namespace mxray;
using mxray::test::DnsWorld;

namespace {

const std::set<std::string> kAuthRules = {"spf-missing",   "spf-invalid",   "spf-pass-all",    "spf-advice",
                                          "dmarc-missing", "dmarc-invalid", "dmarc-advice",    "dmarc-wrong-name",
                                          "dkim-invalid",  "dkim-advice",   "mta-sts-invalid", "tlsrpt-invalid",
                                          "tlsa-proxied",  "ptr-mismatch"};

// A 2048-bit RSA key as `openssl rsa -pubout` writes it, split in two
// character-strings as a zone file must (RFC 1035 §3.3: 255 octets each).
const std::string kKeyA =
    "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA8nK4ELk28QbCmfoMyouqutsvCHdvMkpOjSf19IGGAlh785CTmao+iu6mRwi9LLWw1t1"
    "xUxnBCkqkJxRX/pqhKYZV7GOUwxrGuDzb4e/6NlR2jNAQ59jfvOjRchNLJgTzhbb5hXLtrnuNx21WE6gPmYsHAvdNw7l3";
const std::string kKeyB =
    "rtDLZHXD/H74EqJHKp+kzL3IUr9dljxb+4JTnQeVWToxxw62QNjmZ/7/mUfnHbaEyCgTHxo3bEdI+1ABKka/yz05n3iUE40pQinMHR4FgpF20Q+P"
    "aaZDZkVzosQskrp9s6ZxC4Cx1VklfN0sbt5cANJAeuhTbjQcqSwRgDRmZpopx5G9mqeclwIDAQAB";

std::string dkim_txt() { return "\"v=DKIM1; k=rsa; p=" + kKeyA + "\" \"" + kKeyB + "\""; }

// Every record healthy: MX to a DNS-only mail host with DANE, SPF, DMARC
// at p=reject with reports, a DKIM key, MTA-STS and TLS-RPT.
std::string healthy_zone() {
  return "$ORIGIN club.test.\n$TTL 300\n"
         "@ IN SOA ns1.club.test. hostmaster.club.test. 1 7200 3600 1209600 300\n"
         "@ IN NS ns1.club.test.\n"
         "@ IN A 203.0.113.10\n"
         "@ IN MX 10 mail.club.test.\n"
         "@ IN TXT \"v=spf1 mx ip4:203.0.113.10 -all\"\n"
         "mail IN A 203.0.113.10\n"
         "_25._tcp.mail IN TLSA 3 1 1 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n"
         "_dmarc IN TXT \"v=DMARC1; p=reject; rua=mailto:dmarc@club.test\"\n"
         "default._domainkey IN TXT " +
         dkim_txt() +
         "\n"
         "_mta-sts IN TXT \"v=STSv1; id=20240101T000000\"\n"
         "mta-sts IN A 203.0.113.10\n"
         "_smtp._tls IN TXT \"v=TLSRPTv1; rua=mailto:tls@club.test,https://report.club.test/tls\"\n";
}

std::shared_ptr<const Zone> zone_from(const std::string& text) {
  auto z = std::make_shared<Zone>(parse_zone(text, "club.zone", {}));
  REQUIRE(z->error_count == 0);
  return z;
}

SessionOptions offline() {
  SessionOptions o;
  o.live = false;
  return o;
}

// "rule severity name" of the mail-authentication findings, sorted.
std::string auth_summary(const std::vector<Finding>& findings) {
  std::vector<std::string> lines;
  for (const Finding& f : findings)
    if (kAuthRules.count(std::string(f.rule)))
      lines.push_back(std::string(f.rule) + " " + std::string(severity_name(f.severity)) + " " + f.names.front());
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

std::vector<Finding> offline_findings(const std::string& zone_text) {
  Session s("", offline(), {zone_from(zone_text)});
  MailModel model(s);
  return run_rules(model);
}

const Finding* finding(const std::vector<Finding>& fs, std::string_view rule) {
  for (const Finding& f : fs)
    if (f.rule == rule) return &f;
  return nullptr;
}

std::string param(const EvidenceStep& e, std::string_view key) {
  for (const auto& [k, v] : e.params)
    if (k == key) return v;
  return {};
}

// The evidence as "code" or "code:problem" lines, one string.
std::string evidence_codes(const Finding& f) {
  std::string out;
  for (const EvidenceStep& e : f.evidence) {
    if (e.code == "no-edit") continue;  // the reason there is no edit: tests/unit/test_scenarios.cpp
    out += std::string(e.code);
    if (e.code == "record-problem") out += ":" + param(e, "problem");
    out += " ";
  }
  if (!out.empty()) out.pop_back();
  return out;
}

// The healthy zone with one line replaced (the first line starting with
// `prefix`), or added when `prefix` is empty.
std::string healthy_with(const std::string& prefix, const std::string& line) {
  std::string z = healthy_zone();
  if (prefix.empty()) return z + line;
  size_t at = z.find("\n" + prefix);
  REQUIRE_MESSAGE(at != std::string::npos, prefix);
  size_t end = z.find('\n', at + 1);
  return z.substr(0, at + 1) + line + z.substr(end + 1);
}

// The healthy world as live DNS serves it.
DnsWorld healthy_world() {
  DnsWorld w;
  w.records = {
      {"club.test.", "SOA", "ns1.club.test. hostmaster.club.test. 1 7200 3600 1209600 300"},
      {"club.test.", "NS", "ns1.club.test."},
      {"club.test.", "A", "203.0.113.10"},
      {"club.test.", "MX", "10 mail.club.test."},
      {"club.test.", "TXT", "\"v=spf1 mx ip4:203.0.113.10 -all\""},
      {"mail.club.test.", "A", "203.0.113.10"},
      {"_dmarc.club.test.", "TXT", "\"v=DMARC1; p=reject; rua=mailto:dmarc@club.test\""},
      {"default._domainkey.club.test.", "TXT", dkim_txt()},
      {"_mta-sts.club.test.", "TXT", "\"v=STSv1; id=20240101T000000\""},
      {"mta-sts.club.test.", "A", "203.0.113.10"},
      {"_smtp._tls.club.test.", "TXT", "\"v=TLSRPTv1; rua=mailto:tls@club.test\""},
      {"10.113.0.203.in-addr.arpa.", "PTR", "mail.club.test."},
  };
  return w;
}

void set_record(DnsWorld& w, const std::string& name, const std::string& type, const std::string& data) {
  w.records.erase(std::remove_if(w.records.begin(), w.records.end(),
                                 [&](const test::WorldRecord& r) { return r.name == name && r.type == type; }),
                  w.records.end());
  if (!data.empty()) w.records.push_back({name, type, data});
}

std::vector<Finding> live_findings(DnsWorld& w, Session& s) {
  w.run(s);
  REQUIRE(s.done());
  MailModel model(s);
  return run_rules(model);
}

}  // namespace

TEST_CASE("auth rules: a healthy domain is quiet, offline and live") {
  CHECK(auth_summary(offline_findings(healthy_zone())) == "");
  DnsWorld w = healthy_world();
  Session s("club.test", SessionOptions{});
  CHECK(auth_summary(live_findings(w, s)) == "");
  // Zone and live together: still quiet.
  DnsWorld w2 = healthy_world();
  Session s2("", SessionOptions{}, {zone_from(healthy_zone())});
  CHECK(auth_summary(live_findings(w2, s2)) == "");
}

TEST_CASE("auth rules: spf-missing fires only for a domain that receives mail") {
  std::string no_spf = healthy_with("@ IN TXT", "@ IN TXT \"google-site-verification=abc\"\n");
  auto fs = offline_findings(no_spf);
  CHECK(auth_summary(fs) == "spf-missing info club.test.\n");
  const Finding* f = finding(fs, "spf-missing");
  REQUIRE(f);
  CHECK(evidence_codes(*f) == "mx no-record");
  CHECK(param(f->evidence[0], "to") == "mail.club.test.");
  CHECK(param(f->evidence[0], "line") == "6");
  CHECK(param(f->evidence[1], "kind") == "SPF");

  // A null MX (RFC 7505): the domain takes no mail, nothing to say.
  std::string null_mx = healthy_with("@ IN MX", "@ IN MX 0 .\n");
  null_mx = null_mx.substr(0, null_mx.find("\n@ IN TXT") + 1) +
            null_mx.substr(null_mx.find('\n', null_mx.find("\n@ IN TXT") + 1) + 1);
  CHECK(auth_summary(offline_findings(null_mx)).find("spf-missing") == std::string::npos);
  CHECK(auth_summary(offline_findings(null_mx)).find("dmarc-missing") == std::string::npos);

  // Live: the apex TXT answered without SPF fires; a failed TXT answer is unknown, not "none".
  DnsWorld w = healthy_world();
  set_record(w, "club.test.", "TXT", "\"v=other\"");
  Session s("club.test", SessionOptions{});
  auto live = live_findings(w, s);
  REQUIRE(finding(live, "spf-missing"));
  CHECK(param(finding(live, "spf-missing")->evidence[1], "source") == "live");

  DnsWorld w2 = healthy_world();
  set_record(w2, "club.test.", "TXT", "");
  w2.failures["club.test. TXT"] = "timeout";
  Session s2("club.test", SessionOptions{});
  CHECK(auth_summary(live_findings(w2, s2)) == "");
}

TEST_CASE("auth rules: spf-invalid for what receivers answer with permerror") {
  SUBCASE("two SPF records") {
    auto fs = offline_findings(healthy_zone() + "@ IN TXT \"v=spf1 -all\"\n");
    CHECK(auth_summary(fs) == "spf-invalid warning club.test.\n");
    CHECK(evidence_codes(*finding(fs, "spf-invalid")) == "txt-record txt-record record-problem:spf-multiple-records");
  }
  SUBCASE("a grammar error") {
    auto fs = offline_findings(healthy_with("@ IN TXT", "@ IN TXT \"v=spf1 ip4:203.0.113.300 -all\"\n"));
    CHECK(auth_summary(fs) == "spf-invalid warning club.test.\n");
    const Finding* f = finding(fs, "spf-invalid");
    CHECK(evidence_codes(*f) == "txt-record record-problem:spf-bad-ip4");
    CHECK(param(f->evidence[0], "line") == "7");
    CHECK(param(f->evidence[1], "term") == "203.0.113.300");
  }
  SUBCASE("an include of a name without SPF, and a loop") {
    auto fs = offline_findings(
        healthy_with("@ IN TXT", "@ IN TXT \"v=spf1 include:a.club.test include:b.club.test -all\"\n") +
        "a IN TXT \"not spf\"\n"
        "b IN TXT \"v=spf1 include:club.test -all\"\n");
    CHECK(auth_summary(fs) == "spf-invalid warning club.test.\n");
    const Finding* f = finding(fs, "spf-invalid");
    CHECK(evidence_codes(*f) == "spf-target-no-record spf-loop");
    CHECK(param(f->evidence[0], "name") == "a.club.test.");
    CHECK(param(f->evidence[0], "term") == "include:a.club.test");
    CHECK(param(f->evidence[1], "chain") == "club.test. → b.club.test. → club.test.");
  }
  SUBCASE("more than 10 lookups over the evaluation, includes counted in") {
    auto fs = offline_findings(
        healthy_with("@ IN TXT", "@ IN TXT \"v=spf1 a mx include:s1.club.test include:s2.club.test -all\"\n") +
        "s1 IN TXT \"v=spf1 a:mail.club.test mx:club.test a:club.test include:s2.club.test -all\"\n"
        "s2 IN TXT \"v=spf1 mx:club.test a:mail.club.test mx:club.test ~all\"\n");
    // 4 + (4 + 3) + 3 = 14
    const Finding* f = finding(fs, "spf-invalid");
    REQUIRE(f);
    REQUIRE(evidence_codes(*f) == "spf-lookups");
    CHECK(param(f->evidence[0], "count") == "14");
    CHECK(param(f->evidence[0], "terms").find("s1.club.test. include:s2.club.test") != std::string::npos);
  }
  SUBCASE("more than 2 void lookups") {
    auto fs = offline_findings(
        healthy_with("@ IN TXT", "@ IN TXT \"v=spf1 a:x1.club.test a:x2.club.test mx:x3.club.test mx -all\"\n"));
    const Finding* f = finding(fs, "spf-invalid");
    REQUIRE(f);
    REQUIRE(evidence_codes(*f) == "spf-void-lookups");
    CHECK(param(f->evidence[0], "count") == "3");
    // Two are allowed.
    CHECK_FALSE(finding(
        offline_findings(healthy_with("@ IN TXT", "@ IN TXT \"v=spf1 a:x1.club.test mx:x3.club.test mx -all\"\n")),
        "spf-invalid"));
  }
  SUBCASE("live: an include whose target answered without SPF; one that failed says nothing") {
    DnsWorld w = healthy_world();
    set_record(w, "club.test.", "TXT", "\"v=spf1 include:_spf.mailhost.test -all\"");
    w.records.push_back({"_spf.mailhost.test.", "TXT", "\"hello\""});
    Session s("club.test", SessionOptions{});
    auto fs = live_findings(w, s);
    CHECK(auth_summary(fs) == "spf-invalid warning club.test.\n");
    CHECK(evidence_codes(*finding(fs, "spf-invalid")) == "spf-target-no-record");

    DnsWorld w2 = healthy_world();
    set_record(w2, "club.test.", "TXT", "\"v=spf1 include:_spf.mailhost.test -all\"");
    w2.failures["_spf.mailhost.test. TXT"] = "timeout";
    Session s2("club.test", SessionOptions{});
    CHECK(auth_summary(live_findings(w2, s2)) == "");
  }
}

TEST_CASE("auth rules: spf-pass-all and spf-advice") {
  auto fs = offline_findings(healthy_with("@ IN TXT", "@ IN TXT \"v=spf1 mx ptr +all\"\n"));
  CHECK(auth_summary(fs) == "spf-advice info club.test.\nspf-pass-all warning club.test.\n");
  CHECK(evidence_codes(*finding(fs, "spf-pass-all")) == "txt-record record-problem:spf-pass-all");
  CHECK(param(finding(fs, "spf-pass-all")->evidence[1], "term") == "+all");
  CHECK(evidence_codes(*finding(fs, "spf-advice")) == "txt-record record-problem:spf-ptr");

  // An include of a record ending in +all passes everyone too; ~all and -all do not.
  auto inc = offline_findings(healthy_with("@ IN TXT", "@ IN TXT \"v=spf1 include:open.club.test -all\"\n") +
                              "open IN TXT \"v=spf1 all\"\n");
  CHECK(auth_summary(inc) == "spf-pass-all warning club.test.\n");
  CHECK(param(finding(inc, "spf-pass-all")->evidence[1], "name") == "open.club.test.");
  // ...unless the include itself is not a pass (?include: gives neutral).
  CHECK(auth_summary(offline_findings(healthy_with("@ IN TXT", "@ IN TXT \"v=spf1 ?include:open.club.test -all\"\n") +
                                      "open IN TXT \"v=spf1 all\"\n")) == "");
  CHECK(auth_summary(offline_findings(healthy_with("@ IN TXT", "@ IN TXT \"v=spf1 mx ~all\"\n"))) == "");
  // No all: advice only.
  CHECK(auth_summary(offline_findings(healthy_with("@ IN TXT", "@ IN TXT \"v=spf1 mx\"\n"))) ==
        "spf-advice info club.test.\n");
}

TEST_CASE("auth rules: DMARC missing, invalid, advice") {
  auto missing = offline_findings(healthy_with("_dmarc IN TXT", "_dmarc IN TXT \"hello\"\n"));
  CHECK(auth_summary(missing) == "dmarc-missing info club.test.\n");
  CHECK(evidence_codes(*finding(missing, "dmarc-missing")) == "mx no-record");
  CHECK(param(finding(missing, "dmarc-missing")->evidence[1], "name") == "_dmarc.club.test.");

  auto bad =
      offline_findings(healthy_with("_dmarc IN TXT", "_dmarc IN TXT \"v=DMARC1; p=block; rua=mailto:d@club.test\"\n"));
  CHECK(auth_summary(bad) == "dmarc-invalid warning _dmarc.club.test.\n");
  CHECK(evidence_codes(*finding(bad, "dmarc-invalid")) == "txt-record record-problem:dmarc-bad-p");

  // A lower-case version is discarded by receivers: invalid, not missing.
  auto version = offline_findings(healthy_with("_dmarc IN TXT", "_dmarc IN TXT \"v=dmarc1; p=reject\"\n"));
  CHECK(auth_summary(version) == "dmarc-invalid warning _dmarc.club.test.\n");

  auto two = offline_findings(healthy_zone() + "_dmarc IN TXT \"v=DMARC1; p=none\"\n");
  CHECK(evidence_codes(*finding(two, "dmarc-invalid")) ==
        "txt-record txt-record record-problem:dmarc-multiple-records");

  auto none = offline_findings(healthy_with("_dmarc IN TXT", "_dmarc IN TXT \"v=DMARC1; p=none\"\n"));
  CHECK(auth_summary(none) == "dmarc-advice info _dmarc.club.test.\n");
  CHECK(evidence_codes(*finding(none, "dmarc-advice")) ==
        "txt-record record-problem:dmarc-p-none record-problem:dmarc-no-rua");

  // _dmarc delegated by CNAME out of the zone, offline: unknown, so nothing.
  CHECK(auth_summary(offline_findings(healthy_with("_dmarc IN TXT", "_dmarc IN CNAME _dmarc.provider.test.\n"))) == "");
  // Live, through the CNAME: read at its end.
  DnsWorld w = healthy_world();
  set_record(w, "_dmarc.club.test.", "TXT", "");
  w.records.push_back({"_dmarc.club.test.", "CNAME", "club.dmarc.provider.test."});
  w.records.push_back(
      {"club.dmarc.provider.test.", "TXT", "\"v=DMARC1; p=quarantine; pct=50; rua=mailto:r@provider.test\""});
  Session s("club.test", SessionOptions{});
  auto live = live_findings(w, s);
  CHECK(auth_summary(live) == "dmarc-advice info _dmarc.club.test.\n");
  // RFC 9989 removed pct: a warning that says so, no longer a partial policy.
  CHECK(evidence_codes(*finding(live, "dmarc-advice")) == "txt-record record-problem:dmarc-removed-tag");
}

TEST_CASE("auth rules: DMARC policy discovered by the RFC 9989 tree walk, live") {
  // No record of its own; a public suffix's record (psd=y) above it applies.
  DnsWorld w = healthy_world();
  set_record(w, "_dmarc.club.test.", "TXT", "");
  w.records.push_back({"_dmarc.test.", "TXT", "\"v=DMARC1; p=reject; psd=y; rua=mailto:psd@registry.test\""});
  Session s("club.test", SessionOptions{});
  auto inherited = live_findings(w, s);
  CHECK(auth_summary(inherited) == "dmarc-advice info _dmarc.test.\n");
  const Finding* f = finding(inherited, "dmarc-advice");
  CHECK(evidence_codes(*f) == "txt-record record-problem:dmarc-inherited");
  CHECK(param(f->evidence[0], "name") == "_dmarc.test.");  // where it was found

  // Nothing anywhere: missing.
  DnsWorld bare = healthy_world();
  set_record(bare, "_dmarc.club.test.", "TXT", "");
  Session b("club.test", SessionOptions{});
  CHECK(auth_summary(live_findings(bare, b)) == "dmarc-missing info club.test.\n");

  // The record found above is broken: reported at its own name.
  DnsWorld broken = healthy_world();
  set_record(broken, "_dmarc.club.test.", "TXT", "");
  broken.records.push_back({"_dmarc.test.", "TXT", "\"v=DMARC1; p=deny; psd=y; rua=mailto:psd@registry.test\""});
  Session k("club.test", SessionOptions{});
  auto bad = live_findings(broken, k);
  CHECK(auth_summary(bad) == "dmarc-advice info _dmarc.test.\ndmarc-invalid warning _dmarc.test.\n");
}

TEST_CASE("auth rules: a name below the domain with its own MX gets its DMARC policy checked") {
  // news has an MX; the apex's record covers it by the walk: nothing to say
  // of DMARC (its own missing SPF is the SPF checks' to say).
  const std::string spf = "spf-missing info news.club.test.\n";
  CHECK(auth_summary(offline_findings(healthy_zone() + "news IN MX 10 mail.club.test.\n")) == spf);
  // Its own record, broken: reported at its name.
  CHECK(auth_summary(offline_findings(healthy_zone() + "news IN MX 10 mail.club.test.\n" +
                                      "_dmarc.news IN TXT \"v=DMARC1; p=maybe; rua=mailto:d@club.test\"\n")) ==
        "dmarc-invalid warning _dmarc.news.club.test.\n" + spf);
}

TEST_CASE("auth rules: a DMARC record at a name receivers never read") {
  // At the apex, beside SPF, with no _dmarc record: moved.
  auto apex =
      offline_findings(healthy_with("_dmarc IN TXT", "@ IN TXT \"v=DMARC1; p=reject; rua=mailto:d@club.test\"\n"));
  CHECK(auth_summary(apex) == "dmarc-missing info club.test.\ndmarc-wrong-name warning club.test.\n");
  const Finding* f = finding(apex, "dmarc-wrong-name");
  CHECK(evidence_codes(*f) == "txt-record");
  CHECK(param(f->evidence[0], "line") == "10");  // the file's line of the record
  REQUIRE(f->edits.size() == 2);
  CHECK(f->edits[0].op == ZoneEdit::Op::add);
  CHECK(name_text(f->edits[0].owner.view()) == "_dmarc.club.test.");
  CHECK(f->edits[0].rdata == "\"v=DMARC1; p=reject; rua=mailto:d@club.test\"");
  CHECK(f->edits[1].op == ZoneEdit::Op::remove);
  CHECK(f->edits[1].has_record);
  CHECK(f->edits[1].line == 10);
  // A typo of the name, with the real record in place: only removed, and info.
  auto typo = offline_findings(healthy_zone() + "dmarc IN TXT \"v=DMARC1; p=none\"\n");
  CHECK(auth_summary(typo) == "dmarc-wrong-name info dmarc.club.test.\n");
  REQUIRE(finding(typo, "dmarc-wrong-name")->edits.size() == 1);
  CHECK(finding(typo, "dmarc-wrong-name")->edits[0].op == ZoneEdit::Op::remove);
  // The end of a _dmarc CNAME is the right place.
  CHECK(auth_summary(offline_findings(healthy_with("_dmarc IN TXT", "_dmarc IN CNAME policy.club.test.\n") +
                                      "policy IN TXT \"v=DMARC1; p=reject; rua=mailto:d@club.test\"\n")) == "");
  // An external report authorisation ("<domain>._report._dmarc.<name>",
  // RFC 7489 §7.1, seen in a real PowerDNS test zone) is in its right place.
  CHECK(auth_summary(offline_findings(healthy_zone() + "example.net._report._dmarc IN TXT \"v=DMARC1\"\n")) == "");
  // Live, at the apex.
  DnsWorld w = healthy_world();
  w.records.push_back({"club.test.", "TXT", "\"v=DMARC1; p=reject\""});
  Session s("club.test", SessionOptions{});
  auto live = live_findings(w, s);
  CHECK(auth_summary(live) == "dmarc-wrong-name info club.test.\n");
  REQUIRE(finding(live, "dmarc-wrong-name")->edits.size() == 1);
  CHECK(finding(live, "dmarc-wrong-name")->edits[0].live);
}

TEST_CASE("auth rules: DKIM keys from the zone's selectors and the session's") {
  auto fs = offline_findings(healthy_zone() + "s2._domainkey IN TXT \"v=DKIM1; p=MIIB!!\"\n");
  CHECK(auth_summary(fs) == "dkim-invalid warning s2._domainkey.club.test.\n");
  CHECK(evidence_codes(*finding(fs, "dkim-invalid")) == "txt-record record-problem:dkim-bad-base64");

  auto testing =
      offline_findings(healthy_zone() + "s3._domainkey IN TXT \"v=DKIM1; t=y; p=" + kKeyA + "\" \"" + kKeyB + "\"\n");
  CHECK(auth_summary(testing) == "dkim-advice info s3._domainkey.club.test.\n");
  CHECK(evidence_codes(*finding(testing, "dkim-advice")) == "txt-record record-problem:dkim-testing");

  auto two = offline_findings(healthy_zone() + "default._domainkey IN TXT \"v=DKIM1; p=\"\n");
  CHECK(evidence_codes(*finding(two, "dkim-invalid")) == "txt-record txt-record record-problem:dkim-multiple-records");

  // Live: a guessed selector answered by a wildcard TXT that is no key is not
  // a DKIM record; a revoked key at a guessed selector is advice.
  DnsWorld w = healthy_world();
  w.records.push_back({"*.club.test.", "TXT", "\"v=spf1 -all\""});
  w.records.push_back({"google._domainkey.club.test.", "TXT", "\"v=DKIM1; p=\""});
  Session s("club.test", SessionOptions{});
  auto live = live_findings(w, s);
  CHECK(auth_summary(live) == "dkim-advice info google._domainkey.club.test.\n");
  CHECK(evidence_codes(*finding(live, "dkim-advice")) == "txt-record record-problem:dkim-revoked");
}

TEST_CASE("auth rules: no DKIM advice on the revoked key of a domain locked down against mail") {
  // gov.uk's lock-down for a domain that sends no mail (tests/real/cfimport-no-email-domain-protection.txt):
  // null MX, "v=spf1 -all", DMARC p=reject and an empty wildcard DKIM key. The empty key is the advice.
  const std::string locked =
      "$ORIGIN club.test.\n$TTL 300\n"
      "@ IN SOA ns1.club.test. hostmaster.club.test. 1 7200 3600 1209600 300\n"
      "@ IN NS ns1.club.test.\n"
      "@ IN MX 0 .\n"
      "@ IN TXT \"v=spf1 -all\"\n"
      "_dmarc IN TXT \"v=DMARC1;p=reject;sp=reject;adkim=s;aspf=s;rua=mailto:dmarc@club.test\"\n"
      "*._domainkey IN TXT \"v=DKIM1; p=\"\n";
  CHECK(auth_summary(offline_findings(locked)) == "");
  // Any part of the lock-down missing, and the revoked key is worth saying again.
  auto replace = [&](const std::string& from, const std::string& to) {
    std::string z = locked;
    z.replace(z.find(from), from.size(), to);
    return z;
  };
  const std::string revoked = "dkim-advice info *._domainkey.club.test.\n";
  CHECK(auth_summary(offline_findings(replace("v=spf1 -all", "v=spf1 ~all"))) == revoked);
  CHECK(auth_summary(offline_findings(replace("p=reject;", "p=quarantine;"))) == revoked);
  CHECK(auth_summary(offline_findings(replace("v=spf1 -all", "v=spf1 ip4:192.0.2.1 -all"))) == revoked);
  // A problem other than revocation is still said on a locked-down domain.
  auto testing =
      offline_findings(locked + "s1._domainkey IN TXT \"v=DKIM1; t=y; p=" + kKeyA + "\" \"" + kKeyB + "\"\n");
  CHECK(auth_summary(testing) == "dkim-advice info s1._domainkey.club.test.\n");
  // Live: the same lock-down, answered by the resolver.
  DnsWorld w;
  w.records.push_back({"club.test.", "MX", "0 ."});
  w.records.push_back({"club.test.", "TXT", "\"v=spf1 -all\""});
  w.records.push_back({"_dmarc.club.test.", "TXT", "\"v=DMARC1; p=reject; rua=mailto:dmarc@club.test\""});
  w.records.push_back({"google._domainkey.club.test.", "TXT", "\"v=DKIM1; p=\""});
  Session s("club.test", SessionOptions{});
  CHECK(auth_summary(live_findings(w, s)).find("dkim-advice") == std::string::npos);
}

TEST_CASE("auth rules: mta-sts-invalid") {
  auto bad_id = offline_findings(healthy_with("_mta-sts IN TXT", "_mta-sts IN TXT \"v=STSv1; id=2024-01-01\"\n"));
  CHECK(auth_summary(bad_id) == "mta-sts-invalid warning _mta-sts.club.test.\n");
  CHECK(evidence_codes(*finding(bad_id, "mta-sts-invalid")) == "txt-record record-problem:mta-sts-bad-id");

  auto no_id = offline_findings(healthy_with("_mta-sts IN TXT", "_mta-sts IN TXT \"v=STSv1;\"\n"));
  CHECK(evidence_codes(*finding(no_id, "mta-sts-invalid")) == "txt-record record-problem:mta-sts-no-id");

  auto version = offline_findings(healthy_with("_mta-sts IN TXT", "_mta-sts IN TXT \"v=stsv1; id=1\"\n"));
  CHECK(evidence_codes(*finding(version, "mta-sts-invalid")) == "txt-record record-problem:mta-sts-bad-version");

  auto no_host = offline_findings(healthy_with("mta-sts IN A", "www IN A 203.0.113.10\n"));
  CHECK(auth_summary(no_host) == "mta-sts-invalid warning _mta-sts.club.test.\n");
  CHECK(evidence_codes(*finding(no_host, "mta-sts-invalid")) == "txt-record record-problem:mta-sts-no-host no-address");

  // Extension fields with "-" or "." in their names are allowed (RFC 8461 §3.1).
  CHECK(auth_summary(offline_findings(
            healthy_with("_mta-sts IN TXT", "_mta-sts IN TXT \"v=STSv1; id=abc123; x-ext.1=yes\"\n"))) == "");

  // Live: the session asks mta-sts.<domain> once the TXT announces a policy.
  DnsWorld w = healthy_world();
  set_record(w, "mta-sts.club.test.", "A", "");
  Session s("club.test", SessionOptions{});
  auto live = live_findings(w, s);
  CHECK(auth_summary(live) == "mta-sts-invalid warning _mta-sts.club.test.\n");
  // ...and when that question fails, nothing is said about the host.
  DnsWorld w2 = healthy_world();
  w2.failures["mta-sts.club.test. A"] = "timeout";
  w2.failures["mta-sts.club.test. AAAA"] = "timeout";
  Session s2("club.test", SessionOptions{});
  CHECK(auth_summary(live_findings(w2, s2)) == "");
}

TEST_CASE("auth rules: tlsrpt-invalid") {
  auto no_rua = offline_findings(healthy_with("_smtp._tls", "_smtp._tls IN TXT \"v=TLSRPTv1;\"\n"));
  CHECK(auth_summary(no_rua) == "tlsrpt-invalid warning _smtp._tls.club.test.\n");
  CHECK(evidence_codes(*finding(no_rua, "tlsrpt-invalid")) == "txt-record record-problem:tlsrpt-no-rua");

  auto bad_uri = offline_findings(healthy_with("_smtp._tls", "_smtp._tls IN TXT \"v=TLSRPTv1; rua=tls@club.test\"\n"));
  const Finding* f = finding(bad_uri, "tlsrpt-invalid");
  REQUIRE(f);
  CHECK(evidence_codes(*f) == "txt-record record-problem:tlsrpt-bad-uri");
  CHECK(param(f->evidence[1], "term") == "tls@club.test");

  auto two = offline_findings(healthy_zone() + "_smtp._tls IN TXT \"v=TLSRPTv1; rua=mailto:x@club.test\"\n");
  CHECK(evidence_codes(*finding(two, "tlsrpt-invalid")) ==
        "txt-record txt-record record-problem:tlsrpt-multiple-records");
}

TEST_CASE("auth rules: tlsa-proxied") {
  const char* proxied =
      "club.test.\t300\tIN\tSOA\tns1.cloudflare.test. dns.cloudflare.test. 1 10000 2400 604800 3600\n"
      "club.test.\t1\tIN\tA\t203.0.113.10 ; cf_tags=cf-proxied:true\n"
      "mail.club.test.\t1\tIN\tA\t203.0.113.10 ; cf_tags=cf-proxied:true\n"
      "club.test.\t1\tIN\tMX\t10 mail.club.test.\n"
      "club.test.\t1\tIN\tTXT\t\"v=spf1 ip4:203.0.113.10 -all\"\n"
      "_dmarc.club.test.\t1\tIN\tTXT\t\"v=DMARC1; p=reject; rua=mailto:d@club.test\"\n"
      "_25._tcp.mail.club.test.\t1\tIN\tTLSA\t3 1 1 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n";
  auto fs = offline_findings(proxied);
  CHECK(auth_summary(fs) == "tlsa-proxied warning _25._tcp.mail.club.test.\n");
  const Finding* f = finding(fs, "tlsa-proxied");
  REQUIRE(f);
  CHECK(f->names == std::vector<std::string>{"_25._tcp.mail.club.test.", "mail.club.test."});
  CHECK(evidence_codes(*f) == "tlsa-record address proxied-by");
  CHECK(param(f->evidence[0], "port") == "25");
  CHECK(param(f->evidence[0], "line") == "7");
  CHECK(param(f->evidence[2], "provider") == "cloudflare");
  // The same TLSA on a DNS-only mail host: fine (the healthy zone has one).

  // Live: the MX target answers with Cloudflare's address.
  DnsWorld w = healthy_world();
  set_record(w, "mail.club.test.", "A", "104.21.5.7");
  w.records.push_back(
      {"_25._tcp.mail.club.test.", "TLSA", "3 1 1 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"});
  Session s("club.test", SessionOptions{});
  auto live = live_findings(w, s);
  CHECK(auth_summary(live) == "tlsa-proxied warning _25._tcp.mail.club.test.\n");
  CHECK(param(finding(live, "tlsa-proxied")->evidence[0], "source") == "live");
}

TEST_CASE("auth rules: ptr-mismatch, live only") {
  // The PTR is asked only when the person chose so (--ask-ptr): these checks do.
  auto with_ptr = [] {
    SessionOptions o;
    o.ask_ptr = true;
    return o;
  };
  // Not chosen: no PTR asked, no finding.
  DnsWorld unasked = healthy_world();
  set_record(unasked, "10.113.0.203.in-addr.arpa.", "PTR", "");
  Session quiet("club.test", SessionOptions{});
  CHECK(auth_summary(live_findings(unasked, quiet)) == "");

  // Healthy: 203.0.113.10 -> mail.club.test -> 203.0.113.10.
  DnsWorld ok = healthy_world();
  Session s0("club.test", with_ptr());
  CHECK(auth_summary(live_findings(ok, s0)) == "");

  DnsWorld none = healthy_world();
  set_record(none, "10.113.0.203.in-addr.arpa.", "PTR", "");
  Session s1("club.test", with_ptr());
  auto fs = live_findings(none, s1);
  CHECK(auth_summary(fs) == "ptr-mismatch warning 10.113.0.203.in-addr.arpa.\n");
  const Finding* f = finding(fs, "ptr-mismatch");
  REQUIRE(f);
  CHECK(f->names == std::vector<std::string>{"10.113.0.203.in-addr.arpa.", "mail.club.test."});
  CHECK(evidence_codes(*f) == "address ptr-missing");

  DnsWorld other = healthy_world();
  set_record(other, "10.113.0.203.in-addr.arpa.", "PTR", "host-10.isp.test.");
  other.records.push_back({"host-10.isp.test.", "A", "198.51.100.7"});
  Session s2("club.test", with_ptr());
  auto fs2 = live_findings(other, s2);
  const Finding* g = finding(fs2, "ptr-mismatch");
  REQUIRE(g);
  CHECK(evidence_codes(*g) == "address ptr-record ptr-forward-mismatch");
  CHECK(param(g->evidence[2], "addresses") == "198.51.100.7");

  // The forward question failed: unknown, no finding.
  DnsWorld failed = healthy_world();
  set_record(failed, "10.113.0.203.in-addr.arpa.", "PTR", "host-10.isp.test.");
  failed.failures["host-10.isp.test. A"] = "timeout";
  Session s3("club.test", with_ptr());
  CHECK(auth_summary(live_findings(failed, s3)) == "");
  // The PTR question failed: the same.
  DnsWorld ptr_failed = healthy_world();
  ptr_failed.failures["10.113.0.203.in-addr.arpa. PTR"] = "timeout";
  Session s4("club.test", with_ptr());
  CHECK(auth_summary(live_findings(ptr_failed, s4)) == "");

  // Offline: never.
  CHECK(auth_summary(offline_findings(healthy_zone())).find("ptr-mismatch") == std::string::npos);
}

TEST_CASE("auth rules: the catalogue lists each rule once, with its severity and evidence") {
  for (const std::string& id : kAuthRules) {
    const RuleInfo* r = find_rule(id);
    REQUIRE_MESSAGE(r, id);
    CHECK_FALSE(r->source.empty());
    CHECK_FALSE(r->evidence.empty());
  }
  CHECK(find_rule("spf-missing")->severity == FindingSeverity::info);
  CHECK(find_rule("spf-invalid")->severity == FindingSeverity::warning);
  CHECK(find_rule("tlsa-proxied")->severity == FindingSeverity::warning);
}

TEST_CASE("auth rules: names under _domainkey that cannot be selectors are not keys") {
  // ADSP (RFC 5617, historic) lives at _adsp._domainkey; it is no DKIM key.
  CHECK(auth_summary(offline_findings(healthy_zone() + "_adsp._domainkey IN TXT \"dkim=all\"\n")) == "");
}

TEST_CASE("auth rules: a problem's term is whole characters (an EN DASH for a hyphen, as a real zone has)") {
  auto fs = offline_findings(healthy_with("@ IN TXT \"v=spf1",
                                          "@ IN TXT \"v=spf1 mx ip4:192.0.2.10 \xE2\x80\x93"
                                          "all\"\n"));
  const Finding* f = finding(fs, "spf-invalid");
  REQUIRE(f);
  bool seen = false;
  for (const EvidenceStep& e : f->evidence)
    if (e.code == "record-problem") {
      const std::string term = param(e, "term");
      CHECK(term.find("\xE2\x80\x93") != std::string::npos);
      seen = true;
    }
  CHECK(seen);
}

TEST_CASE(
    "auth rules: a policy kept only as the SPF record type (99) is named in spf-missing, as a real NSD zone has") {
  auto fs = offline_findings(healthy_with("@ IN TXT \"v=spf1", "@ IN SPF \"v=spf1 mx -all\"\n"));
  const Finding* f = finding(fs, "spf-missing");
  REQUIRE(f);
  CHECK(evidence_codes(*f) == "mx no-record spf-type-record");
  CHECK(param(f->evidence.back(), "text") == "v=spf1 mx -all");
}

TEST_CASE("auth rules: live, the MX and SPF of the zone's mail subdomains are asked and checked") {
  // The zone names news.club.test as a mail domain (its MX and SPF); live DNS serves it otherwise:
  // no SPF record, and an MX whose target has no address.
  const std::string zone = healthy_zone() +
                           "news IN MX 10 mx.news.club.test.\n"
                           "news IN TXT \"v=spf1 mx -all\"\n"
                           "mx.news IN A 203.0.113.20\n";
  CHECK(auth_summary(offline_findings(zone)) == "");
  DnsWorld w = healthy_world();
  w.records.push_back({"news.club.test.", "MX", "10 gone.news.club.test."});
  w.records.push_back({"news.club.test.", "A", "203.0.113.20"});
  Session s("club.test", SessionOptions{}, {zone_from(zone)});
  auto live = live_findings(w, s);
  // Asked: the subdomain's MX and TXT, and the address of the MX target live DNS gave.
  auto asked = [&](const std::string& q) { return std::find(w.asked.begin(), w.asked.end(), q) != w.asked.end(); };
  CHECK(asked("news.club.test. MX"));
  CHECK(asked("news.club.test. TXT"));
  CHECK(asked("gone.news.club.test. A"));
  // The same rules on the answers: live, news has an MX and no SPF; its live MX target has no address.
  const Finding* spf = finding(live, "spf-missing");
  REQUIRE(spf);
  CHECK(spf->names.front() == "news.club.test.");
  bool target = false;
  for (const Finding& f : run_rules(MailModel(s)))
    if (std::string(f.rule) == "mx-target-missing" && f.names.front() == "gone.news.club.test.") {
      target = true;
      bool from_news = false;
      for (const EvidenceStep& e : f.evidence)
        for (const auto& [k, v] : e.params)
          if (e.code == "mx-of" && k == "from" && v == "news.club.test.") from_news = true;
      CHECK(from_news);
    }
  CHECK(target);
}

TEST_CASE("auth rules: live, mail subdomains asked are bounded") {
  std::string zone = healthy_zone();
  for (int i = 0; i < 40; ++i) zone += "n" + std::to_string(i) + " IN MX 10 mail.club.test.\n";
  DnsWorld w = healthy_world();
  Session s("club.test", SessionOptions{}, {zone_from(zone)});
  w.run(s);
  int mx = 0;
  for (const std::string& q : w.asked)
    if (q.size() > 3 && q.compare(q.size() - 3, 3, " MX") == 0 && q[0] == 'n' &&
        q.find(".club.test.") != std::string::npos)
      ++mx;
  CHECK(mx == 32);  // Session::kMaxMailNames
}
