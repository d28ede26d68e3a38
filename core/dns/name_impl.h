// Internal to the name reader (dns/name.cpp), apart for
// tests/fuzz/fuzz_fastpath.cpp: parse_name_to's general path. For text of
// two characters or more, parse_name_to gives what it gives ("@" and "."
// alone are read before either path).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "dns/name.h"

namespace mxray {

// The general reader: escapes, and every error in the order it is met.
NameError parse_name_slow(std::string_view text, std::string_view origin, uint8_t* o, size_t& length);

}  // namespace mxray
