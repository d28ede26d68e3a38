// Embind bindings for the zone engine: bytes and JSON in, text and JSON out.
// Nothing here throws; the core reports problems as data.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include "zone_reader.h"

EMSCRIPTEN_BINDINGS(mxray_zone) {
  using namespace mxray;
  emscripten::class_<ZoneReader>("ZoneReader")
      .constructor<const std::string&, const std::string&, emscripten::val>()
      .function("inputBuffer", &ZoneReader::input_buffer)
      .function("feedInput", &ZoneReader::feed_input)
      .function("finish", &ZoneReader::finish)
      .function("recordCount", &ZoneReader::record_count)
      .function("diagnosticCount", &ZoneReader::diagnostic_count)
      .function("dump", &ZoneReader::dump)
      .function("summaryJson", &ZoneReader::summary_json);
}
