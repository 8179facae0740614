/* score_run.h - the state of one `tqe score` or `tqe merge` run, shared by
 * the scoring loop (score_run.c), statistics files (score_stats.c) and the
 * merge of shards (score_merge.c). Private to the tool. */
#ifndef TQE_SCORE_RUN_H
#define TQE_SCORE_RUN_H

/* Segments a worker thread gets at the least: a share worth its start-up. */
#define SEGS_PER_WORKER 2048

#include <stdint.h>

#include "score.h"
#include "score_output.h"

typedef struct stream {
    const char *path;
    tqe_reader *rd;
    uint64_t lines;
    bool done;
} stream;

typedef struct sysdata {
    char *name;
    stream *in; /* NULL: a column of standard input */
    double *sum[M_COUNT];
    double *seg[M_COUNT]; /* stored per-segment statistics (resampling) */
    size_t nseg, capseg[M_COUNT];
    uint64_t tok_period; /* lines ending in " ." (sacreBLEU's warning) */
    const char *line;
    size_t len;
} sysdata;

/* A worker thread's own metrics (worker 0 uses the run's) and scratch. */
typedef struct score_worker {
    tqe_ctx *ctx;
    tqe_metric *m[M_COUNT];
    const char **rp; /* the segment's references */
    size_t *rl;
    int status;     /* a library status when the worker failed */
    size_t fail_at; /* ... at this segment of the batch */
} score_worker;

/* Segments read but not yet scored: copies of their lines (readers reuse
 * their buffers), and one row of statistics per segment, laid out as in a
 * statistics file (per system, per metric). */
typedef struct seg_batch {
    tqe_buf text;
    size_t *at; /* per segment: (offset, length) of each reference, then each system */
    size_t n, cap;
    double *rows;
    size_t rows_cap; /* in segments */
} seg_batch;

typedef struct run {
    score_opts *o;
    tqe_ctx *ctx;
    tqe_metric *m[M_COUNT];
    stream *refs;
    size_t nref_streams, nrefs;
    stream hyp_stdin;
    sysdata *sys;
    size_t nsys;
    bool store;
    const char **ref_ptr;
    size_t *ref_len;
    tqe_buf out;
    const char *first; /* standard input's first line, read to count the systems */
    size_t first_len;
    bool first_pending;
    /* --stats-out: rows are buffered in stats_buf and written to stats_fp,
     * a temporary file renamed to the requested name at the end. */
    FILE *stats_fp;
    char *stats_tmp;
    tqe_buf stats_buf;
    size_t row_size, row_off[M_COUNT], row_stride;
    /* -sl: each metric's signature, made on its first line (it does not
     * change during a run) */
    char sl_sig[M_COUNT][512];
    /* --jobs: segments are scored in batches shared out among workers. */
    seg_batch batch;
    score_worker *workers;
    size_t nworkers, jobs;
} run;

/* The name printed for system k: its file (`path`), or for a column of
 * standard input (path NULL) "System N"; the baseline of a paired test is
 * marked. Allocated; NULL when out of memory. */
char *score_system_name(bool paired, size_t k, const char *path);
/* Allocate the summed statistics of every system (after the metrics and systems). */
int score_alloc_sums(run *r);
/* sacreBLEU's checks of the modes against the number of systems. */
int score_check_modes(run *r);
/* One line of -sl output for the statistics `seg` of metric m. */
int score_sentence_line(run *r, int m, const double *seg);
/* Print the corpus results: one system, or the table of several. */
int score_print_single(run *r);
int score_print_multi(run *r);
/* sacreBLEU's warning about tokenized-looking hypotheses. */
void score_warn_tokenized(run *r);
void score_teardown(run *r);
/* The end of a score or merge run after the statistics are in (rc: the run
 * so far): finish the --stats-out file, print, flush, tear down. */
int score_finish(run *r, const char *cmd, int rc);

/* Keep segment statistics of system s for resampling. */
int score_store_seg(sysdata *s, int m, const double *seg, size_t k);
/* Where each metric's statistics sit in a row of a statistics file. */
void score_row_layout(run *r);

/* score_batch.c: add the segment just read (r->ref_ptr, r->sys[].line) to
 * the batch; score the batch (on up to r->jobs threads when `more` says more
 * segments follow, so that opening workers pays) and fold its rows in, in
 * segment order; free the workers. Exit codes. */
int score_batch_add(run *r);
int score_batch_run(run *r, bool more);
/* Fold one row of statistics into the run: sums, stored statistics, -sl
 * lines, --stats-out. Used for scored segments and merged shards alike. */
int score_add_row(run *r, const double *row);
void score_batch_free(run *r);

/* The signatures a statistics file records for the metrics of `o` (one per
 * metric used, in order): corpus signatures, whatever -sl says. */
int score_file_signatures(tqe_buf sigs[M_COUNT], const score_opts *o, size_t nrefs);
/* --stats-out: start the file (header), add the current row, finish (trailer,
 * rename into place) or abandon it (remove the temporary). Exit codes. */
int score_stats_begin(run *r);
int score_stats_row(run *r, const double *row);
int score_stats_finish(run *r);
void score_stats_abort(run *r);

#endif
