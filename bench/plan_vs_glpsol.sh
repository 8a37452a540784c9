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

# timed CMD...: runs CMD (output discarded), prints "WALL CPU" in seconds
# (CPU = user + system of the child: robust when other jobs share the cores).
timed() {
    /usr/bin/python3 - "$@" <<'EOF_PY'
import resource, subprocess, sys, time
t = time.perf_counter()
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
w = time.perf_counter() - t
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%.6f %.6f" % (w, r.ru_utime + r.ru_stime))
EOF_PY
}
# median of the numbers on stdin
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

"$HP" export "$INST" "$@" --mathprog-data "$TMPD/data.dat"
"$HP" plan "$INST" "$@" --format json >"$TMPD/plan.json"
glpsol -m models/hreeplan.mod -d "$TMPD/data.dat" >"$TMPD/glpsol.out"
echo "instance: $INST${*:+ (options: $*)}"
echo "binary: $(hp_provenance "$HP")"
echo "same for every run of this binary: the costs and the model size; the times vary with the machine"
echo "hreeplan cost.total: $(jq -r .cost.total "$TMPD/plan.json" 2>/dev/null || echo '?')   glpsol: $(sed -n 's/^OBJ //p' "$TMPD/glpsol.out")"
grep -E '^[0-9]+ rows, [0-9]+ columns' "$TMPD/glpsol.out" | head -n 1 | sed 's/^/glpsol model: /'

: >"$TMPD/t.hp"; : >"$TMPD/t.glp"
i=0
while [ "$i" -lt "$RUNS" ]; do
    timed "$HP" plan "$INST" "$@" >>"$TMPD/t.hp"
    timed glpsol -m models/hreeplan.mod -d "$TMPD/data.dat" >>"$TMPD/t.glp"
    i=$((i + 1))
done
col() { cut -d' ' -f"$1" "$2"; }
mh=$(col 1 "$TMPD/t.hp" | median); mg=$(col 1 "$TMPD/t.glp" | median)
ch=$(col 2 "$TMPD/t.hp" | median); cg=$(col 2 "$TMPD/t.glp" | median)
echo "runs: $RUNS each (interleaved); load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
echo "hreeplan plan  median wall $mh s, cpu $ch s   (wall: $(col 1 "$TMPD/t.hp" | tr '\n' ' '))"
echo "glpsol (.mod)  median wall $mg s, cpu $cg s   (wall: $(col 1 "$TMPD/t.glp" | tr '\n' ' '))"
echo "$mh $mg $ch $cg" | awk '{ printf "ratio glpsol / hreeplan: wall %.2f, cpu %.2f\n", $2 / $1, $4 / $3 }'
