// The fix: the edits every finding proposes, merged so that no two fight
// over one record, and written into the zone the user gave, leaving every
// line no edit touches byte for byte as it was.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rules/finding.h"
#include "zone/zone.h"

namespace mxray {

// One edit of the merged set, with the findings (indexes into the list
// given to merge_edits) that asked for it.
struct MergedEdit {
  ZoneEdit edit;
  std::vector<uint32_t> findings;
};

// Why an edit was dropped in favour of another: X(identifier, stable name).
// "conflict": a different edit of the same kind to the same record came
// first; "moot": another edit makes it unneeded. Words for each live in
// www/lib (English and Japanese).
#define MXRAY_MERGE_REASONS(X)                        \
  X(covered_by_remove, "covered-by-remove")           \
  X(covered_by_replace, "covered-by-replace")         \
  X(conflict, "conflict")                             \
  X(placeholder_superseded, "placeholder-superseded") \
  X(moot, "moot")

enum class MergeReason : uint8_t {
#define MXRAY_X(id, name) id,
  MXRAY_MERGE_REASONS(MXRAY_X)
#undef MXRAY_X
};
std::string_view merge_reason_name(MergeReason why);

struct MergeNote {
  MergeReason why{};
  ZoneEdit dropped;
  uint32_t finding = 0;  // the finding whose edit was dropped
  uint32_t kept = 0;     // index into FixPlan::edits of the edit that won
};

struct FixPlan {
  std::vector<MergedEdit> edits;
  std::vector<MergeNote> notes;
  // Named placeholders the edits carry ("origin-ipv4"): values the user
  // must supply; the fix never guesses them.
  std::vector<std::string> placeholders;
};

// Merges the edits of `findings` (in the order given: run_rules() puts
// critical findings first, so theirs win a conflict):
//  - edits of one record: remove beats replace beats set-dns-only; two
//    different replacements keep the first;
//  - identical edits are one;
//  - an add with a placeholder gives way to an add of the same owner and
//    type with a known value;
//  - an edit whose `moot_once_direct` names all get an address off the
//    proxy from another edit (an A/AAAA added, replaced or set DNS-only at
//    that name) is dropped: the fix stays minimal.
FixPlan merge_edits(const std::vector<Finding>& findings);

// Why an edit could not be written into the text (see apply_edits):
// X(identifier, stable name). Words for each live in www/lib.
#define MXRAY_SKIP_REASONS(X)             \
  X(included_file, "included-file")       \
  X(generated, "generated")               \
  X(record_not_found, "record-not-found") \
  X(cname_kept, "cname-kept")             \
  X(format, "format")

enum class SkipReason : uint8_t {
#define MXRAY_X(id, name) id,
  MXRAY_SKIP_REASONS(MXRAY_X)
#undef MXRAY_X
};
std::string_view skip_reason_name(SkipReason why);

// An edit that could not be written into the text, and why.
struct SkippedEdit {
  uint32_t edit = 0;  // index into FixPlan::edits
  SkipReason why{};
};

struct CorrectedZone {
  std::string text;
  std::vector<uint32_t> applied;  // indexes into FixPlan::edits, in the order applied
  std::vector<SkippedEdit> skipped;
};

// Writes the plan's edits for zone `zone_index` into `text`, the main file
// of that zone as uploaded (the bytes its SourceSpans point into). Records
// of $INCLUDEd files are left alone (skipped, "included-file"), and so are
// records a $GENERATE made ("generated": its line makes others too); an
// addition beside a CNAME that stays (its removal was one of those) is not
// written either ("cname-kept": the zone would not load); a Cloudflare API
// JSON upload has no zone text to edit ("format").
//  - set-dns-only: the record's `cf-proxied:true` becomes `false`; a record
//    without the tag gets `cf_tags=cf-proxied:false` in its comment;
//  - replace: the record's lines become one line with the new data;
//  - remove: the record's lines go; a following line that took its owner
//    from the removed one is given that owner explicitly;
//  - add: one line, absolute owner, explicit TTL and class, where the
//    record replaced for the same owner was, else after the last record of
//    that owner or type, else at the end.
// Lines written by the fix carry `cf_tags=cf-proxied:false` on A, AAAA and
// CNAME when the zone is a Cloudflare export (or carries proxy flags).
CorrectedZone apply_edits(const Zone& zone, uint32_t zone_index, std::string_view text, const FixPlan& plan);

// Records of a zone that are one record to DNS: the same owner (in any
// case), type and RDATA, written twice (RFC 2181 §5: an RRset holds no
// duplicates; name servers keep one). An edit of one is an edit of all:
// run_rules() names the first of them, and the writers carry the edit to
// the rest.
class RecordTwins {
 public:
  // Every group of the zone; with `only`, just the groups of those records
  // (one pass over the zone either way).
  explicit RecordTwins(const Zone& zone, const std::vector<size_t>* only = nullptr);
  // The first record of i's group (i itself when it has no twin).
  size_t first(size_t i) const;
  // i's group in zone order: {i} when it has no twin.
  std::vector<size_t> group(size_t i) const;

 private:
  std::vector<uint32_t> next_;  // the next twin, or the record itself at the group's end
  std::vector<uint32_t> head_;  // the group's first record
};

// Where the record each edit of the plan changes or removes is: entry k is
// the index in `zone` of edit k's record (ZoneEdit::record, when that
// record has the edit's owner and type), or -1 (not found, an edit of
// another zone, or one that adds).
std::vector<long> locate_edits(const Zone& zone, uint32_t zone_index, const FixPlan& plan);

// `text` with every "{name}" placeholder replaced by `value`.
std::string fill_placeholder(std::string_view text, std::string_view name, std::string_view value);

}  // namespace mxray
