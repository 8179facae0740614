#!/bin/sh
# browser_test.sh - the example corpus's scorecard page in headless Chromium.
#
# usage: browser_test.sh MAKE_CARD REFERENCES_DIR OUT_DIR
#
# Renders the page (MAKE_CARD builds the card through the library), loads it
# in Debian's chromium, and checks the DOM after the page's script ran: the
# summary table and the bead tables are there, the script showed the bead
# filters, and the figure the French translation drops from source
# paragraph 3 ("12.5%") is highlighted as a missing number on the source
# side. Also writes a screenshot, OUT_DIR/scorecard.png, to look at.
# Exits 77 (skipped) when chromium is not installed.
set -u

make_card=$1 refs=$2 out=$3
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
    echo "SKIP: chromium is not installed (scripts/deps.sh test installs it)"
    exit 77
fi

page="$out/scorecard.html"
dom="$out/scorecard.dom.html"
shot="$out/scorecard.png"
"$make_card" "$refs" html "$page" || { echo "FAIL: make_card"; exit 1; }

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT INT TERM
run_browser() {
    timeout 60 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$profile" "$@" "file://$page" 2>"$out/chromium.log"
}
run_browser --dump-dom >"$dom" || { echo "FAIL: chromium --dump-dom"; cat "$out/chromium.log"; exit 1; }
run_browser --screenshot="$shot" --window-size=1280,2000 >/dev/null ||
    { echo "FAIL: chromium --screenshot"; exit 1; }

# The DOM on one line, so that a pattern may span elements.
flat="$out/scorecard.dom.flat"
tr '\n' ' ' <"$dom" >"$flat"
fail=0
check() { # check DESCRIPTION EXTENDED-REGEX [FILE]
    if grep -Eq -- "$2" "${3:-$flat}"; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi
}
check "summary table" '<table class="sum">'
check "three summary rows" '<a href="#t3">article.fr.txt</a>'
check "bead tables of the three translations" '<section id="t3" class="tr">'
check "the script showed the filters" '<div class="controls">'
check "the script counted the beads" '<output class="count">[0-9]+ of [0-9]+ beads shown</output>'
# French bead 3 (source paragraph 3 = translation paragraph 3): the 12.5%
# the translation drops, marked in the bead's source cell.
src_cell="$out/scorecard.fr3.src"
sed -e 's/.*<tbody id="t3-b3"//' -e 's/<\/tbody>.*//' "$flat" |
    sed -e 's/.*<td class="src"//' -e 's/<\/td>.*//' >"$src_cell"
check "French bead 3 is source paragraph 3" '<span class="pn">¶3</span>' "$src_cell"
check "12.5% highlighted as missing in the French source" \
    '<mark class="hl hl-number_missing"[^>]*>12\.5%</mark>' "$src_cell"
check "an omitted paragraph (Spanish, source 10)" 'omitted — no translation'
check "charts" '<svg viewBox="0 0 600 [0-9]+"'

[ -s "$shot" ] && echo "screenshot: $shot" || { echo "FAIL: no screenshot"; fail=1; }
exit $fail
