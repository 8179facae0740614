/* numbers.h - private parts of the number check shared by numbers*.c: the
 * word lexicon, the atom scanner, the locale conventions and the handle. */
#ifndef TQE_NUMBERS_H
#define TQE_NUMBERS_H

#include "internal.h"

/* ---- Lexicon: what a word or phrase means to the number grammar ---- */

/* Entry types. The names (lex_type_name) are the second column of
 * references/locales/<lang>.tsv; keep them in sync with the README there. */
typedef enum lex_type {
    LEX_PREFIX = 0,   /* internal: a proper prefix of a longer phrase */
    LEX_NUM,          /* cardinal number word: value */
    LEX_ORD,          /* ordinal number word: value */
    LEX_WEAK,         /* stands for a number but is never checked ("both") */
    LEX_ARTICLE,      /* "a", "ein": 1, only before a scale word ("a million") */
    LEX_SCALE,        /* multiplier word after a number: value ("billion", "Mrd.", "亿") */
    LEX_PERCENT,      /* percent sign or word */
    LEX_CURRENCY,     /* currency symbol, code or word: unit = ISO code */
    LEX_MONTH,        /* month name: value 1..12 */
    LEX_QUARTER,      /* a whole quarter ("Q3", "3. Quartal", "第三季度"): value 1..4 */
    LEX_QUARTER_NOUN, /* "quarter", "trimestre": makes a quarter of an ordinal 1..4 */
    LEX_MULT,         /* multiplicative word: value ("double", "twice") */
    LEX_TIMES,        /* after a number makes a multiplicative ("times", "Mal", "倍") */
    LEX_RANGE,        /* connects the two ends of a range ("to", "bis", "–") */
    LEX_BETWEEN,      /* opens a range that LEX_AND closes ("between", "zwischen") */
    LEX_AND,          /* closes a range opened by LEX_BETWEEN ("and", "und") */
    LEX_LINK,         /* particle between an amount and its unit ("de", "of") */
    LEX_HOUR,         /* o'clock word after an hour ("Uhr", "时"); option prefix: before it */
    LEX_MINUTE,       /* minute word after minutes ("分"); value > 0: fixed minutes ("半") */
    LEX_AMPM,         /* am/pm marker: value 0 (am) or 12 (pm) */
    LEX_DAY_SUFFIX,   /* after a day number ("日", "일") */
    LEX_DECADE,       /* after a year makes a decade ("s", "er", "-х", "年代") */
    LEX_ORD_SUFFIX,   /* after digits makes an ordinal ("st", "º", "-й") */
    LEX_ORD_PREFIX,   /* before a number makes an ordinal ("第", "ke-") */
    LEX_COUNTER,      /* classifier that lets a CJK spelled numeral count ("个", "名") */
    LEX_IGNORE,       /* not a number mention */
    LEX_UNIT,         /* unit of measure after a number: unit = its symbol ("miles" -> "mi") */
    LEX_APPROX,       /* "more than" between a number and its scale ("200多万") */
    LEX_VAGUE,        /* before a number makes it vague, no mention ("数10億", "几百") */
    LEX_FRACTION,     /* between denominator and numerator ("四分之一", "4分の1") */
    LEX_STEM,         /* internal: an ordinal without its ending ("fünft" of "fünfte"),
                       * found only at the start of a longer word */
    LEX_TYPE_COUNT
} lex_type;

/* Entry options (the data files' fourth column):
 *  MONEY   scale: only in an amount with a currency ("$5m"; "100m" is metres)
 *  PREFIX  hour word: before the number ("pukul 9")
 *  CASE    the text must match the phrase's case ("USD", "RM": "all" is no lek)
 *  CAP     the text must start with a capital ("May" where ICU capitalizes months)
 *  ALONE   scale: means 1x without a number ("milijun pitanja": a million questions)
 *  GLUED   only glued to what precedes it ("9am"; German "9 am Montag" is no time)
 *  CLOCK   am/pm: only after a clock time or hour word ("в 4 часа дня", not "4 дня") */
#define LEXO_MONEY  0x01u
#define LEXO_PREFIX 0x02u
#define LEXO_CASE   0x04u
#define LEXO_CAP    0x08u
#define LEXO_ALONE  0x10u
#define LEXO_GLUED  0x20u
#define LEXO_CLOCK  0x40u

#define LEX_NONE      UINT32_MAX
#define LEX_MAX_ATOMS 8 /* longest phrase, in atoms (one a CJK character) */
#define LEX_UNIT_LEN  8

typedef struct lex_entry {
    uint32_t key;  /* arena offset of the normalized key (atoms joined by ' ') */
    uint32_t orig; /* arena offset of the phrase as written (LEXO_CASE) */
    uint32_t hash;
    uint32_t next; /* next entry of the hash chain */
    uint8_t type;  /* lex_type */
    uint8_t natoms;
    uint8_t opts; /* LEXO_* */
    uint8_t glue; /* bit k: atoms k and k+1 must be glued in the text ("A$": "A $100" is no AUD) */
    double value;
    char unit[LEX_UNIT_LEN];
} lex_entry;

typedef struct lexicon {
    lex_entry *e;
    size_t n, cap;
    uint32_t *buckets; /* heads of hash chains, nbuckets a power of two */
    size_t nbuckets;
    char *arena;
    size_t alen, acap;
} lexicon;

const char *lex_type_name(lex_type t);
void lex_free(lexicon *lx);
uint32_t lex_hash_bytes(uint32_t h, const char *s, size_t n);
#define LEX_HASH_INIT 2166136261u
/* Add an entry for an already normalized key of `natoms` atoms (and its
 * prefixes as LEX_PREFIX). An entry equal in key, type and value is not
 * added twice. Returns 0 or TQE_ENOMEM. */
int lex_add(lexicon *lx, const char *key, size_t klen, const char *orig, size_t olen,
            unsigned natoms, unsigned glue, lex_type type, double value, const char *unit,
            unsigned opts);
/* The first entry with this key (any type), or NULL; the next one with the
 * same key is found with lex_next_same. */
const lex_entry *lex_find(const lexicon *lx, uint32_t hash, const char *key, size_t klen);
const lex_entry *lex_next_same(const lexicon *lx, const lex_entry *e);
static inline const char *lex_key(const lexicon *lx, const lex_entry *e)
{
    return lx->arena + e->key;
}

/* A unit of measure: its symbol, dimension, system and value in the base
 * unit of its dimension (base = value * factor + offset). A unit symbol the
 * data files use must be one of these. */
typedef struct measure {
    const char *sym;
    char dim;
    bool metric;
    double factor, offset;
} measure;

/* The unit with this symbol, or NULL. Static. */
const measure *measure_find(const char *sym);

/* ---- Atoms: the scanner's units (numbers, words, single symbols) ---- */

typedef enum atom_kind { ATOM_WORD, ATOM_NUM, ATOM_SYM } atom_kind;

#define ANUM_GROUPED   0x01u /* has grouping separators */
#define ANUM_DECIMAL   0x02u /* has a decimal part */
#define ANUM_AMBIGUOUS 0x04u /* a second reading exists (alt) */
#define ANUM_FOREIGN   0x08u /* read with another locale's separators */

typedef struct atom {
    uint32_t start, end; /* byte span in the text */
    uint32_t fold, flen; /* folded text in the scanner's fold buffer */
    uint32_t hash;       /* of the folded text */
    uint8_t kind;        /* atom_kind */
    uint8_t gap;         /* 0: glued to the previous atom; 1: whitespace before it */
    uint8_t cjk;         /* one Han or kana (1) or Hangul (2) character */
    uint8_t upper;       /* a word in capitals only ("USD", "XVII") */
    uint32_t cp;         /* ATOM_SYM: the (folded) code point */
    /* ATOM_NUM */
    double value, alt;
    uint8_t nflags; /* ANUM_* */
    uint8_t nint;   /* digits before the decimal separator (capped at 255) */
    uint8_t nfrac;  /* digits after it */
    uint8_t nsep;   /* separators of any kind */
} atom;

/* Locale conventions the scanner and the grammar need, from ICU. */
typedef struct numlocale {
    uint32_t decimal;    /* decimal separator code point */
    uint32_t group;      /* grouping separator code point */
    bool group_is_space; /* ' ' groups digits: the separator is a space, or the decimal mark ',' */
    int group_size;      /* primary grouping size (3) */
    bool day_first;      /* numeric dates: day before month ("21/3", "21.3.") */
    uint32_t date_sep;   /* separator of numeric day-month dates ('/', '.', '-') */
    uint32_t time_sep;   /* separator of hours and minutes (':' or '.') */
    bool ampm_first;     /* am/pm comes before the hour ("下午5:30", "오후 1시") */
} numlocale;

/* Scanner scratch, reused from line to line. */
typedef struct scanner {
    atom *atoms;
    size_t natoms, cap;
    char *fold;
    size_t flen, fcap;
} scanner;

/* Split text[0..len) into atoms, folding words for lookup (Unicode simple
 * case folding, apostrophes unified, fullwidth ASCII narrowed, soft hyphens
 * dropped, a hyphen between two words dropped). Digits with separators are
 * read with `loc` (NULL: plain digit runs, as for lexicon keys). URLs and
 * e-mail addresses produce no atoms. Returns 0 or TQE_ENOMEM. */
int scan_text(scanner *sc, const numlocale *loc, const char *text, size_t len);
void scanner_free(scanner *sc);
/* Normalize a phrase into a lexicon key: its atoms' folded texts joined by
 * single spaces, into buf (NUL-terminated). Returns the atom count (0: none,
 * or more than LEX_MAX_ATOMS), *klen, and in *glue the boundaries where a
 * symbol is glued to its neighbour ("A$", "US$", "24/7"; not the dots of
 * "a.m.", which may be spaced). */
unsigned phrase_key(scanner *sc, const char *phrase, size_t len, tqe_buf *buf, size_t *klen,
                    unsigned *glue);

/* ---- The handle ---- */

/* Per-mention bookkeeping the range pass and the describer need. */
typedef struct mention_aux {
    size_t first, next; /* atoms [first, next) */
    double raw;         /* value before scale words */
    double scale;       /* product of scale words, 1 if none */
} mention_aux;

/* One phrase match at an atom: entries with this key, its length in atoms. */
typedef struct phrase_match {
    uint32_t entry; /* first entry with the key */
    uint8_t natoms;
} phrase_match;

struct tqe_numbers {
    tqe_ctx *ctx;
    char lang[32];
    char icu_locale[64];
    numlocale loc;
    lexicon lex;
    scanner sc;
    /* Phrase matches per atom: pm_first[i]..pm_first[i+1] into pm. */
    phrase_match *pm;
    size_t npm, pmcap;
    uint32_t *pm_first;
    size_t pmfcap;
    tqe_number *out;
    mention_aux *aux;
    size_t nout, outcap, auxcap;
    uint8_t part_first[32]; /* first bytes of number words that may start a longer word */
    size_t part_maxlen;     /* their longest key, in bytes */
    const char *text;       /* the text being read */
    bool oom;               /* an allocation failed while emitting */
};

/* numbers_locale.c: fill x->loc and x->lex from ICU (number symbols, RBNF
 * spell-out, month, am/pm and quarter names, currency symbols and names). */
int numlocale_load_icu(tqe_numbers *x);
/* numbers_data.c: add the entries of a data file; a missing file is not an
 * error when `optional`. */
int numdata_load(tqe_numbers *x, const char *path, bool optional);
/* numbers_locale.c: add ordinal stems and index the words that may start a
 * compound, once every entry is loaded. */
int numlocale_finish(tqe_numbers *x);

#endif
