#!/bin/sh
# Paired bootstrap and approximate randomization against sacreBLEU 2.5.1
# (../shared/conformance/significance.tsv: WMT22 en-de, reference A, baseline
# JDExploreAcademy, candidates Lan-Bridge and Online-A, BLEU and chrF).
# Scores must be equal (1e-9). Means, interval half-widths and p-values come
# from different random draws (GSL's MT19937, not numpy's PCG64), so they must
# agree within Monte Carlo error: tqe is run with SEEDS seeds, and sacreBLEU's
# value must lie within 4 standard deviations of tqe's mean over the seeds.
# Prints one line per value with its z-score.
# usage: significance.sh TQE CONFORMANCE_DIR WMT22_DIR [SEEDS_BS SEEDS_AR]
set -u
tqe=$1 conf=$2 wmt=$3
kbs=${4:-20} kar=${5:-6}
tsv=$conf/significance.tsv
[ -f "$tsv" ] && [ -d "$wmt" ] || { echo "SKIPPED: $tsv or $wmt not found"; exit 77; }
p=$wmt/generaltest2022.en-de
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# run TEST SEED: "test metric system field value" lines from tqe's JSON.
run() {
    "$tqe" score "$p.ref.A.de" -i "$p.hyp.JDExploreAcademy.de" "$p.hyp.Lan-Bridge.de" \
        "$p.hyp.Online-A.de" -m bleu chrf "--paired-$1" --seed "$2" -f json -w 16 > "$tmp/json" ||
        { echo "FAIL: tqe score --paired-$1 --seed $2 exited with $?" >&2; exit 1; }
    awk -v t="paired-$1" '
            /"system":/ { s = $0; sub(/.*hyp\./, "", s); sub(/\.de".*/, "", s); next }
            /"BLEU": \{/ { m = "BLEU"; next }
            /"chrF2": \{/ { m = "chrF"; next }
            /"(score|p_value|mean|ci)":/ {
                f = $1; gsub(/[":]/, "", f); v = $2; sub(/,$/, "", v)
                if (v != "null") print t, m, s, f, v
            }' "$tmp/json"
}

for i in $(seq 1 "$kbs"); do run bs $((12344 + i)) >> "$tmp/bs"; done
for i in $(seq 1 "$kar"); do run ar $((12344 + i)) >> "$tmp/ar"; done
cat "$tmp/bs" "$tmp/ar" > "$tmp/all"
[ -s "$tmp/all" ] || { echo "FAIL: no values in tqe's output"; exit 1; }

# sacreBLEU's rows as "test metric system field value".
awk -F'\t' 'NR > 1 {
    split("score mean ci p_value", f, " ")
    v["score"] = $7; v["mean"] = $8; v["ci"] = $9; v["p_value"] = $10
    for (k = 1; k <= 4; k++) if (v[f[k]] != "") print $1, $2, $4, f[k], v[f[k]]
}' "$tsv" > "$tmp/want"
[ -s "$tmp/want" ] || { echo "FAIL: no rows in $tsv"; exit 1; }

awk '
    FILENAME == ARGV[1] {
        key = $1 " " $2 " " $3 " " $4
        if (!(key in n)) { first[key] = $5; lo[key] = $5; hi[key] = $5 }
        d = $5 - first[key]; n[key]++; s[key] += d; q[key] += d * d
        if ($5 < lo[key]) lo[key] = $5
        if ($5 > hi[key]) hi[key] = $5
        next
    }
    {
        key = $1 " " $2 " " $3 " " $4; want = $5
        if (!(key in n)) { printf "FAIL %s: tqe gave no value\n", key; bad++; next }
        m = s[key] / n[key]; var = q[key] / n[key] - m * m; if (var < 0) var = 0
        mean = first[key] + m
        sd = sqrt(var * n[key] / (n[key] > 1 ? n[key] - 1 : 1))
        if ($4 == "score") { # every seed gives sacreBLEU score
            ok = (hi[key] - want < 1e-9 && want - lo[key] < 1e-9); z = 0
        } else {
            tol = 4 * sd * sqrt(1 + 1 / n[key]) + 1e-12
            d = mean - want; if (d < 0) d = -d
            ok = d <= tol; z = sd > 0 ? (mean - want) / sd : 0
        }
        printf "%s %-32s sacreBLEU %-20.12g tqe %-20.12g sd %-10.3g z %+.2f\n",
            ok ? "ok  " : "FAIL", key, want, mean, sd, z
        if (!ok) bad++
        compared++
    }
    END { if (!compared) print "FAIL: nothing compared"; exit bad > 0 || !compared }' "$tmp/all" "$tmp/want"
