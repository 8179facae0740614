/* numbers_datetime.c - dates ("March 21", "21. März", "3/21", "3月21日"),
 * times ("1:54 p.m.", "13.54 Uhr", "下午5:30", "10点50分") and quarters ("Q3",
 * "tercer trimestre", "kuartal ketiga"). Month, am/pm and quarter names come
 * from ICU, the rest from the data files. */
#include <math.h>

#include "numbers_grammar.h"

/* A plain integer atom (no separators) of at most maxdig digits. */
static bool plain_int(const tqe_numbers *x, size_t i, int maxdig)
{
    if (i >= NATOMS(x)) return false;
    const atom *a = AT(x, i);
    return a->kind == ATOM_NUM && !(a->nflags & (ANUM_GROUPED | ANUM_DECIMAL)) && a->nint <= maxdig;
}

static void emit_date(tqe_numbers *x, size_t first, size_t next, int month, int day, int alt_m,
                      int alt_d)
{
    draft d = {.first = first, .next = next, .kind = TQE_NUMK_DATE, .scale = 1};
    d.value = d.raw = month * 100 + day;
    d.alt = alt_m ? alt_m * 100 + alt_d : d.value;
    if (alt_m) d.flags |= TQE_NUMF_AMBIGUOUS;
    emit(x, &d);
}

/* A year of a numeric date; two digits are 2000-2049 or 1950-1999, as
 * dates written "10/12/21" mean. */
static void emit_year(tqe_numbers *x, size_t i)
{
    draft d = {.first = i, .next = i + 1, .kind = TQE_NUMK_YEAR, .scale = 1};
    double y = AT(x, i)->value;
    if (AT(x, i)->nint == 2) y += y < 50 ? 2000 : 1900;
    d.value = d.alt = d.raw = y;
    emit(x, &d);
}

/* ---- times ---- */

/* Hour and minutes written "13:54", "1:54:07", or with the locale's time
 * separator; returns the atom after them or 0. */
static size_t colon_time(const tqe_numbers *x, const qty *q, int *m)
{
    size_t j = q->next;
    if (!q->integer || q->value > 24 || !glued(x, j)) return 0;
    if (!is_sym(x, j, ':') && !is_sym(x, j, x->loc.time_sep)) return 0;
    if (!plain_int(x, j + 1, 2) || AT(x, j + 1)->nint != 2 || !glued(x, j + 1)) return 0;
    if (AT(x, j + 1)->value >= 60) return 0;
    *m = (int)AT(x, j + 1)->value;
    j += 2;
    if (glued(x, j) && is_sym(x, j, ':') && plain_int(x, j + 1, 2) && glued(x, j + 1)) j += 2;
    return j;
}

/* After an hour word: "50分", "半", or "30" glued as in "21h30" (or spaced
 * after the one-letter hour sign: French writes "13 h 54"). */
static size_t minutes_after_hour(const tqe_numbers *x, size_t j, int *m, bool spaced)
{
    size_t n;
    const lex_entry *e;
    if (plain_int(x, j, 2) && AT(x, j)->value < 60) {
        if ((e = phrase_at(x, j + 1, BIT(LEX_MINUTE), &n)) && e->value == 0) {
            *m = (int)AT(x, j)->value;
            return j + 1 + n;
        }
        if ((glued(x, j) || spaced) && AT(x, j)->nint == 2) {
            *m = (int)AT(x, j)->value;
            return j + 1;
        }
    } else if ((e = phrase_at(x, j, BIT(LEX_MINUTE), &n)) && e->value > 0) {
        *m = (int)e->value;
        return j + n;
    }
    return j;
}

/* An o'clock word after the hour, unless it starts a longer word: "24時"
 * is a time, "24時間" (24 hours) a duration. */
static bool hour_word_at(const tqe_numbers *x, size_t j, size_t *n)
{
    size_t n2;
    const lex_entry *e = phrase_at(x, j, BIT(LEX_HOUR), n);
    if (!e || (e->opts & LEXO_PREFIX)) return false;
    return !(phrase_at(x, j, BIT(LEX_COUNTER), &n2) && n2 > *n);
}

size_t try_time(tqe_numbers *x, const qty *q, const prefix *p, draft *d)
{
    size_t j, n;
    int h = -1, m = 0;
    /* A part-of-day word ("дня", "abends") marks a time only after a clock
     * form: "4 дня" is four days, "в 4 часа дня" 16:00. */
    const lex_entry *am = phrase_at(x, q->next, BIT(LEX_AMPM), &n);
    bool clock = p->hour || hour_word_at(x, q->next, &n);
    bool cue = clock || p->ampm >= 0 || (am && !(am->opts & LEXO_CLOCK));
    if (q->scaled) return 0;
    if ((j = colon_time(x, q, &m))) {
        h = (int)q->value;
        clock = true;
    } else if ((q->anum & ANUM_DECIMAL) && !(q->anum & ANUM_GROUPED) &&
               AT(x, q->first)->nfrac == 2 && q->value < 25 && cue) {
        /* "5.30pm", "13.54 Uhr": a decimal only when a clock word says so;
         * a bare "12.39" equals the time 12:39 by value anyway. */
        h = (int)floor(q->value);
        m = (int)lround((q->value - h) * 100);
        j = q->next;
    } else if (q->integer && q->value <= 24 && cue) {
        h = (int)q->value;
        j = q->next;
    } else if (q->spelled && q->value == floor(q->value) && q->value >= 2 && q->value <= 24 &&
               hour_word_at(x, q->next, &n)) {
        /* a spelled hour only with an o'clock word: "девяти часам" */
        h = (int)q->value;
        j = q->next;
    }
    if (h < 0 || m > 59) return 0;
    if (hour_word_at(x, j, &n)) {
        bool spaced = n == 1 && AT(x, j)->flen == 1;
        j = minutes_after_hour(x, j + n, &m, spaced);
    }
    int ampm = p->ampm;
    const lex_entry *e = phrase_at(x, j, BIT(LEX_AMPM), &n);
    if (e && (clock || !(e->opts & LEXO_CLOCK))) {
        ampm = (int)e->value;
        j += n;
    }
    if (ampm >= 0) {
        if (h > 12) return 0;
        h = h % 12 + ampm;
    } else if (h >= 1 && h <= 12) {
        d->flags |= TQE_NUMF_H12;
    }
    d->kind = TQE_NUMK_TIME;
    d->value = d->alt = d->raw = h + m / 100.0;
    d->next = j;
    emit(x, d);
    return j - d->first;
}

/* ---- numeric dates ---- */

static bool valid_md(int m, int d)
{
    return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/* Day and month of two numbers in the locale's order, and the other order
 * when it is a valid date too (then the date is ambiguous). */
static bool order_md(const tqe_numbers *x, int a, int b, int *m, int *d, int *am, int *ad)
{
    *m = x->loc.day_first ? b : a;
    *d = x->loc.day_first ? a : b;
    *am = *ad = 0;
    if (!valid_md(*m, *d)) return false;
    if (valid_md(*d, *m) && *d != *m) {
        *am = *d;
        *ad = *m;
    }
    return true;
}

/* "2024-03-21": a year first. */
static size_t iso_date(tqe_numbers *x, const qty *q, draft *d)
{
    size_t j = q->next;
    if (!(q->integer && q->ndig == 4 && is_sym(x, j, '-') && glued(x, j) &&
          plain_int(x, j + 1, 2) && AT(x, j + 1)->nint == 2 && glued(x, j + 1) &&
          is_sym(x, j + 2, '-') && glued(x, j + 2) && plain_int(x, j + 3, 2) &&
          AT(x, j + 3)->nint == 2 && glued(x, j + 3)))
        return 0;
    int m = (int)AT(x, j + 1)->value, dd = (int)AT(x, j + 3)->value;
    if (!valid_md(m, dd)) return 0;
    emit_year(x, q->first);
    emit_date(x, j + 1, j + 4, m, dd, 0, 0);
    return j + 4 - d->first;
}

/* "3/21/2024", "21.03.2024", "21-03-2024": two numbers and a year. */
static size_t three_part_date(tqe_numbers *x, const qty *q, draft *d)
{
    size_t j = q->next;
    if (!q->integer || q->ndig > 2 || !glued(x, j) || j >= NATOMS(x)) return 0;
    uint32_t sep = AT(x, j)->cp;
    if (AT(x, j)->kind != ATOM_SYM || (sep != '/' && sep != '.' && sep != '-')) return 0;
    if (!(plain_int(x, j + 1, 2) && glued(x, j + 1) && is_sym(x, j + 2, sep) && glued(x, j + 2) &&
          plain_int(x, j + 3, 4) && (AT(x, j + 3)->nint == 4 || AT(x, j + 3)->nint == 2) &&
          glued(x, j + 3) &&
          !(glued(x, j + 4) &&
            (AT(x, j + 4)->kind == ATOM_NUM ||
             (is_sym(x, j + 4, sep) && j + 5 < NATOMS(x) && AT(x, j + 5)->kind == ATOM_NUM)))))
        return 0;
    int m, dd, am, ad;
    if (!order_md(x, (int)q->value, (int)AT(x, j + 1)->value, &m, &dd, &am, &ad)) return 0;
    emit_date(x, d->first, j + 2, m, dd, am, ad);
    emit_year(x, j + 3);
    return j + 4 - d->first;
}

/* "3/21" where the locale writes dates with '/', "21.3." where it writes
 * them with dots (a trailing dot, and no sentence ending after it). */
static size_t two_part_date(tqe_numbers *x, const qty *q, draft *d)
{
    size_t j = q->next;
    int a, b;
    if (q->first > 0 && glued(x, q->first) && AT(x, q->first - 1)->kind == ATOM_SYM &&
        AT(x, q->first - 1)->cp == x->loc.date_sep)
        return 0; /* the middle of a longer sequence */
    if (x->loc.date_sep == '/' && q->integer && q->ndig <= 2 && is_sym(x, j, '/') && glued(x, j) &&
        plain_int(x, j + 1, 2) && glued(x, j + 1) && !(glued(x, j + 2) && is_sym(x, j + 2, '/'))) {
        a = (int)q->value;
        b = (int)AT(x, j + 1)->value;
        j += 2;
    } else if (x->loc.date_sep == '.' && (q->anum & ANUM_DECIMAL) && !(q->anum & ANUM_GROUPED) &&
               q->ndig <= 2 && AT(x, q->first)->nfrac <= 2 && is_sym(x, j, '.') && glued(x, j) &&
               j + 1 < NATOMS(x) && (AT(x, j + 1)->kind != ATOM_WORD || !AT(x, j + 1)->upper)) {
        const atom *n = AT(x, q->first);
        a = (int)floor(n->value);
        b = (int)lround((n->value - a) * pow(10, n->nfrac));
        j += 1;
    } else {
        return 0;
    }
    int m, dd, am, ad;
    if (!order_md(x, a, b, &m, &dd, &am, &ad)) return 0;
    emit_date(x, d->first, j, m, dd, am, ad);
    return j - d->first;
}

size_t try_numeric_date(tqe_numbers *x, const qty *q, draft *d)
{
    size_t k;
    if (q->scaled || d->first != q->first) return 0;
    if ((k = iso_date(x, q, d))) return k;
    if ((k = three_part_date(x, q, d))) return k;
    return two_part_date(x, q, d);
}

/* ---- dates with month names ---- */

/* "21 March", "21st of March", "21. März", "21 de marzo". A day alone
 * ("21日", also "21 days") stays a number. */
size_t try_day_month(tqe_numbers *x, const qty *q, draft *d)
{
    size_t j = q->next, n;
    const lex_entry *e;
    if (!q->integer || q->ndig > 2 || q->value < 1 || q->value > 31 || d->first != q->first)
        return 0;
    if (glued(x, j) && phrase_at(x, j, BIT(LEX_ORD_SUFFIX), &n))
        j += n;
    else if (glued(x, j) && is_sym(x, j, '.'))
        j++;
    if (phrase_at(x, j, BIT(LEX_LINK), &n) && phrase_at(x, j + n, BIT(LEX_MONTH), &n))
        phrase_at(x, j, BIT(LEX_LINK), &n), j += n;
    if (!(e = phrase_at(x, j, BIT(LEX_MONTH), &n))) return 0;
    emit_date(x, d->first, j + n, (int)e->value, (int)q->value, 0, 0);
    return j + n - d->first;
}

/* "March 21", "March 21st", "3月21日"; a month alone is no mention, but a
 * month written with digits ("3月") is consumed so that its digits do not
 * count as a number. */
size_t try_month_day(tqe_numbers *x, size_t i)
{
    size_t n, n2;
    const lex_entry *e = phrase_at(x, i, BIT(LEX_MONTH), &n);
    if (!e) return 0;
    size_t j = i + n;
    if (is_sym(x, j, '.') && glued(x, j)) j++; /* "Jan. 24" */
    if (plain_int(x, j, 2) && AT(x, j)->value >= 1 && AT(x, j)->value <= 31 &&
        !(glued(x, j + 1) && (is_sym(x, j + 1, ':') || AT(x, j + 1)->kind == ATOM_NUM))) {
        size_t k = j + 1;
        /* "21st", "21日" and, as Chinese texts space digits, "21 日" */
        if ((glued(x, k) && phrase_at(x, k, BIT(LEX_ORD_SUFFIX), &n2)) ||
            phrase_at(x, k, BIT(LEX_DAY_SUFFIX), &n2))
            k += n2;
        emit_date(x, i, k, (int)e->value, (int)AT(x, j)->value, 0, 0);
        return k - i;
    }
    return AT(x, i)->kind == ATOM_NUM ? n : 0;
}

/* ---- quarters ---- */

static void emit_quarter(tqe_numbers *x, size_t first, size_t next, double q, unsigned flags)
{
    draft d = {.first = first,
               .next = next,
               .kind = TQE_NUMK_QUARTER,
               .value = q,
               .alt = q,
               .raw = q,
               .scale = 1,
               .flags = flags};
    emit(x, &d);
}

/* An ordinal 1..4 at atom i: "3rd", "3.", "third", "III"; *next after it. */
static bool quarter_ordinal(const tqe_numbers *x, size_t i, size_t *next, bool *spelled)
{
    qty q;
    size_t n;
    if (!parse_quantity(x, i, &q, false) || q.scaled || q.weak || q.value < 1 || q.value > 4 ||
        q.value != floor(q.value))
        return false;
    *next = q.next;
    *spelled = q.spelled;
    if (q.ordinal || q.roman) return true;
    if (!q.integer) return false;
    if (glued(x, q.next) && phrase_at(x, q.next, BIT(LEX_ORD_SUFFIX), &n))
        *next += n;
    else if (glued(x, q.next) && is_sym(x, q.next, '.'))
        *next += 1;
    return true;
}

size_t try_quarter(tqe_numbers *x, size_t i)
{
    size_t n, j;
    bool spelled;
    const lex_entry *e = phrase_at(x, i, BIT(LEX_QUARTER), &n);
    if (e) {
        emit_quarter(x, i, i + n, e->value, 0);
        return n;
    }
    /* "third quarter", "3. Quartal", "tercer trimestre", "третий квартал" */
    if (quarter_ordinal(x, i, &j, &spelled) && phrase_at(x, j, BIT(LEX_QUARTER_NOUN), &n)) {
        qty q;
        parse_quantity(x, i, &q, false);
        emit_quarter(x, i, j + n, q.value, spelled ? TQE_NUMF_SPELLED : 0);
        return j + n - i;
    }
    /* "kuartal ketiga", "suku ke-3" */
    if (phrase_at(x, i, BIT(LEX_QUARTER_NOUN), &n)) {
        j = i + n;
        size_t k = j;
        if (phrase_at(x, j, BIT(LEX_ORD_PREFIX), &n)) k = j + n;
        size_t end;
        qty q;
        if (quarter_ordinal(x, k, &end, &spelled) && parse_quantity(x, k, &q, false) &&
            (q.ordinal || k > j)) {
            emit_quarter(x, i, end, q.value, spelled ? TQE_NUMF_SPELLED : 0);
            return end - i;
        }
    }
    return 0;
}
