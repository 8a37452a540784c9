# shellcheck shell=sh
# Sourced by the bench scripts (not run): which binary made a table.
#
#   hp_binary_default        prints the binary to use: $HREEPLAN, else ./hreeplan
#   hp_provenance HREEPLAN   prints one line: the version the binary reports
#                            (with its GLPK/CBC libraries), the commit of the
#                            checkout's sources and the binary's sha256
#   hp_provenance_rows HREEPLAN   the same as CSV rows "#binary,KEY,VALUE"
#
# The binary does not embed the commit it was built from, so the commit is the
# last one that touched the sources (solver/ models/ cli/ include/ Makefile),
# with "-dirty" when they hold uncommitted changes; HP_COMMIT overrides it
# (for a binary built elsewhere, e.g. from `git archive`).  The sha256 names
# the binary itself: two tables with the same sha256 come from the same build.
hp_binary_default() { echo "${HREEPLAN:-./hreeplan}"; }

hp_provenance() {
    hp_provenance_rows "$1" | awk -F, '{ v[$2] = $3 } END { printf "%s, sources at commit %s, binary sha256 %s\n", v["version"], v["commit"], v["sha256"] }'
}

hp_provenance_rows() {
    _v=$("$1" --version 2>/dev/null | awk 'NR == 1 { v = $0; next } { l = l (l == "" ? "" : "; ") $0 } END { printf "%s (%s)", v, l }')
    _c=${HP_COMMIT:-}
    if [ -z "$_c" ]; then
        _src="solver models cli include Makefile"
        # shellcheck disable=SC2086
        _c=$(git log -1 --format=%h -- $_src 2>/dev/null || true)
        # shellcheck disable=SC2086
        [ -n "$_c" ] && [ -n "$(git status --porcelain --untracked-files=no -- $_src 2>/dev/null)" ] && _c="$_c-dirty"
        [ -n "$_c" ] || _c=unknown
    fi
    _h=$(sha256sum "$1" 2>/dev/null | cut -c1-12)
    printf '#binary,version,%s\n#binary,commit,%s\n#binary,sha256,%s\n' "$(echo "${_v:-$1 (no --version)}" | tr , ';')" "$_c" "${_h:-?}"
}
