/* numbers_match.c - match the number mentions of a source text and its
 * translation one to one and report what is missing, altered or extra. */
#include <math.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include "numbers.h"

static const char *const kind_names[TQE_NUM_KIND_COUNT] = {
    "cardinal", "percent", "currency", "date",           "time",
    "year",     "quarter", "ordinal",  "multiplicative",
};

const char *tqe_num_kind_name(tqe_num_kind k)
{
    return (unsigned)k < TQE_NUM_KIND_COUNT ? kind_names[k] : NULL;
}

/* The noun a finding uses for a mention. */
static const char *kind_noun(const tqe_number *m)
{
    static const char *const nouns[TQE_NUM_KIND_COUNT] = {
        "number", "percentage", "amount",  "date",           "time",
        "year",   "quarter",    "ordinal", "multiplicative",
    };
    if (m->flags & TQE_NUMF_DECADE) return "decade";
    return (unsigned)m->kind < TQE_NUM_KIND_COUNT ? nouns[m->kind] : "number";
}

/* ---- describing values ---- */

/* Append v as "1686", "2.5", "6e10", "1.5e9": the same in every language,
 * and written without printf's decimal point, which follows the process
 * locale. */
static int put_value(tqe_buf *b, double v)
{
    int rc = TQE_OK;
    if (v < 0) {
        rc = tqe_buf_puts(b, "-");
        v = -v;
    }
    if (rc) return rc;
    if (v != floor(v) || v >= 1e21) {
        double ip = floor(v);
        long long f = llround((v - ip) * 1e6);
        if (f >= 1000000) {
            ip += 1;
            f -= 1000000;
        }
        char frac[24];
        snprintf(frac, sizeof frac, "%06lld", f);
        size_t n = 6;
        while (n > 1 && frac[n - 1] == '0') n--;
        frac[n] = '\0';
        return f ? tqe_buf_printf(b, "%.0f.%s", ip, frac) : tqe_buf_printf(b, "%.0f", ip);
    }
    char digits[32];
    int n = snprintf(digits, sizeof digits, "%.0f", v);
    int sig = n;
    while (sig > 1 && digits[sig - 1] == '0') sig--;
    if (v < 1e6 || n - sig < 3) return tqe_buf_puts(b, digits);
    rc = tqe_buf_printf(b, "%c", digits[0]);
    if (!rc && sig > 1) rc = tqe_buf_printf(b, ".%.*s", sig - 1, digits + 1);
    return rc ? rc : tqe_buf_printf(b, "e%d", n - 1);
}

static int put_time(tqe_buf *b, double v)
{
    int h = (int)floor(v + 1e-9);
    int m = (int)lround((v - h) * 100);
    return tqe_buf_printf(b, "%d:%02d", h, m);
}

int tqe_number_describe(tqe_buf *b, const tqe_number *n)
{
    double v = n->value;
    int rc = TQE_OK;
    switch (n->kind) {
    case TQE_NUMK_PERCENT:
        rc = put_value(b, v);
        return rc ? rc : tqe_buf_puts(b, "%");
    case TQE_NUMK_CURRENCY:
        rc = put_value(b, v);
        return rc || !n->unit[0] ? rc : tqe_buf_printf(b, " %s", n->unit);
    case TQE_NUMK_DATE: {
        int m = (int)(v / 100), d = (int)fmod(v, 100);
        return m ? tqe_buf_printf(b, "%02d-%02d", m, d) : tqe_buf_printf(b, "day %d", d);
    }
    case TQE_NUMK_TIME:
        rc = put_time(b, v);
        if (rc || !(n->flags & TQE_NUMF_H12)) return rc;
        rc = tqe_buf_puts(b, " or ");
        return rc ? rc : put_time(b, v >= 12 ? v - 12 : v + 12);
    case TQE_NUMK_YEAR:
        rc = put_value(b, v);
        return rc || !(n->flags & TQE_NUMF_DECADE) ? rc : tqe_buf_puts(b, "s");
    case TQE_NUMK_QUARTER:
        return tqe_buf_printf(b, "Q%d", (int)v);
    case TQE_NUMK_MULTIPLICATIVE:
        rc = tqe_buf_puts(b, "x");
        return rc ? rc : put_value(b, v);
    default:
        return put_value(b, v);
    }
}

/* ---- equivalence ---- */

static bool near(double a, double b)
{
    return fabs(a - b) <= 1e-9 * fmax(fabs(a), fabs(b)) + 1e-9;
}

/* A year is a four-digit number read as one: it matches what a cardinal
 * matches ("£1000" and "1000 liber"); a decade does not. */
static tqe_num_kind match_kind(const tqe_number *m)
{
    if (m->kind == TQE_NUMK_YEAR && !(m->flags & TQE_NUMF_DECADE)) return TQE_NUMK_CARDINAL;
    return m->kind;
}

static bool kinds_ok(tqe_num_kind a, tqe_num_kind b)
{
#define PAIR(p, q) ((a == (p) && b == (q)) || (a == (q) && b == (p)))
    if (a == b || a == TQE_NUMK_CARDINAL || b == TQE_NUMK_CARDINAL) return true;
    return PAIR(TQE_NUMK_ORDINAL, TQE_NUMK_YEAR) || PAIR(TQE_NUMK_ORDINAL, TQE_NUMK_DATE) ||
           PAIR(TQE_NUMK_ORDINAL, TQE_NUMK_QUARTER) ||
           PAIR(TQE_NUMK_ORDINAL, TQE_NUMK_MULTIPLICATIVE);
#undef PAIR
}

/* A currency written on both sides must agree; "$5" and "5" do. A length
 * in miles and one in kilometres with the same value do not (a figure
 * left unconverted); miles and "Meilen pro Stunde" are not compared. */
static bool units_ok(const tqe_number *s, const tqe_number *t)
{
    if (s->kind == TQE_NUMK_CURRENCY && t->kind == TQE_NUMK_CURRENCY)
        return !s->unit[0] || !t->unit[0] || strcmp(s->unit, t->unit) == 0;
    if (s->kind != TQE_NUMK_CARDINAL || t->kind != TQE_NUMK_CARDINAL) return true;
    const measure *a = measure_find(s->unit), *b = measure_find(t->unit);
    return !a || !b || a->dim != b->dim || a->metric == b->metric;
}

/* A measure converted between imperial and metric units ("85 miles" and
 * "137 km"). Conversions are not checked exactly, translators round them:
 * within 20% they pair up, and so "5 miles" as "80 km" is still found. */
static bool converted(const tqe_number *s, const tqe_number *t)
{
    const measure *a = measure_find(s->unit), *b = measure_find(t->unit);
    if (!a || !b || a->dim != b->dim || a->metric == b->metric) return false;
    double x = s->value * a->factor + a->offset, y = t->value * b->factor + b->offset;
    return fabs(x - y) <= 0.2 * fmax(fabs(x), fabs(y));
}

/* A plain number d.mm that reads as a date, day and month ("dispatch 18.12",
 * German and Chinese translations write 18.12. and 12月18日): a's value as
 * such a date equals b's. The value alone cannot tell "18.1" from "18.10";
 * both read as 18 October, which another date must then equal exactly. */
static bool day_month(const tqe_number *a, double av, const tqe_number *b, double bv)
{
    if (a->kind != TQE_NUMK_CARDINAL || b->kind != TQE_NUMK_DATE || a->unit[0] ||
        (a->flags & (TQE_NUMF_SPELLED | TQE_NUMF_SCALED | TQE_NUMF_SIGNED | TQE_NUMF_RANGE)) ||
        av < 1 || av >= 32)
        return false;
    double day = floor(av), month = (av - day) * 100;
    if (fabs(month - round(month)) > 1e-6 || round(month) < 1 || round(month) > 12) return false;
    return near(round(month) * 100 + day, bv);
}

/* Whether two values are the same mention's: equal; equal but for a sign
 * only one side writes ("-5%" vs "a 5% drop"); a decade and its short form
 * ("1990s", "90er"); a 12-hour time on either half of the day; a day.month
 * number and a date. */
static bool values_match(const tqe_number *s, double sv, const tqe_number *t, double tv)
{
    if ((s->flags ^ t->flags) & TQE_NUMF_SIGNED) {
        sv = fabs(sv);
        tv = fabs(tv);
    }
    if (near(sv, tv) || day_month(s, sv, t, tv) || day_month(t, tv, s, sv)) return true;
    if ((s->flags | t->flags) & TQE_NUMF_DECADE) {
        if (sv < 0 || tv < 0) return false;
        if (near(fmod(sv, 100), tv) || near(sv, fmod(tv, 100))) return true;
        /* "the 1800s" is the 19th century */
        const tqe_number *d = (s->flags & TQE_NUMF_DECADE) ? s : t, *o = d == s ? t : s;
        double dv = d == s ? sv : tv, ov = d == s ? tv : sv;
        return fmod(dv, 100) == 0 && dv >= 1000 && !(o->flags & TQE_NUMF_DECADE) &&
               near(ov, dv / 100 + 1);
    }
    if (s->kind == TQE_NUMK_TIME && t->kind == TQE_NUMK_TIME &&
        ((s->flags | t->flags) & TQE_NUMF_H12))
        return near(fmod(sv, 12), fmod(tv, 12));
    return false;
}

enum { NO_MATCH = 0, MATCH = 1, MATCH_ALT = 2, PAIR_ALTERED = 3 };

/* Only the translation's other reading counts: a source text is taken to
 * follow its own locale, a translation may have copied the source's format. */
static int same_mention(const tqe_number *s, const tqe_number *t)
{
    if ((s->kind != t->kind && !kinds_ok(match_kind(s), match_kind(t))) || !units_ok(s, t))
        return NO_MATCH;
    if (values_match(s, s->value, t, t->value)) return MATCH;
    if ((t->flags & TQE_NUMF_AMBIGUOUS) && values_match(s, s->value, t, t->alt_value))
        return MATCH_ALT;
    return NO_MATCH;
}

/* ---- matching ---- */

enum { FREE = 0, MATCHED, ALTERED, SKIPPED };

typedef struct side {
    const char *text;
    size_t len;
    const tqe_number *m;
    size_t n;
    unsigned char *state;
    size_t *peer;
} side;

static double relpos(const side *sd, size_t i)
{
    return sd->len ? (double)(sd->m[i].start + sd->m[i].end) / 2.0 / (double)sd->len : 0;
}

static bool weak(const tqe_number *m)
{
    return (m->flags & TQE_NUMF_WEAK) != 0;
}

/* Matching passes, strictest first, so that a value finds its own kind
 * before a look-alike and strong mentions before weak ones. */
typedef enum pass_mode { P_MATCH, P_CONVERTED, P_ALTER } pass_mode;

typedef struct pass {
    bool s_weak, t_weak, same_kind, alt;
    pass_mode mode;
} pass;

static const pass passes[] = {
    {false, false, true, false, P_MATCH}, {false, false, false, false, P_MATCH},
    {false, false, false, true, P_MATCH}, {false, false, false, false, P_CONVERTED},
    {false, true, false, true, P_MATCH},  {true, true, false, true, P_MATCH},
    {false, false, true, false, P_ALTER}, {false, false, false, false, P_ALTER},
    {true, false, false, false, P_ALTER},
};

/* A figure written in digits that is neither a percentage nor an amount. */
static bool digits_only(const tqe_number *m)
{
    return !(m->flags & (TQE_NUMF_SPELLED | TQE_NUMF_ROMAN)) && m->kind != TQE_NUMK_PERCENT &&
           m->kind != TQE_NUMK_CURRENCY;
}

/* What a number word inside a longer word may stand for: a plain count
 * ("18-year-old" and "восемнадцатилетний"), no amount or date. */
static bool plain(const tqe_number *m)
{
    return (m->kind == TQE_NUMK_CARDINAL || m->kind == TQE_NUMK_ORDINAL ||
            m->kind == TQE_NUMK_MULTIPLICATIVE || (m->flags & TQE_NUMF_DECADE)) &&
           !(m->flags & TQE_NUMF_SCALED);
}

static bool pair_ok(const pass *p, const tqe_number *s, const tqe_number *t, int *how)
{
    if (weak(t) && !p->t_weak) return false;
    if (((t->flags & TQE_NUMF_PART) && !plain(s)) || ((s->flags & TQE_NUMF_PART) && !plain(t)))
        return false;
    if (p->same_kind && s->kind != t->kind) return false;
    if (p->mode == P_CONVERTED) {
        *how = MATCH;
        return converted(s, t);
    }
    if (p->mode == P_ALTER) {
        /* The same slot with another value or currency: same kind and,
         * for a decade, both decades. Then, for figures in digits, kinds a
         * match could pair: a mistyped value can change how a number reads
         * ("November 26" as "66.", the year 2010 as "2110", "34 times" as
         * "84 次"). Words, Roman numerals, percentages and amounts name
         * other quantities than a count or a date: no such stand-ins. The
         * figure of an idiom or name ("24 hours a day", "No 10") may go,
         * but one in its place that differs is still altered. */
        *how = PAIR_ALTERED;
        if (!p->same_kind && !((p->s_weak || digits_only(s)) && digits_only(t) &&
                               kinds_ok(match_kind(s), match_kind(t))))
            return false;
        return !weak(t) && ((s->flags ^ t->flags) & TQE_NUMF_DECADE) == 0;
    }
    int r = same_mention(s, t);
    if (r == NO_MATCH || (r == MATCH_ALT && !p->alt)) return false;
    *how = r;
    return true;
}

/* Whether mention i is written with digits ("No 10", not "both"). */
static bool has_digits(const side *sd, size_t i)
{
    for (size_t k = sd->m[i].start; k < sd->m[i].end;) {
        UChar32 c = (UChar32)tqe_u8_next(sd->text, &k);
        if (u_isdigit(c)) return true;
    }
    return false;
}

static void run_pass(side *src, side *tgt, const pass *p, tqe_numbers_stats *st)
{
    for (size_t i = 0; i < src->n; i++) {
        const tqe_number *s = &src->m[i];
        if (src->state[i] != FREE || weak(s) != p->s_weak) continue;
        /* a weak mention is altered only when its figure was in digits */
        if (p->mode == P_ALTER && p->s_weak && !has_digits(src, i)) continue;
        size_t best = SIZE_MAX;
        double bestd = INFINITY;
        int besthow = 0;
        for (size_t j = 0; j < tgt->n; j++) {
            int how;
            if (tgt->state[j] != FREE || !pair_ok(p, s, &tgt->m[j], &how)) continue;
            double d = fabs(relpos(src, i) - relpos(tgt, j));
            if (d < bestd) {
                bestd = d;
                best = j;
                besthow = how;
            }
        }
        if (best == SIZE_MAX) continue;
        src->state[i] = tgt->state[best] = besthow == PAIR_ALTERED ? ALTERED : MATCHED;
        src->peer[i] = best;
        if (!weak(s) && besthow != PAIR_ALTERED) {
            st->ok++;
            if (besthow == MATCH_ALT) st->ambiguous++;
        }
    }
}

/* Whether c continues a word: a letter or digit of a script that separates
 * words with spaces ("FoxとSeven" keeps "Seven"). */
static bool word_char(UChar32 c)
{
    UErrorCode st = U_ZERO_ERROR;
    UScriptCode sc = uscript_getScript(c, &st);
    return u_isalnum(c) && sc != USCRIPT_HAN && sc != USCRIPT_HIRAGANA && sc != USCRIPT_KATAKANA &&
           sc != USCRIPT_HANGUL;
}

/* Whether the character ending before byte k (or starting at it) does. */
static bool alnum_before(const char *t, size_t k)
{
    size_t i = k;
    do i--;
    while (i > 0 && ((unsigned char)t[i] & 0xC0) == 0x80);
    return word_char((UChar32)tqe_u8_next(t, &i));
}

static bool alnum_at(const char *t, size_t k)
{
    return word_char((UChar32)tqe_u8_next(t, &k));
}

/* A number word the translation keeps as is: a name or title left in the
 * source language ("Fox and Seven", "Part II", "Theory of five"). */
static void keep_verbatim(side *src, const side *tgt, tqe_numbers_stats *st)
{
    for (size_t i = 0; i < src->n; i++) {
        const tqe_number *s = &src->m[i];
        if (src->state[i] != FREE || weak(s) || !(s->flags & (TQE_NUMF_SPELLED | TQE_NUMF_ROMAN)))
            continue;
        const char *w = src->text + s->start;
        size_t wl = s->end - s->start;
        for (size_t k = 0; k + wl <= tgt->len; k++) {
            if (memcmp(tgt->text + k, w, wl) != 0) continue;
            if ((k > 0 && alnum_before(tgt->text, k)) ||
                (k + wl < tgt->len && alnum_at(tgt->text, k + wl)))
                continue;
            src->state[i] = MATCHED;
            st->ok++;
            break;
        }
    }
}

/* A byte of a word: ASCII letters and digits and every byte of a non-ASCII
 * character (texts are valid UTF-8, and names are letters). */

/* The start of the character that ends before byte k. */
static size_t char_before(const char *t, size_t k)
{
    do k--;
    while (k > 0 && ((unsigned char)t[k] & 0xC0) == 0x80);
    return k;
}

static bool same_letter(unsigned char a, unsigned char b)
{
    return a == b || (a < 0x80 && b < 0x80 && (a | 0x20) == (b | 0x20) && ((a | 0x20) >= 'a'));
}

/* Whether `name` starts a word of hay and no letter follows it ("G" in
 * "(G7)", not in "Group"), ASCII case aside. */
static bool has_name(const char *hay, size_t hl, const char *name, size_t nl)
{
    for (size_t k = 0; k + nl <= hl; k++) {
        if (k > 0 && alnum_before(hay, k)) continue;
        size_t i = 0;
        while (i < nl && same_letter((unsigned char)hay[k + i], (unsigned char)name[i])) i++;
        if (i < nl) continue;
        size_t j = k + nl;
        if (j == hl || !(alnum_at(hay, j) && !u_isdigit((UChar32)tqe_u8_next(hay, &j))))
            return true;
    }
    return false;
}

/* The letters and digits a code's digits are glued to: "GPT" of "GPT-4",
 * "5x" of "5x8"; *letters counts their characters. */
static bool code_name(const side *sd, const tqe_number *m, size_t *b, size_t *e, size_t *letters)
{
    *e = m->start;
    if (*e > 0 && (sd->text[*e - 1] == '-' || sd->text[*e - 1] == '_')) (*e)--;
    *b = *e;
    *letters = 0;
    while (*b > 0 && alnum_before(sd->text, *b)) {
        *b = char_before(sd->text, *b);
        (*letters)++;
    }
    return *e > *b;
}

/* Whether the other text writes the name of code m: if not, the name was
 * translated or dropped ("COVID-19" as "新冠", "Covid"), which is the
 * entity check's business, and the code's digits are not checked. */
static bool code_kept(const side *sd, const tqe_number *m, const side *other)
{
    size_t b, e, letters;
    /* A one-letter name ("G7", "A4") says nothing alone: always checked. */
    return !code_name(sd, m, &b, &e, &letters) || letters < 2 ||
           has_name(other->text, other->len, sd->text + b, e - b);
}

/* The digits of a code go with its name: when the translation does not
 * write the name ("COVID-19" as "新冠", "Covid"), the name is the entity
 * check's business and its digits are not checked here. */
static void skip_lost_codes(side *src, const side *tgt, tqe_numbers_stats *st)
{
    for (size_t i = 0; i < src->n; i++) {
        const tqe_number *s = &src->m[i];
        if (src->state[i] != FREE || weak(s) || !(s->flags & TQE_NUMF_CODE)) continue;
        if (code_kept(src, s, tgt)) continue;
        src->state[i] = SKIPPED;
        st->src--;
    }
}

/* ---- findings ---- */

static int put_mention(tqe_buf *b, const side *sd, const tqe_number *m)
{
    const char *q = sd->text + m->start;
    int qn = (int)(m->end - m->start);
    size_t mark = b->len;
    int rc = tqe_buf_printf(b, "%s %.*s (", kind_noun(m), qn, q);
    size_t vstart = b->len;
    if (!rc) rc = tqe_number_describe(b, m);
    if (!rc && (m->flags & TQE_NUMF_AMBIGUOUS)) {
        tqe_number alt = *m;
        alt.value = m->alt_value;
        alt.flags &= ~TQE_NUMF_H12;
        rc = tqe_buf_puts(b, ", or ");
        if (!rc) rc = tqe_number_describe(b, &alt);
    }
    if (rc) return rc;
    /* "year 2019 (2019)" says nothing twice. */
    if (b->len - vstart == (size_t)qn && memcmp(b->data + vstart, q, (size_t)qn) == 0) {
        b->len = vstart - 2;
        b->data[b->len] = '\0';
        return TQE_OK;
    }
    (void)mark;
    return tqe_buf_puts(b, ")");
}

static int report(tqe_issue_list *out, tqe_issue_type type, const side *src, size_t i,
                  const side *tgt, size_t j, tqe_buf *b)
{
    tqe_buf_clear(b);
    const tqe_number *s = i != SIZE_MAX ? &src->m[i] : NULL;
    const tqe_number *t = j != SIZE_MAX ? &tgt->m[j] : NULL;
    int rc = TQE_OK;
    if (s) rc = tqe_buf_puts(b, "source ");
    if (!rc && s) rc = put_mention(b, src, s);
    if (!rc && type == TQE_ISSUE_NUMBER_MISSING)
        rc = tqe_buf_puts(b, " not found in the translation");
    if (!rc && type == TQE_ISSUE_NUMBER_ALTERED) rc = tqe_buf_puts(b, " appears as ");
    if (!rc && type == TQE_ISSUE_NUMBER_EXTRA) rc = tqe_buf_puts(b, "translation ");
    if (!rc && t) {
        size_t mark = b->len;
        rc = put_mention(b, tgt, t);
        /* "appears as 2018", not "appears as year 2018". */
        const char *noun = kind_noun(t);
        size_t skip = strlen(noun) + 1;
        if (!rc && type == TQE_ISSUE_NUMBER_ALTERED) {
            memmove(b->data + mark, b->data + mark + skip, b->len - mark - skip + 1);
            b->len -= skip;
        }
    }
    if (!rc && type == TQE_ISSUE_NUMBER_ALTERED) rc = tqe_buf_puts(b, " in the translation");
    if (!rc && type == TQE_ISSUE_NUMBER_EXTRA)
        rc = tqe_buf_puts(b, " has no counterpart in the source");
    if (rc) return rc;
    char *sq = s ? tqe_strndup(src->text + s->start, s->end - s->start) : NULL;
    char *tq = t ? tqe_strndup(tgt->text + t->start, t->end - t->start) : NULL;
    if ((s && !sq) || (t && !tq)) rc = TQE_ENOMEM;
    if (!rc)
        rc = tqe_issue_list_add(out, type, s ? s->start : TQE_NO_SPAN, s ? s->end : TQE_NO_SPAN,
                                t ? t->start : TQE_NO_SPAN, t ? t->end : TQE_NO_SPAN, sq, tq,
                                b->data);
    free(sq);
    free(tq);
    return rc;
}

/* A lone number word of a translation ("achten", "neuf") is more often
 * another word or an idiom than an added number: it is reported only as
 * the altered form of a source number, never as an extra. */
static bool bare_word(const tqe_number *m)
{
    return (m->flags & TQE_NUMF_SPELLED) && !(m->flags & TQE_NUMF_SCALED) &&
           (m->kind == TQE_NUMK_CARDINAL || m->kind == TQE_NUMK_ORDINAL ||
            m->kind == TQE_NUMK_MULTIPLICATIVE);
}

/* Translations, above all into languages without articles, make "a" and
 * "an" explicit as 1 ("1つのダッシュボード", "1回"): a plain 1 of a
 * translation is not reported as an extra number. */
static bool explicit_one(const tqe_number *m)
{
    return m->kind == TQE_NUMK_CARDINAL && m->value == 1 &&
           !(m->flags & (TQE_NUMF_SCALED | TQE_NUMF_CODE | TQE_NUMF_SIGNED));
}

/* A metric figure the translation adds next to a converted one ("58
 * inches" as "58 palců (145 cm)"): out of scope like every conversion. */
static bool added_conversion(const side *tgt, size_t j)
{
    const measure *a = measure_find(tgt->m[j].unit), *b;
    if (!a) return false;
    for (size_t k = 0; k < tgt->n; k++)
        if (k != j && tgt->state[k] == MATCHED && (b = measure_find(tgt->m[k].unit)) &&
            a->dim == b->dim && a->metric != b->metric)
            return true;
    return false;
}

/* A translation repeats a number the source gives once ("3 件及 3 件以上"
 * for "3 or more", "sedmi zemí (G7)" for "Group of Seven"): a value the
 * source has and that was matched is no added number. */
static bool repeated(const side *src, const tqe_number *t)
{
    for (size_t i = 0; i < src->n; i++)
        if (src->state[i] == MATCHED && src->m[i].value == t->value) return true;
    return false;
}

static int report_all(tqe_issue_list *out, const side *src, const side *tgt, tqe_numbers_stats *st)
{
    tqe_buf b = TQE_BUF_INIT;
    int rc = TQE_OK;
    for (size_t i = 0; !rc && i < src->n; i++) {
        if ((weak(&src->m[i]) && src->state[i] != ALTERED) || src->state[i] == MATCHED ||
            src->state[i] == SKIPPED)
            continue;
        bool alt = src->state[i] == ALTERED;
        rc = report(out, alt ? TQE_ISSUE_NUMBER_ALTERED : TQE_ISSUE_NUMBER_MISSING, src, i, tgt,
                    alt ? src->peer[i] : SIZE_MAX, &b);
        if (alt)
            st->altered++;
        else
            st->missing++;
    }
    for (size_t j = 0; !rc && j < tgt->n; j++) {
        const tqe_number *m = &tgt->m[j];
        if (weak(m) || tgt->state[j] != FREE || bare_word(m) || explicit_one(m) ||
            added_conversion(tgt, j) || repeated(src, m) ||
            ((m->flags & TQE_NUMF_CODE) && !code_kept(tgt, m, src)))
            continue;
        rc = report(out, TQE_ISSUE_NUMBER_EXTRA, src, SIZE_MAX, tgt, j, &b);
        st->extra++;
    }
    tqe_buf_free(&b);
    return rc;
}

int tqe_numbers_compare(tqe_issue_list *out, tqe_ctx *ctx, const char *src, size_t src_len,
                        const tqe_number *s, size_t ns, const char *tgt, size_t tgt_len,
                        const tqe_number *t, size_t nt, tqe_numbers_stats *counts)
{
    /* Lines rarely have more than a few numbers: small state on the stack. */
    unsigned char st_small[2 * 64];
    size_t peer_small[64];
    unsigned char *state = st_small;
    size_t *peer = peer_small;
    if (ns > 64 || nt > 64) {
        state = calloc(ns + nt + 1, 1);
        peer = calloc(ns + 1, sizeof(*peer));
        if (!state || !peer) {
            free(state);
            free(peer);
            return tqe_oom(ctx);
        }
    }
    memset(state, 0, ns + nt);
    side a = {src, src_len, s, ns, state, peer}, b = {tgt, tgt_len, t, nt, state + ns, NULL};
    tqe_numbers_stats st = {0};
    for (size_t i = 0; i < ns; i++) st.src += !weak(&s[i]);
    for (size_t j = 0; j < nt; j++) st.tgt += !weak(&t[j]);
    for (size_t p = 0; p < TQE_ARRAY_LEN(passes); p++) {
        if (passes[p].mode == P_CONVERTED) {
            keep_verbatim(&a, &b, &st);
            skip_lost_codes(&a, &b, &st);
        }
        run_pass(&a, &b, &passes[p], &st);
    }
    int rc = report_all(out, &a, &b, &st);
    if (state != st_small) {
        free(state);
        free(peer);
    }
    if (rc) return tqe_oom(ctx);
    if (counts) {
        counts->src += st.src;
        counts->tgt += st.tgt;
        counts->ok += st.ok;
        counts->ambiguous += st.ambiguous;
        counts->missing += st.missing;
        counts->altered += st.altered;
        counts->extra += st.extra;
    }
    return TQE_OK;
}
