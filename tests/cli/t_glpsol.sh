# Cross-check against the MathProg reference model (sourced by run.sh).
#
# models/hreeplan.mod was written from MODEL.md independently of the C
# formulation.  For every instance we export the data section, solve the
# .mod with glpsol and require that `plan` agrees to 1e-7 relative:
#   cost plan:  cost.total = glpsol min COST;
#   risk plan:  r = glpsol min RISK, cap = r + max(1e-6 |r|, 1e-9) (the
#               tolerance of MODEL.md's lexicographic second solve, as in
#               hp_cli_solve_plan); cost.total = glpsol min COST s.t.
#               RISK <= cap, and risk.<measure> lies in [r, cap] (to 1e-7).
# An instance that `plan` finds infeasible (exit 3) must be infeasible for
# glpsol too.  Every check runs with GLPK and, when hreeplan is built with
# it, with CBC/CLP (`--backend cbc`, the same reference and tolerances).
# Under valgrind only tests/instances/ is checked (time).  Instances named
# hard-*.cfg (MIPs made to hit solver limits) are skipped.

gs_close() { # gs_close A B: |A - B| <= 1e-7 * max(1, |A|, |B|)
    awk -v a="$1" -v b="$2" 'BEGIN {
        if (a == "" || b == "" || a == "null" || b == "null") exit 1;
        d = a - b; if (d < 0) d = -d; if (a < 0) a = -a; if (b < 0) b = -b;
        m = 1; if (a > m) m = a; if (b > m) m = b;
        exit !(d <= 1e-7 * m) }'
}
gs_within() { # gs_within V LO HI: LO <= V <= HI, to 1e-7 * max(1, |V|)
    awk -v v="$1" -v lo="$2" -v hi="$3" 'BEGIN {
        if (v == "" || v == "null" || lo == "" || hi == "") exit 1;
        m = v < 0 ? -v : v; if (m < 1) m = 1;
        exit !(v >= lo - 1e-7 * m && v <= hi + 1e-7 * m) }'
}
gs_val() { sed -n "s/^$1 //p" "$2" | head -n 1; }

# gs_glpsol OUT DATA...: solves the .mod; OUT gets glpsol's output.
gs_glpsol() {
    gs_o=$1; shift
    gs_args=""
    for gs_d in "$@"; do gs_args="$gs_args -d $gs_d"; done
    # shellcheck disable=SC2086
    glpsol -m models/hreeplan.mod $gs_args >"$gs_o" 2>&1
}
gs_infeasible() { grep -q "NO PRIMAL FEASIBLE\|NO INTEGER FEASIBLE\|NO FEASIBLE" "$1"; }

# Backends: GLPK always, CBC/CLP too when `hreeplan --version` shows it is
# built; both are held to the same glpsol reference.  Under valgrind CBC
# runs on three small instances only (an LP, a MIP, a CVaR risk plan).
gs_cbc=0
"$HPBIN" --version 2>/dev/null | grep -q '^CBC [0-9]' && gs_cbc=1
gs_backends() { # gs_backends FILE: the backends that plan FILE
    printf glpk
    [ "$gs_cbc" = 1 ] || return 0
    case "${HP_VALGRIND:-}${HP_WRAP:-}" in
    *valgrind* | 1*)
        case "$1" in */lead_time.cfg | */fixed_cost.cfg | */cvar.cfg) printf ' cbc' ;; esac ;;
    *) printf ' cbc' ;;
    esac
}

# gs_case FILE [OPTIONS...]: both objectives for one instance, with every
# backend of gs_backends; OPTIONS (--measure, --alpha, --sample-scenarios,
# --seed) go to export and plan.
gs_case() {
    gs_f=$1; shift; gs_n0="glpsol $(basename "$gs_f" .cfg)${*:+ $*}"
    if ! hp export "$gs_f" "$@" --mathprog-data "$TMP/gs.dat" >"$TMP/out" 2>"$TMP/err"; then
        bad "$gs_n0: export" "$(head -c 300 "$TMP/err")"; return
    fi
    gs_glpsol "$TMP/gs.cost" "$TMP/gs.dat"
    if [ "$(gs_val NX "$TMP/gs.cost")" = "0" ]; then
        skip "$gs_n0" "the instance has no shipment columns"; return
    fi
    gs_r="" # the risk references, solved when first needed
    for gs_be in $(gs_backends "$gs_f"); do
        if [ "$gs_be" = glpk ]; then gs_n=$gs_n0; gs_bo=""
        else gs_n="$gs_n0 [$gs_be]"; gs_bo="--backend $gs_be"; fi
        gs_plan "$@"
    done
}

# gs_plan [OPTIONS...]: plans $gs_f with $gs_bo and compares with glpsol.
gs_plan() {
    # shellcheck disable=SC2086
    hp plan "$gs_f" "$@" $gs_bo --format json --no-timing >"$TMP/gs.json" 2>"$TMP/err"; gs_rc=$?
    if [ "$gs_rc" -eq 3 ]; then
        if gs_infeasible "$TMP/gs.cost"; then ok "$gs_n: infeasible for both"
        else bad "$gs_n" "plan exit 3, glpsol OBJ $(gs_val OBJ "$TMP/gs.cost")"; fi
        return
    fi
    if [ "$gs_rc" -ne 0 ]; then bad "$gs_n: plan" "exit $gs_rc: $(head -c 300 "$TMP/err")"; return; fi
    gs_a=$(jq -r '.cost.total' "$TMP/gs.json"); gs_b=$(gs_val OBJ "$TMP/gs.cost")
    if gs_close "$gs_a" "$gs_b"; then ok "$gs_n: cost plan, cost $gs_a"
    else bad "$gs_n: cost plan" "hreeplan cost.total $gs_a, glpsol $gs_b"; fi

    # Risk-minimal: least risk, then the cheapest plan within the tolerance.
    gs_m=$(jq -r '.measure' "$TMP/gs.json")
    if [ -z "$gs_r" ]; then
        printf "data;\nparam obj := 'risk';\nend;\n" >"$TMP/gs.risk.dat"
        gs_glpsol "$TMP/gs.risk" "$TMP/gs.dat" "$TMP/gs.risk.dat"
        gs_r=$(gs_val OBJ "$TMP/gs.risk")
        if [ -z "$gs_r" ]; then bad "$gs_n: risk plan" "glpsol gave no risk: $(tail -n 3 "$TMP/gs.risk")"; return; fi
        gs_cap=$(awk -v r="$gs_r" 'BEGIN { t = r < 0 ? -r : r; t *= 1e-6; if (t < 1e-9) t = 1e-9;
            printf "%.17g", r + t }')
        printf "data;\nparam obj := 'cost';\nparam riskcap := %s;\nend;\n" "$gs_cap" >"$TMP/gs.lex.dat"
        gs_glpsol "$TMP/gs.lex" "$TMP/gs.dat" "$TMP/gs.lex.dat"
    fi
    # shellcheck disable=SC2086
    if ! hp plan "$gs_f" "$@" $gs_bo --objective risk --format json --no-timing >"$TMP/gs.json" 2>"$TMP/err"; then
        bad "$gs_n: risk plan" "$(head -c 300 "$TMP/err")"; return
    fi
    gs_a=$(jq -r ".risk.$gs_m" "$TMP/gs.json")
    gs_c=$(jq -r '.cost.total' "$TMP/gs.json"); gs_d=$(gs_val OBJ "$TMP/gs.lex")
    if gs_within "$gs_a" "$gs_r" "$gs_cap" && gs_close "$gs_c" "$gs_d"; then
        ok "$gs_n: risk plan ($gs_m), risk $gs_a, cost $gs_c"
    else
        bad "$gs_n: risk plan ($gs_m)" "hreeplan risk $gs_a cost $gs_c, glpsol risk $gs_r cost $gs_d"
    fi
}

if ! command -v glpsol >/dev/null 2>&1 || ! command -v jq >/dev/null 2>&1; then
    skip "glpsol" "glpsol or jq not installed"
else
    case "${HP_VALGRIND:-}${HP_WRAP:-}" in
    *valgrind* | 1*) gs_list="tests/instances/*.cfg" ;;
    *) gs_list="tests/instances/*.cfg tests/valid/*.cfg instances/*.cfg instances/scenarios/*.cfg" ;;
    esac
    for gs_i in $gs_list; do
        case $gs_i in
        */hard-*.cfg) # made to hit solver limits: minutes to prove optimal
            skip "glpsol $(basename "$gs_i" .cfg)" "a deliberately hard MIP, minutes to prove optimal"; continue ;;
        esac
        [ -f "$gs_i" ] && gs_case "$gs_i"
    done
    # Infeasible for both: 30 t arrive in Q1 for a demand of 10 and a store
    # of 15, so ending stock 20 > 15 in every plan.
    cat >"$TMP/gs_overflow.cfg" <<'EOF_CFG'
name = "overflow"; start = "2026Q1"; quarters = 2;
products = ( { id = "Dy2O3"; demand = 10.0; shortage_penalty = 1.0e6;
               in_transit = [30.0]; storage_limit = 15.0; } );
suppliers = ( { id = "cn"; region = "CN";
                offers = ( { product = "Dy2O3"; price = 100.0; capacity = 20.0; } ); } );
EOF_CFG
    gs_case "$TMP/gs_overflow.cfg"
    cat >"$TMP/gs_all.cfg" <<'EOF_CFG'
# Every mechanism at once (contracts with fixed cost, minimum order and lots,
# max_contracts, ramp, lead times, in-transit, storage, safety stock, spot
# with and without a limit, quotas on product subsets, share caps per
# quarter and over the horizon, region and supplier events), so that their
# interactions are checked against models/hreeplan.mod too.
name = "all mechanisms"; start = "2026Q3"; quarters = 6;
risk = { measure = "cvar"; alpha = 0.8; };
max_contracts = 2;
products = (
  { id = "Dy2O3"; demand = [30.0, 30.0, 32.0, 32.0, 34.0, 34.0]; shortage_penalty = 2.0e6;
    initial_inventory = 20.0; in_transit = [5.0, 2.0]; holding_cost = 8000.0;
    storage_limit = 60.0; safety_stock = 10.0; safety_penalty = 50000.0;
    spot = { price = 1200.0; limit = 3.0; }; },
  { id = "Tb4O7"; demand = 6.0; shortage_penalty = 9.0e6; initial_inventory = 4.0;
    holding_cost = 30000.0; criticality = 4.0; safety_stock = [2.0, 2.0, 2.0, 3.0, 3.0, 3.0];
    safety_penalty = 2.0e5; spot = { price = 4000.0; }; }
);
suppliers = (
  { id = "cn"; region = "CN"; lead_time = 1;
    offers = ( { product = "Dy2O3"; price = 300.0; capacity = 40.0; },
               { product = "Tb4O7"; price = 1100.0; capacity = 8.0; } ); },
  { id = "my"; region = "MY"; contract = { fixed_cost = 4.0e6; min_order = 5.0; };
    offers = ( { product = "Dy2O3"; price = 800.0; nameplate = 24.0; share = 0.5;
                 ramp = { start = "2026Q2"; full = "2027Q1"; }; },
               { product = "Tb4O7"; price = 3100.0; capacity = 3.0; } ); },
  { id = "fr"; region = "FR"; lead_time = 2; contract = { fixed_cost = 0.5e6; lot = 2.5; };
    offers = ( { product = "Dy2O3"; price = 500.0; capacity = [0.0, 0.0, 10.0, 10.0, 15.0, 15.0]; },
               { product = "Tb4O7"; price = 3000.0; capacity = 2.0; } ); },
  { id = "us"; region = "US"; contract = { fixed_cost = 1.0e6; min_order = 2.0; lot = 1.0; };
    offers = ( { product = "Dy2O3"; price = 850.0; capacity = 6.0; } ); }
);
restrictions = (
  { type = "quota"; name = "cn licence Dy"; region = "CN"; products = ["Dy2O3"];
    limit = [10.0, 15.0, 20.0, 25.0, 25.0, 25.0]; },
  { type = "quota"; region = "CN"; products = ["Tb4O7"]; limit = 3.0; },
  { type = "share"; name = "cn at most 60 %"; region = "CN"; max_share = 0.6; scope = "horizon"; },
  { type = "share"; region = "MY"; products = ["Tb4O7"]; max_share = 0.8; }
);
scenarios = (
  { name = "calm"; probability = 0.5; },
  { name = "cn-cut"; probability = 0.3;
    events = ( { region = "CN"; from = "2026Q4"; to = "2027Q2"; factor = 0.2; } ); },
  { name = "fr-late"; probability = 0.2;
    events = ( { supplier = "fr"; to = "2027Q1"; factor = 0.0; },
               { region = "CN"; from = "2027Q3"; factor = 0.5; } ); }
);
EOF_CFG
    gs_case "$TMP/gs_all.cfg"
    # The other measures, another CVaR level and sampled scenarios (the
    # export writes the instance's current scenarios) on the baseline.
    gs_base=instances/japan-2026-baseline.cfg
    case "${HP_VALGRIND:-}${HP_WRAP:-}" in
    *valgrind* | 1*) ;;
    *) gs_case "$TMP/gs_all.cfg" --measure shortage
       gs_case "$TMP/gs_all.cfg" --measure exposure
       if [ -f "$gs_base" ]; then
           gs_case "$gs_base" --measure shortage
           gs_case "$gs_base" --measure exposure
           gs_case "$gs_base" --measure cvar --alpha 0.75
           gs_case "$gs_base" --sample-scenarios 40 --seed 7
       fi ;;
    esac
fi
