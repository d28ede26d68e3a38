#!/bin/sh
# The layers of core/ (ctest "layers"): the Session (core/session) and the
# model (core/model) do not include each other, and the mail knowledge both
# read (core/policy) and the fact store below them (core/doh) include neither.
#   tests/layers.sh [repository]   (default: this script's repository)
# Exits 1 naming each file, line and include that breaks a rule.
root=${1:-$(dirname "$0")/..}
status=0
checked=0
# layer: the folders of core/ it must not include from
for rule in "session:model" "model:session" "policy:model session" "doh:model session policy"; do
  layer=${rule%%:*}
  set -- "$root"/core/"$layer"/*.h "$root"/core/"$layer"/*.cpp
  if [ ! -e "$1" ]; then
    echo "layers: no sources in $root/core/$layer" >&2
    status=1
    continue
  fi
  for source in "$@"; do
    [ -e "$source" ] || continue
    checked=$((checked + 1))
    for other in ${rule#*:}; do
      # "file:line:#include ..." for each include of core/<other>/
      hits=$(grep -nE "^[[:space:]]*#[[:space:]]*include[[:space:]]*[\"<](core/)?$other/" "$source") || continue
      echo "$hits" | while IFS= read -r hit; do
        echo "${source#"$root"/}:${hit%%:*}: ${hit#*:}: core/$layer must not include core/$other" >&2
      done
      status=1
    done
  done
done
if [ "$status" -ne 0 ]; then
  echo "layers: includes across the layers of core/ (see above)" >&2
  exit 1
fi
echo "layers: $checked files of core/session, core/model, core/policy and core/doh keep to their layer"
