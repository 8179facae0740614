#!/bin/sh
# Write references/entities/en/frequent.txt: lower-case English words that
# English text uses as ordinary words, counted in text given as arguments.
#
# Usage: scripts/frequent_words.sh FILE... > references/entities/en/frequent.txt
#
# The committed list was made from the English sides of WMT22's de-en and
# zh-en test sets (references and system outputs): held-out text, since the
# check is measured on the en-X sets (tests/conformance/defects_README.md).
# Only words go out, never text. A word is listed when it is written in lower
# case on at least MIN_LINES lines (default 2), is capitalised inside a
# sentence on at most a third as many (so "Bush", "Apple" and "Brown" stay
# names), has three letters or more, and is not in common.txt or function.txt.
# Lines are counted once per line number of a test set: the translations of
# one source line count as one. Words next to a dot, slash, @, _ or hyphen
# without a space (URLs, addresses, file names) are skipped.
set -eu
here=$(dirname "$0")/../references/entities/en
min=${MIN_LINES:-2}
[ $# -gt 0 ] || { echo "usage: $0 FILE..." >&2; exit 2; }
LC_ALL=C awk -v min="$min" '
FNR == 1 { n = split(FILENAME, parts, "/"); split(parts[n], q, "."); set = q[2] }
FILENAME ~ /\/(common|function)\.txt$/ { if ($0 !~ /^#/) known[$0] = 1; next }
{
    line = $0
    # a headline in title case says nothing about its capitals
    nw = 0; nc = 0; tmp = line
    while (match(tmp, /[A-Za-z]+/)) {
        nw++; if (substr(tmp, RSTART, 1) ~ /[A-Z]/) nc++
        tmp = substr(tmp, RSTART + RLENGTH)
    }
    title = nw >= 3 && nc * 5 >= nw * 3
    while (match(line, /[A-Za-z][A-Za-z'\''’]*/)) {
        w = substr(line, RSTART, RLENGTH)
        before = substr(line, 1, RSTART - 1)
        after = substr(line, RSTART + RLENGTH, 2)
        line = substr(line, RSTART + RLENGTH)
        if (before ~ /[.\/@_-]$/ || after ~ /^[.\/@_-][A-Za-z0-9]/) continue
        sub(/[ \t]+$/, "", before)
        initial = before == "" || before ~ /([.!?:"(]|“|”|–|—|‘|«| -)$/
        sub(/('\''|’)s$/, "", w); sub(/('\''|’)$/, "", w)
        if (w ~ /['\''’]/ || length(w) < 3) continue
        if (w ~ /^[a-z]+$/) {
            k = set SUBSEP FNR SUBSEP w
            if (!(k in low_seen)) { low_seen[k] = 1; low[w]++ }
        } else if (w ~ /^[A-Z][a-z]+$/ && !initial && !title) {
            w = tolower(w); k = set SUBSEP FNR SUBSEP w
            if (!(k in cap_seen)) { cap_seen[k] = 1; cap[w]++ }
        }
    }
}
END {
    for (w in low)
        if (!(w in known) && low[w] >= min && 3 * cap[w] <= low[w]) print w
}' "$here/common.txt" "$here/function.txt" "$@" | sort > "${TMPDIR:-/tmp}/frequent.$$"
cat <<HDR
# Lower-case English words used as ordinary words, counted by
# scripts/frequent_words.sh (see there: which text, which thresholds); words
# of common.txt and function.txt are not repeated. Generated: do not edit.
HDR
cat "${TMPDIR:-/tmp}/frequent.$$"
rm -f "${TMPDIR:-/tmp}/frequent.$$"
