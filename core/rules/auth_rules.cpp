// Rules about the records receivers use to decide whether mail is the
// domain's own and how to reach it safely: SPF (RFC 7208), DMARC (RFC 9989),
// DKIM keys (RFC 6376), MTA-STS (RFC 8461), TLS-RPT (RFC 8460), DANE TLSA
// behind a proxy (RFC 7672, RFC 6698), and forward-confirmed reverse DNS of
// the mail server (RFC 8601 §3 "iprev").
//
// Each record family is read twice: as the uploaded zone holds it and as
// live DNS answered, each a "view". A fact that is unknown in a view (no
// usable answer, a CNAME leaving the zone with nothing live behind it)
// makes no finding in that view, and never counts as fine. Findings of the
// two views are merged by rule and name, the zone's first: it is the one
// the fix edits.
#include <algorithm>
#include <array>
#include <cstring>
#include <optional>
#include <unordered_map>

#include "dns/rdata.h"
#include "dns/types.h"
#include "policy/dkim.h"
#include "policy/dmarc.h"
#include "policy/mta_sts.h"
#include "policy/spf.h"
#include "rules/catalogue.h"
#include "rules/evidence.h"
#include "rules/rules_internal.h"

namespace mxray::rules {
namespace {

// Problems of the records no parser of core/policy names, in the same
// naming as the parsers' codes: X(identifier, stable name, reference).
#define MXRAY_POLICY_PROBLEMS(X)                                           \
  X(mta_sts_bad_version, "mta-sts-bad-version", "RFC 8461 §3.1")           \
  X(mta_sts_multiple_records, "mta-sts-multiple-records", "RFC 8461 §3.1") \
  X(mta_sts_malformed, "mta-sts-malformed", "RFC 8461 §3.1")               \
  X(mta_sts_no_id, "mta-sts-no-id", "RFC 8461 §3.1")                       \
  X(mta_sts_bad_id, "mta-sts-bad-id", "RFC 8461 §3.1")                     \
  X(mta_sts_no_host, "mta-sts-no-host", "RFC 8461 §3.3")                   \
  X(tlsrpt_bad_version, "tlsrpt-bad-version", "RFC 8460 §3")               \
  X(tlsrpt_multiple_records, "tlsrpt-multiple-records", "RFC 8460 §3")     \
  X(tlsrpt_malformed, "tlsrpt-malformed", "RFC 8460 §3")                   \
  X(tlsrpt_no_rua, "tlsrpt-no-rua", "RFC 8460 §3")                         \
  X(tlsrpt_bad_uri, "tlsrpt-bad-uri", "RFC 8460 §3")                       \
  X(dkim_multiple_records, "dkim-multiple-records", "RFC 6376 §3.6.2.2")

enum class PolicyProblem : uint8_t {
#define MXRAY_X(id, name, ref) id,
  MXRAY_POLICY_PROBLEMS(MXRAY_X)
#undef MXRAY_X
};
constexpr std::array kPolicyProblemNames = {
#define MXRAY_X(id, name, ref) std::string_view(name),
    MXRAY_POLICY_PROBLEMS(MXRAY_X)
#undef MXRAY_X
};
constexpr std::array kPolicyProblemRefs = {
#define MXRAY_X(id, name, ref) std::string_view(ref),
    MXRAY_POLICY_PROBLEMS(MXRAY_X)
#undef MXRAY_X
};
std::string_view name_of(PolicyProblem p) { return kPolicyProblemNames[size_t(p)]; }

enum class View : uint8_t { zone, live };
std::string_view view_name(View v) { return v == View::zone ? "zone" : "live"; }

struct TxtRecord {
  std::string text;  // character-strings joined (RFC 7208 §3.3, RFC 6376 §3.6.2.2)
  HopSource source;
};
// The TXT records at a name as one view saw them.
struct TxtSet {
  bool known = false;  // false: the view cannot tell; never read as "none"
  std::vector<TxtRecord> records;
};

WireName wire_of(std::string_view wire) {
  WireName n;
  n.length = uint8_t(wire.size());
  std::memcpy(n.octets, wire.data(), wire.size());
  return n;
}

// `label` in front of `base`; false when too long.
bool child_name(std::string_view label, std::string_view base, WireName& out) {
  if (label.empty() || label.size() > kMaxLabelLength || 1 + label.size() + base.size() > kMaxNameLength) return false;
  out.octets[0] = uint8_t(label.size());
  std::memcpy(out.octets + 1, label.data(), label.size());
  std::memcpy(out.octets + 1 + label.size(), base.data(), base.size());
  out.length = uint8_t(1 + label.size() + base.size());
  return true;
}

// A domain-spec as written in a record (no macros), as a wire name.
std::optional<WireName> name_from_text(std::string_view text) {
  static const char kRoot[] = {0};
  WireName n;
  if (text.empty() || parse_name(text, std::string_view(kRoot, 1), n) != NameError::none) return std::nullopt;
  return n;
}

// The fact answering (name, type), through the follow-up questions the
// session asked where a CNAME chain was cut short; nullptr when there is no
// usable answer (never asked, pending, or unknown).
const Fact* answered(const FactStore& s, std::string_view name, uint16_t type) {
  const Fact* f = s.find(name, type);
  for (int i = 0;
       i < 8 && f && f->state == FactState::answered && f->records.empty() && f->chain_incomplete && !f->chain.empty();
       ++i)
    f = s.find(f->chain.back().rdata, type);
  return f && f->state == FactState::answered && !f->chain_incomplete ? f : nullptr;
}

TxtSet live_txt(const MailModel& model, std::string_view name) {
  TxtSet set;
  if (!model.live()) return set;
  const Fact* f = answered(model.facts(), name, rrtype::TXT);
  if (!f) return set;
  set.known = true;
  for (const ResourceRecord& r : f->records)
    set.records.push_back({txt_strings_joined(r.rdata), HopSource::of_fact(f->id)});
  return set;
}

// The zone's TXT records at `name`, following CNAMEs inside the zones in
// use; where the name (or a CNAME target) lies outside them, live DNS.
TxtSet zone_txt(const MailModel& model, std::string_view name) {
  const ZoneLookup& zones = model.zones();
  WireName at = wire_of(name);
  for (int depth = 0; depth < 8; ++depth) {
    if (zones.zone_for(at.view()) < 0) return live_txt(model, depth == 0 ? name : at.view());
    std::vector<ZoneRecordRef> cname = zones.at(at.view(), rrtype::CNAME);
    // A CNAME at a zone's apex is flattened (Cloudflare): it answers only
    // for addresses, and the apex's own TXT records are served beside it.
    if (!cname.empty() && !names_equal(at.view(), zones.zone(uint32_t(zones.zone_for(at.view()))).apex)) {
      std::string_view target = zones.record(cname.front()).rdata;
      if (target.empty() || target.size() > kMaxNameLength) return {};
      // Out of the zones: the session asked the original name, and its
      // answer holds the chain.
      if (zones.zone_for(target) < 0) return live_txt(model, name);
      at = wire_of(target);
      continue;
    }
    TxtSet set;
    set.known = true;
    for (ZoneRecordRef ref : zones.at(at.view(), rrtype::TXT)) {
      RecordView r = zones.record(ref);
      set.records.push_back({txt_strings_joined(r.rdata), HopSource::of(ref, r)});
    }
    return set;
  }
  return {};  // a CNAME loop in the zone: nothing known
}

TxtSet txt_at(const MailModel& model, std::string_view name, View view) {
  return view == View::zone ? zone_txt(model, name) : live_txt(model, name);
}

std::vector<std::string_view> texts_of(const TxtSet& set) {
  std::vector<std::string_view> out;
  for (const TxtRecord& r : set.records) out.push_back(r.text);
  return out;
}

// The views this check can read: the zone when one covers the domain,
// live DNS when it was asked.
std::vector<View> views_of(const MailModel& model) {
  std::vector<View> v;
  if (model.has_zone() && model.zones().zone_for(model.domain()) >= 0) v.push_back(View::zone);
  if (model.live()) v.push_back(View::live);
  return v;
}

EvidenceStep record_step(const MailModel& model, std::string_view name, const TxtRecord& r) {
  EvidenceStep s{"txt-record", {{"name", lower_name(name)}, {"text", r.text}}};
  add_source(model, s, r.source);
  return s;
}

// A problem of a record: its stable code, the detail the parser gave, and
// the text it is about (cut to keep reports small).
EvidenceStep problem_step(std::string_view name, std::string_view code, std::string_view detail, std::string_view text,
                          uint32_t offset, uint32_t length) {
  EvidenceStep s{"record-problem", {{"name", lower_name(name)}, {"problem", std::string(code)}}};
  if (!detail.empty()) s.params.push_back({"detail", std::string(detail)});
  if (length > 0 && offset < text.size()) {
    // Whole characters: a problem the parser places on one byte of a
    // multi-byte one ("–all" with an EN DASH) shows that character, not a
    // broken byte.
    auto continuation = [&](size_t i) { return i < text.size() && (uint8_t(text[i]) & 0xC0) == 0x80; };
    size_t begin = offset, end = std::min<size_t>(text.size(), size_t(offset) + std::min<size_t>(length, 80));
    while (begin > 0 && continuation(begin)) --begin;
    while (continuation(end)) ++end;
    s.params.push_back({"term", std::string(text.substr(begin, end - begin))});
  }
  return s;
}

// The domain receives mail: an MX that is not a null MX (RFC 7505), in the
// zone or in live DNS. The step that shows it, or nothing.
std::optional<EvidenceStep> receives_mail(const MailModel& model) {
  for (const MailName& m : model.names())
    if (m.roles & role::mx_target)
      for (const HopSource& src : m.named_by)
        if (source_type(model, src) == rrtype::MX && of_domain(model, src)) return mx_step(model, m.name.view(), src);
  return std::nullopt;
}

// Findings of several views: one per rule and first name, the first wins.
void merge(std::vector<Finding>& into, std::vector<Finding>&& found) {
  for (Finding& f : found) {
    bool seen = std::any_of(into.begin(), into.end(),
                            [&](const Finding& g) { return g.rule == f.rule && g.names.front() == f.names.front(); });
    if (!seen) into.push_back(std::move(f));
  }
}

// ---- SPF (RFC 7208)

// The evaluation as a receiver would run it, as far as the view knows it:
// the record, then every include and redirect target (§5.2, §6.1).
struct SpfWalk {
  const MailModel& model;
  View view;
  std::vector<EvidenceStep> errors, pass_all, advice;  // evidence for spf-invalid, -pass-all, -advice
  uint32_t lookups = 0;                                // §4.6.4: at most 10 over the whole evaluation
  std::vector<std::string> lookup_terms;
  uint32_t voids = 0;  // §4.6.4: at most 2 lookups answered with no records or NXDOMAIN
  std::vector<std::string> void_terms;
  std::vector<WireName> stack;  // the records being evaluated, outermost first
  uint32_t visited = 0;

  // True when `target` answered with no records of `type`.
  bool void_lookup(std::string_view target, uint16_t type) const {
    const ZoneLookup& zones = model.zones();
    if (view == View::zone && zones.zone_for(target) >= 0) {
      if (type == rrtype::MX) return !zones.has(target, rrtype::MX) && !zones.has(target, rrtype::CNAME);
      ResolutionPath p = zone_path(zones, target);
      return p.route == Route::missing;
    }
    const Fact* f = answered(model.facts(), target, type);
    return f && f->records.empty();
  }

  static void note(std::vector<EvidenceStep>& to, const EvidenceStep& record, const EvidenceStep& s) {
    // The record's text once, in front of its first problem.
    bool shown = std::any_of(to.begin(), to.end(), [&](const EvidenceStep& e) {
      return e.code == "txt-record" && e.params == record.params;
    });
    if (!shown) to.push_back(record);
    to.push_back(s);
  }

  // `own`: the record is the domain's (advice is only worth giving there);
  // `passes`: a pass result of this record is a pass for the domain.
  // Returns false when the view cannot tell what the record at `name` is.
  bool walk(std::string_view name, bool own, bool passes, bool* has_record = nullptr) {
    if (++visited > 64) return false;
    TxtSet set = txt_at(model, name, view);
    if (!set.known) return false;
    std::vector<std::string_view> texts = texts_of(set);
    SpfSelection sel = find_spf_record(texts);
    if (has_record) *has_record = !sel.candidates.empty();
    if (sel.candidates.empty()) return true;
    if (!sel.index) {  // several: permerror (§4.5)
      for (size_t i : sel.candidates) errors.push_back(record_step(model, name, set.records[i]));
      for (const SpfProblem& p : sel.problems)
        errors.push_back(problem_step(name, spf_problem_name(p.code), p.detail, {}, 0, 0));
      return true;
    }
    const TxtRecord& rec_text = set.records[*sel.index];
    const std::string& text = rec_text.text;
    SpfRecord rec = parse_spf(text);
    EvidenceStep record = record_step(model, name, rec_text);
    for (const SpfProblem& p : rec.problems) {
      if (p.code == SpfProblemCode::too_many_lookups) continue;  // counted over the whole evaluation below
      EvidenceStep s = problem_step(name, spf_problem_name(p.code), p.detail, text, p.offset, p.length);
      if (p.severity == RecordSeverity::error) {
        note(errors, record, s);
      } else if (p.code == SpfProblemCode::pass_all) {
        if (passes) note(pass_all, record, s);
      } else if (own) {
        note(advice, record, s);
      }
    }
    lookups += rec.lookup_terms;
    for (const SpfTerm& t : rec.terms)
      if (t.lookup && !t.ignored) lookup_terms.push_back(lower_name(name) + " " + text.substr(t.offset, t.length));

    stack.push_back(wire_of(name));
    for (const SpfTerm& t : rec.terms) {
      if (t.ignored || !t.valid || t.has_macro) continue;  // macros depend on the sender (§7)
      const std::string term(text.substr(t.offset, t.length));
      if (t.kind == SpfTermKind::include || t.kind == SpfTermKind::redirect) {
        std::optional<WireName> target = name_from_text(t.value);
        if (!target) continue;
        bool loop = std::any_of(stack.begin(), stack.end(),
                                [&](const WireName& n) { return names_equal(n.view(), target->view()); });
        if (loop) {
          std::string chain;
          for (const WireName& n : stack) chain += lower_name(n.view()) + " → ";
          errors.push_back(
              {"spf-loop",
               {{"name", lower_name(name)}, {"term", term}, {"chain", chain + lower_name(target->view())}}});
          continue;
        }
        if (stack.size() > 10) continue;  // past the lookup limit anyway
        bool found = false;
        // An include passes the domain only when its own qualifier is pass
        // (§5.2); a redirect hands the whole result over (§6.1).
        bool sub_passes = passes && (t.kind == SpfTermKind::redirect || t.qualifier == SpfQualifier::pass);
        bool sub_own = own && name_is_under(target->view(), model.domain());
        if (walk(target->view(), sub_own, sub_passes, &found) && !found)
          // §5.2: an include of a domain without a record is a permerror; §6.1: so is a redirect.
          errors.push_back({"spf-target-no-record",
                            {{"name", lower_name(target->view())}, {"term", term}, {"from", lower_name(name)}}});
      } else if (t.kind == SpfTermKind::a || t.kind == SpfTermKind::mx || t.kind == SpfTermKind::exists) {
        std::optional<WireName> target =
            t.value.empty() ? std::optional<WireName>(wire_of(name)) : name_from_text(t.value);
        if (!target) continue;
        bool is_void = t.kind == SpfTermKind::mx ? void_lookup(target->view(), rrtype::MX)
                       : t.kind == SpfTermKind::exists
                           ? void_lookup(target->view(), rrtype::A)
                           // a: void for every sender only when neither family answers
                           : void_lookup(target->view(), rrtype::A) && void_lookup(target->view(), rrtype::AAAA);
        if (is_void) {
          ++voids;
          void_terms.push_back(lower_name(name) + " " + term);
        }
      }
    }
    stack.pop_back();
    return true;
  }
};

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// The SPF checks of `name` (the domain, or another name of it that
// receives or sends mail) in one view.
void spf_view(const MailModel& model, View view, const std::optional<EvidenceStep>& mx, std::vector<Finding>& out,
              std::string_view name = {}) {
  const std::string_view apex = name.empty() ? model.domain() : name;
  const std::string apex_text = lower_name(apex);
  SpfWalk w{model, view, {}, {}, {}, 0, {}, 0, {}, {}, 0};
  bool found = false;
  if (!w.walk(apex, true, true, &found)) return;
  if (!found) {
    // §2.6.1 "none": receivers learn nothing about who may send as the domain.
    if (!mx) return;
    Finding f = make_finding(Rule::spf_missing, {apex_text});
    f.evidence.push_back(*mx);
    f.evidence.push_back(
        {"no-record", {{"name", apex_text}, {"kind", "SPF"}, {"source", std::string(view_name(view))}}});
    // A policy published only as the SPF record type (99), which RFC 7208
    // §3.1 retired: receivers no longer read it, so it is said, not ignored.
    if (view == View::zone)
      for (ZoneRecordRef ref : model.zones().at(apex, rrtype::SPF)) {
        const RecordView r = model.zones().record(ref);
        EvidenceStep step{"spf-type-record", {{"name", apex_text}, {"text", txt_strings_joined(r.rdata)}}};
        add_source(model, step, HopSource::of(ref, r));
        f.evidence.push_back(std::move(step));
      }
    out.push_back(std::move(f));
    return;
  }
  if (w.lookups > 10)
    w.errors.push_back(
        {"spf-lookups", {{"count", std::to_string(w.lookups)}, {"limit", "10"}, {"terms", joined(w.lookup_terms)}}});
  if (w.voids > 2)
    w.errors.push_back(
        {"spf-void-lookups", {{"count", std::to_string(w.voids)}, {"limit", "2"}, {"terms", joined(w.void_terms)}}});
  auto report = [&](Rule rule, std::vector<EvidenceStep>& evidence) {
    if (evidence.empty()) return;
    Finding f = make_finding(rule, {apex_text});
    f.evidence = std::move(evidence);
    out.push_back(std::move(f));
  };
  report(Rule::spf_invalid, w.errors);
  report(Rule::spf_pass_all, w.pass_all);
  report(Rule::spf_advice, w.advice);
}

// The names below the domain in the zones in use that own an MX or an SPF
// record, each with the step showing its first MX (none when it only sends).
std::vector<std::pair<WireName, std::optional<EvidenceStep>>> spf_names(const MailModel& model) {
  std::vector<std::pair<WireName, std::optional<EvidenceStep>>> out;
  std::unordered_multimap<uint64_t, size_t> seen;  // positions in `out` by name_hash
  const ZoneLookup& zones = model.zones();
  for (uint32_t zi = 0; zi < zones.zone_count(); ++zi) {
    if (!zones.present(zi)) continue;
    const Zone& z = zones.zone(zi);
    for (size_t i = 0; i < z.size(); ++i) {
      const RecordView r = z.record(i);
      if (r.type != rrtype::MX && r.type != rrtype::TXT) continue;
      const std::string_view owner = r.owner.view();
      if (names_equal(owner, model.domain()) || !name_is_under(owner, model.domain())) continue;
      if (r.type == rrtype::TXT && !is_spf_record(txt_strings_joined(r.rdata))) continue;
      const bool null_mx = r.type == rrtype::MX && r.rdata.size() <= 3;  // RFC 7505: receives nothing
      size_t at = out.size();
      for (auto [it, end] = seen.equal_range(name_hash(owner)); it != end; ++it)
        if (names_equal(out[it->second].first.view(), owner)) at = it->second;
      if (at == out.size()) {
        // As many names as the model takes MX targets: a zone of thousands
        // of mail names cannot make a report of gigabytes.
        if (out.size() >= model.max_record_names()) continue;
        seen.emplace(name_hash(owner), at);
        out.push_back({wire_of(owner), std::nullopt});
      }
      if (r.type == rrtype::MX && !null_mx && !out[at].second)
        out[at].second = mx_step(model, r.rdata.substr(2), HopSource::of(zi, i, r));
    }
  }
  // A live check with no zone: the names below the domain whose MX or TXT
  // the Session asked as mail names (Session::discover_mail_name) and
  // that live DNS shows receiving (an MX) or sending (an SPF record). A
  // name that does not exist, or whose answer is unknown, adds nothing.
  std::vector<std::string> live_spf;  // the live SPF texts, for the includes below
  if (!model.has_zone())
    for (const Fact& f : model.facts().facts()) {
      const std::string_view q = f.question.name.view();
      if (f.state != FactState::answered || names_equal(q, model.domain()) || !name_is_under(q, model.domain()))
        continue;
      std::optional<EvidenceStep> step;
      bool mail = false;
      if (f.question.type == rrtype::MX && (f.purposes & purpose::apex)) {
        for (const ResourceRecord& r : f.records)
          if (r.type == rrtype::MX && r.rdata.size() > 3) {  // not a null MX (RFC 7505)
            mail = true;
            if (!step) step = mx_step(model, r.rdata.substr(2), HopSource::of_fact(f.id));
          }
      } else if (f.question.type == rrtype::TXT && (f.purposes & purpose::spf)) {
        for (const ResourceRecord& r : f.records)
          if (r.type == rrtype::TXT)
            if (std::string text = txt_strings_joined(r.rdata); is_spf_record(text)) {
              mail = true;
              live_spf.push_back(std::move(text));
            }
      }
      if (!mail) continue;
      size_t at = out.size();
      for (auto [it, end] = seen.equal_range(name_hash(q)); it != end; ++it)
        if (names_equal(out[it->second].first.view(), q)) at = it->second;
      if (at == out.size()) {
        if (out.size() >= model.max_record_names()) continue;
        seen.emplace(name_hash(q), at);
        out.push_back({wire_of(q), std::nullopt});
      }
      if (step && !out[at].second) out[at].second = std::move(step);
    }
  // A name whose SPF record another one includes or redirects to is part
  // of that record's evaluation, checked with it; unless it receives mail
  // itself, it is not a mail name of its own.
  std::vector<bool> part(out.size(), false);
  auto mark_parts = [&](std::string_view text) {
    for (const SpfTerm& t : parse_spf(text).terms)
      if ((t.kind == SpfTermKind::include || t.kind == SpfTermKind::redirect) && t.valid && !t.has_macro)
        if (std::optional<WireName> n = name_from_text(t.value))
          for (auto [it, end] = seen.equal_range(name_hash(n->view())); it != end; ++it)
            if (names_equal(out[it->second].first.view(), n->view())) part[it->second] = true;
  };
  for (const std::string& text : live_spf) mark_parts(text);
  // The domain's own live SPF record names its includes too.
  if (!model.has_zone())
    if (const Fact* f = model.facts().find(model.domain(), rrtype::TXT); f && f->state == FactState::answered)
      for (const ResourceRecord& r : f->records)
        if (r.type == rrtype::TXT)
          if (std::string text = txt_strings_joined(r.rdata); is_spf_record(text)) mark_parts(text);
  for (uint32_t zi = 0; zi < zones.zone_count(); ++zi) {
    if (!zones.present(zi)) continue;
    const Zone& z = zones.zone(zi);
    for (size_t i = 0; i < z.size(); ++i) {
      const RecordView r = z.record(i);
      if (r.type != rrtype::TXT) continue;
      const std::string text = txt_strings_joined(r.rdata);
      if (!is_spf_record(text)) continue;
      for (const SpfTerm& t : parse_spf(text).terms)
        if ((t.kind == SpfTermKind::include || t.kind == SpfTermKind::redirect) && t.valid && !t.has_macro)
          if (std::optional<WireName> n = name_from_text(t.value))
            for (auto [it, end] = seen.equal_range(name_hash(n->view())); it != end; ++it)
              if (names_equal(out[it->second].first.view(), n->view())) part[it->second] = true;
    }
  }
  std::vector<std::pair<WireName, std::optional<EvidenceStep>>> kept;
  for (size_t i = 0; i < out.size(); ++i)
    if (!part[i] || out[i].second) kept.push_back(std::move(out[i]));
  return kept;
}

// ---- DMARC (RFC 9989)

// A TXT at _dmarc that was meant as a DMARC record but does not start
// with "v=DMARC1" (a lower-case version, a typo): receivers discard it
// (§4.7), and saying "missing" would hide why.
bool looks_like_dmarc(std::string_view text) {
  std::string lower;
  for (char c : text.substr(0, 64)) lower.push_back(c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c);
  return lower.find("dmarc") != std::string::npos || lower.find("p=") != std::string::npos;
}

// Policy discovery for `domain` as the view sees it: the DNS Tree Walk of
// RFC 9989 §4.10 over the _dmarc TXT records of the domain and its parents
// (a zone's names from the zone, the rest from live DNS).
struct DmarcFound {
  DmarcDiscovery discovery;
  WireName name;  // _dmarc.<name> where the applying record was found
  TxtRecord record;
};
DmarcFound discover_dmarc_policy(const MailModel& model, std::string_view domain, View view) {
  DmarcFound out;
  const std::vector<WireName> walk = dmarc_tree_walk(domain);
  std::vector<TxtSet> sets;
  std::vector<DmarcLookup> lookups;
  sets.reserve(walk.size());  // the lookups' views point into these sets
  for (const WireName& n : walk) {
    WireName name;
    TxtSet& set = sets.emplace_back();
    if (child_name("_dmarc", n.view(), name))
      set = txt_at(model, name.view(), view);
    else
      set.known = true;  // too long to exist
    lookups.push_back({set.known, texts_of(set)});
    out.discovery = discover_dmarc(lookups, walk.size());
    if (out.discovery.state != DmarcDiscovery::State::incomplete) break;
  }
  if (out.discovery.state == DmarcDiscovery::State::found) {
    child_name("_dmarc", walk[out.discovery.policy].view(), out.name);
    out.record = sets[out.discovery.policy].records[out.discovery.record];
  }
  return out;
}

// The DMARC record that applies to `domain` (the checked domain, or a name
// below it that receives or sends mail): its own, checked for problems, or
// else the one the tree walk finds above it. `mail` is the step showing the
// domain handles mail; without it, a missing policy is not worth a finding.
void dmarc_domain(const MailModel& model, View view, std::string_view domain, const std::optional<EvidenceStep>& mail,
                  std::vector<Finding>& out) {
  WireName name;
  if (!child_name("_dmarc", domain, name)) return;
  const std::string name_text_l = lower_name(name.view());
  TxtSet set = txt_at(model, name.view(), view);
  if (!set.known) return;
  std::vector<std::string_view> texts = texts_of(set);
  DmarcSelection sel = find_dmarc_record(texts);
  Finding invalid = make_finding(Rule::dmarc_invalid, {name_text_l});
  Finding advice = make_finding(Rule::dmarc_advice, {name_text_l});
  if (sel.candidates.empty()) {
    for (const TxtRecord& r : set.records)
      if (looks_like_dmarc(r.text)) {
        DmarcRecord rec = parse_dmarc(r.text);
        invalid.evidence.push_back(record_step(model, name.view(), r));
        for (const DmarcProblem& p : rec.problems)
          if (p.severity == RecordSeverity::error)
            invalid.evidence.push_back(
                problem_step(name.view(), dmarc_problem_name(p.code), p.detail, r.text, p.offset, p.length));
      }
    if (!invalid.evidence.empty()) {
      out.push_back(std::move(invalid));
      return;
    }
    // None of its own: the record a receiver finds by the tree walk (§4.10.1).
    const DmarcFound found = discover_dmarc_policy(model, domain, view);
    if (found.discovery.state == DmarcDiscovery::State::found && !found.discovery.own) {
      const std::string at = lower_name(found.name.view());
      const DmarcRecord rec = parse_dmarc(found.record.text);
      Finding bad = make_finding(Rule::dmarc_invalid, {at});
      for (const DmarcProblem& p : rec.problems)
        if (p.severity == RecordSeverity::error) {
          if (bad.evidence.empty()) bad.evidence.push_back(record_step(model, found.name.view(), found.record));
          bad.evidence.push_back(problem_step(found.name.view(), dmarc_problem_name(p.code), p.detail,
                                              found.record.text, p.offset, p.length));
        }
      // Once, when several names lean on the same record.
      const bool said = std::any_of(out.begin(), out.end(), [&](const Finding& g) {
        return g.rule == bad.rule && g.names.front() == bad.names.front();
      });
      if (!bad.evidence.empty() && !said) out.push_back(std::move(bad));
      // The checked domain itself leaning on a record above it (a public
      // suffix's, psd=y): worth saying where its policy comes from.
      if (names_equal(domain, model.domain()) && mail) {
        Finding f = make_finding(Rule::dmarc_advice, {at});
        f.evidence.push_back(record_step(model, found.name.view(), found.record));
        f.evidence.push_back(problem_step(found.name.view(), dmarc_problem_name(DmarcProblemCode::inherited),
                                          lower_name(domain), {}, 0, 0));
        out.push_back(std::move(f));
      }
      return;
    }
    // No record anywhere, or none the view can tell of above the domain.
    if (found.discovery.state != DmarcDiscovery::State::unknown || names_equal(domain, model.domain())) {
      if (!mail) return;
      Finding f = make_finding(Rule::dmarc_missing, {lower_name(domain)});
      f.evidence.push_back(*mail);
      f.evidence.push_back(
          {"no-record", {{"name", name_text_l}, {"kind", "DMARC"}, {"source", std::string(view_name(view))}}});
      out.push_back(std::move(f));
    }
    return;
  }
  if (!sel.index) {  // several: all discarded, DMARC is not applied (§4.10 step 2)
    for (size_t i : sel.candidates) invalid.evidence.push_back(record_step(model, name.view(), set.records[i]));
    for (const DmarcProblem& p : sel.problems)
      invalid.evidence.push_back(problem_step(name.view(), dmarc_problem_name(p.code), p.detail, {}, 0, 0));
    out.push_back(std::move(invalid));
    return;
  }
  const TxtRecord& r = set.records[*sel.index];
  DmarcRecord rec = parse_dmarc(r.text);
  for (const DmarcProblem& p : rec.problems) {
    Finding& f = p.severity == RecordSeverity::error ? invalid : advice;
    if (f.evidence.empty()) f.evidence.push_back(record_step(model, name.view(), r));
    f.evidence.push_back(problem_step(name.view(), dmarc_problem_name(p.code), p.detail, r.text, p.offset, p.length));
  }
  if (!invalid.evidence.empty()) out.push_back(std::move(invalid));
  if (!advice.evidence.empty()) out.push_back(std::move(advice));
}

// The names below the domain that receive mail (their own MX) or send it
// (their own SPF record), as the zone holds them, with the step showing it.
std::vector<std::pair<WireName, EvidenceStep>> dmarc_mail_subdomains(const MailModel& model) {
  std::vector<std::pair<WireName, EvidenceStep>> out;
  if (!model.has_zone()) return out;
  // The names already in `out`, by name_hash: a zone of many mail names
  // would otherwise be compared name by name with all before it.
  std::unordered_map<uint64_t, std::vector<size_t>> listed;
  const ZoneLookup& zones = model.zones();
  const std::string_view apex = model.domain();
  for (uint32_t zi = 0; zi < zones.zone_count(); ++zi) {
    if (!zones.present(zi)) continue;
    const Zone& zone = zones.zone(zi);
    for (size_t i = 0; i < zone.size(); ++i) {
      RecordView r = zone.record(i);
      const std::string_view owner = r.owner.view();
      if (r.rclass != rrclass::IN || names_equal(owner, apex) || !name_is_under(owner, apex) || owner[1] == '_')
        continue;
      std::optional<EvidenceStep> step;
      if (r.type == rrtype::MX && r.rdata.size() > 3) {  // not a null MX (RFC 7505)
        const std::string_view exchange = r.rdata.substr(2);
        const size_t n = wire_name_size(exchange);
        if (n <= 1) continue;
        step = EvidenceStep{"mx", {{"to", lower_name(exchange.substr(0, n))}}};
      } else if (r.type == rrtype::TXT) {
        std::string text = txt_strings_joined(r.rdata);
        if (is_spf_record(text)) step = EvidenceStep{"txt-record", {{"name", lower_name(owner)}, {"text", text}}};
      }
      if (!step) continue;
      add_source(model, *step, HopSource::of(ZoneRecordRef{zi, uint32_t(i)}, r));
      std::vector<size_t>& same_hash = listed[name_hash(owner)];
      bool seen = std::any_of(same_hash.begin(), same_hash.end(),
                              [&](size_t k) { return names_equal(out[k].first.view(), owner); });
      if (seen) continue;
      same_hash.push_back(out.size());
      out.emplace_back(wire_of(owner), std::move(*step));
    }
  }
  return out;
}

void dmarc_view(const MailModel& model, View view, const std::optional<EvidenceStep>& mx, std::vector<Finding>& out) {
  dmarc_domain(model, view, model.domain(), mx, out);
  for (const auto& [name, step] : dmarc_mail_subdomains(model))
    dmarc_domain(model, view, name.view(), std::optional<EvidenceStep>(step), out);
}

// A DMARC record published where receivers never look: RFC 9989 §4.5 puts
// it at "_dmarc.<domain>", and a "v=DMARC1" TXT at the domain itself (or at
// "dmarc.<domain>", a typo) is read by no one. In the zone, every such TXT;
// live, the apex's. The fix moves it to "_dmarc.<name>", or only removes it
// where a DMARC record already stands there.
bool first_label_is(std::string_view wire, std::string_view label) {
  if (wire.empty() || uint8_t(wire[0]) != label.size()) return false;
  for (size_t i = 0; i < label.size(); ++i) {
    char c = wire[1 + i];
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    if (c != label[i]) return false;
  }
  return true;
}

bool holds_dmarc(const TxtSet& set) {
  return set.known && std::any_of(set.records.begin(), set.records.end(),
                                  [](const TxtRecord& r) { return is_dmarc_record(r.text); });
}

// True when `wire` has the labels "_report._dmarc" one after the other.
bool has_report_authorisation_labels(std::string_view wire) {
  for (size_t at = 0; at < wire.size() && wire[at] != 0; at += 1 + uint8_t(wire[at]))
    if (first_label_is(wire.substr(at), "_report")) {
      const size_t next = at + 1 + uint8_t(wire[at]);
      return next < wire.size() && first_label_is(wire.substr(next), "_dmarc");
    }
  return false;
}

void dmarc_wrong_names(const MailModel& model, std::vector<Finding>& out) {
  std::vector<Finding> found;
  if (model.has_zone()) {
    const ZoneLookup& zones = model.zones();
    // A _dmarc CNAME may lead to a record kept under another name: that
    // record is in its right place.
    std::vector<WireName> targets;
    for (uint32_t zi = 0; zi < zones.zone_count(); ++zi) {
      if (!zones.present(zi)) continue;
      const Zone& zone = zones.zone(zi);
      for (size_t i = 0; i < zone.size(); ++i) {
        RecordView r = zone.record(i);
        if (r.type == rrtype::CNAME && first_label_is(r.owner.view(), "_dmarc") && !r.rdata.empty() &&
            r.rdata.size() <= kMaxNameLength)
          targets.push_back(wire_of(r.rdata));
      }
    }
    for (uint32_t zi = 0; zi < zones.zone_count(); ++zi) {
      if (!zones.present(zi)) continue;
      const Zone& zone = zones.zone(zi);
      for (size_t i = 0; i < zone.size(); ++i) {
        RecordView r = zone.record(i);
        if (r.rclass != rrclass::IN || r.type != rrtype::TXT) continue;
        const std::string_view owner = r.owner.view();
        std::string text = txt_strings_joined(r.rdata);
        if (!name_is_under(owner, model.domain()) || !is_dmarc_record(text) || first_label_is(owner, "_dmarc"))
          continue;
        // "<domain>._report._dmarc.<name>" says that <name> takes another
        // domain's aggregate reports (RFC 7489 §7.1, kept by RFC 9989): a
        // "v=DMARC1" record in its right place.
        if (has_report_authorisation_labels(owner)) continue;
        if (std::any_of(targets.begin(), targets.end(),
                        [&](const WireName& t) { return names_equal(t.view(), owner); }))
          continue;
        // "dmarc.<name>", the underscore left out, meant "_dmarc.<name>";
        // any other name meant a record of its own.
        WireName dest;
        const std::string_view base = first_label_is(owner, "dmarc") ? owner.substr(6) : owner;
        if (base.size() <= 1 || !child_name("_dmarc", base, dest)) continue;
        const bool replaced = holds_dmarc(zone_txt(model, dest.view()));
        Finding f = make_finding(Rule::dmarc_wrong_name, {lower_name(owner)}, replaced ? Harm::lesser : Harm::full);
        f.evidence.push_back(record_step(model, owner, {text, HopSource::of(ZoneRecordRef{zi, uint32_t(i)}, r)}));
        ZoneEdit remove;
        remove.op = ZoneEdit::Op::remove;
        remove.owner = r.owner;
        remove.type = rrtype::TXT;
        append_rdata_text(remove.rdata, rrtype::TXT, r.rdata);
        remove.at_record(zi, uint32_t(i), r.span.file, r.span.first_line);
        if (!replaced) {
          ZoneEdit add;
          add.op = ZoneEdit::Op::add;
          add.owner = dest;
          add.type = rrtype::TXT;
          add.rdata = remove.rdata;
          add.ttl = r.ttl;
          f.edits.push_back(std::move(add));
        }
        f.edits.push_back(std::move(remove));
        found.push_back(std::move(f));
      }
    }
  }
  // Live, where no zone covers the domain: the apex TXT the session asked.
  if (model.live() && !(model.has_zone() && model.zones().zone_for(model.domain()) >= 0)) {
    const std::string_view apex = model.domain();
    WireName dest;
    const Fact* fact = answered(model.facts(), apex, rrtype::TXT);
    if (fact && child_name("_dmarc", apex, dest)) {
      const bool replaced = holds_dmarc(live_txt(model, dest.view()));
      for (const ResourceRecord& rr : fact->records) {
        const TxtRecord r{txt_strings_joined(rr.rdata), HopSource::of_fact(fact->id)};
        if (!is_dmarc_record(r.text)) continue;
        Finding f = make_finding(Rule::dmarc_wrong_name, {lower_name(apex)}, replaced ? Harm::lesser : Harm::full);
        f.evidence.push_back(record_step(model, apex, r));
        ZoneEdit remove;
        remove.op = ZoneEdit::Op::remove;
        remove.owner = wire_of(apex);
        remove.type = rrtype::TXT;
        append_rdata_text(remove.rdata, rrtype::TXT, rr.rdata);
        remove.live = true;
        if (!replaced) {
          ZoneEdit add = remove;
          add.op = ZoneEdit::Op::add;
          add.owner = dest;
          f.edits.push_back(std::move(add));
        }
        f.edits.push_back(std::move(remove));
        found.push_back(std::move(f));
        break;  // one finding for the name
      }
    }
  }
  merge(out, std::move(found));
}

// ---- DKIM (RFC 6376)

// A TXT that is a DKIM key record at all: v=DKIM1 or a p= tag. Applied to
// the selectors the session guessed, where a wildcard TXT (an SPF record,
// say) may answer for a selector that does not exist.
bool looks_like_dkim(std::string_view text) {
  std::vector<RecordTag> tags;
  std::vector<TagListError> errors;
  split_tag_list(text, tags, errors);
  return std::any_of(tags.begin(), tags.end(),
                     [](const RecordTag& t) { return t.name == "p" || (t.name == "v" && t.value == "DKIM1"); });
}

// The names <selector>._domainkey.<domain> the view knows, with whether
// any TXT there counts (a zone's own, or a selector named by the user) or
// only ones that look like keys (the session's guesses).
struct Selector {
  WireName name;
  bool guessed = false;
};

std::vector<Selector> selectors(const MailModel& model, View view) {
  std::vector<Selector> out;
  WireName domainkey;
  if (!child_name("_domainkey", model.domain(), domainkey)) return out;
  auto add = [&](std::string_view n, bool guessed) {
    if (!name_is_under(n, domainkey.view()) || names_equal(n, domainkey.view())) return;
    // A selector is made of sub-domains (RFC 6376 §3.1, RFC 5321 Let-dig
    // first): "_adsp._domainkey" (RFC 5617, historic) and the like are not keys.
    if (n.size() > 1 && n[1] == '_') return;
    for (Selector& s : out)
      if (names_equal(s.name.view(), n)) {
        s.guessed = s.guessed && guessed;
        return;
      }
    out.push_back({wire_of(n), guessed});
  };
  if (view == View::zone) {
    const ZoneLookup& zones = model.zones();
    for (uint32_t zi = 0; zi < zones.zone_count(); ++zi) {
      if (!zones.present(zi)) continue;
      const Zone& z = zones.zone(zi);
      for (size_t i = 0; i < z.size(); ++i) {
        RecordView r = z.record(i);
        if (r.type == rrtype::TXT || r.type == rrtype::CNAME) add(r.owner.view(), false);
      }
    }
    return out;
  }
  for (const Fact& f : model.facts().facts())
    if ((f.purposes & purpose::dkim) && f.question.type == rrtype::TXT && f.depth == 0)
      add(f.question.name.view(), true);
  return out;
}

// The domain says, in the view, that it neither receives nor sends mail:
// only a null MX (RFC 7505), the SPF record "v=spf1 -all" (RFC 7208 §5.1:
// no host is authorised) and a DMARC policy of reject. The lock-down of
// https://www.gov.uk/guidance/protect-domains-that-dont-send-email, which
// also publishes an empty (revoked) wildcard DKIM key on purpose.
bool sends_no_mail(const MailModel& model, View view) {
  const std::string_view domain = model.domain();
  std::vector<std::string_view> mx;
  if (view == View::zone) {
    if (model.zones().zone_for(domain) < 0) return false;
    for (ZoneRecordRef ref : model.zones().at(domain, rrtype::MX)) mx.push_back(model.zones().record(ref).rdata);
  } else if (const Fact* f = answered(model.facts(), domain, rrtype::MX)) {
    for (const ResourceRecord& r : f->records)
      if (r.type == rrtype::MX) mx.push_back(r.rdata);
  }
  // RFC 7505 §3: a null MX is the only MX, preference 0 and the root.
  if (mx.size() != 1 || mx[0].size() > 3) return false;
  const TxtSet txt = txt_at(model, domain, view);
  if (!txt.known) return false;
  const std::vector<std::string_view> texts = texts_of(txt);
  const SpfSelection spf = find_spf_record(texts);
  if (!spf.index) return false;
  const SpfRecord rec = parse_spf(texts[*spf.index]);
  if (rec.has_errors() || rec.terms.size() != 1 || rec.terms[0].kind != SpfTermKind::all ||
      rec.terms[0].qualifier != SpfQualifier::fail)
    return false;
  const DmarcFound dmarc = discover_dmarc_policy(model, domain, view);
  if (dmarc.discovery.state != DmarcDiscovery::State::found || !dmarc.discovery.own) return false;
  return parse_dmarc(dmarc.record.text).effective_policy() == DmarcPolicy::reject;
}

void dkim_view(const MailModel& model, View view, std::vector<Finding>& out) {
  // A revoked key is the lock-down's own advice for a domain that sends no
  // mail: saying it is revoked would be noise there (tests/real,
  // cfimport-no-email-domain-protection.txt).
  const bool locked_down = sends_no_mail(model, view);
  for (const Selector& sel : selectors(model, view)) {
    std::string_view name = sel.name.view();
    TxtSet set = txt_at(model, name, view);
    if (!set.known) continue;
    std::vector<const TxtRecord*> keys;
    for (const TxtRecord& r : set.records)
      if (!sel.guessed || looks_like_dkim(r.text)) keys.push_back(&r);
    if (keys.empty()) continue;
    Finding invalid = make_finding(Rule::dkim_invalid, {lower_name(name)});
    Finding advice = make_finding(Rule::dkim_advice, {lower_name(name)});
    if (keys.size() > 1) {
      // §3.6.2.2: "if there are multiple records in an RRset, the results are undefined".
      for (const TxtRecord* r : keys) invalid.evidence.push_back(record_step(model, name, *r));
      invalid.evidence.push_back(
          problem_step(name, name_of(PolicyProblem::dkim_multiple_records), std::to_string(keys.size()), {}, 0, 0));
    } else {
      DkimKey key = parse_dkim_key(keys[0]->text);
      for (const DkimProblem& p : key.problems) {
        if (locked_down && p.code == DkimProblemCode::revoked) continue;
        Finding& f = p.severity == RecordSeverity::error ? invalid : advice;
        if (f.evidence.empty()) f.evidence.push_back(record_step(model, name, *keys[0]));
        f.evidence.push_back(
            problem_step(name, dkim_problem_name(p.code), p.detail, keys[0]->text, p.offset, p.length));
      }
    }
    if (!invalid.evidence.empty()) out.push_back(std::move(invalid));
    if (!advice.evidence.empty()) out.push_back(std::move(advice));
  }
}

// ---- MTA-STS (RFC 8461) and TLS-RPT (RFC 8460): small tag lists

// The records of `set` that carry `version`: the others are discarded by
// senders (RFC 8461 §3.1, RFC 8460 §3).
std::vector<const TxtRecord*> versioned(const TxtSet& set, std::string_view version) {
  std::vector<const TxtRecord*> out;
  for (const TxtRecord& r : set.records)
    if (has_policy_version(r.text, version)) out.push_back(&r);
  return out;
}

// The one record of `set` that begins with `version` (RFC 8461 §3.1,
// RFC 8460 §3: exactly one); nullptr after putting in `f` why there is none.
const TxtRecord* single_policy(const MailModel& model, std::string_view name, const TxtSet& set,
                               std::string_view version, PolicyProblem bad_version, PolicyProblem multiple,
                               Finding& f) {
  std::vector<const TxtRecord*> found = versioned(set, version);
  if (found.size() == 1) return found[0];
  if (found.empty()) {
    const std::string& text = set.records.front().text;
    f.evidence.push_back(record_step(model, name, set.records.front()));
    f.evidence.push_back(
        problem_step(name, name_of(bad_version), {}, text, 0, uint32_t(std::min(text.size(), version.size() + 5))));
  } else {
    for (const TxtRecord* r : found) f.evidence.push_back(record_step(model, name, *r));
    f.evidence.push_back(problem_step(name, name_of(multiple), std::to_string(found.size()), {}, 0, 0));
  }
  return nullptr;
}

void mta_sts_view(const MailModel& model, View view, std::vector<Finding>& out) {
  WireName name, host;
  if (!child_name("_mta-sts", model.domain(), name) || !child_name("mta-sts", model.domain(), host)) return;
  TxtSet set = txt_at(model, name.view(), view);
  if (!set.known || set.records.empty()) return;  // no policy: MTA-STS is opt-in
  Finding f = make_finding(Rule::mta_sts_invalid, {lower_name(name.view())});
  auto problem = [&](PolicyProblem p, std::string_view detail, std::string_view text, uint32_t offset,
                     uint32_t length) {
    f.evidence.push_back(problem_step(name.view(), name_of(p), detail, text, offset, length));
  };
  if (const TxtRecord* sts = single_policy(model, name.view(), set, "v=STSv1", PolicyProblem::mta_sts_bad_version,
                                           PolicyProblem::mta_sts_multiple_records, f)) {
    const std::string& text = sts->text;
    for (const MtaStsProblem& p : check_mta_sts_record(text)) {
      constexpr PolicyProblem kAs[] = {PolicyProblem::mta_sts_malformed, PolicyProblem::mta_sts_no_id,
                                       PolicyProblem::mta_sts_bad_id};
      problem(kAs[size_t(p.code)], p.detail, text, p.offset, p.length);
    }
    if (!f.evidence.empty()) f.evidence.insert(f.evidence.begin(), record_step(model, name.view(), *sts));
    // §3.3: the policy itself is fetched from https://mta-sts.<domain>/.
    ResolutionPath path =
        view == View::zone ? zone_path(model.zones(), host.view()) : live_path(model.facts(), host.view());
    if (path.route == Route::missing) {
      if (f.evidence.empty()) f.evidence.push_back(record_step(model, name.view(), *sts));
      problem(PolicyProblem::mta_sts_no_host, lower_name(host.view()), {}, 0, 0);
      f.evidence.push_back(
          {"no-address", {{"name", lower_name(host.view())}, {"source", std::string(view_name(view))}}});
    }
  }
  if (!f.evidence.empty()) out.push_back(std::move(f));
}

void tlsrpt_view(const MailModel& model, View view, std::vector<Finding>& out) {
  WireName tls, name;
  if (!child_name("_tls", model.domain(), tls) || !child_name("_smtp", tls.view(), name)) return;
  TxtSet set = txt_at(model, name.view(), view);
  if (!set.known || set.records.empty()) return;  // no reporting asked for: TLS-RPT is opt-in
  Finding f = make_finding(Rule::tlsrpt_invalid, {lower_name(name.view())});
  auto problem = [&](PolicyProblem p, std::string_view detail, std::string_view text, uint32_t offset,
                     uint32_t length) {
    f.evidence.push_back(problem_step(name.view(), name_of(p), detail, text, offset, length));
  };
  if (const TxtRecord* rpt = single_policy(model, name.view(), set, "v=TLSRPTv1", PolicyProblem::tlsrpt_bad_version,
                                           PolicyProblem::tlsrpt_multiple_records, f)) {
    const std::string& text = rpt->text;
    for (const TlsRptProblem& p : check_tlsrpt_record(text)) {
      constexpr PolicyProblem kAs[] = {PolicyProblem::tlsrpt_malformed, PolicyProblem::tlsrpt_no_rua,
                                       PolicyProblem::tlsrpt_bad_uri};
      problem(kAs[size_t(p.code)], p.detail, text, p.offset, p.length);
    }
    if (!f.evidence.empty()) f.evidence.insert(f.evidence.begin(), record_step(model, name.view(), *rpt));
  }
  if (!f.evidence.empty()) out.push_back(std::move(f));
}

// ---- TLSA behind a proxy (RFC 7672 §3.1, RFC 6698 §2)

// "_<port>._<proto>.<host>": the port and the host, or nothing.
bool tlsa_owner(std::string_view owner, uint16_t& port, std::string_view& host) {
  if (owner.empty()) return false;
  size_t l1 = uint8_t(owner[0]);
  if (l1 < 2 || l1 > 6 || owner[1] != '_' || 1 + l1 >= owner.size()) return false;
  uint32_t p = 0;
  for (size_t i = 2; i <= l1; ++i) {
    char c = owner[i];
    if (c < '0' || c > '9') return false;
    p = p * 10 + uint32_t(c - '0');
  }
  if (p == 0 || p > 65535) return false;
  size_t l2 = uint8_t(owner[1 + l1]);
  if (l2 < 2 || owner[2 + l1] != '_' || 2 + l1 + l2 >= owner.size()) return false;
  port = uint16_t(p);
  host = owner.substr(2 + l1 + l2);
  return host.size() > 1;
}

void tlsa_proxied(const MailModel& model, std::vector<Finding>& out) {
  auto report = [&](std::string_view owner, uint16_t port, std::string_view host, const HopSource& src,
                    const ResolutionPath& path) {
    if (path.route != Route::proxy || !path.provider) return;
    std::string name = lower_name(owner);
    for (const Finding& g : out)
      if (g.rule == Rule::tlsa_proxied && g.names.front() == name) return;
    Finding f = make_finding(Rule::tlsa_proxied, {name, lower_name(host)});
    EvidenceStep s{"tlsa-record", {{"name", name}, {"host", lower_name(host)}, {"port", std::to_string(port)}}};
    add_source(model, s, src);
    f.evidence.push_back(std::move(s));
    path_evidence(model, path, f);
    f.evidence.push_back({"proxied-by", {{"name", lower_name(host)}, {"provider", std::string(path.provider->id)}}});
    out.push_back(std::move(f));
  };
  const ZoneLookup& zones = model.zones();
  for (uint32_t zi = 0; zi < zones.zone_count(); ++zi) {
    if (!zones.present(zi)) continue;
    const Zone& z = zones.zone(zi);
    for (size_t i = 0; i < z.size(); ++i) {
      RecordView r = z.record(i);
      uint16_t port = 0;
      std::string_view host;
      if (r.type != rrtype::TLSA || !tlsa_owner(r.owner.view(), port, host)) continue;
      report(r.owner.view(), port, host, HopSource::of(zi, i, r), zone_path(zones, host));
    }
  }
  if (!model.live()) return;
  for (const Fact& f : model.facts().facts()) {
    uint16_t port = 0;
    std::string_view host;
    if (f.question.type != rrtype::TLSA || f.state != FactState::answered || f.records.empty()) continue;
    if (!tlsa_owner(f.question.name.view(), port, host)) continue;
    const MailName* m = model.find(host);
    report(f.question.name.view(), port, host, HopSource::of_fact(f.id), m ? m->live : live_path(model.facts(), host));
  }
}

// ---- Forward-confirmed reverse DNS of the mail server (live only)

void ptr_mismatch(const MailModel& model, std::vector<Finding>& out) {
  if (!model.live()) return;
  const FactStore& s = model.facts();
  for (const MailName& m : model.names()) {
    if (!(m.roles & role::mx_target) || m.live.route != Route::origin) continue;
    for (const Hop& h : m.live.hops) {
      if ((h.type != rrtype::A && h.type != rrtype::AAAA) || h.provider) continue;
      if (h.rdata.size() != (h.type == rrtype::A ? 4u : 16u)) continue;
      WireName rev = reverse_name(h.rdata);
      const std::string rev_text = lower_name(rev.view());
      if (std::any_of(out.begin(), out.end(),
                      [&](const Finding& g) { return g.rule == Rule::ptr_mismatch && g.names.front() == rev_text; }))
        continue;
      const Fact* ptr = answered(s, rev.view(), rrtype::PTR);
      if (!ptr) continue;  // not asked, or no usable answer: unknown
      const std::string address = address_text(h.type, h.rdata);
      Finding f = make_finding(Rule::ptr_mismatch, {rev_text, lower_name(m.name.view())});
      EvidenceStep a{"address", {{"name", lower_name(h.name.view())}, {"address", address}}};
      add_source(model, a, h.source);
      f.evidence.push_back(std::move(a));
      if (ptr->records.empty()) {
        f.evidence.push_back({"ptr-missing", {{"address", address}, {"name", rev_text}}});
        out.push_back(std::move(f));
        continue;
      }
      bool confirmed = false, unknown = false;
      std::vector<EvidenceStep> steps;
      for (const ResourceRecord& r : ptr->records) {
        std::string_view target = r.rdata;
        if (target.size() <= 1) continue;
        steps.push_back({"ptr-record", {{"name", rev_text}, {"address", address}, {"target", lower_name(target)}}});
        const Fact* fwd = answered(s, target, h.type);
        if (!fwd) {
          unknown = true;
          continue;
        }
        std::vector<std::string> addresses;
        for (const ResourceRecord& x : fwd->records) {
          if (x.rdata == h.rdata) confirmed = true;
          addresses.push_back(address_text(x.type, x.rdata));
        }
        EvidenceStep mis{"ptr-forward-mismatch", {{"target", lower_name(target)}, {"address", address}}};
        if (!addresses.empty()) mis.params.push_back({"addresses", joined(addresses)});
        steps.push_back(std::move(mis));
      }
      if (confirmed || unknown || steps.empty()) continue;
      for (EvidenceStep& e : steps) f.evidence.push_back(std::move(e));
      out.push_back(std::move(f));
    }
  }
}

}  // namespace

std::span<const std::string_view> policy_problem_codes() { return kPolicyProblemNames; }
std::span<const std::string_view> policy_problem_references() { return kPolicyProblemRefs; }

void mail_authentication(const MailModel& model, std::vector<Finding>& out) {
  std::optional<EvidenceStep> mx = receives_mail(model);
  std::vector<Finding> found;
  for (View view : views_of(model)) {
    std::vector<Finding> v;
    spf_view(model, view, mx, v);
    dmarc_view(model, view, mx, v);
    dkim_view(model, view, v);
    mta_sts_view(model, view, v);
    tlsrpt_view(model, view, v);
    merge(found, std::move(v));
  }
  // Every other name of the domain with an MX or an SPF record of its own
  // gets the domain's SPF checks (a subdomain publishing two SPF
  // records went unseen).
  for (const auto& [name, name_mx] : spf_names(model)) {
    std::vector<Finding> v;
    for (View view : views_of(model)) spf_view(model, view, name_mx, v, name.view());
    merge(found, std::move(v));
  }
  dmarc_wrong_names(model, found);
  tlsa_proxied(model, found);
  ptr_mismatch(model, found);
  for (Finding& f : found) out.push_back(std::move(f));
}

}  // namespace mxray::rules
