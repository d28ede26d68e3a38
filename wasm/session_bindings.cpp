// Embind bindings for the Session: the JS driver (www/lib/doh-driver.js)
// pulls questions and feeds answers; facts come back as JSON.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <nlohmann/json.hpp>

#include "dns/types.h"
#include "fix/fix.h"
#include "fix/fix_json.h"
#include "model/mail_model.h"
#include "report/report.h"
#include "rules/catalogue.h"
#include "rules/findings_json.h"
#include "session/session.h"
#include "session/session_json.h"
#include "zone_reader.h"

namespace mxray {
namespace {

// model options: {"panel": "auto" | "none" | a panel id}
ModelOptions model_options_from(const std::string& text) {
  ModelOptions o;
  json j = json::parse(text, nullptr, false);
  if (j.is_object())
    if (auto it = j.find("panel"); it != j.end() && it->is_string()) o.panel = it->get<std::string>();
  return o;
}

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

// The arguments of report() and fixBytes(): the options, and the texts kept
// alive for as long as the ReportOptions view them.
struct ReportInputs {
  ReportOptions options;
  std::string_view error;
  std::vector<std::string> texts;
  std::vector<std::string_view> views;

  ReportInputs(const std::string& options_json, const emscripten::val& js_texts) {
    json j = json::parse(options_json, nullptr, false);
    options.model = model_options_from(options_json);
    if (j.is_object()) {
      if (auto it = j.find("origin"); it != j.end() && it->is_string()) options.origin = it->get<std::string>();
      if (auto it = j.find("texts"); it != j.end() && it->is_boolean()) options.include_texts = it->get<bool>();
    }
    error = report_options_error(options);
    const unsigned n = js_texts.isArray() ? js_texts["length"].as<unsigned>() : 0;
    for (unsigned i = 0; i < n; ++i) texts.push_back(bytes_from_js(js_texts[i]));
    views.assign(texts.begin(), texts.end());
    options.texts = views;
  }
  ReportInputs(const ReportInputs&) = delete;
  ReportInputs& operator=(const ReportInputs&) = delete;
};

std::optional<FailureKind> failure_from(const std::string& kind) {
  if (kind == "timeout") return FailureKind::timeout;
  if (kind == "http") return FailureKind::http;
  if (kind == "network") return FailureKind::network;
  if (kind == "content-type") return FailureKind::content_type;
  return std::nullopt;
}

// Zones are added first, then start() builds the Session from them.
class SessionHandle {
 public:
  SessionHandle(const std::string& domain, const std::string& options_json)
      : domain_(domain), options_(session_options_from_json(options_json)) {}

  void add_zone(const ZoneReader& reader) {
    if (!session_) zones_.push_back(reader.zone());
  }
  void start() {
    if (!session_) session_ = std::make_unique<Session>(domain_, options_, std::move(zones_));
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
  // The model, the rules' findings and the merged fix:
  // {panel, names: [...], findings: [...], fix: {edits, notes, placeholders}}.
  // Call once done(); the rules read whatever facts there are.
  std::string findings_json(const std::string& model_options) const {
    if (!session_) return "null";
    MailModel model(*session_, model_options_from(model_options));
    std::vector<Finding> findings = run_rules(model);
    json panel = model.panel() ? json{{"id", model.panel()->id},
                                      {"name", model.panel()->name},
                                      {"how", model.panel_stated() ? "stated" : "detected"}}
                               : json(nullptr);
    return to_text({{"panel", panel},
                    {"names", mail_names_to_json(model)},
                    {"findings", findings_to_json(model, findings)},
                    {"fix", fix_plan_to_json(model, merge_edits(findings))}});
  }
  // The report document (core/report/report.h). options: {"panel", "origin"};
  // texts: the main file of each zone, in the order added, as a string or as
  // its raw bytes (Uint8Array): only bytes keep a file that is not UTF-8
  // exact.
  std::string report_json(const std::string& options_json, emscripten::val texts) const {
    if (!session_) return "null";
    ReportInputs in(options_json, texts);
    if (!in.error.empty()) return to_text({{"error", in.error}});
    return to_text(build_report(*session_, in.options));
  }
  // The fix byte for byte, for writing files: {zones: [{index, file, changed,
  // utf8, text: Uint8Array, diff: Uint8Array}], cloudflareImport: Uint8Array
  // or null}, or {error}. Same arguments as report().
  emscripten::val fix_bytes(const std::string& options_json, emscripten::val texts) const {
    emscripten::val out = emscripten::val::object();
    if (!session_) return emscripten::val::null();
    ReportInputs in(options_json, texts);
    if (!in.error.empty()) {
      out.set("error", std::string(in.error));
      return out;
    }
    FixOutputs fix = fix_outputs(*session_, in.options);
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
    out.set("zones", zones);
    out.set("cloudflareImport", fix.cloudflare_import ? bytes_to_js(*fix.cloudflare_import) : emscripten::val::null());
    return out;
  }
  // The fix written into zone `index`, whose main file is `text` (the bytes
  // the reader was given): {text, applied, skipped}.
  std::string corrected_zone(unsigned index, const std::string& text, const std::string& model_options) const {
    if (!session_ || index >= session_->zones().size()) return "null";
    MailModel model(*session_, model_options_from(model_options));
    FixPlan plan = merge_edits(run_rules(model));
    return to_text(corrected_zone_to_json(apply_edits(*session_->zones()[index], index, text, plan)));
  }

 private:
  std::string domain_;
  SessionOptions options_;
  std::vector<std::shared_ptr<const Zone>> zones_;
  std::unique_ptr<Session> session_;
};

std::string rule_catalogue_text() { return to_text(rule_catalogue_json()); }

// The codes the words of www/lib/messages.js must cover.
std::string session_codes() {
  json purposes = json::array(), reasons = json::array(), budgets = json::array();
  for (std::string_view p : purpose_names()) purposes.push_back(p);
  for (std::string_view r : unknown_reason_codes()) reasons.push_back(r);
  for (std::string_view b : budget_names()) budgets.push_back(b);
  json errors =
      json::array({session_error_name(SessionError::bad_domain), session_error_name(SessionError::no_domain)});
  return to_text({{"purposes", purposes}, {"reasons", reasons}, {"budgets", budgets}, {"errors", errors}});
}

}  // namespace
}  // namespace mxray

EMSCRIPTEN_BINDINGS(mxray_session) {
  emscripten::function("sessionCodes", &mxray::session_codes);
  using namespace mxray;
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
      .function("factsJson", &SessionHandle::facts_json)
      .function("findingsJson", &SessionHandle::findings_json)
      .function("correctedZone", &SessionHandle::corrected_zone)
      .function("report", &SessionHandle::report_json)
      .function("fixBytes", &SessionHandle::fix_bytes);
  emscripten::function("ruleCatalogue", &mxray::rule_catalogue_text);
}
