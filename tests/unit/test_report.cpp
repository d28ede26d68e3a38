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
  CHECK(r["schema"] == "mxray-report/1");
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
