#include "dns/types.h"

#include <array>
#include <string>

namespace mxray {
namespace {

using K = FieldKind;

// Sorted by code. Each line: mnemonic, code, defining document, fields.
constexpr RRType kTypes[] = {
    {"A", 1, "RFC 1035 §3.4.1", 1, {{"address", K::ipv4}}},
    {"NS", 2, "RFC 1035 §3.3.11", 1, {{"nsdname", K::name}}},
    {"MD", 3, "RFC 1035 §3.3.4 (obsolete)", 1, {{"madname", K::name}}},
    {"MF", 4, "RFC 1035 §3.3.5 (obsolete)", 1, {{"madname", K::name}}},
    {"CNAME", 5, "RFC 1035 §3.3.1", 1, {{"cname", K::name}}},
    {"SOA",
     6,
     "RFC 1035 §3.3.13",
     7,
     {{"mname", K::name},
      {"rname", K::name},
      {"serial", K::u32},
      {"refresh", K::period},
      {"retry", K::period},
      {"expire", K::period},
      {"minimum", K::period}}},
    {"MB", 7, "RFC 1035 §3.3.3", 1, {{"madname", K::name}}},
    {"MG", 8, "RFC 1035 §3.3.6", 1, {{"mgmname", K::name}}},
    {"MR", 9, "RFC 1035 §3.3.8", 1, {{"newname", K::name}}},
    {"PTR", 12, "RFC 1035 §3.3.12", 1, {{"ptrdname", K::name}}},
    {"HINFO", 13, "RFC 1035 §3.3.2", 2, {{"cpu", K::string}, {"os", K::string}}},
    {"MINFO", 14, "RFC 1035 §3.3.7", 2, {{"rmailbx", K::name}, {"emailbx", K::name}}},
    {"MX", 15, "RFC 1035 §3.3.9", 2, {{"preference", K::u16}, {"exchange", K::name}}},
    {"TXT", 16, "RFC 1035 §3.3.14", 1, {{"text", K::strings}}},
    {"RP", 17, "RFC 1183 §2.2", 2, {{"mbox", K::name}, {"txt", K::name}}},
    {"AFSDB", 18, "RFC 1183 §1", 2, {{"subtype", K::u16}, {"hostname", K::name}}},
    {"RT", 21, "RFC 1183 §3.3", 2, {{"preference", K::u16}, {"host", K::name}}},
    {"AAAA", 28, "RFC 3596 §2.2", 1, {{"address", K::ipv6}}},
    {"LOC", 29, "RFC 1876 §3", 1, {{"location", K::loc}}},
    {"SRV", 33, "RFC 2782", 4, {{"priority", K::u16}, {"weight", K::u16}, {"port", K::u16}, {"target", K::name}}},
    {"NAPTR",
     35,
     "RFC 3403 §4.1",
     6,
     {{"order", K::u16},
      {"preference", K::u16},
      {"flags", K::string},
      {"services", K::string},
      {"regexp", K::string},
      {"replacement", K::name}}},
    {"KX", 36, "RFC 2230 §5", 2, {{"preference", K::u16}, {"exchanger", K::name}}},
    {"CERT",
     37,
     "RFC 4398 §2",
     4,
     {{"type", K::cert_type}, {"key tag", K::u16}, {"algorithm", K::algorithm}, {"certificate", K::base64}}},
    {"DNAME", 39, "RFC 6672 §2.1", 1, {{"target", K::name}}},
    {"DS",
     43,
     "RFC 4034 §5",
     4,
     {{"key tag", K::u16}, {"algorithm", K::algorithm}, {"digest type", K::u8}, {"digest", K::hex}}},
    {"SSHFP", 44, "RFC 4255 §3", 3, {{"algorithm", K::u8}, {"fingerprint type", K::u8}, {"fingerprint", K::hex}}},
    {"RRSIG",
     46,
     "RFC 4034 §3",
     9,
     {{"type covered", K::rrtype},
      {"algorithm", K::algorithm},
      {"labels", K::u8},
      {"original TTL", K::period},
      {"expiration", K::time},
      {"inception", K::time},
      {"key tag", K::u16},
      {"signer", K::name},
      {"signature", K::base64}}},
    {"NSEC", 47, "RFC 4034 §4", 2, {{"next domain", K::name}, {"types", K::type_bitmap}}},
    {"DNSKEY",
     48,
     "RFC 4034 §2",
     4,
     {{"flags", K::u16}, {"protocol", K::u8}, {"algorithm", K::algorithm}, {"public key", K::base64}}},
    {"DHCID", 49, "RFC 4701 §3", 1, {{"digest", K::base64}}},
    {"NSEC3",
     50,
     "RFC 5155 §3",
     6,
     {{"hash algorithm", K::u8},
      {"flags", K::u8},
      {"iterations", K::u16},
      {"salt", K::salt},
      {"next hashed owner", K::base32hex},
      {"types", K::type_bitmap}}},
    {"NSEC3PARAM",
     51,
     "RFC 5155 §4",
     4,
     {{"hash algorithm", K::u8}, {"flags", K::u8}, {"iterations", K::u16}, {"salt", K::salt}}},
    {"TLSA", 52, "RFC 6698 §2", 4, {{"usage", K::u8}, {"selector", K::u8}, {"matching type", K::u8}, {"data", K::hex}}},
    {"SMIMEA",
     53,
     "RFC 8162 §2",
     4,
     {{"usage", K::u8}, {"selector", K::u8}, {"matching type", K::u8}, {"data", K::hex}}},
    {"CDS",
     59,
     "RFC 7344 §3.1",
     4,
     {{"key tag", K::u16}, {"algorithm", K::algorithm}, {"digest type", K::u8}, {"digest", K::hex}}},
    {"CDNSKEY",
     60,
     "RFC 7344 §3.2",
     4,
     {{"flags", K::u16}, {"protocol", K::u8}, {"algorithm", K::algorithm}, {"public key", K::base64}}},
    {"OPENPGPKEY", 61, "RFC 7929 §2", 1, {{"public key", K::base64}}},
    {"CSYNC", 62, "RFC 7477 §2", 3, {{"serial", K::u32}, {"flags", K::u16}, {"types", K::type_bitmap}}},
    {"ZONEMD",
     63,
     "RFC 8976 §2",
     4,
     {{"serial", K::u32}, {"scheme", K::u8}, {"hash algorithm", K::u8}, {"digest", K::hex}}},
    {"SVCB", 64, "RFC 9460 §2", 3, {{"priority", K::u16}, {"target", K::name}, {"params", K::svc_params}}},
    {"HTTPS", 65, "RFC 9460 §9", 3, {{"priority", K::u16}, {"target", K::name}, {"params", K::svc_params}}},
    {"SPF", 99, "RFC 4408 §3.1.1 (obsolete, RFC 7208 §3.1)", 1, {{"text", K::strings}}},
    {"URI", 256, "RFC 7553 §4.5", 3, {{"priority", K::u16}, {"weight", K::u16}, {"target", K::uri_target}}},
    {"CAA", 257, "RFC 8659 §4.1", 3, {{"flags", K::u8}, {"tag", K::caa_tag}, {"value", K::caa_value}}},
};

inline char upper(char c) { return (c >= 'a' && c <= 'z') ? char(c - 32) : c; }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (upper(a[i]) != upper(b[i])) return false;
  return true;
}

// Parses the digits after a TYPE/CLASS prefix: 0..65535, no sign, no blanks.
std::optional<uint16_t> parse_code_suffix(std::string_view digits) {
  if (digits.empty() || digits.size() > 5) return std::nullopt;
  uint32_t v = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + uint32_t(c - '0');
  }
  if (v > 65535) return std::nullopt;
  return uint16_t(v);
}

}  // namespace

const RRType* type_table_begin() { return std::begin(kTypes); }
const RRType* type_table_end() { return std::end(kTypes); }

const RRType* find_type(uint16_t code) {
  // Codes below 512 (every common type) through a direct index.
  static const auto kIndex = [] {
    std::array<const RRType*, 512> index{};
    for (const RRType& t : kTypes)
      if (t.code < index.size()) index[t.code] = &t;
    return index;
  }();
  if (code < kIndex.size()) return kIndex[code];
  // The table is small and sorted; a binary search keeps it simple.
  size_t lo = 0, hi = std::size(kTypes);
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (kTypes[mid].code < code)
      lo = mid + 1;
    else
      hi = mid;
  }
  return (lo < std::size(kTypes) && kTypes[lo].code == code) ? &kTypes[lo] : nullptr;
}

std::optional<uint16_t> parse_type_name(std::string_view text) {
  // Fast path for the common types, which dominate real zones.
  switch (text.size()) {
    case 1:
      if (upper(text[0]) == 'A') return rrtype::A;
      break;
    case 2:
      if (iequals(text, "MX")) return rrtype::MX;
      if (iequals(text, "NS")) return rrtype::NS;
      break;
    case 3:
      if (iequals(text, "TXT")) return rrtype::TXT;
      if (iequals(text, "SRV")) return rrtype::SRV;
      if (iequals(text, "CAA")) return rrtype::CAA;
      if (iequals(text, "SOA")) return rrtype::SOA;
      break;
    case 4:
      if (iequals(text, "AAAA")) return rrtype::AAAA;
      break;
    case 5:
      if (iequals(text, "CNAME")) return rrtype::CNAME;
      break;
  }
  for (const RRType& t : kTypes)
    if (iequals(t.name, text)) return t.code;
  if (text.size() > 4 && iequals(text.substr(0, 4), "TYPE")) return parse_code_suffix(text.substr(4));
  return std::nullopt;
}

void append_type_name(std::string& out, uint16_t code) {
  if (const RRType* t = find_type(code)) {
    out.append(t->name);
    return;
  }
  out.append("TYPE");
  out.append(std::to_string(code));
}

std::string type_name(uint16_t code) {
  std::string s;
  append_type_name(s, code);
  return s;
}

std::optional<uint16_t> parse_class_name(std::string_view text) {
  // Most tokens asked about are TTLs or types: leave early.
  if (text.size() < 2) return std::nullopt;
  const char first = upper(text[0]);
  if (first != 'I' && first != 'C' && first != 'H' && first != 'N' && first != 'A') return std::nullopt;
  if (text.size() == 2 && first == 'I' && upper(text[1]) == 'N') return rrclass::IN;
  if (iequals(text, "CH") || iequals(text, "CHAOS")) return rrclass::CH;
  if (iequals(text, "HS") || iequals(text, "HESIOD")) return rrclass::HS;
  if (iequals(text, "CS")) return uint16_t(2);
  if (iequals(text, "NONE")) return rrclass::NONE;
  if (iequals(text, "ANY")) return rrclass::ANY;
  if (text.size() > 5 && iequals(text.substr(0, 5), "CLASS")) return parse_code_suffix(text.substr(5));
  return std::nullopt;
}

void append_class_name(std::string& out, uint16_t code) {
  switch (code) {
    case rrclass::IN: out.append("IN"); return;
    case 2: out.append("CS"); return;
    case rrclass::CH: out.append("CH"); return;
    case rrclass::HS: out.append("HS"); return;
    case rrclass::NONE: out.append("NONE"); return;
    case rrclass::ANY: out.append("ANY"); return;
  }
  out.append("CLASS");
  out.append(std::to_string(code));
}

}  // namespace mxray
