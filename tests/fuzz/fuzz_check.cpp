// The whole offline check on a fuzzed zone: the first byte picks the
// format (BIND, Cloudflare export, API JSON), the rest is the file. The
// rules, the merge, the corrected zone, the diff, the Cloudflare forms and
// the report must all come out whatever the zone holds, and a zone the fix
// leaves alone must come back byte for byte. A zone file that parsed
// without error and that the fix changed must parse without error again,
// with no name given a record beside a CNAME that it did not have before
// (tests/unit/test_fix_property.cpp holds the same promises on made-up
// zones; here the fuzzer finds the syntax).
#include <map>
#include <set>

#include "dns/types.h"
#include "fix/fix.h"
#include "fuzz_common.h"
#include "zone/parser.h"

using namespace mxray;

namespace {

// Owners holding a CNAME and another record.
std::set<std::string> cname_conflicts(const Zone& z) {
  std::map<std::string, std::pair<bool, bool>> by_owner;
  for (size_t i = 0; i < z.size(); ++i) {
    RecordView r = z.record(i);
    auto& [cname, other] = by_owner[std::string(r.owner.view())];
    (r.type == rrtype::CNAME ? cname : other) = true;
  }
  std::set<std::string> out;
  for (const auto& [name, has] : by_owner)
    if (has.first && has.second) out.insert(name);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const InputFormat kFormats[] = {InputFormat::bind, InputFormat::cloudflare_export,
                                         InputFormat::cloudflare_json};
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
  if (s.error() != SessionError::none) return 0;
  const nlohmann::json report = fuzz::report_and_dump(s, {text});
  if (zone->error_count != 0 || format == InputFormat::cloudflare_json) return 0;
  for (const nlohmann::json& z : report["fix"]["zones"]) {
    if (!z["changed"].get<bool>() || !z["utf8"].get<bool>()) continue;
    std::string fixed_text = z["text"].get<std::string>();
    fixed_text = fill_placeholder(fixed_text, "origin-ipv4", "192.0.2.1");
    fixed_text = fill_placeholder(fixed_text, "origin-ipv6", "2001:db8::1");
    ParseOptions again = o;
    again.limits.max_records = 1000000;  // the fix may add records past the fuzzing limit
    const Zone fixed = parse_zone(fixed_text, "fuzz.zone", again);
    fuzz::check(fixed.error_count == 0, "the corrected zone does not parse cleanly");
    const std::set<std::string> before = cname_conflicts(*zone);
    for (const std::string& name : cname_conflicts(fixed))
      fuzz::check(before.count(name) != 0, "the fix put a record beside a CNAME");
  }
  return 0;
}
