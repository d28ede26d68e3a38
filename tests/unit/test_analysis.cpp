// The Analysis: one value per check, from which the report, the fix and the
// batch summary are all read, with the rules run once.
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "report/analysis.h"
#include "report/report.h"
#include "zone/parser.h"

using namespace mxray;
using json = nlohmann::json;

namespace {

const std::string kZone =
    "$ORIGIN club.test.\n$TTL 14400\n"
    "@ IN SOA ns1 root 1 2 3 4 5\n"
    "@ IN A 104.21.16.8\n"
    "mail IN CNAME @\n"
    "@ IN MX 0 mail\n";

struct Check {
  std::vector<std::shared_ptr<const Zone>> zones;
  std::unique_ptr<Session> session;
  explicit Check(const std::string& text) {
    zones.push_back(std::make_shared<Zone>(parse_zone(text, "club.test.db", {})));
    SessionOptions o;
    o.live = false;
    session = std::make_unique<Session>("", o, zones);
    REQUIRE(session->error() == SessionError::none);
  }
};

}  // namespace

TEST_CASE("analysis: the report, the fix and the summary of one check run the rules once") {
  Check c(kZone);
  std::vector<std::string_view> texts = {kZone};
  const uint64_t before = analysis_rule_runs();
  const Analysis a(*c.session, {{}, "203.0.113.10"});
  const json report = build_report(a, {texts, true});
  const FixOutputs fix = fix_outputs(a, texts);
  const AnalysisSummary summary = summarise(a);
  CHECK(analysis_rule_runs() - before == 1);

  // Each reads the same findings and the same merged plan.
  CHECK(report["summary"]["critical"] == summary.critical);
  CHECK(report["summary"]["warning"] == summary.warning);
  CHECK(report["summary"]["info"] == summary.info);
  CHECK(report["findings"].size() == a.findings().size());
  REQUIRE(fix.zones.size() == 1);
  CHECK(report["fix"]["zones"][0]["text"] == fix.zones[0].corrected.text);
  CHECK(report["fix"]["zones"][0]["diff"] == fix.zones[0].diff);
  CHECK(report["fix"]["cloudflare_import"] == *fix.cloudflare_import);
  CHECK(fix.zones[0].corrected.text.find("mail.club.test.\t14400\tIN\tA\t203.0.113.10\n") != std::string::npos);
}

TEST_CASE("analysis: the convenience build_report(session, options) runs the rules once too") {
  Check c(kZone);
  std::vector<std::string_view> texts = {kZone};
  ReportOptions ro;
  ro.texts = texts;
  const uint64_t before = analysis_rule_runs();
  (void)build_report(*c.session, ro);
  CHECK(analysis_rule_runs() - before == 1);
}

TEST_CASE("analysis: the summary, as a batch line shows it") {
  Check c(kZone);
  const Analysis a(*c.session, {});
  const AnalysisSummary s = summarise(a);
  CHECK(s.domain == "club.test.");
  CHECK(s.critical + s.warning + s.info == a.findings().size());
  CHECK(s.critical >= 1);  // the proxied mail host behind the MX
  REQUIRE_FALSE(s.rules.empty());
  for (size_t i = 1; i < s.rules.size(); ++i) CHECK(s.rules[i - 1] < s.rules[i]);  // sorted, once each
  for (const Finding& f : a.findings()) CHECK(std::find(s.rules.begin(), s.rules.end(), f.rule) != s.rules.end());
}

TEST_CASE("analysis: a refused origin fills nothing and is reported as bad-origin") {
  CHECK(analysis_options_error({{}, "203.0.113"}) == "bad-origin");
  CHECK(analysis_options_error({{}, "2001:db8::1"}).empty());
  CHECK(analysis_options_error({}).empty());
  Check c(kZone);
  const Analysis a(*c.session, {{}, "not-an-address"});
  CHECK(a.plan().placeholders == std::vector<std::string>{"origin-ipv4"});
}
