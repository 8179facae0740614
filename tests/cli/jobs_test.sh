#!/bin/sh
# --jobs: tqe check, card and score give byte-identical output whatever the
# number of worker threads (inputs long enough to be shared out).
# usage: jobs_test.sh TQE [WMT22_DIR]
set -u
tqe=$1
case "$tqe" in /*) ;; *) tqe=$(pwd)/$tqe ;; esac
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

# 9,000 lines of the check test data: more than one batch, shared by workers.
i=0
while [ $i -lt 1800 ]; do
    cat "$data/check.en" >> "$tmp/big.en"
    cat "$data/check.de" >> "$tmp/big.de"
    i=$((i + 1))
done
for f in jsonl tsv text; do
    same "check --format $f" "$tqe" check --src "$tmp/big.en" --tgt "$tmp/big.de" --tgt-lang de --format $f
done
same "check --fail-on" "$tqe" check --src "$tmp/big.en" --tgt "$tmp/big.de" --tgt-lang de --fail-on number_missing
same "check --consistent-names" "$tqe" check --src "$tmp/big.en" --tgt "$tmp/big.de" --tgt-lang de --consistent-names --format text

# --consistent-names sums the workers' tallies: "Ofcom" is left out on the
# first 4,095 lines and kept on the 4,096th, which with --jobs 2 (two shares
# of 2,048 lines) only worker 1 sees: it is no rendering, all 4,095 are reported.
i=0
: > "$tmp/of.en"
: > "$tmp/of.de"
while [ $i -lt 4095 ]; do
    echo "Ofcom did not comment." >> "$tmp/of.en"
    echo "Die Behörde äußerte sich nicht." >> "$tmp/of.de"
    i=$((i + 1))
done
echo "Ofcom said so." >> "$tmp/of.en"
echo "Ofcom sagte das." >> "$tmp/of.de"
same "check --consistent-names, tallies of workers" "$tqe" check --src "$tmp/of.en" --tgt "$tmp/of.de" --tgt-lang de --consistent-names --format tsv
n=$(grep -c "	entity_missing	Ofcom	" "$tmp/stdout.2")
[ "$n" -eq 4095 ] || bad "check --consistent-names --jobs 2: $n lines report Ofcom, expected 4095"

# 6,000 segments of the score test data, two systems.
i=0
while [ $i -lt 600 ]; do
    cat "$data/ref.de" >> "$tmp/ref.big"
    cat "$data/ref2.de" >> "$tmp/ref2.big"
    cat "$data/a.de" >> "$tmp/a.big"
    cat "$data/b.de" >> "$tmp/b.big"
    i=$((i + 1))
done
same "score, 3 metrics" "$tqe" score "$tmp/ref.big" "$tmp/ref2.big" -i "$tmp/a.big" -m bleu chrf ter -w 6
same "score, two systems, paired" "$tqe" score "$tmp/ref.big" -i "$tmp/a.big" "$tmp/b.big" -m bleu chrf --paired-bs -pbsn 100
same "score -sl" "$tqe" score "$tmp/ref.big" -i "$tmp/b.big" -m chrf -sl
(
    cd "$tmp" && mkdir -p out &&
        for j in 1 3; do "$tqe" score ref.big -i a.big -m bleu ter --stats-out out/s$j --jobs $j > /dev/null 2>&1; done &&
        cmp -s out/s1 out/s3
) || bad "score --stats-out differs between --jobs 1 and 3"

same "card, 3 translations" "$tqe" card --src "$ex/article.en.txt" --tgt acme=de:"$ex/article.de.txt" \
    --tgt lingua=es:"$ex/article.es.txt" --tgt verba=fr:"$ex/article.fr.txt" \
    --ref de:"$ex/article.ref.de.txt" -o "$tmp/out" -q
same "card, WMT XML" "$tqe" card --wmt "$data/wmt_sample.xml" -o "$tmp/out" -q

if [ -n "$wmt" ] && [ -f "$wmt/generaltest2022.en-de.src.en" ]; then
    p=$wmt/generaltest2022.en-de
    cat "$p.ref.A.de" "$p.ref.A.de" "$p.ref.A.de" > "$tmp/wref"
    cat "$p.hyp.Online-A.de" "$p.hyp.Lan-Bridge.de" "$p.hyp.JDExploreAcademy.de" > "$tmp/whyp"
    same "score WMT22 en-de x3" "$tqe" score "$tmp/wref" -i "$tmp/whyp" -m bleu chrf ter -f text -w 4
    same "check WMT22 en-de" "$tqe" check --src "$p.src.en" --tgt "$p.hyp.Online-A.de" --tgt-lang de
    same "card WMT22 en-de" "$tqe" card --src "$p.src.en" --tgt A=de:"$p.hyp.Online-A.de" \
        --tgt B=de:"$p.hyp.Lan-Bridge.de" --ref de:"$p.ref.A.de" -o "$tmp/out" -q --bootstrap 100
else
    echo "note: WMT22 data not found; skipped the WMT22 runs"
fi

[ $fail -eq 0 ] && echo "jobs tests passed" || echo "$fail jobs test(s) failed"
[ $fail -eq 0 ]
