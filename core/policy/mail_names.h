// The names a domain's mail is reached by, written once for the Session
// (which asks about them) and the model (which says what each must carry):
// the names mail clients, phones and hosting panels connect to, the mail SRV
// services, and the DKIM selectors worth trying.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

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
// Names for the bits above, lowest first ("mx-target", "mail-client", ...).
std::span<const std::string_view> role_names();

// A port a name must carry for its role, with the service it serves.
struct ServiceNeed {
  std::string_view service;  // "SMTP", "IMAPS", "CalDAV" ...
  uint16_t port = 0;
  std::string_view via;  // what asks for it: "MX", "_imaps" (an SRV service), "mail client"
};

// A name under the domain that clients or panels connect to ("mail",
// "cpanel" ...), with its role and the ports it needs.
struct ClientName {
  std::string_view label;
  uint32_t role = 0;
  std::array<ServiceNeed, 6> need_slots{};
  size_t need_count = 0;
  std::span<const ServiceNeed> needs() const { return {need_slots.data(), need_count}; }
};
// Every such name, in the order the Session asks about them.
std::span<const ClientName> client_names();
// The entry for `label` (ASCII case-insensitive), or nullptr.
const ClientName* find_client_name(std::string_view label);

// A mail SRV service: the owner is "<label>._tcp.<domain>".
struct MailSrvService {
  std::string_view label;    // "_submission"
  std::string_view service;  // what its targets carry: "SMTP submission"
};
std::span<const MailSrvService> mail_srv_services();

// DKIM selectors worth trying when the zone does not name one.
std::span<const std::string_view> common_dkim_selectors();

}  // namespace mxray
