// The fix's promises, on thousands of small random zones built from the
// shapes real cPanel and Cloudflare zones take (tests/scenarios holds the
// hand-made ones): the corrected zone parses cleanly, it puts no record
// beside a CNAME that the original did not, a second check of it finds no
// critical problem the fix claimed to mend, and it needs no second fix.
// The seed is fixed, so a failure names a zone that fails again.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "dns/types.h"
#include "fix/cloudflare.h"
#include "fix/fix.h"
#include "model/mail_model.h"
#include "rules/catalogue.h"
#include "session/session.h"
#include "zone/parser.h"

using namespace mxray;

namespace {

struct Built {
  std::string text;
  std::string included;     // the text of inc.zone, when the zone includes it
  bool cloudflare = false;  // a Cloudflare export (cf_tags), else a plain BIND zone
};

// One random zone of club.test. Records come in blocks (a name's records
// together, so a blank owner can continue one), and the blocks are
// shuffled, as exports order records differently.
Built random_zone(std::mt19937& rng) {
  auto pick = [&](size_t n) { return size_t(rng() % n); };
  auto chance = [&](int percent) { return int(rng() % 100) < percent; };
  Built b;
  b.cloudflare = chance(60);
  const char* addresses[] = {"203.0.113.10", "203.0.113.20", "198.51.100.7"};
  const char* addresses6[] = {"2001:db8::10", "2001:db8::20"};
  std::vector<std::string> blocks, included;
  std::string block;
  auto tag = [&](bool proxied) {
    return b.cloudflare ? std::string(proxied ? " ; cf_tags=cf-proxied:true" : " ; cf_tags=cf-proxied:false")
                        : std::string();
  };
  // Owners written absolute, relative, with `@`, in capitals, or blank (the
  // block's previous owner), at random.
  auto owner = [&](const std::string& label, bool first) {
    if (!first && chance(30)) return std::string();
    std::string o = label == "@" ? (chance(50) ? std::string("@") : std::string("club.test."))
                                 : (chance(50) ? label : label + ".club.test.");
    if (chance(10))
      for (char& ch : o) ch = char(std::toupper(static_cast<unsigned char>(ch)));
    return o;
  };
  auto record = [&](const std::string& label, const std::string& type, const std::string& data, bool proxied,
                    bool proxiable) {
    std::string rdata = data;
    if (chance(10)) rdata = chance(50) ? "( " + data + " )" : "(\n\t" + data + "\n\t)";
    std::string line =
        owner(label, block.empty()) + (chance(50) ? " 300" : "") + (chance(50) ? " IN " : " ") + type + " " + rdata;
    if (proxiable) line += tag(proxied);
    block += line + "\n";
    // Now and then the same record twice, as copied zones have it: one
    // record to DNS (RFC 2181 §5), two lines to the fix.
    if (chance(4)) block += owner(label, true) + " " + type + " " + data + (proxiable ? tag(proxied) : "") + "\n";
  };
  // Ends a block: into the zone, or now and then into inc.zone.
  auto end_block = [&](bool may_include) {
    if (block.empty()) return;
    (may_include && chance(10) ? included : blocks).push_back(block);
    block.clear();
  };
  // The apex: one or two addresses, proxied or not.
  const bool apex_proxied = chance(70);
  const size_t apex_count = 1 + pick(2);
  for (size_t i = 0; i < apex_count; ++i) record("@", "A", addresses[i], apex_proxied, true);
  if (chance(30)) record("@", "AAAA", addresses6[0], apex_proxied, true);
  end_block(false);
  if (chance(40)) record("www", "CNAME", "club.test.", chance(80), true);
  end_block(true);
  // Mail names: absent, addresses, or an alias (of the apex, of www, of
  // another mail name, or out of the zone); now and then made by $GENERATE.
  const char* names[] = {"mail", "smtp", "imap", "pop", "webmail", "autodiscover", "mx"};
  for (const char* n : names) {
    switch (pick(7)) {
      case 0:
      case 1: break;  // absent
      case 2: {
        const bool proxied = chance(50);
        const size_t count = 1 + pick(2);
        for (size_t i = 0; i < count; ++i) record(n, "A", addresses[pick(3)], proxied, true);
        if (chance(20)) record(n, "AAAA", addresses6[pick(2)], proxied, true);
        break;
      }
      case 3: record(n, "CNAME", "club.test.", chance(30), true); break;
      case 4: record(n, "CNAME", chance(50) ? "www.club.test." : "mail.club.test.", chance(30), true); break;
      case 5: block = "$GENERATE 1-" + std::to_string(1 + pick(2)) + " " + n + " CNAME club.test.\n"; break;
      default:
        // Out of the zone, now and then proxied; a name may hold what a tag does.
        record(n, "CNAME", chance(80) ? "mail.hosting.test." : "cf-proxied:true.hosting.test.", chance(30), true);
        break;
    }
    end_block(true);
  }
  // Exchanges: none, the usual one, or several.
  const char* targets[] = {"mail.club.test.", "mx.club.test.", "club.test.", "mx1.hosting.test."};
  const size_t mx = pick(3);
  for (size_t i = 0; i < mx; ++i)
    record("@", "MX", std::to_string(10 * (i + 1)) + " " + targets[pick(4)], false, false);
  end_block(false);
  if (chance(50)) {
    const char* spf[] = {"\"v=spf1 +a +mx ~all\"", "\"v=spf1 a mx ip4:203.0.113.10 ~all\"",
                         "\"v=spf1 +a +mx include:spf.hosting.test ~all\"", "\"v=spf1 a:mail.club.test -all\""};
    record("@", "TXT", spf[pick(4)], false, false);
    end_block(false);
  }
  if (chance(40)) record("_dmarc", "TXT", "\"v=DMARC1; p=none\"", false, false);
  end_block(true);
  if (chance(25)) record("_submission._tcp", "SRV", "0 1 587 mail.club.test.", false, false);
  end_block(true);
  if (chance(20)) record("*", "A", addresses[0], chance(50), true);
  end_block(true);
  std::shuffle(blocks.begin(), blocks.end(), rng);
  b.text = std::string(b.cloudflare ? ";; Domain:     club.test.\n" : "$ORIGIN club.test.\n") + "$TTL 300\n" +
           "@ IN SOA ns1.club.test. root.club.test. 1 7200 3600 1209600 300\n";
  for (const std::string& k : blocks) b.text += k;
  if (!included.empty()) {
    b.text += "$INCLUDE inc.zone\n";
    for (const std::string& k : included) b.included += k;
  }
  return b;
}

// Owners holding a CNAME and another record (RFC 1034 §3.6.2 forbids it).
std::set<std::string> cname_conflicts(const Zone& z) {
  std::map<std::string, std::pair<bool, bool>> by_owner;  // {has CNAME, has other}
  for (size_t i = 0; i < z.size(); ++i) {
    RecordView r = z.record(i);
    auto& [cname, other] = by_owner[name_text(r.owner.view())];
    (r.type == rrtype::CNAME ? cname : other) = true;
  }
  std::set<std::string> out;
  for (const auto& [name, has] : by_owner)
    if (has.first && has.second) out.insert(name);
  return out;
}

struct Checked {
  std::shared_ptr<const Zone> zone;
  std::vector<Finding> findings;
  FixPlan plan;
};

// The offline check of club.test on one zone: its findings and merged fix.
Checked check(std::shared_ptr<const Zone> zone) {
  Checked c;
  c.zone = std::move(zone);
  SessionOptions o;
  o.live = false;
  Session s("club.test", o, {c.zone});
  MailModel model(s);
  c.findings = run_rules(model);
  c.plan = merge_edits(c.findings);
  return c;
}

Checked check_zone(const std::string& text, const std::string& included) {
  IncludeResolver inc = [&included](std::string_view) -> std::optional<std::string> { return included; };
  return check(std::make_shared<Zone>(parse_zone(text, "club.zone", {}, inc)));
}

// The random source and the number of rounds: a fixed seed, unless
// MXRAY_FIX_SEED and MXRAY_FIX_ROUNDS ask for a longer run, or another.
// The ASan build (Debug) runs a fifth of the rounds: 3,000 take it a minute.
std::pair<std::mt19937, long> rounds_from_env(uint32_t seed) {
#if defined(__SANITIZE_ADDRESS__)
  constexpr long kRounds = 600;
#else
  constexpr long kRounds = 3000;
#endif
  const char* seed_env = std::getenv("MXRAY_FIX_SEED");
  const char* rounds_env = std::getenv("MXRAY_FIX_ROUNDS");
  return {std::mt19937(seed_env ? uint32_t(std::strtoul(seed_env, nullptr, 10)) : seed),
          rounds_env ? std::strtol(rounds_env, nullptr, 10) : kRounds};
}

// Fails for each critical finding of `after` that a finding of `before`
// proposed edits for, and for each edit `after` still proposes.
void check_mended(const std::vector<Finding>& before, const Checked& after) {
  std::set<std::string> mended;
  for (const Finding& f : before)
    if (!f.edits.empty()) mended.insert(std::string(f.rule) + " " + f.names.front());
  for (const Finding& f : after.findings)
    if (f.severity == FindingSeverity::critical)
      CHECK_MESSAGE(!mended.count(std::string(f.rule) + " " + f.names.front()),
                    "still there: " << f.rule << " " << f.names.front());
  for (const MergedEdit& m : after.plan.edits)
    CHECK_MESSAGE(false, "a second fix: " << edit_op_name(m.edit.op) << " " << name_text(m.edit.owner.view()) << " "
                                          << type_name(m.edit.type) << " " << m.edit.rdata);
}

}  // namespace

TEST_CASE("fix property: random mail zones are corrected to a zone that parses, loads and needs no second fix") {
  auto [rng, rounds] = rounds_from_env(20261129u);
  size_t fixed = 0, skipped_any = 0;
  for (long round = 0; round < rounds; ++round) {
    const Built b = random_zone(rng);
    CAPTURE(round);
    CAPTURE(b.text);
    CAPTURE(b.included);
    Checked before = check_zone(b.text, b.included);
    REQUIRE(before.zone->error_count == 0);
    CorrectedZone c = apply_edits(*before.zone, 0, b.text, before.plan);
    if (!c.skipped.empty()) ++skipped_any;
    std::string filled = c.text;
    for (const std::string& p : before.plan.placeholders) filled = fill_placeholder(filled, p, "192.0.2.1");
    CAPTURE(filled);
    Checked after = check_zone(filled, b.included);
    // 1. It parses cleanly.
    CHECK(after.zone->error_count == 0);
    // 2. No name gets a record beside a CNAME that it did not have before.
    const std::set<std::string> was = cname_conflicts(*before.zone);
    for (const std::string& name : cname_conflicts(*after.zone)) CHECK_MESSAGE(was.count(name), name);
    // 2b. The Cloudflare import file of a plain BIND zone (record by record,
    //     includes inlined, twins once) parses, with no new CNAME neighbour
    //     and no record twice (Cloudflare refuses a second identical one).
    if (!b.cloudflare) {
      std::string whole = cloudflare_zone_file(*before.zone, 0, before.plan, {}, "club.test.");
      for (const std::string& p : before.plan.placeholders) whole = fill_placeholder(whole, p, "192.0.2.1");
      CAPTURE(whole);
      const Zone imported = parse_zone(whole, "import.txt", {});
      CHECK(imported.error_count == 0);
      for (const std::string& name : cname_conflicts(imported)) CHECK_MESSAGE(was.count(name), "import: " << name);
      const RecordTwins twins(imported);
      for (size_t i = 0; i < imported.size(); ++i) CHECK_MESSAGE(twins.first(i) == i, "import: a record twice");
    }
    // 2c. The import file (only the records to add) parses, says the proxy
    //     state of every A/AAAA/CNAME, and holds each record once.
    {
      std::string import = cloudflare_import(*before.zone, 0, before.plan, "club.test.");
      for (const std::string& p : before.plan.placeholders) import = fill_placeholder(import, p, "192.0.2.1");
      CAPTURE(import);
      const Zone added = parse_zone(import, "import.txt", {});
      CHECK(added.error_count == 0);
      const RecordTwins twins(added);
      for (size_t i = 0; i < added.size(); ++i) {
        CHECK_MESSAGE(twins.first(i) == i, "import: a record twice");
        const uint16_t t = added.record(i).type;
        if (t == rrtype::A || t == rrtype::AAAA || t == rrtype::CNAME)
          CHECK_MESSAGE(added.record(i).proxied != Proxied::unknown, "import: a record without cf_tags");
      }
    }
    if (c.text == b.text) continue;
    ++fixed;
    if (!c.skipped.empty()) continue;
    // 3. What the fix set out to mend is mended, and 4. it needs no second fix.
    check_mended(before.findings, after);
  }
  MESSAGE(fixed << " of " << rounds << " zones changed by the fix; " << skipped_any << " with an edit not written");
  CHECK(fixed > size_t(rounds) / 3);  // the generator makes zones that need fixing
}

namespace {

using json = nlohmann::json;

// One random Cloudflare API record list of club.test, on one line as the
// API sends it, with its own ids.
json random_records(std::mt19937& rng) {
  auto pick = [&](size_t n) { return size_t(rng() % n); };
  auto chance = [&](int percent) { return int(rng() % 100) < percent; };
  const char* addresses[] = {"203.0.113.10", "203.0.113.20", "198.51.100.7"};
  json records = json::array();
  auto add = [&](const std::string& name, const std::string& type, const std::string& content, bool proxied) {
    json r = {{"id", "r" + std::to_string(records.size())},
              {"zone_name", "club.test"},
              {"name", name},
              {"type", type},
              {"ttl", 1}};
    if (type == "MX") {
      const size_t space = content.find(' ');
      r["priority"] = std::stoi(content.substr(0, space));
      r["content"] = content.substr(space + 1);
    } else {
      r["content"] = content;
    }
    if (type == "A" || type == "AAAA" || type == "CNAME") r["proxied"] = proxied;
    records.push_back(std::move(r));
  };
  const bool apex_proxied = chance(70);
  for (size_t i = 0, n = 1 + pick(2); i < n; ++i) add("club.test", "A", addresses[i], apex_proxied);
  if (chance(30)) add("club.test", "AAAA", "2001:db8::10", apex_proxied);
  if (chance(40)) add("www.club.test", "CNAME", "club.test", chance(80));
  for (const char* n : {"mail", "smtp", "imap", "pop", "webmail", "autodiscover", "mx"}) {
    const std::string name = std::string(n) + ".club.test";
    switch (pick(6)) {
      case 0:
      case 1: break;
      case 2: {
        const bool proxied = chance(50);
        for (size_t i = 0, k = 1 + pick(2); i < k; ++i) add(name, "A", addresses[pick(3)], proxied);
        if (chance(20)) add(name, "AAAA", "2001:db8::20", proxied);
        break;
      }
      case 3: add(name, "CNAME", "club.test", chance(30)); break;
      case 4: add(name, "CNAME", chance(50) ? "www.club.test" : "mail.club.test", chance(30)); break;
      default: add(name, "CNAME", "mail.hosting.test", false); break;
    }
  }
  const char* targets[] = {"mail.club.test", "mx.club.test", "club.test", "mx1.hosting.test"};
  for (size_t i = 0, n = pick(3); i < n; ++i)
    add("club.test", "MX", std::to_string(10 * (i + 1)) + " " + targets[pick(4)], false);
  if (chance(50))
    add("club.test", "TXT", chance(50) ? "\"v=spf1 +a +mx ~all\"" : "\"v=spf1 a:mail.club.test -all\"", false);
  if (chance(40)) add("_dmarc.club.test", "TXT", "\"v=DMARC1; p=none\"", false);
  std::shuffle(records.begin(), records.end(), rng);
  return records;
}

Checked check_json(const std::string& text) {
  ParseOptions po;
  po.format = InputFormat::cloudflare_json;
  return check(std::make_shared<Zone>(parse_zone(text, "records.json", po)));
}

// Runs a batch as Cloudflare does (deletes, then patches, puts and posts;
// docs/sources.md#cloudflare-batch) on the records; false when it names a record twice or one
// that is not there.
bool run_batch(json& records, const json& batch, std::string& why) {
  auto find = [&](const json& id) -> json* {
    for (json& r : records)
      if (r["id"] == id) return &r;
    return nullptr;
  };
  std::set<std::string> touched;
  auto once = [&](const json& id) { return id.is_string() && touched.insert(id.get<std::string>()).second; };
  for (const json& d : batch["deletes"]) {
    if (!once(d["id"]) || !find(d["id"])) return why = "delete of " + d.dump(), false;
    records.erase(std::find_if(records.begin(), records.end(), [&](const json& r) { return r["id"] == d["id"]; }));
  }
  for (const json& p : batch["patches"]) {
    json* r = find(p["id"]);
    if (!once(p["id"]) || !r) return why = "patch of " + p.dump(), false;
    for (const auto& [k, v] : p.items())
      if (k != "id") (*r)[k] = v;
  }
  for (const json& p : batch["puts"]) {
    json* r = find(p["id"]);
    if (!once(p["id"]) || !r) return why = "put of " + p.dump(), false;
    json whole = p;
    whole["zone_name"] = "club.test";
    *r = whole;
  }
  size_t made = 0;
  for (const json& p : batch["posts"]) {
    json r = p;
    r["id"] = "new" + std::to_string(made++);
    r["zone_name"] = "club.test";
    records.push_back(std::move(r));
  }
  return true;
}

}  // namespace

TEST_CASE("fix property: a batch from random one-line API JSON, run as Cloudflare runs it, leaves nothing to fix") {
  auto [rng, rounds] = rounds_from_env(20261130u);
  size_t changed = 0;
  for (long round = 0; round < rounds; ++round) {
    json records = random_records(rng);
    const std::string text = json{{"result", records}, {"success", true}}.dump();
    CAPTURE(round);
    CAPTURE(text);
    Checked before = check_json(text);
    REQUIRE(before.zone->error_count == 0);
    const std::vector<std::shared_ptr<const Zone>> zones{before.zone};
    const std::vector<std::string_view> texts{text};
    json batch = cloudflare_batch({zones, texts}, before.plan);
    CHECK(batch["lookups"].empty());  // every id is known
    std::string body = batch.dump();
    for (const std::string& p : before.plan.placeholders) body = fill_placeholder(body, p, "192.0.2.1");
    std::string why;
    CHECK_MESSAGE(run_batch(records, json::parse(body), why), why);
    const std::string after_text = json{{"result", records}, {"success", true}}.dump();
    CAPTURE(after_text);
    Checked after = check_json(after_text);
    CHECK(after.zone->error_count == 0);
    if (after_text == text) continue;
    ++changed;
    check_mended(before.findings, after);
  }
  MESSAGE(changed << " of " << rounds << " record sets changed by the batch");
  CHECK(changed > size_t(rounds) / 3);
}
