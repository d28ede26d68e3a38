// The one table of RR types. Every type is a list of named fields; text
// parsing, text printing and wire validation are all derived from it, so the
// directions cannot drift apart. Types not listed go through RFC 3597.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace mxray {

// How one RDATA field is written in presentation form and in wire form.
enum class FieldKind : uint8_t {
  u8,           // decimal 0..255
  u16,          // decimal 0..65535
  u32,          // decimal 0..4294967295
  period,       // u32 that also takes BIND's units: 1h30m, 2w (SOA timers)
  name,         // domain name, uncompressed in wire
  ipv4,         // RFC 1035 dotted quad
  ipv6,         // RFC 4291 §2.2 text forms
  string,       // one <character-string>: length octet + up to 255 octets
  strings,      // one or more <character-string>s, to the end (TXT)
  base64,       // the remaining tokens, concatenated (RFC 4648 §4)
  hex,          // the remaining tokens, concatenated (RFC 4648 §8)
  salt,         // hex with a length octet, "-" when empty (NSEC3 salt)
  base32hex,    // length octet + RFC 4648 §7 base32hex, no padding
  time,         // RRSIG YYYYMMDDHHmmSS or seconds (RFC 4034 §3.2)
  rrtype,       // a type mnemonic in text, u16 in wire
  algorithm,    // DNSSEC algorithm number or mnemonic (RFC 8624)
  cert_type,    // CERT type number or mnemonic (RFC 4398 §2.1)
  type_bitmap,  // NSEC/NSEC3/CSYNC type bit maps, to the end (RFC 4034 §4.1.2)
  caa_tag,      // length octet + alphanumeric tag (RFC 8659 §4.1)
  caa_value,    // the rest of the RDATA, no length octet (RFC 8659 §4.1.1)
  uri_target,   // the rest of the RDATA, no length octet (RFC 7553 §4.5)
  loc,          // the whole LOC RDATA (RFC 1876 §3)
  svc_params,   // SVCB/HTTPS key=value list, to the end (RFC 9460 §2.1)
  // Kinds of the rarer types (core/dns/rdata_rare.cpp).
  u64,             // IPN: decimal 0..2^64-1, or two u32 as HIGH.LOW (draft-johnson-dns-ipn-cla §3.1)
  string_opt,      // a <character-string> that may be left out at the end (ISDN subaddress)
  base64_or_dash,  // base64 of the rest, "-" when empty (DOA data)
  base64_opt,      // base64 of the rest, possibly absent (KEY with no key, IPSECKEY's key)
  dsync_scheme,    // u8, or the mnemonic NOTIFY (RFC 9859 §2.1)
  eui48,           // xx-xx-xx-xx-xx-xx (RFC 7043 §3.2)
  eui64,           // xx-xx-xx-xx-xx-xx-xx-xx (RFC 7043 §4.2)
  ilnp64,          // xxxx:xxxx:xxxx:xxxx, four hex digits each (RFC 6742 §2.1.3, §2.3.3)
  nsap,            // "0x" and hex digits, dots allowed (RFC 1706 §5)
  atma,            // ATM address: hex (AESA) or +digits (E.164) (ATM Forum af-dans-0152)
  apl,             // [!]afi:address/prefix items, to the end (RFC 3123 §5)
  wks,             // protocol and services, to the end (RFC 1035 §3.4.2)
  nxt_bitmap,      // NXT's type list as the RFC 2535 §5.2 bit map, to the end
  a6,              // prefix length, address suffix, prefix name (RFC 2874 §3.1)
  ipseckey,        // gateway type, algorithm, gateway, key (RFC 4025 §3)
  amtrelay,        // D-bit, type, relay (RFC 8777 §4)
  hip,             // algorithm, HIT, key, rendezvous servers (RFC 8005 §5)
};

struct FieldInfo {
  std::string_view name;
  FieldKind kind;
};

inline constexpr size_t kMaxFields = 9;

struct RRType {
  std::string_view name;
  uint16_t code;
  std::string_view rfc;
  uint8_t field_count;
  FieldInfo fields[kMaxFields];
};

namespace rrtype {
inline constexpr uint16_t A = 1, NS = 2, CNAME = 5, SOA = 6, PTR = 12, HINFO = 13, MX = 15, TXT = 16, AAAA = 28,
                          SRV = 33, DNAME = 39, OPT = 41, DS = 43, RRSIG = 46, NSEC = 47, DNSKEY = 48, TLSA = 52,
                          SVCB = 64, HTTPS = 65, SPF = 99, CAA = 257;
}

// Lookup by code; nullptr for types handled only through RFC 3597.
const RRType* find_type(uint16_t code);
// Lookup by mnemonic (case-insensitive) or TYPEnnn.
std::optional<uint16_t> parse_type_name(std::string_view text);
// Mnemonic, or TYPEnnn for unknown codes, appended to `out`.
void append_type_name(std::string& out, uint16_t code);
std::string type_name(uint16_t code);

// Classes (RFC 1035 §3.2.4, RFC 3597 §5: CLASSnnn).
namespace rrclass {
inline constexpr uint16_t IN = 1, CH = 3, HS = 4, NONE = 254, ANY = 255;
}
std::optional<uint16_t> parse_class_name(std::string_view text);
void append_class_name(std::string& out, uint16_t code);

// Every table entry, for tests and docs.
const RRType* type_table_begin();
const RRType* type_table_end();

}  // namespace mxray
