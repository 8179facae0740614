/* ter_edit.h - TER's edit count (shifts plus beam-limited word edit distance)
 * exactly as sacreBLEU 2.5.1's lib_ter.py computes it, on interned words. */
#ifndef TQE_TER_EDIT_H
#define TQE_TER_EDIT_H

#include "internal.h"

/* Scratch memory of the computation, reused across calls and grown as
 * needed: after the first few sentences it no longer allocates. */
typedef struct ter_work ter_work;

/* Allocate an empty work area; NULL when out of memory. */
ter_work *ter_work_new(void);
void ter_work_free(ter_work *w);

/* Longest sentence (in words) accepted by ter_edits(). */
#define TER_MAX_WORDS (1 << 24)

/* *edits = number of edits turning hyp[0..n) into ref[0..m), words being
 * integer ids compared for equality (a negative id may stand for any word
 * that is in no reference: such words never match, so they may share an id).
 * m == 0 gives n edits. Returns 0 or TQE_ENOMEM (no message set); the
 * lengths must not exceed TER_MAX_WORDS. */
int ter_edits(ter_work *w, long *edits, const int32_t *hyp, size_t n, const int32_t *ref, size_t m);

#endif
