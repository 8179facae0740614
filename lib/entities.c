/* entities.c - the entity-preservation check: the handle (ICU services and
 * data opened once), and the checks that turn lookups into tqe_issues. */
#include <stdio.h>
#include <unicode/uloc.h>

#include "entities.h"
#include "glossary.h"
#include "utf8.h"

static const char *const kind_names[TQE_ENT_KIND_COUNT] = {
    "name", "acronym", "camel",  "alnum",   "title",
    "url",  "email",   "handle", "hashtag", "placeholder",
};

/* What an analyst calls each kind, in messages. */
static const char *const kind_nouns[TQE_ENT_KIND_COUNT] = {
    "name", "acronym",        "name",   "name",    "title",
    "URL",  "e-mail address", "handle", "hashtag", "placeholder",
};

const char *tqe_entity_kind_name(tqe_entity_kind k)
{
    return (unsigned)k < TQE_ENT_KIND_COUNT ? kind_names[k] : NULL;
}

/* Target languages not written in Latin script, and how their words are
 * brought back to Latin for matching. Any other language is taken to write
 * borrowed names in Latin script. */
/* Ukrainian and Belarusian write English g and h alike with "г", which BGN
 * romanizes "h"; made "ґ" first, it comes out as "g", which the skeletons
 * already hold close to "h" ("Reagan" is "Рейган"). */
#define G_NOT_H "\\u0433 > \\u0491; \\u0413 > \\u0490;"

static const struct {
    const char *lang;
    tscript script;
    const char *romanize;
    const char *pre_rules; /* ICU rules applied before romanizing, or NULL */
} langs[] = {
    {"ru", TS_CYRILLIC, "Russian-Latin/BGN", NULL},
    {"uk", TS_CYRILLIC, "Ukrainian-Latin/BGN", G_NOT_H},
    {"be", TS_CYRILLIC, "Belarusian-Latin/BGN", G_NOT_H},
    {"bg", TS_CYRILLIC, "Bulgarian-Latin/BGN", NULL},
    {"sr", TS_CYRILLIC, "Serbian-Latin/BGN", NULL},
    {"mk", TS_CYRILLIC, "Macedonian-Latin/BGN", NULL},
    {"kk", TS_CYRILLIC, "Kazakh-Latin/BGN", NULL},
    {"ky", TS_CYRILLIC, "Kirghiz-Latin/BGN", NULL},
    {"mn", TS_CYRILLIC, "Mongolian-Latin/BGN", NULL},
    {"tg", TS_CYRILLIC, "Cyrillic-Latin", NULL},
    {"el", TS_GREEK, "Greek-Latin/UNGEGN", NULL},
    {"zh", TS_OTHER, NULL, NULL},
    {"ja", TS_OTHER, NULL, NULL},
    {"ko", TS_OTHER, NULL, NULL},
    {"th", TS_OTHER, NULL, NULL},
    {"ar", TS_OTHER, NULL, NULL},
    {"fa", TS_OTHER, NULL, NULL},
    {"he", TS_OTHER, NULL, NULL},
    {"hi", TS_OTHER, NULL, NULL},
    {"bn", TS_OTHER, NULL, NULL},
    {"ta", TS_OTHER, NULL, NULL},
    {"te", TS_OTHER, NULL, NULL},
    {"ur", TS_OTHER, NULL, NULL},
    {"ka", TS_OTHER, NULL, NULL},
    {"hy", TS_OTHER, NULL, NULL},
    {"am", TS_OTHER, NULL, NULL},
    {"my", TS_OTHER, NULL, NULL},
    {"km", TS_OTHER, NULL, NULL},
    {"lo", TS_OTHER, NULL, NULL},
    {"si", TS_OTHER, NULL, NULL},
    {"mr", TS_OTHER, NULL, NULL},
    {"ne", TS_OTHER, NULL, NULL},
    {"gu", TS_OTHER, NULL, NULL},
    {"pa", TS_OTHER, NULL, NULL},
    {"kn", TS_OTHER, NULL, NULL},
    {"ml", TS_OTHER, NULL, NULL},
};

/* The primary subtag of a BCP 47 tag, lower-cased: "pt-BR" -> "pt". */
static bool primary_subtag(char out[4], const char *tag)
{
    size_t n = 0;
    for (; tag[n] && tag[n] != '-' && tag[n] != '_'; n++) {
        char c = tag[n];
        if (n >= 3 || !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
        out[n] = (char)(c | 0x20);
    }
    out[n] = '\0';
    return n >= 2;
}

static int open_breaks(tqe_entities *e)
{
    UErrorCode st = U_ZERO_ERROR;
    e->wb = ubrk_open(UBRK_WORD, "en", NULL, 0, &st);
    /* "ss=standard" keeps "Mr. Smith" and "U.S. officials" in one sentence */
    if (U_SUCCESS(st)) e->sb = ubrk_open(UBRK_SENTENCE, "en@ss=standard", NULL, 0, &st);
    if (U_FAILURE(st))
        return tqe_err(e->ctx, TQE_EICU, "cannot open ICU break iterators: %s", u_errorName(st));
    return TQE_OK;
}

static int open_normalizers(tqe_entities *e)
{
    const char *rom = NULL, *pre = NULL;
    e->script = TS_LATIN;
    for (size_t i = 0; i < TQE_ARRAY_LEN(langs); i++)
        if (strcmp(langs[i].lang, e->lang) == 0) {
            e->script = langs[i].script;
            rom = langs[i].romanize;
            pre = langs[i].pre_rules;
        }
    char id[160];
    /* NFKC first: full-width Latin in CJK text is ordinary Latin. */
    if (rom)
        snprintf(id, sizeof(id), "NFKC; %s; Cyrillic-Latin; Greek-Latin; Latin-ASCII", rom);
    else
        snprintf(id, sizeof(id), "NFKC; Latin-ASCII");
    e->sound = sound_table_for(e->lang);
    int rc = normalizer_open(&e->tgt_norm, e->ctx, id, pre);
    return rc ? rc : normalizer_open(&e->src_norm, e->ctx, "NFKC; Latin-ASCII", NULL);
}

int tqe_entities_new(tqe_entities **out, tqe_ctx *ctx, const char *src_lang, const char *tgt_lang,
                     const char *data_dir)
{
    assert(out && src_lang && tgt_lang);
    *out = NULL;
    char src[4], tgt[4];
    if (!primary_subtag(src, src_lang) || strcmp(src, "en") != 0)
        return tqe_err(ctx, TQE_EINVAL, "entity check: source language must be English, not '%s'",
                       src_lang);
    if (!primary_subtag(tgt, tgt_lang))
        return tqe_err(ctx, TQE_EINVAL, "entity check: bad target language tag '%s'", tgt_lang);
    /* the word lists are not optional: there are no built-in defaults */
    if (!data_dir)
        return tqe_err(ctx, TQE_EINVAL,
                       "entity check: no data directory (tqe's references/) was given");
    tqe_entities *e = calloc(1, sizeof(*e));
    if (!e) return tqe_oom(ctx);
    e->ctx = ctx;
    memcpy(e->lang, tgt, sizeof(tgt));
    int rc = open_breaks(e);
    if (!rc) rc = open_normalizers(e);
    if (!rc) rc = ent_data_load(&e->data, ctx, data_dir, e->lang, &e->tgt_norm);
    if (rc) {
        tqe_entities_free(e);
        return rc;
    }
    *out = e;
    return TQE_OK;
}

void tqe_entities_free(tqe_entities *e)
{
    if (!e) return;
    if (e->wb) ubrk_close(e->wb);
    if (e->sb) ubrk_close(e->sb);
    normalizer_close(&e->src_norm);
    normalizer_close(&e->tgt_norm);
    ent_data_free(&e->data);
    strtab_free(&e->doc_lower);
    strtab_free(&e->doc_acros);
    strtab_free(&e->doc_spelled);
    strtab_free(&e->lower_seen);
    strtab_free(&e->src_skels);
    strtab_free(&e->seen);
    free(e->tok);
    free(e->special);
    free(e->tspecial);
    free(e->ents);
    free(e->extra);
    free(e->units);
    free(e->sw);
    free(e->fw);
    free(e->tw);
    free(e->tspans);
    tqe_buf_free(&e->keys);
    tqe_buf_free(&e->fkeys);
    tqe_buf_free(&e->tkeys);
    tqe_buf_free(&e->tskels);
    tqe_buf_free(&e->scratch);
    free(e);
}

int tqe_entities_add_context(tqe_entities *e, const char *text, size_t len)
{
    if (collect_lower_words(&e->doc_lower, text, len)) return tqe_oom(e->ctx);
    return collect_expanded_acronyms(e, text, len);
}

static int copy_strtab(strtab *dst, const strtab *src)
{
    strtab_clear(dst);
    for (uint32_t i = 0; i < strtab_count(src); i++) {
        size_t len;
        const char *k = strtab_key(src, i, &len);
        if (strtab_put(dst, k, len, 0, NULL) < 0) return TQE_ENOMEM;
    }
    return TQE_OK;
}

int tqe_entities_copy_context(tqe_entities *dst, const tqe_entities *src)
{
    if (copy_strtab(&dst->doc_lower, &src->doc_lower) ||
        copy_strtab(&dst->doc_acros, &src->doc_acros) ||
        copy_strtab(&dst->doc_spelled, &src->doc_spelled))
        return tqe_oom(dst->ctx);
    return TQE_OK;
}

void entities_set_tally(tqe_entities *e, tqe_name_tally *t)
{
    e->tally = t;
}

void tqe_entities_clear_context(tqe_entities *e)
{
    strtab_clear(&e->doc_lower);
    strtab_clear(&e->doc_acros);
    strtab_clear(&e->doc_spelled);
}

int tqe_entities_extract(tqe_entities *e, const char *text, size_t len, const tqe_entity **out,
                         size_t *n)
{
    int rc = extract_entities(e, text, len);
    *out = rc ? NULL : e->ents;
    *n = rc ? 0 : e->nents;
    return rc;
}

/* ---- the entity check ---------------------------------------------------- */

/* Forms the user's glossary (first), the language's equivalents or ICU's
 * country names give for text, if any. */
static bool lookup_forms(const tqe_entities *e, const tqe_glossary *g, const char *text, size_t len,
                         const char *const **forms, size_t *n, int *verbatim)
{
    if (g && tqe_glossary_lookup(g, text, len, forms, n, verbatim)) return true;
    if (e->data.equiv && tqe_glossary_lookup(e->data.equiv, text, len, forms, n, verbatim))
        return true;
    return e->data.places && tqe_glossary_lookup(e->data.places, text, len, forms, n, verbatim);
}

/* An acronym of an ordinary thing (en/ordinary.txt: TV, VAT, MP) is a
 * common noun that translations render as they please ("televizním
 * seriálem", "Toryové" for "Tory MPs"): found through its forms it counts,
 * not found it is not reported, unless the user's glossary lists it. */
static bool ordinary_unlisted(const tqe_entities *e, const tqe_glossary *g, const char *text,
                              size_t len)
{
    char key[GLOSSARY_KEY_MAX + 1];
    int kl = glossary_key(key, GLOSSARY_KEY_MAX, text, len);
    return kl > 0 && strtab_find(&e->data.ordinary, key, (size_t)kl, NULL) &&
           !(g && glossary_find_key(g, key, (size_t)kl) >= 0);
}

/* "Deutschland | Dt." for a message: at most a few forms. */
static void list_forms(char *out, size_t cap, const char *const *forms, size_t n)
{
    size_t o = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n && i < 4 && o < cap; i++) {
        int k = snprintf(out + o, cap - o, "%s%s", i ? " | " : "", forms[i]);
        if (k < 0) break;
        o += (size_t)k;
    }
    if (n > 4 && o < cap) o += (size_t)snprintf(out + o, cap - o, " | ...");
    /* A long list is cut at the buffer's end: never inside a character. */
    if (o >= cap) utf8_trim_cut(out);
}

/* The outcome of checking one entity. */
typedef struct verdict {
    bool checked, ok;
    const eunit *failed; /* the unit not found (NULL: the entity as a whole) */
    span near;           /* a near miss in the translation, or TQE_NO_SPAN */
    char forms[160];     /* allowed forms, when a glossary or equivalents gave them */
} verdict;

/* Look one unit up: *checked is false when there is nothing to look for
 * (a translated word without forms, a transliterated name in a script we do
 * not romanize); otherwise *route and *near as match_unit() gives them. */
static int check_unit(tqe_entities *e, const eunit *u, const tqe_glossary *g, verdict *v,
                      bool *checked, match_route *route, span *near)
{
    const char *const *forms;
    size_t nf;
    int verb;
    bool has_forms =
        lookup_forms(e, g, e->text + u->src.start, u->src.end - u->src.start, &forms, &nf, &verb);
    /* A name in Chinese or Japanese text may be transliterated, and the
     * title of a work translated ("The Gilded Age" as "Позолоченный век"),
     * which cannot be checked; written in Latin letters, they can: found,
     * or misspelled ("Georgiadis" as "Georgaidis"). Not found, they count
     * as not checked. */
    bool soft = (e->script == TS_OTHER && u->name) || e->ents[u->ent].kind == TQE_ENT_TITLE;
    *checked = has_forms || !(u->trans || soft);
    *route = M_NONE;
    *near = (span){TQE_NO_SPAN, TQE_NO_SPAN};
    if (!*checked && soft && !u->trans) {
        int rc = match_unit(e, u, route, near);
        *checked = *route != M_NONE || near->start != TQE_NO_SPAN;
        return rc;
    }
    if (!*checked) return TQE_OK;
    if (has_forms) {
        bool found;
        int rc = match_forms(e, forms, nf, verb, &found);
        if (rc) return rc;
        list_forms(v->forms, sizeof(v->forms), forms, nf);
        if (found) *route = M_FORM;
        const char *ut = e->text + u->src.start;
        size_t ul = u->src.end - u->src.start;
        if (!found && u->trans && ordinary_unlisted(e, g, ut, ul)) {
            /* kept as written it is still found ("TV" in a Czech text) */
            rc = match_unit(e, u, route, near);
            *checked = *route == M_EXACT || *route == M_FOLDED;
            *near = (span){TQE_NO_SPAN, TQE_NO_SPAN};
            return rc;
        }
        if (found || !u->trans) return found ? TQE_OK : match_unit(e, u, route, near);
        /* A translatable word the translation keeps as written is there
         * ("VVI Ltd. England"); a word a letter off it may be a word of
         * the language, no misspelling. */
        rc = match_unit(e, u, route, near);
        if (*route != M_EXACT && *route != M_FOLDED) *route = M_NONE;
        *near = (span){TQE_NO_SPAN, TQE_NO_SPAN};
        return rc;
    }
    return match_unit(e, u, route, near);
}

/* Are the words of entity i written as one word of the translation
 * ("Cape Town" as "Кейптаун", "Hong Kong" as "Hongkong")? The words run
 * together, each read as English sounds it ("Cape" = "keip"), make a unit
 * of their own, looked up as any. Names of two to four ASCII words only. */
static int joined_found(tqe_entities *e, size_t i, bool *found)
{
    const tqe_entity *ent = &e->ents[i];
    const char *t = e->text;
    char key[EDIT_MAX], ph[EDIT_MAX], w[EDIT_MAX], sk[EDIT_MAX];
    size_t kl = 0, pl = 0, words = 0;
    *found = false;
    for (size_t p = ent->start; p < ent->end;) {
        size_t wl = 0;
        for (; p < ent->end && ((t[p] | 0x20) >= 'a' && (t[p] | 0x20) <= 'z'); p++) {
            if (wl + 1 >= sizeof(w)) return TQE_OK;
            w[wl++] = (char)(t[p] | 0x20);
        }
        if (p < ent->end && t[p] != ' ' && t[p] != '-') return TQE_OK;
        for (; p < ent->end && (t[p] == ' ' || t[p] == '-'); p++) continue;
        if (!wl) continue;
        size_t n = english_sounds(sk, sizeof(sk), w, wl);
        const char *snd = n ? sk : w;
        n = n ? n : wl;
        if (kl + wl >= sizeof(key) || pl + n >= sizeof(ph)) return TQE_OK;
        memcpy(key + kl, w, wl), kl += wl;
        memcpy(ph + pl, snd, n), pl += n;
        words++;
    }
    if (words < 2 || words > 4) return TQE_OK;
    eunit j;
    memset(&j, 0, sizeof(j));
    j.src = (span){ent->start, ent->end};
    j.ent = (uint32_t)i;
    j.name = true;
    j.key = (span){e->keys.len, e->keys.len + kl};
    if (tqe_buf_append(&e->keys, key, kl)) return tqe_oom(e->ctx);
    int rc = unit_skeletons(e, &j, key, kl, ph, pl);
    if (rc) return rc;
    match_route route;
    span near;
    rc = match_unit(e, &j, &route, &near);
    *found = route != M_NONE;
    return rc;
}

/* Check the units of entity i. */
static int check_units(tqe_entities *e, size_t i, const tqe_glossary *g, verdict *v)
{
    const eextra *x = &e->extra[i];
    const eunit *missing = NULL, *hard = NULL, *last = NULL;
    span none = {TQE_NO_SPAN, TQE_NO_SPAN}, near = none, hard_near = none;
    bool last_found = false;
    for (uint32_t k = 0; k < x->nunits; k++) {
        const eunit *u = &e->units[x->unit0 + k];
        bool checked;
        match_route route;
        span nr;
        int rc = check_unit(e, u, g, v, &checked, &route, &nr);
        if (rc) return rc;
        if (!checked) continue;
        v->checked = true;
        last = u;
        last_found = route != M_NONE;
        if (route != M_NONE) continue;
        if (!missing) {
            missing = u;
            near = nr;
        }
        /* a given name left out is no loss ("Präsident Putin" for "President
         * Vladimir Putin"); a misspelled one is */
        if ((!u->name || nr.start != TQE_NO_SPAN) && !hard) {
            hard = u;
            hard_near = nr;
        }
    }
    /* The surname is there: a given name may be dropped, or romanized every
     * which way ("Michael" is "Майкл", "Михаэль"); only a near miss counts. */
    if (missing && missing != last && last->name && last_found) {
        missing = hard;
        near = hard_near;
    }
    bool joined = false;
    if (missing) {
        int rc = joined_found(e, i, &joined);
        if (rc) return rc;
    }
    if (joined) missing = NULL;
    v->failed = missing;
    if (missing) v->near = near;
    v->ok = missing == NULL;
    return TQE_OK;
}

static int check_one(tqe_entities *e, size_t i, const tqe_glossary *g, verdict *v);

/* Add the source's words that start as `name` does (its first four
 * letters, any case: "Russian" for "Russia", "British" for "Britain"): a
 * mention of the name in the translation may be one of theirs. */
static void source_mentions(const tqe_entities *e, const char *name, places *p)
{
    size_t n = strlen(name) < 4 ? strlen(name) : 4;
    const char *t = e->text;
    for (size_t i = 0; i + n <= e->text_len; i++) {
        bool start = i == 0 || !(((t[i - 1] | 0x20) >= 'a' && (t[i - 1] | 0x20) <= 'z'));
        size_t k = 0;
        while (start && k < n && (t[i + k] | 0x20) == (name[k] | 0x20)) k++;
        if (k == n) places_add(p, i, i + n);
    }
}

/* Does the translation name what entity i stands for ("Moscow says" as
 * "Russia says", "the Kremlin" as "the Russian government")? Looked up in
 * en/metonyms.tsv; the stand-in counts when the translation names it, by
 * any of its names' forms in this language, in more places than the
 * source does by any of its names ("Moscow says NATO threatens Russia" as
 * "ロシア側は...ロシアを"; "US" and "United States" are one stand-in). */
static int metonym_found(tqe_entities *e, size_t i, const tqe_glossary *g, bool *found)
{
    const tqe_entity *ent = &e->ents[i];
    const char *const *names, *const *forms;
    size_t nn, nf;
    int verb;
    *found = false;
    if (!e->data.metonyms || !tqe_glossary_lookup(e->data.metonyms, e->text + ent->start,
                                                  ent->end - ent->start, &names, &nn, &verb))
        return TQE_OK;
    places said = {.n = 0}, seen = {.n = 0};
    for (size_t k = 0; k < nn; k++) {
        if (!lookup_forms(e, g, names[k], strlen(names[k]), &forms, &nf, &verb)) continue;
        source_mentions(e, names[k], &said);
        int rc = count_forms(e, forms, nf, verb, &seen);
        if (rc) return rc;
    }
    *found = seen.n > said.n;
    return TQE_OK;
}

/* check_one(), then the entity's stand-ins when it is not found; a
 * misspelling of the name itself ("Moskwa") is still one. */
static int check_one_or_metonym(tqe_entities *e, size_t i, const tqe_glossary *g, verdict *v)
{
    int rc = check_one(e, i, g, v);
    if (rc || !v->checked || v->ok || v->near.start != TQE_NO_SPAN) return rc;
    bool found;
    rc = metonym_found(e, i, g, &found);
    if (!rc && found) v->ok = true;
    return rc;
}

static int check_one(tqe_entities *e, size_t i, const tqe_glossary *g, verdict *v)
{
    const tqe_entity *ent = &e->ents[i];
    memset(v, 0, sizeof(*v));
    v->near = (span){TQE_NO_SPAN, TQE_NO_SPAN};
    if (ent->kind >= TQE_ENT_URL) {
        v->checked = true;
        v->ok = match_special(e, (span){ent->start, ent->end}, ent->kind, &v->near) != M_NONE;
        return TQE_OK;
    }
    const char *const *forms;
    size_t nf;
    int verb;
    bool has_forms =
        lookup_forms(e, g, e->text + ent->start, ent->end - ent->start, &forms, &nf, &verb);
    /* kept whole, as written ("Hauts-de-France" holds a "France" that is
     * otherwise translated) */
    if ((has_forms || e->extra[i].nunits > 0) &&
        find_word_bytes(e->tgt, e->tgt_len, e->text + ent->start, ent->end - ent->start, false)) {
        v->checked = v->ok = true;
        return TQE_OK;
    }
    if (has_forms) {
        int rc = match_forms(e, forms, nf, verb, &v->ok);
        if (rc) return rc;
        v->checked = v->ok || !ordinary_unlisted(e, g, e->text + ent->start, ent->end - ent->start);
        if (!v->checked) return TQE_OK;
        list_forms(v->forms, sizeof(v->forms), forms, nf);
        if (v->ok || (ent->flags & TQE_ENT_TRANSLATABLE)) return TQE_OK;
    }
    return check_units(e, i, g, v);
}

static int report(tqe_issue_list *out, tqe_entities *e, size_t i, const verdict *v)
{
    const tqe_entity *ent = &e->ents[i];
    const char *noun = kind_nouns[ent->kind];
    int elen = (int)(ent->end - ent->start);
    const char *etext = e->text + ent->start;
    tqe_buf *b = &e->scratch;
    tqe_buf_clear(b);
    int rc = TQE_OK;
    const eunit *u = v->failed;
    if (u && (u->src.start != ent->start || u->src.end != ent->end))
        rc = tqe_buf_printf(b, "'%.*s' of the %s '%.*s'", (int)(u->src.end - u->src.start),
                            e->text + u->src.start, noun, elen, etext);
    else
        rc = tqe_buf_printf(b, "%s '%.*s'", noun, elen, etext);
    bool altered = v->near.start != TQE_NO_SPAN;
    const char *tq = altered ? e->tgt + v->near.start : "";
    int tl = altered ? (int)(v->near.end - v->near.start) : 0;
    if (!rc && altered)
        rc = tqe_buf_printf(b, " appears as '%.*s' in the translation", tl, tq);
    else if (!rc)
        rc = tqe_buf_puts(b, " not found in the translation");
    if (!rc && v->forms[0]) rc = tqe_buf_printf(b, " (allowed: %s)", v->forms);
    if (rc) return tqe_oom(e->ctx);
    /* The detail is built; the quotes are copied by the list. */
    char *src_q = tqe_strndup(etext, (size_t)elen), *tgt_q = tqe_strndup(tq, (size_t)tl);
    if (!src_q || !tgt_q) rc = TQE_ENOMEM;
    if (!rc)
        rc = tqe_issue_list_add(out, altered ? TQE_ISSUE_ENTITY_ALTERED : TQE_ISSUE_ENTITY_MISSING,
                                ent->start, ent->end, v->near.start, v->near.end, src_q, tgt_q,
                                b->data);
    free(src_q);
    free(tgt_q);
    return rc ? tqe_oom(e->ctx) : TQE_OK;
}

static void add_stats(tqe_entity_stats *to, const tqe_entity_stats *s)
{
    to->src += s->src;
    to->checked += s->checked;
    to->ok += s->ok;
    to->missing += s->missing;
    to->altered += s->altered;
}

int tqe_entities_check(tqe_issue_list *out, tqe_entities *e, const char *src, size_t src_len,
                       const char *tgt, size_t tgt_len, const tqe_glossary *g,
                       tqe_entity_stats *counts)
{
    assert(out && e && (src || !src_len) && (tgt || !tgt_len));
    int rc = extract_entities(e, src, src_len);
    return rc ? rc : entities_check_extracted(out, e, tgt, tgt_len, g, counts);
}

int entities_check_extracted(tqe_issue_list *out, tqe_entities *e, const char *tgt, size_t tgt_len,
                             const tqe_glossary *g, tqe_entity_stats *counts)
{
    const char *src = e->text;
    int rc = TQE_OK;
    if (e->nents == 0) return rc;
    if (tgt_len > INT32_MAX)
        return tqe_err(e->ctx, TQE_ELIMIT, "translation of %zu bytes is too long", tgt_len);
    rc = index_target(e, tgt, tgt_len);
    if (rc) return rc;
    strtab_clear(&e->seen);
    tqe_entity_stats st = {0, 0, 0, 0, 0};
    for (size_t i = 0; i < e->nents && !rc; i++) {
        const tqe_entity *ent = &e->ents[i];
        /* the same name twice in a segment is checked (and reported) once */
        int dup = strtab_put(&e->seen, src + ent->start, ent->end - ent->start, 0, NULL);
        if (dup < 0) return tqe_oom(e->ctx);
        if (dup) continue;
        st.src++;
        verdict v;
        rc = check_one_or_metonym(e, i, g, &v);
        if (rc || !v.checked) continue;
        st.checked++;
        /* URLs, addresses, handles, tags and placeholders are never
         * rendered: they are not counted, so never taken for renderings. */
        if (e->tally && ent->kind < TQE_ENT_URL &&
            (rc = tqe_name_tally_record(e->tally, src + ent->start, ent->end - ent->start,
                                        v.ok || v.near.start != TQE_NO_SPAN)))
            break;
        if (v.ok) {
            st.ok++;
            continue;
        }
        if (v.near.start != TQE_NO_SPAN)
            st.altered++;
        else
            st.missing++;
        rc = report(out, e, i, &v);
    }
    if (counts) add_stats(counts, &st);
    return rc;
}

/* ---- the glossary check -------------------------------------------------- */

static int report_term(tqe_issue_list *out, tqe_entities *e, const tqe_glossary *g, size_t entry,
                       span s)
{
    tqe_buf *b = &e->scratch;
    tqe_buf_clear(b);
    size_t nf;
    const char *const *forms = glossary_forms(g, entry, &nf);
    char list[200];
    list_forms(list, sizeof(list), forms, nf);
    int len = (int)(s.end - s.start);
    const char *text = e->text + s.start;
    int rc = glossary_verbatim(g, entry)
                 ? tqe_buf_printf(b, "glossary term '%.*s' is to be kept as is", len, text)
                 : tqe_buf_printf(b, "glossary term '%.*s' should be translated as: %s", len, text,
                                  list);
    char *q = rc ? NULL : tqe_strndup(text, (size_t)len);
    if (!q) return tqe_oom(e->ctx);
    rc = tqe_issue_list_add(out, TQE_ISSUE_GLOSSARY, s.start, s.end, TQE_NO_SPAN, TQE_NO_SPAN, q,
                            "", b->data);
    free(q);
    return rc ? tqe_oom(e->ctx) : TQE_OK;
}

/* The longest glossary term starting at source word i: entry index and the
 * index of its last word, or -1. */
static long term_at(tqe_entities *e, const tqe_glossary *g, size_t i, size_t *last)
{
    size_t maxw = glossary_max_words(g);
    char key[GLOSSARY_KEY_MAX + 1];
    for (size_t j = TQE_MIN(e->nsw, i + maxw); j-- > i;) {
        size_t a = e->sw[i].s.start, b = e->sw[j].s.end;
        int kl = glossary_key(key, GLOSSARY_KEY_MAX, e->text + a, b - a);
        long entry = kl > 0 ? glossary_find_key(g, key, (size_t)kl) : -1;
        if (entry >= 0) {
            *last = j;
            return entry;
        }
    }
    return -1;
}

int tqe_glossary_check(tqe_issue_list *out, tqe_entities *e, const tqe_glossary *g, const char *src,
                       size_t src_len, const char *tgt, size_t tgt_len)
{
    assert(out && e && (src || !src_len) && (tgt || !tgt_len));
    if (!g || tqe_glossary_count(g) == 0) return TQE_OK;
    e->text = src;
    e->text_len = src_len;
    if (split_words(&e->sw, &e->nsw, &e->sw_cap, src, src_len)) return tqe_oom(e->ctx);
    bool indexed = false;
    strtab_clear(&e->seen);
    for (size_t i = 0; i < e->nsw; i++) {
        size_t last;
        long entry = term_at(e, g, i, &last);
        if (entry < 0) continue;
        span s = {e->sw[i].s.start, e->sw[last].s.end};
        i = last;
        uint32_t id = (uint32_t)entry;
        int dup = strtab_put(&e->seen, (const char *)&id, sizeof(id), 0, NULL);
        if (dup < 0) return tqe_oom(e->ctx);
        if (dup) continue;
        int rc = indexed ? TQE_OK : index_target(e, tgt, tgt_len);
        indexed = true;
        size_t nf;
        const char *const *forms = glossary_forms(g, (size_t)entry, &nf);
        bool found = false;
        if (!rc) rc = match_forms(e, forms, nf, glossary_verbatim(g, (size_t)entry), &found);
        if (!rc && !found) rc = report_term(out, e, g, (size_t)entry, s);
        if (rc) return rc;
    }
    return TQE_OK;
}
