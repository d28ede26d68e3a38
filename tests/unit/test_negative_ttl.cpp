// The time left on a cached "no such record" (RFC 2308 §5): the smaller of
// the SOA's TTL and its MINIMUM field, read from the authority section of a
// negative answer (NXDOMAIN, or NODATA: NOERROR with nothing of the type), in
// both DoH formats, then carried by the Session's fact and its JSON. Missing
// or malformed, it is unknown: never 0, never a crash.
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dns/message.h"
#include "dns/name.h"
#include "dns/types.h"
#include "dns/wire.h"
#include "dns_world.h"
#include "doh/answer.h"
#include "doh/json.h"
#include "session/session.h"
#include "session/session_json.h"

using namespace mxray;

namespace {

WireName as_wire(std::string_view text) { return mxray::test::wire(text); }

struct Rr {
  std::string name;
  uint16_t type;
  uint32_t ttl;
  std::string rdata;  // uncompressed wire RDATA
};

std::string name_wire(std::string_view text) { return std::string(as_wire(text).view()); }

// SOA RDATA (RFC 1035 §3.3.13): MNAME, RNAME, then SERIAL, REFRESH, RETRY,
// EXPIRE and MINIMUM.
std::string soa_rdata(uint32_t minimum) {
  std::string r = name_wire("ns1.example.") + name_wire("hostmaster.example.");
  for (uint32_t v : {2026120601u, 7200u, 3600u, 1209600u}) wire::put32(r, v);
  wire::put32(r, minimum);
  return r;
}

// A response as a resolver sends it over RFC 8484: ID 0, QR RD RA, one
// question in class IN, no compression.
std::string response(std::string_view qname, uint16_t qtype, uint16_t rc, const std::vector<Rr>& answer,
                     const std::vector<Rr>& authority) {
  std::string m;
  wire::put16(m, 0);
  wire::put16(m, uint16_t(0x8180 | rc));
  wire::put16(m, 1);
  wire::put16(m, uint16_t(answer.size()));
  wire::put16(m, uint16_t(authority.size()));
  wire::put16(m, 0);
  m += name_wire(qname);
  wire::put16(m, qtype);
  wire::put16(m, rrclass::IN);
  for (const auto* section : {&answer, &authority})
    for (const Rr& r : *section) {
      m += name_wire(r.name);
      wire::put16(m, r.type);
      wire::put16(m, rrclass::IN);
      wire::put32(m, r.ttl);
      wire::put16(m, uint16_t(r.rdata.size()));
      m += r.rdata;
    }
  return m;
}

Message decoded(const std::string& bytes) {
  Message m;
  MessageError e{};
  REQUIRE(decode_message(bytes, m, e));
  return m;
}

Message decoded_json(std::string_view text) {
  Message m;
  DohJsonProblem problem;
  REQUIRE(decode_doh_json(text, m, problem));
  return m;
}

std::string soa_json(std::string_view owner, uint32_t ttl, uint32_t minimum) {
  return std::string(R"({"name":")") + std::string(owner) + R"(","type":6,"TTL":)" + std::to_string(ttl) +
         R"(,"data":"ns1.example. hostmaster.example. 2026120601 7200 3600 1209600 )" + std::to_string(minimum) +
         R"("})";
}

std::string json_answer(int status, std::string_view qname, uint16_t qtype, std::string_view answer,
                        std::string_view authority) {
  std::string j = R"({"Status":)" + std::to_string(status) +
                  R"(,"TC":false,"RD":true,"RA":true,"AD":false,"CD":false,"Question":[{"name":")" +
                  std::string(qname) + R"(","type":)" + std::to_string(qtype) + "}]";
  if (!answer.empty()) j += R"(,"Answer":[)" + std::string(answer) + "]";
  if (!authority.empty()) j += R"(,"Authority":[)" + std::string(authority) + "]";
  return j + "}";
}

}  // namespace

TEST_CASE("negative_ttl, wire (RFC 8484): NXDOMAIN and NODATA, SOA TTL below and above MINIMUM") {
  const std::string name = name_wire("gone.example.");
  // A resolver's cache counts the SOA's TTL down: 240 left of a MINIMUM of 3600.
  Message nx = decoded(
      response("gone.example.", rrtype::A, rcode::NXDOMAIN, {}, {{"example.", rrtype::SOA, 240, soa_rdata(3600)}}));
  CHECK(negative_ttl(nx, name) == std::optional<uint32_t>(240));
  // An SOA TTL above MINIMUM: MINIMUM bounds the negative cache.
  Message nodata = decoded(
      response("gone.example.", rrtype::A, rcode::NOERROR, {}, {{"example.", rrtype::SOA, 86400, soa_rdata(300)}}));
  CHECK(negative_ttl(nodata, name) == std::optional<uint32_t>(300));
  // Equal: either.
  Message equal =
      decoded(response("gone.example.", rrtype::A, rcode::NOERROR, {}, {{"example.", rrtype::SOA, 60, soa_rdata(60)}}));
  CHECK(negative_ttl(equal, name) == std::optional<uint32_t>(60));
  // A TTL of 0 that was sent is 0 (expired), not unknown.
  Message zero = decoded(
      response("gone.example.", rrtype::A, rcode::NXDOMAIN, {}, {{"example.", rrtype::SOA, 0, soa_rdata(3600)}}));
  CHECK(negative_ttl(zero, name) == std::optional<uint32_t>(0));
}

TEST_CASE("negative_ttl, JSON (Google's and Cloudflare's Authority array): NXDOMAIN and NODATA") {
  const std::string name = name_wire("gone.example.");
  // Google writes names with the trailing dot and the type as a number.
  Message nx = decoded_json(json_answer(3, "gone.example.", 1, "", soa_json("example.", 1800, 240)));
  CHECK(negative_ttl(nx, name) == std::optional<uint32_t>(240));
  // Cloudflare's names come without it: absolute all the same.
  Message nodata = decoded_json(json_answer(0, "gone.example", 1, "", soa_json("example", 120, 3600)));
  CHECK(negative_ttl(nodata, name) == std::optional<uint32_t>(120));
}

TEST_CASE("negative_ttl: no SOA, another zone's SOA, another RCODE: unknown, never 0") {
  const std::string name = name_wire("gone.example.");
  // NXDOMAIN with an empty authority section (some forwarders strip it).
  CHECK_FALSE(negative_ttl(decoded(response("gone.example.", rrtype::A, rcode::NXDOMAIN, {}, {})), name));
  CHECK_FALSE(negative_ttl(decoded_json(json_answer(3, "gone.example.", 1, "", "")), name));
  // The authority holds NS records only (a referral-shaped NODATA).
  CHECK_FALSE(negative_ttl(decoded(response("gone.example.", rrtype::A, rcode::NOERROR, {},
                                            {{"example.", rrtype::NS, 300, name_wire("ns1.example.")}})),
                           name));
  // The SOA of a zone the name is not in says nothing of it.
  CHECK_FALSE(negative_ttl(decoded(response("gone.example.", rrtype::A, rcode::NXDOMAIN, {},
                                            {{"other.test.", rrtype::SOA, 300, soa_rdata(300)}})),
                           name));
  // Nor of a name above the zone (the SOA of a child zone).
  CHECK_FALSE(negative_ttl(decoded(response("example.", rrtype::A, rcode::NOERROR, {},
                                            {{"gone.example.", rrtype::SOA, 300, soa_rdata(300)}})),
                           name_wire("example.")));
  // SERVFAIL is no negative answer, whatever its authority section holds.
  CHECK_FALSE(negative_ttl(decoded(response("gone.example.", rrtype::A, rcode::SERVFAIL, {},
                                            {{"example.", rrtype::SOA, 300, soa_rdata(300)}})),
                           name));
}

TEST_CASE("negative_ttl: a malformed SOA RDATA gives no negative TTL and no crash") {
  const std::string name = name_wire("gone.example.");
  auto with_rdata = [&](std::string rdata) {
    Message m;
    m.flags = dnsflag::QR;
    m.rcode = rcode::NXDOMAIN;
    ResourceRecord soa;
    soa.owner = as_wire("example.");
    soa.type = rrtype::SOA;
    soa.ttl = 300;
    soa.rdata = std::move(rdata);
    m.authority.push_back(soa);
    return negative_ttl(m, name);
  };
  const std::string good = soa_rdata(60);
  CHECK(with_rdata(good) == std::optional<uint32_t>(60));
  CHECK_FALSE(with_rdata(""));                               // empty
  CHECK_FALSE(with_rdata(good.substr(0, good.size() - 1)));  // MINIMUM cut short
  CHECK_FALSE(with_rdata(good + std::string(1, '\0')));      // an octet past MINIMUM
  CHECK_FALSE(with_rdata(name_wire("ns1.example.")));        // MNAME only
  CHECK_FALSE(with_rdata(std::string("\x3f", 1) + "abc"));   // a label running past the end
  CHECK_FALSE(with_rdata(std::string(20, '\0')));            // two root names and 18 octets
  // The wire decoder refuses the whole message (a malformed SOA is a
  // malformed answer); the JSON decoder refuses SOA data it cannot read.
  Message m;
  MessageError e{};
  std::string bad = response("gone.example.", rrtype::A, rcode::NXDOMAIN, {},
                             {{"example.", rrtype::SOA, 300, good.substr(0, good.size() - 2)}});
  CHECK_FALSE(decode_message(bad, m, e));
  DohJsonProblem problem;
  CHECK_FALSE(decode_doh_json(
      json_answer(3, "gone.example.", 1, "", R"({"name":"example.","type":6,"TTL":300,"data":"ns1.example. 1 2"})"), m,
      problem));
}

namespace {

// Feeds `bytes` (wire) or `text` (JSON) as the answer to (name, type) of the
// first round of a live Session of example.; returns the fact's JSON.
nlohmann::json fed(Session& s, std::string_view name, uint16_t type, const std::string& answer, bool json) {
  for (const PendingQuestion& p : s.pending())
    if (names_equal(p.question->name.view(), as_wire(name).view()) && p.question->type == type) {
      CHECK(json ? s.feed_json(p.id, answer) : s.feed_wire(p.id, answer));
      const Fact* f = mxray::test::fact(s, name, type);
      REQUIRE(f != nullptr);
      return fact_to_json(*f);
    }
  FAIL("not asked: ", name);
  return {};
}

}  // namespace

TEST_CASE("session: a negative answer's fact carries negative_ttl, in its JSON too") {
  Session s("example", SessionOptions{});
  REQUIRE(s.error() == SessionError::none);
  // NODATA over the wire: no MX at the apex.
  nlohmann::json mx = fed(
      s, "example.", rrtype::MX,
      response("example.", rrtype::MX, rcode::NOERROR, {}, {{"example.", rrtype::SOA, 3600, soa_rdata(240)}}), false);
  CHECK(mx["state"] == "answered");
  CHECK(mx["records"].empty());
  CHECK(mx["negative_ttl"] == 240);
  CHECK(mxray::test::fact(s, "example.", rrtype::MX)->negative_ttl == std::optional<uint32_t>(240));
  // NXDOMAIN in JSON.
  nlohmann::json dmarc = fed(s, "_dmarc.example.", rrtype::TXT,
                             json_answer(3, "_dmarc.example.", 16, "", soa_json("example.", 180, 3600)), true);
  CHECK(dmarc["rcode"] == "NXDOMAIN");
  CHECK(dmarc["negative_ttl"] == 180);
  // A positive answer has none; nor a negative one without the SOA.
  nlohmann::json a = fed(s, "example.", rrtype::A,
                         json_answer(0, "example.", 1, R"({"name":"example.","type":1,"TTL":300,"data":"192.0.2.1"})",
                                     soa_json("example.", 300, 300)),
                         true);
  CHECK(a["records"].size() == 1);
  CHECK_FALSE(a.contains("negative_ttl"));
  nlohmann::json aaaa = fed(s, "example.", rrtype::AAAA, json_answer(0, "example.", 28, "", ""), true);
  CHECK(aaaa["state"] == "answered");
  CHECK_FALSE(aaaa.contains("negative_ttl"));
  // A malformed SOA: the answer is unknown (malformed), with no negative TTL.
  std::string good = soa_rdata(60);
  nlohmann::json ns = fed(s, "example.", rrtype::NS,
                          response("example.", rrtype::NS, rcode::NOERROR, {},
                                   {{"example.", rrtype::SOA, 60, good.substr(0, good.size() - 3)}}),
                          false);
  CHECK(ns["state"] == "unknown");
  CHECK(ns["reason"]["code"] == "malformed");
  CHECK_FALSE(ns.contains("negative_ttl"));
  CHECK_FALSE(mxray::test::fact(s, "example.", rrtype::NS)->negative_ttl);
}

TEST_CASE("session: through a CNAME, the negative TTL is that of the zone the chain ends in") {
  Session s("example", SessionOptions{});
  // mail.example. CNAME host.hoster.test., which has no AAAA: hoster.test's SOA
  // is the one that counts; an SOA of example. would say nothing of it.
  const std::vector<Rr> chain = {{"mail.example.", rrtype::CNAME, 300, name_wire("host.hoster.test.")}};
  nlohmann::json j = fed(s, "mail.example.", rrtype::AAAA,
                         response("mail.example.", rrtype::AAAA, rcode::NOERROR, chain,
                                  {{"hoster.test.", rrtype::SOA, 900, soa_rdata(90)}}),
                         false);
  CHECK(j["chain"].size() == 1);
  CHECK(j["negative_ttl"] == 90);
  CHECK_FALSE(j.contains("chain_incomplete"));
  nlohmann::json other =
      fed(s, "mail.example.", rrtype::A,
          response("mail.example.", rrtype::A, rcode::NOERROR, chain, {{"example.", rrtype::SOA, 900, soa_rdata(90)}}),
          false);
  CHECK_FALSE(other.contains("negative_ttl"));
  CHECK(other["chain_incomplete"] == true);  // the chain's end is asked next
}
