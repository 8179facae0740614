/* align_eval.c - bead accuracy of tqe_align on perturbed WMT22 documents.
 *
 * usage: align_eval WMT22_DIR [MIN_ACCURACY]
 * For each English-source pair, consecutive lines of the source and its human
 * reference make paragraphs (1 to 4 lines each, joined by a space, the same
 * lines on both sides) and 40 paragraphs make a document. The reference side is then
 * perturbed with a seeded generator: two paragraphs merged (a 2-1 bead), one
 * split between its sentences (1-2), one dropped (1-0), a boilerplate line
 * inserted (0-1). Accuracy = gold beads found exactly / gold beads. Exits 1
 * below MIN_ACCURACY (default 0.95), 77 when the data is absent. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tqe.h"

#define DOC 40

typedef struct lines {
    char **v;
    size_t n;
} lines;

static lines read_lines(tqe_ctx *ctx, const char *path)
{
    lines L = {NULL, 0};
    tqe_reader *rd;
    if (tqe_reader_open(&rd, ctx, path, NULL)) return L;
    const char *s;
    size_t len, cap = 0;
    while (tqe_reader_next(rd, &s, &len) == 1) {
        if (L.n == cap) L.v = realloc(L.v, (cap = cap ? 2 * cap : 1024) * sizeof(*L.v));
        L.v[L.n++] = strndup(s, len);
    }
    tqe_reader_free(rd);
    return L;
}

/* Boilerplate a CMS adds, per target language (written for this test). */
static const char *boilerplate(const char *lang, unsigned k)
{
    static const struct {
        const char *lang, *text[3];
    } b[] = {
        {"de", {"Kommentar hinterlassen", "Diesen Artikel teilen", "Alle Rechte vorbehalten."}},
        {"ru", {"Оставить комментарий", "Поделиться статьей", "Все права защищены."}},
        {"uk", {"Залишити коментар", "Поділитися статтею", "Усі права захищено."}},
        {"cs", {"Zanechat komentář", "Sdílet článek", "Všechna práva vyhrazena."}},
        {"hr", {"Ostavite komentar", "Podijelite članak", "Sva prava pridržana."}},
        {"zh", {"发表评论", "分享这篇文章", "版权所有。"}},
        {"ja", {"コメントを残す", "この記事を共有する", "無断転載を禁じます。"}},
    };
    for (size_t i = 0; i < sizeof(b) / sizeof(b[0]); i++)
        if (!strcmp(b[i].lang, lang)) return b[i].text[k % 3];
    return "Leave a comment";
}

typedef struct bead {
    size_t s0, sn, t0, tn;
} bead;

static uint64_t rng = 0x2545F4914F6CDD1DULL;
static unsigned rnd(unsigned n)
{
    rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
    return (unsigned)(rng % n);
}

/* Perturb document [first, first+DOC) into tgt paragraphs and gold beads. */
/* Where each target paragraph's second line starts (0: one line), so that a
 * split can happen between sentences, as vendors split paragraphs. */
static size_t *second_line;

/* Group consecutive lines of S and R into paragraphs of 1..4 lines. */
static void make_paras(const lines *S, const lines *R, lines *PS, lines *PR)
{
    free(second_line);
    second_line = calloc(S->n + 1, sizeof(*second_line));
    size_t cap = S->n + 1;
    PS->v = calloc(cap, sizeof(char *)), PR->v = calloc(cap, sizeof(char *));
    PS->n = PR->n = 0;
    for (size_t i = 0; i < S->n;) {
        size_t k = 1 + rnd(4);
        if (i + k > S->n) k = S->n - i;
        size_t ls = 1, lr = 1;
        for (size_t d = 0; d < k; d++) ls += strlen(S->v[i + d]) + 1, lr += strlen(R->v[i + d]) + 1;
        char *a = calloc(ls, 1), *b = calloc(lr, 1);
        for (size_t d = 0; d < k; d++) {
            if (d) strcat(a, " "), strcat(b, " ");
            strcat(a, S->v[i + d]);
            strcat(b, R->v[i + d]);
        }
        second_line[PR->n] = k > 1 ? strlen(R->v[i]) + 1 : 0;
        PS->v[PS->n++] = a;
        PR->v[PR->n++] = b;
        i += k;
    }
}

static size_t make_doc(const lines *S, const lines *R, size_t first, const char *lang, char **tgt,
                       size_t *ntgt, bead *gold)
{
    size_t nb = 0, nt = 0;
    for (size_t i = first; i < first + DOC;) {
        unsigned r = rnd(100);
        if (r < 5 && i + 1 < first + DOC) { /* merge two */
            size_t l = strlen(R->v[i]) + strlen(R->v[i + 1]) + 2;
            tgt[nt] = malloc(l);
            snprintf(tgt[nt], l, "%s %s", R->v[i], R->v[i + 1]);
            gold[nb++] = (bead){i - first, 2, nt++, 1};
            i += 2;
        } else if (r < 10 && second_line[i]) { /* split between sentences */
            const char *mid = R->v[i] + second_line[i] - 1;
            tgt[nt] = strndup(R->v[i], (size_t)(mid - R->v[i]));
            tgt[nt + 1] = strdup(mid + 1);
            gold[nb++] = (bead){i - first, 1, nt, 2};
            nt += 2, i++;
        } else if (r < 14) { /* dropped */
            gold[nb++] = (bead){i - first, 1, nt, 0};
            i++;
        } else if (r < 18) { /* boilerplate inserted before this paragraph */
            tgt[nt] = strdup(boilerplate(lang, rnd(3)));
            gold[nb++] = (bead){i - first, 0, nt++, 1};
        } else {
            tgt[nt] = strdup(R->v[i]);
            gold[nb++] = (bead){i - first, 1, nt++, 1};
            i++;
        }
    }
    (void)S;
    *ntgt = nt;
    return nb;
}

static size_t kind_gold[4][4], kind_hit[4][4];

static size_t score_doc(const bead *gold, size_t ng, const tqe_bead *b, size_t nb)
{
    size_t hits = 0;
    for (size_t g = 0; g < ng; g++) {
        kind_gold[gold[g].sn][gold[g].tn]++;
        for (size_t k = 0; k < nb; k++) {
            /* A 1-0 or 0-1 bead's position on the empty side is not a fact to match. */
            bool ss = gold[g].sn == 0 || gold[g].s0 == b[k].src_start;
            bool tt = gold[g].tn == 0 || gold[g].t0 == b[k].tgt_start;
            if (ss && tt && gold[g].sn == b[k].src_count && gold[g].tn == b[k].tgt_count &&
                (gold[g].sn || gold[g].t0 == b[k].tgt_start) &&
                (gold[g].tn || gold[g].s0 == b[k].src_start)) {
                hits++;
                kind_hit[gold[g].sn][gold[g].tn]++;
                break;
            }
        }
    }
    return hits;
}

int main(int argc, char **argv)
{
    if (argc < 2) return fprintf(stderr, "usage: align_eval WMT22_DIR [MIN_ACCURACY]\n"), 2;
    struct stat st;
    if (stat(argv[1], &st) != 0) {
        printf("SKIPPED: %s not found (the shared WMT22 data is absent)\n", argv[1]);
        return 77;
    }
    double min_acc = argc > 2 ? strtod(argv[2], NULL) : 0.95;
    static const char *pairs[][2] = {{"en-de", "A"}, {"en-ru", "A"}, {"en-zh", "A"}, {"en-ja", "A"},
                                     {"en-cs", "B"}, {"en-uk", "A"}, {"en-hr", "A"}};
    tqe_ctx *ctx;
    tqe_ctx_new(&ctx);
    size_t all_gold = 0, all_hits = 0;
    for (size_t p = 0; p < sizeof(pairs) / sizeof(pairs[0]); p++) {
        const char *pair = pairs[p][0], *lang = pair + 3;
        char path[512];
        snprintf(path, sizeof(path), "%s/generaltest2022.%s.src.en", argv[1], pair);
        lines S0 = read_lines(ctx, path);
        snprintf(path, sizeof(path), "%s/generaltest2022.%s.ref.%s.%s", argv[1], pair, pairs[p][1],
                 lang);
        lines R0 = read_lines(ctx, path), S = {NULL, 0}, R = {NULL, 0};
        if (S0.n == R0.n) make_paras(&S0, &R0, &S, &R);
        tqe_aligner *al;
        if (!S.n || S.n != R.n || tqe_aligner_new(&al, ctx, "en", lang, TQE_DATA_DIR, NULL)) {
            fprintf(stderr, "align_eval: cannot read %s\n", pair);
            return 2;
        }
        size_t gold_n = 0, hits = 0;
        for (size_t first = 0; first + DOC <= S.n; first += DOC) {
            char *tgt[2 * DOC];
            bead gold[2 * DOC];
            size_t nt, ng = make_doc(&S, &R, first, lang, tgt, &nt, gold);
            const char *sp[DOC], *tp[2 * DOC];
            size_t sl[DOC], tl[2 * DOC];
            for (size_t i = 0; i < DOC; i++) sp[i] = S.v[first + i], sl[i] = strlen(sp[i]);
            for (size_t j = 0; j < nt; j++) tp[j] = tgt[j], tl[j] = strlen(tp[j]);
            const tqe_bead *b;
            size_t nb;
            if (tqe_align(al, sp, sl, DOC, tp, tl, nt, &b, &nb)) return 2;
            size_t h = score_doc(gold, ng, b, nb);
            if (getenv("ALIGN_EVAL_VERBOSE") && h < ng) {
                for (size_t g = 0; g < ng; g++)
                    if (gold[g].sn != 1 || gold[g].tn != 1)
                        printf("  gold %zu-%zu src %zu tgt %zu\n", gold[g].sn, gold[g].tn,
                               gold[g].s0, gold[g].t0);
                for (size_t k = 0; k < nb; k++)
                    if (b[k].kind != TQE_BEAD_1_1)
                        printf("  got  %s src %zu tgt %zu conf %.2f z %.2f\n",
                               tqe_bead_kind_name(b[k].kind), b[k].src_start, b[k].tgt_start,
                               b[k].confidence, b[k].length_z);
            }
            hits += h;
            gold_n += ng;
            for (size_t j = 0; j < nt; j++) free(tgt[j]);
        }
        printf("%s: bead accuracy %.4f (%zu of %zu gold beads)\n", pair,
               (double)hits / (double)gold_n, hits, gold_n);
        all_gold += gold_n, all_hits += hits;
        tqe_aligner_free(al);
        for (size_t i = 0; i < S.n; i++) free(S.v[i]), free(R.v[i]);
        for (size_t i = 0; i < S0.n; i++) free(S0.v[i]), free(R0.v[i]);
        free(S.v), free(R.v), free(S0.v), free(R0.v);
    }
    for (int x = 0; x < 4; x++)
        for (int y = 0; y < 4; y++)
            if (kind_gold[x][y])
                printf("  %d-%d beads: %zu of %zu found\n", x, y, kind_hit[x][y], kind_gold[x][y]);
    double acc = (double)all_hits / (double)all_gold;
    printf("all pairs: bead accuracy %.4f (%zu of %zu), required %.2f\n", acc, all_hits, all_gold,
           min_acc);
    tqe_ctx_free(ctx);
    return acc >= min_acc ? 0 : 1;
}
