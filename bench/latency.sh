#!/bin/sh
# Latency of small runs: whole processes, start to exit, interleaved.
#
#   sh bench/latency.sh [HREEPLAN [INSTANCE [RUNS]]]
#
# defaults: $HREEPLAN, else ./hreeplan; instances/japan-2026-baseline.cfg; 30.
# Runs /bin/true, `hreeplan --version`, `hreeplan check INSTANCE`,
# `hreeplan plan INSTANCE`, `glpsol --version` and `glpsol -m
# models/hreeplan.mod -d DATA` (DATA from `hreeplan export --mathprog-data`)
# RUNS times each, one of each in turn (bench/interleave.py), and prints the
# medians of wall and CPU time (user + system of the child) and the ratios
# the goals are stated in: --version and check within 2x of /bin/true, the
# plan in at most 1/5 of glpsol's time on the same instance.  Then where the
# plan's CPU goes inside the process (HREEPLAN_PHASES=1, medians of 15 runs)
# and the shared libraries the binary loads at start.  The times vary with
# the machine's load (read the CPU columns on a busy machine); nothing is
# written to bench/results/.
set -eu
. "$(dirname "$0")/provenance.sh"
HP=${1:-$(hp_binary_default)}
INST=${2:-instances/japan-2026-baseline.cfg}
RUNS=${3:-30}
command -v glpsol >/dev/null || { echo "glpsol not found (apt-get install glpk-utils)" >&2; exit 1; }
[ -x "$HP" ] || { echo "$HP: not built (make)" >&2; exit 1; }
TMPD=$(mktemp -d)
trap 'rm -rf "$TMPD"' EXIT
"$HP" export "$INST" --mathprog-data "$TMPD/data.dat"
TRUE=$(command -v true); [ -x /bin/true ] && TRUE=/bin/true

echo "instance: $INST; $RUNS runs of each, interleaved"
echo "binary: $(hp_provenance "$HP")"
echo "shared libraries loaded at start: $(ldd "$HP" | grep -c '=>') ($(ldd "$HP" | awk '/=>/ { printf "%s%s", s, $1; s = " " }'))"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
/usr/bin/python3 "$(dirname "$0")/interleave.py" "$RUNS" \
    "true=$TRUE" \
    "version=$HP --version" \
    "check=$HP check $INST" \
    "plan=$HP plan $INST" \
    "glpsol_version=glpsol --version" \
    "glpsol=glpsol -m models/hreeplan.mod -d $TMPD/data.dat" >"$TMPD/t"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
awk -F'\t' -v inst="$INST" '
    { w[$1] = $2 * 1000; c[$1] = $3 * 1000; n[++k] = $1 }
    END {
        name["true"] = "/bin/true"; name["version"] = "hreeplan --version"
        name["check"] = "hreeplan check " inst; name["plan"] = "hreeplan plan " inst
        name["glpsol_version"] = "glpsol --version"; name["glpsol"] = "glpsol -m models/hreeplan.mod -d DATA"
        printf "%-52s %10s %10s\n", "median of the runs", "wall ms", "cpu ms"
        for (i = 1; i <= k; i++) printf "%-52s %10.2f %10.2f\n", name[n[i]], w[n[i]], c[n[i]]
        printf "ratio --version / true:   wall %.2f, cpu %.2f   (goal <= 2)\n", w["version"] / w["true"], c["version"] / c["true"]
        printf "ratio check / true:       wall %.2f, cpu %.2f   (goal <= 2)\n", w["check"] / w["true"], c["check"] / c["true"]
        printf "ratio glpsol / plan:      wall %.2f, cpu %.2f   (goal >= 5)\n", w["glpsol"] / w["plan"], c["glpsol"] / c["plan"]
        printf "plan above /bin/true:     wall %.2f ms, cpu %.2f ms; glpsol above /bin/true: wall %.2f ms, cpu %.2f ms\n", w["plan"] - w["true"], c["plan"] - c["true"], w["glpsol"] - w["true"], c["glpsol"] - c["true"]
    }' "$TMPD/t"

# Inside the plan: CPU per phase (cmd_plan.c, HREEPLAN_PHASES).  "start-up"
# is the process CPU clock at main(): exec, the dynamic loader, constructors.
i=0
while [ "$i" -lt 15 ]; do
    HREEPLAN_PHASES=1 "$HP" plan "$INST" 2>>"$TMPD/phases" >/dev/null || true
    i=$((i + 1))
done
grep -q '^hreeplan plan: cpu ms: ' "$TMPD/phases" ||
    { echo "plan phases: not reported (a binary without HREEPLAN_PHASES)"; exit 0; }
sed -n 's/^hreeplan plan: cpu ms: //p' "$TMPD/phases" | tr -d ',()' | awk '
    { for (f = 1; f <= NF; f++) if ($f ~ /^[0-9.]+$/) { v[++m[f], f] = $f; cols[f] = 1 }
      if (NR == 1) line = $0 }
    END {
        printf "plan phases (cpu ms, median of %d runs):", NR
        split(line, words, " ")
        for (f = 1; f <= NF; f++) {
            if (!(f in cols)) { printf " %s", words[f]; continue }
            n = m[f]; for (a = 1; a <= n; a++) x[a] = v[a, f]
            for (a = 1; a <= n; a++) for (b = a + 1; b <= n; b++) if (x[b] < x[a]) { t = x[a]; x[a] = x[b]; x[b] = t }
            printf " %.2f%s", (n % 2) ? x[(n + 1) / 2] : (x[n / 2] + x[n / 2 + 1]) / 2, f < NF ? "," : ""
        }
        printf "\n"
    }'
