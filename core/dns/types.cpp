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
    {"WKS", 11, "RFC 1035 §3.4.2", 2, {{"address", K::ipv4}, {"services", K::wks}}},
    {"PTR", 12, "RFC 1035 §3.3.12", 1, {{"ptrdname", K::name}}},
    {"HINFO", 13, "RFC 1035 §3.3.2", 2, {{"cpu", K::string}, {"os", K::string}}},
    {"MINFO", 14, "RFC 1035 §3.3.7", 2, {{"rmailbx", K::name}, {"emailbx", K::name}}},
    {"MX", 15, "RFC 1035 §3.3.9", 2, {{"preference", K::u16}, {"exchange", K::name}}},
    {"TXT", 16, "RFC 1035 §3.3.14", 1, {{"text", K::strings}}},
    {"RP", 17, "RFC 1183 §2.2", 2, {{"mbox", K::name}, {"txt", K::name}}},
    {"AFSDB", 18, "RFC 1183 §1", 2, {{"subtype", K::u16}, {"hostname", K::name}}},
    {"X25", 19, "RFC 1183 §3.1", 1, {{"PSDN address", K::string}}},
    {"ISDN", 20, "RFC 1183 §3.2", 2, {{"ISDN address", K::string}, {"subaddress", K::string_opt}}},
    {"RT", 21, "RFC 1183 §3.3", 2, {{"preference", K::u16}, {"host", K::name}}},
    {"NSAP", 22, "RFC 1706 §5", 1, {{"address", K::nsap}}},
    {"NSAP-PTR", 23, "RFC 1348 (obsolete)", 1, {{"owner", K::name}}},
    {"SIG",
     24,
     "RFC 2535 §4.1 (obsolete, RFC 3755)",
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
    {"KEY",
     25,
     "RFC 2535 §3.1 (obsolete, RFC 3755)",
     4,
     {{"flags", K::u16}, {"protocol", K::u8}, {"algorithm", K::algorithm}, {"public key", K::base64_opt}}},
    {"PX", 26, "RFC 2163 §4", 3, {{"preference", K::u16}, {"map822", K::name}, {"mapx400", K::name}}},
    {"GPOS", 27, "RFC 1712 §3", 3, {{"longitude", K::string}, {"latitude", K::string}, {"altitude", K::string}}},
    {"AAAA", 28, "RFC 3596 §2.2", 1, {{"address", K::ipv6}}},
    {"LOC", 29, "RFC 1876 §3", 1, {{"location", K::loc}}},
    {"NXT", 30, "RFC 2535 §5.2 (obsolete, RFC 3755)", 2, {{"next domain", K::name}, {"types", K::nxt_bitmap}}},
    {"EID", 31, "IANA template (Patton, 1995)", 1, {{"endpoint identifier", K::hex}}},
    {"NIMLOC", 32, "IANA template (Patton, 1995)", 1, {{"Nimrod locator", K::hex}}},
    {"SRV", 33, "RFC 2782", 4, {{"priority", K::u16}, {"weight", K::u16}, {"port", K::u16}, {"target", K::name}}},
    {"ATMA", 34, "ATM Forum af-dans-0152.000", 1, {{"address", K::atma}}},
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
    {"A6", 38, "RFC 2874 §3.1 (historic, RFC 6563)", 1, {{"address", K::a6}}},
    {"DNAME", 39, "RFC 6672 §2.1", 1, {{"target", K::name}}},
    {"SINK", 40, "draft-eastlake-kitchen-sink", 3, {{"coding", K::u8}, {"subcoding", K::u8}, {"data", K::base64}}},
    {"APL", 42, "RFC 3123 §5", 1, {{"prefixes", K::apl}}},
    {"DS",
     43,
     "RFC 4034 §5",
     4,
     {{"key tag", K::u16}, {"algorithm", K::algorithm}, {"digest type", K::u8}, {"digest", K::hex}}},
    {"SSHFP", 44, "RFC 4255 §3", 3, {{"algorithm", K::u8}, {"fingerprint type", K::u8}, {"fingerprint", K::hex}}},
    {"IPSECKEY", 45, "RFC 4025 §3", 2, {{"precedence", K::u8}, {"gateway", K::ipseckey}}},
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
    {"HIP", 55, "RFC 8005 §5", 1, {{"host identity", K::hip}}},
    {"NINFO", 56, "IANA template (Reid, 2008)", 1, {{"text", K::strings}}},
    {"RKEY",
     57,
     "IANA template (Reid, 2008)",
     4,
     {{"flags", K::u16}, {"protocol", K::u8}, {"algorithm", K::algorithm}, {"public key", K::base64}}},
    {"TALINK", 58, "IANA template (Wijngaards, 2010)", 2, {{"previous", K::name}, {"next", K::name}}},
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
    {"DSYNC",
     66,
     "RFC 9859 §2",
     4,
     {{"type", K::rrtype}, {"scheme", K::dsync_scheme}, {"port", K::u16}, {"target", K::name}}},
    {"HHIT", 67, "RFC 9886 §4", 1, {{"data", K::base64}}},
    {"BRID", 68, "RFC 9886 §5", 1, {{"data", K::base64}}},
    {"SPF", 99, "RFC 4408 §3.1.1 (obsolete, RFC 7208 §3.1)", 1, {{"text", K::strings}}},
    {"NID", 104, "RFC 6742 §2.1", 2, {{"preference", K::u16}, {"node ID", K::ilnp64}}},
    {"L32", 105, "RFC 6742 §2.2", 2, {{"preference", K::u16}, {"locator", K::ipv4}}},
    {"L64", 106, "RFC 6742 §2.3", 2, {{"preference", K::u16}, {"locator", K::ilnp64}}},
    {"LP", 107, "RFC 6742 §2.4", 2, {{"preference", K::u16}, {"pointer", K::name}}},
    {"EUI48", 108, "RFC 7043 §3", 1, {{"address", K::eui48}}},
    {"EUI64", 109, "RFC 7043 §4", 1, {{"address", K::eui64}}},
    {"URI", 256, "RFC 7553 §4.5", 3, {{"priority", K::u16}, {"weight", K::u16}, {"target", K::uri_target}}},
    {"CAA", 257, "RFC 8659 §4.1", 3, {{"flags", K::u8}, {"tag", K::caa_tag}, {"value", K::caa_value}}},
    {"AVC", 258, "IANA template (Cisco, 2016)", 1, {{"text", K::strings}}},
    {"DOA",
     259,
     "draft-durand-doa-over-dns-03 §3",
     5,
     {{"enterprise", K::u32},
      {"type", K::u32},
      {"location", K::u8},
      {"media type", K::string},
      {"data", K::base64_or_dash}}},
    {"AMTRELAY", 260, "RFC 8777 §4", 2, {{"precedence", K::u8}, {"relay", K::amtrelay}}},
    {"RESINFO", 261, "RFC 9606 §4", 1, {{"text", K::strings}}},
    {"WALLET", 262, "IANA template (2024)", 1, {{"text", K::strings}}},
    {"CLA", 263, "draft-johnson-dns-ipn-cla §3.2", 1, {{"text", K::strings}}},
    {"IPN", 264, "draft-johnson-dns-ipn-cla §3.1", 1, {{"node number", K::u64}}},
    {"TA",
     32768,
     "Weiler, 2005 (DNSSEC trust authorities)",
     4,
     {{"key tag", K::u16}, {"algorithm", K::algorithm}, {"digest type", K::u8}, {"digest", K::hex}}},
    {"DLV",
     32769,
     "RFC 4431 §2 (obsolete, RFC 8749)",
     4,
     {{"key tag", K::u16}, {"algorithm", K::algorithm}, {"digest type", K::u8}, {"digest", K::hex}}},
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
