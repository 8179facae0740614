/* internal.h - private helpers shared by the library's modules. Not installed. */
#ifndef TQE_INTERNAL_H
#define TQE_INTERNAL_H

#include <assert.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tqe.h"

#define TQE_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* For loop bodies written once and specialized by constant arguments at
 * each call site: the specialization needs the inlining. */
#if defined(__GNUC__) || defined(__clang__)
#define TQE_ALWAYS_INLINE inline __attribute__((always_inline))
#define TQE_UNLIKELY(x)   __builtin_expect(!!(x), 0)
#else
#define TQE_ALWAYS_INLINE inline
#define TQE_UNLIKELY(x)   (x)
#endif
#define TQE_MIN(a, b) ((a) < (b) ? (a) : (b))
#define TQE_MAX(a, b) ((a) > (b) ? (a) : (b))

/* Shorthand for "store a message and return the status" at the place where an
 * error is found: `return tqe_err(ctx, TQE_EINVAL, "bad %s", x);` */
#define tqe_err      tqe_ctx_seterr
#define tqe_oom(ctx) tqe_ctx_seterr((ctx), TQE_ENOMEM, "out of memory")

/* Overflow-checked allocation helpers: NULL on overflow or failure. */
static inline void *tqe_calloc(size_t n, size_t size)
{
    return calloc(n ? n : 1, size ? size : 1);
}
static inline void *tqe_reallocarray(void *p, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size) return NULL;
    size_t bytes = n * size;
    return realloc(p, bytes ? bytes : 1);
}
char *tqe_strndup(const char *s, size_t len);

/* Remove the findings from index `from` on that `drop` says yes to,
 * keeping the order of the rest; returns how many went (issues.c). */
size_t issue_list_remove_if(tqe_issue_list *l, size_t from, bool (*drop)(const tqe_issue *, void *),
                            void *arg);

/* tqe_entities_check() of the source tqe_entities_extract() was last given,
 * without extracting again (entities.c). */
int entities_check_extracted(tqe_issue_list *out, tqe_entities *e, const char *tgt, size_t tgt_len,
                             const tqe_glossary *g, tqe_entity_stats *counts);
/* Count each name tqe_entities_check checks in `t` (NULL: none; entities.c). */
void entities_set_tally(tqe_entities *e, tqe_name_tally *t);

/* Append s with TAB, LF, CR and backslash written \t \n \r \\: a field
 * of tqe's TSV outputs (report_issues.c). */
int tsv_escape(tqe_buf *out, const char *s);

/* Name a docset built in memory after the file it came from (docs.c). */
int docset_set_name(tqe_docset *ds, const char *name);

/* a if c else b, as arithmetic: GCC turns ?: on unpredictable conditions
 * (token lengths, found or not) into branches, which hot loops mispredict. */
static inline uint64_t tqe_select(bool c, uint64_t a, uint64_t b)
{
    uint64_t m = 0 - (uint64_t)c;
    return (a & m) | (b & ~m);
}

int tqe_grow_slow(void **arr, size_t *cap, size_t need, size_t size);

/* qsort comparator of doubles (resample.c). */
int tqe_cmp_double(const void *x, const void *y);
/* Sort v[0..n) (n > 0) and give the 95% interval sacreBLEU's bootstrap takes:
 * v[n/40] and v[n - n/40 - 1] (resample.c). */
void tqe_interval95(double *v, size_t n, double *lo, double *hi);
/* Grow an array `*arr` of `*cap` elements of `size` bytes to hold at least
 * `need` elements (doubling). Returns 0 or TQE_ENOMEM (no message set). */
static inline int tqe_grow(void **arr, size_t *cap, size_t need, size_t size)
{
    /* Inline: called for every line and token list, and nearly always a no-op. */
    return need <= *cap ? TQE_OK : tqe_grow_slow(arr, cap, need, size);
}

/* ---- UTF-8 decoding (input is validated when read) ---- */

/* Decode one code point at s[*i] (valid UTF-8 assumed), advance *i. */
static inline uint32_t tqe_u8_next(const char *s, size_t *i)
{
    const unsigned char *p = (const unsigned char *)s + *i;
    uint32_t c = p[0];
    if (c < 0x80) {
        *i += 1;
        return c;
    }
    if (c < 0xE0) {
        *i += 2;
        return ((c & 0x1F) << 6) | (p[1] & 0x3F);
    }
    if (c < 0xF0) {
        *i += 3;
        return ((c & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    }
    *i += 4;
    return ((c & 0x07) << 18) | ((uint32_t)(p[1] & 0x3F) << 12) | ((uint32_t)(p[2] & 0x3F) << 6) |
           (p[3] & 0x3F);
}

/* Number of bytes of the sequence starting with lead byte b (valid UTF-8). */
static inline size_t tqe_u8_len(unsigned char b)
{
    return b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
}

/* Encode c into out (at least 4 bytes); returns the byte count. */
static inline size_t tqe_u8_put(char *out, uint32_t c)
{
    unsigned char *o = (unsigned char *)out;
    if (c < 0x80) {
        o[0] = (unsigned char)c;
        return 1;
    }
    if (c < 0x800) {
        o[0] = (unsigned char)(0xC0 | (c >> 6));
        o[1] = (unsigned char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (c >> 12));
        o[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (c & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (c >> 18));
    o[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (c & 0x3F));
    return 4;
}

/* Whitespace as Python's str.split()/str.isspace() define it (Unicode 14):
 * U+0009-000D, U+001C-001F, U+0020, U+0085, U+00A0, U+1680, U+2000-200A,
 * U+2028, U+2029, U+202F, U+205F, U+3000. */
static inline bool tqe_py_isspace(uint32_t c)
{
    if (c < 0x80) return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20);
    if (c < 0x1680) return c == 0x85 || c == 0xA0;
    return c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
           c == 0x202F || c == 0x205F || c == 0x3000;
}

/* If s[i..] starts with Python whitespace, its byte length, else 0. */
static inline size_t tqe_py_space_at(const char *s, size_t len, size_t i)
{
    unsigned char b = (unsigned char)s[i];
    if (b < 0x80) return ((b >= 0x09 && b <= 0x0D) || (b >= 0x1C && b <= 0x20)) ? 1 : 0;
    if (b != 0xC2 && b != 0xE1 && b != 0xE2 && b != 0xE3) return 0;
    size_t j = i;
    uint32_t c = tqe_u8_next(s, &j);
    (void)len;
    return tqe_py_isspace(c) ? j - i : 0;
}

#endif /* TQE_INTERNAL_H */
