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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_narrow_band, ctx_setup, ctx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
