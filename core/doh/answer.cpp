#include "doh/answer.h"

#include "dns/types.h"

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

}  // namespace mxray
