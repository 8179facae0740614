/* test_untranslated.c - sentences of a translation that repeat the English
 * source, in languages with and without a list of function words. */
#include "testutil.h"

#ifndef TQE_REFERENCES_DIR
#error "TQE_REFERENCES_DIR must name the references/ directory"
#endif

static int check(tqe_ctx *ctx, const char *lang, const char *src, const char *tgt)
{
    tqe_untranslated *u = NULL;
    tqe_issue_list *l = NULL;
    assert_int_equal(tqe_untranslated_new(&u, ctx, "en", lang, TQE_REFERENCES_DIR), 0);
    assert_int_equal(tqe_issue_list_new(&l), 0);
    int n = tqe_untranslated_check(l, ctx, u, src, strlen(src), NULL, 0, tgt, strlen(tgt), NULL, 0,
                                   NULL);
    assert_true(n >= 0);
    if (n) assert_int_equal(tqe_issue_list_get(l, 0)->type, TQE_ISSUE_UNTRANSLATED);
    tqe_issue_list_free(l);
    tqe_untranslated_free(u);
    return n;
}

static void test_languages(void **state)
{
    tqe_ctx *ctx = *state;
    const char *src = "We will send you a replacement as soon as it is back in stock.";
    assert_int_equal(check(ctx, "de", src, src), 1);
    assert_int_equal(
        check(ctx, "de", src, "Wir senden Ihnen Ersatz, sobald er wieder vorrätig ist."), 0);
    /* Chinese has no function-word list (references/stopwords/): the
     * script of the letters decides (found with the WMT22 en-zh check
     * under UndefinedBehaviorSanitizer: the empty list was sorted) */
    assert_int_equal(check(ctx, "zh", src, src), 1);
    assert_int_equal(check(ctx, "zh", src, "一旦有货，我们将立即为您发送替换品。"), 0);
}

static int check_masked(tqe_ctx *ctx, const char *text, const size_t *spans, size_t n)
{
    tqe_untranslated *u = NULL;
    tqe_issue_list *l = NULL;
    assert_int_equal(tqe_untranslated_new(&u, ctx, "en", "de", TQE_REFERENCES_DIR), 0);
    assert_int_equal(tqe_issue_list_new(&l), 0);
    int r = tqe_untranslated_check(l, ctx, u, text, strlen(text), NULL, 0, text, strlen(text),
                                   spans, n, NULL);
    tqe_issue_list_free(l);
    tqe_untranslated_free(u);
    return r;
}

/* Masked spans come unsorted and overlapping (numbers, then names); they
 * are merged once and searched, not scanned for every letter. */
static void test_masked_spans(void **state)
{
    tqe_ctx *ctx = *state;
    const char *t = "We will send you a replacement as soon as it is back in stock.";
    static const size_t all[] = {40, 62, 0, 30, 5, 5, 20, 45};
    assert_int_equal(check_masked(ctx, t, all, 4), 0);
    static const size_t some[] = {45, 62, 0, 2, 1, 3};
    assert_int_equal(check_masked(ctx, t, some, 3), 1);
    static const size_t gap[] = {0, 20, 31, 62, 25, 26};
    assert_int_equal(check_masked(ctx, t, gap, 3), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_languages, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_masked_spans, ctx_setup, ctx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
