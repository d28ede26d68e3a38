#include "dns/name.h"

#include <cstring>

namespace mxray {
namespace {

inline uint8_t ascii_lower(uint8_t c) { return (c >= 'A' && c <= 'Z') ? uint8_t(c | 0x20) : c; }

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

NameError parse_name(std::string_view text, std::string_view origin, WireName& out) {
  out.length = 0;
  if (text.empty()) return NameError::bad_name;
  if (text == "@") {
    if (origin.empty()) return NameError::missing_origin;
    std::memcpy(out.octets, origin.data(), origin.size());
    out.length = uint8_t(origin.size());
    return NameError::none;
  }
  if (text == ".") {
    out.octets[0] = 0;
    out.length = 1;
    return NameError::none;
  }
  uint8_t* o = out.octets;
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
  out.length = uint8_t(pos);
  return NameError::none;
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

}  // namespace mxray
