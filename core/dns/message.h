// The DNS message (RFC 1035 §4.1): queries built for RFC 8484 DoH and
// responses decoded from untrusted wire bytes. Decoding is all-or-nothing:
// anything malformed rejects the whole message with a named error, and every
// length read from the wire is checked against what remains.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dns/name.h"

namespace mxray {

// Header flag bits as they sit in the 16-bit flags word (RFC 1035 §4.1.1,
// RFC 4035 §3.2 for AD and CD).
namespace dnsflag {
inline constexpr uint16_t QR = 0x8000, AA = 0x0400, TC = 0x0200, RD = 0x0100, RA = 0x0080, AD = 0x0020, CD = 0x0010;
}

// RCODEs, including the extended ones that need OPT (RFC 6891 §6.1.3).
namespace rcode {
inline constexpr uint16_t NOERROR = 0, FORMERR = 1, SERVFAIL = 2, NXDOMAIN = 3, NOTIMP = 4, REFUSED = 5, BADVERS = 16;
}
// Mnemonic for an RCODE from IANA's registry, 0..23 ("NOERROR", "SERVFAIL",
// "BADVERS", "BADCOOKIE"); "RCODEnn" for the others.
std::string rcode_name(uint16_t code);

struct Question {
  WireName name;
  uint16_t type = 0;
  uint16_t qclass = 1;
};

// One resource record with its RDATA uncompressed: names inside the RDATA of
// the types RFC 3597 §4 lets senders compress are expanded, so `rdata` can go
// straight to append_rdata_text() and compare byte-for-byte with zone data.
struct ResourceRecord {
  WireName owner;
  uint16_t type = 0;
  uint16_t rclass = 1;
  uint32_t ttl = 0;
  std::string rdata;
};

// Extended DNS Error (RFC 8914 §2).
struct ExtendedError {
  uint16_t info_code = 0;
  std::string extra_text;  // UTF-8 from the wire, as sent (may be empty)
};

// The OPT pseudo-record (RFC 6891 §6.1.2), decoded; not kept in `additional`.
struct Edns {
  uint16_t udp_size = 0;
  uint8_t version = 0;
  bool dnssec_ok = false;
  std::vector<ExtendedError> extended_errors;
};

struct Message {
  uint16_t id = 0;
  uint16_t flags = 0;  // the header's flags word minus OPCODE and RCODE
  uint8_t opcode = 0;
  uint16_t rcode = 0;  // 12 bits: the header's 4 plus OPT's upper 8
  std::vector<Question> questions;
  std::vector<ResourceRecord> answer, authority, additional;
  std::optional<Edns> edns;
  std::string comment;  // DoH JSON "Comment" (joined with "; "); empty from the wire

  bool has(uint16_t flag) const { return (flags & flag) != 0; }
};

// Why a message was rejected. Stable names for reports and tests come from
// message_error_name().
enum class MessageError : uint8_t {
  none,
  short_header,        // fewer than 12 octets
  not_a_response,      // QR is clear
  truncated_question,  // question runs past the end
  truncated_record,    // RR header or RDATA runs past the end
  bad_name,            // label type 01/10, or label/name too long
  bad_pointer,         // compression pointer forward, to itself, into the header, or out of bounds
  pointer_loop,        // too many pointers followed for one name
  bad_rdata,           // RDATA does not match its type's layout
  multiple_opt,        // more than one OPT (RFC 6891 §6.1.1)
  misplaced_opt,       // OPT outside the additional section, or owner not root
  bad_opt,             // OPT option runs past its RDATA
  trailing_bytes,      // octets left after the last section
  too_many_records,    // counts whose minimum sizes (5 per question, 11 per RR) exceed the octets left
  too_large,           // over 65535 octets: no DNS message is (RFC 1035 §4.2.2, RFC 8484 §6)
};
std::string_view message_error_name(MessageError e);

struct QueryOptions {
  bool dnssec_ok = false;          // DO bit (RFC 3225)
  bool checking_disabled = false;  // CD bit
  uint16_t udp_size = 1232;        // DNS flag day 2020 recommendation
  uint16_t padding_block = 0;      // RFC 8467 block padding when non-zero (RFC 7830 option)
  // RD (RFC 1035 §4.1.1): off for a question to an authoritative server,
  // which answers from its own zones only (RFC 1034 §4.3.1).
  bool recursion_desired = true;
};

// An RFC 8484 query: ID 0, RD as `options` says (set by default), one question in class IN, and an EDNS(0)
// OPT record. Returns the wire bytes.
std::string encode_query(const WireName& name, uint16_t type, const QueryOptions& options = {});

// Decodes an untrusted response. On failure returns false and sets `error`;
// `out` is then unspecified. A compression pointer must aim strictly before
// the run of labels it continues (so no loop can be built) and at most 127
// are followed per name. RDATA of the RFC 3597 §4 types is decompressed;
// every type the table knows is then checked with rdata_is_well_formed().
bool decode_message(std::string_view wire, Message& out, MessageError& error);

// RFC 4648 §5 base64url without padding, as RFC 8484 §4.1 asks for GET.
std::string base64url(std::string_view bytes);

}  // namespace mxray
