// The server's likely address, from what was read: Cloudflare's companion
// record, DNS-only panel names, the SPF's ip4: terms, proxied records of an
// export; never a proxy's own address.
#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <string>

#include "model/mail_model.h"
#include "replay.h"
#include "rules/origin.h"
#include "session/session.h"
#include "zone/parser.h"

using namespace mxray;

namespace {

std::shared_ptr<const Zone> zone_from(const std::string& text) {
  auto z = std::make_shared<Zone>(parse_zone(text, "club.zone", {}));
  REQUIRE(z->error_count == 0);
  return z;
}

std::string sources(const OriginCandidate& c) {
  std::string out;
  for (const OriginClue& k : c.clues) out += std::string(origin_source_name(k.source)) + ":" + k.name + " ";
  if (!out.empty()) out.pop_back();
  return out;
}

std::vector<OriginCandidate> offline_candidates(const std::string& text) {
  SessionOptions o;
  o.live = false;
  Session s("", o, {zone_from(text)});
  REQUIRE(s.error() == SessionError::none);
  return origin_candidates(MailModel(s));
}

}  // namespace

TEST_CASE("origin candidates: a plain BIND file behind Cloudflare gives the server away three ways") {
  // The apex holds Cloudflare's addresses (a zone written by hand from what
  // the proxy answers): no origin there. cpanel. is DNS-only, the SPF names
  // the server, and Cloudflare's companion record points at it too.
  const auto c = offline_candidates(
      "$ORIGIN club.test.\n$TTL 300\n"
      "@ SOA ns1 root 1 7200 3600 1209600 300\n"
      "@ MX 0 _dc-mx.2c2a3526b376\n"
      "_dc-mx.2c2a3526b376 A 192.0.2.80\n"
      "@ A 104.21.48.1\n"
      "mail CNAME @\n"
      "cpanel A 192.0.2.80\n"
      "webmail A 198.51.100.9\n"
      "@ TXT \"v=spf1 +a +mx ip4:192.0.2.80 ip4:203.0.113.0/24 -ip4:198.51.100.7 ~all\"\n");
  REQUIRE(c.size() == 2);
  CHECK(c[0].address == "192.0.2.80");
  CHECK(c[0].type == 1);
  // In the order the file gives them, each with its line.
  CHECK(sources(c[0]) ==
        "companion:_dc-mx.2c2a3526b376.club.test. dns-only-name:cpanel.club.test. spf-term:club.test.");
  CHECK(c[0].clues[0].line == 5);
  CHECK(c[0].clues[2].line == 10);
  CHECK_FALSE(c[0].clues[0].live);
  // One clue only: ranked below. A network (/24) and a "-ip4:" are not the server.
  CHECK(c[1].address == "198.51.100.9");
  CHECK(sources(c[1]) == "dns-only-name:webmail.club.test.");
}

TEST_CASE("origin candidates: a proxied record of an export is the origin; a proxy address never is") {
  const auto c = offline_candidates(
      "$ORIGIN club.test.\n$TTL 300\n"
      "@ SOA ns1 root 1 7200 3600 1209600 300\n"
      "@ A 203.0.113.10 ; cf_tags=cf-proxied:true\n"
      "www A 172.67.160.1\n"
      "mail CNAME @ ; cf_tags=cf-proxied:false\n");
  REQUIRE(c.size() == 1);
  CHECK(c[0].address == "203.0.113.10");
  CHECK(sources(c[0]) == "proxied-record:club.test.");
}

TEST_CASE("origin candidates: none from a zone that tells nothing") {
  CHECK(offline_candidates("$ORIGIN club.test.\n$TTL 300\n@ SOA ns1 root 1 7200 3600 1209600 300\n"
                           "@ A 104.21.48.1\nmail CNAME @\n")
            .empty());
}

TEST_CASE("origin candidates: live answers, with forward-confirmed reverse DNS (recorded from nsd)") {
  const std::string dir = std::string(MXRAY_SOURCE_DIR) + "/tests/scenarios/cpanel-mail-cname/";
  SessionOptions o;
  o.ask_ptr = true;  // the recording asked the PTRs (--ask-ptr)
  Session s("club.test", o);
  test::replay(s, test::read_json_file(dir + "answers.json"));
  const auto c = origin_candidates(MailModel(s));
  REQUIRE_FALSE(c.empty());
  for (const OriginCandidate& k : c) {
    CHECK(k.address.rfind("104.", 0) != 0);  // Cloudflare's answers are never candidates
    CHECK(k.address.rfind("172.67.", 0) != 0);
    for (const OriginClue& clue : k.clues) CHECK(clue.live);
  }
  // ftp. answers with the server's address directly (DNS-only).
  CHECK(c.front().address == "203.0.113.10");
  CHECK(sources(c.front()) == "dns-only-name:ftp.club.test.");
}

TEST_CASE("origin candidates: forward-confirmed reverse DNS adds its clue (recorded from nsd)") {
  const std::string dir = std::string(MXRAY_SOURCE_DIR) + "/tests/scenarios/cpanel-cloudflare-healthy/";
  SessionOptions o;
  o.ask_ptr = true;  // the recording asked the PTRs (--ask-ptr)
  Session s("dental.test", o);
  test::replay(s, test::read_json_file(dir + "answers.json"));
  const auto c = origin_candidates(MailModel(s));
  REQUIRE(c.size() == 1);
  CHECK(c[0].address == "203.0.113.150");
  // mail.'s address has a PTR naming mail. again, whose A is that address.
  CHECK(c[0].clues.back().source == OriginSource::fcrdns);
  CHECK(c[0].clues.back().name == "mail.dental.test.");
  CHECK(std::any_of(c[0].clues.begin(), c[0].clues.end(), [](const OriginClue& k) {
    return k.source == OriginSource::spf_term && k.name == "dental.test.";
  }));
}
