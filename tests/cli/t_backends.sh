# GLPK and CBC/CLP give the same plans (sourced by run.sh).
#
# When `hreeplan --version` shows CBC built:
#   - `plan` on the baseline and its 8 scenario variants, cost- and
#     risk-minimal, with `--backend glpk` and `--backend cbc`: status
#     optimal for both, cost.total equal to 1e-7 and each risk measure to
#     1e-6, relative to max(1, |a|, |b|) (the glpsol cross-check ties GLPK
#     to an independent solve; this ties CBC to GLPK on every variant);
#   - `pareto` on a MIP with both backends: the same 5 points;
#   - a hard MIP under `--time-limit 1`: status time_limit with an honest
#     gap and bound, CBC's limit counted in elapsed seconds; under
#     `--mip-gap 0.2`: status gap_limit, never "optimal" with a gap left.
# When it is not: `--backend cbc` exits 2 and says CBC is not built.
# Built with CBC but libCbcSolver missing (HREEPLAN_CBC_LIBRARY=/nonexistent):
# `--backend cbc` exits 2 naming the library and its package.
# Under valgrind only the baseline is compared (time).

bk_close() { # bk_close A B TOL: |A - B| <= TOL * max(1, |A|, |B|)
    awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN {
        if (a == "" || b == "" || a == "null" || b == "null") exit 1;
        d = a - b; if (d < 0) d = -d; if (a < 0) a = -a; if (b < 0) b = -b;
        m = 1; if (a > m) m = a; if (b > m) m = b;
        exit !(d <= t * m) }'
}
bk_awk() { awk "BEGIN { exit !($1) }"; } # bk_awk 'EXPR': numeric condition

# An unknown backend is a usage error whatever is built.
expect "backends: --backend xpress: exit 2" 2 plan instances/teach-risk.cfg --backend xpress
check "backends: --backend xpress: says it is not built" grep -q "'xpress' is not built" "$TMP/err"

# Built with CBC, the library is loaded only when --backend cbc asks for it.
# HREEPLAN_CBC_LIBRARY (honoured for tests: the one file to load) points at
# a missing file: that option is a usage error naming the library and its
# package, before any work; --version and GLPK runs never load it.
if "$HPBIN" --version 2>/dev/null | grep -q '^CBC [0-9]'; then
    export HREEPLAN_CBC_LIBRARY=/nonexistent/libCbcSolver.so.3
    bk_m="backends: libCbcSolver missing"
    expect "$bk_m: plan --backend cbc: exit 2" 2 plan instances/japan-2026-baseline.cfg \
        --backend cbc -o "$TMP/bk_missing.txt"
    check "$bk_m: plan: says which library and its package" grep -q \
        '^hreeplan: --backend cbc: libCbcSolver is not installed (apt-get install coinor-libcbc-dev): ' \
        "$TMP/err"
    check "$bk_m: plan: nothing on stdout, no file" test ! -s "$TMP/out" -a ! -e "$TMP/bk_missing.txt"
    expect "$bk_m: smps --backend cbc: exit 2" 2 smps tests/smps/farmer.cor tests/smps/farmer.tim \
        tests/smps/farmer.sto --backend cbc
    check "$bk_m: smps: says so" grep -q 'libCbcSolver is not installed' "$TMP/err"
    expect "$bk_m: --version: exit 0" 0 --version
    check "$bk_m: --version names the headers' CBC without loading it" grep -q \
        '^CBC [0-9.]* (CLP [0-9.]*), loaded on use from libCbcSolver' "$TMP/out"
    expect "$bk_m: a GLPK plan: exit 0" 0 plan instances/teach-risk.cfg
    unset HREEPLAN_CBC_LIBRARY
fi

if ! "$HPBIN" --version 2>/dev/null | grep -q '^CBC [0-9]'; then
    expect "backends: --version: exit 0" 0 --version
    check "backends: --version says CBC is not built" grep -q '^CBC not built' "$TMP/out"
    expect "backends: --backend cbc without CBC: exit 2" 2 plan instances/japan-2026-baseline.cfg \
        --backend cbc
    check "backends: --backend cbc without CBC: says so" grep -q "'cbc' is not built" "$TMP/err"
    check "backends: --backend cbc without CBC: nothing on stdout" test ! -s "$TMP/out"
    skip "backends: CBC parts" "hreeplan built without CBC"
elif ! command -v jq >/dev/null 2>&1; then
    skip "backends" "jq not installed"
else
    # bk_pair FILE OBJECTIVE: the plan with both backends agrees.
    bk_pair() {
        bk_n="backends $(basename "$1" .cfg) $2"
        for bk_b in glpk cbc; do
            if ! hp plan "$1" --objective "$2" --backend $bk_b --format json --no-timing \
                >"$TMP/bk.$bk_b.json" 2>"$TMP/err"; then
                bad "$bk_n: $bk_b" "$(head -c 300 "$TMP/err")"; return
            fi
        done
        bk_msg=""
        for bk_b in glpk cbc; do
            bk_s=$(jq -r '.status' "$TMP/bk.$bk_b.json")
            [ "$bk_s" = optimal ] || bk_msg="$bk_msg $bk_b status $bk_s;"
            bk_s=$(jq -r '.solver.backend' "$TMP/bk.$bk_b.json")
            [ "$bk_s" = "$bk_b" ] || bk_msg="$bk_msg solver.backend $bk_s, wanted $bk_b;"
        done
        for bk_k in cost.total risk.shortage risk.cvar risk.exposure; do
            bk_t=1e-6; [ "$bk_k" = cost.total ] && bk_t=1e-7
            bk_g=$(jq -r ".$bk_k" "$TMP/bk.glpk.json"); bk_c=$(jq -r ".$bk_k" "$TMP/bk.cbc.json")
            bk_close "$bk_g" "$bk_c" $bk_t || bk_msg="$bk_msg $bk_k glpk $bk_g cbc $bk_c;"
        done
        if [ -z "$bk_msg" ]; then
            ok "$bk_n: same plan (cost $(jq -r '.cost.total' "$TMP/bk.cbc.json"), $(jq -r \
                '.measure + " " + (.risk[.measure] | tostring)' "$TMP/bk.cbc.json"))"
        else
            bad "$bk_n" "$bk_msg"
        fi
    }
    case "${HP_VALGRIND:-}${HP_WRAP:-}" in
    *valgrind* | 1*) bk_list="instances/japan-2026-baseline.cfg" ;;
    *) bk_list="instances/japan-2026-baseline.cfg instances/scenarios/*.cfg" ;;
    esac
    for bk_f in $bk_list; do
        bk_pair "$bk_f" cost
        bk_pair "$bk_f" risk
    done

    # Regression, "an optimal MIP start reported infeasible": the front of
    # a MIP whose cost-minimal plan is also least-risk (each end's second
    # solve starts from an optimal incumbent) exited 3 under CBC.
    bk_f=tests/instances/reliability-mip.cfg
    for bk_b in glpk cbc; do
        expect "backends pareto $(basename $bk_f .cfg) $bk_b: exit 0" 0 pareto "$bk_f" --points 5 \
            --backend $bk_b --format json --no-timing
        jq -r '.points[] | "\(.cost) \(.risk) \(.status)"' "$TMP/out" >"$TMP/bk.$bk_b.front" 2>/dev/null
    done
    bk_msg=$(paste -d ' ' "$TMP/bk.glpk.front" "$TMP/bk.cbc.front" | awk '
        { n++; d = $1 - $4; if (d < 0) d = -d; m = $1 < 1 ? 1 : $1;
          e = $2 - $5; if (e < 0) e = -e; r = $2 < 1 ? 1 : $2;
          if (d > 1e-7 * m || e > 1e-6 * r || $3 != "optimal" || $6 != "optimal") print "point " n ": " $0 }
        END { if (n != 5) print n " points, wanted 5" }')
    if [ -z "$bk_msg" ]; then ok "backends pareto $(basename $bk_f .cfg): same front"
    else bad "backends pareto $(basename $bk_f .cfg): same front" "$bk_msg"; fi

    # A covering problem in lots: 12 contract suppliers whose lots (1.3 to
    # 7.4 t) must meet 16 quarterly demands with at most 2 t left in store.
    # 204 integer columns; CBC needs about 30 s to prove the optimum, GLPK
    # longer.  The optimum, 32,765,119 USD, is glpsol's on the exported
    # data (`glpsol -m models/hreeplan.mod`, about 100 s).
    cat >"$TMP/bk_lots.cfg" <<'EOF_CFG'
name = "lots"; start = "2026Q1"; quarters = 8;
products = (
  { id = "P0"; demand = [21.2, 14.4, 17.8, 18.8, 15.7, 12.8, 21.2, 27.2]; shortage_penalty = 5.0e6;
    holding_cost = 20000.0; storage_limit = 2.0; },
  { id = "P1"; demand = [27.9, 14.6, 10.0, 19.2, 13.5, 22.5, 28.8, 26.9]; shortage_penalty = 5.0e6;
    holding_cost = 20000.0; storage_limit = 2.0; }
);
suppliers = (
  { id = "s0"; region = "R0"; contract = { fixed_cost = 202832.0; lot = 1.3; };
    offers = ( { product = "P0"; price = 102.0; capacity = 30.0; }, { product = "P1"; price = 122.0; capacity = 30.0; } ); },
  { id = "s1"; region = "R1"; contract = { fixed_cost = 246608.0; lot = 2.5; };
    offers = ( { product = "P0"; price = 102.0; capacity = 30.0; }, { product = "P1"; price = 128.0; capacity = 30.0; } ); },
  { id = "s2"; region = "R2"; contract = { fixed_cost = 451474.0; lot = 2.2; };
    offers = ( { product = "P0"; price = 128.0; capacity = 30.0; }, { product = "P1"; price = 126.0; capacity = 30.0; } ); },
  { id = "s3"; region = "R3"; contract = { fixed_cost = 447510.0; lot = 2.7; };
    offers = ( { product = "P0"; price = 138.0; capacity = 30.0; }, { product = "P1"; price = 138.0; capacity = 30.0; } ); },
  { id = "s4"; region = "R4"; contract = { fixed_cost = 165423.0; lot = 1.9; };
    offers = ( { product = "P0"; price = 110.0; capacity = 30.0; }, { product = "P1"; price = 118.0; capacity = 30.0; } ); },
  { id = "s5"; region = "R0"; contract = { fixed_cost = 410300.0; lot = 3.4; };
    offers = ( { product = "P0"; price = 112.0; capacity = 30.0; }, { product = "P1"; price = 110.0; capacity = 30.0; } ); },
  { id = "s6"; region = "R1"; contract = { fixed_cost = 198996.0; lot = 1.3; };
    offers = ( { product = "P0"; price = 133.0; capacity = 30.0; }, { product = "P1"; price = 109.0; capacity = 30.0; } ); },
  { id = "s7"; region = "R2"; contract = { fixed_cost = 343678.0; lot = 7.4; };
    offers = ( { product = "P0"; price = 101.0; capacity = 30.0; }, { product = "P1"; price = 144.0; capacity = 30.0; } ); },
  { id = "s8"; region = "R3"; contract = { fixed_cost = 127887.0; lot = 7.3; };
    offers = ( { product = "P0"; price = 116.0; capacity = 30.0; }, { product = "P1"; price = 102.0; capacity = 30.0; } ); },
  { id = "s9"; region = "R4"; contract = { fixed_cost = 254568.0; lot = 4.3; };
    offers = ( { product = "P0"; price = 130.0; capacity = 30.0; }, { product = "P1"; price = 128.0; capacity = 30.0; } ); },
  { id = "s10"; region = "R0"; contract = { fixed_cost = 168638.0; lot = 3.1; };
    offers = ( { product = "P0"; price = 104.0; capacity = 30.0; }, { product = "P1"; price = 123.0; capacity = 30.0; } ); },
  { id = "s11"; region = "R1"; contract = { fixed_cost = 444771.0; lot = 1.5; };
    offers = ( { product = "P0"; price = 112.0; capacity = 30.0; }, { product = "P1"; price = 106.0; capacity = 30.0; } ); }
);
EOF_CFG
    bk_opt=32765119
    # bk_limited NAME MAXGAP: the report in $TMP/out is an honest limited
    # plan: cost >= the optimum >= its bound cost * (1 - gap), gap <= MAXGAP.
    bk_limited() {
        bk_c=$(jq -r '.cost.total' "$TMP/out"); bk_g=$(jq -r '.gap' "$TMP/out")
        if bk_awk "$bk_c >= $bk_opt * (1 - 1e-9) && $bk_g > 0 && $bk_g <= $2 &&
                   $bk_c * (1 - $bk_g) <= $bk_opt * (1 + 1e-9)"; then
            ok "$1: cost $bk_c, gap $bk_g, bound at most the optimum $bk_opt"
        else
            bad "$1" "cost $bk_c gap $bk_g (optimum $bk_opt, gap at most $2)"
        fi
    }
    bk_t0=$(date +%s)
    hp plan "$TMP/bk_lots.cfg" --backend cbc --time-limit 1 --format json --no-timing \
        >"$TMP/out" 2>"$TMP/err"; bk_rc=$?
    bk_t=$(( $(date +%s) - bk_t0 ))
    case "$bk_rc:$(jq -r '.status' "$TMP/out" 2>/dev/null)" in
    0:time_limit) bk_limited "backends: cbc --time-limit 1: status time_limit" 1 ;;
    4:*) # no plan within the second (seen under valgrind only)
        check "backends: cbc --time-limit 1: stopped without a plan, says why" \
            grep -q "stopped (time_limit) without a feasible plan" "$TMP/err" ;;
    *) bad "backends: cbc --time-limit 1" "exit $bk_rc, status $(jq -r '.status' "$TMP/out" 2>/dev/null), wanted 0 and time_limit: $(head -c 300 "$TMP/err")" ;;
    esac
    case "${HP_VALGRIND:-}${HP_WRAP:-}" in
    *valgrind* | 1*) ;;
    *) # elapsed, not CPU, seconds: generous for a loaded machine
       check "backends: cbc --time-limit 1: stops within 6 s of wall time (took $bk_t s)" \
           test "$bk_t" -le 6
       expect "backends: cbc --mip-gap 0.2: exit 0" 0 plan "$TMP/bk_lots.cfg" --backend cbc \
           --mip-gap 0.2 --time-limit 60 --format json --no-timing
       check "backends: cbc --mip-gap 0.2: status gap_limit" \
           test "$(jq -r '.status' "$TMP/out")" = gap_limit
       bk_limited "backends: cbc --mip-gap 0.2: gap within 0.2" 0.2 ;;
    esac
fi
