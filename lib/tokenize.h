/* tokenize.h - sacreBLEU's BLEU tokenizers on scratch buffers owned by the caller. */
#ifndef TQE_TOKENIZE_H
#define TQE_TOKENIZE_H

#include "internal.h"

/* Two work buffers reused across calls so that tokenizing a line allocates
 * nothing once the buffers have grown to the longest line. */
typedef struct tok_scratch {
    tqe_buf a, b;
    bool tables_ready;
    bool scalar;                  /* tests: use the portable scans only */
    unsigned char plain[2][256];  /* see scan_scalar: [0] for 13a, [1] for zh */
    unsigned char events[2][128]; /* see on_events: [1] when preprocessing may be needed */
    struct tok_intl *intl;        /* intl's tables, made on first use */
} tok_scratch;

/* What an ASCII byte the 13a scan stops at does (tok_scratch.events). */
enum { EV_NONE, EV_SPACE, EV_ALONE, EV_DASH, EV_SLOW };

void tok_scratch_free(tok_scratch *sc);

/* Tokenize s[0..len) (valid UTF-8) with `tok` into `out` (replaced).
 * Returns 0, TQE_ENOMEM, TQE_ELIMIT (13a/zh: a line of 4 GiB or more) or
 * TQE_EINVAL (an unknown tokenizer); no message set. `out` must not be one
 * of the scratch buffers. */
int tokenize_line(tok_scratch *sc, tqe_buf *out, tqe_tokenizer tok, const char *s, size_t len);

/* Tokens as slices of a text: what BLEU counts, without building a string. */
typedef struct tok_slice {
    uint32_t off, len;
} tok_slice;

typedef struct tok_list {
    tok_slice *v;
    size_t n, cap;
} tok_list;

void tok_list_free(tok_list *l);

/* Token emission. The caller reserves one slot per byte (a token has at
 * least one), so pushing needs no capacity check on the hot path. */
typedef struct scan {
    tok_slice *v;
    size_t n;
    size_t start, end; /* the open token; start == SIZE_MAX when none */
} scan;

static inline int scan_begin(scan *sc, tok_list *out, size_t len)
{
    if (tqe_grow((void **)&out->v, &out->cap, len + 1, sizeof(*out->v))) return TQE_ENOMEM;
    sc->v = out->v;
    sc->n = 0;
    sc->start = SIZE_MAX;
    return TQE_OK;
}

static inline void push_tok(scan *sc, size_t start, size_t end)
{
    sc->v[sc->n++] = (tok_slice){(uint32_t)start, (uint32_t)(end - start)};
}

static inline void close_tok(scan *sc)
{
    if (sc->start != SIZE_MAX) push_tok(sc, sc->start, sc->end);
    sc->start = SIZE_MAX;
}

static inline void extend_tok(scan *sc, size_t i, size_t clen)
{
    if (sc->start == SIZE_MAX) sc->start = i;
    sc->end = i + clen;
}

/* Fill the tables of tok_scratch (tokenize_13a.c). */
void scan_13a_tables(tok_scratch *t);

/* The tokens of s[0..len) by 13a's break rules (zh: the zh tokenizer's, on a
 * stripped line), appended to sc (room for len + 1 slices). With `bail`,
 * returns false without a result when s contains '&', '<' or '\n': 13a
 * must rewrite it first (entities, "<skipped>", line breaks). */
bool scan_13a(scan *sc, const tok_scratch *t, const char *s, size_t len, bool zh, bool bail);

/* What the intl scan learns about the code points it meets (tokenize_intl.c):
 * new tables, or NULL when out of memory; free() them. */
typedef struct tok_intl tok_intl;
tok_intl *tok_intl_new(void);

/* sacreBLEU's intl tokens of s[0..len) (valid UTF-8) into v (room for
 * len + 1 slices): slices of s. Returns how many. `scalar`: the portable
 * scan only (tests). */
size_t scan_intl(tok_slice *v, tok_intl *t, bool scalar, const char *s, size_t len);

/* Python's str.split() of s[0..len) (valid UTF-8) into v (room for len + 1
 * slices); returns how many. `scalar`: the portable scan only (tests). */
size_t split_ws(tok_slice *v, const char *s, size_t len, bool scalar);

/* Tokenize s[0..len) with `tok` (not char: BLEU reads its code points
 * straight into ids, bleu.c) into slices of *base, which is either s or a
 * scratch buffer (valid until the scratch is used again). Returns 0 or
 * TQE_ENOMEM (no message set), TQE_ELIMIT for lines of 4 GiB or more,
 * TQE_EINVAL for char or an unknown tokenizer. */
int tokenize_slices(tok_scratch *sc, tok_list *out, const char **base, tqe_tokenizer tok,
                    const char *s, size_t len);

/* out = s with every non-overlapping occurrence of pat replaced by rep, in
 * one left-to-right pass (Python's str.replace). 0 or TQE_ENOMEM. */
int replace_all(tqe_buf *out, const char *s, size_t len, const char *pat, size_t plen,
                const char *rep, size_t rlen);
/* The four XML entities mteval (13a) and tercom unescape, in the order
 * sacreBLEU replaces them ("&amp;lt;" becomes "<"): {entity, character}. */
extern const char *const xml_entities[4][2];

/* ' '.join(s.split()) with Python's whitespace set, appended to out. */
int collapse_whitespace(tqe_buf *out, const char *s, size_t len);

/* Is c one of the characters sacreBLEU's zh tokenizer isolates? (The ranges
 * its comparison of one-character strings really selects, see the README of
 * the conformance data.) */
bool zh_is_chinese(uint32_t c);

#endif
