#!/bin/sh
# Plan vs glpsol: wall time of `hreeplan plan` on an instance against glpsol
# solving the MathProg reference model (models/hreeplan.mod) on the same
# instance's exported data.  Both are timed end to end (reading, building,
# solving, reporting), 7 runs each, interleaved; prints the medians and their
# ratio.  The costs and glpsol's model size are the same on every run of one
# binary; the times and ratios are not (machine load: read the CPU medians).
#
#   sh bench/plan_vs_glpsol.sh [HREEPLAN [INSTANCE [RUNS [OPTION...]]]]
#
# defaults: $HREEPLAN, else ./hreeplan; instances/japan-2026-baseline.cfg, 7.
# OPTIONs go to both `export` and `plan` (e.g. --sample-scenarios 200).
# hreeplan's time includes its lexicographic tie-break solve and the report;
# glpsol's includes translating the model (one solve, output discarded).
set -eu
. "$(dirname "$0")/provenance.sh"
HP=${1:-$(hp_binary_default)}
INST=${2:-instances/japan-2026-baseline.cfg}
RUNS=${3:-7}
[ $# -gt 3 ] && shift 3 || set --
command -v glpsol >/dev/null || { echo "glpsol not found (apt-get install glpk-utils)" >&2; exit 1; }
[ -x "$HP" ] || { echo "$HP: not built (make)" >&2; exit 1; }
TMPD=$(mktemp -d)
trap 'rm -rf "$TMPD"' EXIT

"$HP" export "$INST" "$@" --mathprog-data "$TMPD/data.dat"
"$HP" plan "$INST" "$@" --format json >"$TMPD/plan.json"
glpsol -m models/hreeplan.mod -d "$TMPD/data.dat" >"$TMPD/glpsol.out"
echo "instance: $INST${*:+ (options: $*)}"
echo "binary: $(hp_provenance "$HP")"
echo "same for every run of this binary: the costs and the model size; the times vary with the machine"
echo "hreeplan cost.total: $(jq -r .cost.total "$TMPD/plan.json" 2>/dev/null || echo '?')   glpsol: $(sed -n 's/^OBJ //p' "$TMPD/glpsol.out")"
grep -E '^[0-9]+ rows, [0-9]+ columns' "$TMPD/glpsol.out" | head -n 1 | sed 's/^/glpsol model: /'

/usr/bin/python3 "$(dirname "$0")/interleave.py" "$RUNS" "hp=$HP plan $INST $*" \
    "glp=glpsol -m models/hreeplan.mod -d $TMPD/data.dat" >"$TMPD/t"
col() { awk -F'\t' -v l="$2" -v c="$1" '$1 == l { print $c }' "$TMPD/t"; }
mh=$(col 2 hp); mg=$(col 2 glp); ch=$(col 3 hp); cg=$(col 3 glp)
echo "runs: $RUNS each (interleaved, bench/interleave.py); load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
echo "hreeplan plan  median wall $mh s, cpu $ch s   (wall: $(col 4 hp))"
echo "glpsol (.mod)  median wall $mg s, cpu $cg s   (wall: $(col 4 glp))"
echo "$mh $mg $ch $cg" | awk '{ printf "ratio glpsol / hreeplan: wall %.2f, cpu %.2f\n", $2 / $1, $4 / $3 }'
