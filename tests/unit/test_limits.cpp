// Every limit at its edge (docs/limits.md lists them all, with the test that
// holds each): at the limit the input is read whole; one past it gives the
// limit's own diagnostic (a code, a budget or an evidence step), and what
// came before it is kept. Limits whose edge is held elsewhere are named in
// docs/limits.md with their test; this file has the rest.
#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dns/message.h"
#include "dns/name.h"
#include "dns/rdata.h"
#include "dns/types.h"
#include "dns/utf8.h"
#include "dns_world.h"
#include "doh/json.h"
#include "model/mail_model.h"
#include "model/paths.h"
#include "model/zone_lookup.h"
#include "report/report.h"
#include "rules/catalogue.h"
#include "session/session.h"
#include "session/session_json.h"
#include "zone/parser.h"
#include "zone/zone_text.h"

using namespace mxray;
using mxray::test::DnsWorld;

namespace {

// ------------------------------------------------------------- helpers

ParseOptions origin(std::string name = "example.com.") {
  ParseOptions o;
  o.origin = std::move(name);
  return o;
}

// The owners of the records, in order, separated by spaces (relative to
// example.com. where they are under it).
std::string owners(const Zone& zone) {
  std::string out;
  for (size_t i = 0; i < zone.size(); ++i) {
    std::string n = name_text(zone.record(i).owner.view());
    const std::string suffix = ".example.com.";
    if (n.size() > suffix.size() && n.compare(n.size() - suffix.size(), suffix.size(), suffix) == 0)
      n.resize(n.size() - suffix.size());
    out += (out.empty() ? "" : " ") + n;
  }
  return out;
}

// "line code detail", one a line.
std::string diags(const Zone& zone) {
  std::string out;
  for (const Diagnostic& d : zone.diagnostics) {
    out += std::to_string(d.line) + " " + std::string(code_name(d.code));
    if (!d.detail.empty()) out += " " + d.detail;
    out += "\n";
  }
  return out;
}

using mxray::test::fact;
using mxray::test::wire;

const BudgetHit* budget(const Session& s, std::string_view name) {
  for (const BudgetHit& h : s.budget_hits())
    if (budget_name(h.budget) == name) return &h;
  return nullptr;
}

SessionOptions no_ptr() {
  SessionOptions o;
  o.ask_ptr = false;  // every address would add a question
  return o;
}

std::string repeat(std::string_view s, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

}  // namespace

// =================================================================== zone files

TEST_CASE("limits: records (max_records): N are kept; the N+1st is too-many-records, once") {
  const std::string three = "a 60 A 192.0.2.1\nb 60 A 192.0.2.2\nc 60 A 192.0.2.3\n";
  ParseOptions o = origin();
  o.limits.max_records = 3;
  Zone at = parse_zone(three, "z", o);
  CHECK(owners(at) == "a b c");
  CHECK(diags(at).empty());

  Zone past = parse_zone(three + "d 60 A 192.0.2.4\ne 60 A 192.0.2.5\n", "z", o);
  CHECK(owners(past) == "a b c");
  CHECK(diags(past) == "4 too-many-records 3\n");  // reported once, at the first record refused
  CHECK(past.rejected_records == 2);

  SUBCASE("a $GENERATE that passes the limit is refused whole; the record before it stays") {
    o.limits.max_records = 4;
    Zone g = parse_zone("a 60 A 192.0.2.1\n$GENERATE 1-3 h$ 60 A 192.0.2.$\n", "z", o);
    CHECK(owners(g) == "a h1 h2 h3");
    Zone over = parse_zone("a 60 A 192.0.2.1\n$GENERATE 1-4 h$ 60 A 192.0.2.$\n", "z", o);
    CHECK(owners(over) == "a");
    CHECK(diags(over) == "2 too-many-records 4\n");
  }
}

TEST_CASE("limits: kept diagnostics (max_diagnostics): N are listed; then too-many-errors, the rest counted") {
  ParseOptions o = origin();
  o.limits.max_diagnostics = 3;
  const std::string bad3 = "a 60 A 1\nb 60 A 2\nc 60 A 3\n";
  Zone at = parse_zone(bad3 + "ok 60 A 192.0.2.9\n", "z", o);
  CHECK(diags(at) == "1 bad-ipv4\n2 bad-ipv4\n3 bad-ipv4\n");
  CHECK(at.error_count == 3);
  CHECK(owners(at) == "ok");

  Zone past = parse_zone(bad3 + "d 60 A 4\nok 60 A 192.0.2.9\ne 60 A 5\n", "z", o);
  CHECK(diags(past) == "1 bad-ipv4\n2 bad-ipv4\n3 bad-ipv4\n4 too-many-errors 3\n");
  CHECK(past.error_count == 5);  // every error is counted, listed or not
  CHECK(past.rejected_records == 5);
  CHECK(owners(past) == "ok");
}

TEST_CASE("limits: $INCLUDE reads (max_includes 10000): N are asked for; the N+1st is include-limit, once") {
  // main: `$INCLUDE b` k times; b: `$INCLUDE e` 100 times; e: empty. Before
  // the limit, 3,000 x 3,000 such lines (45 KB) made 9 million reads and
  // took 2 min 15 s; an empty file costs nothing against max_input_bytes.
  size_t asked = 0;
  auto resolver = [&asked](std::string_view path) -> std::optional<std::string> {
    ++asked;
    if (path == "e") return std::string();
    std::string b;
    for (int i = 0; i < 100; ++i) b += "$INCLUDE e\n";
    return b;
  };
  auto main = [](int k) {
    std::string m = "first 60 A 192.0.2.1\n";
    for (int i = 0; i < k; ++i) m += "$INCLUDE b\n";
    return m + "last 60 A 192.0.2.2\n";
  };
  const ParseOptions o = origin();
  REQUIRE(o.limits.max_includes == 10000);

  // 99 b's and their 9,900 e's, plus one more b: 10,000 reads, all done.
  Zone at = parse_zone(main(99) + "$INCLUDE e\n", "main.zone", o, resolver);
  CHECK(diags(at).empty());
  CHECK(asked == 10000);
  CHECK(owners(at) == "first last");

  // One b more: its 100 e's are refused; the first refused is reported.
  asked = 0;
  Zone past = parse_zone(main(100) + "$INCLUDE e\n", "main.zone", o, resolver);
  CHECK(asked == 10000);
  CHECK(diags(past) == "1 include-limit 10000\n");  // line 1 of the 100th b
  REQUIRE(past.diagnostics.size() == 1);
  CHECK(past.files[past.diagnostics[0].file] == "b");
  CHECK(past.diagnostics[0].token == "e");
  CHECK(past.rejected_records == 101);  // the 100th b's 100 e's, and the main file's e
  CHECK(owners(past) == "first last");

  SUBCASE("3,000 x 3,000: the reads stop at the limit") {
    asked = 0;
    ParseOptions small = origin();
    small.limits.max_includes = 3;
    Zone z = parse_zone(main(3000), "main.zone", small, resolver);
    CHECK(asked == 3);
    CHECK(diags(z) == "3 include-limit 3\n");  // line 3 of the first b
    CHECK(z.rejected_records == 98 + 2999);    // that b's last 98 e's, and 2,999 b's
    CHECK(owners(z) == "first last");
  }
  SUBCASE("the limit from the shell's options") {
    CHECK(parse_options_from_json(R"({"limits": {"max_includes": 7}})").limits.max_includes == 7);
  }
}

TEST_CASE(
    "limits: an $INCLUDE the shell refuses (outside the folder it reads from) is include-outside, with its path") {
  auto resolver = [](std::string_view path) -> IncludeFile {
    if (path == "/etc/secret.txt") return IncludeFile::refused_outside();
    return std::string("inside 60 A 192.0.2.3\n");
  };
  Zone z = parse_zone("$INCLUDE /etc/secret.txt\n$INCLUDE inside.zone\n", "main.zone", origin(), resolver);
  CHECK(diags(z) == "1 include-outside /etc/secret.txt\n");
  CHECK(z.diagnostics[0].token == "/etc/secret.txt");
  CHECK(z.rejected_records == 1);
  CHECK(owners(z) == "inside");
}

TEST_CASE("limits: $INCLUDE depth (max_include_depth 8): 8 nested files are read, a 9th is include-depth") {
  // level<k>.zone holds a record, includes level<k+1>.zone (up to `deepest`),
  // and holds a record after the include.
  auto resolver = [](unsigned deepest) {
    return [deepest](std::string_view path) -> std::optional<std::string> {
      const unsigned k = unsigned(std::stoul(std::string(path.substr(5))));  // "level<k>.zone"
      std::string text = "in" + std::to_string(k) + " 60 A 192.0.2." + std::to_string(k) + "\n";
      if (k < deepest) text += "$INCLUDE level" + std::to_string(k + 1) + ".zone\n";
      return text + "out" + std::to_string(k) + " 60 A 192.0.2." + std::to_string(k) + "\n";
    };
  };
  const std::string main = "first 60 A 192.0.2.100\n$INCLUDE level1.zone\nlast 60 A 192.0.2.101\n";
  const ParseOptions o = origin();
  REQUIRE(o.limits.max_include_depth == 8);

  Zone at = parse_zone(main, "main.zone", o, resolver(8));
  CHECK(diags(at).empty());
  CHECK(owners(at) == "first in1 in2 in3 in4 in5 in6 in7 in8 out8 out7 out6 out5 out4 out3 out2 out1 last");
  CHECK(at.files.size() == 9);

  Zone past = parse_zone(main, "main.zone", o, resolver(9));
  CHECK(diags(past) == "2 include-depth 8\n");  // line 2 of level8.zone
  REQUIRE(past.diagnostics.size() == 1);
  CHECK(past.files[past.diagnostics[0].file] == "level8.zone");
  CHECK(owners(past) == "first in1 in2 in3 in4 in5 in6 in7 in8 out8 out7 out6 out5 out4 out3 out2 out1 last");
}

TEST_CASE(
    "limits: included text (max_input_bytes again, over all $INCLUDE files): at it read, past it input-too-large") {
  // Each include is 42 bytes; the main input is counted apart.
  auto resolver = [](std::string_view path) -> std::optional<std::string> {
    return std::string(path.substr(0, 1)) + " 60 TXT \"" + std::string(30, 'x') + "\"\n";
  };
  const std::string main = "$INCLUDE a\n$INCLUDE b\n$INCLUDE c\nlast 60 A 192.0.2.2\n";
  ParseOptions o = origin();
  o.limits.max_input_bytes = 3 * 42;
  REQUIRE(main.size() <= o.limits.max_input_bytes);
  Zone at = parse_zone(main, "main.zone", o, resolver);
  CHECK(owners(at) == "a b c last");
  CHECK(diags(at).empty());

  o.limits.max_input_bytes = 3 * 42 - 1;  // the third include would pass it
  Zone past = parse_zone(main, "main.zone", o, resolver);
  CHECK(owners(past) == "a b last");
  CHECK(diags(past) == "3 input-too-large 125\n");
  CHECK(past.rejected_records == 1);
  REQUIRE(past.diagnostics.size() == 1);
  CHECK(past.diagnostics[0].token == "c");

  SUBCASE("a file included again and again counts each time") {
    o.limits.max_input_bytes = 200;
    Zone again = parse_zone(repeat("$INCLUDE a\n", 10), "main.zone", o, resolver);
    CHECK(again.size() == 4);  // 4 x 42 = 168; a fifth would make 210
    CHECK(again.error_count == 6);
  }
}

TEST_CASE("limits: $GENERATE count (max_generate 65536): 65536 records from one directive; 65537 is generate-limit") {
  const ParseOptions o = origin();
  REQUIRE(o.limits.max_generate == 65536);
  Zone at = parse_zone("a 60 A 192.0.2.1\n$GENERATE 1-65536 h$ 60 A 192.0.2.1\nz 60 A 192.0.2.2\n", "z", o);
  CHECK(at.size() == 65538);
  CHECK(diags(at).empty());
  CHECK(name_text(at.record(65536).owner.view()) == "h65536.example.com.");

  Zone past = parse_zone("a 60 A 192.0.2.1\n$GENERATE 1-65537 h$ 60 A 192.0.2.1\nz 60 A 192.0.2.2\n", "z", o);
  CHECK(owners(past) == "a z");
  CHECK(diags(past) == "2 generate-limit 65536\n");
}

TEST_CASE("limits: $GENERATE bytes (max_generate_bytes): counted over all directives, edge exact") {
  // Each record of "h$ 60 A 192.0.2.1" under example.com. takes its slot (40),
  // the owner h<d>.example.com. (16 octets in the wire for one digit) and
  // 4 octets of RDATA: 60 bytes.
  const size_t per_record = Zone::kRecordSlotBytes + 16 + 4;
  REQUIRE(per_record == 60);
  const std::string text =
      "a 60 A 192.0.2.1\n"
      "$GENERATE 1-2 h$ 60 A 192.0.2.1\n"  // 120 bytes
      "$GENERATE 3-4 h$ 60 A 192.0.2.1\n"  // 120 more: 240 in all
      "z 60 A 192.0.2.2\n";
  ParseOptions o = origin();
  o.limits.max_generate_bytes = 4 * per_record;
  Zone at = parse_zone(text, "z", o);
  CHECK(owners(at) == "a h1 h2 h3 h4 z");
  CHECK(diags(at).empty());

  o.limits.max_generate_bytes = 4 * per_record - 1;
  Zone past = parse_zone(text, "z", o);
  CHECK(owners(past) == "a h1 h2 z");  // the first directive and the plain records stay
  CHECK(diags(past) == "3 generate-limit 239 bytes\n");
  CHECK(past.rejected_records == 1);

  SUBCASE("one line that would make 4 GiB stops at the default 64 MiB") {
    // 65536 TXT records of 65,280 octets each: 4 GiB from a 66 KB line.
    const std::string strings = repeat("\"" + std::string(255, 'x') + "\" ", 255);
    const std::string bomb = "a 60 A 192.0.2.1\n$GENERATE 1-65536 h$ 60 TXT " + strings + "\nz 60 A 192.0.2.2\n";
    Zone zone = parse_zone(bomb, "z", origin());
    CHECK(owners(zone) == "a z");
    CHECK(diags(zone) == "2 generate-limit 67108864 bytes\n");
    // What the refused records took stays allocated until the zone goes:
    // the limit and one record, in 1 MiB and 2 MiB blocks.
    CHECK(zone.memory_bytes() <= (size_t(64) << 20) + (size_t(4) << 20));
  }
}

TEST_CASE("limits: files per zone (65535 included files): a record from the 65536th is too-many-records") {
  auto resolver = [](std::string_view) -> std::optional<std::string> { return std::string("x 60 A 192.0.2.1\n"); };
  const std::string tail = "last 60 A 192.0.2.2\n";
  // More includes than max_includes allows by default (10,000), to reach this bound.
  ParseOptions o = origin();
  o.limits.max_includes = 100'000;
  Zone at = parse_zone(repeat("$INCLUDE f\n", 65535) + tail, "main.zone", o, resolver);
  CHECK(at.size() == 65536);
  CHECK(diags(at).empty());

  Zone past = parse_zone(repeat("$INCLUDE f\n", 65536) + tail, "main.zone", o, resolver);
  CHECK(past.size() == 65536);  // the first 65535 included records, and `last` from the main file
  CHECK(name_text(past.record(65535).owner.view()) == "last.example.com.");
  CHECK(diags(past) == "1 too-many-records 65535 files\n");
  REQUIRE(past.diagnostics.size() == 1);
  CHECK(past.diagnostics[0].file == 65536);
}

TEST_CASE("limits: store bytes (max_store_bytes): checked before each record; past it too-many-records, once") {
  // Under a 240-octet origin each short line stores two whole names: 23
  // bytes of text take about 294 in the store (docs/limits.md).
  const std::string long_origin = repeat(std::string(62, 'o') + ".", 3) + std::string(49, 'x') + ".";
  REQUIRE(long_origin.size() == 239);  // 240 octets in wire form
  ParseOptions o = origin(long_origin);
  auto lines = [](size_t n) {
    std::string out;
    for (size_t i = 0; i < n; ++i) out += "h" + std::to_string(i) + " 60 CNAME t" + std::to_string(i) + "\n";
    return out;
  };
  SUBCASE("at the edge: the limit is what N records take; the N+1st is refused and the rest counted") {
    const uint64_t three = parse_zone(lines(3), "z", o).memory_bytes();
    o.limits.max_store_bytes = three + 1;  // room left: a fourth record is stored
    Zone at = parse_zone(lines(4), "z", o);
    CHECK(at.size() == 4);
    CHECK(diags(at).empty());
    o.limits.max_store_bytes = three;  // full after three
    Zone past = parse_zone(lines(5), "z", o);
    CHECK(past.size() == 3);
    CHECK(diags(past) == "4 too-many-records " + std::to_string(three) + " bytes\n");
    CHECK(past.rejected_records == 2);
  }
  SUBCASE("an amplifying zone stops at the limit, not at the input's size times 30") {
    const std::string text = lines(100000);  // 2.2 MB of text, ~29 MB stored in full
    o.limits.max_store_bytes = uint64_t(8) << 20;
    Zone zone = parse_zone(text, "z", o);
    CHECK(zone.size() > 10000);
    CHECK(zone.size() < 100000);
    // One block of slots (2 MiB) and of names (1 MiB) past the limit at most.
    CHECK(zone.memory_bytes() <= (uint64_t(8) << 20) + (uint64_t(3) << 20));
    CHECK(zone.diagnostics.size() == 1);
    CHECK(zone.rejected_records == 100000 - zone.size());
    REQUIRE(zone.size() > 0);
    CHECK(name_text(zone.record(zone.size() - 1).owner.view()) ==
          "h" + std::to_string(zone.size() - 1) + "." + long_origin);
  }
}

// The next case fills 4 GiB: about 2 s natively; the ASan build (Debug,
// with shadow memory) skips it.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif

TEST_CASE(
    "limits: the record store's absolute bound (32-bit offsets: 4 GiB of names and RDATA): records up to it "
    "are stored whole, the next is refused, and a parse into the full store says too-many-records 4 GiB once" *
    doctest::skip(kSanitized)) {
  // Records of 65,535 octets of RDATA, added until the store refuses one:
  // it refuses while three more 1 MiB blocks (one for each item a record
  // may open) would pass 2^32 − 1. Its first three blocks are small (16, 64
  // and 256 KiB) but take 1 MiB of offsets each, so the RDATA it holds comes
  // within 8 MiB of 4 GiB.
  Zone zone;
  zone.files.push_back("filled");
  WireName owner;
  REQUIRE(parse_name("fill.example.com.", "", owner) == NameError::none);
  std::string rdata(65535, 'x');
  rdata[0] = 'a';
  rdata.back() = 'z';
  Zone::NewRecord r;
  r.owner = owner.view();
  r.ttl = 60;
  r.type = 16;
  r.rdata = rdata;
  size_t stored = 0;
  while (stored < 70000 && zone.add(r)) ++stored;
  CHECK(stored < 70000);
  CHECK(uint64_t(stored) * rdata.size() > (uint64_t(1) << 32) - (uint64_t(8) << 20));
  CHECK(uint64_t(stored) * rdata.size() < (uint64_t(1) << 32));
  // Refused whole: nothing of it stored, and the next is refused too.
  CHECK(zone.size() == stored);
  CHECK_FALSE(zone.add(r));
  CHECK(zone.size() == stored);
  // Every stored record reads back whole: no offset wrapped past 2^32.
  REQUIRE(stored > 0);
  for (size_t i : {size_t(0), stored / 2, stored - 2, stored - 1}) {
    CAPTURE(i);
    CHECK(zone.record(i).rdata == rdata);
    CHECK(zone.record(i).owner.view() == owner.view());
  }
  // The parser, handed the full store, keeps what it holds, names the bound
  // once and counts each record it could not store.
  {
    ParseOptions o = origin();
    o.limits.max_store_bytes = uint64_t(8) << 30;  // lifted: only the bound itself stops the parse
    ZoneParser p(zone, "z", o);
    p.feed("after 60 A 192.0.2.1\nlater 60 A 192.0.2.2\n");
    p.finish();
  }
  CHECK(zone.size() == stored);
  CHECK(diags(zone) == "1 too-many-records 4 GiB\n");
  CHECK(zone.rejected_records == 2);
}

TEST_CASE(
    "limits: RDATA length (65535 octets, RFC 1035 §3.2.1 RDLENGTH): at the limit a record, past it rdata-too-long") {
  // 255 strings of 255 octets take 65,280 octets (each with its length
  // octet); a last string of 254 makes 65,535, of 255 makes 65,536.
  const std::string full = repeat("\"" + std::string(255, 'x') + "\" ", 255);
  const std::string at_text =
      "a 60 A 192.0.2.1\nt 60 TXT " + full + "\"" + std::string(254, 'y') + "\"\nz 60 A 192.0.2.2\n";
  Zone at = parse_zone(at_text, "z", origin());
  CHECK(owners(at) == "a t z");
  REQUIRE(at.size() == 3);
  CHECK(at.record(1).rdata.size() == kMaxRdataLength);
  CHECK(diags(at).empty());

  const std::string past_text =
      "a 60 A 192.0.2.1\nt 60 TXT " + full + "\"" + std::string(255, 'y') + "\"\nz 60 A 192.0.2.2\n";
  Zone past = parse_zone(past_text, "z", origin());
  CHECK(owners(past) == "a z");
  CHECK(diags(past) == "2 rdata-too-long\n");
}

TEST_CASE("limits: Cloudflare API JSON, input bytes and records at their edges") {
  const std::string doc = R"([{"name":"a.example.com","type":"A","content":"192.0.2.1"},)"
                          R"({"name":"b.example.com","type":"A","content":"192.0.2.2"}])";
  ParseOptions o;
  o.format = InputFormat::cloudflare_json;

  SUBCASE("input bytes: the whole document at the limit; one byte less and nothing is read") {
    o.limits.max_input_bytes = doc.size();
    Zone at = parse_zone(doc, "api.json", o);
    CHECK(owners(at) == "a b");
    CHECK(diags(at).empty());
    // A JSON document is one value: cut, it is no document at all, so no
    // record is kept (a master file keeps its whole lines, above).
    o.limits.max_input_bytes = doc.size() - 1;
    Zone past = parse_zone(doc, "api.json", o);
    CHECK(past.size() == 0);
    CHECK(diags(past) == "1 input-too-large " + std::to_string(doc.size() - 1) + "\n");
  }
  SUBCASE("RDATA: raw TXT content is cut into 255-octet strings; 65,535 octets in all pass, 65,536 do not") {
    // 65,279 characters take 256 strings: 65,279 + 256 length octets = 65,535.
    auto txt_doc = [](size_t chars) {
      return R"([{"name":"a.example.com","type":"A","content":"192.0.2.1"},)"
             R"({"name":"t.example.com","type":"TXT","content":")" +
             std::string(chars, 'x') + R"("},{"name":"z.example.com","type":"A","content":"192.0.2.2"}])";
    };
    Zone at = parse_zone(txt_doc(65279), "api.json", o);
    CHECK(owners(at) == "a t z");
    REQUIRE(at.size() == 3);
    CHECK(at.record(1).rdata.size() == kMaxRdataLength);
    Zone past = parse_zone(txt_doc(65280), "api.json", o);
    CHECK(owners(past) == "a z");
    CHECK(diags(past) == "1 rdata-too-long text\n");  // detail: the RDATA field
  }
  SUBCASE("records: N kept; the N+1st is too-many-records and the import stops") {
    o.limits.max_records = 2;
    Zone at = parse_zone(doc, "api.json", o);
    CHECK(owners(at) == "a b");
    CHECK(diags(at).empty());
    o.limits.max_records = 1;
    Zone past = parse_zone(doc, "api.json", o);
    CHECK(owners(past) == "a");
    CHECK(diags(past) == "1 too-many-records 1\n");
  }
  SUBCASE("store bytes: checked before each record; past it too-many-records and the import stops") {
    const uint64_t one = parse_zone(doc.substr(0, doc.find("},") + 1) + "]", "api.json", o).memory_bytes();
    o.limits.max_store_bytes = one + 1;
    CHECK(owners(parse_zone(doc, "api.json", o)) == "a b");
    o.limits.max_store_bytes = one;
    Zone past = parse_zone(doc, "api.json", o);
    CHECK(owners(past) == "a");
    CHECK(diags(past) == "1 too-many-records " + std::to_string(one) + " bytes\n");
  }
}

// ================================================================== DNS answers

namespace {

// A response with `count` authority records of an unknown type and empty
// RDATA: the first owned by the root, each next one's owner a pointer to
// the previous owner, so record k's owner takes k pointer hops to read.
std::string pointer_chain(size_t count) {
  std::string w("\x00\x00\x81\x80\x00\x00\x00\x00", 8);
  w += char(count >> 8);
  w += char(count & 0xff);
  w += std::string(2, '\0');
  const std::string rest("\xFF\x00\x00\x01\x00\x00\x00\x00\x00\x00", 10);  // TYPE65280 IN TTL 0 RDLENGTH 0
  size_t previous = w.size();
  w += std::string(1, '\0') + rest;
  for (size_t i = 1; i < count; ++i) {
    const size_t here = w.size();
    w += char(0xC0 | (previous >> 8));
    w += char(previous & 0xff);
    w += rest;
    previous = here;
  }
  return w;
}

// An A answer for club.test., padded with blanks to `bytes` (JSON allows
// whitespace after the value).
std::string padded_answer(size_t bytes) {
  std::string j = R"({"Status":0,"Question":[{"name":"club.test.","type":1}],)"
                  R"("Answer":[{"name":"club.test.","type":1,"TTL":300,"data":"192.0.2.1"}]})";
  REQUIRE(j.size() <= bytes);
  j.resize(bytes, ' ');
  return j;
}

}  // namespace

TEST_CASE("limits: compression pointers (127 hops, the most a 255-octet name can use): 128 are pointer-loop") {
  Message m;
  MessageError e{};
  CHECK(decode_message(pointer_chain(128), m, e));  // the last owner: 127 hops
  CHECK(m.authority.size() == 128);
  CHECK_FALSE(decode_message(pointer_chain(129), m, e));  // 128 hops
  CHECK(e == MessageError::pointer_loop);
}

TEST_CASE("limits: DoH JSON size (1 MiB): an answer of exactly 1 MiB is read; one byte more is too-large") {
  Message m;
  DohJsonProblem p;
  CHECK(decode_doh_json(padded_answer(kMaxDohJsonBytes), m, p));
  CHECK(m.answer.size() == 1);
  CHECK_FALSE(decode_doh_json(padded_answer(kMaxDohJsonBytes + 1), m, p));
  CHECK(p.error == DohJsonError::too_large);

  // In a session, the fact fed the oversized answer is unknown with the
  // reason; the one fed before it keeps its answer.
  Session s("club.test", SessionOptions{});
  const Fact* a = fact(s, "club.test.", rrtype::A);
  const Fact* aaaa = fact(s, "club.test.", rrtype::AAAA);
  REQUIRE(a);
  REQUIRE(aaaa);
  CHECK(s.feed_json(a->id, padded_answer(kMaxDohJsonBytes)));
  CHECK(s.feed_json(aaaa->id, padded_answer(kMaxDohJsonBytes + 1)));
  CHECK(a->state == FactState::answered);
  CHECK(a->records.size() == 1);
  CHECK(aaaa->state == FactState::unknown);
  CHECK(aaaa->reason.text().rfind("malformed-json: too-large", 0) == 0);
}

// ======================================================================= session

namespace {

DnsWorld small_world() {
  DnsWorld w;
  w.records = {
      {"club.test.", "MX", "10 mx.host.test."},
      {"mx.host.test.", "CNAME", "edge.host.test."},
      {"edge.host.test.", "A", "192.0.2.25"},
      {"club.test.", "TXT", "\"v=spf1 include:_spf.host.test -all\""},
      {"_spf.host.test.", "TXT", "\"v=spf1 a:out.host.test -all\""},
      {"out.host.test.", "A", "192.0.2.26"},
  };
  w.stop_chain = {"mx.host.test."};  // the CNAME target is asked in a round of its own
  return w;
}

std::vector<std::string> asked_names(const Session& s) {
  std::vector<std::string> out;
  for (const Fact& f : s.facts()) out.push_back(name_text(f.question.name.view()) + " " + type_name(f.question.type));
  return out;
}

}  // namespace

TEST_CASE("limits: questions (max_questions): N asked, the N+1st a budget hit, the first N the same") {
  DnsWorld w = small_world();
  Session unlimited("club.test", no_ptr());
  w.run(unlimited);
  REQUIRE(unlimited.done());
  REQUIRE(unlimited.budget_hits().empty());
  const uint32_t n = uint32_t(unlimited.facts().size());
  REQUIRE(n > 10);

  SessionOptions o = no_ptr();
  o.limits.max_questions = n;
  Session at("club.test", o);
  small_world().run(at);
  CHECK(at.facts().size() == n);
  CHECK(at.budget_hits().empty());

  o.limits.max_questions = n - 1;
  Session past("club.test", o);
  small_world().run(past);
  CHECK(past.facts().size() == n - 1);
  const BudgetHit* hit = budget(past, "questions");
  REQUIRE(hit);
  CHECK(hit->limit == n - 1);
  CHECK(hit->skipped >= 1);
  std::vector<std::string> first = asked_names(unlimited);
  first.pop_back();
  CHECK(asked_names(past) == first);
}

TEST_CASE("limits: rounds (max_rounds): R rounds finish; with R-1 the last round's questions stay unknown") {
  Session unlimited("club.test", no_ptr());
  const uint32_t r = small_world().run(unlimited);
  REQUIRE(unlimited.done());
  REQUIRE(r >= 3);

  SessionOptions o = no_ptr();
  o.limits.max_rounds = r;
  Session at("club.test", o);
  CHECK(small_world().run(at) == r);
  CHECK(at.budget_hits().empty());

  o.limits.max_rounds = r - 1;
  Session past("club.test", o);
  CHECK(small_world().run(past) == r - 1);
  REQUIRE(past.done());
  const BudgetHit* hit = budget(past, "rounds");
  REQUIRE(hit);
  CHECK(hit->limit == r - 1);
  size_t unknown = 0;
  for (const Fact& f : past.facts()) {
    const Fact* same = unlimited.find(f.question.name.view(), f.question.type);
    REQUIRE(same);
    if (same->round < r) {
      CHECK(f.state == same->state);  // everything before the last round is kept
      CHECK(f.records.size() == same->records.size());
    } else {
      CHECK(f.state == FactState::unknown);
      CHECK(f.reason.code == UnknownCode::budget);
      CHECK(f.reason.detail == "rounds");
      ++unknown;
    }
  }
  CHECK(unknown == hit->skipped);
  CHECK(unknown > 0);
}

TEST_CASE("limits: CNAME links per question (max_cname_depth 8): 8 followed; a 9th is a cname-depth budget hit") {
  // mail.club.test. CNAME c1 -> ... -> c<links>, which has the address.
  auto world = [](int links) {
    DnsWorld w;
    std::string from = "mail.club.test.";
    for (int i = 1; i <= links; ++i) {
      const std::string to = "c" + std::to_string(i) + ".cdn.test.";
      w.records.push_back({from, "CNAME", to});
      from = to;
    }
    // Both families at the end: a NODATA answer from this in-memory resolver
    // carries no SOA, and would read as a chain cut short.
    w.records.push_back({from, "A", "192.0.2.80"});
    w.records.push_back({from, "AAAA", "2001:db8::80"});
    return w;
  };
  REQUIRE(SessionOptions{}.limits.max_cname_depth == 8);
  Session at("club.test", no_ptr());
  world(8).run(at);
  const Fact* f = fact(at, "mail.club.test.", rrtype::A);
  REQUIRE(f);
  CHECK(f->chain.size() == 8);
  CHECK(f->records.size() == 1);
  CHECK_FALSE(f->chain_incomplete);
  CHECK(budget(at, "cname-depth") == nullptr);

  Session past("club.test", no_ptr());
  world(9).run(past);
  f = fact(past, "mail.club.test.", rrtype::A);
  REQUIRE(f);
  CHECK(f->chain.size() == 8);  // the links read before the limit are kept
  CHECK(f->records.empty());
  CHECK(f->chain_incomplete);
  CHECK(fact(past, "c8.cdn.test.", rrtype::A) == nullptr);  // not followed
  const BudgetHit* hit = budget(past, "cname-depth");
  REQUIRE(hit);
  CHECK(hit->limit == 8);
}

TEST_CASE("limits: SPF lookups (max_spf_lookups 11): 11 terms followed, the 12th is a budget hit") {
  auto world = [](int includes) {
    DnsWorld w;
    std::string policy = "\"v=spf1";
    for (int i = 1; i <= includes; ++i) policy += " include:s" + std::to_string(i) + ".host.test";
    w.records = {{"club.test.", "TXT", policy + " -all\""}};
    return w;
  };
  REQUIRE(SessionOptions{}.limits.max_spf_lookups == 11);
  Session at("club.test", no_ptr());
  world(11).run(at);
  CHECK(at.spf_lookups() == 11);
  CHECK(fact(at, "s11.host.test.", rrtype::TXT));
  CHECK(budget(at, "spf-lookups") == nullptr);

  Session past("club.test", no_ptr());
  world(12).run(past);
  CHECK(past.spf_lookups() == 11);
  for (int i = 1; i <= 11; ++i) CHECK(fact(past, "s" + std::to_string(i) + ".host.test.", rrtype::TXT));
  CHECK(fact(past, "s12.host.test.", rrtype::TXT) == nullptr);
  const BudgetHit* hit = budget(past, "spf-lookups");
  REQUIRE(hit);
  CHECK(hit->limit == 11);
  CHECK(hit->skipped == 1);
}

TEST_CASE("limits: records per answer (max_answer_records 256): 256 kept; the 257th left out and counted") {
  auto world = [](int addresses) {
    DnsWorld w;
    for (int i = 0; i < addresses; ++i)
      w.records.push_back({"mail.club.test.", "A", "10.0." + std::to_string(i / 256) + "." + std::to_string(i % 256)});
    return w;
  };
  REQUIRE(SessionOptions{}.limits.max_answer_records == 256);
  Session at("club.test", no_ptr());
  world(256).run(at);
  const Fact* f = fact(at, "mail.club.test.", rrtype::A);
  REQUIRE(f);
  CHECK(f->records.size() == 256);
  CHECK(budget(at, "answer-records") == nullptr);

  Session past("club.test", no_ptr());
  world(259).run(past);
  f = fact(past, "mail.club.test.", rrtype::A);
  REQUIRE(f);
  REQUIRE(f->records.size() == 256);
  CHECK(f->records.back().rdata == std::string("\x0a\x00\x00\xff", 4));  // the first 256, in answer order
  const BudgetHit* hit = budget(past, "answer-records");
  REQUIRE(hit);
  CHECK(hit->limit == 256);
  CHECK(hit->skipped == 3);
}

// ================================================================ model, rules

namespace {

std::shared_ptr<const Zone> club_zone(const std::string& body) {
  auto z = std::make_shared<Zone>(parse_zone("$ORIGIN club.test.\n$TTL 300\n" + body, "club.zone", {}));
  REQUIRE(z->error_count == 0);
  return z;
}

std::vector<Finding> offline_findings(const std::string& body) {
  SessionOptions o;
  o.live = false;
  Session s(
      "", o,
      {club_zone("@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n@ IN MX 10 mail\nmail IN A 203.0.113.10\n" + body)});
  MailModel model(s);
  return run_rules(model);
}

const EvidenceStep* evidence(const std::vector<Finding>& fs, std::string_view rule, std::string_view code) {
  for (const Finding& f : fs)
    if (f.rule == rule)
      for (const EvidenceStep& e : f.evidence)
        if (e.code == code) return &e;
  return nullptr;
}

std::string param(const EvidenceStep& e, std::string_view key) {
  for (const auto& [k, v] : e.params)
    if (k == key) return v;
  return {};
}

// A TXT record's RDATA in presentation form: `text` cut into quoted strings
// of at most 255 octets (RFC 1035 §3.3.14), which SPF joins back (RFC 7208 §3.3).
std::string txt(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); i += 255) out += "\"" + text.substr(i, 255) + "\" ";
  return out;
}

}  // namespace

TEST_CASE("limits: CNAME links of a zone path (8): 8 followed to the address; 9 end as cname-depth") {
  auto chain = [](int links) {
    std::string body = "mail IN CNAME c1\n";
    for (int i = 1; i < links; ++i) body += "c" + std::to_string(i) + " IN CNAME c" + std::to_string(i + 1) + "\n";
    return body + "c" + std::to_string(links) + " IN A 203.0.113.10\n";
  };
  for (int links : {8, 9}) {
    CAPTURE(links);
    std::vector<std::shared_ptr<const Zone>> zones = {
        club_zone("@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n" + chain(links))};
    ZoneLookup lookup(zones);
    const ResolutionPath p = zone_path(lookup, wire("mail.club.test.").view());
    if (links == 8) {
      CHECK(p.route == Route::origin);
      CHECK(p.hops.size() == 9);  // 8 CNAMEs and the address
      CHECK(p.reason.empty());
    } else {
      CHECK(p.route == Route::unknown);
      CHECK(p.reason == "cname-depth");
      CHECK(p.hops.size() == 9);  // the links read before the limit are kept
    }
  }
}

TEST_CASE("limits: mail names from MX and SRV records: 256 modelled, the 257th left out and reported") {
  REQUIRE(ModelOptions{}.max_record_names == 256);
  auto zone = [](int mx, int srv) {
    std::string body = "@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n";
    for (int i = 0; i < mx; ++i) body += "@ IN MX 10 m" + std::to_string(i) + "\n";
    for (int i = 0; i < srv; ++i) body += "_imaps._tcp IN SRV 0 0 993 s" + std::to_string(i) + "\n";
    body += "@ IN MX 10 m0\n";  // a repeat is no new name
    return club_zone(body);
  };
  SessionOptions o;
  o.live = false;
  auto hit = [](const nlohmann::json& report) -> const nlohmann::json* {
    for (const auto& h : report["stats"]["budget_hits"])
      if (h["budget"] == "mail-names") return &h;
    return nullptr;
  };
  for (auto [mx, srv] : {std::pair{256, 0}, std::pair{200, 56}}) {
    Session at("", o, {zone(mx, srv)});
    MailModel m(at);
    CHECK(m.names_left_out() == 0);
    const nlohmann::json report = build_report(at, {});
    CHECK(hit(report) == nullptr);
  }
  Session past("", o, {zone(200, 57)});
  MailModel m(past);
  CHECK(m.names_left_out() == 1);
  size_t srv_targets = 0;
  for (const MailName& n : m.names()) srv_targets += (n.roles & role::srv_target) != 0;
  CHECK(srv_targets == 56);                       // the first 56, in zone order
  CHECK(m.find(wire("mail.club.test.").view()));  // the names every check looks at stay
  const nlohmann::json report = build_report(past, {});
  const nlohmann::json* h = hit(report);
  REQUIRE(h);
  CHECK((*h)["limit"] == 256);
  CHECK((*h)["skipped"] == 1);
}

TEST_CASE("limits: SPF lookups over an evaluation (RFC 7208 §4.6.4: 10): 10 pass, the 11th is spf-lookups") {
  auto policy = [](int includes) {
    std::string text = "v=spf1";
    for (int i = 1; i <= includes; ++i) text += " include:s" + std::to_string(i) + ".club.test";
    std::string body = "@ IN TXT " + txt(text + " -all") + "\n";
    for (int i = 1; i <= includes; ++i) body += "s" + std::to_string(i) + " IN TXT \"v=spf1 -all\"\n";
    return body;
  };
  CHECK(evidence(offline_findings(policy(10)), "spf-invalid", "spf-lookups") == nullptr);
  const auto fs = offline_findings(policy(11));
  const EvidenceStep* e = evidence(fs, "spf-invalid", "spf-lookups");
  REQUIRE(e);
  CHECK(param(*e, "count") == "11");
  CHECK(param(*e, "limit") == "10");
}

TEST_CASE("limits: an SPF evaluation reads at most 64 records; past them spf-lookups says why") {
  // The apex includes `n` names, each with a record; the last of them has
  // none. Up to 64 records (the apex's and 63 more) every include is
  // evaluated, so the missing record is named; with 64 includes the 65th
  // record is not read, and the count of lookups (64, over RFC 7208's 10)
  // is what the finding says.
  auto policy = [](int n) {
    std::string text = "v=spf1";
    for (int i = 1; i <= n; ++i) text += " include:s" + std::to_string(i) + ".club.test";
    std::string body = "@ IN TXT " + txt(text + " -all") + "\n";
    for (int i = 1; i < n; ++i) body += "s" + std::to_string(i) + " IN TXT \"v=spf1 -all\"\n";
    return body + "s" + std::to_string(n) + " IN TXT \"not spf\"\n";
  };
  const auto at = offline_findings(policy(63));
  CHECK(evidence(at, "spf-invalid", "spf-target-no-record"));
  CHECK(param(*evidence(at, "spf-invalid", "spf-lookups"), "count") == "63");

  const auto past = offline_findings(policy(64));
  CHECK(evidence(past, "spf-invalid", "spf-target-no-record") == nullptr);
  const EvidenceStep* e = evidence(past, "spf-invalid", "spf-lookups");
  REQUIRE(e);
  CHECK(param(*e, "count") == "64");
}

TEST_CASE("limits: SPF includes nest at most 10 deep in an evaluation; past that spf-lookups says why") {
  // club.test. includes s1, s1 includes s2, ... s<n-1> includes s<n>, whose
  // TXT is not SPF. Ten levels below the apex are evaluated, so the missing
  // record is named; at eleven the last include is not followed, and the
  // eleven lookups (over RFC 7208's 10) are what the finding says.
  auto chain = [](int n) {
    std::string body = "@ IN TXT \"v=spf1 include:s1.club.test -all\"\n";
    for (int i = 1; i < n; ++i)
      body += "s" + std::to_string(i) + " IN TXT \"v=spf1 include:s" + std::to_string(i + 1) + ".club.test -all\"\n";
    return body + "s" + std::to_string(n) + " IN TXT \"not spf\"\n";
  };
  const auto at = offline_findings(chain(10));
  CHECK(evidence(at, "spf-invalid", "spf-target-no-record"));
  CHECK(evidence(at, "spf-invalid", "spf-lookups") == nullptr);  // 10 lookups

  const auto past = offline_findings(chain(11));
  CHECK(evidence(past, "spf-invalid", "spf-target-no-record") == nullptr);
  const EvidenceStep* e = evidence(past, "spf-invalid", "spf-lookups");
  REQUIRE(e);
  CHECK(param(*e, "count") == "11");
}

TEST_CASE(
    "limits: options a shell may set (docs/limits.md row 31): limits up to 100,000 taken, past it ignored; 32 "
    "selectors") {
  const SessionOptions defaults;
  SessionOptions o = session_options_from_json(
      R"({"limits": {"max_questions": 100000, "max_rounds": 100000, "max_cname_depth": 100000,
                     "max_spf_lookups": 100000, "max_answer_records": 100000}})");
  CHECK(o.limits.max_questions == 100000);
  CHECK(o.limits.max_rounds == 100000);
  CHECK(o.limits.max_cname_depth == 100000);
  CHECK(o.limits.max_spf_lookups == 100000);
  CHECK(o.limits.max_answer_records == 100000);

  o = session_options_from_json(
      R"({"limits": {"max_questions": 100001, "max_rounds": 4294967297, "max_cname_depth": -1,
                     "max_spf_lookups": 2.5, "max_answer_records": "10"}})");
  CHECK(o.limits.max_questions == defaults.limits.max_questions);
  CHECK(o.limits.max_rounds == defaults.limits.max_rounds);
  CHECK(o.limits.max_cname_depth == defaults.limits.max_cname_depth);
  CHECK(o.limits.max_spf_lookups == defaults.limits.max_spf_lookups);
  CHECK(o.limits.max_answer_records == defaults.limits.max_answer_records);

  // 32 selectors are taken, in order; the 33rd and the values that are not strings are not.
  std::string selectors = R"({"dkim_selectors": [1, null)";
  for (int i = 1; i <= 33; ++i) selectors += ", \"s" + std::to_string(i) + "\"";
  o = session_options_from_json(selectors + "]}");
  REQUIRE(o.dkim_selectors.size() == 32);
  CHECK(o.dkim_selectors.front() == "s1");
  CHECK(o.dkim_selectors.back() == "s32");

  // Flags of the wrong type, and text that is not an object, leave the defaults.
  o = session_options_from_json(R"({"live": 1, "dnssec_ok": "yes", "ask_ptr": false})");
  CHECK(o.live == defaults.live);
  CHECK(o.query.dnssec_ok == defaults.query.dnssec_ok);
  CHECK_FALSE(o.ask_ptr);
  for (std::string_view bad : {"", "[]", "{", "null", "\"live\""}) {
    o = session_options_from_json(bad);
    CHECK(o.limits.max_questions == defaults.limits.max_questions);
    CHECK(o.dkim_selectors == defaults.dkim_selectors);
  }
}

TEST_CASE(
    "limits: a failure's detail (docs/limits.md row 32): 200 bytes kept, the rest clipped, never inside a character") {
  auto reason_for = [](std::string_view detail) {
    Session s("club.test", no_ptr());
    const uint32_t id = s.pending().front().id;
    REQUIRE(s.feed_failure(id, FailureKind::network, detail));
    const Fact* f = nullptr;
    for (const Fact& x : s.facts())
      if (x.id == id) f = &x;
    REQUIRE(f);
    CHECK(f->state == FactState::unknown);
    return f->reason.text();
  };
  const std::string prefix = "network: ";
  const std::string at(200, 'x');
  CHECK(reason_for(at) == prefix + at);
  CHECK(reason_for(at + "y") == prefix + at);
  // A character of three bytes across the cut (bytes 199-201) goes whole.
  const std::string kana = "\xE3\x83\xA1";  // メ
  const std::string across = std::string(198, 'x') + kana + "zz";
  CHECK(reason_for(across) == prefix + std::string(198, 'x'));
  // Ending exactly at the cut, it stays.
  const std::string ending = std::string(197, 'x') + kana + "zz";
  CHECK(reason_for(ending) == prefix + std::string(197, 'x') + kana);
  CHECK(valid_utf8(reason_for(std::string(199, 'x') + kana)));
}

TEST_CASE("utf8_prefix: cuts at a character boundary; bytes that are not UTF-8 are cut where they fall") {
  CHECK(utf8_prefix("abc", 5) == "abc");
  CHECK(utf8_prefix("abc", 2) == "ab");
  CHECK(utf8_prefix("\xC3\xA9", 1).empty());          // é cannot fit in one byte
  CHECK(utf8_prefix("a\xF0\x9F\x98\x80", 4) == "a");  // an emoji of four bytes
  CHECK(utf8_prefix("a\xF0\x9F\x98\x80z", 5) == "a\xF0\x9F\x98\x80");
  CHECK(utf8_prefix("\x80\x80\x80\x80\x80", 4) == "\x80\x80\x80\x80");  // no character: cut at 4
  CHECK(utf8_prefix("", 0).empty());
}

TEST_CASE(
    "limits: records of one type at one name from a zone (max_records_per_set 256): 256 taken, the 257th left out and "
    "reported") {
  REQUIRE(ModelOptions{}.max_records_per_set == 256);
  auto body = [](int n) {
    std::string b = "@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n@ IN MX 10 mail\n";
    for (int i = 0; i < n; ++i)  // Cloudflare's addresses: proxied
      b += "mail IN A 104.16." + std::to_string(i / 256) + "." + std::to_string(i % 256) + "\n";
    return b + "mail IN AAAA 2606:4700::1\n";  // another type at the name counts apart
  };
  auto zone = [&](int n) { return club_zone(body(n)); };
  auto text_of = [&](int n) { return "$ORIGIN club.test.\n$TTL 300\n" + body(n); };
  SessionOptions o;
  o.live = false;
  const WireName mail = wire("mail.club.test.");
  auto hit = [](const nlohmann::json& report) -> const nlohmann::json* {
    for (const auto& h : report["stats"]["budget_hits"])
      if (h["budget"] == "zone-records") return &h;
    return nullptr;
  };
  // The fix's edits of existing A records at mail, and the corrected text.
  auto fixed = [&](const Session& s, const std::string& text) {
    std::vector<std::string_view> texts{text};
    ReportOptions ro;
    ro.texts = texts;
    const nlohmann::json report = build_report(s, ro);
    size_t edits = 0;
    for (const auto& e : report["fix"]["edits"])
      edits += e["name"] == "mail.club.test." && e["type"] == "A" && e["op"] != "add";
    return std::tuple{report, edits, report["fix"]["zones"][0]["text"].get<std::string>()};
  };

  Session at("", o, {zone(256)});
  MailModel m_at(at);
  CHECK(m_at.zones().at(mail.view(), rrtype::A).size() == 256);
  CHECK(m_at.zones().records_left_out() == 0);
  const auto [report_at, edits_at, text_at] = fixed(at, text_of(256));
  CHECK(hit(report_at) == nullptr);
  CHECK(edits_at == 256);

  Session past("", o, {zone(257)});
  MailModel m_past(past);
  CHECK(m_past.zones().at(mail.view(), rrtype::A).size() == 256);  // the first 256, in zone order
  CHECK(m_past.zones().at(mail.view(), rrtype::AAAA).size() == 1);
  CHECK(m_past.zones().at(mail.view()).size() == 257);
  CHECK(m_past.zones().records_left_out() == 1);
  const std::string text = text_of(257);
  const auto [report, edits, corrected] = fixed(past, text);
  CHECK(edits == 256);
  const nlohmann::json* h = hit(report);
  REQUIRE(h);
  CHECK((*h)["limit"] == 256);
  CHECK((*h)["skipped"] == 1);
  CHECK(corrected.find("mail IN A 104.16.1.0\n") != std::string::npos);  // the 257th, untouched

  // Each zone has its own 256.
  Session two("", o, {zone(257), zone(257)});
  CHECK(ZoneLookup(two.zones()).records_left_out() == 2);
}

TEST_CASE("limits: services one mail name carries (64) and the records naming it kept as sources (256)") {
  SessionOptions o;
  o.live = false;
  const WireName mail = wire("mail.club.test.");
  // `mail` named by `mx` MX records and by SRV records for IMAPS on ports 1000, 1001, ...
  auto model_of = [&](int mx, int srv) {
    std::string body = "@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\nmail IN A 192.0.2.1\n";
    for (int i = 0; i < mx; ++i) body += "@ IN MX " + std::to_string(i) + " mail\n";
    for (int i = 0; i < srv; ++i) body += "_imaps._tcp IN SRV 0 0 " + std::to_string(1000 + i) + " mail\n";
    auto s = std::make_unique<Session>("", o, std::vector<std::shared_ptr<const Zone>>{club_zone(body)});
    auto m = std::make_unique<MailModel>(*s);
    return std::pair{std::move(s), std::move(m)};
  };
  auto has_port = [](const MailName& n, uint16_t port) {
    return std::any_of(n.needs.begin(), n.needs.end(), [&](const ServiceNeed& x) { return x.port == port; });
  };

  // Services: what mail carries without SRV records, then one a port up to 64.
  const auto [s0, m0] = model_of(1, 0);
  const size_t base = m0->find(mail.view())->needs.size();
  REQUIRE(base < 64);
  const int room = int(64 - base);
  {
    const auto [s, m] = model_of(1, room);
    const MailName* n = m->find(mail.view());
    CHECK(n->needs.size() == 64);
    CHECK(has_port(*n, uint16_t(1000 + room - 1)));
  }
  {
    const auto [s, m] = model_of(1, room + 1);
    const MailName* n = m->find(mail.view());
    CHECK(n->needs.size() == 64);
    CHECK_FALSE(has_port(*n, uint16_t(1000 + room)));  // the 65th is not listed
  }

  // Sources: 200 MX and 56 SRV records are 256; a 57th SRV record is not kept as one.
  {
    const auto [s, m] = model_of(200, 56);
    CHECK(m->find(mail.view())->named_by.size() == 256);
  }
  {
    const auto [s, m] = model_of(200, 57);
    const MailName* n = m->find(mail.view());
    CHECK(n->named_by.size() == 256);
    CHECK(n->named_by.back().line == 200 + 56 + 4);  // the 56th SRV record's line: the last kept
  }
}

TEST_CASE(
    "limits: a question budget that stops between a name's A and its AAAA: the path is unknown, with the A's reason") {
  // Found by the session fuzzer: the live path took the AAAA fact when the A
  // had no answer, and the AAAA had never been asked (a null pointer).
  size_t cut = 0;
  for (uint32_t n = 1; n <= 80; ++n) {
    CAPTURE(n);
    SessionOptions o = no_ptr();
    o.limits.max_questions = n;
    Session s("club.test", o);
    while (!s.done()) {
      std::vector<uint32_t> ids;
      for (const PendingQuestion& q : s.pending()) ids.push_back(q.id);
      for (uint32_t id : ids) REQUIRE(s.feed_failure(id, FailureKind::timeout, "no answer"));
    }
    MailModel m(s);
    for (const MailName& name : m.names()) {
      const Fact* a = s.find(name.name.view(), rrtype::A);
      if (!a || s.find(name.name.view(), rrtype::AAAA)) continue;
      const ResolutionPath p = live_path(s, name.name.view());
      CHECK_FALSE(p.known());
      CHECK(p.reason == a->reason.text());
      ++cut;
    }
    const nlohmann::json report = build_report(s, {});  // the rules run on such paths too
    CHECK(report["stats"]["unknown"].get<size_t>() > 0);
  }
  CHECK(cut > 0);
}

TEST_CASE("limits: names under a domain of 255 octets: those that would pass 255 are not made, nothing overflows") {
  // Found by the session fuzzer (ASan, a stack buffer overflow): the model
  // put `_submission._tcp` and `autodiscover` in front of the domain
  // without checking the length. Each place now builds names with
  // prefixed_name.
  const std::string l63(63, 'a');
  const std::string domain = l63 + "." + l63 + "." + l63 + "." + std::string(61, 'b');  // 255 octets in wire form
  REQUIRE(wire(domain + ".").length == 255);
  WireName n;
  CHECK_FALSE(prefixed_name({"mail"}, wire(domain + ".").view(), n));
  CHECK(n.length == 0);                                                            // untouched
  const WireName base = wire(std::string(61, 'b') + "." + l63 + "." + l63 + ".");  // 191 octets
  CHECK(prefixed_name({std::string(63, 'c')}, base.view(), n));                    // 191 + 64 = 255: fits
  CHECK(n.length == 255);
  CHECK_FALSE(prefixed_name({"x", std::string(63, 'c')}, base.view(), n));  // 257
  CHECK_FALSE(prefixed_name({""}, base.view(), n));
  CHECK_FALSE(prefixed_name({std::string(64, 'c')}, wire("x.").view(), n));
  CHECK_FALSE(prefixed_name({"mail"}, std::string_view{}, n));

  for (const std::string& d : {domain, domain.substr(6), domain.substr(10)}) {
    CAPTURE(d.size());
    SessionOptions o = no_ptr();
    Session s(d, o);
    REQUIRE(s.error() == SessionError::none);
    while (!s.done()) {
      std::vector<uint32_t> ids;
      for (const PendingQuestion& q : s.pending()) ids.push_back(q.id);
      for (uint32_t id : ids) REQUIRE(s.feed_failure(id, FailureKind::timeout, "no answer"));
    }
    MailModel m(s);
    for (const MailName& name : m.names()) CHECK(name.name.length <= 255);
    const nlohmann::json report = build_report(s, {});
    CHECK(report["domain"] == d + ".");
  }
}

TEST_CASE("limits: options a shell gives the zone parser: a count its field cannot hold is ignored, not wrapped") {
  const ParseOptions defaults;
  ParseOptions o = parse_options_from_json(
      R"({"origin": "club.test.", "format": "cloudflare",
          "limits": {"max_include_depth": 4294967295, "max_generate": 7, "max_records": 12, "max_diagnostics": 3,
                     "max_input_bytes": 1048576}})");
  CHECK(o.origin == "club.test.");
  CHECK(o.format == InputFormat::cloudflare_export);
  CHECK(o.limits.max_include_depth == 4294967295u);  // the most an unsigned holds
  CHECK(o.limits.max_generate == 7);
  CHECK(o.limits.max_records == 12);
  CHECK(o.limits.max_diagnostics == 3);
  CHECK(o.limits.max_input_bytes == 1048576);
  // 2^32 + 1 would have wrapped to 1 (and, in wasm, maxRecords too): now the default stands.
  o = parse_options_from_json(
      R"({"format": "zonefile", "limits": {"max_include_depth": 4294967297, "max_generate": 4294967297,
                                            "max_records": -1, "max_diagnostics": 2.5, "max_input_bytes": "9"}})");
  CHECK(o.format == InputFormat::automatic);
  CHECK(o.limits.max_include_depth == defaults.limits.max_include_depth);
  CHECK(o.limits.max_generate == defaults.limits.max_generate);
  CHECK(o.limits.max_records == defaults.limits.max_records);
  CHECK(o.limits.max_diagnostics == defaults.limits.max_diagnostics);
  CHECK(o.limits.max_input_bytes == defaults.limits.max_input_bytes);
  for (std::string_view bad : {"", "[]", "{", "null"}) CHECK(parse_options_from_json(bad).origin == defaults.origin);
}
