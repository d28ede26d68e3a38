// Cutting text that may be UTF-8 without cutting a character in two: the
// details the core quotes (a failure's detail, a value in a problem) are
// clipped to a few bytes, and a clip inside a sequence would leave a broken
// character for the report to replace.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace mxray {

// The longest prefix of `s` of at most `max_bytes` bytes that does not end
// inside a UTF-8 sequence: a cut that would land before a continuation byte
// (10xxxxxx) moves back to the start of its character. Bytes that are not
// UTF-8 are counted as they are; a run of more than three continuation
// bytes is cut where it falls.
constexpr std::string_view utf8_prefix(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  size_t n = max_bytes;
  for (int back = 0; back < 3 && n > 0 && (uint8_t(s[n]) & 0xC0) == 0x80; ++back) --n;
  if ((uint8_t(s[n]) & 0xC0) == 0x80) n = max_bytes;  // not a character: no boundary near
  return s.substr(0, n);
}

}  // namespace mxray
