/* report_html_svg.c - the scorecard's two charts as inline SVG: issues by
 * type per translation (stacked bars) and the spread of bead scores per
 * translation (a strip plot, one mark per bead).
 *
 * Sizes are in the viewBox's units, which CSS scales to the page; text is
 * 12 units high, about 7 wide a character, which sizes the label column.
 * Every mark has a <title> tooltip with its exact value. */
#include <math.h>
#include <stdio.h>

#include "report_html.h"

#define CHART_W  600 /* viewBox width */
#define CHAR_W   7   /* estimated width of a character of 12px text */
#define LABEL_LO 90  /* label column width, bounds */
#define LABEL_HI 200

static size_t code_points(const char *s)
{
    size_t n = 0;
    for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Width of the label column: the longest translation name, within bounds. */
static int label_width(const tqe_card *c)
{
    size_t most = 0;
    for (size_t t = 0; t < c->ntr; t++) most = TQE_MAX(most, code_points(c->tr[t].name));
    size_t w = most * CHAR_W + 14;
    return (int)TQE_MAX((size_t)LABEL_LO, TQE_MIN(w, (size_t)LABEL_HI));
}

/* A translation's name as a row label, right-aligned before x, shortened
 * with an ellipsis when it does not fit (the tooltip has it in full). */
static int row_label(tqe_buf *o, const char *name, int x, double y, int width)
{
    size_t fit = (size_t)(width - 14) / CHAR_W, len = strlen(name), keep = len;
    if (code_points(name) > fit) {
        keep = 0;
        for (size_t n = 0; keep < len && n + 1 < fit; n++)
            keep += tqe_u8_len((unsigned char)name[keep]);
    }
    int rc = tqe_buf_printf(o, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\"><title>", x, y) ||
             html_escs(o, name) || tqe_buf_puts(o, "</title>") || html_esc(o, name, keep);
    return rc ? rc : tqe_buf_puts(o, keep < len ? "\xE2\x80\xA6</text>" : "</text>");
}

/* A step of 1, 2 or 5 times a power of ten that divides 0..max into at
 * most six intervals. */
static double nice_step(double max)
{
    double p = 1;
    while (max / p > 6 * 5) p *= 10;
    if (max / p <= 6) return p;
    return max / (2 * p) <= 6 ? 2 * p : 5 * p;
}

/* Vertical grid lines and their labels under a plot area. */
static int x_axis(tqe_buf *o, int x0, int x1, int y0, int y1, double max, double step,
                  const char *label)
{
    int rc = 0;
    for (double v = 0; !rc && v <= max + step / 2; v += step) {
        double x = x0 + (x1 - x0) * v / max;
        rc = tqe_buf_printf(o,
                            "<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>"
                            "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%g"
                            "</text>",
                            x, y0, x, y1, x, y1 + 14, v);
    }
    if (!rc)
        rc = tqe_buf_printf(o,
                            "<text class=\"axis\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s"
                            "</text>",
                            (x0 + x1) / 2, y1 + 30, label);
    return rc;
}

/* ---- issues by type: one stacked bar per translation ---- */

static int issue_segment(tqe_buf *o, const tqe_card_summary *s, int k, double x, double w, double y)
{
    const html_issue_style *st = html_issue_style_of((tqe_issue_type)k);
    unsigned long long n = (unsigned long long)s->issues_by_type[k];
    int rc = tqe_buf_puts(o, "<g><title>") || html_escs(o, s->name) ||
             tqe_buf_printf(o,
                            " \xE2\x80\x94 %s: %llu</title><rect x=\"%.1f\" y=\"%.1f\" "
                            "width=\"%.1f\" height=\"20\" fill=\"%s\"/>",
                            st->label, n, x, y, w, st->color);
    /* A count inside its segment when it fits; the tooltip has every one. */
    if (!rc && w >= 8.0 * (n >= 100 ? 3 : n >= 10 ? 2 : 1) + 4)
        rc = tqe_buf_printf(o,
                            "<text class=\"in\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
                            "style=\"fill:%s\">"
                            "%llu</text>",
                            x + w / 2, y + 14.5, st->ink, n);
    return rc ? rc : tqe_buf_puts(o, "</g>");
}

static int issue_bar(tqe_buf *o, const tqe_card_summary *s, int x0, double scale, double y,
                     int label_w)
{
    int rc = row_label(o, s->name, x0 - 8, y + 14.5, label_w);
    double x = x0;
    for (int k = 0; !rc && k < TQE_ISSUE_TYPE_COUNT; k++) {
        if (!s->issues_by_type[k]) continue;
        double w = scale * (double)s->issues_by_type[k];
        rc = issue_segment(o, s, k, x, w, y);
        x += w;
    }
    if (!rc)
        rc = tqe_buf_printf(o, "<text class=\"total\" x=\"%.1f\" y=\"%.1f\">%llu</text>", x + 5,
                            y + 14.5, (unsigned long long)s->issues);
    return rc;
}

/* The issue types that occur, each with its colour. */
static int issue_legend(tqe_buf *o, const tqe_card *c)
{
    int rc = tqe_buf_puts(o, "<ul class=\"legend\">");
    for (int k = 0; !rc && k < TQE_ISSUE_TYPE_COUNT; k++) {
        uint64_t n = 0;
        for (size_t t = 0; t < c->ntr; t++) n += c->tr[t].sum.issues_by_type[k];
        if (n)
            rc = tqe_buf_printf(o, "<li><span class=\"sw\" style=\"background:%s\"></span>%s</li>",
                                html_issue_style_of((tqe_issue_type)k)->color,
                                html_issue_style_of((tqe_issue_type)k)->label);
    }
    return rc ? rc : tqe_buf_puts(o, "</ul>");
}

int html_chart_issues(tqe_buf *o, const tqe_card *c)
{
    int lw = label_width(c), x0 = lw, x1 = CHART_W - 40, top = 8, row = 32;
    uint64_t most = 0;
    for (size_t t = 0; t < c->ntr; t++) most = TQE_MAX(most, c->tr[t].sum.issues);
    double step = nice_step(most ? (double)most : 1), max = step * ceil((double)most / step);
    if (max <= 0) max = step;
    int y1 = top + (int)c->ntr * row, h = y1 + 38;
    int rc = tqe_buf_printf(o,
                            "<figure class=\"chart\"><figcaption>Issues by type<small>all "
                            "findings per translation; hover a bar for its count</small>"
                            "</figcaption>\n<svg viewBox=\"0 0 %d %d\" width=\"%d\" "
                            "height=\"%d\" role=\"img\" aria-label=\"Issues by type per "
                            "translation\">",
                            CHART_W, h, CHART_W, h) ||
             x_axis(o, x0, x1, top - 4, y1, max, step, "number of issues");
    for (size_t t = 0; !rc && t < c->ntr; t++)
        rc = issue_bar(o, &c->tr[t].sum, x0, (x1 - x0) / max, top + (double)t * row + 2, lw);
    if (!rc) rc = tqe_buf_puts(o, "</svg>\n");
    if (!rc && !most) rc = tqe_buf_puts(o, "<p class=\"note\">No issues found.</p>");
    if (!rc) rc = issue_legend(o, c);
    return rc ? rc : tqe_buf_puts(o, "</figure>\n");
}

/* ---- bead scores: one row of marks per translation ---- */

/* A bead's mark: circle (pass), triangle (warn) or square (fail), so that
 * grades differ in shape as well as colour. */
static int grade_shape(tqe_buf *o, tqe_grade g, double x, double y)
{
    const char *fill = html_grade_color(g);
    if (g == TQE_GRADE_PASS)
        return tqe_buf_printf(o, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"%s\"/>", x, y,
                              fill);
    if (g == TQE_GRADE_WARN)
        return tqe_buf_printf(o, "<path d=\"M%.1f %.1fl5.5 9.5h-11z\" fill=\"%s\"/>", x, y - 6,
                              fill);
    return tqe_buf_printf(o,
                          "<rect x=\"%.1f\" y=\"%.1f\" width=\"8.5\" height=\"8.5\" "
                          "fill=\"%s\"/>",
                          x - 4.25, y - 4.25, fill);
}

/* The median of the scored beads of translation t (NAN if none) and how
 * many there are. */
static double median_score(const tqe_card *c, size_t t, bool has_ref, size_t *n)
{
    size_t nb = tqe_card_bead_count(c, t);
    double *v = malloc((nb ? nb : 1) * sizeof(double));
    *n = 0;
    if (!v) return NAN;
    for (size_t k = 0; k < nb; k++) {
        double s = html_bead_score(tqe_card_bead_get(c, t, k), has_ref);
        if (!isnan(s)) v[(*n)++] = s;
    }
    qsort(v, *n, sizeof(double), tqe_cmp_double);
    double m = !*n ? NAN : *n % 2 ? v[*n / 2] : (v[*n / 2 - 1] + v[*n / 2]) / 2;
    free(v);
    return m;
}

/* The mark of bead k at x0 + score * scale. */
static int bead_mark(tqe_buf *o, const tqe_card *c, size_t t, size_t k, double x0, double scale,
                     double y, bool has_ref)
{
    const tqe_card_bead *b = tqe_card_bead_get(c, t, k);
    double s = html_bead_score(b, has_ref);
    if (isnan(s)) return 0;
    /* Marks of close scores spread over five heights so that they stay apart. */
    double dy = (double)((int)((k * 3) % 5) - 2) * 3.5;
    int rc = tqe_buf_printf(o, "<a href=\"#t%zu-b%zu\"><title>Bead %zu: chrF %.1f, %s", t + 1,
                            k + 1, b->index + 1, s, tqe_grade_name(b->grade));
    if (!rc && b->nissues)
        rc = tqe_buf_printf(o, ", %zu issue%s", b->nissues, b->nissues == 1 ? "" : "s");
    if (!rc) rc = tqe_buf_puts(o, "</title>");
    return rc ? rc : grade_shape(o, b->grade, x0 + s * scale, y + dy) || tqe_buf_puts(o, "</a>");
}

/* One translation's row: label, count of scored beads, marks and median. */
static int score_row(tqe_buf *o, const tqe_card *c, size_t t, int x0, int x1, double y, int lw,
                     bool has_ref)
{
    size_t n, nb = tqe_card_bead_count(c, t);
    double med = median_score(c, t, has_ref, &n), scale = (x1 - x0) / 100.0;
    int rc = row_label(o, c->tr[t].name, x0 - 8, y, lw) ||
             tqe_buf_printf(o,
                            "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">"
                            "%zu of %zu beads</text>",
                            x0 - 8, y + 13, n, nb);
    if (!rc && !isnan(med))
        rc =
            tqe_buf_printf(o,
                           "<g><title>median %.1f</title><line class=\"median\" x1=\"%.1f\" "
                           "y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/><text class=\"tick\" "
                           "x=\"%d\" y=\"%.1f\">median %.1f</text></g>",
                           med, x0 + med * scale, y - 15, x0 + med * scale, y + 11, x1 + 8, y, med);
    for (size_t k = 0; !rc && k < nb; k++) rc = bead_mark(o, c, t, k, x0, scale, y - 4, has_ref);
    return rc;
}

/* The rows of the translations that have (or lack) a reference, under
 * their own title and axis: chrF against a reference and against the
 * source measure different things and share no scale. */
static int score_panel(tqe_buf *o, const tqe_card *c, bool with_ref, int *y)
{
    size_t rows = 0;
    for (size_t t = 0; t < c->ntr; t++) rows += html_has_ref(c, t) == with_ref;
    if (!rows) return 0;
    int lw = label_width(c), x0 = lw, x1 = CHART_W - 90, top = *y + 22;
    int bottom = top + (int)rows * 40;
    int rc = tqe_buf_printf(o, "<text class=\"panel\" x=\"%d\" y=\"%d\">%s</text>", x0, *y + 10,
                            with_ref ? "chrF against the reference"
                                     : "chrF against the source (no reference)") ||
             x_axis(o, x0, x1, top, bottom, 100, 20,
                    "chrF of the bead (0\xE2\x80\x93"
                    "100)");
    for (size_t t = 0, r = 0; !rc && t < c->ntr; t++)
        if (html_has_ref(c, t) == with_ref)
            rc = score_row(o, c, t, x0, x1, top + 24 + 40.0 * (double)r++, lw, with_ref);
    *y = bottom + 44;
    return rc;
}

static int grade_legend(tqe_buf *o)
{
    int rc = tqe_buf_puts(o, "<ul class=\"legend\">");
    for (int g = 0; !rc && g < 3; g++)
        rc = tqe_buf_puts(o, "<li><svg width=\"12\" height=\"12\" viewBox=\"0 0 12 12\" "
                             "aria-hidden=\"true\">") ||
             grade_shape(o, (tqe_grade)g, 6, 6) ||
             tqe_buf_printf(o, "</svg>%s</li>", tqe_grade_name((tqe_grade)g));
    return rc ? rc : tqe_buf_puts(o, "<li class=\"note\">click a mark to see its bead</li></ul>");
}

int html_chart_scores(tqe_buf *o, const tqe_card *c)
{
    /* Lay the panels out once to learn the height, then write them. */
    tqe_buf body = TQE_BUF_INIT;
    int y = 4;
    int rc = score_panel(&body, c, true, &y) || score_panel(&body, c, false, &y);
    if (!rc)
        rc = tqe_buf_printf(o,
                            "<figure class=\"chart\"><figcaption>Bead scores<small>one mark per "
                            "bead; omitted and added paragraphs have no score</small>"
                            "</figcaption>\n<svg viewBox=\"0 0 %d %d\" width=\"%d\" "
                            "height=\"%d\" role=\"img\" aria-label=\"chrF of every bead per "
                            "translation\">",
                            CHART_W, y - 8, CHART_W, y - 8) ||
             tqe_buf_append(o, body.data, body.len) || tqe_buf_puts(o, "</svg>\n") ||
             grade_legend(o) || tqe_buf_puts(o, "</figure>\n");
    tqe_buf_free(&body);
    return rc;
}
