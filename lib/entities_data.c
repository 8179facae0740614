/* entities_data.c - the data the entity check reads from references/entities/:
 * English word lists, per-language suffix rules and equivalents. Every file
 * is validated as it is read; a bad line is a TQE_EFORMAT "FILE:LINE: ...". */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "entities.h"
#include "glossary.h"

typedef enum wl_mode {
    WL_ASIS,  /* entries matched as written (stoplist) */
    WL_LOWER, /* lower-case words (common and function words) */
    WL_KEY,   /* names, filed under their glossary key (translatable) */
} wl_mode;

static int path_of(char *out, size_t cap, tqe_ctx *ctx, const char *dir, const char *rel)
{
    int n = snprintf(out, cap, "%s/entities/%s", dir, rel);
    if (n < 0 || (size_t)n >= cap) return tqe_err(ctx, TQE_EINVAL, "data path too long: %s", dir);
    return TQE_OK;
}

/* Why a word-list entry is malformed, or NULL. */
static const char *bad_entry(const char *s, size_t len, wl_mode mode)
{
    if (tqe_py_space_at(s, len, 0) || tqe_utf8_rstrip_len(s, len) != len)
        return "leading or trailing space";
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\t') return "TAB in a word-list entry";
        if (s[i] == ' ' && mode != WL_KEY) return "space in a single-word entry";
        if (s[i] == ' ' && i + 1 < len && s[i + 1] == ' ') return "double space";
        if (mode == WL_LOWER && s[i] >= 'A' && s[i] <= 'Z') return "not lower case";
    }
    return NULL;
}

static int wordlist_line(strtab *t, tqe_ctx *ctx, tqe_reader *rd, const char *line, size_t len,
                         wl_mode mode)
{
    const char *name = tqe_reader_name(rd);
    unsigned long long ln = (unsigned long long)tqe_reader_lineno(rd);
    const char *why = bad_entry(line, len, mode);
    if (why) return tqe_err(ctx, TQE_EFORMAT, "%s:%llu: %s: '%.*s'", name, ln, why, (int)len, line);
    char key[GLOSSARY_KEY_MAX + 1];
    const char *k = line;
    size_t klen = len;
    if (mode == WL_KEY) {
        int n = glossary_key(key, GLOSSARY_KEY_MAX, line, len);
        if (n <= 0)
            return tqe_err(ctx, TQE_EFORMAT, "%s:%llu: no usable name in '%.*s'", name, ln,
                           (int)len, line);
        k = key;
        klen = (size_t)n;
    }
    uint32_t idx;
    int rc = strtab_put(t, k, klen, (uint32_t)TQE_MIN(ln, UINT32_MAX), &idx);
    if (rc < 0) return tqe_oom(ctx);
    if (rc == 1)
        return tqe_err(ctx, TQE_EFORMAT, "%s:%llu: duplicate entry '%.*s' (first on line %u)", name,
                       ln, (int)len, line, strtab_value(t, idx));
    return TQE_OK;
}

/* One entry a line; '#' starts a comment line; blank lines are skipped. */
static int load_wordlist(strtab *t, tqe_ctx *ctx, const char *dir, const char *rel, wl_mode mode)
{
    char path[4096];
    int rc = path_of(path, sizeof(path), ctx, dir, rel);
    tqe_reader *rd = NULL;
    if (!rc) rc = tqe_reader_open(&rd, ctx, path, NULL);
    const char *line;
    size_t len;
    while (!rc && (rc = tqe_reader_next(rd, &line, &len)) == 1) {
        rc = 0;
        if (len == 0 || line[0] == '#') continue;
        rc = wordlist_line(t, ctx, rd, line, len, mode);
    }
    tqe_reader_free(rd);
    return rc;
}

/* A neutral consonant in the script of s: suffixes are normalized behind it,
 * so that a transliterator sees them inside a word, as they occur ("е" after
 * a consonant is "e" in BGN romanization, at the start of a word "ye"). */
static const char *consonant_for(const char *s)
{
    size_t i = 0;
    uint32_t c = tqe_u8_next(s, &i);
    if (c >= 0x400 && c <= 0x52F) return "\xD0\xB1"; /* б */
    if (c >= 0x370 && c <= 0x3FF) return "\xCE\xBA"; /* κ */
    return "b";
}

/* Normalize one suffix (or name ending) into out[SFX_MAX]. */
static int norm_suffix(normalizer *tn, tqe_ctx *ctx, tqe_buf *tmp, const char *s, size_t len,
                       char *out, uint8_t *out_len)
{
    const char *pre = consonant_for(s);
    char buf[SFX_MAX * 4 + 8];
    size_t pl = strlen(pre);
    if (len + pl >= sizeof(buf)) return 1;
    memcpy(buf, pre, pl);
    memcpy(buf + pl, s, len);
    tqe_buf_clear(tmp);
    span p, w;
    int rc = normalizer_one(tn, ctx, tmp, pre, pl, &p);
    if (!rc) rc = normalizer_one(tn, ctx, tmp, buf, pl + len, &w);
    if (rc) return rc;
    size_t np = p.end - p.start, nw = w.end - w.start;
    const char *wk = tmp->data + w.start;
    if (nw >= np && memcmp(wk, tmp->data + p.start, np) == 0) {
        wk += np;
        nw -= np;
    }
    if (nw >= SFX_MAX) return 1;
    memcpy(out, wk, nw);
    out[nw] = '\0';
    *out_len = (uint8_t)nw;
    return TQE_OK;
}

static bool letters_only(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        uint32_t c = tqe_u8_next(s, &i);
        if (!glossary_is_word_cp(c) || (c >= '0' && c <= '9')) return false;
    }
    return len > 0;
}

static int add_rule(ent_data *d, tqe_ctx *ctx, const sfx_rule *r)
{
    if (tqe_grow((void **)&d->rules, &d->rules_cap, d->nrules + 1, sizeof(*d->rules)))
        return tqe_oom(ctx);
    d->rules[d->nrules++] = *r;
    return TQE_OK;
}

/* "ENDING<TAB>SUFFIX|SUFFIX|...": ENDING is "-" or what a name loses before
 * a suffix; "*" as a suffix means any continuation (closed compounds). */
static int suffix_line(ent_data *d, tqe_ctx *ctx, normalizer *tn, tqe_buf *tmp, const char *name,
                       unsigned long long ln, const char *line, size_t len)
{
    const char *tab = memchr(line, '\t', len);
    if (!tab || memchr(tab + 1, '\t', len - (size_t)(tab - line) - 1))
        return tqe_err(ctx, TQE_EFORMAT, "%s:%llu: expected 'ENDING<TAB>SUFFIX|SUFFIX...'", name,
                       ln);
    size_t el = (size_t)(tab - line);
    sfx_rule r = {{0}, {0}, 0, 0, false};
    if (!(el == 1 && line[0] == '-')) {
        if (!letters_only(line, el))
            return tqe_err(ctx, TQE_EFORMAT, "%s:%llu: ending '%.*s' is not '-' or letters", name,
                           ln, (int)el, line);
        int rc = norm_suffix(tn, ctx, tmp, line, el, r.end, &r.end_len);
        if (rc < 0) return rc;
        if (rc) return tqe_err(ctx, TQE_EFORMAT, "%s:%llu: ending too long", name, ln);
    }
    const char *p = tab + 1, *end = line + len;
    while (p <= end) {
        const char *bar = memchr(p, '|', (size_t)(end - p));
        const char *q = bar ? bar : end;
        size_t n = (size_t)(q - p);
        sfx_rule x = r;
        if (n == 1 && *p == '*') {
            x.any = true;
        } else if (!letters_only(p, n)) {
            return tqe_err(ctx, TQE_EFORMAT, "%s:%llu: suffix '%.*s' is not letters or '*'", name,
                           ln, (int)n, p);
        } else {
            int rc = norm_suffix(tn, ctx, tmp, p, n, x.add, &x.add_len);
            if (rc < 0) return rc;
            if (rc) return tqe_err(ctx, TQE_EFORMAT, "%s:%llu: suffix too long", name, ln);
        }
        /* a suffix that romanizes to nothing (the soft sign) adds nothing */
        int rc = x.any || x.add_len ? add_rule(d, ctx, &x) : TQE_OK;
        if (rc) return rc;
        p = q + 1;
    }
    return TQE_OK;
}

static bool file_exists(const char *path)
{
    return access(path, F_OK) == 0;
}

static int load_suffixes(ent_data *d, tqe_ctx *ctx, const char *dir, const char *lang,
                         normalizer *tn)
{
    char rel[64], path[4096];
    snprintf(rel, sizeof(rel), "suffixes/%s.tsv", lang);
    int rc = path_of(path, sizeof(path), ctx, dir, rel);
    if (rc || !file_exists(path)) return rc;
    tqe_reader *rd;
    rc = tqe_reader_open(&rd, ctx, path, NULL);
    if (rc) return rc;
    tqe_buf tmp = TQE_BUF_INIT;
    const char *line;
    size_t len;
    while ((rc = tqe_reader_next(rd, &line, &len)) == 1) {
        rc = 0;
        if (len == 0 || line[0] == '#') continue;
        rc = suffix_line(d, ctx, tn, &tmp, path, (unsigned long long)tqe_reader_lineno(rd), line,
                         len);
        if (rc) break;
    }
    tqe_buf_free(&tmp);
    tqe_reader_free(rd);
    return rc;
}

static int load_equivalents(ent_data *d, tqe_ctx *ctx, const char *dir, const char *lang)
{
    char rel[64], path[4096];
    snprintf(rel, sizeof(rel), "equivalents/%s.tsv", lang);
    int rc = path_of(path, sizeof(path), ctx, dir, rel);
    if (rc || !file_exists(path)) return rc;
    return tqe_glossary_load(&d->equiv, ctx, path);
}

/* en/metonyms.tsv: a capital or seat of power and what it stands for
 * ("Moscow" for "Russia"), in the glossary format; optional. */
static int load_metonyms(ent_data *d, tqe_ctx *ctx, const char *dir)
{
    char path[4096];
    int rc = path_of(path, sizeof(path), ctx, dir, "en/metonyms.tsv");
    if (rc || !file_exists(path)) return rc;
    return tqe_glossary_load(&d->metonyms, ctx, path);
}

int ent_data_load(ent_data *d, tqe_ctx *ctx, const char *dir, const char *lang, normalizer *tn)
{
    int rc = load_wordlist(&d->stop, ctx, dir, "en/stoplist.txt", WL_ASIS);
    if (!rc) rc = load_wordlist(&d->common, ctx, dir, "en/common.txt", WL_LOWER);
    /* counted from English text (scripts/frequent_words.sh); a word in both
     * files is a duplicate, as within one */
    if (!rc) rc = load_wordlist(&d->common, ctx, dir, "en/frequent.txt", WL_LOWER);
    if (!rc) rc = load_wordlist(&d->function, ctx, dir, "en/function.txt", WL_LOWER);
    if (!rc) rc = load_wordlist(&d->translatable, ctx, dir, "en/translatable.txt", WL_KEY);
    /* translatable too: a name in both files is a duplicate */
    if (!rc) rc = load_wordlist(&d->translatable, ctx, dir, "en/ordinary.txt", WL_KEY);
    if (!rc) rc = load_wordlist(&d->ordinary, ctx, dir, "en/ordinary.txt", WL_KEY);
    if (!rc) rc = load_suffixes(d, ctx, dir, lang, tn);
    if (!rc) rc = load_equivalents(d, ctx, dir, lang);
    if (!rc) rc = icu_country_names(&d->places, ctx, lang);
    if (!rc) rc = load_metonyms(d, ctx, dir);
    return rc;
}

void ent_data_free(ent_data *d)
{
    strtab_free(&d->stop);
    strtab_free(&d->common);
    strtab_free(&d->function);
    strtab_free(&d->translatable);
    strtab_free(&d->ordinary);
    free(d->rules);
    tqe_glossary_free(d->equiv);
    tqe_glossary_free(d->places);
    tqe_glossary_free(d->metonyms);
    memset(d, 0, sizeof(*d));
}
