/* test_report_html.c - the scorecard's HTML page: text from the documents
 * is escaped, findings are highlighted where they are (also when their
 * spans nest), omitted paragraphs are shown as such, nothing is loaded from
 * the network, and the same card always renders to the same bytes. */
#include "testutil.h"

#include "report_html.h"

#ifndef TQE_REFERENCES_DIR
#error "TQE_REFERENCES_DIR must name the references/ directory"
#endif

static const char *const src_paras[] = {
    "Acme <script>alert(1)</script> & Co. reported revenue of $12.5 million in 2023, "
    "up from the year before.",
    "The board met in Boston on March 3 with \"Jane Doe\" present and approved the plan.",
    "This paragraph about the 42 new warehouses in Ohio was dropped by the translator, "
    "together with everything it said about their opening in 2026.",
    "Final words from Acme & partners.",
};

static const char *const tgt_paras[] = {
    ("Acme <script>alert(1)</script> & Co. meldete einen Umsatz von Millionen Dollar im Jahr "
     "2023, mehr als im Vorjahr."),
    "Der Vorstand traf sich am 3. März in Boston mit „Jane Doe“ und billigte den Plan.",
    "Schlussworte von Acme & Partnern.",
    "Kommentar hinterlassen",
};

static tqe_docset *docset(tqe_ctx *ctx, const char *const *paras, size_t n)
{
    tqe_docset *ds = NULL;
    assert_int_equal(tqe_docset_new(&ds, ctx), 0);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(tqe_docset_add(ds, "", paras[i], strlen(paras[i]), i + 1), 0);
    return ds;
}

/* The page of a card of the texts above, rendered `times` times into out[]. */
static void render(tqe_ctx *ctx, tqe_buf *out, int times, const char *title)
{
    tqe_docset *src = docset(ctx, src_paras, 4), *tgt = docset(ctx, tgt_paras, 4);
    tqe_card_options o = TQE_CARD_OPTIONS_INIT;
    o.data_dir = TQE_REFERENCES_DIR;
    o.bootstrap = 200;
    tqe_card *c = NULL;
    if (tqe_card_new(&c, ctx, &o) ||
        tqe_card_add_translation(c, "acme.de.txt", "de", src, tgt, NULL, 0, NULL, NULL, NULL,
                                 NULL) ||
        tqe_card_finish(c))
        fail_msg("card: %s", tqe_ctx_errmsg(ctx));
    for (int k = 0; k < times; k++) assert_int_equal(tqe_card_render_html(&out[k], c, title), 0);
    tqe_card_free(c);
    tqe_docset_free(src);
    tqe_docset_free(tgt);
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle)) n++;
    return n;
}

/* The opening tag of the <mark> that ends right after `text`, or NULL. */
static const char *mark_around(const char *html, const char *text, char *tag, size_t cap)
{
    char want[256];
    snprintf(want, sizeof(want), ">%s</mark>", text);
    const char *end = strstr(html, want), *open = NULL;
    for (const char *p = html; end && (p = strstr(p, "<mark ")) && p < end; p++) open = p;
    if (!open) return NULL;
    size_t len = (size_t)(end - open + 1);
    snprintf(tag, cap, "%.*s", (int)TQE_MIN(len, cap - 1), open);
    return tag;
}

static void test_escaping(void **state)
{
    tqe_buf out = TQE_BUF_INIT;
    render(*state, &out, 1, "Q3 <b>report</b> & \"more\"");
    const char *h = out.data;
    assert_non_null(strstr(h, "Acme &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co."));
    assert_null(strstr(h, "<script>alert"));
    assert_int_equal(count(h, "<script"), 1); /* the page's own script only */
    assert_non_null(
        strstr(h, "<title>Q3 &lt;b&gt;report&lt;/b&gt; &amp; &quot;more&quot;</title>"));
    assert_non_null(strstr(h, "with &quot;Jane Doe&quot; present"));
    assert_int_equal(tqe_utf8_check(out.data, out.len, NULL), 0);
    tqe_buf_free(&out);
}

static void test_highlights(void **state)
{
    tqe_buf out = TQE_BUF_INIT;
    render(*state, &out, 1, NULL);
    const char *h = out.data;
    char tag[1024];
    /* The amount the translation lost, marked on the source side. */
    assert_non_null(mark_around(h, "$12.5 million", tag, sizeof(tag)));
    assert_non_null(strstr(tag, "class=\"hl hl-number_missing\""));
    assert_non_null(strstr(tag, "title=\"number missing: "));
    /* The dropped paragraph: its number is inside the omission's span, and
     * the stretch carries both findings. */
    assert_non_null(mark_around(h, "42", tag, sizeof(tag)));
    assert_non_null(strstr(tag, "hl-omission"));
    assert_non_null(strstr(tag, "hl-number_missing"));
    assert_int_equal(count(h, "<mark"), count(h, "</mark>"));
    tqe_buf_free(&out);
}

/* A dropped paragraph and an added one, each against an explicit cell. */
static void test_omitted(void **state)
{
    tqe_buf out = TQE_BUF_INIT;
    render(*state, &out, 1, NULL);
    const char *h = out.data;
    assert_int_equal(count(h, "<td class=\"tgt void\">omitted \xE2\x80\x94 no translation</td>"),
                     1);
    /* The source paragraph is there, numbered, marked as omitted. */
    assert_non_null(strstr(h, "<span class=\"pn\">\xC2\xB6"
                              "3</span> <mark class=\"hl hl-omission\""));
    assert_non_null(strstr(h, ">This paragraph about the </mark>"));
    assert_non_null(strstr(h, "1-0 omitted"));
    /* The added line: an explicit cell on the source side. */
    assert_int_equal(count(h, "<td class=\"src void\">added \xE2\x80\x94 no source</td>"), 1);
    assert_non_null(strstr(h, "\xC2\xB6"
                              "4</span> <mark class=\"hl hl-addition\""));
    tqe_buf_free(&out);
}

/* Links stay inside the page; nothing names a resource to fetch. */
static void test_self_contained(void **state)
{
    tqe_buf out = TQE_BUF_INIT;
    render(*state, &out, 1, NULL);
    const char *h = out.data;
    assert_null(strstr(h, "http:"));
    assert_null(strstr(h, "https:"));
    assert_null(strstr(h, " src="));
    assert_null(strstr(h, "url("));
    assert_null(strstr(h, "@import"));
    size_t links = 0;
    for (const char *p = h; (p = strstr(p, "href=\"")); p += 6, links++)
        assert_int_equal(p[6], '#');
    assert_true(links > 0);
    tqe_buf_free(&out);
}

static void test_deterministic(void **state)
{
    tqe_buf a[2] = {TQE_BUF_INIT, TQE_BUF_INIT}, b = TQE_BUF_INIT;
    render(*state, a, 2, "t");
    render(*state, &b, 1, "t");
    assert_int_equal(a[0].len, a[1].len);
    assert_memory_equal(a[0].data, a[1].data, a[0].len);
    assert_int_equal(a[0].len, b.len);
    assert_memory_equal(a[0].data, b.data, b.len);
    tqe_buf_free(&a[0]), tqe_buf_free(&a[1]), tqe_buf_free(&b);
}

/* Two documents, one the translation lacks; an extra score column; a
 * reference that one bead is far from, so that it fails on its score. */
static void test_documents(void **state)
{
    tqe_ctx *ctx = *state;
    tqe_docset *src = NULL, *tgt = NULL, *ref = NULL;
    static const char other[] = "Ganz andere Worte stehen hier, ohne jeden Bezug.";
    assert_int_equal(tqe_docset_new(&src, ctx), 0);
    assert_int_equal(tqe_docset_new(&tgt, ctx), 0);
    assert_int_equal(tqe_docset_new(&ref, ctx), 0);
    assert_int_equal(tqe_docset_add(ref, "a", tgt_paras[1], strlen(tgt_paras[1]), 1), 0);
    assert_int_equal(tqe_docset_add(ref, "a", other, strlen(other), 2), 0);
    assert_int_equal(tqe_docset_add(src, "a", src_paras[1], strlen(src_paras[1]), 1), 0);
    assert_int_equal(tqe_docset_add(src, "a", src_paras[3], strlen(src_paras[3]), 2), 0);
    assert_int_equal(tqe_docset_add(src, "b<1>", src_paras[3], strlen(src_paras[3]), 3), 0);
    assert_int_equal(tqe_docset_add(tgt, "a", tgt_paras[1], strlen(tgt_paras[1]), 1), 0);
    assert_int_equal(tqe_docset_add(tgt, "a", tgt_paras[2], strlen(tgt_paras[2]), 2), 0);
    tqe_card_options o = TQE_CARD_OPTIONS_INIT;
    o.data_dir = TQE_REFERENCES_DIR;
    o.bootstrap = 100;
    tqe_card *c = NULL;
    const double comet[2] = {0.8125, 0.75};
    const double *extra[1] = {comet};
    const size_t nextra[1] = {2};
    tqe_buf out = TQE_BUF_INIT;
    if (tqe_card_new(&c, ctx, &o) || tqe_card_add_extra_column(c, "comet") != 0 ||
        tqe_card_add_translation(c, "x", "de", src, tgt, (const tqe_docset *const *)&ref, 1, extra,
                                 nextra, NULL, NULL) ||
        tqe_card_finish(c) || tqe_card_render_html(&out, c, NULL))
        fail_msg("card: %s", tqe_ctx_errmsg(ctx));
    const char *h = out.data;
    assert_int_equal(count(h, "<h3 class=\"doc\">"), 2);
    assert_non_null(strstr(h, "Document <code>b&lt;1&gt;</code>"));
    assert_int_equal(count(h, "<table class=\"beads has-ref\">"), 2);
    /* Beads are numbered within their document, ids across the translation. */
    assert_non_null(strstr(h, "<tbody id=\"t1-b3\""));
    assert_non_null(strstr(h, "href=\"#t1-b3\" title=\"link to this bead\">1</a>"));
    assert_non_null(strstr(h, "<th rowspan=\"2\">comet<small>"));
    assert_non_null(strstr(h, "<dt>comet</dt><dd>0.8125</dd>"));
    assert_non_null(strstr(h, "<td>0.7812</td>")); /* the mean of the two */
    /* Bead 2 has no findings: its grade says why. */
    const char *b2 = strstr(h, "<tbody id=\"t1-b2\" class=\"bead fail\" data-i=\"1\" "
                               "data-grade=\"fail\" data-n=\"0\"");
    assert_non_null(b2);
    const char *why = strstr(b2, "<li class=\"why\">");
    assert_true(why && why < strstr(b2, "</tbody>"));
    assert_non_null(strstr(why, "chrF against the reference, "));
    assert_non_null(strstr(why, " is below 25: fail</li>"));
    tqe_buf_free(&out);
    tqe_card_free(c);
    tqe_docset_free(src);
    tqe_docset_free(tgt);
    tqe_docset_free(ref);
}

static void test_escape_controls(void **state)
{
    (void)state;
    tqe_buf out = TQE_BUF_INIT;
    const char in[] = "a\x01"
                      "b\xC2\x85"
                      "c<&\"'\n\xC3\xA9";
    assert_int_equal(html_esc_attr(&out, in, sizeof(in) - 1), 0);
    assert_str(out.data, "a\xEF\xBF\xBD"
                         "b\xEF\xBF\xBD"
                         "c&lt;&amp;&quot;&#39;&#10;\xC3\xA9");
    tqe_buf_clear(&out);
    assert_int_equal(html_esc(&out, "x\ny", 3), 0);
    assert_str(out.data, "x\ny");
    tqe_buf_free(&out);
    /* Cutting never splits a character: "é" is two bytes. */
    assert_int_equal(html_cut_utf8("a\xC3\xA9z", 4, 2), 1);
    assert_int_equal(html_cut_utf8("a\xC3\xA9z", 4, 3), 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_escaping, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_highlights, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_omitted, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_self_contained, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_deterministic, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_documents, ctx_setup, ctx_teardown),
        cmocka_unit_test(test_escape_controls),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
