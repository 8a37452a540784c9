# CLI tests of `hreeplan smps CORE TIME STOCH` (solver/smps.h).  Expected
# optima are not the code's: LandS and cargo-16 come from the published
# figures in ../shared/smps/README.md (skipped when that folder is absent:
# the collection's files carry no licence, so they are not copied here);
# the farmer's -108390 is derived by hand in tests/smps/farmer.sto and
# checked with glpsol on tests/smps/farmer.mod, the extensive form written
# in MathProg; the newsvendors' optima are derived in their .sto files.
# Malformed files: tests/smps/bad/NAME.{cor,tim,sto} (the missing ones taken
# from news.*) with the golden message NAME.err.  Sourced by run.sh.

SM=tests/smps
jqe() { jq -e "$@" >/dev/null 2>&1; }
SMPS_SHARED=${HP_SMPS_DIR:-../shared/smps}

# smps_obj NAME WANT TOL CORE TIME STOCH ARGS...: both methods give the
# objective WANT to TOL (relative) and the same first stage to 1e-6
# relative, or when the first stage is not unique (cargo), only the value.
smps_obj() {
    n=$1; want=$2; tol=$3; shift 3
    for m in extensive lshaped; do
        hp smps "$@" --method "$m" --format json >"$TMP/sm.$m" 2>"$TMP/sm.err"; rc=$?
        got=$(jq -r .objective "$TMP/sm.$m" 2>/dev/null)
        meth=$(jq -r .method "$TMP/sm.$m" 2>/dev/null)
        if [ "$rc" -eq 0 ] && [ "$meth" = "$m" ] && awk -v a="$got" -v b="$want" -v t="$tol" \
            'BEGIN { d = a - b; if (d < 0) d = -d; s = b < 0 ? -b : b; if (s < 1) s = 1;
                     exit !(a != "" && d <= t * s) }'; then
            ok "$n ($m: $got)"
        else
            bad "$n ($m)" "exit $rc, objective '$got', wanted $want: $(head -c 300 "$TMP/sm.err")"
        fi
    done
}

# smps_x NAME COL WANT: the first stage of the last two runs has COL = WANT (1e-6).
smps_x() {
    for m in extensive lshaped; do
        got=$(jq -r ".first_stage[\"$2\"]" "$TMP/sm.$m" 2>/dev/null)
        check "$1 ($m: $2 = $got)" awk -v a="$got" -v b="$3" \
            'BEGIN { d = a - b; if (d < 0) d = -d; exit !(a != "" && a != "null" && d <= 1e-6 * (1 + (b < 0 ? -b : b))) }'
    done
}

if [ -f "$SMPS_SHARED/lands/lands.cor" ]; then
    L=$SMPS_SHARED/lands
    # published: 381.853333, first stage (2.666667, 4, 3.333333, 2)
    smps_obj "smps LandS INDEP" 381.853333 1e-6 "$L/lands.cor" "$L/lands.tim" "$L/lands.sto"
    smps_x "smps LandS x1" X1 2.6666667
    smps_x "smps LandS x2" X2 4
    smps_x "smps LandS x3" X3 3.3333333
    smps_x "smps LandS x4" X4 2
    smps_obj "smps LandS BLOCKS" 381.853333 1e-6 "$L/lands.cor" "$L/lands.tim" "$L/lands-blocks.sto"
else
    skip "smps LandS" "$SMPS_SHARED/lands not found (HP_SMPS_DIR)"
fi
if [ -f "$SMPS_SHARED/cargo/4node.cor" ] && [ "${HP_VALGRIND:-0}" != 1 ]; then
    C=$SMPS_SHARED/cargo
    # published for the deterministic equivalent (README): 423.0125
    smps_obj "smps cargo-16" 423.0125 1e-6 "$C/4node.cor" "$C/4node.tim" "$C/4node-16.sto"
    check "smps cargo-16 scenarios" test "$(jq -r .scenarios "$TMP/sm.lshaped")" = 16
else
    skip "smps cargo-16" "$SMPS_SHARED/cargo not found, or under valgrind"
fi

# the farmer: -108390 at (170, 80, 250), derived in farmer.sto
smps_obj "smps farmer SCENARIOS" -108390 1e-7 $SM/farmer.cor $SM/farmer.tim $SM/farmer.sto
smps_x "smps farmer wheat" X1 170
smps_x "smps farmer corn" X2 80
smps_x "smps farmer beets" X3 250
smps_obj "smps farmer BLOCKS" -108390 1e-7 $SM/farmer.cor $SM/farmer.tim $SM/farmer-blocks.sto
if command -v glpsol >/dev/null 2>&1; then
    glpsol -m $SM/farmer.mod >"$TMP/farmer.glp" 2>&1
    check "smps farmer: glpsol on farmer.mod agrees" \
        awk '/^objective/ { o = $2 } END { exit !(o + 108390 < 1e-6 && o + 108390 > -1e-6) }' "$TMP/farmer.glp"
else
    skip "smps farmer: glpsol" "glpsol not installed"
fi

# newsvendors: random bound, random right-hand side -> -4/3 at x = 2
smps_obj "smps news random bound" -1.3333333333 1e-7 $SM/news.cor $SM/news.tim $SM/news-bound.sto
smps_x "smps news bound x" X 2
smps_obj "smps news random rhs" -1.3333333333 1e-7 $SM/news.cor $SM/news.tim $SM/news-rhs.sto
# random recourse cost: the extensive form, -13/6; lshaped refused; auto extensive
expect "smps news random price" 0 smps $SM/news.cor $SM/news.tim $SM/news-price.sto --format json
check "smps news random price: -13/6, 12 scenarios, extensive" \
    jqe '(.objective + 13/6 | fabs) < 1e-7 and .scenarios == 12 and .method == "extensive"' "$TMP/out"
expect "smps lshaped on random recourse refused" 2 smps $SM/news.cor $SM/news.tim \
    $SM/news-price.sto --method lshaped
check "smps lshaped on random recourse: says why" grep -q "needs fixed recourse" "$TMP/err"

# text output and atomic -o
expect "smps text" 0 smps $SM/news.cor $SM/news.tim $SM/news-rhs.sto
check "smps text: objective and first stage" grep -q "^  X  *2$" "$TMP/out"
expect "smps -o" 0 smps $SM/news.cor $SM/news.tim $SM/news-rhs.sto --format json -o "$TMP/sm.json"
check "smps -o: JSON written" jqe '.first_stage.X == 2' "$TMP/sm.json"
expect "smps -o onto an input refused" 2 smps $SM/news.cor $SM/news.tim "$TMP/sm.json" -o "$TMP/sm.json"

# --mps: the extensive form for other solvers; glpsol solves it to the optimum
expect "smps --mps" 0 smps $SM/farmer.cor $SM/farmer.tim $SM/farmer.sto --mps "$TMP/dep.mps"
if command -v glpsol >/dev/null 2>&1; then
    glpsol --freemps "$TMP/dep.mps" -o "$TMP/dep.sol" >/dev/null 2>&1
    check "smps --mps: glpsol on the extensive form gives -108390" \
        grep -q "^Objective: .* = -108390 (MINimum)" "$TMP/dep.sol"
else
    skip "smps --mps: glpsol" "glpsol not installed"
fi
expect "smps --mps onto an input refused" 2 smps $SM/news.cor $SM/news.tim "$TMP/sm.json" \
    --mps "$TMP/sm.json"
expect "smps --mps with a failing solve writes nothing" 2 smps $SM/farmer.cor $SM/farmer.tim \
    $SM/farmer-indep.sto --mps "$TMP/none.mps"
check "smps --mps: no file left" test ! -e "$TMP/none.mps"

# astronomical scenario counts: refused without a sample; a sample solves
# by either method to the same value (the same scenarios)
expect "smps 125000 scenarios refused" 2 smps $SM/farmer.cor $SM/farmer.tim $SM/farmer-indep.sto
check "smps 125000 scenarios: suggests sampling" grep -q -- "--sample-scenarios N --seed S" "$TMP/err"
expect "smps sample auto" 0 smps $SM/farmer.cor $SM/farmer.tim $SM/farmer-indep.sto \
    --sample-scenarios 60 --seed 7 --format json
cp "$TMP/out" "$TMP/sa.json"
check "smps sample auto: 60 scenarios by lshaped" jqe '.scenarios == 60 and .method == "lshaped"' "$TMP/sa.json"
expect "smps sample extensive" 0 smps $SM/farmer.cor $SM/farmer.tim $SM/farmer-indep.sto \
    --sample-scenarios 60 --seed 7 --format json --method extensive
check "smps sample: both methods agree" jqe --slurpfile a "$TMP/sa.json" \
    '((.objective - $a[0].objective) | fabs) <= 1e-6 * (.objective | fabs)' "$TMP/out"

# usage and I/O errors
expect "smps two files" 2 smps $SM/news.cor $SM/news.tim
expect "smps missing file" 1 smps $SM/news.cor $SM/news.tim $SM/nonexistent.sto
check "smps missing file: named" grep -q "nonexistent.sto: cannot read" "$TMP/err"
expect "smps --format csv refused" 2 smps $SM/news.cor $SM/news.tim $SM/news-rhs.sto --format csv
expect "smps option of another command" 2 smps $SM/news.cor $SM/news.tim $SM/news-rhs.sto --samples 3

# malformed files: exit 2 and the golden message
for e in $SM/bad/*.err; do
    b=${e%.err}
    c=$SM/news.cor; t=$SM/news.tim; s=$SM/news-rhs.sto
    [ -f "$b.cor" ] && c=$b.cor
    [ -f "$b.tim" ] && t=$b.tim
    [ -f "$b.sto" ] && s=$b.sto
    expect "smps bad $(basename "$b")" 2 smps "$c" "$t" "$s"
    check "smps bad $(basename "$b"): message" cmp -s "$TMP/err" "$e"
done
