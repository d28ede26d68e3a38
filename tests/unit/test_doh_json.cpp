// DoH JSON answers (application/dns-json): Google's documented example and
// Cloudflare's shape, the `data` forms seen for each type, then bad input,
// each with the reason it must be refused. Records print through the same
// dump as the wire decoder's tests, so both decoders give one text.
// Then check_answer, one case per verdict.
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "dns/message.h"
#include "dns/name.h"
#include "dns/types.h"
#include "doh/answer.h"
#include "doh/json.h"
#include "hex.h"

using namespace mxray;

// Defined in test_message.cpp.
namespace mxray::test {
std::string dump_message(const Message& m);
}

namespace {

using test::dump_message;
using test::to_hex;

struct GoodCase {
  const char* why;
  const char* json;
  const char* dump;
};

const GoodCase kGood[] = {
    {"Google's documented example (developers.google.com/speed/public-dns/docs/doh/json), trimmed",
     R"j({
       "Status": 0, "TC": false, "RD": true, "RA": true, "AD": false, "CD": false,
       "Question": [{"name": "apple.com.", "type": 1}],
       "Answer": [{"name": "apple.com.", "type": 1, "TTL": 3599, "data": "17.178.96.59"},
                  {"name": "apple.com.", "type": 1, "TTL": 3599, "data": "17.172.224.47"}],
       "Additional": [],
       "edns_client_subnet": "12.34.56.78/0",
       "Comment": "Response from 216.239.38.110"
     })j",
     "id 0 opcode 0 NOERROR qr rd ra\n"
     "comment Response from 216.239.38.110\n"
     "Q apple.com. IN A\n"
     "AN apple.com. 3599 IN A 17.178.96.59\n"
     "AN apple.com. 3599 IN A 17.172.224.47\n"},
    {"Cloudflare's documented shape: names without the trailing dot are absolute, AD set",
     R"j({"Status":0,"TC":false,"RD":true,"RA":true,"AD":true,"CD":false,
          "Question":[{"name":"example.com","type":28}],
          "Answer":[{"name":"example.com","type":28,"TTL":1726,"data":"2606:2800:220:1:248:1893:25c8:1946"}]})j",
     "id 0 opcode 0 NOERROR qr rd ra ad\n"
     "Q example.com. IN AAAA\n"
     "AN example.com. 1726 IN AAAA 2606:2800:220:1:248:1893:25c8:1946\n"},
    {"NXDOMAIN with the zone's SOA in Authority",
     R"j({"Status":3,"TC":false,"RD":true,"RA":true,"AD":false,"CD":false,
          "Question":[{"name":"nope.example.com.","type":1}],
          "Authority":[{"name":"example.com.","type":6,"TTL":1800,
                        "data":"ns.icann.org. noc.dns.icann.org. 2024010101 7200 3600 1209600 3600"}]})j",
     "id 0 opcode 0 NXDOMAIN qr rd ra\n"
     "Q nope.example.com. IN A\n"
     "NS example.com. 1800 IN SOA ns.icann.org. noc.dns.icann.org. 2024010101 7200 3600 1209600 3600\n"},
    {"a CNAME chain, MX with and without the trailing dot, SRV, CAA",
     R"j({"Status":0,"RD":true,"RA":true,"Question":[{"name":"www.example.com.","type":1}],
          "Answer":[{"name":"www.example.com.","type":5,"TTL":60,"data":"img.alicdn.com.danuoyi.alicdn.com."},
                    {"name":"example.com.","type":15,"TTL":300,"data":"0 mail.negativeion.net."},
                    {"name":"example.com.","type":15,"TTL":300,"data":"10 mx.example.test"},
                    {"name":"_sip._udp.example.com.","type":33,"TTL":300,"data":"20 0 5060 www.example.com."},
                    {"name":"example.com.","type":257,"TTL":300,"data":"0 issue \"letsencrypt.org\""}]})j",
     "id 0 opcode 0 NOERROR qr rd ra\n"
     "Q www.example.com. IN A\n"
     "AN www.example.com. 60 IN CNAME img.alicdn.com.danuoyi.alicdn.com.\n"
     "AN example.com. 300 IN MX 0 mail.negativeion.net.\n"
     "AN example.com. 300 IN MX 10 mx.example.test.\n"
     "AN _sip._udp.example.com. 300 IN SRV 20 0 5060 www.example.com.\n"
     "AN example.com. 300 IN CAA 0 issue \"letsencrypt.org\"\n"},
    {"HTTPS in presentation form, as Cloudflare serves it for proxied names",
     R"j({"Status":0,"Question":[{"name":"example.com.","type":65}],
          "Answer":[{"name":"example.com.","type":65,"TTL":300,
                     "data":"1 . alpn=h3,h2 ipv4hint=104.16.132.229,104.16.133.229 ipv6hint=2606:4700::6810:84e5"}]})j",
     "id 0 opcode 0 NOERROR qr\n"
     "Q example.com. IN HTTPS\n"
     "AN example.com. 300 IN HTTPS 1 . alpn=h3,h2 ipv4hint=104.16.132.229,104.16.133.229 "
     "ipv6hint=2606:4700::6810:84e5\n"},
    {"TXT: Google's one quoted string, Cloudflare's spaced pieces, Google's joined pieces, bare text, SPF",
     R"j({"Status":0,"Question":[{"name":"example.com.","type":16}],
          "Answer":[{"name":"example.com.","type":16,"TTL":300,"data":"\"v=spf1 -all\""},
                    {"name":"example.com.","type":16,"TTL":300,"data":"\"a\" \"b\""},
                    {"name":"example.com.","type":16,"TTL":300,"data":"\"k=rsa;  p=MIGf\"\"JiDJ; n=A 1024 bit key;\""},
                    {"name":"example.com.","type":16,"TTL":300,"data":"v=spf1 include:_spf.google.com ~all"},
                    {"name":"example.com.","type":99,"TTL":300,"data":"\"v=spf1 mx -all\""}]})j",
     "id 0 opcode 0 NOERROR qr\n"
     "Q example.com. IN TXT\n"
     "AN example.com. 300 IN TXT \"v=spf1 -all\"\n"
     "AN example.com. 300 IN TXT \"a\" \"b\"\n"
     "AN example.com. 300 IN TXT \"k=rsa;  p=MIGf\" \"JiDJ; n=A 1024 bit key;\"\n"
     "AN example.com. 300 IN TXT \"v=spf1 include:_spf.google.com ~all\"\n"
     "AN example.com. 300 IN SPF \"v=spf1 mx -all\"\n"},
    {"TXT: escapes inside quotes resolve (\\\" and \\DDD), empty strings stay, bare text is not unescaped",
     R"j({"Status":0,"Answer":[{"name":"example.com.","type":16,"TTL":1,"data":"\"say \\\"hi\\\"\" \"\\233\""},
                               {"name":"example.com.","type":16,"TTL":1,"data":"\"\""},
                               {"name":"example.com.","type":16,"TTL":1,"data":""},
                               {"name":"example.com.","type":16,"TTL":1,"data":"a\\b"}]})j",
     "id 0 opcode 0 NOERROR qr\n"
     "AN example.com. 1 IN TXT \"say \\\"hi\\\"\" \"\\233\"\n"
     "AN example.com. 1 IN TXT \"\"\n"
     "AN example.com. 1 IN TXT \"\"\n"
     "AN example.com. 1 IN TXT \"a\\\\b\"\n"},
    {"unknown types: RFC 3597 generic form and plain hex, with or without blanks; known type as \\# too",
     R"j({"Status":0,"Answer":[{"name":"example.com.","type":65280,"TTL":1,"data":"\\# 5 0102030405"},
                               {"name":"example.com.","type":65280,"TTL":1,"data":"0102030405"},
                               {"name":"example.com.","type":65280,"TTL":1,"data":"01 02 03 04 05"},
                               {"name":"example.com.","type":65280,"TTL":1,"data":"\\# 0"},
                               {"name":"example.com.","type":1,"TTL":1,"data":"\\# 4 c0000201"}]})j",
     "id 0 opcode 0 NOERROR qr\n"
     "AN example.com. 1 IN TYPE65280 \\# 5 0102030405\n"
     "AN example.com. 1 IN TYPE65280 \\# 5 0102030405\n"
     "AN example.com. 1 IN TYPE65280 \\# 5 0102030405\n"
     "AN example.com. 1 IN TYPE65280 \\# 0\n"
     "AN example.com. 1 IN A 192.0.2.1\n"},
    {"a known type in plain hex (from a resolver that does not know it) is taken when well-formed",
     R"j({"Status":0,"Answer":[{"name":"example.com.","type":257,"TTL":1,"data":"000569737375656C657473656E63727970742E6F7267"}]})j",
     "id 0 opcode 0 NOERROR qr\n"
     "AN example.com. 1 IN CAA 0 issue \"letsencrypt.org\"\n"},
    {"SERVFAIL with Cloudflare's EDE text as a Comment list, joined with \"; \"; CD and TC kept",
     R"j({"Status":2,"TC":true,"RD":true,"RA":true,"AD":false,"CD":true,
          "Question":[{"name":"dnssec-failed.org.","type":1}],
          "Comment":["EDE(9): DNSKEY Missing (no SEP matching the DS found for dnssec-failed.org.)", 7, "second"]})j",
     "id 0 opcode 0 SERVFAIL qr tc rd ra cd\n"
     "comment EDE(9): DNSKEY Missing (no SEP matching the DS found for dnssec-failed.org.); second\n"
     "Q dnssec-failed.org. IN A\n"},
    {"null members count as absent; a type given as a mnemonic; a lone Question object; odd Comment ignored",
     R"j({"Status":0,"TC":null,"Answer":null,"Question":{"name":".","type":"NS"},"Comment":{"x":1},
          "Additional":[{"name":"a.root-servers.net.","type":"A","TTL":0,"data":"198.41.0.4"}]})j",
     "id 0 opcode 0 NOERROR qr\n"
     "Q . IN NS\n"
     "AR a.root-servers.net. 0 IN A 198.41.0.4\n"},
    {"Status is any 12-bit RCODE: 16 is BADVERS", R"j({"Status":16})j", "id 0 opcode 0 BADVERS qr\n"},
};

TEST_CASE("decode_doh_json: answers as Google and Cloudflare send them") {
  for (const GoodCase& c : kGood) {
    const std::string why = c.why;
    CAPTURE(why);
    Message m;
    DohJsonProblem p;
    const bool ok = decode_doh_json(c.json, m, p);
    CHECK(doh_json_error_name(p.error) == "none");
    CHECK(p.detail == "");
    REQUIRE(ok);
    CHECK(dump_message(m) == std::string(c.dump));
  }
}

TEST_CASE("decode_doh_json: RDATA in the same wire form as the wire decoder's") {
  Message m;
  DohJsonProblem p;
  REQUIRE(decode_doh_json(R"j({"Status":0,"Answer":[{"name":"Example.COM","type":15,"TTL":300,
                             "data":"10 Mail.Example.COM."}]})j",
                          m, p));
  // Case kept (RFC 4343), names uncompressed.
  CHECK(to_hex(m.answer[0].owner.view()) == "074578616D706C6503434F4D00");
  CHECK(to_hex(m.answer[0].rdata) == "000A044D61696C074578616D706C6503434F4D00");
  CHECK(m.answer[0].rclass == rrclass::IN);
  CHECK_FALSE(m.edns.has_value());
}

TEST_CASE("decode_doh_json: TXT longer than 255 octets is cut into 255-octet strings") {
  const std::string text(300, 'x');
  for (const std::string& data : {text, "\\\"" + text + "\\\""}) {
    CAPTURE(data);
    Message m;
    DohJsonProblem p;
    const std::string json = R"({"Status":0,"Answer":[{"name":"a.","type":16,"TTL":1,"data":")" + data + R"("}]})";
    REQUIRE(decode_doh_json(json, m, p));
    const std::string& rdata = m.answer[0].rdata;
    REQUIRE(rdata.size() == 302);
    CHECK(uint8_t(rdata[0]) == 255);
    CHECK(uint8_t(rdata[256]) == 45);
    CHECK(rdata.substr(1, 255) + rdata.substr(257) == text);
  }
}

struct BadCase {
  const char* why;
  const char* json;
  DohJsonError error;
  const char* detail;
};

const BadCase kBad[] = {
    {"not JSON: cut short", R"j({"Status":0,)j", DohJsonError::not_json, ""},
    {"not JSON: empty", "", DohJsonError::not_json, ""},
    {"not JSON: invalid UTF-8 in a string", "{\"Status\":0,\"Comment\":\"\xC3\x28\"}", DohJsonError::not_json, ""},
    {"an array at the top", R"j([{"Status":0}])j", DohJsonError::not_object, ""},
    {"a bare number at the top", "0", DohJsonError::not_object, ""},
    {"Status missing", R"j({"TC":false})j", DohJsonError::bad_status, "Status"},
    {"Status null", R"j({"Status":null})j", DohJsonError::bad_status, "Status"},
    {"Status negative", R"j({"Status":-1})j", DohJsonError::bad_status, "Status"},
    {"Status as a string", R"j({"Status":"0"})j", DohJsonError::bad_status, "Status"},
    {"Status fractional", R"j({"Status":0.5})j", DohJsonError::bad_status, "Status"},
    {"Status past 12 bits", R"j({"Status":4096})j", DohJsonError::bad_status, "Status"},
    {"TC as a string", R"j({"Status":0,"TC":"false"})j", DohJsonError::bad_flag, "TC"},
    {"AD as a number", R"j({"Status":0,"AD":1})j", DohJsonError::bad_flag, "AD"},
    {"Question not a list", R"j({"Status":0,"Question":"example.com."})j", DohJsonError::bad_question,
     "Question is not a list"},
    {"Question entry without type", R"j({"Status":0,"Question":[{"name":"example.com."}]})j",
     DohJsonError::bad_question, "Question[0].type"},
    {"Question type past 16 bits", R"j({"Status":0,"Question":[{"name":"example.com.","type":65536}]})j",
     DohJsonError::bad_question, "Question[0].type"},
    {"Question name with a 64-octet label",
     R"j({"Status":0,"Question":[{"name":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com.","type":1}]})j",
     DohJsonError::bad_question, "Question[0].name"},
    {"Answer not a list", R"j({"Status":0,"Answer":{}})j", DohJsonError::bad_record, "Answer is not a list"},
    {"Answer entry not an object", R"j({"Status":0,"Answer":["x"]})j", DohJsonError::bad_record,
     "Answer[0] is not an object"},
    {"record without data", R"j({"Status":0,"Answer":[{"name":"a.","type":1,"TTL":1}]})j", DohJsonError::bad_record,
     "Answer[0].data"},
    {"data not a string", R"j({"Status":0,"Answer":[{"name":"a.","type":1,"TTL":1,"data":3}]})j",
     DohJsonError::bad_record, "Answer[0].data"},
    {"record without TTL", R"j({"Status":0,"Authority":[{"name":"a.","type":1,"data":"192.0.2.1"}]})j",
     DohJsonError::bad_record, "Authority[0].TTL"},
    {"TTL negative", R"j({"Status":0,"Answer":[{"name":"a.","type":1,"TTL":-5,"data":"192.0.2.1"}]})j",
     DohJsonError::bad_record, "Answer[0].TTL"},
    {"TTL past 32 bits", R"j({"Status":0,"Answer":[{"name":"a.","type":1,"TTL":4294967296,"data":"192.0.2.1"}]})j",
     DohJsonError::bad_record, "Answer[0].TTL"},
    {"record name missing, second entry",
     R"j({"Status":0,"Additional":[{"name":"a.","type":1,"TTL":1,"data":"192.0.2.1"},{"type":1,"TTL":1,"data":"192.0.2.1"}]})j",
     DohJsonError::bad_record, "Additional[1].name"},
    {"A with three octets", R"j({"Status":0,"Answer":[{"name":"a.","type":1,"TTL":1,"data":"1.2.3"}]})j",
     DohJsonError::bad_data, "Answer[0] A: 1.2.3"},
    {"MX without its exchange", R"j({"Status":0,"Answer":[{"name":"a.","type":15,"TTL":1,"data":"10"}]})j",
     DohJsonError::bad_data, "Answer[0] MX: 10"},
    {"SOA with a timer missing",
     R"j({"Status":0,"Authority":[{"name":"a.","type":6,"TTL":1,"data":"ns.a. host.a. 1 2 3 4"}]})j",
     DohJsonError::bad_data, "Authority[0] SOA: ns.a. host.a. 1 2 3 4"},
    {"TXT with an open quote", R"j({"Status":0,"Answer":[{"name":"a.","type":16,"TTL":1,"data":"\"v=spf1"}]})j",
     DohJsonError::bad_data, "Answer[0] TXT: \"v=spf1"},
    {"TXT with a bad escape", R"j({"Status":0,"Answer":[{"name":"a.","type":16,"TTL":1,"data":"\"\\999\""}]})j",
     DohJsonError::bad_data, "Answer[0] TXT: \"\\999\""},
    {"unknown type in odd-length hex", R"j({"Status":0,"Answer":[{"name":"a.","type":65280,"TTL":1,"data":"01020"}]})j",
     DohJsonError::bad_data, "Answer[0] TYPE65280: 01020"},
    {"unknown type, \\# length disagrees with the hex",
     R"j({"Status":0,"Answer":[{"name":"a.","type":65280,"TTL":1,"data":"\\# 3 0102"}]})j", DohJsonError::bad_data,
     "Answer[0] TYPE65280: \\# 3 0102"},
    {"unknown type in presentation form, which RFC 3597 §5 does not allow",
     R"j({"Status":0,"Answer":[{"name":"a.","type":65280,"TTL":1,"data":"hello world"}]})j", DohJsonError::bad_data,
     "Answer[0] TYPE65280: hello world"},
    {"A in hex of the wrong length", R"j({"Status":0,"Answer":[{"name":"a.","type":1,"TTL":1,"data":"c00002"}]})j",
     DohJsonError::bad_data, "Answer[0] A: c00002"},
};

TEST_CASE("decode_doh_json: bad input is refused with a named error and a detail") {
  for (const BadCase& c : kBad) {
    const std::string why = c.why;
    CAPTURE(why);
    Message m;
    DohJsonProblem p;
    CHECK_FALSE(decode_doh_json(c.json, m, p));
    CHECK(doh_json_error_name(p.error) == doh_json_error_name(c.error));
    CHECK(p.detail == c.detail);
  }
}

TEST_CASE("decode_doh_json: the detail quotes at most 80 bytes of data") {
  const std::string data(200, 'z');
  Message m;
  DohJsonProblem p;
  CHECK_FALSE(
      decode_doh_json(R"({"Status":0,"Answer":[{"name":"a.","type":1,"TTL":1,"data":")" + data + R"("}]})", m, p));
  CHECK(p.detail == "Answer[0] A: " + data.substr(0, 80));
}

TEST_CASE("doh_json_error_name: stable and distinct") {
  const DohJsonError all[] = {DohJsonError::none,       DohJsonError::not_json, DohJsonError::not_object,
                              DohJsonError::bad_status, DohJsonError::bad_flag, DohJsonError::bad_question,
                              DohJsonError::bad_record, DohJsonError::bad_data};
  const std::string_view names[] = {"none",     "not-json",     "not-object", "bad-status",
                                    "bad-flag", "bad-question", "bad-record", "bad-data"};
  for (size_t i = 0; i < std::size(all); ++i) CHECK(doh_json_error_name(all[i]) == names[i]);
}

// ----------------------------------------------------------- check_answer

WireName name_of(std::string_view text) {
  WireName n;
  REQUIRE(parse_name(text, {}, n) == NameError::none);
  return n;
}

Message answer_to(std::string_view name, uint16_t type, uint16_t rcode_value = rcode::NOERROR, uint16_t flags = 0) {
  Message m;
  m.flags = uint16_t(dnsflag::QR | flags);
  m.rcode = rcode_value;
  m.questions.push_back(Question{name_of(name), type, rrclass::IN});
  return m;
}

TEST_CASE("check_answer: one case per verdict") {
  const WireName asked = name_of("example.com.");
  const uint16_t A = rrtype::A;
  struct Case {
    const char* why;
    Message answer;
    AnswerVerdict verdict;
  };
  Message none = answer_to("example.com.", A);
  none.questions.clear();
  Message refused_bare = none;
  refused_bare.rcode = rcode::REFUSED;
  Message two = answer_to("example.com.", A);
  two.questions.push_back(two.questions[0]);
  Message chaos = answer_to("example.com.", A);
  chaos.questions[0].qclass = rrclass::CH;
  const Case cases[] = {
      {"NOERROR for our question", answer_to("example.com.", A), AnswerVerdict::ok},
      {"NXDOMAIN is an answer too", answer_to("example.com.", A, rcode::NXDOMAIN), AnswerVerdict::ok},
      {"names compare without ASCII case (RFC 4343)", answer_to("EXAMPLE.Com.", A), AnswerVerdict::ok},
      {"NOERROR without a question cannot be matched", none, AnswerVerdict::no_question},
      {"an error without a question: the RCODE says more", refused_bare, AnswerVerdict::refused},
      {"another name", answer_to("example.net.", A), AnswerVerdict::wrong_question},
      {"a name below ours is still another name", answer_to("www.example.com.", A), AnswerVerdict::wrong_question},
      {"another type", answer_to("example.com.", rrtype::AAAA), AnswerVerdict::wrong_question},
      {"another class", chaos, AnswerVerdict::wrong_question},
      {"two questions", two, AnswerVerdict::wrong_question},
      {"TC set, even with NOERROR", answer_to("example.com.", A, rcode::NOERROR, dnsflag::TC),
       AnswerVerdict::truncated},
      {"SERVFAIL", answer_to("example.com.", A, rcode::SERVFAIL), AnswerVerdict::server_failure},
      {"REFUSED", answer_to("example.com.", A, rcode::REFUSED), AnswerVerdict::refused},
      {"FORMERR", answer_to("example.com.", A, rcode::FORMERR), AnswerVerdict::other_rcode},
      {"NOTIMP", answer_to("example.com.", A, rcode::NOTIMP), AnswerVerdict::other_rcode},
      {"BADVERS (extended RCODE 16)", answer_to("example.com.", A, rcode::BADVERS), AnswerVerdict::other_rcode},
  };
  for (const Case& c : cases) {
    const std::string why = c.why;
    CAPTURE(why);
    CHECK(answer_verdict_name(check_answer(c.answer, asked, A)) == answer_verdict_name(c.verdict));
  }
}

TEST_CASE("check_answer: end to end from the wire and from JSON") {
  // dnspython's NXDOMAIN answer for nope.example.com. A (see test_message.cpp).
  const std::string wire = test::from_hex(
      "000081830001000000010001046E6F7065076578616D706C6503636F6D0000010001C0110006000100000E100027036E7331C0110A68"
      "6F73746D6173746572C01178A3F17500001C2000000E10001275000000012C00002904D0000000000000");
  Message m;
  MessageError e{};
  REQUIRE(decode_message(wire, m, e));
  CHECK(check_answer(m, name_of("nope.example.com."), rrtype::A) == AnswerVerdict::ok);
  CHECK(check_answer(m, name_of("nope.example.com."), rrtype::MX) == AnswerVerdict::wrong_question);

  DohJsonProblem p;
  REQUIRE(decode_doh_json(R"j({"Status":2,"Question":[{"name":"dnssec-failed.org","type":1}]})j", m, p));
  CHECK(check_answer(m, name_of("dnssec-failed.org."), rrtype::A) == AnswerVerdict::server_failure);
}

TEST_CASE("answer_verdict_name: stable names") {
  CHECK(answer_verdict_name(AnswerVerdict::ok) == "ok");
  CHECK(answer_verdict_name(AnswerVerdict::no_question) == "no-question");
  CHECK(answer_verdict_name(AnswerVerdict::wrong_question) == "wrong-question");
  CHECK(answer_verdict_name(AnswerVerdict::truncated) == "truncated");
  CHECK(answer_verdict_name(AnswerVerdict::server_failure) == "server-failure");
  CHECK(answer_verdict_name(AnswerVerdict::refused) == "refused");
  CHECK(answer_verdict_name(AnswerVerdict::other_rcode) == "other-rcode");
}

}  // namespace
