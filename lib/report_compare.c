/* report_compare.c - a finished comparison as text (terminal, CI log),
 * GitHub-flavoured Markdown (pull-request comment) and JUnit XML (CI test
 * report). Everything here reads the public results of compare.c. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>

#include "internal.h"

#define MD_CELL_CHARS 240 /* code points of a text in a Markdown cell */

/* "1.00", or "-" for no threshold. */
static const char *fmt_limit(char *buf, size_t cap, double x, int decimals)
{
    if (isnan(x)) return "-";
    snprintf(buf, cap, "%.*f", decimals, x);
    return buf;
}

/* A drop with enough decimals to show that it exceeds its threshold
 * (0.5012 > 0.5, not 0.50 > 0.5). */
static const char *fmt_drop(char *buf, size_t cap, double x, double limit)
{
    for (int d = 2; d <= 6; d += 2) {
        snprintf(buf, cap, "%.*f", d, x);
        if (strtod(buf, NULL) > limit) break;
    }
    return buf;
}

/* Why metric m failed, in the words every output uses. */
static int metric_failure(tqe_buf *out, const tqe_compare *c, const tqe_compare_metric *m)
{
    char drop[32];
    return tqe_buf_printf(out, "%s %s by %s points (more than %g; p = %.4f < %g)", m->name,
                          m->higher_is_better ? "dropped" : "rose",
                          fmt_drop(drop, sizeof(drop), m->worsening, m->max_drop), m->max_drop,
                          m->p_value, tqe_compare_get_options(c)->alpha);
}

/* Why the issue count q failed. */
static int issues_failure(tqe_buf *out, const tqe_compare_issues *q)
{
    return tqe_buf_printf(out, "%s issues rose from %llu to %llu (more than %g new)", q->key,
                          (unsigned long long)q->baseline, (unsigned long long)q->candidate,
                          q->max_new);
}

static int failure_line(tqe_buf *out, const tqe_compare *c, const char *pre, const char *post)
{
    int rc = 0;
    for (size_t i = 0; !rc && i < tqe_compare_metric_count(c); i++) {
        const tqe_compare_metric *m = tqe_compare_metric_get(c, i);
        if (m->verdict != TQE_VERDICT_FAIL) continue;
        rc = tqe_buf_puts(out, pre);
        if (!rc) rc = metric_failure(out, c, m);
        if (!rc) rc = tqe_buf_puts(out, post);
    }
    for (size_t i = 0; !rc && i < tqe_compare_issues_count(c); i++) {
        const tqe_compare_issues *q = tqe_compare_issues_get(c, i);
        if (q->verdict != TQE_VERDICT_FAIL) continue;
        rc = tqe_buf_puts(out, pre);
        if (!rc) rc = issues_failure(out, q);
        if (!rc) rc = tqe_buf_puts(out, post);
    }
    return rc;
}

int tqe_compare_render_failures(tqe_buf *out, const tqe_compare *c)
{
    return failure_line(out, c, "", "\n");
}

/* Is the row worth a line: something was found, or it is gated? */
static bool row_shown(const tqe_compare_issues *q)
{
    return q->baseline || q->candidate || !isnan(q->max_new);
}

static size_t gates_failed(const tqe_compare *c)
{
    size_t n = 0;
    for (size_t i = 0; i < tqe_compare_metric_count(c); i++)
        n += tqe_compare_metric_get(c, i)->verdict == TQE_VERDICT_FAIL;
    for (size_t i = 0; i < tqe_compare_issues_count(c); i++)
        n += tqe_compare_issues_get(c, i)->verdict == TQE_VERDICT_FAIL;
    return n;
}

/* The metric that ranked the segments, for headings. */
static const char *chrf_name(const tqe_compare *c)
{
    for (size_t i = 0; i < tqe_compare_metric_count(c); i++) {
        const tqe_compare_metric *m = tqe_compare_metric_get(c, i);
        if (!strncmp(m->name, "chrF", 4)) return m->name;
    }
    return "chrF2";
}

/* ---- text ---- */

static const char *verdict_color(tqe_verdict v)
{
    return v == TQE_VERDICT_FAIL     ? "\x1b[1;31m"
           : v == TQE_VERDICT_WORSE  ? "\x1b[33m"
           : v == TQE_VERDICT_BETTER ? "\x1b[32m"
                                     : "";
}

static int text_verdict(tqe_buf *out, tqe_verdict v, int color)
{
    const char *on = color ? verdict_color(v) : "";
    return tqe_buf_printf(out, "%s%s%s\n", on, tqe_verdict_name(v), *on ? "\x1b[0m" : "");
}

static int text_metrics(tqe_buf *out, const tqe_compare *c, int color)
{
    if (!tqe_compare_metric_count(c)) return 0;
    int rc = tqe_buf_printf(out, "%-8s %9s %9s %7s  %-16s %7s %8s  %s\n", "Metric", "Baseline",
                            "Candidate", "Delta", "95% CI of delta", "p", "Max drop", "Verdict");
    for (size_t i = 0; !rc && i < tqe_compare_metric_count(c); i++) {
        const tqe_compare_metric *m = tqe_compare_metric_get(c, i);
        char ci[48], lim[32];
        snprintf(ci, sizeof(ci), "[%+.2f, %+.2f]", m->delta_lo, m->delta_hi);
        rc = tqe_buf_printf(out, "%-8s %9.2f %9.2f %+7.2f  %-16s %7.4f %8s  ", m->name, m->baseline,
                            m->candidate, m->delta, ci, m->p_value,
                            fmt_limit(lim, sizeof(lim), m->max_drop, 2));
        if (!rc) rc = text_verdict(out, m->verdict, color);
    }
    return rc;
}

static int text_issues(tqe_buf *out, const tqe_compare *c, int color)
{
    if (!tqe_compare_issues_count(c)) return 0;
    int rc =
        tqe_buf_printf(out, "%s%-22s %9s %9s %7s %6s %6s %8s  %s\n",
                       tqe_compare_metric_count(c) ? "\n" : "", "Issues (tqe check)", "Baseline",
                       "Candidate", "Change", "Worse", "Better", "Max new", "Verdict");
    size_t shown = 0;
    for (size_t i = 0; !rc && i < tqe_compare_issues_count(c); i++) {
        const tqe_compare_issues *q = tqe_compare_issues_get(c, i);
        if (!row_shown(q)) continue;
        char lim[32];
        shown++;
        rc = tqe_buf_printf(out, "%-22s %9llu %9llu %+7lld %6zu %6zu %8s  ", q->key,
                            (unsigned long long)q->baseline, (unsigned long long)q->candidate,
                            (long long)q->candidate - (long long)q->baseline, q->worse, q->better,
                            fmt_limit(lim, sizeof(lim), q->max_new, 0));
        if (!rc) rc = text_verdict(out, q->verdict, color);
    }
    return rc || shown ? rc : tqe_buf_puts(out, "(no issues in either translation)\n");
}

static int text_issue_list(tqe_buf *out, const tqe_issue_list *l, const char *indent)
{
    int rc = 0;
    for (size_t i = 0; !rc && i < tqe_issue_list_count(l); i++) {
        const tqe_issue *x = tqe_issue_list_get(l, i);
        rc = tqe_buf_printf(out, "%s%s: %s\n", indent, tqe_issue_type_name(x->type), x->detail);
    }
    return rc;
}

static int text_segment(tqe_buf *out, const tqe_compare *c, const tqe_compare_segment *s,
                        tqe_compare_ranking r)
{
    size_t nnew = tqe_issue_list_count(s->new_issues);
    int rc =
        tqe_buf_printf(out, "\nline %llu: %s %.1f -> %.1f (%+.1f)", (unsigned long long)s->line,
                       chrf_name(c), s->chrf_baseline, s->chrf_candidate, s->chrf_delta);
    if (!rc && nnew) rc = tqe_buf_printf(out, ", %zu new issue%s", nnew, nnew == 1 ? "" : "s");
    if (!rc) rc = tqe_buf_puts(out, "\n");
    if (!rc && r == TQE_RANK_ISSUES) rc = text_issue_list(out, s->new_issues, "  ! ");
    if (!rc && *s->src) rc = tqe_buf_printf(out, "  src:  %s\n", s->src);
    for (size_t k = 0; !rc && k < s->nrefs; k++)
        rc = k ? tqe_buf_printf(out, "  ref%zu: %s\n", k + 1, s->refs[k])
               : tqe_buf_printf(out, "  ref:  %s\n", s->refs[k]);
    if (!rc) rc = tqe_buf_printf(out, "  base: %s\n  cand: %s\n", s->baseline, s->candidate);
    return rc;
}

static int text_worst(tqe_buf *out, const tqe_compare *c, tqe_compare_ranking r, int color)
{
    size_t n = tqe_compare_worst_count(c, r);
    if (!n) return 0;
    const char *b = color ? "\x1b[1m" : "", *e = color ? "\x1b[0m" : "";
    int rc = r == TQE_RANK_CHRF
                 ? tqe_buf_printf(out,
                                  "\n%sThe %zu segment%s that got most worse by sentence %s "
                                  "(candidate - baseline)%s\n",
                                  b, n, n == 1 ? "" : "s", chrf_name(c), e)
                 : tqe_buf_printf(out, "\n%sThe %zu segment%s with the most new issues%s\n", b, n,
                                  n == 1 ? "" : "s", e);
    for (size_t i = 0; !rc && i < n; i++)
        rc = text_segment(out, c, tqe_compare_worst_get(c, r, i), r);
    return rc;
}

static int text_footer(tqe_buf *out, const tqe_compare *c)
{
    const tqe_compare_options *o = tqe_compare_get_options(c);
    int rc = tqe_buf_printf(out,
                            "\nA metric fails when it is worse by more than its max drop and "
                            "p < %g (approximate\nrandomization, %ld trials); the interval is a "
                            "paired bootstrap (%ld resamples).\nAn issue count fails when it rises "
                            "by more than its max new.\n",
                            o->alpha, o->ar_trials, o->bootstrap);
    if (!rc && tqe_compare_metric_count(c)) rc = tqe_buf_puts(out, "Signatures:\n");
    for (size_t i = 0; !rc && i < tqe_compare_metric_count(c); i++) {
        const tqe_compare_metric *m = tqe_compare_metric_get(c, i);
        rc = tqe_buf_printf(out, "  %-7s %s\n", m->name, m->signature);
    }
    return rc;
}

int tqe_compare_render_text(tqe_buf *out, const tqe_compare *c, int color)
{
    const tqe_compare_options *o = tqe_compare_get_options(c);
    size_t nf = gates_failed(c);
    const char *on = color ? (nf ? "\x1b[1;31m" : "\x1b[1;32m") : "", *off = color ? "\x1b[0m" : "";
    int rc = tqe_buf_printf(out, "Candidate %s vs baseline %s, %zu segments: %s%s%s\n",
                            o->candidate_name, o->baseline_name, tqe_compare_segment_count(c), on,
                            nf ? "REGRESSION" : "no regression beyond the thresholds", off);
    if (!rc) rc = failure_line(out, c, "  FAIL: ", "\n");
    if (!rc) rc = tqe_buf_puts(out, "\n");
    if (!rc) rc = text_metrics(out, c, color);
    if (!rc) rc = text_issues(out, c, color);
    if (!rc) rc = text_worst(out, c, TQE_RANK_CHRF, color);
    if (!rc) rc = text_worst(out, c, TQE_RANK_ISSUES, color);
    if (!rc) rc = text_footer(out, c);
    return rc;
}

/* ---- Markdown ---- */

/* Append s[0..len) as inline Markdown text, cut after `max` code points
 * with an ellipsis. Markdown punctuation is backslash-escaped ('|' included,
 * for table cells), '<' '>' '&' become entities (GitHub renders HTML), and a
 * word joiner (U+2060) between '@' and a letter or digit, or '#' and a digit,
 * keeps a pull-request comment from mentioning people or linking issues that
 * happen to be named in a translation ("@nasa", "#123"). */
static int md_text(tqe_buf *out, const char *s, size_t len, size_t max)
{
    int rc = 0;
    size_t n = 0;
    for (size_t i = 0; !rc && i < len; n++) {
        if (n == max) return tqe_buf_puts(out, "\xE2\x80\xA6");
        unsigned char b = (unsigned char)s[i];
        size_t w = tqe_u8_len(b);
        i += w;
        if (w > 1) {
            rc = tqe_buf_append(out, s + i - w, w);
        } else if (b == '<' || b == '>' || b == '&') {
            rc = tqe_buf_puts(out, b == '<' ? "&lt;" : b == '>' ? "&gt;" : "&amp;");
        } else if (strchr("\\`*_[]|~", b)) {
            char esc[2] = {'\\', (char)b};
            rc = tqe_buf_append(out, esc, 2);
        } else if ((b == '@' && i < len && isalnum((unsigned char)s[i])) ||
                   (b == '#' && i < len && isdigit((unsigned char)s[i]))) {
            rc = tqe_buf_append(out, s + i - 1, 1);
            if (!rc) rc = tqe_buf_puts(out, "\xE2\x81\xA0");
        } else {
            char ch = b < 0x20 || b == 0x7F ? ' ' : (char)b;
            rc = tqe_buf_append(out, &ch, 1);
        }
    }
    return rc;
}

static int md_str(tqe_buf *out, const char *s)
{
    return md_text(out, s, strlen(s), (size_t)-1);
}

static const char *md_verdict(tqe_verdict v)
{
    return v == TQE_VERDICT_FAIL ? "\xE2\x9D\x8C FAIL" : tqe_verdict_name(v);
}

static int md_metrics(tqe_buf *out, const tqe_compare *c)
{
    if (!tqe_compare_metric_count(c)) return 0;
    int rc =
        tqe_buf_puts(out, "| Metric | Baseline | Candidate | \xCE\x94 | 95% CI of \xCE\x94 | p "
                          "| Max drop | Verdict |\n|:--|--:|--:|--:|:-:|--:|--:|:--|\n");
    for (size_t i = 0; !rc && i < tqe_compare_metric_count(c); i++) {
        const tqe_compare_metric *m = tqe_compare_metric_get(c, i);
        char lim[32];
        rc = tqe_buf_printf(out, "| %s | %.2f | %.2f | %+.2f | [%+.2f, %+.2f] | %.4f | %s | %s |\n",
                            m->name, m->baseline, m->candidate, m->delta, m->delta_lo, m->delta_hi,
                            m->p_value, fmt_limit(lim, sizeof(lim), m->max_drop, 2),
                            md_verdict(m->verdict));
    }
    return rc;
}

static int md_issues(tqe_buf *out, const tqe_compare *c)
{
    size_t shown = 0;
    for (size_t i = 0; i < tqe_compare_issues_count(c); i++)
        shown += row_shown(tqe_compare_issues_get(c, i));
    if (!tqe_compare_issues_count(c)) return 0;
    const char *gap = tqe_compare_metric_count(c) ? "\n" : "";
    if (!shown)
        return tqe_buf_printf(out, "%sNo issues found by `tqe check` in either translation.\n",
                              gap);
    int rc = tqe_buf_printf(out,
                            "%s| Issues (tqe check) | Baseline | Candidate | Change | "
                            "Max new | Verdict |\n|:--|--:|--:|--:|--:|:--|\n",
                            gap);
    for (size_t i = 0; !rc && i < tqe_compare_issues_count(c); i++) {
        const tqe_compare_issues *q = tqe_compare_issues_get(c, i);
        if (!row_shown(q)) continue;
        char lim[32];
        rc = tqe_buf_printf(out, "| %s | %llu | %llu | %+lld | %s | %s |\n", q->key,
                            (unsigned long long)q->baseline, (unsigned long long)q->candidate,
                            (long long)q->candidate - (long long)q->baseline,
                            fmt_limit(lim, sizeof(lim), q->max_new, 0), md_verdict(q->verdict));
    }
    return rc;
}

static int md_cell(tqe_buf *out, const char *s)
{
    int rc = tqe_buf_puts(out, " ");
    if (!rc) rc = md_text(out, s, strlen(s), MD_CELL_CHARS);
    return rc ? rc : tqe_buf_puts(out, " |");
}

/* New issues of a segment as one cell: "number_missing: detail; ...". */
static int md_issue_cell(tqe_buf *out, const tqe_issue_list *l)
{
    int rc = tqe_buf_puts(out, " ");
    for (size_t i = 0; !rc && i < tqe_issue_list_count(l); i++) {
        const tqe_issue *x = tqe_issue_list_get(l, i);
        rc = tqe_buf_printf(out, "%s**%s**: ", i ? "; " : "", tqe_issue_type_name(x->type));
        if (!rc) rc = md_text(out, x->detail, strlen(x->detail), MD_CELL_CHARS);
    }
    return rc ? rc : tqe_buf_puts(out, " |");
}

static int md_worst(tqe_buf *out, const tqe_compare *c, tqe_compare_ranking r)
{
    size_t n = tqe_compare_worst_count(c, r);
    if (!n) return 0;
    int rc = r == TQE_RANK_CHRF
                 ? tqe_buf_printf(out,
                                  "\n<details><summary>The %zu segment%s that got most worse "
                                  "by sentence %s</summary>\n\n| Line | %s | Source | "
                                  "Reference | Baseline | Candidate |\n",
                                  n, n == 1 ? "" : "s", chrf_name(c), chrf_name(c))
                 : tqe_buf_printf(out,
                                  "\n<details><summary>The %zu segment%s with the most new "
                                  "issues</summary>\n\n| Line | New issues | Source | "
                                  "Reference | Baseline | Candidate |\n",
                                  n, n == 1 ? "" : "s");
    if (!rc) rc = tqe_buf_puts(out, "|--:|:--|:--|:--|:--|:--|\n");
    for (size_t i = 0; !rc && i < n; i++) {
        const tqe_compare_segment *s = tqe_compare_worst_get(c, r, i);
        rc = tqe_buf_printf(out, "| %llu |", (unsigned long long)s->line);
        if (!rc && r == TQE_RANK_CHRF)
            rc = tqe_buf_printf(out, " %.1f \xE2\x86\x92 %.1f (%+.1f) |", s->chrf_baseline,
                                s->chrf_candidate, s->chrf_delta);
        if (!rc && r == TQE_RANK_ISSUES) rc = md_issue_cell(out, s->new_issues);
        if (!rc) rc = md_cell(out, s->src);
        if (!rc) rc = md_cell(out, s->nrefs ? s->refs[0] : "");
        if (!rc) rc = md_cell(out, s->baseline);
        if (!rc) rc = md_cell(out, s->candidate);
        if (!rc) rc = tqe_buf_puts(out, "\n");
    }
    return rc ? rc : tqe_buf_puts(out, "\n</details>\n");
}

static int md_footer(tqe_buf *out, const tqe_compare *c)
{
    const tqe_compare_options *o = tqe_compare_get_options(c);
    int rc = tqe_buf_printf(out,
                            "\n<details><summary>How this was decided</summary>\n\nA metric fails "
                            "when it is worse by more than its max drop and p < %g (approximate "
                            "randomization, %ld trials); the interval is a paired bootstrap (%ld "
                            "resamples). An issue count fails when it rises by more than its max "
                            "new.\n\n",
                            o->alpha, o->ar_trials, o->bootstrap);
    for (size_t i = 0; !rc && i < tqe_compare_metric_count(c); i++) {
        const tqe_compare_metric *m = tqe_compare_metric_get(c, i);
        rc = tqe_buf_printf(out, "- %s `%s`\n", m->name, m->signature);
    }
    return rc ? rc : tqe_buf_puts(out, "\n</details>\n");
}

int tqe_compare_render_markdown(tqe_buf *out, const tqe_compare *c)
{
    const tqe_compare_options *o = tqe_compare_get_options(c);
    size_t nf = gates_failed(c);
    int rc = tqe_buf_puts(out, nf ? "### \xE2\x9D\x8C tqe compare: regression\n\n"
                                  : "### \xE2\x9C\x85 tqe compare: no regression beyond the "
                                    "thresholds\n\n");
    if (!rc) rc = tqe_buf_puts(out, "Candidate **");
    if (!rc) rc = md_str(out, o->candidate_name);
    if (!rc) rc = tqe_buf_puts(out, "** vs baseline **");
    if (!rc) rc = md_str(out, o->baseline_name);
    if (!rc) rc = tqe_buf_printf(out, "**, %zu segments.\n\n", tqe_compare_segment_count(c));
    if (!rc && nf) rc = failure_line(out, c, "- \xE2\x9D\x8C ", "\n");
    if (!rc && nf) rc = tqe_buf_puts(out, "\n");
    if (!rc) rc = md_metrics(out, c);
    if (!rc) rc = md_issues(out, c);
    if (!rc) rc = md_worst(out, c, TQE_RANK_CHRF);
    if (!rc) rc = md_worst(out, c, TQE_RANK_ISSUES);
    if (!rc) rc = md_footer(out, c);
    return rc;
}

/* ---- JUnit XML ---- */

/* Append s[0..len) escaped for XML text or (attr) an attribute value in
 * double quotes. Characters XML 1.0 does not allow become U+FFFD. */
static int xml_text(tqe_buf *out, const char *s, size_t len, bool attr)
{
    int rc = 0;
    for (size_t i = 0; !rc && i < len;) {
        size_t j = i;
        uint32_t cp = tqe_u8_next(s, &j);
        const char *esc = cp == '&'            ? "&amp;"
                          : cp == '<'          ? "&lt;"
                          : cp == '>'          ? "&gt;"
                          : attr && cp == '"'  ? "&quot;"
                          : attr && cp == '\n' ? "&#10;"
                          : attr && cp == '\t' ? "&#9;"
                          : attr && cp == '\r' ? "&#13;"
                                               : NULL;
        bool bad =
            (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0xFFFE || cp == 0xFFFF;
        if (esc)
            rc = tqe_buf_puts(out, esc);
        else if (bad)
            rc = tqe_buf_puts(out, "\xEF\xBF\xBD");
        else
            rc = tqe_buf_append(out, s + i, j - i);
        i = j;
    }
    return rc;
}

static int xml_str(tqe_buf *out, const char *s, bool attr)
{
    return xml_text(out, s, strlen(s), attr);
}

/* <testcase name=".." classname=".." time="0"> */
static int junit_open(tqe_buf *out, const char *name, const char *classname)
{
    int rc = tqe_buf_puts(out, "    <testcase name=\"");
    if (!rc) rc = xml_str(out, name, true);
    return rc ? rc : tqe_buf_printf(out, "\" classname=\"%s\" time=\"0\">\n", classname);
}

/* <failure message=".." type="regression">body</failure> */
static int junit_failure(tqe_buf *out, const char *message, const tqe_buf *body)
{
    int rc = tqe_buf_puts(out, "      <failure message=\"");
    if (!rc) rc = xml_str(out, message, true);
    if (!rc) rc = tqe_buf_puts(out, "\" type=\"regression\">");
    if (!rc && body->len) rc = xml_text(out, body->data, body->len, false);
    return rc ? rc : tqe_buf_puts(out, "</failure>\n");
}

static int junit_close(tqe_buf *out, const tqe_buf *sysout)
{
    int rc = tqe_buf_puts(out, "      <system-out>");
    if (!rc) rc = xml_text(out, sysout->data, sysout->len, false);
    return rc ? rc : tqe_buf_puts(out, "</system-out>\n    </testcase>\n");
}

/* The worst segments by chrF (ranking r == CHRF) or those whose new issues
 * include a type of `types`, as text: the evidence of a failure. */
static int evidence(tqe_buf *out, const tqe_compare *c, tqe_compare_ranking r, unsigned types)
{
    int rc = 0;
    for (size_t i = 0; !rc && i < tqe_compare_worst_count(c, r); i++) {
        const tqe_compare_segment *s = tqe_compare_worst_get(c, r, i);
        bool has = r == TQE_RANK_CHRF;
        for (size_t k = 0; !has && k < tqe_issue_list_count(s->new_issues); k++)
            has = types & (1u << tqe_issue_list_get(s->new_issues, k)->type);
        if (has) rc = text_segment(out, c, s, r);
    }
    return rc;
}

static int junit_metric(tqe_buf *out, const tqe_compare *c, const tqe_compare_metric *m)
{
    tqe_buf msg = TQE_BUF_INIT, body = TQE_BUF_INIT, sys = TQE_BUF_INIT;
    char lim[32];
    int rc = junit_open(out, m->name, "tqe.compare.metric");
    if (!rc)
        rc = tqe_buf_printf(&sys,
                            "baseline %.2f, candidate %.2f, delta %+.2f (95%% CI %+.2f to "
                            "%+.2f), p = %.4f, max drop %s: %s\n%s\n",
                            m->baseline, m->candidate, m->delta, m->delta_lo, m->delta_hi,
                            m->p_value, fmt_limit(lim, sizeof(lim), m->max_drop, 2),
                            tqe_verdict_name(m->verdict), m->signature);
    if (!rc && m->verdict == TQE_VERDICT_FAIL) {
        rc = metric_failure(&msg, c, m);
        if (!rc && tqe_compare_worst_count(c, TQE_RANK_CHRF))
            rc = tqe_buf_printf(&body, "Segments that got most worse by sentence %s:\n",
                                chrf_name(c));
        if (!rc) rc = evidence(&body, c, TQE_RANK_CHRF, 0);
        if (!rc) rc = junit_failure(out, msg.data, &body);
    } else if (!rc && isnan(m->max_drop)) {
        rc = tqe_buf_puts(out, "      <skipped message=\"no max drop: reported, not gated\"/>\n");
    }
    if (!rc) rc = junit_close(out, &sys);
    tqe_buf_free(&msg), tqe_buf_free(&body), tqe_buf_free(&sys);
    return rc;
}

static int junit_issues(tqe_buf *out, const tqe_compare *c, const tqe_compare_issues *q)
{
    tqe_buf msg = TQE_BUF_INIT, body = TQE_BUF_INIT, sys = TQE_BUF_INIT;
    char lim[32];
    int rc = junit_open(out, q->key, "tqe.compare.qa");
    if (!rc)
        rc = tqe_buf_printf(&sys,
                            "baseline %llu, candidate %llu; %zu segments with more, %zu "
                            "with fewer; max new %s: %s\n",
                            (unsigned long long)q->baseline, (unsigned long long)q->candidate,
                            q->worse, q->better, fmt_limit(lim, sizeof(lim), q->max_new, 0),
                            tqe_verdict_name(q->verdict));
    if (!rc && q->verdict == TQE_VERDICT_FAIL) {
        rc = issues_failure(&msg, q);
        if (!rc) rc = tqe_buf_puts(&body, "Listed segments with new issues of these types:\n");
        if (!rc) rc = evidence(&body, c, TQE_RANK_ISSUES, q->types);
        if (!rc) rc = junit_failure(out, msg.data, &body);
    } else if (!rc && isnan(q->max_new)) {
        rc = tqe_buf_puts(out, "      <skipped message=\"no max new: reported, not gated\"/>\n");
    }
    if (!rc) rc = junit_close(out, &sys);
    tqe_buf_free(&msg), tqe_buf_free(&body), tqe_buf_free(&sys);
    return rc;
}

int tqe_compare_render_junit(tqe_buf *out, const tqe_compare *c)
{
    const tqe_compare_options *o = tqe_compare_get_options(c);
    size_t nm = tqe_compare_metric_count(c), nq = tqe_compare_issues_count(c), skipped = 0;
    for (size_t i = 0; i < nm; i++) skipped += isnan(tqe_compare_metric_get(c, i)->max_drop);
    for (size_t i = 0; i < nq; i++) skipped += isnan(tqe_compare_issues_get(c, i)->max_new);
    size_t nf = gates_failed(c);
    char counts[160];
    snprintf(counts, sizeof(counts),
             "tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"%zu\" time=\"0\"", nm + nq, nf,
             skipped);
    int rc = tqe_buf_printf(out,
                            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                            "<testsuites name=\"tqe compare\" %s>\n"
                            "  <testsuite name=\"tqe compare: ",
                            counts);
    if (!rc) rc = xml_str(out, o->candidate_name, true);
    if (!rc) rc = tqe_buf_puts(out, " vs ");
    if (!rc) rc = xml_str(out, o->baseline_name, true);
    if (!rc) rc = tqe_buf_printf(out, "\" %s>\n", counts);
    for (size_t i = 0; !rc && i < nm; i++) rc = junit_metric(out, c, tqe_compare_metric_get(c, i));
    for (size_t i = 0; !rc && i < nq; i++) rc = junit_issues(out, c, tqe_compare_issues_get(c, i));
    return rc ? rc : tqe_buf_puts(out, "  </testsuite>\n</testsuites>\n");
}
