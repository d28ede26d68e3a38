#include "zone/input_kind.h"

#include <algorithm>
#include <iterator>
#include <string>

namespace mxray {
namespace {

constexpr std::string_view kNames[] = {
#define MXRAY_X(id, name) name,
    MXRAY_INPUT_KINDS(MXRAY_X)
#undef MXRAY_X
};

bool starts(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

// Signatures of files people pick by mistake, from each format's own
// specification (PNG: ISO/IEC 15948 §5.2; JPEG SOI FFD8; GIF87a/89a;
// WebP: RIFF....WEBP; BMP: "BM" with four reserved zero bytes at 6;
// TIFF: II*\0 / MM\0*; HEIF/AVIF: an ISO BMFF "ftyp" box first).
bool is_image(std::string_view h) {
  if (starts(h, "\x89PNG\r\n\x1a\n") || starts(h, "\xFF\xD8\xFF") || starts(h, "GIF87a") || starts(h, "GIF89a"))
    return true;
  if (starts(h, "RIFF") && h.size() >= 12 && h.substr(8, 4) == "WEBP") return true;
  if (starts(h, "BM") && h.size() >= 10 && h.substr(6, 4) == std::string_view("\0\0\0\0", 4)) return true;
  if (starts(h, std::string_view("II*\0", 4)) || starts(h, std::string_view("MM\0*", 4))) return true;
  if (h.size() >= 12 && h.substr(4, 4) == "ftyp") {
    const std::string_view brand = h.substr(8, 4);
    return brand == "heic" || brand == "heix" || brand == "mif1" || brand == "avif";
  }
  return false;
}

bool is_zip(std::string_view h) {
  return starts(h, "PK\x03\x04") || starts(h, "PK\x05\x06") || starts(h, "PK\x07\x08");
}

bool is_other_archive(std::string_view h) {
  if (h.size() >= 262 && h.substr(257, 5) == "ustar") return true;  // POSIX tar, as a .tar.gz inflates to
  return starts(h, "7z\xBC\xAF\x27\x1C") || starts(h, "Rar!\x1A\x07") ||
         starts(h, std::string_view("\xFD"
                                    "7zXZ\0",
                                    6)) ||
         (starts(h, "BZh") && h.size() >= 4 && h[3] >= '1' && h[3] <= '9');
}

// UTF-16 without a byte order mark: zone text is mostly ASCII, so every
// other byte is NUL. Looks at up to 512 bytes; needs at least 8.
InputKind utf16_without_bom(std::string_view h) {
  const size_t n = std::min<size_t>(h.size(), 512) & ~size_t(1);
  if (n < 8) return InputKind::text;
  size_t even = 0, odd = 0;
  for (size_t i = 0; i < n; i += 2) {
    even += h[i] == '\0';
    odd += h[i + 1] == '\0';
  }
  const size_t pairs = n / 2;
  if (odd * 10 >= pairs * 6 && even * 20 <= pairs) return InputKind::utf16le;
  if (even * 10 >= pairs * 6 && odd * 20 <= pairs) return InputKind::utf16be;
  return InputKind::text;
}

// An export that went through a Markdown renderer or editor on its way:
// "cf\_tags=", "\_dmarc", or a ";; Domain:" line in **bold**. BIND reads
// "\_" as "_", so a real zone may hold one; "cf\_tags" and bold never.
bool is_markdown_escaped(std::string_view h) {
  if (h.find("cf\\_tags") != std::string_view::npos) return true;
  const size_t at = h.find(";; Domain:");
  if (at == std::string_view::npos) return false;
  const size_t end = std::min(h.find('\n', at), h.size());
  const std::string_view line = h.substr(at, end - at);
  return line.find("**") != std::string_view::npos || line.find("\\_") != std::string_view::npos ||
         line.find("\\.") != std::string_view::npos;
}

// Not text: more than one byte in ten a control character other than white
// space (a NUL in one owner name is the parser's to report, not a reason to
// refuse the file).
bool is_binary(std::string_view h) {
  size_t controls = 0;
  for (unsigned char c : h)
    if ((c < 0x20 && !is_space(c) && c != 0x1a) || c == 0x7f) ++controls;
  return controls * 10 > h.size();
}

// JSON read from the head without a parser: the top-level object (or an
// array's first element) is a Cloudflare API answer or record, something
// else, or cannot be told from the head (cut short, or not valid JSON: the
// importer reports that with its line and column).
enum class JsonHead { dns, other, unknown };

constexpr size_t kNone = std::string_view::npos;

size_t skip_blanks(std::string_view h, size_t p) {
  while (p < h.size() && is_space(static_cast<unsigned char>(h[p]))) ++p;
  return p;
}

// Past the string whose '"' is at p, or kNone if the head ends inside it.
size_t skip_string(std::string_view h, size_t p) {
  for (++p; p < h.size(); ++p) {
    if (h[p] == '\\')
      ++p;
    else if (h[p] == '"')
      return p + 1;
  }
  return kNone;
}

// Past the value at p (a string, an object, an array or a scalar), or kNone
// if the head ends inside it.
size_t skip_value(std::string_view h, size_t p) {
  if (p >= h.size()) return kNone;
  if (h[p] == '"') return skip_string(h, p);
  if (h[p] == '{' || h[p] == '[') {
    std::string closers;  // what each open bracket needs; a mismatch is the importer's to report
    for (; p < h.size(); ++p) {
      const char c = h[p];
      if (c == '"') {
        p = skip_string(h, p);
        if (p == kNone) return kNone;
        --p;
      } else if (c == '{' || c == '[') {
        closers.push_back(c == '{' ? '}' : ']');
      } else if (c == '}' || c == ']') {
        if (closers.back() != c) return kNone;
        closers.pop_back();
        if (closers.empty()) return p + 1;
      }
    }
    return kNone;
  }
  while (p < h.size() && h[p] != ',' && h[p] != '}' && h[p] != ']' && !is_space(static_cast<unsigned char>(h[p]))) ++p;
  return p < h.size() ? p : kNone;
}

// The object whose '{' is at p, from its member names: a Cloudflare API
// answer (result, success, errors, messages, result_info), Terraform's
// `show -json` (format_version: the shell's Terraform reader takes it), or a
// record ("type" with "content" or "data") is DNS; an object read to its '}'
// with none of these is other.
JsonHead json_object(std::string_view h, size_t p) {
  static constexpr std::string_view kAnswer[] = {"result",   "success",     "errors",
                                                 "messages", "result_info", "format_version"};
  bool type = false, value = false;
  for (p = skip_blanks(h, p + 1);;) {
    if (p >= h.size()) return JsonHead::unknown;
    if (h[p] == '}') return JsonHead::other;
    if (h[p] != '"') return JsonHead::unknown;
    const size_t end = skip_string(h, p);
    if (end == kNone) return JsonHead::unknown;
    const std::string_view key = h.substr(p + 1, end - p - 2);
    if (std::find(std::begin(kAnswer), std::end(kAnswer), key) != std::end(kAnswer)) return JsonHead::dns;
    type |= key == "type";
    value |= key == "content" || key == "data";
    if (type && value) return JsonHead::dns;
    p = skip_blanks(h, end);
    if (p >= h.size() || h[p] != ':') return JsonHead::unknown;
    p = skip_value(h, skip_blanks(h, p + 1));
    if (p == kNone) return JsonHead::unknown;
    p = skip_blanks(h, p);
    if (p < h.size() && h[p] == ',')
      p = skip_blanks(h, p + 1);
    else if (p >= h.size() || h[p] != '}')
      return JsonHead::unknown;
  }
}

// The JSON document whose first byte ('{' or '[') is at p. An empty array
// is no records rather than something else: the importer says so.
JsonHead json_head(std::string_view h, size_t p) {
  if (h[p] == '{') return json_object(h, p);
  p = skip_blanks(h, p + 1);
  if (p >= h.size() || h[p] == ']') return JsonHead::unknown;
  if (h[p] == '{') return json_object(h, p);
  const char c = h[p];
  if (c == '"' || c == '[' || c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n')
    return JsonHead::other;
  return JsonHead::unknown;
}

// Every line blank or a comment (';' after white space), and one comment at
// least: a zone's header with no record, a file that holds no zone.
bool is_comments_only(std::string_view h) {
  bool comment = false;
  for (size_t p = 0; p < h.size();) {
    size_t end = h.find('\n', p);
    if (end == kNone) end = h.size();
    const size_t q = skip_blanks(h.substr(0, end), p);
    if (q < end) {
      if (h[q] != ';') return false;
      comment = true;
    }
    p = end + 1;
  }
  return comment;
}

}  // namespace

std::string_view input_kind_name(InputKind kind) { return kNames[size_t(kind)]; }
InputKind input_kind_at(size_t index) { return InputKind(index); }
size_t input_kind_count() { return std::size(kNames); }

bool input_kind_readable(InputKind kind) {
  return kind == InputKind::text || kind == InputKind::utf16le || kind == InputKind::utf16be;
}

InputKind classify_input(std::string_view head, bool whole) {
  if (starts(head, "\xFF\xFE")) return InputKind::utf16le;
  if (starts(head, "\xFE\xFF")) return InputKind::utf16be;
  if (starts(head, "\x1F\x8B")) return InputKind::gzip;
  if (is_zip(head)) return InputKind::zip;
  if (is_other_archive(head)) return InputKind::archive;
  if (starts(head, "%PDF-")) return InputKind::pdf;
  if (is_image(head)) return InputKind::image;
  if (const InputKind k = utf16_without_bom(head); k != InputKind::text) return k;

  size_t p = starts(head, "\xEF\xBB\xBF") ? 3 : 0;  // a UTF-8 byte order mark
  while (p < head.size() && is_space(static_cast<unsigned char>(head[p]))) ++p;
  if (p == head.size()) return whole ? InputKind::empty : InputKind::text;
  // No zone line starts with '<': a saved web page, an XML file.
  if (head[p] == '<') return InputKind::html;
  if (is_binary(head.substr(0, 4096))) return InputKind::binary;
  // JSON whose top-level object (or first array element) is neither a
  // Cloudflare API answer nor a record: package.json, a tsconfig, another API.
  if ((head[p] == '{' || head[p] == '[') && json_head(head, p) == JsonHead::other) return InputKind::json_other;
  if (is_markdown_escaped(head.substr(0, 4096))) return InputKind::markdown;
  if (whole && is_comments_only(head.substr(p))) return InputKind::comments_only;
  return InputKind::text;
}

std::string utf16_to_utf8(std::string_view bytes, bool big_endian) {
  std::string out;
  out.reserve(bytes.size());
  auto unit = [&](size_t i) -> uint32_t {
    const auto a = static_cast<unsigned char>(bytes[i]), b = static_cast<unsigned char>(bytes[i + 1]);
    return big_endian ? (uint32_t(a) << 8 | b) : (uint32_t(b) << 8 | a);
  };
  auto put = [&](uint32_t cp) {
    if (cp < 0x80) {
      out.push_back(char(cp));
    } else if (cp < 0x800) {
      out.push_back(char(0xC0 | cp >> 6));
      out.push_back(char(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(char(0xE0 | cp >> 12));
      out.push_back(char(0x80 | (cp >> 6 & 0x3F)));
      out.push_back(char(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(char(0xF0 | cp >> 18));
      out.push_back(char(0x80 | (cp >> 12 & 0x3F)));
      out.push_back(char(0x80 | (cp >> 6 & 0x3F)));
      out.push_back(char(0x80 | (cp & 0x3F)));
    }
  };
  size_t i = 0;
  if (bytes.size() >= 2 && unit(0) == 0xFEFF) i = 2;  // the byte order mark is not text
  for (; i + 1 < bytes.size(); i += 2) {
    const uint32_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF && i + 3 < bytes.size()) {
      const uint32_t lo = unit(i + 2);
      if (lo >= 0xDC00 && lo <= 0xDFFF) {
        put(0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00));
        i += 2;
        continue;
      }
    }
    put(u >= 0xD800 && u <= 0xDFFF ? 0xFFFD : u);
  }
  return out;
}

}  // namespace mxray
