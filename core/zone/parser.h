// Master files (RFC 1035 §5) as exported by panels and by Cloudflare, fed in
// chunks of any size. The parser keeps going after a bad record: each error
// becomes a Diagnostic and parsing resumes at the next record.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dns/name.h"
#include "dns/rdata.h"
#include "zone/zone.h"

namespace mxray {

struct ParseLimits {
  // Bytes of the main input (at most 4 GiB); the files it includes may
  // bring as much again, all together: an $INCLUDE whose text would pass
  // that is refused ("input-too-large" on its line) and the parse goes on.
  uint64_t max_input_bytes = uint64_t(1) << 30;
  size_t max_records = 20'000'000;
  size_t max_diagnostics = 1000;  // kept; later ones are only counted
  // Files open at once below the main input. A loop ends sooner: an
  // $INCLUDE of a file still being read is "include-loop" on its line, the
  // file known by its name (the main input's as given, an include's path as
  // written), so "./a" and "a" are two names and meet this bound instead.
  unsigned max_include_depth = 8;
  // $INCLUDE directives of one input for which the shell is asked for a
  // file, found or not, at every depth. Nesting multiplies them (a line of
  // `$INCLUDE b` 3,000 times, b itself 3,000 lines of `$INCLUDE e`, is 9
  // million reads of e from 45 KB), and an empty or missing file costs
  // nothing against max_input_bytes. Past it an $INCLUDE is "include-limit"
  // (detail: the limit), reported once, and the later ones are only counted
  // in Zone::rejected_records.
  uint32_t max_includes = 10'000;
  uint32_t max_generate = 65536;  // records one $GENERATE may produce
  // Bytes the records of all $GENERATE directives of one input may take in
  // the store, counted as they are made (kept or not): each record's slot
  // (Zone::kRecordSlotBytes) plus its owner and RDATA in wire form. One line
  // may otherwise make 65536 records of 64 KiB each (4 GiB). The directive
  // that passes it is refused whole ("generate-limit").
  uint64_t max_generate_bytes = uint64_t(64) << 20;
  // Bytes in one line or entry (a record over several lines in
  // parentheses): bounds what a streamed parse holds back for an unfinished
  // entry. A record's RDATA is at most 65535 octets, 262,140 characters as
  // \DDD escapes; past the limit the entry is an error ("entry-too-long")
  // and parsing resumes after the first line end at or past the limit.
  size_t max_entry_bytes = size_t(1) << 20;
  // Bytes the record store may hold (Zone::memory_bytes(): the record slots
  // and the blocks of names and RDATA), checked before each record is added,
  // so the store passes it by at most one block of each (3 MiB). The store
  // follows a record's names in wire form, not its text: ` CNAME b` under a
  // 252-octet $ORIGIN is 10 bytes of text and about 295 stored, so the input
  // limit alone does not bound it. A realistic zone takes about 1.4 times its
  // text. Past it a record is "too-many-records" (detail: "N bytes"), once.
  uint64_t max_store_bytes = uint64_t(1) << 30;
};

// Whether the store may take another record, under max_records and
// max_store_bytes; when not, `detail` is the limit passed, for the
// too-many-records diagnostic ("20000000" or "1073741824 bytes").
bool store_has_room(const Zone& zone, const ParseLimits& limits, std::string& detail);

struct ParseOptions {
  std::string origin;  // presentation form; empty: from the input
  InputFormat format = InputFormat::automatic;
  ParseLimits limits;
};

// The shell's answer to `$INCLUDE path`: the file's text, or nothing when it
// cannot be had ("include-not-found"), or a refusal: the file lies outside
// the folders the shell reads includes from ("include-outside"). The core
// never opens files itself. It is not asked for a file that is still being
// read (include-loop), nor past ParseLimits::max_includes.
struct IncludeFile {
  std::optional<std::string> text;
  bool outside = false;  // refused by the shell: not in a folder it may read
  IncludeFile() = default;
  IncludeFile(std::nullopt_t) {}
  IncludeFile(std::string t) : text(std::move(t)) {}
  IncludeFile(std::optional<std::string> t) : text(std::move(t)) {}
  static IncludeFile refused_outside() {
    IncludeFile f;
    f.outside = true;
    return f;
  }
};
using IncludeResolver = std::function<IncludeFile(std::string_view path)>;

class ZoneParser {
 public:
  ZoneParser(Zone& zone, std::string file_name, ParseOptions options, IncludeResolver includes = {});
  ~ZoneParser();
  ZoneParser(const ZoneParser&) = delete;
  ZoneParser& operator=(const ZoneParser&) = delete;

  // Hands over the next bytes of the input. Complete records are parsed at
  // once; a record cut by the chunk's end waits for the next call.
  void feed(std::string_view bytes);
  // Ends the input: parses what is left. Call once, after the last feed().
  void finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// One-shot convenience: the whole text at once.
// The options a shell gives the parser, as JSON: {"origin": "example.com.",
// "format": "auto" | "bind" | "cloudflare" | "cloudflare-json", "limits":
// {"max_input_bytes", "max_records", "max_diagnostics", "max_include_depth",
// "max_includes", "max_generate"}}. A value of the wrong type, a count its field cannot hold
// and an unknown format leave the defaults; text that is not a JSON object
// gives them all.
ParseOptions parse_options_from_json(std::string_view text);

Zone parse_zone(std::string_view text, std::string file_name, const ParseOptions& options,
                IncludeResolver includes = {});

// Cuts one line of presentation text (a record's RDATA, say) into tokens,
// with quotes and escapes as in a master file; no parentheses or comments.
// False when a quote is left open.
bool tokenize_presentation(std::string_view text, std::vector<TextToken>& out);

// Guesses the format from the first bytes of an input.
InputFormat detect_format(std::string_view head);

}  // namespace mxray
