/* tercom.h - sacreBLEU's TercomTokenizer (TER preprocessing), internal
 * interface working on scratch buffers that the caller owns and reuses. */
#ifndef TQE_TERCOM_H
#define TQE_TERCOM_H

#include "internal.h"
#include "lowercase.h"

/* Two ping-pong buffers for the successive rewriting passes. They only grow,
 * so a handle that tokenizes many lines stops allocating after a few. */
typedef struct tercom_scratch {
    tqe_buf a, b;
} tercom_scratch;

#define TERCOM_SCRATCH_INIT                                                                        \
    {                                                                                              \
        TQE_BUF_INIT, TQE_BUF_INIT                                                                 \
    }

/* Frees the buffers, keeps the struct. */
void tercom_scratch_free(tercom_scratch *sc);

/* out = TercomTokenizer(o)(s[0..len)): words separated by single spaces, no
 * leading or trailing space. `s` is valid UTF-8 that the caller has already
 * right-stripped (TER does that itself before tokenizing). `lc` is used only
 * when o->case_sensitive is 0. `out` must not be one of sc's buffers.
 * Errors: TQE_ENOMEM, TQE_EICU, TQE_ELIMIT (from lowercasing), set in ctx. */
int tercom_tokenize(tqe_buf *out, tercom_scratch *sc, lowercaser *lc, tqe_ctx *ctx,
                    const tqe_ter_options *o, const char *s, size_t len);

#endif
