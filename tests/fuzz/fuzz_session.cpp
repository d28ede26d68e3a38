// A live Session fed arbitrary answers: the input names the domain, then
// for each question of each round it chooses a DNS message (raw bytes), a
// DoH JSON text or a failure (make-seeds.mjs writes recorded answers so).
// The Session must finish within its budgets whatever it is told, and the
// rules, the fix and the report must run on whatever facts it ends with.
#include <fuzzer/FuzzedDataProvider.h>

#include "fuzz_common.h"

using namespace mxray;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  SessionOptions o;
  o.live = true;
  o.limits.max_questions = 256;
  o.limits.max_rounds = 12;
  const std::string domain = in.ConsumeRandomLengthString(300);
  Session s(domain, o);
  if (s.error() != SessionError::none) return 0;  // not a domain name
  uint32_t rounds = 0;
  while (!s.done()) {
    fuzz::check(++rounds <= o.limits.max_rounds + 1, "more rounds than the budget");
    std::vector<PendingQuestion> batch = s.pending();
    fuzz::check(!batch.empty(), "not done, nothing pending");
    std::vector<uint32_t> ids;
    for (const PendingQuestion& q : batch) ids.push_back(q.id);
    for (uint32_t id : ids) {
      bool fed = false;
      switch (in.remaining_bytes() ? in.ConsumeIntegralInRange<int>(0, 3) : 3) {
        case 0: {
          std::string wire = in.ConsumeRandomLengthString(4096);
          fed = s.feed_wire(id, wire);
          break;
        }
        case 1: {
          std::string json = in.ConsumeRandomLengthString(4096);
          fed = s.feed_json(id, json);
          break;
        }
        case 2: fed = s.feed_failure(id, FailureKind(in.ConsumeIntegralInRange<int>(0, 3)), "fuzz"); break;
        default: fed = s.feed_failure(id, FailureKind::timeout, "out of input"); break;
      }
      fuzz::check(fed, "an answer to a pending question was refused");
      fuzz::check(!s.feed_failure(id, FailureKind::network, "twice"), "a question took two answers");
    }
  }
  for (const Fact& f : s.facts())
    if (f.state == FactState::unknown) fuzz::check(!f.reason.text().empty(), "unknown without a reason");
  fuzz::report_and_dump(s, {});
  return 0;
}
