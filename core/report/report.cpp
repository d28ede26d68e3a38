#include "report/report.h"

#include "dns/name.h"
#include "dns/types.h"
#include "fix/cloudflare.h"
#include "fix/diff.h"
#include "fix/fix.h"
#include "fix/fix_json.h"
#include "report/verdict.h"
#include "rules/findings_json.h"
#include "rules/origin.h"
#include "zone/zone_text.h"

namespace mxray {

using json = nlohmann::json;

namespace {

std::string file_label(const Zone& z, size_t index) {
  return z.files.empty() || z.files[0].empty() ? "zone-" + std::to_string(index) + ".txt" : z.files[0];
}

// The Cloudflare import file of zone `i`, the one in use for the domain:
// only the records to add (none when the fix adds nothing).
std::optional<std::string> import_file(const Analysis& a, const Zone& z, size_t i) {
  std::string text = cloudflare_import(z, uint32_t(i), a.plan(), name_text(a.model().domain()));
  if (text.empty()) return std::nullopt;
  return text;
}

// {inputs.zones, diagnostics}: each zone's summary, its diagnostics lifted
// out into one list that names the zone.
// `for_domain`: whether the domain checked is at or under the zone's apex
// (null when the zone names none, as API JSON): a zone of another domain is
// not used, and the report says so on its line.
std::pair<json, json> inputs_and_diagnostics(std::span<const std::shared_ptr<const Zone>> zones,
                                             std::string_view domain) {
  json inputs = json::array(), diagnostics = json::array();
  for (size_t i = 0; i < zones.size(); ++i) {
    json z = zone_summary_json(*zones[i]);
    for (json& d : z["diagnostics"]) {
      json copy = d;
      copy["zone"] = i;
      diagnostics.push_back(std::move(copy));
    }
    z.erase("diagnostics");
    z["index"] = i;
    const std::string& apex = zones[i]->apex;
    z["for_domain"] = apex.empty() ? json(nullptr) : json(name_is_under(domain, apex));
    inputs.push_back(std::move(z));
  }
  return {std::move(inputs), std::move(diagnostics)};
}

json corrected_zones_json(const FixOutputs& out, bool include_texts) {
  json corrected = json::array();
  for (const ZoneFixOutput& z : out.zones) {
    json entry = corrected_zone_to_json(z.corrected);
    entry["index"] = z.index;
    entry["file"] = z.file;
    entry["changed"] = z.changed;
    entry["diff"] = z.diff;
    entry["utf8"] = z.utf8;
    if (!include_texts) entry.erase("text");
    corrected.push_back(std::move(entry));
  }
  return corrected;
}

// The server's likely addresses, with where each was seen (rules/origin.h).
json origin_candidates_json(const MailModel& model) {
  json out = json::array();
  for (const OriginCandidate& c : origin_candidates(model)) {
    json clues = json::array();
    for (const OriginClue& k : c.clues) {
      json clue = {{"source", origin_source_name(k.source)}, {"name", k.name}, {"live", k.live}};
      if (!k.live) clue["record"] = {{"file", k.file}, {"line", k.line}};
      clues.push_back(std::move(clue));
    }
    out.push_back({{"type", type_name(c.type)}, {"address", c.address}, {"likely", true}, {"clues", clues}});
  }
  return out;
}

// "fix": the plan, the corrected zones, their diffs and the Cloudflare forms.
json fix_json(const Analysis& a, const ReportTexts& in) {
  const auto& zones = a.facts().zones();
  FixInputs fin{zones, in.texts};
  FixOutputs out = fix_outputs(a, in.texts);
  json import = out.cloudflare_import ? json(*out.cloudflare_import) : json(nullptr);
  if (!in.include_texts && out.cloudflare_import) import = true;  // there is one: take it as bytes
  json batch = cloudflare_batch(fin, a.plan());
  json fix = fix_plan_to_json(a.model(), a.plan());
  fix["origin"] = a.origin().empty() ? json(nullptr) : json{{"address", a.origin()}, {"source", "stated"}};
  fix["origin_candidates"] = origin_candidates_json(a.model());
  fix["zones"] = corrected_zones_json(out, in.include_texts);
  fix["cloudflare_import"] = std::move(import);
  fix["curl"] = cloudflare_curl(batch);
  fix["cloudflare_batch"] = std::move(batch);
  fix["plan"] = change_plan(fin, a.plan());
  return fix;
}

json budget_hits_json(const Analysis& a) {
  const MailModel& model = a.model();
  json hits = json::array();
  for (const BudgetHit& h : a.facts().budget_hits())
    hits.push_back({{"budget", budget_name(h.budget)}, {"limit", h.limit}, {"skipped", h.skipped}});
  if (model.names_left_out())
    hits.push_back({{"budget", budget_name(Budget::mail_names)},
                    {"limit", model.max_record_names()},
                    {"skipped", model.names_left_out()}});
  if (const uint64_t n = model.zones().records_left_out())
    hits.push_back(
        {{"budget", budget_name(Budget::zone_records)}, {"limit", model.zones().max_per_set()}, {"skipped", n}});
  return hits;
}

json stats_json(const Analysis& a) {
  const FactStore& session = a.facts();
  size_t records = 0;
  for (const auto& z : session.zones()) records += z->size();
  uint32_t unknown = 0;
  for (const Fact& f : session.facts()) unknown += f.state == FactState::unknown;
  return {{"zones", session.zones().size()},     {"records", records}, {"rounds", session.round()},
          {"questions", session.facts().size()}, {"unknown", unknown}, {"spf_lookups", session.spf_lookups()},
          {"budget_hits", budget_hits_json(a)}};
}

json panel_json(const MailModel& model) {
  const PanelProfile* p = model.panel();
  if (!p) return nullptr;
  json srv = json::array(), ports = json::array();
  for (const PanelSrv& x : p->srv) srv.push_back({{"owner", x.owner}, {"port", x.port}, {"target", x.target}});
  for (const PanelPort& x : p->ports) ports.push_back({{"port", x.port}, {"service", x.service}});
  return {{"id", p->id},
          {"name", p->name},
          {"how", model.panel_stated() ? "stated" : "detected"},
          {"source", p->source},
          {"mail_host", p->mail_host},
          {"srv", srv},
          {"ports", ports},
          {"spf_default", p->spf_default}};
}

std::string_view mode_name(const FactStore& session) {
  if (session.round() == 0) return "offline";
  return session.zones().empty() ? "live" : "both";
}

}  // namespace

bool valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    const unsigned c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int n;
    unsigned lo = 0x80, hi = 0xBF;  // the range of the second byte
    if (c >= 0xC2 && c <= 0xDF)
      n = 1;
    else if (c == 0xE0)
      n = 2, lo = 0xA0;
    else if (c == 0xED)
      n = 2, hi = 0x9F;  // no surrogates
    else if (c >= 0xE1 && c <= 0xEF)
      n = 2;
    else if (c == 0xF0)
      n = 3, lo = 0x90;
    else if (c >= 0xF1 && c <= 0xF3)
      n = 3;
    else if (c == 0xF4)
      n = 3, hi = 0x8F;  // nothing above U+10FFFF
    else
      return false;
    if (end - p <= n) return false;
    if (p[1] < lo || p[1] > hi) return false;
    for (int k = 2; k <= n; ++k)
      if ((p[k] & 0xC0) != 0x80) return false;
    p += n + 1;
  }
  return true;
}

std::string_view report_options_error(const ReportOptions& o) {
  return analysis_options_error(AnalysisOptions{o.model, o.origin});
}

FixOutputs fix_outputs(const Analysis& a, std::span<const std::string_view> texts) {
  FixOutputs out;
  const auto& zones = a.facts().zones();
  const int in_use = a.model().zones().zone_for(a.model().domain());
  for (size_t i = 0; i < zones.size() && i < texts.size(); ++i) {
    const Zone& z = *zones[i];
    ZoneFixOutput o;
    o.index = i;
    o.file = file_label(z, i);
    o.corrected = apply_edits(z, uint32_t(i), texts[i], a.plan());
    o.changed = o.corrected.text != texts[i];
    if (o.changed) o.diff = unified_diff(texts[i], o.corrected.text, o.file);
    o.utf8 = valid_utf8(texts[i]);
    if (int(i) == in_use) out.cloudflare_import = import_file(a, z, i);
    out.zones.push_back(std::move(o));
  }
  return out;
}

json build_report(const Analysis& a, const ReportTexts& texts) {
  const AnalysisSummary s = summarise(a);
  auto [inputs, diagnostics] = inputs_and_diagnostics(a.facts().zones(), a.facts().domain().view());
  return {{"schema", kReportSchema},
          {"verdict", verdict_json(a, verdict_of(a))},
          {"domain", s.domain},
          {"mode", mode_name(a.facts())},
          {"inputs", {{"zones", std::move(inputs)}}},
          {"panel", panel_json(a.model())},
          {"summary", {{"critical", s.critical}, {"warning", s.warning}, {"info", s.info}}},
          {"findings", findings_to_json(a.model(), a.findings())},
          {"names", mail_names_to_json(a.model())},
          {"fix", fix_json(a, texts)},
          {"stats", stats_json(a)},
          {"diagnostics", std::move(diagnostics)}};
}

json build_report(const Session& session, const ReportOptions& options) {
  const Analysis a(session, {options.model, options.origin});
  return build_report(a, {options.texts, options.include_texts});
}

FixOutputs fix_outputs(const Session& session, const ReportOptions& options) {
  const Analysis a(session, {options.model, options.origin});
  return fix_outputs(a, options.texts);
}

}  // namespace mxray
