// The DNS message decoder (RFC 1035 §4, with EDNS): any bytes decode or are
// refused with a reason; what decodes is checked against a question and
// every record's RDATA prints.
#include <algorithm>

#include "dns/message.h"
#include "dns/rdata.h"
#include "dns/types.h"
#include "doh/answer.h"
#include "fuzz_common.h"

using namespace mxray;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view wire(reinterpret_cast<const char*>(data), size);
  Message m;
  MessageError error = MessageError::none;
  const bool ok = decode_message(wire, m, error);
  fuzz::check(ok == (error == MessageError::none), "result and error disagree");
  if (!ok) {
    fuzz::check(!message_error_name(error).empty(), "unnamed error");
    return 0;
  }
  WireName name;
  if (parse_name("mail.fuzz.test.", std::string_view("\0", 1), name) != NameError::none) fuzz::fail("name");
  (void)answer_verdict_name(check_answer(m, name, rrtype::A));
  // RFC 2308 §5: never above the TTL the SOA it came from was sent with.
  if (auto ttl = negative_ttl(m, name.view()))
    fuzz::check(std::any_of(m.authority.begin(), m.authority.end(),
                            [&](const ResourceRecord& r) { return r.type == rrtype::SOA && r.ttl >= *ttl; }),
                "negative TTL above its SOA's");
  std::string text;
  for (const auto* section : {&m.answer, &m.authority, &m.additional})
    for (const ResourceRecord& r : *section) {
      text.clear();
      append_rdata_text(text, r.type, r.rdata);
    }
  return 0;
}
