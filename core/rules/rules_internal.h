// Rule functions, one family a file; run_rules() (catalogue.cpp) calls them all.
#pragma once

#include <array>
#include <span>
#include <string_view>
#include <vector>

#include "model/mail_model.h"
#include "rules/finding.h"

namespace mxray::rules {

// proxy_rules.cpp
void proxied_names(const MailModel& model, std::vector<Finding>& out);
void mx_targets(const MailModel& model, std::vector<Finding>& out);
void companion_records(const MailModel& model, std::vector<Finding>& out);
void mail_host_missing(const MailModel& model, std::vector<Finding>& out);
void mixed_records(const MailModel& model, std::vector<Finding>& out);
void origin_exposed(const MailModel& model, std::vector<Finding>& out);
std::vector<ZoneEdit> unproxy_edits(const MailName& m);

// auth_name_rules.cpp
void auth_names_proxied(const MailModel& model, std::vector<Finding>& out);
// Adds to each finding whose edit turns the proxy off on a name that serves
// the web the names that lose the proxy, and whose origin address shows.
void say_what_unproxy_exposes(const MailModel& model, std::vector<Finding>& out);

// reconcile_rules.cpp
void null_mx_conflicts(const MailModel& model, std::vector<Finding>& out);
void spf_proxy_addresses(const MailModel& model, std::vector<Finding>& out);
// True when the zone's apex NS share no name with the live NS answer: the
// zone is not the one resolvers use. Adds the finding when `out` is given.
bool ns_not_delegated(const MailModel& model, std::vector<Finding>* out);
void migration_records_lost(const MailModel& model, std::vector<Finding>& out);
void proxy_state_differences(const MailModel& model, std::vector<Finding>& out);

// auth_rules.cpp
// SPF, DMARC, DKIM, MTA-STS, TLS-RPT (zone and live), TLSA behind a proxy,
// forward-confirmed reverse DNS of the MX targets (live).
void mail_authentication(const MailModel& model, std::vector<Finding>& out);
// Stable names (and RFC sections) of the MTA-STS, TLS-RPT and DKIM-RRset
// problems auth_rules.cpp reports itself; the parsers' own are in
// spf.h, dmarc.h, dkim.h.
std::span<const std::string_view> policy_problem_codes();
std::span<const std::string_view> policy_problem_references();
// The evidence codes of each rule, for the catalogue.
inline constexpr std::array<std::string_view, 5> kAuthMissingEvidence = {"mx", "mx-of", "no-record", "no-edit",
                                                                         "spf-type-record"};
inline constexpr std::array<std::string_view, 7> kSpfInvalidEvidence = {
    "txt-record", "record-problem", "spf-lookups", "spf-void-lookups", "spf-loop", "spf-target-no-record", "no-edit"};
inline constexpr std::array<std::string_view, 3> kRecordEvidence = {"txt-record", "record-problem", "no-edit"};
inline constexpr std::array<std::string_view, 4> kMtaStsEvidence = {"txt-record", "record-problem", "no-address",
                                                                    "no-edit"};
inline constexpr std::array<std::string_view, 5> kTlsaEvidence = {"tlsa-record", "cname", "address", "proxied-by",
                                                                  "no-edit"};
inline constexpr std::array<std::string_view, 5> kPtrEvidence = {"address", "ptr-missing", "ptr-record",
                                                                 "ptr-forward-mismatch", "no-edit"};

}  // namespace mxray::rules
