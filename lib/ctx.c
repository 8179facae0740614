/* ctx.c - the caller's context: first-error-wins message buffer. */
#include <stdarg.h>
#include <stdio.h>

#include "internal.h"
#include "utf8.h"

#define TQE_ERRMSG_MAX 1024

struct tqe_ctx {
    int status;
    char msg[TQE_ERRMSG_MAX];
};

int tqe_ctx_new(tqe_ctx **out)
{
    assert(out);
    *out = calloc(1, sizeof(**out));
    return *out ? TQE_OK : TQE_ENOMEM;
}

void tqe_ctx_free(tqe_ctx *ctx)
{
    free(ctx);
}

const char *tqe_ctx_errmsg(const tqe_ctx *ctx)
{
    return ctx ? ctx->msg : "";
}

int tqe_ctx_status(const tqe_ctx *ctx)
{
    return ctx ? ctx->status : TQE_OK;
}

void tqe_ctx_clear(tqe_ctx *ctx)
{
    if (!ctx) return;
    ctx->status = TQE_OK;
    ctx->msg[0] = '\0';
}

int tqe_ctx_seterr(tqe_ctx *ctx, int status, const char *fmt, ...)
{
    /* The first error is the one closest to the cause: keep it. */
    if (!ctx || ctx->status != TQE_OK) return status;
    ctx->status = status;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(ctx->msg, sizeof(ctx->msg), fmt, ap);
    va_end(ap);
    if (n < 0) snprintf(ctx->msg, sizeof(ctx->msg), "%s", tqe_status_str(status));
    if (n >= 0 && (size_t)n >= sizeof(ctx->msg)) utf8_trim_cut(ctx->msg); /* a long quote, cut */
    /* One line: a message quoting input must not break the terminal layout. */
    for (char *p = ctx->msg; *p; p++)
        if (*p == '\n' || *p == '\r') *p = ' ';
    return status;
}

const char *tqe_status_str(int status)
{
    switch (status) {
    case TQE_OK:
        return "success";
    case TQE_ENOMEM:
        return "out of memory";
    case TQE_EINVAL:
        return "invalid argument";
    case TQE_EIO:
        return "input/output error";
    case TQE_EUTF8:
        return "invalid UTF-8";
    case TQE_EMISMATCH:
        return "inputs do not line up";
    case TQE_EICU:
        return "ICU error";
    case TQE_EFORMAT:
        return "malformed input";
    case TQE_ELIMIT:
        return "input exceeds a limit";
    case TQE_EGSL:
        return "GSL error";
    default:
        return "unknown error";
    }
}

const char *tqe_version(void)
{
    return TQE_VERSION_STRING;
}
