#!/bin/sh
# Pareto front vs independent plans: wall time of `hreeplan pareto --points N`
# (one model, each point warm-started from the previous basis) against N
# separate `hreeplan plan` runs (each reads, builds and solves from scratch),
# for N = 11 and 21, and against one `plan`.  End to end, RUNS runs each
# (interleaved), medians; the issue's target is a 21-point front within 4x
# one plan.
#
#   sh bench/pareto.sh [HREEPLAN [INSTANCE [RUNS [OPTION...]]]]
#
# defaults: ./hreeplan (else build/hreeplan), instances/japan-2026-baseline.cfg, 7.
# OPTIONs go to every run (e.g. --sample-scenarios 200 for a larger LP).
# The N plan runs alternate --objective cost and risk, so they do the same
# kinds of solves as the front's ends (each `plan` is itself two solves).
set -eu
HP=${1:-}
if [ -z "$HP" ]; then
    if [ -x ./hreeplan ]; then HP=./hreeplan; else HP=build/hreeplan; fi
fi
INST=${2:-instances/japan-2026-baseline.cfg}
RUNS=${3:-7}
[ $# -gt 3 ] && shift 3 || set --
[ -x "$HP" ] || { echo "$HP: not built (make)" >&2; exit 1; }
TMPD=$(mktemp -d)
trap 'rm -rf "$TMPD"' EXIT

now() { date +%s.%N; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
lap() { echo "$1 $2" | awk '{ printf "%.6f\n", $2 - $1 }'; }

"$HP" pareto "$INST" "$@" --points 21 --format json >"$TMPD/front.json"
echo "instance: $INST${*:+ (options: $*)}"
echo "model: $(jq -r '.solver | "\(.rows) rows, \(.cols) columns, \(.nonzeros) nonzeros"' "$TMPD/front.json")"
echo "21-point front: $(jq -r '"\(.n_front) points on the front, knee at point \(.knee), \(.solver.iterations) simplex iterations, solver \(.solver.seconds) s"' "$TMPD/front.json")"

for f in one p11 p21 s11 s21; do : >"$TMPD/t.$f"; done
i=0
while [ "$i" -lt "$RUNS" ]; do
    a=$(now); "$HP" plan "$INST" "$@" >/dev/null; b=$(now); lap "$a" "$b" >>"$TMPD/t.one"
    a=$(now); "$HP" pareto "$INST" "$@" --points 11 >/dev/null; b=$(now); lap "$a" "$b" >>"$TMPD/t.p11"
    a=$(now); "$HP" pareto "$INST" "$@" --points 21 >/dev/null; b=$(now); lap "$a" "$b" >>"$TMPD/t.p21"
    for n in 11 21; do
        a=$(now)
        k=0
        while [ "$k" -lt "$n" ]; do
            if [ $((k % 2)) -eq 0 ]; then o=cost; else o=risk; fi
            "$HP" plan "$INST" "$@" --objective $o >/dev/null
            k=$((k + 1))
        done
        b=$(now); lap "$a" "$b" >>"$TMPD/t.s$n"
    done
    i=$((i + 1))
done
m1=$(median <"$TMPD/t.one")
echo "runs: $RUNS each (interleaved); wall time, end to end"
for f in one p11 s11 p21 s21; do
    case $f in
    one) l="1 plan";; p11) l="pareto --points 11";; p21) l="pareto --points 21";;
    s11) l="11 plan runs";; s21) l="21 plan runs";;
    esac
    m=$(median <"$TMPD/t.$f")
    printf '%-20s median %.4f s  = %5.2f x one plan   (runs: %s)\n' "$l" "$m" "$(echo "$m $m1" | awk '{ print $1 / $2 }')" "$(tr '\n' ' ' <"$TMPD/t.$f")"
done
m11=$(median <"$TMPD/t.p11"); m21=$(median <"$TMPD/t.p21")
s11=$(median <"$TMPD/t.s11"); s21=$(median <"$TMPD/t.s21")
echo "$s11 $m11 $s21 $m21" | awk '{ printf "speed-up of the front over separate plans: %.1fx (11 points), %.1fx (21 points)\n", $1 / $2, $3 / $4 }'
echo "$m21 $m1" | awk '{ r = $1 / $2; printf "target (21-point front <= 4x one plan): %.2fx, %s\n", r, r <= 4 ? "met" : "NOT met" }'
