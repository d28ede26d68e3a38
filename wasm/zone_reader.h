// The zone reader behind the ZoneReader binding, shared by the binding units
// that take a parsed zone (zone_bindings.cpp, session_bindings.cpp).
#pragma once

#include <emscripten/val.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "dns/json_text.h"
#include "zone/parser.h"
#include "zone/zone_text.h"

namespace mxray {

using nlohmann::json;

// Every JSON text the bindings return (core/dns/json_text.h: U+2028, U+2029,
// bidi and C1 controls as \uXXXX).
inline std::string to_text(const json& j) { return json_text(j); }

// A zone being read: feed it bytes, finish it, then page through records.
// `includes` is a JS function (path) => string | Uint8Array | null |
// undefined | false, called synchronously for $INCLUDE (false: the file is
// outside the folders includes may come from); pass null when includes are
// not available.
class ZoneReader {
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
    parser_ = std::make_unique<ZoneParser>(*zone_, file_name, std::move(options), std::move(resolver));
  }

  void feed(const std::string& bytes) { parser_->feed(bytes); }
  void feed_view(std::string_view bytes) { parser_->feed(bytes); }
  // Bytes without embind's per-byte copy: the shell writes up to `size`
  // bytes at the returned address (in HEAPU8), then calls feed_input().
  size_t input_buffer(size_t size) {
    input_.resize(size);
    return reinterpret_cast<size_t>(input_.data());
  }
  void feed_input(size_t length) { parser_->feed(std::string_view(input_.data(), std::min(length, input_.size()))); }
  void finish() { parser_->finish(); }
  // The parsed zone, shared with a Session (session_bindings.cpp).
  std::shared_ptr<const Zone> zone() const { return zone_; }
  size_t record_count() const { return zone_->size(); }
  // Lets a batch skip summary_json() for the many zones without any.
  size_t diagnostic_count() const { return zone_->diagnostics.size(); }

  // Records [start, start + count) as text, one per line.
  std::string dump(size_t start, size_t count, bool generic) const {
    std::string out;
    size_t end = std::min(zone_->size(), start + count);
    for (size_t i = start; i < end; ++i) {
      append_record_text(out, zone_->record(i), generic);
      out.push_back('\n');
    }
    return out;
  }

  std::string summary_json() const { return to_text(zone_summary_json(*zone_)); }

 private:
  std::shared_ptr<Zone> zone_ = std::make_shared<Zone>();
  std::string input_;
  emscripten::val includes_;
  std::unique_ptr<ZoneParser> parser_;
};

}  // namespace mxray
