// Cloudflare's record attributes in an export's trailing comment, every form
// of cloudflare-docs dns/manage-dns-records/how-to/import-and-export.mdx
// (docs/sources.md#cloudflare-cf-tags). The comment is given as the
// lexer hands it over: the text after ';'.
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "zone/cf_tags.h"
#include "zone/parser.h"
#include "zone/zone_text.h"

using namespace mxray;

namespace {

struct Case {
  std::string_view comment;
  CfTagsStatus status;
  Proxied proxied;  // when ok
  bool flatten;     // when ok
};

std::string_view status_name(CfTagsStatus s) {
  switch (s) {
    case CfTagsStatus::none: return "none";
    case CfTagsStatus::ok: return "ok";
    case CfTagsStatus::malformed: return "malformed";
  }
  return "?";
}

std::string_view proxied_name(Proxied p) {
  switch (p) {
    case Proxied::unknown: return "unknown";
    case Proxied::no: return "no";
    case Proxied::yes: return "yes";
  }
  return "?";
}

constexpr auto ok = CfTagsStatus::ok;
constexpr auto none = CfTagsStatus::none;
constexpr auto bad = CfTagsStatus::malformed;
constexpr auto yes = Proxied::yes;
constexpr auto no = Proxied::no;
constexpr auto unk = Proxied::unknown;

const Case kCases[] = {
    // ---- no tags
    {"", none, unk, false},
    {" just a comment", none, unk, false},
    {" authentication dash", none, unk, false},
    {" xcf_tags=cf-proxied:true", none, unk, false},  // not after a blank: part of a word
    {" cf_tags", none, unk, false},                   // no '='
    // ---- tags only (the export's own form)
    {" cf_tags=cf-proxied:true", ok, yes, false},
    {" cf_tags=cf-proxied:false", ok, no, false},
    {"cf_tags=cf-proxied:true", ok, yes, false},       // at the very start of the comment
    {"\tcf_tags=cf-proxied:true", ok, yes, false},     // a tab before
    {" cf_tags=cf-proxied:true  \t", ok, yes, false},  // blanks after
    {" cf_tags=", ok, unk, false},                     // empty tag list
    // ---- comment, then tags
    {" authentication dash cf_tags=cf-proxied:true", ok, yes, false},
    {" simple example cf_tags=important,ticket:THIS-12345", ok, unk, false},
    // ---- the docs' full example: tag without value, name:value, quoted values
    {R"(   cf_tags=tag1,tag2:value2,tag3:"value,with,commas",tag4:"value with \"escaped\" quotation marks")", ok, unk,
     false},
    {R"( cf_tags=tag3:"value,with,commas",cf-proxied:true)", ok, yes, false},  // tag after a quoted comma
    {R"( cf_tags=tag4:"a \"b\", c",cf-proxied:false)", ok, no, false},         // escaped quote, then a comma
    {R"( cf_tags=tag:"back\\slash",cf-proxied:true)", ok, yes, false},         // escaped backslash
    {R"( cf_tags=tag:"a=b;c",cf-proxied:true)", ok, yes, false},               // = and ; inside quotes
    {R"( cf_tags=tag:"\n\t\u00e9",cf-proxied:true)", ok, yes, false},          // JSON escapes
    {" cf_tags=tag-without-value,cf-proxied:true", ok, yes, false},
    // ---- empty values: name:"", name:, name
    {" cf_tags=name:", ok, unk, false},
    {R"( cf_tags=name:"")", ok, unk, false},
    {" cf_tags=name", ok, unk, false},
    {R"( cf_tags=a:,b:"",c,cf-proxied:true)", ok, yes, false},
    // ---- a comment that itself contains cf_tags=, closed by a trailing " cf_tags="
    {" see cf_tags=cf-proxied:true in the docs cf_tags=", ok, unk, false},  // the real tags are empty
    {" see cf_tags=foo cf_tags=cf-proxied:false", ok, no, false},           // the last one holds the tags
    {" a=cf_tags=b cf_tags=cf-proxied:true", ok, yes, false},
    // ---- reserved tags
    {" cf_tags=cf-flatten-cname", ok, unk, true},
    {" cf_tags=cf-flatten-cname,cf-proxied:false", ok, no, true},
    {" cf_tags=cf-proxied:true,cf-flatten-cname", ok, yes, true},
    {R"( cf_tags=cf-proxied:"true")", ok, yes, false},  // a quoted value is a JSON string
    // ---- malformed
    {R"( cf_tags=tag:"unterminated)", bad, unk, false},  // quote never closed
    {R"( cf_tags=tag:"ends in \")", bad, unk, false},    // the closing quote is escaped
    {R"( cf_tags=tag:"a\)", bad, unk, false},            // backslash at the end
    {" cf_tags=cf-proxied:maybe", bad, unk, false},      // neither true nor false
    {" cf_tags=cf-proxied", bad, unk, false},            // cf-proxied needs a value
    {" cf_tags=cf-proxied:", bad, unk, false},           // empty is not a boolean
    {R"( cf_tags=tag:"a"b)", bad, unk, false},           // text after the closing quote
    {" cf_tags=tag:a=b", bad, unk, false},               // '=' needs quotes
    {R"( cf_tags=tag:a"b)", bad, unk, false},            // '"' needs quotes
    {R"( cf_tags=tag:a\b)", bad, unk, false},            // '\' needs quotes
    {" cf_tags=,tag", bad, unk, false},                  // empty tag name
    {" cf_tags=a,,b", bad, unk, false},                  // empty tag name in the middle
    {" cf_tags=two words", bad, unk, false},             // blank inside a name
    {R"( cf_tags="quoted-name":x)", bad, unk, false},    // names are not quoted
};

}  // namespace

TEST_CASE("cf_tags: every documented form") {
  for (const Case& c : kCases) {
    CAPTURE(c.comment);
    CfTags tags;
    const CfTagsStatus st = parse_cf_tags(c.comment, tags);
    CHECK(status_name(st) == status_name(c.status));
    if (st == CfTagsStatus::ok && c.status == CfTagsStatus::ok) {
      CHECK(proxied_name(tags.proxied) == proxied_name(c.proxied));
      CHECK(tags.flatten_cname == c.flatten);
    }
    if (st == CfTagsStatus::none) {
      CHECK(tags.proxied == Proxied::unknown);
      CHECK_FALSE(tags.flatten_cname);
    }
  }
}

TEST_CASE("cf_tags: in an export, tags reach the record; malformed ones become a warning") {
  const std::string text =
      ";; Domain:     example.com.\n"
      "a.example.com.\t1\tIN\tA\t192.0.2.1 ; cf_tags=cf-proxied:true\n"
      "b.example.com.\t1\tIN\tA\t192.0.2.2 ; note cf_tags=cf-proxied:false\n"
      "c.example.com.\t1\tIN\tCNAME\texample.com. ; cf_tags=cf-flatten-cname\n"
      "d.example.com.\t1\tIN\tA\t192.0.2.4 ; cf_tags=cf-proxied:maybe\n"
      "e.example.com.\t1\tIN\tA\t192.0.2.5 ; plain comment\n";
  Zone zone = parse_zone(text, "export.txt", {});
  CHECK(zone.format == InputFormat::cloudflare_export);
  REQUIRE(zone.size() == 5);
  CHECK(zone.record(0).proxied == Proxied::yes);
  CHECK(zone.record(1).proxied == Proxied::no);
  CHECK(zone.record(2).proxied == Proxied::unknown);
  CHECK((zone.record(2).flags & kRecordFlatten) != 0);
  CHECK((zone.record(0).flags & kRecordFlatten) == 0);
  CHECK(zone.record(3).proxied == Proxied::unknown);  // malformed tags are not trusted
  CHECK(zone.record(4).proxied == Proxied::unknown);
  REQUIRE(zone.diagnostics.size() == 1);
  const Diagnostic& d = zone.diagnostics[0];
  CHECK(d.code == Code::bad_cf_tags);
  CHECK(d.severity == Severity::warning);
  CHECK(d.line == 5);
  CHECK(d.record_line == 5);
  CHECK(d.column == 33);  // the ;, tabs counted as one column
  CHECK(d.token == " cf_tags=cf-proxied:maybe");
  CHECK(d.type == "A");
  CHECK(zone.error_count == 0);  // a warning, the record is kept
}
