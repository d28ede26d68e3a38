#include "model/zone_lookup.h"

#include <algorithm>

#include "dns/name.h"

namespace mxray {

uint64_t name_hash(std::string_view wire) {
  // FNV-1a over the lowercased octets.
  uint64_t h = 1469598103934665603ull;
  for (char c : wire) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u >= 'A' && u <= 'Z') u = static_cast<unsigned char>(u - 'A' + 'a');
    h = (h ^ u) * 1099511628211ull;
  }
  return h;
}

namespace {

constexpr uint64_t kTypeBits = 0xFFFF;

uint64_t entry_key(uint64_t hash, uint16_t type) { return (hash & ~kTypeBits) | type; }

}  // namespace

ZoneLookup::ZoneLookup(std::span<const std::shared_ptr<const Zone>> zones, uint32_t max_per_set)
    : zones_(zones), max_per_set_(max_per_set) {
  size_t total = 0;
  for (const auto& z : zones_) total += z ? z->size() : 0;
  entries_.reserve(total);
  for (uint32_t zi = 0; zi < zones_.size(); ++zi) {
    if (!zones_[zi]) continue;
    const Zone& z = *zones_[zi];
    uint64_t last_hash = 0;
    WireName last;
    for (size_t i = 0; i < z.size(); ++i) {
      RecordView r = z.record(i);
      if (i == 0 || !names_equal(r.owner.view(), last.view())) {
        // Every proper ancestor of the owner exists too (empty non-terminals).
        // Owners in a row mostly share their parent (the apex), and then
        // every ancestor: those are hashed once.
        std::string_view v = r.owner.view();
        const bool same_parent =
            i > 0 && v.size() > 1 && last.length > 1 &&
            names_equal(v.substr(1 + static_cast<unsigned char>(v[0])), last.view().substr(1 + last.octets[0]));
        last = r.owner;
        last_hash = name_hash(r.owner.view());
        while (!same_parent && v.size() > 1) {
          v.remove_prefix(1 + static_cast<unsigned char>(v[0]));
          ancestors_.push_back(name_hash(v));
        }
      }
      entries_.push_back({entry_key(last_hash, r.type), zi, uint32_t(i)});
    }
  }
  std::stable_sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) { return a.key < b.key; });
  // Past max_per_set records of one type at one name in one zone, the rest
  // go. Within a key the entries are in zone order; an owner that only
  // shares the hash (a collision) is not counted with the first one's.
  size_t out = 0, run = 0, taken = 0;
  for (size_t i = 0; i < entries_.size(); ++i) {
    const Entry& e = entries_[i];
    if (i == 0 || e.key != entries_[run].key || e.zone != entries_[run].zone) {
      run = i;
      taken = 0;
    }
    const bool same_set = i == run || names_equal(zones_[e.zone]->record(e.index).owner.view(),
                                                  zones_[e.zone]->record(entries_[run].index).owner.view());
    if (same_set && ++taken > max_per_set_) {
      ++left_out_;
      continue;
    }
    entries_[out++] = e;
  }
  entries_.resize(out);
  std::sort(ancestors_.begin(), ancestors_.end());
  ancestors_.erase(std::unique(ancestors_.begin(), ancestors_.end()), ancestors_.end());
}

// Calls f(entry) for each record owned by `name` (of `type`, 0: any) in key
// order, until f returns false; returns false when f did.
template <class F>
bool ZoneLookup::each_at(std::string_view name, uint16_t type, F&& f) const {
  const uint64_t h = name_hash(name);
  const uint64_t lo = entry_key(h, type), hi = type ? lo : entry_key(h, 0xFFFF);
  auto it =
      std::lower_bound(entries_.begin(), entries_.end(), lo, [](const Entry& e, uint64_t v) { return e.key < v; });
  for (; it != entries_.end() && it->key <= hi; ++it)
    if (names_equal(zones_[it->zone]->record(it->index).owner.view(), name) && !f(*it)) return false;
  return true;
}

std::vector<ZoneRecordRef> ZoneLookup::at(std::string_view name, uint16_t type) const {
  std::vector<ZoneRecordRef> out;
  each_at(name, type, [&](const Entry& e) {
    out.push_back({e.zone, e.index});
    return true;
  });
  // Of all types, the entries come type by type: put them back in zone order.
  if (type == 0)
    std::sort(out.begin(), out.end(), [](const ZoneRecordRef& a, const ZoneRecordRef& b) {
      return a.zone != b.zone ? a.zone < b.zone : a.index < b.index;
    });
  return out;
}

bool ZoneLookup::has(std::string_view name, uint16_t type) const {
  return !each_at(name, type, [](const Entry&) { return false; });
}

bool ZoneLookup::exists(std::string_view name) const {
  if (has(name)) return true;
  // A hash collision here only makes a missing name look present, which
  // errs towards "exists" (no false "missing" finding).
  return std::binary_search(ancestors_.begin(), ancestors_.end(), name_hash(name));
}

int ZoneLookup::zone_for(std::string_view name) const {
  int best = -1;
  size_t best_len = 0;
  for (size_t i = 0; i < zones_.size(); ++i) {
    if (!zones_[i] || zones_[i]->apex.empty()) continue;
    const std::string& apex = zones_[i]->apex;
    if (name_is_under(name, apex) && (best < 0 || apex.size() > best_len)) {
      best = int(i);
      best_len = apex.size();
    }
  }
  return best;
}

}  // namespace mxray
