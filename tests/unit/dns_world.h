// A simulated resolver in memory for driving a Session in tests: a list of
// records that it answers from as a recursive resolver would (CNAMEs chased,
// NXDOMAIN for names it has nothing at or below), in the DoH JSON format.
// Names listed in `failures` are answered with a failure instead, and names in
// `stop_chain` get only the CNAME, as an authoritative server out of zone does.
#pragma once

#include <doctest/doctest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "dns/name.h"
#include "dns/types.h"
#include "session/session.h"

namespace mxray::test {

// A name in wire form from its absolute presentation form.
inline WireName wire(std::string_view text) {
  WireName n;
  static const char kRoot[] = {0};
  REQUIRE(parse_name(text, std::string_view(kRoot, 1), n) == NameError::none);
  return n;
}

// The Session's fact for (name, type), or null when it never asked.
inline const Fact* fact(const Session& s, std::string_view name, uint16_t type) {
  return s.find(wire(name).view(), type);
}

struct WorldRecord {
  std::string name;  // absolute, lowercase
  std::string type;
  std::string data;
};

struct DnsWorld {
  std::vector<WorldRecord> records;
  std::map<std::string, std::string> failures;  // "name TYPE" -> "timeout", "servfail", ...
  std::set<std::string> stop_chain;             // CNAME owners answered without chasing
  std::vector<std::string> asked;               // "name TYPE", in the order asked

  static std::string lower(std::string s) {
    for (char& c : s)
      if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    return s;
  }

  bool exists(const std::string& name) const {
    for (const WorldRecord& r : records)
      if (r.name == name ||
          (r.name.size() > name.size() && r.name.compare(r.name.size() - name.size(), name.size(), name) == 0 &&
           r.name[r.name.size() - name.size() - 1] == '.'))
        return true;
    return false;
  }

  std::string answer_json(const std::string& qname, const std::string& qtype) const {
    nlohmann::json answer = nlohmann::json::array();
    std::string name = qname;
    bool found = exists(name);
    for (int hops = 0; hops < 16; ++hops) {
      bool followed = false;
      for (const WorldRecord& r : records)
        if (r.name == name && r.type == qtype)
          answer.push_back({{"name", r.name}, {"type", *parse_type_name(r.type)}, {"TTL", 300}, {"data", r.data}});
      if (!answer.empty() && answer.back()["type"] == *parse_type_name(qtype)) break;
      for (const WorldRecord& r : records)
        if (r.name == name && r.type == "CNAME" && qtype != "CNAME") {
          answer.push_back({{"name", r.name}, {"type", 5}, {"TTL", 300}, {"data", r.data}});
          name = lower(r.data);
          followed = true;
          break;
        }
      if (!followed || stop_chain.count(answer.back()["name"].get<std::string>())) break;
      found = exists(name);
    }
    nlohmann::json j = {{"Status", found || !answer.empty() ? 0 : 3},
                        {"TC", false},
                        {"RD", true},
                        {"RA", true},
                        {"AD", false},
                        {"CD", false},
                        {"Question", {{{"name", qname}, {"type", *parse_type_name(qtype)}}}}};
    if (!answer.empty()) j["Answer"] = answer;
    return j.dump();
  }

  // Answers every pending question of the current round; returns how many.
  size_t answer_round(Session& s) {
    size_t n = 0;
    for (const PendingQuestion& p : s.pending()) {
      std::string name = lower(name_text(p.question->name.view()));
      std::string type = type_name(p.question->type);
      asked.push_back(name + " " + type);
      auto f = failures.find(name + " " + type);
      if (f != failures.end()) {
        if (f->second == "timeout") {
          CHECK(s.feed_failure(p.id, FailureKind::timeout, "no answer in 5000 ms"));
        } else {
          CHECK(s.feed_json(p.id, f->second));
        }
      } else {
        CHECK(s.feed_json(p.id, answer_json(name, type)));
      }
      ++n;
    }
    return n;
  }

  // Runs the session to the end; returns the number of rounds it took.
  uint32_t run(Session& s, uint32_t bound = 64) {
    for (uint32_t i = 0; i < bound && !s.done(); ++i)
      if (answer_round(s) == 0) break;
    return s.round();
  }
};

}  // namespace mxray::test
