#!/bin/sh
# Performance bench: the cost-minimal plan of scaled instances solved, in one
# run on the same machine, by
#   lshaped    hreeplan plan --method lshaped (GLPK, all cores)
#   extensive  hreeplan plan --method extensive (GLPK dual simplex, cost then
#              the risk tie-break, as `plan` always does)
#   clp        hreeplan plan --method extensive --backend cbc (CLP), when built
#   glpsol     glpsol -m models/hreeplan.mod -d DATA (exported by hreeplan)
#   cbc        cbc on the exported free MPS (cbc FILE -solve)
#   pulp       bench/perf/pulp_model.py (PuLP + CBC) on the exported data
# Each is run RUNS times with a cap of CAP seconds per run; the table gives
# the median wall time, the ratio to lshaped, the peak RSS and the objective
# (expected cost, USD), with "ok" when it agrees with lshaped's to 1e-6.
# Only the expected costs are the same on every run of one binary.  A
# tool that hits the cap is not run at larger S for that shape.  Scenarios:
# --sample-scenarios S --seed 3.  Export and instance generation are not
# timed.
#
#   sh bench/perf/run.sh [-b HREEPLAN] [-r RUNS] [-c CAP] [-s "S ..."]
#                        [-g "SOURCESxQUARTERS ..."] [-t "TOOL ..."] [-o OUT]
#
# defaults: $HREEPLAN, else ./hreeplan; 3 runs, cap 120 s,
# S = "10 100 1000 10000", shapes "3x8 6x8 3x12 6x12", all tools; the table
# goes to stdout (and to OUT when given).  Needs /usr/bin/time, jq.
set -u
. "$(dirname "$0")/../provenance.sh"
HP=
RUNS=3
CAP=120
SIZES="10 100 1000 10000"
SHAPES="3x8 6x8 3x12 6x12"
TOOLS="lshaped extensive clp glpsol cbc pulp"
OUT=
while getopts b:r:c:s:g:t:o: opt; do
    case $opt in
    b) HP=$OPTARG ;;
    r) RUNS=$OPTARG ;;
    c) CAP=$OPTARG ;;
    s) SIZES=$OPTARG ;;
    g) SHAPES=$OPTARG ;;
    t) TOOLS=$OPTARG ;;
    o) OUT=$OPTARG ;;
    *) sed -n '2,26p' "$0"; exit 2 ;;
    esac
done
[ -n "$HP" ] || HP=$(hp_binary_default)
[ -x "$HP" ] || { echo "$HP: not built (make)" >&2; exit 1; }
command -v jq >/dev/null || { echo "jq not found" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time not found (apt-get install time)" >&2; exit 1; }
HERE=$(dirname "$0")
TMPD=$(mktemp -d)
trap 'rm -rf "$TMPD"' EXIT

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

has_tool() {
    case $1 in
    clp) "$HP" plan --help 2>/dev/null | grep -q cbc && "$HP" --version 2>/dev/null | grep -qi -e cbc -e clp ;;
    glpsol) command -v glpsol >/dev/null ;;
    cbc) command -v cbc >/dev/null ;;
    pulp) /usr/bin/python3 -c 'import pulp' 2>/dev/null && command -v cbc >/dev/null ;;
    *) return 0 ;;
    esac
}

# Every tool solves the two-stage model (--information two-stage): the
# L-shaped method and bench/perf/pulp_model.py know no scenario tree.

# run_tool TOOL CFG S: one timed run; prints "SECONDS RSS_KB OBJECTIVE" or
# "cap" / "fail".
run_tool() {
    tool=$1; cfg=$2; S=$3
    case $tool in
    lshaped) set -- "$HP" plan "$cfg" --sample-scenarios "$S" --seed 3 --information two-stage --method lshaped --format json ;;
    extensive) set -- "$HP" plan "$cfg" --sample-scenarios "$S" --seed 3 --information two-stage \
                   --method extensive --max-memory 100000 --format json ;;
    clp) set -- "$HP" plan "$cfg" --sample-scenarios "$S" --seed 3 --information two-stage \
             --method extensive --backend cbc --max-memory 100000 --format json ;;
    glpsol) set -- glpsol -m models/hreeplan.mod -d "$TMPD/data.dat" ;;
    cbc) set -- cbc "$TMPD/model.mps" -solve -quit ;;
    pulp) set -- /usr/bin/python3 "$HERE/pulp_model.py" "$TMPD/data.dat" ;;
    esac
    # timeout inside time: the solver itself gets the signal (TERM, then KILL
    # 5 s later), and time still reports the solver's peak RSS
    /usr/bin/time -f "%e %M" -o "$TMPD/time" timeout -k 5 "$CAP" "$@" >"$TMPD/out" 2>"$TMPD/err"
    rc=$?
    # 124: stopped by TERM; 137: killed 5 s later (a solver that does not
    # poll for signals)
    if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then echo cap; return; fi
    if [ "$rc" -ne 0 ]; then echo fail; return; fi
    case $tool in
    lshaped | extensive | clp) obj=$(jq -r .cost.total "$TMPD/out") ;;
    glpsol) obj=$(sed -n 's/^OBJ //p' "$TMPD/out") ;;
    cbc) obj=$(sed -n -e 's/^Objective value: *//p' -e 's/^Optimal objective \([^ ]*\).*/\1/p' \
                 "$TMPD/out" | head -n 1) ;;
    pulp) obj=$(sed -n 's/^OBJ //p' "$TMPD/out") ;;
    esac
    echo "$(tail -n 1 "$TMPD/time") ${obj:-?}"
}

{
echo "host: $(nproc) cores, $(uname -sr), load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null); runs $RUNS, cap $CAP s"
echo "binary: $(hp_provenance "$HP")"
echo "times, ratios and peak RSS vary with the machine; the expected costs are the same on every run of one binary"
echo
echo "| shape | S | tool | median s | / lshaped | peak RSS MB | expected cost USD | agrees |"
echo "|---|---|---|---|---|---|---|---|"
} | tee ${OUT:+"$OUT"}

for shape in $SHAPES; do
    /usr/bin/python3 "$HERE/gen.py" "$TMPD" "$shape" >/dev/null || exit 1
    cfg="$TMPD/perf-$shape.cfg"
    capped=""
    for S in $SIZES; do
        exported=0
        ref_t=""; ref_obj=""
        for tool in $TOOLS; do
            has_tool "$tool" || continue
            case " $capped " in *" $tool "*) echo "| $shape | $S | $tool | > $CAP (skipped) | | | | |" | tee -a ${OUT:+"$OUT"}; continue ;; esac
            case $tool in glpsol | cbc | pulp)
                if [ "$exported" -eq 0 ]; then
                    "$HP" export "$cfg" --sample-scenarios "$S" --seed 3 --information two-stage \
                        --mathprog-data "$TMPD/data.dat" --mps "$TMPD/model.mps" || exit 1
                    exported=1
                fi ;;
            esac
            : >"$TMPD/times"; rss=0; obj=""; status=ok
            i=0
            while [ "$i" -lt "$RUNS" ]; do
                r=$(run_tool "$tool" "$cfg" "$S")
                case $r in
                cap | fail) status=$r; break ;;
                esac
                set -- $r
                echo "$1" >>"$TMPD/times"
                [ "$2" -gt "$rss" ] && rss=$2
                obj=$3
                i=$((i + 1))
            done
            if [ "$status" != ok ]; then
                [ "$status" = cap ] && capped="$capped $tool"
                echo "| $shape | $S | $tool | ${status} (> $CAP s or error) | | | | |" | tee -a ${OUT:+"$OUT"}
                continue
            fi
            med=$(median <"$TMPD/times")
            if [ "$tool" = lshaped ]; then ref_t=$med; ref_obj=$obj; fi
            ratio=$(awk -v a="$med" -v b="${ref_t:-0}" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "-" }')
            agree=$(awk -v a="$obj" -v b="${ref_obj:-}" 'BEGIN {
                if (b == "" || a == "?") { print "-"; exit }
                d = a - b; if (d < 0) d = -d; s = b < 0 ? -b : b; if (s < 1) s = 1
                if (d <= 1e-6 * s) print "ok"; else printf "DIFF %.2g\n", d / s }')
            printf '| %s | %s | %s | %.3f | %s | %.0f | %.10g | %s |\n' "$shape" "$S" "$tool" "$med" \
                "$ratio" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" "$obj" "$agree" | tee -a ${OUT:+"$OUT"}
        done
    done
done
