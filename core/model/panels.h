// Hosting-panel profiles as data: the names a panel's zone template
// creates, the name it configures mail clients with, its ports, and how to
// recognise its zones. A panel is detected from the zone or stated by the
// user; the rules read the profile, never a panel's name.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace mxray {

class ZoneLookup;
class FactStore;

struct PanelPort {
  uint16_t port;
  std::string_view service;  // "cPanel HTTPS", "webmail HTTPS" ...
};

// An SRV record the panel's template writes: owner label pair and port.
struct PanelSrv {
  std::string_view owner;  // below the domain: "_autodiscover._tcp"
  uint16_t port;
  std::string_view target;  // absolute; empty: the server's own host name
};

struct PanelProfile {
  std::string_view id;    // public: "cpanel", "plesk", "directadmin"
  std::string_view name;  // for people: "cPanel"
  std::string_view source;
  // First labels under the domain that only this panel's template creates:
  // one of them in a zone (or live) marks the zone as the panel's.
  std::span<const std::string_view> fingerprint_labels;
  // SRV targets only this panel uses (absolute, lower-case, trailing dot).
  std::span<const std::string_view> fingerprint_srv_targets;
  // The first label of the host the panel configures mail clients with
  // (empty when not documented).
  std::string_view mail_host;
  // What the template writes that the proxy turns against mail: the mail
  // host as a CNAME to the apex, and the MX at the apex itself.
  bool mail_cname_apex = false;
  bool mx_at_apex = false;
  std::span<const PanelPort> ports;
  std::span<const PanelSrv> srv;
  // The mechanisms of the SPF record the template writes (empty: not
  // documented). cPanel's is NOT VERIFIED from its docs (docs/sources.md#cpanel-spf-default).
  std::string_view spf_default;
};

std::span<const PanelProfile> panel_profiles();
const PanelProfile* find_panel(std::string_view id);

// The panel whose fingerprints the uploaded zones or the live answers for
// `domain` (wire form) show; nullptr when none does.
const PanelProfile* detect_panel(const ZoneLookup& zones, const FactStore& facts, std::string_view domain);

}  // namespace mxray
