// The verdict: broken, at risk, fine or could not tell. "Fine" only when
// everything the rules needed was read and answered; a property over every
// scenario with random subsets of its answers turned into failures.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "replay.h"
#include "report/analysis.h"
#include "report/verdict.h"
#include "rules/finding.h"
#include "zone/parser.h"

using namespace mxray;
namespace fs = std::filesystem;

namespace {

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Scenario {
  std::string name;
  std::string domain;
  std::vector<std::shared_ptr<const Zone>> zones;
  nlohmann::json answers;  // null when the scenario has no recording
};

std::vector<Scenario> scenarios() {
  const fs::path root = fs::path(MXRAY_SOURCE_DIR) / "tests" / "scenarios";
  std::vector<Scenario> out;
  for (const auto& e : fs::directory_iterator(root)) {
    if (!e.is_directory() || !fs::exists(e.path() / "scenario.json")) continue;
    const nlohmann::json sc = test::read_json_file((e.path() / "scenario.json").string());
    Scenario s{e.path().filename().string(), sc.value("domain", ""), {}, nullptr};
    for (const auto& z : sc.value("zones", nlohmann::json::array()))
      s.zones.push_back(
          std::make_shared<Zone>(parse_zone(read_text(e.path() / z.get<std::string>()), z.get<std::string>(), {})));
    if (fs::exists(e.path() / "answers.json")) s.answers = test::read_json_file((e.path() / "answers.json").string());
    out.push_back(std::move(s));
  }
  std::sort(out.begin(), out.end(), [](const Scenario& a, const Scenario& b) { return a.name < b.name; });
  return out;
}

// Replays the recording, but answers a question with a failure when `fail`
// says so (and every question the recording lacks).
template <typename Fail>
void replay_failing(Session& s, const nlohmann::json& recording, Fail fail) {
  const nlohmann::json& answers = recording["answers"];
  for (int i = 0; i < 64 && !s.done(); ++i) {
    auto round = s.pending();
    if (round.empty()) break;
    for (const PendingQuestion& p : round) {
      const std::string key = test::replay_key(*p.question);
      auto it = answers.find(key);
      if (it == answers.end() || fail(key) || !(it->contains("wire") || it->contains("json"))) {
        s.feed_failure(p.id, FailureKind::timeout, "no answer");
      } else if (it->contains("wire")) {
        s.feed_wire(p.id, test::from_hex((*it)["wire"].get<std::string>()));
      } else {
        s.feed_json(p.id, (*it)["json"].get<std::string>());
      }
    }
  }
}

bool any_unknown(const FactStore& facts) {
  return std::any_of(facts.facts().begin(), facts.facts().end(),
                     [](const Fact& f) { return f.state != FactState::answered; });
}

bool has_severity(const Analysis& a, FindingSeverity sev) {
  return std::any_of(a.findings().begin(), a.findings().end(), [&](const Finding& f) { return f.severity == sev; });
}

// The verdict's promises, whatever the inputs.
void check_promises(const Analysis& a, const Verdict& v) {
  const bool critical = has_severity(a, FindingSeverity::critical);
  const bool warning = has_severity(a, FindingSeverity::warning);
  CHECK((v.state == VerdictState::broken) == critical);
  CHECK((v.state == VerdictState::at_risk) == (!critical && warning));
  if (any_unknown(a.facts())) {
    CHECK(v.state != VerdictState::fine);
    CHECK(!v.unknown_facts.empty());
  }
  if (v.state == VerdictState::fine) CHECK(v.blind.empty());
  if (v.state == VerdictState::could_not_tell) CHECK(!v.blind.empty());
}

}  // namespace

TEST_CASE("verdict: every scenario, offline, live and both, keeps its promises") {
  size_t runs = 0, fine = 0;
  for (const Scenario& sc : scenarios()) {
    for (int mode = 0; mode < 3; ++mode) {  // offline, live, both
      const bool live = mode > 0, with_zones = mode != 1;
      if ((live && sc.answers.is_null()) || (with_zones && sc.zones.empty())) continue;
      SessionOptions o;
      o.live = live;
      o.ask_ptr = true;  // the recordings asked the PTR of origin addresses (--ask-ptr)
      Session s(sc.domain, o, with_zones ? sc.zones : std::vector<std::shared_ptr<const Zone>>{});
      if (s.error() != SessionError::none) continue;
      if (live) test::replay(s, sc.answers);
      const Analysis a(s, {});
      const Verdict v = verdict_of(a);
      INFO(sc.name << " mode " << mode << ": " << verdict_state_name(v.state));
      check_promises(a, v);
      fine += v.state == VerdictState::fine;
      ++runs;
    }
  }
  MESSAGE(runs << " scenario runs, " << fine << " fine");
  CHECK(runs > 40);
  CHECK(fine > 0);  // the healthy scenarios are said to be fine
}

TEST_CASE("verdict: random answers turned into failures never give fine (property)") {
  size_t runs = 0, unknown_runs = 0;
  for (const Scenario& sc : scenarios()) {
    if (sc.answers.is_null()) continue;
    for (uint32_t seed = 1; seed <= 12; ++seed) {
      std::mt19937 rng(seed * 7919u + uint32_t(sc.name.size()));
      // From a few failures to nearly all: seed 12 fails every question.
      const double share = seed == 12 ? 1.0 : 0.05 * seed;
      std::bernoulli_distribution fails(share);
      for (const bool with_zones : {false, true}) {
        if (with_zones && sc.zones.empty()) continue;
        Session s(sc.domain, {}, with_zones ? sc.zones : std::vector<std::shared_ptr<const Zone>>{});
        if (s.error() != SessionError::none) continue;
        replay_failing(s, sc.answers, [&](const std::string&) { return fails(rng); });
        const Analysis a(s, {});
        const Verdict v = verdict_of(a);
        INFO(sc.name << " seed " << seed << (with_zones ? " both" : " live") << ": " << verdict_state_name(v.state));
        check_promises(a, v);
        unknown_runs += any_unknown(a.facts());
        ++runs;
      }
    }
  }
  MESSAGE(runs << " runs with failures, " << unknown_runs << " with unknown facts");
  CHECK(unknown_runs > runs / 2);
}

TEST_CASE("verdict: a resolver that answers nothing gives could-not-tell for a healthy domain") {
  for (const Scenario& sc : scenarios()) {
    if (sc.name != "cpanel-cloudflare-healthy" || sc.answers.is_null()) continue;
    Session s(sc.domain, {}, {});
    REQUIRE(s.error() == SessionError::none);
    replay_failing(s, sc.answers, [](const std::string&) { return true; });
    const Analysis a(s, {});
    const Verdict v = verdict_of(a);
    CHECK(verdict_state_name(v.state) == "could-not-tell");
    REQUIRE(!v.blind.empty());
    CHECK(v.blind.front() == Blind::unknown_facts);
    const nlohmann::json j = verdict_json(a, v);
    REQUIRE(!j["unknown"].empty());
    CHECK(j["unknown"][0]["reason"]["code"] == "timeout");
    CHECK(!j["unknown"][0]["rests_on"].empty());
    return;
  }
  FAIL("scenario cpanel-cloudflare-healthy with answers.json not found");
}

TEST_CASE("verdict: a zone with no record at or under its apex could not tell") {
  const std::vector<std::shared_ptr<const Zone>> zones = {
      std::make_shared<Zone>(parse_zone("$ORIGIN other.test.\nwww 300 IN A 192.0.2.1\n", "z.txt", [] {
        ParseOptions o;
        o.origin = "club.test.";
        return o;
      }()))};
  SessionOptions o;
  o.live = false;
  Session s("club.test", o, zones);
  REQUIRE(s.error() == SessionError::none);
  const Analysis a(s, {});
  const Verdict v = verdict_of(a);
  CHECK(verdict_state_name(v.state) == "could-not-tell");
  CHECK(std::find(v.blind.begin(), v.blind.end(), Blind::no_records) != v.blind.end());
}

TEST_CASE("verdict: a Cloudflare export without cf_tags cannot say a mail name reaches the server") {
  // The bundled example with its proxy states stripped, as Cloudflare wrote
  // exports before they carried cf_tags: mail. is a CNAME of the apex, whose
  // proxy state is not given, so whether mail reaches the server is unknown.
  std::string text = read_text(fs::path(MXRAY_SOURCE_DIR) / "examples" / "club-cloudflare-export.txt");
  for (size_t at; (at = text.find(" cf_tags=")) != std::string::npos;) {
    const size_t end = text.find_first_of("\r\n", at);
    text.erase(at, end - at);
  }
  REQUIRE(text.find("cf_tags") == std::string::npos);
  auto verdict = [](const std::string& zone_text) {
    const std::vector<std::shared_ptr<const Zone>> zones = {
        std::make_shared<Zone>(parse_zone(zone_text, "export.txt", {}))};
    REQUIRE(zones[0]->format == InputFormat::cloudflare_export);
    SessionOptions o;
    o.live = false;
    Session s("", o, zones);
    const Analysis a(s, {});
    return verdict_of(a);
  };
  const Verdict stripped = verdict(text);
  CHECK(std::find(stripped.blind.begin(), stripped.blind.end(), Blind::proxy_unknown) != stripped.blind.end());
  CHECK(verdict_state_name(stripped.state) != "fine");
  // With its tags, the same export says it: no such blind spot.
  const Verdict tagged = verdict(read_text(fs::path(MXRAY_SOURCE_DIR) / "examples" / "club-cloudflare-export.txt"));
  CHECK(std::find(tagged.blind.begin(), tagged.blind.end(), Blind::proxy_unknown) == tagged.blind.end());
}

TEST_CASE("verdict: two Cloudflare zones of one domain, offline, could not tell which is served") {
  // The club's export, and the same export as mxray's fix leaves it: alone,
  // the fixed one is fine; given after the broken one, nothing says which of
  // the two Cloudflare serves, so the verdict may not be fine.
  const std::string broken = read_text(fs::path(MXRAY_SOURCE_DIR) / "examples" / "club-cloudflare-export.txt");
  std::string fixed = broken;
  auto replace = [&](const std::string& from, const std::string& to) {
    const size_t at = fixed.find(from);
    REQUIRE(at != std::string::npos);
    fixed.replace(at, from.size(), to);
  };
  replace("webdisk.club.example.\t1\tIN\tA\t203.0.113.25 ; cf_tags=cf-proxied:true",
          "webdisk.club.example.\t1\tIN\tA\t203.0.113.25 ; cf_tags=cf-proxied:false");
  replace("mail.club.example.\t1\tIN\tCNAME\tclub.example. ; migrated from cPanel cf_tags=cf-proxied:false",
          "mail.club.example.\t1\tIN\tA\t203.0.113.25 ; cf_tags=cf-proxied:false");
  replace("club.example.\t1\tIN\tMX\t0 club.example.", "club.example.\t1\tIN\tMX\t0 mail.club.example.");
  auto verdict = [](const std::vector<std::string>& texts) {
    std::vector<std::shared_ptr<const Zone>> zones;
    for (const std::string& t : texts) zones.push_back(std::make_shared<Zone>(parse_zone(t, "export.txt", {})));
    SessionOptions o;
    o.live = false;
    Session s("", o, zones);
    const Analysis a(s, {});
    return verdict_of(a);
  };
  const auto has = [](const Verdict& v) {
    return std::find(v.blind.begin(), v.blind.end(), Blind::several_proxy_zones) != v.blind.end();
  };
  const Verdict alone = verdict({fixed});
  CHECK(verdict_state_name(alone.state) == "fine");
  CHECK_FALSE(has(alone));
  const Verdict both = verdict({broken, fixed});
  CHECK(has(both));
  CHECK(verdict_state_name(both.state) == "could-not-tell");
  // The broken one read last: broken, whichever else was given.
  CHECK(verdict_state_name(verdict({fixed, broken}).state) == "broken");
}

TEST_CASE("verdict: a live check that did not ask the PTR of an origin address names it, and keeps its state") {
  const std::string dir = std::string(MXRAY_SOURCE_DIR) + "/tests/scenarios/origin-no-ptr/";
  const nlohmann::json answers = test::read_json_file(dir + "answers.json");
  auto run = [&](bool ask_ptr) {
    SessionOptions o;
    o.ask_ptr = ask_ptr;
    auto s = std::make_unique<Session>("noptr.test", o);
    test::replay(*s, answers);
    return s;
  };
  // Without --ask-ptr: no PTR asked, ptr-mismatch does not run, and the report says which addresses.
  auto quiet = run(false);
  const Analysis qa(*quiet, {});
  const Verdict qv = verdict_of(qa);
  CHECK(std::find(qv.ptr_not_asked.begin(), qv.ptr_not_asked.end(), "203.0.113.170") != qv.ptr_not_asked.end());
  CHECK(std::none_of(qa.findings().begin(), qa.findings().end(),
                     [](const Finding& f) { return f.rule == "ptr-mismatch"; }));
  // Not a blind spot: the state is what the findings and the blind spots say.
  CHECK(std::find(qv.blind.begin(), qv.blind.end(), Blind::unknown_facts) == qv.blind.end());
  const nlohmann::json j = verdict_json(qa, qv);
  REQUIRE(j["not_asked"].is_array());
  CHECK(j["not_asked"][0]["what"] == "ptr");
  // With --ask-ptr: every origin address had its PTR asked, so nothing is listed.
  auto asked = run(true);
  const Analysis aa(*asked, {});
  CHECK(verdict_of(aa).ptr_not_asked.empty());
}

namespace {

// Answers every question as a resolver would for a domain that does not
// exist under an existing parent: NXDOMAIN for names at or under `missing`,
// NOERROR without records (NODATA) elsewhere, always with the parent's SOA.
void answer_all_missing(Session& s, std::string_view missing) {
  for (int i = 0; i < 64 && !s.done(); ++i) {
    auto round = s.pending();
    if (round.empty()) break;
    for (const PendingQuestion& p : round) {
      const std::string name = name_text(p.question->name.view());
      const bool under =
          name.size() >= missing.size() && name.compare(name.size() - missing.size(), missing.size(), missing) == 0;
      const nlohmann::json answer = {
          {"Status", under ? 3 : 0},
          {"TC", false},
          {"RD", true},
          {"RA", true},
          {"AD", false},
          {"CD", false},
          {"Question", {{{"name", name}, {"type", p.question->type}}}},
          {"Authority",
           {{{"name", "test."}, {"type", 6}, {"TTL", 300}, {"data", "ns.test. host.test. 1 3600 600 86400 300"}}}}};
      s.feed_json(p.id, answer.dump());
    }
  }
}

}  // namespace

TEST_CASE("verdict: a live domain that does not exist (NXDOMAIN) could not tell, never fine") {
  Session s("nope.test", {}, {});
  REQUIRE(s.error() == SessionError::none);
  answer_all_missing(s, "nope.test.");
  const Analysis a(s, {});
  const Verdict v = verdict_of(a);
  CHECK(v.unknown_facts.empty());  // every question had its answer: NXDOMAIN
  CHECK(verdict_state_name(v.state) == "could-not-tell");
  CHECK(std::find(v.blind.begin(), v.blind.end(), Blind::domain_not_found) != v.blind.end());
  CHECK(verdict_json(a, v)["blind"].dump() == R"(["domain-not-found"])");
}

TEST_CASE("verdict: a domain with no MX, no address and no CNAME had no mail to look at") {
  SUBCASE("live: every answer NODATA") {
    Session s("bare.test", {}, {});
    REQUIRE(s.error() == SessionError::none);
    answer_all_missing(s, "no-such-name.invalid.");
    const Analysis a(s, {});
    const Verdict v = verdict_of(a);
    CHECK(v.unknown_facts.empty());
    CHECK(verdict_state_name(v.state) == "could-not-tell");
    CHECK(verdict_json(a, v)["blind"].dump() == R"(["no-mail-records"])");
  }
  SUBCASE("offline: a Cloudflare export of the SOA and NS alone") {
    const std::string text =
        ";; Domain:     bare.test.\n"
        "bare.test.\t3600\tIN\tSOA\tada.ns.cloudflare.com. dns.cloudflare.com. 2045 10000 2400 604800 3600\n"
        "bare.test.\t86400\tIN\tNS\tada.ns.cloudflare.com.\n";
    const std::vector<std::shared_ptr<const Zone>> zones = {std::make_shared<Zone>(parse_zone(text, "bare.txt", {}))};
    SessionOptions o;
    o.live = false;
    Session s("bare.test", o, zones);
    REQUIRE(s.error() == SessionError::none);
    const Analysis a(s, {});
    const Verdict v = verdict_of(a);
    CHECK(verdict_state_name(v.state) == "could-not-tell");
    CHECK(verdict_json(a, v)["blind"].dump() == R"(["no-mail-records"])");
  }
  SUBCASE("a null MX is a mail set-up: the domain takes no mail, and says so") {
    const std::vector<std::shared_ptr<const Zone>> zones = {std::make_shared<Zone>(
        parse_zone("$ORIGIN bare.test.\n@ 300 IN SOA ns.test. host.test. 1 3600 600 86400 300\n@ 300 IN MX 0 .\n",
                   "bare.txt", {}))};
    SessionOptions o;
    o.live = false;
    Session s("bare.test", o, zones);
    REQUIRE(s.error() == SessionError::none);
    const Analysis a(s, {});
    const Verdict v = verdict_of(a);
    CHECK(std::find(v.blind.begin(), v.blind.end(), Blind::no_mail_records) == v.blind.end());
  }
}
