#!/bin/sh
# The scenario tree by the L-shaped method (scenario bundles) against the
# two-stage L-shaped method and the extensive form of the tree, on sampled
# paths of the baseline.  Every time is a whole `hreeplan plan` process
# (sampling, building, solving, report), wall and CPU, the median of RUNS
# interleaved runs; the extensive form of the tree runs under a timeout
# (EXT_TIMEOUT seconds, default 300) and only up to EXT_MAX scenarios
# (default 1000).  Then the tree's size (nodes, master nodes, bundles) and
# the L-shaped iterations, the expected costs (the tree's two methods
# agree to the method's gap of 1e-6) and the ratios the target names:
# tree L-shaped / two-stage L-shaped (target <= 5) and extensive tree /
# tree L-shaped (target >= 10).  Last, the bundle size at S = 1000
# (--bundle-size 4, 16, 64) and the crossover of `--method auto`: tree
# L-shaped against the extensive form of the tree at small S.
#
#   sh bench/tree.sh [HREEPLAN [RUNS [SIZES]]]      (default ./hreeplan, 3, "200 1000")
set -eu
. "$(dirname "$0")/provenance.sh"
HP=${1:-$(hp_binary_default)}
RUNS=${2:-3}
SIZES=${3:-200 1000}
EXT_TIMEOUT=${EXT_TIMEOUT:-300}
EXT_MAX=${EXT_MAX:-1000}
INST=instances/japan-2026-baseline.cfg
[ -x "$HP" ] || { echo "$HP: not built (make)" >&2; exit 1; }
command -v jq >/dev/null || { echo "bench/tree.sh needs jq" >&2; exit 1; }
TMPD=$(mktemp -d)
trap 'rm -rf "$TMPD"' EXIT

# timed ARGS...: "wall cpu" of one process, or "fail fail"
timed() {
    /usr/bin/python3 - "$EXT_TIMEOUT" "$@" <<'EOF_PY'
import resource, subprocess, sys, time
t = time.perf_counter()
try:
    r = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=float(sys.argv[1]))
    ok = r.returncode == 0
except subprocess.TimeoutExpired:
    ok = False
w = time.perf_counter() - t
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%.6f %.6f" % (w, u.ru_utime + u.ru_stime) if ok else "fail fail")
EOF_PY
}
median() { grep -v fail | sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a"; else printf "%.3f\n", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
col() { awk -v c="$1" '{ print $c }' "$2" | median; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "n/a" || b == "n/a" || b == 0) print "n/a"; else printf "%.2f\n", a / b }'; }
iters() { sed -n 's/.*L-shaped: \([0-9]*\) master iterations.*/\1/p' "$1" | tail -n 1; }

echo "binary: $(hp_provenance "$HP")"
echo "instance: $INST; runs: $RUNS each, interleaved; extensive tree up to $EXT_MAX scenarios, timeout ${EXT_TIMEOUT} s"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
printf '%6s %6s %7s %7s | %-16s %-16s %-16s | %8s %8s | %s\n' S nodes master bundles \
    "2-stage L wall/cpu" "tree L wall/cpu" "tree ext wall/cpu" "treeL/2L" "ext/treeL" \
    "iterations 2L/treeL; expected cost tree L, tree ext (rel. diff)"
for S in $SIZES; do
    base="plan $INST --sample-scenarios $S --no-timing"
    # shellcheck disable=SC2086
    "$HP" $base --method lshaped --format json -o "$TMPD/l.json" 2>"$TMPD/l.err"
    # shellcheck disable=SC2086
    "$HP" $base --method lshaped --information two-stage --format json -o "$TMPD/t.json" 2>"$TMPD/t.err"
    ext=1
    [ "$S" -le "$EXT_MAX" ] || ext=0
    : >"$TMPD/l.t"
    : >"$TMPD/t.t"
    : >"$TMPD/e.t"
    k=0
    while [ "$k" -lt "$RUNS" ]; do
        # shellcheck disable=SC2086
        timed "$HP" $base --method lshaped --information two-stage >>"$TMPD/t.t"
        # shellcheck disable=SC2086
        timed "$HP" $base --method lshaped >>"$TMPD/l.t"
        # shellcheck disable=SC2086
        [ $ext = 1 ] && timed "$HP" $base --method extensive --format json -o "$TMPD/e.json" >>"$TMPD/e.t"
        k=$((k + 1))
    done
    lw=$(col 1 "$TMPD/l.t"); lc=$(col 2 "$TMPD/l.t")
    tw=$(col 1 "$TMPD/t.t"); tc=$(col 2 "$TMPD/t.t")
    if [ $ext = 1 ]; then ew=$(col 1 "$TMPD/e.t"); ec=$(col 2 "$TMPD/e.t"); else ew=n/a; ec=n/a; fi
    lcost=$(jq -r '.cost.total' "$TMPD/l.json")
    if [ $ext = 1 ] && [ -s "$TMPD/e.json" ]; then
        ecost=$(jq -r '.cost.total' "$TMPD/e.json")
        diff=$(awk -v a="$lcost" -v b="$ecost" 'BEGIN { d = (a - b) / b; printf "%.1e", d < 0 ? -d : d }')
    else
        ecost=n/a; diff=n/a
    fi
    printf '%6s %6s %7s %7s | %-16s %-16s %-16s | %8s %8s | %s/%s; %.10g, %s (%s)\n' "$S" \
        "$(jq -r '.nodes' "$TMPD/l.json")" "$(jq -r '.decomposition.master_nodes' "$TMPD/l.json")" \
        "$(jq -r '.decomposition.bundles' "$TMPD/l.json")" "$tw/$tc" "$lw/$lc" "$ew/$ec" \
        "$(ratio "$lw" "$tw")" "$(ratio "$ew" "$lw")" "$(iters "$TMPD/t.err")" "$(iters "$TMPD/l.err")" \
        "$lcost" "$ecost" "$diff"
done

echo
echo "bundle size at S = 1000 (tree L-shaped, median wall/cpu s of $RUNS):"
for b in 4 16 64; do
    : >"$TMPD/b.t"
    k=0
    while [ "$k" -lt "$RUNS" ]; do
        timed "$HP" plan "$INST" --sample-scenarios 1000 --no-timing --method lshaped --bundle-size "$b" >>"$TMPD/b.t"
        k=$((k + 1))
    done
    "$HP" plan "$INST" --sample-scenarios 1000 --no-timing --method lshaped --bundle-size "$b" \
        --format json -o "$TMPD/b.json" 2>"$TMPD/b.err"
    printf '  --bundle-size %-3s %s/%s s, %s master nodes, %s bundles, %s iterations\n' "$b" \
        "$(col 1 "$TMPD/b.t")" "$(col 2 "$TMPD/b.t")" "$(jq -r '.decomposition.master_nodes' "$TMPD/b.json")" \
        "$(jq -r '.decomposition.bundles' "$TMPD/b.json")" "$(iters "$TMPD/b.err")"
done

echo
echo "crossover of --method auto under the tree (median wall s of $RUNS, extensive / lshaped):"
for S in 10 20 35 50 100; do
    : >"$TMPD/xl.t"
    : >"$TMPD/xe.t"
    k=0
    while [ "$k" -lt "$RUNS" ]; do
        timed "$HP" plan "$INST" --sample-scenarios "$S" --no-timing --method lshaped >>"$TMPD/xl.t"
        timed "$HP" plan "$INST" --sample-scenarios "$S" --no-timing --method extensive >>"$TMPD/xe.t"
        k=$((k + 1))
    done
    xl=$(col 1 "$TMPD/xl.t"); xe=$(col 1 "$TMPD/xe.t")
    printf '  S = %-4s extensive %s s, lshaped %s s, ratio %s\n' "$S" "$xe" "$xl" "$(ratio "$xe" "$xl")"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
