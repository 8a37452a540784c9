#!/bin/sh
# The data flows one way; the includes must say so.  Checks, for every C
# file of the library and the command line:
#   - solver/ includes nothing of models/, cli/ or include/ (it knows no
#     rare earths);
#   - a room of models/ includes only itself and the rooms to its left:
#       instance -> formulation -> plan -> simulate -> report -> api
#     (plus solver/ and the public header include/hreeplan.h);
#   - models/ never includes cli/, nor a solver library header (glpk.h, coin/);
#   - no library file is longer than 600 lines.
# Prints each violation and exits 1 when there is one (make test runs it).
cd "$(dirname "$0")/.."
rooms="instance formulation plan simulate report api"
bad=0
rank() { i=0; for r in $rooms; do [ "$r" = "$1" ] && { echo $i; return; }; i=$((i + 1)); done; echo 99; }
fail() { echo "layers: $*"; bad=1; }
for f in solver/*.[ch]; do
    grep -n '#include "\.\./\(models\|cli\|include\)/' "$f" | while IFS= read -r l; do
        echo "layers: $f:${l%%:*}: the solver includes the model layer: ${l#*:}"
    done | grep . && bad=1
done
for f in models/*/*.[ch]; do
    room=$(basename "$(dirname "$f")"); me=$(rank "$room")
    [ "$me" = 99 ] && fail "$f: room '$room' is not one of: $rooms"
    for inc in $(sed -n 's/^#include "\.\.\/\([a-z_]*\)\/.*/\1/p' "$f"); do
        [ "$inc" = ".." ] && continue
        r=$(rank "$inc")
        [ "$r" -gt "$me" ] && fail "$f: the $room room includes the $inc room, to its right"
    done
    grep -q '#include "\.\./\.\./cli/' "$f" && fail "$f: the model layer includes cli/"
    grep -q '#include [<"]\(glpk\.h\|coin/\)' "$f" && fail "$f: the model layer includes a solver library header"
done
for f in solver/*.c models/*/*.c; do
    n=$(wc -l <"$f")
    [ "$n" -gt 600 ] && fail "$f: $n lines (split it by responsibility)"
done
[ $bad = 0 ] && echo "layers: one-way includes, no library file over 600 lines"
exit $bad
