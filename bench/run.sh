#!/bin/sh
# Benchmark `tqe score` (and optionally sacreBLEU) on a large corpus built from
# ../shared/data/wmt22: every system output against its pair's first
# reference, repeated until the corpus has $SEGMENTS segments (default 364000,
# the size of the WMT22 corpus the speed targets refer to).
# With BLEU it also times bleu_floor, the least work any BLEU must do.
# usage: bench/run.sh [TQE] ; env: SEGMENTS, METRICS, SACREBLEU="python3 -m sacrebleu",
#        BENCH_DIR (default build/bench-data), JOBS (tqe --jobs, default 1)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
tqe=${1:-$top/build/tools/tqe}
wmt=${WMT22_DIR:-$top/../shared/data/wmt22}
out=${BENCH_DIR:-$top/build/bench-data}
segments=${SEGMENTS:-364000}
metrics=${METRICS:-bleu chrf ter}
[ -d "$wmt" ] || { echo "bench: $wmt not found (set WMT22_DIR)" >&2; exit 2; }
command -v /usr/bin/time >/dev/null 2>&1 || { echo "bench: needs GNU time (apt-get install time)" >&2; exit 2; }
mkdir -p "$out"

if [ ! -s "$out/hyp.txt" ] || [ "$(wc -l < "$out/hyp.txt")" -ne "$segments" ]; then
    : > "$out/hyp.all"; : > "$out/ref.all"
    for hyp in "$wmt"/generaltest2022.*.hyp.*; do
        base=$(basename "$hyp")
        pair=$(echo "$base" | cut -d. -f2); tgt=${pair#*-}
        ref=$(ls "$wmt"/generaltest2022."$pair".ref.*."$tgt" | head -n 1)
        cat "$hyp" >> "$out/hyp.all"; cat "$ref" >> "$out/ref.all"
    done
    n=$(wc -l < "$out/hyp.all")
    : > "$out/hyp.txt"; : > "$out/ref.txt"
    while [ "$(wc -l < "$out/hyp.txt")" -lt "$segments" ]; do
        cat "$out/hyp.all" >> "$out/hyp.txt"; cat "$out/ref.all" >> "$out/ref.txt"
    done
    head -n "$segments" "$out/hyp.txt" > "$out/h" && mv "$out/h" "$out/hyp.txt"
    head -n "$segments" "$out/ref.txt" > "$out/r" && mv "$out/r" "$out/ref.txt"
    rm -f "$out/hyp.all" "$out/ref.all"
    echo "bench: built $segments segments from $n distinct ones"
fi
mb=$(du -m "$out/hyp.txt" | cut -f1)
refmb=$(du -m "$out/ref.txt" | cut -f1)
echo "corpus: $segments segments, hypotheses $mb MB, references $refmb MB"
printf '%-10s %-8s %10s %12s %10s %12s\n' tool metric seconds segments/s "MB/s" "peak RSS MB"

run() { # tool metric command...
    tool=$1; metric=$2; shift 2
    /usr/bin/time -f '%e %M' -o "$out/time" "$@" > "$out/score" 2> "$out/err" ||
        { echo "bench: $tool $metric failed:" >&2; cat "$out/err" >&2; return 1; }
    read -r sec kb < "$out/time"
    awk -v t="$tool" -v m="$metric" -v s="$sec" -v kb="$kb" -v n="$segments" -v mb="$mb" \
        'BEGIN { if (s == 0) s = 0.01; printf "%-10s %-8s %10.2f %12.0f %10.1f %12.1f\n", t, m, s, n / s, mb / s, kb / 1024 }'
}

floor=$(dirname "$tqe")/../bench/bleu_floor
for m in $metrics; do
    run tqe "$m" "$tqe" score "$out/ref.txt" -i "$out/hyp.txt" -m "$m" -b --jobs "${JOBS:-1}"
    echo "           score: $(cat "$out/score")"
    if [ "$m" = bleu ] && [ -x "$floor" ]; then
        # Not a BLEU: split at whitespace, exact unigram matches only (bench/bleu_floor.c).
        run floor bleu "$floor" "$out/ref.txt" "$out/hyp.txt"
        echo "           $(cat "$out/score")"
    fi
    if [ -n "${SACREBLEU:-}" ]; then
        # shellcheck disable=SC2086
        run sacrebleu "$m" $SACREBLEU "$out/ref.txt" -i "$out/hyp.txt" -m "$m" -b
        echo "           score: $(cat "$out/score")"
    fi
done
