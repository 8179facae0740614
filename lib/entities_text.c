/* entities_text.c - matching keys for names: ICU transliteration to ASCII
 * Latin plus case folding, spelling skeletons and edit distances. */
#include <unicode/ustring.h>

#include "entities.h"
#include "glossary.h"

/* Open the transliterator `id`, or one made of ICU `rules` when not NULL. */
static int open_translit(UTransliterator **out, tqe_ctx *ctx, const char *id, const char *rules)
{
    UChar uid[128], urules[256];
    assert(strlen(id) < TQE_ARRAY_LEN(uid) && (!rules || strlen(rules) < TQE_ARRAY_LEN(urules)));
    u_uastrcpy(uid, id);
    if (rules) u_uastrcpy(urules, rules);
    UParseError pe;
    UErrorCode st = U_ZERO_ERROR;
    *out = utrans_openU(uid, -1, UTRANS_FORWARD, rules ? urules : NULL, rules ? -1 : 0, &pe, &st);
    if (U_FAILURE(st))
        return tqe_err(ctx, TQE_EICU, "cannot open ICU transliterator '%s': %s", id,
                       u_errorName(st));
    return TQE_OK;
}

int normalizer_open(normalizer *n, tqe_ctx *ctx, const char *id, const char *pre_rules)
{
    memset(n, 0, sizeof(*n));
    int rc = pre_rules ? open_translit(&n->pre, ctx, "tqe-pre", pre_rules) : TQE_OK;
    return rc ? rc : open_translit(&n->tr, ctx, id, NULL);
}

void normalizer_close(normalizer *n)
{
    if (n->tr) utrans_close(n->tr);
    if (n->pre) utrans_close(n->pre);
    free(n->u16);
    free(n->f16);
    free(n->u8);
    free(n->parts);
    memset(n, 0, sizeof(*n));
}

/* Append the word characters of s (UTF-8) to pool, ASCII lower-cased. */
static int keep_word_chars(tqe_buf *pool, const char *s, size_t len)
{
    if (tqe_buf_reserve(pool, len)) return TQE_ENOMEM;
    for (size_t i = 0; i < len;) {
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80) {
            i++;
            if (b >= 'A' && b <= 'Z') b = (unsigned char)(b + 32);
            if ((b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')) pool->data[pool->len++] = (char)b;
            continue;
        }
        size_t start = i;
        uint32_t c = tqe_u8_next(s, &i);
        if (!glossary_is_word_cp(c)) continue;
        memcpy(pool->data + pool->len, s + start, i - start);
        pool->len += i - start;
    }
    pool->data[pool->len] = '\0';
    return TQE_OK;
}

static bool all_ascii(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] >= 0x80) return false;
    return true;
}

/* Grow a UChar buffer to hold `need` units. */
static int grow16(UChar **b, size_t *cap, size_t need)
{
    return tqe_grow((void **)b, cap, need, sizeof(UChar));
}

/* Append s (UTF-8) to n->u16 at *at. */
static int to16(normalizer *n, tqe_ctx *ctx, size_t *at, const char *s, size_t len)
{
    if (len > INT32_MAX / 4) return tqe_err(ctx, TQE_ELIMIT, "word of %zu bytes is too long", len);
    if (grow16(&n->u16, &n->u16_cap, *at + len + 1)) return tqe_oom(ctx);
    UErrorCode st = U_ZERO_ERROR;
    int32_t got = 0;
    u_strFromUTF8(n->u16 + *at, (int32_t)(n->u16_cap - *at), &got, s, (int32_t)len, &st);
    if (U_FAILURE(st)) return tqe_err(ctx, TQE_EICU, "UTF-8 to UTF-16: %s", u_errorName(st));
    *at += (size_t)got;
    return TQE_OK;
}

/* Transliterate and fold n->u16[0..*len) into n->f16 (new length in *len). */
static int translit_fold(normalizer *n, tqe_ctx *ctx, size_t *len)
{
    /* Romanization can lengthen text (Cyrillic "щ" is "shch"): room for 4x,
     * and retry from a fresh copy if that was not enough. */
    size_t orig = *len;
    int32_t tlen = 0;
    for (size_t room = orig * 4 + 16;; room *= 2) {
        if (room > INT32_MAX) return tqe_err(ctx, TQE_ELIMIT, "text too long to transliterate");
        if (grow16(&n->u16, &n->u16_cap, orig + room) || grow16(&n->f16, &n->f16_cap, orig + room))
            return tqe_oom(ctx);
        memcpy(n->f16, n->u16, orig * sizeof(UChar)); /* keep the input for a retry */
        UErrorCode st = U_ZERO_ERROR;
        tlen = (int32_t)orig;
        int32_t limit = tlen;
        if (n->pre) utrans_transUChars(n->pre, n->f16, &tlen, (int32_t)room, 0, &limit, &st);
        limit = tlen;
        utrans_transUChars(n->tr, n->f16, &tlen, (int32_t)room, 0, &limit, &st);
        if (st == U_BUFFER_OVERFLOW_ERROR) continue;
        if (U_FAILURE(st)) return tqe_err(ctx, TQE_EICU, "transliteration: %s", u_errorName(st));
        break;
    }
    for (int attempt = 0; attempt < 2; attempt++) {
        UErrorCode st = U_ZERO_ERROR;
        int32_t flen =
            u_strFoldCase(n->u16, (int32_t)n->u16_cap, n->f16, tlen, U_FOLD_CASE_DEFAULT, &st);
        if (st == U_BUFFER_OVERFLOW_ERROR && attempt == 0) {
            if (grow16(&n->u16, &n->u16_cap, (size_t)flen + 1)) return tqe_oom(ctx);
            continue;
        }
        if (U_FAILURE(st)) return tqe_err(ctx, TQE_EICU, "case folding: %s", u_errorName(st));
        *len = (size_t)flen;
        return TQE_OK;
    }
    return tqe_err(ctx, TQE_EICU, "case folding failed");
}

/* Append the UTF-8 of n->u16[a..b) (word characters only) to pool. */
static int from16(normalizer *n, tqe_ctx *ctx, tqe_buf *pool, size_t a, size_t b)
{
    size_t need = (b - a) * 3 + 1;
    if (tqe_grow((void **)&n->u8, &n->u8_cap, need, 1)) return tqe_oom(ctx);
    UErrorCode st = U_ZERO_ERROR;
    int32_t got = 0;
    u_strToUTF8(n->u8, (int32_t)n->u8_cap, &got, n->u16 + a, (int32_t)(b - a), &st);
    if (U_FAILURE(st)) return tqe_err(ctx, TQE_EICU, "UTF-16 to UTF-8: %s", u_errorName(st));
    return keep_word_chars(pool, n->u8, (size_t)got) ? tqe_oom(ctx) : TQE_OK;
}

int normalizer_one(normalizer *n, tqe_ctx *ctx, tqe_buf *pool, const char *s, size_t len, span *out)
{
    out->start = pool->len;
    if (all_ascii(s, len)) {
        if (keep_word_chars(pool, s, len)) return tqe_oom(ctx);
    } else {
        size_t at = 0;
        int rc = to16(n, ctx, &at, s, len);
        if (!rc) rc = translit_fold(n, ctx, &at);
        if (!rc) rc = from16(n, ctx, pool, 0, at);
        if (rc) return rc;
    }
    out->end = pool->len;
    return TQE_OK;
}

/* Transliterate all non-ASCII words at once, joined by line feeds (which no
 * transliterator touches), then split the result. Returns 1 when the pieces
 * did not come back one for one (the caller then goes word by word). */
static int many_icu(normalizer *n, tqe_ctx *ctx, tqe_buf *pool, const char *text, const span *words,
                    size_t count, span *out)
{
    size_t at = 0, k = 0;
    for (size_t i = 0; i < count; i++) {
        if (all_ascii(text + words[i].start, words[i].end - words[i].start)) continue;
        int rc = to16(n, ctx, &at, text + words[i].start, words[i].end - words[i].start);
        if (rc) return rc;
        n->u16[at++] = '\n';
        k++;
    }
    if (k == 0) return TQE_OK;
    int rc = translit_fold(n, ctx, &at);
    if (rc) return rc;
    if (tqe_grow((void **)&n->parts, &n->parts_cap, k, sizeof(*n->parts))) return tqe_oom(ctx);
    size_t np = 0, from = 0;
    for (size_t j = 0; j < at; j++) {
        if (n->u16[j] != '\n') continue;
        if (np == k) return 1;
        n->parts[np++] = (span){from, j};
        from = j + 1;
    }
    if (np != k || from != at) return 1;
    np = 0;
    for (size_t i = 0; i < count; i++) {
        if (all_ascii(text + words[i].start, words[i].end - words[i].start)) continue;
        out[i].start = pool->len;
        rc = from16(n, ctx, pool, n->parts[np].start, n->parts[np].end);
        if (rc) return rc;
        out[i].end = pool->len;
        np++;
    }
    return TQE_OK;
}

int normalizer_many(normalizer *n, tqe_ctx *ctx, tqe_buf *pool, const char *text, const span *words,
                    size_t count, span *out)
{
    for (size_t i = 0; i < count; i++) {
        const char *w = text + words[i].start;
        size_t len = words[i].end - words[i].start;
        if (!all_ascii(w, len)) continue;
        out[i].start = pool->len;
        if (keep_word_chars(pool, w, len)) return tqe_oom(ctx);
        out[i].end = pool->len;
    }
    size_t mark = pool->len;
    int rc = many_icu(n, ctx, pool, text, words, count, out);
    if (rc <= 0) return rc;
    pool->len = mark;
    for (size_t i = 0; i < count && !rc; i++)
        if (!all_ascii(text + words[i].start, words[i].end - words[i].start))
            rc = normalizer_one(n, ctx, pool, text + words[i].start, words[i].end - words[i].start,
                                &out[i]);
    return rc;
}

static bool is_vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

static bool starts(const char *s, size_t len, size_t i, const char *p)
{
    size_t n = strlen(p);
    return i + n <= len && memcmp(s + i, p, n) == 0;
}

/* Digraph table: romanizations of the same sound, longest first. Upper-case
 * letters are skeleton symbols of their own ("S" for sh, "C" for ch, "J" for
 * the English j, "Z" for zh). */
static const struct {
    const char *from, *to;
} digraphs[] = {
    {"shch", "S"}, {"sch", "S"}, {"tch", "C"}, {"dzh", "J"}, {"sh", "S"}, {"ch", "C"},
    {"zh", "Z"},   {"kh", "h"},  {"ts", "c"},  {"tz", "c"},  {"ck", "k"}, {"ph", "f"},
    {"th", "t"},   {"gh", "g"},  {"wh", "v"},  {"dj", "J"},  {"ee", "i"}, {"oo", "u"},
    {"z", "s"},    {"x", "ks"},  {"q", "k"},   {"w", "v"},   {"y", "i"},
};

/* The skeleton symbol(s) for s[i...] outside the digraph table; *used is set
 * to the bytes consumed. */
static const char *single(char one[2], const char *s, size_t len, size_t i, size_t *used,
                          unsigned how)
{
    char c = s[i];
    char next = i + 1 < len ? s[i + 1] : 0;
    one[0] = c;
    one[1] = 0;
    *used = 1;
    /* English c is k before a, o, u and s before e, i, y */
    if (c == 'c') one[0] = (next && strchr("eiy", next)) ? 's' : 'k';
    /* English g before e, i, y is soft ("George" = "Джордж"); "geo" is one sound */
    if (c == 'g' && next && strchr("eiy", next) && !(how & SK_HARD_G)) {
        one[0] = 'J';
        if (next == 'e' && i + 2 < len && is_vowel(s[i + 2])) *used = 2;
    }
    /* j after a vowel is a glide (Czech "Zelenskyj", German "Maja") */
    if (c == 'j') one[0] = (i > 0 && (is_vowel(s[i - 1]) || s[i - 1] == 'y')) ? 'i' : 'J';
    /* h inside a word is mostly silent or a romanization detail */
    if (c == 'h' && i > 0 && !(how & SK_KEEP_H)) one[0] = 0;
    /* an initial u before a vowel is English w ("Уолт" is "Walt") */
    if (c == 'u' && i == 0 && next && is_vowel(next)) one[0] = 'v';
    return one;
}

size_t skeleton(char *out, size_t cap, const char *s, size_t len, bool literal)
{
    return skeleton_as(out, cap, s, len, literal ? SK_LITERAL : 0);
}

size_t skeleton_as(char *out, size_t cap, const char *s, size_t len, unsigned how)
{
    bool literal = how & SK_LITERAL;
    size_t o = 0;
    for (size_t i = 0; i < len && o < cap;) {
        const char *rep = NULL;
        size_t used = 1;
        for (size_t d = 0; d < TQE_ARRAY_LEN(digraphs) && !rep; d++) {
            size_t n = strlen(digraphs[d].from);
            if ((literal && n > 1) || !starts(s, len, i, digraphs[d].from)) continue;
            rep = digraphs[d].to;
            used = n;
        }
        char one[2];
        if (!rep)
            rep = literal ? (one[0] = s[i], one[1] = 0, one) : single(one, s, len, i, &used, how);
        for (const char *r = rep; *r && o < cap; r++)
            if (o == 0 || out[o - 1] != *r) out[o++] = *r; /* doubled letters count once */
        i += used;
    }
    if (!literal && o > 3 && out[o - 1] == 'e') o--; /* silent final e: "Google" = "Гугл" */
    return o;
}

/* English spellings of sounds, and how a transliteration writes them. */
static const struct {
    const char *from, *to;
    bool at_end;
} english_rules[] = {
    {"hugh", "hiu", false}, /* "Hughes" = "Хьюз" */
    {"igh", "ai", false},   /* "Highlands" = "Хайлендс" */
    {"ae", "e", false},     /* "Caesar" = "Цезарь" */
    {"ea", "i", false},     /* "Beasley" = "Бисли", "Seahawks" = "Сихокс" */
    {"au", "o", false},     /* "Aubrey" = "Обри", "Paul" = "Пол" */
    {"aw", "o", false},     /* "Shaw" = "Шоу" */
    {"ew", "iu", false},    /* "Newark" = "Ньюарк" */
    {"qu", "kv", false},    /* "Squire" = "Сквайр" */
    {"ou", "u", false},     /* "Douglas" = "Дуглас" */
    {"ey", "i", true},      /* "Beasley", "Aubrey" */
};

/* A final e after one consonant makes the vowel before it long ("Dave" =
 * "Дэйв", "Mike" = "Майк", "Bute" = "Бьют"): what that vowel sounds as. */
static const char *long_vowel(const char *k, size_t kl)
{
    if (kl < 4 || k[kl - 1] != 'e' || is_vowel(k[kl - 2]) || k[kl - 2] == 'y') return NULL;
    switch (k[kl - 3]) {
    case 'a':
        return "ei";
    case 'i':
        return "ai";
    case 'o':
        return "ou";
    case 'u':
        return "iu";
    default:
        return NULL;
    }
}

/* The rewrite english_sounds() makes at k[i] (end: where a silent final e
 * starts, lv: the long vowel it makes), and the letters it takes in *used;
 * NULL and 1 when the letter stays. */
static const char *sound_at(const char *k, size_t kl, size_t end, const char *lv, size_t i,
                            size_t *used)
{
    *used = 1;
    if (lv && i == kl - 3) return lv;
    for (size_t r = 0; r < TQE_ARRAY_LEN(english_rules); r++) {
        size_t n = strlen(english_rules[r].from);
        if (!starts(k, end, i, english_rules[r].from) || (english_rules[r].at_end && i + n != end))
            continue;
        *used = n;
        return english_rules[r].to;
    }
    return NULL;
}

size_t english_sounds(char *out, size_t cap, const char *k, size_t kl)
{
    /* a plural or possessive s after such an e ("Dales" = "Дейлс", "Jones"
     * = "Джонс", "Gates" = "Гейтс") */
    if (kl >= 5 && k[kl - 1] == 's' && long_vowel(k, kl - 1)) {
        size_t n = english_sounds(out, cap, k, kl - 1);
        if (!n || n + 1 > cap) return 0;
        out[n] = 's';
        return n + 1;
    }
    const char *lv = long_vowel(k, kl);
    /* a final e after a doubled consonant is silent too ("Anne" = "Энн") */
    bool mute = kl >= 4 && k[kl - 1] == 'e' && k[kl - 2] == k[kl - 3] && !is_vowel(k[kl - 2]);
    size_t o = 0, end = lv || mute ? kl - 1 : kl;
    bool changed = lv || mute;
    for (size_t i = 0; i < end;) {
        size_t used;
        const char *rep = sound_at(k, kl, end, lv, i, &used);
        changed |= rep != NULL;
        /* a c before a letter that is rewritten sounds as that letter was
         * written ("Cape" = "keip", not the "seip" the skeleton would read
         * in "ceip"); other c's are left to the skeleton */
        char cs[2] = {0, 0};
        size_t next_used;
        if (!rep && k[i] == 'c' && i + 1 < end && sound_at(k, kl, end, lv, i + 1, &next_used)) {
            cs[0] = strchr("eiy", k[i + 1]) ? 's' : 'k';
            rep = cs;
        }
        size_t rl = rep ? strlen(rep) : 1;
        if (o + rl > cap) return 0;
        memcpy(out + o, rep ? rep : k + i, rl);
        o += rl;
        i += used;
    }
    return changed ? o : 0;
}

size_t edit_distance(const char *a, size_t na, const char *b, size_t nb)
{
    if (na > EDIT_MAX || nb > EDIT_MAX) return SIZE_MAX;
    size_t d[EDIT_MAX + 1][EDIT_MAX + 1];
    for (size_t i = 0; i <= na; i++) d[i][0] = i;
    for (size_t j = 0; j <= nb; j++) d[0][j] = j;
    for (size_t i = 1; i <= na; i++)
        for (size_t j = 1; j <= nb; j++) {
            size_t cost = a[i - 1] != b[j - 1];
            size_t v = TQE_MIN(d[i - 1][j] + 1, d[i][j - 1] + 1);
            v = TQE_MIN(v, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                v = TQE_MIN(v, d[i - 2][j - 2] + 1);
            d[i][j] = v;
        }
    return d[na][nb];
}

static bool near_sounds(char x, char y)
{
    static const char *const groups[] = {"csz", "kg", "vf", "gh", "JZg",
                                         "SC",  "Ck", "ie", "uo", "ae"};
    if (is_vowel(x) && is_vowel(y)) return true;
    for (size_t g = 0; g < TQE_ARRAY_LEN(groups); g++)
        if (strchr(groups[g], x) && strchr(groups[g], y)) return true;
    return false;
}

static double indel_cost(char c)
{
    return is_vowel(c) || c == 'h' ? 0.5 : 1.0;
}

double sound_distance(const char *a, size_t na, const char *b, size_t nb, size_t free_tail)
{
    if (na > EDIT_MAX || nb > EDIT_MAX) return 1e9;
    double d[EDIT_MAX + 1][EDIT_MAX + 1];
    d[0][0] = 0;
    for (size_t i = 1; i <= na; i++) d[i][0] = d[i - 1][0] + indel_cost(a[i - 1]);
    for (size_t j = 1; j <= nb; j++) d[0][j] = d[0][j - 1] + indel_cost(b[j - 1]);
    for (size_t i = 1; i <= na; i++)
        for (size_t j = 1; j <= nb; j++) {
            char x = a[i - 1], y = b[j - 1];
            double sub = x == y ? 0 : near_sounds(x, y) ? 0.5 : 1.0;
            double v = d[i - 1][j - 1] + sub;
            v = TQE_MIN(v, d[i - 1][j] + indel_cost(x));
            v = TQE_MIN(v, d[i][j - 1] + indel_cost(y));
            d[i][j] = v;
        }
    double best = d[na][nb];
    for (size_t j = nb > free_tail ? nb - free_tail : 0; j < nb; j++)
        best = TQE_MIN(best, d[na][j]);
    return best;
}

const char *bytes_find(const char *h, size_t hlen, const char *n, size_t nlen)
{
    if (nlen == 0) return h;
    for (size_t i = 0; i + nlen <= hlen; i++)
        if (h[i] == n[0] && memcmp(h + i, n, nlen) == 0) return h + i;
    return NULL;
}
