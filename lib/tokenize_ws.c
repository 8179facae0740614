/* tokenize_ws.c - Python's str.split() into token slices: what the `none`
 * tokenizer yields.
 *
 * Only a few bytes can start whitespace: ASCII up to the space, and the
 * lead bytes C2 (U+0085, U+00A0), E1 (U+1680), E2 (U+2000...) and E3
 * (U+3000). Everything between two such bytes extends the open token, so
 * the scan looks at those bytes alone, found 32 at a time where AVX2 is
 * there. Continuation bytes are never among them: a whitespace character
 * of several bytes is handled at its lead byte and its tail is skipped by
 * construction. */
#include "tokenize.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define TQE_WS_AVX2 1
#include <immintrin.h>
#endif

/* Slices being written; the open token starts at `tok`. */
typedef struct ws_emit {
    tok_slice *v;
    size_t n, tok;
} ws_emit;

/* Whitespace at s[i] (any byte of the line) ends the open token. */
static inline void ws_at(ws_emit *e, const char *s, size_t len, size_t i)
{
    size_t sp = tqe_py_space_at(s, len, i);
    if (!sp) return;
    if (i > e->tok) e->v[e->n++] = (tok_slice){(uint32_t)e->tok, (uint32_t)(i - e->tok)};
    e->tok = i + sp;
}

/* tqe_py_space_at refuses every other byte at its first test, so the
 * portable scan simply asks at each one. */
static void split_scalar(ws_emit *e, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) ws_at(e, s, len, i);
}

#ifdef TQE_WS_AVX2
/* Bit k set where p[k] may start whitespace. */
__attribute__((target("avx2"))) static inline uint32_t ws_mask(const unsigned char *p)
{
    __m256i v = _mm256_loadu_si256((const __m256i *)p);
    __m256i low = _mm256_cmpeq_epi8(_mm256_min_epu8(v, _mm256_set1_epi8(0x20)), v);
    uint32_t m = (uint32_t)_mm256_movemask_epi8(low);
    if (_mm256_movemask_epi8(v) == 0) return m;
    __m256i d = _mm256_sub_epi8(v, _mm256_set1_epi8((char)0xE1)); /* E1..E3 -> 0..2 */
    __m256i e123 = _mm256_cmpeq_epi8(_mm256_min_epu8(d, _mm256_set1_epi8(2)), d);
    __m256i c2 = _mm256_cmpeq_epi8(v, _mm256_set1_epi8((char)0xC2));
    return m | (uint32_t)_mm256_movemask_epi8(_mm256_or_si256(e123, c2));
}

/* The candidates of mask m (bit k: byte at + k). ASCII ones, nearly all of
 * them spaces, without a branch on what they are. */
static inline void ws_events(ws_emit *e, const char *s, size_t len, size_t at, uint32_t m)
{
    const unsigned char *u = (const unsigned char *)s;
    tok_slice *v = e->v;
    size_t n = e->n, tok = e->tok;
    for (; m; m &= m - 1) {
        size_t i = at + (size_t)__builtin_ctz(m);
        unsigned c = u[i];
        if (c >= 0x80) {
            e->n = n, e->tok = tok;
            ws_at(e, s, len, i);
            n = e->n, tok = e->tok;
            continue;
        }
        uint32_t ws = (c - 0x09u <= 0x0Du - 0x09u) | (c - 0x1Cu <= 0x20u - 0x1Cu);
        v[n] = (tok_slice){(uint32_t)tok, (uint32_t)(i - tok)};
        n += ws & (i > tok);
        tok = (size_t)tqe_select(ws, i + 1, tok);
    }
    e->n = n, e->tok = tok;
}

/* As split_scalar. The last block is the text's last 32 bytes, overlapping
 * the one before; texts shorter than that are copied. */
__attribute__((target("avx2"))) static void split_avx2(ws_emit *e, const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t at = 0;
    for (; len - at > 32; at += 32) ws_events(e, s, len, at, ws_mask(u + at));
    uint32_t m = 0;
    if (len >= 32) {
        m = ws_mask(u + len - 32) >> (at - (len - 32));
    } else if (len > 0) {
        unsigned char tail[32] = {0};
        memcpy(tail, u, len);
        m = ws_mask(tail) & ((1u << len) - 1);
    }
    ws_events(e, s, len, at, m);
}
#endif

size_t split_ws(tok_slice *v, const char *s, size_t len, bool scalar)
{
    ws_emit e = {v, 0, 0};
#ifdef TQE_WS_AVX2
    if (!scalar && __builtin_cpu_supports("avx2"))
        split_avx2(&e, s, len);
    else
#endif
        split_scalar(&e, s, len);
    (void)scalar;
    if (len > e.tok) e.v[e.n++] = (tok_slice){(uint32_t)e.tok, (uint32_t)(len - e.tok)};
    return e.n;
}
