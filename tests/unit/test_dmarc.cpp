// DMARC records (RFC 9989 §4.7, §4.8): the records people publish, the
// tag-list syntax, every problem code, and the DNS Tree Walk (§4.10).
#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "dns/name.h"
#include "policy/dmarc.h"
#include "problem_codes.h"

using namespace mxray;

namespace {

std::string codes(const std::vector<DmarcProblem>& problems) {
  return test::problem_codes(problems, dmarc_problem_name);
}
using test::sorted_words;

struct Case {
  std::string_view text;
  std::string_view problems;  // expected codes, any order
};

const Case kCases[] = {
    // ---- published shapes that must stay quiet
    {"v=DMARC1; p=reject; rua=mailto:dmarc@example.com", ""},
    {"v=DMARC1; p=quarantine; sp=reject; adkim=s; aspf=s; rua=mailto:a@example.com,mailto:b@reports.example.net",
     ""},                                                               // two report addresses
    {"v=DMARC1 ; p = reject ; rua = mailto:dmarc@example.com ;", ""},   // WSP around "=" and ";"
    {"v=DMARC1;p=reject;rua=mailto:dmarc@example.com;", ""},            // none at all, trailing ";"
    {"v=DMARC1;\tp=reject;\trua=mailto:dmarc@example.com", ""},         // HTAB is WSP
    {"v=DMARC1; p=REJECT; ADKIM=S; rua=MAILTO:dmarc@example.com", ""},  // ABNF strings: any case
    {"v=DMARC1; p=reject; rua=mailto:dmarc@example.com; ruf=mailto:f@example.com; fo=1:d:s", ""},  // reporting tags
    {"v=DMARC1; p=reject; np=reject; psd=n; t=n; rua=mailto:dmarc@example.com", ""},  // §4.7: current tags
    {"v=DMARC1; rua=mailto:dmarc@example.com; p=reject", ""},                         // §4.7: p anywhere after v
    // ---- policy
    {"v=DMARC1; p=none", "dmarc-p-none dmarc-no-rua"},                   // monitoring, and nobody reads it
    {"v=DMARC1; p=none; rua=mailto:dmarc@example.com", "dmarc-p-none"},  // the usual first step
    {"v=DMARC1; rua=mailto:dmarc@example.com", "dmarc-missing-p"},       // §4.7: read as p=none
    {"v=DMARC1;", "dmarc-missing-p dmarc-no-rua"},                       // nothing but the version
    {"v=DMARC1; p=block; rua=mailto:dmarc@example.com", "dmarc-bad-p"},  // not a policy
    {"v=DMARC1; p=; rua=mailto:dmarc@example.com", "dmarc-bad-p"},       // empty
    {"v=DMARC1; p=reject; p=none; rua=mailto:dmarc@example.com", "dmarc-duplicate-tag"},    // which one wins?
    {"v=DMARC1; p=reject; v=DMARC1; rua=mailto:dmarc@example.com", "dmarc-duplicate-tag"},  // v twice
    {"v=DMARC1; p=quarantine; t=y; rua=mailto:dmarc@example.com", "dmarc-test-mode"},       // §4.7: one level less
    // ---- removed by RFC 9989 (§4.7, Appendix A.6): a warning, their values not judged
    {"v=DMARC1; p=quarantine; pct=25; rua=mailto:dmarc@example.com", "dmarc-removed-tag"},
    {"v=DMARC1; p=reject; pct=100; rua=mailto:dmarc@example.com", "dmarc-removed-tag"},
    {"v=DMARC1; p=reject; pct=101; rua=mailto:dmarc@example.com", "dmarc-removed-tag"},  // not an error any more
    {"v=DMARC1; p=reject; rf=iodef; ri=-1; rua=mailto:dmarc@example.com", "dmarc-removed-tag dmarc-removed-tag"},
    {"v=DMARC1; p=reject; rua=mailto:d@example.com; rf=afrf; ri=86400", "dmarc-removed-tag dmarc-removed-tag"},
    // ---- values
    {"v=DMARC1; p=reject; sp=blah; rua=mailto:dmarc@example.com", "dmarc-invalid-value"},
    {"v=DMARC1; p=reject; adkim=x; rua=mailto:dmarc@example.com", "dmarc-invalid-value"},
    {"v=DMARC1; p=reject; aspf=relaxed; rua=mailto:dmarc@example.com", "dmarc-invalid-value"},  // r, not relaxed
    {"v=DMARC1; p=reject; fo=2; rua=mailto:dmarc@example.com", "dmarc-invalid-value"},          // 0 1 d s only
    {"v=DMARC1; p=reject; fo=1:; rua=mailto:dmarc@example.com", "dmarc-invalid-value"},         // empty option
    {"v=DMARC1; p=reject; psd=maybe; rua=mailto:dmarc@example.com", "dmarc-invalid-value"},     // y n u
    // ---- URIs
    {"v=DMARC1; p=reject; rua=dmarc@example.com", "dmarc-bad-uri dmarc-no-rua"},              // "mailto:" left out
    {"v=DMARC1; p=reject; rua=mailto:", "dmarc-bad-uri dmarc-no-rua"},                        // no address
    {"v=DMARC1; p=reject; rua=mailto:dmarc.example.com", "dmarc-bad-uri dmarc-no-rua"},       // no "@"
    {"v=DMARC1; p=reject; rua=mailto:dmarc@example.com!10x", "dmarc-bad-uri dmarc-no-rua"},   // unit k m g t
    {"v=DMARC1; p=reject; rua=mailto:dmarc@example.com!", "dmarc-bad-uri dmarc-no-rua"},      // "!" needs digits
    {"v=DMARC1; p=reject; rua=mailto:a@example.com,,mailto:b@example.com", "dmarc-bad-uri"},  // empty item
    {"v=DMARC1; p=reject; rua=mailto:a@example.com, mailto:b@example.com", ""},               // WSP after ","
    {"v=DMARC1; p=reject; rua=https://reports.example.com/dmarc", "dmarc-uri-not-mailto"},  // §6.2: mailto only is sure
    {"v=DMARC1; p=reject; rua=mailto:dmarc@example.com; ruf=dmarc@example.com", "dmarc-bad-uri"},  // ruf too
    // ---- RFC 7489 syntax RFC 9989 dropped: a note, never a parse error
    {"v=DMARC1; p=reject; rua=mailto:dmarc@example.com!10m", "dmarc-uri-size"},  // §4.8 obs-dmarc-report-size
    {"v=DMARC1; p=reject; rua=mailto:a@example.com!50k,mailto:b@example.net!1g",
     "dmarc-uri-size dmarc-uri-size"},  // one note per address
    {"v=DMARC1; p=reject; rua=mailto:dmarc@example.com; ruf=mailto:f@example.com!2048", "dmarc-uri-size"},  // ruf too
    {"v=DMARC1; p=reject; rua=mailto:d@example.com; ruf=mailto:f@example.com; fo=0:1", "dmarc-fo-conflict"},
    {"v=DMARC1; p=reject; rua=mailto:d@example.com; ruf=mailto:f@example.com; fo=1:d:0", "dmarc-fo-conflict"},
    {"v=DMARC1; p=reject; rua=mailto:d@example.com; ruf=mailto:f@example.com; fo=0:d:s", ""},  // one of 0, 1
    {"v=DMARC1; p=reject; rua=mailto:d@example.com; ruf=mailto:f@example.com; fo=d:1", ""},    // any order
    // ---- tags
    {"v=DMARC1; p=reject; policy=strict; rua=mailto:dmarc@example.com", "dmarc-unknown-tag"},  // §4.7: ignored
    {"v=DMARC1; p=reject; rua=mailto:dmarc@example.com; foo", "dmarc-malformed-tag"},          // no "="
    {"v=DMARC1; p=reject; 1x=y; rua=mailto:dmarc@example.com", "dmarc-malformed-tag"},         // bad tag name
    {"v=DMARC1; p=reject; t=maybe; rua=mailto:dmarc@example.com", "dmarc-invalid-value"},      // y or n
    {"v=DMARC1; p=reject; np=drop; rua=mailto:dmarc@example.com", "dmarc-invalid-value"},      // as p
    // ---- version (§4.7: "case sensitive", "MUST be the first tag")
    {"v=dmarc1; p=reject; rua=mailto:dmarc@example.com", "dmarc-bad-version"},  // case matters here
    {"v=DMARC2; p=reject", "dmarc-bad-version"},                                // a future version
    {"p=reject; v=DMARC1", "dmarc-bad-version"},                                // not first
    {"v=DMARC1 p=reject", "dmarc-bad-version"},                                 // ";" left out
    {" v=DMARC1; p=reject", "dmarc-bad-version"},                               // not at the start
    {"v=spf1 -all", "dmarc-bad-version"},                                       // the wrong record
    {"", "dmarc-bad-version"},                                                  // nothing
};

}  // namespace

TEST_CASE("dmarc: parse_dmarc problems") {
  for (const Case& c : kCases) {
    CAPTURE(c.text);
    const DmarcRecord r = parse_dmarc(c.text);
    CHECK(codes(r.problems) == sorted_words(c.problems));
    for (const DmarcProblem& p : r.problems) {
      CHECK(p.offset + p.length <= c.text.size());
      CHECK(p.severity == dmarc_problem_severity(p.code));
    }
  }
}

TEST_CASE("dmarc: every problem code is exercised and has a stable name") {
  std::set<std::string> seen;
  for (const Case& c : kCases)
    for (const DmarcProblem& p : parse_dmarc(c.text).problems) seen.insert(std::string(dmarc_problem_name(p.code)));
  seen.insert("dmarc-multiple-records");  // from find_dmarc_record, tested below
  seen.insert("dmarc-inherited");         // said by the rules of a record the tree walk found
  std::set<std::string> all;
  for (std::string_view n : dmarc_problem_codes()) {
    CHECK(n.substr(0, 6) == "dmarc-");
    CHECK(n.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string_view::npos);
    CHECK(all.insert(std::string(n)).second);
  }
  CHECK(seen == all);
  for (size_t i = 0; i < dmarc_problem_codes().size(); ++i)
    CHECK(dmarc_problem_name(DmarcProblemCode(i)) == dmarc_problem_codes()[i]);
}

TEST_CASE("dmarc: values of a full record") {
  const DmarcRecord r = parse_dmarc(
      "v=DMARC1; p=quarantine; sp=none; np=reject; adkim=s; aspf=r; fo=1:d; t=n; psd=n; "
      "rua=mailto:dmarc-reports@example.com!10m, mailto:agg@thirdparty.example.net; ruf=mailto:forensic@example.com");
  REQUIRE(r.is_dmarc);
  CHECK(r.p == DmarcPolicy::quarantine);
  CHECK(r.sp == DmarcPolicy::none);
  CHECK(r.np == DmarcPolicy::reject);
  CHECK(r.adkim == DmarcAlignment::strict);
  CHECK(r.aspf == DmarcAlignment::relaxed);
  CHECK(r.fo == (dmarc_fo::any_fail | dmarc_fo::dkim));
  CHECK(r.t == false);
  CHECK(r.psd == 'n');
  CHECK(r.stops_tree_walk());
  REQUIRE(r.rua.size() == 2);
  CHECK(r.rua[0].uri == "mailto:dmarc-reports@example.com");
  CHECK(r.rua[0].scheme == "mailto");
  CHECK(r.rua[0].address == "dmarc-reports@example.com");
  CHECK(r.rua[0].domain == "example.com");
  CHECK(r.rua[0].max_size == uint64_t(10) << 20);
  CHECK(r.rua[1].domain == "thirdparty.example.net");  // §7.1: needs its authorisation record
  CHECK_FALSE(r.rua[1].max_size.has_value());
  REQUIRE(r.ruf.size() == 1);
  CHECK(r.ruf[0].address == "forensic@example.com");
  REQUIRE(r.problems.size() == 1);  // the obsolete "!10m", a note
  CHECK(r.problems[0].code == DmarcProblemCode::uri_size);
  CHECK(r.problems[0].severity == RecordSeverity::info);
  CHECK(r.problems[0].detail == "!10m");
  CHECK(r.effective_policy() == DmarcPolicy::quarantine);
  CHECK(dmarc_policy_name(*r.p) == "quarantine");
}

TEST_CASE("dmarc: fo=0:1 is noted, kept as written, and changes no policy") {
  // RFC 9989 §4.7: "0" and "1" are "mutually exclusive"; fo only asks for failure reports.
  const std::string text = "v=DMARC1; p=reject; rua=mailto:d@example.com; ruf=mailto:f@example.com; fo=0:1";
  const DmarcRecord r = parse_dmarc(text);
  CHECK(r.fo == (dmarc_fo::all_fail | dmarc_fo::any_fail));
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].code == DmarcProblemCode::fo_conflict);
  CHECK(r.problems[0].severity == RecordSeverity::info);
  CHECK(r.problems[0].detail == "0:1");
  CHECK(text.substr(r.problems[0].offset, r.problems[0].length) == "0:1");
  CHECK_FALSE(r.has_errors());
  CHECK(r.effective_policy() == DmarcPolicy::reject);
}

TEST_CASE("dmarc: defaults and tag positions") {
  const std::string text = "v=DMARC1; p=reject; rua=mailto:d@example.com";
  const DmarcRecord r = parse_dmarc(text);
  CHECK(r.adkim == DmarcAlignment::relaxed);
  CHECK(r.aspf == DmarcAlignment::relaxed);
  CHECK(r.fo == dmarc_fo::all_fail);
  CHECK_FALSE(r.t.has_value());
  CHECK_FALSE(r.psd.has_value());  // §4.7: reads as "u"
  CHECK_FALSE(r.stops_tree_walk());
  CHECK_FALSE(parse_dmarc("v=DMARC1; p=none; psd=u").stops_tree_walk());
  CHECK(parse_dmarc("v=DMARC1; p=none; psd=Y").stops_tree_walk());
  REQUIRE(r.tags.size() == 3);
  CHECK(text.substr(r.tags[1].offset, r.tags[1].length) == "p=reject");
  CHECK(text.substr(r.tags[2].value_offset, r.tags[2].value.size()) == "mailto:d@example.com");
  CHECK(text.substr(r.rua[0].offset, r.rua[0].length) == "mailto:d@example.com");
}

TEST_CASE("dmarc: RFC 9989 §4.7 and §4.10.1 fallbacks to p=none") {
  // §4.10.1: an invalid p with a valid rua: act as p=none
  CHECK(parse_dmarc("v=DMARC1; p=block; rua=mailto:d@example.com").effective_policy() == DmarcPolicy::none);
  // an invalid sp or np does the same
  const DmarcRecord sp = parse_dmarc("v=DMARC1; p=reject; sp=bogus; rua=mailto:d@example.com");
  CHECK(sp.sp_invalid);
  CHECK(sp.effective_policy() == DmarcPolicy::none);
  const DmarcRecord np = parse_dmarc("v=DMARC1; p=reject; np=bogus; rua=mailto:d@example.com");
  CHECK(np.np_invalid);
  CHECK(np.effective_policy() == DmarcPolicy::none);
  // without a valid rua: no DMARC processing at all
  CHECK_FALSE(parse_dmarc("v=DMARC1; p=block").effective_policy().has_value());
  CHECK_FALSE(parse_dmarc("v=DMARC1; p=reject; np=x; rua=mailto:x").effective_policy().has_value());
  CHECK_FALSE(parse_dmarc("v=dmarc1; p=reject").effective_policy().has_value());
  // §4.7: no p at all "is treated as if it included p=none", rua or not
  CHECK(parse_dmarc("v=DMARC1; rua=mailto:x").effective_policy() == DmarcPolicy::none);
  CHECK(parse_dmarc("v=DMARC1").effective_policy() == DmarcPolicy::none);
  // removed tags change nothing: pct=0 no longer turns the policy off
  CHECK(parse_dmarc("v=DMARC1; p=reject; pct=0").effective_policy() == DmarcPolicy::reject);
}

TEST_CASE("dmarc: problem details") {
  CHECK(parse_dmarc("v=DMARC1 p=reject").problems.at(0).detail == "missing-separator");
  CHECK(parse_dmarc("p=reject; v=DMARC1").problems.at(0).detail == "not-first");
  CHECK(parse_dmarc("v=dmarc1; p=reject").problems.at(0).detail == "dmarc1");
  CHECK(parse_dmarc(" v=DMARC1; p=reject").problems.at(0).detail == "leading-space");
  const std::string text = "v=DMARC1; p=reject; rua=dmarc@example.com";
  const DmarcRecord r = parse_dmarc(text);
  REQUIRE(r.problems.size() == 2);
  CHECK(r.problems[0].code == DmarcProblemCode::bad_uri);
  CHECK(r.problems[0].detail == "no-scheme");
  CHECK(text.substr(r.problems[0].offset, r.problems[0].length) == "dmarc@example.com");
  const DmarcRecord u = parse_dmarc("v=DMARC1; p=reject; adkim=x; rua=mailto:d@example.com");
  CHECK(u.problems.at(0).detail == "adkim");
  CHECK(parse_dmarc("v=DMARC1; p=reject; policy=strict; rua=mailto:d@example.com").problems.at(0).detail == "policy");
}

TEST_CASE("dmarc: a record of 64 KiB with thousands of tags, repeats among them") {
  // A TXT record can hold 65,535 bytes. Each repeat is reported once, in
  // order, and the first of each name is the one read.
  std::string text = "v=DMARC1; p=reject; rua=mailto:d@example.com";
  size_t tags = 3, repeats = 0;
  for (size_t i = 0; text.size() < 65000; ++i, ++tags) {
    const size_t n = i % 3000;  // names x0..x2999, then the same again
    if (i >= 3000) ++repeats;
    text += "; x" + std::to_string(n) + "=" + std::to_string(i);
  }
  text += "; P=none";  // names are case-insensitive: a repeat of p
  ++tags, ++repeats;
  const DmarcRecord r = parse_dmarc(text);
  CHECK(r.tags.size() == tags);
  CHECK(r.p == DmarcPolicy::reject);
  const auto dup = std::count_if(r.problems.begin(), r.problems.end(),
                                 [](const DmarcProblem& p) { return p.code == DmarcProblemCode::duplicate_tag; });
  CHECK(size_t(dup) == repeats);
  CHECK(repeats > 1000);
  CHECK(std::is_sorted(r.problems.begin(), r.problems.end(),
                       [](const DmarcProblem& a, const DmarcProblem& b) { return a.offset < b.offset; }));
  CHECK(r.problems.back().detail == "p");
}

TEST_CASE("dmarc: is_dmarc_record and find_dmarc_record") {
  CHECK(is_dmarc_record("v=DMARC1"));
  CHECK(is_dmarc_record("v=DMARC1; p=none"));
  CHECK(is_dmarc_record("v = DMARC1;p=none"));
  CHECK_FALSE(is_dmarc_record("v=DMARC10; p=none"));
  CHECK_FALSE(is_dmarc_record("v=dmarc1; p=none"));
  CHECK_FALSE(is_dmarc_record("p=none; v=DMARC1"));
  CHECK_FALSE(is_dmarc_record(""));

  const std::vector<std::string> one = {"some-verification=1", "v=DMARC1; p=none"};
  DmarcSelection s = find_dmarc_record(one);
  CHECK(s.index == 1u);
  CHECK(s.problems.empty());
  // A panel's default beside the owner's record: DMARC then does not apply at all.
  const std::vector<std::string_view> two = {"v=DMARC1; p=none", "v=DMARC1; p=reject; rua=mailto:d@example.com"};
  s = find_dmarc_record(two);
  CHECK_FALSE(s.index.has_value());
  REQUIRE(s.problems.size() == 1);
  CHECK(s.problems[0].code == DmarcProblemCode::multiple_records);
  CHECK(s.problems[0].detail == "2");
}

TEST_CASE("dmarc: every prefix of every case parses without stepping outside the text") {
  for (const Case& c : kCases)
    for (size_t n = 0; n <= c.text.size(); ++n) {
      const std::string_view text = c.text.substr(0, n);
      for (const DmarcProblem& p : parse_dmarc(text).problems) CHECK(p.offset + p.length <= text.size());
    }
}

TEST_CASE("tag list: a spec without \"=\" or with a bad name is reported by code, and left out") {
  std::vector<RecordTag> tags;
  std::vector<TagListError> errors;
  const std::string_view text = "v=DMARC1; nothing ; 9p=reject ; p = none";
  split_tag_list(text, tags, errors);
  REQUIRE(tags.size() == 2);
  CHECK(tags[1].name == "p");
  CHECK(tags[1].value == "none");
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].why == TagListProblem::no_equals);
  CHECK(text.substr(errors[0].offset, errors[0].length) == "nothing");
  CHECK(errors[1].why == TagListProblem::name);
  CHECK(text.substr(errors[1].offset, errors[1].length) == "9p=reject");
  CHECK(tag_list_problem_name(TagListProblem::no_equals) == "no-equals");
  CHECK(tag_list_problem_name(TagListProblem::name) == "name");
}

namespace {

std::vector<std::string> walk_text(std::string_view domain) {
  WireName n;
  static const char kRoot[] = {0};
  REQUIRE(parse_name(domain, std::string_view(kRoot, 1), n) == NameError::none);
  std::vector<std::string> out;
  for (const WireName& w : dmarc_tree_walk(n.view())) out.push_back(name_text(w.view()));
  return out;
}

// One lookup per name: "" no records, "?" no usable answer, else the TXT records joined by "|".
DmarcDiscovery discover(std::vector<std::string> answers, size_t walk_length) {
  static std::vector<std::vector<std::string>> keep;  // the lookups' views point here
  keep.clear();
  std::vector<DmarcLookup> lookups;
  for (const std::string& a : answers) {
    auto& texts = keep.emplace_back();
    size_t start = 0;
    while (start < a.size()) {
      size_t bar = std::min(a.find('|', start), a.size());
      texts.push_back(a.substr(start, bar - start));
      start = bar + 1;
    }
  }
  for (size_t i = 0; i < answers.size(); ++i) {
    DmarcLookup l;
    l.known = answers[i] != "?";
    if (l.known)
      for (const std::string& t : keep[i]) l.txts.push_back(t);
    lookups.push_back(std::move(l));
  }
  return discover_dmarc(lookups, walk_length);
}

}  // namespace

TEST_CASE("dmarc: the names of the DNS Tree Walk (RFC 9989 §4.10, §4.10.1)") {
  CHECK(walk_text("example.com.") == std::vector<std::string>{"example.com.", "com."});
  CHECK(walk_text("a.mail.example.com.") ==
        std::vector<std::string>{"a.mail.example.com.", "mail.example.com.", "example.com.", "com."});
  // §4.10's own example: thirteen labels, eight queries, the intermediate names skipped.
  CHECK(walk_text("a.b.c.d.e.f.g.h.i.j.mail.example.com.") ==
        std::vector<std::string>{"a.b.c.d.e.f.g.h.i.j.mail.example.com.", "g.h.i.j.mail.example.com.",
                                 "h.i.j.mail.example.com.", "i.j.mail.example.com.", "j.mail.example.com.",
                                 "mail.example.com.", "example.com.", "com."});
  // Eight labels: the immediate parent, then down to one label: eight queries.
  CHECK(walk_text("a.b.c.d.e.f.g.h.").size() == 8);
  CHECK(walk_text("a.b.c.d.e.f.g.h.")[1] == "b.c.d.e.f.g.h.");
  CHECK(walk_text("test.") == std::vector<std::string>{"test."});
  for (const char* d : {"x.", "a.b.", "a.b.c.d.e.f.g.h.i.", "1.2.3.4.5.6.7.8.9.10.11.12.13.14.15.16.17.18.19.20."})
    CHECK(walk_text(d).size() <= 8);
}

TEST_CASE("dmarc: policy discovery over the walk's answers (RFC 9989 §4.10.1, §4.10.2, Appendix B.4)") {
  using S = DmarcDiscovery::State;
  const std::string rec = "v=DMARC1; p=reject";
  // The domain's own record ends discovery at once.
  DmarcDiscovery d = discover({rec}, 2);
  CHECK(d.state == S::found);
  CHECK(d.own);
  CHECK(d.policy == 0);
  CHECK(d.asked == 1);
  // None there: the next name must be asked.
  d = discover({"some-verification=1"}, 3);
  CHECK(d.state == S::incomplete);
  CHECK(d.asked == 1);
  // None anywhere: DMARC does not apply.
  d = discover({"", "", ""}, 3);
  CHECK(d.state == S::none);
  // A name with no usable answer: discovery cannot tell.
  d = discover({"", "?"}, 3);
  CHECK(d.state == S::unknown);
  // a.mail.example.com: records at mail.example.com and example.com, none at
  // com: the one with the fewest labels applies (§4.10.2 step 3).
  d = discover({"", "v=DMARC1; p=none", rec, ""}, 4);
  CHECK(d.state == S::found);
  CHECK_FALSE(d.own);
  CHECK(d.policy == 2);
  CHECK(d.asked == 4);
  // psd=n at mail.example.com ends the walk there (§4.10 step 6).
  d = discover({"", "v=DMARC1; p=quarantine; psd=n"}, 4);
  CHECK(d.state == S::found);
  CHECK(d.policy == 1);
  CHECK(d.asked == 2);
  // B.4.3: mail.giant.bank.example, records at giant.bank.example and at
  // bank.example (psd=y): the Organizational Domain's record applies.
  d = discover({"", rec, "v=DMARC1; p=reject; psd=y"}, 4);
  CHECK(d.state == S::found);
  CHECK(d.policy == 1);
  CHECK_FALSE(d.psd);
  // mail.mega.bank.example: no record at mega.bank.example, so the PSD's.
  d = discover({"", "", "v=DMARC1; p=reject; psd=y"}, 4);
  CHECK(d.state == S::found);
  CHECK(d.policy == 2);
  CHECK(d.psd);
  // Two DMARC records at one name are both discarded (§4.10 step 2): the walk goes on.
  d = discover({"v=DMARC1; p=none|v=DMARC1; p=reject", ""}, 2);
  CHECK(d.state == S::none);
  // Which TXT record it was, among others at the name.
  d = discover({"google-site-verification=x|" + rec}, 2);
  CHECK(d.record == 1);
}
