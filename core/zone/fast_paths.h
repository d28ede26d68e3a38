// The zone parser's fast paths for the fields of the common records. Each
// gives exactly what the general function gives, or declines, and then the
// general function runs (and finds the same value, or the error to report).
// tests/fuzz/fuzz_fastpath.cpp and test_parser.cpp hold them to it.
// Internal to the zone parser, inline: they run for every record.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "dns/name.h"
#include "dns/rdata.h"
#include "dns/types.h"
#include "zone/scan.h"
#include "zone/zone.h"

namespace mxray {

// Up to 8 octets, little-endian, letters folded to lower case. OR-ing 0x20
// folds exactly for comparisons with lower-case letters: c | 0x20 equals a
// letter l only when c is l or its upper case.
inline uint64_t folded_key(std::string_view t) {
  uint64_t key = 0;
  for (size_t k = 0; k < t.size(); ++k) key |= uint64_t(uint8_t(t[k]) | 0x20) << (8 * k);
  return key;
}
constexpr uint64_t key_of(std::string_view lower) {
  uint64_t key = 0;
  for (size_t k = 0; k < lower.size(); ++k) key |= uint64_t(uint8_t(lower[k])) << (8 * k);
  return key;
}

// parse_class_name, with "IN" and the tokens that cannot be a class (TTLs,
// types that do not start like a class) answered here.
inline std::optional<uint16_t> class_name(std::string_view t) {
  if (t.size() < 2) return std::nullopt;
  const char first = char(t[0] | 0x20);
  if (t.size() == 2 && first == 'i' && (t[1] | 0x20) == 'n') return rrclass::IN;
  if (first != 'i' && first != 'c' && first != 'h' && first != 'n' && first != 'a') return std::nullopt;
  return parse_class_name(t);
}

// parse_period == ok; plain numbers of 1 to 9 digits cannot overflow. An
// empty token goes to parse_period too, which refuses it.
inline bool ttl_value(std::string_view t, uint32_t& value) {
  if (t.size() - 1 < 9) {
    uint32_t v = 0;
    size_t k = 0;
    for (; k < t.size(); ++k) {
      const unsigned digit = unsigned(uint8_t(t[k])) - '0';
      if (digit > 9) break;
      v = v * 10 + digit;
    }
    if (k == t.size()) {
      value = v;
      return true;
    }
  }
  return parse_period(t, value) == NumberStatus::ok;
}

// parse_type_name, with the common mnemonics answered here.
inline std::optional<uint16_t> type_code_of(std::string_view t) {
  if (t.size() - 1 < 5) {
    const uint64_t key = folded_key(t);
    switch (t.size()) {
      case 1:
        if (key == key_of("a")) return rrtype::A;
        break;
      case 2:
        if (key == key_of("mx")) return rrtype::MX;
        if (key == key_of("ns")) return rrtype::NS;
        break;
      case 3:
        if (key == key_of("txt")) return rrtype::TXT;
        if (key == key_of("srv")) return rrtype::SRV;
        if (key == key_of("caa")) return rrtype::CAA;
        if (key == key_of("soa")) return rrtype::SOA;
        if (key == key_of("ptr")) return rrtype::PTR;
        break;
      case 4:
        if (key == key_of("aaaa")) return rrtype::AAAA;
        break;
      case 5:
        if (key == key_of("cname")) return rrtype::CNAME;
        break;
    }
  }
  return parse_type_name(t);
}

// A u16 field (parse_decimal up to 65535) of at most 5 digits.
inline bool u16_value(const TextToken& tk, uint16_t& value) {
  const std::string_view t = tk.text;
  if (tk.quoted || t.empty() || t.size() > 5) return false;
  uint32_t v = 0;
  for (char c : t) {
    const unsigned digit = unsigned(uint8_t(c)) - '0';
    if (digit > 9) return false;
    v = v * 10 + digit;
  }
  if (v > 0xffff) return false;
  value = uint16_t(v);
  return true;
}

inline char* put_u16(char* w, uint16_t v) {
  w[0] = char(v >> 8);
  w[1] = char(v & 0xff);
  return w + 2;
}

// The buffer fast_rdata writes to: the largest RDATA it makes (TXT) and
// slack for word-sized stores past the end.
inline constexpr size_t kFastRdataBufferSize = kMaxRdataLength + 64;

// The RDATA of the common types (A, AAAA, NS, CNAME, PTR, MX, SRV, TXT),
// written to `w` (kFastRdataBufferSize bytes); its length plus one, or 0
// when parse_rdata is to decide (other types, generic form, escapes,
// errors, anything unusual). Names are completed with `origin` (wire form).
inline size_t fast_rdata(uint16_t type, std::span<const TextToken> rd, std::string_view origin, char* const w) {
  if (rd.empty()) return 0;
  const TextToken& first = rd[0];
  // A name field; its end in w, or nullptr. "\\#" would read as a name:
  // it is the generic form.
  auto name = [&](const TextToken& tk, char* out) -> char* {
    if (tk.quoted || (tk.text.size() == 2 && tk.text[0] == '\\' && tk.text[1] == '#')) return nullptr;
    size_t length;
    if (parse_name_to(tk.text, origin, reinterpret_cast<uint8_t*>(out), length) != NameError::none) return nullptr;
    return out + length;
  };
  switch (type) {
    case rrtype::A:
      if (rd.size() != 1 || first.quoted || !parse_ipv4(first.text, reinterpret_cast<uint8_t*>(w))) return 0;
      return 5;
    case rrtype::AAAA:
      if (rd.size() != 1 || first.quoted || !parse_ipv6(first.text, reinterpret_cast<uint8_t*>(w))) return 0;
      return 17;
    case rrtype::NS:
    case rrtype::CNAME:
    case rrtype::PTR: {
      if (rd.size() != 1) return 0;
      const char* end = name(first, w);
      return end ? size_t(end - w) + 1 : 0;
    }
    case rrtype::MX: {
      uint16_t preference;
      if (rd.size() != 2 || !u16_value(first, preference)) return 0;
      const char* end = name(rd[1], put_u16(w, preference));
      return end ? size_t(end - w) + 1 : 0;
    }
    case rrtype::SRV: {
      uint16_t priority, weight, port;
      if (rd.size() != 4 || !u16_value(first, priority) || !u16_value(rd[1], weight) || !u16_value(rd[2], port))
        return 0;
      const char* end = name(rd[3], put_u16(put_u16(put_u16(w, priority), weight), port));
      return end ? size_t(end - w) + 1 : 0;
    }
    case rrtype::TXT: {
      if (!first.quoted && first.text.size() == 2 && first.text[0] == '\\' && first.text[1] == '#') return 0;
      size_t o = 0;
      for (const TextToken& tk : rd) {
        const size_t n = tk.text.size();
        if (n > 255 || o + 1 + n > kMaxRdataLength ||
            scan::find(tk.text.data(), tk.text.data() + n, '\\') != tk.text.data() + n)
          return 0;
        w[o] = char(n);
        ByteArena::copy(w + o + 1, tk.text.data(), n);
        o += 1 + n;
      }
      return o + 1;
    }
  }
  return 0;
}

}  // namespace mxray
