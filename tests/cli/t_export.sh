# hreeplan export (sourced by run.sh).
# tests/instances/quota.cfg has the hand optimum 1,400,000 USD (see its
# header); every exported form must solve to it with glpsol.

ex_f=tests/instances/quota.cfg
ex_obj() { sed -n 's/^OBJ //p' "$1" | head -n 1; }
# glpsol's LP/MPS report line: "*   N: obj =   1.400000000e+06 ..." (last one)
ex_lpobj() { sed -n 's/^[* ] *[0-9]*: obj = *\([-0-9.e+]*\).*/\1/p' "$1" | tail -n 1; }
ex_is() { awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(a != "" && d <= 1e-7 * (b < 0 ? -b : b) + 1e-9) }'; }

expect "export --help" 0 export --help
check "export --help names the outputs" grep -q -- "--mathprog-data" "$TMP/out"
expect "export without output is a usage error" 2 export "$ex_f"
expect "export without FILE is a usage error" 2 export --lp "$TMP/x.lp"
expect "export --lp without a name is a usage error" 2 export "$ex_f" --lp
expect "export unknown option" 2 export "$ex_f" --mathprog-data "$TMP/x.dat" --bogus
expect "export bad --objective" 2 export "$ex_f" --lp "$TMP/x.lp" --objective cheapest
check "export usage errors write nothing" test ! -e "$TMP/x.lp" -a ! -e "$TMP/x.dat"

expect "export to a missing directory fails" 1 export "$ex_f" --mathprog-data "$TMP/no/such/dir/x.dat"
check "export failure leaves no file" test ! -e "$TMP/no/such/dir/x.dat"

expect "export --mathprog-data" 0 export "$ex_f" --mathprog-data "$TMP/ex1.dat"
expect "export --mathprog-data again" 0 export "$ex_f" --mathprog-data "$TMP/ex2.dat"
check "mathprog data is deterministic" cmp -s "$TMP/ex1.dat" "$TMP/ex2.dat"
check "no temporary file left beside the data" test -z "$(ls "$TMP" | grep 'ex.\.dat\.tmp')"

expect "export --lp --mps together" 0 export "$ex_f" --lp "$TMP/ex.lp" --mps "$TMP/ex.mps"
if command -v glpsol >/dev/null 2>&1; then
    glpsol -m models/hreeplan.mod -d "$TMP/ex1.dat" >"$TMP/ex.out" 2>&1
    check "mathprog data solves to the hand optimum 1.4e6" ex_is "$(ex_obj "$TMP/ex.out")" 1400000
    glpsol --lp "$TMP/ex.lp" >"$TMP/ex.out" 2>&1
    check "LP file solves to the hand optimum 1.4e6" ex_is "$(ex_lpobj "$TMP/ex.out")" 1400000
    glpsol --freemps "$TMP/ex.mps" >"$TMP/ex.out" 2>&1
    check "MPS file solves to the hand optimum 1.4e6" ex_is "$(ex_lpobj "$TMP/ex.out")" 1400000
    # Risk objective: enough cheap supply to meet all demand, so the least
    # CVaR of the shortage is 0.
    expect "export --objective risk --lp" 0 export "$ex_f" --objective risk --lp "$TMP/exr.lp"
    glpsol --lp "$TMP/exr.lp" >"$TMP/ex.out" 2>&1
    check "risk LP solves to the least risk 0" ex_is "$(ex_lpobj "$TMP/ex.out")" 0
fi
