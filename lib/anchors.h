/* anchors.h - what survives translation, as small sets of hashes per paragraph:
 * numbers, names, question marks and quotations. The aligner scores a bead by
 * how many of the source side's anchors the target side contains. */
#ifndef TQE_ANCHORS_H
#define TQE_ANCHORS_H

#include "internal.h"

typedef struct anchor_set {
    uint32_t *h; /* sorted, may repeat (a multiset) */
    size_t n, cap;
} anchor_set;

typedef struct anchorer anchorer;

/* Everything the aligner knows about one paragraph. */
typedef struct para_feats {
    anchor_set names;    /* source: names, numbers, '?', quotes; target: every word */
    anchor_set cognates; /* source: long lowercase words (cognate candidates) */
    unsigned sentences;  /* sentence count (>= 1 for a non-empty paragraph) */
} para_feats;

/* `lang`: the language of the texts this anchorer reads. */
int anchorer_new(anchorer **out, tqe_ctx *ctx, const char *lang);
void anchorer_free(anchorer *a);
/* Source side: names, numbers, '?', quotes, cognate candidates, sentences. */
int anchors_source(anchorer *a, para_feats *out, const char *text, size_t len);
/* Target side: every word (transliterated to ASCII, lowercased, truncated),
 * every number and '?', to look source anchors up in; sentences. */
int anchors_target(anchorer *a, para_feats *out, const char *text, size_t len);
void para_feats_free(para_feats *f);
void anchor_set_free(anchor_set *s);
/* How many elements of a (multiset) are found in b (both sorted). */
size_t anchors_found(const uint32_t *a, size_t na, const uint32_t *b, size_t nb);

#endif
