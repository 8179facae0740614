#!/bin/sh
# Reports are all or nothing: tqe card killed at any moment, or failing
# while writing, leaves the previous report as it was (never a mix of old
# and new files, never a truncated file).
# usage: kill_test.sh TQE
set -u
tqe=$1
here=$(cd "$(dirname "$0")" && pwd)
ex=$here/../../references/examples
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
files="scorecard.csv scorecard.jsonl summary.csv report.html"

# A bigger job than the example: its article 20 times over (240 paragraphs),
# three translations, so that a run lasts long enough to be interrupted.
for f in article.en.txt article.de.txt article.es.txt article.fr.txt; do
    i=0
    while [ $i -lt 20 ]; do cat "$ex/$f"; i=$((i + 1)); done > "$tmp/$f"
done
card() { # out-dir [extra args]; exec: the caller's $! is tqe itself
    out=$1
    shift
    exec "$tqe" card --src "$tmp/article.en.txt" --tgt acme=de:"$tmp/article.de.txt" \
        --tgt lingua=es:"$tmp/article.es.txt" --tgt verba=fr:"$tmp/article.fr.txt" \
        -o "$out" -q --jobs 1 "$@"
}

# The previous report (another seed, so the new one differs), and the new one.
(card "$tmp/old" --seed 1) || bad "first run failed"
(card "$tmp/new" --seed 2) || bad "second run failed"
cmp -s "$tmp/old/summary.csv" "$tmp/new/summary.csv" && bad "the two reports should differ"
start=$(date +%s%N)
(card "$tmp/timing" --seed 2)
took=$((($(date +%s%N) - start) / 1000000)) # milliseconds

# Kill at moments spread over a run, finely near its end (where the files
# are written) and past it: the directory holds either the old report or
# the new one, whole. Both must be seen, or the sweep missed the writing.
saw_old=0 saw_new=0
kill_at() { # percent of the timed run
    pct=$1
    rm -rf "$tmp/run" && cp -r "$tmp/old" "$tmp/run"
    card "$tmp/run" --seed 2 &
    pid=$!
    sleep "$(awk -v t="$took" -v p="$pct" 'BEGIN { printf "%.3f", t * p / 100 / 1000 }')"
    kill -9 "$pid" 2> /dev/null
    wait "$pid" 2> /dev/null
    # (files the seed does not change are the same in both reports)
    all_old=yes all_new=yes
    for f in $files; do
        cmp -s "$tmp/run/$f" "$tmp/old/$f" || all_old=no
        cmp -s "$tmp/run/$f" "$tmp/new/$f" || all_new=no
    done
    if [ $all_old = yes ]; then saw_old=$((saw_old + 1)); elif [ $all_new = yes ]; then
        saw_new=$((saw_new + 1))
    else
        bad "killed at $pct% of a run: the report is neither the old one nor the new one"
    fi
}
for pct in 10 30 50 60 70 75 80 85 90 93 96 98 100 102 105 110 120 150 300; do
    kill_at $pct
done
# On a loaded machine (ctest -j2 beside valgrind) a run may last longer
# than the one timed: kill later, up to ten times it, until one finished.
for pct in 500 1000; do
    [ $saw_new -gt 0 ] || kill_at $pct
done
[ $saw_old -gt 0 ] && [ $saw_new -gt 0 ] ||
    bad "the kills left $saw_old old and $saw_new new reports: the sweep missed the writing"

# A failure while writing (a directory where report.html goes): exit 2, and
# the other files are not replaced either.
rm -rf "$tmp/run" && cp -r "$tmp/old" "$tmp/run" && rm "$tmp/run/report.html" &&
    mkdir -p "$tmp/run/report.html/x"
(card "$tmp/run" --seed 2) 2> "$tmp/err"
[ $? -eq 2 ] || bad "writing over a directory: exit code"
grep -q "report.html: exists and is not a regular file: not replaced" "$tmp/err" ||
    bad "writing over a directory: message '$(cat "$tmp/err")'"
for f in scorecard.csv scorecard.jsonl summary.csv; do
    cmp -s "$tmp/run/$f" "$tmp/old/$f" || bad "a failed write replaced $f"
done
ls -a "$tmp/run" | grep -q 'tmp-' && bad "a failed write left temporary files"

[ $fail -eq 0 ] && echo "kill tests passed (a run takes ${took} ms; kills left $saw_old old, $saw_new new reports)" || echo "$fail kill test(s) failed"
[ $fail -eq 0 ]
