// The proxy provider an address belongs to, for verify (www/lib/verify.js):
// the shells pass it in so that a DNS-only A/AAAA still answering with a
// proxy's address reads as the old answer, and another address as something
// else. Shared by the fast core's embind binding (session_bindings.cpp) and
// the small core's C export (small_api.cpp), so the two cannot differ.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "dns/rdata.h"
#include "policy/proxy_providers.h"

namespace mxray {

// `text`: an IPv4 or IPv6 address in presentation form. The provider's id
// ("cloudflare") when one of its published ranges holds it; "" for any other
// address and for text that is not an address.
inline std::string proxy_provider_of(std::string_view text) {
  uint8_t octets[16];
  const ProxyProvider* p = nullptr;
  if (parse_ipv4(text, octets))
    p = proxy_provider_for(std::span<const uint8_t>(octets, 4));
  else if (parse_ipv6(text, octets))
    p = proxy_provider_for(std::span<const uint8_t>(octets, 16));
  return p ? std::string(p->id) : std::string();
}

}  // namespace mxray
