// core/dns/json_text: the JSON text every writer of the core hands out
// keeps no line separator, bidi control or C1 control raw.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "dns/json_text.h"
#include "fix/cloudflare.h"
#include "zone/parser.h"
#include "zone/zone_text.h"

using namespace mxray;
using nlohmann::json;

namespace {

// Every character json_text() must escape, as UTF-8, with its \uXXXX form.
const std::pair<const char*, const char*> kUnsafe[] = {
    {"\xC2\x80", "\\u0080"},     {"\xC2\x85", "\\u0085"},     {"\xC2\x9F", "\\u009f"},     {"\xE2\x80\x8E", "\\u200e"},
    {"\xE2\x80\x8F", "\\u200f"}, {"\xE2\x80\xA8", "\\u2028"}, {"\xE2\x80\xA9", "\\u2029"}, {"\xE2\x80\xAA", "\\u202a"},
    {"\xE2\x80\xAB", "\\u202b"}, {"\xE2\x80\xAC", "\\u202c"}, {"\xE2\x80\xAD", "\\u202d"}, {"\xE2\x80\xAE", "\\u202e"},
    {"\xE2\x81\xA6", "\\u2066"}, {"\xE2\x81\xA7", "\\u2067"}, {"\xE2\x81\xA8", "\\u2068"}, {"\xE2\x81\xA9", "\\u2069"},
};

// Whether `text` holds none of them raw.
bool none_raw(const std::string& text) {
  for (const auto& [raw, esc] : kUnsafe)
    if (text.find(raw) != std::string::npos) return false;
  return true;
}

}  // namespace

TEST_CASE("json text: U+2028, U+2029, bidi and C1 controls are written as \\uXXXX, and read back the same") {
  for (const auto& [raw, esc] : kUnsafe) {
    CAPTURE(esc);
    const std::string value = std::string("a") + raw + "b";
    const std::string text = json_text(json{{"token", value}});
    CHECK(text == std::string("{\"token\":\"a") + esc + "b\"}");
    CHECK(json::parse(text)["token"] == value);
  }
  SUBCASE("their neighbours stay as they are") {
    // U+007F, U+00A0, U+200D (ZWJ), U+2027, U+202F, U+2065, U+206A, Japanese, an emoji.
    const std::string kept = "\x7F\xC2\xA0\xE2\x80\x8D\xE2\x80\xA7\xE2\x80\xAF\xE2\x81\xA5\xE2\x81\xAA日本😀";
    CHECK(json_text(json(kept)) == "\"" + kept + "\"");
  }
  SUBCASE("bytes that are not UTF-8 become U+FFFD, as before") {
    CHECK(json_text(json(std::string("a\xC2"))) == "\"a\xEF\xBF\xBD\"");
    // A C1 control cut off by the end of the text is not UTF-8 either.
    CHECK(json_text(json(std::string("\xE2\x80"))) == "\"\xEF\xBF\xBD\"");
  }
  SUBCASE("in keys too, and many of them in a long text") {
    std::string many;
    for (int i = 0; i < 10000; ++i) many += "x\xE2\x80\xAE";
    const std::string text = json_text(json{{"k\xE2\x80\xA8", many}});
    CHECK(none_raw(text));
    CHECK(json::parse(text)["k\xE2\x80\xA8"] == many);
  }
}

TEST_CASE("json text: a zone's diagnostics quote a token with U+202E escaped") {
  // The owner is refused (a label of 64 octets), and its token is quoted in the diagnostic.
  const std::string owner = std::string(60, 'a') + "\xE2\x80\xAE" + "gpj.exe";
  Zone z = parse_zone("$ORIGIN club.test.\n" + owner + " IN A 192.0.2.1\n", "z", {});
  REQUIRE(z.diagnostics.size() == 1);
  const std::string text = json_text(zone_summary_json(z));
  CHECK(text.find("\\u202e") != std::string::npos);
  CHECK(none_raw(text));
  CHECK(json::parse(text)["diagnostics"][0]["token"] == owner);
}

TEST_CASE("json text: the Cloudflare curl command's body escapes them too") {
  const json batch = {{"posts", json::array({{{"name", "mail\xE2\x80\xA8.club.test"}, {"content", "\xC2\x9B"}}})},
                      {"deletes", json::array()},
                      {"patches", json::array()},
                      {"puts", json::array()},
                      {"lookups", json::array()},
                      {"placeholders", json::array()}};
  const std::string curl = cloudflare_curl(batch);
  CHECK(none_raw(curl));
  CHECK(curl.find("mail\\u2028.club.test") != std::string::npos);
  CHECK(curl.find("\\u009b") != std::string::npos);
}
