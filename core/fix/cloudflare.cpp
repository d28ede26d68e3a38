#include "fix/cloudflare.h"

#include <algorithm>
#include <optional>

#include "dns/json_text.h"
#include "dns/name.h"
#include "dns/rdata.h"
#include "dns/types.h"
#include "zone/cf_tags.h"

namespace mxray {

using json = nlohmann::json;

namespace {

std::string lower_text(std::string_view wire) {
  std::string s = name_text(wire);
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return s;
}

std::string without_dot(std::string s) {
  if (s.size() > 1 && s.back() == '.') s.pop_back();
  return s;
}

std::vector<std::string> fields(std::string_view text) {
  std::vector<std::string> out;
  size_t at = 0;
  while (at < text.size()) {
    size_t b = text.find_first_not_of(" \t", at);
    if (b == std::string_view::npos) break;
    size_t e = text.find_first_of(" \t", b);
    if (e == std::string_view::npos) e = text.size();
    out.emplace_back(text.substr(b, e - b));
    at = e;
  }
  return out;
}

// RFC 3986 §2.1 percent-encoding of a query value: every octet but the
// unreserved characters (§2.3) as %XX, so that a name such as
// "www.victim.test&type=A&x=" stays one value of one parameter.
std::string percent_encoded(std::string_view value) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : value) {
    const auto c = uint8_t(ch);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~') {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

// `text` as one word for a POSIX shell: in single quotes, a ' inside as '\''.
std::string shell_quoted(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out.push_back(c);
    }
  }
  out += '\'';
  return out;
}

bool proxiable(uint16_t type) { return type == rrtype::A || type == rrtype::AAAA || type == rrtype::CNAME; }

bool digits(const std::string& s) {
  return !s.empty() && s.size() <= 5 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The API's fields for a record given in presentation form: content, or
// priority + content (MX), or data (SRV; its shape is NOT VERIFIED from
// Cloudflare's docs, docs/sources.md#cloudflare-api-json).
void api_fields(json& j, uint16_t type, std::string_view rdata) {
  std::vector<std::string> f = fields(rdata);
  auto num = [](const std::string& s) { return unsigned(std::stoul(s)); };  // digits() checked: cannot throw
  if (type == rrtype::MX && f.size() == 2 && digits(f[0])) {
    j["priority"] = num(f[0]);
    j["content"] = without_dot(f[1]);
  } else if (type == rrtype::SRV && f.size() == 4 && digits(f[0]) && digits(f[1]) && digits(f[2])) {
    j["data"] = {{"priority", num(f[0])}, {"weight", num(f[1])}, {"port", num(f[2])}, {"target", without_dot(f[3])}};
  } else if (type == rrtype::CNAME || type == rrtype::NS || type == rrtype::PTR) {
    j["content"] = without_dot(std::string(rdata));
  } else {
    j["content"] = std::string(rdata);
  }
}

// The record an edit changes, if it can be found.
struct Target {
  const Zone* zone = nullptr;
  long index = -1;
  std::string id;  // from an API JSON upload
};

// Where the record of each edit of the plan is (locate_edits), zone by zone.
std::vector<long> locate_all(const FixInputs& in, const FixPlan& plan) {
  std::vector<long> at(plan.edits.size(), -1);
  for (uint32_t z = 0; z < in.zones.size(); ++z) {
    if (!in.zones[z]) continue;
    const std::vector<long> here = locate_edits(*in.zones[z], z, plan);
    for (size_t k = 0; k < at.size(); ++k)
      if (here[k] >= 0) at[k] = here[k];
  }
  return at;
}

// `index`: the edit's record in its zone, from locate_all.
Target target_of(const FixInputs& in, const ZoneEdit& e, long index) {
  Target t;
  if (!e.has_record || e.zone >= in.zones.size() || !in.zones[e.zone]) return t;
  t.zone = in.zones[e.zone].get();
  t.index = index;
  if (t.index < 0 || t.zone->format != InputFormat::cloudflare_json || e.zone >= in.texts.size()) return t;
  RecordView r = t.zone->record(size_t(t.index));
  std::string_view text = in.texts[e.zone];
  if (r.span.file != 0 || r.span.begin + r.span.length > text.size()) return t;
  json obj = json::parse(text.substr(size_t(r.span.begin), r.span.length), nullptr, false);
  if (obj.is_object())
    if (auto it = obj.find("id"); it != obj.end() && it->is_string() && !it->get<std::string>().empty())
      t.id = it->get<std::string>();
  return t;
}

std::string record_data(const Target& t) {
  std::string out;
  if (t.zone && t.index >= 0) {
    RecordView r = t.zone->record(size_t(t.index));
    append_rdata_text(out, r.type, r.rdata);
  }
  return out;
}

// One record of a Cloudflare import file, without its proxy comment and
// newline: owner, TTL, class, type and data, tab-separated as Cloudflare's
// own export writes them.
void append_import_record(std::string& to, std::string_view owner, uint32_t ttl, uint16_t type,
                          std::string_view rdata) {
  to.append(owner);
  to += '\t';
  to += std::to_string(ttl);
  to += "\tIN\t";
  append_type_name(to, type);
  to += '\t';
  to.append(rdata);
}

}  // namespace

json cloudflare_batch(const FixInputs& in, const FixPlan& plan) {
  json deletes = json::array(), patches = json::array(), posts = json::array(), lookups = json::array();
  auto id_for = [&](const ZoneEdit& e, const Target& t, std::string_view list, size_t index) -> std::string {
    if (!t.id.empty()) return t.id;
    std::string where = std::string(list) + "/" + std::to_string(index);
    std::string name = without_dot(lower_text(e.owner.view()));
    std::string type = type_name(e.type);
    json content;
    api_fields(content, e.type, t.index >= 0 ? record_data(t) : e.rdata);
    lookups.push_back({{"for", where},
                       {"name", name},
                       {"type", type},
                       {"record", content},
                       {"query", "GET /client/v4/zones/{zone_id}/dns_records?type=" + percent_encoded(type) +
                                     "&name.exact=" + percent_encoded(name)}});
    return "{id:" + where + "}";
  };
  const std::vector<long> located = locate_all(in, plan);
  // A record an API JSON upload holds twice (the same owner, type and
  // content: RFC 2181 §5 makes them one) is two records at Cloudflare, each
  // with its id: the edit goes to both. Looked-up records are not doubled:
  // a look-up finds the one.
  std::vector<std::optional<RecordTwins>> twins(in.zones.size());
  auto twin_ids = [&](const ZoneEdit& e, const Target& t) {
    std::vector<std::string> ids;
    if (t.id.empty() || t.index < 0) return ids;
    if (!twins[e.zone]) {
      std::vector<size_t> edited;
      for (size_t k = 0; k < plan.edits.size(); ++k)
        if (located[k] >= 0 && plan.edits[k].edit.zone == e.zone) edited.push_back(size_t(located[k]));
      twins[e.zone].emplace(*t.zone, &edited);
    }
    for (size_t g : twins[e.zone]->group(size_t(t.index)))
      if (g != size_t(t.index))
        if (Target twin = target_of(in, e, long(g)); !twin.id.empty()) ids.push_back(twin.id);
    return ids;
  };
  for (size_t k = 0; k < plan.edits.size(); ++k) {
    const ZoneEdit& e = plan.edits[k].edit;
    Target t = target_of(in, e, located[k]);
    switch (e.op) {
      case ZoneEdit::Op::remove:
        deletes.push_back({{"id", id_for(e, t, "deletes", deletes.size())}});
        for (std::string& id : twin_ids(e, t)) deletes.push_back({{"id", std::move(id)}});
        break;
      case ZoneEdit::Op::set_dns_only:
        patches.push_back({{"id", id_for(e, t, "patches", patches.size())}, {"proxied", false}});
        for (std::string& id : twin_ids(e, t)) patches.push_back({{"id", std::move(id)}, {"proxied", false}});
        break;
      case ZoneEdit::Op::replace: {
        json p = {{"id", id_for(e, t, "patches", patches.size())}};
        api_fields(p, e.type, e.rdata);
        if (proxiable(e.type)) p["proxied"] = e.proxied == Proxied::yes;
        patches.push_back(std::move(p));
        // The new record is written once: the twins go.
        for (std::string& id : twin_ids(e, t)) deletes.push_back({{"id", std::move(id)}});
        break;
      }
      case ZoneEdit::Op::add: {
        json p = {{"name", without_dot(lower_text(e.owner.view()))}, {"type", type_name(e.type)}};
        api_fields(p, e.type, e.rdata);
        p["ttl"] = e.ttl ? e.ttl : 1;  // 1: automatic
        if (proxiable(e.type)) p["proxied"] = e.proxied == Proxied::yes;
        posts.push_back(std::move(p));
        break;
      }
    }
  }
  return {{"deletes", deletes}, {"patches", patches}, {"puts", json::array()},
          {"posts", posts},     {"lookups", lookups}, {"placeholders", plan.placeholders}};
}

json cloudflare_batch_body(const json& batch) {
  json body = batch;
  body.erase("lookups");
  body.erase("placeholders");
  return body;
}

std::string cloudflare_curl(const json& batch) {
  const json body = cloudflare_batch_body(batch);
  std::string out =
      "#!/bin/sh\n"
      "# The fix as one Cloudflare API batch (POST /zones/ZONE_ID/dns_records/batch),\n"
      "# which Cloudflare applies all or nothing. Written by mxray.\n"
      "# 修正を Cloudflare API の一括変更として送るスクリプトです (mxray が作成)。\n"
      "#\n"
      "# Needs curl and jq, and two variables / curl と jq、次の二つの環境変数が必要です:\n"
      "#   CLOUDFLARE_API_TOKEN  an API token that may edit the zone's DNS / ゾーンの DNS を編集できる API トークン\n"
      "#   CLOUDFLARE_ZONE_ID    the zone's id (the domain's Overview page) / ゾーン ID (ドメインの概要ページ)\n"
      "# First it looks up the id of each record to change or delete, and stops,\n"
      "# changing nothing, unless each lookup finds exactly one record.\n"
      "# 変更・削除するレコードの ID を先に調べ、どれか一つでもちょうど一件に\n"
      "# 決まらなければ何も変えずに止まります。\n"
      "set -eu\n"
      "for tool in curl jq; do\n"
      "  if ! command -v \"$tool\" >/dev/null 2>&1; then\n"
      "    printf '%s\\n' \"mxray: this script needs $tool / このスクリプトには $tool が必要です\" >&2\n"
      "    exit 1\n"
      "  fi\n"
      "done\n"
      ": \"${CLOUDFLARE_API_TOKEN:?an API token that may edit the zone DNS / DNS を編集できる API トークン}\"\n"
      ": \"${CLOUDFLARE_ZONE_ID:?the zone id / ゾーン ID}\"\n"
      "api=\"${CLOUDFLARE_API_URL:-https://api.cloudflare.com/client/v4}/zones/$CLOUDFLARE_ZONE_ID/dns_records\"\n"
      "body=" +
      shell_quoted(json_text(body)) + "\n";
  if (auto it = batch.find("placeholders"); it != batch.end() && it->is_array())
    for (const json& p : *it) {
      if (!p.is_string()) continue;
      // Appended piece by piece: "literal" + std::string makes GCC 12 warn of a
      // false overlap (-Wrestrict).
      std::string mark(1, '{');
      mark += p.get<std::string>();
      mark += '}';
      out += "case $body in *";
      out += shell_quoted(mark);
      out += "*)\n  printf '%s\\n' ";
      out += shell_quoted("mxray: replace " + mark + " in this script with its value first / 先にこのスクリプトの " +
                          mark + " を実際の値に置き換えてください");
      out += " >&2\n  exit 1 ;;\nesac\n";
    }
  const json lookups = batch.value("lookups", json::array());
  std::string fill;  // the jq program that puts the ids in
  std::string args;
  if (!lookups.empty()) {
    out +=
        "\n"
        "# lookup WHAT QUERY CONTENT: the id of the one record that QUERY finds; of\n"
        "# several, the one whose content is CONTENT.\n"
        "lookup() {\n"
        "  if ! answer=$(curl -sS -H \"Authorization: Bearer $CLOUDFLARE_API_TOKEN\" \"$api?$2\"); then\n"
        "    printf '%s\\n' \"mxray: the lookup of $1 failed: nothing was changed / $1 "
        "の検索に失敗しました。何も変えていません\" >&2\n"
        "    return 1\n"
        "  fi\n"
        "  if ! ids=$(printf '%s\\n' \"$answer\" | jq -r --arg content \"$3\" '\n"
        "      if .success != true then error(\"Cloudflare: \\(.errors)\") else .result end\n"
        "      | if length > 1 and $content != \"\" then map(select(.content == $content)) else . end\n"
        "      | .[].id'); then\n"
        "    printf '%s\\n' \"mxray: the lookup of $1 failed: nothing was changed / $1 "
        "の検索に失敗しました。何も変えていません\" >&2\n"
        "    return 1\n"
        "  fi\n"
        "  count=$(printf '%s' \"$ids\" | grep -c . || true)\n"
        "  if [ \"$count\" -ne 1 ]; then\n"
        "    printf '%s\\n' \"mxray: $count records found for $1, not exactly one: nothing was changed / $1 "
        "のレコードが $count 件見つかりました (一件のはず)。何も変えていません\" >&2\n"
        "    return 1\n"
        "  fi\n"
        "  printf '%s' \"$ids\"\n"
        "}\n"
        "\n";
    for (const json& l : lookups) {
      // "deletes/0" -> id_deletes_0, and the jq path .deletes[0].id
      const std::string where = l.value("for", "");
      const size_t slash = where.find('/');
      if (slash == std::string::npos) continue;
      const std::string list = where.substr(0, slash), index = where.substr(slash + 1);
      const std::string var = "id_" + list + "_" + index;
      std::string query = l.value("query", "");
      if (size_t q = query.find('?'); q != std::string::npos) query = query.substr(q + 1);
      std::string content;
      if (auto r = l.find("record"); r != l.end() && r->is_object())
        if (auto c = r->find("content"); c != r->end() && c->is_string()) content = c->get<std::string>();
      const std::string what = l.value("name", "") + " " + l.value("type", "");
      out += var + "=$(lookup " + shell_quoted(what) + " " + shell_quoted(query) + " " + shell_quoted(content) +
             ") || exit 1\n";
      if (!fill.empty()) fill += " | ";
      fill += "." + list + "[" + index + "].id = $" + var;
      args += " --arg " + var + " \"$" + var + "\"";
    }
    out += "body=$(printf '%s\\n' \"$body\" | jq -c" + args + " " + shell_quoted(fill) + ")\n";
  }
  out +=
      "\n"
      "if ! answer=$(curl -sS -X POST \"$api/batch\" -H \"Authorization: Bearer $CLOUDFLARE_API_TOKEN\" \\\n"
      "    -H \"Content-Type: application/json\" --data \"$body\"); then\n"
      "  printf '%s\\n' \"mxray: the batch could not be sent: nothing was changed / "
      "一括変更を送れませんでした。何も変えていません\" >&2\n"
      "  exit 1\n"
      "fi\n"
      "printf '%s\\n' \"$answer\"\n"
      "if ! printf '%s\\n' \"$answer\" | jq -e '.success == true' >/dev/null; then\n"
      "  printf '%s\\n' \"mxray: Cloudflare refused the batch: nothing was changed / Cloudflare "
      "が一括変更を拒否しました。何も変わっていません\" >&2\n"
      "  exit 1\n"
      "fi\n";
  return out;
}

std::string cloudflare_import(const Zone& zone, uint32_t zone_index, const FixPlan& plan, std::string_view domain) {
  std::string deletes, adds;
  auto line = [](std::string& to, std::string_view owner, uint32_t ttl, uint16_t type, std::string_view rdata,
                 Proxied proxied) {
    append_import_record(to, owner, ttl, type, rdata);
    // Every record that can be proxied says whether it is: the import
    // option's default never decides. What the zone and the fix leave
    // unsaid goes in DNS only, as the mail names must.
    if (proxiable(type)) to += cf_proxied_comment(proxied == Proxied::yes);
    to += '\n';
  };
  const RecordTwins twins(zone);
  std::vector<bool> listed(zone.size(), false);
  const std::vector<long> located = locate_edits(zone, zone_index, plan);
  for (size_t k = 0; k < plan.edits.size(); ++k) {
    const ZoneEdit& e = plan.edits[k].edit;
    if (e.op == ZoneEdit::Op::add) {
      if (e.zone == zone_index) line(adds, lower_text(e.owner.view()), e.ttl ? e.ttl : 1, e.type, e.rdata, e.proxied);
      continue;
    }
    if (located[k] < 0) continue;
    const size_t first = twins.first(size_t(located[k]));
    RecordView r = zone.record(first);
    std::string rdata;
    append_rdata_text(rdata, r.type, r.rdata);
    // The record as it is now, to delete by hand first (once, for twins).
    if (!listed[first]) {
      listed[first] = true;
      deletes += ";;   " + lower_text(r.owner.view()) + " ";
      append_type_name(deletes, r.type);
      deletes += " " + rdata + "\n";
    }
    const uint32_t ttl = (r.flags & kRecordTtlAuto) ? 1 : r.ttl;
    if (e.op == ZoneEdit::Op::replace)
      line(adds, lower_text(r.owner.view()), ttl, r.type, e.rdata,
           e.proxied == Proxied::unknown ? r.proxied : e.proxied);
    else if (e.op == ZoneEdit::Op::set_dns_only)
      line(adds, lower_text(r.owner.view()), ttl, r.type, rdata, Proxied::no);
  }
  if (adds.empty()) return {};
  std::string out = ";; Cloudflare import file written by mxray for ";
  out.append(domain);
  out +=
      ": only the records to add.\n"
      ";; mxray が作成した Cloudflare のインポート用ファイルです。追加するレコードだけを含みます。\n";
  if (!deletes.empty()) {
    out +=
        ";; Cloudflare's import adds records and changes none: first delete these in the DNS panel,\n"
        ";; then import this file.\n"
        ";; インポートはレコードを追加するだけで既存のものは変えません。先に DNS の画面で次のレコードを\n"
        ";; 削除してから、このファイルをインポートしてください。\n";
    out += deletes;
  }
  out += adds;
  return out;
}

std::string cloudflare_zone_file(const Zone& zone, uint32_t zone_index, const FixPlan& plan,
                                 std::span<const std::string> dns_only, std::string_view domain) {
  std::string out = ";; Cloudflare import file written by mxray for ";
  out.append(domain);
  out.append("\n;; Proxy states are given where known; the mail names are DNS only.\n");
  // What the plan does to each record of the zone.
  // A record written twice is one record (RFC 2181 §5), and Cloudflare
  // refuses a second identical one: each is written once, at its first
  // place, with the edit of any of its twins.
  const RecordTwins twins(zone);
  std::vector<const ZoneEdit*> edit_of(zone.size(), nullptr);
  const std::vector<long> located = locate_edits(zone, zone_index, plan);
  for (size_t k = 0; k < plan.edits.size(); ++k)
    if (located[k] >= 0 && plan.edits[k].edit.op != ZoneEdit::Op::add)
      edit_of[twins.first(size_t(located[k]))] = &plan.edits[k].edit;
  auto line = [&](std::string_view owner, uint32_t ttl, uint16_t type, std::string_view rdata, Proxied proxied) {
    append_import_record(out, owner, ttl, type, rdata);
    if (proxiable(type)) {
      if (proxied != Proxied::unknown) {
        out += cf_proxied_comment(proxied == Proxied::yes);
      } else if (std::find(dns_only.begin(), dns_only.end(), std::string(owner)) != dns_only.end()) {
        out += cf_proxied_comment(false);
      }
    }
    out += '\n';
  };
  for (size_t i = 0; i < zone.size(); ++i) {
    if (twins.first(i) != i) continue;
    RecordView r = zone.record(i);
    const ZoneEdit* e = edit_of[i];
    if (e && e->op == ZoneEdit::Op::remove) continue;
    std::string rdata;
    Proxied proxied = r.proxied;
    if (e && e->op == ZoneEdit::Op::replace) {
      rdata = e->rdata;
      if (proxiable(r.type)) proxied = e->proxied;
    } else {
      append_rdata_text(rdata, r.type, r.rdata);
      if (e && e->op == ZoneEdit::Op::set_dns_only) proxied = Proxied::no;
    }
    const uint32_t ttl = (r.flags & kRecordTtlAuto) ? 1 : r.ttl;
    line(lower_text(r.owner.view()), ttl, r.type, rdata, proxied);
  }
  for (const MergedEdit& m : plan.edits)
    if (m.edit.zone == zone_index && m.edit.op == ZoneEdit::Op::add)
      line(lower_text(m.edit.owner.view()), m.edit.ttl ? m.edit.ttl : 1, m.edit.type, m.edit.rdata, m.edit.proxied);
  return out;
}

json change_plan(const FixInputs& in, const FixPlan& plan) {
  json deletes = json::array(), modifies = json::array(), creates = json::array();
  const std::vector<long> located = locate_all(in, plan);
  for (size_t k = 0; k < plan.edits.size(); ++k) {
    const ZoneEdit& e = plan.edits[k].edit;
    Target t = target_of(in, e, located[k]);
    RecordView r{};
    bool found = t.zone && t.index >= 0;
    if (found) r = t.zone->record(size_t(t.index));
    json j = {{"name", lower_text(e.owner.view())}, {"type", type_name(e.type)}};
    auto state = [&](Proxied p) { return p == Proxied::unknown ? json(nullptr) : json(p == Proxied::yes); };
    if (!e.placeholder.empty()) j["placeholder"] = e.placeholder;
    if (e.live) j["live"] = true;  // of what live DNS serves: made in the DNS panel
    switch (e.op) {
      case ZoneEdit::Op::remove:
        j["action"] = "delete";
        j["data"] = found ? record_data(t) : e.rdata;
        // The proxy state it had, so the plan shows what goes away (a CNAME
        // to a proxied apex is often proxied itself).
        j["before"] = {{"data", j["data"]}, {"proxied", found && proxiable(e.type) ? state(r.proxied) : json(nullptr)}};
        deletes.push_back(std::move(j));
        break;
      case ZoneEdit::Op::set_dns_only:
        j["action"] = "modify";
        j["data"] = found ? record_data(t) : e.rdata;
        j["before"] = {{"data", j["data"]}, {"proxied", found ? state(r.proxied) : json(true)}};
        j["after"] = {{"data", j["data"]}, {"proxied", false}};
        modifies.push_back(std::move(j));
        break;
      case ZoneEdit::Op::replace:
        j["action"] = "modify";
        j["data"] = e.rdata;
        j["before"] = {{"data", found ? record_data(t) : std::string()},
                       {"proxied", found ? state(r.proxied) : json(nullptr)}};
        j["after"] = {{"data", e.rdata}, {"proxied", proxiable(e.type) ? state(e.proxied) : json(nullptr)}};
        modifies.push_back(std::move(j));
        break;
      case ZoneEdit::Op::add:
        j["action"] = "create";
        j["data"] = e.rdata;
        j["after"] = {{"data", e.rdata}, {"proxied", proxiable(e.type) ? state(e.proxied) : json(nullptr)}};
        creates.push_back(std::move(j));
        break;
    }
  }
  json out = json::array();
  for (json* part : {&deletes, &modifies, &creates})
    for (json& j : *part) out.push_back(std::move(j));
  return out;
}

}  // namespace mxray
