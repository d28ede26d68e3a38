// DKIM key records (RFC 6376 §3.6.1; RFC 8301 key sizes; RFC 8463 Ed25519):
// keys generated with OpenSSL, the ways panels and pastes break them, and
// every problem code.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "policy/dkim.h"
#include "problem_codes.h"

using namespace mxray;

namespace {

// Generated for these tests, never used to sign anything:
//   openssl genrsa 2048 | openssl rsa -pubout          (and 1024, 512, 4096)
//   openssl genrsa 2048 | openssl rsa -RSAPublicKey_out (PKCS #1)
//   openssl genpkey -algorithm ed25519 | openssl pkey -pubout
// with the PEM armour and line breaks removed; kEd25519 is the last 32
// octets of the Ed25519 SubjectPublicKeyInfo, as RFC 8463 §4.2 wants.
const std::string kRsa2048 =
    "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAsLGkD1idmmVgbQvXmszomXyV9XFnZ/1Lekno/dFeNtXvrmUEr/ug3m+D"
    "RncmvU/7n427PxzGqucsfDj+5/JIep2Kuz4vma07BxlkQ3aKdg9EIzWaeNEpMsnKNdPloi9edj5Wp7+LY7nXgNDTyEvI0hv7bEvd"
    "y/OuYzSRxZUBEKIddJYh5IMfyxk9TlypFL48H5HEnPY+2IXH6pJtHkJCzlzty2lJuZiakoATLxmxMd5G379wmHa1MXSxpjLca/4B"
    "V/KWOx0cCuNJZIyM/Bksu5s7cm79ZkOTaSHyWsKQnOYd4/iXHZzLvVvsditsoeR5r41vpT6y0cXNBU8aDK2aDwIDAQAB";
const std::string kRsa1024 =
    "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQCui4gcaDh/i+aL+hX7UGkBhjvLcFEMfqZseBgkS2kez6vYBp2S1BgZgkqzu1WL"
    "gK6S0eNJlmei5PtmfiAzYVmqCd5x5bLqHuRKT4xfY0pMyC5+7j2+s1+ibO7dB5msBD+qOIfyaSt50aHpjwN7EpZ+J1+1QaPfH39r"
    "70J90KIzlwIDAQAB";
const std::string kRsa512 =
    "MFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBAKWLY9x4krvWCfBhGGwAEiTyvPjlgjUOAHYxHO5aZeaJojnQR7luM86n8s7rlK1PO6Tj"
    "Ou5ftqcgZbsNYPGgZgUCAwEAAQ==";
const std::string kRsa4096 =
    "MIICIjANBgkqhkiG9w0BAQEFAAOCAg8AMIICCgKCAgEApBd7g6a4E/86V/SGMW6kcyyhmIQDXGviV4nW5vIxUlS+6C7xkhabWMoz"
    "rbwRrpnAloZWrqJ7cqLPPyh+ONfBGCkAIWWvUWfRGtBi1H6rFS0E8ojwftN32RL69QpDS+164ZjNu5w1tqnN2GrP8PkjC+t+trL9"
    "4yZnwHMAkGMBbNAgAGHbKRZal4sO9yNVXo9OsHVjBQ5f2PDbuOa30EZQS99j7Pa1sOp5H8mKKs3YwUWPOCJEjQeElST1cBxMICHX"
    "E1QTeCM2uWmVrDeirJREeWr1lJSuEKC9EQ7DNelVE7WlbmvUL2XqParvWoWexiWZj/Cwk7PvUftcjkG7/ogPS6PzjWVYjI3e/zMv"
    "KSZsGbSHOJ7qb1FjL9P3/pZVypHbgCGqL0LLUbqHiFUJ5SQawoSr1k9G2BWFTBHEY8jhAUtC0crgrOXkTmK0SuwHsZRJg6LDj1K6"
    "Sp+Tvr9p4cuV1CAvGVNJcL6Ambku7SnVjYl3kfwCxuzDZEVRHpRG30z8zQQwtvokl3WQfGbAQ0YuNabdSNdIuM/A5UKBhJ/7/oBN"
    "hvyqBMiK2zdSFDjNkvrARsy+lV1+im5hWltGTzhQLSdPr6zceAufCS9DnZQzsG6Xm8XEChF6SpNj3NhH4YtiokUAEcCsmMSDgnDp"
    "FkbQGOIv9NzGtCmjOai3QtkwjnECAwEAAQ==";
const std::string kRsa2048Pkcs1 =
    "MIIBCgKCAQEAqEGDb9/5jjwL+zpiw9wc8+jfVJEc1PzE2dvhqOiWxrupeALyCI3JuK3yz/jsZw0927ObcSEYo3+Qxbpvwyfj5QGf"
    "6ZmMYyhcjT4iYNRrWWywcnk9PXACkKetJw05Jc/NtoK+QHXF8nmsxravpFAA4Zn0xpZX/mdLykFJ1RQvcy9M6/EuJjISzag3TkxH"
    "ZvpcNuNepCVoCDzujFg6Ey6ZfcvVdLhbjxYbE2rRoAjs55pKCoePdabjl/LbgaFTrD09Kku0icHK0qPC9ODMLNmppUDAQRO6WqxO"
    "OHhbEqubK8o6FG5xBe+Osxs2lFKxRSjRgTjYYPIiMXcR0C2jBNjz+wIDAQAB";
const std::string kEd25519 = "R80gnuk7Yd13e3UZ9kIOqvquG1W9RvfJx5OuFzV4LQA=";
const std::string kEd25519Spki = "MCowBQYDK2VwAyEAR80gnuk7Yd13e3UZ9kIOqvquG1W9RvfJx5OuFzV4LQA=";

std::string codes(const std::vector<DkimProblem>& problems) { return test::problem_codes(problems, dkim_problem_name); }
using test::sorted_words;

struct Case {
  std::string text;
  std::string_view problems;  // expected codes, any order
  uint32_t bits;              // expected key_bits
};

const std::vector<Case>& cases() {
  static const std::vector<Case> kCases = {
      // ---- keys as published
      {"v=DKIM1; k=rsa; p=" + kRsa2048, "", 2048},                          // the common shape today
      {"v=DKIM1; k=rsa; p=" + kRsa4096, "", 4096},                          // larger than one TXT string
      {"p=" + kRsa2048, "", 2048},                                          // v and k are optional
      {"v=DKIM1; h=sha256; k=rsa; s=email; t=s; p=" + kRsa2048, "", 2048},  // every optional tag
      {"v=DKIM1; h=sha1:sha256; p=" + kRsa2048, "", 2048},                  // sha1 beside sha256 is harmless
      {"v=DKIM1; k=rsa; n=rotated 2024; p=" + kRsa2048 + ";", "", 2048},    // notes, trailing ";"
      {"v=DKIM1;\r\n\tk=rsa;\r\n\tp=" + kRsa2048, "", 2048},                // FWS between tags (§3.2)
      {"v=DKIM1; k=ed25519; p=" + kEd25519, "", 256},                       // RFC 8463
      {"v=DKIM1; k=rsa; p=" + kRsa1024, "dkim-key-weak", 1024},             // RFC 8301: SHOULD be 2048
      {"v=DKIM1; k=rsa; p=" + kRsa512, "dkim-key-too-short", 512},          // RFC 8301: verifiers refuse it
      {"v=DKIM1; k=rsa; p=" + kRsa2048Pkcs1, "dkim-rsa-pkcs1", 2048},       // the bare RSAPublicKey form
      {"v=DKIM1; k=rsa; t=y; p=" + kRsa2048, "dkim-testing", 2048},         // testing mode
      {"v=DKIM1; t=y:s; p=" + kRsa2048, "dkim-testing", 2048},              // flags as a list
      // ---- revoked and missing
      {"v=DKIM1; k=rsa; p=", "dkim-revoked", 0},                         // §3.6.1: empty p
      {"v=DKIM1; p= ;", "dkim-revoked", 0},                              // whitespace is still empty
      {"v=DKIM1; k=rsa", "dkim-missing-p", 0},                           // no key at all
      {"", "dkim-missing-p", 0},                                         // nothing
      {"v=DKIM1; P=" + kRsa2048, "dkim-unknown-tag dkim-missing-p", 0},  // tag names are case-sensitive
      // ---- tags
      {"k=rsa; v=DKIM1; p=" + kRsa2048, "dkim-version-not-first", 2048},           // v must lead
      {"v=DKIM2; p=" + kRsa2048, "dkim-bad-version", 2048},                        // a record to discard
      {"v=dkim1; p=" + kRsa2048, "dkim-bad-version", 2048},                        // values are case-sensitive
      {"v=DKIM1; p=" + kRsa2048 + "; p=" + kRsa1024, "dkim-duplicate-tag", 2048},  // §3.2: whole list invalid
      {"v=DKIM1; k=dsa; p=" + kRsa2048, "dkim-unknown-key-type", 0},               // not rsa nor ed25519
      {"v=DKIM1; k=RSA; p=" + kRsa2048, "dkim-unknown-key-type", 0},               // case-sensitive
      {"v=DKIM1; h=sha1; p=" + kRsa2048, "dkim-no-usable-hash", 2048},             // RFC 8301: sha1 is refused
      {"v=DKIM1; h=sha512; p=" + kRsa2048, "dkim-no-usable-hash", 2048},           // nothing a verifier knows
      {"v=DKIM1; h=sha256:; p=" + kRsa2048, "dkim-bad-value", 2048},               // empty list item
      {"v=DKIM1; t=; p=" + kRsa2048, "dkim-bad-value", 2048},                      // empty flags
      {"v=DKIM1; s=; p=" + kRsa2048, "dkim-bad-value", 2048},                      // empty services
      {"v=DKIM1; s=other; p=" + kRsa2048, "dkim-not-for-email", 2048},             // not for mail
      {"v=DKIM1; g=*; k=rsa; p=" + kRsa2048, "dkim-unknown-tag", 2048},            // RFC 4871's g=, gone
      {"v=DKIM1; k rsa; p=" + kRsa2048, "dkim-malformed-tag", 2048},               // no "="
      {"v=DKIM1; 1k=rsa; p=" + kRsa2048, "dkim-malformed-tag", 2048},              // name starts with a digit
      // ---- the key's text
      {"v=DKIM1; k=rsa; p=" + kRsa2048.substr(0, 200) + "\" \"" + kRsa2048.substr(200), "dkim-split-residue",
       2048},  // a zone file's "..." "..." pasted whole
      {"\"v=DKIM1; k=rsa; p=" + kRsa2048 + "\"", "dkim-split-residue dkim-malformed-tag", 2048},  // quoted whole
      {"v=DKIM1\\; k=rsa\\; p=" + kRsa2048, "dkim-split-residue dkim-bad-version dkim-unknown-key-type",
       0},                                                         // BIND's "\;" pasted into a panel
      {"v=DKIM1; k=rsa; n=said \"hi\"; p=" + kRsa2048, "", 2048},  // quotes are fine in n=
      {"v=DKIM1; k=rsa; p=" + kRsa2048.substr(0, 100) + " " + kRsa2048.substr(100), "dkim-key-whitespace",
       2048},  // a blank between the halves: legal FWS
      {"v=DKIM1; k=rsa; p=" + kRsa2048.substr(0, 100) + "*" + kRsa2048.substr(100), "dkim-bad-base64",
       2048},                                                             // a character outside the alphabet
      {"v=DKIM1; k=rsa; p=" + kRsa2048.substr(1), "dkim-bad-base64", 0},  // one character lost
      {"v=DKIM1; k=rsa; p=AB=CDEFG", "dkim-bad-base64", 0},               // "=" inside
      {"v=DKIM1; k=rsa; p=ABC===", "dkim-bad-base64", 0},                 // three "="
      // ---- the key's octets
      {"v=DKIM1; k=rsa; p=" + kRsa2048.substr(0, kRsa2048.size() - 4), "dkim-bad-key", 0},  // DER cut short
      {"v=DKIM1; k=rsa; p=" + kRsa2048 + "AAAA", "dkim-bad-key", 0},                        // bytes after the DER
      {"v=DKIM1; k=rsa; p=AAAAAAAA", "dkim-bad-key", 0},                                    // not DER at all
      {"v=DKIM1; k=rsa; p=" + kEd25519, "dkim-key-type-mismatch", 0},                       // Ed25519 key, k= left out
      {"v=DKIM1; k=rsa; p=" + kEd25519Spki, "dkim-key-type-mismatch", 0},                   // Ed25519 SPKI under rsa
      {"v=DKIM1; k=ed25519; p=" + kRsa2048, "dkim-key-type-mismatch", 0},                   // RSA key under ed25519
      {"v=DKIM1; k=ed25519; p=" + kEd25519Spki, "dkim-ed25519-spki", 256},                  // openssl -pubout as is
      {"v=DKIM1; k=ed25519; p=AAAAAAAA", "dkim-bad-key", 0},                                // 6 octets
  };
  return kCases;
}

}  // namespace

TEST_CASE("dkim: parse_dkim_key problems") {
  for (const Case& c : cases()) {
    CAPTURE(c.text);
    const DkimKey k = parse_dkim_key(c.text);
    CHECK(codes(k.problems) == sorted_words(c.problems));
    CHECK(k.key_bits == c.bits);
    for (const DkimProblem& p : k.problems) {
      CHECK(p.offset + p.length <= c.text.size());
      CHECK(p.severity == dkim_problem_severity(p.code));
    }
  }
}

TEST_CASE("dkim: every problem code is exercised and has a stable name") {
  std::set<std::string> seen;
  for (const Case& c : cases())
    for (const DkimProblem& p : parse_dkim_key(c.text).problems) seen.insert(std::string(dkim_problem_name(p.code)));
  std::set<std::string> all;
  for (std::string_view n : dkim_problem_codes()) {
    CHECK(n.substr(0, 5) == "dkim-");
    CHECK(n.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string_view::npos);
    CHECK(all.insert(std::string(n)).second);
  }
  CHECK(seen == all);
  for (size_t i = 0; i < dkim_problem_codes().size(); ++i)
    CHECK(dkim_problem_name(DkimProblemCode(i)) == dkim_problem_codes()[i]);
}

TEST_CASE("dkim: values of a full record") {
  const DkimKey k = parse_dkim_key("v=DKIM1; h=sha256; k=rsa; n=ops; s=email:*; t=y:s; p=" + kRsa2048);
  CHECK(k.has_version);
  CHECK(k.key_type == DkimKeyType::rsa);
  CHECK(k.hashes == std::vector<std::string>{"sha256"});
  CHECK(k.services == std::vector<std::string>{"email", "*"});
  CHECK(k.testing);
  CHECK(k.strict_identity);
  CHECK(k.notes == "ops");
  CHECK(k.p == kRsa2048);
  CHECK(k.key.size() == 294);  // SubjectPublicKeyInfo of a 2048-bit key
  CHECK(k.format == DkimKeyFormat::rsa_spki);
  CHECK(dkim_key_format_name(k.format) == "rsa-spki");
  CHECK(k.key_bits == 2048);
  CHECK(k.usable());  // t=y is information, not a fault
  REQUIRE(k.tags.size() == 7);
  CHECK(k.tags[6].name == "p");
}

TEST_CASE("dkim: defaults, revocation and Ed25519") {
  const DkimKey plain = parse_dkim_key("p=" + kRsa2048);
  CHECK_FALSE(plain.has_version);
  CHECK(plain.key_type == DkimKeyType::rsa);
  CHECK(plain.hashes.empty());
  CHECK(plain.services == std::vector<std::string>{"*"});
  CHECK_FALSE(plain.testing);
  CHECK(plain.usable());

  const DkimKey revoked = parse_dkim_key("v=DKIM1; p=");
  CHECK(revoked.revoked);
  CHECK(revoked.has_p);
  CHECK_FALSE(revoked.usable());
  CHECK_FALSE(revoked.has_errors());  // deliberate, not broken

  const DkimKey ed = parse_dkim_key("v=DKIM1; k=ed25519; p=" + kEd25519);
  CHECK(ed.key_type == DkimKeyType::ed25519);
  CHECK(ed.format == DkimKeyFormat::ed25519_raw);
  CHECK(ed.key.size() == 32);

  const DkimKey spki = parse_dkim_key("v=DKIM1; k=ed25519; p=" + kEd25519Spki);
  CHECK(spki.format == DkimKeyFormat::ed25519_spki);
  CHECK_FALSE(spki.usable());
}

TEST_CASE("dkim: problems point into the record") {
  const std::string split = "v=DKIM1; k=rsa; p=" + kRsa2048.substr(0, 200) + "\" \"" + kRsa2048.substr(200);
  const DkimKey k = parse_dkim_key(split);
  REQUIRE(k.problems.size() == 1);
  CHECK(k.problems[0].offset == 18 + 200);
  CHECK(split[k.problems[0].offset] == '"');
  CHECK(k.problems[0].detail == "quote");
  CHECK(k.key_bits == 2048);  // what the key is once the quotes go
  CHECK(k.format == DkimKeyFormat::rsa_spki);
  CHECK_FALSE(k.usable());

  const std::string bad = "v=DKIM1; k=rsa; p=" + kRsa2048.substr(0, 100) + "*" + kRsa2048.substr(100);
  const DkimKey b = parse_dkim_key(bad);
  REQUIRE(b.problems.size() == 1);
  CHECK(bad.substr(b.problems[0].offset, b.problems[0].length) == "*");

  CHECK(parse_dkim_key("v=DKIM1; k=rsa; p=" + kRsa512).problems.at(0).detail == "512");
  CHECK(parse_dkim_key("v=DKIM1; h=sha1; p=" + kRsa2048).problems.at(0).detail == "sha1");
  CHECK(parse_dkim_key("v=DKIM1; k=rsa; p=" + kEd25519).problems.at(0).detail == "ed25519");
  CHECK(parse_dkim_key("v=DKIM1; k=rsa; p=" + kRsa2048 + "AAAA").problems.at(0).detail == "trailing-bytes");
  CHECK(parse_dkim_key("v=DKIM1\\; p=" + kRsa2048).problems.at(1).detail == "backslash");
}

TEST_CASE("dkim: a record of 64 KiB with thousands of tags, repeats among them") {
  // §3.2: names are case-sensitive, so X0 is not a repeat of x0.
  std::string text = "v=DKIM1; k=rsa; p=" + kRsa2048;
  size_t tags = 3, repeats = 0;
  for (size_t i = 0; text.size() < 65000; ++i, ++tags) {
    const size_t n = i % 2000;
    if (i >= 4000) ++repeats;  // x0..x1999, X0..X1999, then x0.. again
    text += std::string("; ") + (i / 2000 % 2 ? "X" : "x") + std::to_string(n) + "=y";
  }
  const DkimKey k = parse_dkim_key(text);
  CHECK(k.tags.size() == tags);
  const auto dup = std::count_if(k.problems.begin(), k.problems.end(),
                                 [](const DkimProblem& p) { return p.code == DkimProblemCode::duplicate_tag; });
  CHECK(size_t(dup) == repeats);
  CHECK(repeats > 500);
  CHECK(k.key_bits == 2048);
}

TEST_CASE("dkim: every prefix of every case parses without stepping outside the text") {
  for (const Case& c : cases())
    for (size_t n = 0; n <= c.text.size(); n += (n < 40 ? 1 : 7)) {
      const std::string_view text = std::string_view(c.text).substr(0, n);
      for (const DkimProblem& p : parse_dkim_key(text).problems) CHECK(p.offset + p.length <= text.size());
    }
}
