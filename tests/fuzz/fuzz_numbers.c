/*
 * fuzz_numbers.c - number extraction in several languages and the
 * comparison of a text with its translation.
 *
 * Input: a byte choosing the source language, one choosing the target
 * language (from the list below), then the source and the target text
 * separated by '\f'; input that is not valid UTF-8 is rejected, as the
 * library takes validated text. Invariants: mentions have non-empty spans
 * inside the text, on code point boundaries, in text order, with a known
 * kind and a finite value; the comparison's counts agree with its
 * findings, and findings quote valid UTF-8 from inside the texts.
 */
#include "fuzz_issues.h"

static const char *const langs[] = {"en", "de", "es", "fr", "ru",    "zh",     "ja",
                                    "it", "pt", "nl", "pl", "cs",    "uk",     "ko",
                                    "hr", "id", "ms", "ar", "pt-BR", "zh-Hant"};
#define NLANGS (sizeof(langs) / sizeof(langs[0]))

/* The extractors are opened once per process (ICU services are costly):
 * one per language and side, since comparing needs two handles. */
static tqe_numbers *extractor(tqe_ctx *ctx, size_t side, size_t lang)
{
    static tqe_numbers *x[2][NLANGS];
    if (!x[side][lang])
        FUZZ_OK(ctx, tqe_numbers_new(&x[side][lang], ctx, langs[lang], TQE_DATA_DIR));
    return x[side][lang];
}

static void check_mentions(const char *s, size_t len, const tqe_number *v, size_t n)
{
    tqe_buf b = TQE_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        FUZZ_CHECK(v[i].start < v[i].end && v[i].end <= len);
        FUZZ_CHECK(fuzz_boundary(s, len, v[i].start) && fuzz_boundary(s, len, v[i].end));
        if (i) FUZZ_CHECK(v[i - 1].start <= v[i].start);
        FUZZ_CHECK(tqe_num_kind_name(v[i].kind) != NULL);
        FUZZ_CHECK(isfinite(v[i].value) && isfinite(v[i].alt_value));
        FUZZ_CHECK(memchr(v[i].unit, '\0', sizeof(v[i].unit)) != NULL);
        FUZZ_CHECK(fuzz_valid_utf8(v[i].unit, strlen(v[i].unit)));
        tqe_buf_clear(&b);
        FUZZ_OK(NULL, tqe_number_describe(&b, &v[i]));
        FUZZ_CHECK(fuzz_valid_utf8(b.data ? b.data : "", b.len));
    }
    tqe_buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static tqe_ctx *ctx;
    if (!ctx) FUZZ_OK(NULL, tqe_ctx_new(&ctx));
    tqe_ctx_clear(ctx);
    if (size < 2) return 0;
    const size_t la = data[0] % NLANGS, lb = data[1] % NLANGS;
    size_t len;
    char *big = fuzz_expand(data + 2, size - 2, (size_t)256 << 10, &len);
    const char *text = big ? big : (const char *)data + 2;
    if (!big) len = size - 2;
    if (!fuzz_valid_utf8(text, len)) {
        free(big);
        return 0;
    }
    const char *tgt;
    size_t src_len, tgt_len;
    fuzz_split(text, len, '\f', &src_len, &tgt, &tgt_len);

    tqe_numbers *xa = extractor(ctx, 0, la), *xb = extractor(ctx, 1, lb);
    const tqe_number *s, *t;
    size_t ns, nt;
    FUZZ_OK(ctx, tqe_numbers_extract(xa, text, src_len, &s, &ns));
    check_mentions(text, src_len, s, ns);
    FUZZ_OK(ctx, tqe_numbers_extract(xb, tgt, tgt_len, &t, &nt));
    check_mentions(tgt, tgt_len, t, nt);

    tqe_issue_list *l;
    FUZZ_OK(NULL, tqe_issue_list_new(&l));
    tqe_numbers_stats st;
    memset(&st, 0, sizeof(st));
    FUZZ_OK(ctx, tqe_numbers_compare(l, ctx, text, src_len, s, ns, tgt, tgt_len, t, nt, &st));
    fuzz_check_issues(l, 0, text, src_len, tgt, tgt_len);
    FUZZ_CHECK(st.src <= ns && st.tgt <= nt && st.ok <= st.src && st.ambiguous <= st.ok);
    FUZZ_CHECK(st.missing + st.altered + st.extra == tqe_issue_list_count(l));
    tqe_issue_list_free(l);
    free(big);
    return 0;
}
