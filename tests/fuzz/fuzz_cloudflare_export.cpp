// The master-file parser, Cloudflare flavour: the export's header is put in
// front of any bytes, so the export rules (the header's domain as origin,
// the SOA owner without its dot, TTL 1, cf_tags comments) are driven, and
// every record prints.
#include "fuzz_common.h"
#include "zone/parser.h"

using namespace mxray;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text = ";; Domain:     fuzz.test.\n;; Exported:   2026-01-01 00:00:00\n";
  text.append(reinterpret_cast<const char*>(data), size);
  ParseOptions o;
  o.format = InputFormat::cloudflare_export;
  o.limits.max_records = 20000;
  o.limits.max_generate = 512;
  o.limits.max_diagnostics = 64;
  const Zone zone = parse_zone(text, "export.txt", o);
  fuzz::check(zone.format == InputFormat::cloudflare_export, "export not taken as one");
  fuzz::print_records(zone);
  return 0;
}
