#include "dns/message.h"

#include <cstring>

#include "dns/rdata.h"
#include "dns/types.h"
#include "dns/wire.h"

namespace mxray {
namespace {

constexpr size_t kHeaderSize = 12;       // RFC 1035 §4.1.1
constexpr size_t kMinQuestion = 5;       // root name + QTYPE + QCLASS
constexpr size_t kMinRecord = 11;        // root name + TYPE CLASS TTL RDLENGTH
constexpr unsigned kMaxPointers = 127;   // a 255-octet name has at most 127 labels to point at
constexpr uint16_t kOptionPadding = 12;  // RFC 7830 §3
constexpr uint16_t kOptionEde = 15;      // RFC 8914 §2

using wire::get16;
using wire::get32;
using wire::put16;
using wire::put32;

// ------------------------------------------------------------------ names

enum class NameStatus : uint8_t { ok, truncated, bad_name, bad_pointer, pointer_loop };

MessageError name_error(NameStatus s, MessageError if_truncated) {
  switch (s) {
    case NameStatus::ok: return MessageError::none;
    case NameStatus::truncated: return if_truncated;
    case NameStatus::bad_name: return MessageError::bad_name;
    case NameStatus::bad_pointer: return MessageError::bad_pointer;
    case NameStatus::pointer_loop: return MessageError::pointer_loop;
  }
  return MessageError::bad_name;
}

// Reads the possibly compressed name at `pos` (RFC 1035 §4.1.4). The octets
// before the first pointer must end by `limit` (the RDATA's end, or the
// message's); `next` is set to the offset just after them.
//
// Every pointer must aim inside the message body and strictly before the
// place the current run of labels started: a compressor only refers to names
// it has already written, and the strictly falling targets make loops (self,
// A→B→A) impossible. The hop bound keeps pointer-to-pointer chains cheap.
NameStatus read_name(std::string_view msg, size_t pos, size_t limit, WireName& out, size_t& next) {
  size_t p = pos, end = limit, run_start = pos, len = 0;
  unsigned hops = 0;
  bool jumped = false;
  // After a jump, running off the message means the pointer was bad.
  auto off_end = [&] { return jumped ? NameStatus::bad_pointer : NameStatus::truncated; };
  for (;;) {
    if (p >= end) return off_end();
    const uint8_t b = uint8_t(msg[p]);
    if ((b & 0xC0) == 0xC0) {
      if (p + 2 > end) return off_end();
      const size_t target = size_t(b & 0x3F) << 8 | uint8_t(msg[p + 1]);
      if (!jumped) next = p + 2;
      if (target < kHeaderSize || target >= run_start) return NameStatus::bad_pointer;
      if (++hops > kMaxPointers) return NameStatus::pointer_loop;
      p = run_start = target;
      end = msg.size();
      jumped = true;
      continue;
    }
    // 01 was EDNS0's extended label type (RFC 6891 §5 deprecates it), 10 is
    // reserved (RFC 1035 §4.1.4).
    if (b & 0xC0) return NameStatus::bad_name;
    if (b == 0) {
      out.octets[len++] = 0;
      out.length = uint8_t(len);
      if (!jumped) next = p + 1;
      return NameStatus::ok;
    }
    if (p + 1 + b > end) return off_end();
    // Room for this label and the root label (RFC 1035 §2.3.4: 255 octets).
    if (len + 1 + b + 1 > kMaxNameLength) return NameStatus::bad_name;
    std::memcpy(out.octets + len, msg.data() + p, size_t(1) + b);
    len += size_t(1) + b;
    p += size_t(1) + b;
  }
}

// ------------------------------------------------------------------ RDATA

// RFC 3597 §4: receivers MUST decompress the RDATA names of the RFC 1035
// types and SHOULD for RP, AFSDB, RT, SIG, PX, NXT, NAPTR and SRV. The
// layouts come from the type table.
using K = FieldKind;

const RRType* compressible_layout(uint16_t type) {
  switch (type) {
    case 2:   // NS
    case 3:   // MD
    case 4:   // MF
    case 5:   // CNAME
    case 6:   // SOA
    case 7:   // MB
    case 8:   // MG
    case 9:   // MR
    case 12:  // PTR
    case 14:  // MINFO
    case 15:  // MX
    case 17:  // RP
    case 18:  // AFSDB
    case 21:  // RT
    case 33:  // SRV
    case 35:  // NAPTR
    case 24:  // SIG
    case 26:  // PX
    case 30:  // NXT
      return find_type(type);
    default: return nullptr;
  }
}

// Octets a fixed-size field takes; 0 for the variable ones.
size_t fixed_size(FieldKind k) {
  switch (k) {
    case K::u8:
    case K::dsync_scheme:
    case K::algorithm: return 1;
    case K::u16:
    case K::rrtype:
    case K::cert_type: return 2;
    case K::u32:
    case K::period:
    case K::time:
    case K::ipv4: return 4;
    case K::ipv6: return 16;
    case K::eui48: return 6;
    case K::u64:
    case K::eui64:
    case K::ilnp64: return 8;
    case K::name:
    case K::string:
    case K::strings:
    case K::base64:
    case K::hex:
    case K::salt:
    case K::base32hex:
    case K::type_bitmap:
    case K::caa_tag:
    case K::caa_value:
    case K::uri_target:
    case K::loc:
    case K::svc_params:
    case K::string_opt:
    case K::base64_or_dash:
    case K::base64_opt:
    case K::nsap:
    case K::atma:
    case K::apl:
    case K::wks:
    case K::nxt_bitmap:
    case K::a6:
    case K::ipseckey:
    case K::amtrelay:
    case K::hip: return 0;
  }
  return 0;
}

// Copies the RDATA at msg[p, end) to `out` with its names expanded, walking
// the fields of `t`.
MessageError expand_rdata(std::string_view msg, size_t p, size_t end, const RRType& t, std::string& out) {
  for (size_t i = 0; i < t.field_count; ++i) {
    const FieldKind k = t.fields[i].kind;
    if (k == K::name) {
      WireName n;
      size_t next = p;
      NameStatus s = read_name(msg, p, end, n, next);
      if (s != NameStatus::ok) return name_error(s, MessageError::bad_rdata);
      out.append(reinterpret_cast<const char*>(n.octets), n.length);
      p = next;
    } else if (size_t n = fixed_size(k)) {
      if (p + n > end) return MessageError::bad_rdata;
      out.append(msg.substr(p, n));
      p += n;
    } else if (k == K::string || k == K::caa_tag || k == K::salt || k == K::base32hex) {
      // One length octet and that many octets.
      if (p >= end || p + 1 + uint8_t(msg[p]) > end) return MessageError::bad_rdata;
      const size_t n1 = size_t(1) + uint8_t(msg[p]);
      out.append(msg.substr(p, n1));
      p += n1;
    } else {
      // The other kinds run to the end of the RDATA.
      out.append(msg.substr(p, end - p));
      p = end;
    }
  }
  return p == end ? MessageError::none : MessageError::bad_rdata;
}

// --------------------------------------------------------------- sections

enum class Section : uint8_t { answer, authority, additional };

struct Decoder {
  std::string_view msg;
  size_t pos = kHeaderSize;
  Message& out;
  uint8_t header_rcode = 0;

  MessageError question() {
    Question q;
    NameStatus s = read_name(msg, pos, msg.size(), q.name, pos);
    if (s != NameStatus::ok) return name_error(s, MessageError::truncated_question);
    if (pos + 4 > msg.size()) return MessageError::truncated_question;
    q.type = get16(msg, pos);
    q.qclass = get16(msg, pos + 2);
    pos += 4;
    out.questions.push_back(q);
    return MessageError::none;
  }

  MessageError record(Section section) {
    ResourceRecord r;
    NameStatus s = read_name(msg, pos, msg.size(), r.owner, pos);
    if (s != NameStatus::ok) return name_error(s, MessageError::truncated_record);
    if (pos + 10 > msg.size()) return MessageError::truncated_record;
    r.type = get16(msg, pos);
    r.rclass = get16(msg, pos + 2);
    r.ttl = get32(msg, pos + 4);  // as sent; RFC 2181 §8's top-bit rule is the reader's call
    const size_t rdlength = get16(msg, pos + 8);
    const size_t start = pos + 10, end = start + rdlength;
    if (end > msg.size()) return MessageError::truncated_record;
    pos = end;

    if (r.type == rrtype::OPT) return opt(section, r, start, end);

    if (const RRType* layout = compressible_layout(r.type)) {
      if (MessageError e = expand_rdata(msg, start, end, *layout, r.rdata); e != MessageError::none) return e;
    } else {
      r.rdata.assign(msg.substr(start, rdlength));
    }
    if (!rdata_is_well_formed(r.type, r.rdata)) return MessageError::bad_rdata;
    switch (section) {
      case Section::answer: out.answer.push_back(std::move(r)); break;
      case Section::authority: out.authority.push_back(std::move(r)); break;
      case Section::additional: out.additional.push_back(std::move(r)); break;
    }
    return MessageError::none;
  }

  // RFC 6891 §6.1: one OPT at most, in the additional section, owned by the
  // root. CLASS is the sender's UDP payload size, TTL holds the upper 8 bits
  // of the RCODE, the version and the DO bit (§6.1.3).
  MessageError opt(Section section, const ResourceRecord& r, size_t p, size_t end) {
    if (section != Section::additional || r.owner.length != 1) return MessageError::misplaced_opt;
    if (out.edns) return MessageError::multiple_opt;
    Edns& e = out.edns.emplace();
    e.udp_size = r.rclass;
    e.version = uint8_t((r.ttl >> 16) & 0xFF);
    e.dnssec_ok = (r.ttl & 0x8000) != 0;
    out.rcode = uint16_t(((r.ttl >> 24) << 4) | header_rcode);
    while (p < end) {
      if (p + 4 > end) return MessageError::bad_opt;
      const uint16_t code = get16(msg, p), length = get16(msg, p + 2);
      p += 4;
      if (p + length > end) return MessageError::bad_opt;
      if (code == kOptionEde) {
        // RFC 8914 §2: a 16-bit INFO-CODE, then EXTRA-TEXT to the option's end.
        if (length < 2) return MessageError::bad_opt;
        ExtendedError& x = e.extended_errors.emplace_back();
        x.info_code = get16(msg, p);
        x.extra_text.assign(msg.substr(p + 2, length - 2u));
      }
      p += length;
    }
    return MessageError::none;
  }
};

}  // namespace

std::string rcode_name(uint16_t code) {
  // IANA "DNS RCODEs"; 16 is also BADSIG, but only inside TSIG.
  static constexpr std::string_view kNames[] = {"NOERROR",  "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP",   "REFUSED",
                                                "YXDOMAIN", "YXRRSET", "NXRRSET",  "NOTAUTH",  "NOTZONE",  "DSOTYPENI",
                                                "RCODE12",  "RCODE13", "RCODE14",  "RCODE15",  "BADVERS",  "BADKEY",
                                                "BADTIME",  "BADMODE", "BADNAME",  "BADALG",   "BADTRUNC", "BADCOOKIE"};
  if (code < std::size(kNames)) return std::string(kNames[code]);
  return "RCODE" + std::to_string(code);
}

std::string_view message_error_name(MessageError e) {
  switch (e) {
    case MessageError::none: return "none";
    case MessageError::short_header: return "short-header";
    case MessageError::not_a_response: return "not-a-response";
    case MessageError::truncated_question: return "truncated-question";
    case MessageError::truncated_record: return "truncated-record";
    case MessageError::bad_name: return "bad-name";
    case MessageError::bad_pointer: return "bad-pointer";
    case MessageError::pointer_loop: return "pointer-loop";
    case MessageError::bad_rdata: return "bad-rdata";
    case MessageError::multiple_opt: return "multiple-opt";
    case MessageError::misplaced_opt: return "misplaced-opt";
    case MessageError::bad_opt: return "bad-opt";
    case MessageError::trailing_bytes: return "trailing-bytes";
    case MessageError::too_many_records: return "too-many-records";
    case MessageError::too_large: return "too-large";
  }
  return "unknown";
}

std::string encode_query(const WireName& name, uint16_t type, const QueryOptions& options) {
  std::string w;
  w.reserve(kHeaderSize + name.length + 4 + 11 + 4 + options.padding_block);
  // Header (RFC 1035 §4.1.1). RFC 8484 §4.1: ID 0 so that answers cache well.
  put16(w, 0);
  put16(w, uint16_t((options.recursion_desired ? dnsflag::RD : 0) | (options.checking_disabled ? dnsflag::CD : 0)));
  put16(w, 1);  // QDCOUNT
  put16(w, 0);  // ANCOUNT
  put16(w, 0);  // NSCOUNT
  put16(w, 1);  // ARCOUNT: the OPT record
  // Question (§4.1.2); an empty name stands for the root.
  if (name.empty())
    w.push_back('\0');
  else
    w.append(name.view());
  put16(w, type);
  put16(w, rrclass::IN);
  // OPT (RFC 6891 §6.1.2): root owner, CLASS = payload size, TTL = extended
  // RCODE 0, version 0, DO bit (RFC 3225 §3).
  w.push_back('\0');
  put16(w, rrtype::OPT);
  put16(w, options.udp_size);
  put32(w, options.dnssec_ok ? 0x8000u : 0u);
  if (options.padding_block == 0) {
    put16(w, 0);  // RDLENGTH
    return w;
  }
  // RFC 8467 §4.1: pad the whole message to a multiple of the block. The
  // option's own 4 octets (RFC 7830 §3) count towards it.
  const size_t block = options.padding_block;
  const size_t unpadded = w.size() + 2 + 4;
  size_t pad = (block - unpadded % block) % block;
  // Only a block near 64 KiB could push RDLENGTH past 16 bits; stop short.
  if (4 + pad > 0xFFFF) pad = 0xFFFF - 4;
  put16(w, uint16_t(4 + pad));
  put16(w, kOptionPadding);
  put16(w, uint16_t(pad));
  w.append(pad, '\0');  // RFC 7830 §3: the padding octets SHOULD be 0x00
  return w;
}

bool decode_message(std::string_view wire, Message& out, MessageError& error) {
  out = Message{};
  error = MessageError::none;
  if (wire.size() < kHeaderSize) {
    error = MessageError::short_header;
    return false;
  }
  if (wire.size() > 65535) {
    error = MessageError::too_large;
    return false;
  }
  const uint16_t word = get16(wire, 2);
  out.id = get16(wire, 0);
  out.opcode = uint8_t((word >> 11) & 0x0F);
  out.flags = uint16_t(word & ~0x780Fu);
  out.rcode = uint16_t(word & 0x000F);
  if (!(word & dnsflag::QR)) {
    error = MessageError::not_a_response;
    return false;
  }
  const size_t qd = get16(wire, 4), an = get16(wire, 6), ns = get16(wire, 8), ar = get16(wire, 10);
  // Refuse counts the remaining octets could not hold before allocating for them.
  if (qd * kMinQuestion + (an + ns + ar) * kMinRecord > wire.size() - kHeaderSize) {
    error = MessageError::too_many_records;
    return false;
  }
  Decoder d{wire, kHeaderSize, out, uint8_t(out.rcode)};
  out.questions.reserve(qd);
  out.answer.reserve(an);
  out.authority.reserve(ns);
  out.additional.reserve(ar);
  auto fail = [&](MessageError e) {
    error = e;
    return false;
  };
  for (size_t i = 0; i < qd; ++i)
    if (MessageError e = d.question(); e != MessageError::none) return fail(e);
  for (size_t i = 0; i < an; ++i)
    if (MessageError e = d.record(Section::answer); e != MessageError::none) return fail(e);
  for (size_t i = 0; i < ns; ++i)
    if (MessageError e = d.record(Section::authority); e != MessageError::none) return fail(e);
  for (size_t i = 0; i < ar; ++i)
    if (MessageError e = d.record(Section::additional); e != MessageError::none) return fail(e);
  if (d.pos != wire.size()) return fail(MessageError::trailing_bytes);
  return true;
}

std::string base64url(std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const uint32_t v = uint32_t(uint8_t(bytes[i])) << 16 | uint32_t(uint8_t(bytes[i + 1])) << 8 | uint8_t(bytes[i + 2]);
    out.push_back(kAlphabet[v >> 18]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(kAlphabet[(v >> 6) & 63]);
    out.push_back(kAlphabet[v & 63]);
  }
  // RFC 4648 §5 with the padding left off (RFC 8484 §4.1).
  const size_t rest = bytes.size() - i;
  if (rest) {
    uint32_t v = uint32_t(uint8_t(bytes[i])) << 16;
    if (rest == 2) v |= uint32_t(uint8_t(bytes[i + 1])) << 8;
    out.push_back(kAlphabet[v >> 18]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    if (rest == 2) out.push_back(kAlphabet[(v >> 6) & 63]);
  }
  return out;
}

}  // namespace mxray
