#include "zone/zone.h"

#include <algorithm>
#include <cstring>

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

namespace {

// Most items are a few octets: a plain loop beats a call to memcpy, above
// all in wasm, where memcpy is a call out of the module.
inline void copy_bytes(char* dst, const char* src, size_t n) {
  if (n > 64) {
    std::memcpy(dst, src, n);
    return;
  }
  for (size_t i = 0; i < n; ++i) dst[i] = src[i];
}

}  // namespace

uint64_t ByteArena::add(std::string_view bytes) {
  if (used_in_last_ + bytes.size() > kBlock) {
    blocks_.push_back(std::unique_ptr<char[]>(new char[kBlock]));
    used_in_last_ = 0;
  }
  uint64_t offset = (blocks_.size() - 1) * uint64_t(kBlock) + used_in_last_;
  copy_bytes(blocks_.back().get() + used_in_last_, bytes.data(), bytes.size());
  used_in_last_ += bytes.size();
  return offset;
}

uint32_t Zone::intern_parent(std::string_view parent) {
  // Neighbours mostly share their parent: check the last one first.
  if (records_.size() && parent == bytes_.get(last_parent_, last_parent_length_)) return last_parent_;
  uint32_t hash = 2166136261u;  // FNV-1a
  for (char c : parent) hash = (hash ^ uint8_t(c)) * 16777619u;
  ParentSlot& slot = parents_[hash % kParentSlots];
  if (slot.used && slot.length == parent.size() && bytes_.get(slot.offset, slot.length) == parent) return slot.offset;
  const uint32_t offset = uint32_t(bytes_.add(parent));
  slot = ParentSlot{offset, uint8_t(parent.size()), true};
  return offset;
}

bool Zone::add(const NewRecord& r) {
  // Three arena items might open a new block each.
  if (bytes_.end() + 3 * ByteArena::kBlock > UINT32_MAX || r.span.file > UINT16_MAX || r.span.begin > UINT32_MAX ||
      r.owner.empty())
    return false;
  Stored s{};
  // Consecutive records mostly share their owner: split and store it once.
  if (records_.size() && r.owner == last_owner_.view()) {
    s.label = last_label_;
    s.parent = last_parent_;
  } else {
    const size_t label_size = uint8_t(r.owner[0]) + size_t(1);
    s.label = last_label_ = uint32_t(bytes_.add(r.owner.substr(0, label_size)));
    const std::string_view parent = r.owner.substr(std::min(label_size, r.owner.size()));
    s.parent = last_parent_ = intern_parent(parent);
    last_parent_length_ = uint8_t(parent.size());
    last_owner_.length = uint8_t(r.owner.size());
    std::memcpy(last_owner_.octets, r.owner.data(), r.owner.size());
  }
  s.rdata = uint32_t(bytes_.add(r.rdata));
  s.begin = uint32_t(r.span.begin);
  s.ttl = r.ttl;
  s.file = uint16_t(r.span.file);
  s.first_line = r.span.first_line;
  const uint32_t extra = r.span.last_line - r.span.first_line;
  if (extra >= kLongSpan) {
    s.extra_lines = kLongSpan;
    long_spans_.emplace_back(records_.size(), r.span.last_line);
  } else {
    s.extra_lines = uint16_t(extra);
  }
  s.length = r.span.length;
  s.type = r.type;
  s.rclass = r.rclass;
  s.rdlength = uint16_t(r.rdata.size());
  s.owner_length = uint8_t(r.owner.size());
  s.bits = uint8_t(uint8_t(r.proxied) | (r.flags << 2));
  records_.push_back(s);
  return true;
}

RecordView Zone::record(size_t i) const {
  const Stored& s = records_[i];
  RecordView v{};
  const std::string_view label = bytes_.get(s.label, uint8_t(bytes_.get(s.label, 1)[0]) + size_t(1));
  const size_t label_size = std::min<size_t>(label.size(), s.owner_length);
  std::memcpy(v.owner.octets, label.data(), label_size);
  std::memcpy(v.owner.octets + label_size, bytes_.get(s.parent, s.owner_length - label_size).data(),
              s.owner_length - label_size);
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
