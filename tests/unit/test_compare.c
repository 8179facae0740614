/* test_compare.c - candidate vs baseline: deltas, intervals, permutation
 * p-values and verdicts on constructed inputs whose statistics are known,
 * issue gates, the lists of worst segments, and the escaping of the
 * Markdown and JUnit renderers. */
#include "testutil.h"

#define NSEG 20

typedef struct fixture {
    tqe_ctx *ctx;
    tqe_metric *chrf, *ter;
    tqe_checker *ck;
    tqe_compare *cmp;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof(*f));
    if (!f || tqe_ctx_new(&f->ctx)) return -1;
    tqe_chrf_options co = TQE_CHRF_OPTIONS_INIT;
    tqe_ter_options to = TQE_TER_OPTIONS_INIT;
    if (tqe_metric_new_chrf(&f->chrf, f->ctx, &co) || tqe_metric_new_ter(&f->ter, f->ctx, &to))
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    tqe_compare_free(f->cmp);
    tqe_checker_free(f->ck);
    tqe_metric_free(f->chrf);
    tqe_metric_free(f->ter);
    tqe_ctx_free(f->ctx);
    free(f);
    return 0;
}

/* A comparison on chrF (and TER) with small, fast resampling. */
static tqe_compare *make(fixture *f, double max_drop, size_t worst)
{
    tqe_compare_options o = TQE_COMPARE_OPTIONS_INIT;
    o.bootstrap = 200;
    o.ar_trials = 2000;
    o.worst = worst;
    assert_int_equal(tqe_compare_new(&f->cmp, f->ctx, &o), 0);
    assert_int_equal(tqe_compare_add_metric(f->cmp, f->chrf, max_drop), 0);
    assert_int_equal(tqe_compare_add_metric(f->cmp, f->ter, max_drop), 0);
    return f->cmp;
}

static const char *const REF[NSEG] = {
    "Der Hund schläft im Garten.",    "Die Katze trinkt Milch.",
    "Wir fahren morgen nach Berlin.", "Das Wetter ist heute schön.",
    "Er liest ein spannendes Buch.",  "Sie kauft frisches Brot.",
    "Der Zug kommt um acht Uhr an.",  "Kinder spielen auf der Straße.",
    "Das Konzert war ausverkauft.",   "Ich trinke gern schwarzen Tee.",
    "Die Brücke wurde neu gebaut.",   "Unser Nachbar hat einen Hund.",
    "Der Laden schließt um sechs.",   "Im Winter schneit es oft.",
    "Die Suppe ist noch heiß.",       "Er repariert das alte Fahrrad.",
    "Das Museum ist montags zu.",     "Wir brauchen mehr Zeit.",
    "Die Blumen blühen im Frühling.", "Der Film beginnt gleich.",
};

/* Add the segments: baseline = the reference; the candidate's line i is
 * `cand(i)` (NULL: the reference). */
static void feed(tqe_compare *c, const char *(*cand)(size_t i))
{
    for (size_t i = 0; i < NSEG; i++) {
        size_t rl = strlen(REF[i]);
        const char *h = cand ? cand(i) : NULL;
        if (!h) h = REF[i];
        assert_int_equal(
            tqe_compare_add_segment(c, NULL, 0, &REF[i], &rl, 1, REF[i], rl, h, strlen(h)), 0);
    }
    assert_int_equal(tqe_compare_finish(c), 0);
}

static const char *empty(size_t i)
{
    (void)i;
    return "";
}

static void test_identical(void **state)
{
    fixture *f = *state;
    tqe_compare *c = make(f, 0.5, 10);
    feed(c, NULL);
    assert_int_equal(tqe_compare_segment_count(c), NSEG);
    assert_int_equal(tqe_compare_metric_count(c), 2);
    const tqe_compare_metric *m = tqe_compare_metric_get(c, 0);
    assert_str(m->name, "chrF2");
    assert_near(m->baseline, 100.0, 1e-9);
    assert_near(m->delta, 0.0, 0.0);
    assert_near(m->delta_lo, 0.0, 0.0);
    assert_near(m->delta_hi, 0.0, 0.0);
    /* Every shuffle ties the actual difference: p is 1, not 1/(n+1). */
    assert_near(m->p_value, 1.0, 0.0);
    assert_int_equal(m->verdict, TQE_VERDICT_SAME);
    assert_int_equal(tqe_compare_failed(c), 0);
    assert_int_equal(tqe_compare_worst_count(c, TQE_RANK_CHRF), 0);
}

static void test_all_worse(void **state)
{
    fixture *f = *state;
    tqe_compare *c = make(f, 0.5, 3);
    feed(c, empty);
    const tqe_compare_metric *m = tqe_compare_metric_get(c, 0);
    /* chrF 100 -> 0 on every segment: every resample has delta -100. */
    assert_near(m->candidate, 0.0, 1e-9);
    assert_near(m->delta, -100.0, 1e-9);
    assert_near(m->delta_lo, -100.0, 1e-9);
    assert_near(m->delta_hi, -100.0, 1e-9);
    assert_near(m->worsening, 100.0, 1e-9);
    /* Only the identity and the full swap reach |delta| (2 in 2^20 shuffles). */
    assert_true(m->p_value < 0.002);
    assert_int_equal(m->verdict, TQE_VERDICT_FAIL);
    /* TER: lower is better; the empty candidate deletes every word. */
    const tqe_compare_metric *t = tqe_compare_metric_get(c, 1);
    assert_int_equal(t->higher_is_better, 0);
    assert_near(t->delta, 100.0, 1e-9);
    assert_near(t->worsening, 100.0, 1e-9);
    assert_int_equal(t->verdict, TQE_VERDICT_FAIL);
    assert_int_equal(tqe_compare_failed(c), 1);
    /* All tie at -100: the first lines are listed, in order. */
    assert_int_equal(tqe_compare_worst_count(c, TQE_RANK_CHRF), 3);
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(tqe_compare_worst_get(c, TQE_RANK_CHRF, i)->line, i + 1);
    assert_str(tqe_compare_worst_get(c, TQE_RANK_CHRF, 0)->baseline, REF[0]);
}

static void test_thresholds(void **state)
{
    fixture *f = *state;
    /* Worse by exactly the allowed drop is not beyond it. */
    tqe_compare *c = make(f, 100.0, 0);
    feed(c, empty);
    assert_int_equal(tqe_compare_metric_get(c, 0)->verdict, TQE_VERDICT_WORSE);
    assert_int_equal(tqe_compare_failed(c), 0);
    assert_int_equal(tqe_compare_worst_count(c, TQE_RANK_CHRF), 0);
    tqe_compare_free(f->cmp);
    /* No gate: reported as worse, never a failure. */
    c = make(f, NAN, 10);
    feed(c, empty);
    assert_true(isnan(tqe_compare_metric_get(c, 0)->max_drop));
    assert_int_equal(tqe_compare_metric_get(c, 0)->verdict, TQE_VERDICT_WORSE);
    assert_int_equal(tqe_compare_failed(c), 0);
}

static const char *one_bad(size_t i)
{
    return i == 7 ? "Völlig falsch übersetzt." : NULL;
}

static void test_one_segment_not_significant(void **state)
{
    fixture *f = *state;
    tqe_compare *c = make(f, 0.5, 10);
    feed(c, one_bad);
    const tqe_compare_metric *m = tqe_compare_metric_get(c, 0);
    /* A large drop (one segment of 20 lost) ... */
    assert_true(m->worsening > 3.0);
    /* ... that one segment explains: swapping it only mirrors the systems, so
     * every shuffle has the same |delta| and p = 1. */
    assert_near(m->p_value, 1.0, 0.0);
    assert_int_equal(m->verdict, TQE_VERDICT_SAME);
    assert_int_equal(tqe_compare_failed(c), 0);
    assert_int_equal(tqe_compare_worst_count(c, TQE_RANK_CHRF), 1);
    const tqe_compare_segment *s = tqe_compare_worst_get(c, TQE_RANK_CHRF, 0);
    assert_int_equal(s->line, 8);
    assert_near(s->chrf_baseline, 100.0, 1e-9);
    assert_true(s->chrf_delta < -50);
    assert_str(s->candidate, "Völlig falsch übersetzt.");
}

/* Half the segments lose their last word: a consistent, significant drop. */
static const char *half(size_t i)
{
    static const char *const cut[NSEG] = {"Der Hund schläft im",       "Die Katze trinkt",
                                          "Wir fahren morgen nach",    "Das Wetter ist heute",
                                          "Er liest ein spannendes",   "Sie kauft frisches",
                                          "Der Zug kommt um acht Uhr", "Kinder spielen auf der",
                                          "Das Konzert war",           "Ich trinke gern schwarzen"};
    return i < 10 ? cut[i] : NULL;
}

static void test_deterministic_and_ordered(void **state)
{
    fixture *f = *state;
    tqe_compare *c = make(f, 0.5, 4);
    feed(c, half);
    tqe_compare_metric a = *tqe_compare_metric_get(c, 0);
    assert_true(a.delta_lo <= a.delta && a.delta <= a.delta_hi);
    assert_true(a.delta_hi < 0);
    assert_true(a.p_value < 0.01);
    assert_int_equal(a.verdict, TQE_VERDICT_FAIL);
    /* The listed segments are in order of their chrF delta. */
    for (size_t i = 1; i < tqe_compare_worst_count(c, TQE_RANK_CHRF); i++)
        assert_true(tqe_compare_worst_get(c, TQE_RANK_CHRF, i - 1)->chrf_delta <=
                    tqe_compare_worst_get(c, TQE_RANK_CHRF, i)->chrf_delta);
    tqe_compare_free(f->cmp);
    /* The same seed gives the same interval and p-value. */
    c = make(f, 0.5, 4);
    feed(c, half);
    const tqe_compare_metric *b = tqe_compare_metric_get(c, 0);
    assert_true(a.delta_lo == b->delta_lo && a.delta_hi == b->delta_hi);
    assert_true(a.p_value == b->p_value);
    assert_str(b->signature,
               "nrefs:1|bs:200|ar:2000|seed:12345|case:mixed|eff:yes|nc:6|nw:0|space:no|"
               "version:tqe-" TQE_VERSION_STRING);
}

static void test_better(void **state)
{
    fixture *f = *state;
    tqe_compare_options o = TQE_COMPARE_OPTIONS_INIT;
    o.ar_trials = 1000;
    o.bootstrap = 100;
    assert_int_equal(tqe_compare_new(&f->cmp, f->ctx, &o), 0);
    assert_int_equal(tqe_compare_add_metric(f->cmp, f->chrf, 0.5), 0);
    /* Baseline empty, candidate the reference. */
    for (size_t i = 0; i < NSEG; i++) {
        size_t rl = strlen(REF[i]);
        assert_int_equal(
            tqe_compare_add_segment(f->cmp, NULL, 0, &REF[i], &rl, 1, "", 0, REF[i], rl), 0);
    }
    assert_int_equal(tqe_compare_finish(f->cmp), 0);
    const tqe_compare_metric *m = tqe_compare_metric_get(f->cmp, 0);
    assert_near(m->worsening, -100.0, 1e-9);
    assert_int_equal(m->verdict, TQE_VERDICT_BETTER);
    assert_int_equal(tqe_compare_failed(f->cmp), 0);
}

static void test_errors(void **state)
{
    fixture *f = *state;
    tqe_compare_options o = TQE_COMPARE_OPTIONS_INIT;
    o.bootstrap = 0;
    assert_int_equal(tqe_compare_new(&f->cmp, f->ctx, &o), TQE_EINVAL);
    assert_null(f->cmp);
    tqe_compare *c = make(f, 0.5, 10);
    assert_int_equal(tqe_compare_add_metric(c, f->chrf, 0.5), TQE_EINVAL);       /* twice */
    assert_int_equal(tqe_compare_add_issue_gate(c, "number", 7, 0), TQE_EINVAL); /* no checker */
    assert_int_equal(tqe_compare_finish(c), TQE_EINVAL);                         /* no segments */
    tqe_compare_free(f->cmp);
    f->cmp = NULL;
    tqe_compare_new(&f->cmp, f->ctx, &(tqe_compare_options)TQE_COMPARE_OPTIONS_INIT);
    assert_int_equal(tqe_compare_add_metric(f->cmp, f->chrf, -1.0), TQE_EINVAL);
}

/* ---- issue counts and gates ---- */

static const char *const SRC[3] = {
    "Sales rose 12% to $30 million in 2023.",
    "The meeting is on Monday.",
    "Prices fell by 4 percent last year.",
};
static const char *const TGT_OK[3] = {
    "Der Umsatz stieg 2023 um 12 % auf 30 Millionen Dollar.",
    "Die Sitzung ist am Montag.",
    "Die Preise fielen im letzten Jahr um 4 Prozent.",
};
static const char *const TGT_DROP[3] = {
    "Der Umsatz stieg deutlich.",
    "Die Sitzung ist am Montag.",
    "Die Preise fielen im letzten Jahr.",
};

static void feed_issues(fixture *f, double max_new)
{
    tqe_check_options co = TQE_CHECK_OPTIONS_INIT;
    co.tgt_lang = "de";
    co.data_dir = TQE_DATA_DIR;
    assert_int_equal(tqe_checker_new(&f->ck, f->ctx, &co), 0);
    tqe_compare_options o = TQE_COMPARE_OPTIONS_INIT;
    o.bootstrap = 10;
    o.ar_trials = 10;
    assert_int_equal(tqe_compare_new(&f->cmp, f->ctx, &o), 0);
    assert_int_equal(tqe_compare_set_checker(f->cmp, f->ck), 0);
    unsigned number = 1u << TQE_ISSUE_NUMBER_MISSING | 1u << TQE_ISSUE_NUMBER_ALTERED |
                      1u << TQE_ISSUE_NUMBER_EXTRA;
    assert_int_equal(tqe_compare_add_issue_gate(f->cmp, "number", number, max_new), 0);
    assert_int_equal(tqe_compare_add_issue_gate(f->cmp, "number", number, 1), TQE_EINVAL);
    assert_int_equal(
        tqe_compare_add_issue_gate(f->cmp, "untranslated", 1u << TQE_ISSUE_UNTRANSLATED, 0), 0);
    for (size_t i = 0; i < 3; i++) {
        size_t rl = strlen(TGT_OK[i]);
        assert_int_equal(tqe_compare_add_segment(f->cmp, SRC[i], strlen(SRC[i]), &TGT_OK[i], &rl, 1,
                                                 TGT_OK[i], rl, TGT_DROP[i], strlen(TGT_DROP[i])),
                         0);
    }
    assert_int_equal(tqe_compare_finish(f->cmp), 0);
}

static void test_issue_gates(void **state)
{
    fixture *f = *state;
    feed_issues(f, 2);
    tqe_compare *c = f->cmp;
    /* The nine types, then the "number" gate; "untranslated" set its own row. */
    assert_int_equal(tqe_compare_issues_count(c), TQE_ISSUE_TYPE_COUNT + 1);
    const tqe_compare_issues *miss = tqe_compare_issues_get(c, TQE_ISSUE_NUMBER_MISSING);
    assert_str(miss->key, "number_missing");
    assert_int_equal(miss->baseline, 0);
    assert_true(miss->candidate >= 3); /* 12%, $30 million, 2023, 4 percent */
    assert_int_equal(miss->worse, 2);
    assert_int_equal(miss->better, 0);
    assert_true(isnan(miss->max_new));
    assert_int_equal(miss->verdict, TQE_VERDICT_WORSE);
    const tqe_compare_issues *untr = tqe_compare_issues_get(c, TQE_ISSUE_UNTRANSLATED);
    assert_near(untr->max_new, 0, 0);
    assert_int_equal(untr->verdict, TQE_VERDICT_SAME);
    const tqe_compare_issues *num = tqe_compare_issues_get(c, TQE_ISSUE_TYPE_COUNT);
    assert_str(num->key, "number");
    assert_true(num->candidate > 2);
    assert_int_equal(num->verdict, TQE_VERDICT_FAIL);
    assert_int_equal(tqe_compare_failed(c), 1);
    /* The first line lost three numbers, the third one: listed in that order. */
    assert_int_equal(tqe_compare_worst_count(c, TQE_RANK_ISSUES), 2);
    const tqe_compare_segment *s = tqe_compare_worst_get(c, TQE_RANK_ISSUES, 0);
    assert_int_equal(s->line, 1);
    assert_str(s->src, SRC[0]);
    assert_true(tqe_issue_list_count(s->new_issues) >= 2);
    assert_int_equal(tqe_issue_list_get(s->new_issues, 0)->type, TQE_ISSUE_NUMBER_MISSING);
    assert_int_equal(tqe_compare_worst_get(c, TQE_RANK_ISSUES, 1)->line, 3);
}

static void test_issue_gate_allows(void **state)
{
    fixture *f = *state;
    feed_issues(f, 100);
    assert_int_equal(tqe_compare_issues_get(f->cmp, TQE_ISSUE_TYPE_COUNT)->verdict,
                     TQE_VERDICT_WORSE);
    assert_int_equal(tqe_compare_failed(f->cmp), 0);
}

/* ---- renderers ---- */

static void feed_nasty(fixture *f)
{
    tqe_compare_options o = TQE_COMPARE_OPTIONS_INIT;
    o.bootstrap = 10;
    o.ar_trials = 1000; /* 12 lines all worse: significant */
    o.baseline_name = "old|<base>&\"x\".de";
    o.candidate_name = "new *cand* `x`.de";
    assert_int_equal(tqe_compare_new(&f->cmp, f->ctx, &o), 0);
    assert_int_equal(tqe_compare_add_metric(f->cmp, f->chrf, 0.5), 0);
    const char *ref = "a < b & c | d \"q\" @nasa #12";
    const char *bad = "x <y> & z | \x01 \"w\"";
    size_t rl = strlen(ref);
    for (int i = 0; i < 12; i++)
        assert_int_equal(
            tqe_compare_add_segment(f->cmp, NULL, 0, &ref, &rl, 1, ref, rl, bad, strlen(bad)), 0);
    assert_int_equal(tqe_compare_finish(f->cmp), 0);
}

static void test_markdown_escaping(void **state)
{
    fixture *f = *state;
    feed_nasty(f);
    tqe_buf b = TQE_BUF_INIT;
    assert_int_equal(tqe_compare_render_markdown(&b, f->cmp), 0);
    /* Names and texts: HTML-significant characters as entities, table pipes
     * and emphasis escaped, no mention or issue link. */
    assert_non_null(strstr(b.data, "baseline **old\\|&lt;base&gt;&amp;\"x\".de**"));
    assert_non_null(strstr(b.data, "**new \\*cand\\* \\`x\\`.de**"));
    assert_non_null(strstr(b.data, "| a &lt; b &amp; c \\| d \"q\" @\xE2\x81\xA0nasa "
                                   "#\xE2\x81\xA0"
                                   "12 |"));
    assert_non_null(strstr(b.data, "| x &lt;y&gt; &amp; z \\|   \"w\" |"));
    assert_null(strstr(b.data, "<y>"));
    /* Every table row of the worst segments has its 6 cells and no more. */
    const char *row = strstr(b.data, "\n| 1 |");
    assert_non_null(row);
    size_t bars = 0;
    for (const char *p = row + 1; *p && *p != '\n'; p++) bars += *p == '|' && p[-1] != '\\';
    assert_int_equal(bars, 7);
    tqe_buf_free(&b);
}

static void test_junit_escaping(void **state)
{
    fixture *f = *state;
    feed_nasty(f);
    tqe_buf b = TQE_BUF_INIT;
    assert_int_equal(tqe_compare_render_junit(&b, f->cmp), 0);
    assert_non_null(strstr(b.data, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites "));
    assert_non_null(strstr(b.data, "name=\"tqe compare: new *cand* `x`.de vs "
                                   "old|&lt;base&gt;&amp;&quot;x&quot;.de\""));
    assert_non_null(strstr(b.data, "<testcase name=\"chrF2\" classname=\"tqe.compare.metric\""));
    /* Failure text: markup escaped, the control character replaced. */
    assert_non_null(strstr(b.data, "cand: x &lt;y&gt; &amp; z | \xEF\xBF\xBD \"w\""));
    assert_non_null(strstr(b.data, "<failure message=\"chrF2 dropped by "));
    assert_null(strstr(b.data, "\x01"));
    assert_null(strstr(b.data, "<y>"));
    tqe_buf_free(&b);
    assert_int_equal(tqe_compare_render_failures(&b, f->cmp), 0);
    assert_non_null(strstr(b.data, "chrF2 dropped by "));
    tqe_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_identical, setup, teardown),
        cmocka_unit_test_setup_teardown(test_all_worse, setup, teardown),
        cmocka_unit_test_setup_teardown(test_thresholds, setup, teardown),
        cmocka_unit_test_setup_teardown(test_one_segment_not_significant, setup, teardown),
        cmocka_unit_test_setup_teardown(test_deterministic_and_ordered, setup, teardown),
        cmocka_unit_test_setup_teardown(test_better, setup, teardown),
        cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_issue_gates, setup, teardown),
        cmocka_unit_test_setup_teardown(test_issue_gate_allows, setup, teardown),
        cmocka_unit_test_setup_teardown(test_markdown_escaping, setup, teardown),
        cmocka_unit_test_setup_teardown(test_junit_escaping, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
