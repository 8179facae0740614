/* card_impl.h - the inside of a tqe_card, shared by its modules (building,
 * grading and summaries, renderers). */
#ifndef TQE_CARD_IMPL_H
#define TQE_CARD_IMPL_H

#include "internal.h"

/* Per-bead statistics kept for corpus scores and their bootstrap intervals. */
typedef struct bead_stats {
    double chrf[18]; /* chrF2 statistics against the reference (6 char orders) */
    double bleu[10]; /* BLEU statistics against the reference */
    bool has_ref;
} bead_stats;

typedef struct card_bead {
    tqe_card_bead pub;
    char *doc, *src, *tgt, *ref;
    tqe_issue_list *issues;
    double *extra;
    bead_stats st;
} card_bead;

typedef struct card_tr {
    tqe_card_summary sum;
    char *name, *lang;
    card_bead *beads;
    size_t nbeads, cap;
    double *extra_mean;
} card_tr;

/* Services opened once per target language. */
typedef struct lang_tools {
    char lang[16];
    tqe_checker *checker;
    tqe_aligner *aligner;
    tqe_lengthmodel *lm;
    tqe_metric *chrf, *bleu_corpus, *bleu_sent, *chrf_src;
} lang_tools;

struct tqe_card {
    tqe_ctx *ctx;
    tqe_card_options o;
    tqe_thresholds th;
    char *source_name;
    char **extra_names;
    size_t nextra;
    card_tr *tr;
    size_t ntr, cap_tr;
    lang_tools *tools;
    size_t ntools, cap_tools;
    bool finished;
};

/* Grade a finished bead under the card's thresholds. */
tqe_grade card_grade(const tqe_thresholds *t, const card_bead *b);
/* Totals, bootstrap intervals and ranks (card_summary.c). */
int card_summarize(tqe_card *c);

#endif
