#!/bin/sh
# Monte-Carlo stress test benchmark (issue: 10^6 paths of the rule recourse
# in at most 1 s on 2 cores).  Builds bench/bench_simulate.c against
# $B/libhreeplan.a and runs it on the baseline's cost-minimal plan at 10^4,
# 10^5 and 10^6 paths: batched (OpenBLAS dgemm arrivals + rule vectorised
# along the paths) and the per-path loop in the same run, wall and CPU
# seconds (best of BENCH_REPS runs, default 3), paths per second, and the
# share of the workers' time in sampling, arrivals and recourse.  Then the
# end-to-end command (load, solve the plan, simulate, report) for 10^6 paths
# and the out-of-sample comparison at 10^5, with 1 and 2 OpenBLAS threads.
#
#   sh bench/simulate.sh [INSTANCE [N...]]
#
# B=build/x selects the build whose libhreeplan.a the driver links (default
# build, made if missing); the end-to-end runs use $HREEPLAN, else $B/hreeplan
# when B is given, else ./hreeplan.  The mean costs are the same on every run
# of one build (paths depend only on the seed and the path index); the times,
# paths/s and time shares vary with the machine (best of BENCH_REPS).
set -eu
. "$(dirname "$0")/provenance.sh"
if [ -n "${B:-}" ]; then HP=${HREEPLAN:-$B/hreeplan}; else HP=$(hp_binary_default); fi
B=${B:-build}
INST=${1:-instances/japan-2026-baseline.cfg}
[ $# -gt 0 ] && shift
make -s B="$B" "$B/libhreeplan.a"
[ -x "$HP" ] || { echo "$HP: not built (make)" >&2; exit 1; }
CFLAGS="-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O2 -g -Wall -Wextra -Werror"
LIBS=$(make -s print-libs) # CBC and OpenBLAS are loaded on use, not linked
# shellcheck disable=SC2086
cc $CFLAGS -o "$B/bench_simulate" bench/bench_simulate.c "$B/libhreeplan.a" $LIBS
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "OpenBLAS threads: ${OPENBLAS_NUM_THREADS:-default}"
echo "library: $B/libhreeplan.a; end to end: $(hp_provenance "$HP")"
echo "same for every run of this build: the plan and the mean costs; times, paths/s and shares vary with the machine"
echo
"$B/bench_simulate" "$INST" "$@"
echo
for th in 1 2; do
    t0=$(date +%s.%N)
    OPENBLAS_NUM_THREADS=$th "$HP" simulate "$INST" --samples 1000000 --no-timing >/dev/null
    t1=$(date +%s.%N)
    echo "end to end, OPENBLAS_NUM_THREADS=$th: hreeplan simulate $INST --samples 1000000: $(echo "$t0 $t1" | awk '{ printf "%.2f", $2 - $1 }') s"
done
t0=$(date +%s.%N)
"$HP" simulate "$INST" --compare-objectives --samples 100000 --no-timing >/dev/null
t1=$(date +%s.%N)
echo "end to end: hreeplan simulate $INST --compare-objectives --samples 100000: $(echo "$t0 $t1" | awk '{ printf "%.2f", $2 - $1 }') s"
