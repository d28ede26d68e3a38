// The fix for Cloudflare: the batch payload (ids only from an API JSON
// upload, lookups otherwise), the import file and the change plan, on the
// seed case.
#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "dns/name.h"
#include "dns/rdata.h"
#include "dns/types.h"
#include "fix/cloudflare.h"
#include "model/mail_model.h"
#include "rules/catalogue.h"
#include "session/session.h"
#include "zone/parser.h"

using namespace mxray;
using json = nlohmann::json;

namespace {

struct Checked {
  std::vector<std::shared_ptr<const Zone>> zones;
  std::vector<std::string_view> texts;
  FixPlan plan;
};

Checked check(const std::string& text, const std::string& file) {
  Checked c;
  c.zones.push_back(std::make_shared<Zone>(parse_zone(text, file, {})));
  REQUIRE(c.zones.back()->error_count == 0);
  c.texts.push_back(text);
  SessionOptions o;
  o.live = false;
  Session s("club.test", o, c.zones);
  MailModel m(s);
  c.plan = merge_edits(run_rules(m));
  return c;
}

const std::string kExport =
    ";; Domain:     club.test.\n"
    "club.test\t3600\tIN\tSOA\tada.ns.cloudflare.com. dns.cloudflare.com. 1 10000 2400 604800 3600\n"
    "club.test.\t1\tIN\tA\t203.0.113.10 ; cf_tags=cf-proxied:true\n"
    "mail.club.test.\t1\tIN\tCNAME\tclub.test. ; cf_tags=cf-proxied:false\n"
    "club.test.\t1\tIN\tMX\t0 mail.club.test.\n"
    "club.test.\t1\tIN\tTXT\t\"v=spf1 +a +mx ~all\"\n";

const std::string kApi = R"({"result":[
 {"id":"a1","zone_name":"club.test","name":"club.test","type":"A","content":"203.0.113.10","proxied":true,"ttl":1},
 {"id":"c2","zone_name":"club.test","name":"mail.club.test","type":"CNAME","content":"club.test","proxied":false,"ttl":1},
 {"id":"m3","zone_name":"club.test","name":"club.test","type":"MX","content":"mail.club.test","priority":0,"ttl":1},
 {"id":"t4","zone_name":"club.test","name":"club.test","type":"TXT","content":"\"v=spf1 +a +mx ~all\"","ttl":1}
],"success":true})";

}  // namespace

TEST_CASE("cloudflare batch: without ids, every record to change is named for look-up") {
  Checked c = check(kExport, "export.txt");
  json b = cloudflare_batch({c.zones, c.texts}, c.plan);
  REQUIRE(b["deletes"].size() == 1);
  CHECK(b["deletes"][0]["id"] == "{id:deletes/0}");
  REQUIRE(b["posts"].size() == 1);
  CHECK(b["posts"][0] ==
        json{{"name", "mail.club.test"}, {"type", "A"}, {"content", "203.0.113.10"}, {"ttl", 1}, {"proxied", false}});
  REQUIRE(b["patches"].size() == 1);
  CHECK(b["patches"][0]["content"] == "\"v=spf1 +a +mx ip4:203.0.113.10 ~all\"");
  REQUIRE(b["lookups"].size() == 2);
  CHECK(b["lookups"][0]["for"] == "deletes/0");
  CHECK(b["lookups"][0]["name"] == "mail.club.test");
  CHECK(b["lookups"][0]["type"] == "CNAME");
  CHECK(b["lookups"][0]["record"]["content"] == "club.test");
  CHECK(b["lookups"][0]["query"] == "GET /client/v4/zones/{zone_id}/dns_records?type=CNAME&name.exact=mail.club.test");
  CHECK(b["puts"].empty());
  json body = cloudflare_batch_body(b);
  CHECK_FALSE(body.contains("lookups"));
  // The script looks the two ids up before it posts; node runs it against
  // a stand-in for the API (tests/js/cloudflare-script.test.mjs).
  std::string curl = cloudflare_curl(b);
  CHECK(curl.starts_with("#!/bin/sh\n"));
  CHECK(curl.find("/zones/$CLOUDFLARE_ZONE_ID/dns_records") != std::string::npos);
  CHECK(curl.find("\"$api/batch\"") != std::string::npos);
  CHECK(curl.find("Bearer $CLOUDFLARE_API_TOKEN") != std::string::npos);
  CHECK(curl.find("id_deletes_0=$(lookup 'mail.club.test CNAME' 'type=CNAME&name.exact=mail.club.test' 'club.test')") !=
        std::string::npos);
  CHECK(curl.find(".deletes[0].id = $id_deletes_0 | .patches[0].id = $id_patches_0") != std::string::npos);
}

TEST_CASE("cloudflare batch: a look-up's name is percent-encoded, so it cannot add parameters of its own") {
  // A label may hold any octet (RFC 2181 §11): "&type=A&x=" in the name of
  // the record to change must not become parameters of the query that finds
  // its id, or the look-up could return another record's id.
  const std::string zone =
      ";; Domain:     club.test.\n"
      "club.test.\t1\tIN\tA\t203.0.113.10 ; cf_tags=cf-proxied:true\n"
      "club.test.\t1\tIN\tMX\t0 w&type=A&x=\\032#.club.test.\n"
      "w&type=A&x=\\032#.club.test.\t1\tIN\tA\t203.0.113.10 ; cf_tags=cf-proxied:true\n";
  Checked c = check(zone, "export.txt");
  json b = cloudflare_batch({c.zones, c.texts}, c.plan);
  REQUIRE(b["lookups"].size() == 1);
  CHECK(b["lookups"][0]["name"] == "w&type=a&x=\\032#.club.test");
  CHECK(b["lookups"][0]["query"] ==
        "GET /client/v4/zones/{zone_id}/dns_records?type=A&name.exact=w%26type%3Da%26x%3D%5C032%23.club.test");
  // The script passes the query as one single-quoted word.
  CHECK(cloudflare_curl(b).find("'type=A&name.exact=w%26type%3Da%26x%3D%5C032%23.club.test'") != std::string::npos);
}

TEST_CASE("cloudflare batch: an API JSON upload gives the records' own ids") {
  Checked c = check(kApi, "records.json");
  json b = cloudflare_batch({c.zones, c.texts}, c.plan);
  REQUIRE(b["deletes"].size() == 1);
  CHECK(b["deletes"][0]["id"] == "c2");
  REQUIRE(b["patches"].size() == 1);
  CHECK(b["patches"][0]["id"] == "t4");
  CHECK(b["lookups"].empty());
  // Without the text the ids cannot be read: looked up, not invented.
  json blind = cloudflare_batch({c.zones, {}}, c.plan);
  CHECK(blind["deletes"][0]["id"] == "{id:deletes/0}");
}

TEST_CASE("cloudflare batch: records that share a line (the API's one-line JSON) are each their own") {
  // `curl` prints the API's answer on one line, so every record's span
  // starts on line 1: two proxied A records at mail.club.test. (round robin)
  // each need their proxy turned off, by their own ids.
  const std::string one_line =
      R"({"result":[{"id":"a1","zone_name":"club.test","name":"club.test","type":"A","content":"203.0.113.10","proxied":true,"ttl":1},)"
      R"({"id":"r1","zone_name":"club.test","name":"mail.club.test","type":"A","content":"203.0.113.21","proxied":true,"ttl":1},)"
      R"({"id":"r2","zone_name":"club.test","name":"mail.club.test","type":"A","content":"203.0.113.22","proxied":true,"ttl":1},)"
      R"({"id":"m3","zone_name":"club.test","name":"club.test","type":"MX","content":"mail.club.test","priority":0,"ttl":1}],"success":true})";
  Checked c = check(one_line, "records.json");
  REQUIRE(c.zones[0]->size() == 4);
  CHECK(c.zones[0]->record(1).span.first_line == c.zones[0]->record(2).span.first_line);
  size_t dns_only = 0;
  for (const MergedEdit& m : c.plan.edits) dns_only += m.edit.op == ZoneEdit::Op::set_dns_only;
  CHECK(dns_only == 2);
  json b = cloudflare_batch({c.zones, c.texts}, c.plan);
  REQUIRE(b["patches"].size() == 2);
  CHECK(b["patches"][0] == json{{"id", "r1"}, {"proxied", false}});
  CHECK(b["patches"][1] == json{{"id", "r2"}, {"proxied", false}});
  CHECK(b["lookups"].empty());
}

TEST_CASE("change plan: deletes, then modifications, then creations, with proxy states") {
  Checked c = check(kExport, "export.txt");
  json p = change_plan({c.zones, c.texts}, c.plan);
  REQUIRE(p.size() == 3);
  CHECK(p[0]["action"] == "delete");
  CHECK(p[0]["name"] == "mail.club.test.");
  CHECK(p[0]["data"] == "club.test.");
  CHECK(p[0]["before"]["proxied"] == false);  // what goes away, with its proxy state
  CHECK(p[1]["action"] == "modify");
  CHECK(p[1]["before"]["data"] == "\"v=spf1 +a +mx ~all\"");
  CHECK(p[1]["after"]["data"] == "\"v=spf1 +a +mx ip4:203.0.113.10 ~all\"");
  CHECK(p[2]["action"] == "create");
  CHECK(p[2]["after"]["proxied"] == false);
}

TEST_CASE(
    "cloudflare zone file: a plain BIND zone with the fix made, mail names DNS only, the rest left to the import "
    "option") {
  const std::string bind =
      "$ORIGIN club.test.\n$TTL 14400\n"
      "@ IN SOA ns1 root 1 2 3 4 5\n"
      "@ IN A 104.21.16.8\n"
      "www IN CNAME @\n"
      "mail IN CNAME @\n"
      "@ IN MX 0 mail\n";
  Checked c = check(bind, "club.test.db");
  std::vector<std::string> mail = {"mail.club.test."};
  std::string out = cloudflare_zone_file(*c.zones[0], 0, c.plan, mail, "club.test.");
  CHECK(out.find("club.test.\t14400\tIN\tA\t104.21.16.8\n") != std::string::npos);
  CHECK(out.find("www.club.test.\t14400\tIN\tCNAME\tclub.test.\n") != std::string::npos);
  CHECK(out.find("mail.club.test.\t14400\tIN\tCNAME") == std::string::npos);  // replaced by the fix
  CHECK(out.find("mail.club.test.\t1\tIN\tA\t{origin-ipv4} ; cf_tags=cf-proxied:false\n") != std::string::npos);
  CHECK(out.find("club.test.\t14400\tIN\tMX\t0 mail.club.test.\n") != std::string::npos);
  // With the placeholder filled it reads back as the records meant.
  Zone back = parse_zone(fill_placeholder(out, "origin-ipv4", "192.0.2.10"), "import.txt", {});
  CHECK(back.error_count == 0);
  CHECK(back.size() == c.zones[0]->size());
  bool mail_a = false;
  for (size_t i = 0; i < back.size(); ++i)
    if (name_text(back.record(i).owner.view()) == "mail.club.test.") {
      mail_a = back.record(i).type == rrtype::A && back.record(i).proxied == Proxied::no;
    }
  CHECK(mail_a);
}

TEST_CASE("cloudflare import: only the records to add, each proxy state said, the records to delete first named") {
  // Cloudflare's import adds records and changes none: a whole zone would
  // add the new A beside the mail CNAME that stays, which Cloudflare refuses.
  Checked c = check(kExport, "export.txt");
  const std::string out = cloudflare_import(*c.zones[0], 0, c.plan, "club.test.");
  Zone back = parse_zone(fill_placeholder(out, "origin-ipv4", "192.0.2.10"), "import.txt", {});
  CHECK(back.error_count == 0);
  std::vector<std::string> records;
  for (size_t i = 0; i < back.size(); ++i) {
    RecordView r = back.record(i);
    std::string line = name_text(r.owner.view()) + " " + std::string(type_name(r.type)) + " ";
    append_rdata_text(line, r.type, r.rdata);
    if (r.type == rrtype::A || r.type == rrtype::AAAA || r.type == rrtype::CNAME)
      line += r.proxied == Proxied::yes ? " proxied" : r.proxied == Proxied::no ? " dns-only" : " untagged";
    records.push_back(line);
  }
  // The SPF with the server's address (a modification: its new form) and
  // the mail name's A record, DNS only; nothing of what stays.
  std::sort(records.begin(), records.end());
  CHECK(records == std::vector<std::string>{"club.test. TXT \"v=spf1 +a +mx ip4:203.0.113.10 ~all\"",
                                            "mail.club.test. A 203.0.113.10 dns-only"});
  // The header names what to delete first: the CNAME and the old SPF.
  CHECK(out.find(";;   mail.club.test. CNAME club.test.\n") != std::string::npos);
  CHECK(out.find(";;   club.test. TXT \"v=spf1 +a +mx ~all\"\n") != std::string::npos);
  CHECK(out.find("first delete these") != std::string::npos);
  // Nothing to add: no file.
  const std::string fine =
      ";; Domain:     club.test.\n"
      "club.test.\t1\tIN\tA\t203.0.113.10 ; cf_tags=cf-proxied:false\n"
      "club.test.\t1\tIN\tMX\t0 club.test.\n"
      "club.test.\t1\tIN\tTXT\t\"v=spf1 +a +mx ~all\"\n"
      "_dmarc.club.test.\t1\tIN\tTXT\t\"v=DMARC1; p=none\"\n";
  Checked ok = check(fine, "export.txt");
  CHECK(cloudflare_import(*ok.zones[0], 0, ok.plan, "club.test.").empty());
}
