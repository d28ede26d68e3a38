// Records of the uploaded zones by owner name, for the model and the rules.
// 16 bytes a record (a hash of the owner and where the record is), sorted
// once, so even a million-record zone costs little next to the zone itself.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "zone/zone.h"

namespace mxray {

struct ZoneRecordRef {
  uint32_t zone = 0;   // index into the zones given
  uint32_t index = 0;  // Zone::record(index)
};

class ZoneLookup {
 public:
  // Takes at most `max_per_set` records of one type at one name from each
  // zone, the first in the zone's order; the rest are left out of every
  // look-up and counted (records_left_out()). As many as a live answer keeps
  // (SessionLimits::max_answer_records), so 200,000 A records at `mail`
  // cannot make a report of gigabytes (docs/limits.md row 33c).
  explicit ZoneLookup(std::span<const std::shared_ptr<const Zone>> zones, uint32_t max_per_set = 256);

  // Records owned by `name` (wire form, any case), optionally of one type
  // (0: all), in zone order.
  std::vector<ZoneRecordRef> at(std::string_view name, uint16_t type = 0) const;
  // True when `name` owns some record (of `type`; 0: of any type). Unlike
  // at(), stops at the first.
  bool has(std::string_view name, uint16_t type = 0) const;
  // True when some record is owned by `name` or by a name below it
  // (the name exists, RFC 4592 §2.2.2 "empty non-terminals" included).
  bool exists(std::string_view name) const;
  RecordView record(ZoneRecordRef r) const { return zones_[r.zone]->record(r.index); }
  // The zone whose apex is the longest one holding `name`, or -1.
  int zone_for(std::string_view name) const;
  const Zone& zone(uint32_t i) const { return *zones_[i]; }
  // False for a zone left out (null): zone(i) must not be called then.
  bool present(uint32_t i) const { return i < zones_.size() && zones_[i] != nullptr; }
  size_t zone_count() const { return zones_.size(); }
  // Records past max_per_set at their name and type, in all zones.
  uint64_t records_left_out() const { return left_out_; }
  uint32_t max_per_set() const { return max_per_set_; }

 private:
  std::span<const std::shared_ptr<const Zone>> zones_;
  // The key is the owner's hash with its low 16 bits replaced by the type,
  // so the records of one type at a name sit together: an apex with
  // thousands of MX records costs nothing to a look-up of its A record.
  struct Entry {
    uint64_t key;
    uint32_t zone;
    uint32_t index;
  };
  template <class F>
  bool each_at(std::string_view name, uint16_t type, F&& f) const;
  std::vector<Entry> entries_;       // sorted by key, then zone order
  std::vector<uint64_t> ancestors_;  // hashes of every proper ancestor of an owner, sorted
  uint32_t max_per_set_ = 0;
  uint64_t left_out_ = 0;
};

// Case-insensitive hash of a wire name.
uint64_t name_hash(std::string_view wire);

}  // namespace mxray
