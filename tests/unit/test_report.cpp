// The report document: its schema, the fix it carries, and the stated
// origin address filling the placeholder.
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "report/report.h"
#include "zone/parser.h"

using namespace mxray;
using json = nlohmann::json;

namespace {

const std::string kBind =
    "$ORIGIN club.test.\n$TTL 14400\n"
    "@ IN SOA ns1 root 1 2 3 4 5\n"
    "@ IN A 104.21.16.8\n"
    "mail IN CNAME @\n"
    "@ IN MX 0 mail\n"
    "bad IN A 300.1.1.1\n";

json report_for(const std::string& text, const std::string& origin = {}) {
  std::vector<std::shared_ptr<const Zone>> zones = {std::make_shared<Zone>(parse_zone(text, "club.test.db", {}))};
  SessionOptions o;
  o.live = false;
  Session s("", o, zones);
  REQUIRE(s.error() == SessionError::none);
  std::vector<std::string_view> texts = {text};
  ReportOptions ro;
  ro.texts = texts;
  ro.origin = origin;
  return build_report(s, ro);
}

}  // namespace

TEST_CASE("report: schema, summary, findings, diagnostics") {
  json r = report_for(kBind);
  CHECK(r["schema"] == "mxray-report/2");
  CHECK(r["domain"] == "club.test.");
  CHECK(r["mode"] == "offline");
  CHECK(r["summary"]["critical"].get<int>() >= 2);
  CHECK(r["findings"].size() == size_t(r["summary"]["critical"].get<int>() + r["summary"]["warning"].get<int>() +
                                       r["summary"]["info"].get<int>()));
  REQUIRE(r["diagnostics"].size() == 1);
  CHECK(r["diagnostics"][0]["line"] == 7);
  CHECK(r["diagnostics"][0]["zone"] == 0);
  CHECK(r["stats"]["records"] == 4);
  CHECK(r["stats"]["rounds"] == 0);
  CHECK(r["panel"].is_null());  // nothing of cPanel's in this zone
}

TEST_CASE("report: the detected panel's profile, as data") {
  json r = report_for(kBind + "cpanel IN A 104.21.16.8\n");
  REQUIRE(r["panel"].is_object());
  CHECK(r["panel"]["id"] == "cpanel");
  CHECK(r["panel"]["how"] == "detected");
  CHECK(r["panel"]["mail_host"] == "mail");
  CHECK(r["panel"]["srv"][0]["owner"] == "_autodiscover._tcp");
  CHECK(r["panel"]["srv"][0]["port"] == 443);
  CHECK(r["panel"]["ports"].size() == 10);
}

TEST_CASE("report: the fix, with a placeholder until the origin is stated") {
  json r = report_for(kBind);
  CHECK(r["fix"]["placeholders"] == json::array({"origin-ipv4"}));
  REQUIRE(r["fix"]["zones"].size() == 1);
  json z = r["fix"]["zones"][0];
  CHECK(z["changed"] == true);
  CHECK(z["diff"].get<std::string>().find("+mail.club.test.\t14400\tIN\tA\t{origin-ipv4}") != std::string::npos);
  CHECK(r["fix"]["cloudflare_import"].get<std::string>().find("{origin-ipv4}") != std::string::npos);
  // The CNAME removed: named by file, line and its place among the records.
  bool removal = false;
  for (const json& e : r["fix"]["edits"])
    if (e["op"] == "remove") {
      removal = true;
      CHECK(e["record"] == json{{"file", "club.test.db"}, {"line", 5}, {"index", 2}});
    }
  CHECK(removal);

  json stated = report_for(kBind, "203.0.113.10");
  CHECK(stated["fix"]["placeholders"].empty());
  CHECK(stated["fix"]["origin"]["address"] == "203.0.113.10");
  CHECK(stated["fix"]["zones"][0]["text"].get<std::string>().find("mail.club.test.\t14400\tIN\tA\t203.0.113.10\n") !=
        std::string::npos);
  json v6 = report_for(kBind, "2001:db8::10");
  CHECK(v6["fix"]["zones"][0]["text"].get<std::string>().find("mail.club.test.\t14400\tIN\tAAAA\t2001:db8::10\n") !=
        std::string::npos);
}

TEST_CASE("report: a bad stated origin is refused before any work") {
  ReportOptions o;
  o.origin = "203.0.113";
  CHECK(report_options_error(o) == "bad-origin");
  o.origin = "2001:db8::1";
  CHECK(report_options_error(o).empty());
}

TEST_CASE("report: valid_utf8 follows RFC 3629") {
  struct Case {
    std::string bytes;
    bool valid;
    const char* why;
  } cases[] = {
      {"", true, "empty"},
      {"mail IN A 192.0.2.1 ; plain ASCII", true, "ASCII"},
      {"\xE3\x83\xA1\xE3\x83\xBC\xE3\x83\xAB", true, "Japanese (メール) in UTF-8"},
      {"\xF0\x9F\x93\xA7", true, "four bytes, U+1F4E7"},
      {"\x83\x81\x81\x5B\x83\x8B", false, "the same word in Shift_JIS"},
      {"caf\xE9", false, "Latin-1 e-acute"},
      {"\xC0\xAF", false, "overlong '/'"},
      {"\xE0\x80\xAF", false, "overlong, three bytes"},
      {"\xED\xA0\x80", false, "a surrogate, U+D800"},
      {"\xF4\x90\x80\x80", false, "above U+10FFFF"},
      {"\xE3\x83", false, "cut short at the end"},
      {"\xE3\x41\xA1", false, "a continuation byte missing"},
      {"\xBF", false, "a lone continuation byte"},
  };
  for (const Case& c : cases) CHECK_MESSAGE(valid_utf8(c.bytes) == c.valid, c.why);
}

TEST_CASE("report: a zone that is not UTF-8 is corrected byte for byte") {
  // A Shift_JIS comment (メール, "mail") on a cPanel zone: every line the fix
  // leaves alone keeps its bytes; the JSON says the text is not UTF-8.
  const std::string sjis = "; \x83\x81\x81\x5B\x83\x8B server\n";
  const std::string text = "$ORIGIN club.test.\n$TTL 14400\n" + sjis +
                           "@ IN SOA ns1 root 1 2 3 4 5\n"
                           "@ IN A 104.21.16.8\n"
                           "mail IN CNAME @ ; \x83\x81\x81\x5B\x83\x8B\n"
                           "@ IN MX 0 mail\n";
  std::vector<std::shared_ptr<const Zone>> zones = {std::make_shared<Zone>(parse_zone(text, "club.test.db", {}))};
  SessionOptions so;
  so.live = false;
  Session s("", so, zones);
  std::vector<std::string_view> texts = {text};
  ReportOptions ro;
  ro.texts = texts;
  ro.origin = "203.0.113.10";

  FixOutputs out = fix_outputs(s, ro);
  REQUIRE(out.zones.size() == 1);
  const ZoneFixOutput& z = out.zones[0];
  CHECK_FALSE(z.utf8);
  CHECK(z.changed);
  CHECK(z.corrected.text.starts_with("$ORIGIN club.test.\n$TTL 14400\n" + sjis + "@ IN SOA ns1 root 1 2 3 4 5\n"));
  CHECK(z.corrected.text.find("mail.club.test.\t14400\tIN\tA\t203.0.113.10\n") != std::string::npos);
  CHECK(z.corrected.text.find("\nmail IN CNAME @") == std::string::npos);  // the CNAME is gone
  CHECK(z.diff.find(" " + sjis) != std::string::npos);                     // context, byte for byte
  CHECK(z.diff.find("-mail IN CNAME @ ; \x83\x81\x81\x5B\x83\x8B\n") != std::string::npos);
  REQUIRE(out.cloudflare_import);

  json r = build_report(s, ro);
  CHECK(r["fix"]["zones"][0]["utf8"] == false);
  CHECK(r["fix"]["zones"][0]["changed"] == true);
  // The JSON's copy is the same text with U+FFFD for the bytes it cannot carry.
  CHECK(r["fix"]["zones"][0]["text"].get<std::string>().find("mail.club.test.\t14400\tIN\tA\t203.0.113.10\n") !=
        std::string::npos);
  CHECK(report_for(kBind)["fix"]["zones"][0]["utf8"] == true);
}

TEST_CASE("report: texts left out for shells that take them as bytes") {
  std::vector<std::shared_ptr<const Zone>> zones = {std::make_shared<Zone>(parse_zone(kBind, "club.test.db", {}))};
  SessionOptions so;
  so.live = false;
  Session s("", so, zones);
  std::vector<std::string_view> texts = {kBind};
  ReportOptions ro;
  ro.texts = texts;
  ro.include_texts = false;
  json r = build_report(s, ro);
  REQUIRE(r["fix"]["zones"].size() == 1);
  CHECK_FALSE(r["fix"]["zones"][0].contains("text"));
  CHECK(r["fix"]["zones"][0]["diff"].get<std::string>().find("+mail.club.test.") != std::string::npos);
  CHECK(r["fix"]["cloudflare_import"] == true);
  FixOutputs out = fix_outputs(s, ro);  // the bytes are all there
  CHECK(out.zones[0].corrected.text.find("mail.club.test.\t14400\tIN\tA\t{origin-ipv4}") != std::string::npos);
  CHECK(out.cloudflare_import->find("{origin-ipv4}") != std::string::npos);
}
