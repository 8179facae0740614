/* bleu.c - BLEU exactly as sacreBLEU 2.5.1 computes it.
 *
 * Per-segment statistics (doubles, sacreBLEU's layout):
 *   [hyp_len, ref_len, correct_1..correct_N, total_1..total_N]
 * with ref_len the reference length closest to the hypothesis length (the
 * shorter one on a tie) and n-gram matches clipped by the highest count of
 * that n-gram in any one reference. */
#include <math.h>
#include <stdio.h>

#include "lowercase.h"
#include "metric.h"
#include "ngram.h"
#include "tokenize.h"

typedef struct bleu_ref {
    tok_list toks;
    const char *base; /* the text the tokens are slices of: the caller's or `text` */
    tqe_buf text;     /* a copy, when the caller's text may not outlive the segment */
    uint32_t *ids;    /* word ids of the tokens */
    size_t capids;
} bleu_ref;

typedef struct bleu {
    tqe_bleu_options o;
    double smooth_value; /* resolved default */
    lowercaser *lc;
    tok_scratch sc;
    tqe_buf low; /* lowercased line */
    bleu_ref *refs;
    size_t nrefs, caprefs, nalloc; /* refs[0..nalloc) are initialized */
    const uint32_t **ref_ids;      /* refs[r].ids, as ngram_match_count takes them */
    size_t *ref_lens;
    size_t cap_ids, cap_lens;
    tok_list toks;
    uint32_t *ids; /* word ids of the hypothesis */
    size_t capids;
    word_table words;
    cp_table chars; /* -tok char: the tokens are code points */
    ngram_match match;
} bleu;

/* Word ids of the tokens v[0..n) of text `base`: interned, or looked up (0
 * when absent). The table is read through a local copy so that the stores
 * of ids and slots do not force reloads of its fields. */
static void intern_tokens(word_table *words, uint32_t *ids, const char *base, const tok_slice *v,
                          size_t n, bool insert)
{
    word_table t = *words;
    const char *end = n ? base + v[n - 1].off + v[n - 1].len : base;
    if (insert)
        for (size_t k = 0; k < n; k++)
            ids[k] = word_table_insert(&t, base + v[k].off, v[k].len, end);
    else
        for (size_t k = 0; k < n; k++) ids[k] = word_table_find(&t, base + v[k].off, v[k].len, end);
    words->next_id = t.next_id;
}

/* With -lc, *s[0..*len) becomes its lowercased copy in b->low. */
static int lowercase(bleu *b, tqe_ctx *ctx, const char **s, size_t *len)
{
    if (!b->o.lowercase) return TQE_OK;
    int rc = lowercaser_apply(b->lc, ctx, &b->low, *s, *len);
    if (rc) return rc;
    *s = b->low.data;
    *len = b->low.len;
    return TQE_OK;
}

/* Lowercase (optionally), strip trailing whitespace, tokenize into `toks`
 * as slices of *base. */
static int preprocess(bleu *b, tqe_ctx *ctx, tok_list *toks, const char **base, const char *s,
                      size_t len)
{
    int rc = lowercase(b, ctx, &s, &len);
    if (rc) return rc;
    len = tqe_utf8_rstrip_len(s, len);
    rc = tokenize_slices(&b->sc, toks, base, b->o.tokenize, s, len);
    if (rc == TQE_ELIMIT) return tqe_err(ctx, rc, "line of %zu bytes is too long for BLEU", len);
    return rc ? tqe_oom(ctx) : TQE_OK;
}

static int grow_refs(bleu *b, size_t nrefs)
{
    /* Each array has its own capacity: a failure leaves none too small. */
    if (tqe_grow((void **)&b->refs, &b->caprefs, nrefs, sizeof(*b->refs)) ||
        tqe_grow((void **)&b->ref_ids, &b->cap_ids, nrefs, sizeof(*b->ref_ids)) ||
        tqe_grow((void **)&b->ref_lens, &b->cap_lens, nrefs, sizeof(*b->ref_lens)))
        return TQE_ENOMEM;
    for (; b->nalloc < b->caprefs; b->nalloc++) memset(&b->refs[b->nalloc], 0, sizeof(*b->refs));
    return TQE_OK;
}

/* -tok char: every code point but whitespace is a token of its own, so the
 * ids come straight from the text through the direct code point table: no
 * slices, no hashing, nothing borrowed. */
static int char_ids(bleu *b, tqe_ctx *ctx, uint32_t **ids, size_t *cap, size_t *n, const char *s,
                    size_t len, bool insert)
{
    int rc = lowercase(b, ctx, &s, &len);
    if (rc) return rc;
    if (len >= UINT32_MAX)
        return tqe_err(ctx, TQE_ELIMIT, "line of %zu bytes is too long for BLEU", len);
    if (tqe_grow((void **)ids, cap, len + 1, sizeof(**ids))) return tqe_oom(ctx);
    *n = cp_table_ids(&b->chars, *ids, s, len, false, insert);
    return TQE_OK;
}

static int load_ref_chars(bleu *b, tqe_ctx *ctx, const char *const *refs, const size_t *lens,
                          size_t nrefs)
{
    size_t total = 0; /* bytes: at least as many as code points */
    for (size_t r = 0; r < nrefs; r++) total += lens[r];
    if (cp_table_reset(&b->chars, total)) return tqe_oom(ctx);
    for (size_t r = 0; r < nrefs; r++) {
        bleu_ref *d = &b->refs[r];
        int rc = char_ids(b, ctx, &d->ids, &d->capids, &b->ref_lens[r], refs[r], lens[r], true);
        if (rc) return rc;
        b->ref_ids[r] = d->ids;
    }
    b->nrefs = nrefs;
    return TQE_OK;
}

/* Tokenize and intern the references. Interned words point into the texts:
 * with `borrow`, the caller's texts last until the hypothesis is counted
 * and only texts rewritten in a scratch buffer are copied. */
static int load_refs(tqe_metric *m, const char *const *refs, const size_t *lens, size_t nrefs,
                     bool borrow)
{
    bleu *b = m->impl;
    if (grow_refs(b, nrefs)) return tqe_oom(m->ctx);
    if (b->o.tokenize == TQE_TOK_CHAR) return load_ref_chars(b, m->ctx, refs, lens, nrefs);
    /* Tokenize first: the word table is then sized to this segment exactly. */
    size_t ntok = 0;
    for (size_t r = 0; r < nrefs; r++) {
        bleu_ref *d = &b->refs[r];
        int rc = preprocess(b, m->ctx, &d->toks, &d->base, refs[r], lens[r]);
        if (rc) return rc;
        ntok += d->toks.n;
        if (borrow && d->base == refs[r]) continue;
        size_t n = d->toks.n, used = n ? d->toks.v[n - 1].off + d->toks.v[n - 1].len : 0;
        tqe_buf_clear(&d->text);
        if (tqe_buf_append(&d->text, d->base, used)) return tqe_oom(m->ctx);
        d->base = d->text.data;
    }
    if (word_table_reset(&b->words, ntok)) return tqe_oom(m->ctx);
    for (size_t r = 0; r < nrefs; r++) {
        bleu_ref *d = &b->refs[r];
        size_t n = d->toks.n;
        if (tqe_grow((void **)&d->ids, &d->capids, n + 1, sizeof(*d->ids))) return tqe_oom(m->ctx);
        intern_tokens(&b->words, d->ids, d->base, d->toks.v, n, true);
        b->ref_ids[r] = d->ids;
        b->ref_lens[r] = n;
    }
    b->nrefs = nrefs;
    return TQE_OK;
}

static size_t closest_ref_len(const bleu *b, size_t hyp_len)
{
    size_t best = 0, best_diff = SIZE_MAX;
    for (size_t r = 0; r < b->nrefs; r++) {
        size_t rl = b->ref_lens[r];
        size_t diff = rl > hyp_len ? rl - hyp_len : hyp_len - rl;
        if (diff < best_diff || (diff == best_diff && rl < best)) {
            best_diff = diff;
            best = rl;
        }
    }
    return best;
}

static int bleu_hyp_stats(tqe_metric *m, double *out, const char *hyp, size_t len)
{
    bleu *b = m->impl;
    size_t n;
    uint32_t nids;
    if (b->o.tokenize == TQE_TOK_CHAR) {
        int rc = char_ids(b, m->ctx, &b->ids, &b->capids, &n, hyp, len, false);
        if (rc) return rc;
        nids = b->chars.next_id - 1;
    } else {
        const char *base;
        int rc = preprocess(b, m->ctx, &b->toks, &base, hyp, len);
        if (rc) return rc;
        n = b->toks.n;
        if (tqe_grow((void **)&b->ids, &b->capids, n + 1, sizeof(*b->ids))) return tqe_oom(m->ctx);
        intern_tokens(&b->words, b->ids, base, b->toks.v, n, false);
        nids = b->words.next_id - 1;
    }
    int N = b->o.max_ngram_order;
    uint64_t correct[TQE_BLEU_MAX_ORDER];
    if (ngram_match_count(&b->match, correct, N, b->ids, n, b->ref_ids, b->ref_lens, b->nrefs,
                          nids))
        return tqe_oom(m->ctx);
    out[0] = (double)n;
    out[1] = (double)closest_ref_len(b, n);
    for (int order = 1; order <= N; order++) {
        out[2 + order - 1] = (double)correct[order - 1];
        out[2 + N + order - 1] = n >= (size_t)order ? (double)(n - (size_t)order + 1) : 0.0;
    }
    return TQE_OK;
}

/* sacreBLEU's my_log: log(0) is floored to a very low number. */
static double my_log(double x)
{
    return x == 0.0 ? -9999999999.0 : log(x);
}

static void bleu_score(const tqe_metric *m, tqe_score *out, const double *st)
{
    const bleu *b = m->impl;
    int N = b->o.max_ngram_order;
    double sys_len = st[0], ref_len = st[1];
    double correct[TQE_BLEU_MAX_ORDER], total[TQE_BLEU_MAX_ORDER];
    bool any = false;
    for (int n = 0; n < N; n++) {
        correct[n] = st[2 + n];
        total[n] = st[2 + N + n];
        any = any || correct[n] != 0.0;
    }
    double bp = 1.0;
    if (sys_len < ref_len) bp = sys_len > 0 ? exp(1.0 - ref_len / sys_len) : 0.0;
    out->order = N;
    out->bp = bp;
    out->sys_len = sys_len;
    out->ref_len = ref_len;
    out->ratio = ref_len != 0.0 ? sys_len / ref_len : 0.0;
    double prec[TQE_BLEU_MAX_ORDER] = {0};
    double score = 0.0;
    if (any) {
        double smooth_mteval = 1.0;
        int eff = N;
        for (int n = 1; n <= N; n++) {
            if (b->o.smooth == TQE_SMOOTH_ADD_K && n > 1) {
                correct[n - 1] += b->smooth_value;
                total[n - 1] += b->smooth_value;
            }
            if (total[n - 1] == 0.0) break;
            if (b->o.effective_order) eff = n;
            if (correct[n - 1] == 0.0) {
                if (b->o.smooth == TQE_SMOOTH_EXP) {
                    smooth_mteval *= 2;
                    prec[n - 1] = 100.0 / (smooth_mteval * total[n - 1]);
                } else if (b->o.smooth == TQE_SMOOTH_FLOOR) {
                    prec[n - 1] = 100.0 * b->smooth_value / total[n - 1];
                }
            } else {
                prec[n - 1] = 100.0 * correct[n - 1] / total[n - 1];
            }
        }
        double sum = 0.0;
        for (int n = 0; n < eff; n++) sum += my_log(prec[n]);
        score = bp * exp(sum / eff);
    }
    out->score = score;
    for (int n = 0; n < N; n++) {
        out->counts[n] = correct[n];
        out->totals[n] = total[n];
        out->precisions[n] = prec[n];
    }
}

static int bleu_signature(tqe_buf *out, const tqe_metric *m, int s)
{
    const bleu *b = m->impl;
    static const char *const smooth_names[] = {"exp", "floor", "add-k", "none"};
    char smooth[64];
    if (b->o.smooth == TQE_SMOOTH_FLOOR || b->o.smooth == TQE_SMOOTH_ADD_K)
        snprintf(smooth, sizeof(smooth), "%s[%.2f]", smooth_names[b->o.smooth], b->smooth_value);
    else
        snprintf(smooth, sizeof(smooth), "%s", smooth_names[b->o.smooth]);
    int rc = sig_field(out, s, "case", "c", b->o.lowercase ? "lc" : "mixed");
    if (!rc) rc = sig_field(out, s, "eff", "e", b->o.effective_order ? "yes" : "no");
    if (!rc) rc = sig_field(out, s, "tok", "tok", tqe_tokenizer_name(b->o.tokenize));
    if (!rc) rc = sig_field(out, s, "smooth", "s", smooth);
    return rc;
}

static void bleu_free(void *impl)
{
    bleu *b = impl;
    if (!b) return;
    lowercaser_free(b->lc);
    tok_scratch_free(&b->sc);
    tqe_buf_free(&b->low);
    for (size_t r = 0; r < b->nalloc; r++) {
        tqe_buf_free(&b->refs[r].text);
        tok_list_free(&b->refs[r].toks);
        free(b->refs[r].ids);
    }
    free(b->refs);
    free(b->ref_ids);
    free(b->ref_lens);
    tok_list_free(&b->toks);
    free(b->ids);
    word_table_free(&b->words);
    cp_table_free(&b->chars);
    ngram_match_free(&b->match);
    free(b);
}

static const metric_ops bleu_ops = {load_refs, bleu_hyp_stats, bleu_score, bleu_signature,
                                    bleu_free};

int bleu_new(tqe_metric **out, tqe_ctx *ctx, const tqe_bleu_options *o)
{
    if (o->max_ngram_order < 1 || o->max_ngram_order > TQE_BLEU_MAX_ORDER)
        return tqe_err(ctx, TQE_EINVAL, "BLEU n-gram order must be 1..%d, not %d",
                       TQE_BLEU_MAX_ORDER, o->max_ngram_order);
    if (!tqe_tokenizer_name(o->tokenize))
        return tqe_err(ctx, TQE_EINVAL, "unknown BLEU tokenizer %d", (int)o->tokenize);
    if ((unsigned)o->smooth > TQE_SMOOTH_NONE)
        return tqe_err(ctx, TQE_EINVAL, "unknown BLEU smoothing method %d", (int)o->smooth);
    bleu *b = calloc(1, sizeof(*b));
    if (!b) return tqe_oom(ctx);
    b->o = *o;
    b->smooth_value = o->smooth_value_set             ? o->smooth_value
                      : o->smooth == TQE_SMOOTH_FLOOR ? 0.1
                      : o->smooth == TQE_SMOOTH_ADD_K ? 1.0
                                                      : 0.0;
    int rc = o->lowercase ? lowercaser_new(&b->lc, ctx) : TQE_OK;
    if (!rc)
        rc = metric_alloc(out, ctx, TQE_METRIC_BLEU, &bleu_ops, 2 + 2 * (size_t)o->max_ngram_order,
                          "BLEU");
    if (rc) {
        bleu_free(b);
        return rc;
    }
    (*out)->impl = b;
    return TQE_OK;
}
