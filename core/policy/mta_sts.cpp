#include "policy/mta_sts.h"

#include <algorithm>
#include <string>

namespace mxray {
namespace {

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// split_tag_list reports names with "-" or "." as errors, so a spec it
// refused is looked at again against the extension grammar of both RFCs.
bool extension_ok(std::string_view spec) {
  size_t eq = spec.find('=');
  if (eq == std::string_view::npos) return false;
  std::string_view name = spec.substr(0, eq), value = spec.substr(eq + 1);
  while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  if (name.empty() || name.size() > 32 || !is_alnum(name[0])) return false;
  for (char c : name)
    if (!is_alnum(c) && c != '_' && c != '-' && c != '.') return false;
  if (value.empty()) return false;
  for (char c : value)
    if (c < 0x21 || c > 0x7e || c == ';' || c == '=') return false;
  return true;
}

template <class Code>
RecordProblem<Code> problem(Code code, std::string detail, uint32_t offset, uint32_t length) {
  RecordProblem<Code> p;
  p.code = code;
  p.severity = RecordSeverity::error;
  p.offset = offset;
  p.length = length;
  p.detail = std::move(detail);
  return p;
}

}  // namespace

bool has_policy_version(std::string_view text, std::string_view version) {
  if (text.substr(0, version.size()) != version) return false;  // %s"...": case-sensitive
  return text.size() == version.size() || text[version.size()] == ';' || text[version.size()] == ' ' ||
         text[version.size()] == '\t';
}

const RecordTag* PolicyTagList::find(std::string_view name) const {
  for (const RecordTag& t : tags)
    if (t.name == name) return &t;
  return nullptr;
}

PolicyTagList split_policy_tags(std::string_view text) {
  PolicyTagList c;
  std::vector<TagListError> errors;
  split_tag_list(text, c.tags, errors);
  for (const TagListError& e : errors)
    if (!extension_ok(text.substr(e.offset, e.length))) c.malformed.push_back(e);
  return c;
}

std::vector<MtaStsProblem> check_mta_sts_record(std::string_view text) {
  std::vector<MtaStsProblem> out;
  PolicyTagList c = split_policy_tags(text);
  for (const TagListError& e : c.malformed)
    out.push_back(problem(MtaStsProblemCode::malformed, std::string(tag_list_problem_name(e.why)), e.offset, e.length));
  // RFC 8461 §3.1: sts-id = %s"id=" 1*32(ALPHA / DIGIT)
  const RecordTag* id = c.find("id");
  if (!id) {
    out.push_back(problem(MtaStsProblemCode::no_id, {}, 0, 0));
  } else if (id->value.empty() || id->value.size() > 32 || !std::all_of(id->value.begin(), id->value.end(), is_alnum)) {
    out.push_back(problem(MtaStsProblemCode::bad_id, {}, id->value_offset, uint32_t(id->value.size())));
  }
  return out;
}

std::vector<TlsRptProblem> check_tlsrpt_record(std::string_view text) {
  std::vector<TlsRptProblem> out;
  PolicyTagList c = split_policy_tags(text);
  for (const TagListError& e : c.malformed)
    out.push_back(problem(TlsRptProblemCode::malformed, std::string(tag_list_problem_name(e.why)), e.offset, e.length));
  // RFC 8460 §3: tlsrpt-rua = %s"rua=" tlsrpt-uri *(*WSP "," *WSP tlsrpt-uri),
  // mailto: or https: URIs.
  const RecordTag* rua = c.find("rua");
  if (!rua) {
    out.push_back(problem(TlsRptProblemCode::no_rua, {}, 0, 0));
    return out;
  }
  std::string_view v = rua->value;
  size_t at = 0;
  while (at <= v.size()) {
    size_t end = std::min(v.find(',', at), v.size());
    size_t b = at, e = end;
    while (b < e && (v[b] == ' ' || v[b] == '\t')) ++b;
    while (e > b && (v[e - 1] == ' ' || v[e - 1] == '\t')) --e;
    std::string lower(v.substr(b, e - b));
    for (char& ch : lower)
      if (ch >= 'A' && ch <= 'Z') ch = char(ch - 'A' + 'a');
    bool ok = (lower.rfind("mailto:", 0) == 0 && lower.size() > 7 && lower.find('@') != std::string::npos) ||
              (lower.rfind("https:", 0) == 0 && lower.size() > 8);
    if (!ok)
      out.push_back(problem(TlsRptProblemCode::bad_uri, {}, uint32_t(rua->value_offset + b),
                            uint32_t(std::max<size_t>(e - b, 1))));
    at = end + 1;
  }
  return out;
}

}  // namespace mxray
