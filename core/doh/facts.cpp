#include "doh/facts.h"

#include <array>
#include <cstring>

#include "doh/answer.h"

namespace mxray {
namespace {

constexpr std::array<std::string_view, 12> kPurposeNames = {"apex",      "dmarc",      "client-name", "srv",
                                                            "mx-target", "srv-target", "spf",         "spf-term",
                                                            "dkim",      "policy",     "tlsa",        "ptr"};

// By Budget.
constexpr std::array<std::string_view, 7> kBudgetNames = {"questions",      "rounds",     "cname-depth", "spf-lookups",
                                                          "answer-records", "mail-names", "zone-records"};
// By UnknownCode: FailureKind's and AnswerVerdict's names, then the decoders' and the budgets'.
constexpr std::array<std::string_view, 14> kUnknownCodeNames = {
    "timeout",        "http",           "network",        "content-type",     "no-question",
    "wrong-question", "truncated",      "server-failure", "refused",          "other-rcode",
    "malformed",      "malformed-json", "budget",         "not-authoritative"};

}  // namespace

std::span<const std::string_view> budget_names() { return kBudgetNames; }
std::string_view budget_name(Budget b) { return kBudgetNames[size_t(b)]; }
std::span<const std::string_view> unknown_reason_codes() { return kUnknownCodeNames; }
std::string_view unknown_code_name(UnknownCode c) { return kUnknownCodeNames[size_t(c)]; }

UnknownCode unknown_code_of(FailureKind k) { return UnknownCode(uint8_t(UnknownCode::timeout) + uint8_t(k)); }

UnknownCode unknown_code_of(AnswerVerdict v) {
  switch (v) {
    case AnswerVerdict::no_question: return UnknownCode::no_question;
    case AnswerVerdict::wrong_question: return UnknownCode::wrong_question;
    case AnswerVerdict::truncated: return UnknownCode::truncated;
    case AnswerVerdict::server_failure: return UnknownCode::server_failure;
    case AnswerVerdict::refused: return UnknownCode::refused;
    default: return UnknownCode::other_rcode;
  }
}

std::string UnknownReason::text() const {
  std::string out(unknown_code_name(code));
  if (!detail.empty()) out.append(": ").append(detail);
  return out;
}
std::span<const std::string_view> purpose_names() { return kPurposeNames; }

std::string_view failure_kind_name(FailureKind k) {
  switch (k) {
    case FailureKind::timeout: return "timeout";
    case FailureKind::http: return "http";
    case FailureKind::network: return "network";
    case FailureKind::content_type: return "content-type";
  }
  return "unknown";
}

std::string_view session_error_name(SessionError e) {
  switch (e) {
    case SessionError::none: return "none";
    case SessionError::bad_domain: return "bad-domain";
    case SessionError::no_domain: return "no-domain";
  }
  return "unknown";
}

WireName reverse_name(std::string_view address) {
  WireName out;
  size_t at = 0;
  auto label = [&](std::string_view l) {
    out.octets[at++] = uint8_t(l.size());
    std::memcpy(out.octets + at, l.data(), l.size());
    at += l.size();
  };
  if (address.size() == 4) {
    for (int i = 3; i >= 0; --i) label(std::to_string(uint8_t(address[size_t(i)])));
    label("in-addr");
  } else {
    static constexpr char kHex[] = "0123456789abcdef";
    for (int i = 15; i >= 0; --i) {
      uint8_t b = uint8_t(address[size_t(i)]);
      label(std::string_view(&kHex[b & 15], 1));
      label(std::string_view(&kHex[b >> 4], 1));
    }
    label("ip6");
  }
  label("arpa");
  out.octets[at++] = 0;
  out.length = uint8_t(at);
  return out;
}

// Lowercased wire name plus type: the de-duplication key.
std::string FactStore::fact_key(std::string_view wire_name, uint16_t type) {
  std::string key(wire_name);
  for (char& c : key)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  key.push_back(char(type >> 8));
  key.push_back(char(type & 0xff));
  return key;
}

const Fact* FactStore::find(std::string_view wire_name, uint16_t type) const {
  auto it = index_.find(fact_key(wire_name, type));
  return it == index_.end() ? nullptr : &facts_[it->second];
}

}  // namespace mxray
