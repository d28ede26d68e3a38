// The zone engine's fast paths against its general paths: for the same
// tokens, fast_rdata must give what parse_rdata gives, or decline; so must
// the record head's fast type, class, TTL and u16 readers, parse_ipv6's
// hex-groups path, parse_name_to's plain-name path, and the lexer's SIMD
// scanners against byte loops.
// Any difference stops the run (fastpath_check.h).
//
// Input: the first byte picks the record type (the fast path's eight and a
// few it declines) and whether names have an origin; the rest is master-file
// text, cut into entries by the zone lexer, each entry's tokens taken as
// the RDATA of a record of that type. A seed is a record's RDATA as a zone
// file writes it.
#include <memory>

#include "fastpath_check.h"
#include "fuzz_common.h"
#include "zone/lexer.h"
#include "zone/parser.h"

using namespace mxray;

namespace {

constexpr uint16_t kTypes[] = {rrtype::A,   rrtype::AAAA, rrtype::NS,  rrtype::CNAME, rrtype::PTR,  rrtype::MX,
                               rrtype::SRV, rrtype::TXT,  rrtype::SOA, rrtype::CAA,   rrtype::HTTPS};

// "fuzz.test." in wire form.
constexpr std::string_view kOrigin(
    "\x04"
    "fuzz\x04"
    "test\x00",
    11);

void check(const char* difference) {
  if (difference) fuzz::fail(difference);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const std::unique_ptr<char[]> buffer(new char[kFastRdataBufferSize]);
  const uint16_t type = kTypes[data[0] % std::size(kTypes)];
  const std::string_view origin = data[0] & 0x80 ? std::string_view() : kOrigin;
  const char* const text = reinterpret_cast<const char*>(data + 1);
  const size_t length = size - 1;

  // The scanners from each of the first 512 offsets (every alignment to
  // their 16- and 32-byte loads), each over 64 bytes and over what is left
  // when less; more would slow every run for little.
  for (size_t at = 0; at < length && at < 512; ++at) {
    check(fastpath::check_scanners(text + at, text + std::min(length, at + 64)));
    check(fastpath::check_scanners(text + at, text + std::min(length, at + 63)));
  }

  lexer::Source source;
  source.data = text;
  source.size = length;
  source.final = true;
  source.max_entry = ParseLimits{}.max_entry_bytes;
  lexer::Entry entry;
  for (;;) {
    lexer::LexError error;
    const lexer::Lex r = lexer::Lexer::next(source, entry, error);
    if (r == lexer::Lex::done || r == lexer::Lex::need_more) break;
    if (r == lexer::Lex::error) continue;
    for (const TextToken& t : entry.tokens) check(fastpath::check_token(t, origin));
    bool took = false;
    check(fastpath::check_rdata(type, entry.tokens, origin, buffer.get(), took));
  }
  return 0;
}
