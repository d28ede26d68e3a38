// The DNS records of MTA-STS (RFC 8461 §3.1: "v=STSv1; id=...") and of its
// reporting companion TLS-RPT (RFC 8460 §3: "v=TLSRPTv1; rua=..."), parsed
// from text alone. Both are tag-lists with the same extension fields, so one
// parser module reads both. What a problem means for the domain (and the
// names of the findings) is the rules' business.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "policy/tag_list.h"

namespace mxray {

// True when `text` begins with `version` ("v=STSv1", "v=TLSRPTv1", case-
// sensitive: %s"...") followed by ";", a space, a tab or the end; senders
// discard the other TXT records at the name (RFC 8461 §3.1, RFC 8460 §3).
bool has_policy_version(std::string_view text, std::string_view version);

// The specs of a tag-list that are neither a tag split_tag_list accepts nor
// an extension field of RFC 8461 §3.1 / RFC 8460 §3 (ext-name = (ALPHA /
// DIGIT) *31(ALPHA / DIGIT / "_" / "-" / "."), ext-value = 1*(%x21-3A /
// %x3C / %x3E-7E)), and the tags.
struct PolicyTagList {
  std::vector<RecordTag> tags;
  std::vector<TagListError> malformed;
  const RecordTag* find(std::string_view name) const;  // case-sensitive, the first
};
PolicyTagList split_policy_tags(std::string_view text);

enum class MtaStsProblemCode : uint8_t {
  malformed,  // a spec that is no tag; detail: tag_list_problem_name()
  no_id,      // no id= (offset and length 0)
  bad_id,     // id= not 1*32(ALPHA / DIGIT); the span is its value
};
using MtaStsProblem = RecordProblem<MtaStsProblemCode>;
// The problems of an MTA-STS record already known to carry the version.
std::vector<MtaStsProblem> check_mta_sts_record(std::string_view text);

enum class TlsRptProblemCode : uint8_t {
  malformed,  // a spec that is no tag; detail: tag_list_problem_name()
  no_rua,     // no rua= (offset and length 0)
  bad_uri,    // a rua URI neither mailto: with an "@" nor https:; the span is the URI
};
using TlsRptProblem = RecordProblem<TlsRptProblemCode>;
// The problems of a TLS-RPT record already known to carry the version.
std::vector<TlsRptProblem> check_tlsrpt_record(std::string_view text);

}  // namespace mxray
