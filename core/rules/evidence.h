// Building blocks every rule family uses to write findings: names as
// people read them, where a fact came from, a path as a chain of evidence,
// and the records that give a name the origin's addresses.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/mail_model.h"
#include "rules/finding.h"

namespace mxray::rules {

// Absolute, lower-case, trailing dot: "mail.club.test.".
std::string lower_name(std::string_view wire);
// The presentation form of an address (A or AAAA RDATA).
std::string address_text(uint16_t type, std::string_view rdata);
// Adds source=zone with file and line, or source=live, to `step`.
void add_source(const MailModel& model, EvidenceStep& step, const HopSource& src);
// True when `src` is a record owned by the domain itself, or a live
// answer (the session asks the MX of the domain alone).
bool of_domain(const MailModel& model, const HopSource& src);
// The type of the record `src` stands for: the zone record's, or the type
// asked for the live answer (0 when unknown). A mail name's `named_by` holds
// MX and SRV records alike: a target both name is cited for each by its own.
uint16_t source_type(const MailModel& model, const HopSource& src);
// An MX record naming `target` as evidence: "mx" for the domain's own MX,
// "mx-of" (with the owner as `from`) for the MX of another name in the zone.
EvidenceStep mx_step(const MailModel& model, std::string_view target, const HopSource& src);
// The path as evidence: each CNAME link and each address, with who proxies.
void path_evidence(const MailModel& model, const ResolutionPath& path, Finding& f);
// Records giving `owner` the origin addresses that the proxied records of
// `path` hold in the export (a proxied record's address is the origin's);
// a {placeholder} when the export does not say.
std::vector<ZoneEdit> origin_address_edits(const WireName& owner, const ResolutionPath& path);

}  // namespace mxray::rules
