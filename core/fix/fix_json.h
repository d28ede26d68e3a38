// The merged fix as JSON: the "fix" part of the report document.
#pragma once

#include <nlohmann/json.hpp>

#include "fix/fix.h"
#include "model/mail_model.h"

namespace mxray {

// {edits: [{...edit, findings: [indexes]}], notes: [{why, finding, kept, dropped}], placeholders: [...]}
nlohmann::json fix_plan_to_json(const MailModel& model, const FixPlan& plan);
// {text, applied: [edit indexes], skipped: [{edit, why}]}
nlohmann::json corrected_zone_to_json(const CorrectedZone& c);

}  // namespace mxray
