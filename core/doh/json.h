// DoH answers in the JSON form (application/dns-json) that Cloudflare's and
// Google's resolvers serve. There is no RFC for it (Cloudflare's docs say so);
// both follow Google's schema: Status, TC, RD, RA, AD, CD, Question, Answer,
// Authority, Additional, Comment, with `data` in presentation form for known
// types and hex for unknown ones. See docs/sources.md#doh-json.
#pragma once

#include <string>
#include <string_view>

#include "dns/message.h"

namespace mxray {

enum class DohJsonError : uint8_t {
  none,
  not_json,      // does not parse as JSON
  not_object,    // top level is not an object
  bad_status,    // Status missing or not 0..4095
  bad_flag,      // TC/RD/RA/AD/CD present but not a boolean
  bad_question,  // Question entry without a valid name/type
  bad_record,    // Answer/Authority/Additional entry without name/type/TTL/data
  bad_data,      // `data` does not parse for the record's type
  too_large,     // over kMaxDohJsonBytes: no answer of 65535 wire octets needs more
  too_deep,      // arrays and objects nested deeper than kMaxDohJsonDepth
};

// A DoH JSON answer holds at most a 65535-octet message; written as JSON
// (names and RDATA as text, TXT escaped) that is well under 1 MiB.
inline constexpr size_t kMaxDohJsonBytes = size_t(1) << 20;
// The answer format nests three levels (object, section array, record);
// anything far deeper is not an answer, and is refused before it is parsed.
inline constexpr unsigned kMaxDohJsonDepth = 16;
std::string_view doh_json_error_name(DohJsonError e);

struct DohJsonProblem {
  DohJsonError error = DohJsonError::none;
  std::string detail;  // which entry and what was wrong, for the report
};

// Decodes one JSON answer into the same Message the wire decoder produces:
// flags and RCODE from the booleans and Status, records with their RDATA in
// uncompressed wire form. All-or-nothing: any bad entry rejects the answer.
bool decode_doh_json(std::string_view text, Message& out, DohJsonProblem& problem);

}  // namespace mxray
