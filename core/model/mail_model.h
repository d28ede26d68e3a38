// The mail-relevant names of a domain and the paths they take, from the
// uploaded zones and from live DNS: what the rules read.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "model/paths.h"
#include "model/zone_lookup.h"
#include "session/session.h"

namespace mxray {

// Why a name matters for mail; a name may have several roles.
namespace role {
inline constexpr uint32_t mx_target = 1u << 0,  // an MX exchange of the domain
    mail_client = 1u << 1,                      // mail., smtp., imap., pop., pop3.: clients connect here
    client_config = 1u << 2,                    // autodiscover., autoconfig.
    panel = 1u << 3,                            // webmail., cpanel., whm. (HTTP(S) on panel ports)
    service = 1u << 4,                          // ftp., webdisk., cpcalendars., cpcontacts.
    srv_target = 1u << 5,                       // the target of a mail SRV record
    apex = 1u << 6;                             // the domain itself
}
std::span<const std::string_view> role_names();

// A port a name must carry for its role, with the service it serves.
struct ServiceNeed {
  std::string_view service;  // "SMTP", "IMAPS", "CalDAV" ...
  uint16_t port = 0;
  std::string_view via;  // what asks for it: "MX", "SRV _imaps._tcp", "mail client"
};

struct MailName {
  WireName name;
  uint32_t roles = 0;
  std::vector<ServiceNeed> needs;
  // Where the name came from: the zone's MX/SRV records or live answers.
  std::vector<HopSource> named_by;
  ResolutionPath zone;  // route unknown with reason "no-zone" when no zone was given
  ResolutionPath live;  // route unknown with reason "offline" for an offline check
};

class MailModel {
 public:
  explicit MailModel(const Session& session);

  const Session& session() const { return session_; }
  const ZoneLookup& zones() const { return lookup_; }
  bool has_zone() const { return lookup_.zone_count() > 0; }
  bool live() const { return session_.round() > 0; }
  std::string_view domain() const { return session_.domain().view(); }
  const std::vector<MailName>& names() const { return names_; }
  const MailName* find(std::string_view name) const;

 private:
  MailName& add(std::string_view name, uint32_t roles);
  const Session& session_;
  ZoneLookup lookup_;
  std::vector<MailName> names_;
};

}  // namespace mxray
