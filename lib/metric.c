/* metric.c - the generic tqe_metric interface and signatures. */
#include <stdio.h>

#include "metric.h"

int metric_alloc(tqe_metric **out, tqe_ctx *ctx, tqe_metric_kind kind, const metric_ops *ops,
                 size_t nstats, const char *name)
{
    tqe_metric *m = calloc(1, sizeof(*m));
    if (!m) return tqe_oom(ctx);
    m->ops = ops;
    m->kind = kind;
    m->ctx = ctx;
    m->nstats = nstats;
    snprintf(m->name, sizeof(m->name), "%s", name);
    *out = m;
    return TQE_OK;
}

int tqe_metric_new_bleu(tqe_metric **out, tqe_ctx *ctx, const tqe_bleu_options *o)
{
    assert(out && o);
    *out = NULL;
    if (o->version != TQE_BLEU_OPTIONS_VERSION)
        return tqe_err(ctx, TQE_EINVAL, "tqe_bleu_options version %u is not supported", o->version);
    return bleu_new(out, ctx, o);
}

int tqe_metric_new_chrf(tqe_metric **out, tqe_ctx *ctx, const tqe_chrf_options *o)
{
    assert(out && o);
    *out = NULL;
    if (o->version != TQE_CHRF_OPTIONS_VERSION)
        return tqe_err(ctx, TQE_EINVAL, "tqe_chrf_options version %u is not supported", o->version);
    return chrf_new(out, ctx, o);
}

int tqe_metric_new_ter(tqe_metric **out, tqe_ctx *ctx, const tqe_ter_options *o)
{
    assert(out && o);
    *out = NULL;
    if (o->version != TQE_TER_OPTIONS_VERSION)
        return tqe_err(ctx, TQE_EINVAL, "tqe_ter_options version %u is not supported", o->version);
    return ter_new(out, ctx, o);
}

void tqe_metric_free(tqe_metric *m)
{
    if (!m) return;
    if (m->ops->free_impl) m->ops->free_impl(m->impl);
    free(m);
}

tqe_metric_kind tqe_metric_kind_of(const tqe_metric *m)
{
    return m->kind;
}

const char *tqe_metric_name(const tqe_metric *m)
{
    return m->name;
}

size_t tqe_metric_nstats(const tqe_metric *m)
{
    return m->nstats;
}

/* Every metric steps over whole UTF-8 sequences when it strips, lowercases
 * and tokenizes: a broken one would make it read past the end. So the text
 * is checked here, once, for all of them. */
static int check_text(const tqe_metric *m, const char *s, size_t len, const char *what)
{
    size_t bad;
    if (!tqe_utf8_check(s, len, &bad)) return TQE_OK;
    return tqe_err(m->ctx, TQE_EUTF8, "%s: invalid UTF-8 or NUL at byte %zu of a %s", m->name, bad,
                   what);
}

static int check_refs(const tqe_metric *m, const char *const *refs, const size_t *lens,
                      size_t nrefs)
{
    int rc = TQE_OK;
    for (size_t r = 0; r < nrefs && !rc; r++) rc = check_text(m, refs[r], lens[r], "reference");
    return rc;
}

int tqe_metric_set_refs(tqe_metric *m, const char *const *refs, const size_t *lens, size_t nrefs)
{
    assert(nrefs >= 1);
    int rc = check_refs(m, refs, lens, nrefs);
    return rc ? rc : m->ops->set_refs(m, refs, lens, nrefs, false);
}

int tqe_metric_hyp_stats(tqe_metric *m, double *out, const char *hyp, size_t len)
{
    int rc = check_text(m, hyp, len, "hypothesis");
    return rc ? rc : m->ops->hyp_stats(m, out, hyp, len);
}

int tqe_metric_segment_stats(tqe_metric *m, double *out, const char *hyp, size_t len,
                             const char *const *refs, const size_t *lens, size_t nrefs)
{
    assert(nrefs >= 1);
    int rc = check_refs(m, refs, lens, nrefs);
    if (!rc) rc = check_text(m, hyp, len, "hypothesis");
    if (!rc) rc = m->ops->set_refs(m, refs, lens, nrefs, true);
    return rc ? rc : m->ops->hyp_stats(m, out, hyp, len);
}

void tqe_metric_score(const tqe_metric *m, tqe_score *out, const double *stats)
{
    memset(out, 0, sizeof(*out));
    m->ops->score(m, out, stats);
}

int sig_field(tqe_buf *out, int short_form, const char *key, const char *abbr, const char *value)
{
    if (out->len && tqe_buf_append(out, "|", 1)) return TQE_ENOMEM;
    return tqe_buf_printf(out, "%s:%s", short_form ? abbr : key, value);
}

/* sacreBLEU's order: nrefs, bs, ar, seed, the metric's fields, version last. */
int tqe_metric_signature(tqe_buf *out, const tqe_metric *m, const tqe_signature_info *info)
{
    tqe_signature_info def = TQE_SIGNATURE_INFO_INIT;
    if (!info) info = &def;
    int s = info->short_form;
    char v[64];
    tqe_buf_clear(out);
    if (info->nrefs < 0)
        snprintf(v, sizeof(v), "var");
    else
        snprintf(v, sizeof(v), "%d", info->nrefs);
    int rc = sig_field(out, s, "nrefs", "#", v);
    if (!rc && info->bs > 0) {
        snprintf(v, sizeof(v), "%ld", info->bs);
        rc = sig_field(out, s, "bs", "bs", v);
    }
    if (!rc && info->ar > 0) {
        snprintf(v, sizeof(v), "%ld", info->ar);
        rc = sig_field(out, s, "ar", "ar", v);
    }
    if (!rc && info->seed) rc = sig_field(out, s, "seed", "rs", info->seed);
    if (!rc) rc = m->ops->signature(out, m, s);
    if (!rc) {
        if (info->version)
            rc = sig_field(out, s, "version", "v", info->version);
        else
            rc = sig_field(out, s, "version", "v", "tqe-" TQE_VERSION_STRING);
    }
    return rc ? tqe_oom(m->ctx) : TQE_OK;
}
