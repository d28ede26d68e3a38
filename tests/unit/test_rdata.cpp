// RDATA codec: every type of the table in presentation form and in RFC 3597
// `\# LEN HEX` form, both giving the same wire bytes, printed back to a
// canonical text that parses to the same wire again. Then the bad cases, one
// per malformed field kind, each with the reason it must fail, and the
// shared helpers (addresses, periods, escapes).
//
// Expected wire bytes were cross-checked with dnspython 2.3
// (dns.rdata.from_text(...).to_wire()) where dnspython knows the type;
// MD/MF/MB/MG/MR/MINFO are plain names, checked by hand.
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "dns/name.h"
#include "dns/rdata.h"
#include "dns/types.h"
#include "hex.h"
#include "zone/parser.h"

using namespace mxray;

namespace {

using test::from_hex;
using test::to_hex;

std::string origin_wire(std::string_view text) {
  if (text.empty()) return {};
  WireName n;
  REQUIRE(parse_name(text, {}, n) == NameError::none);
  return std::string(n.view());
}

struct Parsed {
  bool ok = false;
  std::string wire;
  RdataError error;
};

// Tokenizes `text` as one line of presentation text and parses it as `type`.
Parsed parse_text(uint16_t type, std::string_view text, std::string_view origin = "example.com.") {
  std::vector<TextToken> tokens;
  Parsed p;
  REQUIRE(tokenize_presentation(text, tokens));
  const std::string o = origin_wire(origin);
  p.ok = parse_rdata(type, tokens, o, p.wire, p.error);
  return p;
}

uint16_t type_code(std::string_view mnemonic) {
  auto code = parse_type_name(mnemonic);
  REQUIRE(code.has_value());
  return *code;
}

// `\# LEN HEX`, the hex cut in words of 6 digits so the joining is exercised.
std::string generic_form(std::string_view wire) {
  std::string out = "\\# " + std::to_string(wire.size());
  const std::string hex = to_hex(wire);
  for (size_t i = 0; i < hex.size(); i += 6) out += " " + hex.substr(i, 6);
  return out;
}

// ------------------------------------------------------------- good cases

struct GoodCase {
  std::string_view type;
  std::string_view text;       // presentation form, origin example.com.
  std::string_view hex;        // expected wire
  std::string_view canonical;  // append_rdata_text; empty: same as text
};

const GoodCase kGood[] = {
    // RFC 1035 §3.4.1
    {"A", "192.0.2.1", "C0000201", ""},
    {"A", "0.0.0.0", "00000000", ""},
    {"A", "255.255.255.255", "FFFFFFFF", ""},
    // RFC 1035 §3.3.11; a relative name takes the origin
    {"NS", "ns1.example.net.", "036E7331076578616D706C65036E657400", ""},
    {"NS", "ns1", "036E7331076578616D706C6503636F6D00", "ns1.example.com."},
    {"NS", "@", "076578616D706C6503636F6D00", "example.com."},
    {"MD", "md.example.", "026D64076578616D706C6500", ""},
    {"MF", "mf.example.", "026D66076578616D706C6500", ""},
    // case is kept in the wire and in the text
    {"CNAME", "Target.Example.NET.", "06546172676574074578616D706C65034E455400", ""},
    {"SOA", "ns1.example.com. hostmaster.example.com. 2024010101 7200 3600 1209600 300",
     "036E7331076578616D706C6503636F6D000A686F73746D6173746572076578616D706C6503636F6D0078A3F17500001C20"
     "00000E10001275000000012C",
     ""},
    // BIND units in the timers, printed back in seconds
    {"SOA", "ns1.example.com. hostmaster.example.com. 1 2h 1h 2w 1d",
     "036E7331076578616D706C6503636F6D000A686F73746D6173746572076578616D706C6503636F6D000000000100001C20"
     "00000E100012750000015180",
     "ns1.example.com. hostmaster.example.com. 1 7200 3600 1209600 86400"},
    {"MB", "mb.example.", "026D62076578616D706C6500", ""},
    {"MG", "mg.example.", "026D67076578616D706C6500", ""},
    {"MR", "mr.example.", "026D72076578616D706C6500", ""},
    {"PTR", "host.example.com.", "04686F7374076578616D706C6503636F6D00", ""},
    {"HINFO", R"("Generic PC" "Linux")", "0A47656E65726963205043054C696E7578", ""},
    {"HINFO", R"(x86 "Linux 6")", "03783836074C696E75782036", R"("x86" "Linux 6")"},
    {"MINFO", "rmail.example. email.example.", "05726D61696C076578616D706C650005656D61696C076578616D706C6500", ""},
    {"MX", "10 mail.example.com.", "000A046D61696C076578616D706C6503636F6D00", ""},
    {"MX", "0 .", "000000", ""},  // null MX (RFC 7505)
    {"TXT", R"("v=spf1 -all")", "0B763D73706631202D616C6C", ""},
    {"TXT", R"("a" "b c" "")", "01610362206300", ""},
    {"TXT", "unquoted", "08756E71756F746564", R"("unquoted")"},
    // escapes: \" \\ kept, ; inside quotes is text, \009 and \255 as octets
    {"TXT", R"("quote \" backslash \\ semi ; tab\009 high \255")",
     "2671756F74652022206261636B736C617368205C2073656D69203B2074616209206869676820FF", ""},
    {"RP", "admin.example.com. txt.example.com.",
     "0561646D696E076578616D706C6503636F6D0003747874076578616D706C6503636F6D00", ""},
    {"AFSDB", "1 afsdb.example.com.", "0001056166736462076578616D706C6503636F6D00", ""},
    {"RT", "10 relay.example.com.", "000A0572656C6179076578616D706C6503636F6D00", ""},
    {"AAAA", "2001:db8::1", "20010DB8000000000000000000000001", ""},
    {"AAAA", "::", "00000000000000000000000000000000", ""},
    {"AAAA", "2001:DB8:0:0:1:0:0:1", "20010DB8000000000001000000000001", "2001:db8::1:0:0:1"},
    // RFC 1876 §3 and the examples of its appendix
    {"LOC", "52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000.00m 10.00m", "000016138B3CF018810CBCE0009895B8", ""},
    {"LOC", "42 21 54 N 71 6 18 W -24m 30m", "0033161389172DD070BE15F000988D20",
     "42 21 54.000 N 71 6 18.000 W -24.00m 30.00m 10000.00m 10.00m"},
    // 0 S is 0 N in the wire: printed as N/E with the default sizes
    {"LOC", "0 S 0 W 0", "00121613800000008000000000989680", "0 0 0.000 N 0 0 0.000 E 0.00m 1.00m 10000.00m 10.00m"},
    {"SRV", "10 60 5060 sip.example.com.", "000A003C13C403736970076578616D706C6503636F6D00", ""},
    {"NAPTR", R"(100 10 "S" "SIP+D2U" "" _sip._udp.example.com.)",
     "0064000A0153075349502B44325500045F736970045F756470076578616D706C6503636F6D00", ""},
    {"NAPTR", R"(100 50 "a" "z3950+N2L+N2C" "!^urn:cid:.+@([^\\.]+\\.)(.*)$!\\2!i" .)",
     "0064003201610D7A333935302B4E324C2B4E324321215E75726E3A6369643A2E2B40285B5E5C2E5D2B5C2E29282E2A2924215C"
     "32216900",
     ""},
    {"KX", "10 kx.example.com.", "000A026B78076578616D706C6503636F6D00", ""},
    // mnemonics in, numbers out (RFC 4398 §2.1)
    {"CERT", "PGP 0 0 aGVsbG8=", "000300000068656C6C6F", "3 0 0 aGVsbG8="},
    {"CERT", "1 12345 8 aGVsbG8gd29ybGQ=", "000130390868656C6C6F20776F726C64", ""},
    {"DNAME", "example.net.", "076578616D706C65036E657400", ""},
    {"DS", "60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118", "EC4505012BB183AF5F22588179A53B0A98631FAD1A292118",
     ""},
    // algorithm mnemonic; the digest may be split into words, lower case
    {"DS", "12345 ECDSAP256SHA256 2 e3b0c44298fc1c149afbf4c8996fb924 27ae41e4649b934ca495991b7852b855",
     "30390D02E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
     "12345 13 2 E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855"},
    {"SSHFP", "4 2 123456789ABCDEF67890123456789ABCDEF67890123456789ABCDEF123456789",
     "0402123456789ABCDEF67890123456789ABCDEF67890123456789ABCDEF123456789", ""},
    {"RRSIG", "A 8 3 86400 20240301000000 20240201000000 12345 example.com. aGVsbG8gd29ybGQ=",
     "000108030001518065E11A8065BADF003039076578616D706C6503636F6D0068656C6C6F20776F726C64", ""},
    // times as seconds, printed as dates; an unknown covered type
    {"RRSIG", "TYPE65534 13 2 3600 1700000000 1690000000 1 example.com. AAEC",
     "FFFE0D0200000E106553F10064BB5A800001076578616D706C6503636F6D00000102",
     "TYPE65534 13 2 3600 20231114221320 20230722042640 1 example.com. AAEC"},
    // leap day of a leap year
    {"RRSIG", "A 8 3 86400 20240229235959 20000101000000 1 example.com. AA==",
     "000108030001518065E11A7F386D43800001076578616D706C6503636F6D0000", ""},
    {"NSEC", "host.example.com. A MX RRSIG NSEC TYPE1234",
     "04686F7374076578616D706C6503636F6D000006400100000003041B000000000000000000000000000000000000000000000000"
     "000020",
     ""},
    {"NSEC", "host.example.com.", "04686F7374076578616D706C6503636F6D00", ""},  // empty bit map
    {"DNSKEY", "257 3 8 AwEAAag=", "0101030803010001A8", ""},
    // base64 split over two tokens, algorithm mnemonic
    {"DNSKEY", "256 3 ED25519 l02Woi0iS8Aa25FQkUd9RMzZHJpBoRQw AQEX1SxZJA4=",
     "0100030F974D96A22D224BC01ADB915091477D44CCD91C9A41A11430010117D52C59240E",
     "256 3 15 l02Woi0iS8Aa25FQkUd9RMzZHJpBoRQwAQEX1SxZJA4="},
    {"DHCID", "AAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2kjEA=",
     "000201636FC0B8271C82825BB1AC5C41CF5351AA69B4FEBD94E8F17CDB95000DA48C40", ""},
    {"NSEC3", "1 1 12 aabbccdd 2t7b4g4vsa5smi47k61mv5bv1a22bojr A RRSIG",
     "0101000C04AABBCCDD14174EB2409FE28BCB4887A1836F957F0A8425E27B0006400000000002",
     "1 1 12 AABBCCDD 2T7B4G4VSA5SMI47K61MV5BV1A22BOJR A RRSIG"},
    {"NSEC3", "1 0 0 - 2T7B4G4VSA5SMI47K61MV5BV1A22BOJR", "010000000014174EB2409FE28BCB4887A1836F957F0A8425E27B", ""},
    {"NSEC3PARAM", "1 0 10 AABBCCDD", "0100000A04AABBCCDD", ""},
    {"NSEC3PARAM", "1 0 0 -", "0100000000", ""},  // empty salt
    {"TLSA", "3 1 1 0D6FCE3C6AE2C6C3EA1C5B7C2F6A2E0D5B1A7E4C2D9F8E3B6A5C4D3E2F1A0B9C",
     "0301010D6FCE3C6AE2C6C3EA1C5B7C2F6A2E0D5B1A7E4C2D9F8E3B6A5C4D3E2F1A0B9C", ""},
    {"SMIMEA", "3 0 0 308201", "030000308201", ""},
    {"CDS", "0 0 0 00", "0000000000", ""},  // RFC 8078 §4 delete
    {"CDNSKEY", "0 3 0 AA==", "0000030000", ""},
    {"OPENPGPKEY", "mQINBFmPOUsBEADB", "99020D04598F394B011000C1", ""},
    {"CSYNC", "66 3 A NS AAAA", "000000420003000460000008", ""},
    {"ZONEMD",
     "2018031900 1 1 FEBE3D4CE2EC2FFA4BA99D46CD69D6D29711E55217057BEE7EB1A7B641A47BA7FED2DD5B97AE499FAFA4F22C6BD647DE",
     "7848B91C0101FEBE3D4CE2EC2FFA4BA99D46CD69D6D29711E55217057BEE7EB1A7B641A47BA7FED2DD5B97AE499FAFA4F22C6BD647DE",
     ""},
    // RFC 9460 Appendix D examples
    {"SVCB", "0 svc.example.net.", "000003737663076578616D706C65036E657400", ""},
    {"SVCB", "1 . alpn=h2,h3 port=8443 ipv4hint=192.0.2.1,192.0.2.2 ech=AAEC ipv6hint=2001:db8::1",
     "000100000100060268320268330003000220FB00040008C0000201C0000202000500030001020006001020010DB8000000000000"
     "000000000001",
     ""},
    {"SVCB", "16 foo.example.org. key667=hello", "001003666F6F076578616D706C65036F726700029B000568656C6C6F",
     R"(16 foo.example.org. key667="hello")"},
    // keys are sorted in the wire and the text
    {"SVCB", "1 foo.example.com. mandatory=alpn,ipv4hint alpn=h2 ipv4hint=192.0.2.1 no-default-alpn",
     "000103666F6F076578616D706C6503636F6D000000000400010004000100030268320002000000040004C0000201",
     "1 foo.example.com. mandatory=alpn,ipv4hint alpn=h2 no-default-alpn ipv4hint=192.0.2.1"},
    // a quoted value after `key=`
    {"SVCB", R"(1 . alpn="h2")", "00010000010003026832", "1 . alpn=h2"},
    // RFC 9460 Appendix D.2, Figure 9: a comma and a backslash inside an
    // alpn id, in both of its spellings
    {"SVCB", R"(16 foo.example.org. alpn="f\\\\oo\\,bar,h2")",
     "001003666F6F076578616D706C65036F7267000001000C08665C6F6F2C626172026832",
     R"(16 foo.example.org. alpn=f\\\\oo\\,bar,h2)"},
    {"SVCB", R"(16 foo.example.org. alpn=f\\\092oo\092,bar,h2)",
     "001003666F6F076578616D706C65036F7267000001000C08665C6F6F2C626172026832",
     R"(16 foo.example.org. alpn=f\\\\oo\\,bar,h2)"},
    {"HTTPS", "1 . alpn=h3", "00010000010003026833", ""},
    {"SPF", R"("v=spf1 a mx -all")", "10763D737066312061206D78202D616C6C", ""},
    {"URI", R"(10 1 "https://www.example.com/path")",
     "000A000168747470733A2F2F7777772E6578616D706C652E636F6D2F70617468", ""},
    {"CAA", R"(0 issue "letsencrypt.org")", "000569737375656C657473656E63727970742E6F7267", ""},
    {"CAA", R"(128 iodef "mailto:security@example.com")",
     "8005696F6465666D61696C746F3A7365637572697479406578616D706C652E636F6D", ""},
    {"CAA", R"(0 issuewild "")", "0009697373756577696C64", ""},
    // ---- The rarer types. Expected wire from dnspython 2.3 where
    // it knows the type; the others encoded by hand in Python from each
    // type's document (struct.pack, base64, dns.name.to_wire).
    {"WKS", "192.0.2.1 TCP 25 80", "C0000201060000004000000000000080", "192.0.2.1 6 25 80"},  // RFC 1035 §3.4.2
    {"WKS", "192.0.2.1 17 53", "C00002011100000000000004", ""},
    {"WKS", "192.0.2.1 tcp smtp", "C00002010600000040", "192.0.2.1 6 25"},  // a service by name
    {"X25", R"("311061700956")", "0C333131303631373030393536", ""},
    {"ISDN", R"("150862028003217" "004")", "0F31353038363230323830303332313703303034", ""},
    {"ISDN", R"("150862028003217")", "0F313530383632303238303033323137", ""},  // no subaddress
    {"NSAP", "0x47.0005.80.005a00.0000.0001.e133.ffffff000161.00", "47000580005A0000000001E133FFFFFF00016100",
     "0x47000580005a0000000001e133ffffff00016100"},
    {"NSAP-PTR", "host.example.net.", "04686F7374076578616D706C65036E657400", ""},
    {"SIG", "A 8 2 3600 20250131000000 20250101000000 12345 example.com. AAEC",
     "0001080200000E10679C1280677485803039076578616D706C6503636F6D00000102", ""},
    {"KEY", "256 3 8 AwEAAQ==", "0100030803010001", ""},
    {"KEY", "49152 3 8", "C0000308", ""},  // flags "no key": no key data (RFC 2535 §3.1.2)
    {"PX", "10 net2.example. prmd-net2.admd-p400.c-it.",
     "000A046E657432076578616D706C65000970726D642D6E6574320961646D642D7034303004632D697400", ""},
    {"GPOS", R"("-32.6882" "116.8652" "10.0")", "082D33322E36383832083131362E383635320431302E30", ""},
    {"NXT", "next.example.com. A MX NXT", "046E657874076578616D706C6503636F6D0040010002", ""},
    {"EID", "E3A7 8b2c", "E3A78B2C", "E3A78B2C"},
    {"NIMLOC", "325A8C", "325A8C", ""},
    {"ATMA", "39.246f.00.0e7c9c.0312.0001.0001.000012345678.00", "0039246F000E7C9C03120001000100001234567800",
     "39246f000e7c9c031200010001000012345678"
     "00"},
    {"ATMA", "+358400123456", "01333538343030313233343536", ""},
    {"A6", "0 2001:db8::1", "0020010DB8000000000000000000000001", ""},
    {"A6", "64 ::1:2:3:4 prefix.example.net.", "40000100020003000406707265666978076578616D706C65036E657400", ""},
    {"A6", "128 prefix.example.net.", "8006707265666978076578616D706C65036E657400", ""},
    {"SINK", "1 0 AAEC", "0100000102", ""},
    {"APL", "1:192.168.32.0/21 !1:192.168.38.0/28", "00011503C0A82000011C83C0A826", ""},
    {"APL", "2:2001:db8::/32", "0002200420010DB8", ""},
    {"APL", "", "", ""},  // an empty list (RFC 3123 §4: zero or more items)
    {"IPSECKEY", "10 1 2 192.0.2.38 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "0A0102C0000226010351537986ED35533B6064478EEEB27B5BD74DAE149B6E81BA3A0521AF82AB7801", ""},
    {"IPSECKEY", "10 0 2 . AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "0A0002010351537986ED35533B6064478EEEB27B5BD74DAE149B6E81BA3A0521AF82AB7801", ""},
    {"IPSECKEY", "10 3 2 gw.example.net. AQNR", "0A0302026777076578616D706C65036E657400010351", ""},
    {"IPSECKEY", "10 2 2 2001:db8::1 AQNR", "0A020220010DB8000000000000000000000001010351", ""},
    {"IPSECKEY", "10 1 0 192.0.2.3", "0A0100C0000203", ""},  // no key
    {"HIP", "2 200100107B1A74DF365639CC39F1D578 AwEAAQ== rvs.example.net.",
     "10020004200100107B1A74DF365639CC39F1D5780301000103727673076578616D706C65036E657400", ""},
    {"NINFO", R"("status" "up")", "06737461747573027570", ""},
    {"RKEY", "0 3 8 AwEAAQ==", "0000030803010001", ""},
    {"TALINK", "a.example.net. b.example.net.", "0161076578616D706C65036E6574000162076578616D706C65036E657400", ""},
    {"DSYNC", "CDS NOTIFY 5359 notify.example.net.", "003B0114EF066E6F74696679076578616D706C65036E657400",
     "CDS 1 5359 notify.example.net."},
    {"HHIT", "AAECAw==", "00010203", ""},
    {"BRID", "BAUG", "040506", ""},
    {"NID", "10 0014:4fff:ff20:ee64", "000A00144FFFFF20EE64", ""},
    {"NID", "10 0014:4FFF:FF20:EE64", "000A00144FFFFF20EE64", "10 0014:4fff:ff20:ee64"},
    {"L32", "10 10.1.2.0", "000A0A010200", ""},
    {"L64", "10 2001:0db8:1140:1000", "000A20010DB811401000", ""},
    {"LP", "10 l64-subnet1", "000A0B6C36342D7375626E657431076578616D706C6503636F6D00", "10 l64-subnet1.example.com."},
    {"EUI48", "00-00-5e-00-53-2a", "00005E00532A", ""},
    {"EUI64", "00-00-5E-EF-10-00-00-2A", "00005EEF1000002A", "00-00-5e-ef-10-00-00-2a"},
    {"AVC", R"("app-name:mail")", "0D6170702D6E616D653A6D61696C", ""},
    {"DOA", R"(0 1 2 "image/png" AAEC)", "00000000000000010209696D6167652F706E67000102", ""},
    {"DOA", R"(0 1 2 "" -)", "00000000000000010200", ""},
    {"AMTRELAY", "10 0 0 .", "0A00", ""},
    {"AMTRELAY", "10 0 1 203.0.113.15", "0A01CB00710F", ""},
    {"AMTRELAY", "128 1 3 amtrelays.example.net.", "808309616D7472656C617973076578616D706C65036E657400", ""},
    {"RESINFO", "qnamemin exterr=15,16,17", "08716E616D656D696E0F6578746572723D31352C31362C3137",
     R"("qnamemin" "exterr=15,16,17")"},
    {"WALLET", R"("BTC" "bc1qexample")", "034254430B626331716578616D706C65", ""},
    {"CLA", R"("tcpclv4")", "07746370636C7634", ""},
    {"IPN", "18446744073709551615", "FFFFFFFFFFFFFFFF", ""},
    {"IPN", "1.2", "0000000100000002", "4294967298"},
    {"TA", "12345 8 2 AABBCCDD", "30390802AABBCCDD", ""},
    {"DLV", "12345 8 2 AABBCCDD", "30390802AABBCCDD", ""},
    // SvcParamKeys after RFC 9460
    {"SVCB", "1 . alpn=h2 dohpath=/dns-query{?dns}", "00010000010003026832000700102F646E732D71756572797B3F646E737D",
     R"(1 . alpn=h2 dohpath="/dns-query{?dns}")"},
    {"SVCB", "1 . ohttp tls-supported-groups=29,23 pvd", "0001000008000000090004001D0017000B0000", ""},
    {"SVCB", "1 . docpath=dns,query", "000100000A000A03646E73057175657279", ""},
    {"SVCB", "1 . alpn=co docpath", "0001000001000302636F000A0000", ""},
    {"SVCB", "1 . oots=dot:20,doh:80", "000100000C000A03646F741403646F6850", ""},
};

}  // namespace

TEST_CASE("rdata: every type of the table has a presentation case") {
  std::set<std::string_view> covered;
  for (const GoodCase& c : kGood) covered.insert(c.type);
  size_t types = 0;
  for (const RRType* t = type_table_begin(); t != type_table_end(); ++t) {
    ++types;
    CAPTURE(t->name);
    CHECK(covered.count(t->name) == 1);
    // The table is sorted by code and names round-trip.
    if (t != type_table_begin()) CHECK((t - 1)->code < t->code);
    CHECK(find_type(t->code) == t);
    CHECK(parse_type_name(t->name) == t->code);
    CHECK(type_name(t->code) == t->name);
  }
  CHECK(covered.size() == types);  // and no case names a type outside the table
}

TEST_CASE("rdata: presentation and RFC 3597 forms give the same wire; printing round-trips") {
  for (const GoodCase& c : kGood) {
    const std::string type(c.type), text(c.text);
    CAPTURE(type);
    CAPTURE(text);
    const uint16_t code = type_code(c.type);
    Parsed p = parse_text(code, c.text);
    REQUIRE(p.ok);
    CHECK(to_hex(p.wire) == c.hex);
    CHECK(rdata_is_well_formed(code, p.wire));

    // RFC 3597 form of the same record: identical wire.
    const std::string generic = generic_form(p.wire);
    CAPTURE(generic);
    Parsed g = parse_text(code, generic);
    CHECK(g.ok);
    CHECK(to_hex(g.wire) == c.hex);

    // Print, compare to the canonical text, parse the print again.
    std::string printed;
    append_rdata_text(printed, code, p.wire);
    CHECK(printed == (c.canonical.empty() ? c.text : c.canonical));
    Parsed again = parse_text(code, printed);
    CHECK(again.ok);
    CHECK(to_hex(again.wire) == c.hex);

    // The generic printer: lowercase, continuous.
    std::string g_text;
    append_generic_rdata(g_text, p.wire);
    std::string lower_hex = to_hex(p.wire);
    for (char& ch : lower_hex) ch = char(ch >= 'A' && ch <= 'F' ? ch | 0x20 : ch);
    CHECK(g_text == "\\# " + std::to_string(p.wire.size()) + (lower_hex.empty() ? "" : " " + lower_hex));
  }
}

TEST_CASE("rdata: unknown types only in RFC 3597 form (TYPE65534)") {
  const uint16_t code = type_code("TYPE65534");
  CHECK(code == 65534);
  CHECK(find_type(code) == nullptr);

  struct Case {
    std::string_view text;
    std::string_view hex;
    std::string_view printed;
  };
  const Case cases[] = {
      {"\\# 3 010203", "010203", "\\# 3 010203"},
      {"\\# 3 01 02 03", "010203", "\\# 3 010203"},  // hex in several words
      {"\\# 2 ABcd", "ABCD", "\\# 2 abcd"},          // any case in, lowercase out
      {"\\# 0", "", "\\# 0"},                        // empty RDATA
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    Parsed p = parse_text(code, c.text);
    REQUIRE(p.ok);
    CHECK(to_hex(p.wire) == c.hex);
    CHECK(rdata_is_well_formed(code, p.wire));
    std::string out;
    append_rdata_text(out, code, p.wire);
    CHECK(out == c.printed);
  }
  // Not generic: an unknown type has no presentation form.
  Parsed p = parse_text(code, "010203");
  CHECK_FALSE(p.ok);
  CHECK(p.error.code == Code::bad_generic);
  CHECK(type_name(code) == "TYPE65534");
  CHECK(parse_type_name("type65534") == uint16_t(65534));
  CHECK_FALSE(parse_type_name("TYPE65536").has_value());  // above 16 bits
  CHECK_FALSE(parse_type_name("TYPE").has_value());       // no number
  CHECK_FALSE(parse_type_name("TYPE1x").has_value());     // not a number
  CHECK(parse_type_name("mx") == rrtype::MX);             // case-insensitive
}

TEST_CASE("rdata: wire that does not fit its type prints as RFC 3597") {
  struct Case {
    std::string_view type;
    std::string_view hex;
    std::string_view why;
  };
  const Case cases[] = {
      {"A", "C00002", "three octets for a four-octet address"},
      {"A", "C000020101", "five octets"},
      {"AAAA", "20010DB8", "four octets for sixteen"},
      {"MX", "000A05", "name label runs past the end"},
      {"MX", "000A016100FF", "a byte after the name"},
      {"NS", "C00C", "a compression pointer"},
      {"TXT", "", "TXT needs at least one string"},
      {"TXT", "0561", "string length past the end"},
      {"CAA", "00002D", "empty tag"},
      {"CAA", "0002612D", "tag with a '-' "},
      {"NSEC", "0000000100", "bit map window with length 0"},
      {"NSEC", "00000140000140", "bit map windows must increase"},
      {"LOC", "01121613800000008000000000989680", "LOC version 1"},
      {"LOC", "00A21613800000008000000000989680", "size mantissa above 9"},
      {"SVCB", "000100000100", "param header cut short"},
      {"SVCB", "0001000003000201BB00010003026833", "keys out of order"},
      {"SVCB", "0001000000000100", "mandatory value of odd length"},
      {"SVCB", "000100000000020000", "mandatory lists itself (RFC 9460 §8); its text would not parse"},
      {"SVCB", "000100000000020001", "mandatory lists alpn, which is absent; its text would not parse"},
      {"SVCB", "000100000000040001000100010003026832", "mandatory lists alpn twice; its text would not parse"},
      {"NSEC3", "01000000000000", "empty next hashed owner"},
      {"URI", "000A0001", "URI without target"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.type);
    CAPTURE(c.why);
    const uint16_t code = type_code(c.type);
    const std::string wire = from_hex(c.hex);
    CHECK_FALSE(rdata_is_well_formed(code, wire));
    std::string out, generic;
    append_rdata_text(out, code, wire);
    append_generic_rdata(generic, wire);
    CHECK(out == generic);
  }
}

TEST_CASE("rdata: wire with awkward octets prints to text that parses back to the same wire") {
  struct Case {
    std::string_view type;
    std::string_view hex;
    std::string_view text;
  };
  const Case cases[] = {
      // alpn ids holding a comma and a backslash: escaped for the list, then
      // that backslash escaped again for the string (RFC 9460 Appendix A.1)
      {"SVCB", "0001000001000803612C6203635C64", R"(1 . alpn=a\\,b,c\\\\d)"},
      // a blank inside an alpn id
      {"SVCB", "0001000001000403682032", R"(1 . alpn=h\0322)"},
      // an unknown key with non-printable octets, quote and semicolon
      {"SVCB", "000100FDE8000400225C3B", R"(1 . key65000="\000\"\\;")"},
      {"SVCB", "00010000050003FFFEFD", "1 . ech=//79"},
      {"CAA", "00056973737565225CFF", R"(0 issue "\"\\\255")"},
      {"MX", "000A03612E6200", R"(10 a\.b.)"},  // a dot inside a label
      {"PTR", "0361006200", R"(a\000b.)"},      // an octet 0 inside a label
      {"PTR", "0328293B00", R"(\(\)\;.)"},      // parentheses and semicolon in a label
      {"TXT", "00013B", R"("" ";")"},
      {"HINFO", "0000", R"("" "")"},
      {"LOC", "009999998000000080000000FFFFFFFF",
       "0 0 0.000 N 0 0 0.000 E 42849672.95m 90000000.00m 90000000.00m 90000000.00m"},
      {"RRSIG", "0001080300000000FFFFFFFF0000000000010000", "A 8 3 0 21060207062815 19700101000000 1 . AA=="},
      {"NSEC", "00010180", ". URI"},  // window 1
      {"DNSKEY", "0100030DFF", "256 3 13 /w=="},
  };
  for (const Case& c : cases) {
    CAPTURE(c.type);
    CAPTURE(c.hex);
    const uint16_t code = type_code(c.type);
    const std::string wire = from_hex(c.hex);
    REQUIRE(rdata_is_well_formed(code, wire));
    std::string text;
    append_rdata_text(text, code, wire);
    CHECK(text == c.text);
    Parsed p = parse_text(code, text);
    CHECK(p.ok);
    CHECK(to_hex(p.wire) == c.hex);
  }
}

// -------------------------------------------------------------- bad cases

namespace {

struct BadCase {
  std::string_view type;
  std::string_view text;
  Code code;
  size_t token;  // index of the offending token (== token count when missing)
};

const BadCase kBad[] = {
    // ---- numbers
    {"MX", "65536 mx.example.", Code::number_overflow, 0},                // u16 overflow
    {"MX", "1o mx.example.", Code::bad_number, 0},                        // letter o for zero
    {"MX", "-1 mx.example.", Code::bad_number, 0},                        // negative
    {"MX", "+1 mx.example.", Code::bad_number, 0},                        // sign
    {"MX", "0x10 mx.example.", Code::bad_number, 0},                      // hex
    {"MX", R"("10" mx.example.)", Code::bad_number, 0},                   // a number may not be quoted
    {"SSHFP", "256 1 AB", Code::number_overflow, 0},                      // u8 overflow
    {"SOA", "a. b. 4294967296 1 1 1 1", Code::number_overflow, 2},        // u32 overflow
    {"SRV", "1 2 99999999999999999999 t.", Code::number_overflow, 2},     // past 64 bits
    {"SRV", "1 2 99999999999999999999999 t.", Code::number_overflow, 2},  // 23 digits: still an overflow
    // ---- periods (SOA timers)
    {"SOA", "a. b. 1 5x 1 1 1", Code::bad_ttl, 3},          // unknown unit
    {"SOA", "a. b. 1 1h30 1 1 1", Code::bad_ttl, 3},        // bare number after a unit
    {"SOA", "a. b. 1 h 1 1 1", Code::bad_ttl, 3},           // unit without a number
    {"SOA", "a. b. 1 1 1 1 4294967296", Code::bad_ttl, 6},  // over 32 bits
    {"SOA", "a. b. 1 1 1 1 7102w", Code::bad_ttl, 6},       // units add up over 32 bits
    // ---- names
    {"CNAME", "a..b.", Code::bad_name, 0},                 // empty label
    {"CNAME", ".a.", Code::bad_name, 0},                   // leading empty label
    {"CNAME", "a\\256.", Code::bad_escape, 0},             // \DDD above 255
    {"CNAME", "a\\1.", Code::bad_escape, 0},               // \DDD needs three digits
    {"CNAME", "a\\", Code::bad_escape, 0},                 // escape at the end
    {"CNAME", R"("quoted.example.")", Code::bad_name, 0},  // a name may not be quoted
    {"MX", "10 a..b.", Code::bad_name, 1},                 // empty label in the second field
    // ---- IPv4
    {"A", "010.0.0.1", Code::bad_ipv4, 0},       // leading zero (octal in inet_aton)
    {"A", "1.2.3.4.5", Code::bad_ipv4, 0},       // five parts
    {"A", "1.2.3", Code::bad_ipv4, 0},           // three parts
    {"A", "256.0.0.1", Code::bad_ipv4, 0},       // octet above 255
    {"A", "10..0.1", Code::bad_ipv4, 0},         // empty octet
    {"A", "1.2.3.4.", Code::bad_ipv4, 0},        // trailing dot
    {"A", "1.2.3.-4", Code::bad_ipv4, 0},        // sign
    {"A", "1.2.3.0004", Code::bad_ipv4, 0},      // four digits
    {"A", R"("192.0.2.1")", Code::bad_ipv4, 0},  // quoted
    // ---- IPv6
    {"AAAA", "2001:db8::1::2", Code::bad_ipv6, 0},         // two ::
    {"AAAA", "1:2:3:4:5:6:7:8:9", Code::bad_ipv6, 0},      // nine groups
    {"AAAA", "1:2:3:4:5:6:7", Code::bad_ipv6, 0},          // seven groups, no ::
    {"AAAA", "1:2:3:4:5:6:7::8", Code::bad_ipv6, 0},       // :: standing for no group
    {"AAAA", "2001:db8::g", Code::bad_ipv6, 0},            // bad hex digit
    {"AAAA", "2001:db8::1:", Code::bad_ipv6, 0},           // trailing single colon
    {"AAAA", ":1::", Code::bad_ipv6, 0},                   // leading single colon
    {"AAAA", "12345::", Code::bad_ipv6, 0},                // group of five digits
    {"AAAA", "::1.2.3", Code::bad_ipv6, 0},                // short embedded IPv4
    {"AAAA", "1:2:3:4:5:6:7:1.2.3.4", Code::bad_ipv6, 0},  // embedded IPv4 makes nine groups
    {"AAAA", "192.0.2.1", Code::bad_ipv6, 0},              // IPv4 alone
    {"AAAA", ":", Code::bad_ipv6, 0},                      // lone colon
    // ---- character strings
    {"TXT", "abc\\", Code::bad_escape, 0},           // escape at the end
    {"TXT", R"("ok" "\300")", Code::bad_escape, 1},  // \DDD above 255, second string
    {"HINFO", R"("pc")", Code::missing_field, 1},    // os missing
    // ---- base64
    {"DNSKEY", "257 3 8 AwEAAag", Code::bad_base64, 3},        // padding missing
    {"DNSKEY", "257 3 8 AwE=AAag", Code::bad_base64, 3},       // padding in the middle
    {"DNSKEY", "257 3 8 A===", Code::bad_base64, 3},           // three padding characters
    {"DNSKEY", "257 3 8 Aw*A", Code::bad_base64, 3},           // not a base64 character
    {"DNSKEY", R"(257 3 8 "AwEAAag=")", Code::bad_base64, 3},  // quoted
    {"DNSKEY", "257 3 8", Code::missing_field, 3},             // no key at all
    {"DNSKEY", "257 3 FOO AA==", Code::bad_number, 2},         // unknown algorithm mnemonic
    {"CERT", "FOO 0 0 AA==", Code::bad_number, 0},             // unknown certificate type
    // ---- hex
    {"DS", "1 8 2 ABC", Code::bad_hex, 3},                                       // odd number of digits
    {"DS", "1 8 2 AB C", Code::bad_hex, 4},                                      // odd once joined
    {"DS", "1 8 2 ZZ", Code::bad_hex, 3},                                        // not hex
    {"NSEC3PARAM", "1 0 0 ABC", Code::bad_hex, 3},                               // odd salt
    {"NSEC3", "1 0 0 - 2T7B4G4VSA5SMI47K61MV5BV1A22BOJW", Code::bad_base32, 4},  // W is not base32hex
    {"NSEC3", "1 0 0 - 2T7B4G4VSA5SMI47K61MV5BV1A22BOJ", Code::bad_base32, 4},   // 31 digits: non-zero padding bits
    // ---- RFC 3597
    {"A", "\\# 3 C00002", Code::bad_generic, 2},          // known type, malformed wire (3 octets)
    {"A", "\\# 4 C00002", Code::bad_generic, 2},          // length says 4, hex has 3
    {"A", "\\# 4 C0000201 01", Code::bad_generic, 3},     // hex longer than the length
    {"A", "\\# 4 C000020", Code::bad_generic, 2},         // odd hex
    {"A", "\\# 4 C00002GG", Code::bad_generic, 2},        // not hex
    {"A", "\\# x C0000201", Code::bad_generic, 1},        // length not a number
    {"A", "\\# 65536 00", Code::bad_generic, 1},          // length above 65535
    {"A", "\\#", Code::missing_field, 1},                 // no length
    {"MX", "\\# 3 000A05", Code::bad_generic, 2},         // name runs past the end
    {"TXT", "\\# 0", Code::bad_generic, 1},               // TXT needs one string
    {"TYPE65534", "\\# 2 01", Code::bad_generic, 2},      // length mismatch, unknown type
    {"TYPE65534", "\\# 1 \"01\"", Code::bad_generic, 2},  // hex quoted
    // ---- RRSIG dates
    {"RRSIG", "A 8 3 86400 20240230000000 20240201000000 1 example.com. AA==", Code::bad_time, 4},  // Feb 30
    {"RRSIG", "A 8 3 86400 20230229000000 20230201000000 1 example.com. AA==", Code::bad_time, 4},  // no leap day
    {"RRSIG", "A 8 3 86400 20241301000000 20240201000000 1 example.com. AA==", Code::bad_time, 4},  // month 13
    {"RRSIG", "A 8 3 86400 20240100000000 20240201000000 1 example.com. AA==", Code::bad_time, 4},  // day 0
    {"RRSIG", "A 8 3 86400 20240301240000 20240201000000 1 example.com. AA==", Code::bad_time, 4},  // hour 24
    {"RRSIG", "A 8 3 86400 20240301006000 20240201000000 1 example.com. AA==", Code::bad_time, 4},  // minute 60
    {"RRSIG", "A 8 3 86400 2024030100000Z 20240201000000 1 example.com. AA==", Code::bad_time, 4},  // letter
    {"RRSIG", "A 8 3 86400 20240301000000 4294967296 1 example.com. AA==", Code::bad_time, 5},      // over 32 bits
    {"RRSIG", "FOO 8 3 86400 20240301000000 20240201000000 1 example.com. AA==", Code::unknown_type, 0},
    {"RRSIG", "A 8 3 86400 20240301000000 20240201000000 1 example.com.", Code::missing_field, 8},
    // ---- LOC
    {"LOC", "91 0 0 N 0 0 0 E 0m", Code::bad_loc, 0},      // latitude above 90
    {"LOC", "90 0 0.001 N 0 E 0m", Code::bad_loc, 0},      // just past the pole
    {"LOC", "0 N 181 E 0m", Code::bad_loc, 0},             // longitude above 180
    {"LOC", "0 60 N 0 E 0m", Code::bad_loc, 0},            // minute 60
    {"LOC", "0 0 60 N 0 E 0m", Code::bad_loc, 0},          // second 60
    {"LOC", "0 0 1.0001 N 0 E 0m", Code::bad_loc, 0},      // four decimals
    {"LOC", "0 X 0 E 0m", Code::bad_loc, 0},               // not a hemisphere
    {"LOC", "0 E 0 N 0m", Code::bad_loc, 0},               // hemispheres swapped
    {"LOC", "0 N 0 E", Code::bad_loc, 0},                  // altitude missing
    {"LOC", "0 N 0 E -100000.01m", Code::bad_loc, 0},      // below the lowest altitude
    {"LOC", "0 N 0 E 42849672.96m", Code::bad_loc, 0},     // above the highest altitude
    {"LOC", "0 N 0 E 0m 90000000.01m", Code::bad_loc, 0},  // size above 9e9 cm
    {"LOC", "0 N 0 E 0m 1m 1m 1m 1m", Code::bad_loc, 0},   // a fourth size
    // ---- SVCB
    {"SVCB", "1 . alpn=h2 alpn=h3", Code::bad_svcparam, 3},              // duplicate key
    {"SVCB", "1 . alpn=", Code::bad_svcparam, 2},                        // empty alpn
    {"SVCB", "1 . alpn=h2,,h3", Code::bad_svcparam, 2},                  // empty alpn id
    {"SVCB", "1 . alpn", Code::bad_svcparam, 2},                         // alpn without value
    {"SVCB", "1 . mandatory=mandatory", Code::bad_svcparam, 2},          // mandatory lists itself
    {"SVCB", "1 . mandatory=alpn,alpn alpn=h2", Code::bad_svcparam, 2},  // key listed twice
    {"SVCB", "1 . mandatory=foo", Code::bad_svcparam, 2},                // unknown key in the list
    {"SVCB", "1 . mandatory=alpn port=1", Code::bad_svcparam,
     2},                                                       // alpn listed but absent (RFC 9460 §8): names mandatory
    {"SVCB", "1 . port=65536", Code::bad_svcparam, 2},         // port over 16 bits
    {"SVCB", "1 . port=", Code::bad_svcparam, 2},              // port empty
    {"SVCB", "1 . no-default-alpn=x", Code::bad_svcparam, 2},  // takes no value
    {"SVCB", "1 . ipv4hint=192.0.2", Code::bad_svcparam, 2},   // bad address
    {"SVCB", "1 . ipv6hint=192.0.2.1", Code::bad_svcparam, 2},  // IPv4 in ipv6hint
    {"SVCB", "1 . ech=", Code::bad_svcparam, 2},                // empty ech
    {"SVCB", "1 . ech=AAE", Code::bad_svcparam, 2},             // bad base64
    {"SVCB", "1 . foo=bar", Code::bad_svcparam, 2},             // unknown key name
    {"SVCB", "1 . key01=x", Code::bad_svcparam, 2},             // leading zero in keyNNNNN
    {"SVCB", "1 . key65536=x", Code::bad_svcparam, 2},          // key above 16 bits
    {"SVCB", R"(1 . "alpn=h2")", Code::bad_svcparam, 2},        // key quoted
    {"HTTPS", "1 . port=443 port=443", Code::bad_svcparam, 3},  // duplicate key
    // RFC 9460 App. A.1 allows only "\," and "\\" in a list, never a second \DDD
    {"SVCB", R"(1 . alpn=a\\092,b)", Code::bad_svcparam, 2},
    {"SVCB", "1 . alpn=h2 no-default-alpn=", Code::bad_svcparam, 3},    // no value, not even an empty one
    {"SVCB", "1 . no-default-alpn", Code::bad_svcparam, 2},             // without alpn (RFC 9460 §7.1.1)
    {"SVCB", "1 . ohttp=", Code::bad_svcparam, 2},                      // RFC 9540 §4: no value
    {"SVCB", "1 . pvd=1", Code::bad_svcparam, 2},                       // no value
    {"SVCB", "1 . dohpath=/dns-query", Code::bad_svcparam, 2},          // RFC 9461 §5: no "dns" variable
    {"SVCB", "1 . dohpath", Code::bad_svcparam, 2},                     // needs a value
    {"SVCB", "1 . tls-supported-groups=29,29", Code::bad_svcparam, 2},  // a group twice
    {"SVCB", "1 . tls-supported-groups=65536", Code::bad_svcparam, 2},  // above 16 bits
    {"SVCB", "1 . docpath=a,,b", Code::bad_svcparam, 2},                // empty segment
    {"SVCB", "1 . oots=dot:101", Code::bad_svcparam, 2},                // percent above 100
    {"SVCB", "1 . oots=dot:1,dot:2", Code::bad_svcparam, 2},            // a transport twice
    {"SVCB", "1 . oots=:1", Code::bad_svcparam, 2},                     // empty transport
    // ---- the rarer types
    {"EUI48", "00-00-5e-00-53", Code::bad_address, 0},           // five octets
    {"EUI48", "00-00-5e-00-53-2a-01", Code::bad_address, 0},     // seven
    {"EUI64", "00:00:5e:ef:10:00:00:2a", Code::bad_address, 0},  // colons
    {"EUI48", "0-00-5e-00-53-2a", Code::bad_address, 0},         // one digit
    {"NID", "10 0014:4fff:ff20", Code::bad_address, 1},          // three groups
    {"L64", "10 2001:0db8:1140:10000", Code::bad_address, 1},    // five digits
    {"NID", "10 14:4fff:ff20:ee64", Code::bad_address, 1},       // two digits: four each
    {"L32", "10 10.1.2", Code::bad_ipv4, 1},
    {"APL", "3:192.0.2.0/24", Code::bad_address, 0},                 // no text form for family 3
    {"APL", "1:192.0.2.0/33", Code::bad_address, 0},                 // prefix above 32
    {"APL", "1:192.0.2.0/24 2:192.0.2.0/24", Code::bad_address, 1},  // IPv4 in family 2
    {"APL", "1:192.0.2.0", Code::bad_address, 0},                    // no prefix
    {"IPSECKEY", "10 1 2 2001:db8::1 AQNR", Code::bad_address, 3},   // type 1 is IPv4
    {"IPSECKEY", "10 4 2 . AQNR", Code::bad_number, 1},              // type 4 undefined
    {"IPSECKEY", "10 0 2 gw.example. AQNR", Code::bad_address, 3},   // type 0 is "."
    {"IPSECKEY", "10 1 2 192.0.2.1 AQN", Code::bad_base64, 4},
    {"IPSECKEY", "10 0 0 . AA==", Code::extra_field, 4},     // algorithm 0: no public key is present (RFC 4025 §2.4)
    {"IPSECKEY", "\\# 5 0A00000000", Code::bad_generic, 2},  // the same in RFC 3597 form
    {"AMTRELAY", "10 2 1 192.0.2.1", Code::bad_number, 1},   // D-bit 2
    {"AMTRELAY", "10 0 2 192.0.2.1", Code::bad_address, 3},  // type 2 is IPv6
    {"HIP", "2 XYZ AwEAAQ==", Code::bad_hex, 1},
    {"HIP", "2 2001 AwE", Code::bad_base64, 2},
    {"HIP", "2 2001", Code::missing_field, 2},
    {"WKS", "192.0.2.1 TCP 70000", Code::bad_number, 2},
    {"WKS", "192.0.2.1 SCTP 25", Code::bad_number, 1},  // protocols by number, or TCP/UDP
    {"NXT", "next. A TYPE200", Code::unknown_type, 2},  // types up to 127
    {"NXT", "next.", Code::missing_field, 1},
    {"A6", "64 2001:db8::1 prefix.", Code::bad_ipv6, 1},  // prefix bits set in the suffix
    {"A6", "129 ::1", Code::number_overflow, 0},
    {"A6", "64 ::1", Code::missing_field, 2},   // prefix name missing
    {"NSAP", "47.0005", Code::bad_address, 0},  // no 0x
    {"NSAP", "0x470", Code::bad_address, 0},    // odd digits
    {"ATMA", "39.246f", Code::bad_address, 0},  // AESA is 20 octets
    {"ATMA", "+", Code::bad_address, 0},
    {"DSYNC", "CDS BOGUS 5359 n.example.", Code::bad_number, 1},
    {"IPN", "18446744073709551616", Code::bad_number, 0},
    {"IPN", "1.4294967296", Code::bad_number, 0},
    {"DOA", R"(0 1 2 "")", Code::missing_field, 4},
    {"ISDN", R"("1" "2" "3")", Code::extra_field, 2},
    // ---- CAA / URI
    {"CAA", R"(0 issue-x "ca.example")", Code::bad_caa_tag, 1},      // '-' not allowed in a tag
    {"CAA", R"(0 "" "ca.example")", Code::bad_caa_tag, 1},           // empty (quoted) tag
    {"CAA", R"(256 issue "ca.example")", Code::number_overflow, 0},  // flags over 8 bits
    {"CAA", "0 issue", Code::missing_field, 2},                      // value missing
    {"URI", R"(10 1 "")", Code::missing_field, 2},                   // empty target
    // ---- missing fields
    {"A", "", Code::missing_field, 0},
    {"MX", "10", Code::missing_field, 1},
    {"SOA", "a. b. 1 2 3 4", Code::missing_field, 6},  // minimum missing
    {"SRV", "10 60 5060", Code::missing_field, 3},     // target missing
    {"NAPTR", R"(100 10 "S" "SIP+D2U" "")", Code::missing_field, 5},
    {"TXT", "", Code::missing_field, 0},
    {"SSHFP", "1 1", Code::missing_field, 2},
    {"TLSA", "3 1 1", Code::missing_field, 3},
    {"NSEC3", "1 0 0 -", Code::missing_field, 4},
    // ---- extra fields
    {"A", "192.0.2.1 192.0.2.2", Code::extra_field, 1},
    {"MX", "10 a. b.", Code::extra_field, 2},
    {"CNAME", "a. b.", Code::extra_field, 1},
    {"HINFO", R"("a" "b" "c")", Code::extra_field, 2},
    {"CAA", R"(0 issue "a" "b")", Code::extra_field, 3},
    {"URI", R"(10 1 "a" "b")", Code::extra_field, 3},
    {"NSEC3PARAM", "1 0 0 - extra", Code::extra_field, 4},
    // ---- type bit maps
    {"NSEC", "host. A FOO", Code::unknown_type, 2},   // the token named is FOO, not A
    {"CSYNC", "1 3 A BOGUS", Code::unknown_type, 3},  // the token named is BOGUS
};

}  // namespace

TEST_CASE("rdata: bad cases") {
  for (const BadCase& c : kBad) {
    const std::string type(c.type), text(c.text), expected(code_name(c.code));
    CAPTURE(type);
    CAPTURE(text);
    CAPTURE(expected);
    Parsed p = parse_text(type_code(c.type), c.text);
    REQUIRE_FALSE(p.ok);
    CHECK(code_name(p.error.code) == code_name(c.code));
    CHECK(p.error.token == c.token);
  }
}

TEST_CASE("rdata: a bad quoted SVCB value is shown whole, key and quotes included") {
  Parsed p = parse_text(rrtype::SVCB, R"(1 . port=1 alpn="h2,,h3")");
  REQUIRE_FALSE(p.ok);
  CHECK(code_name(p.error.code) == "bad-svcparam");
  CHECK(p.error.token == 3);  // the key token; the value is token 4
  CHECK(p.error.shown == R"(alpn="h2,,h3")");
  // A value that is fine leaves nothing to show for a later error.
  Parsed q = parse_text(rrtype::SVCB, R"(1 . alpn="h2" port=x)");
  REQUIRE_FALSE(q.ok);
  CHECK(q.error.shown.empty());
  CHECK(q.error.token == 4);
}

TEST_CASE("rdata: name limits in RDATA") {
  const std::string l63(63, 'a'), l64(64, 'a');
  Parsed ok = parse_text(rrtype::CNAME, l63 + ".");
  CHECK(ok.ok);
  Parsed p = parse_text(rrtype::CNAME, l64 + ".");  // 64-octet label
  CHECK_FALSE(p.ok);
  CHECK(p.error.code == Code::label_too_long);
  std::string long_name;  // 4 x 63 + dots = 256 octets in the wire
  for (int i = 0; i < 4; ++i) long_name += l63 + ".";
  p = parse_text(rrtype::CNAME, long_name);
  CHECK_FALSE(p.ok);
  CHECK(p.error.code == Code::name_too_long);
  p = parse_text(rrtype::CNAME, "relative", "");  // no origin to complete it
  CHECK_FALSE(p.ok);
  CHECK(p.error.code == Code::missing_origin);
  CHECK(p.error.field == "cname");
}

TEST_CASE("rdata: string and RDATA length limits") {
  const std::string s255(255, 'x'), s256(256, 'x');
  Parsed ok = parse_text(rrtype::TXT, "\"" + s255 + "\"");
  CHECK(ok.ok);
  CHECK(ok.wire.size() == 256);
  Parsed p = parse_text(rrtype::TXT, "\"" + s256 + "\"");  // 256 octets in one string
  CHECK_FALSE(p.ok);
  CHECK(p.error.code == Code::string_too_long);
  // 255 escapes of one octet each fit; the length counts octets, not characters.
  std::string escaped;
  for (int i = 0; i < 255; ++i) escaped += "\\255";
  CHECK(parse_text(rrtype::TXT, "\"" + escaped + "\"").ok);
  // 257 strings of 255 octets: 65792 octets, over the 65535 of RDLENGTH.
  std::string many;
  for (int i = 0; i < 257; ++i) many += "\"" + s255 + "\" ";
  p = parse_text(rrtype::TXT, many);
  CHECK_FALSE(p.ok);
  CHECK(p.error.code == Code::rdata_too_long);
  // 256 strings of 255 octets: 65536 octets, one too many.
  many.clear();
  for (int i = 0; i < 256; ++i) many += "\"" + s255 + "\" ";
  p = parse_text(rrtype::TXT, many);
  CHECK_FALSE(p.ok);
  CHECK(p.error.code == Code::rdata_too_long);
  // 256 strings of 254 octets: 65280 octets, fits.
  many.clear();
  for (int i = 0; i < 256; ++i) many += "\"" + std::string(254, 'y') + "\" ";
  CHECK(parse_text(rrtype::TXT, many).ok);
}

TEST_CASE("rdata: the error names the field of the type table") {
  struct Case {
    std::string_view type;
    std::string_view text;
    std::string_view field;
  };
  const Case cases[] = {
      {"MX", "x mx.example.", "preference"},
      {"MX", "10", "exchange"},
      {"SRV", "1 2 x t.", "port"},
      {"SOA", "a. b. 1 2 3 4", "minimum"},
      {"RRSIG", "A 8 3 86400 20240230000000 20240201000000 1 example.com. AA==", "expiration"},
      {"A", "\\# 3 C00002", "rdata"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    Parsed p = parse_text(type_code(c.type), c.text);
    REQUIRE_FALSE(p.ok);
    CHECK(p.error.field == c.field);
  }
}

// ---------------------------------------------------------------- helpers

TEST_CASE("helpers: parse_ipv4") {
  struct Case {
    std::string_view text;
    bool ok;
    uint8_t octets[4];
  };
  const Case cases[] = {
      {"192.0.2.1", true, {192, 0, 2, 1}},
      {"0.0.0.0", true, {0, 0, 0, 0}},
      {"255.255.255.255", true, {255, 255, 255, 255}},
      {"010.0.0.1", false, {}},  // leading zero
      {"1.2.3.4.5", false, {}},  // five parts
      {"256.0.0.1", false, {}},  // octet above 255
      {"1.2.3", false, {}},      // three parts
      {"10..0.1", false, {}},    // empty octet
      {"", false, {}},           // empty
      {" 1.2.3.4", false, {}},   // blank
      {"1.2.3.4 ", false, {}},   // blank at the end
      {"1.2.3.a", false, {}},    // letter
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    uint8_t out[4] = {};
    REQUIRE(parse_ipv4(c.text, out) == c.ok);
    if (c.ok) {
      CHECK(std::string_view(reinterpret_cast<char*>(out), 4) ==
            std::string_view(reinterpret_cast<const char*>(c.octets), 4));
      std::string back;
      append_ipv4(back, out);
      CHECK(back == c.text);
    }
  }
}

TEST_CASE("helpers: parse_ipv6 and RFC 5952 text") {
  struct Case {
    std::string_view text;
    std::string_view hex;        // empty: must fail
    std::string_view canonical;  // RFC 5952 §4
  };
  const Case cases[] = {
      {"2001:db8:0:0:1:0:0:1", "20010DB8000000000001000000000001", "2001:db8::1:0:0:1"},  // first run on a tie
      {"2001:0db8:0000:0000:0000:0000:0000:0001", "20010DB8000000000000000000000001", "2001:db8::1"},
      {"2001:db8:0:1:1:1:1:1", "20010DB8000000010001000100010001", "2001:db8:0:1:1:1:1:1"},  // one 0 stays
      {"2001:db8:0:0:1:0:0:0", "20010DB8000000000001000000000000", "2001:db8:0:0:1::"},      // the longer run
      {"2001:DB8::ABCD", "20010DB800000000000000000000ABCD", "2001:db8::abcd"},              // lowercase
      {"0:0:0:0:0:0:0:1", "00000000000000000000000000000001", "::1"},
      {"1:0:0:0:0:0:0:0", "00010000000000000000000000000000", "1::"},
      {"::", "00000000000000000000000000000000", "::"},
      {"1::", "00010000000000000000000000000000", "1::"},
      {"::1:2:3:4:5:6:7", "00000001000200030004000500060007", "0:1:2:3:4:5:6:7"},  // one group: no ::
      {"1:2:3:4:5:6:7::", "00010002000300040005000600070000", "1:2:3:4:5:6:7:0"},
      {"fe80::1:2", "FE800000000000000000000000010002", "fe80::1:2"},
      {"::ffff:192.0.2.1", "00000000000000000000FFFFC0000201", ""},  // checked below
      {"64:ff9b::192.0.2.33", "0064FF9B0000000000000000C0000221", "64:ff9b::c000:221"},
      {"2001:db8::1::2", "", ""},       // two ::
      {"1:2:3:4:5:6:7:8:9", "", ""},    // nine groups
      {"2001:db8::g", "", ""},          // bad hex
      {"2001:db8::1:", "", ""},         // trailing colon
      {"2001:db8:1:2:3:4:5:", "", ""},  // trailing colon after seven groups
      {":::", "", ""},                  // three colons
      {"1:::2", "", ""},                // three colons inside
      {"", "", ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    uint8_t out[16] = {};
    const bool ok = parse_ipv6(c.text, out);
    REQUIRE(ok == !c.hex.empty());
    if (!ok) continue;
    const std::string wire(reinterpret_cast<char*>(out), 16);
    CHECK(to_hex(wire) == c.hex);
    if (c.canonical.empty()) continue;
    std::string text;
    append_ipv6(text, out);
    CHECK(text == c.canonical);
    uint8_t again[16];
    REQUIRE(parse_ipv6(text, again));
    CHECK(std::string(reinterpret_cast<char*>(again), 16) == wire);
  }
  // RFC 5952 §5: an IPv4-mapped address (::ffff:0:0/96) is RECOMMENDED in
  // mixed notation; inet_ntop, BIND and dnspython all print it that way.
  uint8_t mapped[16];
  REQUIRE(parse_ipv6("::ffff:192.0.2.1", mapped));
  std::string text;
  append_ipv6(text, mapped);
  CHECK(text == "::ffff:192.0.2.1");
}

TEST_CASE("helpers: parse_decimal") {
  struct Case {
    std::string_view text;
    uint64_t max;
    NumberStatus status;
    uint64_t value;
  };
  const Case cases[] = {
      {"0", 65535, NumberStatus::ok, 0},
      {"65535", 65535, NumberStatus::ok, 65535},
      {"65536", 65535, NumberStatus::overflow, 0},  // one over the maximum
      {"007", 255, NumberStatus::ok, 7},            // leading zeros are fine in numbers
      {"", 255, NumberStatus::bad, 0},              // empty
      {"1o", 255, NumberStatus::bad, 0},            // letter o
      {"-1", 255, NumberStatus::bad, 0},            // negative
      {"1 ", 255, NumberStatus::bad, 0},            // blank
      {"18446744073709551615", UINT64_MAX, NumberStatus::ok, UINT64_MAX},
      {"18446744073709551616", UINT64_MAX, NumberStatus::overflow, 0},  // 2^64
      {"99999999999999999999", UINT64_MAX, NumberStatus::overflow, 0},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    uint64_t v = 0;
    CHECK(parse_decimal(c.text, c.max, v) == c.status);
    if (c.status == NumberStatus::ok) CHECK(v == c.value);
  }
}

TEST_CASE("helpers: parse_period") {
  struct Case {
    std::string_view text;
    NumberStatus status;
    uint32_t value;
  };
  const Case cases[] = {
      {"0", NumberStatus::ok, 0},
      {"3600", NumberStatus::ok, 3600},
      {"1h", NumberStatus::ok, 3600},
      {"1H", NumberStatus::ok, 3600},  // units in any case
      {"1h30m", NumberStatus::ok, 5400},
      {"1w2d3h4m5s", NumberStatus::ok, 604800 + 2 * 86400 + 3 * 3600 + 4 * 60 + 5},
      {"90s", NumberStatus::ok, 90},
      {"1m1m", NumberStatus::ok, 120},  // BIND adds repeated units
      {"4294967295", NumberStatus::ok, 4294967295u},
      {"4294967296", NumberStatus::overflow, 0},  // over 32 bits
      {"7102w", NumberStatus::overflow, 0},       // 4295289600 s
      {"5x", NumberStatus::bad, 0},               // unknown unit
      {"1h30", NumberStatus::bad, 0},             // bare number after a unit
      {"h", NumberStatus::bad, 0},                // unit without a number
      {"", NumberStatus::bad, 0},                 // empty
      {"-1", NumberStatus::bad, 0},               // negative
      {"1 h", NumberStatus::bad, 0},              // blank inside
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    uint32_t v = 0;
    CHECK(parse_period(c.text, v) == c.status);
    if (c.status == NumberStatus::ok) CHECK(v == c.value);
  }
}

TEST_CASE("helpers: unescape") {
  struct Case {
    std::string_view text;
    bool ok;
    std::string_view hex;
  };
  const Case cases[] = {
      {"abc", true, "616263"},
      {"a\\.b", true, "612E62"},     // \X is X
      {"\\\\", true, "5C"},          // escaped backslash
      {"\\\"", true, "22"},          // escaped quote
      {"\\000\\255", true, "00FF"},  // \DDD
      {"\\0651", true, "4131"},      // \065 then a plain 1
      {"", true, ""},
      {"\\", false, ""},     // escape at the end
      {"\\256", false, ""},  // above 255
      {"\\1", false, ""},    // one digit
      {"\\12", false, ""},   // two digits
      {"\\12a", false, ""},  // two digits and a letter
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    std::string out;
    REQUIRE(unescape(c.text, out) == c.ok);
    if (c.ok) CHECK(to_hex(out) == c.hex);
  }
}

TEST_CASE("helpers: append_quoted") {
  struct Case {
    std::string_view hex;
    std::string_view quoted;
  };
  const Case cases[] = {
      {"", R"("")"},
      {"616263", R"("abc")"},
      {"61206263", R"("a bc")"},                          // blank kept
      {"22", R"("\"")"},                                  // quote escaped
      {"5C", R"("\\")"},                                  // backslash escaped
      {"3B28292E40", R"(";().@")"},                       // specials of names are plain in strings
      {"00091F7F80FF", R"("\000\009\031\127\128\255")"},  // non-printable as \DDD
  };
  for (const Case& c : cases) {
    CAPTURE(c.quoted);
    const std::string bytes = from_hex(c.hex);
    std::string out;
    append_quoted(out, bytes);
    CHECK(out == c.quoted);
    // Round trip through the tokenizer and unescape.
    std::vector<TextToken> tokens;
    REQUIRE(tokenize_presentation(out, tokens));
    REQUIRE(tokens.size() == 1);
    CHECK(tokens[0].quoted);
    std::string back;
    REQUIRE(unescape(tokens[0].text, back));
    CHECK(back == bytes);
  }
}

TEST_CASE("helpers: tokenize_presentation") {
  std::vector<TextToken> t;
  REQUIRE(tokenize_presentation(R"(10  "a b"	c\ d "q\"q")", t));
  REQUIRE(t.size() == 4);
  CHECK(t[0].text == "10");
  CHECK(t[0].column == 1);
  CHECK_FALSE(t[0].quoted);
  CHECK(t[1].text == "a b");
  CHECK(t[1].column == 5);
  CHECK(t[1].quoted);
  CHECK(t[2].text == "c\\ d");  // escapes kept, the blank is part of the token
  CHECK(t[3].text == "q\\\"q");
  CHECK(t[3].quoted);
  t.clear();
  CHECK_FALSE(tokenize_presentation(R"("open)", t));  // quote left open
  t.clear();
  CHECK_FALSE(tokenize_presentation(R"("open\")", t));  // the closing quote is escaped
}
