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
} sound_rule;

struct sound_table {
    const char *langs[4];
    const sound_rule *rules; /* longest first where one is a prefix of another */
    size_t n;
};

/* Letters with diacritics that none of the tables below reads otherwise. */
static const sound_rule plain_letters[] = {
    {"á", "a"}, {"é", "e"}, {"í", "i"}, {"ó", "o"}, {"ú", "u"}, {"ý", "y"}, {"ě", "e"},
    {"ů", "u"}, {"ď", "d"}, {"ť", "t"}, {"ň", "n"}, {"ľ", "l"}, {"ĺ", "l"}, {"ŕ", "r"},
    {"ô", "o"}, {"ä", "a"}, {"ö", "o"}, {"ü", "u"}, {"ë", "e"}, {"ł", "l"}, {"ń", "n"},
};

/* English writes Russian ё after ж, ч, ш, щ as e ("Khrushchev",
 * "Gorbachev"), the other languages as o ("Chruščov", "Gorbatschow"). */
static const sound_rule czech[] = {
    {"čov", "chev"}, {"šov", "shev"}, {"žov", "zhev"}, {"ch", "kh"}, {"dž", "j"}, {"č", "ch"},
    {"š", "sh"},     {"ž", "zh"},     {"ř", "rzh"},    {"c", "ts"},  {"j", "y"},
};

static const sound_rule polish[] = {
    {"szczow", "shchev"}, {"czow", "chev"}, {"szow", "shev"}, {"żow", "zhev"}, {"szcz", "shch"},
    {"ch", "kh"},         {"cz", "ch"},     {"sz", "sh"},     {"rz", "zh"},    {"dż", "j"},
    {"dź", "j"},          {"ż", "zh"},      {"ź", "zh"},      {"ś", "sh"},     {"ć", "ch"},
    {"c", "ts"},          {"j", "y"},       {"w", "v"},       {"ą", "on"},     {"ę", "en"},
    {"ó", "u"},
};

/* h is the sound English transliterations write kh ("Mihail"). */
static const sound_rule south_slavic[] = {
    {"čov", "chev"}, {"šov", "shev"}, {"žov", "zhev"}, {"dž", "j"}, {"đ", "j"}, {"č", "ch"},
    {"ć", "ch"},     {"š", "sh"},     {"ž", "zh"},     {"c", "ts"}, {"j", "y"}, {"h", "kh"},
};

static const sound_rule german[] = {
    {"tschow", "chev"}, {"schow", "shev"}, {"tsch", "ch"}, {"sch", "sh"}, {"ch", "kh"},
    {"tz", "ts"},       {"ß", "ss"},       {"z", "ts"},    {"j", "y"},    {"w", "v"},
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
    for (size_t r = 0; r < n; r++) {
        size_t fl = strlen(rules[r].from);
        if (i + fl <= len && !memcmp(w + i, rules[r].from, fl)) return &rules[r];
    }
    return NULL;
}

size_t sound_key(const sound_table *t, const char *low, size_t len, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        const sound_rule *r = rule_at(t->rules, t->n, low, len, i);
        if (!r) r = rule_at(plain_letters, TQE_ARRAY_LEN(plain_letters), low, len, i);
        const char *to = r ? r->to : NULL;
        size_t used = r ? strlen(r->from) : 1;
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
