#!/bin/sh
# Installs the Debian packages hreeplan needs when any is missing (called by
# `make run` and `make test`, never by a plain `make`).  As root: apt-get
# update, then apt-get install.  Otherwise: prints the exact command and
# fails.  Optional packages (CBC backend, reference solvers for the tests)
# are installed too unless OPTIONAL=0; Open MPI (libopenmpi-dev, openmpi-bin)
# is one of them: with it the build runs under mpirun (solver/par.h).
set -eu
required="libglpk-dev glpk-utils libconfig-dev libopenblas-dev liblapacke-dev libjansson-dev \
libcmocka-dev pkg-config nettle-dev valgrind gnuplot-nox jq libxml2-utils time clang-format"
optional="python3 coinor-libcbc-dev coinor-libclp-dev coinor-cbc python3-pulp python3-libconf chromium \
libopenmpi-dev openmpi-bin"
missing=""
[ "${OPTIONAL:-1}" = 0 ] && optional=""
for p in $required $optional; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
    echo "hreeplan needs these Debian packages; run as root:" >&2
    echo "  apt-get update && apt-get install -y$missing" >&2
    exit 1
fi
echo "installing:$missing" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
