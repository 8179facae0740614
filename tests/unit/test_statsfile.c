/* test_statsfile.c - statistics files: exact round trip of every double,
 * escaped names, and located errors for damaged files. */
#include "testutil.h"

static const char *const sys2[] = {"a\tb\\c\nd", "plain"};
static const char *const met2[] = {"BLEU", "TER"};
static const size_t ns2[] = {3, 2};
static const char *const sig2[] = {"sig|one", "sig|two"};

static void write_header(tqe_buf *b)
{
    tqe_stats_header h = {"-m\tbleu\tter", 2, 2, sys2, 2, met2, ns2, sig2};
    assert_int_equal(tqe_stats_write_header(b, &h), 0);
}

/* Awkward values: fractions, tiny and huge numbers, integers beyond 2^53. */
static const double values[10] = {
    0.0, 1.0 / 3.0,          10.5,    1e-300, 123456789012.0, 2.5e17, 0.1 + 0.2,
    7.0, 9007199254740993.0, 4.9e-324};

static void test_round_trip(void **state)
{
    tqe_ctx *ctx = *state;
    tqe_buf b = TQE_BUF_INIT;
    write_header(&b);
    assert_int_equal(tqe_stats_write_row(&b, values, 10), 0);
    double rev[10];
    for (int i = 0; i < 10; i++) rev[i] = values[9 - i];
    assert_int_equal(tqe_stats_write_row(&b, rev, 10), 0);
    uint64_t periods[2] = {5, 0};
    assert_int_equal(tqe_stats_write_end(&b, 2, periods, 2), 0);

    tqe_stats_reader *r;
    assert_int_equal(tqe_stats_open_memory(&r, ctx, b.data, b.len, "x.stats"), 0);
    const tqe_stats_header *h = tqe_stats_get_header(r);
    assert_str(h->args, "-m\tbleu\tter");
    assert_int_equal(h->nrefs, 2);
    assert_int_equal(h->nsystems, 2);
    assert_str(h->systems[0], sys2[0]);
    assert_str(h->systems[1], "plain");
    assert_str(h->metrics[1], "TER");
    assert_int_equal(h->nstats[0], 3);
    assert_str(h->signatures[0], "sig|one");
    assert_int_equal(tqe_stats_row_size(r), 10);
    const double *row;
    assert_int_equal(tqe_stats_next(r, &row), 1);
    for (int i = 0; i < 10; i++) assert_memory_equal(&row[i], &values[i], sizeof(double));
    assert_int_equal(tqe_stats_next(r, &row), 1);
    for (int i = 0; i < 10; i++) assert_memory_equal(&row[i], &rev[i], sizeof(double));
    assert_int_equal(tqe_stats_next(r, &row), 0);
    assert_int_equal(tqe_stats_segments(r), 2);
    assert_int_equal(tqe_stats_tok_period(r)[0], 5);
    tqe_stats_close(r);
    tqe_buf_free(&b);
}

/* Open `text` and read to the end; returns the first failing status. */
static int read_text(tqe_ctx *ctx, const char *text)
{
    tqe_stats_reader *r;
    int rc = tqe_stats_open_memory(&r, ctx, text, strlen(text), "bad.stats");
    if (rc) return rc;
    const double *row;
    while ((rc = tqe_stats_next(r, &row)) == 1) {
    }
    tqe_stats_close(r);
    return rc;
}

#define HEAD                                                                                       \
    "tqe-stats\t1\ntqe\t0.1.0\nargs\t-m\tbleu\nnrefs\t1\nsystem\ts\nmetric\tM\t2\tsig\ndata\n"

static void expect_error(tqe_ctx *ctx, const char *text, const char *msg)
{
    tqe_ctx_clear(ctx);
    assert_int_equal(read_text(ctx, text), TQE_EFORMAT);
    assert_str(tqe_ctx_errmsg(ctx), msg);
}

static void test_errors(void **state)
{
    tqe_ctx *ctx = *state;
    assert_int_equal(read_text(ctx, HEAD "1 2\n3 4.5\nend\t2\t0\n"), 0);
    expect_error(ctx, "", "bad.stats:0: file ends early, expected a tqe-stats line");
    expect_error(ctx, "BLEU = 3\n",
                 "bad.stats:1: not a tqe statistics file (written by tqe score --stats-out)");
    expect_error(ctx, "tqe-stats\t2\n", "bad.stats:1: statistics file format version is not 1: 2");
    expect_error(ctx, HEAD "1 2\n", "bad.stats:8: file ends early, expected a row or the end line");
    expect_error(ctx, HEAD "1\n", "bad.stats:8: too few numbers in the row");
    expect_error(ctx, HEAD "1 2 3\n", "bad.stats:8: too many numbers in the row");
    expect_error(ctx, HEAD "1 -2\n", "bad.stats:8: not a non-negative number in the row");
    expect_error(ctx, HEAD "1 nan\n", "bad.stats:8: not a non-negative number in the row");
    expect_error(ctx, HEAD "1  2\n", "bad.stats:8: not a non-negative number in the row");
    expect_error(ctx, HEAD "1 2\nend\t2\t0\n",
                 "bad.stats:9: segment count disagrees with the rows");
    expect_error(ctx, HEAD "1 2\nend\t1\n",
                 "bad.stats:9: expected end<TAB>SEGMENTS and one count per system");
    expect_error(ctx, HEAD "end\t0\t0\nmore\n", "bad.stats:9: text after the end line");
    expect_error(ctx, "tqe-stats\t1\ntqe\t0.1.0\nargs\t\nnrefs\t0\n",
                 "bad.stats:4: expected nrefs<TAB>N (N >= 1)");
    expect_error(ctx, "tqe-stats\t1\ntqe\t0.1.0\nargs\t\nnrefs\t1\nmetric\tM\tx\ts\n",
                 "bad.stats:5: expected metric<TAB>NAME<TAB>NSTATS<TAB>SIGNATURE");
    expect_error(ctx, "tqe-stats\t1\ntqe\t0.1.0\nargs\t\nnrefs\t1\ndata\n",
                 "bad.stats:5: no systems or no metrics");
}

/* Found by fuzz_statsfile's write/read round trip: a name ending in CR
 * (a file name from a CRLF script) lost it, and "-0" read as -0.0, which
 * is written back as 0. */
static void test_cr_and_negative_zero(void **state)
{
    tqe_ctx *ctx = *state;
    static const char *const sys[] = {"mt.de\r", "a\rb"};
    static const char *const met[] = {"BLEU"};
    static const size_t ns[] = {1};
    static const char *const sig[] = {"sig\r"};
    tqe_stats_header h = {"-m\tbleu", 1, 2, sys, 1, met, ns, sig};
    tqe_buf b = TQE_BUF_INIT;
    assert_int_equal(tqe_stats_write_header(&b, &h), 0);
    assert_int_equal(tqe_stats_write_end(&b, 0, (const uint64_t[]){0, 0}, 2), 0);
    tqe_stats_reader *r;
    assert_int_equal(tqe_stats_open_memory(&r, ctx, b.data, b.len, "cr.stats"), 0);
    const tqe_stats_header *g = tqe_stats_get_header(r);
    assert_str(g->systems[0], "mt.de\r");
    assert_str(g->systems[1], "a\rb");
    assert_str(g->signatures[0], "sig\r");
    tqe_stats_close(r);
    tqe_buf_free(&b);
    expect_error(ctx, HEAD "1 -0\n", "bad.stats:8: not a non-negative number in the row");
    expect_error(ctx, HEAD "-0.0 1\n", "bad.stats:8: not a non-negative number in the row");
}

/* A short header can declare rows of a billion numbers (4096 systems and
 * metrics of 64): refused before anything is allocated for them (found by
 * fuzz_statsfile: 8 GB for a 130 KB file). */
static void test_row_limit(void **state)
{
    tqe_ctx *ctx = *state;
    tqe_buf b = TQE_BUF_INIT;
    assert_int_equal(tqe_buf_puts(&b, "tqe-stats\t1\ntqe\t0.1.0\nargs\t\nnrefs\t1\n"), 0);
    for (int i = 0; i < 200; i++) assert_int_equal(tqe_buf_printf(&b, "system\ts%d\n", i), 0);
    for (int i = 0; i < 100; i++) assert_int_equal(tqe_buf_puts(&b, "metric\tM\t64\ts\n"), 0);
    assert_int_equal(tqe_buf_puts(&b, "data\n"), 0);
    tqe_stats_reader *r;
    assert_int_equal(tqe_stats_open_memory(&r, ctx, b.data, b.len, "big.stats"), TQE_EFORMAT);
    assert_null(r);
    assert_str(tqe_ctx_errmsg(ctx), "big.stats:305: too many systems and statistics (more than "
                                    "1048576 numbers a row)");
    tqe_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_round_trip, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_errors, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_row_limit, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_cr_and_negative_zero, ctx_setup, ctx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
