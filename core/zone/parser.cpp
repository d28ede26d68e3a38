#include "zone/parser.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

#include <nlohmann/json.hpp>

#include "dns/json_count.h"
#include "dns/types.h"
#include "zone/cf_tags.h"
#include "zone/cloudflare_json.h"
#include "zone/scan.h"

namespace mxray {
namespace {

// ------------------------------------------------------------------ lexer

enum CharClass : uint8_t {
  kPlain = 0,
  kBlank = 1,  // space, tab, CR
  kNewline = 2,
  kSpecial = 4,  // ; ( ) "
  kEscape = 8,   // backslash
};

constexpr auto kClasses = [] {
  std::array<uint8_t, 256> t{};
  t[' '] = t['\t'] = t['\r'] = kBlank;
  t['\n'] = kNewline;
  t[';'] = t['('] = t[')'] = t['"'] = kSpecial;
  t['\\'] = kEscape;
  return t;
}();

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
  // the end of `data`, the rest of its line is still to be skipped.
  size_t max_entry = ~size_t(0);
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
  static Lex next(Source& s, Entry& e, LexError& err) {
    if (s.skipping && !skip_line(s)) return s.final ? Lex::done : Lex::need_more;
    Scan scan(s, e, err);
    return scan.run();
  }

 private:
  // What a phase of the scan tells its loop: return one of the Lex values,
  // go on with the entry, or start over at the next line (the line was
  // blank or a comment).
  enum class Flow : uint8_t { entry, done, need_more, error, go, next_line };
  static_assert(int(Flow::entry) == int(Lex::entry) && int(Flow::done) == int(Lex::done) &&
                int(Flow::need_more) == int(Lex::need_more) && int(Flow::error) == int(Lex::error));

  // One call of next(). The hot loop works on these copies of the source's
  // fields, which stay in registers once every phase is inlined: the fields
  // of `s` itself would be reloaded after every push_back, as far as the
  // compiler knows.
  struct Scan {
    Source& s;
    Entry& e;
    LexError& err;
    const char* const d;
    const size_t size;
    const uint64_t base;
    const bool final;
    uint32_t line;
    uint64_t line_start;
    // The classified block: searches for a token's end or for the next
    // non-blank look at its bits, and classify the next block only when
    // they run off this one.
    size_t block;
    uint64_t ends, blanks;
    // The entry being cut: where it started, and where the scan is.
    size_t entry_pos = 0;
    uint32_t entry_line = 0;
    uint64_t entry_line_start = 0;
    size_t p = 0;
    int depth = 0;
    uint32_t paren_line = 0, paren_column = 0;

    Scan(Source& src, Entry& entry, LexError& error)
        : s(src),
          e(entry),
          err(error),
          d(src.data),
          size(src.size),
          base(src.base),
          final(src.final),
          line(src.line),
          line_start(src.line_start),
          block(src.block),
          ends(src.bits.ends),
          blanks(src.bits.blanks) {}

    MXRAY_ALWAYS_INLINE Lex run() {
      for (;;) {
        begin_entry();
        for (;;) {
          const Flow f = step();
          if (f == Flow::go) continue;
          if (f == Flow::next_line) break;
          return Lex(f);
        }
      }
    }

    // One token, blank run, line end, comment, parenthesis or the input's end.
    MXRAY_ALWAYS_INLINE Flow step() {
      if ((p & ~size_t(63)) == block && in_block()) return Flow::go;
      if (p >= size) return input_end();
      const uint8_t cls = kClasses[uint8_t(d[p])];
      if (cls == kPlain) return plain_token();
      if (cls == kBlank) {
        p = skip_blanks(p + 1);
        return Flow::go;
      }
      if (cls == kNewline) return line_end();
      if (cls == kEscape) return escaped_token(p);
      const char c = d[p];
      if (c == ';') return comment();
      if (c == '(') return open_paren();
      if (c == ')') return close_paren();
      return quoted_string();
    }

    // ------------------------------------------------------ the block bits

    MXRAY_ALWAYS_INLINE void load_block(size_t b) {
      block = b;
      const scan::BlockBits bits = b + 64 <= size ? scan::classify_block(d + b) : scan::classify_tail(d + b, size - b);
      ends = bits.ends;
      blanks = bits.blanks;
    }
    // First byte at or after q that ends an unquoted token, or size.
    MXRAY_ALWAYS_INLINE size_t token_end(size_t q) {
      for (;;) {
        const size_t b = q & ~size_t(63);
        if (b != block) {
          if (q >= size) return size;
          load_block(b);
        }
        if (const uint64_t m = ends >> (q & 63)) return q + size_t(std::countr_zero(m));
        q = b + 64;
      }
    }
    // First byte at or after q that is not a blank, or size.
    MXRAY_ALWAYS_INLINE size_t skip_blanks(size_t q) {
      for (;;) {
        const size_t b = q & ~size_t(63);
        if (b != block) {
          if (q >= size) return size;
          load_block(b);
        }
        if (const uint64_t m = ~blanks >> (q & 63)) return q + size_t(std::countr_zero(m));
        q = b + 64;
      }
    }
    // Fast path inside the classified block: a plain token that ends in it,
    // or a run of blanks that does. The rest, and anything that crosses
    // into the next block, goes the general way (false).
    MXRAY_ALWAYS_INLINE bool in_block() {
      const unsigned off = unsigned(p & 63);
      const uint64_t m = ends >> off;
      if (!(m & 1)) {
        if (m) {
          const size_t q = p + size_t(std::countr_zero(m));
          if (q < size && d[q] != '\\') {
            push_token(p, q, false);
            p = q;
            return true;
          }
        }
      } else if ((blanks >> off) & 1) {
        if (const uint64_t nb = ~blanks >> off) {
          p += size_t(std::countr_zero(nb));
          return true;
        }
      }
      return false;
    }

    // ----------------------------------------------------------- positions

    MXRAY_ALWAYS_INLINE uint32_t col(size_t at) const { return uint32_t(base + at - line_start + 1); }
    MXRAY_ALWAYS_INLINE void sync() {
      s.line = line;
      s.line_start = line_start;
      s.block = block;
      s.bits = scan::BlockBits{ends, blanks};
    }
    // Hands the position to a helper that works on `s`.
    MXRAY_ALWAYS_INLINE void at(size_t pos) {
      s.pos = pos;
      sync();
    }
    MXRAY_ALWAYS_INLINE void new_line(size_t next) {
      p = next;
      ++line;
      line_start = base + p;
    }
    MXRAY_ALWAYS_INLINE void push_token(size_t start, size_t end, bool quoted) {
      e.tokens.push_back(TextToken{std::string_view(d + start, end - start), line, col(start), quoted});
    }

    MXRAY_ALWAYS_INLINE void begin_entry() {
      entry_pos = s.pos;
      entry_line = line;
      entry_line_start = line_start;
      e.tokens.clear();
      e.comment = {};
      e.first_line = line;
      e.begin = base + s.pos;
      e.blank_start = s.pos < size && (d[s.pos] == ' ' || d[s.pos] == '\t');
      depth = 0;
      paren_line = 0;
      paren_column = 0;
      p = s.pos;
    }

    // ------------------------------------------------------ ends of entries

    // An entry or line over the limit: an error, and the parse resumes after
    // the first line end at or past the limit, in the bytes at hand or
    // (skipping) in the next ones. The same place whatever the chunks, since
    // it depends on the entry's start and the limit only.
    MXRAY_ALWAYS_INLINE Flow cut() {
      err = {Code::entry_too_long, entry_line, uint32_t(base + entry_pos - entry_line_start + 1), entry_line,
             std::string_view(d + entry_pos, std::min<size_t>(size - entry_pos, 80))};
      const size_t from = entry_pos + s.max_entry;
      const char* nl = from < size ? static_cast<const char*>(std::memchr(d + from, '\n', size - from)) : nullptr;
      const size_t stop = nl ? size_t(nl - d) + 1 : size;
      line = entry_line;
      line_start = entry_line_start;
      for (const char* c = d + entry_pos; (c = static_cast<const char*>(std::memchr(c, '\n', stop - size_t(c - d))));) {
        ++line;
        line_start = base + size_t(++c - d);
      }
      s.skipping = !nl && !final;
      at(stop);
      return Flow::error;
    }
    // An error's skip ran to s.pos: past the limit, the entry is cut like
    // any other (rewind() cuts it when the bytes end before the skip does).
    MXRAY_ALWAYS_INLINE Flow skipped() { return s.pos - entry_pos > s.max_entry + 2 ? cut() : Flow::error; }
    // Not enough bytes: the source goes back to the entry's start.
    MXRAY_ALWAYS_INLINE Flow rewind() {
      // Lookahead past an entry's end is at most a line end ("\r\n").
      if (size - entry_pos > s.max_entry + 2) return cut();
      s.pos = entry_pos;
      s.line = entry_line;
      s.line_start = entry_line_start;
      s.block = block;
      s.bits = scan::BlockBits{ends, blanks};
      return Flow::need_more;
    }

    MXRAY_ALWAYS_INLINE Flow input_end() {
      if (!final) return rewind();
      at(p);
      if (p - entry_pos > s.max_entry) return cut();
      if (depth > 0) {
        err = {Code::unclosed_paren, paren_line, paren_column, e.first_line, "("};
        resume_after_line(s, entry_pos, entry_line, entry_line_start);
        return Flow::error;
      }
      if (e.tokens.empty()) return Flow::done;
      e.end = base + p;
      if (p > 0 && d[p - 1] == '\r') --e.end;
      e.last_line = line;
      return Flow::entry;
    }

    MXRAY_ALWAYS_INLINE Flow line_end() {
      if (depth > 0) {
        new_line(p + 1);
        return Flow::go;
      }
      if (p - entry_pos > s.max_entry) return cut();
      if (e.tokens.empty()) {
        // A blank or comment-only line: not an entry.
        new_line(p + 1);
        s.pos = p;
        sync();
        return Flow::next_line;
      }
      size_t end = p;
      if (end > 0 && d[end - 1] == '\r') --end;
      e.end = base + end;
      e.last_line = line;
      new_line(p + 1);
      at(p);
      return Flow::entry;
    }

    // ---------------------------------------------------------------- tokens

    // An unquoted token without escapes, the common case.
    MXRAY_ALWAYS_INLINE Flow plain_token() {
      const size_t start = p;
      p = token_end(p + 1);
      if (p < size && d[p] == '\\') return escaped_token(start);
      return token_done(start);
    }
    // An unquoted token with escapes, from `start`; p is at a '\\' or past
    // the token's plain start.
    MXRAY_ALWAYS_INLINE Flow escaped_token(size_t start) {
      p = escaped_token_end(s, e, err, start, p, line, line_start, depth);
      if (p == kLexStop) return rewind();
      if (p == kLexError) return skipped();
      return token_done(start);
    }
    MXRAY_ALWAYS_INLINE Flow token_done(size_t start) {
      if (p >= size && !final) return rewind();
      push_token(start, p, false);
      return Flow::go;
    }

    MXRAY_ALWAYS_INLINE Flow comment() {
      const size_t end = size_t(scan::find(d + p, d + size, '\n') - d);
      if (end == size && !final) return rewind();
      size_t cend = end;
      if (cend > p + 1 && d[cend - 1] == '\r') --cend;
      e.comment = std::string_view(d + p + 1, cend - p - 1);
      e.comment_line = line;
      e.comment_column = col(p);
      p = end;
      return Flow::go;
    }

    MXRAY_ALWAYS_INLINE Flow open_paren() {
      if (depth++ == 0) {
        paren_line = line;
        paren_column = col(p);
      }
      ++p;
      return Flow::go;
    }

    MXRAY_ALWAYS_INLINE Flow close_paren() {
      if (depth == 0) {
        err = {Code::unbalanced_paren, line, col(p), e.first_line, ")"};
        at(p + 1);
        if (!skip_rest(s, 0)) return rewind();
        return skipped();
      }
      --depth;
      ++p;
      return Flow::go;
    }

    // A quoted string: up to the next unescaped '"' on the same line.
    MXRAY_ALWAYS_INLINE Flow quoted_string() {
      const size_t open = p;
      size_t q = p + 1;
      for (;;) {
        if (q >= size) {
          if (!final) return rewind();
          break;
        }
        q = size_t(scan::quote_stop(d + q, d + size) - d);
        if (q >= size) continue;
        const char ch = d[q];
        if (ch == '"' || ch == '\n') break;
        if (ch == '\\' && q + 1 < size && d[q + 1] == '\n') {
          // An escaped line end inside the string: the string goes on,
          // and so does the line count.
          q += 2;
          ++line;
          line_start = base + q;
          continue;
        }
        q += (ch == '\\') ? 2 : 1;
      }
      if (q >= size || d[q] != '"') {
        err = {Code::unterminated_quote, line, col(open), e.first_line,
               std::string_view(d + open, std::min<size_t>(std::min(q, size) - open, 80))};
        at(std::min(q, size));
        if (!skip_rest(s, depth)) return rewind();
        return skipped();
      }
      e.tokens.push_back(TextToken{std::string_view(d + open + 1, q - open - 1), line, col(open), true});
      p = q + 1;
      return Flow::go;
    }
  };

  // Skips the rest of a line cut by the entry limit; false when no line
  // end is in the bytes at hand (all of them skipped).
  static bool skip_line(Source& s) {
    const char* nl =
        s.pos < s.size ? static_cast<const char*>(std::memchr(s.data + s.pos, '\n', s.size - s.pos)) : nullptr;
    if (!nl) {
      s.pos = s.size;
      return false;
    }
    s.pos = size_t(nl - s.data) + 1;
    ++s.line;
    s.line_start = s.base + s.pos;
    s.skipping = false;
    return true;
  }

  static constexpr size_t kLexStop = ~size_t(0);     // need more input
  static constexpr size_t kLexError = kLexStop - 1;  // `err` is filled

  // The end of an unquoted token with escapes, from p (at a '\\' or past
  // the token's plain start); kLexStop or kLexError as next() would return
  // need_more or error.
  static size_t escaped_token_end(Source& s, const Entry& e, LexError& err, size_t start, size_t p, uint32_t line,
                                  uint64_t line_start, int depth) {
    const char* const d = s.data;
    const size_t size = s.size;
    auto at = [&](size_t pos) {
      s.pos = pos;
      s.line = line;
      s.line_start = line_start;
    };
    auto col = [&](size_t pos) { return uint32_t(s.base + pos - line_start + 1); };
    for (;;) {
      p = size_t(scan::token_end(d + p, d + size) - d);
      if (p >= size || d[p] != '\\') return p;
      if (p + 1 >= size) {
        if (!s.final) return kLexStop;
        err = {Code::bad_escape, line, col(p), e.first_line, "\\"};
        at(size);
        return kLexError;
      }
      if (d[p + 1] == '\n' || d[p + 1] == '\r') {
        err = {Code::bad_escape, line, col(p), e.first_line,
               std::string_view(d + start, std::min<size_t>(p + 1 - start, 80))};
        at(p + 1);
        if (!skip_rest(s, depth)) return kLexStop;
        return kLexError;
      }
      p += 2;
    }
  }

  // After an error: skips to the end of the entry, following parentheses
  // (quotes and comments honoured) so the rest of a broken multi-line record
  // is not read as new records. If the end of input comes first, resumes at
  // the line after the error instead, so nothing valid is lost.
  static bool skip_rest(Source& s, int depth) {
    const size_t err_pos = s.pos;
    const uint32_t err_line = s.line;
    const uint64_t err_line_start = s.line_start;
    size_t p = s.pos;
    const char* d = s.data;
    while (p < s.size) {
      char c = d[p];
      if (c == '\n') {
        ++p;
        ++s.line;
        s.line_start = s.base + p;
        if (depth <= 0) {
          s.pos = p;
          return true;
        }
        continue;
      }
      if (c == ';') {
        const void* nl = std::memchr(d + p, '\n', s.size - p);
        p = nl ? size_t(static_cast<const char*>(nl) - d) : s.size;
        continue;
      }
      if (c == '(') ++depth;
      if (c == ')') --depth;
      ++p;
    }
    if (!s.final) {
      s.pos = err_pos;
      s.line = err_line;
      s.line_start = err_line_start;
      return false;
    }
    if (depth <= 0) {
      s.pos = p;
      return true;
    }
    // Unbalanced to the end: resume after the line the error was on.
    s.pos = err_pos;
    s.line = err_line;
    s.line_start = err_line_start;
    resume_after_line(s, err_pos, err_line, err_line_start);
    return true;
  }

  static void resume_after_line(Source& s, size_t from, uint32_t line, uint64_t line_start) {
    const void* nl = std::memchr(s.data + from, '\n', s.size - from);
    if (!nl) {
      s.pos = s.size;
      s.line = line;
      s.line_start = line_start;
      return;
    }
    s.pos = size_t(static_cast<const char*>(nl) - s.data) + 1;
    s.line = line + 1;
    s.line_start = s.base + s.pos;
  }
};

inline bool starts_with_digit(std::string_view t) { return !t.empty() && t[0] >= '0' && t[0] <= '9'; }

// RFC 2181 §8: a TTL with the top bit set is to be treated as zero.
constexpr uint32_t kMaxTtl = 0x7fffffff;

// Fast paths for the fields of the common records. Each gives exactly what
// the general function gives, or declines, and then the general function
// runs (and finds the same value, or the error to report).

// Up to 8 octets, little-endian, letters folded to lower case. OR-ing 0x20
// folds exactly for comparisons with lower-case letters: c | 0x20 equals a
// letter l only when c is l or its upper case.
inline uint64_t folded_key(std::string_view t) {
  uint64_t key = 0;
  for (size_t k = 0; k < t.size(); ++k) key |= uint64_t(uint8_t(t[k]) | 0x20) << (8 * k);
  return key;
}
constexpr uint64_t key_of(std::string_view lower) {
  uint64_t key = 0;
  for (size_t k = 0; k < lower.size(); ++k) key |= uint64_t(uint8_t(lower[k])) << (8 * k);
  return key;
}

// parse_class_name, with "IN" and the tokens that cannot be a class (TTLs,
// types that do not start like a class) answered here.
inline std::optional<uint16_t> class_name(std::string_view t) {
  if (t.size() < 2) return std::nullopt;
  const char first = char(t[0] | 0x20);
  if (t.size() == 2 && first == 'i' && (t[1] | 0x20) == 'n') return rrclass::IN;
  if (first != 'i' && first != 'c' && first != 'h' && first != 'n' && first != 'a') return std::nullopt;
  return parse_class_name(t);
}

// parse_period == ok; plain numbers of up to 9 digits cannot overflow.
inline bool ttl_value(std::string_view t, uint32_t& value) {
  if (t.size() <= 9) {
    uint32_t v = 0;
    size_t k = 0;
    for (; k < t.size(); ++k) {
      const unsigned digit = unsigned(uint8_t(t[k])) - '0';
      if (digit > 9) break;
      v = v * 10 + digit;
    }
    if (k == t.size()) {
      value = v;
      return true;
    }
  }
  return parse_period(t, value) == NumberStatus::ok;
}

// parse_type_name, with the common mnemonics answered here.
inline std::optional<uint16_t> type_code_of(std::string_view t) {
  if (t.size() - 1 < 5) {
    const uint64_t key = folded_key(t);
    switch (t.size()) {
      case 1:
        if (key == key_of("a")) return rrtype::A;
        break;
      case 2:
        if (key == key_of("mx")) return rrtype::MX;
        if (key == key_of("ns")) return rrtype::NS;
        break;
      case 3:
        if (key == key_of("txt")) return rrtype::TXT;
        if (key == key_of("srv")) return rrtype::SRV;
        if (key == key_of("caa")) return rrtype::CAA;
        if (key == key_of("soa")) return rrtype::SOA;
        if (key == key_of("ptr")) return rrtype::PTR;
        break;
      case 4:
        if (key == key_of("aaaa")) return rrtype::AAAA;
        break;
      case 5:
        if (key == key_of("cname")) return rrtype::CNAME;
        break;
    }
  }
  return parse_type_name(t);
}

// A u16 field (parse_decimal up to 65535) of at most 5 digits.
inline bool u16_value(const TextToken& tk, uint16_t& value) {
  const std::string_view t = tk.text;
  if (tk.quoted || t.empty() || t.size() > 5) return false;
  uint32_t v = 0;
  for (char c : t) {
    const unsigned digit = unsigned(uint8_t(c)) - '0';
    if (digit > 9) return false;
    v = v * 10 + digit;
  }
  if (v > 0xffff) return false;
  value = uint16_t(v);
  return true;
}

inline char* put_u16(char* w, uint16_t v) {
  w[0] = char(v >> 8);
  w[1] = char(v & 0xff);
  return w + 2;
}

}  // namespace

// -------------------------------------------------------------- the parser

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

  Entry entry;
  std::string rdata;  // RDATA made by parse_rdata
  // RDATA made by fast_rdata: the largest it writes (TXT) and slack for
  // word-sized stores past the end.
  static constexpr size_t kRdbufSize = kMaxRdataLength + 64;
  std::unique_ptr<char[]> rdbuf = std::make_unique<char[]>(kRdbufSize);

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

  void start() {
    started = true;
    // A UTF-8 byte order mark is not part of the zone.
    if (pending.size() >= 3 && std::memcmp(pending.data(), "\xEF\xBB\xBF", 3) == 0) {
      pending.erase(0, 3);
      main.base = 3;
      main.line_start = 3;
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

  // The domain in a Cloudflare export's header: ";; Domain:     example.com."
  static std::string export_domain(std::string_view head) {
    size_t at = head.find(";; Domain:");
    if (at == std::string_view::npos || at > 4096) return {};
    size_t p = at + 10;
    while (p < head.size() && (head[p] == ' ' || head[p] == '\t')) ++p;
    size_t q = p;
    while (q < head.size() && head[q] != '\n' && head[q] != '\r' && head[q] != ' ' && head[q] != '\t') ++q;
    return std::string(head.substr(p, q - p));
  }

  void feed(std::string_view bytes) {
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

  void finish() {
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
    // Cloudflare writes TTL 1 for "automatic" (facts §3.1).
    if (format == InputFormat::cloudflare_export) zone.mark_ttl_auto(1);
  }

  void run(bool final) {
    main.reset(pending.data(), pending.size());
    main.final = final;
    parse_source(main);
    // Keep only what the lexer could not finish.
    pending.erase(0, main.pos);
    main.base += main.pos;
    main.pos = 0;
  }

  void run_on(std::string_view bytes, bool final) {
    main.reset(bytes.data(), bytes.size());
    main.final = final;
    parse_source(main);
    pending.assign(bytes.substr(main.pos));
    main.base += main.pos;
    main.pos = 0;
  }

  void parse_source(Source& s) {
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

  // -------------------------------------------------------------- entries

  void handle_entry(Source& s) {
    const Entry& e = entry;
    const TextToken& first = e.tokens[0];
    if (!e.blank_start && !first.quoted && first.text[0] == '$') {
      directive(s);
      return;
    }
    if (!record(s, e, e.tokens, e.blank_start, 0, e.comment)) ++zone.rejected_records;
  }

  // The RDATA of the common types, written to rdbuf; its length plus one,
  // or 0 when parse_rdata is to decide (other types, generic form, escapes,
  // errors, anything unusual).
  size_t fast_rdata(uint16_t type, std::span<const TextToken> rd) {
    if (rd.empty()) return 0;
    char* const w = rdbuf.get();
    const TextToken& first = rd[0];
    // A name field; its end in w, or nullptr. "\\#" would read as a name:
    // it is the generic form.
    auto name = [&](const TextToken& tk, char* out) -> char* {
      if (tk.quoted || (tk.text.size() == 2 && tk.text[0] == '\\' && tk.text[1] == '#')) return nullptr;
      size_t length;
      if (parse_name_to(tk.text, origin.view(), reinterpret_cast<uint8_t*>(out), length) != NameError::none)
        return nullptr;
      return out + length;
    };
    switch (type) {
      case rrtype::A:
        if (rd.size() != 1 || first.quoted || !parse_ipv4(first.text, reinterpret_cast<uint8_t*>(w))) return 0;
        return 5;
      case rrtype::AAAA:
        if (rd.size() != 1 || first.quoted || !parse_ipv6(first.text, reinterpret_cast<uint8_t*>(w))) return 0;
        return 17;
      case rrtype::NS:
      case rrtype::CNAME:
      case rrtype::PTR: {
        if (rd.size() != 1) return 0;
        const char* end = name(first, w);
        return end ? size_t(end - w) + 1 : 0;
      }
      case rrtype::MX: {
        uint16_t preference;
        if (rd.size() != 2 || !u16_value(first, preference)) return 0;
        const char* end = name(rd[1], put_u16(w, preference));
        return end ? size_t(end - w) + 1 : 0;
      }
      case rrtype::SRV: {
        uint16_t priority, weight, port;
        if (rd.size() != 4 || !u16_value(first, priority) || !u16_value(rd[1], weight) || !u16_value(rd[2], port))
          return 0;
        const char* end = name(rd[3], put_u16(put_u16(put_u16(w, priority), weight), port));
        return end ? size_t(end - w) + 1 : 0;
      }
      case rrtype::TXT: {
        if (!first.quoted && first.text.size() == 2 && first.text[0] == '\\' && first.text[1] == '#') return 0;
        size_t o = 0;
        for (const TextToken& tk : rd) {
          const size_t n = tk.text.size();
          if (n > 255 || o + 1 + n > kMaxRdataLength ||
              scan::find(tk.text.data(), tk.text.data() + n, '\\') != tk.text.data() + n)
            return 0;
          w[o] = char(n);
          ByteArena::copy(w + o + 1, tk.text.data(), n);
          o += 1 + n;
        }
        return o + 1;
      }
    }
    return 0;
  }

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
              std::string_view comment) {
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

  // The owner: parsed into the spare slot, which becomes the last owner, or
  // the last owner when omitted. `i` moves past it.
  MXRAY_ALWAYS_INLINE bool record_owner(const Source& s, const Entry& e, std::span<const TextToken> t,
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
    return true;
  }

  MXRAY_ALWAYS_INLINE bool record_head(const Source& s, const Entry& e, std::span<const TextToken> t, size_t& i,
                                       RecordHead& head) {
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

  MXRAY_ALWAYS_INLINE bool record_type(const Source& s, const Entry& e, std::span<const TextToken> t, size_t i,
                                       uint16_t& type) {
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

  // The RDATA in wire form, from fast_rdata or else parse_rdata; `wire`
  // points into rdbuf or `rdata`.
  MXRAY_ALWAYS_INLINE bool record_rdata(const Source& s, const Entry& e, std::span<const TextToken> t,
                                        std::span<const TextToken> rd, uint16_t type, std::string_view& wire) {
    if (size_t n = fast_rdata(type, rd)) {
      wire = std::string_view(rdbuf.get(), n - 1);
      return true;
    }
    rdata.clear();
    RdataError rerr;
    if (!parse_rdata(type, rd, origin.view(), rdata, rerr)) {
      if (rerr.token >= rd.size())
        report_missing(s, e, t, rerr.field, type_name(type));
      else
        report_at(rerr.code, s, e, rd[rerr.token], rerr.field, type_name(type));
      return false;
    }
    wire = rdata;
    return true;
  }

  // Class: stated, else the zone's (RFC 1035 §5.1: the last one stated).
  MXRAY_ALWAYS_INLINE bool record_class(const Source& s, const Entry& e, const TextToken& type_token,
                                        const RecordHead& head, uint16_t type, uint16_t& cls) {
    cls = head.rclass.value_or(zone_class.value_or(rrclass::IN));
    if (!zone_class) {
      zone_class = cls;
    } else if (cls != *zone_class) {
      report_at(Code::class_mismatch, s, e, head.class_token ? *head.class_token : type_token, "class",
                type_name(type));
      return false;
    }
    return true;
  }

  // TTL: stated, else $TTL, else the last one stated (RFC 2308 §4,
  // RFC 1035 §5.1), else an SOA's own minimum, as BIND and dnspython do.
  MXRAY_ALWAYS_INLINE bool record_ttl(const Source& s, const Entry& e, const TextToken& type_token,
                                      const RecordHead& head, uint16_t type, std::string_view rdata_wire,
                                      uint32_t& record_ttl) {
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

  // Adds the record under the last owner, within the store's limits.
  MXRAY_ALWAYS_INLINE bool store_record(const Source& s, const Entry& e, std::span<const TextToken> t, uint16_t type,
                                        uint16_t cls, uint32_t ttl, std::string_view rdata_wire, uint8_t flags,
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

  // Cloudflare's cf_tags in a record's comment (proxied, flatten_cname).
  void apply_cf_tags(const Source& s, const Entry& e, std::string_view comment, uint16_t type, Zone::NewRecord& r) {
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

  Code owner_error = Code::bad_name;

  bool parse_owner(const TextToken& t, WireName& out) {
    if (t.quoted) {
      owner_error = Code::bad_name;
      return false;
    }
    NameError err = parse_name(t.text, origin.view(), out);
    if (err != NameError::none) {
      owner_error = name_error_code(err);
      return false;
    }
    // Cloudflare writes the SOA owner without its trailing dot (facts §3.1):
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

  // ----------------------------------------------------------- directives

  void directive(Source& s) {
    const Entry& e = entry;
    const auto& t = e.tokens;
    std::string_view name = t[0].text;
    auto is = [&](std::string_view d) {
      if (name.size() != d.size()) return false;
      for (size_t i = 0; i < d.size(); ++i)
        if ((name[i] >= 'a' && name[i] <= 'z' ? char(name[i] - 32) : name[i]) != d[i]) return false;
      return true;
    };
    if (is("$ORIGIN")) {
      if (t.size() != 2) return bad_directive(s, t.size() < 2 ? t[0] : t[2], "$ORIGIN");
      WireName o;
      NameError err = parse_name(t[1].text, origin.view(), o);
      if (t[1].quoted || err != NameError::none) {
        report_at(t[1].quoted ? Code::bad_name : name_error_code(err), s, e, t[1], "origin", "$ORIGIN");
        ++zone.rejected_records;
        return;
      }
      origin = o;
      if (zone.apex.empty()) zone.apex.assign(o.view());
      return;
    }
    if (is("$TTL")) {
      if (t.size() != 2) return bad_directive(s, t.size() < 2 ? t[0] : t[2], "$TTL");
      uint32_t v;
      if (t[1].quoted || parse_period(t[1].text, v) != NumberStatus::ok) {
        report_at(Code::bad_ttl, s, e, t[1], "TTL", "$TTL");
        ++zone.rejected_records;
        return;
      }
      if (v > kMaxTtl) {
        report_at(Code::ttl_too_large, s, e, t[1], "TTL", "$TTL");
        v = 0;
      }
      default_ttl = v;
      return;
    }
    if (is("$INCLUDE")) return include(s);
    if (is("$GENERATE")) return generate(s);
    bad_directive(s, t[0], "");
  }

  void bad_directive(const Source& s, const TextToken& at, std::string_view which) {
    report_at(Code::bad_directive, s, entry, at, {}, which.empty() ? at.text : which);
    ++zone.rejected_records;
  }

  void include(const Source& s) {
    const Entry& e = entry;
    const auto& t = e.tokens;
    if (t.size() < 2 || t.size() > 3) return bad_directive(s, t.size() < 2 ? t[0] : t[3], "$INCLUDE");
    std::string path;
    if (!unescape(t[1].text, path)) return bad_directive(s, t[1], "$INCLUDE");
    WireName new_origin = origin;
    if (t.size() == 3) {
      NameError err = parse_name(t[2].text, origin.view(), new_origin);
      if (err != NameError::none) {
        report_at(name_error_code(err), s, e, t[2], "origin", "$INCLUDE");
        ++zone.rejected_records;
        return;
      }
    }
    for (uint32_t f : open_files) {
      if (zone.files[f] != path) continue;
      report_at(Code::include_loop, s, e, t[1], {}, "$INCLUDE", path);
      ++zone.rejected_records;
      return;
    }
    if (open_files.size() - 1 >= options.limits.max_include_depth) {
      report_at(Code::include_depth, s, e, t[1], {}, "$INCLUDE", std::to_string(options.limits.max_include_depth));
      ++zone.rejected_records;
      return;
    }
    std::optional<std::string> text;
    if (includes) text = includes(path);
    if (!text) {
      report_at(Code::include_not_found, s, e, t[1], {}, "$INCLUDE", path);
      ++zone.rejected_records;
      return;
    }
    if (text->size() > options.limits.max_input_bytes - included_bytes) {
      report_at(Code::input_too_large, s, e, t[1], {}, "$INCLUDE", std::to_string(options.limits.max_input_bytes));
      ++zone.rejected_records;
      return;
    }
    included_bytes += text->size();
    // RFC 1035 §5.1: the included file starts from the given origin, and
    // neither its $ORIGIN nor its owners leak back into the parent.
    const WireName saved_origin = origin, saved_owner = owners[owner_slot];
    const bool saved_has_owner = has_last_owner;
    // Entries of the parent refer into the parent's buffer; the include
    // needs its own entry.
    Entry saved_entry = std::move(entry);
    entry = Entry{};
    origin = new_origin;
    zone.files.push_back(path);
    Source inc;
    inc.data = text->data();
    inc.size = text->size();
    inc.file = uint32_t(zone.files.size() - 1);
    inc.final = true;
    inc.max_entry = options.limits.max_entry_bytes;
    if (inc.size >= 3 && std::memcmp(inc.data, "\xEF\xBB\xBF", 3) == 0) inc.pos = 3, inc.line_start = 3;
    open_files.push_back(inc.file);
    parse_source(inc);
    open_files.pop_back();
    entry = std::move(saved_entry);
    origin = saved_origin;
    owners[owner_slot] = saved_owner;
    has_last_owner = saved_has_owner;
  }

  // BIND's $GENERATE range lhs [ttl] [class] type rhs
  // (BIND 9 ARM, "BIND Primary File Extension: the $GENERATE Directive").
  void generate(const Source& s) {
    const Entry& e = entry;
    const auto& t = e.tokens;
    if (t.size() < 5) {
      const TextToken& last = t.back();
      report(Code::bad_generate, s.file, last.line, last.column + uint32_t(last.text.size()), e.first_line, "",
             t.size() < 2   ? "range"
             : t.size() < 3 ? "lhs"
                            : "type",
             "$GENERATE");
      ++zone.rejected_records;
      return;
    }
    uint64_t start, stop, step = 1;
    {
      std::string_view r = t[1].text;
      size_t dash = r.find('-');
      size_t slash = r.find('/');
      std::string_view a = r.substr(0, dash);
      std::string_view b =
          dash == std::string_view::npos
              ? std::string_view{}
              : r.substr(dash + 1, slash == std::string_view::npos ? std::string_view::npos : slash - dash - 1);
      bool ok = dash != std::string_view::npos && parse_decimal(a, 0xffffffffu, start) == NumberStatus::ok &&
                parse_decimal(b, 0xffffffffu, stop) == NumberStatus::ok && start <= stop;
      if (ok && slash != std::string_view::npos)
        ok = parse_decimal(r.substr(slash + 1), 0xffffffffu, step) == NumberStatus::ok && step > 0;
      if (!ok || t[1].quoted) {
        report_at(Code::bad_generate, s, e, t[1], "range", "$GENERATE");
        ++zone.rejected_records;
        return;
      }
    }
    const uint64_t count = (stop - start) / step + 1;
    if (count > options.limits.max_generate) {
      report_at(Code::generate_limit, s, e, t[1], "range", "$GENERATE", std::to_string(options.limits.max_generate));
      ++zone.rejected_records;
      return;
    }
    // Tokens after the range: lhs [ttl] [class] type rhs...; the lhs and
    // every rhs token take the iterator.
    const size_t first_generated = zone.size();
    std::vector<std::string> texts(t.size() - 2);
    std::vector<TextToken> tokens(t.size() - 2);
    for (uint64_t v = start; v <= stop; v += step) {
      for (size_t k = 2; k < t.size(); ++k) {
        TextToken tk = t[k];
        bool substitute = k == 2 || k >= rhs_index(t);
        if (substitute) {  // quoted rhs too, as BIND 9.18 does
          if (!expand(t[k].text, v, texts[k - 2])) {
            report_at(Code::bad_generate, s, e, t[k], k == 2 ? "lhs" : "rhs", "$GENERATE");
            ++zone.rejected_records;
            return;
          }
          tk.text = texts[k - 2];
        }
        tokens[k - 2] = tk;
      }
      if (!record(s, e, tokens, false, kRecordGenerated, {})) {
        // One report for the directive, not one per iteration, and none of
        // its records kept, as BIND and dnspython reject the whole directive.
        zone.truncate(first_generated);
        ++zone.rejected_records;
        return;
      }
      const RecordView made = zone.record(zone.size() - 1);
      generated_bytes += Zone::kRecordSlotBytes + made.owner.length + made.rdata.size();
      if (generated_bytes > options.limits.max_generate_bytes) {
        report_at(Code::generate_limit, s, e, t[1], "range", "$GENERATE",
                  std::to_string(options.limits.max_generate_bytes) + " bytes");
        zone.truncate(first_generated);
        ++zone.rejected_records;
        return;
      }
      if (stop - v < step) break;
    }
  }

  // Index of the first rhs token: after lhs and the optional ttl/class, the
  // type, then the rhs.
  static size_t rhs_index(const std::vector<TextToken>& t) {
    size_t i = 3;
    for (int k = 0; k < 2 && i < t.size(); ++k)
      if (parse_class_name(t[i].text) || starts_with_digit(t[i].text)) ++i;
    return i + 1;
  }

  // Substitutes $, ${offset[,width[,base]]} in a $GENERATE template.
  static bool expand(std::string_view tpl, uint64_t value, std::string& out) {
    out.clear();
    for (size_t i = 0; i < tpl.size(); ++i) {
      char c = tpl[i];
      if (c == '\\' && i + 1 < tpl.size()) {
        out.push_back(c);
        out.push_back(tpl[++i]);
        continue;
      }
      if (c != '$') {
        out.push_back(c);
        continue;
      }
      int64_t offset = 0;
      uint64_t width = 0;
      char base = 'd';
      if (i + 1 < tpl.size() && tpl[i + 1] == '{') {
        size_t close = tpl.find('}', i + 2);
        if (close == std::string_view::npos) return false;
        std::string_view spec = tpl.substr(i + 2, close - i - 2);
        i = close;
        size_t c1 = spec.find(',');
        std::string_view off = spec.substr(0, c1);
        bool neg = !off.empty() && off[0] == '-';
        if (neg || (!off.empty() && off[0] == '+')) off.remove_prefix(1);
        uint64_t o;
        if (parse_decimal(off, 0xffffffffu, o) != NumberStatus::ok) return false;
        offset = neg ? -int64_t(o) : int64_t(o);
        if (c1 != std::string_view::npos) {
          std::string_view rest = spec.substr(c1 + 1);
          size_t c2 = rest.find(',');
          if (parse_decimal(rest.substr(0, c2), 255, width) != NumberStatus::ok) return false;
          if (c2 != std::string_view::npos) {
            std::string_view b = rest.substr(c2 + 1);
            if (b.size() != 1 || std::string_view("doxXnN").find(b[0]) == std::string_view::npos) return false;
            base = b[0];
          }
        }
      }
      int64_t n = int64_t(value) + offset;
      if (n < 0) return false;
      char buf[80];
      int len = 0;
      switch (base) {
        case 'o': len = std::snprintf(buf, sizeof buf, "%0*llo", int(width), static_cast<unsigned long long>(n)); break;
        case 'x': len = std::snprintf(buf, sizeof buf, "%0*llx", int(width), static_cast<unsigned long long>(n)); break;
        case 'X': len = std::snprintf(buf, sizeof buf, "%0*llX", int(width), static_cast<unsigned long long>(n)); break;
        case 'n':
        case 'N': {
          // Nibbles, least significant first, dot separated (for ip6.arpa).
          const char* digits = base == 'n' ? "0123456789abcdef" : "0123456789ABCDEF";
          uint64_t x = uint64_t(n);
          std::string nib;
          // The width counts characters, dots included (BIND, dnspython).
          do {
            if (!nib.empty()) nib.push_back('.');
            nib.push_back(digits[x & 15]);
            x >>= 4;
          } while (x || nib.size() < width);
          out.append(nib);
          continue;
        }
        default: len = std::snprintf(buf, sizeof buf, "%0*lld", int(width), static_cast<long long>(n));
      }
      if (len < 0 || size_t(len) >= sizeof buf) return false;
      out.append(buf, size_t(len));
    }
    return true;
  }
};

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
    read_count(*it, "maxInputBytes", o.limits.max_input_bytes);
    read_count(*it, "maxRecords", o.limits.max_records);
    read_count(*it, "maxDiagnostics", o.limits.max_diagnostics);
    read_count(*it, "maxIncludeDepth", o.limits.max_include_depth);
    read_count(*it, "maxGenerate", o.limits.max_generate);
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

bool tokenize_presentation(std::string_view text, std::vector<TextToken>& out) {
  size_t p = 0;
  while (p < text.size()) {
    char c = text[p];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      ++p;
      continue;
    }
    if (c == '"') {
      size_t q = p + 1;
      while (q < text.size() && text[q] != '"') q += text[q] == '\\' ? 2 : 1;
      if (q >= text.size()) return false;
      out.push_back(TextToken{text.substr(p + 1, q - p - 1), 1, uint32_t(p + 1), true});
      p = q + 1;
      continue;
    }
    size_t q = p;
    while (q < text.size() && text[q] != ' ' && text[q] != '\t' && text[q] != '\r' && text[q] != '\n' && text[q] != '"')
      q += text[q] == '\\' ? 2 : 1;
    q = std::min(q, text.size());
    out.push_back(TextToken{text.substr(p, q - p), 1, uint32_t(p + 1), false});
    p = q;
  }
  return true;
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
