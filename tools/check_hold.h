/* check_hold.h - tqe check's findings held back until the whole document
 * has been read, so that names the translation renders on every line can be
 * told from names it drops (tqe_name_tally). Only lines with findings are
 * held: memory grows with the findings, not with the input. */
#ifndef TQE_CHECK_HOLD_H
#define TQE_CHECK_HOLD_H

#include <stdbool.h>
#include <stdint.h>

#include "tqe.h"

typedef struct held_line {
    uint64_t line;
    tqe_issue_list *issues;            /* owned */
    size_t src, src_len, tgt, tgt_len; /* offsets into held.text (text format only) */
} held_line;

typedef struct held {
    held_line *v;
    size_t n, cap;
    tqe_buf text;
    bool keep_text; /* held_take keeps the lines (the text format marks spans in them) */
} held;

/* Take ownership of *issues (replaced by a new empty list). Lines must come
 * in increasing order. Returns 0 or TQE_ENOMEM. */
int held_take(held *h, uint64_t line, tqe_issue_list **issues, const char *s, size_t sl,
              const char *t, size_t tl);
/* Move every line of `from` to the end of `into`. */
int held_move(held *into, held *from);
void held_free(held *h);

#endif
