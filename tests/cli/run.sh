#!/bin/sh
# CLI tests: run the real binary.  $1 is the binary.  HP_WRAP (e.g. valgrind)
# prefixes every run.  Each tests/cli/t_*.sh is sourced with the helpers of
# tests/cli/lib.sh; the time each file took is printed after it.  HP_TESTS
# (a list of files) runs only those.
set -u
HPBIN=$1
export HPBIN
TMP=$(mktemp -d); export TMP
trap 'rm -rf "$TMP"' EXIT
. tests/cli/lib.sh

for hp_file in ${HP_TESTS:-tests/cli/t_*.sh}; do
    [ -f "$hp_file" ] || continue
    hp_t0=$(date +%s)
    . "$hp_file"
    echo "--- $hp_file: $(( $(date +%s) - hp_t0 )) s"
done
cli_summary
