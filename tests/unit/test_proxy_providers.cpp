// Proxy providers: address ranges (edges, families, the IPv4-mapped form),
// CNAME suffixes (label boundaries, case, lookalikes), ports carried, the
// service-port table, and the integrity of the data itself.
#include <arpa/inet.h>
#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <initializer_list>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "dns/name.h"
#include "policy/proxy_providers.h"

using namespace mxray;

namespace {

// Octets of an address written in text, parsed by the C library rather than
// by the code under test.
std::vector<uint8_t> address(const char* text) {
  std::vector<uint8_t> out(16);
  if (inet_pton(AF_INET6, text, out.data()) == 1) return out;
  out.resize(4);
  REQUIRE(inet_pton(AF_INET, text, out.data()) == 1);
  return out;
}

// The id of the provider holding `text`, "" for none.
std::string_view provider_of(const char* text) {
  const ProxyProvider* p = proxy_provider_for(address(text));
  return p ? p->id : std::string_view();
}

std::string wire(std::string_view text) {
  WireName n;
  REQUIRE(parse_name(text, {}, n) == NameError::none);
  return std::string(n.view());
}

std::string_view provider_of_name(std::string_view text) {
  const ProxyProvider* p = proxy_provider_for_name(wire(text));
  return p ? p->id : std::string_view();
}

const ProxyProvider& provider(std::string_view id) {
  for (const ProxyProvider& p : proxy_providers())
    if (p.id == id) return p;
  FAIL("no provider " << std::string(id));
  return proxy_providers()[0];
}

unsigned bits(const IpPrefix& p) { return p.family == 4 ? 32u : 128u; }

bool bit(const uint8_t* bytes, unsigned i) { return bytes[i / 8] & (0x80u >> (i % 8)); }

// First and last address of a prefix.
std::vector<uint8_t> first_of(const IpPrefix& p) { return {p.bytes, p.bytes + bits(p) / 8}; }
std::vector<uint8_t> last_of(const IpPrefix& p) {
  std::vector<uint8_t> a = first_of(p);
  for (unsigned i = p.length; i < bits(p); ++i) a[i / 8] = uint8_t(a[i / 8] | (0x80u >> (i % 8)));
  return a;
}

// Two prefixes of one family overlap when they agree on the shorter length.
bool overlap(const IpPrefix& a, const IpPrefix& b) {
  if (a.family != b.family) return false;
  unsigned n = a.length < b.length ? a.length : b.length;
  for (unsigned i = 0; i < n; ++i)
    if (bit(a.bytes, i) != bit(b.bytes, i)) return false;
  return true;
}

struct AddressCase {
  const char* address;
  std::string_view provider;  // "" = none
};

const AddressCase kAddresses[] = {
    // Cloudflare 173.245.48.0/20: first, last, one past, one before.
    {"173.245.48.0", "cloudflare"},
    {"173.245.63.255", "cloudflare"},
    {"173.245.64.0", ""},
    {"173.245.47.255", ""},
    {"104.16.0.1", "cloudflare"},
    {"104.23.255.255", "cloudflare"},  // last of 104.16.0.0/13 ...
    {"104.24.0.0", "cloudflare"},      // ... is followed by 104.24.0.0/14
    {"104.28.0.0", ""},                // one past 104.24.0.0/14
    {"1.1.1.1", ""},                   // the resolver, not in the proxy list
    {"2606:4700::", "cloudflare"},
    {"2606:4700:ffff:ffff:ffff:ffff:ffff:ffff", "cloudflare"},
    {"2606:4701::", ""},
    {"2a06:98c7:ffff:ffff:ffff:ffff:ffff:ffff", "cloudflare"},  // last of a /29
    {"2a06:98c8::", ""},
    // Fastly 151.101.0.0/16 and 2a04:4e42::/32.
    {"151.101.0.0", "fastly"},
    {"151.101.255.255", "fastly"},
    {"151.102.0.0", ""},
    {"151.100.255.255", ""},
    {"2a04:4e42::1", "fastly"},
    {"2a04:4e43::", ""},
    // CloudFront 13.32.0.0/15, 2600:9000:ddd::/48, 2409:8c00:2421:400::/56.
    {"13.32.0.0", "cloudfront"},
    {"13.33.255.255", "cloudfront"},
    {"13.34.0.0", ""},
    {"13.31.255.255", ""},
    {"2600:9000:ddd::", "cloudfront"},
    {"2600:9000:ddd:ffff:ffff:ffff:ffff:ffff", "cloudfront"},
    {"2600:9000:dde::", ""},
    {"2409:8c00:2421:4ff:ffff:ffff:ffff:ffff", "cloudfront"},
    {"2409:8c00:2421:500::", ""},
    // Akamai 23.32.0.0/11 and 2600:1400::/24.
    {"23.32.0.0", "akamai"},
    {"23.63.255.255", "akamai"},
    {"23.64.0.0", ""},
    {"2600:1400::", "akamai"},
    {"2600:14ff:ffff:ffff:ffff:ffff:ffff:ffff", "akamai"},
    {"2600:1500::", ""},
    // Imperva 45.60.0.0/16 and 2a02:e980::/29.
    {"45.60.0.0", "imperva"},
    {"45.60.255.255", "imperva"},
    {"45.61.0.0", ""},
    {"2a02:e980::", "imperva"},
    {"2a02:e987:ffff:ffff:ffff:ffff:ffff:ffff", "imperva"},
    {"2a02:e988::", ""},
    // Azure Front Door 4.232.98.112/29, 13.107.208.0/24, 2603:1000:4::5e0/123.
    {"4.232.98.112", "azure-front-door"},
    {"4.232.98.119", "azure-front-door"},
    {"4.232.98.120", ""},
    {"13.107.208.255", "azure-front-door"},
    {"13.107.209.0", ""},
    {"2603:1000:4::5e0", "azure-front-door"},
    {"2603:1000:4::5ff", "azure-front-door"},
    {"2603:1000:4::600", ""},  // a /123 ends inside the last byte
    {"2603:1000:4::5df", ""},
    // Sucuri 192.88.134.0/23 and 2a02:fe80::/29.
    {"192.88.134.0", "sucuri"},
    {"192.88.135.255", "sucuri"},
    {"192.88.136.0", ""},
    {"192.88.133.255", ""},
    {"2a02:fe80::", "sucuri"},
    {"2a02:fe87:ffff:ffff:ffff:ffff:ffff:ffff", "sucuri"},
    {"2a02:fe88::", ""},
    // Nobody's.
    {"8.8.8.8", ""},
    {"192.0.2.1", ""},
    {"2001:db8::1", ""},
    {"::", ""},
    // IPv4-mapped IPv6 is looked up as the IPv4 address it carries.
    {"::ffff:104.16.0.1", "cloudflare"},
    {"::ffff:151.101.1.1", "fastly"},
    {"::ffff:8.8.8.8", ""},
    {"::104.16.0.1", ""},       // IPv4-compatible (deprecated): not mapped
    {"::fffe:104.16.0.1", ""},  // not the mapped prefix
    {"64:ff9b::6810:1", ""},    // NAT64 of 104.16.0.1: a different address
};

}  // namespace

TEST_CASE("proxy providers: addresses inside, outside and at the edges") {
  for (const AddressCase& c : kAddresses) {
    CAPTURE(c.address);
    CHECK(provider_of(c.address) == c.provider);
  }
}

TEST_CASE("proxy providers: an address of the wrong size matches nothing") {
  const uint8_t five[5] = {104, 16, 0, 1, 0};
  const uint8_t three[3] = {104, 16, 0};
  CHECK(proxy_provider_for(std::span<const uint8_t>()) == nullptr);
  CHECK(proxy_provider_for(five) == nullptr);
  CHECK(proxy_provider_for(three) == nullptr);
  // The first four octets of a Cloudflare IPv6 prefix read as IPv4 are not
  // Cloudflare's: families never mix.
  const uint8_t v4_of_v6[4] = {0x26, 0x06, 0x47, 0x00};
  CHECK(proxy_provider_for(v4_of_v6) == nullptr);
}

TEST_CASE("proxy providers: the first and last address of every prefix map to its provider") {
  for (const ProxyProvider& p : proxy_providers()) {
    for (const IpPrefix& prefix : p.prefixes) {
      CAPTURE(p.id);
      CAPTURE(unsigned(prefix.length));
      const ProxyProvider* first = proxy_provider_for(first_of(prefix));
      const ProxyProvider* last = proxy_provider_for(last_of(prefix));
      CHECK(first == &p);
      CHECK(last == &p);
    }
  }
}

TEST_CASE("proxy providers: prefixes are well formed and no two providers overlap") {
  std::set<std::string_view> ids;
  for (const ProxyProvider& p : proxy_providers()) {
    CAPTURE(p.id);
    CHECK(ids.insert(p.id).second);
    for (const IpPrefix& prefix : p.prefixes) {
      CHECK((prefix.family == 4 || prefix.family == 6));
      CHECK(prefix.length <= bits(prefix));
      for (unsigned i = prefix.length; i < bits(prefix); ++i) {
        CAPTURE(i);
        CHECK_FALSE(bit(prefix.bytes, i));  // host bits are zero
      }
      for (unsigned i = bits(prefix) / 8; i < 16; ++i) CHECK(prefix.bytes[i] == 0);
    }
  }
  const auto providers = proxy_providers();
  for (size_t i = 0; i < providers.size(); ++i)
    for (size_t j = i + 1; j < providers.size(); ++j)
      for (const IpPrefix& a : providers[i].prefixes)
        for (const IpPrefix& b : providers[j].prefixes) {
          if (!overlap(a, b)) continue;
          FAIL_CHECK(std::string(providers[i].id) << " overlaps " << std::string(providers[j].id));
        }
}

TEST_CASE("proxy providers: every provider says where its data comes from and when") {
  for (const ProxyProvider& p : proxy_providers()) {
    CAPTURE(p.id);
    CHECK_FALSE(p.name.empty());
    CHECK_FALSE(p.copy.empty());
    CHECK(p.as_of.size() == 10);  // YYYY-MM-DD
    if (!p.prefixes.empty()) CHECK_FALSE(p.sources.empty());
    if (!p.name_suffixes.empty()) CHECK_FALSE(p.name_source.empty());
    CHECK_FALSE(p.ports_source.empty());
    for (std::string_view s : p.name_suffixes) {
      CAPTURE(s);
      CHECK_FALSE(s.empty());
      CHECK(s.back() != '.');
      for (char c : s) CHECK_FALSE((c >= 'A' && c <= 'Z'));
    }
  }
  // The counts the data comments state, so an edit that drops a line shows.
  struct Count {
    std::string_view id;
    size_t v4, v6;
  };
  const Count kCounts[] = {{"cloudflare", 15, 7}, {"fastly", 19, 2},  {"cloudfront", 211, 32},
                           {"akamai", 6, 3},      {"imperva", 11, 1}, {"azure-front-door", 90, 102},
                           {"sucuri", 4, 1}};
  for (const Count& c : kCounts) {
    CAPTURE(c.id);
    size_t v4 = 0, v6 = 0;
    for (const IpPrefix& prefix : provider(c.id).prefixes) (prefix.family == 4 ? v4 : v6)++;
    CHECK(v4 == c.v4);
    CHECK(v6 == c.v6);
  }
}

TEST_CASE("proxy providers: CNAME targets under a provider's suffix") {
  struct NameCase {
    std::string_view name;
    std::string_view provider;  // "" = none
  };
  const NameCase kNames[] = {
      {"www.example.com.cdn.cloudflare.net.", "cloudflare"},  // partial setup
      {"WWW.Example.COM.CDN.Cloudflare.NET.", "cloudflare"},  // case ignored
      {"cdn.cloudflare.net.", ""},                            // the zone itself
      {"example.cloudflare.net.", ""},                        // not under cdn.
      {"dualstack.nonssl.global.fastly.net.", "fastly"},
      {"j.sni.global.fastly.net.", "fastly"},
      {"fastly.net.", ""},
      {"d111111abcdef8.cloudfront.net.", "cloudfront"},
      {"evilcloudfront.net.", ""},      // suffix inside a label
      {"cloudfront.net.example.", ""},  // suffix not at the end
      {"d1.cloudfront.net.example.", ""},
      {"cloudfront.net.", ""},
      {"d1.cloudfront.com.", ""},
      {"www.example.com.edgesuite.net.", "akamai"},
      {"www.example.com.edgekey.net.", "akamai"},
      {"example.akamaized.net.", "akamai"},
      {"notedgekey.net.", ""},
      {"c59hy.x.incapdns.net.", "imperva"},
      {"contoso-frontend.azurefd.net.", "azure-front-door"},
      {"contoso-frontend-mdjf2jfgjf82mnzx.z01.azurefd.net.", "azure-front-door"},
      {"azurefd.net.evil.example.", ""},
      {"mail.example.com.", ""},
      {".", ""},
  };
  for (const NameCase& c : kNames) {
    CAPTURE(c.name);
    CHECK(provider_of_name(c.name) == c.provider);
  }
}

TEST_CASE("proxy providers: malformed wire names match nothing") {
  using namespace std::string_view_literals;
  CHECK(proxy_provider_for_name({}) == nullptr);
  CHECK(proxy_provider_for_name("\x02"
                                "d1\x0a"
                                "cloudfront\x03net"sv) == nullptr);  // no root label
  CHECK(proxy_provider_for_name("\x02"
                                "d1\x0a"
                                "cloudfront\x03net\x00\x00"sv) == nullptr);  // trailing byte
  CHECK(proxy_provider_for_name("\x09"
                                "d1"sv) == nullptr);  // label runs past
  CHECK(proxy_provider_for_name("\x02"
                                "d1\x0a"
                                "cloudfront\x03net\x00"sv) != nullptr);  // the same, well formed
}

TEST_CASE("proxy providers: ports carried") {
  const ProxyProvider& cf = provider("cloudflare");
  for (uint16_t port :
       std::initializer_list<uint16_t>{80, 8080, 8880, 2052, 2082, 2086, 2095, 443, 2053, 2083, 2087, 2096, 8443}) {
    CAPTURE(port);
    CHECK(carries_port(cf, port));
  }
  // Webdisk and CalDAV/CardDAV are not on Cloudflare's list (docs/sources.md#cloudflare-proxy-ports).
  for (uint16_t port :
       std::initializer_list<uint16_t>{25, 465, 587, 110, 995, 143, 993, 21, 22, 2077, 2078, 2079, 2080, 8081}) {
    CAPTURE(port);
    CHECK_FALSE(carries_port(cf, port));
  }
  CHECK_FALSE(cf.ports_assumed);
  CHECK_FALSE(provider("fastly").ports_assumed);
  CHECK(provider("sucuri").ports_assumed);
  CHECK_FALSE(carries_port(provider("fastly"), 8080));
  for (const ProxyProvider& p : proxy_providers()) {
    CAPTURE(p.id);
    CHECK(carries_port(p, 80));
    CHECK(carries_port(p, 443));
    for (uint16_t port : std::initializer_list<uint16_t>{25, 465, 587, 110, 995, 143, 993})
      CHECK_FALSE(carries_port(p, port));
  }
}

TEST_CASE("proxy providers: the service-port table") {
  std::set<uint16_t> ports;
  for (const ServicePort& s : service_ports()) {
    CAPTURE(s.port);
    CHECK(ports.insert(s.port).second);  // each port once
    CHECK_FALSE(s.service.empty());
    CHECK_FALSE(s.protocol_doc.empty());
    CHECK(service_port(s.port) == &s);
  }
  for (uint16_t port : std::initializer_list<uint16_t>{25,   587,  465,  143,  993,  110,  995,  21,   22, 2082, 2083,
                                                       2086, 2087, 2095, 2096, 2077, 2078, 2079, 2080, 80, 443}) {
    CAPTURE(port);
    CHECK(ports.count(port) == 1);
  }
  REQUIRE(service_port(993) != nullptr);
  CHECK(service_port(993)->service == "IMAPS");
  CHECK(service_port(993)->protocol_doc == "RFC 8314 §3.3");
  CHECK(service_port(25)->service == "SMTP");
  CHECK(service_port(8081) == nullptr);
}
