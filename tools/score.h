/* score.h - `tqe score`: options (sacreBLEU's command line) and the run. */
#ifndef TQE_SCORE_H
#define TQE_SCORE_H

#include <stdbool.h>
#include <stddef.h>

#include "tool.h"

enum { M_BLEU = 0, M_CHRF = 1, M_TER = 2, M_COUNT = 3 };

typedef struct score_opts {
    char **refs; /* positional reference files */
    size_t nrefs_files;
    char **inputs; /* -i: one file per system; none: standard input */
    size_t ninputs;
    bool input_seen;
    int num_refs;
    char **metric_names;
    size_t nmetric_names;
    bool use[M_COUNT];
    bool sentence_level;
    const char *smooth_method;
    double smooth_value;
    bool smooth_value_seen;
    const char *tokenize;
    bool lowercase, force;
    const char *langpair;
    int chrf_char_order, chrf_word_order, chrf_beta;
    bool chrf_whitespace, chrf_lowercase, chrf_eps;
    bool ter_case, ter_asian, ter_nopunct, ter_norm;
    bool confidence;
    int confidence_n;
    bool paired_ar, paired_bs;
    int paired_ar_n, paired_bs_n, paired_jobs;
    bool quiet, short_sig, score_only, detail, no_color, version;
    int width;
    const char *format;
    const char *encoding;
    const char *test_set, *echo_unused, *origlang, *subset, *download;
    bool list, citation;
    const char *seed; /* --seed or SACREBLEU_SEED; "none" = unseeded */
    const char *stats_out;
    int jobs;
    int max_line_bytes; /* 0: no limit */
    bool color;         /* resolved: stdout is a terminal and colors are not disabled */
} score_opts;

void score_opts_init(score_opts *o);
void score_opts_free(score_opts *o);
/* Fill `opts` (capacity cap) with the option table bound to `o`; returns the count. */
size_t score_opts_table(score_opts *o, tool_option *opts, size_t cap);
/* Turn the -m names into o->use[]; prints the error and returns EXIT_BADINPUT. */
int score_opts_metrics(score_opts *o);
/* sacreBLEU's argument checks, plus tqe's own; prints the error and returns
 * EXIT_BADINPUT, or 0. */
int score_opts_check(score_opts *o);
/* Build the metrics selected by `o` (in sacreBLEU's order: BLEU, chrF, TER). */
int score_make_metrics(const score_opts *o, tqe_ctx *ctx, tqe_metric *m[M_COUNT]);
/* Read, score and print. Returns an exit code. */
int score_run(score_opts *o);
/* The canonical TAB-separated options of a statistics file (see score_opts.c). */
int score_opts_canonical(const score_opts *o, tqe_buf *out);

#endif
