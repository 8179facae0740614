/*
 * fuzz_statsfile.c - the statistics files of sharded tqe score runs, as
 * tqe merge reads them (tqe_stats_open_memory).
 *
 * Invariants: a file that opens has systems and metrics, 1 to 64 numbers a
 * metric and rows of nsystems times their sum; rows hold finite,
 * non-negative numbers; a file that ends well has as many rows as its
 * trailer says. What was read, written again with the tqe_stats_write_*
 * functions, reads back the same: names, signatures and every number
 * (bit for bit), so that a merge sums what a single run sums.
 */
#include "fuzz_common.h"

#define MAX_ROWS 256

typedef struct parsed {
    tqe_buf rows; /* the rows read, as doubles */
    size_t nrows;
    uint64_t segments;
    uint64_t tok_period[16];
} parsed;

/* Read every row; returns the final status (0 at a valid end). */
static int read_rows(tqe_stats_reader *r, parsed *p)
{
    const size_t n = tqe_stats_row_size(r);
    const double *row;
    int rc;
    while ((rc = tqe_stats_next(r, &row)) == 1) {
        for (size_t i = 0; i < n; i++) FUZZ_CHECK(isfinite(row[i]) && row[i] >= 0);
        if (p->nrows < MAX_ROWS)
            FUZZ_OK(NULL, tqe_buf_append(&p->rows, (const char *)row, n * sizeof(double)));
        p->nrows++;
    }
    if (rc == 0) {
        FUZZ_CHECK(tqe_stats_segments(r) == p->nrows);
        const tqe_stats_header *h = tqe_stats_get_header(r);
        for (size_t i = 0; i < h->nsystems && i < 16; i++)
            p->tok_period[i] = tqe_stats_tok_period(r)[i];
        p->segments = tqe_stats_segments(r);
    }
    return rc;
}

static void check_header(const tqe_stats_header *h, size_t row_size)
{
    FUZZ_CHECK(h->nsystems >= 1 && h->nmetrics >= 1 && h->nrefs >= 1);
    FUZZ_CHECK(fuzz_valid_utf8(h->args, strlen(h->args)));
    size_t sum = 0;
    for (size_t i = 0; i < h->nmetrics; i++) {
        FUZZ_CHECK(h->nstats[i] >= 1 && h->nstats[i] <= 64);
        FUZZ_CHECK(fuzz_valid_utf8(h->metrics[i], strlen(h->metrics[i])));
        FUZZ_CHECK(fuzz_valid_utf8(h->signatures[i], strlen(h->signatures[i])));
        sum += h->nstats[i];
    }
    for (size_t i = 0; i < h->nsystems; i++)
        FUZZ_CHECK(fuzz_valid_utf8(h->systems[i], strlen(h->systems[i])));
    FUZZ_CHECK(row_size == sum * h->nsystems);
}

/* Write what was read and read it again. */
static void round_trip(tqe_ctx *ctx, const tqe_stats_header *h, const parsed *p)
{
    if (p->nrows > MAX_ROWS || h->nsystems > 16) return;
    /* The args line holds tqe's canonical options, written as they are: a
     * CR at its end (from a CRLF file) would not survive. */
    if (strchr(h->args, '\r')) return;
    const size_t n = p->nrows ? p->rows.len / p->nrows / sizeof(double) : 0;
    tqe_buf out = TQE_BUF_INIT;
    FUZZ_OK(NULL, tqe_stats_write_header(&out, h));
    for (size_t k = 0; k < p->nrows; k++)
        FUZZ_OK(NULL, tqe_stats_write_row(&out, (const double *)p->rows.data + k * n, n));
    FUZZ_OK(NULL, tqe_stats_write_end(&out, p->segments, p->tok_period, h->nsystems));

    tqe_stats_reader *r;
    FUZZ_OK(ctx, tqe_stats_open_memory(&r, ctx, out.data, out.len, "again"));
    const tqe_stats_header *g = tqe_stats_get_header(r);
    FUZZ_CHECK(g->nrefs == h->nrefs && strcmp(g->args, h->args) == 0);
    FUZZ_CHECK(g->nsystems == h->nsystems && g->nmetrics == h->nmetrics);
    for (size_t i = 0; i < h->nsystems; i++) FUZZ_CHECK(strcmp(g->systems[i], h->systems[i]) == 0);
    for (size_t i = 0; i < h->nmetrics; i++) {
        FUZZ_CHECK(strcmp(g->metrics[i], h->metrics[i]) == 0);
        FUZZ_CHECK(strcmp(g->signatures[i], h->signatures[i]) == 0);
        FUZZ_CHECK(g->nstats[i] == h->nstats[i]);
    }
    parsed q = {TQE_BUF_INIT, 0, 0, {0}};
    FUZZ_OK(ctx, read_rows(r, &q));
    FUZZ_CHECK(q.nrows == p->nrows && q.segments == p->segments);
    FUZZ_CHECK(q.rows.len == p->rows.len &&
               (q.rows.len == 0 || memcmp(q.rows.data, p->rows.data, q.rows.len) == 0));
    FUZZ_CHECK(memcmp(q.tok_period, p->tok_period, sizeof(q.tok_period)) == 0);
    tqe_buf_free(&q.rows);
    tqe_stats_close(r);
    tqe_buf_free(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static tqe_ctx *ctx;
    if (!ctx) FUZZ_OK(NULL, tqe_ctx_new(&ctx));
    tqe_ctx_clear(ctx);
    size_t len;
    char *big = fuzz_expand(data, size, (size_t)4 << 20, &len);
    const char *text = big ? big : (const char *)data;
    if (!big) len = size;

    tqe_stats_reader *r;
    int rc = tqe_stats_open_memory(&r, ctx, text, len, "fuzz.stats");
    if (rc) {
        FUZZ_CHECK(r == NULL);
        FUZZ_CHECK(rc == TQE_EFORMAT || rc == TQE_EUTF8 || rc == TQE_ELIMIT);
        FUZZ_CHECK(strncmp(tqe_ctx_errmsg(ctx), "fuzz.stats:", 11) == 0);
        free(big);
        return 0;
    }
    const tqe_stats_header *h = tqe_stats_get_header(r);
    check_header(h, tqe_stats_row_size(r));
    parsed p = {TQE_BUF_INIT, 0, 0, {0}};
    rc = read_rows(r, &p);
    if (rc == 0)
        round_trip(ctx, h, &p);
    else
        FUZZ_CHECK(rc == TQE_EFORMAT || rc == TQE_EUTF8);
    tqe_buf_free(&p.rows);
    tqe_stats_close(r);
    free(big);
    return 0;
}
