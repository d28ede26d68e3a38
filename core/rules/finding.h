// What a rule reports: data only. Words for every rule and evidence code
// live in www/lib/messages.js, in English and Japanese.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dns/name.h"
#include "zone/zone.h"

namespace mxray {

enum class FindingSeverity : uint8_t { critical, warning, info };
std::string_view severity_name(FindingSeverity s);

// One step of the chain of evidence: a code and its parameters, e.g.
// {"cname", {{"from", "mail.club.example."}, {"to", "club.example."}, {"source", "zone"}, {"line", "14"}}}.
struct EvidenceStep {
  std::string_view code;
  std::vector<std::pair<std::string_view, std::string>> params;
};

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
  // Names whose way to the proxy this edit works around (an SPF term's
  // target, say). When other edits of the fix take every one of them off
  // the proxy, this edit is not needed, and the merge drops it ("moot").
  std::vector<WireName> moot_once_direct;
};
std::string_view edit_op_name(ZoneEdit::Op op);

struct Finding {
  std::string_view rule;
  FindingSeverity severity = FindingSeverity::warning;
  std::vector<std::string> names;  // absolute, lower-case, trailing dot
  std::vector<EvidenceStep> evidence;
  std::vector<ZoneEdit> edits;
};

}  // namespace mxray
