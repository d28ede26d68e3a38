// DMARC policy records (RFC 9989 §4.7, §4.8), parsed from text alone, and
// the DNS Tree Walk of RFC 9989 §4.10 that finds the record applying to a
// domain. RFC 9989 obsoletes RFC 7489: it removes pct, rf and ri, adds np,
// psd and t, no longer requires p to follow v, and reads a record without p
// as p=none.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dns/name.h"
#include "policy/tag_list.h"

namespace mxray {

// X(identifier, stable name, severity, where the rule comes from)
#define MXRAY_DMARC_PROBLEMS(X)                                               \
  X(bad_version, "dmarc-bad-version", error, "RFC 9989 §4.7, §4.8")           \
  X(malformed_tag, "dmarc-malformed-tag", error, "RFC 9989 §4.8")             \
  X(duplicate_tag, "dmarc-duplicate-tag", error, "RFC 9989 §4.8")             \
  X(bad_p, "dmarc-bad-p", error, "RFC 9989 §4.7, §4.10.1")                    \
  X(invalid_value, "dmarc-invalid-value", error, "RFC 9989 §4.7, §4.8")       \
  X(bad_uri, "dmarc-bad-uri", error, "RFC 9989 §4.6, §4.8")                   \
  X(multiple_records, "dmarc-multiple-records", error, "RFC 9989 §4.10")      \
  X(missing_p, "dmarc-missing-p", warning, "RFC 9989 §4.7")                   \
  X(removed_tag, "dmarc-removed-tag", warning, "RFC 9989 §4.7, Appendix A.6") \
  X(uri_not_mailto, "dmarc-uri-not-mailto", warning, "RFC 9989 §4.7")         \
  X(unknown_tag, "dmarc-unknown-tag", info, "RFC 9989 §4.7, §4.8")            \
  X(p_none, "dmarc-p-none", info, "RFC 9989 §4.7")                            \
  X(test_mode, "dmarc-test-mode", info, "RFC 9989 §4.7")                      \
  X(no_rua, "dmarc-no-rua", info, "RFC 9989 §4.7")                            \
  X(fo_conflict, "dmarc-fo-conflict", info, "RFC 9989 §4.7, §4.8")            \
  X(uri_size, "dmarc-uri-size", info, "RFC 9989 §4.8")                        \
  X(inherited, "dmarc-inherited", info, "RFC 9989 §4.10.1")

enum class DmarcProblemCode : uint8_t {
#define MXRAY_X(id, name, sev, ref) id,
  MXRAY_DMARC_PROBLEMS(MXRAY_X)
#undef MXRAY_X
};
std::string_view dmarc_problem_name(DmarcProblemCode code);
RecordSeverity dmarc_problem_severity(DmarcProblemCode code);
std::string_view dmarc_problem_reference(DmarcProblemCode code);
// Every code's stable name, in declaration order, for catalogue checks.
std::span<const std::string_view> dmarc_problem_codes();

using DmarcProblem = RecordProblem<DmarcProblemCode>;

enum class DmarcPolicy : uint8_t { none, quarantine, reject };
std::string_view dmarc_policy_name(DmarcPolicy p);  // "none", "quarantine", "reject"
enum class DmarcAlignment : uint8_t { relaxed, strict };

// One DMARC URI of rua= or ruf= (§6.2): URI [ "!" 1*DIGIT [ "k" / "m" / "g" / "t" ] ]
struct DmarcUri {
  std::string uri;                   // as written, without the size limit
  std::string scheme;                // lowercased: "mailto"
  std::string address;               // mailto: the address (before any "?"); else empty
  std::string domain;                // mailto: the address's domain, where reports go (§7.1 checks it); else empty
  std::optional<uint64_t> max_size;  // bytes: "!10m" = 10 * 2^20
  uint32_t offset = 0;               // in the record text, size limit included
  uint32_t length = 0;
  bool valid = false;
};

// Failure reporting options (fo=, §6.3), a set.
namespace dmarc_fo {
inline constexpr uint8_t all_fail = 1u << 0,  // "0": all mechanisms fail (the default)
    any_fail = 1u << 1,                       // "1": any mechanism fails
    dkim = 1u << 2,                           // "d": DKIM failed
    spf = 1u << 3;                            // "s": SPF failed
}

struct DmarcRecord {
  bool is_dmarc = false;          // began with v=DMARC1 (§6.3); when false, nothing else was parsed
  std::vector<RecordTag> tags;    // every tag as written, in order, duplicates and unknown ones included
  std::optional<DmarcPolicy> p;   // absent when missing or invalid (see problems)
  std::optional<DmarcPolicy> sp;  // absent: subdomains follow p
  std::optional<DmarcPolicy> np;  // non-existent subdomains; absent: follow sp, then p
  DmarcAlignment adkim = DmarcAlignment::relaxed;
  DmarcAlignment aspf = DmarcAlignment::relaxed;
  std::vector<DmarcUri> rua, ruf;
  uint8_t fo = dmarc_fo::all_fail;
  std::optional<bool> t;    // t=y: the owner is testing; receivers apply one level less (§4.7)
  std::optional<char> psd;  // 'y', 'n' or 'u' (§4.7); absent reads as 'u'
  bool p_invalid = false;   // p= present but not a policy
  bool sp_invalid = false;  // sp= present but not a policy
  bool np_invalid = false;  // np= present but not a policy
  std::vector<DmarcProblem> problems;

  // True when a problem of error severity was found.
  bool has_errors() const;
  // The policy a receiver applies to the domain itself: p; none when p is
  // absent (§4.7); none when p, sp or np is invalid and rua holds a valid
  // URI, else nothing (§4.10.1); absent when DMARC does not apply.
  std::optional<DmarcPolicy> effective_policy() const;
  // True when the record ends a DNS Tree Walk: psd=y or psd=n (§4.10 steps 2, 6).
  bool stops_tree_walk() const { return is_dmarc && psd && *psd != 'u'; }
};

// `text` is the TXT record at _dmarc.<domain>, strings joined.
DmarcRecord parse_dmarc(std::string_view text);

// True when `text` starts with a "v" tag of value DMARC1 (§4.10 step 2:
// "Records that do not start with a "v" tag that identifies the current
// version of DMARC are discarded").
bool is_dmarc_record(std::string_view text);

// §4.10 step 2: "If multiple DMARC Policy Records are returned for a single
// target, they are all discarded."
struct DmarcSelection {
  std::optional<size_t> index;     // the DMARC record when there is exactly one
  std::vector<size_t> candidates;  // every TXT record that is a DMARC record
  // dmarc-multiple-records; detail: their count; offset and length 0.
  std::vector<DmarcProblem> problems;
};
DmarcSelection find_dmarc_record(std::span<const std::string> txt_records);
DmarcSelection find_dmarc_record(std::span<const std::string_view> txt_records);

// ---- The DNS Tree Walk (RFC 9989 §4.10, §4.10.1)

// The names, in wire form, whose "_dmarc" TXT a policy discovery for
// `domain` asks, in order: the domain itself, then (when it has more than
// eight labels) its last seven labels, then each parent down to one label.
// At most eight names (§4.10: "no more than eight DNS queries").
std::vector<WireName> dmarc_tree_walk(std::string_view domain);

// What one query of the walk gave.
struct DmarcLookup {
  bool known = false;                  // false: no usable answer (a timeout, SERVFAIL, never asked)
  std::vector<std::string_view> txts;  // the TXT records there, strings joined
};

// Policy discovery over the lookups made so far, `lookups[i]` answering
// `dmarc_tree_walk(domain)[i]`.
struct DmarcDiscovery {
  enum class State : uint8_t {
    incomplete,  // the next name of the walk must be asked
    unknown,     // a lookup the walk needed has no usable answer
    none,        // no DMARC Policy Record anywhere: DMARC does not apply
    found,       // `policy` is the record that applies
  };
  State state = State::incomplete;
  size_t asked = 0;   // the lookups the walk used (the next to ask when incomplete)
  size_t policy = 0;  // index of the name whose record applies (found)
  size_t record = 0;  // index of that record among the name's TXT records
  bool own = false;   // the record is the domain's own: its p applies; else sp or np
  bool psd = false;   // the record is a Public Suffix Domain's (psd=y)
};
DmarcDiscovery discover_dmarc(std::span<const DmarcLookup> lookups, size_t walk_length);

}  // namespace mxray
