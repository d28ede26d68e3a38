// Zones as text and JSON: one record per line for `dump`, and the
// diagnostics as data for the shells (which own the words).
#pragma once

#include <string>

#include <nlohmann/json_fwd.hpp>

#include "zone/zone.h"

namespace mxray {

// "owner TTL CLASS TYPE rdata", owner absolute; with `generic` the RDATA is
// always RFC 3597 `\# LEN HEX`, for byte-exact comparison with other tools;
// without it a known proxy status follows as a comment (" ; cf-proxied:true").
void append_record_text(std::string& out, const RecordView& r, bool generic);

nlohmann::json diagnostic_to_json(const Diagnostic& d);
// {format, apex, files, records, rejected, errors, diagnostics: [...]}
nlohmann::json zone_summary_json(const Zone& zone);

}  // namespace mxray
