# The analyst's numbers (sourced by run.sh): --value-of-information on a
# newsvendor worked out by hand (tests/instances/newsvendor.cfg) and
# WS <= RP <= EEV on every instance with scenarios; --ranges on quota.cfg
# and the duals of MIP plans on min_order.cfg, each derived by hand below;
# --near-optimal on tests/instances/near-share.cfg (worked out in its header).

an_near() { awk -v a="$1" -v b="$2" -v t="${3:-1e-6}" 'BEGIN {
    if (a !~ /^-?[0-9.]+([eE][-+]?[0-9]+)?$/ || b !~ /^-?[0-9.]+([eE][-+]?[0-9]+)?$/) exit 1;
    d = a - b; if (d < 0) d = -d; m = b < 0 ? -b : b; exit !(d <= t * m + t) }'; }
an_jq() { jq -r "$1" "$2" 2>/dev/null; }
an_jqe() { jq -e "$1" "$2" >/dev/null 2>&1; }

if ! command -v jq >/dev/null 2>&1; then
    skip "analyst" "jq not installed"
else
    # ---- value of information: the newsvendor's five numbers by hand
    an_nv=tests/instances/newsvendor.cfg
    expect "voi: newsvendor json" 0 plan "$an_nv" --value-of-information --format json -o "$TMP/nv.json"
    check "voi: WS = 1,000,000" an_near "$(an_jq .stochastic_value.ws "$TMP/nv.json")" 1000000
    check "voi: RP = 1,125,000" an_near "$(an_jq .stochastic_value.rp "$TMP/nv.json")" 1125000
    check "voi: EEV = 1,283,333.33" an_near "$(an_jq .stochastic_value.eev "$TMP/nv.json")" 1283333.3333333
    check "voi: EVPI = 125,000" an_near "$(an_jq .stochastic_value.evpi "$TMP/nv.json")" 125000
    check "voi: VSS = 158,333.33" an_near "$(an_jq .stochastic_value.vss "$TMP/nv.json")" 158333.3333333
    check "voi: the plan is RP's" an_near "$(an_jq .cost.total "$TMP/nv.json")" 1125000
    expect "voi: text" 0 plan "$an_nv" --value-of-information
    check "voi: text names EVPI" grep -q "USD         125,000  EVPI = RP - WS" "$TMP/out"
    check "voi: text names VSS" grep -q "USD         158,333  VSS = EEV - RP" "$TMP/out"
    expect "voi: csv" 0 plan "$an_nv" --value-of-information --format csv
    check "voi: csv row" grep -qx "stochastic_value,,,,,,,,vss,158333.3333," "$TMP/out"
    expect "voi: not without the option" 0 plan "$an_nv" --format json -o "$TMP/nv0.json"
    check "voi: no stochastic_value unasked" test "$(an_jq '.stochastic_value' "$TMP/nv0.json")" = null

    # a storage limit of 2 t: the mean-scenario plan (13.33 t ordered) leaves
    # 3.33 t in stock in "good", above the limit: EEV and VSS are infinite
    expect "voi: infinite EEV" 0 plan "$an_nv" --value-of-information --set 'products[0].storage_limit=2' --format json -o "$TMP/nvi.json"
    check "voi: infinite EEV is null" test "$(an_jq '"\(.stochastic_value.eev) \(.stochastic_value.vss) \(.stochastic_value.rp)"' "$TMP/nvi.json")" = "null null 1125000"

    # WS <= RP <= EEV, EVPI = RP - WS, VSS = EEV - RP on every instance with scenarios
    an_ok=1; an_n=0
    for f in $(grep -l '^scenarios' tests/instances/*.cfg instances/*.cfg); do
        an_n=$((an_n + 1))
        if ! hp plan "$f" --value-of-information --format json -o "$TMP/v.json" 2>"$TMP/err"; then
            an_ok=0; echo "  voi failed on $f: $(head -c 200 "$TMP/err")"; continue
        fi
        jq -e '.stochastic_value as $v | ($v.ws <= $v.rp + 1e-6 * (1 + ($v.rp | fabs)))
            and ($v.rp <= $v.eev + 1e-6 * (1 + ($v.eev | fabs)))
            and (($v.evpi - ($v.rp - $v.ws)) | fabs) < 1e-6 * (1 + ($v.rp | fabs))
            and (($v.vss - ($v.eev - $v.rp)) | fabs) < 1e-6 * (1 + ($v.rp | fabs))' \
            "$TMP/v.json" >/dev/null || { an_ok=0; echo "  WS <= RP <= EEV fails on $f"; }
    done
    check "voi: WS <= RP <= EEV on all $an_n instances with scenarios" test "$an_ok" = 1
    check "voi: the loop saw instances" test "$an_n" -ge 10
    # a sample is the same sample for WS, EEV and RP
    expect "voi: sampled scenarios" 0 plan instances/japan-2026-baseline.cfg --sample-scenarios 12 \
        --seed 5 --value-of-information --format json -o "$TMP/vs.json"
    check "voi: sampled WS <= RP <= EEV" an_jqe '.stochastic_value as $v |
        $v.ws <= $v.rp * (1 + 1e-9) and $v.rp <= $v.eev * (1 + 1e-9)' "$TMP/vs.json"
    check "voi: sampled RP is the plan's cost" an_near \
        "$(an_jq .stochastic_value.rp "$TMP/vs.json")" "$(an_jq .cost.total "$TMP/vs.json")"

    # ---- ranges on quota.cfg: CN (50 USD/kg) limited to 4 t in Q1 and 8 t
    # in Q2, MY (100 USD/kg, up to 20 t) fills the rest of 10 t a quarter.
    # A quota t saves 50,000 while MY still ships (quota <= 10) and CN's
    # order stays >= 0 (quota >= 0): [0, 10] both quarters.  A t more in
    # transit saves a MY t (100,000) while MY ships: Q1 MY ships 6 (up to 6
    # more arriving) and can ship 14 more (20 t): [-14, 6]; Q2 MY ships 2:
    # [-18, 2].
    an_q=tests/instances/quota.cfg
    expect "ranges: json" 0 plan "$an_q" --ranges --format json -o "$TMP/q.json"
    check "ranges: quota Q1 [0, 10]" an_jqe '[.duals[] | select(.constraint == "quota")] | length == 2
        and all(.value == -50000 and (.range[0] | fabs) < 1e-7 and (.range[1] - 10 | fabs) < 1e-7)' "$TMP/q.json"
    check "ranges: balance Q1 [-14, 6]" an_jqe '.duals[] | select(.constraint == "balance" and .quarter == "2026Q1")
        | .value == -100000 and (.range[0] + 14 | fabs) < 1e-7 and (.range[1] - 6 | fabs) < 1e-7' "$TMP/q.json"
    check "ranges: balance Q2 [-18, 2]" an_jqe '.duals[] | select(.constraint == "balance" and .quarter == "2026Q2")
        | (.range[0] + 18 | fabs) < 1e-7 and (.range[1] - 2 | fabs) < 1e-7' "$TMP/q.json"
    expect "ranges: text" 0 plan "$an_q" --ranges
    check "ranges: in words" grep -q "export quota for Dy2O3 in 2026Q1 is worth USD 50,000 for a quota between 0 and 10 t (quota)" "$TMP/out"
    expect "ranges: csv" 0 plan "$an_q" --ranges --format csv
    check "ranges: csv rows" grep -qx "dual_range,,CN,Dy2O3,,,2026Q2,,quota_hi,10," "$TMP/out"
    expect "ranges: html" 0 plan "$an_q" --ranges --format html
    check "ranges: html words" grep -q "a price that holds for a quota between 0 and 10 t" "$TMP/out"
    expect "ranges: none unasked" 0 plan "$an_q" --format json -o "$TMP/q0.json"
    check "ranges: no range key unasked" test "$(an_jq '[.duals[] | has("range")] | any' "$TMP/q0.json")" = false
    if ! "$HPBIN" --version 2>/dev/null | grep -q '^CBC not built'; then
        expect "ranges: cbc refused" 2 plan "$an_q" --ranges --backend cbc
        check "ranges: cbc says GLPK only" grep -q "ranges come from GLPK" "$TMP/err"
    else
        skip "ranges: cbc refused" "CBC not built"
    fi
    expect "ranges: lshaped refused" 2 plan "$an_q" --ranges --method lshaped
    expect "ranges: not for pareto" 2 pareto "$an_q" --ranges

    # ---- MIP duals on min_order.cfg: big ships 13 t in Q1 (>= 8), nothing
    # in Q2.  With that fixed, a t arriving in Q1 saves a big t (100,000),
    # in Q2 a big t held one quarter (101,000).  Ranges: Q1 arrivals in
    # [-7, 5] (big between 20 t and its minimum 8), Q2 in [-7, 3] (big
    # between 20 and 10, its Q1 need).
    an_m=tests/instances/min_order.cfg
    expect "mip duals: json" 0 plan "$an_m" --ranges --format json -o "$TMP/m.json"
    check "mip duals: duals_of fixed_mip" test "$(an_jq .duals_of "$TMP/m.json")" = fixed_mip
    check "mip duals: Q1 -100,000 over [-7, 5]" an_jqe '.duals[] | select(.quarter == "2026Q1")
        | (.value + 100000 | fabs) < 1e-6 and (.range[0] + 7 | fabs) < 1e-7 and (.range[1] - 5 | fabs) < 1e-7' "$TMP/m.json"
    check "mip duals: Q2 -101,000 over [-7, 3]" an_jqe '.duals[] | select(.quarter == "2026Q2")
        | (.value + 101000 | fabs) < 1e-6 and (.range[0] + 7 | fabs) < 1e-7 and (.range[1] - 3 | fabs) < 1e-7' "$TMP/m.json"
    expect "mip duals: text" 0 plan "$an_m"
    check "mip duals: said in words" grep -q "of the LP with the integer decisions" "$TMP/out"
    expect "mip duals: lp plans say nothing" 0 plan "$an_q" --format json -o "$TMP/q1.json"
    check "mip duals: no duals_of on an LP plan" test "$(an_jq .duals_of "$TMP/q1.json")" = null

    # ---- near-optimal on near-share.cfg (header: 5 % -> CN share 50 %,
    # cn 5 au 5, spend 1,050,000; 20 % -> share 0, au 10, spend 1,100,000)
    an_s=tests/instances/near-share.cfg
    expect "near: 5 %" 0 plan "$an_s" --near-optimal 0.05 --minimise-share CN --format json -o "$TMP/n.json"
    check "near: share before 1" an_near "$(an_jq .near_optimal.share_before "$TMP/n.json")" 1
    check "near: share after 0.5" an_near "$(an_jq .near_optimal.share_after "$TMP/n.json")" 0.5
    check "near: region and slack" test "$(an_jq '"\(.near_optimal.region) \(.near_optimal.slack)"' "$TMP/n.json")" = "CN 0.05"
    check "near: spend 1,050,000" an_near "$(an_jq .cost.spend "$TMP/n.json")" 1050000
    check "near: cn 5, au 5" an_jqe '[.orders[] | {(.supplier): .quantity}] | add
        | ((.cn - 5) | fabs) < 1e-6 and ((.au - 5) | fabs) < 1e-6' "$TMP/n.json"
    expect "near: 20 %" 0 plan "$an_s" --near-optimal 0.2 --minimise-share CN --format json -o "$TMP/n2.json"
    check "near: 20 % share 0" an_near "$(an_jq .near_optimal.share_after "$TMP/n2.json")" 0
    check "near: 20 % spend 1,100,000 (au only)" an_near "$(an_jq .cost.spend "$TMP/n2.json")" 1100000
    expect "near: text" 0 plan "$an_s" --near-optimal 0.05 --minimise-share CN
    check "near: before and after" sh -c "grep -q 'CN share 100.0 % -> 50.0 %' '$TMP/out' &&
        grep -q '^Order book before' '$TMP/out' && grep -q '^Order book after' '$TMP/out'"
    # a MIP (min_order.cfg: the reference buys 13 t from big, AU, spend
    # 1,303,000): within 50 % (1,954,500) small (MY, 150 USD/kg) can buy it
    # all, 10 t in Q1 and 3 t in Q2: 1,950,000, AU share 0
    expect "near: MIP" 0 plan tests/instances/min_order.cfg --near-optimal 0.5 --minimise-share AU --format json -o "$TMP/nm.json"
    check "near: MIP AU share 0" an_near "$(an_jq .near_optimal.share_after "$TMP/nm.json")" 0
    check "near: MIP spend 1,950,000" an_near "$(an_jq .cost.spend "$TMP/nm.json")" 1950000
    expect "near: unknown region" 2 plan "$an_s" --near-optimal 0.05 --minimise-share cn
    check "near: did you mean" grep -q "did you mean 'CN'" "$TMP/err"
    expect "near: slack without region" 2 plan "$an_s" --near-optimal 0.05
    expect "near: region without slack" 2 plan "$an_s" --minimise-share CN
    expect "near: negative slack" 2 plan "$an_s" --near-optimal -0.1 --minimise-share CN
    expect "near: not with --objective risk" 2 plan "$an_s" --near-optimal 0.05 --minimise-share CN --objective risk
    expect "near: not for simulate" 2 simulate "$an_s" --near-optimal 0.05
fi

# ---- the analyst's numbers in the HTML pages (plan --format html, report):
# the newsvendor's five numbers and near-share.cfg's before and after, both
# worked out by hand in their headers (see above); the near-optimal moves:
# cn 10 -> 5 (-5), au 0 -> 5 (+5)
an_txt() { sed -e 's/<[^>]*>/ /g' "$1" | tr -s ' \n' ' '; }
expect "html voi: plan --format html" 0 plan tests/instances/newsvendor.cfg --value-of-information --format html --no-timing -o "$TMP/nv.html"
an_txt "$TMP/nv.html" >"$TMP/nv.txt"
check "html voi: a section" grep -q '<section id="voi">' "$TMP/nv.html"
check "html voi: EVPI 125,000 in words" grep -qF "worth up to USD 125,000 of expected cost (EVPI)" "$TMP/nv.txt"
check "html voi: VSS 158,333 in words" grep -qF "saves USD 158,333 (VSS)" "$TMP/nv.txt"
check "html voi: WS, RP, EEV in the table" \
    sh -c "grep -qF 'WS USD 1,000,000' '$TMP/nv.txt' && grep -qF 'RP USD 1,125,000' '$TMP/nv.txt' && grep -qF 'EEV USD 1,283,333' '$TMP/nv.txt'"
expect "html voi: not unasked" 0 plan tests/instances/newsvendor.cfg --format html --no-timing -o "$TMP/nv0.html"
check "html voi: no section unasked" sh -c "! grep -q '<section id=\"voi\">' '$TMP/nv0.html' && ! grep -q '<section id=\"near\">' '$TMP/nv0.html'"
check "html: the stock band over the scenarios (2 scenarios)" grep -q '<text[^>]*class="legend">stock range</text>' "$TMP/nv0.html"
expect "html: one scenario" 0 plan tests/instances/compare-ref.cfg --format html --no-timing -o "$TMP/one.html"
check "html: no stock band with one scenario" sh -c "grep -q '<section id=\"stock\">' '$TMP/one.html' && ! grep -q 'stock range' '$TMP/one.html'"

expect "html near: plan --format html" 0 plan tests/instances/near-share.cfg --near-optimal 0.05 --minimise-share CN --format html --no-timing -o "$TMP/near.html"
an_txt "$TMP/near.html" >"$TMP/near.txt"
check "html near: a section after the decision" \
    sh -c "grep -o '<section id=\"[a-z]*\">' '$TMP/near.html' | tr -d '\n' | grep -q 'decision.*near.*stock'"
check "html near: CN share 50.0 % instead of 100.0 %" grep -qF "least share from CN: 50.0 % instead of 100.0 %" "$TMP/near.txt"
check "html near: spend 1.00 -> 1.05" grep -qF "expected spend USD 1.00 m USD 1.05 m" "$TMP/near.txt"
check "html near: what moved, cn -5 and au +5" \
    sh -c "grep -qF 'cn CN Dy2O3 2026Q1 10.00 5.00 -5.00' '$TMP/near.txt' && grep -qF 'au AU Dy2O3 2026Q1 0.00 5.00 +5.00' '$TMP/near.txt'"

expect "report: --value-of-information and --near-optimal" 0 report tests/instances/near-share.cfg --value-of-information --near-optimal 0.05 --minimise-share CN --samples 100 --no-timing -o "$TMP/rn.html"
check "report: near and voi sections in the page" \
    sh -c "grep -o '<section id=\"[a-z]*\">' '$TMP/rn.html' | tr -d '\n' | grep -q 'headline.*decision.*near.*front.*stock.*voi.*simulation.*duals'"
check "report: the page says which plan it is" grep -qF "least-CN-share (within 5 % of the reference spend) plan" "$TMP/rn.html"
expect "report: --near-optimal without --minimise-share" 2 report tests/instances/near-share.cfg --near-optimal 0.05 -o "$TMP/rx.html"
check "report: no page on a usage error" test ! -e "$TMP/rx.html"
expect "report: --ranges" 0 report tests/instances/quota.cfg --ranges --samples 100 --no-timing -o "$TMP/rq.html"
check "report: --ranges in words" grep -q 'a price that holds' "$TMP/rq.html"

# ---- --progress on plan and report (stderr here is a file, never a
# terminal: lines only when forced).  The newsvendor's value of information
# takes 2 + 3 solves (RP, WS per scenario, EV, EEV); its L-shaped solve
# (two-stage) ends at lower = upper = RP = 1,125,000 (header).
an_nv=tests/instances/newsvendor.cfg
expect "progress: plan --value-of-information --progress" 0 plan "$an_nv" --value-of-information --progress
check "progress: a line per solve, 5 in all (2 scenarios + 3)" \
    test "$(grep -c '^plan: value of information: solve [1-5] of 5, ' "$TMP/err")" = 5
check "progress: the wait-and-see solves name their scenario" \
    test "$(grep -c 'wait-and-see scenario [12] of 2$' "$TMP/err")" = 2
expect "progress: plan --value-of-information without --progress" 0 plan "$an_nv" --value-of-information
check "progress: none when stderr is not a terminal" test ! -s "$TMP/err"
expect "progress: plan --method lshaped --progress" 0 plan "$an_nv" --method lshaped --information two-stage --progress
check "progress: L-shaped iterations numbered from 1" \
    sh -c "grep '^plan: L-shaped iteration ' '$TMP/err' | awk '{ sub(\":\", \"\", \$4); if (\$4 != NR) exit 1 } END { exit NR < 1 }'"
check "progress: the last iteration closes at RP = 1,125,000" \
    sh -c "grep '^plan: L-shaped iteration ' '$TMP/err' | tail -1 | grep -q 'lower 1125000, upper 1125000, gap 0.00e+00'"
expect "progress: plan --method lshaped without --progress" 0 plan "$an_nv" --method lshaped --information two-stage
check "progress: no iteration lines unasked" sh -c "! grep -q 'L-shaped iteration' '$TMP/err'"
expect "progress: report --progress" 0 report "$an_nv" --points 3 --samples 50 --progress --no-timing -o "$TMP/rp.html"
check "progress: report, a line per point of the front" test "$(grep -c '^report: front point [1-3] of 3: ' "$TMP/err")" = 3
check "progress: report, the simulated paths" grep -q '^report: simulated [0-9]* of [0-9]* paths$' "$TMP/err"
expect "progress: report without --progress" 0 report "$an_nv" --points 3 --samples 50 --no-timing -o "$TMP/rp.html"
check "progress: report, none unasked" test ! -s "$TMP/err"
expect "progress: simulate --recourse rolling --progress" 0 simulate tests/instances/rolling.cfg --recourse rolling --samples 20 --progress
check "progress: rolling simulation reaches all paths" grep -q '^simulate plan: 20 of 20 paths (100%)$' "$TMP/err"
expect "progress: simulate --recourse rolling" 0 simulate tests/instances/rolling.cfg --recourse rolling --samples 20
check "progress: rolling simulation quiet unasked" test ! -s "$TMP/err"
expect "progress: compare --method lshaped --progress" 0 compare "$an_nv" "$an_nv" --method lshaped --information two-stage --progress
check "progress: compare, a line per instance" test "$(grep -c '^compare: [12]/2 ' "$TMP/err")" = 2
check "progress: compare, the L-shaped iterations of each" \
    test "$(grep -c '^compare: L-shaped iteration 1: ' "$TMP/err")" = 2
expect "progress: compare without --progress" 0 compare "$an_nv" "$an_nv" --method lshaped --information two-stage
check "progress: compare quiet unasked" sh -c "! grep -q '^compare: ' '$TMP/err'"
