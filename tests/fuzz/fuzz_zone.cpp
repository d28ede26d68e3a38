// The master-file parser, BIND flavour: any bytes, parsed whole and in
// chunks whose sizes come from the input, must give the same zone, and
// every record prints. (fuzz_check runs the rules and the fix on zones.)
#include <cstring>

#include "fuzz_common.h"
#include "zone/parser.h"

using namespace mxray;

namespace {

ParseOptions options() {
  ParseOptions o;
  o.origin = "fuzz.test.";
  o.format = InputFormat::bind;
  // Small limits, so the fuzzer meets them often (and stays fast).
  o.limits.max_records = 20000;
  o.limits.max_generate = 512;
  o.limits.max_include_depth = 3;
  o.limits.max_diagnostics = 64;
  o.limits.max_entry_bytes = 300;  // entries past it are cut at the same place in any chunks
  // The input is at most 64 KiB (run.sh's -max_len), and so are all its
  // includes together. At the default 1 GiB, a 504-byte input of one
  // $GENERATE and 43 `$INCLUDE a` lines, each bringing the input again, to
  // the depth limit, took 9 s a run under ASan, and the long run fell from
  // 1,480 to about 300 a second.
  o.limits.max_input_bytes = 1 << 16;
  o.limits.max_generate_bytes = 1 << 20;
  return o;
}

// $INCLUDE of any path gives the first bytes of the input: includes of
// includes, up to the depth limit.
IncludeResolver includes(std::string_view text) {
  return [text](std::string_view) -> std::optional<std::string> {
    return std::string(text.substr(0, std::min<size_t>(text.size(), 512)));
  };
}

void same(const Zone& a, const Zone& b) {
  fuzz::check(a.size() == b.size(), "record count differs by chunking");
  fuzz::check(a.error_count == b.error_count, "error count differs by chunking");
  for (size_t i = 0; i < a.size(); ++i) {
    RecordView x = a.record(i), y = b.record(i);
    fuzz::check(x.type == y.type && x.ttl == y.ttl && x.rdata == y.rdata, "record differs by chunking");
    fuzz::check(x.owner.view() == y.owner.view(), "owner differs by chunking");
    fuzz::check(x.span.begin == y.span.begin && x.span.length == y.span.length, "span differs by chunking");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const ParseOptions o = options();
  const Zone whole = parse_zone(text, "fuzz.zone", o, includes(text));

  // The same bytes in chunks of 1..64 bytes, the size taken from the input.
  Zone chunked;
  {
    ZoneParser p(chunked, "fuzz.zone", o, includes(text));
    const size_t step = size ? 1 + data[0] % 64 : 1;
    for (size_t at = 0; at < size; at += step) p.feed(text.substr(at, step));
    p.finish();
  }
  same(whole, chunked);

  fuzz::print_records(whole);
  for (size_t i = 0; i < whole.size(); ++i) {
    RecordView r = whole.record(i);
    fuzz::check(r.span.begin + r.span.length <= size || r.span.file != 0, "span past the input");
  }
  return 0;
}
