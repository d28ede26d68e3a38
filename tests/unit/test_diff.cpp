// The unified diff writer: hunks, context, empty ranges and the missing
// final newline, in the format diff -u writes. (tests/js checks that GNU
// patch applies the fix's diffs.)
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "fix/diff.h"

using namespace mxray;

namespace {

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> out;
  size_t at = 0;
  while (at < text.size()) {
    size_t nl = text.find('\n', at);
    out.emplace_back(text.substr(at, nl == std::string_view::npos ? std::string_view::npos : nl + 1 - at));
    at = nl == std::string_view::npos ? text.size() : nl + 1;
  }
  return out;
}

// Applies a unified diff as patch does, checking every context and removed
// line against `before`; the texts here all end with a newline.
std::string apply(std::string_view before, std::string_view diff) {
  const std::vector<std::string> a = lines_of(before), d = lines_of(diff);
  std::string out;
  size_t next = 0;  // the next line of `before` not yet copied
  for (size_t i = 2; i < d.size();) {
    REQUIRE(d[i].rfind("@@ -", 0) == 0);
    size_t start = std::stoul(d[i].substr(4));  // 1-based; for an empty range, the line before
    size_t comma = d[i].find(',');
    bool empty = comma < d[i].find(' ', 4) && d[i].substr(comma, 3) == ",0 ";
    size_t first = empty ? start : start - 1;
    REQUIRE(first >= next);
    for (; next < first; ++next) out += a[next];
    for (++i; i < d.size() && d[i][0] != '@'; ++i) {
      const std::string body = d[i].substr(1);
      if (d[i][0] == '+') {
        out += body;
        continue;
      }
      REQUIRE(next < a.size());
      CHECK(a[next] == body);
      if (d[i][0] == ' ') out += body;
      ++next;
    }
  }
  for (; next < a.size(); ++next) out += a[next];
  return out;
}

}  // namespace

TEST_CASE("diff: equal texts give nothing") { CHECK(unified_diff("a\nb\n", "a\nb\n", "z.txt").empty()); }

TEST_CASE("diff: one line changed, with three lines of context") {
  std::string before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
  std::string after = "1\n2\n3\n4\nFIVE\n6\n7\n8\n9\n";
  CHECK(unified_diff(before, after, "z.txt") ==
        "--- a/z.txt\n+++ b/z.txt\n"
        "@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+FIVE\n 6\n 7\n 8\n");
}

TEST_CASE("diff: changes far apart make two hunks, near ones one") {
  std::string before, far, near;
  for (int i = 1; i <= 20; ++i) before += std::to_string(i) + "\n";
  far = before;
  far.replace(far.find("2\n"), 2, "two\n");
  far.replace(far.find("19\n"), 3, "nineteen\n");
  std::string d = unified_diff(before, far, "z");
  CHECK(d.find("@@ -1,5 +1,5 @@") != std::string::npos);
  CHECK(d.find("@@ -16,5 +16,5 @@") != std::string::npos);
  near = before;
  near.replace(near.find("5\n"), 2, "five\n");
  near.replace(near.find("10\n"), 3, "ten\n");
  d = unified_diff(before, near, "z");
  CHECK(d.find("@@ -2,12 +2,12 @@") != std::string::npos);
  CHECK(d.find("\n@@ -", d.find("@@ -2")) == std::string::npos);  // one hunk
}

TEST_CASE("diff: insertions and deletions at the edges use diff's empty-range numbers") {
  CHECK(unified_diff("", "a\n", "z") == "--- a/z\n+++ b/z\n@@ -0,0 +1 @@\n+a\n");
  CHECK(unified_diff("a\n", "", "z") == "--- a/z\n+++ b/z\n@@ -1 +0,0 @@\n-a\n");
  CHECK(unified_diff("a\nb\n", "a\nx\nb\n", "z") == "--- a/z\n+++ b/z\n@@ -1,2 +1,3 @@\n a\n+x\n b\n");
}

TEST_CASE("diff: a last line without a newline") {
  CHECK(unified_diff("a\nb", "a\nc", "z") ==
        "--- a/z\n+++ b/z\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n");
  // Only the newline differs: the line is removed and added back.
  CHECK(unified_diff("a\nb", "a\nb\n", "z") ==
        "--- a/z\n+++ b/z\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n");
  CHECK(unified_diff("a\nb", "a\nb\nc\n", "z") ==
        "--- a/z\n+++ b/z\n@@ -1,2 +1,3 @@\n a\n-b\n\\ No newline at end of file\n+b\n+c\n");
}

TEST_CASE("diff: large texts, many changes far apart and many lines alike, still apply") {
  // Past 1,024 lines the diff is cut at lines found once on each side;
  // Myers alone kept a V array for each D, gigabytes for thousands of changes.
  std::string before, after;
  for (int i = 0; i < 30000; ++i) {
    const std::string n = std::to_string(i);
    before += "m" + n + "\tCNAME\tapex\n";
    if (i % 3 == 0)
      after += "m" + n + "\tA\t192.0.2.1\n";  // replaced
    else if (i % 7 == 0)
      continue;  // removed
    else
      after += "m" + n + "\tCNAME\tapex\n";
    if (i % 11 == 0) after += "new" + n + "\tTXT\tx\n";  // added
  }
  const std::string d = unified_diff(before, after, "z");
  CHECK(apply(before, d) == after);
  // No more lines removed and added than were changed.
  size_t removed = 0, added = 0;
  for (const std::string& line : lines_of(d)) {
    if (line.rfind("---", 0) == 0 || line.rfind("+++", 0) == 0) continue;
    removed += line[0] == '-';
    added += line[0] == '+';
  }
  CHECK(removed == 10000 + 2857);  // every 3rd line replaced; every 7th of the others removed
  CHECK(added == 10000 + 2468);    // the replacements; a line after every 11th kept
  // Thousands of lines alike: no line is found once, so a range is
  // written whole (removed and added), which patch applies the same.
  std::string same_before(20000 * 2, 'x'), same_after;
  for (size_t i = 1; i < same_before.size(); i += 2) same_before[i] = '\n';
  same_after = same_before;
  same_after.replace(10000, 2, "y\n");
  const std::string s = unified_diff(same_before, same_after, "z");
  CHECK(apply(same_before, s) == same_after);
}
