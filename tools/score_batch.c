/* score_batch.c - `tqe score --jobs`: segments are read in batches, their
 * statistics computed by worker threads (each with its own metrics) over
 * contiguous ranges, then folded into the run in segment order on the
 * calling thread. Sums, stored statistics, -sl lines and --stats-out rows
 * are therefore the same whatever the number of threads. */
#include <stdlib.h>
#include <string.h>

#include "parallel.h"
#include "score_run.h"

int score_batch_add(run *r)
{
    seg_batch *b = &r->batch;
    size_t per = 2 * (r->nrefs + r->nsys);
    if ((b->n + 1) * per > b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 1024 * per;
        size_t *p = realloc(b->at, cap * sizeof(*p));
        if (!p) return EXIT_INTERNAL;
        b->at = p, b->cap = cap;
    }
    size_t *x = b->at + b->n * per;
    for (size_t k = 0; k < r->nrefs; k++, x += 2) {
        x[0] = b->text.len, x[1] = r->ref_len[k];
        if (tqe_buf_append(&b->text, r->ref_ptr[k], r->ref_len[k])) return EXIT_INTERNAL;
    }
    for (size_t s = 0; s < r->nsys; s++, x += 2) {
        x[0] = b->text.len, x[1] = r->sys[s].len;
        if (tqe_buf_append(&b->text, r->sys[s].line, r->sys[s].len)) return EXIT_INTERNAL;
    }
    b->n++;
    return 0;
}

/* Statistics of segments [begin, end) into their rows, with worker w's metrics. */
static int score_range(void *arg, size_t wi, size_t begin, size_t end)
{
    run *r = arg;
    seg_batch *b = &r->batch;
    score_worker *w = &r->workers[wi];
    size_t per = 2 * (r->nrefs + r->nsys);
    for (size_t i = begin; i < end; i++) {
        const size_t *x = b->at + i * per, *h = x + 2 * r->nrefs;
        double *row = b->rows + i * r->row_size;
        for (size_t k = 0; k < r->nrefs; k++)
            w->rp[k] = b->text.data + x[2 * k], w->rl[k] = x[2 * k + 1];
        for (int m = 0; m < M_COUNT; m++) {
            if (!w->m[m]) continue;
            int st;
            if (r->nsys == 1) /* one call spares the metric copying the references */
                st = tqe_metric_segment_stats(w->m[m], row + r->row_off[m], b->text.data + h[0],
                                              h[1], w->rp, w->rl, r->nrefs);
            else
                st = tqe_metric_set_refs(w->m[m], w->rp, w->rl, r->nrefs);
            for (size_t s = 0; !st && r->nsys > 1 && s < r->nsys; s++)
                st = tqe_metric_hyp_stats(w->m[m], row + s * r->row_stride + r->row_off[m],
                                          b->text.data + h[2 * s], h[2 * s + 1]);
            if (st) {
                w->status = st;
                w->fail_at = i;
                return 1;
            }
        }
    }
    return 0;
}

static int worker_init(run *r, score_worker *w, bool own)
{
    memset(w, 0, sizeof(*w));
    w->rp = calloc(r->nrefs, sizeof(*w->rp));
    w->rl = calloc(r->nrefs, sizeof(*w->rl));
    if (!w->rp || !w->rl) return EXIT_INTERNAL;
    if (!own) {
        w->ctx = r->ctx;
        memcpy(w->m, r->m, sizeof(w->m));
        return 0;
    }
    if (tqe_ctx_new(&w->ctx)) return EXIT_INTERNAL;
    if (score_make_metrics(r->o, w->ctx, w->m)) return tool_fail("score", w->ctx, TQE_EINVAL);
    return 0;
}

/* Worker 0 shares the run's metrics; the others are opened once a full
 * batch shows there is work to share. */
static int workers_grow(run *r, size_t want)
{
    if (want <= r->nworkers) return 0;
    score_worker *w = realloc(r->workers, want * sizeof(*w));
    if (!w) return EXIT_INTERNAL;
    r->workers = w;
    for (; r->nworkers < want; r->nworkers++) {
        int rc = worker_init(r, &w[r->nworkers], r->nworkers > 0);
        if (rc) {
            r->nworkers++; /* so that score_batch_free frees what was made */
            return rc;
        }
    }
    return 0;
}

void score_batch_free(run *r)
{
    for (size_t i = 0; i < r->nworkers; i++) {
        score_worker *w = &r->workers[i];
        free(w->rp), free(w->rl);
        if (i == 0) continue;
        for (int m = 0; m < M_COUNT; m++) tqe_metric_free(w->m[m]);
        tqe_ctx_free(w->ctx);
    }
    free(r->workers);
    tqe_buf_free(&r->batch.text);
    free(r->batch.at);
    free(r->batch.rows);
}

int score_add_row(run *r, const double *row)
{
    for (int m = 0; m < M_COUNT; m++) {
        if (!r->m[m]) continue;
        size_t k = tqe_metric_nstats(r->m[m]);
        for (size_t s = 0; s < r->nsys; s++) {
            const double *seg = row + s * r->row_stride + r->row_off[m];
            sysdata *sd = &r->sys[s];
            for (size_t j = 0; j < k; j++) sd->sum[m][j] += seg[j];
            if (r->store && score_store_seg(sd, m, seg, k)) return EXIT_INTERNAL;
            if (r->o->sentence_level && score_sentence_line(r, m, seg)) return EXIT_INTERNAL;
        }
    }
    for (size_t s = 0; s < r->nsys; s++) r->sys[s].nseg++;
    return r->stats_fp ? score_stats_row(r, row) : 0;
}

/* Lines ending in " ." count towards sacreBLEU's tokenization warning. */
static void count_periods(run *r, size_t i)
{
    const size_t *h = r->batch.at + i * 2 * (r->nrefs + r->nsys) + 2 * r->nrefs;
    for (size_t s = 0; s < r->nsys; s++) {
        const char *line = r->batch.text.data + h[2 * s];
        size_t len = h[2 * s + 1];
        if (len >= 2 && line[len - 1] == '.' && line[len - 2] == ' ') r->sys[s].tok_period++;
    }
}

int score_batch_run(run *r, bool more)
{
    seg_batch *b = &r->batch;
    if (b->n == 0) return 0;
    int rc = workers_grow(r, more ? r->jobs : 1);
    if (!rc && b->n > b->rows_cap) {
        double *p = realloc(b->rows, b->n * r->row_size * sizeof(double));
        if (!p) return EXIT_INTERNAL;
        b->rows = p, b->rows_cap = b->n;
    }
    size_t used = 1;
    if (!rc && tool_parallel(r->nworkers, b->n, SEGS_PER_WORKER, score_range, r, &used)) {
        /* The first failing segment, whichever worker had it; its line number
         * counts the segments scored before this batch. */
        score_worker *bad = NULL;
        for (size_t i = 0; i < used; i++)
            if (r->workers[i].status && (!bad || r->workers[i].fail_at < bad->fail_at))
                bad = &r->workers[i];
        if (!bad) return EXIT_INTERNAL;
        if (bad->status == TQE_ENOMEM) return tool_fail("score", bad->ctx, bad->status);
        tool_error("score", "line %llu: %s",
                   (unsigned long long)(r->sys[0].nseg + bad->fail_at + 1),
                   tqe_ctx_errmsg(bad->ctx));
        return EXIT_BADINPUT;
    }
    for (size_t i = 0; !rc && i < b->n; i++) {
        count_periods(r, i);
        rc = score_add_row(r, b->rows + i * r->row_size);
    }
    b->n = 0;
    tqe_buf_clear(&b->text);
    return rc;
}
