#!/bin/sh
# make test: warnings-as-errors build, unit tests, CLI tests; the same under
# AddressSanitizer + UBSan; the CLI tests under valgrind memcheck.  Ends with
# "N passed, N failed" for CI.
set -u
RESULTS=$(mktemp); export RESULTS
trap 'rm -f "$RESULTS"' EXIT
JOBS=2
step() { echo; echo "=== $*"; }

step "build (gcc, -Werror)"
if make -s -j$JOBS B=build build/hreeplan $(ls tests/unit/test_*.c 2>/dev/null | sed 's|tests/unit/\(.*\)\.c|build/tests/\1|'); then
    cp build/hreeplan hreeplan
    step "unit tests"; sh tests/run_unit.sh build
    step "CLI tests"; sh tests/cli/run.sh build/hreeplan
else
    echo fail >>"$RESULTS"
fi

SAN="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"
step "sanitizer build (ASan + UBSan)"
if make -s -j$JOBS B=build/asan OPT="$SAN" LDFLAGS="-fsanitize=address,undefined" build/asan/hreeplan \
        $(ls tests/unit/test_*.c 2>/dev/null | sed 's|tests/unit/\(.*\)\.c|build/asan/tests/\1|'); then
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 LSAN_OPTIONS=suppressions=$(pwd)/tests/lsan.supp UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
    step "unit tests (sanitizers)"; sh tests/run_unit.sh build/asan
    step "CLI tests (sanitizers)"; HP_SAN=1 sh tests/cli/run.sh build/asan/hreeplan
    [ -x tests/fuzz_replay.sh ] && { step "fuzz corpus replay (sanitizers)"; sh tests/fuzz_replay.sh build/asan; }
    unset ASAN_OPTIONS LSAN_OPTIONS UBSAN_OPTIONS
else
    echo fail >>"$RESULTS"
fi

step "CLI tests under valgrind memcheck (two workers)"
VG="valgrind -q --suppressions=$(pwd)/tests/valgrind.supp --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect,possible --show-leak-kinds=definite,indirect,possible"
# the test files split in two halves of about equal valgrind time
A="tests/cli/t_check.sh tests/cli/t_glpsol.sh tests/cli/t_export.sh tests/cli/t_lshaped.sh"
B=$(ls tests/cli/t_*.sh | grep -v -e t_check.sh -e t_glpsol.sh -e t_export.sh -e t_lshaped.sh | tr '\n' ' ')
LA=$(mktemp); LB=$(mktemp)
HP_TESTS="$A" HP_WRAP="$VG" HP_VALGRIND=1 sh tests/cli/run.sh build/hreeplan >"$LA" 2>&1 &
HP_TESTS="$B" HP_WRAP="$VG" HP_VALGRIND=1 sh tests/cli/run.sh build/hreeplan >"$LB" 2>&1
wait
cat "$LA" "$LB"; rm -f "$LA" "$LB"

p=$(grep -c '^pass$' "$RESULTS"); f=$(grep -c '^fail$' "$RESULTS")
echo
echo "$p passed, $f failed"
[ "$f" -eq 0 ]
