/* entities_match.c - the translation side of the entity check: its words,
 * normalized once per segment, and the routes by which a source name is
 * found among them (exact, folded, inflected, romanized) or a near miss is
 * spotted in its place. */
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include "entities.h"
#include "glossary.h"

/* Which kind of word a code point makes: words are split where the script
 * changes, so that "Google搜索" is "Google" and "搜索". */
static int cp_class(uint32_t c)
{
    if (c < 0x80) return (c >= '0' && c <= '9') ? WS_NEUTRAL : WS_LATIN;
    UErrorCode st = U_ZERO_ERROR;
    UScriptCode sc = uscript_getScript((UChar32)c, &st);
    if (sc == USCRIPT_LATIN) return WS_LATIN;
    if (sc == USCRIPT_CYRILLIC || sc == USCRIPT_GREEK) return WS_ROMANIZED;
    if (sc == USCRIPT_COMMON || sc == USCRIPT_INHERITED) return WS_NEUTRAL;
    return WS_OTHER;
}

static bool cp_upper(uint32_t c)
{
    return c < 0x80 ? (c >= 'A' && c <= 'Z') : (u_isupper((UChar32)c) || u_istitle((UChar32)c));
}

/* The end of a word that continues at b; *cls is its script class, settled
 * by its first letter that has one (digits go with either). */
static size_t word_end(const char *t, size_t len, size_t b, int *cls)
{
    while (b < len) {
        size_t k = b;
        uint32_t d = tqe_u8_next(t, &k);
        if (!glossary_is_word_cp(d)) break;
        int dc = cp_class(d);
        if (dc != WS_NEUTRAL) {
            if (*cls == WS_NEUTRAL)
                *cls = dc;
            else if (dc != *cls)
                break;
        }
        b = k;
    }
    return b;
}

int split_words(tword **arr, size_t *n, size_t *cap, const char *t, size_t len)
{
    *n = 0;
    for (size_t i = 0; i < len;) {
        size_t a = i;
        uint32_t c = tqe_u8_next(t, &i);
        if (!glossary_is_word_cp(c)) continue;
        int cls = cp_class(c);
        size_t b = word_end(t, len, i, &cls);
        if (tqe_grow((void **)arr, cap, *n + 1, sizeof(**arr))) return TQE_ENOMEM;
        tword *w = &(*arr)[(*n)++];
        memset(w, 0, sizeof(*w));
        w->s = (span){a, b};
        w->script = (uint8_t)(cls == WS_NEUTRAL ? WS_LATIN : cls);
        w->upper = cp_upper(c);
        i = b;
    }
    return TQE_OK;
}

/* Split t into words with their normalized keys (in `keys`); e->tspans is
 * scratch for the spans handed to the normalizer. */
static int index_words(tqe_entities *e, tword **words, size_t *n, size_t *cap, tqe_buf *keys,
                       const char *t, size_t len)
{
    tqe_buf_clear(keys);
    if (split_words(words, n, cap, t, len)) return tqe_oom(e->ctx);
    if (tqe_grow((void **)&e->tspans, &e->tspans_cap, *n + 1, 2 * sizeof(*e->tspans)))
        return tqe_oom(e->ctx);
    span *in = e->tspans, *out = e->tspans + *n;
    for (size_t i = 0; i < *n; i++) in[i] = (*words)[i].s;
    int rc = normalizer_many(&e->tgt_norm, e->ctx, keys, t, in, *n, out);
    if (rc) return rc;
    for (size_t i = 0; i < *n; i++) (*words)[i].key = out[i];
    return TQE_OK;
}

int index_target(tqe_entities *e, const char *tgt, size_t len)
{
    e->tgt = tgt;
    e->tgt_len = len;
    e->src_skels_ready = e->tskels_ready = false;
    if (scan_special(&e->tspecial, &e->ntspecial, &e->tspecial_cap, tgt, len))
        return tqe_oom(e->ctx);
    return index_words(e, &e->tw, &e->ntw, &e->tw_cap, &e->tkeys, tgt, len);
}

/* ---- one word against a key ----------------------------------------------- */

/* Is w the key k with one of the language's endings, or k inside a closed
 * compound? */
/* Is w the word k with one of the language's endings (or, with `compounds`,
 * k followed by more of a closed compound)? */
static bool inflected_by(const ent_data *d, const char *k, size_t kl, const char *w, size_t wl,
                         bool compounds)
{
    if (wl == 0 || kl == 0 || w[0] != k[0]) return false;
    for (size_t r = 0; r < d->nrules; r++) {
        const sfx_rule *x = &d->rules[r];
        if (x->any && !compounds) continue;
        if (x->end_len && (kl <= x->end_len || memcmp(k + kl - x->end_len, x->end, x->end_len)))
            continue;
        size_t base = kl - x->end_len;
        if (wl < base || memcmp(w, k, base) != 0) continue;
        if (x->any ? (x->end_len == 0 && kl >= 4 && wl > kl)
                   : (wl - base == x->add_len && memcmp(w + base, x->add, x->add_len) == 0))
            return true;
    }
    return false;
}

static bool inflected(const ent_data *d, const char *k, size_t kl, const char *w, size_t wl)
{
    return inflected_by(d, k, kl, w, wl, true);
}

/* Is k inside w as a part of a closed compound ("Friedensnobelpreis" holds
 * "Nobel", "Ostukraine" holds "Ukraine")? Only for languages that compound
 * ("*" rules) and names of five letters or more. */
static bool compound_part(const ent_data *d, const char *k, size_t kl, const char *w, size_t wl)
{
    if (kl < 5 || wl <= kl) return false;
    bool compounds = false;
    for (size_t r = 0; r < d->nrules && !compounds; r++) compounds = d->rules[r].any;
    return compounds && bytes_find(w + 1, wl - 1, k, kl) != NULL;
}

static const char *tkey(const tqe_entities *e, const tword *w, size_t *len)
{
    *len = w->key.end - w->key.start;
    return e->tkeys.data + w->key.start;
}

/* Is the key k the keys of words i, i+1, ... run together ("O'Brien" is
 * "O" + "Brien", "U.S." is "U" + "S")? */
static bool joined_parts(const tqe_entities *e, size_t i, const char *k, size_t kl)
{
    size_t at = 0;
    for (size_t j = i; j < e->ntw && j < i + 4; j++) {
        size_t wl;
        const char *w = tkey(e, &e->tw[j], &wl);
        if (j > i && e->tw[j].s.start - e->tw[j - 1].s.end > 3) return false;
        if (wl == 0 || at + wl > kl || memcmp(k + at, w, wl) != 0) return false;
        at += wl;
        if (at == kl) return j > i;
    }
    return false;
}

/* How much romanization noise to accept between skeletons of length n. */
static double sound_budget(size_t n)
{
    return n <= 4 ? 0.5 : n <= 6 ? 1.0 : n <= 9 ? 1.5 : 2.0;
}

static bool is_vowel_byte(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* Does the word skeleton ws sound like the name skeleton sk? Unknown
 * endings of up to 3 letters (5 for longer names) are free, and so is a
 * final vowel of the name that a case ending replaces ("Яхью" for "Yahya"). */
static bool skeletons_close(const char *sk, size_t sl, const char *ws, size_t wsl)
{
    if (sl == 0 || wsl == 0 || wsl + 1 < sl || wsl > sl + 6) return false;
    if (ws[0] != sk[0] && sound_distance(sk, 1, ws, 1, 0) > 0.5) return false;
    size_t tail = sl <= 4 ? 3 : 5;
    double budget = sound_budget(sl);
    if (sound_distance(sk, sl, ws, wsl, tail) <= budget) return true;
    return sl >= 4 && is_vowel_byte(sk[sl - 1]) &&
           sound_distance(sk, sl - 1, ws, wsl, tail) <= budget;
}

/* A word romanized from Cyrillic or Greek that sounds like the key:
 * "Tsukerberga" for "Zuckerberg", "Deyv" (Дэйв) for "Dave". */
static bool sounds_like(const eunit *u, const tqe_entities *e, const char *w, size_t wl)
{
    /* a one-letter word is a preposition or conjunction ("в", "и"), no name */
    if (wl < 2) return false;
    /* Cyrillic "г" is hard before any vowel */
    char ws[EDIT_MAX], kh[EDIT_MAX];
    size_t wsl = skeleton_as(ws, sizeof(ws), w, wl, SK_HARD_G);
    if (skeletons_close(e->keys.data + u->skel.start, u->skel.end - u->skel.start, ws, wsl) ||
        skeletons_close(e->keys.data + u->phon.start, u->phon.end - u->phon.start, ws, wsl))
        return true;
    /* an English h that the transliteration writes "г" ("Tehran" =
     * "Тегеран"); acronyms are spelled letter by letter */
    const char *k = e->keys.data + u->key.start;
    size_t kl = u->key.end - u->key.start;
    if (u->acronym || !memchr(k + 1, 'h', kl > 1 ? kl - 1 : 0)) return false;
    size_t khl = skeleton_as(kh, sizeof(kh), k, kl, SK_KEEP_H);
    return skeletons_close(kh, khl, ws, wsl);
}

/* The lower-cased UTF-8 of s[0..len) in out[0..cap); 0 if it does not fit. */
static size_t lower_utf8(char *out, size_t cap, const char *s, size_t len)
{
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        uint32_t c = (uint32_t)u_tolower((UChar32)tqe_u8_next(s, &i));
        if (o + 4 >= cap) return 0;
        o += tqe_u8_put(out + o, c);
    }
    return o;
}

/* With a sound table: word t's reading and its skeleton (empty spans when
 * the word has none), appended to e->tskels. */
static int target_sound(tqe_entities *e, tword *t)
{
    char low[EDIT_MAX * 2], key[EDIT_MAX], sk[EDIT_MAX];
    size_t ll = lower_utf8(low, sizeof(low), e->tgt + t->s.start, t->s.end - t->s.start);
    size_t kl = ll ? sound_key(e->sound, low, ll, key, sizeof(key)) : 0;
    size_t n = kl ? skeleton(sk, sizeof(sk), key, kl, false) : 0;
    t->sound = (span){e->tskels.len, e->tskels.len + kl};
    if (tqe_buf_append(&e->tskels, key, kl)) return tqe_oom(e->ctx);
    t->sskel = (span){e->tskels.len, e->tskels.len + n};
    return tqe_buf_append(&e->tskels, sk, n) ? tqe_oom(e->ctx) : TQE_OK;
}

/* Skeletons of all translation words, made when first needed. */
static int target_skeletons(tqe_entities *e)
{
    tqe_buf_clear(&e->tskels);
    for (size_t i = 0; i < e->ntw; i++) {
        tword *t = &e->tw[i];
        size_t wl;
        const char *w = tkey(e, t, &wl);
        char sk[EDIT_MAX];
        size_t n = skeleton(sk, sizeof(sk), w, wl, false);
        t->skel = (span){e->tskels.len, e->tskels.len + n};
        if (tqe_buf_append(&e->tskels, sk, n)) return tqe_oom(e->ctx);
        t->sound = t->sskel = (span){0, 0};
        if (e->sound && t->script == WS_LATIN) {
            int rc = target_sound(e, t);
            if (rc) return rc;
        }
    }
    e->tskels_ready = true;
    return TQE_OK;
}

/* Languages whose writers respell the consonants of foreign names
 * ("Wladimir", "Zelenskyj", "Kalifornien"). Spanish, French, Italian,
 * Portuguese, Dutch, Malay... keep a name's consonants as written, adding at
 * most accents and vowels ("Téhéran"); exonyms come from the equivalents
 * lists. There a changed consonant is a misspelling: "Leeuven". */
static bool respells_names(const char *lang)
{
    static const char *const langs[] = {"de", "cs", "sk", "pl", "hr", "sl", "sr", "bs",
                                        "lv", "lt", "et", "hu", "tr", "ro", "sq"};
    for (size_t k = 0; k < TQE_ARRAY_LEN(langs); k++)
        if (!strncmp(lang, langs[k], 2) && (lang[2] == '\0' || lang[2] == '-' || lang[2] == '_'))
            return true;
    return false;
}

/* The consonants of an ASCII-folded key, without 'h' (which respellings
 * add and drop freely: "Tehran", "Téhéran"). */
static size_t consonants(char *out, size_t cap, const char *k, size_t n)
{
    size_t m = 0;
    for (size_t i = 0; i < n && m < cap; i++) {
        char c = k[i];
        if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
        if (c < 'a' || c > 'z' || strchr("aeiouyh", c)) continue;
        out[m++] = c;
    }
    return m;
}

/* Does the letter at w[i] make a digraph with a neighbour, as German writes
 * "sch" for English "sh" ("Lukaschenko")? */
static bool in_digraph(const char *w, size_t wl, size_t i)
{
    static const char *const digraphs[] = {"sch", "tch", "dzh", "sh", "ch", "zh", "kh", "ts",
                                           "tz",  "ck",  "ph",  "th", "gh", "wh", "dj"};
    for (size_t d = 0; d < TQE_ARRAY_LEN(digraphs); d++) {
        size_t n = strlen(digraphs[d]);
        for (size_t a = i + 1 >= n ? i + 1 - n : 0; a <= i && a + n <= wl; a++)
            if (memcmp(w + a, digraphs[d], n) == 0) return true;
    }
    return false;
}

/* Is w the key k with one change that typists make and no spelling
 * convention does: two neighbours swapped ("Jhonson"), a letter doubled
 * ("Brisstol"), a consonant put in ("FedEkx"; but "Zelenskyj" puts a glide
 * j after a vowel, "Lukaschenko" a c that makes "sch"), a vowel put in next
 * to a vowel or at an end (but "Teheran" puts one between consonants), a
 * letter lost that is neither an h nor one of a doubled pair ("Sehawks",
 * "Appl")? Conventions change letters ("Wladimir"), or simplify doubled
 * ones and drop h ("Husein", "Sara"), as the skeleton allows. */
static bool typo_of(const char *k, size_t kl, const char *w, size_t wl)
{
    size_t i = 0;
    while (i < kl && i < wl && k[i] == w[i]) i++;
    if (wl == kl)
        return i + 1 < kl && k[i] == w[i + 1] && k[i + 1] == w[i] &&
               memcmp(k + i + 2, w + i + 2, kl - i - 2) == 0;
    if (wl + 1 == kl) /* k[i] lost */
        return memcmp(k + i + 1, w + i, kl - i - 1) == 0 && k[i] != 'h' &&
               !(i > 0 && k[i - 1] == k[i]) && !(i + 1 < kl && k[i + 1] == k[i]);
    if (wl != kl + 1 || memcmp(k + i, w + i + 1, kl - i) != 0) return false;
    char c = w[i], prev = i ? w[i - 1] : 0, next = w[i + 1];
    if (c == prev || c == next) return true;
    if (c == 'j') return !(is_vowel_byte(prev) || prev == 'y');
    if (is_vowel_byte(c)) return !prev || !next || is_vowel_byte(prev) || is_vowel_byte(next);
    return !in_digraph(w, wl, i);
}

/* A Latin-script word spelled as the target language spells the name
 * ("Wladimir" for "Vladimir", "Zelenskyj" for "Zelensky", "Kalifornien" for
 * "California"): the same skeleton, with or without one of the language's
 * endings (the name losing its own ending accordingly), and not a typo of
 * the name that happens to keep its skeleton. */
static bool respelled_as(const tqe_entities *e, const eunit *u, const char *w, size_t wl,
                         const char *ts, size_t tl);

static bool respelled(const tqe_entities *e, const eunit *u, const tword *t)
{
    size_t wl;
    const char *w = tkey(e, t, &wl);
    if (!respells_names(e->lang)) {
        size_t kl = u->key.end - u->key.start;
        const char *k = e->keys.data + u->key.start;
        char a[EDIT_MAX], b[EDIT_MAX];
        size_t na = consonants(a, sizeof(a), k, kl), nb = consonants(b, sizeof(b), w, wl);
        if (na != nb || memcmp(a, b, na) != 0) return false;
    }
    if (respelled_as(e, u, w, wl, e->tskels.data + t->skel.start, t->skel.end - t->skel.start))
        return true;
    /* read with the language's letter values: "Michail", "Janukowitsch" */
    if (t->sskel.end == t->sskel.start) return false;
    const char *k = e->keys.data + u->key.start, *r = e->tskels.data + t->sound.start;
    size_t kl = u->key.end - u->key.start, rl = t->sound.end - t->sound.start;
    /* A typo of the name as written stays one ("Sehawks" reads "sehavks"),
     * unless the reading is the name itself (Croatian "Mihail" is
     * "mikhail", one letter short of "Mikhail" as written). */
    if (typo_of(k, kl, w, wl) && !(rl == kl && !memcmp(r, k, kl)) &&
        !inflected(&e->data, k, kl, r, rl))
        return false;
    return respelled_as(e, u, r, rl, e->tskels.data + t->sskel.start,
                        t->sskel.end - t->sskel.start);
}

/* respelled() for the word spelled w (key or reading) with skeleton ts. */
static bool respelled_as(const tqe_entities *e, const eunit *u, const char *w, size_t wl,
                         const char *ts, size_t tl)
{
    const char *sk = e->keys.data + u->skel.start;
    size_t sl = u->skel.end - u->skel.start;
    if (sl < 4 || tl < 3 || tl + 2 < sl || memcmp(ts, sk, 3) != 0) return false;
    const char *k = e->keys.data + u->key.start;
    size_t kl = u->key.end - u->key.start;
    if (tl == sl && memcmp(ts, sk, sl) == 0) return !typo_of(k, kl, w, wl);
    const ent_data *d = &e->data;
    char ws[EDIT_MAX], ks[EDIT_MAX];
    for (size_t r = 0; r < d->nrules; r++) {
        const sfx_rule *x = &d->rules[r];
        if (x->any || wl <= x->add_len || memcmp(w + wl - x->add_len, x->add, x->add_len)) continue;
        size_t n = skeleton(ws, sizeof(ws), w, wl - x->add_len, false), m = sl;
        const char *target = sk;
        if (x->end_len) {
            if (kl <= x->end_len || memcmp(k + kl - x->end_len, x->end, x->end_len)) continue;
            m = skeleton(ks, sizeof(ks), k, kl - x->end_len, u->acronym);
            target = ks;
        }
        if (n == m && memcmp(ws, target, m) == 0) return true;
    }
    return false;
}

/* The keys of word i and the next run together into buf, when word i is a
 * prefix of one or two letters joined to it by an apostrophe ("O'Mahony",
 * "О'Махони", "D'Souza"): 0 otherwise. */
static size_t apostrophe_joined(const tqe_entities *e, size_t i, char *buf, size_t cap)
{
    if (i + 1 >= e->ntw) return 0;
    const tword *a = &e->tw[i], *b = &e->tw[i + 1];
    size_t al, bl, gap = b->s.start - a->s.end;
    const char *ak = tkey(e, a, &al), *bk = tkey(e, b, &bl);
    const char *g = e->tgt + a->s.end;
    bool apo = (gap == 1 && *g == '\'') || (gap == 2 && !memcmp(g, "\xCA\xBC", 2)) || /* ʼ */
               (gap == 3 && !memcmp(g, "\xE2\x80\x99", 3));                           /* ’ */
    if (!apo || al == 0 || al > 2 || bl == 0 || al + bl > cap || a->script != b->script) return 0;
    memcpy(buf, ak, al);
    memcpy(buf + al, bk, bl);
    return al + bl;
}

/* A name with an apostrophe, split in two by the translation's word
 * breaks, declined ("O'Mahonyho") or romanized ("О'Махони"). */
static match_route apostrophe_route(const tqe_entities *e, const eunit *u, size_t i)
{
    char w[EDIT_MAX];
    size_t wl = apostrophe_joined(e, i, w, sizeof(w));
    const char *k = e->keys.data + u->key.start;
    size_t kl = u->key.end - u->key.start;
    if (!wl) return M_NONE;
    if (wl == kl && memcmp(k, w, kl) == 0) return M_FOLDED;
    if (inflected(&e->data, k, kl, w, wl)) return M_INFLECTED;
    if (e->tw[i].script == WS_ROMANIZED && sounds_like(u, e, w, wl)) return M_TRANSLIT;
    return M_NONE;
}

static match_route word_route(const tqe_entities *e, const eunit *u, size_t i)
{
    const tword *t = &e->tw[i];
    if (t->script == WS_OTHER) return M_NONE;
    size_t sl = u->src.end - u->src.start, tl = t->s.end - t->s.start;
    if (sl == tl && memcmp(e->text + u->src.start, e->tgt + t->s.start, sl) == 0) return M_EXACT;
    const char *k = e->keys.data + u->key.start;
    size_t kl = u->key.end - u->key.start, wl;
    const char *w = tkey(e, t, &wl);
    if (wl == kl && memcmp(k, w, kl) == 0) return M_FOLDED;
    if (u->plural && wl + 1 == kl && memcmp(k, w, wl) == 0) return M_FOLDED;
    if (wl < kl && joined_parts(e, i, k, kl)) return M_FOLDED;
    if (inflected(&e->data, k, kl, w, wl) || compound_part(&e->data, k, kl, w, wl))
        return M_INFLECTED;
    /* an English plural name declined in the singular: "the Simpsons" is
     * "Simpsonovi"; a bare "Databrick" for "Databricks" stays a near miss */
    if (kl > 4 && k[kl - 1] == 's' && wl >= kl && inflected(&e->data, k, kl - 1, w, wl))
        return M_INFLECTED;
    if (t->script == WS_ROMANIZED && sounds_like(u, e, w, wl)) return M_TRANSLIT;
    if (t->script == WS_LATIN && respelled(e, u, t)) return M_TRANSLIT;
    return apostrophe_route(e, u, i);
}

/* ---- near misses ------------------------------------------------------------ */

/* Skeletons of every source word: a translation word that is one of them
 * (or sounds like one) is no stand-in for a missing name ("Iraq" is not a
 * misspelled "Iran" when the source names both). */
static int build_src_skels(tqe_entities *e)
{
    strtab_clear(&e->src_skels);
    tqe_buf_clear(&e->scratch);
    for (size_t i = 0; i < e->ntok; i++) {
        span k;
        const etoken *t = &e->tok[i];
        int rc = normalizer_one(&e->src_norm, e->ctx, &e->scratch, e->text + t->s.start,
                                t->s.end - t->s.start, &k);
        if (rc) return rc;
        char sk[EDIT_MAX];
        size_t n = skeleton(sk, sizeof(sk), e->scratch.data + k.start, k.end - k.start, false);
        if (n && strtab_put(&e->src_skels, sk, n, 0, NULL) < 0) return tqe_oom(e->ctx);
    }
    e->src_skels_ready = true;
    return TQE_OK;
}

/* Edit distance between k and w, also with w's ending taken off by a rule
 * (k losing its own ending accordingly): "Zuckerburga" is one edit from
 * "Zuckerberg". */
static size_t inflected_distance(const ent_data *d, const char *k, size_t kl, const char *w,
                                 size_t wl)
{
    size_t best = edit_distance(k, kl, w, wl);
    for (size_t r = 0; r < d->nrules; r++) {
        const sfx_rule *x = &d->rules[r];
        if (x->any || wl <= x->add_len || memcmp(w + wl - x->add_len, x->add, x->add_len)) continue;
        size_t kb = kl;
        if (x->end_len && kl > x->end_len && !memcmp(k + kl - x->end_len, x->end, x->end_len))
            kb -= x->end_len;
        best = TQE_MIN(best, edit_distance(k, kb, w, wl - x->add_len));
    }
    return best;
}

/* The keys of Latin words i..j run together into buf, when each follows
 * the one before after a single dot, hyphen or apostrophe ("Auctia.com" for
 * the key "auctivacom"); 0 when they do not. */
static size_t joined_key(const tqe_entities *e, size_t i, size_t j, char *buf, size_t cap)
{
    size_t n = 0;
    for (size_t k = i; k <= j; k++) {
        const tword *t = &e->tw[k];
        if (t->script != WS_LATIN) return 0;
        if (k > i) {
            size_t a = e->tw[k - 1].s.end, b = t->s.start;
            if (b - a != 1 || !strchr(".-'", e->tgt[a])) return 0;
        }
        size_t wl;
        const char *w = tkey(e, t, &wl);
        if (n + wl > cap) return 0;
        memcpy(buf + n, w, wl);
        n += wl;
    }
    return n;
}

/* The span of the translation word (or words joined by a dot or hyphen)
 * that looks like a misspelling of unit u, or TQE_NO_SPAN: Latin script,
 * capitalised like a name, at most one edit (two from eight letters on)
 * away, and not itself a word of the source. */
static int near_miss(tqe_entities *e, const eunit *u, span *out)
{
    *out = (span){TQE_NO_SPAN, TQE_NO_SPAN};
    const char *k = e->keys.data + u->key.start;
    size_t kl = u->key.end - u->key.start;
    if (kl < 4) return TQE_OK;
    size_t allowed = kl >= 8 ? 2 : 1, best = allowed + 1;
    for (size_t i = 0; i < e->ntw; i++) {
        if (e->tw[i].script != WS_LATIN || (u->name && !e->tw[i].upper)) continue;
        for (size_t j = i; j < e->ntw && j < i + 4; j++) {
            char w[EDIT_MAX];
            size_t wl = joined_key(e, i, j, w, sizeof(w));
            if (!wl) break;
            if (wl + allowed < kl || wl > kl + allowed + SFX_MAX) continue;
            size_t d = inflected_distance(&e->data, k, kl, w, wl);
            if (d == 0 || d >= best) continue;
            if (!e->src_skels_ready) {
                int rc = build_src_skels(e);
                if (rc) return rc;
            }
            char sk[EDIT_MAX];
            size_t n = skeleton(sk, sizeof(sk), w, wl, false);
            /* a typo that keeps the name's own skeleton is still a near miss */
            bool own = n == u->skel.end - u->skel.start &&
                       memcmp(sk, e->keys.data + u->skel.start, n) == 0;
            if (!own && strtab_find(&e->src_skels, sk, n, NULL)) continue;
            best = d;
            *out = (span){e->tw[i].s.start, e->tw[j].s.end};
        }
    }
    return TQE_OK;
}

int match_unit(tqe_entities *e, const eunit *u, match_route *route, span *near)
{
    *near = (span){TQE_NO_SPAN, TQE_NO_SPAN};
    *route = M_NONE;
    if (u->key.end == u->key.start) {
        *route = M_EXACT; /* nothing to look for */
        return TQE_OK;
    }
    if (!e->tskels_ready) {
        int rc = target_skeletons(e);
        if (rc) return rc;
    }
    for (size_t i = 0; i < e->ntw && *route != M_EXACT; i++) {
        match_route r = word_route(e, u, i);
        if (r != M_NONE && (*route == M_NONE || r < *route)) *route = r;
    }
    return *route == M_NONE ? near_miss(e, u, near) : TQE_OK;
}

/* ---- glossary forms ----------------------------------------------------- */

static bool word_cp_before(const char *t, size_t i)
{
    if (i == 0) return false;
    size_t a = i - 1;
    while (a > 0 && ((unsigned char)t[a] & 0xC0) == 0x80) a--;
    return glossary_is_word_cp(tqe_u8_next(t, &a));
}

static bool word_cp_at(const char *t, size_t len, size_t i)
{
    return i < len && glossary_is_word_cp(tqe_u8_next(t, &i));
}

/* n[0..nl) in h as whole words (anywhere, when `anywhere`: scripts that do
 * not put spaces between words). */
bool find_word_bytes(const char *h, size_t hl, const char *n, size_t nl, bool anywhere)
{
    for (size_t at = 0; at + nl <= hl;) {
        const char *p = bytes_find(h + at, hl - at, n, nl);
        if (!p) return false;
        size_t i = (size_t)(p - h);
        if (anywhere || (!word_cp_before(h, i) && !word_cp_at(h, hl, i + nl))) return true;
        at = i + 1;
    }
    return false;
}

/* Are a and b forms of one word: one derived from the other, or both from a
 * base form by the language's endings ("Oberster", "Oberste", "Obersten")?
 * Glossary forms are target-language words, often given declined. */
static bool same_lemma(const ent_data *d, const char *a, size_t al, const char *b, size_t bl)
{
    /* compounds only one way: the translation's word may continue the form */
    if (inflected(d, a, al, b, bl) || inflected_by(d, b, bl, a, al, false)) return true;
    char base[EDIT_MAX];
    for (size_t r = 0; r < d->nrules; r++) {
        const sfx_rule *x = &d->rules[r];
        if (x->any || !x->add_len || al <= x->add_len ||
            memcmp(a + al - x->add_len, x->add, x->add_len))
            continue;
        size_t stem = al - x->add_len, n = stem + x->end_len;
        if (stem < 3 || n > sizeof(base)) continue;
        memcpy(base, a, stem);
        memcpy(base + stem, x->end, x->end_len);
        if ((n == bl && !memcmp(base, b, n)) || inflected_by(d, base, n, b, bl, false)) return true;
    }
    return false;
}

/* Do the form's words fw[0..nfw) stand in the translation from word i on?
 * Each may carry a case ending ("Europäischen Union"); verbatim forms keep
 * their first letters' case. */
static bool form_at(const tqe_entities *e, const char *form, size_t i, bool verbatim)
{
    for (size_t j = 0; j < e->nfw; j++) {
        const tword *f = &e->fw[j], *t = &e->tw[i + j];
        const char *fk = e->fkeys.data + f->key.start;
        size_t fl = f->key.end - f->key.start, wl;
        const char *w = tkey(e, t, &wl);
        if (!(wl == fl && memcmp(fk, w, fl) == 0) && !same_lemma(&e->data, fk, fl, w, wl) &&
            !compound_part(&e->data, fk, fl, w, wl))
            return false;
        if (verbatim && form[f->s.start] != e->tgt[t->s.start]) return false;
    }
    return true;
}

int match_forms(tqe_entities *e, const char *const *forms, size_t nforms, bool verbatim,
                bool *found)
{
    *found = false;
    for (size_t k = 0; k < nforms && !*found; k++) {
        const char *f = forms[k];
        size_t fl = strlen(f);
        int rc = index_words(e, &e->fw, &e->nfw, &e->fw_cap, &e->fkeys, f, fl);
        if (rc) return rc;
        bool spaced = true;
        for (size_t j = 0; j < e->nfw; j++) spaced &= e->fw[j].script != WS_OTHER;
        if (find_word_bytes(e->tgt, e->tgt_len, f, fl, !spaced)) {
            *found = true;
            break;
        }
        if (!spaced || e->nfw == 0) continue;
        for (size_t i = 0; i + e->nfw <= e->ntw && !*found; i++)
            *found = form_at(e, f, i, verbatim);
    }
    return TQE_OK;
}

void places_add(places *p, size_t a, size_t b)
{
    assert(a < b);
    /* overlapping spans are one place, whichever was found first ("Union"
     * before "Europäische Union") */
    for (size_t k = 0; k < p->n; k++)
        if (a < p->at[k].end && p->at[k].start < b) return;
    if (p->n < PLACES_MAX) p->at[p->n++] = (span){a, b};
}

int count_forms(tqe_entities *e, const char *const *forms, size_t nforms, bool verbatim, places *p)
{
    for (size_t k = 0; k < nforms; k++) {
        const char *f = forms[k];
        size_t fl = strlen(f);
        int rc = index_words(e, &e->fw, &e->nfw, &e->fw_cap, &e->fkeys, f, fl);
        if (rc) return rc;
        bool spaced = e->nfw > 0;
        for (size_t j = 0; j < e->nfw; j++) spaced &= e->fw[j].script != WS_OTHER;
        if (spaced) {
            for (size_t i = 0; i + e->nfw <= e->ntw; i++)
                if (form_at(e, f, i, verbatim))
                    places_add(p, e->tw[i].s.start, e->tw[i + e->nfw - 1].s.end);
            continue;
        }
        for (const char *q = e->tgt, *end = e->tgt + e->tgt_len; fl && q + fl <= end; q++) {
            q = bytes_find(q, (size_t)(end - q), f, fl);
            if (!q) break;
            places_add(p, (size_t)(q - e->tgt), (size_t)(q - e->tgt) + fl);
        }
    }
    return TQE_OK;
}

/* ---- URLs, addresses, handles, tags, placeholders ------------------------ */

static bool ascii_ieq(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = (char)(x + 32);
        if (y >= 'A' && y <= 'Z') y = (char)(y + 32);
        if (x != y) return false;
    }
    return true;
}

static bool ascii_ifind(const char *h, size_t hl, const char *n, size_t nl)
{
    for (size_t i = 0; i + nl <= hl; i++)
        if (ascii_ieq(h + i, n, nl)) return true;
    return false;
}

match_route match_special(tqe_entities *e, span s, int kind, span *near_at)
{
    const char *p = e->text + s.start;
    size_t n = s.end - s.start;
    *near_at = (span){TQE_NO_SPAN, TQE_NO_SPAN};
    if (bytes_find(e->tgt, e->tgt_len, p, n)) return M_EXACT;
    if (ascii_ifind(e->tgt, e->tgt_len, p, n)) return M_FOLDED;
    /* a tag or handle whose sign was dropped still names the same thing,
     * capitalised or not ("Blacklivesmatter") */
    if ((kind == TQE_ENT_HASHTAG || kind == TQE_ENT_HANDLE) &&
        (find_word_bytes(e->tgt, e->tgt_len, p + 1, n - 1, false) ||
         (n > 4 && ascii_ifind(e->tgt, e->tgt_len, p + 1, n - 1))))
        return M_FOLDED;
    size_t best = TQE_MAX(1, n / 8) + 1;
    char a[EDIT_MAX], b[EDIT_MAX];
    if (n > EDIT_MAX) return M_NONE;
    for (size_t i = 0; i < n; i++) a[i] = (char)((p[i] >= 'A' && p[i] <= 'Z') ? p[i] + 32 : p[i]);
    for (size_t i = 0; i < e->ntspecial; i++) {
        span t = e->tspecial[i].s;
        size_t m = t.end - t.start;
        if (m > EDIT_MAX) continue;
        for (size_t j = 0; j < m; j++) {
            char c = e->tgt[t.start + j];
            b[j] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
        }
        size_t d = edit_distance(a, n, b, m);
        if (d < best) {
            best = d;
            *near_at = t;
        }
    }
    return M_NONE;
}
