#!/bin/sh
# Install the Debian packages tqe needs to build and test, when missing.
# Usage: scripts/deps.sh build|test|demo
# Runs apt-get only for packages that are not installed (so it is quick and
# needs no network on a machine that has them); needs root to install.
set -eu

build_pkgs="cmake make gcc pkg-config libicu-dev libgsl-dev libxml2-dev libcmocka-dev"
test_pkgs="libxml2-utils chromium libreoffice-calc-nogui valgrind"

case "${1:-build}" in
build|demo) want="$build_pkgs" ;;
test) want="$build_pkgs $test_pkgs" ;;
*) echo "usage: $0 build|test|demo" >&2; exit 2 ;;
esac

missing=""
for p in $want; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

echo "tqe: installing missing packages:$missing" >&2
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
        echo "tqe: run as root, or install them yourself: apt-get install$missing" >&2
        exit 1
    fi
else
    SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
