#!/bin/sh
# tqe compare's report files and determinism:
#  - the JUnit XML is valid against tests/cli/junit.xsd (xmllint) and has a
#    testcase per metric and issue row, a failure for each failed gate;
#  - the schema is not vacuous: it rejects a report with a broken testcase;
#  - the Markdown report has the verdict, the tables and well-formed rows;
#  - a second run, and a run with the seed from $SACREBLEU_SEED, give the same
#    bytes; another seed changes the signatures;
#  - a report to /dev/stdout or a FIFO is written there;
#  - an unwritable report path is an error (exit 2).
# usage: compare_files.sh TQE. Exit 77 (skipped) when xmllint is absent.
set -u
tqe=$1
here=$(cd "$(dirname "$0")" && pwd)
case "$tqe" in /*) ;; *) tqe=$(pwd)/$tqe ;; esac
if ! command -v xmllint >/dev/null 2>&1; then
    echo "skipped: xmllint not found (Debian package libxml2-utils; scripts/deps.sh test installs it)"
    exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$here/data" || exit 2
fail=0
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

# run NAME EXPECTED_EXIT ARGS...: stdout, JUnit and Markdown into $tmp/NAME.*
run() {
    name=$1 want=$2
    shift 2
    "$tqe" compare "$@" --junit "$tmp/$name.xml" --markdown "$tmp/$name.md" \
        > "$tmp/$name.out" 2> "$tmp/$name.err"
    got=$?
    [ "$got" -eq "$want" ] || bad "$name: exit $got, expected $want: $(head -c 300 "$tmp/$name.err")"
}

# valid NAME TESTS FAILURES SKIPPED
valid() {
    xmllint --noout --schema "$here/junit.xsd" "$tmp/$1.xml" 2> "$tmp/$1.lint" ||
        bad "$1: JUnit XML does not validate: $(head -c 500 "$tmp/$1.lint")"
    grep -q "<testsuites name=\"tqe compare\" tests=\"$2\" failures=\"$3\" errors=\"0\" skipped=\"$4\"" \
        "$tmp/$1.xml" || bad "$1: expected tests=$2 failures=$3 skipped=$4: $(sed -n 2p "$tmp/$1.xml")"
    n=$(grep -c '<testcase ' "$tmp/$1.xml")
    [ "$n" -eq "$2" ] || bad "$1: $n testcases, expected $2"
    n=$(grep -c '<failure ' "$tmp/$1.xml")
    [ "$n" -eq "$3" ] || bad "$1: $n failures, expected $3"
}

B="--ref cmp_ref.de --baseline cmp_base.de --src cmp_src.en --tgt-lang de"

# Worse on every metric: 3 metrics + 9 issue types + the "number" gate;
# ungated: the 8 types other than untranslated.
run worse 1 $B --candidate cmp_worse.de --worst 3
valid worse 13 3 8
grep -q '<failure message="BLEU dropped by 61.42 points (more than 1; p = 0.0001 &lt; 0.05)" type="regression">' \
    "$tmp/worse.xml" || bad "worse: no BLEU failure"
grep -q 'cand: Neues Gesetz nimmt Effekt 1. Januar.' "$tmp/worse.xml" ||
    bad "worse: the failure does not quote the worst segment"

run same 0 $B --candidate cmp_base.de
valid same 13 0 8

run numbers 1 $B --candidate cmp_nonum.de --metrics qa --max-new-issues entity=0
valid numbers 11 1 8
grep -q '<testcase name="number" classname="tqe.compare.qa" time="0">' "$tmp/numbers.xml" ||
    bad "numbers: no testcase for the number gate"
grep -q 'number_missing: source number 320 meters (320) not found' "$tmp/numbers.xml" ||
    bad "numbers: the failure does not list the new issues"

# The schema rejects what CI systems would not read.
sed 's/<testcase name="BLEU" /<testcase /' "$tmp/worse.xml" > "$tmp/broken.xml"
xmllint --noout --schema "$here/junit.xsd" "$tmp/broken.xml" 2>/dev/null &&
    bad "junit.xsd accepts a testcase without a name"
sed 's/failures="3"/failures="three"/' "$tmp/worse.xml" > "$tmp/broken.xml"
xmllint --noout --schema "$here/junit.xsd" "$tmp/broken.xml" 2>/dev/null &&
    bad "junit.xsd accepts a non-numeric count"

# Markdown: verdict, tables, rows with their 6 cells (pipes inside texts escaped).
head -1 "$tmp/worse.md" | grep -q '^### .* tqe compare: regression$' || bad "worse.md: no verdict"
head -1 "$tmp/same.md" | grep -q 'no regression' || bad "same.md: wrong verdict"
grep -q '^| BLEU | 72.80 | 11.38 | -61.42 | \[-[0-9.]*, -[0-9.]*\] | 0.0001 | 1.00 | .* FAIL |$' \
    "$tmp/worse.md" || bad "worse.md: no BLEU row"
rows=$(grep -c '^| [0-9]* | ' "$tmp/worse.md")
[ "$rows" -eq 3 ] || bad "worse.md: $rows segment rows, expected 3"
grep '^| [0-9]* | ' "$tmp/worse.md" | sed 's/\\|//g' | awk -F'|' 'NF != 8 { exit 1 }' ||
    bad "worse.md: a segment row does not have 6 cells"

# Determinism: same bytes again, and with the default seed from the environment.
cp "$tmp/worse.out" "$tmp/worse1.out"; cp "$tmp/worse.xml" "$tmp/worse1.xml"; cp "$tmp/worse.md" "$tmp/worse1.md"
run worse 1 $B --candidate cmp_worse.de --worst 3
for f in out xml md; do cmp -s "$tmp/worse.$f" "$tmp/worse1.$f" || bad "second run: .$f differs"; done
SACREBLEU_SEED=12345 "$tqe" compare $B --candidate cmp_worse.de --worst 3 > "$tmp/env.out" 2>/dev/null
cmp -s "$tmp/env.out" "$tmp/worse1.out" || bad "SACREBLEU_SEED=12345 differs from the default seed"
SACREBLEU_SEED=7 "$tqe" compare $B --candidate cmp_worse.de --worst 0 > "$tmp/seed7.out" 2>/dev/null
grep -q '|seed:7|' "$tmp/seed7.out" || bad "SACREBLEU_SEED=7 is not the seed"
SACREBLEU_SEED=7 "$tqe" compare $B --candidate cmp_worse.de --worst 0 --seed 9 > "$tmp/seed9.out" 2>/dev/null
grep -q '|seed:9|' "$tmp/seed9.out" || bad "--seed does not override SACREBLEU_SEED"

# A report to /dev/stdout or a FIFO is written there: nothing to rename
# into place beside it (a temporary file in /dev, then "not a regular file").
{ "$tqe" compare $B --candidate cmp_worse.de --worst 3 --markdown /dev/stdout 2> "$tmp/dev.err"
  echo $? > "$tmp/dev.code"; } | cat > "$tmp/dev.out"
[ "$(cat "$tmp/dev.code")" -eq 1 ] ||
    bad "--markdown /dev/stdout: exit $(cat "$tmp/dev.code"), expected 1: $(head -c 300 "$tmp/dev.err")"
cat "$tmp/worse1.out" "$tmp/worse1.md" | cmp -s - "$tmp/dev.out" ||
    bad "--markdown /dev/stdout: not the text report followed by the Markdown"
mkfifo "$tmp/fifo"
cat "$tmp/fifo" > "$tmp/fifo.xml" &
"$tqe" compare $B --candidate cmp_worse.de --worst 3 --junit "$tmp/fifo" > /dev/null 2> "$tmp/fifo.err"
got=$?
[ "$got" -eq 1 ] || bad "--junit FIFO: exit $got, expected 1: $(head -c 300 "$tmp/fifo.err")"
: 3<> "$tmp/fifo" # (a writer, so that cat ends if tqe never opened the FIFO)
wait
cmp -s "$tmp/fifo.xml" "$tmp/worse1.xml" || bad "--junit FIFO: not the JUnit report"

# A report that cannot be written is an error.
"$tqe" compare $B --candidate cmp_base.de --junit "$tmp/no/such/dir.xml" > /dev/null 2> "$tmp/nodir.err"
got=$?
[ "$got" -eq 2 ] || bad "unwritable --junit: exit $got, expected 2"
grep -q "dir.xml: cannot write: No such file or directory" "$tmp/nodir.err" ||
    bad "unwritable --junit: $(cat "$tmp/nodir.err")"

[ "$fail" -eq 0 ] && echo "compare_files.sh: all checks pass"
[ "$fail" -eq 0 ]
