// Embind bindings for the zone engine: bytes and JSON in, text and JSON out.
// Nothing here throws; the core reports problems as data.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include "zone_reader.h"

namespace {
// The reader's methods are ZoneReaderCore's (binding_common.h): embind binds
// a member of the class it registers, so each is taken as ZoneReader's.
template <class R, class... A>
constexpr auto of_reader(R (mxray::ZoneReaderCore::*f)(A...)) {
  return static_cast<R (mxray::ZoneReader::*)(A...)>(f);
}
template <class R, class... A>
constexpr auto of_reader(R (mxray::ZoneReaderCore::*f)(A...) const) {
  return static_cast<R (mxray::ZoneReader::*)(A...) const>(f);
}
}  // namespace

EMSCRIPTEN_BINDINGS(mxray_zone) {
  using namespace mxray;
  emscripten::class_<ZoneReader>("ZoneReader")
      .constructor<const std::string&, const std::string&, emscripten::val>()
      .function("inputBuffer", of_reader(&ZoneReader::input_buffer))
      .function("feedInput", of_reader(&ZoneReader::feed_input))
      .function("finish", of_reader(&ZoneReader::finish))
      .function("recordCount", of_reader(&ZoneReader::record_count))
      .function("diagnosticCount", of_reader(&ZoneReader::diagnostic_count))
      .function("dump", of_reader(&ZoneReader::dump))
      .function("summaryJson", of_reader(&ZoneReader::summary_json));
}
