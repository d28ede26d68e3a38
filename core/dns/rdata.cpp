#include "dns/rdata.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <vector>

#include "dns/name.h"
#include "dns/types.h"
#include "dns/wire.h"

namespace mxray {
namespace {

// ---------------------------------------------------------------- helpers

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline char lower(char c) { return (c >= 'A' && c <= 'Z') ? char(c | 0x20) : c; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char kHexUpper[] = "0123456789ABCDEF";
constexpr char kHexLower[] = "0123456789abcdef";
constexpr char kBase32Hex[] = "0123456789ABCDEFGHIJKLMNOPQRSTUV";

using wire::get16;
using wire::get32;
using wire::put16;
using wire::put32;

void append_uint(std::string& out, uint64_t v) {
  char buf[24];
  size_t n = 0;
  do {
    buf[n++] = char('0' + v % 10);
    v /= 10;
  } while (v);
  while (n) out.push_back(buf[--n]);
}

// Base64 of all bytes (RFC 4648 §4, with padding).
void append_base64(std::string& out, std::string_view b) {
  size_t i = 0;
  for (; i + 3 <= b.size(); i += 3) {
    uint32_t v = (uint32_t(uint8_t(b[i])) << 16) | (uint32_t(uint8_t(b[i + 1])) << 8) | uint8_t(b[i + 2]);
    out.push_back(kBase64[v >> 18]);
    out.push_back(kBase64[(v >> 12) & 63]);
    out.push_back(kBase64[(v >> 6) & 63]);
    out.push_back(kBase64[v & 63]);
  }
  if (i + 1 == b.size()) {
    uint32_t v = uint32_t(uint8_t(b[i])) << 16;
    out.push_back(kBase64[v >> 18]);
    out.push_back(kBase64[(v >> 12) & 63]);
    out.append("==");
  } else if (i + 2 == b.size()) {
    uint32_t v = (uint32_t(uint8_t(b[i])) << 16) | (uint32_t(uint8_t(b[i + 1])) << 8);
    out.push_back(kBase64[v >> 18]);
    out.push_back(kBase64[(v >> 12) & 63]);
    out.push_back(kBase64[(v >> 6) & 63]);
    out.push_back('=');
  }
}

// Decodes base64 text (no blanks; padding required to a multiple of 4).
bool decode_base64(std::string_view t, std::string& out) {
  if (t.size() % 4 != 0) return false;
  for (size_t i = 0; i < t.size(); i += 4) {
    int v[4];
    int pad = 0;
    for (int k = 0; k < 4; ++k) {
      char c = t[i + k];
      if (c == '=') {
        // Padding only at the very end, in the last two places.
        if (i + 4 != t.size() || k < 2) return false;
        v[k] = 0;
        ++pad;
      } else {
        if (pad) return false;
        v[k] = base64_value(c);
        if (v[k] < 0) return false;
      }
    }
    uint32_t x = (uint32_t(v[0]) << 18) | (uint32_t(v[1]) << 12) | (uint32_t(v[2]) << 6) | uint32_t(v[3]);
    out.push_back(char(x >> 16));
    if (pad < 2) out.push_back(char((x >> 8) & 0xff));
    if (pad < 1) out.push_back(char(x & 0xff));
  }
  return true;
}

bool decode_hex(std::string_view t, std::string& out) {
  if (t.size() % 2 != 0) return false;
  for (size_t i = 0; i < t.size(); i += 2) {
    int a = hex_value(t[i]), b = hex_value(t[i + 1]);
    if (a < 0 || b < 0) return false;
    out.push_back(char((a << 4) | b));
  }
  return true;
}

void append_hex(std::string& out, std::string_view b, const char* digits) {
  for (char c : b) {
    out.push_back(digits[uint8_t(c) >> 4]);
    out.push_back(digits[uint8_t(c) & 15]);
  }
}

// base32hex without padding (RFC 4648 §7), used by NSEC3.
bool decode_base32hex(std::string_view t, std::string& out) {
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : t) {
    int v;
    char u = (c >= 'a' && c <= 'z') ? char(c - 32) : c;
    if (u >= '0' && u <= '9')
      v = u - '0';
    else if (u >= 'A' && u <= 'V')
      v = u - 'A' + 10;
    else
      return false;
    buffer = (buffer << 5) | uint32_t(v);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(char((buffer >> bits) & 0xff));
    }
  }
  // Leftover bits must be zero padding of the last quantum.
  return bits < 5 && (buffer & ((1u << bits) - 1)) == 0;
}

void append_base32hex(std::string& out, std::string_view b) {
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : b) {
    buffer = (buffer << 8) | uint8_t(c);
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out.push_back(kBase32Hex[(buffer >> bits) & 31]);
    }
  }
  if (bits > 0) out.push_back(kBase32Hex[(buffer << (5 - bits)) & 31]);
}

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

// ------------------------------------------------------------- SVCB params
// RFC 9460 §14.3.2 key registry.
constexpr std::string_view kSvcKeys[] = {"mandatory", "alpn", "no-default-alpn", "port", "ipv4hint", "ech", "ipv6hint"};

bool parse_svc_key(std::string_view t, uint16_t& key) {
  for (size_t i = 0; i < std::size(kSvcKeys); ++i)
    if (t == kSvcKeys[i]) {
      key = uint16_t(i);
      return true;
    }
  if (t.size() > 3 && t.substr(0, 3) == "key") {
    uint64_t v;
    std::string_view digits = t.substr(3);
    // No leading zeros (RFC 9460 §2.1: keyNNNNN without leading zeros).
    if (digits.size() > 1 && digits[0] == '0') return false;
    if (parse_decimal(digits, 65535, v) != NumberStatus::ok) return false;
    key = uint16_t(v);
    return true;
  }
  return false;
}

void append_svc_key(std::string& out, uint16_t key) {
  if (key < std::size(kSvcKeys)) {
    out.append(kSvcKeys[key]);
  } else {
    out.append("key");
    append_uint(out, key);
  }
}

// Splits an unescaped value list on commas; `\,` was resolved by the caller
// marking escaped commas, so here items come from the raw text.
bool split_value_list(std::string_view raw, std::vector<std::string>& items) {
  items.clear();
  std::string cur;
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '\\') {
      if (i + 1 >= raw.size()) return false;
      if (is_digit(raw[i + 1])) {
        if (i + 3 >= raw.size() || !is_digit(raw[i + 2]) || !is_digit(raw[i + 3])) return false;
        unsigned v = unsigned(raw[i + 1] - '0') * 100 + unsigned(raw[i + 2] - '0') * 10 + unsigned(raw[i + 3] - '0');
        if (v > 255) return false;
        cur.push_back(char(v));
        i += 3;
      } else {
        cur.push_back(raw[++i]);
      }
    } else if (c == ',') {
      items.push_back(std::move(cur));
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  items.push_back(std::move(cur));
  return true;
}

bool parse_svc_value(uint16_t key, std::string_view raw_text, bool has_value, std::string& w) {
  // Two levels of escapes (RFC 9460 Appendix A.1): the value is first a
  // <character-string>, then a comma-separated list in which "\," is a comma
  // inside an item.
  std::string raw_storage;
  if (!unescape(raw_text, raw_storage)) return false;
  std::string_view raw = raw_storage;
  std::vector<std::string> items;
  switch (key) {
    case 0: {  // mandatory: list of keys, sorted, no duplicates
      if (!has_value || !split_value_list(raw, items)) return false;
      std::vector<uint16_t> keys;
      for (auto& it : items) {
        uint16_t k;
        if (!parse_svc_key(it, k) || k == 0) return false;
        keys.push_back(k);
      }
      std::sort(keys.begin(), keys.end());
      if (std::adjacent_find(keys.begin(), keys.end()) != keys.end()) return false;
      for (uint16_t k : keys) put16(w, k);
      return true;
    }
    case 1: {  // alpn: non-empty ids, each with a length octet
      if (!has_value || !split_value_list(raw, items)) return false;
      for (auto& it : items) {
        if (it.empty() || it.size() > 255) return false;
        w.push_back(char(it.size()));
        w.append(it);
      }
      return true;
    }
    case 2:  // no-default-alpn: no value
      return !has_value || raw.empty();
    case 3: {
      uint64_t v;
      if (!has_value || parse_decimal(raw, 65535, v) != NumberStatus::ok) return false;
      put16(w, uint16_t(v));
      return true;
    }
    case 4:
    case 6: {
      if (!has_value || !split_value_list(raw, items)) return false;
      for (auto& it : items) {
        uint8_t a[16];
        if (key == 4) {
          if (!parse_ipv4(it, a)) return false;
          w.append(reinterpret_cast<char*>(a), 4);
        } else {
          if (!parse_ipv6(it, a)) return false;
          w.append(reinterpret_cast<char*>(a), 16);
        }
      }
      return true;
    }
    case 5:  // ech: base64 ECHConfigList
      return has_value && !raw.empty() && decode_base64(raw, w);
    default: w.append(raw); return true;
  }
}

// Writes an item of a value list with commas and backslashes escaped.
void append_list_item(std::string& out, std::string_view item) {
  for (char c : item) {
    uint8_t u = uint8_t(c);
    if (c == ',' || c == '\\') {
      // Escaped for the list, then that backslash escaped for the string.
      out.append(c == ',' ? "\\\\," : "\\\\\\\\");
    } else if (u < 0x21 || u > 0x7e || c == '"' || c == ';' || c == '(' || c == ')') {
      out.push_back('\\');
      out.push_back(char('0' + u / 100));
      out.push_back(char('0' + (u / 10) % 10));
      out.push_back(char('0' + u % 10));
    } else {
      out.push_back(c);
    }
  }
}

// True when the SvcParams in wire form `w` have a parameter `key`.
bool svc_key_present(std::string_view w, uint16_t key) {
  for (size_t p = 0; p + 4 <= w.size();) {
    uint16_t k = get16(w, p), len = get16(w, p + 2);
    if (k == key) return true;
    p += 4 + size_t(len);
  }
  return false;
}

bool print_svc_params(std::string& out, std::string_view w) {
  size_t p = 0;
  int32_t last = -1;
  while (p < w.size()) {
    if (p + 4 > w.size()) return false;
    uint16_t key = get16(w, p), len = get16(w, p + 2);
    p += 4;
    if (int32_t(key) <= last || p + len > w.size()) return false;
    last = key;
    std::string_view v = w.substr(p, len);
    p += len;
    out.push_back(' ');
    append_svc_key(out, key);
    switch (key) {
      case 0: {
        // Keys listed once, in increasing order, never "mandatory" itself,
        // and each present in this RDATA (RFC 9460 §8).
        if (len == 0 || len % 2) return false;
        out.push_back('=');
        int32_t prev = 0;
        for (size_t i = 0; i < len; i += 2) {
          uint16_t k = get16(v, i);
          if (int32_t(k) <= prev || !svc_key_present(w, k)) return false;
          prev = k;
          if (i) out.push_back(',');
          append_svc_key(out, k);
        }
        break;
      }
      case 1: {
        if (len == 0) return false;
        out.push_back('=');
        size_t i = 0;
        bool first = true;
        while (i < len) {
          uint8_t l = uint8_t(v[i++]);
          if (l == 0 || i + l > len) return false;
          if (!first) out.push_back(',');
          first = false;
          append_list_item(out, v.substr(i, l));
          i += l;
        }
        break;
      }
      case 2:
        if (len) return false;
        break;
      case 3:
        if (len != 2) return false;
        out.push_back('=');
        append_uint(out, get16(v, 0));
        break;
      case 4:
      case 6: {
        size_t step = key == 4 ? 4 : 16;
        if (len == 0 || len % step) return false;
        out.push_back('=');
        for (size_t i = 0; i < len; i += step) {
          if (i) out.push_back(',');
          if (key == 4)
            append_ipv4(out, reinterpret_cast<const uint8_t*>(v.data() + i));
          else
            append_ipv6(out, reinterpret_cast<const uint8_t*>(v.data() + i));
        }
        break;
      }
      case 5:
        out.push_back('=');
        append_base64(out, v);
        break;
      default:
        if (len) {
          out.push_back('=');
          append_quoted(out, v);
        }
    }
  }
  return true;
}

// -------------------------------------------------------------------- LOC
// RFC 1876 §3 and its appendix: sizes are mantissa * 10^exponent centimetres.

uint8_t encode_loc_size(uint64_t cm) {
  uint8_t exponent = 0;
  while (cm >= 10 && exponent < 9) {
    // Keep the most significant digit, like the RFC's reference code.
    if (cm < 10) break;
    cm /= 10;
    ++exponent;
  }
  if (cm > 9) cm = 9;
  return uint8_t((cm << 4) | exponent);
}

bool decode_loc_size(uint8_t v, uint64_t& cm) {
  uint8_t mantissa = v >> 4, exponent = v & 15;
  if (mantissa > 9 || exponent > 9) return false;
  cm = mantissa;
  for (int i = 0; i < exponent; ++i) cm *= 10;
  return true;
}

// A decimal with at most `decimals` fractional digits, scaled by 10^decimals.
bool parse_fixed(std::string_view t, unsigned decimals, bool allow_sign, int64_t& out) {
  bool neg = false;
  if (allow_sign && !t.empty() && t[0] == '-') {
    neg = true;
    t.remove_prefix(1);
  }
  if (t.empty()) return false;
  int64_t whole = 0;
  size_t i = 0;
  for (; i < t.size() && is_digit(t[i]); ++i) {
    whole = whole * 10 + (t[i] - '0');
    if (whole > 100000000000LL) return false;
  }
  if (i == 0) return false;
  int64_t frac = 0;
  unsigned digits = 0;
  if (i < t.size()) {
    if (t[i] != '.') return false;
    ++i;
    for (; i < t.size(); ++i) {
      if (!is_digit(t[i]) || digits == decimals) return false;
      frac = frac * 10 + (t[i] - '0');
      ++digits;
    }
  }
  for (; digits < decimals; ++digits) frac *= 10;
  int64_t scale = 1;
  for (unsigned k = 0; k < decimals; ++k) scale *= 10;
  out = whole * scale + frac;
  if (neg) out = -out;
  return true;
}

std::string_view strip_metres(std::string_view t) {
  if (!t.empty() && (t.back() == 'm' || t.back() == 'M')) t.remove_suffix(1);
  return t;
}

bool parse_loc(std::span<const TextToken> tk, std::string& w) {
  size_t i = 0;
  auto next = [&](std::string_view& s) {
    if (i >= tk.size() || tk[i].quoted) return false;
    s = tk[i++].text;
    return true;
  };
  uint32_t coord[2];
  for (int axis = 0; axis < 2; ++axis) {
    const uint64_t max_deg = axis == 0 ? 90 : 180;
    std::string_view s;
    if (!next(s)) return false;
    uint64_t deg, min = 0;
    int64_t msec = 0;
    if (parse_decimal(s, max_deg, deg) != NumberStatus::ok) return false;
    if (!next(s)) return false;
    auto is_hemisphere = [&](std::string_view h) {
      return h.size() == 1 && (axis == 0 ? (h[0] == 'N' || h[0] == 'S' || h[0] == 'n' || h[0] == 's')
                                         : (h[0] == 'E' || h[0] == 'W' || h[0] == 'e' || h[0] == 'w'));
    };
    if (!is_hemisphere(s)) {
      if (parse_decimal(s, 59, min) != NumberStatus::ok) return false;
      if (!next(s)) return false;
      if (!is_hemisphere(s)) {
        if (!parse_fixed(s, 3, false, msec) || msec >= 60000) return false;
        if (!next(s) || !is_hemisphere(s)) return false;
      }
    }
    uint64_t total = deg * 3600000 + min * 60000 + uint64_t(msec);
    if (total > max_deg * 3600000) return false;
    bool negative = s[0] == 'S' || s[0] == 's' || s[0] == 'W' || s[0] == 'w';
    coord[axis] = negative ? uint32_t((1ull << 31) - total) : uint32_t((1ull << 31) + total);
  }
  std::string_view s;
  if (!next(s)) return false;
  int64_t alt;
  // Altitude in metres, -100000.00 .. 42849672.95 (RFC 1876 §3).
  if (!parse_fixed(strip_metres(s), 2, true, alt) || alt < -10000000 || alt > 4284967295LL) return false;
  uint8_t sizes[3] = {0x12, 0x16, 0x13};  // defaults: 1m, 10000m, 10m
  for (int k = 0; k < 3 && i < tk.size(); ++k) {
    if (!next(s)) return false;
    int64_t cm;
    if (!parse_fixed(strip_metres(s), 2, false, cm) || cm > 9000000000LL) return false;
    sizes[k] = encode_loc_size(uint64_t(cm));
  }
  if (i != tk.size()) return false;
  w.push_back(0);  // version
  w.push_back(char(sizes[0]));
  w.push_back(char(sizes[1]));
  w.push_back(char(sizes[2]));
  put32(w, coord[0]);
  put32(w, coord[1]);
  put32(w, uint32_t(alt + 10000000));
  return true;
}

bool print_loc(std::string& out, std::string_view w) {
  if (w.size() != 16 || w[0] != 0) return false;
  uint64_t sizes[3];
  for (int k = 0; k < 3; ++k)
    if (!decode_loc_size(uint8_t(w[1 + k]), sizes[k])) return false;
  char buf[160];
  int n = 0;
  for (int axis = 0; axis < 2; ++axis) {
    int64_t v = int64_t(get32(w, 4 + 4 * axis)) - (1ll << 31);
    char hemi = axis == 0 ? (v < 0 ? 'S' : 'N') : (v < 0 ? 'W' : 'E');
    uint64_t a = uint64_t(v < 0 ? -v : v);
    n += std::snprintf(buf + n, sizeof buf - size_t(n), "%s%llu %llu %llu.%03llu %c", axis ? " " : "",
                       static_cast<unsigned long long>(a / 3600000), static_cast<unsigned long long>((a / 60000) % 60),
                       static_cast<unsigned long long>((a / 1000) % 60), static_cast<unsigned long long>(a % 1000),
                       hemi);
  }
  int64_t alt = int64_t(get32(w, 12)) - 10000000;
  uint64_t aa = uint64_t(alt < 0 ? -alt : alt);
  n += std::snprintf(buf + n, sizeof buf - size_t(n), " %s%llu.%02llum", alt < 0 ? "-" : "",
                     static_cast<unsigned long long>(aa / 100), static_cast<unsigned long long>(aa % 100));
  for (int k = 0; k < 3; ++k)
    n +=
        std::snprintf(buf + n, sizeof buf - size_t(n), " %llu.%02llum", static_cast<unsigned long long>(sizes[k] / 100),
                      static_cast<unsigned long long>(sizes[k] % 100));
  out.append(buf, size_t(n));
  return true;
}

// --------------------------------------------------------- type bit maps
// RFC 4034 §4.1.2: windows of up to 32 octets, in increasing order.

// On failure `bad` is the index of the token that is not a type.
bool parse_bitmap(std::span<const TextToken> tk, std::string& w, size_t& bad) {
  std::vector<uint16_t> types;
  types.reserve(tk.size());
  for (size_t i = 0; i < tk.size(); ++i) {
    bad = i;
    if (tk[i].quoted) return false;
    auto code = parse_type_name(tk[i].text);
    if (!code) return false;
    types.push_back(*code);
  }
  std::sort(types.begin(), types.end());
  types.erase(std::unique(types.begin(), types.end()), types.end());
  size_t i = 0;
  while (i < types.size()) {
    uint8_t window = uint8_t(types[i] >> 8);
    uint8_t bits[32] = {};
    int used = 0;
    while (i < types.size() && (types[i] >> 8) == window) {
      uint8_t low = uint8_t(types[i] & 0xff);
      bits[low / 8] |= uint8_t(0x80 >> (low % 8));
      used = low / 8 + 1;
      ++i;
    }
    w.push_back(char(window));
    w.push_back(char(used));
    w.append(reinterpret_cast<char*>(bits), size_t(used));
  }
  return true;
}

bool print_bitmap(std::string& out, std::string_view w) {
  size_t p = 0;
  int last_window = -1;
  while (p < w.size()) {
    if (p + 2 > w.size()) return false;
    uint8_t window = uint8_t(w[p]), len = uint8_t(w[p + 1]);
    p += 2;
    if (int(window) <= last_window || len == 0 || len > 32 || p + len > w.size()) return false;
    last_window = window;
    for (unsigned b = 0; b < len; ++b) {
      uint8_t octet = uint8_t(w[p + b]);
      for (unsigned bit = 0; bit < 8; ++bit)
        if (octet & (0x80 >> bit)) {
          out.push_back(' ');
          append_type_name(out, uint16_t(window * 256 + b * 8 + bit));
        }
    }
    p += len;
  }
  return true;
}

// ------------------------------------------------------------ text fields

// Which error a field kind reports when its token is malformed.
Code field_error(FieldKind k) {
  switch (k) {
    case FieldKind::u8:
    case FieldKind::u16:
    case FieldKind::u32:
    case FieldKind::algorithm:
    case FieldKind::cert_type: return Code::bad_number;
    case FieldKind::period: return Code::bad_ttl;
    case FieldKind::name: return Code::bad_name;
    case FieldKind::ipv4: return Code::bad_ipv4;
    case FieldKind::ipv6: return Code::bad_ipv6;
    case FieldKind::string:
    case FieldKind::strings:
    case FieldKind::caa_value:
    case FieldKind::uri_target: return Code::bad_escape;
    case FieldKind::base64: return Code::bad_base64;
    case FieldKind::hex:
    case FieldKind::salt:
    case FieldKind::base32hex: return Code::bad_hex;
    case FieldKind::time: return Code::bad_time;
    case FieldKind::rrtype:
    case FieldKind::type_bitmap: return Code::unknown_type;
    case FieldKind::caa_tag: return Code::bad_name;
    case FieldKind::loc: return Code::bad_loc;
    case FieldKind::svc_params: return Code::bad_svcparam;
  }
  return Code::bad_number;
}

bool kind_allows_quotes(FieldKind k) {
  return k == FieldKind::string || k == FieldKind::strings || k == FieldKind::caa_value || k == FieldKind::uri_target ||
         k == FieldKind::svc_params;
}

struct Cursor {
  std::span<const TextToken> tokens;
  size_t pos = 0;
};

// The fields of one token each: each parses `t` and appends it to `w`; the
// caller steps past the token. On failure err.code may be refined from the
// kind's default (field_error); err.token is the token's.

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

bool parse_name_field(const TextToken& t, std::string_view origin, std::string& w, RdataError& err) {
  WireName n;
  NameError e = parse_name(t.text, origin, n);
  if (e != NameError::none) {
    err.code = name_error_code(e);
    return false;
  }
  w.append(reinterpret_cast<const char*>(n.octets), n.length);
  return true;
}

bool parse_type_field(const TextToken& t, std::string& w) {
  auto code = parse_type_name(t.text);
  if (!code) return false;
  put16(w, *code);
  return true;
}

bool parse_address_field(FieldKind k, const TextToken& t, std::string& w) {
  uint8_t a[16];
  if (k == FieldKind::ipv4) {
    if (!parse_ipv4(t.text, a)) return false;
    w.append(reinterpret_cast<char*>(a), 4);
  } else {
    if (!parse_ipv6(t.text, a)) return false;
    w.append(reinterpret_cast<char*>(a), 16);
  }
  return true;
}

// CAA's value and URI's target: the unescaped text, no length octet.
bool parse_raw_text_field(FieldKind k, const TextToken& t, std::string& w, RdataError& err) {
  std::string bytes;
  if (!unescape(t.text, bytes)) return false;
  if (k == FieldKind::uri_target && bytes.empty()) {
    err.code = Code::missing_field;
    return false;
  }
  w.append(bytes);
  return true;
}

bool parse_caa_tag_field(const TextToken& t, std::string& w) {
  // RFC 8659 §4.1: tag is 1..15 ASCII letters and digits; allow up to 255
  // as a parser, the rules judge the tag.
  if (t.text.empty() || t.text.size() > 255) return false;
  for (char ch : t.text)
    if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || is_digit(ch))) return false;
  w.push_back(char(t.text.size()));
  w.append(t.text);
  return true;
}

// NSEC3's salt (hex or "-") and next hashed owner (base32hex), each with a
// length octet.
bool parse_counted_binary_field(FieldKind k, const TextToken& t, std::string& w) {
  std::string bytes;
  if (k == FieldKind::salt) {
    if (t.text != "-") {
      if (!decode_hex(t.text, bytes) || bytes.size() > 255) return false;
    }
  } else {
    if (!decode_base32hex(t.text, bytes) || bytes.empty() || bytes.size() > 255) return false;
  }
  w.push_back(char(bytes.size()));
  w.append(bytes);
  return true;
}

// The fields that take one token or more: each moves the cursor past what
// it took, and sets err.token on failure.

// <character-string>s: one (string) or all the rest (strings).
bool parse_strings_field(FieldKind k, Cursor& c, std::string& w, RdataError& err) {
  const auto& tk = c.tokens;
  size_t last = k == FieldKind::string ? c.pos + 1 : tk.size();
  std::string bytes;
  for (; c.pos < last; ++c.pos) {
    err.token = c.pos;
    bytes.clear();
    if (!unescape(tk[c.pos].text, bytes)) {
      err.code = Code::bad_escape;
      return false;
    }
    if (bytes.size() > 255) {
      err.code = Code::string_too_long;
      return false;
    }
    w.push_back(char(bytes.size()));
    w.append(bytes);
  }
  return true;
}

// Base64 or hex over the rest of the tokens, blanks between them ignored.
bool parse_binary_rest(FieldKind k, Cursor& c, std::string& w, RdataError& err) {
  const auto& tk = c.tokens;
  std::string joined;
  for (; c.pos < tk.size(); ++c.pos) {
    if (tk[c.pos].quoted) {
      err.token = c.pos;
      return false;
    }
    joined.append(tk[c.pos].text);
  }
  bool ok = k == FieldKind::base64 ? decode_base64(joined, w) : decode_hex(joined, w);
  err.token = tk.size() - 1;
  return ok;
}

bool parse_bitmap_rest(Cursor& c, std::string& w, RdataError& err) {
  size_t bad = 0;
  if (!parse_bitmap(c.tokens.subspan(c.pos), w, bad)) {
    err.token = c.pos + bad;
    return false;
  }
  c.pos = c.tokens.size();
  return true;
}

bool parse_loc_rest(Cursor& c, std::string& w) {
  if (!parse_loc(c.tokens.subspan(c.pos), w)) return false;
  c.pos = c.tokens.size();
  return true;
}

struct SvcParam {
  uint16_t key;
  std::string value;
};

// The key[=value] items, each key once; a value may be quoted and follow
// `key=` as a token of its own.
bool collect_svc_params(Cursor& c, std::vector<SvcParam>& params, RdataError& err) {
  const auto& tk = c.tokens;
  while (c.pos < tk.size()) {
    err.token = c.pos;
    const TextToken& kt = tk[c.pos];
    if (kt.quoted) return false;
    std::string_view item = kt.text;
    size_t eq = item.find('=');
    std::string_view key_text = item.substr(0, eq);
    std::string_view raw;
    bool has_value = eq != std::string_view::npos;
    if (has_value) {
      raw = item.substr(eq + 1);
      if (raw.empty() && c.pos + 1 < tk.size() && tk[c.pos + 1].quoted) raw = tk[++c.pos].text;
    }
    ++c.pos;
    uint16_t key;
    if (!parse_svc_key(key_text, key)) return false;
    for (const SvcParam& p : params)
      if (p.key == key) return false;  // a key may appear once
    std::string value;
    if (!parse_svc_value(key, raw, has_value, value) || value.size() > 65535) return false;
    params.push_back({key, std::move(value)});
  }
  return true;
}

// RFC 9460 §8: every key that "mandatory" lists must be present. `params`
// are sorted by key.
bool mandatory_keys_present(const std::vector<SvcParam>& params) {
  if (params.empty() || params[0].key != 0) return true;
  const std::string& m = params[0].value;
  for (size_t k = 0; k + 1 < m.size(); k += 2) {
    uint16_t need = uint16_t((uint8_t(m[k]) << 8) | uint8_t(m[k + 1]));
    bool present = false;
    for (const SvcParam& q : params) present = present || q.key == need;
    if (!present) return false;
  }
  return true;
}

bool parse_svc_params_rest(Cursor& c, std::string& w, RdataError& err) {
  std::vector<SvcParam> params;
  if (!collect_svc_params(c, params, err)) return false;
  std::sort(params.begin(), params.end(), [](const SvcParam& a, const SvcParam& b) { return a.key < b.key; });
  if (!mandatory_keys_present(params)) {
    err.token = c.tokens.size() - 1;
    return false;
  }
  for (const SvcParam& p : params) {
    put16(w, p.key);
    put16(w, uint16_t(p.value.size()));
    w.append(p.value);
  }
  return true;
}

// Only the "rest" kinds may be empty; of them TXT needs one string and the
// keys and digests need some data.
bool field_may_be_absent(FieldKind k) { return k == FieldKind::type_bitmap || k == FieldKind::svc_params; }

// Parses one field; on failure sets err.code and err.token.
bool parse_field(const FieldInfo& f, Cursor& c, std::string_view origin, std::string& w, RdataError& err) {
  err.field = f.name;
  if (c.pos >= c.tokens.size()) {
    if (field_may_be_absent(f.kind)) return true;
    err.code = Code::missing_field;
    err.token = c.pos;
    return false;
  }
  const TextToken& t = c.tokens[c.pos];
  err.token = c.pos;
  err.code = field_error(f.kind);
  if (t.quoted && !kind_allows_quotes(f.kind)) return false;
  bool ok = false;
  switch (f.kind) {
    case FieldKind::u8:
    case FieldKind::u16:
    case FieldKind::u32:
    case FieldKind::period:
    case FieldKind::time:
    case FieldKind::algorithm:
    case FieldKind::cert_type: ok = parse_number_field(f.kind, t, w, err); break;
    case FieldKind::name: ok = parse_name_field(t, origin, w, err); break;
    case FieldKind::rrtype: ok = parse_type_field(t, w); break;
    case FieldKind::ipv4:
    case FieldKind::ipv6: ok = parse_address_field(f.kind, t, w); break;
    case FieldKind::caa_value:
    case FieldKind::uri_target: ok = parse_raw_text_field(f.kind, t, w, err); break;
    case FieldKind::caa_tag: ok = parse_caa_tag_field(t, w); break;
    case FieldKind::salt:
    case FieldKind::base32hex: ok = parse_counted_binary_field(f.kind, t, w); break;
    case FieldKind::string:
    case FieldKind::strings: return parse_strings_field(f.kind, c, w, err);
    case FieldKind::base64:
    case FieldKind::hex: return parse_binary_rest(f.kind, c, w, err);
    case FieldKind::type_bitmap: return parse_bitmap_rest(c, w, err);
    case FieldKind::loc: return parse_loc_rest(c, w);
    case FieldKind::svc_params: return parse_svc_params_rest(c, w, err);
  }
  if (!ok) return false;
  ++c.pos;
  return true;
}

// ------------------------------------------------------------ wire fields

// Each writes the field at `p` of `w` and moves `p` past it; false when the
// wire is malformed.

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

bool print_name_field(std::string& out, std::string_view w, size_t& p) {
  size_t n = wire_name_size(w.substr(p));
  if (!n) return false;
  append_name_text(out, w.substr(p, n));
  p += n;
  return true;
}

bool print_type_field(std::string& out, std::string_view w, size_t& p) {
  if (p + 2 > w.size()) return false;
  append_type_name(out, get16(w, p));
  p += 2;
  return true;
}

bool print_address_field(std::string& out, FieldKind k, std::string_view w, size_t& p) {
  const size_t size = k == FieldKind::ipv4 ? 4 : 16;
  if (p + size > w.size()) return false;
  const auto* octets = reinterpret_cast<const uint8_t*>(w.data() + p);
  if (k == FieldKind::ipv4)
    append_ipv4(out, octets);
  else
    append_ipv6(out, octets);
  p += size;
  return true;
}

// One <character-string> (string) or all the rest (strings), quoted.
bool print_strings_field(std::string& out, FieldKind k, std::string_view w, size_t& p) {
  bool first = true;
  do {
    if (p + 1 > w.size()) return false;
    uint8_t len = uint8_t(w[p]);
    if (p + 1 + size_t(len) > w.size()) return false;
    if (!first) out.push_back(' ');
    first = false;
    append_quoted(out, w.substr(p + 1, len));
    p += 1 + size_t(len);
  } while (k == FieldKind::strings && p < w.size());
  return true;
}

bool print_raw_text_field(std::string& out, FieldKind k, std::string_view w, size_t& p) {
  if (k == FieldKind::uri_target && p == w.size()) return false;
  append_quoted(out, w.substr(p));
  p = w.size();
  return true;
}

bool print_caa_tag_field(std::string& out, std::string_view w, size_t& p) {
  if (p + 1 > w.size()) return false;
  uint8_t len = uint8_t(w[p]);
  if (len == 0 || p + 1 + size_t(len) > w.size()) return false;
  for (size_t i = 0; i < len; ++i) {
    char ch = w[p + 1 + i];
    if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || is_digit(ch))) return false;
  }
  out.append(w.substr(p + 1, len));
  p += 1 + size_t(len);
  return true;
}

// Base64 or hex of the rest: at least one octet.
bool print_binary_rest(std::string& out, FieldKind k, std::string_view w, size_t& p) {
  if (p == w.size()) return false;
  if (k == FieldKind::base64)
    append_base64(out, w.substr(p));
  else
    append_hex(out, w.substr(p), kHexUpper);
  p = w.size();
  return true;
}

// NSEC3's salt ("-" when empty) and next hashed owner (never empty).
bool print_counted_binary_field(std::string& out, FieldKind k, std::string_view w, size_t& p) {
  if (p + 1 > w.size()) return false;
  uint8_t len = uint8_t(w[p]);
  if ((k == FieldKind::base32hex && len == 0) || p + 1 + size_t(len) > w.size()) return false;
  if (k == FieldKind::base32hex)
    append_base32hex(out, w.substr(p + 1, len));
  else if (len == 0)
    out.push_back('-');
  else
    append_hex(out, w.substr(p + 1, len), kHexUpper);
  p += 1 + size_t(len);
  return true;
}

// The type bit map and the SvcParams write their own blank before each item:
// the one the caller wrote before the field goes.
bool print_bitmap_rest(std::string& out, std::string_view w, size_t& p) {
  if (!out.empty() && out.back() == ' ') out.pop_back();
  if (!print_bitmap(out, w.substr(p))) return false;
  p = w.size();
  return true;
}

bool print_svc_params_rest(std::string& out, std::string_view w, size_t& p) {
  if (!out.empty() && out.back() == ' ') out.pop_back();
  if (!print_svc_params(out, w.substr(p))) return false;
  p = w.size();
  return true;
}

bool print_loc_rest(std::string& out, std::string_view w, size_t& p) {
  if (!print_loc(out, w.substr(p))) return false;
  p = w.size();
  return true;
}

// Writes one field from wire at `p`; false when the wire is malformed.
bool print_field(std::string& out, FieldKind k, std::string_view w, size_t& p) {
  switch (k) {
    case FieldKind::u8:
    case FieldKind::algorithm:
    case FieldKind::u16:
    case FieldKind::cert_type:
    case FieldKind::u32:
    case FieldKind::period:
    case FieldKind::time: return print_number_field(out, k, w, p);
    case FieldKind::rrtype: return print_type_field(out, w, p);
    case FieldKind::name: return print_name_field(out, w, p);
    case FieldKind::ipv4:
    case FieldKind::ipv6: return print_address_field(out, k, w, p);
    case FieldKind::string:
    case FieldKind::strings: return print_strings_field(out, k, w, p);
    case FieldKind::caa_value:
    case FieldKind::uri_target: return print_raw_text_field(out, k, w, p);
    case FieldKind::base64:
    case FieldKind::hex: return print_binary_rest(out, k, w, p);
    case FieldKind::salt:
    case FieldKind::base32hex: return print_counted_binary_field(out, k, w, p);
    case FieldKind::caa_tag: return print_caa_tag_field(out, w, p);
    case FieldKind::type_bitmap: return print_bitmap_rest(out, w, p);
    case FieldKind::loc: return print_loc_rest(out, w, p);
    case FieldKind::svc_params: return print_svc_params_rest(out, w, p);
  }
  return false;
}

bool print_rdata(std::string& out, const RRType& t, std::string_view w) {
  size_t p = 0;
  for (size_t i = 0; i < t.field_count; ++i) {
    if (i) out.push_back(' ');
    if (!print_field(out, t.fields[i].kind, w, p)) return false;
  }
  return p == w.size();
}

}  // namespace

// ------------------------------------------------------------- public API

Code name_error_code(NameError e) {
  switch (e) {
    case NameError::bad_escape: return Code::bad_escape;
    case NameError::label_too_long: return Code::label_too_long;
    case NameError::name_too_long: return Code::name_too_long;
    case NameError::missing_origin: return Code::missing_origin;
    default: return Code::bad_name;
  }
}

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

bool unescape(std::string_view text, std::string& out) {
  size_t i = 0;
  while (i < text.size()) {
    size_t next = text.find('\\', i);
    if (next == std::string_view::npos) {
      out.append(text.substr(i));
      return true;
    }
    out.append(text.substr(i, next - i));
    i = next + 1;
    if (i >= text.size()) return false;
    if (is_digit(text[i])) {
      if (i + 3 > text.size() || !is_digit(text[i + 1]) || !is_digit(text[i + 2])) return false;
      unsigned v = unsigned(text[i] - '0') * 100 + unsigned(text[i + 1] - '0') * 10 + unsigned(text[i + 2] - '0');
      if (v > 255) return false;
      out.push_back(char(v));
      i += 3;
    } else {
      out.push_back(text[i++]);
    }
  }
  return true;
}

std::string txt_strings_joined(std::string_view rdata) {
  std::string out;
  size_t i = 0;
  while (i < rdata.size()) {
    size_t n = uint8_t(rdata[i]);
    out.append(rdata.substr(i + 1, std::min(n, rdata.size() - i - 1)));
    i += 1 + n;
  }
  return out;
}

void append_quoted(std::string& out, std::string_view bytes) {
  out.push_back('"');
  for (char c : bytes) {
    uint8_t u = uint8_t(c);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (u < 0x20 || u > 0x7e) {
      out.push_back('\\');
      out.push_back(char('0' + u / 100));
      out.push_back(char('0' + (u / 10) % 10));
      out.push_back(char('0' + u % 10));
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
}

bool parse_ipv4(std::string_view t, uint8_t out[4]) {
  // Four decimal octets, no empty octet and no leading zero (which
  // inet_aton would read as octal).
  const char* p = t.data();
  const char* const end = p + t.size();
  for (int part = 0; part < 4; ++part) {
    if (part) {
      if (p == end || *p != '.') return false;
      ++p;
    }
    if (p == end) return false;
    const unsigned d0 = unsigned(*p - '0');
    if (d0 > 9) return false;
    unsigned v = d0;
    ++p;
    if (p != end && unsigned(*p - '0') <= 9) {
      if (d0 == 0) return false;
      v = v * 10 + unsigned(*p++ - '0');
      if (p != end && unsigned(*p - '0') <= 9) {
        v = v * 10 + unsigned(*p++ - '0');
        if (v > 255) return false;
      }
    }
    out[part] = uint8_t(v);
  }
  return p == end;
}

namespace {
constexpr auto kHexDigit = [] {
  std::array<int8_t, 256> t{};
  for (auto& v : t) v = -1;
  for (int c = '0'; c <= '9'; ++c) t[size_t(c)] = int8_t(c - '0');
  for (int c = 'a'; c <= 'f'; ++c) t[size_t(c)] = int8_t(c - 'a' + 10);
  for (int c = 'A'; c <= 'F'; ++c) t[size_t(c)] = int8_t(c - 'A' + 10);
  return t;
}();

// Writes eight groups with a "::" gap at `gap` (or none when < 0).
bool assemble_ipv6(const uint16_t* groups, int count, int gap, uint8_t out[16]) {
  if (gap < 0 ? count != 8 : count > 7) return false;
  const int zeros = 8 - count;
  int o = 0;
  for (int g = 0; g <= count; ++g) {
    if (g == gap)
      for (int z = 0; z < zeros; ++z) out[o++] = 0, out[o++] = 0;
    if (g == count) break;
    out[o++] = uint8_t(groups[g] >> 8);
    out[o++] = uint8_t(groups[g] & 0xff);
  }
  return o == 16;
}
}  // namespace

// The common form, hex groups only (no '.'), in one pass.
bool parse_ipv6_hex_groups(std::string_view t, uint8_t out[16]) {
  uint16_t groups[8];
  int count = 0, gap = -1;
  size_t i = 0;
  const size_t len = t.size();
  if (len < 2) return false;
  if (t[0] == ':') {
    if (t[1] != ':') return false;
    gap = 0;
    i = 2;
    if (i == len) {
      std::memset(out, 0, 16);
      return true;
    }
  }
  for (;;) {
    uint32_t v = 0;
    int digits = 0;
    for (; i < len; ++i) {
      const int h = kHexDigit[uint8_t(t[i])];
      if (h < 0) break;
      v = (v << 4) | uint32_t(h);
      if (++digits > 4) return false;
    }
    if (digits == 0 || count == 8) return false;
    groups[count++] = uint16_t(v);
    if (i == len) break;
    if (t[i] != ':') return false;
    ++i;
    if (i < len && t[i] == ':') {
      if (gap >= 0) return false;
      gap = count;
      ++i;
      if (i == len) break;
    } else if (i == len) {
      return false;  // a trailing single ':'
    }
  }
  return assemble_ipv6(groups, count, gap, out);
}

// RFC 4291 §2.2: up to eight groups of 1-4 hex digits, one "::", and an
// optional dotted quad in the last 32 bits.
bool parse_ipv6_general(std::string_view t, uint8_t out[16]) {
  uint16_t groups[8];
  int count = 0, gap = -1;
  size_t i = 0;
  if (t.size() < 2) return false;
  if (t[0] == ':') {
    if (t[1] != ':') return false;
    gap = 0;
    i = 2;
    if (i == t.size()) {
      std::memset(out, 0, 16);
      return true;
    }
  }
  while (i < t.size()) {
    // Dotted quad at the end?
    size_t j = i;
    while (j < t.size() && t[j] != ':' && t[j] != '.') ++j;
    if (j < t.size() && t[j] == '.') {
      uint8_t q[4];
      if (count > 6 || !parse_ipv4(t.substr(i), q)) return false;
      groups[count++] = uint16_t(q[0] << 8 | q[1]);
      groups[count++] = uint16_t(q[2] << 8 | q[3]);
      i = t.size();
      break;
    }
    if (j == i || j - i > 4 || count == 8) return false;
    uint16_t v = 0;
    for (size_t k = i; k < j; ++k) {
      int h = hex_value(t[k]);
      if (h < 0) return false;
      v = uint16_t(v << 4 | h);
    }
    groups[count++] = v;
    i = j;
    if (i == t.size()) break;
    ++i;  // the ':'
    if (i < t.size() && t[i] == ':') {
      if (gap >= 0) return false;
      gap = count;
      ++i;
      if (i == t.size()) break;
    } else if (i == t.size()) {
      return false;  // trailing single ':'
    }
  }
  if (gap < 0 ? count != 8 : count > 7) return false;
  int zeros = 8 - count;
  int o = 0;
  for (int g = 0; g < count; ++g) {
    if (g == gap)
      for (int z = 0; z < zeros; ++z) out[o++] = 0, out[o++] = 0;
    out[o++] = uint8_t(groups[g] >> 8);
    out[o++] = uint8_t(groups[g] & 0xff);
  }
  if (gap == count)
    for (int z = 0; z < zeros; ++z) out[o++] = 0, out[o++] = 0;
  return o == 16;
}

bool parse_ipv6(std::string_view t, uint8_t out[16]) {
  // A dotted-quad tail takes the general path.
  return t.find('.') == std::string_view::npos ? parse_ipv6_hex_groups(t, out) : parse_ipv6_general(t, out);
}

void append_ipv4(std::string& out, const uint8_t* a) {
  for (int i = 0; i < 4; ++i) {
    if (i) out.push_back('.');
    append_uint(out, a[i]);
  }
}

void append_ipv6(std::string& out, const uint8_t* a) {
  // RFC 5952 §4: lowercase, no leading zeros, the longest run (>= 2) of zero
  // groups shortened to "::", the first one on a tie.
  uint16_t g[8];
  for (int i = 0; i < 8; ++i) g[i] = uint16_t(a[2 * i] << 8 | a[2 * i + 1]);
  // RFC 5952 §5: an IPv4-mapped address ends in dotted decimal.
  if (!g[0] && !g[1] && !g[2] && !g[3] && !g[4] && g[5] == 0xffff) {
    out.append("::ffff:");
    append_ipv4(out, a + 12);
    return;
  }
  int best = -1, best_len = 0;
  for (int i = 0; i < 8;) {
    if (g[i] != 0) {
      ++i;
      continue;
    }
    int j = i;
    while (j < 8 && g[j] == 0) ++j;
    if (j - i > best_len) best = i, best_len = j - i;
    i = j;
  }
  if (best_len < 2) best = -1;
  for (int i = 0; i < 8; ++i) {
    if (i == best) {
      out.append("::");
      i += best_len - 1;
      continue;
    }
    if (i && i != best + best_len) out.push_back(':');
    char buf[5];
    int n = 0;
    bool lead = true;
    for (int s = 12; s >= 0; s -= 4) {
      int d = (g[i] >> s) & 15;
      if (lead && d == 0 && s) continue;
      lead = false;
      buf[n++] = kHexLower[d];
    }
    out.append(buf, size_t(n));
  }
}

bool parse_rdata(uint16_t type, std::span<const TextToken> tokens, std::string_view origin, std::string& wire,
                 RdataError& err) {
  const size_t start = wire.size();
  if (!tokens.empty() && !tokens[0].quoted && tokens[0].text == "\\#") {
    // RFC 3597 §5: \# <length> <hex words>
    err.field = "rdata";
    uint64_t len;
    if (tokens.size() < 2) {
      err.code = Code::missing_field;
      err.token = 1;
      return false;
    }
    if (tokens[1].quoted || parse_decimal(tokens[1].text, kMaxRdataLength, len) != NumberStatus::ok) {
      err.code = Code::bad_generic;
      err.token = 1;
      return false;
    }
    std::string joined;
    for (size_t i = 2; i < tokens.size(); ++i) {
      if (tokens[i].quoted) {
        err.code = Code::bad_generic;
        err.token = i;
        return false;
      }
      joined.append(tokens[i].text);
    }
    err.token = tokens.size() - 1;
    err.code = Code::bad_generic;
    if (!decode_hex(joined, wire) || wire.size() - start != len) return false;
    // A known type in generic form must still be well-formed for its type.
    return rdata_is_well_formed(type, std::string_view(wire).substr(start));
  }
  const RRType* t = find_type(type);
  if (!t) {
    // RFC 3597 §5: an unknown type can only be written in generic form.
    err.code = Code::bad_generic;
    err.token = 0;
    err.field = "rdata";
    return false;
  }
  Cursor c{tokens, 0};
  for (size_t i = 0; i < t->field_count; ++i)
    if (!parse_field(t->fields[i], c, origin, wire, err)) return false;
  if (c.pos < tokens.size()) {
    err.code = Code::extra_field;
    err.token = c.pos;
    err.field = "";
    return false;
  }
  if (wire.size() - start > kMaxRdataLength) {
    err.code = Code::rdata_too_long;
    err.token = tokens.empty() ? 0 : tokens.size() - 1;
    return false;
  }
  return true;
}

void append_generic_rdata(std::string& out, std::string_view wire) {
  out.append("\\# ");
  append_uint(out, wire.size());
  if (!wire.empty()) {
    out.push_back(' ');
    append_hex(out, wire, kHexLower);
  }
}

void append_rdata_text(std::string& out, uint16_t type, std::string_view wire) {
  const RRType* t = find_type(type);
  if (t) {
    size_t mark = out.size();
    if (print_rdata(out, *t, wire)) return;
    out.resize(mark);
  }
  append_generic_rdata(out, wire);
}

bool rdata_is_well_formed(uint16_t type, std::string_view wire) {
  const RRType* t = find_type(type);
  if (!t) return true;
  std::string scratch;
  return print_rdata(scratch, *t, wire);
}

// RFC 4648 §4 alphabet.
int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

}  // namespace mxray
