#!/bin/sh
# Runs every cmocka unit test binary in $1/tests; prints one line per binary
# and appends "pass"/"fail" to $RESULTS when set.  cmocka's summary goes to
# stderr and is kept in the log.
B=${1:-build}
fail=0
for t in "$B"/tests/test_*; do
    [ -x "$t" ] || continue
    if "$t"; then
        echo "unit ok   $t"; [ -n "${RESULTS:-}" ] && echo pass >>"$RESULTS"
    else
        echo "unit FAIL $t"; [ -n "${RESULTS:-}" ] && echo fail >>"$RESULTS"; fail=1
    fi
done
exit $fail
