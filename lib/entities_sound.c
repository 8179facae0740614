/* entities_sound.c - a Latin-script word as English spells its sounds.
 *
 * Czech, Polish, Croatian or German translations write a name that came to
 * English through a transliteration in their own spelling of the same
 * sounds: "Mikhail Mishustin" is "Michail Mišustin", "Michaił Miszustin",
 * "Mihail Mišustin"; "Yanukovych" is "Janukovyč", "Janukowycz",
 * "Janukowitsch"; "Mitsotakis" is "Micotakis". Folding accents ("Misustin")
 * loses what the letters say. Reading the word with the language's letter
 * values, written as English transliterations write them ("michail" ->
 * "mikhail", "janukowitsch" -> "yanukovich"), gives back a spelling that
 * the skeletons compare with the English one. Only the letters where the
 * languages differ from English are listed; others are kept, accents
 * dropped. */
#include "entities.h"

typedef struct sound_rule {
    const char *from, *to; /* lower-case UTF-8 -> ASCII */
    size_t len;            /* of `from`: the rules are tried at every letter */
} sound_rule;

#define R(from, to)                                                                                \
    {                                                                                              \
        from, to, sizeof(from) - 1                                                                 \
    }

struct sound_table {
    const char *langs[4];
    const sound_rule *rules; /* longest first where one is a prefix of another */
    size_t n;
};

/* Letters with diacritics read as their base letter, where the language's
 * table (tried first) does not read them otherwise (Polish ó is "u"). */
static const sound_rule plain_letters[] = {
    R("á", "a"), R("é", "e"), R("í", "i"), R("ó", "o"), R("ú", "u"), R("ý", "y"), R("ě", "e"),
    R("ů", "u"), R("ď", "d"), R("ť", "t"), R("ň", "n"), R("ľ", "l"), R("ĺ", "l"), R("ŕ", "r"),
    R("ô", "o"), R("ä", "a"), R("ö", "o"), R("ü", "u"), R("ë", "e"), R("ł", "l"), R("ń", "n"),
};

/* English writes Russian ё after ж, ч, ш, щ as e ("Khrushchev",
 * "Gorbachev"), the other languages as o ("Chruščov", "Gorbatschow"). */
static const sound_rule czech[] = {
    R("čov", "chev"), R("šov", "shev"), R("žov", "zhev"), R("ch", "kh"), R("dž", "j"), R("č", "ch"),
    R("š", "sh"),     R("ž", "zh"),     R("ř", "rzh"),    R("c", "ts"),  R("j", "y"),
};

static const sound_rule polish[] = {
    R("szczow", "shchev"), R("czow", "chev"), R("szow", "shev"), R("żow", "zhev"),
    R("szcz", "shch"),     R("ch", "kh"),     R("cz", "ch"),     R("sz", "sh"),
    R("rz", "zh"),         R("dż", "j"),      R("dź", "j"),      R("ż", "zh"),
    R("ź", "zh"),          R("ś", "sh"),      R("ć", "ch"),      R("c", "ts"),
    R("j", "y"),           R("w", "v"),       R("ą", "on"),      R("ę", "en"),
    R("ó", "u"),
};

/* h is the sound English transliterations write kh ("Mihail"). */
static const sound_rule south_slavic[] = {
    R("čov", "chev"), R("šov", "shev"), R("žov", "zhev"), R("dž", "j"), R("đ", "j"), R("č", "ch"),
    R("ć", "ch"),     R("š", "sh"),     R("ž", "zh"),     R("c", "ts"), R("j", "y"), R("h", "kh"),
};

static const sound_rule german[] = {
    R("tschow", "chev"), R("schow", "shev"), R("tsch", "ch"), R("sch", "sh"), R("ch", "kh"),
    R("tz", "ts"),       R("ß", "ss"),       R("z", "ts"),    R("j", "y"),    R("w", "v"),
};

static const struct sound_table tables[] = {
    {{"cs", "sk"}, czech, TQE_ARRAY_LEN(czech)},
    {{"pl"}, polish, TQE_ARRAY_LEN(polish)},
    {{"hr", "sl", "bs", "sr"}, south_slavic, TQE_ARRAY_LEN(south_slavic)},
    {{"de"}, german, TQE_ARRAY_LEN(german)},
};

const sound_table *sound_table_for(const char *lang)
{
    for (size_t t = 0; t < TQE_ARRAY_LEN(tables); t++)
        for (size_t k = 0; k < 4 && tables[t].langs[k]; k++)
            if (!strcmp(tables[t].langs[k], lang)) return &tables[t];
    return NULL;
}

/* The rule of `rules` that w[i..) starts with, or NULL. */
static const sound_rule *rule_at(const sound_rule *rules, size_t n, const char *w, size_t len,
                                 size_t i)
{
    for (size_t r = 0; r < n; r++)
        if (i + rules[r].len <= len && !memcmp(w + i, rules[r].from, rules[r].len))
            return &rules[r];
    return NULL;
}

size_t sound_key(const sound_table *t, const char *low, size_t len, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        const sound_rule *r = rule_at(t->rules, t->n, low, len, i);
        if (!r) r = rule_at(plain_letters, TQE_ARRAY_LEN(plain_letters), low, len, i);
        const char *to = r ? r->to : NULL;
        size_t used = r ? r->len : 1;
        char one[2] = {low[i], 0};
        if (!r) {
            /* another letter outside ASCII: no reading, so no match */
            if ((unsigned char)low[i] >= 0x80) return 0;
            to = one;
        }
        for (; *to; to++) {
            if (o + 1 >= cap) return 0;
            out[o++] = *to;
        }
        i += used;
    }
    return o;
}
