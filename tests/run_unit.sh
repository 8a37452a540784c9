#!/bin/sh
# Runs every cmocka unit test binary in $1/tests; prints one line per binary
# and appends pass, fail or skip to $RESULTS when set.  A binary that exits
# 77 cannot run here (a backend or tool missing): skipped, not passed.  Test
# cases a binary skips itself (cmocka's skip()) are counted as skipped too.
# cmocka's summary goes to stderr and is kept in the log.
B=${1:-build}
fail=0
rec() { [ -n "${RESULTS:-}" ] && echo "$1" >>"$RESULTS"; return 0; }
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for t in "$B"/tests/test_*; do
    [ -x "$t" ] || continue
    "$t" >"$log" 2>&1
    rc=$?
    cat "$log"
    if [ $rc -eq 77 ]; then
        echo "unit skip $t"; rec skip
    elif [ $rc -eq 0 ]; then
        echo "unit ok   $t"; rec pass
        n=$(sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p' "$log" | head -n 1)
        while [ "${n:-0}" -gt 0 ]; do rec skip; n=$((n - 1)); done
    else
        echo "unit FAIL $t"; rec fail; fail=1
    fi
done
exit $fail
