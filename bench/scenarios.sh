#!/bin/sh
# The scenario comparison: `hreeplan compare` over the baseline and every
# variant in instances/scenarios/ (cost-minimal plans, the instances' own
# risk settings), written as bench/results/scenarios.csv (long: instance,
# metric, value; money in USD, quantities in t, shares 0..1) and
# bench/results/scenarios.md (a row per instance; money in USD m, shares in
# %), plus the supply chart bench/results/scenarios-supply.svg when gnuplot
# is installed.
#
#   sh bench/scenarios.sh [HREEPLAN [OPTION...]]
#
# default binary: ./hreeplan (else build/hreeplan).  OPTIONs go to compare
# (e.g. --objective risk, --measure shortage).
set -eu
HP=${1:-}
if [ -z "$HP" ]; then
    if [ -x ./hreeplan ]; then HP=./hreeplan; else HP=build/hreeplan; fi
fi
[ $# -gt 0 ] && shift
[ -x "$HP" ] || { echo "$HP: not built (make)" >&2; exit 1; }
BASE=instances/japan-2026-baseline.cfg
OUT=bench/results
mkdir -p "$OUT"

a=$(date +%s.%N)
"$HP" compare "$BASE" --variants instances/scenarios "$@" --no-timing --format csv -o "$OUT/scenarios.csv"
b=$(date +%s.%N)
if command -v gnuplot >/dev/null 2>&1; then
    "$HP" compare "$BASE" --variants instances/scenarios "$@" --no-timing --chart "$OUT/scenarios-supply.svg" >/dev/null
fi

# pivot the long CSV: a row per instance, a column per metric
awk -F, -v opts="$*" -v secs="$(echo "$a $b" | awk '{ printf "%.2f", $2 - $1 }')" '
NR == 1 { next }
{
    if (!($1 in seen)) { seen[$1] = 1; inst[++ni] = $1 }
    if (!($2 in mseen)) { mseen[$2] = 1; met[++nm] = $2 }
    v[$1, $2] = $3
}
function head(m) {
    if (m == "cost_total") return "cost USD m"
    if (m ~ /^cost_/) { sub(/^cost_/, "", m); return m " USD m" }
    if (m ~ /^unmet_/) { sub(/^unmet_/, "", m); return "unmet " m " t" }
    if (m ~ /^end_stock_/) { sub(/^end_stock_/, "", m); return "end stock " m " t" }
    if (m ~ /^share_/) { sub(/^share_/, "", m); return m " %" }
    if (m == "cvar") return "CVaR t"
    if (m == "shortage") return "shortage t"
    if (m == "exposure") return "exposure t"
    return m
}
function cell(m, x) {
    if (x == "") return "-"
    if (m == "status") return x
    if (m ~ /^cost_/) return sprintf("%.1f", x / 1e6)
    if (m ~ /^share_/) return sprintf("%.1f", 100 * x)
    return sprintf("%.1f", x)
}
END {
    print "# Scenario comparison"
    print ""
    print "Cost-minimal plans of the baseline and each variant in `instances/scenarios/`"
    print "(`sh bench/scenarios.sh" (opts != "" ? " HREEPLAN " opts : "") "`; compare took " secs " s for " ni " instances)."
    print "Money in USD m (expected over the scenarios of each instance), quantities in t over"
    print "the horizon, shares of all t shipped. Long form in `scenarios.csv`."
    print ""
    line = "| instance"
    sep = "|---"
    for (j = 1; j <= nm; j++) if (met[j] != "status") { line = line " | " head(met[j]); sep = sep "|---:" }
    print line " | status |"
    print sep "|---|"
    for (i = 1; i <= ni; i++) {
        line = "| " inst[i]
        for (j = 1; j <= nm; j++) if (met[j] != "status") line = line " | " cell(met[j], v[inst[i], met[j]])
        print line " | " v[inst[i], "status"] " |"
    }
}' "$OUT/scenarios.csv" >"$OUT/scenarios.md.tmp"
mv "$OUT/scenarios.md.tmp" "$OUT/scenarios.md"
cat "$OUT/scenarios.md"
