// Names that mail authentication and mail set-up read with other record
// types than addresses, and the CNAME targets Cloudflare documents it must
// not proxy: a proxied record there answers with the proxy's addresses and
// hides what receivers and mail apps look for.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace mxray {

// What a name is for, by its labels.
enum class AuthNamePurpose : uint8_t {
  dkim,           // <selector>._domainkey.<domain>: DKIM keys (RFC 6376 §3.6.2.1)
  dmarc,          // _dmarc.<domain> (RFC 9989 §4.5)
  mta_sts,        // _mta-sts.<domain> (RFC 8461 §3.1)
  tls_rpt,        // _smtp._tls.<domain> (RFC 8460 §3)
  verification,   // any other name whose first label starts with "_": provider verification, ACME, SRV owners
  client_config,  // autodiscover., autoconfig.: mail apps read their set-up there
};
// Stable names: "dkim", "dmarc", "mta-sts", "tls-rpt", "verification", "client-config".
std::string_view auth_name_purpose_name(AuthNamePurpose p);
// The purpose of the wire name `name` below `domain`, or nothing.
std::optional<AuthNamePurpose> auth_name_purpose(std::string_view name, std::string_view domain);

// A CNAME target Cloudflare refuses to proxy (cloudflare_non_proxiable_targets()).
struct NonProxiableTarget {
  enum class Match : uint8_t { exact, exact_or_below, below };
  std::string_view name;  // presentation form, lower case, no trailing dot
  Match match;
  std::string_view service;  // whose verification or DKIM name it is
};
// The list Cloudflare publishes (docs/sources.md#cloudflare-non-proxiable-targets).
std::span<const NonProxiableTarget> cloudflare_non_proxiable_targets();
// The entry the wire name `target` matches, or nullptr.
const NonProxiableTarget* cloudflare_non_proxiable(std::string_view target);

}  // namespace mxray
