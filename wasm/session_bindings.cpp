// Embind bindings for the Session: the JS driver (www/lib/doh-driver.js)
// pulls questions and feeds answers; facts come back as JSON. Once done, an
// Analysis of the session gives the report, the fix bytes and the summary.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <nlohmann/json.hpp>

#include "dns/types.h"
#include "model/mail_model.h"
#include "proxy_address.h"
#include "report/analysis.h"
#include "report/report.h"
#include "rules/catalogue.h"
#include "rules/findings_json.h"
#include "session/session.h"
#include "session/session_json.h"
#include "zone_reader.h"

namespace mxray {
namespace {

// A JS string (taken as UTF-8) or a Uint8Array (taken as it is); anything
// else is empty.
std::string bytes_from_js(const emscripten::val& v) {
  if (v.isString() || v.instanceof (emscripten::val::global("Uint8Array"))) return v.as<std::string>();
  return {};
}

// A copy of `bytes` the JS side owns.
emscripten::val bytes_to_js(std::string_view bytes) {
  emscripten::val view(emscripten::typed_memory_view(bytes.size(), reinterpret_cast<const uint8_t*>(bytes.data())));
  return emscripten::val::global("Uint8Array").new_(view);
}

// The main file of each zone, in the order added, as JS gave them: strings
// (taken as UTF-8) or bytes (Uint8Array), with views for the core.
struct JsTexts {
  std::vector<std::string> texts;
  std::vector<std::string_view> views;

  explicit JsTexts(const emscripten::val& js) {
    const unsigned n = js.isArray() ? js["length"].as<unsigned>() : 0;
    for (unsigned i = 0; i < n; ++i) texts.push_back(bytes_from_js(js[i]));
    views.assign(texts.begin(), texts.end());
  }
  JsTexts(const JsTexts&) = delete;
  JsTexts& operator=(const JsTexts&) = delete;
};

// Zones are added first, then start() builds the Session from them.
class SessionHandle {
 public:
  SessionHandle(const std::string& domain, const std::string& options_json)
      : domain_(domain), options_(session_options_from_json(options_json)) {}

  void add_zone(const ZoneReader& reader) {
    if (!session_) zones_.push_back(reader.zone());
  }
  void start() {
    if (!session_) session_ = std::make_shared<Session>(domain_, options_, std::move(zones_));
  }
  std::string error() const { return session_ ? std::string(session_error_name(session_->error())) : "not-started"; }
  std::string domain() const { return session_ ? name_text(session_->domain().view()) : std::string(); }

  // [{id, name, type, wire: Uint8Array}], copied out of the wasm heap.
  emscripten::val pending() const {
    emscripten::val out = emscripten::val::array();
    if (!session_) return out;
    emscripten::val u8 = emscripten::val::global("Uint8Array");
    unsigned i = 0;
    for (const PendingQuestion& p : session_->pending()) {
      emscripten::val q = emscripten::val::object();
      q.set("id", p.id);
      q.set("name", name_text(p.question->name.view()));
      q.set("type", type_name(p.question->type));
      emscripten::val view(
          emscripten::typed_memory_view(p.wire.size(), reinterpret_cast<const uint8_t*>(p.wire.data())));
      q.set("wire", u8.new_(view));
      out.set(i++, q);
    }
    return out;
  }
  unsigned round() const { return session_ ? session_->round() : 0; }
  bool done() const { return !session_ || session_->done(); }

  bool feed_wire(unsigned id, const std::string& bytes) { return session_ && session_->feed_wire(id, bytes); }
  bool feed_json(unsigned id, const std::string& text) { return session_ && session_->feed_json(id, text); }
  bool feed_failure(unsigned id, const std::string& kind, const std::string& detail) {
    auto k = failure_from(kind);
    return session_ && session_->feed_failure(id, k.value_or(FailureKind::network), detail);
  }
  std::string facts_json() const { return session_ ? to_text(session_to_json(*session_)) : "null"; }
  // Shared with each AnalysisHandle, which JS may delete in either order.
  std::shared_ptr<const Session> session() const { return session_; }

 private:
  std::string domain_;
  SessionOptions options_;
  std::vector<std::shared_ptr<const Zone>> zones_;
  std::shared_ptr<Session> session_;
};

// One check's Analysis (core/report/analysis.h): the model, the rules and
// the merge run once, here; report(), fixBytes() and summary() read it.
class AnalysisHandle {
 public:
  // options: {"panel": "auto" | "none" | a panel id, "origin": address}.
  // Call once the session is done(); the rules read whatever facts there are.
  AnalysisHandle(const SessionHandle& session, const std::string& options_json) : session_(session.session()) {
    const AnalysisOptions options = analysis_options_from(options_json);
    error_ = !session_ ? "not-started" : std::string(analysis_options_error(options));
    if (error_.empty()) analysis_ = std::make_unique<Analysis>(*session_, options);
  }
  // "", "bad-origin" or "not-started"; on an error the rest give null.
  std::string error() const { return error_; }

  // The report document (core/report/report.h). options: {"texts": false}
  // leaves out the corrected zones' text and the import file. texts: the
  // main file of each zone, as a string or as its raw bytes (Uint8Array):
  // only bytes keep a file that is not UTF-8 exact.
  std::string report_json(emscripten::val texts, const std::string& options_json) const {
    if (!analysis_) return "null";
    JsTexts in(texts);
    ReportTexts rt{in.views};
    json j = json::parse(options_json, nullptr, false);
    if (j.is_object())
      if (auto it = j.find("texts"); it != j.end() && it->is_boolean()) rt.include_texts = it->get<bool>();
    return to_text(build_report(*analysis_, rt));
  }
  // The fix byte for byte, for writing files: {zones: [{index, file, changed,
  // utf8, text: Uint8Array, diff: Uint8Array}], cloudflareImport: Uint8Array
  // or null}. Same texts as report().
  emscripten::val fix_bytes(emscripten::val texts) const {
    if (!analysis_) return emscripten::val::null();
    JsTexts in(texts);
    FixOutputs fix = fix_outputs(*analysis_, in.views);
    emscripten::val zones = emscripten::val::array();
    unsigned i = 0;
    for (const ZoneFixOutput& z : fix.zones) {
      emscripten::val o = emscripten::val::object();
      o.set("index", unsigned(z.index));
      o.set("file", z.file);
      o.set("changed", z.changed);
      o.set("utf8", z.utf8);
      o.set("text", bytes_to_js(z.corrected.text));
      o.set("diff", bytes_to_js(z.diff));
      zones.set(i++, o);
    }
    emscripten::val out = emscripten::val::object();
    out.set("zones", zones);
    out.set("cloudflareImport", fix.cloudflare_import ? bytes_to_js(*fix.cloudflare_import) : emscripten::val::null());
    return out;
  }
  // What a batch line shows, without the report's findings, names or fix.
  std::string summary_json() const { return analysis_ ? summary_text(summarise(*analysis_)) + "}" : "null"; }

 private:
  std::shared_ptr<const Session> session_;
  std::string error_;
  std::unique_ptr<Analysis> analysis_;
};

// The offline batch's check of one zone in one call (www/cli/check-worker.mjs):
// a batch line needs only the summary, and each call into the core and each
// handle cost a small zone more than its parse. The zone read, an offline
// Session and its Analysis, as ZoneReader, SessionHandle and AnalysisHandle
// would do them, with nothing left behind. One per thread: the input buffer
// is reused.
class ZoneBatch {
 public:
  // options: as AnalysisHandle's.
  explicit ZoneBatch(const std::string& options_json)
      : options_(analysis_options_from(options_json)),
        session_options_(session_options_from_json(R"({"live":false})")) {
    // A line shows the summary: the findings' rules and severities, and the
    // verdict. No fix plan, edits or path evidence change them.
    options_.fix = false;
    options_.model.explain = false;
  }

  // Room for a file of `size` bytes: the shell writes them at the returned
  // address (in HEAPU8), then calls check().
  size_t input_buffer(size_t size) {
    input_.resize(size);
    return reinterpret_cast<size_t>(input_.data());
  }
  // The zone of the `length` bytes written, read as a ZoneReader with
  // `reader_options` and `includes` reads it, checked for `domain`:
  // {domain, verdict, summary, rules, zone?} (zone: the zone's summary, only when it
  // has diagnostics), or {error: session error} or {reportError: "bad-origin"}.
  std::string check(const std::string& file_name, const std::string& reader_options, size_t length,
                    emscripten::val includes, const std::string& domain) {
    // Most files of a folder come with the same reader options: read once.
    if (reader_options != reader_options_text_) {
      reader_options_text_ = reader_options;
      reader_options_ = parse_options_from_json(reader_options);
    }
    ZoneReader reader(file_name, reader_options_, std::move(includes));
    reader.feed_view(std::string_view(input_.data(), std::min(length, input_.size())));
    reader.finish();
    const Session session(domain, session_options_, {reader.zone()});
    if (session.error() != SessionError::none) return to_text({{"error", session_error_name(session.error())}});
    if (std::string_view e = analysis_options_error(options_); !e.empty()) return to_text({{"reportError", e}});
    const Analysis analysis(session, options_);
    std::string out = summary_text(summarise(analysis));
    const Zone& zone = *reader.zone();
    if (!zone.diagnostics.empty()) out += ",\"zone\":" + to_text(zone_summary_json(zone));
    return out + "}";
  }

 private:
  AnalysisOptions options_;
  SessionOptions session_options_;
  std::string input_;
  std::string reader_options_text_;
  ParseOptions reader_options_ = parse_options_from_json("");
};

}  // namespace
}  // namespace mxray

EMSCRIPTEN_BINDINGS(mxray_session) {
  using namespace mxray;
  // providerOf("104.16.1.1") -> "cloudflare", "" for any other address.
  emscripten::function(
      "providerOf", +[](const std::string& address) { return proxy_provider_of(address); });
  emscripten::class_<SessionHandle>("Session")
      .constructor<const std::string&, const std::string&>()
      .function("addZone", &SessionHandle::add_zone)
      .function("start", &SessionHandle::start)
      .function("error", &SessionHandle::error)
      .function("domain", &SessionHandle::domain)
      .function("pending", &SessionHandle::pending)
      .function("round", &SessionHandle::round)
      .function("done", &SessionHandle::done)
      .function("feedWire", &SessionHandle::feed_wire)
      .function("feedJson", &SessionHandle::feed_json)
      .function("feedFailure", &SessionHandle::feed_failure)
      .function("factsJson", &SessionHandle::facts_json);
  emscripten::class_<AnalysisHandle>("Analysis")
      .constructor<const SessionHandle&, const std::string&>()
      .function("error", &AnalysisHandle::error)
      .function("report", &AnalysisHandle::report_json)
      .function("fixBytes", &AnalysisHandle::fix_bytes)
      .function("summary", &AnalysisHandle::summary_json);
  emscripten::class_<ZoneBatch>("ZoneBatch")
      .constructor<const std::string&>()
      .function("inputBuffer", &ZoneBatch::input_buffer)
      .function("check", &ZoneBatch::check);
}
