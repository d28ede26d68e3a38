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
// an SRV target, an SPF include, the PTR of an origin address (ask_ptr), the next
// name of a DMARC tree walk (RFC 9989 §4.10)). Budgets on
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
#include "doh/facts.h"
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

// RFC 8467 §4.1 recommends block-length padding, queries padded to the
// closest multiple of 128 octets with the EDNS(0) Padding option (RFC 7830),
// so that an observer of the encrypted DoH stream cannot tell the names
// asked by their length (docs/sources.md#dns-padding).
inline constexpr uint16_t kQueryPaddingBlock = 128;

struct SessionOptions {
  bool live = true;                                         // false: an offline check, nothing is asked
  QueryOptions query{.padding_block = kQueryPaddingBlock};  // padding_block 0: unpadded
  SessionLimits limits;
  std::vector<std::string> dkim_selectors;  // asked besides the zone's and the common ones
  // The PTR of an origin (non-proxy) address: it tells the public resolver
  // which address the mail server has, which the proxy may be there to
  // hide, so it is asked only when the person chose so.
  bool ask_ptr = false;
  // The questions go to a name server asked as authoritative for the domain
  // (the shell sends them over UDP/TCP, RFC 1035 §4.2): RD is off, and an
  // answer without the AA bit (a referral, a lame server) makes the fact
  // unknown ("not-authoritative"), never an answer.
  bool authoritative = false;
};

// A question of the current round, ready to send.
struct PendingQuestion {
  uint32_t id;
  const Question* question;
  std::string_view wire;  // RFC 8484 query; valid until the next feed_*()
};

class Session : public FactStore {
 public:
  // `domain` in presentation form; empty means the first zone's apex.
  // Zones are shared, read-only, and kept for the rules.
  Session(std::string_view domain, SessionOptions options, std::vector<std::shared_ptr<const Zone>> zones = {});

  // The questions of the current round that have no answer yet. Call after
  // construction and after feeding; fetch them all, feed each result.
  std::vector<PendingQuestion> pending() const;
  // True once no question is pending and no further round will come.
  bool done() const;

  // Inputs. Each returns false (and changes nothing) when `id` is not a
  // question of the current round still waiting for its answer.
  bool feed_wire(uint32_t id, std::string_view bytes);
  bool feed_json(uint32_t id, std::string_view text);
  bool feed_failure(uint32_t id, FailureKind kind, std::string_view detail);

  // The outputs, complete once done(), are the FactStore's: facts(), find(), budget_hits() ...

 private:
  void seed();
  void seed_from_zone(const Zone& zone);
  // Adds a question for the next round; merges purposes into an existing one.
  void ask(std::string_view wire_name, uint16_t type, uint32_t purposes, uint32_t depth = 0);
  void ask_name_text(std::string_view text, uint16_t type, uint32_t purposes);
  void follow_records(const WireName& owner, uint16_t type, std::string_view rdata, uint32_t purposes);
  void follow_spf(std::string_view policy, const WireName& owner);
  void accept(Fact& fact, const Message& message);
  void fail(Fact& fact, UnknownReason reason);
  void settle(Fact& fact);
  void advance();
  void hit(Budget budget, uint32_t limit, uint32_t skipped = 1);
  // DMARC policy discovery by the DNS Tree Walk (RFC 9989 §4.10.1), one
  // name a round, never by a public suffix list.
  void start_dmarc_walk(std::string_view domain);
  void step_dmarc_walks();
  // A name below the domain that the zone shows receiving or sending mail
  // (an MX or an SPF owner): live, its MX and TXT are asked too, so that
  // the MX and SPF rules read what resolvers serve for it. At most
  // kMaxMailNames names; every question within max_questions.
  void ask_mail_name(std::string_view owner);
  static constexpr uint32_t kMaxMailNames = 32;
  uint32_t mail_names_ = 0;
  // A live check with no zone: a name below the domain that an answer
  // reveals (an MX exchange, an SRV target, an SPF include/redirect/a:/mx:
  // name, a DMARC report address's domain) or one of kCommonSendingNames
  // gets its MX and TXT asked as ask_mail_name does (docs/limits.md).
  void discover_mail_name(std::string_view name);
  bool discover_ = false;

  SessionOptions options_;
  std::vector<std::string> wires_;  // query bytes, by fact id
  std::vector<uint32_t> current_, next_;
  uint32_t outstanding_ = 0;
  std::unordered_set<std::string> spf_terms_;  // lookups counted once each
  struct DmarcWalk {
    std::vector<WireName> names;  // dmarc_tree_walk(domain)
    bool done = false;
  };
  std::vector<DmarcWalk> dmarc_walks_;
};

}  // namespace mxray
