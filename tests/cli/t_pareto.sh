# hreeplan pareto and compare, charts, and the scenario library (sourced by
# run.sh).  The front of tests/instances/pareto-kink.cfg is worked out by
# hand in its header: points k = 0..10 have risk 5 - 0.5 k and cost
# 2,500,000 + 50,000 k (k <= 5), 2,750,000 + 350,000 (k - 5) (k >= 5); the
# knee is point 5.  The ends are also checked against `plan`, an independent
# pair of solves.  That front trades expected cost against risk: `--axis
# cost` (the default axis is spend, tested in t_spend.sh).

pa_k=tests/instances/pareto-kink.cfg
pa_flat=tests/instances/pareto-flat.cfg
# pa_near A B: |A - B| <= 1e-6 |B| + 1e-6
pa_near() { awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; if (d < 0) d = -d; m = b < 0 ? -b : b; exit !(a ~ /^-?[0-9.]+([eE][-+]?[0-9]+)?$/ && b ~ /^-?[0-9.]+([eE][-+]?[0-9]+)?$/ && d <= 1e-6 * m + 1e-6) }'; }
pa_jq() { jq -r "$1" "$2" 2>/dev/null; }
pa_jqe() { jq -e "$@" >/dev/null 2>&1; }

expect "pareto --help" 0 pareto --help
check "pareto --help names --points" grep -q -- "--points" "$TMP/out"
expect "pareto without FILE is a usage error" 2 pareto
expect "pareto --points 1 is a usage error" 2 pareto "$pa_k" --points 1
expect "pareto of a missing file" 1 pareto "$TMP/no-such.cfg"

expect "pareto json" 0 pareto "$pa_k" --axis cost --format json --no-timing -o "$TMP/pa.json"
check "pareto json: 11 points" test "$(pa_jq '.points | length' "$TMP/pa.json")" = 11
check "pareto json: measure" test "$(pa_jq '.measure' "$TMP/pa.json")" = shortage
check "pareto json: axis" test "$(pa_jq '.axis' "$TMP/pa.json")" = cost
pa_ok=1
for k in 0 1 2 3 4 5 6 7 8 9 10; do
    if [ $k -le 5 ]; then c=$((2500000 + 50000 * k)); else c=$((2750000 + 350000 * (k - 5))); fi
    r=$(awk -v k=$k 'BEGIN { print 5 - 0.5 * k }')
    pa_near "$(pa_jq ".points[$k].cost" "$TMP/pa.json")" "$c" || pa_ok=0
    pa_near "$(pa_jq ".points[$k].risk" "$TMP/pa.json")" "$r" || pa_ok=0
    pa_near "$(pa_jq ".points[$k].risks.shortage" "$TMP/pa.json")" "$r" || pa_ok=0
    pa_near "$(pa_jq ".points[$k].cost_split.total" "$TMP/pa.json")" "$c" || pa_ok=0
done
check "pareto: every point on the hand-worked front" test $pa_ok = 1
check "pareto: the knee is point 5" test "$(pa_jq '[.points[] | select(.knee)] | map(.point) | join(",")' "$TMP/pa.json")" = 5
check "pareto: top-level knee" test "$(pa_jq '.knee' "$TMP/pa.json")" = 5
check "pareto: cost never falls as risk falls" pa_jqe '[.points[] | select(.cost != null)] as $p
    | all(range(1; $p | length); $p[.].risk <= $p[. - 1].risk + 1e-9 and $p[.].cost >= $p[. - 1].cost - 1e-6)' "$TMP/pa.json"
check "pareto: no duplicate or dominated point on this front" pa_jqe 'all(.points[]; .duplicate == false and .dominated == false and .on_front)' "$TMP/pa.json"
check "pareto: regional shares at the knee (CN 50%, AU 50%)" pa_jqe '.points[5].regions | map({(.region): .share}) | add
    | (.CN - 0.5 | fabs) < 1e-6 and (.AU - 0.5 | fabs) < 1e-6 and (.US | fabs) < 1e-6' "$TMP/pa.json"

# the ends are the plans of `plan --objective cost` and `--objective risk`
expect "plan --objective cost" 0 plan "$pa_k" --format json -o "$TMP/pc.json"
expect "plan --objective risk" 0 plan "$pa_k" --objective risk --format json -o "$TMP/pr.json"
check "cost-minimal end = plan --objective cost (cost)" pa_near "$(pa_jq '.points[0].cost' "$TMP/pa.json")" "$(pa_jq '.cost.total' "$TMP/pc.json")"
check "cost-minimal end = plan --objective cost (risk)" pa_near "$(pa_jq '.points[0].risk' "$TMP/pa.json")" "$(pa_jq '.risk.shortage' "$TMP/pc.json")"
check "risk-minimal end = plan --objective risk (cost)" pa_near "$(pa_jq '.points[10].cost' "$TMP/pa.json")" "$(pa_jq '.cost.total' "$TMP/pr.json")"
check "risk-minimal end = plan --objective risk (risk)" pa_near "$(pa_jq '.points[10].risk' "$TMP/pa.json")" "$(pa_jq '.risk.shortage' "$TMP/pr.json")"

# other measures: the ends still match plan (CVaR: the risk is the plan's own)
expect "pareto --measure cvar" 0 pareto "$pa_k" --axis cost --measure cvar --points 5 --format json -o "$TMP/pv.json"
expect "plan --measure cvar --objective risk" 0 plan "$pa_k" --measure cvar --objective risk --format json -o "$TMP/pvr.json"
check "cvar front: risk-minimal end = plan" pa_near "$(pa_jq '.points[4].cost' "$TMP/pv.json")" "$(pa_jq '.cost.total' "$TMP/pvr.json")"
check "cvar front: risk is the plan's CVaR" pa_jqe 'all(.points[] | select(.cost != null); (.risk - .risks.cvar | fabs) < 1e-6)' "$TMP/pv.json"

# a front that is one plan: every other point is a duplicate, no knee
expect "pareto of a one-plan front" 0 pareto "$pa_flat" --axis cost --points 4 --format json -o "$TMP/pf.json"
check "one-plan front: points 1..3 repeat point 0" test "$(pa_jq '[.points[] | .duplicate_of] | map(tostring) | join(",")' "$TMP/pf.json")" = "null,0,0,0"
check "one-plan front: no knee" test "$(pa_jq '.knee' "$TMP/pf.json")" = null
expect "pareto text of a one-plan front" 0 pareto "$pa_flat" --axis cost --points 4
check "text marks duplicates" grep -q "duplicate of 0" "$TMP/out"

# text and CSV
expect "pareto text" 0 pareto "$pa_k" --axis cost
check "text: the knee row" grep -Eq '^ +5 .* knee$' "$TMP/out"
check "text: the character plot" grep -q "K" "$TMP/out"
check "text: no progress unless asked (stderr not a tty)" test ! -s "$TMP/err"
expect "pareto --progress" 0 pareto "$pa_k" --progress --points 3
check "progress: one line per point" test "$(grep -c '^pareto: [0-9]*/3 ' "$TMP/err")" = 3
expect "pareto csv" 0 pareto "$pa_k" --axis cost --format csv
check "csv: header" test "$(head -n 1 "$TMP/out")" = "point,metric,value"
check "csv: knee of point 5" grep -qx "5,knee,1" "$TMP/out"
check "csv: cost of point 10" pa_near "$(sed -n 's/^10,cost,//p' "$TMP/out")" 4500000

# charts: gnuplot SVG with the expected series
pa_svg() { if command -v xmllint >/dev/null 2>&1; then xmllint --noout "$1"; else grep -q '<svg' "$1" && grep -q '</svg>' "$1"; fi; }
if command -v gnuplot >/dev/null 2>&1; then
    expect "pareto --chart" 0 pareto "$pa_k" --chart "$TMP/front.svg" -o "$TMP/front.txt"
    check "front chart is valid SVG" pa_svg "$TMP/front.svg"
    check "front chart has the front and the knee" sh -c "grep -q '>front<' '$TMP/front.svg' && grep -q '>knee<' '$TMP/front.svg'"
    # charts_that_mislead: the axis names what it shows with its unit, the
    # title gives the span in absolute and relative terms, the value axis
    # says when it does not start at 0.  spend-kink.cfg (its header):
    # spend 0 at risk 10 up to 3.95 USD m at risk 0.5, so the spend front
    # spans 3.95 USD m, 100 % of spend; cost = spend + 0.4 USD m per t of
    # risk is least at risk 5 (0.5 + 2.0 = 2.5 USD m) and 3.95 + 0.2 = 4.15
    # at risk 0.5: the cost front spans 1.65 USD m, 1.65 / 4.15 = 39.76 %.
    expect "pareto --chart, spend axis (charts_that_mislead)" 0 pareto tests/instances/spend-kink.cfg --points 20 --chart "$TMP/sk.svg" -o "$TMP/sk.txt"
    check "spend chart: axis label with unit" grep -q '>expected spend, USD m<' "$TMP/sk.svg"
    check "spend chart: span in the title" grep -q 'front spans 3.95 USD m, 100.00 % of spend (0.00 to 3.95 USD m)<' "$TMP/sk.svg"
    check "spend chart: expected-cost plan marked" grep -q '>expected-cost plan<' "$TMP/sk.svg"
    expect "pareto --chart, cost axis" 0 pareto tests/instances/spend-kink.cfg --axis cost --chart "$TMP/sk2.svg" -o "$TMP/sk2.txt"
    check "cost chart: axis label with unit" grep -q '>expected cost (spend + penalty), USD m<' "$TMP/sk2.svg"
    check "cost chart: span and a warning that the axis is cut" grep -q 'front spans 1.65 USD m, 39.76 % of cost (2.50 to 4.15 USD m); the value axis does not start at 0<' "$TMP/sk2.svg"
    expect "pareto --chart --zero-axis" 0 pareto tests/instances/spend-kink.cfg --axis cost --zero-axis --chart "$TMP/sk3.svg" -o "$TMP/sk3.txt"
    check "zero axis: the title no longer warns" grep -q '(2.50 to 4.15 USD m)<' "$TMP/sk3.svg"
    expect "--zero-axis is pareto's" 2 plan tests/instances/spend-kink.cfg --zero-axis
    expect "pareto --chart into a missing directory" 1 pareto "$pa_k" --chart "$TMP/no/dir/f.svg" -o "$TMP/nochart.txt"
    check "a failed chart writes no report" test ! -e "$TMP/nochart.txt"
    # risk-minimal plans: AU and US ship in both instances, CN in neither
    expect "compare --chart" 0 compare "$pa_k" tests/instances/shortage.cfg --objective risk --chart "$TMP/supply.svg"
    check "supply chart is valid SVG" pa_svg "$TMP/supply.svg"
    check "supply chart has sources and demand" sh -c "grep -q '>demand<' '$TMP/supply.svg' && grep -q '>au<' '$TMP/supply.svg' && grep -q '>us<' '$TMP/supply.svg'"
    check "supply chart leaves out unused sources" sh -c "! grep -q '>cn<' '$TMP/supply.svg'"
    check "supply chart: a panel per instance" sh -c "grep -q '>pareto-kink - Dy2O3<' '$TMP/supply.svg' && grep -q '>shortage - Dy2O3<' '$TMP/supply.svg'"
else
    bad "gnuplot is not installed (charts untested)"
fi

# compare: the same numbers as two plan runs
expect "compare --help" 0 compare --help
expect "compare without FILE is a usage error" 2 compare
expect "compare json" 0 compare "$pa_k" tests/instances/shortage.cfg --format json -o "$TMP/cmp.json"
expect "plan shortage.cfg" 0 plan tests/instances/shortage.cfg --format json -o "$TMP/ps.json"
pa_ok=1
for key in cost.total cost.purchase cost.penalty risk.shortage risk.cvar risk.exposure; do
    pa_near "$(pa_jq ".instances[0].$key" "$TMP/cmp.json")" "$(pa_jq ".$key" "$TMP/pc.json")" || pa_ok=0
    pa_near "$(pa_jq ".instances[1].$key" "$TMP/cmp.json")" "$(pa_jq ".$key" "$TMP/ps.json")" || pa_ok=0
done
check "compare = plan, instance by instance" test $pa_ok = 1
check "compare: unmet per product = plan's balance" pa_near "$(pa_jq '.instances[1].unmet.Dy2O3' "$TMP/cmp.json")" "$(pa_jq '[.balance[] | .unmet] | add' "$TMP/ps.json")"
check "compare: regional share = plan's" pa_near "$(pa_jq '.instances[0].regions[0].share' "$TMP/cmp.json")" "$(pa_jq '.regions[0].share' "$TMP/pc.json")"
expect "compare --objective risk" 0 compare "$pa_k" --objective risk --format json -o "$TMP/cmpr.json"
check "compare --objective risk = plan --objective risk" pa_near "$(pa_jq '.instances[0].cost.total' "$TMP/cmpr.json")" "$(pa_jq '.cost.total' "$TMP/pr.json")"
expect "compare text" 0 compare "$pa_k" tests/instances/shortage.cfg
check "compare text: a column per instance" grep -q "pareto-kink" "$TMP/out"
check "compare text: unmet per product" grep -q "^unmet Dy2O3" "$TMP/out"
expect "compare csv" 0 compare "$pa_k" tests/instances/shortage.cfg --format csv
check "compare csv: long format" grep -Eq '^shortage,cost_total,940000|^shortage,cost_total,550000' "$TMP/out"
check "compare csv: header" test "$(head -n 1 "$TMP/out")" = "instance,metric,value"
mkdir -p "$TMP/variants"
cp "$pa_k" "$TMP/variants/b.cfg"
cp tests/instances/shortage.cfg "$TMP/variants/a.cfg"
expect "compare --variants" 0 compare "$pa_flat" --variants "$TMP/variants" --format json -o "$TMP/cv.json"
check "--variants: base first, then by name" test "$(pa_jq '[.instances[].instance] | join(",")' "$TMP/cv.json")" = "pareto-flat,a,b"

# an invalid instance among them: nothing is solved, exit 2, no report
printf 'name = "broken";\nstart = "2026Q1";\nquarters = 0;\n' >"$TMP/variants/c-broken.cfg"
expect "compare with an invalid instance" 2 compare "$pa_k" --variants "$TMP/variants" -o "$TMP/cbad.txt"
check "invalid instance: message names the file" grep -q "c-broken.cfg" "$TMP/err"
check "invalid instance: no report" test ! -e "$TMP/cbad.txt"
expect "pareto of an invalid instance" 2 pareto "$TMP/variants/c-broken.cfg" -o "$TMP/pbad.txt"
check "invalid instance: no pareto report" test ! -e "$TMP/pbad.txt"

# an instance that admits no plan (stock on hand above its storage limit)
cat >"$TMP/infeasible.cfg" <<'PA_EOF'
name = "infeasible";
start = "2026Q1";
quarters = 1;
products = ( { id = "Dy2O3"; demand = 0.0; shortage_penalty = 1000.0; initial_inventory = 10.0; storage_limit = 5.0; } );
suppliers = ( { id = "cn"; region = "CN"; offers = ( { product = "Dy2O3"; price = 100.0; capacity = 10.0; } ); } );
PA_EOF
expect "pareto of an infeasible instance" 3 pareto "$TMP/infeasible.cfg"
check "infeasible: stderr names the storage limit" grep -q "storage_limit" "$TMP/err"
expect "compare with an infeasible instance" 3 compare "$pa_k" "$TMP/infeasible.cfg" --format json
check "infeasible: the other instance is still reported" test "$(pa_jq '[.instances[].status] | join(",")' "$TMP/out")" = "optimal,infeasible"

# the scenario library: every variant is valid and solves to optimality
# (one compare run plans them all; its statuses are the plans' own)
pa_n=0
for f in instances/scenarios/*.cfg; do
    [ -f "$f" ] || continue
    pa_n=$((pa_n + 1))
    expect "check $f" 0 check "$f"
done
check "the scenario library has eight variants" test "$pa_n" -ge 8
expect "compare over the scenario library" 0 compare --variants instances/scenarios --format json -o "$TMP/scen.json"
check "every scenario variant solves to optimality" test "$(pa_jq '[.instances[] | select(.status == "optimal")] | length' "$TMP/scen.json")" = "$pa_n"
