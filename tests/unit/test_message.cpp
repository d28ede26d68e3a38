// DNS messages: RFC 8484 queries byte for byte, real-shaped responses
// decoded and printed back, then hostile wire bytes, each with the reason
// it must be refused and the error it must give.
//
// Query vectors were derived by hand from RFC 1035 §4.1, RFC 6891 §6.1.2,
// RFC 7830 §3 and RFC 8467 §4.1, then checked against dnspython 2.3
// (dns.message.make_query(..., use_edns=0, id=0[, pad=N]).to_wire()).
// Response vectors were made with dnspython 2.3 (make_response + to_wire,
// which compresses owners and the names in MX, SOA and SRV RDATA); the
// hostile ones are edits of them, by hand.
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "dns/message.h"
#include "dns/name.h"
#include "dns/rdata.h"
#include "dns/types.h"
#include "hex.h"

using namespace mxray;

// Shared with test_doh_json.cpp, which declares it: one line per fact
// (header, EDNS, each EDE, each question and record) so the wire and the JSON
// decoder are checked against the same text.
namespace mxray::test {
std::string dump_message(const Message& m);
}

namespace {

using test::dump_message;
using test::from_hex;
using test::to_hex;

WireName wire_name(std::string_view text) {
  WireName n;
  REQUIRE(parse_name(text, {}, n) == NameError::none);
  return n;
}

// ----------------------------------------------------------------- queries

struct QueryCase {
  const char* why;
  const char* name;
  uint16_t type;
  QueryOptions options;
  const char* hex;
};

const QueryCase kQueries[] = {
    {"defaults: RD, one question IN, OPT with payload 1232, no DO",
     "example.com.",
     rrtype::A,
     {},
     "0000 0100 0001 0000 0000 0001"         // ID 0, RD; QD 1, AR 1
     "076578616D706C6503636F6D00 0001 0001"  // example.com. A IN
     "00 0029 04D0 00000000 0000"},          // OPT: root, payload 1232, TTL 0, no RDATA
    {"DO sets bit 15 of OPT's TTL (RFC 3225 §3); CD is bit 4 of the header",
     "example.com.",
     rrtype::MX,
     {.dnssec_ok = true, .checking_disabled = true},
     "0000 0110 0001 0000 0000 0001"
     "076578616D706C6503636F6D00 000F 0001"
     "00 0029 04D0 00008000 0000"},
    {"the root name is one zero octet; payload size is CLASS",
     ".",
     rrtype::NS,
     {.udp_size = 4096},
     "0000 0100 0001 0000 0000 0001"
     "00 0002 0001"
     "00 0029 1000 00000000 0000"},
    {"case is kept as given (RFC 4343); padding to 64: 44 octets + 4 option header + 16 zeros",
     "Mail.Example.COM.",
     rrtype::TXT,
     {.udp_size = 512, .padding_block = 64},
     "0000 0100 0001 0000 0000 0001"
     "044D61696C 074578616D706C65 03434F4D 00 0010 0001"
     "00 0029 0200 00000000 0013"                  // RDLENGTH 19
     "000C 000F 000000000000000000000000000000"},  // option 12, 15 zero octets
    {"RFC 8467 §4.1 block padding to 128 octets, as dnspython pads",
     "example.com.",
     rrtype::A,
     {.padding_block = 128},
     "0000 0100 0001 0000 0000 0001"
     "076578616D706C6503636F6D00 0001 0001"
     "00 0029 04D0 00000000 0058"  // RDLENGTH 88
     "000C 0054"                   // padding option, 84 octets
     "00000000000000000000000000000000000000000000000000000000000000000000000000000000"
     "00000000000000000000000000000000000000000000000000000000000000000000000000000000"
     "00000000"},
    {"a message that already ends on the block gets an empty padding option",
     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.",
     rrtype::A,
     {.padding_block = 128},
     "0000 0100 0001 0000 0000 0001"
     "3F616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161"
     "616161616161616161"
     "1F62626262626262626262626262626262626262626262626262626262626262 00 0001 0001"
     "00 0029 04D0 00000000 0004 000C 0000"},
};

std::string strip_blanks(std::string_view hex) {
  std::string out;
  for (char c : hex)
    if (c != ' ') out.push_back(c);
  return out;
}

TEST_CASE("encode_query: byte-exact RFC 8484 queries") {
  for (const QueryCase& c : kQueries) {
    const std::string why = c.why;
    CAPTURE(why);
    const std::string wire = encode_query(wire_name(c.name), c.type, c.options);
    CHECK(to_hex(wire) == strip_blanks(c.hex));
    if (c.options.padding_block) CHECK(wire.size() % c.options.padding_block == 0);
  }
}

TEST_CASE("encode_query: a query is not accepted as a response") {
  Message m;
  MessageError e{};
  CHECK_FALSE(decode_message(encode_query(wire_name("example.com."), rrtype::A), m, e));
  CHECK(e == MessageError::not_a_response);
}

// --------------------------------------------------------------- base64url

TEST_CASE("base64url: RFC 4648 §10 vectors without padding, URL alphabet") {
  const struct {
    std::string_view in, out;
  } kCases[] = {
      {"", ""},
      {"f", "Zg"},
      {"fo", "Zm8"},
      {"foo", "Zm9v"},
      {"foob", "Zm9vYg"},
      {"fooba", "Zm9vYmE"},
      {"foobar", "Zm9vYmFy"},
      {"\xFB\xFF", "-_8"},  // 62 and 63 are '-' and '_' (RFC 4648 §5), not '+' and '/'
  };
  for (const auto& c : kCases) CHECK(base64url(c.in) == c.out);
  // RFC 8484 §4.1.1's GET example: www.example.com A, ID 0xABCD.
  CHECK(base64url(from_hex("ABCD01000001000000000000037777770765786"
                           "16D706C6503636F6D0000010001")) == "q80BAAABAAAAAAAAA3d3dwdleGFtcGxlA2NvbQAAAQAB");
}

// ----------------------------------------------------------- good answers

struct DecodeCase {
  const char* why;
  const char* hex;
  const char* dump;
};

const DecodeCase kAnswers[] = {
    {"A: owners compressed to the question (C00C)",
     "000081800001000200000001"
     "076578616D706C6503636F6D0000010001"
     "C00C000100010000012C0004C0000201"
     "C00C000100010000012C00045DB8D822"
     "00002904D0000000000000",
     "id 0 opcode 0 NOERROR qr rd ra\n"
     "edns udp 1232 version 0\n"
     "Q example.com. IN A\n"
     "AN example.com. 300 IN A 192.0.2.1\n"
     "AN example.com. 300 IN A 93.184.216.34\n"},
    {"AAAA",
     "000081800001000100000001"
     "076578616D706C6503636F6D00001C0001"
     "C00C001C00010000012C001026062800022000010248189325C81946"
     "00002904D0000000000000",
     "id 0 opcode 0 NOERROR qr rd ra\n"
     "edns udp 1232 version 0\n"
     "Q example.com. IN AAAA\n"
     "AN example.com. 300 IN AAAA 2606:2800:220:1:248:1893:25c8:1946\n"},
    {"CNAME chain then A; CNAME targets compressed into earlier RDATA (C02D, C031)",
     "00008180000100030000000103777777076578616D706C6503636F6D0000010001"
     "C00C000500010000003C00110363646E076578616D706C65036E657400"
     "C02D000500010000003C00070465646765C031"
     "C04A00010001000000140004C6336407"
     "00002904D0000000000000",
     "id 0 opcode 0 NOERROR qr rd ra\n"
     "edns udp 1232 version 0\n"
     "Q www.example.com. IN A\n"
     "AN www.example.com. 60 IN CNAME cdn.example.net.\n"
     "AN cdn.example.net. 60 IN CNAME edge.example.net.\n"
     "AN edge.example.net. 20 IN A 198.51.100.7\n"},
    {"MX: exchanges compressed (mail + C00C)",
     "000081800001000200000001076578616D706C6503636F6D00000F0001"
     "C00C000F000100000E100009000A046D61696CC00C"
     "C00C000F000100000E1000080014036D7832C00C"
     "00002904D0000000000000",
     "id 0 opcode 0 NOERROR qr rd ra\n"
     "edns udp 1232 version 0\n"
     "Q example.com. IN MX\n"
     "AN example.com. 3600 IN MX 10 mail.example.com.\n"
     "AN example.com. 3600 IN MX 20 mx2.example.com.\n"},
    {"NXDOMAIN: SOA in authority, owner a pointer into the question's middle, both names compressed",
     "000081830001000000010001046E6F7065076578616D706C6503636F6D0000010001"
     "C0110006000100000E100027036E7331C0110A686F73746D6173746572C01178A3F17500001C2000000E10001275000000012C"
     "00002904D0000000000000",
     "id 0 opcode 0 NXDOMAIN qr rd ra\n"
     "edns udp 1232 version 0\n"
     "Q nope.example.com. IN A\n"
     "NS example.com. 3600 IN SOA ns1.example.com. hostmaster.example.com. 2024010101 7200 3600 1209600 300\n"},
    {"TXT with two strings, and a second TXT record",
     "000081800001000200000001076578616D706C6503636F6D0000100001"
     "C00C001000010000012C00261F763D7370663120696E636C7564653A5F7370662E6578616D706C652E6E657405202D616C6C"
     "C00C001000010000012C00060568656C6C6F"
     "00002904D0000000000000",
     "id 0 opcode 0 NOERROR qr rd ra\n"
     "edns udp 1232 version 0\n"
     "Q example.com. IN TXT\n"
     "AN example.com. 300 IN TXT \"v=spf1 include:_spf.example.net\" \" -all\"\n"
     "AN example.com. 300 IN TXT \"hello\"\n"},
    {"SRV whose target is compressed (RFC 2052 mandated it; RFC 3597 §4 says decompress)",
     "0000818000010001000000010B5F7375626D697373696F6E045F746370076578616D706C6503636F6D0000210001"
     "C00C002100010000012C000D00000001024B046D61696CC01D"
     "00002904D0000000000000",
     "id 0 opcode 0 NOERROR qr rd ra\n"
     "edns udp 1232 version 0\n"
     "Q _submission._tcp.example.com. IN SRV\n"
     "AN _submission._tcp.example.com. 300 IN SRV 0 1 587 mail.example.com.\n"},
    {"CAA issue and critical iodef",
     "000081800001000200000001076578616D706C6503636F6D0001010001"
     "C00C010100010000012C001D8005696F6465666D61696C746F3A736563406578616D706C652E636F6D"
     "C00C010100010000012C0016000569737375656C657473656E63727970742E6F7267"
     "00002904D0000000000000",
     "id 0 opcode 0 NOERROR qr rd ra\n"
     "edns udp 1232 version 0\n"
     "Q example.com. IN CAA\n"
     "AN example.com. 300 IN CAA 128 iodef \"mailto:sec@example.com\"\n"
     "AN example.com. 300 IN CAA 0 issue \"letsencrypt.org\"\n"},
    {"HTTPS with alpn and address hints, as Cloudflare serves for proxied names",
     "000081800001000100000001076578616D706C6503636F6D0000410001"
     "C00C004100010000012C0029000100000100060268330268320004000468"
     "1084E500060010260647000000000000000000681084E5"
     "00002904D0000000000000",
     "id 0 opcode 0 NOERROR qr rd ra\n"
     "edns udp 1232 version 0\n"
     "Q example.com. IN HTTPS\n"
     "AN example.com. 300 IN HTTPS 1 . alpn=h3,h2 ipv4hint=104.16.132.229 ipv6hint=2606:4700::6810:84e5\n"},
    {"SVCB: uncompressed target (RFC 9460 §2.2 forbids compression), port and dohpath (key 7, RFC 9461)",
     "000081800001000100000001045F646E73087265736F6C76657204617270610000400001"
     "C00C004000010000012C00340001036F6E65036F6E65036F6E65036F6E6500000100030268320003000201BB"
     "000700102F646E732D71756572797B3F646E737D"
     "00002904D0000000000000",
     "id 0 opcode 0 NOERROR qr rd ra\n"
     "edns udp 1232 version 0\n"
     "Q _dns.resolver.arpa. IN SVCB\n"
     "AN _dns.resolver.arpa. 300 IN SVCB 1 one.one.one.one. alpn=h2 port=443 dohpath=\"/dns-query{?dns}\"\n"},
    {"unknown type: RDATA kept as sent, never decompressed (RFC 3597 §4)",
     "000081800001000100000001076578616D706C6503636F6D00FF000001"
     "C00CFF0000010000012C00050102030405"
     "00002904D0000000000000",
     "id 0 opcode 0 NOERROR qr rd ra\n"
     "edns udp 1232 version 0\n"
     "Q example.com. IN TYPE65280\n"
     "AN example.com. 300 IN TYPE65280 \\# 5 0102030405\n"},
    {"SERVFAIL with EDE 9 (DNSKEY Missing) and its EXTRA-TEXT (RFC 8914 §2)",
     "0000818200010000000000010D646E737365632D6661696C6564036F7267000001000100002904D000000000"
     "0039000F0035"  // RDLENGTH 57, option 15 length 53
     "0009"          // INFO-CODE 9
     "6E6F20534550206D61746368696E672074686520445320666F756E6420666F7220646E737365632D6661696C65642E6F72672E",
     "id 0 opcode 0 SERVFAIL qr rd ra\n"
     "edns udp 1232 version 0\n"
     "ede 9 \"no SEP matching the DS found for dnssec-failed.org.\"\n"
     "Q dnssec-failed.org. IN A\n"},
    {"BADVERS: OPT's extended RCODE 1 << 4 | header 0 = 16 (RFC 6891 §6.1.3)",
     "000081800001000000000001076578616D706C6503636F6D0000010001"
     "00002904D001000000"
     "0000",
     "id 0 opcode 0 BADVERS qr rd ra\n"
     "edns udp 1232 version 0\n"
     "Q example.com. IN A\n"},
    {"AD in the header, DO echoed in OPT",
     "000081A00001000100000001076578616D706C6503636F6D0000010001"
     "C00C000100010000012C0004C0000201"
     "00002904D0000080000000",
     "id 0 opcode 0 NOERROR qr rd ra ad\n"
     "edns udp 1232 version 0 do\n"
     "Q example.com. IN A\n"
     "AN example.com. 300 IN A 192.0.2.1\n"},
    {"EDNS version 1, two EDE options (one without text) and a padding option that is skipped",
     "ABCD81820000000000000001"
     "0000290200 00 01 0000 0012"  // payload 512, ext RCODE 0, version 1
     "000F 0002 0016"              // EDE 22 (No Reachable Authority), no text
     "000F 0004 0012 6869"         // EDE 18 (Prohibited), "hi"
     "000C 0000",                  // padding, empty
     "id 43981 opcode 0 SERVFAIL qr rd ra\n"
     "edns udp 512 version 1\n"
     "ede 22 \"\"\n"
     "ede 18 \"hi\"\n"},
    {"no OPT: RCODE from the header only; no question is fine for the decoder; opcode and AA kept",
     "00018D05 0000 0000 0000 0000",  // QR, opcode 1 (IQUERY), AA, RD, REFUSED
     "id 1 opcode 1 REFUSED qr aa rd\n"},
    {"records in authority and additional, a name compressed onto a compressed name (two hops)",
     "000081800001000000010001076578616D706C6503636F6D0000020001"
     "C00C000200010000012C0006036E7331C00C"  // NS ns1.example.com. at 0x29
     "C029000100010000012C0004C0000235",     // ns1.example.com. A, owner -> 0x29 -> 0x0C
     "id 0 opcode 0 NOERROR qr rd ra\n"
     "Q example.com. IN NS\n"
     "NS example.com. 300 IN NS ns1.example.com.\n"
     "AR ns1.example.com. 300 IN A 192.0.2.53\n"},
};

TEST_CASE("decode_message: real-shaped answers") {
  for (const DecodeCase& c : kAnswers) {
    const std::string why = c.why;
    CAPTURE(why);
    Message m;
    MessageError e = MessageError::bad_name;
    const bool ok = decode_message(from_hex(strip_blanks(c.hex)), m, e);
    CHECK(message_error_name(e) == "none");
    REQUIRE(ok);
    CHECK(dump_message(m) == std::string(c.dump));
  }
}

TEST_CASE("decode_message: compressed RDATA comes out uncompressed") {
  Message m;
  MessageError e{};
  REQUIRE(decode_message(from_hex(strip_blanks(kAnswers[3].hex)), m, e));
  REQUIRE(m.answer.size() == 2);
  // 10 mail.example.com. with the name spelled out, as a zone would hold it.
  CHECK(to_hex(m.answer[0].rdata) == "000A046D61696C076578616D706C6503636F6D00");
  CHECK(m.answer[0].owner.length == 13);
  CHECK(m.edns->udp_size == 1232);
  CHECK(m.additional.empty());  // OPT is not kept as a record
}

// ---------------------------------------------------------- hostile bytes

struct BadCase {
  const char* why;
  const char* hex;
  MessageError error;
};

// A response header with QR RD RA and the four counts, then the question
// example.com. A IN at offset 12 (its name ends at 25, the question at 29).
#define HDR(qd, an, ns, ar) "00008180" qd an ns ar
#define QUESTION "076578616D706C6503636F6D0000010001"

const BadCase kBad[] = {
    {"11 octets: the header needs 12", "0000818000010000000000", MessageError::short_header},
    {"QR clear: a query, not an answer", "000001000000000000000000", MessageError::not_a_response},
    {"the question name stops mid-label", HDR("0001", "0000", "0000", "0000") "076578616D70",
     MessageError::truncated_question},
    {"the question lacks QCLASS", HDR("0001", "0000", "0000", "0000") "076578616D706C6503636F6D000001",
     MessageError::truncated_question},
    {"a pointer cut after its first octet",
     HDR("0001", "0000", "0000", "0000") "03666F6F"
                                         "C0",
     MessageError::truncated_question},
    {"label type 01 (EDNS0 extended label, deprecated by RFC 6891 §5)",
     HDR("0001", "0000", "0000", "0000") "41"
                                         "0000010001",
     MessageError::bad_name},
    {"label type 10 (reserved, RFC 1035 §4.1.4)",
     HDR("0001", "0000", "0000", "0000") "81"
                                         "0000010001",
     MessageError::bad_name},
    {"pointer to itself: the owner at 29 points at 29",
     HDR("0001", "0001", "0000", "0000") QUESTION "C01D000100010000012C0004C0000201", MessageError::bad_pointer},
    {"A->B->A: the question at 12 points forward to 18, which points back to 12",
     HDR("0001", "0001", "0000", "0000") "C0120001 0001"
                                         "C00C000100010000012C0004C0000201",
     MessageError::bad_pointer},
    {"B->A->B entered from behind: the owner at 25 points back to 23 (the opaque RDATA of an unknown "
     "type), which points forward to 25",
     HDR("0000", "0002", "0000", "0000") "00 FF00 0001 00000000 0002 C019"         // at 12; RDATA at 23 -> 25
                                         "C017 0001 0001 0000012C 0004 C0000201",  // at 25; owner -> 23
     MessageError::bad_pointer},
    {"forward pointer: the owner points at the RDATA after it",
     HDR("0001", "0001", "0000", "0000") QUESTION "C02B000100010000012C0004C0000201", MessageError::bad_pointer},
    {"pointer past the end of the message",
     HDR("0001", "0001", "0000", "0000") QUESTION "FFFF000100010000012C0004C0000201", MessageError::bad_pointer},
    {"pointer into the header, which holds no names",
     HDR("0001", "0001", "0000", "0000") QUESTION "C004000100010000012C0004C0000201", MessageError::bad_pointer},
    {"pointer back to a label that runs past the end of the message",
     HDR("0001", "0002", "0000", "0000") QUESTION
     "C00C FF00 0001 00000000 0001 3F"         // at 29; RDATA at 41 is 3F, opaque
     "C029 0001 0001 0000012C 0004 C0000201",  // at 42; owner -> 41: a 63-octet label
     MessageError::bad_pointer},
    {"ANCOUNT 2 with nothing after the question", HDR("0001", "0002", "0000", "0000") QUESTION,
     MessageError::too_many_records},
    {"every count 65535: refused before anything is allocated", HDR("FFFF", "FFFF", "FFFF", "FFFF") QUESTION,
     MessageError::too_many_records},
    {"ANCOUNT 2, room for the minimum of two but the second is cut",
     HDR("0001", "0002", "0000", "0000") QUESTION "C00CFF00000100000000000C000000000000000000000000"
                                                  "C00C0001",
     MessageError::truncated_record},
    {"the RR header is cut after TTL", HDR("0001", "0001", "0000", "0000") QUESTION "C00C000100010000012C00",
     MessageError::truncated_record},
    {"RDATA cut: RDLENGTH 4, two octets sent",
     HDR("0001", "0001", "0000", "0000") QUESTION "C00C000100010000012C0004C000", MessageError::truncated_record},
    {"RDLENGTH past the end", HDR("0001", "0001", "0000", "0000") QUESTION "C00C000100010000012C0010C0000201",
     MessageError::truncated_record},
    {"A with three octets of RDATA (RFC 1035 §3.4.1 says four)",
     HDR("0001", "0001", "0000", "0000") QUESTION "C00C000100010000012C0003C00002", MessageError::bad_rdata},
    {"MX whose exchange runs past RDLENGTH",
     HDR("0001", "0001", "0000", "0000") QUESTION "C00C000F00010000012C0004000A046D"
                                                  "61696C00",
     MessageError::bad_rdata},
    {"MX exchange pointing forward",
     HDR("0001", "0001", "0000", "0000") QUESTION "C00C000F00010000012C0004000AC02D"
                                                  "00",
     MessageError::bad_pointer},
    {"DNAME may not be compressed (RFC 6672 §2.5): its pointer stays and fails the layout",
     HDR("0001", "0001", "0000", "0000") QUESTION "C00C002700010000012C0002C00C", MessageError::bad_rdata},
    {"two OPT records (RFC 6891 §6.1.1)",
     HDR("0001", "0000", "0000", "0002") QUESTION "00002904D0000000000000"
                                                  "00002904D0000000000000",
     MessageError::multiple_opt},
    {"OPT in the answer section", HDR("0001", "0001", "0000", "0000") QUESTION "00002904D0000000000000",
     MessageError::misplaced_opt},
    {"OPT in the authority section", HDR("0001", "0000", "0001", "0000") QUESTION "00002904D0000000000000",
     MessageError::misplaced_opt},
    {"OPT owned by example.com., not the root", HDR("0001", "0000", "0000", "0001") QUESTION "C00C002904D0000000000000",
     MessageError::misplaced_opt},
    {"EDE option length 10 in 6 octets of RDATA",
     HDR("0001", "0000", "0000", "0001") QUESTION "00002904D000000000 0006 000F000A0009", MessageError::bad_opt},
    {"EDE option of one octet: INFO-CODE needs two",
     HDR("0001", "0000", "0000", "0001") QUESTION "00002904D000000000 0005 000F000100", MessageError::bad_opt},
    {"option header cut: 3 octets left", HDR("0001", "0000", "0000", "0001") QUESTION "00002904D000000000 0003 000F00",
     MessageError::bad_opt},
    {"a valid answer followed by one stray octet",
     HDR("0001", "0001", "0000", "0000") QUESTION "C00C000100010000012C0004C0000201"
                                                  "00",
     MessageError::trailing_bytes},
};

#undef HDR
#undef QUESTION

TEST_CASE("decode_message: hostile bytes are refused with a named error") {
  for (const BadCase& c : kBad) {
    const std::string why = c.why;
    CAPTURE(why);
    Message m;
    MessageError e = MessageError::none;
    CHECK_FALSE(decode_message(from_hex(strip_blanks(c.hex)), m, e));
    CHECK(message_error_name(e) == message_error_name(c.error));
  }
}

// Cases too long to write as hex are built here.
std::string header(uint16_t qd, uint16_t an, uint16_t ns, uint16_t ar) {
  std::string w = from_hex("00008180");
  for (uint16_t v : {qd, an, ns, ar}) {
    w.push_back(char(v >> 8));
    w.push_back(char(v & 0xFF));
  }
  return w;
}

std::string pointer(size_t offset) { return {char(0xC0 | (offset >> 8)), char(offset & 0xFF)}; }

TEST_CASE("decode_message: names longer than 255 octets through pointers") {
  // Question: three 63-octet labels (193 octets with the root); the owner
  // adds a fourth 63-octet label in front of a pointer to it: 257 octets.
  const std::string label63 = std::string(1, char(63)) + std::string(63, 'a');
  std::string w = header(1, 1, 0, 0) + label63 + label63 + label63 + std::string(1, '\0') + from_hex("00010001");
  w += label63 + pointer(12) + from_hex("000100010000012C0004C0000201");
  Message m;
  MessageError e{};
  CHECK_FALSE(decode_message(w, m, e));
  CHECK(e == MessageError::bad_name);

  // One label shorter (62 octets) gives exactly 255 octets: accepted.
  std::string ok = header(1, 1, 0, 0) + label63 + label63 + label63 + std::string(1, '\0') + from_hex("00010001");
  ok += std::string(1, char(61)) + std::string(61, 'b') + pointer(12) + from_hex("000100010000012C0004C0000201");
  REQUIRE(decode_message(ok, m, e));
  CHECK(m.answer[0].owner.length == 255);
}

TEST_CASE("decode_message: a long chain of backward pointers ends in pointer-loop") {
  // 200 authority records of an unknown type; each owner is a pointer to the
  // previous owner, so the last name needs 200 hops, more than the 127 a
  // 255-octet name can use.
  const size_t kRecords = 200;
  std::string w = header(0, 0, uint16_t(kRecords), 0);
  size_t previous = w.size();
  w += std::string(1, '\0') + from_hex("FF000001000000000000");  // root owner, empty RDATA
  for (size_t i = 1; i < kRecords; ++i) {
    const size_t here = w.size();
    w += pointer(previous) + from_hex("FF000001000000000000");
    previous = here;
  }
  Message m;
  MessageError e{};
  CHECK_FALSE(decode_message(w, m, e));
  CHECK(e == MessageError::pointer_loop);

  // 100 hops are fine.
  std::string shorter = header(0, 0, 100, 0) + w.substr(12, 11 + 99 * 12);
  REQUIRE(decode_message(shorter, m, e));
  CHECK(m.authority.size() == 100);
  CHECK(m.authority.back().owner.length == 1);
}

TEST_CASE("decode_message: the decompressing types of RFC 3597 §4") {
  // Each record's names point at example.com. in the question (offset 12).
  const struct {
    const char* why;
    uint16_t type;
    const char* rdata_hex;      // with pointers
    const char* expected_text;  // after decompression
    const char* bad_hex;        // a broken variant that must be refused
  } kCases[] = {
      {"RP (RFC 1183 §2.2)", 17, "C00C 0474657874C00C", "example.com. text.example.com.",
       "C00C 0474657874C0"},                                                         // pointer cut
      {"AFSDB (RFC 1183 §1)", 18, "0001 03616673C00C", "1 afs.example.com.", "00"},  // subtype cut
      {"RT (RFC 1183 §3.3)", 21, "000A 0572656C6179C00C", "10 relay.example.com.",
       "000A 0572656C6179C00C 00"},  // an octet after the last name
      {"NAPTR (RFC 3403 §4.1): strings walked, replacement decompressed", 35,
       "000A0064 0155 07452B7369703A73 00 045F736970045F756470C00C",
       "10 100 \"U\" \"E+sip:s\" \"\" _sip._udp.example.com.",
       "000A0064 0155 08452B7369703A73 00"},  // services string runs past RDATA
      {"MINFO (RFC 1035 §3.3.7)", 14, "C00C C00C", "example.com. example.com.", "C00C"},  // emailbx missing
      {"PTR", 12, "03777777C00C", "www.example.com.", "03777777C01C"},  // pointer to itself (offset 28)
      {"PX (RFC 2163 §4)", 26, "000A C00C 0478343030C00C", "10 example.com. x400.example.com.",
       "000A C00C"},  // mapx400 missing
      {"NXT (RFC 2535 §5.2): next name decompressed, bitmap kept", 30, "C00C 40", "example.com. A",
       "C0"},  // pointer cut
      {"SIG (RFC 2535 §4.1): signer decompressed after 18 fixed octets", 24,
       "0001 08 02 0000012C 00000001 00000000 1234 C00C AABB",
       "A 8 2 300 19700101000001 19700101000000 4660 example.com. qrs=",
       "0001 08 02 0000012C 00000001 00000000 12"},  // key tag cut
  };
  // The question is example.com. A at 12; the answer's RDATA starts at 29 + 12.
  auto message = [](uint16_t type, const std::string& rdata) {
    std::string w = header(1, 1, 0, 0) + from_hex("076578616D706C6503636F6D0000010001") + pointer(12);
    w += std::string{char(type >> 8), char(type & 0xFF)} + from_hex("00010000012C");
    w += std::string{char(rdata.size() >> 8), char(rdata.size() & 0xFF)} + rdata;
    return w;
  };
  for (const auto& c : kCases) {
    const std::string why = c.why;
    CAPTURE(why);
    Message m;
    MessageError e{};
    REQUIRE(decode_message(message(c.type, from_hex(strip_blanks(c.rdata_hex))), m, e));
    std::string text;
    append_rdata_text(text, c.type, m.answer[0].rdata);
    CHECK(text == c.expected_text);
    CHECK_FALSE(decode_message(message(c.type, from_hex(strip_blanks(c.bad_hex))), m, e));
  }
}

// -------------------------------------------------------------- the names

TEST_CASE("rcode_name and message_error_name") {
  CHECK(rcode_name(rcode::NOERROR) == "NOERROR");
  CHECK(rcode_name(rcode::SERVFAIL) == "SERVFAIL");
  CHECK(rcode_name(rcode::NXDOMAIN) == "NXDOMAIN");
  CHECK(rcode_name(rcode::REFUSED) == "REFUSED");
  CHECK(rcode_name(11) == "DSOTYPENI");
  CHECK(rcode_name(12) == "RCODE12");  // unassigned
  CHECK(rcode_name(rcode::BADVERS) == "BADVERS");
  CHECK(rcode_name(23) == "BADCOOKIE");
  CHECK(rcode_name(24) == "RCODE24");
  CHECK(rcode_name(4095) == "RCODE4095");

  // Stable, distinct, kebab-case: reports and tests key on them.
  std::vector<std::string_view> seen;
  for (unsigned i = 0; i <= unsigned(MessageError::too_many_records); ++i) {
    std::string_view name = message_error_name(MessageError(i));
    CAPTURE(i);
    CHECK(name != "unknown");
    for (char c : name) CHECK(((c >= 'a' && c <= 'z') || c == '-'));
    for (std::string_view s : seen) CHECK(s != name);
    seen.push_back(name);
  }
  CHECK(message_error_name(MessageError::bad_pointer) == "bad-pointer");
  CHECK(message_error_name(MessageError::short_header) == "short-header");
}

}  // namespace

std::string mxray::test::dump_message(const Message& m) {
  std::string out = "id " + std::to_string(m.id) + " opcode " + std::to_string(m.opcode) + " " + rcode_name(m.rcode);
  static constexpr struct {
    uint16_t bit;
    const char* name;
  } kFlags[] = {{dnsflag::QR, "qr"}, {dnsflag::AA, "aa"}, {dnsflag::TC, "tc"}, {dnsflag::RD, "rd"},
                {dnsflag::RA, "ra"}, {0x0040, "z"},       {dnsflag::AD, "ad"}, {dnsflag::CD, "cd"}};
  for (const auto& f : kFlags)
    if (m.has(f.bit)) out += std::string(" ") + f.name;
  out += "\n";
  if (m.edns) {
    out += "edns udp " + std::to_string(m.edns->udp_size) + " version " + std::to_string(m.edns->version) +
           (m.edns->dnssec_ok ? " do" : "") + "\n";
    for (const ExtendedError& e : m.edns->extended_errors) {
      out += "ede " + std::to_string(e.info_code) + " ";
      append_quoted(out, e.extra_text);
      out += "\n";
    }
  }
  if (!m.comment.empty()) out += "comment " + m.comment + "\n";
  for (const Question& q : m.questions) {
    out += "Q " + name_text(q.name.view()) + " ";
    append_class_name(out, q.qclass);
    out += " " + type_name(q.type) + "\n";
  }
  auto records = [&](const char* tag, const std::vector<ResourceRecord>& rs) {
    for (const ResourceRecord& r : rs) {
      out += std::string(tag) + " " + name_text(r.owner.view()) + " " + std::to_string(r.ttl) + " ";
      append_class_name(out, r.rclass);
      out += " " + type_name(r.type) + " ";
      append_rdata_text(out, r.type, r.rdata);
      out += "\n";
    }
  };
  records("AN", m.answer);
  records("NS", m.authority);
  records("AR", m.additional);
  return out;
}
