/* test_metrics.c - BLEU and chrF/chrF++ on hand-written cases, including the
 * ugly ones (expected values from sacreBLEU 2.5.1's Python API). */
#include "testutil.h"

#include "internal.h" /* tqe_u8_next, tqe_py_isspace */

/* Corpus score of n hypotheses against nrefs references per segment. */
static double corpus(tqe_ctx *ctx, tqe_metric *m, const char **hyps, size_t n,
                     const char *const *refs /* n * nrefs, segment-major */, size_t nrefs)
{
    size_t k = tqe_metric_nstats(m);
    double *sum = calloc(k, sizeof(double)), *seg = calloc(k, sizeof(double));
    assert_non_null(sum);
    assert_non_null(seg);
    for (size_t i = 0; i < n; i++) {
        size_t lens[8];
        for (size_t r = 0; r < nrefs; r++) lens[r] = strlen(refs[i * nrefs + r]);
        assert_int_equal(tqe_metric_set_refs(m, refs + i * nrefs, lens, nrefs), 0);
        assert_int_equal(tqe_metric_hyp_stats(m, seg, hyps[i], strlen(hyps[i])), 0);
        for (size_t j = 0; j < k; j++) sum[j] += seg[j];
    }
    (void)ctx;
    tqe_score sc;
    tqe_metric_score(m, &sc, sum);
    free(sum);
    free(seg);
    return sc.score;
}

static tqe_metric *bleu(tqe_ctx *ctx, int eff, int lc)
{
    tqe_bleu_options o = TQE_BLEU_OPTIONS_INIT;
    o.effective_order = eff;
    o.lowercase = lc;
    tqe_metric *m;
    assert_int_equal(tqe_metric_new_bleu(&m, ctx, &o), 0);
    return m;
}

static tqe_metric *chrf(tqe_ctx *ctx, int nc, int nw)
{
    tqe_chrf_options o = TQE_CHRF_OPTIONS_INIT;
    o.char_order = nc;
    o.word_order = nw;
    tqe_metric *m;
    assert_int_equal(tqe_metric_new_chrf(&m, ctx, &o), 0);
    return m;
}

static const char *H[] = {"the cat sat", "a dog ran fast"};
static const char *R2[] = {"the cat sat down", "the cat", "a dog ran", "a dog ran quickly"};

static void test_bleu(void **state)
{
    tqe_ctx *ctx = *state;
    tqe_metric *m = bleu(ctx, 1, 0);
    const char *h = "The cat sat on the mat.", *r = "The cat is on the mat.";
    assert_near(corpus(ctx, m, &h, 1, &r, 1), 48.892302243490086, 1e-9);
    const char *e = "", *x = "x", *a = "a";
    assert_near(corpus(ctx, m, &e, 1, &x, 1), 0.0, 1e-12);  /* empty hypothesis */
    assert_near(corpus(ctx, m, &x, 1, &e, 1), 0.0, 1e-12);  /* empty reference */
    assert_near(corpus(ctx, m, &a, 1, &a, 1), 100.0, 1e-9); /* one character */
    tqe_metric_free(m);
    /* Two references: clipping by the highest count in any one reference. */
    m = bleu(ctx, 0, 0);
    assert_near(corpus(ctx, m, H, 2, R2, 2), 69.14415692838818, 1e-9);
    tqe_metric_free(m);
    /* Lowercasing is Python's str.lower(): İ -> i̇, final sigma. */
    m = bleu(ctx, 1, 1);
    const char *hl = "\xc4\xb0stanbul \xce\xa3\xce\x9f\xce\xa6\xce\x9f\xce\xa3";
    const char *rl = "i\xcc\x87stanbul \xcf\x83\xce\xbf\xcf\x86\xce\xbf\xcf\x82";
    assert_near(corpus(ctx, m, &hl, 1, &rl, 1), 100.0, 1e-9);
    tqe_metric_free(m);
}

static void test_bleu_details(void **state)
{
    tqe_ctx *ctx = *state;
    tqe_metric *m = bleu(ctx, 0, 0);
    const char *h = "a a a b", *r = "a a b";
    size_t len = strlen(r);
    double st[10];
    assert_int_equal(tqe_metric_set_refs(m, &r, &len, 1), 0);
    assert_int_equal(tqe_metric_hyp_stats(m, st, h, strlen(h)), 0);
    /* hyp_len ref_len | correct 1..4 | totals 1..4: "a" clipped to 2, "a a b" matches. */
    const double want[10] = {4, 3, 3, 2, 1, 0, 4, 3, 2, 1};
    for (int i = 0; i < 10; i++) assert_near(st[i], want[i], 0);
    tqe_buf sig = TQE_BUF_INIT;
    tqe_signature_info info = TQE_SIGNATURE_INFO_INIT;
    info.version = "2.5.1";
    assert_int_equal(tqe_metric_signature(&sig, m, &info), 0);
    assert_string_equal(sig.data, "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.5.1");
    info.short_form = 1;
    info.bs = 1000;
    info.seed = "12345";
    assert_int_equal(tqe_metric_signature(&sig, m, &info), 0);
    assert_string_equal(sig.data, "#:1|bs:1000|rs:12345|c:mixed|e:no|tok:13a|s:exp|v:2.5.1");
    tqe_buf_free(&sig);
    tqe_metric_free(m);
}

static void test_chrf(void **state)
{
    tqe_ctx *ctx = *state;
    const char *h = "The cat sat on the mat.", *r = "The cat is on the mat.";
    tqe_metric *m = chrf(ctx, 6, 0);
    assert_string_equal(tqe_metric_name(m), "chrF2");
    assert_near(corpus(ctx, m, &h, 1, &r, 1), 67.17273492330233, 1e-9);
    tqe_metric_free(m);
    m = chrf(ctx, 6, 2);
    assert_string_equal(tqe_metric_name(m), "chrF2++");
    assert_near(corpus(ctx, m, &h, 1, &r, 1), 69.43695278069349, 1e-9);
    /* Best reference per segment by its F-score. */
    assert_near(corpus(ctx, m, H, 2, R2, 2), 85.65819464826552, 1e-9);
    tqe_metric_free(m);
    /* Orders beyond the packed keys (7+ characters, 5+ words). */
    m = chrf(ctx, 8, 5);
    const char *h8[] = {"the cat sat on the mat today", "a dog ran fast"};
    const char *r8[] = {"the cat sat on the mat yesterday", "a dog ran"};
    assert_near(corpus(ctx, m, h8, 2, r8, 1), 71.94573546339814, 1e-9);
    tqe_metric_free(m);
}

/* 10,000 tokens on one line, repetitive (many repeated n-grams). */
static void test_long(void **state)
{
    tqe_ctx *ctx = *state;
    tqe_buf a = TQE_BUF_INIT, b = TQE_BUF_INIT;
    for (int i = 0; i < 10000; i++) {
        tqe_buf_printf(&a, "%sw%d", i ? " " : "", i % 97);
        tqe_buf_printf(&b, "%sw%d", i ? " " : "", i % 89);
    }
    const char *h = a.data, *r = b.data;
    tqe_metric *m = bleu(ctx, 0, 0);
    assert_near(corpus(ctx, m, &h, 1, &r, 1), 90.2060363025601, 1e-9);
    tqe_metric_free(m);
    m = chrf(ctx, 6, 2);
    assert_near(corpus(ctx, m, &h, 1, &r, 1), 92.2009284808869, 1e-9);
    tqe_metric_free(m);
    tqe_buf_free(&a);
    tqe_buf_free(&b);
}

static void test_bad_options(void **state)
{
    tqe_ctx *ctx = *state;
    tqe_bleu_options o = TQE_BLEU_OPTIONS_INIT;
    o.max_ngram_order = 7;
    tqe_metric *m;
    assert_int_equal(tqe_metric_new_bleu(&m, ctx, &o), TQE_EINVAL);
    assert_null(m);
    tqe_ctx_clear(ctx);
    tqe_chrf_options c = TQE_CHRF_OPTIONS_INIT;
    c.char_order = 0;
    assert_int_equal(tqe_metric_new_chrf(&m, ctx, &c), TQE_EINVAL);
}

/* A random line from pieces that exercise the tokenizers, entities
 * (rewritten texts), case and repeats; written to buf (NUL-terminated). */
static void random_line(char *buf, size_t cap, uint64_t *st)
{
    /* clang-format off */
    static const char *const pieces[] = {
        "the", "cat", "The", "CAT", "sat", "on", "mat", ".",
        ",", "1,000", "3.5", "-", "12-3", "&amp;", "&lt;", "<skipped>",
        "\xc4\xb0", "\xd0\xba\xd0\xbe\xd1\x82", "\xe7\x8c\xab", "\xe3\x80\x80", "\xc2\xa0", "!", "(x)",
        "\xf0\x9f\x98\x80", "\xe2\x80\x83",
    };
    /* clang-format on */
    size_t len = 0, n = (*st = *st * 6364136223846793005ULL + 1442695040888963407ULL) >> 59;
    buf[0] = '\0';
    for (size_t k = 0; k < n; k++) {
        *st = *st * 6364136223846793005ULL + 1442695040888963407ULL;
        const char *p = pieces[(*st >> 33) % (sizeof(pieces) / sizeof(pieces[0]))];
        const char *sep = (*st >> 20) % 4 ? " " : "";
        if (len + strlen(p) + 2 >= cap) break;
        len += (size_t)snprintf(buf + len, cap - len, "%s%s", k ? sep : "", p);
    }
}

/* The code points of s but whitespace, one space apart: what -tok char
 * makes of s, as a text that -tok none splits the same way. */
static void spaced(char *out, const char *s)
{
    size_t i = 0, len = strlen(s), o = 0;
    while (i < len) {
        size_t j = i;
        uint32_t c = tqe_u8_next(s, &j);
        if (!tqe_py_isspace(c)) {
            if (o) out[o++] = ' ';
            memcpy(out + o, s + i, j - i);
            o += j - i;
        }
        i = j;
    }
    out[o] = '\0';
}

/* BLEU with -tok char reads code points straight into ids; it must count
 * what -tok none counts on the same code points written apart. */
static void test_bleu_char(void **state)
{
    tqe_ctx *ctx = *state;
    tqe_bleu_options oc = TQE_BLEU_OPTIONS_INIT, on = TQE_BLEU_OPTIONS_INIT;
    oc.tokenize = TQE_TOK_CHAR;
    on.tokenize = TQE_TOK_NONE;
    tqe_metric *c, *n;
    assert_int_equal(tqe_metric_new_bleu(&c, ctx, &oc), 0);
    assert_int_equal(tqe_metric_new_bleu(&n, ctx, &on), 0);
    uint64_t st = 11;
    for (int seg = 0; seg < 500; seg++) {
        char raw[4][256], sp[4][1024];
        const char *refs[3] = {raw[1], raw[2], raw[3]}, *srefs[3] = {sp[1], sp[2], sp[3]};
        size_t lens[3], slens[3], nrefs = 1 + (size_t)seg % 3;
        for (size_t r = 0; r <= nrefs; r++) {
            random_line(raw[r], sizeof(raw[r]), &st);
            spaced(sp[r], raw[r]);
            if (r) lens[r - 1] = strlen(raw[r]), slens[r - 1] = strlen(sp[r]);
        }
        double x[16], y[16];
        assert_int_equal(tqe_metric_segment_stats(c, x, raw[0], strlen(raw[0]), refs, lens, nrefs),
                         0);
        assert_int_equal(tqe_metric_segment_stats(n, y, sp[0], strlen(sp[0]), srefs, slens, nrefs),
                         0);
        assert_memory_equal(x, y, tqe_metric_nstats(c) * sizeof(double));
    }
    tqe_metric_free(c);
    tqe_metric_free(n);
}

/* tqe_metric_segment_stats gives the numbers of set_refs + hyp_stats, and
 * set_refs + hyp_stats still work after it (several systems a segment). */
static void test_segment_stats(void **state)
{
    tqe_ctx *ctx = *state;
    tqe_bleu_options bo[4] = {TQE_BLEU_OPTIONS_INIT, TQE_BLEU_OPTIONS_INIT, TQE_BLEU_OPTIONS_INIT,
                              TQE_BLEU_OPTIONS_INIT};
    bo[1].lowercase = 1;
    bo[2].tokenize = TQE_TOK_INTL;
    bo[3].tokenize = TQE_TOK_CHAR;
    bo[3].lowercase = 1;
    tqe_chrf_options co[3] = {TQE_CHRF_OPTIONS_INIT, TQE_CHRF_OPTIONS_INIT, TQE_CHRF_OPTIONS_INIT};
    co[1].word_order = 2;
    co[1].lowercase = 1;
    co[2].whitespace = 1;
    co[2].char_order = 3;
    co[2].word_order = 5;
    for (int k = 0; k < 7; k++) {
        tqe_metric *a, *b;
        if (k < 4) {
            assert_int_equal(tqe_metric_new_bleu(&a, ctx, &bo[k]), 0);
            assert_int_equal(tqe_metric_new_bleu(&b, ctx, &bo[k]), 0);
        } else {
            assert_int_equal(tqe_metric_new_chrf(&a, ctx, &co[k - 4]), 0);
            assert_int_equal(tqe_metric_new_chrf(&b, ctx, &co[k - 4]), 0);
        }
        size_t ns = tqe_metric_nstats(a);
        uint64_t st = 7;
        for (int seg = 0; seg < 400; seg++) {
            char hyp[256], hyp2[256], refbuf[3][256];
            const char *refs[3] = {refbuf[0], refbuf[1], refbuf[2]};
            size_t lens[3], nrefs = 1 + (size_t)seg % 3;
            random_line(hyp, sizeof(hyp), &st);
            random_line(hyp2, sizeof(hyp2), &st);
            for (size_t r = 0; r < nrefs; r++) {
                random_line(refbuf[r], sizeof(refbuf[r]), &st);
                lens[r] = strlen(refbuf[r]);
            }
            double x[64], y[64];
            assert_int_equal(tqe_metric_set_refs(a, refs, lens, nrefs), 0);
            assert_int_equal(tqe_metric_hyp_stats(a, x, hyp, strlen(hyp)), 0);
            assert_int_equal(tqe_metric_segment_stats(b, y, hyp, strlen(hyp), refs, lens, nrefs),
                             0);
            assert_memory_equal(x, y, ns * sizeof(double));
            /* A second system against the same references. */
            assert_int_equal(tqe_metric_hyp_stats(a, x, hyp2, strlen(hyp2)), 0);
            assert_int_equal(tqe_metric_set_refs(b, refs, lens, nrefs), 0);
            assert_int_equal(tqe_metric_hyp_stats(b, y, hyp2, strlen(hyp2)), 0);
            assert_memory_equal(x, y, ns * sizeof(double));
        }
        tqe_metric_free(a);
        tqe_metric_free(b);
    }
}

/* Invalid UTF-8 is refused by every metric, before it is stripped or
 * tokenized: the text sits in a buffer of exactly its length, so that
 * ASan sees a read past a truncated sequence. */
static void test_invalid_utf8(void **state)
{
    tqe_ctx *ctx = *state;
    tqe_metric *ms[2] = {bleu(ctx, 0, 1), chrf(ctx, 6, 2)};
    char *bad = malloc(4), *good = malloc(2);
    assert_non_null(bad);
    assert_non_null(good);
    memcpy(bad, "ok \xE4", 4);
    memcpy(good, "ok", 2);
    for (size_t k = 0; k < 2; k++) {
        double st[32];
        const char *refs[] = {bad};
        size_t lens[] = {4}, glen[] = {2};
        tqe_ctx_clear(ctx);
        assert_int_equal(tqe_metric_set_refs(ms[k], refs, lens, 1), TQE_EUTF8);
        assert_non_null(strstr(tqe_ctx_errmsg(ctx), "at byte 3 of a reference"));
        assert_int_equal(tqe_metric_segment_stats(ms[k], st, bad, 4, refs, lens, 1), TQE_EUTF8);
        refs[0] = good;
        tqe_ctx_clear(ctx); /* the first error is kept until cleared */
        assert_int_equal(tqe_metric_segment_stats(ms[k], st, bad, 4, refs, glen, 1), TQE_EUTF8);
        assert_non_null(strstr(tqe_ctx_errmsg(ctx), "of a hypothesis"));
        assert_int_equal(tqe_metric_set_refs(ms[k], refs, glen, 1), 0);
        assert_int_equal(tqe_metric_hyp_stats(ms[k], st, bad, 4), TQE_EUTF8);
        assert_int_equal(tqe_metric_hyp_stats(ms[k], st, good, 2), 0);
        tqe_metric_free(ms[k]);
    }
    free(bad);
    free(good);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_bleu, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_bleu_details, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_chrf, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_long, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_bad_options, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_segment_stats, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_bleu_char, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_invalid_utf8, ctx_setup, ctx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
