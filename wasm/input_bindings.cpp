// Embind bindings for telling what a picked file is before it is parsed
// (core/zone/input_kind.h): the shells refuse what is not a zone, with its
// name, and decode UTF-16 before the parser sees it.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <string>

#include "zone/input_kind.h"

namespace mxray {
namespace {

// The head of the input, a Uint8Array; `whole`: it is the entire input.
std::string classify(const emscripten::val& head, bool whole) {
  return std::string(input_kind_name(classify_input(head.as<std::string>(), whole)));
}

// UTF-16 bytes (a Uint8Array) as UTF-8 bytes.
emscripten::val utf16_to_utf8_bytes(const emscripten::val& bytes, bool big_endian) {
  const std::string out = utf16_to_utf8(bytes.as<std::string>(), big_endian);
  emscripten::val view(emscripten::typed_memory_view(out.size(), reinterpret_cast<const uint8_t*>(out.data())));
  return emscripten::val::global("Uint8Array").new_(view);
}

}  // namespace
}  // namespace mxray

EMSCRIPTEN_BINDINGS(mxray_input) {
  emscripten::function("classifyInput", &mxray::classify);
  emscripten::function("utf16ToUtf8", &mxray::utf16_to_utf8_bytes);
}
