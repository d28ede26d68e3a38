// A parsed zone: every record kept compactly in memory for analysis, each
// with the place it came from, plus the diagnostics of the parse.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "dns/diagnostic.h"
#include "dns/name.h"

namespace mxray {

// Cloudflare's proxy flag ("orange cloud"). Unknown where the input does not
// say (a plain BIND file, an export without cf_tags).
enum class Proxied : uint8_t { unknown, no, yes };

enum class InputFormat : uint8_t { automatic, bind, cloudflare_export, cloudflare_json };
std::string_view format_name(InputFormat f);

// Where a record came from: the file (index into Zone::files), the lines it
// spans and its bytes, so a writer can leave every other byte untouched.
struct SourceSpan {
  uint32_t file = 0;
  uint32_t first_line = 0;
  uint32_t last_line = 0;
  uint64_t begin = 0;   // offset of the record's first byte
  uint32_t length = 0;  // up to the end of its last line, newline excluded
};

inline constexpr uint8_t kRecordTtlAuto = 1;    // Cloudflare TTL 1 = "automatic"
inline constexpr uint8_t kRecordGenerated = 2;  // produced by $GENERATE
inline constexpr uint8_t kRecordFlatten = 4;    // cf-flatten-cname tag

struct RecordView {
  WireName owner;  // a copy: owners are stored as a first label and a shared parent
  uint32_t ttl;
  uint16_t type;
  uint16_t rclass;
  std::string_view rdata;  // wire form, names uncompressed
  Proxied proxied;
  uint8_t flags;
  SourceSpan span;
};

// Memory for the record store, in large blocks. On Linux a block is
// 2 MiB-aligned and advised for transparent huge pages, so the kernel hands
// it out in one page fault rather than one per 4 KiB page; elsewhere it comes
// from operator new.
struct LargeBlockDeleter {
  size_t bytes = 0;
  bool mapped = false;
  void operator()(char* p) const;
};
using LargeBlock = std::unique_ptr<char, LargeBlockDeleter>;
LargeBlock allocate_large(size_t bytes);
// A block below the large size, from operator new: most zones are small,
// and a huge page costs 2 MiB of zeroing on its first touch.
LargeBlock allocate_small(size_t bytes);
inline constexpr size_t kLargeBlock = size_t(2) << 20;

// Append-only storage in fixed blocks: no reallocation spike while growing,
// which keeps peak memory near the data's own size. The first block starts
// small and grows fourfold, moved as it grows, until it has BlockSize slots;
// then each new block is a full one. Slots are raw memory: a reference to
// one is good until the next append().
template <typename T, size_t BlockSize = 16384>
class BlockVector {
  static_assert(std::is_trivial_v<T>, "slots are raw memory");
  static constexpr size_t kFirstSlots = BlockSize < 256 ? BlockSize : 256;

 public:
  void push_back(const T& v) { append() = v; }
  // A new slot at the end, uninitialised: to be filled by the caller.
  T& append() {
    if (size_ == capacity_) grow();
    return last_[size_++ % BlockSize];
  }
  const T& operator[](size_t i) const { return block(i / BlockSize)[i % BlockSize]; }
  T& operator[](size_t i) { return block(i / BlockSize)[i % BlockSize]; }
  size_t size() const { return size_; }
  void truncate(size_t n) {
    if (n < size_) size_ = n;
    blocks_.resize((size_ + BlockSize - 1) / BlockSize);
    if (blocks_.empty()) first_slots_ = 0;
    capacity_ = blocks_.empty() ? 0 : first_slots_ + (blocks_.size() - 1) * BlockSize;
    last_ = blocks_.empty() ? nullptr : block(blocks_.size() - 1);
  }

 private:
  T* block(size_t k) const { return reinterpret_cast<T*>(blocks_[k].get()); }
  void grow() {
    if (!blocks_.empty() && first_slots_ == BlockSize) {
      blocks_.push_back(allocate_large(BlockSize * sizeof(T)));
      capacity_ += BlockSize;
    } else {
      const size_t slots = first_slots_ ? std::min(first_slots_ * 4, BlockSize) : kFirstSlots;
      LargeBlock b = slots == BlockSize ? allocate_large(slots * sizeof(T)) : allocate_small(slots * sizeof(T));
      if (size_) std::memcpy(b.get(), blocks_[0].get(), size_ * sizeof(T));
      if (blocks_.empty())
        blocks_.push_back(std::move(b));
      else
        blocks_[0] = std::move(b);
      first_slots_ = capacity_ = slots;
    }
    last_ = block(blocks_.size() - 1);
  }

  std::vector<LargeBlock> blocks_;
  T* last_ = nullptr;
  size_t size_ = 0;
  size_t capacity_ = 0;     // slots allocated
  size_t first_slots_ = 0;  // of them in the first block
};

// Bytes in blocks of up to 1 MiB, addressed by a 64-bit offset: block k
// holds the offsets from k MiB on. The first blocks are smaller (16, 64 and
// 256 KiB: most zones are small), the rest 1 MiB. An item never spans two
// blocks (RDATA is at most 65535 octets).
class ByteArena {
 public:
  static constexpr size_t kBlock = 1 << 20;
  static_assert(kLargeBlock % kBlock == 0);
  uint64_t add(std::string_view bytes) {
    const size_t n = bytes.size();
    if (used_in_last_ + n > last_capacity_) grow(n);
    const uint64_t offset = last_offset_ + used_in_last_;
    copy(last_ + used_in_last_, bytes.data(), n);
    used_in_last_ += n;
    return offset;
  }
  std::string_view get(uint64_t offset, size_t length) const {
    if (length == 0) return {};  // an empty item may sit at a block's very end
    return {blocks_[size_t(offset / kBlock)] + size_t(offset % kBlock), length};
  }
  size_t bytes_used() const { return bytes_used_; }
  // Offset the next add() would return at the most.
  uint64_t end() const { return blocks_.size() * uint64_t(kBlock); }

  // Most items are a few octets: word-sized moves beat a call to memcpy,
  // above all in wasm, where a memcpy of unknown size is a call out of the
  // module.
  static void copy(char* dst, const char* src, size_t n) {
    if (n >= 8) {
      if (n > 64) {
        std::memcpy(dst, src, n);
        return;
      }
      for (size_t i = 0; i + 8 < n; i += 8) std::memcpy(dst + i, src + i, 8);
      std::memcpy(dst + n - 8, src + n - 8, 8);
      return;
    }
    if (n >= 4) {
      std::memcpy(dst, src, 4);
      std::memcpy(dst + n - 4, src + n - 4, 4);
      return;
    }
    for (size_t i = 0; i < n; ++i) dst[i] = src[i];
  }
  // memcmp(a, b, n) == 0, for the same reason.
  static bool same(const char* a, const char* b, size_t n) {
    if (n >= 8) {
      uint64_t x, y, diff = 0;
      for (size_t i = 0; i + 8 < n; i += 8) {
        std::memcpy(&x, a + i, 8);
        std::memcpy(&y, b + i, 8);
        diff |= x ^ y;
      }
      std::memcpy(&x, a + n - 8, 8);
      std::memcpy(&y, b + n - 8, 8);
      return (diff | (x ^ y)) == 0;
    }
    unsigned diff = 0;
    for (size_t i = 0; i < n; ++i) diff |= unsigned(uint8_t(a[i]) ^ uint8_t(b[i]));
    return diff == 0;
  }

 private:
  // Opens the next block, with room for at least `n` bytes.
  void grow(size_t n);

  std::vector<LargeBlock> large_;  // the small blocks, then large ones of kLargeBlock / kBlock blocks each
  char* open_large_ = nullptr;     // the large block being carved
  size_t carved_ = 0;              // 1 MiB blocks taken from the large ones
  std::vector<char*> blocks_;
  char* last_ = nullptr;      // the last block
  uint64_t last_offset_ = 0;  // offset of its first byte
  size_t used_in_last_ = 0;
  size_t last_capacity_ = 0;
  size_t bytes_used_ = 0;  // allocated, in all blocks
};

class Zone {
 public:
  // The zone's apex in wire form (the origin given, the Cloudflare export's
  // domain, or the first SOA's owner); empty when none is known.
  std::string apex;
  InputFormat format = InputFormat::automatic;
  std::vector<std::string> files;  // [0] is the main input; then includes
  std::vector<Diagnostic> diagnostics;
  size_t error_count = 0;  // diagnostics of severity error, also past the cap
  size_t rejected_records = 0;

  size_t size() const { return records_.size(); }
  RecordView record(size_t i) const;

  struct NewRecord {
    std::string_view owner;
    uint32_t ttl = 0;
    uint16_t type = 0;
    uint16_t rclass = 1;
    std::string_view rdata;
    Proxied proxied = Proxied::unknown;
    uint8_t flags = 0;
    SourceSpan span;
  };
  // False (and nothing stored) when the record store is full: 4 GiB of
  // names and RDATA, or 65535 files.
  bool add(const NewRecord& r);

  // Drops the records from index `n` on (a $GENERATE that failed halfway).
  void truncate(size_t n);
  // Flags every record with TTL `ttl` as "automatic" (Cloudflare's TTL 1).
  void mark_ttl_auto(uint32_t ttl);

  // Records a diagnostic; past `cap` kept ones it is only counted.
  void report(Diagnostic d, size_t cap);

  // Memory held by the records, for the benchmark and the limits.
  size_t memory_bytes() const;
  // Bytes of a record's slot in the store, besides its owner and RDATA.
  static constexpr size_t kRecordSlotBytes = 40;

 private:
  // 40 bytes a record. Offsets are 32-bit: inputs are at most 4 GiB
  // (ParseLimits) and the arena is held to the same bound. An owner is kept
  // as its first label plus its parent name, and each parent is stored once:
  // most zones have a handful of parents and many owners under them.
  struct Stored {
    uint32_t label;   // the owner's first label, length octet included
    uint32_t parent;  // the owner's parent name (interned)
    uint32_t rdata;
    uint32_t begin;
    uint32_t ttl;
    uint32_t first_line;
    uint32_t length;
    uint16_t type;
    uint16_t rclass;
    uint16_t rdlength;
    uint16_t file;
    uint16_t extra_lines;  // last_line - first_line; kLongSpan: see long_spans_
    uint8_t owner_length;
    uint8_t bits;  // Proxied in bits 0-1, the kRecord* flags above them
  };
  static_assert(sizeof(Stored) == kRecordSlotBytes);
  static constexpr uint16_t kLongSpan = 0xffff;

  uint32_t intern_parent(std::string_view parent);

  BlockVector<Stored, kLargeBlock / sizeof(Stored)> records_;
  ByteArena bytes_;
  // Recently stored parents, direct-mapped by hash: a bounded cache rather
  // than a full index, so zones with many distinct parents pay no per-name
  // index memory; a parent that fell out is simply stored again.
  struct ParentSlot {
    uint32_t offset = 0;
    uint8_t length = 0;
    bool used = false;
  };
  static constexpr size_t kParentSlots = 4096;
  std::unique_ptr<ParentSlot[]> parents_ = std::make_unique<ParentSlot[]>(kParentSlots);
  std::vector<std::pair<size_t, uint32_t>> long_spans_;  // record index, last line
  WireName last_owner_;
  uint32_t last_label_ = 0;
  uint32_t last_parent_ = 0;
  uint8_t last_parent_length_ = 0;
};

}  // namespace mxray
