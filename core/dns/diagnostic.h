// Diagnostics: one table of stable codes. Words live in www/lib/messages;
// the core hands out codes, positions and the offending token only.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace mxray {

enum class Severity : uint8_t { error, warning };

// X(identifier, stable-name, default severity)
#define MXRAY_DIAGNOSTIC_CODES(X)                    \
  X(unterminated_quote, "unterminated-quote", error) \
  X(unbalanced_paren, "unbalanced-paren", error)     \
  X(unclosed_paren, "unclosed-paren", error)         \
  X(bad_escape, "bad-escape", error)                 \
  X(missing_owner, "missing-owner", error)           \
  X(missing_ttl, "missing-ttl", error)               \
  X(bad_ttl, "bad-ttl", error)                       \
  X(ttl_too_large, "ttl-too-large", warning)         \
  X(unknown_type, "unknown-type", error)             \
  X(unknown_class, "unknown-class", error)           \
  X(missing_field, "missing-field", error)           \
  X(extra_field, "extra-field", error)               \
  X(bad_number, "bad-number", error)                 \
  X(number_overflow, "number-overflow", error)       \
  X(bad_name, "bad-name", error)                     \
  X(label_too_long, "label-too-long", error)         \
  X(name_too_long, "name-too-long", error)           \
  X(missing_origin, "missing-origin", error)         \
  X(bad_ipv4, "bad-ipv4", error)                     \
  X(bad_ipv6, "bad-ipv6", error)                     \
  X(string_too_long, "string-too-long", error)       \
  X(bad_base64, "bad-base64", error)                 \
  X(bad_hex, "bad-hex", error)                       \
  X(bad_generic, "bad-generic", error)               \
  X(bad_time, "bad-time", error)                     \
  X(bad_loc, "bad-loc", error)                       \
  X(bad_svcparam, "bad-svcparam", error)             \
  X(rdata_too_long, "rdata-too-long", error)         \
  X(bad_directive, "bad-directive", error)           \
  X(include_not_found, "include-not-found", error)   \
  X(include_depth, "include-depth", error)           \
  X(include_loop, "include-loop", error)             \
  X(include_limit, "include-limit", error)           \
  X(include_outside, "include-outside", error)       \
  X(bad_generate, "bad-generate", error)             \
  X(generate_limit, "generate-limit", error)         \
  X(class_mismatch, "class-mismatch", error)         \
  X(bad_cf_tags, "bad-cf-tags", warning)             \
  X(input_too_large, "input-too-large", error)       \
  X(too_many_records, "too-many-records", error)     \
  X(entry_too_long, "entry-too-long", error)         \
  X(too_many_errors, "too-many-errors", error)       \
  X(json_syntax, "json-syntax", error)               \
  X(json_record, "json-record", error)               \
  X(unknown_format, "unknown-format", error)         \
  X(txt_string_split, "txt-string-split", warning)   \
  X(out_of_zone, "out-of-zone", warning)             \
  X(name_nul, "name-nul", warning)                   \
  X(utf8_bom, "utf8-bom", warning)                   \
  X(bad_base32, "bad-base32", error)                 \
  X(bad_caa_tag, "bad-caa-tag", error)               \
  X(bad_address, "bad-address", error)

enum class Code : uint8_t {
#define MXRAY_X(id, name, sev) id,
  MXRAY_DIAGNOSTIC_CODES(MXRAY_X)
#undef MXRAY_X
};

std::string_view code_name(Code code);
Severity default_severity(Code code);
// Every code, for catalogue checks.
std::string_view code_name_at(size_t index);
size_t code_count();

// One problem found in an input. `line`/`column` are where the parser
// noticed it (1-based); `record_line` is where the record starts, which is
// not always the same (a missing ')' is noticed at the end of the file).
struct Diagnostic {
  Code code{};
  Severity severity = Severity::error;
  uint32_t file = 0;
  uint32_t line = 0;
  uint32_t column = 0;
  uint32_t record_line = 0;
  std::string token;   // the offending token, at most 80 bytes
  std::string field;   // RDATA field or directive involved ("priority")
  std::string type;    // RR type mnemonic ("MX"), or directive ("$TTL")
  std::string detail;  // extra parameter (a limit, an include path)
};

}  // namespace mxray
