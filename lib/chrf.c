/* chrf.c - chrF and chrF++ exactly as sacreBLEU 2.5.1 computes them.
 *
 * Per-segment statistics: for each order (character orders 1..nc, then word
 * orders 1..nw) the triple [hyp_count, ref_count, match_count] of the
 * reference with the best segment-level F-score (the first one on a tie).
 *
 * Characters and words are interned to per-segment ids (ngram.h) and the
 * matches of each order are counted over the n-grams the two sides share:
 * no n-gram keys to build, whatever the orders. */
#include <math.h>
#include <stdio.h>

#include "lowercase.h"
#include "metric.h"
#include "ngram.h"

typedef struct chrf_ref {
    uint32_t *cids; /* character ids, whitespace removed unless kept */
    size_t ncps, capcps;
    uint32_t *wids; /* word ids */
    size_t nwords, capwords;
    tqe_buf text; /* a copy of the preprocessed reference when words cannot borrow it */
} chrf_ref;

typedef struct chrf {
    tqe_chrf_options o;
    int order; /* char_order + word_order */
    lowercaser *lc;
    tqe_buf low;
    chrf_ref *refs;
    size_t nrefs, caprefs, nalloc; /* refs[0..nalloc) are initialized */
    chrf_ref hyp;                  /* hypothesis character and word ids */
    cp_table chars;
    word_table words;
    ngram_match match;
    double *cand; /* stats of the reference being tried */
} chrf;

static const char PUNCTS[] = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

static bool is_punct(uint32_t c)
{
    return c < 0x80 && c && strchr(PUNCTS, (int)c) != NULL;
}

/* Character ids of the line (see cp_table_ids). */
static int line_chars(chrf *c, chrf_ref *d, const char *s, size_t len, bool keep_ws, bool insert)
{
    if (tqe_grow((void **)&d->cids, &d->capcps, len + 1, sizeof(*d->cids))) return TQE_ENOMEM;
    d->ncps = cp_table_ids(&c->chars, d->cids, s, len, keep_ws, insert);
    return TQE_OK;
}

static int push_word(chrf *c, chrf_ref *d, const char *p, size_t n, const char *end, bool insert)
{
    if (tqe_grow((void **)&d->wids, &d->capwords, d->nwords + 1, sizeof(*d->wids)))
        return TQE_ENOMEM;
    d->wids[d->nwords++] =
        insert ? word_table_insert(&c->words, p, n, end) : word_table_find(&c->words, p, n, end);
    return TQE_OK;
}

/* sacreBLEU's chrF++ word split: whitespace words, with one ASCII punctuation
 * character split off the end (preferred) or the start of words longer than
 * one character. */
static int line_words(chrf *c, chrf_ref *d, const char *s, size_t len, bool insert)
{
    d->nwords = 0;
    size_t i = 0, sp;
    while (i < len) {
        while (i < len && (sp = tqe_py_space_at(s, len, i))) i += sp;
        if (i >= len) break;
        size_t start = i, ncp = 0, last = i;
        while (i < len && !tqe_py_space_at(s, len, i)) {
            last = i;
            i += tqe_u8_len((unsigned char)s[i]);
            ncp++;
        }
        size_t j = start;
        uint32_t first = tqe_u8_next(s, &j);
        size_t k = last;
        uint32_t lastc = tqe_u8_next(s, &k);
        int rc;
        if (ncp == 1)
            rc = push_word(c, d, s + start, i - start, s + len, insert);
        else if (is_punct(lastc))
            rc = push_word(c, d, s + start, last - start, s + len, insert) ||
                 push_word(c, d, s + last, i - last, s + len, insert);
        else if (is_punct(first))
            rc = push_word(c, d, s + start, 1, s + len, insert) ||
                 push_word(c, d, s + start + 1, i - start - 1, s + len, insert);
        else
            rc = push_word(c, d, s + start, i - start, s + len, insert);
        if (rc) return TQE_ENOMEM;
    }
    return TQE_OK;
}

static int preprocess(chrf *c, tqe_ctx *ctx, const char **s, size_t *len)
{
    if (!c->o.lowercase) return TQE_OK;
    int rc = lowercaser_apply(c->lc, ctx, &c->low, *s, *len);
    *s = c->low.data;
    *len = c->low.len;
    return rc;
}

/* Intern the references' characters and words. Words point into the
 * texts: with `borrow`, the caller's texts last until the hypothesis is
 * counted and only a lowercased text is copied. */
static int load_refs(tqe_metric *m, const char *const *refs, const size_t *lens, size_t nrefs,
                     bool borrow)
{
    chrf *c = m->impl;
    if (tqe_grow((void **)&c->refs, &c->caprefs, nrefs, sizeof(*c->refs))) return tqe_oom(m->ctx);
    for (; c->nalloc < c->caprefs; c->nalloc++) memset(&c->refs[c->nalloc], 0, sizeof(*c->refs));
    size_t total = 0;
    for (size_t r = 0; r < nrefs; r++) total += lens[r] + 1;
    if (cp_table_reset(&c->chars, total)) return tqe_oom(m->ctx);
    if (c->o.word_order > 0 && word_table_reset(&c->words, total)) return tqe_oom(m->ctx);
    for (size_t r = 0; r < nrefs; r++) {
        chrf_ref *d = &c->refs[r];
        const char *s = refs[r];
        size_t len = lens[r];
        int rc = preprocess(c, m->ctx, &s, &len);
        if (rc) return rc;
        if (line_chars(c, d, s, len, c->o.whitespace != 0, true)) return tqe_oom(m->ctx);
        d->nwords = 0;
        if (c->o.word_order == 0) continue;
        if (!borrow || s != refs[r]) {
            tqe_buf_clear(&d->text);
            if (tqe_buf_append(&d->text, s, len)) return tqe_oom(m->ctx);
            s = d->text.data;
        }
        if (line_words(c, d, s, len, true)) return tqe_oom(m->ctx);
    }
    c->nrefs = nrefs;
    return TQE_OK;
}

static double f_score(const chrf *c, const double *st);

static int ref_stats(chrf *c, const chrf_ref *d, double *out)
{
    uint64_t match[64];
    const chrf_ref *h = &c->hyp;
    int nc = c->o.char_order, nw = c->o.word_order;
    if (nc > 0) {
        const uint32_t *ids = d->cids;
        if (ngram_match_count(&c->match, match, nc, h->cids, h->ncps, &ids, &d->ncps, 1,
                              c->chars.next_id - 1))
            return TQE_ENOMEM;
    }
    for (int n = 1; n <= nc; n++) {
        size_t rn = d->ncps >= (size_t)n ? d->ncps - (size_t)n + 1 : 0;
        size_t hn = h->ncps >= (size_t)n ? h->ncps - (size_t)n + 1 : 0;
        /* sacreBLEU counts no hypothesis n-grams for an order the reference lacks. */
        out[3 * (n - 1)] = rn ? (double)hn : 0.0;
        out[3 * (n - 1) + 1] = (double)rn;
        out[3 * (n - 1) + 2] = (double)match[n - 1];
    }
    if (nw == 0) return TQE_OK;
    const uint32_t *ids = d->wids;
    if (ngram_match_count(&c->match, match, nw, h->wids, h->nwords, &ids, &d->nwords, 1,
                          c->words.next_id - 1))
        return TQE_ENOMEM;
    for (int n = 1; n <= nw; n++) {
        size_t rn = d->nwords >= (size_t)n ? d->nwords - (size_t)n + 1 : 0;
        size_t hn = h->nwords >= (size_t)n ? h->nwords - (size_t)n + 1 : 0;
        double *o = out + 3 * (nc + n - 1);
        o[0] = rn ? (double)hn : 0.0;
        o[1] = (double)rn;
        o[2] = (double)match[n - 1];
    }
    return TQE_OK;
}

static int chrf_hyp_stats(tqe_metric *m, double *out, const char *hyp, size_t len)
{
    chrf *c = m->impl;
    int rc = preprocess(c, m->ctx, &hyp, &len);
    if (rc) return rc;
    if (line_chars(c, &c->hyp, hyp, len, c->o.whitespace != 0, false)) return tqe_oom(m->ctx);
    c->hyp.nwords = 0;
    if (c->o.word_order > 0 && line_words(c, &c->hyp, hyp, len, false)) return tqe_oom(m->ctx);
    size_t n = tqe_metric_nstats(m);
    double best = -1.0;
    for (size_t r = 0; r < c->nrefs; r++) {
        double *st = r == 0 ? out : c->cand;
        if (ref_stats(c, &c->refs[r], st)) return tqe_oom(m->ctx);
        if (c->nrefs == 1) return TQE_OK;
        double f = f_score(c, st);
        if (f > best) {
            best = f;
            if (st != out) memcpy(out, st, n * sizeof(*out));
        }
    }
    return TQE_OK;
}

/* sacreBLEU's _compute_f_score, operation for operation (the order of the
 * floating-point operations decides the last bits). */
static double f_score(const chrf *c, const double *st)
{
    const double eps = 1e-16;
    int factor = c->o.beta * c->o.beta, eff = 0;
    double score = 0.0, avg_prec = 0.0, avg_rec = 0.0;
    for (int i = 0; i < c->order; i++) {
        double n_hyp = st[3 * i], n_ref = st[3 * i + 1], n_match = st[3 * i + 2];
        double prec = n_hyp > 0 ? n_match / n_hyp : eps;
        double rec = n_ref > 0 ? n_match / n_ref : eps;
        double denom = factor * prec + rec;
        score += denom > 0 ? (1 + factor) * prec * rec / denom : eps;
        if (n_hyp > 0 && n_ref > 0) {
            avg_prec += prec;
            avg_rec += rec;
            eff++;
        }
    }
    if (c->o.eps_smoothing) return 100 * score / c->order;
    if (eff == 0)
        avg_prec = avg_rec = 0.0;
    else {
        avg_prec /= eff;
        avg_rec /= eff;
    }
    if (avg_prec + avg_rec == 0.0) return 0.0;
    score = (1 + factor) * avg_prec * avg_rec;
    score /= (factor * avg_prec) + avg_rec;
    return 100 * score;
}

static void chrf_score(const tqe_metric *m, tqe_score *out, const double *st)
{
    out->score = f_score(m->impl, st);
}

static int chrf_signature(tqe_buf *out, const tqe_metric *m, int s)
{
    const chrf *c = m->impl;
    char nc[16], nw[16];
    snprintf(nc, sizeof(nc), "%d", c->o.char_order);
    snprintf(nw, sizeof(nw), "%d", c->o.word_order);
    int rc = sig_field(out, s, "case", "c", c->o.lowercase ? "lc" : "mixed");
    if (!rc) rc = sig_field(out, s, "eff", "e", c->o.eps_smoothing ? "no" : "yes");
    if (!rc) rc = sig_field(out, s, "nc", "nc", nc);
    if (!rc) rc = sig_field(out, s, "nw", "nw", nw);
    if (!rc) rc = sig_field(out, s, "space", "s", c->o.whitespace ? "yes" : "no");
    return rc;
}

static void ref_free(chrf_ref *d)
{
    free(d->cids);
    free(d->wids);
    tqe_buf_free(&d->text);
}

static void chrf_free(void *impl)
{
    chrf *c = impl;
    if (!c) return;
    lowercaser_free(c->lc);
    tqe_buf_free(&c->low);
    for (size_t r = 0; r < c->nalloc; r++) ref_free(&c->refs[r]);
    free(c->refs);
    ref_free(&c->hyp);
    cp_table_free(&c->chars);
    word_table_free(&c->words);
    ngram_match_free(&c->match);
    free(c->cand);
    free(c);
}

static const metric_ops chrf_ops = {load_refs, chrf_hyp_stats, chrf_score, chrf_signature,
                                    chrf_free};

int chrf_new(tqe_metric **out, tqe_ctx *ctx, const tqe_chrf_options *o)
{
    if (o->char_order < 0 || o->word_order < 0 || o->char_order + o->word_order < 1 ||
        o->char_order > 64 || o->word_order > 64)
        return tqe_err(ctx, TQE_EINVAL, "chrF orders must be 0..64 and not both 0 (got %d, %d)",
                       o->char_order, o->word_order);
    chrf *c = calloc(1, sizeof(*c));
    if (!c) return tqe_oom(ctx);
    c->o = *o;
    c->order = o->char_order + o->word_order;
    c->cand = calloc(3 * (size_t)c->order, sizeof(*c->cand));
    int rc = c->cand ? TQE_OK : tqe_oom(ctx);
    if (!rc && o->lowercase) rc = lowercaser_new(&c->lc, ctx);
    char name[24];
    snprintf(name, sizeof(name), "chrF%d", o->beta);
    for (int i = 0; i < o->word_order && strlen(name) + 1 < sizeof(name); i++) strcat(name, "+");
    if (!rc) rc = metric_alloc(out, ctx, TQE_METRIC_CHRF, &chrf_ops, 3 * (size_t)c->order, name);
    if (rc) {
        chrf_free(c);
        return rc;
    }
    (*out)->impl = c;
    return TQE_OK;
}
