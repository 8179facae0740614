/* report_html.c - a scorecard as one self-contained HTML page: the header,
 * the summary table, the key to issue types and grades, and the page
 * frame around the charts (report_html_svg.c) and the bead sections
 * (report_html_beads.c).
 *
 * The page loads nothing: style, script and charts are inline, fonts are the
 * system's. It carries no timestamp, so the same card renders to the same
 * bytes. Paragraph and bead numbers are 1-based, as in the CSV. */
#include <math.h>
#include <stdio.h>

#include "report_html.h"

static const html_issue_style issue_styles[TQE_ISSUE_TYPE_COUNT] = {
    {"number missing", "#CC6677", "#1f2328", "a number of the source is not in the translation"},
    {"number altered", "#882255", "#ffffff", "a number of the source appears with another value"},
    {"extra number", "#DDCC77", "#1f2328", "a number of the translation is not in the source"},
    {"name missing", "#332288", "#ffffff", "a name of the source is not in the translation"},
    {"name altered", "#88CCEE", "#1f2328", "a misspelling stands in place of a source name"},
    {"untranslated", "#44AA99", "#1f2328", "the translation repeats the English source"},
    {"omission", "#999933", "#1f2328",
     "a source paragraph has no translation, or the translation is implausibly short"},
    {"addition", "#117733", "#ffffff",
     "a translation paragraph has no source, or the translation is implausibly long"},
    {"glossary", "#AA4499", "#ffffff", "a glossary term is not translated as required"},
};

const html_issue_style *html_issue_style_of(tqe_issue_type t)
{
    assert((unsigned)t < TQE_ISSUE_TYPE_COUNT);
    return &issue_styles[t];
}

const char *html_grade_color(tqe_grade g)
{
    static const char *const colors[3] = {"#009E73", "#E69F00", "#D55E00"};
    return colors[(unsigned)g < 3 ? g : 2];
}

/* The reference of a character HTML forbids or gives meaning to, or NULL. */
static const char *html_ref(const char *s, size_t len, size_t i, bool attr, size_t *skip)
{
    unsigned char c = (unsigned char)s[i];
    *skip = 1;
    switch (c) {
    case '&':
        return "&amp;";
    case '<':
        return "&lt;";
    case '>':
        return "&gt;";
    case '"':
        return "&quot;";
    case '\'':
        return "&#39;";
    case '\n':
        return attr ? "&#10;" : NULL;
    case '\t':
        return NULL;
    case 0x7F:
        return "\xEF\xBF\xBD";
    default:
        break;
    }
    if (c < 0x20) return "\xEF\xBF\xBD";
    /* C1 controls U+0080..U+009F are C2 80..C2 9F. */
    if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] < 0xA0) {
        *skip = 2;
        return "\xEF\xBF\xBD";
    }
    return NULL;
}

static int esc(tqe_buf *o, const char *s, size_t len, bool attr)
{
    size_t run = 0, skip;
    int rc = 0;
    for (size_t i = 0; !rc && i < len; i += skip) {
        const char *r = html_ref(s, len, i, attr, &skip);
        if (!r) continue;
        rc = tqe_buf_append(o, s + run, i - run) || tqe_buf_puts(o, r);
        run = i + skip;
    }
    return rc ? rc : tqe_buf_append(o, s + run, len - run);
}

int html_esc(tqe_buf *o, const char *s, size_t len)
{
    return esc(o, s, len, false);
}

int html_esc_attr(tqe_buf *o, const char *s, size_t len)
{
    return esc(o, s, len, true);
}

int html_num(tqe_buf *o, double x, int decimals)
{
    if (isnan(x)) return tqe_buf_puts(o, "\xE2\x80\x94");
    return tqe_buf_printf(o, "%.*f", decimals, x);
}

int html_num_ci(tqe_buf *o, double x, double lo, double hi, int decimals)
{
    int rc = html_num(o, x, decimals);
    if (rc || isnan(x) || isnan(lo) || isnan(hi)) return rc;
    return tqe_buf_printf(o, "<span class=\"ci\">%.*f\xE2\x80\x93%.*f</span>", decimals, lo,
                          decimals, hi);
}

size_t html_cut_utf8(const char *s, size_t len, size_t max)
{
    if (len <= max) return len;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80) max--;
    return max;
}

bool html_has_ref(const tqe_card *c, size_t t)
{
    const card_tr *tr = &c->tr[t];
    for (size_t b = 0; b < tr->nbeads; b++)
        if (tr->beads[b].st.has_ref) return true;
    return false;
}

double html_bead_score(const tqe_card_bead *b, bool has_ref)
{
    return has_ref ? b->chrf_vs_ref : b->chrf_vs_src;
}

/* ---- header and contents ---- */

static int page_head(tqe_buf *o, const char *title)
{
    int rc =
        tqe_buf_puts(o, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                        "<meta name=\"viewport\" content=\"width=device-width, "
                        "initial-scale=1\">\n");
    if (!rc)
        rc = tqe_buf_printf(o, "<meta name=\"generator\" content=\"tqe %s\">\n<title>",
                            tqe_version());
    if (!rc) rc = html_escs(o, title) || tqe_buf_puts(o, "</title>\n");
    return rc ? rc : html_style(o) || tqe_buf_puts(o, "</head>\n<body>\n<main>\n");
}

static int page_header(tqe_buf *o, const tqe_card *c, const char *title)
{
    /* The file's name, and where it was in a tooltip: the reader of the
     * page has no use for the analyst's directories. */
    const char *path = tqe_card_source_name(c), *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    int rc = tqe_buf_puts(o, "<header>\n<h1>") || html_escs(o, title) ||
             tqe_buf_puts(o, "</h1>\n<p class=\"meta\">Source <b title=\"") ||
             html_esc_attr(o, path, strlen(path)) || tqe_buf_puts(o, "\">") || html_escs(o, base) ||
             tqe_buf_puts(o, "</b> (") || html_escs(o, c->o.src_lang) || tqe_buf_puts(o, ")");
    if (!rc && c->ntr)
        rc = tqe_buf_printf(o, ", %zu paragraphs, %llu words", c->tr[0].sum.src_paras,
                            (unsigned long long)c->tr[0].sum.src_words);
    if (!rc)
        rc = tqe_buf_printf(o, " \xC2\xB7 %zu translation%s</p>\n", c->ntr, c->ntr == 1 ? "" : "s");
    if (!rc)
        rc = tqe_buf_printf(o,
                            "<p class=\"meta\">Generated by tqe %s. Intervals are 95%% bootstrap "
                            "intervals over beads (%ld resamples, seed %lu).</p>\n</header>\n",
                            tqe_version(), c->o.bootstrap, c->o.seed);
    return rc;
}

static int contents(tqe_buf *o, const tqe_card *c)
{
    int rc = tqe_buf_puts(o, "<nav class=\"toc\"><a href=\"#summary\">Summary</a>"
                             "<a href=\"#charts\">Charts</a><a href=\"#key\">Key</a>");
    for (size_t t = 0; !rc && t < c->ntr; t++) {
        const tqe_card_summary *s = &c->tr[t].sum;
        rc = tqe_buf_printf(o, "<a href=\"#t%zu\">", t + 1) || html_escs(o, s->name) ||
             tqe_buf_printf(o,
                            " <span class=\"gc\" title=\"beads: fail / warn / pass\"><span "
                            "class=\"g-fail\">%zu</span>/"
                            "<span class=\"g-warn\">%zu</span>/<span class=\"g-pass\">%zu"
                            "</span></span></a>",
                            s->grades[TQE_GRADE_FAIL], s->grades[TQE_GRADE_WARN],
                            s->grades[TQE_GRADE_PASS]);
    }
    return rc ? rc : tqe_buf_puts(o, "</nav>\n");
}

/* ---- summary table ---- */

/* Bead kinds as the summary counts them. 2-2 beads (two paragraphs divided
 * elsewhere) are rare and get a column only when there are any. */
typedef struct kind_col {
    const char *head, *about;
    tqe_bead_kind a, b; /* the kinds counted */
} kind_col;

static const kind_col kind_cols[] = {
    {"1-1", "one source paragraph, one translation paragraph", TQE_BEAD_1_1, TQE_BEAD_1_1},
    {"merged", "2-1 and 3-1: source paragraphs joined in one translation paragraph", TQE_BEAD_2_1,
     TQE_BEAD_3_1},
    {"split", "1-2 and 1-3: a source paragraph split in several", TQE_BEAD_1_2, TQE_BEAD_1_3},
    {"2-2", "two source paragraphs as two translation paragraphs, divided elsewhere", TQE_BEAD_2_2,
     TQE_BEAD_2_2},
    {"omitted", "1-0: a source paragraph with no translation", TQE_BEAD_1_0, TQE_BEAD_1_0},
    {"added", "0-1: a translation paragraph with no source", TQE_BEAD_0_1, TQE_BEAD_0_1},
};

static size_t kind_count(const tqe_card_summary *s, const kind_col *k)
{
    return s->beads_by_kind[k->a] + (k->b != k->a ? s->beads_by_kind[k->b] : 0);
}

static bool show_kind(const tqe_card *c, const kind_col *k)
{
    bool any = k->a != TQE_BEAD_2_2;
    for (size_t t = 0; t < c->ntr; t++) any = any || kind_count(&c->tr[t].sum, k);
    return any;
}

static int summary_head(tqe_buf *o, const tqe_card *c)
{
    size_t nk = 0;
    for (size_t j = 0; j < TQE_ARRAY_LEN(kind_cols); j++) nk += show_kind(c, &kind_cols[j]);
    int rc = tqe_buf_printf(
        o,
        "<thead><tr><th rowspan=\"2\">Rank</th><th rowspan=\"2\">Translation</th>"
        "<th rowspan=\"2\">Para&shy;graphs<small>source / translation</small></th>"
        "<th colspan=\"%zu\">Beads (aligned paragraphs)</th><th colspan=\"3\">Numbers</th>"
        "<th colspan=\"2\">Names</th>",
        nk);
    /* Soft hyphens: these headers may break to keep their columns narrow. */
    static const char *const text_heads[] = {"Untrans&shy;lated", "Omis&shy;sion", "Addi&shy;tion",
                                             "Glos&shy;sary"};
    for (int k = TQE_ISSUE_UNTRANSLATED; !rc && k < TQE_ISSUE_TYPE_COUNT; k++)
        rc = tqe_buf_printf(o, "<th rowspan=\"2\" class=\"k k-%s\" title=\"%s\">%s</th>",
                            tqe_issue_type_name((tqe_issue_type)k), issue_styles[k].about,
                            text_heads[k - TQE_ISSUE_UNTRANSLATED]);
    if (!rc)
        rc = tqe_buf_puts(o, "<th rowspan=\"2\">Issues</th><th rowspan=\"2\">Per 1,000 source "
                             "words<small>95% interval</small></th><th rowspan=\"2\">chrF"
                             "<small>vs reference</small></th><th rowspan=\"2\">BLEU<small>vs "
                             "reference</small></th>");
    for (size_t k = 0; !rc && k < c->nextra; k++)
        rc = tqe_buf_puts(o, "<th rowspan=\"2\">") || html_escs(o, c->extra_names[k]) ||
             tqe_buf_puts(o, "<small>mean of beads</small></th>");
    if (!rc)
        rc = tqe_buf_puts(o, "<th rowspan=\"2\">Grades<small><span class=\"g-fail\">fail</span> / "
                             "<span class=\"g-warn\">warn</span> / <span class=\"g-pass\">pass"
                             "</span></small></th></tr>\n<tr>");
    for (size_t j = 0; !rc && j < TQE_ARRAY_LEN(kind_cols); j++)
        if (show_kind(c, &kind_cols[j]))
            rc = tqe_buf_printf(o, "<th title=\"%s\">%s</th>", kind_cols[j].about,
                                kind_cols[j].head);
    for (int k = 0; !rc && k < TQE_ISSUE_UNTRANSLATED; k++)
        rc = tqe_buf_printf(o, "<th class=\"k k-%s\" title=\"%s\">%s</th>",
                            tqe_issue_type_name((tqe_issue_type)k), issue_styles[k].about,
                            k == TQE_ISSUE_NUMBER_MISSING || k == TQE_ISSUE_ENTITY_MISSING
                                ? "missing"
                            : k == TQE_ISSUE_NUMBER_EXTRA ? "extra"
                                                          : "altered");
    return rc ? rc : tqe_buf_puts(o, "</tr></thead>\n");
}

/* A count cell; zeros are faint so that the counts that matter stand out. */
static int count_cell(tqe_buf *o, uint64_t n, const char *cls)
{
    return tqe_buf_printf(o, "<td class=\"%s%s\">%llu</td>", n ? "" : "z ", cls,
                          (unsigned long long)n);
}

static int summary_row(tqe_buf *o, const tqe_card *c, size_t t)
{
    const tqe_card_summary *s = &c->tr[t].sum;
    int rc = tqe_buf_printf(o,
                            "<tr><td class=\"rank\">%zu%s</td><td class=\"name\">"
                            "<a href=\"#t%zu\">",
                            s->rank, s->rank_tied ? "=" : "", t + 1) ||
             html_escs(o, s->name) || tqe_buf_puts(o, "</a><span class=\"ci\">") ||
             html_escs(o, s->lang) ||
             tqe_buf_printf(
                 o,
                 "</span></td><td class=\"paras\">%zu / %zu<span class=\"ci\">%llu / %llu words"
                 "</span></td>",
                 s->src_paras, s->tgt_paras, (unsigned long long)s->src_words,
                 (unsigned long long)s->tgt_words);
    for (size_t j = 0; !rc && j < TQE_ARRAY_LEN(kind_cols); j++)
        if (show_kind(c, &kind_cols[j])) rc = count_cell(o, kind_count(s, &kind_cols[j]), "");
    for (int j = 0; !rc && j < TQE_ISSUE_TYPE_COUNT; j++)
        rc = count_cell(o, s->issues_by_type[j], "");
    if (!rc) rc = count_cell(o, s->issues, "tot");
    if (!rc) rc = tqe_buf_puts(o, "<td>");
    if (!rc) rc = html_num_ci(o, s->issues_per_kw, s->issues_per_kw_lo, s->issues_per_kw_hi, 1);
    if (!rc) rc = tqe_buf_puts(o, "</td><td>");
    if (!rc) rc = html_num_ci(o, s->chrf, s->chrf_lo, s->chrf_hi, 1);
    if (!rc) rc = tqe_buf_puts(o, "</td><td>");
    if (!rc) rc = html_num_ci(o, s->bleu, s->bleu_lo, s->bleu_hi, 1);
    for (size_t k = 0; !rc && k < c->nextra; k++)
        rc = tqe_buf_puts(o, "</td><td>") || html_num(o, s->extra_mean[k], 4);
    if (!rc)
        rc = tqe_buf_printf(o,
                            "</td><td class=\"gr\"><span class=\"g-fail\">%zu</span> / "
                            "<span class=\"g-warn\">%zu</span> / <span class=\"g-pass\">%zu"
                            "</span></td></tr>\n",
                            s->grades[TQE_GRADE_FAIL], s->grades[TQE_GRADE_WARN],
                            s->grades[TQE_GRADE_PASS]);
    return rc;
}

/* How the ranks were decided. */
static int rank_note(tqe_buf *o, const tqe_card *c)
{
    bool by_chrf = c->ranked_by_chrf;
    int rc = tqe_buf_puts(o, "<p class=\"note\">Rank: ");
    if (!rc && by_chrf)
        rc = tqe_buf_puts(o, "by chrF against the reference (every translation has one); ");
    else if (!rc)
        rc = tqe_buf_puts(o, "by issues per 1,000 source words, fewer is better (chrF would "
                             "need a reference for every translation); ");
    if (!rc)
        rc = tqe_buf_puts(o, "a translation ranks below another only when their 95% intervals "
                             "do not overlap, so \xE2\x80\x9C"
                             "2=\xE2\x80\x9D means a rank shared "
                             "with another translation: the difference may be luck.");
    bool all_first = c->ntr > 1;
    for (size_t t = 0; t < c->ntr; t++) all_first = all_first && c->tr[t].sum.rank == 1;
    if (!rc && all_first)
        rc = tqe_buf_puts(o, " <b>Here every translation shares rank 1</b>: on this much text "
                             "the measurements cannot tell them apart.");
    return rc ? rc : tqe_buf_puts(o, "</p>\n");
}

static int summary_section(tqe_buf *o, const tqe_card *c)
{
    int rc = tqe_buf_puts(o, "<section id=\"summary\">\n<h2>Summary</h2>\n");
    if (!rc && !c->ntr) return tqe_buf_puts(o, "<p>No translations.</p>\n</section>\n");
    if (!rc) rc = tqe_buf_puts(o, "<div class=\"scroll\"><table class=\"sum\">\n");
    if (!rc) rc = summary_head(o, c) || tqe_buf_puts(o, "<tbody>\n");
    for (size_t t = 0; !rc && t < c->ntr; t++) rc = summary_row(o, c, t);
    if (!rc) rc = tqe_buf_puts(o, "</tbody></table></div>\n");
    return rc ? rc : rank_note(o, c) || tqe_buf_puts(o, "</section>\n");
}

/* ---- key: issue types and the grading rules in force ---- */

/* " warn at 1 or more, fail at 3 or more" (counts) or " warn below 40"
 * (scores, `below`), after a space. */
static int threshold_text(tqe_buf *o, double warn, double fail, bool below)
{
    if (isnan(warn) && isnan(fail)) return tqe_buf_puts(o, " not graded");
    const char *fmt = below ? "%s %s below %g" : "%s %s at %g or more";
    int rc = 0;
    if (!isnan(warn)) rc = tqe_buf_printf(o, fmt, "", "warn", warn);
    if (!rc && !isnan(fail)) rc = tqe_buf_printf(o, fmt, isnan(warn) ? "" : ",", "fail", fail);
    return rc;
}

static int key_types(tqe_buf *o, const tqe_thresholds *th)
{
    int rc = tqe_buf_puts(o, "<table class=\"key\"><thead><tr><th>Issue</th><th>Meaning</th>"
                             "<th>Grade of the bead</th></tr></thead><tbody>\n");
    for (int k = 0; !rc && k < TQE_ISSUE_TYPE_COUNT; k++) {
        const char *name = tqe_issue_type_name((tqe_issue_type)k);
        const html_issue_style *st = &issue_styles[k];
        rc = tqe_buf_printf(o,
                            "<tr><td><mark class=\"hl hl-%s\">%s</mark> <code>%s</code></td>"
                            "<td>%s</td><td>",
                            name, st->label, name, st->about) ||
             threshold_text(o, th->issue_warn[k], th->issue_fail[k], false) ||
             tqe_buf_puts(o, "</td></tr>\n");
    }
    return rc ? rc : tqe_buf_puts(o, "</tbody></table>\n");
}

static int key_scores(tqe_buf *o, const tqe_thresholds *th)
{
    int rc = tqe_buf_puts(o, "<ul class=\"rules\"><li><b>Grades</b>: a bead is "
                             "<span class=\"badge g-fail\">fail</span> when any value reaches "
                             "its fail threshold, else <span class=\"badge g-warn\">warn</span> "
                             "when any reaches its warn threshold, else "
                             "<span class=\"badge g-pass\">pass</span>.</li>\n<li>Scores: chrF "
                             "against the reference:");
    if (!rc) rc = threshold_text(o, th->chrf_ref_warn, th->chrf_ref_fail, true);
    if (!rc) rc = tqe_buf_puts(o, "; BLEU against the reference:");
    if (!rc) rc = threshold_text(o, th->bleu_ref_warn, th->bleu_ref_fail, true);
    if (!rc) rc = tqe_buf_puts(o, "; alignment confidence:");
    if (!rc) rc = threshold_text(o, th->align_warn, th->align_fail, true);
    if (!rc)
        rc = tqe_buf_puts(
            o, ".</li>\n<li><b>Beads</b> are the groups of paragraphs the aligner "
               "matched: 1-1, merged (2-1), split (1-2), omitted (1-0), added (0-1); confidence "
               "is the probability of that match under the alignment model.</li>\n<li><b>chrF"
               "</b> (0\xE2\x80\x93"
               "100) measures character overlap. Against a reference it "
               "estimates quality; against the English source it only measures what was kept "
               "verbatim (names, numbers, untranslated text) and is no quality score. "
               "<b>BLEU</b> per bead uses effective-order smoothing.</li>\n</ul>\n");
    return rc;
}

static int key_section(tqe_buf *o, const tqe_card *c)
{
    int rc = tqe_buf_puts(o, "<section id=\"key\">\n<h2>Key</h2>\n<div class=\"cols\">");
    if (!rc) rc = key_types(o, &c->th) || key_scores(o, &c->th);
    return rc ? rc : tqe_buf_puts(o, "</div>\n</section>\n");
}

static int charts_section(tqe_buf *o, const tqe_card *c)
{
    if (!c->ntr) return 0;
    int rc = tqe_buf_puts(o, "<section id=\"charts\">\n<h2>Charts</h2>\n<div class=\"charts\">\n");
    if (!rc) rc = html_chart_issues(o, c) || html_chart_scores(o, c);
    return rc ? rc : tqe_buf_puts(o, "</div>\n</section>\n");
}

int tqe_card_render_html(tqe_buf *out, const tqe_card *c, const char *title)
{
    assert(c->finished && "render a scorecard after tqe_card_finish()");
    if (!title || !*title) title = "Translation scorecard";
    int rc = page_head(out, title) || page_header(out, c, title) || contents(out, c) ||
             summary_section(out, c) || charts_section(out, c) || key_section(out, c);
    for (size_t t = 0; !rc && t < c->ntr; t++) rc = html_translation_section(out, c, t);
    if (!rc)
        rc = tqe_buf_printf(out,
                            "<footer>Generated by tqe %s. The page is self-contained: it "
                            "loads nothing, and prints with its colours.</footer>\n</main>\n",
                            tqe_version()) ||
             html_script(out) || tqe_buf_puts(out, "</body>\n</html>\n");
    return rc ? TQE_ENOMEM : TQE_OK;
}
