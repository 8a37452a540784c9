# Spend and penalty (MODEL.md "Spend and penalty"; sourced by run.sh): the
# spend-risk front, --budget and --max-risk on tests/instances/spend-kink.cfg,
# whose answers are worked out by hand in its header, and the round trip
# "a point of the front, asked back as a bound, gives that point" -- on the
# extensive form with GLPK, with CBC when it is built, and by the L-shaped
# method (sp_opts below).

sp_f=tests/instances/spend-kink.cfg
# sp_near A B [REL]: |A - B| <= REL |B| + REL (default $sp_rt, else 1e-6)
sp_near() { awk -v a="$1" -v b="$2" -v t="${3:-${sp_rt:-1e-6}}" 'BEGIN {
    if (a !~ /^-?[0-9.]+([eE][-+]?[0-9]+)?$/ || b !~ /^-?[0-9.]+([eE][-+]?[0-9]+)?$/) exit 1;
    d = a - b; if (d < 0) d = -d; m = b < 0 ? -b : b; exit !(d <= t * m + t) }'; }
sp_jq() { jq -r "$1" "$2" 2>/dev/null; }
# the hand-worked front: spend as a function of risk (the instance's header)
sp_spend_of() { awk -v r="$1" 'BEGIN {
    if (r >= 5) s = 1000000 - 100000 * r; else if (r >= 2.5) s = 3000000 - 500000 * r;
    else s = 4500000 - 1100000 * r; printf "%.6f", s }'; }

if ! command -v jq >/dev/null 2>&1; then
    skip "spend" "jq not installed"
else
    sp_cfgs="extensive lshaped"
    "$HPBIN" --version 2>/dev/null | grep -q '^CBC [0-9]' && sp_cfgs="$sp_cfgs cbc"
    for sp_c in $sp_cfgs; do
        case $sp_c in
        extensive) sp_o="--method extensive"; sp_t=""; sp_rt=1e-6 ;;
        # each lexicographic level is solved to the method's relative gap
        # of 1e-6, and the next one may use that slack: 1e-5 overall
        lshaped) sp_o="--method lshaped"; sp_t=" [lshaped]"; sp_rt=1e-5 ;;
        cbc) sp_o="--method extensive --backend cbc"; sp_t=" [cbc]"; sp_rt=1e-6 ;;
        esac
        expect "spend$sp_t: pareto json" 0 pareto "$sp_f" $sp_o --points 20 --format json --no-timing -o "$TMP/sp.json"
        check "spend$sp_t: axis spend by default" test "$(sp_jq '.axis' "$TMP/sp.json")" = spend
        sp_ok=1
        for k in $(seq 0 19); do
            r=$(awk -v k="$k" 'BEGIN { r = 10 - 0.5 * k; printf "%.6f", r }')
            sp_near "$(sp_jq ".points[$k].risk" "$TMP/sp.json")" "$r" || sp_ok=0
            sp_near "$(sp_jq ".points[$k].spend" "$TMP/sp.json")" "$(sp_spend_of "$r")" || sp_ok=0
            # cost = spend + 400,000 per t of expected shortage
            sp_near "$(sp_jq ".points[$k].cost" "$TMP/sp.json")" \
                "$(awk -v s="$(sp_spend_of "$r")" -v r="$r" 'BEGIN { printf "%.6f", s + 400000 * r }')" || sp_ok=0
        done
        check "spend$sp_t: every point on the hand-worked spend-risk front" test $sp_ok = 1
        check "spend$sp_t: the knee is point 10 (risk 5)" test "$(sp_jq '.knee' "$TMP/sp.json")" = 10
        check "spend$sp_t: expected-cost plan spends 500,000 at risk 5" sh -c "$(printf '%s' \
            "jq -e '(.expected_cost_plan.spend - 500000 | fabs) < 1e-3 and (.expected_cost_plan.risk - 5 | fabs) < 1e-6 and (.expected_cost_plan.cost - 2500000 | fabs) < 1e-3' '$TMP/sp.json' >/dev/null")"
        check "spend$sp_t: cost split has spend" sh -c "jq -e '.points[12].cost_split.spend == .points[12].spend' '$TMP/sp.json' >/dev/null"

        # plans under a bound, by hand
        expect "spend$sp_t: --budget 1000000" 0 plan "$sp_f" $sp_o --budget 1000000 --format json -o "$TMP/b.json"
        check "spend$sp_t: --budget 1,000,000 gives risk 4" sp_near "$(sp_jq '.risk.shortage' "$TMP/b.json")" 4
        # (the least risk within 1e-6 of it, MODEL.md's tolerance, then the
        # least spend: 4.000004 t leaves 2 USD of the budget)
        check "spend$sp_t: --budget 1,000,000 spends 1,000,000" sp_near "$(sp_jq '.cost.spend' "$TMP/b.json")" 1000000 1e-5
        check "spend$sp_t: --budget: expected cost 2,600,000" sp_near "$(sp_jq '.cost.total' "$TMP/b.json")" 2600000
        check "spend$sp_t: --budget in the JSON" test "$(sp_jq '.budget' "$TMP/b.json")" = 1000000
        expect "spend$sp_t: --max-risk 1" 0 plan "$sp_f" $sp_o --max-risk 1 --format json -o "$TMP/m.json"
        check "spend$sp_t: --max-risk 1 spends 3,400,000" sp_near "$(sp_jq '.cost.spend' "$TMP/m.json")" 3400000
        check "spend$sp_t: --max-risk 1: risk 1" sp_near "$(sp_jq '.risk.shortage' "$TMP/m.json")" 1
        check "spend$sp_t: --max-risk: expected cost 3,800,000" sp_near "$(sp_jq '.cost.total' "$TMP/m.json")" 3800000
        expect "spend$sp_t: plan text" 0 plan "$sp_f" $sp_o --max-risk 1
        check "spend$sp_t: text says spend first" sh -c "grep -n '^  expected spend\|^  expected cost' '$TMP/out' | head -n 1 | grep -q 'expected spend  USD 3.40 m'"
        check "spend$sp_t: text names the bound" grep -q "least expected spend with shortage <= 1" "$TMP/out"

        # infeasible bounds: exit 3 and the least attainable value
        expect "spend$sp_t: --budget below the least spend" 3 plan "$sp_f" $sp_o --budget -1
        check "spend$sp_t: says the least spend (0)" grep -q "the least expected spend is 0 USD" "$TMP/err"
        expect "spend$sp_t: --max-risk below the least risk" 3 plan "$sp_f" $sp_o --max-risk 0.25
        check "spend$sp_t: says the least risk (0.5)" grep -q "the least risk is 0.5$" "$TMP/err"

        # round trip: a front point's risk as --max-risk gives its spend; its
        # spend as --budget gives its risk (every third point, ends included)
        sp_ok=1
        for k in 0 3 6 9 10 12 15 18 19; do
            r=$(sp_jq ".points[$k].risk" "$TMP/sp.json"); s=$(sp_jq ".points[$k].spend" "$TMP/sp.json")
            hp plan "$sp_f" $sp_o --max-risk "$r" --format json >"$TMP/rt.json" 2>"$TMP/err" || sp_ok=0
            sp_near "$(sp_jq '.cost.spend' "$TMP/rt.json")" "$s" || { sp_ok=0; echo "  point $k: --max-risk $r spends $(sp_jq '.cost.spend' "$TMP/rt.json"), front $s"; }
            hp plan "$sp_f" $sp_o --budget "$s" --format json >"$TMP/rt.json" 2>"$TMP/err" || sp_ok=0
            sp_near "$(sp_jq '.risk.shortage' "$TMP/rt.json")" "$r" || { sp_ok=0; echo "  point $k: --budget $s gives risk $(sp_jq '.risk.shortage' "$TMP/rt.json"), front $r"; }
        done
        check "spend$sp_t: --max-risk and --budget land on the front" test $sp_ok = 1
    done
    sp_rt=1e-6
    expect "spend: --budget and --max-risk together" 2 plan "$sp_f" --budget 1 --max-risk 1
    expect "spend: --budget not a number" 2 plan "$sp_f" --budget lots
    expect "spend: --max-risk negative" 2 plan "$sp_f" --max-risk -1
    expect "spend: --axis wrong" 2 pareto "$sp_f" --axis money
    expect "spend: --budget inf with --method lshaped" 2 plan "$sp_f" --budget inf --method lshaped

    # the cost axis keeps the first edition's front; text shows the span
    expect "spend: pareto --axis cost" 0 pareto "$sp_f" --axis cost --points 5 --format json -o "$TMP/spc.json"
    check "spend: cost axis: no expected-cost mark (it is point 0)" test "$(sp_jq '.expected_cost_plan' "$TMP/spc.json")" = null
    check "spend: cost axis: point 0 is the expected-cost plan" sp_near "$(sp_jq '.points[0].cost' "$TMP/spc.json")" 2500000
    expect "spend: pareto text" 0 pareto "$sp_f" --points 20
    check "spend: text span" grep -q "^front spans 3.95 USD m of spend" "$TMP/out"
    check "spend: text expected-cost plan" grep -q "^expected-cost plan: spend 0.50 USD m, risk 5.000" "$TMP/out"
    check "spend: text shortage next to exposure" grep -q " shortage  exposure " "$TMP/out"
fi

# glpsol on models/hreeplan.mod (written independently): its SPEND under a
# risk cap and its least risk under a budget agree with --max-risk and
# --budget on every hand-solved instance with a shipment column (the cap: the
# cost plan's risk halfway to the least risk; the budget: that plan's spend)
if command -v glpsol >/dev/null 2>&1 && command -v jq >/dev/null 2>&1; then
    case "${HP_VALGRIND:-}${HP_WRAP:-}" in
    *valgrind* | 1*) sp_list="$sp_f" ;;
    *) sp_list="$sp_f tests/instances/pareto-kink.cfg tests/instances/cvar.cfg tests/instances/spot.cfg tests/instances/safety.cfg" ;;
    esac
    for sp_i in $sp_list; do
        sp_n="spend glpsol $(basename "$sp_i" .cfg)"
        hp export "$sp_i" --mathprog-data "$TMP/sp.dat" >/dev/null 2>&1 || { bad "$sp_n: export"; continue; }
        hp plan "$sp_i" --format json >"$TMP/spc.json" 2>/dev/null || { bad "$sp_n: cost plan"; continue; }
        hp plan "$sp_i" --objective risk --format json >"$TMP/spr.json" 2>/dev/null || { bad "$sp_n: risk plan"; continue; }
        sp_m=$(sp_jq '.measure' "$TMP/spc.json")
        sp_cap=$(jq -nr --argjson a "$(sp_jq ".risk.$sp_m" "$TMP/spc.json")" --argjson b "$(sp_jq ".risk.$sp_m" "$TMP/spr.json")" '($a + $b) / 2')
        printf "data;\nparam obj := 'spend';\nparam riskcap := %s;\nend;\n" "$sp_cap" >"$TMP/sp.cap.dat"
        # the L-shaped method stops at a relative gap of 1e-6
        for sp_me in extensive lshaped; do
            sp_tol=1e-7; sp_btol=1e-6; [ $sp_me = lshaped ] && sp_tol=2e-6 && sp_btol=2e-6
            glpsol -m models/hreeplan.mod -d "$TMP/sp.dat" -d "$TMP/sp.cap.dat" >"$TMP/sp.gs" 2>&1
            hp plan "$sp_i" --method $sp_me --max-risk "$sp_cap" --format json >"$TMP/spm.json" 2>"$TMP/err"
            if sp_near "$(sp_jq '.cost.spend' "$TMP/spm.json")" "$(sed -n 's/^OBJ //p' "$TMP/sp.gs")" $sp_tol &&
                sp_near "$(sp_jq '.cost.spend' "$TMP/spm.json")" "$(sed -n 's/^SPEND //p' "$TMP/sp.gs")" $sp_tol; then
                ok "$sp_n [$sp_me]: --max-risk $sp_cap spends $(sp_jq '.cost.spend' "$TMP/spm.json")"
            else
                bad "$sp_n [$sp_me]: --max-risk $sp_cap" "hreeplan spend $(sp_jq '.cost.spend' "$TMP/spm.json"), glpsol $(sed -n 's/^OBJ //p' "$TMP/sp.gs")"
            fi
            sp_b=$(sp_jq '.cost.spend' "$TMP/spc.json")
            printf "data;\nparam obj := 'risk';\nparam spendcap := %s;\nend;\n" "$sp_b" >"$TMP/sp.bud.dat"
            glpsol -m models/hreeplan.mod -d "$TMP/sp.dat" -d "$TMP/sp.bud.dat" >"$TMP/sp.gs" 2>&1
            hp plan "$sp_i" --method $sp_me --budget "$sp_b" --format json >"$TMP/spb.json" 2>"$TMP/err"
            if sp_near "$(sp_jq ".risk.$sp_m" "$TMP/spb.json")" "$(sed -n 's/^OBJ //p' "$TMP/sp.gs")" $sp_btol; then
                ok "$sp_n [$sp_me]: --budget $sp_b gives $sp_m $(sp_jq ".risk.$sp_m" "$TMP/spb.json")"
            else
                bad "$sp_n [$sp_me]: --budget $sp_b" "hreeplan $sp_m $(sp_jq ".risk.$sp_m" "$TMP/spb.json"), glpsol $(sed -n 's/^OBJ //p' "$TMP/sp.gs")"
            fi
        done
    done
else
    skip "spend glpsol" "glpsol or jq not installed"
fi

# exposure_spend_front_einval: on the baseline the least-spend plan buys
# only what arrives for certain, so its exposure is already the least
# (0 t up to round-off, a hair below the least-exposure solve): the sweep
# asked for risk below its own lower bound and the front failed with
# "invalid input".  Every point is now that plan; the expected-cost plan,
# less safe on exposure but far short of it on shortage, is warned about.
expect "spend: exposure front of the baseline (exposure_spend_front_einval)" 0 \
    pareto instances/japan-2026-baseline.cfg --measure exposure --no-timing -o "$TMP/sp-exp.txt"
check "spend: exposure front warns that less exposure leaves more shortage" \
    grep -q "less exposed than the expected-cost plan" "$TMP/sp-exp.txt"

# exposure_hides_shortage: a least-exposure plan that leaves more demand
# unmet says so, with the expected-cost plan's figures beside its own
# (tests/instances/exposure-shortage.cfg: exposure 0 against 2 t, unmet
# 10 t against 2 t, worked out in its header).
sp_x=tests/instances/exposure-shortage.cfg
expect "spend: least-exposure plan (exposure_hides_shortage)" 0 \
    plan "$sp_x" --objective risk --no-timing -o "$TMP/sp-x.txt"
check "spend: the text warns, with both plans' figures" grep -q \
    "less exposed than the expected-cost plan (0.00 t against 2.00 t) but leaves more demand unmet (10.00 t against 2.00 t; 8.00 t more" \
    "$TMP/sp-x.txt"
expect "spend: plain exposure instance does not warn" 0 \
    plan tests/instances/exposure.cfg --objective risk --no-timing -o "$TMP/sp-x0.txt"
check "spend: no warning when exposure costs no shortage" sh -c "! grep -q warning '$TMP/sp-x0.txt'"
if command -v jq >/dev/null 2>&1; then
    expect "spend: least-exposure plan json" 0 \
        plan "$sp_x" --objective risk --format json -o "$TMP/sp-x.json"
    check "spend: json expected_cost_plan" test \
        "$(jq -c '[.expected_cost_plan.exposure, .expected_cost_plan.unmet, .expected_cost_plan.more_shortage, .risk.exposure < 1e-6]' "$TMP/sp-x.json")" = "[2,2,true,true]"
    expect "spend: compare of least-exposure plans" 0 \
        compare "$sp_x" tests/instances/exposure.cfg --objective risk -o "$TMP/sp-xc.txt"
    check "spend: compare warns for [1] only" sh -c \
        "grep -q '^warning: \[1\] is less exposed' '$TMP/sp-xc.txt' && ! grep -q '^warning: \[2\]' '$TMP/sp-xc.txt'"
fi
