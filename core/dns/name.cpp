#include "dns/name.h"

#include <bit>
#include <cstring>

#include "dns/name_impl.h"

namespace mxray {
namespace {

inline uint8_t ascii_lower(uint8_t c) { return (c >= 'A' && c <= 'Z') ? uint8_t(c | 0x20) : c; }

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The high bit of every zero octet of x, exactly (no false positives).
inline uint64_t zero_bytes(uint64_t x) {
  constexpr uint64_t kLow7 = 0x7f7f7f7f7f7f7f7fu;
  return ~(((x & kLow7) + kLow7) | x | kLow7);
}

}  // namespace

// The general reader: escapes, and every error in the order it is met.
NameError parse_name_slow(std::string_view text, std::string_view origin, uint8_t* o, size_t& length) {
  size_t pos = 0;          // next free octet
  size_t label_start = 0;  // where the current label's length octet is
  size_t label_len = 0;
  bool absolute = false;
  // Reserve the length octet of the first label.
  o[0] = 0;
  pos = 1;
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end) {
    // A run of plain octets is copied at once.
    const char* run = p;
    while (p < end && *p != '.' && *p != '\\') ++p;
    if (size_t n = size_t(p - run)) {
      if (label_len + n > kMaxLabelLength) return NameError::label_too_long;
      if (pos + n >= kMaxNameLength) return NameError::name_too_long;
      std::memcpy(o + pos, run, n);
      pos += n;
      label_len += n;
      if (p == end) break;
    }
    char c = *p;
    if (c == '.') {
      if (label_len == 0) return NameError::bad_name;  // empty label
      o[label_start] = uint8_t(label_len);
      ++p;
      if (p == end) {
        absolute = true;
        break;
      }
      if (pos >= kMaxNameLength) return NameError::name_too_long;
      label_start = pos++;
      label_len = 0;
      continue;
    }
    // An escape: \DDD or \X.
    uint8_t octet;
    ++p;
    if (p == end) return NameError::bad_escape;
    if (is_digit(*p)) {
      if (end - p < 3 || !is_digit(p[1]) || !is_digit(p[2])) return NameError::bad_escape;
      unsigned v = unsigned(p[0] - '0') * 100 + unsigned(p[1] - '0') * 10 + unsigned(p[2] - '0');
      if (v > 255) return NameError::bad_escape;
      octet = uint8_t(v);
      p += 3;
    } else {
      octet = uint8_t(*p++);
    }
    if (label_len == kMaxLabelLength) return NameError::label_too_long;
    if (pos >= kMaxNameLength) return NameError::name_too_long;
    o[pos++] = octet;
    ++label_len;
  }
  if (!absolute) {
    o[label_start] = uint8_t(label_len);
    if (origin.empty()) return NameError::missing_origin;
    if (pos + origin.size() > kMaxNameLength) return NameError::name_too_long;
    std::memcpy(o + pos, origin.data(), origin.size());
    pos += origin.size();
  } else {
    if (pos >= kMaxNameLength) return NameError::name_too_long;
    o[pos++] = 0;
  }
  length = pos;
  return NameError::none;
}

NameError parse_name(std::string_view text, std::string_view origin, WireName& out) {
  out.length = 0;
  size_t length;
  const NameError e = parse_name_to(text, origin, out.octets, length);
  if (e == NameError::none) out.length = uint8_t(length);
  return e;
}

NameError parse_name_to(std::string_view text, std::string_view origin, uint8_t* const o, size_t& length) {
  const size_t n = text.size();
  if (n == 0) return NameError::bad_name;
  const char* const t = text.data();
  if (n == 1) {
    if (t[0] == '@') {
      if (origin.empty()) return NameError::missing_origin;
      std::memcpy(o, origin.data(), origin.size());
      length = origin.size();
      return NameError::none;
    }
    if (t[0] == '.') {
      o[0] = 0;
      length = 1;
      return NameError::none;
    }
  }
  // Without escapes the wire form is the text shifted by one octet, each dot
  // replaced by the length of the label after it (a trailing dot by the root
  // label's 0). Names that are not plain, or near a length limit, take the
  // general reader, which finds the same result or the error.
  if (n <= kMaxNameLength - 2) {
    size_t label_start = 0;  // index in `text` of the current label
    size_t i = 0;
    bool plain = true;
    // Eight octets at a time, up to a backslash (little-endian: the first
    // octet is the lowest).
    for (; std::endian::native == std::endian::little && i + 8 <= n; i += 8) {
      uint64_t w;
      std::memcpy(&w, t + i, 8);
      if (zero_bytes(w ^ 0x5c5c5c5c5c5c5c5cu)) break;
      std::memcpy(o + i + 1, &w, 8);
      for (uint64_t dots = zero_bytes(w ^ 0x2e2e2e2e2e2e2e2eu); dots; dots &= dots - 1) {
        const size_t dot = i + size_t(std::countr_zero(dots) / 8);
        const size_t len = dot - label_start;
        if (len == 0 || len > kMaxLabelLength) plain = false;
        o[label_start] = uint8_t(len);
        label_start = dot + 1;
      }
    }
    for (; plain && i < n; ++i) {
      const char c = t[i];
      o[i + 1] = uint8_t(c);
      if (c == '.') {
        const size_t len = i - label_start;
        if (len == 0 || len > kMaxLabelLength) break;
        o[label_start] = uint8_t(len);
        label_start = i + 1;
      } else if (c == '\\') {
        break;
      }
    }
    if (plain && i == n) {
      if (label_start == n) {  // absolute: the trailing dot became the root label
        o[n] = 0;
        length = n + 1;
        return NameError::none;
      }
      const size_t len = n - label_start;
      if (len <= kMaxLabelLength && !origin.empty() && n + 1 + origin.size() <= kMaxNameLength) {
        o[label_start] = uint8_t(len);
        std::memcpy(o + n + 1, origin.data(), origin.size());
        length = n + 1 + origin.size();
        return NameError::none;
      }
    }
  }
  return parse_name_slow(text, origin, o, length);
}

size_t wire_name_size(std::string_view bytes) {
  size_t pos = 0;
  while (pos < bytes.size()) {
    uint8_t len = uint8_t(bytes[pos]);
    if (len == 0) return pos + 1 <= kMaxNameLength ? pos + 1 : 0;
    if (len > kMaxLabelLength) return 0;
    pos += 1 + len;
    if (pos >= kMaxNameLength) return 0;
  }
  return 0;
}

void append_name_text(std::string& out, std::string_view wire) {
  size_t pos = 0;
  if (wire.size() <= 1) {
    out.push_back('.');
    return;
  }
  while (pos < wire.size()) {
    uint8_t len = uint8_t(wire[pos++]);
    if (len == 0) break;
    for (size_t i = 0; i < len && pos < wire.size(); ++i) {
      uint8_t c = uint8_t(wire[pos++]);
      switch (c) {
        case '"':
        case '(':
        case ')':
        case '.':
        case ';':
        case '\\':
        case '@':
        case '$':
          out.push_back('\\');
          out.push_back(char(c));
          break;
        default:
          if (c <= 0x20 || c >= 0x7f) {
            out.push_back('\\');
            out.push_back(char('0' + c / 100));
            out.push_back(char('0' + (c / 10) % 10));
            out.push_back(char('0' + c % 10));
          } else {
            out.push_back(char(c));
          }
      }
    }
    out.push_back('.');
  }
}

std::string name_text(std::string_view wire) {
  std::string s;
  append_name_text(s, wire);
  return s;
}

bool names_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(uint8_t(a[i])) != ascii_lower(uint8_t(b[i]))) return false;
  return true;
}

unsigned label_count(std::string_view wire) {
  unsigned n = 0;
  size_t pos = 0;
  while (pos < wire.size() && wire[pos] != 0) {
    pos += 1 + uint8_t(wire[pos]);
    ++n;
  }
  return n;
}

bool name_is_under(std::string_view name, std::string_view zone) {
  if (zone.size() > name.size()) return false;
  // Walk labels of `name` until the remaining suffix has zone's length; it
  // must start on a label boundary to count.
  size_t pos = 0;
  while (pos < name.size() && name.size() - pos > zone.size()) pos += 1 + uint8_t(name[pos]);
  return pos <= name.size() && name.size() - pos == zone.size() && names_equal(name.substr(pos), zone);
}

bool prefixed_name(std::initializer_list<std::string_view> labels, std::string_view base, WireName& out) {
  if (base.empty()) return false;
  size_t total = base.size();
  for (std::string_view l : labels) {
    if (l.empty() || l.size() > kMaxLabelLength) return false;
    total += 1 + l.size();
  }
  if (total > kMaxNameLength) return false;
  size_t at = 0;
  for (std::string_view l : labels) {
    out.octets[at++] = uint8_t(l.size());
    std::memcpy(out.octets + at, l.data(), l.size());
    at += l.size();
  }
  std::memcpy(out.octets + at, base.data(), base.size());
  out.length = uint8_t(total);
  return true;
}

}  // namespace mxray
