/* entities_extract.c - candidate names in an English source: ICU word and
 * sentence boundaries, word shapes, and the evidence that tells a name from a
 * capitalised ordinary word (sentence position, the common-word and function
 * word lists, the word seen in lower case elsewhere, the stoplist). */
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include "entities.h"
#include "glossary.h"

/* ---- word shapes ------------------------------------------------------- */

typedef struct shape_counts {
    size_t letters, upper, lower, digits;
    bool upper_after_lower; /* "OpenAI", "iPhone" */
    bool first_upper, first_lower, first_digit;
} shape_counts;

static void count_shape(shape_counts *k, const char *s, size_t len)
{
    memset(k, 0, sizeof(*k));
    bool seen_lower = false, first = true;
    for (size_t i = 0; i < len;) {
        uint32_t c = tqe_u8_next(s, &i);
        bool up =
            c < 0x80 ? (c >= 'A' && c <= 'Z') : u_isupper((UChar32)c) || u_istitle((UChar32)c);
        bool lo = c < 0x80 ? (c >= 'a' && c <= 'z') : u_islower((UChar32)c);
        bool dig = c < 0x80 ? (c >= '0' && c <= '9') : u_isdigit((UChar32)c);
        bool alpha = up || lo || (c >= 0x80 && u_isalpha((UChar32)c));
        if (first && (alpha || dig)) {
            k->first_upper = up;
            k->first_lower = lo;
            k->first_digit = dig;
            first = false;
        }
        k->letters += alpha;
        k->upper += up;
        k->lower += lo;
        k->digits += dig;
        if (up && seen_lower) k->upper_after_lower = true;
        seen_lower |= lo;
    }
}

/* Length of an "O'" / "D’" / "Mc" / "De" ... prefix, so that "O'Brien",
 * "McCarthy" and "DeBerry" have the shape of "Brien", "Carthy", "Berry":
 * surnames, not CamelCase brands. */
static size_t name_prefix(const char *s, size_t len)
{
    static const char *const pre[] = {"Mc", "De", "Di", "Le", "La", "Van"};
    for (size_t k = 0; k < TQE_ARRAY_LEN(pre); k++) {
        size_t n = strlen(pre[k]);
        if (len > n + 2 && memcmp(s, pre[k], n) == 0 && s[n] >= 'A' && s[n] <= 'Z' &&
            s[n + 1] >= 'a' && s[n + 1] <= 'z')
            return n;
    }
    if (len > 3 && s[0] >= 'A' && s[0] <= 'Z' && s[1] == '\'') return 2;
    if (len > 5 && s[0] >= 'A' && s[0] <= 'Z' && memcmp(s + 1, "\xE2\x80\x99", 3) == 0) return 4;
    return 0;
}

/* "II", "IV", "XIV": a Roman numeral (of two or more letters) is a number. */
static bool roman_numeral(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && i < 3 && s[i] == 'X') i++;
    if (i + 2 <= len && s[i] == 'I' && (s[i + 1] == 'X' || s[i + 1] == 'V')) {
        i += 2;
    } else {
        if (i < len && s[i] == 'V') i++;
        for (size_t k = 0; k < 3 && i < len && s[i] == 'I'; k++) i++;
    }
    return len >= 2 && i == len;
}

static shape word_shape(const char *s, size_t len)
{
    if (roman_numeral(s, len)) return SH_NUMBER;
    shape_counts k;
    size_t pre = name_prefix(s, len);
    count_shape(&k, s + pre, len - pre);
    if (k.letters == 0) return k.digits ? SH_NUMBER : SH_OTHER;
    if (k.digits) return (!k.first_digit && k.upper) ? SH_ALNUM : SH_OTHER;
    if (k.upper + k.lower < k.letters) return SH_OTHER; /* scripts without case */
    if (k.upper == 0) return SH_LOWER;
    if (k.letters == 1) return SH_OTHER; /* "I", "A", "Q" */
    if (k.lower == 0) return SH_UPPER;
    /* "CEOs", "URLs": a plural acronym */
    if (k.lower == 1 && s[len - 1] == 's' && k.upper >= 2 && !k.upper_after_lower) return SH_UPPER;
    if (k.first_lower || k.upper_after_lower) return SH_CAMEL;
    if (k.first_upper && k.upper == 1) return SH_CAP;
    return SH_CAMEL; /* "AIs" was handled; "PhD", "McDonald" */
}

/* Drop "'s", "’s", "'ll", "n't", ..., and a trailing apostrophe from a word. */
static size_t strip_ending(const char *s, size_t len, shape sh)
{
    if (len > 3 && memcmp(s + len - 3, "n't", 3) == 0) return len - 3;
    if (len > 5 && memcmp(s + len - 5, "n\xE2\x80\x99t", 5) == 0) return len - 5;
    static const char *const endings[] = {"s", "ll", "re", "ve", "d", "m", ""};
    for (size_t k = 0; k < TQE_ARRAY_LEN(endings); k++) {
        size_t el = strlen(endings[k]);
        if (len <= el + 1 || memcmp(s + len - el, endings[k], el) != 0) continue;
        size_t b = len - el;
        if (s[b - 1] == '\'') return b - 1;
        if (b >= 4 && memcmp(s + b - 3, "\xE2\x80\x99", 3) == 0) return b - 3;
    }
    /* "CEOs" -> "CEO" */
    if (sh == SH_UPPER && len > 2 && s[len - 1] == 's') return len - 1;
    return len;
}

/* ---- word-list evidence -------------------------------------------------- */

#define WORD_MAX 64

/* ASCII lower case of s into out (WORD_MAX bytes); 0 if too long. */
static size_t lower_word(char *out, const char *s, size_t len)
{
    if (len >= WORD_MAX) return 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        out[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    out[len] = '\0';
    return len;
}

static bool in_lists(const tqe_entities *e, const char *w, size_t n, bool seen)
{
    if (strtab_find(&e->data.common, w, n, NULL) || strtab_find(&e->data.function, w, n, NULL))
        return true;
    return seen &&
           (strtab_find(&e->lower_seen, w, n, NULL) || strtab_find(&e->doc_lower, w, n, NULL));
}

/* English inflectional and derivational endings and what the base word ends
 * with instead ("builders" -> "build", "relied" -> "rely"). */
static const struct {
    const char *suffix, *repl;
} lemma_rules[] = {
    {"ies", "y"}, {"es", ""},     {"s", ""},     {"men", "man"}, {"ied", "y"},  {"ed", ""},
    {"ed", "e"},  {"ing", ""},    {"ing", "e"},  {"ers", ""},    {"er", ""},    {"ily", "y"},
    {"ally", ""}, {"ly", ""},     {"ably", "e"}, {"ably", ""},   {"ibly", "e"}, {"ment", ""},
    {"ness", ""}, {"ation", "e"}, {"ation", ""}, {"ity", ""},    {"ity", "e"},  {"ive", "e"},
    {"ful", ""},  {"less", ""},   {"able", ""},  {"able", "e"},  {"ist", ""},   {"ism", ""},
    {"ship", ""},
};
#define PLURAL_RULES 4 /* the first four: all that applies to a name inside a sentence */

static const char *const lemma_prefixes[] = {"un",  "re", "dis", "non", "over",  "under", "pre",
                                             "mis", "in", "im",  "out", "multi", "self"};

/* Is w (lower case) a listed word or derived from one by up to `depth` more
 * endings (and, with prefixes, one prefix)? */
static bool derived_word(const tqe_entities *e, const char *w, size_t n, bool seen, size_t nrules,
                         int depth, bool prefixes)
{
    if (in_lists(e, w, n, seen)) return true;
    if (depth == 0) return false;
    char buf[WORD_MAX + 8];
    for (size_t k = 0; k < nrules; k++) {
        size_t sl = strlen(lemma_rules[k].suffix), rl = strlen(lemma_rules[k].repl);
        if (n < sl + 2 || memcmp(w + n - sl, lemma_rules[k].suffix, sl) != 0) continue;
        size_t b = n - sl;
        memcpy(buf, w, b);
        memcpy(buf + b, lemma_rules[k].repl, rl);
        if (derived_word(e, buf, b + rl, seen, nrules, depth - 1, false)) return true;
        /* doubled consonant: "stopped", "planning", "regrettably" */
        if (rl == 0 && b >= 4 && buf[b - 1] == buf[b - 2] && in_lists(e, buf, b - 1, seen))
            return true;
    }
    for (size_t k = 0; prefixes && k < TQE_ARRAY_LEN(lemma_prefixes); k++) {
        size_t pl = strlen(lemma_prefixes[k]);
        if (n >= pl + 4 && memcmp(w, lemma_prefixes[k], pl) == 0 &&
            derived_word(e, w + pl, n - pl, seen, nrules, depth, false))
            return true;
    }
    return false;
}

/* Is the lower-case word w an ordinary English word: listed, or an
 * inflection of a listed word? Where a capital says nothing (`initial`: the
 * start of a sentence, a headline in title case, a shouted line) words seen
 * in lower case in the text count as listed, and derived forms do too
 * ("Unsurprisingly" of "surprise"); elsewhere only plurals do, since many
 * short surnames are derived from ordinary words ("Walker", "Parker"). */
static bool ordinary_word(const tqe_entities *e, const char *w, size_t n, bool initial)
{
    if (initial) return derived_word(e, w, n, true, TQE_ARRAY_LEN(lemma_rules), 3, true);
    /* long derived words are not surnames ("Manufacturing", "Decoupling") */
    if (n >= 9) return derived_word(e, w, n, false, TQE_ARRAY_LEN(lemma_rules), 3, true);
    return derived_word(e, w, n, false, PLURAL_RULES, 1, false);
}

/* Small words that may join the capitalised words of one name. */
static bool is_connector(const char *w, size_t n)
{
    static const char *const conn[] = {"of", "de", "del", "della", "der", "den", "van", "von",
                                       "da", "di", "du",  "la",    "le",  "al",  "bin"};
    for (size_t k = 0; k < TQE_ARRAY_LEN(conn); k++)
        if (strlen(conn[k]) == n && memcmp(conn[k], w, n) == 0) return true;
    return false;
}

static bool translatable_text(const tqe_entities *e, const char *s, size_t len)
{
    char key[GLOSSARY_KEY_MAX + 1];
    int kl = glossary_key(key, GLOSSARY_KEY_MAX, s, len);
    return kl > 0 && strtab_find(&e->data.translatable, key, (size_t)kl, NULL);
}

/* A letter written three times or more in a row: a word drawn out for
 * emphasis ("UGHHHH", "GGGGREAT"), not an acronym. */
static bool stretched(const char *w, size_t n)
{
    for (size_t i = 2; i < n; i++)
        if (w[i] == w[i - 1] && w[i] == w[i - 2]) return true;
    return false;
}

/* Quarter and half-year labels are dates ("Q3 2024" is "third quarter"). */
static bool date_code(const char *s, size_t len)
{
    return len == 2 && ((s[0] == 'Q' && s[1] >= '1' && s[1] <= '4') ||
                        (s[0] == 'H' && (s[1] == '1' || s[1] == '2')));
}

/* The role of a capitalised word; runs and titles refine it later. */
static role word_role(const tqe_entities *e, const etoken *t)
{
    const char *s = e->text + t->s.start;
    size_t len = t->s.end - t->s.start;
    char w[WORD_MAX];
    size_t n = lower_word(w, s, len);
    if (strtab_find(&e->data.stop, s, len, NULL)) return R_STOP;
    if (t->function) return R_COMMON; /* "The", "OF" */
    switch ((shape)t->shape) {
    case SH_UPPER:
        /* "AU$500", "US$": the letters of a currency sign (amounts are the
         * number check's) */
        if (t->s.end < e->text_len && e->text[t->s.end] == '$') return R_NONE;
        if (translatable_text(e, s, len)) return R_TACRO;
        /* spelled out in ordinary words elsewhere in the document: the
         * acronym of an ordinary phrase, translated as CEO or AI are */
        if (strtab_find(&e->doc_acros, s, len, NULL)) return R_TACRO;
        /* "O.D.", "P.S.": dotted abbreviations of ordinary words */
        if (memchr(s, '.', len)) return R_COMMON;
        /* "LEAVE A REPLY", "and COUNTING", "UGHHHH": shouting, not an
         * acronym; capitals say nothing of a derived word there either */
        if (n >= 3 && (ordinary_word(e, w, n, t->initial || n >= 5) || stretched(w, n)))
            return R_COMMON;
        return R_KEY;
    case SH_CAMEL:
        /* "eReader", "eBook": a generic e- word (but "eBay" is a name) */
        if (n > 4 && w[0] == 'e' && s[1] >= 'A' && s[1] <= 'Z' &&
            ordinary_word(e, w + 1, n - 1, false))
            return R_COMMON;
        return R_KEY;
    case SH_ALNUM:
        return date_code(s, len) ? R_NONE : R_KEY;
    case SH_CAP:
        if (n == 0) return R_KEY;
        if (ordinary_word(e, w, n, t->initial)) return R_COMMON;
        /* a word of a phrase the document abbreviates, mostly in ordinary
         * words ("Foreign, Commonwealth and Development Office (FCDO)") */
        if (strtab_find(&e->doc_spelled, s, len, NULL)) return R_COMMON;
        return R_KEY;
    default:
        return R_NONE;
    }
}

/* ---- tokens -------------------------------------------------------------- */

/* Does the text between two words open a quotation or follow a colon, after
 * which English capitalises the next word whatever it is? */
static bool opens_clause(const char *t, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++) {
        if (t[i] == ':' || t[i] == '"' || (t[i] == '-' && i > a && t[i - 1] == ' ')) return true;
        if (i + 3 <= b && (memcmp(t + i, "\xE2\x80\x9C", 3) == 0 || /* “ */
                           memcmp(t + i, "\xE2\x80\x9E", 3) == 0 || /* „ */
                           memcmp(t + i, "\xE2\x80\x98", 3) == 0 || /* ‘ */
                           memcmp(t + i, "\xE2\x80\x93", 3) == 0 || /* – */
                           memcmp(t + i, "\xE2\x80\x94", 3) == 0))  /* — */
            return true;
        if (i + 2 <= b && memcmp(t + i, "\xC2\xAB", 2) == 0) return true; /* « */
    }
    return false;
}

static int push_token(tqe_entities *e, size_t a, size_t b, uint32_t sent, bool initial)
{
    if (tqe_grow((void **)&e->tok, &e->tok_cap, e->ntok + 1, sizeof(*e->tok))) return TQE_ENOMEM;
    const char *s = e->text + a;
    size_t len = strip_ending(s, b - a, SH_OTHER);
    shape sh = word_shape(s, len);
    len = strip_ending(s, len, sh);
    char w[WORD_MAX];
    size_t n = lower_word(w, s, len);
    etoken *t = &e->tok[e->ntok++];
    memset(t, 0, sizeof(*t));
    t->s = (span){a, a + len};
    t->sent = sent;
    t->shape = (uint8_t)sh;
    t->initial = initial && sh != SH_NUMBER;
    t->function = n > 0 && strtab_find(&e->data.function, w, n, NULL);
    return TQE_OK;
}

/* Where a sentence ends without a space inside what the break iterator took
 * for one word ("same.And", "book.I"): the offset of the full stop, or 0. */
static size_t missing_space(size_t a, size_t b, const char *t)
{
    for (size_t i = a + 2; i + 1 < b; i++)
        if (t[i] == '.' && t[i - 1] >= 'a' && t[i - 1] <= 'z' && t[i - 2] >= 'a' &&
            t[i - 2] <= 'z' && t[i + 1] >= 'A' && t[i + 1] <= 'Z')
            return i;
    return 0;
}

/* Is [a, b) inside (or overlapping) a URL or the like? *k walks the sorted
 * special spans along with the words. */
static bool in_special(const tqe_entities *e, size_t *k, size_t a, size_t b)
{
    while (*k < e->nspecial && e->special[*k].s.end <= a) (*k)++;
    return *k < e->nspecial && e->special[*k].s.start < b;
}

/* Word tokens with their sentence index and sentence-initial flag. */
static int tokenize(tqe_entities *e)
{
    UErrorCode st = U_ZERO_ERROR;
    UText ut = UTEXT_INITIALIZER;
    utext_openUTF8(&ut, e->text, (int64_t)e->text_len, &st);
    ubrk_setUText(e->wb, &ut, &st);
    ubrk_setUText(e->sb, &ut, &st);
    if (U_FAILURE(st)) {
        utext_close(&ut);
        return tqe_err(e->ctx, TQE_EICU, "ICU break iterator: %s", u_errorName(st));
    }
    e->ntok = 0;
    uint32_t sent = 0;
    bool first_word = true;
    ubrk_first(e->sb);
    int32_t sent_end = ubrk_next(e->sb);
    size_t prev_end = 0, k = 0;
    int rc = TQE_OK;
    int32_t p = ubrk_first(e->wb);
    for (int32_t q = ubrk_next(e->wb); q != UBRK_DONE && !rc; p = q, q = ubrk_next(e->wb)) {
        if (ubrk_getRuleStatus(e->wb) < UBRK_WORD_NONE_LIMIT) continue;
        while (sent_end != UBRK_DONE && p >= sent_end) {
            sent++;
            first_word = true;
            sent_end = ubrk_next(e->sb);
        }
        bool initial = first_word || opens_clause(e->text, prev_end, (size_t)p);
        prev_end = (size_t)q;
        if (in_special(e, &k, (size_t)p, (size_t)q)) continue;
        size_t d = missing_space((size_t)p, (size_t)q, e->text);
        if (d) {
            /* "the same.And really": two words, the second starts a sentence */
            rc = push_token(e, (size_t)p, d, sent, initial);
            p = (int32_t)d + 1;
            initial = true;
        }
        if (!rc) rc = push_token(e, (size_t)p, (size_t)q, sent, initial);
        if (rc)
            rc = tqe_oom(e->ctx);
        else if (e->tok[e->ntok - 1].shape != SH_NUMBER)
            first_word = false;
    }
    utext_close(&ut);
    return rc;
}

static bool capitalised(const etoken *t)
{
    return t->shape == SH_CAP || t->shape == SH_UPPER || t->shape == SH_CAMEL ||
           t->shape == SH_ALNUM;
}

/* In a headline written in title case ("Meta's Business Model Contradicts
 * Public Statements"), a shouted line or a label ("Font Size") capitals say
 * nothing: every word counts as initial. */
static void mark_title_case(tqe_entities *e)
{
    for (size_t a = 0, b; a < e->ntok; a = b) {
        size_t words = 0, caps = 0, shouted = 0, loud = 0;
        for (b = a; b < e->ntok && e->tok[b].sent == e->tok[a].sent; b++) {
            const etoken *t = &e->tok[b];
            shouted += t->shape == SH_UPPER || (t->function && t->shape == SH_OTHER);
            loud += t->shape == SH_UPPER && t->s.end - t->s.start >= 3;
            if (t->function || t->shape == SH_NUMBER || t->shape == SH_OTHER) continue;
            words++;
            caps += capitalised(t);
        }
        /* two capitalised words alone are a label; in a sentence, a name */
        bool title = (words >= 3 || (words == 2 && b - a == 2)) && caps * 5 >= words * 4;
        /* a shouted line, or one with shouted words ("if TAGS ARE REMOVED") */
        if (title || (shouted >= 2 && shouted == b - a) || loud >= 3)
            for (size_t i = a; i < b; i++) e->tok[i].initial = true;
    }
}

/* Lower-case words of text (split at anything but letters and apostrophes)
 * into t: the evidence word_role() consults. */
int collect_lower_words(strtab *t, const char *text, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t a = i;
        bool lower = true;
        while (i < len && ((text[i] >= 'a' && text[i] <= 'z') || text[i] == '\'' ||
                           (text[i] >= 'A' && text[i] <= 'Z') || (unsigned char)text[i] >= 0x80)) {
            lower &= !(text[i] >= 'A' && text[i] <= 'Z');
            i++;
        }
        if (i == a) {
            i++;
            continue;
        }
        if (lower && i - a >= 2 && i - a < WORD_MAX && strtab_put(t, text + a, i - a, 0, NULL) < 0)
            return TQE_ENOMEM;
    }
    return TQE_OK;
}

/* ---- acronyms the document spells out ------------------------------------ */

#define ACRO_MAX 8

/* The acronym in "(ABC)" at text[i] == '(': its length, or 0. */
static size_t paren_acronym(const char *t, size_t len, size_t i)
{
    size_t n = 0;
    while (i + 1 + n < len && t[i + 1 + n] >= 'A' && t[i + 1 + n] <= 'Z') n++;
    return n >= 2 && n <= ACRO_MAX && i + 1 + n < len && t[i + 1 + n] == ')' ? n : 0;
}

/* Do the capitalised words before text[end] spell the acronym a[0..n) by
 * their initials, in order, among the twelve words before it (lower-case
 * words between them are skipped: "Foreign, Commonwealth and Development
 * Office said (FCDO)")? *ordinary counts those that are ordinary words;
 * the others ("Commonwealth") go to other[0..*nother), ACRO_MAX at most. */
static bool spelled_before(const tqe_entities *e, const char *t, size_t end, const char *a,
                           size_t n, size_t *ordinary, span *other, size_t *nother)
{
    size_t k = n, words = 0, b = end;
    *ordinary = *nother = 0;
    while (k > 0 && words < 12) {
        while (b > 0 && !((t[b - 1] | 0x20) >= 'a' && (t[b - 1] | 0x20) <= 'z')) b--;
        size_t w = b;
        while (w > 0 &&
               (((t[w - 1] | 0x20) >= 'a' && (t[w - 1] | 0x20) <= 'z') || t[w - 1] == '\''))
            w--;
        if (w == b) return false;
        words++;
        if (t[w] >= 'A' && t[w] <= 'Z') {
            if (t[w] != a[k - 1]) return false;
            k--;
            char low[WORD_MAX];
            size_t m = b - w;
            if (m > 2 && t[b - 2] == '\'' && t[b - 1] == 's') m -= 2; /* "Students's" */
            if (t[w + m - 1] == '\'') m--;
            size_t as_written = m;
            m = lower_word(low, t + w, m);
            if (m && derived_word(e, low, m, false, TQE_ARRAY_LEN(lemma_rules), 2, true))
                (*ordinary)++;
            else
                other[(*nother)++] = (span){w, w + as_written}; /* at most ACRO_MAX */
        }
        b = w;
    }
    return k == 0;
}

static bool ascii_letter(char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* A lower-case word that may stand inside a capitalised phrase. */
static bool phrase_connector(const char *w, size_t n)
{
    static const char *const conn[] = {"of", "and", "for", "the", "on", "in", "to"};
    for (size_t k = 0; k < TQE_ARRAY_LEN(conn); k++)
        if (strlen(conn[k]) == n && !memcmp(conn[k], w, n)) return true;
    return false;
}

/* A capitalised phrase: its words' initials and which are ordinary words,
 * and where "and", "&" or a comma starts a part of it. */
typedef struct phrase {
    char ini[ACRO_MAX];
    bool ordinary[ACRO_MAX];
    size_t n;
    bool fits; /* no more than ACRO_MAX capitalised words */
    size_t part[ACRO_MAX + 1];
    size_t nparts;
} phrase;

static void phrase_cut(phrase *p)
{
    if (p->nparts <= ACRO_MAX && p->part[p->nparts - 1] != p->n) p->part[p->nparts++] = p->n;
}

/* The phrase run from t[i] (a capital). Words are separated by spaces,
 * parentheses, commas and ampersands ("Citizenship (Amendment) Act",
 * "Foreign, Commonwealth and Development Office") and may be joined by
 * connectors ("of", "and"). Returns where its last word ends. */
static size_t phrase_run(const tqe_entities *e, const char *t, size_t len, size_t i, phrase *p)
{
    p->n = 0;
    p->fits = true;
    p->part[0] = 0;
    p->nparts = 1;
    size_t end = i;
    while (i < len && ascii_letter(t[i])) {
        size_t a = i;
        while (i < len && (ascii_letter(t[i]) || t[i] == '\'')) i++;
        char low[WORD_MAX];
        size_t m = lower_word(low, t + a, i - a);
        bool cap = t[a] >= 'A' && t[a] <= 'Z';
        bool upper = i - a > 1 && t[a + 1] >= 'A' && t[a + 1] <= 'Z';
        if (upper || (!cap && !phrase_connector(low, m))) break;
        end = i;
        if (!cap && m == 3 && !memcmp(low, "and", 3)) phrase_cut(p);
        if (cap && !(m && strtab_find(&e->data.function, low, m, NULL))) {
            if (p->n == ACRO_MAX) p->fits = false;
            if (p->n < ACRO_MAX) {
                p->ordinary[p->n] =
                    m && derived_word(e, low, m, false, TQE_ARRAY_LEN(lemma_rules), 2, true);
                p->ini[p->n++] = t[a];
            }
        }
        for (; i < len && memchr(" (),&", t[i], 5); i++)
            if (t[i] == ',' || t[i] == '&') phrase_cut(p);
    }
    phrase_cut(p);
    return end;
}

/* Initials ini[a..b) of three to six words, half of them ordinary or more,
 * stand for the words. */
static int phrase_initials(tqe_entities *e, const phrase *p, size_t a, size_t b)
{
    size_t ordinary = 0;
    for (size_t k = a; k < b; k++) ordinary += p->ordinary[k];
    if (b - a < 3 || b - a > 6 || 2 * ordinary < b - a) return TQE_OK;
    return strtab_put(&e->doc_acros, p->ini + a, b - a, 0, NULL) < 0 ? tqe_oom(e->ctx) : TQE_OK;
}

/* Capitalised phrases of mostly ordinary words ("Citizenship (Amendment)
 * Act", "Civil Aviation Authority"), whole or a part between "and" and
 * commas: an acronym of their initials stands for them anywhere in the
 * document, also where no "(CAA)" follows the words. Runs of more than
 * eight capitalised words are headlines in title case. */
static int collect_phrase_initials(tqe_entities *e, const char *t, size_t len)
{
    for (size_t i = 0; i < len;) {
        if (!(t[i] >= 'A' && t[i] <= 'Z') || (i > 0 && ascii_letter(t[i - 1]))) {
            i++;
            continue;
        }
        phrase p;
        size_t end = phrase_run(e, t, len, i, &p);
        int rc = p.fits ? phrase_initials(e, &p, 0, p.n) : TQE_OK;
        for (size_t k = 0; !rc && p.fits && k + 1 < p.nparts; k++)
            rc = phrase_initials(e, &p, p.part[k], p.part[k + 1]);
        if (rc) return rc;
        i = end > i ? end : i + 1;
    }
    return TQE_OK;
}

int collect_expanded_acronyms(tqe_entities *e, const char *text, size_t len)
{
    int rc = collect_phrase_initials(e, text, len);
    if (rc) return rc;
    for (size_t i = 0; i < len; i++) {
        size_t n = text[i] == '(' ? paren_acronym(text, len, i) : 0;
        size_t ordinary, nother;
        span other[ACRO_MAX];
        /* "Krishak Mukti Sangram Samiti (KMSS)" names; "World Food
         * Programme (WFP)" is translated, often to an acronym of its own */
        if (!n || !spelled_before(e, text, i, text + i + 1, n, &ordinary, other, &nother) ||
            2 * ordinary < n)
            continue;
        if (strtab_put(&e->doc_acros, text + i + 1, n, 0, NULL) < 0) return tqe_oom(e->ctx);
        /* its other words ("Commonwealth") are the translated name's too */
        for (size_t k = 0; k < nother; k++)
            if (strtab_put(&e->doc_spelled, text + other[k].start, other[k].end - other[k].start, 0,
                           NULL) < 0)
                return tqe_oom(e->ctx);
    }
    return TQE_OK;
}

static int mark_roles(tqe_entities *e)
{
    strtab_clear(&e->lower_seen);
    for (size_t i = 0; i < e->ntok; i++) {
        const etoken *t = &e->tok[i];
        if (t->shape == SH_LOWER &&
            collect_lower_words(&e->lower_seen, e->text + t->s.start, t->s.end - t->s.start))
            return tqe_oom(e->ctx);
    }
    for (size_t i = 0; i < e->ntok; i++) e->tok[i].role = (uint8_t)word_role(e, &e->tok[i]);
    return TQE_OK;
}

/* ---- entities and their units ------------------------------------------- */

static int add_entity(tqe_entities *e, size_t a, size_t b, tqe_entity_kind kind, unsigned flags)
{
    if (tqe_grow((void **)&e->ents, &e->ents_cap, e->nents + 1, sizeof(*e->ents)))
        return TQE_ENOMEM;
    if (tqe_grow((void **)&e->extra, &e->extra_cap, e->nents + 1, sizeof(*e->extra)))
        return TQE_ENOMEM;
    e->ents[e->nents] = (tqe_entity){a, b, kind, flags};
    e->extra[e->nents] = (eextra){(uint32_t)e->nunits, 0};
    e->nents++;
    return TQE_OK;
}

int unit_skeletons(tqe_entities *e, eunit *u, const char *key, size_t kl, const char *snd,
                   size_t sl)
{
    /* key may lie in e->keys: read before anything is appended to it */
    char sk[EDIT_MAX];
    size_t n = skeleton(sk, sizeof(sk), key, kl, u->acronym);
    u->skel = (span){e->keys.len, e->keys.len + n};
    if (tqe_buf_append(&e->keys, sk, n)) return tqe_oom(e->ctx);
    n = sl ? skeleton(sk, sizeof(sk), snd, sl, false) : 0;
    u->phon = (span){e->keys.len, e->keys.len + n};
    return tqe_buf_append(&e->keys, sk, n) ? tqe_oom(e->ctx) : TQE_OK;
}

/* A unit of the entity added last: the source words [a, b), of shape sh. */
static int add_unit(tqe_entities *e, size_t a, size_t b, bool trans, shape sh)
{
    if (tqe_grow((void **)&e->units, &e->units_cap, e->nunits + 1, sizeof(*e->units)))
        return tqe_oom(e->ctx);
    eunit *u = &e->units[e->nunits];
    memset(u, 0, sizeof(*u));
    u->src = (span){a, b};
    u->ent = (uint32_t)(e->nents - 1);
    u->trans = trans;
    u->name = sh == SH_CAP;
    u->acronym = sh == SH_UPPER;
    u->plural = sh == SH_CAMEL && b - a > 3 && e->text[b - 1] == 's' && e->text[b - 2] >= 'a' &&
                e->text[b - 2] <= 'z';
    int rc = normalizer_one(&e->src_norm, e->ctx, &e->keys, e->text + a, b - a, &u->key);
    if (rc) return rc;
    char snd[EDIT_MAX];
    const char *key = e->keys.data + u->key.start;
    size_t kl = u->key.end - u->key.start;
    /* how a name sounds where English does not spell it as it sounds, for
     * transliterations ("Dave" = "Дэйв") */
    size_t m = u->acronym ? 0 : english_sounds(snd, sizeof(snd), key, kl);
    rc = unit_skeletons(e, u, key, kl, snd, m);
    if (rc) return rc;
    e->nunits++;
    e->extra[e->nents - 1].nunits++;
    return TQE_OK;
}

/* Is the token, lower-cased, itself in a word list (not only derived from
 * one)? "Mark" is, "Unsurprisingly" is not. */
static bool listed_as_is(const tqe_entities *e, const etoken *t)
{
    char w[WORD_MAX];
    size_t n = lower_word(w, e->text + t->s.start, t->s.end - t->s.start);
    return n && in_lists(e, w, n, false);
}

static bool member(const etoken *t)
{
    return capitalised(t) && !t->function && !t->in_title && t->role != R_STOP && t->role != R_NONE;
}

static bool connector(const tqe_entities *e, const etoken *t)
{
    char w[WORD_MAX];
    size_t n = lower_word(w, e->text + t->s.start, t->s.end - t->s.start);
    return t->function && !t->in_title && is_connector(w, n);
}

/* The text between two words that may join them into one name: a space, a
 * hyphen, an ampersand ("AT&T", "Johnson & Johnson"). */
static bool joinable(const char *t, size_t a, size_t b)
{
    const char *g = t + a;
    switch (b - a) {
    case 0:
        return true;
    case 1:
        return g[0] == ' ' || g[0] == '-' || g[0] == '&';
    case 2:
        return memcmp(g, "\xC2\xA0", 2) == 0; /* no-break space */
    case 3:
        return memcmp(g, " & ", 3) == 0 || memcmp(g, "\xE2\x80\x90", 3) == 0 ||
               memcmp(g, "\xE2\x80\x91", 3) == 0 || memcmp(g, "\xE2\x80\xAF", 3) == 0;
    default:
        return false;
    }
}

/* A model or version number after a name: "Llama 3", "GPT-4", "Windows 10".
 * Years and long numbers are left to the number check. */
static bool version_number(const tqe_entities *e, const etoken *prev, const etoken *t)
{
    size_t len = t->s.end - t->s.start;
    bool hyphen = t->s.start - prev->s.end == 1 && e->text[prev->s.end] == '-';
    return t->shape == SH_NUMBER && prev->role == R_KEY &&
           (hyphen || len <= 3 || (len <= 5 && memchr(e->text + t->s.start, '.', len)));
}

/* Mark names listed as translatable ("Germany", "Saudi Arabia", "EU") among
 * the run [a, b), longest first, up to four words. */
static void mark_translatable(tqe_entities *e, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++) {
        if (!member(&e->tok[i])) continue;
        for (size_t j = TQE_MIN(b, i + 4); j-- > i;) {
            bool has_key = false;
            for (size_t k = i; k <= j; k++) has_key |= e->tok[k].role == R_KEY;
            if (!has_key || !member(&e->tok[j])) continue;
            size_t s = e->tok[i].s.start, t = e->tok[j].s.end;
            if (!translatable_text(e, e->text + s, t - s)) continue;
            for (size_t k = i; k <= j; k++) {
                e->tok[k].role = R_TRANS;
                e->tok[k].group = (uint32_t)j;
            }
            i = j;
            break;
        }
    }
}

/* Units of tokens [s, t): each key word, and each translatable name. */
static int add_units(tqe_entities *e, size_t s, size_t t)
{
    for (size_t i = s; i < t; i++) {
        const etoken *k = &e->tok[i];
        int rc = TQE_OK;
        if (k->role == R_KEY) {
            rc = add_unit(e, k->s.start, k->s.end, false, (shape)k->shape);
        } else if (k->role == R_TRANS || k->role == R_TACRO) {
            size_t j = k->role == R_TRANS ? k->group : i;
            rc = add_unit(e, k->s.start, e->tok[j].s.end, true, SH_OTHER);
            i = j;
        }
        if (rc) return rc;
    }
    return TQE_OK;
}

/* One entity from the run segment [s, t) (no translated acronym inside). */
static int emit_segment(tqe_entities *e, size_t s, size_t t)
{
    while (s < t && !member(&e->tok[s])) s++;
    while (t > s && !member(&e->tok[t - 1]) && e->tok[t - 1].role != R_VERSION) t--;
    if (s == t) return TQE_OK;
    /* a capitalised ordinary word at the start of a sentence is no name, nor
     * part of one when it is derived ("Unsurprisingly Frontera wins") */
    while (t - s > 1 && e->tok[s].initial && e->tok[s].role == R_COMMON &&
           !listed_as_is(e, &e->tok[s]))
        s++;
    const etoken *first = &e->tok[s];
    if (t - s == 1 && first->role == R_COMMON && first->initial) return TQE_OK;
    size_t keys = 0;
    bool alnum = false;
    for (size_t i = s; i < t; i++) {
        keys += e->tok[i].role == R_KEY;
        alnum |= e->tok[i].role == R_VERSION || e->tok[i].shape == SH_ALNUM;
    }
    tqe_entity_kind kind = TQE_ENT_NAME;
    if (alnum)
        kind = TQE_ENT_ALNUM;
    else if (t - s == 1 && first->shape == SH_UPPER)
        kind = TQE_ENT_ACRONYM;
    else if (t - s == 1 && first->shape == SH_CAMEL)
        kind = TQE_ENT_CAMEL;
    unsigned flags = keys ? 0 : TQE_ENT_TRANSLATABLE;
    if (add_entity(e, first->s.start, e->tok[t - 1].s.end, kind, flags)) return tqe_oom(e->ctx);
    return add_units(e, s, t);
}

/* Entities of the run [a, b): split around translated acronyms ("Meta CEO
 * Mark Zuckerberg" is "Meta", "CEO", "Mark Zuckerberg"). */
static int emit_run(tqe_entities *e, size_t a, size_t b)
{
    mark_translatable(e, a, b);
    size_t s = a;
    for (size_t i = a; i <= b; i++) {
        if (i < b && e->tok[i].role != R_TACRO) continue;
        int rc = emit_segment(e, s, i);
        if (!rc && i < b) {
            const etoken *k = &e->tok[i];
            rc = add_entity(e, k->s.start, k->s.end, TQE_ENT_ACRONYM, TQE_ENT_TRANSLATABLE)
                     ? tqe_oom(e->ctx)
                     : add_units(e, i, i + 1);
        }
        if (rc) return rc;
        s = i + 1;
    }
    return TQE_OK;
}

static int find_runs(tqe_entities *e)
{
    size_t a = SIZE_MAX;
    for (size_t i = 0; i <= e->ntok; i++) {
        etoken *t = i < e->ntok ? &e->tok[i] : NULL;
        const etoken *p = i > 0 ? &e->tok[i - 1] : NULL;
        bool cont =
            t && a != SIZE_MAX && t->sent == p->sent && joinable(e->text, p->s.end, t->s.start);
        if (t && member(t) && cont) continue;
        if (t && cont && (connector(e, t) || version_number(e, p, t))) {
            if (t->shape == SH_NUMBER) t->role = R_VERSION;
            continue;
        }
        if (a != SIZE_MAX) {
            int rc = emit_run(e, a, i);
            if (rc) return rc;
        }
        a = t && member(t) ? i : SIZE_MAX;
    }
    return TQE_OK;
}

/* ---- quoted titles ---------------------------------------------------- */

/* The closing quote for an opening one at t[i], and the opener's length. */
static const char *quote_pair(const char *t, size_t len, size_t i, size_t *olen)
{
    if (t[i] == '"') {
        *olen = 1;
        return "\"";
    }
    if (i + 3 <= len && memcmp(t + i, "\xE2\x80\x9C", 3) == 0) {
        *olen = 3;
        return "\xE2\x80\x9D"; /* “ ” */
    }
    if (i + 3 <= len && memcmp(t + i, "\xE2\x80\x9E", 3) == 0) {
        *olen = 3;
        return "\xE2\x80\x9C"; /* „ “ */
    }
    if (i + 2 <= len && memcmp(t + i, "\xC2\xAB", 2) == 0) {
        *olen = 2;
        return "\xC2\xBB"; /* « » */
    }
    return NULL;
}

/* Is the quotation over tokens [a, b) a title: two to twelve words, every
 * word that is not a function word capitalised ("The Lord of the Rings")? */
static bool title_tokens(const tqe_entities *e, size_t a, size_t b)
{
    if (b - a < 2 || b - a > 12 || !capitalised(&e->tok[a])) return false;
    size_t content = 0;
    for (size_t i = a; i < b; i++) {
        const etoken *t = &e->tok[i];
        if (t->function || t->shape == SH_NUMBER) continue;
        if (!capitalised(t)) return false;
        content++;
    }
    return content >= 2;
}

static int emit_title(tqe_entities *e, size_t a, size_t b)
{
    size_t keys = 0;
    for (size_t i = a; i < b; i++) {
        e->tok[i].in_title = true;
        if (e->tok[i].role == R_TACRO) e->tok[i].role = R_COMMON;
        keys += e->tok[i].role == R_KEY;
    }
    unsigned flags = keys ? 0 : TQE_ENT_TRANSLATABLE;
    if (add_entity(e, e->tok[a].s.start, e->tok[b - 1].s.end, TQE_ENT_TITLE, flags))
        return tqe_oom(e->ctx);
    return add_units(e, a, b);
}

static int find_titles(tqe_entities *e)
{
    const char *t = e->text;
    size_t len = e->text_len, k = 0;
    for (size_t i = 0; i < len; i++) {
        size_t olen;
        const char *close = quote_pair(t, len, i, &olen);
        if (!close) continue;
        const char *c = bytes_find(t + i + olen, len - i - olen, close, strlen(close));
        if (!c) continue;
        size_t inner_a = i + olen, inner_b = (size_t)(c - t);
        while (k < e->ntok && e->tok[k].s.start < inner_a) k++;
        size_t a = k;
        while (k < e->ntok && e->tok[k].s.end <= inner_b) k++;
        if (title_tokens(e, a, k)) {
            int rc = emit_title(e, a, k);
            if (rc) return rc;
        }
        i = inner_b + strlen(close) - 1;
    }
    return TQE_OK;
}

/* ---- putting it together ----------------------------------------------- */

/* Entities in order of position (insertion sort: a segment has few). */
static void sort_entities(tqe_entities *e)
{
    for (size_t i = 1; i < e->nents; i++) {
        tqe_entity x = e->ents[i];
        eextra y = e->extra[i];
        size_t j = i;
        for (; j > 0 && e->ents[j - 1].start > x.start; j--) {
            e->ents[j] = e->ents[j - 1];
            e->extra[j] = e->extra[j - 1];
        }
        e->ents[j] = x;
        e->extra[j] = y;
    }
    for (size_t i = 0; i < e->nents; i++)
        for (uint32_t u = 0; u < e->extra[i].nunits; u++)
            e->units[e->extra[i].unit0 + u].ent = (uint32_t)i;
}

int extract_entities(tqe_entities *e, const char *text, size_t len)
{
    if (len > INT32_MAX)
        return tqe_err(e->ctx, TQE_ELIMIT, "segment of %zu bytes is too long for entity checks",
                       len);
    e->text = text;
    e->text_len = len;
    e->nents = e->nunits = 0;
    tqe_buf_clear(&e->keys);
    if (scan_special(&e->special, &e->nspecial, &e->special_cap, text, len)) return tqe_oom(e->ctx);
    int rc = tokenize(e);
    if (rc) return rc;
    mark_title_case(e);
    rc = mark_roles(e);
    if (!rc) rc = find_titles(e);
    if (!rc) rc = find_runs(e);
    for (size_t i = 0; i < e->nspecial && !rc; i++) {
        const special *s = &e->special[i];
        if (add_entity(e, s->s.start, s->s.end, (tqe_entity_kind)s->kind, 0))
            return tqe_oom(e->ctx);
    }
    if (rc) return rc;
    sort_entities(e);
    return TQE_OK;
}
