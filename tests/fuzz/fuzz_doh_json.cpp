// The DoH JSON answer decoder (application/dns-json as Google and
// Cloudflare serve it): any bytes decode into the wire decoder's Message or
// are refused with a named problem.
#include "dns/rdata.h"
#include "doh/json.h"
#include "fuzz_common.h"

using namespace mxray;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Message m;
  DohJsonProblem problem;
  const bool ok = decode_doh_json(text, m, problem);
  fuzz::check(ok == (problem.error == DohJsonError::none), "result and problem disagree");
  if (!ok) {
    fuzz::check(!doh_json_error_name(problem.error).empty(), "unnamed problem");
    return 0;
  }
  std::string out;
  for (const ResourceRecord& r : m.answer) {
    out.clear();
    append_rdata_text(out, r.type, r.rdata);
  }
  return 0;
}
