// The sans-I/O query loop. A Session decides which DNS questions tell how
// the world reaches a domain's mail, hands them out a round at a time, and
// takes the answers the shell fetched (DoH wire or JSON) or the reasons it
// could not. It never touches the network or the clock.
//
//   Session s(domain, options, zones);
//   while (!s.done()) {
//     for (const Question& q : s.pending()) ... fetch q.wire ...
//     s.feed_wire(id, bytes) / s.feed_json(id, text) / s.feed_failure(id, ...)
//   }
//   ... s.facts() ...
//
// All questions whose names are known go out in one round; a later round
// exists only for names an answer revealed (an MX exchange, a CNAME target,
// an SRV target, an SPF include, the PTR of an origin address). Budgets on
// questions, rounds, CNAME depth, SPF lookups and records kept per answer are
// explicit, and each one that is hit is recorded (docs/limits.md).
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "dns/message.h"
#include "zone/zone.h"

namespace mxray {

struct SessionLimits {
  uint32_t max_questions = 400;
  uint32_t max_rounds = 8;
  uint32_t max_cname_depth = 8;  // links followed from one question
  // RFC 7208 §4.6.4 allows 10 DNS-querying SPF terms; one more is followed so
  // the rules can tell the limit was passed.
  uint32_t max_spf_lookups = 11;
  uint32_t max_answer_records = 256;  // records of the asked type kept per answer; the rest are counted
};

struct SessionOptions {
  bool live = true;  // false: an offline check, nothing is asked
  QueryOptions query;
  SessionLimits limits;
  std::vector<std::string> dkim_selectors;  // asked besides the zone's and the common ones
  bool ask_ptr = true;                      // PTR of origin (non-proxy) addresses
};

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
// of an address given as its 4 or 16 octets: the owner of its PTR.
WireName reverse_name(std::string_view address);

enum class FactState : uint8_t {
  pending,   // asked, no answer yet
  answered,  // the resolver answered NOERROR (records or none) or NXDOMAIN
  unknown,   // no usable answer: `reason` says why; never read as "absent"
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
  std::string reason;          // when unknown: "timeout: ...", "servfail", "malformed: bad-pointer" ...
  std::vector<ExtendedError> extended_errors;
  std::string comment;  // DoH JSON Comment
  // The CNAME links from the question's name, in order, then the RRset of
  // the asked type at the chain's end. Records off that chain are dropped.
  std::vector<ResourceRecord> chain;
  std::vector<ResourceRecord> records;
  bool chain_incomplete = false;  // ended at a CNAME target not in this answer
};

// A question of the current round, ready to send.
struct PendingQuestion {
  uint32_t id;
  const Question* question;
  std::string_view wire;  // RFC 8484 query; valid until the next feed_*()
};

enum class FailureKind : uint8_t { timeout, http, network, content_type };
std::string_view failure_kind_name(FailureKind k);

// A budget that stopped the session from asking something.
struct BudgetHit {
  std::string_view budget;  // "questions", "rounds", "cname-depth", "spf-lookups", "answer-records"
  uint32_t limit = 0;
  uint32_t skipped = 0;  // questions not asked because of it (answer-records: records left out)
};

// Every code that starts the `reason` of an unknown fact ("timeout",
// "server-failure", "malformed", "budget", ...), for the message catalogues.
std::vector<std::string_view> unknown_reason_codes();
// The budgets a BudgetHit can name, and the model's "mail-names" (MX and
// SRV targets left out), which the report lists with them.
std::span<const std::string_view> budget_names();

enum class SessionError : uint8_t { none, bad_domain, no_domain };
std::string_view session_error_name(SessionError e);

class Session {
 public:
  // `domain` in presentation form; empty means the first zone's apex.
  // Zones are shared, read-only, and kept for the rules.
  Session(std::string_view domain, SessionOptions options, std::vector<std::shared_ptr<const Zone>> zones = {});

  SessionError error() const { return error_; }
  const WireName& domain() const { return domain_; }

  // The questions of the current round that have no answer yet. Call after
  // construction and after feeding; fetch them all, feed each result.
  std::vector<PendingQuestion> pending() const;
  // 1-based; 0 when nothing was ever asked (an offline check).
  uint32_t round() const { return round_; }
  // True once no question is pending and no further round will come.
  bool done() const;

  // Inputs. Each returns false (and changes nothing) when `id` is not a
  // question of the current round still waiting for its answer.
  bool feed_wire(uint32_t id, std::string_view bytes);
  bool feed_json(uint32_t id, std::string_view text);
  bool feed_failure(uint32_t id, FailureKind kind, std::string_view detail);

  // Outputs, complete once done().
  const std::deque<Fact>& facts() const { return facts_; }
  const std::vector<BudgetHit>& budget_hits() const { return budget_hits_; }
  const std::vector<std::shared_ptr<const Zone>>& zones() const { return zones_; }
  uint32_t spf_lookups() const { return spf_lookups_; }
  // The fact for (name, type), or nullptr when it was never asked.
  const Fact* find(std::string_view wire_name, uint16_t type) const;

 private:
  void seed();
  void seed_from_zone(const Zone& zone);
  // Adds a question for the next round; merges purposes into an existing one.
  void ask(std::string_view wire_name, uint16_t type, uint32_t purposes, uint32_t depth = 0);
  void ask_name_text(std::string_view text, uint16_t type, uint32_t purposes);
  void follow_records(const WireName& owner, uint16_t type, std::string_view rdata, uint32_t purposes);
  void follow_spf(std::string_view policy, const WireName& owner);
  void accept(Fact& fact, const Message& message);
  void fail(Fact& fact, std::string reason);
  void settle(Fact& fact);
  void advance();
  void hit(std::string_view budget, uint32_t limit, uint32_t skipped = 1);

  SessionOptions options_;
  std::vector<std::shared_ptr<const Zone>> zones_;
  WireName domain_;
  SessionError error_ = SessionError::none;
  std::deque<Fact> facts_;                           // a deque: references stay valid while questions are added
  std::vector<std::string> wires_;                   // query bytes, by fact id
  std::unordered_map<std::string, uint32_t> index_;  // lowercased wire name + type -> fact id
  std::vector<uint32_t> current_, next_;
  uint32_t round_ = 0;
  uint32_t outstanding_ = 0;
  uint32_t spf_lookups_ = 0;
  std::unordered_set<std::string> spf_terms_;  // lookups counted once each
  std::vector<BudgetHit> budget_hits_;
};

}  // namespace mxray
