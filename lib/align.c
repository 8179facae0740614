/* align.c - paragraph alignment by dynamic programming over beads.
 *
 * A bead of s source and t target paragraphs costs -log of:
 *   its prior (Gale & Church's, adapted to paragraphs: deliveries drop and
 *   add whole paragraphs - disclaimers, "Leave a comment" - far more often
 *   than sentence aligners expect; 3-1 and 1-3 are rare),
 *   the two-sided tail of the length model's z (s, t >= 1) under a Student t
 *   with 3 degrees of freedom: translation lengths have heavier tails than a
 *   Gaussian, which would over-penalise a true 1-1 bead at |z| = 2.5;
 *   an anchor likelihood: (hits + 1) / (anchors + 2), the smoothed share of the
 *   source side's names, numbers, '?' and quotes found on the target side,
 *   relative to the uninformative 1/2 and weighted by anchor_weight; and for
 *   a merge or split, a penalty (never a bonus, which would favour big beads)
 *   for each part that carries less than half of the evidence on its own: a
 *   part that shares nothing with the other side is probably not a part.
 * The best alignment is the Viterbi path; the confidence of each of its beads
 * is the bead's posterior probability (forward-backward over every
 * alignment), so a bead the evidence does not single out scores low.
 * The search is restricted to a band around the diagonal of the (source,
 * target) grid, widened by the difference in paragraph counts. */
#include <gsl/gsl_cdf.h>
#include <math.h>

#include "anchors.h"
#include "internal.h"

static const struct {
    int s, t;
    double prior;
    const char *name;
} moves[TQE_BEAD_KIND_COUNT] = {
    {1, 1, 0.86, "1-1"}, {1, 0, 0.02, "1-0"}, {0, 1, 0.02, "0-1"},  {2, 1, 0.04, "2-1"},
    {1, 2, 0.04, "1-2"}, {2, 2, 0.01, "2-2"}, {3, 1, 0.005, "3-1"}, {1, 3, 0.005, "1-3"},
};

const char *tqe_bead_kind_name(tqe_bead_kind k)
{
    return (unsigned)k < TQE_BEAD_KIND_COUNT ? moves[k].name : NULL;
}

typedef struct para {
    double chars;
    para_feats f;
} para;

/* A window of 1..3 consecutive paragraphs: merged, sorted hashes. */
typedef struct windows {
    anchor_set h[3];
    size_t *off[3];
} windows;

struct tqe_aligner {
    tqe_ctx *ctx;
    tqe_align_options o;
    tqe_lengthmodel *lm;
    anchorer *src_an, *tgt_an;
    para *sp, *tp;
    size_t cap_sp, cap_tp;
    windows src_names, src_cognates, tgt_words;
    bool cognates;     /* the target script keeps cognates recognisable */
    double *V, *F, *B; /* banded lattice, row-major */
    float *cost;       /* cost of each bead by start cell and kind, computed once */
    uint8_t *back;
    size_t *lo, *hi, *row_off;
    size_t cells;
    tqe_bead *beads;
    size_t nbeads, cap_beads;
};

int tqe_aligner_new(tqe_aligner **out, tqe_ctx *ctx, const char *src_lang, const char *tgt_lang,
                    const char *data_dir, const tqe_align_options *o)
{
    *out = NULL;
    tqe_align_options def = TQE_ALIGN_OPTIONS_INIT;
    if (!o) o = &def;
    if (o->version != TQE_ALIGN_OPTIONS_VERSION)
        return tqe_err(ctx, TQE_EINVAL, "tqe_align_options version %u is not supported",
                       o->version);
    int rc = tqe_lang_check(ctx, src_lang, "source");
    if (!rc) rc = tqe_lang_check(ctx, tgt_lang, "target");
    if (rc) return rc;
    tqe_aligner *a = calloc(1, sizeof(*a));
    if (!a) return tqe_oom(ctx);
    a->ctx = ctx;
    a->o = *o;
    /* Chinese, Japanese and Korean (the languages BLEU does not split at
     * spaces) keep no cognates of English words. */
    a->cognates = tqe_tokenizer_for_lang(tgt_lang) == TQE_TOK_13A;
    rc = tqe_lengthmodel_new(&a->lm, ctx, src_lang, tgt_lang, data_dir);
    if (!rc) rc = anchorer_new(&a->src_an, ctx, src_lang, data_dir);
    if (!rc) rc = anchorer_new(&a->tgt_an, ctx, tgt_lang, data_dir);
    if (rc) {
        tqe_aligner_free(a);
        return rc;
    }
    *out = a;
    return TQE_OK;
}

static void free_paras(para *p, size_t cap)
{
    for (size_t i = 0; i < cap; i++) para_feats_free(&p[i].f);
    free(p);
}

static void free_windows(windows *w)
{
    for (int k = 0; k < 3; k++) {
        anchor_set_free(&w->h[k]);
        free(w->off[k]);
    }
}

void tqe_aligner_free(tqe_aligner *a)
{
    if (!a) return;
    tqe_lengthmodel_free(a->lm);
    anchorer_free(a->src_an);
    anchorer_free(a->tgt_an);
    free_paras(a->sp, a->cap_sp);
    free_paras(a->tp, a->cap_tp);
    free_windows(&a->src_names);
    free_windows(&a->src_cognates);
    free_windows(&a->tgt_words);
    free(a->V), free(a->F), free(a->B), free(a->back), free(a->cost);
    free(a->lo), free(a->hi), free(a->row_off);
    free(a->beads);
    free(a);
}

static int grow_paras(tqe_aligner *a, para **p, size_t *cap, size_t n)
{
    if (n <= *cap) return TQE_OK;
    para *q = realloc(*p, n * sizeof(*q));
    if (!q) return tqe_oom(a->ctx);
    memset(q + *cap, 0, (n - *cap) * sizeof(*q));
    *p = q;
    *cap = n;
    return TQE_OK;
}

/* Sorted hashes of every window of k = 1..3 consecutive paragraphs, from the
 * set `which` of each paragraph (0 names, 1 cognates). */
static int build_windows(tqe_aligner *a, const para *p, size_t n, windows *w, int which)
{
    for (int k = 0; k < 3; k++) {
        size_t nw = n > (size_t)k ? n - (size_t)k : 0, total = 0;
        size_t *o = realloc(w->off[k], (nw + 1) * sizeof(*o));
        if (!o) return tqe_oom(a->ctx);
        w->off[k] = o;
        for (size_t i = 0; i < nw; i++)
            for (int d = 0; d <= k; d++)
                total += (which ? p[i + (size_t)d].f.cognates : p[i + (size_t)d].f.names).n;
        if (tqe_grow((void **)&w->h[k].h, &w->h[k].cap, total + 1, sizeof(uint32_t)))
            return tqe_oom(a->ctx);
        size_t at = 0;
        for (size_t i = 0; i < nw; i++) {
            o[i] = at;
            for (int d = 0; d <= k; d++) {
                const anchor_set *s =
                    which ? &p[i + (size_t)d].f.cognates : &p[i + (size_t)d].f.names;
                if (s->n) memcpy(w->h[k].h + at, s->h, s->n * sizeof(uint32_t));
                at += s->n;
            }
            /* Insertion sort: windows are small and their parts already sorted. */
            uint32_t *h = w->h[k].h + o[i];
            for (size_t x = 1; x < at - o[i]; x++)
                for (size_t y = x; y > 0 && h[y - 1] > h[y]; y--) {
                    uint32_t t = h[y];
                    h[y] = h[y - 1];
                    h[y - 1] = t;
                }
        }
        o[nw] = at;
    }
    return TQE_OK;
}

static int prepare(tqe_aligner *a, const char *const *src, const size_t *slen, size_t m,
                   const char *const *tgt, const size_t *tlen, size_t n)
{
    int rc = grow_paras(a, &a->sp, &a->cap_sp, m);
    if (!rc) rc = grow_paras(a, &a->tp, &a->cap_tp, n);
    for (size_t i = 0; !rc && i < m; i++) {
        a->sp[i].chars = (double)tqe_char_count(src[i], slen[i]);
        rc = anchors_source(a->src_an, &a->sp[i].f, src[i], slen[i]);
    }
    for (size_t j = 0; !rc && j < n; j++) {
        a->tp[j].chars = (double)tqe_char_count(tgt[j], tlen[j]);
        rc = anchors_target(a->tgt_an, &a->tp[j].f, tgt[j], tlen[j]);
    }
    if (!rc) rc = build_windows(a, a->sp, m, &a->src_names, 0);
    if (!rc) rc = build_windows(a, a->sp, m, &a->src_cognates, 1);
    if (!rc) rc = build_windows(a, a->tp, n, &a->tgt_words, 0);
    return rc;
}

#define LENGTH_DOF     3.0 /* degrees of freedom of the length likelihood */
#define COGNATE_WEIGHT 1.0 /* long words are weaker evidence than names and numbers */
#define SENTENCE_COST  2.0 /* -log of the odds of a sentence count off by one */

/* -log of the smoothed share (hits+1)/(n+2) of evidence found, relative to
 * the uninformative 1/2; `penalty_only` for the parts of a merge or split,
 * where a bonus would favour big beads. */
static double evidence(size_t hits, size_t n, bool penalty_only)
{
    double c = log((double)(n + 2) / (2.0 * (double)(hits + 1)));
    return penalty_only && c < 0 ? 0 : c;
}

/* Cost of bead `mv` covering source [i, i+s) and target [j, j+t). */
static double bead_cost(const tqe_aligner *a, int mv, size_t i, size_t j, double *z_out)
{
    int s = moves[mv].s, t = moves[mv].t;
    double cost = -log(moves[mv].prior);
    *z_out = 0;
    if (s == 0 || t == 0) return cost;
    double ls = 0, lt = 0;
    for (int d = 0; d < s; d++) ls += a->sp[i + (size_t)d].chars;
    for (int d = 0; d < t; d++) lt += a->tp[j + (size_t)d].chars;
    double z = tqe_lengthmodel_z(a->lm, ls, lt);
    *z_out = z;
    cost -= log(2.0 * gsl_cdf_tdist_Q(fabs(z), LENGTH_DOF));
    const windows *WS = &a->src_names, *WC = &a->src_cognates, *WT = &a->tgt_words;
    const uint32_t *S = WS->h[s - 1].h + WS->off[s - 1][i];
    size_t ns = WS->off[s - 1][i + 1] - WS->off[s - 1][i];
    const uint32_t *T = WT->h[t - 1].h + WT->off[t - 1][j];
    size_t nt = WT->off[t - 1][j + 1] - WT->off[t - 1][j];
    double w = a->o.anchor_weight;
    cost += w * evidence(anchors_found(S, ns, T, nt), ns, false);
    if (a->cognates) {
        const uint32_t *C = WC->h[s - 1].h + WC->off[s - 1][i];
        size_t nc = WC->off[s - 1][i + 1] - WC->off[s - 1][i];
        cost += COGNATE_WEIGHT * evidence(anchors_found(C, nc, T, nt), nc, false);
    }
    for (int d = 0; t > 1 && d < t; d++) {
        const anchor_set *part = &a->tp[j + (size_t)d].f.names;
        cost += w * evidence(anchors_found(S, ns, part->h, part->n), ns, true);
    }
    for (int d = 0; s > 1 && d < s; d++) {
        const anchor_set *part = &a->sp[i + (size_t)d].f.names;
        cost += w * evidence(anchors_found(part->h, part->n, T, nt), part->n, true);
    }
    /* Translators rarely change the number of sentences. */
    unsigned ks = 0, kt = 0;
    for (int d = 0; d < s; d++) ks += a->sp[i + (size_t)d].f.sentences;
    for (int d = 0; d < t; d++) kt += a->tp[j + (size_t)d].f.sentences;
    unsigned diff = ks > kt ? ks - kt : kt - ks;
    cost += SENTENCE_COST * (diff > 2 ? 2 : diff);
    return cost;
}

static int setup_band(tqe_aligner *a, size_t m, size_t n)
{
    size_t w = a->o.band > 0 ? (size_t)a->o.band : (m > n ? m - n : n - m) + 25;
    /* Beads take at most three paragraphs a side: where the diagonal climbs
     * faster than that (2 source and 40 target paragraphs), a narrow band's
     * rows do not reach each other and no alignment exists. */
    if (m && w < n / m / 2 + 2) w = n / m / 2 + 2;
    size_t *lo = realloc(a->lo, (m + 1) * sizeof(*lo)), *hi = NULL, *off = NULL;
    if (lo) a->lo = lo;
    hi = lo ? realloc(a->hi, (m + 1) * sizeof(*hi)) : NULL;
    if (hi) a->hi = hi;
    off = hi ? realloc(a->row_off, (m + 2) * sizeof(*off)) : NULL;
    if (!off) return tqe_oom(a->ctx);
    a->row_off = off;
    size_t cells = 0;
    for (size_t i = 0; i <= m; i++) {
        size_t c = m ? (size_t)((double)i * (double)n / (double)m + 0.5) : n;
        lo[i] = m ? (c > w ? c - w : 0) : 0;
        hi[i] = c + w < n ? c + w : n;
        off[i] = cells;
        cells += hi[i] - lo[i] + 1;
    }
    off[m + 1] = cells;
    if (cells > a->cells) {
        double *V = realloc(a->V, cells * sizeof(double));
        if (V) a->V = V;
        double *F = V ? realloc(a->F, cells * sizeof(double)) : NULL;
        if (F) a->F = F;
        double *B = F ? realloc(a->B, cells * sizeof(double)) : NULL;
        if (B) a->B = B;
        uint8_t *bk = B ? realloc(a->back, cells) : NULL;
        if (bk) a->back = bk;
        float *cc = bk ? realloc(a->cost, cells * TQE_BEAD_KIND_COUNT * sizeof(float)) : NULL;
        if (!cc) return tqe_oom(a->ctx);
        a->cost = cc;
        a->cells = cells;
    }
    return TQE_OK;
}

/* Index of cell (i, j), or SIZE_MAX outside the band. */
static inline size_t cell(const tqe_aligner *a, size_t i, size_t j, size_t m)
{
    if (i > m || j < a->lo[i] || j > a->hi[i]) return SIZE_MAX;
    return a->row_off[i] + (j - a->lo[i]);
}

static inline double logaddexp(double x, double y)
{
    if (x == -INFINITY) return y;
    if (y == -INFINITY) return x;
    return x > y ? x + log1p(exp(y - x)) : y + log1p(exp(x - y));
}

/* Viterbi (V, back) and forward (F) in one sweep. */
static void forward(tqe_aligner *a, size_t m)
{
    for (size_t i = 0; i <= m; i++) {
        for (size_t j = a->lo[i]; j <= a->hi[i]; j++) {
            size_t c = cell(a, i, j, m);
            if (i == 0 && j == 0) {
                a->V[c] = 0, a->F[c] = 0, a->back[c] = 0xFF;
                continue;
            }
            double best = INFINITY, f = -INFINITY;
            uint8_t arg = 0xFF;
            for (int mv = 0; mv < TQE_BEAD_KIND_COUNT; mv++) {
                size_t s = (size_t)moves[mv].s, t = (size_t)moves[mv].t;
                if (s > i || t > j) continue;
                size_t p = cell(a, i - s, j - t, m);
                if (p == SIZE_MAX || a->V[p] == INFINITY) continue;
                double z, cost = bead_cost(a, mv, i - s, j - t, &z);
                a->cost[p * TQE_BEAD_KIND_COUNT + (size_t)mv] = (float)cost;
                if (a->V[p] + cost < best) best = a->V[p] + cost, arg = (uint8_t)mv;
                f = logaddexp(f, a->F[p] - cost);
            }
            a->V[c] = best, a->F[c] = f, a->back[c] = arg;
        }
    }
}

static void backward(tqe_aligner *a, size_t m, size_t n)
{
    for (size_t i = m + 1; i-- > 0;) {
        for (size_t j = a->hi[i] + 1; j-- > a->lo[i];) {
            size_t c = cell(a, i, j, m);
            if (i == m && j == n) {
                a->B[c] = 0;
                continue;
            }
            double b = -INFINITY;
            for (int mv = 0; mv < TQE_BEAD_KIND_COUNT; mv++) {
                size_t ni = i + (size_t)moves[mv].s, nj = j + (size_t)moves[mv].t;
                if (ni > m || nj > n) continue;
                size_t q = cell(a, ni, nj, m);
                if (q == SIZE_MAX || a->B[q] == -INFINITY || a->V[c] == INFINITY) continue;
                /* Every bead from a reachable cell had its cost stored going forward. */
                double cost = a->cost[c * TQE_BEAD_KIND_COUNT + (size_t)mv];
                b = logaddexp(b, a->B[q] - cost);
            }
            a->B[c] = b;
        }
    }
}

/* Follow the Viterbi back pointers from (m, n); beads come out in order. */
static int backtrack(tqe_aligner *a, size_t m, size_t n)
{
    a->nbeads = 0;
    double total = a->F[cell(a, m, n, m)];
    size_t i = m, j = n;
    while (i > 0 || j > 0) {
        size_t c = cell(a, i, j, m);
        int mv = a->back[c];
        assert(mv < TQE_BEAD_KIND_COUNT);
        size_t s = (size_t)moves[mv].s, t = (size_t)moves[mv].t;
        size_t p = cell(a, i - s, j - t, m);
        if (tqe_grow((void **)&a->beads, &a->cap_beads, a->nbeads + 1, sizeof(*a->beads)))
            return tqe_oom(a->ctx);
        double z, cost = bead_cost(a, mv, i - s, j - t, &z);
        double post = exp(a->F[p] - cost + a->B[c] - total);
        a->beads[a->nbeads++] =
            (tqe_bead){(tqe_bead_kind)mv, i - s, s, j - t, t, post > 1.0 ? 1.0 : post, z};
        i -= s, j -= t;
    }
    for (size_t x = 0, y = a->nbeads ? a->nbeads - 1 : 0; x < y; x++, y--) {
        tqe_bead t = a->beads[x];
        a->beads[x] = a->beads[y];
        a->beads[y] = t;
    }
    return TQE_OK;
}

int tqe_align(tqe_aligner *a, const char *const *src, const size_t *src_len, size_t m,
              const char *const *tgt, const size_t *tgt_len, size_t n, const tqe_bead **beads,
              size_t *nbeads)
{
    *beads = NULL;
    *nbeads = 0;
    int rc = prepare(a, src, src_len, m, tgt, tgt_len, n);
    if (!rc) rc = setup_band(a, m, n);
    if (rc) return rc;
    forward(a, m);
    backward(a, m, n);
    if (!isfinite(a->V[cell(a, m, n, m)]))
        return tqe_err(a->ctx, TQE_EINVAL, "no alignment within the search band");
    if ((rc = backtrack(a, m, n))) return rc;
    *beads = a->beads;
    *nbeads = a->nbeads;
    return TQE_OK;
}

int tqe_align_docs(tqe_aligner *a, const tqe_doc *src, const tqe_doc *tgt, const tqe_bead **beads,
                   size_t *nbeads)
{
    size_t m = src ? src->n : 0, n = tgt ? tgt->n : 0;
    const char **sp = calloc(m + 1, sizeof(*sp)), **tp = calloc(n + 1, sizeof(*tp));
    size_t *sl = calloc(m + 1, sizeof(*sl)), *tl = calloc(n + 1, sizeof(*tl));
    int rc = sp && tp && sl && tl ? TQE_OK : tqe_oom(a->ctx);
    for (size_t i = 0; !rc && i < m; i++) sp[i] = src->paras[i].text, sl[i] = src->paras[i].len;
    for (size_t j = 0; !rc && j < n; j++) tp[j] = tgt->paras[j].text, tl[j] = tgt->paras[j].len;
    if (!rc) rc = tqe_align(a, sp, sl, m, tp, tl, n, beads, nbeads);
    free(sp), free(tp), free(sl), free(tl);
    return rc;
}
