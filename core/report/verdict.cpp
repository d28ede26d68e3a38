#include "report/verdict.h"

#include <algorithm>
#include <span>

#include "dns/name.h"
#include "dns/types.h"
#include "policy/proxy_providers.h"
#include "rules/evidence.h"
#include "rules/finding.h"

namespace mxray {

std::string_view verdict_state_name(VerdictState s) {
  switch (s) {
    case VerdictState::broken: return "broken";
    case VerdictState::at_risk: return "at-risk";
    case VerdictState::fine: return "fine";
    case VerdictState::could_not_tell: return "could-not-tell";
  }
  return "could-not-tell";
}

std::string_view blind_name(Blind b) {
  switch (b) {
    case Blind::unknown_facts: return "unknown-facts";
    case Blind::budget: return "budget";
    case Blind::rejected_records: return "rejected-records";
    case Blind::no_records: return "no-records";
    case Blind::other_domain: return "zone-other-domain";
    case Blind::proxy_unknown: return "proxy-unknown";
    case Blind::several_proxy_zones: return "several-proxy-zones";
    case Blind::domain_not_found: return "domain-not-found";
    case Blind::no_mail_records: return "no-mail-records";
  }
  return "unknown-facts";
}

namespace {

// Records at or under the zone's apex: a zone read whole but with none there
// (every name outside it, as a pasted export with a mangled domain line gives)
// tells nothing about the domain.
bool has_apex_records(const Zone& zone) {
  if (zone.apex.empty()) return zone.size() > 0;
  for (size_t i = 0; i < zone.size(); ++i)
    if (name_is_under(zone.record(i).owner.view(), zone.apex)) return true;
  return false;
}

// A mail name the model routes to the server through a record of a
// Cloudflare export that does not say whether it is proxied (an export
// without cf_tags, as Cloudflare wrote them before about 2024): the record
// may well be proxied, so "reaches the server" is not known.
bool proxy_state_unknown(const MailModel& model) {
  for (const MailName& m : model.names()) {
    if (m.zone.route != Route::origin) continue;
    for (const Hop& h : m.zone.hops)
      if (h.source.kind == HopSource::zone && h.proxied == Proxied::unknown && !h.provider &&
          model.input_zone(h.source.zone_index).format == InputFormat::cloudflare_export)
        return true;
  }
  return false;
}

// Two uploads of one apex that both carry proxy states (two Cloudflare
// exports with cf_tags, or API JSON): the model reads the last one given,
// but nothing says it is the one Cloudflare serves now.
bool several_proxy_zones(const MailModel& model) {
  auto flagged = [](const Zone& z) {
    if (z.format == InputFormat::cloudflare_json) return true;
    for (size_t i = 0; i < z.size(); ++i)
      if (z.record(i).proxied != Proxied::unknown) return true;
    return false;
  };
  for (const ZonePair& p : model.zone_pairs())
    if (flagged(model.input_zone(p.panel)) && flagged(model.input_zone(p.proxy))) return true;
  return false;
}

// What mail to the domain rests on (RFC 5321 §5.1): its MX records (a null
// MX too), else the address of the domain itself, which a CNAME there may
// give. A check that found none of these in any zone or live answer had no
// mail set-up to look at: saying "fine" of it would be saying fine of
// nothing (a misspelt domain, an export taken before its records were).
constexpr uint16_t kMailTypes[] = {rrtype::MX, rrtype::A, rrtype::AAAA, rrtype::CNAME};

bool zone_has_mail(const Zone& zone, std::string_view domain) {
  for (size_t i = 0; i < zone.size(); ++i) {
    const RecordView r = zone.record(i);
    if (!names_equal(r.owner.view(), domain)) continue;
    if (std::find(std::begin(kMailTypes), std::end(kMailTypes), r.type) != std::end(kMailTypes)) return true;
  }
  return false;
}

bool live_has_mail(const FactStore& facts, std::string_view domain) {
  for (uint16_t type : kMailTypes) {
    const Fact* f = facts.find(domain, type);
    if (f && f->state == FactState::answered && (!f->records.empty() || !f->chain.empty())) return true;
  }
  return false;
}

// Live DNS said the domain itself does not exist (NXDOMAIN, RFC 8020: nothing
// at or under it) to any question asked of it.
bool live_nxdomain(const FactStore& facts, std::string_view domain) {
  constexpr uint16_t kNxDomain = 3;
  for (const Fact& f : facts.facts())
    if (f.state == FactState::answered && f.rcode == kNxDomain && f.depth == 0 &&
        names_equal(f.question.name.view(), domain))
      return true;
  return false;
}

}  // namespace

Verdict verdict_of(const Analysis& a) {
  Verdict v;
  const FactStore& facts = a.facts();
  for (const Fact& f : facts.facts())
    if (f.state != FactState::answered) v.unknown_facts.push_back(f.id);
  if (!v.unknown_facts.empty()) v.blind.push_back(Blind::unknown_facts);
  const MailModel& model = a.model();
  if (!facts.budget_hits().empty() || model.names_left_out() || model.zones().records_left_out())
    v.blind.push_back(Blind::budget);
  bool rejected = false, empty = false, other = false;
  for (const auto& z : facts.zones()) {
    rejected |= z->rejected_records > 0 || z->error_count > 0;
    empty |= !has_apex_records(*z);
    other |= !z->apex.empty() && !name_is_under(facts.domain().view(), z->apex);
  }
  if (rejected) v.blind.push_back(Blind::rejected_records);
  if (empty) v.blind.push_back(Blind::no_records);
  if (other) v.blind.push_back(Blind::other_domain);
  if (proxy_state_unknown(model)) v.blind.push_back(Blind::proxy_unknown);
  // Live answers show what is served; offline, nothing does.
  if (facts.facts().empty() && several_proxy_zones(model)) v.blind.push_back(Blind::several_proxy_zones);
  // Nothing of the domain's mail was there to look at. Only when the zones
  // were read and the questions answered: a zone that was not read, or
  // questions without answers, already say why.
  const std::string_view domain = facts.domain().view();
  const bool nxdomain = live_nxdomain(facts, domain);
  if (nxdomain) v.blind.push_back(Blind::domain_not_found);
  bool mail = live_has_mail(facts, domain);
  for (const auto& z : facts.zones()) mail |= zone_has_mail(*z, domain);
  if (!mail && !nxdomain && v.blind.empty()) v.blind.push_back(Blind::no_mail_records);

  // The origin addresses a live check found, as the Session would have
  // asked their PTR with ask_ptr (Session::follow_records), whose PTR no
  // question asked.
  constexpr uint32_t kServes = purpose::apex | purpose::client_name | purpose::mx_target | purpose::srv_target;
  for (const Fact& f : facts.facts()) {
    if (f.state != FactState::answered || !(f.purposes & kServes)) continue;
    for (const ResourceRecord& r : f.records) {
      if ((r.type != rrtype::A || r.rdata.size() != 4) && (r.type != rrtype::AAAA || r.rdata.size() != 16)) continue;
      if (proxy_provider_for(std::span(reinterpret_cast<const uint8_t*>(r.rdata.data()), r.rdata.size()))) continue;
      if (facts.find(reverse_name(r.rdata).view(), rrtype::PTR)) continue;
      std::string text = rules::address_text(r.type, r.rdata);
      if (std::find(v.ptr_not_asked.begin(), v.ptr_not_asked.end(), text) == v.ptr_not_asked.end())
        v.ptr_not_asked.push_back(std::move(text));
    }
  }

  bool critical = false, warning = false;
  for (const Finding& f : a.findings()) {
    critical |= f.severity == FindingSeverity::critical;
    warning |= f.severity == FindingSeverity::warning;
  }
  v.state = critical          ? VerdictState::broken
            : warning         ? VerdictState::at_risk
            : v.blind.empty() ? VerdictState::fine
                              : VerdictState::could_not_tell;
  return v;
}

nlohmann::json verdict_json(const Analysis& a, const Verdict& v) {
  using json = nlohmann::json;
  json blind = json::array(), unknown = json::array();
  for (Blind b : v.blind) blind.push_back(blind_name(b));
  const auto& facts = a.facts().facts();
  const auto purposes = purpose_names();
  for (uint32_t id : v.unknown_facts) {
    const Fact& f = facts[id];
    json rests_on = json::array();
    for (size_t i = 0; i < purposes.size(); ++i)
      if (f.purposes & (1u << i)) rests_on.push_back(purposes[i]);
    json reason = f.state == FactState::unknown
                      ? json{{"code", unknown_code_name(f.reason.code)}, {"detail", f.reason.detail}}
                      : json{{"code", "not-answered"}, {"detail", ""}};
    unknown.push_back({{"name", name_text(f.question.name.view())},
                       {"type", type_name(f.question.type)},
                       {"reason", std::move(reason)},
                       {"rests_on", std::move(rests_on)}});
  }
  json not_asked = json::array();
  for (const std::string& address : v.ptr_not_asked) not_asked.push_back({{"what", "ptr"}, {"address", address}});
  return {{"state", verdict_state_name(v.state)},
          {"blind", std::move(blind)},
          {"unknown", std::move(unknown)},
          {"not_asked", std::move(not_asked)}};
}

}  // namespace mxray
