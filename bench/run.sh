#!/bin/sh
# make bench: every benchmark in this folder, in turn (never part of make
# test).  See bench/README.md for what each measures and the figures
# recorded.
#
#   sh bench/run.sh                  (HREEPLAN=BIN picks the binary, default ./hreeplan;
#                                     B=DIR the build the simulation driver links)
#
# First the deterministic tables: bench/scenarios.sh rewrites
# bench/results/scenarios.{md,csv} and scenarios-supply.svg, byte for byte the
# same on every run of one binary (they name it: version, commit, sha256).
# Then the timed benchmarks, which only print: their times and ratios vary
# with the machine's load (medians or best of interleaved runs), so nothing
# timed is written to bench/results/.  PERF_ARGS are bench/perf/run.sh's
# options (default: its own, every shape and size: hours).
set -u
. "$(dirname "$0")/provenance.sh"
HREEPLAN=$(hp_binary_default)
export HREEPLAN
rc=0
for b in scenarios.sh latency.sh plan_vs_glpsol.sh pareto.sh simulate.sh tree.sh perf/run.sh; do
    [ -f "bench/$b" ] || continue
    echo "=== bench/$b"
    if [ "$b" = perf/run.sh ]; then
        # shellcheck disable=SC2086
        eval "sh bench/perf/run.sh ${PERF_ARGS:-}" || { echo "bench/$b failed"; rc=1; }
    else
        sh "bench/$b" || { echo "bench/$b failed"; rc=1; }
    fi
done
exit $rc
