/* test_ter.c - the tercom tokenizer and the TER metric against values that
 * sacreBLEU 2.5.1 gives on the same (hand-written) strings. */
#include "testutil.h"

/* ---- tokenizer ---- */

typedef struct tok_case {
    const char *text;
    int case_sensitive, normalized, no_punct, asian;
    const char *expected;
} tok_case;

static const tok_case tok_cases[] = {
    {"  Hello,   World!\t ", 0, 0, 0, 0, "hello, world!"},
    {"The CAT sat.", 1, 0, 0, 0, "The CAT sat."},
    {"He said &QUOT;no&quot; -- it's John's 3.5-4,000 items, e.g. a.b.c, x,y", 0, 1, 0, 0,
     "he said \" no \" -- it 's john 's 3.5 - 4,000 items , e . g . a . b . c , x , y"},
    {"&amp;lt; &amp;quot; &AMP;amp; &lt;b&gt; &apos;", 0, 1, 0, 0,
     "< & quot ; & amp ; < b > & apos ;"},
    {"line one\n-two\nthree\n\n--four", 0, 1, 0, 0, "line onetwo three -four"},
    {"the cat's toy 's 'sx", 0, 1, 0, 0, "the cat 's toy 's 'sx"},
    {"a.. b,, 1.5. 2,x .9 -3 4- 5-6 (7)", 0, 1, 0, 0,
     "a . . b , , 1.5 . 2 , x . 9 -3 4 - 5 - 6 ( 7 )"},
    {"[x]{y}|z~ ^_` @#$% a+b=c <d> \\e/", 0, 1, 0, 0,
     "[ x ] { y } | z ~ ^ _ ` @ # $ % a + b = c < d > \\ e /"},
    {"我爱北京天安门。テスト、ひらがなカタカナ㈱㍿ａｂｃ，！", 0, 1, 0, 1,
     "我 爱 北 京 天 安 门 。 テスト 、 ひらがなカタカナ ㈱ ㍿ ａｂｃ ， ！"},
    {"ひらがな", 0, 1, 0, 1, "ひらがな"},
    {"Hello, (world)! Is it: yes; no? \"q\" 'a' x-y.", 0, 0, 1, 0,
     "hello world is it yes no q 'a' x-y"},
    {"你好，世界！「引用」。・ｰ", 0, 0, 1, 1, "你好世界引用ｰ"},
    {"你好，世界！「引用」", 1, 1, 1, 1, "你 好 世 界 引 用"},
    {"İstanbul ΟΔΟΣ ΣΑΣ Straße ẞ", 0, 0, 0, 0, "i̇stanbul οδος σας straße ß"},
    {"İstanbul ΟΔΟΣ", 1, 0, 0, 0, "İstanbul ΟΔΟΣ"},
    {"a b　c d​e\x1f"
     "fg",
     0, 0, 0, 0, "a b c d​e f g"},
    {"", 0, 1, 1, 1, ""},
    {"...", 0, 1, 1, 0, ""},
};

static void test_tokenize(void **state)
{
    tqe_ctx *ctx = *state;
    tqe_buf out = TQE_BUF_INIT;
    for (size_t i = 0; i < sizeof(tok_cases) / sizeof(tok_cases[0]); i++) {
        const tok_case *c = &tok_cases[i];
        tqe_ter_options o = TQE_TER_OPTIONS_INIT;
        o.case_sensitive = c->case_sensitive;
        o.normalized = c->normalized;
        o.no_punct = c->no_punct;
        o.asian_support = c->asian;
        /* The caller right-strips, as TER does. */
        size_t len = tqe_utf8_rstrip_len(c->text, strlen(c->text));
        assert_int_equal(tqe_tokenize_tercom(&out, ctx, &o, c->text, len), 0);
        if (strcmp(out.data ? out.data : "", c->expected) != 0)
            fail_msg("case %zu: got \"%s\", expected \"%s\"", i, out.data, c->expected);
        assert_int_equal(out.len, strlen(c->expected));
    }
    tqe_buf_free(&out);
}

/* ---- metric ---- */

typedef struct ter_case {
    const char *hyp;
    const char *refs[3];
    size_t nrefs;
    int opt[4]; /* case_sensitive, normalized, no_punct, asian_support */
    double edits, ref_len, score;
} ter_case;

static const ter_case ter_cases[] = {
    {"", {"The parcel is here"}, 1, {0, 0, 0, 0}, 4.0, 4.0, 100.0},
    {"something here", {""}, 1, {0, 0, 0, 0}, 2.0, 0.0, 100.0},
    {"", {""}, 1, {0, 0, 0, 0}, 0.0, 0.0, 0.0},
    {"   ", {"\t"}, 1, {0, 0, 0, 0}, 0.0, 0.0, 0.0},
    {"hello", {"hello"}, 1, {0, 0, 0, 0}, 0.0, 1.0, 0.0},
    {"hello", {"world"}, 1, {0, 0, 0, 0}, 1.0, 1.0, 100.0},
    {"!!! ... ,,,", {"? ! ."}, 1, {0, 0, 0, 0}, 3.0, 3.0, 100.0},
    {"!!! ... ,,,", {"? ! ."}, 1, {0, 1, 0, 0}, 7.0, 3.0, 233.33333333333334},
    {"!!! ... ,,,", {"? ! ."}, 1, {0, 0, 1, 0}, 0.0, 0.0, 0.0},
    {"the cat sat on the mat",
     {"on the mat the cat sat"},
     1,
     {0, 0, 0, 0},
     1.0,
     6.0,
     16.666666666666664},
    {"on the mat sat the cat quickly",
     {"the cat sat quickly on the mat"},
     1,
     {0, 0, 0, 0},
     2.0,
     7.0,
     28.57142857142857},
    {"a b c d e f g h i j k l",
     {"g h i j k l a b c d e f"},
     1,
     {0, 0, 0, 0},
     1.0,
     12.0,
     8.333333333333332},
    {"the dog barked at the mailman",
     {"the dog barked loudly at the mail man", "a dog was barking at the postman",
      "the dog barked"},
     3,
     {0, 0, 0, 0},
     3.0,
     6.0,
     50.0},
    {"The Cat", {"the cat"}, 1, {0, 0, 0, 0}, 0.0, 2.0, 0.0},
    {"The Cat", {"the cat"}, 1, {1, 0, 0, 0}, 2.0, 2.0, 100.0},
    {"İstanbul", {"i̇stanbul"}, 1, {0, 0, 0, 0}, 0.0, 1.0, 0.0},
    {"İstanbul", {"istanbul"}, 1, {0, 0, 0, 0}, 1.0, 1.0, 100.0},
    {"ΟΔΟΣ", {"οδος"}, 1, {0, 0, 0, 0}, 0.0, 1.0, 0.0},
    {"ΟΔΟΣ", {"οδοσ"}, 1, {0, 0, 0, 0}, 1.0, 1.0, 100.0},
    /* The round that finds the shift below runs out of the 1000-candidate
     * budget, so sacreBLEU does not apply it (11 edits if it did). */
    {"a a b b a b b a b b a a a b b b a b a a a a b a a b a a a a a a",
     {"b a b a a a b a b b a a a a a a b a b b b b b a b b b b b a"},
     1,
     {0, 0, 0, 0},
     15.0,
     30.0,
     50.0},
    {"我爱北京天安门", {"我爱天安门北京"}, 1, {0, 1, 0, 1}, 1.0, 7.0, 14.285714285714285},
    {"我爱北京天安门", {"我爱天安门北京"}, 1, {0, 0, 0, 0}, 1.0, 1.0, 100.0},
    {"Stop. Go, now!", {"stop go now"}, 1, {0, 0, 1, 0}, 0.0, 3.0, 0.0},
};

static tqe_metric *new_ter(tqe_ctx *ctx, const int opt[4])
{
    tqe_ter_options o = TQE_TER_OPTIONS_INIT;
    o.case_sensitive = opt[0];
    o.normalized = opt[1];
    o.no_punct = opt[2];
    o.asian_support = opt[3];
    tqe_metric *m = NULL;
    assert_int_equal(tqe_metric_new_ter(&m, ctx, &o), 0);
    return m;
}

/* Score one hypothesis against refs and check stats and score. */
static void check_ter(tqe_ctx *ctx, const int opt[4], const char *hyp, const char *const *refs,
                      size_t nrefs, double edits, double ref_len, double score)
{
    tqe_metric *m = new_ter(ctx, opt);
    size_t lens[8];
    assert_true(nrefs <= 8);
    for (size_t k = 0; k < nrefs; k++) lens[k] = strlen(refs[k]);
    double st[2];
    assert_int_equal(tqe_metric_nstats(m), 2);
    assert_int_equal(tqe_metric_set_refs(m, refs, lens, nrefs), 0);
    assert_int_equal(tqe_metric_hyp_stats(m, st, hyp, strlen(hyp)), 0);
    assert_near(st[0], edits, 0);
    assert_near(st[1], ref_len, 0);
    tqe_score sc;
    tqe_metric_score(m, &sc, st);
    assert_near(sc.score, score, 1e-9);
    assert_near(sc.num_edits, edits, 0);
    assert_near(sc.ref_length, ref_len, 0);
    tqe_metric_free(m);
}

static void test_cases(void **state)
{
    for (size_t i = 0; i < sizeof(ter_cases) / sizeof(ter_cases[0]); i++) {
        const ter_case *c = &ter_cases[i];
        check_ter(*state, c->opt, c->hyp, c->refs, c->nrefs, c->edits, c->ref_len, c->score);
    }
}

/* Space-separated words "w<k mod period>" for k in [0, n), into a new string. */
static char *cyclic_words(size_t n, size_t period)
{
    char *s = malloc(n * 12 + 1);
    assert_non_null(s);
    size_t len = 0;
    for (size_t k = 0; k < n; k++)
        len += (size_t)sprintf(s + len, "%sw%zu", k ? " " : "", k % period);
    s[len] = '\0';
    return s;
}

/* Very different lengths: sacreBLEU widens the beam (ratio 75 here). */
static void test_length_ratio(void **state)
{
    static const int def[4] = {0, 0, 0, 0};
    char *longs = cyclic_words(150, 7);
    const char *refs1[] = {longs};
    check_ter(*state, def, "w5 w2", refs1, 1, 148, 150, 98.66666666666667);
    const char *refs2[] = {"w3 w1"};
    check_ter(*state, def, longs, refs2, 1, 148, 2, 7400);
    free(longs);
}

/* A long run of one token against the same run with a change at the end. */
static void test_repeated_token(void **state)
{
    static const int def[4] = {0, 0, 0, 0};
    char hyp[120 * 3 + 1] = "", ref[117 * 3 + 8] = "";
    for (int k = 0; k < 120; k++) strcat(hyp, k ? " na" : "na");
    for (int k = 0; k < 117; k++) strcat(ref, k ? " na" : "na");
    strcat(ref, " batman");
    const char *refs[] = {ref};
    check_ter(*state, def, hyp, refs, 1, 3, 118, 2.5423728813559325);
}

/* Join words[0..n) with single spaces into a new string. */
static char *join_words(char **words, size_t n)
{
    size_t len = 0;
    for (size_t k = 0; k < n; k++) len += strlen(words[k]) + 1;
    char *s = malloc(len + 1);
    assert_non_null(s);
    s[0] = '\0';
    for (size_t k = 0, at = 0; k < n; k++)
        at += (size_t)sprintf(s + at, "%s%s", k ? " " : "", words[k]);
    return s;
}

/* A 10,000-word line: the reference "t<37k mod 1009>", the hypothesis with a
 * 3-word block moved 10 words back, one word replaced and one deleted. */
static void test_ten_thousand_words(void **state)
{
    static const int def[4] = {0, 0, 0, 0};
    enum { N = 10000 };
    static char store[N][8];
    static char *ref[N], *hyp[N];
    for (size_t k = 0; k < N; k++) {
        snprintf(store[k], sizeof store[k], "t%zu", (k * 37) % 1009);
        ref[k] = hyp[k] = store[k];
    }
    /* hyp[9980..] = block 9990..9992, then 9980..9989, then the rest */
    char *block[3] = {ref[9990], ref[9991], ref[9992]};
    memmove(&hyp[9983], &ref[9980], 10 * sizeof(char *));
    memcpy(&hyp[9980], block, sizeof block);
    hyp[5000] = "oops";
    memmove(&hyp[7000], &hyp[7001], (N - 7001) * sizeof(char *));
    char *h = join_words(hyp, N - 1), *r = join_words(ref, N);
    const char *refs[] = {r};
    check_ter(*state, def, h, refs, 1, 3, 10000, 0.03);
    free(h);
    free(r);
}

/* References are set once and reused by several hypotheses; both sides are
 * right-stripped of Python whitespace (U+3000, U+00A0, U+001F here). */
static void test_refs_reused(void **state)
{
    tqe_ctx *ctx = *state;
    static const int def[4] = {0, 0, 0, 0};
    tqe_metric *m = new_ter(ctx, def);
    const char *refs[] = {"the dog barked at the mail man \xe3\x80\x80", "a dog barked\xc2\xa0"};
    size_t lens[] = {strlen(refs[0]), strlen(refs[1])};
    assert_int_equal(tqe_metric_set_refs(m, refs, lens, 2), 0);
    double st[2], sum[2] = {0, 0};
    static const char *const hyps[] = {"the dog barked at the mailman\x1f", "", "a dog barked"};
    static const double want[3][2] = {{2, 5}, {3, 5}, {0, 5}};
    for (int i = 0; i < 3; i++) {
        assert_int_equal(tqe_metric_hyp_stats(m, st, hyps[i], strlen(hyps[i])), 0);
        assert_near(st[0], want[i][0], 0);
        assert_near(st[1], want[i][1], 0);
        sum[0] += st[0];
        sum[1] += st[1];
    }
    tqe_score sc;
    tqe_metric_score(m, &sc, sum);
    assert_near(sc.score, 100 * (5.0 / 15.0), 1e-12);
    tqe_metric_free(m);
}

/* References with no words at all before any with words (found by
 * fuzz_metrics: the empty word list was a null pointer plus an offset). */
static void test_empty_refs_first(void **state)
{
    static const int def[4] = {0, 0, 0, 0};
    tqe_metric *m = new_ter(*state, def);
    const char *refs[] = {"", " \xe3\x80\x80"};
    size_t lens[] = {0, strlen(refs[1])};
    assert_int_equal(tqe_metric_set_refs(m, refs, lens, 2), 0);
    double st[2];
    assert_int_equal(tqe_metric_hyp_stats(m, st, "", 0), 0);
    assert_near(st[0], 0, 0);
    assert_near(st[1], 0, 0);
    assert_int_equal(tqe_metric_hyp_stats(m, st, "a b", 3), 0);
    assert_near(st[0], 2, 0);
    assert_near(st[1], 0, 0);
    tqe_metric_free(m);
}

/* sacreBLEU's rules for empty references at the score level. */
static void test_score_rules(void **state)
{
    static const int def[4] = {0, 0, 0, 0};
    tqe_metric *m = new_ter(*state, def);
    tqe_score sc;
    tqe_metric_score(m, &sc, (const double[2]){2, 0});
    assert_near(sc.score, 100, 0);
    tqe_metric_score(m, &sc, (const double[2]){0, 0});
    assert_near(sc.score, 0, 0);
    tqe_metric_score(m, &sc, (const double[2]){7, 3});
    assert_near(sc.score, 233.33333333333334, 1e-12);
    tqe_metric_free(m);
}

static void test_signature(void **state)
{
    tqe_ctx *ctx = *state;
    static const int def[4] = {0, 0, 0, 0}, all[4] = {1, 1, 1, 1};
    tqe_buf sig = TQE_BUF_INIT;
    tqe_signature_info info = TQE_SIGNATURE_INFO_INIT;
    info.version = "2.5.1";
    tqe_metric *m = new_ter(ctx, def);
    assert_str(tqe_metric_name(m), "TER");
    assert_int_equal(tqe_metric_kind_of(m), TQE_METRIC_TER);
    assert_int_equal(tqe_metric_signature(&sig, m, &info), 0);
    assert_str(sig.data, "nrefs:1|case:lc|tok:tercom|norm:no|punct:yes|asian:no|version:2.5.1");
    tqe_metric_free(m);
    m = new_ter(ctx, all);
    info.short_form = 1;
    info.nrefs = 2;
    assert_int_equal(tqe_metric_signature(&sig, m, &info), 0);
    assert_str(sig.data, "#:2|c:mixed|t:tercom|nr:yes|pn:no|as:yes|v:2.5.1");
    tqe_metric_free(m);
    tqe_buf_free(&sig);
}

static void test_errors(void **state)
{
    tqe_ctx *ctx = *state;
    static const int def[4] = {0, 0, 0, 0};
    tqe_metric *m = new_ter(ctx, def);
    double st[2];
    assert_int_equal(tqe_metric_hyp_stats(m, st, "x", 1), TQE_EINVAL);
    assert_str(tqe_ctx_errmsg(ctx), "TER: no references set");
    tqe_metric_free(m);
    tqe_ctx_clear(ctx);
    m = new_ter(ctx, def);
    const char *refs[] = {"ok \xE4"}; /* truncated sequence at the end */
    size_t lens[] = {strlen(refs[0])};
    assert_int_equal(tqe_metric_set_refs(m, refs, lens, 1), TQE_EUTF8);
    assert_str(tqe_ctx_errmsg(ctx), "TER: invalid UTF-8 or NUL at byte 3 of a reference");
    tqe_ctx_clear(ctx);
    lens[0] = 2;
    assert_int_equal(tqe_metric_set_refs(m, refs, lens, 1), 0);
    assert_int_equal(tqe_metric_hyp_stats(m, st, "o\0k", 3), TQE_EUTF8);
    tqe_metric_free(m);
    tqe_ctx_clear(ctx);
    tqe_buf out = TQE_BUF_INIT;
    tqe_ter_options o = TQE_TER_OPTIONS_INIT;
    assert_int_equal(tqe_tokenize_tercom(&out, ctx, &o, "\xC0\xAF", 2), TQE_EUTF8);
    tqe_buf_free(&out);
    tqe_ctx_clear(ctx);
    o.version = 99;
    assert_int_equal(tqe_metric_new_ter(&m, ctx, &o), TQE_EINVAL);
    assert_null(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_tokenize, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_empty_refs_first, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_cases, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_length_ratio, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_repeated_token, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_ten_thousand_words, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_refs_reused, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_score_rules, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_signature, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_errors, ctx_setup, ctx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
