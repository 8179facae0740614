/* tokenize.h - sacreBLEU's BLEU tokenizers on scratch buffers owned by the caller. */
#ifndef TQE_TOKENIZE_H
#define TQE_TOKENIZE_H

#include "internal.h"

/* Two work buffers reused across calls so that tokenizing a line allocates
 * nothing once the buffers have grown to the longest line. */
typedef struct tok_scratch {
    tqe_buf a, b;
    bool tables_ready;
    unsigned char plain[2][256]; /* see scan_13a: [0] for 13a, [1] for zh */
} tok_scratch;

void tok_scratch_free(tok_scratch *sc);

/* Tokenize s[0..len) with `tok` into `out` (replaced). Returns 0 or TQE_ENOMEM
 * (no message set). `out` must not be one of the scratch buffers. */
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

/* Tokenize s[0..len) with `tok` into slices of *base, which is either s or a
 * scratch buffer (valid until the scratch is used again). Returns 0 or
 * TQE_ENOMEM (no message set), TQE_ELIMIT for lines of 4 GiB or more. */
int tokenize_slices(tok_scratch *sc, tok_list *out, const char **base, tqe_tokenizer tok,
                    const char *s, size_t len);

/* ' '.join(s.split()) with Python's whitespace set, appended to out. */
int collapse_whitespace(tqe_buf *out, const char *s, size_t len);

/* Is c one of the characters sacreBLEU's zh tokenizer isolates? (The ranges
 * its comparison of one-character strings really selects, see the README of
 * the conformance data.) */
bool zh_is_chinese(uint32_t c);

#endif
