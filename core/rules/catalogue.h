// The one catalogue of rules: every rule once, with its severity, the
// document it rests on and the evidence codes its findings use. The message
// catalogues, the rule pages and the tests are all checked against it.
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "model/mail_model.h"
#include "rules/finding.h"

namespace mxray {

struct RuleInfo {
  Rule rule;
  std::string_view id;  // public: tests and users key on it
  FindingSeverity severity;
  std::string_view source;                     // the RFC or vendor document
  std::span<const std::string_view> evidence;  // evidence codes it may emit
  // For a rule whose harm depends on its evidence: the severity it has
  // when the evidence shows the lesser harm (see the rule's entry).
  std::optional<FindingSeverity> lesser = std::nullopt;
};

std::span<const RuleInfo> rule_catalogue();
const RuleInfo& rule_info(Rule r);
const RuleInfo* find_rule(std::string_view id);

// How much harm a finding's evidence shows; `lesser` only means something
// for a rule whose catalogue entry has a lesser severity.
enum class Harm : uint8_t { full, lesser };
// The one way to make a finding: its id and severity come from the
// catalogue; `names` are absolute, lower-case, with a trailing dot.
Finding make_finding(Rule r, std::vector<std::string> names, Harm harm = Harm::full);
// Every evidence code any rule may emit, once each.
std::vector<std::string_view> evidence_codes();

// Runs every rule on the model; findings sorted by severity, then rule, then name.
std::vector<Finding> run_rules(const MailModel& model);

}  // namespace mxray
