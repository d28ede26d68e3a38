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

}  // namespace mxray
