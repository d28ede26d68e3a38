// The SvcParams of SVCB and HTTPS RDATA (RFC 9460): keys, values and the
// rules between them.
#include "dns/rdata_impl.h"

#include <algorithm>
#include <vector>

namespace mxray::rdata_impl {
namespace {

// The IANA SvcParamKeys registry (RFC 9460 §14.3.2 and later entries; see
// docs/sources.md#svcparamkeys for the snapshot): the name of key N is kSvcKeys[N].
constexpr std::string_view kSvcKeys[] = {
    "mandatory",             // 0, RFC 9460 §8
    "alpn",                  // 1, RFC 9460 §7.1
    "no-default-alpn",       // 2, RFC 9460 §7.1
    "port",                  // 3, RFC 9460 §7.2
    "ipv4hint",              // 4, RFC 9460 §7.3
    "ech",                   // 5, RFC 9849 §9 (ECHConfigList)
    "ipv6hint",              // 6, RFC 9460 §7.3
    "dohpath",               // 7, RFC 9461 §5: a URI Template, single value
    "ohttp",                 // 8, RFC 9540 §4: no value
    "tls-supported-groups",  // 9, draft-ietf-tls-key-share-prediction §3.1: u16 list
    "docpath",               // 10, RFC 9953 §5: path segments, as alpn
    "pvd",                   // 11, draft-ietf-intarea-proxy-config §2.1: no value
    "oots",                  // 12, draft-johani-dnsop-svcb-oots: transport:percent list
};
enum SvcKey : uint16_t {
  kMandatory = 0,
  kAlpn = 1,
  kNoDefaultAlpn = 2,
  kPort = 3,
  kIpv4Hint = 4,
  kEch = 5,
  kIpv6Hint = 6,
  kDohPath = 7,
  kOhttp = 8,
  kTlsGroups = 9,
  kDocPath = 10,
  kPvd = 11,
  kOots = 12,
};

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

// Splits a value list (RFC 9460 Appendix A.1). `raw` has had its
// <character-string> escapes resolved already; in the list only "\\," (a
// comma inside an item) and "\\\\" (a backslash) are escapes, so "\\092"
// here is an error, never a second decoding.
bool split_value_list(std::string_view raw, std::vector<std::string>& items) {
  items.clear();
  std::string cur;
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '\\') {
      if (i + 1 >= raw.size() || (raw[i + 1] != ',' && raw[i + 1] != '\\')) return false;
      cur.push_back(raw[++i]);
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

// RFC 9461 §5: the URI Template (RFC 6570 §2.2, §2.3) has a variable "dns"
// in one of its expressions: "{?dns}", "{&x,dns}", "{dns:10}".
bool has_dns_variable(std::string_view t) {
  for (size_t open = t.find('{'); open != std::string_view::npos; open = t.find('{', open + 1)) {
    size_t close = t.find('}', open);
    if (close == std::string_view::npos) return false;
    std::string_view expr = t.substr(open + 1, close - open - 1);
    if (!expr.empty() && std::string_view("+#./;?&").find(expr[0]) != std::string_view::npos) expr.remove_prefix(1);
    while (!expr.empty()) {
      size_t comma = expr.find(',');
      std::string_view var = expr.substr(0, comma);
      var = var.substr(0, var.find_first_of(":*"));
      if (var == "dns") return true;
      if (comma == std::string_view::npos) break;
      expr.remove_prefix(comma + 1);
    }
  }
  return false;
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
    case kAlpn:       // non-empty ids, each with a length octet (RFC 9460 §7.1.1)
    case kDocPath: {  // the same shape; no value is the root path (RFC 9953 §5)
      if (key == kDocPath && !has_value) return true;
      if (!has_value || !split_value_list(raw, items)) return false;
      for (auto& it : items) {
        if (it.empty() || it.size() > 255) return false;
        w.push_back(char(it.size()));
        w.append(it);
      }
      return true;
    }
    case kNoDefaultAlpn:  // no value, not even an empty one (RFC 9460 §7.1.1)
    case kOhttp:          // RFC 9540 §4
    case kPvd: return !has_value;
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
    case kDohPath:  // one URI Template, UTF-8, with the "dns" variable (RFC 9461 §5)
      if (!has_value || !has_dns_variable(raw)) return false;
      w.append(raw);
      return true;
    case kTlsGroups: {  // decimal u16s, each once
      if (!has_value || !split_value_list(raw, items)) return false;
      std::vector<uint16_t> seen;
      for (auto& it : items) {
        uint64_t v;
        if (parse_decimal(it, 0xffff, v) != NumberStatus::ok) return false;
        if (std::find(seen.begin(), seen.end(), uint16_t(v)) != seen.end()) return false;
        seen.push_back(uint16_t(v));
        put16(w, uint16_t(v));
      }
      return true;
    }
    case kOots: {  // transport:percent, transports 1..255 octets and each once, percent 0..100
      if (!has_value || !split_value_list(raw, items)) return false;
      std::vector<std::string> seen;
      for (auto& it : items) {
        size_t colon = it.rfind(':');
        uint64_t pct;
        if (colon == std::string::npos || colon == 0 || colon > 255) return false;
        if (parse_decimal(std::string_view(it).substr(colon + 1), 100, pct) != NumberStatus::ok) return false;
        std::string transport = it.substr(0, colon);
        if (std::find(seen.begin(), seen.end(), transport) != seen.end()) return false;
        w.push_back(char(transport.size()));
        w.append(transport);
        w.push_back(char(pct));
        seen.push_back(std::move(transport));
      }
      return true;
    }
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
  if (svc_key_present(w, kNoDefaultAlpn) && !svc_key_present(w, kAlpn)) return false;  // RFC 9460 §7.1.1
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
      case kAlpn:
      case kDocPath: {
        if (len == 0) {
          if (key == kDocPath) break;  // the root path: no value
          return false;
        }
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
      case kNoDefaultAlpn:
      case kOhttp:
      case kPvd:
        if (len) return false;
        break;
      case kDohPath:
        if (len == 0 || !has_dns_variable(v)) return false;
        out.push_back('=');
        append_quoted(out, v);
        break;
      case kTlsGroups: {
        if (len == 0 || len % 2) return false;
        out.push_back('=');
        for (size_t i = 0; i < len; i += 2) {
          for (size_t j = 0; j < i; j += 2)
            if (get16(v, j) == get16(v, i)) return false;
          if (i) out.push_back(',');
          append_uint(out, get16(v, i));
        }
        break;
      }
      case kOots: {
        if (len == 0) return false;
        out.push_back('=');
        std::vector<std::string_view> seen;
        for (size_t i = 0; i < len;) {
          size_t n = uint8_t(v[i]);
          if (n == 0 || i + 1 + n + 1 > len) return false;
          std::string_view transport = v.substr(i + 1, n);
          uint8_t pct = uint8_t(v[i + 1 + n]);
          if (pct > 100 || std::find(seen.begin(), seen.end(), transport) != seen.end()) return false;
          seen.push_back(transport);
          if (i) out.push_back(',');
          append_list_item(out, transport);
          out.push_back(':');
          append_uint(out, pct);
          i += n + 2;
        }
        break;
      }
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
  size_t token;  // where the key was written, for the error
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
      if (raw.empty() && c.pos + 1 < tk.size() && tk[c.pos + 1].quoted) {
        raw = tk[++c.pos].text;
        // Shown whole if it is wrong: key, "=" and the quoted value.
        err.shown.assign(item).append("\"").append(raw).append("\"");
      }
    }
    ++c.pos;
    uint16_t key;
    if (!parse_svc_key(key_text, key)) return false;
    for (const SvcParam& p : params)
      if (p.key == key) return false;  // a key may appear once
    std::string value;
    if (!parse_svc_value(key, raw, has_value, value) || value.size() > 65535) return false;
    err.shown.clear();
    params.push_back({key, std::move(value), err.token});
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

// RFC 9460 §7.1.1: with "no-default-alpn", "alpn" must be there too for
// the RR to be self-consistent (§2.4.3: zone-file tools SHOULD check). On
// failure `token` is where no-default-alpn was written.
bool alpn_consistent(const std::vector<SvcParam>& params, size_t& token) {
  bool alpn = false, no_default = false;
  for (const SvcParam& p : params) {
    alpn = alpn || p.key == kAlpn;
    if (p.key == kNoDefaultAlpn) {
      no_default = true;
      token = p.token;
    }
  }
  return alpn || !no_default;
}

}  // namespace

bool parse_svc_params_rest(Cursor& c, std::string& w, RdataError& err) {
  std::vector<SvcParam> params;
  if (!collect_svc_params(c, params, err)) return false;
  std::sort(params.begin(), params.end(), [](const SvcParam& a, const SvcParam& b) { return a.key < b.key; });
  if (!mandatory_keys_present(params)) {
    err.token = params[0].token;  // the "mandatory" key, which comes first once sorted
    return false;
  }
  if (size_t at = 0; !alpn_consistent(params, at)) {
    err.token = at;
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
