// Where each mail-relevant name really goes: the path a client's lookup
// takes (CNAME links, then addresses), once as the uploaded zone describes it
// and once as live DNS answered, each hop classified as origin, proxy or
// unknown. Rules read these paths; they never walk records themselves.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "dns/name.h"
#include "doh/facts.h"
#include "model/zone_lookup.h"
#include "policy/proxy_providers.h"
#include "zone/zone.h"

namespace mxray {

// Where a path ends up.
enum class Route : uint8_t {
  origin,   // addresses outside every proxy: the server itself
  proxy,    // through a reverse proxy (see `provider`)
  missing,  // the name has no address (NXDOMAIN, or no A/AAAA at the end)
  unknown,  // no usable answer, not asked, or leaves the uploaded zone
};
std::string_view route_name(Route r);

// Where a hop was learnt: a record of an uploaded zone, or a live answer.
struct HopSource {
  enum Kind : uint8_t { zone, live } kind = zone;
  uint32_t zone_index = 0;  // FactStore::zones() index (zone)
  uint32_t record = 0;      // Zone::record() index (zone): what identifies the record
  uint32_t file = 0;        // Zone::files index (zone)
  uint32_t line = 0;        // first line of the record (zone), for people: records may share one
  uint32_t fact = 0;        // Fact::id (live)

  static HopSource of(uint32_t zone_index, size_t record, const RecordView& r) {
    return {zone, zone_index, uint32_t(record), r.span.file, r.span.first_line, 0};
  }
  static HopSource of(ZoneRecordRef ref, const RecordView& r) { return of(ref.zone, ref.index, r); }
  static HopSource of_fact(uint32_t id) { return {live, 0, 0, 0, 0, id}; }
};

struct Hop {
  WireName name;                            // the owner
  uint16_t type = 0;                        // CNAME, A or AAAA
  std::string rdata;                        // wire form: the CNAME target or the address octets
  Proxied proxied = Proxied::unknown;       // the zone's proxy flag on this record
  const ProxyProvider* provider = nullptr;  // proxy this hop sends traffic to, if any
  HopSource source;
  // The record is a wildcard's (RFC 4592) answering for `name`: editing it
  // would change every name it covers.
  bool wildcard = false;
};

struct ResolutionPath {
  Route route = Route::unknown;
  const ProxyProvider* provider = nullptr;  // when route == proxy
  std::vector<Hop> hops;                    // CNAMEs in order, then the A/AAAA records at the end
  std::string reason;                       // when unknown: why
  bool known() const { return route != Route::unknown; }
};

// The path through the uploaded zones, with Cloudflare's documented proxy
// semantics (docs/sources.md#cloudflare-proxy-answers):
//  - a name is proxied when any of its A/AAAA records is;
//  - a CNAME chain is proxied when any hop on it is;
//  - a same-zone CNAME is flattened, so a DNS-only CNAME to a proxied name
//    sends clients to the proxy;
//  - a name with no records of its own takes a covering wildcard's (RFC 4592).
// Without a proxy flag (a plain BIND export), addresses in a provider's
// published ranges and CNAME targets under its names count as proxied.
ResolutionPath zone_path(const ZoneLookup& zones, std::string_view name, uint32_t max_depth = 8);

// True when `name` has no records of its own and a wildcard of its zone
// answers for it (RFC 4592 §3.3.1).
bool covered_by_wildcard(const ZoneLookup& zones, std::string_view name);

// The path live DNS gave: the A and AAAA facts of `name` in the session.
// Follows the session's CNAME follow-up questions where an answer stopped
// at a CNAME. An address in a provider's ranges means proxy.
ResolutionPath live_path(const FactStore& facts, std::string_view name, uint32_t max_depth = 8);

}  // namespace mxray
