// A proxied record at a name mail authentication or mail set-up reads: a
// DKIM selector, _dmarc, _mta-sts, _smtp._tls, a verification name,
// autodiscover/autoconfig, or a CNAME to a target Cloudflare documents it
// must not proxy (docs/sources.md#cloudflare-non-proxiable-targets). The
// proxy answers such a name with its own addresses and hides the record or
// the target receivers look for, so DKIM and the rest fail.
#include <algorithm>

#include "dns/rdata.h"
#include "dns/types.h"
#include "policy/auth_names.h"
#include "rules/catalogue.h"
#include "rules/evidence.h"
#include "rules/rules_internal.h"

namespace mxray::rules {

void auth_names_proxied(const MailModel& model, std::vector<Finding>& out) {
  const ZoneLookup& zones = model.zones();
  std::vector<Finding> found;
  for (uint32_t zi = 0; zi < zones.zone_count(); ++zi) {
    if (!zones.present(zi)) continue;
    const Zone& z = zones.zone(zi);
    for (size_t i = 0; i < z.size(); ++i) {
      const RecordView r = z.record(i);
      if (r.proxied != Proxied::yes || (r.type != rrtype::A && r.type != rrtype::AAAA && r.type != rrtype::CNAME))
        continue;
      const std::optional<AuthNamePurpose> purpose = auth_name_purpose(r.owner.view(), model.domain());
      const NonProxiableTarget* target = r.type == rrtype::CNAME ? cloudflare_non_proxiable(r.rdata) : nullptr;
      if (!purpose && !target) continue;
      const std::string name = lower_name(r.owner.view());
      auto it = std::find_if(found.begin(), found.end(), [&](const Finding& f) { return f.names.front() == name; });
      if (it == found.end()) {
        // Keys, policies and documented targets: what receivers check is
        // hidden. Verification names and mail-app set-up: less is at stake.
        const bool full = target || (purpose && *purpose != AuthNamePurpose::verification &&
                                     *purpose != AuthNamePurpose::client_config);
        found.push_back(make_finding(Rule::auth_name_proxied, {name}, full ? Harm::full : Harm::lesser));
        it = found.end() - 1;
        if (purpose)
          it->evidence.push_back(
              {"auth-name", {{"name", name}, {"purpose", std::string(auth_name_purpose_name(*purpose))}}});
      }
      Finding& f = *it;
      EvidenceStep s;
      if (r.type == rrtype::CNAME) {
        s = {"cname", {{"from", name}, {"to", lower_name(r.rdata)}, {"proxied", "true"}}};
      } else {
        s = {"address", {{"name", name}, {"address", address_text(r.type, r.rdata)}, {"proxied", "true"}}};
      }
      const HopSource src = HopSource::of(zi, i, r);
      add_source(model, s, src);
      f.evidence.push_back(std::move(s));
      if (target)
        f.evidence.push_back(
            {"non-proxiable-target",
             {{"name", name}, {"target", lower_name(r.rdata)}, {"use", std::string(target->service)}}});
      ZoneEdit e;
      e.op = ZoneEdit::Op::set_dns_only;
      e.owner = r.owner;
      e.type = r.type;
      append_rdata_text(e.rdata, r.type, r.rdata);
      e.proxied = Proxied::no;
      e.at_record(src.zone_index, src.record, src.file, src.line);
      f.edits.push_back(std::move(e));
    }
  }
  for (Finding& f : found) {
    f.evidence.push_back({"proxied-by", {{"name", f.names.front()}, {"provider", "cloudflare"}}});
    out.push_back(std::move(f));
  }
}

}  // namespace mxray::rules
