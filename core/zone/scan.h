// Byte scanners for the zone lexer: 16 bytes at a time with SSE2 natively
// or SIMD128 in wasm, a plain loop elsewhere and for the last few bytes.
// Each returns `end` when nothing matches.
#pragma once

#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#elif defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace mxray::scan {

// The bytes that end an unquoted token (RFC 1035 §5.1): blanks, the line
// end, ; ( ) " and the escape character.
inline bool ends_token(char c) {
  switch (c) {
    case ' ':
    case '\t':
    case '\r':
    case '\n':
    case ';':
    case '(':
    case ')':
    case '"':
    case '\\': return true;
    default: return false;
  }
}

#if defined(__SSE2__)
using Block = __m128i;
inline Block load(const char* p) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); }
inline Block eq(Block v, char c) { return _mm_cmpeq_epi8(v, _mm_set1_epi8(c)); }
inline Block any(Block a, Block b) { return _mm_or_si128(a, b); }
inline uint32_t mask(Block m) { return uint32_t(_mm_movemask_epi8(m)); }
#define MXRAY_SCAN_SIMD 1
#elif defined(__wasm_simd128__)
using Block = v128_t;
inline Block load(const char* p) { return wasm_v128_load(p); }
inline Block eq(Block v, char c) { return wasm_i8x16_eq(v, wasm_i8x16_splat(c)); }
inline Block any(Block a, Block b) { return wasm_v128_or(a, b); }
inline uint32_t mask(Block m) { return uint32_t(wasm_i8x16_bitmask(m)); }
#define MXRAY_SCAN_SIMD 1
#endif

// First byte that ends an unquoted token.
inline const char* token_end(const char* p, const char* end) {
#ifdef MXRAY_SCAN_SIMD
  while (end - p >= 16) {
    const Block v = load(p);
    const Block m = any(any(any(eq(v, ' '), eq(v, '\t')), any(eq(v, '\r'), eq(v, '\n'))),
                        any(any(eq(v, ';'), eq(v, '(')), any(any(eq(v, ')'), eq(v, '"')), eq(v, '\\'))));
    if (const uint32_t bits = mask(m)) return p + __builtin_ctz(bits);
    p += 16;
  }
#endif
  while (p < end && !ends_token(*p)) ++p;
  return p;
}

// First byte that is not a space, a tab or a CR.
inline const char* skip_blanks(const char* p, const char* end) {
#ifdef MXRAY_SCAN_SIMD
  while (end - p >= 16) {
    const Block v = load(p);
    const uint32_t blank = mask(any(any(eq(v, ' '), eq(v, '\t')), eq(v, '\r')));
    if (blank != 0xffff) return p + __builtin_ctz(~blank);
    p += 16;
  }
#endif
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\r')) ++p;
  return p;
}

// First '"', '\\' or line end: where a quoted string stops being plain.
inline const char* quote_stop(const char* p, const char* end) {
#ifdef MXRAY_SCAN_SIMD
  while (end - p >= 16) {
    const Block v = load(p);
    if (const uint32_t bits = mask(any(any(eq(v, '"'), eq(v, '\\')), eq(v, '\n')))) return p + __builtin_ctz(bits);
    p += 16;
  }
#endif
  while (p < end && *p != '"' && *p != '\\' && *p != '\n') ++p;
  return p;
}

}  // namespace mxray::scan
