// Hostile resolver answers at the edges of their limits: each ends as an
// "unknown" fact with a reason, and the facts around it are untouched.
#include <doctest/doctest.h>

#include <string>

#include "dns/message.h"
#include "dns/name.h"
#include "dns/types.h"
#include "doh/json.h"
#include "session/session.h"
#include "zone/cloudflare_json.h"

using namespace mxray;

namespace {

struct Round {
  Session s{"club.test", SessionOptions{}};
  std::vector<uint32_t> ids;
  Round() {
    for (const PendingQuestion& q : s.pending()) ids.push_back(q.id);
    REQUIRE(ids.size() > 4);
  }
  const Fact& fact(size_t i) const { return s.facts()[ids[i]]; }
};

std::string txt_json(size_t bytes) {
  return R"({"Status":0,"Question":[{"name":"club.test.","type":16}],"Answer":[{"name":"club.test.","type":16,"TTL":300,"data":")" +
         std::string(bytes, 'x') + R"("}]})";
}

}  // namespace

TEST_CASE("hostile answers: a wire message over 65535 octets is refused before it is read") {
  std::string wire(65536, '\0');
  wire[2] = char(0x81);  // QR set: a response
  Message m;
  MessageError e;
  CHECK_FALSE(decode_message(wire, m, e));
  CHECK(e == MessageError::too_large);
  CHECK(message_error_name(e) == "too-large");
  wire.resize(65535);  // at the limit: read (and refused for what it holds, not its size)
  CHECK_FALSE(decode_message(wire, m, e));
  CHECK(e != MessageError::too_large);

  Round r;
  CHECK(r.s.feed_wire(r.ids[0], std::string(1 << 20, '\xC0')));
  CHECK(r.fact(0).state == FactState::unknown);
  CHECK(r.fact(0).reason.text() == "malformed: too-large");
}

TEST_CASE("hostile answers: DoH JSON over 1 MiB, or nested past 16, is refused before it is parsed") {
  Message m;
  DohJsonProblem p;
  // A TXT of 1 MiB: over the size limit as a whole.
  CHECK_FALSE(decode_doh_json(txt_json(kMaxDohJsonBytes), m, p));
  CHECK(p.error == DohJsonError::too_large);
  // Under the size limit, a TXT of 70,000 octets is still more than RDATA can hold.
  CHECK_FALSE(decode_doh_json(txt_json(70000), m, p));
  CHECK(p.error == DohJsonError::bad_data);
  // Nesting: 16 levels are read (and refused for their shape), 17 are not parsed at all.
  auto nested = [](unsigned depth) {
    return R"({"Status":0,"Question":)" + std::string(depth - 1, '[') + std::string(depth - 1, ']') + "}";
  };
  CHECK_FALSE(decode_doh_json(nested(16), m, p));
  CHECK(p.error != DohJsonError::too_deep);
  CHECK_FALSE(decode_doh_json(nested(17), m, p));
  CHECK(p.error == DohJsonError::too_deep);
  // Brackets inside strings are not nesting.
  CHECK(decode_doh_json(R"({"Status":0,"Comment":")" + std::string(100, '[') + R"("})", m, p));
  // A million brackets: refused at once, no recursion, no crash.
  CHECK_FALSE(decode_doh_json(std::string(1'000'000, '['), m, p));
  CHECK(p.error == DohJsonError::too_deep);

  Round r;
  CHECK(r.s.feed_json(r.ids[0], txt_json(kMaxDohJsonBytes)));
  CHECK(r.s.feed_json(r.ids[1], std::string(100000, '{')));
  CHECK(r.s.feed_json(r.ids[2], R"({"Status":"0","Question":[]})"));  // a string where a number goes
  CHECK(r.s.feed_json(r.ids[3], R"({"Status":0,"TC":"yes"})"));       // a string where a boolean goes
  CHECK(r.fact(0).reason.text().rfind("malformed-json: too-large", 0) == 0);
  CHECK(r.fact(1).reason.text() == "malformed-json: too-deep");
  CHECK(r.fact(2).reason.text().rfind("malformed-json: bad-status", 0) == 0);
  CHECK(r.fact(3).reason.text().rfind("malformed-json: bad-flag", 0) == 0);
  for (size_t i = 0; i < 4; ++i) CHECK(r.fact(i).state == FactState::unknown);
  CHECK(r.fact(4).state == FactState::pending);  // its neighbours are untouched
}

TEST_CASE("hostile input: Cloudflare API JSON nested a million deep is a syntax error, not a crash") {
  for (const std::string& text : {std::string(1'000'000, '['), "{\"result\":[" + std::string(1'000'000, '{')}) {
    Zone z;
    z.files.push_back("deep.json");
    ParseOptions o;
    import_cloudflare_json(text, 0, z, o);
    CHECK(z.size() == 0);
    REQUIRE(z.diagnostics.size() == 1);
    CHECK(code_name(z.diagnostics[0].code) == "json-syntax");
  }
}
