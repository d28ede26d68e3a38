// The one catalogue of rules: every rule once, with its severity, the
// document it rests on and the evidence codes its findings use. The message
// catalogues, the rule pages and the tests are all checked against it.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "model/mail_model.h"
#include "rules/finding.h"

namespace mxray {

struct RuleInfo {
  std::string_view id;  // public: tests and users key on it
  FindingSeverity severity;
  std::string_view source;                     // the RFC or vendor document
  std::span<const std::string_view> evidence;  // evidence codes it may emit
};

std::span<const RuleInfo> rule_catalogue();
const RuleInfo* find_rule(std::string_view id);
// Every evidence code any rule may emit, once each.
std::vector<std::string_view> evidence_codes();

// Runs every rule on the model; findings sorted by severity, then rule, then name.
std::vector<Finding> run_rules(const MailModel& model);

}  // namespace mxray
