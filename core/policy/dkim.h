// DKIM public key records (RFC 6376 §3.6.1, the TXT at
// <selector>._domainkey.<domain>), parsed from text alone. Besides the tag
// syntax, the key itself is looked at: base64 (RFC 4648 §4), then for RSA
// the DER structure and the modulus size (RFC 8301 §3.2), for Ed25519 the
// 32-octet length (RFC 8463 §4.2). Keys pasted from a zone file with their
// quotes or from a split string are told apart from plain bad base64.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "policy/tag_list.h"

namespace mxray {

// X(identifier, stable name, severity, where the rule comes from)
#define MXRAY_DKIM_PROBLEMS(X)                                                          \
  X(bad_version, "dkim-bad-version", error, "RFC 6376 §3.6.1")                          \
  X(version_not_first, "dkim-version-not-first", error, "RFC 6376 §3.6.1")              \
  X(malformed_tag, "dkim-malformed-tag", error, "RFC 6376 §3.2")                        \
  X(duplicate_tag, "dkim-duplicate-tag", error, "RFC 6376 §3.2")                        \
  X(missing_p, "dkim-missing-p", error, "RFC 6376 §3.6.1")                              \
  X(bad_base64, "dkim-bad-base64", error, "RFC 6376 §3.6.1, RFC 4648 §4")               \
  X(split_residue, "dkim-split-residue", error, "RFC 6376 §3.6.2.2")                    \
  X(unknown_key_type, "dkim-unknown-key-type", error, "RFC 6376 §3.6.1, RFC 8463 §4.2") \
  X(bad_key, "dkim-bad-key", error, "RFC 6376 §3.6.1, RFC 8463 §4.2")                   \
  X(key_type_mismatch, "dkim-key-type-mismatch", error, "RFC 6376 §3.6.1")              \
  X(ed25519_spki, "dkim-ed25519-spki", error, "RFC 8463 §4.2")                          \
  X(key_too_short, "dkim-key-too-short", error, "RFC 8301 §3.2")                        \
  X(no_usable_hash, "dkim-no-usable-hash", error, "RFC 6376 §3.6.1, RFC 8301 §3.1")     \
  X(not_for_email, "dkim-not-for-email", error, "RFC 6376 §3.6.1")                      \
  X(bad_value, "dkim-bad-value", error, "RFC 6376 §3.6.1")                              \
  X(revoked, "dkim-revoked", warning, "RFC 6376 §3.6.1")                                \
  X(unknown_tag, "dkim-unknown-tag", warning, "RFC 6376 §3.2")                          \
  X(key_weak, "dkim-key-weak", info, "RFC 8301 §3.2")                                   \
  X(rsa_pkcs1, "dkim-rsa-pkcs1", info, "RFC 6376 §3.6.1")                               \
  X(testing, "dkim-testing", info, "RFC 6376 §3.6.1")                                   \
  X(key_whitespace, "dkim-key-whitespace", info, "RFC 6376 §3.6.1")

enum class DkimProblemCode : uint8_t {
#define MXRAY_X(id, name, sev, ref) id,
  MXRAY_DKIM_PROBLEMS(MXRAY_X)
#undef MXRAY_X
};
std::string_view dkim_problem_name(DkimProblemCode code);
RecordSeverity dkim_problem_severity(DkimProblemCode code);
std::string_view dkim_problem_reference(DkimProblemCode code);
// Every code's stable name, in declaration order, for catalogue checks.
std::span<const std::string_view> dkim_problem_codes();

using DkimProblem = RecordProblem<DkimProblemCode>;

// k= (§3.6.1; ed25519 from RFC 8463 §4.2).
enum class DkimKeyType : uint8_t { rsa, ed25519, unknown };

// What the decoded p= turned out to hold.
enum class DkimKeyFormat : uint8_t {
  none,          // no key: p= missing, empty (revoked), not base64, or k= unknown
  rsa_spki,      // SubjectPublicKeyInfo holding an RSA key: what `openssl rsa -pubout` writes
  rsa_pkcs1,     // a bare RSAPublicKey (PKCS #1)
  ed25519_raw,   // the 32 octets RFC 8463 §4.2 asks for
  ed25519_spki,  // an Ed25519 SubjectPublicKeyInfo (44 octets): `openssl pkey -pubout`, not what DKIM wants
  unparsed,      // base64 decoded, but the bytes are not a key of the type k= names
};
std::string_view dkim_key_format_name(DkimKeyFormat f);  // "none", "rsa-spki", ...

struct DkimKey {
  std::vector<RecordTag> tags;              // every tag as written, in order
  bool has_version = false;                 // v=DKIM1 present (it is optional)
  DkimKeyType key_type = DkimKeyType::rsa;  // k=, "rsa" by default
  std::string key_type_name = "rsa";        // as written
  std::vector<std::string> hashes;          // h=; empty: every algorithm allowed
  std::vector<std::string> services{"*"};   // s=
  std::vector<std::string> flags;           // t=
  bool testing = false;                     // t=y
  bool strict_identity = false;             // t=s: i= must not be a subdomain of d=
  std::string notes;                        // n=
  bool has_p = false;
  bool revoked = false;  // p= empty (§3.6.1: "An empty value means that this public key has been revoked")
  std::string p;         // p= without whitespace (and without quote residue)
  std::string key;       // the decoded octets, when p= decodes
  DkimKeyFormat format = DkimKeyFormat::none;
  uint32_t key_bits = 0;  // RSA modulus size, 256 for Ed25519; 0 when unknown
  std::vector<DkimProblem> problems;

  // True when a problem of error severity was found.
  bool has_errors() const;
  // A verifier can check signatures with this key: no error and not revoked.
  bool usable() const { return !revoked && !has_errors(); }
};

// `text` is the TXT record, strings joined (RFC 6376 §3.6.2.2).
DkimKey parse_dkim_key(std::string_view text);

}  // namespace mxray
