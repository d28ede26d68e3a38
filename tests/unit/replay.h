// Replays a scenario's recorded answers (tests/scenarios/<name>/answers.json,
// written by tests/resolver/record.mjs from the real local resolver) through
// a Session. The JS twin is tests/scenarios/lib/replay.mjs.
#pragma once

#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "dns/name.h"
#include "dns/types.h"
#include "hex.h"
#include "session/session.h"

namespace mxray::test {

inline nlohmann::json read_json_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in, "cannot open " << path);
  std::stringstream ss;
  ss << in.rdbuf();
  nlohmann::json j = nlohmann::json::parse(ss.str(), nullptr, false);
  REQUIRE_MESSAGE(!j.is_discarded(), path << " is not JSON");
  return j;
}

struct ReplayResult {
  uint32_t rounds = 0;
  size_t questions = 0;
  std::vector<std::string> missing;  // asked but not recorded
};

inline std::string replay_key(const Question& q) {
  std::string key = name_text(q.name.view());
  for (char& c : key)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return key + " " + type_name(q.type);
}

inline ReplayResult replay(Session& s, const nlohmann::json& recording) {
  ReplayResult r;
  const nlohmann::json& answers = recording["answers"];
  for (int i = 0; i < 64 && !s.done(); ++i) {
    auto round = s.pending();
    if (round.empty()) break;
    for (const PendingQuestion& p : round) {
      ++r.questions;
      std::string key = replay_key(*p.question);
      auto it = answers.find(key);
      if (it == answers.end()) {
        r.missing.push_back(key);
        s.feed_failure(p.id, FailureKind::network, "not recorded");
      } else if (it->contains("wire")) {
        s.feed_wire(p.id, from_hex((*it)["wire"].get<std::string>()));
      } else if (it->contains("json")) {
        s.feed_json(p.id, (*it)["json"].get<std::string>());
      } else {
        std::string kind = (*it)["failure"].get<std::string>();
        FailureKind k = kind == "timeout"        ? FailureKind::timeout
                        : kind == "http"         ? FailureKind::http
                        : kind == "content-type" ? FailureKind::content_type
                                                 : FailureKind::network;
        s.feed_failure(p.id, k, it->value("detail", ""));
      }
    }
  }
  r.rounds = s.round();
  return r;
}

}  // namespace mxray::test
