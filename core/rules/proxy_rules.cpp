// Rules about names that reach the proxy instead of the server: the family
// of breakage mxray was born for (docs/sources.md#cloudflare-proxy-answers, #cloudflare-proxy-ports).
#include <algorithm>
#include <cstring>
#include <unordered_map>

#include "dns/rdata.h"
#include "dns/types.h"
#include "policy/spf.h"
#include "rules/catalogue.h"
#include "rules/evidence.h"
#include "rules/rules_internal.h"

namespace mxray::rules {
namespace {

void port_evidence(const MailName& m, const ProxyProvider& provider, Finding& f) {
  for (const ServiceNeed& n : m.needs)
    if (!carries_port(provider, n.port))
      f.evidence.push_back({"port-not-proxied",
                            {{"service", std::string(n.service)},
                             {"port", std::to_string(n.port)},
                             {"provider", std::string(provider.id)}}});
}

bool needs_uncarried(const MailName& m, const ProxyProvider& provider) {
  return std::any_of(m.needs.begin(), m.needs.end(),
                     [&](const ServiceNeed& n) { return !carries_port(provider, n.port); });
}

// The path that shows the proxy: the zone's when it does, else live DNS.
const ResolutionPath* proxied_path(const MailName& m) {
  if (m.zone.route == Route::proxy) return &m.zone;
  if (m.live.route == Route::proxy) return &m.live;
  return nullptr;
}

ZoneEdit edit_for(ZoneEdit::Op op, const Hop& h) {
  ZoneEdit e;
  e.op = op;
  e.owner = h.name;
  e.type = h.type;
  append_rdata_text(e.rdata, h.type, h.rdata);
  e.proxied = Proxied::no;
  if (h.source.kind == HopSource::zone) {
    e.at_record(h.source.zone_index, h.source.record, h.source.file, h.source.line);
  }
  return e;
}

bool first_label_is(std::string_view wire, std::string_view label) {
  return !wire.empty() && uint8_t(wire[0]) == label.size() && wire.size() > label.size() &&
         names_equal(wire.substr(1, label.size()), label);
}

// The addresses the zone holds for `m` (a proxied record stores the
// origin's), not the proxy's own.
std::vector<std::pair<uint16_t, std::string>> held_addresses(const MailName& m) {
  std::vector<std::pair<uint16_t, std::string>> out;
  for (const Hop& h : m.zone.hops)
    if (h.type != rrtype::CNAME && (h.proxied != Proxied::unknown || !h.provider)) out.push_back({h.type, h.rdata});
  return out;
}

// True when the first `bits` bits of `a` and `b` agree.
bool prefix_equal(const uint8_t* a, const uint8_t* b, unsigned bits) {
  for (unsigned i = 0; i < bits; ++i)
    if (((a[i / 8] >> (7 - i % 8)) & 1) != ((b[i / 8] >> (7 - i % 8)) & 1)) return false;
  return true;
}

// The SPF record of the domain names `m`: in an a: or mx: term, or in an
// ip4:/ip6: term holding the address the zone stores for it; in the zone or
// in live DNS.
bool spf_authorises(const MailModel& model, const MailName& m) {
  std::vector<std::string> texts;
  for (ZoneRecordRef ref : model.zones().at(model.domain(), rrtype::TXT))
    texts.push_back(txt_strings_joined(model.zones().record(ref).rdata));
  if (const Fact* f = model.facts().find(model.domain(), rrtype::TXT); f && f->state == FactState::answered)
    for (const ResourceRecord& r : f->records) texts.push_back(txt_strings_joined(r.rdata));
  const auto held = held_addresses(m);
  static const char kRoot[] = {0};
  for (const std::string& t : texts) {
    if (!is_spf_record(t)) continue;
    for (const SpfTerm& term : parse_spf(t).terms) {
      if (!term.valid || term.ignored) continue;
      if (term.kind == SpfTermKind::ip4 || term.kind == SpfTermKind::ip6) {
        const uint16_t type = term.kind == SpfTermKind::ip4 ? rrtype::A : rrtype::AAAA;
        const unsigned bits = type == rrtype::A ? term.cidr4.value_or(32) : term.cidr6.value_or(128);
        for (const auto& [t_type, rdata] : held)
          if (t_type == type && rdata.size() * 8 >= bits &&
              prefix_equal(reinterpret_cast<const uint8_t*>(rdata.data()), term.address, bits))
            return true;
        continue;
      }
      if ((term.kind != SpfTermKind::a && term.kind != SpfTermKind::mx) || term.value.empty() || term.has_macro)
        continue;
      WireName n;
      if (parse_name(term.value, std::string_view(kRoot, 1), n) == NameError::none &&
          names_equal(n.view(), m.name.view()))
        return true;
    }
  }
  return false;
}

// Something shows that mail is served at the mail-client name `m`: it is an
// MX target, the target of a mail SRV record, the hosting panel's mail host
// while the domain's MX stays on the domain's own names, a name (or the
// address) the SPF record authorises, a server one of the MX targets shares,
// or where autodiscover/autoconfig send mail apps. A
// proxied `mail.` with none of these (mail at Cloudflare Email Routing or a
// mail provider, say) may serve no mail at all.
bool mail_served_at(const MailModel& model, const MailName& m) {
  if (m.roles & role::mx_target) return true;
  for (const ServiceNeed& n : m.needs)
    if (n.via.substr(0, 1) == "_" &&
        (n.service.find("SMTP") != std::string_view::npos || n.service.find("IMAP") != std::string_view::npos ||
         n.service.find("POP") != std::string_view::npos || n.service == "Autodiscover"))
      return true;
  if (const PanelProfile* panel = model.panel();
      panel && !panel->mail_host.empty() && first_label_is(m.name.view(), panel->mail_host))
    for (const MailName& t : model.names())
      if ((t.roles & role::mx_target) && name_is_under(t.name.view(), model.domain()))
        for (const HopSource& src : t.named_by)
          if (of_domain(model, src)) return true;
  if (spf_authorises(model, m)) return true;
  // The zone stores the address of one of the domain's MX targets for it:
  // the mail server itself.
  const auto held = held_addresses(m);
  for (const MailName& t : model.names())
    if ((t.roles & role::mx_target) && &t != &m &&
        std::any_of(t.named_by.begin(), t.named_by.end(), [&](const HopSource& src) { return of_domain(model, src); }))
      for (const auto& a : held_addresses(t))
        if (std::find(held.begin(), held.end(), a) != held.end()) return true;
  for (std::string_view label : {"autodiscover", "autoconfig"}) {
    WireName n;
    if (!prefixed_name({label}, model.domain(), n)) continue;
    const MailName* c = model.find(n.view());
    if (!c) continue;
    for (const ResolutionPath* p : {&c->zone, &c->live})
      for (const Hop& h : p->hops)
        if (h.type == rrtype::CNAME && names_equal(h.rdata, m.name.view())) return true;
  }
  return false;
}

// RFC 4592 §2.2.1: a name that owns records of any type is not covered by
// a wildcard, even one that would give it an address. The wildcard's owner
// when `name` is such a name (and the wildcard has addresses or an alias).
std::string blocked_wildcard(const MailModel& model, std::string_view name) {
  const ZoneLookup& zones = model.zones();
  const int zi = zones.zone_for(name);
  if (zi < 0 || !zones.has(name)) return {};
  const std::string_view apex = zones.zone(uint32_t(zi)).apex;
  std::string_view parent = name;
  while (parent.size() > apex.size()) {
    parent.remove_prefix(1 + uint8_t(parent[0]));
    if (!zones.exists(parent)) continue;
    std::string star = std::string("\x01*", 2) + std::string(parent);
    if (!zones.has(star, rrtype::A) && !zones.has(star, rrtype::AAAA) && !zones.has(star, rrtype::CNAME)) return {};
    return star;
  }
  return {};
}

// The step naming the wildcard and the records in its way.
EvidenceStep blocked_wildcard_step(const MailModel& model, std::string_view name, std::string_view star) {
  std::string types;
  for (ZoneRecordRef ref : model.zones().at(name)) {
    const std::string t = type_name(model.zones().record(ref).type);
    if (types.find(t) == std::string::npos) types += (types.empty() ? "" : ", ") + t;
  }
  return {"wildcard-blocked", {{"name", lower_name(name)}, {"wildcard", lower_name(star)}, {"types", types}}};
}

// The addresses `name` needs: the ones the wildcard kept from it would
// have given (DNS-only, a mail name), else the origin's the apex shows.
std::vector<ZoneEdit> missing_address_edits(const MailModel& model, const WireName& name, std::string_view star) {
  std::vector<ZoneEdit> edits;
  if (!star.empty())
    for (uint16_t type : {rrtype::A, rrtype::AAAA})
      for (ZoneRecordRef ref : model.zones().at(star, type)) {
        const RecordView r = model.zones().record(ref);
        ZoneEdit e;
        e.op = ZoneEdit::Op::add;
        e.owner = name;
        e.type = type;
        append_rdata_text(e.rdata, type, r.rdata);
        e.proxied = r.proxied == Proxied::unknown ? Proxied::unknown : Proxied::no;
        edits.push_back(std::move(e));
      }
  if (!edits.empty()) return edits;
  const MailName* apex = model.find(model.domain());
  ResolutionPath none;
  return origin_address_edits(name, apex ? apex->zone : none);
}

bool at_zone_apex(const MailModel& model, std::string_view name) {
  const int zi = model.zones().zone_for(name);
  return zi >= 0 && names_equal(name, model.zones().zone(uint32_t(zi)).apex);
}

}  // namespace

// The edits that take `m` off the proxy, from its zone path:
//  - its own proxied A/AAAA records: proxy off;
//  - a proxied CNAME whose target is not proxied: proxy off on the CNAME;
//  - a CNAME into a proxied name (cPanel's `mail CNAME <apex>`): replaced by
//    A/AAAA records holding the origin addresses the proxied records carry
//    in the export, DNS-only; a {placeholder} where the export does not say.
std::vector<ZoneEdit> unproxy_edits(const MailName& m) {
  std::vector<ZoneEdit> edits;
  const ResolutionPath& p = m.zone;
  // Only the zone's own records can be edited; when the proxy shows only in
  // live DNS (the zone is already right, or not the one served) or the path
  // leaves the zone, there is nothing in the zone to change.
  if (p.route != Route::proxy || p.hops.empty()) return edits;
  // The name's own records come from a wildcard: it gets records of its
  // own, DNS-only, which take precedence over the wildcard for it alone
  // (RFC 4592 §2.2.1); the wildcard stays as it is for the other names.
  if (p.hops.front().wildcard) return origin_address_edits(m.name, p);
  size_t first_address = 0;
  while (first_address < p.hops.size() && p.hops[first_address].type == rrtype::CNAME) ++first_address;
  bool addresses_proxied = std::any_of(p.hops.begin() + long(first_address), p.hops.end(),
                                       [](const Hop& h) { return h.proxied == Proxied::yes || h.provider; });
  if (first_address == 0) {
    // The name's own addresses: the proxied ones go DNS-only. One that is
    // the proxy's own address (a plain BIND file holding a Cloudflare
    // address) has no origin behind it to reveal: it gives way to the
    // origin's address, a placeholder unless the export tells it.
    bool replaced = false;
    for (const Hop& h : p.hops) {
      if (h.source.kind != HopSource::zone) continue;
      if (h.proxied == Proxied::yes) {
        edits.push_back(edit_for(ZoneEdit::Op::set_dns_only, h));
      } else if (h.provider) {
        edits.push_back(edit_for(ZoneEdit::Op::remove, h));
        replaced = true;
      }
    }
    if (replaced)
      for (ZoneEdit& e : origin_address_edits(m.name, p)) edits.push_back(std::move(e));
    return edits;
  }
  // A chain: proxied CNAMEs on it and DNS-only addresses at its end.
  if (!addresses_proxied) {
    for (size_t i = 0; i < first_address; ++i)
      if (p.hops[i].proxied == Proxied::yes) edits.push_back(edit_for(ZoneEdit::Op::set_dns_only, p.hops[i]));
    if (!edits.empty()) return edits;
  }
  // Replace the name's own CNAME with the origin's addresses.
  edits.push_back(edit_for(ZoneEdit::Op::remove, p.hops[0]));
  for (ZoneEdit& e : origin_address_edits(m.name, p)) edits.push_back(std::move(e));
  return edits;
}

// Without a zone, the edits live DNS shows are needed, for the user to make
// in the DNS panel (ZoneEdit::live):
//  - a CNAME served at the name (cPanel's `mail CNAME <apex>`): it goes, and
//    the name gets the origin's address, DNS-only: a placeholder, since live
//    DNS shows only the proxy's addresses;
//  - the proxy's addresses at the name itself: its record is set DNS-only.
//    What the panel holds there (an A with the origin's address, a CNAME
//    the proxy flattens, or nothing but a wildcard) hides behind the
//    proxy; the words of the step say what to do in each case.
std::vector<ZoneEdit> live_unproxy_edits(const MailName& m) {
  std::vector<ZoneEdit> edits;
  const ResolutionPath& p = m.live;
  if (p.route != Route::proxy || p.hops.empty()) return edits;
  if (p.hops.front().type == rrtype::CNAME) {
    edits.push_back(edit_for(ZoneEdit::Op::remove, p.hops.front()));
    for (ZoneEdit& e : origin_address_edits(m.name, p)) edits.push_back(std::move(e));
  } else {
    ZoneEdit e;
    e.op = ZoneEdit::Op::set_dns_only;
    e.owner = m.name;
    e.type = p.hops.front().type;
    e.proxied = Proxied::no;
    edits.push_back(std::move(e));
  }
  for (ZoneEdit& e : edits) e.live = true;
  return edits;
}

WireName mail_name(const MailModel& model) {
  WireName mail;
  std::string_view d = model.domain();
  mail.octets[0] = 4;
  std::memcpy(mail.octets + 1, "mail", 4);
  std::memcpy(mail.octets + 5, d.data(), d.size());
  mail.length = uint8_t(5 + d.size());
  return mail;
}

// The MX moves from `target` to mail.<domain>, DNS-only (Cloudflare's own
// advice, docs/sources.md#cloudflare-dc-mx). `addresses` are the records mail.<domain> gets when
// it has none yet.
std::vector<ZoneEdit> move_mx_edits(const MailModel& model, const MailName& target, std::vector<ZoneEdit> addresses) {
  std::vector<ZoneEdit> edits;
  const WireName mail = mail_name(model);
  std::string_view d = model.domain();
  for (ZoneRecordRef ref : model.zones().at(d, rrtype::MX)) {
    RecordView r = model.zones().record(ref);
    if (r.rdata.size() < 3 || !names_equal(r.rdata.substr(2), target.name.view())) continue;
    ZoneEdit e;
    e.op = ZoneEdit::Op::replace;
    e.owner = r.owner;
    e.type = rrtype::MX;
    e.rdata = std::to_string(uint8_t(r.rdata[0]) << 8 | uint8_t(r.rdata[1])) + " " + lower_name(mail.view());
    e.proxied = Proxied::unknown;  // MX records are never proxied
    e.at_record(ref.zone, ref.index, r.span.file, r.span.first_line);
    edits.push_back(std::move(e));
  }
  const MailName* m = model.find(mail.view());
  if (m && m->zone.route == Route::origin) return edits;
  if (m && m->zone.route == Route::proxy) {
    for (ZoneEdit& e : unproxy_edits(*m)) edits.push_back(std::move(e));
    return edits;
  }
  // mail. holds records whose path the zone cannot tell (a CNAME out of
  // the zone, say): moving the MX there could be wrong, so propose nothing.
  if (model.zones().has(mail.view())) return {};
  for (ZoneEdit& e : addresses) edits.push_back(std::move(e));
  return edits;
}

// An MX at the proxied apex (cPanel's `MX 0 <apex>`): the apex stays
// proxied for the web; mail.<domain> gets the addresses the proxied apex
// holds in the export.
std::vector<ZoneEdit> move_apex_mx_edits(const MailModel& model, const MailName& apex) {
  return move_mx_edits(model, apex, origin_address_edits(mail_name(model), apex.zone));
}

// An MX at Cloudflare's companion record: it holds the origin's address
// (docs/sources.md#cloudflare-dc-mx), which mail.<domain> takes; the companion goes with the MX.
std::vector<ZoneEdit> leave_companion_edits(const MailModel& model, const MailName& companion) {
  if (companion.zone.route != Route::origin) return {};
  std::vector<ZoneEdit> addresses, removals;
  const WireName mail = mail_name(model);
  for (const Hop& h : companion.zone.hops) {
    if (h.type == rrtype::CNAME || h.source.kind != HopSource::zone || h.wildcard) return {};
    ZoneEdit add = edit_for(ZoneEdit::Op::add, h);
    add.owner = mail;
    add.has_record = false;
    addresses.push_back(std::move(add));
    removals.push_back(edit_for(ZoneEdit::Op::remove, h));
  }
  std::vector<ZoneEdit> edits = move_mx_edits(model, companion, std::move(addresses));
  if (edits.empty()) return edits;
  for (ZoneEdit& e : removals) edits.push_back(std::move(e));
  return edits;
}

void proxied_names(const MailModel& model, std::vector<Finding>& out) {
  // One finding per role a proxied name plays: an MX target breaks mail
  // from other servers, a mail host breaks phones and mail programs.
  struct Family {
    uint32_t role;
    Rule rule;
    bool only_if_uncarried;
  };
  constexpr Family kFamilies[] = {{role::mx_target, Rule::mx_target_proxied, false},
                                  {role::mail_client, Rule::mail_host_proxied, false},
                                  {role::srv_target, Rule::srv_target_proxied, true},
                                  {role::service, Rule::service_host_proxied, true}};
  for (const MailName& m : model.names()) {
    const ResolutionPath* path = proxied_path(m);
    if (!path || !path->provider) continue;
    const ProxyProvider& provider = *path->provider;
    for (const Family& fam : kFamilies) {
      if (!(m.roles & fam.role)) continue;
      // The ports this role needs.
      MailName scoped = m;
      scoped.needs.clear();
      for (const ServiceNeed& n : m.needs) {
        bool mine = fam.role == role::mx_target     ? n.via == "MX"
                    : fam.role == role::mail_client ? n.via == "mail client"
                    : fam.role == role::srv_target
                        ? n.via.substr(0, 1) == "_"
                        : n.via != "MX" && n.via != "mail client" && n.via.substr(0, 1) != "_";
        if (mine) scoped.needs.push_back(n);
      }
      if (fam.only_if_uncarried && !needs_uncarried(scoped, provider)) continue;
      Harm harm = Harm::full;
      if (fam.role == role::srv_target) {
        // Mail services break outright; calendars and discovery degrade.
        bool mail = std::any_of(scoped.needs.begin(), scoped.needs.end(), [&](const ServiceNeed& n) {
          return !carries_port(provider, n.port) &&
                 (n.service.find("SMTP") != std::string_view::npos ||
                  n.service.find("IMAP") != std::string_view::npos || n.service.find("POP") != std::string_view::npos);
        });
        harm = mail ? Harm::full : Harm::lesser;
      }
      const bool served = fam.role != role::mail_client || mail_served_at(model, m);
      if (!served) harm = Harm::lesser;
      Finding f = make_finding(fam.rule, {lower_name(m.name.view())}, harm);
      if (fam.role == role::mx_target || fam.role == role::srv_target)
        for (const HopSource& src : m.named_by) {
          // Each role cites the records of its own type: a target that an
          // MX and an SRV share is named by both.
          if (source_type(model, src) != (fam.role == role::mx_target ? rrtype::MX : rrtype::SRV)) continue;
          if (fam.role == role::mx_target) {
            f.evidence.push_back(mx_step(model, m.name.view(), src));
            continue;
          }
          EvidenceStep s{"srv", {{"to", lower_name(m.name.view())}}};
          add_source(model, s, src);
          f.evidence.push_back(std::move(s));
        }
      path_evidence(model, *path, f);
      f.evidence.push_back(
          {"proxied-by", {{"name", lower_name(m.name.view())}, {"provider", std::string(provider.id)}}});
      // The zone says otherwise: it is not what resolvers see (not yet
      // imported, or not the delegated zone), so nothing in it to edit.
      if (path == &m.live && m.zone.known())
        f.evidence.push_back(
            {"zone-differs", {{"name", lower_name(m.name.view())}, {"route", std::string(route_name(m.zone.route))}}});
      port_evidence(scoped, provider, f);
      if (!served) f.evidence.push_back({"no-mail-served", {{"name", lower_name(m.name.view())}}});
      const bool apex_mx = (m.roles & role::apex) && fam.role == role::mx_target;
      if (model.has_zone() && model.explains())
        f.edits = apex_mx ? move_apex_mx_edits(model, m) : unproxy_edits(m);
      else if (!apex_mx && model.explains())
        f.edits = live_unproxy_edits(m);
      if (f.edits.empty() && model.explains())
        say_no_edit(f, apex_mx                             ? NoEditReason::apex_mx
                       : path == &m.live && m.zone.known() ? NoEditReason::zone_not_served
                                                           : NoEditReason::outside_zone);
      out.push_back(std::move(f));
    }
  }
}

// RFC 2181 §10.3: an MX must name a host with addresses, not an alias; and
// a target with no address at all gets no mail.
void mx_targets(const MailModel& model, std::vector<Finding>& out) {
  for (const MailName& m : model.names()) {
    if (!(m.roles & role::mx_target)) continue;
    const ResolutionPath* missing = m.zone.route == Route::missing   ? &m.zone
                                    : m.live.route == Route::missing ? &m.live
                                                                     : nullptr;
    if (missing) {
      Finding f = make_finding(Rule::mx_target_missing, {lower_name(m.name.view())});
      for (const HopSource& src : m.named_by)
        if (source_type(model, src) == rrtype::MX) f.evidence.push_back(mx_step(model, m.name.view(), src));
      path_evidence(model, *missing, f);
      f.evidence.push_back(
          {"no-address", {{"name", lower_name(m.name.view())}, {"source", missing == &m.zone ? "zone" : "live"}}});
      const std::string star = missing == &m.zone ? blocked_wildcard(model, m.name.view()) : std::string();
      if (!star.empty()) f.evidence.push_back(blocked_wildcard_step(model, m.name.view(), star));
      // A target inside the uploaded zone can be given its address, beside
      // any records it owns but an alias; one outside it is someone else's
      // to fix (or the MX must change). An alias of the zone whose chain
      // ends at a name with no address gets no edit: the name at the end is
      // often the website's (www.), so an address there would serve every
      // name aliasing it (the fix property test's random zones alias www.
      // and mail. this way), and the zone does not hold the mail server's.
      if (missing == &m.zone && model.explains() && model.zones().zone_for(m.name.view()) >= 0) {
        if (!model.zones().has(m.name.view(), rrtype::CNAME))
          f.edits = missing_address_edits(model, m.name, star);
        else
          say_no_edit(f, NoEditReason::alias_no_address);
      }
      out.push_back(std::move(f));
    }
    const ResolutionPath& p = m.zone.hops.empty() ? m.live : m.zone;
    // A CNAME at a zone's apex is flattened (Cloudflare): resolvers get
    // addresses, never the alias.
    const bool flattened = &p == &m.zone && !p.hops.empty() && at_zone_apex(model, p.hops.front().name.view());
    if (!p.hops.empty() && p.hops.front().type == rrtype::CNAME && !flattened) {
      Finding f = make_finding(Rule::mx_target_cname, {lower_name(m.name.view())});
      for (const HopSource& src : m.named_by)
        if (source_type(model, src) == rrtype::MX) f.evidence.push_back(mx_step(model, m.name.view(), src));
      path_evidence(model, p, f);
      // Left as it is: mail servers follow the alias in practice, and an
      // edit here would pin an address the alias's owner may change.
      say_no_edit(f, NoEditReason::alias_kept);
      out.push_back(std::move(f));
    }
  }
}

// Cloudflare's companion record: an MX target `dc-<hex>.` or
// `_dc-mx.<hex>.` means the MX once pointed at a proxied name (docs/sources.md#cloudflare-dc-mx).
void companion_records(const MailModel& model, std::vector<Finding>& out) {
  auto hex = [](std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
      return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    });
  };
  for (const MailName& m : model.names()) {
    if (!(m.roles & role::mx_target)) continue;
    std::string_view v = m.name.view();
    std::string_view first = v.substr(1, uint8_t(v[0]));
    // Cloudflare's examples: dc-1234abcd (8 hex digits) and
    // _dc-mx.2c2a3526b376 (12); shorter ones are ordinary host names.
    bool companion = first.size() >= 11 && first.substr(0, 3) == "dc-" && hex(first.substr(3));
    if (first == "_dc-mx" && v.size() > first.size() + 2) {
      std::string_view rest = v.substr(1 + first.size());
      std::string_view label = rest.substr(1, uint8_t(rest[0]));
      companion = label.size() >= 12 && hex(label);
    }
    if (!companion) continue;
    Finding f = make_finding(Rule::mx_companion_record, {lower_name(v)});
    for (const HopSource& src : m.named_by)
      if (source_type(model, src) == rrtype::MX) f.evidence.push_back(mx_step(model, v, src));
    f.evidence.push_back({"companion-record", {{"name", lower_name(v)}}});
    if (model.has_zone() && model.explains()) f.edits = leave_companion_edits(model, m);
    out.push_back(std::move(f));
  }
}

// The name a hosting panel configures mail clients with has no address.
void mail_host_missing(const MailModel& model, std::vector<Finding>& out) {
  const PanelProfile* panel = model.panel();
  std::string_view label = panel && !panel->mail_host.empty() ? panel->mail_host : "mail";
  const MailName* mail = nullptr;
  for (const MailName& m : model.names()) {
    std::string_view v = m.name.view();
    if ((m.roles & role::mail_client) && uint8_t(v[0]) == label.size() && names_equal(v.substr(1, label.size()), label))
      mail = &m;
  }
  if (!mail) return;
  bool zone_missing = model.has_zone() && mail->zone.route == Route::missing;
  bool live_missing = model.live() && mail->live.route == Route::missing;
  // Both sources that exist must agree it is missing.
  if (!(zone_missing || live_missing)) return;
  if (model.has_zone() && !zone_missing) return;
  if (model.live() && mail->live.route != Route::missing) return;
  bool configured = (panel && !panel->mail_host.empty()) || (mail->roles & role::mx_target);
  if (!configured) return;
  Finding f = make_finding(Rule::mail_host_missing, {lower_name(mail->name.view())});
  if (panel)
    f.evidence.push_back({"panel",
                          {{"panel", std::string(panel->name)},
                           {"id", std::string(panel->id)},
                           {"how", model.panel_stated() ? "stated" : "detected"}}});
  f.evidence.push_back(
      {"no-address", {{"name", lower_name(mail->name.view())}, {"source", zone_missing ? "zone" : "live"}}});
  const std::string star = zone_missing ? blocked_wildcard(model, mail->name.view()) : std::string();
  if (!star.empty()) f.evidence.push_back(blocked_wildcard_step(model, mail->name.view(), star));
  if (zone_missing && model.explains() && !model.zones().has(mail->name.view(), rrtype::CNAME))
    f.edits = missing_address_edits(model, mail->name, star);
  out.push_back(std::move(f));
}

// Cloudflare treats every A/AAAA on a name as proxied when one is (docs/sources.md#cloudflare-proxy-answers):
// a DNS-only record beside a proxied one is not what it seems.
void mixed_records(const MailModel& model, std::vector<Finding>& out) {
  for (size_t zi = 0; zi < model.zones().zone_count(); ++zi) {
    if (!model.zones().present(uint32_t(zi))) continue;
    const Zone& z = model.zones().zone(uint32_t(zi));
    struct Seen {
      size_t first;
      bool yes = false, no = false;
    };
    std::unordered_map<std::string, Seen> by_owner;
    for (size_t i = 0; i < z.size(); ++i) {
      RecordView r = z.record(i);
      if (r.type != rrtype::A && r.type != rrtype::AAAA && r.type != rrtype::CNAME) continue;
      if (r.proxied == Proxied::unknown) continue;
      auto [it, inserted] = by_owner.try_emplace(lower_name(r.owner.view()), Seen{i});
      (r.proxied == Proxied::yes ? it->second.yes : it->second.no) = true;
    }
    std::vector<std::pair<std::string, size_t>> mixed;
    for (const auto& [name, seen] : by_owner)
      if (seen.yes && seen.no) mixed.push_back({name, seen.first});
    std::sort(mixed.begin(), mixed.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    for (const auto& [name, first] : mixed) {
      Finding f = make_finding(Rule::proxy_mixed_records, {name});
      for (ZoneRecordRef ref : model.zones().at(z.record(first).owner.view())) {
        RecordView r = model.zones().record(ref);
        if (r.proxied == Proxied::unknown || (r.type != rrtype::A && r.type != rrtype::AAAA)) continue;
        EvidenceStep s{"address",
                       {{"name", name},
                        {"address", address_text(r.type, r.rdata)},
                        {"proxied", r.proxied == Proxied::yes ? "true" : "false"}}};
        add_source(model, s, HopSource::of(ref, r));
        f.evidence.push_back(std::move(s));
      }
      out.push_back(std::move(f));
    }
  }
}

// A DNS-only mail name that shares its address with a proxied record tells
// anyone the web origin behind the proxy: the trade-off Cloudflare names
// (docs/sources.md#cloudflare-exposed-origin), stated so it is a choice, not a surprise.
void origin_exposed(const MailModel& model, std::vector<Finding>& out) {
  if (!model.has_zone()) return;
  // Origin addresses held by proxied records, by address bytes.
  std::unordered_map<std::string, std::pair<std::string, HopSource>> proxied;
  for (size_t zi = 0; zi < model.zones().zone_count(); ++zi) {
    if (!model.zones().present(uint32_t(zi))) continue;
    const Zone& z = model.zones().zone(uint32_t(zi));
    for (size_t i = 0; i < z.size(); ++i) {
      RecordView r = z.record(i);
      if ((r.type == rrtype::A || r.type == rrtype::AAAA) && r.proxied == Proxied::yes)
        proxied.try_emplace(std::string(r.rdata), lower_name(r.owner.view()), HopSource::of(uint32_t(zi), i, r));
    }
  }
  for (const MailName& m : model.names()) {
    if (!(m.roles & (role::mx_target | role::mail_client)) || m.zone.route != Route::origin) continue;
    for (const Hop& h : m.zone.hops) {
      if (h.type == rrtype::CNAME) continue;
      auto it = proxied.find(h.rdata);
      if (it == proxied.end()) continue;
      Finding f = make_finding(Rule::origin_exposed, {lower_name(m.name.view()), it->second.first});
      EvidenceStep a{
          "address",
          {{"name", lower_name(h.name.view())}, {"address", address_text(h.type, h.rdata)}, {"proxied", "false"}}};
      add_source(model, a, h.source);
      EvidenceStep b{"address",
                     {{"name", it->second.first}, {"address", address_text(h.type, h.rdata)}, {"proxied", "true"}}};
      add_source(model, b, it->second.second);
      f.evidence.push_back(std::move(a));
      f.evidence.push_back(std::move(b));
      out.push_back(std::move(f));
      break;
    }
  }
}

}  // namespace mxray::rules
