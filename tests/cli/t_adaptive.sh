# Adaptive orders (MODEL.md "Information: non-anticipativity",
# --adaptive-orders; sourced by run.sh).  tests/instances/adaptive.cfg and
# adaptive-min.cfg are solved by hand in their headers, with and without
# adaptive orders; the baseline and the library must never cost more with
# them (adaptive orders only relax the shared orders); glpsol on
# models/hreeplan.mod computes the order nodes from the data itself.

ad_f=tests/instances/adaptive.cfg
ad_m=tests/instances/adaptive-min.cfg
# ad_near A B: |A - B| <= 1e-6 |B| + 1e-6
ad_near() { awk -v a="$1" -v b="$2" 'BEGIN {
    if (a !~ /^-?[0-9.]+([eE][-+]?[0-9]+)?$/) exit 1;
    d = a - b; if (d < 0) d = -d; m = b < 0 ? -b : b; exit !(d <= 1e-6 * m + 1e-6) }'; }
# ad_le A B: A <= B + 1e-6 |B| + 1e-6
ad_le() { awk -v a="$1" -v b="$2" 'BEGIN {
    if (a !~ /^-?[0-9.]+([eE][-+]?[0-9]+)?$/ || b !~ /^-?[0-9.]+([eE][-+]?[0-9]+)?$/) exit 1;
    m = b < 0 ? -b : b; exit !(a <= b + 1e-6 * m + 1e-6) }'; }
ad_jq() { jq -r "$1" "$2" 2>/dev/null; }

if ! command -v jq >/dev/null 2>&1; then
    skip "adaptive" "jq not installed"
else
    # hand-solved (header of adaptive.cfg): fixed 3,000,000 (10 t lynas in
    # Q2 in both scenarios), adaptive 2,000,000 (lynas only if CN stops,
    # china otherwise)
    expect "adaptive: fixed plan" 0 plan "$ad_f" --format json -o "$TMP/adf.json"
    check "adaptive: fixed cost 3,000,000" ad_near "$(ad_jq '.cost.total' "$TMP/adf.json")" 3000000
    check "adaptive: fixed plan has no node key" \
        test "$(ad_jq '[.orders[] | has("node")] | any' "$TMP/adf.json")" = false
    expect "adaptive: adaptive plan" 0 plan "$ad_f" --adaptive-orders --format json -o "$TMP/ada.json"
    check "adaptive: cost 2,000,000" ad_near "$(ad_jq '.cost.total' "$TMP/ada.json")" 2000000
    check "adaptive: no shortage" ad_near "$(ad_jq '.risk.shortage' "$TMP/ada.json")" 0
    check "adaptive: adaptive_orders true" test "$(ad_jq '.adaptive_orders' "$TMP/ada.json")" = true
    check "adaptive: 5 nodes" test "$(ad_jq '.nodes' "$TMP/ada.json")" = 5
    check "adaptive: two orders" test "$(ad_jq '.orders | length' "$TMP/ada.json")" = 2
    check "adaptive: lynas 10 t if CN stops" test "$(ad_jq \
        '[.orders[] | select(.supplier == "lynas" and .ship == "2026Q2" and .if == "CN stops in 2026Q2")
          | .quantity] | add' "$TMP/ada.json")" = 10
    check "adaptive: china 10 t if no disruption" test "$(ad_jq \
        '[.orders[] | select(.supplier == "china" and .ship == "2026Q3" and .if == "no disruption by 2026Q3")
          | .quantity] | add' "$TMP/ada.json")" = 10
    check "adaptive: node numbers and probability 1/2" test "$(ad_jq \
        '[.orders[] | (.node | type) == "number" and .probability == 0.5] | all' "$TMP/ada.json")" = true
    check "adaptive: expected costs add up to the purchases" ad_near \
        "$(ad_jq '[.orders[].expected_cost] | add' "$TMP/ada.json")" 2000000
    expect "adaptive: text" 0 plan "$ad_f" --adaptive-orders --no-timing
    check "adaptive: text: the decision now" grep -q '^The decision now (orders shipped in 2026Q1, in every scenario)' "$TMP/out"
    check "adaptive: text: contingent order in words" grep -q \
        '^  if CN stops in 2026Q2 (p = 50.0 %): order 10.00 t Dy2O3 from lynas in 2026Q2 (arrives 2026Q3)$' "$TMP/out"
    check "adaptive: text: calm node" grep -q \
        '^  if no disruption by 2026Q3 (p = 50.0 %): order 10.00 t Dy2O3 from china in 2026Q3' "$TMP/out"
    expect "adaptive: csv" 0 plan "$ad_f" --adaptive-orders --format csv --no-timing
    check "adaptive: csv node row with its history" grep -q \
        '^orders,lynas,MY,Dy2O3,2026Q2,2026Q3,,,node,2,CN stops in 2026Q2$' "$TMP/out"
    check "adaptive: csv probability row" grep -q \
        '^orders,lynas,MY,Dy2O3,2026Q2,2026Q3,,,probability,0.5,$' "$TMP/out"

    # the same order in every node is said once: with demand 20 t in Q3
    # both Q2 nodes take lynas's 10 t (calm also china's 10 t, stop misses
    # 10 t): 10 * 300,000 + 0.5 * 10 * 100,000 + 0.5 * 10 * 1,000,000 =
    # 8,500,000, the fixed plan's cost too (nothing to adapt)
    expect "adaptive: demand 20" 0 plan "$ad_f" --adaptive-orders --no-timing \
        --set 'products[0].demand=[0.0, 0.0, 20.0]'
    check "adaptive: demand 20: in every case" grep -q \
        '^  in every case: order 10.00 t Dy2O3 from lynas in 2026Q2 (arrives 2026Q3)$' "$TMP/out"
    check "adaptive: demand 20: cost 8.50 m" grep -q '^  expected cost   USD 8.50 m' "$TMP/out"

    # sampled paths carry no events: a node is named from its data (the
    # process of tree-sampled.cfg may stop CN in 2026Q3, for one quarter)
    expect "adaptive: sampled paths" 0 plan tests/instances/tree-sampled.cfg --sample-scenarios 30 \
        --adaptive-orders --no-timing
    check "adaptive: sampled node named from the data" grep -q '^  if CN stops in 2026Q3 (p = ' "$TMP/out"
    check "adaptive: sampled, no node named by a scenario list" test "$(grep -c '^  if scenario ' "$TMP/out")" = 0

    # minimum order per node (header of adaptive-min.cfg): 3,100,000 fixed,
    # 2,100,000 adaptive (2,700,000 were the binary shared), on both backends
    expect "adaptive-min: fixed" 0 plan "$ad_m" --format json -o "$TMP/amf.json"
    check "adaptive-min: fixed cost 3,100,000" ad_near "$(ad_jq '.cost.total' "$TMP/amf.json")" 3100000
    for bk in glpk cbc; do
        if [ $bk = cbc ] && ! "$HPBIN" --version 2>/dev/null | grep -q '^CBC [0-9]'; then
            skip "adaptive-min: cbc" "CBC not built"
            continue
        fi
        expect "adaptive-min: adaptive [$bk]" 0 plan "$ad_m" --adaptive-orders --backend $bk \
            --format json -o "$TMP/ama.json"
        check "adaptive-min: cost 2,100,000 [$bk]" ad_near "$(ad_jq '.cost.total' "$TMP/ama.json")" 2100000
        check "adaptive-min: contract signed [$bk]" \
            test "$(ad_jq '[.contracts[] | select(.supplier == "lynas") | .signed] | .[0]' "$TMP/ama.json")" = true
    done

    # adaptive orders never cost more: the baseline, the library, sampled paths
    ad_ok=1
    for f in instances/japan-2026-baseline.cfg instances/scenarios/*.cfg tests/instances/reserve.cfg \
        tests/instances/price_factor.cfg tests/instances/take_or_pay.cfg; do
        a=$(hp plan "$f" --format json 2>/dev/null | jq '.cost.total')
        b=$(hp plan "$f" --adaptive-orders --format json 2>/dev/null | jq '.cost.total')
        ad_le "$b" "$a" || { ad_ok=0; echo "  $f: adaptive $b, fixed $a"; }
    done
    a=$(hp plan tests/instances/tree-sampled.cfg --sample-scenarios 30 --format json 2>/dev/null | jq '.cost.total')
    b=$(hp plan tests/instances/tree-sampled.cfg --sample-scenarios 30 --adaptive-orders --format json 2>/dev/null | jq '.cost.total')
    ad_le "$b" "$a" || ad_ok=0
    check "adaptive: never dearer than fixed orders (baseline, 12 variants, 3 instances, 30 paths)" test $ad_ok = 1

    # the glpsol reference computes the order nodes from the data
    if command -v glpsol >/dev/null 2>&1; then
        for f in "$ad_f" "$ad_m" instances/japan-2026-baseline.cfg tests/instances/reserve.cfg \
            tests/instances/take_or_pay.cfg tests/instances/share_horizon.cfg \
            tests/instances/coproduction.cfg; do
            b=$(basename "$f" .cfg)
            expect "adaptive: export $b" 0 export "$f" --adaptive-orders --mathprog-data "$TMP/ad.dat"
            glpsol -m models/hreeplan.mod -d "$TMP/ad.dat" >"$TMP/ad.glp" 2>&1
            hp plan "$f" --adaptive-orders --format json -o "$TMP/adp.json" 2>/dev/null
            check "adaptive: glpsol agrees on $b" \
                ad_near "$(sed -n 's/^COST //p' "$TMP/ad.glp")" "$(ad_jq '.cost.total' "$TMP/adp.json")"
        done
        # and the hand optima themselves
        hp export "$ad_f" --adaptive-orders --mathprog-data "$TMP/ad1.dat" 2>/dev/null
        glpsol -m models/hreeplan.mod -d "$TMP/ad1.dat" >"$TMP/ad1.glp" 2>&1
        check "adaptive: glpsol 2,000,000" ad_near "$(sed -n 's/^COST //p' "$TMP/ad1.glp")" 2000000
        hp export "$ad_m" --adaptive-orders --mathprog-data "$TMP/ad2.dat" 2>/dev/null
        glpsol -m models/hreeplan.mod -d "$TMP/ad2.dat" >"$TMP/ad2.glp" 2>&1
        check "adaptive-min: glpsol 2,100,000" ad_near "$(sed -n 's/^COST //p' "$TMP/ad2.glp")" 2100000
        expect "adaptive: export without adaptive" 0 export "$ad_f" --mathprog-data "$TMP/adf.dat"
        glpsol -m models/hreeplan.mod -d "$TMP/adf.dat" >"$TMP/adf.glp" 2>&1
        check "adaptive: glpsol fixed 3,000,000" ad_near "$(sed -n 's/^COST //p' "$TMP/adf.glp")" 3000000
        check "adaptive: data says param adaptive only when asked" \
            test "$(grep -c 'param adaptive' "$TMP/adf.dat")" = 0
    else
        skip "adaptive: glpsol" "glpsol not installed"
    fi

    # an adaptive plan is not read back: simulate and roll refuse it
    expect "adaptive: simulate --plan refuses contingent orders" 2 simulate "$ad_f" --plan "$TMP/ada.json" --samples 10
    check "adaptive: simulate says why" grep -q \
        'orders\[0\].node: a plan with contingent orders (--adaptive-orders) cannot be read back' "$TMP/err"
    expect "adaptive: roll --previous refuses contingent orders" 2 roll "$ad_f" --previous "$TMP/ada.json" \
        --set 'start="2026Q2"'
    check "adaptive: roll says why" grep -q 'cannot be read back' "$TMP/err"
    # a fixed plan still reads back
    expect "adaptive: simulate --plan of the fixed plan" 0 simulate "$ad_f" --plan "$TMP/adf.json" --samples 10
fi

# usage errors: exit 2, nothing written, and the reason
expect "adaptive: with two-stage: exit 2" 2 plan "$ad_f" --adaptive-orders --information two-stage -o "$TMP/no.txt"
check "adaptive: two-stage: says why" grep -q -- '--adaptive-orders needs --information tree' "$TMP/err"
check "adaptive: two-stage: no file" test ! -e "$TMP/no.txt"
expect "adaptive: with lshaped: exit 2" 2 plan "$ad_f" --adaptive-orders --method lshaped
check "adaptive: lshaped: says why" grep -q -- '--adaptive-orders needs --method extensive' "$TMP/err"
expect "adaptive: method auto takes the extensive form" 0 plan "$ad_f" --adaptive-orders --method auto --no-timing
expect "adaptive: with foresight: exit 2" 2 plan "$ad_f" --adaptive-orders --foresight
check "adaptive: foresight: says why" grep -q -- '--adaptive-orders and --foresight' "$TMP/err"
expect "adaptive: with value of information: exit 2" 2 plan "$ad_f" --adaptive-orders --value-of-information
expect "adaptive: with near-optimal: exit 2" 2 plan "$ad_f" --adaptive-orders --near-optimal 0.1 --minimise-share CN
expect "adaptive: html: exit 2" 2 plan "$ad_f" --adaptive-orders --format html
check "adaptive: html: says why" grep -q 'does not show contingent orders' "$TMP/err"
expect "adaptive: pareto: exit 2" 2 pareto "$ad_f" --adaptive-orders
check "adaptive: pareto: not its option" grep -q -- '--adaptive-orders does not apply to pareto' "$TMP/err"
expect "adaptive: simulate: exit 2" 2 simulate "$ad_f" --adaptive-orders
expect "adaptive: export --smps: exit 2" 2 export "$ad_f" --adaptive-orders --smps "$TMP/ad"
check "adaptive: export --smps: says why" grep -q 'SMPS describes a two-stage model' "$TMP/err"
check "adaptive: export --smps: nothing written" test ! -e "$TMP/ad.cor"
