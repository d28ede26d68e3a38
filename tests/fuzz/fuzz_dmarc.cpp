// The DMARC parser (RFC 7489 §6.3): any text parses into tags and problems,
// each problem named and with its reference.
#include "fuzz_common.h"
#include "policy/dmarc.h"

using namespace mxray;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  DmarcRecord d = parse_dmarc(text);
  for (const auto& p : d.problems) {
    fuzz::check(!dmarc_problem_name(p.code).empty(), "unnamed problem");
    (void)dmarc_problem_reference(p.code);
  }
  (void)is_dmarc_record(text);
  return 0;
}
