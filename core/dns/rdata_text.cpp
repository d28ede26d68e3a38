// Text in RDATA: <character-string>s (RFC 1035 §3.3, §5.1) as TXT and HINFO
// hold them, CAA's tag and value (RFC 8659) and URI's target (RFC 7553).
#include "dns/rdata_impl.h"

#include <algorithm>

namespace mxray::rdata_impl {

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
      // Only TXT and SPF (`strings`) split: their strings are joined by
      // readers; HINFO's two strings mean two things.
      if (k != FieldKind::strings || !c.split) {
        err.code = Code::string_too_long;
        return false;
      }
      if (!c.split->happened()) *c.split = RdataSplit{c.pos, bytes.size()};
      for (size_t at = 0; at < bytes.size(); at += 255) {
        const size_t n = std::min<size_t>(255, bytes.size() - at);
        w.push_back(char(n));
        w.append(bytes, at, n);
      }
      continue;
    }
    w.push_back(char(bytes.size()));
    w.append(bytes);
  }
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

}  // namespace mxray::rdata_impl

namespace mxray {

using namespace rdata_impl;

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
      append_decimal_escape(out, u);
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
}

}  // namespace mxray
