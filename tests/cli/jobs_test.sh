#!/bin/sh
# --jobs: tqe check, card and score give byte-identical output whatever the
# number of worker threads (inputs long enough to be shared out).
# usage: jobs_test.sh TQE [WMT22_DIR]
set -u
tqe=$1
wmt=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
data=$here/data
ex=$here/../../references/examples
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

# same LABEL COMMAND...: run with --jobs 1, 2 and 3; stdout, exit code and any
# files written under $tmp/out.J must agree.
same() {
    label=$1
    shift
    for j in 1 2 3; do
        rm -rf "$tmp/out"
        "$@" --jobs $j > "$tmp/stdout.$j" 2> "$tmp/stderr.$j"
        echo $? > "$tmp/rc.$j"
        [ -d "$tmp/out" ] && mv "$tmp/out" "$tmp/out.$j"
    done
    for j in 2 3; do
        cmp -s "$tmp/rc.1" "$tmp/rc.$j" || bad "$label: exit code differs with --jobs $j"
        cmp -s "$tmp/stdout.1" "$tmp/stdout.$j" || bad "$label: output differs with --jobs $j"
        if [ -d "$tmp/out.1" ]; then
            diff -r "$tmp/out.1" "$tmp/out.$j" > /dev/null || bad "$label: files differ with --jobs $j"
        fi
    done
    [ "$(cat "$tmp/rc.1")" -le 1 ] || bad "$label: failed: $(cat "$tmp/stderr.1")"
    rm -rf "$tmp"/out.*
}

# 3,000 lines of the check test data: several batches of lines per worker.
i=0
while [ $i -lt 600 ]; do
    cat "$data/check.en" >> "$tmp/big.en"
    cat "$data/check.de" >> "$tmp/big.de"
    i=$((i + 1))
done
for f in jsonl tsv text; do
    same "check --format $f" "$tqe" check --src "$tmp/big.en" --tgt "$tmp/big.de" --tgt-lang de --format $f
done
same "check --fail-on" "$tqe" check --src "$tmp/big.en" --tgt "$tmp/big.de" --tgt-lang de --fail-on number_missing

same "card, 3 translations" "$tqe" card --src "$ex/article.en.txt" --tgt acme=de:"$ex/article.de.txt" \
    --tgt lingua=es:"$ex/article.es.txt" --tgt verba=fr:"$ex/article.fr.txt" \
    --ref de:"$ex/article.ref.de.txt" -o "$tmp/out" -q
same "card, WMT XML" "$tqe" card --wmt "$data/wmt_sample.xml" -o "$tmp/out" -q

if [ -n "$wmt" ] && [ -f "$wmt/generaltest2022.en-de.src.en" ]; then
    p=$wmt/generaltest2022.en-de
    same "check WMT22 en-de" "$tqe" check --src "$p.src.en" --tgt "$p.hyp.Online-A.de" --tgt-lang de
    same "card WMT22 en-de" "$tqe" card --src "$p.src.en" --tgt A=de:"$p.hyp.Online-A.de" \
        --tgt B=de:"$p.hyp.Lan-Bridge.de" --ref de:"$p.ref.A.de" -o "$tmp/out" -q --bootstrap 100
else
    echo "note: WMT22 data not found; skipped the WMT22 runs"
fi

[ $fail -eq 0 ] && echo "jobs tests passed" || echo "$fail jobs test(s) failed"
[ $fail -eq 0 ]
