/* report_card.c - scorecards as CSV (RFC 4180), JSON Lines and a summary CSV.
 *
 * Paragraph and bead numbers are 1-based here (as a reader counts them);
 * scores that do not apply are empty cells in CSV and null in JSON. Column
 * names are stable: new columns are only ever appended. */
#include <math.h>
#include <stdio.h>

#include "internal.h"

/* A CSV field: quoted when it holds a comma, a quote or a line break. */
static int csv_text(tqe_buf *o, const char *s, size_t len)
{
    bool quote = false;
    for (size_t i = 0; i < len && !quote; i++)
        quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
    if (!quote) return tqe_buf_append(o, s, len);
    int rc = tqe_buf_append(o, "\"", 1);
    for (size_t i = 0; !rc && i < len; i++)
        rc = s[i] == '"' ? tqe_buf_append(o, "\"\"", 2) : tqe_buf_append(o, s + i, 1);
    return rc ? rc : tqe_buf_append(o, "\"", 1);
}

static int csv_str(tqe_buf *o, const char *s, bool first)
{
    int rc = first ? 0 : tqe_buf_append(o, ",", 1);
    return rc ? rc : csv_text(o, s, strlen(s));
}

static int csv_num(tqe_buf *o, double v, int decimals)
{
    int rc = tqe_buf_append(o, ",", 1);
    if (rc || isnan(v)) return rc;
    return tqe_buf_printf(o, "%.*f", decimals, v);
}

static int csv_int(tqe_buf *o, uint64_t v)
{
    return tqe_buf_printf(o, ",%llu", (unsigned long long)v);
}

/* "8,9": 1-based paragraph numbers of a bead side. */
static int para_list(tqe_buf *o, size_t start, size_t count)
{
    tqe_buf_clear(o);
    int rc = tqe_buf_append(o, "", 0);
    for (size_t k = 0; !rc && k < count; k++)
        rc = tqe_buf_printf(o, "%s%zu", k ? "," : "", start + k + 1);
    return rc;
}

/* Every finding of a bead, one a line: "type: detail". */
static int issue_lines(tqe_buf *o, const tqe_card_bead *b)
{
    tqe_buf_clear(o);
    int rc = tqe_buf_append(o, "", 0);
    for (size_t i = 0; !rc && i < b->nissues; i++)
        rc = tqe_buf_printf(o, "%s%s: %s", i ? "\n" : "", tqe_issue_type_name(b->issues[i].type),
                            b->issues[i].detail);
    return rc;
}

static const char *const csv_columns[] = {"translation",
                                          "lang",
                                          "doc",
                                          "bead",
                                          "src_paras",
                                          "tgt_paras",
                                          "align_kind",
                                          "align_confidence",
                                          "src_words",
                                          "tgt_words",
                                          "length_z",
                                          "chrf_vs_ref",
                                          "bleu_vs_ref",
                                          "chrf_vs_src",
                                          "numbers_src",
                                          "numbers_ok",
                                          "numbers_missing",
                                          "numbers_altered",
                                          "numbers_extra",
                                          "entities_src",
                                          "entities_ok",
                                          "entities_missing",
                                          "entities_altered",
                                          "issue_count",
                                          "issues",
                                          "grade",
                                          "src_text",
                                          "tgt_text",
                                          "ref_text"};

static int csv_header(tqe_buf *o, const tqe_card *c)
{
    int rc = 0;
    for (size_t k = 0; !rc && k < TQE_ARRAY_LEN(csv_columns); k++)
        rc = csv_str(o, csv_columns[k], k == 0);
    for (size_t k = 0; !rc && k < tqe_card_extra_count(c); k++)
        rc = csv_str(o, tqe_card_extra_name(c, k), false);
    return rc ? rc : tqe_buf_append(o, "\r\n", 2);
}

static int csv_row(tqe_buf *o, tqe_buf *tmp, const tqe_card *c, const tqe_card_summary *s,
                   const tqe_card_bead *b)
{
    const tqe_bead *bd = &b->bead;
    int rc = csv_str(o, s->name, true);
    if (!rc) rc = csv_str(o, s->lang, false);
    if (!rc) rc = csv_str(o, b->doc, false);
    if (!rc) rc = csv_int(o, b->index + 1);
    if (!rc) rc = para_list(tmp, bd->src_start, bd->src_count) || csv_str(o, tmp->data, false);
    if (!rc) rc = para_list(tmp, bd->tgt_start, bd->tgt_count) || csv_str(o, tmp->data, false);
    if (!rc) rc = csv_str(o, tqe_bead_kind_name(bd->kind), false);
    if (!rc) rc = csv_num(o, bd->confidence, 3);
    if (!rc) rc = csv_int(o, b->src_words) || csv_int(o, b->tgt_words);
    if (!rc) rc = csv_num(o, bd->src_count && bd->tgt_count ? bd->length_z : NAN, 2);
    if (!rc)
        rc = csv_num(o, b->chrf_vs_ref, 2) || csv_num(o, b->bleu_vs_ref, 2) ||
             csv_num(o, b->chrf_vs_src, 2);
    if (!rc)
        rc = csv_int(o, b->numbers.src) || csv_int(o, b->numbers.ok) ||
             csv_int(o, b->numbers.missing) || csv_int(o, b->numbers.altered) ||
             csv_int(o, b->numbers.extra);
    if (!rc)
        rc = csv_int(o, b->entities.src) || csv_int(o, b->entities.ok) ||
             csv_int(o, b->entities.missing) || csv_int(o, b->entities.altered);
    if (!rc) rc = csv_int(o, b->nissues) || issue_lines(tmp, b) || csv_str(o, tmp->data, false);
    if (!rc) rc = csv_str(o, tqe_grade_name(b->grade), false);
    if (!rc)
        rc = csv_str(o, b->src_text, false) || csv_str(o, b->tgt_text, false) ||
             csv_str(o, b->ref_text, false);
    for (size_t k = 0; !rc && k < tqe_card_extra_count(c); k++) rc = csv_num(o, b->extra[k], 4);
    return rc ? rc : tqe_buf_append(o, "\r\n", 2);
}

int tqe_card_render_csv(tqe_buf *out, const tqe_card *c)
{
    tqe_buf tmp = TQE_BUF_INIT;
    int rc = csv_header(out, c);
    for (size_t t = 0; !rc && t < tqe_card_count(c); t++)
        for (size_t i = 0; !rc && i < tqe_card_bead_count(c, t); i++)
            rc = csv_row(out, &tmp, c, tqe_card_summary_get(c, t), tqe_card_bead_get(c, t, i));
    tqe_buf_free(&tmp);
    return rc ? TQE_ENOMEM : TQE_OK;
}

/* ---- JSON Lines: the CSV's columns, with full issue objects ---- */

static int j_str(tqe_buf *o, const char *key, const char *v)
{
    int rc = tqe_buf_printf(o, ", \"%s\": ", key);
    return rc ? rc : tqe_json_string(o, v, strlen(v), 0);
}

static int j_num(tqe_buf *o, const char *key, double v, int decimals)
{
    if (isnan(v)) return tqe_buf_printf(o, ", \"%s\": null", key);
    return tqe_buf_printf(o, ", \"%s\": %.*f", key, decimals, v);
}

static int j_int(tqe_buf *o, const char *key, uint64_t v)
{
    return tqe_buf_printf(o, ", \"%s\": %llu", key, (unsigned long long)v);
}

static int j_paras(tqe_buf *o, const char *key, size_t start, size_t count)
{
    int rc = tqe_buf_printf(o, ", \"%s\": [", key);
    for (size_t k = 0; !rc && k < count; k++)
        rc = tqe_buf_printf(o, "%s%zu", k ? ", " : "", start + k + 1);
    return rc ? rc : tqe_buf_puts(o, "]");
}

static int j_span(tqe_buf *o, const char *key, size_t start, size_t end)
{
    if (start == TQE_NO_SPAN) return tqe_buf_printf(o, ", \"%s\": null", key);
    return tqe_buf_printf(o, ", \"%s\": [%zu, %zu]", key, start, end);
}

static int j_issues(tqe_buf *o, const tqe_card_bead *b)
{
    int rc = tqe_buf_puts(o, ", \"issues\": [");
    for (size_t i = 0; !rc && i < b->nissues; i++) {
        const tqe_issue *it = &b->issues[i];
        rc = tqe_buf_printf(o, "%s{\"type\": \"%s\"", i ? ", " : "", tqe_issue_type_name(it->type));
        if (!rc)
            rc = j_str(o, "source", it->source) || j_str(o, "target", it->target) ||
                 j_str(o, "detail", it->detail);
        /* Byte offsets into src_text / tgt_text, for programs that mark them. */
        if (!rc)
            rc = j_span(o, "src_span", it->src_start, it->src_end) ||
                 j_span(o, "tgt_span", it->tgt_start, it->tgt_end) || tqe_buf_puts(o, "}");
    }
    return rc ? rc : tqe_buf_puts(o, "]");
}

static int jsonl_row(tqe_buf *o, const tqe_card *c, const tqe_card_summary *s,
                     const tqe_card_bead *b)
{
    const tqe_bead *bd = &b->bead;
    int rc = tqe_buf_puts(o, "{\"translation\": ");
    if (!rc) rc = tqe_json_string(o, s->name, strlen(s->name), 0);
    if (!rc)
        rc = j_str(o, "lang", s->lang) || j_str(o, "doc", b->doc) || j_int(o, "bead", b->index + 1);
    if (!rc)
        rc = j_paras(o, "src_paras", bd->src_start, bd->src_count) ||
             j_paras(o, "tgt_paras", bd->tgt_start, bd->tgt_count);
    if (!rc)
        rc = j_str(o, "align_kind", tqe_bead_kind_name(bd->kind)) ||
             j_num(o, "align_confidence", bd->confidence, 3);
    if (!rc) rc = j_int(o, "src_words", b->src_words) || j_int(o, "tgt_words", b->tgt_words);
    if (!rc) rc = j_num(o, "length_z", bd->src_count && bd->tgt_count ? bd->length_z : NAN, 2);
    if (!rc)
        rc = j_num(o, "chrf_vs_ref", b->chrf_vs_ref, 2) ||
             j_num(o, "bleu_vs_ref", b->bleu_vs_ref, 2) ||
             j_num(o, "chrf_vs_src", b->chrf_vs_src, 2);
    if (!rc)
        rc = j_int(o, "numbers_src", b->numbers.src) || j_int(o, "numbers_ok", b->numbers.ok) ||
             j_int(o, "numbers_missing", b->numbers.missing) ||
             j_int(o, "numbers_altered", b->numbers.altered) ||
             j_int(o, "numbers_extra", b->numbers.extra);
    if (!rc)
        rc = j_int(o, "entities_src", b->entities.src) || j_int(o, "entities_ok", b->entities.ok) ||
             j_int(o, "entities_missing", b->entities.missing) ||
             j_int(o, "entities_altered", b->entities.altered);
    if (!rc) rc = j_int(o, "issue_count", b->nissues) || j_issues(o, b);
    if (!rc) rc = j_str(o, "grade", tqe_grade_name(b->grade));
    if (!rc)
        rc = j_str(o, "src_text", b->src_text) || j_str(o, "tgt_text", b->tgt_text) ||
             j_str(o, "ref_text", b->ref_text);
    for (size_t k = 0; !rc && k < tqe_card_extra_count(c); k++)
        rc = j_num(o, tqe_card_extra_name(c, k), b->extra[k], 4);
    return rc ? rc : tqe_buf_puts(o, "}\n");
}

int tqe_card_render_jsonl(tqe_buf *out, const tqe_card *c)
{
    int rc = 0;
    for (size_t t = 0; !rc && t < tqe_card_count(c); t++)
        for (size_t i = 0; !rc && i < tqe_card_bead_count(c, t); i++)
            rc = jsonl_row(out, c, tqe_card_summary_get(c, t), tqe_card_bead_get(c, t, i));
    return rc ? TQE_ENOMEM : TQE_OK;
}

/* ---- summary.csv: one row per translation ---- */

static int summary_header(tqe_buf *o, const tqe_card *c)
{
    static const char *const head[] = {"translation", "lang",      "docs",     "src_paras",
                                       "tgt_paras",   "src_words", "tgt_words"};
    int rc = 0;
    for (size_t k = 0; !rc && k < TQE_ARRAY_LEN(head); k++) rc = csv_str(o, head[k], k == 0);
    for (int k = 0; !rc && k < TQE_BEAD_KIND_COUNT; k++)
        rc = tqe_buf_printf(o, ",beads_%s", tqe_bead_kind_name((tqe_bead_kind)k));
    if (!rc) rc = tqe_buf_puts(o, ",issues");
    for (int k = 0; !rc && k < TQE_ISSUE_TYPE_COUNT; k++)
        rc = tqe_buf_printf(o, ",%s", tqe_issue_type_name((tqe_issue_type)k));
    if (!rc)
        rc = tqe_buf_puts(o, ",issues_per_1k_words,issues_per_1k_words_lo,issues_per_1k_words_hi,"
                             "chrf,chrf_lo,chrf_hi,bleu,bleu_lo,bleu_hi,pass,warn,fail,rank,tied");
    for (size_t k = 0; !rc && k < tqe_card_extra_count(c); k++)
        rc = csv_str(o, tqe_card_extra_name(c, k), false);
    return rc ? rc : tqe_buf_append(o, "\r\n", 2);
}

int tqe_card_render_summary_csv(tqe_buf *out, const tqe_card *c)
{
    int rc = summary_header(out, c);
    for (size_t t = 0; !rc && t < tqe_card_count(c); t++) {
        const tqe_card_summary *s = tqe_card_summary_get(c, t);
        rc = csv_str(out, s->name, true) || csv_str(out, s->lang, false) || csv_int(out, s->docs) ||
             csv_int(out, s->src_paras) || csv_int(out, s->tgt_paras) ||
             csv_int(out, s->src_words) || csv_int(out, s->tgt_words);
        for (int k = 0; !rc && k < TQE_BEAD_KIND_COUNT; k++) rc = csv_int(out, s->beads_by_kind[k]);
        if (!rc) rc = csv_int(out, s->issues);
        for (int k = 0; !rc && k < TQE_ISSUE_TYPE_COUNT; k++)
            rc = csv_int(out, s->issues_by_type[k]);
        if (!rc)
            rc = csv_num(out, s->issues_per_kw, 2) || csv_num(out, s->issues_per_kw_lo, 2) ||
                 csv_num(out, s->issues_per_kw_hi, 2) || csv_num(out, s->chrf, 2) ||
                 csv_num(out, s->chrf_lo, 2) || csv_num(out, s->chrf_hi, 2) ||
                 csv_num(out, s->bleu, 2) || csv_num(out, s->bleu_lo, 2) ||
                 csv_num(out, s->bleu_hi, 2);
        for (int k = 0; !rc && k < 3; k++) rc = csv_int(out, s->grades[k]);
        if (!rc) rc = tqe_buf_printf(out, ",%zu,%s", s->rank, s->rank_tied ? "yes" : "no");
        for (size_t k = 0; !rc && k < tqe_card_extra_count(c); k++)
            rc = csv_num(out, s->extra_mean[k], 4);
        if (!rc) rc = tqe_buf_append(out, "\r\n", 2);
    }
    return rc ? TQE_ENOMEM : TQE_OK;
}
