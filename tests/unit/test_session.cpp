// The Session: which questions it asks, in how many rounds, what it makes of
// answers, failures and hostile replies, and the budgets. Driven against an
// in-memory resolver (dns_world.h), like a protocol machine against a peer.
#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "dns/message.h"
#include "dns/name.h"
#include "dns/types.h"
#include "dns_world.h"
#include "hex.h"
#include "replay.h"
#include "session/session.h"
#include "session/session_json.h"
#include "zone/parser.h"

using namespace mxray;
using mxray::test::DnsWorld;

namespace {

using mxray::test::fact;
using mxray::test::wire;

bool asked(const Session& s, std::string_view name, uint16_t type) { return fact(s, name, type) != nullptr; }

std::vector<std::string> round_questions(const Session& s) {
  std::vector<std::string> out;
  for (const PendingQuestion& p : s.pending())
    out.push_back(name_text(p.question->name.view()) + " " + type_name(p.question->type));
  return out;
}

// The story mxray was born from: cPanel's `mail CNAME <apex>`, apex proxied.
DnsWorld club_world() {
  DnsWorld w;
  w.records = {
      {"club.test.", "SOA", "ns1.cloudflare.test. dns.cloudflare.test. 1 10000 2400 604800 3600"},
      {"club.test.", "NS", "ns1.cloudflare.test."},
      {"club.test.", "A", "104.21.5.7"},
      {"club.test.", "AAAA", "2606:4700:3030::6815:507"},
      {"club.test.", "MX", "0 mail.club.test."},
      {"club.test.", "TXT", "\"v=spf1 +a +mx include:_spf.mailhost.test ~all\""},
      {"mail.club.test.", "CNAME", "club.test."},
      {"webmail.club.test.", "CNAME", "club.test."},
      {"ftp.club.test.", "A", "203.0.113.10"},
      {"_dmarc.club.test.", "TXT", "\"v=DMARC1; p=none\""},
      {"_autodiscover._tcp.club.test.", "SRV", "0 0 443 cpanelemaildiscovery.cpanel.test."},
      {"cpanelemaildiscovery.cpanel.test.", "A", "192.0.2.80"},
      {"_spf.mailhost.test.", "TXT", "\"v=spf1 ip4:198.51.100.0/24 include:_spf2.mailhost.test -all\""},
      {"_spf2.mailhost.test.", "TXT", "\"v=spf1 ip4:198.51.101.0/24 -all\""},
      {"10.113.0.203.in-addr.arpa.", "PTR", "server.club.test."},
  };
  return w;
}

// The options of these tests: the defaults, with the PTR of origin
// addresses asked (off by default, "session: what a person did not choose
// is not asked" shows it).
SessionOptions defaults() {
  SessionOptions o;
  o.ask_ptr = true;
  return o;
}

}  // namespace

TEST_CASE("session: an offline check asks nothing and is done at once") {
  SessionOptions o;
  o.live = false;
  Session s("club.test", o);
  CHECK(s.error() == SessionError::none);
  CHECK(s.pending().empty());
  CHECK(s.done());
  CHECK(s.round() == 0);
  CHECK(s.facts().empty());
}

TEST_CASE("session: the domain must be a name; without one, the zone's apex") {
  CHECK(Session("", defaults()).error() == SessionError::no_domain);
  CHECK(Session("bad..name", defaults()).error() == SessionError::bad_domain);
  CHECK(Session(".", defaults()).error() == SessionError::bad_domain);  // the root is not a mail domain
  Session bad("bad..name", defaults());
  CHECK(bad.done());
  CHECK(bad.pending().empty());

  auto zone = std::make_shared<Zone>(parse_zone("$ORIGIN club.test.\n@ 300 IN MX 0 mx.host.test.\n", "z", {}));
  Session s("", defaults(), {zone});
  REQUIRE(s.error() == SessionError::none);
  CHECK(name_text(s.domain().view()) == "club.test.");
  // The trailing dot is optional for a typed domain; case is kept.
  CHECK(name_text(Session("Club.TEST.", defaults()).domain().view()) == "Club.TEST.");
}

TEST_CASE("session: round one asks everything the domain alone names, once each") {
  Session s("club.test", defaults());
  REQUIRE(s.round() == 1);
  auto qs = round_questions(s);
  auto has = [&](const std::string& q) { return std::find(qs.begin(), qs.end(), q) != qs.end(); };
  for (const char* q : {"club.test. SOA",
                        "club.test. NS",
                        "club.test. MX",
                        "club.test. TXT",
                        "club.test. A",
                        "club.test. AAAA",
                        "club.test. CAA",
                        "_dmarc.club.test. TXT",
                        "mail.club.test. A",
                        "mail.club.test. AAAA",
                        "smtp.club.test. A",
                        "webmail.club.test. A",
                        "cpanel.club.test. A",
                        "autodiscover.club.test. AAAA",
                        "cpcontacts.club.test. A",
                        "_submission._tcp.club.test. SRV",
                        "_imaps._tcp.club.test. SRV",
                        "_autodiscover._tcp.club.test. SRV",
                        "_carddavs._tcp.club.test. SRV",
                        "_mta-sts.club.test. TXT",
                        "_smtp._tls.club.test. TXT",
                        "default._bimi.club.test. TXT",
                        "default._domainkey.club.test. TXT",
                        "selector1._domainkey.club.test. TXT"})
    CHECK_MESSAGE(has(q), q);
  std::vector<std::string> sorted = qs;
  std::sort(sorted.begin(), sorted.end());
  CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());
  CHECK(qs.size() == s.facts().size());

  // Each question comes with its RFC 8484 query: ID 0, the right question.
  for (const PendingQuestion& p : s.pending()) {
    REQUIRE(p.wire.size() > 12);
    CHECK(p.wire[0] == 0);
    CHECK(p.wire[1] == 0);
    size_t n = wire_name_size(p.wire.substr(12));
    REQUIRE(n == p.question->name.length);
    CHECK(p.wire.substr(12, n) == p.question->name.view());
    CHECK(uint8_t(p.wire[12 + n]) * 256 + uint8_t(p.wire[13 + n]) == p.question->type);
  }
}

TEST_CASE("session: the cPanel story takes exactly as many rounds as its dependency depth") {
  DnsWorld w = club_world();
  Session s("club.test", defaults());
  uint32_t rounds = w.run(s);
  REQUIRE(s.done());
  // Round 1: the domain's names. Round 2: what round 1 revealed (the MX
  // exchange's TLSA, _spf.mailhost.test, the SRV target, the PTR of ftp's
  // origin address). Round 3: _spf2 from _spf's include. Nothing more.
  CHECK(rounds == 3);
  CHECK(fact(s, "_spf.mailhost.test.", rrtype::TXT)->round == 2);
  CHECK(fact(s, "_spf2.mailhost.test.", rrtype::TXT)->round == 3);
  CHECK(fact(s, "cpanelemaildiscovery.cpanel.test.", rrtype::A)->round == 2);
  CHECK(fact(s, "_25._tcp.mail.club.test.", rrtype::TLSA)->round == 2);
  CHECK(fact(s, "10.113.0.203.in-addr.arpa.", rrtype::PTR)->round == 2);
  // mail.club.test's addresses were already asked in round 1 (a client name).
  CHECK(fact(s, "mail.club.test.", rrtype::A)->round == 1);
  CHECK((fact(s, "mail.club.test.", rrtype::A)->purposes & purpose::mx_target) != 0);

  // mail A: the chain through the apex to Cloudflare's address.
  const Fact* mail = fact(s, "mail.club.test.", rrtype::A);
  REQUIRE(mail->state == FactState::answered);
  REQUIRE(mail->chain.size() == 1);
  CHECK(name_text(mail->chain[0].rdata) == "club.test.");
  REQUIRE(mail->records.size() == 1);
  CHECK(test::to_hex(mail->records[0].rdata) == "68150507");  // 104.21.5.7
  CHECK_FALSE(mail->chain_incomplete);

  // A proxy's address gets no PTR question; the origin's does.
  CHECK_FALSE(asked(s, "7.5.21.104.in-addr.arpa.", rrtype::PTR));
  CHECK(fact(s, "10.113.0.203.in-addr.arpa.", rrtype::PTR)->state == FactState::answered);

  // Names that do not exist are answered NXDOMAIN, which is a fact.
  const Fact* smtp = fact(s, "smtp.club.test.", rrtype::A);
  CHECK(smtp->state == FactState::answered);
  CHECK(smtp->rcode == rcode::NXDOMAIN);
  CHECK(s.spf_lookups() == 4);  // a, mx, include:_spf, include:_spf2
  CHECK(s.budget_hits().empty());

  // No question was asked twice.
  std::vector<std::string> sorted = w.asked;
  std::sort(sorted.begin(), sorted.end());
  CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());
  CHECK(w.asked.size() == s.facts().size());
}

TEST_CASE("session: names the uploaded zone reveals go out in the first round") {
  const char* text =
      "$ORIGIN club.test.\n$TTL 300\n"
      "@ IN MX 10 mx1.mailhost.test.\n"
      "@ IN TXT \"v=spf1 include:_spf.mailhost.test -all\"\n"
      "mail IN A 203.0.113.10\n"
      "x2024._domainkey IN TXT \"v=DKIM1; p=MIIB\"\n"
      "_submission._tcp IN SRV 0 1 587 smtp.mailhost.test.\n";
  auto zone = std::make_shared<Zone>(parse_zone(text, "club.zone", {}));
  REQUIRE(zone->size() == 5);
  Session s("club.test", defaults(), {zone});
  for (auto [name, type] :
       std::initializer_list<std::pair<const char*, uint16_t>>{{"mx1.mailhost.test.", rrtype::A},
                                                               {"mx1.mailhost.test.", rrtype::AAAA},
                                                               {"_25._tcp.mx1.mailhost.test.", rrtype::TLSA},
                                                               {"_spf.mailhost.test.", rrtype::TXT},
                                                               {"10.113.0.203.in-addr.arpa.", rrtype::PTR},
                                                               {"x2024._domainkey.club.test.", rrtype::TXT},
                                                               {"smtp.mailhost.test.", rrtype::A}}) {
    const Fact* f = fact(s, name, type);
    REQUIRE_MESSAGE(f, name);
    CHECK_MESSAGE(f->round == 1, name);
  }
}

TEST_CASE("session: a CNAME chain cut short is followed in the next round, within the depth budget") {
  DnsWorld w;
  w.records = {{"club.test.", "MX", "0 mail.club.test."},
               {"mail.club.test.", "CNAME", "mail.hoster.test."},
               {"mail.hoster.test.", "CNAME", "edge.cdn.test."},
               {"edge.cdn.test.", "A", "192.0.2.1"}};
  // An authoritative server answers with the CNAME alone when the target is
  // out of its zone.
  w.stop_chain = {"mail.club.test.", "mail.hoster.test."};
  Session s("club.test", defaults());
  w.run(s);
  const Fact* first = fact(s, "mail.club.test.", rrtype::A);
  CHECK(first->chain_incomplete);
  const Fact* second = fact(s, "mail.hoster.test.", rrtype::A);
  REQUIRE(second);
  CHECK(second->round == 2);
  CHECK(second->depth == 1);
  CHECK((second->purposes & purpose::client_name) != 0);
  const Fact* third = fact(s, "edge.cdn.test.", rrtype::A);
  REQUIRE(third);
  CHECK(third->round == 3);
  CHECK(third->depth == 2);
  CHECK(third->records.size() == 1);

  SessionOptions tight;
  tight.limits.max_cname_depth = 1;
  Session t("club.test", tight);
  DnsWorld w2 = w;
  w2.run(t);
  CHECK_FALSE(asked(t, "mail.hoster.test.", rrtype::A));
  REQUIRE_FALSE(t.budget_hits().empty());
  CHECK(t.budget_hits()[0].budget == Budget::cname_depth);
}

TEST_CASE("session: a CNAME loop is recorded, not followed") {
  DnsWorld w;
  // The domain's own DMARC record keeps the tree walk to round one.
  w.records = {{"mail.club.test.", "CNAME", "a.club.test."},
               {"a.club.test.", "CNAME", "mail.club.test."},
               {"_dmarc.club.test.", "TXT", "\"v=DMARC1; p=none\""}};
  Session s("club.test", defaults());
  uint32_t rounds = w.run(s);
  CHECK(rounds == 1);
  const Fact* f = fact(s, "mail.club.test.", rrtype::A);
  REQUIRE(f->state == FactState::answered);
  CHECK(f->chain.size() == 2);
  CHECK(f->records.empty());
  CHECK_FALSE(f->chain_incomplete);
}

TEST_CASE("session: failures and unusable answers make a fact unknown, with the reason") {
  DnsWorld w = club_world();
  w.failures["club.test. MX"] = "timeout";
  w.failures["mail.club.test. A"] =
      R"({"Status":2,"Question":[{"name":"mail.club.test.","type":1}],"Comment":"upstream unreachable"})";
  w.failures["mail.club.test. AAAA"] = R"({"Status":0,"TC":true,"Question":[{"name":"mail.club.test.","type":28}]})";
  w.failures["smtp.club.test. A"] =
      R"({"Status":0,"Question":[{"name":"evil.test.","type":1}],"Answer":[{"name":"evil.test.","type":1,"TTL":1,"data":"192.0.2.66"}]})";
  w.failures["imap.club.test. A"] = R"({"Status":0,)";
  w.failures["pop.club.test. A"] = R"({"Status":5,"Question":[{"name":"pop.club.test.","type":1}]})";
  Session s("club.test", defaults());
  w.run(s);
  REQUIRE(s.done());
  auto reason = [&](const char* name, uint16_t type) {
    const Fact* f = fact(s, name, type);
    REQUIRE(f);
    CHECK(f->state == FactState::unknown);
    CHECK(f->records.empty());
    return f->reason.text();
  };
  CHECK(reason("club.test.", rrtype::MX) == "timeout: no answer in 5000 ms");
  CHECK(reason("mail.club.test.", rrtype::A) == "server-failure");
  CHECK(fact(s, "mail.club.test.", rrtype::A)->comment == "upstream unreachable");
  CHECK(reason("mail.club.test.", rrtype::AAAA) == "truncated");
  CHECK(reason("smtp.club.test.", rrtype::A) == "wrong-question");
  CHECK(reason("imap.club.test.", rrtype::A).rfind("malformed-json: not-json", 0) == 0);
  CHECK(reason("pop.club.test.", rrtype::A) == "refused");
  // The MX was not learnt, so its exchange was not asked for as an MX target.
  CHECK((fact(s, "mail.club.test.", rrtype::A)->purposes & purpose::mx_target) == 0);
  CHECK_FALSE(asked(s, "_25._tcp.mail.club.test.", rrtype::TLSA));
}

TEST_CASE("session: hostile wire answers are rejected whole") {
  Session s("club.test", defaults());
  auto qs = s.pending();
  REQUIRE(qs.size() > 3);
  // A compression pointer to itself where the question name should be.
  std::string loop = test::from_hex("000081800001000000000000C00C00010001");
  CHECK(s.feed_wire(qs[0].id, loop));
  CHECK(s.facts()[qs[0].id].state == FactState::unknown);
  CHECK(s.facts()[qs[0].id].reason.code == UnknownCode::malformed);
  // Counts past the end.
  CHECK(s.feed_wire(qs[1].id, test::from_hex("00008180000100050000000004636C7562047465737400000F0001")));
  CHECK(s.facts()[qs[1].id].reason.code == UnknownCode::malformed);
  // Too short for a header.
  CHECK(s.feed_wire(qs[2].id, test::from_hex("0000")));
  CHECK(s.facts()[qs[2].id].reason.code == UnknownCode::malformed);
  CHECK(s.facts()[qs[2].id].reason.detail == "short-header");
}

TEST_CASE("session: feeding what was not asked, or twice, changes nothing") {
  Session s("club.test", defaults());
  auto qs = s.pending();
  REQUIRE(!qs.empty());
  uint32_t id = qs[0].id;
  CHECK_FALSE(s.feed_failure(99999, FailureKind::network, "x"));
  CHECK(s.feed_failure(id, FailureKind::network, "connection reset"));
  CHECK_FALSE(s.feed_failure(id, FailureKind::network, "again"));
  CHECK_FALSE(s.feed_json(id, "{}"));
  CHECK(s.facts()[id].reason.code == UnknownCode::network);
  CHECK(s.facts()[id].reason.detail == "connection reset");
  CHECK(s.pending().size() == qs.size() - 1);
}

TEST_CASE("session: answers may come in any order") {
  DnsWorld w = club_world();
  Session forward("club.test", defaults());
  w.run(forward);
  Session backward("club.test", defaults());
  for (int i = 0; i < 64 && !backward.done(); ++i) {
    auto qs = backward.pending();
    for (auto it = qs.rbegin(); it != qs.rend(); ++it) {
      std::string name = DnsWorld::lower(name_text(it->question->name.view()));
      REQUIRE(backward.feed_json(it->id, w.answer_json(name, type_name(it->question->type))));
    }
  }
  REQUIRE(backward.done());
  CHECK(backward.round() == forward.round());
  CHECK(backward.facts().size() == forward.facts().size());
  for (const Fact& f : forward.facts()) {
    const Fact* g = backward.find(f.question.name.view(), f.question.type);
    REQUIRE(g);
    CHECK(g->round == f.round);
    CHECK(g->records.size() == f.records.size());
  }
}

TEST_CASE("session: budgets are explicit and recorded") {
  SUBCASE("questions") {
    SessionOptions o;
    o.limits.max_questions = 10;
    Session s("club.test", o);
    CHECK(s.facts().size() == 10);
    REQUIRE(s.budget_hits().size() == 1);
    CHECK(s.budget_hits()[0].budget == Budget::questions);
    CHECK(s.budget_hits()[0].skipped > 0);
  }
  SUBCASE("rounds: what would come after the last round stays unknown") {
    SessionOptions o;
    o.limits.max_rounds = 1;
    DnsWorld w = club_world();
    Session s("club.test", o);
    CHECK(w.run(s) == 1);
    REQUIRE(s.done());
    const Fact* spf = fact(s, "_spf.mailhost.test.", rrtype::TXT);
    REQUIRE(spf);
    CHECK(spf->state == FactState::unknown);
    CHECK(spf->reason.code == UnknownCode::budget);
    CHECK(spf->reason.detail == "rounds");
    REQUIRE(s.budget_hits().size() == 1);
    CHECK(s.budget_hits()[0].budget == Budget::rounds);
  }
  SUBCASE("SPF lookups: one past RFC 7208's ten, then no more") {
    DnsWorld w;
    std::string policy = "\"v=spf1";
    for (int i = 0; i < 14; ++i) policy += " include:s" + std::to_string(i) + ".mailhost.test";
    policy += " -all\"";
    w.records = {{"club.test.", "TXT", policy}};
    Session s("club.test", defaults());
    w.run(s);
    CHECK(s.spf_lookups() == 11);
    CHECK(asked(s, "s10.mailhost.test.", rrtype::TXT));
    CHECK_FALSE(asked(s, "s11.mailhost.test.", rrtype::TXT));
    REQUIRE(s.budget_hits().size() == 1);
    CHECK(s.budget_hits()[0].budget == Budget::spf_lookups);
    CHECK(s.budget_hits()[0].skipped == 3);
  }
}

TEST_CASE("session: SPF terms are read as RFC 7208 writes them") {
  DnsWorld w;
  w.records = {{"club.test.", "TXT",
                "\"v=spf1 a:web.club.test/24 mx:other.test ptr exists:%{i}.bl.test \" \"redirect=_spf.host.test\""},
               {"club.test.", "TXT", "\"v=spf10 include:not-spf.test\""},
               {"other.test.", "MX", "5 mx.other.test."}};
  Session s("club.test", defaults());
  w.run(s);
  CHECK(asked(s, "web.club.test.", rrtype::A));
  CHECK(asked(s, "web.club.test.", rrtype::AAAA));
  CHECK(asked(s, "other.test.", rrtype::MX));
  CHECK(asked(s, "mx.other.test.", rrtype::A));  // mx: targets' addresses
  CHECK(asked(s, "_spf.host.test.", rrtype::TXT));
  CHECK_FALSE(asked(s, "not-spf.test.", rrtype::TXT));  // "v=spf10" is not SPF
  CHECK(s.spf_lookups() == 5);                          // a, mx, ptr, exists (macro: counted, not asked), redirect
  CHECK_FALSE(asked(s, "_25._tcp.mx.other.test.", rrtype::TLSA));  // not one of our MXes
}

// The Session reads SPF through the parser of policy/spf.h. Where a term is
// not what RFC 7208 §12 allows, the hand tokeniser it replaced still asked
// something; these are the cases where the two differ, with the RFC's reading.
TEST_CASE("session: an SPF term RFC 7208 does not allow is not followed") {
  auto run = [](const std::string& policy) {
    DnsWorld w;
    w.records = {{"club.test.", "TXT", "\"" + policy + "\""}};
    auto s = std::make_unique<Session>("club.test", defaults());
    w.run(*s);
    return s;
  };
  SUBCASE("a modifier takes no qualifier (§12: modifier = redirect / explanation / unknown-modifier)") {
    auto s = run("v=spf1 +redirect=_spf.host.test");
    CHECK_FALSE(asked(*s, "_spf.host.test.", rrtype::TXT));  // the tokeniser asked it
    CHECK(s->spf_lookups() == 0);
  }
  SUBCASE("mx: with a colon needs a domain-spec (§5.4); without the colon it is the domain's own MX") {
    auto s = run("v=spf1 mx: a:web.club.test");
    CHECK(s->spf_lookups() == 2);  // a lookup term still, as a receiver counts it
    CHECK(asked(*s, "web.club.test.", rrtype::A));
    // The tokeniser asked the domain's MX for "mx:" as a term of purpose
    // spf-term; the apex MX is asked anyway, but only as the apex's.
    const Fact* mx = fact(*s, "club.test.", rrtype::MX);
    REQUIRE(mx);
    CHECK((mx->purposes & purpose::spf_term) == 0);
    auto plain = run("v=spf1 mx");
    const Fact* own = fact(*plain, "club.test.", rrtype::MX);
    REQUIRE(own);
    CHECK((own->purposes & purpose::spf_term) != 0);
  }
  SUBCASE("a domain-spec ends in a dot and a toplabel (§12), and a cidr length is at most 32 (§5.6)") {
    auto s = run("v=spf1 a:192.0.2.1 include:localhost a:web.club.test/33");
    CHECK(s->spf_lookups() == 3);  // counted, as the tokeniser did
    // The tokeniser asked all three names.
    CHECK_FALSE(asked(*s, "192.0.2.1.", rrtype::A));
    CHECK_FALSE(asked(*s, "localhost.", rrtype::TXT));
    CHECK_FALSE(asked(*s, "web.club.test.", rrtype::A));
  }
  SUBCASE("a second redirect= is a permerror (§6); only the first is followed") {
    auto s = run("v=spf1 redirect=one.test redirect=two.test");
    CHECK(asked(*s, "one.test.", rrtype::TXT));
    CHECK_FALSE(asked(*s, "two.test.", rrtype::TXT));  // the tokeniser asked both
    CHECK(s->spf_lookups() == 2);
  }
}

TEST_CASE("session: a term reported invalid or never evaluated asks nothing (RFC 7208 §5.1, §6.1, §12)") {
  auto run = [](const std::string& policy) {
    DnsWorld w;
    w.records = {{"club.test.", "TXT", "\"" + policy + "\""}};
    auto s = std::make_unique<Session>("club.test", defaults());
    w.run(*s);
    return s;
  };
  SUBCASE("a domain-spec with an empty label (spf-bad-domain-spec)") {
    auto s = run("v=spf1 include:one..example.net include:two.example.net -all");
    for (const Fact& f : s->facts()) CHECK(name_text(f.question.name.view()).find("one") == std::string::npos);
    CHECK(asked(*s, "two.example.net.", rrtype::TXT));
  }
  SUBCASE("a mechanism after all (spf-mechanisms-after-all): never evaluated, not counted") {
    auto s = run("v=spf1 include:one.example.net -all include:two.example.net a:three.example.net");
    CHECK(asked(*s, "one.example.net.", rrtype::TXT));
    CHECK_FALSE(asked(*s, "two.example.net.", rrtype::TXT));
    CHECK_FALSE(asked(*s, "three.example.net.", rrtype::A));
    CHECK(s->spf_lookups() == 1);
  }
  SUBCASE("a redirect beside all (spf-redirect-ignored)") {
    auto s = run("v=spf1 mx -all redirect=other.example.net");
    CHECK_FALSE(asked(*s, "other.example.net.", rrtype::TXT));
  }
  SUBCASE("more than ten lookups: the first are still asked, as a receiver evaluates them") {
    std::string policy = "v=spf1";
    for (int i = 0; i < 11; ++i) policy += " include:n" + std::to_string(i) + ".example.net";
    auto s = run(policy + " -all");
    CHECK(asked(*s, "n0.example.net.", rrtype::TXT));
    CHECK(asked(*s, "n9.example.net.", rrtype::TXT));
  }
}

TEST_CASE("session: what a person did not choose is not asked; queries are padded (RFC 8467 §4.1)") {
  DnsWorld w = club_world();
  Session s("club.test", SessionOptions{});
  // Every query is padded to a multiple of 128 octets with the EDNS(0)
  // Padding option (RFC 7830 option code 12).
  for (const PendingQuestion& p : s.pending()) {
    CHECK(p.wire.size() % 128 == 0);
    CHECK(p.wire.find(std::string("\x00\x0c", 2)) != std::string_view::npos);
  }
  w.run(s);
  // ftp.club.test's origin address is not sent to the resolver as a PTR.
  CHECK_FALSE(asked(s, "10.113.0.203.in-addr.arpa.", rrtype::PTR));
  // "padding": false turns it off, "ask_ptr": true asks the PTR.
  SessionOptions o = session_options_from_json(R"({"padding": false, "ask_ptr": true})");
  CHECK(o.query.padding_block == 0);
  CHECK(o.ask_ptr);
  Session plain("club.test", o);
  for (const PendingQuestion& p : plain.pending()) CHECK(p.wire.size() % 128 != 0);
  DnsWorld again = club_world();
  again.run(plain);
  CHECK(asked(plain, "10.113.0.203.in-addr.arpa.", rrtype::PTR));
  CHECK(session_options_from_json("{}").query.padding_block == 128);
  CHECK_FALSE(session_options_from_json("{}").ask_ptr);
}

TEST_CASE("session: the codes of unknown reasons and budgets keep the names they had") {
  // An unknown reason's code is the FailureKind's or AnswerVerdict's name.
  for (FailureKind k : {FailureKind::timeout, FailureKind::http, FailureKind::network, FailureKind::content_type})
    CHECK(unknown_code_name(unknown_code_of(k)) == failure_kind_name(k));
  for (AnswerVerdict v : {AnswerVerdict::no_question, AnswerVerdict::wrong_question, AnswerVerdict::truncated,
                          AnswerVerdict::server_failure, AnswerVerdict::refused, AnswerVerdict::other_rcode})
    CHECK(unknown_code_name(unknown_code_of(v)) == answer_verdict_name(v));
  CHECK(unknown_code_name(UnknownCode::malformed_json) == "malformed-json");
  CHECK(unknown_reason_codes().size() == size_t(UnknownCode::not_authoritative) + 1);
  CHECK(unknown_code_name(UnknownCode::not_authoritative) == "not-authoritative");
  CHECK(UnknownReason{UnknownCode::other_rcode, "BADVERS"}.text() == "other-rcode: BADVERS");
  CHECK(UnknownReason{UnknownCode::refused, ""}.text() == "refused");
  const std::vector<std::string_view> budgets(budget_names().begin(), budget_names().end());
  CHECK(budgets == std::vector<std::string_view>{"questions", "rounds", "cname-depth", "spf-lookups", "answer-records",
                                                 "mail-names", "zone-records"});
  CHECK(budget_name(Budget::zone_records) == "zone-records");
}

TEST_CASE("session: facts as JSON") {
  DnsWorld w = club_world();
  w.failures["club.test. MX"] = "timeout";
  Session s("club.test", defaults());
  w.run(s);
  nlohmann::json j = session_to_json(s);
  CHECK(j["domain"] == "club.test.");
  CHECK(j["done"] == true);
  CHECK(j["rounds"] == s.round());
  CHECK(j["facts"].size() == s.facts().size());
  nlohmann::json mail;
  for (const auto& f : j["facts"])
    if (f["name"] == "mail.club.test." && f["type"] == "A") mail = f;
  REQUIRE(mail.is_object());
  CHECK(mail["state"] == "answered");
  CHECK(mail["rcode"] == "NOERROR");
  CHECK(mail["chain"][0]["data"] == "club.test.");
  CHECK(mail["records"][0]["data"] == "104.21.5.7");
  CHECK(mail["purposes"] == nlohmann::json::array({"client-name"}));
  nlohmann::json mx;
  for (const auto& f : j["facts"])
    if (f["name"] == "club.test." && f["type"] == "MX") mx = f;
  CHECK(mx["state"] == "unknown");
  CHECK(mx["reason"] == nlohmann::json({{"code", "timeout"}, {"detail", "no answer in 5000 ms"}}));
  CHECK_FALSE(mx.contains("records"));
}

TEST_CASE("session: recorded answers of the cPanel scenario replay to the same facts") {
  const std::string dir = std::string(MXRAY_SOURCE_DIR) + "/tests/scenarios/cpanel-mail-cname/";
  nlohmann::json scenario = test::read_json_file(dir + "scenario.json");
  nlohmann::json recording = test::read_json_file(dir + "answers.json");
  Session s(scenario["domain"].get<std::string>(), defaults());
  test::ReplayResult r = test::replay(s, recording);
  CHECK(r.missing.empty());
  REQUIRE(s.done());
  // No wasted round trips: as many rounds as the scenario's dependency depth.
  CHECK(r.rounds == scenario["depth"].get<uint32_t>());
  CHECK(r.questions == recording["answers"].size());
  const Fact* mail = fact(s, "mail.club.test.", rrtype::A);
  REQUIRE(mail);
  CHECK(mail->state == FactState::answered);
  REQUIRE(mail->chain.size() == 1);
  CHECK(name_text(mail->chain[0].rdata) == "club.test.");
  CHECK(mail->records.size() == 2);
  CHECK((mail->purposes & purpose::mx_target) != 0);
  // nsd is authoritative only for the served zones: other names are
  // REFUSED, which must leave those facts unknown.
  const Fact* outside = fact(s, "80.2.0.192.in-addr.arpa.", rrtype::PTR);
  REQUIRE(outside);
  CHECK(outside->state == FactState::unknown);
  CHECK(outside->reason.code == UnknownCode::refused);
}

TEST_CASE("session: a PTR answer asks its name's address back; an MTA-STS TXT asks its policy host") {
  DnsWorld w = club_world();
  w.records.push_back({"server.club.test.", "A", "203.0.113.10"});
  w.records.push_back({"_mta-sts.club.test.", "TXT", "\"v=STSv1; id=1\""});
  Session s("club.test", defaults());
  w.run(s);
  REQUIRE(s.done());
  // Forward-confirmed reverse DNS (RFC 8601 §3): PTR in round 2, its A in 3.
  const Fact* fwd = fact(s, "server.club.test.", rrtype::A);
  REQUIRE(fwd);
  CHECK(fwd->round == 3);
  CHECK(fwd->purposes == purpose::ptr);
  CHECK(fwd->state == FactState::answered);
  // An in-addr.arpa PTR asks A only, and the forward answer asks no further PTR.
  CHECK_FALSE(asked(s, "server.club.test.", rrtype::AAAA));
  CHECK(std::count(w.asked.begin(), w.asked.end(), "10.113.0.203.in-addr.arpa. PTR") == 1);
  // RFC 8461 §3.3: the policy is fetched from mta-sts.<domain>.
  CHECK(fact(s, "mta-sts.club.test.", rrtype::A)->round == 2);
  CHECK(fact(s, "mta-sts.club.test.", rrtype::AAAA)->purposes == purpose::policy);

  // Without an STSv1 TXT, mta-sts.<domain> is not asked.
  DnsWorld plain = club_world();
  Session p("club.test", defaults());
  plain.run(p);
  CHECK_FALSE(asked(p, "mta-sts.club.test.", rrtype::A));

  // An ip6.arpa PTR asks AAAA.
  DnsWorld six;
  six.records = {{"six.test.", "MX", "10 mx.six.test."},
                 {"mx.six.test.", "AAAA", "2001:db8::25"},
                 {"5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.", "PTR", "mx.six.test."}};
  Session v6("six.test", defaults());
  six.run(v6);
  const Fact* ptr6 = fact(v6, "5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.", rrtype::PTR);
  REQUIRE(ptr6);
  CHECK(ptr6->state == FactState::answered);
  CHECK((fact(v6, "mx.six.test.", rrtype::AAAA)->purposes & purpose::ptr) != 0);
}

namespace {

// The _dmarc questions the session asked, in the order asked.
std::vector<std::string> dmarc_asked(const DnsWorld& w) {
  std::vector<std::string> out;
  for (const std::string& q : w.asked)
    if (q.rfind("_dmarc.", 0) == 0) out.push_back(q);
  return out;
}

}  // namespace

TEST_CASE("session: DMARC policy is discovered by the RFC 9989 tree walk, one name a round") {
  // The domain's own record: nothing above it is asked (§4.10.1).
  DnsWorld own = club_world();
  Session s("club.test", defaults());
  own.run(s);
  CHECK(dmarc_asked(own) == std::vector<std::string>{"_dmarc.club.test. TXT"});

  // None of its own: the parent is asked in the next round, down to one label.
  DnsWorld bare;
  bare.records = {{"club.test.", "MX", "0 mx.host.test."}};
  Session b("club.test", defaults());
  bare.run(b);
  CHECK(dmarc_asked(bare) == std::vector<std::string>{"_dmarc.club.test. TXT", "_dmarc.test. TXT"});
  CHECK(fact(b, "_dmarc.test.", rrtype::TXT)->round == 2);
  CHECK((fact(b, "_dmarc.test.", rrtype::TXT)->purposes & purpose::dmarc) != 0);

  // A record with psd=n ends the walk (§4.10 step 6): the TLD is never asked.
  DnsWorld deep;
  deep.records = {{"_dmarc.club.test.", "TXT", "\"v=DMARC1; p=reject; psd=n\""},
                  {"_dmarc.test.", "TXT", "\"v=DMARC1; p=none; psd=y\""}};
  Session d("mail.dept.club.test", defaults());
  deep.run(d);
  CHECK(dmarc_asked(deep) == std::vector<std::string>{"_dmarc.mail.dept.club.test. TXT", "_dmarc.dept.club.test. TXT",
                                                      "_dmarc.club.test. TXT"});
  CHECK(fact(d, "_dmarc.club.test.", rrtype::TXT)->round == 3);

  // Without psd, a record above goes on to the next name (§4.10.2 wants the
  // one with the fewest labels).
  DnsWorld upper;
  upper.records = {{"_dmarc.club.test.", "TXT", "\"v=DMARC1; p=reject\""}};
  Session u("dept.club.test", defaults());
  upper.run(u);
  CHECK(dmarc_asked(upper) ==
        std::vector<std::string>{"_dmarc.dept.club.test. TXT", "_dmarc.club.test. TXT", "_dmarc.test. TXT"});

  // A name without a usable answer stops the walk: what lies above is not guessed.
  DnsWorld failing;
  failing.failures["_dmarc.club.test. TXT"] = "timeout";
  Session f("club.test", defaults());
  failing.run(f);
  CHECK(dmarc_asked(failing) == std::vector<std::string>{"_dmarc.club.test. TXT"});
}

TEST_CASE("session: a long domain's tree walk asks at most eight names, skipping the middle") {
  DnsWorld w;
  Session s("a.b.c.d.e.f.g.h.i.j.mail.example.test", defaults());
  w.run(s);
  CHECK(dmarc_asked(w) ==
        std::vector<std::string>{"_dmarc.a.b.c.d.e.f.g.h.i.j.mail.example.test. TXT",
                                 "_dmarc.g.h.i.j.mail.example.test. TXT", "_dmarc.h.i.j.mail.example.test. TXT",
                                 "_dmarc.i.j.mail.example.test. TXT", "_dmarc.j.mail.example.test. TXT",
                                 "_dmarc.mail.example.test. TXT", "_dmarc.example.test. TXT", "_dmarc.test. TXT"});
  CHECK(s.budget_hits().empty());
}

TEST_CASE("session: a name below the domain with its own MX or SPF gets its DMARC policy discovered") {
  const char* text =
      "$ORIGIN club.test.\n$TTL 300\n"
      "@ IN MX 10 mx1.mailhost.test.\n"
      "news IN MX 10 mx.newsletter.test.\n"
      "bounce IN TXT \"v=spf1 include:esp.test -all\"\n"
      "_spf IN TXT \"v=spf1 ip4:192.0.2.1 -all\"\n";
  auto zone = std::make_shared<Zone>(parse_zone(text, "club.zone", {}));
  Session s("club.test", defaults(), {zone});
  for (const char* name : {"_dmarc.club.test.", "_dmarc.news.club.test.", "_dmarc.bounce.club.test."}) {
    const Fact* f = fact(s, name, rrtype::TXT);
    REQUIRE_MESSAGE(f, name);
    CHECK_MESSAGE(f->round == 1, name);
  }
  // An SPF include target inside the zone is not a mail domain.
  CHECK_FALSE(asked(s, "_dmarc._spf.club.test.", rrtype::TXT));
  DnsWorld w;
  w.records = {{"_dmarc.club.test.", "TXT", "\"v=DMARC1; p=reject\""}};
  w.run(s);
  // news and bounce have none: their walks reach club.test's record, which
  // the domain's own walk already asked, and go on to the TLD.
  CHECK(asked(s, "_dmarc.test.", rrtype::TXT));
  const std::vector<std::string> q = dmarc_asked(w);
  CHECK(std::count(q.begin(), q.end(), "_dmarc.club.test. TXT") == 1);
}

TEST_CASE("session: asked as authoritative, RD is off and an answer without AA is unknown, never an answer") {
  SessionOptions o;
  o.authoritative = true;
  o.query.padding_block = 0;
  Session s("club.test", o);
  auto qs = s.pending();
  REQUIRE(qs.size() > 4);
  // Header flags of every query: RD clear (RFC 1035 §4.1.1); the default session sets it.
  for (const PendingQuestion& q : qs) CHECK((uint8_t(q.wire[2]) & 0x01) == 0);
  CHECK((uint8_t(Session("club.test", SessionOptions{}).pending()[0].wire[2]) & 0x01) == 1);

  auto find_q = [&](uint16_t type) {
    for (const PendingQuestion& q : qs)
      if (q.question->type == type && names_equal(q.question->name.view(), qs[0].question->name.view())) return q;
    FAIL("question not asked");
    return qs[0];
  };
  // Apex A, with AA: 8584 = QR AA RD-clear NOERROR.
  const std::string question = "04636C756204746573740000010001";
  const std::string a_rr = "C00C000100010000012C0004C0000201";  // 192.0.2.1, TTL 300
  PendingQuestion a = find_q(rrtype::A);
  CHECK(s.feed_wire(a.id, test::from_hex("00008400000100010000000"
                                         "0" +
                                         question + a_rr)));
  const Fact& fa = s.facts()[a.id];
  CHECK(fa.state == FactState::answered);
  CHECK(fa.authoritative);
  REQUIRE(fa.records.size() == 1);
  CHECK(fa.records[0].ttl == 300);

  // The same answer without AA (a lame or recursive server).
  PendingQuestion aaaa = find_q(rrtype::AAAA);
  std::string q6 =
      "04636C756204746573740000"
      "1C"
      "0001";
  CHECK(s.feed_wire(aaaa.id, test::from_hex("000080000001000000000000" + q6)));
  CHECK(s.facts()[aaaa.id].state == FactState::unknown);
  CHECK(s.facts()[aaaa.id].reason.text() == "not-authoritative: no-aa");

  // A referral: no answer, NS in the authority section, no AA.
  PendingQuestion mx = find_q(rrtype::MX);
  std::string qmx =
      "04636C756204746573740000"
      "0F"
      "0001";
  std::string ns = "C00C000200010000012C0006036E7331C00C";  // club.test. NS ns1.club.test.
  CHECK(s.feed_wire(mx.id, test::from_hex("000080000001000000010000" + qmx + ns)));
  CHECK(s.facts()[mx.id].reason.text() == "not-authoritative: referral");

  // REFUSED (a server that does not serve the zone at all) stays "refused".
  PendingQuestion soa = find_q(rrtype::SOA);
  std::string qsoa =
      "04636C756204746573740000"
      "06"
      "0001";
  CHECK(s.feed_wire(soa.id, test::from_hex("000080050001000000000000" + qsoa)));
  CHECK(s.facts()[soa.id].reason.text() == "refused");

  nlohmann::json j = session_to_json(s);
  for (const auto& f : j["facts"])
    if (f["id"] == a.id) CHECK(f["authoritative"] == true);
  CHECK(session_options_from_json(R"({"authoritative":true})").authoritative);
  CHECK_FALSE(session_options_from_json("{}").authoritative);
}
