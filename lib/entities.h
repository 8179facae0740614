/* entities.h - private structures shared by the entity modules:
 *   entities_text.c     normalization (ICU transliteration + case folding),
 *                       spelling skeletons and edit distances
 *   entities_data.c     word lists, suffix rules and equivalents from references/
 *   entities_special.c  URLs, e-mail addresses, handles, hashtags, placeholders
 *   entities_extract.c  finding names in an English source
 *   entities_match.c    indexing a translation and looking names up in it
 *   entities.c          the handle and the checks that report tqe_issues */
#ifndef TQE_ENTITIES_H
#define TQE_ENTITIES_H

#include <unicode/ubrk.h>
#include <unicode/utrans.h>

#include "internal.h"
#include "strtab.h"

/* A byte range of some text. */
typedef struct span {
    size_t start, end;
} span;

/* ---- normalization (entities_text.c) ---------------------------------- */

/* Turns words into matching keys: the ICU transliterator `id` (which brings
 * the word to ASCII Latin where it can; `pre_rules`, ICU transliteration rules
 * applied before it, may be NULL), then Unicode case folding, then only
 * ASCII letters and digits (and any non-ASCII that is left) are kept. Owns its
 * UTF-16 scratch buffers. */
typedef struct normalizer {
    UTransliterator *pre; /* language-specific rules applied first, or NULL */
    UTransliterator *tr;
    UChar *u16, *f16;
    size_t u16_cap, f16_cap;
    char *u8;
    size_t u8_cap;
    span *parts;
    size_t parts_cap;
} normalizer;

int normalizer_open(normalizer *n, tqe_ctx *ctx, const char *id, const char *pre_rules);
void normalizer_close(normalizer *n);
/* Append the key of s[0..len) to pool; *out is its range in pool. */
int normalizer_one(normalizer *n, tqe_ctx *ctx, tqe_buf *pool, const char *s, size_t len,
                   span *out);
/* The keys of text[words[i]] for i < count, appended to pool, ranges in out[i].
 * Words that are not all ASCII go through ICU in one call. */
int normalizer_many(normalizer *n, tqe_ctx *ctx, tqe_buf *pool, const char *text, const span *words,
                    size_t count, span *out);

/* Spelling skeleton of an ASCII key: digraphs that different romanizations
 * spell differently are unified ("kh" = "h", "ts" = "c", "z" = "s", "w" = "v", "y" = "i",
 * doubled letters single, final silent "e" dropped). `literal` (acronyms,
 * spelled letter by letter): only single letters are unified. Writes at most
 * cap bytes; returns the length. */
size_t skeleton(char *out, size_t cap, const char *s, size_t len, bool literal);
/* Variants of skeleton(): SK_LITERAL as `literal`; SK_HARD_G: g is always
 * hard (a word romanized from Cyrillic, where "ge" is "ге"); SK_KEEP_H: h
 * inside the word is kept (English h is "г" in many transliterations:
 * "Tehran" = "Тегеран", "Hebrides" = "Гебриды"). */
enum { SK_LITERAL = 1, SK_HARD_G = 2, SK_KEEP_H = 4 };
size_t skeleton_as(char *out, size_t cap, const char *s, size_t len, unsigned how);
/* How an English key sounds where English spelling is not phonetic, as a
 * transliteration into Cyrillic writes it: "dave" as "deiv" (Дэйв),
 * "highlands" as "hailands" (Хайлендс), "newark" as "niuark" (Ньюарк),
 * "squire" as "skvair" (Сквайр). Writes at most cap bytes; returns the
 * length, or 0 when no rule applies. */
size_t english_sounds(char *out, size_t cap, const char *k, size_t kl);
/* First occurrence of n[0..nlen) in h[0..hlen), or NULL. */
const char *bytes_find(const char *h, size_t hlen, const char *n, size_t nlen);
/* Optimal-string-alignment edit distance (adjacent transposition = 1 edit),
 * or SIZE_MAX when either string is longer than EDIT_MAX bytes. */
#define EDIT_MAX 64
size_t edit_distance(const char *a, size_t na, const char *b, size_t nb);
/* Edit cost between skeletons where near sounds are cheap (vowel for vowel,
 * c/s/z, g/h, v/f: 0.5) and vowels and "h" are cheap to drop. Up to
 * `free_tail` trailing bytes of b are free (an ending the rules do not know). */
double sound_distance(const char *a, size_t na, const char *b, size_t nb, size_t free_tail);

/* ---- URLs and the like (entities_special.c) --------------------------- */

/* A URL, e-mail address, @handle, #hashtag or #PLACEHOLDER# (kind is a
 * tqe_entity_kind). */
typedef struct special {
    span s;
    int kind;
} special;

/* Find them in text, in order of position, into the growable array *arr. */
int scan_special(special **arr, size_t *n, size_t *cap, const char *text, size_t len);

/* ---- data (entities_data.c) ------------------------------------------- */

#define SFX_MAX 24

/* "a name ending in `end` takes `add` instead": keys as normalizer makes them
 * (so Cyrillic suffixes are stored transliterated). end_len 0: nothing
 * removed. any: the name may continue with any letters (closed compounds). */
typedef struct sfx_rule {
    char end[SFX_MAX], add[SFX_MAX];
    uint8_t end_len, add_len;
    bool any;
} sfx_rule;

typedef struct ent_data {
    strtab stop;         /* capitalised non-entities, as written */
    strtab common;       /* frequent English words, lowercase */
    strtab function;     /* English function words, lowercase */
    strtab translatable; /* glossary keys of names normally translated */
    strtab ordinary;     /* ... of which acronyms of ordinary things (TV, VAT), never missing */
    sfx_rule *rules;
    size_t nrules, rules_cap;
    tqe_glossary *equiv;    /* accepted target forms for this language, or NULL */
    tqe_glossary *places;   /* country names in this language from ICU, or NULL */
    tqe_glossary *metonyms; /* "Moscow" -> "Russia": names that stand for others, or NULL */
} ent_data;

/* Load references/entities/ from `dir` for target language `lang`; `tn`
 * normalizes suffixes the way target words are normalized. Files that only
 * some languages have (suffixes, equivalents) may be missing. */
int ent_data_load(ent_data *d, tqe_ctx *ctx, const char *dir, const char *lang, normalizer *tn);
/* Country and territory names in `lang` from ICU, keyed by their English
 * names (entities_places.c); *out is NULL when ICU has none. */
int icu_country_names(tqe_glossary **out, tqe_ctx *ctx, const char *lang);
void ent_data_free(ent_data *d);

/* ---- the handle -------------------------------------------------------- */

/* How a target language writes names it borrows from English. */
typedef enum tscript {
    TS_LATIN = 0,    /* kept, perhaps with accents or case endings */
    TS_CYRILLIC = 1, /* transliterated; romanized back for matching */
    TS_GREEK = 2,    /* likewise */
    TS_OTHER = 3,    /* CJK and other scripts: only Latin-script names are checked */
} tscript;

/* Word shapes in the source. */
typedef enum shape {
    SH_LOWER,  /* "model" */
    SH_CAP,    /* "Meta", "O'Brien" */
    SH_UPPER,  /* "AWS", "U.S" */
    SH_CAMEL,  /* "OpenAI", "iPhone" */
    SH_ALNUM,  /* "Q3", "H1N1", "MP3" (letter first, an upper-case letter) */
    SH_NUMBER, /* "3", "3.1" */
    SH_OTHER,  /* anything else: "4K", "24th", a single capital "I" */
} shape;

/* What a capitalised source word is to the check. */
typedef enum role {
    R_NONE,   /* not capitalised, or not part of a name */
    R_KEY,    /* must survive in the translation */
    R_COMMON, /* an ordinary word, translated with the rest of a name */
    R_CONN,   /* "of", "de", "van" inside a name */
    R_STOP,   /* from the stoplist: never part of an entity */
    R_TACRO,  /* an acronym that is normally translated ("AI", "EU", "CEO") */
    R_TRANS,  /* part of a name that is normally translated ("Germany", "Saudi Arabia") */
    R_VERSION /* a number after a name ("Llama 3") */
} role;

typedef struct etoken {
    span s;         /* the word without a possessive or contraction ending */
    uint32_t sent;  /* sentence index */
    uint32_t group; /* R_TRANS: index of the last token of its translatable name */
    uint8_t shape, role;
    bool initial;  /* first word of its sentence (or of a quotation in it) */
    bool function; /* an English function word */
    bool in_title; /* inside a quoted title */
} etoken;

/* Something a name needs to find in the translation: one key word. */
typedef struct eunit {
    span src;     /* in the source */
    span key;     /* normalized, in e->keys */
    span skel;    /* skeleton of key, in e->keys */
    span phon;    /* skeleton of how the key sounds (english_sounds), or empty */
    uint32_t ent; /* entity index */
    bool trans;   /* normally translated: checked only against given forms */
    bool name;    /* a capitalised word (not an acronym, CamelCase or code) */
    bool acronym; /* spelled letter by letter */
    bool plural;  /* "iPhones", "CEOs": the key without its final s counts too */
} eunit;

/* Extraction results beyond the public tqe_entity. */
typedef struct eextra {
    uint32_t unit0, nunits;
} eextra;

/* Scripts of translation words: Latin (and digits), romanized (Cyrillic or
 * Greek, keys are romanized), other (CJK and the rest: no key matching). */
enum { WS_LATIN = 0, WS_ROMANIZED = 1, WS_OTHER = 2, WS_NEUTRAL = 3 };

/* A Latin-script word as English spells its sounds, by the letter values
 * of a language that respells names (entities_sound.c): "Michail" ->
 * "mikhail" in Czech. NULL for other languages. */
typedef struct sound_table sound_table;
const sound_table *sound_table_for(const char *lang);
/* The reading of the lower-cased word low[0..len) into out[0..cap) (ASCII);
 * 0 when it has a letter the table cannot read or does not fit. */
size_t sound_key(const sound_table *t, const char *low, size_t len, char *out, size_t cap);

/* A word of the translation. */
typedef struct tword {
    span s;         /* in the translation */
    span key;       /* normalized, in e->tkeys */
    span skel;      /* skeleton of key, in e->tskels (once e->tskels_ready) */
    span sound;     /* with e->sound: the word's reading (sound_key), in e->tskels */
    span sskel;     /* ... and its skeleton, in e->tskels; empty when none */
    uint8_t script; /* WS_LATIN, WS_ROMANIZED or WS_OTHER */
    bool upper;     /* starts with an upper-case letter */
} tword;

struct tqe_entities {
    tqe_ctx *ctx;
    char lang[16];
    tscript script;
    ent_data data;
    UBreakIterator *wb, *sb;
    normalizer src_norm, tgt_norm;
    strtab doc_lower;      /* words seen in lower case in the document context */
    strtab doc_acros;      /* acronyms the document spells out in ordinary words */
    strtab doc_spelled;    /* ... and the other capitalised words of those spellings */
    tqe_name_tally *tally; /* borrowed: where each checked name's outcome is counted, or NULL */

    /* extraction scratch, reused from call to call */
    const char *text;
    size_t text_len;
    etoken *tok;
    size_t ntok, tok_cap;
    special *special; /* URLs, e-mail addresses, handles, hashtags, placeholders */
    size_t nspecial, special_cap;
    special *tspecial; /* the same in the translation */
    size_t ntspecial, tspecial_cap;
    tqe_entity *ents;
    eextra *extra;
    size_t nents, ents_cap, extra_cap;
    eunit *units;
    size_t nunits, units_cap;
    tqe_buf keys;
    strtab lower_seen;

    /* translation index */
    const char *tgt;
    size_t tgt_len;
    bool src_skels_ready, tskels_ready;
    tqe_buf tskels;
    const sound_table *sound; /* the target language's letter values, or NULL */
    tword *sw;                /* words of the source, for glossary terms */
    size_t nsw, sw_cap;
    tword *fw; /* words of a glossary form */
    size_t nfw, fw_cap;
    tqe_buf fkeys;
    tword *tw;
    size_t ntw, tw_cap;
    span *tspans;
    size_t tspans_cap;
    tqe_buf tkeys;
    strtab src_skels; /* skeletons of every source word: a near miss must not be one */
    strtab seen;      /* entity keys already checked in this segment */
    tqe_buf scratch;
};

/* entities_extract.c: fill e->ents/extra/units from text. */
int extract_entities(tqe_entities *e, const char *text, size_t len);
/* Unit u's skeleton (of key[0..kl), literal for an acronym) and phonetic
 * skeleton (of snd[0..sl), how English sounds it; none when sl is 0),
 * appended to e->keys (entities_extract.c). */
int unit_skeletons(tqe_entities *e, eunit *u, const char *key, size_t kl, const char *snd,
                   size_t sl);
/* Lower-case words of text into t (document evidence). */
int collect_lower_words(strtab *t, const char *text, size_t len);
/* Acronyms that text defines after their expansion in mostly ordinary
 * words ("World Food Programme (WFP)") into e->doc_acros. */
int collect_expanded_acronyms(tqe_entities *e, const char *text, size_t len);

/* entities_match.c */
typedef enum match_route {
    M_NONE = 0,
    M_EXACT,     /* the same bytes */
    M_FOLDED,    /* same after case folding and accent removal */
    M_INFLECTED, /* with a case ending or in a compound */
    M_TRANSLIT,  /* romanized from the target's script, or respelled */
    M_FORM,      /* one of the glossary's or the equivalents' forms */
} match_route;

/* Index the translation's words (keys normalized for matching). */
int index_target(tqe_entities *e, const char *tgt, size_t len);
/* Split text into words as the translation is split (letters, digits and
 * marks; one script a word), without keys. */
int split_words(tword **arr, size_t *n, size_t *cap, const char *t, size_t len);
/* Look unit u up among the indexed target words: *route, and when it is
 * M_NONE, *near the span of a near miss in the translation (a word, or words
 * joined by a dot or hyphen; TQE_NO_SPAN: none). */
int match_unit(tqe_entities *e, const eunit *u, match_route *route, span *near);
/* Places of a text (byte spans) where something is named; a place is
 * counted once, however many names or forms fit it ("俄罗斯" holds both
 * "俄罗斯" and "俄"). At most PLACES_MAX are told apart: enough to compare
 * how often a source and its translation name something. */
#define PLACES_MAX 64
typedef struct places {
    span at[PLACES_MAX];
    size_t n;
} places;
void places_add(places *p, size_t start, size_t end);
/* Add the places of the indexed translation that hold one of `forms`. */
int count_forms(tqe_entities *e, const char *const *forms, size_t nforms, bool verbatim, places *p);
/* Is one of `forms` (glossary or equivalents, in the target language) in the
 * indexed translation? Verbatim forms must keep their case. */
int match_forms(tqe_entities *e, const char *const *forms, size_t nforms, bool verbatim,
                bool *found);
/* Is n[0..nl) in h as whole words (anywhere, with `anywhere`: for scripts
 * that do not put spaces between words)? */
bool find_word_bytes(const char *h, size_t hl, const char *n, size_t nl, bool anywhere);
/* A URL or the like, source span s of kind `kind`: searched as a string; on
 * M_NONE *near_at is a similar one in the translation (or TQE_NO_SPAN). */
match_route match_special(tqe_entities *e, span s, int kind, span *near_at);

#endif
