// One check's analysis, computed once from a finished Session: the mail
// model, the rules' findings and the merged fix with the stated origin filled
// in. The report (report.h), the fix written out and the batch summary all
// read this one value, so a check builds the model, runs the rules and merges
// their edits once, whatever it then shows.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fix/fix.h"
#include "model/mail_model.h"
#include "rules/finding.h"
#include "session/session.h"

namespace mxray {

struct AnalysisOptions {
  ModelOptions model;
  // The server's address, stated by the user: fills the fix's
  // {origin-ipv4} / {origin-ipv6} placeholders. Empty: not stated.
  std::string origin;
  // False: the findings' edits are not merged into a plan (plan() is
  // empty). A batch line reads only the summary, which no plan changes.
  bool fix = true;
};

// Problems with the options, before any work: "bad-origin", or empty.
std::string_view analysis_options_error(const AnalysisOptions& o);

class Analysis {
 public:
  // `session` must outlive the Analysis: the model reads its zones and facts.
  // A refused origin (analysis_options_error) fills nothing.
  Analysis(const Session& session, const AnalysisOptions& options);
  Analysis(const Analysis&) = delete;
  Analysis& operator=(const Analysis&) = delete;

  const FactStore& facts() const { return model_.facts(); }
  const MailModel& model() const { return model_; }
  const std::vector<Finding>& findings() const { return findings_; }
  // The merged edits, the stated origin filled in (empty unless options.fix).
  const FixPlan& plan() const { return plan_; }
  // The origin as stated ("" when none).
  const std::string& origin() const { return origin_; }

 private:
  std::string origin_;
  MailModel model_;
  std::vector<Finding> findings_;
  FixPlan plan_;
};

// How many times an Analysis has run the rules in this process. Tests read
// it to show that one check runs them once.
uint64_t analysis_rule_runs();

// What a batch line shows of a check.
struct AnalysisSummary {
  std::string domain;  // absolute, trailing dot
  // The verdict's state (report/verdict.h verdict_state_name): "broken",
  // "at-risk", "fine" or "could-not-tell", as the report's verdict.state.
  std::string_view verdict;
  uint32_t critical = 0;
  uint32_t warning = 0;
  uint32_t info = 0;
  std::vector<std::string_view> rules;  // the rule ids that found something, sorted, once each
};

AnalysisSummary summarise(const Analysis& analysis);

}  // namespace mxray
