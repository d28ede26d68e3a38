// What the parser keeps although it is off the strict path, each with a
// warning that names it: a TXT or SPF string over 255 octets (split into
// strings of 255), a record outside the zone, a NUL octet in an owner name,
// a UTF-8 byte order mark. And the fix outputs of a zone with a split string.
#include <doctest/doctest.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dns/name.h"
#include "dns/rdata.h"
#include "dns/types.h"
#include "fix/cloudflare.h"
#include "fix/fix.h"
#include "model/mail_model.h"
#include "rules/catalogue.h"
#include "session/session.h"
#include "zone/parser.h"
#include "zone/zone_text.h"

using namespace mxray;

namespace {

std::string records_of(const Zone& zone) {
  std::string out;
  for (size_t i = 0; i < zone.size(); ++i) {
    append_record_text(out, zone.record(i), false);
    out += "\n";
  }
  return out;
}

// "line:column rN code field= type= token= detail=", one a line.
std::string diagnostics_of(const Zone& zone) {
  std::string out;
  for (const Diagnostic& d : zone.diagnostics) {
    out += std::to_string(d.line) + ":" + std::to_string(d.column) + " r" + std::to_string(d.record_line) + " " +
           std::string(code_name(d.code));
    if (!d.field.empty()) out += " field=" + d.field;
    if (!d.type.empty()) out += " type=" + d.type;
    out += " token=" + d.token;
    if (!d.detail.empty()) out += " detail=" + d.detail;
    if (d.file) out += " file=" + std::to_string(d.file);
    out += "\n";
  }
  return out;
}

ParseOptions origin(const char* name) {
  ParseOptions o;
  o.origin = name;
  return o;
}

// The TXT strings of a record's RDATA (wire form), each as it is stored.
std::vector<std::string> strings_of(std::string_view rdata) {
  std::vector<std::string> out;
  for (size_t i = 0; i < rdata.size();) {
    const size_t n = uint8_t(rdata[i]);
    out.emplace_back(rdata.substr(i + 1, n));
    i += 1 + n;
  }
  return out;
}

std::string text_of(size_t n, char first = 'a') {
  std::string s;
  for (size_t i = 0; i < n; ++i) s.push_back(char(first + i % 26));
  return s;
}

}  // namespace

// ------------------------------------------------------- over-long strings

TEST_CASE("parser: a TXT string over 255 octets is kept, split into strings of 255, with a warning") {
  const std::string key = "v=DKIM1; k=rsa; p=" + text_of(282);  // 300 octets, as Cloudflare exported them
  SUBCASE("quoted") {
    Zone zone = parse_zone("s._domainkey 60 TXT \"" + key + "\"\n", "zone.txt", origin("example.com."));
    REQUIRE(zone.size() == 1);
    CHECK(strings_of(zone.record(0).rdata) == std::vector<std::string>{key.substr(0, 255), key.substr(255)});
    CHECK(txt_strings_joined(zone.record(0).rdata) == key);
    CHECK(diagnostics_of(zone) ==
          "1:21 r1 txt-string-split field=text type=TXT token=" + key.substr(0, 80) + " detail=300\n");
    CHECK(zone.error_count == 0);
    CHECK(zone.diagnostics[0].severity == Severity::warning);
    // Printed split: the text reads back as the same record, without a word.
    std::string printed;
    append_record_text(printed, zone.record(0), false);
    CHECK(printed == "s._domainkey.example.com. 60 IN TXT \"" + key.substr(0, 255) + "\" \"" + key.substr(255) + "\"");
    Zone again = parse_zone(printed + "\n", "again.txt", {});
    CHECK(again.diagnostics.empty());
    REQUIRE(again.size() == 1);
    CHECK(again.record(0).rdata == zone.record(0).rdata);
  }
  SUBCASE("an unquoted word, and SPF as a type") {
    const std::string word = text_of(600);
    Zone zone = parse_zone("a 60 TXT " + word + "\nb 60 SPF short " + word + "\n", "zone.txt", origin("example.com."));
    REQUIRE(zone.size() == 2);
    CHECK(strings_of(zone.record(0).rdata) ==
          std::vector<std::string>{word.substr(0, 255), word.substr(255, 255), word.substr(510)});
    CHECK(strings_of(zone.record(1).rdata) ==
          std::vector<std::string>{"short", word.substr(0, 255), word.substr(255, 255), word.substr(510)});
    CHECK(diagnostics_of(zone) == "1:10 r1 txt-string-split field=text type=TXT token=" + word.substr(0, 80) +
                                      " detail=600\n"
                                      "2:16 r2 txt-string-split field=text type=SPF token=" +
                                      word.substr(0, 80) + " detail=600\n");
  }
  SUBCASE("octets are counted after escapes; 255 is not split, 510 is two strings of 255") {
    std::string escaped;
    for (int i = 0; i < 256; ++i) escaped += "\\065";  // 1024 characters, 256 octets
    Zone zone =
        parse_zone("a 60 TXT \"" + escaped + "\"\nb 60 TXT " + text_of(255) + "\nc 60 TXT " + text_of(510) + "\n",
                   "zone.txt", origin("example.com."));
    REQUIRE(zone.size() == 3);
    CHECK(strings_of(zone.record(0).rdata) == std::vector<std::string>{std::string(255, 'A'), "A"});
    CHECK(strings_of(zone.record(1).rdata).size() == 1);
    CHECK(strings_of(zone.record(2).rdata) == std::vector<std::string>{text_of(255), text_of(510).substr(255)});
    CHECK(diagnostics_of(zone) == "1:10 r1 txt-string-split field=text type=TXT token=" + escaped.substr(0, 80) +
                                      " detail=256\n"
                                      "3:10 r3 txt-string-split field=text type=TXT token=" +
                                      text_of(80) + " detail=510\n");
  }
  SUBCASE("HINFO's strings are two things, not one text: still an error") {
    Zone zone = parse_zone("h 60 HINFO " + text_of(256) + " os\n", "zone.txt", origin("example.com."));
    CHECK(zone.size() == 0);
    CHECK(diagnostics_of(zone) == "1:12 r1 string-too-long field=cpu type=HINFO token=" + text_of(80) + "\n");
  }
  SUBCASE("the split is still bounded by 65535 octets of RDATA") {
    std::string many;
    for (int i = 0; i < 260; ++i) many += " " + text_of(255);  // 66560 octets with the length octets
    Zone zone = parse_zone("big 60 TXT" + many + "\n", "zone.txt", origin("example.com."));
    CHECK(zone.size() == 0);
    REQUIRE(zone.diagnostics.size() == 1);
    CHECK(zone.diagnostics[0].code == Code::rdata_too_long);
  }
  SUBCASE("parse_rdata without a split to fill still refuses the string (DNS answers cannot hold one)") {
    const std::string word = text_of(256);
    const TextToken tokens[] = {TextToken{word, 1, 1, true}};
    std::string wire;
    RdataError error;
    CHECK_FALSE(parse_rdata(rrtype::TXT, tokens, {}, wire, error));
    CHECK(error.code == Code::string_too_long);
  }
  SUBCASE("fed in chunks: the same") {
    const std::string text = "a 60 TXT \"" + key + "\"\nb 60 TXT " + text_of(700) + "\n";
    const Zone whole = parse_zone(text, "zone.txt", origin("example.com."));
    for (size_t chunk : {1, 7, 64, 255, 256}) {
      Zone zone;
      ZoneParser p(zone, "zone.txt", origin("example.com."));
      for (size_t at = 0; at < text.size(); at += chunk) p.feed(std::string_view(text).substr(at, chunk));
      p.finish();
      CHECK(records_of(zone) == records_of(whole));
      CHECK(diagnostics_of(zone) == diagnostics_of(whole));
    }
  }
}

TEST_CASE("cloudflare json: TXT content in quotes with a string over 255 octets is kept split, with a warning") {
  const std::string key = "v=DKIM1; p=" + text_of(289);  // 300 octets
  ParseOptions o;
  o.format = InputFormat::cloudflare_json;
  const std::string quoted = R"({"result":[{"zone_name":"club.test","name":"s._domainkey.club.test","type":"TXT",)"
                             R"("content":"\")" +
                             key + R"(\"","ttl":1}]})";
  Zone zone = parse_zone(quoted, "api.json", o);
  REQUIRE(zone.size() == 1);
  CHECK(strings_of(zone.record(0).rdata) == std::vector<std::string>{key.substr(0, 255), key.substr(255)});
  CHECK(diagnostics_of(zone) ==
        "1:12 r1 txt-string-split field=content type=TXT token=" + key.substr(0, 80) + " detail=300\n");
  // Raw content is the text itself, which the API splits on its own: no word.
  const std::string raw = R"({"result":[{"zone_name":"club.test","name":"s._domainkey.club.test","type":"TXT",)"
                          R"("content":")" +
                          key + R"(","ttl":1}]})";
  Zone plain = parse_zone(raw, "api.json", o);
  REQUIRE(plain.size() == 1);
  CHECK(plain.record(0).rdata == zone.record(0).rdata);
  CHECK(plain.diagnostics.empty());
}

// ------------------------------------------------------------- out of zone

TEST_CASE("parser: a record outside the zone is kept, with a warning naming the zone") {
  SUBCASE("the origin given") {
    Zone zone = parse_zone(
        "www 60 A 192.0.2.1\n"
        "example.com. 60 MX 10 mail\n"
        "mail.example.org. 60 A 192.0.2.2\n"
        "  60 TXT \"the owner left out is still out of the zone\"\n"
        "com. 60 NS ns.example.com.\n",
        "zone.txt", origin("example.com."));
    CHECK(zone.size() == 5);
    CHECK(diagnostics_of(zone) ==
          "3:1 r3 out-of-zone field=owner type=A token=mail.example.org. detail=example.com.\n"
          "4:1 r4 out-of-zone field=owner type=TXT token=mail.example.org. detail=example.com.\n"
          "5:1 r5 out-of-zone field=owner type=NS token=com. detail=example.com.\n");
    CHECK(zone.error_count == 0);
  }
  SUBCASE("no origin given: records before the SOA are checked once the apex is known") {
    Zone zone = parse_zone(
        "stray.example.net. 60 A 192.0.2.9\n"
        "a.example.com. 60 A 192.0.2.1\n"
        "example.com. 60 SOA ns.example.com. hm.example.com. 1 2 3 4 5\n"
        "b.example.net. 60 A 192.0.2.3\n",
        "zone.txt", {});
    CHECK(zone.size() == 4);
    CHECK(diagnostics_of(zone) ==
          "4:1 r4 out-of-zone field=owner type=A token=b.example.net. detail=example.com.\n"
          "1:1 r1 out-of-zone field=owner type=A token=stray.example.net. detail=example.com.\n");
  }
  SUBCASE("no apex at all: nothing to be outside of") {
    Zone zone = parse_zone("a.example.com. 60 A 192.0.2.1\nb.example.net. 60 A 192.0.2.2\n", "zone.txt", {});
    CHECK(zone.size() == 2);
    CHECK(zone.diagnostics.empty());
  }
  SUBCASE("the cap on kept diagnostics holds") {
    std::string text;
    for (int i = 0; i < 50; ++i) text += "h" + std::to_string(i) + ".example.org. 60 A 192.0.2.1\n";
    ParseOptions o = origin("example.com.");
    o.limits.max_diagnostics = 10;
    Zone zone = parse_zone(text, "zone.txt", o);
    CHECK(zone.size() == 50);
    CHECK(zone.diagnostics.size() == 11);
    CHECK(zone.diagnostics.back().code == Code::too_many_errors);
  }
  SUBCASE("Cloudflare API JSON: the zone_name is the zone") {
    ParseOptions o;
    o.format = InputFormat::cloudflare_json;
    Zone zone =
        parse_zone(R"({"result":[{"zone_name":"club.test","name":"club.test","type":"A","content":"192.0.2.1"},)"
                   "\n"
                   R"({"zone_name":"club.test","name":"mail.other.test","type":"A","content":"192.0.2.2"}]})",
                   "api.json", o);
    CHECK(zone.size() == 2);
    CHECK(diagnostics_of(zone) == "2:1 r2 out-of-zone field=name type=A token=mail.other.test. detail=club.test.\n");
  }
}

// --------------------------------------------------------------- NUL octets

TEST_CASE("parser: a NUL octet in an owner name is kept, with a warning") {
  const std::string raw = std::string("r") + '\0' + "w 60 A 192.0.2.2\n";
  Zone zone =
      parse_zone("a\\000b 60 A 192.0.2.1\n" + raw + "ok 60 TXT \"a\\000b\"\n", "zone.txt", origin("example.com."));
  CHECK(records_of(zone) ==
        "a\\000b.example.com. 60 IN A 192.0.2.1\n"
        "r\\000w.example.com. 60 IN A 192.0.2.2\n"
        "ok.example.com. 60 IN TXT \"a\\000b\"\n");
  CHECK(diagnostics_of(zone) ==
        "1:1 r1 name-nul field=owner token=a\\000b\n"
        "2:1 r2 name-nul field=owner token=r" +
            std::string(1, '\0') + "w\n");
  CHECK(zone.error_count == 0);
}

// ----------------------------------------------------------- byte order mark

TEST_CASE("parser: a UTF-8 byte order mark is skipped with a warning at line 1, column 1") {
  Zone zone = parse_zone("\xEF\xBB\xBFwww 60 A 192.0.2.1\nx 60 A 192.0.2.", "zone.txt", origin("example.com."));
  CHECK(records_of(zone) == "www.example.com. 60 IN A 192.0.2.1\n");
  // Columns after it count from the first character after the mark.
  CHECK(diagnostics_of(zone) ==
        "1:1 r1 utf8-bom token=\n"
        "2:8 r2 bad-ipv4 field=address type=A token=192.0.2.\n");
  SUBCASE("in an included file: its own warning, with its file") {
    IncludeResolver files = [](std::string_view path) -> std::optional<std::string> {
      if (path == "bom.zone") return std::string("\xEF\xBB\xBFz 60 A 192.0.2.3\n");
      return std::nullopt;
    };
    Zone with = parse_zone("$INCLUDE bom.zone\n", "main.zone", origin("example.com."), files);
    CHECK(records_of(with) == "z.example.com. 60 IN A 192.0.2.3\n");
    CHECK(diagnostics_of(with) == "1:1 r1 utf8-bom token= file=1\n");
  }
  SUBCASE("before Cloudflare API JSON") {
    ParseOptions o;
    o.format = InputFormat::automatic;
    Zone json =
        parse_zone("\xEF\xBB\xBF[{\"name\":\"a.club.test\",\"type\":\"A\",\"content\":\"192.0.2.1\"}]", "api.json", o);
    CHECK(json.format == InputFormat::cloudflare_json);
    CHECK(json.size() == 1);
    CHECK(diagnostics_of(json) == "1:1 r1 utf8-bom token=\n");
  }
  SUBCASE("a mark that is not at the start is not skipped") {
    Zone later = parse_zone("a 60 TXT \"\xEF\xBB\xBF\"\n", "zone.txt", origin("example.com."));
    CHECK(later.size() == 1);
    CHECK(later.diagnostics.empty());
  }
}

// -------------------------------------------------------------- fix outputs

namespace {

// 20 single-address terms make the SPF one string of 388 octets.
std::string long_spf() {
  std::string spf = "v=spf1 +a +mx";
  for (int i = 1; i <= 20; ++i) spf += " ip4:198.51.100." + std::to_string(i);
  return spf + " ~all";
}

const std::string kDkim = "v=DKIM1; k=rsa; p=" + text_of(300);

std::string export_with_long_strings() {
  return ";; Domain:     club.test.\n"
         "club.test\t3600\tIN\tSOA\tada.ns.cloudflare.com. dns.cloudflare.com. 1 10000 2400 604800 3600\n"
         "club.test.\t1\tIN\tA\t203.0.113.10 ; cf_tags=cf-proxied:true\n"
         "mail.club.test.\t1\tIN\tCNAME\tclub.test. ; cf_tags=cf-proxied:false\n"
         "club.test.\t1\tIN\tMX\t0 mail.club.test.\n"
         "club.test.\t1\tIN\tTXT\t\"" +
         long_spf() +
         "\"\n"
         "sel._domainkey.club.test.\t1\tIN\tTXT\t\"" +
         kDkim + "\"\n";
}

// Each TXT of `zone` at `owner`, joined, and whether any of them was split
// by the parser (a txt-string-split warning on its line).
std::vector<std::string> joined_txt(const Zone& zone, const char* owner) {
  std::vector<std::string> out;
  for (size_t i = 0; i < zone.size(); ++i)
    if (zone.record(i).type == rrtype::TXT && name_text(zone.record(i).owner.view()) == owner)
      out.push_back(txt_strings_joined(zone.record(i).rdata));
  return out;
}

size_t split_warnings(const Zone& zone) {
  size_t n = 0;
  for (const Diagnostic& d : zone.diagnostics) n += d.code == Code::txt_string_split;
  return n;
}

}  // namespace

TEST_CASE("fix: a split TXT is written split where the fix writes it, and left byte for byte where it does not") {
  const std::string text = export_with_long_strings();
  auto zone = std::make_shared<Zone>(parse_zone(text, "club.test.txt", {}));
  REQUIRE(zone->error_count == 0);
  REQUIRE(split_warnings(*zone) == 2);
  SessionOptions o;
  o.live = false;
  Session s("club.test", o, {zone});
  MailModel m(s);
  const FixPlan plan = merge_edits(run_rules(m));

  // The SPF is rewritten (the proxied apex's address added): in strings of
  // at most 255 octets. The DKIM line is not touched: the same bytes.
  const CorrectedZone fixed = apply_edits(*zone, 0, text, plan);
  CHECK(fixed.skipped.empty());
  const std::string dkim_line = "sel._domainkey.club.test.\t1\tIN\tTXT\t\"" + kDkim + "\"\n";
  CHECK(fixed.text.find(dkim_line) != std::string::npos);
  CHECK(fixed.text.find(long_spf()) == std::string::npos);
  Zone back = parse_zone(fixed.text, "club.test.txt", {});
  CHECK(back.error_count == 0);
  CHECK(split_warnings(back) == 1);  // the DKIM key's, as written before
  const std::vector<std::string> spf = joined_txt(back, "club.test.");
  REQUIRE(spf.size() == 1);
  CHECK(spf[0].find("ip4:203.0.113.10") != std::string::npos);
  CHECK(spf[0].starts_with("v=spf1 +a +mx ip4:198.51.100.1 "));
  CHECK(joined_txt(back, "sel._domainkey.club.test.") == std::vector<std::string>{kDkim});

  // The Cloudflare import file writes every record from its data: both split.
  const std::vector<std::string> mail = {"mail.club.test."};
  const std::string import = cloudflare_zone_file(*zone, 0, plan, mail, "club.test.");
  CHECK(import.find(long_spf()) == std::string::npos);
  CHECK(import.find(kDkim) == std::string::npos);
  CHECK(import.find("\"" + kDkim.substr(0, 255) + "\" \"" + kDkim.substr(255) + "\"") != std::string::npos);
  Zone imported = parse_zone(import, "import.txt", {});
  CHECK(imported.error_count == 0);
  CHECK(split_warnings(imported) == 0);
  CHECK(joined_txt(imported, "sel._domainkey.club.test.") == std::vector<std::string>{kDkim});
  CHECK(joined_txt(imported, "club.test.") == spf);
}
