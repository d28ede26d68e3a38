// Every scenario folder (tests/scenarios/*/scenario.json): the findings
// from the zones alone, from the recorded live answers alone, and from
// both, must be exactly the ones the scenario expects. See
// tests/scenarios/README.md for the format.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "fix/cloudflare.h"
#include "fix/fix.h"
#include "model/mail_model.h"
#include "replay.h"
#include "rules/catalogue.h"
#include "zone/parser.h"

using namespace mxray;
namespace fs = std::filesystem;

namespace {

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  REQUIRE_MESSAGE(in, "cannot open " << p.string());
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string findings_text(const Session& s) {
  MailModel model(s);
  std::vector<std::string> lines;
  for (const Finding& f : run_rules(model))
    lines.push_back(std::string(f.rule) + " " + std::string(severity_name(f.severity)) + " " + f.names.front());
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

std::string expected_text(const nlohmann::json& lines) {
  std::vector<std::string> v;
  for (const auto& l : lines) v.push_back(l.get<std::string>());
  std::sort(v.begin(), v.end());
  std::string out;
  for (const std::string& l : v) out += l + "\n";
  return out;
}

}  // namespace

TEST_CASE("scenarios: expected findings, offline, live and both") {
  const fs::path root = fs::path(MXRAY_SOURCE_DIR) / "tests" / "scenarios";
  std::vector<fs::path> dirs;
  for (const auto& e : fs::directory_iterator(root))
    if (e.is_directory() && fs::exists(e.path() / "scenario.json")) dirs.push_back(e.path());
  std::sort(dirs.begin(), dirs.end());
  REQUIRE(!dirs.empty());
  size_t checked = 0;
  for (const fs::path& dir : dirs) {
    const std::string name = dir.filename().string();
    nlohmann::json sc = test::read_json_file((dir / "scenario.json").string());
    REQUIRE_MESSAGE(sc.contains("expect"), name << ": no expect");
    std::vector<std::shared_ptr<const Zone>> zones;
    for (const auto& z : sc.value("zones", nlohmann::json::array())) {
      const std::string file = z.get<std::string>();
      zones.push_back(std::make_shared<Zone>(parse_zone(read_text(dir / file), file, {})));
      CHECK_MESSAGE(zones.back()->error_count == 0, name << ": " << file << " parses cleanly");
    }
    const std::string domain = sc.value("domain", "");
    const bool recorded = fs::exists(dir / "answers.json");
    const nlohmann::json& expect = sc["expect"];
    for (const char* mode : {"offline", "live", "both"}) {
      if (!expect.contains(mode)) continue;
      const bool live = std::string_view(mode) != "offline";
      const bool with_zones = std::string_view(mode) != "live";
      REQUIRE_MESSAGE((!live || recorded), name << ": mode " << mode << " needs answers.json");
      SessionOptions o;
      o.live = live;
      o.ask_ptr = true;  // the recordings asked the PTR of origin addresses (--ask-ptr)
      Session s(domain, o, with_zones ? zones : std::vector<std::shared_ptr<const Zone>>{});
      REQUIRE_MESSAGE(s.error() == SessionError::none, name << " " << mode);
      if (live) {
        test::ReplayResult r = test::replay(s, test::read_json_file((dir / "answers.json").string()));
        CHECK_MESSAGE(r.missing.empty(), name << " " << mode << ": unrecorded questions, e.g. "
                                              << (r.missing.empty() ? "" : r.missing.front()));
        if (sc.contains("depth") && !with_zones)
          CHECK_MESSAGE(r.rounds == sc["depth"].get<uint32_t>(), name << ": rounds " << r.rounds);
      }
      INFO(name << " " << mode);
      CHECK(findings_text(s) == expected_text(expect[mode]));
      ++checked;
    }
  }
  MESSAGE(checked << " scenario runs in " << dirs.size() << " folders");
}

// The fix of every scenario with zones: the corrected zone must be exactly
// expected/<file name> (or the input itself when the fix changes nothing),
// and analysing the corrected zones again must find nothing critical (the
// fixpoint). Placeholders are filled with 192.0.2.1 for the re-analysis, as
// a user would fill them. MXRAY_UPDATE_EXPECTED=1 rewrites the expected
// files instead of comparing: review their diff before committing.
TEST_CASE("scenarios: corrected zones, and the fixpoint") {
  const fs::path root = fs::path(MXRAY_SOURCE_DIR) / "tests" / "scenarios";
  const bool update = std::getenv("MXRAY_UPDATE_EXPECTED") != nullptr;
  std::vector<fs::path> dirs;
  for (const auto& e : fs::directory_iterator(root))
    if (e.is_directory() && fs::exists(e.path() / "scenario.json")) dirs.push_back(e.path());
  std::sort(dirs.begin(), dirs.end());
  size_t checked = 0;
  for (const fs::path& dir : dirs) {
    const std::string name = dir.filename().string();
    nlohmann::json sc = test::read_json_file((dir / "scenario.json").string());
    std::vector<std::string> files, texts;
    std::vector<std::shared_ptr<const Zone>> zones;
    for (const auto& z : sc.value("zones", nlohmann::json::array())) {
      files.push_back(z.get<std::string>());
      texts.push_back(read_text(dir / files.back()));
      zones.push_back(std::make_shared<Zone>(parse_zone(texts.back(), files.back(), {})));
    }
    if (zones.empty()) continue;
    INFO(name);
    SessionOptions o;
    o.live = false;
    Session s(sc.value("domain", ""), o, zones);
    REQUIRE(s.error() == SessionError::none);
    MailModel model(s);
    const FixPlan plan = merge_edits(run_rules(model));
    std::vector<std::shared_ptr<const Zone>> fixed;
    for (size_t i = 0; i < zones.size(); ++i) {
      CorrectedZone c = apply_edits(*zones[i], uint32_t(i), texts[i], plan);
      fs::path expected = dir / "expected" / fs::path(files[i]).filename();
      if (zones[i]->format == InputFormat::cloudflare_json) {
        // API JSON has no zone text to edit: the corrected zone is the
        // Cloudflare import file written from its records with the fix made.
        c.text = cloudflare_zone_file(*zones[i], uint32_t(i), plan, {}, name_text(s.domain().view()));
        c.skipped.clear();
        expected += ".zone";
      }
      CHECK_MESSAGE(c.skipped.empty(), name << ": an edit could not be written: "
                                            << (c.skipped.empty() ? "" : skip_reason_name(c.skipped[0].why)));
      if (update) {
        if (c.text != texts[i]) {
          fs::create_directories(expected.parent_path());
          std::ofstream(expected, std::ios::binary) << c.text;
        } else if (fs::exists(expected)) {
          fs::remove(expected);
        }
      } else if (fs::exists(expected)) {
        CHECK_MESSAGE(c.text == read_text(expected),
                      name << ": corrected " << files[i] << " differs from " << expected.string());
      } else {
        CHECK_MESSAGE(c.text == texts[i], name << ": the fix changes " << files[i] << " but expected/ has no copy");
      }
      std::string filled = c.text;
      for (const std::string& p : plan.placeholders) filled = fill_placeholder(filled, p, "192.0.2.1");
      ParseOptions po;
      if (zones[i]->format == InputFormat::cloudflare_json) po.format = InputFormat::bind;
      fixed.push_back(std::make_shared<Zone>(parse_zone(filled, files[i], po)));
      CHECK_MESSAGE(fixed.back()->error_count == 0, name << ": the corrected " << files[i] << " parses cleanly");
    }
    Session again(sc.value("domain", ""), o, fixed);
    MailModel model_again(again);
    std::string critical;
    for (const Finding& f : run_rules(model_again))
      if (f.severity == FindingSeverity::critical) critical += std::string(f.rule) + " " + f.names.front() + "\n";
    CHECK_MESSAGE(critical.empty(), name << ": critical after the fix:\n" << critical);
    ++checked;
  }
  MESSAGE(checked << " scenarios with zones corrected");
}

// Every catalogued rule fires in some scenario and stays silent in another
// as well: the scenarios cover the whole catalogue, both ways.
TEST_CASE("scenarios: every rule fires somewhere and is silent somewhere") {
  const fs::path root = fs::path(MXRAY_SOURCE_DIR) / "tests" / "scenarios";
  std::map<std::string, size_t> firing;
  size_t folders = 0;
  for (const auto& e : fs::directory_iterator(root)) {
    if (!e.is_directory() || !fs::exists(e.path() / "scenario.json")) continue;
    ++folders;
    std::set<std::string> rules;
    const nlohmann::json sc = test::read_json_file((e.path() / "scenario.json").string());
    for (const auto& lines : sc["expect"])
      for (const auto& l : lines) rules.insert(l.get<std::string>().substr(0, l.get<std::string>().find(' ')));
    for (const std::string& r : rules) ++firing[r];
  }
  CHECK(folders >= 30);
  for (const RuleInfo& r : rule_catalogue()) {
    INFO(r.id);
    CHECK(firing[std::string(r.id)] >= 1);
    CHECK(firing[std::string(r.id)] < folders);
  }
}

// Every critical or warning finding of every scenario, in every mode, either
// carries an edit or says in its evidence why none can be made
// ("no-edit", with a reason): a finding is never left without its fix.
TEST_CASE("scenarios: every critical or warning finding has an edit or the reason there is none") {
  const fs::path root = fs::path(MXRAY_SOURCE_DIR) / "tests" / "scenarios";
  std::vector<fs::path> dirs;
  for (const auto& e : fs::directory_iterator(root))
    if (e.is_directory() && fs::exists(e.path() / "scenario.json")) dirs.push_back(e.path());
  std::sort(dirs.begin(), dirs.end());
  size_t findings = 0, reasons = 0;
  for (const fs::path& dir : dirs) {
    const std::string name = dir.filename().string();
    nlohmann::json sc = test::read_json_file((dir / "scenario.json").string());
    std::vector<std::shared_ptr<const Zone>> zones;
    for (const auto& z : sc.value("zones", nlohmann::json::array()))
      zones.push_back(
          std::make_shared<Zone>(parse_zone(read_text(dir / z.get<std::string>()), z.get<std::string>(), {})));
    const bool recorded = fs::exists(dir / "answers.json");
    for (const char* mode : {"offline", "live", "both"}) {
      const bool live = std::string_view(mode) != "offline";
      const bool with_zones = std::string_view(mode) != "live";
      if ((live && !recorded) || (with_zones && zones.empty())) continue;
      SessionOptions o;
      o.live = live;
      o.ask_ptr = true;  // the recordings asked the PTR of origin addresses (--ask-ptr)
      Session s(sc.value("domain", ""), o, with_zones ? zones : std::vector<std::shared_ptr<const Zone>>{});
      if (live) test::replay(s, test::read_json_file((dir / "answers.json").string()));
      MailModel model(s);
      for (const Finding& f : run_rules(model)) {
        if (f.severity == FindingSeverity::info) continue;
        ++findings;
        const bool why = std::any_of(f.evidence.begin(), f.evidence.end(),
                                     [](const EvidenceStep& e) { return e.code == "no-edit"; });
        reasons += why;
        CHECK_MESSAGE((!f.edits.empty() || why), name << " " << std::string(mode) << ": " << f.rule << " at "
                                                      << f.names.front() << " has no edit and no reason");
        // Mail that breaks on the proxy is fixed by an edit, from a zone or
        // (in the panel's terms) from live DNS, unless the MX sits at the
        // proxied apex or the zone given is not the one served.
        if (f.rule == Rule::mx_target_proxied || f.rule == Rule::mail_host_proxied) {
          std::string reason;
          for (const EvidenceStep& e : f.evidence)
            if (e.code == "no-edit") reason = e.params.front().second;
          CHECK_MESSAGE((!f.edits.empty() || reason == "apex-mx" || reason == "zone-not-served"),
                        name << " " << std::string(mode) << ": " << f.rule << " at " << f.names.front()
                             << " has no edit (" << reason << ")");
        }
      }
    }
  }
  MESSAGE(findings << " critical or warning findings, " << reasons << " of them with the reason there is no edit");
}
