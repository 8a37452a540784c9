# Outputs that lied or destroyed (issue 13, second round of hostile input),
# sourced by tests/cli/run.sh.  Each check is named after what it found.
# Small instances only; the two timing checks (signals against a running
# solve) skip under valgrind.
#  - tests/instances/quota.cfg is worked by hand in its header: the optimum
#    costs 1,400,000 USD (cn ships 4 and 8 t, my 6 and 2 t; CN is limited to
#    4 t in Q1 and 8 t in Q2, both suppliers to 20 t a quarter).
ol=$TMP/outputs-lie
mkdir -p "$ol"
ol_quota=tests/instances/quota.cfg
ol_base=instances/japan-2026-baseline.cfg
ol_slow=1
[ -n "${HP_VALGRIND:-}" ] && ol_slow=0
ol_jq() { jq -r "$1" "$2" 2>/dev/null; }
# ol_only DIR NAME...: DIR holds exactly NAME... (no report, no temporary)
ol_only() { ol_d=$1; shift; test "$(ls -A "$ol_d" | tr '\n' ' ')" = "$(for ol_n in "$@"; do echo "$ol_n"; done | sort | tr '\n' ' ')"; }
# ol_ge A B: A >= B (numbers)
ol_ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a != "" && b != "" && a + 0 >= b + 0) }'; }

# ---- lshaped_tolerance_reports_optimal ------------------------------------
# --tolerance 1 stops at the first plan evaluated: upper 2e7 (every tonne
# short) against lower 0.  It was printed "optimal", gap 0.0.  The status
# must say gap_limit and the gap must cover the distance to the optimum
# 1,400,000 worked out by hand: (cost - 1.4e6) / cost <= gap.
expect "lshaped_tolerance_reports_optimal: json" 0 plan "$ol_quota" --method lshaped --tolerance 1 --format json --no-timing -o "$ol/tol.json"
check "lshaped_tolerance_reports_optimal: status gap_limit" test "$(ol_jq .status "$ol/tol.json")" = gap_limit
check "lshaped_tolerance_reports_optimal: the gap covers the distance to the optimum" \
    ol_ge "$(ol_jq .gap "$ol/tol.json")" "$(awk -v c="$(ol_jq .cost.total "$ol/tol.json")" 'BEGIN { print (c - 1400000) / c }')"
check "lshaped_tolerance_reports_optimal: the gap is not 0" ol_ge "$(ol_jq .gap "$ol/tol.json")" 0.5
expect "lshaped_tolerance_reports_optimal: text" 0 plan "$ol_quota" --method lshaped --tolerance 1
check "lshaped_tolerance_reports_optimal: text says gap_limit and the gap" grep -q "status *gap_limit, gap 100.00 %" "$TMP/out"
expect "lshaped_tolerance_reports_optimal: csv" 0 plan "$ol_quota" --method lshaped --tolerance 1 --format csv
check "lshaped_tolerance_reports_optimal: csv says gap_limit" grep -q "^info,.*,status,,gap_limit" "$TMP/out"
check "lshaped_tolerance_reports_optimal: csv gap 1" grep -q "^summary,.*,gap,1," "$TMP/out"
expect "lshaped_tolerance_reports_optimal: the default tolerance" 0 plan "$ol_quota" --method lshaped --format json --no-timing -o "$ol/tol0.json"
check "lshaped_tolerance_reports_optimal: default tolerance: optimal at the hand optimum" \
    test "$(ol_jq '"\(.status) \(.gap) \(.cost.total)"' "$ol/tol0.json")" = "optimal 0 1400000"

# ---- plan_read_unchecked ----------------------------------------------------
# A plan read back by simulate --plan was checked for names only: 1e308 t
# gave NaN everywhere with exit 0, 1e6 t against 20 t of capacity passed.
expect "plan_read_unchecked: the plan" 0 plan "$ol_quota" --format json --no-timing -o "$ol/p.json"
expect "plan_read_unchecked: the plan as written simulates" 0 simulate "$ol_quota" --plan "$ol/p.json" --paths scenarios
# ol_plan NAME JQ: a copy of the plan changed by JQ must be refused (exit 2)
# with one message naming the plan file and WORDS, and write nothing.
ol_plan() {
    jq "$2" "$ol/p.json" >"$ol/bad-$1.json"
    mkdir -p "$ol/o-$1"
    expect "plan_read_unchecked: $1: exit 2" 2 simulate "$ol_quota" --plan "$ol/bad-$1.json" --paths scenarios -o "$ol/o-$1/r.txt"
    check "plan_read_unchecked: $1: the message names the plan file and says $3" grep -q "^$ol/bad-$1.json: .*$3" "$TMP/err"
    check "plan_read_unchecked: $1: no report" ol_only "$ol/o-$1"
}
ol_plan huge '(.orders[] | select(.supplier == "cn" and .ship == "2026Q1") | .quantity) = 1e308' "exceeds the capacity of cn for Dy2O3 in 2026Q1 (20 t)"
ol_plan over-capacity '(.orders[] | select(.supplier == "my" and .ship == "2026Q2") | .quantity) = 1e6' "exceeds the capacity of my"
ol_plan over-quota '(.orders[] | select(.supplier == "cn" and .ship == "2026Q1") | .quantity) = 5' "over the quota \"licence\" of 4 t (tests/instances/quota.cfg:12)"
ol_plan negative '.orders[0].quantity = -1' "must be a number >= 0"
ol_plan unknown-supplier '.orders[0].supplier = "nobody"' "unknown supplier"
ol_plan unknown-product '.orders[0].product = "Nd2O3"' "unknown product"
ol_plan lead-time '.orders[0].arrive = "2026Q2"' "lead time"
# a share cap: CN at most half of what ships in each quarter
cat >"$ol/share.cfg" <<'EOF'
name = "share";
start = "2026Q1";
quarters = 2;
products = ( { id = "Dy2O3"; demand = 10.0; shortage_penalty = 1.0e6; holding_cost = 1000.0; } );
suppliers = (
  { id = "cn"; region = "CN"; offers = ( { product = "Dy2O3"; price = 50.0; capacity = 20.0; } ); },
  { id = "my"; region = "MY"; offers = ( { product = "Dy2O3"; price = 100.0; capacity = 20.0; } ); }
);
restrictions = ( { type = "share"; region = "CN"; max_share = 0.5; } );
EOF
expect "plan_read_unchecked: share plan" 0 plan "$ol/share.cfg" --format json --no-timing -o "$ol/s.json"
jq '(.orders[] | select(.supplier == "cn" and .ship == "2026Q1") | .quantity) = 7' "$ol/s.json" >"$ol/s-bad.json"
expect "plan_read_unchecked: over the share cap: exit 2" 2 simulate "$ol/share.cfg" --plan "$ol/s-bad.json" --paths scenarios
check "plan_read_unchecked: over the share cap: named" grep -q "s-bad.json: orders: the plan ships 7 of 12 t from region CN in 2026Q1, over the share cap of 0.5" "$TMP/err"

# ---- the contract terms of a plan read back ----------------------------------
# A plan read back was checked against capacity, quota and share but not the
# contract terms: a minimum order, whole lots, max_contracts.  Each case
# below is a plan of the instance (planned by hreeplan, then checked to
# simulate) changed by hand into one the instance forbids.
# ol_terms NAME INSTANCE JQ WORDS: plan INSTANCE, change it by JQ; simulate
# must refuse it (exit 2) naming the plan file and WORDS, writing nothing.
ol_terms() {
    expect "$1: the plan" 0 plan "$2" --format json --no-timing -o "$ol/$1.json"
    expect "$1: the plan as written simulates" 0 simulate "$2" --plan "$ol/$1.json" --paths scenarios
    jq "$3" "$ol/$1.json" >"$ol/bad-$1.json"
    mkdir -p "$ol/o-$1"
    expect "$1: exit 2" 2 simulate "$2" --plan "$ol/bad-$1.json" --paths scenarios -o "$ol/o-$1/r.txt"
    check "$1: the message names the plan file and says $4" grep -q "^$ol/bad-$1.json: .*$4" "$TMP/err"
    check "$1: no report" ol_only "$ol/o-$1"
}
ol_order() { echo "{\"supplier\": \"$1\", \"product\": \"Dy2O3\", \"ship\": \"$2\", \"quantity\": $3}"; }
# min_order.cfg (header): "big" ships at least 8 t in a quarter in which it
# ships; its plan is big 13 t in Q1, nothing in Q2.  3 t more in Q2 is below 8.
ol_terms min_order_read_back_unchecked tests/instances/min_order.cfg ".orders += [$(ol_order big 2026Q2 3)]" \
    "the plan ships 3 t from big in 2026Q2, below its minimum order of 8 t (tests/instances/min_order.cfg:11)"
# 8 t in Q2 (exactly the minimum) is allowed
jq ".orders += [$(ol_order big 2026Q2 8)]" "$ol/min_order_read_back_unchecked.json" >"$ol/mo8.json"
expect "min_order_read_back_unchecked: exactly the minimum order simulates" 0 simulate tests/instances/min_order.cfg --plan "$ol/mo8.json" --paths scenarios
# lot.cfg (header): "lot" sells in lots of 4 t; the plan takes 8 t (2 lots).
# 9 t is not a whole number of lots, 12 t (3 lots) is.
ol_terms lot_read_back_unchecked tests/instances/lot.cfg '(.orders[] | select(.supplier == "lot") | .quantity) = 9' \
    "the plan ships 9 t of Dy2O3 from lot in 2026Q1, not a whole number of its lots of 4 t (tests/instances/lot.cfg:9)"
jq '(.orders[] | select(.supplier == "lot") | .quantity) = 12' "$ol/lot_read_back_unchecked.json" >"$ol/lot12.json"
expect "lot_read_back_unchecked: three whole lots simulate" 0 simulate tests/instances/lot.cfg --plan "$ol/lot12.json" --paths scenarios
# max_contracts.cfg (header): at most one contract; the plan signs a only.
# Ordering 5 t from b too, its contract signed, makes two.
ol_terms max_contracts_read_back_unchecked tests/instances/max_contracts.cfg \
    ".orders += [$(ol_order b 2026Q1 5)] | (.contracts[] | select(.supplier == \"b\") | .signed) = true" \
    "contracts: the plan signs 2 contracts, over max_contracts = 1 (tests/instances/max_contracts.cfg)"
# ... and without a contracts array, shipping from b counts as signing it
jq "del(.contracts) | .orders += [$(ol_order b 2026Q1 5)]" "$ol/max_contracts_read_back_unchecked.json" >"$ol/mc-nocontracts.json"
expect "max_contracts_read_back_unchecked: no contracts array: exit 2" 2 simulate tests/instances/max_contracts.cfg --plan "$ol/mc-nocontracts.json" --paths scenarios
check "max_contracts_read_back_unchecked: no contracts array: says so" grep -q "the plan signs 2 contracts, over max_contracts = 1" "$TMP/err"

# ---- chart_left_after_failure ------------------------------------------------
# The chart was written before the report: a failed report left it behind.
if command -v gnuplot >/dev/null 2>&1; then
    for ol_c in pareto simulate compare; do
        mkdir -p "$ol/ch-$ol_c"
        case $ol_c in
        pareto) set -- pareto "$ol_quota" --points 3 ;;
        simulate) set -- simulate "$ol_quota" --paths scenarios ;;
        compare) set -- compare "$ol_quota" tests/instances/spot.cfg ;;
        esac
        expect "chart_left_after_failure: $ol_c with a report that cannot be written" 1 "$@" --chart "$ol/ch-$ol_c/c.svg" -o /dev/full
        check "chart_left_after_failure: $ol_c: no chart, no temporary file" ol_only "$ol/ch-$ol_c"
        expect "chart_left_after_failure: $ol_c with both written" 0 "$@" --chart "$ol/ch-$ol_c/c.svg" -o "$ol/ch-$ol_c/r.txt"
        check "chart_left_after_failure: $ol_c: chart and report, no temporary file" ol_only "$ol/ch-$ol_c" c.svg r.txt
    done
else
    skip "chart_left_after_failure" "gnuplot missing"
fi

# ---- output_overwrites_input ---------------------------------------------------
cp "$ol_quota" "$ol/x.cfg"
ln -f "$ol/x.cfg" "$ol/x-link.cfg"
expect "output_overwrites_input: plan x.cfg -o x.cfg" 2 plan "$ol/x.cfg" -o "$ol/x.cfg"
check "output_overwrites_input: the instance is untouched" cmp -s "$ol_quota" "$ol/x.cfg"
check "output_overwrites_input: the message says why" grep -q "is the input" "$TMP/err"
expect "output_overwrites_input: -o a hard link of the input" 2 plan "$ol/x.cfg" -o "$ol/x-link.cfg"
expect "output_overwrites_input: -o the input by another path" 2 plan "$ol/x.cfg" -o "$ol/../outputs-lie/x.cfg"
expect "output_overwrites_input: simulate -o its --plan" 2 simulate "$ol_quota" --plan "$ol/p.json" -o "$ol/p.json"
expect "output_overwrites_input: pareto --chart the input" 2 pareto "$ol/x.cfg" --chart "$ol/x.cfg"
expect "output_overwrites_input: compare -o its second input" 2 compare "$ol_quota" "$ol/x.cfg" -o "$ol/x.cfg"
expect "output_overwrites_input: export --lp the input" 2 export "$ol/x.cfg" --lp "$ol/x.cfg"
expect "output_overwrites_input: -o and --chart the same file" 2 pareto "$ol_quota" -o "$ol/same.svg" --chart "$ol/same.svg"
check "output_overwrites_input: the instance is still untouched" cmp -s "$ol_quota" "$ol/x.cfg"

# ---- temporary_name_too_long ---------------------------------------------------
# a 250-byte name is valid (NAME_MAX 255); NAME.tmp.XXXXXX was not
ol_long=$(awk 'BEGIN { s = ""; for (i = 0; i < 250; i++) s = s "a"; print s }')
mkdir -p "$ol/long"
expect "temporary_name_too_long: -o a 250-byte name" 0 plan "$ol_quota" -o "$ol/long/$ol_long"
check "temporary_name_too_long: the report and nothing else" ol_only "$ol/long" "$ol_long"

# ---- dash_output_is_a_file -------------------------------------------------------
mkdir -p "$ol/dash"
case $HPBIN in /*) ol_bin=$HPBIN ;; *) ol_bin=$PWD/$HPBIN ;; esac
check "dash_output_is_a_file: -o - writes to stdout, no file named -" \
    sh -c "cd '$ol/dash' && '$ol_bin' plan '$PWD/$ol_quota' -o - | grep -q 'Plan for quota' && test -z \"\$(ls -A)\""

# ---- json_invalid_utf8 -------------------------------------------------------------
# an instance name in Latin-1: pareto, simulate and compare JSON failed with
# "cannot write: Inappropriate ioctl for device" (and leaked)
printf 'name = "caf\351 \377";\n' >"$ol/latin1.cfg"
grep -v '^name\|^#' "$ol_quota" >>"$ol/latin1.cfg"
for ol_c in plan pareto simulate compare; do
    case $ol_c in
    plan) set -- plan "$ol/latin1.cfg" ;;
    pareto) set -- pareto "$ol/latin1.cfg" --points 2 ;;
    simulate) set -- simulate "$ol/latin1.cfg" --paths scenarios ;;
    compare) set -- compare "$ol/latin1.cfg" ;;
    esac
    expect "json_invalid_utf8: $ol_c" 0 "$@" --format json --no-timing -o "$ol/u-$ol_c.json"
    check "json_invalid_utf8: $ol_c: valid JSON, the bad bytes as '?'" \
        sh -c "jq -r '.. | strings' '$ol/u-$ol_c.json' | grep -q '^caf? ?\$'"
done

# ---- options_of_other_commands -------------------------------------------------------
for ol_o in "--samples 5" "--points 3" "--chart c.svg" "--plan p.json"; do
    # shellcheck disable=SC2086
    expect "options_of_other_commands: plan $ol_o is a usage error" 2 plan "$ol_quota" $ol_o
    check "options_of_other_commands: plan $ol_o: says so" grep -q "does not apply to plan" "$TMP/err"
done
expect "options_of_other_commands: export --chart is a usage error" 2 export "$ol_quota" --lp "$ol/q.lp" --chart "$ol/c.svg"
expect "options_of_other_commands: export --progress is a usage error" 2 export "$ol_quota" --lp "$ol/q.lp" --progress
check "options_of_other_commands: export --progress: says so" grep -q "does not apply to export" "$TMP/err"
expect "threads_capped_silently: --threads 256" 0 plan "$ol_base" --information two-stage \
    --method lshaped --threads 256
check "threads_capped_silently: says how many ran" grep -q "note: --threads 256: ran on 8" "$TMP/err"

# ---- signals ---------------------------------------------------------------------------
# ol_int NAME WAIT LIMIT CMD...: SIGINT after WAIT s; exit 1 within LIMIT s
# (skipped when the run has ended before the signal).
ol_int() {
    ol_n=$1; ol_w=$2; ol_lim=$3; shift 3
    mkdir -p "$ol/int-$ol_n"
    "$HPBIN" "$@" -o "$ol/int-$ol_n/out" >/dev/null 2>"$ol/int-$ol_n.err" &
    ol_pid=$!
    sleep "$ol_w"
    # an ended run stays a zombie (state Z) until waited for
    if [ "$(sed 's/.*) //' /proc/$ol_pid/stat 2>/dev/null | cut -c1)" = Z ] || ! kill -s INT $ol_pid 2>/dev/null; then
        wait $ol_pid
        skip "$ol_n" "the run finished before the signal"
        return 0
    fi
    ol_i=0
    while [ $ol_i -lt $((ol_lim * 10)) ] && kill -0 $ol_pid 2>/dev/null; do sleep 0.1; ol_i=$((ol_i + 1)); done
    if kill -0 $ol_pid 2>/dev/null; then
        kill -s KILL $ol_pid 2>/dev/null; wait $ol_pid 2>/dev/null
        bad "$ol_n: stops within $ol_lim s of SIGINT" "still running; killed"
        return 0
    fi
    wait $ol_pid; ol_rc=$?
    # exit 0 with the whole report: the signal came after the last check
    # before the report was committed (the run's last moments)
    if [ $ol_rc -eq 0 ] && [ -s "$ol/int-$ol_n/out" ]; then
        skip "$ol_n" "the run was writing its report when the signal came"
        return 0
    fi
    check "$ol_n: exit 1 after SIGINT (got $ol_rc)" test $ol_rc -eq 1
    check "$ol_n: says interrupted" grep -q "interrupted" "$ol/int-$ol_n.err"
    check "$ol_n: no report and no temporary file" ol_only "$ol/int-$ol_n"
}
if [ $ol_slow = 1 ]; then
    # (builds whose L-shaped front needed --axis cost on a spend front: pass it)
    ol_axis=
    "$HPBIN" pareto "$ol_quota" --method lshaped --points 2 2>&1 >/dev/null | grep -q -- "--axis cost" && ol_axis="--axis cost"
    # the L-shaped front of 2,000 sampled paths takes about 5 s; interrupted
    # in its first end it exited 4 (a solver stop) instead of 1
    # shellcheck disable=SC2086
    ol_int lshaped_pareto_interrupt_exit_4 1 10 pareto "$ol_base" --information two-stage \
        --method lshaped --sample-scenarios 2000 --points 3 $ol_axis
    # the extensive LP of 1,500 sampled paths solves for a minute or more;
    # GLPK's simplex honoured the interrupt only at its end (60-90 s)
    ol_int extensive_lp_ignores_ctrl_c 6 3 plan "$ol_base" --method extensive --sample-scenarios 1500
else
    skip "lshaped_pareto_interrupt_exit_4" "valgrind"
    skip "extensive_lp_ignores_ctrl_c" "valgrind"
fi
# CBC's branch and bound polled nothing: Ctrl-C 3 s into hard-mip.cfg (which
# CBC solves in 45 s or so) was honoured only at its end.  CLP's own SIGINT
# handler took the Ctrl-C of an extensive LP: the run went on and exited 4
# ("the solver stopped without a plan") instead of 1.  Skipped without CBC,
# under valgrind, and when the run ended before the signal.
if ! "$HPBIN" --version | grep -q '^CBC not built'; then
    if [ $ol_slow = 1 ]; then
        ol_int cbc_mip_ignores_ctrl_c 3 2 plan tests/instances/hard-mip.cfg --backend cbc
        # CLP's presolve polls nothing: the stop comes at its first simplex
        # iteration, well within the limit in an optimised build, about 6 s
        # after the signal in the sanitizer build (the presolve alone takes
        # that long there)
        ol_clp=2
        [ -n "${HP_SAN:-}" ] && ol_clp=15
        ol_int cbc_lp_ctrl_c_exit_4 4 $ol_clp plan "$ol_base" --method extensive \
            --sample-scenarios 1500 --backend cbc
        # a Ctrl-C in the first second or two (model build, CLP's presolve,
        # while CLP's own handler was installed and did nothing) was lost:
        # the run finished with exit 0 and wrote its report
        ol_int cbc_lp_ctrl_c_lost_in_presolve 1 $((ol_clp + 1)) plan "$ol_base" --method extensive \
            --sample-scenarios 1500 --backend cbc
    else
        skip "cbc_mip_ignores_ctrl_c" "valgrind"
        skip "cbc_lp_ctrl_c_exit_4" "valgrind"
    fi
else
    skip "cbc_mip_ignores_ctrl_c" "hreeplan built without CBC"
    skip "cbc_lp_ctrl_c_exit_4" "hreeplan built without CBC"
fi
