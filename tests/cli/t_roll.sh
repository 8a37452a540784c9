# hreeplan roll (MODEL.md "Rolling re-plan"): the re-plan of
# tests/instances/roll/base.cfg one quarter later.  Every expected figure is
# derived by hand in the header of the instance or actuals file it uses
# (tests/instances/roll/).  Sourced by run.sh.

# roll_is NAME JQ WANT ARGS...: roll ARGS --format json, then JQ gives WANT.
roll_is() {
    ri_n=$1; ri_q=$2; ri_w=$3; shift 3
    if ! hp roll "$@" --format json --no-timing >"$TMP/roll.json" 2>"$TMP/err"; then
        bad "roll $ri_n" "exit $?: $(head -c 300 "$TMP/err")"; return
    fi
    ri_a=$(jq -c "$ri_q" "$TMP/roll.json")
    if [ "$ri_a" = "$ri_w" ]; then ok "roll $ri_n: $ri_a"; else bad "roll $ri_n" "got $ri_a, wanted $ri_w"; fi
}
# roll_err NAME CODE TEXT ARGS...: roll ARGS exits CODE and says TEXT on stderr.
roll_err() {
    re_n=$1; re_c=$2; re_t=$3; shift 3
    hp roll "$@" >"$TMP/out" 2>"$TMP/err"; re_rc=$?
    if [ "$re_rc" -ne "$re_c" ]; then
        bad "roll bad: $re_n" "exit $re_rc, wanted $re_c: $(head -c 300 "$TMP/err")"
    elif ! grep -qF -- "$re_t" "$TMP/err"; then
        bad "roll bad: $re_n" "stderr lacks '$re_t': $(head -c 300 "$TMP/err")"
    elif [ -s "$TMP/out" ]; then
        bad "roll bad: $re_n" "wrote a report"
    else
        ok "roll bad: $re_n"
    fi
}

if ! command -v jq >/dev/null 2>&1; then
    skip "roll" "jq not installed"
else
    RD=tests/instances/roll
    ORD='[.orders[] | [.supplier, .ship, .quantity]]'
    hp plan $RD/base.cfg --format json --no-timing >"$TMP/prev.json" 2>"$TMP/err"
    # the previous plan itself, against its hand optimum (base.cfg)
    check "roll: previous plan is base.cfg's hand optimum" \
        test "$(jq -c "[.cost.total, $ORD]" "$TMP/prev.json")" = \
        '[9000000,[["cn","2026Q1",10],["cn","2026Q2",10],["cn","2026Q3",10]]]'
    PREV="--previous $TMP/prev.json"

    # unchanged data, same horizon end, no actuals: the remaining orders
    # come back, nothing changed (next.cfg), whatever the freeze
    for rk in 0 1 2; do
        roll_is "unchanged, --freeze $rk" "[.cost.total, $ORD, .roll.changes]" \
            '[6000000,[["cn","2026Q2",10],["cn","2026Q3",10]],[]]' $RD/next.cfg $PREV --freeze $rk
    done
    # actuals equal to the plan's expected state: the same
    roll_is "actuals as expected" "[.cost.total, $ORD, .roll.changes]" \
        '[6000000,[["cn","2026Q2",10],["cn","2026Q3",10]],[]]' \
        $RD/next.cfg $PREV --actuals $RD/actuals-same.cfg --freeze 0
    roll_is "in transit counted from the shipped order" \
        '[.roll.in_transit[] | [.supplier, .arrive, .planned, .actual]]' '[["cn","2026Q2",10,10]]' \
        $RD/next.cfg $PREV
    # the horizon end moved one quarter on (quarters = 4, to 2027Q1): one new
    # order for 2027Q1's 10 t, cn in 2026Q4; nothing else moves; why: horizon
    roll_is "horizon end moved" "[$ORD, [.roll.changes[] | [.supplier, .ship, .before, .after, .reasons]]]" \
        '[[["cn","2026Q2",10],["cn","2026Q3",10],["cn","2026Q4",10]],[["cn","2026Q4",0,10,["horizon"]]]]' \
        $RD/next.cfg $PREV --set quarters=4

    # demand of 2026Q3 up from 10 to 14 t.  Nothing frozen, no penalty: cn's
    # 2026Q2 order grows to its capacity 12 and my ships 2 t in 2026Q3:
    # 12 * 300,000 + 2 * 800,000 + 10 * 300,000 = 8,200,000 USD, the fresh
    # plan of the same data (checked with plan and the shipment as in_transit)
    D14="--set products[0].demand=[10.0,14.0,10.0]"
    roll_is "zero penalty, nothing frozen: fresh plan" \
        "[.cost.total, $ORD, [.roll.changes[] | [.supplier, .ship, .before, .after, .reasons]]]" \
        '[8200000,[["cn","2026Q2",12],["cn","2026Q3",10],["my","2026Q3",2]],[["cn","2026Q2",10,12,["demand"]],["my","2026Q3",0,2,["demand"]]]]' \
        $RD/next.cfg $PREV --freeze 0 $D14
    hp plan $RD/next.cfg $D14 --set 'products[0].in_transit=[10.0]' --format json --no-timing \
        >"$TMP/fresh.json" 2>"$TMP/err"
    check "roll: zero penalty equals the fresh plan" \
        test "$(jq -c "[.cost.total, $ORD]" "$TMP/fresh.json")" = "$(jq -c "[.cost.total, $ORD]" "$TMP/roll.json")"
    # --freeze 1 keeps cn's 2026Q2 order at 10 t: my ships 4 t in 2026Q3,
    # 6,000,000 + 3,200,000 = 9,200,000
    roll_is "freeze fixes the first quarter's orders" \
        "[.cost.total, $ORD, [.roll.fixed[] | [.supplier, .ship, .quantity]]]" \
        '[9200000,[["cn","2026Q2",10],["cn","2026Q3",10],["my","2026Q3",4]],[["cn","2026Q2",10]]]' \
        $RD/next.cfg $PREV $D14
    # a change penalty of 1e6 USD/kg (1e9 USD/t) is dearer than the shortage
    # (5e6 USD/t): the orders stay, 4 t of 2026Q3 go unmet: 6,000,000 +
    # 20,000,000 = 26,000,000 USD, 0 t changed
    roll_is "high change penalty keeps the orders" \
        "[.cost.total, .roll.change_t, $ORD, .roll.changes, [.balance[] | .unmet]]" \
        '[26000000,0,[["cn","2026Q2",10],["cn","2026Q3",10]],[],[0,4,0]]' \
        $RD/next.cfg $PREV --freeze 0 --change-penalty 1e6 $D14
    # a penalty of 1 USD/kg (1,000 USD/t) changes nothing in the answer to
    # the demand (the changes save far more) but is charged apart:
    # 4 t changed... (cn +2, my +2) * 1,000 = 4,000 USD
    roll_is "change penalty charged apart" "[.cost.total, .roll.change_t, .roll.change_cost]" \
        '[8200000,4,4000]' $RD/next.cfg $PREV --freeze 0 --change-penalty 1 $D14

    # actuals (headers of the actuals files)
    roll_is "actual stock" "[.cost.total, $ORD, [.roll.changes[] | [.supplier, .ship, .before, .after, .reasons]]]" \
        '[5118000,[["cn","2026Q2",10],["cn","2026Q3",7]],[["cn","2026Q3",10,7,["actuals"]]]]' \
        $RD/next.cfg $PREV --actuals $RD/actuals-stock.cfg
    roll_is "actual event, --freeze 0" "[.cost.total, $ORD, [.roll.changes[] | [.supplier, .ship, .before, .after, .reasons]]]" \
        '[10000000,[["cn","2026Q2",10],["my","2026Q2",5],["cn","2026Q3",10]],[["my","2026Q2",0,5,["actuals"]]]]' \
        $RD/next.cfg $PREV --actuals $RD/actuals-event.cfg --freeze 0
    roll_is "actual event, --freeze 1" "[.cost.total, .roll.in_transit[0].actual, [.balance[] | .unmet]]" \
        '[31000000,5,[5,0,0]]' $RD/next.cfg $PREV --actuals $RD/actuals-event.cfg

    # the three formats carry the changes
    hp roll $RD/next.cfg $PREV --freeze 0 $D14 --no-timing >"$TMP/roll.txt" 2>"$TMP/err"
    check "roll text: the change and why" grep -q '^  my  *Dy2O3  *2026Q3  *0.00  *2.00  *2.00  demand$' "$TMP/roll.txt"
    hp roll $RD/next.cfg $PREV --freeze 0 $D14 --format csv --no-timing >"$TMP/roll.csv" 2>"$TMP/err"
    check "roll csv: the change and why" grep -q '^roll_changes,my,MY,Dy2O3,2026Q3,,,,after,2,demand$' "$TMP/roll.csv"
    check "roll json: run record" test "$(jq -r '.run.argv[1]' "$TMP/roll.json")" = roll
    # the shipped example (instances/roll/) runs
    hp plan instances/japan-2026-baseline.cfg --format json --no-timing >"$TMP/base.json" 2>"$TMP/err"
    expect "roll: the shipped example" 0 roll instances/roll/japan-2026Q2.cfg --previous "$TMP/base.json" \
        --actuals instances/roll/actuals-2026Q2.cfg --no-timing

    # bad inputs: nothing written, FILE:LINE messages, exit codes of docs/cli.md
    printf '%s\n' 'quarter = "2026Q3";' 'stock = { Dy2O4 = 1.0; };' \
        'in_transit = ( { supplier = "cm"; product = "Dy2O3"; arrive = "2026Q1"; quantity = -1.0; } );' \
        'events = ( { region = "CN"; supplier = "cn"; from = "2026Q1"; factor = 0.5; },' \
        '           { region = "CN"; from = "2026Q2"; to = "2026Q1"; factor = 1.5; } );' \
        'extra = 1;' >"$TMP/bad-act.cfg"
    BA="$TMP/bad-act.cfg"
    roll_err "actuals quarter" 2 "bad-act.cfg:1: quarter: the actuals must describe the start of the instance (2026Q2), got \"2026Q3\"" $RD/next.cfg $PREV --actuals "$BA"
    roll_err "actuals stock product" 2 "bad-act.cfg:2: stock.Dy2O4: unknown product, got \"Dy2O4\" (did you mean \"Dy2O3\"?)" $RD/next.cfg $PREV --actuals "$BA"
    roll_err "actuals transit supplier" 2 "bad-act.cfg:3: in_transit[0].supplier: unknown supplier, got \"cm\" (did you mean \"cn\"?)" $RD/next.cfg $PREV --actuals "$BA"
    roll_err "actuals transit arrive" 2 "bad-act.cfg:3: in_transit[0].arrive: must be a quarter of the horizon (2026Q2..2026Q4; what has arrived belongs in stock), got \"2026Q1\"" $RD/next.cfg $PREV --actuals "$BA"
    roll_err "actuals transit quantity" 2 "bad-act.cfg:3: in_transit[0].quantity: must be >= 0, got -1" $RD/next.cfg $PREV --actuals "$BA"
    roll_err "actuals event target" 2 "bad-act.cfg:4: events[0]: give exactly one of supplier and region, got both" $RD/next.cfg $PREV --actuals "$BA"
    roll_err "actuals event to" 2 "bad-act.cfg:5: events[1].to: must not be before from, got \"2026Q1\"" $RD/next.cfg $PREV --actuals "$BA"
    roll_err "actuals event factor" 2 "bad-act.cfg:5: events[1].factor: must be in [0,1], got 1.5" $RD/next.cfg $PREV --actuals "$BA"
    roll_err "actuals unknown setting" 2 "bad-act.cfg:6: extra: unknown setting" $RD/next.cfg $PREV --actuals "$BA"
    printf '%s\n' 'in_transit = ( { supplier = "my"; product = "Dy2O3"; arrive = "2026Q3"; quantity = 1.0; },' \
        '               { supplier = "my"; product = "Dy2O3"; arrive = "2026Q3"; quantity = 2.0; } );' >"$TMP/dup-act.cfg"
    roll_err "actuals duplicate shipment" 2 "dup-act.cfg:2: in_transit[1]: duplicate shipment" $RD/next.cfg $PREV --actuals "$TMP/dup-act.cfg"
    printf 'stock = { Dy2O3 = 1.0; \n' >"$TMP/syn-act.cfg"
    roll_err "actuals syntax" 2 "syn-act.cfg:2:" $RD/next.cfg $PREV --actuals "$TMP/syn-act.cfg"
    roll_err "actuals missing" 1 "nothere.cfg: cannot read" $RD/next.cfg $PREV --actuals "$TMP/nothere.cfg"
    roll_err "no --previous" 2 "--previous PLAN.json is required" $RD/next.cfg
    roll_err "previous missing" 1 "cannot read" $RD/next.cfg --previous "$TMP/nothere.json"
    printf '{\n' >"$TMP/broken.json"
    roll_err "previous not JSON" 2 "broken.json:2: not a plan JSON" $RD/next.cfg --previous "$TMP/broken.json"
    roll_err "instance not later than the plan" 2 "the previous plan starts in 2026Q1: the instance must start later" $RD/base.cfg $PREV
    sed 's/"cn"/"xx"/' "$TMP/prev.json" >"$TMP/badsup.json"
    roll_err "previous plan's supplier unknown" 2 "orders[0].supplier: unknown supplier, got \"xx\"" $RD/next.cfg --previous "$TMP/badsup.json"
    jq '.balance = []' "$TMP/prev.json" >"$TMP/nobal.json"
    roll_err "previous plan without balance" 2 "balance: a plan written by" $RD/next.cfg --previous "$TMP/nobal.json"
    roll_err "frozen order above the capacity" 3 "the frozen order of 10 t Dy2O3 from cn in 2026Q2 exceeds the capacity of 8 t" \
        $RD/next.cfg $PREV --set 'suppliers[0].offers[0].capacity=8.0'
    roll_err "--freeze negative" 2 "--freeze: expected an integer" $RD/next.cfg $PREV --freeze -1
    roll_err "--change-penalty negative" 2 "--change-penalty: expected a number" $RD/next.cfg $PREV --change-penalty -1
    roll_err "--format html" 2 "expected text, csv or json" $RD/next.cfg $PREV --format html
    roll_err "option of another command" 2 "--points does not apply to roll" $RD/next.cfg $PREV --points 3
    roll_err "output over the previous plan" 2 "refusing to overwrite it" $RD/next.cfg $PREV -o "$TMP/prev.json"
fi
