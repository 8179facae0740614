/* numbers.c - the number extractor handle: opening (data files, then ICU,
 * then the language-independent fallbacks) and extraction. */
#include <unicode/uloc.h>

#include "numbers_grammar.h"

static bool valid_lang(const char *lang)
{
    size_t n = strlen(lang);
    if (n == 0 || n >= 32) return false;
    for (size_t i = 0; i < n; i++) {
        char c = lang[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_'))
            return false;
    }
    return true;
}

/* locales/<lang>.tsv, else the base language's ("pt" for "pt-BR"). */
static int load_lang_file(tqe_numbers *x, const char *data_dir)
{
    char path[4096];
    int n = snprintf(path, sizeof path, "%s/locales/%s.tsv", data_dir, x->lang);
    if (n < 0 || (size_t)n >= sizeof path)
        return tqe_err(x->ctx, TQE_EINVAL, "numbers: data directory path too long");
    FILE *fp = fopen(path, "rb");
    if (fp) {
        fclose(fp);
        return numdata_load(x, path, false);
    }
    size_t base = strcspn(x->lang, "-_");
    if (base == strlen(x->lang)) return TQE_OK;
    snprintf(path, sizeof path, "%s/locales/%.*s.tsv", data_dir, (int)base, x->lang);
    return numdata_load(x, path, true);
}

int tqe_numbers_new(tqe_numbers **out, tqe_ctx *ctx, const char *lang, const char *data_dir)
{
    *out = NULL;
    if (!lang || !valid_lang(lang))
        return tqe_err(ctx, TQE_EINVAL, "numbers: invalid language '%s'", lang ? lang : "(null)");
    tqe_numbers *x = calloc(1, sizeof(*x));
    if (!x) return tqe_oom(ctx);
    x->ctx = ctx;
    snprintf(x->lang, sizeof x->lang, "%s", lang);
    UErrorCode st = U_ZERO_ERROR;
    uloc_forLanguageTag(lang, x->icu_locale, (int32_t)sizeof x->icu_locale, NULL, &st);
    if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING || !x->icu_locale[0])
        snprintf(x->icu_locale, sizeof x->icu_locale, "%s", lang);
    /* Data files first: the lexicon keeps entries in insertion order, so a
     * language file's word wins over what ICU generated, and ICU's over the
     * fallbacks of mul.tsv. */
    int rc = data_dir ? load_lang_file(x, data_dir) : TQE_OK;
    if (!rc) rc = numlocale_load_icu(x);
    if (!rc && data_dir) {
        char path[4096];
        snprintf(path, sizeof path, "%s/locales/mul.tsv", data_dir);
        rc = numdata_load(x, path, false);
    }
    if (!rc) rc = numlocale_finish(x);
    if (rc) {
        tqe_numbers_free(x);
        return rc;
    }
    *out = x;
    return TQE_OK;
}

void tqe_numbers_free(tqe_numbers *x)
{
    if (!x) return;
    lex_free(&x->lex);
    scanner_free(&x->sc);
    free(x->pm);
    free(x->pm_first);
    free(x->out);
    free(x->aux);
    free(x);
}

const char *tqe_numbers_lang(const tqe_numbers *x)
{
    return x->lang;
}

/* One grammar step at atom i: the atoms it consumed (at least 1). */
static size_t parse_at(tqe_numbers *x, size_t i)
{
    size_t n;
    if (phrase_at(x, i, BIT(LEX_IGNORE), &n)) return n;
    /* a unit written with digits, alone ("g/m2"), has no number of its own */
    if (phrase_at(x, i, BIT(LEX_UNIT), &n) && n > 1) return n;
    if ((n = try_vague(x, i))) return n;
    if ((n = try_quarter(x, i))) return n;
    if ((n = try_month_day(x, i))) return n;
    if ((n = try_mult_word(x, i))) return n;
    if ((n = try_amount(x, i))) return n;
    if ((n = try_part_word(x, i))) return n;
    return 1;
}

int tqe_numbers_extract(tqe_numbers *x, const char *text, size_t len, const tqe_number **out,
                        size_t *n)
{
    *out = NULL;
    *n = 0;
    if (len >= INT32_MAX)
        return tqe_err(x->ctx, TQE_ELIMIT, "numbers: text of %zu bytes is too long", len);
    x->text = text;
    x->nout = 0;
    x->oom = false;
    if (scan_text(&x->sc, &x->loc, text, len) || match_phrases(x)) return tqe_oom(x->ctx);
    for (size_t i = 0; i < NATOMS(x);) i += parse_at(x, i);
    if (x->oom) return tqe_oom(x->ctx);
    link_ranges(x);
    *out = x->out;
    *n = x->nout;
    return TQE_OK;
}
