// Domain names in wire form (RFC 1035 §3.1): a sequence of length-prefixed
// labels ending with the root label. Case is preserved; comparisons ignore
// ASCII case (RFC 4343).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string>
#include <string_view>

namespace mxray {

inline constexpr size_t kMaxNameLength = 255;  // RFC 1035 §2.3.4, wire octets
inline constexpr size_t kMaxLabelLength = 63;  // RFC 1035 §2.3.4

// A name in wire form, at most 255 octets.
struct WireName {
  uint8_t length = 0;
  uint8_t octets[kMaxNameLength];

  WireName() = default;
  // Copies only the octets in use, not the whole buffer.
  WireName(const WireName& o) : length(o.length) { std::memcpy(octets, o.octets, o.length); }
  WireName& operator=(const WireName& o) {
    length = o.length;
    std::memmove(octets, o.octets, o.length);
    return *this;
  }

  std::string_view view() const { return {reinterpret_cast<const char*>(octets), length}; }
  bool empty() const { return length == 0; }
};

enum class NameError : uint8_t { none, bad_name, bad_escape, label_too_long, name_too_long, missing_origin };

// Parses presentation text into wire form. "@" is the origin; a name without
// a trailing dot is relative to `origin` (wire form; empty means none).
// Escapes: \X for a literal X, \DDD for a decimal octet.
NameError parse_name(std::string_view text, std::string_view origin, WireName& out);
// The same, into a buffer of at least kMaxNameLength octets; `length` is set
// on success.
NameError parse_name_to(std::string_view text, std::string_view origin, uint8_t* out, size_t& length);

// Length of the uncompressed wire name at the start of `bytes`, 0 when it is
// malformed or runs past the end.
size_t wire_name_size(std::string_view bytes);

// Appends the presentation form of a valid wire name. Special characters are
// escaped as \X, non-printable octets as \DDD, like dnspython and BIND.
void append_name_text(std::string& out, std::string_view wire);
std::string name_text(std::string_view wire);

// Case-insensitive equality of two wire names (RFC 4343).
bool names_equal(std::string_view a, std::string_view b);
// True when `name` equals `zone` or is below it.
bool name_is_under(std::string_view name, std::string_view zone);
// Number of labels, the root not counted.
unsigned label_count(std::string_view wire);

// `labels` (leftmost first) in front of the wire name `base`, into `out`.
// False, with `out` untouched, when a label is empty or longer than 63
// octets, `base` is empty, or the name would pass 255 octets: a name under
// a long domain (`_submission._tcp` under 240 octets) does not exist.
bool prefixed_name(std::initializer_list<std::string_view> labels, std::string_view base, WireName& out);

}  // namespace mxray
