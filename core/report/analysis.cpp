#include "report/analysis.h"

#include <algorithm>
#include <atomic>

#include "dns/rdata.h"
#include "dns/types.h"
#include "report/verdict.h"
#include "rules/catalogue.h"

namespace mxray {

namespace {

// Atomic: native tests may build analyses on several threads.
std::atomic<uint64_t> rule_runs{0};

bool is_ip(std::string_view s) {
  uint8_t b4[4], b16[16];
  return parse_ipv4(s, b4) || parse_ipv6(s, b16);
}

std::vector<Finding> counted_rules(const MailModel& model) {
  rule_runs.fetch_add(1, std::memory_order_relaxed);
  return run_rules(model);
}

// The stated origin fills the placeholder of its family; the edit then
// holds a value like any other.
FixPlan merged_with_origin(const std::vector<Finding>& findings, const std::string& origin, bool usable) {
  FixPlan plan = merge_edits(findings);
  if (origin.empty() || !usable) return plan;
  uint8_t b[4];
  const std::string name = parse_ipv4(origin, b) ? "origin-ipv4" : "origin-ipv6";
  for (MergedEdit& m : plan.edits)
    if (m.edit.placeholder == "origin-ipv4" && name == "origin-ipv6") {
      // An IPv6 origin answers an A placeholder with an AAAA record.
      m.edit.type = rrtype::AAAA;
      m.edit.rdata = fill_placeholder(m.edit.rdata, "origin-ipv4", origin);
      m.edit.placeholder.clear();
    } else if (m.edit.placeholder == name) {
      m.edit.rdata = fill_placeholder(m.edit.rdata, name, origin);
      m.edit.placeholder.clear();
    }
  std::erase_if(plan.placeholders, [&](const std::string& p) { return p == "origin-ipv4" || p == name; });
  return plan;
}

}  // namespace

std::string_view analysis_options_error(const AnalysisOptions& o) {
  if (!o.origin.empty() && !is_ip(o.origin)) return "bad-origin";
  return {};
}

Analysis::Analysis(const Session& session, const AnalysisOptions& options)
    : origin_(options.origin),
      model_(session, options.model),
      findings_(counted_rules(model_)),
      plan_(options.fix ? merged_with_origin(findings_, origin_, analysis_options_error(options).empty()) : FixPlan{}) {
}

uint64_t analysis_rule_runs() { return rule_runs.load(std::memory_order_relaxed); }

AnalysisSummary summarise(const Analysis& analysis) {
  AnalysisSummary s;
  s.domain = name_text(analysis.model().domain());
  for (const Finding& f : analysis.findings()) {
    switch (f.severity) {
      case FindingSeverity::critical: ++s.critical; break;
      case FindingSeverity::warning: ++s.warning; break;
      default: ++s.info; break;
    }
    s.rules.push_back(f.rule);
  }
  s.verdict = verdict_state_name(verdict_of(analysis).state);
  std::sort(s.rules.begin(), s.rules.end());
  s.rules.erase(std::unique(s.rules.begin(), s.rules.end()), s.rules.end());
  return s;
}

}  // namespace mxray
