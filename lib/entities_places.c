/* entities_places.c - country names in the target language from ICU.
 *
 * equivalents/LANG.tsv is written by hand for some languages and lists
 * about 120 countries. ICU's locale data names every country and territory
 * in every language it knows ("Cambodia" is "Cambodge", "Kambodža",
 * "柬埔寨"), so a country's name is found in a translation into any of them,
 * and a name the hand-written list lacks is no longer taken for a dropped
 * one. The names are kept as a glossary keyed by the English names, which
 * the look-up consults after the user's glossary and the equivalents. */
#include <stdio.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>

#include "entities.h"
#include "glossary.h"

/* The name of territory `code` in `lang` into out (UTF-8); false when ICU
 * has none or it does not fit. */
static bool country_name(char *out, size_t cap, const char *code, const char *lang)
{
    char loc[16];
    snprintf(loc, sizeof(loc), "und_%s", code);
    UChar u[128];
    UErrorCode st = U_ZERO_ERROR;
    int32_t n = uloc_getDisplayCountry(loc, lang, u, 128, &st);
    /* ICU falls back to the process's default locale, or to the code, for
     * a language it has no names in ("Cambodia" as "KH" in Maori, as
     * "Kambodscha" under LANG=de_DE): those are no names of `lang`. */
    if (U_FAILURE(st) || st == U_USING_DEFAULT_WARNING || n <= 0 || n >= 128) return false;
    int32_t got = 0;
    u_strToUTF8(out, (int32_t)cap, &got, u, n, &st);
    return U_SUCCESS(st) && got > 0 && (size_t)got < cap && strcmp(out, code) != 0;
}

/* ICU's Russian names abbreviate "island(s)" ("о-в Мэн", "Фарерские
 * о-ва"), which texts write out ("на острове Мэн"). */
static void expand_abbreviations(char *s, size_t cap)
{
    static const struct {
        const char *abbr, *full;
    } ab[] = {{"о-ва", "острова"}, {"о-в", "остров"}};
    for (size_t k = 0; k < sizeof(ab) / sizeof(ab[0]); k++) {
        char *p = strstr(s, ab[k].abbr);
        size_t al = strlen(ab[k].abbr), fl = strlen(ab[k].full), n = strlen(s);
        if (!p || n - al + fl >= cap) continue;
        memmove(p + fl, p + al, n - (size_t)(p - s) - al + 1);
        memcpy(p, ab[k].full, fl);
    }
}

/* Names that cannot stand as a glossary term or form (with parentheses or
 * commas: "Congo (DRC)"), and ICU's name for a region it does not know. */
static bool usable(const char *s)
{
    return !strpbrk(s, "()|,\t\n") && strcmp(s, "Unknown Region") != 0;
}

int icu_country_names(tqe_glossary **out, tqe_ctx *ctx, const char *lang)
{
    *out = NULL;
    tqe_buf text = TQE_BUF_INIT;
    strtab seen = STRTAB_INIT;
    int rc = TQE_OK;
    for (const char *const *c = uloc_getISOCountries(); !rc && c && *c; c++) {
        char en[256], tg[256], key[GLOSSARY_KEY_MAX + 1];
        if (!country_name(en, sizeof(en), *c, "en") || !country_name(tg, sizeof(tg), *c, lang) ||
            !usable(en) || !usable(tg))
            continue;
        expand_abbreviations(tg, sizeof(tg));
        /* the glossary refuses a term twice */
        int kl = glossary_key(key, GLOSSARY_KEY_MAX, en, strlen(en));
        int dup = kl > 0 ? strtab_put(&seen, key, (size_t)kl, 0, NULL) : 1;
        if (dup < 0) rc = TQE_ENOMEM;
        if (!rc && !dup && tqe_buf_printf(&text, "%s\t%s\n", en, tg)) rc = TQE_ENOMEM;
    }
    if (!rc && text.len)
        rc = tqe_glossary_from_memory(out, ctx, text.data, text.len, "ICU country names");
    strtab_free(&seen);
    tqe_buf_free(&text);
    return rc == TQE_ENOMEM ? tqe_oom(ctx) : rc;
}
