#include "doh/answer.h"

#include <algorithm>

#include "dns/types.h"
#include "dns/wire.h"

namespace mxray {

std::string_view answer_verdict_name(AnswerVerdict v) {
  switch (v) {
    case AnswerVerdict::ok: return "ok";
    case AnswerVerdict::no_question: return "no-question";
    case AnswerVerdict::wrong_question: return "wrong-question";
    case AnswerVerdict::truncated: return "truncated";
    case AnswerVerdict::server_failure: return "server-failure";
    case AnswerVerdict::refused: return "refused";
    case AnswerVerdict::other_rcode: return "other-rcode";
  }
  return "unknown";
}

AnswerVerdict check_answer(const Message& answer, const WireName& name, uint16_t type) {
  auto rcode_verdict = [&] {
    switch (answer.rcode) {
      case rcode::NOERROR:
      case rcode::NXDOMAIN: return AnswerVerdict::ok;
      case rcode::SERVFAIL: return AnswerVerdict::server_failure;
      case rcode::REFUSED: return AnswerVerdict::refused;
      default: return AnswerVerdict::other_rcode;
    }
  };
  if (answer.questions.empty()) {
    // Servers may leave the question out of an error (RFC 1035 does not make
    // them echo it); the RCODE is then the better report. A "success"
    // without the question cannot be matched to what was asked.
    AnswerVerdict v = rcode_verdict();
    return v == AnswerVerdict::ok ? AnswerVerdict::no_question : v;
  }
  const Question& q = answer.questions.front();
  if (answer.questions.size() != 1 || q.type != type || q.qclass != rrclass::IN ||
      !names_equal(q.name.view(), name.view()))
    return AnswerVerdict::wrong_question;
  if (answer.has(dnsflag::TC)) return AnswerVerdict::truncated;
  return rcode_verdict();
}

std::optional<uint32_t> negative_ttl(const Message& answer, std::string_view name) {
  if (answer.rcode != rcode::NOERROR && answer.rcode != rcode::NXDOMAIN) return std::nullopt;
  for (const ResourceRecord& r : answer.authority) {
    if (r.type != rrtype::SOA || r.rclass != rrclass::IN || !name_is_under(name, r.owner.view())) continue;
    // MNAME and RNAME (uncompressed: the decoders expand them), then SERIAL,
    // REFRESH, RETRY, EXPIRE and MINIMUM, 32 bits each (RFC 1035 §3.3.13).
    const std::string_view rdata = r.rdata;
    const size_t mname = wire_name_size(rdata);
    const size_t rname = mname ? wire_name_size(rdata.substr(mname)) : 0;
    if (!rname || rdata.size() != mname + rname + 20) return std::nullopt;
    const uint32_t minimum = wire::get32(rdata, mname + rname + 16);
    return std::min(r.ttl, minimum);
  }
  return std::nullopt;
}

}  // namespace mxray
