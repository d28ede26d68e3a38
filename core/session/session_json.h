// The Session's facts as JSON, for the shells and the tests. The report
// document (core/report) embeds this as its "dns" part.
#pragma once

#include <nlohmann/json.hpp>

#include "session/session.h"

namespace mxray {

// {domain, rounds, questions, done, spfLookups, budgetHits[], facts[]}; each
// fact: {id, name, type, round, purposes[], depth, state, rcode, reason,
// authenticated, ede[], comment, chain[], records[], chainIncomplete}.
nlohmann::json session_to_json(const Session& session);

// Field names of one fact, to keep the JS side and docs in step.
nlohmann::json fact_to_json(const Fact& fact);

}  // namespace mxray
