// The fix in the forms Cloudflare users apply: an import file (BIND with
// cf_tags), an API batch payload, and a change plan. Sources:
// docs/sources.md#cloudflare-cf-tags, #cloudflare-import,
// #cloudflare-api-json and #cloudflare-batch (API records and the batch endpoint).
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "fix/fix.h"
#include "zone/zone.h"

namespace mxray {

// The uploads as the fix outputs read them: each zone with the text of its
// main file (empty when the caller has none; then no record id can be read
// from a Cloudflare API JSON upload).
struct FixInputs {
  std::span<const std::shared_ptr<const Zone>> zones;
  std::span<const std::string_view> texts;
};

// POST /zones/{zone_id}/dns_records/batch, from the merged fix:
//   {"deletes": [{id}], "patches": [{id, ...changed fields}], "puts": [],
//    "posts": [{name, type, content | data, priority?, ttl, proxied?}],
//    "lookups": [{for, name, type, content, query}]}
// Record ids come only from a Cloudflare API JSON upload (the record's own
// "id"). Without one the entry's id is "{id:<for>}" and `lookups` says
// which record to look up and how (the API's list endpoint filtered by type
// and name); an id is never invented. Cloudflare runs deletes, then
// patches, puts and posts, in one transaction (docs/sources.md#cloudflare-batch). `lookups` is
// not part of the API's body: strip it (or use cloudflare_batch_body) once
// the ids are filled in.
nlohmann::json cloudflare_batch(const FixInputs& in, const FixPlan& plan);
// The body alone, without `lookups`.
nlohmann::json cloudflare_batch_body(const nlohmann::json& batch);
// The batch as a POSIX sh script (curl and jq) reading the token and zone
// id from the environment ($CLOUDFLARE_API_TOKEN, $CLOUDFLARE_ZONE_ID; the
// API's base URL from $CLOUDFLARE_API_URL, for tests). It refuses to run
// while a placeholder is left, looks up each id of `lookups` (the list
// endpoint, filtered by name and type, percent-encoded; of several records
// the one with the content) and stops, changing nothing, unless each lookup
// finds exactly one record; then it posts the batch with the ids put in.
std::string cloudflare_curl(const nlohmann::json& batch);

// The Cloudflare import file of the fix (docs/sources.md#cloudflare-import):
// only the records to add, since Cloudflare's import adds records and
// changes none. They are the plan's new records and the new form of each
// record it modifies (a replacement, a proxy turned off), each A/AAAA/CNAME
// with `cf_tags=cf-proxied:true|false` (DNS only where neither the zone nor
// the fix says). The header lists the records to delete by hand first: the
// ones the plan removes or modifies, as they are now. Empty when there is
// nothing to add. A placeholder stays as written ({origin-ipv4}): Cloudflare
// refuses the file until it is filled in, which is the point.
std::string cloudflare_import(const Zone& zone, uint32_t zone_index, const FixPlan& plan, std::string_view domain);

// The whole zone as a Cloudflare import file: the records of `zone` (Session
// index `zone_index`) with the plan's edits made, each with an absolute
// owner, FQDN contents and an explicit TTL; $INCLUDEd records inlined
// (Cloudflare refuses $INCLUDE). A, AAAA and CNAME records carry
// `cf_tags=cf-proxied:<state>` when the zone or the fix says the state, and
// `cf-proxied:false` when neither does and the name is one of `dns_only`
// (the mail names: absolute, lower-case); the rest are left to the import
// option; placeholders stay as written. The corrected zone of a Cloudflare
// API JSON upload, which has no zone text of its own to edit.
std::string cloudflare_zone_file(const Zone& zone, uint32_t zone_index, const FixPlan& plan,
                                 std::span<const std::string> dns_only, std::string_view domain);

// The change plan, one entry per merged edit in the order Cloudflare's
// batch applies them: {action: "create" | "modify" | "delete", name, type,
// data, before?: {data, proxied}, after?: {data, proxied}, placeholder?}.
// Words for it live in www/lib (English and Japanese).
nlohmann::json change_plan(const FixInputs& in, const FixPlan& plan);

}  // namespace mxray
