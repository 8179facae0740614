#!/bin/sh
# Sharded scoring: `tqe score --stats-out` on shards, then `tqe merge`, must
# print byte for byte what one `tqe score` run over the whole set prints, for
# every output mode; shards scored differently, damaged or foreign files and
# failed shards must be refused with exit code 2.
# usage: merge_test.sh TQE [WMT22_DIR]   (the WMT22 part is skipped without it)
set -u
tqe=$1
wmt=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
data=$here/data
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

# shard N FILE...: split each FILE into $tmp/sh/BASENAME.NN of N lines each.
shard() {
    n=$1
    shift
    mkdir -p "$tmp/sh"
    for f in "$@"; do split -l "$n" -d -a 2 "$f" "$tmp/sh/$(basename "$f")."; done
}

# same LABEL "SCORE-ARGS" "MERGE-ARGS" REF... -- HYP...: score every shard with
# --stats-out, merge, compare with the single run (stdout and exit code).
same() {
    label=$1 sargs=$2 margs=$3
    shift 3
    refs= hyps= side=ref
    for a in "$@"; do
        if [ "$a" = -- ]; then side=hyp; continue; fi
        if [ $side = ref ]; then refs="$refs $a"; else hyps="$hyps $a"; fi
    done
    rm -f "$tmp"/*.stats
    stats=
    for sfx in $(cd "$tmp/sh" && ls | sed -n 's/.*\.\([0-9][0-9]\)$/\1/p' | sort -u); do
        srefs= shyps=
        for r in $refs; do srefs="$srefs $tmp/sh/$(basename "$r").$sfx"; done
        for h in $hyps; do shyps="$shyps $tmp/sh/$(basename "$h").$sfx"; done
        # shellcheck disable=SC2086
        "$tqe" score $srefs -i $shyps $sargs --stats-out "$tmp/$sfx.stats" > /dev/null 2>&1 ||
            { bad "$label: shard $sfx failed"; return; }
        stats="$stats $tmp/$sfx.stats"
    done
    # shellcheck disable=SC2086
    "$tqe" score $refs -i $hyps $sargs $margs > "$tmp/single.out" 2> /dev/null
    want=$?
    # shellcheck disable=SC2086
    "$tqe" merge $stats $margs --names $hyps > "$tmp/merged.out" 2> "$tmp/merge.err"
    got=$?
    [ "$got" = "$want" ] || bad "$label: merge exit $got, single run $want: $(cat "$tmp/merge.err")"
    cmp -s "$tmp/single.out" "$tmp/merged.out" ||
        bad "$label: merged output differs: $(diff "$tmp/single.out" "$tmp/merged.out" | head -5)"
    [ -s "$tmp/single.out" ] || bad "$label: empty output"
}

# ---- small data shipped with the tests: 10 segments in shards of 3, 3, 3, 1 ----
shard 3 "$data/ref.de" "$data/ref2.de" "$data/a.de" "$data/b.de" "$data/refs2.tsv"
R=$data/ref.de R2=$data/ref2.de A=$data/a.de B=$data/b.de
same "bleu" "-m bleu" "" "$R" -- "$A"
same "three metrics, text" "-m bleu chrf ter" "-f text -w 4" "$R" "$R2" -- "$A"
same "score only" "-m bleu chrf ter" "-b" "$R" -- "$A"
same "chrF++ lowercase" "-m chrf -cw 2 --chrf-lowercase" "" "$R" -- "$A"
same "TER normalized" "-m ter --ter-normalized --ter-no-punct" "-f text" "$R" "$R2" -- "$A"
same "BLEU intl, floor" "-m bleu -tok intl -lc -s floor -sv 0.2" "" "$R" -- "$A"
same "-nr 2 (fractional TER lengths)" "-m ter bleu -nr 2" "" "$data/refs2.tsv" -- "$A"
same "sentence level" "-m bleu" "-sl" "$R" -- "$A"
same "sentence chrF" "-m chrf" "-sl -w 3" "$R" -- "$A"
same "confidence" "-m bleu chrf" "-ci -cin 200" "$R" -- "$A"
same "two systems" "-m bleu chrf ter" "" "$R" -- "$A" "$B"
same "paired bs" "-m bleu chrf" "--paired-bs -pbsn 300" "$R" -- "$A" "$B"
same "paired ar, text" "-m bleu" "--paired-ar -parn 300 -f text" "$R" -- "$A" "$B"

# Columns of standard input are named as in a single run.
mkdir -p "$tmp/cols"
split -l 5 -d -a 2 "$data/ab.tsv" "$tmp/cols/ab."
split -l 5 -d -a 2 "$R" "$tmp/cols/ref."
for s in 00 01; do
    "$tqe" score "$tmp/cols/ref.$s" -m bleu --stats-out "$tmp/c$s.stats" < "$tmp/cols/ab.$s" > /dev/null ||
        bad "standard input columns: shard $s failed"
done
"$tqe" score "$R" -m bleu --paired-bs < "$data/ab.tsv" > "$tmp/single.out" 2> /dev/null ||
    bad "standard input columns: single run failed"
"$tqe" merge "$tmp/c00.stats" "$tmp/c01.stats" --paired-bs > "$tmp/merged.out" ||
    bad "standard input columns: merge failed"
[ -s "$tmp/single.out" ] || bad "standard input columns: no output"
cmp -s "$tmp/single.out" "$tmp/merged.out" || bad "standard input columns: output differs"

# Merging in stages (--stats-out on merge) gives the same as merging at once.
shard 3 "$R" "$A"
for s in 0 1 2 3; do
    "$tqe" score "$tmp/sh/ref.de.0$s" -i "$tmp/sh/a.de.0$s" -m bleu chrf ter --stats-out "$tmp/s$s" \
        > /dev/null || bad "staged merge: shard $s failed"
done
"$tqe" merge "$tmp/s0" "$tmp/s1" --stats-out "$tmp/s01" > /dev/null || bad "staged merge failed"
"$tqe" merge "$tmp/s01" "$tmp/s2" "$tmp/s3" > "$tmp/staged.out" || bad "staged merge failed"
"$tqe" merge "$tmp/s0" "$tmp/s1" "$tmp/s2" "$tmp/s3" > "$tmp/once.out" || bad "merge at once failed"
[ -s "$tmp/staged.out" ] || bad "staged merge: no output"
cmp -s "$tmp/staged.out" "$tmp/once.out" || bad "staged merge differs from a merge at once"

# ---- refusals: exit 2 and a message naming the problem ----
refuse() { # label expected-message-fragment command...
    label=$1 frag=$2
    shift 2
    "$@" > "$tmp/r.out" 2> "$tmp/r.err"
    rc=$?
    [ $rc -eq 2 ] || bad "$label: exit $rc, expected 2"
    grep -q -- "$frag" "$tmp/r.err" || bad "$label: message '$(cat "$tmp/r.err")' lacks '$frag'"
    [ -s "$tmp/r.out" ] && bad "$label: printed results"
}
"$tqe" score "$tmp/sh/ref.de.01" -i "$tmp/sh/a.de.01" -m bleu --stats-out "$tmp/bleu1" > /dev/null
"$tqe" score "$tmp/sh/ref.de.01" -i "$tmp/sh/a.de.01" -m bleu -lc --stats-out "$tmp/lc1" > /dev/null
refuse "other options" "s\?lc1: the scoring options differ" "$tqe" merge "$tmp/bleu1" "$tmp/lc1"
refuse "other metrics" "the scoring options differ" "$tqe" merge "$tmp/s0" "$tmp/bleu1"
refuse "option that changes statistics" "cannot be given to merge" "$tqe" merge "$tmp/s0" -tok intl
refuse "metric subset" "cannot be given to merge" "$tqe" merge "$tmp/s0" -m bleu
refuse "hypotheses given" "-i/--input" "$tqe" merge "$tmp/s0" -i "$A"
refuse "no files" "no statistics files" "$tqe" merge
refuse "missing file" "cannot open" "$tqe" merge "$tmp/s0" "$tmp/nope"
refuse "names count" "--names: 2 names for 1 systems" "$tqe" merge "$tmp/s0" --names x y
refuse "foreign file" "$A:1: not a tqe statistics file" "$tqe" merge "$A"
head -n 12 "$tmp/s0" > "$tmp/trunc"
refuse "truncated file" "trunc:12: file ends early" "$tqe" merge "$tmp/s0" "$tmp/trunc"
sed 's/^tqe-stats\t1$/tqe-stats\t9/' "$tmp/s0" > "$tmp/v9"
refuse "future version" "v9:1: statistics file format version is not 1" "$tqe" merge "$tmp/v9"
awk 'NR == 12 { $3 = "x" } { print }' "$tmp/s0" > "$tmp/garbled"
refuse "garbled number" "garbled:12: not a non-negative number" "$tqe" merge "$tmp/garbled"
awk 'NR == 12 { $0 = $0 " 1" } { print }' "$tmp/s0" > "$tmp/long"
refuse "long row" "long:12: too many numbers" "$tqe" merge "$tmp/long"
sed 's/^end\t3\t/end\t4\t/' "$tmp/s0" > "$tmp/count"
refuse "wrong segment count" "segment count disagrees" "$tqe" merge "$tmp/count"
sed 's/version:tqe-[0-9.]*/version:tqe-0.0.1/' "$tmp/s0" > "$tmp/oldver"
refuse "other tqe version" "written by another version" "$tqe" merge "$tmp/oldver"

# A failed shard leaves neither the statistics file nor a temporary behind,
# and an earlier file of that name is kept.
echo keep > "$tmp/prev.stats"
"$tqe" score "$R" -i "$data/short.de" --stats-out "$tmp/prev.stats" > /dev/null 2>&1
[ $? -eq 2 ] || bad "mismatched shard: exit code"
[ "$(cat "$tmp/prev.stats")" = keep ] || bad "a failed shard replaced the previous statistics"
ls -a "$tmp" | grep -q 'tmp-' && bad "a failed shard left a temporary file"
refuse "unwritable place" "cannot create" "$tqe" score "$R" -i "$A" --stats-out "$tmp/no/dir/x.stats"

# ---- WMT22 en-de, 2037 segments, 3 systems, 2 references, in 4 shards ----
if [ -n "$wmt" ] && [ -f "$wmt/generaltest2022.en-de.ref.A.de" ]; then
    rm -rf "$tmp/sh"
    p=$wmt/generaltest2022.en-de
    hyps=$(ls "$p".hyp.*.de | head -3)
    # shellcheck disable=SC2086
    shard 510 "$p.ref.A.de" "$p.ref.B.de" $hyps
    # shellcheck disable=SC2086
    same "WMT22 en-de" "-m bleu chrf ter" "" "$p.ref.A.de" "$p.ref.B.de" -- $hyps
    # shellcheck disable=SC2086
    same "WMT22 en-de paired" "-m bleu chrf" "--paired-bs -f text" "$p.ref.A.de" -- $hyps
    # shellcheck disable=SC2086
    same "WMT22 en-de chrF++ sentences" "-m chrf -cw 2" "-sl" "$p.ref.A.de" -- $(echo $hyps | cut -d' ' -f1)
else
    echo "note: WMT22 data not found (${wmt:-no path given}); skipped the large comparison"
fi

[ $fail -eq 0 ] && echo "merge tests passed" || echo "$fail merge test(s) failed"
[ $fail -eq 0 ]
