// The DMARC parser (RFC 9989 §4.7, §4.8): any text parses into tags and
// problems, each problem named and with its reference; and policy discovery
// (§4.10.1) over any answers, cut from the same text at '\n', stays within
// the walk.
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

  // Up to eight lookups: a line starting with '?' has no usable answer, the
  // others hold '|'-separated TXT records.
  std::vector<DmarcLookup> lookups;
  for (size_t start = 0; start <= text.size() && lookups.size() < 8;) {
    const size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line = text.substr(start, end - start);
    DmarcLookup l;
    l.known = line.empty() || line[0] != '?';
    for (size_t s = 0; l.known && s < line.size();) {
      const size_t bar = std::min(line.find('|', s), line.size());
      l.txts.push_back(line.substr(s, bar - s));
      s = bar + 1;
    }
    lookups.push_back(std::move(l));
    start = end + 1;
  }
  const DmarcDiscovery r = discover_dmarc(lookups, 8);
  fuzz::check(r.asked <= lookups.size(), "asked past the lookups");
  if (r.state == DmarcDiscovery::State::found) {
    fuzz::check(r.policy < lookups.size(), "policy past the lookups");
    fuzz::check(r.record < lookups[r.policy].txts.size(), "record past the name's records");
    fuzz::check(r.own == (r.policy == 0), "own is the domain's record");
  }
  return 0;
}
