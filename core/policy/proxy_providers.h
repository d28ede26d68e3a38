// Reverse-proxy providers: the address ranges their proxies answer from, the
// CNAME targets that hand a name to them, and the ports they carry. An
// address inside a range (or a CNAME into a provider's suffix) means traffic
// to that name goes to the proxy, which carries HTTP(S) but not SMTP, IMAP or
// POP. Every table cites where it comes from and as of when; a provider with
// no published list has no ranges, never guessed ones.
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
  std::string_view id;    // stable: "cloudflare"
  std::string_view name;  // for people: "Cloudflare"
  // The provider's own published list(s) of ranges; empty when none is
  // published.
  std::span<const std::string_view> sources;
  // Where the copy in this table was read (a dated mirror of the list), and
  // the date of that copy (ISO 8601), so a report can say "as of".
  std::string_view copy;
  std::string_view as_of;
  std::span<const IpPrefix> prefixes;
  // CNAME target suffixes, presentation form without the trailing dot: a name
  // strictly below one of them is handed to this provider's proxy.
  std::span<const std::string_view> name_suffixes;
  std::string_view name_source;
  // Ports the proxy carries. When `ports_assumed`, the provider's docs were
  // not found and only 80/443 are listed.
  std::span<const uint16_t> http_ports;
  std::span<const uint16_t> https_ports;
  bool ports_assumed;
  std::string_view ports_source;
};

// The provider whose proxy ranges hold `address` (4 octets for IPv4, 16 for
// IPv6), or nullptr. An IPv4-mapped IPv6 address (::ffff:a.b.c.d, RFC 4291
// §2.5.5.2) is looked up as the IPv4 address it carries.
const ProxyProvider* proxy_provider_for(std::span<const uint8_t> address);

// The provider whose CNAME suffix `wire_name` (an uncompressed wire-form name)
// lies strictly below, ignoring ASCII case and matching whole labels only; or
// nullptr. The suffix itself ("cloudfront.net.") is the provider's own zone,
// not a proxied name, and does not match; nor does a malformed name.
const ProxyProvider* proxy_provider_for_name(std::string_view wire_name);

// True for the names of a provider's own mail service (Cloudflare Email
// Routing's route1/2/3.mx.cloudflare.net): their addresses lie in the
// provider's ranges, but they are mail servers, not its HTTP proxy.
bool provider_mail_service(std::string_view wire_name);

// Whether the provider's proxy accepts connections on `port` (HTTP or HTTPS).
bool carries_port(const ProxyProvider& provider, uint16_t port);

std::span<const ProxyProvider> proxy_providers();

// A port a service listens on, with the document that assigns it.
struct ServicePort {
  std::string_view service;  // "IMAPS"
  uint16_t port;
  std::string_view protocol_doc;  // "RFC 8314 §3.3"
};

// Mail, file-transfer, web and cPanel service ports, each port once.
std::span<const ServicePort> service_ports();
// The entry for `port`, or nullptr.
const ServicePort* service_port(uint16_t port);

}  // namespace mxray
