// Cloudflare API v4 JSON import: each case is an input and either the
// records it must give or the diagnostics (line:column code field token type).
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "dns/name.h"
#include "dns/rdata.h"
#include "dns/types.h"
#include "zone/cloudflare_json.h"

using namespace mxray;

namespace {

Zone import_text(std::string_view text, ParseOptions options = {}) {
  Zone zone;
  zone.files.push_back("records.json");
  import_cloudflare_json(text, 0, zone, options);
  return zone;
}

// "owner ttl TYPE rdata [proxied|dns-only] [auto] [flatten]", one a line.
std::string dump_records(const Zone& zone) {
  std::string out;
  for (size_t i = 0; i < zone.size(); ++i) {
    RecordView r = zone.record(i);
    out += name_text(r.owner.view()) + " " + std::to_string(r.ttl) + " " + type_name(r.type) + " ";
    append_rdata_text(out, r.type, r.rdata);
    if (r.proxied == Proxied::yes) out += " proxied";
    if (r.proxied == Proxied::no) out += " dns-only";
    if (r.flags & kRecordTtlAuto) out += " auto";
    if (r.flags & kRecordFlatten) out += " flatten";
    out += "\n";
  }
  return out;
}

// "line:column code field=F token=T type=Y", one a line.
std::string dump_diagnostics(const Zone& zone) {
  std::string out;
  for (const Diagnostic& d : zone.diagnostics) {
    out += std::to_string(d.line) + ":" + std::to_string(d.column) + " " + std::string(code_name(d.code));
    out += " field=" + d.field + " token=" + d.token + " type=" + d.type + "\n";
  }
  return out;
}

struct Case {
  const char* why;
  const char* input;
  const char* records;      // expected dump_records
  const char* diagnostics;  // expected dump_diagnostics
};

void check(const Case& c) {
  std::string why = c.why, input = c.input;
  CAPTURE(why);
  CAPTURE(input);
  Zone zone = import_text(c.input);
  CHECK(dump_records(zone) == c.records);
  CHECK(dump_diagnostics(zone) == c.diagnostics);
  for (const Diagnostic& d : zone.diagnostics) {
    CHECK(d.severity == default_severity(d.code));
    CHECK(d.record_line == d.line);
    CHECK(d.token.size() <= 80);
  }
}

// ------------------------------------------------------------------ shapes

const Case kShapes[] = {
    {"list page with result_info",
     R"({"result":[
 {"id":"1","zone_id":"z","zone_name":"example.com","name":"example.com","type":"A","content":"192.0.2.1","proxiable":true,"proxied":true,"ttl":1,"locked":false},
 {"id":"2","zone_id":"z","zone_name":"example.com","name":"www.example.com","type":"CNAME","content":"example.com","proxied":false,"ttl":300}
],"success":true,"errors":[],"messages":[],
"result_info":{"page":1,"per_page":100,"count":2,"total_count":2,"total_pages":1}})",
     "example.com. 1 A 192.0.2.1 proxied auto\n"
     "www.example.com. 300 CNAME example.com. dns-only\n",
     ""},
    {"single-record answer (cloudflare-docs add-mx-records.mdx)",
     R"({"result":{"id":"<ID>","zone_id":"<ZONE_ID>","zone_name":"example.com","name":"example.com","type":"MX",
 "content":"mail.example.com","priority":10,"proxiable":false,"proxied":false,"ttl":3600,"locked":false,
 "meta":{"auto_added":false,"managed_by_apps":false,"managed_by_argo_tunnel":false,"source":"primary"},
 "comment":null,"tags":[],"created_on":"2023-01-17T20:54:23.660869Z","modified_on":"2023-01-17T20:54:23.660869Z"},
 "success":true,"errors":[],"messages":[]})",
     "example.com. 3600 MX 10 mail.example.com. dns-only\n", ""},
    {"bare array of records",
     R"([{"name":"a.example.com","type":"A","content":"192.0.2.1","ttl":60},
{"name":"b.example.com","type":"AAAA","content":"2001:db8::1","ttl":60}])",
     "a.example.com. 60 A 192.0.2.1\n"
     "b.example.com. 60 AAAA 2001:db8::1\n",
     ""},
    {"array of pages",
     R"([{"result":[{"name":"a.example.com","type":"A","content":"192.0.2.1","ttl":60}],"result_info":{"page":1}},
{"result":[{"name":"b.example.com","type":"A","content":"192.0.2.2","ttl":60}],"result_info":{"page":2}}])",
     "a.example.com. 60 A 192.0.2.1\n"
     "b.example.com. 60 A 192.0.2.2\n",
     ""},
    {"one bare record", R"({"name":"a.example.com","type":"A","content":"192.0.2.1","ttl":60})",
     "a.example.com. 60 A 192.0.2.1\n", ""},
    {"empty page", R"({"result":[],"success":true})", "", ""},
    {"empty array", "[]", "", ""},
    {"result null without errors: nothing to import", R"({"result":null})", "", ""},
    {"failed API call: the API's message",
     R"({"result":null,"success":false,"errors":[{"code":10000,"message":"Authentication error"}]})", "",
     "1:1 json-record field=errors token=Authentication error type=\n"},
    {"a page whose result is a string", R"({"result":"x"})", "", "1:11 json-record field=result token=\"x\" type=\n"},
    {"neither records nor an answer", R"({"hello":1})", "", "1:1 json-record field=result token={\"hello\":1} type=\n"},
    {"a bare number", "42", "", "1:1 json-record field=result token=42 type=\n"},
    {"UTF-8 byte order mark",
     "\xEF\xBB\xBF[{\"name\":\"a.example.com\",\"type\":\"A\",\"content\":\"192.0.2.1\",\"ttl\":60}]",
     "a.example.com. 60 A 192.0.2.1\n", ""},
    {"an escaped key is still \"result\"",
     R"({"res\u0075lt":[{"name":"a.example.com","type":"A","content":"192.0.2.1","ttl":60},7]})",
     "a.example.com. 60 A 192.0.2.1\n", "1:84 json-record field= token=7 type=\n"},
    {"a repeated key: the last one wins, positions agree",
     R"({"result":[1],
"result":[{"name":"a.example.com","type":"A","content":"192.0.2.1","ttl":60},2]})",
     "a.example.com. 60 A 192.0.2.1\n", "2:78 json-record field= token=2 type=\n"},
    {"names with a trailing dot too",
     R"([{"name":"example.com.","type":"MX","content":"mx.example.net.","priority":5,"ttl":300}])",
     "example.com. 300 MX 5 mx.example.net.\n", ""},
};

TEST_CASE("cloudflare json: accepted shapes") {
  for (const Case& c : kShapes) check(c);
}

// ------------------------------------------------------------ record kinds

const Case kKinds[] = {
    {"A, proxied", R"([{"name":"example.com","type":"A","content":"198.51.100.7","proxied":true,"ttl":1}])",
     "example.com. 1 A 198.51.100.7 proxied auto\n", ""},
    {"AAAA", R"([{"name":"example.com","type":"AAAA","content":"2001:DB8:0:0::1","proxied":false,"ttl":120}])",
     "example.com. 120 AAAA 2001:db8::1 dns-only\n", ""},
    {"CNAME with settings.flatten_cname",
     R"([{"name":"example.com","type":"CNAME","content":"target.example.net","proxied":false,"ttl":1,
"settings":{"flatten_cname":true}}])",
     "example.com. 1 CNAME target.example.net. dns-only auto flatten\n", ""},
    {"flatten_cname false",
     R"([{"name":"a.example.com","type":"CNAME","content":"b.example.com","settings":{"flatten_cname":false}}])",
     "a.example.com. 1 CNAME b.example.com. auto\n", ""},
    {"empty settings (newer API answers)",
     R"([{"name":"a.example.com","type":"A","content":"192.0.2.1","ttl":60,"settings":{},"meta":{},"data":{}}])",
     "a.example.com. 60 A 192.0.2.1\n", ""},
    {"MX with top-level priority",
     R"([{"name":"example.com","type":"MX","content":"route1.mx.cloudflare.net","priority":25,"ttl":1}])",
     "example.com. 1 MX 25 route1.mx.cloudflare.net. auto\n", ""},
    {"MX priority already in content", R"([{"name":"example.com","type":"MX","content":"10 mx.example.com","ttl":60}])",
     "example.com. 60 MX 10 mx.example.com.\n", ""},
    {"null MX (RFC 7505)", R"([{"name":"example.com","type":"MX","content":".","priority":0,"ttl":60}])",
     "example.com. 60 MX 0 .\n", ""},
    {"NS", R"([{"name":"sub.example.com","type":"NS","content":"ns1.example.net","ttl":86400}])",
     "sub.example.com. 86400 NS ns1.example.net.\n", ""},
    {"PTR", R"([{"name":"1.2.0.192.in-addr.arpa","type":"PTR","content":"host.example.com","ttl":300}])",
     "1.2.0.192.in-addr.arpa. 300 PTR host.example.com.\n", ""},
    {"TXT quoted presentation",
     R"([{"name":"example.com","type":"TXT","content":"\"v=spf1 include:_spf.mx.cloudflare.net ~all\"","ttl":1}])",
     "example.com. 1 TXT \"v=spf1 include:_spf.mx.cloudflare.net ~all\" auto\n", ""},
    {"TXT several quoted strings",
     R"([{"name":"k._domainkey.example.com","type":"TXT","content":"\"v=DKIM1; p=MIIB\" \"m4KX\\\"AQAB\"","ttl":1}])",
     "k._domainkey.example.com. 1 TXT \"v=DKIM1; p=MIIB\" \"m4KX\\\"AQAB\" auto\n", ""},
    {"TXT raw text", R"([{"name":"example.com","type":"TXT","content":"v=spf1 -all","ttl":300}])",
     "example.com. 300 TXT \"v=spf1 -all\"\n", ""},
    {"TXT raw: backslash and inner quotes are text",
     R"([{"name":"example.com","type":"TXT","content":"a\\b \"c\" d","ttl":300}])",
     "example.com. 300 TXT \"a\\\\b \\\"c\\\" d\"\n", ""},
    {"TXT raw starting with a quote only", R"([{"name":"example.com","type":"TXT","content":"\"abc","ttl":300}])",
     "example.com. 300 TXT \"\\\"abc\"\n", ""},
    {"TXT raw empty", R"([{"name":"example.com","type":"TXT","content":"","ttl":300}])", "example.com. 300 TXT \"\"\n",
     ""},
    {"SPF type, raw", R"([{"name":"example.com","type":"SPF","content":"v=spf1 -all","ttl":300}])",
     "example.com. 300 SPF \"v=spf1 -all\"\n", ""},
    {"SRV from data",
     R"([{"name":"_sip._tcp.example.com","type":"SRV","content":"5 5060 sip.example.com","priority":10,"ttl":300,
"data":{"service":"_sip","proto":"_tcp","name":"example.com","priority":10,"weight":5,"port":5060,"target":"sip.example.com"}}])",
     "_sip._tcp.example.com. 300 SRV 10 5 5060 sip.example.com.\n", ""},
    {"SRV data wins over content",
     R"([{"name":"_x._tcp.example.com","type":"SRV","content":"1 1 1 wrong.example.com","ttl":300,
"data":{"priority":2,"weight":3,"port":4,"target":"right.example.com"}}])",
     "_x._tcp.example.com. 300 SRV 2 3 4 right.example.com.\n", ""},
    {"SRV data without priority: top-level priority",
     R"([{"name":"_x._tcp.example.com","type":"SRV","priority":7,"ttl":300,"data":{"weight":3,"port":4,"target":"t.example.com"}}])",
     "_x._tcp.example.com. 300 SRV 7 3 4 t.example.com.\n", ""},
    {"SRV content weight port target + priority",
     R"([{"name":"_x._udp.example.com","type":"SRV","content":"5 443 t.example.com","priority":1,"ttl":300}])",
     "_x._udp.example.com. 300 SRV 1 5 443 t.example.com.\n", ""},
    {"SRV content with all four fields",
     R"([{"name":"_x._udp.example.com","type":"SRV","content":"1 5 443 t.example.com","ttl":300}])",
     "_x._udp.example.com. 300 SRV 1 5 443 t.example.com.\n", ""},
    {"CAA from data",
     R"([{"name":"example.com","type":"CAA","ttl":300,"data":{"flags":0,"tag":"issue","value":"letsencrypt.org"}}])",
     "example.com. 300 CAA 0 issue \"letsencrypt.org\"\n", ""},
    {"CAA data value with quote and backslash",
     R"([{"name":"example.com","type":"CAA","ttl":300,"data":{"flags":128,"tag":"iodef","value":"mailto:a\\\"b@example.com"}}])",
     "example.com. 300 CAA 128 iodef \"mailto:a\\\\\\\"b@example.com\"\n", ""},
    {"CAA from content", R"([{"name":"example.com","type":"CAA","content":"0 issuewild \"pki.goog\"","ttl":300}])",
     "example.com. 300 CAA 0 issuewild \"pki.goog\"\n", ""},
    {"URI: priority + content",
     R"([{"name":"_http._tcp.example.com","type":"URI","content":"1 \"https://example.com/\"","priority":10,"ttl":300}])",
     "_http._tcp.example.com. 300 URI 10 1 \"https://example.com/\"\n", ""},
    {"URI from data + top-level priority",
     R"([{"name":"_http._tcp.example.com","type":"URI","priority":10,"ttl":300,"data":{"weight":20,"target":"https://example.com/a b"}}])",
     "_http._tcp.example.com. 300 URI 10 20 \"https://example.com/a b\"\n", ""},
    {"HTTPS from content",
     R"([{"name":"example.com","type":"HTTPS","content":"1 . alpn=\"h3,h2\" ipv4hint=\"192.0.2.1\"","ttl":300}])",
     "example.com. 300 HTTPS 1 . alpn=h3,h2 ipv4hint=192.0.2.1\n", ""},
    {"HTTPS from data",
     R"([{"name":"example.com","type":"HTTPS","ttl":300,"data":{"priority":1,"target":".","value":"alpn=\"h2\" port=\"8443\""}}])",
     "example.com. 300 HTTPS 1 . alpn=h2 port=8443\n", ""},
    {"DS from data",
     R"([{"name":"sub.example.com","type":"DS","ttl":300,"data":{"key_tag":2371,"algorithm":13,"digest_type":2,"digest":"1F987CC6583E92DF0890718C42C9B5E4B2AE5E1B1F1F4A5B2C4B5D6E7F8091A2"}}])",
     "sub.example.com. 300 DS 2371 13 2 1F987CC6583E92DF0890718C42C9B5E4B2AE5E1B1F1F4A5B2C4B5D6E7F8091A2\n", ""},
    {"TLSA from content",
     R"([{"name":"_25._tcp.mail.example.com","type":"TLSA","content":"3 1 1 0C72AC70B745AC19998811B131D662C9AC69DBDBE7CB23E5B514B56664C5D3D6","ttl":300}])",
     "_25._tcp.mail.example.com. 300 TLSA 3 1 1 0C72AC70B745AC19998811B131D662C9AC69DBDBE7CB23E5B514B56664C5D3D6\n",
     ""},
    {"SSHFP from data",
     R"([{"name":"host.example.com","type":"SSHFP","ttl":300,"data":{"algorithm":4,"type":2,"fingerprint":"123456789abcdef67890123456789abcdef67890123456789abcdef123456789"}}])",
     "host.example.com. 300 SSHFP 4 2 123456789ABCDEF67890123456789ABCDEF67890123456789ABCDEF123456789\n", ""},
    {"NAPTR from data",
     R"([{"name":"example.com","type":"NAPTR","ttl":300,"data":{"order":100,"preference":10,"flags":"S","service":"SIP+D2U","regex":"","replacement":"_sip._udp.example.com"}}])",
     "example.com. 300 NAPTR 100 10 \"S\" \"SIP+D2U\" \"\" _sip._udp.example.com.\n", ""},
    {"LOC from content",
     R"([{"name":"example.com","type":"LOC","content":"51 30 12.748 N 0 7 39.611 W 0.00m 0.00m 0.00m 0.00m","ttl":300}])",
     "example.com. 300 LOC 51 30 12.748 N 0 7 39.611 W 0.00m 0.00m 0.00m 0.00m\n", ""},
    // The API's own "Formatted LOC content": class and type in front (octoDNS's recorded page 3, tests/real).
    {"LOC content with IN LOC in front, as the API gives it",
     R"([{"name":"loc.unit.tests","type":"LOC","content":"IN LOC 31 58 52.1 S 115 49 11.7 E 20m 10m 10m 2m","ttl":300}])",
     "loc.unit.tests. 300 LOC 31 58 52.100 S 115 49 11.700 E 20.00m 10.00m 10.00m 2.00m\n", ""},
    {"LOC content with another word in front is still refused",
     R"([{"name":"loc.unit.tests","type":"LOC","content":"IN A 31 58 52.1 S 115 49 11.7 E 20m","ttl":300}])", "",
     "1:2 bad-loc field=content token=IN type=LOC\n"},
    {"RFC 3597 form in content", R"([{"name":"example.com","type":"TYPE65280","content":"\\# 2 abcd","ttl":300}])",
     "example.com. 300 TYPE65280 \\# 2 abcd\n", ""},
    {"lower-case type", R"([{"name":"example.com","type":"a","content":"192.0.2.1","ttl":300}])",
     "example.com. 300 A 192.0.2.1\n", ""},
    {"wildcard owner", R"([{"name":"*.example.com","type":"A","content":"192.0.2.1","ttl":300}])",
     "*.example.com. 300 A 192.0.2.1\n", ""},
};

TEST_CASE("cloudflare json: every record kind") {
  for (const Case& c : kKinds) check(c);
}

// ------------------------------------------------ proxied, ttl, and nulls

const Case kFlags[] = {
    {"proxied absent: unknown", R"([{"name":"a.example.com","type":"A","content":"192.0.2.1","ttl":60}])",
     "a.example.com. 60 A 192.0.2.1\n", ""},
    {"proxied null: unknown", R"([{"name":"a.example.com","type":"A","content":"192.0.2.1","ttl":60,"proxied":null}])",
     "a.example.com. 60 A 192.0.2.1\n", ""},
    {"proxied true", R"([{"name":"a.example.com","type":"A","content":"192.0.2.1","ttl":60,"proxied":true}])",
     "a.example.com. 60 A 192.0.2.1 proxied\n", ""},
    {"proxied false", R"([{"name":"a.example.com","type":"A","content":"192.0.2.1","ttl":60,"proxied":false}])",
     "a.example.com. 60 A 192.0.2.1 dns-only\n", ""},
    {"ttl 1 is automatic", R"([{"name":"a.example.com","type":"A","content":"192.0.2.1","ttl":1}])",
     "a.example.com. 1 A 192.0.2.1 auto\n", ""},
    {"ttl absent: the API default, automatic", R"([{"name":"a.example.com","type":"A","content":"192.0.2.1"}])",
     "a.example.com. 1 A 192.0.2.1 auto\n", ""},
    {"ttl null: as absent", R"([{"name":"a.example.com","type":"A","content":"192.0.2.1","ttl":null}])",
     "a.example.com. 1 A 192.0.2.1 auto\n", ""},
    {"ttl 0 is kept", R"([{"name":"a.example.com","type":"A","content":"192.0.2.1","ttl":0}])",
     "a.example.com. 0 A 192.0.2.1\n", ""},
    {"ttl written as 300.0", R"([{"name":"a.example.com","type":"A","content":"192.0.2.1","ttl":300.0}])",
     "a.example.com. 300 A 192.0.2.1\n", ""},
    {"ttl 1e2 (a float in JSON)", R"([{"name":"a.example.com","type":"A","content":"192.0.2.1","ttl":1e2}])",
     "a.example.com. 100 A 192.0.2.1\n", ""},
    {"data null: content is used",
     R"([{"name":"example.com","type":"CAA","content":"0 issue \"x.example\"","ttl":300,"data":null}])",
     "example.com. 300 CAA 0 issue \"x.example\"\n", ""},
    {"settings null, priority null on A, zone_name null",
     R"([{"name":"a.example.com","type":"A","content":"192.0.2.1","ttl":60,"settings":null,"priority":null,"zone_name":null}])",
     "a.example.com. 60 A 192.0.2.1\n", ""},
};

TEST_CASE("cloudflare json: proxied, ttl and nulls") {
  for (const Case& c : kFlags) check(c);
}

// ------------------------------------------------------------- bad records

const Case kBad[] = {
    // Each bad record sits between two good ones: it alone is lost.
    {"unknown type",
     R"([{"name":"a.example.com","type":"A","content":"192.0.2.1","ttl":60},
  {"name":"b.example.com","type":"FOO","content":"x","ttl":60},
{"name":"c.example.com","type":"A","content":"192.0.2.3","ttl":60}])",
     "a.example.com. 60 A 192.0.2.1\nc.example.com. 60 A 192.0.2.3\n",
     "2:3 json-record field=type token=FOO type=FOO\n"},
    {"a query type is no zone data",
     R"([{"name":"a.example.com","type":"ANY","content":"x"},{"name":"a.example.com","type":"OPT","content":"x"}])", "",
     "1:2 json-record field=type token=ANY type=ANY\n1:54 json-record field=type token=OPT type=OPT\n"},
    {"ttl as a string",
     R"([{"name":"a.example.com","type":"A","content":"192.0.2.1","ttl":60},
{"name":"b.example.com","type":"A","content":"192.0.2.2","ttl":"300"},
{"name":"c.example.com","type":"A","content":"192.0.2.3","ttl":60}])",
     "a.example.com. 60 A 192.0.2.1\nc.example.com. 60 A 192.0.2.3\n", "2:1 json-record field=ttl token=300 type=A\n"},
    {"ttl as an array: shown as written", R"([{"name":"b.example.com","type":"A","content":"192.0.2.2","ttl":[1, 2]}])",
     "", "1:2 json-record field=ttl token=[1, 2] type=A\n"},
    {"proxied as \"yes\"", R"([{"name":"b.example.com","type":"A","content":"192.0.2.2","proxied":"yes"}])", "",
     "1:2 json-record field=proxied token=yes type=A\n"},
    {"proxied as 1", R"([{"name":"b.example.com","type":"A","content":"192.0.2.2","proxied":1}])", "",
     "1:2 json-record field=proxied token=1 type=A\n"},
    {"flatten_cname as a string",
     R"([{"name":"b.example.com","type":"CNAME","content":"c.example.com","settings":{"flatten_cname":"true"}}])", "",
     "1:2 json-record field=settings.flatten_cname token=true type=CNAME\n"},
    {"settings as a list", R"([{"name":"b.example.com","type":"CNAME","content":"c.example.com","settings":[]}])", "",
     "1:2 json-record field=settings token=[] type=CNAME\n"},
    {"ttl past 32 bits", R"([{"name":"b.example.com","type":"A","content":"192.0.2.2","ttl":4294967296}])", "",
     "1:2 number-overflow field=ttl token=4294967296 type=A\n"},
    {"ttl past 64 bits (a float to nlohmann)",
     R"([{"name":"b.example.com","type":"A","content":"192.0.2.2","ttl":99999999999999999999999}])", "",
     "1:2 number-overflow field=ttl token=99999999999999999999999 type=A\n"},
    {"ttl past 2^31: kept, with a warning (RFC 2181 §8)",
     R"([{"name":"b.example.com","type":"A","content":"192.0.2.2","ttl":3000000000}])",
     "b.example.com. 3000000000 A 192.0.2.2\n", "1:2 ttl-too-large field=ttl token=3000000000 type=A\n"},
    {"negative ttl", R"([{"name":"b.example.com","type":"A","content":"192.0.2.2","ttl":-1}])", "",
     "1:2 bad-ttl field=ttl token=-1 type=A\n"},
    {"fractional ttl", R"([{"name":"b.example.com","type":"A","content":"192.0.2.2","ttl":300.5}])", "",
     "1:2 bad-ttl field=ttl token=300.5 type=A\n"},
    {"priority past 16 bits", R"([{"name":"example.com","type":"MX","content":"mx.example.com","priority":70000}])", "",
     "1:2 number-overflow field=priority token=70000 type=MX\n"},
    {"priority huge", R"([{"name":"example.com","type":"MX","content":"mx.example.com","priority":1e30}])", "",
     "1:2 number-overflow field=priority token=1e30 type=MX\n"},
    {"priority negative", R"([{"name":"example.com","type":"MX","content":"mx.example.com","priority":-3}])", "",
     "1:2 bad-number field=priority token=-3 type=MX\n"},
    {"priority as a string", R"([{"name":"example.com","type":"MX","content":"mx.example.com","priority":"10"}])", "",
     "1:2 json-record field=priority token=10 type=MX\n"},
    {"MX without priority", R"([{"name":"example.com","type":"MX","content":"mx.example.com","ttl":1}])", "",
     "1:2 missing-field field=priority token= type=MX\n"},
    {"MX priority null", R"([{"name":"example.com","type":"MX","content":"mx.example.com","priority":null}])", "",
     "1:2 missing-field field=priority token= type=MX\n"},
    {"content as a number", R"([{"name":"a.example.com","type":"A","content":3221225985}])", "",
     "1:2 json-record field=content token=3221225985 type=A\n"},
    {"content null", R"([{"name":"a.example.com","type":"A","content":null}])", "",
     "1:2 missing-field field=content token= type=A\n"},
    {"content absent", R"([{"name":"a.example.com","type":"A"}])", "",
     "1:2 missing-field field=content token= type=A\n"},
    {"name null", R"([{"name":null,"type":"A","content":"192.0.2.1"}])", "",
     "1:2 missing-owner field=name token= type=A\n"},
    {"name as a number", R"([{"name":5,"type":"A","content":"192.0.2.1"}])", "",
     "1:2 json-record field=name token=5 type=A\n"},
    {"name with an empty label", R"([{"name":"a..example.com","type":"A","content":"192.0.2.1"}])", "",
     "1:2 bad-name field=name token=a..example.com type=A\n"},
    {"name with a 64-octet label",
     R"([{"name":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example.com","type":"A","content":"192.0.2.1"}])",
     "",
     "1:2 label-too-long field=name token=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example.com "
     "type=A\n"},
    {"type null", R"([{"name":"a.example.com","type":null,"content":"192.0.2.1"}])", "",
     "1:2 missing-field field=type token= type=\n"},
    {"type as a number", R"([{"name":"a.example.com","type":1,"content":"192.0.2.1"}])", "",
     "1:2 json-record field=type token=1 type=\n"},
    {"a record that is not an object", R"([{"name":"a.example.com","type":"A","content":"192.0.2.1","ttl":60}, "oops",
null])",
     "a.example.com. 60 A 192.0.2.1\n",
     "1:70 json-record field= token=\"oops\" type=\n2:1 json-record field= token=null type=\n"},
    {"bad address", R"([{"name":"a.example.com","type":"A","content":"192.0.2.300"}])", "",
     "1:2 bad-ipv4 field=content token=192.0.2.300 type=A\n"},
    {"bad name in content", R"([{"name":"a.example.com","type":"CNAME","content":"b..example.com"}])", "",
     "1:2 bad-name field=content token=b..example.com type=CNAME\n"},
    {"extra field in content", R"([{"name":"a.example.com","type":"A","content":"192.0.2.1 192.0.2.2"}])", "",
     "1:2 extra-field field=content token=192.0.2.2 type=A\n"},
    {"unterminated quote in content", R"([{"name":"a.example.com","type":"CAA","content":"0 issue \"x"}])", "",
     "1:2 unterminated-quote field=content token=0 issue \"x type=CAA\n"},
    {"missing field in content", R"([{"name":"a.example.com","type":"CAA","content":"0 issue"}])", "",
     "1:2 missing-field field=content token=0 issue type=CAA\n"},
    {"SRV data port as a string",
     R"([{"name":"_x._tcp.example.com","type":"SRV","data":{"priority":1,"weight":2,"port":"443","target":"t.example.com"}}])",
     "", "1:2 json-record field=data.port token=443 type=SRV\n"},
    {"SRV data port past 16 bits",
     R"([{"name":"_x._tcp.example.com","type":"SRV","data":{"priority":1,"weight":2,"port":65536,"target":"t.example.com"}}])",
     "", "1:2 number-overflow field=data.port token=65536 type=SRV\n"},
    {"SRV data without target",
     R"([{"name":"_x._tcp.example.com","type":"SRV","data":{"priority":1,"weight":2,"port":3}}])", "",
     "1:2 missing-field field=data.target token= type=SRV\n"},
    {"SRV data without priority anywhere",
     R"([{"name":"_x._tcp.example.com","type":"SRV","data":{"weight":2,"port":3,"target":"t.example.com"}}])", "",
     "1:2 missing-field field=priority token= type=SRV\n"},
    {"CAA data with a number for the tag",
     R"([{"name":"example.com","type":"CAA","data":{"flags":0,"tag":5,"value":"x"}}])", "",
     "1:2 json-record field=data.tag token=5 type=CAA\n"},
    {"CAA data flags past 8 bits",
     R"([{"name":"example.com","type":"CAA","data":{"flags":256,"tag":"issue","value":"x"}}])", "",
     "1:2 number-overflow field=data.flags token=256 type=CAA\n"},
    {"ttl as true", R"([{"name":"b.example.com","type":"A","content":"192.0.2.2","ttl":true}])", "",
     "1:2 json-record field=ttl token=true type=A\n"},
    {"SRV content without its priority",
     R"([{"name":"_x._tcp.example.com","type":"SRV","content":"5 443 t.example.com"}])", "",
     "1:2 missing-field field=priority token= type=SRV\n"},
    {"URI content without its priority",
     R"([{"name":"_x._tcp.example.com","type":"URI","content":"1 \"https://x.example/\""}])", "",
     "1:2 missing-field field=priority token= type=URI\n"},
    {"empty content", R"([{"name":"a.example.com","type":"A","content":""}])", "",
     "1:2 missing-field field=content token= type=A\n"},
    {"HTTPS data value with an open quote",
     R"([{"name":"example.com","type":"HTTPS","data":{"priority":1,"target":".","value":"alpn=\"h2"}}])", "",
     "1:2 unterminated-quote field=data.value token=alpn=\"h2 type=HTTPS\n"},
    {"HTTPS data with a bad SvcParam",
     R"([{"name":"example.com","type":"HTTPS","data":{"priority":1,"target":".","value":"port=x"}}])", "",
     "1:2 bad-svcparam field=data.value token=port=x type=HTTPS\n"},
    {"data as a string", R"([{"name":"example.com","type":"CAA","data":"0 issue x"}])", "",
     "1:2 json-record field=data token=0 issue x type=CAA\n"},
};

TEST_CASE("cloudflare json: a bad record loses only itself") {
  for (const Case& c : kBad) check(c);
}

TEST_CASE("cloudflare json: TXT strings") {
  std::string long_text(300, 'x');
  SUBCASE("raw text is cut into 255-octet strings (RFC 1035 §3.3.14)") {
    Zone zone = import_text(R"([{"name":"a.example.com","type":"TXT","content":")" + long_text + R"(","ttl":300}])");
    CHECK(dump_diagnostics(zone) == "");
    REQUIRE(zone.size() == 1);
    RecordView r = zone.record(0);
    CHECK(r.rdata.size() == 302);
    CHECK(uint8_t(r.rdata[0]) == 255);
    CHECK(uint8_t(r.rdata[256]) == 45);
  }
  SUBCASE("a quoted string over 255 octets is kept split, with a warning, as in a zone file") {
    Zone zone = import_text(R"([{"name":"a.example.com","type":"TXT","content":"\")" + long_text + R"(\""}])");
    REQUIRE(zone.size() == 1);
    CHECK(zone.record(0).rdata ==
          std::string(1, char(255)) + long_text.substr(0, 255) + char(45) + long_text.substr(255));
    CHECK(dump_diagnostics(zone) ==
          "1:2 txt-string-split field=content token=" + long_text.substr(0, 80) + " type=TXT\n");
    CHECK(zone.rejected_records == 0);
    CHECK(zone.error_count == 0);
  }
  SUBCASE("raw text past 65535 octets of RDATA") {
    std::string huge(65300, 'y');
    Zone zone = import_text(R"([{"name":"a.example.com","type":"TXT","content":")" + huge + R"("}])");
    CHECK(zone.size() == 0);
    CHECK(dump_diagnostics(zone) == "1:2 rdata-too-long field=content token=" + huge.substr(0, 80) + " type=TXT\n");
  }
  SUBCASE("tokens are clipped at 80 bytes on a UTF-8 boundary") {
    std::string name;
    for (int i = 0; i < 50; ++i) name += "\xC3\xA9";  // é, two octets each
    Zone zone = import_text(R"([{"name":"a.example.com","type":"FOO)" + name + R"("}])");
    REQUIRE(zone.diagnostics.size() == 1);
    CHECK(zone.diagnostics[0].token.size() == 79);
    CHECK(zone.diagnostics[0].token == "FOO" + name.substr(0, 76));
  }
}

// ------------------------------------------------------------- bad JSON

struct SyntaxCase {
  const char* why;
  std::string_view input;
  uint32_t line, column;
};

const SyntaxCase kSyntax[] = {
    {"trailing comma in an object", "{\"result\":[\n  {\"name\":\"a.example.com\",}\n]}", 2, 27},
    {"cut short", "{\"result\":[\n  {\"name\":\"a.example.com\"", 2, 26},
    {"empty input", "", 1, 1},
    {"blanks only", "  \n ", 2, 2},
    {"garbage after the document", "[]\n x", 2, 2},
    {"raw newline in a string", "[\"a\nb\"]", 1, 4},
    {"number too large for a double", "[{\"ttl\":1e400}]", 1, 13},
    {"byte order mark then a bad token", "\xEF\xBB\xBF[1,]", 1, 4},
    {"a BIND file is no JSON", "example.com. 300 IN A 192.0.2.1\n", 1, 1},
    {"embedded NUL", std::string_view("[1,\0 2]", 7), 1, 4},
};

TEST_CASE("cloudflare json: a syntax error is one diagnostic at its position") {
  for (const SyntaxCase& c : kSyntax) {
    std::string why = c.why;
    CAPTURE(why);
    Zone zone = import_text(c.input);
    CHECK(zone.size() == 0);
    REQUIRE(zone.diagnostics.size() == 1);
    const Diagnostic& d = zone.diagnostics[0];
    CHECK(d.code == Code::json_syntax);
    CHECK(d.severity == Severity::error);
    CHECK(d.line == c.line);
    CHECK(d.column == c.column);
    CHECK(d.record_line == c.line);
    CHECK(d.token.size() <= 80);
    CHECK(zone.error_count == 1);
  }
}

// ------------------------------------------------------ places and limits

TEST_CASE("cloudflare json: spans and diagnostics point at the record's '{'") {
  const std::string text =
      "{\n"
      "  \"result\": [\n"
      "    {\n"
      "      \"name\": \"a.example.com\",\n"
      "      \"type\": \"A\",\n"
      "      \"content\": \"192.0.2.1\"\n"
      "    },\n"
      "      {\"name\": \"b.example.com\", \"type\": \"A\", \"content\": \"x\"},\n"
      "    {\"name\": \"c.example.com\", \"type\": \"A\", \"content\": \"192.0.2.3\"}\n"
      "  ]\n"
      "}\n";
  Zone zone = import_text(text);
  REQUIRE(zone.size() == 2);
  RecordView a = zone.record(0);
  CHECK(a.span.file == 0);
  CHECK(a.span.first_line == 3);
  CHECK(a.span.last_line == 7);
  CHECK(a.span.begin == text.find("{\n      \"name\""));
  std::string a_text = text.substr(size_t(a.span.begin), a.span.length);
  CHECK(a_text.front() == '{');
  CHECK(a_text.back() == '}');
  CHECK(a_text.find("192.0.2.1") != std::string::npos);
  RecordView c = zone.record(1);
  CHECK(c.span.first_line == 9);
  CHECK(c.span.last_line == 9);
  CHECK(c.span.begin == text.find("{\"name\": \"c."));
  REQUIRE(zone.diagnostics.size() == 1);
  const Diagnostic& d = zone.diagnostics[0];
  CHECK(d.code == Code::bad_ipv4);
  CHECK(d.line == 8);
  CHECK(d.column == 7);
  CHECK(d.record_line == 8);
  CHECK(d.token == "x");
  CHECK(d.field == "content");
  CHECK(d.type == "A");
  CHECK(d.detail == "address");
  CHECK(zone.rejected_records == 1);
  CHECK(zone.error_count == 1);
  CHECK(zone.format == InputFormat::cloudflare_json);
}

TEST_CASE("cloudflare json: the apex") {
  SUBCASE("from zone_name") {
    Zone zone = import_text(
        R"({"result":[{"zone_name":"Example.COM","name":"a.example.com","type":"A","content":"192.0.2.1"}]})");
    CHECK(name_text(zone.apex) == "Example.COM.");
  }
  SUBCASE("an apex already known is kept") {
    Zone zone;
    WireName n;
    REQUIRE(parse_name("other.test.", {}, n) == NameError::none);
    zone.apex.assign(n.view());
    import_cloudflare_json(R"([{"zone_name":"example.com","name":"a.example.com","type":"A","content":"192.0.2.1"}])",
                           0, zone, {});
    CHECK(name_text(zone.apex) == "other.test.");
  }
  SUBCASE("none given") {
    Zone zone = import_text(R"([{"name":"a.example.com","type":"A","content":"192.0.2.1"}])");
    CHECK(zone.apex.empty());
  }
}

TEST_CASE("cloudflare json: a name is the API's plain string, not presentation form") {
  // The API's `name` is "Complete DNS record name, including the zone name,
  // in Punycode" (docs/sources.md#cloudflare-api-json): dots part the
  // labels, every other character is itself. Before, "\032" was read as a
  // master file's escape (a space) and a backslash as escaping the next
  // character.
  const Case cases[] = {
      {"a space is a character of the label",
       R"([{"name":"a b.example.com","type":"A","content":"192.0.2.1","ttl":60}])",
       "a\\032b.example.com. 60 A 192.0.2.1\n", ""},
      {"a backslash and digits are themselves",
       R"([{"name":"a\\032b.example.com","type":"A","content":"192.0.2.1","ttl":60}])",
       "a\\\\032b.example.com. 60 A 192.0.2.1\n", ""},
      {"an escaped dot is no escape: the dot parts labels",
       R"([{"name":"a\\.b.example.com","type":"A","content":"192.0.2.1","ttl":60}])",
       "a\\\\.b.example.com. 60 A 192.0.2.1\n", ""},
      {"@ is a label, not the origin", R"([{"name":"@","type":"A","content":"192.0.2.1","ttl":60}])",
       "\\@. 60 A 192.0.2.1\n", ""},
      {"an empty label is a bad name", R"([{"name":"a..example.com","type":"A","content":"192.0.2.1","ttl":60}])", "",
       "1:2 bad-name field=name token=a..example.com type=A\n"},
      {"a label of 64 characters is too long",
       R"([{"name":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example.com","type":"A","content":"192.0.2.1"}])",
       "",
       "1:2 label-too-long field=name "
       "token=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example.com type=A\n"},
  };
  for (const Case& c : cases) check(c);
  SUBCASE("the apex from zone_name the same way") {
    Zone zone = import_text(
        R"({"result":[{"zone_name":"my zone.example","name":"a.my zone.example","type":"A","content":"192.0.2.1"}]})");
    CHECK(name_text(zone.apex) == "my\\032zone.example.");
    CHECK(zone.diagnostics.empty());
  }
  SUBCASE("253 characters in 4 labels are read; 254 are too long") {
    const std::string l63(63, 'a'), l61(61, 'a');
    const std::string at = l63 + "." + l63 + "." + l63 + "." + l61;  // 253 characters, 255 octets
    Zone ok = import_text(R"([{"name":")" + at + R"(","type":"A","content":"192.0.2.1"}])");
    CHECK(ok.size() == 1);
    Zone past = import_text(R"([{"name":")" + at + R"(a","type":"A","content":"192.0.2.1"}])");
    CHECK(past.size() == 0);
    REQUIRE(past.diagnostics.size() == 1);
    CHECK(past.diagnostics[0].code == Code::name_too_long);
  }
}

TEST_CASE("cloudflare json: limits") {
  const char* three = R"([{"name":"a.example.com","type":"A","content":"192.0.2.1"},
{"name":"b.example.com","type":"A","content":"192.0.2.2"},
{"name":"c.example.com","type":"A","content":"192.0.2.3"}])";
  SUBCASE("records") {
    ParseOptions options;
    options.limits.max_records = 2;
    Zone zone = import_text(three, options);
    CHECK(zone.size() == 2);
    CHECK(dump_diagnostics(zone) == "3:1 too-many-records field= token= type=\n");
    CHECK(zone.diagnostics[0].detail == "2");
  }
  SUBCASE("input size") {
    ParseOptions options;
    options.limits.max_input_bytes = 10;
    Zone zone = import_text(three, options);
    CHECK(zone.size() == 0);
    CHECK(dump_diagnostics(zone) == "1:1 input-too-large field= token= type=\n");
  }
  SUBCASE("diagnostics are capped") {
    std::string text = "[";
    for (int i = 0; i < 10; ++i) text += R"({"name":"a.example.com","type":"A","content":"bad"},)";
    text += "1]";
    ParseOptions options;
    options.limits.max_diagnostics = 3;
    Zone zone = import_text(text, options);
    CHECK(zone.diagnostics.size() == 4);  // three, then too-many-errors
    CHECK(zone.diagnostics[3].code == Code::too_many_errors);
    CHECK(zone.error_count == 11);
    CHECK(zone.rejected_records == 11);
  }
}

TEST_CASE("cloudflare json: hostile nesting does not recurse") {
  std::string text = "[" + std::string(200000, '[') + std::string(200000, ']') + "]";
  Zone zone = import_text(text);
  CHECK(zone.size() == 0);
  REQUIRE(zone.diagnostics.size() == 1);
  CHECK(zone.diagnostics[0].code == Code::json_record);
  CHECK(zone.diagnostics[0].column == 2);
  CHECK(zone.diagnostics[0].token == std::string(80, '['));

  std::string deep_member = R"([{"name":"a.example.com","type":"A","content":"192.0.2.1","meta":)" +
                            std::string(200000, '[') + std::string(200000, ']') + "}]";
  Zone kept = import_text(deep_member);
  CHECK(dump_records(kept) == "a.example.com. 1 A 192.0.2.1 auto\n");
  CHECK(dump_diagnostics(kept) == "");
}

// ------------------------------------------------------------------ corpus

#ifdef MXRAY_SOURCE_DIR
std::string read_corpus(const char* name) {
  std::ifstream in(std::string(MXRAY_SOURCE_DIR) + "/tests/corpus/cloudflare-api/" + name, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// A cPanel-hosted club zone after its move to Cloudflare, as the API lists it.
const char* const kClubZone =
    "club-example.org. 1 A 203.0.113.10 proxied auto\n"
    "www.club-example.org. 1 CNAME club-example.org. proxied auto\n"
    "mail.club-example.org. 1 A 203.0.113.10 proxied auto\n"
    "cpanel.club-example.org. 1 A 203.0.113.10 proxied auto\n"
    "ftp.club-example.org. 3600 A 203.0.113.10 dns-only\n"
    "club-example.org. 1 MX 0 mail.club-example.org. dns-only auto\n"
    "club-example.org. 14400 TXT \"v=spf1 +a +mx +ip4:203.0.113.10 ~all\" dns-only\n"
    "default._domainkey.club-example.org. 14400 TXT \"v=DKIM1; k=rsa; "
    "p="
    "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAvD3r8e4mTqH2Zr0Kx7bJm1sYg9cQp5aLw2nV6uF0iO3tR8yE1hG4jK7lM0nP3qS6tU9vW2"
    "xZ5aB8cD1eF4gH7iJ0kL3mN6oP9qR2sT5uV8wX1yZ4aB7cD0eF3gH6iJ9kL2mN5oP8qR1sT4uV7wX0yZ3aB6cD9eF2gH5iJ8kL1mN4oP7qR0sT3uV6"
    "wX9yZ2aB5\" "
    "\"cD8eF1gH4iJ7kL0mN3oP6qR9sT2uV5wX8yZ1aB4cD7eF0gH3iJ6kL9mN2oP5qR8sT1uV4wX7yZ0aB3cD6eF9gH2iJ5kL8mN1oP4qR7sT0uV3wX6y"
    "Z9aB2cD5eF8gH1iJ4kL7mN0oP3qR6sT9uV2wX5yZ8QIDAQAB\" dns-only\n"
    "_dmarc.club-example.org. 1 TXT \"v=DMARC1; p=none; rua=mailto:dmarc@club-example.org\" dns-only auto\n"
    "_autodiscover._tcp.club-example.org. 14400 SRV 0 0 443 cpanelemaildiscovery.cpanel.net. dns-only\n"
    "club-example.org. 1 CAA 0 issue \"letsencrypt.org\" dns-only auto\n"
    "shop.club-example.org. 1 CNAME shops.myshopify.com. dns-only auto\n";

TEST_CASE("cloudflare json: corpus files") {
  SUBCASE("list-page.json: one pretty-printed page") {
    Zone zone = import_text(read_corpus("list-page.json"));
    CHECK(dump_records(zone) == kClubZone);
    CHECK(dump_diagnostics(zone) == "");
    CHECK(name_text(zone.apex) == "club-example.org.");
    REQUIRE(zone.size() == 12);
    CHECK(zone.record(0).span.first_line == 3);
    CHECK(zone.record(0).span.last_line == 24);
  }
  SUBCASE("pages-minified.json: the same zone in two one-line pages, one record broken") {
    Zone zone = import_text(read_corpus("pages-minified.json"));
    CHECK(dump_records(zone) == kClubZone);
    CHECK(dump_diagnostics(zone) == "1:4762 json-record field=proxied token=yes type=A\n");
    CHECK(zone.rejected_records == 1);
  }
  SUBCASE("bare-records.json") {
    Zone zone = import_text(read_corpus("bare-records.json"));
    CHECK(dump_records(zone) ==
          "example.net. 1 A 192.0.2.80 proxied auto\n"
          "example.net. 1 AAAA 2001:db8::80 proxied auto\n"
          "example.net. 300 MX 10 mx1.mail.example.\n"
          "example.net. 300 MX 20 mx2.mail.example.\n"
          "_submission._tcp.example.net. 300 SRV 0 1 587 smtp.mail.example.\n"
          "_mta-sts.example.net. 300 TXT \"v=STSv1; id=20240501\"\n"
          "example.net. 300 HTTPS 1 . alpn=h3,h2\n"
          "www.example.net. 1 CNAME example.net. proxied auto\n");
    CHECK(dump_diagnostics(zone) == "");
    CHECK(zone.apex.empty());
  }
  SUBCASE("single-record.json") {
    Zone zone = import_text(read_corpus("single-record.json"));
    CHECK(dump_records(zone) == "example.com. 3600 MX 10 mail.example.com. dns-only\n");
    CHECK(name_text(zone.apex) == "example.com.");
  }
  SUBCASE("error-response.json") {
    Zone zone = import_text(read_corpus("error-response.json"));
    CHECK(zone.size() == 0);
    CHECK(dump_diagnostics(zone) == "1:1 json-record field=errors token=Invalid access token type=\n");
  }
}
#endif

}  // namespace
