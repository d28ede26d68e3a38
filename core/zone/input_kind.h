// What an input is, told from its first bytes, before any parsing: a zone
// (BIND text, a Cloudflare export or API JSON) or something a person picked
// by mistake (a saved web page, an archive, a PDF, a picture, an empty file,
// a JSON document that is not a DNS answer, a file of comments only),
// or a zone in a form the parser must not read as it is (UTF-16 from
// Windows Notepad's "Unicode", an export pasted through a Markdown page).
// A check never says "no problem found" about input that was not a zone.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace mxray {

// X(identifier, stable-name): names for the message catalogues.
#define MXRAY_INPUT_KINDS(X)                                                          \
  X(text, "text")       /* read as a zone */                                          \
  X(empty, "empty")     /* no byte, or only white space */                            \
  X(html, "html")       /* markup: a web page or XML saved to disk */                 \
  X(zip, "zip")         /* a ZIP archive (PK\3\4), Office files too */                \
  X(archive, "archive") /* 7-Zip, RAR, xz, bzip2, tar */                              \
  X(gzip, "gzip")       /* RFC 1952 gzip: the shell may inflate it */                 \
  X(pdf, "pdf")         /* %PDF- */                                                   \
  X(image, "image")     /* PNG, JPEG, GIF, WebP, BMP */                               \
  X(utf16le, "utf16le") /* decode with utf16_to_utf8(), then read */                  \
  X(utf16be, "utf16be")                                                               \
  X(markdown, "markdown")           /* cf\_tags, \_dmarc: a pasted, escaped export */ \
  X(binary, "binary")               /* NUL or control bytes: not text at all */       \
  X(json_other, "json-other")       /* JSON, but no DNS answer nor record */          \
  X(comments_only, "comments-only") /* whole file: only ';' comments */

enum class InputKind : uint8_t {
#define MXRAY_X(id, name) id,
  MXRAY_INPUT_KINDS(MXRAY_X)
#undef MXRAY_X
};

std::string_view input_kind_name(InputKind kind);
InputKind input_kind_at(size_t index);
size_t input_kind_count();

// The kind of an input from its head: the first few kilobytes are enough
// (the streaming parser decides its format from the first 4096 bytes too).
// `whole` says `head` is the entire input, so that "only white space" can
// be told apart from a head of white space before a zone.
//
// json-other: a head starting with '{' or '[' whose top-level object (for
// an array, its first element) ends inside the head with no member named
// result, success, errors, messages, result_info (Cloudflare's API answer)
// or format_version (Terraform's `show -json`, read by the shell), and not
// both "type" and "content" or "data" (a record); an array whose first
// element is not an object. A head cut short or not valid JSON is text: the
// importer reports it with its line and column.
// comments-only: when `whole`, every line blank or a ';' comment.
InputKind classify_input(std::string_view head, bool whole);

// True for the kinds that are read as a zone once the shell has converted
// them (text, UTF-16, gzip inflated); the others are refused.
bool input_kind_readable(InputKind kind);

// UTF-16 (little- or big-endian, with or without a byte order mark) as
// UTF-8. An unpaired surrogate becomes U+FFFD, as a browser's TextDecoder
// does; an odd last byte is dropped.
std::string utf16_to_utf8(std::string_view bytes, bool big_endian);

}  // namespace mxray
