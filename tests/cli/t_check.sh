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
