// What the parsers of mail-authentication records (spf.h, dmarc.h, dkim.h,
// mta_sts.h) share: the problem severity, the problem record, and the
// tag-list of RFC 6376 §3.2 that DMARC, DKIM, MTA-STS and TLS-RPT records
// are written in.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mxray {

// How much a problem in a mail-authentication record matters.
enum class RecordSeverity : uint8_t {
  error,    // a receiver rejects the record or the part of it (SPF permerror, DMARC record ignored, DKIM key unusable)
  warning,  // legal, or ignored by receivers, but very likely not what the owner meant
  info,     // worth knowing: monitoring-only policies, testing flags, advice
};
std::string_view record_severity_name(RecordSeverity s);  // "error", "warning", "info"

// One problem. `offset`/`length` are bytes of the record text given to the
// parser (length 0: a position, such as the end of the record). `detail` is
// a parameter for the message, never prose: a tag name, a count, a token.
template <class Code>
struct RecordProblem {
  Code code{};
  RecordSeverity severity = RecordSeverity::error;
  uint32_t offset = 0;
  uint32_t length = 0;
  std::string detail;
};

// One tag=value of a tag list (DMARC, DKIM), as written. Offsets are bytes
// of the record text; `value` has the surrounding whitespace removed.
struct RecordTag {
  std::string name;
  std::string value;
  uint32_t offset = 0;  // the tag's first byte (its name)
  uint32_t length = 0;  // up to the end of the value
  uint32_t value_offset = 0;
};

// Why a spec of a tag-list was left out.
enum class TagListProblem : uint8_t {
  no_equals,  // no "=" in the spec
  name,       // the name is not ALPHA *(ALNUM / "_")
};
std::string_view tag_list_problem_name(TagListProblem p);  // "no-equals", "name"

// A tag-list (RFC 6376 §3.2, RFC 9989 §4.8): "name=value" specs separated
// by ";", FWS (space, tab, CR, LF) around each part ignored, empty specs skipped. Specs
// without "=" or with a name that is not ALPHA *(ALNUM / "_") are reported
// in `errors` and left out of `tags`.
struct TagListError {
  TagListProblem why = TagListProblem::no_equals;
  uint32_t offset = 0;
  uint32_t length = 0;
};
void split_tag_list(std::string_view text, std::vector<RecordTag>& tags, std::vector<TagListError>& errors);

}  // namespace mxray
