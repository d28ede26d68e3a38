#include "report/report.h"

#include "dns/rdata.h"
#include "dns/types.h"
#include "fix/cloudflare.h"
#include "fix/diff.h"
#include "fix/fix.h"
#include "fix/fix_json.h"
#include "rules/catalogue.h"
#include "rules/findings_json.h"
#include "zone/zone_text.h"

namespace mxray {

using json = nlohmann::json;

namespace {

bool is_ipv4(std::string_view s) {
  uint8_t b[4];
  return parse_ipv4(s, b);
}
bool is_ipv6(std::string_view s) {
  uint8_t b[16];
  return parse_ipv6(s, b);
}

// The stated origin fills the placeholder of its family; the edit then
// holds a value like any other.
void fill_origin(FixPlan& plan, const std::string& origin) {
  if (origin.empty()) return;
  const std::string name = is_ipv4(origin) ? "origin-ipv4" : "origin-ipv6";
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
}

std::string file_label(const Zone& z, size_t index) {
  return z.files.empty() || z.files[0].empty() ? "zone-" + std::to_string(index) + ".txt" : z.files[0];
}

FixOutputs write_fix(const MailModel& model, const FixPlan& plan, std::span<const std::shared_ptr<const Zone>> zones,
                     std::span<const std::string_view> texts) {
  FixOutputs out;
  const int in_use = model.zones().zone_for(model.domain());
  for (size_t i = 0; i < zones.size() && i < texts.size(); ++i) {
    const Zone& z = *zones[i];
    ZoneFixOutput o;
    o.index = i;
    o.file = file_label(z, i);
    o.corrected = apply_edits(z, uint32_t(i), texts[i], plan);
    o.changed = o.corrected.text != texts[i];
    if (o.changed) o.diff = unified_diff(texts[i], o.corrected.text, o.file);
    o.utf8 = valid_utf8(texts[i]);
    if (int(i) == in_use) {
      std::vector<std::string> dns_only;
      for (const MailName& m : model.names())
        if (m.roles & (role::mx_target | role::mail_client | role::srv_target | role::service))
          dns_only.push_back(name_text(m.name.view()));
      // An export keeps its own layout; other inputs are written record by record.
      out.cloudflare_import = z.format == InputFormat::cloudflare_export
                                  ? o.corrected.text
                                  : cloudflare_import(z, uint32_t(i), plan, dns_only, name_text(model.domain()));
    }
    out.zones.push_back(std::move(o));
  }
  return out;
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
  if (!o.origin.empty() && !is_ipv4(o.origin) && !is_ipv6(o.origin)) return "bad-origin";
  return {};
}

FixOutputs fix_outputs(const Session& session, const ReportOptions& options) {
  MailModel model(session, options.model);
  FixPlan plan = merge_edits(run_rules(model));
  if (report_options_error(options).empty()) fill_origin(plan, options.origin);
  return write_fix(model, plan, session.zones(), options.texts);
}

json build_report(const Session& session, const ReportOptions& options) {
  MailModel model(session, options.model);
  std::vector<Finding> findings = run_rules(model);
  FixPlan plan = merge_edits(findings);
  if (report_options_error(options).empty()) fill_origin(plan, options.origin);

  const auto& zones = session.zones();
  json summary = {{"critical", 0}, {"warning", 0}, {"info", 0}};
  for (const Finding& f : findings)
    summary[std::string(severity_name(f.severity))] = summary[std::string(severity_name(f.severity))].get<int>() + 1;

  json inputs = json::array(), diagnostics = json::array();
  size_t records = 0;
  for (size_t i = 0; i < zones.size(); ++i) {
    json z = zone_summary_json(*zones[i]);
    for (json& d : z["diagnostics"]) {
      json copy = d;
      copy["zone"] = i;
      diagnostics.push_back(std::move(copy));
    }
    z.erase("diagnostics");
    z["index"] = i;
    inputs.push_back(std::move(z));
    records += zones[i]->size();
  }

  // The corrected zones, their diffs, and the Cloudflare forms.
  FixInputs fin{zones, options.texts};
  FixOutputs out = write_fix(model, plan, zones, options.texts);
  json corrected = json::array();
  for (const ZoneFixOutput& z : out.zones) {
    json entry = corrected_zone_to_json(z.corrected);
    entry["index"] = z.index;
    entry["file"] = z.file;
    entry["changed"] = z.changed;
    entry["diff"] = z.diff;
    entry["utf8"] = z.utf8;
    if (!options.include_texts) entry.erase("text");
    corrected.push_back(std::move(entry));
  }
  json import = out.cloudflare_import ? json(*out.cloudflare_import) : json(nullptr);
  if (!options.include_texts && out.cloudflare_import) import = true;  // there is one: take it as bytes
  json batch = cloudflare_batch(fin, plan);
  json fix = fix_plan_to_json(model, plan);
  fix["origin"] = options.origin.empty() ? json(nullptr) : json{{"address", options.origin}, {"source", "stated"}};
  fix["zones"] = std::move(corrected);
  fix["cloudflare_import"] = std::move(import);
  fix["cloudflare_batch"] = batch;
  fix["curl"] = cloudflare_curl(batch);
  fix["plan"] = change_plan(fin, plan);

  uint32_t unknown = 0;
  for (const Fact& f : session.facts()) unknown += f.state == FactState::unknown;
  json hits = json::array();
  for (const BudgetHit& h : session.budget_hits())
    hits.push_back({{"budget", budget_name(h.budget)}, {"limit", h.limit}, {"skipped", h.skipped}});
  if (model.names_left_out())
    hits.push_back({{"budget", budget_name(Budget::mail_names)},
                    {"limit", model.max_record_names()},
                    {"skipped", model.names_left_out()}});
  if (const uint64_t n = model.zones().records_left_out())
    hits.push_back(
        {{"budget", budget_name(Budget::zone_records)}, {"limit", model.zones().max_per_set()}, {"skipped", n}});

  const bool live = session.round() > 0;
  json panel = nullptr;
  if (const PanelProfile* p = model.panel()) {
    json srv = json::array(), ports = json::array();
    for (const PanelSrv& x : p->srv) srv.push_back({{"owner", x.owner}, {"port", x.port}, {"target", x.target}});
    for (const PanelPort& x : p->ports) ports.push_back({{"port", x.port}, {"service", x.service}});
    panel = {{"id", p->id},
             {"name", p->name},
             {"how", model.panel_stated() ? "stated" : "detected"},
             {"source", p->source},
             {"mail_host", p->mail_host},
             {"srv", srv},
             {"ports", ports},
             {"spf_default", p->spf_default}};
  }
  return {{"schema", kReportSchema},
          {"domain", name_text(model.domain())},
          {"mode", !live           ? "offline"
                   : zones.empty() ? "live"
                                   : "both"},
          {"inputs", {{"zones", inputs}}},
          {"panel", panel},
          {"summary", summary},
          {"findings", findings_to_json(model, findings)},
          {"names", mail_names_to_json(model)},
          {"fix", fix},
          {"stats",
           {{"zones", zones.size()},
            {"records", records},
            {"rounds", session.round()},
            {"questions", session.facts().size()},
            {"unknown", unknown},
            {"spf_lookups", session.spf_lookups()},
            {"budget_hits", hits}}},
          {"diagnostics", diagnostics}};
}

}  // namespace mxray
