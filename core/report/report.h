// The report: one versioned JSON document per check ("mxray-report/2"),
// read from the check's Analysis (analysis.h). Every shell renders it;
// docs/report.md documents its fields.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "fix/fix.h"
#include "report/analysis.h"
#include "session/session.h"

namespace mxray {

inline constexpr std::string_view kReportSchema = "mxray-report/2";

// What the report needs besides the Analysis.
struct ReportTexts {
  // The main-file text of each uploaded zone, in Session::zones() order,
  // for the corrected zone, the diff and the record ids of API JSON.
  std::span<const std::string_view> texts;
  // False: the document leaves out the corrected zones' text and the
  // Cloudflare import file (each about the size of the input), for shells
  // that take them as bytes from fix_outputs() instead.
  bool include_texts = true;
};

// The analysis options and the report's texts together, for callers that
// check once and want one document (tests, fuzzers).
struct ReportOptions {
  ModelOptions model;
  std::span<const std::string_view> texts;
  std::string origin;  // as AnalysisOptions::origin
  bool include_texts = true;
};

// One uploaded zone with the fix written into it, byte for byte: JSON
// strings cannot carry a file that is not UTF-8 (Shift_JIS comments, say),
// so shells that write the zone or the diff to a file take these bytes.
struct ZoneFixOutput {
  size_t index = 0;
  std::string file;  // the label the diff names
  CorrectedZone corrected;
  bool changed = false;
  std::string diff;  // unified diff; empty when unchanged
  bool utf8 = true;  // the input text is valid UTF-8
};

struct FixOutputs {
  std::vector<ZoneFixOutput> zones;  // the zones that came with a text
  // The Cloudflare import file of the zone in use for the domain: only
  // the records to add (fix/cloudflare.h); none when the fix adds nothing.
  std::optional<std::string> cloudflare_import;
};

// The fix written out, as build_report() writes it into "fix".
FixOutputs fix_outputs(const Analysis& analysis, std::span<const std::string_view> texts);

// {schema, domain, mode, inputs: {zones: [...]}, panel, summary: {critical,
//  warning, info}, findings: [...], names: [...], fix: {edits, notes,
//  placeholders, origin, zones: [{index, file, changed, text, diff,
//  applied, skipped}], cloudflare_import, cloudflare_batch, curl, plan},
//  stats: {zones, records, rounds, questions, unknown, spf_lookups,
//  budget_hits}, diagnostics: [{zone, file, line, column, code, severity, ...}]}
// The shell adds what the core cannot know: the resolver, timings.
nlohmann::json build_report(const Analysis& analysis, const ReportTexts& texts);

// One Analysis, then its report or its fix: for a caller that wants only one.
nlohmann::json build_report(const Session& session, const ReportOptions& options);
FixOutputs fix_outputs(const Session& session, const ReportOptions& options);

// True when `s` is well-formed UTF-8 (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF).
bool valid_utf8(std::string_view s);

// Problems with the options, before any work: "bad-origin", or empty.
std::string_view report_options_error(const ReportOptions& o);

}  // namespace mxray
