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

/* tqe_align_docs: the beads tqe_align gives for the documents' paragraphs
 * (each side's texts and lengths: the beads and their confidences depend
 * on them), either document absent. */
static void test_align_docs(void **state)
{
    tqe_ctx *ctx = *state;
    tqe_aligner *a;
    assert_int_equal(tqe_aligner_new(&a, ctx, "en", "de", NULL, NULL), 0);
    const char *st[] = {"Meta spent $60 billion on AI in 2024.", "The company said so on Monday.",
                        "Shares rose 5% after the news."};
    const char *tt[] = {"Meta gab 2024 60 Milliarden Dollar für KI aus, sagte das Unternehmen am "
                        "Montag.",
                        "Die Aktien stiegen nach der Nachricht um 5 %."};
    tqe_paragraph sp[3], tp[2];
    size_t sl[3], tl[2];
    for (size_t i = 0; i < 3; i++)
        sl[i] = strlen(st[i]), sp[i] = (tqe_paragraph){st[i], sl[i], i + 1};
    for (size_t j = 0; j < 2; j++)
        tl[j] = strlen(tt[j]), tp[j] = (tqe_paragraph){tt[j], tl[j], j + 1};
    const tqe_doc s = {"", sp, 3}, t = {"", tp, 2};
    const tqe_bead *b;
    size_t nb, nw;
    assert_int_equal(tqe_align(a, st, sl, 3, tt, tl, 2, &b, &nw), 0);
    tqe_bead want[8];
    assert_true(nw <= 8);
    memcpy(want, b, nw * sizeof(*b));
    assert_int_equal(tqe_align_docs(a, &s, &t, &b, &nb), 0);
    assert_int_equal(nb, nw);
    for (size_t k = 0; k < nb; k++) {
        assert_int_equal(b[k].kind, want[k].kind);
        assert_int_equal(b[k].src_start, want[k].src_start);
        assert_int_equal(b[k].tgt_start, want[k].tgt_start);
        assert_true(b[k].confidence == want[k].confidence);
    }
    assert_int_equal(tqe_align_docs(a, &s, NULL, &b, &nb), 0);
    assert_int_equal(nb, 3);
    assert_int_equal(b[0].kind, TQE_BEAD_1_0);
    assert_int_equal(tqe_align_docs(a, NULL, &t, &b, &nb), 0);
    assert_int_equal(nb, 2);
    assert_int_equal(b[0].kind, TQE_BEAD_0_1);
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
