# hreeplan simulate (sourced by run.sh).  Kept to a few thousand paths: the
# suite also runs under valgrind and the sanitizers.
#  - tests/instances/simulate-coin.cfg is worked by hand in its header: path
#    cost 2e6 / 1.1e7 / 2e7 with probabilities 1/4, 1/2, 1/4.  With 4,000
#    paths the standard error of the mean cost is 6.364e6 / sqrt(4000) =
#    1.006e5 and that of P(shortage > 0) is sqrt(0.75 * 0.25 / 4000) =
#    0.0068; the checks allow 5 of them.
#  - with the instance's own scenarios as the paths and the exact recourse
#    LP, the mean path cost is the plan's expected cost (MODEL.md), checked
#    against `plan` to 1e-7 relative.
sm_coin=tests/instances/simulate-coin.cfg
sm_base=instances/japan-2026-baseline.cfg
sm_rel=tests/instances/reliability-lp.cfg
sm_jq() { jq -r "$1" "$2" 2>/dev/null; }
# sm_rel_near A B TOL: |A - B| <= TOL * |B|
sm_rel_near() { awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; m = b < 0 ? -b : b; exit !(a != "" && b != "" && d <= t * m) }'; }
sm_abs_near() { awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(a != "" && d <= t) }'; }

expect "simulate --help" 0 simulate --help
check "simulate --help names --recourse and --compare-objectives" grep -q -- "--compare-objectives" "$TMP/out"
expect "simulate without FILE is a usage error" 2 simulate
expect "simulate --recourse bogus is a usage error" 2 simulate "$sm_coin" --recourse bogus
expect "simulate --paths bogus is a usage error" 2 simulate "$sm_coin" --paths bogus
expect "simulate --plan with --compare-objectives is a usage error" 2 simulate "$sm_coin" --plan x.json --compare-objectives
expect "simulate of a missing file" 1 simulate "$TMP/no-such.cfg"

# The hand-worked distribution.
expect "simulate coin: json" 0 simulate "$sm_coin" --samples 4000 --seed 3 --format json --no-timing -o "$TMP/sm1.json"
check "simulate coin: samples and seed echoed" test "$(sm_jq '.samples' "$TMP/sm1.json"),$(sm_jq '.seed' "$TMP/sm1.json")" = "4000,3"
check "simulate coin: mean cost 1.1e7 within 5 se" sm_abs_near "$(sm_jq '.cost.mean' "$TMP/sm1.json")" 11000000 503000
check "simulate coin: P(shortage > 0) = 0.75 within 5 se" sm_abs_near "$(sm_jq '.shortage.prob_any' "$TMP/sm1.json")" 0.75 0.034
check "simulate coin: mean shortage 10 t within 5 se" sm_abs_near "$(sm_jq '.shortage.mean' "$TMP/sm1.json")" 10 0.56
check "simulate coin: quantiles of cost" test "$(sm_jq '[.cost.p50, .cost.p90, .cost.p95, .cost.p99, .cost.cvar95, .cost.min, .cost.max] | map(tostring) | join(",")' "$TMP/sm1.json")" = "11000000,20000000,20000000,20000000,20000000,2000000,20000000"
check "simulate coin: quantiles of shortage" test "$(sm_jq '[.shortage.p50, .shortage.p90, .shortage.cvar95] | map(tostring) | join(",")' "$TMP/sm1.json")" = "10,20,20"
check "simulate coin: standard error reported" sm_rel_near "$(sm_jq '.cost.se' "$TMP/sm1.json")" 100600 0.05
check "simulate coin: stock-out probability per quarter about 1/2" test "$(sm_jq '[.stockout[] | (.probability - 0.5 | fabs) < 0.04] | all' "$TMP/sm1.json")" = true
check "simulate coin: histogram sums to 1" sm_abs_near "$(sm_jq '.histogram.cost.probability | add' "$TMP/sm1.json")" 1 1e-9
expect "simulate coin: same seed again" 0 simulate "$sm_coin" --samples 4000 --seed 3 --format json --no-timing -o "$TMP/sm1b.json"
check "simulate: same seed, same report" same_but_run "$TMP/sm1.json" "$TMP/sm1b.json"
expect "simulate coin: another seed" 0 simulate "$sm_coin" --samples 4000 --seed 4 --format json --no-timing -o "$TMP/sm1c.json"
check "simulate: another seed, other paths" test "$(sm_jq '.cost.mean' "$TMP/sm1.json")" != "$(sm_jq '.cost.mean' "$TMP/sm1c.json")"
expect "simulate coin: per-path loop" 0 simulate "$sm_coin" --samples 4000 --seed 3 --format json --no-timing --per-path-loop -o "$TMP/sm1d.json"
check "simulate: per-path loop = batched" sm_rel_near "$(sm_jq '.cost.mean' "$TMP/sm1d.json")" "$(sm_jq '.cost.mean' "$TMP/sm1.json")" 1e-12
expect "simulate coin: lp recourse" 0 simulate "$sm_coin" --samples 500 --seed 3 --recourse lp --format json --no-timing -o "$TMP/sm1e.json"
expect "simulate coin: rule on the same 500 paths" 0 simulate "$sm_coin" --samples 500 --seed 3 --format json --no-timing -o "$TMP/sm1f.json"
check "simulate coin: lp = rule when nothing can be done better" sm_rel_near "$(sm_jq '.cost.mean' "$TMP/sm1e.json")" "$(sm_jq '.cost.mean' "$TMP/sm1f.json")" 1e-9

# Consistency: the instance's scenarios as paths, exact recourse = the plan's
# expected cost.  The lp recourse knows each path's whole future (the
# perfect-information bound), as the two-stage model does: the plans here
# are two-stage.  Under the scenario tree (the default) the lp recourse can
# only do better than the plan's own recourse: its mean is a lower bound.
for f in "$sm_base" "$sm_rel"; do
    n=$(basename "$f" .cfg)
    expect "plan $n json" 0 plan "$f" --information two-stage --format json --no-timing -o "$TMP/smp.json"
    expect "simulate $n: scenarios, lp" 0 simulate "$f" --information two-stage --paths scenarios --recourse lp --format json --no-timing -o "$TMP/sms.json"
    check "simulate $n: mean cost = the plan's expected cost (1e-7)" sm_rel_near "$(sm_jq '.cost.mean' "$TMP/sms.json")" "$(sm_jq '.cost.total' "$TMP/smp.json")" 1e-7
    check "simulate $n: mean shortage = the plan's expected shortage" sm_abs_near "$(sm_jq '.shortage.mean' "$TMP/sms.json")" "$(sm_jq '.risk.shortage' "$TMP/smp.json")" 1e-6
    check "simulate $n: CVaR95 never below the mean" awk -v c="$(sm_jq '.cost.cvar95' "$TMP/sms.json")" -v m="$(sm_jq '.cost.mean' "$TMP/sms.json")" 'BEGIN { exit !(c >= m) }'
done
expect "plan baseline json (tree)" 0 plan "$sm_base" --format json --no-timing -o "$TMP/smt.json"
expect "simulate the tree plan: scenarios, lp" 0 simulate "$sm_base" --plan "$TMP/smt.json" --paths scenarios --recourse lp --format json --no-timing -o "$TMP/smst.json"
check "simulate: perfect information (lp) costs no more than the tree plan" \
    awk -v a="$(sm_jq '.cost.mean' "$TMP/smst.json")" -v b="$(sm_jq '.cost.total' "$TMP/smt.json")" 'BEGIN { exit !(a != "" && a <= b * (1 + 1e-9)) }'
sm_mip=tests/instances/reliability-mip.cfg
expect "plan reliability-mip json (contracts)" 0 plan "$sm_mip" --information two-stage --format json --no-timing -o "$TMP/smpm.json"
expect "simulate --plan with contracts: scenarios, lp" 0 simulate "$sm_mip" --plan "$TMP/smpm.json" --paths scenarios --recourse lp --format json --no-timing -o "$TMP/smsm.json"
check "simulate --plan with contracts: mean cost = the plan's expected cost (1e-7)" sm_rel_near "$(sm_jq '.cost.mean' "$TMP/smsm.json")" "$(sm_jq '.cost.total' "$TMP/smpm.json")" 1e-7
check "simulate --plan with contracts: contract cost carried over" sm_rel_near "$(sm_jq '.parts.contract' "$TMP/smsm.json")" "$(sm_jq '.cost.contract' "$TMP/smpm.json")" 1e-12
check "simulate: the paths are the instance's 3 scenarios" test "$(sm_jq '.samples' "$TMP/sms.json"),$(sm_jq '.paths' "$TMP/sms.json")" = "3,scenarios"

# --plan round trip: the plan written by `plan --format json` simulates as the solved one.
expect "plan baseline json" 0 plan "$sm_base" --format json -o "$TMP/smplan.json"
expect "simulate baseline, plan solved in the run" 0 simulate "$sm_base" --samples 3000 --format json --no-timing -o "$TMP/smt0.json"
expect "simulate --plan" 0 simulate "$sm_base" --plan "$TMP/smplan.json" --samples 3000 --format json --no-timing -o "$TMP/smr.json"
sm_same=1
for k in mean p50 p90 p95 p99 cvar95; do
    sm_rel_near "$(sm_jq ".cost.$k" "$TMP/smr.json")" "$(sm_jq ".cost.$k" "$TMP/smt0.json")" 1e-9 || sm_same=0
    sm_abs_near "$(sm_jq ".shortage.$k" "$TMP/smr.json")" "$(sm_jq ".shortage.$k" "$TMP/smt0.json")" 1e-6 || sm_same=0
done
check "simulate --plan: same statistics as the plan solved in the run" test $sm_same = 1
check "simulate --plan: report names the plan file" test "$(sm_jq '.fitted_on.plan_file' "$TMP/smr.json")" = "$TMP/smplan.json"

# Thread-count independence: path k depends only on (seed, k); blocks are fixed by index.
OPENBLAS_NUM_THREADS=1 hp simulate "$sm_base" --plan "$TMP/smplan.json" --samples 3000 --format json --no-timing >"$TMP/smt1.json" 2>"$TMP/err"; r1=$?
OPENBLAS_NUM_THREADS=2 hp simulate "$sm_base" --plan "$TMP/smplan.json" --samples 3000 --format json --no-timing >"$TMP/smt2.json" 2>"$TMP/err"; r2=$?
check "simulate: runs with 1 and 2 OpenBLAS threads" test "$r1,$r2" = "0,0"
check "simulate: identical output with 1 and 2 threads" cmp -s "$TMP/smt1.json" "$TMP/smt2.json"
check "simulate: the paths were disrupted (the test can tell)" test "$(sm_jq '.cost.max > .cost.min' "$TMP/smt1.json")" = true
expect "simulate --threads 2" 0 simulate "$sm_base" --plan "$TMP/smplan.json" --samples 3000 --format json --no-timing --threads 2 -o "$TMP/smt3.json"
check "simulate: identical output with --threads 2" same_but_run "$TMP/smt1.json" "$TMP/smt3.json"

# Bad --plan files.
printf '{"orders": [{"supplier": "nowhere", "product": "Dy2O3", "ship": "2026Q1", "quantity": 1}]}\n' >"$TMP/bad1.json"
expect "simulate --plan unknown supplier exits 2" 2 simulate "$sm_base" --plan "$TMP/bad1.json" --samples 100
check "simulate --plan unknown supplier: message" grep -q 'bad1.json: orders\[0\].supplier: unknown supplier, got "nowhere"' "$TMP/err"
printf '{"orders": [{"supplier": "china", "product": "Dy2O3", "ship": "2027Q4", "quantity": 1}]}\n' >"$TMP/bad2.json"
expect "simulate --plan shipment arriving after the horizon exits 2" 2 simulate "$sm_base" --plan "$TMP/bad2.json" --samples 100
check "simulate --plan late shipment: message" grep -q 'orders\[0\].ship' "$TMP/err"
printf '{"orders": [{"supplier": "china", "product": "Dy2O3", "ship": "2026Q1", "quantity": -5}]}\n' >"$TMP/bad3.json"
expect "simulate --plan negative quantity exits 2" 2 simulate "$sm_base" --plan "$TMP/bad3.json" --samples 100
printf '{"orders": [ {"supplier": "china"' >"$TMP/bad4.json"
expect "simulate --plan malformed JSON exits 2" 2 simulate "$sm_base" --plan "$TMP/bad4.json" --samples 100
printf '{"cost": 1}\n' >"$TMP/bad5.json"
expect "simulate --plan without orders exits 2" 2 simulate "$sm_base" --plan "$TMP/bad5.json" --samples 100
expect "simulate --plan missing file exits 1" 1 simulate "$sm_base" --plan "$TMP/no-such-plan.json" --samples 100
check "simulate --plan: no report on failure" test ! -s "$TMP/out"

# The out-of-sample comparison, formats, output file, chart.
expect "simulate --compare-objectives" 0 simulate "$sm_base" --compare-objectives --samples 2000 --no-timing
check "simulate --compare-objectives: both plans side by side" grep -q "cost-minimal *risk-minimal" "$TMP/out"
expect "simulate --compare-objectives json" 0 simulate "$sm_base" --compare-objectives --samples 2000 --format json --no-timing -o "$TMP/smc.json"
check "simulate --compare-objectives json: two plans" test "$(sm_jq '[.plans[].label] | join(",")' "$TMP/smc.json")" = "cost-minimal,risk-minimal"
check "simulate --compare-objectives json: paired difference = difference of the means" sm_abs_near "$(sm_jq '.difference.cost.mean' "$TMP/smc.json")" "$(sm_jq '.plans[1].cost.mean - .plans[0].cost.mean' "$TMP/smc.json")" 1e-3
check "simulate --compare-objectives json: in-sample figures" test "$(sm_jq '.plans[1].in_sample.cvar <= .plans[0].in_sample.cvar + 1e-6' "$TMP/smc.json")" = true
expect "simulate --compare-objectives on an SAA sample" 0 simulate "$sm_base" --compare-objectives --sample-scenarios 20 --seed 5 --samples 1000 --format json --no-timing -o "$TMP/smc2.json"
check "simulate SAA: fresh paths use seed S + 1000003" test "$(sm_jq '.seed' "$TMP/smc2.json"),$(sm_jq '.fitted_on.seed' "$TMP/smc2.json")" = "1000008,5"
expect "simulate csv" 0 simulate "$sm_coin" --samples 1000 --format csv
check "simulate csv: header" test "$(head -1 "$TMP/out")" = "plan,measure,statistic,product,quarter,lower,upper,value"
check "simulate csv: mean cost row" grep -q '^cost-minimal,cost,mean,,,,,' "$TMP/out"
expect "simulate --paths mixed" 0 simulate "$sm_rel" --paths mixed --samples 1000 --format json --no-timing -o "$TMP/smm.json"
check "simulate --paths mixed: reported" test "$(sm_jq '.paths' "$TMP/smm.json")" = mixed
if command -v gnuplot >/dev/null 2>&1; then
    expect "simulate --chart" 0 simulate "$sm_coin" --samples 1000 --chart "$TMP/sm.svg" --no-timing
    check "simulate --chart: an SVG" grep -q '<svg' "$TMP/sm.svg"
fi
