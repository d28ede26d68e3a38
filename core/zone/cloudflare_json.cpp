#include "zone/cloudflare_json.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <deque>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dns/name.h"
#include "dns/rdata.h"
#include "dns/types.h"
#include "dns/utf8.h"

namespace mxray {
namespace {

// A name as the API writes it: "Complete DNS record name, including the zone
// name, in Punycode" (Cloudflare API, Create DNS Record, `name`), a plain
// string, not a master file's presentation form. Dots part the labels and
// every other character stands for itself: "a b.example.com" is a label
// with a space in it, and "a\\032b" (as JSON) is the five characters a, \,
// 0, 3, 2 and b, not a space. A trailing dot is allowed; an empty label
// (".." or a leading dot) is a bad name.
NameError api_name(std::string_view text, WireName& out) {
  if (text.empty() || text == ".") return NameError::bad_name;
  if (text.back() == '.') text.remove_suffix(1);
  size_t length = 0;
  for (size_t at = 0;;) {
    const size_t dot = std::min(text.find('.', at), text.size());
    const size_t label = dot - at;
    if (label == 0) return NameError::bad_name;
    if (label > kMaxLabelLength) return NameError::label_too_long;
    if (length + 1 + label + 1 > kMaxNameLength) return NameError::name_too_long;
    out.octets[length++] = uint8_t(label);
    std::memcpy(out.octets + length, text.data() + at, label);
    length += label;
    if (dot == text.size()) break;
    at = dot + 1;
  }
  out.octets[length++] = 0;
  out.length = uint8_t(length);
  return NameError::none;
}

using json = nlohmann::json;

constexpr size_t kMaxTokenBytes = 80;
constexpr std::string_view kRoot("\0", 1);  // names in the API are absolute
constexpr std::string_view kBom = "\xEF\xBB\xBF";

// At most 80 bytes, not cutting a UTF-8 sequence.
std::string clip(std::string_view s) { return std::string(utf8_prefix(s, kMaxTokenBytes)); }

// ------------------------------------------------------------- positions

// nlohmann keeps no positions, so this finds where values start in a text
// that nlohmann has already accepted. It knows just enough JSON to skip a
// value, and never recurses (a hostile input may nest a million arrays).
class JsonScanner {
 public:
  static constexpr size_t npos = std::string_view::npos;

  explicit JsonScanner(std::string_view text) : s_(text) {}

  size_t skip_blanks(size_t p) const {
    while (p < s_.size() && (s_[p] == ' ' || s_[p] == '\t' || s_[p] == '\n' || s_[p] == '\r')) ++p;
    return p;
  }

  // Offset just past the string whose opening quote is at `p`.
  size_t skip_string(size_t p) const {
    ++p;
    while (p < s_.size()) {
      char c = s_[p];
      if (c == '"') return p + 1;
      p += c == '\\' ? 2 : 1;  // after a backslash the next byte cannot close the string
    }
    return s_.size();
  }

  // Offset just past the value starting at `p`.
  size_t skip_value(size_t p) const {
    if (p >= s_.size()) return s_.size();
    if (s_[p] == '"') return skip_string(p);
    if (s_[p] != '{' && s_[p] != '[') {
      while (p < s_.size() && !std::strchr(",]} \t\n\r", s_[p])) ++p;
      return p;
    }
    size_t depth = 0;
    while (p < s_.size()) {
      char c = s_[p];
      if (c == '"') {
        p = skip_string(p);
        continue;
      }
      if (c == '{' || c == '[') {
        ++depth;
      } else if (c == '}' || c == ']') {
        if (--depth == 0) return p + 1;
      }
      ++p;
    }
    return s_.size();
  }

  // Start offsets of the elements of the array at `p`.
  void elements(size_t p, std::vector<size_t>& out) const {
    out.clear();
    if (p >= s_.size() || s_[p] != '[') return;
    p = skip_blanks(p + 1);
    if (p < s_.size() && s_[p] == ']') return;
    while (p < s_.size()) {
      out.push_back(p);
      p = skip_blanks(skip_value(p));
      if (p >= s_.size() || s_[p] != ',') return;
      p = skip_blanks(p + 1);
    }
  }

  // Offsets of the values of members `keys` of the object at `p`, in one
  // pass; npos for those absent. The last one wins when a key repeats, as
  // in nlohmann's DOM.
  template <size_t N>
  void members(size_t p, const std::string_view (&keys)[N], size_t (&found)[N]) const {
    for (size_t& f : found) f = npos;
    if (p >= s_.size() || s_[p] != '{') return;
    p = skip_blanks(p + 1);
    while (p < s_.size() && s_[p] == '"') {
      size_t key_end = skip_string(p);
      std::string_view quoted = s_.substr(p, key_end - p);
      p = skip_blanks(key_end);
      if (p >= s_.size() || s_[p] != ':') return;
      p = skip_blanks(p + 1);
      for (size_t k = 0; k < N; ++k)
        if (key_equals(quoted, keys[k])) found[k] = p;
      p = skip_blanks(skip_value(p));
      if (p >= s_.size() || s_[p] != ',') break;
      p = skip_blanks(p + 1);
    }
  }

  // Offset of the value of member `key` of the object at `p`, or npos.
  size_t member(size_t p, std::string_view key) const {
    const std::string_view keys[1] = {key};
    size_t found[1];
    members(p, keys, found);
    return found[0];
  }

  // Offset of the value at `path` below the object at `p`, or npos.
  size_t member(size_t p, std::initializer_list<std::string_view> path) const {
    for (std::string_view key : path) {
      if (p == npos) return npos;
      p = member(p, key);
    }
    return p;
  }

  // The source text of the value at `p`, clipped for a diagnostic.
  std::string raw_value(size_t p) const {
    if (p >= s_.size()) return {};
    return clip(s_.substr(p, skip_value(p) - p));
  }

 private:
  // `quoted` includes its quotes; keys with escapes are decoded by nlohmann.
  static bool key_equals(std::string_view quoted, std::string_view key) {
    if (quoted.size() < 2) return false;
    std::string_view inner = quoted.substr(1, quoted.size() - 2);
    if (inner.find('\\') == std::string_view::npos) return inner == key;
    json decoded = json::parse(quoted.begin(), quoted.end(), nullptr, false);
    const auto* s = decoded.get_ptr<const json::string_t*>();
    return s && *s == key;
  }

  std::string_view s_;
};

// Line and column (1-based, in bytes) of offsets asked for mostly in
// increasing order, as records come.
class LineCounter {
 public:
  explicit LineCounter(std::string_view text)
      : s_(text), first_line_start_(text.substr(0, kBom.size()) == kBom ? kBom.size() : 0) {
    rewind();
  }

  void locate(size_t offset, uint32_t& line, uint32_t& column) {
    if (offset > s_.size()) offset = s_.size();
    if (offset < offset_) rewind();
    while (offset_ < offset) {
      const void* nl = std::memchr(s_.data() + offset_, '\n', offset - offset_);
      if (!nl) {
        offset_ = offset;
        break;
      }
      offset_ = size_t(static_cast<const char*>(nl) - s_.data()) + 1;
      ++line_;
      line_start_ = offset_;
    }
    line = uint32_t(line_);
    column = uint32_t(offset >= line_start_ ? offset - line_start_ + 1 : 1);
  }

 private:
  void rewind() {
    offset_ = 0;
    line_ = 1;
    line_start_ = first_line_start_;
  }

  std::string_view s_;
  size_t first_line_start_;
  size_t offset_ = 0;
  uint64_t line_ = 1;
  size_t line_start_ = 0;
};

// Checks the syntax without building anything, and keeps the byte where
// nlohmann gave up.
struct SyntaxCheck {
  size_t position = 0;
  std::string last_token;

  bool null() { return true; }
  bool boolean(bool) { return true; }
  bool number_integer(json::number_integer_t) { return true; }
  bool number_unsigned(json::number_unsigned_t) { return true; }
  bool number_float(json::number_float_t, const json::string_t&) { return true; }
  bool string(json::string_t&) { return true; }
  bool binary(json::binary_t&) { return true; }
  bool start_object(std::size_t) { return true; }
  bool key(json::string_t&) { return true; }
  bool end_object() { return true; }
  bool start_array(std::size_t) { return true; }
  bool end_array() { return true; }
  bool parse_error(std::size_t pos, const std::string& token, const nlohmann::detail::exception&) {
    // `pos` counts the bytes read, the failing one included (or the end).
    position = pos ? pos - 1 : 0;
    last_token = token;
    return false;
  }
};

// --------------------------------------------------------- record values

// The member `key` of an object, or nullptr when it is absent or null.
const json* member(const json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

// Text of a JSON number for parse_rdata, which checks the field's range.
// Negative and fractional values stay visible so they fail as bad numbers.
std::string number_token(const json& v) {
  if (const auto* u = v.get_ptr<const json::number_unsigned_t*>()) return std::to_string(*u);
  if (const auto* i = v.get_ptr<const json::number_integer_t*>()) return std::to_string(*i);
  if (const auto* d = v.get_ptr<const json::number_float_t*>()) {
    if (*d >= 0 && *d == std::floor(*d)) {
      if (*d < 18446744073709551616.0) return std::to_string(uint64_t(*d));
      return "99999999999999999999";  // integral but past 2^64: an overflow
    }
  }
  return v.dump(-1, ' ', false, json::error_handler_t::replace);
}

// A raw string as the text of a quoted token: tokens keep their escapes,
// so a backslash must be escaped to stand for itself.
std::string quoted_token(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (char c : raw) {
    if (c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

bool is_txt_like(uint16_t type) { return type == rrtype::TXT || type == rrtype::SPF; }

// Types whose first RDATA field is the top-level "priority" member when
// `content` leaves it out (Cloudflare API: priority "required for MX, SRV
// and URI records").
bool takes_top_priority(uint16_t type) { return type == rrtype::MX || type == rrtype::SRV || type == 256 /*URI*/; }

// OPT and the query-only types (RFC 6895 §3.1: 128-255) are no zone data.
bool is_zone_type(uint16_t type) { return type != rrtype::OPT && (type < 128 || type > 255); }

// The API's structured `data` object, per type: member names in RDATA
// order. `text` members are cut like presentation text (a name, hex,
// base64, SvcParams); `quoted` ones are one raw character-string.
enum class DataKind : uint8_t { number, text, quoted };
struct DataMember {
  std::string_view key;
  DataKind kind;
};
struct DataLayout {
  uint16_t type;
  uint8_t count;
  DataMember members[6];
};

constexpr DataLayout kDataLayouts[] = {
    {33 /*SRV*/,
     4,
     {{"priority", DataKind::number},
      {"weight", DataKind::number},
      {"port", DataKind::number},
      {"target", DataKind::text}}},
    {256 /*URI*/, 3, {{"priority", DataKind::number}, {"weight", DataKind::number}, {"target", DataKind::quoted}}},
    {257 /*CAA*/, 3, {{"flags", DataKind::number}, {"tag", DataKind::text}, {"value", DataKind::quoted}}},
    {43 /*DS*/,
     4,
     {{"key_tag", DataKind::number},
      {"algorithm", DataKind::number},
      {"digest_type", DataKind::number},
      {"digest", DataKind::text}}},
    {59 /*CDS*/,
     4,
     {{"key_tag", DataKind::number},
      {"algorithm", DataKind::number},
      {"digest_type", DataKind::number},
      {"digest", DataKind::text}}},
    {48 /*DNSKEY*/,
     4,
     {{"flags", DataKind::number},
      {"protocol", DataKind::number},
      {"algorithm", DataKind::number},
      {"public_key", DataKind::text}}},
    {60 /*CDNSKEY*/,
     4,
     {{"flags", DataKind::number},
      {"protocol", DataKind::number},
      {"algorithm", DataKind::number},
      {"public_key", DataKind::text}}},
    {52 /*TLSA*/,
     4,
     {{"usage", DataKind::number},
      {"selector", DataKind::number},
      {"matching_type", DataKind::number},
      {"certificate", DataKind::text}}},
    {53 /*SMIMEA*/,
     4,
     {{"usage", DataKind::number},
      {"selector", DataKind::number},
      {"matching_type", DataKind::number},
      {"certificate", DataKind::text}}},
    {44 /*SSHFP*/, 3, {{"algorithm", DataKind::number}, {"type", DataKind::number}, {"fingerprint", DataKind::text}}},
    {37 /*CERT*/,
     4,
     {{"type", DataKind::number},
      {"key_tag", DataKind::number},
      {"algorithm", DataKind::number},
      {"certificate", DataKind::text}}},
    {35 /*NAPTR*/,
     6,
     {{"order", DataKind::number},
      {"preference", DataKind::number},
      {"flags", DataKind::quoted},
      {"service", DataKind::quoted},
      {"regex", DataKind::quoted},
      {"replacement", DataKind::text}}},
    {64 /*SVCB*/, 3, {{"priority", DataKind::number}, {"target", DataKind::text}, {"value", DataKind::text}}},
    {65 /*HTTPS*/, 3, {{"priority", DataKind::number}, {"target", DataKind::text}, {"value", DataKind::text}}},
};

const DataLayout* find_data_layout(uint16_t type) {
  for (const DataLayout& l : kDataLayouts)
    if (l.type == type) return &l;
  return nullptr;
}

// ---------------------------------------------------------------- import

// Where a record starts, for its span and its diagnostics.
struct RecordPlace {
  size_t offset = 0;
  uint32_t line = 0;
  uint32_t column = 0;
};

// A problem found in one record: the record is skipped.
struct Problem {
  Code code{};
  std::string field;
  std::string token;
  std::string detail;
};

class Importer {
 public:
  Importer(std::string_view text, uint32_t file, Zone& zone, const ParseOptions& options)
      : text_(text), file_(file), zone_(zone), options_(options), scanner_(text), lines_(text) {}

  void run() {
    if (zone_.format == InputFormat::automatic) zone_.format = InputFormat::cloudflare_json;
    if (text_.size() > options_.limits.max_input_bytes) {
      report(Code::input_too_large, at(0), {}, {}, {}, std::to_string(options_.limits.max_input_bytes));
      return;
    }
    if (zone_.apex.empty() && !options_.origin.empty()) set_apex(options_.origin);

    // One pass checks the syntax and builds nothing; then each record is
    // parsed on its own, so memory stays near one record's DOM however
    // large the document (a whole-document DOM takes ~9x the text).
    SyntaxCheck check;
    if (!json::sax_parse(text_.begin(), text_.end(), &check)) {
      report(Code::json_syntax, at(check.position), clip(check.last_token), {}, {});
      return;
    }

    size_t root = scanner_.skip_blanks(text_.substr(0, kBom.size()) == kBom ? kBom.size() : 0);
    char first = root < text_.size() ? text_[root] : '\0';
    if (first == '[') {
      std::vector<size_t> items;
      scanner_.elements(root, items);
      for (size_t i = 0; i < items.size() && !stopped_; ++i) {
        if (text_[items[i]] == '{' && scanner_.member(items[i], "result") != JsonScanner::npos)
          import_page(items[i]);
        else
          import_record(items[i]);
      }
    } else if (first == '{') {
      static constexpr std::string_view kKeys[] = {"result", "type", "name", "content"};
      size_t found[4];
      scanner_.members(root, kKeys, found);
      if (found[0] != JsonScanner::npos)
        import_page(root);
      else if (found[1] != JsonScanner::npos || found[2] != JsonScanner::npos || found[3] != JsonScanner::npos)
        import_record(root);
      else
        report(Code::json_record, at(root), scanner_.raw_value(root), "result", {});
    } else {
      // Valid JSON, but neither records nor an API answer.
      report(Code::json_record, at(root), scanner_.raw_value(root), "result", {});
    }
  }

 private:
  RecordPlace at(size_t offset) {
    RecordPlace p;
    p.offset = offset;
    lines_.locate(offset, p.line, p.column);
    return p;
  }

  void report(Code code, const RecordPlace& place, std::string token, std::string field, std::string type,
              std::string detail = {}) {
    Diagnostic d;
    d.code = code;
    d.severity = default_severity(code);
    d.file = file_;
    d.line = place.line;
    d.column = place.column;
    d.record_line = place.line;
    d.token = clip(token);
    d.field = std::move(field);
    d.type = std::move(type);
    d.detail = std::move(detail);
    zone_.report(std::move(d), options_.limits.max_diagnostics);
  }

  void set_apex(std::string_view presentation) {
    WireName n;
    if (parse_name(presentation, kRoot, n) == NameError::none) zone_.apex.assign(n.view());
  }
  // The apex from the API's `zone_name`, a name as the API writes it.
  void set_apex_from_api(std::string_view text) {
    WireName n;
    if (api_name(text, n) == NameError::none) zone_.apex.assign(n.view());
  }

  // The DOM of the (valid) value at `offset`.
  json parse_at(size_t offset) const {
    size_t end = scanner_.skip_value(offset);
    return json::parse(text_.data() + offset, text_.data() + end, nullptr, false);
  }

  bool is_literal(size_t offset, std::string_view literal) const {
    return offset != JsonScanner::npos && text_.substr(offset, literal.size()) == literal &&
           scanner_.skip_value(offset) == offset + literal.size();
  }

  // One API answer: {"success":..., "errors":[...], "result":...}.
  void import_page(size_t offset) {
    static constexpr std::string_view kKeys[] = {"result", "success", "errors"};
    size_t found[3];
    scanner_.members(offset, kKeys, found);
    const size_t result = found[0], success = found[1], errors = found[2];
    if (is_literal(success, "false")) {
      // A failed call: show the API's first error message.
      std::string message;
      if (errors != JsonScanner::npos && text_[errors] == '[') {
        json list = parse_at(errors);
        if (list.is_array() && !list.empty())
          if (const json* m = member(list[0], "message"); m && m->is_string())
            message = *m->get_ptr<const json::string_t*>();
      }
      report(Code::json_record, at(offset), message, "errors", {});
    }
    if (result == JsonScanner::npos || is_literal(result, "null")) return;  // no records in this answer
    if (text_[result] == '[') {
      std::vector<size_t> items;
      scanner_.elements(result, items);
      for (size_t i = 0; i < items.size() && !stopped_; ++i) import_record(items[i]);
    } else if (text_[result] == '{') {
      import_record(result);
    } else {
      report(Code::json_record, at(result), scanner_.raw_value(result), "result", {});
    }
  }

  // The offending value of member `path` of the record at `offset`: a
  // string's text, anything else as written (1e30 stays 1e30).
  std::string shown(const json& value, size_t offset, std::initializer_list<std::string_view> path) {
    if (const auto* s = value.get_ptr<const json::string_t*>()) return clip(*s);
    if (size_t p = scanner_.member(offset, path); p != JsonScanner::npos) return scanner_.raw_value(p);
    if (value.is_structured()) return value.is_array() ? "[...]" : "{...}";  // dump() would recurse
    return clip(value.dump(-1, ' ', false, json::error_handler_t::replace));
  }

  void import_record(size_t offset) {
    RecordPlace place = at(offset);
    if (std::string limit; !store_has_room(zone_, options_.limits, limit)) {
      report(Code::too_many_records, place, {}, {}, {}, std::move(limit));
      stopped_ = true;
      return;
    }
    if (text_[offset] != '{') return reject(place, {Code::json_record, {}, scanner_.raw_value(offset), {}}, {});
    json rec = parse_at(offset);
    if (!rec.is_object()) return reject(place, {Code::json_record, {}, scanner_.raw_value(offset), {}}, {});
    if (zone_.apex.empty())
      if (const json* z = member(rec, "zone_name"); z && z->is_string())
        set_apex_from_api(*z->get_ptr<const json::string_t*>());

    // Type first, so that every later diagnostic can name it.
    const json* type_value = member(rec, "type");
    if (!type_value) return reject(place, {Code::missing_field, "type", {}, {}}, {});
    const auto* type_text = type_value->get_ptr<const json::string_t*>();
    if (!type_text) return reject(place, {Code::json_record, "type", shown(*type_value, offset, {"type"}), {}}, {});
    std::optional<uint16_t> type = parse_type_name(*type_text);
    if (!type || !is_zone_type(*type))
      return reject(place, {Code::json_record, "type", clip(*type_text), {}}, clip(*type_text));
    std::string type_name_text = type_name(*type);

    Zone::NewRecord r;
    r.type = *type;
    r.rclass = rrclass::IN;
    Problem problem;

    WireName owner;
    if (!read_owner(rec, offset, owner, problem)) return reject(place, problem, type_name_text);
    r.owner = owner.view();
    // Valid DNS (RFC 2181 §11) but no host's name: a warning, as in a zone file.
    if (r.owner.size() > 1 && std::memchr(r.owner.data(), 0, r.owner.size() - 1))
      report(Code::name_nul, place, name_text(r.owner), "name", type_name_text);

    Code ttl_warning{};
    if (!read_ttl(rec, offset, r, problem, ttl_warning)) return reject(place, problem, type_name_text);

    if (const json* p = member(rec, "proxied")) {
      if (!p->is_boolean())
        return reject(place, {Code::json_record, "proxied", shown(*p, offset, {"proxied"}), {}}, type_name_text);
      r.proxied = *p->get_ptr<const bool*>() ? Proxied::yes : Proxied::no;
    }

    if (const json* settings = member(rec, "settings")) {
      if (!settings->is_object())
        return reject(place, {Code::json_record, "settings", shown(*settings, offset, {"settings"}), {}},
                      type_name_text);
      if (const json* f = member(*settings, "flatten_cname")) {
        if (!f->is_boolean())
          return reject(
              place,
              {Code::json_record, "settings.flatten_cname", shown(*f, offset, {"settings", "flatten_cname"}), {}},
              type_name_text);
        if (*f->get_ptr<const bool*>()) r.flags |= kRecordFlatten;
      }
    }

    std::string wire;
    Problem split;  // a TXT string over 255 octets, split: a warning
    if (!read_rdata(rec, place, r.type, wire, problem, split)) return reject(place, problem, type_name_text);
    r.rdata = wire;
    if (split.code == Code::txt_string_split)
      report(split.code, place, std::move(split.token), std::move(split.field), type_name_text,
             std::move(split.detail));
    // BIND and Knot drop a record outside the zone; it is kept, as a record
    // of its own name, and said.
    if (!zone_.apex.empty() && !name_is_under(r.owner, zone_.apex))
      report(Code::out_of_zone, place, name_text(r.owner), "name", type_name_text, name_text(zone_.apex));

    if (ttl_warning == Code::ttl_too_large)
      report(Code::ttl_too_large, place, std::to_string(r.ttl), "ttl", type_name_text);

    size_t end = scanner_.skip_value(offset);
    RecordPlace last = at(end ? end - 1 : 0);
    r.span.file = file_;
    r.span.first_line = place.line;
    r.span.last_line = last.line;
    r.span.begin = offset;
    r.span.length = uint32_t(std::min<size_t>(end - offset, UINT32_MAX));
    if (!zone_.add(r)) {
      report(Code::too_many_records, place, {}, {}, {}, "4 GiB");
      ++zone_.rejected_records;
    }
  }

  void reject(const RecordPlace& place, Problem problem, std::string type) {
    report(problem.code, place, std::move(problem.token), std::move(problem.field), std::move(type),
           std::move(problem.detail));
    ++zone_.rejected_records;
  }

  bool read_owner(const json& rec, size_t offset, WireName& owner, Problem& problem) {
    const json* name = member(rec, "name");
    if (!name) {
      problem = {Code::missing_owner, "name", {}, {}};
      return false;
    }
    const auto* text = name->get_ptr<const json::string_t*>();
    if (!text) {
      problem = {Code::json_record, "name", shown(*name, offset, {"name"}), {}};
      return false;
    }
    if (NameError e = api_name(*text, owner); e != NameError::none) {
      problem = {name_error_code(e), "name", clip(*text), {}};
      return false;
    }
    return true;
  }

  // ttl: seconds, 1 meaning automatic; absent is the API's default, 1.
  bool read_ttl(const json& rec, size_t offset, Zone::NewRecord& r, Problem& problem, Code& warning) {
    const json* ttl = member(rec, "ttl");
    uint64_t value = 1;
    if (ttl) {
      auto fail = [&](Code code) {
        problem = {code, "ttl", shown(*ttl, offset, {"ttl"}), {}};
        return false;
      };
      if (const auto* u = ttl->get_ptr<const json::number_unsigned_t*>()) {
        value = *u;
      } else if (const auto* i = ttl->get_ptr<const json::number_integer_t*>()) {
        if (*i < 0) return fail(Code::bad_ttl);
        value = uint64_t(*i);
      } else if (const auto* d = ttl->get_ptr<const json::number_float_t*>()) {
        if (!(*d >= 0) || *d != std::floor(*d)) return fail(Code::bad_ttl);
        if (*d > 4294967295.0) return fail(Code::number_overflow);
        value = uint64_t(*d);
      } else {
        return fail(Code::json_record);
      }
      if (value > 0xffffffffu) return fail(Code::number_overflow);
      // RFC 2181 §8: a TTL with the top bit set is to be read as zero.
      if (value > 0x7fffffffu) warning = Code::ttl_too_large;
    }
    r.ttl = uint32_t(value);
    if (value == 1) r.flags |= kRecordTtlAuto;
    return true;
  }

  // Tokens for parse_rdata, each remembering the JSON member it came from.
  struct Pieces {
    std::vector<TextToken> tokens;
    std::vector<std::string> fields;  // JSON member, per token
    std::deque<std::string> owned;    // texts made here; a deque keeps them in place

    void add(std::string_view text, bool quoted, std::string_view field, const RecordPlace& place) {
      tokens.push_back(TextToken{text, place.line, place.column, quoted});
      fields.emplace_back(field);
    }
    void add_owned(std::string text, bool quoted, std::string_view field, const RecordPlace& place) {
      owned.push_back(std::move(text));
      add(owned.back(), quoted, field, place);
    }
  };

  bool read_rdata(const json& rec, const RecordPlace& place, uint16_t type, std::string& wire, Problem& problem,
                  Problem& split_warning) {
    size_t offset = place.offset;
    Pieces pieces;
    std::string missing_field = "content";  // blamed when parse_rdata runs out of tokens
    std::string whole;                      // shown for a missing field

    const DataLayout* layout = find_data_layout(type);
    const json* data = member(rec, "data");
    if (data && !data->is_object()) {
      problem = {Code::json_record, "data", shown(*data, offset, {"data"}), {}};
      return false;
    }
    if (layout && data && !data->empty()) {
      if (!data_pieces(rec, *data, *layout, place, pieces, problem)) return false;
    } else {
      const json* content = member(rec, "content");
      if (!content) {
        problem = {Code::missing_field, "content", {}, {}};
        return false;
      }
      const auto* text = content->get_ptr<const json::string_t*>();
      if (!text) {
        problem = {Code::json_record, "content", shown(*content, offset, {"content"}), {}};
        return false;
      }
      whole = *text;
      if (is_txt_like(type) && !is_presentation_text(*text)) return raw_text_rdata(*text, wire, problem);
      std::vector<TextToken> cut;
      if (!tokenize_presentation(*text, cut)) {
        problem = {Code::unterminated_quote, "content", clip(*text), {}};
        return false;
      }
      const RRType* t = find_type(type);
      bool generic = !cut.empty() && !cut[0].quoted && cut[0].text == "\\#";
      if (t && takes_top_priority(type) && !generic && cut.size() + 1 == t->field_count) {
        // Content without its first field: it is in "priority".
        const json* priority = member(rec, "priority");
        if (!priority) {
          problem = {Code::missing_field, "priority", {}, std::string(t->fields[0].name)};
          return false;
        }
        if (!priority->is_number()) {
          problem = {Code::json_record, "priority", shown(*priority, offset, {"priority"}), {}};
          return false;
        }
        pieces.add_owned(number_token(*priority), false, "priority", place);
      }
      // Cloudflare's API gives a LOC's content as "IN LOC 37 46 46 N ..."
      // (its schema: "Formatted LOC content", read-only; `data` holds the
      // parts): the class and the type stand in front of the RDATA.
      constexpr uint16_t kTypeLoc = 29;  // RFC 1876
      size_t first = 0;
      auto word = [&](size_t i, std::string_view w) {
        if (cut[i].quoted || cut[i].text.size() != w.size()) return false;
        for (size_t k = 0; k < w.size(); ++k)
          if ((cut[i].text[k] | 0x20) != (w[k] | 0x20)) return false;
        return true;
      };
      if (type == kTypeLoc && cut.size() > 2 && word(0, "in") && word(1, "loc")) first = 2;
      for (size_t i = first; i < cut.size(); ++i) pieces.add(cut[i].text, cut[i].quoted, "content", place);
    }

    RdataError error;
    RdataSplit split;
    if (parse_rdata(type, pieces.tokens, kRoot, wire, error, &split)) {
      // Presentation-form content (quoted) with a string over 255 octets:
      // kept split, as in a zone file. Raw content is split without a word:
      // that is the API's own reading of it.
      if (split.happened())
        split_warning = {Code::txt_string_split, pieces.fields[split.token],
                         shown_token(rec, offset, pieces, split.token), std::to_string(split.octets)};
      return true;
    }
    problem.code = error.code;
    problem.detail = std::string(error.field);
    if (error.token < pieces.tokens.size()) {
      problem.field = pieces.fields[error.token];
      problem.token = error.shown.empty() ? shown_token(rec, offset, pieces, error.token) : clip(error.shown);
    } else {
      problem.field = missing_field;
      problem.token = clip(whole);
    }
    return false;
  }

  // What to show for token `i`: the JSON number as written for numbers
  // made here, else the token's text.
  std::string shown_token(const json& rec, size_t offset, const Pieces& pieces, size_t i) {
    const std::string& field = pieces.fields[i];
    if (field == "priority") {
      if (const json* p = member(rec, "priority")) return shown(*p, offset, {"priority"});
    } else if (field.starts_with("data.")) {
      std::string_view key = std::string_view(field).substr(5);
      const json* data = member(rec, "data");
      if (const json* v = data ? member(*data, key) : nullptr; v && v->is_number())
        return shown(*v, offset, {"data", key});
    }
    return clip(pieces.tokens[i].text);
  }

  bool data_pieces(const json& rec, const json& data, const DataLayout& layout, const RecordPlace& place,
                   Pieces& pieces, Problem& problem) {
    size_t offset = place.offset;
    for (size_t k = 0; k < layout.count; ++k) {
      const DataMember& m = layout.members[k];
      std::string field = "data." + std::string(m.key);
      const json* v = member(data, m.key);
      if (!v && m.key == "priority") {
        // Older SRV and URI answers keep priority at the top level only.
        v = member(rec, "priority");
        field = "priority";
      }
      if (!v) {
        problem = {Code::missing_field, field, {}, {}};
        return false;
      }
      const auto* text = v->get_ptr<const json::string_t*>();
      bool type_ok = m.kind == DataKind::number ? v->is_number() : text != nullptr;
      if (!type_ok) {
        std::string shown_text =
            field == "priority" ? shown(*v, offset, {"priority"}) : shown(*v, offset, {"data", m.key});
        problem = {Code::json_record, field, shown_text, {}};
        return false;
      }
      switch (m.kind) {
        case DataKind::number: pieces.add_owned(number_token(*v), false, field, place); break;
        case DataKind::quoted: pieces.add_owned(quoted_token(*text), true, field, place); break;
        case DataKind::text: {
          std::vector<TextToken> cut;
          if (!tokenize_presentation(*text, cut)) {
            problem = {Code::unterminated_quote, field, clip(*text), {}};
            return false;
          }
          if (cut.empty()) {
            problem = {Code::missing_field, field, {}, {}};
            return false;
          }
          for (const TextToken& tk : cut) pieces.add(tk.text, tk.quoted, field, place);
          break;
        }
      }
    }
    return true;
  }

  // TXT content in quotes is presentation form (`"v=spf1 ..."`, or several
  // strings); anything else is the text itself.
  static bool is_presentation_text(std::string_view text) {
    size_t b = text.find_first_not_of(" \t");
    size_t e = text.find_last_not_of(" \t");
    if (b == std::string_view::npos || e == b) return false;
    if (text[b] != '"' || text[e] != '"') return false;
    std::vector<TextToken> cut;
    return tokenize_presentation(text, cut);
  }

  // Raw text cut into <character-string>s of at most 255 octets (RFC 1035
  // §3.3.14), as Cloudflare does on export.
  static bool raw_text_rdata(std::string_view text, std::string& wire, Problem& problem) {
    size_t strings = text.empty() ? 1 : (text.size() + 254) / 255;
    if (text.size() + strings > kMaxRdataLength) {
      problem = {Code::rdata_too_long, "content", clip(text), "text"};
      return false;
    }
    size_t p = 0;
    do {
      size_t n = std::min<size_t>(255, text.size() - p);
      wire.push_back(char(n));
      wire.append(text.substr(p, n));
      p += n;
    } while (p < text.size());
    return true;
  }

  std::string_view text_;
  uint32_t file_;
  Zone& zone_;
  const ParseOptions& options_;
  JsonScanner scanner_;
  LineCounter lines_;
  bool stopped_ = false;
};

}  // namespace

void import_cloudflare_json(std::string_view text, uint32_t file, Zone& zone, const ParseOptions& options) {
  Importer(text, file, zone, options).run();
}

}  // namespace mxray
