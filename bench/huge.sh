#!/bin/sh
# Memory on huge input: tqe score on a generated corpus of SIZE_MB megabytes
# of hypotheses (and as much reference text), and tqe check on a tenth of
# it against the English source. Prints time and peak RSS; the corpus is
# built once in BENCH_DIR.
# usage: bench/huge.sh [TQE] ; env: SIZE_MB (default 2048), BENCH_DIR, WMT22_DIR
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
tqe=${1:-$top/build/tools/tqe}
wmt=${WMT22_DIR:-$top/../shared/data/wmt22}
out=${BENCH_DIR:-$top/build/bench-data}
size=${SIZE_MB:-2048}
[ -d "$wmt" ] || { echo "bench: $wmt not found (set WMT22_DIR)" >&2; exit 2; }
mkdir -p "$out"
hyp=$out/huge.hyp ref=$out/huge.ref src=$out/huge10.src
p=$wmt/generaltest2022.en-de
if [ ! -s "$hyp" ] || [ ! -s "$ref" ] || [ "$(du -m "$hyp" | cut -f1)" -lt "$size" ]; then
    cat "$p".hyp.*.de > "$out/unit.hyp"
    for h in "$p".hyp.*.de; do cat "$p.ref.A.de"; done > "$out/unit.ref"
    # Built under temporary names and renamed together: an interrupted
    # build is not taken for a corpus next time.
    : > "$hyp.tmp"; : > "$ref.tmp"
    while [ "$(du -m "$hyp.tmp" | cut -f1)" -lt "$size" ]; do
        i=0
        while [ $i -lt 50 ]; do
            cat "$out/unit.hyp" >> "$hyp.tmp"; cat "$out/unit.ref" >> "$ref.tmp"; i=$((i + 1))
        done
    done
    mv "$ref.tmp" "$ref" && mv "$hyp.tmp" "$hyp"
    rm -f "$out/unit.hyp" "$out/unit.ref" "$src"
fi
echo "corpus: $(wc -l < "$hyp") segments, hypotheses $(du -m "$hyp" | cut -f1) MB, references $(du -m "$ref" | cut -f1) MB"
for m in bleu chrf; do
    /usr/bin/time -f "tqe score -m $m: %e s, peak RSS %M KB" "$tqe" score "$ref" -i "$hyp" -m $m -b
done
lines=$(($(wc -l < "$hyp") / 10))
head -n "$lines" "$hyp" > "$out/huge10.hyp"
# tqe check compares with the English source: line i of huge.hyp translates
# line i of the source repeated once per system output.
if [ ! -s "$src" ] || [ "$(wc -l < "$src")" -ne "$lines" ]; then
    for h in "$p".hyp.*.de; do cat "$p.src.en"; done > "$out/unit.src"
    : > "$src.tmp"
    while [ "$(wc -l < "$src.tmp")" -lt "$lines" ]; do
        i=0
        while [ $i -lt 50 ]; do cat "$out/unit.src" >> "$src.tmp"; i=$((i + 1)); done
    done
    head -n "$lines" "$src.tmp" > "$src" && rm -f "$src.tmp" "$out/unit.src"
fi
/usr/bin/time -f "tqe check, $lines lines: %e s, peak RSS %M KB" \
    "$tqe" check --src "$src" --tgt "$out/huge10.hyp" --tgt-lang de > /dev/null
