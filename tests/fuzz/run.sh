#!/usr/bin/env bash
# Builds the libFuzzer targets (the `fuzz` preset: clang with ASan + UBSan)
# and runs each, starting from its seed corpus (tests/fuzz/corpus/<target>).
#   tests/fuzz/run.sh --time 60            each target for 60 s (CI)
#   tests/fuzz/run.sh --runs 10000000      each target to 10 million executions
#   tests/fuzz/run.sh --time 30 spf dmarc  only these targets
# Prints one line per target: executions, coverage (edges and features),
# corpus size, crashes; exits 1 when any target crashed, leaked or hung.
# Inputs found are kept in build/fuzz/work/<target> (not the seed corpus);
# a crash is saved as build/fuzz/artifacts/<target>-crash-<sha1>.
#
# --runs is resumable: it runs a target in slices of --slice seconds (600 by
# default), each from the corpus found so far with a seed of its own, and
# adds each slice's executions to build/fuzz/work/<target>.ledger, until the
# ledger holds N. Run it again after a stop and it goes on from there.
# --ledger DIR keeps the ledgers in DIR instead: tests/fuzz/ledger holds the
# project's own, committed, so a long run outlives the machine it ran on.
# A ledger line that starts with # is a comment.
# Two runs of one target can share a ledger side by side, one a core: give
# the second its own --work DIR (a copy of build/fuzz/work/<target> to start
# from what the first has found) and --seed-base 1000, so its seeds (the
# ledger's line count plus the base, plus one) differ from the first's.
#   tests/fuzz/run.sh --table --ledger tests/fuzz/ledger
# prints the ledgers as the Markdown table in tests/fuzz/README.md, and
# builds and runs nothing.
# Interrupt it (Ctrl-C, or SIGINT to the fuzzer) and the slice so far is
# kept: libFuzzer prints its figures and exits 72, the ledger takes them and
# the run ends; a slice cut any other way is lost.
set -euo pipefail
cd "$(dirname "$0")/../.."

mode=time
amount=60
slice=600
ledgers=
work=build/fuzz/work
seed_base=0
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --time) mode=time; amount="$2"; shift 2 ;;
    --runs) mode=runs; amount="$2"; shift 2 ;;
    --slice) slice="$2"; shift 2 ;;
    --ledger) ledgers="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --seed-base) seed_base="$2"; shift 2 ;;
    --table) mode=table; shift ;;
    -h|--help) sed -n 2,28p "$0"; exit 0 ;;
    -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
case "$seed_base" in ''|*[!0-9]*) echo "run.sh: --seed-base takes a whole number, not '$seed_base'" >&2; exit 2 ;; esac
all=(zone cloudflare_export cloudflare_json message doh_json spf dmarc session check fastpath)
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")

# The table: for each ledger, its total, the average speed over its slices
# (start-up included), the last slice's coverage and corpus, and how many
# slices ran since the ledger was committed (a `carried` line is not one).
# Crashes are not in a ledger: a slice that crashes is not written, and the
# run stops. "so far" marks a total short of the long run's 10 million.
if [ "$mode" = table ]; then
  echo '| target | executions | per second | edges | features | corpus | slices |'
  echo '|---|---:|---:|---:|---:|---:|---:|'
  for t in "${targets[@]}"; do
    l="${ledgers:-$work}/$t.ledger"
    [ -s "$l" ] || continue
    awk -v t="$t" -v goal=10000000 '
      function n(x) { x = sprintf("%d", x); while (x ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]([,]|$)/, ",&", x); return x }
      !/^#/ { e += $3; s += $4; ed = $5; f = $6; c = $7; k += $2 != "carried" }
      END { printf "| %s | %s%s | %s | %s | %s | %s | %d |\n", t, n(e), (e < goal ? " so far" : ""), n(s ? e / s : 0), n(ed), n(f), n(c), k }' "$l"
  done
  exit 0
fi

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$(nproc)" >/dev/null

bin=build/fuzz/fuzzers
artifacts=build/fuzz/artifacts
[ -n "$ledgers" ] || ledgers="$work"
mkdir -p "$work" "$artifacts" "$ledgers"

# One run of target $1 with seed $2 and the limits that follow. Sets execs,
# speed, edges, feats, corp, crashes and rc.
run_once() {
  local t="$1" seed="$2"
  shift 2
  local log="$work/$t.log" stamp="$work/$t.started"
  touch "$stamp"
  set +e
  "$bin/fuzz_$t" "$@" -seed="$seed" -timeout="$unit_timeout" -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$artifacts/$t-" "$work/$t" "tests/fuzz/corpus/$t" >"$log" 2>&1
  rc=$?
  set -e
  local done_line
  done_line=$(grep -E '^#[0-9]+' "$log" | tail -1)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  edges=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$done_line")
  feats=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$done_line")
  corp=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$done_line")
  # libFuzzer also keeps slow units (slow-unit-*, over 10 s): a note, not a
  # failure; at nice 19 beside builds they are mostly starved ones.
  crashes=$(find "$artifacts" -name "$t-*" ! -name "$t-slow-unit-*" -newer "$stamp" | wc -l)
}

report_failure() {
  echo "  $1: exit $rc; see $work/$1.log" >&2
  grep -E 'ERROR|SUMMARY|runtime error' "$work/$1.log" | head -5 | sed 's/^/  /' >&2
  find "$artifacts" -name "$1-*" ! -name "$1-slow-unit-*" -newer "$work/$1.started" | sed "s|^|  rerun: $bin/fuzz_$1 |" >&2
}

# A long run keeps no stack for each allocation: `session` runs 23 % more
# executions in the same time. Rerunning a saved crash gives the full
# report. Options the caller set come after, so they win.
[ "$mode" = time ] || export ASAN_OPTIONS="malloc_context_size=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"

# A unit that runs 10 s is a hang. The timer is wall-clock, though, and a
# long run at `nice 19` beside builds can be starved that long (seen once:
# `zone` flagged at 10 s a nested $INCLUDE of $GENERATEs that reruns in
# 0.23 s under ASan and 42 ms natively). A long run waits 30 s; a real hang
# still ends it.
unit_timeout=10
[ "$mode" = time ] || unit_timeout=30

# libFuzzer keeps every input that was new when it was found, so a work
# corpus grows slice by slice with inputs that later ones cover (seen: `check`
# at 15,505 files that held 3,304 inputs' worth of features), and each slice
# starts by running them all. When it holds over twice what the last slice
# kept, a merge keeps one input for each set of features first. The merge's
# executions are not counted in the ledger.
compact() {
  local t="$1" kept files
  kept=$(awk '!/^#/ {c = $7} END {print c + 0}' "$ledger")
  files=$(find "$work/$t" -maxdepth 1 -type f | wc -l)
  [ "$kept" -gt 0 ] && [ "$files" -gt $(( 2 * kept )) ] || return 0
  rm -rf "$work/$t.merge"
  mkdir -p "$work/$t.merge"
  if "$bin/fuzz_$t" -merge=1 -timeout="$unit_timeout" -rss_limit_mb=2048 -max_len=65536 \
    "$work/$t.merge" "$work/$t" >"$work/$t.merge.log" 2>&1; then
    rm -rf "$work/$t.old"
    mv "$work/$t" "$work/$t.old"
    mv "$work/$t.merge" "$work/$t"
    rm -rf "$work/$t.old"
    echo "  $t: work corpus merged, $files inputs to $(find "$work/$t" -maxdepth 1 -type f | wc -l)" >&2
  else
    rm -rf "$work/$t.merge"
    echo "  $t: merge failed (see $work/$t.merge.log); the slice runs on the whole corpus" >&2
  fi
}

printf '%-18s %12s %8s %8s %8s %8s %s\n' target executions exec/s edges features corpus crashes
failed=0
interrupted=0
for t in "${targets[@]}"; do
  [ -x "$bin/fuzz_$t" ] || { echo "run.sh: no target $t" >&2; exit 2; }
  mkdir -p "$work/$t"
  if [ "$mode" = time ]; then
    # -seed=1: the same run each time for a given binary and corpus.
    run_once "$t" 1 -max_total_time="$amount"
    printf '%-18s %12s %8s %8s %8s %8s %s\n' "$t" "${execs:-?}" "${speed:-?}" "${edges:-?}" "${feats:-?}" "${corp:-?}" "$crashes"
    if [ "$rc" -ne 0 ] || [ "$crashes" -ne 0 ]; then failed=1; report_failure "$t"; fi
    continue
  fi
  # The ledger: one line a slice, "time seed executions seconds edges features corpus".
  ledger="$ledgers/$t.ledger"
  touch "$ledger"
  while :; do
    total=$(awk '!/^#/ {s += $3} END {print s + 0}' "$ledger")
    [ "$total" -lt "$amount" ] || break
    # grep -c exits 1 when it counts nothing (a ledger of comments only, a new target): still 0.
    seed=$(( seed_base + $(grep -vc '^#' "$ledger" || true) + 1 ))
    compact "$t"
    started=$(date +%s)
    run_once "$t" "$seed" -max_total_time="$slice" -runs=$(( amount - total ))
    # 72: libFuzzer's exit on SIGINT, after its final figures.
    interrupted=0
    if [ "$rc" -eq 72 ] && [ -n "${execs:-}" ]; then interrupted=1; rc=0; fi
    if [ "$rc" -ne 0 ] || [ "$crashes" -ne 0 ] || [ -z "${execs:-}" ]; then
      failed=1
      report_failure "$t"
      break
    fi
    echo "$started $seed $execs $(( $(date +%s) - started )) ${edges:-?} ${feats:-?} ${corp:-?}" >>"$ledger"
    echo "  $t: slice $seed, $execs executions, $(( total + execs )) of $amount" >&2
    [ "$interrupted" -eq 0 ] || break
  done
  [ "$failed" -eq 0 ] || { printf '%-18s %12s %8s %8s %8s %8s %s\n' "$t" "$total" - - - - "$crashes"; continue; }
  # Totals over the ledger: executions, their average speed, and the
  # coverage and corpus of the last slice.
  read -r execs speed edges feats corp < <(awk '!/^#/ {e += $3; s += $4; ed = $5; f = $6; c = $7}
    END {printf "%d %d %s %s %s\n", e, (s ? e / s : 0), ed, f, c}' "$ledger")
  printf '%-18s %12s %8s %8s %8s %8s %s\n' "$t" "$execs" "$speed" "$edges" "$feats" "$corp" 0
  if [ "$interrupted" -eq 1 ]; then
    echo "run.sh: interrupted; the ledger keeps the slice so far: run the same command to go on" >&2
    break
  fi
done
exit $failed
