/* compare.c - a candidate system against a baseline on one test set: paired
 * metric deltas with bootstrap intervals and permutation p-values, issue
 * counts, gates, and the segments that got most worse.
 *
 * Segments stream through: per metric only the per-segment statistics of the
 * two systems are kept (what resampling needs), and texts only for the
 * segments currently among the `worst` listed. */
#include <math.h>
#include <stdio.h>

#include "internal.h"

enum { BASE = 0, CAND = 1 };

typedef struct mrow {
    tqe_metric *m; /* borrowed */
    double *stats[2];
    double *sum[2];
    size_t cap[2];
    char *sig;
    tqe_compare_metric res;
} mrow;

/* A listed segment; owns its texts and its issue list. */
typedef struct entry {
    tqe_compare_segment seg;
    char *src, *base, *cand;
    char **refs;
    tqe_issue_list *issues;
} entry;

struct tqe_compare {
    tqe_ctx *ctx;
    tqe_compare_options o;
    char *names[2];
    mrow *metrics;
    size_t nmetrics;
    size_t rank_metric; /* index of the chrF that ranks segments, or nmetrics */
    tqe_metric *own_chrf;
    tqe_checker *ck;
    tqe_issue_list *found[2];
    tqe_issue_list *fresh; /* this segment's new issues, reused */
    tqe_compare_issues *rows;
    size_t nrows;
    char **row_keys; /* owned keys of the gate rows beyond the types */
    size_t *ref_lens;
    size_t ref_cap;
    double *scratch;
    size_t scratch_k;
    int nrefs; /* references per segment, -1 when it varies ("var" in signatures) */
    size_t nseg;
    entry *worst[2];
    size_t nworst[2], wcap[2];
    bool finished;
    bool broken; /* a segment failed half-way: the sums are not to be trusted */
    int failed;
};

static const char *const verdict_names[] = {"same", "better", "worse", "FAIL"};

const char *tqe_verdict_name(tqe_verdict v)
{
    return (unsigned)v < TQE_ARRAY_LEN(verdict_names) ? verdict_names[v] : NULL;
}

static int copy_name(tqe_compare *c, int s, const char *name, const char *dflt)
{
    c->names[s] = tqe_strndup(name ? name : dflt, strlen(name ? name : dflt));
    return c->names[s] ? TQE_OK : tqe_oom(c->ctx);
}

int tqe_compare_new(tqe_compare **out, tqe_ctx *ctx, const tqe_compare_options *o)
{
    assert(out && o);
    *out = NULL;
    if (o->version != TQE_COMPARE_OPTIONS_VERSION)
        return tqe_err(ctx, TQE_EINVAL, "tqe_compare_options version %u is not supported",
                       o->version);
    if (o->bootstrap < 1 || o->ar_trials < 1)
        return tqe_err(ctx, TQE_EINVAL,
                       "bootstrap resamples and randomization trials must be "
                       "at least 1");
    if (!(o->alpha > 0 && o->alpha < 1))
        return tqe_err(ctx, TQE_EINVAL, "the significance level must be between 0 and 1");
    tqe_compare *c = calloc(1, sizeof(*c));
    if (!c) return tqe_oom(ctx);
    c->ctx = ctx;
    c->o = *o;
    int rc = copy_name(c, BASE, o->baseline_name, "baseline");
    if (!rc) rc = copy_name(c, CAND, o->candidate_name, "candidate");
    if (!rc && (tqe_issue_list_new(&c->found[BASE]) || tqe_issue_list_new(&c->found[CAND]) ||
                tqe_issue_list_new(&c->fresh)))
        rc = tqe_oom(ctx);
    if (rc) {
        tqe_compare_free(c);
        return rc;
    }
    c->o.baseline_name = c->names[BASE];
    c->o.candidate_name = c->names[CAND];
    *out = c;
    return TQE_OK;
}

static void entry_free(entry *e)
{
    free(e->src);
    free(e->base);
    free(e->cand);
    for (size_t r = 0; e->refs && r < e->seg.nrefs; r++) free(e->refs[r]);
    free(e->refs);
    tqe_issue_list_free(e->issues);
}

void tqe_compare_free(tqe_compare *c)
{
    if (!c) return;
    for (size_t i = 0; i < c->nmetrics; i++) {
        for (int s = 0; s < 2; s++) {
            free(c->metrics[i].stats[s]);
            free(c->metrics[i].sum[s]);
        }
        free(c->metrics[i].sig);
    }
    free(c->metrics);
    tqe_metric_free(c->own_chrf);
    tqe_issue_list_free(c->fresh);
    for (int s = 0; s < 2; s++) {
        tqe_issue_list_free(c->found[s]);
        free(c->names[s]);
        for (size_t i = 0; i < c->nworst[s]; i++) entry_free(&c->worst[s][i]);
        free(c->worst[s]);
    }
    for (size_t i = TQE_ISSUE_TYPE_COUNT; i < c->nrows; i++) free(c->row_keys[i]);
    free(c->row_keys);
    free(c->rows);
    free(c->ref_lens);
    free(c->scratch);
    free(c);
}

/* Room for per-segment statistics of both systems on the widest metric. */
static int grow_scratch(tqe_compare *c, const tqe_metric *m)
{
    size_t k = tqe_metric_nstats(m);
    if (k <= c->scratch_k) return TQE_OK;
    double *p = tqe_reallocarray(c->scratch, 2 * k, sizeof(double));
    if (!p) return tqe_oom(c->ctx);
    c->scratch = p;
    c->scratch_k = k;
    return TQE_OK;
}

int tqe_compare_add_metric(tqe_compare *c, tqe_metric *m, double max_drop)
{
    assert(c && m);
    if (c->nseg || c->finished)
        return tqe_err(c->ctx, TQE_EINVAL, "metrics are added before the first segment");
    if (!isnan(max_drop) && !(max_drop >= 0))
        return tqe_err(c->ctx, TQE_EINVAL, "the allowed drop of %s must be >= 0",
                       tqe_metric_name(m));
    for (size_t i = 0; i < c->nmetrics; i++)
        if (tqe_metric_kind_of(c->metrics[i].m) == tqe_metric_kind_of(m))
            return tqe_err(c->ctx, TQE_EINVAL, "%s is compared once", tqe_metric_name(m));
    if (grow_scratch(c, m)) return TQE_ENOMEM;
    mrow *p = tqe_reallocarray(c->metrics, c->nmetrics + 1, sizeof(*p));
    if (!p) return tqe_oom(c->ctx);
    c->metrics = p;
    mrow *r = &c->metrics[c->nmetrics];
    memset(r, 0, sizeof(*r));
    r->m = m;
    r->res.max_drop = max_drop;
    r->res.name = tqe_metric_name(m);
    r->res.higher_is_better = tqe_metric_kind_of(m) != TQE_METRIC_TER;
    size_t k = tqe_metric_nstats(m);
    if (!(r->sum[BASE] = calloc(k, sizeof(double))) || !(r->sum[CAND] = calloc(k, sizeof(double))))
        return free(r->sum[BASE]), tqe_oom(c->ctx);
    c->nmetrics++;
    return TQE_OK;
}

int tqe_compare_set_checker(tqe_compare *c, tqe_checker *ck)
{
    assert(c && ck);
    if (c->nseg || c->finished || c->ck)
        return tqe_err(c->ctx, TQE_EINVAL, "the checker is set once, before the first segment");
    c->rows = calloc(TQE_ISSUE_TYPE_COUNT, sizeof(*c->rows));
    c->row_keys = calloc(TQE_ISSUE_TYPE_COUNT, sizeof(*c->row_keys));
    if (!c->rows || !c->row_keys) return tqe_oom(c->ctx);
    for (unsigned t = 0; t < TQE_ISSUE_TYPE_COUNT; t++) {
        c->rows[t].key = tqe_issue_type_name((tqe_issue_type)t);
        c->rows[t].types = 1u << t;
        c->rows[t].max_new = NAN;
    }
    c->nrows = TQE_ISSUE_TYPE_COUNT;
    c->ck = ck;
    return TQE_OK;
}

int tqe_compare_add_issue_gate(tqe_compare *c, const char *key, unsigned types, double max_new)
{
    assert(c && key);
    if (!c->ck) return tqe_err(c->ctx, TQE_EINVAL, "issue gates need a checker");
    if (c->nseg || c->finished)
        return tqe_err(c->ctx, TQE_EINVAL, "gates are added before the first segment");
    if (!types || types >= (1u << TQE_ISSUE_TYPE_COUNT))
        return tqe_err(c->ctx, TQE_EINVAL, "gate %s: no issue types", key);
    if (!(max_new >= 0))
        return tqe_err(c->ctx, TQE_EINVAL, "gate %s: the threshold must be >= 0", key);
    for (size_t i = 0; i < c->nrows; i++) {
        if (strcmp(c->rows[i].key, key)) continue;
        if (c->rows[i].types != types)
            return tqe_err(c->ctx, TQE_EINVAL, "gate %s: a type's name gates that type only", key);
        if (i >= TQE_ISSUE_TYPE_COUNT || !isnan(c->rows[i].max_new))
            return tqe_err(c->ctx, TQE_EINVAL, "gate %s is given twice", key);
        c->rows[i].max_new = max_new;
        return TQE_OK;
    }
    size_t n = c->nrows;
    tqe_compare_issues *rows = tqe_reallocarray(c->rows, n + 1, sizeof(*rows));
    if (rows) c->rows = rows;
    char **keys = rows ? tqe_reallocarray(c->row_keys, n + 1, sizeof(*keys)) : NULL;
    if (keys) c->row_keys = keys;
    char *k = keys ? tqe_strndup(key, strlen(key)) : NULL;
    if (!k) return tqe_oom(c->ctx);
    memset(&c->rows[n], 0, sizeof(c->rows[n]));
    c->row_keys[n] = k;
    c->rows[n].key = k;
    c->rows[n].types = types;
    c->rows[n].max_new = max_new;
    c->nrows++;
    return TQE_OK;
}

/* ---- one segment ---- */

/* Statistics of both systems on metric r (stored for resampling and summed);
 * *chrf (may be NULL) receives the two sentence scores. */
static int metric_segment(tqe_compare *c, mrow *r, tqe_metric *m, const char *const *refs,
                          size_t nrefs, const char *const hyp[2], const size_t len[2],
                          double chrf[2])
{
    size_t k = tqe_metric_nstats(m);
    int rc = tqe_metric_set_refs(m, refs, c->ref_lens, nrefs);
    for (int s = 0; !rc && s < 2; s++) {
        double *row = c->scratch + s * k;
        if ((rc = tqe_metric_hyp_stats(m, row, hyp[s], len[s]))) break;
        if (chrf) {
            tqe_score sc;
            tqe_metric_score(m, &sc, row);
            chrf[s] = sc.score;
        }
        if (!r) continue;
        if (tqe_grow((void **)&r->stats[s], &r->cap[s], (c->nseg + 1) * k, sizeof(double)))
            return tqe_oom(c->ctx);
        memcpy(r->stats[s] + c->nseg * k, row, k * sizeof(double));
        for (size_t q = 0; q < k; q++) r->sum[s][q] += row[q];
    }
    return rc;
}

/* Issues of one kind and quote: a candidate issue is new when the baseline
 * has fewer issues with its type and source text than the candidate has up
 * to and including it (multiset matching, order-independent in effect). */
static size_t same_issues(const tqe_issue_list *l, size_t upto, const tqe_issue *x)
{
    size_t n = 0;
    for (size_t i = 0; i < upto; i++) {
        const tqe_issue *y = tqe_issue_list_get(l, i);
        n += y->type == x->type && !strcmp(y->source, x->source);
    }
    return n;
}

static int new_issues(tqe_issue_list *out, const tqe_issue_list *base, const tqe_issue_list *cand)
{
    size_t nb = tqe_issue_list_count(base), nc = tqe_issue_list_count(cand);
    for (size_t i = 0; i < nc; i++) {
        const tqe_issue *x = tqe_issue_list_get(cand, i);
        if (same_issues(cand, i + 1, x) <= same_issues(base, nb, x)) continue;
        if (tqe_issue_list_add(out, x->type, x->src_start, x->src_end, x->tgt_start, x->tgt_end,
                               x->source, x->target, x->detail))
            return TQE_ENOMEM;
    }
    return TQE_OK;
}

/* Run the checker on both systems, count, and collect the new issues. */
static int check_segment(tqe_compare *c, const char *src, size_t sl, const char *const hyp[2],
                         const size_t len[2], tqe_issue_list *fresh)
{
    uint64_t n[2][TQE_ISSUE_TYPE_COUNT] = {{0}};
    for (int s = 0; s < 2; s++) {
        tqe_issue_list_clear(c->found[s]);
        int rc = tqe_checker_run(c->ck, c->found[s], src, sl, hyp[s], len[s], NULL, NULL);
        if (rc) return rc;
        for (size_t i = 0; i < tqe_issue_list_count(c->found[s]); i++)
            n[s][tqe_issue_list_get(c->found[s], i)->type]++;
    }
    for (size_t i = 0; i < c->nrows; i++) {
        tqe_compare_issues *row = &c->rows[i];
        uint64_t b = 0, k = 0;
        for (unsigned t = 0; t < TQE_ISSUE_TYPE_COUNT; t++)
            if (row->types & (1u << t)) b += n[BASE][t], k += n[CAND][t];
        row->baseline += b;
        row->candidate += k;
        row->worse += k > b;
        row->better += k < b;
    }
    return new_issues(fresh, c->found[BASE], c->found[CAND]) ? tqe_oom(c->ctx) : TQE_OK;
}

/* ---- the lists of most worsened segments ---- */

/* Does a segment (delta, new issues, line) rank before listed segment b? */
static bool ranks_before(tqe_compare_ranking r, double delta, size_t nnew, uint64_t line,
                         const tqe_compare_segment *b)
{
    size_t bnew = tqe_issue_list_count(b->new_issues);
    if (r == TQE_RANK_ISSUES && nnew != bnew) return nnew > bnew;
    if (delta != b->chrf_delta) return delta < b->chrf_delta;
    return line < b->line;
}

typedef struct segtext {
    uint64_t line;
    const char *src;
    size_t src_len;
    const char *const *refs;
    const size_t *ref_lens;
    size_t nrefs;
    const char *hyp[2];
    size_t len[2];
    double chrf[2];
    const tqe_issue_list *fresh;
} segtext;

static int entry_fill(entry *e, const segtext *t)
{
    memset(e, 0, sizeof(*e));
    e->src = tqe_strndup(t->src ? t->src : "", t->src ? t->src_len : 0);
    e->base = tqe_strndup(t->hyp[BASE], t->len[BASE]);
    e->cand = tqe_strndup(t->hyp[CAND], t->len[CAND]);
    e->refs = calloc(t->nrefs, sizeof(*e->refs));
    if (!e->src || !e->base || !e->cand || !e->refs || tqe_issue_list_new(&e->issues))
        return TQE_ENOMEM;
    e->seg.nrefs = t->nrefs;
    for (size_t r = 0; r < t->nrefs; r++)
        if (!(e->refs[r] = tqe_strndup(t->refs[r], t->ref_lens[r]))) return TQE_ENOMEM;
    for (size_t i = 0; i < tqe_issue_list_count(t->fresh); i++) {
        const tqe_issue *x = tqe_issue_list_get(t->fresh, i);
        if (tqe_issue_list_add(e->issues, x->type, x->src_start, x->src_end, x->tgt_start,
                               x->tgt_end, x->source, x->target, x->detail))
            return TQE_ENOMEM;
    }
    e->seg.line = t->line;
    e->seg.src = e->src;
    e->seg.refs = (const char *const *)e->refs;
    e->seg.baseline = e->base;
    e->seg.candidate = e->cand;
    e->seg.chrf_baseline = t->chrf[BASE];
    e->seg.chrf_candidate = t->chrf[CAND];
    e->seg.chrf_delta = t->chrf[CAND] - t->chrf[BASE];
    e->seg.new_issues = e->issues;
    return TQE_OK;
}

/* Insert the segment into ranking r when it belongs among the worst listed. */
static int offer(tqe_compare *c, tqe_compare_ranking r, const segtext *t)
{
    double delta = t->chrf[CAND] - t->chrf[BASE];
    size_t nnew = tqe_issue_list_count(t->fresh);
    if (r == TQE_RANK_CHRF ? !(delta < 0) : nnew == 0) return TQE_OK;
    size_t cap = c->o.worst, n = c->nworst[r], at = n;
    while (at > 0 && ranks_before(r, delta, nnew, t->line, &c->worst[r][at - 1].seg)) at--;
    if (at >= cap) return TQE_OK;
    /* Grown as needed: --worst may be large, the test set small. */
    if (n < cap && tqe_grow((void **)&c->worst[r], &c->wcap[r], n + 1, sizeof(entry)))
        return tqe_oom(c->ctx);
    if (n == cap) entry_free(&c->worst[r][--n]);
    memmove(&c->worst[r][at + 1], &c->worst[r][at], (n - at) * sizeof(entry));
    c->nworst[r] = n + 1;
    if (entry_fill(&c->worst[r][at], t)) return tqe_oom(c->ctx);
    return TQE_OK;
}

/* Metric statistics of one segment for every metric, and its sentence chrF. */
static int score_segment(tqe_compare *c, const segtext *t, double chrf[2])
{
    int rc = TQE_OK;
    for (size_t i = 0; !rc && i < c->nmetrics; i++)
        rc = metric_segment(c, &c->metrics[i], c->metrics[i].m, t->refs, t->nrefs, t->hyp, t->len,
                            i == c->rank_metric ? chrf : NULL);
    if (!rc && c->own_chrf)
        rc = metric_segment(c, NULL, c->own_chrf, t->refs, t->nrefs, t->hyp, t->len, chrf);
    return rc;
}

/* Before the first segment: the metric that ranks segments. */
static int start(tqe_compare *c)
{
    c->rank_metric = c->nmetrics;
    for (size_t i = 0; i < c->nmetrics && c->rank_metric == c->nmetrics; i++)
        if (tqe_metric_kind_of(c->metrics[i].m) == TQE_METRIC_CHRF) c->rank_metric = i;
    if (c->rank_metric < c->nmetrics) return TQE_OK;
    tqe_chrf_options co = TQE_CHRF_OPTIONS_INIT;
    int rc = tqe_metric_new_chrf(&c->own_chrf, c->ctx, &co);
    return rc ? rc : grow_scratch(c, c->own_chrf);
}

int tqe_compare_add_segment(tqe_compare *c, const char *src, size_t src_len,
                            const char *const *refs, const size_t *ref_lens, size_t nrefs,
                            const char *baseline, size_t baseline_len, const char *candidate,
                            size_t candidate_len)
{
    assert(c && refs && ref_lens && baseline && candidate);
    if (c->finished || c->broken)
        return tqe_err(c->ctx, TQE_EINVAL, "the comparison is finished or failed");
    if (nrefs == 0) return tqe_err(c->ctx, TQE_EINVAL, "a segment needs a reference");
    if (c->ck && !src) return tqe_err(c->ctx, TQE_EINVAL, "the issue check needs the source");
    int rc = c->nseg == 0 ? start(c) : TQE_OK;
    if (!rc && tqe_grow((void **)&c->ref_lens, &c->ref_cap, nrefs, sizeof(size_t)))
        rc = tqe_oom(c->ctx);
    if (rc) {
        c->broken = true;
        return rc;
    }
    /* Metrics read lines as sacreBLEU does, without trailing whitespace. */
    for (size_t r = 0; r < nrefs; r++) c->ref_lens[r] = tqe_utf8_rstrip_len(refs[r], ref_lens[r]);
    segtext t = {c->nseg + 1,
                 src,
                 src_len,
                 refs,
                 ref_lens,
                 nrefs,
                 {baseline, candidate},
                 {tqe_utf8_rstrip_len(baseline, baseline_len),
                  tqe_utf8_rstrip_len(candidate, candidate_len)},
                 {0, 0},
                 NULL};
    tqe_issue_list *fresh = c->fresh;
    tqe_issue_list_clear(fresh);
    rc = score_segment(c, &t, t.chrf);
    /* The checker and the listed texts see the lines as given. */
    t.len[BASE] = baseline_len;
    t.len[CAND] = candidate_len;
    if (!rc && c->ck) rc = check_segment(c, src, src_len, t.hyp, t.len, fresh);
    t.fresh = fresh;
    for (int r = 0; !rc && r < 2 && c->o.worst > 0; r++) rc = offer(c, (tqe_compare_ranking)r, &t);
    if (rc) {
        c->broken = true;
        return rc;
    }
    if (c->nseg == 0) c->nrefs = (int)nrefs;
    if (c->nrefs != (int)nrefs) c->nrefs = -1;
    c->nseg++;
    return TQE_OK;
}

/* ---- results ---- */

/* The 95% paired bootstrap interval of candidate - baseline. */
static int bootstrap_interval(tqe_compare *c, mrow *r)
{
    size_t n = (size_t)c->o.bootstrap;
    double *scores = tqe_calloc(2 * n, sizeof(double)), *d = tqe_calloc(n, sizeof(double));
    const double *st[2] = {r->stats[BASE], r->stats[CAND]};
    int rc = (!scores || !d) ? tqe_oom(c->ctx)
                             : tqe_bootstrap_scores(scores, c->ctx, r->m, st, 2, c->nseg,
                                                    c->o.bootstrap, c->o.seed);
    if (!rc) {
        for (size_t j = 0; j < n; j++) d[j] = scores[2 * j + CAND] - scores[2 * j + BASE];
        tqe_interval95(d, n, &r->res.delta_lo, &r->res.delta_hi);
    }
    free(scores);
    free(d);
    return rc;
}

/* Approximate randomization: the share of shuffles whose absolute difference
 * is at least the actual one (with a tolerance for summation order). */
static int permutation_p(tqe_compare *c, mrow *r)
{
    size_t n = (size_t)c->o.ar_trials;
    double *d = tqe_calloc(n, sizeof(double));
    if (!d) return tqe_oom(c->ctx);
    int rc = tqe_ar_diffs(d, c->ctx, r->m, r->stats[BASE], r->stats[CAND], c->nseg, c->o.ar_trials,
                          c->o.seed);
    double actual = fabs(r->res.delta), tol = 1e-9 * TQE_MAX(1.0, actual);
    size_t ge = 0;
    for (size_t j = 0; !rc && j < n; j++) ge += d[j] >= actual - tol;
    r->res.p_value = (double)(ge + 1) / (double)(n + 1);
    free(d);
    return rc;
}

static int metric_signature(tqe_compare *c, mrow *r)
{
    char seed[32];
    snprintf(seed, sizeof(seed), c->o.seed.seeded ? "%lu" : "none", c->o.seed.seed);
    tqe_signature_info info = TQE_SIGNATURE_INFO_INIT;
    info.nrefs = c->nrefs;
    info.bs = c->o.bootstrap;
    info.ar = c->o.ar_trials;
    info.seed = seed;
    tqe_buf b = TQE_BUF_INIT;
    int rc = tqe_metric_signature(&b, r->m, &info);
    if (!rc)
        r->sig = b.data, r->res.signature = b.data;
    else
        tqe_buf_free(&b);
    return rc;
}

static int finish_metric(tqe_compare *c, mrow *r)
{
    tqe_score sc;
    tqe_metric_score(r->m, &sc, r->sum[BASE]);
    r->res.baseline = sc.score;
    tqe_metric_score(r->m, &sc, r->sum[CAND]);
    r->res.candidate = sc.score;
    r->res.delta = r->res.candidate - r->res.baseline;
    r->res.worsening = r->res.higher_is_better ? -r->res.delta : r->res.delta;
    int rc = bootstrap_interval(c, r);
    if (!rc) rc = permutation_p(c, r);
    if (!rc) rc = metric_signature(c, r);
    if (rc) return rc;
    bool significant = r->res.p_value < c->o.alpha;
    if (!significant || r->res.worsening == 0)
        r->res.verdict = TQE_VERDICT_SAME;
    else if (r->res.worsening < 0)
        r->res.verdict = TQE_VERDICT_BETTER;
    else if (!isnan(r->res.max_drop) && r->res.worsening > r->res.max_drop)
        r->res.verdict = TQE_VERDICT_FAIL;
    else
        r->res.verdict = TQE_VERDICT_WORSE;
    return TQE_OK;
}

int tqe_compare_finish(tqe_compare *c)
{
    assert(c);
    if (c->finished || c->broken)
        return tqe_err(c->ctx, TQE_EINVAL, "the comparison is finished or failed");
    if (c->nseg == 0) return tqe_err(c->ctx, TQE_EINVAL, "no segments to compare");
    for (size_t i = 0; i < c->nmetrics; i++) {
        int rc = finish_metric(c, &c->metrics[i]);
        if (rc) {
            c->broken = true;
            return rc;
        }
        c->failed |= c->metrics[i].res.verdict == TQE_VERDICT_FAIL;
    }
    for (size_t i = 0; i < c->nrows; i++) {
        tqe_compare_issues *row = &c->rows[i];
        double rise = (double)row->candidate - (double)row->baseline;
        row->verdict = rise < 0                                      ? TQE_VERDICT_BETTER
                       : rise == 0                                   ? TQE_VERDICT_SAME
                       : !isnan(row->max_new) && rise > row->max_new ? TQE_VERDICT_FAIL
                                                                     : TQE_VERDICT_WORSE;
        c->failed |= row->verdict == TQE_VERDICT_FAIL;
    }
    c->finished = true;
    return TQE_OK;
}

size_t tqe_compare_segment_count(const tqe_compare *c)
{
    return c->nseg;
}

const tqe_compare_options *tqe_compare_get_options(const tqe_compare *c)
{
    return &c->o;
}

size_t tqe_compare_metric_count(const tqe_compare *c)
{
    return c->finished ? c->nmetrics : 0;
}

const tqe_compare_metric *tqe_compare_metric_get(const tqe_compare *c, size_t i)
{
    assert(c->finished && i < c->nmetrics);
    return &c->metrics[i].res;
}

size_t tqe_compare_issues_count(const tqe_compare *c)
{
    return c->finished ? c->nrows : 0;
}

const tqe_compare_issues *tqe_compare_issues_get(const tqe_compare *c, size_t i)
{
    assert(c->finished && i < c->nrows);
    return &c->rows[i];
}

size_t tqe_compare_worst_count(const tqe_compare *c, tqe_compare_ranking r)
{
    assert((unsigned)r < 2);
    return c->finished ? c->nworst[r] : 0;
}

const tqe_compare_segment *tqe_compare_worst_get(const tqe_compare *c, tqe_compare_ranking r,
                                                 size_t i)
{
    assert(c->finished && (unsigned)r < 2 && i < c->nworst[r]);
    return &c->worst[r][i].seg;
}

int tqe_compare_failed(const tqe_compare *c)
{
    return c->finished && c->failed;
}
