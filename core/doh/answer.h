// Whether a decoded answer really answers the question that was asked.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "dns/message.h"

namespace mxray {

enum class AnswerVerdict : uint8_t {
  ok,              // NOERROR or NXDOMAIN for exactly our question: usable
  no_question,     // NOERROR/NXDOMAIN, but the answer carries no question section
  wrong_question,  // name, type or class differ from what was asked, or several questions
  truncated,       // TC set: the answer may be incomplete (RFC 8484 §5.1 says DoH answers should not be)
  server_failure,  // SERVFAIL (EDE codes, when present, tell why)
  refused,         // REFUSED
  other_rcode,     // FORMERR, NOTIMP, BADVERS and the rest
};
std::string_view answer_verdict_name(AnswerVerdict v);

// Checked in this order: the question (exactly one, equal to `name`/`type`
// ignoring ASCII case, class IN), then TC, then the RCODE. An answer with no
// question at all gets the RCODE's verdict when that is an error, since
// servers need not echo the question in an error, and no_question otherwise.
AnswerVerdict check_answer(const Message& answer, const WireName& name, uint16_t type);

// How long a negative answer (NXDOMAIN, or NOERROR without a record of the
// asked type: NODATA) may be cached: the smaller of the TTL and the MINIMUM
// field of the zone's SOA in the authority section (RFC 2308 §5). From a
// resolver's cache the SOA's TTL counts down (RFC 2308 §6), so this is the
// time left on its cached "no such record". `name` is the name the answer
// denies (the question's, or the end of its CNAME chain); the SOA must be of
// that name or one above it. nullopt (unknown, never 0) for another RCODE,
// when no such SOA is there, or when its RDATA is not a well-formed SOA.
std::optional<uint32_t> negative_ttl(const Message& answer, std::string_view name);

}  // namespace mxray
