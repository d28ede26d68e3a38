// A unified diff (the `diff -u` format) between two texts, line by line,
// that GNU patch applies: `patch -p1 < fix.diff` beside the file.
#pragma once

#include <string>
#include <string_view>

namespace mxray {

struct DiffOptions {
  unsigned context = 3;  // unchanged lines around each change
};

// The diff from `before` to `after`, with headers `--- a/<name>` and
// `+++ b/<name>`; empty when the texts are equal. A last line without a
// newline is marked "\ No newline at end of file" as diff does. Lines are
// compared whole (a CRLF line differs from its LF twin).
std::string unified_diff(std::string_view before, std::string_view after, std::string_view name,
                         const DiffOptions& options = {});

}  // namespace mxray
