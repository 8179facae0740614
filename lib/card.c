/* card.c - per-paragraph scorecards: align each translation with the source,
 * then check and score every bead.
 *
 * A bead's reference is what the references put against the same source
 * paragraphs: every reference is aligned with the source too, since
 * reference translators merge and split paragraphs as well; once per source
 * document and reference, in a first pass, however many translations share
 * them. */
#include <math.h>
#include <pthread.h>
#include <stdio.h>

#include "card_impl.h"
#include "strtab.h"

int tqe_card_new(tqe_card **out, tqe_ctx *ctx, const tqe_card_options *o)
{
    *out = NULL;
    if (o->version != TQE_CARD_OPTIONS_VERSION)
        return tqe_err(ctx, TQE_EINVAL, "tqe_card_options version %u is not supported", o->version);
    if (!o->data_dir) return tqe_err(ctx, TQE_EINVAL, "the scorecard needs the data directory");
    tqe_card *c = calloc(1, sizeof(*c));
    if (!c || !(c->workers = calloc(1, sizeof(*c->workers)))) {
        free(c);
        return tqe_oom(ctx);
    }
    c->ctx = ctx;
    c->o = *o;
    if (c->o.jobs < 1) c->o.jobs = 1;
    c->workers[0].ctx = ctx;
    c->nworkers = 1;
    if (!c->o.src_lang) c->o.src_lang = "en";
    if (o->thresholds)
        c->th = *o->thresholds;
    else
        tqe_thresholds_default(&c->th);
    *out = c;
    return TQE_OK;
}

static void free_worker(card_worker *w, bool own_ctx)
{
    for (size_t k = 0; k < w->ntools; k++) card_free_tools(&w->tools[k]);
    free(w->tools);
    if (own_ctx) tqe_ctx_free(w->ctx);
}

static void free_translation(card_tr *tr)
{
    card_free_beads(tr->beads, tr->nbeads);
    free(tr->beads), free(tr->name), free(tr->lang), free(tr->extra_mean);
}

void tqe_card_free(tqe_card *c)
{
    if (!c) return;
    for (size_t t = 0; t < c->ntr; t++) free_translation(&c->tr[t]);
    free(c->tr);
    for (size_t k = 0; k < c->nworkers; k++) free_worker(&c->workers[k], k > 0);
    free(c->workers);
    for (size_t k = 0; k < c->nextra; k++) free(c->extra_names[k]);
    free(c->extra_names);
    free(c->source_name);
    free(c);
}

int tqe_card_add_extra_column(tqe_card *c, const char *name)
{
    char **p = realloc(c->extra_names, (c->nextra + 1) * sizeof(*p));
    if (!p) return tqe_oom(c->ctx);
    c->extra_names = p;
    if (!(p[c->nextra] = tqe_strndup(name, strlen(name)))) return tqe_oom(c->ctx);
    return (int)c->nextra++;
}

/* ---- translations, split into documents run on worker threads ---- */

/* The alignment of a source document with a reference document. */
typedef struct ref_slot {
    const char *lang;
    const tqe_doc *sd, *rd;
    ref_map m;
} ref_slot;

/* One document of one translation (or, in the first pass, one ref_slot to
 * fill), and what came of it. */
typedef struct card_unit {
    size_t tr; /* index in c->tr */
    card_doc_job job;
    size_t *slot;         /* the job's references: indexes into the slots */
    const ref_map **maps; /* ... and their maps, once the slots are final */
    ref_slot *fill;       /* first pass: the slot this unit aligns */
    size_t weight;        /* source paragraphs, for progress */
    bead_vec out;
    int status;
    char *err;
} card_unit;

/* The (source document, reference document, language) triples of a call,
 * each aligned once. */
typedef struct ref_slots {
    ref_slot *v;
    size_t n, cap;
    strtab index; /* the triple's bytes -> index in v */
} ref_slots;

static int slot_for(ref_slots *rs, const char *lang, const tqe_doc *sd, const tqe_doc *rd,
                    size_t *out)
{
    char key[2 * sizeof(void *) + 64];
    size_t ll = strlen(lang) < 64 ? strlen(lang) : 64;
    memcpy(key, &sd, sizeof(sd));
    memcpy(key + sizeof(sd), &rd, sizeof(rd));
    memcpy(key + 2 * sizeof(void *), lang, ll);
    uint32_t i;
    int fresh = strtab_put(&rs->index, key, 2 * sizeof(void *) + ll, 0, &i);
    if (fresh < 0) return TQE_ENOMEM;
    if (fresh == 0) {
        if (tqe_grow((void **)&rs->v, &rs->cap, rs->n + 1, sizeof(*rs->v))) return TQE_ENOMEM;
        rs->v[rs->n++] = (ref_slot){lang, sd, rd, {NULL, NULL, NULL}};
    }
    *out = i;
    return TQE_OK;
}

static void slots_free(ref_slots *rs)
{
    for (size_t i = 0; i < rs->n; i++) card_free_map(&rs->v[i].m);
    free(rs->v);
    strtab_free(&rs->index);
}

typedef struct card_pool {
    tqe_card *c;
    ref_slots *slots; /* the reference alignments the documents need */
    card_unit *u;
    size_t n, cap;
    size_t next;        /* the next unit to take */
    size_t done, total; /* source paragraphs, for progress */
    bool failed;
    pthread_mutex_t mu;
    void (*progress)(void *arg, double done);
    void *arg;
} card_pool;

static int add_unit(card_pool *p, size_t tr, const tqe_card_input *in, const tqe_doc *sd,
                    const tqe_doc *td, size_t tgt_base)
{
    if (tqe_grow((void **)&p->u, &p->cap, p->n + 1, sizeof(*p->u))) return tqe_oom(p->c->ctx);
    card_unit *u = &p->u[p->n++];
    memset(u, 0, sizeof(*u));
    u->tr = tr;
    u->weight = sd ? sd->n : 0;
    p->total += u->weight;
    size_t nrefs = sd ? in->nrefs : 0;
    if (nrefs && !(u->slot = calloc(nrefs, sizeof(*u->slot)))) return tqe_oom(p->c->ctx);
    for (size_t k = 0; k < nrefs; k++)
        if (slot_for(p->slots, in->lang, sd, tqe_docset_find(in->refs[k], sd->id), &u->slot[k]))
            return tqe_oom(p->c->ctx);
    u->job = (card_doc_job){in->lang, sd, td, NULL, nrefs, tgt_base, in->extra, in->nextra};
    return TQE_OK;
}

/* The units of one translation: the source's documents in order, then the
 * documents only the translation has. Docsets are read here, on the
 * caller's thread (their views are built on first use). */
static int plan_translation(card_pool *p, size_t tr, const tqe_docset *src,
                            const tqe_card_input *in)
{
    int rc = TQE_OK;
    for (size_t d = 0; !rc && d < tqe_docset_count(src); d++) {
        const tqe_doc *sd = tqe_docset_get(src, d), *td = tqe_docset_find(in->tgt, sd->id);
        /* A docset's paragraphs are one array in document order: the
         * document's first paragraph is its index (no walk over the
         * documents before it, quadratic for many one-line documents). */
        size_t base = td ? (size_t)(td->paras - tqe_docset_get(in->tgt, 0)->paras) : 0;
        rc = add_unit(p, tr, in, sd, td, base);
    }
    size_t base = 0;
    for (size_t e = 0; !rc && e < tqe_docset_count(in->tgt); e++) {
        const tqe_doc *td = tqe_docset_get(in->tgt, e);
        if (!tqe_docset_find(src, td->id)) rc = add_unit(p, tr, in, NULL, td, base);
        base += td->n;
    }
    return rc;
}

static void run_unit(card_pool *p, card_worker *wk, card_unit *u)
{
    const ref_slot *f = u->fill;
    u->status = f ? card_map_reference(p->c, wk, f->lang, f->sd, f->rd, &u->fill->m)
                  : card_add_doc(p->c, wk, &u->out, &u->job);
    if (u->status) {
        const char *msg = tqe_ctx_errmsg(wk->ctx);
        u->err = tqe_strndup(msg, strlen(msg));
    }
    pthread_mutex_lock(&p->mu);
    p->done += u->weight;
    p->failed = p->failed || u->status;
    if (p->progress) p->progress(p->arg, p->total ? (double)p->done / (double)p->total : 1.0);
    pthread_mutex_unlock(&p->mu);
}

typedef struct worker_arg {
    card_pool *p;
    card_worker *wk;
} worker_arg;

/* Take units in order until none is left or one failed. */
static void *work(void *arg)
{
    worker_arg *w = arg;
    card_pool *p = w->p;
    for (;;) {
        pthread_mutex_lock(&p->mu);
        size_t i = p->failed ? p->n : p->next++;
        pthread_mutex_unlock(&p->mu);
        if (i >= p->n) return NULL;
        run_unit(p, w->wk, &p->u[i]);
    }
}

/* Workers 1.. with their own contexts, kept for later calls. */
static int ensure_workers(tqe_card *c, size_t want)
{
    if (want <= c->nworkers) return TQE_OK;
    card_worker *w = realloc(c->workers, want * sizeof(*w));
    if (!w) return tqe_oom(c->ctx);
    c->workers = w;
    for (; c->nworkers < want; c->nworkers++) {
        memset(&w[c->nworkers], 0, sizeof(*w));
        if (tqe_ctx_new(&w[c->nworkers].ctx)) return tqe_oom(c->ctx);
    }
    return TQE_OK;
}

static void run_pool(card_pool *p, size_t nthreads)
{
    pthread_t th[TQE_CARD_MAX_JOBS];
    worker_arg args[TQE_CARD_MAX_JOBS];
    size_t started = 1;
    for (size_t k = 0; k < nthreads; k++) args[k] = (worker_arg){p, &p->c->workers[k]};
    for (size_t k = 1; k < nthreads; k++, started++)
        if (pthread_create(&th[k], NULL, work, &args[k]) != 0) break;
    work(&args[0]);
    for (size_t k = 1; k < started; k++) pthread_join(th[k], NULL);
}

/* Move every unit's beads into its translation, in unit order; on failure,
 * report the first failed unit's error. */
static int collect(card_pool *p)
{
    tqe_card *c = p->c;
    for (size_t i = 0; i < p->n; i++)
        if (p->u[i].status)
            return tqe_err(c->ctx, p->u[i].status, "%s", p->u[i].err ? p->u[i].err : "failed");
    for (size_t i = 0; i < p->n; i++) {
        card_unit *u = &p->u[i];
        card_tr *tr = &c->tr[u->tr];
        if (u->out.n &&
            tqe_grow((void **)&tr->beads, &tr->cap, tr->nbeads + u->out.n, sizeof(*tr->beads)))
            return tqe_oom(c->ctx);
        if (u->out.n) memcpy(tr->beads + tr->nbeads, u->out.v, u->out.n * sizeof(*u->out.v));
        tr->nbeads += u->out.n;
        free(u->out.v);
        u->out = (bead_vec){NULL, 0, 0};
    }
    return TQE_OK;
}

static void free_pool(card_pool *p)
{
    for (size_t i = 0; i < p->n; i++) {
        card_free_beads(p->u[i].out.v, p->u[i].out.n);
        free(p->u[i].out.v), free(p->u[i].slot), free(p->u[i].maps), free(p->u[i].err);
    }
    free(p->u);
    pthread_mutex_destroy(&p->mu);
}

static int open_translation(tqe_card *c, const tqe_card_input *in)
{
    lang_tools *t; /* worker 0's tools serve the summaries: open them here */
    int rc = card_tools_for(c, &c->workers[0], in->lang, &t);
    if (rc) return rc;
    if (tqe_grow((void **)&c->tr, &c->cap_tr, c->ntr + 1, sizeof(*c->tr))) return tqe_oom(c->ctx);
    card_tr *tr = &c->tr[c->ntr++];
    memset(tr, 0, sizeof(*tr));
    tr->name = tqe_strndup(in->name, strlen(in->name));
    tr->lang = tqe_strndup(in->lang, strlen(in->lang));
    return tr->name && tr->lang ? TQE_OK : tqe_oom(c->ctx);
}

int tqe_card_add_translations(tqe_card *c, const tqe_docset *src, const tqe_card_input *in,
                              size_t n, void (*progress)(void *arg, double done), void *arg)
{
    if (c->finished) return tqe_err(c->ctx, TQE_EINVAL, "the scorecard is already finished");
    if (!c->source_name &&
        !(c->source_name = tqe_strndup(tqe_docset_name(src), strlen(tqe_docset_name(src)))))
        return tqe_oom(c->ctx);
    ref_slots rs;
    memset(&rs, 0, sizeof(rs));
    card_pool maps, p;
    memset(&maps, 0, sizeof(maps));
    memset(&p, 0, sizeof(p));
    maps.c = p.c = c, maps.slots = p.slots = &rs;
    p.progress = progress, p.arg = arg;
    if (pthread_mutex_init(&p.mu, NULL))
        return tqe_err(c->ctx, TQE_ENOMEM, "cannot create a mutex");
    if (pthread_mutex_init(&maps.mu, NULL)) {
        pthread_mutex_destroy(&p.mu);
        return tqe_err(c->ctx, TQE_ENOMEM, "cannot create a mutex");
    }
    size_t first = c->ntr;
    int rc = TQE_OK;
    for (size_t k = 0; !rc && k < n; k++) rc = open_translation(c, &in[k]);
    for (size_t k = 0; !rc && k < n; k++) rc = plan_translation(&p, first + k, src, &in[k]);
    size_t nthreads = TQE_MIN(TQE_MIN((size_t)c->o.jobs, p.n), (size_t)TQE_CARD_MAX_JOBS);
    if (!rc) rc = ensure_workers(c, TQE_MAX(nthreads, 1));
    /* First pass: the reference alignments, now that the slots are final. */
    for (size_t i = 0; !rc && i < rs.n; i++) {
        if (tqe_grow((void **)&maps.u, &maps.cap, maps.n + 1, sizeof(*maps.u)))
            rc = tqe_oom(c->ctx);
        if (!rc) memset(&maps.u[maps.n], 0, sizeof(*maps.u)), maps.u[maps.n++].fill = &rs.v[i];
    }
    if (!rc && maps.n) run_pool(&maps, TQE_MAX(TQE_MIN(nthreads, maps.n), 1));
    if (!rc) rc = collect(&maps);
    for (size_t i = 0; !rc && i < p.n; i++) {
        card_unit *u = &p.u[i];
        if (!u->job.nrefs) continue;
        if (!(u->maps = calloc(u->job.nrefs, sizeof(*u->maps)))) rc = tqe_oom(c->ctx);
        for (size_t k = 0; !rc && k < u->job.nrefs; k++) u->maps[k] = &rs.v[u->slot[k]].m;
        u->job.maps = u->maps;
    }
    if (!rc) run_pool(&p, TQE_MAX(nthreads, 1));
    if (!rc) rc = collect(&p);
    free_pool(&maps);
    free_pool(&p);
    slots_free(&rs);
    if (rc) { /* leave the card as it was */
        while (c->ntr > first) free_translation(&c->tr[--c->ntr]);
    }
    return rc;
}

int tqe_card_add_translation(tqe_card *c, const char *name, const char *lang, const tqe_docset *src,
                             const tqe_docset *tgt, const tqe_docset *const *refs, size_t nrefs,
                             const double *const *extra, const size_t *nextra,
                             void (*progress)(void *arg, double done), void *arg)
{
    tqe_card_input in = {name, lang, tgt, refs, nrefs, extra, nextra};
    return tqe_card_add_translations(c, src, &in, 1, progress, arg);
}

size_t tqe_card_count(const tqe_card *c)
{
    return c->ntr;
}

const tqe_card_summary *tqe_card_summary_get(const tqe_card *c, size_t t)
{
    assert(t < c->ntr);
    return &c->tr[t].sum;
}

size_t tqe_card_bead_count(const tqe_card *c, size_t t)
{
    assert(t < c->ntr);
    return c->tr[t].nbeads;
}

const tqe_card_bead *tqe_card_bead_get(const tqe_card *c, size_t t, size_t i)
{
    assert(t < c->ntr && i < c->tr[t].nbeads);
    return &c->tr[t].beads[i].pub;
}

size_t tqe_card_extra_count(const tqe_card *c)
{
    return c->nextra;
}

const char *tqe_card_extra_name(const tqe_card *c, size_t k)
{
    assert(k < c->nextra);
    return c->extra_names[k];
}

const char *tqe_card_source_name(const tqe_card *c)
{
    return c->source_name ? c->source_name : "";
}
