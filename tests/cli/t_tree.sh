# The scenario tree (MODEL.md "Information: non-anticipativity"; sourced by
# run.sh).  tests/instances/tree.cfg is solved by hand in its header under
# both information structures; tests/instances/tree-sampled.cfg gives the
# node count of sampled paths by hand.

tr_f=tests/instances/tree.cfg
tr_s=tests/instances/tree-sampled.cfg
# tr_near A B: |A - B| <= 1e-6 |B| + 1e-6
tr_near() { awk -v a="$1" -v b="$2" 'BEGIN {
    if (a !~ /^-?[0-9.]+([eE][-+]?[0-9]+)?$/) exit 1;
    d = a - b; if (d < 0) d = -d; m = b < 0 ? -b : b; exit !(d <= 1e-6 * m + 1e-6) }'; }
tr_jq() { jq -r "$1" "$2" 2>/dev/null; }

if ! command -v jq >/dev/null 2>&1; then
    skip "tree" "jq not installed"
else
    # hand-solved: tree 2,010,000 (spot 10 t in Q1 in both scenarios, no
    # order), two-stage 1,505,000 (spot in Q1 only where China stops)
    expect "tree: plan json (default tree)" 0 plan "$tr_f" --format json --foresight -o "$TMP/tr.json"
    check "tree: information tree by default" test "$(tr_jq '.information' "$TMP/tr.json")" = tree
    check "tree: 3 nodes (1 in Q1, 2 in Q2)" test "$(tr_jq '.nodes' "$TMP/tr.json")" = 3
    check "tree: cost 2,010,000" tr_near "$(tr_jq '.cost.total' "$TMP/tr.json")" 2010000
    check "tree: Q1 spot 10 t in calm" tr_near "$(tr_jq '.scenarios[0].balance[0].spot' "$TMP/tr.json")" 10
    check "tree: Q1 spot 10 t in stop" tr_near "$(tr_jq '.scenarios[1].balance[0].spot' "$TMP/tr.json")" 10
    check "tree: no order" test "$(tr_jq '.orders | length' "$TMP/tr.json")" = 0
    check "tree: foresight two-stage cost 1,505,000" \
        tr_near "$(tr_jq '.foresight.two_stage_cost' "$TMP/tr.json")" 1505000
    check "tree: value of foresight 505,000" tr_near "$(tr_jq '.foresight.value' "$TMP/tr.json")" 505000
    expect "tree: plan json two-stage" 0 plan "$tr_f" --information two-stage --format json -o "$TMP/ts.json"
    check "tree: two-stage said" test "$(tr_jq '.information' "$TMP/ts.json")" = two-stage
    check "tree: two-stage cost 1,505,000" tr_near "$(tr_jq '.cost.total' "$TMP/ts.json")" 1505000
    check "tree: two-stage Q1 spot 0 in calm" tr_near "$(tr_jq '.scenarios[0].balance[0].spot' "$TMP/ts.json")" 0
    check "tree: two-stage Q1 spot 10 t in stop" tr_near "$(tr_jq '.scenarios[1].balance[0].spot' "$TMP/ts.json")" 10
    check "tree: two-stage orders 10 t from China for Q2" \
        tr_near "$(tr_jq '[.orders[] | select(.ship == "2026Q2") | .quantity] | add' "$TMP/ts.json")" 10
    check "tree: no reserve released" test "$(tr_jq '[.scenarios[].reserve_release[]] | length' "$TMP/tr.json")" = 0
    # text and CSV say it too
    expect "tree: plan text" 0 plan "$tr_f" --foresight --no-timing
    check "tree: text information line" grep -q '^  information     scenario tree, 3 nodes' "$TMP/out"
    check "tree: text foresight line" grep -q '^  foresight       USD 0.51 m (value of foresight; two-stage USD 1.5[01] m)' "$TMP/out"
    expect "tree: plan text two-stage" 0 plan "$tr_f" --information two-stage --no-timing
    check "tree: text two-stage line" grep -q '^  information     two-stage' "$TMP/out"
    expect "tree: plan csv" 0 plan "$tr_f" --format csv --foresight --no-timing
    check "tree: csv information" grep -q '^info,,,,,,,,information,,tree$' "$TMP/out"
    check "tree: csv nodes" grep -q '^summary,,,,,,,,nodes,3,$' "$TMP/out"
    check "tree: csv foresight" grep -q '^summary,,,,,,,,foresight_value,505000,$' "$TMP/out"
    check "tree: csv scenario balance" grep -q '^scenario_balance,,,Dy2O3,,,2026Q1,calm,spot,10,$' "$TMP/out"

    # foresight >= 0 on the baseline and the teaching instances (the tree
    # only adds constraints to the same cost)
    tr_ok=1
    for f in instances/japan-2026-baseline.cfg instances/teach-risk.cfg tests/instances/reserve.cfg \
        tests/instances/take_or_pay.cfg tests/instances/terminal.cfg; do
        hp plan "$f" --foresight --format json -o "$TMP/fs.json" 2>/dev/null || tr_ok=0
        jq -e '.foresight.value >= -1e-6 * (1 + (.cost.total | fabs))' "$TMP/fs.json" >/dev/null || tr_ok=0
    done
    check "tree: value of foresight >= 0 (baseline, teaching, second-edition instances)" test $tr_ok = 1

    # the glpsol reference computes the tree from the data itself
    if command -v glpsol >/dev/null 2>&1; then
        expect "tree: export data" 0 export "$tr_f" --mathprog-data "$TMP/tr.dat"
        glpsol -m models/hreeplan.mod -d "$TMP/tr.dat" >"$TMP/tr.glp" 2>&1
        check "tree: glpsol COST 2,010,000" tr_near "$(sed -n 's/^COST //p' "$TMP/tr.glp")" 2010000
        expect "tree: export data two-stage" 0 export "$tr_f" --information two-stage --mathprog-data "$TMP/ts.dat"
        glpsol -m models/hreeplan.mod -d "$TMP/ts.dat" >"$TMP/ts.glp" 2>&1
        check "tree: glpsol two-stage COST 1,505,000" tr_near "$(sed -n 's/^COST //p' "$TMP/ts.glp")" 1505000
        expect "tree: export sampled data" 0 export "$tr_s" --sample-scenarios 20 --mathprog-data "$TMP/tq.dat"
        glpsol -m models/hreeplan.mod -d "$TMP/tq.dat" >"$TMP/tq.glp" 2>&1
        expect "tree: plan sampled" 0 plan "$tr_s" --sample-scenarios 20 --format json -o "$TMP/tq.json"
        check "tree: glpsol agrees on sampled paths" \
            tr_near "$(tr_jq '.cost.total' "$TMP/tq.json")" "$(sed -n 's/^COST //p' "$TMP/tq.glp")"
    else
        skip "tree: glpsol" "glpsol not installed"
    fi

    # node counts of sampled paths (the instance's header)
    expect "tree: sampled 50" 0 plan "$tr_s" --sample-scenarios 50 --format json -o "$TMP/s50.json"
    check "tree: 50 sampled paths: 6 nodes" test "$(tr_jq '.nodes' "$TMP/s50.json")" = 6
    expect "tree: sampled, certain stop" 0 plan "$tr_s" --sample-scenarios 50 --format json \
        --set 'disruptions.events[0].probability=1' -o "$TMP/s1.json"
    check "tree: every path stops: 4 nodes" test "$(tr_jq '.nodes' "$TMP/s1.json")" = 4
    expect "tree: declared scenarios of the sampled instance" 0 plan "$tr_s" --format json -o "$TMP/s0.json"
    check "tree: one nominal scenario: 4 nodes" test "$(tr_jq '.nodes' "$TMP/s0.json")" = 4

    # the L-shaped method solves the tree where it binds (scenario bundles,
    # never the two-stage model); auto decomposes from 50 scenarios on
    expect "tree: --method lshaped solves the tree" 0 \
        plan "$tr_s" --sample-scenarios 60 --method lshaped --format json -o "$TMP/l.json"
    check "tree: lshaped says so" test "$(tr_jq '.method' "$TMP/l.json")" = lshaped
    check "tree: lshaped splits the tree into bundles" \
        test "$(tr_jq '.decomposition.bundles' "$TMP/l.json")" -ge 1
    expect "tree: lshaped, every shared node in the master" 0 \
        plan "$tr_s" --sample-scenarios 60 --method lshaped --bundle-size 1 --format json -o "$TMP/l1.json"
    check "tree: bundle size 1 puts the shared nodes in the master" \
        test "$(tr_jq '.decomposition.master_nodes' "$TMP/l1.json")" -ge 3
    expect "tree: --bundle-size 0 is a usage error" 2 plan "$tr_s" --bundle-size 0
    expect "tree: --bundle-size is not check's" 2 check "$tr_s" --bundle-size 4
    expect "tree: pareto --method lshaped on the tree" 0 \
        pareto "$tr_s" --sample-scenarios 60 --method lshaped --axis cost --points 3 \
        --format json -o "$TMP/pl.json"
    expect "tree: pareto extensive on the tree" 0 \
        pareto "$tr_s" --sample-scenarios 60 --method extensive --axis cost --points 3 \
        --format json -o "$TMP/pe.json"
    expect "tree: auto" 0 plan "$tr_s" --sample-scenarios 60 --format json -o "$TMP/a.json"
    expect "tree: extensive" 0 plan "$tr_s" --sample-scenarios 60 --method extensive --format json -o "$TMP/e.json"
    check "tree: auto solves the tree (= extensive)" \
        tr_near "$(tr_jq '.cost.total' "$TMP/a.json")" "$(tr_jq '.cost.total' "$TMP/e.json")"
    check "tree: auto decomposes 60 paths" test "$(tr_jq '.method' "$TMP/a.json")" = lshaped
    check "tree: extensive says so" test "$(tr_jq '.method' "$TMP/e.json")" = extensive
    check "tree: lshaped = extensive of the tree" \
        tr_near "$(tr_jq '.cost.total' "$TMP/l.json")" "$(tr_jq '.cost.total' "$TMP/e.json")"
    check "tree: bundle size 1 = extensive of the tree" \
        tr_near "$(tr_jq '.cost.total' "$TMP/l1.json")" "$(tr_jq '.cost.total' "$TMP/e.json")"
    check "tree: the lshaped front's least-cost end = extensive's" \
        tr_near "$(tr_jq '.points[0].cost' "$TMP/pl.json")" "$(tr_jq '.points[0].cost' "$TMP/pe.json")"
    check "tree: the lshaped front's least-risk end = extensive's" \
        tr_near "$(tr_jq '.points[-1].risk' "$TMP/pl.json")" "$(tr_jq '.points[-1].risk' "$TMP/pe.json")"
    expect "tree: two-stage lshaped" 0 plan "$tr_s" --sample-scenarios 60 --information two-stage \
        --method lshaped --format json -o "$TMP/l2.json"
    expect "tree: two-stage extensive" 0 plan "$tr_s" --sample-scenarios 60 --information two-stage \
        --method extensive --format json -o "$TMP/e2.json"
    check "tree: two-stage lshaped = extensive" \
        tr_near "$(tr_jq '.cost.total' "$TMP/l2.json")" "$(tr_jq '.cost.total' "$TMP/e2.json")"
    check "tree: tree costs at least two-stage on the paths" \
        sh -c "jq -e --slurpfile t '$TMP/e2.json' '.cost.total >= \$t[0].cost.total - 1e-6' '$TMP/e.json' >/dev/null"

    # bad usage
    expect "tree: --information bad" 2 plan "$tr_f" --information maybe
    check "tree: --information message" grep -q "tree or two-stage" "$TMP/err"
    expect "tree: --foresight is plan's" 2 pareto "$tr_f" --foresight
    expect "tree: --information needs a value" 2 plan "$tr_f" --information
fi
