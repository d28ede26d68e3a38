#include "zone/zone.h"

#include <algorithm>
#include <cstring>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace mxray {

std::string_view format_name(InputFormat f) {
  switch (f) {
    case InputFormat::automatic: return "auto";
    case InputFormat::bind: return "bind";
    case InputFormat::cloudflare_export: return "cloudflare";
    case InputFormat::cloudflare_json: return "cloudflare-json";
  }
  return "auto";
}

void LargeBlockDeleter::operator()(char* p) const {
#if defined(__linux__)
  if (mapped) {
    munmap(p, bytes);
    return;
  }
#endif
  delete[] p;
}

LargeBlock allocate_large(size_t bytes) {
#if defined(__linux__)
  // Mapped with room to spare, then trimmed to a 2 MiB-aligned range.
  const size_t size = (bytes + kLargeBlock - 1) / kLargeBlock * kLargeBlock;
  void* raw = mmap(nullptr, size + kLargeBlock, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw != MAP_FAILED) {
    const uintptr_t start = reinterpret_cast<uintptr_t>(raw);
    const uintptr_t aligned = (start + kLargeBlock - 1) & ~uintptr_t(kLargeBlock - 1);
    if (aligned > start) munmap(raw, aligned - start);
    if (start + kLargeBlock > aligned) munmap(reinterpret_cast<void*>(aligned + size), start + kLargeBlock - aligned);
    madvise(reinterpret_cast<void*>(aligned), size, MADV_HUGEPAGE);
    return LargeBlock(reinterpret_cast<char*>(aligned), LargeBlockDeleter{size, true});
  }
#endif
  return LargeBlock(new char[bytes], LargeBlockDeleter{bytes, false});
}

LargeBlock allocate_small(size_t bytes) { return LargeBlock(new char[bytes], LargeBlockDeleter{bytes, false}); }

void ByteArena::grow(size_t n) {
  constexpr size_t kPerLarge = kLargeBlock / kBlock;
  constexpr size_t kFirstBlocks = 3;  // of 16, 64 and 256 KiB
  const size_t k = blocks_.size();
  size_t capacity = k < kFirstBlocks ? (size_t(16) << 10) << (2 * k) : kBlock;
  if (capacity < kBlock && n <= capacity) {
    large_.push_back(allocate_small(capacity));
    last_ = large_.back().get();
  } else {
    capacity = kBlock;
    if (carved_ % kPerLarge == 0) {
      large_.push_back(allocate_large(kLargeBlock));
      open_large_ = large_.back().get();
    }
    last_ = open_large_ + (carved_ % kPerLarge) * kBlock;
    ++carved_;
  }
  blocks_.push_back(last_);
  last_offset_ = k * uint64_t(kBlock);
  used_in_last_ = 0;
  last_capacity_ = capacity;
  bytes_used_ += capacity;
}

uint32_t Zone::intern_parent(std::string_view parent) {
  // Neighbours mostly share their parent: check the last one first.
  const size_t n = parent.size();
  if (records_.size() && n == last_parent_length_ &&
      (n == 0 || ByteArena::same(parent.data(), bytes_.get(last_parent_, n).data(), n)))
    return last_parent_;
  // A cheap hash of the length and the first and last eight octets: enough
  // to spread a zone's parents over the slots.
  uint64_t h = n;
  if (n >= 8) {
    uint64_t a, b;
    std::memcpy(&a, parent.data(), 8);
    std::memcpy(&b, parent.data() + n - 8, 8);
    h = (h ^ a) * 0x9e3779b97f4a7c15u;
    h = (h ^ b) * 0x9e3779b97f4a7c15u;
  } else {
    for (char c : parent) h = (h ^ uint8_t(c)) * 0x100000001b3u;
    h *= 0x9e3779b97f4a7c15u;
  }
  ParentSlot& slot = parents_[size_t(h >> 52) % kParentSlots];
  if (slot.used && slot.length == n && (n == 0 || ByteArena::same(bytes_.get(slot.offset, n).data(), parent.data(), n)))
    return slot.offset;
  const uint32_t offset = uint32_t(bytes_.add(parent));
  slot = ParentSlot{offset, uint8_t(n), true};
  return offset;
}

bool Zone::add(const NewRecord& r) {
  // Three arena items might open a new block each.
  if (bytes_.end() + 3 * ByteArena::kBlock > UINT32_MAX || r.span.file > UINT16_MAX || r.span.begin > UINT32_MAX ||
      r.owner.empty())
    return false;
  const size_t owner_length = r.owner.size();
  uint32_t label, parent;
  // Consecutive records mostly share their owner: split and store it once.
  if (owner_length == last_owner_.length && records_.size() &&
      ByteArena::same(r.owner.data(), reinterpret_cast<const char*>(last_owner_.octets), owner_length)) {
    label = last_label_;
    parent = last_parent_;
  } else {
    const size_t label_size = uint8_t(r.owner[0]) + size_t(1);
    label = last_label_ = uint32_t(bytes_.add(r.owner.substr(0, label_size)));
    const std::string_view parent_name = r.owner.substr(std::min(label_size, owner_length));
    parent = last_parent_ = intern_parent(parent_name);
    last_parent_length_ = uint8_t(parent_name.size());
    last_owner_.length = uint8_t(owner_length);
    ByteArena::copy(reinterpret_cast<char*>(last_owner_.octets), r.owner.data(), owner_length);
  }
  const uint32_t rdata = uint32_t(bytes_.add(r.rdata));
  const uint32_t extra = r.span.last_line - r.span.first_line;
  if (extra >= kLongSpan) long_spans_.emplace_back(records_.size(), r.span.last_line);
  Stored& s = records_.append();
  s.label = label;
  s.parent = parent;
  s.rdata = rdata;
  s.begin = uint32_t(r.span.begin);
  s.ttl = r.ttl;
  s.first_line = r.span.first_line;
  s.length = r.span.length;
  s.type = r.type;
  s.rclass = r.rclass;
  s.rdlength = uint16_t(r.rdata.size());
  s.file = uint16_t(r.span.file);
  s.extra_lines = extra >= kLongSpan ? kLongSpan : uint16_t(extra);
  s.owner_length = uint8_t(owner_length);
  s.bits = uint8_t(uint8_t(r.proxied) | (r.flags << 2));
  return true;
}

RecordView Zone::record(size_t i) const {
  const Stored& s = records_[i];
  RecordView v{};
  const std::string_view label = bytes_.get(s.label, uint8_t(bytes_.get(s.label, 1)[0]) + size_t(1));
  const size_t label_size = std::min<size_t>(label.size(), s.owner_length);
  std::memcpy(v.owner.octets, label.data(), label_size);
  // The root's parent is empty (and may have no storage at all).
  if (const size_t rest = s.owner_length - label_size)
    std::memcpy(v.owner.octets + label_size, bytes_.get(s.parent, rest).data(), rest);
  v.owner.length = s.owner_length;
  v.ttl = s.ttl;
  v.type = s.type;
  v.rclass = s.rclass;
  v.rdata = bytes_.get(s.rdata, s.rdlength);
  v.proxied = Proxied(s.bits & 3);
  v.flags = uint8_t(s.bits >> 2);
  uint32_t last_line = s.first_line + s.extra_lines;
  if (s.extra_lines == kLongSpan) {
    auto it = std::lower_bound(long_spans_.begin(), long_spans_.end(), std::pair<size_t, uint32_t>(i, 0));
    if (it != long_spans_.end() && it->first == i) last_line = it->second;
  }
  v.span = SourceSpan{s.file, s.first_line, last_line, s.begin, s.length};
  return v;
}

void Zone::truncate(size_t n) {
  records_.truncate(n);
  while (!long_spans_.empty() && long_spans_.back().first >= n) long_spans_.pop_back();
  // The cached last owner may now belong to no record; its arena copy stays
  // valid, so reusing it is still correct.
}

void Zone::report(Diagnostic d, size_t cap) {
  if (d.severity == Severity::error) ++error_count;
  if (diagnostics.size() < cap) {
    diagnostics.push_back(std::move(d));
  } else if (diagnostics.size() == cap) {
    Diagnostic more;
    more.code = Code::too_many_errors;
    more.severity = Severity::error;
    more.file = d.file;
    more.line = more.record_line = d.line;
    more.column = d.column;
    more.detail = std::to_string(cap);
    diagnostics.push_back(std::move(more));
  }
}

void Zone::mark_ttl_auto(uint32_t ttl) {
  for (size_t i = 0; i < records_.size(); ++i)
    if (records_[i].ttl == ttl) records_[i].bits |= uint8_t(kRecordTtlAuto << 2);
}

size_t Zone::memory_bytes() const { return records_.size() * sizeof(Stored) + bytes_.bytes_used(); }

}  // namespace mxray
