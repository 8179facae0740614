/* numbers_data.c - read references/locales/<lang>.tsv: the number words ICU
 * does not have (scale words and their abbreviations, percent and currency
 * words, range connectors, ...). One entry a line:
 *     PHRASE <TAB> TYPE <TAB> VALUE [<TAB> OPTIONS]
 * Lines starting with '#' and blank lines are ignored. Every malformed line
 * is an error "FILE:LINE: ..." (TQE_EFORMAT): a word list that silently
 * drops entries would silently miss numbers. */
#include <errno.h>
#include <math.h>
#include <stdio.h>

#include "numbers.h"

/* V_OPT: '-' (0) or an integer in bounds. */
typedef enum vkind { V_NONE, V_NUMBER, V_INT, V_OPT, V_ISO, V_AMPM, V_UNIT } vkind;

/* What VALUE each type takes, and its bounds for V_NUMBER/V_INT. */
static const struct {
    vkind v;
    double lo, hi;
} value_rules[LEX_TYPE_COUNT] = {
    [LEX_NUM] = {V_NUMBER, 0, 1e15},   [LEX_ORD] = {V_INT, 1, 1e6},
    [LEX_WEAK] = {V_NUMBER, 0, 1e15},  [LEX_ARTICLE] = {V_NONE, 0, 0},
    [LEX_SCALE] = {V_NUMBER, 2, 1e15}, [LEX_PERCENT] = {V_NONE, 0, 0},
    [LEX_CURRENCY] = {V_ISO, 0, 0},    [LEX_MONTH] = {V_INT, 1, 12},
    [LEX_QUARTER] = {V_INT, 1, 4},     [LEX_QUARTER_NOUN] = {V_NONE, 0, 0},
    [LEX_MULT] = {V_NUMBER, 2, 1e6},   [LEX_TIMES] = {V_NONE, 0, 0},
    [LEX_RANGE] = {V_NONE, 0, 0},      [LEX_BETWEEN] = {V_NONE, 0, 0},
    [LEX_AND] = {V_NONE, 0, 0},        [LEX_LINK] = {V_NONE, 0, 0},
    [LEX_HOUR] = {V_NONE, 0, 0},       [LEX_MINUTE] = {V_OPT, 1, 59},
    [LEX_AMPM] = {V_AMPM, 0, 0},       [LEX_DAY_SUFFIX] = {V_NONE, 0, 0},
    [LEX_DECADE] = {V_NONE, 0, 0},     [LEX_ORD_SUFFIX] = {V_NONE, 0, 0},
    [LEX_ORD_PREFIX] = {V_NONE, 0, 0}, [LEX_COUNTER] = {V_NONE, 0, 0},
    [LEX_IGNORE] = {V_NONE, 0, 0},     [LEX_UNIT] = {V_UNIT, 0, 0},
    [LEX_APPROX] = {V_NONE, 0, 0},     [LEX_VAGUE] = {V_NONE, 0, 0},
    [LEX_FRACTION] = {V_NONE, 0, 0},   [LEX_STEM] = {V_NONE, 0, 0},
};

static const struct {
    const char *name;
    unsigned flag;
    lex_type only; /* LEX_PREFIX: any type */
} option_rules[] = {
    {"money", LEXO_MONEY, LEX_SCALE},  {"prefix", LEXO_PREFIX, LEX_HOUR},
    {"case", LEXO_CASE, LEX_PREFIX},   {"alone", LEXO_ALONE, LEX_SCALE},
    {"glued", LEXO_GLUED, LEX_PREFIX}, {"clock", LEXO_CLOCK, LEX_AMPM},
};

typedef struct line_ctx {
    tqe_numbers *x;
    const char *path;
    uint64_t lineno;
} line_ctx;

#define bad(lc, ...) tqe_err((lc)->x->ctx, TQE_EFORMAT, __VA_ARGS__)

static int parse_type(const line_ctx *lc, const char *s, size_t n, lex_type *out)
{
    for (int t = LEX_PREFIX + 1; t < LEX_STEM; t++) {
        const char *name = lex_type_name((lex_type)t);
        if (strlen(name) == n && memcmp(name, s, n) == 0) {
            *out = (lex_type)t;
            return TQE_OK;
        }
    }
    return bad(lc, "%s:%llu: unknown type '%.*s' (see references/locales/README.md)", lc->path,
               (unsigned long long)lc->lineno, (int)n, s);
}

/* A plain decimal number with an optional exponent ("12", "0.5", "1e9"),
 * read without the C library so that the process locale cannot change it. */
static bool parse_decimal(const char *s, size_t n, double *out)
{
    size_t i = 0;
    double v = 0, scale = 0;
    int digits = 0;
    for (; i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.'); i++) {
        if (s[i] == '.') {
            if (scale) return false;
            scale = 1;
            continue;
        }
        v = v * 10 + (s[i] - '0');
        if (scale) scale *= 10;
        digits++;
    }
    if (!digits) return false;
    if (scale) v /= scale;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        int e = 0, ed = 0;
        for (i++; i < n && s[i] >= '0' && s[i] <= '9' && ed < 3; i++, ed++)
            e = e * 10 + (s[i] - '0');
        if (!ed) return false;
        while (e--) v *= 10;
    }
    *out = v;
    return i == n;
}

static int parse_value(const line_ctx *lc, lex_type t, const char *s, size_t n, double *val,
                       char *unit)
{
    unsigned long long ln = (unsigned long long)lc->lineno;
    *val = 0;
    unit[0] = '\0';
    switch (value_rules[t].v) {
    case V_NONE:
        if (n == 1 && s[0] == '-') return TQE_OK;
        return bad(lc, "%s:%llu: type '%s' takes no value: write '-'", lc->path, ln,
                   lex_type_name(t));
    case V_ISO:
        if (n == 3 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' && s[2] >= 'A' &&
            s[2] <= 'Z') {
            memcpy(unit, s, 3);
            unit[3] = '\0';
            return TQE_OK;
        }
        return bad(lc, "%s:%llu: currency value '%.*s' is not an ISO 4217 code like USD", lc->path,
                   ln, (int)n, s);
    case V_UNIT: {
        if (n < LEX_UNIT_LEN) {
            memcpy(unit, s, n);
            unit[n] = '\0';
            if (measure_find(unit)) return TQE_OK;
        }
        return bad(lc, "%s:%llu: unit '%.*s' is not a known unit symbol (km, mi, kg, lb, ...)",
                   lc->path, ln, (int)n, s);
    }
    case V_AMPM:
        if (n == 2 && (memcmp(s, "am", 2) == 0 || memcmp(s, "pm", 2) == 0)) {
            *val = s[0] == 'a' ? 0 : 12;
            return TQE_OK;
        }
        return bad(lc, "%s:%llu: ampm value must be 'am' or 'pm', not '%.*s'", lc->path, ln, (int)n,
                   s);
    case V_OPT:
        if (n == 1 && s[0] == '-') return TQE_OK;
        /* fall through */
    case V_NUMBER:
    case V_INT:
        if (parse_decimal(s, n, val) && *val >= value_rules[t].lo && *val <= value_rules[t].hi &&
            (value_rules[t].v == V_NUMBER || *val == floor(*val)))
            return TQE_OK;
        return bad(lc, "%s:%llu: value '%.*s' of type '%s' must be %s from %g to %g", lc->path, ln,
                   (int)n, s, lex_type_name(t),
                   value_rules[t].v == V_NUMBER ? "a number" : "an integer", value_rules[t].lo,
                   value_rules[t].hi);
    }
    return TQE_OK;
}

static int parse_options(const line_ctx *lc, lex_type t, const char *s, size_t n, unsigned *opts)
{
    *opts = 0;
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && s[j] != ',') j++;
        size_t k = 0;
        for (; k < TQE_ARRAY_LEN(option_rules); k++)
            if (strlen(option_rules[k].name) == j - i &&
                memcmp(option_rules[k].name, s + i, j - i) == 0)
                break;
        if (k == TQE_ARRAY_LEN(option_rules))
            return bad(lc,
                       "%s:%llu: unknown option '%.*s' (money, prefix, case, alone, glued, clock)",
                       lc->path, (unsigned long long)lc->lineno, (int)(j - i), s + i);
        if (option_rules[k].only != LEX_PREFIX && option_rules[k].only != t)
            return bad(lc, "%s:%llu: option '%s' applies to type '%s' only", lc->path,
                       (unsigned long long)lc->lineno, option_rules[k].name,
                       lex_type_name(option_rules[k].only));
        *opts |= option_rules[k].flag;
        i = j + 1;
    }
    return TQE_OK;
}

static int parse_line(const line_ctx *lc, tqe_buf *key, const char *line, size_t len)
{
    const char *f[5];
    size_t fl[5];
    int nf = 0;
    for (size_t i = 0;;) {
        size_t j = i;
        while (j < len && line[j] != '\t') j++;
        if (nf == 5) break;
        f[nf] = line + i;
        fl[nf++] = j - i;
        if (j >= len) break;
        i = j + 1;
    }
    unsigned long long ln = (unsigned long long)lc->lineno;
    if (nf < 3 || nf > 4)
        return bad(lc,
                   "%s:%llu: expected 3 or 4 tab-separated fields (phrase, type, value, "
                   "options), found %d",
                   lc->path, ln, nf);
    lex_type t = LEX_PREFIX;
    double value = 0;
    char unit[LEX_UNIT_LEN] = "";
    unsigned opts = 0;
    int rc = parse_type(lc, f[1], fl[1], &t);
    if (!rc) rc = parse_value(lc, t, f[2], fl[2], &value, unit);
    if (!rc && nf == 4) rc = parse_options(lc, t, f[3], fl[3], &opts);
    if (rc) return rc;
    size_t klen;
    unsigned glue;
    unsigned na = phrase_key(&lc->x->sc, f[0], fl[0], key, &klen, &glue);
    if (!na)
        return bad(lc, "%s:%llu: phrase '%.*s' is empty or longer than %d words and symbols",
                   lc->path, ln, (int)fl[0], f[0], LEX_MAX_ATOMS);
    if (lex_add(&lc->x->lex, key->data, klen, f[0], fl[0], na, glue, t, value, unit, opts))
        return tqe_oom(lc->x->ctx);
    return TQE_OK;
}

static bool skip_line(const char *line, size_t len)
{
    size_t i = 0;
    while (i < len && (line[i] == ' ' || line[i] == '\t')) i++;
    return i == len || line[i] == '#';
}

int numdata_load(tqe_numbers *x, const char *path, bool optional)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        if (optional && errno == ENOENT) return TQE_OK;
        return tqe_err(x->ctx, TQE_EIO, "%s: cannot open: %s", path, strerror(errno));
    }
    tqe_reader *rd;
    int rc = tqe_reader_from_file(&rd, x->ctx, fp, path);
    if (rc) {
        fclose(fp);
        return rc;
    }
    tqe_buf key = TQE_BUF_INIT;
    line_ctx lc = {.x = x, .path = path};
    const char *line;
    size_t len;
    while ((rc = tqe_reader_next(rd, &line, &len)) == 1) {
        lc.lineno = tqe_reader_lineno(rd);
        if (skip_line(line, len)) continue;
        if ((rc = parse_line(&lc, &key, line, len))) break;
    }
    tqe_buf_free(&key);
    tqe_reader_free(rd);
    fclose(fp);
    return rc < 0 ? rc : TQE_OK;
}
