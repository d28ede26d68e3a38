// SPF policy records (RFC 7208), parsed from text alone: no DNS, no
// evaluation. The parser splits a record into terms with their positions,
// validates each against the ABNF of §12, and reports what a receiver would
// reject (permerror) or what is legal but harmful, as problems with stable
// codes. The rules decide what a problem means for a domain.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "policy/tag_list.h"

namespace mxray {

// ---- SPF

// X(identifier, stable name, severity, where the rule comes from)
#define MXRAY_SPF_PROBLEMS(X)                                                       \
  X(bad_version, "spf-bad-version", error, "RFC 7208 §4.5")                         \
  X(malformed_term, "spf-malformed-term", error, "RFC 7208 §4.6.1, §12")            \
  X(unknown_mechanism, "spf-unknown-mechanism", error, "RFC 7208 §4.6.1, §5")       \
  X(missing_domain, "spf-missing-domain", error, "RFC 7208 §5.2, §5.7, §6.1, §6.2") \
  X(bad_domain_spec, "spf-bad-domain-spec", error, "RFC 7208 §7.1, §12")            \
  X(bad_macro, "spf-bad-macro", error, "RFC 7208 §7.1, §7.2")                       \
  X(bad_ip4, "spf-bad-ip4", error, "RFC 7208 §5.6")                                 \
  X(bad_ip6, "spf-bad-ip6", error, "RFC 7208 §5.6")                                 \
  X(bad_cidr, "spf-bad-cidr", error, "RFC 7208 §5.6, §12")                          \
  X(duplicate_modifier, "spf-duplicate-modifier", error, "RFC 7208 §6")             \
  X(too_many_lookups, "spf-too-many-lookups", error, "RFC 7208 §4.6.4")             \
  X(multiple_records, "spf-multiple-records", error, "RFC 7208 §4.5")               \
  X(pass_all, "spf-pass-all", warning, "RFC 7208 §5.1")                             \
  X(mechanisms_after_all, "spf-mechanisms-after-all", warning, "RFC 7208 §5.1")     \
  X(redirect_ignored, "spf-redirect-ignored", warning, "RFC 7208 §5.1, §6.1")       \
  X(ptr_used, "spf-ptr", warning, "RFC 7208 §5.5")                                  \
  X(record_long, "spf-record-long", warning, "RFC 7208 §3.4")                       \
  X(modifier_like_mechanism, "spf-modifier-like-mechanism", warning, "RFC 7208 §6") \
  X(unknown_modifier, "spf-unknown-modifier", info, "RFC 7208 §6")                  \
  X(macro_domain, "spf-macro-domain", info, "RFC 7208 §7")                          \
  X(no_all, "spf-no-all", info, "RFC 7208 §4.7")

enum class SpfProblemCode : uint8_t {
#define MXRAY_X(id, name, sev, ref) id,
  MXRAY_SPF_PROBLEMS(MXRAY_X)
#undef MXRAY_X
};
std::string_view spf_problem_name(SpfProblemCode code);
RecordSeverity spf_problem_severity(SpfProblemCode code);
std::string_view spf_problem_reference(SpfProblemCode code);  // "RFC 7208 §5.5"
// Every code's stable name, in declaration order, for catalogue checks.
std::span<const std::string_view> spf_problem_codes();

using SpfProblem = RecordProblem<SpfProblemCode>;

// §4.6.2: "+" pass (the default), "-" fail, "~" softfail, "?" neutral.
enum class SpfQualifier : uint8_t { pass, fail, softfail, neutral };
char spf_qualifier_char(SpfQualifier q);

enum class SpfTermKind : uint8_t {
  all,  // the mechanisms of §5
  include,
  a,
  mx,
  ptr,
  ip4,
  ip6,
  exists,
  redirect,  // §6.1
  exp,       // §6.2
  unknown_modifier,
  invalid,  // neither: see the problems at its offset
};
std::string_view spf_term_kind_name(SpfTermKind k);  // "all", "include", ..., "unknown-modifier", "invalid"

struct SpfTerm {
  SpfTermKind kind = SpfTermKind::invalid;
  SpfQualifier qualifier = SpfQualifier::pass;  // mechanisms only
  bool explicit_qualifier = false;              // written with + - ~ ?
  uint32_t offset = 0;                          // in the record text
  uint32_t length = 0;
  std::string name;   // mechanism or modifier name as written ("include", "Redirect", "foo")
  std::string value;  // domain-spec, ip4/ip6 network, or modifier value; without the cidr lengths
  // ip4: the first 4 octets; ip6: 16 octets. Valid when kind is ip4/ip6 and valid.
  uint8_t address[16] = {};
  // ip4-cidr-length and ip6-cidr-length as written (a, mx: the dual form);
  // absent means /32 and /128 (§5.6).
  std::optional<uint8_t> cidr4, cidr6;
  bool has_macro = false;  // the domain-spec holds %{...}: known only at evaluation (§7)
  bool lookup = false;     // a term that costs DNS queries (§4.6.4): include a mx ptr exists redirect
  bool ignored = false;    // never evaluated: a mechanism after "all", a redirect beside "all"
  bool valid = false;      // matched the ABNF
};

struct SpfRecord {
  bool is_spf = false;  // began with "v=spf1" (§4.5); when false, nothing else was parsed
  std::vector<SpfTerm> terms;
  std::vector<SpfProblem> problems;
  // Terms that cost DNS queries and are evaluated: §4.6.4 allows 10 over the
  // whole evaluation, includes and redirects counted in; this is this record's share.
  uint32_t lookup_terms = 0;
  // Indexes into `terms` of the first "all", "redirect=" and "exp=".
  std::optional<uint32_t> all_term, redirect_term, exp_term;

  // True when a problem of error severity was found: receivers answer permerror.
  bool has_errors() const;
};

// `text` is the record: its TXT character-strings already joined with
// nothing between them (§3.3).
SpfRecord parse_spf(std::string_view text);

// True when `text` is an SPF record: "v=spf1" (ASCII case-insensitive)
// followed by a space or the end (§4.5); "v=spf10" and "spf2.0/pra" are not.
bool is_spf_record(std::string_view text);

// §4.5: among the TXT records at a name, the SPF record is the one that
// passes is_spf_record(); more than one is a permerror.
struct SpfSelection {
  std::optional<size_t> index;     // the SPF record when there is exactly one
  std::vector<size_t> candidates;  // every TXT record that is an SPF record
  // spf-multiple-records when there are several; its detail is their count,
  // its offset and length are 0 (no single record holds the problem).
  std::vector<SpfProblem> problems;
};
SpfSelection find_spf_record(std::span<const std::string> txt_records);
SpfSelection find_spf_record(std::span<const std::string_view> txt_records);

}  // namespace mxray
