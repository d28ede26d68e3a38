// Cloudflare's record attributes in an export's trailing comment:
//   ; <comment> cf_tags=cf-proxied:true,name:"quoted, value"
// (cloudflare-docs dns/manage-dns-records/how-to/import-and-export.mdx).
#pragma once

#include <string_view>

#include "zone/zone.h"

namespace mxray {

struct CfTags {
  Proxied proxied = Proxied::unknown;
  bool flatten_cname = false;  // cf-flatten-cname
};

enum class CfTagsStatus : uint8_t { none, ok, malformed };

// Reads the tags from a comment's text (without the ';'). `none` when the
// comment carries no cf_tags.
CfTagsStatus parse_cf_tags(std::string_view comment, CfTags& out);

// The tags as an export spells them, for writers that add or edit one:
// `cf_tags=` opens the list, `cf-proxied:` names the tag, its value follows.
inline constexpr std::string_view kCfTagsKey = "cf_tags=";
inline constexpr std::string_view kCfProxiedName = "cf-proxied:";
constexpr std::string_view cf_proxied_value(bool proxied) { return proxied ? "true" : "false"; }
// "cf-proxied:true" or "cf-proxied:false".
constexpr std::string_view cf_proxied_tag(bool proxied) { return proxied ? "cf-proxied:true" : "cf-proxied:false"; }
// A comment of its own holding only the tag, to end a record's line.
constexpr std::string_view cf_proxied_comment(bool proxied) {
  return proxied ? " ; cf_tags=cf-proxied:true" : " ; cf_tags=cf-proxied:false";
}
static_assert(cf_proxied_tag(true).substr(0, kCfProxiedName.size()) == kCfProxiedName &&
              cf_proxied_tag(true).substr(kCfProxiedName.size()) == cf_proxied_value(true) &&
              cf_proxied_tag(false).substr(0, kCfProxiedName.size()) == kCfProxiedName &&
              cf_proxied_tag(false).substr(kCfProxiedName.size()) == cf_proxied_value(false));
static_assert(cf_proxied_comment(true).substr(0, 3) == " ; " && cf_proxied_comment(false).substr(0, 3) == " ; " &&
              cf_proxied_comment(true).substr(3, kCfTagsKey.size()) == kCfTagsKey &&
              cf_proxied_comment(true).substr(3 + kCfTagsKey.size()) == cf_proxied_tag(true) &&
              cf_proxied_comment(false).substr(3 + kCfTagsKey.size()) == cf_proxied_tag(false));

}  // namespace mxray
