/* test_align.c - paragraph alignment: every paragraph in one bead, in order,
 * whatever the search band. */
#include "testutil.h"

/* Align m source with n target paragraphs of plain text with a band of
 * half-width `band`; check that the beads cover both sides in order. */
static void align_counts(tqe_ctx *ctx, int band, size_t m, size_t n)
{
    tqe_align_options o = TQE_ALIGN_OPTIONS_INIT;
    o.band = band;
    tqe_aligner *a;
    assert_int_equal(tqe_aligner_new(&a, ctx, "en", "de", NULL, &o), 0);
    const char *src[64], *tgt[64];
    size_t sl[64], tl[64];
    assert_true(m <= 64 && n <= 64);
    for (size_t i = 0; i < m; i++) src[i] = "The meeting opened at nine.", sl[i] = strlen(src[i]);
    for (size_t j = 0; j < n; j++) tgt[j] = "Die Sitzung begann.", tl[j] = strlen(tgt[j]);
    const tqe_bead *b;
    size_t nb, i = 0, j = 0;
    if (tqe_align(a, src, sl, m, tgt, tl, n, &b, &nb))
        fail_msg("band %d, %zu x %zu: %s", band, m, n, tqe_ctx_errmsg(ctx));
    for (size_t k = 0; k < nb; k++) {
        assert_int_equal(b[k].src_start, i);
        assert_int_equal(b[k].tgt_start, j);
        i += b[k].src_count;
        j += b[k].tgt_count;
    }
    assert_int_equal(i, m);
    assert_int_equal(j, n);
    tqe_aligner_free(a);
}

/* A narrow band on a steep diagonal (2 source, 40 target paragraphs) had
 * rows that did not reach each other: "no alignment within the search
 * band" (found by fuzz_align). */
static void test_narrow_band(void **state)
{
    tqe_ctx *ctx = *state;
    align_counts(ctx, 2, 2, 40);
    align_counts(ctx, 1, 1, 10);
    align_counts(ctx, 2, 40, 2);
    align_counts(ctx, 1, 7, 64);
    align_counts(ctx, 0, 3, 64);
    align_counts(ctx, 2, 0, 5);
    align_counts(ctx, 2, 5, 0);
}

/* tqe_align_docs: the paragraphs of two documents, either of them absent. */
static void test_align_docs(void **state)
{
    tqe_ctx *ctx = *state;
    tqe_aligner *a;
    assert_int_equal(tqe_aligner_new(&a, ctx, "en", "de", NULL, NULL), 0);
    const tqe_paragraph sp[] = {{"Meta spent $60 billion.", 23, 1}, {"It was 2024.", 12, 2}};
    const tqe_paragraph tp[] = {{"Meta gab 60 Milliarden Dollar aus.", 34, 1},
                                {"Es war 2024.", 12, 2}};
    const tqe_doc s = {"", sp, 2}, t = {"", tp, 2};
    const tqe_bead *b;
    size_t nb;
    assert_int_equal(tqe_align_docs(a, &s, &t, &b, &nb), 0);
    assert_int_equal(nb, 2);
    assert_int_equal(b[1].src_start, 1);
    assert_int_equal(b[1].tgt_start, 1);
    assert_int_equal(tqe_align_docs(a, &s, NULL, &b, &nb), 0);
    assert_int_equal(nb, 2);
    assert_int_equal(b[0].kind, TQE_BEAD_1_0);
    tqe_aligner_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_narrow_band, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_align_docs, ctx_setup, ctx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
