#include "doh/json.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <vector>

#include "dns/rdata.h"
#include "dns/types.h"
#include "zone/parser.h"

namespace mxray {
namespace {

using json = nlohmann::json;

constexpr std::string_view kRoot{"\0", 1};
constexpr size_t kMaxStringLength = 255;  // RFC 1035 §3.3: <character-string>
constexpr size_t kMaxDetailToken = 80;

// The member `key` of an object, or nullptr when it is absent or null.
const json* member(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

// A JSON number that is a whole number in 0..max. nlohmann keeps
// non-negative integers as unsigned; negatives and fractions fail here.
bool whole_number(const json& v, uint64_t max, uint64_t& out) {
  if (!v.is_number_unsigned()) return false;
  out = v.get<uint64_t>();
  return out <= max;
}

// Names arrive absolute with a trailing dot; one without is taken as
// absolute too (origin = root).
bool json_name(const json* v, WireName& out) {
  return v && v->is_string() && parse_name(v->get_ref<const std::string&>(), kRoot, out) == NameError::none;
}

// Google sends the number; a mnemonic is accepted as well.
bool json_type(const json* v, uint16_t& out) {
  if (!v) return false;
  uint64_t n;
  if (whole_number(*v, 0xFFFF, n)) {
    out = uint16_t(n);
    return true;
  }
  if (!v->is_string()) return false;
  auto code = parse_type_name(v->get_ref<const std::string&>());
  if (!code) return false;
  out = *code;
  return true;
}

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Appends `text` as <character-string>s of at most 255 octets (one empty one
// when `text` is empty).
void append_strings(std::string& wire, std::string_view text) {
  do {
    const size_t n = std::min(text.size(), kMaxStringLength);
    wire.push_back(char(n));
    wire.append(text.substr(0, n));
    text.remove_prefix(n);
  } while (!text.empty());
}

// TXT and SPF `data`. Cloudflare sends quoted strings separated by spaces
// (`"a" "b"`), Google's example joins them (`"a""b"`), and some resolvers
// send the text bare. Each quoted piece is one <character-string> (split at
// 255 octets if a sender joined them); bare text is taken as it is and cut
// into 255-octet strings.
bool txt_rdata(std::string_view data, std::string& wire) {
  size_t first = 0;
  while (first < data.size() && is_blank(data[first])) ++first;
  if (first == data.size() || data[first] != '"') {
    append_strings(wire, data);
    return true;
  }
  std::vector<TextToken> tokens;
  if (!tokenize_presentation(data, tokens)) return false;
  std::string piece;
  for (const TextToken& t : tokens) {
    piece.clear();
    if (!unescape(t.text, piece)) return false;
    append_strings(wire, piece);
  }
  return true;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Plain hex, blanks allowed between digit pairs' words ("0a0b 0c").
bool plain_hex(std::string_view data, std::string& wire) {
  int high = -1;
  for (char c : data) {
    if (is_blank(c)) continue;
    const int v = hex_digit(c);
    if (v < 0) return false;
    if (high < 0) {
      high = v;
    } else {
      wire.push_back(char(high << 4 | v));
      high = -1;
    }
  }
  return high < 0;
}

// `data` for any other type: presentation text (RFC 3597 `\# len hex`
// included) for the types the table knows, `\# len hex` or plain hex for the
// rest. A known type in plain hex (a resolver that does not know it) is
// accepted when the bytes are well-formed for the type.
bool other_rdata(uint16_t type, std::string_view data, std::string& wire) {
  std::vector<TextToken> tokens;
  if (tokenize_presentation(data, tokens)) {
    RdataError error;
    const bool generic = !tokens.empty() && !tokens[0].quoted && tokens[0].text == "\\#";
    if (generic || find_type(type)) {
      if (parse_rdata(type, tokens, kRoot, wire, error)) return true;
      if (generic) return false;
    }
  }
  wire.clear();
  if (!plain_hex(data, wire) || wire.size() > kMaxRdataLength) return false;
  return rdata_is_well_formed(type, wire);
}

struct Decoder {
  Message& out;
  DohJsonProblem& problem;

  bool fail(DohJsonError e, std::string detail) {
    problem.error = e;
    problem.detail = std::move(detail);
    return false;
  }

  bool flags(const json& top) {
    static constexpr struct {
      const char* key;
      uint16_t bit;
    } kFlags[] = {
        {"TC", dnsflag::TC}, {"RD", dnsflag::RD}, {"RA", dnsflag::RA}, {"AD", dnsflag::AD}, {"CD", dnsflag::CD}};
    out.flags = dnsflag::QR;  // it is an answer
    for (const auto& f : kFlags) {
      const json* v = member(top, f.key);
      if (!v) continue;
      if (!v->is_boolean()) return fail(DohJsonError::bad_flag, f.key);
      if (v->get<bool>()) out.flags = uint16_t(out.flags | f.bit);
    }
    return true;
  }

  // "Question": [{"name": "example.com.", "type": 1}]; a lone object is
  // taken as a list of one.
  bool questions(const json& top) {
    const json* list = member(top, "Question");
    if (!list) return true;
    if (list->is_object()) return question(*list, 0);
    if (!list->is_array()) return fail(DohJsonError::bad_question, "Question is not a list");
    for (size_t i = 0; i < list->size(); ++i)
      if (!question((*list)[i], i)) return false;
    return true;
  }

  bool question(const json& entry, size_t index) {
    const std::string where = "Question[" + std::to_string(index) + "]";
    if (!entry.is_object()) return fail(DohJsonError::bad_question, where + " is not an object");
    Question q;
    if (!json_name(member(entry, "name"), q.name)) return fail(DohJsonError::bad_question, where + ".name");
    if (!json_type(member(entry, "type"), q.type)) return fail(DohJsonError::bad_question, where + ".type");
    out.questions.push_back(q);
    return true;
  }

  bool section(const json& top, const char* key, std::vector<ResourceRecord>& records) {
    const json* list = member(top, key);
    if (!list) return true;
    if (!list->is_array()) return fail(DohJsonError::bad_record, std::string(key) + " is not a list");
    records.reserve(list->size());
    std::string where;
    for (size_t i = 0; i < list->size(); ++i) {
      where.assign(key).append("[").append(std::to_string(i)).append("]");
      if (!record((*list)[i], where, records)) return false;
    }
    return true;
  }

  bool record(const json& entry, const std::string& where, std::vector<ResourceRecord>& records) {
    if (!entry.is_object()) return fail(DohJsonError::bad_record, where + " is not an object");
    ResourceRecord r;
    if (!json_name(member(entry, "name"), r.owner)) return fail(DohJsonError::bad_record, where + ".name");
    if (!json_type(member(entry, "type"), r.type)) return fail(DohJsonError::bad_record, where + ".type");
    const json* ttl = member(entry, "TTL");
    uint64_t seconds;
    if (!ttl || !whole_number(*ttl, 0xFFFFFFFFu, seconds)) return fail(DohJsonError::bad_record, where + ".TTL");
    r.ttl = uint32_t(seconds);
    const json* data = member(entry, "data");
    if (!data || !data->is_string()) return fail(DohJsonError::bad_record, where + ".data");
    const std::string& text = data->get_ref<const std::string&>();
    const bool ok = (r.type == rrtype::TXT || r.type == rrtype::SPF) ? txt_rdata(text, r.rdata)
                                                                     : other_rdata(r.type, text, r.rdata);
    if (!ok || r.rdata.size() > kMaxRdataLength) {
      std::string detail = where + " " + type_name(r.type) + ": " + text.substr(0, kMaxDetailToken);
      return fail(DohJsonError::bad_data, std::move(detail));
    }
    records.push_back(std::move(r));
    return true;
  }

  // "Comment": one string, or a list of them (Cloudflare's EDE messages).
  // Anything else is ignored: it is commentary, not the answer.
  void comment(const json& top) {
    const json* v = member(top, "Comment");
    if (!v) return;
    if (v->is_string()) {
      out.comment = v->get<std::string>();
      return;
    }
    if (!v->is_array()) return;
    for (const json& item : *v) {
      if (!item.is_string()) continue;
      if (!out.comment.empty()) out.comment += "; ";
      out.comment += item.get_ref<const std::string&>();
    }
  }
};

}  // namespace

std::string_view doh_json_error_name(DohJsonError e) {
  switch (e) {
    case DohJsonError::none: return "none";
    case DohJsonError::not_json: return "not-json";
    case DohJsonError::not_object: return "not-object";
    case DohJsonError::bad_status: return "bad-status";
    case DohJsonError::bad_flag: return "bad-flag";
    case DohJsonError::bad_question: return "bad-question";
    case DohJsonError::bad_record: return "bad-record";
    case DohJsonError::bad_data: return "bad-data";
    case DohJsonError::too_large: return "too-large";
    case DohJsonError::too_deep: return "too-deep";
  }
  return "unknown";
}

namespace {

// The deepest nesting of arrays and objects in `text`, brackets inside
// strings aside; stops counting past kMaxDohJsonDepth.
unsigned json_depth(std::string_view text) {
  unsigned depth = 0, deepest = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
      if (deepest > kMaxDohJsonDepth) break;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

}  // namespace

bool decode_doh_json(std::string_view text, Message& out, DohJsonProblem& problem) {
  out = Message{};
  problem = DohJsonProblem{};
  Decoder d{out, problem};
  if (text.size() > kMaxDohJsonBytes) return d.fail(DohJsonError::too_large, std::to_string(text.size()) + " bytes");
  if (json_depth(text) > kMaxDohJsonDepth) return d.fail(DohJsonError::too_deep, "");
  // The non-throwing parse: a syntax error gives a discarded value.
  const json top = json::parse(text.begin(), text.end(), nullptr, false);
  if (top.is_discarded()) return d.fail(DohJsonError::not_json, "");
  if (!top.is_object()) return d.fail(DohJsonError::not_object, "");
  const json* status = member(top, "Status");
  uint64_t rcode;
  if (!status || !whole_number(*status, 0xFFF, rcode)) return d.fail(DohJsonError::bad_status, "Status");
  out.rcode = uint16_t(rcode);
  if (!d.flags(top) || !d.questions(top) || !d.section(top, "Answer", out.answer) ||
      !d.section(top, "Authority", out.authority) || !d.section(top, "Additional", out.additional))
    return false;
  d.comment(top);
  return true;
}

}  // namespace mxray
