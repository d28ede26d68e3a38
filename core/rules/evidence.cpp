#include "rules/evidence.h"

#include "dns/rdata.h"
#include "dns/types.h"

namespace mxray::rules {

std::string lower_name(std::string_view wire) {
  std::string s = name_text(wire);
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return s;
}

std::string address_text(uint16_t type, std::string_view rdata) {
  std::string out;
  append_rdata_text(out, type, rdata);
  return out;
}

void add_source(const MailModel& model, EvidenceStep& step, const HopSource& src) {
  if (!model.explains()) return;
  if (src.kind == HopSource::live) {
    step.params.push_back({"source", "live"});
    return;
  }
  step.params.push_back({"source", "zone"});
  const Zone& z = model.input_zone(src.zone_index);
  step.params.push_back({"file", src.file < z.files.size() ? z.files[src.file] : std::string()});
  step.params.push_back({"line", std::to_string(src.line)});
}

uint16_t source_type(const MailModel& model, const HopSource& src) {
  if (src.kind == HopSource::live) {
    const auto& facts = model.facts().facts();
    // A fact's id is its index (Session::ask).
    return src.fact < facts.size() && facts[src.fact].id == src.fact ? facts[src.fact].question.type : 0;
  }
  const Zone& z = model.input_zone(src.zone_index);
  return src.record < z.size() ? z.record(src.record).type : 0;
}

// The name a source's record is at: a zone record's owner, or the name a
// live answer was asked for (lowercased text); empty when unknown.
static std::string source_owner(const MailModel& model, const HopSource& src) {
  if (src.kind == HopSource::live) {
    const auto& facts = model.facts().facts();
    return src.fact < facts.size() ? lower_name(facts[src.fact].question.name.view()) : std::string();
  }
  const Zone& z = model.input_zone(src.zone_index);
  return src.record < z.size() ? lower_name(z.record(src.record).owner.view()) : std::string();
}

bool of_domain(const MailModel& model, const HopSource& src) {
  const std::string owner = source_owner(model, src);
  return owner.empty() || owner == lower_name(model.domain());
}

EvidenceStep mx_step(const MailModel& model, std::string_view target, const HopSource& src) {
  EvidenceStep s{"mx", {{"to", lower_name(target)}}};
  if (!of_domain(model, src)) {
    s.code = "mx-of";
    s.params.insert(s.params.begin(), {"from", source_owner(model, src)});
  }
  add_source(model, s, src);
  return s;
}

void path_evidence(const MailModel& model, const ResolutionPath& path, Finding& f) {
  if (!model.explains()) return;
  for (const Hop& h : path.hops) {
    EvidenceStep s;
    if (h.type == rrtype::CNAME) {
      s.code = "cname";
      s.params = {{"from", lower_name(h.name.view())}, {"to", lower_name(h.rdata)}};
    } else {
      s.code = "address";
      s.params = {{"name", lower_name(h.name.view())}, {"address", address_text(h.type, h.rdata)}};
    }
    if (h.source.kind == HopSource::zone && h.proxied != Proxied::unknown)
      s.params.push_back({"proxied", h.proxied == Proxied::yes ? "true" : "false"});
    if (h.provider) s.params.push_back({"provider", std::string(h.provider->id)});
    add_source(model, s, h.source);
    f.evidence.push_back(std::move(s));
  }
}

// Records giving `owner` the origin addresses that the proxied records of
// `path` hold in the export (a proxied record's address is the origin's);
// a {placeholder} when the export does not say.
std::vector<ZoneEdit> origin_address_edits(const WireName& owner, const ResolutionPath& path) {
  std::vector<ZoneEdit> edits;
  for (const Hop& h : path.hops) {
    if (h.type == rrtype::CNAME || h.proxied != Proxied::yes) continue;
    if (proxy_provider_for(std::span(reinterpret_cast<const uint8_t*>(h.rdata.data()), h.rdata.size()))) continue;
    ZoneEdit e;
    e.op = ZoneEdit::Op::add;
    e.owner = owner;
    e.type = h.type;
    append_rdata_text(e.rdata, h.type, h.rdata);
    e.proxied = Proxied::no;
    edits.push_back(std::move(e));
  }
  if (edits.empty()) {
    ZoneEdit e;
    e.op = ZoneEdit::Op::add;
    e.owner = owner;
    e.type = rrtype::A;
    e.placeholder = "origin-ipv4";
    e.rdata = "{origin-ipv4}";
    e.proxied = Proxied::no;
    edits.push_back(std::move(e));
  }
  return edits;
}

}  // namespace mxray::rules
