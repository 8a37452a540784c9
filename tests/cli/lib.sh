# Helpers for CLI tests (sourced).  Each check prints "ok"/"FAIL" with its
# name and records the result in $RESULTS when set.
CLI_PASS=0; CLI_FAIL=0; CLI_SKIP=0
hp() { ${HP_WRAP:-} "$HPBIN" "$@"; }
ok() { CLI_PASS=$((CLI_PASS+1)); echo "ok   $1"; [ -n "${RESULTS:-}" ] && echo pass >>"$RESULTS"; return 0; }
# skip NAME REASON: a check that cannot run here (a tool or backend missing):
# counted as skipped, never as passed.
skip() { CLI_SKIP=$((CLI_SKIP+1)); echo "skip $1${2:+: $2}"; [ -n "${RESULTS:-}" ] && echo skip >>"$RESULTS"; return 0; }
bad() { CLI_FAIL=$((CLI_FAIL+1)); echo "FAIL $1${2:+: $2}"; [ -n "${RESULTS:-}" ] && echo fail >>"$RESULTS"; return 0; }
# expect NAME CODE CMD...: runs hreeplan with CMD, expects exit CODE;
# stdout in $TMP/out, stderr in $TMP/err.
expect() {
    n=$1; c=$2; shift 2
    hp "$@" >"$TMP/out" 2>"$TMP/err"; rc=$?
    if [ "$rc" -eq "$c" ]; then ok "$n"; else bad "$n" "exit $rc, wanted $c: $(head -c 400 "$TMP/err")"; fi
}
# check NAME CONDITION...: passes when the shell condition holds.
check() { n=$1; shift; if "$@"; then ok "$n"; else bad "$n" "condition failed: $*"; fi; }
# same_but_run A B: the reports A and B are equal once their run record
# (JSON "run", the text line "run: hreeplan ...") is left out: it names the
# command line and its threads, which differ between the runs compared.
same_but_run() {
    if jq -e . "$1" >/dev/null 2>&1; then
        jq -S 'del(.run)' "$1" >"$1.norun" && jq -S 'del(.run)' "$2" >"$2.norun" || return 1
    else
        grep -v '^run: hreeplan ' "$1" >"$1.norun"; grep -v '^run: hreeplan ' "$2" >"$2.norun"
    fi
    test -s "$1.norun" && cmp -s "$1.norun" "$2.norun"
}
cli_summary() { echo "cli: $CLI_PASS passed, $CLI_FAIL failed, $CLI_SKIP skipped"; [ "$CLI_FAIL" -eq 0 ]; }
