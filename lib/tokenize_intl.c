/* tokenize_intl.c - sacreBLEU's intl tokenizer as one scan over the line
 * that yields token slices of the line itself.
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
 * The scan decides that with one look at each code point: the state is
 * whether the previous code point blocks a pass-1 match (none, a number,
 * or m), and a punctuation code point that is not m waits for the next
 * code point to know whether it stands alone or stays in its token. Each
 * code point is classified once: a table for ASCII, ICU for the rest. */
#include <unicode/uchar.h>

#include "tokenize.h"

/* What intl makes of a code point. Zero is left for "not yet known". */
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

/* The code point at s[*i], stepped over, by class. */
static inline unsigned next_class(const char *s, size_t *i)
{
    unsigned char b = (unsigned char)s[*i];
    if (b < 0x80) {
        *i += 1;
        return ascii_class[b];
    }
    return wide_class(tqe_u8_next(s, i));
}

size_t scan_intl(tok_slice *v, const char *s, size_t len)
{
    scan st = {v, 0, SIZE_MAX, 0};
    bool blocks = true;     /* the previous code point cannot start a pass-1 match */
    size_t wait = SIZE_MAX; /* punctuation waiting for the next code point */
    size_t wait_end = 0;
    for (size_t i = 0; i < len;) {
        size_t at = i;
        unsigned k = next_class(s, &i);
        if (wait != SIZE_MAX) {
            if (k == IC_NUM) {
                extend_tok(&st, wait, wait_end - wait);
            } else {
                close_tok(&st);
                push_tok(&st, wait, wait_end);
            }
            wait = SIZE_MAX;
        }
        switch (k) {
        case IC_OTHER:
        case IC_NUM:
            extend_tok(&st, at, i - at);
            blocks = k == IC_NUM;
            break;
        case IC_SPACE:
            close_tok(&st);
            blocks = false;
            break;
        case IC_SYM:
            close_tok(&st);
            push_tok(&st, at, i);
            blocks = false;
            break;
        default:           /* IC_PUNCT */
            if (!blocks) { /* m(i): alone, and blocks the next match */
                close_tok(&st);
                push_tok(&st, at, i);
                blocks = true;
            } else {
                wait = at;
                wait_end = i;
                blocks = false;
            }
        }
    }
    /* Last code point of the line: pass 2 has nothing to pair it with. */
    if (wait != SIZE_MAX) extend_tok(&st, wait, wait_end - wait);
    close_tok(&st);
    return st.n;
}
