#include "model/mail_model.h"

#include <cstring>

#include "dns/types.h"

namespace mxray {
namespace {

std::string_view rdata_name_at(std::string_view rdata, size_t offset) {
  if (offset >= rdata.size()) return {};
  size_t n = wire_name_size(rdata.substr(offset));
  return n ? rdata.substr(offset, n) : std::string_view{};
}

void add_need(MailName& m, const ServiceNeed& n) {
  // SRV records can name one target on every port: past this many, the
  // name is not asked to carry more (a mail name needs a handful).
  constexpr size_t kMaxNeeds = 64;
  if (m.needs.size() >= kMaxNeeds) return;
  for (const ServiceNeed& x : m.needs)
    if (x.port == n.port && x.service == n.service && x.via == n.via) return;
  m.needs.push_back(n);
}

uint16_t u16_at(std::string_view rdata, size_t offset) {
  return uint16_t(uint8_t(rdata[offset]) << 8 | uint8_t(rdata[offset + 1]));
}

}  // namespace

MailName* MailModel::find_mutable(std::string_view name) {
  for (auto [it, end] = by_hash_.equal_range(name_hash(name)); it != end; ++it)
    if (MailName& m = names_[it->second]; names_equal(m.name.view(), name)) return &m;
  return nullptr;
}

MailName* MailModel::add_target(std::string_view name, uint32_t roles) {
  if (find_mutable(name)) return &add(name, roles);
  if (record_names_ >= max_record_names_) {
    ++left_out_;
    return nullptr;
  }
  ++record_names_;
  return &add(name, roles);
}

MailName& MailModel::add(std::string_view name, uint32_t roles) {
  if (MailName* m = find_mutable(name)) {
    m->roles |= roles;
    return *m;
  }
  by_hash_.emplace(name_hash(name), names_.size());
  MailName& m = names_.emplace_back();
  m.name.length = uint8_t(name.size());
  std::memcpy(m.name.octets, name.data(), name.size());
  m.roles = roles;
  return m;
}

const MailName* MailModel::find(std::string_view name) const {
  for (auto [it, end] = by_hash_.equal_range(name_hash(name)); it != end; ++it)
    if (const MailName& m = names_[it->second]; names_equal(m.name.view(), name)) return &m;
  return nullptr;
}

// Of several uploads for one apex, the proxy's is in use: the last one
// carrying proxy flags (a Cloudflare export with cf_tags, or API JSON),
// else the last given. The others are the panel's, replaced by it.
static std::vector<std::shared_ptr<const Zone>> active_zones(std::span<const std::shared_ptr<const Zone>> zones,
                                                             std::vector<ZonePair>& pairs) {
  std::vector<std::shared_ptr<const Zone>> active(zones.begin(), zones.end());
  auto flagged = [](const Zone& z) {
    if (z.format == InputFormat::cloudflare_json) return true;
    for (size_t i = 0; i < z.size(); ++i)
      if (z.record(i).proxied != Proxied::unknown) return true;
    return false;
  };
  std::vector<bool> done(zones.size(), false);
  for (size_t i = 0; i < zones.size(); ++i) {
    if (done[i] || !zones[i] || zones[i]->apex.empty()) continue;
    std::vector<uint32_t> group;
    for (size_t j = i; j < zones.size(); ++j)
      if (zones[j] && names_equal(zones[j]->apex, zones[i]->apex)) {
        group.push_back(uint32_t(j));
        done[j] = true;
      }
    if (group.size() < 2) continue;
    uint32_t proxy = group.back();
    for (auto it = group.rbegin(); it != group.rend(); ++it)
      if (flagged(*zones[*it])) {
        proxy = *it;
        break;
      }
    for (uint32_t g : group)
      if (g != proxy) {
        active[g] = nullptr;
        pairs.push_back({g, proxy});
      }
  }
  return active;
}

MailModel::MailModel(const FactStore& facts, const ModelOptions& options)
    : facts_(facts), active_(active_zones(facts.zones(), pairs_)), lookup_(active_, options.max_records_per_set) {
  max_record_names_ = options.max_record_names;
  explain_ = options.explain;
  if (facts.error() != SessionError::none) return;
  const std::string_view apex = facts.domain().view();
  if (options.panel == "auto") {
    panel_ = detect_panel(lookup_, facts, apex);
    // The panel's own zone, replaced by the proxy's, shows them too.
    if (!panel_ && !pairs_.empty())
      panel_ = detect_panel(ZoneLookup(facts.zones(), options.max_records_per_set), facts, apex);
  } else if (options.panel != "none") {
    panel_ = find_panel(options.panel);
    panel_stated_ = panel_ != nullptr;
  }
  add(apex, role::apex);

  // MX exchanges, from the zone and from live DNS.
  auto add_mx = [&](std::string_view rdata, HopSource src) {
    std::string_view exchange = rdata_name_at(rdata, 2);
    if (exchange.size() <= 1) return;  // null MX (RFC 7505)
    MailName* m = add_target(exchange, role::mx_target);
    if (!m) return;
    add_need(*m, {"SMTP", 25, "MX"});
    if (m->named_by.size() < max_record_names_) m->named_by.push_back(src);  // one name, many records
  };
  for (ZoneRecordRef ref : lookup_.at(apex, rrtype::MX)) {
    RecordView r = lookup_.record(ref);
    add_mx(r.rdata, HopSource::of(ref, r));
  }
  if (const Fact* f = facts.find(apex, rrtype::MX); f && f->state == FactState::answered)
    for (const ResourceRecord& r : f->records) add_mx(r.rdata, HopSource::of_fact(f->id));
  // The MX records of other names in the zones: those names receive mail
  // too, and their targets need what the apex's need.
  for (uint32_t zi = 0; zi < lookup_.zone_count(); ++zi) {
    if (!lookup_.present(zi)) continue;
    const Zone& z = lookup_.zone(zi);
    for (size_t i = 0; i < z.size(); ++i) {
      const RecordView r = z.record(i);
      if (r.type == rrtype::MX && !names_equal(r.owner.view(), apex) && name_is_under(r.owner.view(), apex))
        add_mx(r.rdata, HopSource::of(zi, i, r));
    }
  }
  // And what live DNS answers for them: the Session asks the MX of each
  // such name (Session::ask_mail_name, purpose apex).
  for (const Fact& f : facts.facts()) {
    const std::string_view q = f.question.name.view();
    if (f.question.type != rrtype::MX || f.state != FactState::answered || !(f.purposes & purpose::apex) ||
        names_equal(q, apex) || !name_is_under(q, apex))
      continue;
    for (const ResourceRecord& r : f.records)
      if (r.type == rrtype::MX) add_mx(r.rdata, HopSource::of_fact(f.id));
  }

  // The names clients and panels connect to. mail. always counts: it is what
  // cPanel configures mail clients with, so its absence is a finding.
  for (const ClientName& p : client_names()) {
    WireName n;
    if (!prefixed_name({p.label}, apex, n)) continue;  // under a long domain it cannot exist
    // A wildcard answers for the name as it does live (RFC 4592).
    bool in_zone = lookup_.has(n.view()) || covered_by_wildcard(lookup_, n.view());
    const Fact* a = facts.find(n.view(), rrtype::A);
    const Fact* aaaa = facts.find(n.view(), rrtype::AAAA);
    auto seen = [](const Fact* f) {
      return f && f->state == FactState::answered && (!f->records.empty() || !f->chain.empty());
    };
    if (!in_zone && !seen(a) && !seen(aaaa) && p.label != "mail") continue;
    MailName& m = add(n.view(), p.role);
    for (const ServiceNeed& need : p.needs()) add_need(m, need);
  }

  // SRV targets, with the port each record names.
  for (const MailSrvService& s : mail_srv_services()) {
    WireName owner;
    if (!prefixed_name({s.label, "_tcp"}, apex, owner)) continue;
    auto add_srv = [&](std::string_view rdata, HopSource src) {
      if (rdata.size() < 7) return;
      std::string_view target = rdata_name_at(rdata, 6);
      if (target.size() <= 1) return;  // "." = not offered (RFC 2782)
      MailName* m = add_target(target, role::srv_target);
      if (!m) return;
      add_need(*m, {s.service, u16_at(rdata, 4), s.label});
      if (m->named_by.size() < max_record_names_) m->named_by.push_back(src);
    };
    for (ZoneRecordRef ref : lookup_.at(owner.view(), rrtype::SRV)) {
      RecordView r = lookup_.record(ref);
      add_srv(r.rdata, HopSource::of(ref, r));
    }
    if (const Fact* f = facts.find(owner.view(), rrtype::SRV); f && f->state == FactState::answered)
      for (const ResourceRecord& r : f->records) add_srv(r.rdata, HopSource::of_fact(f->id));
  }

  for (MailName& m : names_) {
    if (has_zone()) {
      m.zone = zone_path(lookup_, m.name.view());
    } else {
      m.zone.reason = "no-zone";
    }
    if (live()) {
      m.live = live_path(facts, m.name.view());
    } else {
      m.live.reason = "offline";
    }
  }
}

}  // namespace mxray
