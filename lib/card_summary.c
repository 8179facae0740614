/* card_summary.c - grades, per-translation totals, bootstrap intervals and
 * ranks of a scorecard. */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>

#include "card_impl.h"
#include "datafile.h"

static const char *const grade_names[] = {"pass", "warn", "fail"};

const char *tqe_grade_name(tqe_grade g)
{
    return (unsigned)g < 3 ? grade_names[g] : NULL;
}

void tqe_thresholds_default(tqe_thresholds *t)
{
    for (int k = 0; k < TQE_ISSUE_TYPE_COUNT; k++) t->issue_warn[k] = t->issue_fail[k] = NAN;
    static const tqe_issue_type fail1[] = {TQE_ISSUE_NUMBER_MISSING, TQE_ISSUE_NUMBER_ALTERED,
                                           TQE_ISSUE_UNTRANSLATED, TQE_ISSUE_OMISSION,
                                           TQE_ISSUE_GLOSSARY};
    static const tqe_issue_type warn1[] = {TQE_ISSUE_NUMBER_EXTRA, TQE_ISSUE_ENTITY_MISSING,
                                           TQE_ISSUE_ENTITY_ALTERED, TQE_ISSUE_ADDITION};
    for (size_t k = 0; k < TQE_ARRAY_LEN(fail1); k++) t->issue_fail[fail1[k]] = 1;
    for (size_t k = 0; k < TQE_ARRAY_LEN(warn1); k++) t->issue_warn[warn1[k]] = 1;
    t->issue_fail[TQE_ISSUE_ENTITY_MISSING] = 3; /* three names lost in one paragraph */
    t->chrf_ref_warn = 40, t->chrf_ref_fail = 25;
    t->bleu_ref_warn = t->bleu_ref_fail = NAN;
    t->align_warn = 0.5, t->align_fail = NAN;
}

static int parse_threshold(datafile *df, const char *f, double *out)
{
    if (!strcmp(f, "-")) {
        *out = NAN;
        return TQE_OK;
    }
    char *end;
    *out = strtod(f, &end);
    if (end == f || *end || !isfinite(*out))
        return datafile_error(df, "a threshold must be a number or '-', not '%s'", f);
    return TQE_OK;
}

/* The two thresholds of `key`, or NULL if key is unknown. */
static double *slots(tqe_thresholds *t, const char *key, double **fail)
{
    tqe_issue_type it;
    if (tqe_issue_type_from_name(&it, key) == TQE_OK)
        return *fail = &t->issue_fail[it], &t->issue_warn[it];
    if (!strcmp(key, "chrf_vs_ref")) return *fail = &t->chrf_ref_fail, &t->chrf_ref_warn;
    if (!strcmp(key, "bleu_vs_ref")) return *fail = &t->bleu_ref_fail, &t->bleu_ref_warn;
    if (!strcmp(key, "align_confidence")) return *fail = &t->align_fail, &t->align_warn;
    return NULL;
}

int tqe_thresholds_load(tqe_thresholds *t, tqe_ctx *ctx, const char *path)
{
    datafile df;
    int rc = datafile_open_path(&df, ctx, path), more = 0;
    while (!rc && (more = datafile_next(&df)) == 1) {
        double *fail, *warn = df.nfields == 3 ? slots(t, df.field[0], &fail) : NULL;
        if (df.nfields != 3)
            rc = datafile_error(&df, "expected key<TAB>warn<TAB>fail, found %zu field%s",
                                df.nfields, df.nfields == 1 ? "" : "s");
        else if (!warn)
            rc = datafile_error(&df,
                                "unknown key '%s' (an issue type, chrf_vs_ref, bleu_vs_ref "
                                "or align_confidence)",
                                df.field[0]);
        else if (!(rc = parse_threshold(&df, df.field[1], warn)))
            rc = parse_threshold(&df, df.field[2], fail);
    }
    datafile_close(&df);
    return rc ? rc : more < 0 ? more : TQE_OK;
}

/* How bad a value is: 2 at the fail threshold, 1 at the warn one. */
static int level_at_least(double v, double warn, double fail)
{
    return (!isnan(fail) && v >= fail) ? 2 : (!isnan(warn) && v >= warn) ? 1 : 0;
}

int card_level_below(double v, double warn, double fail)
{
    if (isnan(v)) return 0;
    return (!isnan(fail) && v < fail) ? 2 : (!isnan(warn) && v < warn) ? 1 : 0;
}

tqe_grade card_grade(const tqe_thresholds *t, const card_bead *b)
{
    double count[TQE_ISSUE_TYPE_COUNT] = {0};
    for (size_t i = 0; i < tqe_issue_list_count(b->issues); i++)
        count[tqe_issue_list_get(b->issues, i)->type]++;
    int level = 0;
    for (int k = 0; k < TQE_ISSUE_TYPE_COUNT; k++)
        level = TQE_MAX(level, level_at_least(count[k], t->issue_warn[k], t->issue_fail[k]));
    level =
        TQE_MAX(level, card_level_below(b->pub.chrf_vs_ref, t->chrf_ref_warn, t->chrf_ref_fail));
    level =
        TQE_MAX(level, card_level_below(b->pub.bleu_vs_ref, t->bleu_ref_warn, t->bleu_ref_fail));
    if (b->pub.bead.src_count && b->pub.bead.tgt_count)
        level =
            TQE_MAX(level, card_level_below(b->pub.bead.confidence, t->align_warn, t->align_fail));
    return (tqe_grade)level;
}

/* ---- summaries ---- */

static void totals(card_tr *tr, size_t nextra)
{
    tqe_card_summary *s = &tr->sum;
    s->name = tr->name;
    s->lang = tr->lang;
    const char *last_doc = NULL;
    for (size_t b = 0; b < tr->nbeads; b++) {
        card_bead *x = &tr->beads[b];
        const tqe_bead *bd = &x->pub.bead;
        if (!last_doc || strcmp(last_doc, x->doc)) s->docs++, last_doc = x->doc;
        s->src_paras += bd->src_count;
        s->tgt_paras += bd->tgt_count;
        s->src_words += x->pub.src_words;
        s->tgt_words += x->pub.tgt_words;
        s->beads_by_kind[bd->kind]++;
        s->grades[x->pub.grade]++;
        for (size_t i = 0; i < tqe_issue_list_count(x->issues); i++) {
            s->issues_by_type[tqe_issue_list_get(x->issues, i)->type]++;
            s->issues++;
        }
    }
    for (size_t k = 0; k < nextra; k++) {
        double sum = 0;
        size_t n = 0;
        for (size_t b = 0; b < tr->nbeads; b++)
            if (!isnan(tr->beads[b].extra[k])) sum += tr->beads[b].extra[k], n++;
        tr->extra_mean[k] = n ? sum / (double)n : NAN;
    }
}

/* The three statistics of a set of beads, weighted by `w` (bootstrap
 * counts; NULL = every bead once). */
static void measure(const card_tr *tr, const lang_tools *t, const unsigned *w, double *per_kw,
                    double *chrf, double *bleu)
{
    double issues = 0, words = 0, ch[18] = {0}, bl[10] = {0};
    bool ref = false;
    for (size_t b = 0; b < tr->nbeads; b++) {
        double k = w ? w[b] : 1;
        if (!k) continue;
        const card_bead *x = &tr->beads[b];
        issues += k * (double)tqe_issue_list_count(x->issues);
        words += k * (double)x->pub.src_words;
        if (!x->st.has_ref) continue;
        ref = true;
        for (int q = 0; q < 18; q++) ch[q] += k * x->st.chrf[q];
        for (int q = 0; q < 10; q++) bl[q] += k * x->st.bleu[q];
    }

    *per_kw = words > 0 ? 1000.0 * issues / words : NAN;
    *chrf = *bleu = NAN;
    if (!ref) return;
    tqe_score sc;
    tqe_metric_score(t->chrf, &sc, ch);
    *chrf = sc.score;
    tqe_metric_score(t->bleu_corpus, &sc, bl);
    *bleu = sc.score;
}

static lang_tools *tools_of(tqe_card *c, const char *lang)
{
    card_worker *w = &c->workers[0];
    for (size_t k = 0; k < w->ntools; k++)
        if (!strcmp(w->tools[k].lang, lang)) return &w->tools[k];
    return NULL;
}

/* Point estimates and 95% bootstrap intervals over beads. */
static int bootstrap(tqe_card *c, card_tr *tr)
{
    tqe_card_summary *s = &tr->sum;
    const lang_tools *t = tools_of(c, tr->lang);
    measure(tr, t, NULL, &s->issues_per_kw, &s->chrf, &s->bleu);
    s->issues_per_kw_lo = s->issues_per_kw_hi = s->chrf_lo = s->chrf_hi = s->bleu_lo = s->bleu_hi =
        NAN;
    long n = c->o.bootstrap;
    if (n < 2 || tr->nbeads == 0) return TQE_OK;
    gsl_set_error_handler_off();
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    unsigned *w = calloc(tr->nbeads, sizeof(*w));
    double *v[3] = {malloc((size_t)n * sizeof(double)), malloc((size_t)n * sizeof(double)),
                    malloc((size_t)n * sizeof(double))};
    int rc = (!rng || !w || !v[0] || !v[1] || !v[2]) ? tqe_oom(c->ctx) : TQE_OK;
    if (!rc) gsl_rng_set(rng, c->o.seed);
    for (long j = 0; !rc && j < n; j++) {
        memset(w, 0, tr->nbeads * sizeof(*w));
        for (size_t b = 0; b < tr->nbeads; b++) w[gsl_rng_uniform_int(rng, tr->nbeads)]++;
        measure(tr, t, w, &v[0][j], &v[1][j], &v[2][j]);
    }
    if (!rc) {
        if (!isnan(s->issues_per_kw))
            tqe_interval95(v[0], (size_t)n, &s->issues_per_kw_lo, &s->issues_per_kw_hi);
        if (!isnan(s->chrf)) tqe_interval95(v[1], (size_t)n, &s->chrf_lo, &s->chrf_hi);
        if (!isnan(s->bleu)) tqe_interval95(v[2], (size_t)n, &s->bleu_lo, &s->bleu_hi);
    }
    gsl_rng_free(rng);
    free(w), free(v[0]), free(v[1]), free(v[2]);
    return rc;
}

/* Rank by chrF against the references when every translation has one,
 * else by issues per 1,000 source words (which compares across target
 * languages). A translation's rank is 1 + the number of translations whose
 * interval lies entirely on the better side of its own, so translations
 * with overlapping intervals share a rank. */
static void rank(tqe_card *c)
{
    bool by_chrf = c->ntr > 0;
    for (size_t t = 0; t < c->ntr; t++) by_chrf = by_chrf && !isnan(c->tr[t].sum.chrf_lo);
    c->ranked_by_chrf = by_chrf;
    for (size_t t = 0; t < c->ntr; t++) {
        tqe_card_summary *s = &c->tr[t].sum;
        size_t better = 0;
        for (size_t u = 0; u < c->ntr; u++) {
            const tqe_card_summary *o = &c->tr[u].sum;
            if (u == t) continue;
            if (by_chrf ? o->chrf_lo > s->chrf_hi
                        : (!isnan(o->issues_per_kw_hi) && !isnan(s->issues_per_kw_lo) &&
                           o->issues_per_kw_hi < s->issues_per_kw_lo))
                better++;
        }
        s->rank = better + 1;
    }
    for (size_t t = 0; t < c->ntr; t++)
        for (size_t u = 0; u < c->ntr; u++)
            if (u != t && c->tr[u].sum.rank == c->tr[t].sum.rank) c->tr[t].sum.rank_tied = 1;
}

int tqe_card_finish(tqe_card *c)
{
    if (c->finished) return TQE_OK;
    for (size_t t = 0; t < c->ntr; t++) {
        card_tr *tr = &c->tr[t];
        if (c->nextra && !(tr->extra_mean = calloc(c->nextra, sizeof(double))))
            return tqe_oom(c->ctx);
        for (size_t b = 0; b < tr->nbeads; b++) {
            card_bead *x = &tr->beads[b];
            x->pub.doc = x->doc;
            x->pub.src_text = x->src;
            x->pub.tgt_text = x->tgt;
            x->pub.ref_text = x->ref ? x->ref : "";
            x->pub.nissues = tqe_issue_list_count(x->issues);
            x->pub.issues = x->pub.nissues ? tqe_issue_list_get(x->issues, 0) : NULL;
            x->pub.extra = x->extra;
        }
        totals(tr, c->nextra);
        tr->sum.extra_mean = tr->extra_mean;
        int rc = bootstrap(c, tr);
        if (rc) return rc;
    }
    rank(c);
    c->finished = true;
    return TQE_OK;
}
