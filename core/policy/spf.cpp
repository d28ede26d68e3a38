#include "policy/spf.h"

#include <algorithm>
#include <array>

#include "dns/rdata.h"
#include "dns/utf8.h"

namespace mxray {
namespace {

struct SpfProblemInfo {
  std::string_view name;
  RecordSeverity severity;
  std::string_view reference;
};

constexpr std::array kSpfProblems{
#define MXRAY_X(id, name, sev, ref) SpfProblemInfo{name, RecordSeverity::sev, ref},
    MXRAY_SPF_PROBLEMS(MXRAY_X)
#undef MXRAY_X
};

constexpr std::array kSpfProblemNames = [] {
  std::array<std::string_view, kSpfProblems.size()> names{};
  for (size_t i = 0; i < kSpfProblems.size(); ++i) names[i] = kSpfProblems[i].name;
  return names;
}();

// §4.6.4: "SPF implementations MUST limit the total number of those terms
// to 10 during SPF evaluation".
constexpr uint32_t kMaxLookupTerms = 10;
// §3.4: "If the size of the DNS message, the combined length of the DNS name
// and the text of all the records of a given type is under 450 octets, then
// DNS answers ought to fit in UDP packets." The parser sees one record only,
// so this is the record's own share; a rule that knows the name and the
// other TXT records can do the full sum.
constexpr size_t kSizeGuidance = 450;

char lower(char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

// a + b, built by append: GCC 12 sees a false -Wrestrict in
// `"/" + std::string(...)`.
std::string joined(std::string_view a, std::string_view b) {
  std::string out;
  out.reserve(a.size() + b.size());
  out.append(a).append(b);
  return out;
}

bool all_digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return is_digit(c); });
}

// §12: name = ALPHA *( ALPHA / DIGIT / "-" / "_" / "." )
bool is_name(std::string_view s) {
  if (s.empty() || !is_alpha(s[0])) return false;
  return std::all_of(s.begin() + 1, s.end(), [](char c) { return is_alnum(c) || c == '-' || c == '_' || c == '.'; });
}

// §12: toplabel = ( *alphanum ALPHA *alphanum ) /
//                 ( 1*alphanum "-" *( alphanum / "-" ) alphanum )
bool is_toplabel(std::string_view s) {
  if (s.empty() || !is_alnum(s.front()) || !is_alnum(s.back())) return false;
  bool alpha = false, hyphen = false;
  for (char c : s) {
    if (c == '-')
      hyphen = true;
    else if (is_alpha(c))
      alpha = true;
    else if (!is_digit(c))
      return false;
  }
  return alpha || hyphen;
}

// §12: ip4-cidr-length = "/" ("0" / %x31-39 0*1DIGIT) ; value range 0-32
//      ip6-cidr-length = "/" ("0" / %x31-39 0*2DIGIT) ; value range 0-128
bool parse_cidr(std::string_view digits, unsigned max, std::optional<uint8_t>& out) {
  const size_t max_digits = max > 99 ? 3 : 2;
  if (digits.empty() || digits.size() > max_digits || !all_digits(digits)) return false;
  if (digits.size() > 1 && digits[0] == '0') return false;
  unsigned v = 0;
  for (char c : digits) v = v * 10 + unsigned(c - '0');
  if (v > max) return false;
  out = uint8_t(v);
  return true;
}

// The inside of "%{...}" (§7.1):
//   macro-letter transformers *delimiter, transformers = *DIGIT [ "r" ]
// Returns why it is wrong, or "" when it is right. `exp_text` allows the
// letters that §7.2 keeps for explanation text (c, r, t).
std::string_view macro_body_error(std::string_view body, bool exp_text) {
  if (body.empty()) return "empty";
  const char letter = lower(body[0]);
  if (std::string_view("slodiphcrtv").find(letter) == std::string_view::npos) return "letter";
  // §7.2: "The following macro letters are allowed only in "exp" text: c, r, t".
  if (!exp_text && (letter == 'c' || letter == 'r' || letter == 't')) return "exp-only-letter";
  size_t i = 1;
  unsigned parts = 0;
  bool digits = false;
  for (; i < body.size() && is_digit(body[i]); ++i) {
    digits = true;
    parts = std::min(parts * 10 + unsigned(body[i] - '0'), 100000u);
  }
  // §7.3: "If a DIGIT is specified, the value MUST be nonzero."
  if (digits && parts == 0) return "zero-parts";
  if (i < body.size() && lower(body[i]) == 'r') ++i;
  for (; i < body.size(); ++i)
    if (std::string_view(".-+,/_=").find(body[i]) == std::string_view::npos) return "delimiter";
  return "";
}

class SpfParser {
 public:
  explicit SpfParser(std::string_view text) : text_(text) {}

  SpfRecord run() {
    if (!is_spf_record(text_)) {
      const size_t end = std::min(text_.find(' '), text_.size());
      problem(SpfProblemCode::bad_version, 0, end, std::string(text_.substr(0, std::min<size_t>(end, 40))));
      return std::move(r_);
    }
    r_.is_spf = true;
    // §12: record = version terms *SP ; terms = *( 1*SP ( directive / modifier ) )
    size_t i = 6;
    while (i < text_.size()) {
      if (text_[i] == ' ') {
        ++i;
        continue;
      }
      const size_t start = i;
      while (i < text_.size() && text_[i] != ' ') ++i;
      parse_term(start, i - start);
    }
    review();
    std::stable_sort(r_.problems.begin(), r_.problems.end(),
                     [](const SpfProblem& a, const SpfProblem& b) { return a.offset < b.offset; });
    return std::move(r_);
  }

 private:
  void problem(SpfProblemCode code, size_t offset, size_t length, std::string detail = {}) {
    SpfProblem p;
    p.code = code;
    p.severity = spf_problem_severity(code);
    p.offset = uint32_t(offset);
    p.length = uint32_t(length);
    p.detail = std::move(detail);
    r_.problems.push_back(std::move(p));
  }
  void problem_at(SpfProblemCode code, const SpfTerm& t, std::string detail = {}) {
    problem(code, t.offset, t.length, std::move(detail));
  }

  void parse_term(size_t offset, size_t length) {
    SpfTerm t;
    t.offset = uint32_t(offset);
    t.length = uint32_t(length);
    const std::string_view tt = text_.substr(offset, length);
    // Every term character is visible ASCII (§12: macro-literal = %x21-24 /
    // %x26-7E, and the rest of the grammar is narrower). A tab, a stray
    // newline from a paste, or a non-ASCII byte makes the record a permerror.
    for (size_t k = 0; k < tt.size(); ++k) {
      const auto c = uint8_t(tt[k]);
      if (c < 0x21 || c > 0x7e) {
        problem(SpfProblemCode::malformed_term, offset + k, 1, "character");
        t.name = std::string(tt.substr(0, k));
        r_.terms.push_back(std::move(t));
        return;
      }
    }
    // A modifier is `name "=" ...` with the "=" before any ":" or "/";
    // anything else is a directive (§4.6.1, §12).
    const size_t eq = tt.find('=');
    const size_t sep = tt.find_first_of(":/");
    if (eq != std::string_view::npos && (sep == std::string_view::npos || eq < sep) && is_name(tt.substr(0, eq))) {
      parse_modifier(t, tt.substr(0, eq), tt.substr(eq + 1), offset + eq + 1);
    } else {
      parse_directive(t, tt);
    }
    r_.terms.push_back(std::move(t));
  }

  void parse_directive(SpfTerm& t, std::string_view tt) {
    size_t p = 0;
    // §4.6.2: qualifier = "+" / "-" / "?" / "~"
    switch (tt[0]) {
      case '+': t.qualifier = SpfQualifier::pass, p = 1; break;
      case '-': t.qualifier = SpfQualifier::fail, p = 1; break;
      case '~': t.qualifier = SpfQualifier::softfail, p = 1; break;
      case '?': t.qualifier = SpfQualifier::neutral, p = 1; break;
      default: break;
    }
    t.explicit_qualifier = p == 1;
    const std::string_view rest = tt.substr(p);
    const size_t name_end = std::min(rest.find_first_of(":/"), rest.size());
    const std::string_view name = rest.substr(0, name_end);
    const std::string_view args = rest.substr(name_end);
    const size_t args_at = t.offset + p + name_end;
    t.name = std::string(name);
    if (name.empty()) {
      problem_at(SpfProblemCode::malformed_term, t, p == 1 && rest.empty() ? "qualifier-only" : "name");
      return;
    }
    static constexpr std::pair<std::string_view, SpfTermKind> kMechanisms[] = {
        {"all", SpfTermKind::all}, {"include", SpfTermKind::include}, {"a", SpfTermKind::a},
        {"mx", SpfTermKind::mx},   {"ptr", SpfTermKind::ptr},         {"ip4", SpfTermKind::ip4},
        {"ip6", SpfTermKind::ip6}, {"exists", SpfTermKind::exists},
    };
    const auto* m = std::find_if(std::begin(kMechanisms), std::end(kMechanisms),
                                 [&](const auto& e) { return iequals(e.first, name); });
    if (m == std::end(kMechanisms)) {
      // §4.6.1 / §5: an unknown mechanism is a permerror; a "name" that
      // is not even a name is a syntax error all the same.
      if (is_name(name))
        problem_at(SpfProblemCode::unknown_mechanism, t, std::string(name));
      else
        problem_at(SpfProblemCode::malformed_term, t, "name");
      return;
    }
    t.kind = m->second;
    switch (t.kind) {
      case SpfTermKind::all:  // §5.1: all = "all"
        if (!args.empty()) return problem_at(SpfProblemCode::malformed_term, t, "argument");
        t.valid = true;
        return;
      case SpfTermKind::include:  // §5.2: include = "include" ":" domain-spec
      case SpfTermKind::exists:   // §5.7: exists = "exists" ":" domain-spec
        t.lookup = true;
        if (args.empty() || args == ":") return problem_at(SpfProblemCode::missing_domain, t, t.name);
        if (args[0] != ':') return problem_at(SpfProblemCode::malformed_term, t, "argument");
        t.value = std::string(args.substr(1));
        t.valid = domain_spec(args.substr(1), args_at + 1, t.has_macro, false);
        return;
      case SpfTermKind::ptr:  // §5.5: ptr = "ptr" [ ":" domain-spec ]
        t.lookup = true;
        if (args.empty()) {
          t.valid = true;
          return;
        }
        if (args == ":") return problem_at(SpfProblemCode::missing_domain, t, t.name);
        if (args[0] != ':') return problem_at(SpfProblemCode::malformed_term, t, "argument");
        t.value = std::string(args.substr(1));
        t.valid = domain_spec(args.substr(1), args_at + 1, t.has_macro, false);
        return;
      case SpfTermKind::a:   // §5.3: a  = "a"  [ ":" domain-spec ] [ dual-cidr-length ]
      case SpfTermKind::mx:  // §5.4: mx = "mx" [ ":" domain-spec ] [ dual-cidr-length ]
        t.lookup = true;
        t.valid = dual_cidr_term(t, args, args_at);
        return;
      case SpfTermKind::ip4:  // §5.6: ip4 = "ip4" ":" ip4-network [ ip4-cidr-length ]
      case SpfTermKind::ip6:  // §5.6: ip6 = "ip6" ":" ip6-network [ ip6-cidr-length ]
        t.valid = network_term(t, args, args_at);
        return;
      default: return;
    }
  }

  // a and mx: an optional ":" domain-spec, then dual-cidr-length =
  // [ ip4-cidr-length ] [ "/" ip6-cidr-length ]. A domain-spec may itself
  // hold "/" (a macro-literal), so the lengths are taken from the end, and
  // only where only digits follow the "/".
  bool dual_cidr_term(SpfTerm& t, std::string_view args, size_t at) {
    std::string_view spec = args;
    std::optional<std::string_view> c4, c6;
    size_t c4_at = 0, c6_at = 0;
    size_t slash = spec.rfind('/');
    if (slash != std::string_view::npos && all_digits(spec.substr(slash + 1))) {
      if (slash > 0 && spec[slash - 1] == '/') {
        c6 = spec.substr(slash + 1), c6_at = at + slash + 1;
        spec = spec.substr(0, slash - 1);
        slash = spec.rfind('/');
        if (slash != std::string_view::npos && all_digits(spec.substr(slash + 1))) {
          c4 = spec.substr(slash + 1), c4_at = at + slash + 1;
          spec = spec.substr(0, slash);
        }
      } else {
        c4 = spec.substr(slash + 1), c4_at = at + slash + 1;
        spec = spec.substr(0, slash);
      }
    }
    bool ok = true;
    if (c4 && !parse_cidr(*c4, 32, t.cidr4)) {
      problem(SpfProblemCode::bad_cidr, c4_at - 1, c4->size() + 1, joined("/", *c4));
      ok = false;
    }
    if (c6 && !parse_cidr(*c6, 128, t.cidr6)) {
      problem(SpfProblemCode::bad_cidr, c6_at - 2, c6->size() + 2, joined("//", *c6));
      ok = false;
    }
    if (spec.empty()) return ok;  // the <domain> being checked
    if (spec[0] != ':') {
      problem_at(SpfProblemCode::malformed_term, t, "argument");
      return false;
    }
    if (spec.size() == 1) {
      problem_at(SpfProblemCode::missing_domain, t, t.name);
      return false;
    }
    t.value = std::string(spec.substr(1));
    return domain_spec(spec.substr(1), at + 1, t.has_macro, false) && ok;
  }

  bool network_term(SpfTerm& t, std::string_view args, size_t at) {
    const bool v4 = t.kind == SpfTermKind::ip4;
    const SpfProblemCode bad = v4 ? SpfProblemCode::bad_ip4 : SpfProblemCode::bad_ip6;
    if (args.size() < 2 || args[0] != ':') {
      problem_at(bad, t, "missing");
      return false;
    }
    const std::string_view net = args.substr(1);
    const size_t slash = std::min(net.find('/'), net.size());
    const std::string_view addr = net.substr(0, slash);
    t.value = std::string(addr);
    bool ok = v4 ? parse_ipv4(addr, t.address) : parse_ipv6(addr, t.address);
    if (!ok) {
      // The usual slip: an address of the other family under this mechanism.
      uint8_t other[16];
      const bool swapped = v4 ? parse_ipv6(addr, other) : parse_ipv4(addr, other);
      problem(bad, at + 1, addr.size(), swapped ? (v4 ? "is-ipv6" : "is-ipv4") : std::string(utf8_prefix(addr, 64)));
    }
    if (slash < net.size()) {
      const std::string_view len = net.substr(slash + 1);
      std::optional<uint8_t>& cidr = v4 ? t.cidr4 : t.cidr6;
      if (!parse_cidr(len, v4 ? 32 : 128, cidr)) {
        problem(SpfProblemCode::bad_cidr, at + 1 + slash, len.size() + 1, joined("/", utf8_prefix(len, 16)));
        ok = false;
      }
    }
    return ok;
  }

  void parse_modifier(SpfTerm& t, std::string_view name, std::string_view value, size_t value_at) {
    t.name = std::string(name);
    t.value = std::string(value);
    const bool redirect = iequals(name, "redirect"), exp = iequals(name, "exp");
    if (redirect || exp) {
      // §6.1 redirect = "redirect" "=" domain-spec ; §6.2 explanation = "exp" "=" domain-spec
      t.kind = redirect ? SpfTermKind::redirect : SpfTermKind::exp;
      t.lookup = redirect;
      const auto index = uint32_t(r_.terms.size());
      std::optional<uint32_t>& first = redirect ? r_.redirect_term : r_.exp_term;
      // §6: "These two modifiers MUST NOT appear in a record more than once
      // each. If they do, then check_host() exits with a result of "permerror"."
      if (first) {
        problem_at(SpfProblemCode::duplicate_modifier, t, redirect ? "redirect" : "exp");
      } else {
        first = index;
      }
      if (value.empty()) {
        problem_at(SpfProblemCode::missing_domain, t, redirect ? "redirect" : "exp");
        return;
      }
      t.valid = domain_spec(value, value_at, t.has_macro, false) && first == index;
      return;
    }
    // §6: "Unrecognized modifiers MUST be ignored", but their value is still
    // a macro-string (§12: unknown-modifier = name "=" macro-string).
    t.kind = SpfTermKind::unknown_modifier;
    bool macro = false;
    if (!macro_string(value, value_at, macro)) return;
    t.valid = true;
    static constexpr std::string_view kMechanismNames[] = {"all", "include", "a", "mx", "ptr", "ip4", "ip6", "exists"};
    // "include=_spf.example.com" is a modifier named "include": receivers
    // skip it silently, and the include the owner meant never happens.
    const bool like_mechanism = std::any_of(std::begin(kMechanismNames), std::end(kMechanismNames),
                                            [&](std::string_view m) { return iequals(m, name); });
    problem_at(like_mechanism ? SpfProblemCode::modifier_like_mechanism : SpfProblemCode::unknown_modifier, t,
               std::string(name));
  }

  // §7.1 macro-string = *( macro-expand / macro-literal ). Reports the first
  // error; `end_of_last_macro` is where the literal tail after the last
  // macro-expand starts (0 when there is none).
  bool macro_string(std::string_view s, size_t at, bool& has_macro, bool exp_text = true,
                    size_t* end_of_last_macro = nullptr) {
    size_t tail = 0;
    for (size_t i = 0; i < s.size();) {
      const auto c = uint8_t(s[i]);
      if (c != '%') {
        if (c < 0x21 || c > 0x7e) {  // macro-literal = %x21-24 / %x26-7E
          problem(SpfProblemCode::bad_domain_spec, at + i, 1, "character");
          return false;
        }
        ++i;
        continue;
      }
      // §7.1: "A '%' character not followed by a '{', '%', '-', or '_'
      // character is a syntax error."
      const char next = i + 1 < s.size() ? s[i + 1] : '\0';
      if (next == '%' || next == '_' || next == '-') {
        i += 2;
        tail = i;
        continue;
      }
      if (next != '{') {
        problem(SpfProblemCode::bad_macro, at + i, i + 1 < s.size() ? 2 : 1, "percent");
        return false;
      }
      const size_t close = s.find('}', i + 2);
      if (close == std::string_view::npos) {
        problem(SpfProblemCode::bad_macro, at + i, s.size() - i, "unterminated");
        return false;
      }
      const std::string_view why = macro_body_error(s.substr(i + 2, close - i - 2), exp_text);
      if (!why.empty()) {
        problem(SpfProblemCode::bad_macro, at + i, close + 1 - i, std::string(why));
        return false;
      }
      has_macro = true;
      i = close + 1;
      tail = i;
    }
    if (end_of_last_macro) *end_of_last_macro = tail;
    return true;
  }

  // §12: domain-spec = macro-string domain-end
  //      domain-end  = ( "." toplabel [ "." ] ) / macro-expand
  // The check is on the text as written, before any expansion (the RFC 7208
  // test suite: "It is not correct to check syntax after macro expansion").
  bool domain_spec(std::string_view spec, size_t at, bool& has_macro, bool exp_text) {
    size_t tail_at = 0;
    if (!macro_string(spec, at, has_macro, exp_text, &tail_at)) return false;
    const bool percent = spec.find('%') != std::string_view::npos;
    std::string_view tail = spec.substr(tail_at);
    if (tail.empty()) return true;  // ends with a macro-expand
    if (tail.back() == '.') tail.remove_suffix(1);
    const size_t dot = tail.rfind('.');
    if (dot == std::string_view::npos || !is_toplabel(tail.substr(dot + 1))) {
      uint8_t ip[16];
      // "a:192.0.2.1" is the common case: an address where a name belongs.
      const bool address = parse_ipv4(spec, ip) || parse_ipv6(spec, ip);
      problem(SpfProblemCode::bad_domain_spec, at, spec.size(), address ? "address" : "toplabel");
      return false;
    }
    if (percent) return true;
    // Without macros the spec is the name that will be queried: it must be
    // a DNS name (RFC 1035 §2.3.4: labels of 1-63 octets, 253 in text).
    std::string_view name = spec;
    if (name.back() == '.') name.remove_suffix(1);
    if (name.size() > 253) {
      problem(SpfProblemCode::bad_domain_spec, at, spec.size(), "name-too-long");
      return false;
    }
    size_t label_start = 0;
    for (size_t i = 0; i <= name.size(); ++i) {
      if (i < name.size() && name[i] != '.') continue;
      const size_t len = i - label_start;
      if (len == 0 || len > 63) {
        problem(SpfProblemCode::bad_domain_spec, at + label_start, len, len ? "label-too-long" : "empty-label");
        return false;
      }
      label_start = i + 1;
    }
    return true;
  }

  // The checks that need the whole record.
  void review() {
    auto is_mechanism = [](SpfTermKind k) { return k <= SpfTermKind::exists; };
    for (uint32_t i = 0; i < r_.terms.size(); ++i)
      if (r_.terms[i].kind == SpfTermKind::all && r_.terms[i].valid) {
        r_.all_term = i;
        break;
      }
    if (r_.all_term) {
      const SpfTerm& all = r_.terms[*r_.all_term];
      // §5.1: "Mechanisms after "all" will never be tested."
      for (size_t i = *r_.all_term + 1; i < r_.terms.size(); ++i) {
        SpfTerm& t = r_.terms[i];
        if (!is_mechanism(t.kind)) continue;
        t.ignored = true;
        problem_at(SpfProblemCode::mechanisms_after_all, t, t.name);
      }
      if (all.qualifier == SpfQualifier::pass)
        problem_at(SpfProblemCode::pass_all, all, all.explicit_qualifier ? "+all" : "all");
      // §5.1: "Any "redirect" modifier (Section 6.1) MUST be ignored when
      // there is an "all" mechanism in the record, regardless of the
      // relative ordering of the terms."
      if (r_.redirect_term) {
        SpfTerm& redirect = r_.terms[*r_.redirect_term];
        redirect.ignored = true;
        problem_at(SpfProblemCode::redirect_ignored, redirect, redirect.value);
      }
    } else if (!r_.redirect_term && !r_.has_errors()) {
      // §4.7: with no match and no redirect the result is "neutral", "just
      // as if "?all" were specified as the last directive". (Not said of a
      // record that is a permerror already.)
      problem(SpfProblemCode::no_all, text_.size(), 0);
    }
    const SpfTerm* over = nullptr;
    for (SpfTerm& t : r_.terms) {
      // An ip4/ip6 network of length 0 matches every address of its family.
      if (t.valid && !t.ignored && t.qualifier == SpfQualifier::pass &&
          ((t.kind == SpfTermKind::ip4 && t.cidr4 == 0) || (t.kind == SpfTermKind::ip6 && t.cidr6 == 0)))
        problem_at(SpfProblemCode::pass_all, t, t.kind == SpfTermKind::ip4 ? "ip4/0" : "ip6/0");
      // §5.5: "This mechanism SHOULD NOT be published."
      if (t.kind == SpfTermKind::ptr) problem_at(SpfProblemCode::ptr_used, t);
      if (t.has_macro && t.valid) problem_at(SpfProblemCode::macro_domain, t, t.name);
      if (t.valid && t.lookup && !t.ignored && ++r_.lookup_terms == kMaxLookupTerms + 1) over = &t;
    }
    // Pointed at the first term past the limit: that is where evaluation
    // would stop with a permerror if every earlier term were reached.
    if (over) problem_at(SpfProblemCode::too_many_lookups, *over, std::to_string(r_.lookup_terms));
    if (text_.size() > kSizeGuidance)
      problem(SpfProblemCode::record_long, 0, text_.size(), std::to_string(text_.size()));
  }

  std::string_view text_;
  SpfRecord r_;
};

template <class Strings>
SpfSelection select_spf(const Strings& txts) {
  SpfSelection s;
  for (size_t i = 0; i < txts.size(); ++i)
    if (is_spf_record(txts[i])) s.candidates.push_back(i);
  if (s.candidates.size() == 1) s.index = s.candidates.front();
  if (s.candidates.size() > 1) {
    SpfProblem p;
    p.code = SpfProblemCode::multiple_records;
    p.severity = spf_problem_severity(p.code);
    p.detail = std::to_string(s.candidates.size());
    s.problems.push_back(std::move(p));
  }
  return s;
}

}  // namespace

std::string_view spf_problem_name(SpfProblemCode code) { return kSpfProblems[size_t(code)].name; }
RecordSeverity spf_problem_severity(SpfProblemCode code) { return kSpfProblems[size_t(code)].severity; }
std::string_view spf_problem_reference(SpfProblemCode code) { return kSpfProblems[size_t(code)].reference; }
std::span<const std::string_view> spf_problem_codes() { return kSpfProblemNames; }

char spf_qualifier_char(SpfQualifier q) {
  switch (q) {
    case SpfQualifier::pass: return '+';
    case SpfQualifier::fail: return '-';
    case SpfQualifier::softfail: return '~';
    case SpfQualifier::neutral: return '?';
  }
  return '+';
}

std::string_view spf_term_kind_name(SpfTermKind k) {
  switch (k) {
    case SpfTermKind::all: return "all";
    case SpfTermKind::include: return "include";
    case SpfTermKind::a: return "a";
    case SpfTermKind::mx: return "mx";
    case SpfTermKind::ptr: return "ptr";
    case SpfTermKind::ip4: return "ip4";
    case SpfTermKind::ip6: return "ip6";
    case SpfTermKind::exists: return "exists";
    case SpfTermKind::redirect: return "redirect";
    case SpfTermKind::exp: return "exp";
    case SpfTermKind::unknown_modifier: return "unknown-modifier";
    case SpfTermKind::invalid: return "invalid";
  }
  return "invalid";
}

bool SpfRecord::has_errors() const {
  return std::any_of(problems.begin(), problems.end(),
                     [](const SpfProblem& p) { return p.severity == RecordSeverity::error; });
}

SpfRecord parse_spf(std::string_view text) { return SpfParser(text).run(); }

bool is_spf_record(std::string_view text) {
  // §4.5: "discard records that do not begin with a version section of
  // exactly "v=spf1". Note that the version section is terminated by either
  // an SP character or the end of the record." ABNF strings are
  // case-insensitive (RFC 5234 §2.3).
  return text.size() >= 6 && iequals(text.substr(0, 6), "v=spf1") && (text.size() == 6 || text[6] == ' ');
}

SpfSelection find_spf_record(std::span<const std::string> txt_records) { return select_spf(txt_records); }
SpfSelection find_spf_record(std::span<const std::string_view> txt_records) { return select_spf(txt_records); }

}  // namespace mxray
