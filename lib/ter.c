/* ter.c - the TER metric as sacreBLEU 2.5.1 computes it: each side right-
 * stripped and run through the tercom tokenizer, split into words, and for
 * every reference the edit count of lib_ter (ter_edit.c). The statistics of
 * a segment are [fewest edits over the references, mean reference length].
 *
 * Words are interned to integer ids per segment: the references' words get
 * ids 0, 1, ... in a string table that set_refs() clears (without freeing)
 * for every segment; a hypothesis word only looks its id up, and one that
 * is in no reference gets -1, since it can never match. */
#include <math.h>

#include "lowercase.h"
#include "metric.h"
#include "strtab.h"
#include "ter_edit.h"
#include "tercom.h"

typedef struct ter_impl {
    tqe_ter_options o;
    lowercaser *lc; /* NULL when case-sensitive */
    tercom_scratch sc;
    tqe_buf tok;      /* the tokenized line */
    strtab words;     /* the references' words of the segment: word -> id */
    int32_t *ref_ids; /* the references' words, one reference after another */
    size_t ref_ids_len, ref_ids_cap;
    struct ref_span {
        size_t first, len;
    } * refs; /* each reference's words in ref_ids */
    size_t nrefs, refs_cap;
    int32_t *hyp_ids;
    size_t hyp_cap;
    ter_work *work;
} ter_impl;

static int32_t lookup(const ter_impl *t, const char *s, size_t n)
{
    uint32_t id;
    return strtab_find(&t->words, s, n, &id) ? (int32_t)id : -1;
}

/* Tokenize a line as TER sees it: right-stripped first. */
static int tokenize_line(ter_impl *t, tqe_ctx *ctx, const char *s, size_t len)
{
    /* the text is valid UTF-8: tqe_metric_* checked it */
    len = tqe_utf8_rstrip_len(s, len);
    return tercom_tokenize(&t->tok, &t->sc, t->lc, ctx, &t->o, s, len);
}

static size_t count_words(const tqe_buf *b)
{
    if (!b->len) return 0;
    size_t n = 1;
    for (const char *p = b->data; (p = memchr(p, ' ', b->len - (size_t)(p - b->data))); p++) n++;
    return n;
}

/* Append the ids of the words of the tokenized line to ref_ids. */
static int intern_words(ter_impl *t)
{
    size_t end = t->tok.len, i = 0;
    while (i < end) {
        const char *sp = memchr(t->tok.data + i, ' ', end - i);
        size_t stop = sp ? (size_t)(sp - t->tok.data) : end;
        uint32_t id;
        if (tqe_grow((void **)&t->ref_ids, &t->ref_ids_cap, t->ref_ids_len + 1, sizeof(int32_t)) ||
            strtab_put(&t->words, t->tok.data + i, stop - i, 0, &id) < 0)
            return TQE_ENOMEM;
        t->ref_ids[t->ref_ids_len++] = (int32_t)id;
        i = stop + 1;
    }
    return TQE_OK;
}

static int ter_set_refs(tqe_metric *m, const char *const *refs, const size_t *lens, size_t n,
                        bool borrow)
{
    (void)borrow; /* the references are always copied into word ids */
    ter_impl *t = m->impl;
    strtab_clear(&t->words);
    t->ref_ids_len = 0;
    t->nrefs = 0;
    if (tqe_grow((void **)&t->refs, &t->refs_cap, n, sizeof(*t->refs))) return tqe_oom(m->ctx);
    for (size_t k = 0; k < n; k++) {
        int rc = tokenize_line(t, m->ctx, refs[k], lens[k]);
        if (rc) return rc;
        if (count_words(&t->tok) > TER_MAX_WORDS)
            return tqe_err(m->ctx, TQE_ELIMIT, "TER: reference has more than %d words",
                           TER_MAX_WORDS);
        t->refs[k].first = t->ref_ids_len;
        if (intern_words(t)) return tqe_oom(m->ctx);
        t->refs[k].len = t->ref_ids_len - t->refs[k].first;
    }
    t->nrefs = n;
    return TQE_OK;
}

/* Split the tokenized hypothesis into ids; returns the word count. */
static int hyp_words(ter_impl *t, tqe_ctx *ctx, size_t *nwords)
{
    size_t n = count_words(&t->tok);
    if (n > TER_MAX_WORDS)
        return tqe_err(ctx, TQE_ELIMIT, "TER: hypothesis has more than %d words", TER_MAX_WORDS);
    if (tqe_grow((void **)&t->hyp_ids, &t->hyp_cap, n, sizeof(int32_t))) return tqe_oom(ctx);
    size_t i = 0, k = 0;
    while (k < n) {
        const char *sp = memchr(t->tok.data + i, ' ', t->tok.len - i);
        size_t stop = sp ? (size_t)(sp - t->tok.data) : t->tok.len;
        t->hyp_ids[k++] = lookup(t, t->tok.data + i, stop - i);
        i = stop + 1;
    }
    *nwords = n;
    return TQE_OK;
}

static int ter_hyp_stats(tqe_metric *m, double *out, const char *hyp, size_t len)
{
    ter_impl *t = m->impl;
    if (!t->nrefs) return tqe_err(m->ctx, TQE_EINVAL, "TER: no references set");
    int rc = tokenize_line(t, m->ctx, hyp, len);
    size_t n = 0;
    if (!rc) rc = hyp_words(t, m->ctx, &n);
    if (rc) return rc;
    long best = 0;
    size_t ref_words = 0;
    for (size_t k = 0; k < t->nrefs; k++) {
        long edits;
        const struct ref_span *r = &t->refs[k];
        /* No reference has words yet when all are empty: ref_ids is NULL. */
        const int32_t *ref = r->len ? t->ref_ids + r->first : NULL;
        if (ter_edits(t->work, &edits, t->hyp_ids, n, ref, r->len)) return tqe_oom(m->ctx);
        if (k == 0 || edits < best) best = edits;
        ref_words += r->len;
    }
    out[0] = (double)best;
    /* Python's int / int: the correctly rounded quotient. */
    out[1] = (double)ref_words / (double)t->nrefs;
    return TQE_OK;
}

static void ter_score(const tqe_metric *m, tqe_score *out, const double *stats)
{
    (void)m;
    double edits = stats[0], ref_len = stats[1], rate;
    if (ref_len > 0)
        rate = edits / ref_len;
    else
        rate = edits > 0 ? 1.0 : 0.0; /* empty references: 100 unless the hypothesis is empty too */
    out->score = 100 * rate;
    out->num_edits = trunc(edits);
    out->ref_length = ref_len;
}

static int ter_signature(tqe_buf *out, const tqe_metric *m, int s)
{
    const ter_impl *t = m->impl;
    const tqe_ter_options *o = &t->o;
    int rc = sig_field(out, s, "case", "c", o->case_sensitive ? "mixed" : "lc");
    if (!rc) rc = sig_field(out, s, "tok", "t", "tercom");
    if (!rc) rc = sig_field(out, s, "norm", "nr", o->normalized ? "yes" : "no");
    if (!rc) rc = sig_field(out, s, "punct", "pn", o->no_punct ? "no" : "yes");
    if (!rc) rc = sig_field(out, s, "asian", "as", o->asian_support ? "yes" : "no");
    return rc;
}

static void ter_free(void *impl)
{
    ter_impl *t = impl;
    if (!t) return;
    lowercaser_free(t->lc);
    tercom_scratch_free(&t->sc);
    tqe_buf_free(&t->tok);
    strtab_free(&t->words);
    free(t->ref_ids);
    free(t->refs);
    free(t->hyp_ids);
    ter_work_free(t->work);
    free(t);
}

static const metric_ops ter_ops = {ter_set_refs, ter_hyp_stats, ter_score, ter_signature, ter_free};

int ter_new(tqe_metric **out, tqe_ctx *ctx, const tqe_ter_options *o)
{
    ter_impl *t = calloc(1, sizeof(*t));
    if (!t) return tqe_oom(ctx);
    t->o = *o;
    t->work = ter_work_new();
    int rc = t->work ? TQE_OK : tqe_oom(ctx);
    if (!rc && !o->case_sensitive) rc = lowercaser_new(&t->lc, ctx);
    if (!rc) rc = metric_alloc(out, ctx, TQE_METRIC_TER, &ter_ops, 2, "TER");
    if (rc) {
        ter_free(t);
        return rc;
    }
    (*out)->impl = t;
    return TQE_OK;
}
