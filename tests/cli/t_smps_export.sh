# CLI tests of `hreeplan export FILE --smps PREFIX` (models/formulation/
# export_smps.c): the sourcing model written as a two-stage SMPS problem.
# The figure compared is the plan's expected cost: `smps` on the files,
# with --method extensive and --method lshaped, must give what `plan`
# (the two-stage information structure) gives on the same instance, to
# 1e-6 relative.  Two paths that share no solve: plan builds the extensive
# model (or the decomposition) from the instance; smps reads the text back
# through the SMPS reader and builds its own.  Figures by hand:
# tests/smps/sourcing-spot.cfg (its header: 3,000,000, only by the
# extensive form since its spot prices are random recourse costs) and the
# core of tests/instances/pareto-kink.cfg, scenario "ok" alone (CN
# delivers: 10 t at 100 USD/kg, 1,000,000), solved by glpsol.  Sourced by
# run.sh.

SX=$TMP/smpsx
mkdir -p "$SX"

# plan --information two-stage once the option exists (SMPS two-stage
# cannot express the scenario tree); plain plan before that.
SX_INFO=
hp plan tests/instances/cvar.cfg --information two-stage >/dev/null 2>&1 && SX_INFO="--information two-stage"

jqx() { jq -e "$@" >/dev/null 2>&1; }
sx_rel() {
    awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; s = b < 0 ? -b : b;
        if (s < 1) s = 1; exit !(a != "" && a != "null" && b != "" && b != "null" && d <= t * s) }'
}

# sx_same NAME METHODS FILE ARGS...: export FILE ARGS --smps, plan FILE
# ARGS, and smps by each of METHODS ("extensive lshaped") gives the plan's
# expected cost.
sx_same() {
    n=$1; methods=$2; f=$3; shift 3
    pre=$SX/$(basename "$f" .cfg)
    if ! hp export "$f" "$@" --smps "$pre" >/dev/null 2>"$TMP/sx.err"; then
        bad "$n" "export failed: $(head -c 300 "$TMP/sx.err")"
        return
    fi
    # shellcheck disable=SC2086
    want=$(hp plan "$f" "$@" $SX_INFO --format json 2>/dev/null | jq -r .cost.total)
    for m in $methods; do
        got=$(hp smps "$pre.cor" "$pre.tim" "$pre.sto" --method "$m" --format json 2>"$TMP/sx.err" |
            jq -r .objective)
        if sx_rel "$got" "$want" 1e-6; then
            ok "$n ($m: $got)"
        else
            bad "$n ($m)" "smps $got, plan $want: $(head -c 300 "$TMP/sx.err")"
        fi
    done
}

expect "export --smps: --help names it" 0 export --help
check "export --help: --smps" grep -q -- "--smps PREFIX" "$TMP/out"

# every test instance with more than one scenario, by both methods
SX_LIST="cvar exposure exposure-shortage pareto-kink price_factor reliability-lp reliability-mip
    reserve shortage spend-kink two_products"
[ -n "${HP_VALGRIND:-}${HP_SAN:-}" ] && SX_LIST="cvar price_factor reserve reliability-mip"
for b in $SX_LIST; do
    sx_same "export --smps $b" "extensive lshaped" "tests/instances/$b.cfg"
done
# the baseline, two scenario variants and a sample of the baseline
B=instances/japan-2026-baseline.cfg
sx_same "export --smps baseline" "extensive lshaped" "$B"
if [ -z "${HP_VALGRIND:-}" ]; then
    sx_same "export --smps 02-china-stop" "extensive lshaped" instances/scenarios/02-china-stop.cfg
    sx_same "export --smps 04-lynas-contention" "extensive lshaped" \
        instances/scenarios/04-lynas-contention.cfg
    sx_same "export --smps baseline SAA 60" "extensive lshaped" "$B" --sample-scenarios 60 --seed 3
fi
expect "export --smps baseline: the caveat on stderr" 0 export "$B" --smps "$SX/base"
check "export --smps: says two-stage" grep -q "two-stage model" "$TMP/err"
check "export --smps: three files" test -s "$SX/base.cor" -a -s "$SX/base.tim" -a -s "$SX/base.sto"
check "export --smps: SCENARIOS DISCRETE, 8 scenarios" \
    test "$(grep -c '^ SC ' "$SX/base.sto"),$(grep -c '^SCENARIOS DISCRETE' "$SX/base.sto")" = "8,1"
check "export --smps: no temporary file left" test -z "$(ls "$SX" | grep '\.tmp\.')"
expect "export --smps again" 0 export "$B" --smps "$SX/base2"
check "export --smps is deterministic" \
    sh -c "cmp -s '$SX/base.cor' '$SX/base2.cor' && cmp -s '$SX/base.sto' '$SX/base2.sto'"

# scenario spot prices: random recourse costs; the hand optimum 3,000,000
sx_same "export --smps sourcing-spot" "extensive" tests/smps/sourcing-spot.cfg
expect "export --smps sourcing-spot: smps" 0 smps "$SX/sourcing-spot.cor" "$SX/sourcing-spot.tim" \
    "$SX/sourcing-spot.sto" --format json
check "export --smps sourcing-spot: 3,000,000 at x = 10 (hand)" \
    jqx '.objective == 3000000 and .first_stage["x[cn,Dy2O3,2026Q1]"] == 10' "$TMP/out"
check "export --smps sourcing-spot: the squeeze's spot cost in the .sto" \
    grep -q "^ y\[mean,Dy2O3,2026Q1\] TOTAL 600000$" "$SX/sourcing-spot.sto"

# the risk objective: cvar.cfg's least CVaR(0.9) of the shortage is 10 (its
# header: xb = 10, Z = (10, 10))
expect "export --smps --objective risk" 0 export tests/instances/cvar.cfg --objective risk \
    --smps "$SX/cvr"
for m in extensive lshaped; do
    expect "export --smps risk: smps $m" 0 smps "$SX/cvr.cor" "$SX/cvr.tim" "$SX/cvr.sto" \
        --method $m --format json
    check "export --smps risk: least CVaR 10 ($m, hand)" sx_rel "$(jq -r .objective "$TMP/out")" 10 1e-6
done

# the core alone is scenario 1 as an MPS file
if command -v glpsol >/dev/null 2>&1; then
    # (the export loop above skips pareto-kink under valgrind and sanitizers)
    hp export tests/instances/pareto-kink.cfg --smps "$SX/pareto-kink" >/dev/null 2>&1
    glpsol --freemps "$SX/pareto-kink.cor" >"$TMP/sx.glp" 2>&1
    check "export --smps: glpsol solves the core, scenario ok, to 1,000,000 (hand)" \
        awk '/obj =/ { o = $5 } END { exit !(o == 1000000) }' "$TMP/sx.glp"
    glpsol --freemps "$SX/base.cor" >"$TMP/sx.glp" 2>&1
    check "export --smps: glpsol solves the baseline core" grep -q "OPTIMAL" "$TMP/sx.glp"
else
    skip "export --smps: glpsol" "glpsol not installed"
fi

# bad cases: nothing written
expect "export --smps to a missing directory" 1 export "$B" --smps "$SX/no/such/x"
check "export --smps failure leaves no file" test ! -e "$SX/no/such/x.cor"
expect "export --smps without a prefix" 2 export "$B" --smps
cp tests/instances/cvar.cfg "$SX/in.cor"
expect "export --smps onto the input refused" 2 export "$SX/in.cor" --smps "$SX/in"
check "export --smps onto the input: says so" grep -q "is the input" "$TMP/err"
check "export --smps onto the input: input intact" cmp -s tests/instances/cvar.cfg "$SX/in.cor"
check "export --smps onto the input: nothing written" test ! -e "$SX/in.tim" -a ! -e "$SX/in.sto"
expect "export --smps and --mps on one file refused" 2 export "$B" --smps "$SX/dup" \
    --mps "$SX/dup.cor"
expect "export --smps of a command it does not belong to" 2 plan "$B" --smps "$SX/p"
# an instance with no feasible plan is written; smps says it is infeasible
expect "export --smps infeasible-storage" 0 export tests/instances/infeasible-storage.cfg \
    --smps "$SX/inf"
expect "export --smps infeasible-storage: smps exit 3" 3 smps "$SX/inf.cor" "$SX/inf.tim" "$SX/inf.sto"
# Ctrl-C while the files are built and written (10,000 sampled scenarios,
# about 0.4 s): exit 1, none of the three files, no temporary
if [ -z "${HP_VALGRIND:-}${HP_SAN:-}" ]; then
    "$HPBIN" export "$B" --sample-scenarios 10000 --smps "$SX/int" >/dev/null 2>"$TMP/err" &
    sx_pid=$!
    sleep 0.12
    kill -INT "$sx_pid" 2>/dev/null
    wait "$sx_pid"
    sx_rc=$?
    if [ "$sx_rc" = 0 ]; then
        skip "export --smps after Ctrl-C" "finished before the interrupt"
    else
        check "export --smps after Ctrl-C: exit 1 (got $sx_rc)" test "$sx_rc" = 1
        check "export --smps after Ctrl-C: no file, no temporary" test -z "$(ls "$SX" | grep '^int\.')"
        check "export --smps after Ctrl-C: says so" grep -q "interrupted; nothing written" "$TMP/err"
    fi
else
    skip "export --smps after Ctrl-C" "timing-dependent: not under valgrind or sanitizers"
fi
