/* tokenize_intl.c - sacreBLEU's intl tokenizer as one scan that yields
 * token slices of the line itself.
 *
 * intl is three regex substitutions, each applied left to right without
 * overlapping matches, then str.split():
 *   1. (\P{N})(\p{P}) -> "\1 \2 "
 *   2. (\p{P})(\P{N}) -> " \1 \2"
 *   3. (\p{S})        -> " \1 "
 * They only insert spaces, and every space goes right next to the matched
 * punctuation or symbol, so the result is the line split at whitespace and
 * around some code points: every symbol, and the punctuation that pass 1
 * or pass 2 matches. Which punctuation is that? With P, N for "is
 * punctuation", "is a number" and m(i) for "pass 1 matches the pair
 * (i-1, i)":
 *
 *   m(i) = P(i) and i > 0 and not N(i-1) and not m(i-1)
 *
 * since i-1 cannot start a match when the match before took it. A
 * punctuation code point i that pass 1 left alone (not m(i)) is free to
 * start a pass-2 match: what comes before it in pass 1's output is nothing
 * (i = 0), a number, or the space pass 1 put after the match (i-2, i-1) -
 * none of them punctuation. What comes after it is i+1, or the space pass 1
 * put before i+1 when i+1 is punctuation; either way it is not a number
 * exactly when i+1 is not. So punctuation stands alone exactly when
 *
 *   m(i) or (i+1 exists and not N(i+1)).
 *
 * Only whitespace, punctuation and symbols ("events") need a look, and the
 * neighbours of punctuation; everything between events extends the open
 * token. The scan stops at the bytes that may start an event (32 at a time
 * where AVX2 is there) and classifies what it stops at: a table for ASCII,
 * per-block tables for the rest of the BMP (below), ICU beyond. */
#include <stdlib.h>
#include <unicode/uchar.h>

#include "tokenize.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define TQE_INTL_AVX2 1
#include <immintrin.h>
#endif

/* What intl makes of a code point. */
enum { IC_OTHER = 1, IC_NUM, IC_SPACE, IC_PUNCT, IC_SYM };

#define O IC_OTHER
#define N IC_NUM
#define W IC_SPACE
#define P IC_PUNCT
#define S IC_SYM
/* ASCII by Unicode general category (and Python's whitespace). */
static const unsigned char ascii_class[128] = {
    O, O, O, O, O, O, O, O, O, W, W, W, W, W, O, O, /* 00 */
    O, O, O, O, O, O, O, O, O, O, O, O, W, W, W, W, /* 10 */
    W, P, P, P, S, P, P, P, P, P, P, S, P, P, P, P, /*  !"#$%&'()*+,-./ */
    N, N, N, N, N, N, N, N, N, N, P, P, S, S, S, P, /* 0-9 :;<=>? */
    P, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, /* @A-O */
    O, O, O, O, O, O, O, O, O, O, O, P, P, P, S, P, /* P-Z [\]^_ */
    S, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, /* `a-o */
    O, O, O, O, O, O, O, O, O, O, O, P, S, P, S, O, /* p-z {|}~ DEL */
};
#undef O
#undef N
#undef W
#undef P
#undef S

static unsigned wide_class(uint32_t c)
{
    if (tqe_py_isspace(c)) return IC_SPACE;
    uint32_t m = U_GET_GC_MASK((UChar32)c);
    if (m & U_GC_P_MASK) return IC_PUNCT;
    if (m & U_GC_S_MASK) return IC_SYM;
    return m & U_GC_N_MASK ? IC_NUM : IC_OTHER;
}

/* ---- the BMP by blocks of 64 code points: those sharing a two-byte lead
 * byte, or a three-byte lead and second byte. A block's events are a bit
 * mask (`events`), and a block of letters and marks only is known to be
 * BLK_OTHER, so that the scan passes letters and classifies the neighbours
 * of punctuation without ICU. A block is classified whole (64 ICU calls)
 * once it has come up BLK_TRIES times; until then its code points are
 * classified one by one, so that a scratch used for one line (tqe_tokenize)
 * does not pay for whole blocks. `blocks` holds the count until then. ---- */
enum { BLK_TRIES = 16, BLK_SOME = 254, BLK_OTHER = 255 };

struct tok_intl {
    unsigned char stop[256];    /* the bytes the scan stops at */
    unsigned char nib[2][16];   /* `stop` for the vector scan */
    unsigned char blocks[1056]; /* BLK_SOME, BLK_OTHER or the tries so far */
    uint64_t events[1056];      /* the code points of each block to look at */
};

tok_intl *tok_intl_new(void)
{
    tok_intl *t = malloc(sizeof(*t));
    if (!t) return NULL;
    /* The bytes the scan stops at: ASCII events, and lead bytes (two-byte
     * ones until their block is known to hold no event). Never
     * continuation bytes: every stop starts a code point. `nib` is the
     * same for the vector scan: row [h >= 8][b & 15] has bit h % 8 set when
     * byte b, of high nibble h, is a stop. */
    for (unsigned b = 0; b < 0x80; b++) t->stop[b] = ascii_class[b] >= IC_SPACE;
    memset(t->nib, 0, sizeof(t->nib));
    for (unsigned h = 0; h < 8; h++) /* (row by row: the compiler vectorizes this) */
        for (unsigned lo = 0; lo < 16; lo++)
            t->nib[0][lo] |= (unsigned char)(t->stop[h << 4 | lo] << h);
    memset(t->stop + 0x80, 0, 0x40);
    memset(t->stop + 0xC0, 1, 0x40);
    memset(t->nib[1], 0xF0, sizeof(t->nib[1])); /* C0..FF */
    memset(t->blocks, 0, sizeof(t->blocks));
    memset(t->events, 0xFF, sizeof(t->events)); /* not known: look */
    return t;
}

/* The block of the code point at u[i] (a lead byte below F0), and the
 * code point's place in it: the last byte's low six bits. */
static inline size_t block_of(const unsigned char *u, size_t i)
{
    return u[i] < 0xE0 ? u[i] & 0x1Fu : 32 + ((u[i] & 0x0Fu) << 6 | (u[i + 1] & 0x3Fu));
}

static inline unsigned bit_of(const unsigned char *u, size_t i)
{
    return u[i + (u[i] < 0xE0 ? 1 : 2)] & 0x3Fu;
}

static void classify_block(tok_intl *t, size_t k)
{
    uint32_t first = (uint32_t)(k < 32 ? k : k - 32) << 6;
    uint64_t events = 0;
    bool other = true;
    for (unsigned j = 0; j < 64; j++) {
        unsigned cls = wide_class(first + j);
        if (cls >= IC_SPACE) events |= (uint64_t)1 << j;
        other = other && cls == IC_OTHER;
    }
    t->events[k] = events;
    t->blocks[k] = other ? BLK_OTHER : BLK_SOME;
    /* A two-byte lead byte alone names its block: no more stops there. */
    if (k < 32 && !events) {
        t->stop[0xC0 | k] = 0;
        t->nib[1][k & 15] &= (unsigned char)~(1u << (4 + (k >> 4)));
    }
}

/* Is the code point at u[i], not ASCII, known to be no event? */
static inline bool quiet_at(const tok_intl *t, const unsigned char *u, size_t i)
{
    return u[i] < 0xF0 && !(t->events[block_of(u, i)] >> bit_of(u, i) & 1);
}

/* The class of the code point at s[i]. */
static unsigned class_at(const tok_intl *t, const char *s, size_t i)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[i] < 0x80) return ascii_class[u[i]];
    if (u[i] < 0xF0 && t->blocks[block_of(u, i)] == BLK_OTHER) return IC_OTHER;
    return wide_class(tqe_u8_next(s, &i));
}

/* The class of the code point that ends at s[i] (i > 0). */
static unsigned class_before(const tok_intl *t, const char *s, size_t i)
{
    do i--;
    while ((s[i] & 0xC0) == 0x80);
    return class_at(t, s, i);
}

/* ---- the scan ---- */

/* Token slices being written: the open token starts at `tok`. `m_end` is
 * where the last punctuation that pass 1 matched ends. */
typedef struct intl_emit {
    tok_slice *v;
    size_t n, tok, m_end;
} intl_emit;

static inline void emit_tok(intl_emit *e, size_t start, size_t end)
{
    e->v[e->n++] = (tok_slice){(uint32_t)start, (uint32_t)(end - start)};
}

/* The event s[i..i+n) of class k. */
static void on_event(intl_emit *e, const tok_intl *t, const char *s, size_t len, size_t i, size_t n,
                     unsigned k)
{
    bool alone = k == IC_SYM;
    if (k == IC_PUNCT) {
        /* m(i): the code point before is no number, nor matched itself. */
        bool m = i > 0 && e->m_end != i && class_before(t, s, i) != IC_NUM;
        if (m) e->m_end = i + n;
        alone = m || (i + n < len && class_at(t, s, i + n) != IC_NUM);
    }
    if (k != IC_SPACE && !alone) return;
    if (i > e->tok) emit_tok(e, e->tok, i);
    if (alone) emit_tok(e, i, i + n);
    e->tok = i + n;
}

/* The code point at s[i], where the scan stopped. */
static void on_stop(intl_emit *e, tok_intl *t, const char *s, size_t len, size_t i)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = tqe_u8_len(u[i]);
    if (n == 2 || n == 3) {
        size_t blk = block_of(u, i);
        if (t->blocks[blk] < BLK_SOME && ++t->blocks[blk] == BLK_TRIES) classify_block(t, blk);
        if (!(t->events[blk] >> bit_of(u, i) & 1)) return;
    }
    unsigned cls = class_at(t, s, i);
    if (cls >= IC_SPACE) on_event(e, t, s, len, i, n, cls);
}

static void scan_scalar(intl_emit *e, tok_intl *t, const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < len; i++)
        if (t->stop[u[i]] && !(u[i] >= 0x80 && quiet_at(t, u, i))) on_stop(e, t, s, len, i);
}

#ifdef TQE_INTL_AVX2
/* Bit k set where p[k] is a stop; lo_t and hi_t are the `nib` rows for
 * the bytes below 0x80 and the others, in both lanes. */
__attribute__((target("avx2"))) static inline uint32_t stop_mask(const unsigned char *p,
                                                                 __m256i lo_t, __m256i hi_t)
{
    const __m256i bit_t =
        _mm256_setr_epi8(1, 2, 4, 8, 16, 32, 64, (char)128, 1, 2, 4, 8, 16, 32, 64, (char)128, 1, 2,
                         4, 8, 16, 32, 64, (char)128, 1, 2, 4, 8, 16, 32, 64, (char)128);
    const __m256i nib = _mm256_set1_epi8(0x0F);
    __m256i v = _mm256_loadu_si256((const __m256i *)p);
    __m256i lo = _mm256_and_si256(v, nib);
    /* blendv takes the second row where the byte's top bit is set */
    __m256i row =
        _mm256_blendv_epi8(_mm256_shuffle_epi8(lo_t, lo), _mm256_shuffle_epi8(hi_t, lo), v);
    __m256i bit = _mm256_shuffle_epi8(bit_t, _mm256_and_si256(_mm256_srli_epi16(v, 4), nib));
    __m256i none = _mm256_cmpeq_epi8(_mm256_and_si256(row, bit), _mm256_setzero_si256());
    return ~(uint32_t)_mm256_movemask_epi8(none);
}

/* The stops of mask m (bit k: byte at + k). ASCII whitespace and symbols,
 * the common events, without a branch on which (the next one is
 * unpredictable); letters of known blocks skipped inline; the rest
 * through on_stop. */
static inline void on_stops(intl_emit *e, tok_intl *t, const char *s, size_t len, size_t at,
                            uint32_t m)
{
    const unsigned char *u = (const unsigned char *)s;
    /* The emit state in locals: *e is only synchronized around on_stop,
     * which the compiler would otherwise make it reload and store for
     * every stop. */
    tok_slice *v = e->v;
    size_t n = e->n, tok = e->tok;
    for (; m; m &= m - 1) {
        size_t i = at + (size_t)__builtin_ctz(m);
        unsigned c = u[i];
        if (c >= 0x80 && quiet_at(t, u, i)) continue;
        if (c >= 0x80 || ascii_class[c] == IC_PUNCT) {
            e->n = n;
            e->tok = tok;
            on_stop(e, t, s, len, i);
            n = e->n;
            tok = e->tok;
            continue;
        }
        uint32_t alone = ascii_class[c] == IC_SYM;
        v[n] = (tok_slice){(uint32_t)tok, (uint32_t)(i - tok)};
        n += i > tok;
        v[n] = (tok_slice){(uint32_t)i, 1};
        n += alone;
        tok = i + 1;
    }
    e->n = n;
    e->tok = tok;
}

/* scan_scalar 32 bytes at a time. The last block is the text's last 32
 * bytes, overlapping the one before; texts shorter than that are copied. */
__attribute__((target("avx2"))) static void scan_avx2(intl_emit *e, tok_intl *t, const char *s,
                                                      size_t len)
{
    __m256i lo_t = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)t->nib[0]));
    __m256i hi_t = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)t->nib[1]));
    const unsigned char *u = (const unsigned char *)s;
    size_t at = 0;
    for (; len - at > 32; at += 32) on_stops(e, t, s, len, at, stop_mask(u + at, lo_t, hi_t));
    uint32_t m = 0;
    if (len >= 32) {
        m = stop_mask(u + len - 32, lo_t, hi_t) >> (at - (len - 32));
    } else if (len > 0) {
        unsigned char tail[32] = {0};
        memcpy(tail, u, len);
        m = stop_mask(tail, lo_t, hi_t) & ((1u << len) - 1);
    }
    on_stops(e, t, s, len, at, m);
}
#endif

size_t scan_intl(tok_slice *v, tok_intl *t, bool scalar, const char *s, size_t len)
{
    intl_emit e = {v, 0, 0, 0};
#ifdef TQE_INTL_AVX2
    if (!scalar && __builtin_cpu_supports("avx2"))
        scan_avx2(&e, t, s, len);
    else
#endif
        scan_scalar(&e, t, s, len);
    if (len > e.tok) emit_tok(&e, e.tok, len);
    return e.n;
}
