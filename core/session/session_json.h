// The Session's facts as JSON, for the shells and the tests. The report
// document (core/report) embeds this as its "dns" part.
#pragma once

#include <nlohmann/json.hpp>

#include "session/session.h"

namespace mxray {

// {domain, rounds, questions, done, spf_lookups, budget_hits[], facts[]}; each
// fact: {id, name, type, round, purposes[], depth, state, rcode, reason,
// authenticated, ede[], comment, chain[], records[], chain_incomplete,
// negative_ttl (seconds, only for a negative answer with its zone's SOA)}.
nlohmann::json session_to_json(const Session& session);

// Field names of one fact, to keep the JS side and docs in step.
nlohmann::json fact_to_json(const Fact& fact);

// The options a shell gives a Session, as JSON: {"live", "dnssec_ok",
// "ask_ptr" (default false), "padding" (default true: queries padded to
// blocks of 128 octets, RFC 8467 §4.1) (booleans), "dkim_selectors" (strings), "limits": {"max_questions",
// "max_rounds", "max_cname_depth", "max_spf_lookups", "max_answer_records"}}.
// Anything else, a value of the wrong type, a limit over kMaxShellLimit and
// the selectors after the first kMaxShellSelectors are ignored: the defaults
// stand (docs/limits.md row 31). Text that is not a JSON object gives them all.
inline constexpr uint64_t kMaxShellLimit = 100000;
inline constexpr size_t kMaxShellSelectors = 32;
SessionOptions session_options_from_json(std::string_view text);

// Every code a fact or a session can carry, for the message catalogues:
// {purposes, reasons, budgets, errors}.
nlohmann::json session_codes_json();

}  // namespace mxray
