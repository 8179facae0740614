/* anchors.c - per-paragraph anchors for the aligner.
 *
 * Words are reduced to a key that survives inflection and script: ICU's
 * "Any-Latin; Latin-ASCII" transliteration (of the words that need it),
 * lowercase, first five letters
 * ("Metas" and "Meta" -> "meta", "Цукерберг" -> "cuker" as "Zuckerberg" ->
 * "zucke" does not, but numbers and Latin names carry most of the weight).
 * Numbers are anchored by value, read with the language's conventions by
 * tqe_numbers ("1,400" = "1.400" = "1 400", "60 billion" = "600亿"). */
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "anchors.h"

#define KEY_LETTERS 5

struct anchorer {
    tqe_ctx *ctx;
    tqe_numbers *nums;   /* normalized numbers: "60 billion" = "60 Milliarden" = "600亿" */
    UTransliterator *tr; /* Any-Latin; Latin-ASCII, for words outside ASCII */
    UChar *u16;
    int32_t cap16;
    char *u8;
    size_t cap8;
};

static const UChar translit_id[] = u"Any-Latin; Latin-ASCII";

int anchorer_new(anchorer **out, tqe_ctx *ctx, const char *lang, const char *data_dir)
{
    *out = NULL;
    anchorer *a = calloc(1, sizeof(*a));
    if (!a) return tqe_oom(ctx);
    a->ctx = ctx;
    int rc = tqe_numbers_new(&a->nums, ctx, lang, data_dir);
    if (rc) {
        free(a);
        return rc;
    }
    UErrorCode st = U_ZERO_ERROR;
    a->tr = utrans_openU(translit_id, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
    if (U_FAILURE(st)) {
        tqe_numbers_free(a->nums);
        free(a);
        return tqe_err(ctx, TQE_EICU, "cannot open ICU transliterator Any-Latin: %s",
                       u_errorName(st));
    }
    *out = a;
    return TQE_OK;
}

void anchorer_free(anchorer *a)
{
    if (!a) return;
    tqe_numbers_free(a->nums);
    utrans_close(a->tr);
    free(a->u16);
    free(a->u8);
    free(a);
}

void anchor_set_free(anchor_set *s)
{
    free(s->h);
    memset(s, 0, sizeof(*s));
}

static int add(anchorer *a, anchor_set *s, uint32_t h)
{
    if (tqe_grow((void **)&s->h, &s->cap, s->n + 1, sizeof(*s->h))) return tqe_oom(a->ctx);
    s->h[s->n++] = h;
    return TQE_OK;
}

static uint32_t fnv(const char *p, size_t n, uint32_t seed)
{
    uint32_t h = 2166136261u ^ seed;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)p[i]) * 16777619u;
    return h;
}

static int cmp_u32(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return (a > b) - (a < b);
}

/* The key of one word: ASCII letters and digits, lowercased, at most
 * KEY_LETTERS. Words with other letters are transliterated first (ICU's
 * Any-Latin; Latin-ASCII), except Han, kana and Hangul, whose romanization
 * never matches an English name: *nk = 0 for those. */
static int word_key(anchorer *a, const char *s, size_t b, size_t e, char *key, size_t *nk)
{
    bool ascii = true;
    for (size_t k = b; k < e; k++) ascii = ascii && (unsigned char)s[k] < 0x80;
    const char *w = s + b;
    size_t wl = e - b;
    *nk = 0;
    if (!ascii) {
        size_t i = b;
        UErrorCode st = U_ZERO_ERROR;
        UScriptCode sc = uscript_getScript((UChar32)tqe_u8_next(s, &i), &st);
        if (sc == USCRIPT_HAN || sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA ||
            sc == USCRIPT_HANGUL)
            return TQE_OK;
        int32_t n16 = 0, need = (int32_t)wl * 2 + 16;
        if (need > a->cap16) {
            UChar *p = realloc(a->u16, (size_t)need * sizeof(UChar));
            if (!p) return tqe_oom(a->ctx);
            a->u16 = p;
            a->cap16 = need;
        }
        u_strFromUTF8(a->u16, a->cap16, &n16, w, (int32_t)wl, &st);
        int32_t limit = n16;
        if (U_SUCCESS(st)) utrans_transUChars(a->tr, a->u16, &n16, a->cap16, 0, &limit, &st);
        size_t cap8 = (size_t)n16 * 3 + 1;
        if (U_SUCCESS(st) && cap8 > a->cap8) {
            char *p = realloc(a->u8, cap8);
            if (!p) return tqe_oom(a->ctx);
            a->u8 = p;
            a->cap8 = cap8;
        }
        int32_t n8 = 0;
        if (U_SUCCESS(st)) u_strToUTF8(a->u8, (int32_t)a->cap8, &n8, a->u16, n16, &st);
        if (U_FAILURE(st))
            return tqe_err(a->ctx, TQE_EICU, "transliteration failed: %s", u_errorName(st));
        w = a->u8;
        wl = (size_t)n8;
    }
    for (size_t k = 0; k < wl && *nk < KEY_LETTERS; k++) {
        char ch = w[k];
        if (ch >= 'A' && ch <= 'Z') ch = (char)(ch + 32);
        if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) key[(*nk)++] = ch;
    }
    return TQE_OK;
}

static bool is_quote(uint32_t c)
{
    return c == '"' || c == 0x201C || c == 0x201D || c == 0x201E || c == 0x00AB || c == 0x00BB ||
           c == 0x300C || c == 0x300D || c == 0x300E || c == 0x300F;
}

/* Scan a text: words, '?', quotes (numbers are number_anchors'). For the
 * source, names (capitalised inside a sentence, acronyms, CamelCase, words
 * with digits) are anchors and long lowercase words cognate candidates. */
static int scan(anchorer *a, para_feats *pf, const char *s, size_t len, bool source)
{
    anchor_set *out = &pf->names;
    bool sentence_start = true, quote = false;
    for (size_t i = 0; i < len;) {
        size_t start = i;
        uint32_t c = tqe_u8_next(s, &i);
        if (u_isalpha((UChar32)c)) {
            size_t j = i;
            bool upper_inside = false, digit = false;
            while (j < len) {
                size_t k = j;
                uint32_t d = tqe_u8_next(s, &k);
                if (!u_isalnum((UChar32)d)) break;
                upper_inside = upper_inside || u_isupper((UChar32)d);
                digit = digit || (d >= '0' && d <= '9');
                j = k;
            }
            bool cap = u_isupper((UChar32)c);
            bool name = (cap && !sentence_start) || upper_inside || digit;
            bool cognate = source && !name && !cap && j - start >= 6;
            if (!source || name || cognate) {
                char key[KEY_LETTERS];
                size_t nk = 0;
                if (word_key(a, s, start, j, key, &nk)) return tqe_ctx_status(a->ctx);
                anchor_set *dst = cognate ? &pf->cognates : out;
                if (nk >= 2 && add(a, dst, fnv(key, nk, 2))) return TQE_ENOMEM;
            }
            sentence_start = false;
            i = j;
            continue;
        }
        if (c == '?' || c == 0xFF1F) {
            if (add(a, out, fnv("?", 1, 3))) return TQE_ENOMEM;
        } else if (is_quote(c) && !quote) {
            quote = true; /* one anchor for "has a quotation" */
            if (add(a, out, fnv("\"", 1, 3))) return TQE_ENOMEM;
        }
        if (c == '.' || c == '!' || c == '?' || c == ':' || c == 0x3002) sentence_start = true;
    }
    return TQE_OK;
}

/* Sentence ends: . ! ? (and their CJK forms) followed by the end or by a
 * space, possibly after closing quotes or brackets, and not after a lone
 * capital ("J. Smith"); a paragraph is at least one sentence. */
static unsigned count_sentences(const char *s, size_t len)
{
    unsigned n = 0;
    size_t i = 0;
    uint32_t prev = ' ', prev2 = ' ';
    bool text_since = false;
    while (i < len) {
        uint32_t c = tqe_u8_next(s, &i);
        bool term = c == '.' || c == '!' || c == '?' || c == 0x3002 || c == 0xFF01 || c == 0xFF1F;
        bool cjk_term = c == 0x3002 || c == 0xFF01 || c == 0xFF1F;
        if (term && text_since) {
            size_t j = i;
            uint32_t d = 0;
            while (j < len) {
                size_t k = j;
                d = tqe_u8_next(s, &k);
                if (!is_quote(d) && d != ')' && d != 0x2019 && d != 0x300D) break;
                j = k;
                d = 0;
            }
            bool initial = c == '.' && u_isupper((UChar32)prev) && !u_isalpha((UChar32)prev2);
            if ((cjk_term || j >= len || d == ' ' || d == 0xA0) && !initial) {
                n++;
                text_since = false;
            }
        } else if (u_isalnum((UChar32)c)) {
            text_since = true;
        }
        prev2 = prev;
        prev = c;
    }
    return n + (text_since ? 1 : 0) > 0 ? n + (text_since ? 1 : 0) : (len ? 1 : 0);
}

/* Numbers by normalized value (both readings of an ambiguous one), so that
 * equal amounts match whatever their wording. */
static int number_anchors(anchorer *a, anchor_set *out, const char *text, size_t len)
{
    const tqe_number *v;
    size_t n;
    int rc = tqe_numbers_extract(a->nums, text, len, &v, &n);
    for (size_t k = 0; !rc && k < n; k++) {
        char key[48];
        int kl = snprintf(key, sizeof(key), "%.6g", v[k].value);
        rc = add(a, out, fnv(key, (size_t)kl, 1));
        if (!rc && v[k].alt_value != v[k].value) {
            kl = snprintf(key, sizeof(key), "%.6g", v[k].alt_value);
            rc = add(a, out, fnv(key, (size_t)kl, 1));
        }
    }
    return rc;
}

static int anchors(anchorer *a, para_feats *out, const char *text, size_t len, bool source)
{
    out->names.n = out->cognates.n = 0;
    out->sentences = count_sentences(text, len);
    int rc = scan(a, out, text, len, source);
    if (!rc) rc = number_anchors(a, &out->names, text, len);
    if (!rc && out->names.n) qsort(out->names.h, out->names.n, sizeof(uint32_t), cmp_u32);
    if (!rc && out->cognates.n) qsort(out->cognates.h, out->cognates.n, sizeof(uint32_t), cmp_u32);
    return rc;
}

int anchors_source(anchorer *a, para_feats *out, const char *text, size_t len)
{
    return anchors(a, out, text, len, true);
}

int anchors_target(anchorer *a, para_feats *out, const char *text, size_t len)
{
    return anchors(a, out, text, len, false);
}

void para_feats_free(para_feats *f)
{
    anchor_set_free(&f->names);
    anchor_set_free(&f->cognates);
}

size_t anchors_found(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    /* Multiset intersection size of two sorted arrays. */
    size_t i = 0, j = 0, hits = 0;
    while (i < na && j < nb) {
        if (a[i] < b[j])
            i++;
        else if (a[i] > b[j])
            j++;
        else
            hits++, i++, j++;
    }
    return hits;
}
