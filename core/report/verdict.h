// The one-word answer of a check: broken, at risk, fine, or could not tell.
// "Fine" is said only when every input was read whole and every question the
// rules needed got a usable answer; anything the check could not look at is
// listed with its reason and with what rests on it, never read as "fine".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/analysis.h"

namespace mxray {

enum class VerdictState : uint8_t {
  broken,          // a critical finding: mail fails now
  at_risk,         // a warning, nothing critical
  fine,            // no critical or warning finding, and nothing left unknown
  could_not_tell,  // no critical or warning finding, but something was not looked at
};
std::string_view verdict_state_name(VerdictState s);  // "broken", "at-risk", "fine", "could-not-tell"

// Why a check could not tell everything (several may hold).
enum class Blind : uint8_t {
  unknown_facts,     // questions without a usable answer (Verdict::unknown_facts)
  budget,            // a limit stopped questions or records (the report's stats.budget_hits)
  rejected_records,  // records of an uploaded zone could not be read (the report's diagnostics)
  no_records,        // an uploaded zone holds no record at or under its apex
  other_domain,      // an uploaded zone is of another domain than the one checked, so it was not used
  proxy_unknown,     // a Cloudflare export without proxy states (no cf_tags): whether a mail name is proxied is unknown
  several_proxy_zones,  // two uploads of one domain both carry proxy states: which one is served is not known
  domain_not_found,     // live DNS answered NXDOMAIN for the domain itself: there is no mail set-up to look at
  no_mail_records,      // neither a zone nor live DNS holds an MX, an address or a CNAME at the domain:
                        // no mail set-up to look at (a domain that takes no mail says so with a null MX)
};
// "unknown-facts", "budget", "rejected-records", "no-records", "zone-other-domain", ...,
// "domain-not-found", "no-mail-records"
std::string_view blind_name(Blind b);

struct Verdict {
  VerdictState state = VerdictState::could_not_tell;
  std::vector<Blind> blind;             // empty only when nothing was left unknown
  std::vector<uint32_t> unknown_facts;  // Fact ids, in the order asked
  // Origin (non-proxy) addresses of the mail names and the domain that a
  // live check found and whose reverse DNS (PTR) it did not ask: it asks
  // only when the person chose so (SessionOptions::ask_ptr), since the
  // question tells the public resolver the server's address. Not a blind
  // spot: the verdict stays what the rest says, and the report names them
  // so that "fine" never hides that ptr-mismatch did not run.
  std::vector<std::string> ptr_not_asked;
};

Verdict verdict_of(const Analysis& analysis);

// {state, blind: [...], unknown: [{name, type, reason: {code, detail}, rests_on: [purposes]}],
//  not_asked: [{what: "ptr", address}]}
nlohmann::json verdict_json(const Analysis& analysis, const Verdict& verdict);

}  // namespace mxray
