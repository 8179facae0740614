/* card_beads.c - one document of one translation: align it with the
 * source, then check and score every bead. Runs on a worker thread: it reads
 * the card (options, thresholds) and writes only its worker's tools and
 * context and the beads it is given. */
#include <math.h>
#include <stdio.h>

#include "card_impl.h"

void card_free_tools(lang_tools *t)
{
    tqe_checker_free(t->checker);
    tqe_aligner_free(t->aligner);
    tqe_metric_free(t->chrf);
    tqe_metric_free(t->bleu_corpus);
    tqe_metric_free(t->bleu_sent);
}

void card_free_beads(card_bead *v, size_t n)
{
    for (size_t b = 0; b < n; b++) {
        card_bead *x = &v[b];
        free(x->doc), free(x->src), free(x->tgt), free(x->ref), free(x->extra);
        tqe_issue_list_free(x->issues);
    }
}

static int open_tools(const tqe_card *c, card_worker *wk, lang_tools *t, const char *lang)
{
    snprintf(t->lang, sizeof(t->lang), "%s", lang);
    tqe_check_options co = TQE_CHECK_OPTIONS_INIT;
    co.src_lang = c->o.src_lang;
    co.tgt_lang = lang;
    co.data_dir = c->o.data_dir;
    co.glossary = c->o.glossary;
    tqe_chrf_options ch = TQE_CHRF_OPTIONS_INIT;
    tqe_bleu_options bl = TQE_BLEU_OPTIONS_INIT;
    bl.tokenize = tqe_tokenizer_for_lang(lang);
    int rc = tqe_checker_new(&t->checker, wk->ctx, &co);
    if (!rc) rc = tqe_aligner_new(&t->aligner, wk->ctx, c->o.src_lang, lang, c->o.data_dir, NULL);
    if (!rc) rc = tqe_metric_new_chrf(&t->chrf, wk->ctx, &ch);
    if (!rc) rc = tqe_metric_new_bleu(&t->bleu_corpus, wk->ctx, &bl);
    bl.effective_order = 1;
    if (!rc) rc = tqe_metric_new_bleu(&t->bleu_sent, wk->ctx, &bl);
    return rc;
}

int card_tools_for(const tqe_card *c, card_worker *wk, const char *lang, lang_tools **out)
{
    for (size_t k = 0; k < wk->ntools; k++)
        if (!strcmp(wk->tools[k].lang, lang)) {
            *out = &wk->tools[k];
            return TQE_OK;
        }
    if (tqe_grow((void **)&wk->tools, &wk->cap_tools, wk->ntools + 1, sizeof(*wk->tools)))
        return tqe_oom(wk->ctx);
    lang_tools *t = &wk->tools[wk->ntools];
    memset(t, 0, sizeof(*t));
    int rc = open_tools(c, wk, t, lang);
    if (rc) {
        card_free_tools(t);
        return rc;
    }
    wk->ntools++;
    *out = t;
    return TQE_OK;
}

/* Paragraphs [start, start+count) of a document joined by "\n" (malloc'd). */
static char *join_paras(const tqe_doc *d, size_t start, size_t count)
{
    size_t len = 1;
    for (size_t k = 0; k < count; k++) len += d->paras[start + k].len + 1;
    char *s = malloc(len), *o = s;
    if (!s) return NULL;
    for (size_t k = 0; k < count; k++) {
        if (k) *o++ = '\n';
        memcpy(o, d->paras[start + k].text, d->paras[start + k].len);
        o += d->paras[start + k].len;
    }
    *o = '\0';
    return s;
}

int card_map_reference(const tqe_card *c, card_worker *wk, const char *lang, const tqe_doc *s,
                       const tqe_doc *r, ref_map *m)
{
    lang_tools *t = NULL;
    int rc = card_tools_for(c, wk, lang, &t);
    if (rc) return rc;
    m->doc = r;
    m->lo = calloc(s->n + 1, sizeof(size_t));
    m->hi = calloc(s->n + 1, sizeof(size_t));
    if (!m->lo || !m->hi) return tqe_oom(wk->ctx);
    if (!r || !r->n) return TQE_OK;
    const tqe_bead *b;
    size_t nb;
    rc = tqe_align_docs(t->aligner, s, r, &b, &nb);
    for (size_t k = 0; !rc && k < nb; k++)
        for (size_t i = b[k].src_start; b[k].tgt_count && i < b[k].src_start + b[k].src_count;
             i++) {
            m->lo[i] = b[k].tgt_start;
            m->hi[i] = b[k].tgt_start + b[k].tgt_count;
        }
    return rc;
}

/* The reference text of source paragraphs [a, a+n): the reference
 * paragraphs aligned with any of them, joined (malloc'd; "" if none). */
static char *reference_text(const ref_map *m, size_t a, size_t n)
{
    size_t lo = SIZE_MAX, hi = 0;
    for (size_t i = a; m->doc && i < a + n; i++)
        if (m->hi[i] > m->lo[i]) {
            lo = TQE_MIN(lo, m->lo[i]);
            hi = TQE_MAX(hi, m->hi[i]);
        }
    if (lo == SIZE_MAX) return tqe_strndup("", 0);
    return join_paras(m->doc, lo, hi - lo);
}

void card_free_map(ref_map *m)
{
    free(m->lo), free(m->hi);
    m->lo = m->hi = NULL;
}

typedef struct bead_job {
    const tqe_doc *sd, *td;
    const tqe_bead *bd;
    size_t index;
    const ref_map *const *maps;
    size_t nrefs;
    size_t tgt_base; /* index of the document's first paragraph in the translation file */
    const double *const *extra;
    const size_t *nextra;
} bead_job;

static int explicit_issue(card_worker *wk, card_bead *x, const bead_job *j)
{
    const tqe_bead *bd = j->bd;
    char detail[256];
    if (bd->tgt_count == 0)
        snprintf(detail, sizeof(detail),
                 "source paragraph%s %zu%s%.0zu has no counterpart in the translation (omitted)",
                 bd->src_count > 1 ? "s" : "", bd->src_start + 1, bd->src_count > 1 ? "-" : "",
                 bd->src_count > 1 ? bd->src_start + bd->src_count : 0);
    else
        snprintf(detail, sizeof(detail),
                 "translation paragraph%s %zu%s%.0zu has no counterpart in the source (added)",
                 bd->tgt_count > 1 ? "s" : "", bd->tgt_start + 1, bd->tgt_count > 1 ? "-" : "",
                 bd->tgt_count > 1 ? bd->tgt_start + bd->tgt_count : 0);
    size_t sl = strlen(x->src), tl = strlen(x->tgt);
    int rc = tqe_issue_list_add(x->issues, bd->tgt_count ? TQE_ISSUE_ADDITION : TQE_ISSUE_OMISSION,
                                sl ? 0 : TQE_NO_SPAN, sl ? sl : TQE_NO_SPAN, tl ? 0 : TQE_NO_SPAN,
                                tl ? tl : TQE_NO_SPAN, x->src, x->tgt, detail);
    return rc ? tqe_oom(wk->ctx) : TQE_OK;
}

/* A length finding: a bead with one side empty gets explicit_issue's
 * "no counterpart" instead. */
static bool length_issue(const tqe_issue *it, void *arg)
{
    (void)arg;
    return it->type == TQE_ISSUE_OMISSION || it->type == TQE_ISSUE_ADDITION;
}

static int check_bead(card_worker *wk, lang_tools *t, card_bead *x, const bead_job *j)
{
    size_t sl = strlen(x->src), tl = strlen(x->tgt);
    tqe_check_counts k;
    memset(&k, 0, sizeof(k));
    int rc = tqe_checker_run(t->checker, x->issues, x->src, sl, x->tgt, tl, &k, NULL);
    x->pub.numbers = k.numbers;
    x->pub.entities = k.entities;
    x->pub.src_words = k.src_words;
    x->pub.tgt_words = k.tgt_words;
    if (rc || (j->bd->src_count && j->bd->tgt_count)) return rc;
    issue_list_remove_if(x->issues, 0, length_issue, NULL);
    return explicit_issue(wk, x, j);
}

static double sentence_score(const tqe_metric *m, const double *st)
{
    tqe_score sc;
    tqe_metric_score(m, &sc, st);
    return sc.score;
}

/* Reference metrics of the bead, and its statistics for the corpus scores. */
static int score_bead(card_worker *wk, lang_tools *t, card_bead *x, const bead_job *j)
{
    x->pub.chrf_vs_ref = x->pub.bleu_vs_ref = x->pub.chrf_vs_src = NAN;
    const tqe_bead *bd = j->bd;
    size_t tl = strlen(x->tgt);
    if (bd->src_count && bd->tgt_count) {
        size_t sl = strlen(x->src);
        const char *r[1] = {x->src};
        /* the same chrF as against the references, which are set below */
        int rc = tqe_metric_set_refs(t->chrf, r, &sl, 1);
        double st[18];
        if (!rc) rc = tqe_metric_hyp_stats(t->chrf, st, x->tgt, tl);
        if (rc) return rc;
        x->pub.chrf_vs_src = sentence_score(t->chrf, st);
    }
    if (!j->nrefs) return TQE_OK;
    const char **refs = calloc(j->nrefs, sizeof(*refs));
    size_t *lens = calloc(j->nrefs, sizeof(*lens));
    int rc = (!refs || !lens) ? tqe_oom(wk->ctx) : TQE_OK;
    bool any = false;
    char **texts = calloc(j->nrefs, sizeof(*texts));
    for (size_t k = 0; !rc && k < j->nrefs; k++) {
        texts[k] = bd->src_count ? reference_text(j->maps[k], bd->src_start, bd->src_count)
                                 : tqe_strndup("", 0);
        if (!texts[k])
            rc = tqe_oom(wk->ctx);
        else
            refs[k] = texts[k], lens[k] = strlen(texts[k]), any = any || lens[k];
    }
    if (!rc) rc = tqe_metric_set_refs(t->chrf, refs, lens, j->nrefs);
    if (!rc) rc = tqe_metric_hyp_stats(t->chrf, x->st.chrf, x->tgt, tl);
    if (!rc) rc = tqe_metric_set_refs(t->bleu_corpus, refs, lens, j->nrefs);
    if (!rc) rc = tqe_metric_hyp_stats(t->bleu_corpus, x->st.bleu, x->tgt, tl);
    x->st.has_ref = !rc;
    if (!rc && any && bd->src_count && bd->tgt_count) {
        x->pub.chrf_vs_ref = sentence_score(t->chrf, x->st.chrf);
        x->pub.bleu_vs_ref = sentence_score(t->bleu_sent, x->st.bleu);
    }
    if (!rc && texts[0]) {
        x->ref = texts[0];
        texts[0] = NULL;
    }
    for (size_t k = 0; texts && k < j->nrefs; k++) free(texts[k]);
    free(texts), free(refs), free(lens);
    return rc;
}

static int extra_scores(const tqe_card *c, card_worker *wk, card_bead *x, const bead_job *j)
{
    if (!c->nextra) return TQE_OK;
    if (!(x->extra = malloc(c->nextra * sizeof(double)))) return tqe_oom(wk->ctx);
    for (size_t k = 0; k < c->nextra; k++) {
        double sum = 0;
        size_t n = 0;
        for (size_t p = 0; j->extra && j->extra[k] && p < j->bd->tgt_count; p++) {
            size_t at = j->tgt_base + j->bd->tgt_start + p;
            if (at < j->nextra[k] && !isnan(j->extra[k][at])) sum += j->extra[k][at], n++;
        }
        x->extra[k] = n ? sum / (double)n : NAN;
    }
    return TQE_OK;
}

static int add_bead(const tqe_card *c, card_worker *wk, bead_vec *out, lang_tools *t,
                    const bead_job *j)
{
    if (tqe_grow((void **)&out->v, &out->cap, out->n + 1, sizeof(*out->v))) return tqe_oom(wk->ctx);
    card_bead *x = &out->v[out->n++];
    memset(x, 0, sizeof(*x));
    const tqe_doc *d = j->sd ? j->sd : j->td;
    x->doc = tqe_strndup(d->id, strlen(d->id));
    x->src = j->sd ? join_paras(j->sd, j->bd->src_start, j->bd->src_count) : tqe_strndup("", 0);
    x->tgt = j->td ? join_paras(j->td, j->bd->tgt_start, j->bd->tgt_count) : tqe_strndup("", 0);
    if (!x->doc || !x->src || !x->tgt || tqe_issue_list_new(&x->issues)) return tqe_oom(wk->ctx);
    int rc = check_bead(wk, t, x, j);
    if (!rc) rc = score_bead(wk, t, x, j);
    if (!rc) rc = extra_scores(c, wk, x, j);
    if (rc) return rc;
    x->pub.index = j->index;
    x->pub.bead = *j->bd;
    x->pub.grade = card_grade(&c->th, x);
    return TQE_OK;
}

/* Align one document pair (or make 1-0 / 0-1 beads when a side is missing)
 * and add its beads. */
int card_add_doc(const tqe_card *c, card_worker *wk, bead_vec *out, const card_doc_job *dj)
{
    lang_tools *t = NULL;
    int rc = card_tools_for(c, wk, dj->lang, &t);
    if (rc) return rc;
    const tqe_doc *sd = dj->sd, *td = dj->td;
    size_t nrefs = sd ? dj->nrefs : 0;
    /* The name finder's context is this document, whatever ran before. */
    tqe_checker_clear_context(t->checker);
    for (size_t i = 0; !rc && sd && i < sd->n; i++)
        rc = tqe_checker_add_context(t->checker, sd->paras[i].text, sd->paras[i].len);
    if (rc) return rc;
    bead_job jb = {0}, *job = &jb;
    job->extra = dj->extra, job->nextra = dj->nextra, job->tgt_base = dj->tgt_base;
    tqe_bead *own = NULL;
    const tqe_bead *b = NULL;
    size_t nb = 0, m = sd ? sd->n : 0, n = td ? td->n : 0;
    if (!rc && m && n) {
        rc = tqe_align_docs(t->aligner, sd, td, &b, &nb);
    } else if (!rc && (m || n)) {
        /* A document only one side has: every paragraph omitted or added. */
        own = calloc(m + n, sizeof(*own));
        if (!own) rc = tqe_oom(wk->ctx);
        for (size_t i = 0; !rc && i < m; i++)
            own[nb++] = (tqe_bead){TQE_BEAD_1_0, i, 1, 0, 0, 1.0, 0};
        for (size_t i = 0; !rc && i < n; i++)
            own[nb++] = (tqe_bead){TQE_BEAD_0_1, m, 0, i, 1, 1.0, 0};
        b = own;
    }
    /* b may be the aligner's own beads: nothing below aligns (the reference
     * maps were made in the first pass), so they stay valid. */
    job->sd = sd, job->td = td, job->maps = dj->maps, job->nrefs = nrefs;
    for (size_t k = 0; !rc && k < nb; k++) {
        job->bd = &b[k];
        job->index = k;
        rc = add_bead(c, wk, out, t, job);
    }
    free(own);
    return rc;
}
