// LOC RDATA (RFC 1876): position, altitude and precision.
#include "dns/rdata_impl.h"

#include <cstdio>

namespace mxray::rdata_impl {
namespace {

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

}  // namespace

bool parse_loc_rest(Cursor& c, std::string& w) {
  if (!parse_loc(c.tokens.subspan(c.pos), w)) return false;
  c.pos = c.tokens.size();
  return true;
}

bool print_loc_rest(std::string& out, std::string_view w, size_t& p) {
  if (!print_loc(out, w.substr(p))) return false;
  p = w.size();
  return true;
}

}  // namespace mxray::rdata_impl
