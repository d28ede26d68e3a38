#include "policy/dmarc.h"
#include "dns/utf8.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>
#include <unordered_set>

namespace mxray {
namespace {

struct DmarcProblemInfo {
  std::string_view name;
  RecordSeverity severity;
  std::string_view reference;
};

constexpr std::array kDmarcProblems{
#define MXRAY_X(id, name, sev, ref) DmarcProblemInfo{name, RecordSeverity::sev, ref},
    MXRAY_DMARC_PROBLEMS(MXRAY_X)
#undef MXRAY_X
};

constexpr std::array kDmarcProblemNames = [] {
  std::array<std::string_view, kDmarcProblems.size()> names{};
  for (size_t i = 0; i < kDmarcProblems.size(); ++i) names[i] = kDmarcProblems[i].name;
  return names;
}();

char lower(char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_wsp(char c) { return c == ' ' || c == '\t'; }  // RFC 5234 WSP

std::string lowered(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower(c);
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

// [begin, end) of `s` without WSP at either side, as offsets into `s`.
std::pair<size_t, size_t> trim(std::string_view s, size_t begin, size_t end) {
  while (begin < end && is_wsp(s[begin])) ++begin;
  while (end > begin && is_wsp(s[end - 1])) --end;
  return {begin, end};
}

// ( "none" / "quarantine" / "reject" ); ABNF strings are case-insensitive
// (RFC 5234 §2.3).
std::optional<DmarcPolicy> parse_policy(std::string_view v) {
  if (iequals(v, "none")) return DmarcPolicy::none;
  if (iequals(v, "quarantine")) return DmarcPolicy::quarantine;
  if (iequals(v, "reject")) return DmarcPolicy::reject;
  return std::nullopt;
}

bool parse_uint(std::string_view v, size_t max_digits, uint64_t max, uint64_t& out) {
  if (v.empty() || v.size() > max_digits) return false;
  uint64_t n = 0;
  for (char c : v) {
    if (!is_digit(c)) return false;
    const auto d = uint64_t(c - '0');
    if (n > (std::numeric_limits<uint64_t>::max() - d) / 10) return false;
    n = n * 10 + d;
  }
  if (n > max) return false;
  out = n;
  return true;
}

class DmarcParser {
 public:
  explicit DmarcParser(std::string_view text) : text_(text) {}

  DmarcRecord run() {
    split_tags();
    if (!version()) return std::move(r_);
    r_.is_dmarc = true;
    // A set, not a list: a hostile record of 64 KiB holds thousands of tags.
    std::unordered_set<std::string> seen;
    for (size_t i = 1; i < r_.tags.size(); ++i) {
      const RecordTag& tag = r_.tags[i];
      const std::string name = lowered(tag.name);
      // RFC 9989 is silent on repeated tags; receivers differ on which one
      // wins, so a repeat is an error and only the first one is read.
      if (name == "v" || !seen.insert(name).second) {
        problem(DmarcProblemCode::duplicate_tag, tag.offset, tag.length, name);
        continue;
      }
      tag_value(name, tag);
    }
    if (!r_.p && !r_.p_invalid) {
      // §4.7: without p "the record is treated as if it included p=none";
      // a receiver still on RFC 7489 (§6.3: p is REQUIRED) discards it.
      problem(DmarcProblemCode::missing_p, 0, text_.size());
    }
    if (std::none_of(r_.rua.begin(), r_.rua.end(), [](const DmarcUri& u) { return u.valid; }))
      problem(DmarcProblemCode::no_rua, text_.size(), 0);
    std::stable_sort(r_.problems.begin(), r_.problems.end(),
                     [](const DmarcProblem& a, const DmarcProblem& b) { return a.offset < b.offset; });
    return std::move(r_);
  }

 private:
  void problem(DmarcProblemCode code, size_t offset, size_t length, std::string detail = {}) {
    DmarcProblem p;
    p.code = code;
    p.severity = dmarc_problem_severity(code);
    p.offset = uint32_t(offset);
    p.length = uint32_t(length);
    p.detail = std::move(detail);
    r_.problems.push_back(std::move(p));
  }
  void bad_value(const RecordTag& tag, std::string_view name) {
    problem(DmarcProblemCode::invalid_value, tag.value_offset, tag.value.size(), std::string(name));
  }

  // §4.8: tag "=" value, separated by dmarc-sep = *WSP ";" *WSP. Empty
  // segments (";;", a trailing ";") are skipped.
  void split_tags() {
    std::vector<TagListError> errors;
    split_tag_list(text_, r_.tags, errors);
    for (const TagListError& e : errors)
      problem(DmarcProblemCode::malformed_tag, e.offset, e.length, std::string(tag_list_problem_name(e.why)));
  }

  // §4.7 v: "This tag MUST be the first tag in the list. The tag value is
  // case sensitive, and the only possible value is "DMARC1". If the tag is
  // not the first in the list, or the tag is absent, or the value is not
  // "DMARC1", then the entire record MUST be ignored."
  bool version() {
    const RecordTag* first = r_.tags.empty() ? nullptr : &r_.tags.front();
    const bool is_v = first && iequals(first->name, "v");
    if (is_v && first->offset == 0 && first->value == "DMARC1") return true;
    std::string detail = "missing";
    size_t offset = 0, length = text_.size();
    if (is_v && first->offset != 0 && trim(text_, 0, first->offset).first == first->offset) {
      detail = "leading-space";
    } else if (is_v && first->offset == 0) {
      const std::string_view v = first->value;
      // "v=DMARC1 p=reject": the separator left out, so "p" never becomes a tag.
      if (v.size() > 6 && v.substr(0, 6) == "DMARC1" && is_wsp(v[6]))
        detail = "missing-separator";
      else
        detail = std::string(utf8_prefix(v, 40));  // "dmarc1", "DMARC2", "": not precisely DMARC1
      offset = first->offset, length = first->length;
    } else if (first && first->offset == 0) {
      detail = "not-first";
    }
    problem(DmarcProblemCode::bad_version, offset, length, std::move(detail));
    return false;
  }

  void tag_value(const std::string& name, const RecordTag& tag) {
    const std::string_view v = tag.value;
    if (name == "p" || name == "sp" || name == "np") {
      // §4.8: dmarc-request for all three; §4.7: p may stand anywhere after v.
      auto policy = parse_policy(v);
      if (!policy) {
        // §4.10.1: an invalid p, sp or np sends the record to the p=none
        // fallback (when rua has a valid URI) or out of DMARC.
        if (name == "p") {
          r_.p_invalid = true;
          problem(DmarcProblemCode::bad_p, tag.value_offset, v.size(), std::string(utf8_prefix(v, 40)));
          return;
        }
        (name == "sp" ? r_.sp_invalid : r_.np_invalid) = true;
        return bad_value(tag, name);
      }
      (name == "p" ? r_.p : name == "sp" ? r_.sp : r_.np) = policy;
      // §4.7: none "offers no expression of preference", monitoring only.
      if (name == "p" && *policy == DmarcPolicy::none) problem(DmarcProblemCode::p_none, tag.offset, tag.length);
    } else if (name == "adkim" || name == "aspf") {
      DmarcAlignment& a = name == "adkim" ? r_.adkim : r_.aspf;
      if (iequals(v, "r"))
        a = DmarcAlignment::relaxed;
      else if (iequals(v, "s"))
        a = DmarcAlignment::strict;
      else
        bad_value(tag, name);
    } else if (name == "pct" || name == "rf" || name == "ri") {
      // Removed by RFC 9989 (Appendix A.6: t replaces pct; rf and ri went to
      // the reporting documents): receivers on RFC 9989 ignore them as
      // unknown tags (§4.7), so their values are not judged either.
      problem(DmarcProblemCode::removed_tag, tag.offset, tag.length, name);
    } else if (name == "rua" || name == "ruf") {
      uris(tag, name == "rua" ? r_.rua : r_.ruf);
    } else if (name == "fo") {
      // §4.8 dmarc-fo: "0", "1", "d", "s" joined by ":"
      uint8_t fo = 0;
      bool ok = true;
      each_item(v, ':', [&](std::string_view item) {
        if (item == "0")
          fo |= dmarc_fo::all_fail;
        else if (item == "1")
          fo |= dmarc_fo::any_fail;
        else if (iequals(item, "d"))
          fo |= dmarc_fo::dkim;
        else if (iequals(item, "s"))
          fo |= dmarc_fo::spf;
        else
          ok = false;
      });
      if (!ok) return bad_value(tag, name);
      // §4.7: "0" and "1" are "mutually exclusive", and the §4.8 dmarc-fo
      // rule allows one of them only. It asks for failure reports alone,
      // never for how mail is handled: a note, and both are kept as written.
      if ((fo & dmarc_fo::all_fail) && (fo & dmarc_fo::any_fail))
        problem(DmarcProblemCode::fo_conflict, tag.value_offset, v.size(), std::string(utf8_prefix(v, 40)));
      r_.fo = fo;
    } else if (name == "t") {
      // §4.8: dmarc-yorn = "y" / "n"
      if (iequals(v, "y")) {
        r_.t = true;
        problem(DmarcProblemCode::test_mode, tag.offset, tag.length);
      } else if (iequals(v, "n")) {
        r_.t = false;
      } else {
        bad_value(tag, name);
      }
    } else if (name == "psd") {
      // §4.8: dmarc-psd = "y" / "n" / "u"
      if (v.size() == 1 && std::string_view("ynu").find(lower(v[0])) != std::string_view::npos)
        r_.psd = lower(v[0]);
      else
        bad_value(tag, name);
    } else {
      // §4.7: "Only tags defined in that registry are to be processed;
      // unknown tags MUST be ignored."
      problem(DmarcProblemCode::unknown_tag, tag.offset, tag.length, tag.name);
    }
  }

  // Calls `f` with each `sep`-separated item, WSP trimmed (empty items too).
  template <class F>
  void each_item(std::string_view v, char sep, F&& f) {
    size_t start = 0;
    for (;;) {
      const size_t end = std::min(v.find(sep, start), v.size());
      const auto [b, e] = trim(v, start, end);
      f(v.substr(b, e - b));
      if (end == v.size()) break;
      start = end + 1;
    }
  }

  // §4.8: dmarc-urilist = URI *(*WSP "," *WSP URI)
  void uris(const RecordTag& tag, std::vector<DmarcUri>& out) {
    const std::string_view v = tag.value;
    size_t start = 0;
    for (;;) {
      const size_t end = std::min(v.find(',', start), v.size());
      const auto [b, e] = trim(v, start, end);
      out.push_back(uri(v.substr(b, e - b), tag.value_offset + b));
      if (end == v.size()) break;
      start = end + 1;
    }
  }

  DmarcUri uri(std::string_view item, size_t at) {
    DmarcUri u;
    u.offset = uint32_t(at);
    u.length = uint32_t(item.size());
    auto bad = [&](std::string_view why) {
      problem(DmarcProblemCode::bad_uri, at, item.size(), std::string(why));
      return u;
    };
    if (item.empty()) return bad("empty");
    // §4.8: obs-dmarc-report-size = "!" 1*DIGIT [ "k" / "m" / "g" / "t" ],
    // obsolete syntax ("reporters should ignore the obs-dmarc-report-size");
    // "!" inside the URI itself MUST be encoded, so the last one starts the
    // size limit. Still read (RFC 7489 §6.2 had it), and noted.
    std::string_view text = item;
    const size_t bang = item.rfind('!');
    if (bang != std::string_view::npos) {
      std::string_view size = item.substr(bang + 1);
      unsigned shift = 0;
      if (!size.empty() && !is_digit(size.back())) {
        const auto unit = std::string_view("kmgt").find(lower(size.back()));
        if (unit == std::string_view::npos) return bad("size");
        shift = 10 * unsigned(unit + 1);
        size.remove_suffix(1);
      }
      uint64_t n = 0;
      // "the numeric portion MUST fit within an unsigned 64-bit integer"
      if (!parse_uint(size, 20, std::numeric_limits<uint64_t>::max(), n)) return bad("size");
      u.max_size =
          n > (std::numeric_limits<uint64_t>::max() >> shift) ? std::numeric_limits<uint64_t>::max() : n << shift;
      text = item.substr(0, bang);
      problem(DmarcProblemCode::uri_size, at + bang, item.size() - bang, std::string(item.substr(bang)));
    }
    u.uri = std::string(text);
    for (char c : text)
      if (uint8_t(c) <= 0x20 || uint8_t(c) >= 0x7f) return bad("character");
    // RFC 3986 §3.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
    const size_t colon = text.find(':');
    // "rua=dmarc@example.com": the address without "mailto:".
    if (colon == std::string_view::npos || colon == 0) return bad("no-scheme");
    const std::string_view scheme = text.substr(0, colon);
    if (!is_alpha(scheme[0]) || !std::all_of(scheme.begin(), scheme.end(), [](char c) {
          return is_alpha(c) || is_digit(c) || c == '+' || c == '-' || c == '.';
        }))
      return bad("no-scheme");
    u.scheme = lowered(scheme);
    if (u.scheme != "mailto") {
      // §4.7: receivers MUST support mailto; "URIs involving schemes not
      // supported by Mail Receivers MUST be ignored", and in practice they are.
      u.valid = true;
      problem(DmarcProblemCode::uri_not_mailto, at, item.size(), u.scheme);
      return u;
    }
    // RFC 6068: mailto:addr-spec [ "?" hfields ]
    const std::string_view rest = text.substr(colon + 1);
    const std::string_view address = rest.substr(0, std::min(rest.find('?'), rest.size()));
    const size_t atsign = address.rfind('@');
    if (atsign == std::string_view::npos || atsign == 0 || atsign + 1 == address.size()) return bad("address");
    u.address = std::string(address);
    u.domain = std::string(address.substr(atsign + 1));
    u.valid = true;
    return u;
  }

  std::string_view text_;
  DmarcRecord r_;
};

template <class Strings>
DmarcSelection select_dmarc(const Strings& txts) {
  DmarcSelection s;
  for (size_t i = 0; i < txts.size(); ++i)
    if (is_dmarc_record(txts[i])) s.candidates.push_back(i);
  if (s.candidates.size() == 1) s.index = s.candidates.front();
  if (s.candidates.size() > 1) {
    DmarcProblem p;
    p.code = DmarcProblemCode::multiple_records;
    p.severity = dmarc_problem_severity(p.code);
    p.detail = std::to_string(s.candidates.size());
    s.problems.push_back(std::move(p));
  }
  return s;
}

}  // namespace

std::string_view dmarc_problem_name(DmarcProblemCode code) { return kDmarcProblems[size_t(code)].name; }
RecordSeverity dmarc_problem_severity(DmarcProblemCode code) { return kDmarcProblems[size_t(code)].severity; }
std::string_view dmarc_problem_reference(DmarcProblemCode code) { return kDmarcProblems[size_t(code)].reference; }
std::span<const std::string_view> dmarc_problem_codes() { return kDmarcProblemNames; }

std::string_view dmarc_policy_name(DmarcPolicy p) {
  switch (p) {
    case DmarcPolicy::none: return "none";
    case DmarcPolicy::quarantine: return "quarantine";
    case DmarcPolicy::reject: return "reject";
  }
  return "none";
}

bool DmarcRecord::has_errors() const {
  return std::any_of(problems.begin(), problems.end(),
                     [](const DmarcProblem& e) { return e.severity == RecordSeverity::error; });
}

std::optional<DmarcPolicy> DmarcRecord::effective_policy() const {
  if (!is_dmarc) return std::nullopt;
  // §4.10.1: "If a retrieved DMARC Policy Record does not contain a valid
  // "p" tag, or contains an "sp" or "np" tag that is not valid", then with
  // a syntactically valid rua URI act as p=none, otherwise no DMARC.
  if (p_invalid || sp_invalid || np_invalid) {
    if (std::any_of(rua.begin(), rua.end(), [](const DmarcUri& u) { return u.valid; })) return DmarcPolicy::none;
    return std::nullopt;
  }
  // §4.7: a record without p "is treated as if it included p=none".
  return p.value_or(DmarcPolicy::none);
}

DmarcRecord parse_dmarc(std::string_view text) { return DmarcParser(text).run(); }

bool is_dmarc_record(std::string_view text) {
  // dmarc-version = "v" *WSP "=" *WSP %x44 %x4d %x41 %x52 %x43 %x31
  size_t i = 0;
  if (text.empty() || lower(text[0]) != 'v') return false;
  for (++i; i < text.size() && is_wsp(text[i]);) ++i;
  if (i == text.size() || text[i] != '=') return false;
  for (++i; i < text.size() && is_wsp(text[i]);) ++i;
  if (text.substr(i, 6) != "DMARC1") return false;
  i += 6;
  return i == text.size() || text[i] == ';' || is_wsp(text[i]);
}

DmarcSelection find_dmarc_record(std::span<const std::string> txt_records) { return select_dmarc(txt_records); }
DmarcSelection find_dmarc_record(std::span<const std::string_view> txt_records) { return select_dmarc(txt_records); }

std::vector<WireName> dmarc_tree_walk(std::string_view domain) {
  std::vector<WireName> out;
  auto add = [&](std::string_view suffix) {
    WireName& n = out.emplace_back();
    n.length = uint8_t(suffix.size());
    std::memcpy(n.octets, suffix.data(), suffix.size());
  };
  // Offsets of each label in the wire name, leftmost first.
  std::vector<size_t> starts;
  for (size_t pos = 0; pos < domain.size() && domain[pos] != 0; pos += 1 + uint8_t(domain[pos])) starts.push_back(pos);
  if (starts.empty()) return out;
  add(domain);  // §4.10.1: the Author Domain first
  // §4.10.1: eight or fewer labels, the immediate parent next; more, the
  // name shortened to seven labels (§4.10 step 4); then one label less each
  // time, down to a single label (step 7).
  const size_t x = starts.size();
  for (size_t labels = std::min<size_t>(x - 1, 7); labels >= 1; --labels) add(domain.substr(starts[x - labels]));
  return out;
}

DmarcDiscovery discover_dmarc(std::span<const DmarcLookup> lookups, size_t walk_length) {
  DmarcDiscovery d;
  // The one DMARC record at each name asked, as §4.10 steps 2 and 6 keep it.
  struct Found {
    size_t index, record;
    DmarcRecord parsed;
  };
  std::vector<Found> found;
  bool stopped = false;
  for (size_t i = 0; i < lookups.size() && i < walk_length && !stopped; ++i) {
    d.asked = i + 1;
    if (!lookups[i].known) {
      d.state = DmarcDiscovery::State::unknown;
      return d;
    }
    const DmarcSelection sel = find_dmarc_record(lookups[i].txts);
    if (!sel.index) continue;
    DmarcRecord rec = parse_dmarc(lookups[i].txts[*sel.index]);
    if (i == 0) {
      // §4.10.1: "If a valid DMARC Policy Record is found there, then this
      // is the DMARC Policy Record to be applied to the message".
      d.state = DmarcDiscovery::State::found;
      d.policy = 0, d.record = *sel.index, d.own = true;
      return d;
    }
    stopped = rec.stops_tree_walk();  // §4.10 step 6: psd=y or psd=n ends the walk
    found.push_back({i, *sel.index, std::move(rec)});
  }
  if (!stopped && d.asked < walk_length) {
    d.state = DmarcDiscovery::State::incomplete;
    return d;
  }
  if (found.empty()) {
    // §4.10.1: "If the set produced by the DNS Tree Walk contains no DMARC
    // Policy Record ... Mail Receivers MUST NOT apply the DMARC mechanism".
    d.state = DmarcDiscovery::State::none;
    return d;
  }
  d.state = DmarcDiscovery::State::found;
  const Found& last = found.back();
  // §4.10.2 selects the Organizational Domain among the records found,
  // longest name first: psd=n is one; psd=y makes the name one label below
  // it one; otherwise the name with the fewest labels. §4.10.1 then applies
  // the Organizational Domain's record, or failing that the PSD's.
  if (last.parsed.psd == 'y') {
    d.psd = true;
    d.policy = last.index, d.record = last.record;
    // Names after the first differ by one label, so the one below the PSD
    // is the previous name of the walk (unless that was the domain itself,
    // which has no record here, or a name the eight-label shortcut skipped).
    if (found.size() > 1) {
      const Found& below = found[found.size() - 2];
      if (below.index + 1 == last.index) {
        d.psd = false;
        d.policy = below.index, d.record = below.record;
      }
    }
    return d;
  }
  d.policy = last.index, d.record = last.record;
  return d;
}

}  // namespace mxray
