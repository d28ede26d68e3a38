// A search for super-linear cost over the core's inputs: for each family of
// input (zones, $INCLUDE, Cloudflare API JSON, DoH answers, fix edits), the
// core's work on inputs of size n, 2n and 4n, each in a process of its own
// (fork), and the ratio of each size's time and peak memory to the size
// before. Linear work gives about 2; a ratio near 4 is quadratic. It prints
// ratios, it does not fail: the figures are in tests/bench/README.md and the
// families and sizes in docs/limits.md.
//
//   build/native/tests/bench/mxray-scaling-bench [--runs K] [--only FAMILY[,FAMILY...]] [--scale S]
//
// K runs per size (default 3), the fastest kept (noise on a shared machine
// only ever adds time). --scale multiplies every size (default 1).
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dns/json_text.h"
#include "dns/message.h"
#include "doh/json.h"
#include "report/analysis.h"
#include "report/report.h"
#include "session/session.h"
#include "session/session_json.h"
#include "zone/cloudflare_json.h"
#include "zone/parser.h"
#include "zone/zone_text.h"

using namespace mxray;
using clock_type = std::chrono::steady_clock;

namespace {

// Keeps the compiler from dropping work whose result nothing reads.
volatile uint64_t g_sink = 0;

// ------------------------------------------------------------ the inputs

// A zone of n records: per name an address, a text, and every eighth name
// an MX and a CNAME, under a proxied apex (a Cloudflare export).
std::string zone_text(size_t n) {
  std::string z = ";; Domain:     bench.test.\n$ORIGIN bench.test.\n$TTL 300\n@ IN SOA ns1 root 1 2 3 4 5\n";
  z += "@ IN A 203.0.113.10 ; cf_tags=cf-proxied:true\n@ IN MX 10 mail\n";
  z += "mail IN A 203.0.113.10 ; cf_tags=cf-proxied:false\n";
  char line[160];
  for (size_t i = 0; i < n; ++i) {
    switch (i % 4) {
      case 0:
        std::snprintf(line, sizeof line, "h%zu IN A 192.0.%zu.%zu ; cf_tags=cf-proxied:true\n", i / 4, (i / 1024) % 256,
                      i % 256);
        break;
      case 1: std::snprintf(line, sizeof line, "h%zu IN TXT \"v=spf1 ip4:192.0.2.%zu -all\"\n", i / 4, i % 256); break;
      case 2:
        std::snprintf(line, sizeof line, (i / 4) % 2 ? "sub%zu IN MX 10 h%zu\n" : "w%zu IN CNAME h%zu\n", i / 4, i / 4);
        break;
      default: std::snprintf(line, sizeof line, "h%zu IN AAAA 2001:db8::%zx\n", i / 4, i % 65536); break;
    }
    z += line;
  }
  return z;
}

// The offline check of a zone with its fix written: what `mxray check --zone` does.
uint64_t check_zone(const std::string& text, const char* domain) {
  auto zone = std::make_shared<Zone>(parse_zone(text, "zone.txt", {}));
  const Session s(domain, session_options_from_json(R"({"live":false})"), {zone});
  const Analysis a(s, AnalysisOptions{});
  const std::string_view texts[] = {text};
  FixOutputs fix = fix_outputs(a, texts);
  uint64_t out = zone->size();
  for (const ZoneFixOutput& z : fix.zones) out += z.corrected.text.size() + z.diff.size();
  return out;
}

// ----------------------------------------------------------- the families

struct Family {
  const char* name;
  const char* unit;                          // what n counts
  size_t first;                              // the smallest n
  std::function<std::string(size_t)> input;  // made before the clock starts
};

std::vector<Family> families() {
  std::vector<Family> f;
  f.push_back({"zone parse", "records", 250'000, zone_text});
  f.push_back({"zone check and fix", "records", 25'000, zone_text});
  f.push_back({"$INCLUDE, one file each", "$INCLUDE lines", 10'000, [](size_t n) {
                 std::string m = "$ORIGIN bench.test.\n";
                 for (size_t i = 0; i < n; ++i) m += "$INCLUDE f" + std::to_string(i % 100) + "\n";
                 return m;
               }});
  f.push_back({"$INCLUDE fan-out (n lines of an n-line file)", "lines", 1'000, [](size_t n) {
                 std::string m = "$ORIGIN bench.test.\n";
                 for (size_t i = 0; i < n; ++i) m += "$INCLUDE b\n";
                 return m;
               }});
  f.push_back({"Cloudflare API JSON", "records", 50'000, [](size_t n) {
                 std::string j = "{\"result\":[";
                 char rec[200];
                 for (size_t i = 0; i < n; ++i) {
                   std::snprintf(rec, sizeof rec,
                                 "%s{\"id\":\"%032zx\",\"zone_name\":\"bench.test\",\"name\":\"h%zu.bench.test\","
                                 "\"type\":\"A\",\"content\":\"192.0.2.%zu\",\"proxied\":%s,\"ttl\":1}",
                                 i ? "," : "", i, i, i % 256, i % 2 ? "true" : "false");
                   j += rec;
                 }
                 return j + "],\"success\":true}";
               }});
  f.push_back({"DoH JSON answer", "records", 3'000, [](size_t n) {
                 std::string j = R"({"Status":0,"TC":false,"RD":true,"RA":true,"AD":false,"CD":false,)"
                                 R"("Question":[{"name":"bench.test.","type":16}],"Answer":[)";
                 char rec[160];
                 for (size_t i = 0; i < n; ++i) {
                   std::snprintf(rec, sizeof rec,
                                 "%s{\"name\":\"bench.test.\",\"type\":16,\"TTL\":300,\"data\":\"\\\"t%zu\\\"\"}",
                                 i ? "," : "", i);
                   j += rec;
                 }
                 return j + "]}";
               }});
  f.push_back({"DoH wire answer", "records", 1'000, [](size_t n) {
                 // Header, the question bench.test. A, then n A records named by a pointer to it.
                 std::string w("\x12\x34\x81\x80\x00\x01\x00\x00\x00\x00\x00\x00", 12);
                 w[6] = char(n >> 8);
                 w[7] = char(n & 255);
                 w += std::string(
                     "\x05"
                     "bench\x04test\x00\x00\x01\x00\x01",
                     16);
                 for (size_t i = 0; i < n; ++i) {
                   w += std::string("\xC0\x0C\x00\x01\x00\x01\x00\x00\x01\x2C\x00\x04\xC0\x00", 14);
                   w.push_back(char((i >> 8) & 255));
                   w.push_back(char(i & 255));
                 }
                 return w;
               }});
  f.push_back({"fix edits (mail IN CNAME @ under a proxied apex)", "records", 25'000, [](size_t n) {
                 std::string z =
                     ";; Domain:     bench.test.\n$ORIGIN bench.test.\n$TTL 300\n@ IN SOA ns1 root 1 2 3 4 5\n"
                     "@ IN A 203.0.113.10 ; cf_tags=cf-proxied:true\n@ IN MX 10 mail\n";
                 for (size_t i = 0; i < n; ++i) z += "mail IN CNAME @\n";
                 return z;
               }});
  return f;
}

// The work of family `name` on its input.
uint64_t run(const std::string& name, size_t n, const std::string& input) {
  if (name == "zone parse") return parse_zone(input, "zone.txt", {}).size();
  if (name == "zone check and fix" || name.rfind("fix edits", 0) == 0) return check_zone(input, "bench.test");
  if (name.rfind("$INCLUDE", 0) == 0) {
    // f<k>: ten records; b: n lines of `$INCLUDE e`; e: empty. The shell's
    // answer is at hand, as when include-files.mjs has the file cached.
    std::string b;
    for (size_t i = 0; i < n; ++i) b += "$INCLUDE e\n";
    std::string f;
    for (int i = 0; i < 10; ++i) f += "r" + std::to_string(i) + " 300 IN A 192.0.2." + std::to_string(i) + "\n";
    auto resolver = [&](std::string_view path) -> std::optional<std::string> {
      if (path == "b") return b;
      if (path == "e") return std::string();
      return f;
    };
    // One file each: the cost of an include, at sizes past the default
    // max_includes (10,000). The fan-out keeps the default, which bounds it.
    ParseOptions options;
    if (name.rfind("$INCLUDE, one", 0) == 0) options.limits.max_includes = 1'000'000;
    Zone z = parse_zone(input, "main.zone", options, resolver);
    return z.size() + z.rejected_records;
  }
  if (name == "Cloudflare API JSON") {
    Zone z;
    z.files.push_back("records.json");
    import_cloudflare_json(input, 0, z, {});
    return z.size() + json_text(zone_summary_json(z)).size();
  }
  if (name == "DoH JSON answer") {
    Message m;
    DohJsonProblem problem;
    decode_doh_json(input, m, problem);
    return m.answer.size() + uint64_t(problem.error);
  }
  if (name == "DoH wire answer") {
    Message m;
    MessageError error;
    decode_message(input, m, error);
    return m.answer.size();
  }
  return 0;
}

struct Measure {
  double ms = 0;
  long rss_kb = 0;  // peak RSS of the process that did the work
  bool ok = false;
};

// One run in a child process: the input made, the clock around the work,
// the child's peak RSS.
Measure measure(const Family& f, size_t n, bool idle) {
  int fds[2];
  if (pipe(fds) != 0) return {};
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    Measure m;
    if (!idle) {
      const std::string input = f.input(n);
      const auto t = clock_type::now();
      g_sink = g_sink + run(f.name, n, input);
      m.ms = std::chrono::duration<double, std::milli>(clock_type::now() - t).count();
    }
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    m.rss_kb = ru.ru_maxrss;
    m.ok = true;
    if (write(fds[1], &m, sizeof m) != sizeof m) _exit(1);
    _exit(0);
  }
  close(fds[1]);
  Measure m;
  if (pid < 0 || read(fds[0], &m, sizeof m) != sizeof m) m = {};
  close(fds[0]);
  int status = 0;
  if (pid > 0) waitpid(pid, &status, 0);
  return m;
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 3;
  double scale = 1;
  std::string only;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--runs")
      runs = std::max(1, std::atoi(argv[i + 1]));
    else if (flag == "--only")
      only = "," + std::string(argv[i + 1]) + ",";
    else if (flag == "--scale")
      scale = std::atof(argv[i + 1]);
  }
  const Family none{"idle", "", 0, {}};
  const long base_kb = measure(none, 0, true).rss_kb;
  std::printf("## Scaling: time and peak memory as the input doubles\n\n");
  std::printf(
      "Each size in a process of its own, the fastest of %d runs; memory is the peak RSS above an idle "
      "process's (%.1f MiB). Ratio: this size against the one before; linear is about 2.\n\n",
      runs, base_kb / 1024.0);
  std::printf("| family | n | time ms | time ratio | memory MiB | memory ratio |\n|---|---:|---:|---:|---:|---:|\n");
  int index = 0;
  for (const Family& f : families()) {
    ++index;
    if (!only.empty() && only.find("," + std::to_string(index) + ",") == std::string::npos) continue;
    double prev_ms = 0, prev_mb = 0;
    for (int step = 0; step < 3; ++step) {
      const size_t n = size_t(double(f.first) * scale) << step;
      Measure best;
      for (int r = 0; r < runs; ++r) {
        Measure m = measure(f, n, false);
        if (!m.ok) continue;
        if (!best.ok || m.ms < best.ms) best.ms = m.ms;
        best.rss_kb = std::max(best.rss_kb, m.rss_kb);
        best.ok = true;
      }
      if (!best.ok) {
        std::printf("| %s | %zu | failed | | | |\n", f.name, n);
        break;
      }
      const double mb = std::max(0L, best.rss_kb - base_kb) / 1024.0;
      char tr[32] = "", mr[32] = "";
      if (step) {
        std::snprintf(tr, sizeof tr, "%.2f", best.ms / std::max(prev_ms, 1e-3));
        if (prev_mb >= 1) std::snprintf(mr, sizeof mr, "%.2f", mb / prev_mb);
      }
      std::printf("| %d. %s (%s) | %zu | %.1f | %s | %.1f | %s |\n", index, f.name, f.unit, n, best.ms, tr, mb, mr);
      std::fflush(stdout);
      prev_ms = best.ms;
      prev_mb = mb;
    }
  }
  return 0;
}
