// The server's own address, when what was read gives it away: a fix that
// needs it (the {origin-ipv4} placeholder) can then offer it, marked as
// likely and with where it came from, for the user to confirm. Never filled
// in by itself: only an address the user states (--origin) goes into the fix.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/mail_model.h"

namespace mxray {

// Where a likely origin address was seen: X(identifier, stable name).
// Words for each live in www/lib (English and Japanese).
//  - companion: Cloudflare's `dc-<hex>` / `_dc-mx.<hex>` record, which
//    Cloudflare points at the origin (docs/sources.md#cloudflare-dc-mx);
//  - proxied-record: a proxied record of a Cloudflare export holds the
//    origin's address (the proxy answers in its place);
//  - dns-only-name: a DNS-only address at one of the domain's own mail or
//    panel names (cpanel., webmail., ftp., mail. ...; not a name outside
//    the domain, such as a panel's discovery host);
//  - spf-term: an ip4:/ip6: term of the domain's SPF record;
//  - fcrdns: the address's PTR names a host whose address is that address
//    again (forward-confirmed reverse DNS), so it is a server's own.
#define MXRAY_ORIGIN_SOURCES(X)       \
  X(companion, "companion")           \
  X(proxied_record, "proxied-record") \
  X(dns_only_name, "dns-only-name")   \
  X(spf_term, "spf-term")             \
  X(fcrdns, "fcrdns")

enum class OriginSource : uint8_t {
#define MXRAY_X(id, name) id,
  MXRAY_ORIGIN_SOURCES(MXRAY_X)
#undef MXRAY_X
};
std::string_view origin_source_name(OriginSource s);

struct OriginClue {
  OriginSource source{};
  std::string name;   // the record's owner (the PTR's target for fcrdns), absolute, lower case
  bool live = false;  // seen in live DNS; else in a zone, at file:line
  std::string file;
  uint32_t line = 0;
};

struct OriginCandidate {
  uint16_t type = 0;    // A or AAAA
  std::string address;  // presentation form
  std::vector<OriginClue> clues;
};

// Every address the model's zones and live answers point to as the origin,
// most clues first (then in the order first seen). Addresses of a proxy
// provider are never candidates. At most `limit` candidates.
std::vector<OriginCandidate> origin_candidates(const MailModel& model, size_t limit = 8);

}  // namespace mxray
