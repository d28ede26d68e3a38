#include "policy/auth_names.h"

#include <array>
#include <string>

#include "dns/name.h"

namespace mxray {
namespace {

using Match = NonProxiableTarget::Match;

// Cloudflare, "Proxying limitations", "Non-proxiable targets":
// https://developers.cloudflare.com/dns/proxy-status/limitations/
// (cloudflare-docs: src/content/docs/dns/proxy-status/limitations.mdx), read 2026-12-06.
// Cloudflare will not proxy a CNAME to these; a record marked proxied
// anyway "will cause connectivity errors".
constexpr std::array<NonProxiableTarget, 8> kNonProxiable = {{
    {"dkim2.mcsv.net", Match::exact, "Mailchimp DKIM"},
    {"dkim3.mcsv.net", Match::exact, "Mailchimp DKIM"},
    {"zmverify.zoho.com", Match::exact, "Zoho domain verification"},
    {"dkim.infusionmail.com", Match::exact, "Keap DKIM"},
    {"dkim.amazonses.com", Match::exact_or_below, "Amazon SES DKIM"},
    {"onmicrosoft.com", Match::below, "Microsoft 365 DKIM"},
    {"dkim.intercom.io", Match::below, "Intercom DKIM"},
    {"acm-validations.aws", Match::below, "AWS Certificate Manager validation"},
}};

constexpr std::array<std::string_view, 6> kPurposeNames = {"dkim",    "dmarc",        "mta-sts",
                                                           "tls-rpt", "verification", "client-config"};

char lower(char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; }

bool label_is(std::string_view wire, size_t at, std::string_view label) {
  if (at >= wire.size() || uint8_t(wire[at]) != label.size() || at + 1 + label.size() > wire.size()) return false;
  for (size_t i = 0; i < label.size(); ++i)
    if (lower(wire[at + 1 + i]) != label[i]) return false;
  return true;
}

}  // namespace

std::string_view auth_name_purpose_name(AuthNamePurpose p) { return kPurposeNames[size_t(p)]; }

std::optional<AuthNamePurpose> auth_name_purpose(std::string_view name, std::string_view domain) {
  if (name.empty() || names_equal(name, domain) || !name_is_under(name, domain)) return std::nullopt;
  // Any label below the domain being _domainkey: <selector>._domainkey, or
  // a selector of a subdomain's key.
  const size_t below = name.size() - domain.size();
  for (size_t at = 0; at < below; at += 1 + uint8_t(name[at]))
    if (label_is(name, at, "_domainkey")) return AuthNamePurpose::dkim;
  if (label_is(name, 0, "_dmarc")) return AuthNamePurpose::dmarc;
  if (label_is(name, 0, "_mta-sts")) return AuthNamePurpose::mta_sts;
  if (label_is(name, 0, "_smtp") && label_is(name, 1 + uint8_t(name[0]), "_tls")) return AuthNamePurpose::tls_rpt;
  if (uint8_t(name[0]) > 0 && name.size() > 1 && name[1] == '_') return AuthNamePurpose::verification;
  // autodiscover.<domain> and autoconfig.<domain> themselves.
  const size_t first = 1 + uint8_t(name[0]);
  if (first == below && (label_is(name, 0, "autodiscover") || label_is(name, 0, "autoconfig")))
    return AuthNamePurpose::client_config;
  return std::nullopt;
}

std::span<const NonProxiableTarget> cloudflare_non_proxiable_targets() { return kNonProxiable; }

const NonProxiableTarget* cloudflare_non_proxiable(std::string_view target) {
  std::string text = name_text(target);
  for (char& c : text) c = lower(c);
  if (!text.empty() && text.back() == '.') text.pop_back();
  for (const NonProxiableTarget& t : kNonProxiable) {
    const bool exact = text == t.name;
    const bool below =
        text.size() > t.name.size() && text.ends_with(t.name) && text[text.size() - t.name.size() - 1] == '.';
    if ((t.match != Match::below && exact) || (t.match != Match::exact && below)) return &t;
  }
  return nullptr;
}

}  // namespace mxray
