// The zone engine's fast paths against its general paths, on the same
// input: each fast path must give exactly what the general one gives, or
// decline. Shared by tests/fuzz/fuzz_fastpath.cpp (any bytes) and
// tests/unit/test_parser.cpp (every record of tests/corpus). Each check
// returns nullptr when the paths agree, else what differs.
#pragma once

#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>

#include "dns/name.h"
#include "dns/name_impl.h"
#include "dns/rdata.h"
#include "dns/rdata_impl.h"
#include "dns/types.h"
#include "zone/fast_paths.h"
#include "zone/scan.h"

namespace mxray::fastpath {

// fast_rdata against parse_rdata for the RDATA tokens `rd` of a record of
// `type`. `took` tells whether the fast path gave an answer (true) or
// declined; `buffer` holds kFastRdataBufferSize bytes.
inline const char* check_rdata(uint16_t type, std::span<const TextToken> rd, std::string_view origin, char* buffer,
                               bool& took) {
  const size_t n = fast_rdata(type, rd, origin, buffer);
  took = n != 0;
  if (!took) return nullptr;
  std::string wire;
  RdataError error;
  RdataSplit split;  // as the zone parser asks: TXT strings over 255 octets split
  if (!parse_rdata(type, rd, origin, wire, error, &split)) return "fast_rdata took RDATA that parse_rdata refuses";
  if (split.happened()) return "fast_rdata took a string over 255 octets, which parse_rdata splits with a warning";
  if (wire != std::string_view(buffer, n - 1)) return "fast_rdata and parse_rdata give different RDATA";
  return nullptr;
}

// parse_name_to (plain names in one pass) against its general path, with
// `origin` (wire form, may be empty).
inline const char* check_name(std::string_view t, std::string_view origin) {
  if (t.size() < 2) return nullptr;  // "@" and "." alone: read before either path
  uint8_t fast[kMaxNameLength + 8], general[kMaxNameLength + 8];
  size_t fast_length = 0, general_length = 0;
  const NameError fast_error = parse_name_to(t, origin, fast, fast_length);
  if (fast_error != parse_name_slow(t, origin, general, general_length))
    return "parse_name_to's error differs from its general path's";
  if (fast_error == NameError::none && (fast_length != general_length || std::memcmp(fast, general, fast_length) != 0))
    return "parse_name_to's name differs from its general path's";
  return nullptr;
}

// The record head's fast paths (type, class, TTL, u16 fields), parse_ipv6's
// hex-groups path and parse_name_to's plain path, for one token; names are
// completed with `origin`.
inline const char* check_token(const TextToken& token, std::string_view origin) {
  const std::string_view t = token.text;
  if (const char* difference = check_name(t, origin)) return difference;
  if (type_code_of(t) != parse_type_name(t)) return "type_code_of differs from parse_type_name";
  if (class_name(t) != parse_class_name(t)) return "class_name differs from parse_class_name";
  uint32_t fast_ttl = 0, ttl = 0;
  const bool fast_ttl_ok = ttl_value(t, fast_ttl);
  if (fast_ttl_ok != (parse_period(t, ttl) == NumberStatus::ok) || (fast_ttl_ok && fast_ttl != ttl))
    return "ttl_value differs from parse_period";
  uint16_t fast_u16 = 0;
  if (u16_value(token, fast_u16)) {
    uint64_t u16 = 0;
    if (token.quoted || parse_decimal(t, 0xffff, u16) != NumberStatus::ok || u16 != fast_u16)
      return "u16_value differs from parse_decimal";
  }
  if (t.find('.') == std::string_view::npos) {
    uint8_t fast[16] = {}, general[16] = {};
    const bool fast_ok = rdata_impl::parse_ipv6_hex_groups(t, fast);
    if (fast_ok != rdata_impl::parse_ipv6_general(t, general) || (fast_ok && std::memcmp(fast, general, 16) != 0))
      return "parse_ipv6's hex-groups path differs from its general path";
  }
  return nullptr;
}

// The bytes' classes one at a time: the general path of the scanners.
inline scan::BlockBits classify_bytes(const char* p, size_t n) {
  scan::BlockBits b;
  for (size_t i = 0; i < n; ++i) {
    b.ends |= uint64_t(scan::ends_token(p[i])) << i;
    b.blanks |= uint64_t(scan::is_blank(p[i])) << i;
  }
  return b;
}

// The lexer's scanners (zone/scan.h) against byte-at-a-time loops, from `p`
// to `end` (at most 64 bytes further, so that a check costs little).
inline const char* check_scanners(const char* p, const char* end) {
  const char* q = p;
  while (q < end && !scan::ends_token(*q)) ++q;
  if (scan::token_end(p, end) != q) return "scan::token_end differs from ends_token()";
  for (q = p; q < end && scan::is_blank(*q);) ++q;
  if (scan::skip_blanks(p, end) != q) return "scan::skip_blanks differs from is_blank()";
  for (q = p; q < end && *q != '\n';) ++q;
  if (scan::find(p, end, '\n') != q) return "scan::find differs from a byte loop";
  for (q = p; q < end && *q != '"' && *q != '\\' && *q != '\n';) ++q;
  if (scan::quote_stop(p, end) != q) return "scan::quote_stop differs from a byte loop";
  const size_t n = size_t(end - p);
  if (n >= 64) {
    const scan::BlockBits want = classify_bytes(p, 64);
    scan::BlockBits got = scan::classify_block(p);
    if (got.ends != want.ends || got.blanks != want.blanks) return "scan::classify_block differs";
#if defined(__SSE2__)
    got = scan::classify_block_sse2(p);
    if (got.ends != want.ends || got.blanks != want.blanks) return "scan::classify_block_sse2 differs";
#endif
#ifdef MXRAY_SCAN_AVX2
    if (scan::has_avx2()) {
      got = scan::classify_block_avx2(p);
      if (got.ends != want.ends || got.blanks != want.blanks) return "scan::classify_block_avx2 differs";
    }
#endif
  } else {
    // Past the input's end every position ends a token and none is blank.
    scan::BlockBits want = classify_bytes(p, n);
    want.ends |= ~uint64_t(0) << n;
    const scan::BlockBits got = scan::classify_tail(p, n);
    if (got.ends != want.ends || got.blanks != want.blanks) return "scan::classify_tail differs";
  }
  return nullptr;
}

}  // namespace mxray::fastpath
