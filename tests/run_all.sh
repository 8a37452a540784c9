#!/bin/sh
# make test: every stage below, or the stages named as arguments:
#   build     warnings-as-errors build of the binary and the unit tests
#   unit      cmocka unit tests            cli       CLI tests of the real binary
#             (tests/cli/t_mpi.sh runs hreeplan under mpirun --oversubscribe
#             -np 1, 2 and 4 when Open MPI is installed and built in)
#   format    every C file as .clang-format says; the rooms' includes one-way
#   asan      the sanitizer build (AddressSanitizer + UBSan): unit, CLI, fuzz corpora
#   valgrind  the CLI tests under valgrind memcheck (two workers)
# Each check appends pass, fail or skip to $RESULTS; a test that cannot run
# here (exit 77, a missing tool) counts as skipped, never as passed.  Ends
# with "N passed, N failed, N skipped" for CI.
set -u
cd "$(dirname "$0")/.."
RESULTS=$(mktemp); export RESULTS
trap 'rm -f "$RESULTS"' EXIT
JOBS=2
step() { echo; echo "=== $*"; }
units() { ls tests/unit/test_*.c 2>/dev/null | sed "s|tests/unit/\(.*\)\.c|$1/tests/\1|"; }
stages=${*:-build unit cli format asan valgrind}
has() { case " $stages " in *" $1 "*) return 0 ;; esac; return 1; }

built=0
if has build || has unit || has cli || has valgrind; then
    step "build (gcc, -Werror)"
    if make -s -j$JOBS B=build build/hreeplan $(units build); then
        built=1
        has build && echo pass >>"$RESULTS"
    else
        echo fail >>"$RESULTS"
    fi
fi
if [ $built = 1 ]; then
    has unit && { step "unit tests"; sh tests/run_unit.sh build; }
    has cli && { step "CLI tests"; sh tests/cli/run.sh build/hreeplan; }
fi

if has format; then
    step "format (clang-format --dry-run -Werror)"
    if ! command -v clang-format >/dev/null; then
        echo "skip format: clang-format is not installed"; echo skip >>"$RESULTS"
    elif make -s format-check; then
        echo "ok   every C file as .clang-format says"; echo pass >>"$RESULTS"
    else
        echo "FAIL format: run 'make format'"; echo fail >>"$RESULTS"
    fi
    step "layers (scripts/check-layers.sh)"
    if sh scripts/check-layers.sh; then echo pass >>"$RESULTS"; else echo fail >>"$RESULTS"; fi
fi

if has asan; then
    SAN="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"
    step "sanitizer build (ASan + UBSan)"
    if make -s -j$JOBS B=build/asan OPT="$SAN" LDFLAGS="-fsanitize=address,undefined" build/asan/hreeplan \
            $(units build/asan); then
        export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 LSAN_OPTIONS=suppressions=$(pwd)/tests/lsan.supp UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
        step "unit tests (sanitizers)"; sh tests/run_unit.sh build/asan
        step "CLI tests (sanitizers)"; HP_SAN=1 sh tests/cli/run.sh build/asan/hreeplan
        step "fuzz corpora replay (sanitizers)"; sh tests/fuzz_replay.sh build/asan
        unset ASAN_OPTIONS LSAN_OPTIONS UBSAN_OPTIONS
    else
        echo fail >>"$RESULTS"
    fi
fi

if has valgrind; then
    step "CLI tests under valgrind memcheck (two workers)"
    if ! command -v valgrind >/dev/null; then
        echo "skip valgrind: not installed"; echo skip >>"$RESULTS"
    elif [ $built = 1 ] || make -s -j$JOBS B=build build/hreeplan; then
        VG="valgrind -q --suppressions=$(pwd)/tests/valgrind.supp --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect,possible --show-leak-kinds=definite,indirect,possible"
        # the test files split in two halves of about equal valgrind time
        A="tests/cli/t_check.sh tests/cli/t_glpsol.sh tests/cli/t_export.sh tests/cli/t_lshaped.sh"
        B=$(ls tests/cli/t_*.sh | grep -v -e t_check.sh -e t_glpsol.sh -e t_export.sh -e t_lshaped.sh | tr '\n' ' ')
        LA=$(mktemp); LB=$(mktemp)
        HP_TESTS="$A" HP_WRAP="$VG" HP_VALGRIND=1 sh tests/cli/run.sh build/hreeplan >"$LA" 2>&1 &
        HP_TESTS="$B" HP_WRAP="$VG" HP_VALGRIND=1 sh tests/cli/run.sh build/hreeplan >"$LB" 2>&1
        wait
        cat "$LA" "$LB"; rm -f "$LA" "$LB"
    else
        echo fail >>"$RESULTS"
    fi
fi

p=$(grep -c '^pass$' "$RESULTS"); f=$(grep -c '^fail$' "$RESULTS"); s=$(grep -c '^skip$' "$RESULTS")
echo
echo "$p passed, $f failed, $s skipped"
[ "$f" -eq 0 ]
