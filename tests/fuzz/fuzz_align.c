/*
 * fuzz_align.c - paragraph alignment.
 *
 * Input: a byte choosing the target language (from the list below) and
 * whether the search band is automatic or narrow, then the source and the
 * translation separated by '\f', each split into paragraphs on '\n'; input
 * that is not valid UTF-8 is rejected, as the library takes validated text.
 * Invariants: the beads cover every paragraph of both sides exactly once,
 * in order; a bead's kind agrees with its counts; confidences are in
 * [0, 1] and length z-scores are finite.
 */
#include "fuzz_common.h"

static const char *const langs[] = {"de", "fr", "es", "ru", "zh", "ja", "cs", "en"};
#define NLANGS (sizeof(langs) / sizeof(langs[0]))

static const size_t kind_counts[TQE_BEAD_KIND_COUNT][2] = {
    [TQE_BEAD_1_1] = {1, 1}, [TQE_BEAD_1_0] = {1, 0}, [TQE_BEAD_0_1] = {0, 1},
    [TQE_BEAD_2_1] = {2, 1}, [TQE_BEAD_1_2] = {1, 2}, [TQE_BEAD_2_2] = {2, 2},
    [TQE_BEAD_3_1] = {3, 1}, [TQE_BEAD_1_3] = {1, 3},
};

/* Opened once per process per language and band (costly ICU services). */
static tqe_aligner *aligner(tqe_ctx *ctx, size_t lang, int narrow)
{
    static tqe_aligner *a[NLANGS][2];
    if (!a[lang][narrow]) {
        tqe_align_options o = TQE_ALIGN_OPTIONS_INIT;
        o.band = narrow ? 2 : 0;
        FUZZ_OK(ctx, tqe_aligner_new(&a[lang][narrow], ctx, "en", langs[lang], TQE_DATA_DIR, &o));
    }
    return a[lang][narrow];
}

/* Split into paragraphs on '\n'; the arrays are the caller's to free. */
static size_t paragraphs(const char *s, size_t len, const char ***p, size_t **plen)
{
    size_t n = 1;
    for (size_t i = 0; i < len; i++) n += s[i] == '\n';
    *p = malloc(n * sizeof(**p));
    *plen = malloc(n * sizeof(**plen));
    FUZZ_CHECK(*p && *plen);
    for (size_t k = 0; k < n; k++) {
        const char *tail;
        size_t head, tail_len;
        fuzz_split(s, len, '\n', &head, &tail, &tail_len);
        (*p)[k] = s;
        (*plen)[k] = head;
        s = tail;
        len = tail_len;
    }
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static tqe_ctx *ctx;
    if (!ctx) FUZZ_OK(NULL, tqe_ctx_new(&ctx));
    tqe_ctx_clear(ctx);
    if (size < 1) return 0;
    const char *text = (const char *)data + 1;
    const size_t len = size - 1;
    if (!fuzz_valid_utf8(text, len)) return 0;
    tqe_aligner *a = aligner(ctx, (data[0] & 0x7f) % NLANGS, data[0] >> 7);
    const char *tgt;
    size_t src_len, tgt_len;
    fuzz_split(text, len, '\f', &src_len, &tgt, &tgt_len);
    const char **sp, **tp;
    size_t *sl, *tl;
    /* An empty side has no paragraphs at all. */
    const size_t m = src_len ? paragraphs(text, src_len, &sp, &sl) : 0;
    const size_t n = tgt_len ? paragraphs(tgt, tgt_len, &tp, &tl) : 0;
    if (!m) sp = NULL, sl = NULL;
    if (!n) tp = NULL, tl = NULL;

    const tqe_bead *b;
    size_t nb;
    FUZZ_OK(ctx, tqe_align(a, sp, sl, m, tp, tl, n, &b, &nb));
    size_t i = 0, j = 0;
    for (size_t k = 0; k < nb; k++) {
        FUZZ_CHECK((unsigned)b[k].kind < TQE_BEAD_KIND_COUNT);
        FUZZ_CHECK(b[k].src_count == kind_counts[b[k].kind][0]);
        FUZZ_CHECK(b[k].tgt_count == kind_counts[b[k].kind][1]);
        FUZZ_CHECK(b[k].src_start == i && b[k].tgt_start == j);
        i += b[k].src_count;
        j += b[k].tgt_count;
        FUZZ_CHECK(b[k].confidence >= 0 && b[k].confidence <= 1 + 1e-9);
        FUZZ_CHECK(isfinite(b[k].length_z));
    }
    FUZZ_CHECK(i == m && j == n);
    free(sp);
    free(sl);
    free(tp);
    free(tl);
    return 0;
}
