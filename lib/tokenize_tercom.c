/* tokenize_tercom.c - TER's preprocessing exactly as sacreBLEU 2.5.1's
 * TercomTokenizer does it: optional lowercasing, the "western" normalization,
 * CJK splitting, punctuation removal and whitespace collapsing.
 *
 * sacreBLEU expresses the normalization as a chain of Python `re.sub` calls.
 * Every pattern in that chain matches one or two characters of fixed length,
 * so each call is reproduced here by one left-to-right scan that, like
 * `re.sub`, resumes after the end of a match (matches never overlap) and
 * never rescans its own output. Each scan writes into the other of two
 * scratch buffers; scans that cannot match (no trigger byte) are skipped. */
#include "tercom.h"
#include "tokenize.h"

/* The text being rewritten: the current version and where the next one goes. */
typedef struct text_pipe {
    const char *s;
    size_t n;
    tqe_buf *buf[2];
    int next;
} text_pipe;

/* Reserve the next buffer for a pass whose output is at most `bound` bytes. */
static char *pipe_begin(text_pipe *p, size_t bound)
{
    tqe_buf *dst = p->buf[p->next];
    tqe_buf_clear(dst);
    if (tqe_buf_reserve(dst, bound) != TQE_OK) return NULL;
    return dst->data;
}

/* The pass wrote `len` bytes: they become the current text. */
static void pipe_end(text_pipe *p, size_t len)
{
    tqe_buf *dst = p->buf[p->next];
    dst->len = len;
    dst->data[len] = '\0';
    p->s = dst->data;
    p->n = len;
    p->next ^= 1;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* re.sub("\n-", "", s) then re.sub("\n", " ", s). The second pattern looks at
 * no context, so running it in the same scan changes nothing. */
static int join_lines(text_pipe *p)
{
    if (!memchr(p->s, '\n', p->n)) return TQE_OK;
    const char *s = p->s;
    char *o = pipe_begin(p, p->n);
    if (!o) return TQE_ENOMEM;
    size_t k = 0;
    for (size_t i = 0; i < p->n; i++) {
        if (s[i] != '\n')
            o[k++] = s[i];
        else if (i + 1 < p->n && s[i + 1] == '-')
            i++;
        else
            o[k++] = ' ';
    }
    pipe_end(p, k);
    return TQE_OK;
}

/* One re.sub of a literal pattern: non-overlapping, left to right. */
static int replace_literal(text_pipe *p, const char *pat, size_t plen, const char *rep, size_t rlen)
{
    tqe_buf *dst = p->buf[p->next];
    if (replace_all(dst, p->s, p->n, pat, plen, rep, rlen)) return TQE_ENOMEM;
    pipe_end(p, dst->len);
    return TQE_OK;
}

/* The four XML entities, each its own pass in this order, so "&amp;lt;"
 * becomes "<" but "&amp;quot;" stays "&quot;". */
static int unescape_entities(text_pipe *p)
{
    for (size_t e = 0; e < 4; e++) {
        if (!memchr(p->s, '&', p->n)) break;
        int rc = replace_literal(p, xml_entities[e][0], strlen(xml_entities[e][0]),
                                 xml_entities[e][1], 1);
        if (rc) return rc;
    }
    return TQE_OK;
}

/* The class [{-~[-` -&(-+:-@/]: ASCII punctuation except ' , - . and also
 * the space itself. */
static bool is_split_punct(unsigned char c)
{
    return (c >= '{' && c <= '~') || (c >= '[' && c <= '`') || (c >= ' ' && c <= '&') ||
           (c >= '(' && c <= '+') || (c >= ':' && c <= '@') || c == '/';
}

/* f" {s} " followed by re.sub(class, r" \1 ", s). Bytes >= 0x80 are never in
 * the class, so a byte scan is exact for UTF-8. */
static int pad_punct(text_pipe *p)
{
    const char *s = p->s;
    size_t n = p->n;
    char *o = pipe_begin(p, 3 * n + 6);
    if (!o) return TQE_ENOMEM;
    size_t k = 0;
    o[k++] = ' ';
    o[k++] = ' ';
    o[k++] = ' '; /* the leading pad space is itself in the class */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (is_split_punct(c)) {
            o[k++] = ' ';
            o[k++] = (char)c;
            o[k++] = ' ';
        } else {
            o[k++] = (char)c;
        }
    }
    o[k++] = ' ';
    o[k++] = ' ';
    o[k++] = ' ';
    pipe_end(p, k);
    return TQE_OK;
}

/* re.sub(r"([^0-9])([\.,])", r"\1 \2 ", s): a match is one code point (not
 * an ASCII digit) plus the '.' or ',' after it; the scan resumes after the
 * punctuation mark, so in "a.." only the first '.' is matched. */
static int split_after_nondigit(text_pipe *p)
{
    const char *s = p->s;
    size_t n = p->n;
    char *o = pipe_begin(p, 2 * n);
    if (!o) return TQE_ENOMEM;
    size_t k = 0, i = 0;
    while (i < n) {
        size_t cl = tqe_u8_len((unsigned char)s[i]);
        memcpy(o + k, s + i, cl);
        k += cl;
        if (!is_digit(s[i]) && i + cl < n && (s[i + cl] == '.' || s[i + cl] == ',')) {
            o[k++] = ' ';
            o[k++] = s[i + cl];
            o[k++] = ' ';
            i += cl + 1;
        } else {
            i += cl;
        }
    }
    pipe_end(p, k);
    return TQE_OK;
}

/* re.sub(r"([\.,])([^0-9])", r" \1 \2", s): '.' or ',' plus the following
 * code point when it is not an ASCII digit. */
static int split_before_nondigit(text_pipe *p)
{
    const char *s = p->s;
    size_t n = p->n;
    char *o = pipe_begin(p, 2 * n);
    if (!o) return TQE_ENOMEM;
    size_t k = 0, i = 0;
    while (i < n) {
        if ((s[i] == '.' || s[i] == ',') && i + 1 < n && !is_digit(s[i + 1])) {
            size_t cl = tqe_u8_len((unsigned char)s[i + 1]);
            o[k++] = ' ';
            o[k++] = s[i];
            o[k++] = ' ';
            memcpy(o + k, s + i + 1, cl);
            k += cl;
            i += 1 + cl;
        } else {
            size_t cl = tqe_u8_len((unsigned char)s[i]);
            memcpy(o + k, s + i, cl);
            k += cl;
            i += cl;
        }
    }
    pipe_end(p, k);
    return TQE_OK;
}

/* re.sub(r"([0-9])(-)", r"\1 \2 ", s). */
static int split_digit_dash(text_pipe *p)
{
    if (!memchr(p->s, '-', p->n)) return TQE_OK;
    const char *s = p->s;
    size_t n = p->n;
    char *o = pipe_begin(p, 2 * n);
    if (!o) return TQE_ENOMEM;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (is_digit(s[i]) && i + 1 < n && s[i + 1] == '-') {
            o[k++] = s[i];
            o[k++] = ' ';
            o[k++] = '-';
            o[k++] = ' ';
            i++;
        } else {
            o[k++] = s[i];
        }
    }
    pipe_end(p, k);
    return TQE_OK;
}

/* sacreBLEU's western normalization. Its r"'s$" substitution is left out: it
 * can never match, because the text then ends with the pad space added before
 * the punctuation pass and every "\n" (where `$` could also match) has been
 * replaced by a space already. */
static int normalize_western(text_pipe *p)
{
    int rc = join_lines(p);
    if (!rc) rc = unescape_entities(p);
    if (!rc) rc = pad_punct(p);
    if (!rc && memchr(p->s, '\'', p->n)) rc = replace_literal(p, "'s ", 3, " 's ", 4);
    if (!rc && (memchr(p->s, '.', p->n) || memchr(p->s, ',', p->n))) {
        rc = split_after_nondigit(p);
        if (!rc) rc = split_before_nondigit(p);
    }
    if (!rc) rc = split_digit_dash(p);
    return rc;
}

/* sacreBLEU's ASIAN_PUNCT and FULL_WIDTH_PUNCT classes. */
static bool is_asian_punct(uint32_t c)
{
    return c == 0x3001 || c == 0x3002 || (c >= 0x3008 && c <= 0x3011) ||
           (c >= 0x3014 && c <= 0x301F) || (c >= 0xFF61 && c <= 0xFF65) || c == 0x30FB ||
           c == 0xFF0E || c == 0xFF0C || c == 0xFF1F || c == 0xFF1A || c == 0xFF1B || c == 0xFF01 ||
           c == 0xFF02 || c == 0xFF08 || c == 0xFF09;
}

/* The union of the classes that sacreBLEU's asian normalization surrounds
 * with spaces: CJK ideographs 4E00-9FFF; 3200-3F22 (as written, including
 * the "Enclosed CJK" row), 3300-33FF and Extension A 3400-4DBF, which
 * together make 3200-4DBF; strokes 31C0-31EF; radicals 2E80-2EFF;
 * compatibility F900-FAFF and FE30-FE4F; and the two punctuation classes.
 * Each of those substitutions only adds spaces around single characters and
 * whitespace is collapsed at the end, so one pass over the union gives the
 * same words as the six passes. The three kana substitutions are not here
 * because they cannot match: each needs the text to start with kana (their
 * `^` alternatives; the lookahead's `^` can never hold past position 0), but
 * the western normalization, which always runs first, pads the text with a
 * leading space. */
static bool is_cjk_split(uint32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3200 && c <= 0x4DBF) ||
           (c >= 0x31C0 && c <= 0x31EF) || (c >= 0x2E80 && c <= 0x2EFF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || is_asian_punct(c);
}

static int split_asian(text_pipe *p)
{
    const char *s = p->s;
    size_t n = p->n;
    char *o = pipe_begin(p, 3 * n);
    if (!o) return TQE_ENOMEM;
    size_t k = 0, i = 0;
    while (i < n) {
        size_t start = i;
        uint32_t c = tqe_u8_next(s, &i);
        bool pad = c >= 0x2E80 && is_cjk_split(c);
        if (pad) o[k++] = ' ';
        memcpy(o + k, s + start, i - start);
        k += i - start;
        if (pad) o[k++] = ' ';
    }
    pipe_end(p, k);
    return TQE_OK;
}

/* re.sub(r"[\.,\?:;!\"\(\)]", "", s), and with asian support the two asian
 * punctuation classes too. */
static int remove_punct(text_pipe *p, bool asian)
{
    const char *s = p->s;
    size_t n = p->n;
    char *o = pipe_begin(p, n);
    if (!o) return TQE_ENOMEM;
    size_t k = 0, i = 0;
    while (i < n) {
        size_t start = i;
        uint32_t c = tqe_u8_next(s, &i);
        bool drop = c < 0x80 ? (c == '.' || c == ',' || c == '?' || c == ':' || c == ';' ||
                                c == '!' || c == '"' || c == '(' || c == ')')
                             : (asian && is_asian_punct(c));
        if (drop) continue;
        memcpy(o + k, s + start, i - start);
        k += i - start;
    }
    pipe_end(p, k);
    return TQE_OK;
}

int tercom_tokenize(tqe_buf *out, tercom_scratch *sc, lowercaser *lc, tqe_ctx *ctx,
                    const tqe_ter_options *o, const char *s, size_t len)
{
    assert(out != &sc->a && out != &sc->b);
    text_pipe p = {s, len, {&sc->a, &sc->b}, 0};
    int rc = TQE_OK;
    if (len == 0) goto out;
    if (!o->case_sensitive) {
        rc = lowercaser_apply(lc, ctx, &sc->a, s, len);
        if (rc) return rc;
        p.s = sc->a.data;
        p.n = sc->a.len;
        p.next = 1;
    }
    if (o->normalized) {
        rc = normalize_western(&p);
        if (!rc && o->asian_support) rc = split_asian(&p);
    }
    if (!rc && o->no_punct) rc = remove_punct(&p, o->asian_support);
out:
    if (!rc) {
        tqe_buf_clear(out);
        rc = collapse_whitespace(out, p.s, p.n);
    }
    return rc ? tqe_oom(ctx) : TQE_OK;
}

void tercom_scratch_free(tercom_scratch *sc)
{
    if (!sc) return;
    tqe_buf_free(&sc->a);
    tqe_buf_free(&sc->b);
}

int tqe_tokenize_tercom(tqe_buf *out, tqe_ctx *ctx, const tqe_ter_options *o, const char *s,
                        size_t len)
{
    assert(out && o);
    size_t bad;
    /* The scans step over whole UTF-8 sequences: a broken one could make
     * them read past the end. */
    if (tqe_utf8_check(s, len, &bad))
        return tqe_err(ctx, TQE_EUTF8, "invalid UTF-8 or NUL at byte %zu of the text", bad);
    lowercaser *lc = NULL;
    tercom_scratch sc = TERCOM_SCRATCH_INIT;
    int rc = o->case_sensitive ? TQE_OK : lowercaser_new(&lc, ctx);
    if (!rc) rc = tercom_tokenize(out, &sc, lc, ctx, o, s, len);
    tercom_scratch_free(&sc);
    lowercaser_free(lc);
    return rc;
}
