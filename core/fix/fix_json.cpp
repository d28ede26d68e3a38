#include "fix/fix_json.h"

#include "rules/findings_json.h"

namespace mxray {

using json = nlohmann::json;

json fix_plan_to_json(const MailModel& model, const FixPlan& plan) {
  json edits = json::array();
  for (const MergedEdit& m : plan.edits) {
    json j = edit_to_json(model, m.edit);
    j["findings"] = m.findings;
    edits.push_back(std::move(j));
  }
  json notes = json::array();
  for (const MergeNote& n : plan.notes)
    notes.push_back({{"why", merge_reason_name(n.why)},
                     {"finding", n.finding},
                     {"kept", n.kept},
                     {"dropped", edit_to_json(model, n.dropped)}});
  return {{"edits", edits}, {"notes", notes}, {"placeholders", plan.placeholders}};
}

json corrected_zone_to_json(const CorrectedZone& c) {
  json skipped = json::array();
  for (const SkippedEdit& s : c.skipped) skipped.push_back({{"edit", s.edit}, {"why", skip_reason_name(s.why)}});
  return {{"text", c.text}, {"applied", c.applied}, {"skipped", skipped}};
}

}  // namespace mxray
