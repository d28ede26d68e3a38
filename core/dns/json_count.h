// Counts a shell sets in a JSON options object (the Session's limits, the
// zone parser's): one rule for all of them, so no shell can wrap a count.
#pragma once

#include <cstdint>
#include <limits>

#include <nlohmann/json.hpp>

namespace mxray {

// Sets `field` from `object[key]` when that is an unsigned integer of at
// most `max` that `field` can hold; anything else (absent, negative, a
// fraction, a string, too large) leaves the default.
template <class T>
void read_count(const nlohmann::json& object, const char* key, T& field, uint64_t max = std::numeric_limits<T>::max()) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_number_unsigned()) return;
  const uint64_t v = it->template get<uint64_t>();
  if (v <= max && v <= std::numeric_limits<T>::max()) field = T(v);
}

}  // namespace mxray
