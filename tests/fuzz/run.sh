#!/usr/bin/env bash
# Builds the libFuzzer targets (the `fuzz` preset: clang with ASan + UBSan)
# and runs each, starting from its seed corpus (tests/fuzz/corpus/<target>).
#   tests/fuzz/run.sh --time 60            each target for 60 s (CI)
#   tests/fuzz/run.sh --runs 10000000      each target for 10 million executions
#   tests/fuzz/run.sh --time 30 spf dmarc  only these targets
# Prints one line per target: executions, coverage (edges and features),
# corpus size, crashes; exits 1 when any target crashed, leaked or hung.
# Inputs found are kept in build/fuzz/work/<target> (not the seed corpus);
# a crash is saved as build/fuzz/artifacts/<target>-crash-<sha1>.
set -euo pipefail
cd "$(dirname "$0")/../.."

limit=(-max_total_time=60)
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --time) limit=(-max_total_time="$2"); shift 2 ;;
    --runs) limit=(-runs="$2"); shift 2 ;;
    -h|--help) sed -n 2,11p "$0"; exit 0 ;;
    -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
all=(zone cloudflare_export cloudflare_json message doh_json spf dmarc session check)
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$(nproc)" >/dev/null

bin=build/fuzz/fuzzers
work=build/fuzz/work
artifacts=build/fuzz/artifacts
mkdir -p "$work" "$artifacts"
printf '%-18s %12s %8s %8s %8s %8s %s\n' target executions exec/s edges features corpus crashes
failed=0
for t in "${targets[@]}"; do
  [ -x "$bin/fuzz_$t" ] || { echo "run.sh: no target $t" >&2; exit 2; }
  mkdir -p "$work/$t"
  log="$work/$t.log"
  stamp="$work/$t.started"
  touch "$stamp"
  set +e
  # -seed=1: the same run each time for a given binary and corpus.
  "$bin/fuzz_$t" "${limit[@]}" -seed=1 -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$artifacts/$t-" "$work/$t" "tests/fuzz/corpus/$t" >"$log" 2>&1
  rc=$?
  set -e
  done_line=$(grep -E '^#[0-9]+' "$log" | tail -1)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  edges=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$done_line")
  feats=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$done_line")
  corp=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$done_line")
  crashes=$(find "$artifacts" -name "$t-*" -newer "$stamp" | wc -l)
  printf '%-18s %12s %8s %8s %8s %8s %s\n' "$t" "${execs:-?}" "${speed:-?}" "${edges:-?}" "${feats:-?}" "${corp:-?}" "$crashes"
  if [ "$rc" -ne 0 ] || [ "$crashes" -ne 0 ]; then
    failed=1
    echo "  $t: exit $rc; see $log" >&2
    grep -E 'ERROR|SUMMARY|runtime error' "$log" | head -5 | sed 's/^/  /' >&2
  fi
done
exit $failed
