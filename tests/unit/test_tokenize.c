/* test_tokenize.c - sacreBLEU's BLEU tokenizers and Python lowercasing on
 * hand-written ugly cases (expected values from sacreBLEU 2.5.1). */
#include "testutil.h"

#include <unicode/uchar.h>

#include "tokenize.h"

typedef struct tok_case {
    const char *in, *t13a, *intl, *zh, *chr;
} tok_case;

static const tok_case cases[] = {
    {"", "", "", "", ""},
    {"...", ". . .", ". . .", ". . .", ". . ."},
    {"a", "a", "a", "a", "a"},
    {"Hello, world!", "Hello , world !", "Hello , world !", "Hello , world !",
     "H e l l o ,   w o r l d !"},
    {"It costs $1,234.56 (approx.) -- see p.5.", "It costs $ 1,234.56 ( approx . ) -- see p . 5 .",
     "It costs $ 1,234.56 ( approx . ) - - see p . 5.",
     "It costs $ 1,234.56 ( approx . ) -- see p . 5.",
     "I t   c o s t s   $ 1 , 2 3 4 . 5 6   ( a p p r o x . )   - -   s e e   p . 5 ."},
    /* 13a's entities apply one after another: &amp;lt; becomes "<". */
    {"a&amp;lt;b &quot;x&quot; <skipped>y", "a < b \" x \" y",
     "a & amp ; lt ; b & quot ; x & quot ; < skipped > y",
     "a & amp ; lt ; b & quot ; x & quot ; < skipped > y",
     "a & a m p ; l t ; b   & q u o t ; x & q u o t ;   < s k i p p e d > y"},
    /* 13a pads the line: the final "." of a year splits; intl keeps "5." */
    {"1999. 2-3 x-y", "1999 . 2 - 3 x-y", "1999 . 2-3 x - y", "1999 . 2 - 3 x-y",
     "1 9 9 9 .   2 - 3   x - y"},
    {"\xc3\x9c"
     "ber \xc2\xab"
     "Zitat\xc2\xbb \xe2\x80\x94 \xe2\x80\x9eso\xe2\x80\x9c \xe2\x80\xa6 100 %",
     "\xc3\x9c"
     "ber \xc2\xab"
     "Zitat\xc2\xbb \xe2\x80\x94 \xe2\x80\x9eso\xe2\x80\x9c \xe2\x80\xa6 100 %",
     "\xc3\x9c"
     "ber \xc2\xab Zitat \xc2\xbb \xe2\x80\x94 \xe2\x80\x9e so \xe2\x80\x9c \xe2\x80\xa6 100 %",
     "\xc3\x9c"
     "ber \xc2\xab"
     "Zitat\xc2\xbb \xe2\x80\x94 \xe2\x80\x9e so \xe2\x80\x9c \xe2\x80\xa6 100 %",
     "\xc3\x9c b e r   \xc2\xab Z i t a t \xc2\xbb   \xe2\x80\x94   \xe2\x80\x9e s o \xe2\x80\x9c  "
     " "
     "\xe2\x80\xa6   1 0 0   %"},
    /* 你好，世界！Hello 2024年 */
    {"\xe4\xbd\xa0\xe5\xa5\xbd\xef\xbc\x8c\xe4\xb8\x96\xe7\x95\x8c\xef\xbc\x81Hello "
     "2024\xe5\xb9\xb4",
     "\xe4\xbd\xa0\xe5\xa5\xbd\xef\xbc\x8c\xe4\xb8\x96\xe7\x95\x8c\xef\xbc\x81Hello "
     "2024\xe5\xb9\xb4",
     "\xe4\xbd\xa0\xe5\xa5\xbd \xef\xbc\x8c \xe4\xb8\x96\xe7\x95\x8c \xef\xbc\x81 Hello "
     "2024\xe5\xb9\xb4",
     "\xe4\xbd\xa0 \xe5\xa5\xbd \xef\xbc\x8c \xe4\xb8\x96 \xe7\x95\x8c \xef\xbc\x81 Hello 2024 "
     "\xe5\xb9\xb4",
     "\xe4\xbd\xa0 \xe5\xa5\xbd \xef\xbc\x8c \xe4\xb8\x96 \xe7\x95\x8c \xef\xbc\x81 H e l l o   2 "
     "0 2 4 "
     "\xe5\xb9\xb4"},
    {"e-mail: a.b@c.de http://x.org/a?b=1",
     "e-mail : a . b @ c . de http : / / x . org / a ? b = 1",
     "e - mail : a . b @ c . de http : / / x . org / a ? b = 1",
     "e-mail : a . b @ c . de http : / / x . org / a ? b = 1",
     "e - m a i l :   a . b @ c . d e   h t t p : / / x . o r g / a ? b = 1"},
    /* TAB and NBSP are whitespace to Python's split(); char keeps them. */
    {"tab\there\xc2\xa0nbsp", "tab here nbsp", "tab here nbsp", "tab here nbsp",
     "t a b \t h e r e \xc2\xa0 n b s p"},
    {"!!!???,,,", "! ! ! ? ? ? , , ,", "! ! ! ? ? ? , , ,", "! ! ! ? ? ? , , ,",
     "! ! ! ? ? ? , , ,"},
};

static void check(tqe_ctx *ctx, tqe_tokenizer tok, const char *in, const char *want)
{
    tqe_buf out = TQE_BUF_INIT;
    assert_int_equal(tqe_tokenize(&out, ctx, tok, in, strlen(in)), 0);
    const char *got = out.data ? out.data : "";
    if (strcmp(got, want) != 0)
        fail_msg("%s(\"%s\") = \"%s\", expected \"%s\"", tqe_tokenizer_name(tok), in, got, want);
    tqe_buf_free(&out);
}

static void test_tokenizers(void **state)
{
    tqe_ctx *ctx = *state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        check(ctx, TQE_TOK_13A, cases[i].in, cases[i].t13a);
        check(ctx, TQE_TOK_INTL, cases[i].in, cases[i].intl);
        check(ctx, TQE_TOK_ZH, cases[i].in, cases[i].zh);
        check(ctx, TQE_TOK_CHAR, cases[i].in, cases[i].chr);
        check(ctx, TQE_TOK_NONE, cases[i].in, cases[i].in);
    }
}

static void test_long_line(void **state)
{
    /* 10,000 tokens on one line: the buffers grow, the output is exact. */
    tqe_ctx *ctx = *state;
    tqe_buf in = TQE_BUF_INIT, want = TQE_BUF_INIT;
    for (int i = 0; i < 10000; i++) {
        tqe_buf_printf(&in, "w%d,", i);
        tqe_buf_printf(&want, "%sw%d ,", i ? " " : "", i);
    }
    check(ctx, TQE_TOK_13A, in.data, want.data);
    tqe_buf_free(&in);
    tqe_buf_free(&want);
}

static void test_names(void **state)
{
    tqe_ctx *ctx = *state;
    tqe_tokenizer t;
    assert_int_equal(tqe_tokenizer_from_name(&t, ctx, "intl"), 0);
    assert_int_equal(t, TQE_TOK_INTL);
    assert_int_equal(tqe_tokenizer_from_name(&t, ctx, "ja-mecab"), TQE_EINVAL);
    assert_non_null(strstr(tqe_ctx_errmsg(ctx), "ja-mecab"));
}

static void test_lowercase(void **state)
{
    tqe_ctx *ctx = *state;
    tqe_buf out = TQE_BUF_INIT;
    /* Python str.lower(): İ -> i + U+0307, final sigma, ß and ẞ -> ß, no folding. */
    const char *in = "\xc4\xb0stanbul \xce\xa3\xce\x9f\xce\xa6\xce\x9f\xce\xa3 STRA\xe1\xba\x9e"
                     "E Stra\xc3\x9f"
                     "e";
    const char *want = "i\xcc\x87stanbul \xcf\x83\xce\xbf\xcf\x86\xce\xbf\xcf\x82 stra\xc3\x9f"
                       "e stra\xc3\x9f"
                       "e";
    assert_int_equal(tqe_lowercase(&out, ctx, in, strlen(in)), 0);
    assert_string_equal(out.data, want);
    assert_int_equal(tqe_lowercase(&out, ctx, "ABC xyz", 7), 0);
    assert_string_equal(out.data, "abc xyz");
    tqe_buf_free(&out);
}

static void test_repr(void **state)
{
    (void)state;
    char b[40];
    static const struct {
        double x;
        const char *s;
    } r[] = {{0.0, "0.0"},
             {100.0, "100.0"},
             {42.6, "42.6"},
             {1e-05, "1e-05"},
             {0.0001, "0.0001"},
             {1e16, "1e+16"},
             {1e15, "1000000000000000.0"},
             {-2.5, "-2.5"},
             {0.1 + 0.2, "0.30000000000000004"},
             {100.00000000000004, "100.00000000000004"},
             {1.0000000000000002e-14, "1.0000000000000002e-14"}};
    for (size_t i = 0; i < sizeof(r) / sizeof(r[0]); i++) {
        tqe_format_repr(b, sizeof(b), r[i].x);
        assert_string_equal(b, r[i].s);
    }
}

/* ---- a literal implementation of sacreBLEU's TokenizerRegexp, as the oracle
 * for the single-pass tokenizer: each substitution is one left-to-right,
 * non-overlapping pass, exactly as Python's re.sub applies it. ---- */

static bool is_13a_punct(unsigned char c)
{
    return (c >= 0x7B && c <= 0x7E) || (c >= 0x5B && c <= 0x60) || (c >= 0x20 && c <= 0x26) ||
           (c >= 0x28 && c <= 0x2B) || (c >= 0x3A && c <= 0x40) || c == '/';
}

static bool dig(char c)
{
    return c >= '0' && c <= '9';
}

/* One pass: pattern `kind` 0: ([^0-9])([\.,]) -> "\1 \2 "; 1: ([\.,])([^0-9]) -> " \1 \2";
 * 2: ([0-9])(-) -> "\1 \2 ". */
static void pass(tqe_buf *out, const char *s, size_t n, int kind)
{
    tqe_buf_clear(out);
    for (size_t i = 0; i < n;) {
        bool hit = false;
        if (i + 1 < n) {
            char a = s[i], b = s[i + 1];
            hit = kind == 0   ? (!dig(a) && (b == '.' || b == ','))
                  : kind == 1 ? ((a == '.' || a == ',') && !dig(b))
                              : (dig(a) && b == '-');
        }
        if (!hit) {
            tqe_buf_append(out, s + i, 1);
            i++;
            continue;
        }
        if (kind == 1) tqe_buf_append(out, " ", 1);
        tqe_buf_append(out, s + i, 1);
        tqe_buf_append(out, " ", 1);
        tqe_buf_append(out, s + i + 1, 1);
        if (kind != 1) tqe_buf_append(out, " ", 1);
        i += 2;
    }
}

/* The regexp passes on an ASCII string, then ' '.join(split()). */
static void ref_regexp(tqe_buf *out, const char *in)
{
    tqe_buf a = TQE_BUF_INIT, b = TQE_BUF_INIT;
    for (const char *p = in; *p; p++) {
        if (is_13a_punct((unsigned char)*p))
            tqe_buf_printf(&a, " %c ", *p);
        else
            tqe_buf_append(&a, p, 1);
    }
    tqe_buf_append(&a, "", 0);
    pass(&b, a.data, a.len, 0);
    pass(&a, b.data, b.len, 1);
    pass(&b, a.data, a.len, 2);
    tqe_buf_clear(out);
    tqe_buf_append(out, "", 0);
    bool sp = false;
    for (size_t i = 0; i < b.len; i++) {
        bool ws = b.data[i] == ' ' || b.data[i] == '\t';
        if (ws) {
            sp = out->len > 0;
            continue;
        }
        if (sp) tqe_buf_append(out, " ", 1);
        sp = false;
        tqe_buf_append(out, b.data + i, 1);
    }
    tqe_buf_free(&a);
    tqe_buf_free(&b);
}

/* 200,000 random strings over an alphabet that stresses the break rules
 * ("a", digits, '.', ',', '-', 13a punctuation, spaces): the single-pass
 * 13a tokenizer must equal the literal passes. (13a pads with spaces; zh
 * would not, and is covered by the conformance data.) */
static void test_random_vs_literal(void **state)
{
    tqe_ctx *ctx = *state;
    static const char alphabet[] = "a1.,-(  9.,-$\t";
    uint64_t x = 0x9E3779B97F4A7C15ULL;
    tqe_buf got = TQE_BUF_INIT, want = TQE_BUF_INIT, padded = TQE_BUF_INIT;
    char str[24];
    for (int iter = 0; iter < 200000; iter++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        size_t n = 1 + (size_t)(x % 12);
        for (size_t i = 0; i < n; i++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            str[i] = alphabet[x % (sizeof(alphabet) - 1)];
        }
        str[n] = '\0';
        tqe_buf_clear(&padded);
        tqe_buf_printf(&padded, " %s ", str);
        ref_regexp(&want, padded.data);
        assert_int_equal(tqe_tokenize(&got, ctx, TQE_TOK_13A, str, n), 0);
        if (strcmp(got.data ? got.data : "", want.data) != 0)
            fail_msg("13a(\"%s\") = \"%s\", literal passes give \"%s\"", str, got.data, want.data);
    }
    tqe_buf_free(&got);
    tqe_buf_free(&want);
    tqe_buf_free(&padded);
}

/* ---- a literal implementation of sacreBLEU's intl tokenizer, as the oracle
 * for the single scan: three re.sub passes over code points, each one left
 * to right without overlapping matches, classified by ICU as the library
 * does, then ' '.join(split()). Spaces a pass inserts are code points that
 * the later passes see. ---- */

static bool gc_in(uint32_t c, uint32_t mask)
{
    return (U_GET_GC_MASK((UChar32)c) & mask) != 0;
}

/* kind 0: (\P{N})(\p{P}) -> "\1 \2 "; 1: (\p{P})(\P{N}) -> " \1 \2";
 * 2: (\p{S}) -> " \1 ". Returns the length written to out (room for 3 n). */
static size_t intl_pass_literal(uint32_t *out, const uint32_t *in, size_t n, int kind)
{
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        if (kind == 2) {
            bool sym = gc_in(in[i], U_GC_S_MASK);
            if (sym) out[o++] = ' ';
            out[o++] = in[i++];
            if (sym) out[o++] = ' ';
            continue;
        }
        bool hit = false;
        if (i + 1 < n)
            hit = kind == 0 ? !gc_in(in[i], U_GC_N_MASK) && gc_in(in[i + 1], U_GC_P_MASK)
                            : gc_in(in[i], U_GC_P_MASK) && !gc_in(in[i + 1], U_GC_N_MASK);
        if (!hit) {
            out[o++] = in[i++];
            continue;
        }
        if (kind == 1) out[o++] = ' ';
        out[o++] = in[i];
        out[o++] = ' ';
        out[o++] = in[i + 1];
        if (kind == 0) out[o++] = ' ';
        i += 2;
    }
    return o;
}

static void ref_intl(tqe_buf *out, const char *s, size_t len)
{
    /* Each pass at most doubles (the first two) or triples the length. */
    uint32_t *a = malloc((12 * len + 1) * sizeof(*a)), *b = malloc((12 * len + 1) * sizeof(*b));
    assert_non_null(a);
    assert_non_null(b);
    size_t n = 0;
    for (size_t i = 0; i < len;) a[n++] = tqe_u8_next(s, &i);
    n = intl_pass_literal(b, a, n, 0);
    n = intl_pass_literal(a, b, n, 1);
    n = intl_pass_literal(b, a, n, 2);
    tqe_buf_clear(out);
    tqe_buf_append(out, "", 0);
    bool sp = false;
    for (size_t i = 0; i < n; i++) {
        if (tqe_py_isspace(b[i])) {
            sp = out->len > 0;
            continue;
        }
        if (sp) tqe_buf_append(out, " ", 1);
        sp = false;
        char enc[4];
        tqe_buf_append(out, enc, tqe_u8_put(enc, b[i]));
    }
    free(a);
    free(b);
}

/* Slices joined by single spaces, as BLEU sees them. */
static void join_toks(tqe_buf *out, const tok_list *l, const char *base)
{
    tqe_buf_clear(out);
    tqe_buf_append(out, "", 0);
    for (size_t k = 0; k < l->n; k++) {
        if (k) tqe_buf_append(out, " ", 1);
        tqe_buf_append(out, base + l->v[k].off, l->v[k].len);
    }
}

/* A random line of n pieces chosen for intl's rules: P and S of every
 * encoded length (ASCII, Latin-1, general punctuation, CJK, fullwidth,
 * astral), digits that are N but not ASCII (Nd, No, Nl, astral, one in a
 * block without punctuation or symbols), letters, combining marks, format,
 * private-use and unassigned code points, whitespace of each length. Half the pieces are P or
 * digits, so that runs of punctuation next to digits, where the passes' overlaps matter, are
 * common. */
static void random_intl_line(tqe_buf *line, uint64_t *x, size_t n)
{
    static const char ascii_pd[] = ".,!-'\"()%&*/@[]_{}:;?#\\0707";
    static const char ascii_other[] = "aZa  \t\n\x1c\x01\x7f$+<=>^`|~";
    static const char *const wide_pd[] = {
        "\xc2\xab",         /* « */
        "\xc2\xbb",         /* » */
        "\xc2\xa1",         /* ¡ */
        "\xc2\xb7",         /* · */
        "\xd8\x8c",         /* ، Arabic comma */
        "\xe0\xa5\xa4",     /* । Devanagari danda */
        "\xe2\x80\x9e",     /* „ */
        "\xe2\x80\x9c",     /* “ */
        "\xe2\x80\x94",     /* — */
        "\xe2\x80\x90",     /* ‐ */
        "\xe3\x80\x82",     /* 。 */
        "\xe3\x80\x81",     /* 、 */
        "\xef\xbc\x8c",     /* ， */
        "\xf0\x90\x8e\x9f", /* U+1039F Ugaritic word divider, Po */
        "\xd9\xa3",         /* ٣ Arabic-Indic three, Nd */
        "\xef\xbc\x93",     /* ３ fullwidth three, Nd */
        "\xe0\xb3\xa9",     /* ೩ Kannada three: a block of letters and digits only */
        "\xc2\xb2",         /* ² No */
        "\xc2\xbd",         /* ½ No */
        "\xe2\x85\xab",     /* Ⅻ Nl */
        "\xf0\x9d\x9f\x99", /* U+1D7D9 mathematical double-struck one, Nd */
    };
    static const char *const wide_other[] = {
        "\xe2\x82\xac",     /* € Sc */
        "\xc2\xb0",         /* ° So */
        "\xc2\xa9",         /* © So */
        "\xc2\xac",         /* ¬ Sm */
        "\xc2\xb4",         /* ´ Sk */
        "\xcb\x86",         /* ˆ Lm, not S */
        "\xf0\x9f\x98\x80", /* U+1F600 emoji, So */
        "\xf0\x9d\x84\x9e", /* U+1D11E musical symbol G clef, So */
        "\xf0\x9d\x92\x9c", /* U+1D49C mathematical script A, Lu */
        "\xd0\xb6",         /* ж */
        "\xe4\xbd\xa0",     /* 你 */
        "\xcc\x81",         /* U+0301 combining acute, Mn */
        "\xe2\x83\x9d",     /* U+20DD combining enclosing circle, Me */
        "\xc2\xad",         /* soft hyphen, Cf */
        "\xcd\xb8",         /* U+0378 unassigned */
        "\xee\x80\x80",     /* U+E000 private use */
        "\xc2\xa0",         /* NBSP */
        "\xc2\x85",         /* NEL */
        "\xe3\x80\x80",     /* ideographic space */
        "\xe2\x80\xaf",     /* narrow NBSP */
    };
    tqe_buf_clear(line);
    tqe_buf_append(line, "", 0);
    for (size_t i = 0; i < n; i++) {
        *x ^= *x << 13, *x ^= *x >> 7, *x ^= *x << 17;
        size_t k = (size_t)(*x >> 8);
        switch (*x & 3) {
        case 0:
            tqe_buf_append(line, &ascii_pd[k % (sizeof(ascii_pd) - 1)], 1);
            break;
        case 1:
            tqe_buf_puts(line, wide_pd[k % TQE_ARRAY_LEN(wide_pd)]);
            break;
        case 2:
            tqe_buf_append(line, &ascii_other[k % (sizeof(ascii_other) - 1)], 1);
            break;
        default:
            tqe_buf_puts(line, wide_other[k % TQE_ARRAY_LEN(wide_other)]);
        }
    }
}

/* Both entry points must give the literal passes' tokens on random lines:
 * tqe_tokenize (a fresh scratch each time) and tokenize_slices with one
 * scratch reused by every line, which learns the blocks of code points it
 * meets, with the vector scan where the CPU has one and with the portable
 * scan. */
static void test_intl_random_vs_literal(void **state)
{
    tqe_ctx *ctx = *state;
    tok_scratch sc[2];
    memset(sc, 0, sizeof(sc));
    sc[1].scalar = true;
    tok_list l = {NULL, 0, 0};
    tqe_buf line = TQE_BUF_INIT, got = TQE_BUF_INIT, want = TQE_BUF_INIT;
    uint64_t x = 0x2545F4914F6CDD1DULL;
    for (int iter = 0; iter < 300000; iter++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        /* Mostly short lines; some long enough for many runs of punctuation. */
        size_t pieces = iter % 64 == 0 ? 200 : iter % 8 == 0 ? 40 : 10;
        random_intl_line(&line, &x, (size_t)(x % pieces));
        ref_intl(&want, line.data, line.len);
        assert_int_equal(tqe_tokenize(&got, ctx, TQE_TOK_INTL, line.data, line.len), 0);
        if (strcmp(got.data ? got.data : "", want.data) != 0)
            fail_msg("intl(\"%s\") = \"%s\", literal passes give \"%s\"", line.data, got.data,
                     want.data);
        for (int k = 0; k < 2; k++) {
            const char *base;
            assert_int_equal(tokenize_slices(&sc[k], &l, &base, TQE_TOK_INTL, line.data, line.len),
                             0);
            join_toks(&got, &l, base);
            if (strcmp(got.data, want.data) != 0)
                fail_msg("intl slices%s(\"%s\") = \"%s\", literal passes give \"%s\"",
                         k ? " (scalar)" : "", line.data, got.data, want.data);
        }
    }
    tok_list_free(&l);
    tok_scratch_free(&sc[0]);
    tok_scratch_free(&sc[1]);
    tqe_buf_free(&line);
    tqe_buf_free(&got);
    tqe_buf_free(&want);
}

/* The default BLEU tokenizer by target language: the primary subtag decides. */
static void test_for_lang(void **state)
{
    (void)state;
    assert_int_equal(tqe_tokenizer_for_lang("zh"), TQE_TOK_ZH);
    assert_int_equal(tqe_tokenizer_for_lang("zh-Hant"), TQE_TOK_ZH);
    assert_int_equal(tqe_tokenizer_for_lang("ja"), TQE_TOK_CHAR);
    assert_int_equal(tqe_tokenizer_for_lang("ko_KR"), TQE_TOK_CHAR);
    assert_int_equal(tqe_tokenizer_for_lang("kok"), TQE_TOK_13A); /* Konkani */
    assert_int_equal(tqe_tokenizer_for_lang("zha"), TQE_TOK_13A); /* Zhuang */
    assert_int_equal(tqe_tokenizer_for_lang("de"), TQE_TOK_13A);
    assert_int_equal(tqe_tokenizer_for_lang(NULL), TQE_TOK_13A);
}

/* tqe_tokenize refuses invalid UTF-8 and unknown tokenizers by name. */
static void test_tokenize_errors(void **state)
{
    (void)state;
    tqe_ctx *ctx;
    assert_int_equal(tqe_ctx_new(&ctx), 0);
    tqe_buf out = TQE_BUF_INIT;
    assert_int_equal(tqe_tokenize(&out, ctx, TQE_TOK_13A, "ok \xE4", 4), TQE_EUTF8);
    assert_string_equal(tqe_ctx_errmsg(ctx), "invalid UTF-8 or NUL at byte 3 of the text");
    tqe_ctx_clear(ctx);
    assert_int_equal(tqe_tokenize(&out, ctx, (tqe_tokenizer)9, "ok", 2), TQE_EINVAL);
    assert_string_equal(tqe_ctx_errmsg(ctx), "unknown tokenizer 9");
    tqe_buf_free(&out);
    tqe_ctx_free(ctx);
}

/* The 13a, zh, none and intl scans: the SIMD path (where the CPU has one) gives the slices
 * of the portable one on random text built from the characters the rules
 * care about, whitespace of every encoded length, near misses (same lead
 * byte, not whitespace), zh range edges, and enough length to cross block
 * boundaries at every offset. */
static void test_scan_paths(void **state)
{
    (void)state;
    static const char *const pieces[] = {"a",
                                         "Z",
                                         "7",
                                         "0",
                                         ".",
                                         ",",
                                         "-",
                                         "'",
                                         "&",
                                         "<",
                                         "&amp;",
                                         "&quot;",
                                         "<skipped>",
                                         "\n",
                                         " ",
                                         "\t",
                                         "\v",
                                         "\f",
                                         "\r",
                                         "\x1c",
                                         "\x1f",
                                         "\x01",
                                         "\x7f",
                                         "!",
                                         "/",
                                         "@",
                                         "[",
                                         "`",
                                         "{",
                                         "~",
                                         "$",
                                         "\xc2\x85",
                                         "\xc2\xa0",
                                         "\xc2\xa1",
                                         "\xe1\x9a\x80",
                                         "\xe1\x9a\x81",
                                         "\xe2\x80\x80",
                                         "\xe2\x80\x8a",
                                         "\xe2\x80\x8b",
                                         "\xe2\x80\x94",
                                         "\xe2\x80\xa8",
                                         "\xe2\x80\xaf",
                                         "\xe2\x81\x9f",
                                         "\xe2\x81\xa0",
                                         "\xe3\x80\x80",
                                         "\xe3\x80\x81",
                                         "\xe4\xbd\xa0",
                                         "\xea\xa9\xad",
                                         "\xef\xbf\xaf",
                                         "\xef\xbf\xb0",
                                         "\xd0\xba",
                                         "\xf0\x9f\x98\x80",
                                         "\xe2\xa9\xad",
                                         "\xe2\xa9\xae"};
    tok_scratch fast, slow;
    memset(&fast, 0, sizeof(fast));
    memset(&slow, 0, sizeof(slow));
    slow.scalar = true;
    tok_list a = {NULL, 0, 0}, b = {NULL, 0, 0};
    tqe_buf line = TQE_BUF_INIT;
    uint64_t x = 12345;
    for (int iter = 0; iter < 100000; iter++) {
        tqe_buf_clear(&line);
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        size_t n = (size_t)(x % (iter % 4 ? 40 : 160));
        for (size_t i = 0; i < n; i++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            /* Mostly letters, so that the events land at every offset. */
            const char *p = x % 3 ? "ab" : pieces[(x >> 8) % (sizeof(pieces) / sizeof(pieces[0]))];
            tqe_buf_puts(&line, p);
        }
        static const tqe_tokenizer toks[] = {TQE_TOK_13A, TQE_TOK_ZH, TQE_TOK_NONE, TQE_TOK_INTL};
        tqe_tokenizer tok = toks[iter % 4];
        const char *s = line.data ? line.data : "", *base_a, *base_b;
        assert_int_equal(tokenize_slices(&fast, &a, &base_a, tok, s, line.len), 0);
        assert_int_equal(tokenize_slices(&slow, &b, &base_b, tok, s, line.len), 0);
        assert_int_equal(a.n, b.n);
        for (size_t k = 0; k < a.n; k++) {
            assert_int_equal(a.v[k].len, b.v[k].len);
            assert_memory_equal(base_a + a.v[k].off, base_b + b.v[k].off, a.v[k].len);
        }
    }
    tok_list_free(&a);
    tok_list_free(&b);
    tok_scratch_free(&fast);
    tok_scratch_free(&slow);
    tqe_buf_free(&line);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_tokenizers, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_long_line, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_names, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_lowercase, ctx_setup, ctx_teardown),
        cmocka_unit_test(test_repr),
        cmocka_unit_test_setup_teardown(test_random_vs_literal, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_intl_random_vs_literal, ctx_setup, ctx_teardown),
        cmocka_unit_test(test_scan_paths),
        cmocka_unit_test(test_for_lang),
        cmocka_unit_test(test_tokenize_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
