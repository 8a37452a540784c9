#!/bin/sh
# make bench: every benchmark in this folder, in turn (never part of make
# test).  Each prints its own figures and ratios; see bench/README.md for
# what each measures and the figures recorded.
set -u
rc=0
for b in plan_vs_glpsol.sh pareto.sh scenarios.sh simulate.sh perf/run.sh; do
    [ -f "bench/$b" ] || continue
    echo "=== bench/$b"
    sh "bench/$b" || { echo "bench/$b failed"; rc=1; }
done
exit $rc
