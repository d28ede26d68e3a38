// The Cloudflare API JSON importer: any bytes; a syntax error keeps no
// record, a bad record is skipped alone; every record prints.
#include "fuzz_common.h"
#include "zone/cloudflare_json.h"

using namespace mxray;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Zone zone;
  ParseOptions o;
  o.origin = "fuzz.test.";
  o.limits.max_records = 20000;
  o.limits.max_diagnostics = 64;
  zone.files.push_back("dns_records.json");
  import_cloudflare_json(text, 0, zone, o);
  fuzz::check(zone.size() <= o.limits.max_records, "record limit passed");
  // The first max_diagnostics are kept, then one too-many-errors says so.
  fuzz::check(zone.diagnostics.size() <= o.limits.max_diagnostics + 1, "diagnostic cap passed");
  fuzz::check(
      zone.diagnostics.size() <= o.limits.max_diagnostics || zone.diagnostics.back().code == Code::too_many_errors,
      "diagnostics past the cap without too-many-errors");
  fuzz::print_records(zone);
  return 0;
}
