/* buf.c - growable byte buffer and small allocation helpers. */
#include <stdarg.h>
#include <stdio.h>

#include "internal.h"

char *tqe_strndup(const char *s, size_t len)
{
    char *p = malloc(len + 1);
    if (!p) return NULL;
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

int tqe_grow_slow(void **arr, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap) return TQE_OK;
    size_t ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2) return TQE_ENOMEM;
        ncap *= 2;
    }
    void *p = tqe_reallocarray(*arr, ncap, size);
    if (!p) return TQE_ENOMEM;
    *arr = p;
    *cap = ncap;
    return TQE_OK;
}

void tqe_buf_free(tqe_buf *buf)
{
    if (!buf) return;
    free(buf->data);
    buf->data = NULL;
    buf->len = buf->cap = 0;
}

void tqe_buf_clear(tqe_buf *buf)
{
    buf->len = 0;
    if (buf->data) buf->data[0] = '\0';
}

int tqe_buf_reserve(tqe_buf *buf, size_t extra)
{
    if (extra > SIZE_MAX - buf->len - 1) return TQE_ENOMEM;
    size_t need = buf->len + extra + 1;
    if (need <= buf->cap) return TQE_OK;
    size_t ncap = buf->cap ? buf->cap : 64;
    while (ncap < need) ncap = ncap > SIZE_MAX / 2 ? need : ncap * 2;
    char *p = realloc(buf->data, ncap);
    if (!p) return TQE_ENOMEM;
    buf->data = p;
    buf->cap = ncap;
    return TQE_OK;
}

int tqe_buf_append(tqe_buf *buf, const char *data, size_t len)
{
    if (tqe_buf_reserve(buf, len) != TQE_OK) return TQE_ENOMEM;
    if (len) memcpy(buf->data + buf->len, data, len);
    buf->len += len;
    buf->data[buf->len] = '\0';
    return TQE_OK;
}

int tqe_buf_puts(tqe_buf *buf, const char *s)
{
    return tqe_buf_append(buf, s, strlen(s));
}

int tqe_buf_printf(tqe_buf *buf, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char small[256];
    int n = vsnprintf(small, sizeof(small), fmt, ap);
    va_end(ap);
    if (n < 0) return TQE_EINVAL;
    if ((size_t)n < sizeof(small)) return tqe_buf_append(buf, small, (size_t)n);
    if (tqe_buf_reserve(buf, (size_t)n) != TQE_OK) return TQE_ENOMEM;
    va_start(ap, fmt);
    vsnprintf(buf->data + buf->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    buf->len += (size_t)n;
    return TQE_OK;
}
