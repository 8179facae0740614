/* metric.h - the inside of a tqe_metric: one vtable per metric kind. */
#ifndef TQE_METRIC_H
#define TQE_METRIC_H

#include "internal.h"

typedef struct metric_ops {
    /* With `borrow`, the texts outlive the next hyp_stats call (and only it):
     * a metric may point into them instead of copying. */
    int (*set_refs)(tqe_metric *m, const char *const *refs, const size_t *lens, size_t n,
                    bool borrow);
    int (*hyp_stats)(tqe_metric *m, double *out, const char *hyp, size_t len);
    void (*score)(const tqe_metric *m, tqe_score *out, const double *stats);
    /* Append the metric's own "key:value" fields (each preceded by '|'). */
    int (*signature)(tqe_buf *out, const tqe_metric *m, int short_form);
    void (*free_impl)(void *impl);
} metric_ops;

struct tqe_metric {
    const metric_ops *ops;
    tqe_metric_kind kind;
    tqe_ctx *ctx; /* where errors of set_refs/hyp_stats are reported */
    size_t nstats;
    char name[24];
    void *impl;
};

/* Allocate the shell of a metric; the caller fills impl. */
int metric_alloc(tqe_metric **out, tqe_ctx *ctx, tqe_metric_kind kind, const metric_ops *ops,
                 size_t nstats, const char *name);
/* Append "|key:value" with the long or short key. */
int sig_field(tqe_buf *out, int short_form, const char *key, const char *abbr, const char *value);

int bleu_new(tqe_metric **out, tqe_ctx *ctx, const tqe_bleu_options *o);
int chrf_new(tqe_metric **out, tqe_ctx *ctx, const tqe_chrf_options *o);
int ter_new(tqe_metric **out, tqe_ctx *ctx, const tqe_ter_options *o);

#endif
