#include "fix/fix.h"

#include <algorithm>
#include <array>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "dns/name.h"
#include "dns/types.h"
#include "model/zone_lookup.h"
#include "zone/cf_tags.h"

namespace mxray {
namespace {

constexpr std::array kMergeReasonNames = {
#define MXRAY_X(id, name) std::string_view(name),
    MXRAY_MERGE_REASONS(MXRAY_X)
#undef MXRAY_X
};
constexpr std::array kSkipReasonNames = {
#define MXRAY_X(id, name) std::string_view(name),
    MXRAY_SKIP_REASONS(MXRAY_X)
#undef MXRAY_X
};

}  // namespace

std::string_view merge_reason_name(MergeReason why) { return kMergeReasonNames[size_t(why)]; }
std::string_view skip_reason_name(SkipReason why) { return kSkipReasonNames[size_t(why)]; }

namespace {

int strength(ZoneEdit::Op op) {
  switch (op) {
    case ZoneEdit::Op::remove: return 3;
    case ZoneEdit::Op::replace: return 2;
    case ZoneEdit::Op::set_dns_only: return 1;
    case ZoneEdit::Op::add: return 0;
  }
  return 0;
}

bool same_record(const ZoneEdit& a, const ZoneEdit& b) {
  if (a.live && b.live)  // no file record: the served record is its owner, type and data
    return a.type == b.type && a.rdata == b.rdata && names_equal(a.owner.view(), b.owner.view());
  return a.has_record && b.has_record && a.zone == b.zone && a.record == b.record;
}

bool same_edit(const ZoneEdit& a, const ZoneEdit& b) {
  return a.op == b.op && a.type == b.type && a.zone == b.zone && a.rdata == b.rdata && a.proxied == b.proxied &&
         names_equal(a.owner.view(), b.owner.view()) && (a.op == ZoneEdit::Op::add || same_record(a, b));
}

std::string lower_text(std::string_view wire) {
  std::string s = name_text(wire);
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return s;
}

}  // namespace

namespace {

// True when `e` gives `name` an address that does not go through the proxy.
bool takes_off_proxy(const ZoneEdit& e, std::string_view name) {
  if (e.type != rrtype::A && e.type != rrtype::AAAA) return false;
  if (!names_equal(e.owner.view(), name)) return false;
  return e.op == ZoneEdit::Op::set_dns_only ||
         ((e.op == ZoneEdit::Op::add || e.op == ZoneEdit::Op::replace) && e.proxied == Proxied::no);
}

void drop_moot_edits(FixPlan& plan) {
  const size_t n = plan.edits.size();
  std::vector<long> because(n, -1);  // the edit that makes edit k moot
  // The edits that could make another moot, by the hash of their owner.
  std::unordered_map<uint64_t, std::vector<size_t>> direct;
  for (size_t j = 0; j < n; ++j) {
    const ZoneEdit& d = plan.edits[j].edit;
    if (d.moot_once_direct.empty() && takes_off_proxy(d, d.owner.view()))
      direct[name_hash(d.owner.view())].push_back(j);
  }
  for (size_t k = 0; k < n; ++k) {
    const ZoneEdit& e = plan.edits[k].edit;
    if (e.moot_once_direct.empty()) continue;
    long by = -1;
    bool all = true;
    for (const WireName& name : e.moot_once_direct) {
      long found = -1;
      if (auto it = direct.find(name_hash(name.view())); it != direct.end())
        for (size_t c = 0; c < it->second.size() && found < 0; ++c)
          if (size_t j = it->second[c]; j != k && takes_off_proxy(plan.edits[j].edit, name.view())) found = long(j);
      if (found < 0)
        all = false;
      else
        by = found;
    }
    if (all) because[k] = by;
  }
  if (std::all_of(because.begin(), because.end(), [](long b) { return b < 0; })) return;
  std::vector<uint32_t> index(n);  // old index -> new index
  uint32_t next = 0;
  for (size_t k = 0; k < n; ++k) index[k] = because[k] < 0 ? next++ : 0;
  auto kept_index = [&](uint32_t old) { return because[old] < 0 ? index[old] : index[size_t(because[old])]; };
  for (MergeNote& note : plan.notes) note.kept = kept_index(note.kept);
  std::vector<MergedEdit> edits;
  for (size_t k = 0; k < n; ++k) {
    if (because[k] < 0) {
      edits.push_back(std::move(plan.edits[k]));
      continue;
    }
    for (uint32_t f : plan.edits[k].findings)
      plan.notes.push_back({MergeReason::moot, plan.edits[k].edit, f, index[size_t(because[k])]});
  }
  plan.edits = std::move(edits);
}

// Merges edit `e` of finding `fi` into the plan's edit `k` when the two
// are one edit, two edits of one record, or a placeholder and a known
// value of one addition; false when they are unrelated.
bool merge_into(FixPlan& plan, uint32_t k, const ZoneEdit& e, uint32_t fi) {
  MergedEdit& m = plan.edits[k];
  if (same_edit(m.edit, e)) {
    if (std::find(m.findings.begin(), m.findings.end(), fi) == m.findings.end()) m.findings.push_back(fi);
    return true;
  }
  if (e.op != ZoneEdit::Op::add && m.edit.op != ZoneEdit::Op::add && same_record(m.edit, e)) {
    // Two edits of one record: the stronger stands for both.
    if (strength(e.op) > strength(m.edit.op)) {
      MergeReason why = e.op == ZoneEdit::Op::remove ? MergeReason::covered_by_remove : MergeReason::covered_by_replace;
      for (uint32_t f : m.findings) plan.notes.push_back({why, m.edit, f, k});
      m.edit = e;
      m.findings = {fi};
    } else {
      MergeReason why = m.edit.op == e.op                   ? MergeReason::conflict
                        : m.edit.op == ZoneEdit::Op::remove ? MergeReason::covered_by_remove
                                                            : MergeReason::covered_by_replace;
      plan.notes.push_back({why, e, fi, k});
    }
    return true;
  }
  if (e.op == ZoneEdit::Op::add && m.edit.op == ZoneEdit::Op::add && e.type == m.edit.type && e.zone == m.edit.zone &&
      names_equal(e.owner.view(), m.edit.owner.view()) && e.placeholder.empty() != m.edit.placeholder.empty()) {
    // A known value beats a placeholder for the same record.
    if (m.edit.placeholder.empty()) {
      plan.notes.push_back({MergeReason::placeholder_superseded, e, fi, k});
    } else {
      for (uint32_t f : m.findings) plan.notes.push_back({MergeReason::placeholder_superseded, m.edit, f, k});
      m.edit = e;
      m.findings = {fi};
    }
    return true;
  }
  return false;
}

}  // namespace

FixPlan merge_edits(const std::vector<Finding>& findings) {
  FixPlan plan;
  // Which edits so far a new one could merge with, by a hash, so thousands
  // of edits are not compared each with each. An edit of a record merges only
  // with an earlier edit of that same record (its zone and index),
  // and always with the first of them: the same edit, or the stronger of two.
  // An addition merges only with an earlier addition of its zone, type and
  // owner. Any other edit merges with none.
  std::unordered_map<uint64_t, std::vector<uint32_t>> alike;
  auto alike_key = [](const ZoneEdit& e) {
    uint64_t h = name_hash(e.owner.view()) ^ (uint64_t(e.type) << 48) ^ (uint64_t(e.zone) * 0x9E3779B97F4A7C15ull);
    if (e.op != ZoneEdit::Op::add) h ^= (uint64_t(e.record) + 1) * 0xC2B2AE3D27D4EB4Full;
    return h;
  };
  for (uint32_t fi = 0; fi < findings.size(); ++fi) {
    for (const ZoneEdit& e : findings[fi].edits) {
      if (!e.placeholder.empty() &&
          std::find(plan.placeholders.begin(), plan.placeholders.end(), e.placeholder) == plan.placeholders.end())
        plan.placeholders.push_back(e.placeholder);
      bool placed = false;
      const bool can_merge = e.op == ZoneEdit::Op::add || e.has_record || e.live;
      std::vector<uint32_t> none;
      std::vector<uint32_t>& candidates = can_merge ? alike[alike_key(e)] : none;
      for (size_t c = 0; c < candidates.size() && !placed; ++c) placed = merge_into(plan, candidates[c], e, fi);
      if (!placed) {
        if (can_merge) candidates.push_back(uint32_t(plan.edits.size()));
        plan.edits.push_back({e, {fi}});
      }
    }
  }
  drop_moot_edits(plan);
  // Placeholders only the dropped edits carried are not asked for.
  std::erase_if(plan.placeholders, [&](const std::string& p) {
    return std::none_of(plan.edits.begin(), plan.edits.end(),
                        [&](const MergedEdit& m) { return m.edit.placeholder == p; });
  });
  return plan;
}

namespace {

// A change to the text: replace [begin, end) with `text` (begin == end: an
// insertion). Inserts sort before removals at the same place.
struct TextOp {
  size_t begin, end;
  std::string text;
  uint32_t order;  // for a stable sort
};

// The comments of a record's text: for each line, from its first `;`
// outside quotes and escapes to the line's end. A name in the data may hold
// any characters (`cf-proxied:true.example.`, `x\;y`): only comments are
// read for tags.
std::vector<std::string_view> comments(std::string_view span) {
  std::vector<std::string_view> out;
  bool quoted = false, in_comment = false;
  size_t from = 0;
  for (size_t i = 0; i < span.size(); ++i) {
    const char c = span[i];
    if (c == '\n') {
      if (in_comment) out.push_back(span.substr(from, i - from));
      in_comment = quoted = false;
    } else if (in_comment) {
      continue;
    } else if (c == '\\') {
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ';' && !quoted) {
      in_comment = true;
      from = i;
    }
  }
  if (in_comment) out.push_back(span.substr(from));
  return out;
}

// Where `tag` (cf-proxied:true or cf-proxied:false) stands in a cf_tags list
// of the comments, as an offset into `span`; npos when it does not.
size_t cf_tag_at(std::string_view span, const std::vector<std::string_view>& notes, std::string_view tag) {
  for (std::string_view c : notes) {
    const size_t tags = c.find(kCfTagsKey);
    if (tags == std::string_view::npos) continue;
    if (size_t at = c.find(tag, tags); at != std::string_view::npos) return size_t(c.data() - span.data()) + at;
  }
  return std::string_view::npos;
}

struct LineInfo {
  size_t begin = 0;  // the record's first byte
  size_t end = 0;    // one past its last byte (before the newline)
  size_t next = 0;   // the first byte after its newline
};

LineInfo record_lines(std::string_view text, const RecordView& r) {
  LineInfo li;
  li.begin = std::min(size_t(r.span.begin), text.size());
  li.end = std::min<size_t>(li.begin + r.span.length, text.size());
  size_t nl = text.find('\n', li.end);
  li.next = nl == std::string_view::npos ? text.size() : nl + 1;
  return li;
}

bool zone_flagged(const Zone& z) {
  if (z.format == InputFormat::cloudflare_export || z.format == InputFormat::cloudflare_json) return true;
  for (size_t i = 0; i < z.size(); ++i)
    if (z.record(i).proxied != Proxied::unknown) return true;
  return false;
}

bool proxiable(uint16_t type) { return type == rrtype::A || type == rrtype::AAAA || type == rrtype::CNAME; }

}  // namespace

RecordTwins::RecordTwins(const Zone& zone, const std::vector<size_t>* only) : next_(zone.size()), head_(zone.size()) {
  auto key = [&](size_t i) {
    RecordView r = zone.record(i);
    return name_hash(r.owner.view()) ^ (uint64_t(r.type) << 40) ^
           std::hash<std::string_view>{}(r.rdata) * 0x9E3779B97F4A7C15ull;
  };
  std::unordered_set<uint64_t> wanted;
  if (only)
    for (size_t i : *only)
      if (i < zone.size()) wanted.insert(key(i));
  // The records by key, then in zone order; equal keys are compared in full.
  std::vector<std::pair<uint64_t, uint32_t>> keyed;
  for (uint32_t i = 0; i < zone.size(); ++i) {
    next_[i] = head_[i] = i;
    if (only && wanted.empty()) continue;
    const uint64_t k = key(i);
    if (!only || wanted.count(k)) keyed.push_back({k, i});
  }
  std::sort(keyed.begin(), keyed.end());
  std::vector<uint32_t> last;  // of each group in the current run of one key
  for (size_t a = 0; a < keyed.size(); ++a) {
    if (a == 0 || keyed[a].first != keyed[a - 1].first) last.clear();
    const uint32_t i = keyed[a].second;
    RecordView r = zone.record(i);
    bool joined = false;
    for (uint32_t& l : last) {
      RecordView o = zone.record(l);
      if (o.type == r.type && o.rdata == r.rdata && names_equal(o.owner.view(), r.owner.view())) {
        next_[l] = i;
        head_[i] = head_[l];
        l = i;
        joined = true;
        break;
      }
    }
    if (!joined) last.push_back(i);
  }
}

size_t RecordTwins::first(size_t i) const { return i < head_.size() ? head_[i] : i; }

std::vector<size_t> RecordTwins::group(size_t i) const {
  if (i >= head_.size()) return {i};
  std::vector<size_t> out;
  for (size_t j = head_[i];; j = next_[j]) {
    out.push_back(j);
    if (next_[j] == j) break;
  }
  return out;
}

std::vector<long> locate_edits(const Zone& zone, uint32_t zone_index, const FixPlan& plan) {
  std::vector<long> at(plan.edits.size(), -1);
  for (uint32_t k = 0; k < plan.edits.size(); ++k) {
    const ZoneEdit& e = plan.edits[k].edit;
    if (e.zone != zone_index || !e.has_record || e.record >= zone.size()) continue;
    // The index is the record's identity; its type and owner must agree,
    // or the edit was made against another zone.
    RecordView r = zone.record(e.record);
    if (r.type == e.type && names_equal(r.owner.view(), e.owner.view())) at[k] = long(e.record);
  }
  return at;
}

namespace {

// What an addition needs to know of the records at its owner.
struct OwnerAnchors {
  std::string_view owner;   // wire form, of the first addition naming it
  long replaced = -1;       // the first record removed or replaced there
  long last = -1;           // the last record kept there
  bool cname_kept = false;  // a CNAME there stays (its removal was skipped, or none was asked)
};

// Writes a plan's edits into the main file of one zone, phase by phase:
// the edits of existing records, the owners that lines after removed ones
// inherited, the additions; every change is a TextOp, and the text is
// spliced once at the end.
class ZoneTextWriter {
 public:
  ZoneTextWriter(const Zone& zone, uint32_t zone_index, std::string_view text, const FixPlan& plan)
      : zone_(zone),
        zone_index_(zone_index),
        text_(text),
        plan_(plan),
        newline_(text.find("\r\n") != std::string_view::npos ? "\r\n" : "\n"),
        flagged_(zone_flagged(zone)),
        removed_(zone.size(), false) {}

  // Phase 1: edits of existing records (set-dns-only, replace, remove).
  // Returns the additions, which go last: they are placed by the records
  // the other edits remove.
  std::vector<uint32_t> edit_records(CorrectedZone& out) {
    const std::vector<long> located = locate_edits(zone_, zone_index_, plan_);
    std::vector<size_t> edited;
    for (long ri : located)
      if (ri >= 0) edited.push_back(size_t(ri));
    const RecordTwins twins(zone_, &edited);
    std::vector<uint32_t> adds;
    for (uint32_t k = 0; k < plan_.edits.size(); ++k) {
      const ZoneEdit& e = plan_.edits[k].edit;
      if (e.zone != zone_index_) continue;
      if (e.op == ZoneEdit::Op::add) {
        adds.push_back(k);
      } else if (std::optional<SkipReason> why = edit_record(e, located[k], twins)) {
        out.skipped.push_back({k, *why});
      } else {
        out.applied.push_back(k);
      }
    }
    return adds;
  }

  // Phase 2: a line after a removed one that took its owner from it (a
  // blank owner field) now names it: otherwise it would take the owner of
  // the line before the removed one. One pass: each run of removed records
  // is looked at once, with the record kept after it, which is named once
  // however many removed lines of its owner the run holds.
  void name_inheriting_lines() {
    for (size_t i = 0; i < zone_.size();) {
      if (!removed_[i]) {
        ++i;
        continue;
      }
      size_t j = i;
      while (j < zone_.size() && removed_[j]) ++j;
      if (j < zone_.size()) name_after_run(i, j);
      i = j;
    }
  }

  // Phase 3: additions, beside the record they replace, else after the
  // last record of the owner, else after the last of the type, else at
  // the end.
  void add_records(const std::vector<uint32_t>& adds, CorrectedZone& out) {
    find_anchors(adds);
    for (uint32_t k : adds) {
      const ZoneEdit& e = plan_.edits[k].edit;
      if (owner_slot(e.owner.view())->cname_kept && e.type != rrtype::CNAME) {
        // A CNAME takes no other data beside it (RFC 1034 §3.6.2, RFC 2181
        // §10.1): written, the record would make the zone fail to load.
        out.skipped.push_back({k, SkipReason::cname_kept});
        continue;
      }
      add_record(e);
      out.applied.push_back(k);
    }
  }

  // Phase 4: the text with every change made.
  std::string spliced() {
    std::stable_sort(ops_.begin(), ops_.end(), [](const TextOp& a, const TextOp& b) {
      if (a.begin != b.begin) return a.begin < b.begin;
      bool ai = a.begin == a.end, bi = b.begin == b.end;
      if (ai != bi) return ai;  // inserts first
      return a.order < b.order;
    });
    std::string out;
    size_t at = 0;
    for (const TextOp& op : ops_) {
      if (op.begin < at) continue;  // overlaps one already written (cannot happen with merged edits)
      out.append(text_.substr(at, op.begin - at));
      out.append(op.text);
      at = op.end;
    }
    out.append(text_.substr(at));
    return out;
  }

 private:
  void replace(size_t begin, size_t end, std::string text) { ops_.push_back({begin, end, std::move(text), order_++}); }
  void insert(size_t at, std::string text) { replace(at, at, std::move(text)); }

  // Records [first, kept) are removed and `kept` stays: when `kept` takes
  // its owner from a removed line that named it, it names the owner itself.
  void name_after_run(size_t first, size_t kept) {
    const RecordView n = zone_.record(kept);
    if (n.span.file != 0) return;
    const size_t begin = record_lines(text_, n).begin;
    if (!starts_blank(begin)) return;
    for (size_t k = first; k < kept; ++k) {
      const RecordView r = zone_.record(k);
      if (starts_blank(record_lines(text_, r).begin) || !names_equal(n.owner.view(), r.owner.view())) continue;
      insert(begin, lower_text(n.owner.view()));
      return;
    }
  }

  bool starts_blank(size_t at) const { return at < text_.size() && (text_[at] == ' ' || text_[at] == '\t'); }

  uint32_t record_ttl(const RecordView& r) const { return flagged_ && (r.flags & kRecordTtlAuto) ? 1u : r.ttl; }

  // A line the fix writes: absolute owner, explicit TTL and class.
  std::string render(const ZoneEdit& e, uint32_t ttl) const {
    std::string line = lower_text(e.owner.view());
    line += '\t';
    line += std::to_string(ttl);
    line += "\tIN\t";
    append_type_name(line, e.type);
    line += '\t';
    line += e.rdata;
    if (flagged_ && proxiable(e.type)) line += cf_proxied_comment(e.proxied == Proxied::yes);
    return line;
  }

  // The edit of the record at `ri` (-1: not found), written into it and
  // its twins (the same record written twice): all of them, or none.
  std::optional<SkipReason> edit_record(const ZoneEdit& e, long ri, const RecordTwins& twins) {
    if (e.file != 0) return SkipReason::included_file;
    if (ri < 0) return SkipReason::record_not_found;
    const std::vector<size_t> group = twins.group(size_t(ri));
    for (size_t g : group) {
      RecordView t = zone_.record(g);
      if (t.span.file != 0) return SkipReason::included_file;
      // Its lines are the $GENERATE directive's, which makes other records too.
      if (t.flags & kRecordGenerated) return SkipReason::generated;
    }
    // A replaced record's twins go: the new record is written once.
    for (size_t g : group) write(e, g, g == size_t(ri) || e.op != ZoneEdit::Op::replace ? e.op : ZoneEdit::Op::remove);
    return std::nullopt;
  }

  // One record's change to the text.
  void write(const ZoneEdit& e, size_t ri, ZoneEdit::Op op) {
    RecordView r = zone_.record(ri);
    LineInfo li = record_lines(text_, r);
    switch (op) {
      case ZoneEdit::Op::set_dns_only: write_dns_only(li); break;
      case ZoneEdit::Op::replace:
        replace(li.begin, li.end, render(e, e.ttl ? e.ttl : record_ttl(r)));
        removed_at_.push_back(long(ri));
        break;
      case ZoneEdit::Op::remove:
        replace(li.begin, li.next, std::string());
        removed_[ri] = true;
        removed_at_.push_back(long(ri));
        break;
      case ZoneEdit::Op::add: break;
    }
  }

  // The record's `cf-proxied:true` becomes `false`; a record without the
  // tag gets `cf-proxied:false` at the end of its last line: into its
  // comment's tag list, into its comment, or in a comment of its own.
  void write_dns_only(const LineInfo& li) {
    std::string_view span = text_.substr(li.begin, li.end - li.begin);
    const std::vector<std::string_view> notes = comments(span);
    const size_t at = cf_tag_at(span, notes, cf_proxied_tag(true));
    if (at != std::string_view::npos) {
      const size_t value = li.begin + at + kCfProxiedName.size();
      replace(value, li.begin + at + cf_proxied_tag(true).size(), std::string(cf_proxied_value(false)));
      return;
    }
    if (cf_tag_at(span, notes, cf_proxied_tag(false)) != std::string_view::npos) return;  // already DNS-only
    size_t end = span.find_last_not_of(" \t\r");
    size_t pos = li.begin + (end == std::string_view::npos ? 0 : end + 1);
    const size_t last_line = span.rfind('\n') == std::string_view::npos ? 0 : span.rfind('\n') + 1;
    const bool commented = !notes.empty() && size_t(notes.back().data() - span.data()) >= last_line;
    std::string tag;
    if (!commented)
      tag = cf_proxied_comment(false);
    else if (notes.back().find(kCfTagsKey) != std::string_view::npos)
      tag.append(",").append(cf_proxied_tag(false));
    else
      tag.append(" ").append(kCfTagsKey).append(cf_proxied_tag(false));
    insert(pos, std::move(tag));
  }

  OwnerAnchors* owner_slot(std::string_view owner) {
    auto it = owners_.find(name_hash(owner));
    if (it == owners_.end()) return nullptr;
    for (OwnerAnchors& a : it->second)
      if (names_equal(a.owner, owner)) return &a;
    return nullptr;
  }

  // The candidates for every addition's place, in one pass over the zone.
  void find_anchors(const std::vector<uint32_t>& adds) {
    for (uint32_t k : adds) {
      const ZoneEdit& e = plan_.edits[k].edit;
      if (!owner_slot(e.owner.view())) owners_[name_hash(e.owner.view())].push_back({e.owner.view()});
      last_of_type_.emplace(e.type, -1);
    }
    if (adds.empty()) return;
    for (long ri : removed_at_)
      if (OwnerAnchors* a = owner_slot(zone_.record(size_t(ri)).owner.view()); a && a->replaced < 0) a->replaced = ri;
    for (size_t i = 0; i < zone_.size(); ++i) {
      RecordView r = zone_.record(i);
      if (removed_[i]) continue;
      if (r.type == rrtype::CNAME)
        if (OwnerAnchors* a = owner_slot(r.owner.view())) a->cname_kept = true;
      if (r.span.file != 0) continue;
      if (OwnerAnchors* a = owner_slot(r.owner.view())) a->last = long(i);
      // Not after a record whose next line inherits its owner: the new
      // line would take that owner away from it.
      if (auto t = last_of_type_.find(r.type); t != last_of_type_.end() && !starts_blank(record_lines(text_, r).next))
        t->second = long(i);
    }
  }

  void add_record(const ZoneEdit& e) {
    const OwnerAnchors& at_owner = *owner_slot(e.owner.view());
    long anchor = at_owner.replaced;
    const bool before = anchor >= 0;
    if (anchor < 0) anchor = at_owner.last >= 0 ? at_owner.last : last_of_type_[e.type];
    uint32_t ttl = e.ttl;
    if (!ttl) {
      long from = anchor >= 0 ? anchor : (zone_.size() ? 0 : -1);
      ttl = from >= 0 ? record_ttl(zone_.record(size_t(from))) : 3600;
    }
    // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on
    // `std::string + std::string&&` chains.
    std::string piece;
    size_t pos = text_.size();
    if (anchor >= 0) {
      LineInfo li = record_lines(text_, zone_.record(size_t(anchor)));
      pos = before ? li.begin : li.next;
    }
    if (pos == text_.size() && !text_.empty() && text_.back() != '\n') piece.append(newline_);
    piece.append(render(e, ttl));
    piece.append(newline_);
    insert(pos, std::move(piece));
  }

  const Zone& zone_;
  const uint32_t zone_index_;
  const std::string_view text_;
  const FixPlan& plan_;
  const std::string newline_;
  const bool flagged_;  // lines written carry cf-proxied
  std::vector<TextOp> ops_;
  uint32_t order_ = 0;
  std::vector<bool> removed_;     // by record index: its lines go
  std::vector<long> removed_at_;  // each record removed or replaced, in the order written
  std::unordered_map<uint64_t, std::vector<OwnerAnchors>> owners_;  // by name_hash
  std::unordered_map<uint16_t, long> last_of_type_;
};

}  // namespace

CorrectedZone apply_edits(const Zone& zone, uint32_t zone_index, std::string_view text, const FixPlan& plan) {
  CorrectedZone out;
  if (zone.format == InputFormat::cloudflare_json) {
    for (uint32_t k = 0; k < plan.edits.size(); ++k)
      if (plan.edits[k].edit.zone == zone_index) out.skipped.push_back({k, SkipReason::format});
    out.text.assign(text);
    return out;
  }
  ZoneTextWriter writer(zone, zone_index, text, plan);
  const std::vector<uint32_t> adds = writer.edit_records(out);
  writer.name_inheriting_lines();
  writer.add_records(adds, out);
  out.text = writer.spliced();
  return out;
}

std::string fill_placeholder(std::string_view text, std::string_view name, std::string_view value) {
  std::string key = "{";
  key.append(name);
  key.push_back('}');
  std::string out;
  size_t at = 0;
  for (size_t p; (p = text.find(key, at)) != std::string_view::npos; at = p + key.size()) {
    out.append(text.substr(at, p - at));
    out.append(value);
  }
  out.append(text.substr(at));
  return out;
}

}  // namespace mxray
