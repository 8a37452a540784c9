# make install: only the public header, the library, hreeplan.pc, the binary
# and the MathProg model; a C program that includes <hreeplan.h> compiles and
# links with pkg-config --static and gives the plan the binary gives.
# Not under valgrind or the sanitizers: it runs the compiler, not hreeplan.
if [ -n "${HP_VALGRIND:-}${HP_SAN:-}" ]; then
    :
elif ! command -v pkg-config >/dev/null 2>&1 || ! command -v jq >/dev/null 2>&1; then
    skip "install" "pkg-config or jq not installed"
else
    in_p=$TMP/inst
    in_b=$(dirname "$HPBIN")
    # the build options of the binary under test, so that make installs it
    # rather than rebuilding it (and the binary the other tests run) with
    # the defaults
    in_cbc=1; "$HPBIN" --version | grep -q '^CBC not built' && in_cbc=0
    in_mpi=1; "$HPBIN" --version | grep -q '^MPI not built' && in_mpi=0
    if make -s install PREFIX="$in_p" B="$in_b" WITH_CBC=$in_cbc WITH_MPI=$in_mpi >"$TMP/out" 2>"$TMP/err"; then
        ok "install: make install PREFIX=DIR"
        check "install: include/ holds hreeplan.h alone" test "$(ls "$in_p/include")" = hreeplan.h
        check "install: hreeplan.pc" test -f "$in_p/lib/pkgconfig/hreeplan.pc"
        check "install: libhreeplan.a" test -f "$in_p/lib/libhreeplan.a"
        check "install: the binary runs" sh -c "\"$in_p/bin/hreeplan\" --version >/dev/null"
        if cc -std=c11 -Wall -Wextra -Werror -o "$TMP/embed" tests/install/embed.c \
            $(PKG_CONFIG_PATH="$in_p/lib/pkgconfig" pkg-config --cflags --libs --static hreeplan) \
            2>"$TMP/err"; then
            ok "install: a program including <hreeplan.h> builds with pkg-config --static"
            in_c=$("$TMP/embed" instances/teach-two-sources.cfg)
            in_j=$(hp plan instances/teach-two-sources.cfg --format json | jq -r '.cost.total')
            check "install: the embedded plan costs what the binary's does ($in_c, $in_j)" \
                awk -v a="$in_c" -v b="$in_j" 'BEGIN { exit !(a - b < 0.01 && b - a < 0.01) }'
        else
            bad "install: a program including <hreeplan.h> builds" "$(head -c 400 "$TMP/err")"
        fi
    else
        bad "install: make install PREFIX=DIR" "$(head -c 400 "$TMP/err")"
    fi
fi
