// The record store (core/zone/zone.h): its first blocks start small and
// grow, the rest are large; whatever the order of small and large items,
// every record reads back as it was added, and memory_bytes() follows what
// was allocated.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "dns/name.h"
#include "zone/zone.h"

using namespace mxray;

namespace {

// Record k: owner "h<k>.example." and RDATA of `size(k)` octets, each the
// low byte of k plus its position.
std::string owner_of(size_t k) {
  const std::string label = "h" + std::to_string(k);
  std::string w(1, char(label.size()));
  w += label;
  w += "\x07"
       "example";
  w += '\0';
  return w;
}

std::string rdata_of(size_t k, size_t size) {
  std::string r(size, '\0');
  for (size_t i = 0; i < size; ++i) r[i] = char((k + i) & 0xff);
  return r;
}

template <typename Size>
void fill_and_check(size_t count, Size size) {
  Zone zone;
  for (size_t k = 0; k < count; ++k) {
    const std::string owner = owner_of(k), rdata = rdata_of(k, size(k));
    Zone::NewRecord r;
    r.owner = owner;
    r.ttl = uint32_t(k);
    r.type = 16;
    r.rdata = rdata;
    r.span = SourceSpan{0, uint32_t(k + 1), uint32_t(k + 1), k * 10, 9};
    REQUIRE(zone.add(r));
  }
  REQUIRE(zone.size() == count);
  for (size_t k = 0; k < count; ++k) {
    const RecordView v = zone.record(k);
    CHECK(std::string(v.owner.view()) == owner_of(k));
    CHECK(v.ttl == k);
    CHECK(std::string(v.rdata) == rdata_of(k, size(k)));
    CHECK(v.span.first_line == k + 1);
    CHECK(v.span.begin == k * 10);
  }
}

}  // namespace

TEST_CASE("zone store: records read back across every kind of block") {
  SUBCASE("small records, past the first block's growth steps and into full blocks") {
    // Slots: the first block holds 256, then 1,024, 4,096, 16,384 and
    // 52,428 (2 MiB of 40-byte slots); 60,000 records need a second block.
    fill_and_check(60000, [](size_t) { return size_t(4); });
  }
  SUBCASE("an item larger than the first small byte blocks comes first") {
    // 40,000 octets do not fit in the 16 KiB first block: a 1 MiB block is
    // carved from a large one; the next blocks are small again, and later
    // 1 MiB blocks are carved from the same large block.
    fill_and_check(3000, [](size_t k) { return k == 0 ? size_t(40000) : k % 97 == 0 ? size_t(65535) : size_t(20); });
  }
  SUBCASE("items of every size up to 65535 octets") {
    fill_and_check(400, [](size_t k) { return (k * 7919) % 65536; });
  }
}

TEST_CASE("zone store: a small zone takes kilobytes, not megabytes; memory_bytes() counts what was allocated") {
  Zone zone;
  const std::string owner = owner_of(1), rdata = rdata_of(1, 4);
  Zone::NewRecord r;
  r.owner = owner;
  r.type = 1;
  r.rdata = rdata;
  for (int i = 0; i < 10; ++i) REQUIRE(zone.add(r));
  // Ten slots, and the first byte block of 16 KiB.
  CHECK(zone.memory_bytes() == 10 * Zone::kRecordSlotBytes + (16 << 10));
  zone.truncate(0);
  CHECK(zone.size() == 0);
  REQUIRE(zone.add(r));
  CHECK(std::string(zone.record(0).rdata) == rdata);
}
