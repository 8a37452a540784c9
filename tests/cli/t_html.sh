# hreeplan report and --format html, and the run record of every report
# (sourced by run.sh).  The page is checked as a file (self-contained,
# byte-stable, under 1 MB, headline figures equal to those of
# `plan --format json`, an independent report of the same plan) and in a
# real browser: headless Chromium renders it to PNG, which must not be
# blank.  The run record is checked against what the test itself knows:
# the command line it typed, sha256sum of the instance, the options.

ht_base=instances/japan-2026-baseline.cfg
ht_small=instances/teach-two-sources.cfg
ht=$TMP/html
mkdir -p "$ht"
ht_jq() { jq -r "$1" "$2" 2>/dev/null; }
# The text of a page: tags dropped, entities of numbers left as they are,
# thousands separators removed so that figures compare as printf prints them.
ht_text() { sed -e 's/<[^>]*>/ /g' "$1" | tr -s ' \n' ' ' | sed 's/,//g'; }

# ---- the run record -----------------------------------------------------
ht_sha=$(sha256sum "$ht_small" | cut -d' ' -f1)
expect "run record: plan json" 0 plan "$ht_small" --format json --no-timing --seed 7 --threads 2
cp "$TMP/out" "$ht/plan.json"
check "run record: version as --version says" \
    test "hreeplan $(ht_jq .run.hreeplan "$ht/plan.json")" = "$(hp --version | head -1)"
check "run record: a commit (hex) or unknown" \
    sh -c "jq -r .run.commit '$ht/plan.json' | grep -Eq '^([0-9a-f]{4,40}|unknown)\$'"
check "run record: argv is the command typed" \
    test "$(jq -c .run.argv "$ht/plan.json")" = "[\"hreeplan\",\"plan\",\"$ht_small\",\"--format\",\"json\",\"--no-timing\",\"--seed\",\"7\",\"--threads\",\"2\"]"
check "run record: backend, seed, threads, ranks" \
    test "$(jq -c '[.run.backend, .run.seed, .run.threads, .run.ranks]' "$ht/plan.json")" = '["glpk",7,2,1]'
check "run record: backend version as --version says" \
    test "GLPK $(ht_jq .run.backend_version "$ht/plan.json")" = "$(hp --version | sed -n 2p)"
check "run record: instance sha256 as sha256sum says" \
    test "$(ht_jq .run.instance_sha256 "$ht/plan.json")" = "$ht_sha"
for ht_c in "pareto $ht_small --points 3" "simulate $ht_small --samples 50" \
    "compare $ht_small instances/teach-risk.cfg"; do
    # shellcheck disable=SC2086
    hp $ht_c --format json --no-timing >"$ht/r.json" 2>/dev/null
    check "run record: in the JSON of ${ht_c%% *}" \
        test "$(jq -c '[.run.argv[1], .run.ranks, (.run.instance_sha256 | type)]' "$ht/r.json")" \
        = "[\"${ht_c%% *}\",1,\"$([ "${ht_c%% *}" = compare ] && echo array || echo string)\"]"
    # shellcheck disable=SC2086
    hp $ht_c --no-timing >"$ht/r.txt" 2>/dev/null
    check "run record: the text of ${ht_c%% *} ends with it" \
        sh -c "tail -1 '$ht/r.txt' | grep -q '^run: hreeplan .*command: hreeplan ${ht_c%% *} .*instances\{0,1\} sha256 $ht_sha'"
done
check "run record: compare lists both instances' sha256" \
    test "$(jq -r '.run.instance_sha256[1]' "$ht/r.json")" = "$(sha256sum instances/teach-risk.cfg | cut -d' ' -f1)"

# ---- --format html on every command -------------------------------------
for ht_c in "plan $ht_small" "pareto $ht_small --points 3" "simulate $ht_small --samples 50" \
    "compare $ht_small instances/teach-risk.cfg"; do
    ht_n=${ht_c%% *}
    # shellcheck disable=SC2086
    expect "$ht_n --format html" 0 $ht_c --format html --no-timing -o "$ht/$ht_n.html"
    check "$ht_n --format html: one page, ending with the run record" \
        sh -c "head -1 '$ht/$ht_n.html' | grep -q '^<!DOCTYPE html>' && tail -3 '$ht/$ht_n.html' | grep -q '<footer>run: hreeplan' && tail -1 '$ht/$ht_n.html' | grep -q '^</html>'"
done
check "plan --format html: a chart per product" test "$(grep -c '<svg' "$ht/plan.html")" -ge 1
check "pareto --format html: the front is drawn" grep -q '<title>Cost-risk front</title>' "$ht/pareto.html"
check "simulate --format html: the histograms are drawn" grep -q '<title>Cost per path' "$ht/simulate.html"

# ---- hreeplan report ------------------------------------------------------
expect "report --help" 0 report --help
expect "report of a missing file" 1 report "$TMP/no-such.cfg" -o "$ht/none.html"
check "report of a missing file leaves no file" test ! -e "$ht/none.html"
expect "report of an instance with no feasible plan" 3 report tests/instances/infeasible-storage.cfg -o "$ht/none.html"
check "report without a plan leaves no file" test ! -e "$ht/none.html"

expect "report of the baseline" 0 report "$ht_base" --samples 2000 --no-timing -o "$ht/r.html"
cp "$ht/r.html" "$ht/r1.html"
expect "report of the baseline again" 0 report "$ht_base" --samples 2000 --no-timing -o "$ht/r.html"
check "report: byte-identical on rerun" cmp -s "$ht/r.html" "$ht/r1.html"
check "report: under 1 MB" test "$(wc -c <"$ht/r.html")" -lt 1000000
check "report: no script, nothing fetched (no src, href, link, import or url())" \
    sh -c "! grep -Eiq '<script|<link|<img|<iframe|src=|href=|@import|url\\(' '$ht/r.html'"
check "report: the only address is the SVG namespace" \
    sh -c "test -z \"\$(grep -Eo 'https?://[^\" ]*' '$ht/r.html' | grep -v '^http://www.w3.org/2000/svg$')\""
for ht_s in headline decision front stock scenarios simulation duals; do
    check "report: section $ht_s" grep -q "<section id=\"$ht_s\">" "$ht/r.html"
done
check "report: sections in the order of the brief" \
    sh -c "grep -o '<section id=\"[a-z]*\">' '$ht/r.html' | tr -d '\n' | grep -q 'headline.*decision.*front.*stock.*scenarios.*simulation.*duals'"

# The headline figures, from an independent report of the same plan.
hp plan "$ht_base" --format json --no-timing >"$ht/base.json" 2>/dev/null
ht_text "$ht/r.html" >"$ht/r.txt"
ht_has() { grep -qF -- "$1" "$ht/r.txt"; }
ht_m() { jq -r "$1" "$ht/base.json" | awk '{ printf "USD %.2f m", $1 / 1e6 }'; }
check "report: expected total cost as plan json" ht_has "$(ht_m .cost.total)"
check "report: expected penalty as plan json" ht_has "$(ht_m .cost.penalty)"
check "report: expected spend = total - penalty as plan json" ht_has "$(ht_m '.cost.total - .cost.penalty')"
check "report: CVaR as plan json" ht_has "$(jq -r .risk.cvar "$ht/base.json" | awk '{ printf "%.2f t", $1 }')"
for ht_p in $(jq -r '.balance[].product' "$ht/base.json" | sort -u); do
    check "report: expected unmet $ht_p as plan json" ht_has "$(jq -r "[.balance[] | select(.product == \"$ht_p\") | .unmet] | add" "$ht/base.json" | awk '{ printf "%.2f t", $1 }') expected unmet $ht_p"
done
for ht_r in $(jq -r '.regions[].region' "$ht/base.json"); do
    check "report: share of $ht_r as plan json" ht_has "$ht_r $(jq -r ".regions[] | select(.region == \"$ht_r\") | .share" "$ht/base.json" | awk '{ printf "%.1f %%", 100 * $1 }')"
done
ht_q0=$(jq -r '.balance[0].quarter' "$ht/base.json")
check "report: every order shipping in the first quarter, in words" \
    test "$(grep -c '^<li>Order <b>' "$ht/r.html")" = "$(jq --arg q "$ht_q0" '[.orders[] | select(.ship == $q)] | length' "$ht/base.json")"

# ---- in a browser --------------------------------------------------------
ht_chrome=$(command -v chromium || command -v chromium-browser || true)
if [ "${HP_VALGRIND:-0}" = 1 ]; then
    skip "report in a browser" "not under valgrind"
elif [ -z "$ht_chrome" ]; then
    skip "report in a browser" "chromium is not installed (scripts/deps.sh installs it)"
else
    # HOME for Chromium's profile; --no-sandbox as root.
    HOME=$ht "$ht_chrome" --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --screenshot="$ht/r.png" --window-size=1200,3000 "file://$ht/r.html" \
        >"$ht/chrome.log" 2>&1 </dev/null
    HOME=$ht "$ht_chrome" --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --screenshot="$ht/blank.png" --window-size=1200,3000 about:blank \
        >>"$ht/chrome.log" 2>&1 </dev/null
    check "browser: the report renders to PNG" sh -c "test -s '$ht/r.png' && head -c 8 '$ht/r.png' | od -An -c | grep -q 'P   N   G'"
    check "browser: the page is not blank (PNG ten times an empty page's)" \
        test "$(wc -c <"$ht/r.png")" -gt "$(( 10 * $(wc -c <"$ht/blank.png" 2>/dev/null || echo 100000) ))"
    if command -v python3 >/dev/null 2>&1; then
        # Distinct colours in the rows PNG stores without reference to the
        # row above (filters None and Sub): an empty page has one.
        cat >"$ht/colours.py" <<'EOF'
import struct, sys, zlib
d = open(sys.argv[1], 'rb').read()
pos, idat = 8, b''
while pos < len(d):
    n, = struct.unpack('>I', d[pos:pos + 4])
    t, c = d[pos + 4:pos + 8], d[pos + 8:pos + 8 + n]
    if t == b'IHDR':
        w, h, bd, ct = struct.unpack('>IIBB', c[:10])
    elif t == b'IDAT':
        idat += c
    pos += 12 + n
raw = zlib.decompress(idat)
bpp = 4 if ct == 6 else 3
stride = w * bpp + 1
seen = set()
for y in range(h):
    f, row = raw[y * stride], bytearray(raw[y * stride + 1:(y + 1) * stride])
    if f == 1:
        for i in range(bpp, len(row)):
            row[i] = (row[i] + row[i - bpp]) & 255
    elif f != 0:
        continue
    seen.update(bytes(row[i:i + 3]) for i in range(0, len(row), bpp))
print(len(seen))
EOF
        check "browser: the page has colour (charts, bars), not one flat colour" \
            test "$(python3 "$ht/colours.py" "$ht/r.png" 2>/dev/null || echo 0)" -ge 50
    else
        skip "browser: the page has colour" "python3 is not installed"
    fi
    # the text as the browser laid it out holds the headline figures too
    HOME=$ht "$ht_chrome" --headless --no-sandbox --disable-gpu --dump-dom \
        "file://$ht/r.html" 2>/dev/null </dev/null | sed -e 's/<[^>]*>/ /g' | tr -s ' \n' ' ' |
        sed 's/,//g' >"$ht/dom.txt"
    check "browser: the rendered page holds the expected total cost" grep -qF "$(ht_m .cost.total)" "$ht/dom.txt"
fi
