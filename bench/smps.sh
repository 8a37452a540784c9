#!/bin/sh
# SMPS problems: `hreeplan smps` by the L-shaped method against the
# extensive form solved by GLPK and by CLP (--backend cbc) inside hreeplan,
# and against the cbc program on the deterministic equivalent (the extensive
# form written by `hreeplan smps --mps`, read and solved by cbc).  Every
# time is a whole process, end to end (reading, building, solving, output);
# runs are interleaved; medians of wall and CPU time.  The objectives are
# the same on every run of one binary; the times vary with the machine.
#
#   sh bench/smps.sh [HREEPLAN [RUNS]]
#
# Problems: LandS and cargo-16 from ../shared/smps (HP_SMPS_DIR; skipped
# when absent), the farmer (3 scenarios) and the farmer with independent
# yields on samples of 1,000 and 5,000 scenarios (tests/smps), and the
# sourcing model itself: instances/japan-2026-baseline.cfg (8 scenarios) and
# 200 sampled scenarios of it, written by `hreeplan export --smps`.
set -eu
. "$(dirname "$0")/provenance.sh"
HP=${1:-$(hp_binary_default)}
RUNS=${2:-5}
SH=${HP_SMPS_DIR:-../shared/smps}
[ -x "$HP" ] || { echo "$HP: not built (make)" >&2; exit 1; }
TMPD=$(mktemp -d)
trap 'rm -rf "$TMPD"' EXIT

timed() {
    /usr/bin/python3 - "$@" <<'EOF_PY'
import resource, subprocess, sys, time
t = time.perf_counter()
r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
w = time.perf_counter() - t
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%.6f %.6f" % (w, u.ru_utime + u.ru_stime) if r.returncode == 0 else "fail fail")
EOF_PY
}
median() { grep -v fail | sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a"; else printf "%.3f\n", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

has_cbc=0
"$HP" --version | grep -q '^CBC not built' || has_cbc=1
command -v cbc >/dev/null && has_cbcbin=1 || has_cbcbin=0

echo "binary: $(hp_provenance "$HP")"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null); runs: $RUNS each, interleaved"
printf '%-22s %9s %-30s %-30s %-30s %-30s\n' problem scenarios "lshaped wall/cpu s (iter)" \
    "extensive GLPK wall/cpu s" "extensive CLP wall/cpu s" "cbc on the DEP wall/cpu s"

bench() {
    name=$1; shift
    "$HP" smps "$@" --method lshaped --format json >"$TMPD/ls.json"
    "$HP" smps "$@" --method extensive --format json --mps "$TMPD/dep.mps" >"$TMPD/ex.json"
    objs="lshaped $(jq -r .objective "$TMPD/ls.json"), GLPK $(jq -r .objective "$TMPD/ex.json")"
    if [ "$has_cbc" = 1 ]; then
        "$HP" smps "$@" --method extensive --backend cbc --format json >"$TMPD/clp.json"
        objs="$objs, CLP $(jq -r .objective "$TMPD/clp.json")"
    fi
    if [ "$has_cbcbin" = 1 ]; then
        objs="$objs, cbc $(cbc "$TMPD/dep.mps" -solve 2>&1 | sed -n 's/^Optimal - objective value //p')"
    fi
    : >"$TMPD/t.ls"; : >"$TMPD/t.ex"; : >"$TMPD/t.clp"; : >"$TMPD/t.cbc"
    i=0
    while [ "$i" -lt "$RUNS" ]; do
        timed "$HP" smps "$@" --method lshaped >>"$TMPD/t.ls"
        timed "$HP" smps "$@" --method extensive >>"$TMPD/t.ex"
        [ "$has_cbc" = 1 ] && timed "$HP" smps "$@" --method extensive --backend cbc >>"$TMPD/t.clp"
        [ "$has_cbcbin" = 1 ] && timed cbc "$TMPD/dep.mps" -solve >>"$TMPD/t.cbc"
        i=$((i + 1))
    done
    cell() { echo "$(cut -d' ' -f1 "$1" | median)/$(cut -d' ' -f2 "$1" | median)"; }
    printf '%-22s %9s %-30s %-30s %-30s %-30s\n' "$name" "$(jq -r .scenarios "$TMPD/ls.json")" \
        "$(cell "$TMPD/t.ls") ($(jq -r .iterations "$TMPD/ls.json"))" "$(cell "$TMPD/t.ex")" \
        "$(cell "$TMPD/t.clp")" "$(cell "$TMPD/t.cbc")"
    echo "    objectives: $objs"
}

if [ -f "$SH/lands/lands.cor" ]; then
    bench LandS "$SH/lands/lands.cor" "$SH/lands/lands.tim" "$SH/lands/lands.sto"
    bench cargo-16 "$SH/cargo/4node.cor" "$SH/cargo/4node.tim" "$SH/cargo/4node-16.sto"
fi
T=tests/smps
bench farmer $T/farmer.cor $T/farmer.tim $T/farmer.sto
bench "farmer-indep 1000" $T/farmer.cor $T/farmer.tim $T/farmer-indep.sto --sample-scenarios 1000 --seed 1
bench "farmer-indep 5000" $T/farmer.cor $T/farmer.tim $T/farmer-indep.sto --sample-scenarios 5000 --seed 1
B=instances/japan-2026-baseline.cfg
"$HP" export "$B" --smps "$TMPD/base" 2>/dev/null
bench "baseline (export)" "$TMPD/base.cor" "$TMPD/base.tim" "$TMPD/base.sto"
"$HP" export "$B" --sample-scenarios 200 --seed 1 --smps "$TMPD/base200" 2>/dev/null
bench "baseline SAA 200" "$TMPD/base200.cor" "$TMPD/base200.tim" "$TMPD/base200.sto"
