# Hostile input (issue 13, second round): every finding about @include, the
# guards it bypassed, inputs that are not regular files, the digest of what
# was read, memory guards of check and export, Ctrl-C, and messages.  Each
# check is named after what the issue found.  Light: small instances, the
# timing-dependent checks skip under valgrind and the sanitizers.
# Sourced by tests/cli/run.sh from the repository root with $HPBIN set.

hi=$TMP/hostile
mkdir -p "$hi"
hi_base=tests/instances/shortage.cfg
hi_slow=${HP_VALGRIND:-}${HP_SAN:-}${HP_WRAP:-}
case $HPBIN in /*) hi_bin=$HPBIN ;; *) hi_bin=$PWD/$HPBIN ;; esac

# An instance whose line 2 is `@include "$1"` inside the setting $2 (its
# value on the next line, as libconfig 1.5 wants a directive alone on its
# line).
hi_include() {
    {
        echo "start = \"2026Q1\"; quarters = 1;"
        echo "$2 ="
        echo "@include \"$1\""
        echo ";"
        sed -n '/^products/,$p' "$hi_base"
    } >"$3"
}
hi_refused() { grep -q ':3: @include is not allowed' "$TMP/err"; }

# -- @include: leaks of what it reads --
printf 'secret_key = "value";\npassword = "hunter2";\n' >"$hi/secret.cfg"
hi_include "$hi/secret.cfg" risk "$hi/leak.cfg"
expect "include_leaks_file_contents: exit 2" 2 check "$hi/leak.cfg"
check "include_leaks_file_contents: refused at its line" hi_refused
check "include_leaks_file_contents: no key of the file named" \
    sh -c "! grep -q -e secret_key -e password -e hunter2 '$TMP/err'"

if [ -r /proc/sys/kernel/pid_max ]; then
    hi_include /proc/sys/kernel/pid_max quarters "$hi/proc.cfg"
    expect "include_proc_pid_max: exit 2" 2 check "$hi/proc.cfg"
    check "include_proc_pid_max: its value is not printed" \
        sh -c "! grep -q -F \"\$(cat /proc/sys/kernel/pid_max)\" '$TMP/err'"
else
    skip "include_proc_pid_max" "no /proc"
fi

printf '"the contents of another file"\n' >"$hi/name.txt"
hi_include "$hi/name.txt" name "$hi/name.cfg"
expect "include_file_into_plan_name: exit 2" 2 plan "$hi/name.cfg" -o "$hi/name.out"
check "include_file_into_plan_name: no report" test ! -e "$hi/name.out"
check "include_file_into_plan_name: nothing of the file printed" \
    sh -c "! grep -q 'contents of another' '$TMP/out' '$TMP/err'"

# whether a file exists must not show: the same words for both
mkdir -p "$hi/exists" "$hi/missing"
hi_include /etc/passwd risk "$hi/exists/x.cfg"
hi_include /nonexistent/shadow risk "$hi/missing/x.cfg"
(cd "$hi/exists" && ${HP_WRAP:-} "$hi_bin" check x.cfg >/dev/null 2>"$hi/exists.err")
hi_rc1=$?
(cd "$hi/missing" && ${HP_WRAP:-} "$hi_bin" check x.cfg >/dev/null 2>"$hi/missing.err")
hi_rc2=$?
check "include_existence_oracle: same exit for an existing and a missing file" \
    test "$hi_rc1" = 2 -a "$hi_rc2" = 2
check "include_existence_oracle: same message" cmp -s "$hi/exists.err" "$hi/missing.err"

# -- @include: hangs and deaths --
if command -v timeout >/dev/null 2>&1 && mkfifo "$hi/fifo" 2>/dev/null; then
    hi_include "$hi/fifo" risk "$hi/fifo.cfg"
    timeout 20 "$HPBIN" check "$hi/fifo.cfg" >/dev/null 2>"$TMP/err"
    hi_rc=$?
    check "include_fifo_hang: returns, exit 2 (got $hi_rc)" test "$hi_rc" = 2
else
    skip "include_fifo_hang" "no timeout or mkfifo"
fi
hi_include "$hi" risk "$hi/dir.cfg"
expect "include_directory_kills_compare: exit 2" 2 compare "$hi_base" "$hi/dir.cfg"
check "include_directory_kills_compare: FILE:LINE, not the scanner's death" \
    sh -c "grep -q 'dir.cfg:3: @include' '$TMP/err' && ! grep -q flex '$TMP/err'"

# spellings libconfig's scanner also takes: no space before the quote, capitals
printf 'name = "x";\n@INCLUDE "/etc/passwd"\n@include"/etc/passwd"\n' >"$hi/spell.cfg"
expect "include_spellings: exit 2" 2 check "$hi/spell.cfg"
check "include_spellings: capitals refused at line 2" grep -q 'spell.cfg:2: @include is not allowed' "$TMP/err"
check "include_spellings: no space refused at line 3" grep -q 'spell.cfg:3: @include is not allowed' "$TMP/err"
check "include_spellings: nothing of the file printed" sh -c "! grep -q 'root:' '$TMP/err'"

# -- @include: the guards it bypassed (size, 32-bit wrap, NUL, the digest) --
printf 'x = 4294967300;\n' >"$hi/wrap.cfg"
printf 'x = "a\000b";\n' >"$hi/nul.cfg"
awk 'BEGIN { printf "x = ["; for (i = 0; i < 20000; i++) printf "%s1.0", i ? "," : ""; print "];" }' \
    >"$hi/size.cfg"
for hi_g in wrap nul size; do
    hi_include "$hi/$hi_g.cfg" risk "$hi/by-$hi_g.cfg"
    expect "include_bypasses_${hi_g}_guard: exit 2" 2 check "$hi/by-$hi_g.cfg" --max-memory 1
    check "include_bypasses_${hi_g}_guard: refused as @include" hi_refused
done
cp "$hi_base" "$hi/plain.cfg"
hi_sha=$(sha256sum "$hi/plain.cfg" | cut -d' ' -f1)
expect "include_hash_covers_main_only: plan" 0 plan "$hi/plain.cfg" --format json --no-timing
check "include_hash_covers_main_only: digest of the bytes read" \
    test "$(jq -r '.run.instance_sha256 // .instance.sha256' "$TMP/out")" = "$hi_sha"

# -- the instance read once: pipes, FIFOs, directories, devices --
cat "$hi_base" | hp plan /dev/stdin --format json --no-timing >"$TMP/out" 2>"$TMP/err"
check "hash_of_pipe_input: plan <(cat x.cfg) hashes the real content" \
    test "$(jq -r '.run.instance_sha256 // .instance.sha256' "$TMP/out")" = "$hi_sha"
if mkfifo "$hi/main-fifo" 2>/dev/null; then
    cat "$hi_base" >"$hi/main-fifo" &
    expect "fifo_input_read_once: exit 0" 0 plan "$hi/main-fifo" --format json --no-timing
    wait
    check "fifo_input_read_once: digest of what came through" \
        test "$(jq -r '.run.instance_sha256 // .instance.sha256' "$TMP/out")" = "$hi_sha"
fi
expect "directory_as_instance: exit 1" 1 check "$hi"
check "directory_as_instance: says why" grep -q "cannot read: Is a directory" "$TMP/err"
if [ -c /dev/zero ] && command -v timeout >/dev/null 2>&1; then
    timeout 20 "$HPBIN" check /dev/zero >/dev/null 2>"$TMP/err"
    hi_rc=$?
    check "device_as_instance: stops at the first NUL, exit 2 (got $hi_rc)" test "$hi_rc" = 2
    check "device_as_instance: says why" grep -q "/dev/zero:1: NUL byte" "$TMP/err"
fi

# -- guards with holes: check and export build models too --
# 400 quarters, 60 suppliers, 40 scenarios: about 100 MB by the estimate
awk 'BEGIN {
    print "name = \"wide\"; start = \"2026Q1\"; quarters = 400;"
    print "products = ( { id = \"Dy2O3\"; demand = 1.0; shortage_penalty = 1.0e5; } );"
    printf "suppliers = ("
    for (j = 0; j < 60; j++)
        printf "%s{ id = \"s%d\"; region = \"R%d\"; offers = ( { product = \"Dy2O3\"; price = 50.0; capacity = 1.0; } ); }", j ? "," : "", j, j % 5
    print ");"
    printf "scenarios = ("
    for (s = 0; s < 40; s++)
        printf "%s{ name = \"s%d\"; probability = 0.025; }", s ? "," : "", s
    print ");"
}' >"$hi/wide.cfg"
expect "check_builds_without_memory_guard: exit 2 over --max-memory" 2 check "$hi/wide.cfg" --max-memory 20
check "check_builds_without_memory_guard: names --max-memory" grep -q "more than --max-memory 20 MB" "$TMP/err"
check "check_builds_without_memory_guard: no summary" test ! -s "$TMP/out"
expect "export_builds_without_memory_guard: exit 2" 2 export "$hi/wide.cfg" --max-memory 20 \
    --lp "$hi/wide.lp" --mathprog-data "$hi/wide.dat"
check "export_builds_without_memory_guard: no file" test ! -e "$hi/wide.lp" -a ! -e "$hi/wide.dat"

# --sample-scenarios: the guard comes before the paths (20000 x 60 x 400
# availabilities are 3.8 GB; the guard's message, not an allocation failure)
{ cat "$hi/wide.cfg"
  echo 'disruptions = { events = ( { name = "ban"; region = "R0"; probability = 0.2; duration = [1, 2]; factor = 0.0; } ); };'
} >"$hi/wide-d.cfg"
if [ -z "$hi_slow" ]; then
    (ulimit -v 3000000 2>/dev/null; "$HPBIN" plan "$hi/wide-d.cfg" --sample-scenarios 20000 \
        -o "$hi/sampled.txt" >"$TMP/out" 2>"$TMP/err")
    hi_rc=$?
else
    hp plan "$hi/wide-d.cfg" --sample-scenarios 20000 -o "$hi/sampled.txt" >"$TMP/out" 2>"$TMP/err"
    hi_rc=$?
fi
check "sample_scenarios_before_guard: refused by the guard, exit 2 (got $hi_rc)" test "$hi_rc" = 2
check "sample_scenarios_before_guard: the guard's message" grep -q "more than --max-memory" "$TMP/err"
check "sample_scenarios_before_guard: no report" test ! -e "$hi/sampled.txt"

# a large file under the 256 MiB cap: its parse is estimated before it runs
awk 'BEGIN { printf "name = \"big\"; start = \"2026Q1\"; quarters = 1; x = ["
    for (i = 0; i < 200000; i++) printf "%s1.5", i ? "," : ""; print "];" }' >"$hi/big.cfg"
expect "large_file_under_cap_blows_check: exit 2" 2 check "$hi/big.cfg" --max-memory 10
check "large_file_under_cap_blows_check: says why" \
    grep -q "big.cfg: reading this file would need about 27 MB, more than --max-memory 10 MB" "$TMP/err"

# -- Ctrl-C in check and export: exit 1, no file --
if [ -z "$hi_slow" ] && mkfifo "$hi/stuck" 2>/dev/null; then
    # blocked opening a FIFO nobody writes: the interrupt ends the read
    "$HPBIN" export "$hi/stuck" --lp "$hi/stuck.lp" >/dev/null 2>"$TMP/err" &
    hi_pid=$!
    sleep 0.3
    kill -INT "$hi_pid"
    wait "$hi_pid"
    hi_rc=$?
    check "export_ignores_ctrl_c: reading, exit 1 (got $hi_rc)" test "$hi_rc" = 1
    check "export_ignores_ctrl_c: reading, no file" test ! -e "$hi/stuck.lp"
    "$HPBIN" check "$hi/stuck" >"$TMP/out" 2>"$TMP/err" &
    hi_pid=$!
    sleep 0.3
    kill -INT "$hi_pid"
    wait "$hi_pid"
    hi_rc=$?
    check "check_runs_on_after_ctrl_c: exit 1 (got $hi_rc)" test "$hi_rc" = 1
    # during the build and the write of a 30 MB LP (seconds)
    "$HPBIN" export instances/japan-2026-baseline.cfg --sample-scenarios 3000 \
        --lp "$hi/int.lp" --mathprog-data "$hi/int.dat" >/dev/null 2>"$TMP/err" &
    hi_pid=$!
    sleep 0.5
    kill -INT "$hi_pid"
    wait "$hi_pid"
    hi_rc=$?
    if [ "$hi_rc" = 0 ]; then
        skip "export_commits_after_ctrl_c" "finished before the interrupt"
    else
        check "export_commits_after_ctrl_c: exit 1 (got $hi_rc)" test "$hi_rc" = 1
        check "export_commits_after_ctrl_c: no file, no temporary" \
            test -z "$(ls "$hi" | grep '^int\.')"
        check "export_commits_after_ctrl_c: says so" grep -q "interrupted; nothing written" "$TMP/err"
    fi
else
    skip "ctrl_c in check and export" "timing-dependent: not under valgrind or sanitizers"
fi

# -- messages --
expect "alpha_underflow_message: --alpha 1e-320 is a number in (0, 1)" 0 plan "$hi_base" \
    --alpha 1e-320 --no-timing
check "alpha_underflow_message: no 'expected a number'" sh -c "! grep -q 'expected a number' '$TMP/err'"
expect "missing_main_file: exit 1" 1 check "$hi/no-such.cfg"
