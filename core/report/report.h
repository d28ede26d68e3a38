// The report: one versioned JSON document per check ("mxray-report/1"),
// built from a finished Session. Every shell renders it; the README
// documents its fields.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "model/mail_model.h"
#include "session/session.h"

namespace mxray {

inline constexpr std::string_view kReportSchema = "mxray-report/1";

struct ReportOptions {
  ModelOptions model;
  // The main-file text of each uploaded zone, in Session::zones() order,
  // for the corrected zone, the diff and the record ids of API JSON.
  std::span<const std::string_view> texts;
  // The server's address, stated by the user: fills the fix's
  // {origin-ipv4} / {origin-ipv6} placeholders. Empty: not stated.
  std::string origin;
};

// Problems with the options, before any work: "bad-origin", or empty.
std::string_view report_options_error(const ReportOptions& o);

// {schema, domain, mode, inputs: {zones: [...]}, panel, summary: {critical,
//  warning, info}, findings: [...], names: [...], fix: {edits, notes,
//  placeholders, origin, zones: [{index, file, changed, text, diff,
//  applied, skipped}], cloudflare_import, cloudflare_batch, curl, plan},
//  stats: {zones, records, rounds, questions, unknown, spf_lookups,
//  budget_hits}, diagnostics: [{zone, file, line, column, code, severity, ...}]}
// The shell adds what the core cannot know: the resolver, timings.
nlohmann::json build_report(const Session& session, const ReportOptions& options);

}  // namespace mxray
