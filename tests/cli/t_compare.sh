# compare: what moved in the order book of each variant against the first
# instance (sourced by run.sh).  tests/instances/compare-ref.cfg and
# compare-price.cfg differ in one price; their headers derive by hand the
# plans and the four moves (a 2026Q1 -7, b 2026Q1 +7, a 2026Q2 -6,
# b 2026Q2 +6, biggest first, ties by quarter, then supplier id).  The
# tolerance (moves under 0.005 t left out) is checked on variants of the
# reference whose 2026Q2 demand is 0.004 t and 0.006 t higher: supplier a
# (cheapest, capacity to spare) ships exactly that much more.

co_ref=tests/instances/compare-ref.cfg
co_var=tests/instances/compare-price.cfg
co=$TMP/compare
mkdir -p "$co"

if ! command -v jq >/dev/null 2>&1; then
    skip "compare moves" "jq not installed"
else
    # rows as "supplier product quarter from to change", rounded to 1e-6
    co_rows() {
        jq -r "$1 | .[] | [.supplier, .product, .quarter,
            (.from, .to, .change | . * 1e6 | round / 1e6 | tostring)] | join(\" \")" "$2" 2>/dev/null
    }
    expect "compare moves: json" 0 compare "$co_ref" "$co_var" --format json --no-timing -o "$co/m.json"
    check "compare moves: the four moves by hand, biggest first" \
        test "$(co_rows '.instances[1].order_changes' "$co/m.json" | tr '\n' ';')" \
        = "a Dy2O3 2026Q1 10 3 -7;b Dy2O3 2026Q1 0 7 7;a Dy2O3 2026Q2 6 0 -6;b Dy2O3 2026Q2 0 6 6;"
    check "compare moves: the plans' costs by hand (1.60 and 2.55 USD m)" \
        test "$(jq -c '[.instances[].cost.total]' "$co/m.json")" = "[1600000,2550000]"
    check "compare moves: the reference has no order_changes" \
        test "$(jq -c '.instances[0] | has("order_changes")' "$co/m.json")" = false
    check "compare moves: the reference and the tolerance named" \
        test "$(jq -c '[.order_changes_against, .order_change_tolerance]' "$co/m.json")" = '["compare-ref",0.005]'

    expect "compare moves: the other way round" 0 compare "$co_var" "$co_ref" --format json --no-timing -o "$co/r.json"
    check "compare moves: the other way round, signs reversed" \
        test "$(co_rows '.instances[1].order_changes' "$co/r.json" | tr '\n' ';')" \
        = "a Dy2O3 2026Q1 3 10 7;b Dy2O3 2026Q1 7 0 -7;a Dy2O3 2026Q2 0 6 6;b Dy2O3 2026Q2 6 0 -6;"

    expect "compare moves: an instance against itself" 0 compare "$co_ref" "$co_ref" --format json --no-timing -o "$co/s.json"
    check "compare moves: nothing moved against itself" \
        test "$(jq -c '.instances[1].order_changes' "$co/s.json")" = "[]"

    # the tolerance: 0.004 t is left out, 0.006 t is a move
    sed 's/demand = \[10.0, 6.0\]/demand = [10.0, 6.004]/' "$co_ref" >"$co/tiny.cfg"
    sed 's/demand = \[10.0, 6.0\]/demand = [10.0, 6.006]/' "$co_ref" >"$co/small.cfg"
    check "compare moves: the tolerance variants differ from the reference" \
        sh -c "! cmp -s '$co_ref' '$co/tiny.cfg' && ! cmp -s '$co_ref' '$co/small.cfg'"
    expect "compare moves: tolerance json" 0 compare "$co_ref" "$co/tiny.cfg" "$co/small.cfg" --format json --no-timing -o "$co/t.json"
    check "compare moves: 0.004 t is under the tolerance" \
        test "$(jq -c '.instances[1].order_changes' "$co/t.json")" = "[]"
    check "compare moves: 0.006 t is a move" \
        test "$(co_rows '.instances[2].order_changes' "$co/t.json")" = "a Dy2O3 2026Q2 6 6.006 0.006"
fi

expect "compare moves: text" 0 compare "$co_ref" "$co_var" --no-timing -o "$co/m.txt"
check "compare moves: text section names the reference and the tolerance" \
    sh -c "grep -q '^What moved in the order book against \[1\] compare-ref\$' '$co/m.txt' && grep -q 'moves under 0.005 t are left out' '$co/m.txt'"
check "compare moves: text, the four moves biggest first" \
    test "$(sed -n '/^\[2\] compare-price: 4 moves, 13.00 t more ordered, 13.00 t less$/,/^$/p' "$co/m.txt" | awk 'NR > 2 && NF == 6 { printf "%s %s %s %s %s %s;", $1, $2, $3, $4, $5, $6 }')" \
    = "a Dy2O3 2026Q1 10.00 3.00 -7.00;b Dy2O3 2026Q1 0.00 7.00 +7.00;a Dy2O3 2026Q2 6.00 0.00 -6.00;b Dy2O3 2026Q2 0.00 6.00 +6.00;"
check "compare moves: text ends with the run record" sh -c "tail -1 '$co/m.txt' | grep -q '^run: hreeplan '"
expect "compare moves: text, nothing moved" 0 compare "$co_ref" "$co_ref" --no-timing
check "compare moves: text says nothing moved" grep -q '^\[2\] compare-ref: no order moved$' "$TMP/out"

expect "compare moves: csv" 0 compare "$co_ref" "$co_var" --format csv --no-timing
check "compare moves: csv rows of the biggest move" \
    test "$(grep ':a:Dy2O3:2026Q1,' "$TMP/out" | tr '\n' ';')" \
    = "compare-price,order_from:a:Dy2O3:2026Q1,10;compare-price,order_to:a:Dy2O3:2026Q1,3;compare-price,order_change:a:Dy2O3:2026Q1,-7;"
check "compare moves: csv, three rows per move" test "$(grep -c '^compare-price,order_' "$TMP/out")" = 12
check "compare moves: csv, none for the reference" sh -c "! grep -q '^compare-ref,order_' '$TMP/out'"

expect "compare moves: html" 0 compare "$co_ref" "$co_var" --format html --no-timing -o "$co/m.html"
check "compare moves: html section" grep -q '<section id="moves">' "$co/m.html"
check "compare moves: html, the biggest move first" \
    sh -c "grep -A3 '<section id=\"moves\">' '$co/m.html' | tail -1 | grep -q '<h3>compare-price</h3>' && grep -m1 '^<tr><td>a</td><td>Dy2O3</td><td>2026Q1</td>' '$co/m.html' | grep -q '10.00</td><td class=\"n\">3.00</td><td class=\"n\">-7.00<'"
check "compare moves: html, four rows" test "$(sed -n '/<section id="moves">/,/<\/section>/p' "$co/m.html" | grep -c '^<tr><td>')" = 4

# a variant without a plan: the moves say so, compare exits 3 as before
expect "compare moves: a variant without a plan" 3 compare "$co_ref" tests/instances/infeasible-storage.cfg --no-timing
check "compare moves: nothing to compare without a plan" grep -q '^\[2\] infeasible-storage: nothing to compare, no plan$' "$TMP/out"
expect "compare moves: a reference without a plan" 3 compare tests/instances/infeasible-storage.cfg "$co_ref" --no-timing
check "compare moves: nothing to compare without a reference plan" grep -q '^\[2\] compare-ref: nothing to compare, the reference has no plan$' "$TMP/out"
