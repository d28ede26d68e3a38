#include "session/session.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <deque>
#include <optional>

#include "dns/rdata.h"
#include "dns/types.h"
#include "dns/utf8.h"
#include "doh/answer.h"
#include "doh/json.h"
#include "policy/dmarc.h"
#include "policy/mail_names.h"
#include "policy/proxy_providers.h"
#include "policy/spf.h"

namespace mxray {
namespace {

std::string_view wire_view(const WireName& n) { return n.view(); }

// The name at `offset` of uncompressed RDATA, or an empty view.
std::string_view rdata_name(std::string_view rdata, size_t offset) {
  if (offset >= rdata.size()) return {};
  size_t n = wire_name_size(rdata.substr(offset));
  return n ? rdata.substr(offset, n) : std::string_view{};
}

bool iequals_prefix(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

}  // namespace

Session::Session(std::string_view domain, SessionOptions options, std::vector<std::shared_ptr<const Zone>> zones)
    : FactStore(std::move(zones)), options_(std::move(options)) {
  if (domain.empty()) {
    for (const auto& z : zones_)
      if (z && !z->apex.empty()) {
        domain_.length = uint8_t(z->apex.size());
        std::memcpy(domain_.octets, z->apex.data(), z->apex.size());
        break;
      }
    if (domain_.empty()) error_ = SessionError::no_domain;
  } else {
    // A domain typed by a person is absolute whether or not it ends in a dot.
    static const char kRoot[] = {0};
    if (parse_name(domain, std::string_view(kRoot, 1), domain_) != NameError::none || domain_.length <= 1)
      error_ = SessionError::bad_domain;
  }
  if (options_.authoritative) options_.query.recursion_desired = false;
  if (error_ != SessionError::none || !options_.live) return;
  seed();
  step_dmarc_walks();
  advance();
}

void Session::seed() {
  const std::string_view apex = wire_view(domain_);
  using namespace rrtype;
  for (uint16_t type : {SOA, NS, MX, A, AAAA, CAA}) ask(apex, type, purpose::apex);
  ask(apex, TXT, purpose::apex | purpose::spf);

  WireName name;
  start_dmarc_walk(apex);
  for (const ClientName& client : client_names())
    if (prefixed_name({client.label}, apex, name)) {
      ask(wire_view(name), A, purpose::client_name);
      ask(wire_view(name), AAAA, purpose::client_name);
    }
  for (const MailSrvService& srv : mail_srv_services())
    if (prefixed_name({srv.label, "_tcp"}, apex, name)) ask(wire_view(name), SRV, purpose::srv);
  // MTA-STS (RFC 8461 §3.1), SMTP TLS reporting (RFC 8460 §3), BIMI.
  if (prefixed_name({"_mta-sts"}, apex, name)) ask(wire_view(name), TXT, purpose::policy);
  if (prefixed_name({"_smtp", "_tls"}, apex, name)) ask(wire_view(name), TXT, purpose::policy);
  if (prefixed_name({"default", "_bimi"}, apex, name)) ask(wire_view(name), TXT, purpose::policy);
  for (std::string_view selector : common_dkim_selectors())
    if (prefixed_name({selector, "_domainkey"}, apex, name)) ask(wire_view(name), TXT, purpose::dkim);
  for (const std::string& selector : options_.dkim_selectors)
    if (prefixed_name({selector, "_domainkey"}, apex, name)) ask(wire_view(name), TXT, purpose::dkim);

  discover_ = options_.live && std::none_of(zones_.begin(), zones_.end(), [](const auto& z) { return bool(z); });
  // Sending subdomains whose label a provider fixes (docs/sources.md#sending-subdomains):
  // Resend's Return-Path subdomain `send` and Mailgun's recommended `mg`.
  // Amazon SES's custom MAIL FROM and SendGrid's em<digits> are the
  // customer's or generated, so they cannot be guessed.
  static constexpr std::array<std::string_view, 2> kCommonSendingNames = {"send", "mg"};
  if (discover_)
    for (std::string_view label : kCommonSendingNames)
      if (prefixed_name({label}, apex, name)) discover_mail_name(wire_view(name));

  for (const auto& zone : zones_)
    if (zone) seed_from_zone(*zone);
}

void Session::discover_mail_name(std::string_view name) {
  if (!discover_) return;
  const std::string_view apex = wire_view(domain_);
  // Strictly below the domain, and a host name: "_spf.<domain>" and the
  // like are include targets, not mail domains.
  if (name.size() <= 1 || name[1] == '_' || names_equal(name, apex) || !name_is_under(name, apex)) return;
  ask_mail_name(name);
}

// What the uploaded zone already names goes out in the first round too: its
// MX exchanges, SRV targets, SPF includes, DKIM selectors, origin addresses.
void Session::seed_from_zone(const Zone& zone) {
  const std::string_view apex = wire_view(domain_);
  const unsigned apex_labels = label_count(apex);
  for (size_t i = 0; i < zone.size(); ++i) {
    RecordView r = zone.record(i);
    if (r.rclass != rrclass::IN) continue;
    std::string_view owner = r.owner.view();
    if (!name_is_under(owner, apex)) continue;
    unsigned labels = label_count(owner);
    // A host name below the apex that receives mail (MX) or sends it (SPF)
    // has a DMARC policy of its own to discover; "_spf.<apex>" and the like
    // are include targets, not mail domains.
    if (labels > apex_labels && owner[1] != '_' &&
        (r.type == rrtype::MX || (r.type == rrtype::TXT && is_spf_record(txt_strings_joined(r.rdata))))) {
      start_dmarc_walk(owner);
      ask_mail_name(owner);
    }
    if (labels == apex_labels) {
      uint32_t p = purpose::apex | (r.type == rrtype::TXT ? purpose::spf : 0);
      follow_records(r.owner, r.type, r.rdata, p);
    } else if (labels == apex_labels + 1) {
      // mail., smtp. ... written as A/AAAA in the zone: their PTRs.
      std::string_view first = owner.substr(1, uint8_t(owner[0]));
      if (find_client_name(first)) follow_records(r.owner, r.type, r.rdata, purpose::client_name);
    } else if (labels == apex_labels + 2) {
      size_t second = 1 + uint8_t(owner[0]);
      std::string_view label2 = owner.substr(second + 1, uint8_t(owner[second]));
      if (label2.size() == 10 && iequals_prefix(label2, "_domainkey")) {
        ask(owner, rrtype::TXT, purpose::dkim);
      } else if (r.type == rrtype::SRV && label2.size() == 4 && iequals_prefix(label2, "_tcp")) {
        follow_records(r.owner, r.type, r.rdata, purpose::srv);
      }
    }
  }
}

void Session::start_dmarc_walk(std::string_view domain) {
  for (const DmarcWalk& w : dmarc_walks_)
    if (names_equal(w.names.front().view(), domain)) return;
  DmarcWalk w;
  w.names = dmarc_tree_walk(domain);
  if (!w.names.empty()) dmarc_walks_.push_back(std::move(w));
}

void Session::ask_mail_name(std::string_view owner) {
  // Once a name (the zone may hold many MX records there); ask() keeps one
  // question per name and type and adds purposes to an earlier one.
  if (const Fact* f = find(owner, rrtype::MX); f && (f->purposes & purpose::apex)) return;
  if (mail_names_ >= kMaxMailNames) return;
  ++mail_names_;
  // As the apex's: the MX exchanges' addresses and TLSA follow, and an SPF
  // record's includes and redirects.
  ask(owner, rrtype::MX, purpose::apex);
  ask(owner, rrtype::TXT, purpose::spf);
}

// Between rounds: each walk reads the answers it has and asks its next
// name, until a record ends it (psd=y or psd=n, or the domain's own), its
// names run out, or a name has no usable answer.
void Session::step_dmarc_walks() {
  for (DmarcWalk& w : dmarc_walks_) {
    if (w.done) continue;
    std::vector<DmarcLookup> lookups;
    std::deque<std::string> texts;  // the lookups' views point here; a deque never moves its strings
    std::optional<size_t> waiting;
    for (size_t i = 0; i < w.names.size(); ++i) {
      WireName name;
      if (!prefixed_name({"_dmarc"}, w.names[i].view(), name)) {
        lookups.push_back({true, {}});  // too long to exist
        continue;
      }
      const Fact* f = find(name.view(), rrtype::TXT);
      // Through a CNAME chain the session followed in a later question.
      for (int hop = 0; f && hop < 8 && f->state == FactState::answered && f->records.empty() && f->chain_incomplete &&
                        !f->chain.empty();
           ++hop)
        f = find(f->chain.back().rdata, rrtype::TXT);
      if (!f || f->state == FactState::pending) {
        waiting = i;
        break;
      }
      DmarcLookup l;
      l.known = f->state == FactState::answered && !f->chain_incomplete;
      lookups.push_back(std::move(l));
      if (lookups.back().known) {
        const size_t first = texts.size();
        for (const ResourceRecord& r : f->records) texts.push_back(txt_strings_joined(r.rdata));
        for (size_t t = first; t < texts.size(); ++t) lookups.back().txts.push_back(texts[t]);
      }
    }
    const DmarcDiscovery d = discover_dmarc(lookups, w.names.size());
    if (d.state != DmarcDiscovery::State::incomplete) {
      w.done = true;
      continue;
    }
    const size_t next = waiting.value_or(lookups.size());
    WireName name;
    if (next < w.names.size() && prefixed_name({"_dmarc"}, w.names[next].view(), name) &&
        !find(name.view(), rrtype::TXT))
      ask(wire_view(name), rrtype::TXT, purpose::dmarc);
  }
}

void Session::hit(Budget budget, uint32_t limit, uint32_t skipped) {
  for (BudgetHit& h : budget_hits_)
    if (h.budget == budget) {
      h.skipped += skipped;
      return;
    }
  budget_hits_.push_back({budget, limit, skipped});
}

void Session::ask(std::string_view wire_name, uint16_t type, uint32_t purposes, uint32_t depth) {
  std::string key = fact_key(wire_name, type);
  if (auto it = index_.find(key); it != index_.end()) {
    Fact& f = facts_[it->second];
    uint32_t added = purposes & ~f.purposes;
    f.purposes |= purposes;
    // A question answered for one purpose may serve a new one: follow its
    // records for the purposes it did not have.
    if (added && f.state == FactState::answered)
      for (const ResourceRecord& r : f.records) follow_records(r.owner, r.type, r.rdata, added);
    return;
  }
  if (facts_.size() >= options_.limits.max_questions) {
    hit(Budget::questions, options_.limits.max_questions);
    return;
  }
  Fact& f = facts_.emplace_back();
  f.id = uint32_t(facts_.size() - 1);
  f.question.name.length = uint8_t(wire_name.size());
  std::memcpy(f.question.name.octets, wire_name.data(), wire_name.size());
  f.question.type = type;
  f.question.qclass = rrclass::IN;
  f.purposes = purposes;
  f.depth = depth;
  f.round = round_ + 1;
  wires_.push_back(encode_query(f.question.name, type, options_.query));
  index_.emplace(std::move(key), f.id);
  next_.push_back(f.id);
}

void Session::follow_records(const WireName& owner, uint16_t type, std::string_view rdata, uint32_t purposes) {
  using namespace rrtype;
  switch (type) {
    case MX: {
      std::string_view exchange = rdata_name(rdata, 2);
      // A null MX (RFC 7505) has the root as exchange: nothing to follow.
      if (exchange.size() <= 1) return;
      if (purposes & purpose::apex) {
        discover_mail_name(exchange);
        ask(exchange, A, purpose::mx_target);
        ask(exchange, AAAA, purpose::mx_target);
        WireName tlsa;  // DANE for SMTP (RFC 7672 §2.2)
        if (prefixed_name({"_25", "_tcp"}, exchange, tlsa)) ask(wire_view(tlsa), TLSA, purpose::tlsa);
      }
      if (purposes & purpose::spf_term) {
        ask(exchange, A, purpose::spf_term);
        ask(exchange, AAAA, purpose::spf_term);
      }
      return;
    }
    case SRV: {
      std::string_view target = rdata_name(rdata, 6);
      // "." means the service is decidedly not available (RFC 2782).
      if (target.size() <= 1 || !(purposes & purpose::srv)) return;
      discover_mail_name(target);
      ask(target, A, purpose::srv_target);
      ask(target, AAAA, purpose::srv_target);
      return;
    }
    case TXT: {
      std::string text = txt_strings_joined(rdata);
      if ((purposes & purpose::spf) && is_spf_record(text)) follow_spf(text, owner);
      // Where a domain's DMARC reports go may be a mail name of its own.
      if (discover_ && (purposes & purpose::dmarc) && iequals_prefix(text, "v=dmarc1")) {
        const DmarcRecord d = parse_dmarc(text);
        static const char kRoot[] = {0};
        for (const auto* list : {&d.rua, &d.ruf})
          for (const DmarcUri& u : *list) {
            WireName host;
            if (u.valid && !u.domain.empty() &&
                parse_name(u.domain, std::string_view(kRoot, 1), host) == NameError::none)
              discover_mail_name(wire_view(host));
          }
      }
      // An MTA-STS policy is fetched from https://mta-sts.<domain>/ (RFC 8461
      // §3.3): where the _mta-sts TXT announces one, that host's addresses.
      std::string_view o = owner.view();
      if ((purposes & purpose::policy) && uint8_t(o[0]) == 8 && iequals_prefix(o.substr(1, 8), "_mta-sts") &&
          iequals_prefix(text, "v=stsv1")) {
        WireName host;
        if (prefixed_name({"mta-sts"}, o.substr(9), host)) {
          ask(wire_view(host), A, purpose::policy);
          ask(wire_view(host), AAAA, purpose::policy);
        }
      }
      return;
    }
    case PTR: {
      // Forward-confirmed reverse DNS (RFC 8601 §3 "iprev"): the PTR's name
      // must lead back to the address, so its A (in-addr.arpa) or AAAA
      // (ip6.arpa) is asked too. Those answers ask nothing further.
      if (!(purposes & purpose::ptr)) return;
      std::string_view target = rdata_name(rdata, 0);
      if (target.size() <= 1) return;
      static constexpr char kIp6Arpa[] = "\3ip6\4arpa";  // its terminating NUL is the root label
      bool v6 = name_is_under(owner.view(), std::string_view(kIp6Arpa, sizeof kIp6Arpa));
      ask(target, v6 ? AAAA : A, purpose::ptr);
      return;
    }
    case A:
    case AAAA: {
      constexpr uint32_t kServes = purpose::apex | purpose::client_name | purpose::mx_target | purpose::srv_target;
      if (!options_.ask_ptr || !(purposes & kServes)) return;
      if (rdata.size() != (type == A ? 4u : 16u)) return;
      auto bytes = std::span(reinterpret_cast<const uint8_t*>(rdata.data()), rdata.size());
      // Only origin addresses: a proxy's PTR says nothing about the server.
      if (proxy_provider_for(bytes)) return;
      ask(wire_view(reverse_name(rdata)), PTR, purpose::ptr);
      return;
    }
    default: return;
  }
}

// Follows the terms of an SPF policy that cause DNS lookups (RFC 7208
// §4.6.4): include, a, mx, ptr, exists and redirect, as the SPF parser reads
// them. Each distinct term counts once against the lookup budget; one whose
// domain-spec RFC 7208 §12 refuses ("mx:", a second redirect=) is counted
// but not followed, and what the parser reads as no mechanism at all (a
// qualified modifier such as "+redirect=") is neither.
// A term the parser reports as never evaluated (a mechanism after "all", a
// redirect beside it: RFC 7208 §5.1, §6.1; spf-mechanisms-after-all and
// spf-redirect-ignored) is neither counted nor asked: its name would go to
// the resolver for nothing.
void Session::follow_spf(std::string_view policy, const WireName& owner) {
  const SpfRecord record = parse_spf(policy);
  for (const SpfTerm& t : record.terms) {
    if (!t.lookup || t.ignored) continue;
    // The term as written, without its qualifier: the de-duplication key.
    const std::string_view term =
        policy.substr(t.offset + (t.explicit_qualifier ? 1 : 0), t.length - (t.explicit_qualifier ? 1 : 0));
    std::string seen = fact_key(owner.view(), 0) + std::string(term);
    if (spf_terms_.count(seen)) continue;
    if (spf_lookups_ >= options_.limits.max_spf_lookups) {
      hit(Budget::spf_lookups, options_.limits.max_spf_lookups);
      continue;
    }
    spf_terms_.insert(std::move(seen));
    ++spf_lookups_;

    // ptr is counted but not followed (RFC 7208 §5.5: "SHOULD NOT be used");
    // macros (RFC 7208 §7) depend on the sender and cannot be expanded here.
    if (!t.valid || t.kind == SpfTermKind::ptr || t.has_macro) continue;
    WireName name;
    if (t.value.empty()) {
      name = owner;  // a and mx without a domain-spec: the policy's own domain
    } else {
      static const char kRoot[] = {0};
      if (parse_name(t.value, std::string_view(kRoot, 1), name) != NameError::none) continue;
    }
    if (!t.value.empty() && (t.kind == SpfTermKind::include || t.kind == SpfTermKind::redirect ||
                             t.kind == SpfTermKind::a || t.kind == SpfTermKind::mx))
      discover_mail_name(wire_view(name));
    switch (t.kind) {
      case SpfTermKind::include:
      case SpfTermKind::redirect: ask(wire_view(name), rrtype::TXT, purpose::spf); break;
      case SpfTermKind::mx: ask(wire_view(name), rrtype::MX, purpose::spf_term); break;
      case SpfTermKind::exists: ask(wire_view(name), rrtype::A, purpose::spf_term); break;
      case SpfTermKind::a:
        ask(wire_view(name), rrtype::A, purpose::spf_term);
        ask(wire_view(name), rrtype::AAAA, purpose::spf_term);
        break;
      default: break;
    }
  }
}

std::vector<PendingQuestion> Session::pending() const {
  std::vector<PendingQuestion> out;
  for (uint32_t id : current_)
    if (facts_[id].state == FactState::pending) out.push_back({id, &facts_[id].question, wires_[id]});
  return out;
}

bool Session::done() const { return error_ != SessionError::none || (outstanding_ == 0 && next_.empty()); }

namespace {
bool awaiting(const std::deque<Fact>& facts, uint32_t id, uint32_t round) {
  return id < facts.size() && facts[id].round == round && facts[id].state == FactState::pending && round > 0;
}
}  // namespace

bool Session::feed_wire(uint32_t id, std::string_view bytes) {
  if (!awaiting(facts_, id, round_)) return false;
  Message m;
  MessageError e{};
  if (!decode_message(bytes, m, e)) {
    fail(facts_[id], {UnknownCode::malformed, std::string(message_error_name(e))});
  } else {
    accept(facts_[id], m);
  }
  return true;
}

bool Session::feed_json(uint32_t id, std::string_view text) {
  if (!awaiting(facts_, id, round_)) return false;
  Message m;
  DohJsonProblem problem;
  if (!decode_doh_json(text, m, problem)) {
    UnknownReason reason{UnknownCode::malformed_json, std::string(doh_json_error_name(problem.error))};
    if (!problem.detail.empty()) reason.detail += " (" + problem.detail + ")";
    fail(facts_[id], std::move(reason));
  } else {
    accept(facts_[id], m);
  }
  return true;
}

bool Session::feed_failure(uint32_t id, FailureKind kind, std::string_view detail) {
  if (!awaiting(facts_, id, round_)) return false;
  fail(facts_[id], {unknown_code_of(kind), std::string(utf8_prefix(detail, 200))});
  return true;
}

void Session::accept(Fact& fact, const Message& m) {
  fact.extended_errors = m.edns ? m.edns->extended_errors : std::vector<ExtendedError>{};
  fact.comment = m.comment;
  fact.authenticated = m.has(dnsflag::AD);
  fact.authoritative = m.has(dnsflag::AA);
  fact.rcode = m.rcode;
  AnswerVerdict verdict = check_answer(m, fact.question.name, fact.question.type);
  if (verdict != AnswerVerdict::ok) {
    UnknownReason reason{unknown_code_of(verdict), {}};
    if (verdict == AnswerVerdict::other_rcode) reason.detail = rcode_name(m.rcode);
    fail(fact, std::move(reason));
    return;
  }
  // Asked as authoritative, a server that does not set AA does not serve
  // the zone: a referral to the child's servers (NS in the authority
  // section, no answer), or a lame or recursive server. What it says is not
  // what the zone holds.
  if (options_.authoritative && !fact.authoritative) {
    bool referral = m.answer.empty() && std::any_of(m.authority.begin(), m.authority.end(),
                                                    [](const ResourceRecord& r) { return r.type == rrtype::NS; });
    fail(fact, {UnknownCode::not_authoritative, referral ? "referral" : "no-aa"});
    return;
  }
  fact.state = FactState::answered;

  // Walk the CNAME chain from the question's name (RFC 1034 §3.6.2); keep
  // only records on it, so nothing unrelated in the answer is believed.
  const uint16_t qtype = fact.question.type;
  WireName at = fact.question.name;
  bool loop = false;
  if (qtype != rrtype::CNAME) {
    while (fact.chain.size() < options_.limits.max_cname_depth) {
      auto link = std::find_if(m.answer.begin(), m.answer.end(), [&](const ResourceRecord& r) {
        return r.type == rrtype::CNAME && r.rclass == rrclass::IN && names_equal(r.owner.view(), at.view());
      });
      if (link == m.answer.end()) break;
      fact.chain.push_back(*link);
      // A target seen before closes a loop (RFC 1034 §3.6.2 asks resolvers
      // to detect them): record the chain as it is and stop.
      loop = names_equal(link->rdata, wire_view(fact.question.name)) ||
             std::any_of(fact.chain.begin(), fact.chain.end() - 1,
                         [&](const ResourceRecord& r) { return names_equal(r.owner.view(), link->rdata); });
      if (loop || link->rdata.size() > kMaxNameLength) break;
      at.length = uint8_t(link->rdata.size());
      std::memcpy(at.octets, link->rdata.data(), link->rdata.size());
    }
  }
  const std::string_view current = at.view();
  uint32_t dropped = 0;
  for (const ResourceRecord& r : m.answer)
    if (r.type == qtype && r.rclass == rrclass::IN && names_equal(r.owner.view(), current)) {
      if (fact.records.size() < options_.limits.max_answer_records)
        fact.records.push_back(r);
      else
        ++dropped;
    }
  // The records past the cap are left out, and the report says how many.
  if (dropped) hit(Budget::answer_records, options_.limits.max_answer_records, dropped);
  if (fact.records.empty()) fact.negative_ttl = negative_ttl(m, current);

  // An authoritative server does not chase a CNAME out of its zone, and a
  // resolver may stop early: when the chain ends at a name this answer says
  // nothing about (no data, no SOA above it), that name is asked next.
  if (fact.records.empty() && !fact.chain.empty() && m.rcode == rcode::NOERROR) {
    bool negative = std::any_of(m.authority.begin(), m.authority.end(), [&](const ResourceRecord& r) {
      return r.type == rrtype::SOA && name_is_under(current, r.owner.view());
    });
    if (!negative && !loop) {
      fact.chain_incomplete = true;
      uint32_t depth = fact.depth + uint32_t(fact.chain.size());
      if (depth < options_.limits.max_cname_depth) {
        ask(current, qtype, fact.purposes, depth);
      } else {
        hit(Budget::cname_depth, options_.limits.max_cname_depth);
      }
    }
  }
  for (const ResourceRecord& r : fact.records) follow_records(r.owner, r.type, r.rdata, fact.purposes);
  settle(fact);
}

void Session::fail(Fact& fact, UnknownReason reason) {
  fact.state = FactState::unknown;
  fact.reason = std::move(reason);
  fact.chain.clear();
  fact.records.clear();
  fact.negative_ttl.reset();
  settle(fact);
}

void Session::settle(Fact&) {
  if (outstanding_ > 0) --outstanding_;
  if (outstanding_ == 0) {
    step_dmarc_walks();
    advance();
  }
}

void Session::advance() {
  if (next_.empty()) return;
  if (round_ >= options_.limits.max_rounds) {
    // Never asked: these facts stay unknown, with the budget as the reason.
    for (uint32_t id : next_) {
      facts_[id].state = FactState::unknown;
      facts_[id].reason = {UnknownCode::budget, std::string(budget_name(Budget::rounds))};
      hit(Budget::rounds, options_.limits.max_rounds);
    }
    next_.clear();
    return;
  }
  ++round_;
  current_ = std::move(next_);
  next_.clear();
  for (uint32_t id : current_) facts_[id].round = round_;
  outstanding_ = uint32_t(current_.size());
}

}  // namespace mxray
