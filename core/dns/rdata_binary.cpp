// Binary data in RDATA: base64 (RFC 4648 §4), hex, and NSEC3's salt and
// base32hex hash (RFC 5155 §3.3).
#include "dns/rdata_impl.h"

namespace mxray::rdata_impl {
namespace {

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr char kBase32Hex[] = "0123456789ABCDEFGHIJKLMNOPQRSTUV";

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

}  // namespace

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

}  // namespace mxray::rdata_impl

namespace mxray {

using namespace rdata_impl;

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
