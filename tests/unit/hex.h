// Hex helpers shared by the unit tests.
#pragma once

#include <string>
#include <string_view>

namespace mxray::test {

// Uppercase, no separators.
inline std::string to_hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

// Either case; the input is trusted (test tables).
inline std::string from_hex(std::string_view hex) {
  auto v = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) out.push_back(char(v(hex[i]) << 4 | v(hex[i + 1])));
  return out;
}

}  // namespace mxray::test
