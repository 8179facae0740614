/* lang.c - language codes given by users: a BCP 47 tag whose language ICU
 * knows ("de", "pt-BR", "zh-Hant", "sr-Latn"), refused with a clear message
 * otherwise, before any data is loaded for it. */
#include <unicode/uloc.h>

#include "internal.h"

static bool known_language(const char *lang)
{
    for (const char *const *l = uloc_getISOLanguages(); *l; l++)
        if (!strcmp(*l, lang)) return true;
    return false;
}

int tqe_lang_check(tqe_ctx *ctx, const char *tag, const char *role)
{
    char loc[ULOC_FULLNAME_CAPACITY], lang[ULOC_LANG_CAPACITY] = "";
    UErrorCode st = U_ZERO_ERROR;
    size_t n = tag ? strlen(tag) : 0;
    bool ok = n > 0 && n < 64;
    if (ok && strchr(tag, '_') && !strchr(tag, '-')) {
        /* a POSIX/ICU locale id: de_DE */
        uloc_getLanguage(tag, lang, (int32_t)sizeof(lang), &st);
    } else if (ok) {
        int32_t parsed = 0;
        uloc_forLanguageTag(tag, loc, (int32_t)sizeof(loc), &parsed, &st);
        ok = U_SUCCESS(st) && (size_t)parsed == n;
        if (ok) uloc_getLanguage(loc, lang, (int32_t)sizeof(lang), &st);
    }
    if (!ok || U_FAILURE(st) || !known_language(lang))
        return tqe_err(ctx, TQE_EINVAL,
                       "unknown %s language '%s' (expected an ISO 639 code such as en, de, es, "
                       "zh or pt-BR)",
                       role, tag ? tag : "");
    return TQE_OK;
}
