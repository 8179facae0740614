/* numbers_scan.c - split a text into atoms for the number grammar: digit
 * runs read with the locale's separators (or another convention's, flagged),
 * words folded for lexicon lookup, one atom per CJK character (those scripts
 * write numerals and units without spaces) and single symbols. */
#include <math.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include "numbers.h"

enum cclass { C_SPACE, C_IGNORE, C_DIGIT, C_LETTER, C_CJK, C_SYM };

static bool hangul(uint32_t c)
{
    return (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x1100 && c <= 0x11FF) ||
           (c >= 0x3130 && c <= 0x318F);
}

/* Map look-alikes onto one code point before classifying and folding:
 * fullwidth ASCII to ASCII, every apostrophe to U+0027 (Ukrainian writes
 * "п'ять" with three different ones), Russian "ё" to "е" (optional in
 * writing; ICU's spell-out uses "е"). */
static uint32_t normalize_cp(uint32_t c)
{
    if (c < 0x80) return c;
    if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFEE0;
    switch (c) {
    case 0x2019:
    case 0x2018:
    case 0x02BC:
    case 0x02B9:
    case 0x00B4:
    case 0x2032:
        return '\'';
    case 0x0451:
    case 0x0401:
        return 0x0435;
    case 0x3000:
        return ' ';
    default:
        return c;
    }
}

static enum cclass classify(uint32_t c)
{
    if (c < 0x80) {
        if (c >= '0' && c <= '9') return C_DIGIT;
        if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return C_LETTER;
        if (c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F)) return C_SPACE;
        return C_SYM;
    }
    if (tqe_py_isspace(c)) return C_SPACE;
    if (c == 0x00AD || (c >= 0x200B && c <= 0x200D) || c == 0xFEFF || c == 0x2060) return C_IGNORE;
    int8_t t = u_charType((UChar32)c);
    if (t == U_DECIMAL_DIGIT_NUMBER) return C_DIGIT;
    if (c == 0x30FC || c == 0x3005) return C_CJK; /* prolonged sound mark, iteration mark */
    if (u_isalpha((UChar32)c) || (U_GET_GC_MASK((UChar32)c) & U_GC_M_MASK)) {
        UErrorCode st = U_ZERO_ERROR;
        UScriptCode sc = uscript_getScript((UChar32)c, &st);
        if (sc == USCRIPT_HAN || sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA ||
            sc == USCRIPT_HANGUL)
            return C_CJK;
        return C_LETTER;
    }
    return C_SYM;
}

static uint32_t fold_cp(uint32_t c)
{
    if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
    return normalize_cp((uint32_t)u_foldCase((UChar32)c, U_FOLD_CASE_DEFAULT));
}

/* Decode, normalize and classify the code point at *i; advances *i. */
static uint32_t next_cp(const char *t, size_t *i, enum cclass *cl)
{
    uint32_t c = normalize_cp(tqe_u8_next(t, i));
    *cl = classify(c);
    return c;
}

static uint32_t peek_cp(const char *t, size_t len, size_t i, enum cclass *cl)
{
    if (i >= len) {
        *cl = C_SPACE;
        return 0;
    }
    return next_cp(t, &i, cl);
}

static int fold_put(scanner *sc, uint32_t c)
{
    if (tqe_grow((void **)&sc->fold, &sc->fcap, sc->flen + 5, 1)) return TQE_ENOMEM;
    sc->flen += tqe_u8_put(sc->fold + sc->flen, c);
    return TQE_OK;
}

static atom *push_atom(scanner *sc, atom_kind kind, size_t start, size_t end, bool gap)
{
    if (tqe_grow((void **)&sc->atoms, &sc->cap, sc->natoms + 1, sizeof(*sc->atoms))) return NULL;
    atom *a = &sc->atoms[sc->natoms++];
    memset(a, 0, sizeof(*a));
    a->kind = (uint8_t)kind;
    a->start = (uint32_t)start;
    a->end = (uint32_t)end;
    a->gap = gap;
    a->fold = (uint32_t)sc->flen;
    return a;
}

static void finish_atom(scanner *sc, atom *a)
{
    a->flen = (uint32_t)(sc->flen - a->fold);
    a->hash = lex_hash_bytes(LEX_HASH_INIT, sc->fold + a->fold, a->flen);
}

/* ---- digit runs ---- */

#define MAX_GROUPS 12

typedef struct digit_run {
    int ng;
    size_t gstart[MAX_GROUPS], gend[MAX_GROUPS]; /* byte spans of the digit groups */
    int glen[MAX_GROUPS];
    double gval[MAX_GROUPS];
    uint32_t sep[MAX_GROUPS]; /* sep[k] precedes group k (k >= 1): '.', ',', ' ', '\'' */
} digit_run;

/* The separator class of c between digits, or 0. */
static uint32_t sep_class(uint32_t c, const numlocale *loc)
{
    if (c == '.' || c == ',' || c == '\'') return c;
    if (c == 0x00A0 || c == 0x202F || c == 0x2009 || c == 0x2007) return ' ';
    if (c == ' ' && loc && loc->group_is_space) return ' ';
    return 0;
}

static size_t read_digits(const char *t, size_t len, size_t i, int *n, double *v)
{
    *n = 0;
    *v = 0;
    while (i < len) {
        size_t j = i;
        enum cclass cl;
        uint32_t c = next_cp(t, &j, &cl);
        if (cl != C_DIGIT) break;
        *v = *v * 10 + u_charDigitValue((UChar32)c);
        (*n)++;
        i = j;
    }
    return i;
}

/* Collect digit groups and the separators between them. An ASCII space only
 * groups where the locale groups with a space, and only before exactly
 * group_size digits, so "2020 300" stays two numbers. */
static void collect_run(digit_run *r, const numlocale *loc, const char *t, size_t len, size_t i)
{
    r->ng = 0;
    for (;;) {
        int k = r->ng;
        r->gstart[k] = i;
        i = read_digits(t, len, i, &r->glen[k], &r->gval[k]);
        r->gend[k] = i;
        r->ng++;
        if (r->ng == MAX_GROUPS || i >= len || !loc) break;
        size_t j = i;
        enum cclass cl;
        uint32_t c = next_cp(t, &j, &cl);
        uint32_t s = sep_class(c, loc);
        if (!s) break;
        enum cclass cl2;
        peek_cp(t, len, j, &cl2);
        if (cl2 != C_DIGIT) break;
        if (c == ' ') {
            int n;
            double v;
            size_t e = read_digits(t, len, j, &n, &v);
            enum cclass cl3;
            peek_cp(t, len, e, &cl3);
            if (r->glen[k] > 3 || n != loc->group_size || cl3 == C_DIGIT) break;
        }
        r->sep[r->ng] = s;
        i = j;
    }
}

/* Read the run with grouping separator g and decimal separator d (' ' and
 * '\'' always group). Returns false when the run does not follow them. */
static bool read_convention(const digit_run *r, uint32_t g, uint32_t d, int gsize, double *val,
                            int *nint, int *nfrac)
{
    int last = r->ng - 1;
    bool has_dec = last >= 1 && r->sep[last] == d;
    int ngroups = has_dec ? last : r->ng; /* groups of the integer part */
    uint32_t gs = 0;
    for (int k = 1; k < ngroups; k++) {
        uint32_t s = r->sep[k];
        if (s != g && s != ' ' && s != '\'') return false;
        if (gs && s != gs) return false;
        gs = s;
        if (r->glen[k] != gsize) return false;
    }
    if (ngroups > 1 && (r->glen[0] < 1 || r->glen[0] > gsize)) return false;
    double v = 0;
    int ni = 0;
    for (int k = 0; k < ngroups; k++) {
        for (int z = 0; z < r->glen[k]; z++) v *= 10;
        v += r->gval[k];
        ni += r->glen[k];
    }
    *nfrac = 0;
    if (has_dec) {
        *nfrac = r->glen[last];
        v += r->gval[last] / pow(10, r->glen[last]);
    }
    *val = v;
    *nint = ni;
    return true;
}

static int emit_folded_span(scanner *sc, const char *t, size_t from, size_t to)
{
    size_t i = from;
    while (i < to) {
        enum cclass cl;
        uint32_t c = next_cp(t, &i, &cl);
        if (cl == C_DIGIT)
            c = '0' + (uint32_t)u_charDigitValue((UChar32)c);
        else if (sep_class(c, NULL) == ' ' || c == ' ')
            c = ' ';
        if (fold_put(sc, c)) return TQE_ENOMEM;
    }
    return TQE_OK;
}

static int emit_plain_group(scanner *sc, const digit_run *r, int k, const char *t, bool gap)
{
    atom *a = push_atom(sc, ATOM_NUM, r->gstart[k], r->gend[k], gap);
    if (!a || emit_folded_span(sc, t, r->gstart[k], r->gend[k])) return TQE_ENOMEM;
    a->value = a->alt = r->gval[k];
    a->nint = (uint8_t)TQE_MIN(r->glen[k], 255);
    finish_atom(sc, a);
    return TQE_OK;
}

/* A run no convention reads ("1,2,3", "2.0.1") becomes its digit groups and
 * the symbols between them. */
static int emit_split(scanner *sc, const digit_run *r, const char *t, bool gap)
{
    for (int k = 0; k < r->ng; k++) {
        if (k > 0) {
            size_t i = r->gend[k - 1];
            enum cclass cl;
            uint32_t c = next_cp(t, &i, &cl);
            bool space = cl == C_SPACE;
            if (!space) {
                atom *s = push_atom(sc, ATOM_SYM, r->gend[k - 1], i, false);
                if (!s || fold_put(sc, c)) return TQE_ENOMEM;
                s->cp = c;
                finish_atom(sc, s);
            }
            gap = space;
        }
        if (emit_plain_group(sc, r, k, t, gap)) return TQE_ENOMEM;
    }
    return TQE_OK;
}

static int scan_number(scanner *sc, const numlocale *loc, const char *t, size_t len, size_t i,
                       bool gap, size_t *end)
{
    digit_run r;
    collect_run(&r, loc, t, len, i);
    *end = r.gend[r.ng - 1];
    if (r.ng == 1) return emit_plain_group(sc, &r, 0, t, gap);
    /* The locale's convention first, then English and continental ones. */
    const uint32_t conv[3][2] = {{loc->group, loc->decimal}, {',', '.'}, {'.', ','}};
    double vals[3];
    int nint[3], nfrac[3], ok[3], first = -1, second = -1;
    for (int c = 0; c < 3; c++) {
        ok[c] = read_convention(&r, conv[c][0], conv[c][1], loc->group_size, &vals[c], &nint[c],
                                &nfrac[c]);
        if (!ok[c]) continue;
        if (first < 0)
            first = c;
        else if (second < 0 && vals[c] != vals[first])
            second = c;
    }
    if (first < 0) return emit_split(sc, &r, t, gap);
    atom *a = push_atom(sc, ATOM_NUM, i, *end, gap);
    if (!a || emit_folded_span(sc, t, i, *end)) return TQE_ENOMEM;
    a->value = a->alt = vals[first];
    a->nint = (uint8_t)TQE_MIN(nint[first], 255);
    a->nfrac = (uint8_t)TQE_MIN(nfrac[first], 255);
    a->nsep = (uint8_t)(r.ng - 1);
    if (a->nfrac) a->nflags |= ANUM_DECIMAL;
    if (r.ng - 1 > (a->nfrac ? 1 : 0)) a->nflags |= ANUM_GROUPED;
    if (first != 0) a->nflags |= ANUM_FOREIGN;
    /* The locale's own grouping is read as written ("1.686" in German is
     * 1686). A decimal with exactly three digits ("1,000" in German) and a
     * run only other conventions read ("1.500" in Russian) may be a copied
     * format: the second reading is kept. */
    bool doubt = first != 0 || (nfrac[0] == 3 && r.ng == 2);
    if (second >= 0 && doubt) {
        a->nflags |= ANUM_AMBIGUOUS;
        a->alt = vals[second];
    }
    finish_atom(sc, a);
    return TQE_OK;
}

/* ---- URLs and e-mail addresses ---- */

static bool url_char(unsigned char b)
{
    return b > 0x20 && b < 0x7F && b != '"' && b != '<' && b != '>';
}

/* If a URL starts at t[i] ("scheme://" or "www."), its end, else i. Trailing
 * punctuation belongs to the sentence. */
static size_t url_end(const char *t, size_t len, size_t i)
{
    size_t j = i;
    while (j < len && ((t[j] | 0x20) >= 'a' && (t[j] | 0x20) <= 'z')) j++;
    bool scheme = j > i && j + 2 < len && t[j] == ':' && t[j + 1] == '/' && t[j + 2] == '/';
    bool www = len - i > 4 && (t[i] | 0x20) == 'w' && (t[i + 1] | 0x20) == 'w' &&
               (t[i + 2] | 0x20) == 'w' && t[i + 3] == '.';
    if (!scheme && !www) return i;
    j = i;
    while (j < len && url_char((unsigned char)t[j])) j++;
    while (j > i && strchr(".,;:!?)]}'", t[j - 1])) j--;
    return j;
}

static bool email_char(unsigned char b)
{
    return (b >= '0' && b <= '9') || ((b | 0x20) >= 'a' && (b | 0x20) <= 'z') || b == '.' ||
           b == '_' || b == '-' || b == '+';
}

/* At an '@' inside a word: drop the address's atoms before it and return the
 * end of its domain; else return i (not an address). */
static size_t email_skip(scanner *sc, const char *t, size_t len, size_t at)
{
    if (at + 1 >= len || !email_char((unsigned char)t[at + 1]) || !sc->natoms) return at;
    const atom *prev = &sc->atoms[sc->natoms - 1];
    if (prev->end != at) return at;
    size_t j = at + 1;
    while (j < len && email_char((unsigned char)t[j])) j++;
    if (!memchr(t + at, '.', j - at)) return at;
    while (sc->natoms) {
        const atom *a = &sc->atoms[sc->natoms - 1];
        bool glued = a->gap == 0;
        sc->natoms--;
        sc->flen = a->fold;
        if (!glued) break;
    }
    while (j > at && t[j - 1] == '.') j--;
    return j;
}

/* ---- words and symbols ---- */

static int scan_word(scanner *sc, const char *t, size_t len, size_t i, bool gap, size_t *end)
{
    atom *a = push_atom(sc, ATOM_WORD, i, i, gap);
    if (!a) return TQE_ENOMEM;
    bool cased = false, lower = false;
    size_t j = i;
    while (j < len) {
        size_t k = j;
        enum cclass cl;
        uint32_t c = next_cp(t, &k, &cl);
        if (cl == C_IGNORE) {
            j = k;
            continue;
        }
        if (cl != C_LETTER) break;
        if (u_isupper((UChar32)c))
            cased = true;
        else if (u_islower((UChar32)c))
            cased = lower = true;
        if (fold_put(sc, fold_cp(c))) return TQE_ENOMEM;
        j = k;
    }
    a = &sc->atoms[sc->natoms - 1];
    a->end = (uint32_t)j;
    a->upper = cased && !lower;
    finish_atom(sc, a);
    *end = j;
    return TQE_OK;
}

static int scan_single(scanner *sc, atom_kind kind, uint32_t c, size_t i, size_t j, bool gap,
                       uint8_t cjk)
{
    atom *a = push_atom(sc, kind, i, j, gap);
    if (!a) return TQE_ENOMEM;
    uint32_t f = fold_cp(c);
    if (fold_put(sc, f)) return TQE_ENOMEM;
    a->cp = f;
    a->cjk = cjk;
    finish_atom(sc, a);
    return TQE_OK;
}

/* A hyphen between two words joins them ("twenty-five", "US-Dollar") and is
 * dropped, so that keys do not depend on the spelling; elsewhere ("COVID-19",
 * "3-4", "ke-3") it is a symbol. */
static bool joining_hyphen(const scanner *sc, const char *t, size_t len, size_t i, size_t j,
                           uint32_t c)
{
    if (c != '-' && c != 0x2010 && c != 0x2011) return false;
    if (!sc->natoms) return false;
    const atom *p = &sc->atoms[sc->natoms - 1];
    if (p->kind != ATOM_WORD || p->end != i) return false;
    enum cclass cl;
    peek_cp(t, len, j, &cl);
    return cl == C_LETTER || cl == C_CJK;
}

int scan_text(scanner *sc, const numlocale *loc, const char *t, size_t len)
{
    sc->natoms = 0;
    sc->flen = 0;
    bool gap = true;
    size_t i = 0;
    while (i < len) {
        size_t j = i;
        enum cclass cl;
        uint32_t c = next_cp(t, &j, &cl);
        int rc = TQE_OK;
        size_t end = j;
        if (cl == C_SPACE) {
            gap = true;
        } else if (cl == C_IGNORE) {
            /* invisible: neither a gap nor an atom */
        } else if (cl == C_DIGIT) {
            rc = scan_number(sc, loc, t, len, i, gap, &end);
            gap = false;
        } else if (cl == C_LETTER) {
            size_t u = url_end(t, len, i);
            if (u > i) {
                end = u;
                gap = true;
                i = end;
                continue;
            }
            rc = scan_word(sc, t, len, i, gap, &end);
            gap = false;
        } else if (c == '@' && (end = email_skip(sc, t, len, i)) > i) {
            gap = true;
        } else if (cl == C_SYM && joining_hyphen(sc, t, len, i, j, c)) {
            end = j;
        } else {
            uint8_t cjk = cl != C_CJK ? 0 : hangul(c) ? 2 : 1;
            rc = scan_single(sc, cl == C_CJK ? ATOM_WORD : ATOM_SYM, c, i, j, gap, cjk);
            end = j;
            gap = false;
        }
        if (rc) return rc;
        i = end;
    }
    return TQE_OK;
}

void scanner_free(scanner *sc)
{
    free(sc->atoms);
    free(sc->fold);
    memset(sc, 0, sizeof(*sc));
}

static bool loose_sym(const atom *a)
{
    return a->kind != ATOM_SYM || a->cjk || a->cp == '.' || a->cp == '-' || a->cp == '\'';
}

unsigned phrase_key(scanner *sc, const char *phrase, size_t len, tqe_buf *buf, size_t *klen,
                    unsigned *glue)
{
    *klen = 0;
    *glue = 0;
    tqe_buf_clear(buf);
    if (scan_text(sc, NULL, phrase, len)) return 0;
    if (sc->natoms == 0 || sc->natoms > LEX_MAX_ATOMS) return 0;
    for (size_t k = 0; k < sc->natoms; k++) {
        const atom *a = &sc->atoms[k];
        if ((k && tqe_buf_append(buf, " ", 1)) || tqe_buf_append(buf, sc->fold + a->fold, a->flen))
            return 0;
        if (k && !a->gap && !(loose_sym(a) && loose_sym(&sc->atoms[k - 1]))) *glue |= 1u << (k - 1);
    }
    *klen = buf->len;
    return (unsigned)sc->natoms;
}
