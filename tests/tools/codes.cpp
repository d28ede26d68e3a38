// mxray-codes: the core's code tables as one JSON document, for the tests
// that hold the message catalogues to them (tests/js/lib/codes.mjs). A
// native test tool, so the shipped wasm module carries no entry point that
// only tests use.
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "dns/diagnostic.h"
#include "rules/findings_json.h"
#include "session/session_json.h"
#include "zone/input_kind.h"

int main() {
  using nlohmann::json;
  using namespace mxray;
  json diagnostics = json::array(), kinds = json::array();
  for (size_t i = 0; i < code_count(); ++i) diagnostics.push_back(std::string(code_name_at(i)));
  for (size_t i = 0; i < input_kind_count(); ++i) kinds.push_back(std::string(input_kind_name(input_kind_at(i))));
  const json out = {{"rules", rule_catalogue_json()},
                    {"session", session_codes_json()},
                    {"diagnostics", diagnostics},
                    {"input_kinds", kinds}};
  const std::string text = out.dump(1) + "\n";
  return std::fwrite(text.data(), 1, text.size(), stdout) == text.size() ? 0 : 1;
}
