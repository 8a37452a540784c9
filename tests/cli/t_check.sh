# hreeplan check: the bad-input catalogue (tests/bad/NAME.cfg with the exact
# stderr in NAME.err), valid edge cases (tests/valid/), a missing file, usage.
# Sourced by tests/cli/run.sh from the repository root with $HPBIN set.

# The catalogue runs in a scratch directory that holds only a link to
# tests/bad, so "no file created" is checked without racing other writers.
check_repo=$PWD; check_bin=$HPBIN
case $HPBIN in /*) ;; *) HPBIN=$PWD/$HPBIN ;; esac
mkdir -p "$TMP/check_scratch/tests"
ln -s "$check_repo/tests/bad" "$TMP/check_scratch/tests/bad"
ls -A tests/bad >"$TMP/check_ls_before"
cd "$TMP/check_scratch" || exit 1
for cfg in tests/bad/*.cfg; do
    name=${cfg#tests/bad/}; name=${name%.cfg}
    expect "check bad/$name: exit 2" 2 check "$cfg"
    check "check bad/$name: stderr as in $name.err" cmp -s "$TMP/err" "tests/bad/$name.err"
    check "check bad/$name: nothing on stdout" test ! -s "$TMP/out"
done
check "check bad/*: no file created in the working directory" test "$(ls -A . | tr '\n' ' ')" = "tests "
check "check bad/*: no file created beside the input" \
    sh -c "ls -A tests/bad | cmp -s - '$TMP/check_ls_before'"
cd "$check_repo" || exit 1
HPBIN=$check_bin
n_bad=$(ls tests/bad/*.cfg | wc -l)
check "check bad/*: catalogue has >= 45 cases ($n_bad)" test "$n_bad" -ge 45
for cfg in tests/bad/*.cfg; do
    check "check bad/${cfg#tests/bad/}: has its .err" test -f "${cfg%.cfg}.err"
done

for cfg in tests/valid/*.cfg; do
    expect "check valid/${cfg#tests/valid/}: exit 0" 0 check "$cfg"
    check "check valid/${cfg#tests/valid/}: nothing on stderr" test ! -s "$TMP/err"
    check "check valid/${cfg#tests/valid/}: model size line" \
        grep -Eq '^model: [0-9]+ rows, [0-9]+ columns \([0-9]+ integer\), [0-9]+ nonzeros$' "$TMP/out"
done

# The summary of INSTANCE.md's example: total demand 10+10+12+12 = 44 t;
# two sources each in its own region, in file order CN then MY.
expect "check example: exit 0" 0 check tests/valid/example.cfg
check "check example: name" grep -qx 'name: two sources, one product' "$TMP/out"
check "check example: horizon" grep -qx 'horizon: 2026Q1-2026Q4 (4 quarters)' "$TMP/out"
check "check example: product and total demand" grep -Eq '^  Dy2O3 +total demand 44 t' "$TMP/out"
check "check example: regions in order of first use" \
    sh -c "grep -E '^  (CN|MY):' '$TMP/out' | tr -d ' \n' | grep -qx 'CN:MY:'"
check "check example: lead time of cn" grep -Eq '^    cn +lead time 1,' "$TMP/out"
check "check example: quota" grep -q 'quota CN on all products: limit 0..8 t per quarter' "$TMP/out"
check "check example: scenario probabilities" \
    sh -c "grep -Eq '^  licensed +probability 0.7,' '$TMP/out' && grep -Eq '^  stop +probability 0.3,' '$TMP/out'"
expect "check one-quarter: exit 0" 0 check tests/valid/one-quarter.cfg
check "check one-quarter: nominal scenario made up" grep -Eq '^  nominal +probability 1,' "$TMP/out"
check "check one-quarter: one-quarter horizon" grep -qx 'horizon: 2030Q4-2030Q4 (1 quarter)' "$TMP/out"
expect "check disruptions: exit 0" 0 check tests/valid/disruptions-correlated.cfg
check "check disruptions: three correlated events" grep -qx 'disruption events (3, correlated):' "$TMP/out"

# An unreadable file is an I/O error (CLI.md: exit 1), with a message.
expect "check missing file: exit 1" 1 check tests/bad/no-such-file.cfg
check "check missing file: message" grep -q '^tests/bad/no-such-file.cfg: cannot read: ' "$TMP/err"
expect "check a directory: exit 1" 1 check tests/bad
check "check a directory: message" grep -q '^tests/bad: cannot read: ' "$TMP/err"

# Usage.
expect "check --help: exit 0" 0 check --help
check "check --help: usage on stdout" grep -q '^usage: hreeplan check FILE' "$TMP/out"
expect "check without FILE: exit 2" 2 check
expect "check with two files: exit 2" 2 check tests/valid/example.cfg tests/valid/example.cfg
expect "check with an unknown option: exit 2" 2 check --frobnicate tests/valid/example.cfg

# --set PATH=VALUE (CLI.md, second edition): one-parameter what-ifs on
# tests/instances/shortage.cfg.  Its comment derives the cost-minimal plan:
# CN costs 0.5 * 50,000 = 25,000 USD per t ordered (paid on arrival, half
# arrives) and saves 0.5 * 60,000 = 30,000 of expected penalty, AU (100) and
# US (90) cost more than they save: cn = demand, cost 550,000 at demand 10.
# - demand 12: cn = 12 (capacity 20), cost 12 * 25,000 + 0.5 * 12 * 60,000
#   = 300,000 + 360,000 = 660,000 (+110,000 = 2 t * 55,000).
# - AU at 40 USD/kg: a safe tonne for 40,000 beats CN's 25,000 + 30,000
#   expected penalty and US's 90,000: au = 10, cost 400,000, no penalty.
set_f=tests/instances/shortage.cfg
set_cost() { jq -r '.cost.total' "$TMP/out"; }
expect "--set: baseline" 0 plan "$set_f" --format json --no-timing
check "--set: baseline cost 550,000" test "$(set_cost)" = 550000
expect "--set by index: exit 0" 0 plan "$set_f" --format json --no-timing --set 'products[0].demand=12'
check "--set products[0].demand=12: cost 660,000" test "$(set_cost)" = 660000
expect "--set by id: exit 0" 0 plan "$set_f" --format json --no-timing \
    --set 'suppliers[au].offers[Dy2O3].price=40'
check "--set suppliers[au].offers[Dy2O3].price=40: cost 400,000" test "$(set_cost)" = 400000
check "--set suppliers[au].offers[Dy2O3].price=40: all from au" \
    test "$(jq -c '[.orders[] | [.supplier, .quantity]]' "$TMP/out")" = '[["au",10]]'
expect "--set repeated, in order: exit 0" 0 plan "$set_f" --format json --no-timing \
    --set 'products[0].demand=20' --set=products[Dy2O3].demand=12.0
check "--set repeated: the last wins (cost 660,000)" test "$(set_cost)" = 660000
check "--set: the digest covers the overrides" test "$(jq -r '.run.instance_sha256 // .instance.sha256' "$TMP/out")" = \
    "$({ cat "$set_f"; printf -- '--set products[0].demand=20\n--set products[Dy2O3].demand=12.0\n'; } | sha256sum | cut -d' ' -f1)"
expect "--set on check: exit 0" 0 check "$set_f" --set 'products[0].demand=12'
check "--set on check: summary shows the override" grep -Eq '^  Dy2O3 +total demand 12 t' "$TMP/out"
# bad paths: the message names --set and the path, with a hint when close
expect "--set wrong key: exit 2" 2 check "$set_f" --set 'products[0].demnad=12'
check "--set wrong key: did you mean" grep -qx "$set_f: --set products\[0\].demnad=12: products\[0\].demnad: unknown setting (did you mean \"demand\"?)" "$TMP/err"
expect "--set wrong list key: exit 2" 2 plan "$set_f" --set 'suppliers[cn].ofers[0].price=1'
check "--set wrong list key: did you mean" grep -qx "$set_f: --set suppliers\[cn\].ofers\[0\].price=1: no setting \"ofers\" in suppliers\[cn\] (did you mean \"offers\"?)" "$TMP/err"
expect "--set wrong id: exit 2" 2 plan "$set_f" --set 'suppliers[cnn].lead_time=0'
check "--set wrong id: did you mean" grep -q "no element \"cnn\" in suppliers (did you mean \"cn\"?)" "$TMP/err"
expect "--set index out of range: exit 2" 2 check "$set_f" --set 'products[3].demand=1'
check "--set index out of range: says how many" grep -q "products has 1 element, no \[3\]" "$TMP/err"
expect "--set without =: exit 2" 2 check "$set_f" --set 'products[0].demand'
check "--set without =: usage" grep -q "expected PATH=VALUE" "$TMP/err"
expect "--set malformed path: exit 2" 2 check "$set_f" --set 'products[0]..demand=1'
# bad values: validated like the file
expect "--set negative demand: exit 2" 2 plan "$set_f" --set 'products[0].demand=-5' -o "$TMP/set.out"
check "--set negative demand: the file's rule" grep -qx "$set_f: --set products\[0\].demand=-5: products\[0\].demand: must be >= 0, got -5" "$TMP/err"
check "--set negative demand: no report" test ! -e "$TMP/set.out"
expect "--set not a value: exit 2" 2 check "$set_f" --set 'products[0].demand=abc'
check "--set not a value: says so" grep -q "the value is not a setting's value" "$TMP/err"
expect "--set wrapping integer: exit 2" 2 check "$set_f" --set 'quarters=4294967300'
check "--set wrapping integer: the file's check" grep -q "integer too large for libconfig 1.5" "$TMP/err"
expect "--set @include: exit 2" 2 check "$set_f" --set 'name=@include "/etc/passwd"'
check "--set @include: refused" grep -q "@include is not allowed" "$TMP/err"
expect "--set two values: exit 2" 2 check "$set_f" --set 'products[0].demand=1; name="x"'
expect "--set wrong series length: exit 2" 2 check "$set_f" --set 'products[0].demand=[1.0, 2.0]'
check "--set wrong series length: the file's rule" grep -q "must have 1 elements" "$TMP/err"

# ---- set_missing_from_help ---------------------------------------------------
# --set PATH=VALUE is taken by plan, pareto, compare, simulate, export, check,
# report and roll, but only check's and roll's --help said so; compare's did not say how
# --threads applies.  smps takes no --set and must not list it.
for sh_c in plan pareto compare simulate export check report roll; do
    expect "set_missing_from_help: $sh_c --help" 0 $sh_c --help
    check "set_missing_from_help: $sh_c --help lists --set PATH=VALUE" grep -q -- '--set PATH=VALUE' "$TMP/out"
done
expect "set_missing_from_help: compare --help" 0 compare --help
check "set_missing_from_help: compare --help says how --threads applies" \
    sh -c "grep -A3 -- '^  --threads N ' '$TMP/out' | grep -q 'the instances are planned one'"
expect "set_missing_from_help: smps --help" 0 smps --help
check "set_missing_from_help: smps --help does not list --set" sh -c "! grep -q -- '--set' '$TMP/out'"
expect "set_missing_from_help: smps --set is a usage error" 2 smps tests/instances/shortage.cfg --set quarters=2
