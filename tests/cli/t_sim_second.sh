# simulate with the second edition's terminal stock and strategic reserve,
# under the rule and the lp recourse, and the spend and penalty of its
# reports.  Expected figures are derived by hand in the header of each
# tests/instances/sim-*.cfg; the plans are fixed here (--plan) so that only
# the recourse is tested.  Sourced by run.sh.

# ss_run NAME INSTANCE PLAN RECOURSE [OPTIONS]: JSON into $TMP/ss.json.
ss_run() {
    ss_n=$1; ss_i=$2; ss_p=$3; ss_r=$4; shift 4
    if ! hp simulate "$ss_i" --plan "$ss_p" --paths scenarios --recourse "$ss_r" --format json \
        --no-timing "$@" >"$TMP/ss.json" 2>"$TMP/err"; then
        bad "$ss_n" "simulate failed: $(head -c 300 "$TMP/err")"; return 1
    fi
}
# ss_is NAME JQ WANT: the value at JQ in $TMP/ss.json is WANT (1e-9 relative).
ss_is() {
    ss_v=$(jq -r "$2" "$TMP/ss.json")
    if awk -v a="$ss_v" -v b="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; m = b < 0 ? -b : b;
                                           exit !(a != "null" && d <= 1e-9 * (m > 1 ? m : 1)) }'; then
        ok "$1: $2 = $3"
    else
        bad "$1" "$2 is $ss_v, hand value $3"
    fi
}

if ! command -v jq >/dev/null 2>&1; then
    skip "simulate second edition" "jq not installed"
else
    ss_res=tests/instances/sim-reserve-rule.cfg
    cat >"$TMP/ss_res.json" <<'EOF_PLAN'
{"instance": {"name": "reserve under the rule"},
 "orders": [
  {"supplier": "cn", "product": "Dy2O3", "ship": "2026Q1", "quantity": 10},
  {"supplier": "cn", "product": "Dy2O3", "ship": "2026Q2", "quantity": 10},
  {"supplier": "cn", "product": "Dy2O3", "ship": "2026Q3", "quantity": 10},
  {"supplier": "cn", "product": "Dy2O3", "ship": "2026Q4", "quantity": 10},
  {"supplier": "cn", "product": "Tb4O7", "ship": "2026Q1", "quantity": 1},
  {"supplier": "cn", "product": "Tb4O7", "ship": "2026Q2", "quantity": 1},
  {"supplier": "cn", "product": "Tb4O7", "ship": "2026Q3", "quantity": 1},
  {"supplier": "cn", "product": "Tb4O7", "ship": "2026Q4", "quantity": 1}]}
EOF_PLAN
    # the rule, batched (default) and path by path
    for ss_mode in batched loop; do
        ss_opt=; [ $ss_mode = loop ] && ss_opt=--per-path-loop
        if ss_run "sim reserve rule [$ss_mode]" $ss_res "$TMP/ss_res.json" rule $ss_opt; then
            ss_is "sim reserve rule [$ss_mode]" .spend.mean 7450000
            ss_is "sim reserve rule [$ss_mode]" .penalty.mean 3087500
            ss_is "sim reserve rule [$ss_mode]" .cost.mean 10537500
            ss_is "sim reserve rule [$ss_mode]" .parts.purchase 6250000
            ss_is "sim reserve rule [$ss_mode]" .parts.spot 750000
            ss_is "sim reserve rule [$ss_mode]" .parts.reserve 450000
            ss_is "sim reserve rule [$ss_mode]" .quantities.reserve 2.25
            ss_is "sim reserve rule [$ss_mode]" .quantities.unmet 3.875
            ss_is "sim reserve rule [$ss_mode]" '.stockout[1].expected_reserve' 2
            ss_is "sim reserve rule [$ss_mode]" '.stockout[2].expected_reserve' 0.25
            ss_is "sim reserve rule [$ss_mode]" '[.stockout[4:][] | .expected_reserve] | add' 0
            ss_is "sim reserve rule [$ss_mode]" '.spend.max' 8200000
            ss_is "sim reserve rule [$ss_mode]" '.penalty.max' 11300000
            # spend histogram: stop 5.6, calm 8.0, half 8.2 (USD m), 20 bins
            ss_is "sim reserve rule [$ss_mode]" '.histogram.spend.edges[0]' 5600000
            ss_is "sim reserve rule [$ss_mode]" '.histogram.spend.edges[-1]' 8200000
            ss_is "sim reserve rule [$ss_mode]" '.histogram.spend.probability[0]' 0.25
            ss_is "sim reserve rule [$ss_mode]" '.histogram.spend.probability[-1]' 0.25
            ss_is "sim reserve rule [$ss_mode]" '.histogram.spend.probability | add' 1
        fi
    done
    if ss_run "sim reserve lp" $ss_res "$TMP/ss_res.json" lp; then
        ss_is "sim reserve lp" .spend.mean 7975000
        ss_is "sim reserve lp" .penalty.mean 1337500
        ss_is "sim reserve lp" .cost.mean 9312500
        ss_is "sim reserve lp" .parts.spot 1275000
        ss_is "sim reserve lp" .parts.reserve 450000
    fi

    ss_term=tests/instances/sim-terminal-rule.cfg
    cat >"$TMP/ss_term.json" <<'EOF_PLAN'
{"instance": {"name": "terminal stock under the rule"},
 "orders": [
  {"supplier": "cn", "product": "Dy2O3", "ship": "2026Q1", "quantity": 15},
  {"supplier": "cn", "product": "Dy2O3", "ship": "2026Q2", "quantity": 10}]}
EOF_PLAN
    for ss_mode in batched loop; do
        ss_opt=; [ $ss_mode = loop ] && ss_opt=--per-path-loop
        if ss_run "sim terminal rule [$ss_mode]" $ss_term "$TMP/ss_term.json" rule $ss_opt; then
            ss_is "sim terminal rule [$ss_mode]" .spend.mean 2132500
            ss_is "sim terminal rule [$ss_mode]" .penalty.mean 500000
            ss_is "sim terminal rule [$ss_mode]" .cost.mean 2632500
            ss_is "sim terminal rule [$ss_mode]" .parts.holding 7500
            ss_is "sim terminal rule [$ss_mode]" .parts.terminal_credit 125000
            ss_is "sim terminal rule [$ss_mode]" .parts.terminal_penalty 500000
            ss_is "sim terminal rule [$ss_mode]" .parts.spot 0
            ss_is "sim terminal rule [$ss_mode]" .quantities.terminal_short 2.5
        fi
    done
    # rolling: the Q2 re-plan sees Q2's availability (calm or cut), which is
    # all the LP knows more, so it buys the same 5 t spot in "cut"
    for ss_r in lp rolling; do
        if ss_run "sim terminal $ss_r" $ss_term "$TMP/ss_term.json" $ss_r; then
            ss_is "sim terminal $ss_r" .spend.mean 2310000
            ss_is "sim terminal $ss_r" .penalty.mean 0
            ss_is "sim terminal $ss_r" .parts.terminal_credit 250000
            ss_is "sim terminal $ss_r" .parts.spot 300000
        fi
    done

    # one deterministic path where the rule is what the LP does
    cat >"$TMP/ss_rl.json" <<'EOF_PLAN'
{"instance": {"name": "rule equals lp"},
 "orders": [
  {"supplier": "cn", "product": "Dy2O3", "ship": "2026Q1", "quantity": 10},
  {"supplier": "cn", "product": "Dy2O3", "ship": "2026Q2", "quantity": 10},
  {"supplier": "cn", "product": "Dy2O3", "ship": "2026Q3", "quantity": 10}]}
EOF_PLAN
    # (rolling: one scenario, so every re-plan knows the whole path: the LP)
    for ss_r in rule lp rolling; do
        if ss_run "sim rule = lp [$ss_r]" tests/instances/sim-rule-lp.cfg "$TMP/ss_rl.json" $ss_r; then
            ss_is "sim rule = lp [$ss_r]" .cost.mean 4900000
            ss_is "sim rule = lp [$ss_r]" .spend.mean 3700000
            ss_is "sim rule = lp [$ss_r]" .penalty.mean 1200000
            ss_is "sim rule = lp [$ss_r]" .parts.reserve 1000000
            ss_is "sim rule = lp [$ss_r]" .parts.terminal_penalty 200000
        fi
    done

    # the default command (sampled paths, rule) runs on an instance with a
    # reserve and terminal stock, and thread counts give the same report
    expect "sim default on terminal stock and a reserve" 0 \
        simulate tests/instances/sim-rule-lp.cfg --samples 300 --format json --no-timing -o "$TMP/ss1.json"
    expect "sim default, 2 threads" 0 \
        simulate tests/instances/sim-rule-lp.cfg --samples 300 --threads 2 --format json --no-timing -o "$TMP/ss2.json"
    check "sim: 1 and 2 threads give the same report" same_but_run "$TMP/ss1.json" "$TMP/ss2.json"

    # spend + penalty = cost, and the parts add up, on sampled paths of a
    # disruption process (the baseline), both recourses
    for ss_r in rule lp; do
        hp simulate instances/japan-2026-baseline.cfg --samples 200 --recourse $ss_r --format json \
            --no-timing >"$TMP/ss.json" 2>"$TMP/err"
        ss_sum=$(jq '.spend.mean + .penalty.mean' "$TMP/ss.json")
        ss_is "sim baseline [$ss_r]: spend + penalty" .cost.mean "$ss_sum"
        ss_sum=$(jq '.parts | .purchase + .contract + .take_or_pay + .spot + .reserve + .holding - .terminal_credit' "$TMP/ss.json")
        ss_is "sim baseline [$ss_r]: spend parts" .spend.mean "$ss_sum"
        ss_sum=$(jq '.parts | .penalty + .safety + .terminal_penalty' "$TMP/ss.json")
        ss_is "sim baseline [$ss_r]: penalty parts" .penalty.mean "$ss_sum"
    done

    # text and CSV: spend first
    hp simulate $ss_res --plan "$TMP/ss_res.json" --paths scenarios --no-timing >"$TMP/ss.txt" 2>"$TMP/err"
    ss_l1=$(grep -n '^Spend per path' "$TMP/ss.txt" | cut -d: -f1)
    ss_l2=$(grep -n '^Cost per path' "$TMP/ss.txt" | cut -d: -f1)
    check "sim text: the spend per path before the cost per path" test "${ss_l1:-99}" -lt "${ss_l2:-0}"
    check "sim text: expected spend 7.450 (USD m)" grep -Eq '^  spend \(cash\) +7\.450$' "$TMP/ss.txt"
    check "sim text: expected penalty 3.0875 (USD m, 3 decimals)" grep -Eq '^  penalty \(notional\) +3\.08[78]$' "$TMP/ss.txt"
    check "sim text: reserve purchases 0.450" grep -Eq '^    reserve purchases +0\.450$' "$TMP/ss.txt"
    ss_l1=$(grep -n 'spend per path (USD m)' "$TMP/ss.txt" | cut -d: -f1)
    ss_l2=$(grep -n 'cost per path (USD m)' "$TMP/ss.txt" | cut -d: -f1)
    check "sim text: the spend histogram before the cost one" test "${ss_l1:-99}" -lt "${ss_l2:-0}"
    hp simulate $ss_res --plan "$TMP/ss_res.json" --paths scenarios --format csv --no-timing >"$TMP/ss.csv" 2>"$TMP/err"
    check "sim csv: spend mean 7450000" grep -q '^plan,spend,mean,,,,,7450000$' "$TMP/ss.csv"
    check "sim csv: reserve part 450000" grep -q '^plan,cost_part,reserve,,,,,450000$' "$TMP/ss.csv"
    check "sim csv: the spend histogram" grep -q '^plan,spend_histogram,probability,,,5600000,' "$TMP/ss.csv"
    if command -v gnuplot >/dev/null 2>&1; then
        expect "sim --chart" 0 simulate $ss_res --plan "$TMP/ss_res.json" --paths scenarios \
            --no-timing --chart "$TMP/ss.svg"
        check "sim --chart: a spend panel" grep -q 'Spend per path (cash)' "$TMP/ss.svg"
    else
        skip "sim --chart" "gnuplot not installed"
    fi
fi

# the paired spend difference of --compare-objectives is the difference of
# the two plans' mean spends (the same paths, the same weights)
if command -v jq >/dev/null 2>&1; then
    if hp simulate tests/instances/reserve.cfg --compare-objectives --samples 400 --format json \
        --no-timing >"$TMP/ss.json" 2>"$TMP/err"; then
        ss_d=$(jq '.plans[1].spend.mean - .plans[0].spend.mean' "$TMP/ss.json")
        ss_is "sim --compare-objectives: paired spend" .difference.spend.mean "$ss_d"
    else
        bad "sim --compare-objectives" "$(head -c 300 "$TMP/err")"
    fi
fi
