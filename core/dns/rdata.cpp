// RDATA in presentation form <-> wire form, driven by the type table: each
// field goes to the piece of the codec for its shape (dns/rdata_impl.h).
#include "dns/rdata_impl.h"

#include <algorithm>

namespace mxray::rdata_impl {
namespace {

// Which error a field kind reports when its token is malformed.
Code field_error(FieldKind k) {
  switch (k) {
    case FieldKind::u8:
    case FieldKind::u16:
    case FieldKind::u32:
    case FieldKind::algorithm:
    case FieldKind::cert_type: return Code::bad_number;
    case FieldKind::period: return Code::bad_ttl;
    case FieldKind::name: return Code::bad_name;
    case FieldKind::ipv4: return Code::bad_ipv4;
    case FieldKind::ipv6: return Code::bad_ipv6;
    case FieldKind::string:
    case FieldKind::strings:
    case FieldKind::caa_value:
    case FieldKind::uri_target: return Code::bad_escape;
    case FieldKind::base64: return Code::bad_base64;
    case FieldKind::hex:
    case FieldKind::salt: return Code::bad_hex;
    case FieldKind::base32hex: return Code::bad_base32;
    case FieldKind::time: return Code::bad_time;
    case FieldKind::rrtype:
    case FieldKind::type_bitmap: return Code::unknown_type;
    case FieldKind::caa_tag: return Code::bad_caa_tag;
    case FieldKind::loc: return Code::bad_loc;
    case FieldKind::svc_params: return Code::bad_svcparam;
    default: return rare_kind_error(k);
  }
}

bool kind_allows_quotes(FieldKind k) {
  return k == FieldKind::string || k == FieldKind::strings || k == FieldKind::caa_value || k == FieldKind::uri_target ||
         k == FieldKind::svc_params || k == FieldKind::string_opt;
}

// Only the "rest" kinds may be empty; of them TXT needs one string and the
// keys and digests need some data.
bool field_may_be_absent(FieldKind k) {
  return k == FieldKind::type_bitmap || k == FieldKind::svc_params || rare_kind_may_be_absent(k);
}

// Parses one field; on failure sets err.code and err.token.
bool parse_field(const FieldInfo& f, Cursor& c, std::string_view origin, std::string& w, RdataError& err) {
  err.field = f.name;
  if (c.pos >= c.tokens.size()) {
    if (field_may_be_absent(f.kind)) return true;
    err.code = Code::missing_field;
    err.token = c.pos;
    return false;
  }
  const TextToken& t = c.tokens[c.pos];
  err.token = c.pos;
  err.code = field_error(f.kind);
  if (t.quoted && !kind_allows_quotes(f.kind)) return false;
  bool ok = false;
  switch (f.kind) {
    case FieldKind::u8:
    case FieldKind::u16:
    case FieldKind::u32:
    case FieldKind::period:
    case FieldKind::time:
    case FieldKind::algorithm:
    case FieldKind::cert_type: ok = parse_number_field(f.kind, t, w, err); break;
    case FieldKind::name: ok = parse_name_field(t, origin, w, err); break;
    case FieldKind::rrtype: ok = parse_type_field(t, w); break;
    case FieldKind::ipv4:
    case FieldKind::ipv6: ok = parse_address_field(f.kind, t, w); break;
    case FieldKind::caa_value:
    case FieldKind::uri_target: ok = parse_raw_text_field(f.kind, t, w, err); break;
    case FieldKind::caa_tag: ok = parse_caa_tag_field(t, w); break;
    case FieldKind::salt:
    case FieldKind::base32hex: ok = parse_counted_binary_field(f.kind, t, w); break;
    case FieldKind::string:
    case FieldKind::strings: return parse_strings_field(f.kind, c, w, err);
    case FieldKind::base64:
    case FieldKind::hex: return parse_binary_rest(f.kind, c, w, err);
    case FieldKind::type_bitmap: return parse_bitmap_rest(c, w, err);
    case FieldKind::loc: return parse_loc_rest(c, w);
    case FieldKind::svc_params: return parse_svc_params_rest(c, w, err);
    default: return parse_rare_field(f.kind, c, origin, w, err);
  }
  if (!ok) return false;
  ++c.pos;
  return true;
}

// Writes one field from wire at `p`; false when the wire is malformed.
bool print_field(std::string& out, FieldKind k, std::string_view w, size_t& p) {
  switch (k) {
    case FieldKind::u8:
    case FieldKind::algorithm:
    case FieldKind::u16:
    case FieldKind::cert_type:
    case FieldKind::u32:
    case FieldKind::period:
    case FieldKind::time: return print_number_field(out, k, w, p);
    case FieldKind::rrtype: return print_type_field(out, w, p);
    case FieldKind::name: return print_name_field(out, w, p);
    case FieldKind::ipv4:
    case FieldKind::ipv6: return print_address_field(out, k, w, p);
    case FieldKind::string:
    case FieldKind::strings: return print_strings_field(out, k, w, p);
    case FieldKind::caa_value:
    case FieldKind::uri_target: return print_raw_text_field(out, k, w, p);
    case FieldKind::base64:
    case FieldKind::hex: return print_binary_rest(out, k, w, p);
    case FieldKind::salt:
    case FieldKind::base32hex: return print_counted_binary_field(out, k, w, p);
    case FieldKind::caa_tag: return print_caa_tag_field(out, w, p);
    case FieldKind::type_bitmap: return print_bitmap_rest(out, w, p);
    case FieldKind::loc: return print_loc_rest(out, w, p);
    case FieldKind::svc_params: return print_svc_params_rest(out, w, p);
    default: return print_rare_field(out, k, w, p);
  }
}

bool print_rdata(std::string& out, const RRType& t, std::string_view w) {
  size_t p = 0;
  for (size_t i = 0; i < t.field_count; ++i) {
    if (i) out.push_back(' ');
    if (!print_field(out, t.fields[i].kind, w, p)) return false;
  }
  return p == w.size();
}

}  // namespace
}  // namespace mxray::rdata_impl

namespace mxray {

using namespace rdata_impl;

bool parse_rdata(uint16_t type, std::span<const TextToken> tokens, std::string_view origin, std::string& wire,
                 RdataError& err, RdataSplit* split) {
  const size_t start = wire.size();
  if (!tokens.empty() && !tokens[0].quoted && tokens[0].text == "\\#") {
    // RFC 3597 §5: \# <length> <hex words>
    err.field = "rdata";
    uint64_t len;
    if (tokens.size() < 2) {
      err.code = Code::missing_field;
      err.token = 1;
      return false;
    }
    if (tokens[1].quoted || parse_decimal(tokens[1].text, kMaxRdataLength, len) != NumberStatus::ok) {
      err.code = Code::bad_generic;
      err.token = 1;
      return false;
    }
    std::string joined;
    for (size_t i = 2; i < tokens.size(); ++i) {
      if (tokens[i].quoted) {
        err.code = Code::bad_generic;
        err.token = i;
        return false;
      }
      joined.append(tokens[i].text);
    }
    err.token = tokens.size() - 1;
    err.code = Code::bad_generic;
    if (!decode_hex(joined, wire) || wire.size() - start != len) return false;
    // A known type in generic form must still be well-formed for its type.
    return rdata_is_well_formed(type, std::string_view(wire).substr(start));
  }
  const RRType* t = find_type(type);
  if (!t) {
    // RFC 3597 §5: an unknown type can only be written in generic form.
    err.code = Code::bad_generic;
    err.token = 0;
    err.field = "rdata";
    return false;
  }
  Cursor c{tokens, 0, split};
  for (size_t i = 0; i < t->field_count; ++i)
    if (!parse_field(t->fields[i], c, origin, wire, err)) return false;
  if (c.pos < tokens.size()) {
    err.code = Code::extra_field;
    err.token = c.pos;
    err.field = "";
    return false;
  }
  if (wire.size() - start > kMaxRdataLength) {
    err.code = Code::rdata_too_long;
    err.token = tokens.empty() ? 0 : tokens.size() - 1;
    return false;
  }
  return true;
}

void append_generic_rdata(std::string& out, std::string_view wire) {
  out.append("\\# ");
  append_uint(out, wire.size());
  if (!wire.empty()) {
    out.push_back(' ');
    append_hex(out, wire, kHexLower);
  }
}

void append_rdata_text(std::string& out, uint16_t type, std::string_view wire) {
  const RRType* t = find_type(type);
  if (t) {
    size_t mark = out.size();
    if (print_rdata(out, *t, wire)) return;
    out.resize(mark);
  }
  append_generic_rdata(out, wire);
}

bool rdata_is_well_formed(uint16_t type, std::string_view wire) {
  const RRType* t = find_type(type);
  if (!t) return true;
  std::string scratch;
  return print_rdata(scratch, *t, wire);
}

}  // namespace mxray
