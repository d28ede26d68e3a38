// IPv4 and IPv6 addresses in RDATA: text (RFC 4291 §2.2, RFC 5952) and wire.
#include "dns/rdata_impl.h"

#include <array>
#include <cstring>

namespace mxray::rdata_impl {
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

}  // namespace mxray::rdata_impl

namespace mxray {

using namespace rdata_impl;

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

}  // namespace mxray
