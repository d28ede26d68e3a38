// What the two wasm cores' bindings share: the fast core's embind units
// (zone_reader.h, session_bindings.cpp) and the small core's C exports
// (small_api.cpp) wrap the same reader and read the same options, so that
// they differ in how JS calls them, never in what they answer
// (tests/js/small-core.test.mjs holds them byte-identical). Nothing here
// knows of embind or of JS.
#pragma once

#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "dns/json_text.h"
#include "report/analysis.h"
#include "session/session.h"
#include "zone/parser.h"
#include "zone/zone_text.h"

namespace mxray {

using nlohmann::json;

// Every JSON text the bindings return (core/dns/json_text.h: U+2028, U+2029,
// bidi and C1 controls as \uXXXX).
inline std::string to_text(const json& j) { return json_text(j); }

// A zone being read: the binding starts it with its way of answering
// $INCLUDE, feeds it bytes, finishes it, then pages through the records.
class ZoneReaderCore {
 public:
  ZoneReaderCore(const ZoneReaderCore&) = delete;
  ZoneReaderCore& operator=(const ZoneReaderCore&) = delete;

  void feed_view(std::string_view bytes) { parser_->feed(bytes); }
  // Bytes without a per-byte copy: the shell writes up to `size` bytes at
  // the returned address (in HEAPU8), then calls feed_input().
  size_t input_buffer(size_t size) {
    input_.resize(size);
    return reinterpret_cast<size_t>(input_.data());
  }
  void feed_input(size_t length) { parser_->feed(std::string_view(input_.data(), std::min(length, input_.size()))); }
  void finish() { parser_->finish(); }
  // The parsed zone, shared with a Session.
  std::shared_ptr<const Zone> zone() const { return zone_; }
  size_t record_count() const { return zone_->size(); }
  // Lets a batch skip summary_json() for the many zones without any.
  size_t diagnostic_count() const { return zone_->diagnostics.size(); }

  // Records [start, start + count) as text, one per line.
  std::string dump(size_t start, size_t count, bool generic) const {
    std::string out;
    size_t end = std::min(zone_->size(), start + count);
    for (size_t i = start; i < end; ++i) {
      append_record_text(out, zone_->record(i), generic);
      out.push_back('\n');
    }
    return out;
  }

  std::string summary_json() const { return to_text(zone_summary_json(*zone_)); }

 protected:
  ZoneReaderCore() = default;
  ~ZoneReaderCore() = default;
  // Called once, by the binding's constructor.
  void start(const std::string& file_name, ParseOptions options, IncludeResolver resolver) {
    parser_ = std::make_unique<ZoneParser>(*zone_, file_name, std::move(options), std::move(resolver));
  }

 private:
  std::shared_ptr<Zone> zone_ = std::make_shared<Zone>();
  std::string input_;
  std::unique_ptr<ZoneParser> parser_;
};

// Analysis options: {"panel": "auto" | "none" | a panel id, "origin": address}.
inline AnalysisOptions analysis_options_from(const std::string& text) {
  AnalysisOptions o;
  json j = json::parse(text, nullptr, false);
  if (!j.is_object()) return o;
  if (auto it = j.find("panel"); it != j.end() && it->is_string()) o.model.panel = it->get<std::string>();
  if (auto it = j.find("origin"); it != j.end() && it->is_string()) o.origin = it->get<std::string>();
  return o;
}

// A failed question's kind, as the DoH driver names it.
inline std::optional<FailureKind> failure_from(const std::string& kind) {
  if (kind == "timeout") return FailureKind::timeout;
  if (kind == "http") return FailureKind::http;
  if (kind == "network") return FailureKind::network;
  if (kind == "content-type") return FailureKind::content_type;
  return std::nullopt;
}

// {domain, verdict, summary: {critical, info, warning}, rules: [...] without
// the closing brace, for the caller to add to: written by hand, in the key
// order of the report's JSON, since a batch reads one per zone.
inline std::string summary_text(const AnalysisSummary& s) {
  std::string out = "{\"domain\":" + to_text(s.domain);
  out += ",\"verdict\":\"";
  out += s.verdict;  // a verdict state name: [a-z-], nothing to escape
  out += "\",\"summary\":{\"critical\":" + std::to_string(s.critical) + ",\"info\":" + std::to_string(s.info) +
         ",\"warning\":" + std::to_string(s.warning) + "},\"rules\":[";
  for (size_t i = 0; i < s.rules.size(); ++i) {
    if (i) out += ',';
    out += '"';
    out += s.rules[i];  // a catalogue id: [a-z0-9-], nothing to escape
    out += '"';
  }
  return out + "]";
}

}  // namespace mxray
