// Records from Cloudflare's API v4 JSON (GET /zones/{zone_id}/dns_records
// and the single-record answers), for users who cannot or will not export a
// BIND file. The JSON is untrusted: every value is type-checked before use.
#pragma once

#include <cstdint>
#include <string_view>

#include "zone/parser.h"
#include "zone/zone.h"

namespace mxray {

// Appends the records of a Cloudflare API v4 JSON document to `zone`.
// `file` is the index in zone.files used in spans and diagnostics.
//
// Accepted shapes:
//   {"result":[record, ...], "result_info":{...}, ...}   a list-records page
//   {"result":record, ...}                                a single-record answer
//   [record, ...]                                         bare records
//   [{"result":[...]}, {"result":[...]}, ...]             several pages
//   record                                                one bare record
// An array item with a "result" member is a page, any other item a record.
// A page with "success": false reports the API's first error message.
// Record fields used: name, type, content, ttl, proxied, priority, data,
// settings.flatten_cname, zone_name. Owners and names in content are
// absolute even without a trailing dot. ttl 1 is "automatic": stored as 1
// with kRecordTtlAuto; an absent ttl is the API's default, automatic too.
// proxied true/false gives Proxied::yes/no; absent or null, unknown.
// TXT/SPF content in quotes is presentation form; any other content is the
// raw text, cut into 255-octet strings (RFC 1035 §3.3.14).
//
// A syntax error gives one json_syntax diagnostic at the failing byte and no
// records. A bad record gives one diagnostic and is skipped (counted in
// zone.rejected_records); the others are kept. Diagnostics and spans point
// at the line and column (1-based, in bytes) of the record's '{'; the span
// covers the object from '{' to '}' inclusive. A diagnostic's `field` is the
// JSON member involved ("content", "priority", "data.port", "ttl"), `token`
// the offending value and, for RDATA errors, `detail` the RDATA field name
// from the type table ("exchange").
//
// Sets zone.apex from the first record's zone_name when the apex is empty
// (else from options.origin), and zone.format when it is automatic. Honours
// options.limits (input size, record count, diagnostic cap). No I/O, no
// exceptions.
void import_cloudflare_json(std::string_view text, uint32_t file, Zone& zone, const ParseOptions& options);

}  // namespace mxray
