#!/usr/bin/env bash
# The one zone-parser benchmark: mxray (native, wasm) against the peer parsers.
#
#   tests/bench/run.sh [--records N] [--runs K] [--only LIST]
#
# Generates a portable benchmark zone of N records (default 1,000,000) into
# build/bench/ (kept and reused while N and gen_zone.py are unchanged), runs
# every parser K times (default 3), interleaved, and prints the medians of
# whole-process wall time and peak RSS. See tests/bench/README.md.
set -uo pipefail

usage() {
    sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
    cat <<'EOF'
Options:
  --records N   records in the benchmark zone (default 1000000)
  --runs K      runs per parser; the median is reported (default 3)
  --only LIST   comma-separated subset of:
                native,wasm,kzonecheck,named,nsd,ldns,ldns-parse,dnspython,session,batch
  -h, --help    this text
EOF
}

RECORDS=1000000
RUNS=3
ONLY=""
while [ $# -gt 0 ]; do
    case "$1" in
        --records) RECORDS="${2:?--records needs a value}"; shift 2 ;;
        --runs) RUNS="${2:?--runs needs a value}"; shift 2 ;;
        --only) ONLY="${2:?--only needs a value}"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "run.sh: unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
done
case "$RECORDS$RUNS" in
    *[!0-9]*) echo "run.sh: --records and --runs take whole numbers" >&2; exit 2 ;;
esac
[ "$RUNS" -ge 1 ] || { echo "run.sh: --runs must be at least 1" >&2; exit 2; }

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH="$ROOT/tests/bench"
OUT="$ROOT/build/bench"
PY=/usr/bin/python3          # Debian's python, where python3-dnspython lives
TIME=/usr/bin/time           # GNU time, for peak RSS
ORIGIN=bench.example.
DNSPYTHON_RECORDS=100000     # dnspython runs at ~0.36 MB/s: it gets a smaller zone
PER_RUN_TIMEOUT=1800         # seconds; a hung parser is shown as FAILED

[ -x "$TIME" ] || { echo "run.sh: $TIME missing (apt-get install time)" >&2; exit 1; }
[ -x "$PY" ] || { echo "run.sh: $PY missing" >&2; exit 1; }
mkdir -p "$OUT/logs"

wanted() { [ -z "$ONLY" ] || [[ ",$ONLY," == *",$1,"* ]]; }

# make_zone N -> prints the zone path; regenerates when missing or stale.
make_zone() {
    local n="$1" f="$OUT/zone-$1.zone"
    if [ ! -s "$f" ] || [ ! -s "$f.count" ] || [ "$BENCH/gen_zone.py" -nt "$f" ]; then
        echo "generating $f ($n records)..." >&2
        "$PY" "$BENCH/gen_zone.py" --records "$n" --out "$f" --origin "$ORIGIN" --portable \
            || { echo "run.sh: zone generation failed" >&2; exit 1; }
    fi
    echo "$f"
}

ZONE="$(make_zone "$RECORDS")"
DNSPY_ZONE="$ZONE"
if [ "$RECORDS" -gt "$DNSPYTHON_RECORDS" ] && wanted dnspython; then
    DNSPY_ZONE="$(make_zone "$DNSPYTHON_RECORDS")"
fi

# Overridable to benchmark another build (or a stand-in when testing this script).
NATIVE_BIN="${MXRAY_NATIVE_BIN:-$ROOT/build/native/tests/bench/mxray-parse-bench}"
WASM_JS="${MXRAY_WASM_JS:-$BENCH/parse-wasm.mjs}"
DNSPY_CODE='import dns.zone,sys; dns.zone.from_file(sys.argv[1], origin=sys.argv[2], relativize=False, check_origin=False)'

# Parser table: name | kind | zone file | availability test | command (FILE/ORIGIN substituted).
# kind: ours (prints "records=N errors=E"), peer, peer-quiet (stdout discarded).
PARSERS=(native wasm kzonecheck named nsd ldns ldns-parse dnspython)
declare -A KIND ZONEOF STATUS
KIND=([native]=ours [wasm]=ours [kzonecheck]=peer [named]=peer [nsd]=peer [ldns]=peer-quiet [ldns-parse]=peer [dnspython]=peer)
for p in "${PARSERS[@]}"; do ZONEOF[$p]="$ZONE"; done
ZONEOF[dnspython]="$DNSPY_ZONE"

command_for() {  # command_for PARSER FILE -> sets CMD array
    local f="$2"
    case "$1" in
        native) CMD=("$NATIVE_BIN" "$f" "$ORIGIN") ;;
        # Node reads NODE_EXTRA_CA_CERTS at start-up, TLS or not: a system
        # bundle there adds ~90 ms to every run. The parse uses no TLS.
        wasm) CMD=(env -u NODE_EXTRA_CA_CERTS node "$WASM_JS" "$f" "$ORIGIN") ;;
        kzonecheck) CMD=(kzonecheck -o "$ORIGIN" "$f") ;;
        # Never without -i local: full integrity checks resolve out-of-zone names and hang offline.
        named) CMD=(named-checkzone -i local "$ORIGIN" "$f") ;;
        nsd) CMD=(nsd-checkzone "$ORIGIN" "$f") ;;
        ldns) CMD=(ldns-read-zone "$f") ;;
        # Same parse, but prints only the SOA: printing every record costs
        # ldns-read-zone about as much time as parsing.
        ldns-parse) CMD=(ldns-read-zone -E SOA "$f") ;;
        dnspython) CMD=("$PY" -c "$DNSPY_CODE" "$f" "$ORIGIN") ;;
    esac
}

have() { command -v "$1" >/dev/null 2>&1; }
for p in "${PARSERS[@]}"; do
    if ! wanted "$p"; then STATUS[$p]=skipped; continue; fi
    case "$p" in
        native) [ -x "$NATIVE_BIN" ] && STATUS[$p]=ok || STATUS[$p]="not built" ;;
        wasm) { [ -f "$WASM_JS" ] && have node; } && STATUS[$p]=ok || STATUS[$p]="not built" ;;
        kzonecheck) have kzonecheck && STATUS[$p]=ok || STATUS[$p]="not installed" ;;
        named) have named-checkzone && STATUS[$p]=ok || STATUS[$p]="not installed" ;;
        nsd) have nsd-checkzone && STATUS[$p]=ok || STATUS[$p]="not installed" ;;
        ldns|ldns-parse) have ldns-read-zone && STATUS[$p]=ok || STATUS[$p]="not installed" ;;
        dnspython) "$PY" -c 'import dns.zone' 2>/dev/null && STATUS[$p]=ok || STATUS[$p]="not installed" ;;
    esac
done

# Environment, for the report header.
ENVF="$OUT/env-$RECORDS.txt"
{
    echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores, $(grep -qw avx2 /proc/cpuinfo && echo AVX2 || echo no AVX2)"
    echo "kernel: $(uname -sr)"
    have kzonecheck && echo "kzonecheck: $(kzonecheck --version 2>&1 | head -1)"
    have named-checkzone && echo "named-checkzone: $(named-checkzone -v 2>&1 | head -1)"
    have nsd && echo "nsd: $(nsd -v 2>&1 | head -1)"
    have ldns-read-zone && echo "ldns-read-zone: $(ldns-read-zone -v 2>&1 | head -1)"
    "$PY" -c 'import dns.version; print("dnspython:", dns.version.version)' 2>/dev/null
    have node && echo "node: $(node --version)"
} >"$ENVF"

RESULTS="$OUT/results-$RECORDS.tsv"
printf 'parser\tkind\tfile\tbytes\trecords\trun\twall_ns\ttime_e\tmaxrss_kb\trc\tstdout\n' >"$RESULTS"
STATUSF="$OUT/status-$RECORDS.tsv"
: >"$STATUSF"
for p in "${PARSERS[@]}"; do printf '%s\t%s\t%s\n' "$p" "${KIND[$p]}" "${STATUS[$p]}" >>"$STATUSF"; done

# Runs are interleaved (run 1 of every parser, then run 2, ...) so that noise
# from the shared machine spreads over all parsers instead of hitting one.
for ((run = 1; run <= RUNS; run++)); do
    for p in "${PARSERS[@]}"; do
        [ "${STATUS[$p]}" = ok ] || continue
        f="${ZONEOF[$p]}"
        command_for "$p" "$f"
        log="$OUT/logs/$p-$RECORDS-run$run"
        cat "$f" >/dev/null   # warm-up: the file is read from the page cache
        echo "run $run/$RUNS: $p ($(basename "$f"))" >&2
        out="$log.out"
        [ "${KIND[$p]}" = peer-quiet ] && out=/dev/null
        t0=$(date +%s%N)
        timeout --kill-after=10 "$PER_RUN_TIMEOUT" \
            "$TIME" -f '%e %M %x' -o "$log.time" -- "${CMD[@]}" >"$out" 2>"$log.err"
        rc=$?
        t1=$(date +%s%N)
        # GNU time writes "Command exited with non-zero status N" before the format line.
        te="" rss="" xrc=""
        read -r te rss xrc < <(tail -n 1 "$log.time" 2>/dev/null) || true
        [ "$rc" -eq 0 ] && [ "${xrc:-x}" != 0 ] && rc=1
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
            "$p" "${KIND[$p]}" "$f" "$(stat -c %s "$f")" "$(cat "$f.count")" "$run" \
            "$((t1 - t0))" "${te:-?}" "${rss:-0}" "$rc" "$out" >>"$RESULTS"
        if [ "$rc" -ne 0 ]; then
            echo "  $p FAILED (exit $rc); stderr: $log.err" >&2
        fi
    done
done

REPORT="$OUT/report-$RECORDS.md"
"$PY" "$BENCH/report.py" --results "$RESULTS" --status "$STATUSF" --env "$ENVF" \
    --runs "$RUNS" --dnspython-records "$DNSPYTHON_RECORDS" | tee "$REPORT"
# The Session on every recorded scenario: rounds against dependency depth
# (a round more is a wasted round trip), and the core's time per check.
if [ -z "$ONLY" ] || [[ ",$ONLY," == *",session,"* ]]; then
    if have node && [ -f "$ROOT/www/lib/wasm/mxray-core.wasm" ]; then
        node "$BENCH/session-rounds.mjs" | tee -a "$REPORT" || echo "run.sh: a scenario took more rounds than its depth" >&2
    fi
fi
# The CLI's batch (mxray check --zone-dir) over 3,000 renamed copies of the
# bundled example: zones a second, against the 5,000/s target.
if [ -z "$ONLY" ] || [[ ",$ONLY," == *",batch,"* ]]; then
    if have node && [ -f "$ROOT/www/lib/wasm/mxray-core.wasm" ]; then
        echo >>"$REPORT"
        node "$BENCH/batch.mjs" | tee -a "$REPORT" || echo "run.sh: the batch benchmark failed" >&2
    fi
fi
echo "(report saved to ${REPORT#"$ROOT"/}, raw runs in ${RESULTS#"$ROOT"/})" >&2
