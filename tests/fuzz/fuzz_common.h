/*
 * fuzz_common.h - helpers shared by the libFuzzer targets of tests/fuzz/.
 *
 * Each target defines LLVMFuzzerTestOneInput(); it is linked either with
 * libFuzzer (clang, -fsanitize=fuzzer) or with replay_main.c, which runs the
 * committed corpus. A broken invariant aborts, so that both report it.
 */
#ifndef TQE_FUZZ_COMMON_H
#define TQE_FUZZ_COMMON_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tqe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The references/ directory of the source tree (set by CMake). */
#ifndef TQE_DATA_DIR
#error "TQE_DATA_DIR must name the references/ directory"
#endif

/* Abort with a message when an invariant does not hold: libFuzzer saves the
 * input, the replay driver fails its test. */
#define FUZZ_CHECK(cond)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond);           \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

/* An expected library call: a failure other than the listed input errors is
 * a bug (ENOMEM aside, which the sanitizers' allocator does not produce). */
#define FUZZ_OK(ctx, expr)                                                                         \
    do {                                                                                           \
        int fuzz_rc_ = (expr);                                                                     \
        if (fuzz_rc_ != 0) {                                                                       \
            fprintf(stderr, "%s:%d: %s failed: %d %s\n", __FILE__, __LINE__, #expr, fuzz_rc_,      \
                    tqe_ctx_errmsg(ctx));                                                          \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

static inline int fuzz_valid_utf8(const char *s, size_t len)
{
    return tqe_utf8_check(s, len, NULL) == 0;
}

/* Is `off` on a code point boundary of s[0..len)? */
static inline int fuzz_boundary(const char *s, size_t len, size_t off)
{
    return off == 0 || off == len || (off < len && ((unsigned char)s[off] & 0xC0) != 0x80);
}

/*
 * Inputs may ask the harness for a long text without storing it: an input
 * that starts with "#repeat N\n" stands for the rest of the input repeated N
 * times (at most `cap` bytes in all). The seeds use it for huge lines; the
 * returned buffer (or NULL when the input has no such header) is the
 * caller's to free.
 */
static inline char *fuzz_expand(const uint8_t *data, size_t size, size_t cap, size_t *out_len)
{
    static const char tag[] = "#repeat ";
    const size_t taglen = sizeof(tag) - 1;
    if (size < taglen || memcmp(data, tag, taglen) != 0) return NULL;
    size_t i = taglen, n = 0;
    while (i < size && data[i] >= '0' && data[i] <= '9' && n < 100000000)
        n = n * 10 + (size_t)(data[i++] - '0');
    if (i >= size || data[i] != '\n') return NULL;
    const uint8_t *unit = data + i + 1;
    const size_t ulen = size - i - 1;
    if (ulen == 0 || n == 0) return NULL;
    if (n > cap / ulen) n = cap / ulen;
    char *buf = malloc(ulen * n + 1);
    if (!buf) return NULL;
    for (size_t k = 0; k < n; k++) memcpy(buf + k * ulen, unit, ulen);
    buf[ulen * n] = '\0';
    *out_len = ulen * n;
    return buf;
}

/* Split s[0..len) at the first `sep` byte: the head is s[0..*head_len), the
 * tail what follows the separator (empty when there is none). */
static inline void fuzz_split(const char *s, size_t len, char sep, size_t *head_len,
                              const char **tail, size_t *tail_len)
{
    const char *p = memchr(s, sep, len);
    *head_len = p ? (size_t)(p - s) : len;
    *tail = p ? p + 1 : s + len;
    *tail_len = p ? len - *head_len - 1 : 0;
}

/* A writable temporary file of this process, for the readers that take a
 * path; it is removed at exit. */
static char fuzz_tmp_path[64];

static inline void fuzz_tmp_remove(void)
{
    if (fuzz_tmp_path[0]) unlink(fuzz_tmp_path);
}

static inline const char *fuzz_write_tmp(const char *data, size_t len)
{
    if (!fuzz_tmp_path[0]) {
        snprintf(fuzz_tmp_path, sizeof(fuzz_tmp_path), "/tmp/tqe-fuzz-%ld.tmp", (long)getpid());
        atexit(fuzz_tmp_remove);
    }
    FILE *fp = fopen(fuzz_tmp_path, "wb");
    FUZZ_CHECK(fp != NULL);
    FUZZ_CHECK(fwrite(data, 1, len, fp) == len);
    FUZZ_CHECK(fclose(fp) == 0);
    return fuzz_tmp_path;
}

#endif /* TQE_FUZZ_COMMON_H */
