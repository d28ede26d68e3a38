#include "policy/mail_names.h"

namespace mxray {
namespace {

constexpr std::array<std::string_view, 7> kRoleNames = {"mx-target", "mail-client", "client-config", "panel",
                                                        "service",   "srv-target",  "apex"};

// Names mail clients, phones and hosting panels connect to. cPanel makes
// `mail` a CNAME to the apex, which follows a proxied apex onto the proxy;
// an import with the proxy on puts the others there too
// (docs/sources.md#cpanel-zone-defaults, #cloudflare-proxyable-types).
// Ports by name role. Mail: RFC 5321 (SMTP 25), RFC 6409 (submission 587),
// RFC 8314 (submissions 465, IMAPS 993, POP3S 995), RFC 9051 (IMAP 143),
// RFC 1939 (POP3 110). cPanel's ports: docs/sources.md#cpanel-ports
// (webdisk 2077/2078 NOT VERIFIED from cPanel's docs).
constexpr std::array<ClientName, 14> kClientNames = {{
    {"mail",
     role::mail_client,
     {{{"SMTP submission", 587, "mail client"},
       {"SMTPS", 465, "mail client"},
       {"IMAPS", 993, "mail client"},
       {"IMAP", 143, "mail client"},
       {"POP3S", 995, "mail client"},
       {"POP3", 110, "mail client"}}},
     6},
    {"smtp", role::mail_client, {{{"SMTP submission", 587, "mail client"}, {"SMTPS", 465, "mail client"}}}, 2},
    {"imap", role::mail_client, {{{"IMAPS", 993, "mail client"}, {"IMAP", 143, "mail client"}}}, 2},
    {"pop", role::mail_client, {{{"POP3S", 995, "mail client"}, {"POP3", 110, "mail client"}}}, 2},
    {"pop3", role::mail_client, {{{"POP3S", 995, "mail client"}, {"POP3", 110, "mail client"}}}, 2},
    {"webmail", role::panel, {{{"webmail HTTPS", 2096, "hosting panel"}, {"HTTPS", 443, "hosting panel"}}}, 2},
    {"autodiscover", role::client_config, {{{"HTTPS", 443, "client configuration"}}}, 1},
    {"autoconfig", role::client_config, {{{"HTTPS", 443, "client configuration"}}}, 1},
    {"cpanel", role::panel, {{{"cPanel HTTPS", 2083, "hosting panel"}, {"HTTPS", 443, "hosting panel"}}}, 2},
    {"whm", role::panel, {{{"WHM HTTPS", 2087, "hosting panel"}}}, 1},
    {"webdisk", role::service, {{{"WebDisk HTTPS", 2078, "hosting panel"}}}, 1},
    {"ftp", role::service, {{{"FTP", 21, "file transfer"}}}, 1},
    {"cpcalendars", role::service, {{{"CalDAV HTTPS", 2080, "calendar client"}}}, 1},
    {"cpcontacts", role::service, {{{"CardDAV HTTPS", 2080, "contacts client"}}}, 1},
}};

// Mail service SRV names: RFC 6186 (submission, IMAP, POP3), RFC 8314
// (submissions, imaps, pop3s), RFC 6764 (CalDAV, CardDAV) and Microsoft's
// _autodiscover (used by cPanel).
constexpr std::array<MailSrvService, 11> kSrvServices = {{{"_submission", "SMTP submission"},
                                                          {"_submissions", "SMTPS"},
                                                          {"_imap", "IMAP"},
                                                          {"_imaps", "IMAPS"},
                                                          {"_pop3", "POP3"},
                                                          {"_pop3s", "POP3S"},
                                                          {"_autodiscover", "Autodiscover"},
                                                          {"_caldav", "CalDAV"},
                                                          {"_caldavs", "CalDAV HTTPS"},
                                                          {"_carddav", "CardDAV"},
                                                          {"_carddavs", "CardDAV HTTPS"}}};

// cPanel's "default", Google Workspace's "google", Microsoft 365's
// "selector1/2", and the common generic ones.
constexpr std::array<std::string_view, 10> kDkimSelectors = {"default", "google", "selector1", "selector2", "k1",
                                                             "k2",      "s1",     "s2",        "dkim",      "mail"};

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char c = a[i], d = b[i];
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    if (d >= 'A' && d <= 'Z') d = char(d - 'A' + 'a');
    if (c != d) return false;
  }
  return true;
}

}  // namespace

std::span<const std::string_view> role_names() { return kRoleNames; }
std::span<const ClientName> client_names() { return kClientNames; }
std::span<const MailSrvService> mail_srv_services() { return kSrvServices; }
std::span<const std::string_view> common_dkim_selectors() { return kDkimSelectors; }

const ClientName* find_client_name(std::string_view label) {
  for (const ClientName& c : kClientNames)
    if (iequals(c.label, label)) return &c;
  return nullptr;
}

}  // namespace mxray
