#include "session/session_json.h"

#include "dns/json_count.h"
#include "dns/rdata.h"
#include "dns/types.h"

namespace mxray {
namespace {

using nlohmann::json;

std::string_view state_name(FactState s) {
  switch (s) {
    case FactState::pending: return "pending";
    case FactState::answered: return "answered";
    case FactState::unknown: return "unknown";
  }
  return "unknown";
}

json record_json(const ResourceRecord& r) {
  std::string data;
  append_rdata_text(data, r.type, r.rdata);
  return {{"name", name_text(r.owner.view())}, {"type", type_name(r.type)}, {"ttl", r.ttl}, {"data", data}};
}

}  // namespace

json fact_to_json(const Fact& f) {
  json purposes = json::array();
  auto names = purpose_names();
  for (size_t i = 0; i < names.size(); ++i)
    if (f.purposes & (1u << i)) purposes.push_back(names[i]);
  json j = {{"id", f.id},
            {"name", name_text(f.question.name.view())},
            {"type", type_name(f.question.type)},
            {"round", f.round},
            {"purposes", purposes},
            {"depth", f.depth},
            {"state", state_name(f.state)}};
  if (f.state == FactState::answered) {
    j["rcode"] = rcode_name(f.rcode);
    j["authenticated"] = f.authenticated;
    j["authoritative"] = f.authoritative;
    json chain = json::array(), records = json::array();
    for (const ResourceRecord& r : f.chain) chain.push_back(record_json(r));
    for (const ResourceRecord& r : f.records) records.push_back(record_json(r));
    j["chain"] = chain;
    j["records"] = records;
    if (f.chain_incomplete) j["chain_incomplete"] = true;
    if (f.negative_ttl) j["negative_ttl"] = *f.negative_ttl;
  }
  if (f.state == FactState::unknown)
    j["reason"] = {{"code", unknown_code_name(f.reason.code)}, {"detail", f.reason.detail}};
  if (!f.extended_errors.empty()) {
    json ede = json::array();
    for (const ExtendedError& e : f.extended_errors) ede.push_back({{"code", e.info_code}, {"text", e.extra_text}});
    j["ede"] = ede;
  }
  if (!f.comment.empty()) j["comment"] = f.comment;
  return j;
}

json session_to_json(const Session& s) {
  json facts = json::array();
  for (const Fact& f : s.facts()) facts.push_back(fact_to_json(f));
  json hits = json::array();
  for (const BudgetHit& h : s.budget_hits())
    hits.push_back({{"budget", budget_name(h.budget)}, {"limit", h.limit}, {"skipped", h.skipped}});
  return {{"domain", s.error() == SessionError::none ? name_text(s.domain().view()) : std::string()},
          {"error", s.error() == SessionError::none ? json(nullptr) : json(session_error_name(s.error()))},
          {"rounds", s.round()},
          {"questions", s.facts().size()},
          {"done", s.done()},
          {"spf_lookups", s.spf_lookups()},
          {"budget_hits", hits},
          {"facts", facts}};
}

SessionOptions session_options_from_json(std::string_view text) {
  SessionOptions o;
  json j = json::parse(text, nullptr, false);
  if (!j.is_object()) return o;
  auto flag = [&](const char* key, bool& field) {
    auto it = j.find(key);
    if (it != j.end() && it->is_boolean()) field = it->get<bool>();
  };
  flag("live", o.live);
  flag("dnssec_ok", o.query.dnssec_ok);
  flag("ask_ptr", o.ask_ptr);
  flag("authoritative", o.authoritative);
  bool padding = o.query.padding_block != 0;
  flag("padding", padding);
  o.query.padding_block = padding ? kQueryPaddingBlock : 0;
  if (auto it = j.find("dkim_selectors"); it != j.end() && it->is_array())
    for (const json& s : *it)
      if (s.is_string() && o.dkim_selectors.size() < kMaxShellSelectors)
        o.dkim_selectors.push_back(s.get<std::string>());
  if (auto it = j.find("limits"); it != j.end() && it->is_object()) {
    read_count(*it, "max_questions", o.limits.max_questions, kMaxShellLimit);
    read_count(*it, "max_rounds", o.limits.max_rounds, kMaxShellLimit);
    read_count(*it, "max_cname_depth", o.limits.max_cname_depth, kMaxShellLimit);
    read_count(*it, "max_spf_lookups", o.limits.max_spf_lookups, kMaxShellLimit);
    read_count(*it, "max_answer_records", o.limits.max_answer_records, kMaxShellLimit);
  }
  return o;
}

json session_codes_json() {
  json purposes = json::array(), reasons = json::array(), budgets = json::array();
  for (std::string_view p : purpose_names()) purposes.push_back(p);
  for (std::string_view r : unknown_reason_codes()) reasons.push_back(r);
  for (std::string_view b : budget_names()) budgets.push_back(b);
  json errors =
      json::array({session_error_name(SessionError::bad_domain), session_error_name(SessionError::no_domain)});
  return {{"purposes", purposes}, {"reasons", reasons}, {"budgets", budgets}, {"errors", errors}};
}

}  // namespace mxray
