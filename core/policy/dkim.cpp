#include "policy/dkim.h"

#include <algorithm>
#include <array>
#include <optional>
#include <unordered_set>

#include "dns/rdata.h"
#include "dns/utf8.h"

namespace mxray {
namespace {

struct DkimProblemInfo {
  std::string_view name;
  RecordSeverity severity;
  std::string_view reference;
};

constexpr std::array kDkimProblems{
#define MXRAY_X(id, name, sev, ref) DkimProblemInfo{name, RecordSeverity::sev, ref},
    MXRAY_DKIM_PROBLEMS(MXRAY_X)
#undef MXRAY_X
};

constexpr std::array kDkimProblemNames = [] {
  std::array<std::string_view, kDkimProblems.size()> names{};
  for (size_t i = 0; i < kDkimProblems.size(); ++i) names[i] = kDkimProblems[i].name;
  return names;
}();

// RFC 8301 §3.2: "Signers MUST use RSA keys of at least 1024 bits for all
// keys. Signers SHOULD use RSA keys of at least 2048 bits." and "Verifiers
// MUST NOT consider signatures using RSA keys of less than 1024 bits as
// valid signatures." A shorter key is an error: its signatures fail.
constexpr uint32_t kRsaMinBits = 1024;
constexpr uint32_t kRsaAdvisedBits = 2048;

// §3.2 tag-spec allows FWS around names and values; in DNS it is WSP, but a
// CRLF pasted in with the key is FWS too.
bool is_fws(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::pair<size_t, size_t> trim(std::string_view s, size_t begin, size_t end) {
  while (begin < end && is_fws(s[begin])) ++begin;
  while (end > begin && is_fws(s[end - 1])) --end;
  return {begin, end};
}

// Decodes base64 with its padding (RFC 4648 §4: the length is a multiple of
// 4, "=" only at the end, at most two). Returns why not, or "".
std::string_view base64_decode(std::string_view in, std::string& out) {
  if (in.size() % 4 != 0) return "length";
  size_t pad = 0;
  while (pad < in.size() && pad < 3 && in[in.size() - 1 - pad] == '=') ++pad;
  if (pad > 2) return "padding";
  const std::string_view body = in.substr(0, in.size() - pad);
  if (body.find('=') != std::string_view::npos) return "padding";
  out.clear();
  out.reserve(body.size() * 3 / 4);
  uint32_t acc = 0;
  int bits = 0;
  for (char c : body) {
    acc = (acc << 6) | uint32_t(base64_value(c));
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(char(uint8_t(acc >> bits)));
    }
  }
  return "";
}

// Just enough DER (ITU-T X.690) to walk a public key: one TLV at a time,
// every length checked against what remains.
struct Der {
  std::string_view bytes;
  size_t pos = 0;

  // Reads one element; false when the encoding is cut short or malformed.
  bool next(uint8_t& tag, std::string_view& content) {
    if (pos + 2 > bytes.size()) return false;
    tag = uint8_t(bytes[pos]);
    size_t len = uint8_t(bytes[pos + 1]);
    size_t at = pos + 2;
    if (len & 0x80) {
      const size_t n = len & 0x7f;
      if (n == 0 || n > 4 || at + n > bytes.size()) return false;
      len = 0;
      for (size_t i = 0; i < n; ++i) len = (len << 8) | uint8_t(bytes[at + i]);
      at += n;
    }
    if (len > bytes.size() - at) return false;
    content = bytes.substr(at, len);
    pos = at + len;
    return true;
  }
  bool done() const { return pos == bytes.size(); }
};

constexpr uint8_t kSequence = 0x30, kInteger = 0x02, kBitString = 0x03, kOid = 0x06;
// 1.2.840.113549.1.1.1 rsaEncryption, 1.3.101.112 id-Ed25519 (RFC 8410 §3)
constexpr std::string_view kRsaOid("\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01", 9);
constexpr std::string_view kEd25519Oid("\x2b\x65\x70", 3);
// The 12 octets in front of the key in an Ed25519 SubjectPublicKeyInfo.
constexpr std::string_view kEd25519SpkiPrefix("\x30\x2a\x30\x05\x06\x03\x2b\x65\x70\x03\x21\x00", 12);

enum class KeyShape : uint8_t { not_der, rsa_spki, rsa_pkcs1, ed25519_spki, other_spki, bad_rsa };

// RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }
// (RFC 8017 §A.1.1). `bits` is the modulus size. The whole of `der` must be
// that one SEQUENCE.
bool rsa_public_key(std::string_view der, uint32_t& bits, std::string_view& why) {
  Der outer{der};
  uint8_t tag = 0;
  std::string_view seq, n, e;
  if (!outer.next(tag, seq) || tag != kSequence) return why = "structure", false;
  if (!outer.done()) return why = "trailing-bytes", false;
  Der inner{seq};
  if (!inner.next(tag, n) || tag != kInteger || !inner.next(tag, e) || tag != kInteger || !inner.done())
    return why = "structure", false;
  if (n.empty() || (uint8_t(n[0]) & 0x80)) return why = "modulus", false;  // negative
  while (!n.empty() && n[0] == '\0') n.remove_prefix(1);
  if (n.empty()) return why = "modulus", false;
  // An even or unit exponent is no RSA key (RFC 8017 §3.1: e is odd, > 2).
  while (!e.empty() && e[0] == '\0') e.remove_prefix(1);
  if (e.empty() || (uint8_t(e.back()) & 1) == 0 || (e.size() == 1 && uint8_t(e[0]) < 3)) return why = "exponent", false;
  uint32_t top = 0;
  for (auto b = uint8_t(n[0]); b; b >>= 1) ++top;
  bits = uint32_t((n.size() - 1) * 8) + top;
  return true;
}

// SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier,
// subjectPublicKey BIT STRING } (RFC 5280 §4.1), or a bare RSAPublicKey.
KeyShape key_shape(std::string_view der, uint32_t& bits, std::string_view& why) {
  Der outer{der};
  uint8_t tag = 0;
  std::string_view seq;
  if (!outer.next(tag, seq) || tag != kSequence) return why = "structure", KeyShape::not_der;
  if (!outer.done()) return why = "trailing-bytes", KeyShape::not_der;
  Der inner{seq};
  std::string_view first;
  if (!inner.next(tag, first)) return why = "structure", KeyShape::not_der;
  if (tag == kInteger) return rsa_public_key(der, bits, why) ? KeyShape::rsa_pkcs1 : KeyShape::bad_rsa;
  if (tag != kSequence) return why = "structure", KeyShape::not_der;
  Der alg{first};
  std::string_view oid, key;
  if (!alg.next(tag, oid) || tag != kOid) return why = "structure", KeyShape::not_der;
  if (!inner.next(tag, key) || tag != kBitString || !inner.done() || key.empty())
    return why = "structure", KeyShape::not_der;
  if (oid == kEd25519Oid) return key.size() == 33 ? KeyShape::ed25519_spki : KeyShape::other_spki;
  if (oid != kRsaOid) return why = "algorithm", KeyShape::other_spki;
  if (key[0] != '\0') return why = "structure", KeyShape::bad_rsa;  // unused bits
  return rsa_public_key(key.substr(1), bits, why) ? KeyShape::rsa_spki : KeyShape::bad_rsa;
}

class DkimParser {
 public:
  explicit DkimParser(std::string_view text) : text_(text) {}

  DkimKey run() {
    split_tags();
    // A set, not a list: a hostile record of 64 KiB holds thousands of tags.
    std::unordered_set<std::string_view> seen;
    const RecordTag* p = nullptr;
    for (size_t i = 0; i < k_.tags.size(); ++i) {
      const RecordTag& tag = k_.tags[i];
      // §3.2: "Tags with duplicate names MUST NOT occur within a single
      // tag-list; if a tag name does occur more than once, the entire
      // tag-list is invalid." Tag names are case-sensitive.
      if (!seen.insert(tag.name).second) {
        problem(DkimProblemCode::duplicate_tag, tag.offset, tag.length, tag.name);
        continue;
      }
      if (tag.name == "p")
        p = &tag;
      else
        tag_value(tag, i);
    }
    // A quote or a backslash is what a zone file's string syntax leaves
    // behind when `"v=DKIM1; k=rsa; " "p=MIIB..."` or `v=DKIM1\; k=rsa\; ...`
    // is pasted whole into a panel's value field. §3.2 VALCHAR allows both,
    // but no tag takes them except the free text of n=.
    for (size_t i = text_.find_first_of("\"\\"); i != std::string_view::npos; i = text_.find_first_of("\"\\", i + 1)) {
      const bool in_notes = std::any_of(k_.tags.begin(), k_.tags.end(), [&](const RecordTag& t) {
        return t.name == "n" && i >= t.value_offset && i < t.value_offset + t.value.size();
      });
      if (in_notes) continue;
      problem(DkimProblemCode::split_residue, i, 1, text_[i] == '"' ? "quote" : "backslash");
      break;
    }
    // p= last: how the key is read depends on k=, wherever k= stands.
    if (!p) {
      problem(DkimProblemCode::missing_p, 0, text_.size());
    } else {
      key(*p);
    }
    std::stable_sort(k_.problems.begin(), k_.problems.end(),
                     [](const DkimProblem& a, const DkimProblem& b) { return a.offset < b.offset; });
    return std::move(k_);
  }

 private:
  void problem(DkimProblemCode code, size_t offset, size_t length, std::string detail = {}) {
    DkimProblem p;
    p.code = code;
    p.severity = dkim_problem_severity(code);
    p.offset = uint32_t(offset);
    p.length = uint32_t(length);
    p.detail = std::move(detail);
    k_.problems.push_back(std::move(p));
  }

  // §3.2: tag-list = tag-spec *( ";" tag-spec ) [ ";" ]
  //       tag-spec = [FWS] tag-name [FWS] "=" [FWS] tag-value [FWS]
  //       tag-name = ALPHA *ALNUMPUNC
  // Empty specs (";;") are skipped, as verifiers do.
  void split_tags() {
    std::vector<TagListError> errors;
    split_tag_list(text_, k_.tags, errors);
    for (const TagListError& e : errors)
      problem(DkimProblemCode::malformed_tag, e.offset, e.length, std::string(tag_list_problem_name(e.why)));
  }

  // A colon-separated list (h=, s=, t=): items with FWS around the colons.
  // False when an item is empty.
  static bool list(std::string_view v, std::vector<std::string>& out) {
    out.clear();
    size_t start = 0;
    bool ok = true;
    for (;;) {
      const size_t end = std::min(v.find(':', start), v.size());
      const auto [b, e] = trim(v, start, end);
      if (b == e) ok = false;
      out.emplace_back(v.substr(b, e - b));
      if (end == v.size()) break;
      start = end + 1;
    }
    return ok;
  }

  void tag_value(const RecordTag& tag, size_t index) {
    const std::string_view v = tag.value;
    const std::string& name = tag.name;
    if (name == "v") {
      // §3.6.1 v=: "If specified, this tag MUST be set to "DKIM1" ... This
      // tag MUST be the first tag in the record. Records beginning with a
      // "v=" tag with any other value MUST be discarded."
      k_.has_version = true;
      if (index != 0) problem(DkimProblemCode::version_not_first, tag.offset, tag.length);
      if (v != "DKIM1")
        problem(DkimProblemCode::bad_version, tag.value_offset, v.size(), std::string(utf8_prefix(v, 40)));
    } else if (name == "k") {
      k_.key_type_name = std::string(v);
      if (v == "rsa") {
        k_.key_type = DkimKeyType::rsa;
      } else if (v == "ed25519") {
        k_.key_type = DkimKeyType::ed25519;  // RFC 8463 §4.2
      } else {
        // §3.6.1 k=: "Unrecognized key types MUST be ignored": a verifier
        // cannot use the key.
        k_.key_type = DkimKeyType::unknown;
        problem(DkimProblemCode::unknown_key_type, tag.value_offset, v.size(), std::string(utf8_prefix(v, 40)));
      }
    } else if (name == "h") {
      // §3.6.1 h=: "Unrecognized algorithms MUST be ignored." RFC 8301
      // §3.1: "Verifiers MUST NOT consider signatures using rsa-sha1 valid",
      // so a key that allows sha1 alone verifies nothing.
      if (!list(v, k_.hashes)) return problem(DkimProblemCode::bad_value, tag.value_offset, v.size(), "h");
      const bool sha256 = std::find(k_.hashes.begin(), k_.hashes.end(), "sha256") != k_.hashes.end();
      const bool sha1 = std::find(k_.hashes.begin(), k_.hashes.end(), "sha1") != k_.hashes.end();
      if (!sha256) problem(DkimProblemCode::no_usable_hash, tag.value_offset, v.size(), sha1 ? "sha1" : "none");
    } else if (name == "s") {
      // §3.6.1 s=: "*" or "email"; "Unrecognized service types MUST be ignored."
      if (!list(v, k_.services)) return problem(DkimProblemCode::bad_value, tag.value_offset, v.size(), "s");
      if (std::none_of(k_.services.begin(), k_.services.end(),
                       [](const std::string& s) { return s == "*" || s == "email"; }))
        problem(DkimProblemCode::not_for_email, tag.value_offset, v.size(), std::string(utf8_prefix(v, 40)));
    } else if (name == "t") {
      // §3.6.1 t=: y "This domain is testing DKIM", s: no subdomains in i=;
      // "Unrecognized flags MUST be ignored."
      if (!list(v, k_.flags)) return problem(DkimProblemCode::bad_value, tag.value_offset, v.size(), "t");
      k_.testing = std::find(k_.flags.begin(), k_.flags.end(), "y") != k_.flags.end();
      k_.strict_identity = std::find(k_.flags.begin(), k_.flags.end(), "s") != k_.flags.end();
      if (k_.testing) problem(DkimProblemCode::testing, tag.offset, tag.length);
    } else if (name == "n") {
      k_.notes = std::string(v);
    } else {
      // §3.2: "Unrecognized tags MUST be ignored." (g= of RFC 4871 is one.)
      problem(DkimProblemCode::unknown_tag, tag.offset, tag.length, name);
    }
  }

  void key(const RecordTag& tag) {
    k_.has_p = true;
    const std::string_view v = tag.value;
    // §3.6.1 p= is base64string (§2.4): base64 with FWS allowed anywhere.
    // Quote and backslash residue is reported for the whole record (run()).
    std::optional<size_t> space, residue, stray;
    for (size_t i = 0; i < v.size(); ++i) {
      const char c = v[i];
      if (base64_value(c) >= 0 || c == '=') {
        k_.p.push_back(c);
      } else if (is_fws(c)) {
        if (!space) space = i;
      } else if (c == '"' || c == '\\') {
        if (!residue) residue = i;
      } else if (!stray) {
        stray = i;
      }
    }
    const size_t at = tag.value_offset;
    if (k_.p.empty() && !residue && !stray) {
      // §3.6.1: "An empty value means that this public key has been revoked."
      k_.revoked = true;
      problem(DkimProblemCode::revoked, tag.offset, tag.length);
      return;
    }
    // Legal, but a space inside the key is how a split string pasted with
    // a blank between its halves looks: worth a look when the key fails.
    if (space && !residue) problem(DkimProblemCode::key_whitespace, at + *space, 1);
    if (stray) problem(DkimProblemCode::bad_base64, at + *stray, 1, "character");
    const std::string_view why = base64_decode(k_.p, k_.key);
    if (!why.empty()) {
      k_.key.clear();
      if (!residue && !stray) problem(DkimProblemCode::bad_base64, at, v.size(), std::string(why));
      return;
    }
    // With residue the key is still looked at, so the report can say what
    // it would be once the quotes are gone, but only the residue is reported.
    inspect(tag, !residue && !stray);
  }

  void inspect(const RecordTag& tag, bool report) {
    const size_t at = tag.value_offset, len = tag.value.size();
    auto fail = [&](DkimProblemCode code, std::string_view detail) {
      if (report) problem(code, at, len, std::string(detail));
    };
    std::string_view why;
    uint32_t bits = 0;
    switch (k_.key_type) {
      case DkimKeyType::unknown: return;
      case DkimKeyType::ed25519:
        // RFC 8463 §4.2: p= is the base64 of the 32-octet public key itself.
        if (k_.key.size() == 32) {
          k_.format = DkimKeyFormat::ed25519_raw;
          k_.key_bits = 256;
        } else if (k_.key.size() == 44 && std::string_view(k_.key).substr(0, 12) == kEd25519SpkiPrefix) {
          k_.format = DkimKeyFormat::ed25519_spki;
          k_.key_bits = 256;
          fail(DkimProblemCode::ed25519_spki, "44");
        } else {
          const KeyShape shape = key_shape(k_.key, bits, why);
          k_.format = DkimKeyFormat::unparsed;
          if (shape == KeyShape::rsa_spki || shape == KeyShape::rsa_pkcs1)
            fail(DkimProblemCode::key_type_mismatch, "rsa");
          else
            fail(DkimProblemCode::bad_key, std::to_string(k_.key.size()));
        }
        return;
      case DkimKeyType::rsa: break;
    }
    // §3.6.1 k=rsa names an RSAPublicKey; what signers publish (and what
    // `openssl rsa -pubout` writes) is a SubjectPublicKeyInfo holding one.
    // Both are accepted here.
    switch (key_shape(k_.key, bits, why)) {
      case KeyShape::rsa_spki: k_.format = DkimKeyFormat::rsa_spki; break;
      case KeyShape::rsa_pkcs1:
        k_.format = DkimKeyFormat::rsa_pkcs1;
        if (report) problem(DkimProblemCode::rsa_pkcs1, at, len);
        break;
      case KeyShape::ed25519_spki:
        k_.format = DkimKeyFormat::unparsed;
        return fail(DkimProblemCode::key_type_mismatch, "ed25519");
      case KeyShape::other_spki:
        k_.format = DkimKeyFormat::unparsed;
        return fail(DkimProblemCode::key_type_mismatch, "other");
      case KeyShape::not_der:
      case KeyShape::bad_rsa:
        k_.format = DkimKeyFormat::unparsed;
        // 32 octets under k=rsa: an Ed25519 key with k= left out.
        return fail(k_.key.size() == 32 ? DkimProblemCode::key_type_mismatch : DkimProblemCode::bad_key,
                    k_.key.size() == 32 ? "ed25519" : why);
    }
    k_.key_bits = bits;
    if (bits < kRsaMinBits)
      fail(DkimProblemCode::key_too_short, std::to_string(bits));
    else if (bits < kRsaAdvisedBits)
      fail(DkimProblemCode::key_weak, std::to_string(bits));
  }

  std::string_view text_;
  DkimKey k_;
};

}  // namespace

std::string_view dkim_problem_name(DkimProblemCode code) { return kDkimProblems[size_t(code)].name; }
RecordSeverity dkim_problem_severity(DkimProblemCode code) { return kDkimProblems[size_t(code)].severity; }
std::string_view dkim_problem_reference(DkimProblemCode code) { return kDkimProblems[size_t(code)].reference; }
std::span<const std::string_view> dkim_problem_codes() { return kDkimProblemNames; }

std::string_view dkim_key_format_name(DkimKeyFormat f) {
  switch (f) {
    case DkimKeyFormat::none: return "none";
    case DkimKeyFormat::rsa_spki: return "rsa-spki";
    case DkimKeyFormat::rsa_pkcs1: return "rsa-pkcs1";
    case DkimKeyFormat::ed25519_raw: return "ed25519-raw";
    case DkimKeyFormat::ed25519_spki: return "ed25519-spki";
    case DkimKeyFormat::unparsed: return "unparsed";
  }
  return "none";
}

bool DkimKey::has_errors() const {
  return std::any_of(problems.begin(), problems.end(),
                     [](const DkimProblem& e) { return e.severity == RecordSeverity::error; });
}

DkimKey parse_dkim_key(std::string_view text) { return DkimParser(text).run(); }

}  // namespace mxray
