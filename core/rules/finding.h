// What a rule reports: data only. Words for every rule and evidence code
// live in www/lib/messages.js, in English and Japanese.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dns/name.h"
#include "zone/zone.h"

namespace mxray {

enum class FindingSeverity : uint8_t { critical, warning, info };
std::string_view severity_name(FindingSeverity s);

// Every rule, in the order of the catalogue (catalogue.cpp), which holds
// each one's public id, severity, source and evidence codes.
enum class Rule : uint8_t {
  mx_target_proxied,
  mail_host_proxied,
  srv_target_proxied,
  service_host_proxied,
  mx_companion_record,
  mx_target_missing,
  mx_target_cname,
  mail_host_missing,
  proxy_mixed_records,
  origin_exposed,
  null_mx_conflict,
  spf_proxy_address,
  migration_record_lost,
  ns_not_delegated,
  proxy_state_differs,
  spf_missing,
  spf_invalid,
  spf_pass_all,
  spf_advice,
  dmarc_missing,
  dmarc_invalid,
  dmarc_advice,
  dmarc_wrong_name,
  dkim_invalid,
  dkim_advice,
  mta_sts_invalid,
  tlsrpt_invalid,
  tlsa_proxied,
  ptr_mismatch,
  auth_name_proxied,
};
// The rule's public id ("mx-target-proxied"), from the catalogue.
std::string_view rule_id(Rule r);

// A finding's rule: the enum, read as its public id wherever a string is
// wanted (reports, tests and users key on the id).
class RuleId {
 public:
  constexpr RuleId(Rule r) : rule_(r) {}
  constexpr Rule rule() const { return rule_; }
  std::string_view id() const { return rule_id(rule_); }
  operator std::string_view() const { return id(); }
  friend constexpr bool operator==(RuleId a, RuleId b) { return a.rule_ == b.rule_; }
  friend bool operator==(RuleId a, std::string_view id) { return a.id() == id; }

 private:
  Rule rule_;
};
std::ostream& operator<<(std::ostream& os, RuleId r);

// One step of the chain of evidence: a code and its parameters, e.g.
// {"cname", {{"from", "mail.club.example."}, {"to", "club.example."}, {"source", "zone"}, {"line", "14"}}}.
struct EvidenceStep {
  std::string_view code;
  std::vector<std::pair<std::string_view, std::string>> params;
};

// Why a finding carries no edit: X(identifier, stable name). It is the
// finding's last evidence step, {"no-edit", {{"reason", name}}}, so a
// finding always comes with its fix or with the reason there is none.
// Words for each live in www/lib (English and Japanese).
#define MXRAY_NO_EDIT_REASONS(X)              \
  X(record_content, "record-content")         \
  X(reverse_dns, "reverse-dns")               \
  X(registrar, "registrar")                   \
  X(follows_from_proxy, "follows-from-proxy") \
  X(zone_not_served, "zone-not-served")       \
  X(outside_zone, "outside-zone")             \
  X(apex_mx, "apex-mx")                       \
  X(alias_kept, "alias-kept")                 \
  X(mixed_unknown, "mixed-unknown")           \
  X(alias_no_address, "alias-no-address")

enum class NoEditReason : uint8_t {
#define MXRAY_X(id, name) id,
  MXRAY_NO_EDIT_REASONS(MXRAY_X)
#undef MXRAY_X
};
std::string_view no_edit_reason_name(NoEditReason why);

// A change to the uploaded zone that fixes a finding (applied by core/fix).
struct ZoneEdit {
  enum class Op : uint8_t {
    set_dns_only,  // turn the proxy off on an existing record
    replace,       // replace an existing record with a new one
    add,           // add a record
    remove,        // delete an existing record
  };
  Op op = Op::add;
  WireName owner;
  uint16_t type = 0;
  std::string rdata;        // presentation form; may hold a {placeholder}
  std::string placeholder;  // non-empty when the value is not known: "origin-ipv4"
  uint32_t ttl = 0;         // 0: keep the record's, or the zone's default
  Proxied proxied = Proxied::no;
  // The record changed or removed: its zone (Session::zones() index) and
  // its Zone::record() index, which identify it, and its file and first
  // line, which are for people (records may share a line: the Cloudflare
  // API's JSON comes on one). For an add, `zone` is the zone the record
  // goes into.
  bool has_record = false;
  uint32_t zone = 0, record = 0, file = 0, line = 0;
  void at_record(uint32_t zone_index, uint32_t record_index, uint32_t file_index, uint32_t first_line) {
    has_record = true;
    zone = zone_index;
    record = record_index;
    file = file_index;
    line = first_line;
  }
  // An edit of what live DNS serves, with no zone given: there is no record
  // of a file to point at, so the edit is said in the DNS panel's terms
  // (www/lib/report-text.js). For set-dns-only, `rdata` is empty: the
  // panel's content hides behind the proxy's addresses.
  bool live = false;
  // Names whose way to the proxy this edit works around (an SPF term's
  // target, say). When other edits of the fix take every one of them off
  // the proxy, this edit is not needed, and the merge drops it ("moot").
  std::vector<WireName> moot_once_direct;
};
std::string_view edit_op_name(ZoneEdit::Op op);

// Made by make_finding() (catalogue.h), which takes the rule's id and
// severity from the catalogue.
struct Finding {
  RuleId rule;
  FindingSeverity severity = FindingSeverity::warning;
  std::vector<std::string> names;  // absolute, lower-case, trailing dot
  std::vector<EvidenceStep> evidence;
  std::vector<ZoneEdit> edits;
};

// Ends `f`'s evidence with the reason it carries no edit.
void say_no_edit(Finding& f, NoEditReason why);

}  // namespace mxray
