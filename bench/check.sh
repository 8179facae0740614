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

# Threads: tqe check on en-de five times over (10,185 lines), and tqe card on
# the three en-de system outputs against reference A (2,037 paragraphs each),
# with --jobs 1 and with every core; the outputs must be the same bytes.
p=$wmt/generaltest2022.en-de
for i in 1 2 3 4 5; do cat "$p.src.en"; done > "$tmp/big.en"
for i in 1 2 3 4 5; do cat "$p.hyp.Online-A.de"; done > "$tmp/big.de"
printf '\n%-28s %10s %10s\n' job "1 job s" "all s"
for j in 1 0; do
    /usr/bin/time -f '%e' -o "$tmp/t$j" "$tqe" check --src "$tmp/big.en" --tgt "$tmp/big.de" \
        --tgt-lang de --jobs $j > "$tmp/check$j"
    /usr/bin/time -f '%e' -o "$tmp/c$j" "$tqe" card --src "$p.src.en" --ref de:"$p.ref.A.de" \
        --tgt JDExploreAcademy=de:"$p.hyp.JDExploreAcademy.de" \
        --tgt Lan-Bridge=de:"$p.hyp.Lan-Bridge.de" --tgt Online-A=de:"$p.hyp.Online-A.de" \
        -o "$tmp/card$j" -q --jobs $j > /dev/null
done
cmp -s "$tmp/check1" "$tmp/check0" || echo "bench: tqe check output differs with --jobs" >&2
cmp -s "$tmp/card1/scorecard.jsonl" "$tmp/card0/scorecard.jsonl" ||
    echo "bench: tqe card output differs with --jobs" >&2
printf '%-28s %10s %10s\n' "check en-de x5 (10,185)" "$(cat "$tmp/t1")" "$(cat "$tmp/t0")"
printf '%-28s %10s %10s\n' "card en-de, 3 translations" "$(cat "$tmp/c1")" "$(cat "$tmp/c0")"
