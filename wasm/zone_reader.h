// The zone reader behind the ZoneReader binding, shared by the binding units
// that take a parsed zone (zone_bindings.cpp, session_bindings.cpp).
#pragma once

#include <emscripten/val.h>

#include <string>

#include "binding_common.h"

namespace mxray {

// A zone being read (binding_common.h's ZoneReaderCore). `includes` is a JS
// function (path) => string | Uint8Array | null | undefined | false, called
// synchronously for $INCLUDE (false: the file is outside the folders
// includes may come from); pass null when includes are not available.
class ZoneReader : public ZoneReaderCore {
 public:
  ZoneReader(const std::string& file_name, const std::string& options_json, emscripten::val includes)
      : ZoneReader(file_name, parse_options_from_json(options_json), std::move(includes)) {}
  // The options already read (a batch reads the same ones for many files).
  ZoneReader(const std::string& file_name, ParseOptions options, emscripten::val includes)
      : includes_(std::move(includes)) {
    IncludeResolver resolver;
    if (includes_.typeOf().as<std::string>() == "function") {
      resolver = [this](std::string_view path) -> IncludeFile {
        emscripten::val r = includes_(std::string(path));
        // A string (UTF-8) or bytes (Uint8Array); null or undefined: none;
        // false: refused, outside the folders the shell reads includes from.
        if (r.isNull() || r.isUndefined()) return std::nullopt;
        if (r.isFalse()) return IncludeFile::refused_outside();
        if (!r.isString() && !r.instanceof (emscripten::val::global("Uint8Array"))) return std::nullopt;
        return r.as<std::string>();
      };
    }
    start(file_name, std::move(options), std::move(resolver));
  }

 private:
  emscripten::val includes_;
};

}  // namespace mxray
