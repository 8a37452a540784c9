# hreeplan reliability (issue 6), sourced by tests/cli/run.sh with $HPBIN,
# $TMP and the helpers of lib.sh: failures that tell the truth (infeasible
# instances, solver limits), I/O failures that leave no file, signals,
# byte-identical output, absurd numbers and size limits.  tests/README.md
# lists every failure mode and where it is tested.
#
# Under valgrind ($HP_VALGRIND) the tests that need wall-clock behaviour
# (time limits, signals against a running sweep) or a large model are
# skipped: valgrind runs 20-50 times slower, which changes what a 1 s limit
# or a 1 s sleep catches.  Under the sanitizers ($HP_SAN) the memory-limit
# test is skipped (AddressSanitizer reserves terabytes of virtual memory, so
# `ulimit -v` stops it from starting).

rl=$TMP/reliability
mkdir -p "$rl"
rl_inf=tests/instances/infeasible-storage.cfg
rl_lp=tests/instances/reliability-lp.cfg
rl_hard=tests/instances/hard-mip.cfg
rl_base=instances/japan-2026-baseline.cfg
rl_small=tests/instances/storage.cfg
rl_slow=1
[ -n "${HP_VALGRIND:-}" ] && rl_slow=0
rl_jq() { jq -r "$1" "$2" 2>/dev/null; }
rl_jqe() { jq -e "$@" >/dev/null 2>&1; }
# rl_only DIR NAME...: DIR holds exactly the entries NAME... (sorted), or
# nothing at all without NAMEs: no output and no temporary file was left.
rl_only() { rl_od=$1; shift; test "$(ls -A "$rl_od" | tr '\n' ' ')" = "$(for rl_on in "$@"; do echo "$rl_on"; done | sort | tr '\n' ' ')"; }

# ---- infeasible: storage limit against stock on hand ---------------------
# tests/instances/infeasible-storage.cfg: 100 t of Dy2O3 on hand, 10 t
# demanded per quarter, storage limit 20 t; stock cannot be thrown away, so
# at least 90 t (70 over) end 2026Q1 and 80 t (60 over) end 2026Q2.  Tb4O7
# is feasible on its own.
mkdir "$rl/inf"
expect "infeasible: plan exits 3" 3 plan "$rl_inf" -o "$rl/inf/plan.json"
check "infeasible: says no plan satisfies the hard constraints" grep -q "no plan satisfies the hard constraints" "$TMP/err"
check "infeasible: FILE:LINE: path of the storage limit" \
    grep -q "^$rl_inf:10: products\[0\]\.storage_limit: the limit of 20 t of Dy2O3" "$TMP/err"
check "infeasible: 2026Q1 over by 70 t" grep -q "exceeded by 70 t in 2026Q1" "$TMP/err"
check "infeasible: 2026Q2 over by 60 t" grep -q "exceeded by 60 t in 2026Q2" "$TMP/err"
check "infeasible: the feasible product is not named" sh -c "! grep -q Tb4O7 '$TMP/err'"
check "infeasible: nothing on stdout" test ! -s "$TMP/out"
check "infeasible: no -o file and no temporary file" rl_only "$rl/inf"
expect "infeasible: risk-minimal plan exits 3" 3 plan "$rl_inf" --objective risk -o "$rl/inf/plan.json"
check "infeasible: risk-minimal names 2026Q2" grep -q "exceeded by 60 t in 2026Q2" "$TMP/err"
expect "infeasible: pareto exits 3" 3 pareto "$rl_inf" -o "$rl/inf/front.json"
check "infeasible: pareto names the storage limit" grep -q "products\[0\]\.storage_limit" "$TMP/err"
expect "infeasible: simulate exits 3" 3 simulate "$rl_inf" --samples 10 -o "$rl/inf/sim.json"
check "infeasible: no pareto or simulate file" rl_only "$rl/inf"
# compare reports every instance it can and marks the others: the table is
# written and the exit code is the worst instance's (3 here).
expect "infeasible: compare exits 3" 3 compare "$rl_inf" "$rl_small" --format json -o "$rl/inf/cmp.json"
check "infeasible: compare names the storage limit" grep -q "exceeded by 70 t in 2026Q1" "$TMP/err"
check "infeasible: compare still reports the feasible instance" test -s "$rl/inf/cmp.json"
check "infeasible: compare marks the infeasible one" grep -q '"infeasible"' "$rl/inf/cmp.json"

# ---- solver limits -----------------------------------------------------
# tests/instances/hard-mip.cfg (measured in its header): a plan after
# 0.05-0.1 s, not optimal after 30 s.  Exit 4 cannot be had from
# `--time-limit 1` without a model whose LP relaxation alone takes many
# seconds (slow to build, slower under the sanitizers): the same MIP on 200
# sampled paths needs ~1,700 simplex iterations before any plan exists, and
# a 1 ms limit stops it there on any machine.
if [ $rl_slow = 1 ]; then
    mkdir "$rl/limit"
    expect "time limit: a MIP stopped with a plan exits 0" 0 plan "$rl_hard" --time-limit 1 --format json --no-timing -o "$rl/limit/tl.json"
    check "time limit: status time_limit" test "$(rl_jq .status "$rl/limit/tl.json")" = time_limit
    check "time limit: gap > 0" rl_jqe '.gap > 0' "$rl/limit/tl.json"
    check "time limit: the plan orders something" rl_jqe '(.orders | length) > 0' "$rl/limit/tl.json"
    # the incumbent is a plan: every balance closes (arrivals + spot + unmet
    # + stock before = demand + stock after), stock within 0..3 t
    check "time limit: the plan's stock balance closes" rl_jqe \
        '[.balance as $b | range(0; $b | length) | . as $i | $b[$i] |
          (.arrivals + .spot + .unmet + .in_transit + (if $i == 0 then 0 else $b[$i - 1].inventory end) - .demand - .inventory) | fabs] | max < 1e-6' \
        "$rl/limit/tl.json"
    check "time limit: stock within the storage limit" rl_jqe '[.balance[].inventory] | (min > -1e-6 and max < 3 + 1e-6)' "$rl/limit/tl.json"
    expect "time limit: text report says time_limit" 0 plan "$rl_hard" --time-limit 1
    check "time limit: text status line with the gap" grep -Eq '^  status +time_limit, gap [0-9.]+ %' "$TMP/out"
    expect "time limit: no plan exits 4" 4 plan "$rl_hard" --sample-scenarios 200 --time-limit 0.001 -o "$rl/limit/none.json"
    check "time limit: exit 4 says why" grep -q "stopped (time_limit) without a feasible plan" "$TMP/err"
    check "time limit: exit 4 leaves no file" rl_only "$rl/limit" tl.json
    expect "gap limit: a MIP stopped on the gap exits 0" 0 plan "$rl_hard" --mip-gap 0.5 --time-limit 30 --format json --no-timing
    check "gap limit: status gap_limit (or optimal), gap <= 0.5" \
        rl_jqe '(.status == "gap_limit" or .status == "optimal") and .gap <= 0.5' "$TMP/out"
fi

# ---- I/O failures: every command with -o --------------------------------
# rl_io NAME CODE OUT [REASON]: each command writing to OUT must exit CODE
# with a message naming OUT (and giving REASON, the system's words, when
# given; export --lp/--mps are written by GLPK, which gives no reason).
# $rl_cmds picks the commands (all of them, but under valgrind only plan
# and export where the path cannot even be opened).
rl_all="plan pareto compare simulate mathprog lp mps"
rl_cmds=$rl_all
[ $rl_slow = 0 ] && rl_cmds="plan mathprog lp"
rl_io() {
    rl_n=$1; rl_c=$2; rl_t=$3; rl_why=${4:-}
    for rl_cmd in $rl_cmds; do
        case $rl_cmd in
        plan) expect "$rl_n: plan" "$rl_c" plan "$rl_lp" -o "$rl_t" ;;
        pareto) expect "$rl_n: pareto" "$rl_c" pareto "$rl_lp" --points 3 -o "$rl_t" ;;
        compare) expect "$rl_n: compare" "$rl_c" compare "$rl_lp" "$rl_small" -o "$rl_t" ;;
        simulate) expect "$rl_n: simulate" "$rl_c" simulate "$rl_lp" --samples 100 -o "$rl_t" ;;
        mathprog) expect "$rl_n: export --mathprog-data" "$rl_c" export "$rl_lp" --mathprog-data "$rl_t" ;;
        lp) expect "$rl_n: export --lp" "$rl_c" export "$rl_lp" --lp "$rl_t" ;;
        mps) expect "$rl_n: export --mps" "$rl_c" export "$rl_lp" --mps "$rl_t" ;;
        esac
        check "$rl_n: $rl_cmd: the message names the file" grep -qF "$rl_t" "$TMP/err"
        case $rl_cmd in lp | mps) continue ;; esac
        [ -n "$rl_why" ] && check "$rl_n: $rl_cmd: the message gives the reason" grep -qF "$rl_t: cannot write: $rl_why" "$TMP/err"
    done
    return 0
}
mkdir "$rl/io"
rl_io "-o into a missing directory" 1 /nonexistent-dir/x.json "No such file or directory"
: >"$rl/io/afile"
rl_io "-o below a regular file" 1 "$rl/io/afile/x.json" "Not a directory"
check "-o below a regular file: nothing created" rl_only "$rl/io" afile
if [ "$(id -u)" != 0 ]; then
    mkdir "$rl/io/ro"
    chmod 555 "$rl/io/ro"
    rl_io "-o into a read-only directory" 1 "$rl/io/ro/x.json" "Permission denied"
    check "-o into a read-only directory: nothing created" rl_only "$rl/io/ro"
    chmod 755 "$rl/io/ro"
else
    # root ignores directory permissions; /proc refuses new files even to root
    rl_io "-o into an unwritable directory (/proc)" 1 /proc/hreeplan-test.json
fi

# A full disk: writing into a device that refuses every write.  /dev/full
# itself is used by an ordinary user; as root a private node of the same
# device is made, since a run that replaced the target by a regular file
# would replace /dev/full for the whole machine.  The device must still be
# a device afterwards: output to a device (/dev/stdout, /dev/null, a FIFO)
# is written through it, not replaced.  (Regression test: -o DEVICE.)
rl_full=; rl_null=
if [ "$(id -u)" = 0 ]; then
    mkdir "$rl/io/dev"
    mknod "$rl/io/dev/full" c 1 7 2>/dev/null && rl_full=$rl/io/dev/full
    mknod "$rl/io/dev/null" c 1 3 2>/dev/null && rl_null=$rl/io/dev/null
elif [ ! -w /dev ]; then
    [ -c /dev/full ] && rl_full=/dev/full
    [ -c /dev/null ] && rl_null=/dev/null
fi
rl_cmds=$rl_all
if [ -n "$rl_full" ]; then
    rl_io "-o /dev/full" 1 "$rl_full" "No space left on device"
    check "-o /dev/full: still a device" test -c "$rl_full"
else
    skip "-o /dev/full" "no device node that may be written"
fi
# -o /dev/null (like /dev/stdout) is a device too: the report goes through.
if [ -n "$rl_null" ]; then
    expect "-o /dev/null: exit 0" 0 plan "$rl_lp" -o "$rl_null"
    check "-o /dev/null: still a device" test -c "$rl_null"
    expect "-o /dev/null: export exit 0" 0 export "$rl_lp" --lp "$rl_null"
    check "-o /dev/null: export leaves it a device" test -c "$rl_null"
fi
[ -n "$rl_full" ] && [ -n "$rl_null" ] && [ "$(id -u)" = 0 ] &&
    check "-o DEVICE: no temporary file beside the devices" rl_only "$rl/io/dev" full null
[ "$(id -u)" != 0 ] && check "-o DEVICE: no temporary file in /dev" sh -c '! ls /dev/full.tmp* /dev/null.tmp* >/dev/null 2>&1'

# A file system that fills up: a 16 KiB tmpfs, filled before each run, so
# that the report's write fails (ENOSPC) after its temporary file was made.
rl_mnt=$rl/io/tmpfs
mkdir "$rl_mnt"
if mount -t tmpfs -o size=16k hreeplan-test "$rl_mnt" 2>/dev/null; then
    dd if=/dev/zero of="$rl_mnt/fill" bs=1024 count=64 2>/dev/null
    rl_io "-o on a full file system" 1 "$rl_mnt/x.json" "No space left on device"
    check "-o on a full file system: no report, no temporary file" rl_only "$rl_mnt" fill
    # room for a small report again: the same run succeeds
    rm -f "$rl_mnt/fill"
    expect "-o on a file system with room: exit 0" 0 plan "$rl_small" --format csv -o "$rl_mnt/x.csv"
    check "-o on a file system with room: only the report" rl_only "$rl_mnt" x.csv
    umount "$rl_mnt"
else
    skip "-o on a full file system" "mounting a tmpfs is not permitted here"
fi
# What was written with -o is what stdout shows, and gets the usual mode.
expect "-o: the report" 0 plan "$rl_lp" --format json --no-timing -o "$rl/io/r.json"
expect "-o: the same on stdout" 0 plan "$rl_lp" --format json --no-timing
check "-o: the file equals stdout" same_but_run "$TMP/out" "$rl/io/r.json"
check "-o: the run record names the output" test "$(jq -c '.run.argv[-2:]' "$rl/io/r.json")" = "[\"-o\",\"$rl/io/r.json\"]"
check "-o: the file is readable by others as umask 022 allows (regression: -o mode 0600)" \
    sh -c "umask 022; '$HPBIN' plan '$rl_small' -o '$rl/io/m.txt' && ls -l '$rl/io/m.txt' | grep -q '^-rw-r--r--'"

# ---- signals ------------------------------------------------------------
# rl_sig NAME SIG READY SECONDS LIMIT CMD...: starts CMD with -o in the
# background, waits until its stderr matches READY (at most 60 s; "-" waits
# SECONDS instead), sends SIG, and expects exit 1 with "interrupted" within
# LIMIT seconds, and neither the report nor a temporary file.
rl_sig() {
    rl_n=$1; rl_sg=$2; rl_ready=$3; rl_secs=$4; rl_lim=$5; shift 5
    rl_d=$rl/sig-$rl_sg-$(echo "$rl_n" | tr -c 'a-z0-9\n' '-'); mkdir -p "$rl_d"
    ${HP_WRAP:-} "$HPBIN" "$@" -o "$rl_d/out" >/dev/null 2>"$rl_d/err.log" &
    rl_pid=$!
    if [ "$rl_ready" = - ]; then
        sleep "$rl_secs"
    else
        rl_i=0
        while [ $rl_i -lt 600 ] && ! grep -q "$rl_ready" "$rl_d/err.log" 2>/dev/null && kill -0 $rl_pid 2>/dev/null; do
            sleep 0.1; rl_i=$((rl_i + 1))
        done
    fi
    kill -s "$rl_sg" $rl_pid 2>/dev/null
    rl_i=0
    while [ $rl_i -lt $((rl_lim * 10)) ] && kill -0 $rl_pid 2>/dev/null; do sleep 0.1; rl_i=$((rl_i + 1)); done
    if kill -0 $rl_pid 2>/dev/null; then
        kill -s KILL $rl_pid 2>/dev/null; wait $rl_pid 2>/dev/null
        bad "$rl_n: stops within $rl_lim s of SIG$rl_sg" "still running; killed"
        return 0
    fi
    wait $rl_pid; rl_rc=$?
    check "$rl_n: exit 1 after SIG$rl_sg (got $rl_rc)" test $rl_rc -eq 1
    check "$rl_n: says interrupted" grep -q "interrupted" "$rl_d/err.log"
    check "$rl_n: no report and no temporary file" rl_only "$rl_d" err.log
}
if [ $rl_slow = 1 ]; then
    # 1000 points on 100 sampled paths: about 5 s; interrupted after point 2
    rl_sig "pareto SIGINT" INT "pareto: 2/" 0 20 pareto "$rl_base" --sample-scenarios 100 --points 1000 --progress
    rl_sig "pareto SIGTERM" TERM "pareto: 2/" 0 20 pareto "$rl_base" --sample-scenarios 100 --points 1000 --progress
    # a single long MIP solve (minutes without a limit) must stop too, within
    # 5 s (regression: plan ignored SIGINT and SIGTERM until the solve ended)
    rl_sig "plan of a long MIP SIGTERM" TERM - 1 5 plan "$rl_hard"
    rl_sig "plan of a long MIP SIGINT" INT - 1 5 plan "$rl_hard"
fi
# 2 x 10^7 paths take about 10 s; interrupted after 1 s (under valgrind the
# plan may still be solving: the flag is then seen when the paths start)
rl_wait=1
[ $rl_slow = 0 ] && rl_wait=8 # valgrind needs seconds to reach main()
rl_sig "simulate SIGINT" INT - $rl_wait 30 simulate "$rl_lp" --samples 20000000
rl_sig "simulate SIGTERM" TERM - $rl_wait 30 simulate "$rl_lp" --samples 20000000 --progress

# ---- determinism --------------------------------------------------------
# Each command twice, in each format, without timing: byte-identical
# (under valgrind JSON only: the formats are written from the same data).
rl_fmts="text csv json"
[ $rl_slow = 0 ] && rl_fmts=json
rl_twice() {
    rl_n=$1; shift
    for rl_f in $rl_fmts; do
        hp "$@" --format $rl_f --no-timing >"$rl/det1" 2>/dev/null
        hp "$@" --format $rl_f --no-timing >"$rl/det2" 2>/dev/null
        check "determinism: $rl_n $rl_f twice byte-identical" sh -c "test -s '$rl/det1' && cmp -s '$rl/det1' '$rl/det2'"
    done
}
rl_twice plan plan "$rl_lp"
rl_twice "risk-minimal plan" plan "$rl_lp" --objective risk
rl_twice pareto pareto "$rl_lp" --points 5
rl_twice compare compare "$rl_lp" "$rl_small"
rl_twice simulate simulate "$rl_lp" --samples 2000
rl_twice "simulate lp recourse" simulate "$rl_lp" --samples 20 --recourse lp
rl_twice "plan --sample-scenarios 20 --seed 5" plan "$rl_base" --sample-scenarios 20 --seed 5
rl_twice "pareto --sample-scenarios 20 --seed 5" pareto "$rl_base" --sample-scenarios 20 --seed 5 --points 4
hp plan "$rl_base" --sample-scenarios 20 --seed 6 --format json --no-timing >"$rl/det3" 2>/dev/null
check "determinism: another seed gives another plan" sh -c "! cmp -s '$rl/det2' '$rl/det3'"
# with timing, only the timing fields differ
hp plan "$rl_lp" --format json >"$rl/det1" 2>/dev/null
hp plan "$rl_lp" --format json >"$rl/det2" 2>/dev/null
check "determinism: plan json with timing equal but for solver.seconds" \
    sh -c "jq -S 'del(.solver.seconds)' '$rl/det1' >'$rl/det1s' && jq -S 'del(.solver.seconds)' '$rl/det2' >'$rl/det2s' && cmp -s '$rl/det1s' '$rl/det2s'"
# thread counts: OpenBLAS 1 vs 2 threads, and --threads
for rl_f in $rl_fmts; do
    (OPENBLAS_NUM_THREADS=1; export OPENBLAS_NUM_THREADS; hp simulate "$rl_lp" --samples 5000 --no-timing --format $rl_f >"$rl/thr1" 2>/dev/null)
    (OPENBLAS_NUM_THREADS=2; export OPENBLAS_NUM_THREADS; hp simulate "$rl_lp" --samples 5000 --no-timing --format $rl_f >"$rl/thr2" 2>/dev/null)
    hp simulate "$rl_lp" --samples 5000 --no-timing --format $rl_f --threads 3 >"$rl/thr3" 2>/dev/null
    check "determinism: simulate $rl_f with 1 and 2 OpenBLAS threads identical" sh -c "test -s '$rl/thr1' && cmp -s '$rl/thr1' '$rl/thr2'"
    check "determinism: simulate $rl_f with --threads 3 identical" same_but_run "$rl/thr1" "$rl/thr3"
done

# ---- absurd numbers -----------------------------------------------------
# Finite numbers that would break the solver's numerics are refused by
# `check` (exit 2) naming the setting; tiny positive ones that break it are
# in the bad-input catalogue (tests/bad/absurd-*.cfg, checked by t_check.sh).
rl_absurd() {
    rl_n=$1; rl_path=$2; shift 2
    { echo 'name = "absurd"; start = "2026Q1"; quarters = 2;'; printf '%s\n' "$@"; } >"$rl/absurd-$rl_n.cfg"
    expect "absurd $rl_n: check exits 2" 2 check "$rl/absurd-$rl_n.cfg"
    check "absurd $rl_n: FILE:LINE: first" grep -Eq "^$rl/absurd-$rl_n.cfg:[2-4]: " "$TMP/err"
    check "absurd $rl_n: names $rl_path" grep -qF ": $rl_path: too large for the solver's numerics" "$TMP/err"
    expect "absurd $rl_n: plan exits 2" 2 plan "$rl/absurd-$rl_n.cfg"
}
rl_p='products = ( { id = "Dy"; demand = 10.0; shortage_penalty = 1.0e6; } );'
rl_s='suppliers = ( { id = "cn"; region = "CN"; offers = ( { product = "Dy"; price = 100.0; capacity = 20.0; } ); } );'
rl_absurd price 'suppliers[0].offers[0].price' "$rl_p" \
    'suppliers = ( { id = "cn"; region = "CN"; offers = ( { product = "Dy"; price = 1.0e300; capacity = 20.0; } ); } );'
rl_absurd demand 'products[0].demand' \
    'products = ( { id = "Dy"; demand = 1.0e20; shortage_penalty = 1.0e6; } );' "$rl_s"
rl_absurd penalty 'products[0].shortage_penalty' \
    'products = ( { id = "Dy"; demand = 10.0; shortage_penalty = 1.0e300; } );' "$rl_s"
rl_absurd spot 'products[0].spot.price' \
    'products = ( { id = "Dy"; demand = 10.0; shortage_penalty = 1.0e6; spot = { price = 1.0e300; }; } );' "$rl_s"
rl_absurd fixed-cost 'suppliers[0].contract.fixed_cost' "$rl_p" \
    'suppliers = ( { id = "cn"; region = "CN"; contract = { fixed_cost = 1.0e300; }; offers = ( { product = "Dy"; price = 100.0; capacity = 20.0; } ); } );'
rl_absurd quota 'restrictions[0].limit' "$rl_p" "$rl_s" \
    'restrictions = ( { type = "quota"; region = "CN"; limit = 1.0e300; } );'

# ---- size limits --------------------------------------------------------
{ echo 'name = "long"; start = "2026Q1"; quarters = 401;'; echo "$rl_p"; echo "$rl_s"; } >"$rl/quarters.cfg"
expect "size: 401 quarters refused" 2 check "$rl/quarters.cfg"
check "size: 401 quarters, message names quarters and the limit" grep -q "quarters: .*400.*got 401" "$TMP/err"
# rl_many NAME WHAT LIMIT FILE: check refuses FILE, naming WHAT and LIMIT
rl_many() {
    expect "size: $1 refused" 2 check "$4"
    check "size: $1: message names $2 and the limit" grep -q "$2: too many .* (at most $3), got $(($3 + 1))" "$TMP/err"
}
rl_head='name = "many"; start = "2026Q1"; quarters = 2;'
{ echo "$rl_head"; echo "$rl_p"; echo 'suppliers = ('
  awk 'BEGIN { for (i = 0; i < 257; i++) printf "%s{ id = \"s%d\"; region = \"CN\"; offers = ( { product = \"Dy\"; price = 100.0; capacity = 1.0; } ); }\n", (i ? "," : " "), i }'
  echo ');'; } >"$rl/suppliers.cfg"
rl_many "257 suppliers" suppliers 256 "$rl/suppliers.cfg"
{ echo "$rl_head"; echo "$rl_p"; echo "$rl_s"; echo 'disruptions = { events = ('
  awk 'BEGIN { for (i = 0; i < 1025; i++) printf "%s{ name = \"e%d\"; region = \"CN\"; probability = 0.01; duration = [1, 1]; factor = 0.5; }\n", (i ? "," : " "), i }'
  echo '); };'; } >"$rl/events.cfg"
rl_many "1025 disruption events" disruptions.events 1024 "$rl/events.cfg"
if [ $rl_slow = 1 ]; then
    # 5 MB of scenarios: slow to parse under valgrind
    { echo "$rl_head"; echo "$rl_p"; echo "$rl_s"; echo 'scenarios = ('
      awk 'BEGIN { for (i = 0; i < 100001; i++) printf "%s{ name = \"s%d\"; probability = 0.0000099999; }\n", (i ? "," : " "), i }'
      echo ');'; } >"$rl/scenarios.cfg"
    rl_many "100001 scenarios" scenarios 100000 "$rl/scenarios.cfg"
    rm -f "$rl/scenarios.cfg"
fi
expect "size: --sample-scenarios above the limit" 2 plan "$rl_base" --sample-scenarios 100001
check "size: --sample-scenarios message gives the limit" grep -q -- "--sample-scenarios: expected an integer in \[1, 100000\], got '100001'" "$TMP/err"
expect "size: --max-memory 1 refuses 2000 sampled paths of the baseline" 2 plan "$rl_base" --sample-scenarios 2000 --max-memory 1 -o "$rl/mem.json"
check "size: the refusal gives the model's size and estimate" \
    grep -Eq "the model \(up to [0-9]+ rows, [0-9]+ columns, [0-9]+ nonzeros\) would need about [0-9]+ MB, more than --max-memory 1 MB" "$TMP/err"
check "size: refused, no file" test ! -e "$rl/mem.json"
expect "size: --max-memory 0.5 is a usage error" 2 plan "$rl_base" --max-memory 0.5
# The refusal must come before the model is built (regression: the size was
# measured by building the whole model): 40,000 paths of the baseline need
# ~500 MB to build; under a 400 MB address-space limit the refusal must
# still be the usage error, not "out of memory".
if [ $rl_slow = 1 ] && [ -z "${HP_SAN:-}" ]; then
    (ulimit -v 400000 && timeout 120 "$HPBIN" plan "$rl_base" --sample-scenarios 40000 --max-memory 1) >/dev/null 2>"$rl/mem.err"
    rl_rc=$?
    check "size: --max-memory refuses before building (exit $rl_rc under 400 MB)" test $rl_rc -eq 2
    check "size: --max-memory refuses before building: the estimate is given" grep -q "would need about" "$rl/mem.err"
fi
