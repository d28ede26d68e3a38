// Records of every type of the table survive the fix writer byte for byte:
// the record corpus (tests/corpus/rr-*.zone, every type with a text form)
// gets an edit elsewhere in the zone, and every record read back from the
// corrected text has the owner, type and RDATA it had.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "dns/name.h"
#include "dns/rdata.h"
#include "dns/types.h"
#include "fix/fix.h"
#include "rules/catalogue.h"
#include "zone/parser.h"

using namespace mxray;

#ifdef MXRAY_SOURCE_DIR
namespace {

std::string read_corpus(const std::string& name) {
  std::ifstream in(std::string(MXRAY_SOURCE_DIR) + "/tests/corpus/" + name, std::ios::binary);
  REQUIRE(in.good());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// (owner in lower case, type, RDATA) of every record, sorted.
std::vector<std::tuple<std::string, uint16_t, std::string>> records(const Zone& z) {
  std::vector<std::tuple<std::string, uint16_t, std::string>> out;
  for (size_t i = 0; i < z.size(); ++i) {
    const RecordView r = z.record(i);
    std::string owner;
    append_name_text(owner, r.owner.view());
    std::transform(owner.begin(), owner.end(), owner.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    out.emplace_back(owner, r.type, std::string(r.rdata));
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("fix writer: records of every type in the table come out byte for byte") {
  std::set<uint16_t> seen;
  for (const char* file : {"rr-rare.zone", "rr-rare-nodnspython.zone", "rr-svcb-keys.zone", "rr-svcb-https.zone",
                           "rr-dnssec.zone", "rr-names.zone", "rr-address.zone", "rr-txt.zone", "rr-loc.zone",
                           "rr-caa-hinfo.zone", "rr-srv-naptr-uri.zone", "rr-tlsa-sshfp-cert.zone", "rr-soa.zone"}) {
    CAPTURE(file);
    const std::string text = read_corpus(file);
    ParseOptions o;
    o.origin = "example.com.";
    const Zone before = parse_zone(text, file, o);
    REQUIRE(before.size() > 0);
    for (size_t i = 0; i < before.size(); ++i) seen.insert(before.record(i).type);

    // One edit: a new A record, written after its type's records.
    Finding f = make_finding(Rule::origin_exposed, {});
    ZoneEdit e;
    e.op = ZoneEdit::Op::add;
    REQUIRE(parse_name("added.example.com.", std::string_view("\0", 1), e.owner) == NameError::none);
    e.type = rrtype::A;
    e.rdata = "192.0.2.99";  // presentation form, as the rules write it
    e.proxied = Proxied::no;
    f.edits.push_back(e);
    const CorrectedZone c = apply_edits(before, 0, text, merge_edits({f}));
    CHECK(c.skipped.empty());
    REQUIRE(c.applied.size() == 1);

    const Zone after = parse_zone(c.text, file, o);
    auto want = records(before);
    want.emplace_back("added.example.com.", rrtype::A, std::string("\xC0\x00\x02\x63", 4));
    std::sort(want.begin(), want.end());
    CHECK(records(after) == want);
    CHECK(after.error_count == before.error_count);  // the KO records stay rejected, no new ones
  }
  // Every type of the table was in the corpus read above.
  for (const RRType* t = type_table_begin(); t != type_table_end(); ++t) {
    CAPTURE(t->name);
    CHECK(seen.count(t->code) == 1);
  }
}
#endif
