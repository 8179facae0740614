/* report_html_beads.c - one section per translation: its beads in document
 * order, source, translation and reference side by side with the span of
 * every finding highlighted, and the findings listed under them.
 *
 * Spans of findings may overlap or nest (an omitted paragraph and the
 * numbers in it): each side is cut at every span boundary into stretches
 * covered by the same set of findings, and each stretch is one <mark> with
 * the classes and explanations of all of them, so the HTML stays properly
 * nested whatever the spans do. */
#include <math.h>
#include <stdio.h>

#include "report_html.h"

/* One finding's span on one side: bytes [a, b) of the side's text. */
typedef struct hspan {
    size_t a, b;
    size_t issue; /* index in the bead's issues */
} hspan;

/* Move a byte offset back to the start of the UTF-8 sequence it is in. */
static size_t char_start(const char *s, size_t i)
{
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80) i--;
    return i;
}

/* Move a byte offset forward to the end of the UTF-8 sequence it is in. */
static size_t char_end(const char *s, size_t len, size_t i)
{
    while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80) i++;
    return i;
}

/* Spans of one side (src: source side, else target) that can be shown,
 * clamped to the text and widened to whole characters. */
static size_t side_spans(hspan *out, const tqe_card_bead *b, bool src, const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < b->nissues; i++) {
        const tqe_issue *it = &b->issues[i];
        size_t a = src ? it->src_start : it->tgt_start, e = src ? it->src_end : it->tgt_end;
        if (a == TQE_NO_SPAN || e == TQE_NO_SPAN) continue;
        e = TQE_MIN(e, len);
        a = char_start(s, TQE_MIN(a, e));
        e = char_end(s, len, e);
        if (a < e) out[n++] = (hspan){a, e, i};
    }
    return n;
}

/* One stretch covered by findings: a <mark> with a class per issue type
 * and the findings' explanations as its tooltip. */
static int mark_open(tqe_buf *o, const tqe_card_bead *b, const size_t *cover, size_t n)
{
    int rc = tqe_buf_puts(o, "<mark class=\"hl");
    for (size_t k = 0; !rc && k < n; k++) {
        tqe_issue_type t = b->issues[cover[k]].type;
        bool seen = false;
        for (size_t j = 0; j < k; j++) seen = seen || b->issues[cover[j]].type == t;
        if (!seen) rc = tqe_buf_printf(o, " hl-%s", tqe_issue_type_name(t));
    }
    if (!rc) rc = tqe_buf_puts(o, "\" data-f=\"");
    for (size_t k = 0; !rc && k < n; k++) rc = tqe_buf_printf(o, "%s%zu", k ? " " : "", cover[k]);
    if (!rc) rc = tqe_buf_puts(o, "\" title=\"");
    for (size_t k = 0; !rc && k < n; k++) {
        const tqe_issue *it = &b->issues[cover[k]];
        rc = tqe_buf_printf(o, "%s%s: ", k ? "&#10;" : "", html_issue_style_of(it->type)->label) ||
             html_esc_attr(o, it->detail, strlen(it->detail));
    }
    return rc ? rc : tqe_buf_puts(o, "\">");
}

/* s[pa, pb) with the spans marked. */
static int marked(tqe_buf *o, const tqe_card_bead *b, const char *s, size_t pa, size_t pb,
                  const hspan *sp, size_t n, size_t *cover)
{
    int rc = 0;
    for (size_t x = pa; !rc && x < pb;) {
        size_t y = pb, nc = 0;
        for (size_t k = 0; k < n; k++) {
            if (sp[k].a > x && sp[k].a < y) y = sp[k].a;
            if (sp[k].b > x && sp[k].b < y) y = sp[k].b;
        }
        for (size_t k = 0; k < n; k++)
            if (sp[k].a <= x && sp[k].b >= y) cover[nc++] = sp[k].issue;
        if (!nc) {
            rc = html_esc(o, s + x, y - x);
        } else {
            rc = mark_open(o, b, cover, nc) || html_esc(o, s + x, y - x) ||
                 tqe_buf_puts(o, "</mark>");
        }
        x = y;
    }
    return rc;
}

/* The paragraphs of one side, each with its 1-based number. A bead's text
 * is its paragraphs joined by "\n"; when a paragraph holds line breaks of
 * its own (blank-line paragraphs) they cannot be told apart, and the side
 * is shown as one block under its range of numbers. */
static int paragraphs(tqe_buf *o, const tqe_card_bead *b, const char *s, size_t first, size_t count,
                      const hspan *sp, size_t n, size_t *cover)
{
    size_t len = strlen(s), breaks = 0;
    for (size_t i = 0; i < len; i++) breaks += s[i] == '\n';
    int rc = 0;
    if (breaks + 1 != count) {
        rc = tqe_buf_printf(o, "<p class=\"para pre\"><span class=\"pn\">\xC2\xB6%zu", first + 1);
        if (!rc && count > 1) rc = tqe_buf_printf(o, "\xE2\x80\x93%zu", first + count);
        return rc ? rc
                  : tqe_buf_puts(o, "</span> ") || marked(o, b, s, 0, len, sp, n, cover) ||
                        tqe_buf_puts(o, "</p>");
    }
    for (size_t k = 0, pa = 0; !rc && k < count; k++) {
        const char *nl = memchr(s + pa, '\n', len - pa);
        size_t pb = nl ? (size_t)(nl - s) : len;
        rc = tqe_buf_printf(o, "<p class=\"para\"><span class=\"pn\">\xC2\xB6%zu</span> ",
                            first + k + 1) ||
             marked(o, b, s, pa, pb, sp, n, cover) || tqe_buf_puts(o, "</p>");
        pa = pb + 1;
    }
    return rc;
}

/* One text cell: the side's paragraphs, or why there are none. Its
 * direction follows the text (Arabic and Hebrew read right to left). */
static int text_cell(tqe_buf *o, const tqe_card_bead *b, bool src, const char *lang, hspan *sp,
                     size_t *cover)
{
    const tqe_bead *bd = &b->bead;
    const char *s = src ? b->src_text : b->tgt_text;
    size_t count = src ? bd->src_count : bd->tgt_count;
    if (!count)
        return tqe_buf_printf(o, "<td class=\"%s void\">%s</td>", src ? "src" : "tgt",
                              src ? "added \xE2\x80\x94 no source"
                                  : "omitted \xE2\x80\x94 no translation");
    size_t n = side_spans(sp, b, src, s, strlen(s));
    int rc = tqe_buf_printf(o, "<td class=\"%s\" lang=\"", src ? "src" : "tgt") ||
             html_escs(o, lang) || tqe_buf_puts(o, "\" dir=\"auto\">") ||
             paragraphs(o, b, s, src ? bd->src_start : bd->tgt_start, count, sp, n, cover);
    return rc ? rc : tqe_buf_puts(o, "</td>");
}

static int ref_cell(tqe_buf *o, const tqe_card_bead *b, const char *lang)
{
    if (!*b->ref_text)
        return tqe_buf_printf(o, "<td class=\"ref void\">%s</td>",
                              b->bead.src_count ? "no reference paragraph aligned"
                                                : "\xE2\x80\x94");
    int rc = tqe_buf_puts(o, "<td class=\"ref\" lang=\"") || html_escs(o, lang) ||
             tqe_buf_puts(o, "\" dir=\"auto\"><p class=\"para pre\">") || html_escs(o, b->ref_text);
    return rc ? rc : tqe_buf_puts(o, "</p></td>");
}

/* A quote of a finding, unless the detail already quotes it or it is the
 * whole side (an omitted paragraph is in plain sight). */
static int quote(tqe_buf *o, const char *lang, const char *q, const char *detail, size_t a,
                 size_t e, size_t side_len)
{
    size_t len = strlen(q);
    if (!len || strstr(detail, q) || (a == 0 && e >= side_len)) return 0;
    size_t keep = html_cut_utf8(q, len, 80);
    int rc = tqe_buf_puts(o, " <span class=\"q\"><span class=\"lang\">") || html_escs(o, lang) ||
             tqe_buf_puts(o, "</span> \xE2\x80\x9C") || html_esc(o, q, keep);
    return rc ? rc
              : tqe_buf_puts(o, keep < len ? "\xE2\x80\xA6\xE2\x80\x9D</span>"
                                           : "\xE2\x80\x9D</span>");
}

static int finding(tqe_buf *o, const tqe_card *c, const tqe_card_bead *b, const char *lang,
                   size_t i)
{
    const tqe_issue *it = &b->issues[i];
    const char *name = tqe_issue_type_name(it->type);
    int rc =
        tqe_buf_printf(o, "<li data-f=\"%zu\"><span class=\"tag k-%s\" title=\"%s\">%s</span> ", i,
                       name, name, html_issue_style_of(it->type)->label) ||
        html_escs(o, it->detail) ||
        quote(o, c->o.src_lang, it->source, it->detail, it->src_start, it->src_end,
              strlen(b->src_text)) ||
        quote(o, lang, it->target, it->detail, it->tgt_start, it->tgt_end, strlen(b->tgt_text));
    return rc ? rc : tqe_buf_puts(o, "</li>");
}

/* A score that grades a bead besides its findings, as card_grade() reads
 * it: a value below a threshold. */
typedef struct score_rule {
    const char *what;
    double value, warn, fail;
    int decimals;
} score_rule;

static size_t score_rules(score_rule *r, const tqe_card *c, const tqe_card_bead *b)
{
    const tqe_thresholds *th = &c->th;
    size_t n = 0;
    r[n++] = (score_rule){"chrF against the reference", b->chrf_vs_ref, th->chrf_ref_warn,
                          th->chrf_ref_fail, 1};
    r[n++] = (score_rule){"BLEU against the reference", b->bleu_vs_ref, th->bleu_ref_warn,
                          th->bleu_ref_fail, 1};
    if (b->bead.src_count && b->bead.tgt_count)
        r[n++] = (score_rule){"the alignment confidence", b->bead.confidence, th->align_warn,
                              th->align_fail, 2};
    return n;
}

/* 2 when the value is below its fail threshold, 1 below its warn one. */
static int rule_level(const score_rule *r)
{
    return card_level_below(r->value, r->warn, r->fail);
}

/* How many scores took the bead's grade down: a warn or fail without
 * findings must still say why. */
static size_t low_scores(const tqe_card *c, const tqe_card_bead *b)
{
    score_rule r[3];
    size_t n = score_rules(r, c, b), low = 0;
    for (size_t k = 0; k < n; k++) low += rule_level(&r[k]) > 0;
    return low;
}

static int score_reasons(tqe_buf *o, const tqe_card *c, const tqe_card_bead *b)
{
    score_rule r[3];
    size_t n = score_rules(r, c, b);
    int rc = 0;
    for (size_t k = 0; !rc && k < n; k++) {
        int level = rule_level(&r[k]);
        if (level)
            rc = tqe_buf_printf(o,
                                "<li class=\"why\"><span class=\"tag k-score\">low score</span> "
                                "%s, %.*f, is below %g: %s</li>",
                                r[k].what, r[k].decimals, r[k].value,
                                level == 2 ? r[k].fail : r[k].warn, level == 2 ? "fail" : "warn");
    }
    return rc;
}

static int findings_row(tqe_buf *o, const tqe_card *c, const tqe_card_bead *b, const char *lang,
                        int ncols)
{
    int rc =
        tqe_buf_printf(o, "<tr class=\"fx\"><td colspan=\"%d\"><ol class=\"findings\">", ncols);
    for (size_t i = 0; !rc && i < b->nissues; i++) rc = finding(o, c, b, lang, i);
    if (!rc) rc = score_reasons(o, c, b);
    return rc ? rc : tqe_buf_puts(o, "</ol></td></tr>\n");
}

static const char *kind_word(tqe_bead_kind k)
{
    switch (k) {
    case TQE_BEAD_1_0:
        return " omitted";
    case TQE_BEAD_0_1:
        return " added";
    case TQE_BEAD_2_1:
    case TQE_BEAD_3_1:
        return " merged";
    case TQE_BEAD_1_2:
    case TQE_BEAD_1_3:
        return " split";
    default:
        return "";
    }
}

/* Scores of a bead that has both sides (the others have none), and the
 * extra columns' (averages over its translation paragraphs). */
static int score_list(tqe_buf *o, const tqe_card *c, const tqe_card_bead *b, bool has_ref)
{
    bool both = b->bead.src_count && b->bead.tgt_count;
    size_t extras = 0;
    for (size_t k = 0; k < c->nextra; k++) extras += !isnan(b->extra[k]);
    if (!both && !extras) return 0;
    int rc = tqe_buf_puts(o, "<dl class=\"sc\">");
    if (!rc && both && has_ref)
        rc = tqe_buf_puts(o, "<dt title=\"chrF against the reference\">chrF</dt><dd>") ||
             html_num(o, b->chrf_vs_ref, 1) ||
             tqe_buf_puts(o, "</dd><dt title=\"BLEU against the reference\">BLEU</dt><dd>") ||
             html_num(o, b->bleu_vs_ref, 1) || tqe_buf_puts(o, "</dd>");
    if (!rc && both)
        rc = tqe_buf_puts(o, "<dt title=\"chrF against the English source: what was kept "
                             "verbatim, not quality\">chrF src</dt><dd>") ||
             html_num(o, b->chrf_vs_src, 1) || tqe_buf_puts(o, "</dd>");
    for (size_t k = 0; !rc && k < c->nextra; k++)
        if (!isnan(b->extra[k]))
            rc = tqe_buf_puts(o, "<dt>") || html_escs(o, c->extra_names[k]) ||
                 tqe_buf_puts(o, "</dt><dd>") || html_num(o, b->extra[k], 4) ||
                 tqe_buf_puts(o, "</dd>");
    return rc ? rc : tqe_buf_puts(o, "</dl>");
}

/* The bead's number, grade, alignment and scores. */
static int meta_cell(tqe_buf *o, const tqe_card *c, const tqe_card_bead *b, size_t t, size_t k,
                     bool has_ref)
{
    const tqe_bead *bd = &b->bead;
    bool low = bd->src_count && bd->tgt_count && !isnan(c->th.align_warn) &&
               bd->confidence < c->th.align_warn;
    int rc = tqe_buf_printf(o,
                            "<th class=\"m\" scope=\"rowgroup\"%s><a class=\"bn\" "
                            "href=\"#t%zu-b%zu\" title=\"link to this bead\">%zu</a> "
                            "<span class=\"badge g-%s\">%s</span><span class=\"kind\">%s%s"
                            "</span><span class=\"conf%s\" title=\"alignment confidence: the "
                            "probability of this match under the alignment model\">conf. %.2f"
                            "</span>",
                            b->nissues || low_scores(c, b) ? " rowspan=\"2\"" : "", t + 1, k + 1,
                            b->index + 1, tqe_grade_name(b->grade), tqe_grade_name(b->grade),
                            tqe_bead_kind_name(bd->kind), kind_word(bd->kind), low ? " low" : "",
                            bd->confidence);
    return rc ? rc : score_list(o, c, b, has_ref) || tqe_buf_puts(o, "</th>");
}

/* <tbody> of one bead, with what the script filters and sorts by. */
static int bead_open(tqe_buf *o, const tqe_card_bead *b, size_t t, size_t k, bool has_ref)
{
    const char *g = tqe_grade_name(b->grade);
    double score = html_bead_score(b, has_ref);
    int rc = tqe_buf_printf(o,
                            "<tbody id=\"t%zu-b%zu\" class=\"bead %s\" data-i=\"%zu\" "
                            "data-grade=\"%s\" data-n=\"%zu\" data-score=\"",
                            t + 1, k + 1, g, k, g, b->nissues);
    if (!rc && !isnan(score)) rc = tqe_buf_printf(o, "%.2f", score);
    if (!rc) rc = tqe_buf_puts(o, "\" data-types=\"");
    for (size_t i = 0; !rc && i < b->nissues; i++) {
        bool seen = false;
        for (size_t j = 0; j < i; j++) seen = seen || b->issues[j].type == b->issues[i].type;
        if (!seen) rc = tqe_buf_printf(o, " %s", tqe_issue_type_name(b->issues[i].type));
    }
    return rc ? rc : tqe_buf_puts(o, " \">\n<tr>");
}

typedef struct section_ctx {
    const tqe_card *c;
    size_t t;
    bool has_ref;
    hspan *spans;
    size_t *cover;
} section_ctx;

static int bead_rows(tqe_buf *o, const section_ctx *x, const tqe_card_bead *b, size_t k)
{
    const char *lang = x->c->tr[x->t].lang;
    int rc = bead_open(o, b, x->t, k, x->has_ref) || meta_cell(o, x->c, b, x->t, k, x->has_ref) ||
             text_cell(o, b, true, x->c->o.src_lang, x->spans, x->cover) ||
             text_cell(o, b, false, lang, x->spans, x->cover);
    if (!rc && x->has_ref) rc = ref_cell(o, b, lang);
    if (!rc) rc = tqe_buf_puts(o, "</tr>\n");
    if (!rc && (b->nissues || low_scores(x->c, b)))
        rc = findings_row(o, x->c, b, lang, x->has_ref ? 3 : 2);
    return rc ? rc : tqe_buf_puts(o, "</tbody>\n");
}

static int table_open(tqe_buf *o, const section_ctx *x, const char *doc)
{
    const char *lang = x->c->tr[x->t].lang;
    int rc = 0;
    if (*doc)
        rc = tqe_buf_puts(o, "<h3 class=\"doc\">Document <code>") || html_escs(o, doc) ||
             tqe_buf_puts(o, "</code></h3>\n");
    if (!rc)
        rc = tqe_buf_printf(o,
                            "<table class=\"beads%s\"><colgroup><col class=\"m\"><col><col>%s"
                            "</colgroup>\n<thead><tr><th scope=\"col\">Bead</th>"
                            "<th scope=\"col\">Source <span class=\"lang\">",
                            x->has_ref ? " has-ref" : "", x->has_ref ? "<col>" : "") ||
             html_escs(o, x->c->o.src_lang) ||
             tqe_buf_puts(o, "</span></th><th scope=\"col\">Translation <span class=\"lang\">") ||
             html_escs(o, lang) || tqe_buf_puts(o, "</span></th>");
    if (!rc && x->has_ref)
        rc = tqe_buf_puts(o, "<th scope=\"col\">Reference <span class=\"lang\">") ||
             html_escs(o, lang) || tqe_buf_puts(o, "</span></th>");
    return rc ? rc : tqe_buf_puts(o, "</tr></thead>\n");
}

/* Filters and sorting; hidden until the script shows them, so that a page
 * read without scripts offers no dead controls. Not a <form>: nothing is
 * ever submitted. */
static int controls(tqe_buf *o, const tqe_card_summary *s, bool has_ref)
{
    int rc = tqe_buf_puts(o, "<div class=\"controls\" hidden><fieldset><legend>Grade</legend>");
    for (int g = 2; !rc && g >= 0; g--)
        rc = tqe_buf_printf(o,
                            "<label><input type=\"checkbox\" name=\"grade\" value=\"%s\" "
                            "checked> <span class=\"badge g-%s\">%s</span> %zu</label>",
                            tqe_grade_name((tqe_grade)g), tqe_grade_name((tqe_grade)g),
                            tqe_grade_name((tqe_grade)g), s->grades[g]);
    if (!rc)
        rc = tqe_buf_puts(o, "</fieldset><label>Issue <select name=\"type\"><option value=\"\">"
                             "all beads</option><option value=\"+\">with issues</option>"
                             "<option value=\"-\">without issues</option>");
    for (int k = 0; !rc && k < TQE_ISSUE_TYPE_COUNT; k++)
        if (s->issues_by_type[k])
            rc = tqe_buf_printf(o, "<option value=\"%s\">%s (%llu)</option>",
                                tqe_issue_type_name((tqe_issue_type)k),
                                html_issue_style_of((tqe_issue_type)k)->label,
                                (unsigned long long)s->issues_by_type[k]);
    if (!rc)
        rc = tqe_buf_printf(o,
                            "</select></label><label>Sort <select name=\"sort\">"
                            "<option value=\"doc\">document order</option>"
                            "<option value=\"grade\">grade, worst first</option>"
                            "<option value=\"score\">chrF %s, lowest first</option>"
                            "<option value=\"issues\">issues, most first</option>"
                            "</select></label><output class=\"count\"></output></div>\n",
                            has_ref ? "vs reference" : "vs source");
    return rc;
}

/* Links to the beads of grade g, the first to read; a long list stops
 * after 40 (the grade filter shows them all). */
static int jump_grade(tqe_buf *o, const section_ctx *x, tqe_grade g)
{
    size_t nb = tqe_card_bead_count(x->c, x->t), shown = 0;
    const char *name = tqe_grade_name(g);
    int rc = tqe_buf_printf(o, "<span class=\"badge g-%s\">%s</span>", name, name);
    for (size_t k = 0; !rc && k < nb; k++) {
        const tqe_card_bead *b = tqe_card_bead_get(x->c, x->t, k);
        if (b->grade != g || shown++ >= 40) continue;
        rc = tqe_buf_printf(o, " <a href=\"#t%zu-b%zu\"", x->t + 1, k + 1);
        if (!rc && *b->doc)
            rc = tqe_buf_puts(o, " title=\"document ") || html_escs(o, b->doc) ||
                 tqe_buf_puts(o, "\"");
        if (!rc) rc = tqe_buf_printf(o, ">%zu</a>", b->index + 1);
    }
    if (!rc && shown > 40) rc = tqe_buf_printf(o, " and %zu more", shown - 40);
    return rc;
}

static int jump_links(tqe_buf *o, const section_ctx *x)
{
    const size_t *n = x->c->tr[x->t].sum.grades;
    if (!n[TQE_GRADE_FAIL] && !n[TQE_GRADE_WARN]) return 0;
    int rc = tqe_buf_puts(o, "<p class=\"jump\">Beads to read first: ");
    if (!rc && n[TQE_GRADE_FAIL]) rc = jump_grade(o, x, TQE_GRADE_FAIL);
    if (!rc && n[TQE_GRADE_FAIL] && n[TQE_GRADE_WARN]) rc = tqe_buf_puts(o, " \xC2\xB7 ");
    if (!rc && n[TQE_GRADE_WARN]) rc = jump_grade(o, x, TQE_GRADE_WARN);
    return rc ? rc : tqe_buf_puts(o, "</p>\n");
}

static int section_head(tqe_buf *o, const section_ctx *x)
{
    const tqe_card_summary *s = &x->c->tr[x->t].sum;
    int rc = tqe_buf_printf(o, "<section id=\"t%zu\" class=\"tr\">\n<h2>", x->t + 1) ||
             html_escs(o, s->name) || tqe_buf_puts(o, " <span class=\"lang\">") ||
             html_escs(o, s->lang) ||
             tqe_buf_printf(o,
                            "</span> <span class=\"rank\">rank %zu%s</span></h2>\n"
                            "<p class=\"stats\">%zu beads: %zu fail, %zu warn, %zu pass "
                            "\xC2\xB7 %llu issue%s (",
                            s->rank, s->rank_tied ? "=" : "", tqe_card_bead_count(x->c, x->t),
                            s->grades[TQE_GRADE_FAIL], s->grades[TQE_GRADE_WARN],
                            s->grades[TQE_GRADE_PASS], (unsigned long long)s->issues,
                            s->issues == 1 ? "" : "s") ||
             html_num(o, s->issues_per_kw, 1) ||
             tqe_buf_puts(o, " per 1,000 source words) \xC2\xB7 ");
    if (!rc && x->has_ref)
        rc = tqe_buf_puts(o, "chrF ") || html_num(o, s->chrf, 1) || tqe_buf_puts(o, ", BLEU ") ||
             html_num(o, s->bleu, 1) || tqe_buf_puts(o, " against the reference</p>\n");
    else if (!rc)
        rc = tqe_buf_puts(o, "no reference: beads show chrF against the source only</p>\n");
    return rc ? rc : jump_links(o, x) || controls(o, s, x->has_ref);
}

int html_translation_section(tqe_buf *o, const tqe_card *c, size_t t)
{
    size_t nb = tqe_card_bead_count(c, t), most = 1;
    for (size_t k = 0; k < nb; k++) most = TQE_MAX(most, tqe_card_bead_get(c, t, k)->nissues);
    section_ctx x = {c, t, html_has_ref(c, t), malloc(most * sizeof(hspan)),
                     malloc(most * sizeof(size_t))};
    int rc = (!x.spans || !x.cover) ? TQE_ENOMEM : section_head(o, &x);
    const char *doc = NULL;
    for (size_t k = 0; !rc && k < nb; k++) {
        const tqe_card_bead *b = tqe_card_bead_get(c, t, k);
        if (!doc || strcmp(doc, b->doc)) {
            if (doc) rc = tqe_buf_puts(o, "</table>\n");
            if (!rc) rc = table_open(o, &x, b->doc);
            doc = b->doc;
        }
        if (!rc) rc = bead_rows(o, &x, b, k);
    }
    if (!rc && doc) rc = tqe_buf_puts(o, "</table>\n");
    if (!rc) rc = tqe_buf_puts(o, "</section>\n");
    free(x.spans);
    free(x.cover);
    return rc;
}
