// core/fix: merging the edits of many findings, and writing them into the
// zone text with every untouched byte kept.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "dns/name.h"
#include "dns/types.h"
#include "fix/cloudflare.h"
#include "fix/fix.h"
#include "model/mail_model.h"
#include "rules/catalogue.h"
#include "rules/findings_json.h"
#include "session/session.h"
#include "zone/parser.h"

using namespace mxray;

namespace {

WireName wire(const char* text) {
  WireName n;
  REQUIRE(parse_name(text, std::string_view("\0", 1), n) == NameError::none);
  return n;
}

ZoneEdit edit(ZoneEdit::Op op, const char* owner, uint16_t type, std::string rdata, uint32_t line = 0) {
  ZoneEdit e;
  e.op = op;
  e.owner = wire(owner);
  e.type = type;
  e.rdata = std::move(rdata);
  e.proxied = Proxied::no;
  // The record is named by its line here; corrected() finds its index.
  // Until then the line stands in for the index, so merges see records on
  // different lines as different records.
  if (line) e.at_record(0, line, 0, line);
  return e;
}

// Points each edit made by line at the index of the record on that line
// with its owner and type, as the rules do.
std::vector<Finding> pointed(const Zone& z, std::vector<Finding> findings) {
  for (Finding& f : findings)
    for (ZoneEdit& e : f.edits) {
      if (!e.has_record) continue;
      for (size_t i = 0; i < z.size(); ++i)
        if (z.record(i).span.first_line == e.line && z.record(i).type == e.type &&
            names_equal(z.record(i).owner.view(), e.owner.view())) {
          e.record = uint32_t(i);
          break;
        }
    }
  return findings;
}

Finding with(std::vector<ZoneEdit> edits) {
  Finding f = make_finding(Rule::origin_exposed, {});
  f.edits = std::move(edits);
  return f;
}

// The merged fix of the offline check of `domain` on one zone.
FixPlan offline_fix(const std::shared_ptr<const Zone>& zone, const char* domain = "club.test") {
  SessionOptions o;
  o.live = false;
  Session s(domain, o, {zone});
  MailModel m(s);
  return merge_edits(run_rules(m));
}

std::string corrected(const std::string& text, const std::vector<Finding>& findings, const char* file = "zone.txt") {
  Zone z = parse_zone(text, file, {});
  REQUIRE(z.error_count == 0);
  CorrectedZone c = apply_edits(z, 0, text, merge_edits(pointed(z, findings)));
  CHECK(c.skipped.empty());
  return c.text;
}

// `text` with the proxy turned off on the records of `type` at these owners
// and lines.
std::string dns_only(const std::string& text, uint16_t type, std::vector<std::pair<const char*, uint32_t>> at) {
  std::vector<ZoneEdit> edits;
  for (const auto& [owner, line] : at) edits.push_back(edit(ZoneEdit::Op::set_dns_only, owner, type, "", line));
  return corrected(text, {with(std::move(edits))});
}

const char* kExport =
    ";; Domain:     club.test.\n"
    "club.test\t3600\tIN\tSOA\tada.ns.cloudflare.com. dns.cloudflare.com. 1 10000 2400 604800 3600\n"
    "\n"
    ";; A Records\n"
    "club.test.\t1\tIN\tA\t203.0.113.10 ; cf_tags=cf-proxied:true\n"
    "mail.club.test.\t1\tIN\tA\t203.0.113.10 ; cf_tags=cf-proxied:true\n"
    "\n"
    ";; CNAME Records\n"
    "imap.club.test.\t1\tIN\tCNAME\tclub.test. ; cf_tags=cf-proxied:false\n"
    "\n"
    ";; MX Records\n"
    "club.test.\t1\tIN\tMX\t10 mail.club.test.\n";

}  // namespace

TEST_CASE("fix: set-dns-only flips the tag and touches nothing else") {
  std::string out =
      corrected(kExport, {with({edit(ZoneEdit::Op::set_dns_only, "mail.club.test.", rrtype::A, "203.0.113.10", 6)})});
  std::string want = kExport;
  const size_t line = want.find("mail.club.test.\t1\tIN\tA");
  want.replace(want.find("true", line), 4, "false");
  CHECK(out == want);
}

TEST_CASE("fix: set-dns-only on a record without the tag writes one") {
  const std::string bind =
      "$ORIGIN club.test.\n$TTL 300\n"
      "@ IN SOA ns1 root 1 2 3 4 5\n"
      "mail IN A 104.21.16.8\n"
      "smtp IN A 104.21.16.8 ; the relay\n"
      "pop IN A 104.21.16.8 ; cf_tags=team:mail\n";
  std::string out = dns_only(bind, rrtype::A, {{"mail.club.test.", 4}, {"smtp.club.test.", 5}, {"pop.club.test.", 6}});
  CHECK(out ==
        "$ORIGIN club.test.\n$TTL 300\n"
        "@ IN SOA ns1 root 1 2 3 4 5\n"
        "mail IN A 104.21.16.8 ; cf_tags=cf-proxied:false\n"
        "smtp IN A 104.21.16.8 ; the relay cf_tags=cf-proxied:false\n"
        "pop IN A 104.21.16.8 ; cf_tags=team:mail,cf-proxied:false\n");
}

TEST_CASE("fix: remove and add in place, as the seed fix does") {
  const std::string bind =
      "$ORIGIN club.test.\n$TTL 14400\n"
      "@ IN SOA ns1 root 1 2 3 4 5\n"
      "@ IN A 203.0.113.10\n"
      "mail IN CNAME club.test.\n"
      "     IN TXT \"kept with its owner\"\n"
      "www IN CNAME club.test.\n";
  ZoneEdit add = edit(ZoneEdit::Op::add, "mail.club.test.", rrtype::A, "203.0.113.10");
  std::string out =
      corrected(bind, {with({edit(ZoneEdit::Op::remove, "mail.club.test.", rrtype::CNAME, "club.test.", 5), add})});
  CHECK(out ==
        "$ORIGIN club.test.\n$TTL 14400\n"
        "@ IN SOA ns1 root 1 2 3 4 5\n"
        "@ IN A 203.0.113.10\n"
        "mail.club.test.\t14400\tIN\tA\t203.0.113.10\n"
        "mail.club.test.     IN TXT \"kept with its owner\"\n"
        "www IN CNAME club.test.\n");
  // The result parses to the records meant: the TXT still belongs to mail.
  Zone z = parse_zone(out, "out", {});
  CHECK(z.error_count == 0);
  CHECK(name_text(z.record(3).owner.view()) == "mail.club.test.");
  CHECK(z.record(3).type == rrtype::TXT);
}

TEST_CASE("fix: a line after several removed lines of its owner is given that owner once") {
  // Two removed lines that both name mail, then a line that inherits it:
  // the inheriting line names its owner once (it was named once per removed
  // line, "mail.club.test.mail.club.test.", before the pass became linear).
  const std::string bind =
      "$ORIGIN club.test.\n$TTL 300\n"
      "@ IN SOA ns1 root 1 2 3 4 5\n"
      "mail IN A 192.0.2.1\n"
      "mail IN A 192.0.2.2\n"
      "     IN TXT \"kept with its owner\"\n"
      "     IN MX 10 club.test.\n";
  std::string out = corrected(bind, {with({edit(ZoneEdit::Op::remove, "mail.club.test.", rrtype::A, "192.0.2.1", 4),
                                           edit(ZoneEdit::Op::remove, "mail.club.test.", rrtype::A, "192.0.2.2", 5)})});
  CHECK(out ==
        "$ORIGIN club.test.\n$TTL 300\n"
        "@ IN SOA ns1 root 1 2 3 4 5\n"
        "mail.club.test.     IN TXT \"kept with its owner\"\n"
        "     IN MX 10 club.test.\n");
  Zone z = parse_zone(out, "out", {});
  CHECK(z.error_count == 0);
  REQUIRE(z.size() == 3);
  CHECK(name_text(z.record(1).owner.view()) == "mail.club.test.");
  CHECK(name_text(z.record(2).owner.view()) == "mail.club.test.");
  SUBCASE("a removed line that inherits, between: the kept line still names the owner once") {
    const std::string three =
        "$ORIGIN club.test.\n$TTL 300\n@ IN SOA ns1 root 1 2 3 4 5\n"
        "mail IN A 192.0.2.1\n     IN A 192.0.2.2\nmail IN A 192.0.2.3\n     IN TXT \"t\"\n";
    std::string o3 =
        corrected(three, {with({edit(ZoneEdit::Op::remove, "mail.club.test.", rrtype::A, "192.0.2.1", 4),
                                edit(ZoneEdit::Op::remove, "mail.club.test.", rrtype::A, "192.0.2.2", 5),
                                edit(ZoneEdit::Op::remove, "mail.club.test.", rrtype::A, "192.0.2.3", 6)})});
    CHECK(o3 == "$ORIGIN club.test.\n$TTL 300\n@ IN SOA ns1 root 1 2 3 4 5\nmail.club.test.     IN TXT \"t\"\n");
  }
}

TEST_CASE("fix: an add goes after its owner, else after its type, else at the end") {
  SUBCASE("after the last record of the type, in a Cloudflare export's section, tagged") {
    std::string out =
        corrected(kExport, {with({edit(ZoneEdit::Op::add, "smtp.club.test.", rrtype::A, "203.0.113.10")})});
    CHECK(out.find("mail.club.test.\t1\tIN\tA\t203.0.113.10 ; cf_tags=cf-proxied:true\n"
                   "smtp.club.test.\t1\tIN\tA\t203.0.113.10 ; cf_tags=cf-proxied:false\n") != std::string::npos);
  }
  SUBCASE("at the end, with the newline the file lacked") {
    std::string text = "$ORIGIN club.test.\n@ 300 IN SOA ns1 root 1 2 3 4 5\n@ 300 IN MX 10 mx.elsewhere.test.";
    std::string out =
        corrected(text, {with({edit(ZoneEdit::Op::add, "_dmarc.club.test.", rrtype::TXT, "\"v=DMARC1; p=none\"")})});
    CHECK(out == text + "\n_dmarc.club.test.\t300\tIN\tTXT\t\"v=DMARC1; p=none\"\n");
  }
  SUBCASE("CRLF files stay CRLF") {
    std::string text = "$ORIGIN club.test.\r\n@ 300 IN SOA ns1 root 1 2 3 4 5\r\n";
    std::string out = corrected(text, {with({edit(ZoneEdit::Op::add, "mail.club.test.", rrtype::A, "192.0.2.1")})});
    CHECK(out == text + "mail.club.test.\t300\tIN\tA\t192.0.2.1\r\n");
  }
}

TEST_CASE("fix: merging") {
  ZoneEdit flip = edit(ZoneEdit::Op::set_dns_only, "mail.club.test.", rrtype::CNAME, "club.test.", 9);
  ZoneEdit drop = edit(ZoneEdit::Op::remove, "mail.club.test.", rrtype::CNAME, "club.test.", 9);
  ZoneEdit placeholder = edit(ZoneEdit::Op::add, "mail.club.test.", rrtype::A, "{origin-ipv4}");
  placeholder.placeholder = "origin-ipv4";
  ZoneEdit known = edit(ZoneEdit::Op::add, "mail.club.test.", rrtype::A, "203.0.113.10");
  SUBCASE("the same edit from two findings is one, credited to both") {
    FixPlan p = merge_edits({with({drop, known}), with({drop, known})});
    REQUIRE(p.edits.size() == 2);
    CHECK(p.edits[0].findings == std::vector<uint32_t>{0, 1});
    CHECK(p.notes.empty());
  }
  SUBCASE("remove beats set-dns-only on one record, whichever came first; the note says so") {
    for (bool remove_first : {true, false}) {
      FixPlan p = remove_first ? merge_edits({with({drop}), with({flip})}) : merge_edits({with({flip}), with({drop})});
      REQUIRE(p.edits.size() == 1);
      CHECK(p.edits[0].edit.op == ZoneEdit::Op::remove);
      REQUIRE(p.notes.size() == 1);
      CHECK(p.notes[0].why == MergeReason::covered_by_remove);
      CHECK(p.notes[0].dropped.op == ZoneEdit::Op::set_dns_only);
    }
  }
  SUBCASE("two different replacements of one record: the first stands, the conflict is noted") {
    ZoneEdit a = edit(ZoneEdit::Op::replace, "club.test.", rrtype::TXT, "\"v=spf1 a ~all\"", 12);
    ZoneEdit b = edit(ZoneEdit::Op::replace, "club.test.", rrtype::TXT, "\"v=spf1 mx ~all\"", 12);
    FixPlan p = merge_edits({with({a}), with({b})});
    REQUIRE(p.edits.size() == 1);
    CHECK(p.edits[0].edit.rdata == a.rdata);
    REQUIRE(p.notes.size() == 1);
    CHECK(p.notes[0].why == MergeReason::conflict);
    CHECK(p.notes[0].finding == 1);
  }
  SUBCASE("a known address supersedes the placeholder, which is then not asked for") {
    FixPlan p = merge_edits({with({placeholder}), with({known})});
    REQUIRE(p.edits.size() == 1);
    CHECK(p.edits[0].edit.rdata == "203.0.113.10");
    CHECK(p.placeholders.empty());
    CHECK(p.notes.size() == 1);
    FixPlan q = merge_edits({with({placeholder})});
    CHECK(q.placeholders == std::vector<std::string>{"origin-ipv4"});
  }
  SUBCASE("an SPF edit is moot once every name its terms look up reaches the server directly") {
    ZoneEdit spf = edit(ZoneEdit::Op::replace, "club.test.", rrtype::TXT, "\"v=spf1 mx ip4:{origin-ipv4} ~all\"", 12);
    spf.placeholder = "origin-ipv4";
    spf.moot_once_direct = {wire("mail.club.test.")};
    FixPlan p = merge_edits({with({drop, placeholder}), with({spf})});
    REQUIRE(p.edits.size() == 2);  // the CNAME removed, the A added
    CHECK(p.edits[1].edit.type == rrtype::A);
    REQUIRE(p.notes.size() == 1);
    CHECK(p.notes[0].why == MergeReason::moot);
    CHECK(p.notes[0].finding == 1);
    CHECK(p.notes[0].kept == 1);  // the added A made it moot
    CHECK(p.notes[0].dropped.type == rrtype::TXT);
    CHECK(p.placeholders == std::vector<std::string>{"origin-ipv4"});  // the A still asks for it

    // The apex stays proxied (the website): an `a` term still needs the edit.
    spf.moot_once_direct.push_back(wire("club.test."));
    FixPlan q = merge_edits({with({drop, placeholder}), with({spf})});
    CHECK(q.edits.size() == 3);
    CHECK(q.notes.empty());

    // A proxied A added at the name does not take it off the proxy.
    ZoneEdit proxied = known;
    proxied.proxied = Proxied::yes;
    spf.moot_once_direct = {wire("mail.club.test.")};
    CHECK(merge_edits({with({drop, proxied}), with({spf})}).edits.size() == 3);
    // Nor does an edit to another name; set-dns-only on the name's A does.
    ZoneEdit other = edit(ZoneEdit::Op::add, "smtp.club.test.", rrtype::A, "203.0.113.10");
    CHECK(merge_edits({with({other}), with({spf})}).edits.size() == 2);
    ZoneEdit unproxy = edit(ZoneEdit::Op::set_dns_only, "mail.club.test.", rrtype::A, "203.0.113.10", 7);
    FixPlan r = merge_edits({with({spf}), with({unproxy})});
    REQUIRE(r.edits.size() == 1);
    CHECK(r.edits[0].edit.op == ZoneEdit::Op::set_dns_only);
    REQUIRE(r.notes.size() == 1);
    CHECK(r.notes[0].kept == 0);  // indexes follow the edits that stay
  }
}

TEST_CASE("fix: what cannot be written is reported, not guessed") {
  Zone z = parse_zone(kExport, "zone.txt", {});
  ZoneEdit gone = edit(ZoneEdit::Op::set_dns_only, "nothere.club.test.", rrtype::A, "", 99);
  ZoneEdit included = edit(ZoneEdit::Op::set_dns_only, "mail.club.test.", rrtype::A, "", 6);
  included.file = 1;
  CorrectedZone c = apply_edits(z, 0, kExport, merge_edits(pointed(z, {with({gone, included})})));
  CHECK(c.text == kExport);
  REQUIRE(c.skipped.size() == 2);
  CHECK(c.skipped[0].why == SkipReason::record_not_found);
  CHECK(c.skipped[1].why == SkipReason::included_file);
  CHECK(c.applied.empty());
}

TEST_CASE("fix: placeholders are filled only where named") {
  CHECK(fill_placeholder("mail A {origin-ipv4} ; {other}", "origin-ipv4", "192.0.2.1") == "mail A 192.0.2.1 ; {other}");
  CHECK(fill_placeholder("{x}{x}", "x", "1") == "11");
  CHECK(fill_placeholder("none", "x", "1") == "none");
}

TEST_CASE("fix: a name covered by a proxied wildcard gets a record of its own; the wildcard stays") {
  const std::string text =
      ";; Domain:     wild.test.\n"
      "wild.test\t3600\tIN\tSOA\tada.ns.cloudflare.com. dns.cloudflare.com. 1 10000 2400 604800 3600\n"
      "wild.test.\t1\tIN\tA\t203.0.113.77 ; cf_tags=cf-proxied:true\n"
      "*.wild.test.\t1\tIN\tA\t203.0.113.77 ; cf_tags=cf-proxied:true\n"
      "wild.test.\t1\tIN\tMX\t10 mail.wild.test.\n";
  auto z = std::make_shared<Zone>(parse_zone(text, "export.txt", {}));
  REQUIRE(z->error_count == 0);
  SessionOptions o;
  o.live = false;
  Session s("wild.test", o, {z});
  MailModel m(s);
  std::vector<Finding> fs = run_rules(m);
  bool proxied = false;
  for (const Finding& f : fs) proxied |= f.rule == "mx-target-proxied" && f.names.front() == "mail.wild.test.";
  CHECK(proxied);
  CorrectedZone c = apply_edits(*z, 0, text, merge_edits(fs));
  CHECK(c.skipped.empty());
  CHECK(c.text.find("*.wild.test.\t1\tIN\tA\t203.0.113.77 ; cf_tags=cf-proxied:true\n") != std::string::npos);
  CHECK(c.text.find("mail.wild.test.\t1\tIN\tA\t203.0.113.77 ; cf_tags=cf-proxied:false\n") != std::string::npos);
  // And the corrected zone no longer sends mail to the proxy.
  auto fixed = std::make_shared<Zone>(parse_zone(c.text, "export.txt", {}));
  Session again("wild.test", o, {fixed});
  MailModel m2(again);
  for (const Finding& f : run_rules(m2)) CHECK(f.severity != FindingSeverity::critical);
}

TEST_CASE("fix: thousands of MX targets behind the proxy: 256 modelled by default, all when allowed") {
  // Each MX target is a proxied CNAME to the apex. (Before, the model, the
  // merge and the diff compared each name with each: 8,000 targets took
  // 95 s and 8 GB, and nothing bounded the report.)
  constexpr int kTargets = 3000;
  std::string text =
      ";; Domain:     many.test.\n"
      "many.test\t3600\tIN\tSOA\tada.ns.cloudflare.com. dns.cloudflare.com. 1 10000 2400 604800 3600\n"
      "many.test.\t1\tIN\tA\t203.0.113.9 ; cf_tags=cf-proxied:true\n";
  for (int i = 0; i < kTargets; ++i) {
    text += "many.test.\t1\tIN\tMX\t" + std::to_string(i) + " m" + std::to_string(i) + ".many.test.\n";
    text += "m" + std::to_string(i) + ".many.test.\t1\tIN\tCNAME\tmany.test. ; cf_tags=cf-proxied:true\n";
  }
  auto z = std::make_shared<Zone>(parse_zone(text, "export.txt", {}));
  REQUIRE(z->error_count == 0);
  SessionOptions o;
  o.live = false;
  Session s("many.test", o, {z});
  for (uint32_t allowed : {256u, 4000u}) {
    CAPTURE(allowed);
    ModelOptions mo;
    mo.max_record_names = allowed;
    mo.max_records_per_set = allowed;  // the MX records at the apex are one set
    MailModel m(s, mo);
    const size_t modelled = std::min<size_t>(allowed, kTargets);
    // By default the MX set itself stops at 256 records (zone-records), so no name is left over.
    CHECK(m.zones().records_left_out() == kTargets - modelled);
    CHECK(m.names_left_out() == 0);
    size_t targets = 0;
    for (const MailName& n : m.names()) targets += (n.roles & role::mx_target) != 0;
    CHECK(targets == modelled);
    const FixPlan plan = merge_edits(run_rules(m));
    CorrectedZone c = apply_edits(*z, 0, text, plan);
    CHECK(c.skipped.empty());
    CHECK(c.applied.size() == plan.edits.size());
    auto fixed = std::make_shared<Zone>(parse_zone(c.text, "export.txt", {}));
    REQUIRE(fixed->error_count == 0);
    size_t cnames = 0, direct = 0;
    for (size_t i = 0; i < fixed->size(); ++i) {
      RecordView r = fixed->record(i);
      if (r.type == rrtype::CNAME) ++cnames;
      if (r.type == rrtype::A && r.proxied == Proxied::no) ++direct;
    }
    CHECK(cnames == kTargets - modelled);  // the first `modelled` targets, in zone order, are fixed
    CHECK(direct == modelled);
  }
}

TEST_CASE("fix: a CNAME the text cannot drop ($GENERATEd, or $INCLUDEd) keeps the address beside it out") {
  // cPanel's mail CNAME, made by a $GENERATE line or held in an included
  // file: the fix cannot remove it from the text, and an A record written
  // beside the CNAME that stays would make the zone fail to load
  // (RFC 1034 §3.6.2). Both edits are skipped, each with its reason.
  const std::string head =
      "$ORIGIN club.test.\n$TTL 300\n@ IN SOA ns1 root 1 2 3 4 5\n@ IN A 203.0.113.10 ; cf_tags=cf-proxied:true\n"
      "@ IN MX 10 mail\n";
  auto run = [](const std::string& text, IncludeResolver includes) {
    auto z = std::make_shared<Zone>(parse_zone(text, "club.zone", {}, std::move(includes)));
    REQUIRE(z->error_count == 0);
    const FixPlan plan = offline_fix(z);
    CorrectedZone c = apply_edits(*z, 0, text, plan);
    std::vector<std::string> why;
    for (const SkippedEdit& k : c.skipped)
      why.push_back(std::string(edit_op_name(plan.edits[k.edit].edit.op)) + " " + std::string(skip_reason_name(k.why)));
    CHECK(c.text == text);
    CHECK(c.applied.empty());
    return why;
  };
  SUBCASE("$GENERATE") {
    CHECK(run(head + "$GENERATE 1-2 mail CNAME club.test.\n", {}) ==
          std::vector<std::string>{"remove generated", "add cname-kept"});
  }
  SUBCASE("$INCLUDE") {
    CHECK(run(head + "$INCLUDE mail.inc\n", [](std::string_view) -> std::optional<std::string> {
            return "mail CNAME club.test.\n";
          }) == std::vector<std::string>{"remove included-file", "add cname-kept"});
  }
  SUBCASE("without the CNAME, the same address is written") {
    const std::string text = head + "mail IN A 203.0.113.10 ; cf_tags=cf-proxied:true\n";
    auto z = std::make_shared<Zone>(parse_zone(text, "club.zone", {}));
    CorrectedZone c = apply_edits(*z, 0, text, offline_fix(z));
    CHECK(c.skipped.empty());
    CHECK(c.text != text);
  }
}

TEST_CASE("fix: a record written twice is one record to DNS (RFC 2181 §5): every copy takes the edit") {
  auto fixed = [](const std::string& text) {
    auto z = std::make_shared<Zone>(parse_zone(text, "club.zone", {}));
    REQUIRE(z->error_count == 0);
    const FixPlan plan = offline_fix(z);
    CorrectedZone c = apply_edits(*z, 0, text, plan);
    CHECK(c.skipped.empty());
    return std::make_pair(c.text, cloudflare_import(*z, 0, plan, "club.test."));
  };
  const std::string head =
      ";; Domain:     club.test.\n$TTL 300\n@ IN SOA ns1 root 1 2 3 4 5\n"
      "@ IN A 203.0.113.10 ; cf_tags=cf-proxied:true\n@ IN MX 10 mail\n";
  SUBCASE("cPanel's mail CNAME, twice: both go, and the address comes once") {
    const auto [text, import] = fixed(head +
                                      "mail IN CNAME club.test. ; cf_tags=cf-proxied:false\n"
                                      "smtp IN A 203.0.113.10 ; cf_tags=cf-proxied:false\n"
                                      "MAIL.club.test. IN CNAME club.test. ; cf_tags=cf-proxied:false\n");
    CHECK(text == head +
                      "mail.club.test.\t300\tIN\tA\t203.0.113.10 ; cf_tags=cf-proxied:false\n"
                      "smtp IN A 203.0.113.10 ; cf_tags=cf-proxied:false\n");
    // Named once among the records to delete first, and not added.
    const size_t listed = import.find(";;   mail.club.test. CNAME club.test.\n");
    CHECK(listed != std::string::npos);
    CHECK(import.find("CNAME") == import.rfind("CNAME"));
  }
  SUBCASE("a proxied mail address, twice: both lines turn DNS only; the import file holds it once") {
    const std::string twice = "mail IN A 203.0.113.10 ; cf_tags=cf-proxied:true\n";
    const auto [text, import] = fixed(head + twice + twice);
    const std::string dns_only = "mail IN A 203.0.113.10 ; cf_tags=cf-proxied:false\n";
    CHECK(text == head + dns_only + dns_only);
    const std::string line = "mail.club.test.\t300\tIN\tA\t203.0.113.10 ; cf_tags=cf-proxied:false\n";
    CHECK(import.find(line) != std::string::npos);
    CHECK(import.find(line) == import.rfind(line));
  }
}

TEST_CASE("fix: set-dns-only reads tags only in comments: a name in the data may hold the same characters") {
  const std::string bind =
      "$ORIGIN club.test.\n$TTL 300\n"
      "@ IN SOA ns1 root 1 2 3 4 5\n"
      "mail IN CNAME cf-proxied:true.hosting.test. ; cf_tags=cf-proxied:true\n"
      "smtp IN CNAME x\\;y.hosting.test.\n"
      "imap IN CNAME ( ; cf_tags=cf-proxied:false in a note\n"
      "  cf-proxied:true.hosting.test. ) ; cf_tags=cf-proxied:true\n";
  std::string out =
      dns_only(bind, rrtype::CNAME, {{"mail.club.test.", 4}, {"smtp.club.test.", 5}, {"imap.club.test.", 6}});
  CHECK(out ==
        "$ORIGIN club.test.\n$TTL 300\n"
        "@ IN SOA ns1 root 1 2 3 4 5\n"
        "mail IN CNAME cf-proxied:true.hosting.test. ; cf_tags=cf-proxied:false\n"
        "smtp IN CNAME x\\;y.hosting.test. ; cf_tags=cf-proxied:false\n"
        "imap IN CNAME ( ; cf_tags=cf-proxied:false in a note\n"
        "  cf-proxied:true.hosting.test. ) ; cf_tags=cf-proxied:false\n");
}

TEST_CASE("fix: merge and skip reasons keep their stable names, and the catalogue lists them") {
  CHECK(merge_reason_name(MergeReason::covered_by_remove) == "covered-by-remove");
  CHECK(merge_reason_name(MergeReason::covered_by_replace) == "covered-by-replace");
  CHECK(merge_reason_name(MergeReason::conflict) == "conflict");
  CHECK(merge_reason_name(MergeReason::placeholder_superseded) == "placeholder-superseded");
  CHECK(merge_reason_name(MergeReason::moot) == "moot");
  CHECK(skip_reason_name(SkipReason::included_file) == "included-file");
  CHECK(skip_reason_name(SkipReason::generated) == "generated");
  CHECK(skip_reason_name(SkipReason::record_not_found) == "record-not-found");
  CHECK(skip_reason_name(SkipReason::cname_kept) == "cname-kept");
  CHECK(skip_reason_name(SkipReason::format) == "format");
  const nlohmann::json cat = rule_catalogue_json();
  CHECK(cat["merge_reasons"] ==
        nlohmann::json{"covered-by-remove", "covered-by-replace", "conflict", "placeholder-superseded", "moot"});
  CHECK(cat["skip_reasons"] ==
        nlohmann::json{"included-file", "generated", "record-not-found", "cname-kept", "format"});
}
