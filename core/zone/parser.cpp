// The zone parser's input and records: the main input fed in chunks, each
// entry the lexer cuts handed to the record parser (or to the directives,
// directives.cpp), and the public API of zone/parser.h.
#include "zone/parser.h"

#include <algorithm>
#include <cstring>

#include <nlohmann/json.hpp>

#include "dns/json_count.h"
#include "dns/types.h"
#include "zone/cf_tags.h"
#include "zone/cloudflare_json.h"
#include "zone/parser_impl.h"

namespace mxray {

void ZoneParser::Impl::start() {
  started = true;
  // A UTF-8 byte order mark is not part of the zone (it would else start
  // the first owner name): skipped, and said, since editors add it unseen
  // and other readers of the file may not skip it.
  if (pending.size() >= 3 && std::memcmp(pending.data(), "\xEF\xBB\xBF", 3) == 0) {
    pending.erase(0, 3);
    main.base = 3;
    main.line_start = 3;
    report(Code::utf8_bom, main.file, 1, 1, 1, {});
  }
  format = options.format == InputFormat::automatic ? detect_format(pending) : options.format;
  zone.format = format;
  std::string origin_text = options.origin;
  if (origin_text.empty() && format == InputFormat::cloudflare_export) origin_text = export_domain(pending);
  if (!origin_text.empty()) {
    if (origin_text.back() != '.') origin_text.push_back('.');
    WireName o;
    NameError e = parse_name(origin_text, {}, o);
    if (e == NameError::none) {
      origin = o;
      zone.apex.assign(o.view());
    } else {
      report(name_error_code(e), main.file, 0, 0, 0, options.origin, "origin", "$ORIGIN");
    }
  }
}

std::string ZoneParser::Impl::export_domain(std::string_view head) {
  size_t at = head.find(";; Domain:");
  if (at == std::string_view::npos || at > 4096) return {};
  size_t p = at + 10;
  while (p < head.size() && (head[p] == ' ' || head[p] == '\t')) ++p;
  size_t q = p;
  while (q < head.size() && head[q] != '\n' && head[q] != '\r' && head[q] != ' ' && head[q] != '\t') ++q;
  return std::string(head.substr(p, q - p));
}

void ZoneParser::Impl::feed(std::string_view bytes) {
  if (stopped || finished) return;
  fed += bytes.size();
  if (fed > options.limits.max_input_bytes) {
    report(Code::input_too_large, main.file, main.line, 0, main.line, "", {}, {},
           std::to_string(options.limits.max_input_bytes));
    stopped = true;
    size_t room = bytes.size() - size_t(fed - options.limits.max_input_bytes);
    pending.append(bytes.substr(0, room));
    // A record cut by the limit is not a record: keep whole lines only.
    size_t last_newline = pending.rfind('\n');
    pending.resize(last_newline == std::string::npos ? 0 : last_newline + 1);
    return;
  }
  if (started && pending.empty() && format != InputFormat::cloudflare_json) {
    // Parse straight from the caller's bytes; keep only an unfinished tail.
    run_on(bytes, false);
    return;
  }
  if (started && format != InputFormat::cloudflare_json) {
    // An unfinished entry waits in `pending`: add the new bytes a little
    // at a time until it is done, then go on in the caller's bytes, so
    // that a large chunk is not copied whole.
    const uint64_t bytes_base = main.base + pending.size();  // offset of bytes[0]
    size_t taken = 0;
    size_t want = std::max<size_t>(4096, pending.size());
    for (;;) {
      const size_t take = std::min(bytes.size(), want) - taken;
      pending.append(bytes.substr(taken, take));
      taken += take;
      run(false);
      if (main.base >= bytes_base) {
        // What is left in `pending` is a copy of the caller's bytes.
        pending.clear();
        run_on(bytes.substr(size_t(main.base - bytes_base)), false);
        return;
      }
      if (taken == bytes.size()) return;
      want *= 2;
    }
  }
  pending.append(bytes);
  if (!started) {
    if (pending.size() < 4096) return;  // enough to recognise the format
    start();
  }
  if (format != InputFormat::cloudflare_json) run(false);
}

void ZoneParser::Impl::finish() {
  if (finished) return;
  if (!started) start();
  finished = true;
  if (format == InputFormat::cloudflare_json) {
    // A JSON document cut by the input limit cannot be read at all; the
    // input-too-large error already says why.
    if (!stopped) import_cloudflare_json(pending, main.file, zone, options);
    pending.clear();
    return;
  }
  run(true);
  // Records read before the apex was known (no origin given, the SOA or
  // $ORIGIN further down): checked now that it is.
  if (!zone.apex.empty())
    for (size_t i = 0; i < records_before_apex && i < zone.size(); ++i) {
      const RecordView r = zone.record(i);
      if (!name_is_under(r.owner.view(), zone.apex))
        report_out_of_zone(r.span.file, r.span.first_line, r.owner.view(), r.type);
    }
  // Cloudflare writes TTL 1 for "automatic" (docs/sources.md#cloudflare-export-format).
  if (format == InputFormat::cloudflare_export) zone.mark_ttl_auto(1);
}

void ZoneParser::Impl::run(bool final) {
  main.reset(pending.data(), pending.size());
  main.final = final;
  parse_source(main);
  // Keep only what the lexer could not finish.
  pending.erase(0, main.pos);
  main.base += main.pos;
  main.pos = 0;
}

void ZoneParser::Impl::run_on(std::string_view bytes, bool final) {
  main.reset(bytes.data(), bytes.size());
  main.final = final;
  parse_source(main);
  pending.assign(bytes.substr(main.pos));
  main.base += main.pos;
  main.pos = 0;
}

void ZoneParser::Impl::parse_source(Source& s) {
  for (;;) {
    LexError err;
    Lex r = Lexer::next(s, entry, err);
    if (r == Lex::need_more || r == Lex::done) return;
    if (r == Lex::error) {
      report(err.code, s.file, err.line, err.column, err.record_line, err.token, {}, {},
             err.code == Code::entry_too_long ? std::to_string(s.max_entry) : std::string());
      ++zone.rejected_records;
      continue;
    }
    handle_entry(s);
  }
}

void ZoneParser::Impl::handle_entry(Source& s) {
  const Entry& e = entry;
  const TextToken& first = e.tokens[0];
  if (!e.blank_start && !first.quoted && first.text[0] == '$') {
    directive(s);
    return;
  }
  if (!record(s, e, e.tokens, e.blank_start, 0, e.comment)) ++zone.rejected_records;
}

bool ZoneParser::Impl::record(const Source& s, const Entry& e, std::span<const TextToken> t, bool owner_omitted,
                              uint8_t flags, std::string_view comment) {
  size_t i = 0;
  if (!record_owner(s, e, t, owner_omitted, i)) return false;
  RecordHead head;
  if (!record_head(s, e, t, i, head)) return false;
  uint16_t type;
  if (!record_type(s, e, t, i, type)) return false;
  std::string_view rdata_wire;
  if (!record_rdata(s, e, t, t.subspan(i + 1), type, rdata_wire)) return false;
  uint16_t cls;
  if (!record_class(s, e, t[i], head, type, cls)) return false;
  uint32_t ttl;
  if (!record_ttl(s, e, t[i], head, type, rdata_wire, ttl)) return false;
  return store_record(s, e, t, type, cls, ttl, rdata_wire, flags, comment);
}

MXRAY_ALWAYS_INLINE bool ZoneParser::Impl::record_owner(const Source& s, const Entry& e, std::span<const TextToken> t,
                                                        bool owner_omitted, size_t& i) {
  if (owner_omitted) {
    if (!has_last_owner) {
      report_at(Code::missing_owner, s, e, t[0], "owner");
      return false;
    }
    return true;
  }
  if (!parse_owner(t[0], owners[owner_slot ^ 1])) {
    report_at(owner_error, s, e, t[0], "owner");
    return false;
  }
  owner_slot ^= 1;
  has_last_owner = true;
  i = 1;
  // A NUL octet in a label is valid DNS (RFC 2181 §11: any octet), and the
  // name keeps it (printed \000), so it is a warning, not an error; but no
  // host name holds one, and tools that read names as C strings cut them
  // there. Length octets are never 0 before the root's, so one memchr finds it.
  const std::string_view w = owners[owner_slot].view();
  if (w.size() > 1 && std::memchr(w.data(), 0, w.size() - 1)) report_at(Code::name_nul, s, e, t[0], "owner");
  return true;
}

MXRAY_ALWAYS_INLINE bool ZoneParser::Impl::record_head(const Source& s, const Entry& e, std::span<const TextToken> t,
                                                       size_t& i, RecordHead& head) {
  for (int k = 0; k < 2 && i < t.size() && !t[i].quoted; ++k) {
    const std::string_view text = t[i].text;
    if (!head.rclass) {
      if (auto c = class_name(text)) {
        head.rclass = c;
        head.class_token = &t[i];
        ++i;
        continue;
      }
    }
    if (!head.ttl && starts_with_digit(text)) {
      uint32_t v;
      if (!ttl_value(text, v)) {
        report_at(Code::bad_ttl, s, e, t[i], "TTL");
        return false;
      }
      head.ttl = v;
      head.ttl_token = &t[i];
      ++i;
      continue;
    }
    break;
  }
  return true;
}

MXRAY_ALWAYS_INLINE bool ZoneParser::Impl::record_type(const Source& s, const Entry& e, std::span<const TextToken> t,
                                                       size_t i, uint16_t& type) {
  if (i >= t.size()) {
    report_missing(s, e, t, "type", {});
    return false;
  }
  std::optional<uint16_t> code;
  if (!t[i].quoted) code = type_code_of(t[i].text);
  if (!code) {
    report_at(Code::unknown_type, s, e, t[i], "type");
    return false;
  }
  type = *code;
  return true;
}

MXRAY_ALWAYS_INLINE bool ZoneParser::Impl::record_rdata(const Source& s, const Entry& e, std::span<const TextToken> t,
                                                        std::span<const TextToken> rd, uint16_t type,
                                                        std::string_view& wire) {
  if (size_t n = fast_rdata(type, rd, origin.view(), rdbuf.get())) {
    wire = std::string_view(rdbuf.get(), n - 1);
    return true;
  }
  rdata.clear();
  RdataError rerr;
  RdataSplit split;
  if (!parse_rdata(type, rd, origin.view(), rdata, rerr, &split)) {
    if (rerr.token >= rd.size())
      report_missing(s, e, t, rerr.field, type_name(type));
    else if (rerr.shown.empty())
      report_at(rerr.code, s, e, rd[rerr.token], rerr.field, type_name(type));
    else
      report_at(rerr.code, s, e, TextToken{rerr.shown, rd[rerr.token].line, rd[rerr.token].column, false}, rerr.field,
                type_name(type));
    return false;
  }
  // Cloudflare's exports of about 2022 write a DKIM key as one string
  // over 255 octets: kept, split, and said (the record would else be lost).
  if (split.happened())
    report_at(Code::txt_string_split, s, e, rd[split.token], "text", type_name(type), std::to_string(split.octets));
  wire = rdata;
  return true;
}

MXRAY_ALWAYS_INLINE bool ZoneParser::Impl::record_class(const Source& s, const Entry& e, const TextToken& type_token,
                                                        const RecordHead& head, uint16_t type, uint16_t& cls) {
  cls = head.rclass.value_or(zone_class.value_or(rrclass::IN));
  if (!zone_class) {
    zone_class = cls;
  } else if (cls != *zone_class) {
    report_at(Code::class_mismatch, s, e, head.class_token ? *head.class_token : type_token, "class", type_name(type));
    return false;
  }
  return true;
}

MXRAY_ALWAYS_INLINE bool ZoneParser::Impl::record_ttl(const Source& s, const Entry& e, const TextToken& type_token,
                                                      const RecordHead& head, uint16_t type,
                                                      std::string_view rdata_wire, uint32_t& record_ttl) {
  if (head.ttl) {
    record_ttl = *head.ttl;
    last_ttl = head.ttl;
  } else if (default_ttl) {
    record_ttl = *default_ttl;
  } else if (last_ttl) {
    record_ttl = *last_ttl;
  } else if (type == rrtype::SOA && rdata_wire.size() >= 4) {
    const auto* m = reinterpret_cast<const uint8_t*>(rdata_wire.data() + rdata_wire.size() - 4);
    record_ttl = uint32_t(m[0]) << 24 | uint32_t(m[1]) << 16 | uint32_t(m[2]) << 8 | m[3];
    last_ttl = record_ttl;
  } else {
    report_at(Code::missing_ttl, s, e, type_token, "TTL", type_name(type));
    return false;
  }
  if (record_ttl > kMaxTtl) {
    report_at(Code::ttl_too_large, s, e, head.ttl_token ? *head.ttl_token : type_token, "TTL", type_name(type));
    record_ttl = 0;
  }
  return true;
}

MXRAY_ALWAYS_INLINE bool ZoneParser::Impl::store_record(const Source& s, const Entry& e, std::span<const TextToken> t,
                                                        uint16_t type, uint16_t cls, uint32_t ttl,
                                                        std::string_view rdata_wire, uint8_t flags,
                                                        std::string_view comment) {
  const WireName& owner = owners[owner_slot];
  if (zone.apex.empty() && type == rrtype::SOA) zone.apex.assign(owner.view());
  if (std::string limit; !store_has_room(zone, options.limits, limit)) {
    if (!record_limit_hit) {
      record_limit_hit = true;
      report_at(Code::too_many_records, s, e, t[0], {}, {}, std::move(limit));
    }
    return false;
  }
  Zone::NewRecord r;
  r.owner = owner.view();
  r.ttl = ttl;
  r.type = type;
  r.rclass = cls;
  r.rdata = rdata_wire;
  r.flags = flags;
  if (!comment.empty()) apply_cf_tags(s, e, comment, type, r);
  r.span = SourceSpan{s.file, e.first_line, e.last_line, e.begin, uint32_t(e.end - e.begin)};
  if (zone.apex.empty())
    ++records_before_apex;
  else if (!name_is_under(r.owner, zone.apex))
    report_out_of_zone(s.file, e.first_line, r.owner, type);
  if (!zone.add(r)) {
    if (!record_limit_hit) {
      record_limit_hit = true;
      // The store is full: 4 GiB of names and RDATA, or a record from the
      // 65536th file (record spans hold a 16-bit file index).
      report_at(Code::too_many_records, s, e, t[0], {}, {}, s.file > UINT16_MAX ? "65535 files" : "4 GiB");
    }
    return false;
  }
  return true;
}

void ZoneParser::Impl::apply_cf_tags(const Source& s, const Entry& e, std::string_view comment, uint16_t type,
                                     Zone::NewRecord& r) {
  CfTags tags;
  CfTagsStatus st = parse_cf_tags(comment, tags);
  // cf_tags anywhere make the input a Cloudflare export, wherever the
  // first one falls (so the result never depends on how it was chunked).
  if (st != CfTagsStatus::none && format == InputFormat::bind && options.format == InputFormat::automatic)
    format = zone.format = InputFormat::cloudflare_export;
  if (st == CfTagsStatus::malformed) {
    report(Code::bad_cf_tags, s.file, e.comment_line, e.comment_column, e.first_line, comment, "cf_tags",
           type_name(type));
  } else if (st == CfTagsStatus::ok) {
    r.proxied = tags.proxied;
    if (tags.flatten_cname) r.flags |= kRecordFlatten;
  }
}

// BIND and Knot drop such a record ("ignoring out-of-zone data"); mxray
// keeps it, as a record of its own name, and says so.
void ZoneParser::Impl::report_out_of_zone(uint32_t file, uint32_t line, std::string_view owner, uint16_t type) {
  // Past the cap a warning is not kept (nor counted): a zone read under the
  // wrong origin, all of it outside, should not print a million names first.
  if (zone.diagnostics.size() > options.limits.max_diagnostics) return;
  report(Code::out_of_zone, file, line, 1, line, name_text(owner), "owner", type_name(type), name_text(zone.apex));
}

bool ZoneParser::Impl::parse_owner(const TextToken& t, WireName& out) {
  if (t.quoted) {
    owner_error = Code::bad_name;
    return false;
  }
  NameError err = parse_name(t.text, origin.view(), out);
  if (err != NameError::none) {
    owner_error = name_error_code(err);
    return false;
  }
  // Cloudflare writes the SOA owner without its trailing dot (docs/sources.md#cloudflare-export-format):
  // a relative owner that spells the origin itself means the origin.
  if (format == InputFormat::cloudflare_export && !t.text.empty() && t.text.back() != '.' && t.text != "@" &&
      !origin.empty()) {
    std::string absolute(t.text);
    absolute.push_back('.');
    WireName alt;
    if (parse_name(absolute, {}, alt) == NameError::none && names_equal(alt.view(), origin.view())) out = alt;
  }
  return true;
}

ZoneParser::ZoneParser(Zone& zone, std::string file_name, ParseOptions options, IncludeResolver includes)
    : impl_(std::make_unique<Impl>(zone, std::move(file_name), std::move(options), std::move(includes))) {}
ZoneParser::~ZoneParser() = default;
void ZoneParser::feed(std::string_view bytes) { impl_->feed(bytes); }
void ZoneParser::finish() { impl_->finish(); }

bool store_has_room(const Zone& zone, const ParseLimits& limits, std::string& detail) {
  if (zone.size() >= limits.max_records)
    detail = std::to_string(limits.max_records);
  else if (zone.memory_bytes() >= limits.max_store_bytes)
    detail = std::to_string(limits.max_store_bytes) + " bytes";
  else
    return true;
  return false;
}

ParseOptions parse_options_from_json(std::string_view text) {
  ParseOptions o;
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return o;
  if (auto it = j.find("origin"); it != j.end() && it->is_string()) o.origin = it->get<std::string>();
  if (auto it = j.find("format"); it != j.end() && it->is_string()) {
    const std::string& f = it->get_ref<const std::string&>();
    o.format = f == "bind"              ? InputFormat::bind
               : f == "cloudflare"      ? InputFormat::cloudflare_export
               : f == "cloudflare-json" ? InputFormat::cloudflare_json
                                        : InputFormat::automatic;
  }
  if (auto it = j.find("limits"); it != j.end() && it->is_object()) {
    read_count(*it, "max_input_bytes", o.limits.max_input_bytes);
    read_count(*it, "max_records", o.limits.max_records);
    read_count(*it, "max_diagnostics", o.limits.max_diagnostics);
    read_count(*it, "max_include_depth", o.limits.max_include_depth);
    read_count(*it, "max_includes", o.limits.max_includes);
    read_count(*it, "max_generate", o.limits.max_generate);
  }
  return o;
}

Zone parse_zone(std::string_view text, std::string file_name, const ParseOptions& options, IncludeResolver includes) {
  Zone zone;
  ZoneParser parser(zone, std::move(file_name), options, std::move(includes));
  parser.feed(text);
  parser.finish();
  return zone;
}

InputFormat detect_format(std::string_view head) {
  size_t p = 0;
  if (head.size() >= 3 && head.substr(0, 3) == "\xEF\xBB\xBF") p = 3;
  while (p < head.size() && (head[p] == ' ' || head[p] == '\t' || head[p] == '\r' || head[p] == '\n')) ++p;
  if (p < head.size() && (head[p] == '{' || head[p] == '[')) return InputFormat::cloudflare_json;
  // The same window the streaming parser waits for before it decides.
  std::string_view window = head.substr(0, 4096);
  if (window.find(";; Domain:") != std::string_view::npos || window.find("cf_tags=") != std::string_view::npos)
    return InputFormat::cloudflare_export;
  return InputFormat::bind;
}

}  // namespace mxray
