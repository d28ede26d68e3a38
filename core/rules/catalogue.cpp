#include "rules/catalogue.h"

#include <algorithm>
#include <array>

#include "dns/types.h"
#include "rules/rules_internal.h"

namespace mxray {
namespace {

using namespace std::string_view_literals;

constexpr std::array kProxiedEvidence = {
    "mx"sv, "srv"sv, "cname"sv, "address"sv, "proxied-by"sv, "port-not-proxied"sv, "zone-differs"sv};
constexpr std::array kMissingEvidence = {"mx"sv, "cname"sv, "address"sv, "no-address"sv};
constexpr std::array kCnameEvidence = {"mx"sv, "cname"sv, "address"sv};
constexpr std::array kCompanionEvidence = {"mx"sv, "companion-record"sv};
constexpr std::array kMailMissingEvidence = {"panel"sv, "no-address"sv};
constexpr std::array kAddressEvidence = {"address"sv};

// Sources: shared/facts/cloudflare-and-cpanel.md, which quotes each document.
constexpr std::array kRules = {
    RuleInfo{"mx-target-proxied", FindingSeverity::critical, "Cloudflare: Troubleshooting email issues; RFC 5321 §5.1",
             kProxiedEvidence},
    RuleInfo{"mail-host-proxied", FindingSeverity::critical,
             "Cloudflare: Proxy status, CNAME chains and Email; Network ports", kProxiedEvidence},
    RuleInfo{"srv-target-proxied", FindingSeverity::critical, "RFC 6186; RFC 6764; Cloudflare: Network ports",
             kProxiedEvidence},
    RuleInfo{"service-host-proxied", FindingSeverity::warning, "Cloudflare: Network ports; Proxy status limitations",
             kProxiedEvidence},
    RuleInfo{"mx-companion-record", FindingSeverity::warning, "Cloudflare: Troubleshooting email issues (dc-#####)",
             kCompanionEvidence},
    RuleInfo{"mx-target-missing", FindingSeverity::critical, "RFC 5321 §5.1", kMissingEvidence},
    RuleInfo{"mx-target-cname", FindingSeverity::warning, "RFC 2181 §10.3; RFC 5321 §5.1", kCnameEvidence},
    RuleInfo{"mail-host-missing", FindingSeverity::critical, "cPanel: mail.<domain> in the standard zone template",
             kMailMissingEvidence},
    RuleInfo{"proxy-mixed-records", FindingSeverity::warning, "Cloudflare: Proxy status (multiple A/AAAA records)",
             kAddressEvidence},
    RuleInfo{"origin-exposed", FindingSeverity::info, "Cloudflare: Exposed IP address; Email record origin IP",
             kAddressEvidence},
    // ---- Zone against live DNS, and migrations (reconcile_rules.cpp)
    // ---- Mail authentication: SPF, DMARC, DKIM, MTA-STS, TLS-RPT, TLSA, PTR (auth_rules.cpp)
};

}  // namespace

std::string_view severity_name(FindingSeverity s) {
  switch (s) {
    case FindingSeverity::critical: return "critical";
    case FindingSeverity::warning: return "warning";
    case FindingSeverity::info: return "info";
  }
  return "info";
}

std::string_view edit_op_name(ZoneEdit::Op op) {
  switch (op) {
    case ZoneEdit::Op::set_dns_only: return "set-dns-only";
    case ZoneEdit::Op::replace: return "replace";
    case ZoneEdit::Op::add: return "add";
    case ZoneEdit::Op::remove: return "remove";
  }
  return "add";
}

std::span<const RuleInfo> rule_catalogue() { return kRules; }

const RuleInfo* find_rule(std::string_view id) {
  for (const RuleInfo& r : kRules)
    if (r.id == id) return &r;
  return nullptr;
}

std::vector<std::string_view> evidence_codes() {
  std::vector<std::string_view> out;
  for (const RuleInfo& r : kRules)
    for (std::string_view e : r.evidence)
      if (std::find(out.begin(), out.end(), e) == out.end()) out.push_back(e);
  return out;
}

namespace rules {
bool cpanel_detected(const MailModel& model) {
  for (const MailName& m : model.names()) {
    std::string_view v = m.name.view();
    std::string_view first = v.empty() ? v : v.substr(1, uint8_t(v[0]));
    if ((m.roles & (role::panel | role::service)) &&
        (first == "cpanel" || first == "whm" || first == "webdisk" || first == "cpcalendars" || first == "cpcontacts"))
      return true;
    if ((m.roles & role::srv_target) && first == "cpanelemaildiscovery") return true;
  }
  return false;
}
}  // namespace rules

std::vector<Finding> run_rules(const MailModel& model) {
  std::vector<Finding> out;
  if (model.session().error() != SessionError::none) return out;
  rules::proxied_names(model, out);
  rules::mx_targets(model, out);
  rules::companion_records(model, out);
  rules::mail_host_missing(model, out);
  rules::mixed_records(model, out);
  rules::origin_exposed(model, out);
  // ---- reconcile_rules.cpp
  // ---- auth_rules.cpp
  std::stable_sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) {
    if (a.severity != b.severity) return a.severity < b.severity;
    if (a.rule != b.rule) return a.rule < b.rule;
    return a.names < b.names;
  });
  return out;
}

}  // namespace mxray
