# CLI tests of MPI ranks (solver/par.h, `mpirun -np N hreeplan ...`):
# reports byte-identical apart from the run record on 1, 2 and 4 ranks and
# without mpirun (the L-shaped method of plan and smps, simulate's lp and
# rolling recourse);
# rank 0 alone writes; a failing rank stops the run with exit 1 and no
# report file.  A rank fails on purpose through the test hook
# HREEPLAN_TEST_FAIL_RANK=R (solver/par.h: rank R's share of the next
# parallel section fails).  The MPI checks are skipped (counted as such)
# when mpirun is missing, when the binary was built without Open MPI, and
# under valgrind or the sanitizers (Open MPI's own allocations).  Sourced by
# tests/cli/run.sh.
mpi_b=instances/japan-2026-baseline.cfg
mpi_ls="plan $mpi_b --information two-stage --sample-scenarios 120 --seed 5 --method lshaped --threads 1 --format json --no-timing"

# The hook works without MPI too: the one rank, 0, fails.
HREEPLAN_TEST_FAIL_RANK=0 ${HP_WRAP:-} "$HPBIN" $mpi_ls -o "$TMP/mpi_f0.json" >"$TMP/out" 2>"$TMP/err"
check "mpi: a failing rank 0 without mpirun exits 1" test $? = 1
check "mpi: ... and writes no report" test ! -e "$TMP/mpi_f0.json"
check "mpi: ... and says why" grep -q 'failed on purpose (test hook HREEPLAN_TEST_FAIL_RANK=0)' "$TMP/err"

mpi_why=""
if ! command -v mpirun >/dev/null 2>&1; then
    mpi_why="mpirun is not installed (apt-get install openmpi-bin)"
elif ! "$HPBIN" --version | grep -q '^Open MPI'; then
    mpi_why="hreeplan was built without Open MPI (apt-get install libopenmpi-dev, rebuild)"
elif [ -n "${HP_WRAP:-}${HP_SAN:-}" ]; then
    mpi_why="not under valgrind or the sanitizers"
fi
mpi_root=""
[ "$(id -u)" = 0 ] && mpi_root=--allow-run-as-root
# mpi_run N OUT ARGS...: hreeplan on N ranks, stdout to OUT, stderr to $TMP/err
mpi_run() {
    mpi_n=$1; mpi_o=$2; shift 2
    OPENBLAS_NUM_THREADS=1 mpirun $mpi_root --oversubscribe --bind-to none -np "$mpi_n" "$HPBIN" "$@" >"$mpi_o" 2>"$TMP/err"
}
# mpi_same NAME ARGS...: without mpirun, then on 1, 2 and 4 ranks; the
# reports agree byte for byte once the run record is left out
mpi_same() {
    mpi_name=$1; shift
    "$HPBIN" "$@" >"$TMP/mpi_0" 2>"$TMP/err"
    check "mpi: $mpi_name runs without mpirun" test $? = 0
    for mpi_k in 1 2 4; do
        mpi_run $mpi_k "$TMP/mpi_$mpi_k" "$@"
        check "mpi: $mpi_name runs on $mpi_k ranks" test $? = 0
        check "mpi: $mpi_name on $mpi_k ranks = without mpirun" same_but_run "$TMP/mpi_0" "$TMP/mpi_$mpi_k"
    done
}

if [ -n "$mpi_why" ]; then
    skip "mpi: identical reports on 1, 2 and 4 ranks" "$mpi_why"
    skip "mpi: rank 0 alone writes" "$mpi_why"
    skip "mpi: a failing rank stops the run" "$mpi_why"
else
    mpi_same "plan --method lshaped" $mpi_ls
    check "mpi: run.ranks says 4" test "$(jq .run.ranks "$TMP/mpi_4")" = 4
    check "mpi: run.ranks says 1 without mpirun" test "$(jq .run.ranks "$TMP/mpi_0")" = 1
    # rank 0 alone speaks: the L-shaped summary once, not once per rank
    check "mpi: 4 ranks log the summary once" test "$(grep -c 'L-shaped: .* master iterations' "$TMP/err")" = 1
    # the text report too, byte for byte apart from its run line
    mpi_same "plan --method lshaped (text)" plan $mpi_b --information two-stage \
        --sample-scenarios 60 --seed 2 --method lshaped --threads 1 --no-timing
    check "mpi: the text run line says ranks 4" grep -q 'ranks 4' "$TMP/mpi_4"

    "$HPBIN" plan $mpi_b --format json -o "$TMP/mpi_plan.json" 2>/dev/null
    # 600 paths: blocks of 256, the last one short; 4 ranks, one with none
    mpi_same "simulate --recourse lp" simulate $mpi_b --plan "$TMP/mpi_plan.json" --samples 600 \
        --seed 3 --recourse lp --format json --no-timing
    mpi_same "simulate --recourse rolling" simulate $mpi_b --plan "$TMP/mpi_plan.json" \
        --samples 70 --seed 3 --recourse rolling --rolling-scenarios 4 --format json --no-timing

    # smps by the same engine: 3 scenarios, so on 4 ranks one solves none
    mpi_f=tests/smps/farmer
    "$HPBIN" smps $mpi_f.cor $mpi_f.tim $mpi_f.sto --method lshaped >"$TMP/mpi_sm0" 2>/dev/null
    for mpi_k in 2 4; do
        mpi_run $mpi_k "$TMP/mpi_sm$mpi_k" smps $mpi_f.cor $mpi_f.tim $mpi_f.sto --method lshaped
        check "mpi: smps farmer on $mpi_k ranks exits 0" test $? = 0
        check "mpi: smps farmer on $mpi_k ranks = without mpirun" cmp -s "$TMP/mpi_sm0" "$TMP/mpi_sm$mpi_k"
    done

    # -o through rank 0 only: the file once, no scratch file left beside it
    mkdir -p "$TMP/mpi_dir"
    mpi_run 2 "$TMP/out" $mpi_ls -o "$TMP/mpi_dir/r.json"
    check "mpi: -o on 2 ranks exits 0" test $? = 0
    check "mpi: -o on 2 ranks writes the report, and only it" \
        test "$(ls "$TMP/mpi_dir")" = r.json
    "$HPBIN" $mpi_ls >"$TMP/mpi_ls0" 2>/dev/null
    check "mpi: -o on 2 ranks: the report of one rank" same_but_run "$TMP/mpi_ls0" "$TMP/mpi_dir/r.json"
    check "mpi: -o on 2 ranks: nothing on stdout" test ! -s "$TMP/out"

    # a failing rank stops every rank: exit 1, no report, one message
    mkdir -p "$TMP/mpi_fail"
    HREEPLAN_TEST_FAIL_RANK=1 mpi_run 2 "$TMP/out" $mpi_ls -o "$TMP/mpi_fail/r.json"
    check "mpi: lshaped, rank 1 of 2 fails: exit 1" test $? = 1
    check "mpi: lshaped, rank 1 of 2 fails: no report, no scratch file" test -z "$(ls "$TMP/mpi_fail")"
    check "mpi: lshaped, rank 1 of 2 fails: rank 0 says so once" \
        test "$(grep -c 'rank 1 of 2: failed on purpose' "$TMP/err")" = 1
    # 600 paths are 3 blocks: ranks 0 to 2 solve one each, rank 3 none
    HREEPLAN_TEST_FAIL_RANK=2 mpi_run 4 "$TMP/out" simulate $mpi_b --plan "$TMP/mpi_plan.json" \
        --samples 600 --recourse lp -o "$TMP/mpi_fail/s.txt"
    check "mpi: simulate lp, rank 2 of 4 fails: exit 1" test $? = 1
    check "mpi: simulate lp, rank 2 of 4 fails: no report" test -z "$(ls "$TMP/mpi_fail")"
    HREEPLAN_TEST_FAIL_RANK=1 mpi_run 2 "$TMP/out" simulate $mpi_b --plan "$TMP/mpi_plan.json" \
        --samples 70 --recourse rolling --rolling-scenarios 4 -o "$TMP/mpi_fail/s.txt"
    check "mpi: simulate rolling, rank 1 of 2 fails: exit 1" test $? = 1
    check "mpi: simulate rolling, rank 1 of 2 fails: no report" test -z "$(ls "$TMP/mpi_fail")"
fi
