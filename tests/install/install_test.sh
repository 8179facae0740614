#!/bin/sh
# cmake --install into a temporary prefix, move the tree elsewhere, then use
# it as a user would: a C program built with pkg-config, one built with
# CMake's find_package(tqe), and the installed tqe command with its data.
# usage: install_test.sh BUILD_DIR SOURCE_DIR
set -u
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

cmake --install "$build" --prefix "$tmp/inst" > "$tmp/install.log" 2>&1 ||
    { cat "$tmp/install.log"; exit 1; }
mv "$tmp/inst" "$tmp/moved" # relocatable: nothing may point at the first place
prefix=$tmp/moved
for f in bin/tqe include/tqe.h include/tqe_export.h include/tqe_version.h \
    share/tqe/references/lengths.tsv; do
    [ -f "$prefix/$f" ] || bad "not installed: $f"
done
libdir=$(dirname "$(find "$prefix" -name 'libtqe.so' | head -n 1)")
[ -n "$libdir" ] && [ -f "$libdir/libtqe.a" ] || bad "libtqe.so and libtqe.a not installed side by side"
want="tqe $("$build/tools/tqe" --version | sed 's/^tqe //') chrF2"

# pkg-config
if command -v pkg-config > /dev/null; then
    export PKG_CONFIG_PATH="$libdir/pkgconfig"
    flags=$(pkg-config --cflags --libs tqe) || bad "pkg-config does not know tqe"
    # shellcheck disable=SC2086
    cc -o "$tmp/pc_consumer" "$src/tests/install/consumer.c" $flags || bad "build with pkg-config failed"
    out=$(LD_LIBRARY_PATH="$libdir" "$tmp/pc_consumer") || bad "pkg-config consumer failed"
    case "$out" in "$want "*) ;; *) bad "pkg-config consumer printed '$out'" ;; esac
else
    echo "note: pkg-config not installed; skipped that part"
fi

# CMake find_package(tqe)
cmake -S "$src/tests/install" -B "$tmp/cm" -DCMAKE_PREFIX_PATH="$prefix" > "$tmp/cm.log" 2>&1 &&
    cmake --build "$tmp/cm" > "$tmp/cmb.log" 2>&1 || { cat "$tmp/cm.log" "$tmp/cmb.log" 2> /dev/null | tail -20; bad "build with find_package(tqe) failed"; }
out=$(LD_LIBRARY_PATH="$libdir" "$tmp/cm/consumer") || bad "CMake consumer failed"
case "$out" in "$want "*) ;; *) bad "CMake consumer printed '$out'" ;; esac

# The installed command finds its data next to it, from any directory.
mkdir "$tmp/work" && cd "$tmp/work" || exit 1
ex=$src/references/examples
TQE_DATA_DIR= "$prefix/bin/tqe" card --src "$ex/article.en.txt" --tgt de:"$ex/article.de.txt" -o out -q ||
    bad "the installed tqe card failed"
[ -f out/report.html ] || bad "the installed tqe card wrote no report"

[ $fail -eq 0 ] && echo "install test passed" || echo "$fail install test(s) failed"
[ $fail -eq 0 ]
