#!/bin/sh
# make fuzz: libFuzzer (clang) on the loader and validator.  Seeds the corpus
# with every bundled instance and every test case, runs FUZZ_SECONDS
# (default 600), and keeps new coverage in fuzz/corpus (commit it; every
# crash found becomes a file in fuzz/corpus/regress-*).
set -eu
SECS=${FUZZ_SECONDS:-600}
OUT=build/fuzz
mkdir -p "$OUT" fuzz/corpus
command -v clang >/dev/null || { echo "make fuzz needs clang (apt-get install clang libclang-rt-14-dev)" >&2; exit 1; }
# the library built by the Makefile with coverage instrumentation, linked
# with the Makefile's own link line
make -s -j2 B="$OUT" CC=clang WITH_CBC=0 OPT="-g -O1 -fsanitize=fuzzer-no-link,address,undefined" "$OUT/libhreeplan.a"
clang -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined \
    -o "$OUT/fuzz_loader" fuzz/fuzz_loader.c "$OUT/libhreeplan.a" $(make -s WITH_CBC=0 print-libs)
for f in instances/*.cfg instances/scenarios/*.cfg tests/bad/*.cfg tests/valid/*.cfg tests/instances/*.cfg; do
    [ -f "$f" ] && cp "$f" "fuzz/corpus/seed-$(echo "$f" | tr '/' '_')"
done
LSAN_OPTIONS=suppressions=$(pwd)/tests/lsan.supp "$OUT/fuzz_loader" -max_total_time="$SECS" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix=fuzz/corpus/regress- fuzz/corpus
# keep the corpus small: merge into a minimal set
mkdir -p "$OUT/min"
"$OUT/fuzz_loader" -merge=1 "$OUT/min" fuzz/corpus >/dev/null 2>&1
find fuzz/corpus -type f ! -name 'regress-*' ! -name 'seed-*' -delete
cp "$OUT/min"/* fuzz/corpus/ 2>/dev/null || true
rm -rf "$OUT/min"
echo "fuzz corpus: $(ls fuzz/corpus | wc -l) files"
