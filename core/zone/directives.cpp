// The zone parser's directives (RFC 1035 §5.1 and BIND's $GENERATE):
// $ORIGIN, $TTL, $INCLUDE (through the shell's IncludeResolver) and
// $GENERATE, whose records go through the record parser.
#include <cstdio>
#include <cstring>

#include "dns/types.h"
#include "zone/parser_impl.h"

namespace mxray {

void ZoneParser::Impl::directive(Source& s) {
  const Entry& e = entry;
  const auto& t = e.tokens;
  std::string_view name = t[0].text;
  auto is = [&](std::string_view d) {
    if (name.size() != d.size()) return false;
    for (size_t i = 0; i < d.size(); ++i)
      if ((name[i] >= 'a' && name[i] <= 'z' ? char(name[i] - 32) : name[i]) != d[i]) return false;
    return true;
  };
  if (is("$ORIGIN")) {
    if (t.size() != 2) return bad_directive(s, t.size() < 2 ? t[0] : t[2], "$ORIGIN");
    WireName o;
    NameError err = parse_name(t[1].text, origin.view(), o);
    if (t[1].quoted || err != NameError::none) {
      report_at(t[1].quoted ? Code::bad_name : name_error_code(err), s, e, t[1], "origin", "$ORIGIN");
      ++zone.rejected_records;
      return;
    }
    origin = o;
    if (zone.apex.empty()) zone.apex.assign(o.view());
    return;
  }
  if (is("$TTL")) {
    if (t.size() != 2) return bad_directive(s, t.size() < 2 ? t[0] : t[2], "$TTL");
    uint32_t v;
    if (t[1].quoted || parse_period(t[1].text, v) != NumberStatus::ok) {
      report_at(Code::bad_ttl, s, e, t[1], "TTL", "$TTL");
      ++zone.rejected_records;
      return;
    }
    if (v > kMaxTtl) {
      report_at(Code::ttl_too_large, s, e, t[1], "TTL", "$TTL");
      v = 0;
    }
    default_ttl = v;
    return;
  }
  if (is("$INCLUDE")) return include(s);
  if (is("$GENERATE")) return generate(s);
  bad_directive(s, t[0], "");
}

void ZoneParser::Impl::bad_directive(const Source& s, const TextToken& at, std::string_view which) {
  report_at(Code::bad_directive, s, entry, at, {}, which.empty() ? at.text : which);
  ++zone.rejected_records;
}

void ZoneParser::Impl::include(const Source& s) {
  const Entry& e = entry;
  const auto& t = e.tokens;
  if (t.size() < 2 || t.size() > 3) return bad_directive(s, t.size() < 2 ? t[0] : t[3], "$INCLUDE");
  std::string path;
  if (!unescape(t[1].text, path)) return bad_directive(s, t[1], "$INCLUDE");
  WireName new_origin = origin;
  if (t.size() == 3) {
    NameError err = parse_name(t[2].text, origin.view(), new_origin);
    if (err != NameError::none) {
      report_at(name_error_code(err), s, e, t[2], "origin", "$INCLUDE");
      ++zone.rejected_records;
      return;
    }
  }
  for (uint32_t f : open_files) {
    if (zone.files[f] != path) continue;
    report_at(Code::include_loop, s, e, t[1], {}, "$INCLUDE", path);
    ++zone.rejected_records;
    return;
  }
  if (open_files.size() - 1 >= options.limits.max_include_depth) {
    report_at(Code::include_depth, s, e, t[1], {}, "$INCLUDE", std::to_string(options.limits.max_include_depth));
    ++zone.rejected_records;
    return;
  }
  if (includes_asked >= options.limits.max_includes) {
    // Once: a zone that passes it usually does so by thousands.
    if (includes_asked++ == options.limits.max_includes)
      report_at(Code::include_limit, s, e, t[1], {}, "$INCLUDE", std::to_string(options.limits.max_includes));
    ++zone.rejected_records;
    return;
  }
  ++includes_asked;
  IncludeFile file;
  if (includes) file = includes(path);
  if (file.outside) {
    report_at(Code::include_outside, s, e, t[1], {}, "$INCLUDE", path);
    ++zone.rejected_records;
    return;
  }
  std::optional<std::string>& text = file.text;
  if (!text) {
    report_at(Code::include_not_found, s, e, t[1], {}, "$INCLUDE", path);
    ++zone.rejected_records;
    return;
  }
  if (text->size() > options.limits.max_input_bytes - included_bytes) {
    report_at(Code::input_too_large, s, e, t[1], {}, "$INCLUDE", std::to_string(options.limits.max_input_bytes));
    ++zone.rejected_records;
    return;
  }
  included_bytes += text->size();
  // RFC 1035 §5.1: the included file starts from the given origin, and
  // neither its $ORIGIN nor its owners leak back into the parent.
  const WireName saved_origin = origin, saved_owner = owners[owner_slot];
  const bool saved_has_owner = has_last_owner;
  // Entries of the parent refer into the parent's buffer; the include
  // needs its own entry.
  Entry saved_entry = std::move(entry);
  entry = Entry{};
  origin = new_origin;
  zone.files.push_back(path);
  Source inc;
  inc.data = text->data();
  inc.size = text->size();
  inc.file = uint32_t(zone.files.size() - 1);
  inc.final = true;
  inc.max_entry = options.limits.max_entry_bytes;
  if (inc.size >= 3 && std::memcmp(inc.data, "\xEF\xBB\xBF", 3) == 0) {
    inc.pos = 3;
    inc.line_start = 3;
    report(Code::utf8_bom, inc.file, 1, 1, 1, {});
  }
  open_files.push_back(inc.file);
  parse_source(inc);
  open_files.pop_back();
  entry = std::move(saved_entry);
  origin = saved_origin;
  owners[owner_slot] = saved_owner;
  has_last_owner = saved_has_owner;
}

void ZoneParser::Impl::generate(const Source& s) {
  const Entry& e = entry;
  const auto& t = e.tokens;
  if (t.size() < 5) {
    const TextToken& last = t.back();
    report(Code::bad_generate, s.file, last.line, last.column + uint32_t(last.text.size()), e.first_line, "",
           t.size() < 2   ? "range"
           : t.size() < 3 ? "lhs"
                          : "type",
           "$GENERATE");
    ++zone.rejected_records;
    return;
  }
  uint64_t start, stop, step = 1;
  {
    std::string_view r = t[1].text;
    size_t dash = r.find('-');
    size_t slash = r.find('/');
    std::string_view a = r.substr(0, dash);
    std::string_view b =
        dash == std::string_view::npos
            ? std::string_view{}
            : r.substr(dash + 1, slash == std::string_view::npos ? std::string_view::npos : slash - dash - 1);
    bool ok = dash != std::string_view::npos && parse_decimal(a, 0xffffffffu, start) == NumberStatus::ok &&
              parse_decimal(b, 0xffffffffu, stop) == NumberStatus::ok && start <= stop;
    if (ok && slash != std::string_view::npos)
      ok = parse_decimal(r.substr(slash + 1), 0xffffffffu, step) == NumberStatus::ok && step > 0;
    if (!ok || t[1].quoted) {
      report_at(Code::bad_generate, s, e, t[1], "range", "$GENERATE");
      ++zone.rejected_records;
      return;
    }
  }
  const uint64_t count = (stop - start) / step + 1;
  if (count > options.limits.max_generate) {
    report_at(Code::generate_limit, s, e, t[1], "range", "$GENERATE", std::to_string(options.limits.max_generate));
    ++zone.rejected_records;
    return;
  }
  // Tokens after the range: lhs [ttl] [class] type rhs...; the lhs and
  // every rhs token take the iterator.
  const size_t first_generated = zone.size();
  std::vector<std::string> texts(t.size() - 2);
  std::vector<TextToken> tokens(t.size() - 2);
  for (uint64_t v = start; v <= stop; v += step) {
    for (size_t k = 2; k < t.size(); ++k) {
      TextToken tk = t[k];
      bool substitute = k == 2 || k >= rhs_index(t);
      if (substitute) {  // quoted rhs too, as BIND 9.18 does
        if (!expand(t[k].text, v, texts[k - 2])) {
          report_at(Code::bad_generate, s, e, t[k], k == 2 ? "lhs" : "rhs", "$GENERATE");
          ++zone.rejected_records;
          return;
        }
        tk.text = texts[k - 2];
      }
      tokens[k - 2] = tk;
    }
    if (!record(s, e, tokens, false, kRecordGenerated, {})) {
      // One report for the directive, not one per iteration, and none of
      // its records kept, as BIND and dnspython reject the whole directive.
      zone.truncate(first_generated);
      ++zone.rejected_records;
      return;
    }
    const RecordView made = zone.record(zone.size() - 1);
    generated_bytes += Zone::kRecordSlotBytes + made.owner.length + made.rdata.size();
    if (generated_bytes > options.limits.max_generate_bytes) {
      report_at(Code::generate_limit, s, e, t[1], "range", "$GENERATE",
                std::to_string(options.limits.max_generate_bytes) + " bytes");
      zone.truncate(first_generated);
      ++zone.rejected_records;
      return;
    }
    if (stop - v < step) break;
  }
}

size_t ZoneParser::Impl::rhs_index(const std::vector<TextToken>& t) {
  size_t i = 3;
  for (int k = 0; k < 2 && i < t.size(); ++k)
    if (parse_class_name(t[i].text) || starts_with_digit(t[i].text)) ++i;
  return i + 1;
}

bool ZoneParser::Impl::expand(std::string_view tpl, uint64_t value, std::string& out) {
  out.clear();
  for (size_t i = 0; i < tpl.size(); ++i) {
    char c = tpl[i];
    if (c == '\\' && i + 1 < tpl.size()) {
      out.push_back(c);
      out.push_back(tpl[++i]);
      continue;
    }
    if (c != '$') {
      out.push_back(c);
      continue;
    }
    int64_t offset = 0;
    uint64_t width = 0;
    char base = 'd';
    if (i + 1 < tpl.size() && tpl[i + 1] == '{') {
      size_t close = tpl.find('}', i + 2);
      if (close == std::string_view::npos) return false;
      std::string_view spec = tpl.substr(i + 2, close - i - 2);
      i = close;
      size_t c1 = spec.find(',');
      std::string_view off = spec.substr(0, c1);
      bool neg = !off.empty() && off[0] == '-';
      if (neg || (!off.empty() && off[0] == '+')) off.remove_prefix(1);
      uint64_t o;
      if (parse_decimal(off, 0xffffffffu, o) != NumberStatus::ok) return false;
      offset = neg ? -int64_t(o) : int64_t(o);
      if (c1 != std::string_view::npos) {
        std::string_view rest = spec.substr(c1 + 1);
        size_t c2 = rest.find(',');
        if (parse_decimal(rest.substr(0, c2), 255, width) != NumberStatus::ok) return false;
        if (c2 != std::string_view::npos) {
          std::string_view b = rest.substr(c2 + 1);
          if (b.size() != 1 || std::string_view("doxXnN").find(b[0]) == std::string_view::npos) return false;
          base = b[0];
        }
      }
    }
    int64_t n = int64_t(value) + offset;
    if (n < 0) return false;
    char buf[80];
    int len = 0;
    switch (base) {
      case 'o': len = std::snprintf(buf, sizeof buf, "%0*llo", int(width), static_cast<unsigned long long>(n)); break;
      case 'x': len = std::snprintf(buf, sizeof buf, "%0*llx", int(width), static_cast<unsigned long long>(n)); break;
      case 'X': len = std::snprintf(buf, sizeof buf, "%0*llX", int(width), static_cast<unsigned long long>(n)); break;
      case 'n':
      case 'N': {
        // Nibbles, least significant first, dot separated (for ip6.arpa).
        const char* digits = base == 'n' ? "0123456789abcdef" : "0123456789ABCDEF";
        uint64_t x = uint64_t(n);
        std::string nib;
        // The width counts characters, dots included (BIND, dnspython).
        do {
          if (!nib.empty()) nib.push_back('.');
          nib.push_back(digits[x & 15]);
          x >>= 4;
        } while (x || nib.size() < width);
        out.append(nib);
        continue;
      }
      default: len = std::snprintf(buf, sizeof buf, "%0*lld", int(width), static_cast<long long>(n));
    }
    if (len < 0 || size_t(len) >= sizeof buf) return false;
    out.append(buf, size_t(len));
  }
  return true;
}

}  // namespace mxray
