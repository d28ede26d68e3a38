// What an edit that turns the proxy off gives away: when the name also
// serves the web (it is the apex or www, a web panel name, or other names
// are aliases of it), those names lose the proxy and show the server's
// address. Said in the finding, so the user chooses knowing it.
#include <algorithm>
#include <unordered_map>

#include "dns/types.h"
#include "rules/catalogue.h"
#include "rules/evidence.h"
#include "rules/rules_internal.h"

namespace mxray::rules {
namespace {

bool first_label_in(std::string_view wire, std::initializer_list<std::string_view> labels) {
  if (wire.empty()) return false;
  const std::string_view first = wire.substr(1, uint8_t(wire[0]));
  return std::any_of(labels.begin(), labels.end(),
                     [&](std::string_view l) { return l.size() == first.size() && names_equal(first, l); });
}

bool may_say(const Finding& f) {
  const auto ev = rule_info(f.rule.rule()).evidence;
  return std::find(ev.begin(), ev.end(), "unproxy-exposes") != ev.end();
}

}  // namespace

void say_what_unproxy_exposes(const MailModel& model, std::vector<Finding>& out) {
  auto turns_off = [](const ZoneEdit& e) { return e.op == ZoneEdit::Op::set_dns_only && e.has_record && !e.live; };
  const bool any = std::any_of(out.begin(), out.end(), [&](const Finding& f) {
    return may_say(f) && std::any_of(f.edits.begin(), f.edits.end(), turns_off);
  });
  if (!any) return;
  // The aliases in the zones in use that are not proxied themselves: they
  // follow their target's proxy status (a proxied alias stays proxied).
  const ZoneLookup& zones = model.zones();
  struct Alias {
    WireName owner;
    std::string target;
  };
  std::vector<Alias> aliases;
  std::unordered_multimap<uint64_t, size_t> by_target;
  for (uint32_t zi = 0; zi < zones.zone_count(); ++zi) {
    if (!zones.present(zi)) continue;
    const Zone& z = zones.zone(zi);
    for (size_t i = 0; i < z.size(); ++i) {
      const RecordView r = z.record(i);
      if (r.type != rrtype::CNAME || r.proxied == Proxied::yes) continue;
      by_target.emplace(name_hash(r.rdata), aliases.size());
      aliases.push_back({r.owner, std::string(r.rdata)});
    }
  }
  for (Finding& f : out) {
    if (!may_say(f)) continue;
    std::vector<std::string> done;
    for (const ZoneEdit& e : f.edits) {
      if (!turns_off(e)) continue;
      const std::string name = lower_name(e.owner.view());
      if (std::find(done.begin(), done.end(), name) != done.end()) continue;
      done.push_back(name);
      std::vector<std::string> exposed;
      auto add = [&](std::string_view wire) {
        std::string n = lower_name(wire);
        if (std::find(f.names.begin(), f.names.end(), n) != f.names.end()) return;
        if (std::find(exposed.begin(), exposed.end(), n) == exposed.end()) exposed.push_back(std::move(n));
      };
      const int zi = zones.zone_for(e.owner.view());
      const bool apex = zi >= 0 && names_equal(e.owner.view(), zones.zone(uint32_t(zi)).apex);
      if (apex || first_label_in(e.owner.view(), {"www", "webmail", "cpanel", "whm", "webdisk"})) add(e.owner.view());
      // Aliases of the name, and aliases of those, a few links deep.
      std::vector<std::string> frontier{std::string(e.owner.view())};
      for (int depth = 0; depth < 8 && !frontier.empty() && exposed.size() < 64; ++depth) {
        std::vector<std::string> next;
        for (const std::string& t : frontier)
          for (auto [it, end] = by_target.equal_range(name_hash(t)); it != end; ++it) {
            const Alias& a = aliases[it->second];
            if (!names_equal(a.target, t)) continue;
            const std::string n = lower_name(a.owner.view());
            if (std::find(exposed.begin(), exposed.end(), n) != exposed.end()) continue;
            add(a.owner.view());
            next.emplace_back(a.owner.view());
          }
        frontier = std::move(next);
      }
      if (exposed.empty()) continue;
      std::string names;
      for (const std::string& n : exposed) names += (names.empty() ? "" : ", ") + n;
      f.evidence.push_back({"unproxy-exposes", {{"name", name}, {"names", names}}});
    }
  }
}

}  // namespace mxray::rules
