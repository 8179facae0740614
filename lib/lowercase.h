/* lowercase.h - Python str.lower() on UTF-8, with an ICU case map opened once. */
#ifndef TQE_LOWERCASE_H
#define TQE_LOWERCASE_H

#include "internal.h"

typedef struct lowercaser lowercaser;

int lowercaser_new(lowercaser **out, tqe_ctx *ctx);
void lowercaser_free(lowercaser *lc);
/* out = lower(s[0..len)); out is replaced, not appended to. */
int lowercaser_apply(lowercaser *lc, tqe_ctx *ctx, tqe_buf *out, const char *s, size_t len);

#endif
