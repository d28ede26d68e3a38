// The small core's exports (www/lib/wasm/small/, what the browser loads):
// plain C functions instead of embind, wrapped by www/site/core-small.js into
// the same API the fast core's embind bindings give (zone_bindings.cpp,
// input_bindings.cpp, session_bindings.cpp). Without embind the loader's JS
// is a third of the size and the link keeps only what these call
// (tests/bench/README.md, "The small core").
//
// The calling convention, all numbers (wasm32: pointers are 32-bit):
// - bytes in: JS asks mxs_arg(slot, n) for room for argument `slot` (0-3),
//   writes n bytes there (HEAPU8), then calls the function, which reads the
//   slots. Each call reads its slots once; the next call may reuse them.
// - bytes out: a function that gives text or bytes returns a pointer to them,
//   with their length in mxs_out_len(), valid until the next call.
// - handles: the address of a C++ object, freed by its *_free().
// - texts (the main file of each zone, for the report and the fix): JS calls
//   mxs_texts_clear(), then mxs_texts_add(n) per text and writes its bytes.
// - $INCLUDE: the parser calls the JS import mxs_js_include(reader, path,
//   length), which answers 0 (none), 1 (refused: outside the folders) or 2
//   (found: the bytes were written into mxs_include_buffer(n)).
// Nothing here throws; the core reports problems as data.
#include <emscripten/em_js.h>
#include <emscripten/emscripten.h>

#include <array>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "binding_common.h"
#include "dns/name.h"
#include "dns/types.h"
#include "proxy_address.h"
#include "report/analysis.h"
#include "report/report.h"
#include "session/session.h"
#include "session/session_json.h"
#include "zone/input_kind.h"

// (reader handle, path address, path length) -> 0 none, 1 refused, 2 found.
// The adapter (www/site/core-small.js) sets Module.mxsInclude.
EM_JS(int, mxs_js_include, (uintptr_t reader, const char* path, size_t length),
      { return Module["mxsInclude"](reader, path, length); });

namespace mxray {
namespace {

using nlohmann::json;

std::array<std::string, 4> g_args;
std::string g_out;
size_t g_out_len = 0;
std::string g_include;
std::vector<std::string> g_texts;

std::string take_arg(int slot) { return std::move(g_args[static_cast<size_t>(slot) & 3]); }

const char* out(std::string text) {
  g_out = std::move(text);
  g_out_len = g_out.size();
  return g_out.data();
}
// Bytes the caller keeps alive until the next call (no copy).
const char* out_view(std::string_view bytes) {
  g_out_len = bytes.size();
  return bytes.data();
}

// The views of the staged texts, for the core.
std::vector<std::string_view> text_views() { return {g_texts.begin(), g_texts.end()}; }

// As zone_reader.h's ZoneReader, with the includes asked of JS by handle.
class SmallZoneReader : public ZoneReaderCore {
 public:
  SmallZoneReader(const std::string& file_name, const std::string& options_json, bool includes) {
    IncludeResolver resolver;
    if (includes) {
      resolver = [this](std::string_view path) -> IncludeFile {
        const std::string p(path);
        const int r = mxs_js_include(reinterpret_cast<uintptr_t>(this), p.data(), p.size());
        if (r == 1) return IncludeFile::refused_outside();
        if (r == 2) return std::move(g_include);
        return std::nullopt;
      };
    }
    start(file_name, parse_options_from_json(options_json), std::move(resolver));
  }
};

// As session_bindings.cpp's SessionHandle.
struct SmallSession {
  std::string domain;
  SessionOptions options;
  std::vector<std::shared_ptr<const Zone>> zones;
  std::shared_ptr<Session> session;
  std::vector<PendingQuestion> pending;  // the last mxs_session_pending()
};

// As session_bindings.cpp's AnalysisHandle.
struct SmallAnalysis {
  std::shared_ptr<const Session> session;
  std::string error;
  std::unique_ptr<Analysis> analysis;
  std::optional<FixOutputs> fix;  // the last mxs_analysis_fix()
};

template <class T>
T* handle(uintptr_t h) {
  return reinterpret_cast<T*>(h);
}

}  // namespace
}  // namespace mxray

using namespace mxray;

extern "C" {

EMSCRIPTEN_KEEPALIVE char* mxs_arg(int slot, size_t size) {
  std::string& a = g_args[static_cast<size_t>(slot) & 3];
  a.resize(size);
  return a.data();
}
EMSCRIPTEN_KEEPALIVE size_t mxs_out_len() { return g_out_len; }
EMSCRIPTEN_KEEPALIVE char* mxs_include_buffer(size_t size) {
  g_include.resize(size);
  return g_include.data();
}
EMSCRIPTEN_KEEPALIVE void mxs_texts_clear() { g_texts.clear(); }
EMSCRIPTEN_KEEPALIVE char* mxs_texts_add(size_t size) {
  g_texts.emplace_back(size, '\0');
  return g_texts.back().data();
}

// ---- input_bindings.cpp ----
// arg 0: the head of the input.
EMSCRIPTEN_KEEPALIVE const char* mxs_classify_input(int whole) {
  return out(std::string(input_kind_name(classify_input(take_arg(0), whole != 0))));
}
// arg 0: UTF-16 bytes.
EMSCRIPTEN_KEEPALIVE const char* mxs_utf16_to_utf8(int big_endian) {
  return out(utf16_to_utf8(take_arg(0), big_endian != 0));
}

// ---- ZoneReader ----
// arg 0: the file name, arg 1: the options' JSON.
EMSCRIPTEN_KEEPALIVE uintptr_t mxs_reader_new(int includes) {
  const std::string name = take_arg(0);
  const std::string options = take_arg(1);
  return reinterpret_cast<uintptr_t>(new SmallZoneReader(name, options, includes != 0));
}
EMSCRIPTEN_KEEPALIVE void mxs_reader_free(uintptr_t h) { delete handle<SmallZoneReader>(h); }
EMSCRIPTEN_KEEPALIVE size_t mxs_reader_input_buffer(uintptr_t h, size_t size) {
  return handle<SmallZoneReader>(h)->input_buffer(size);
}
EMSCRIPTEN_KEEPALIVE void mxs_reader_feed_input(uintptr_t h, size_t length) {
  handle<SmallZoneReader>(h)->feed_input(length);
}
EMSCRIPTEN_KEEPALIVE void mxs_reader_finish(uintptr_t h) { handle<SmallZoneReader>(h)->finish(); }
EMSCRIPTEN_KEEPALIVE size_t mxs_reader_record_count(uintptr_t h) { return handle<SmallZoneReader>(h)->record_count(); }
EMSCRIPTEN_KEEPALIVE size_t mxs_reader_diagnostic_count(uintptr_t h) {
  return handle<SmallZoneReader>(h)->diagnostic_count();
}
EMSCRIPTEN_KEEPALIVE const char* mxs_reader_dump(uintptr_t h, size_t start, size_t count, int generic) {
  return out(handle<SmallZoneReader>(h)->dump(start, count, generic != 0));
}
EMSCRIPTEN_KEEPALIVE const char* mxs_reader_summary_json(uintptr_t h) {
  return out(handle<SmallZoneReader>(h)->summary_json());
}

// ---- Session ----
// arg 0: the domain, arg 1: the options' JSON.
EMSCRIPTEN_KEEPALIVE uintptr_t mxs_session_new() {
  auto* s = new SmallSession;
  s->domain = take_arg(0);
  s->options = session_options_from_json(take_arg(1));
  return reinterpret_cast<uintptr_t>(s);
}
EMSCRIPTEN_KEEPALIVE void mxs_session_free(uintptr_t h) { delete handle<SmallSession>(h); }
EMSCRIPTEN_KEEPALIVE void mxs_session_add_zone(uintptr_t h, uintptr_t reader) {
  SmallSession* s = handle<SmallSession>(h);
  if (!s->session) s->zones.push_back(handle<SmallZoneReader>(reader)->zone());
}
EMSCRIPTEN_KEEPALIVE void mxs_session_start(uintptr_t h) {
  SmallSession* s = handle<SmallSession>(h);
  if (!s->session) s->session = std::make_shared<Session>(s->domain, s->options, std::move(s->zones));
}
EMSCRIPTEN_KEEPALIVE const char* mxs_session_error(uintptr_t h) {
  SmallSession* s = handle<SmallSession>(h);
  return out(s->session ? std::string(session_error_name(s->session->error())) : "not-started");
}
EMSCRIPTEN_KEEPALIVE const char* mxs_session_domain(uintptr_t h) {
  SmallSession* s = handle<SmallSession>(h);
  return out(s->session ? name_text(s->session->domain().view()) : std::string());
}
// How many questions are pending; read each with mxs_session_pending_*(i).
EMSCRIPTEN_KEEPALIVE size_t mxs_session_pending(uintptr_t h) {
  SmallSession* s = handle<SmallSession>(h);
  s->pending = s->session ? s->session->pending() : std::vector<PendingQuestion>{};
  return s->pending.size();
}
EMSCRIPTEN_KEEPALIVE uint32_t mxs_session_pending_id(uintptr_t h, size_t i) {
  return handle<SmallSession>(h)->pending[i].id;
}
EMSCRIPTEN_KEEPALIVE const char* mxs_session_pending_name(uintptr_t h, size_t i) {
  return out(name_text(handle<SmallSession>(h)->pending[i].question->name.view()));
}
EMSCRIPTEN_KEEPALIVE const char* mxs_session_pending_type(uintptr_t h, size_t i) {
  return out(type_name(handle<SmallSession>(h)->pending[i].question->type));
}
EMSCRIPTEN_KEEPALIVE const char* mxs_session_pending_wire(uintptr_t h, size_t i) {
  return out_view(handle<SmallSession>(h)->pending[i].wire);
}
EMSCRIPTEN_KEEPALIVE unsigned mxs_session_round(uintptr_t h) {
  SmallSession* s = handle<SmallSession>(h);
  return s->session ? s->session->round() : 0;
}
EMSCRIPTEN_KEEPALIVE int mxs_session_done(uintptr_t h) {
  SmallSession* s = handle<SmallSession>(h);
  return !s->session || s->session->done();
}
// arg 0: the answer's bytes.
EMSCRIPTEN_KEEPALIVE int mxs_session_feed_wire(uintptr_t h, uint32_t id) {
  SmallSession* s = handle<SmallSession>(h);
  const std::string bytes = take_arg(0);
  return s->session && s->session->feed_wire(id, bytes);
}
// arg 0: the answer's JSON.
EMSCRIPTEN_KEEPALIVE int mxs_session_feed_json(uintptr_t h, uint32_t id) {
  SmallSession* s = handle<SmallSession>(h);
  const std::string text = take_arg(0);
  return s->session && s->session->feed_json(id, text);
}
// arg 0: the failure's kind, arg 1: its detail.
EMSCRIPTEN_KEEPALIVE int mxs_session_feed_failure(uintptr_t h, uint32_t id) {
  SmallSession* s = handle<SmallSession>(h);
  const std::string kind = take_arg(0);
  const std::string detail = take_arg(1);
  auto k = failure_from(kind);
  return s->session && s->session->feed_failure(id, k.value_or(FailureKind::network), detail);
}
EMSCRIPTEN_KEEPALIVE const char* mxs_session_facts_json(uintptr_t h) {
  SmallSession* s = handle<SmallSession>(h);
  return out(s->session ? to_text(session_to_json(*s->session)) : "null");
}

// ---- session_bindings.cpp's providerOf ----
// arg 0: an address's text.
EMSCRIPTEN_KEEPALIVE const char* mxs_provider_of() { return out(proxy_provider_of(take_arg(0))); }

// ---- Analysis ----
// arg 0: the options' JSON.
EMSCRIPTEN_KEEPALIVE uintptr_t mxs_analysis_new(uintptr_t session) {
  auto* a = new SmallAnalysis;
  a->session = handle<SmallSession>(session)->session;
  const AnalysisOptions options = analysis_options_from(take_arg(0));
  a->error = !a->session ? "not-started" : std::string(analysis_options_error(options));
  if (a->error.empty()) a->analysis = std::make_unique<Analysis>(*a->session, options);
  return reinterpret_cast<uintptr_t>(a);
}
EMSCRIPTEN_KEEPALIVE void mxs_analysis_free(uintptr_t h) { delete handle<SmallAnalysis>(h); }
EMSCRIPTEN_KEEPALIVE const char* mxs_analysis_error(uintptr_t h) { return out(handle<SmallAnalysis>(h)->error); }
// The staged texts; arg 0: the options' JSON.
EMSCRIPTEN_KEEPALIVE const char* mxs_analysis_report(uintptr_t h) {
  SmallAnalysis* a = handle<SmallAnalysis>(h);
  const std::string options = take_arg(0);
  if (!a->analysis) return out("null");
  const std::vector<std::string_view> views = text_views();
  ReportTexts rt{views};
  json j = json::parse(options, nullptr, false);
  if (j.is_object())
    if (auto it = j.find("texts"); it != j.end() && it->is_boolean()) rt.include_texts = it->get<bool>();
  return out(to_text(build_report(*a->analysis, rt)));
}
// The fix of the staged texts: how many zones (-1: no analysis); read each
// with mxs_analysis_fix_*(i), the import file with mxs_analysis_fix_import.
EMSCRIPTEN_KEEPALIVE int mxs_analysis_fix(uintptr_t h) {
  SmallAnalysis* a = handle<SmallAnalysis>(h);
  if (!a->analysis) return -1;
  const std::vector<std::string_view> views = text_views();
  a->fix = fix_outputs(*a->analysis, views);
  return static_cast<int>(a->fix->zones.size());
}
// bit 0: changed, bit 1: utf8.
EMSCRIPTEN_KEEPALIVE int mxs_analysis_fix_flags(uintptr_t h, size_t i) {
  const ZoneFixOutput& z = handle<SmallAnalysis>(h)->fix->zones[i];
  return (z.changed ? 1 : 0) | (z.utf8 ? 2 : 0);
}
EMSCRIPTEN_KEEPALIVE size_t mxs_analysis_fix_index(uintptr_t h, size_t i) {
  return handle<SmallAnalysis>(h)->fix->zones[i].index;
}
EMSCRIPTEN_KEEPALIVE const char* mxs_analysis_fix_file(uintptr_t h, size_t i) {
  return out(handle<SmallAnalysis>(h)->fix->zones[i].file);
}
EMSCRIPTEN_KEEPALIVE const char* mxs_analysis_fix_text(uintptr_t h, size_t i) {
  return out_view(handle<SmallAnalysis>(h)->fix->zones[i].corrected.text);
}
EMSCRIPTEN_KEEPALIVE const char* mxs_analysis_fix_diff(uintptr_t h, size_t i) {
  return out_view(handle<SmallAnalysis>(h)->fix->zones[i].diff);
}
// Null when the fix has no import file.
EMSCRIPTEN_KEEPALIVE const char* mxs_analysis_fix_import(uintptr_t h) {
  const std::optional<FixOutputs>& fix = handle<SmallAnalysis>(h)->fix;
  if (!fix || !fix->cloudflare_import) return nullptr;
  return out_view(*fix->cloudflare_import);
}
EMSCRIPTEN_KEEPALIVE const char* mxs_analysis_summary(uintptr_t h) {
  SmallAnalysis* a = handle<SmallAnalysis>(h);
  return out(a->analysis ? summary_text(summarise(*a->analysis)) + "}" : "null");
}

}  // extern "C"
