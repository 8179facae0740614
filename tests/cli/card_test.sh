#!/bin/sh
# tqe card on the bundled example and on a WMT XML sample: the alignment and
# the findings the defect key in references/examples/README.md lists, the
# files written (and only whole), determinism, bad output directories.
# usage: card_test.sh TQE [office]   ("office": only the LibreOffice CSV check)
set -u
tqe=$1
mode=${2:-all}
here=$(cd "$(dirname "$0")" && pwd)
ex=$here/../../references/examples
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

card_example() { # out dir
    "$tqe" card --src "$ex/article.en.txt" --tgt acme=de:"$ex/article.de.txt" \
        --tgt lingua=es:"$ex/article.es.txt" --tgt verba=fr:"$ex/article.fr.txt" \
        --ref de:"$ex/article.ref.de.txt" -o "$1" -q
}

# A CSV row's first columns: translation,lang,doc,bead,src_paras,tgt_paras,align_kind
beads() { # out translation -> "src|tgt|kind" per bead
    awk -F'\t' -v t="$2" '$1 == t { print $5 "|" $6 "|" $7 }' "$1/beads.tsv"
}

if [ "$mode" = office ]; then
    command -v soffice >/dev/null 2>&1 || { echo "SKIPPED: soffice (LibreOffice) not installed"; exit 77; }
    printf 'He said "yes, really", then left.\nA second line of it.\n\nThe price rose 12%%, to $4.\n' > "$tmp/src.txt"
    printf 'Er sagte "ja, wirklich", dann ging er.\nEine zweite Zeile.\n\nDer Preis stieg um 12 %%, auf 4 Dollar.\n' > "$tmp/tgt.txt"
    "$tqe" card --src "$tmp/src.txt" --tgt de:"$tmp/tgt.txt" --para blank -o "$tmp/o" -q || bad "tqe card failed"
    timeout 120 soffice --headless --norestore -env:UserInstallation=file://$tmp/lo \
        --infilter="CSV:44,34,76,1" --convert-to html --outdir "$tmp/conv" "$tmp/o/scorecard.csv" \
        > "$tmp/soffice.log" 2>&1 || bad "soffice failed: $(cat "$tmp/soffice.log")"
    html=$tmp/conv/scorecard.html
    [ "$(grep -c '<tr' "$html")" -eq 3 ] || bad "LibreOffice sees $(grep -c '<tr' "$html") rows, expected 3"
    grep -q 'Er sagte &quot;ja, wirklich&quot;, dann ging er.<br>Eine zweite Zeile.' "$html" ||
        bad "the cell with quotes, a comma and a line break did not survive"
    grep -q '12 %, auf 4 Dollar' "$html" || bad "the cell with a comma did not survive"
    [ $fail -eq 0 ] && echo "LibreOffice reads scorecard.csv: 3 rows, quoting intact"
    exit $([ $fail -eq 0 ] && echo 0 || echo 1)
fi

# --- the example: files, alignment and findings of the defect key ---
card_example "$tmp/a" || bad "tqe card on the example failed"
for f in scorecard.csv scorecard.jsonl summary.csv report.html; do
    [ -s "$tmp/a/$f" ] || bad "$f missing or empty"
done
# The JSONL has one record per bead: flatten the fields checked below.
sed 's/^{"translation": "\([^"]*\)".*"bead": \([0-9]*\), "src_paras": \[\([^]]*\)\], "tgt_paras": \[\([^]]*\)\], "align_kind": "\([^"]*\)".*/\1\tx\tx\t\2\t\3\t\4\t\5/' \
    "$tmp/a/scorecard.jsonl" | tr -d ' ' > "$tmp/a/beads.tsv"
expect_beads() { # translation expected-beads
    got=$(beads "$tmp/a" "$1" | tr '\n' ' ')
    [ "$got" = "$2" ] || bad "$1 alignment: got '$got', expected '$2'"
}
expect_beads acme "1|1|1-1 2|2|1-1 3|3|1-1 4|4|1-1 5|5|1-1 6|6|1-1 7|7|1-1 8,9|8|2-1 10|9|1-1 11|10|1-1 12|11|1-1 |12|0-1 "
expect_beads lingua "1|1|1-1 2|2|1-1 3|3,4|1-2 4|5|1-1 5|6|1-1 6|7|1-1 7|8|1-1 8|9|1-1 9|10|1-1 10||1-0 11|11|1-1 12|12|1-1 "
expect_beads verba "1|1|1-1 2|2|1-1 3|3|1-1 4|4|1-1 5|5|1-1 6,7|6|2-1 8|7|1-1 9|8|1-1 10|9|1-1 11|10|1-1 12|11|1-1 "
expect_issue() { # translation bead type text
    grep "^{\"translation\": \"$1\"" "$tmp/a/scorecard.jsonl" | grep "\"bead\": $2," |
        grep -q "\"type\": \"$3\", \"source\": \"[^\"]*$4" || bad "$1 bead $2: no $3 with '$4'"
}
expect_issue acme 4 number_altered '\$60 billion'
expect_issue acme 5 entity_missing 'Havik'
expect_issue acme 12 addition ''
expect_issue lingua 2 number_altered '2024'
expect_issue lingua 7 entity_altered 'Leeuwen'
expect_issue lingua 8 untranslated ''
expect_issue lingua 10 omission ''
expect_issue verba 3 number_missing '12.5%'
expect_issue verba 7 number_extra ''
expect_issue verba 11 untranslated ''
# ... and nothing else: every finding outside the key's beads is a false alarm.
others=$(grep -v '"issues": \[\]' "$tmp/a/scorecard.jsonl" |
    grep -v -e '"translation": "acme".*"bead": \(4\|5\|12\),' \
            -e '"translation": "lingua".*"bead": \(2\|7\|8\|10\),' \
            -e '"translation": "verba".*"bead": \(3\|7\|11\),' | wc -l)
[ "$others" -eq 0 ] || bad "$others beads have findings the defect key does not list"
head -n 1 "$tmp/a/summary.csv" | grep -q '^translation,lang,docs,src_paras,tgt_paras,' || bad "summary.csv header"
[ "$(wc -l < "$tmp/a/summary.csv")" -eq 4 ] || bad "summary.csv should have 3 translations"

# --- determinism: the same inputs give byte-identical files ---
card_example "$tmp/b" || bad "second run failed"
for f in scorecard.csv scorecard.jsonl summary.csv report.html; do
    cmp -s "$tmp/a/$f" "$tmp/b/$f" || bad "$f differs between two runs"
done

# --- WMT XML: a whole test set in one call, with a doc column ---
"$tqe" card --wmt "$here/data/wmt_sample.xml" -o "$tmp/w" -q || bad "tqe card --wmt failed"
grep -q '^sysB,de,news-1,1,.*number_altered' "$tmp/w/scorecard.csv" || bad "WMT: sysB's altered amount"
grep -q '^sysB,de,news-1,2,.*entity_missing' "$tmp/w/scorecard.csv" || bad "WMT: sysB's missing name"
[ "$(grep -c '^sysA,de,news-' "$tmp/w/scorecard.csv")" -eq 4 ] || bad "WMT: sysA should have 4 beads"
# Each document's beads take their reference from that document's alignment
# with the reference (made once for both systems).
n=$(grep -c '"doc": "news-1", "bead": 1,.*"ref_text": "Der Rat genehmigte' "$tmp/w/scorecard.jsonl")
[ "$n" -eq 2 ] || bad "WMT: news-1's first bead has news-1's reference in $n of 2 systems"
n=$(grep -c '"doc": "news-2", "bead": 1,.*"ref_text": "Die Aktien von Orvell' "$tmp/w/scorecard.jsonl")
[ "$n" -eq 2 ] || bad "WMT: news-2's bead has news-2's reference in $n of 2 systems"

# --- bad output directory: exit 2, a message, nothing written ---
: > "$tmp/afile"
"$tqe" card --src "$ex/article.en.txt" --tgt de:"$ex/article.de.txt" -o "$tmp/afile/sub" -q 2> "$tmp/err"
[ $? -eq 2 ] || bad "an output directory under a file should exit 2"
grep -q "cannot create the output directory" "$tmp/err" || bad "message for a bad output directory: $(cat "$tmp/err")"

[ $fail -eq 0 ] && echo "tqe card: example, WMT XML, determinism and bad output directory: all pass"
[ $fail -eq 0 ]
