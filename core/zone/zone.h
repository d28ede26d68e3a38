// A parsed zone: every record kept compactly in memory for analysis, each
// with the place it came from, plus the diagnostics of the parse.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
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

// Append-only storage in fixed blocks: no reallocation spike while growing,
// which keeps peak memory near the data's own size.
template <typename T, size_t BlockSize = 16384>
class BlockVector {
 public:
  void push_back(const T& v) {
    // Default-initialised: the slots are written before they are read.
    if (size_ % BlockSize == 0) blocks_.push_back(std::unique_ptr<T[]>(new T[BlockSize]));
    blocks_.back()[size_ % BlockSize] = v;
    ++size_;
  }
  const T& operator[](size_t i) const { return blocks_[i / BlockSize][i % BlockSize]; }
  T& operator[](size_t i) { return blocks_[i / BlockSize][i % BlockSize]; }
  size_t size() const { return size_; }
  void truncate(size_t n) {
    if (n < size_) size_ = n;
    blocks_.resize((size_ + BlockSize - 1) / BlockSize);
  }

 private:
  std::vector<std::unique_ptr<T[]>> blocks_;
  size_t size_ = 0;
};

// Bytes in 1 MiB blocks, addressed by a 64-bit offset. An item never spans
// two blocks (RDATA is at most 65535 octets).
class ByteArena {
 public:
  static constexpr size_t kBlock = 1 << 20;
  uint64_t add(std::string_view bytes);
  std::string_view get(uint64_t offset, size_t length) const {
    if (length == 0) return {};  // an empty item may sit at a block's very end
    return {blocks_[size_t(offset / kBlock)].get() + size_t(offset % kBlock), length};
  }
  size_t bytes_used() const { return blocks_.size() * kBlock; }
  // Offset the next add() would return at the most.
  uint64_t end() const { return blocks_.size() * uint64_t(kBlock); }

 private:
  std::vector<std::unique_ptr<char[]>> blocks_;
  size_t used_in_last_ = kBlock;
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
  static_assert(sizeof(Stored) == 40);
  static constexpr uint16_t kLongSpan = 0xffff;

  uint32_t intern_parent(std::string_view parent);

  BlockVector<Stored> records_;
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
