// SPF records (RFC 7208): the published shapes of the big providers and of
// hosting panels, the ABNF of §12 at its edges, and every problem code.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "policy/spf.h"
#include "problem_codes.h"

using namespace mxray;

namespace {

// The problem codes of a record, sorted, space-separated.
std::string codes(const std::vector<SpfProblem>& problems) { return test::problem_codes(problems, spf_problem_name); }
using test::sorted_words;

std::string includes(int n, std::string_view tail) {
  std::string out = "v=spf1";
  for (int i = 0; i < n; ++i) out += " include:s" + std::to_string(i) + ".example.net";
  return out + std::string(tail);
}

struct Case {
  std::string text;
  std::string_view problems;  // expected codes, any order
};

const Case kCases[] = {
    // ---- real-world records that must stay quiet
    {"v=spf1 include:_spf.google.com ~all", ""},             // Google Workspace
    {"v=spf1 include:spf.protection.outlook.com -all", ""},  // Microsoft 365
    {"v=spf1 +a +mx +ip4:203.0.113.10 ~all", ""},            // cPanel's default
    {"v=spf1 -all", ""},                                     // a domain that sends no mail
    {"v=spf1 ip4:192.0.2.0/24 ip4:198.51.100.7 -all", ""},   // networks and hosts
    {"v=spf1 redirect=_spf.example.com", ""},                // redirect stands in for all
    {"V=SPF1 MX Include:_spf.google.com -ALL", ""},          // ABNF strings are case-insensitive
    {"v=spf1  mx   -all  ", ""},                             // 1*SP between terms, *SP at the end
    {"v=spf1 mx -all exp=explain._spf.example.com", ""},     // modifiers may follow all
    {"v=spf1 a:foo.%%.example.com -all", ""},                // %% is a literal, not a macro
    {includes(10, " -all"), ""},                             // exactly the §4.6.4 limit
    // ---- §12 ABNF edges
    {"v=spf1 a//64 -all", ""},                            // dual-cidr-length with the ip6 part only
    {"v=spf1 a/24//64 mx:mail.example.com/28 -all", ""},  // both parts, and after a domain
    {"v=spf1 ip6:2001:db8::/32 ip6:::1/128 -all", ""},    // ip6 network with cidr, "::" forms
    {"v=spf1 ip6:::ffff:192.0.2.1 -all", ""},             // RFC 4291 §2.2 dotted tail
    {"v=spf1 ip4:192.0.2.1/0 ?all", "spf-pass-all"},      // /0 is legal and matches everything
    {"v=spf1 ip6:::/0 -all", "spf-pass-all"},             // the same for IPv6
    {"v=spf1 -ip4:0.0.0.0/0 ~all", ""},                   // /0 with fail: harsh, not open
    {"v=spf1 a/024 -all", "spf-bad-cidr"},                // no leading zero in a length
    {"v=spf1 a/33 -all", "spf-bad-cidr"},                 // ip4 length above 32
    {"v=spf1 mx//129 -all", "spf-bad-cidr"},              // ip6 length above 128
    {"v=spf1 a:example.com/ -all", "spf-bad-cidr"},       // "/" with no length
    {"v=spf1 ip4:192.0.2.0/33 -all", "spf-bad-cidr"},     // §5.6
    {"v=spf1 ip6:2001:db8::/129 -all", "spf-bad-cidr"},   // §5.6
    {"v=spf1 ip4:192.0.2.0//24 -all", "spf-bad-cidr"},    // ip4 has no dual form
    {"v=spf1 ip4:192.0.2.256 -all", "spf-bad-ip4"},       // octet above 255
    {"v=spf1 ip4:192.0.02.1 -all", "spf-bad-ip4"},        // qnum has no leading zero
    {"v=spf1 ip4:1.2.3.4,5.6.7.8 -all", "spf-bad-ip4"},   // a list where one network goes
    {"v=spf1 ip4:2001:db8::1 -all", "spf-bad-ip4"},       // an IPv6 address under ip4
    {"v=spf1 ip4 -all", "spf-bad-ip4"},                   // no network at all
    {"v=spf1 ip6:192.0.2.1 -all", "spf-bad-ip6"},         // an IPv4 address under ip6
    {"v=spf1 ip6:2001:db8:::1 -all", "spf-bad-ip6"},      // ":::" is no address
    // ---- macros (§7)
    {"v=spf1 exists:%{i}._spf.%{d} -all", "spf-macro-domain"},         // RFC 7208 §7.4 style
    {"v=spf1 exists:%{ir}.%{v}._spf.%{d2} -all", "spf-macro-domain"},  // transformers
    {"v=spf1 -exists:%{l1r+-}.%{d} ~all", "spf-macro-domain"},         // digits, r, delimiters
    {"v=spf1 mx:%{d}/24 -all", "spf-macro-domain"},                    // a macro before a cidr
    {"v=spf1 include:%{z}.example.com -all", "spf-bad-macro"},         // no letter z
    {"v=spf1 exists:%{c}.example.com -all", "spf-bad-macro"},          // c is for exp text only
    {"v=spf1 exists:%(ir).sbl.example.org -all", "spf-bad-macro"},     // §7.1's own bad example
    {"v=spf1 exists:%{d0}.example.com -all", "spf-bad-macro"},         // §7.3: digits must be nonzero
    {"v=spf1 exists:%{d2;}.example.com -all", "spf-bad-macro"},        // ";" is no delimiter
    {"v=spf1 exists:%{i -all", "spf-bad-macro"},                       // unterminated
    {"v=spf1 a:example.com% -all", "spf-bad-macro"},                   // a lone % at the end
    {"v=spf1 a:%{d}. -all", "spf-bad-domain-spec"},                    // domain-end: "." toplabel or a macro
    {"v=spf1 foo=%{z} -all", "spf-bad-macro"},                         // unknown-modifier is a macro-string
    {"v=spf1 foo=%{c} -all", "spf-unknown-modifier"},                  // ... where c r t are not refused
    // ---- domain-spec (§12 domain-end, RFC 1035 labels)
    {"v=spf1 a:192.0.2.1 -all", "spf-bad-domain-spec"},                         // an address where a name goes
    {"v=spf1 include:localhost -all", "spf-bad-domain-spec"},                   // domain-end needs a dot
    {"v=spf1 a:example.123 -all", "spf-bad-domain-spec"},                       // all-numeric toplabel
    {"v=spf1 a:example.com- -all", "spf-bad-domain-spec"},                      // toplabel ends with "-"
    {"v=spf1 a:exa..mple.com -all", "spf-bad-domain-spec"},                     // empty label
    {"v=spf1 a:" + std::string(64, 'x') + ".com -all", "spf-bad-domain-spec"},  // 64-octet label
    {"v=spf1 include:_spf.google.com. -all", ""},                               // a trailing dot is fine
    // ---- terms
    {"v=spf1 include: _spf.google.com ~all", "spf-missing-domain spf-malformed-term"},  // a space after ":"
    {"v=spf1 include ~all", "spf-missing-domain"},                                      // include needs a domain
    {"v=spf1 exists: -all", "spf-missing-domain"},                                      // so does exists
    {"v=spf1 mx: -all", "spf-missing-domain"},                                          // ":" promises a domain
    {"v=spf1 mx redirect=", "spf-missing-domain"},                                      // redirect needs one too
    {"v=spf1 foo:bar.example.com -all", "spf-unknown-mechanism"},                       // §4.6.1: permerror
    {"v=spf1 ip:192.0.2.1 -all", "spf-unknown-mechanism"},                              // a near miss of ip4
    {"v=spf1 + -all", "spf-malformed-term"},                                            // a qualifier alone
    {"v=spf1 all:example.com -all", "spf-malformed-term"},                              // all takes no argument
    {"v=spf1 include/24:example.com -all", "spf-malformed-term"},                       // include takes no cidr
    {"v=spf1 +redirect=_spf.example.com", "spf-malformed-term"},                        // modifiers have no qualifier
    {"v=spf1 mx -all\n", "spf-malformed-term"},                                         // a pasted newline
    {"v=spf1 mx\t-all", "spf-malformed-term"},                                          // only SP separates terms
    // ---- whole-record findings
    {"v=spf1", "spf-no-all"},                                                   // §4.7: neutral for all
    {"v=spf1 mx", "spf-no-all"},                                                // same
    {"v=spf1 +all", "spf-pass-all"},                                            // anyone may send
    {"v=spf1 all", "spf-pass-all"},                                             // "+" is the default
    {"v=spf1 ~all include:_spf.google.com", "spf-mechanisms-after-all"},        // never evaluated
    {"v=spf1 -all a mx", "spf-mechanisms-after-all spf-mechanisms-after-all"},  // one per term
    {"v=spf1 ptr -all", "spf-ptr"},                                             // §5.5 SHOULD NOT
    {"v=spf1 ?ptr:example.com -all", "spf-ptr"},                                // with a domain too
    {"v=spf1 include:_spf.example.com redirect=_spf.example.net -all", "spf-redirect-ignored"},  // §5.1
    {"v=spf1 redirect=a.example.com redirect=b.example.com", "spf-duplicate-modifier"},          // §6
    {"v=spf1 exp=a.example.com -all Exp=b.example.com", "spf-duplicate-modifier"},               // case-insensitive
    {"v=spf1 include=_spf.google.com -all", "spf-modifier-like-mechanism"},        // silently skipped by receivers
    {"v=spf1 foo=bar -all", "spf-unknown-modifier"},                               // §6: ignored
    {includes(11, " -all"), "spf-too-many-lookups"},                               // §4.6.4
    {includes(9, " a mx ptr -all"), "spf-too-many-lookups spf-ptr"},               // every kind counts
    {includes(10, " -all include:late.example.net"), "spf-mechanisms-after-all"},  // never evaluated, not counted
    {"v=spf10 -all", "spf-bad-version"},                                           // §4.5: "v=spf10" is not SPF
    {"spf2.0/pra include:example.com -all", "spf-bad-version"},                    // Sender ID
    {"v=spf1include:_spf.google.com ~all", "spf-bad-version"},                     // the space after v=spf1 missing
    {" v=spf1 -all", "spf-bad-version"},                                           // must begin the record
    {"", "spf-bad-version"},                                                       // nothing
};

}  // namespace

TEST_CASE("spf: parse_spf problems") {
  for (const Case& c : kCases) {
    CAPTURE(c.text);
    const SpfRecord r = parse_spf(c.text);
    CHECK(codes(r.problems) == sorted_words(c.problems));
    CHECK(r.is_spf == is_spf_record(c.text));
    for (const SpfProblem& p : r.problems) {
      CHECK(p.offset + p.length <= c.text.size());
      CHECK(p.severity == spf_problem_severity(p.code));
    }
    for (const SpfTerm& t : r.terms) CHECK(t.offset + t.length <= c.text.size());
  }
}

TEST_CASE("spf: every problem code is exercised and has a stable name") {
  std::set<std::string> seen;
  for (const Case& c : kCases)
    for (const SpfProblem& p : parse_spf(c.text).problems) seen.insert(std::string(spf_problem_name(p.code)));
  seen.insert("spf-multiple-records");  // from find_spf_record, tested below
  seen.insert("spf-record-long");       // tested below
  std::set<std::string> all;
  for (std::string_view n : spf_problem_codes()) {
    CHECK(n.substr(0, 4) == "spf-");
    CHECK(n.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string_view::npos);
    CHECK(all.insert(std::string(n)).second);  // unique
  }
  CHECK(seen == all);
  for (size_t i = 0; i < spf_problem_codes().size(); ++i) {
    const auto code = SpfProblemCode(i);
    CHECK(spf_problem_name(code) == spf_problem_codes()[i]);
    CHECK(spf_problem_reference(code).substr(0, 9) == "RFC 7208 ");
  }
}

TEST_CASE("spf: Google Workspace record, term by term") {
  const std::string text = "v=spf1 include:_spf.google.com ~all";
  const SpfRecord r = parse_spf(text);
  REQUIRE(r.is_spf);
  REQUIRE(r.terms.size() == 2);
  CHECK(r.terms[0].kind == SpfTermKind::include);
  CHECK(r.terms[0].value == "_spf.google.com");
  CHECK(text.substr(r.terms[0].offset, r.terms[0].length) == "include:_spf.google.com");
  CHECK(r.terms[0].lookup);
  CHECK_FALSE(r.terms[0].explicit_qualifier);
  CHECK(r.terms[1].kind == SpfTermKind::all);
  CHECK(r.terms[1].qualifier == SpfQualifier::softfail);
  CHECK(spf_qualifier_char(r.terms[1].qualifier) == '~');
  CHECK(r.all_term == 1u);
  CHECK(r.lookup_terms == 1);
  CHECK_FALSE(r.has_errors());
}

TEST_CASE("spf: cPanel default, qualifiers and the ip4 address") {
  const SpfRecord r = parse_spf("v=spf1 +a +mx +ip4:203.0.113.10 ~all");
  REQUIRE(r.terms.size() == 4);
  CHECK(r.terms[0].kind == SpfTermKind::a);
  CHECK(r.terms[0].explicit_qualifier);
  CHECK(r.terms[0].qualifier == SpfQualifier::pass);
  CHECK(r.terms[0].value.empty());  // the domain being checked
  CHECK(r.terms[2].kind == SpfTermKind::ip4);
  CHECK(r.terms[2].value == "203.0.113.10");
  CHECK(r.terms[2].address[0] == 203);
  CHECK(r.terms[2].address[3] == 10);
  CHECK_FALSE(r.terms[2].cidr4.has_value());  // /32 by default
  CHECK_FALSE(r.terms[2].lookup);
  CHECK(r.lookup_terms == 2);  // a and mx
}

TEST_CASE("spf: dual cidr lengths and ip6 networks") {
  const SpfRecord r = parse_spf("v=spf1 a:mail.example.com/24//64 mx//48 ip6:2001:db8::/32 -all");
  REQUIRE(r.terms.size() == 4);
  CHECK(r.terms[0].value == "mail.example.com");
  CHECK(r.terms[0].cidr4 == 24);
  CHECK(r.terms[0].cidr6 == 64);
  CHECK_FALSE(r.terms[1].cidr4.has_value());
  CHECK(r.terms[1].cidr6 == 48);
  CHECK(r.terms[2].value == "2001:db8::");
  CHECK(r.terms[2].cidr6 == 32);
  CHECK(r.terms[2].address[0] == 0x20);
  CHECK(r.terms[2].address[1] == 0x01);
  CHECK(r.problems.empty());
}

TEST_CASE("spf: problems point at the terms responsible") {
  const std::string text = "v=spf1 ~all include:x.example.com redirect=y.example.com";
  const SpfRecord r = parse_spf(text);
  REQUIRE(r.problems.size() == 2);
  // sorted by offset: the include after all, then the redirect beside all
  CHECK(r.problems[0].code == SpfProblemCode::mechanisms_after_all);
  CHECK(text.substr(r.problems[0].offset, r.problems[0].length) == "include:x.example.com");
  CHECK(r.problems[1].code == SpfProblemCode::redirect_ignored);
  CHECK(text.substr(r.problems[1].offset, r.problems[1].length) == "redirect=y.example.com");
  CHECK(r.problems[1].detail == "y.example.com");
  CHECK(r.terms[1].ignored);
  CHECK(r.terms[2].ignored);
  CHECK(r.lookup_terms == 0);  // neither is ever evaluated
  CHECK(r.redirect_term == 2u);
}

TEST_CASE("spf: the eleventh lookup is the one named") {
  const std::string text = includes(12, " -all");
  const SpfRecord r = parse_spf(text);
  CHECK(r.lookup_terms == 12);
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].code == SpfProblemCode::too_many_lookups);
  CHECK(text.substr(r.problems[0].offset, r.problems[0].length) == "include:s10.example.net");
  CHECK(r.problems[0].detail == "12");
  CHECK(r.has_errors());
}

TEST_CASE("spf: macro and cidr problems point inside the term") {
  const std::string text = "v=spf1 exists:%{z}.example.com a/33 -all";
  const SpfRecord r = parse_spf(text);
  REQUIRE(r.problems.size() == 2);
  CHECK(text.substr(r.problems[0].offset, r.problems[0].length) == "%{z}");
  CHECK(r.problems[0].detail == "letter");
  CHECK(text.substr(r.problems[1].offset, r.problems[1].length) == "/33");
  // an address where a name goes says so
  CHECK(parse_spf("v=spf1 a:192.0.2.1 -all").problems.at(0).detail == "address");
  CHECK(parse_spf("v=spf1 ip4:2001:db8::1 -all").problems.at(0).detail == "is-ipv6");
  CHECK(parse_spf("v=spf1 exists:%{c}.example.com -all").problems.at(0).detail == "exp-only-letter");
}

TEST_CASE("spf: a record over the §3.4 guidance") {
  std::string text = "v=spf1";
  for (int i = 0; i < 30; ++i) text += " ip4:198.51.100." + std::to_string(i);
  text += " -all";
  REQUIRE(text.size() > 450);
  const SpfRecord r = parse_spf(text);
  CHECK(codes(r.problems) == "spf-record-long");
  CHECK(r.problems[0].severity == RecordSeverity::warning);
  CHECK(r.problems[0].detail == std::to_string(text.size()));
  // 450 octets exactly is still within the guidance
  std::string edge = "v=spf1";
  while (edge.size() < 300) edge += " ip4:198.51.100.1";
  edge += " -all exp=";
  std::string name;  // labels of 59 octets, up to the size wanted
  while (name.size() + edge.size() + 4 < 450) name += name.size() % 60 == 59 ? '.' : 'e';
  edge += name + ".com";
  REQUIRE(edge.size() == 450);
  CHECK(parse_spf(edge).problems.empty());
}

TEST_CASE("spf: is_spf_record") {
  CHECK(is_spf_record("v=spf1"));
  CHECK(is_spf_record("v=spf1 -all"));
  CHECK(is_spf_record("V=SPF1 -all"));
  CHECK_FALSE(is_spf_record("v=spf10"));
  CHECK_FALSE(is_spf_record("v=spf1-all"));
  CHECK_FALSE(is_spf_record(" v=spf1"));
  CHECK_FALSE(is_spf_record("spf2.0/mfrom"));
  CHECK_FALSE(is_spf_record("v=spf"));
  CHECK_FALSE(is_spf_record(""));
}

TEST_CASE("spf: find_spf_record among the TXT records of a name") {
  // The apex usually carries verification strings beside the SPF record.
  const std::vector<std::string> one = {"google-site-verification=abc123", "v=spf1 include:_spf.google.com ~all",
                                        "MS=ms12345678"};
  SpfSelection s = find_spf_record(one);
  CHECK(s.index == 1u);
  CHECK(s.problems.empty());

  // Two SPF records, typically the panel's default plus the provider's: §4.5 permerror.
  const std::vector<std::string_view> two = {"v=spf1 +a +mx ~all", "v=spf1 include:spf.protection.outlook.com -all",
                                             "v=spf10 ignored"};
  s = find_spf_record(two);
  CHECK_FALSE(s.index.has_value());
  CHECK(s.candidates == std::vector<size_t>{0, 1});
  REQUIRE(s.problems.size() == 1);
  CHECK(s.problems[0].code == SpfProblemCode::multiple_records);
  CHECK(s.problems[0].severity == RecordSeverity::error);
  CHECK(s.problems[0].detail == "2");

  const std::vector<std::string> none = {"v=DMARC1; p=none"};
  s = find_spf_record(none);
  CHECK_FALSE(s.index.has_value());
  CHECK(s.problems.empty());
}

TEST_CASE("spf: every prefix of every case parses without stepping outside the text") {
  for (const Case& c : kCases) {
    for (size_t n = 0; n <= c.text.size(); ++n) {
      const std::string_view text = std::string_view(c.text).substr(0, n);
      const SpfRecord r = parse_spf(text);
      for (const SpfProblem& p : r.problems) CHECK(p.offset + p.length <= text.size());
    }
  }
}
