#!/bin/sh
# make fuzz: libFuzzer (clang) on the two fuzz targets, FUZZ_SECONDS each
# (default 600); $1 picks one: loader or plan_read (default: both).
#  - loader (fuzz/fuzz_loader.c): the instance loader, validator and model
#    builder.  Seeds fuzz/corpus with every bundled instance and every test
#    case; @include has its own seeds (fuzz/corpus/seed-include-*.cfg).
#  - plan_read (fuzz/fuzz_plan_read.c): a plan read back (simulate --plan)
#    against fuzz/plan-instance.cfg.  fuzz/corpus-plan holds its committed
#    seeds: real plans (seed-plan-*.json, written by
#    `hreeplan plan fuzz/plan-instance.cfg --format json --no-timing`, also
#    with --objective risk and with more demand by --set) and hostile ones
#    (seed-hostile-*.json: 1e308, "NaN", negative, unknown names, huge
#    arrays, each check of the reader broken once).
# New coverage is kept in the corpus (commit it); every crash found becomes
# a file CORPUS/regress-*.
set -eu
SECS=${FUZZ_SECONDS:-600}
WHICH=${1:-all}
OUT=build/fuzz
command -v clang >/dev/null || { echo "make fuzz needs clang (apt-get install clang libclang-rt-14-dev)" >&2; exit 1; }
# the library built by the Makefile with coverage instrumentation, linked
# with the Makefile's own link line
make -s -j2 B="$OUT" CC=clang WITH_CBC=0 OPT="-g -O1 -fsanitize=fuzzer-no-link,address,undefined" "$OUT/libhreeplan.a"
# fuzz_one TARGET CORPUS MAX_LEN
fuzz_one() {
    mkdir -p "$2"
    clang -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined \
        -o "$OUT/fuzz_$1" "fuzz/fuzz_$1.c" "$OUT/libhreeplan.a" $(make -s WITH_CBC=0 print-libs)
    LSAN_OPTIONS=suppressions=$(pwd)/tests/lsan.supp "$OUT/fuzz_$1" -max_total_time="$SECS" -max_len="$3" -timeout=10 \
        -rss_limit_mb=2048 -artifact_prefix="$2/regress-" "$2"
    # keep the corpus small: merge into a minimal set (seeds and regressions stay)
    rm -rf "$OUT/min"; mkdir -p "$OUT/min"
    "$OUT/fuzz_$1" -merge=1 "$OUT/min" "$2" >/dev/null 2>&1
    find "$2" -type f ! -name 'regress-*' ! -name 'seed-*' -delete
    cp "$OUT/min"/* "$2"/ 2>/dev/null || true
    rm -rf "$OUT/min"
    echo "fuzz $1 corpus: $(ls "$2" | wc -l) files"
}
if [ "$WHICH" = all ] || [ "$WHICH" = loader ]; then
    for f in instances/*.cfg instances/scenarios/*.cfg tests/bad/*.cfg tests/valid/*.cfg tests/instances/*.cfg; do
        [ -f "$f" ] && cp "$f" "fuzz/corpus/seed-$(echo "$f" | tr '/' '_')"
    done
    fuzz_one loader fuzz/corpus 8192
fi
if [ "$WHICH" = all ] || [ "$WHICH" = plan_read ]; then
    # the hostile seeds with huge arrays are longer than 8192 bytes on purpose
    fuzz_one plan_read fuzz/corpus-plan 65536
fi
