#include "zone/zone_text.h"

#include <nlohmann/json.hpp>

#include "dns/name.h"
#include "dns/rdata.h"
#include "dns/types.h"

namespace mxray {

void append_record_text(std::string& out, const RecordView& r, bool generic) {
  append_name_text(out, r.owner.view());
  out.push_back(' ');
  out.append(std::to_string(r.ttl));
  out.push_back(' ');
  append_class_name(out, r.rclass);
  out.push_back(' ');
  append_type_name(out, r.type);
  out.push_back(' ');
  if (generic) {
    append_generic_rdata(out, r.rdata);
    return;
  }
  append_rdata_text(out, r.type, r.rdata);
  // The proxy flag is what this tool is about: show it where the input says.
  if (r.proxied != Proxied::unknown)
    out.append(r.proxied == Proxied::yes ? " ; cf-proxied:true" : " ; cf-proxied:false");
}

nlohmann::json diagnostic_to_json(const Diagnostic& d) {
  nlohmann::json j = {
      {"code", std::string(code_name(d.code))},
      {"severity", d.severity == Severity::error ? "error" : "warning"},
      {"file", d.file},
      {"line", d.line},
      {"column", d.column},
      {"record_line", d.record_line},
      // The token may hold any octets; keep the JSON valid UTF-8.
      {"token", d.token},
  };
  if (!d.field.empty()) j["field"] = d.field;
  if (!d.type.empty()) j["type"] = d.type;
  if (!d.detail.empty()) j["detail"] = d.detail;
  return j;
}

nlohmann::json zone_summary_json(const Zone& zone) {
  nlohmann::json diags = nlohmann::json::array();
  for (const Diagnostic& d : zone.diagnostics) diags.push_back(diagnostic_to_json(d));
  return {
      {"format", std::string(format_name(zone.format))},
      {"apex", zone.apex.empty() ? nlohmann::json(nullptr) : nlohmann::json(name_text(zone.apex))},
      {"files", zone.files},
      {"records", zone.size()},
      {"rejected", zone.rejected_records},
      {"errors", zone.error_count},
      {"diagnostics", std::move(diags)},
  };
}

}  // namespace mxray
