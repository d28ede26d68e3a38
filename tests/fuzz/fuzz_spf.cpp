// The SPF parser (RFC 7208): any text parses into terms and problems; every
// term's span lies inside the text and every problem has a name.
#include "fuzz_common.h"
#include "policy/spf.h"

using namespace mxray;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  SpfRecord spf = parse_spf(text);
  for (const SpfTerm& t : spf.terms) fuzz::check(size_t(t.offset) + t.length <= size, "term past the text");
  for (const auto& p : spf.problems) fuzz::check(!spf_problem_name(p.code).empty(), "unnamed problem");
  if (spf.all_term) fuzz::check(*spf.all_term < spf.terms.size(), "all term out of range");
  if (spf.redirect_term) fuzz::check(*spf.redirect_term < spf.terms.size(), "redirect term out of range");
  (void)is_spf_record(text);
  return 0;
}
