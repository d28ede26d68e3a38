// Helpers shared by the SPF, DMARC and DKIM parser tests: problem codes as
// one sorted, space-separated line, so table rows can say them in any order.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace mxray::test {

template <typename Problem, typename NameOf>
std::string problem_codes(const std::vector<Problem>& problems, NameOf name_of) {
  std::vector<std::string_view> names;
  for (const Problem& p : problems) names.push_back(name_of(p.code));
  std::sort(names.begin(), names.end());
  std::string out;
  for (std::string_view n : names) out += (out.empty() ? "" : " ") + std::string(n);
  return out;
}

// The words of `s`, sorted, space-separated.
inline std::string sorted_words(std::string_view s) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < s.size()) {
    const size_t j = std::min(s.find(' ', i), s.size());
    if (j > i) words.emplace_back(s.substr(i, j - i));
    i = j + 1;
  }
  std::sort(words.begin(), words.end());
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

}  // namespace mxray::test
