// DMARC policy records (RFC 7489 §6.3, §6.4), parsed from text alone. Where
// DMARCbis (draft-ietf-dmarc-dmarcbis, the revision on its way to replace
// RFC 7489) differs, the comments say so: it drops pct, rf and ri, adds np,
// psd and t, and no longer requires p to follow v.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "policy/tag_list.h"

namespace mxray {

// X(identifier, stable name, severity, where the rule comes from)
#define MXRAY_DMARC_PROBLEMS(X)                                           \
  X(bad_version, "dmarc-bad-version", error, "RFC 7489 §6.3")             \
  X(malformed_tag, "dmarc-malformed-tag", error, "RFC 7489 §6.4")         \
  X(duplicate_tag, "dmarc-duplicate-tag", error, "RFC 7489 §6.4")         \
  X(missing_p, "dmarc-missing-p", error, "RFC 7489 §6.3, §6.6.3")         \
  X(bad_p, "dmarc-bad-p", error, "RFC 7489 §6.3, §6.6.3")                 \
  X(invalid_value, "dmarc-invalid-value", error, "RFC 7489 §6.3, §6.4")   \
  X(bad_uri, "dmarc-bad-uri", error, "RFC 7489 §6.2, §6.4")               \
  X(multiple_records, "dmarc-multiple-records", error, "RFC 7489 §6.6.3") \
  X(unknown_tag, "dmarc-unknown-tag", warning, "RFC 7489 §6.3")           \
  X(uri_not_mailto, "dmarc-uri-not-mailto", warning, "RFC 7489 §6.2")     \
  X(p_not_second, "dmarc-p-not-second", info, "RFC 7489 §6.3, §6.4")      \
  X(p_none, "dmarc-p-none", info, "RFC 7489 §6.3")                        \
  X(pct_partial, "dmarc-pct-partial", info, "RFC 7489 §6.3")              \
  X(no_rua, "dmarc-no-rua", info, "RFC 7489 §6.3, §7.2")                  \
  X(bis_tag, "dmarc-bis-tag", info, "draft-ietf-dmarc-dmarcbis")

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
  std::optional<DmarcPolicy> np;  // DMARCbis: non-existent subdomains; absent: follow sp, then p
  DmarcAlignment adkim = DmarcAlignment::relaxed;
  DmarcAlignment aspf = DmarcAlignment::relaxed;
  uint32_t pct = 100;  // DMARCbis: removed (t= replaces it)
  std::vector<DmarcUri> rua, ruf;
  uint8_t fo = dmarc_fo::all_fail;
  std::vector<std::string> rf{"afrf"};  // DMARCbis: removed
  uint32_t ri = 86400;                  // DMARCbis: removed
  std::optional<bool> t;                // DMARCbis: t=y asks receivers not to apply the policy yet
  std::optional<char> psd;              // DMARCbis: 'y', 'n' or 'u'
  bool sp_invalid = false;              // sp= present but not a policy: §6.6.3 step 6 applies
  std::vector<DmarcProblem> problems;

  // True when a problem of error severity was found.
  bool has_errors() const;
  // The policy a receiver applies: p, or none when p is missing or invalid
  // and rua holds a valid URI (§6.6.3 step 6); absent when DMARC does not apply.
  std::optional<DmarcPolicy> effective_policy() const;
};

// `text` is the TXT record at _dmarc.<domain>, strings joined.
DmarcRecord parse_dmarc(std::string_view text);

// True when `text` starts with a "v" tag of value DMARC1 (§6.6.3: "Records
// that do not start with a "v=" tag that identifies the current version of
// DMARC are discarded").
bool is_dmarc_record(std::string_view text);

// §6.6.3: "If the remaining set contains multiple records or no records,
// policy discovery terminates and DMARC processing is not applied".
struct DmarcSelection {
  std::optional<size_t> index;     // the DMARC record when there is exactly one
  std::vector<size_t> candidates;  // every TXT record that is a DMARC record
  // dmarc-multiple-records; detail: their count; offset and length 0.
  std::vector<DmarcProblem> problems;
};
DmarcSelection find_dmarc_record(std::span<const std::string> txt_records);
DmarcSelection find_dmarc_record(std::span<const std::string_view> txt_records);

}  // namespace mxray
