#!/usr/bin/python3
"""Turn run.sh's raw runs into the benchmark table (markdown on stdout).

Medians over the runs of each parser: whole-process wall time (measured by
run.sh around /usr/bin/time, ns resolution) and peak RSS (/usr/bin/time %M).
MB = 10^6 bytes, MiB = 2^20 bytes. Stdlib only.
"""

import argparse
import csv
import os
import re
import statistics

LABELS = {
    "native": "mxray native",
    "wasm": "mxray wasm (node)",
    "kzonecheck": "kzonecheck -o",
    "named": "named-checkzone -i local",
    "nsd": "nsd-checkzone",
    "ldns": "ldns-read-zone > /dev/null",
    "ldns-parse": "ldns-read-zone -E SOA",
    "dnspython": "dnspython zone.from_file",
}

# Peer figures measured on the anchor machine (2 vCPU Xeon 2.50 GHz, AVX2),
# from docs/sources.md#zone-parser-anchors: MB/s.
PEER_ANCHOR_MBS = {"kzonecheck": 23.0, "nsd": 23.2, "ldns-parse": 11.8,
                   "named": 8.2, "dnspython": 0.36}

# Parsers we do not run (not packaged) but compare against: name, MB/s,
# records/s, peak memory text. Same source as above.
ANCHOR_ROWS = (
    ("simdzone parse, AVX2 kernel", 429.0, 6.4e6, "<= 12"),
    ("simdzone parse, SSE4.2 kernel", 336.0, 5.0e6, "<= 12"),
    ("simdzone parse, scalar fallback", 139.0, 2.1e6, "<= 12"),
    ("Knot libzscanner, parse only", 158.0, 2.4e6, "66"),
)

OURS_LINE = re.compile(r"records=(\d+)\s+errors=(\d+)")
PARSE_NS = re.compile(r"parse_ns=(\d+)")


def fmt_rate(x):
    if x >= 1e6:
        return "%.2f M" % (x / 1e6)
    if x >= 1e3:
        return "%.0f k" % (x / 1e3)
    return "%.0f" % x


def fmt_mbs(x):
    return "%.1f" % x if x >= 1 else "%.2f" % x


def fmt_ratio(x):
    return "%.1f×" % x if x >= 10 else "%.2f×" % x


def load(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def summarise(name, kind, runs):
    """Median figures of one parser's runs, or a failure description."""
    s = {"name": name, "kind": kind, "runs": len(runs)}
    failed = [r for r in runs if r["rc"] != "0"]
    s["file"] = runs[0]["file"]
    s["bytes"] = int(runs[0]["bytes"])
    s["expected"] = int(runs[0]["records"])
    notes = []
    if failed:
        s["failed"] = "FAILED (exit %s in %d of %d runs)" % (
            ",".join(sorted({r["rc"] for r in failed})), len(failed), len(runs))
        return s
    records = s["expected"]
    if kind == "ours":
        # Our parsers print "records=N errors=E"; trust the count they report
        # and flag anything that differs from the generator's count.
        seen = set()
        parse_ns = []
        for r in runs:
            try:
                with open(r["stdout"]) as f:
                    text = f.read()
            except OSError:
                text = ""
            m = OURS_LINE.search(text)
            seen.add((int(m.group(1)), int(m.group(2))) if m else None)
            t = PARSE_NS.search(text)
            if t:
                parse_ns.append(int(t.group(1)))
        # The parse alone, timed inside the driver (start-up excluded); only
        # when every run printed it.
        if parse_ns and len(parse_ns) == len(runs):
            s["parse_s"] = statistics.median(parse_ns) / 1e9
        if None in seen or len(seen) != 1:
            s["failed"] = "FAILED (no or inconsistent 'records=N errors=E' line)"
            return s
        records, errors = seen.pop()
        if errors:
            notes.append("%d errors on a valid zone!" % errors)
        if records != s["expected"]:
            notes.append("records=%d, expected %d!" % (records, s["expected"]))
    wall = statistics.median(int(r["wall_ns"]) for r in runs) / 1e9
    walls = sorted(int(r["wall_ns"]) / 1e9 for r in runs)
    s["wall"] = wall
    s["spread"] = (walls[0], walls[-1])
    s["mbs"] = s["bytes"] / 1e6 / wall
    s["rps"] = records / wall
    s["rss_mib"] = statistics.median(int(r["maxrss_kb"]) for r in runs) / 1024
    s["rss_ratio"] = s["rss_mib"] * 1048576 / s["bytes"]
    s["notes"] = notes
    return s


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--results", required=True)
    ap.add_argument("--status", required=True)
    ap.add_argument("--env")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--dnspython-records", type=int, default=100000)
    args = ap.parse_args()

    rows = load(args.results)
    order, status, kinds = [], {}, {}
    with open(args.status) as f:
        for line in f:
            name, kind, st = line.rstrip("\n").split("\t")
            order.append(name)
            status[name] = st
            kinds[name] = kind
    by_parser = {}
    for r in rows:
        by_parser.setdefault(r["parser"], []).append(r)
    summ = {p: summarise(p, kinds[p], by_parser[p])
            for p in order if by_parser.get(p)}

    main_zone = next((s for p, s in summ.items() if p != "dnspython"), None)
    if main_zone is None and "dnspython" in summ:
        main_zone = summ["dnspython"]
    native = summ.get("native")
    native_mbs = native.get("mbs") if native and "failed" not in native else None
    native_rps = native.get("rps") if native_mbs else None

    out = []
    out.append("# mxray zone-parser benchmark")
    out.append("")
    if main_zone:
        out.append("Zone: `%s`, %.1f MB, %d records (tests/bench/gen_zone.py "
                   "--portable). Median of %d runs, whole process, file in page "
                   "cache. MB = 10^6 bytes. Figures vary ±30 %% on a shared "
                   "machine: compare within one run." % (
                       os.path.basename(main_zone["file"]), main_zone["bytes"] / 1e6,
                       main_zone["expected"], args.runs))
    if args.env and os.path.exists(args.env):
        out.append("")
        with open(args.env) as f:
            for line in f:
                out.append("- " + line.rstrip("\n"))
    out.append("")
    out.append("| parser | wall s (median; min–max) | MB/s | records/s | "
               "peak RSS MiB | RSS / file | mxray native ÷ this | notes |")
    out.append("|---|---|---|---|---|---|---|---|")
    for p in order:
        label = LABELS.get(p, p)
        s = summ.get(p)
        if s is None:
            st = status[p]
            if st == "ok":
                st = "no runs"
            if st != "skipped":
                out.append("| %s | %s | | | | | | |" % (label, st))
            continue
        if "failed" in s:
            out.append("| %s | **%s** | | | | | | see build/bench/logs/ |" % (label, s["failed"]))
            continue
        notes = list(s["notes"])
        if p == "dnspython" and main_zone["file"] != s["file"]:
            notes.append("run on a %d-record zone (%.1f MB) because it is slow; "
                         "MB/s and records/s are measured on that file "
                         "(about %.0f s for the full zone)" % (
                             s["expected"], s["bytes"] / 1e6,
                             main_zone["bytes"] / 1e6 / s["mbs"]))
        if p == "ldns":
            notes.append("parses and prints every record; see the -E SOA row "
                         "for the parse alone")
        if p == "ldns-parse":
            notes.append("parses every record, prints only the SOA")
        if p in PEER_ANCHOR_MBS:
            notes.append("anchor %s MB/s" % fmt_mbs(PEER_ANCHOR_MBS[p]))
        if p == "wasm" and native_mbs:
            notes.insert(0, "wasm/native = %.0f %%" % (100.0 * s["mbs"] / native_mbs))
        if p == "native" or not native_mbs:
            ratio = "—"
        else:
            ratio = fmt_ratio(native_mbs / s["mbs"])
        out.append("| %s | %.3f; %.3f–%.3f | %s | %s | %.1f | %.2f | %s | %s |" % (
            label, s["wall"], s["spread"][0], s["spread"][1], fmt_mbs(s["mbs"]),
            fmt_rate(s["rps"]), s["rss_mib"], s["rss_ratio"], ratio,
            "; ".join(notes)))
    for name, mbs, rps, mem in ANCHOR_ROWS:
        ratio = fmt_ratio(native_mbs / mbs) if native_mbs else "—"
        out.append("| %s | anchor (not run) | %s | %s | %s | | %s | "
                   "docs/sources.md#zone-parser-anchors, other machine |" % (
                       name, fmt_mbs(mbs), fmt_rate(rps), mem, ratio))
    out.append("")
    if native_mbs is None:
        out.append("mxray native has no figures (%s), so there are no ratios." % (
            "FAILED" if native and "failed" in native
            else status.get("native", "not run")))
    else:
        out.append("mxray native: %s MB/s, %s records/s." % (
            fmt_mbs(native_mbs), fmt_rate(native_rps)))
    # The parse alone: what each driver times from creating the parser to
    # finish(), reading the file included; the process's start-up (for wasm:
    # Node itself and compiling the module) and exit are left out.
    inner = [(p, summ[p]) for p in ("native", "wasm")
             if p in summ and "parse_s" in summ[p]]
    if inner:
        out.append("")
        parts = ["%s %s MB/s (%.3f s)" % (LABELS[p], fmt_mbs(s["bytes"] / 1e6 / s["parse_s"]),
                                          s["parse_s"]) for p, s in inner]
        line = "Parse alone (timed inside the driver, median): " + "; ".join(parts)
        if len(inner) == 2:
            line += "; wasm/native = %.0f %%" % (
                100.0 * inner[0][1]["parse_s"] / inner[1][1]["parse_s"])
        out.append(line + ".")
    print("\n".join(out))


if __name__ == "__main__":
    main()
