#include "zone/zone.h"

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

bool Zone::add(const NewRecord& r) {
  // Both arena items might open a new block each.
  if (bytes_.end() + 2 * ByteArena::kBlock > UINT32_MAX || r.span.file > UINT16_MAX || r.span.begin > UINT32_MAX)
    return false;
  Stored s{};
  // Consecutive records mostly share their owner: store it once per run.
  if (records_.size() && r.owner == last_owner_view_) {
    s.owner = last_owner_;
  } else {
    s.owner = last_owner_ = uint32_t(bytes_.add(r.owner));
    last_owner_view_ = bytes_.get(s.owner, r.owner.size());
  }
  s.rdata = uint32_t(bytes_.add(r.rdata));
  s.begin = uint32_t(r.span.begin);
  s.ttl = r.ttl;
  s.file = uint16_t(r.span.file);
  s.first_line = r.span.first_line;
  s.last_line = r.span.last_line;
  s.length = r.span.length;
  s.type = r.type;
  s.rclass = r.rclass;
  s.rdlength = uint16_t(r.rdata.size());
  s.owner_length = uint8_t(r.owner.size());
  s.proxied = r.proxied;
  s.flags = r.flags;
  records_.push_back(s);
  return true;
}

RecordView Zone::record(size_t i) const {
  const Stored& s = records_[i];
  return RecordView{bytes_.get(s.owner, s.owner_length),
                    s.ttl,
                    s.type,
                    s.rclass,
                    bytes_.get(s.rdata, s.rdlength),
                    s.proxied,
                    s.flags,
                    SourceSpan{s.file, s.first_line, s.last_line, s.begin, s.length}};
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
    if (records_[i].ttl == ttl) records_[i].flags |= kRecordTtlAuto;
}

size_t Zone::memory_bytes() const { return records_.size() * sizeof(Stored) + bytes_.bytes_used(); }

}  // namespace mxray
