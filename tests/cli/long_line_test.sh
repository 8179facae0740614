#!/bin/sh
# tqe check on one 200 KB line of repeated names and numbers: the checks
# must stay near-linear (this took minutes and gigabytes when each
# repeated name was masked anew and masks were scanned per letter).
# usage: long_line_test.sh TQE
set -eu
tqe=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
awk 'BEGIN { for (i = 0; i < 1800; i++) printf "The company said on March 21, 2024 that revenue rose 12.5%% to $60 billion, and Mark Zuckerberg met OpenAI. "; print "" }' > "$dir/src"
awk 'BEGIN { for (i = 0; i < 1600; i++) printf "Die Firma meldete am 21. März 2024 einen Umsatz von 60 Milliarden Dollar (plus 12,5 %%), und Mark Zuckerberg traf OpenAI. "; print "" }' > "$dir/tgt"
# A limit of its own: the quadratic versions took 46 s and more.
timeout 20 "$tqe" check --src "$dir/src" --tgt "$dir/tgt" --tgt-lang de > "$dir/out"
# one JSON line with its findings
test "$(wc -l < "$dir/out")" -eq 1
grep -q '"number_missing"' "$dir/out"
echo "1 passed, 0 failed"
