// The SvcParams of SVCB and HTTPS RDATA (RFC 9460): keys, values and the
// rules between them.
#include "dns/rdata_impl.h"

#include <algorithm>
#include <vector>

namespace mxray::rdata_impl {
namespace {

// RFC 9460 §14.3.2 key registry.
constexpr std::string_view kSvcKeys[] = {"mandatory", "alpn", "no-default-alpn", "port", "ipv4hint", "ech", "ipv6hint"};

bool parse_svc_key(std::string_view t, uint16_t& key) {
  for (size_t i = 0; i < std::size(kSvcKeys); ++i)
    if (t == kSvcKeys[i]) {
      key = uint16_t(i);
      return true;
    }
  if (t.size() > 3 && t.substr(0, 3) == "key") {
    uint64_t v;
    std::string_view digits = t.substr(3);
    // No leading zeros (RFC 9460 §2.1: keyNNNNN without leading zeros).
    if (digits.size() > 1 && digits[0] == '0') return false;
    if (parse_decimal(digits, 65535, v) != NumberStatus::ok) return false;
    key = uint16_t(v);
    return true;
  }
  return false;
}

void append_svc_key(std::string& out, uint16_t key) {
  if (key < std::size(kSvcKeys)) {
    out.append(kSvcKeys[key]);
  } else {
    out.append("key");
    append_uint(out, key);
  }
}

// Splits an unescaped value list on commas; `\,` was resolved by the caller
// marking escaped commas, so here items come from the raw text.
bool split_value_list(std::string_view raw, std::vector<std::string>& items) {
  items.clear();
  std::string cur;
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '\\') {
      if (i + 1 >= raw.size()) return false;
      if (is_digit(raw[i + 1])) {
        if (i + 3 >= raw.size() || !is_digit(raw[i + 2]) || !is_digit(raw[i + 3])) return false;
        unsigned v = unsigned(raw[i + 1] - '0') * 100 + unsigned(raw[i + 2] - '0') * 10 + unsigned(raw[i + 3] - '0');
        if (v > 255) return false;
        cur.push_back(char(v));
        i += 3;
      } else {
        cur.push_back(raw[++i]);
      }
    } else if (c == ',') {
      items.push_back(std::move(cur));
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  items.push_back(std::move(cur));
  return true;
}

bool parse_svc_value(uint16_t key, std::string_view raw_text, bool has_value, std::string& w) {
  // Two levels of escapes (RFC 9460 Appendix A.1): the value is first a
  // <character-string>, then a comma-separated list in which "\," is a comma
  // inside an item.
  std::string raw_storage;
  if (!unescape(raw_text, raw_storage)) return false;
  std::string_view raw = raw_storage;
  std::vector<std::string> items;
  switch (key) {
    case 0: {  // mandatory: list of keys, sorted, no duplicates
      if (!has_value || !split_value_list(raw, items)) return false;
      std::vector<uint16_t> keys;
      for (auto& it : items) {
        uint16_t k;
        if (!parse_svc_key(it, k) || k == 0) return false;
        keys.push_back(k);
      }
      std::sort(keys.begin(), keys.end());
      if (std::adjacent_find(keys.begin(), keys.end()) != keys.end()) return false;
      for (uint16_t k : keys) put16(w, k);
      return true;
    }
    case 1: {  // alpn: non-empty ids, each with a length octet
      if (!has_value || !split_value_list(raw, items)) return false;
      for (auto& it : items) {
        if (it.empty() || it.size() > 255) return false;
        w.push_back(char(it.size()));
        w.append(it);
      }
      return true;
    }
    case 2:  // no-default-alpn: no value
      return !has_value || raw.empty();
    case 3: {
      uint64_t v;
      if (!has_value || parse_decimal(raw, 65535, v) != NumberStatus::ok) return false;
      put16(w, uint16_t(v));
      return true;
    }
    case 4:
    case 6: {
      if (!has_value || !split_value_list(raw, items)) return false;
      for (auto& it : items) {
        uint8_t a[16];
        if (key == 4) {
          if (!parse_ipv4(it, a)) return false;
          w.append(reinterpret_cast<char*>(a), 4);
        } else {
          if (!parse_ipv6(it, a)) return false;
          w.append(reinterpret_cast<char*>(a), 16);
        }
      }
      return true;
    }
    case 5:  // ech: base64 ECHConfigList
      return has_value && !raw.empty() && decode_base64(raw, w);
    default: w.append(raw); return true;
  }
}

// Writes an item of a value list with commas and backslashes escaped.
void append_list_item(std::string& out, std::string_view item) {
  for (char c : item) {
    uint8_t u = uint8_t(c);
    if (c == ',' || c == '\\') {
      // Escaped for the list, then that backslash escaped for the string.
      out.append(c == ',' ? "\\\\," : "\\\\\\\\");
    } else if (u < 0x21 || u > 0x7e || c == '"' || c == ';' || c == '(' || c == ')') {
      append_decimal_escape(out, u);
    } else {
      out.push_back(c);
    }
  }
}

// True when the SvcParams in wire form `w` have a parameter `key`.
bool svc_key_present(std::string_view w, uint16_t key) {
  for (size_t p = 0; p + 4 <= w.size();) {
    uint16_t k = get16(w, p), len = get16(w, p + 2);
    if (k == key) return true;
    p += 4 + size_t(len);
  }
  return false;
}

bool print_svc_params(std::string& out, std::string_view w) {
  size_t p = 0;
  int32_t last = -1;
  while (p < w.size()) {
    if (p + 4 > w.size()) return false;
    uint16_t key = get16(w, p), len = get16(w, p + 2);
    p += 4;
    if (int32_t(key) <= last || p + len > w.size()) return false;
    last = key;
    std::string_view v = w.substr(p, len);
    p += len;
    out.push_back(' ');
    append_svc_key(out, key);
    switch (key) {
      case 0: {
        // Keys listed once, in increasing order, never "mandatory" itself,
        // and each present in this RDATA (RFC 9460 §8).
        if (len == 0 || len % 2) return false;
        out.push_back('=');
        int32_t prev = 0;
        for (size_t i = 0; i < len; i += 2) {
          uint16_t k = get16(v, i);
          if (int32_t(k) <= prev || !svc_key_present(w, k)) return false;
          prev = k;
          if (i) out.push_back(',');
          append_svc_key(out, k);
        }
        break;
      }
      case 1: {
        if (len == 0) return false;
        out.push_back('=');
        size_t i = 0;
        bool first = true;
        while (i < len) {
          uint8_t l = uint8_t(v[i++]);
          if (l == 0 || i + l > len) return false;
          if (!first) out.push_back(',');
          first = false;
          append_list_item(out, v.substr(i, l));
          i += l;
        }
        break;
      }
      case 2:
        if (len) return false;
        break;
      case 3:
        if (len != 2) return false;
        out.push_back('=');
        append_uint(out, get16(v, 0));
        break;
      case 4:
      case 6: {
        size_t step = key == 4 ? 4 : 16;
        if (len == 0 || len % step) return false;
        out.push_back('=');
        for (size_t i = 0; i < len; i += step) {
          if (i) out.push_back(',');
          if (key == 4)
            append_ipv4(out, reinterpret_cast<const uint8_t*>(v.data() + i));
          else
            append_ipv6(out, reinterpret_cast<const uint8_t*>(v.data() + i));
        }
        break;
      }
      case 5:
        out.push_back('=');
        append_base64(out, v);
        break;
      default:
        if (len) {
          out.push_back('=');
          append_quoted(out, v);
        }
    }
  }
  return true;
}

struct SvcParam {
  uint16_t key;
  std::string value;
};

// The key[=value] items, each key once; a value may be quoted and follow
// `key=` as a token of its own.
bool collect_svc_params(Cursor& c, std::vector<SvcParam>& params, RdataError& err) {
  const auto& tk = c.tokens;
  while (c.pos < tk.size()) {
    err.token = c.pos;
    const TextToken& kt = tk[c.pos];
    if (kt.quoted) return false;
    std::string_view item = kt.text;
    size_t eq = item.find('=');
    std::string_view key_text = item.substr(0, eq);
    std::string_view raw;
    bool has_value = eq != std::string_view::npos;
    if (has_value) {
      raw = item.substr(eq + 1);
      if (raw.empty() && c.pos + 1 < tk.size() && tk[c.pos + 1].quoted) raw = tk[++c.pos].text;
    }
    ++c.pos;
    uint16_t key;
    if (!parse_svc_key(key_text, key)) return false;
    for (const SvcParam& p : params)
      if (p.key == key) return false;  // a key may appear once
    std::string value;
    if (!parse_svc_value(key, raw, has_value, value) || value.size() > 65535) return false;
    params.push_back({key, std::move(value)});
  }
  return true;
}

// RFC 9460 §8: every key that "mandatory" lists must be present. `params`
// are sorted by key.
bool mandatory_keys_present(const std::vector<SvcParam>& params) {
  if (params.empty() || params[0].key != 0) return true;
  const std::string& m = params[0].value;
  for (size_t k = 0; k + 1 < m.size(); k += 2) {
    uint16_t need = uint16_t((uint8_t(m[k]) << 8) | uint8_t(m[k + 1]));
    bool present = false;
    for (const SvcParam& q : params) present = present || q.key == need;
    if (!present) return false;
  }
  return true;
}

}  // namespace

bool parse_svc_params_rest(Cursor& c, std::string& w, RdataError& err) {
  std::vector<SvcParam> params;
  if (!collect_svc_params(c, params, err)) return false;
  std::sort(params.begin(), params.end(), [](const SvcParam& a, const SvcParam& b) { return a.key < b.key; });
  if (!mandatory_keys_present(params)) {
    err.token = c.tokens.size() - 1;
    return false;
  }
  for (const SvcParam& p : params) {
    put16(w, p.key);
    put16(w, uint16_t(p.value.size()));
    w.append(p.value);
  }
  return true;
}

bool print_svc_params_rest(std::string& out, std::string_view w, size_t& p) {
  if (!out.empty() && out.back() == ' ') out.pop_back();
  if (!print_svc_params(out, w.substr(p))) return false;
  p = w.size();
  return true;
}

}  // namespace mxray::rdata_impl
