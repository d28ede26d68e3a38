// The whole offline check on a fuzzed zone: the first byte picks the
// format (BIND, Cloudflare export, API JSON), the rest is the file. The
// rules, the merge, the corrected zone, the diff, the Cloudflare forms and
// the report must all come out whatever the zone holds, and a zone the fix
// leaves alone must come back byte for byte.
#include "fuzz_common.h"
#include "zone/parser.h"

using namespace mxray;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const InputFormat kFormats[] = {InputFormat::bind, InputFormat::cloudflare_export, InputFormat::cloudflare_json};
  const InputFormat format = kFormats[data[0] % 3];
  std::string text;
  if (format == InputFormat::cloudflare_export) text = ";; Domain:     fuzz.test.\n";
  text.append(reinterpret_cast<const char*>(data + 1), size - 1);
  ParseOptions o;
  o.origin = format == InputFormat::cloudflare_export ? "" : "fuzz.test.";
  o.format = format;
  o.limits.max_records = 4000;
  o.limits.max_generate = 256;
  o.limits.max_diagnostics = 32;
  auto zone = std::make_shared<Zone>(parse_zone(text, "fuzz.zone", o));
  SessionOptions so;
  so.live = false;
  Session s("", so, {zone});
  if (s.error() == SessionError::none) fuzz::report_and_dump(s, {text});
  return 0;
}
