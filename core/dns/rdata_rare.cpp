// The field kinds of the rarer RR types: addresses of older networks (NSAP,
// ATM, EUI, ILNP), lists with their own syntax (APL, WKS, NXT), and the
// composite fields of A6, IPSECKEY, AMTRELAY and HIP. Each is read and
// written here from the one type table (dns/types.cpp), like the others.
#include <algorithm>
#include <vector>

#include "dns/rdata_impl.h"

namespace mxray::rdata_impl {
namespace {

inline char lower(char c) { return (c >= 'A' && c <= 'Z') ? char(c | 0x20) : c; }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

// The next token of the cursor, unquoted; nullptr (err.token at it) when
// there is none or it is quoted.
const TextToken* take(Cursor& c, RdataError& err, std::string_view field) {
  err.field = field;
  err.token = c.pos;
  if (c.pos >= c.tokens.size()) {
    err.code = Code::missing_field;
    return nullptr;
  }
  const TextToken* t = &c.tokens[c.pos];
  if (t->quoted) return nullptr;
  ++c.pos;
  return t;
}

bool take_u8(Cursor& c, RdataError& err, std::string_view field, uint8_t& v) {
  err.code = Code::bad_number;
  const TextToken* t = take(c, err, field);
  uint64_t n;
  if (!t) return false;
  NumberStatus s = parse_decimal(t->text, 0xff, n);
  if (s != NumberStatus::ok) {
    if (s == NumberStatus::overflow) err.code = Code::number_overflow;
    return false;
  }
  v = uint8_t(n);
  return true;
}

// Hex digits, optionally with '.' between them (NSAP, ATMA AESA); an even
// count, at least one octet.
bool decode_dotted_hex(std::string_view t, std::string& out) {
  std::string digits;
  for (char ch : t) {
    if (ch == '.') continue;
    if (hex_value(ch) < 0) return false;
    digits.push_back(ch);
  }
  return !digits.empty() && decode_hex(digits, out);
}

// Groups of hex digits split by `sep`: `groups` of `width` digits each
// (exactly `width` when `exact`, else 1..width), big-endian.
bool parse_hex_groups(std::string_view t, char sep, size_t groups, size_t width, bool exact, std::string& w) {
  size_t pos = 0;
  for (size_t g = 0; g < groups; ++g) {
    if (g) {
      if (pos >= t.size() || t[pos] != sep) return false;
      ++pos;
    }
    size_t start = pos;
    uint32_t v = 0;
    while (pos < t.size() && hex_value(t[pos]) >= 0 && pos - start < width)
      v = (v << 4) | uint32_t(hex_value(t[pos++]));
    size_t n = pos - start;
    if (n == 0 || (exact && n != width)) return false;
    if (width == 2)
      w.push_back(char(v));
    else
      put16(w, uint16_t(v));
  }
  return pos == t.size();
}

void append_hex_groups(std::string& out, std::string_view b, char sep, size_t octets_per_group) {
  for (size_t i = 0; i < b.size(); ++i) {
    if (i && i % octets_per_group == 0) out.push_back(sep);
    out.push_back(kHexLower[uint8_t(b[i]) >> 4]);
    out.push_back(kHexLower[uint8_t(b[i]) & 15]);
  }
}

// IANA service names for WKS, as BIND and dnspython accept them through the
// system's services file; the core does no I/O, so the common ones are here
// (IANA Service Name and Transport Protocol Port Number Registry).
struct Service {
  std::string_view name;
  uint16_t port;
};
constexpr Service kServices[] = {
    {"ftp-data", 20},    {"ftp", 21},    {"ssh", 22},    {"telnet", 23}, {"smtp", 25},  {"time", 37},
    {"domain", 53},      {"tftp", 69},   {"gopher", 70}, {"finger", 79}, {"http", 80},  {"pop3", 110},
    {"sunrpc", 111},     {"nntp", 119},  {"ntp", 123},   {"imap", 143},  {"snmp", 161}, {"https", 443},
    {"submission", 587}, {"imaps", 993}, {"pop3s", 995},
};

bool parse_service(std::string_view t, uint16_t& port) {
  uint64_t v;
  if (parse_decimal(t, 0xffff, v) == NumberStatus::ok) {
    port = uint16_t(v);
    return true;
  }
  for (const Service& s : kServices)
    if (iequals(s.name, t)) {
      port = s.port;
      return true;
    }
  return false;
}

// WKS (RFC 1035 §3.4.2): protocol (a number, or TCP/UDP) and the services
// as a bit map whose bit N is port N; trailing zero octets are not sent.
bool parse_wks(Cursor& c, std::string& w, RdataError& err) {
  err.code = Code::bad_number;
  const TextToken* t = take(c, err, "protocol");
  if (!t) return false;
  uint64_t proto;
  if (iequals(t->text, "tcp"))
    proto = 6;
  else if (iequals(t->text, "udp"))
    proto = 17;
  else if (parse_decimal(t->text, 0xff, proto) != NumberStatus::ok)
    return false;
  w.push_back(char(proto));
  std::vector<uint8_t> bits;
  err.field = "services";
  for (; c.pos < c.tokens.size(); ++c.pos) {
    err.token = c.pos;
    uint16_t port;
    if (c.tokens[c.pos].quoted || !parse_service(c.tokens[c.pos].text, port)) return false;
    if (bits.size() <= size_t(port / 8)) bits.resize(port / 8 + 1);
    bits[port / 8] |= uint8_t(0x80 >> (port % 8));
  }
  w.append(bits.begin(), bits.end());
  return true;
}

bool print_wks(std::string& out, std::string_view w, size_t& p) {
  if (p + 1 > w.size()) return false;
  append_uint(out, uint8_t(w[p]));
  std::string_view bits = w.substr(p + 1);
  if (!bits.empty() && bits.back() == 0) return false;  // would not come back the same
  for (size_t i = 0; i < bits.size(); ++i)
    for (unsigned b = 0; b < 8; ++b)
      if (uint8_t(bits[i]) & (0x80 >> b)) {
        out.push_back(' ');
        append_uint(out, i * 8 + b);
      }
  p = w.size();
  return true;
}

// NXT's type list (RFC 2535 §5.2): one bit map of types 1..127, bit 0 zero,
// trailing zero octets left out.
bool parse_nxt_bitmap(Cursor& c, std::string& w, RdataError& err) {
  err.code = Code::unknown_type;
  uint8_t bits[16] = {};
  size_t used = 0;
  if (c.pos >= c.tokens.size()) {
    err.code = Code::missing_field;
    err.token = c.pos;
    return false;
  }
  for (; c.pos < c.tokens.size(); ++c.pos) {
    err.token = c.pos;
    if (c.tokens[c.pos].quoted) return false;
    auto code = parse_type_name(c.tokens[c.pos].text);
    if (!code || *code == 0 || *code > 127) return false;
    bits[*code / 8] |= uint8_t(0x80 >> (*code % 8));
    used = std::max(used, size_t(*code / 8 + 1));
  }
  w.append(reinterpret_cast<const char*>(bits), used);
  return true;
}

bool print_nxt_bitmap(std::string& out, std::string_view w, size_t& p) {
  std::string_view bits = w.substr(p);
  if (bits.empty() || bits.size() > 16 || bits.back() == 0 || (uint8_t(bits[0]) & 0x80)) return false;
  bool first = true;
  for (size_t i = 0; i < bits.size(); ++i)
    for (unsigned b = 0; b < 8; ++b)
      if (uint8_t(bits[i]) & (0x80 >> b)) {
        if (!first) out.push_back(' ');
        first = false;
        append_type_name(out, uint16_t(i * 8 + b));
      }
  p = w.size();
  return true;
}

// APL (RFC 3123 §4, §5): items `[!]afi:address/prefix`; AFDPART is the
// address without its trailing zero octets.
bool parse_apl(Cursor& c, std::string& w, RdataError& err) {
  err.code = Code::bad_address;
  err.field = "prefixes";
  for (; c.pos < c.tokens.size(); ++c.pos) {
    err.token = c.pos;
    const TextToken& t = c.tokens[c.pos];
    if (t.quoted) return false;
    std::string_view s = t.text;
    bool negate = !s.empty() && s[0] == '!';
    if (negate) s.remove_prefix(1);
    size_t colon = s.find(':'), slash = s.rfind('/');
    if (colon == std::string_view::npos || slash == std::string_view::npos || slash < colon) return false;
    uint64_t afi, prefix;
    if (parse_decimal(s.substr(0, colon), 0xffff, afi) != NumberStatus::ok) return false;
    if (parse_decimal(s.substr(slash + 1), 255, prefix) != NumberStatus::ok) return false;
    std::string_view addr = s.substr(colon + 1, slash - colon - 1);
    uint8_t a[16];
    size_t len;
    if (afi == 1 && parse_ipv4(addr, a) && prefix <= 32)
      len = 4;
    else if (afi == 2 && parse_ipv6(addr, a) && prefix <= 128)
      len = 16;
    else
      return false;
    while (len && a[len - 1] == 0) --len;
    put16(w, uint16_t(afi));
    w.push_back(char(prefix));
    w.push_back(char((negate ? 0x80 : 0) | len));
    w.append(reinterpret_cast<const char*>(a), len);
  }
  return true;
}

bool print_apl(std::string& out, std::string_view w, size_t& p) {
  bool first = true;
  while (p < w.size()) {
    if (p + 4 > w.size()) return false;
    uint16_t afi = get16(w, p);
    uint8_t prefix = uint8_t(w[p + 2]), nlen = uint8_t(w[p + 3]);
    size_t len = nlen & 0x7f, full = afi == 1 ? 4 : afi == 2 ? 16 : 0;
    p += 4;
    if (!full || len > full || prefix > full * 8 || p + len > w.size()) return false;
    if (len && w[p + len - 1] == 0) return false;  // trailing zero octets are never sent (§4)
    uint8_t a[16] = {};
    std::copy_n(w.data() + p, len, reinterpret_cast<char*>(a));
    p += len;
    if (!first) out.push_back(' ');
    first = false;
    if (nlen & 0x80) out.push_back('!');
    append_uint(out, afi);
    out.push_back(':');
    if (afi == 1)
      append_ipv4(out, a);
    else
      append_ipv6(out, a);
    out.push_back('/');
    append_uint(out, prefix);
  }
  return true;
}

// A6 (RFC 2874 §3.1): prefix length, then the address suffix (the last
// (128 - length) bits, in whole octets, pad bits zero) unless the length is
// 128, then the prefix name unless the length is 0.
bool parse_a6(Cursor& c, std::string_view origin, std::string& w, RdataError& err) {
  uint8_t plen;
  if (!take_u8(c, err, "prefix length", plen)) return false;
  if (plen > 128) {
    err.code = Code::number_overflow;
    return false;
  }
  w.push_back(char(plen));
  if (plen < 128) {
    err.code = Code::bad_ipv6;
    const TextToken* t = take(c, err, "address suffix");
    uint8_t a[16];
    if (!t || !parse_ipv6(t->text, a)) return false;
    // The bits of the prefix are not in the suffix: they must be zero.
    for (unsigned bit = 0; bit < plen; ++bit)
      if (a[bit / 8] & (0x80 >> (bit % 8))) return false;
    size_t n = (128 - plen + 7) / 8;
    w.append(reinterpret_cast<const char*>(a) + 16 - n, n);
  }
  if (plen > 0) {
    err.code = Code::bad_name;
    const TextToken* t = take(c, err, "prefix name");
    if (!t) return false;
    if (!parse_name_field(*t, origin, w, err)) return false;
  }
  return true;
}

bool print_a6(std::string& out, std::string_view w, size_t& p) {
  if (p + 1 > w.size()) return false;
  uint8_t plen = uint8_t(w[p++]);
  if (plen > 128) return false;
  append_uint(out, plen);
  if (plen < 128) {
    size_t n = (128 - plen + 7) / 8;
    if (p + n > w.size()) return false;
    uint8_t a[16] = {};
    std::copy_n(w.data() + p, n, reinterpret_cast<char*>(a) + 16 - n);
    for (unsigned bit = 0; bit < plen; ++bit)
      if (a[bit / 8] & (0x80 >> (bit % 8))) return false;
    p += n;
    out.push_back(' ');
    append_ipv6(out, a);
  }
  if (plen > 0) {
    out.push_back(' ');
    if (!print_name_field(out, w, p)) return false;
  }
  return true;
}

// The gateway of IPSECKEY (RFC 4025 §3.1) and the relay of AMTRELAY (RFC
// 8777 §4.2), by their type: 0 none ("."), 1 IPv4, 2 IPv6, 3 a domain name.
bool parse_gateway(uint8_t type, Cursor& c, std::string_view origin, std::string& w, RdataError& err,
                   std::string_view field, bool none_may_be_absent) {
  if (type == 0 && none_may_be_absent && c.pos >= c.tokens.size()) return true;
  err.code = Code::bad_address;
  const TextToken* t = take(c, err, field);
  if (!t) return false;
  uint8_t a[16];
  switch (type) {
    case 0: return t->text == ".";
    case 1:
      if (!parse_ipv4(t->text, a)) return false;
      w.append(reinterpret_cast<const char*>(a), 4);
      return true;
    case 2:
      if (!parse_ipv6(t->text, a)) return false;
      w.append(reinterpret_cast<const char*>(a), 16);
      return true;
    case 3: err.code = Code::bad_name; return parse_name_field(*t, origin, w, err);
  }
  return false;
}

bool print_gateway(uint8_t type, std::string& out, std::string_view w, size_t& p) {
  const auto* u = reinterpret_cast<const uint8_t*>(w.data());
  switch (type) {
    case 0: out.push_back('.'); return true;
    case 1:
      if (p + 4 > w.size()) return false;
      append_ipv4(out, u + p);
      p += 4;
      return true;
    case 2:
      if (p + 16 > w.size()) return false;
      append_ipv6(out, u + p);
      p += 16;
      return true;
    case 3: return print_name_field(out, w, p);
  }
  return false;
}

// Base64 over the rest of the tokens; `dash` takes a lone "-" as empty.
bool parse_base64_tail(Cursor& c, std::string& w, RdataError& err, bool dash) {
  err.code = Code::bad_base64;
  if (dash && c.pos + 1 == c.tokens.size() && !c.tokens[c.pos].quoted && c.tokens[c.pos].text == "-") {
    ++c.pos;
    return true;
  }
  std::string joined;
  for (; c.pos < c.tokens.size(); ++c.pos) {
    err.token = c.pos;
    if (c.tokens[c.pos].quoted) return false;
    joined.append(c.tokens[c.pos].text);
  }
  return decode_base64(joined, w);
}

// IPSECKEY after the precedence (RFC 4025 §3.1): gateway type, algorithm,
// gateway, and the public key, which may be left out.
bool parse_ipseckey(Cursor& c, std::string_view origin, std::string& w, RdataError& err) {
  uint8_t type, alg;
  if (!take_u8(c, err, "gateway type", type)) return false;
  if (type > 3) return false;
  if (!take_u8(c, err, "algorithm", alg)) return false;
  w.push_back(char(type));
  w.push_back(char(alg));
  if (!parse_gateway(type, c, origin, w, err, "gateway", false)) return false;
  err.field = "public key";
  // Algorithm 0: "No Public key is present" (IANA IPSECKEY registry, RFC 4025 §2.4).
  if (alg == 0 && c.pos < c.tokens.size()) {
    err.code = Code::extra_field;
    err.token = c.pos;
    return false;
  }
  return parse_base64_tail(c, w, err, false);
}

bool print_ipseckey(std::string& out, std::string_view w, size_t& p) {
  if (p + 2 > w.size()) return false;
  uint8_t type = uint8_t(w[p]), alg = uint8_t(w[p + 1]);
  p += 2;
  append_uint(out, type);
  out.push_back(' ');
  append_uint(out, alg);
  out.push_back(' ');
  if (!print_gateway(type, out, w, p)) return false;
  if (alg == 0 && p < w.size()) return false;  // algorithm 0 has no key
  if (p < w.size()) {
    out.push_back(' ');
    append_base64(out, w.substr(p));
  }
  p = w.size();
  return true;
}

// AMTRELAY after the precedence (RFC 8777 §4): the discovery-optional bit
// (0 or 1), the relay type, and the relay ("." or left out for type 0).
bool parse_amtrelay(Cursor& c, std::string_view origin, std::string& w, RdataError& err) {
  uint8_t d, type;
  if (!take_u8(c, err, "discovery optional", d)) return false;
  if (d > 1) return false;
  if (!take_u8(c, err, "relay type", type)) return false;
  if (type > 3) return false;
  w.push_back(char((d << 7) | type));
  return parse_gateway(type, c, origin, w, err, "relay", true);
}

bool print_amtrelay(std::string& out, std::string_view w, size_t& p) {
  if (p + 1 > w.size()) return false;
  uint8_t dt = uint8_t(w[p++]);
  append_uint(out, dt >> 7);
  out.push_back(' ');
  append_uint(out, dt & 0x7f);
  out.push_back(' ');
  return print_gateway(dt & 0x7f, out, w, p);
}

// HIP (RFC 8005 §5): PK algorithm, HIT in hex, public key in base64, then
// the rendezvous servers. Wire: HIT length, algorithm, PK length, HIT, PK,
// names.
bool parse_hip(Cursor& c, std::string_view origin, std::string& w, RdataError& err) {
  uint8_t alg;
  if (!take_u8(c, err, "PK algorithm", alg)) return false;
  err.code = Code::bad_hex;
  const TextToken* t = take(c, err, "HIT");
  std::string hit, pk;
  if (!t || !decode_hex(t->text, hit) || hit.empty() || hit.size() > 255) return false;
  err.code = Code::bad_base64;
  t = take(c, err, "public key");
  if (!t || !decode_base64(t->text, pk) || pk.empty() || pk.size() > 0xffff) return false;
  w.push_back(char(hit.size()));
  w.push_back(char(alg));
  put16(w, uint16_t(pk.size()));
  w.append(hit);
  w.append(pk);
  err.field = "rendezvous server";
  for (; c.pos < c.tokens.size(); ++c.pos) {
    err.token = c.pos;
    err.code = Code::bad_name;
    if (c.tokens[c.pos].quoted || !parse_name_field(c.tokens[c.pos], origin, w, err)) return false;
  }
  return true;
}

bool print_hip(std::string& out, std::string_view w, size_t& p) {
  if (p + 4 > w.size()) return false;
  size_t hit = uint8_t(w[p]), pk = get16(w, p + 2);
  uint8_t alg = uint8_t(w[p + 1]);
  p += 4;
  if (hit == 0 || pk == 0 || p + hit + pk > w.size()) return false;
  append_uint(out, alg);
  out.push_back(' ');
  append_hex(out, w.substr(p, hit), kHexUpper);
  out.push_back(' ');
  append_base64(out, w.substr(p + hit, pk));
  p += hit + pk;
  while (p < w.size()) {
    out.push_back(' ');
    if (!print_name_field(out, w, p)) return false;
  }
  return true;
}

// ATMA (ATM Forum af-dans-0152.000 §5.2): format 0, an AESA of 20 octets
// in hex (dots allowed); format 1, E.164 digits after a "+".
bool parse_atma(std::string_view t, std::string& w) {
  if (!t.empty() && t[0] == '+') {
    if (t.size() < 2) return false;
    for (char ch : t.substr(1))
      if (!is_digit(ch)) return false;
    w.push_back(1);
    w.append(t.substr(1));
    return true;
  }
  std::string bytes;
  if (!decode_dotted_hex(t, bytes) || bytes.size() != 20) return false;
  w.push_back(0);
  w.append(bytes);
  return true;
}

bool print_atma(std::string& out, std::string_view w, size_t& p) {
  if (p + 2 > w.size()) return false;
  uint8_t format = uint8_t(w[p]);
  std::string_view a = w.substr(p + 1);
  if (format == 0) {
    if (a.size() != 20) return false;
    append_hex(out, a, kHexLower);
  } else if (format == 1) {
    for (char ch : a)
      if (!is_digit(ch)) return false;
    out.push_back('+');
    out.append(a);
  } else {
    return false;
  }
  p = w.size();
  return true;
}

// IPN (draft-johnson-dns-ipn-cla §3.1): a u64, or HIGH.LOW, two u32.
bool parse_u64(std::string_view t, std::string& w) {
  uint64_t v;
  size_t dot = t.find('.');
  if (dot == std::string_view::npos) {
    if (parse_decimal(t, UINT64_MAX, v) != NumberStatus::ok) return false;
  } else {
    uint64_t hi, lo;
    if (parse_decimal(t.substr(0, dot), 0xffffffffu, hi) != NumberStatus::ok ||
        parse_decimal(t.substr(dot + 1), 0xffffffffu, lo) != NumberStatus::ok)
      return false;
    v = (hi << 32) | lo;
  }
  put32(w, uint32_t(v >> 32));
  put32(w, uint32_t(v));
  return true;
}

}  // namespace

bool rare_kind_may_be_absent(FieldKind k) {
  return k == FieldKind::string_opt || k == FieldKind::base64_opt || k == FieldKind::apl;
}

Code rare_kind_error(FieldKind k) {
  switch (k) {
    case FieldKind::u64:
    case FieldKind::dsync_scheme:
    case FieldKind::wks:
    case FieldKind::a6:
    case FieldKind::ipseckey:
    case FieldKind::amtrelay:
    case FieldKind::hip: return Code::bad_number;
    case FieldKind::string_opt: return Code::bad_escape;
    case FieldKind::base64_or_dash:
    case FieldKind::base64_opt: return Code::bad_base64;
    case FieldKind::nxt_bitmap: return Code::unknown_type;
    default: return Code::bad_address;
  }
}

bool parse_rare_field(FieldKind k, Cursor& c, std::string_view origin, std::string& w, RdataError& err) {
  const TextToken& t = c.tokens[c.pos];
  bool ok = false;
  switch (k) {
    case FieldKind::string_opt: return parse_strings_field(FieldKind::string, c, w, err);
    case FieldKind::base64_or_dash: return parse_base64_tail(c, w, err, true);
    case FieldKind::base64_opt: return parse_base64_tail(c, w, err, false);
    case FieldKind::apl: return parse_apl(c, w, err);
    case FieldKind::wks: return parse_wks(c, w, err);
    case FieldKind::nxt_bitmap: return parse_nxt_bitmap(c, w, err);
    case FieldKind::a6: return parse_a6(c, origin, w, err);
    case FieldKind::ipseckey: return parse_ipseckey(c, origin, w, err);
    case FieldKind::amtrelay: return parse_amtrelay(c, origin, w, err);
    case FieldKind::hip: return parse_hip(c, origin, w, err);
    case FieldKind::u64: ok = parse_u64(t.text, w); break;
    case FieldKind::dsync_scheme: {
      uint64_t v;
      if (iequals(t.text, "NOTIFY")) {
        v = 1;
      } else if (parse_decimal(t.text, 0xff, v) != NumberStatus::ok) {
        break;
      }
      w.push_back(char(v));
      ok = true;
      break;
    }
    case FieldKind::eui48: ok = parse_hex_groups(t.text, '-', 6, 2, true, w); break;
    case FieldKind::eui64: ok = parse_hex_groups(t.text, '-', 8, 2, true, w); break;
    case FieldKind::ilnp64: ok = parse_hex_groups(t.text, ':', 4, 4, true, w); break;
    case FieldKind::nsap: {
      std::string bytes;
      ok = t.text.size() > 2 && t.text[0] == '0' && t.text[1] == 'x' && decode_dotted_hex(t.text.substr(2), bytes);
      w.append(bytes);
      break;
    }
    case FieldKind::atma: ok = parse_atma(t.text, w); break;
    default: break;
  }
  if (!ok) return false;
  ++c.pos;
  return true;
}

bool print_rare_field(std::string& out, FieldKind k, std::string_view w, size_t& p) {
  // Fields that may be absent take back the blank written before them.
  auto absent = [&] {
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return true;
  };
  switch (k) {
    case FieldKind::string_opt:
      if (p == w.size()) return absent();
      return print_strings_field(out, FieldKind::string, w, p);
    case FieldKind::base64_opt:
      if (p == w.size()) return absent();
      append_base64(out, w.substr(p));
      p = w.size();
      return true;
    case FieldKind::base64_or_dash:
      if (p == w.size())
        out.push_back('-');
      else
        append_base64(out, w.substr(p));
      p = w.size();
      return true;
    case FieldKind::apl: return print_apl(out, w, p);  // the only field: nothing when empty
    case FieldKind::wks: return print_wks(out, w, p);
    case FieldKind::nxt_bitmap: return print_nxt_bitmap(out, w, p);
    case FieldKind::a6: return print_a6(out, w, p);
    case FieldKind::ipseckey: return print_ipseckey(out, w, p);
    case FieldKind::amtrelay: return print_amtrelay(out, w, p);
    case FieldKind::hip: return print_hip(out, w, p);
    case FieldKind::u64:
      if (p + 8 > w.size()) return false;
      append_uint(out, (uint64_t(get32(w, p)) << 32) | get32(w, p + 4));
      p += 8;
      return true;
    case FieldKind::dsync_scheme:
      if (p + 1 > w.size()) return false;
      append_uint(out, uint8_t(w[p++]));
      return true;
    case FieldKind::eui48:
    case FieldKind::eui64: {
      size_t n = k == FieldKind::eui48 ? 6 : 8;
      if (p + n > w.size()) return false;
      append_hex_groups(out, w.substr(p, n), '-', 1);
      p += n;
      return true;
    }
    case FieldKind::ilnp64:
      if (p + 8 > w.size()) return false;
      append_hex_groups(out, w.substr(p, 8), ':', 2);
      p += 8;
      return true;
    case FieldKind::nsap:
      if (p == w.size()) return false;
      out.append("0x");
      append_hex(out, w.substr(p), kHexLower);
      p = w.size();
      return true;
    case FieldKind::atma: return print_atma(out, w, p);
    default: return false;
  }
}

}  // namespace mxray::rdata_impl
