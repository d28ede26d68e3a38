#include "rules/origin.h"

#include <algorithm>
#include <bit>
#include <span>

#include "dns/rdata.h"
#include "dns/types.h"
#include "policy/proxy_providers.h"
#include "policy/spf.h"
#include "rules/evidence.h"

namespace mxray {

std::string_view origin_source_name(OriginSource s) {
  switch (s) {
#define MXRAY_X(id, name) \
  case OriginSource::id: return name;
    MXRAY_ORIGIN_SOURCES(MXRAY_X)
#undef MXRAY_X
  }
  return "dns-only-name";
}

namespace {

using rules::address_text;
using rules::lower_name;

bool hex_label(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  });
}

// Cloudflare's companion names: `dc-<hex>` (its examples have 8 hex digits)
// and `_dc-mx.<hex>` (12), docs/sources.md#cloudflare-dc-mx.
bool companion_name(std::string_view wire) {
  auto label_at = [&](size_t at) {
    return at < wire.size() && at + 1 + uint8_t(wire[at]) <= wire.size() ? wire.substr(at + 1, uint8_t(wire[at]))
                                                                         : std::string_view();
  };
  std::string_view first = label_at(0);
  if (first.size() >= 11 && (first[0] == 'd' || first[0] == 'D') && (first[1] == 'c' || first[1] == 'C') &&
      first[2] == '-')
    return hex_label(first.substr(3));
  if (first.size() != 6 || !names_equal(wire.substr(0, 7), std::string_view("\x06_dc-mx", 7))) return false;
  std::string_view label = label_at(7);
  return label.size() >= 12 && hex_label(label);
}

const Fact* answered(const FactStore& facts, std::string_view name, uint16_t type) {
  const Fact* f = facts.find(name, type);
  return f && f->state == FactState::answered ? f : nullptr;
}

class Candidates {
 public:
  explicit Candidates(const MailModel& model) : model_(model) {}

  void add(uint16_t type, std::string_view rdata, OriginClue clue) {
    if (type != rrtype::A && type != rrtype::AAAA) return;
    if (rdata.size() != (type == rrtype::A ? 4u : 16u)) return;
    if (proxy_provider_for(std::span(reinterpret_cast<const uint8_t*>(rdata.data()), rdata.size()))) return;
    size_t k = 0;
    while (k < list_.size() && !(list_[k].type == type && wire_[k] == rdata)) ++k;
    if (k == list_.size()) {
      list_.push_back({type, address_text(type, rdata), {}});
      wire_.emplace_back(rdata);
    }
    auto& clues = list_[k].clues;
    if (std::none_of(clues.begin(), clues.end(), [&](const OriginClue& c) {
          return c.source == clue.source && c.name == clue.name && c.live == clue.live;
        }))
      clues.push_back(std::move(clue));
  }

  OriginClue zone_clue(OriginSource source, uint32_t zone_index, const RecordView& r) const {
    const Zone& z = model_.input_zone(zone_index);
    return {source, lower_name(r.owner.view()), false, r.span.file < z.files.size() ? z.files[r.span.file] : "",
            r.span.first_line};
  }

  // A candidate whose PTR names a host that has the candidate's address
  // again is a server's own address (live answers only).
  void confirm_by_reverse_dns() {
    const FactStore& facts = model_.facts();
    for (size_t k = 0; k < list_.size(); ++k) {
      const Fact* ptr = answered(facts, reverse_name(wire_[k]).view(), rrtype::PTR);
      if (!ptr) continue;
      for (const ResourceRecord& r : ptr->records) {
        if (r.type != rrtype::PTR) continue;
        const Fact* forward = answered(facts, r.rdata, list_[k].type);
        if (!forward) continue;
        for (const ResourceRecord& a : forward->records)
          if (a.type == list_[k].type && a.rdata == wire_[k]) {
            list_[k].clues.push_back({OriginSource::fcrdns, lower_name(r.rdata), true, "", 0});
            break;
          }
      }
    }
  }

  std::vector<OriginCandidate> take(size_t limit) {
    auto kinds = [](const OriginCandidate& c) {
      uint32_t seen = 0;
      for (const OriginClue& clue : c.clues) seen |= 1u << unsigned(clue.source);
      return std::popcount(seen);
    };
    std::stable_sort(list_.begin(), list_.end(),
                     [&](const OriginCandidate& a, const OriginCandidate& b) { return kinds(a) > kinds(b); });
    if (list_.size() > limit) list_.resize(limit);
    return std::move(list_);
  }

 private:
  const MailModel& model_;
  std::vector<OriginCandidate> list_;
  std::vector<std::string> wire_;  // each candidate's address octets
};

// The single-host ip4:/ip6: terms of an SPF record that authorise (a "+").
void spf_clues(Candidates& out, std::string_view text, OriginClue where) {
  if (!is_spf_record(text)) return;
  const SpfRecord spf = parse_spf(text);
  for (const SpfTerm& t : spf.terms) {
    if (!t.valid || t.ignored || t.qualifier != SpfQualifier::pass) continue;
    if (t.kind == SpfTermKind::ip4 && (!t.cidr4 || *t.cidr4 == 32))
      out.add(rrtype::A, std::string_view(reinterpret_cast<const char*>(t.address), 4), where);
    else if (t.kind == SpfTermKind::ip6 && (!t.cidr6 || *t.cidr6 == 128))
      out.add(rrtype::AAAA, std::string_view(reinterpret_cast<const char*>(t.address), 16), where);
  }
}

}  // namespace

std::vector<OriginCandidate> origin_candidates(const MailModel& model, size_t limit) {
  Candidates out(model);
  const std::string domain = lower_name(model.domain());
  // The zones: companions, proxied records, DNS-only mail and panel names,
  // and the apex's SPF.
  const ZoneLookup& zones = model.zones();
  for (uint32_t zi = 0; zi < zones.zone_count(); ++zi) {
    if (!zones.present(zi)) continue;
    const Zone& z = zones.zone(zi);
    for (size_t i = 0; i < z.size(); ++i) {
      const RecordView r = z.record(i);
      if (r.type == rrtype::TXT) {
        if (names_equal(r.owner.view(), model.domain()))
          spf_clues(out, txt_strings_joined(r.rdata), out.zone_clue(OriginSource::spf_term, zi, r));
        continue;
      }
      if (r.type != rrtype::A && r.type != rrtype::AAAA) continue;
      if (companion_name(r.owner.view()))
        out.add(r.type, r.rdata, out.zone_clue(OriginSource::companion, zi, r));
      else if (r.proxied == Proxied::yes)
        out.add(r.type, r.rdata, out.zone_clue(OriginSource::proxied_record, zi, r));
      else if (model.find(r.owner.view()) && name_is_under(r.owner.view(), model.domain()))
        out.add(r.type, r.rdata, out.zone_clue(OriginSource::dns_only_name, zi, r));
    }
  }
  // Live DNS: the addresses the mail and panel names answer with directly
  // (a proxy's are left out by add()), and the domain's SPF.
  if (model.live()) {
    for (const MailName& m : model.names())
      for (const Hop& h : m.live.hops) {
        // Names outside the domain (a panel's discovery host, a mail
        // provider's) are other servers.
        if (h.source.kind != HopSource::live || h.type == rrtype::CNAME) continue;
        if (!name_is_under(h.name.view(), model.domain())) continue;
        out.add(h.type, h.rdata,
                {companion_name(h.name.view()) ? OriginSource::companion : OriginSource::dns_only_name,
                 lower_name(h.name.view()), true, "", 0});
      }
    if (const Fact* txt = answered(model.facts(), model.domain(), rrtype::TXT))
      for (const ResourceRecord& r : txt->records)
        if (r.type == rrtype::TXT)
          spf_clues(out, txt_strings_joined(r.rdata), {OriginSource::spf_term, domain, true, "", 0});
    out.confirm_by_reverse_dns();
  }
  return out.take(limit);
}

}  // namespace mxray
