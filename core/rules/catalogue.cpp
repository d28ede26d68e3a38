#include "rules/catalogue.h"

#include <algorithm>
#include <array>
#include <ostream>

#include "dns/types.h"
#include "fix/fix.h"
#include "rules/rules_internal.h"

namespace mxray {
namespace {

using namespace std::string_view_literals;

constexpr std::array kProxiedEvidence = {"mx"sv,
                                         "mx-of"sv,
                                         "srv"sv,
                                         "cname"sv,
                                         "address"sv,
                                         "proxied-by"sv,
                                         "port-not-proxied"sv,
                                         "zone-differs"sv,
                                         "no-mail-served"sv,
                                         "unproxy-exposes"sv,
                                         "no-edit"sv};
constexpr std::array kMissingEvidence = {
    "mx"sv, "mx-of"sv, "cname"sv, "address"sv, "no-address"sv, "wildcard-blocked"sv, "no-edit"sv};
constexpr std::array kCnameEvidence = {"mx"sv, "mx-of"sv, "cname"sv, "address"sv, "no-edit"sv};
constexpr std::array kCompanionEvidence = {"mx"sv, "mx-of"sv, "companion-record"sv, "no-edit"sv};
constexpr std::array kMailMissingEvidence = {"panel"sv, "no-address"sv, "wildcard-blocked"sv, "no-edit"sv};
constexpr std::array kAuthNameEvidence = {"auth-name"sv,  "cname"sv,           "address"sv, "non-proxiable-target"sv,
                                          "proxied-by"sv, "unproxy-exposes"sv, "no-edit"sv};
constexpr std::array kAddressEvidence = {"address"sv, "no-edit"sv};
constexpr std::array kNullMxEvidence = {"mx"sv, "null-mx"sv, "no-edit"sv};
constexpr std::array kSpfProxyEvidence = {
    "spf-term"sv, "cname"sv, "address"sv, "proxied-by"sv, "origin-not-authorised"sv, "no-edit"sv};
constexpr std::array kLostEvidence = {"record-lost"sv, "no-edit"sv};
constexpr std::array kNsEvidence = {"zone-ns"sv, "live-ns"sv, "no-edit"sv};
constexpr std::array kDmarcWrongNameEvidence = {"txt-record"sv, "no-edit"sv};
constexpr std::array kRouteEvidence = {"cname"sv, "address"sv, "zone-route"sv, "live-route"sv, "no-edit"sv};

// Sources: docs/sources.md, which gives each document's URL and the date it was read.
constexpr std::array kRules = {
    RuleInfo{Rule::mx_target_proxied, "mx-target-proxied", FindingSeverity::critical,
             "Cloudflare: Troubleshooting email issues; RFC 5321 §5.1", kProxiedEvidence},
    // Lesser when nothing shows mail is served at the name (no MX or mail
    // SRV record, SPF term, autodiscover/autoconfig alias or hosting panel
    // with the domain's own MX points there): it may serve no mail at all.
    RuleInfo{Rule::mail_host_proxied, "mail-host-proxied", FindingSeverity::critical,
             "Cloudflare: Proxy status, CNAME chains and Email; Network ports", kProxiedEvidence,
             FindingSeverity::warning},
    // Lesser when no mail service (SMTP, IMAP, POP) is among the ports the
    // proxy drops: calendars and discovery degrade, mail does not break.
    RuleInfo{Rule::srv_target_proxied, "srv-target-proxied", FindingSeverity::critical,
             "RFC 6186; RFC 6764; Cloudflare: Network ports", kProxiedEvidence, FindingSeverity::warning},
    RuleInfo{Rule::service_host_proxied, "service-host-proxied", FindingSeverity::warning,
             "Cloudflare: Network ports; Proxy status limitations", kProxiedEvidence},
    RuleInfo{Rule::mx_companion_record, "mx-companion-record", FindingSeverity::warning,
             "Cloudflare: Troubleshooting email issues (dc-#####)", kCompanionEvidence},
    RuleInfo{Rule::mx_target_missing, "mx-target-missing", FindingSeverity::critical, "RFC 5321 §5.1",
             kMissingEvidence},
    RuleInfo{Rule::mx_target_cname, "mx-target-cname", FindingSeverity::warning, "RFC 2181 §10.3; RFC 5321 §5.1",
             kCnameEvidence},
    RuleInfo{Rule::mail_host_missing, "mail-host-missing", FindingSeverity::critical,
             "cPanel: mail.<domain> in the standard zone template", kMailMissingEvidence},
    RuleInfo{Rule::proxy_mixed_records, "proxy-mixed-records", FindingSeverity::warning,
             "Cloudflare: Proxy status (multiple A/AAAA records)", kAddressEvidence},
    RuleInfo{Rule::origin_exposed, "origin-exposed", FindingSeverity::info,
             "Cloudflare: Exposed IP address; Email record origin IP", kAddressEvidence},
    // ---- Zone against live DNS, and migrations (reconcile_rules.cpp)
    RuleInfo{Rule::null_mx_conflict, "null-mx-conflict", FindingSeverity::warning, "RFC 7505 §3", kNullMxEvidence},
    RuleInfo{Rule::spf_proxy_address, "spf-proxy-address", FindingSeverity::critical,
             "RFC 7208 §5.3, §5.4; Cloudflare: Proxy status", kSpfProxyEvidence},
    // Lesser when the record lost is not one mail needs to arrive (an MX,
    // or the address of an MX target or of mail./smtp./imap./pop.): SRV,
    // TLSA, SPF, DMARC, DKIM, MTA-STS, TLS-RPT, autodiscover and webmail.
    RuleInfo{Rule::migration_record_lost, "migration-record-lost", FindingSeverity::critical,
             "Cloudflare: Import and export records; cPanel standard zone template", kLostEvidence,
             FindingSeverity::warning},
    RuleInfo{Rule::ns_not_delegated, "ns-not-delegated", FindingSeverity::warning,
             "RFC 1034 §4.2.2; Cloudflare: Change your nameservers", kNsEvidence},
    RuleInfo{Rule::proxy_state_differs, "proxy-state-differs", FindingSeverity::warning,
             "Cloudflare: Proxy status; Zone setups (pending zones serve DNS-only)", kRouteEvidence},
    // ---- Mail authentication: SPF, DMARC, DKIM, MTA-STS, TLS-RPT, TLSA, PTR (auth_rules.cpp)
    RuleInfo{Rule::spf_missing, "spf-missing", FindingSeverity::info, "RFC 7208 §2.6.1, §4.5",
             rules::kAuthMissingEvidence},
    RuleInfo{Rule::spf_invalid, "spf-invalid", FindingSeverity::warning, "RFC 7208 §4.5, §4.6.4, §5.2, §6.1, §12",
             rules::kSpfInvalidEvidence},
    RuleInfo{Rule::spf_pass_all, "spf-pass-all", FindingSeverity::warning, "RFC 7208 §5.1", rules::kRecordEvidence},
    RuleInfo{Rule::spf_advice, "spf-advice", FindingSeverity::info, "RFC 7208 §3.4, §4.7, §5.1, §5.5, §6",
             rules::kRecordEvidence},
    RuleInfo{Rule::dmarc_missing, "dmarc-missing", FindingSeverity::info, "RFC 9989 §4.5, §4.10.1",
             rules::kAuthMissingEvidence},
    RuleInfo{Rule::dmarc_invalid, "dmarc-invalid", FindingSeverity::warning, "RFC 9989 §4.7, §4.8, §4.10",
             rules::kRecordEvidence},
    RuleInfo{Rule::dmarc_advice, "dmarc-advice", FindingSeverity::info, "RFC 9989 §4.7, §4.10.1, §7.2",
             rules::kRecordEvidence},
    // Lesser when a DMARC record already stands at _dmarc.<name>: the stray one only misleads.
    RuleInfo{Rule::dmarc_wrong_name, "dmarc-wrong-name", FindingSeverity::warning, "RFC 9989 §4.5, §4.10.1",
             kDmarcWrongNameEvidence, FindingSeverity::info},
    RuleInfo{Rule::dkim_invalid, "dkim-invalid", FindingSeverity::warning,
             "RFC 6376 §3.6.1, §3.6.2.2; RFC 8301 §3; RFC 8463 §4.2", rules::kRecordEvidence},
    RuleInfo{Rule::dkim_advice, "dkim-advice", FindingSeverity::info, "RFC 6376 §3.6.1; RFC 8301 §3.2",
             rules::kRecordEvidence},
    RuleInfo{Rule::mta_sts_invalid, "mta-sts-invalid", FindingSeverity::warning, "RFC 8461 §3.1, §3.3",
             rules::kMtaStsEvidence},
    RuleInfo{Rule::tlsrpt_invalid, "tlsrpt-invalid", FindingSeverity::warning, "RFC 8460 §3", rules::kRecordEvidence},
    RuleInfo{Rule::tlsa_proxied, "tlsa-proxied", FindingSeverity::warning,
             "RFC 7672 §3.1; RFC 6698 §2; Cloudflare: Network ports", rules::kTlsaEvidence},
    RuleInfo{Rule::ptr_mismatch, "ptr-mismatch", FindingSeverity::warning, "RFC 8601 §3 (iprev); RFC 1912 §2.1",
             rules::kPtrEvidence},
    // ---- Proxied names mail authentication reads (auth_name_rules.cpp).
    // Lesser for verification names and autodiscover/autoconfig: what
    // receivers check (DKIM keys, DMARC, MTA-STS, TLS-RPT) is not at stake.
    RuleInfo{Rule::auth_name_proxied, "auth-name-proxied", FindingSeverity::warning,
             "RFC 6376 §3.6.2.1; RFC 9989 §4.5; Cloudflare: Proxying limitations (non-proxiable targets)",
             kAuthNameEvidence, FindingSeverity::info},
};

// The table is indexed by Rule: each entry at its enum's place, every rule once.
constexpr bool in_enum_order() {
  for (size_t i = 0; i < kRules.size(); ++i)
    if (size_t(kRules[i].rule) != i) return false;
  return true;
}
static_assert(in_enum_order(), "kRules lists the rules in the order of enum Rule");
static_assert(size_t(Rule::auth_name_proxied) + 1 == kRules.size(), "every Rule has a catalogue entry");

}  // namespace

std::string_view rule_id(Rule r) { return kRules[size_t(r)].id; }

std::ostream& operator<<(std::ostream& os, RuleId r) { return os << r.id(); }

const RuleInfo& rule_info(Rule r) { return kRules[size_t(r)]; }

Finding make_finding(Rule r, std::vector<std::string> names, Harm harm) {
  const RuleInfo& info = rule_info(r);
  return Finding{r, harm == Harm::lesser && info.lesser ? *info.lesser : info.severity, std::move(names), {}, {}};
}

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

std::string_view no_edit_reason_name(NoEditReason why) {
  switch (why) {
#define MXRAY_X(id, name) \
  case NoEditReason::id: return name;
    MXRAY_NO_EDIT_REASONS(MXRAY_X)
#undef MXRAY_X
  }
  return "record-content";
}

void say_no_edit(Finding& f, NoEditReason why) {
  f.evidence.push_back({"no-edit", {{"reason", std::string(no_edit_reason_name(why))}}});
}

std::span<const RuleInfo> rule_catalogue() { return kRules; }

namespace {

// Why a finding of rule `r` carries no edit, when the rule does not say.
NoEditReason no_edit_reason_of(Rule r) {
  switch (r) {
    case Rule::spf_invalid:
    case Rule::spf_pass_all:
    case Rule::dmarc_invalid:
    case Rule::dkim_invalid:
    case Rule::mta_sts_invalid:
    case Rule::tlsrpt_invalid: return NoEditReason::record_content;
    case Rule::tlsa_proxied:
    case Rule::spf_proxy_address: return NoEditReason::follows_from_proxy;
    case Rule::ptr_mismatch: return NoEditReason::reverse_dns;
    case Rule::ns_not_delegated: return NoEditReason::registrar;
    case Rule::proxy_state_differs:
    case Rule::migration_record_lost: return NoEditReason::zone_not_served;
    case Rule::proxy_mixed_records: return NoEditReason::mixed_unknown;
    default: return NoEditReason::outside_zone;
  }
}

}  // namespace

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

namespace {

// Critical first, then by rule, then by name.
std::vector<Finding> sorted_findings(std::vector<Finding> out) {
  std::stable_sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) {
    if (a.severity != b.severity) return a.severity < b.severity;
    if (a.rule != b.rule) return a.rule.id() < b.rule.id();
    return a.names < b.names;
  });
  return out;
}

}  // namespace

std::vector<Finding> run_rules(const MailModel& model) {
  std::vector<Finding> out;
  if (model.facts().error() != SessionError::none) return out;
  rules::proxied_names(model, out);
  rules::mx_targets(model, out);
  rules::companion_records(model, out);
  rules::mail_host_missing(model, out);
  rules::mixed_records(model, out);
  rules::origin_exposed(model, out);
  // ---- reconcile_rules.cpp
  rules::null_mx_conflicts(model, out);
  rules::spf_proxy_addresses(model, out);
  rules::ns_not_delegated(model, &out);
  rules::migration_records_lost(model, out);
  rules::proxy_state_differences(model, out);
  // ---- auth_rules.cpp
  rules::mail_authentication(model, out);
  rules::auth_names_proxied(model, out);
  // What only a report reads (a summary-only run, the batch's, skips it):
  // what taking the proxy off exposes, and why a finding has no edit.
  if (!model.explains()) return sorted_findings(std::move(out));
  rules::say_what_unproxy_exposes(model, out);
  // A finding that asks for a change and carries no edit says why: the
  // rules that can write one say it themselves; for the others the reason
  // is the rule's own.
  for (Finding& f : out) {
    if (f.severity == FindingSeverity::info || !f.edits.empty()) continue;
    if (std::any_of(f.evidence.begin(), f.evidence.end(), [](const EvidenceStep& e) { return e.code == "no-edit"; }))
      continue;
    say_no_edit(f, no_edit_reason_of(f.rule.rule()));
  }
  // A record added goes into the zone in use that holds its name.
  for (Finding& f : out)
    for (ZoneEdit& e : f.edits)
      if (e.op == ZoneEdit::Op::add && !e.has_record)
        if (int z = model.zones().zone_for(e.owner.view()); z >= 0) e.zone = uint32_t(z);
  // An edit of a record written twice names the first of the twins, so the
  // merge sees one record (the writers carry the edit to every twin).
  const ZoneLookup& zones = model.zones();
  for (uint32_t zi = 0; zi < zones.zone_count(); ++zi) {
    if (!zones.present(zi)) continue;
    const Zone& z = zones.zone(zi);
    std::vector<size_t> edited;
    for (const Finding& f : out)
      for (const ZoneEdit& e : f.edits)
        if (e.has_record && e.zone == zi && e.record < z.size()) edited.push_back(e.record);
    if (edited.empty()) continue;
    const RecordTwins twins(z, &edited);
    for (Finding& f : out)
      for (ZoneEdit& e : f.edits)
        if (e.has_record && e.zone == zi && e.record < z.size())
          if (const size_t first = twins.first(e.record); first != e.record) {
            const RecordView r = z.record(first);
            e.at_record(zi, uint32_t(first), r.span.file, r.span.first_line);
          }
  }
  return sorted_findings(std::move(out));
}

}  // namespace mxray
