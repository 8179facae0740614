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
    tqe_metric *chrf, *bleu_corpus, *bleu_sent;
} lang_tools;

/* What a thread needs of its own: an error context and the services per
 * language. Worker 0 runs on the caller's thread with the card's context;
 * the card's summaries use its tools. */
typedef struct card_worker {
    tqe_ctx *ctx;
    lang_tools *tools;
    size_t ntools, cap_tools;
} card_worker;

typedef struct bead_vec {
    card_bead *v;
    size_t n, cap;
} bead_vec;

/* For each source paragraph of a document, the range of a reference's
 * paragraphs aligned with it ([lo, hi), empty when the reference dropped
 * it). Made once per source document and reference, whatever the number
 * of translations (tqe_align of the same two documents). */
typedef struct ref_map {
    const tqe_doc *doc;
    size_t *lo, *hi;
} ref_map;

/* One document of one translation (sd NULL: a document only the
 * translation has; td NULL: one it lacks). maps: each reference's map for
 * sd (its doc NULL when that reference lacks the document), borrowed. */
typedef struct card_doc_job {
    const char *lang;
    const tqe_doc *sd, *td;
    const ref_map *const *maps; /* one per reference */
    size_t nrefs;
    size_t tgt_base; /* index of td's first paragraph in the translation file */
    const double *const *extra;
    const size_t *nextra;
} card_doc_job;

struct tqe_card {
    tqe_ctx *ctx;
    tqe_card_options o;
    tqe_thresholds th;
    char *source_name;
    char **extra_names;
    size_t nextra;
    card_tr *tr;
    size_t ntr, cap_tr;
    card_worker *workers; /* [0] is the caller's */
    size_t nworkers;
    bool finished;
    bool ranked_by_chrf; /* rank(): by chrF (every translation has a reference) or by issues */
};

/* card_beads.c: services, and the beads of one document appended to out. */
int card_tools_for(const tqe_card *c, card_worker *wk, const char *lang, lang_tools **out);
void card_free_tools(lang_tools *t);
int card_add_doc(const tqe_card *c, card_worker *wk, bead_vec *out, const card_doc_job *dj);
/* Align source document s with reference document r (NULL: none) for lang. */
int card_map_reference(const tqe_card *c, card_worker *wk, const char *lang, const tqe_doc *s,
                       const tqe_doc *r, ref_map *m);
void card_free_map(ref_map *m);
void card_free_beads(card_bead *v, size_t n);

/* How far below its warn (1) and fail (2) thresholds a score is, 0 when
 * not or NAN: the rule card_grade() applies to scores (card_summary.c). */
int card_level_below(double v, double warn, double fail);
/* Grade a finished bead under the card's thresholds. */
tqe_grade card_grade(const tqe_thresholds *t, const card_bead *b);

#endif
