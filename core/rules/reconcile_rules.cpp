// Rules that compare: the MX set with itself (null MX), SPF with where its
// names really go, the hosting panel's zone with the proxy's after an
// import, and the uploaded zone with what live DNS serves.
#include <algorithm>
#include <cstring>
#include <optional>

#include "dns/message.h"
#include "dns/rdata.h"
#include "dns/types.h"
#include "policy/spf.h"
#include "rules/catalogue.h"
#include "rules/evidence.h"
#include "rules/rules_internal.h"

namespace mxray::rules {
namespace {

std::string_view first_label(std::string_view wire) {
  return wire.empty() || wire[0] == 0 ? std::string_view{} : wire.substr(1, uint8_t(wire[0]));
}

bool label_is(std::string_view label, std::string_view lower) {
  return label.size() == lower.size() && names_equal(label, lower);
}

uint16_t u16_at(std::string_view s, size_t i) { return uint16_t(uint8_t(s[i]) << 8 | uint8_t(s[i + 1])); }

bool answered_empty(const Fact* f) {
  return f && f->state == FactState::answered &&
         (f->rcode == rcode::NXDOMAIN || (f->records.empty() && f->chain.empty()));
}

bool answered_with(const Fact* f) {
  return f && f->state == FactState::answered && f->rcode == rcode::NOERROR &&
         (!f->records.empty() || !f->chain.empty());
}

EvidenceStep zone_record_step(const MailModel& model, std::string_view code, ZoneRecordRef ref, const RecordView& r) {
  EvidenceStep s{code, {{"name", lower_name(r.owner.view())}, {"type", type_name(r.type)}}};
  std::string data;
  append_rdata_text(data, r.type, r.rdata);
  s.params.push_back({"data", std::move(data)});
  add_source(model, s, HopSource::of(ref, r));
  return s;
}

// ---- null MX (RFC 7505)

void null_mx_in(const MailModel& model, const std::vector<std::pair<std::string_view, HopSource>>& mx,
                std::vector<Finding>& out) {
  size_t nulls = 0;
  bool odd_preference = false;
  for (const auto& [rdata, src] : mx)
    if (rdata.size() == 3 && rdata[2] == 0) {
      ++nulls;
      odd_preference |= u16_at(rdata, 0) != 0;
    }
  if (nulls == 0 || (nulls == mx.size() && !odd_preference)) return;
  Finding f = make_finding(Rule::null_mx_conflict, {lower_name(model.domain())});
  for (const auto& [rdata, src] : mx) {
    bool null = rdata.size() == 3 && rdata[2] == 0;
    EvidenceStep s{null ? "null-mx" : "mx", {}};
    if (null) {
      s.params.push_back({"preference", std::to_string(u16_at(rdata, 0))});
    } else {
      s.params.push_back({"to", rdata.size() > 2 ? lower_name(rdata.substr(2)) : std::string(".")});
    }
    add_source(model, s, src);
    f.evidence.push_back(std::move(s));
  }
  // Real exchanges beside it say the domain wants mail: the null MX goes.
  // Alone with a non-zero preference, it becomes the form RFC 7505 §3 gives.
  if (mx.front().second.kind == HopSource::zone)
    for (ZoneRecordRef ref : model.zones().at(model.domain(), rrtype::MX)) {
      RecordView r = model.zones().record(ref);
      if (!(r.rdata.size() == 3 && r.rdata[2] == 0)) continue;
      ZoneEdit e;
      e.owner = r.owner;
      e.type = rrtype::MX;
      e.proxied = Proxied::unknown;
      e.at_record(ref.zone, ref.index, r.span.file, r.span.first_line);
      if (nulls < mx.size()) {
        e.op = ZoneEdit::Op::remove;
        append_rdata_text(e.rdata, r.type, r.rdata);
      } else {
        e.op = ZoneEdit::Op::replace;
        e.rdata = "0 .";
      }
      f.edits.push_back(std::move(e));
    }
  out.push_back(std::move(f));
}

}  // namespace

void null_mx_conflicts(const MailModel& model, std::vector<Finding>& out) {
  std::vector<std::pair<std::string_view, HopSource>> zone_mx, live_mx;
  for (ZoneRecordRef ref : model.zones().at(model.domain(), rrtype::MX)) {
    RecordView r = model.zones().record(ref);
    zone_mx.push_back({r.rdata, HopSource::of(ref, r)});
  }
  if (const Fact* f = model.facts().find(model.domain(), rrtype::MX); f && f->state == FactState::answered)
    for (const ResourceRecord& r : f->records) live_mx.push_back({r.rdata, HopSource::of_fact(f->id)});
  // The zone is what the owner edits; live DNS speaks when there is none.
  if (!zone_mx.empty()) {
    null_mx_in(model, zone_mx, out);
  } else if (!live_mx.empty()) {
    null_mx_in(model, live_mx, out);
  }
}

// ---- SPF terms that resolve to the proxy

namespace {

struct SpfSource {
  std::string text;
  std::optional<ZoneRecordRef> ref;  // the zone's TXT record, when from the zone
  HopSource source;
};

// The apex SPF record: the zone's when it has one, else the live answer's.
std::optional<SpfSource> apex_spf(const MailModel& model) {
  std::vector<std::string> texts;
  std::vector<ZoneRecordRef> refs;
  for (ZoneRecordRef ref : model.zones().at(model.domain(), rrtype::TXT)) {
    texts.push_back(txt_strings_joined(model.zones().record(ref).rdata));
    refs.push_back(ref);
  }
  if (!refs.empty()) {
    SpfSelection sel = find_spf_record(std::span<const std::string>(texts));
    if (!sel.index) return std::nullopt;  // none, or several (spf-invalid's)
    RecordView r = model.zones().record(refs[*sel.index]);
    return SpfSource{texts[*sel.index], refs[*sel.index], HopSource::of(refs[*sel.index], r)};
  }
  const Fact* f = model.facts().find(model.domain(), rrtype::TXT);
  if (!f || f->state != FactState::answered) return std::nullopt;
  for (const ResourceRecord& r : f->records) texts.push_back(txt_strings_joined(r.rdata));
  SpfSelection sel = find_spf_record(std::span<const std::string>(texts));
  if (!sel.index) return std::nullopt;
  return SpfSource{texts[*sel.index], std::nullopt, HopSource::of_fact(f->id)};
}

// A name of an SPF term (text) or of RDATA (wire) as a WireName; empty
// when the text is not a name.
WireName wire_of(std::string_view text) {
  WireName n;
  if (parse_name(text, std::string_view("\0", 1), n) != NameError::none) n.length = 0;
  return n;
}
WireName wire_copy(std::string_view wire) {
  WireName n;
  n.length = uint8_t(std::min(wire.size(), kMaxNameLength));
  std::memcpy(n.octets, wire.data(), n.length);
  return n;
}

// The paths a receiver's evaluation of an a or mx term takes.
std::vector<ResolutionPath> term_paths(const MailModel& model, const SpfTerm& t, std::string_view target) {
  std::vector<ResolutionPath> paths;
  auto path_of = [&](std::string_view name) {
    ResolutionPath z = model.has_zone() ? zone_path(model.zones(), name) : ResolutionPath{};
    ResolutionPath l = model.live() ? live_path(model.facts(), name) : ResolutionPath{};
    // The proxy shows in either: the zone is what will be served, live DNS
    // what is served now (as the proxy rules read them).
    if (z.route == Route::proxy) return z;
    if (l.route == Route::proxy) return l;
    return z.known() ? z : l;
  };
  if (t.kind == SpfTermKind::a) {
    paths.push_back(path_of(target));
    return paths;
  }
  // mx: the exchanges of the target, from the zone, else live.
  std::vector<WireName> exchanges;
  for (ZoneRecordRef ref : model.zones().at(target, rrtype::MX)) {
    std::string_view rd = model.zones().record(ref).rdata;
    if (rd.size() > 3) exchanges.push_back(wire_copy(rd.substr(2)));
  }
  if (exchanges.empty())
    if (const Fact* f = model.facts().find(target, rrtype::MX); f && f->state == FactState::answered)
      for (const ResourceRecord& r : f->records)
        if (r.rdata.size() > 3) exchanges.push_back(wire_copy(r.rdata.substr(2)));
  for (const WireName& x : exchanges)
    if (x.length) paths.push_back(path_of(x.view()));
  return paths;
}

bool covers(const SpfTerm& t, std::string_view address) {
  const bool v4 = address.size() == 4;
  if ((t.kind == SpfTermKind::ip4) != v4 || (t.kind != SpfTermKind::ip4 && t.kind != SpfTermKind::ip6)) return false;
  unsigned bits = v4 ? t.cidr4.value_or(32) : t.cidr6.value_or(128);
  for (unsigned i = 0; i < bits; ++i) {
    uint8_t mask = uint8_t(0x80 >> (i % 8));
    if ((uint8_t(address[i / 8]) & mask) != (t.address[i / 8] & mask)) return false;
  }
  return true;
}

// The SPF text with `ip4:`/`ip6:` terms for `addresses` put before the
// record's "all" or "redirect=" (or at its end), as a TXT presentation.
std::string spf_with(const SpfRecord& spf, std::string_view text, const std::vector<std::string>& terms) {
  size_t at = text.size();
  if (spf.all_term) at = spf.terms[*spf.all_term].offset;
  if (spf.redirect_term) at = std::min<size_t>(at, spf.terms[*spf.redirect_term].offset);
  std::string added;
  for (const std::string& t : terms) added += t + " ";
  std::string joined(text.substr(0, at));
  if (at == text.size()) {
    if (!joined.empty() && joined.back() != ' ') joined += ' ';
    added.pop_back();
  }
  joined += added;
  joined += text.substr(at);
  // RFC 1035 character-strings hold 255 octets at most.
  std::string out;
  for (size_t i = 0; i < joined.size(); i += 255) {
    if (i) out += ' ';
    append_quoted(out, std::string_view(joined).substr(i, 255));
  }
  return out;
}

// What the a and mx terms of an SPF record reach.
struct SpfTermScan {
  std::vector<std::string> origin;      // addresses the proxied records hold in the export
  std::vector<std::string> authorised;  // addresses a/mx terms reach without the proxy
  std::vector<WireName> through;        // the names the proxied terms look up
  bool any_term = false, all_proxied = true, other_terms = false;
};

// A term's path through the proxy: its evidence into `f`, the name it
// looks up and the origin addresses the proxied records hold into `scan`.
void note_proxied_term(const MailModel& model, const SpfSource& src, const SpfTerm& t, const WireName& target,
                       const ResolutionPath& p, SpfTermScan& scan, Finding& f) {
  WireName looked_up = p.hops.empty() ? target : wire_copy(p.hops.front().name.view());
  if (std::none_of(scan.through.begin(), scan.through.end(),
                   [&](const WireName& w) { return names_equal(w.view(), looked_up.view()); }))
    scan.through.push_back(looked_up);
  EvidenceStep s{"spf-term",
                 {{"term", std::string(src.text.substr(t.offset, t.length))},
                  {"name", lower_name(p.hops.empty() ? target.view() : p.hops.front().name.view())}}};
  add_source(model, s, src.source);
  f.evidence.push_back(std::move(s));
  path_evidence(model, p, f);
  f.evidence.push_back({"proxied-by",
                        {{"name", lower_name(p.hops.empty() ? target.view() : p.hops.back().name.view())},
                         {"provider", std::string(p.provider->id)}}});
  for (const Hop& h : p.hops)
    if (h.type != rrtype::CNAME && h.proxied == Proxied::yes &&
        !proxy_provider_for(std::span(reinterpret_cast<const uint8_t*>(h.rdata.data()), h.rdata.size())) &&
        std::find(scan.origin.begin(), scan.origin.end(), h.rdata) == scan.origin.end())
      scan.origin.push_back(h.rdata);
}

SpfTermScan scan_spf_terms(const MailModel& model, const SpfRecord& spf, const SpfSource& src, Finding& f) {
  SpfTermScan scan;
  for (const SpfTerm& t : spf.terms) {
    if (!t.valid || t.ignored) continue;
    if (t.kind == SpfTermKind::ip4 || t.kind == SpfTermKind::ip6 || t.kind == SpfTermKind::include ||
        t.kind == SpfTermKind::exists || t.kind == SpfTermKind::redirect)
      scan.other_terms = true;
    if ((t.kind != SpfTermKind::a && t.kind != SpfTermKind::mx) || t.has_macro || t.qualifier != SpfQualifier::pass)
      continue;
    WireName target = t.value.empty() ? wire_copy(model.domain()) : wire_of(t.value);
    if (!target.length) continue;
    for (const ResolutionPath& p : term_paths(model, t, target.view())) {
      if (!p.known()) {
        scan.all_proxied = false;  // unknown is not "through the proxy"
        continue;
      }
      scan.any_term = true;
      if (p.route == Route::proxy) {
        note_proxied_term(model, src, t, target, p, scan, f);
        continue;
      }
      scan.all_proxied = false;
      for (const Hop& h : p.hops)
        if (h.type != rrtype::CNAME) scan.authorised.push_back(h.rdata);
    }
  }
  return scan;
}

// Narrows scan.origin to the addresses no term authorises; false when the
// record is not sure to be wrong.
bool keep_unauthorised_origin(const SpfRecord& spf, SpfTermScan& scan) {
  if (scan.origin.empty()) {
    // The server's address is not known: only an SPF that can authorise
    // nothing but the proxy is sure to be wrong.
    return scan.all_proxied && !scan.other_terms;
  }
  std::vector<std::string> missing;
  for (const std::string& a : scan.origin) {
    bool ok = std::find(scan.authorised.begin(), scan.authorised.end(), a) != scan.authorised.end() ||
              std::any_of(spf.terms.begin(), spf.terms.end(),
                          [&](const SpfTerm& t) { return t.valid && !t.ignored && covers(t, a); });
    if (!ok) missing.push_back(a);
  }
  if (missing.empty()) return false;
  scan.origin = missing;
  return true;
}

// The zone's SPF record with `terms` added (a placeholder term when none).
ZoneEdit spf_edit(const MailModel& model, const SpfSource& src, const SpfRecord& spf, std::vector<std::string> terms,
                  std::vector<WireName> through) {
  RecordView r = model.zones().record(*src.ref);
  ZoneEdit e;
  e.op = ZoneEdit::Op::replace;
  e.owner = r.owner;
  e.type = rrtype::TXT;
  if (terms.empty()) {
    e.placeholder = "origin-ipv4";
    terms.push_back("ip4:{origin-ipv4}");
  }
  e.rdata = spf_with(spf, src.text, terms);
  e.proxied = Proxied::unknown;
  e.at_record(src.ref->zone, src.ref->index, r.span.file, r.span.first_line);
  // Once the names the terms look up reach the server directly (the mail
  // host's own fix), the terms authorise it and this edit is not needed.
  e.moot_once_direct = std::move(through);
  return e;
}

}  // namespace

void spf_proxy_addresses(const MailModel& model, std::vector<Finding>& out) {
  std::optional<SpfSource> src = apex_spf(model);
  if (!src) return;
  SpfRecord spf = parse_spf(src->text);
  if (!spf.is_spf) return;
  // "+all" authorises every address, the origin's too (spf-pass-all's concern).
  if (spf.all_term && !spf.terms[*spf.all_term].ignored && spf.terms[*spf.all_term].qualifier == SpfQualifier::pass)
    return;
  Finding f = make_finding(Rule::spf_proxy_address, {lower_name(model.domain())});
  SpfTermScan scan = scan_spf_terms(model, spf, *src, f);
  if (!scan.any_term || f.evidence.empty()) return;
  if (!keep_unauthorised_origin(spf, scan)) return;
  std::vector<std::string> terms;
  for (const std::string& a : scan.origin) {
    std::string text = address_text(a.size() == 4 ? rrtype::A : rrtype::AAAA, a);
    f.evidence.push_back({"origin-not-authorised", {{"address", text}}});
    terms.push_back((a.size() == 4 ? "ip4:" : "ip6:") + text);
  }
  if (scan.origin.empty()) f.evidence.push_back({"origin-not-authorised", {{"address", "{origin-ipv4}"}}});
  if (src->ref) f.edits.push_back(spf_edit(model, *src, spf, std::move(terms), std::move(scan.through)));
  out.push_back(std::move(f));
}

// ---- the zone against live DNS, and the panel's zone against the proxy's

namespace {

// A kind of record whose loss in a migration breaks or weakens mail.
struct MailRecordKind {
  bool relevant = false;
  bool critical = false;
  bool address = false;  // A, AAAA and CNAME count as one: `mail CNAME` may become `mail A`
};

MailRecordKind mail_record_kind(const MailModel& model, std::string_view owner, uint16_t type, std::string_view rdata) {
  std::string_view apex = model.domain();
  const bool at_apex = names_equal(owner, apex);
  const bool below = !at_apex && name_is_under(owner, apex);
  // The label right below the apex, and the one below it.
  std::string_view first = first_label(owner);
  std::string_view rest = owner.substr(std::min(owner.size(), first.size() + 1));
  const bool child = below && names_equal(rest, apex);
  if (type == rrtype::MX) return {at_apex, true, false};
  if (type == rrtype::A || type == rrtype::AAAA || type == rrtype::CNAME) {
    if (at_apex) return {};
    const MailName* m = model.find(owner);
    bool mx = m && (m->roles & role::mx_target);
    if (mx || (child && (label_is(first, "mail") || label_is(first, "smtp") || label_is(first, "imap") ||
                         label_is(first, "pop") || label_is(first, "pop3"))))
      return {true, true, true};
    if (child && (label_is(first, "autodiscover") || label_is(first, "autoconfig") || label_is(first, "webmail")))
      return {true, false, true};
    return {};
  }
  if (type == rrtype::SRV) return {below && label_count(owner) == label_count(apex) + 2, false, false};
  if (type == rrtype::TLSA) return {at_apex || below, false, false};
  if (type == rrtype::TXT) {
    if (at_apex) return {is_spf_record(txt_strings_joined(rdata)), false, false};
    if (child && (label_is(first, "_dmarc") || label_is(first, "_mta-sts"))) return {true, false, false};
    if (below && label_is(first, "_smtp") && label_is(first_label(rest), "_tls") &&
        names_equal(rest.substr(std::min(rest.size(), size_t(5))), apex))
      return {true, false, false};
    // <selector>._domainkey.<apex>
    if (below && label_is(first_label(rest), "_domainkey")) return {true, false, false};
  }
  return {};
}

// The records of `zone` (a Session::zones() index) worth comparing: one
// representative per owner and kind, in zone order.
struct Group {
  ZoneRecordRef first;
  MailRecordKind kind;
  std::vector<ZoneRecordRef> records;
};

std::vector<Group> mail_groups(const MailModel& model, uint32_t zone_index) {
  const Zone& z = model.input_zone(zone_index);
  std::vector<Group> groups;
  for (size_t i = 0; i < z.size(); ++i) {
    RecordView r = z.record(i);
    MailRecordKind k = mail_record_kind(model, r.owner.view(), r.type, r.rdata);
    if (!k.relevant) continue;
    // SPF counts once per apex TXT set, and only the SPF record.
    auto same = [&](const Group& g) {
      RecordView q = z.record(g.first.index);
      bool type_match = k.address ? g.kind.address : q.type == r.type;
      return type_match && names_equal(q.owner.view(), r.owner.view());
    };
    auto it = std::find_if(groups.begin(), groups.end(), same);
    if (it == groups.end()) {
      groups.push_back({{zone_index, uint32_t(i)}, k, {}});
      it = groups.end() - 1;
    }
    it->records.push_back({zone_index, uint32_t(i)});
  }
  return groups;
}

bool group_in_zone(const MailModel& model, const RecordView& r, const MailRecordKind& k, uint32_t zone_index) {
  for (ZoneRecordRef ref : model.zones().at(r.owner.view())) {
    if (ref.zone != zone_index) continue;
    RecordView q = model.zones().record(ref);
    if (k.address ? (q.type == rrtype::A || q.type == rrtype::AAAA || q.type == rrtype::CNAME) : q.type == r.type) {
      if (r.type == rrtype::TXT && names_equal(r.owner.view(), model.domain()) &&
          !is_spf_record(txt_strings_joined(q.rdata)))
        continue;
      return true;
    }
  }
  return false;
}

}  // namespace

bool ns_not_delegated(const MailModel& model, std::vector<Finding>* out) {
  if (!model.has_zone() || !model.live()) return false;
  std::vector<ZoneRecordRef> zone_ns = model.zones().at(model.domain(), rrtype::NS);
  const Fact* live = model.facts().find(model.domain(), rrtype::NS);
  if (zone_ns.empty() || !live || live->state != FactState::answered) return false;
  if (live->rcode != rcode::NOERROR && live->rcode != rcode::NXDOMAIN) return false;
  std::vector<std::string> live_names;
  for (const ResourceRecord& r : live->records)
    if (r.type == rrtype::NS) live_names.push_back(lower_name(r.rdata));
  if (live->rcode == rcode::NOERROR && live_names.empty()) return false;  // no NS set answered: cannot tell
  for (ZoneRecordRef ref : zone_ns) {
    std::string n = lower_name(model.zones().record(ref).rdata);
    if (std::find(live_names.begin(), live_names.end(), n) != live_names.end()) return false;
  }
  if (!out) return true;
  Finding f = make_finding(Rule::ns_not_delegated, {lower_name(model.domain())});
  for (ZoneRecordRef ref : zone_ns) {
    RecordView r = model.zones().record(ref);
    EvidenceStep s{"zone-ns", {{"name", lower_name(r.rdata)}}};
    add_source(model, s, HopSource::of(ref, r));
    f.evidence.push_back(std::move(s));
  }
  std::string joined;
  for (const std::string& n : live_names) joined += (joined.empty() ? "" : " ") + n;
  f.evidence.push_back({"live-ns", {{"names", joined}, {"rcode", rcode_name(live->rcode)}, {"source", "live"}}});
  out->push_back(std::move(f));
  return true;
}

void migration_records_lost(const MailModel& model, std::vector<Finding>& out) {
  auto finding_for = [&](const Group& g, std::string_view missing_from) {
    RecordView r = model.input_zone(g.first.zone).record(g.first.index);
    Finding f = make_finding(Rule::migration_record_lost, {lower_name(r.owner.view())},
                             g.kind.critical ? Harm::full : Harm::lesser);
    for (ZoneRecordRef ref : g.records) {
      RecordView q = model.input_zone(ref.zone).record(ref.index);
      if (r.type == rrtype::TXT && names_equal(r.owner.view(), model.domain()) &&
          !is_spf_record(txt_strings_joined(q.rdata)))
        continue;
      EvidenceStep s = zone_record_step(model, "record-lost", ref, q);
      s.params.push_back({"missing-from", std::string(missing_from)});
      f.evidence.push_back(std::move(s));
    }
    return f;
  };
  // (a) The panel's zone against the proxy's, when both were given.
  for (const ZonePair& pair : model.zone_pairs()) {
    const Zone& proxy = model.input_zone(pair.proxy);
    for (const Group& g : mail_groups(model, pair.panel)) {
      RecordView r = model.input_zone(pair.panel).record(g.first.index);
      if (group_in_zone(model, r, g.kind, pair.proxy)) continue;
      Finding f = finding_for(g, proxy.files.empty() ? std::string_view("zone") : std::string_view(proxy.files[0]));
      for (ZoneRecordRef ref : g.records) {
        RecordView q = model.input_zone(ref.zone).record(ref.index);
        if (r.type == rrtype::TXT && names_equal(r.owner.view(), model.domain()) &&
            !is_spf_record(txt_strings_joined(q.rdata)))
          continue;
        ZoneEdit e;
        e.op = ZoneEdit::Op::add;
        e.owner = q.owner;
        e.type = q.type;
        append_rdata_text(e.rdata, q.type, q.rdata);
        e.ttl = q.ttl;
        e.proxied =
            q.type == rrtype::A || q.type == rrtype::AAAA || q.type == rrtype::CNAME ? Proxied::no : Proxied::unknown;
        e.zone = pair.proxy;  // the zone the record goes into
        f.edits.push_back(std::move(e));
      }
      out.push_back(std::move(f));
    }
  }
  // (b) The zone in use against live DNS: what resolvers do not see.
  if (!model.live() || ns_not_delegated(model, nullptr)) return;
  int zi = model.zones().zone_for(model.domain());
  if (zi < 0) return;
  for (const Group& g : mail_groups(model, uint32_t(zi))) {
    RecordView r = model.input_zone(g.first.zone).record(g.first.index);
    bool lost;
    if (g.kind.address) {
      // Both address questions answered with nothing (or the name is gone).
      const Fact* a = model.facts().find(r.owner.view(), rrtype::A);
      const Fact* aaaa = model.facts().find(r.owner.view(), rrtype::AAAA);
      lost = answered_empty(a) && (a->rcode == rcode::NXDOMAIN || answered_empty(aaaa));
    } else {
      const Fact* fact = model.facts().find(r.owner.view(), r.type);
      lost = answered_empty(fact);
      if (!lost && r.type == rrtype::TXT && names_equal(r.owner.view(), model.domain()) && answered_with(fact))
        lost = std::none_of(fact->records.begin(), fact->records.end(), [](const ResourceRecord& x) {
          return x.type == rrtype::TXT && is_spf_record(txt_strings_joined(x.rdata));
        });
    }
    if (!lost) continue;
    out.push_back(finding_for(g, "live"));
  }
}

void proxy_state_differences(const MailModel& model, std::vector<Finding>& out) {
  if (!model.has_zone() || !model.live() || ns_not_delegated(model, nullptr)) return;
  for (const MailName& m : model.names()) {
    if (m.roles == role::apex) continue;  // the web's, unless mail uses it too
    auto settled = [](Route r) { return r == Route::proxy || r == Route::origin; };
    if (!settled(m.zone.route) || !settled(m.live.route) || m.zone.route == m.live.route) continue;
    Finding f = make_finding(Rule::proxy_state_differs, {lower_name(m.name.view())});
    path_evidence(model, m.zone, f);
    f.evidence.push_back(
        {"zone-route", {{"name", lower_name(m.name.view())}, {"route", std::string(route_name(m.zone.route))}}});
    path_evidence(model, m.live, f);
    f.evidence.push_back(
        {"live-route", {{"name", lower_name(m.name.view())}, {"route", std::string(route_name(m.live.route))}}});
    out.push_back(std::move(f));
  }
}

}  // namespace mxray::rules
