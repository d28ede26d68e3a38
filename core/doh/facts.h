// What was asked and what came back: the facts a Session learnt about a
// domain, in a read-only store. The Session (core/session) fills it; the
// model, its paths and panels, and the rules read it and nothing else of
// the query loop, so neither layer includes the other.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dns/message.h"
#include "doh/answer.h"
#include "zone/zone.h"

namespace mxray {

// Why a question was asked; a question may serve several purposes.
namespace purpose {
inline constexpr uint32_t apex = 1u << 0,  // SOA, NS, MX, TXT, A, AAAA, CAA of the domain
    dmarc = 1u << 1,                       // _dmarc TXT
    client_name = 1u << 2,                 // mail., smtp., imap., webmail., cpanel. ...
    srv = 1u << 3,                         // _submission._tcp and the other mail SRV names
    mx_target = 1u << 4,                   // addresses of an MX exchange
    srv_target = 1u << 5,                  // addresses of an SRV target
    spf = 1u << 6,                         // TXT holding an SPF policy (apex, include, redirect)
    spf_term = 1u << 7,                    // a:, mx:, exists: targets of SPF
    dkim = 1u << 8,                        // <selector>._domainkey TXT
    policy = 1u << 9,                      // _mta-sts, _smtp._tls, default._bimi
    tlsa = 1u << 10,                       // _25._tcp.<MX exchange> TLSA (RFC 7672)
    ptr = 1u << 11;                        // reverse name of an origin address
}
// Names for the bits above, lowest first ("apex", "dmarc", ...).
std::span<const std::string_view> purpose_names();

// The RFC 1035 §3.5 / RFC 3596 §2.5 reverse name (in-addr.arpa, ip6.arpa)
// of an address given as its 4 or 16 octets: the owner of its PTR, as the
// Session asks it and the rules look it up.
WireName reverse_name(std::string_view address);

enum class FactState : uint8_t {
  pending,   // asked, no answer yet
  answered,  // the resolver answered NOERROR (records or none) or NXDOMAIN
  unknown,   // no usable answer: `reason` says why; never read as "absent"
};

// How a question the shell fetched failed before any DNS answer came.
enum class FailureKind : uint8_t { timeout, http, network, content_type };
std::string_view failure_kind_name(FailureKind k);

// Why a fact is unknown: what failed, from the shell (FailureKind), from
// checking the answer (AnswerVerdict), from decoding it, or a budget.
enum class UnknownCode : uint8_t {
  timeout,  // FailureKind, in its order
  http,
  network,
  content_type,
  no_question,  // AnswerVerdict, in its order
  wrong_question,
  truncated,
  server_failure,
  refused,
  other_rcode,     // detail: the RCODE's name
  malformed,       // detail: the MessageError's name
  malformed_json,  // detail: the DohJsonError's name, then its detail in parentheses
  budget,          // detail: the budget's name ("rounds")
  // An answer from a server asked as authoritative without the AA bit
  // (RFC 1035 §4.1.1); detail: "referral" or "no-aa".
  not_authoritative,
};
std::string_view unknown_code_name(UnknownCode c);  // "timeout", ..., "malformed-json", "budget"
UnknownCode unknown_code_of(FailureKind k);
// `v` is not AnswerVerdict::ok.
UnknownCode unknown_code_of(AnswerVerdict v);

struct UnknownReason {
  UnknownCode code = UnknownCode::budget;
  std::string detail;  // a parameter for the message, may be empty: "no answer in 5000 ms", "bad-pointer"
  // "code: detail", or "code" when there is no detail: a route's reason.
  std::string text() const;
};

// Everything learnt from one question.
struct Fact {
  uint32_t id = 0;
  Question question;
  uint32_t round = 0;
  uint32_t purposes = 0;
  uint32_t depth = 0;  // CNAME links behind this question (0: asked directly)
  FactState state = FactState::pending;
  uint16_t rcode = 0;          // when answered
  bool authenticated = false;  // AD bit
  bool authoritative = false;  // AA bit (RFC 1035 §4.1.1): the answer came from the zone's own server
  UnknownReason reason;        // when unknown
  std::vector<ExtendedError> extended_errors;
  std::string comment;  // DoH JSON Comment
  // The CNAME links from the question's name, in order, then the RRset of
  // the asked type at the chain's end. Records off that chain are dropped.
  std::vector<ResourceRecord> chain;
  std::vector<ResourceRecord> records;
  bool chain_incomplete = false;  // ended at a CNAME target not in this answer
  // An answered question with no record at the chain's end (NXDOMAIN or
  // NODATA) whose authority section holds the zone's SOA: the seconds the
  // "no such record" may stay cached, or is left in a resolver's cache
  // (negative_ttl() in doh/answer.h, RFC 2308 §5). Unset without the SOA.
  std::optional<uint32_t> negative_ttl;
};

// The budgets of a check (docs/limits.md): the Session's, and the model's
// mail-names (MX and SRV targets left out, ModelOptions::max_record_names)
// and zone-records (ModelOptions::max_records_per_set), which the report
// lists with them.
enum class Budget : uint8_t {
  questions,
  rounds,
  cname_depth,
  spf_lookups,
  answer_records,
  mail_names,
  zone_records,
};
std::string_view budget_name(Budget b);  // "questions", "rounds", "cname-depth", ...

// A budget that stopped the session from asking something.
struct BudgetHit {
  Budget budget = Budget::questions;
  uint32_t limit = 0;
  uint32_t skipped = 0;  // questions not asked because of it (answer-records: records left out)
};

// Every UnknownCode's name and every Budget's name, in declaration order,
// for the message catalogues.
std::span<const std::string_view> unknown_reason_codes();
std::span<const std::string_view> budget_names();

enum class SessionError : uint8_t { none, bad_domain, no_domain };
std::string_view session_error_name(SessionError e);

// The facts of one check, read-only. A Session is one (it derives from it
// and fills it); everything above the query loop takes it as this.
class FactStore {
 public:
  SessionError error() const { return error_; }
  const WireName& domain() const { return domain_; }
  // 1-based; 0 when nothing was ever asked (an offline check).
  uint32_t round() const { return round_; }
  // Complete once the Session is done().
  const std::deque<Fact>& facts() const { return facts_; }
  const std::vector<BudgetHit>& budget_hits() const { return budget_hits_; }
  // The uploaded zones, shared and read-only, in the order given.
  const std::vector<std::shared_ptr<const Zone>>& zones() const { return zones_; }
  // Distinct SPF terms that cost a DNS lookup (RFC 7208 §4.6.4), over all policies followed.
  uint32_t spf_lookups() const { return spf_lookups_; }
  // The fact for (name, type), or nullptr when it was never asked.
  const Fact* find(std::string_view wire_name, uint16_t type) const;

 protected:
  explicit FactStore(std::vector<std::shared_ptr<const Zone>> zones) : zones_(std::move(zones)) {}
  // Lowercased wire name plus type: the key of `index_`.
  static std::string fact_key(std::string_view wire_name, uint16_t type);

  std::vector<std::shared_ptr<const Zone>> zones_;
  WireName domain_;
  SessionError error_ = SessionError::none;
  std::deque<Fact> facts_;                           // a deque: references stay valid while questions are added
  std::unordered_map<std::string, uint32_t> index_;  // fact_key() -> fact id
  uint32_t round_ = 0;
  uint32_t spf_lookups_ = 0;
  std::vector<BudgetHit> budget_hits_;
};

}  // namespace mxray
