#!/bin/sh
# Speed of `tqe check` on the WMT22 pairs out of English: each source against
# its first reference, single-threaded (--jobs 1) and with every core.
# usage: bench/check.sh [TQE] ; env: WMT22_DIR (default ../shared/data/wmt22)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
tqe=${1:-$top/build/tools/tqe}
wmt=${WMT22_DIR:-$top/../shared/data/wmt22}
[ -d "$wmt" ] || { echo "bench: $wmt not found (set WMT22_DIR)" >&2; exit 2; }
command -v /usr/bin/time > /dev/null 2>&1 || { echo "bench: needs GNU time (apt-get install time)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '%-6s %6s %10s %10s %12s %10s %12s\n' pair lines "1 job s" "CPU s" "lines/s" "all s" "lines/s"
for pair in en-de en-ru en-zh en-ja en-cs en-uk en-hr; do
    tgt=${pair#en-}
    src=$wmt/generaltest2022.$pair.src.en
    ref=$(ls "$wmt"/generaltest2022."$pair".ref.*."$tgt" | head -n 1)
    n=$(wc -l < "$src")
    /usr/bin/time -f '%e %U' -o "$tmp/t1" "$tqe" check --src "$src" --tgt "$ref" --tgt-lang "$tgt" --jobs 1 > /dev/null
    /usr/bin/time -f '%e %U' -o "$tmp/tn" "$tqe" check --src "$src" --tgt "$ref" --tgt-lang "$tgt" > /dev/null
    read -r e1 u1 < "$tmp/t1"
    read -r en un < "$tmp/tn"
    awk -v p="$pair" -v n="$n" -v e1="$e1" -v u1="$u1" -v en="$en" 'BEGIN {
        if (e1 == 0) e1 = 0.01; if (en == 0) en = 0.01
        printf "%-6s %6d %10.2f %10.2f %12.0f %10.2f %12.0f\n", p, n, e1, u1, n / e1, en, n / en }'
done
