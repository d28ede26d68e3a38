#include "zone/input_kind.h"

#include <algorithm>
#include <iterator>

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
  if (is_markdown_escaped(head.substr(0, 4096))) return InputKind::markdown;
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
