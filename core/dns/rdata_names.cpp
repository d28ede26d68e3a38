// Fields of RDATA that hold names: domain names (RFC 1035 §3.3), type
// mnemonics and NSEC-style type bit maps (RFC 4034 §4.1.2).
#include "dns/rdata_impl.h"

#include <algorithm>
#include <vector>

#include "dns/name.h"

namespace mxray::rdata_impl {
namespace {

// Type bit maps (RFC 4034 §4.1.2): windows of up to 32 octets, in increasing
// order. On failure `bad` is the index of the token that is not a type.
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

}  // namespace

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

bool parse_bitmap_rest(Cursor& c, std::string& w, RdataError& err) {
  size_t bad = 0;
  if (!parse_bitmap(c.tokens.subspan(c.pos), w, bad)) {
    err.token = c.pos + bad;
    return false;
  }
  c.pos = c.tokens.size();
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

// The type bit map and the SvcParams write their own blank before each item:
// the one the caller wrote before the field goes.
bool print_bitmap_rest(std::string& out, std::string_view w, size_t& p) {
  if (!out.empty() && out.back() == ' ') out.pop_back();
  if (!print_bitmap(out, w.substr(p))) return false;
  p = w.size();
  return true;
}

}  // namespace mxray::rdata_impl

namespace mxray {

using namespace rdata_impl;

Code name_error_code(NameError e) {
  switch (e) {
    case NameError::bad_escape: return Code::bad_escape;
    case NameError::label_too_long: return Code::label_too_long;
    case NameError::name_too_long: return Code::name_too_long;
    case NameError::missing_origin: return Code::missing_origin;
    default: return Code::bad_name;
  }
}

}  // namespace mxray
