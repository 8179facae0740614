/* test_lengthmodel.c - the length model's z and its omission and addition
 * findings, with names and figures a Chinese or Japanese translation
 * carries over in Latin letters. */
#include "testutil.h"

#ifndef TQE_REFERENCES_DIR
#error "TQE_REFERENCES_DIR must name the references/ directory"
#endif

static tqe_lengthmodel *open_model(tqe_ctx *ctx, const char *tgt)
{
    tqe_lengthmodel *lm = NULL;
    assert_int_equal(tqe_lengthmodel_new(&lm, ctx, "en", tgt, TQE_REFERENCES_DIR), 0);
    return lm;
}

/* z of a pair as tqe_lengthmodel_check() reports it. */
static double check_z(tqe_ctx *ctx, const tqe_lengthmodel *lm, const char *src, const char *tgt,
                      tqe_issue_list *l, int *found)
{
    double z = 0;
    *found = tqe_lengthmodel_check(l, ctx, lm, src, strlen(src), tgt, strlen(tgt), 4.0, &z);
    assert_true(*found >= 0);
    return z;
}

static void test_plain(void **state)
{
    tqe_ctx *ctx = *state;
    tqe_lengthmodel *lm = open_model(ctx, "de");
    tqe_issue_list *l;
    assert_int_equal(tqe_issue_list_new(&l), 0);
    const char *src = "The board met on Monday and approved the plan for the new station.";
    const char *tgt =
        "Der Vorstand traf sich am Montag und billigte den Plan für den neuen Bahnhof.";
    int found;
    /* Latin-script text: every character counts */
    double z = check_z(ctx, lm, src, tgt, l, &found);
    assert_near(z,
                tqe_lengthmodel_z(lm, (double)tqe_char_count(src, strlen(src)),
                                  (double)tqe_char_count(tgt, strlen(tgt))),
                1e-12);
    assert_int_equal(found, 0);
    /* the first words only: an omission */
    z = check_z(ctx, lm,
                "The board met on Monday and approved the plan for the new station, "
                "the depot and the three bridges over the river, after a long debate.",
                "Der Vorstand traf sich.", l, &found);
    assert_true(z < -4.0);
    assert_int_equal(found, 1);
    assert_int_equal(tqe_issue_list_get(l, 0)->type, TQE_ISSUE_OMISSION);
    tqe_issue_list_free(l);
    tqe_lengthmodel_free(lm);
}

/* Names kept in Latin letters in Chinese text are as long as in the source,
 * not a third as long: they are counted on neither side (found with the
 * WMT22 references, where "Royal Mail Special Delivery" and "尤里·盖勒 (Uri
 * Geller)" made lines look too long). */
static void test_carried_over(void **state)
{
    tqe_ctx *ctx = *state;
    tqe_lengthmodel *lm = open_model(ctx, "zh");
    tqe_issue_list *l;
    assert_int_equal(tqe_issue_list_new(&l), 0);
    const char *src = "We normally use Royal Mail Special Delivery for items over 40 pounds.";
    const char *tgt = "超过 40 英镑的物品我们通常使用 Royal Mail Special Delivery。";
    int found;
    double z = check_z(ctx, lm, src, tgt, l, &found);
    /* "40", "Royal Mail Special Delivery" and the 6 spaces around and in them */
    double kept = 2 + 24 + 6;
    assert_near(z,
                tqe_lengthmodel_z(lm, (double)tqe_char_count(src, strlen(src)) - kept,
                                  (double)tqe_char_count(tgt, strlen(tgt)) - kept),
                1e-12);
    assert_true(fabs(z) < 4.0);
    assert_int_equal(found, 0);
    /* counted whole, the line would be an addition */
    assert_true(tqe_lengthmodel_z(lm, (double)tqe_char_count(src, strlen(src)),
                                  (double)tqe_char_count(tgt, strlen(tgt))) > 4.0);
    /* an English line is no Chinese translation: counted whole */
    z = check_z(ctx, lm, src, src, l, &found);
    assert_true(z > 4.0);
    assert_int_equal(found, 1);
    assert_true(strstr(tqe_issue_list_get(l, 0)->detail, "carried over") == NULL);
    tqe_issue_list_free(l);
    tqe_lengthmodel_free(lm);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_plain, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_carried_over, ctx_setup, ctx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
