# CLI tests of `--method lshaped` (the L-shaped method, models/decompose.h)
# against `--method extensive` on the same instance: costs agree to the
# method's tolerance (1e-6), the optimised risk to 1e-5; the other risk
# measures of a plan on sampled scenarios agree only to what the optimum pins
# down (plans within 1e-9 of the least cost differ in exposure by up to
# 1e-3), hence 1e-3 there.  Sourced by tests/cli/run.sh.

# The L-shaped method solves the two-stage model (docs/model.md, "Information:
# the scenario tree"): where scenarios share their first quarters the
# default tree binds and lshaped is refused (tests/cli/t_tree.sh).  What is
# checked here is the decomposition against the extensive form of the same
# two-stage model, so every run of this file says --information two-stage.
hp() { ls_c=$1; shift; ${HP_WRAP:-} "$HPBIN" "$ls_c" --information two-stage "$@"; }

# rel_close A B TOL: |A - B| <= TOL * max(1, |B|)
rel_close() {
    awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; s = b < 0 ? -b : b;
        if (s < 1) s = 1; exit !(a != "" && b != "" && d <= t * s) }'
}

# ls_compare NAME OTHER_TOL RISK_KEY ARGS...: plans with both methods and
# compares cost (1e-6), RISK_KEY (1e-5; "-" for none) and the other risk
# measures (OTHER_TOL).
ls_compare() {
    n=$1; otol=$2; rkey=$3; shift 3
    # an instance the extensive form cannot solve to optimality within 5 s
    # (tests/instances/hard-mip.cfg) has no optimum to compare with
    hp plan "$@" --method extensive --time-limit 5 --format json >"$TMP/ex.json" 2>"$TMP/ex.err"; rc2=$?
    if [ "$rc2" -eq 0 ] && [ "$(jq -r .status "$TMP/ex.json")" != optimal ] || [ "$rc2" -eq 4 ]; then
        ok "$n (skipped: no optimum within 5 s)"
        return
    fi
    hp plan "$@" --method lshaped --time-limit 60 --format json >"$TMP/ls.json" 2>"$TMP/ls.err"; rc1=$?
    if [ "$rc1" -ne 0 ] || [ "$rc2" -ne 0 ]; then
        bad "$n" "exit $rc1 / $rc2: $(head -c 300 "$TMP/ls.err")"
        return
    fi
    why=""
    a=$(jq -r .cost.total "$TMP/ls.json"); b=$(jq -r .cost.total "$TMP/ex.json")
    rel_close "$a" "$b" 1e-6 || why="$why cost $a vs $b;"
    for k in shortage cvar exposure; do
        t=$otol
        [ "$k" = "$rkey" ] && t=1e-5
        a=$(jq -r ".risk.$k" "$TMP/ls.json"); b=$(jq -r ".risk.$k" "$TMP/ex.json")
        rel_close "$a" "$b" "$t" || why="$why $k $a vs $b;"
    done
    grep -q "L-shaped" "$TMP/ls.err" || why="$why no L-shaped summary on stderr;"
    if [ -z "$why" ]; then ok "$n"; else bad "$n" "$why"; fi
}

# The options exist only once the plan pipeline is wired to the method.
hp plan tests/instances/cvar.cfg --method lshaped >"$TMP/out" 2>"$TMP/err"
if [ $? -eq 2 ] && grep -q -e "unexpected argument" -e "unknown option" "$TMP/err"; then
    echo "skip lshaped: --method is not wired into this build"
else

# under valgrind (20-50x slower) a sample of the mechanisms: an LP with
# lead times, a MIP with lots, CVaR
LS_INSTANCES=tests/instances/*.cfg
[ -n "${HP_VALGRIND:-}${HP_SAN:-}" ] && LS_INSTANCES="tests/instances/lead_time.cfg tests/instances/lot.cfg tests/instances/cvar.cfg"
for f in $LS_INSTANCES; do
    case $f in *infeasible* | *hard-mip*) continue ;; esac
    b=$(basename "$f" .cfg)
    ls_compare "lshaped $b cost" 1e-5 - "$f"
    for m in shortage cvar exposure; do
        ls_compare "lshaped $b risk $m" 1e-5 "$m" "$f" --objective risk --measure "$m"
    done
done

B=instances/japan-2026-baseline.cfg
ls_compare "lshaped baseline SAA 50 cost" 1e-3 - "$B" --sample-scenarios 50 --seed 3
[ -z "${HP_VALGRIND:-}" ] &&
    ls_compare "lshaped baseline SAA 200 cost" 1e-3 - "$B" --sample-scenarios 200 --seed 3
for m in shortage cvar exposure; do
    ls_compare "lshaped baseline SAA 50 risk $m" 1e-3 "$m" "$B" --sample-scenarios 50 --seed 3 \
        --objective risk --measure "$m"
done

# one and two threads: the same report, byte for byte
expect "lshaped threads 1" 0 plan "$B" --sample-scenarios 200 --seed 3 --method lshaped \
    --threads 1 --format json --no-timing
cp "$TMP/out" "$TMP/t1.json"
expect "lshaped threads 2" 0 plan "$B" --sample-scenarios 200 --seed 3 --method lshaped \
    --threads 2 --format json --no-timing
check "lshaped threads 1 = 2" same_but_run "$TMP/t1.json" "$TMP/out"
check "lshaped threads: the run record says 1 and 2" \
    test "$(jq .run.threads "$TMP/t1.json"),$(jq .run.threads "$TMP/out")" = "1,2"
expect "lshaped threads 2 risk" 0 plan "$B" --sample-scenarios 100 --seed 3 --method lshaped \
    --threads 2 --objective risk --format json --no-timing
cp "$TMP/out" "$TMP/t2.json"
expect "lshaped threads 1 risk" 0 plan "$B" --sample-scenarios 100 --seed 3 --method lshaped \
    --threads 1 --objective risk --format json --no-timing
check "lshaped threads 1 = 2 risk" same_but_run "$TMP/t2.json" "$TMP/out"

# cut groups change the path, not the optimum
expect "lshaped single cut" 0 plan "$B" --sample-scenarios 100 --seed 3 --method lshaped \
    --cut-groups 1 --format json
a=$(jq -r .cost.total "$TMP/out")
expect "lshaped multi-cut" 0 plan "$B" --sample-scenarios 100 --seed 3 --method lshaped \
    --cut-groups 100000 --format json
b=$(jq -r .cost.total "$TMP/out")
check "lshaped cut groups agree" rel_close "$a" "$b" 1e-6
expect "lshaped tight tolerance" 0 plan "$B" --sample-scenarios 100 --seed 3 --method lshaped \
    --tolerance 1e-9 --format json
c=$(jq -r .cost.total "$TMP/out")
check "lshaped tolerance 1e-9 agrees" rel_close "$c" "$b" 1e-6

# auto: the extensive form for a handful of scenarios, L-shaped for many
expect "auto few scenarios" 0 plan "$B" --method auto
check "auto few scenarios is extensive" sh -c "! grep -q L-shaped '$TMP/err'"
expect "auto many scenarios" 0 plan "$B" --sample-scenarios 100 --method auto
check "auto many scenarios is lshaped" grep -q L-shaped "$TMP/err"

# no plan: storage limits below the stock (exit 3, the conflict named)
expect "lshaped infeasible" 3 plan tests/instances/infeasible-storage.cfg --method lshaped
check "lshaped infeasible names storage" grep -qi storage "$TMP/err"

# bad option values
expect "method unknown" 2 plan "$B" --method benders
expect "tolerance negative" 2 plan "$B" --method lshaped --tolerance -1
expect "cut groups zero" 2 plan "$B" --method lshaped --cut-groups 0
expect "threads negative" 2 plan "$B" --method lshaped --threads -2

fi

# pareto --method lshaped: the decomposed front has the extensive sweep's
# points and the same knee, on the cost axis (cost to 1e-6, risk to 1e-5)
# and on the spend axis (spend and risk to 1e-5: each end is two
# lexicographic levels, each solved to the method's 1e-6 gap), where the
# expected-cost plan is marked alike
for lsp_f in tests/instances/pareto-kink.cfg tests/instances/cvar.cfg tests/instances/spot_prices.cfg; do
    for lsp_ax in cost spend; do
        lsp_n="lshaped pareto $(basename "$lsp_f" .cfg) --axis $lsp_ax"
        lsp_k=cost; lsp_t=1e-6
        [ $lsp_ax = spend ] && lsp_k=spend && lsp_t=1e-5
        expect "$lsp_n" 0 pareto "$lsp_f" --axis $lsp_ax --method lshaped --format json
        cp "$TMP/out" "$TMP/pl.json"
        expect "$lsp_n: extensive" 0 pareto "$lsp_f" --axis $lsp_ax --method extensive --format json
        lsp_ok=1
        n=$(jq '.points | length' "$TMP/out")
        [ "$n" = "$(jq '.points | length' "$TMP/pl.json")" ] || lsp_ok=0
        k=0
        while [ "$k" -lt "$n" ]; do
            rel_close "$(jq -r ".points[$k].$lsp_k" "$TMP/pl.json")" "$(jq -r ".points[$k].$lsp_k" "$TMP/out")" $lsp_t || lsp_ok=0
            rel_close "$(jq -r ".points[$k].risk" "$TMP/pl.json")" "$(jq -r ".points[$k].risk" "$TMP/out")" 1e-5 || lsp_ok=0
            [ "$(jq -r ".points[$k].knee" "$TMP/pl.json")" = "$(jq -r ".points[$k].knee" "$TMP/out")" ] || lsp_ok=0
            k=$((k + 1))
        done
        for lsp_e in spend risk; do
            lsp_a=$(jq -r ".expected_cost_plan.$lsp_e // \"none\"" "$TMP/pl.json")
            lsp_b=$(jq -r ".expected_cost_plan.$lsp_e // \"none\"" "$TMP/out")
            [ "$lsp_a" = "$lsp_b" ] || rel_close "$lsp_a" "$lsp_b" 1e-6 || lsp_ok=0
        done
        check "$lsp_n = extensive ($n points)" test "$lsp_ok" -eq 1
    done
done

# back to the plain runner for the files sourced after this one
hp() { ${HP_WRAP:-} "$HPBIN" "$@"; }
