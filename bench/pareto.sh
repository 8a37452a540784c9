#!/bin/sh
# Pareto front vs independent plans: wall time of `hreeplan pareto --points N`
# (one model, each point warm-started from the previous basis) against N
# separate `hreeplan plan` runs (each reads, builds and solves from scratch),
# for N = 11 and 21, and against one `plan`.  End to end, RUNS runs each
# (interleaved), medians; the issue's target is a 21-point front within 4x
# one plan.  Wall time and CPU time (user + system of the children, which
# other jobs on the machine disturb less) are both reported; ratios use CPU.
# The model size, the front and its simplex iterations are the same on every
# run of one binary; the times and ratios are not.
#
#   sh bench/pareto.sh [HREEPLAN [INSTANCE [RUNS [OPTION...]]]]
#
# defaults: $HREEPLAN, else ./hreeplan; instances/japan-2026-baseline.cfg, 7.
# OPTIONs go to every run (e.g. --sample-scenarios 200 for a larger LP).
# SKIP_PLANS=1 leaves out the 11 / 21 separate plan runs (slow on big models).
# The N plan runs alternate --objective cost and risk, so they do the same
# kinds of solves as the front's ends (each `plan` is itself two solves).
set -eu
. "$(dirname "$0")/provenance.sh"
HP=${1:-$(hp_binary_default)}
INST=${2:-instances/japan-2026-baseline.cfg}
RUNS=${3:-7}
[ $# -gt 3 ] && shift 3 || set --
[ -x "$HP" ] || { echo "$HP: not built (make)" >&2; exit 1; }
TMPD=$(mktemp -d)
trap 'rm -rf "$TMPD"' EXIT

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# timed FILE CMD...: runs CMD, appends "wall cpu" (seconds) to FILE
command -v /usr/bin/time >/dev/null || { echo "/usr/bin/time not found (apt-get install time)" >&2; exit 1; }
timed() {
    tf=$1; shift
    /usr/bin/time -f '%e %U %S' -o "$TMPD/one" "$@" >/dev/null
    awk '{ printf "%.4f %.4f\n", $1, $2 + $3 }' "$TMPD/one" >>"$tf"
}
# n_plans FILE N OPTION...: N plan runs alternating --objective cost / risk,
# their sum as one entry
n_plans() {
    nf=$1; n=$2; shift 2; : >"$TMPD/many"
    k=0
    while [ "$k" -lt "$n" ]; do
        if [ $((k % 2)) -eq 0 ]; then o=cost; else o=risk; fi
        timed "$TMPD/many" "$HP" plan "$INST" "$@" --objective $o
        k=$((k + 1))
    done
    awk '{ w += $1; c += $2 } END { printf "%.4f %.4f\n", w, c }' "$TMPD/many" >>"$nf"
}

"$HP" pareto "$INST" "$@" --points 21 --format json >"$TMPD/front.json"
echo "instance: $INST${*:+ (options: $*)}"
echo "binary: $(hp_provenance "$HP")"
echo "same for every run of this binary: the model, the front and its iterations; the times vary with the machine"
echo "model: $(jq -r '.solver | "\(.rows) rows, \(.cols) columns, \(.nonzeros) nonzeros"' "$TMPD/front.json")"
echo "21-point front: $(jq -r '"\(.n_front) points on the front, knee at point \(.knee), \(.solver.iterations) simplex iterations"' "$TMPD/front.json")"

for f in one p11 p21 s11 s21; do : >"$TMPD/t.$f"; done
i=0
while [ "$i" -lt "$RUNS" ]; do
    timed "$TMPD/t.one" "$HP" plan "$INST" "$@"
    timed "$TMPD/t.p11" "$HP" pareto "$INST" "$@" --points 11
    timed "$TMPD/t.p21" "$HP" pareto "$INST" "$@" --points 21
    if [ "${SKIP_PLANS:-0}" != 1 ]; then
        n_plans "$TMPD/t.s11" 11 "$@"
        n_plans "$TMPD/t.s21" 21 "$@"
    fi
    i=$((i + 1))
done
col() { cut -d' ' -f"$2" "$TMPD/t.$1" | median; }
c1=$(col one 2)
echo "runs: $RUNS each (interleaved); load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
for f in one p11 s11 p21 s21; do
    [ -s "$TMPD/t.$f" ] || continue
    case $f in
    one) l="1 plan";; p11) l="pareto --points 11";; p21) l="pareto --points 21";;
    s11) l="11 plan runs";; s21) l="21 plan runs";;
    esac
    w=$(col $f 1); c=$(col $f 2)
    printf '%-20s median wall %8.4f s, cpu %8.4f s = %6.2f x one plan (cpu)\n' "$l" "$w" "$c" "$(echo "$c $c1" | awk '{ print ($2 > 0 ? $1 / $2 : 0) }')"
done
if [ -s "$TMPD/t.s21" ]; then
    echo "$(col s11 2) $(col p11 2) $(col s21 2) $(col p21 2)" |
        awk '{ printf "speed-up of the front over separate plan runs (cpu): %.1fx (11 points), %.1fx (21 points)\n", $1 / $2, $3 / $4 }'
fi
echo "$(col p21 2) $c1" | awk '{ r = $2 > 0 ? $1 / $2 : 0; printf "target (21-point front <= 4x one plan, cpu): %.2fx, %s\n", r, r <= 4 ? "met" : "NOT met" }'
