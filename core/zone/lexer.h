// The master-file lexer (RFC 1035 §5.1): cuts the bytes of one input into
// entries, the tokens of one record or directive, following parentheses,
// quotes, escapes and comments, in bytes that may end mid-entry. Internal to
// the zone parser (zone/parser.h); tokenize_presentation() is its public
// face for one line of text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "dns/diagnostic.h"
#include "dns/rdata.h"
#include "zone/scan.h"

namespace mxray::lexer {

// One logical entry of a master file: the tokens of a record or directive,
// possibly spread over several lines by parentheses.
struct Entry {
  std::vector<TextToken> tokens;
  bool blank_start = false;  // the owner was omitted
  std::string_view comment;  // the last comment of the entry, without ';'
  uint32_t comment_line = 0;
  uint32_t comment_column = 0;
  uint32_t first_line = 0;
  uint32_t last_line = 0;
  uint64_t begin = 0;  // absolute offsets in the file
  uint64_t end = 0;
};

struct LexError {
  Code code{};
  uint32_t line = 0;
  uint32_t column = 0;
  uint32_t record_line = 0;
  std::string_view token;
};

enum class Lex { entry, done, need_more, error };

// A window onto one input: the main file (fed in chunks) or an include.
struct Source {
  const char* data = nullptr;
  size_t size = 0;
  uint64_t base = 0;  // absolute offset of data[0]
  size_t pos = 0;
  uint32_t line = 1;
  uint64_t line_start = 0;  // absolute offset of the current line
  uint32_t file = 0;
  bool final = false;
  // ParseLimits::max_entry_bytes; and, after an entry over it was cut at
  // the end of `data`, the rest of its line is still to be skipped. The
  // default is "no limit" with room to spare: the lexer adds small offsets
  // and entry positions to it, which must not wrap around.
  size_t max_entry = ~size_t(0) >> 2;
  bool skipping = false;
  // The lexer's classified 64-byte block of `data` (scan::BlockBits), kept
  // from one entry to the next; `block` is its start, or kNoBlock.
  size_t block = kNoBlock;
  scan::BlockBits bits;

  static constexpr size_t kNoBlock = ~size_t(0);
  // Points the source at new bytes; the classified block is dropped.
  void reset(const char* d, size_t n) {
    data = d;
    size = n;
    pos = 0;
    block = kNoBlock;
  }

  uint32_t column_at(size_t p) const { return uint32_t(base + p - line_start + 1); }
};

class Lexer {
 public:
  // Cuts the next entry. On need_more the source is left at the entry's start.
  static Lex next(Source& s, Entry& e, LexError& err);
};

}  // namespace mxray::lexer
