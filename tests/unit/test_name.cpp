// Domain names: presentation text <-> wire form, limits, escapes, and the
// comparisons (RFC 1035 §2.3.4, §3.1, §5.1; RFC 4343 for case).
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "dns/name.h"
#include "hex.h"

using namespace mxray;

namespace {

using test::from_hex;
using test::to_hex;

// Wire form of an absolute name written in text; fails the test otherwise.
std::string wire(std::string_view text) {
  WireName n;
  REQUIRE(parse_name(text, {}, n) == NameError::none);
  return std::string(n.view());
}

std::string_view error_name(NameError e) {
  switch (e) {
    case NameError::none: return "none";
    case NameError::bad_name: return "bad_name";
    case NameError::bad_escape: return "bad_escape";
    case NameError::label_too_long: return "label_too_long";
    case NameError::name_too_long: return "name_too_long";
    case NameError::missing_origin: return "missing_origin";
  }
  return "?";
}

std::string repeat(std::string_view s, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

const std::string kL63(63, 'a');
const std::string kL64(64, 'a');

struct ParseCase {
  std::string text;
  std::string_view origin;  // text, absolute; empty: none
  NameError error;
  std::string hex;  // expected wire when error == none
};

const ParseCase kParse[] = {
    {"example.com.", "", NameError::none, "076578616D706C6503636F6D00"},
    {"www", "example.com.", NameError::none, "03777777076578616D706C6503636F6D00"},
    {"a.b", "example.com.", NameError::none, "01610162076578616D706C6503636F6D00"},
    {"www.example.com.", "example.org.", NameError::none, "03777777076578616D706C6503636F6D00"},  // absolute
    {"@", "example.com.", NameError::none, "076578616D706C6503636F6D00"},
    {".", "", NameError::none, "00"},
    {".", "example.com.", NameError::none, "00"},                         // the root, not the origin
    {"a", ".", NameError::none, "016100"},                                // origin is the root
    {"WwW.Example.", "", NameError::none, "03577757074578616D706C6500"},  // case kept
    {"*.example.", "", NameError::none, "012A076578616D706C6500"},        // wildcard label
    {"_dmarc.example.", "", NameError::none, "065F646D617263076578616D706C6500"},
    {"a\\.b.", "", NameError::none, "03612E6200"},    // \. is a dot inside a label
    {"\\065.", "", NameError::none, "014100"},        // \DDD
    {"a\\000b.", "", NameError::none, "0361006200"},  // octet 0
    {"\\255.", "", NameError::none, "01FF00"},
    {"\\@.", "", NameError::none, "014000"},        // escaped @
    {"@.", "", NameError::none, "014000"},          // "@" only alone means the origin
    {"a\\ b.", "", NameError::none, "0361206200"},  // escaped blank
    {"\\\\.", "", NameError::none, "015C00"},       // escaped backslash
    {"\\0651.", "", NameError::none, "02413100"},   // \065 then a plain 1
    // ---- limits: exactly at the limit passes, one more fails
    {kL63 + ".", "", NameError::none, "3F" + repeat("61", 63) + "00"},
    {kL64 + ".", "", NameError::label_too_long, ""},                                         // 64-octet label
    {repeat("\\097", 64) + ".", "", NameError::label_too_long, ""},                          // 64 octets by escapes
    {kL64, "example.", NameError::label_too_long, ""},                                       // relative too
    {repeat(kL63 + ".", 3) + std::string(61, 'b') + ".", "", NameError::none, ""},           // 255 octets
    {repeat(kL63 + ".", 3) + std::string(62, 'b') + ".", "", NameError::name_too_long, ""},  // 256
    {repeat(kL63 + ".", 4), "", NameError::name_too_long, ""},                               // 257
    {repeat("a.", 127) + ".", "", NameError::bad_name, ""},  // ".." at the end: empty label
    {repeat("a.", 127), "", NameError::none, ""},            // 127 labels: 255 octets
    {repeat("a.", 128), "", NameError::name_too_long, ""},   // 128 labels: 257 octets
    // ---- malformed
    {"", "", NameError::bad_name, ""},                // empty
    {"", "example.com.", NameError::bad_name, ""},    // empty even with an origin
    {"a..b.", "", NameError::bad_name, ""},           // empty label
    {".a.", "", NameError::bad_name, ""},             // leading empty label
    {"..", "", NameError::bad_name, ""},              // two empty labels
    {"a..", "example.", NameError::bad_name, ""},     // empty label before the end
    {"\\256.", "", NameError::bad_escape, ""},        // \DDD above 255
    {"\\1.", "", NameError::bad_escape, ""},          // one digit
    {"\\12.", "", NameError::bad_escape, ""},         // two digits
    {"\\12", "example.", NameError::bad_escape, ""},  // two digits at the end
    {"a\\", "example.", NameError::bad_escape, ""},   // escape at the end
    // ---- no origin
    {"www", "", NameError::missing_origin, ""},
    {"@", "", NameError::missing_origin, ""},
};

}  // namespace

TEST_CASE("name: parse_name") {
  for (const ParseCase& c : kParse) {
    CAPTURE(c.text);
    CAPTURE(c.origin);
    const std::string origin = c.origin.empty() ? std::string() : wire(c.origin);
    WireName n;
    NameError e = parse_name(c.text, origin, n);
    CHECK(error_name(e) == error_name(c.error));
    if (c.error != NameError::none) continue;
    CHECK(n.length <= kMaxNameLength);
    CHECK(wire_name_size(n.view()) == n.length);
    if (!c.hex.empty()) CHECK(to_hex(n.view()) == c.hex);
  }
}

TEST_CASE("name: a relative name plus its origin, at the 255-octet limit") {
  // origin: three 63-octet labels and the root = 193 octets.
  const std::string origin = wire(repeat(kL63 + ".", 3));
  REQUIRE(origin.size() == 193);
  WireName n;
  // 1 + 61 + 193 = 255
  CHECK(parse_name(std::string(61, 'c'), origin, n) == NameError::none);
  CHECK(n.length == 255);
  // 1 + 62 + 193 = 256
  CHECK(parse_name(std::string(62, 'c'), origin, n) == NameError::name_too_long);
  // "@" is the origin itself
  CHECK(parse_name("@", origin, n) == NameError::none);
  CHECK(n.view() == origin);
}

TEST_CASE("name: append_name_text escapes like dnspython") {
  struct Case {
    std::string_view hex;
    std::string_view text;
  };
  const Case cases[] = {
      {"00", "."},
      {"", "."},  // empty wire prints as the root
      {"076578616D706C6503636F6D00", "example.com."},
      {"03577757074578616D706C6500", "WwW.Example."},  // case kept
      {"012A0161012D015F00", "*.a.-._."},              // plain
      {"0122012801290109012E013B015C0140012400", "\\\".\\(.\\).\\009.\\..\\;.\\\\.\\@.\\$."},
      {"012000", "\\032."},                             // blank
      {"0100017F0280FF00", "\\000.\\127.\\128\\255."},  // 0x80 and 0xFF in one label
      {"01410161017A015A0130013900", "A.a.z.Z.0.9."},
  };
  for (const Case& c : cases) {
    CAPTURE(c.hex);
    const std::string w = from_hex(c.hex);
    std::string out = "x";  // appends, keeps what was there
    append_name_text(out, w);
    CHECK(out == "x" + std::string(c.text));
    CHECK(name_text(w) == c.text);
    if (w.empty()) continue;
    // Round trip: the text parses back to the same wire.
    WireName n;
    REQUIRE(parse_name(c.text, {}, n) == NameError::none);
    CHECK(to_hex(n.view()) == c.hex);
  }
}

TEST_CASE("name: every octet survives text and back") {
  for (int octet = 0; octet < 256; ++octet) {
    CAPTURE(octet);
    std::string w = "\x01";
    w.push_back(char(octet));
    w.push_back('\0');
    const std::string text = name_text(w);
    WireName n;
    REQUIRE(parse_name(text, {}, n) == NameError::none);
    CHECK(n.view() == w);
    // Printable except the specials print as themselves.
    const bool special = std::string_view("\"().;\\@$").find(char(octet)) != std::string_view::npos;
    if (octet > 0x20 && octet < 0x7f && !special) CHECK(text == std::string(1, char(octet)) + ".");
  }
}

TEST_CASE("name: names_equal ignores ASCII case only") {
  struct Case {
    std::string_view a;
    std::string_view b;
    bool equal;
  };
  const Case cases[] = {
      {"example.com.", "example.com.", true},
      {"Example.COM.", "eXample.com.", true},  // RFC 4343
      {".", ".", true},
      {"example.com.", "example.org.", false},
      {"a.example.", "example.", false},  // different lengths
      {"ab.c.", "a.bc.", false},          // same letters, other labels
      {"\\193.", "\\225.", false},        // Á/á in Latin-1: not ASCII, not folded
      {"\\091.", "\\123.", false},        // [ and { differ by 0x20 but are not letters
      {"\\064.", "\\096.", false},        // @ and `
  };
  for (const Case& c : cases) {
    CAPTURE(c.a);
    CAPTURE(c.b);
    CHECK(names_equal(wire(c.a), wire(c.b)) == c.equal);
    CHECK(names_equal(wire(c.b), wire(c.a)) == c.equal);
  }
}

TEST_CASE("name: name_is_under and label_count") {
  struct Under {
    std::string_view name;
    std::string_view zone;
    bool under;
  };
  const Under cases[] = {
      {"www.example.com.", "example.com.", true},
      {"example.com.", "example.com.", true},  // the apex itself
      {"a.b.c.example.com.", "example.com.", true},
      {"WWW.EXAMPLE.com.", "example.COM.", true},   // case-insensitive
      {"example.com.", "www.example.com.", false},  // above, not under
      {"notexample.com.", "example.com.", false},   // suffix but not on a label boundary
      {"xexample.com.", "example.com.", false},
      {"www.example.org.", "example.com.", false},
      {"example.com.", ".", true},  // everything is under the root
      {".", ".", true},
      {".", "com.", false},
      {"a\\.example.com.", "example.com.", false},  // "a.example" is one label: no boundary
      {"a\\.example.com.", "com.", true},
      {"a\\.example.com.", "\\.example.com.", false},
  };
  for (const Under& c : cases) {
    CAPTURE(c.name);
    CAPTURE(c.zone);
    CHECK(name_is_under(wire(c.name), wire(c.zone)) == c.under);
  }

  struct Count {
    std::string_view name;
    unsigned labels;
  };
  const Count counts[] = {
      {".", 0}, {"com.", 1}, {"www.example.com.", 3}, {"a\\.b.c.", 2}, {"*.example.", 2},
  };
  for (const Count& c : counts) {
    CAPTURE(c.name);
    CHECK(label_count(wire(c.name)) == c.labels);
  }
  CHECK(label_count("") == 0);
}

TEST_CASE("name: wire_name_size on well-formed and malformed wire") {
  struct Case {
    std::string hex;
    size_t size;
    std::string_view why;
  };
  const std::string l63 = "3F" + repeat("61", 63);
  const Case cases[] = {
      {"00", 1, "the root"},
      {"03777777076578616D706C6500", 13, "www.example."},
      {"016100FFFF", 3, "bytes after the name are not part of it"},
      {"", 0, "no bytes at all"},
      {"03616263", 0, "no root label: runs to the end"},
      {"0361", 0, "label runs past the end"},
      {"05616263", 0, "label length past the end"},
      {"40" + repeat("61", 64) + "00", 0, "64-octet label"},
      {"C00C", 0, "compression pointer"},
      {"8000", 0, "label type 10 (reserved)"},
      {repeat(l63, 3) + "3D" + repeat("62", 61) + "00", 255, "255 octets"},
      {repeat(l63, 3) + "3E" + repeat("62", 62) + "00", 0, "256 octets"},
      {repeat("0161", 127) + "00", 255, "127 labels, 255 octets"},
      {repeat("0161", 128) + "00", 0, "128 labels, 257 octets"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.why);
    CHECK(wire_name_size(from_hex(c.hex)) == c.size);
  }
}
