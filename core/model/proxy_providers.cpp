#include "model/proxy_providers.h"

#include <array>

namespace mxray {
namespace {

constexpr IpPrefix v4(uint8_t a, uint8_t b, uint8_t c, uint8_t d, uint8_t length) {
  return IpPrefix{4, length, {a, b, c, d}};
}
constexpr IpPrefix v6(uint16_t a, uint16_t b, uint8_t length) {
  return IpPrefix{6, length, {uint8_t(a >> 8), uint8_t(a), uint8_t(b >> 8), uint8_t(b)}};
}

// https://www.cloudflare.com/ips-v4 and /ips-v6: 15 IPv4 and 7 IPv6 prefixes,
// identical in every dated copy found; newest dated 2024-06-25
// (shared/facts/cloudflare-and-cpanel.md §2).
constexpr std::array kCloudflare = {
    v4(173, 245, 48, 0, 20),  v4(103, 21, 244, 0, 22),  v4(103, 22, 200, 0, 22), v4(103, 31, 4, 0, 22),
    v4(141, 101, 64, 0, 18),  v4(108, 162, 192, 0, 18), v4(190, 93, 240, 0, 20), v4(188, 114, 96, 0, 20),
    v4(197, 234, 240, 0, 22), v4(198, 41, 128, 0, 17),  v4(162, 158, 0, 0, 15),  v4(104, 16, 0, 0, 13),
    v4(104, 24, 0, 0, 14),    v4(172, 64, 0, 0, 13),    v4(131, 0, 72, 0, 22),   v6(0x2400, 0xcb00, 32),
    v6(0x2606, 0x4700, 32),   v6(0x2803, 0xf800, 32),   v6(0x2405, 0xb500, 32),  v6(0x2405, 0x8100, 32),
    v6(0x2a06, 0x98c0, 29),   v6(0x2c0f, 0xf248, 32),
};

const std::array kProviders = {
    ProxyProvider{"cloudflare", "Cloudflare", "https://www.cloudflare.com/ips/ (as of 2024-06-25)", kCloudflare},
};

bool in_prefix(const IpPrefix& p, std::span<const uint8_t> address) {
  if (address.size() != (p.family == 4 ? 4u : 16u)) return false;
  unsigned full = p.length / 8, rest = p.length % 8;
  for (unsigned i = 0; i < full; ++i)
    if (address[i] != p.bytes[i]) return false;
  if (rest == 0) return true;
  uint8_t mask = uint8_t(0xff << (8 - rest));
  return (address[full] & mask) == (p.bytes[full] & mask);
}

}  // namespace

const ProxyProvider* proxy_provider_for(std::span<const uint8_t> address) {
  for (const ProxyProvider& provider : kProviders)
    for (const IpPrefix& p : provider.prefixes)
      if (in_prefix(p, address)) return &provider;
  return nullptr;
}

std::span<const ProxyProvider> proxy_providers() { return kProviders; }

}  // namespace mxray
