// The unified diff writer: hunks, context, empty ranges and the missing
// final newline, in the format diff -u writes. (tests/js checks that GNU
// patch applies the fix's diffs.)
#include <doctest/doctest.h>

#include <string>

#include "fix/diff.h"

using namespace mxray;

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
