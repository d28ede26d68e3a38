// Network-order integers in wire data (RFC 1035 §2.3.2). Readers assume the
// caller checked the length.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace mxray::wire {

inline void put16(std::string& w, uint16_t v) {
  const char b[2] = {char(v >> 8), char(v & 0xff)};
  w.append(b, 2);
}
inline void put32(std::string& w, uint32_t v) {
  const char b[4] = {char(v >> 24), char((v >> 16) & 0xff), char((v >> 8) & 0xff), char(v & 0xff)};
  w.append(b, 4);
}
inline uint16_t get16(std::string_view w, size_t p) { return uint16_t((uint8_t(w[p]) << 8) | uint8_t(w[p + 1])); }
inline uint32_t get32(std::string_view w, size_t p) {
  return (uint32_t(uint8_t(w[p])) << 24) | (uint32_t(uint8_t(w[p + 1])) << 16) | (uint32_t(uint8_t(w[p + 2])) << 8) |
         uint32_t(uint8_t(w[p + 3]));
}

}  // namespace mxray::wire
