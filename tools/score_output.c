/* score_output.c - print scores exactly as sacreBLEU 2.5.1 prints them.
 *
 * Numbers: Python's f"{x:.{w}f}" is printf's "%.*f" (both round the exact
 * binary value, ties to even); json.dumps prints floats with repr(), which is
 * tqe_format_repr(). Tables: tabulate's "fancy_grid" with the column
 * alignments sacreBLEU asks for (first column right, the rest centered,
 * padding split with the extra space on the right as Python's "^" does). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "score_output.h"

#define ANSI_CYAN   "\x1b[36m"
#define ANSI_YELLOW "\x1b[33m"
#define ANSI_RED    "\x1b[31m"
#define ANSI_RESET  "\x1b[0m"

void score_result_set(score_result *r, const tqe_metric *m, const tqe_score *sc)
{
    snprintf(r->name, sizeof(r->name), "%s", tqe_metric_name(m));
    r->score = sc->score;
    r->verbose[0] = '\0';
    if (tqe_metric_kind_of(m) != TQE_METRIC_BLEU) return;
    char prec[96] = "";
    for (int n = 0; n < sc->order; n++) {
        size_t l = strlen(prec);
        snprintf(prec + l, sizeof(prec) - l, "%s%.1f", n ? "/" : "", sc->precisions[n]);
    }
    snprintf(r->verbose, sizeof(r->verbose),
             "%s (BP = %.3f ratio = %.3f hyp_len = %.0f ref_len = %.0f)", prec, sc->bp, sc->ratio,
             sc->sys_len, sc->ref_len);
}

/* float(f"{x:.{w}f}") printed by json.dumps. */
static int json_rounded(tqe_buf *out, double x, int width)
{
    char fixed[64], repr[40];
    snprintf(fixed, sizeof(fixed), "%.*f", width, x);
    tqe_format_repr(repr, sizeof(repr), strtod(fixed, NULL));
    return tqe_buf_puts(out, repr);
}

static int json_score(tqe_buf *out, const score_result *r, int width)
{
    int rc = tqe_buf_puts(out, "{\n \"name\": ");
    rc = rc ? rc : tqe_json_string(out, r->name, strlen(r->name), 0);
    rc = rc ? rc : tqe_buf_puts(out, ",\n \"score\": ");
    rc = rc ? rc : json_rounded(out, r->score, width);
    rc = rc ? rc : tqe_buf_puts(out, ",\n \"signature\": ");
    rc = rc ? rc : tqe_json_string(out, r->sig, strlen(r->sig), 0);
    if (!rc && r->has_ci && r->mean > 0) {
        char conf[128];
        snprintf(conf, sizeof(conf), "\xce\xbc = %.*f \xc2\xb1 %.*f", width, r->mean, width, r->ci);
        rc = tqe_buf_puts(out, ",\n \"confidence_mean\": ");
        rc = rc ? rc : json_rounded(out, r->mean, width);
        rc = rc ? rc : tqe_buf_puts(out, ",\n \"confidence_var\": ");
        rc = rc ? rc : json_rounded(out, r->ci, width);
        rc = rc ? rc : tqe_buf_puts(out, ",\n \"confidence\": ");
        rc = rc ? rc : tqe_json_string(out, conf, strlen(conf), 0);
    }
    if (!rc && r->verbose[0]) {
        rc = tqe_buf_puts(out, ",\n \"verbose_score\": ");
        rc = rc ? rc : tqe_json_string(out, r->verbose, strlen(r->verbose), 0);
    }
    /* Then every key:value pair of the signature, as strings. */
    char sig[512];
    snprintf(sig, sizeof(sig), "%s", r->sig);
    for (char *p = sig; !rc && p && *p;) {
        char *bar = strchr(p, '|');
        if (bar) *bar = '\0';
        char *colon = strchr(p, ':');
        if (colon) {
            *colon = '\0';
            rc = tqe_buf_puts(out, ",\n ");
            rc = rc ? rc : tqe_json_string(out, p, strlen(p), 0);
            rc = rc ? rc : tqe_buf_puts(out, ": ");
            rc = rc ? rc : tqe_json_string(out, colon + 1, strlen(colon + 1), 0);
        }
        p = bar ? bar + 1 : NULL;
    }
    return rc ? rc : tqe_buf_puts(out, "\n}");
}

int format_score(tqe_buf *out, const score_result *r, int width, bool score_only, bool json)
{
    tqe_buf_clear(out);
    if (json && !score_only) return json_score(out, r, width);
    int rc = 0;
    if (!score_only) rc = tqe_buf_printf(out, "%s%s%s = ", r->name, r->sig[0] ? "|" : "", r->sig);
    rc = rc ? rc : tqe_buf_printf(out, "%.*f", width, r->score);
    if (!rc && r->has_ci && r->mean > 0)
        rc = tqe_buf_printf(out, " (\xce\xbc = %.*f \xc2\xb1 %.*f)", width, r->mean, width, r->ci);
    if (!rc && !score_only && r->verbose[0]) rc = tqe_buf_printf(out, " %s", r->verbose);
    return rc;
}

/* Color the "(μ = x ± y)" part of a text score line cyan, as sacreBLEU does on a terminal. */
static void put_colored_line(FILE *fp, const char *line, bool color)
{
    const char *mu = color ? strstr(line, "(\xce\xbc = ") : NULL;
    const char *end = mu ? strchr(mu, ')') : NULL;
    if (!end) {
        fputs(line, fp);
        return;
    }
    fprintf(fp, "%.*s" ANSI_CYAN "%.*s" ANSI_RESET "%s", (int)(mu - line), line,
            (int)(end + 1 - mu), mu, end + 1);
}

int print_single_results(FILE *fp, tqe_buf *lines, size_t n, bool json, bool color)
{
    if (json) {
        if (n > 1) fputs("[\n", fp);
        for (size_t i = 0; i < n; i++) fprintf(fp, "%s%s", lines[i].data, i + 1 < n ? ",\n" : "");
        fputs(n > 1 ? "\n]\n" : "\n", fp);
        return 0;
    }
    /* Align the lines on " = ": lines without one (score only) are printed
     * as they come, exactly as sacreBLEU's loop does. */
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        const char *eq = strchr(lines[i].data, '=');
        if (!eq) continue;
        size_t lw = tqe_char_count(lines[i].data, (size_t)(eq - lines[i].data) - 1);
        if (lw > w) w = lw;
    }
    for (size_t i = 0; i < n; i++) {
        const char *line = lines[i].data;
        const char *eq = n > 1 ? strchr(line, '=') : NULL;
        if (eq) {
            size_t left = (size_t)(eq - line) - 1;
            for (size_t k = tqe_char_count(line, left); k < w; k++) fputc(' ', fp);
        }
        put_colored_line(fp, line, color);
        fputc('\n', fp);
    }
    return 0;
}

/* ---- tabulate "fancy_grid" ---- */

/* Visible width: code points outside ANSI color sequences. */
static size_t visible_width(const char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\x1b') {
            while (i < n && s[i] != 'm') i++;
            continue;
        }
        w += ((unsigned char)s[i] & 0xC0) != 0x80;
    }
    return w;
}

static void pad_cell(FILE *fp, const char *s, size_t n, size_t width, bool right)
{
    size_t vw = visible_width(s, n), extra = width > vw ? width - vw : 0;
    size_t left = right ? extra : extra / 2;
    for (size_t k = 0; k < left; k++) fputc(' ', fp);
    fwrite(s, 1, n, fp);
    for (size_t k = left; k < extra; k++) fputc(' ', fp);
}

/* The k-th line of a multi-line cell (empty past the end). */
static const char *cell_line(const char *cell, size_t k, size_t *len)
{
    const char *p = cell;
    for (size_t i = 0; i < k && p; i++) {
        p = strchr(p, '\n');
        if (p) p++;
    }
    if (!p) {
        *len = 0;
        return "";
    }
    const char *nl = strchr(p, '\n');
    *len = nl ? (size_t)(nl - p) : strlen(p);
    return p;
}

static size_t cell_lines(const char *cell)
{
    size_t n = 1;
    for (const char *p = cell; *p; p++) n += *p == '\n';
    return n;
}

static void rule(FILE *fp, const size_t *w, size_t ncols, const char *l, const char *fill,
                 const char *mid, const char *r)
{
    fputs(l, fp);
    for (size_t c = 0; c < ncols; c++) {
        for (size_t k = 0; k < w[c] + 2; k++) fputs(fill, fp);
        fputs(c + 1 < ncols ? mid : r, fp);
    }
    fputc('\n', fp);
}

static void table_row(FILE *fp, char **cells, const size_t *w, size_t ncols)
{
    size_t h = 1;
    for (size_t c = 0; c < ncols; c++) h = cell_lines(cells[c]) > h ? cell_lines(cells[c]) : h;
    for (size_t k = 0; k < h; k++) {
        fputs("\xe2\x94\x82", fp);
        for (size_t c = 0; c < ncols; c++) {
            size_t len;
            const char *s = cell_line(cells[c], k, &len);
            fputc(' ', fp);
            pad_cell(fp, s, len, w[c], c == 0);
            fputs(" \xe2\x94\x82", fp);
        }
        fputc('\n', fp);
    }
}

/* tabulate(..., tablefmt="fancy_grid", colalign=("right",), stralign/numalign
 * "center"): cells[row * ncols + col], row 0 the headers. */
static void fancy_grid(FILE *fp, char **cells, size_t nrows, size_t ncols)
{
    size_t w[64] = {0};
    for (size_t c = 0; c < ncols && c < 64; c++) {
        /* Column width: the widest line, at least the header plus 2. */
        w[c] = visible_width(cells[c], strlen(cells[c])) + 2;
        for (size_t r = 1; r < nrows; r++) {
            const char *cell = cells[r * ncols + c];
            for (size_t k = 0; k < cell_lines(cell); k++) {
                size_t len;
                const char *s = cell_line(cell, k, &len);
                size_t vw = visible_width(s, len);
                if (vw > w[c]) w[c] = vw;
            }
        }
    }
    rule(fp, w, ncols, "\xe2\x95\x92", "\xe2\x95\x90", "\xe2\x95\xa4", "\xe2\x95\x95");
    table_row(fp, cells, w, ncols);
    rule(fp, w, ncols, "\xe2\x95\x9e", "\xe2\x95\x90", "\xe2\x95\xaa", "\xe2\x95\xa1");
    for (size_t r = 1; r < nrows; r++) {
        table_row(fp, cells + r * ncols, w, ncols);
        if (r + 1 < nrows)
            rule(fp, w, ncols, "\xe2\x94\x9c", "\xe2\x94\x80", "\xe2\x94\xbc", "\xe2\x94\xa4");
    }
    rule(fp, w, ncols, "\xe2\x95\x98", "\xe2\x95\x90", "\xe2\x95\xa7", "\xe2\x95\x9b");
}

static char *colored(const char *s, const char *code, bool color)
{
    tqe_buf b = TQE_BUF_INIT;
    if (color)
        tqe_buf_printf(&b, "%s%s" ANSI_RESET, code, s);
    else
        tqe_buf_puts(&b, s);
    return b.data;
}

/* The text of one table cell (sacreBLEU's _format_score_lines). */
static char *score_cell(const score_result *r, const table_spec *t, bool baseline)
{
    tqe_buf b = TQE_BUF_INIT;
    tqe_buf_printf(&b, "%.*f", t->width, r->score);
    if (r->has_ci) tqe_buf_printf(&b, " (%.*f \xc2\xb1 %.*f)", t->width, r->mean, t->width, r->ci);
    if (r->has_p) {
        char msg[64];
        snprintf(msg, sizeof(msg), "(p = %.4f)", r->p_value);
        if (r->p_value > 0.05) {
            char *c = colored(msg, ANSI_RED, t->color);
            tqe_buf_printf(&b, "\n%s", c);
            free(c);
        } else {
            tqe_buf_printf(&b, "\n%s*", msg);
        }
    }
    if (baseline && t->color) {
        char *c = colored(b.data, ANSI_YELLOW, true);
        tqe_buf_free(&b);
        return c;
    }
    return b.data;
}

static void json_result_value(tqe_buf *o, const score_result *r, const table_spec *t)
{
    char num[40];
    if (!t->paired) {
        char s[64];
        snprintf(s, sizeof(s), "%.*f", t->width, r->score);
        tqe_json_string(o, s, strlen(s), 1);
        return;
    }
    tqe_format_repr(num, sizeof(num), r->score);
    tqe_buf_printf(o, "{\n            \"score\": %s,\n            \"p_value\": ", num);
    if (r->has_p) tqe_format_repr(num, sizeof(num), r->p_value);
    tqe_buf_printf(o, "%s,\n            \"mean\": ", r->has_p ? num : "null");
    if (r->has_ci) tqe_format_repr(num, sizeof(num), r->mean);
    tqe_buf_printf(o, "%s,\n            \"ci\": ", r->has_ci ? num : "null");
    if (r->has_ci) tqe_format_repr(num, sizeof(num), r->ci);
    tqe_buf_printf(o, "%s\n        }", r->has_ci ? num : "null");
}

static int print_table_json(FILE *fp, const table_spec *t)
{
    tqe_buf o = TQE_BUF_INIT;
    tqe_buf_puts(&o, "[\n");
    for (size_t s = 0; s < t->nsystems; s++) {
        tqe_buf_puts(&o, "    {\n        \"system\": ");
        tqe_json_string(&o, t->systems[s], strlen(t->systems[s]), 1);
        for (size_t m = 0; m < t->nmetrics; m++) {
            const score_result *r = &t->results[s * t->nmetrics + m];
            tqe_buf_puts(&o, ",\n        ");
            tqe_json_string(&o, r->name, strlen(r->name), 1);
            tqe_buf_puts(&o, ": ");
            json_result_value(&o, r, t);
        }
        tqe_buf_printf(&o, "\n    }%s\n", s + 1 < t->nsystems ? "," : "");
    }
    int rc = tqe_buf_puts(&o, "]\n");
    if (!rc) fputs(o.data, fp);
    tqe_buf_free(&o);
    return rc;
}

static void print_paired_notes(FILE *fp, const table_spec *t, const char *baseline)
{
    char msg[160];
    bool bs = t->paired == 1;
    snprintf(msg, sizeof(msg), "Paired %s test with %ld %s",
             bs ? "bootstrap resampling" : "approximate randomization", t->paired_n,
             bs ? "resampling trials" : "trials");
    char *bline = colored("baseline", ANSI_YELLOW, t->color);
    char *bname = colored(baseline, ANSI_YELLOW, t->color);
    char *nullh = colored("Null hypothesis", "\x1b[32m", t->color);
    char *nullh_lc = colored("null hypothesis", "\x1b[32m", t->color);
    char *red = colored("highlighted in red", ANSI_RED, t->color);
    size_t n = strlen(msg);
    for (size_t k = 0; k < n; k++) fputc('-', fp);
    fprintf(fp, "\n%s\n", msg);
    for (size_t k = 0; k < n; k++) fputc('-', fp);
    fprintf(fp, "\n - Each system is pairwise compared to %s.\n", bname);
    fputs(bs ? "   Actual system score / bootstrap estimated true mean / 95% CI are provided for "
               "each metric.\n"
             : "   Actual system score is provided for each metric.\n",
          fp);
    fprintf(fp, "\n - %s: the system and the %s translations are essentially\n", nullh, bline);
    fprintf(fp, "   generated by the same underlying process. For a given system and the %s,\n",
            bline);
    fputs("   the p-value is roughly the probability of the absolute score difference (delta)\n",
          fp);
    fprintf(fp,
            "   or higher occurring due to chance, under the assumption that the %s is "
            "correct.\n\n",
            nullh_lc);
    fprintf(fp, " - Assuming a significance threshold of 0.05, the %s can be rejected\n", nullh_lc);
    fputs("   for p-values < 0.05 (marked with \"*\"). This means that the delta is unlikely to "
          "be attributed\n",
          fp);
    fprintf(fp, "   to chance, hence the system is significantly \"different\" than the %s.\n",
            bline);
    fprintf(fp, "   Otherwise, the p-values are %s.\n\n", red);
    fprintf(fp,
            " - NOTE: Significance does not tell whether a system is \"better\" than the %s "
            "but rather\n",
            bline);
    fputs("   emphasizes the \"difference\" of the systems in terms of the replicability of the "
          "delta.\n\n",
          fp);
    free(bline), free(bname), free(nullh), free(nullh_lc), free(red);
}

int print_results_table(FILE *fp, const table_spec *t)
{
    if (t->json) return print_table_json(fp, t);
    size_t ncols = t->nmetrics + 1, nrows = t->nsystems + 1;
    char **cells = calloc(ncols * nrows, sizeof(*cells));
    if (!cells) return TQE_ENOMEM;
    bool ci = false;
    cells[0] = colored("System", ANSI_CYAN, t->color);
    for (size_t m = 0; m < t->nmetrics; m++) {
        ci = ci || t->results[m].has_ci;
        tqe_buf h = TQE_BUF_INIT;
        tqe_buf_printf(&h, "%s%s", t->results[m].name, ci ? " (\xce\xbc \xc2\xb1 95% CI)" : "");
        cells[1 + m] = colored(h.data, ANSI_CYAN, t->color);
        tqe_buf_free(&h);
    }
    for (size_t s = 0; s < t->nsystems; s++) {
        bool baseline = t->paired && s == 0;
        cells[(s + 1) * ncols] = colored(t->systems[s], ANSI_YELLOW, t->color && baseline);
        for (size_t m = 0; m < t->nmetrics; m++)
            cells[(s + 1) * ncols + 1 + m] =
                score_cell(&t->results[s * t->nmetrics + m], t, baseline);
    }
    fancy_grid(fp, cells, nrows, ncols);
    fputc('\n', fp);
    if (t->paired) print_paired_notes(fp, t, t->systems[0]);
    fputs("-----------------\nMetric signatures\n-----------------\n", fp);
    for (size_t m = 0; m < t->nmetrics; m++)
        fprintf(fp, " - %-10s %s\n", t->results[m].name, t->results[m].sig);
    for (size_t k = 0; k < ncols * nrows; k++) free(cells[k]);
    free(cells);
    return 0;
}
