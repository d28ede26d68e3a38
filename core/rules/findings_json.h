// Findings and the model behind them as JSON: the "findings" and "names"
// parts of the report document (core/report).
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "model/mail_model.h"
#include "rules/finding.h"

namespace mxray {

// {op, name, type, data, proxied, zone[, placeholder][, ttl][, record: {file, line}]}
nlohmann::json edit_to_json(const MailModel& model, const ZoneEdit& e);
nlohmann::json finding_to_json(const MailModel& model, const Finding& f);
nlohmann::json findings_to_json(const MailModel& model, const std::vector<Finding>& findings);
// Each mail-relevant name with its roles and both paths.
nlohmann::json mail_names_to_json(const MailModel& model);
// {rules: [{id, severity, source, evidence[]}], evidence: [...], problems:
// [...], merge_reasons: [...], skip_reasons: [...]}: what the message
// catalogues and rule pages must cover.
nlohmann::json rule_catalogue_json();

}  // namespace mxray
