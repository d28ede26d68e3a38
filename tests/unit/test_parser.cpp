// The master-file parser: each case is a zone text and the exact records it
// must give (append_record_text, one a line) and the exact diagnostics
// ("line:column rN code field= type= token= detail=", one a line).
// Then the parts that need more than a table: $INCLUDE, $GENERATE, limits,
// the Cloudflare export, the source spans, and chunked feeding, which must
// give the same zone as a one-shot parse whatever the chunk size.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../fuzz/fastpath_check.h"
#include "dns/name.h"
#include "dns/rdata.h"
#include "dns/types.h"
#include "zone/lexer.h"
#include "zone/parser.h"
#include "zone/zone_text.h"

using namespace mxray;

namespace {

std::string dump_records(const Zone& zone) {
  std::string out;
  for (size_t i = 0; i < zone.size(); ++i) {
    append_record_text(out, zone.record(i), false);
    out += "\n";
  }
  return out;
}

// Records with their flags, for the Cloudflare cases (append_record_text
// itself shows the proxy flag as " ; cf-proxied:true|false").
std::string dump_flags(const Zone& zone) {
  std::string out;
  for (size_t i = 0; i < zone.size(); ++i) {
    const RecordView r = zone.record(i);
    append_record_text(out, r, false);
    if (r.flags & kRecordTtlAuto) out += " [auto]";
    if (r.flags & kRecordFlatten) out += " [flatten]";
    if (r.flags & kRecordGenerated) out += " [generated]";
    out += "\n";
  }
  return out;
}

std::string dump_diagnostic(const Diagnostic& d) {
  std::string out = std::to_string(d.line) + ":" + std::to_string(d.column) + " r" + std::to_string(d.record_line) +
                    " " + std::string(code_name(d.code));
  if (!d.field.empty()) out += " field=" + d.field;
  if (!d.type.empty()) out += " type=" + d.type;
  out += " token=" + d.token;
  if (!d.detail.empty()) out += " detail=" + d.detail;
  if (d.file) out += " file=" + std::to_string(d.file);
  return out;
}

std::string dump_diagnostics(const Zone& zone) {
  std::string out;
  for (const Diagnostic& d : zone.diagnostics) out += dump_diagnostic(d) + "\n";
  return out;
}

// "file first-last begin+length", one a line.
std::string dump_spans(const Zone& zone) {
  std::string out;
  for (size_t i = 0; i < zone.size(); ++i) {
    const SourceSpan& s = zone.record(i).span;
    out += std::to_string(s.file) + " " + std::to_string(s.first_line) + "-" + std::to_string(s.last_line) + " " +
           std::to_string(s.begin) + "+" + std::to_string(s.length) + "\n";
  }
  return out;
}

ParseOptions with_origin(std::string origin) {
  ParseOptions o;
  o.origin = std::move(origin);
  return o;
}

struct Case {
  const char* why;
  std::string_view input;
  std::string_view records;      // dump_records
  std::string_view diagnostics;  // dump_diagnostics
};

void check_case(const Case& c, const ParseOptions& options) {
  const std::string why = c.why, input(c.input);
  CAPTURE(why);
  CAPTURE(input);
  Zone zone = parse_zone(c.input, "zone.txt", options);
  CHECK(dump_records(zone) == c.records);
  CHECK(dump_diagnostics(zone) == c.diagnostics);
  size_t errors = 0;
  for (const Diagnostic& d : zone.diagnostics) {
    CHECK(d.severity == default_severity(d.code));
    CHECK(d.token.size() <= 80);
    if (d.severity == Severity::error) ++errors;
  }
  CHECK(zone.error_count == errors);
}

// ------------------------------------------------------ master-file cases

const Case kMasterFile[] = {
    {"$ORIGIN: absolute, then relative to the current origin",
     "$ORIGIN example.org.\n"
     "www 300 IN A 192.0.2.1\n"
     "$ORIGIN sub\n"
     "x 300 IN A 192.0.2.2\n"
     "@ 300 IN NS ns1\n"
     "abs.example.net. 300 IN CNAME www.example.org.\n",
     "www.example.org. 300 IN A 192.0.2.1\n"
     "x.sub.example.org. 300 IN A 192.0.2.2\n"
     "sub.example.org. 300 IN NS ns1.sub.example.org.\n"
     "abs.example.net. 300 IN CNAME www.example.org.\n",
     // The zone is example.com. (the origin given): the rest is outside it.
     "2:1 r2 out-of-zone field=owner type=A token=www.example.org. detail=example.com.\n"
     "4:1 r4 out-of-zone field=owner type=A token=x.sub.example.org. detail=example.com.\n"
     "5:1 r5 out-of-zone field=owner type=NS token=sub.example.org. detail=example.com.\n"
     "6:1 r6 out-of-zone field=owner type=CNAME token=abs.example.net. detail=example.com.\n"},
    {"$TTL beats the last explicit TTL; without $TTL the last explicit one applies",
     "a 60 A 192.0.2.1\n"
     "b A 192.0.2.2\n"
     "$TTL 1h30m\n"
     "c A 192.0.2.3\n"
     "d 120 A 192.0.2.4\n"
     "e A 192.0.2.5\n",
     "a.example.com. 60 IN A 192.0.2.1\n"
     "b.example.com. 60 IN A 192.0.2.2\n"
     "c.example.com. 5400 IN A 192.0.2.3\n"
     "d.example.com. 120 IN A 192.0.2.4\n"
     "e.example.com. 5400 IN A 192.0.2.5\n",
     ""},
    {"no TTL at all: the SOA minimum, for the SOA and what follows",
     "@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n"
     "www IN A 192.0.2.1\n",
     "example.com. 300 IN SOA ns1.example.com. hostmaster.example.com. 1 7200 3600 1209600 300\n"
     "www.example.com. 300 IN A 192.0.2.1\n",
     ""},
    {"no TTL and nothing to default from",
     "www IN A 192.0.2.1\n"
     "ok 60 IN A 192.0.2.2\n",
     "ok.example.com. 60 IN A 192.0.2.2\n", "1:8 r1 missing-ttl field=TTL type=A token=A\n"},
    {"class before or after the TTL, any case, CLASSnn and TYPEnn",
     "a IN 60 A 192.0.2.1\n"
     "b 60 IN A 192.0.2.2\n"
     "c in 60 a 192.0.2.3\n"
     "d CLASS1 60 TYPE1 \\# 4 C0000204\n"
     "e 60 A 192.0.2.5\n",
     "a.example.com. 60 IN A 192.0.2.1\n"
     "b.example.com. 60 IN A 192.0.2.2\n"
     "c.example.com. 60 IN A 192.0.2.3\n"
     "d.example.com. 60 IN A 192.0.2.4\n"
     "e.example.com. 60 IN A 192.0.2.5\n",
     ""},
    {"another class than the zone's",
     "a 60 IN A 192.0.2.1\n"
     "b 60 CH A 192.0.2.2\n",
     "a.example.com. 60 IN A 192.0.2.1\n", "2:6 r2 class-mismatch field=class type=A token=CH\n"},
    {"owner omitted: the previous owner; at the start: an error",
     "  60 A 192.0.2.9\n"
     "a 60 A 192.0.2.1\n"
     "  60 A 192.0.2.2\n"
     "\tAAAA 2001:db8::1\n",
     "a.example.com. 60 IN A 192.0.2.1\n"
     "a.example.com. 60 IN A 192.0.2.2\n"
     "a.example.com. 60 IN AAAA 2001:db8::1\n",
     "1:3 r1 missing-owner field=owner token=60\n"},
    {"@ is the origin, . the root",
     "@ 60 MX 10 @\n"
     ". 60 NS a.root-servers.net.\n",
     "example.com. 60 IN MX 10 example.com.\n"
     ". 60 IN NS a.root-servers.net.\n",
     "2:1 r2 out-of-zone field=owner type=NS token=. detail=example.com.\n"},
    {"parentheses across lines, comments inside",
     "@ 3600 IN SOA ns1.example.com. hostmaster.example.com. ( ; comment here\n"
     "        2024010101 ; serial\n"
     "        7200       ; refresh (seconds)\n"
     "        3600 1209600\n"
     "        300 )      ; minimum\n"
     "; a comment line\n"
     "\n"
     "www 60 IN TXT ( \"a\"\n"
     "   \"b\" ) ; after\n"
     "x 60 A (192.0.2.1)\n"
     "y 60 A ((192.0.2.2))\n",
     "example.com. 3600 IN SOA ns1.example.com. hostmaster.example.com. 2024010101 7200 3600 1209600 300\n"
     "www.example.com. 60 IN TXT \"a\" \"b\"\n"
     "x.example.com. 60 IN A 192.0.2.1\n"
     "y.example.com. 60 IN A 192.0.2.2\n",
     ""},
    {"quoted strings hold ; ( ) and escaped quotes",
     "a 60 TXT \"semi ; colon\" \"paren ( )\" \"say \\\"hi\\\"\"\n"
     "b 60 TXT \"tab\\009\" ; a comment \"not a string\"\n"
     "c 60 TXT \"back\\\\slash\"\n"
     "d 60 TXT abc\"def\"\n",
     "a.example.com. 60 IN TXT \"semi ; colon\" \"paren ( )\" \"say \\\"hi\\\"\"\n"
     "b.example.com. 60 IN TXT \"tab\\009\"\n"
     "c.example.com. 60 IN TXT \"back\\\\slash\"\n"
     "d.example.com. 60 IN TXT \"abc\" \"def\"\n",
     ""},
    {"CRLF line ends, a UTF-8 BOM, no newline at the end",
     "\xEF\xBB\xBF"
     "a 60 A 192.0.2.1\r\n"
     "b 60 TXT ( \"x\"\r\n"
     "   \"y\" )\r\n"
     "c 60 A 192.0.2.256\r\n"
     "d 60 TXT bare\r\n"
     "e 60 A 192.0.2.5",
     "a.example.com. 60 IN A 192.0.2.1\n"
     "b.example.com. 60 IN TXT \"x\" \"y\"\n"
     "d.example.com. 60 IN TXT \"bare\"\n"
     "e.example.com. 60 IN A 192.0.2.5\n",
     "1:1 r1 utf8-bom token=\n"
     "4:8 r4 bad-ipv4 field=address type=A token=192.0.2.256\n"},
    {"directives: bad ones are reported and skipped",
     "$FOO bar\n"
     "$TTL\n"
     "$TTL 5x\n"
     "$TTL 1 2\n"
     "$ORIGIN a..b.\n"
     "$ORIGIN\n"
     "$ttl 60\n"
     "ok A 192.0.2.1\n",
     "ok.example.com. 60 IN A 192.0.2.1\n",
     "1:1 r1 bad-directive type=$FOO token=$FOO\n"
     "2:1 r2 bad-directive type=$TTL token=$TTL\n"
     "3:6 r3 bad-ttl field=TTL type=$TTL token=5x\n"
     "4:8 r4 bad-directive type=$TTL token=2\n"
     "5:9 r5 bad-name field=origin type=$ORIGIN token=a..b.\n"
     "6:1 r6 bad-directive type=$ORIGIN token=$ORIGIN\n"},
    {"$TTL above 2^31-1 is a warning and becomes 0 (RFC 2181 §8)",
     "$TTL 2147483648\n"
     "a A 192.0.2.1\n"
     "b 4294967295 A 192.0.2.2\n"
     "c 2147483647 A 192.0.2.3\n",
     "a.example.com. 0 IN A 192.0.2.1\n"
     "b.example.com. 0 IN A 192.0.2.2\n"
     "c.example.com. 2147483647 IN A 192.0.2.3\n",
     "1:6 r1 ttl-too-large field=TTL type=$TTL token=2147483648\n"
     "3:3 r3 ttl-too-large field=TTL type=A token=4294967295\n"},
    {"field errors name the token, its place, the field and the type",
     "a 5x A 192.0.2.1\n"
     "b 1h30 A 192.0.2.1\n"
     "c 60 FOO x\n"
     "d 60 MX 1o mail\n"
     "e 60 MX 10\n"
     "f 60 MX \"10\" mail\n"
     "g..h 60 A 192.0.2.1\n"
     "i 60 A 192.0.2.1 192.0.2.2\n"
     "j 60 TXT \"a\" \\300\n"
     "k 60\n"
     "l 60 SRV 1 2 65536 t.\n"
     "m 60 AAAA 2001:db8::1::2\n",
     "",
     "1:3 r1 bad-ttl field=TTL token=5x\n"
     "2:3 r2 bad-ttl field=TTL token=1h30\n"
     "3:6 r3 unknown-type field=type token=FOO\n"
     "4:9 r4 bad-number field=preference type=MX token=1o\n"
     "5:11 r5 missing-field field=exchange type=MX token=\n"
     "6:9 r6 bad-number field=preference type=MX token=10\n"
     "7:1 r7 bad-name field=owner token=g..h\n"
     "8:18 r8 extra-field type=A token=192.0.2.2\n"
     "9:14 r9 bad-escape field=text type=TXT token=\\300\n"
     "10:5 r10 missing-field field=type token=\n"
     "11:14 r11 number-overflow field=port type=SRV token=65536\n"
     "12:11 r12 bad-ipv6 field=address type=AAAA token=2001:db8::1::2\n"},
    {"a missing field is reported after the last token, on the record's last line",
     "a 60 SOA ns1 host (\n"
     "   1 2 3\n"
     "   4 )\n",
     "", "3:5 r1 missing-field field=minimum type=SOA token=\n"},
    {"long owner names and labels",
     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa 60 A 192.0.2.1\n"
     "x 60 A 192.0.2.1\n",
     "x.example.com. 60 IN A 192.0.2.1\n",
     "1:1 r1 label-too-long field=owner token=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n"},
};

const Case kNoOrigin[] = {
    {"relative names without any origin",
     "www 60 A 192.0.2.1\n"
     "abs.example. 60 CNAME target\n"
     "ok.example. 60 A 192.0.2.1\n",
     "ok.example. 60 IN A 192.0.2.1\n",
     "1:1 r1 missing-origin field=owner token=www\n"
     "2:23 r2 missing-origin field=cname type=CNAME token=target\n"},
    {"the first SOA's owner is the apex; $ORIGIN sets the origin",
     "$ORIGIN example.net.\n"
     "@ 60 SOA ns1 host 1 2 3 4 5\n"
     "www 60 A 192.0.2.1\n",
     "example.net. 60 IN SOA ns1.example.net. host.example.net. 1 2 3 4 5\n"
     "www.example.net. 60 IN A 192.0.2.1\n",
     ""},
};

// ------------------------------------------------------------ recovery

const Case kRecovery[] = {
    {"bad records between good ones: every good one is kept",
     "a 60 A 192.0.2.256\n"
     "b 60 A 192.0.2.2\n"
     "c 60 MX x y\n"
     "d 60 A 192.0.2.4\n",
     "b.example.com. 60 IN A 192.0.2.2\n"
     "d.example.com. 60 IN A 192.0.2.4\n",
     "1:8 r1 bad-ipv4 field=address type=A token=192.0.2.256\n"
     "3:9 r3 bad-number field=preference type=MX token=x\n"},
    {"an unclosed '(' at the end: the lines after it are still records",
     "a 60 TXT ( \"x\"\n"
     "b 60 A 192.0.2.2\n"
     "c 60 A 192.0.2.3\n",
     "b.example.com. 60 IN A 192.0.2.2\n"
     "c.example.com. 60 IN A 192.0.2.3\n",
     "1:10 r1 unclosed-paren token=(\n"},
    {"a stray ')': the record is dropped, the next one kept",
     "a 60 A 192.0.2.1 )\n"
     "b 60 A 192.0.2.2\n",
     "b.example.com. 60 IN A 192.0.2.2\n", "1:18 r1 unbalanced-paren token=)\n"},
    {"an unterminated quote ends at its line",
     "a 60 TXT \"open\n"
     "b 60 A 192.0.2.2\n",
     "b.example.com. 60 IN A 192.0.2.2\n", "1:10 r1 unterminated-quote token=\"open\n"},
    {"an unterminated quote inside parentheses: the rest of the record is skipped",
     "a 60 TXT ( \"x\n"
     "   \"y\" )\n"
     "b 60 A 192.0.2.2\n",
     "b.example.com. 60 IN A 192.0.2.2\n", "1:12 r1 unterminated-quote token=\"x\n"},
    {"a bad field in a multi-line record: its continuation is not a record",
     "a 60 TXT ( \"x\" \\300\n"
     "   \"y\" )\n"
     "b 60 A 192.0.2.2\n",
     "b.example.com. 60 IN A 192.0.2.2\n", "1:16 r1 bad-escape field=text type=TXT token=\\300\n"},
    {"a backslash before the line end",
     "a 60 TXT abc\\\n"
     "b 60 A 192.0.2.2\n",
     "b.example.com. 60 IN A 192.0.2.2\n", "1:13 r1 bad-escape token=abc\\\n"},
    {"a backslash at the very end of the input",
     "b 60 A 192.0.2.2\n"
     "a 60 TXT abc\\",
     "b.example.com. 60 IN A 192.0.2.2\n", "2:13 r2 bad-escape token=\\\n"},
};

}  // namespace

TEST_CASE("parser: master-file features") {
  for (const Case& c : kMasterFile) check_case(c, with_origin("example.com."));
  for (const Case& c : kNoOrigin) check_case(c, {});
}

TEST_CASE("parser: error recovery") {
  for (const Case& c : kRecovery) check_case(c, with_origin("example.com."));
  Zone zone = parse_zone(kRecovery[0].input, "zone.txt", with_origin("example.com."));
  CHECK(zone.rejected_records == 2);
  CHECK(zone.error_count == 2);
}

TEST_CASE("parser: line numbers stay right after a quoted string with an escaped line end") {
  // The quote scanner steps over "\<newline>" without counting the line.
  const std::string text =
      "a 60 TXT \"x\\\n"
      "y\"\n"
      "b 60 A 192.0.2.2\n"
      "c 60 A 192.0.2.256\n";
  Zone zone = parse_zone(text, "zone.txt", with_origin("example.com."));
  std::vector<std::string> lines;
  bool found = false;
  for (const Diagnostic& d : zone.diagnostics) {
    if (d.code != Code::bad_ipv4) continue;
    found = true;
    CHECK(d.line == 4);
    CHECK(d.record_line == 4);
  }
  CHECK(found);
  for (size_t i = 0; i < zone.size(); ++i) {
    const RecordView r = zone.record(i);
    if (name_text(r.owner.view()) == "b.example.com.") CHECK(r.span.first_line == 3);
  }
}

// ---------------------------------------------------------------- $INCLUDE

TEST_CASE("parser: $INCLUDE through the shell's resolver") {
  const std::map<std::string, std::string, std::less<>> files = {
      {"hosts.zone",
       "www 60 A 192.0.2.1\n"
       "$ORIGIN other.example.\n"
       "x 60 A 192.0.2.2\n"},
      {"self.zone", "$INCLUDE self.zone\n"},
      {"nested.zone", "$INCLUDE hosts.zone\n"},
      {"bom.zone", "\xEF\xBB\xBFz 60 A 192.0.2.3\n"},
  };
  std::vector<std::string> asked;
  IncludeResolver resolver = [&](std::string_view path) -> std::optional<std::string> {
    asked.emplace_back(path);
    auto it = files.find(path);
    if (it == files.end()) return std::nullopt;
    return it->second;
  };

  SUBCASE("origin argument, then origin and owner restored") {
    const std::string main =
        "keep 60 A 192.0.2.8\n"
        "$INCLUDE hosts.zone sub.example.com.\n"
        "  60 TXT \"owner after the include is the parent's\"\n"
        "after 60 A 192.0.2.9\n"
        "$INCLUDE \"hosts.zone\"\n"
        "$INCLUDE bom.zone\n";
    Zone zone = parse_zone(main, "main.zone", with_origin("example.com."), resolver);
    CHECK(dump_records(zone) ==
          "keep.example.com. 60 IN A 192.0.2.8\n"
          "www.sub.example.com. 60 IN A 192.0.2.1\n"
          "x.other.example. 60 IN A 192.0.2.2\n"
          "keep.example.com. 60 IN TXT \"owner after the include is the parent's\"\n"
          "after.example.com. 60 IN A 192.0.2.9\n"
          "www.example.com. 60 IN A 192.0.2.1\n"
          "x.other.example. 60 IN A 192.0.2.2\n"
          "z.example.com. 60 IN A 192.0.2.3\n");
    // hosts.zone's own $ORIGIN leaves the zone; bom.zone starts with a BOM.
    CHECK(dump_diagnostics(zone) ==
          "3:1 r3 out-of-zone field=owner type=A token=x.other.example. detail=example.com. file=1\n"
          "3:1 r3 out-of-zone field=owner type=A token=x.other.example. detail=example.com. file=2\n"
          "1:1 r1 utf8-bom token= file=3\n");
    CHECK(zone.files == std::vector<std::string>{"main.zone", "hosts.zone", "hosts.zone", "bom.zone"});
    CHECK(asked == std::vector<std::string>{"hosts.zone", "hosts.zone", "bom.zone"});
    // Spans point into the included text, with the include's file index.
    CHECK(dump_spans(zone) ==
          "0 1-1 0+19\n"
          "1 1-1 0+18\n"
          "1 3-3 42+16\n"
          "0 3-3 57+50\n"
          "0 4-4 108+20\n"
          "2 1-1 0+18\n"
          "2 3-3 42+16\n"
          "3 1-1 3+16\n");
  }

  SUBCASE("not found, and a bad origin argument") {
    const std::string main =
        "$INCLUDE missing.zone\n"
        "$INCLUDE hosts.zone a..b\n"
        "$INCLUDE\n"
        "ok 60 A 192.0.2.1\n";
    Zone zone = parse_zone(main, "main.zone", with_origin("example.com."), resolver);
    CHECK(dump_records(zone) == "ok.example.com. 60 IN A 192.0.2.1\n");
    CHECK(dump_diagnostics(zone) ==
          "1:10 r1 include-not-found type=$INCLUDE token=missing.zone detail=missing.zone\n"
          "2:21 r2 bad-name field=origin type=$INCLUDE token=a..b\n"
          "3:1 r3 bad-directive type=$INCLUDE token=$INCLUDE\n");
  }

  SUBCASE("no resolver: every include is not found") {
    Zone zone = parse_zone("$INCLUDE hosts.zone\n", "main.zone", with_origin("example.com."));
    CHECK(dump_diagnostics(zone) == "1:10 r1 include-not-found type=$INCLUDE token=hosts.zone detail=hosts.zone\n");
  }

  SUBCASE("a loop: a file that includes itself is read once") {
    Zone zone = parse_zone("$INCLUDE self.zone\n", "main.zone", with_origin("example.com."), resolver);
    CHECK(zone.size() == 0);
    CHECK(dump_diagnostics(zone) == "1:10 r1 include-loop type=$INCLUDE token=self.zone detail=self.zone file=1\n");
    CHECK(zone.files.size() == 2);
    CHECK(asked == std::vector<std::string>{"self.zone"});  // never asked for the file again
  }

  SUBCASE("a loop: the main input, by the name it was given, includes itself") {
    Zone zone = parse_zone("a 60 A 192.0.2.1\n$INCLUDE main.zone\nb 60 A 192.0.2.2\n", "main.zone",
                           with_origin("example.com."), resolver);
    CHECK(dump_records(zone) == "a.example.com. 60 IN A 192.0.2.1\nb.example.com. 60 IN A 192.0.2.2\n");
    CHECK(dump_diagnostics(zone) == "2:10 r2 include-loop type=$INCLUDE token=main.zone detail=main.zone\n");
    CHECK(asked.empty());
  }

  SUBCASE("a loop of two files ends where it closes; what each read is kept") {
    const std::map<std::string, std::string, std::less<>> ring = {
        {"a.zone", "in-a 60 A 192.0.2.1\n$INCLUDE b.zone\nout-a 60 A 192.0.2.4\n"},
        {"b.zone", "in-b 60 A 192.0.2.2\n$INCLUDE a.zone\nout-b 60 A 192.0.2.3\n"},
    };
    IncludeResolver ring_resolver = [&](std::string_view path) -> std::optional<std::string> {
      asked.emplace_back(path);
      auto it = ring.find(path);
      if (it == ring.end()) return std::nullopt;
      return it->second;
    };
    Zone zone =
        parse_zone("$INCLUDE a.zone\n$INCLUDE b.zone\n", "main.zone", with_origin("example.com."), ring_resolver);
    // The second top-level include is no loop: a.zone is closed by then, and
    // b.zone's own $INCLUDE a.zone is read once more.
    CHECK(dump_diagnostics(zone) ==
          "2:10 r2 include-loop type=$INCLUDE token=a.zone detail=a.zone file=2\n"
          "2:10 r2 include-loop type=$INCLUDE token=b.zone detail=b.zone file=4\n");
    CHECK(asked == std::vector<std::string>{"a.zone", "b.zone", "b.zone", "a.zone"});
    CHECK(dump_records(zone) ==
          "in-a.example.com. 60 IN A 192.0.2.1\n"
          "in-b.example.com. 60 IN A 192.0.2.2\n"
          "out-b.example.com. 60 IN A 192.0.2.3\n"
          "out-a.example.com. 60 IN A 192.0.2.4\n"
          "in-b.example.com. 60 IN A 192.0.2.2\n"
          "in-a.example.com. 60 IN A 192.0.2.1\n"
          "out-a.example.com. 60 IN A 192.0.2.4\n"
          "out-b.example.com. 60 IN A 192.0.2.3\n");
  }

  SUBCASE("depth limit: names that differ are different files, so the depth limit ends such a chain") {
    IncludeResolver renaming = [](std::string_view path) -> std::optional<std::string> {
      return "$INCLUDE ./" + std::string(path) + "\n";  // ./self.zone, ././self.zone, ...
    };
    Zone zone = parse_zone("$INCLUDE self.zone\n", "main.zone", with_origin("example.com."), renaming);
    CHECK(zone.size() == 0);
    CHECK(dump_diagnostics(zone) ==
          "1:10 r1 include-depth type=$INCLUDE token=././././././././self.zone detail=8 file=8\n");
    CHECK(zone.files.size() == 9);
  }

  SUBCASE("depth limit 1: a nested include is refused") {
    ParseOptions o = with_origin("example.com.");
    o.limits.max_include_depth = 1;
    Zone zone = parse_zone("$INCLUDE nested.zone\n", "main.zone", o, resolver);
    CHECK(zone.size() == 0);
    CHECK(dump_diagnostics(zone) == "1:10 r1 include-depth type=$INCLUDE token=hosts.zone detail=1 file=1\n");
  }
}

// --------------------------------------------------------------- $GENERATE

TEST_CASE("parser: $GENERATE") {
  const Case cases[] = {
      {"plain $ on both sides", "$GENERATE 1-3 host$ A 192.0.2.$\n",
       "host1.example.com. 300 IN A 192.0.2.1\n"
       "host2.example.com. 300 IN A 192.0.2.2\n"
       "host3.example.com. 300 IN A 192.0.2.3\n",
       ""},
      {"a step", "$GENERATE 0-8/4 s$ A 192.0.2.$\n",
       "s0.example.com. 300 IN A 192.0.2.0\n"
       "s4.example.com. 300 IN A 192.0.2.4\n"
       "s8.example.com. 300 IN A 192.0.2.8\n",
       ""},
      {"a step that does not land on the stop", "$GENERATE 1-6/4 s$ A 192.0.2.$\n",
       "s1.example.com. 300 IN A 192.0.2.1\n"
       "s5.example.com. 300 IN A 192.0.2.5\n",
       ""},
      {"offset and width, decimal", "$GENERATE 1-2 pad${0,3,d} A 192.0.2.${10}\n",
       "pad001.example.com. 300 IN A 192.0.2.11\n"
       "pad002.example.com. 300 IN A 192.0.2.12\n",
       ""},
      {"negative offset", "$GENERATE 5-6 n${-5,2} A 192.0.2.${-4}\n",
       "n00.example.com. 300 IN A 192.0.2.1\n"
       "n01.example.com. 300 IN A 192.0.2.2\n",
       ""},
      {"octal, hex, HEX",
       "$GENERATE 8-9 o${0,0,o} A 192.0.2.1\n"
       "$GENERATE 10-11 x${0,2,x} A 192.0.2.1\n"
       "$GENERATE 10-11 X${0,4,X} A 192.0.2.1\n",
       "o10.example.com. 300 IN A 192.0.2.1\n"
       "o11.example.com. 300 IN A 192.0.2.1\n"
       "x0a.example.com. 300 IN A 192.0.2.1\n"
       "x0b.example.com. 300 IN A 192.0.2.1\n"
       "X000A.example.com. 300 IN A 192.0.2.1\n"
       "X000B.example.com. 300 IN A 192.0.2.1\n",
       ""},
      {"nibbles: the width counts characters, dots included (BIND and dnspython)",
       "$GENERATE 1-2 ${0,7,n}.ip6 PTR h$.example.\n"
       "$GENERATE 26-26 ${0,3,N} PTR h$.example.\n",
       "1.0.0.0.ip6.example.com. 300 IN PTR h1.example.\n"
       "2.0.0.0.ip6.example.com. 300 IN PTR h2.example.\n"
       "A.1.example.com. 300 IN PTR h26.example.\n",
       ""},
      {"explicit TTL and class, relative rdata, escaped $",
       "$GENERATE 1-2 t$ 60 IN CNAME host$\n"
       "$GENERATE 1-1 lit\\$$ TXT v$\n",
       "t1.example.com. 60 IN CNAME host1.example.com.\n"
       "t2.example.com. 60 IN CNAME host2.example.com.\n"
       "lit\\$1.example.com. 300 IN TXT \"v1\"\n",
       ""},
      {"a quoted rhs takes the iterator too (BIND 9.18: TXT \"v1\")", "$GENERATE 1-1 q$ TXT \"v$\"\n",
       "q1.example.com. 300 IN TXT \"v1\"\n", ""},
      {"an rhs that fails part-way: the whole directive is rejected, as in BIND and dnspython",
       "$GENERATE 250-256 h$ A 192.0.2.$\nafter 60 A 192.0.2.1\n", "after.example.com. 60 IN A 192.0.2.1\n",
       "1:24 r1 bad-ipv4 field=address type=A token=192.0.2.256\n"},
      {"bad ranges and modifiers",
       "$GENERATE 5-1 r$ A 192.0.2.$\n"
       "$GENERATE 1-3/0 z$ A 192.0.2.$\n"
       "$GENERATE 1-3 b${0,2,q} A 192.0.2.$\n"
       "$GENERATE a-b x$ A 192.0.2.$\n"
       "$GENERATE 1-3\n"
       "$GENERATE 1-2 brace${0,3 A 192.0.2.$\n"
       "$GENERATE 1-2 neg${-5} A 192.0.2.1\n"
       "after A 192.0.2.250\n",
       "after.example.com. 300 IN A 192.0.2.250\n",
       "1:11 r1 bad-generate field=range type=$GENERATE token=5-1\n"
       "2:11 r2 bad-generate field=range type=$GENERATE token=1-3/0\n"
       "3:15 r3 bad-generate field=lhs type=$GENERATE token=b${0,2,q}\n"
       "4:11 r4 bad-generate field=range type=$GENERATE token=a-b\n"
       "5:14 r5 bad-generate field=lhs type=$GENERATE token=\n"
       "6:15 r6 bad-generate field=lhs type=$GENERATE token=brace${0,3\n"
       "7:15 r7 bad-generate field=lhs type=$GENERATE token=neg${-5}\n"},
  };
  ParseOptions o = with_origin("example.com.");
  for (const Case& c : cases) {
    std::string text = "$TTL 300\n";
    text += c.input;
    const std::string why = c.why;
    CAPTURE(why);
    Zone zone = parse_zone(text, "zone.txt", o);
    CHECK(dump_records(zone) == c.records);
    // The cases' lines are counted without the $TTL line.
    std::string diags;
    for (Diagnostic d : zone.diagnostics) {
      d.line -= 1;
      d.record_line -= 1;
      diags += dump_diagnostic(d) + "\n";
    }
    CHECK(diags == c.diagnostics);
    for (size_t i = 0; i < zone.size(); ++i)
      if (name_text(zone.record(i).owner.view()) != "after.example.com.")
        CHECK((zone.record(i).flags & kRecordGenerated) != 0);
  }
}

TEST_CASE("parser: $GENERATE count limit") {
  ParseOptions o = with_origin("example.com.");
  o.limits.max_generate = 4;
  Zone zone = parse_zone("$TTL 60\n$GENERATE 1-4 a$ A 192.0.2.$\n$GENERATE 1-5 b$ A 192.0.2.$\n", "zone.txt", o);
  CHECK(zone.size() == 4);
  CHECK(dump_diagnostics(zone) == "3:11 r3 generate-limit field=range type=$GENERATE token=1-5 detail=4\n");
  // Spans of generated records are the $GENERATE line.
  CHECK(dump_spans(zone) == "0 2-2 8+28\n0 2-2 8+28\n0 2-2 8+28\n0 2-2 8+28\n");
}

// ------------------------------------------------------------------ limits

TEST_CASE("parser: limits") {
  SUBCASE("max_records") {
    ParseOptions o = with_origin("example.com.");
    o.limits.max_records = 2;
    Zone zone = parse_zone("a 60 A 192.0.2.1\nb 60 A 192.0.2.2\nc 60 A 192.0.2.3\nd 60 A 192.0.2.4\n", "z", o);
    CHECK(zone.size() == 2);
    CHECK(dump_diagnostics(zone) == "3:1 r3 too-many-records token=c detail=2\n");
    CHECK(zone.rejected_records == 2);
  }
  SUBCASE("max_diagnostics: the rest only counted") {
    ParseOptions o = with_origin("example.com.");
    o.limits.max_diagnostics = 2;
    Zone zone = parse_zone("a 60 A 1\nb 60 A 2\nc 60 A 3\nd 60 A 4\ne 60 A 192.0.2.5\n", "z", o);
    CHECK(zone.size() == 1);
    CHECK(dump_diagnostics(zone) ==
          "1:8 r1 bad-ipv4 field=address type=A token=1\n"
          "2:8 r2 bad-ipv4 field=address type=A token=2\n"
          "3:8 r3 too-many-errors token= detail=2\n");
    CHECK(zone.error_count == 4);
    CHECK(zone.rejected_records == 4);
  }
  SUBCASE("max_input_bytes: the input is refused past the limit") {
    const std::string text = "a 60 A 192.0.2.1\nb 60 A 192.0.2.12\n";
    ParseOptions o = with_origin("example.com.");
    // The limit falls inside the second record, just before its last digit:
    // what is left of it ("192.0.2.1") must not become a record.
    o.limits.max_input_bytes = text.size() - 2;
    Zone zone = parse_zone(text, "z", o);
    CHECK(dump_records(zone) == "a.example.com. 60 IN A 192.0.2.1\n");
    REQUIRE(zone.diagnostics.size() >= 1);
    CHECK(zone.diagnostics[0].code == Code::input_too_large);
    CHECK(zone.diagnostics[0].detail == std::to_string(text.size() - 2));
    // At exactly the limit: all is read.
    o.limits.max_input_bytes = text.size();
    zone = parse_zone(text, "z", o);
    CHECK(zone.size() == 2);
    CHECK(zone.diagnostics.empty());
  }
}

// -------------------------------------------------------- Cloudflare export

namespace {

const char kExport[] =
    ";;\n"
    ";; Domain:     example.com.\n"
    ";; Exported:   2025-03-25 02:20:34\n"
    ";;\n"
    ";; SOA Record\n"
    "example.com\t3600\tIN\tSOA\tns1.cloudflare.com. dns.cloudflare.com. 2049453583 10000 2400 604800 3600\n"
    "\n"
    ";; NS Records\n"
    "example.com.\t86400\tIN\tNS\tns1.cloudflare.com.\n"
    "\n"
    ";; A Records\n"
    "example.com.\t1\tIN\tA\t192.0.2.1 ; cf_tags=cf-proxied:true\n"
    "auth.example.com.\t1\tIN\tA\t192.0.2.2 ; authentication dash cf_tags=cf-proxied:false\n"
    "mail.example.com.\t300\tIN\tA\t192.0.2.3\n"
    "\n"
    ";; CNAME Records\n"
    "www.example.com.\t1\tIN\tCNAME\texample.com. ; cf_tags=cf-proxied:true,cf-flatten-cname\n"
    "\n"
    ";; TXT Records\n"
    "example.com.\t1\tIN\tTXT\t\"v=spf1 -all\"\n";

}  // namespace

TEST_CASE("parser: Cloudflare export") {
  Zone zone = parse_zone(kExport, "export.txt", {});
  CHECK(zone.format == InputFormat::cloudflare_export);
  CHECK(name_text(zone.apex) == "example.com.");
  CHECK(dump_flags(zone) ==
        "example.com. 3600 IN SOA ns1.cloudflare.com. dns.cloudflare.com. 2049453583 10000 2400 604800 3600\n"
        "example.com. 86400 IN NS ns1.cloudflare.com.\n"
        "example.com. 1 IN A 192.0.2.1 ; cf-proxied:true [auto]\n"
        "auth.example.com. 1 IN A 192.0.2.2 ; cf-proxied:false [auto]\n"
        "mail.example.com. 300 IN A 192.0.2.3\n"
        "www.example.com. 1 IN CNAME example.com. ; cf-proxied:true [auto] [flatten]\n"
        "example.com. 1 IN TXT \"v=spf1 -all\" [auto]\n");
  CHECK(dump_diagnostics(zone) == "");

  // The same text read as plain BIND: TTL 1 is one second, the SOA owner is
  // relative to the origin given, and the tags are still read.
  ParseOptions bind = with_origin("example.com.");
  bind.format = InputFormat::bind;
  Zone plain = parse_zone(kExport, "export.txt", bind);
  CHECK(plain.format == InputFormat::bind);
  REQUIRE(plain.size() == 7);
  CHECK(name_text(plain.record(0).owner.view()) == "example.com.example.com.");
  CHECK((plain.record(2).flags & kRecordTtlAuto) == 0);
  CHECK(plain.record(2).proxied == Proxied::yes);

  // An export without the header: cf_tags alone tells the format; the SOA
  // owner is the apex once the origin is known.
  const std::string headless =
      "example.com\t3600\tIN\tSOA\tns1.cloudflare.com. dns.cloudflare.com. 1 10000 2400 604800 3600\n"
      "www.example.com.\t1\tIN\tA\t192.0.2.1 ; cf_tags=cf-proxied:true\n";
  Zone h = parse_zone(headless, "export.txt", with_origin("example.com"));
  CHECK(h.format == InputFormat::cloudflare_export);
  CHECK(dump_flags(h) ==
        "example.com. 3600 IN SOA ns1.cloudflare.com. dns.cloudflare.com. 1 10000 2400 604800 3600\n"
        "www.example.com. 1 IN A 192.0.2.1 ; cf-proxied:true [auto]\n");
}

TEST_CASE("parser: detect_format") {
  struct Case {
    std::string_view head;
    InputFormat format;
  };
  const Case cases[] = {
      {"{\"result\":[]}", InputFormat::cloudflare_json},
      {"  \r\n[ {} ]", InputFormat::cloudflare_json},
      {"\xEF\xBB\xBF{}", InputFormat::cloudflare_json},
      {";;\n;; Domain:     example.com.\n", InputFormat::cloudflare_export},
      {"www 1 IN A 192.0.2.1 ; cf_tags=cf-proxied:true\n", InputFormat::cloudflare_export},
      {"$ORIGIN example.com.\n@ 60 A 192.0.2.1\n", InputFormat::bind},
      {"", InputFormat::bind},
  };
  for (const Case& c : cases) {
    CAPTURE(c.head);
    CHECK(format_name(detect_format(c.head)) == format_name(c.format));
  }
}

// ------------------------------------------------------------ source spans

TEST_CASE("parser: a span covers exactly the record's bytes") {
  const std::string text =
      "\xEF\xBB\xBF"
      "$TTL 60\n"
      "a A 192.0.2.1\n"
      "  A 192.0.2.2 ; owner omitted, comment kept in the span\n"
      "\n"
      "b TXT ( \"one\" ; first line\n"
      "        \"two\" )\n"
      "c A 192.0.2.3\r\n"
      "; comment line\n"
      "d A 192.0.2.4";
  const std::vector<std::string_view> expected = {
      "a A 192.0.2.1",
      "  A 192.0.2.2 ; owner omitted, comment kept in the span",
      "b TXT ( \"one\" ; first line\n        \"two\" )",
      "c A 192.0.2.3",
      "d A 192.0.2.4",
  };
  const uint32_t lines[][2] = {{2, 2}, {3, 3}, {5, 6}, {7, 7}, {9, 9}};
  Zone zone = parse_zone(text, "zone.txt", with_origin("example.com."));
  REQUIRE(zone.size() == expected.size());
  for (size_t i = 0; i < zone.size(); ++i) {
    CAPTURE(i);
    const SourceSpan s = zone.record(i).span;
    CHECK(s.file == 0);
    CHECK(text.substr(size_t(s.begin), s.length) == expected[i]);
    CHECK(s.first_line == lines[i][0]);
    CHECK(s.last_line == lines[i][1]);
  }
}

TEST_CASE("parser: a CR before the end of the input is not part of the span") {
  const std::string text = "a 60 A 192.0.2.1\r\nb 60 A 192.0.2.2\r";
  Zone zone = parse_zone(text, "zone.txt", with_origin("example.com."));
  REQUIRE(zone.size() == 2);
  CHECK(text.substr(size_t(zone.record(0).span.begin), zone.record(0).span.length) == "a 60 A 192.0.2.1");
  CHECK(text.substr(size_t(zone.record(1).span.begin), zone.record(1).span.length) == "b 60 A 192.0.2.2");
}

// ---------------------------------------------------------------- chunking

namespace {

struct Snapshot {
  std::string records;
  std::string flags;
  std::string diagnostics;
  std::string spans;
  std::string apex;
  std::string format;
  size_t rejected = 0;
  size_t errors = 0;
};

Snapshot snapshot(const Zone& zone) {
  return {dump_records(zone),    dump_flags(zone),     dump_diagnostics(zone),
          dump_spans(zone),      name_text(zone.apex), std::string(format_name(zone.format)),
          zone.rejected_records, zone.error_count};
}

Snapshot parse_in_chunks(std::string_view text, size_t chunk, const ParseOptions& options,
                         IncludeResolver includes = {}) {
  Zone zone;
  ZoneParser parser(zone, "zone.txt", options, std::move(includes));
  for (size_t at = 0; at < text.size(); at += chunk) parser.feed(text.substr(at, chunk));
  parser.finish();
  return snapshot(zone);
}

void check_same(const Snapshot& one_shot, const Snapshot& chunked) {
  CHECK(chunked.records == one_shot.records);
  CHECK(chunked.flags == one_shot.flags);
  CHECK(chunked.diagnostics == one_shot.diagnostics);
  CHECK(chunked.spans == one_shot.spans);
  CHECK(chunked.apex == one_shot.apex);
  CHECK(chunked.format == one_shot.format);
  CHECK(chunked.rejected == one_shot.rejected);
  CHECK(chunked.errors == one_shot.errors);
}

const char kChunkText[] =
    "\xEF\xBB\xBF"
    ";; Domain:     example.com.\n"
    "$TTL 300\n"
    "example.com\t3600\tIN\tSOA\tns1.example.com. hostmaster.example.com. (\r\n"
    "\t\t2024010101 ; serial\r\n"
    "\t\t7200 3600 1209600 300 )\r\n"
    "www.example.com.\t1\tIN\tA\t192.0.2.1 ; front end cf_tags=cf-proxied:true,note:\"a, \\\"b\\\"\"\n"
    "txt\tIN\tTXT\t\"say \\\"hi\\\"; (not a comment)\" plain\\032word\r\n"
    "bad\t60\tIN\tA\t192.0.2.256\n"
    "   \t60\tIN\tAAAA\t2001:db8::1 ; owner omitted\n"
    "$ORIGIN sub.example.com.\n"
    "$GENERATE 1-3 h$ A 192.0.2.$\n"
    "mx\tIN\tMX\t10 mail.example.com. ; cf_tags=cf-proxied:maybe\n"
    "stray\tIN\tA\t192.0.2.9 )\n"
    "open\tIN\tTXT\t\"never closed\n"
    "last\tIN\tCAA\t0 issue \"ca.example\"";

}  // namespace

TEST_CASE("parser: chunked feeding gives the one-shot result, whatever the chunk size") {
  const std::string_view text(kChunkText, sizeof kChunkText - 1);
  const ParseOptions options;
  const Snapshot whole = snapshot(parse_zone(text, "zone.txt", options));
  // The text exercises what it should.
  CHECK(whole.format == "cloudflare");
  CHECK(whole.records.find("\"say \\\"hi\\\"; (not a comment)\"") != std::string::npos);
  CHECK(whole.flags.find("www.example.com. 1 IN A 192.0.2.1 ; cf-proxied:true [auto]") != std::string::npos);
  CHECK(whole.diagnostics.find("bad-ipv4") != std::string::npos);
  CHECK(whole.diagnostics.find("bad-cf-tags") != std::string::npos);
  CHECK(whole.diagnostics.find("unbalanced-paren") != std::string::npos);
  CHECK(whole.diagnostics.find("unterminated-quote") != std::string::npos);
  CHECK(whole.spans.find(" 3-5 ") != std::string::npos);  // the SOA's three lines
  CHECK(dump_records(parse_zone(text, "zone.txt", options)) ==
        "example.com. 3600 IN SOA ns1.example.com. hostmaster.example.com. 2024010101 7200 3600 1209600 300\n"
        "www.example.com. 1 IN A 192.0.2.1 ; cf-proxied:true\n"
        "txt.example.com. 300 IN TXT \"say \\\"hi\\\"; (not a comment)\" \"plain word\"\n"
        "bad.example.com. 60 IN AAAA 2001:db8::1\n"
        "h1.sub.example.com. 300 IN A 192.0.2.1\n"
        "h2.sub.example.com. 300 IN A 192.0.2.2\n"
        "h3.sub.example.com. 300 IN A 192.0.2.3\n"
        "mx.sub.example.com. 300 IN MX 10 mail.example.com.\n"
        "last.sub.example.com. 300 IN CAA 0 issue \"ca.example\"\n");

  // Every span starts at a line start and ends at a line end (CR LF or LF
  // excluded), and its line numbers match the line ends it holds.
  {
    Zone zone = parse_zone(text, "zone.txt", options);
    for (size_t i = 0; i < zone.size(); ++i) {
      const SourceSpan sp = zone.record(i).span;
      CAPTURE(i);
      const size_t begin = size_t(sp.begin), end = begin + sp.length;
      REQUIRE(end <= text.size());
      CHECK((begin == 3 || text[begin - 1] == '\n'));  // 3: after the BOM
      CHECK((end == text.size() || text[end] == '\n' || text.substr(end, 2) == "\r\n"));
      const std::string_view bytes = text.substr(begin, sp.length);
      CHECK(sp.last_line - sp.first_line == size_t(std::count(bytes.begin(), bytes.end(), '\n')));
      CHECK(sp.first_line == 1 + size_t(std::count(text.begin(), text.begin() + long(begin), '\n')));
    }
  }

  std::vector<size_t> sizes;
  for (size_t n = 1; n <= 64; ++n) sizes.push_back(n);
  for (size_t n : {97, 128, 255, 256, 511, 1000, 4095, 4096, 4097}) sizes.push_back(n);
  sizes.push_back(text.size());
  for (size_t n : sizes) {
    CAPTURE(n);
    check_same(whole, parse_in_chunks(text, n, options));
  }
}

TEST_CASE("parser: chunked feeding of a zone larger than the format-detection window") {
  // 6000 bytes of header comments, then the first cf_tags: the one-shot parse
  // sees it within detect_format's 8192-byte window; a chunked parse must
  // decide the same way.
  std::string text;
  while (text.size() < 6000) text += ";; padding padding padding padding padding padding padding padding\n";
  text += "www.example.com.\t1\tIN\tA\t192.0.2.1 ; cf_tags=cf-proxied:true\n";
  for (int i = 0; i < 50; ++i) text += "h" + std::to_string(i) + ".example.com.\t1\tIN\tA\t192.0.2.1\n";
  const ParseOptions options = with_origin("example.com.");
  const Snapshot whole = snapshot(parse_zone(text, "zone.txt", options));
  CHECK(whole.format == "cloudflare");
  for (size_t n : {1, 7, 64, 1000, 4096, 5000}) {
    CAPTURE(n);
    check_same(whole, parse_in_chunks(text, n, options));
  }
}

TEST_CASE("parser: chunked feeding with includes and errors over 4096 bytes") {
  // Big enough that the parser starts before finish(); records end on every
  // possible chunk boundary.
  std::string text = "$ORIGIN example.com.\n$TTL 60\n";
  for (int i = 0; i < 120; ++i) {
    text +=
        "n" + std::to_string(i) + " IN TXT ( \"part one\"\r\n    \"part \\\"two\\\"\" ) ; c" + std::to_string(i) + "\n";
    if (i % 17 == 0) text += "bad" + std::to_string(i) + " A 10..0.1\n";
    if (i % 29 == 0) text += "$INCLUDE inc.zone\n";
  }
  IncludeResolver resolver = [](std::string_view path) -> std::optional<std::string> {
    if (path == "inc.zone") return std::string("inc 60 A 192.0.2.1\ninc 60 A 1.2.3\n");
    return std::nullopt;
  };
  const ParseOptions options;
  Zone one;
  {
    ZoneParser parser(one, "zone.txt", options, resolver);
    parser.feed(text);
    parser.finish();
  }
  const Snapshot whole = snapshot(one);
  CHECK(one.size() == 120 + 5);
  CHECK(one.files.size() == 1 + 5);
  for (size_t n : {1, 2, 3, 5, 13, 64, 100, 4095, 4096, 4097}) {
    CAPTURE(n);
    check_same(whole, parse_in_chunks(text, n, options, resolver));
  }
}

TEST_CASE("parser: max_input_bytes gives the same result in chunks") {
  const std::string text = "a 60 A 192.0.2.1\nb 60 A 192.0.2.2\nc 60 A 192.0.2.3\n";
  ParseOptions o = with_origin("example.com.");
  o.limits.max_input_bytes = 20;
  const Snapshot whole = snapshot(parse_zone(text, "z", o));
  for (size_t n : {1, 5, 17, 20, 21}) {
    CAPTURE(n);
    check_same(whole, parse_in_chunks(text, n, o));
  }
}

TEST_CASE("parser: max_entry_bytes, at its edge and past it, the same in chunks") {
  ParseOptions o = with_origin("example.com.");
  o.limits.max_entry_bytes = 64;
  // Line 2: a record of exactly 64 bytes (read); line 3: of 65 (cut); line 4:
  // a comment line of 200 bytes (cut); line 5-7: a record in parentheses
  // that passes the limit on its second line (cut there; the parse resumes
  // on the third line, whose stray ")" is then an error of its own); then a
  // last good record.
  const std::string at_limit = "a 60 TXT \"" + std::string(64 - 11, 'x') + "\"";
  const std::string over = "b 60 TXT \"" + std::string(65 - 11, 'y') + "\"";
  REQUIRE(at_limit.size() == 64);
  REQUIRE(over.size() == 65);
  const std::string text = "first 60 A 192.0.2.1\n" + at_limit + "\n" + over + "\n;" + std::string(199, 'c') +
                           "\nc 60 TXT ( \"one\"\n \"" + std::string(70, 'z') + "\"\n )\nlast 60 A 192.0.2.9\n";
  const Zone zone = parse_zone(text, "z", o);
  CHECK(dump_records(zone) ==
        "first.example.com. 60 IN A 192.0.2.1\n"
        "a.example.com. 60 IN TXT \"" +
            std::string(53, 'x') +
            "\"\n"
            "last.example.com. 60 IN A 192.0.2.9\n");
  const std::string diags = dump_diagnostics(zone);
  CHECK(diags.find("3:1 r3 entry-too-long token=" + over.substr(0, 65)) != std::string::npos);
  CHECK(diags.find("4:1 r4 entry-too-long") != std::string::npos);
  CHECK(diags.find("5:1 r5 entry-too-long") != std::string::npos);
  CHECK(diags.find("detail=64") != std::string::npos);
  CHECK(diags.find("7:2 r7 unbalanced-paren") != std::string::npos);
  CHECK(zone.diagnostics.size() == 4);

  const Snapshot whole = snapshot(zone);
  for (size_t n : {1, 2, 3, 7, 16, 63, 64, 65, 66, 67, 100, 1000}) {
    CAPTURE(n);
    check_same(whole, parse_in_chunks(text, n, o));
  }
}

TEST_CASE("parser: a 1 MB single line is read; past the default limit a line is cut, and memory stays bounded") {
  // 1,000,000 bytes of comment on one line, then a record: under 1 MiB.
  const std::string million = ";" + std::string(999'999, 'c');
  std::string text = million + "\nok 60 A 192.0.2.1\n";
  const ParseOptions o = with_origin("example.com.");
  Zone zone = parse_zone(text, "z", o);
  CHECK(zone.size() == 1);
  CHECK(zone.diagnostics.empty());
  // 3 MiB on one line without an end, fed in 64 KiB chunks: cut at 1 MiB,
  // and the rest of the line is skipped as it streams by, not held.
  Zone streamed;
  {
    ZoneParser p(streamed, "z", o);
    const std::string chunk(1 << 16, 'q');
    for (int i = 0; i < 48; ++i) p.feed(chunk);
    p.feed("\nok 60 A 192.0.2.2\n");
    p.finish();
  }
  CHECK(dump_records(streamed) == "ok.example.com. 60 IN A 192.0.2.2\n");
  REQUIRE(streamed.diagnostics.size() == 1);
  CHECK(streamed.diagnostics[0].code == Code::entry_too_long);
  CHECK(streamed.diagnostics[0].detail == std::to_string(size_t(1) << 20));
  CHECK(streamed.record(0).span.first_line == 2);
}

TEST_CASE("parser: max_entry_bytes also bounds the skip after an error, the same in chunks") {
  // The fuzzer's case: an unterminated quote inside parentheses; the skip to
  // the entry's end passes the limit, so the entry is cut there like any
  // other, whatever the chunks (found by tests/fuzz fuzz_zone).
  ParseOptions o = with_origin("example.com.");
  o.limits.max_entry_bytes = 64;
  const std::string text =
      "bad 60 TXT ( \"open\n  \"" + std::string(70, 'a') + "\"\n )\nshort 60 TXT ( \"x\n )\nlast 60 A 192.0.2.9\n";
  const Zone zone = parse_zone(text, "z", o);
  const std::string diags = dump_diagnostics(zone);
  CHECK(diags.find("1:1 r1 entry-too-long") != std::string::npos);
  CHECK(diags.find("4:16 r4 unterminated-quote") != std::string::npos);  // a short one keeps its own error
  CHECK(dump_records(zone) == "last.example.com. 60 IN A 192.0.2.9\n");
  const Snapshot whole = snapshot(zone);
  for (size_t n = 1; n <= 80; ++n) {
    CAPTURE(n);
    check_same(whole, parse_in_chunks(text, n, o));
  }
}

// The fast paths (zone/fast_paths.h, parse_ipv6's hex groups, parse_name_to's
// plain names, the lexer's scanners) against the general paths on every
// record of tests/corpus: the comparison tests/fuzz/fuzz_fastpath.cpp makes
// on any bytes.
TEST_CASE("parser: the fast paths give what the general paths give, or decline, on every corpus record") {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  for (const fs::path dir :
       {fs::path(MXRAY_SOURCE_DIR) / "tests/corpus", fs::path(MXRAY_SOURCE_DIR) / "tests/corpus/include"})
    for (const auto& f : fs::directory_iterator(dir))
      if (f.path().extension() == ".zone") files.push_back(f.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 20);
  WireName origin;
  REQUIRE(parse_name("corpus.test.", {}, origin) == NameError::none);
  const auto buffer = std::make_unique<char[]>(kFastRdataBufferSize);
  size_t records = 0, taken = 0;
  for (const fs::path& path : files) {
    CAPTURE(path.filename().string());
    std::ifstream in(path, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (size_t at = 0; at < text.size(); ++at) {
      const char* d = text.data();
      const char* difference = fastpath::check_scanners(d + at, d + std::min(text.size(), at + 64));
      if (!difference) difference = fastpath::check_scanners(d + at, d + std::min(text.size(), at + 63));
      CAPTURE(at);
      REQUIRE(difference == nullptr);
    }
    lexer::Source source;
    source.data = text.data();
    source.size = text.size();
    source.final = true;
    source.max_entry = ParseLimits{}.max_entry_bytes;
    lexer::Entry entry;
    for (;;) {
      lexer::LexError error;
      const lexer::Lex r = lexer::Lexer::next(source, entry, error);
      if (r == lexer::Lex::done || r == lexer::Lex::need_more) break;
      if (r == lexer::Lex::error) continue;
      const auto& tokens = entry.tokens;
      if (!entry.blank_start && tokens[0].text.starts_with('$')) continue;  // a directive
      CAPTURE(entry.first_line);
      for (const TextToken& t : tokens) {
        CAPTURE(t.text);
        const char* difference = fastpath::check_token(t, origin.view());
        CHECK_MESSAGE(difference == nullptr, (difference ? difference : ""));
      }
      // The record's type is the first token, at most the fourth, that
      // reads as one ([owner] [ttl] [class] type); its RDATA follows.
      for (size_t i = 0; i < tokens.size() && i < 4; ++i) {
        const auto type = tokens[i].quoted ? std::nullopt : parse_type_name(tokens[i].text);
        if (!type) continue;
        const std::span<const TextToken> rd = std::span(tokens).subspan(i + 1);
        bool took = false;
        const char* difference = fastpath::check_rdata(*type, rd, origin.view(), buffer.get(), took);
        CAPTURE(type_name(*type));
        CHECK_MESSAGE(difference == nullptr, (difference ? difference : ""));
        ++records;
        taken += took;
        break;
      }
    }
  }
  // The corpus has records of every type the fast path takes, and others.
  CHECK(records > 300);
  CHECK(taken > 150);
  CHECK(taken < records);
  MESSAGE("records: " << records << ", taken by the fast path: " << taken);
}

TEST_CASE("parser: the fast TTL reader refuses an empty token, as parse_period does") {
  // Found by the fast-path comparison (above, and tests/fuzz/fuzz_fastpath):
  // ttl_value("") took the empty token as 0. The record parser only asks it
  // about tokens that start with a digit, so no zone read differently.
  uint32_t value = 7;
  CHECK(parse_period("", value) == NumberStatus::bad);
  CHECK_FALSE(ttl_value("", value));
  CHECK(value == 7);
  CHECK(ttl_value("0", value));
  CHECK(value == 0);
  CHECK(ttl_value("999999999", value));
  CHECK(value == 999999999);
  CHECK(ttl_value("1h", value));
  CHECK(value == 3600);
  CHECK(fastpath::check_token(TextToken{"", 1, 1, true}, {}) == nullptr);
}
