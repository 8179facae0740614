/* ter.c - the TER metric as sacreBLEU 2.5.1 computes it: each side right-
 * stripped and run through the tercom tokenizer, split into words, and for
 * every reference the edit count of lib_ter (ter_edit.c). The statistics of
 * a segment are [fewest edits over the references, mean reference length].
 *
 * Words are interned to integer ids per segment: the references' words get
 * ids in a hash table that set_refs() resets (without freeing) for every
 * segment; a hypothesis word only looks its id up, and one that is in no
 * reference gets -1, since it can never match. */
#include <math.h>

#include "lowercase.h"
#include "metric.h"
#include "ter_edit.h"
#include "tercom.h"

/* A slot of the open-addressing word table; in use when gen is current. */
typedef struct word_slot {
    uint64_t hash;
    size_t off, len; /* the word in reftext */
    uint32_t gen;
    int32_t id;
} word_slot;

typedef struct ter_impl {
    tqe_ter_options o;
    lowercaser *lc; /* NULL when case-sensitive */
    tercom_scratch sc;
    tqe_buf tok;     /* the tokenized line */
    tqe_buf reftext; /* the tokenized references of the segment, concatenated */
    word_slot *slots;
    size_t nslots; /* a power of two */
    size_t nwords; /* distinct reference words of the segment */
    uint32_t gen;
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

static uint64_t word_hash(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL; /* FNV-1a */
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
    return h;
}

/* The slot holding word s[0..n) or the empty slot where it would go. */
static word_slot *find_slot(const ter_impl *t, uint64_t h, const char *s, size_t n)
{
    size_t mask = t->nslots - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        word_slot *sl = &t->slots[i];
        if (sl->gen != t->gen) return sl;
        if (sl->hash == h && sl->len == n && memcmp(t->reftext.data + sl->off, s, n) == 0)
            return sl;
    }
}

/* Double the table, keeping the current segment's words. */
static int grow_table(ter_impl *t)
{
    size_t ns = t->nslots ? t->nslots * 2 : 256;
    word_slot *old = t->slots;
    size_t old_n = t->nslots;
    t->slots = tqe_calloc(ns, sizeof(word_slot));
    if (!t->slots) {
        t->slots = old;
        return TQE_ENOMEM;
    }
    t->nslots = ns;
    for (size_t i = 0; i < old_n; i++) {
        if (old[i].gen != t->gen) continue;
        size_t k = (size_t)old[i].hash & (ns - 1);
        while (t->slots[k].gen == t->gen) k = (k + 1) & (ns - 1);
        t->slots[k] = old[i];
    }
    free(old);
    return TQE_OK;
}

/* Forget the previous segment's words in O(1): bump the generation. */
static void reset_table(ter_impl *t)
{
    if (++t->gen == 0) {
        for (size_t i = 0; i < t->nslots; i++) t->slots[i].gen = 0;
        t->gen = 1;
    }
    t->nwords = 0;
}

/* The id of reftext[off, off+n), added when new. */
static int intern(ter_impl *t, int32_t *id, size_t off, size_t n)
{
    if ((t->nwords + 1) * 2 > t->nslots && grow_table(t)) return TQE_ENOMEM;
    const char *s = t->reftext.data + off;
    uint64_t h = word_hash(s, n);
    word_slot *sl = find_slot(t, h, s, n);
    if (sl->gen != t->gen) {
        *sl = (word_slot){h, off, n, t->gen, (int32_t)t->nwords++};
    }
    *id = sl->id;
    return TQE_OK;
}

static int32_t lookup(const ter_impl *t, const char *s, size_t n)
{
    if (!t->nslots) return -1;
    word_slot *sl = find_slot(t, word_hash(s, n), s, n);
    return sl->gen == t->gen ? sl->id : -1;
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

/* Append the ids of the words of reftext[from..] to ref_ids. */
static int intern_words(ter_impl *t, size_t from)
{
    size_t end = t->reftext.len;
    size_t i = from;
    while (i < end) {
        const char *sp = memchr(t->reftext.data + i, ' ', end - i);
        size_t stop = sp ? (size_t)(sp - t->reftext.data) : end;
        if (t->ref_ids_len == t->ref_ids_cap &&
            tqe_grow((void **)&t->ref_ids, &t->ref_ids_cap, t->ref_ids_len + 1, sizeof(int32_t)))
            return TQE_ENOMEM;
        if (intern(t, &t->ref_ids[t->ref_ids_len], i, stop - i)) return TQE_ENOMEM;
        t->ref_ids_len++;
        i = stop + 1;
    }
    return TQE_OK;
}

static int ter_set_refs(tqe_metric *m, const char *const *refs, const size_t *lens, size_t n,
                        bool borrow)
{
    (void)borrow; /* the references are always copied into word ids */
    ter_impl *t = m->impl;
    reset_table(t);
    tqe_buf_clear(&t->reftext);
    t->ref_ids_len = 0;
    t->nrefs = 0;
    if (tqe_grow((void **)&t->refs, &t->refs_cap, n, sizeof(*t->refs))) return tqe_oom(m->ctx);
    for (size_t k = 0; k < n; k++) {
        int rc = tokenize_line(t, m->ctx, refs[k], lens[k]);
        if (rc) return rc;
        if (count_words(&t->tok) > TER_MAX_WORDS)
            return tqe_err(m->ctx, TQE_ELIMIT, "TER: reference has more than %d words",
                           TER_MAX_WORDS);
        size_t from = t->reftext.len;
        t->refs[k].first = t->ref_ids_len;
        if (t->tok.len &&
            (tqe_buf_append(&t->reftext, t->tok.data, t->tok.len) || intern_words(t, from)))
            return tqe_oom(m->ctx);
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
    tqe_buf_free(&t->reftext);
    free(t->slots);
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
