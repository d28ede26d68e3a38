#include "policy/tag_list.h"

#include <algorithm>

namespace mxray {
namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::pair<size_t, size_t> trim(std::string_view s, size_t begin, size_t end) {
  while (begin < end && is_space(s[begin])) ++begin;
  while (end > begin && is_space(s[end - 1])) --end;
  return {begin, end};
}

constexpr std::array<std::string_view, 2> kTagListProblemNames = {"no-equals", "name"};

}  // namespace

std::string_view record_severity_name(RecordSeverity s) {
  switch (s) {
    case RecordSeverity::error: return "error";
    case RecordSeverity::warning: return "warning";
    case RecordSeverity::info: return "info";
  }
  return "error";
}

std::string_view tag_list_problem_name(TagListProblem p) { return kTagListProblemNames[size_t(p)]; }

void split_tag_list(std::string_view text, std::vector<RecordTag>& tags, std::vector<TagListError>& errors) {
  size_t start = 0;
  while (start <= text.size()) {
    const size_t end = std::min(text.find(';', start), text.size());
    const auto [b, e] = trim(text, start, end);
    if (b < e) {
      const size_t eq = text.find('=', b);
      if (eq == std::string_view::npos || eq >= e) {
        errors.push_back({TagListProblem::no_equals, uint32_t(b), uint32_t(e - b)});
      } else {
        const auto [nb, ne] = trim(text, b, eq);
        const auto [vb, ve] = trim(text, eq + 1, e);
        const std::string_view name = text.substr(nb, ne - nb);
        if (name.empty() || !is_alpha(name[0]) ||
            !std::all_of(name.begin(), name.end(), [](char c) { return is_alpha(c) || is_digit(c) || c == '_'; })) {
          errors.push_back({TagListProblem::name, uint32_t(b), uint32_t(e - b)});
        } else {
          RecordTag t;
          t.name = std::string(name);
          t.value = std::string(text.substr(vb, ve - vb));
          t.offset = uint32_t(b);
          t.length = uint32_t(e - b);
          t.value_offset = uint32_t(vb);
          tags.push_back(std::move(t));
        }
      }
    }
    start = end + 1;
  }
}

}  // namespace mxray
