// Shared pieces of the libFuzzer targets: the whole offline check (rules,
// fix, report) over whatever zones or answers a target produced, so every
// target also drives the code downstream of its parser.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dns/rdata.h"
#include "report/report.h"
#include "session/session.h"
#include "zone/zone.h"

namespace mxray::fuzz {

// Stops the run with a message: libFuzzer saves the input as a crash.
[[noreturn]] inline void fail(const char* what) {
  std::fprintf(stderr, "fuzz check failed: %s\n", what);
  __builtin_trap();
}

inline void check(bool ok, const char* what) {
  if (!ok) fail(what);
}

// Prints every record's RDATA, as a dump would.
inline void print_records(const Zone& zone) {
  std::string line;
  for (size_t i = 0; i < zone.size(); ++i) {
    RecordView r = zone.record(i);
    line.clear();
    append_rdata_text(line, r.type, r.rdata);
  }
}

// The report of a finished session, with the texts the zones came from;
// its JSON must serialise (replacing bytes that are not UTF-8). Returns it.
inline nlohmann::json report_and_dump(const Session& session, std::vector<std::string_view> texts) {
  ReportOptions o;
  o.texts = texts;
  nlohmann::json r = build_report(session, o);
  std::string text = r.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  check(!text.empty(), "empty report");
  // A zone the fix leaves alone comes back byte for byte. The report holds
  // what fix_outputs() gives (both come from one writer), so the fix is not
  // worked out a second time.
  const nlohmann::json& zones = r["fix"]["zones"];
  check(zones.size() == texts.size(), "a corrected zone for each text");
  for (const nlohmann::json& z : zones)
    if (!z["changed"].get<bool>())
      check(z["text"].get_ref<const std::string&>() == texts[z["index"].get<size_t>()], "unchanged zone differs");
  return r;
}

}  // namespace mxray::fuzz
