#include "zone/cf_tags.h"

namespace mxray {
namespace {

inline bool is_blank(char c) { return c == ' ' || c == '\t'; }

// The tags start after the last "cf_tags=" that begins the comment or follows
// a blank: a comment that itself mentions cf_tags= is followed by an extra
// " cf_tags=" at the end of the line, which then holds the (empty) tags.
size_t find_tags(std::string_view c) {
  size_t at = c.rfind(kCfTagsKey);
  while (at != std::string_view::npos) {
    if (at == 0 || is_blank(c[at - 1])) return at + kCfTagsKey.size();
    if (at == 0) break;
    at = c.rfind(kCfTagsKey, at - 1);
  }
  return std::string_view::npos;
}

}  // namespace

CfTagsStatus parse_cf_tags(std::string_view comment, CfTags& out) {
  size_t p = find_tags(comment);
  if (p == std::string_view::npos) return CfTagsStatus::none;
  std::string_view c = comment;
  while (!c.empty() && is_blank(c.back())) c.remove_suffix(1);
  while (p < c.size()) {
    size_t name_start = p;
    while (p < c.size() && c[p] != ':' && c[p] != ',') ++p;
    std::string_view name = c.substr(name_start, p - name_start);
    if (name.empty() || name.find_first_of(" \t\"") != std::string_view::npos) return CfTagsStatus::malformed;
    std::string value;
    if (p < c.size() && c[p] == ':') {
      ++p;
      if (p < c.size() && c[p] == '"') {
        // A JSON string: \" and \\ (and the other JSON escapes) inside.
        ++p;
        bool closed = false;
        while (p < c.size()) {
          char ch = c[p++];
          if (ch == '"') {
            closed = true;
            break;
          }
          if (ch == '\\') {
            if (p >= c.size()) return CfTagsStatus::malformed;
            char esc = c[p++];
            switch (esc) {
              case 'n': value.push_back('\n'); break;
              case 't': value.push_back('\t'); break;
              case 'r': value.push_back('\r'); break;
              case 'b': value.push_back('\b'); break;
              case 'f': value.push_back('\f'); break;
              case 'u':
                // Kept verbatim: only cf-proxied's value matters here.
                value.append("\\u");
                break;
              default: value.push_back(esc);
            }
          } else {
            value.push_back(ch);
          }
        }
        if (!closed) return CfTagsStatus::malformed;
        if (p < c.size() && c[p] != ',') return CfTagsStatus::malformed;
      } else {
        size_t v = p;
        while (p < c.size() && c[p] != ',') ++p;
        value.assign(c.substr(v, p - v));
        if (value.find_first_of("\"=\\") != std::string::npos) return CfTagsStatus::malformed;
      }
    }
    if (name == "cf-proxied") {
      if (value == "true")
        out.proxied = Proxied::yes;
      else if (value == "false")
        out.proxied = Proxied::no;
      else
        return CfTagsStatus::malformed;
    } else if (name == "cf-flatten-cname") {
      out.flatten_cname = true;
    }
    if (p < c.size()) ++p;  // the ','
  }
  return CfTagsStatus::ok;
}

}  // namespace mxray
