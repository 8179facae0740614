#!/bin/sh
# make demo: score the bundled example (references/examples) with tqe card and
# say where the reports are. usage: scripts/demo.sh PATH/TO/tqe
set -eu
tqe=${1:-build/tools/tqe}
top=$(cd "$(dirname "$0")/.." && pwd)
ex=$top/references/examples
out=$top/reports/example
echo "tqe demo: an English press release and three vendor translations (German, Spanish,"
echo "French) with deliberate defects (see references/examples/README.md); a German reference."
echo
"$tqe" card --src "$ex/article.en.txt" --src-lang en \
    --tgt acme=de:"$ex/article.de.txt" \
    --tgt lingua=es:"$ex/article.es.txt" \
    --tgt verba=fr:"$ex/article.fr.txt" \
    --ref de:"$ex/article.ref.de.txt" \
    --title "Norvane press release: vendor translations" \
    -o "$out"
echo
echo "Open $out/report.html in a browser; the spreadsheet view is $out/scorecard.csv."
