/* lowercase.c - Python's str.lower(): Unicode full lowercase mapping with the
 * final-sigma context and no language rules. ICU's root-locale case map does
 * exactly this (ucasemap_utf8ToLower with locale ""); case *folding* would
 * not ("ß" -> "ss"), so it is not used here. */
#include <unicode/ucasemap.h>

#include "lowercase.h"

struct lowercaser {
    UCaseMap *csm;
};

int lowercaser_new(lowercaser **out, tqe_ctx *ctx)
{
    *out = NULL;
    lowercaser *lc = calloc(1, sizeof(*lc));
    if (!lc) return tqe_oom(ctx);
    UErrorCode st = U_ZERO_ERROR;
    lc->csm = ucasemap_open("", 0, &st);
    if (U_FAILURE(st)) {
        free(lc);
        return tqe_err(ctx, TQE_EICU, "cannot open ICU case map: %s", u_errorName(st));
    }
    *out = lc;
    return TQE_OK;
}

void lowercaser_free(lowercaser *lc)
{
    if (!lc) return;
    ucasemap_close(lc->csm);
    free(lc);
}

int lowercaser_apply(lowercaser *lc, tqe_ctx *ctx, tqe_buf *out, const char *s, size_t len)
{
    tqe_buf_clear(out);
    if (len > INT32_MAX / 2)
        return tqe_err(ctx, TQE_ELIMIT, "line of %zu bytes is too long to lowercase", len);
    if (tqe_buf_reserve(out, len) != TQE_OK) return tqe_oom(ctx);
    /* ASCII fast path: most MT text is ASCII-heavy and ICU's call overhead
     * dominates on short segments. */
    size_t i = 0;
    while (i < len && (unsigned char)s[i] < 0x80) {
        char c = s[i];
        out->data[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
        i++;
    }
    if (i == len) {
        out->len = len;
        out->data[len] = '\0';
        return TQE_OK;
    }
    /* Lowercasing can grow a string (U+0130 becomes 3 bytes from 2): size first. */
    for (int attempt = 0; attempt < 2; attempt++) {
        UErrorCode st = U_ZERO_ERROR;
        int32_t n =
            ucasemap_utf8ToLower(lc->csm, out->data, (int32_t)(out->cap - 1), s, (int32_t)len, &st);
        if (st == U_BUFFER_OVERFLOW_ERROR && attempt == 0) {
            if (tqe_buf_reserve(out, (size_t)n) != TQE_OK) return tqe_oom(ctx);
            continue;
        }
        if (U_FAILURE(st))
            return tqe_err(ctx, TQE_EICU, "ICU lowercasing failed: %s", u_errorName(st));
        out->len = (size_t)n;
        out->data[n] = '\0';
        return TQE_OK;
    }
    return tqe_err(ctx, TQE_EICU, "ICU lowercasing failed");
}

int tqe_lowercase(tqe_buf *out, tqe_ctx *ctx, const char *s, size_t len)
{
    lowercaser *lc;
    int rc = lowercaser_new(&lc, ctx);
    if (rc) return rc;
    rc = lowercaser_apply(lc, ctx, out, s, len);
    lowercaser_free(lc);
    return rc;
}
