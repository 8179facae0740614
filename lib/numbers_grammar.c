/* numbers_grammar.c - from atoms to number mentions: quantities (digits,
 * spelled-out numbers, scale words), what surrounds them (signs, currencies,
 * percent, ordinal and decade suffixes, "times") and ranges. Dates, times
 * and quarters are in numbers_datetime.c. */
#include <math.h>

#include <unicode/uchar.h>

#include "numbers_grammar.h"

/* ---- lexicon access ---- */

static bool case_ok(const tqe_numbers *x, const lex_entry *e, size_t i, size_t n)
{
    if ((e->opts & LEXO_GLUED) && AT(x, i)->gap) return false;
    for (unsigned k = 0; e->glue >> k; k++)
        if (((e->glue >> k) & 1u) && AT(x, i + k + 1)->gap) return false;
    if (e->opts & LEXO_CAP) {
        size_t k = AT(x, i)->start;
        if (!u_isupper((UChar32)tqe_u8_next(x->text, &k))) return false;
    }
    if (!(e->opts & LEXO_CASE)) return true;
    size_t s = AT(x, i)->start, t = AT(x, i + n - 1)->end;
    const char *orig = x->lex.arena + e->orig;
    return strlen(orig) == t - s && memcmp(x->text + s, orig, t - s) == 0;
}

const lex_entry *phrase_at(const tqe_numbers *x, size_t i, uint32_t mask, size_t *n)
{
    if (i >= NATOMS(x)) return NULL;
    for (size_t k = x->pm_first[i + 1]; k-- > x->pm_first[i];) {
        const phrase_match *m = &x->pm[k];
        for (const lex_entry *e = &x->lex.e[m->entry]; e; e = lex_next_same(&x->lex, e))
            if ((mask & BIT(e->type)) && case_ok(x, e, i, m->natoms)) {
                *n = m->natoms;
                return e;
            }
    }
    return NULL;
}

bool is_sym(const tqe_numbers *x, size_t i, uint32_t cp)
{
    return i < NATOMS(x) && AT(x, i)->kind == ATOM_SYM && AT(x, i)->cp == cp;
}

bool glued(const tqe_numbers *x, size_t i)
{
    return i < NATOMS(x) && AT(x, i)->gap == 0;
}

/* Record every phrase that starts at each atom. Keys grow one atom at a time
 * and stop when no stored phrase starts with them. */
int match_phrases(tqe_numbers *x)
{
    size_t na = NATOMS(x);
    x->npm = 0;
    if (tqe_grow((void **)&x->pm_first, &x->pmfcap, na + 1, sizeof(*x->pm_first)))
        return TQE_ENOMEM;
    char key[256];
    for (size_t i = 0; i < na; i++) {
        x->pm_first[i] = (uint32_t)x->npm;
        uint32_t h = LEX_HASH_INIT;
        size_t klen = 0;
        for (size_t n = 1; n <= LEX_MAX_ATOMS && i + n <= na; n++) {
            const atom *a = AT(x, i + n - 1);
            if (klen + a->flen + 2 > sizeof key) break;
            if (n > 1) {
                key[klen++] = ' ';
                h = lex_hash_bytes(h, " ", 1);
            }
            memcpy(key + klen, x->sc.fold + a->fold, a->flen);
            klen += a->flen;
            h = lex_hash_bytes(h, x->sc.fold + a->fold, a->flen);
            const lex_entry *e = lex_find(&x->lex, h, key, klen);
            if (!e) break;
            while (e && e->type == LEX_PREFIX) e = lex_next_same(&x->lex, e);
            if (!e) continue;
            if (tqe_grow((void **)&x->pm, &x->pmcap, x->npm + 1, sizeof(*x->pm))) return TQE_ENOMEM;
            x->pm[x->npm].entry = (uint32_t)(e - x->lex.e);
            x->pm[x->npm].natoms = (uint8_t)n;
            x->npm++;
        }
    }
    x->pm_first[na] = (uint32_t)x->npm;
    return TQE_OK;
}

/* ---- emitting mentions ---- */

void emit(tqe_numbers *x, const draft *d)
{
    if (x->oom) return;
    /* A figure beyond the range of a double (hundreds of digits) is no
     * quantity: its value would be inf, or NaN once its digit groups are
     * combined, which matches nothing, not even itself. */
    if (!isfinite(d->value) || ((d->flags & TQE_NUMF_AMBIGUOUS) && !isfinite(d->alt))) return;
    if (tqe_grow((void **)&x->out, &x->outcap, x->nout + 1, sizeof(*x->out)) ||
        tqe_grow((void **)&x->aux, &x->auxcap, x->nout + 1, sizeof(*x->aux))) {
        x->oom = true;
        return;
    }
    tqe_number *m = &x->out[x->nout];
    memset(m, 0, sizeof(*m));
    m->start = AT(x, d->first)->start;
    m->end = AT(x, d->next - 1)->end;
    m->kind = d->kind;
    m->flags = d->flags;
    m->value = d->value;
    m->alt_value = (d->flags & TQE_NUMF_AMBIGUOUS) ? d->alt : d->value;
    snprintf(m->unit, sizeof m->unit, "%s", d->unit);
    mention_aux *a = &x->aux[x->nout];
    a->first = d->first;
    a->next = d->next;
    a->raw = d->raw;
    a->scale = d->scale;
    x->nout++;
}

/* ---- quantities ---- */

/* Value of a Roman numeral of I, V and X written canonically ("xvii"), or 0.
 * C, D, L and M are left out: as words they are mostly abbreviations. */
static int roman_value(const char *s, size_t n)
{
    static const char *const units[] = {"", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"};
    static const char *const tens[] = {"", "x", "xx", "xxx"};
    if (n < 2 || n > 9) return 0;
    for (int v = 2; v < 40; v++) {
        char buf[16];
        int len = snprintf(buf, sizeof buf, "%s%s", tens[v / 10], units[v % 10]);
        if ((size_t)len == n && memcmp(buf, s, n) == 0) return v;
    }
    return 0;
}

/* Fold scale words and spelled continuations into q: "60 mil millones" =
 * 60 * 1000 * 1e6, "三千五百万" = (3 * 1000 + 500) * 1e4, "two hundred
 * thirty" = 2 * 100 + 30. A scale larger than every one before multiplies
 * all that came before it. */
static void compose(const tqe_numbers *x, qty *q, bool money)
{
    double total = 0, cur = q->value, big = 0, last = 0;
    for (;;) {
        size_t j = q->next, n;
        const lex_entry *e;
        if (j >= NATOMS(x)) break;
        /* "2,5-Milliarden-Programm", "$60-billion plan" */
        if (is_sym(x, j, '-') && glued(x, j) && glued(x, j + 1) &&
            phrase_at(x, j + 1, BIT(LEX_SCALE), &n))
            j++;
        size_t na;
        if (phrase_at(x, j, BIT(LEX_APPROX), &na) && phrase_at(x, j + na, BIT(LEX_SCALE), &n)) {
            j += na;
            q->approx = true;
        }
        if ((e = phrase_at(x, j, BIT(LEX_SCALE), &n)) && (!(e->opts & LEXO_MONEY) || money)) {
            double s = e->value;
            if (s < 1000) {
                cur = (cur ? cur : 1) * s;
            } else if (s > big) {
                total = (total + cur) * s;
                cur = 0;
                big = s;
            } else {
                total += cur * s;
                cur = 0;
            }
            last = s;
            q->scaled = true;
            q->next = j + n;
            continue;
        }
        if (last && q->spelled && (e = phrase_at(x, j, BIT(LEX_NUM), &n)) && e->value < last &&
            (AT(x, j)->cjk || AT(x, j)->gap)) {
            cur += e->value;
            last = 0;
            q->next = j + n;
            continue;
        }
        /* Myriad scales take digits after them: "2億8,600万" = 2e8 + 8600e4. */
        if (last >= 1e4 && AT(x, j)->kind == ATOM_NUM && glued(x, j) && AT(x, j)->value < last &&
            phrase_at(x, j + 1, BIT(LEX_SCALE), &n) && glued(x, j + 1)) {
            cur += AT(x, j)->value;
            last = 0;
            q->next = j + 1;
            continue;
        }
        break;
    }
    double v = total + cur;
    q->scale = q->value != 0 ? v / q->value : 1;
    q->value = v;
    q->alt *= q->scale;
}

/* A quantity starting at atom j: digits, a Roman numeral, spelled-out
 * number words or an article before a scale word, then scale words. */
bool parse_quantity(const tqe_numbers *x, size_t j, qty *q, bool money)
{
    memset(q, 0, sizeof(*q));
    if (j >= NATOMS(x)) return false;
    const atom *a = AT(x, j);
    size_t n;
    const lex_entry *e;
    q->first = j;
    q->scale = 1;
    const lex_entry *w = phrase_at(x, j, BIT(LEX_NUM) | BIT(LEX_ORD) | BIT(LEX_WEAK), &n);
    if (w && n == 1 && a->kind == ATOM_NUM) w = NULL;
    /* An idiom's count before a scale word is an amount's: "those two
     * million people" (the number is then read from its own word on). */
    size_t ns;
    if (w && w->type == LEX_WEAK && phrase_at(x, j + n, BIT(LEX_SCALE), &ns)) w = NULL;
    if (w) {
        /* words, or a phrase with digits ("24/7") */
        q->value = q->alt = w->value;
        q->spelled = true;
        q->ordinal = w->type == LEX_ORD;
        q->weak = w->type == LEX_WEAK;
        q->cjk = a->cjk;
        q->next = j + n;
    } else if (a->kind == ATOM_NUM) {
        q->value = a->value;
        q->alt = a->alt;
        q->anum = a->nflags;
        q->digits = true;
        q->integer = !(a->nflags & (ANUM_GROUPED | ANUM_DECIMAL));
        q->ndig = a->nint;
        q->next = j + 1;
    } else if (a->kind == ATOM_WORD && a->upper && roman_value(FOLD(x, a), a->flen)) {
        q->value = q->alt = roman_value(FOLD(x, a), a->flen);
        q->roman = true;
        q->next = j + 1;
    } else if ((e = phrase_at(x, j, BIT(LEX_SCALE), &n)) && (e->opts & LEXO_ALONE)) {
        q->value = q->alt = 1; /* "milijun pitanja": a million questions */
        q->spelled = q->article = true;
        q->next = j;
    } else if ((e = phrase_at(x, j, BIT(LEX_ARTICLE), &n)) &&
               phrase_at(x, j + n, BIT(LEX_SCALE), &n)) {
        q->value = q->alt = 1;
        q->spelled = q->article = true;
        phrase_at(x, j, BIT(LEX_ARTICLE), &n);
        q->next = j + n;
    } else {
        return false;
    }
    q->raw = q->value;
    /* Digits inside a code take no scale: "CH30MN" is no 30 million. */
    bool code = !money && q->digits && j > 0 && glued(x, j) && AT(x, j - 1)->kind == ATOM_WORD &&
                !AT(x, j - 1)->cjk;
    if (!q->weak && !code) compose(x, q, money);
    if (q->article && !q->scaled) return false;
    return true;
}

/* ---- prefixes: sign, currency, ordinal marker, hour word, am/pm ---- */

static bool sign_at(const tqe_numbers *x, size_t j)
{
    if (!(is_sym(x, j, '-') || is_sym(x, j, 0x2212) || is_sym(x, j, '+'))) return false;
    if (j + 1 >= NATOMS(x) || AT(x, j + 1)->kind != ATOM_NUM || !glued(x, j + 1)) return false;
    if (j == 0 || AT(x, j)->gap) return true;
    const atom *p = AT(x, j - 1);
    return p->kind == ATOM_SYM && (p->cp == '(' || p->cp == '[' || p->cp == '/');
}

/* Whether a quantity (digits or words) starts at atom j. */
static bool quantity_starts(const tqe_numbers *x, size_t j, bool money)
{
    qty q;
    return parse_quantity(x, j, &q, money);
}

size_t parse_prefixes(const tqe_numbers *x, size_t i, prefix *p)
{
    memset(p, 0, sizeof(*p));
    p->ampm = -1;
    size_t j = i, n;
    const lex_entry *e;
    for (int guard = 0; guard < 4 && j < NATOMS(x); guard++) {
        if (!p->sign && sign_at(x, j)) {
            p->sign = AT(x, j)->cp == '+' ? 1 : -1;
            j++;
        } else if (!p->unit[0] && (e = phrase_at(x, j, BIT(LEX_CURRENCY), &n)) &&
                   quantity_starts(x, j + n, true)) {
            snprintf(p->unit, sizeof p->unit, "%s", e->unit);
            p->has_currency = true;
            j += n;
        } else if (!p->percent && (e = phrase_at(x, j, BIT(LEX_PERCENT), &n)) &&
                   ((AT(x, j + n - 1)->kind == ATOM_SYM && glued(x, j + n)) || AT(x, j)->cjk) &&
                   quantity_starts(x, j + n, false)) {
            p->percent = true; /* "%50" (Turkish and others), "百分之五十" */
            j += n;
        } else if (!p->ordinal && (e = phrase_at(x, j, BIT(LEX_ORD_PREFIX), &n)) &&
                   quantity_starts(x, j + n, false)) {
            p->ordinal = true;
            j += n;
        } else if (!p->hour && (e = phrase_at(x, j, BIT(LEX_HOUR), &n)) &&
                   (e->opts & LEXO_PREFIX) && j + n < NATOMS(x) && AT(x, j + n)->kind == ATOM_NUM) {
            p->hour = true;
            j += n;
        } else if (p->ampm < 0 && x->loc.ampm_first && (e = phrase_at(x, j, BIT(LEX_AMPM), &n)) &&
                   j + n < NATOMS(x) && AT(x, j + n)->kind == ATOM_NUM) {
            p->ampm = (int)e->value;
            j += n;
        } else {
            break;
        }
    }
    return j - i;
}

/* ---- suffixes ---- */

/* "1990s", "'90s", "90er", "1990-х", "90年代". */
static bool suffix_decade(const tqe_numbers *x, const qty *q, draft *d)
{
    size_t n;
    if (!q->integer || q->scaled || fmod(q->value, 10) != 0) return false;
    bool full = q->ndig == 4 && q->value >= 1000 && q->value <= 2100;
    if (!full && q->ndig != 2) return false;
    if (!glued(x, d->next) || !phrase_at(x, d->next, BIT(LEX_DECADE), &n)) return false;
    d->next += n;
    if (q->first > 0 && is_sym(x, q->first - 1, '\'') && glued(x, q->first) && d->first == q->first)
        d->first--;
    d->kind = TQE_NUMK_YEAR;
    d->flags |= TQE_NUMF_DECADE;
    return true;
}

static bool suffix_percent(const tqe_numbers *x, draft *d)
{
    size_t n;
    if (!phrase_at(x, d->next, BIT(LEX_PERCENT), &n)) return false;
    d->next += n;
    d->kind = TQE_NUMK_PERCENT;
    snprintf(d->unit, sizeof d->unit, "%%");
    return true;
}

/* "5 dollars", "60 Milliarden Dollar", "60 mil millones de dólares", "600亿美元". */
static bool suffix_currency(const tqe_numbers *x, draft *d)
{
    size_t n, j = d->next;
    const lex_entry *e;
    if (phrase_at(x, j, BIT(LEX_LINK), &n) && phrase_at(x, j + n, BIT(LEX_CURRENCY), &n))
        phrase_at(x, j, BIT(LEX_LINK), &n), j += n;
    if (!(e = phrase_at(x, j, BIT(LEX_CURRENCY), &n))) return false;
    if (d->unit[0] && strcmp(d->unit, e->unit) != 0) return false;
    d->next = j + n;
    d->kind = TQE_NUMK_CURRENCY;
    snprintf(d->unit, sizeof d->unit, "%s", e->unit);
    return true;
}

/* "85 miles", "37mm", "7-Feet", "137 公里": a unit of measure. */
static bool suffix_unit(const tqe_numbers *x, draft *d)
{
    size_t n, j = d->next;
    if (is_sym(x, j, '-') && glued(x, j) && glued(x, j + 1)) j++;
    const lex_entry *e = phrase_at(x, j, BIT(LEX_UNIT), &n);
    if (!e) return false;
    d->next = j + n;
    snprintf(d->unit, sizeof d->unit, "%s", e->unit);
    return true;
}

static bool suffix_times(const tqe_numbers *x, draft *d)
{
    size_t n;
    if (!phrase_at(x, d->next, BIT(LEX_TIMES), &n)) return false;
    d->next += n;
    d->kind = TQE_NUMK_MULTIPLICATIVE;
    return true;
}

static bool suffix_ordinal(const tqe_numbers *x, const qty *q, draft *d)
{
    size_t n;
    if (!q->integer || !glued(x, d->next) || !phrase_at(x, d->next, BIT(LEX_ORD_SUFFIX), &n))
        return false;
    d->next += n;
    d->kind = TQE_NUMK_ORDINAL;
    return true;
}

/* Digits glued to the letters of a name or code: "MP3", "GPT-4", "COVID-19". */
static bool is_code(const tqe_numbers *x, const qty *q)
{
    size_t j = q->first;
    if (!q->digits || j == 0 || !glued(x, j)) return false;
    const atom *p = AT(x, j - 1);
    if (p->kind == ATOM_WORD && !p->cjk) return true;
    return j >= 2 && p->kind == ATOM_SYM && (p->cp == '-' || p->cp == '_') &&
           AT(x, j - 2)->kind == ATOM_WORD && !AT(x, j - 2)->cjk && glued(x, j - 1);
}

/* A CJK numeral written in characters counts only before a counter, a unit
 * or a scale ("三个", "两倍", "五万"): alone, 一, 三, 万 are parts of words. */
static bool cjk_counts(const tqe_numbers *x, const qty *q, const prefix *p, const draft *d)
{
    size_t n;
    if (!q->cjk || q->weak || q->ordinal || p->ordinal) return true;
    if (q->scaled || d->kind != TQE_NUMK_CARDINAL || d->next > q->next) return true;
    /* Korean writes a space before the counter of a native numeral ("두 명"). */
    bool near = glued(x, d->next) || AT(x, q->first)->cjk == 2;
    return d->next < NATOMS(x) && near && phrase_at(x, d->next, BIT(LEX_COUNTER), &n);
}

/* "in '08": a year of two digits after an apostrophe (2000-2049 or
 * 1950-1999, as dates written that way mean). */
static void apostrophe_year(const tqe_numbers *x, const qty *q, draft *d)
{
    size_t f = q->first;
    if (d->kind != TQE_NUMK_CARDINAL || !q->integer || q->ndig != 2 || q->scaled || f == 0 ||
        d->first != f || !is_sym(x, f - 1, '\'') || !glued(x, f) ||
        (f >= 2 && glued(x, f - 1) && AT(x, f - 2)->kind != ATOM_SYM))
        return;
    d->first = f - 1;
    d->kind = TQE_NUMK_YEAR;
    d->value = d->alt = q->value + (q->value < 50 ? 2000 : 1900);
}

static void finish_kind(const tqe_numbers *x, const qty *q, const prefix *p, draft *d)
{
    if (q->ordinal || p->ordinal || q->roman) {
        if (d->kind == TQE_NUMK_CARDINAL) d->kind = TQE_NUMK_ORDINAL;
    }
    if (d->kind == TQE_NUMK_CARDINAL && q->integer && q->ndig == 4 && !q->scaled &&
        q->value >= 1000 && q->value <= 2100)
        d->kind = TQE_NUMK_YEAR;
    if (q->spelled) d->flags |= TQE_NUMF_SPELLED;
    if (q->roman) d->flags |= TQE_NUMF_ROMAN;
    if (q->scaled) d->flags |= TQE_NUMF_SCALED;
    if (q->approx) d->flags |= TQE_NUMF_APPROX;
    if (q->anum & ANUM_AMBIGUOUS) d->flags |= TQE_NUMF_AMBIGUOUS;
    if (q->anum & ANUM_FOREIGN) d->flags |= TQE_NUMF_FOREIGN;
    /* A spelled 1 is mostly an article or pronoun ("one of", "ein", "un"). */
    if (q->weak || (q->spelled && !q->scaled && q->value == 1)) d->flags |= TQE_NUMF_WEAK;
    if (is_code(x, q)) d->flags |= TQE_NUMF_CODE;
    if (p->sign) {
        d->flags |= TQE_NUMF_SIGNED;
        if (p->sign < 0) {
            d->value = -d->value;
            d->alt = -d->alt;
        }
    }
}

/* "1/2", "3/4", "1/8th": a fraction with a small denominator, in every
 * language (and not a date: "1/2" is rarely the 2nd of January). */
static size_t try_fraction(tqe_numbers *x, const qty *q, draft *d)
{
    size_t j = q->next, n;
    if (!q->integer || q->scaled || !is_sym(x, j, '/') || !glued(x, j) || !glued(x, j + 1))
        return 0;
    const atom *b = AT(x, j + 1);
    if (b->kind != ATOM_NUM || (b->nflags & (ANUM_GROUPED | ANUM_DECIMAL))) return 0;
    if (!(b->value == 2 || b->value == 3 || b->value == 4 || b->value == 8)) return 0;
    if (q->value >= b->value || q->value < 1) return 0;
    if (glued(x, j + 2) && (is_sym(x, j + 2, '/') || AT(x, j + 2)->kind == ATOM_NUM)) return 0;
    d->value = d->alt = d->raw = q->value / b->value;
    d->next = j + 2;
    if (glued(x, d->next) && phrase_at(x, d->next, BIT(LEX_ORD_SUFFIX), &n)) d->next += n;
    suffix_unit(x, d);
    emit(x, d);
    return d->next - d->first;
}

/* "四分之一" (one quarter), "4分の1": denominator, connector, numerator. */
static bool suffix_fraction(const tqe_numbers *x, const qty *q, draft *d)
{
    size_t n;
    qty num;
    if (q->scaled || !phrase_at(x, d->next, BIT(LEX_FRACTION), &n) ||
        !parse_quantity(x, d->next + n, &num, false) || num.scaled || q->value == 0 ||
        num.value >= q->value)
        return false;
    d->value = d->alt = d->raw = num.value / q->value;
    d->next = num.next;
    return true;
}

/* "数10億ドル" (several billion dollars), "几百": no number to check. */
size_t try_vague(tqe_numbers *x, size_t i)
{
    size_t n;
    qty q;
    if (!phrase_at(x, i, BIT(LEX_VAGUE), &n) || !glued(x, i + n) ||
        !parse_quantity(x, i + n, &q, true))
        return 0;
    size_t j = q.next;
    if (phrase_at(x, j, BIT(LEX_CURRENCY) | BIT(LEX_PERCENT) | BIT(LEX_UNIT), &n)) j += n;
    return j - i;
}

/* Everything that starts with an optional prefix and a quantity. */
size_t try_amount(tqe_numbers *x, size_t i)
{
    prefix p;
    size_t j = i + parse_prefixes(x, i, &p);
    qty q;
    if (!parse_quantity(x, j, &q, p.has_currency)) return 0;
    draft d = {.first = i,
               .next = q.next,
               .kind = TQE_NUMK_CARDINAL,
               .value = q.value,
               .alt = q.alt,
               .raw = q.raw,
               .scale = q.scale};
    snprintf(d.unit, sizeof d.unit, "%s", p.unit);
    if (p.unit[0]) d.kind = TQE_NUMK_CURRENCY;
    if (p.percent) {
        d.kind = TQE_NUMK_PERCENT;
        snprintf(d.unit, sizeof d.unit, "%%");
    }
    size_t k;
    if (d.kind == TQE_NUMK_CARDINAL && !q.spelled) {
        if ((k = try_fraction(x, &q, &d))) return k;
        if ((k = try_time(x, &q, &p, &d))) return k;
        if ((k = try_numeric_date(x, &q, &d))) return k;
    } else if (d.kind == TQE_NUMK_CARDINAL && !q.weak && !q.ordinal &&
               (k = try_time(x, &q, &p, &d))) {
        return k; /* "к девяти часам вечера" */
    }
    if (d.kind == TQE_NUMK_CARDINAL && !q.scaled && (k = try_day_month(x, &q, &d))) return k;
    if (d.kind == TQE_NUMK_CARDINAL && !suffix_fraction(x, &q, &d) && !suffix_decade(x, &q, &d) &&
        !suffix_percent(x, &d) && !suffix_currency(x, &d) && !suffix_times(x, &d) &&
        !suffix_unit(x, &d))
        suffix_ordinal(x, &q, &d);
    else if (d.kind == TQE_NUMK_CURRENCY && !p.percent)
        suffix_currency(x, &d); /* "$5 US dollars" keeps one mention */
    if (!cjk_counts(x, &q, &p, &d)) return 0;
    apostrophe_year(x, &q, &d);
    finish_kind(x, &q, &p, &d);
    emit(x, &d);
    return d.next - i;
}

/* "double", "twice", "doppelt", "doble". */
size_t try_mult_word(tqe_numbers *x, size_t i)
{
    size_t n;
    const lex_entry *e = phrase_at(x, i, BIT(LEX_MULT), &n);
    if (!e) return 0;
    draft d = {.first = i,
               .next = i + n,
               .kind = TQE_NUMK_MULTIPLICATIVE,
               .value = e->value,
               .alt = e->value,
               .raw = e->value,
               .scale = 1,
               .flags = TQE_NUMF_SPELLED};
    emit(x, &d);
    return n;
}

/* A number word at the start of a longer word, as compounds write them:
 * "fünfmonatige", "Zweitsprache", "двухминутный". Such a part is weak and
 * stands only for a plain count of the other text (see numbers_match.c). */
size_t try_part_word(tqe_numbers *x, size_t i)
{
    const atom *a = AT(x, i);
    if (a->kind != ATOM_WORD || a->cjk) return 0;
    const char *f = FOLD(x, a);
    size_t flen = a->flen, natoms = 1;
    /* "п'ятимісячної": an apostrophe inside the word (folds are contiguous) */
    if (is_sym(x, i + 1, '\'') && glued(x, i + 1) && i + 2 < NATOMS(x) &&
        AT(x, i + 2)->kind == ATOM_WORD && glued(x, i + 2)) {
        flen = AT(x, i + 2)->fold + AT(x, i + 2)->flen - a->fold;
        natoms = 3;
    }
    if (flen < 6) return 0;
    unsigned char b = (unsigned char)f[0];
    if (!(x->part_first[b >> 3] & (1u << (b & 7)))) return 0;
    for (size_t p = TQE_MIN(flen - 3, x->part_maxlen); p >= 3; p--) {
        if (((unsigned char)f[p] & 0xC0) == 0x80) continue;
        uint32_t h = lex_hash_bytes(LEX_HASH_INIT, f, p);
        for (const lex_entry *e = lex_find(&x->lex, h, f, p); e; e = lex_next_same(&x->lex, e)) {
            if (e->natoms != 1 || e->value < 2) continue;
            if (e->type != LEX_NUM && e->type != LEX_ORD && e->type != LEX_MULT &&
                e->type != LEX_STEM)
                continue;
            /* Three letters start too many words ("sta" of "stariji"):
             * only the small numbers' stems ("dvo", "pet") that short. */
            if (p < 4 && !(e->type == LEX_NUM && e->value <= 10)) continue;
            draft d = {.first = i,
                       .next = i + natoms,
                       .kind = TQE_NUMK_CARDINAL,
                       .value = e->value,
                       .alt = e->value,
                       .raw = e->value,
                       .scale = 1,
                       .flags = TQE_NUMF_SPELLED | TQE_NUMF_WEAK | TQE_NUMF_PART};
            emit(x, &d);
            return natoms;
        }
    }
    return 0;
}

/* ---- ranges ---- */

/* Whether atoms [from, to) connect two range ends: a range word or dash
 * ("to", "bis", "–"), or "and" after "between" before the first end. */
static bool range_link(const tqe_numbers *x, size_t before, size_t from, size_t to)
{
    size_t n;
    if (from == to) return false;
    if (phrase_at(x, from, BIT(LEX_RANGE), &n) && from + n == to) return true;
    if (!phrase_at(x, from, BIT(LEX_AND), &n) || from + n != to) return false;
    for (size_t b = before; b-- > 0 && before - b <= LEX_MAX_ATOMS;)
        if (phrase_at(x, b, BIT(LEX_BETWEEN), &n) && b + n == before) return true;
    return false;
}

static void share_unit(tqe_number *to, const tqe_number *from)
{
    if (to->kind != TQE_NUMK_CARDINAL) return;
    if (from->kind == TQE_NUMK_CARDINAL && from->unit[0] && !to->unit[0]) {
        memcpy(to->unit, from->unit, sizeof to->unit); /* "4-to-7-Feet" */
        return;
    }
    if (from->kind != TQE_NUMK_CURRENCY && from->kind != TQE_NUMK_PERCENT &&
        from->kind != TQE_NUMK_MULTIPLICATIVE)
        return;
    to->kind = from->kind;
    memcpy(to->unit, from->unit, sizeof to->unit);
}

/* A day number next to a date takes its month: "November 26 and 27",
 * "26. und 27. November", "del 3 al 5 de marzo". */
static bool day_number(const tqe_number *m)
{
    return (m->kind == TQE_NUMK_CARDINAL || m->kind == TQE_NUMK_ORDINAL) &&
           !(m->flags & (TQE_NUMF_SCALED | TQE_NUMF_WEAK | TQE_NUMF_SPELLED)) && m->value >= 1 &&
           m->value <= 31 && m->value == floor(m->value);
}

static void date_pair(tqe_numbers *x, size_t k)
{
    tqe_number *m1 = &x->out[k], *m2 = &x->out[k + 1];
    const mention_aux *a1 = &x->aux[k], *a2 = &x->aux[k + 1];
    size_t n, j = a1->next;
    if (is_sym(x, j, '.') && glued(x, j)) j++; /* "26. und 27. November" */
    if (a2->first <= j || a2->first - j > 2) return;
    if (!phrase_at(x, j, BIT(LEX_RANGE) | BIT(LEX_AND), &n) || j + n != a2->first) return;
    tqe_number *day = NULL;
    const tqe_number *date = NULL;
    if (m1->kind == TQE_NUMK_DATE && m1->value >= 100 && day_number(m2))
        day = m2, date = m1;
    else if (m2->kind == TQE_NUMK_DATE && m2->value >= 100 && day_number(m1))
        day = m1, date = m2;
    if (!day) return;
    day->kind = TQE_NUMK_DATE;
    day->value = day->alt_value = floor(date->value / 100) * 100 + day->value;
    m1->flags |= TQE_NUMF_RANGE;
    m2->flags |= TQE_NUMF_RANGE;
}

/* "1986-88", "2019/20": a year range abbreviates its second year. */
static void year_pair(tqe_numbers *x, size_t k)
{
    tqe_number *m1 = &x->out[k], *m2 = &x->out[k + 1];
    const mention_aux *a1 = &x->aux[k], *a2 = &x->aux[k + 1];
    size_t n;
    if (m1->kind != TQE_NUMK_YEAR || (m1->flags & TQE_NUMF_DECADE) || a2->first != a1->next + 1)
        return;
    if (!(phrase_at(x, a1->next, BIT(LEX_RANGE), &n) || is_sym(x, a1->next, '/')) ||
        !glued(x, a2->first))
        return;
    const atom *b = AT(x, a2->first);
    if (m2->kind != TQE_NUMK_CARDINAL || b->kind != ATOM_NUM || b->nint != 2 || b->nsep ||
        a2->next != a2->first + 1)
        return;
    double century = floor(m1->value / 100) * 100, y = century + m2->value;
    if (y <= m1->value) y += 100;
    m2->kind = TQE_NUMK_YEAR;
    m2->value = m2->alt_value = y;
    m1->flags |= TQE_NUMF_RANGE;
    m2->flags |= TQE_NUMF_RANGE;
}

/* Mark ranges and let their ends share what was written once: "$60-80
 * billion" is 6e10..8e10 USD, "zwischen 60 und 80 Milliarden Dollar" too. */
void link_ranges(tqe_numbers *x)
{
    for (size_t k = 0; k + 1 < x->nout; k++) date_pair(x, k);
    for (size_t k = 0; k + 1 < x->nout; k++) year_pair(x, k);
    for (size_t k = 0; k + 1 < x->nout; k++) {
        tqe_number *m1 = &x->out[k], *m2 = &x->out[k + 1];
        const mention_aux *a1 = &x->aux[k], *a2 = &x->aux[k + 1];
        if (!range_link(x, a1->first, a1->next, a2->first)) continue;
        if ((m1->flags | m2->flags) & TQE_NUMF_WEAK) continue;
        m1->flags |= TQE_NUMF_RANGE;
        m2->flags |= TQE_NUMF_RANGE;
        share_unit(m1, m2);
        share_unit(m2, m1);
        if (a1->scale == 1 && a2->scale != 1 && fabs(a1->raw) < fabs(a2->raw) &&
            (m1->kind == m2->kind)) {
            m1->value *= a2->scale;
            m1->alt_value *= a2->scale;
            m1->flags |= TQE_NUMF_SCALED;
            if (m1->kind == TQE_NUMK_YEAR) m1->kind = TQE_NUMK_CARDINAL;
        }
    }
}
