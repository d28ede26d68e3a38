#include "dns/diagnostic.h"

#include <array>

namespace mxray {
namespace {

struct CodeInfo {
  std::string_view name;
  Severity severity;
};

constexpr std::array kCodes{
#define MXRAY_X(id, name, sev) CodeInfo{name, Severity::sev},
    MXRAY_DIAGNOSTIC_CODES(MXRAY_X)
#undef MXRAY_X
};

}  // namespace

std::string_view code_name(Code code) { return kCodes[static_cast<size_t>(code)].name; }
Severity default_severity(Code code) { return kCodes[static_cast<size_t>(code)].severity; }
std::string_view code_name_at(size_t index) { return kCodes[index].name; }
size_t code_count() { return kCodes.size(); }

}  // namespace mxray
