#include "model/paths.h"

#include <algorithm>
#include <cstring>

#include "dns/types.h"

namespace mxray {
namespace {

const ProxyProvider* provider_by_id(std::string_view id) {
  for (const ProxyProvider& p : proxy_providers())
    if (p.id == id) return &p;
  return nullptr;
}

const ProxyProvider* address_provider(std::string_view rdata) {
  return proxy_provider_for(std::span(reinterpret_cast<const uint8_t*>(rdata.data()), rdata.size()));
}

WireName to_wire(std::string_view v) {
  WireName n;
  n.length = uint8_t(std::min(v.size(), kMaxNameLength));
  std::memcpy(n.octets, v.data(), n.length);
  return n;
}

// The flag a zone record carries means Cloudflare (exports and API JSON are
// the only inputs with one).
const ProxyProvider* flag_provider() { return provider_by_id("cloudflare"); }

Hop zone_hop(const ZoneLookup& zones, ZoneRecordRef ref) {
  RecordView r = zones.record(ref);
  Hop h;
  h.name = r.owner;
  h.type = r.type;
  h.rdata.assign(r.rdata);
  h.proxied = r.proxied;
  h.source = HopSource::of(ref, r);
  if (r.proxied == Proxied::yes) {
    h.provider = flag_provider();
  } else if (r.type == rrtype::CNAME) {
    h.provider = proxy_provider_for_name(r.rdata);
  } else if (r.proxied == Proxied::unknown) {
    h.provider = address_provider(r.rdata);
  }
  return h;
}

// RFC 4592 §3.3.1: a name that does not exist takes the records of the
// wildcard at its closest encloser. Returns the wildcard owner, or empty.
std::string wildcard_for(const ZoneLookup& zones, std::string_view name, std::string_view apex) {
  if (zones.exists(name)) return {};
  std::string_view parent = name;
  while (parent.size() > 1 && parent.size() > apex.size()) {
    parent.remove_prefix(1 + static_cast<unsigned char>(parent[0]));
    if (zones.exists(parent)) {
      std::string star = std::string("\x01*", 2) + std::string(parent);
      return zones.has(star) ? star : std::string();
    }
  }
  return {};
}

// The route of a set of address hops plus whether the chain before them
// passed a proxy.
void settle_route(ResolutionPath& p, const ProxyProvider* chain_provider, size_t first_address) {
  const ProxyProvider* provider = chain_provider;
  bool any = false;
  for (size_t i = first_address; i < p.hops.size(); ++i) {
    any = true;
    if (!provider && p.hops[i].provider) provider = p.hops[i].provider;
  }
  if (provider) {
    p.route = Route::proxy;
    p.provider = provider;
  } else {
    p.route = any ? Route::origin : Route::missing;
  }
}

}  // namespace

std::string_view route_name(Route r) {
  switch (r) {
    case Route::origin: return "origin";
    case Route::proxy: return "proxy";
    case Route::missing: return "missing";
    case Route::unknown: return "unknown";
  }
  return "unknown";
}

bool covered_by_wildcard(const ZoneLookup& zones, std::string_view name) {
  int zi = zones.zone_for(name);
  return zi >= 0 && !wildcard_for(zones, name, zones.zone(uint32_t(zi)).apex).empty();
}

ResolutionPath zone_path(const ZoneLookup& zones, std::string_view name, uint32_t max_depth) {
  ResolutionPath p;
  WireName at = to_wire(name);
  const ProxyProvider* chain_provider = nullptr;
  for (uint32_t depth = 0; depth <= max_depth; ++depth) {
    int zi = zones.zone_for(at.view());
    if (zi < 0) {
      // The chain leaves the uploaded zones: only a provider's name says
      // where it goes from here.
      if (chain_provider) {
        p.route = Route::proxy;
        p.provider = chain_provider;
      } else {
        p.reason = p.hops.empty() ? "not-in-zone" : "leaves-zone";
      }
      return p;
    }
    std::string owner(at.view());
    if (!zones.has(owner)) {
      std::string star = wildcard_for(zones, owner, zones.zone(uint32_t(zi)).apex);
      if (!star.empty()) owner = star;
    }
    auto cname = zones.at(owner, rrtype::CNAME);
    if (!cname.empty()) {
      Hop h = zone_hop(zones, cname.front());
      h.wildcard = !names_equal(h.name.view(), at.view());
      h.name = at;  // a wildcard's records answer for the name asked
      if (!chain_provider && h.provider) chain_provider = h.provider;
      WireName target = to_wire(h.rdata);
      p.hops.push_back(std::move(h));
      bool loop = std::any_of(p.hops.begin(), p.hops.end(),
                              [&](const Hop& x) { return names_equal(x.name.view(), target.view()); });
      if (loop) {
        p.reason = "cname-loop";
        return p;
      }
      at = target;
      continue;
    }
    size_t first = p.hops.size();
    for (uint16_t type : {rrtype::A, rrtype::AAAA})
      for (ZoneRecordRef ref : zones.at(owner, type)) {
        Hop h = zone_hop(zones, ref);
        h.wildcard = !names_equal(h.name.view(), at.view());
        h.name = at;
        p.hops.push_back(std::move(h));
      }
    // Cloudflare: "at least one of them is proxied" -> all are (docs/sources.md#cloudflare-proxy-answers).
    for (size_t i = first; i < p.hops.size(); ++i)
      if (p.hops[i].proxied == Proxied::yes && !chain_provider) chain_provider = p.hops[i].provider;
    settle_route(p, chain_provider, first);
    return p;
  }
  p.reason = "cname-depth";
  return p;
}

ResolutionPath live_path(const FactStore& facts, std::string_view name, uint32_t max_depth) {
  ResolutionPath p;
  WireName at = to_wire(name);
  const ProxyProvider* chain_provider = nullptr;
  for (uint32_t depth = 0; depth <= max_depth; ++depth) {
    const Fact* a = facts.find(at.view(), rrtype::A);
    const Fact* aaaa = facts.find(at.view(), rrtype::AAAA);
    if (!a && !aaaa) {
      p.reason = "not-asked";
      return p;
    }
    // An answered A leads; else the AAAA, when it was asked (a question
    // budget can stop between a name's A and its AAAA).
    const Fact* lead = a && (a->state == FactState::answered || !aaaa) ? a : aaaa;
    if (lead->state != FactState::answered) {
      p.reason = lead->state == FactState::unknown ? lead->reason.text() : "pending";
      if (chain_provider) {
        p.route = Route::proxy;
        p.provider = chain_provider;
      }
      return p;
    }
    for (const ResourceRecord& c : lead->chain) {
      Hop h;
      h.name = c.owner;
      h.type = rrtype::CNAME;
      h.rdata = c.rdata;
      h.provider = proxy_provider_for_name(c.rdata);
      h.source = HopSource::of_fact(lead->id);
      if (!chain_provider && h.provider) chain_provider = h.provider;
      p.hops.push_back(std::move(h));
    }
    if (lead->chain_incomplete && !lead->chain.empty()) {
      at = to_wire(lead->chain.back().rdata);
      continue;
    }
    size_t first = p.hops.size();
    bool unknown_half = false;
    for (const Fact* f : {a, aaaa}) {
      if (!f) continue;
      if (f->state != FactState::answered) {
        unknown_half = true;
        continue;
      }
      for (const ResourceRecord& r : f->records) {
        Hop h;
        h.name = r.owner;
        h.type = r.type;
        h.rdata = r.rdata;
        // A provider's own mail servers sit in its ranges but take SMTP.
        h.provider = provider_mail_service(r.owner.view()) ? nullptr : address_provider(r.rdata);
        h.source = HopSource::of_fact(f->id);
        p.hops.push_back(std::move(h));
      }
    }
    settle_route(p, chain_provider, first);
    // No address in one family and no answer in the other: not "missing".
    if (p.route == Route::missing && unknown_half) {
      p.route = Route::unknown;
      const Fact* why = (a && a->state != FactState::answered) ? a : aaaa;
      p.reason = why->state == FactState::unknown ? why->reason.text() : std::string();
    }
    return p;
  }
  p.reason = "cname-depth";
  return p;
}

}  // namespace mxray
