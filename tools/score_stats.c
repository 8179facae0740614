/* score_stats.c - `tqe score --stats-out FILE`: the per-segment statistics of
 * a run (a shard of a larger test set), for `tqe merge` to combine.
 *
 * The file is written to a temporary next to FILE and renamed into place
 * only when the whole run succeeded, so a failed or killed shard never
 * leaves a file that looks complete. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "score_run.h"

#define FLUSH_AT (1u << 20)

static int write_error(run *r, const char *path)
{
    tool_error("score", "%s: cannot write: %s", path, strerror(errno));
    (void)r;
    return EXIT_BADINPUT;
}

static int flush_rows(run *r)
{
    if (r->stats_buf.len &&
        fwrite(r->stats_buf.data, 1, r->stats_buf.len, r->stats_fp) != r->stats_buf.len)
        return write_error(r, r->stats_tmp);
    tqe_buf_clear(&r->stats_buf);
    return 0;
}

int score_file_signatures(tqe_buf sigs[M_COUNT], const score_opts *o, size_t nrefs)
{
    score_opts plain = *o;
    plain.sentence_level = false; /* -sl changes the score, not the statistics */
    tqe_ctx *ctx = NULL;
    tqe_metric *m[M_COUNT] = {NULL, NULL, NULL};
    int rc = tqe_ctx_new(&ctx) || score_make_metrics(&plain, ctx, m) ? EXIT_INTERNAL : 0;
    for (int k = 0, n = 0; !rc && k < M_COUNT; k++) {
        if (!m[k]) continue;
        tqe_signature_info info = TQE_SIGNATURE_INFO_INIT;
        info.nrefs = (int)nrefs;
        if (tqe_metric_signature(&sigs[n++], m[k], &info)) rc = EXIT_INTERNAL;
    }
    for (int k = 0; k < M_COUNT; k++) tqe_metric_free(m[k]);
    tqe_ctx_free(ctx);
    return rc;
}

/* The header names each metric and its signature (as a corpus score without
 * resampling), so shards made with other options never merge. */
static int write_header(run *r)
{
    const char *names[M_COUNT], *sigs[M_COUNT], *systems[1024];
    size_t nstats[M_COUNT], nm = 0;
    tqe_buf sigbuf[M_COUNT] = {TQE_BUF_INIT, TQE_BUF_INIT, TQE_BUF_INIT}, args = TQE_BUF_INIT;
    int rc = score_opts_canonical(r->o, &args) ? EXIT_INTERNAL : 0;
    if (!rc) rc = score_file_signatures(sigbuf, r->o, r->nrefs);
    for (int m = 0; m < M_COUNT && !rc; m++) {
        if (!r->m[m]) continue;
        names[nm] = tqe_metric_name(r->m[m]);
        sigs[nm] = sigbuf[nm].data;
        nstats[nm++] = tqe_metric_nstats(r->m[m]);
    }
    /* Systems are recorded as given (a file, or "-" for a column of standard
     * input); merge names them for the tests it is asked to run. */
    for (size_t s = 0; s < r->nsys && s < 1024; s++)
        systems[s] = r->sys[s].in ? r->sys[s].in->path : "-";
    tqe_stats_header h = {args.data, (int)r->nrefs, r->nsys, systems, nm, names, nstats, sigs};
    if (!rc && r->nsys > 1024) {
        tool_error("score", "--stats-out: at most 1024 systems");
        rc = EXIT_BADINPUT;
    } else if (!rc && tqe_stats_write_header(&r->stats_buf, &h)) {
        rc = EXIT_INTERNAL;
    }
    for (size_t i = 0; i < M_COUNT; i++) tqe_buf_free(&sigbuf[i]);
    tqe_buf_free(&args);
    return rc;
}

void score_row_layout(run *r)
{
    r->row_stride = 0;
    for (int m = 0; m < M_COUNT; m++) {
        r->row_off[m] = r->row_stride;
        if (r->m[m]) r->row_stride += tqe_metric_nstats(r->m[m]);
    }
    r->row_size = r->row_stride * r->nsys;
}

int score_stats_begin(run *r)
{
    const char *path = r->o->stats_out;
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    tqe_buf tmp = TQE_BUF_INIT;
    if (tqe_buf_printf(&tmp, "%.*s.%s.tmp-%ld", (int)dirlen, path, path + dirlen, (long)getpid()))
        return EXIT_INTERNAL;
    r->stats_tmp = tmp.data;
    r->stats_fp = fopen(r->stats_tmp, "wb");
    if (!r->stats_fp) {
        tool_error("score", "--stats-out %s: cannot create: %s", path, strerror(errno));
        return EXIT_BADINPUT;
    }
    return write_header(r); /* the row layout was set up with the run */
}

int score_stats_row(run *r, const double *row)
{
    if (tqe_stats_write_row(&r->stats_buf, row, r->row_size)) return EXIT_INTERNAL;
    return r->stats_buf.len >= FLUSH_AT ? flush_rows(r) : 0;
}

int score_stats_finish(run *r)
{
    uint64_t periods[1024];
    for (size_t s = 0; s < r->nsys; s++) periods[s] = r->sys[s].tok_period;
    if (tqe_stats_write_end(&r->stats_buf, r->sys[0].nseg, periods, r->nsys)) return EXIT_INTERNAL;
    int rc = flush_rows(r);
    FILE *fp = r->stats_fp;
    r->stats_fp = NULL;
    if (fflush(fp) != 0 || ferror(fp)) rc = rc ? rc : write_error(r, r->stats_tmp);
    if (fclose(fp) != 0 && !rc) rc = write_error(r, r->stats_tmp);
    if (!rc && rename(r->stats_tmp, r->o->stats_out) != 0) {
        tool_error("score", "--stats-out %s: cannot rename %s into place: %s", r->o->stats_out,
                   r->stats_tmp, strerror(errno));
        rc = EXIT_BADINPUT;
    }
    if (rc) unlink(r->stats_tmp);
    return rc;
}

void score_stats_abort(run *r)
{
    if (!r->stats_fp) return;
    fclose(r->stats_fp);
    r->stats_fp = NULL;
    unlink(r->stats_tmp);
}
