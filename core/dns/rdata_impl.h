// Internal to the RDATA codec (core/dns/rdata*.cpp): what its pieces share.
// rdata.cpp drives the type table (dns/types.h) and hands each field to the
// piece for its shape: numbers, names, addresses, text, binary data, LOC and
// SvcParams. The public API is dns/rdata.h.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "dns/rdata.h"
#include "dns/types.h"
#include "dns/wire.h"

namespace mxray::rdata_impl {

using wire::get16;
using wire::get32;
using wire::put16;
using wire::put32;

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

inline int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

inline constexpr char kHexUpper[] = "0123456789ABCDEF";
inline constexpr char kHexLower[] = "0123456789abcdef";

// RFC 1035 §5.1's \DDD: an octet as three decimal digits after a backslash.
inline void append_decimal_escape(std::string& out, unsigned u) {
  out.push_back('\\');
  out.push_back(char('0' + u / 100));
  out.push_back(char('0' + (u / 10) % 10));
  out.push_back(char('0' + u % 10));
}

inline void append_uint(std::string& out, uint64_t v) {
  char buf[24];
  size_t n = 0;
  do {
    buf[n++] = char('0' + v % 10);
    v /= 10;
  } while (v);
  while (n) out.push_back(buf[--n]);
}

// The tokens of one record's RDATA and the next one to read.
struct Cursor {
  std::span<const TextToken> tokens;
  size_t pos = 0;
  RdataSplit* split = nullptr;  // parse_rdata's: over-long TXT strings are split when set
};

// Each field parser below appends the wire form of its field to `w`.
// Those given one token parse it (the caller steps past it, and has set
// err.code to the kind's error, which they may refine); those given the
// cursor take one token or more, move the cursor past them, and set
// err.token on failure.
// Each printer writes the field at `p` of `w` and moves `p` past it; false
// when the wire is malformed.

// rdata_numbers.cpp: u8, u16, u32, period, time, algorithm, cert_type.
bool parse_number_field(FieldKind k, const TextToken& t, std::string& w, RdataError& err);
bool print_number_field(std::string& out, FieldKind k, std::string_view w, size_t& p);

// rdata_names.cpp: domain names, type mnemonics and type bit maps.
bool parse_name_field(const TextToken& t, std::string_view origin, std::string& w, RdataError& err);
bool parse_type_field(const TextToken& t, std::string& w);
bool parse_bitmap_rest(Cursor& c, std::string& w, RdataError& err);
bool print_name_field(std::string& out, std::string_view w, size_t& p);
bool print_type_field(std::string& out, std::string_view w, size_t& p);
bool print_bitmap_rest(std::string& out, std::string_view w, size_t& p);

// rdata_addresses.cpp: ipv4, ipv6.
bool parse_address_field(FieldKind k, const TextToken& t, std::string& w);
bool print_address_field(std::string& out, FieldKind k, std::string_view w, size_t& p);
// parse_ipv6's two paths, apart for tests/fuzz/fuzz_fastpath.cpp: the hex
// groups alone (text without '.') in one pass, and the general one, which
// also takes a dotted-quad tail. For text without '.' both give the same.
bool parse_ipv6_hex_groups(std::string_view t, uint8_t out[16]);
bool parse_ipv6_general(std::string_view t, uint8_t out[16]);

// rdata_text.cpp: <character-string>s, CAA's tag and value, URI's target.
bool parse_strings_field(FieldKind k, Cursor& c, std::string& w, RdataError& err);
bool parse_raw_text_field(FieldKind k, const TextToken& t, std::string& w, RdataError& err);
bool parse_caa_tag_field(const TextToken& t, std::string& w);
bool print_strings_field(std::string& out, FieldKind k, std::string_view w, size_t& p);
bool print_raw_text_field(std::string& out, FieldKind k, std::string_view w, size_t& p);
bool print_caa_tag_field(std::string& out, std::string_view w, size_t& p);

// rdata_binary.cpp: base64, hex, NSEC3's salt and base32hex hash.
bool decode_base64(std::string_view t, std::string& out);
void append_base64(std::string& out, std::string_view b);
bool decode_hex(std::string_view t, std::string& out);
void append_hex(std::string& out, std::string_view b, const char* digits);
bool parse_binary_rest(FieldKind k, Cursor& c, std::string& w, RdataError& err);
bool parse_counted_binary_field(FieldKind k, const TextToken& t, std::string& w);
bool print_binary_rest(std::string& out, FieldKind k, std::string_view w, size_t& p);
bool print_counted_binary_field(std::string& out, FieldKind k, std::string_view w, size_t& p);

// rdata_loc.cpp: LOC (RFC 1876), the whole RDATA.
bool parse_loc_rest(Cursor& c, std::string& w);
bool print_loc_rest(std::string& out, std::string_view w, size_t& p);

// rdata_svcb.cpp: the SvcParams of SVCB and HTTPS (RFC 9460).
bool parse_svc_params_rest(Cursor& c, std::string& w, RdataError& err);
bool print_svc_params_rest(std::string& out, std::string_view w, size_t& p);

// rdata_rare.cpp: the kinds of the rarer types (u64 and after in FieldKind).
bool parse_rare_field(FieldKind k, Cursor& c, std::string_view origin, std::string& w, RdataError& err);
bool print_rare_field(std::string& out, FieldKind k, std::string_view w, size_t& p);
bool rare_kind_may_be_absent(FieldKind k);
Code rare_kind_error(FieldKind k);

}  // namespace mxray::rdata_impl
