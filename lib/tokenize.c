/* tokenize.c - sacreBLEU 2.5.1's BLEU tokenizers: none, 13a, intl, zh, char.
 *
 * sacreBLEU applies a few regular-expression substitutions one after the
 * other; Python's re.sub scans left to right and never overlaps matches, and
 * that matters. 13a and zh (the common tokenizers, on the hot path of BLEU)
 * are computed in a single scan that yields token slices, from rules derived
 * from the substitutions (see scan_13a); intl reproduces each substitution
 * as one pass over code points. */
#include <unicode/uchar.h>

#include "tokenize.h"

void tok_scratch_free(tok_scratch *sc)
{
    tqe_buf_free(&sc->a);
    tqe_buf_free(&sc->b);
}

int collapse_whitespace(tqe_buf *out, const char *s, size_t len)
{
    if (tqe_buf_reserve(out, len)) return TQE_ENOMEM;
    char *o = out->data + out->len;
    size_t i = 0;
    bool pending = false, any = false;
    while (i < len) {
        size_t sp = tqe_py_space_at(s, len, i);
        if (sp) {
            pending = any;
            i += sp;
            continue;
        }
        if (pending) *o++ = ' ';
        pending = false;
        any = true;
        size_t n = tqe_u8_len((unsigned char)s[i]);
        memcpy(o, s + i, n);
        o += n;
        i += n;
    }
    out->len = (size_t)(o - out->data);
    out->data[out->len] = '\0';
    return TQE_OK;
}

/* Remove every non-overlapping occurrence of `pat`, or replace it by `rep`
 * (str.replace semantics: one left-to-right pass). */
static int replace_all(tqe_buf *out, const char *s, size_t len, const char *pat, size_t plen,
                       const char *rep, size_t rlen)
{
    tqe_buf_clear(out);
    if (tqe_buf_reserve(out, len)) return TQE_ENOMEM;
    size_t i = 0;
    while (i < len) {
        const char *hit = (i + plen <= len) ? memchr(s + i, pat[0], len - i - plen + 1) : NULL;
        while (hit && memcmp(hit, pat, plen) != 0) {
            size_t pos = (size_t)(hit - s) + 1;
            hit = pos + plen <= len ? memchr(s + pos, pat[0], len - pos - plen + 1) : NULL;
        }
        if (!hit) {
            if (tqe_buf_append(out, s + i, len - i)) return TQE_ENOMEM;
            break;
        }
        size_t pos = (size_t)(hit - s);
        if (tqe_buf_append(out, s + i, pos - i) || tqe_buf_append(out, rep, rlen))
            return TQE_ENOMEM;
        i = pos + plen;
    }
    return TQE_OK;
}

/* The order of these four matters and is sacreBLEU's: "&amp;lt;" becomes "<". */
static const struct {
    const char *pat, *rep;
} entities[] = {{"&quot;", "\""}, {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}};

/* 13a's language-independent part: <skipped>, hyphenated line ends, newlines,
 * four HTML entities. Result in sc->a. */
static int preprocess_13a(tok_scratch *sc, const char *s, size_t len)
{
    tqe_buf *cur = &sc->a, *tmp = &sc->b;
    if (replace_all(cur, s, len, "<skipped>", 9, "", 0)) return TQE_ENOMEM;
    if (memchr(cur->data, '\n', cur->len)) {
        if (replace_all(tmp, cur->data, cur->len, "-\n", 2, "", 0)) return TQE_ENOMEM;
        if (replace_all(cur, tmp->data, tmp->len, "\n", 1, " ", 1)) return TQE_ENOMEM;
    }
    if (cur->len && memchr(cur->data, '&', cur->len)) {
        for (size_t k = 0; k < TQE_ARRAY_LEN(entities); k++) {
            if (replace_all(tmp, cur->data, cur->len, entities[k].pat, strlen(entities[k].pat),
                            entities[k].rep, 1))
                return TQE_ENOMEM;
            tqe_buf *t = cur;
            cur = tmp;
            tmp = t;
        }
        /* Four swaps: the result is back in sc->a. */
    }
    return TQE_OK;
}

/* [{-~[-` -&(-+:-@/] : the characters 13a surrounds with spaces. */
bool zh_is_chinese(uint32_t c)
{
    /* The effective ranges (sacreBLEU compares one-character strings with
     * range bounds that are sometimes two characters long, e.g. "\u20000" is
     * U+2000 followed by "0", which widens or narrows several ranges). */
    static const uint32_t ranges[][2] = {
        {0x2001, 0x2A6D}, {0x2E80, 0x2FDF}, {0x2FF0, 0x303F}, {0x3100, 0x312F}, {0x31A0, 0x31EF},
        {0x3200, 0x4DB5}, {0x4E00, 0x9FBB}, {0xF900, 0xFA2D}, {0xFA30, 0xFA6A}, {0xFA70, 0xFAD9},
        {0xFE10, 0xFE1F}, {0xFE30, 0xFE4F}, {0xFF00, 0xFFEF},
    };
    if (c < 0x2001 || c > 0xFFEF) return false;
    for (size_t k = 0; k < TQE_ARRAY_LEN(ranges); k++)
        if (c >= ranges[k][0] && c <= ranges[k][1]) return true;
    return false;
}

/* Unicode general category masks for intl's \p{P}, \p{S}, \p{N}. */
static inline bool is_P(uint32_t c)
{
    if (c < 0x80)
        return (c >= 0x21 && c <= 0x2F && c != '$' && c != '+') ||
               (c >= 0x3A && c <= 0x40 && c != '<' && c != '=' && c != '>') ||
               (c >= 0x5B && c <= 0x60 && c != '^' && c != '`') || c == '{' || c == '}';
    return (U_GET_GC_MASK(c) & U_GC_P_MASK) != 0;
}
static inline bool is_S(uint32_t c)
{
    if (c < 0x80)
        return c == '$' || c == '+' || c == '<' || c == '=' || c == '>' || c == '^' || c == '`' ||
               c == '|' || c == '~';
    return (U_GET_GC_MASK(c) & U_GC_S_MASK) != 0;
}
static inline bool is_N(uint32_t c)
{
    if (c < 0x80) return c >= '0' && c <= '9';
    return (U_GET_GC_MASK(c) & U_GC_N_MASK) != 0;
}

/* One intl pass over code points. mode 0: (\P{N})(\p{P}) -> "\1 \2 ";
 * mode 1: (\p{P})(\P{N}) -> " \1 \2"; mode 2: (\p{S}) -> " \1 ". */
static int intl_pass(tqe_buf *out, const char *s, size_t len, int mode)
{
    tqe_buf_clear(out);
    if (tqe_buf_reserve(out, 3 * len)) return TQE_ENOMEM;
    char *o = out->data;
    size_t i = 0;
    while (i < len) {
        size_t j = i;
        uint32_t c = tqe_u8_next(s, &j);
        if (mode == 2) {
            bool sym = is_S(c);
            if (sym) *o++ = ' ';
            memcpy(o, s + i, j - i);
            o += j - i;
            if (sym) *o++ = ' ';
            i = j;
            continue;
        }
        if (j < len) {
            size_t k = j;
            uint32_t d = tqe_u8_next(s, &k);
            bool hit = mode == 0 ? (!is_N(c) && is_P(d)) : (is_P(c) && !is_N(d));
            if (hit) {
                if (mode == 1) *o++ = ' ';
                memcpy(o, s + i, j - i);
                o += j - i;
                *o++ = ' ';
                memcpy(o, s + j, k - j);
                o += k - j;
                if (mode == 0) *o++ = ' ';
                i = k;
                continue;
            }
        }
        memcpy(o, s + i, j - i);
        o += j - i;
        i = j;
    }
    out->len = (size_t)(o - out->data);
    out->data[out->len] = '\0';
    return TQE_OK;
}

/* The three intl substitutions; the result (whitespace not yet collapsed)
 * lands in `out`, which must be sc->a or sc->b. */
static int tokenize_intl(tok_scratch *sc, tqe_buf *out, const char *s, size_t len)
{
    tqe_buf *other = out == &sc->a ? &sc->b : &sc->a;
    if (intl_pass(out, s, len, 0) || intl_pass(other, out->data, out->len, 1) ||
        intl_pass(out, other->data, other->len, 2))
        return TQE_ENOMEM;
    return TQE_OK;
}

static int tokenize_char(tqe_buf *out, const char *s, size_t len)
{
    /* " ".join(line): every code point, whitespace included, one space apart. */
    tqe_buf_clear(out);
    if (tqe_buf_reserve(out, 2 * len)) return TQE_ENOMEM;
    char *o = out->data;
    for (size_t i = 0; i < len;) {
        if (i) *o++ = ' ';
        size_t n = tqe_u8_len((unsigned char)s[i]);
        memcpy(o, s + i, n);
        o += n;
        i += n;
    }
    out->len = (size_t)(o - out->data);
    out->data[out->len] = '\0';
    return TQE_OK;
}

/* ---- 13a and zh in one pass ----
 *
 * sacreBLEU's TokenizerRegexp applies four substitutions that only ever
 * insert spaces; the tokens are what remains between whitespace and the
 * inserted spaces. Working through the four passes (with Python's
 * non-overlapping left-to-right matching) gives these breaks, computed here
 * in one scan of the text P (13a: the line padded with one space each side):
 *  1. around every character of [{-~[-` -&(-+:-@/] (and, for zh, around every
 *     "Chinese" character);
 *  2. for a maximal run p1..pk of '.' and ',' with x the character before it
 *     and y the one after (a character of rule 1 counts as a space), and
 *     "nondigit" meaning present and not [0-9]:
 *       between all of p1..pk;
 *       before p1 if x is nondigit, or k >= 2, or y is nondigit;
 *       after pk  if x is nondigit ? (k odd or y nondigit) : (k even or y nondigit);
 *  3. around '-' when the character before it is a digit.
 * tests/unit/test_tokenize.c checks this against a literal implementation of
 * the four passes on random strings, and the conformance test on WMT data. */
enum { C_OTHER, C_DIGIT, C_DOT, C_DASH, C_ISO, C_WS };

/* Class of each ASCII byte: whitespace, 13a's isolated punctuation, digits... */
static const unsigned char ascii_class[128] = {
    ['\t'] = C_WS,   ['\n'] = C_WS,   ['\v'] = C_WS,   ['\f'] = C_WS,   ['\r'] = C_WS,
    [0x1C] = C_WS,   [0x1D] = C_WS,   [0x1E] = C_WS,   [0x1F] = C_WS,   [' '] = C_WS,
    ['!'] = C_ISO,   ['"'] = C_ISO,   ['#'] = C_ISO,   ['$'] = C_ISO,   ['%'] = C_ISO,
    ['&'] = C_ISO,   ['('] = C_ISO,   [')'] = C_ISO,   ['*'] = C_ISO,   ['+'] = C_ISO,
    [':'] = C_ISO,   [';'] = C_ISO,   ['<'] = C_ISO,   ['='] = C_ISO,   ['>'] = C_ISO,
    ['?'] = C_ISO,   ['@'] = C_ISO,   ['/'] = C_ISO,   ['['] = C_ISO,   ['\\'] = C_ISO,
    [']'] = C_ISO,   ['^'] = C_ISO,   ['_'] = C_ISO,   ['`'] = C_ISO,   ['{'] = C_ISO,
    ['|'] = C_ISO,   ['}'] = C_ISO,   ['~'] = C_ISO,   ['0'] = C_DIGIT, ['1'] = C_DIGIT,
    ['2'] = C_DIGIT, ['3'] = C_DIGIT, ['4'] = C_DIGIT, ['5'] = C_DIGIT, ['6'] = C_DIGIT,
    ['7'] = C_DIGIT, ['8'] = C_DIGIT, ['9'] = C_DIGIT, ['.'] = C_DOT,   [','] = C_DOT,
    ['-'] = C_DASH,
};

static inline int classify(const char *s, size_t i, bool zh, size_t *clen)
{
    unsigned char b = (unsigned char)s[i];
    if (b < 0x80) {
        *clen = 1;
        return ascii_class[b];
    }
    /* Only these lead bytes start a whitespace character (U+0085, U+00A0,
     * U+1680, U+2000..U+205F, U+3000); zh's characters start at U+2001. */
    if (b != 0xC2 && (b < 0xE1 || b > 0xE3) && (!zh || b < 0xE2)) {
        *clen = tqe_u8_len(b);
        return C_OTHER;
    }
    size_t j = i;
    uint32_t c = tqe_u8_next(s, &j);
    *clen = j - i;
    if (tqe_py_isspace(c)) return C_WS;
    return zh && zh_is_chinese(c) ? C_ISO : C_OTHER;
}

/* Token emission. The caller reserves one slot per byte (a token has at
 * least one), so pushing needs no capacity check on the hot path. */
typedef struct scan {
    tok_slice *v;
    size_t n;
    size_t start, end; /* the open token; start == SIZE_MAX when none */
} scan;

static int scan_begin(scan *sc, tok_list *out, size_t len)
{
    if (tqe_grow((void **)&out->v, &out->cap, len + 1, sizeof(*out->v))) return TQE_ENOMEM;
    sc->v = out->v;
    sc->n = 0;
    sc->start = SIZE_MAX;
    return TQE_OK;
}

static inline void push_tok(scan *sc, size_t start, size_t end)
{
    sc->v[sc->n++] = (tok_slice){(uint32_t)start, (uint32_t)(end - start)};
}

static inline void close_tok(scan *sc)
{
    if (sc->start != SIZE_MAX) push_tok(sc, sc->start, sc->end);
    sc->start = SIZE_MAX;
}

static inline void extend_tok(scan *sc, size_t i, size_t clen)
{
    if (sc->start == SIZE_MAX) sc->start = i;
    sc->end = i + clen;
}

/* A run of '.' and ',' at s[i..j) (rule 2); prev is the class before it, -1 at the start. */
static void dot_run(scan *sc, const char *s, size_t i, size_t j, size_t len, int prev, bool pad,
                    bool zh)
{
    size_t k = j - i, clen;
    bool x_nondigit = prev == -1 ? pad : prev != C_DIGIT;
    bool y_nondigit = j < len ? classify(s, j, zh, &clen) != C_DIGIT : pad;
    bool before = x_nondigit || k >= 2 || y_nondigit;
    bool after = x_nondigit ? (k % 2 == 1 || y_nondigit) : (k % 2 == 0 || y_nondigit);
    if (before) close_tok(sc);
    for (size_t m = 0; m < k; m++) {
        if (m > 0) close_tok(sc);
        extend_tok(sc, i + m, 1);
    }
    if (after) close_tok(sc);
}

/* Length of a character that only extends the open token ("plain"), by its
 * first byte; 0 for whitespace, punctuation, '.', ',', '-' and the lead bytes
 * that may start whitespace (or, for zh, a Chinese character). */
static void plain_init(unsigned char *t, bool zh)
{
    for (int b = 0; b < 256; b++) {
        unsigned char l = 0;
        if (b < 0x80)
            l = (ascii_class[b] == C_OTHER || ascii_class[b] == C_DIGIT) ? 1 : 0;
        else if (b >= 0xC0) {
            l = (unsigned char)tqe_u8_len((unsigned char)b);
            if (b == 0xC2 || (b >= 0xE1 && b <= 0xE3) || (zh && b >= 0xE2)) l = 0;
        }
        t[b] = l;
    }
}

static void scan_13a(scan *sc, const unsigned char *plain, const char *s, size_t len, bool pad,
                     bool zh)
{
    const unsigned char *u = (const unsigned char *)s;
    int prev = -1;
    size_t i = 0, clen;
    while (i < len) {
        size_t pl = plain[u[i]];
        if (pl) {
            size_t j = i + pl;
            while (j < len && (pl = plain[u[j]])) j += pl;
            if (j > len) j = len; /* only on invalid input: never past the end */
            if (sc->start == SIZE_MAX) sc->start = i;
            sc->end = j;
            prev = (u[j - 1] >= '0' && u[j - 1] <= '9') ? C_DIGIT : C_OTHER;
            i = j;
            continue;
        }
        int cls = classify(s, i, zh, &clen);
        switch (cls) {
        case C_WS:
            close_tok(sc);
            break;
        case C_ISO:
            close_tok(sc);
            push_tok(sc, i, i + clen);
            break;
        case C_DASH:
            if (prev == C_DIGIT) {
                close_tok(sc);
                push_tok(sc, i, i + 1);
            } else {
                extend_tok(sc, i, 1);
            }
            break;
        case C_DOT: {
            size_t j = i + 1;
            while (j < len && (s[j] == '.' || s[j] == ',')) j++;
            dot_run(sc, s, i, j, len, prev, pad, zh);
            clen = j - i;
            break;
        }
        default:
            extend_tok(sc, i, clen);
        }
        prev = cls;
        i += clen;
    }
    close_tok(sc);
}

/* Python's str.split() into slices. */
static void split_ws(scan *sc, const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t sp = tqe_py_space_at(s, len, i);
        if (sp) {
            close_tok(sc);
            i += sp;
            continue;
        }
        size_t n = tqe_u8_len((unsigned char)s[i]);
        extend_tok(sc, i, n);
        i += n;
    }
    close_tok(sc);
}

void tok_list_free(tok_list *l)
{
    free(l->v);
    memset(l, 0, sizeof(*l));
}

/* Only "<skipped>", a newline and the four entities change a line before
 * 13a's regexes: most lines have none, and are tokenized in place. */
static bool needs_13a_preprocess(const char *s, size_t len)
{
    return memchr(s, '&', len) || memchr(s, '<', len) || memchr(s, '\n', len);
}

int tokenize_slices(tok_scratch *sc, tok_list *out, const char **base, tqe_tokenizer tok,
                    const char *s, size_t len)
{
    out->n = 0;
    *base = s;
    if (len >= UINT32_MAX) return TQE_ELIMIT;
    if (!sc->tables_ready) {
        plain_init(sc->plain[0], false);
        plain_init(sc->plain[1], true);
        sc->tables_ready = true;
    }
    scan st;
    if (scan_begin(&st, out, len)) return TQE_ENOMEM;
    switch (tok) {
    case TQE_TOK_13A:
        if (needs_13a_preprocess(s, len)) {
            if (preprocess_13a(sc, s, len)) return TQE_ENOMEM;
            *base = s = sc->a.data ? sc->a.data : "";
            len = sc->a.len;
        }
        scan_13a(&st, sc->plain[0], s, len, true, false);
        break;
    case TQE_TOK_ZH: {
        /* line.strip() first; no padding: "2024." at the very end stays one token. */
        size_t b = 0, sp;
        while (b < len && (sp = tqe_py_space_at(s, len, b))) b += sp;
        size_t e = b + tqe_utf8_rstrip_len(s + b, len - b);
        scan_13a(&st, sc->plain[1], s + b, e - b, false, true);
        for (size_t k = 0; k < st.n; k++) st.v[k].off += (uint32_t)b;
        break;
    }
    case TQE_TOK_INTL:
        if (tokenize_intl(sc, &sc->b, s, len) || scan_begin(&st, out, sc->b.len)) return TQE_ENOMEM;
        *base = sc->b.data ? sc->b.data : "";
        split_ws(&st, *base, sc->b.len);
        break;
    case TQE_TOK_CHAR:
        /* Every code point but whitespace is a token of its own. */
        for (size_t i = 0; i < len;) {
            size_t n = tqe_py_space_at(s, len, i);
            if (n) {
                i += n;
                continue;
            }
            n = tqe_u8_len((unsigned char)s[i]);
            push_tok(&st, i, i + n);
            i += n;
        }
        break;
    case TQE_TOK_NONE:
        split_ws(&st, s, len);
        break;
    default:
        return TQE_EINVAL;
    }
    out->n = st.n;
    return TQE_OK;
}

/* The tokenized line as a string: slices joined by single spaces. */
static int join_slices(tqe_buf *out, const tok_list *l, const char *base)
{
    tqe_buf_clear(out);
    for (size_t k = 0; k < l->n; k++) {
        if ((k && tqe_buf_append(out, " ", 1)) ||
            tqe_buf_append(out, base + l->v[k].off, l->v[k].len))
            return TQE_ENOMEM;
    }
    return tqe_buf_append(out, "", 0);
}

int tokenize_line(tok_scratch *sc, tqe_buf *out, tqe_tokenizer tok, const char *s, size_t len)
{
    assert(out != &sc->a && out != &sc->b);
    switch (tok) {
    case TQE_TOK_NONE:
        tqe_buf_clear(out);
        return tqe_buf_append(out, s, len);
    case TQE_TOK_CHAR:
        return tokenize_char(out, s, len);
    case TQE_TOK_INTL:
        if (tokenize_intl(sc, &sc->a, s, len)) return TQE_ENOMEM;
        tqe_buf_clear(out);
        return collapse_whitespace(out, sc->a.data ? sc->a.data : "", sc->a.len);
    case TQE_TOK_13A:
    case TQE_TOK_ZH: {
        tok_list l = {NULL, 0, 0};
        const char *base;
        int rc = tokenize_slices(sc, &l, &base, tok, s, len);
        if (!rc) rc = join_slices(out, &l, base);
        tok_list_free(&l);
        return rc;
    }
    }
    return TQE_EINVAL;
}

static const char *const tok_names[] = {"none", "13a", "intl", "zh", "char"};

const char *tqe_tokenizer_name(tqe_tokenizer tok)
{
    return (unsigned)tok < TQE_ARRAY_LEN(tok_names) ? tok_names[tok] : NULL;
}

int tqe_tokenizer_from_name(tqe_tokenizer *out, tqe_ctx *ctx, const char *name)
{
    for (unsigned i = 0; i < TQE_ARRAY_LEN(tok_names); i++)
        if (strcmp(name, tok_names[i]) == 0) {
            *out = (tqe_tokenizer)i;
            return TQE_OK;
        }
    return tqe_err(ctx, TQE_EINVAL,
                   "unknown tokenizer '%s' (choose from none, 13a, intl, zh, char; ja-mecab, "
                   "ko-mecab and spm are not supported)",
                   name);
}

int tqe_tokenize(tqe_buf *out, tqe_ctx *ctx, tqe_tokenizer tok, const char *s, size_t len)
{
    tok_scratch sc;
    memset(&sc, 0, sizeof(sc));
    int rc = tokenize_line(&sc, out, tok, s, len);
    tok_scratch_free(&sc);
    if (rc == TQE_ENOMEM) return tqe_oom(ctx);
    if (rc) return tqe_err(ctx, rc, "unknown tokenizer %d", (int)tok);
    return TQE_OK;
}
