#!/bin/sh
# Fuzz targets one after another with libFuzzer, SECONDS each (default 600),
# in fork mode so that a crash is saved and the run goes on.
# usage: tests/fuzz/run.sh BUILD_FUZZ_DIR [SECONDS] TARGET...
#   (BUILD_FUZZ_DIR configured with CC=clang -DTQE_FUZZ=ON, see CMakeLists.txt)
# The corpus grows in $FUZZ_WORK/corpus/TARGET (default /tmp/tqe-fuzz), seeded
# from tests/fuzz/corpus/TARGET; crashes go to $FUZZ_WORK/crashes/TARGET/ and
# the log to $FUZZ_WORK/TARGET.log. Replay a crash with
#   BUILD_FUZZ_DIR/tests/fuzz/fuzz_TARGET -runs=1 CRASH_FILE
set -u
[ $# -ge 2 ] || { echo "usage: $0 BUILD_FUZZ_DIR [SECONDS] TARGET..." >&2; exit 2; }
build=$(cd "$1" && pwd) || exit 2; shift
secs=600
case "$1" in *[!0-9]*) ;; *) secs=$1; shift ;; esac
src=$(cd "$(dirname "$0")" && pwd)
work=${FUZZ_WORK:-/tmp/tqe-fuzz}
for t in "$@"; do
    bin=$build/tests/fuzz/fuzz_$t
    [ -x "$bin" ] || { echo "fuzz: $bin not built" >&2; exit 2; }
    mkdir -p "$work/corpus/$t" "$work/crashes/$t"
    cp -n "$src/corpus/$t/"* "$work/corpus/$t/" 2> /dev/null
    dict=; [ -f "$src/$t.dict" ] && dict=-dict=$src/$t.dict
    start=$(date +%s)
    # shellcheck disable=SC2086
    (cd "$work/crashes/$t" && "$bin" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
        -max_total_time="$secs" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$work/crashes/$t/" $dict "$work/corpus/$t" > "$work/$t.log" 2>&1)
    stats=$(grep -E '^#[0-9]+' "$work/$t.log" | tail -n 1)
    echo "$t: $(($(date +%s) - start)) s, $(echo "$stats" | sed 's/^#\([0-9]*\):.*cov: \([0-9]*\).*/\1 runs, coverage \2/'), $(ls "$work/crashes/$t" | wc -l) crash files"
done
