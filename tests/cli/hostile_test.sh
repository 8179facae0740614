#!/bin/sh
# Hostile input: what vendors send. Each case gives the exact message on
# standard error and the exit code; nothing may crash, hang or print results.
# usage: hostile_test.sh TQE
set -u
tqe=$1
case "$tqe" in /*) ;; *) tqe=$(pwd)/$tqe ;; esac
tmp=$(mktemp -d)
trap 'chmod -R u+rwx "$tmp" 2> /dev/null; rm -rf "$tmp"' EXIT
cd "$tmp" || exit 2
fail=0 n=0

# expect CODE MESSAGE COMMAND...: stderr must be exactly MESSAGE (one line, or
# empty when MESSAGE is ""), the exit code CODE, and stdout empty when CODE != 0.
expect() {
    code=$1 msg=$2
    shift 2
    n=$((n + 1))
    timeout 120 "$@" > out 2> err
    got=$?
    if [ "$got" -ne "$code" ]; then
        echo "FAIL [$*]: exit $got, expected $code: $(head -c 300 err)"
        fail=$((fail + 1))
        return
    fi
    if [ "$(cat err)" != "$msg" ]; then
        echo "FAIL [$*]: stderr"
        echo "   got:  $(head -c 400 err)"
        echo "   want: $msg"
        fail=$((fail + 1))
        return
    fi
    if [ "$code" -ne 0 ] && [ -s out ]; then
        echo "FAIL [$*]: printed results before failing"
        fail=$((fail + 1))
    fi
}

# ---- the files ----
printf 'A good line.\nAnother good line.\n' > good.txt
printf 'Ein guter Satz.\nNoch ein guter Satz.\n' > good.de
printf 'Ein guter Satz.\nNoch ein \300\257 Satz.\n' > overlong.de       # overlong "/"
printf 'Ein guter Satz.\nNoch \355\240\200 ein Satz.\n' > surrogate.de  # U+D800
printf 'Ein guter Satz.\nNoch ein guter Satz \342\202' > truncated.de     # cut at end of file
printf '\377\376E\000i\000n\000\n\000' > utf16le.de
printf '\376\377\000E\000i\000n\000\n' > utf16be.de
printf 'Ein guter Satz.\nNoch ein\000 Satz.\n' > nul.de
printf 'Ein guter Satz.\r\nNoch ein guter Satz.\r\n' > crlf.de            # fine: CR dropped
printf 'Nur eine Zeile.\n' > short.de
: > empty.txt
: > empty.de
printf '\n\n\n' > blank.txt
mkdir adir
printf 'A\tB\tC\nD\tE\tF\n' > threerefs.tsv
printf 'term without a tab\n' > glossary_notab.tsv
printf 'Meta\tMeta\textra\n' > glossary_tabs.tsv
printf 'number_missing\t1\n' > thresholds_fields.tsv
printf 'colour_missing\t1\t2\n' > thresholds_key.tsv
printf 'chrf_vs_ref\tlow\t25\n' > thresholds_value.tsv
printf '<dataset><doc id="d1"><src lang="en"><p><seg id="1">x</seg></p></src>' > cut.xml
printf '<html><body>not a test set</body></html>' > html.xml
printf '<dataset><doc><src lang="en"><p><seg id="1">x</seg></p></src></doc></dataset>' > noid.xml
# 100 MB on one line: a file that lost its line breaks.
head -c 100000000 /dev/zero | tr '\0' 'a' > huge.de
echo >> huge.de
printf 'x\n' > huge.txt

U8='invalid UTF-8'
# ---- tqe score ----
expect 2 "tqe score: overlong.de:2:10: $U8 (overlong encoding)" "$tqe" score good.de -i overlong.de
expect 2 "tqe score: surrogate.de:2:6: $U8 (encoded UTF-16 surrogate)" "$tqe" score good.de -i surrogate.de
expect 2 "tqe score: truncated.de:2:21: $U8 (truncated multi-byte sequence)" "$tqe" score good.de -i truncated.de
expect 2 "tqe score: utf16le.de:1:1: file is UTF-16LE (byte order mark found); tqe reads UTF-8 (convert it with: iconv -f UTF-16LE -t UTF-8)" \
    "$tqe" score good.de -i utf16le.de
expect 2 "tqe score: utf16be.de:1:1: file is UTF-16BE (byte order mark found); tqe reads UTF-8 (convert it with: iconv -f UTF-16BE -t UTF-8)" \
    "$tqe" score utf16be.de -i good.de
expect 2 "tqe score: nul.de:2:9: NUL byte in text (binary file?)" "$tqe" score good.de -i nul.de
expect 0 "" "$tqe" score good.de -i crlf.de -b
[ "$(cat out)" = "100.0" ] || { echo "FAIL: CRLF lines should score 100.0, got $(cat out)"; fail=$((fail + 1)); }
expect 2 "tqe score: missing.de: cannot open: No such file or directory" "$tqe" score good.de -i missing.de
expect 2 "tqe score: adir: is a directory, not a text file" "$tqe" score good.de -i adir
expect 2 "tqe score: /proc/self/mem: read error: Input/output error" "$tqe" score good.de -i /proc/self/mem
if [ "$(id -u)" -ne 0 ]; then
    cp good.de locked.de && chmod 000 locked.de
    expect 2 "tqe score: locked.de: cannot open: Permission denied" "$tqe" score good.de -i locked.de
fi
expect 2 "tqe score: the references and the hypotheses have different numbers of lines: good.de has 2 lines, short.de has 1 line" \
    "$tqe" score good.de -i short.de
expect 2 "tqe score: no segments to score: the inputs are empty" "$tqe" score empty.de -i empty.de
expect 0 "" "$tqe" score blank.txt -i blank.txt -b # blank segments are segments (as in sacreBLEU)
expect 2 "tqe score: threerefs.tsv:1: expected 2 tab-separated references, found 3" \
    "$tqe" score threerefs.tsv -nr 2 -i good.de
expect 2 "tqe score: huge.de:1: a line of 100000000 bytes, more than the 1048576 of --max-line-bytes (has the file lost its line breaks?)" \
    "$tqe" score huge.txt -i huge.de
expect 2 "tqe compare: huge.de:1: a line of 100000000 bytes, more than the 1048576 tqe compare handles (has the file lost its line breaks?)" \
    "$tqe" compare --ref huge.txt --baseline huge.txt --candidate huge.de
# -sl streams its lines: the long third line is refused before any is printed.
(printf 'a b\nc d\n'; head -c 2000000 /dev/zero | tr '\0' 'a'; echo) > late.de
expect 2 "tqe score: late.de:3: a line of 2000000 bytes, more than the 1048576 of --max-line-bytes (has the file lost its line breaks?)" \
    "$tqe" score late.de -i late.de -sl
# Without the limit, TER's own (word ids of 24 bits), located by line.
(printf 'a b\nc d\n'; head -c 34000000 /dev/zero | tr '\0' 'a' | sed 's/aa/a /g'; echo) > words.de
expect 2 "tqe score: line 3: TER: reference has more than 16777216 words" \
    "$tqe" score words.de -i words.de -m ter --max-line-bytes 0
rm -f words.de

# ---- tqe check ----
expect 2 "tqe check: overlong.de:2:10: $U8 (overlong encoding)" \
    "$tqe" check --src good.txt --tgt overlong.de --tgt-lang de
expect 2 "tqe check: utf16le.de:1:1: file is UTF-16LE (byte order mark found); tqe reads UTF-8 (convert it with: iconv -f UTF-16LE -t UTF-8)" \
    "$tqe" check --src good.txt --tgt utf16le.de --tgt-lang de
expect 2 "tqe check: nul.de:2:9: NUL byte in text (binary file?)" \
    "$tqe" check --src good.txt --tgt nul.de --tgt-lang de
expect 2 "tqe check: missing.txt: cannot open: No such file or directory" \
    "$tqe" check --src missing.txt --tgt good.de --tgt-lang de
expect 2 "tqe check: adir: is a directory, not a text file" \
    "$tqe" check --src adir --tgt good.de --tgt-lang de
expect 2 "tqe check: good.txt has 2 lines but short.de has 1: line i of the translation must translate line i of the source" \
    "$tqe" check --src good.txt --tgt short.de --tgt-lang de
expect 2 "tqe check: no lines to check: empty.txt and empty.de are empty" \
    "$tqe" check --src empty.txt --tgt empty.de --tgt-lang de
expect 2 "tqe check: huge.de:1: a line of 100000000 bytes, more than the 262144 tqe check handles (has the file lost its line breaks?)" \
    "$tqe" check --src huge.txt --tgt huge.de --tgt-lang de
expect 2 "tqe check: unknown target language 'xx' (expected an ISO 639 code such as en, de, es, zh or pt-BR)" \
    "$tqe" check --src good.txt --tgt good.de --tgt-lang xx
expect 2 "tqe check: unknown source language 'english' (expected an ISO 639 code such as en, de, es, zh or pt-BR)" \
    "$tqe" check --src good.txt --tgt good.de --src-lang english --tgt-lang de
expect 2 "tqe check: glossary_notab.tsv:1: expected 'source term<TAB>forms', found no TAB" \
    "$tqe" check --src good.txt --tgt good.de --tgt-lang de --glossary glossary_notab.tsv
expect 2 "tqe check: glossary_tabs.tsv:1: more than one TAB (forms are separated by '|')" \
    "$tqe" check --src good.txt --tgt good.de --tgt-lang de --glossary glossary_tabs.tsv

# ---- tqe card / align ----
expect 2 "tqe card: blank.txt: no paragraphs (the file is empty or has only blank lines)" \
    "$tqe" card --src blank.txt --tgt de:good.de -o rep -q
expect 2 "tqe card: huge.de:1: a paragraph of 100000000 bytes, more than the 262144 tqe handles (has the file lost its line breaks?)" \
    "$tqe" card --src good.txt --tgt de:huge.de -o rep -q
expect 2 "tqe card: unknown target language 'qq' (expected an ISO 639 code such as en, de, es, zh or pt-BR)" \
    "$tqe" card --src good.txt --tgt qq:good.de -o rep -q
expect 2 "tqe card: surrogate.de:2:6: $U8 (encoded UTF-16 surrogate)" \
    "$tqe" card --src good.txt --tgt de:surrogate.de -o rep -q
expect 2 "tqe card: thresholds_fields.tsv:1: expected key<TAB>warn<TAB>fail, found 2 fields" \
    "$tqe" card --src good.txt --tgt de:good.de --thresholds thresholds_fields.tsv -o rep -q
printf '0.5\n0.7\n' > scores.txt
expect 2 "tqe card: --extra-scores COMET: no translation is named 'acmee' (see --tgt NAME=...)" \
    "$tqe" card --src good.txt --tgt acme=de:good.de --extra-scores COMET=acmee:scores.txt -o rep -q
expect 2 "tqe card: thresholds_key.tsv:1: unknown key 'colour_missing' (an issue type, chrf_vs_ref, bleu_vs_ref or align_confidence)" \
    "$tqe" card --src good.txt --tgt de:good.de --thresholds thresholds_key.tsv -o rep -q
expect 2 "tqe card: thresholds_value.tsv:1: a threshold must be a number or '-', not 'low'" \
    "$tqe" card --src good.txt --tgt de:good.de --thresholds thresholds_value.tsv -o rep -q
expect 2 "tqe card: cut.xml:1: malformed XML: Premature end of data in tag doc line 1" \
    "$tqe" card --wmt cut.xml -o rep -q
expect 2 "tqe card: html.xml: no <doc> with a <src>: not a WMT test set" "$tqe" card --wmt html.xml -o rep -q
expect 2 "tqe card: noid.xml:1: <doc> without an id" "$tqe" card --wmt noid.xml -o rep -q
# 8 MB of unterminated comments: libxml2 copied the rest of the file into
# each comment's error (minutes); the first fatal error now stops the parse.
yes '<!-- x' | head -c 8000000 > comments.xml
expect 2 "tqe card: comments.xml:2: malformed XML: Double hyphen within comment: <!-- x <!" \
    timeout 20 "$tqe" card --wmt comments.xml -o rep -q
expect 2 "tqe card: good.txt/rep: cannot create the output directory: Not a directory" \
    "$tqe" card --src good.txt --tgt de:good.de -o good.txt/rep -q
[ -e rep ] && { echo "FAIL: a failed tqe card left a report directory"; fail=$((fail + 1)); }
expect 2 "tqe align: unknown target language 'qq' (expected an ISO 639 code such as en, de, es, zh or pt-BR)" \
    "$tqe" align --src good.txt --tgt good.de --tgt-lang qq

# ---- tqe merge: a truncated and a foreign statistics file ----
"$tqe" score good.de -i good.de --stats-out good.stats > /dev/null
head -n 9 good.stats > cut.stats
expect 2 "tqe merge: cut.stats:9: file ends early, expected a row or the end line" "$tqe" merge good.stats cut.stats
expect 2 "tqe merge: good.de:1: not a tqe statistics file (written by tqe score --stats-out)" "$tqe" merge good.de
expect 2 "tqe score: --stats-out good.txt/x.stats: cannot create: Not a directory" \
    "$tqe" score good.de -i good.de --stats-out good.txt/x.stats

echo "hostile input: $((n - fail)) of $n cases pass"
[ $fail -eq 0 ]
