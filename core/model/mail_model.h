// The mail-relevant names of a domain and the paths they take, from the
// uploaded zones and from live DNS: what the rules read.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "doh/facts.h"
#include "model/panels.h"
#include "model/paths.h"
#include "model/zone_lookup.h"
#include "policy/mail_names.h"

namespace mxray {

struct MailName {
  WireName name;
  uint32_t roles = 0;
  std::vector<ServiceNeed> needs;
  // Where the name came from: the zone's MX/SRV records or live answers.
  std::vector<HopSource> named_by;
  ResolutionPath zone;  // route unknown with reason "no-zone" when no zone was given
  ResolutionPath live;  // route unknown with reason "offline" for an offline check
};

// Two uploads for one apex: the hosting panel's zone and the proxy's
// (a Cloudflare export or API JSON), as in a migration. The model reads
// the proxy's; the rules compare the two.
struct ZonePair {
  uint32_t panel = 0;  // FactStore::zones() index of the zone the proxy's replaced
  uint32_t proxy = 0;  // the zone in use
};

struct ModelOptions {
  // The hosting panel: "auto" (detected from the zone and live answers),
  // "none", or a panel_profiles() id.
  std::string panel = "auto";
  // Distinct names taken from MX and SRV records, zone and live together;
  // the rest are left out (names_left_out()), so a zone of thousands of MX
  // records cannot make a report of gigabytes. As many as a live answer
  // keeps (SessionLimits::max_answer_records).
  uint32_t max_record_names = 256;
  // Records of one type at one name taken from each zone (ZoneLookup): the
  // rest are left out of the model, the rules and the fix, and counted.
  uint32_t max_records_per_set = 256;
  // False: the rules find and grade only, for a summary (a batch line):
  // their findings carry no edits, and no evidence of paths or sources.
  bool explain = true;
};

class MailModel {
 public:
  // A Session is a FactStore: `MailModel model(session, options)`.
  explicit MailModel(const FactStore& facts, const ModelOptions& options = {});

  // What the query loop learnt (live answers, the uploaded zones).
  const FactStore& facts() const { return facts_; }
  // The zones in use (a replaced panel zone is left out).
  const ZoneLookup& zones() const { return lookup_; }
  // Any uploaded zone by its FactStore::zones() index, replaced ones included.
  const Zone& input_zone(uint32_t i) const { return *facts_.zones()[i]; }
  bool has_zone() const { return lookup_.zone_count() > 0; }
  bool live() const { return facts_.round() > 0; }
  // ModelOptions::explain.
  bool explains() const { return explain_; }
  std::string_view domain() const { return facts_.domain().view(); }
  const std::vector<MailName>& names() const { return names_; }
  // MX and SRV targets past ModelOptions::max_record_names, not modelled.
  uint32_t names_left_out() const { return left_out_; }
  uint32_t max_record_names() const { return max_record_names_; }
  const MailName* find(std::string_view name) const;
  // The hosting panel's profile, detected or stated; nullptr when none.
  const PanelProfile* panel() const { return panel_; }
  bool panel_stated() const { return panel_stated_; }
  const std::vector<ZonePair>& zone_pairs() const { return pairs_; }

 private:
  MailName& add(std::string_view name, uint32_t roles);
  MailName* find_mutable(std::string_view name);
  // add() for a target of an MX or SRV record: null past max_record_names.
  MailName* add_target(std::string_view name, uint32_t roles);
  const FactStore& facts_;
  // The zones in use: FactStore::zones() with each replaced panel zone null,
  // so indexes stay those of the session.
  std::vector<ZonePair> pairs_;
  std::vector<std::shared_ptr<const Zone>> active_;
  ZoneLookup lookup_;
  const PanelProfile* panel_ = nullptr;
  bool panel_stated_ = false;
  std::vector<MailName> names_;
  // Positions in names_ by name_hash: a domain with thousands of MX
  // targets is not searched name by name.
  std::unordered_multimap<uint64_t, size_t> by_hash_;
  uint32_t max_record_names_ = 0;
  bool explain_ = true;
  uint32_t record_names_ = 0;  // names first named by an MX or SRV record
  uint32_t left_out_ = 0;
};

}  // namespace mxray
