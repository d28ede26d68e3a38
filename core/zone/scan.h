// Byte scanners for the zone lexer: 16 bytes at a time with SSE2 natively
// or SIMD128 in wasm, a plain loop elsewhere and for the last few bytes.
// Each returns `end` when nothing matches.
#pragma once

#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#if (defined(__x86_64__) || defined(__i386__)) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
// AVX2 classifies a block in a quarter of the SSE2 instructions; it is
// chosen at run time, as the build targets plain x86-64.
#define MXRAY_SCAN_AVX2 1
#endif
#elif defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

// For the lexer's phases, small functions of one loop: inlined, the loop's
// state stays in registers as if it were written as one function.
#define MXRAY_ALWAYS_INLINE inline __attribute__((always_inline))

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

inline bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

#if defined(__SSE2__)
using Block = __m128i;
inline Block load(const char* p) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); }
inline Block eq(Block v, char c) { return _mm_cmpeq_epi8(v, _mm_set1_epi8(c)); }
inline Block any(Block a, Block b) { return _mm_or_si128(a, b); }
inline Block with_low_bit(Block v) { return _mm_or_si128(v, _mm_set1_epi8(1)); }
inline uint32_t mask(Block m) { return uint32_t(_mm_movemask_epi8(m)); }
#define MXRAY_SCAN_SIMD 1
#elif defined(__wasm_simd128__)
using Block = v128_t;
inline Block load(const char* p) { return wasm_v128_load(p); }
inline Block eq(Block v, char c) { return wasm_i8x16_eq(v, wasm_i8x16_splat(c)); }
inline Block any(Block a, Block b) { return wasm_v128_or(a, b); }
inline Block with_low_bit(Block v) { return wasm_v128_or(v, wasm_i8x16_splat(1)); }
inline uint32_t mask(Block m) { return uint32_t(wasm_i8x16_bitmask(m)); }
#define MXRAY_SCAN_SIMD 1
#endif

// The lexer's view of 64 bytes at once: bit i stands for byte i. `ends` has
// the bytes that end an unquoted token (ends_token), `blanks` the spaces,
// tabs and CRs. Classifying a block once and reusing the bits for every
// token in it costs far less than a scan per token.
struct BlockBits {
  uint64_t ends = 0;
  uint64_t blanks = 0;
};

// Classification by nibbles (as in simdzone): a byte is a token end when
// kLowNibble[low] & kHighNibble[high] is not zero, and a blank when that has
// bit 0x01 or 0x04. The bits: 0x01 \t \r, 0x02 \n (high nibble 0); 0x04
// space, 0x08 " ( ) (high nibble 2); 0x10 ; (3); 0x20 \\ (5).
#define MXRAY_SCAN_LOW_NIBBLES 0x04, 0, 0x08, 0, 0, 0, 0, 0, 0x08, 0x09, 0x02, 0x10, 0x20, 0x01, 0, 0
#define MXRAY_SCAN_HIGH_NIBBLES 0x03, 0, 0x0c, 0x10, 0, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
inline constexpr char kBlankNibbleBits = 0x05;

#ifdef MXRAY_SCAN_AVX2
__attribute__((target("avx2"))) inline BlockBits classify_block_avx2(const char* p) {
  const __m256i low = _mm256_setr_epi8(MXRAY_SCAN_LOW_NIBBLES, MXRAY_SCAN_LOW_NIBBLES);
  const __m256i high = _mm256_setr_epi8(MXRAY_SCAN_HIGH_NIBBLES, MXRAY_SCAN_HIGH_NIBBLES);
  const __m256i nibble = _mm256_set1_epi8(0x0f);
  const __m256i zero = _mm256_setzero_si256();
  uint64_t ends[2], blanks[2];
  for (int k = 0; k < 2; ++k) {
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32 * k));
    const __m256i c = _mm256_and_si256(_mm256_shuffle_epi8(low, _mm256_and_si256(v, nibble)),
                                       _mm256_shuffle_epi8(high, _mm256_and_si256(_mm256_srli_epi16(v, 4), nibble)));
    ends[k] = ~uint32_t(_mm256_movemask_epi8(_mm256_cmpeq_epi8(c, zero)));
    blanks[k] = ~uint32_t(
        _mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_and_si256(c, _mm256_set1_epi8(kBlankNibbleBits)), zero)));
  }
  return BlockBits{ends[0] | ends[1] << 32, blanks[0] | blanks[1] << 32};
}

inline bool has_avx2() {
  static const bool yes = __builtin_cpu_supports("avx2");
  return yes;
}
#endif

#if defined(__SSE2__)
// The 64 bytes from p with SSE2 alone: where AVX2 is missing.
inline BlockBits classify_block_sse2(const char* p) {
  BlockBits b;
  for (int k = 0; k < 4; ++k) {
    const Block v = load(p + 16 * k);
    const Block blank = any(any(eq(v, ' '), eq(v, '\t')), eq(v, '\r'));
    // '(' and ')' differ in the low bit only.
    const Block end =
        any(any(blank, eq(v, '\n')), any(any(eq(v, ';'), eq(with_low_bit(v), ')')), any(eq(v, '"'), eq(v, '\\'))));
    b.ends |= uint64_t(mask(end)) << (16 * k);
    b.blanks |= uint64_t(mask(blank)) << (16 * k);
  }
  return b;
}
#endif

// The 64 bytes from p, all readable.
inline BlockBits classify_block(const char* p) {
  BlockBits b;
#ifdef MXRAY_SCAN_AVX2
  if (has_avx2()) return classify_block_avx2(p);
#endif
#if defined(__wasm_simd128__)
  const v128_t low = wasm_i8x16_make(MXRAY_SCAN_LOW_NIBBLES);
  const v128_t high = wasm_i8x16_make(MXRAY_SCAN_HIGH_NIBBLES);
  const v128_t nibble = wasm_i8x16_splat(0x0f);
  for (int k = 0; k < 4; ++k) {
    const v128_t v = wasm_v128_load(p + 16 * k);
    const v128_t c = wasm_v128_and(wasm_i8x16_swizzle(low, wasm_v128_and(v, nibble)),
                                   wasm_i8x16_swizzle(high, wasm_u8x16_shr(v, 4)));
    b.ends |= uint64_t(uint16_t(~wasm_i8x16_bitmask(wasm_i8x16_eq(c, wasm_i8x16_splat(0))))) << (16 * k);
    b.blanks |= uint64_t(uint16_t(~wasm_i8x16_bitmask(
                    wasm_i8x16_eq(wasm_v128_and(c, wasm_i8x16_splat(kBlankNibbleBits)), wasm_i8x16_splat(0)))))
                << (16 * k);
  }
#elif defined(MXRAY_SCAN_SIMD)
  b = classify_block_sse2(p);
#else
  for (int i = 0; i < 64; ++i) {
    b.ends |= uint64_t(ends_token(p[i])) << i;
    b.blanks |= uint64_t(is_blank(p[i])) << i;
  }
#endif
  return b;
}

// The last n < 64 bytes of an input: the bytes after them count as token
// ends and not as blanks, so that a search stops at the input's end.
inline BlockBits classify_tail(const char* p, size_t n) {
  BlockBits b;
  for (size_t i = 0; i < n; ++i) {
    b.ends |= uint64_t(ends_token(p[i])) << i;
    b.blanks |= uint64_t(is_blank(p[i])) << i;
  }
  b.ends |= ~uint64_t(0) << n;
  return b;
}

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
  while (p < end && is_blank(*p)) ++p;
  return p;
}

// First byte equal to c. For the short searches of the lexer (a comment's
// end, a backslash in a string) this beats memchr, above all in wasm, where
// memchr is a plain loop.
inline const char* find(const char* p, const char* end, char c) {
#ifdef MXRAY_SCAN_SIMD
  while (end - p >= 16) {
    if (const uint32_t bits = mask(eq(load(p), c))) return p + __builtin_ctz(bits);
    p += 16;
  }
#endif
  while (p < end && *p != c) ++p;
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
