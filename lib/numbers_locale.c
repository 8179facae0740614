/* numbers_locale.c - what ICU knows about a locale's numbers, turned into
 * scanner conventions and lexicon entries: decimal and grouping separators,
 * the percent sign, spelled-out numbers (RBNF spell-out rule sets, formatted
 * rather than parsed: parsing costs 10-400 us a word, far too slow for every
 * word of every line, while formatting 1..100 once gives the same words),
 * month, am/pm and quarter names, the order of numeric dates, the time
 * separator, and currency codes, symbols and names. */
#include <unicode/uchar.h>
#include <unicode/ucurr.h>
#include <unicode/udat.h>
#include <unicode/udatpg.h>
#include <unicode/uenum.h>
#include <unicode/unum.h>
#include <unicode/ustring.h>

#include "numbers.h"

typedef struct loader {
    tqe_numbers *x;
    tqe_buf key;
    char u8[1024];
} loader;

static int icu_fail(const loader *L, const char *what, UErrorCode st)
{
    return tqe_err(L->x->ctx, TQE_EICU, "numbers (%s): cannot %s: %s", L->x->lang, what,
                   u_errorName(st));
}

static int add_utf8(loader *L, const char *s, size_t len, lex_type type, double value,
                    const char *unit, unsigned opts)
{
    size_t klen;
    unsigned glue;
    unsigned na = phrase_key(&L->x->sc, s, len, &L->key, &klen, &glue);
    if (!na) return TQE_OK; /* nothing to match, or longer than any phrase we look for */
    if (lex_add(&L->x->lex, L->key.data, klen, s, len, na, glue, type, value, unit, opts))
        return tqe_oom(L->x->ctx);
    return TQE_OK;
}

/* Add an ICU string. Strings too long for the buffer are no words we need. */
static int add_u16(loader *L, const UChar *s, int32_t n, lex_type type, double value,
                   const char *unit, unsigned opts)
{
    UErrorCode st = U_ZERO_ERROR;
    int32_t len;
    u_strToUTF8(L->u8, (int32_t)sizeof L->u8, &len, s, n, &st);
    if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING) return TQE_OK;
    return add_utf8(L, L->u8, (size_t)len, type, value, unit, opts);
}

/* ---- number symbols ---- */

static uint32_t symbol_cp(UNumberFormat *nf, UNumberFormatSymbol which, uint32_t dflt)
{
    UChar buf[8];
    UErrorCode st = U_ZERO_ERROR;
    int32_t n = unum_getSymbol(nf, which, buf, 8, &st);
    if (U_FAILURE(st) || n < 1) return dflt;
    uint32_t c = buf[0];
    if (c == 0x00A0 || c == 0x202F || c == 0x2009 || c == 0x2007 || c == ' ') return ' ';
    if (c == 0x2019 || c == 0x02BC) return '\'';
    return c;
}

static int load_symbols(loader *L)
{
    UErrorCode st = U_ZERO_ERROR;
    tqe_numbers *x = L->x;
    UNumberFormat *nf = unum_open(UNUM_DECIMAL, NULL, 0, x->icu_locale, NULL, &st);
    if (U_FAILURE(st)) return icu_fail(L, "open the number format", st);
    x->loc.decimal = symbol_cp(nf, UNUM_DECIMAL_SEPARATOR_SYMBOL, '.');
    x->loc.group = symbol_cp(nf, UNUM_GROUPING_SEPARATOR_SYMBOL, ',');
    /* Where the decimal mark is a comma, a space groups digits as well as
     * the locale's own separator: "380 000" is as usual in Croatian or
     * German (DIN 5008) as "380.000". */
    x->loc.group_is_space = x->loc.group == ' ' || x->loc.decimal == ',';
    int32_t gs = unum_getAttribute(nf, UNUM_GROUPING_SIZE);
    x->loc.group_size = gs > 0 ? gs : 3;
    UChar pct[8];
    int32_t n = unum_getSymbol(nf, UNUM_PERCENT_SYMBOL, pct, 8, &st);
    unum_close(nf);
    if (U_FAILURE(st)) return icu_fail(L, "read the percent sign", st);
    return add_u16(L, pct, n, LEX_PERCENT, 0, "", 0);
}

/* ---- spell-out ---- */

/* Cardinal and ordinal rule sets; year, financial (壹), day-of-month (初一)
 * and Latin-digit rule sets spell other things. */
static bool ruleset_wanted(const char *name)
{
    if (strncmp(name, "%spellout-cardinal", 18) && strncmp(name, "%spellout-numbering", 19) &&
        strncmp(name, "%spellout-ordinal", 17))
        return false;
    return !strstr(name, "year") && !strstr(name, "financial") && !strstr(name, "days") &&
           !strstr(name, "latn");
}

static int spell_ruleset(loader *L, UNumberFormat *f, const UChar *name, int32_t nlen)
{
    char cname[128];
    u_austrncpy(cname, name, (int32_t)TQE_MIN((size_t)nlen, sizeof cname - 1));
    cname[TQE_MIN((size_t)nlen, sizeof cname - 1)] = '\0';
    if (!ruleset_wanted(cname)) return TQE_OK;
    UErrorCode st = U_ZERO_ERROR;
    unum_setTextAttribute(f, UNUM_DEFAULT_RULESET, name, nlen, &st);
    if (U_FAILURE(st)) return icu_fail(L, "select a spell-out rule set", st);
    bool ord = strstr(cname, "ordinal") != NULL;
    /* 1..100 and the hundreds; bigger spelled numbers are composed from
     * these and the scale words (thousand, million) of the data files. */
    for (int v = 1; v <= (ord ? 100 : 900); v += v < 100 ? 1 : 100) {
        UChar buf[256];
        int32_t n = unum_formatInt64(f, v, buf, 256, NULL, &st);
        if (U_FAILURE(st)) return icu_fail(L, "spell out a number", st);
        int rc = add_u16(L, buf, n, ord ? LEX_ORD : LEX_NUM, v, "", 0);
        if (rc) return rc;
    }
    return TQE_OK;
}

static int load_spellout(loader *L)
{
    UErrorCode st = U_ZERO_ERROR;
    UNumberFormat *f = unum_open(UNUM_SPELLOUT, NULL, 0, L->x->icu_locale, NULL, &st);
    if (U_FAILURE(st)) return icu_fail(L, "open the spell-out rules", st);
    UChar sets[8192];
    int32_t n = unum_getTextAttribute(f, UNUM_PUBLIC_RULESETS, sets, 8192, &st);
    int rc = U_FAILURE(st) ? icu_fail(L, "list the spell-out rule sets", st) : TQE_OK;
    for (int32_t i = 0; rc == TQE_OK && i < n;) {
        int32_t j = i;
        while (j < n && sets[j] != ';') j++;
        if (j > i) rc = spell_ruleset(L, f, sets + i, j - i);
        i = j + 1;
    }
    unum_close(f);
    return rc;
}

/* ---- dates ---- */

/* "mars" is both the short and the full French name of March. */
static bool is_full_month(UDateFormat *df, const UChar *s, int32_t n)
{
    for (int k = 0; k < 2; k++)
        for (int i = 0; i < 12; i++) {
            UChar buf[128];
            UErrorCode st = U_ZERO_ERROR;
            int32_t m =
                udat_getSymbols(df, k ? UDAT_STANDALONE_MONTHS : UDAT_MONTHS, i, buf, 128, &st);
            if (U_SUCCESS(st) && m == n && u_strncmp(buf, s, n) == 0) return true;
        }
    return false;
}

static int add_dotted(loader *L, const UChar *s, int32_t n, double v, unsigned opts)
{
    UChar buf[130];
    if (n > 127) return TQE_OK;
    u_memcpy(buf, s, n);
    buf[n] = '.';
    return add_u16(L, buf, n + 1, LEX_MONTH, v, "", opts);
}

static int add_symbols(loader *L, UDateFormat *df, UDateFormatSymbolType type, lex_type lt,
                       int count, const double *values)
{
    for (int i = 0; i < count; i++) {
        UChar buf[128];
        UErrorCode st = U_ZERO_ERROR;
        int32_t n = udat_getSymbols(df, type, i, buf, 128, &st);
        if (U_FAILURE(st)) return icu_fail(L, "read date symbols", st);
        if (n == 0) continue;
        double v = values ? values[i] : i + 1;
        unsigned opts = 0;
        /* Where ICU capitalizes month names ("May", "März"), lowercase ones
         * are other words ("you may"). An am/pm written in capitals
         * ("AM") must be: German "am" is a preposition. */
        if (lt == LEX_MONTH && u_isupper(buf[0])) opts |= LEXO_CAP;
        if (lt == LEX_AMPM && u_isupper(buf[0])) opts |= LEXO_CASE;
        /* An abbreviation is a word of its own without its dot only where
         * it is capitalized: "Jan" but not Czech "pro" (for) or Spanish
         * "mar" (sea); those must be written "pro." and "mar.". */
        bool abbrev = type == UDAT_SHORT_MONTHS || type == UDAT_STANDALONE_SHORT_MONTHS;
        bool dot = buf[n - 1] == '.';
        int rc = TQE_OK;
        if (lt == LEX_MONTH && abbrev && !dot && u_islower(buf[0]) && !is_full_month(df, buf, n))
            rc = add_dotted(L, buf, n, v, opts);
        else
            rc = add_u16(L, buf, n, lt, v, "", opts);
        if (!rc && n > 1 && dot && (opts & LEXO_CAP)) rc = add_u16(L, buf, n - 1, lt, v, "", opts);
        if (rc) return rc;
    }
    return TQE_OK;
}

/* The order of day and month and their separator in the locale's numeric
 * date skeleton "Md" ("M/d", "d.M.", "dd.MM"); the hour-minute separator
 * of "Hm". */
static int load_patterns(loader *L)
{
    UErrorCode st = U_ZERO_ERROR;
    numlocale *loc = &L->x->loc;
    UDateTimePatternGenerator *g = udatpg_open(L->x->icu_locale, &st);
    if (U_FAILURE(st)) return icu_fail(L, "open the date pattern generator", st);
    UChar skel[4], pat[64];
    u_uastrcpy(skel, "Md");
    int32_t n = udatpg_getBestPattern(g, skel, -1, pat, 64, &st);
    loc->day_first = false;
    loc->date_sep = '/';
    for (int32_t i = 0; U_SUCCESS(st) && i < n; i++) {
        if (pat[i] == 'd' || pat[i] == 'M') {
            loc->day_first = pat[i] == 'd';
            while (i < n && (pat[i] == 'd' || pat[i] == 'M')) i++;
            if (i < n) loc->date_sep = pat[i];
            break;
        }
    }
    u_uastrcpy(skel, "Hm");
    n = udatpg_getBestPattern(g, skel, -1, pat, 64, &st);
    loc->time_sep = ':';
    for (int32_t i = 0; U_SUCCESS(st) && i + 1 < n; i++)
        if (pat[i] == 'H' && pat[i + 1] != 'H') {
            loc->time_sep = pat[i + 1];
            break;
        }
    u_uastrcpy(skel, "hm");
    n = udatpg_getBestPattern(g, skel, -1, pat, 64, &st);
    for (int32_t i = 0; U_SUCCESS(st) && i < n; i++)
        if (pat[i] == 'a' || pat[i] == 'h' || pat[i] == 'K') {
            loc->ampm_first = pat[i] == 'a';
            break;
        }
    udatpg_close(g);
    return U_FAILURE(st) ? icu_fail(L, "read date patterns", st) : TQE_OK;
}

static int load_dates(loader *L)
{
    static const double ampm[2] = {0, 12};
    static const UDateFormatSymbolType months[] = {
        UDAT_MONTHS, UDAT_SHORT_MONTHS, UDAT_STANDALONE_MONTHS, UDAT_STANDALONE_SHORT_MONTHS};
    static const UDateFormatSymbolType quarters[] = {UDAT_QUARTERS, UDAT_SHORT_QUARTERS,
                                                     UDAT_STANDALONE_QUARTERS,
                                                     UDAT_STANDALONE_SHORT_QUARTERS};
    UErrorCode st = U_ZERO_ERROR;
    UDateFormat *df =
        udat_open(UDAT_DEFAULT, UDAT_DEFAULT, L->x->icu_locale, NULL, 0, NULL, 0, &st);
    if (U_FAILURE(st)) return icu_fail(L, "open the date format", st);
    int rc = TQE_OK;
    for (size_t k = 0; rc == TQE_OK && k < TQE_ARRAY_LEN(months); k++)
        rc = add_symbols(L, df, months[k], LEX_MONTH, 12, NULL);
    for (size_t k = 0; rc == TQE_OK && k < TQE_ARRAY_LEN(quarters); k++)
        rc = add_symbols(L, df, quarters[k], LEX_QUARTER, 4, NULL);
    if (rc == TQE_OK) rc = add_symbols(L, df, UDAT_AM_PMS, LEX_AMPM, 2, ampm);
    udat_close(df);
    return rc ? rc : load_patterns(L);
}

/* ---- currencies ---- */

static bool all_letters(const UChar *s, int32_t n)
{
    for (int32_t i = 0; i < n; i++)
        if (!u_isalpha(s[i])) return false;
    return true;
}

/* The ISO code (in capitals only: "ALL", "TOP", "TRY" are words too), the
 * symbol ("$", "€", "US$"; a symbol of letters only, like "RM" or "Kč",
 * case-sensitive) and the long and plural names ("US dollars", "долларов
 * США", "美元") of one currency. */
static int add_currency(loader *L, const char *code)
{
    static const char *const plurals[] = {"one", "two", "few", "many", "other"};
    UChar iso[4];
    u_charsToUChars(code, iso, 3);
    iso[3] = 0;
    int rc = add_utf8(L, code, 3, LEX_CURRENCY, 0, code, LEXO_CASE);
    UErrorCode st = U_ZERO_ERROR;
    UBool choice;
    int32_t n;
    const UChar *s = ucurr_getName(iso, L->x->icu_locale, UCURR_SYMBOL_NAME, &choice, &n, &st);
    if (!rc && U_SUCCESS(st) && n > 0 && u_strncmp(s, iso, 3) != 0)
        rc = add_u16(L, s, n, LEX_CURRENCY, 0, code, all_letters(s, n) ? LEXO_CASE : 0);
    for (size_t k = 0; !rc && k <= TQE_ARRAY_LEN(plurals); k++) {
        st = U_ZERO_ERROR;
        s = k < TQE_ARRAY_LEN(plurals)
                ? ucurr_getPluralName(iso, L->x->icu_locale, &choice, plurals[k], &n, &st)
                : ucurr_getName(iso, L->x->icu_locale, UCURR_LONG_NAME, &choice, &n, &st);
        bool is_code = n == 3 && u_strncmp(s, iso, 3) == 0; /* ICU's fallback */
        if (U_SUCCESS(st) && n > 0 && !is_code) rc = add_u16(L, s, n, LEX_CURRENCY, 0, code, 0);
    }
    return rc;
}

static int load_currencies(loader *L)
{
    UErrorCode st = U_ZERO_ERROR;
    UEnumeration *en = ucurr_openISOCurrencies(UCURR_COMMON | UCURR_NON_DEPRECATED, &st);
    if (U_FAILURE(st)) return icu_fail(L, "list currencies", st);
    int rc = TQE_OK;
    const char *code;
    int32_t len;
    while (rc == TQE_OK && (code = uenum_next(en, &len, &st)) && U_SUCCESS(st))
        if (len == 3) rc = add_currency(L, code);
    uenum_close(en);
    if (rc == TQE_OK && U_FAILURE(st)) rc = icu_fail(L, "list currencies", st);
    return rc;
}

static bool part_type(lex_type t)
{
    return t == LEX_NUM || t == LEX_ORD || t == LEX_MULT || t == LEX_STEM;
}

int numlocale_finish(tqe_numbers *x)
{
    lexicon *lx = &x->lex;
    size_t n = lx->n;
    for (size_t i = 0; i < n; i++) {
        const lex_entry *e = &lx->e[i];
        const char *k = lx->arena + e->key;
        size_t len = strlen(k);
        if (e->natoms == 3 && (e->type == LEX_NUM || e->type == LEX_ORD) && strstr(k, " ' ")) {
            /* "п ' ять" is "п'ять" inside a compound ("п'ятимісячної") */
            char w[64];
            size_t wl = 0;
            for (size_t c = 0; c < len && wl < sizeof w; c++)
                if (k[c] != ' ') w[wl++] = k[c];
            double v = e->value;
            if (wl < sizeof w && lex_add(lx, w, wl, NULL, 0, 1, 0, LEX_STEM, v, "", 0))
                return tqe_oom(x->ctx);
            continue;
        }
        if (e->type != LEX_ORD || e->natoms != 1 || len < 5) continue;
        size_t cut = len - 1;
        while (cut > 0 && ((unsigned char)k[cut] & 0xC0) == 0x80) cut--;
        char stem[64];
        if (cut < 4 || cut >= sizeof stem) continue;
        memcpy(stem, k, cut);
        double v = e->value;
        if (lex_add(lx, stem, cut, NULL, 0, 1, 0, LEX_STEM, v, "", 0)) return tqe_oom(x->ctx);
    }
    for (size_t i = 0; i < lx->n; i++) {
        const lex_entry *e = &lx->e[i];
        if (!part_type((lex_type)e->type) || e->natoms != 1 || e->value < 2) continue;
        const unsigned char *k = (const unsigned char *)lx->arena + e->key;
        size_t len = strlen((const char *)k);
        if (len < 3) continue;
        x->part_first[k[0] >> 3] |= (uint8_t)(1u << (k[0] & 7));
        x->part_maxlen = TQE_MAX(x->part_maxlen, len);
    }
    return TQE_OK;
}

int numlocale_load_icu(tqe_numbers *x)
{
    loader L = {.x = x};
    int rc = load_symbols(&L);
    if (!rc) rc = load_spellout(&L);
    if (!rc) rc = load_dates(&L);
    if (!rc) rc = load_currencies(&L);
    tqe_buf_free(&L.key);
    return rc;
}
