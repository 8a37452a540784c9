#!/bin/sh
# MPI scale-out: one process against mpirun -np 1 and -np 2, one thread per
# rank (--threads 1, OPENBLAS_NUM_THREADS=1), ranks not bound to cores,
# interleaved, RUNS runs each (medians of the wall time, start to exit,
# mpirun's start-up included, and of the CPU seconds, user + system, of all
# ranks and mpirun together):
#   - plan --method lshaped on S = 1,000 and 10,000 sampled scenarios of the
#     baseline (two-stage information): the recourse solves spread over the
#     ranks;
#   - simulate --recourse lp (20,000 paths) and --recourse rolling (100
#     paths) of the baseline's plan: the paths spread over the ranks.
# Each row says whether the report of 2 ranks equals the one process's
# (--no-timing, the run record left out; text for the plans, JSON for the
# simulations) and, for the L-shaped rows,
# where rank 0's time went on 1 and 2 ranks (HREEPLAN_VERBOSE=2: master,
# recourse rounds, and within those the wait for and the gather of the
# other rank).  Goal (issue 15): 2 ranks >= 1.6x one rank.  Times vary with
# the machine's load (printed before and after); nothing is written to
# bench/results/.
#
#   sh bench/mpi.sh [HREEPLAN [RUNS]]      # ./hreeplan, 3
set -eu
. "$(dirname "$0")/provenance.sh"
HP=${1:-$(hp_binary_default)}
RUNS=${2:-3}
INST=instances/japan-2026-baseline.cfg
command -v mpirun >/dev/null || { echo "mpirun not found (apt-get install openmpi-bin)" >&2; exit 1; }
[ -x "$HP" ] || { echo "$HP: not built (make)" >&2; exit 1; }
"$HP" --version | grep -q '^Open MPI' || { echo "$HP: built without Open MPI" >&2; exit 1; }
export OPENBLAS_NUM_THREADS=1 OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
TMPD=$(mktemp -d)
trap 'rm -rf "$TMPD"' EXIT
"$HP" plan "$INST" --format json -o "$TMPD/plan.json"

echo "binary: $(hp_provenance "$HP")"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# one MODE ARGS...: one run; its wall seconds to stdout, its report to
# $TMPD/MODE.out, its stderr to $TMPD/MODE.err
one() {
    m=$1; shift
    case $m in
    one) set -- "$HP" "$@" ;;
    np1) set -- mpirun --bind-to none -np 1 -x HREEPLAN_VERBOSE "$HP" "$@" ;;
    np2) set -- mpirun --bind-to none -np 2 -x HREEPLAN_VERBOSE "$HP" "$@" ;;
    esac
    # the report into a file: on standard output it would pass through
    # mpirun's forwarding (a 5 MB JSON report costs it a second of CPU)
    HREEPLAN_VERBOSE=2 /usr/bin/time -f "%e %U %S" -o "$TMPD/time" "$@" -o "$TMPD/$m.out" 2>"$TMPD/$m.err"
    awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }' "$TMPD/time"
}
# median of column $1
median() { cut -d' ' -f"$1" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
shares() {
    sed -n 's/.*L-shaped time: \([0-9]*\) iterations, \([0-9.]*\) s: master \([0-9.]*\) s, recourse rounds \([0-9.]*\) s (of which waiting for and gathering [0-9]* ranks \([0-9.]*\) s).*/\1 it, master \3 s, recourse \4 s (gather \5 s) of \2 s/p' "$1"
}
echo
echo "| work | 1 process | mpirun -np 1 | mpirun -np 2 | speed-up of 2 ranks, wall (vs 1 process / vs -np 1) | same report | L-shaped on rank 0: 1 process / 2 ranks |"
echo "|---|---|---|---|---|---|---|"
row() {
    label=$1; shift
    : >"$TMPD/t.one"; : >"$TMPD/t.np1"; : >"$TMPD/t.np2"
    for _ in $(seq "$RUNS"); do
        for m in one np1 np2; do one $m "$@" >>"$TMPD/t.$m"; done
    done
    t1=$(median 1 <"$TMPD/t.one"); tn1=$(median 1 <"$TMPD/t.np1"); tn2=$(median 1 <"$TMPD/t.np2")
    c1=$(median 2 <"$TMPD/t.one"); cn1=$(median 2 <"$TMPD/t.np1"); cn2=$(median 2 <"$TMPD/t.np2")
    if jq -e . "$TMPD/one.out" >/dev/null 2>&1; then
        jq -S 'del(.run)' "$TMPD/one.out" >"$TMPD/a"; jq -S 'del(.run)' "$TMPD/np2.out" >"$TMPD/b"
    else
        grep -v '^run: ' "$TMPD/one.out" >"$TMPD/a"; grep -v '^run: ' "$TMPD/np2.out" >"$TMPD/b"
    fi
    same=$(cmp -s "$TMPD/a" "$TMPD/b" && echo yes || echo NO)
    sp=$(awk -v a="$t1" -v b="$tn1" -v c="$tn2" 'BEGIN { printf "%.2fx / %.2fx", a / c, b / c }')
    echo "| $label | $t1 s (cpu $c1) | $tn1 s (cpu $cn1) | $tn2 s (cpu $cn2) | $sp | $same | $(shares "$TMPD/one.err") / $(shares "$TMPD/np2.err") |"
}
# the text report: the JSON one of 10,000 scenarios takes rank 0 two
# seconds of CPU to write, a serial part that would hide the solve's
LS="plan $INST --information two-stage --seed 1 --method lshaped --threads 1 --no-timing"
row "lshaped S=1,000" $LS --sample-scenarios 1000
row "lshaped S=10,000" $LS --sample-scenarios 10000
row "simulate lp, 20,000 paths" simulate "$INST" --plan "$TMPD/plan.json" --samples 20000 \
    --recourse lp --format json --no-timing
row "simulate rolling, 100 paths" simulate "$INST" --plan "$TMPD/plan.json" --samples 100 \
    --recourse rolling --format json --no-timing
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
