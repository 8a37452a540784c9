#!/bin/sh
# Runs the README's two quick-start commands, on their first try, in a clean
# Debian 12 root that has only gcc, make, git and libc6-dev: what a new user
# has.  A machine that already has hreeplan's packages cannot show that the
# build installs what it needs; this script can.  As root:
#   sh scripts/fresh-root-check.sh            # make run, then make test
#   sh scripts/fresh-root-check.sh run        # make run only (about 3 minutes)
# It clones the committed HEAD (uncommitted changes are not seen), needs
# Debian's mmdebstrap (installed when missing) and network access to the
# Debian mirror; the root is made in $HP_ROOT (default /var/tmp/hreeplan-root)
# and removed at the end.  Exit 0 when every command passed.
set -eu
[ "$(id -u)" = 0 ] || { echo "fresh-root-check: run as root (mmdebstrap and chroot)" >&2; exit 1; }
top=$(cd "$(dirname "$0")/.." && pwd)
what=${1:-all}
root=${HP_ROOT:-/var/tmp/hreeplan-root}
command -v mmdebstrap >/dev/null || {
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mmdebstrap >/dev/null
}
cleanup() {
    umount "$root/proc" 2>/dev/null || true
    umount "$root/dev" 2>/dev/null || true
    rm -rf "$root"
}
trap cleanup EXIT
cleanup
mkdir -p "$root"
echo "fresh-root-check: making a Debian 12 root in $root" >&2
mmdebstrap --quiet --variant=apt --include=gcc,make,git,ca-certificates,libc6-dev bookworm "$root.tar"
tar -C "$root" -xf "$root.tar"
rm -f "$root.tar"
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
git clone -q "$top" "$root/hreeplan"
step() {
    echo "fresh-root-check: $*" >&2
    chroot "$root" sh -c "cd /hreeplan && $*"
}
step make run
[ "$what" = run ] || step make test
echo "fresh-root-check: passed" >&2
