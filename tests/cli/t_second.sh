# MODEL.md second edition: the hand-solved optimum of each mechanism's test
# instance (the derivation is the comment at the top of the instance), read
# from `plan --format json` with jq, on both methods.  Sourced by run.sh.

# sec_total FILE WANT NAME [OPTIONS]: cost.total of plan FILE is WANT (1e-9 rel),
# on the extensive form under the scenario tree (the default) and
# two-stage, and by the L-shaped method (two-stage: the decomposition knows
# no tree).  Each instance's header says why the tree does not move its
# optimum (the two-stage optimum already takes the same recourse in every
# scenario of a node).
sec_total() {
    sec_f=$1; sec_w=$2; sec_n=$3; shift 3
    for sec_m in extensive "extensive --information two-stage" "lshaped --information two-stage"; do
        # shellcheck disable=SC2086
        if ! hp plan "$sec_f" --method $sec_m "$@" --format json --no-timing >"$TMP/sec.json" 2>"$TMP/err"; then
            bad "second $sec_n [$sec_m]" "plan failed: $(head -c 300 "$TMP/err")"; continue
        fi
        sec_a=$(jq -r .cost.total "$TMP/sec.json")
        if awk -v a="$sec_a" -v b="$sec_w" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= 1e-9 * b) }'; then
            ok "second $sec_n [$sec_m]: cost $sec_a"
        else
            bad "second $sec_n [$sec_m]" "cost.total $sec_a, hand optimum $sec_w"
        fi
    done
}
# sec_orders FILE WANT NAME: the order quantities, in the report's order.
sec_orders() {
    hp plan "$1" --format json --no-timing >"$TMP/sec.json" 2>"$TMP/err"
    check "second $3: orders $2" test "$(jq -c '[.orders[] | .quantity]' "$TMP/sec.json")" = "$2"
}

if ! command -v jq >/dev/null 2>&1; then
    skip "second" "jq not installed"
else
    # terminal.cfg: spend 4,258,000 + penalty 1,000,000; Dy [13, 12], Tb [1, 1]
    sec_total tests/instances/terminal.cfg 5258000 "terminal stock"
    sec_orders tests/instances/terminal.cfg "[13,1,12,1]" "terminal stock"
    # take_or_pay.cfg: purchases 2,220,000 + fee 120,000; cn 7, fr 3 | cn 3, fr 3, lynas 4
    sec_total tests/instances/take_or_pay.cfg 2340000 "take-or-pay"
    sec_orders tests/instances/take_or_pay.cfg "[7,3,3,3,4]" "take-or-pay"
    hp plan tests/instances/take_or_pay.cfg --format json --no-timing >"$TMP/sec.json" 2>"$TMP/err"
    check "second take-or-pay: spend 2,340,000 is all cash" \
        test "$(jq -c '[.cost.spend, .cost.penalty]' "$TMP/sec.json")" = "[2340000,0]"
    # reserve.cfg: spend 4,800,000 (reserve 800,000) + penalty 2,000,000
    sec_total tests/instances/reserve.cfg 6800000 "strategic reserve"
    sec_orders tests/instances/reserve.cfg "[10,6,4,6,4]" "strategic reserve"
    hp plan tests/instances/reserve.cfg --format json --no-timing >"$TMP/sec.json" 2>"$TMP/err"
    check "second strategic reserve: spend 4,800,000, penalty 2,000,000" \
        test "$(jq -c '[.cost.spend, .cost.penalty]' "$TMP/sec.json")" = "[4800000,2000000]"
    # price_factor.cfg: cn 15 in Q1 (5 held), 5 in Q2 at an expected 160 USD/kg
    sec_total tests/instances/price_factor.cfg 2305000 "price factor"
    sec_orders tests/instances/price_factor.cfg "[15,5]" "price factor"
    # coproduction.cfg: b = 5 (sep 5 t Dy, 1 t Tb), cn 5 t Dy
    sec_total tests/instances/coproduction.cfg 3500000 "co-production"
    sec_orders tests/instances/coproduction.cfg "[5,1,5]" "co-production"
    # spot_prices.cfg: scenario spot prices (its header): cost 1,625,000 on
    # both methods; --budget 1,000,000 gives CVaR 25/9, --max-risk 3 spends
    # 950,000 (each lexicographic level of the L-shaped method is solved to
    # its 1e-6 gap, hence 1e-5 on the bounded plans)
    sec_total tests/instances/spot_prices.cfg 1625000 "spot prices"
    for sec_m in extensive lshaped; do
        hp plan tests/instances/spot_prices.cfg --method $sec_m --budget 1000000 --format json \
            --no-timing >"$TMP/sec.json" 2>"$TMP/err"
        check "second spot prices [$sec_m]: --budget 1,000,000 gives CVaR 25/9" \
            awk -v a="$(jq -r .risk.cvar "$TMP/sec.json")" 'BEGIN { d = a - 25 / 9; exit !(d < 3e-5 && d > -3e-5) }'
        hp plan tests/instances/spot_prices.cfg --method $sec_m --max-risk 3 --format json \
            --no-timing >"$TMP/sec.json" 2>"$TMP/err"
        check "second spot prices [$sec_m]: --max-risk 3 spends 950,000" \
            awk -v a="$(jq -r .cost.spend "$TMP/sec.json")" 'BEGIN { d = a - 950000; exit !(d < 9.5 && d > -9.5) }'
    done
    if command -v glpsol >/dev/null 2>&1 &&
        hp export tests/instances/spot_prices.cfg --mathprog-data "$TMP/sec.dat" >/dev/null 2>&1; then
        glpsol -m models/hreeplan.mod -d "$TMP/sec.dat" >"$TMP/sec.glp" 2>&1
        check "second spot prices: glpsol agrees" grep -qx 'OBJ 1625000' "$TMP/sec.glp"
    else
        skip "second spot prices: glpsol" "glpsol not installed"
    fi
    # simulate: the lp recourse on the instance's scenarios reproduces each
    # plan's expected cost (the hand optima above); the rule recourse models
    # take-or-pay (a fee fixed by the plan), co-production (orders only),
    # terminal stock and the reserve (tests/cli/t_sim_second.sh)
    for sec_i in terminal:5258000 reserve:6800000 take_or_pay:2340000 \
                 price_factor:2305000 coproduction:3500000; do
        sec_f=tests/instances/${sec_i%%:*}.cfg
        hp simulate "$sec_f" --paths scenarios --recourse lp --format json --no-timing \
            >"$TMP/sec.json" 2>"$TMP/err"
        check "second simulate lp ${sec_i%%:*}: mean cost ${sec_i##*:}" \
            test "$(jq -r .cost.mean "$TMP/sec.json")" = "${sec_i##*:}"
    done
    hp simulate tests/instances/spot_prices.cfg --paths scenarios --recourse lp --format json --no-timing \
        >"$TMP/sec.json" 2>"$TMP/err"
    check "second simulate lp spot prices: mean cost 1625000" \
        test "$(jq -r .cost.mean "$TMP/sec.json")" = 1625000
    hp simulate tests/instances/take_or_pay.cfg --paths scenarios --format json --no-timing \
        >"$TMP/sec.json" 2>"$TMP/err"
    check "second simulate rule take-or-pay: mean cost 2340000 (the fee counted)" \
        test "$(jq -r .cost.mean "$TMP/sec.json")" = 2340000
    # terminal.cfg under the rule: no spot and one scenario, so the rule
    # meets demand from the plan's arrivals as the plan does: Dy ends with
    # 5 t (target met, credit), Tb with 0 (2 t short): 5,258,000 USD
    hp simulate tests/instances/terminal.cfg --paths scenarios --format json --no-timing \
        >"$TMP/sec.json" 2>"$TMP/err"
    check "second simulate rule terminal stock: mean cost 5258000" \
        test "$(jq -r .cost.mean "$TMP/sec.json")" = 5258000
    expect "second simulate rule refuses scenario prices" 2 \
        simulate tests/instances/price_factor.cfg --paths scenarios
    check "second simulate rule: says where prices are modelled" \
        grep -q 'only with --paths scenarios --recourse lp' "$TMP/err"
fi
