// Internal to the zone parser: the state of one parse (ZoneParser::Impl),
// shared by its pieces: parser.cpp (the input, entries and records) and
// directives.cpp ($ORIGIN, $TTL, $INCLUDE, $GENERATE). The lexer is
// zone/lexer.h, the fast paths of the common records zone/fast_paths.h.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dns/diagnostic.h"
#include "dns/name.h"
#include "dns/rdata.h"
#include "zone/fast_paths.h"
#include "zone/lexer.h"
#include "zone/parser.h"
#include "zone/scan.h"

namespace mxray {

using lexer::Entry;
using lexer::Lex;
using lexer::Lexer;
using lexer::LexError;
using lexer::Source;

inline bool starts_with_digit(std::string_view t) { return !t.empty() && t[0] >= '0' && t[0] <= '9'; }

// RFC 2181 §8: a TTL with the top bit set is to be treated as zero.
constexpr uint32_t kMaxTtl = 0x7fffffff;

struct ZoneParser::Impl {
  Zone& zone;
  ParseOptions options;
  IncludeResolver includes;
  InputFormat format = InputFormat::automatic;

  std::string pending;  // bytes of the main input not yet consumed
  Source main;
  uint64_t fed = 0;
  bool started = false;
  bool stopped = false;  // input over its limit: the rest is ignored
  bool finished = false;

  // Master-file state (RFC 1035 §5.1).
  WireName origin;
  // The last owner is owners[owner_slot]; a new one is parsed into the
  // other slot, so that neither a failed parse nor a success copies a name.
  WireName owners[2];
  unsigned owner_slot = 0;
  bool has_last_owner = false;
  std::optional<uint32_t> default_ttl;  // $TTL
  std::optional<uint32_t> last_ttl;     // last explicit TTL
  std::optional<uint16_t> zone_class;
  // The files being read, outermost first (indices into zone.files): the
  // main input, then one more per level of $INCLUDE. An $INCLUDE of one of
  // them is a loop. A file is known by its name: the main input by the name
  // it was given, an include by its path as written.
  std::vector<uint32_t> open_files;
  bool record_limit_hit = false;
  uint64_t generated_bytes = 0;  // by $GENERATE, against max_generate_bytes
  uint64_t included_bytes = 0;   // text of $INCLUDE files, against max_input_bytes
  uint32_t includes_asked = 0;   // $INCLUDEs the shell was asked for, against max_includes
  // Records stored while the apex was unknown: the first ones of the zone,
  // checked for out-of-zone owners once the parse is done.
  size_t records_before_apex = 0;

  Entry entry;
  std::string rdata;  // RDATA made by parse_rdata
  // RDATA made by fast_rdata (zone/fast_paths.h).
  std::unique_ptr<char[]> rdbuf = std::make_unique<char[]>(kFastRdataBufferSize);

  Impl(Zone& z, std::string file_name, ParseOptions o, IncludeResolver inc)
      : zone(z), options(std::move(o)), includes(std::move(inc)) {
    zone.files.push_back(std::move(file_name));
    main.file = uint32_t(zone.files.size() - 1);
    open_files.push_back(main.file);
    main.max_entry = options.limits.max_entry_bytes;
    // Record spans hold 32-bit offsets.
    options.limits.max_input_bytes = std::min<uint64_t>(options.limits.max_input_bytes, UINT32_MAX);
  }

  void report(Code code, uint32_t file, uint32_t line, uint32_t column, uint32_t record_line, std::string_view token,
              std::string_view field = {}, std::string_view type = {}, std::string detail = {}) {
    Diagnostic d;
    d.code = code;
    d.severity = default_severity(code);
    d.file = file;
    d.line = line;
    d.column = column;
    d.record_line = record_line;
    d.token.assign(token.substr(0, 80));
    d.field.assign(field);
    d.type.assign(type);
    d.detail = std::move(detail);
    zone.report(std::move(d), options.limits.max_diagnostics);
  }

  void report_at(Code code, const Source& s, const Entry& e, const TextToken& t, std::string_view field = {},
                 std::string_view type = {}, std::string detail = {}) {
    report(code, s.file, t.line, t.column, e.first_line, t.text, field, type, std::move(detail));
  }

  // Reports a problem "after the last token" (a missing field).
  void report_missing(const Source& s, const Entry& e, std::span<const TextToken> tokens, std::string_view field,
                      std::string_view type) {
    const TextToken& last = tokens.back();
    uint32_t column = last.column + uint32_t(last.text.size()) + (last.quoted ? 2 : 0);
    report(Code::missing_field, s.file, last.line, column, e.first_line, "", field, type);
  }

  // ---------------------------------------------------------------- input

  void start();
  // The domain in a Cloudflare export's header: ";; Domain:     example.com."
  static std::string export_domain(std::string_view head);

  void feed(std::string_view bytes);
  void finish();
  void run(bool final);
  void run_on(std::string_view bytes, bool final);

  void parse_source(Source& s);

  // -------------------------------------------------------------- entries

  void handle_entry(Source& s);

  // What comes between the owner and the type: a TTL and a class, each
  // optional, in either order (RFC 1035 §5.1).
  struct RecordHead {
    std::optional<uint32_t> ttl;
    std::optional<uint16_t> rclass;
    const TextToken* ttl_token = nullptr;
    const TextToken* class_token = nullptr;
  };

  // Parses `[owner] [ttl] [class] type rdata...` and stores the record.
  bool record(const Source& s, const Entry& e, std::span<const TextToken> t, bool owner_omitted, uint8_t flags,
              std::string_view comment);

  // The owner: parsed into the spare slot, which becomes the last owner, or
  // the last owner when omitted. `i` moves past it.
  MXRAY_ALWAYS_INLINE bool record_owner(const Source& s, const Entry& e, std::span<const TextToken> t,
                                        bool owner_omitted, size_t& i);

  MXRAY_ALWAYS_INLINE bool record_head(const Source& s, const Entry& e, std::span<const TextToken> t, size_t& i,
                                       RecordHead& head);

  MXRAY_ALWAYS_INLINE bool record_type(const Source& s, const Entry& e, std::span<const TextToken> t, size_t i,
                                       uint16_t& type);

  // The RDATA in wire form, from fast_rdata or else parse_rdata; `wire`
  // points into rdbuf or `rdata`.
  MXRAY_ALWAYS_INLINE bool record_rdata(const Source& s, const Entry& e, std::span<const TextToken> t,
                                        std::span<const TextToken> rd, uint16_t type, std::string_view& wire);

  // Class: stated, else the zone's (RFC 1035 §5.1: the last one stated).
  MXRAY_ALWAYS_INLINE bool record_class(const Source& s, const Entry& e, const TextToken& type_token,
                                        const RecordHead& head, uint16_t type, uint16_t& cls);

  // TTL: stated, else $TTL, else the last one stated (RFC 2308 §4,
  // RFC 1035 §5.1), else an SOA's own minimum, as BIND and dnspython do.
  MXRAY_ALWAYS_INLINE bool record_ttl(const Source& s, const Entry& e, const TextToken& type_token,
                                      const RecordHead& head, uint16_t type, std::string_view rdata_wire,
                                      uint32_t& record_ttl);

  // Adds the record under the last owner, within the store's limits.
  MXRAY_ALWAYS_INLINE bool store_record(const Source& s, const Entry& e, std::span<const TextToken> t, uint16_t type,
                                        uint16_t cls, uint32_t ttl, std::string_view rdata_wire, uint8_t flags,
                                        std::string_view comment);

  // Cloudflare's cf_tags in a record's comment (proxied, flatten_cname).
  void apply_cf_tags(const Source& s, const Entry& e, std::string_view comment, uint16_t type, Zone::NewRecord& r);

  // A record whose owner is not at or under the apex (warning out-of-zone).
  void report_out_of_zone(uint32_t file, uint32_t line, std::string_view owner, uint16_t type);

  // The owner of a record (its error, when it does not parse, in owner_error).
  bool parse_owner(const TextToken& t, WireName& out);
  Code owner_error = Code::bad_name;

  // ----------------------------------------------------------- directives

  void directive(Source& s);
  void bad_directive(const Source& s, const TextToken& at, std::string_view which);
  void include(const Source& s);

  // BIND's $GENERATE range lhs [ttl] [class] type rhs
  // (BIND 9 ARM, "BIND Primary File Extension: the $GENERATE Directive").
  void generate(const Source& s);

  // Index of the first rhs token: after lhs and the optional ttl/class, the
  // type, then the rhs.
  static size_t rhs_index(const std::vector<TextToken>& t);

  // Substitutes $, ${offset[,width[,base]]} in a $GENERATE template.
  static bool expand(std::string_view tpl, uint64_t value, std::string& out);
};

}  // namespace mxray
