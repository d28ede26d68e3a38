#include "policy/proxy_providers.h"

#include <array>
#include <cstddef>

#include "dns/name.h"

namespace mxray {
namespace {

consteval int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// "a.b.c.d" into out[0..3]; false when malformed.
consteval bool parse_v4(std::string_view s, uint8_t* out) {
  size_t i = 0;
  for (int octet = 0; octet < 4; ++octet) {
    if (octet > 0) {
      if (i >= s.size() || s[i] != '.') return false;
      ++i;
    }
    unsigned value = 0, digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9' && digits < 3)
      value = value * 10 + unsigned(s[i++] - '0'), ++digits;
    if (digits == 0 || value > 255) return false;
    out[octet] = uint8_t(value);
  }
  return i == s.size();
}

// RFC 4291 §2.2 text ("2a02:fe80::", no embedded IPv4) into out[0..15].
consteval bool parse_v6(std::string_view s, uint8_t* out) {
  uint16_t head[8] = {}, tail[8] = {};
  int nh = 0, nt = 0;
  bool gap = false;
  size_t i = 0;
  if (s.size() >= 2 && s[0] == ':' && s[1] == ':') gap = true, i = 2;
  while (i < s.size()) {
    unsigned value = 0, digits = 0;
    while (i < s.size() && hex_value(s[i]) >= 0 && digits < 4)
      value = value * 16 + unsigned(hex_value(s[i++])), ++digits;
    if (digits == 0 || nh + nt == 8) return false;
    (gap ? tail[nt++] : head[nh++]) = uint16_t(value);
    if (i == s.size()) break;
    if (s[i++] != ':' || i == s.size()) return false;
    if (s[i] == ':') {
      if (gap) return false;
      gap = true;
      ++i;
    }
  }
  if (gap ? nh + nt > 7 : nh != 8) return false;
  for (int k = 0; k < nh; ++k) out[2 * k] = uint8_t(head[k] >> 8), out[2 * k + 1] = uint8_t(head[k]);
  for (int k = 0; k < nt; ++k) {
    int at = 8 - nt + k;
    out[2 * at] = uint8_t(tail[k] >> 8), out[2 * at + 1] = uint8_t(tail[k]);
  }
  return true;
}

// A prefix in CIDR text, parsed at compile time. Malformed text gives family
// 0, which the static_asserts below reject, so a typo fails the build.
consteval IpPrefix cidr(std::string_view text) {
  IpPrefix p{0, 0, {}};
  size_t slash = text.find('/');
  if (slash == std::string_view::npos || slash + 1 == text.size() || text.size() - slash > 4) return p;
  unsigned length = 0;
  for (char c : text.substr(slash + 1)) {
    if (c < '0' || c > '9') return p;
    length = length * 10 + unsigned(c - '0');
  }
  std::string_view address = text.substr(0, slash);
  bool v6 = address.find(':') != std::string_view::npos;
  if (length > (v6 ? 128u : 32u) || !(v6 ? parse_v6(address, p.bytes) : parse_v4(address, p.bytes))) return p;
  p.family = v6 ? 6 : 4;
  p.length = uint8_t(length);
  return p;
}

// Family known, length in range, and no bit set past the prefix length.
constexpr bool well_formed(const IpPrefix& p) {
  if (p.family != 4 && p.family != 6) return false;
  unsigned bits = p.family == 4 ? 32u : 128u;
  if (p.length > bits) return false;
  for (unsigned i = p.length; i < bits; ++i)
    if (p.bytes[i / 8] & (0x80u >> (i % 8))) return false;
  return true;
}

template <size_t N>
constexpr bool all_well_formed(const IpPrefix (&table)[N]) {
  for (const IpPrefix& p : table)
    if (!well_formed(p)) return false;
  return true;
}

constexpr uint16_t kHttp[] = {80};
constexpr uint16_t kHttps[] = {443};
constexpr std::string_view kPortsAssumed = "not documented in the sources read: 80/443 assumed";

// ---------------------------------------------------------------------------
// Cloudflare. https://www.cloudflare.com/ips-v4 and /ips-v6: 15 IPv4 and 7
// IPv6 prefixes. Copy: mansourjabin/cdn-ip-database data/resolved_ips.json at
// commit 3f4e2486 (2026-08-22); identical in SM443/IP-Prefix-List CLOUDFLARE
// (2025-01-04) and in the copy of 2024-06-25 (docs/sources.md#cloudflare-ip-ranges).
// Partial (CNAME) setups point names at <name>.cdn.cloudflare.net (docs/sources.md#cloudflare-partial-setup,
// Cloudflare support doc). Ports: cloudflare-docs
// fundamentals/reference/network-ports.mdx (docs/sources.md#cloudflare-proxy-ports).
constexpr IpPrefix kCloudflare[] = {
    cidr("173.245.48.0/20"),  cidr("103.21.244.0/22"),  cidr("103.22.200.0/22"), cidr("103.31.4.0/22"),
    cidr("141.101.64.0/18"),  cidr("108.162.192.0/18"), cidr("190.93.240.0/20"), cidr("188.114.96.0/20"),
    cidr("197.234.240.0/22"), cidr("198.41.128.0/17"),  cidr("162.158.0.0/15"),  cidr("104.16.0.0/13"),
    cidr("104.24.0.0/14"),    cidr("172.64.0.0/13"),    cidr("131.0.72.0/22"),   cidr("2400:cb00::/32"),
    cidr("2606:4700::/32"),   cidr("2803:f800::/32"),   cidr("2405:b500::/32"),  cidr("2405:8100::/32"),
    cidr("2a06:98c0::/29"),   cidr("2c0f:f248::/32"),
};
constexpr std::string_view kCloudflareSources[] = {"https://www.cloudflare.com/ips-v4",
                                                   "https://www.cloudflare.com/ips-v6"};
constexpr std::string_view kCloudflareNames[] = {"cdn.cloudflare.net"};
constexpr uint16_t kCloudflareHttp[] = {80, 8080, 8880, 2052, 2082, 2086, 2095};
constexpr uint16_t kCloudflareHttps[] = {443, 2053, 2083, 2087, 2096, 8443};

// ---------------------------------------------------------------------------
// Fastly. https://api.fastly.com/public-ip-list ("This list is exhaustive and
// includes all Fastly-owned IP ranges"): 19 IPv4, 2 IPv6. Copy:
// mansourjabin/cdn-ip-database data/resolved_ips.json at 3f4e2486
// (2026-08-22); the same 21 in SM443/IP-Prefix-List FASTLY (2025-01-04).
// CNAME targets and ports: docs.fastly.com "Working with CNAME records and
// your DNS provider" (dualstack.nonssl.global.fastly.net. for HTTP on port
// 80, <letter>.sni.global.fastly.net. for TLS on 443). fastlylb.net appears
// only in third-party lists, so it is left out.
constexpr IpPrefix kFastly[] = {
    cidr("23.235.32.0/20"),   cidr("43.249.72.0/22"),  cidr("103.244.50.0/24"), cidr("103.245.222.0/23"),
    cidr("103.245.224.0/24"), cidr("104.156.80.0/20"), cidr("140.248.64.0/18"), cidr("140.248.128.0/17"),
    cidr("146.75.0.0/17"),    cidr("151.101.0.0/16"),  cidr("157.52.64.0/18"),  cidr("167.82.0.0/17"),
    cidr("167.82.128.0/20"),  cidr("167.82.160.0/20"), cidr("167.82.224.0/20"), cidr("172.111.64.0/18"),
    cidr("185.31.16.0/22"),   cidr("199.27.72.0/21"),  cidr("199.232.0.0/16"),  cidr("2a04:4e40::/32"),
    cidr("2a04:4e42::/32"),
};
constexpr std::string_view kFastlySources[] = {"https://api.fastly.com/public-ip-list"};
constexpr std::string_view kFastlyNames[] = {"fastly.net"};

// ---------------------------------------------------------------------------
// Amazon CloudFront. https://ip-ranges.amazonaws.com/ip-ranges.json, entries
// with service CLOUDFRONT (the edge; CLOUDFRONT_ORIGIN_FACING is a subset for
// origin allowlists): 211 IPv4, 32 IPv6, as published (adjacent prefixes not
// merged). Copy: seligman/aws-ip-ranges ip-ranges.json, createDate
// 2026-08-22-15-17-05, syncToken 1787411825. Distribution domain names are
// <id>.cloudfront.net (the AWS Developer Guide's example is
// d111111abcdef8.cloudfront.net, quoted on third-party pages).
constexpr IpPrefix kCloudFront[] = {
    cidr("3.10.17.128/25"),
    cidr("3.11.53.0/24"),
    cidr("3.29.40.64/26"),
    cidr("3.29.40.128/26"),
    cidr("3.29.40.192/26"),
    cidr("3.29.57.0/26"),
    cidr("3.35.130.128/25"),
    cidr("3.101.158.0/23"),
    cidr("3.107.43.128/25"),
    cidr("3.107.44.0/25"),
    cidr("3.107.44.128/25"),
    cidr("3.128.93.0/24"),
    cidr("3.134.215.0/24"),
    cidr("3.146.232.0/22"),
    cidr("3.147.164.0/22"),
    cidr("3.147.244.0/22"),
    cidr("3.160.0.0/14"),
    cidr("3.164.0.0/18"),
    cidr("3.164.64.0/18"),
    cidr("3.164.128.0/17"),
    cidr("3.165.0.0/16"),
    cidr("3.166.0.0/15"),
    cidr("3.168.0.0/14"),
    cidr("3.172.0.0/18"),
    cidr("3.172.64.0/18"),
    cidr("3.173.0.0/17"),
    cidr("3.173.128.0/18"),
    cidr("3.173.192.0/18"),
    cidr("3.174.0.0/15"),
    cidr("3.231.2.0/25"),
    cidr("3.234.232.224/27"),
    cidr("3.236.48.0/23"),
    cidr("3.236.169.192/26"),
    cidr("13.32.0.0/15"),
    cidr("13.35.0.0/16"),
    cidr("13.54.63.128/26"),
    cidr("13.59.250.0/26"),
    cidr("13.113.196.64/26"),
    cidr("13.113.203.0/24"),
    cidr("13.124.199.0/24"),
    cidr("13.134.24.0/23"),
    cidr("13.134.94.0/23"),
    cidr("13.203.133.0/26"),
    cidr("13.210.67.128/26"),
    cidr("13.224.0.0/14"),
    cidr("13.228.69.0/24"),
    cidr("13.233.177.192/26"),
    cidr("13.249.0.0/16"),
    cidr("15.158.0.0/16"),
    cidr("15.188.184.0/24"),
    cidr("15.207.13.128/25"),
    cidr("15.207.213.128/25"),
    cidr("18.64.0.0/14"),
    cidr("18.68.0.0/16"),
    cidr("18.154.0.0/15"),
    cidr("18.160.0.0/15"),
    cidr("18.164.0.0/15"),
    cidr("18.172.0.0/15"),
    cidr("18.175.65.0/24"),
    cidr("18.175.66.0/24"),
    cidr("18.175.67.0/24"),
    cidr("18.192.142.0/23"),
    cidr("18.199.68.0/22"),
    cidr("18.199.72.0/22"),
    cidr("18.199.76.0/22"),
    cidr("18.200.212.0/23"),
    cidr("18.216.170.128/25"),
    cidr("18.229.220.192/26"),
    cidr("18.230.229.0/24"),
    cidr("18.230.230.0/25"),
    cidr("18.238.0.0/15"),
    cidr("18.244.0.0/15"),
    cidr("23.91.0.0/19"),
    cidr("23.228.212.0/24"),
    cidr("23.228.213.0/24"),
    cidr("23.228.214.0/24"),
    cidr("23.228.220.0/24"),
    cidr("23.228.221.0/24"),
    cidr("23.228.222.0/24"),
    cidr("23.228.223.0/24"),
    cidr("23.228.244.0/24"),
    cidr("23.228.246.0/24"),
    cidr("23.228.247.0/24"),
    cidr("23.228.248.0/24"),
    cidr("23.228.249.0/24"),
    cidr("23.228.250.0/24"),
    cidr("23.228.251.0/24"),
    cidr("23.234.192.0/18"),
    cidr("24.110.32.0/19"),
    cidr("24.110.128.0/17"),
    cidr("34.195.252.0/24"),
    cidr("34.216.51.0/25"),
    cidr("34.223.12.224/27"),
    cidr("34.223.80.192/26"),
    cidr("34.226.14.0/24"),
    cidr("35.93.168.0/23"),
    cidr("35.93.170.0/23"),
    cidr("35.93.172.0/23"),
    cidr("35.158.136.0/24"),
    cidr("35.162.63.192/26"),
    cidr("35.167.191.128/26"),
    cidr("36.103.232.0/25"),
    cidr("36.103.232.128/26"),
    cidr("43.218.56.64/26"),
    cidr("43.218.56.128/26"),
    cidr("43.218.56.192/26"),
    cidr("43.218.71.0/26"),
    cidr("44.220.194.0/23"),
    cidr("44.220.196.0/23"),
    cidr("44.220.198.0/23"),
    cidr("44.220.200.0/23"),
    cidr("44.220.202.0/23"),
    cidr("44.222.66.0/24"),
    cidr("44.227.178.0/24"),
    cidr("44.234.90.252/30"),
    cidr("44.234.108.128/25"),
    cidr("47.129.82.0/24"),
    cidr("47.129.83.0/24"),
    cidr("47.129.84.0/24"),
    cidr("51.44.234.0/23"),
    cidr("51.44.236.0/23"),
    cidr("51.44.238.0/23"),
    cidr("51.74.192.0/18"),
    cidr("52.15.127.128/26"),
    cidr("52.46.0.0/18"),
    cidr("52.47.139.0/24"),
    cidr("52.52.191.128/26"),
    cidr("52.56.127.0/25"),
    cidr("52.57.254.0/24"),
    cidr("52.66.194.128/26"),
    cidr("52.78.247.128/26"),
    cidr("52.82.128.0/19"),
    cidr("52.84.0.0/15"),
    cidr("52.124.128.0/17"),
    cidr("52.199.127.192/26"),
    cidr("52.212.248.0/26"),
    cidr("52.220.191.0/26"),
    cidr("52.222.128.0/17"),
    cidr("54.182.0.0/16"),
    cidr("54.192.0.0/16"),
    cidr("54.230.0.0/17"),
    cidr("54.230.128.0/18"),
    cidr("54.230.200.0/21"),
    cidr("54.230.208.0/20"),
    cidr("54.230.224.0/19"),
    cidr("54.233.255.128/26"),
    cidr("54.239.128.0/18"),
    cidr("54.239.192.0/19"),
    cidr("54.240.128.0/18"),
    cidr("56.125.46.0/24"),
    cidr("56.125.47.0/32"),
    cidr("56.125.48.0/24"),
    cidr("57.182.253.0/24"),
    cidr("57.183.42.0/25"),
    cidr("58.254.138.0/25"),
    cidr("58.254.138.128/26"),
    cidr("64.252.64.0/18"),
    cidr("64.252.128.0/18"),
    cidr("65.8.0.0/16"),
    cidr("65.9.0.0/17"),
    cidr("65.9.128.0/18"),
    cidr("70.132.0.0/18"),
    cidr("71.152.0.0/17"),
    cidr("99.79.169.0/24"),
    cidr("99.84.0.0/16"),
    cidr("99.86.0.0/16"),
    cidr("108.138.0.0/15"),
    cidr("108.156.0.0/14"),
    cidr("111.13.171.128/26"),
    cidr("111.13.171.192/26"),
    cidr("111.13.185.32/27"),
    cidr("111.13.185.64/27"),
    cidr("116.129.226.0/25"),
    cidr("116.129.226.128/26"),
    cidr("118.193.97.64/26"),
    cidr("118.193.97.128/25"),
    cidr("119.147.182.0/25"),
    cidr("119.147.182.128/26"),
    cidr("120.52.12.64/26"),
    cidr("120.52.22.96/27"),
    cidr("120.52.39.128/27"),
    cidr("120.52.153.192/26"),
    cidr("120.232.236.0/25"),
    cidr("120.232.236.128/26"),
    cidr("120.253.240.192/26"),
    cidr("120.253.241.160/27"),
    cidr("120.253.245.128/26"),
    cidr("120.253.245.192/27"),
    cidr("130.176.0.0/17"),
    cidr("130.176.128.0/18"),
    cidr("130.176.192.0/19"),
    cidr("130.176.224.0/20"),
    cidr("143.204.0.0/16"),
    cidr("144.220.0.0/16"),
    cidr("180.163.57.0/25"),
    cidr("180.163.57.128/26"),
    cidr("204.246.164.0/22"),
    cidr("204.246.168.0/22"),
    cidr("204.246.172.0/24"),
    cidr("204.246.173.0/24"),
    cidr("204.246.174.0/23"),
    cidr("204.246.176.0/20"),
    cidr("205.251.202.0/23"),
    cidr("205.251.204.0/23"),
    cidr("205.251.206.0/23"),
    cidr("205.251.208.0/20"),
    cidr("205.251.249.0/24"),
    cidr("205.251.250.0/23"),
    cidr("205.251.252.0/23"),
    cidr("205.251.254.0/24"),
    cidr("216.137.32.0/19"),
    cidr("2001:3fc6:20::/43"),
    cidr("2400:7fc0:500::/40"),
    cidr("2404:c2c0:500::/40"),
    cidr("2409:8c00:2421:300::/56"),
    cidr("2409:8c00:2421:400::/56"),
    cidr("2600:9000:ddd::/48"),
    cidr("2600:9000:eee::/48"),
    cidr("2600:9000:fff::/48"),
    cidr("2600:9000:1000::/36"),
    cidr("2600:9000:2000::/36"),
    cidr("2600:9000:3000::/36"),
    cidr("2600:9000:4000::/36"),
    cidr("2600:9000:5200::/40"),
    cidr("2600:9000:5308::/45"),
    cidr("2600:9000:5310::/44"),
    cidr("2600:9000:5320::/43"),
    cidr("2600:9000:5340::/42"),
    cidr("2600:9000:5380::/41"),
    cidr("2600:9000:6000::/36"),
    cidr("2600:9000:f000::/38"),
    cidr("2600:9000:f400::/40"),
    cidr("2600:9000:f500::/43"),
    cidr("2600:9000:f520::/44"),
    cidr("2600:9000:f534::/46"),
    cidr("2600:9000:f538::/45"),
    cidr("2600:9000:f540::/42"),
    cidr("2600:9000:f580::/41"),
    cidr("2600:9000:f600::/39"),
    cidr("2600:9000:f800::/37"),
    cidr("2600:f0f0:601::/48"),
    cidr("2600:f0f0:602::/47"),
    cidr("2600:f0f0:5504::/46"),
};
constexpr std::string_view kCloudFrontSources[] = {"https://ip-ranges.amazonaws.com/ip-ranges.json"};
constexpr std::string_view kCloudFrontNames[] = {"cloudfront.net"};

// ---------------------------------------------------------------------------
// Akamai. Origin IP ACL lists,
// techdocs.akamai.com/property-manager/pdfs/akamai_ipv4_CIDRs.txt and
// akamai_ipv6_CIDRs.txt: 6 IPv4, 3 IPv6. Copy: mansourjabin/cdn-ip-database
// data/resolved_ips.json at 3f4e2486 (2026-08-22; unchanged since 2025-12).
// Akamai also serves from caches inside ISP networks outside these blocks, so
// an address outside them does not rule Akamai out; the CNAME suffixes do.
// Suffixes: techdocs.akamai.com edge hostname types (Standard TLS
// edgesuite.net, Enhanced TLS edgekey.net, Shared Cert akamaized.net).
constexpr IpPrefix kAkamai[] = {
    cidr("2.16.0.0/13"),    cidr("23.0.0.0/12"),    cidr("23.32.0.0/11"),
    cidr("23.192.0.0/11"),  cidr("95.100.0.0/15"),  cidr("184.24.0.0/13"),
    cidr("2405:9600::/32"), cidr("2600:1400::/24"), cidr("2a02:26f0::/32"),
};
constexpr std::string_view kAkamaiSources[] = {
    "https://techdocs.akamai.com/property-manager/pdfs/akamai_ipv4_CIDRs.txt",
    "https://techdocs.akamai.com/property-manager/pdfs/akamai_ipv6_CIDRs.txt"};
constexpr std::string_view kAkamaiNames[] = {"edgesuite.net", "edgekey.net", "akamaized.net"};

// ---------------------------------------------------------------------------
// Imperva (Incapsula). https://my.imperva.com/api/integration/v1/ips
// (ipRanges, ipv6Ranges): 11 IPv4, 1 IPv6. Copy: mansourjabin/cdn-ip-database
// data/resolved_ips.json at 3f4e2486 (2026-08-22). Suffix: sites onboarded to
// Imperva CNAME to <id>.x.incapdns.net, seen in public repositories (e.g.
// www.sareb.es CNAME c59hy.x.incapdns.net, checked 2026-08-04); no Imperva
// page stating it was read, so this one is third-party.
constexpr IpPrefix kImperva[] = {
    cidr("45.60.0.0/16"),    cidr("45.64.64.0/22"),    cidr("45.223.0.0/16"),   cidr("103.28.248.0/22"),
    cidr("107.154.0.0/16"),  cidr("131.125.128.0/17"), cidr("149.126.72.0/21"), cidr("185.11.124.0/22"),
    cidr("192.230.64.0/18"), cidr("198.143.32.0/19"),  cidr("199.83.128.0/21"), cidr("2a02:e980::/29"),
};
constexpr std::string_view kImpervaSources[] = {"https://my.imperva.com/api/integration/v1/ips"};
constexpr std::string_view kImpervaNames[] = {"incapdns.net"};

// ---------------------------------------------------------------------------
// Azure Front Door. Azure service tags (ServiceTags_Public JSON,
// https://www.microsoft.com/en-us/download/details.aspx?id=56519), tag
// AzureFrontDoor.Frontend (client-facing; .Backend is origin-facing): 90
// IPv4, 102 IPv6. Copy: femueller/cloud-ip-ranges
// microsoft-azure-ip-ranges.json, file changeNumber 363, tag changeNumber 33,
// committed 2025-07-22. Suffix: learn.microsoft.com Azure Front Door "Configure
// a custom domain" (endpoints are subdomains of azurefd.net). t-msedge.net
// was not found in Microsoft's docs, so it is left out.
constexpr IpPrefix kAzureFrontDoor[] = {
    cidr("4.232.98.112/29"),
    cidr("13.73.248.8/29"),
    cidr("13.105.221.0/24"),
    cidr("13.107.208.0/24"),
    cidr("13.107.213.0/24"),
    cidr("13.107.224.0/24"),
    cidr("13.107.226.0/24"),
    cidr("13.107.231.0/24"),
    cidr("13.107.234.0/23"),
    cidr("13.107.237.0/24"),
    cidr("13.107.238.0/23"),
    cidr("13.107.246.0/24"),
    cidr("13.107.253.0/24"),
    cidr("20.17.125.72/29"),
    cidr("20.21.37.32/29"),
    cidr("20.36.120.96/29"),
    cidr("20.37.64.96/29"),
    cidr("20.37.156.112/29"),
    cidr("20.37.192.88/29"),
    cidr("20.37.224.96/29"),
    cidr("20.38.84.64/29"),
    cidr("20.38.136.96/29"),
    cidr("20.39.11.0/29"),
    cidr("20.41.4.80/29"),
    cidr("20.41.64.112/29"),
    cidr("20.41.192.96/29"),
    cidr("20.42.4.112/29"),
    cidr("20.42.129.144/29"),
    cidr("20.42.224.96/29"),
    cidr("20.43.41.128/29"),
    cidr("20.43.64.88/29"),
    cidr("20.43.128.104/29"),
    cidr("20.45.112.96/29"),
    cidr("20.45.192.96/29"),
    cidr("20.51.7.32/29"),
    cidr("20.52.95.240/29"),
    cidr("20.59.82.180/30"),
    cidr("20.72.18.240/29"),
    cidr("20.97.39.120/29"),
    cidr("20.113.254.80/29"),
    cidr("20.119.28.40/29"),
    cidr("20.150.160.72/29"),
    cidr("20.189.106.72/29"),
    cidr("20.192.161.96/29"),
    cidr("20.192.225.40/29"),
    cidr("20.210.70.68/30"),
    cidr("20.215.4.200/29"),
    cidr("20.217.44.200/29"),
    cidr("40.67.48.96/29"),
    cidr("40.74.30.64/29"),
    cidr("40.80.56.96/29"),
    cidr("40.80.168.96/29"),
    cidr("40.80.184.112/29"),
    cidr("40.82.248.72/29"),
    cidr("40.89.16.96/29"),
    cidr("40.90.64.0/22"),
    cidr("40.90.68.0/24"),
    cidr("40.90.70.0/23"),
    cidr("51.12.41.0/29"),
    cidr("51.12.193.0/29"),
    cidr("51.53.28.216/29"),
    cidr("51.104.24.88/29"),
    cidr("51.105.80.96/29"),
    cidr("51.105.88.96/29"),
    cidr("51.107.48.96/29"),
    cidr("51.107.144.96/29"),
    cidr("51.120.40.96/29"),
    cidr("51.120.224.96/29"),
    cidr("51.137.160.88/29"),
    cidr("51.143.192.96/29"),
    cidr("52.136.48.96/29"),
    cidr("52.140.104.96/29"),
    cidr("52.150.136.112/29"),
    cidr("52.228.80.112/29"),
    cidr("68.210.172.152/29"),
    cidr("68.221.92.24/29"),
    cidr("102.133.56.80/29"),
    cidr("102.133.216.80/29"),
    cidr("104.212.67.0/24"),
    cidr("104.212.68.0/24"),
    cidr("150.171.22.0/23"),
    cidr("150.171.26.0/24"),
    cidr("150.171.84.0/22"),
    cidr("150.171.88.0/23"),
    cidr("150.171.109.0/24"),
    cidr("150.171.110.0/23"),
    cidr("158.23.108.48/29"),
    cidr("172.204.165.104/29"),
    cidr("191.233.9.112/29"),
    cidr("191.235.224.88/29"),
    cidr("2603:1000:4::5e0/123"),
    cidr("2603:1000:104::c0/123"),
    cidr("2603:1000:104::160/123"),
    cidr("2603:1000:104:1::5a0/123"),
    cidr("2603:1000:104:1::7c0/123"),
    cidr("2603:1010:6:1::5a0/123"),
    cidr("2603:1010:6:1::7c0/123"),
    cidr("2603:1010:101::5e0/123"),
    cidr("2603:1010:304::5e0/123"),
    cidr("2603:1010:404::5e0/123"),
    cidr("2603:1010:502:2::400/123"),
    cidr("2603:1020:5:1::5a0/123"),
    cidr("2603:1020:5:1::7c0/123"),
    cidr("2603:1020:104:3::100/123"),
    cidr("2603:1020:206:1::5a0/123"),
    cidr("2603:1020:206:1::7c0/123"),
    cidr("2603:1020:305::5e0/123"),
    cidr("2603:1020:405::5e0/123"),
    cidr("2603:1020:605::5e0/123"),
    cidr("2603:1020:705:1::5a0/123"),
    cidr("2603:1020:705:1::7c0/123"),
    cidr("2603:1020:805:1::5a0/123"),
    cidr("2603:1020:805:1::7c0/123"),
    cidr("2603:1020:905::5e0/123"),
    cidr("2603:1020:a04:1::5a0/123"),
    cidr("2603:1020:a04:1::7c0/123"),
    cidr("2603:1020:b04::5e0/123"),
    cidr("2603:1020:c04:1::5a0/123"),
    cidr("2603:1020:c04:1::7c0/123"),
    cidr("2603:1020:d04::5e0/123"),
    cidr("2603:1020:e04:1::5a0/123"),
    cidr("2603:1020:e04:1::7c0/123"),
    cidr("2603:1020:f04::5e0/123"),
    cidr("2603:1020:1004::5a0/123"),
    cidr("2603:1020:1004::7c0/123"),
    cidr("2603:1020:1104::5e0/123"),
    cidr("2603:1020:1204:2::c0/123"),
    cidr("2603:1020:1302:1::1a0/123"),
    cidr("2603:1020:1403:2::e0/123"),
    cidr("2603:1030:f:1::5e0/123"),
    cidr("2603:1030:10:1::5a0/123"),
    cidr("2603:1030:10:1::7c0/123"),
    cidr("2603:1030:104:1::5a0/123"),
    cidr("2603:1030:104:1::7c0/123"),
    cidr("2603:1030:107::680/123"),
    cidr("2603:1030:210:1::5a0/123"),
    cidr("2603:1030:210:1::7c0/123"),
    cidr("2603:1030:40b:1::5a0/123"),
    cidr("2603:1030:40c:1::5a0/123"),
    cidr("2603:1030:40c:1::7c0/123"),
    cidr("2603:1030:504:1::5a0/123"),
    cidr("2603:1030:504:1::7c0/123"),
    cidr("2603:1030:608::5e0/123"),
    cidr("2603:1030:702:2::e0/123"),
    cidr("2603:1030:807:1::5a0/123"),
    cidr("2603:1030:807:1::7c0/123"),
    cidr("2603:1030:a07::5e0/123"),
    cidr("2603:1030:b04::5e0/123"),
    cidr("2603:1030:c06:1::5a0/123"),
    cidr("2603:1030:f05:1::5a0/123"),
    cidr("2603:1030:f05:1::7c0/123"),
    cidr("2603:1030:1005::5e0/123"),
    cidr("2603:1040:5::c0/123"),
    cidr("2603:1040:5:1::5a0/123"),
    cidr("2603:1040:5:1::7c0/123"),
    cidr("2603:1040:207::5e0/123"),
    cidr("2603:1040:407:1::5a0/123"),
    cidr("2603:1040:407:1::7c0/123"),
    cidr("2603:1040:606::5e0/123"),
    cidr("2603:1040:806::5e0/123"),
    cidr("2603:1040:904:1::5a0/123"),
    cidr("2603:1040:904:1::7c0/123"),
    cidr("2603:1040:a06::c0/123"),
    cidr("2603:1040:a06:1::5a0/123"),
    cidr("2603:1040:a06:1::7c0/123"),
    cidr("2603:1040:b04::5e0/123"),
    cidr("2603:1040:c06::5e0/123"),
    cidr("2603:1040:d04::5a0/123"),
    cidr("2603:1040:d04::7c0/123"),
    cidr("2603:1040:e05:6::180/123"),
    cidr("2603:1040:f05:1::5a0/123"),
    cidr("2603:1040:f05:1::7c0/123"),
    cidr("2603:1040:1002:1::1c0/123"),
    cidr("2603:1040:1104::5e0/123"),
    cidr("2603:1040:1302:1::4c0/123"),
    cidr("2603:1040:1402:1::1a0/123"),
    cidr("2603:1040:1602:2::220/123"),
    cidr("2603:1050:6:1::5a0/123"),
    cidr("2603:1050:6:1::7c0/123"),
    cidr("2603:1050:403::5a0/123"),
    cidr("2603:1061:11::/48"),
    cidr("2603:1061:14::/48"),
    cidr("2603:1062:10::/48"),
    cidr("2620:1ec:27::/48"),
    cidr("2620:1ec:29::/48"),
    cidr("2620:1ec:32::/48"),
    cidr("2620:1ec:41::/48"),
    cidr("2620:1ec:46::/47"),
    cidr("2620:1ec:48::/48"),
    cidr("2620:1ec:4c::/46"),
    cidr("2620:1ec:50::/47"),
    cidr("2620:1ec:bdf::/48"),
};
constexpr std::string_view kAzureFrontDoorSources[] = {
    "https://www.microsoft.com/en-us/download/details.aspx?id=56519"};
constexpr std::string_view kAzureFrontDoorNames[] = {"azurefd.net"};

// ---------------------------------------------------------------------------
// Sucuri. Sucuri documents its firewall ranges on docs.sucuri.net, but that
// page was not read directly: these 4 IPv4 and 1 IPv6 prefixes are as quoted
// by a public repository's WAF signature file ("docs.sucuri.net ... firewall
// IP-range list; verified 2026-08-15"), and four of them by Kinsta's Sucuri
// guide. No CNAME suffix could be sourced (sucuri.net is unverified).
constexpr IpPrefix kSucuri[] = {
    cidr("192.88.134.0/23"), cidr("185.93.228.0/22"), cidr("66.248.200.0/22"),
    cidr("208.109.0.0/22"),  cidr("2a02:fe80::/29"),
};
constexpr std::string_view kSucuriSources[] = {"https://docs.sucuri.net/"};
constexpr std::span<const std::string_view> kNoNames;

static_assert(all_well_formed(kCloudflare) && all_well_formed(kFastly) && all_well_formed(kCloudFront) &&
              all_well_formed(kAkamai) && all_well_formed(kImperva) && all_well_formed(kAzureFrontDoor) &&
              all_well_formed(kSucuri));

constexpr std::string_view kCopyCdnDb = "mansourjabin/cdn-ip-database data/resolved_ips.json @3f4e2486";

const std::array kProviders = {
    ProxyProvider{"cloudflare", "Cloudflare", kCloudflareSources, kCopyCdnDb, "2026-08-22", kCloudflare,
                  kCloudflareNames, "Cloudflare support doc: partial setups CNAME to <name>.cdn.cloudflare.net",
                  kCloudflareHttp, kCloudflareHttps, false,
                  "https://developers.cloudflare.com/fundamentals/reference/network-ports/"},
    ProxyProvider{"fastly", "Fastly", kFastlySources, kCopyCdnDb, "2026-08-22", kFastly, kFastlyNames,
                  "https://docs.fastly.com/en/guides/working-with-cname-records-and-your-dns-provider", kHttp, kHttps,
                  false, "https://docs.fastly.com/en/guides/working-with-cname-records-and-your-dns-provider"},
    ProxyProvider{"cloudfront", "Amazon CloudFront", kCloudFrontSources,
                  "seligman/aws-ip-ranges ip-ranges.json createDate 2026-08-22-15-17-05", "2026-08-22", kCloudFront,
                  kCloudFrontNames, "AWS CloudFront Developer Guide (d111111abcdef8.cloudfront.net)", kHttp, kHttps,
                  true, kPortsAssumed},
    ProxyProvider{"akamai", "Akamai", kAkamaiSources, kCopyCdnDb, "2026-08-22", kAkamai, kAkamaiNames,
                  "https://techdocs.akamai.com/terraform/v10.4/docs/pm-rc-edge-hostname", kHttp, kHttps, true,
                  kPortsAssumed},
    ProxyProvider{"imperva", "Imperva", kImpervaSources, kCopyCdnDb, "2026-08-22", kImperva, kImpervaNames,
                  "third-party: observed <id>.x.incapdns.net CNAME targets in public repositories", kHttp, kHttps, true,
                  kPortsAssumed},
    ProxyProvider{"azure-front-door", "Azure Front Door", kAzureFrontDoorSources,
                  "femueller/cloud-ip-ranges microsoft-azure-ip-ranges.json changeNumber 363", "2025-07-22",
                  kAzureFrontDoor, kAzureFrontDoorNames,
                  "https://learn.microsoft.com/en-us/azure/frontdoor/standard-premium/how-to-add-custom-domain", kHttp,
                  kHttps, true, kPortsAssumed},
    ProxyProvider{"sucuri", "Sucuri", kSucuriSources, "quoted in public repositories (verified 2026-08-15)",
                  "2026-08-15", kSucuri, kNoNames, "no CNAME suffix found in sources", kHttp, kHttps, true,
                  kPortsAssumed},
};

// Service ports. Mail: RFC 5321 (SMTP), RFC 6409 (submission), RFC 8314 §3.3
// (implicit TLS: 465, 993, 995), RFC 9051 (IMAP), RFC 1939 (POP3). cPanel's
// own ports: docs/sources.md#cpanel-ports (cPanel, WHM and
// webmail from third-party port lists; CalDAV/CardDAV from the SRV records
// cPanel zones carry; webdisk only from a third-party firewall file).
constexpr ServicePort kServicePorts[] = {
    {"SMTP", 25, "RFC 5321"},
    {"Submission", 587, "RFC 6409"},
    {"Submissions", 465, "RFC 8314 §3.3"},
    {"IMAP", 143, "RFC 9051"},
    {"IMAPS", 993, "RFC 8314 §3.3"},
    {"POP3", 110, "RFC 1939"},
    {"POP3S", 995, "RFC 8314 §3.3"},
    {"FTP", 21, "RFC 959"},
    {"SSH/SFTP", 22, "RFC 4253 §4.1"},
    {"HTTP", 80, "RFC 9110 §4.2.1"},
    {"HTTPS", 443, "RFC 9110 §4.2.2"},
    {"cPanel", 2082, "cPanel service ports (docs/sources.md#cpanel-ports)"},
    {"cPanel SSL", 2083, "cPanel service ports (docs/sources.md#cpanel-ports)"},
    {"WHM", 2086, "cPanel service ports (docs/sources.md#cpanel-ports)"},
    {"WHM SSL", 2087, "cPanel service ports (docs/sources.md#cpanel-ports)"},
    {"Webmail", 2095, "cPanel service ports (docs/sources.md#cpanel-ports)"},
    {"Webmail SSL", 2096, "cPanel service ports (docs/sources.md#cpanel-ports)"},
    {"WebDisk", 2077, "cPanel service ports (docs/sources.md#cpanel-ports, third-party, not verified)"},
    {"WebDisk SSL", 2078, "cPanel service ports (docs/sources.md#cpanel-ports, third-party, not verified)"},
    {"CalDAV/CardDAV", 2079, "cPanel _caldav/_carddav SRV records (docs/sources.md#cpanel-zone-defaults)"},
    {"CalDAV/CardDAV SSL", 2080, "cPanel _caldavs/_carddavs SRV records (docs/sources.md#cpanel-zone-defaults)"},
};

bool in_prefix(const IpPrefix& p, std::span<const uint8_t> address) {
  if (address.size() != (p.family == 4 ? 4u : 16u)) return false;
  unsigned full = p.length / 8u, rest = p.length % 8u;
  for (unsigned i = 0; i < full; ++i)
    if (address[i] != p.bytes[i]) return false;
  if (rest == 0) return true;
  uint8_t mask = uint8_t(0xff << (8 - rest));
  return (address[full] & mask) == (p.bytes[full] & mask);
}

// ::ffff:a.b.c.d (RFC 4291 §2.5.5.2).
bool is_v4_mapped(std::span<const uint8_t> a) {
  if (a.size() != 16) return false;
  for (size_t i = 0; i < 10; ++i)
    if (a[i] != 0) return false;
  return a[10] == 0xff && a[11] == 0xff;
}

// Wire form of a dotted name without the trailing dot, into `out`; its length,
// or 0 when it does not fit.
size_t suffix_wire(std::string_view text, uint8_t (&out)[kMaxNameLength]) {
  size_t n = 0;
  while (!text.empty()) {
    size_t dot = text.find('.');
    std::string_view label = text.substr(0, dot);
    if (label.empty() || label.size() > kMaxLabelLength || n + 2 + label.size() > kMaxNameLength) return 0;
    out[n++] = uint8_t(label.size());
    for (char c : label) out[n++] = uint8_t(c);
    text = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
  }
  out[n++] = 0;
  return n;
}

}  // namespace

const ProxyProvider* proxy_provider_for(std::span<const uint8_t> address) {
  if (is_v4_mapped(address)) address = address.subspan(12);
  for (const ProxyProvider& provider : kProviders)
    for (const IpPrefix& p : provider.prefixes)
      if (in_prefix(p, address)) return &provider;
  return nullptr;
}

const ProxyProvider* proxy_provider_for_name(std::string_view wire_name) {
  if (wire_name.empty() || wire_name_size(wire_name) != wire_name.size()) return nullptr;
  uint8_t buffer[kMaxNameLength];
  for (const ProxyProvider& provider : kProviders) {
    for (std::string_view suffix : provider.name_suffixes) {
      size_t n = suffix_wire(suffix, buffer);
      if (n == 0 || wire_name.size() <= n) continue;
      if (name_is_under(wire_name, std::string_view(reinterpret_cast<const char*>(buffer), n))) return &provider;
    }
  }
  return nullptr;
}

// Cloudflare Email Routing's MX hosts (route1.mx.cloudflare.net in a real
// export, docs/sources.md#cloudflare-export-format; its SPF include is _spf.mx.cloudflare.net).
constexpr std::string_view kMailServiceSuffixes[] = {"mx.cloudflare.net"};

bool provider_mail_service(std::string_view wire_name) {
  if (wire_name.empty() || wire_name_size(wire_name) != wire_name.size()) return false;
  uint8_t buffer[kMaxNameLength];
  for (std::string_view suffix : kMailServiceSuffixes) {
    size_t n = suffix_wire(suffix, buffer);
    if (n && wire_name.size() > n &&
        name_is_under(wire_name, std::string_view(reinterpret_cast<const char*>(buffer), n)))
      return true;
  }
  return false;
}

bool carries_port(const ProxyProvider& provider, uint16_t port) {
  for (uint16_t p : provider.http_ports)
    if (p == port) return true;
  for (uint16_t p : provider.https_ports)
    if (p == port) return true;
  return false;
}

std::span<const ProxyProvider> proxy_providers() { return kProviders; }

std::span<const ServicePort> service_ports() { return kServicePorts; }

const ServicePort* service_port(uint16_t port) {
  for (const ServicePort& s : kServicePorts)
    if (s.port == port) return &s;
  return nullptr;
}

}  // namespace mxray
