// RDATA in presentation form <-> wire form, driven by the type table
// (dns/types.h). Unknown types, and known ones written as `\# LEN HEX`,
// follow RFC 3597 §5.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "dns/diagnostic.h"
#include "dns/name.h"

namespace mxray {

// One token of presentation text, as the zone lexer cut it. `text` still
// holds its escapes; quotes are not part of it.
struct TextToken {
  std::string_view text;
  uint32_t line = 0;
  uint32_t column = 0;
  bool quoted = false;
};

struct RdataError {
  Code code{};
  size_t token = 0;        // index of the offending token (== count when missing)
  std::string_view field;  // field name from the type table
  // When not empty, what to show instead of the token's text: an SVCB
  // parameter whose quoted value is a token of its own (`alpn="h2,,h3"`)
  // is shown whole, not cut at the quote.
  std::string shown;
};

inline constexpr size_t kMaxRdataLength = 65535;

// Where parse_rdata split a TXT or SPF <character-string> longer than 255
// octets into strings of 255 (RFC 1035 §3.3.14: readers join a TXT's
// strings, RFC 7208 §3.3, so the split loses nothing). `token` is the first
// such token, or kNone; `octets` its length after unescaping.
struct RdataSplit {
  static constexpr size_t kNone = ~size_t(0);
  size_t token = kNone;
  size_t octets = 0;
  bool happened() const { return token != kNone; }
};

// Appends the wire form of `tokens` (the RDATA of one record of `type`) to
// `wire`. Names are completed with `origin` (wire form, may be empty).
// On failure returns false, leaves `wire` in an unspecified state and fills
// `error`. Without `split`, a TXT or SPF string over 255 octets is the error
// string-too-long (DNS answers, which cannot hold one); with it, the string
// is split and `split` says where (zone files, which may).
bool parse_rdata(uint16_t type, std::span<const TextToken> tokens, std::string_view origin, std::string& wire,
                 RdataError& error, RdataSplit* split = nullptr);

// Appends the presentation form of wire RDATA. Types without a table entry,
// and RDATA that does not match its type's layout, are written as RFC 3597.
void append_rdata_text(std::string& out, uint16_t type, std::string_view wire);
// Always RFC 3597: `\# LEN HEX` (lowercase, continuous; `\# 0` when empty).
void append_generic_rdata(std::string& out, std::string_view wire);
// True when `wire` is well-formed for `type` (always true for unknown types).
bool rdata_is_well_formed(uint16_t type, std::string_view wire);

// Shared helpers, also used by the zone parser.
// The diagnostic code for a name that did not parse.
Code name_error_code(NameError e);
enum class NumberStatus : uint8_t { ok, bad, overflow };
NumberStatus parse_decimal(std::string_view text, uint64_t max, uint64_t& value);
// TTL in seconds, or with BIND's units (1w2d3h4m5s, case-insensitive).
NumberStatus parse_period(std::string_view text, uint32_t& value);
// Resolves \X and \DDD. False on a malformed escape.
bool unescape(std::string_view text, std::string& out);
// The value of a base64 digit (RFC 4648 §4), or -1.
int base64_value(char c);
// TXT RDATA as one string: its <character-string>s joined with nothing
// between them, as SPF, DKIM and DMARC read them (RFC 7208 §3.3).
std::string txt_strings_joined(std::string_view rdata);
// Appends `bytes` as a quoted <character-string>, escaping as RFC 1035 §5.1.
void append_quoted(std::string& out, std::string_view bytes);
bool parse_ipv4(std::string_view text, uint8_t out[4]);
bool parse_ipv6(std::string_view text, uint8_t out[16]);
void append_ipv4(std::string& out, const uint8_t* octets);
void append_ipv6(std::string& out, const uint8_t* octets);

}  // namespace mxray
