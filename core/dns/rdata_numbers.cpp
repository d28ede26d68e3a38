// Numeric fields of RDATA: plain integers, TTL-style periods, DNSSEC times
// and the mnemonics that stand for numbers (algorithms, CERT types).
#include "dns/rdata_impl.h"

#include <cstdio>

namespace mxray::rdata_impl {
namespace {

inline char lower(char c) { return (c >= 'A' && c <= 'Z') ? char(c | 0x20) : c; }

// Days since 1970-01-01 of a proleptic Gregorian date (era-based formula).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = unsigned(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + int64_t(doe) - 719468;
}

void civil_from_days(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = unsigned(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = int64_t(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

bool is_leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// RRSIG time: YYYYMMDDHHmmSS (UTC) or a plain number of seconds (RFC 4034 §3.2).
bool parse_time(std::string_view t, uint32_t& out) {
  if (t.size() == 14) {
    for (char c : t)
      if (!is_digit(c)) return false;
    auto num = [&](size_t p, size_t n) {
      unsigned v = 0;
      for (size_t i = 0; i < n; ++i) v = v * 10 + unsigned(t[p + i] - '0');
      return v;
    };
    int64_t y = num(0, 4);
    unsigned mo = num(4, 2), d = num(6, 2), h = num(8, 2), mi = num(10, 2), s = num(12, 2);
    static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (mo < 1 || mo > 12 || d < 1) return false;
    unsigned dim = kDays[mo - 1] + (mo == 2 && is_leap(y) ? 1 : 0);
    if (d > dim || h > 23 || mi > 59 || s > 59) return false;
    int64_t secs = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
    // Serial number arithmetic (RFC 1982): the value is taken modulo 2^32.
    out = uint32_t(uint64_t(secs) & 0xffffffffu);
    return true;
  }
  uint64_t v;
  if (parse_decimal(t, 0xffffffffu, v) != NumberStatus::ok) return false;
  out = uint32_t(v);
  return true;
}

void append_time(std::string& out, uint32_t v) {
  int64_t secs = v;
  int64_t days = secs / 86400, rem = secs % 86400;
  int64_t y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  char buf[32];
  int n = std::snprintf(buf, sizeof buf, "%04lld%02u%02u%02u%02u%02u", static_cast<long long>(y), m, d,
                        unsigned(rem / 3600), unsigned((rem / 60) % 60), unsigned(rem % 60));
  out.append(buf, size_t(n));
}

// DNSSEC algorithm mnemonics (RFC 8624 §3.1, IANA registry).
struct Mnemonic {
  std::string_view name;
  uint16_t value;
};

constexpr Mnemonic kAlgorithms[] = {
    {"RSAMD5", 1},
    {"DH", 2},
    {"DSA", 3},
    {"RSASHA1", 5},
    {"DSA-NSEC3-SHA1", 6},
    {"RSASHA1-NSEC3-SHA1", 7},
    {"RSASHA256", 8},
    {"RSASHA512", 10},
    {"ECC-GOST", 12},
    {"ECDSAP256SHA256", 13},
    {"ECDSAP384SHA384", 14},
    {"ED25519", 15},
    {"ED448", 16},
    {"INDIRECT", 252},
    {"PRIVATEDNS", 253},
    {"PRIVATEOID", 254},
};

// CERT types (RFC 4398 §2.1).
constexpr Mnemonic kCertTypes[] = {
    {"PKIX", 1}, {"SPKI", 2},   {"PGP", 3},     {"IPKIX", 4}, {"ISPKI", 5},
    {"IPGP", 6}, {"ACPKIX", 7}, {"IACPKIX", 8}, {"URI", 253}, {"OID", 254},
};

template <size_t N>
bool parse_mnemonic(std::string_view t, const Mnemonic (&table)[N], uint64_t max, uint64_t& v) {
  if (parse_decimal(t, max, v) == NumberStatus::ok) return true;
  for (const Mnemonic& m : table) {
    if (m.name.size() != t.size()) continue;
    bool eq = true;
    for (size_t i = 0; i < t.size() && eq; ++i) eq = (t[i] >= 'a' && t[i] <= 'z' ? char(t[i] - 32) : t[i]) == m.name[i];
    if (eq) {
      v = m.value;
      return true;
    }
  }
  return false;
}

}  // namespace

bool parse_number_field(FieldKind k, const TextToken& t, std::string& w, RdataError& err) {
  uint64_t v = 0;
  auto number = [&](uint64_t max) {
    NumberStatus s = parse_decimal(t.text, max, v);
    if (s == NumberStatus::overflow) err.code = Code::number_overflow;
    return s == NumberStatus::ok;
  };
  switch (k) {
    case FieldKind::u8:
      if (!number(0xff)) return false;
      w.push_back(char(v));
      return true;
    case FieldKind::u16:
      if (!number(0xffff)) return false;
      put16(w, uint16_t(v));
      return true;
    case FieldKind::u32:
      if (!number(0xffffffffu)) return false;
      put32(w, uint32_t(v));
      return true;
    case FieldKind::period: {
      uint32_t p;
      if (parse_period(t.text, p) != NumberStatus::ok) return false;
      put32(w, p);
      return true;
    }
    case FieldKind::time: {
      uint32_t secs;
      if (!parse_time(t.text, secs)) return false;
      put32(w, secs);
      return true;
    }
    case FieldKind::algorithm:
      if (!parse_mnemonic(t.text, kAlgorithms, 0xff, v)) return false;
      w.push_back(char(v));
      return true;
    case FieldKind::cert_type:
      if (!parse_mnemonic(t.text, kCertTypes, 0xffff, v)) return false;
      put16(w, uint16_t(v));
      return true;
    default: return false;
  }
}

bool print_number_field(std::string& out, FieldKind k, std::string_view w, size_t& p) {
  const size_t size = k == FieldKind::u8 || k == FieldKind::algorithm    ? 1
                      : k == FieldKind::u16 || k == FieldKind::cert_type ? 2
                                                                         : 4;
  if (p + size > w.size()) return false;
  if (size == 1)
    append_uint(out, uint8_t(w[p]));
  else if (size == 2)
    append_uint(out, get16(w, p));
  else if (k == FieldKind::time)
    append_time(out, get32(w, p));
  else
    append_uint(out, get32(w, p));
  p += size;
  return true;
}

}  // namespace mxray::rdata_impl

namespace mxray {

using namespace rdata_impl;

NumberStatus parse_decimal(std::string_view text, uint64_t max, uint64_t& value) {
  if (text.empty()) return NumberStatus::bad;
  uint64_t v = 0;
  bool overflow = false;  // only once every character is known to be a digit
  for (char c : text) {
    if (!is_digit(c)) return NumberStatus::bad;
    const uint64_t digit = uint64_t(c - '0');
    if (v > (UINT64_MAX - digit) / 10) overflow = true;
    v = v * 10 + digit;
  }
  if (overflow || v > max) return NumberStatus::overflow;
  value = v;
  return NumberStatus::ok;
}

NumberStatus parse_period(std::string_view text, uint32_t& value) {
  if (text.empty()) return NumberStatus::bad;
  uint64_t total = 0, cur = 0;
  bool digits = false, any_unit = false;
  for (char c : text) {
    if (is_digit(c)) {
      cur = cur * 10 + uint64_t(c - '0');
      if (cur > 0xffffffffull) return NumberStatus::overflow;
      digits = true;
      continue;
    }
    uint64_t mult;
    switch (lower(c)) {
      case 's': mult = 1; break;
      case 'm': mult = 60; break;
      case 'h': mult = 3600; break;
      case 'd': mult = 86400; break;
      case 'w': mult = 604800; break;
      default: return NumberStatus::bad;
    }
    if (!digits) return NumberStatus::bad;
    total += cur * mult;
    if (total > 0xffffffffull) return NumberStatus::overflow;
    cur = 0;
    digits = false;
    any_unit = true;
  }
  if (digits) {
    // A bare number may not follow units ("1h30" is ambiguous; BIND rejects it).
    if (any_unit) return NumberStatus::bad;
    total += cur;
  }
  if (total > 0xffffffffull) return NumberStatus::overflow;
  value = uint32_t(total);
  return NumberStatus::ok;
}

}  // namespace mxray
