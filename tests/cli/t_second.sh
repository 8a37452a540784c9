# MODEL.md second edition: the hand-solved optimum of each mechanism's test
# instance (the derivation is the comment at the top of the instance), read
# from `plan --format json` with jq, on both methods.  Sourced by run.sh.

# sec_total FILE WANT NAME [OPTIONS]: cost.total of plan FILE is WANT (1e-9 rel).
sec_total() {
    sec_f=$1; sec_w=$2; sec_n=$3; shift 3
    for sec_m in extensive lshaped; do
        if ! hp plan "$sec_f" --method "$sec_m" "$@" --format json --no-timing >"$TMP/sec.json" 2>"$TMP/err"; then
            bad "second $sec_n [$sec_m]" "plan failed: $(head -c 300 "$TMP/err")"; continue
        fi
        sec_a=$(jq -r .cost.total "$TMP/sec.json")
        if awk -v a="$sec_a" -v b="$sec_w" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= 1e-9 * b) }'; then
            ok "second $sec_n [$sec_m]: cost $sec_a"
        else
            bad "second $sec_n [$sec_m]" "cost.total $sec_a, hand optimum $sec_w"
        fi
    done
}
# sec_orders FILE WANT NAME: the order quantities, in the report's order.
sec_orders() {
    hp plan "$1" --format json --no-timing >"$TMP/sec.json" 2>"$TMP/err"
    check "second $3: orders $2" test "$(jq -c '[.orders[] | .quantity]' "$TMP/sec.json")" = "$2"
}

if ! command -v jq >/dev/null 2>&1; then
    skip "second" "jq not installed"
else
    # terminal.cfg: spend 4,258,000 + penalty 1,000,000; Dy [13, 12], Tb [1, 1]
    sec_total tests/instances/terminal.cfg 5258000 "terminal stock"
    sec_orders tests/instances/terminal.cfg "[13,1,12,1]" "terminal stock"
fi
