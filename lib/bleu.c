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

typedef struct bleu {
    tqe_bleu_options o;
    double smooth_value; /* resolved default */
    lowercaser *lc;
    tok_scratch sc;
    tqe_buf low;      /* lowercased line */
    tqe_buf *reftext; /* reference texts of the current segment (words point here) */
    tok_list *reftoks;
    size_t nreftext, capreftext, capreftoks;
    tok_list toks;
    uint32_t *ids; /* token ids of the line being counted */
    size_t capids;
    uint64_t *ref_lens;
    size_t nrefs, cap_ref_lens;
    word_table words;
    ng_table grams;
} bleu;

/* Word ids of the tokens t (slices of base), interning when `insert`. */
static int token_ids(bleu *b, const tok_list *t, const char *base, bool insert)
{
    if (tqe_grow((void **)&b->ids, &b->capids, t->n + 1, sizeof(*b->ids))) return TQE_ENOMEM;
    for (size_t k = 0; k < t->n; k++)
        b->ids[k] = word_table_id(&b->words, base + t->v[k].off, t->v[k].len, insert);
    return TQE_OK;
}

/* Lowercase (optionally), strip trailing whitespace, tokenize into `toks`
 * as slices of *base. */
static int preprocess(bleu *b, tqe_ctx *ctx, tok_list *toks, const char **base, const char *s,
                      size_t len)
{
    if (b->o.lowercase) {
        int rc = lowercaser_apply(b->lc, ctx, &b->low, s, len);
        if (rc) return rc;
        s = b->low.data;
        len = b->low.len;
    }
    len = tqe_utf8_rstrip_len(s, len);
    int rc = tokenize_slices(&b->sc, toks, base, b->o.tokenize, s, len);
    if (rc == TQE_ELIMIT) return tqe_err(ctx, rc, "line of %zu bytes is too long for BLEU", len);
    return rc ? tqe_oom(ctx) : TQE_OK;
}

static inline void gram_key(const uint32_t *ids, int n, uint64_t *k0, uint64_t *k1)
{
    uint32_t w[4] = {0, 0, 0, 0};
    for (int j = 0; j < n; j++) w[j] = ids[j];
    *k0 = w[0] | (uint64_t)w[1] << 32;
    *k1 = w[2] | (uint64_t)w[3] << 32;
}

/* Count the n-grams of one reference into the table (max over references). */
static void count_ref_grams(bleu *b, size_t n)
{
    uint32_t stamp = ng_new_stamp(&b->grams);
    for (int order = 1; order <= b->o.max_ngram_order; order++) {
        for (size_t i = 0; i + (size_t)order <= n; i++) {
            uint64_t k0, k1;
            gram_key(b->ids + i, order, &k0, &k1);
            ng_slot *s = ng_insert(&b->grams, k0, k1);
            if (s->aux_stamp != stamp) {
                s->aux_stamp = stamp;
                s->aux = 0;
            }
            if (++s->aux > s->count) s->count = s->aux;
        }
    }
}

static int bleu_set_refs(tqe_metric *m, const char *const *refs, const size_t *lens, size_t nrefs)
{
    bleu *b = m->impl;
    if (tqe_grow((void **)&b->reftext, &b->capreftext, nrefs, sizeof(*b->reftext)) ||
        tqe_grow((void **)&b->reftoks, &b->capreftoks, nrefs, sizeof(*b->reftoks)) ||
        tqe_grow((void **)&b->ref_lens, &b->cap_ref_lens, nrefs, sizeof(*b->ref_lens)))
        return tqe_oom(m->ctx);
    for (size_t r = b->nreftext; r < nrefs; r++) {
        b->reftext[r] = (tqe_buf)TQE_BUF_INIT;
        b->reftoks[r] = (tok_list){NULL, 0, 0};
    }
    if (nrefs > b->nreftext) b->nreftext = nrefs;
    /* Tokenize first: the tables are then sized to this segment exactly. */
    size_t ntok = 0;
    for (size_t r = 0; r < nrefs; r++) {
        const char *base;
        tok_list *t = &b->reftoks[r];
        int rc = preprocess(b, m->ctx, t, &base, refs[r], lens[r]);
        if (rc) return rc;
        /* Interned words point into the text: keep a copy for the segment. */
        size_t used = t->n ? t->v[t->n - 1].off + t->v[t->n - 1].len : 0;
        tqe_buf_clear(&b->reftext[r]);
        if (tqe_buf_append(&b->reftext[r], base, used)) return tqe_oom(m->ctx);
        ntok += t->n;
    }
    if (word_table_reset(&b->words, ntok) ||
        ng_table_reset(&b->grams, ntok * (size_t)b->o.max_ngram_order))
        return tqe_oom(m->ctx);
    for (size_t r = 0; r < nrefs; r++) {
        const tok_list *t = &b->reftoks[r];
        if (token_ids(b, t, b->reftext[r].data ? b->reftext[r].data : "", true))
            return tqe_oom(m->ctx);
        b->ref_lens[r] = t->n;
        count_ref_grams(b, t->n);
    }
    b->nrefs = nrefs;
    return TQE_OK;
}

static uint64_t closest_ref_len(const bleu *b, uint64_t hyp_len)
{
    uint64_t best = 0, best_diff = UINT64_MAX;
    for (size_t r = 0; r < b->nrefs; r++) {
        uint64_t rl = b->ref_lens[r];
        uint64_t diff = rl > hyp_len ? rl - hyp_len : hyp_len - rl;
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
    const char *base;
    int rc = preprocess(b, m->ctx, &b->toks, &base, hyp, len);
    if (rc) return rc;
    size_t n = b->toks.n;
    if (token_ids(b, &b->toks, base, false)) return tqe_oom(m->ctx);
    int N = b->o.max_ngram_order;
    out[0] = (double)n;
    out[1] = (double)closest_ref_len(b, n);
    uint64_t correct[TQE_BLEU_MAX_ORDER] = {0};
    uint32_t stamp = ng_new_stamp(&b->grams);
    /* An n-gram absent from the references means every longer one at that
     * position is absent too; a word absent from them (id 0) ends it too. */
    for (size_t i = 0; i < n; i++) {
        for (int order = 1; order <= N && i + (size_t)order <= n; order++) {
            if (b->ids[i + (size_t)order - 1] == 0) break;
            uint64_t k0, k1;
            gram_key(b->ids + i, order, &k0, &k1);
            ng_slot *s = ng_find(&b->grams, k0, k1);
            if (!s) break;
            if (s->aux_stamp != stamp) {
                s->aux_stamp = stamp;
                s->aux = 0;
            }
            if (s->aux < s->count) {
                s->aux++;
                correct[order - 1]++;
            }
        }
    }
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
    for (size_t r = 0; r < b->nreftext; r++) {
        tqe_buf_free(&b->reftext[r]);
        tok_list_free(&b->reftoks[r]);
    }
    free(b->reftext);
    free(b->reftoks);
    tok_list_free(&b->toks);
    free(b->ids);
    free(b->ref_lens);
    word_table_free(&b->words);
    ng_table_free(&b->grams);
    free(b);
}

static const metric_ops bleu_ops = {bleu_set_refs, bleu_hyp_stats, bleu_score, bleu_signature,
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
