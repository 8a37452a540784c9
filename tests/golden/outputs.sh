#!/bin/sh
# Writes every command's output, in every format, for the bundled instances
# into DIR, so that two builds can be compared byte for byte:
#   sh tests/golden/outputs.sh ./hreeplan /tmp/before
#   (change, rebuild)
#   sh tests/golden/outputs.sh ./hreeplan /tmp/after && diff -r /tmp/before /tmp/after
# Timing is left out (--no-timing) so that only the numbers can differ.
set -u
bin=$1; out=$2
mkdir -p "$out"
base=instances/japan-2026-baseline.cfg
insts="$base instances/teach-*.cfg instances/scenarios/*.cfg tests/instances/[!h]*.cfg"
run() { # NAME ARGS...: stdout, stderr and exit code of one run
    name=$1; shift
    "$bin" "$@" >"$out/$name.out" 2>"$out/$name.err"; echo $? >"$out/$name.rc"
}
for be in glpk cbc; do
    for f in $insts; do
        n=$(basename "$f" .cfg)
        for fmt in text csv json; do
            run "$be-plan-cost-$n.$fmt" plan "$f" --backend $be --format $fmt --no-timing
            run "$be-plan-risk-$n.$fmt" plan "$f" --backend $be --objective risk --format $fmt --no-timing
        done
        run "$be-check-$n" check "$f"
    done
    for fmt in text csv json; do
        run "$be-pareto-base.$fmt" pareto $base --backend $be --format $fmt --no-timing
        run "$be-pareto-exp.$fmt" pareto $base --backend $be --measure exposure --points 5 --format $fmt --no-timing
        run "$be-compare.$fmt" compare $base --variants instances/scenarios --backend $be --format $fmt --no-timing
        run "$be-sim.$fmt" simulate $base --backend $be --samples 2000 --compare-objectives --format $fmt --no-timing
        run "$be-simlp.$fmt" simulate $base --backend $be --samples 200 --recourse lp --format $fmt --no-timing
        run "$be-lshaped.$fmt" plan $base --backend $be --method lshaped --sample-scenarios 200 --format $fmt --no-timing
        run "$be-pareto-ls.$fmt" pareto $base --backend $be --method lshaped --points 4 --sample-scenarios 60 --format $fmt --no-timing
    done
done
"$bin" plan $base --format json --no-timing -o "$out/plan.json" >/dev/null 2>&1
run sim-from-plan simulate $base --plan "$out/plan.json" --samples 1000 --no-timing
for e in lp mps mathprog-data; do run "export-$e" export $base --$e "$out/export.$e"; done
run usage-bad plan
run usage-bad2 plan $base --objective nope
for f in tests/bad/*.cfg; do run "bad-$(basename "$f" .cfg)" check "$f"; done
