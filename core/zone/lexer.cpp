#include "zone/lexer.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

#include "zone/parser.h"

namespace mxray::lexer {
namespace {

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

// Skips the rest of a line cut by the entry limit; false when no line
// end is in the bytes at hand (all of them skipped).
bool skip_line(Source& s) {
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

constexpr size_t kLexStop = ~size_t(0);     // need more input
constexpr size_t kLexError = kLexStop - 1;  // `err` is filled

// Puts the source at the start of the line after the one `from` is on (line
// `line`, starting at `line_start`), or at the end when none follows.
void resume_after_line(Source& s, size_t from, uint32_t line, uint64_t line_start) {
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

// After an error: skips to the end of the entry, following parentheses
// (quotes and comments honoured) so the rest of a broken multi-line record
// is not read as new records. If the end of input comes first, resumes at
// the line after the error instead, so nothing valid is lost.
bool skip_rest(Source& s, int depth) {
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

// The end of an unquoted token with escapes, from p (at a '\\' or past
// the token's plain start); kLexStop or kLexError as next() would return
// need_more or error.
size_t escaped_token_end(Source& s, const Entry& e, LexError& err, size_t start, size_t p, uint32_t line,
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

}  // namespace

Lex Lexer::next(Source& s, Entry& e, LexError& err) {
  if (s.skipping && !skip_line(s)) return s.final ? Lex::done : Lex::need_more;
  Scan scan(s, e, err);
  return scan.run();
}

}  // namespace mxray::lexer

namespace mxray {

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

}  // namespace mxray
