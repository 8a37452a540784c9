# hreeplan simulate --recourse rolling (sourced by run.sh): the rolling
# re-plan against the perfect-information bound (lp) and the greedy rule.
#  - tests/instances/rolling.cfg works all three by hand in its header on
#    the instance's two scenarios: lp 5,101,000, rolling 5,403,000, rule
#    5,800,000 (mean path cost), shortage 3, 3 and 4 t.
#  - tests/instances/rolling-det.cfg has nothing random: the three agree at
#    2,802,000 with no shortage, on sampled paths and on its one scenario.
#  - on the same sampled paths the lp mean is never above the rolling mean
#    (each path's rolling decisions are feasible for its recourse LP).
# Kept to a few hundred paths: the suite also runs under valgrind.
rl_inst=tests/instances/rolling.cfg
rl_det=tests/instances/rolling-det.cfg
rl_base=instances/japan-2026-baseline.cfg
rl_jq() { jq -r "$1" "$2" 2>/dev/null; }
rl_near() { awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(a != "" && b != "" && d <= t) }'; }
printf '%s\n' '{"orders": [{"supplier": "cn", "product": "Dy2O3", "ship": "2026Q1", "quantity": 10},' \
    '{"supplier": "cn", "product": "Dy2O3", "ship": "2026Q2", "quantity": 10}]}' >"$TMP/rl_plan.json"
printf '%s\n' '{"orders": [{"supplier": "cn", "product": "Dy2O3", "ship": "2026Q1", "quantity": 8},' \
    '{"supplier": "cn", "product": "Dy2O3", "ship": "2026Q2", "quantity": 8},' \
    '{"supplier": "cn", "product": "Dy2O3", "ship": "2026Q3", "quantity": 8}]}' >"$TMP/rl_plan_det.json"

expect "simulate --help names --recourse rolling" 0 simulate --help
check "simulate --help: rolling and --rolling-scenarios" grep -q -- "--rolling-scenarios" "$TMP/out"

# The hand-worked scenarios: lp < rolling < rule.
for r in lp rolling rule; do
    expect "rolling.cfg scenarios, $r" 0 simulate "$rl_inst" --plan "$TMP/rl_plan.json" --paths scenarios --recourse $r --format json --no-timing -o "$TMP/rl_$r.json"
done
check "rolling.cfg: lp mean cost 5,101,000" rl_near "$(rl_jq '.cost.mean' "$TMP/rl_lp.json")" 5101000 1e-3
check "rolling.cfg: rolling mean cost 5,403,000" rl_near "$(rl_jq '.cost.mean' "$TMP/rl_rolling.json")" 5403000 1e-3
check "rolling.cfg: rule mean cost 5,800,000" rl_near "$(rl_jq '.cost.mean' "$TMP/rl_rule.json")" 5800000 1e-3
check "rolling.cfg: rolling paths 2,604,000 and 8,202,000" test "$(rl_jq '[.cost.min, .cost.max] | map(tostring) | join(",")' "$TMP/rl_rolling.json")" = "2604000,8202000"
check "rolling.cfg: shortage lp 3, rolling 3, rule 4" test "$(rl_jq '.shortage.mean' "$TMP/rl_lp.json"),$(rl_jq '.shortage.mean' "$TMP/rl_rolling.json"),$(rl_jq '.shortage.mean' "$TMP/rl_rule.json")" = "3,3,4"
check "rolling.cfg: rolling spot 4 t on the stop path, 2 t calm (mean 900,000)" rl_near "$(rl_jq '.parts.spot' "$TMP/rl_rolling.json")" 900000 1e-3
check "rolling.cfg json: recourse and its label" test "$(rl_jq '.recourse' "$TMP/rl_rolling.json"),$(rl_jq '.recourse_label' "$TMP/rl_lp.json")" = "rolling,perfect-information bound"
check "rolling.cfg json: no continuation count on scenario paths" test "$(rl_jq '.rolling_scenarios' "$TMP/rl_rolling.json")" = null
expect "rolling.cfg text: lp" 0 simulate "$rl_inst" --plan "$TMP/rl_plan.json" --paths scenarios --recourse lp --no-timing
check "text report labels lp the perfect-information bound" grep -q "recourse: lp, perfect-information bound" "$TMP/out"

# Same paths, sampled from the process: lp <= rolling; more continuations
# do not break it; identical with 1 and 2 threads.
expect "rolling.cfg sampled, lp" 0 simulate "$rl_inst" --plan "$TMP/rl_plan.json" --samples 200 --seed 7 --recourse lp --format json --no-timing -o "$TMP/rl_slp.json"
expect "rolling.cfg sampled, rolling" 0 simulate "$rl_inst" --plan "$TMP/rl_plan.json" --samples 200 --seed 7 --recourse rolling --rolling-scenarios 8 --format json --no-timing -o "$TMP/rl_sro.json"
check "rolling.cfg sampled: lp mean <= rolling mean" awk -v a="$(rl_jq '.cost.mean' "$TMP/rl_slp.json")" -v b="$(rl_jq '.cost.mean' "$TMP/rl_sro.json")" 'BEGIN { exit !(a != "" && b != "" && a <= b + 1e-6) }'
check "rolling.cfg sampled: continuations reported" test "$(rl_jq '.rolling_scenarios' "$TMP/rl_sro.json")" = 8
# a stop path costs 8,202,000 (2 t pre-bought) or 9,600,000, a calm one
# 2,000,000 or 2,604,000: every path cost is one of these
check "rolling.cfg sampled: path costs from the hand-worked set" test "$(rl_jq '[.cost.min, .cost.max] | map(. == 2000000 or . == 2604000 or . == 8202000 or . == 9600000) | all' "$TMP/rl_sro.json")" = true
expect "baseline rolling, 1 thread" 0 simulate "$rl_base" --samples 40 --recourse rolling --rolling-scenarios 5 --threads 1 --format json --no-timing -o "$TMP/rl_b1.json"
expect "baseline rolling, 2 threads" 0 simulate "$rl_base" --samples 40 --recourse rolling --rolling-scenarios 5 --threads 2 --format json --no-timing -o "$TMP/rl_b2.json"
check "baseline rolling: same report with 1 and 2 threads" same_but_run "$TMP/rl_b1.json" "$TMP/rl_b2.json"
expect "baseline lp on the same paths" 0 simulate "$rl_base" --samples 40 --recourse lp --format json --no-timing -o "$TMP/rl_blp.json"
check "baseline: lp mean <= rolling mean" awk -v a="$(rl_jq '.cost.mean' "$TMP/rl_blp.json")" -v b="$(rl_jq '.cost.mean' "$TMP/rl_b1.json")" 'BEGIN { exit !(a != "" && b != "" && a <= b * (1 + 1e-9)) }'
check "baseline: the paths were disrupted (the test can tell)" test "$(rl_jq '.cost.max > .cost.min' "$TMP/rl_b1.json")" = true

# Nothing random: the three modes agree.
for pa in sample scenarios; do
    for r in lp rolling rule; do
        expect "rolling-det $pa, $r" 0 simulate "$rl_det" --plan "$TMP/rl_plan_det.json" --paths $pa --samples 50 --recourse $r --format json --no-timing -o "$TMP/rl_d_${pa}_${r}.json"
        check "rolling-det $pa, $r: cost 2,802,000, no shortage" test "$(rl_jq '[.cost.min, .cost.max, .shortage.max, .parts.spot, .parts.holding] | map(tostring) | join(",")' "$TMP/rl_d_${pa}_${r}.json")" = "2802000,2802000,0,400000,2000"
    done
done

# Bad requests.
expect "--rolling-scenarios without --recourse rolling" 2 simulate "$rl_inst" --rolling-scenarios 5
check "--rolling-scenarios without rolling: says so" grep -q "applies to --recourse rolling" "$TMP/err"
expect "--rolling-scenarios 0" 2 simulate "$rl_inst" --recourse rolling --rolling-scenarios 0
expect "--rolling-scenarios not a number" 2 simulate "$rl_inst" --recourse rolling --rolling-scenarios many
expect "--rolling-scenarios above the limit" 2 simulate "$rl_inst" --recourse rolling --rolling-scenarios 10001
expect "--recourse rolling on mixed paths" 2 simulate "$rl_inst" --recourse rolling --paths mixed
check "--recourse rolling on mixed paths: says so" grep -q "not mixed" "$TMP/err"
expect "--per-path-loop with rolling" 2 simulate "$rl_inst" --recourse rolling --per-path-loop
check "bad rolling requests: no report" test ! -s "$TMP/out"
