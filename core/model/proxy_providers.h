// Reverse-proxy providers and the address ranges their proxies answer from.
// An address inside a range means traffic to that name goes to the proxy,
// which carries HTTP(S) but not SMTP, IMAP or POP.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace mxray {

struct IpPrefix {
  uint8_t family;  // 4 or 6
  uint8_t length;  // prefix length in bits
  uint8_t bytes[16];
};

struct ProxyProvider {
  std::string_view id;      // stable: "cloudflare"
  std::string_view name;    // for people: "Cloudflare"
  std::string_view source;  // where the ranges come from, and as of when
  std::span<const IpPrefix> prefixes;
};

// The provider whose proxy ranges hold `address` (4 octets for IPv4, 16 for
// IPv6), or nullptr.
const ProxyProvider* proxy_provider_for(std::span<const uint8_t> address);

std::span<const ProxyProvider> proxy_providers();

}  // namespace mxray
