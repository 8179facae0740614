/* report_html.h - pieces of the scorecard's HTML page shared by its modules:
 * escaping and number formatting (report_html.c), the issue-type key, the
 * charts (report_html_svg.c), the bead sections (report_html_beads.c) and
 * the page's style and script (report_html_assets.c). Not installed.
 *
 * Every function appends to `o` and returns 0, or nonzero when out of
 * memory; the renderer turns that into TQE_ENOMEM. */
#ifndef TQE_REPORT_HTML_H
#define TQE_REPORT_HTML_H

#include "card_impl.h"

/* How an issue type looks and reads: `label` for people ("number missing"),
 * `color` its colour in charts and highlights (Paul Tol's "muted" scheme,
 * told apart with every common colour-vision deficiency), `ink` the text
 * colour readable on it, `about` one line of meaning. */
typedef struct html_issue_style {
    const char *label, *color, *ink, *about;
} html_issue_style;

const html_issue_style *html_issue_style_of(tqe_issue_type t);

/* Grade colours of the charts (Okabe and Ito: green, orange, vermillion). */
const char *html_grade_color(tqe_grade g);

/* s[0..len) as HTML text or attribute value: & < > " ' become references,
 * a line break in an attribute "&#10;", and C0/C1 control characters (not
 * allowed in HTML) U+FFFD. The input is valid UTF-8. */
int html_esc(tqe_buf *o, const char *s, size_t len);
int html_esc_attr(tqe_buf *o, const char *s, size_t len);
static inline int html_escs(tqe_buf *o, const char *s)
{
    return html_esc(o, s, strlen(s));
}

/* x with `decimals` decimals, or an em dash when x is NAN. */
int html_num(tqe_buf *o, double x, int decimals);
/* "12.2" over a small "3.8–24.6" line (the 95% interval), or an em dash. */
int html_num_ci(tqe_buf *o, double x, double lo, double hi, int decimals);

/* The number of bytes of s[0..len) to keep to show at most about `max`
 * bytes without cutting a UTF-8 sequence. */
size_t html_cut_utf8(const char *s, size_t len, size_t max);

/* Does a translation have a reference (any bead scored against one)? */
bool html_has_ref(const tqe_card *c, size_t t);
/* The per-bead score shown and plotted: chrF against the reference when
 * the translation has one, else against the source. */
double html_bead_score(const tqe_card_bead *b, bool has_ref);

/* The two charts: issues by type and the spread of bead scores. */
int html_chart_issues(tqe_buf *o, const tqe_card *c);
int html_chart_scores(tqe_buf *o, const tqe_card *c);

/* The section of translation t: controls and one bead table per document. */
int html_translation_section(tqe_buf *o, const tqe_card *c, size_t t);

/* The page's <style> and <script> elements. */
int html_style(tqe_buf *o);
int html_script(tqe_buf *o);

#endif
