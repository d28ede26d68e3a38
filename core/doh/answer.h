// Whether a decoded answer really answers the question that was asked.
#pragma once

#include <cstdint>
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

}  // namespace mxray
