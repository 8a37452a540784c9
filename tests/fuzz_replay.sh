#!/bin/sh
# Replays fuzz/corpus through the loader and model builder in the build $1
# (the sanitizer build in make test).
B=${1:-build/asan}
set -u
if ! ls fuzz/corpus/* >/dev/null 2>&1; then
    echo "skip fuzz corpus replay: fuzz/corpus is empty"; [ -n "${RESULTS:-}" ] && echo skip >>"$RESULTS"; exit 0
fi
if ${CC:-gcc} -std=c11 -D_POSIX_C_SOURCE=200809L -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
    -o "$B/fuzz_replay" fuzz/replay.c fuzz/fuzz_loader.c "$B/libhreeplan.a" \
    $(make -s print-libs) \
    && "$B/fuzz_replay" fuzz/corpus/*; then
    echo "ok   fuzz corpus replay"; [ -n "${RESULTS:-}" ] && echo pass >>"$RESULTS"
else
    echo "FAIL fuzz corpus replay"; [ -n "${RESULTS:-}" ] && echo fail >>"$RESULTS"
fi
exit 0
