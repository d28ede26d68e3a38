// Rule functions, one family a file; run_rules() (catalogue.cpp) calls them all.
#pragma once

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

// reconcile_rules.cpp

// auth_rules.cpp

// catalogue.cpp
// cPanel's fingerprints: its service names or its autodiscover SRV target
// (shared/facts/cloudflare-and-cpanel.md §5.1).
bool cpanel_detected(const MailModel& model);

}  // namespace mxray::rules
