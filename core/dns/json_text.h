// The text of the core's JSON documents, as the shells get them: every JSON
// writer of the core (the report, the facts, the zone summary, the batch
// line, the Cloudflare batch body) goes through json_text().
#pragma once

#include <string>

#include <nlohmann/json_fwd.hpp>

namespace mxray {

// `j` as compact UTF-8 JSON (bytes that are not UTF-8 become U+FFFD), with
// the characters a JSON reader takes raw but that change how the text around
// them shows or is cut, written as \uXXXX instead: U+2028 and U+2029 (line
// ends to JavaScript before ES2019 and to many log viewers), the bidi
// controls U+200E, U+200F, U+202A to U+202E and U+2066 to U+2069 (they
// reorder what a terminal or a page shows, "Trojan Source", CVE-2021-42574),
// and the C1 controls U+0080 to U+009F (some terminals act on them).
std::string json_text(const nlohmann::json& j);

// The same escaping on text that is already JSON: those characters can
// stand only inside strings, where \uXXXX means the same. Linear; text
// without them is left as it is.
void escape_unsafe_json_characters(std::string& text);

}  // namespace mxray
