#include "dns/json_text.h"

#include <cstring>
#include <nlohmann/json.hpp>

namespace mxray {
namespace {

// The code point of the UTF-8 sequence at p (n bytes left) when it is one
// json_text() escapes, else 0; `len` is its length in bytes.
unsigned unsafe_at(const unsigned char* p, size_t n, size_t& len) {
  if (p[0] == 0xC2 && n >= 2 && p[1] >= 0x80 && p[1] <= 0x9F) {  // C1: U+0080..U+009F
    len = 2;
    return p[1];
  }
  if (p[0] != 0xE2 || n < 3) return 0;
  const unsigned cp = (unsigned(p[1] & 0x3F) << 6 | unsigned(p[2] & 0x3F)) | 0x2000;
  if ((p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (p[1] & 0x3F) > 1) return 0;
  len = 3;
  if (cp == 0x200E || cp == 0x200F) return cp;  // LRM, RLM
  if (cp >= 0x2028 && cp <= 0x202E) return cp;  // LS, PS, LRE..RLO
  if (cp >= 0x2066 && cp <= 0x2069) return cp;  // LRI..PDI
  return 0;
}

}  // namespace

void escape_unsafe_json_characters(std::string& text) {
  const auto* d = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  // Most documents hold none: find the first before copying anything.
  size_t first = n;
  for (size_t i = 0; i < n; ++i) {
    if (d[i] != 0xC2 && d[i] != 0xE2) continue;
    size_t len;
    if (unsafe_at(d + i, n - i, len)) {
      first = i;
      break;
    }
  }
  if (first == n) return;
  std::string out;
  out.reserve(n + 16);
  out.append(text, 0, first);
  static const char kHex[] = "0123456789abcdef";
  for (size_t i = first; i < n;) {
    size_t len = 1;
    const unsigned cp = (d[i] == 0xC2 || d[i] == 0xE2) ? unsafe_at(d + i, n - i, len) : 0;
    if (!cp) {
      out.push_back(char(d[i]));
      ++i;
      continue;
    }
    const char esc[6] = {'\\', 'u', kHex[(cp >> 12) & 15], kHex[(cp >> 8) & 15], kHex[(cp >> 4) & 15], kHex[cp & 15]};
    out.append(esc, 6);
    i += len;
  }
  text = std::move(out);
}

std::string json_text(const nlohmann::json& j) {
  std::string text = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  escape_unsafe_json_characters(text);
  return text;
}

}  // namespace mxray
