/*
 * fuzz_tokenize.c - the BLEU tokenizers, TER's tercom normalization and
 * lowercasing on one valid UTF-8 line.
 *
 * The library takes validated UTF-8, so other input is rejected here (the
 * reader target covers validation). Invariants: the output is valid UTF-8;
 * 13a, intl, zh and tercom collapse whitespace, so their output has no
 * leading, trailing or double space; "none" returns the line unchanged;
 * "char" has one code point per token.
 */
#include "fuzz_common.h"

static void check_collapsed(const tqe_buf *b)
{
    if (b->len == 0) return;
    FUZZ_CHECK(b->data[0] != ' ' && b->data[b->len - 1] != ' ');
    for (size_t i = 1; i < b->len; i++) FUZZ_CHECK(!(b->data[i] == ' ' && b->data[i - 1] == ' '));
}

static void run(tqe_ctx *ctx, const char *s, size_t len, unsigned opts)
{
    tqe_buf out = TQE_BUF_INIT;
    const tqe_tokenizer toks[] = {TQE_TOK_NONE, TQE_TOK_13A, TQE_TOK_INTL, TQE_TOK_ZH,
                                  TQE_TOK_CHAR};
    for (size_t k = 0; k < sizeof(toks) / sizeof(toks[0]); k++) {
        FUZZ_OK(ctx, tqe_tokenize(&out, ctx, toks[k], s, len));
        FUZZ_CHECK(fuzz_valid_utf8(out.data ? out.data : "", out.len));
        if (toks[k] == TQE_TOK_NONE)
            FUZZ_CHECK(out.len == len && (len == 0 || memcmp(out.data, s, len) == 0));
        else if (toks[k] == TQE_TOK_CHAR)
            FUZZ_CHECK(tqe_char_count(out.data ? out.data : "", out.len) ==
                       (len ? 2 * tqe_char_count(s, len) - 1 : 0));
        else
            check_collapsed(&out);
    }

    tqe_ter_options o = TQE_TER_OPTIONS_INIT;
    o.case_sensitive = (opts & 1) != 0;
    o.normalized = (opts & 2) != 0;
    o.no_punct = (opts & 4) != 0;
    o.asian_support = (opts & 8) != 0;
    FUZZ_OK(ctx, tqe_tokenize_tercom(&out, ctx, &o, s, len));
    FUZZ_CHECK(fuzz_valid_utf8(out.data ? out.data : "", out.len));
    check_collapsed(&out);

    FUZZ_OK(ctx, tqe_lowercase(&out, ctx, s, len));
    FUZZ_CHECK(fuzz_valid_utf8(out.data ? out.data : "", out.len));
    tqe_buf_free(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static tqe_ctx *ctx;
    if (!ctx) FUZZ_OK(NULL, tqe_ctx_new(&ctx));
    tqe_ctx_clear(ctx);
    if (size == 0) return 0;
    /* The first byte picks the tercom options; the rest is the line. */
    const unsigned opts = data[0];
    size_t len;
    char *big = fuzz_expand(data + 1, size - 1, (size_t)1 << 20, &len);
    const char *s = big ? big : (const char *)data + 1;
    if (!big) len = size - 1;
    if (fuzz_valid_utf8(s, len)) {
        /* The callers strip trailing whitespace first, as sacreBLEU does. */
        run(ctx, s, tqe_utf8_rstrip_len(s, len), opts);
    }
    free(big);
    return 0;
}
