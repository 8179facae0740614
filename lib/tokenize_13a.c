/* tokenize_13a.c - sacreBLEU's 13a and zh tokenizers as one scan that
 * yields token slices.
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
#include "tokenize.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define TQE_SCAN_AVX2 1
#include <immintrin.h>
#endif

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

static void scan_scalar(scan *sc, const unsigned char *plain, const char *s, size_t len, bool pad,
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

void scan_13a_tables(tok_scratch *t)
{
    plain_init(t->plain[0], false);
    plain_init(t->plain[1], true);
    for (int bail = 0; bail < 2; bail++)
        for (int c = 0; c < 128; c++) {
            int cls = ascii_class[c];
            unsigned char ev = cls == C_WS     ? EV_SPACE
                               : cls == C_ISO  ? EV_ALONE
                               : cls == C_DASH ? EV_DASH
                               : cls == C_DOT  ? EV_SLOW
                                               : 0;
            if (bail && (c == '&' || c == '<' || c == '\n')) ev = EV_SLOW;
            t->events[bail][c] = ev;
        }
}

static bool is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

#ifdef TQE_SCAN_AVX2
/* The bytes of p[0..32) that may end a token or stand alone, as a bit
 * mask: ASCII whitespace, punctuation, '.', ',' and '-' (a nibble-table
 * lookup: the low nibble's row selects a bit per high nibble 0..7), and the
 * lead bytes of whitespace characters (C2 85, C2 A0, E1 9A, E2 80, E2 81,
 * E3 80) or, for zh, of any character U+2000..U+FFFF. Reads p[32] when the
 * block has non-ASCII bytes, unless it is the `last` 32 bytes of the text:
 * then the byte after the text counts as 0 (valid UTF-8 never ends with a
 * lead byte, so it is never looked at). */
__attribute__((target("avx2"))) static inline uint32_t event_mask(const unsigned char *p, bool zh,
                                                                  bool last)
{
    const __m256i lo_t = _mm256_setr_epi8(
        0x54, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x00, 0x04, 0x05, 0x0D, (char)0xAD, (char)0xAF,
        (char)0xAF, (char)0xAE, 0x2E, 0x54, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x00, 0x04, 0x05,
        0x0D, (char)0xAD, (char)0xAF, (char)0xAF, (char)0xAE, 0x2E);
    const __m256i hi_t =
        _mm256_setr_epi8(1, 2, 4, 8, 16, 32, 64, (char)128, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 4, 8, 16,
                         32, 64, (char)128, 0, 0, 0, 0, 0, 0, 0, 0);
    const __m256i nib = _mm256_set1_epi8(0x0F), zero = _mm256_setzero_si256();
    __m256i v = _mm256_loadu_si256((const __m256i *)p);
    __m256i lo = _mm256_shuffle_epi8(lo_t, _mm256_and_si256(v, nib));
    __m256i hi = _mm256_shuffle_epi8(hi_t, _mm256_and_si256(_mm256_srli_epi16(v, 4), nib));
    uint32_t m = ~(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_and_si256(lo, hi), zero));
    if (_mm256_movemask_epi8(v) == 0) return m;
    __m256i n = last ? _mm256_alignr_epi8(_mm256_permute2x128_si256(v, v, 0x81), v, 1)
                     : _mm256_loadu_si256((const __m256i *)(p + 1));
#define EQ(x, c) _mm256_cmpeq_epi8((x), _mm256_set1_epi8((char)(c)))
    __m256i ws2 = _mm256_and_si256(EQ(v, 0xC2), _mm256_or_si256(EQ(n, 0x85), EQ(n, 0xA0)));
    __m256i ev = _mm256_or_si256(ws2, _mm256_and_si256(EQ(v, 0xE1), EQ(n, 0x9A)));
    if (zh) {
        __m256i ge = _mm256_cmpeq_epi8(_mm256_max_epu8(v, _mm256_set1_epi8((char)0xE2)), v);
        __m256i le = _mm256_cmpeq_epi8(_mm256_min_epu8(v, _mm256_set1_epi8((char)0xEF)), v);
        ev = _mm256_or_si256(ev, _mm256_and_si256(ge, le));
    } else {
        __m256i n8x = EQ(_mm256_and_si256(n, _mm256_set1_epi8((char)0xFE)), 0x80);
        ev = _mm256_or_si256(ev, _mm256_and_si256(EQ(v, 0xE2), n8x));
        ev = _mm256_or_si256(ev, _mm256_and_si256(EQ(v, 0xE3), EQ(n, 0x80)));
    }
#undef EQ
    return m | (uint32_t)_mm256_movemask_epi8(ev);
}

/* Token slices being written: the open token starts at `tok` (empty when
 * tok is the current position). */
typedef struct emit {
    tok_slice *v;
    size_t n, tok;
} emit;

static inline void emit_tok(emit *e, size_t start, size_t end)
{
    e->v[e->n++] = (tok_slice){(uint32_t)start, (uint32_t)(end - start)};
}

/* A break at i, the character s[i..j) dropped (whitespace) or kept alone. */
static inline void emit_break(emit *e, size_t i, size_t j, bool alone)
{
    if (i > e->tok) emit_tok(e, e->tok, i);
    if (alone) emit_tok(e, i, j);
    e->tok = j;
}

/* A run of '.' and ',' at s[i..j) (rule 2). */
static void emit_dots(emit *e, const unsigned char *u, size_t i, size_t j, size_t len, bool pad)
{
    bool x_nondigit = i == 0 ? pad : !is_digit(u[i - 1]);
    bool y_nondigit = j < len ? !is_digit(u[j]) : pad;
    size_t k = j - i;
    bool before = x_nondigit || k >= 2 || y_nondigit;
    bool after = x_nondigit ? (k % 2 == 1 || y_nondigit) : (k % 2 == 0 || y_nondigit);
    if (before && i > e->tok) emit_tok(e, e->tok, i);
    if (before) e->tok = i;
    for (size_t q = i + 1; q < j; q++) {
        emit_tok(e, e->tok, q);
        e->tok = q;
    }
    if (after) {
        emit_tok(e, e->tok, j);
        e->tok = j;
    }
}

/* Handle the event at s[i]; returns where the next event may start, or 0
 * when `bail` and the text needs 13a's preprocessing ('&', '<', '\n'). */
static inline size_t on_event(emit *e, const char *s, size_t i, size_t len, bool zh, bool bail)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned c = u[i];
    if (c >= 0x80) {
        size_t j = i;
        uint32_t cp = tqe_u8_next(s, &j);
        if (tqe_py_isspace(cp))
            emit_break(e, i, j, false);
        else if (zh && zh_is_chinese(cp))
            emit_break(e, i, j, true);
        return j;
    }
    switch (ascii_class[c]) {
    case C_WS:
        if (bail && c == '\n') return 0;
        emit_break(e, i, i + 1, false);
        break;
    case C_ISO:
        if (bail && (c == '&' || c == '<')) return 0;
        emit_break(e, i, i + 1, true);
        break;
    case C_DASH:
        if (i > 0 && is_digit(u[i - 1])) emit_break(e, i, i + 1, true);
        break;
    case C_DOT: {
        size_t j = i + 1;
        while (j < len && (u[j] == '.' || u[j] == ',')) j++;
        emit_dots(e, u, i, j, len, !zh);
        return j;
    }
    }
    return i + 1;
}

/* The events of mask m (bit k: byte at + k). Returns false on bail. */
static inline bool on_events(emit *e, const char *s, size_t at, uint32_t m, size_t len, bool zh,
                             const unsigned char *events, bool bail, size_t *next)
{
    const unsigned char *u = (const unsigned char *)s;
    /* The emit state in locals: *e is only synchronized around on_event,
     * which the compiler would otherwise make it reload and store for
     * every event. */
    tok_slice *v = e->v;
    size_t n = e->n, tok = e->tok;
    for (; m; m &= m - 1) {
        size_t i = at + (size_t)__builtin_ctz(m);
        if (i < *next) continue;
        unsigned c = u[i], ev = c < 0x80 ? events[c] : EV_SLOW;
        if (ev == EV_SLOW) {
            e->n = n;
            e->tok = tok;
            if (!(*next = on_event(e, s, i, len, zh, bail))) return false;
            n = e->n;
            tok = e->tok;
            continue;
        }
        /* Whitespace, punctuation or '-': the common events, without
         * branches (the class of the next event is unpredictable). The
         * byte before a '-' at i == 0 is the '-' itself: not a digit. */
        unsigned prev = u[i - (i != 0)];
        uint32_t alone = (ev == EV_ALONE) | ((ev == EV_DASH) & (prev - '0' < 10));
        uint32_t brk = (ev == EV_SPACE) | alone;
        v[n] = (tok_slice){(uint32_t)tok, (uint32_t)(i - tok)};
        n += brk & (i > tok);
        v[n] = (tok_slice){(uint32_t)i, 1};
        n += alone;
        tok = (size_t)tqe_select(brk, i + 1, tok);
    }
    e->n = n;
    e->tok = tok;
    return true;
}

/* scan_scalar's breaks, 32 bytes at a time: event_mask finds the bytes that
 * matter, everything between them extends the open token. The last block
 * is the text's last 32 bytes, overlapping the one before (a copy to a
 * padded buffer would stall the vector load on store forwarding); texts
 * shorter than that are copied. */
__attribute__((target("avx2"))) static bool scan_avx2(scan *sc, const tok_scratch *t, const char *s,
                                                      size_t len, bool zh, bool bail)
{
    const unsigned char *u = (const unsigned char *)s, *events = t->events[bail];
    emit e = {sc->v, sc->n, 0};
    size_t next = 0; /* events before this belong to a character already handled */
    size_t at = 0;
    for (; len - at > 32; at += 32)
        if (!on_events(&e, s, at, event_mask(u + at, zh, false), len, zh, events, bail, &next))
            return false;
    uint32_t m = 0;
    if (len >= 32) {
        /* Bit k of the last block is byte len - 32 + k: drop those before `at`. */
        m = event_mask(u + len - 32, zh, true) >> (at - (len - 32));
    } else if (len > 0) {
        unsigned char tail[32] = {0};
        memcpy(tail, u, len);
        m = event_mask(tail, zh, true) & ((1u << len) - 1);
    }
    if (!on_events(&e, s, at, m, len, zh, events, bail, &next)) return false;
    if (len > e.tok) emit_tok(&e, e.tok, len);
    sc->n = e.n;
    return true;
}
#endif

bool scan_13a(scan *sc, const tok_scratch *t, const char *s, size_t len, bool zh, bool bail)
{
#ifdef TQE_SCAN_AVX2
    if (!t->scalar && __builtin_cpu_supports("avx2")) return scan_avx2(sc, t, s, len, zh, bail);
#endif
    if (bail && (memchr(s, '&', len) || memchr(s, '<', len) || memchr(s, '\n', len))) return false;
    scan_scalar(sc, t->plain[zh], s, len, !zh, zh);
    return true;
}

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
