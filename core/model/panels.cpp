#include "model/panels.h"

#include <array>
#include <cstring>

#include "dns/name.h"
#include "dns/rdata.h"
#include "dns/types.h"
#include "doh/facts.h"
#include "model/zone_lookup.h"

namespace mxray {
namespace {

using namespace std::string_view_literals;

// cPanel: docs/sources.md#cpanel-zone-defaults (UAPI
// DNS::fetch_cpanel_generated_domains names cpanel., webmail., webdisk.;
// a real zone adds whm., cpcalendars., cpcontacts., `mail CNAME <apex>`,
// `MX 0 <apex>` and `_autodiscover._tcp SRV ... cpanelemaildiscovery.cpanel.net.`)
// and docs/sources.md#cpanel-ports (ports; webdisk 2077/2078 from a third-party list, NOT VERIFIED).
constexpr std::array kCpanelLabels = {"cpanel"sv, "whm"sv, "webdisk"sv, "cpcalendars"sv, "cpcontacts"sv};
constexpr std::array kCpanelSrvTargets = {"cpanelemaildiscovery.cpanel.net."sv};
constexpr std::array kCpanelPorts = {PanelPort{2082, "cPanel HTTP"},    PanelPort{2083, "cPanel HTTPS"},
                                     PanelPort{2086, "WHM HTTP"},       PanelPort{2087, "WHM HTTPS"},
                                     PanelPort{2095, "webmail HTTP"},   PanelPort{2096, "webmail HTTPS"},
                                     PanelPort{2079, "CalDAV/CardDAV"}, PanelPort{2080, "CalDAV/CardDAV HTTPS"},
                                     PanelPort{2077, "WebDisk HTTP"},   PanelPort{2078, "WebDisk HTTPS"}};

constexpr std::array kCpanelSrv = {PanelSrv{"_autodiscover._tcp", 443, "cpanelemaildiscovery.cpanel.net."},
                                   PanelSrv{"_caldav._tcp", 2079, {}}, PanelSrv{"_caldavs._tcp", 2080, {}},
                                   PanelSrv{"_carddav._tcp", 2079, {}}, PanelSrv{"_carddavs._tcp", 2080, {}}};

// Plesk: its zone template's documented example sets the MX to
// mail.<domain> (docs.plesk.com, server_dns: DNS Zone Template, docs/sources.md#plesk-defaults).
// No name only Plesk creates is documented, so it is never detected: it
// can only be stated.
constexpr std::array kPleskPorts = {PanelPort{8443, "Plesk HTTPS"}, PanelPort{8880, "Plesk HTTP"}};

// DirectAdmin: no default zone contents are documented (docs/sources.md#directadmin-defaults), so the
// profile names the panel and nothing else.

constexpr std::array kPanels = {
    PanelProfile{"cpanel", "cPanel", "cPanel standard zone template (docs/sources.md#cpanel-zone-defaults)",
                 kCpanelLabels, kCpanelSrvTargets, "mail", true, true, kCpanelPorts, kCpanelSrv, "+a +mx ~all"},
    PanelProfile{"plesk",
                 "Plesk",
                 "Plesk server_dns zone template (docs/sources.md#plesk-defaults)",
                 {},
                 {},
                 "mail",
                 false,
                 false,
                 kPleskPorts,
                 {},
                 {}},
    PanelProfile{"directadmin",
                 "DirectAdmin",
                 "none documented (docs/sources.md#directadmin-defaults)",
                 {},
                 {},
                 {},
                 false,
                 false,
                 {},
                 {},
                 {}},
};

bool live_has(const FactStore& facts, std::string_view name) {
  for (uint16_t type : {rrtype::A, rrtype::AAAA}) {
    const Fact* f = facts.find(name, type);
    if (f && f->state == FactState::answered && (!f->records.empty() || !f->chain.empty())) return true;
  }
  return false;
}

bool srv_target_is(std::string_view rdata, std::string_view target_text) {
  if (rdata.size() < 7) return false;
  std::string text;
  append_name_text(text, rdata.substr(6));
  if (text.size() != target_text.size()) return false;
  for (size_t i = 0; i < text.size(); ++i)
    if (std::tolower(uint8_t(text[i])) != uint8_t(target_text[i])) return false;
  return true;
}

}  // namespace

std::span<const PanelProfile> panel_profiles() { return kPanels; }

const PanelProfile* find_panel(std::string_view id) {
  for (const PanelProfile& p : kPanels)
    if (p.id == id) return &p;
  return nullptr;
}

const PanelProfile* detect_panel(const ZoneLookup& zones, const FactStore& facts, std::string_view domain) {
  WireName srv;
  const bool srv_fits = prefixed_name({"_autodiscover", "_tcp"}, domain, srv);
  for (const PanelProfile& p : kPanels) {
    for (std::string_view label : p.fingerprint_labels) {
      WireName n;
      if (prefixed_name({label}, domain, n) && (zones.has(n.view()) || live_has(facts, n.view()))) return &p;
    }
    for (std::string_view target : srv_fits ? p.fingerprint_srv_targets : std::span<const std::string_view>{}) {
      for (ZoneRecordRef ref : zones.at(srv.view(), rrtype::SRV))
        if (srv_target_is(zones.record(ref).rdata, target)) return &p;
      const Fact* f = facts.find(srv.view(), rrtype::SRV);
      if (f && f->state == FactState::answered)
        for (const ResourceRecord& r : f->records)
          if (srv_target_is(r.rdata, target)) return &p;
    }
  }
  return nullptr;
}

}  // namespace mxray
