/* score_output.h - sacreBLEU 2.5.1's output layouts for `tqe score` and `tqe merge`:
 * score lines (text and JSON), sentence lines, and the multi-system table. */
#ifndef TQE_SCORE_OUTPUT_H
#define TQE_SCORE_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

#include "tqe.h"

/* One metric's corpus (or sentence) result, ready to print. */
typedef struct score_result {
    char name[24]; /* "BLEU", "chrF2", "chrF2++", "TER" */
    double score;
    bool has_ci; /* bootstrap confidence: mean and half-width of the 95% interval */
    double mean, ci;
    bool has_p; /* paired tests */
    double p_value;
    char verbose[160]; /* BLEU's precisions/BP part, "" for other metrics */
    char sig[512];     /* the signature as printed (long or short form) */
} score_result;

/* Fill name/score/verbose of a result from a computed score. */
void score_result_set(score_result *r, const tqe_metric *m, const tqe_score *sc);

/* sacreBLEU's Score.format(): a text line "NAME|SIG = 12.3 ...", the bare
 * score with score_only, or an indented JSON object. Replaces out. */
int format_score(tqe_buf *out, const score_result *r, int width, bool score_only, bool json);

/* print_single_results(): JSON list or '='-aligned text lines. */
int print_single_results(FILE *fp, tqe_buf *lines, size_t n, bool json, bool color);

/* print_results_table(): the multi-system table (fancy_grid text or JSON),
 * then the signatures. results[sys * nmetrics + m]; baseline marks paired mode. */
typedef struct table_spec {
    const char *const *systems;
    size_t nsystems;
    const score_result *results;
    size_t nmetrics;
    int width;
    bool json;
    bool color;
    int paired;    /* 0: none, 1: bootstrap, 2: approximate randomization */
    long paired_n; /* trials */
} table_spec;

int print_results_table(FILE *fp, const table_spec *t);

#endif
