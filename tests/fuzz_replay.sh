#!/bin/sh
# Replays the fuzz corpora in the build $1 (the sanitizer build in make
# test): fuzz/corpus through the loader and model builder
# (fuzz/fuzz_loader.c), fuzz/corpus-plan through the plan reader against
# fuzz/plan-instance.cfg (fuzz/fuzz_plan_read.c).  Each is one result.
B=${1:-build/asan}
set -u
# replay NAME TARGET.c CORPUS
replay() {
    if ! ls "$3"/* >/dev/null 2>&1; then
        echo "skip fuzz $1 replay: $3 is empty"; [ -n "${RESULTS:-}" ] && echo skip >>"$RESULTS"; return 0
    fi
    if ${CC:-gcc} -std=c11 -D_POSIX_C_SOURCE=200809L -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
        -o "$B/fuzz_replay_$1" fuzz/replay.c "$2" "$B/libhreeplan.a" \
        $(make -s print-libs) \
        && "$B/fuzz_replay_$1" "$3"/*; then
        echo "ok   fuzz $1 replay"; [ -n "${RESULTS:-}" ] && echo pass >>"$RESULTS"
    else
        echo "FAIL fuzz $1 replay"; [ -n "${RESULTS:-}" ] && echo fail >>"$RESULTS"
    fi
    return 0
}
replay corpus fuzz/fuzz_loader.c fuzz/corpus
replay plan-read fuzz/fuzz_plan_read.c fuzz/corpus-plan
exit 0
