// The offline batch's per-zone work natively, step by step, for profiling
// (perf record) and for timing each step: N copies of a zone (the bundled
// cPanel-size example by default), each renamed as tests/bench/batch.mjs
// names them, read, checked offline and summarised through the calls the
// wasm ZoneBatch makes (wasm/session_bindings.cpp).
//
//   build/native/tests/bench/mxray-batch-bench [--zones N] [--zone FILE]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "report/analysis.h"
#include "report/verdict.h"
#include "session/session.h"
#include "session/session_json.h"
#include "zone/parser.h"

using namespace mxray;
using clock_type = std::chrono::steady_clock;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

double ms_since(clock_type::time_point t) {
  return std::chrono::duration<double, std::milli>(clock_type::now() - t).count();
}

}  // namespace

int main(int argc, char** argv) {
  int zones = 3000;
  std::string example = std::string(MXRAY_SOURCE_DIR) + "/examples/club-cloudflare-export.txt";
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--zones")
      zones = std::atoi(argv[i + 1]);
    else if (flag == "--zone")
      example = argv[i + 1];
  }
  const std::string text = read_file(example);
  std::vector<std::string> texts, domains;
  for (int i = 1; i <= zones; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "club-%05d.example", i);
    texts.push_back(replace_all(text, "club.example", name));
    domains.push_back(name);
  }
  const SessionOptions session_options = session_options_from_json(R"({"live":false})");
  AnalysisOptions options;
  options.model.panel = "auto";
  options.fix = false;  // as ZoneBatch (wasm/session_bindings.cpp)
  options.model.explain = false;
  double parse = 0, session = 0, analysis = 0, summary = 0;
  uint64_t check = 0;
  const auto start = clock_type::now();
  for (int i = 0; i < zones; ++i) {
    auto t = clock_type::now();
    auto zone = std::make_shared<Zone>();
    {
      ParseOptions po;
      ZoneParser parser(*zone, "zone.txt", po);
      parser.feed(texts[i]);
      parser.finish();
    }
    parse += ms_since(t);
    t = clock_type::now();
    const Session s(domains[i], session_options, {zone});
    session += ms_since(t);
    t = clock_type::now();
    const Analysis a(s, options);
    analysis += ms_since(t);
    t = clock_type::now();
    AnalysisSummary sum = summarise(a);
    check += sum.critical + sum.rules.size() + uint64_t(verdict_of(a).state);
    summary += ms_since(t);
  }
  const double total = ms_since(start);
  std::printf("%d zones in %.1f ms: %.0f zones/s on one core (check %llu)\n", zones, total, zones / total * 1000,
              static_cast<unsigned long long>(check));
  std::printf("per zone, us: parse %.1f, session %.1f, analysis %.1f, summary %.1f\n", parse / zones * 1000,
              session / zones * 1000, analysis / zones * 1000, summary / zones * 1000);
  return 0;
}
