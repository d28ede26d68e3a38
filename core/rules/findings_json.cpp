#include "rules/findings_json.h"

#include "dns/rdata.h"
#include "dns/types.h"
#include "fix/fix.h"
#include "policy/dkim.h"
#include "policy/dmarc.h"
#include "policy/spf.h"
#include "rules/catalogue.h"
#include "rules/origin.h"
#include "rules/rules_internal.h"

namespace mxray {
namespace {

using nlohmann::json;

std::string lower_text(std::string_view wire) {
  std::string s = name_text(wire);
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return s;
}

json path_json(const MailModel& model, const ResolutionPath& p) {
  json hops = json::array();
  for (const Hop& h : p.hops) {
    std::string data;
    append_rdata_text(data, h.type, h.rdata);
    json j = {{"name", lower_text(h.name.view())}, {"type", type_name(h.type)}, {"data", data}};
    if (h.proxied != Proxied::unknown) j["proxied"] = h.proxied == Proxied::yes;
    if (h.provider) j["provider"] = h.provider->id;
    if (h.source.kind == HopSource::zone) {
      const Zone& z = model.input_zone(h.source.zone_index);
      j["source"] = {{"kind", "zone"},
                     {"file", h.source.file < z.files.size() ? z.files[h.source.file] : std::string()},
                     {"line", h.source.line}};
    } else {
      j["source"] = {{"kind", "live"}, {"fact", h.source.fact}};
    }
    hops.push_back(std::move(j));
  }
  json j = {{"route", route_name(p.route)}, {"hops", hops}};
  if (p.provider) j["provider"] = p.provider->id;
  if (!p.reason.empty()) j["reason"] = p.reason;
  return j;
}

}  // namespace

json edit_to_json(const MailModel& model, const ZoneEdit& e) {
  json j = {{"op", edit_op_name(e.op)}, {"name", lower_text(e.owner.view())},   {"type", type_name(e.type)},
            {"data", e.rdata},          {"proxied", e.proxied == Proxied::yes}, {"zone", e.zone}};
  if (!e.placeholder.empty()) j["placeholder"] = e.placeholder;
  if (e.ttl) j["ttl"] = e.ttl;
  if (e.live) j["live"] = true;
  if (e.has_record) {
    const Zone& z = model.input_zone(e.zone);
    // `index` tells apart records that share a line (the API's one-line JSON).
    j["record"] = {
        {"file", e.file < z.files.size() ? z.files[e.file] : std::string()}, {"line", e.line}, {"index", e.record}};
  }
  return j;
}

json finding_to_json(const MailModel& model, const Finding& f) {
  json evidence = json::array();
  for (const EvidenceStep& s : f.evidence) {
    json params = json::object();
    for (const auto& [k, v] : s.params) params[std::string(k)] = v;
    evidence.push_back({{"code", s.code}, {"params", params}});
  }
  json edits = json::array();
  for (const ZoneEdit& e : f.edits) edits.push_back(edit_to_json(model, e));
  return {{"rule", f.rule.id()},
          {"severity", severity_name(f.severity)},
          {"names", f.names},
          {"evidence", evidence},
          {"edits", edits}};
}

json findings_to_json(const MailModel& model, const std::vector<Finding>& findings) {
  json a = json::array();
  for (const Finding& f : findings) a.push_back(finding_to_json(model, f));
  return a;
}

json mail_names_to_json(const MailModel& model) {
  json a = json::array();
  auto roles = role_names();
  for (const MailName& m : model.names()) {
    json r = json::array();
    for (size_t i = 0; i < roles.size(); ++i)
      if (m.roles & (1u << i)) r.push_back(roles[i]);
    json needs = json::array();
    for (const ServiceNeed& n : m.needs) needs.push_back({{"service", n.service}, {"port", n.port}, {"via", n.via}});
    a.push_back({{"name", lower_text(m.name.view())},
                 {"roles", r},
                 {"needs", needs},
                 {"zone", path_json(model, m.zone)},
                 {"live", path_json(model, m.live)}});
  }
  return a;
}

json rule_catalogue_json() {
  json rules = json::array();
  for (const RuleInfo& r : rule_catalogue()) {
    json ev = json::array();
    for (std::string_view e : r.evidence) ev.push_back(e);
    rules.push_back({{"id", r.id}, {"severity", severity_name(r.severity)}, {"source", r.source}, {"evidence", ev}});
  }
  json ev = json::array();
  for (std::string_view e : evidence_codes()) ev.push_back(e);
  // The problem codes a "record-problem" step may name: the SPF, DMARC and
  // DKIM parsers' (with their severity) and the ones auth_rules.cpp adds.
  json problems = json::array();
  auto add = [&](std::string_view record, std::string_view code, RecordSeverity s, std::string_view ref) {
    problems.push_back({{"code", code}, {"record", record}, {"severity", record_severity_name(s)}, {"source", ref}});
  };
#define MXRAY_X(id, name, sev, ref) add("spf", name, RecordSeverity::sev, ref);
  MXRAY_SPF_PROBLEMS(MXRAY_X)
#undef MXRAY_X
#define MXRAY_X(id, name, sev, ref) add("dmarc", name, RecordSeverity::sev, ref);
  MXRAY_DMARC_PROBLEMS(MXRAY_X)
#undef MXRAY_X
#define MXRAY_X(id, name, sev, ref) add("dkim", name, RecordSeverity::sev, ref);
  MXRAY_DKIM_PROBLEMS(MXRAY_X)
#undef MXRAY_X
  auto policy = rules::policy_problem_codes();
  auto refs = rules::policy_problem_references();
  for (size_t i = 0; i < policy.size(); ++i)
    add(policy[i].substr(0, policy[i].find('-')), policy[i], RecordSeverity::error, refs[i]);
  // Why the fix drops an edit or leaves one unwritten: words for each in www/lib.
  json merge_reasons = json::array(), skip_reasons = json::array(), no_edit_reasons = json::array();
#define MXRAY_X(id, name) no_edit_reasons.push_back(name);
  MXRAY_NO_EDIT_REASONS(MXRAY_X)
#undef MXRAY_X
  json origin_sources = json::array();
#define MXRAY_X(id, name) origin_sources.push_back(name);
  MXRAY_ORIGIN_SOURCES(MXRAY_X)
#undef MXRAY_X
#define MXRAY_X(id, name) merge_reasons.push_back(name);
  MXRAY_MERGE_REASONS(MXRAY_X)
#undef MXRAY_X
#define MXRAY_X(id, name) skip_reasons.push_back(name);
  MXRAY_SKIP_REASONS(MXRAY_X)
#undef MXRAY_X
  return {{"rules", rules},
          {"evidence", ev},
          {"problems", problems},
          {"merge_reasons", merge_reasons},
          {"skip_reasons", skip_reasons},
          {"no_edit_reasons", no_edit_reasons},
          {"origin_sources", origin_sources}};
}

}  // namespace mxray
