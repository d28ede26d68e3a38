// What a picked file is, before it is parsed: each kind a person really
// picks by mistake, from its first bytes, and the zones that must stay zones.
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "zone/input_kind.h"

using namespace mxray;

namespace {

struct Case {
  std::string_view why;
  std::string bytes;
  bool whole;
  InputKind kind;
};

std::string utf16(std::string_view ascii, bool big_endian, bool bom) {
  std::string out;
  if (bom) out += big_endian ? "\xFE\xFF" : "\xFF\xFE";
  for (char c : ascii) {
    if (big_endian) out.push_back('\0');
    out.push_back(c);
    if (!big_endian) out.push_back('\0');
  }
  return out;
}

const std::string kZone =
    "$ORIGIN club.example.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 3600\nmail IN CNAME @\n";

}  // namespace

TEST_CASE("classify_input tells zones from what people pick by mistake") {
  const Case cases[] = {
      {"a BIND zone", kZone, true, InputKind::text},
      {"a Cloudflare export",
       ";;\n;; Domain:     club.example.\n;;\nmail 1 IN A 192.0.2.1 ; cf_tags=cf-proxied:false\n", true,
       InputKind::text},
      {"Cloudflare API JSON", "{\"result\": [], \"success\": true}", true, InputKind::text},
      {"a UTF-8 byte order mark before a zone", "\xEF\xBB\xBF" + kZone, true, InputKind::text},
      {"a file of comments only", "; nothing here\n", true, InputKind::comments_only},
      {"comments and blank lines after a byte order mark", "\xEF\xBB\xBF;; Domain: club.example.\r\n\r\n  ; none\n",
       true, InputKind::comments_only},
      {"a head of comments is not the whole file", ";; Domain: club.example.\n;; A Records\n", false, InputKind::text},
      {"a comment then a directive is a zone", "; header\n$TTL 3600\n", true, InputKind::text},
      {"a comment then a record is a zone", "; header\nmail 1 IN A 192.0.2.1\n", true, InputKind::text},
      {"a package.json", "{\n  \"name\": \"mxray\",\n  \"type\": \"module\",\n  \"scripts\": {\"test\": \"x\"}\n}\n",
       true, InputKind::json_other},
      {"a tsconfig", "{\"compilerOptions\": {\"strict\": true, \"paths\": {\"a\": [\"b}\"]}}}", true,
       InputKind::json_other},
      {"an empty object", "{}", true, InputKind::json_other},
      {"another API's answer, an array of objects", "[{\"id\": 1, \"login\": \"octocat\"}]", true,
       InputKind::json_other},
      {"an array of strings", "[\"a\", \"b\"]", true, InputKind::json_other},
      {"an API answer with sorted keys", "{\"errors\": [], \"messages\": [], \"result\": []}", true, InputKind::text},
      {"an API page: result_info first", "{\"result_info\": {\"page\": 1}, \"result\": [{}]}", true, InputKind::text},
      {"a failed API answer", "{\"success\": false, \"errors\": [{\"code\": 10000}]}", true, InputKind::text},
      {"a bare record, id first",
       "{\"id\": \"x\", \"name\": \"mail.club.example\", \"type\": \"A\", \"content\": \"192.0.2.1\"}", true,
       InputKind::text},
      {"bare records", "[{\"type\": \"SRV\", \"name\": \"_sip._tcp\", \"data\": {\"port\": 5060}}]", true,
       InputKind::text},
      {"pages of one listing", "[{\"result\": []}\n,{\"result\": []}\n]", true, InputKind::text},
      {"Terraform show -json: the shell's reader takes it", "{\"format_version\": \"1.0\", \"values\": {}}", true,
       InputKind::text},
      {"an empty array: the importer says it holds no record", "[]", true, InputKind::text},
      {"JSON cut off by the head: cannot tell", "{\"name\": \"x\", \"dependencies\": {\"a\": \"1\"", false,
       InputKind::text},
      {"mismatched brackets: the importer names the line and column", "{\"a\": [}, \"b\": 1}", true, InputKind::text},
      {"invalid JSON: the importer names its line and column", "{\"name\" \"x\"}", true, InputKind::text},
      {"a brace in a string does not end the object", "{\"a\": \"}\\\"}\", \"type\": \"A\", \"content\": \"x\"}", true,
       InputKind::text},
      {"an empty file", "", true, InputKind::empty},
      {"only white space", " \r\n\t\n", true, InputKind::empty},
      {"a head of white space is not the whole file", "    ", false, InputKind::text},
      {"a byte order mark and nothing else", "\xEF\xBB\xBF\n", true, InputKind::empty},
      {"a saved dashboard page", "<!DOCTYPE html>\n<html lang=\"en\"><head>", true, InputKind::html},
      {"a page after white space", "\n\n  <html>", true, InputKind::html},
      {"XML", "<?xml version=\"1.0\"?><zone/>", true, InputKind::html},
      {"a ZIP archive", std::string("PK\x03\x04\x14\0\0\0", 8), true, InputKind::zip},
      {"an empty ZIP archive", std::string("PK\x05\x06\0\0\0\0", 8), true, InputKind::zip},
      {"gzip", std::string("\x1F\x8B\x08\0\0\0\0\0", 8), true, InputKind::gzip},
      {"7-Zip", std::string("7z\xBC\xAF\x27\x1C\0\x04", 8), true, InputKind::archive},
      {"bzip2", "BZh91AY&SY", true, InputKind::archive},
      {"a tar archive, as a .tar.gz inflates to",
       std::string(257, 'a') + std::string("ustar\0"
                                           "00",
                                           8),
       true, InputKind::archive},
      {"a PDF", "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n", true, InputKind::pdf},
      {"a PNG screenshot", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), true, InputKind::image},
      {"a JPEG photo", "\xFF\xD8\xFF\xE0\0\x10JFIF", true, InputKind::image},
      {"a GIF", "GIF89a\x01\0\x01\0", true, InputKind::image},
      {"a WebP", std::string("RIFF\x24\0\0\0WEBPVP8 ", 16), true, InputKind::image},
      {"a HEIC photo from a phone",
       std::string("\0\0\0\x18"
                   "ftypheic\0\0\0\0",
                   16),
       true, InputKind::image},
      {"an owner named BM... is a zone, not a bitmap", "BMW IN A 192.0.2.1\n", true, InputKind::text},
      {"UTF-16 LE with BOM (Notepad's \"Unicode\")", utf16(kZone, false, true), true, InputKind::utf16le},
      {"UTF-16 BE with BOM", utf16(kZone, true, true), true, InputKind::utf16be},
      {"UTF-16 LE without BOM", utf16(kZone, false, false), true, InputKind::utf16le},
      {"UTF-16 BE without BOM", utf16(kZone, true, false), true, InputKind::utf16be},
      {"an export pasted from Markdown: cf\\_tags",
       ";; Domain:     club.example.\nmail 1 IN A 192.0.2.1 ; cf\\_tags=cf-proxied:false\n", true, InputKind::markdown},
      {"an export pasted from Markdown: a bold domain", ";; Domain:     **club**.example.\nmail 1 IN A 192.0.2.1\n",
       true, InputKind::markdown},
      {"\\_dmarc is a legal BIND escape in a real zone", kZone + "\\_dmarc IN TXT \"v=DMARC1; p=none\"\n", true,
       InputKind::text},
      {"an executable",
       std::string("\x7F"
                   "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0\x3E\0\x01\0\0\0",
                   24),
       true, InputKind::binary},
      {"one NUL in an owner is the parser's to report", kZone + std::string("a\0b IN A 192.0.2.1\n", 19), true,
       InputKind::text},
  };
  for (const Case& c : cases) {
    CAPTURE(c.why);
    CHECK(input_kind_name(classify_input(c.bytes, c.whole)) == input_kind_name(c.kind));
  }
}

TEST_CASE("only zones and UTF-16 are read") {
  for (size_t i = 0; i < input_kind_count(); ++i) {
    const InputKind k = input_kind_at(i);
    CAPTURE(input_kind_name(k));
    CHECK(input_kind_readable(k) == (k == InputKind::text || k == InputKind::utf16le || k == InputKind::utf16be));
    CHECK(!input_kind_name(k).empty());
  }
  CHECK(input_kind_count() == 14);
}

TEST_CASE("utf16_to_utf8 decodes both byte orders, with and without a mark") {
  CHECK(utf16_to_utf8(utf16(kZone, false, true), false) == kZone);
  CHECK(utf16_to_utf8(utf16(kZone, true, true), true) == kZone);
  CHECK(utf16_to_utf8(utf16(kZone, false, false), false) == kZone);
  SUBCASE("characters beyond ASCII") {
    // "メール" (U+30E1 U+30FC U+30EB) and U+1F4E7 (a surrogate pair) in LE.
    const std::string le("\xE1\x30\xFC\x30\xEB\x30\x3D\xD8\xE7\xDC", 10);
    CHECK(utf16_to_utf8(le, false) == "\xE3\x83\xA1\xE3\x83\xBC\xE3\x83\xAB\xF0\x9F\x93\xA7");
  }
  SUBCASE("an unpaired surrogate is U+FFFD and an odd last byte is dropped") {
    CHECK(utf16_to_utf8(std::string("\x3D\xD8"
                                    "a\0"
                                    "b",
                                    5),
                        false) ==
          "\xEF\xBF\xBD"
          "a");
  }
}
