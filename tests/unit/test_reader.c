/* test_reader.c - line splitting, BOM/CRLF handling, located UTF-8 errors. */
#include "testutil.h"

#include "utf8.h"

/* Read every line of `data` into a "|"-joined string; returns the status. */
static int read_all(tqe_ctx *ctx, const char *data, size_t len, char *out, size_t cap,
                    uint64_t *nlines)
{
    tqe_reader *rd;
    int rc = tqe_reader_from_memory(&rd, ctx, data, len, "mem.txt");
    if (rc) return rc;
    out[0] = '\0';
    const char *line;
    size_t n;
    while ((rc = tqe_reader_next(rd, &line, &n)) == 1) {
        assert_int_equal(strlen(line), n); /* NUL-terminated, no embedded NUL */
        strncat(out, line, cap - strlen(out) - 2);
        strcat(out, "|");
    }
    *nlines = tqe_reader_lineno(rd);
    tqe_reader_free(rd);
    return rc;
}

static void test_lines(void **state)
{
    tqe_ctx *ctx = *state;
    char out[256];
    uint64_t n;
    assert_int_equal(read_all(ctx, "", 0, out, sizeof out, &n), 0);
    assert_int_equal(n, 0);
    assert_int_equal(read_all(ctx, "\n", 1, out, sizeof out, &n), 0);
    assert_str(out, "|");
    assert_int_equal(read_all(ctx, "a\nb", 3, out, sizeof out, &n), 0);
    assert_str(out, "a|b|");
    assert_int_equal(read_all(ctx, "a\r\n\r\nb\n", 7, out, sizeof out, &n), 0);
    assert_str(out, "a||b|");
    assert_int_equal(n, 3);
    /* A lone CR inside a line is text, not a line break (sacreBLEU splits on LF only). */
    assert_int_equal(read_all(ctx, "a\rb\n", 4, out, sizeof out, &n), 0);
    assert_str(out, "a\rb|");
    assert_int_equal(read_all(ctx, "\xEF\xBB\xBFx\n", 5, out, sizeof out, &n), 0);
    assert_str(out, "x|");
    assert_int_equal(read_all(ctx, "\xEF\xBB\xBF", 3, out, sizeof out, &n), 0);
    assert_int_equal(n, 0);
}

static void expect_error(tqe_ctx *ctx, const char *data, size_t len, int status, const char *msg)
{
    char out[256];
    uint64_t n;
    tqe_ctx_clear(ctx);
    assert_int_equal(read_all(ctx, data, len, out, sizeof out, &n), status);
    assert_str(tqe_ctx_errmsg(ctx), msg);
}

static void test_errors(void **state)
{
    tqe_ctx *ctx = *state;
    expect_error(ctx, "ok\nab\xC0\xAF", 7, TQE_EUTF8,
                 "mem.txt:2:3: invalid UTF-8 (overlong encoding)");
    expect_error(ctx, "\xED\xA0\x80", 3, TQE_EUTF8,
                 "mem.txt:1:1: invalid UTF-8 (encoded UTF-16 surrogate)");
    expect_error(ctx, "abc\xE2\x82", 5, TQE_EUTF8,
                 "mem.txt:1:4: invalid UTF-8 (truncated multi-byte sequence)");
    expect_error(ctx, "\x80", 1, TQE_EUTF8,
                 "mem.txt:1:1: invalid UTF-8 (byte cannot start a character)");
    expect_error(ctx, "\xF4\x90\x80\x80", 4, TQE_EUTF8,
                 "mem.txt:1:1: invalid UTF-8 (code point above U+10FFFF)");
    expect_error(ctx, "a\nb\0c", 5, TQE_EUTF8, "mem.txt:2:2: NUL byte in text (binary file?)");
    expect_error(ctx, "\xFF\xFEh\0i\0", 6, TQE_EUTF8,
                 "mem.txt:1:1: file is UTF-16LE (byte order mark found); tqe reads UTF-8 "
                 "(convert it with: iconv -f UTF-16LE -t UTF-8)");
}

static void test_long_line(void **state)
{
    /* Lines longer than the read chunk are assembled across refills. */
    tqe_ctx *ctx = *state;
    size_t big = (3u << 20) + 17;
    char *data = malloc(big + 3);
    assert_non_null(data);
    memset(data, 'x', big);
    memcpy(data + big, "\ny", 2);
    tqe_reader *rd;
    assert_int_equal(tqe_reader_from_memory(&rd, ctx, data, big + 2, "big"), 0);
    const char *line;
    size_t n;
    assert_int_equal(tqe_reader_next(rd, &line, &n), 1);
    assert_int_equal(n, big);
    assert_int_equal(tqe_reader_next(rd, &line, &n), 1);
    assert_str(line, "y");
    assert_int_equal(tqe_reader_next(rd, &line, &n), 0);
    tqe_reader_free(rd);
    free(data);
}

static void test_rstrip(void **state)
{
    (void)state;
    const char *s = "ab \t\xC2\xA0\xE3\x80\x80\x1F";
    assert_int_equal(tqe_utf8_rstrip_len(s, strlen(s)), 2);
    /* U+200B ZERO WIDTH SPACE is not whitespace to Python. */
    const char *z = "ab\xE2\x80\x8B";
    assert_int_equal(tqe_utf8_rstrip_len(z, strlen(z)), strlen(z));
    assert_int_equal(tqe_utf8_rstrip_len("   ", 3), 0);
}

static void test_missing_file(void **state)
{
    tqe_ctx *ctx = *state;
    tqe_reader *rd;
    assert_int_equal(tqe_reader_open(&rd, ctx, "/nonexistent/x.txt", NULL), TQE_EIO);
    assert_str(tqe_ctx_errmsg(ctx), "/nonexistent/x.txt: cannot open: No such file or directory");
    tqe_ctx_clear(ctx);
    assert_int_equal(tqe_reader_open(&rd, ctx, "/", NULL), TQE_EIO);
    assert_str(tqe_ctx_errmsg(ctx), "/: is a directory, not a text file");
}

/* Encode c (any value up to 0x10FFFF, surrogates excluded by the callers). */
static size_t put_utf8(char *o, uint32_t c)
{
    if (c < 0x80) return (size_t)(o[0] = (char)c, 1);
    if (c < 0x800) {
        o[0] = (char)(0xC0 | c >> 6);
        o[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        o[0] = (char)(0xE0 | c >> 12);
        o[1] = (char)(0x80 | (c >> 6 & 0x3F));
        o[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | c >> 18);
    o[1] = (char)(0x80 | (c >> 12 & 0x3F));
    o[2] = (char)(0x80 | (c >> 6 & 0x3F));
    o[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

static uint32_t rnd(uint64_t *st)
{
    *st = *st * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(*st >> 33);
}

/* Append a random piece: mostly valid characters at the edges of each
 * length class, sometimes a broken sequence or a stray byte. */
static size_t random_piece(unsigned char *o, uint64_t *st)
{
    static const uint32_t cps[] = {0x41,    0x7F,    0x80,    0x7FF,    0x800,  0xFFF,
                                   0x1000,  0xD7FF,  0xE000,  0xFFFD,   0xFFFF, 0x10000,
                                   0x3FFFF, 0x40000, 0xFFFFF, 0x10FFFF, 0x20,   0x0A};
    static const unsigned char junk[] = {0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xED, 0xEF,
                                         0xF0, 0xF4, 0xF5, 0xF7, 0xF8, 0xFF, 0x00, 0x9F, 0xA0};
    uint32_t r = rnd(st) % 100;
    if (r < 70) {
        char buf[4];
        size_t n = put_utf8(buf, cps[rnd(st) % (sizeof(cps) / sizeof(cps[0]))]);
        memcpy(o, buf, n);
        if (r < 6 && n > 1) return n - 1 - rnd(st) % (n - 1); /* truncated */
        return n;
    }
    if (r < 85) {
        o[0] = (unsigned char)('a' + rnd(st) % 26);
        return 1;
    }
    o[0] = junk[rnd(st) % sizeof(junk)];
    if (r < 93) return 1;
    /* A lead byte and second bytes around the bounds RFC 3629 sets. */
    static const unsigned char second[] = {0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0x41};
    size_t n = 1 + rnd(st) % 3;
    for (size_t k = 1; k <= n; k++) o[k] = k == 1 ? second[rnd(st) % sizeof(second)] : 0x80;
    return n + 1;
}

/* The fast check agrees with the byte loop on random text, including
 * sequences cut short at the very end and errors on either side of each
 * 32-byte block boundary; utf8_validate reports what the loop reports. */
static void test_utf8_fast(void **state)
{
    (void)state;
    uint64_t st = 1;
    unsigned char buf[300];
    for (int iter = 0; iter < 200000; iter++) {
        size_t len = 0, want = rnd(&st) % (iter % 8 ? 80 : 260);
        while (len < want) len += random_piece(buf + len, &st);
        if (iter % 3 == 0) {
            /* Mostly clean text makes the rare error land anywhere. */
            if (len < 280) len++;
            for (size_t i = 0; i < len; i++) buf[i] = (unsigned char)('a' + i % 26);
            buf[rnd(&st) % (len > 280 ? 280 : len)] = (unsigned char)(0x80 + rnd(&st) % 128);
        }
        size_t bad1 = 0, bad2 = 0;
        utf8_problem slow = utf8_validate_detailed((const char *)buf, len, &bad1);
        bool fast = utf8_valid_fast((const char *)buf, len);
        if (fast != (slow == UTF8_OK))
            fail_msg("iteration %d (%zu bytes): fast %d, detailed %s", iter, len, fast,
                     utf8_problem_str(slow));
        utf8_problem p = utf8_validate((const char *)buf, len, &bad2);
        assert_int_equal(p, slow);
        if (p != UTF8_OK) assert_int_equal(bad2, bad1);
    }
}

/* The reader validates many lines at once: its error must still name the
 * first bad line and byte, as a line-by-line check does, wherever the bad
 * byte falls (any line, CRLF endings, chunk boundaries of a 3 MB text). */
static void test_error_lines(void **state)
{
    tqe_ctx *ctx = *state;
    static const char *const bad[] = {"\xC0\xAF", "\xE2\x82", "\x80", "\xED\xA0\x80", "\0"};
    uint64_t st = 99;
    for (int iter = 0; iter < 60; iter++) {
        tqe_buf text = TQE_BUF_INIT;
        size_t nlines = 1 + rnd(&st) % (iter % 10 ? 50 : 40000), badline = rnd(&st) % nlines;
        size_t badbyte = 0;
        const char *b = bad[rnd(&st) % (sizeof(bad) / sizeof(bad[0]))];
        size_t blen = b[0] ? strlen(b) : 1;
        bool crlf = iter % 3 == 0;
        for (size_t i = 0; i < nlines; i++) {
            size_t n = rnd(&st) % 90;
            for (size_t k = 0; k < n; k++) tqe_buf_puts(&text, k % 7 ? "a" : "\xd0\xba");
            if (i == badline) {
                badbyte = 0;
                for (size_t k = text.len; k > 0 && text.data[k - 1] != '\n'; k--) badbyte++;
                tqe_buf_append(&text, b, blen);
                if (rnd(&st) % 2) tqe_buf_puts(&text, "tail");
            }
            tqe_buf_puts(&text, crlf ? "\r\n" : "\n");
        }
        tqe_reader *rd;
        tqe_ctx_clear(ctx);
        assert_int_equal(tqe_reader_from_memory(&rd, ctx, text.data, text.len, "m"), 0);
        const char *line;
        size_t n;
        int rc;
        while ((rc = tqe_reader_next(rd, &line, &n)) == 1) {
        }
        assert_int_equal(rc, TQE_EUTF8);
        char want[64];
        snprintf(want, sizeof(want), "m:%zu:%zu: ", badline + 1, badbyte + 1);
        if (strncmp(tqe_ctx_errmsg(ctx), want, strlen(want)) != 0)
            fail_msg("iteration %d: \"%s\", expected it to start with \"%s\"", iter,
                     tqe_ctx_errmsg(ctx), want);
        tqe_reader_free(rd);
        tqe_buf_free(&text);
    }
}

/* What snprintf leaves when it cuts text: a sequence cut short is dropped,
 * complete ones (and ASCII) are kept. */
static void test_trim_cut(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"", ""},
        {"abc", "abc"},
        {"M\xC3\xA4rz", "M\xC3\xA4rz"},
        {"M\xC3", "M"},
        {"\xE2\x82\xAC", "\xE2\x82\xAC"},
        {"x\xE2\x82", "x"},
        {"x\xE2", "x"},
        {"\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80"},
        {"y\xF0\x9F\x98", "y"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char buf[16];
        snprintf(buf, sizeof(buf), "%s", cases[i].in);
        utf8_trim_cut(buf);
        assert_string_equal(buf, cases[i].out);
    }
    /* And through an error message quoting a long UTF-8 text. */
    tqe_ctx *ctx;
    assert_int_equal(tqe_ctx_new(&ctx), 0);
    char quote[3000];
    for (size_t i = 0; i + 2 < sizeof(quote); i += 2) memcpy(quote + i, "\xC3\xA4", 2);
    quote[sizeof(quote) - 2] = '\0';
    for (int pre = 0; pre < 2; pre++) { /* the cut falls after either byte of a pair */
        tqe_ctx_clear(ctx);
        tqe_ctx_seterr(ctx, TQE_EINVAL, "%s%s", pre ? "x" : "", quote);
        const char *m = tqe_ctx_errmsg(ctx);
        size_t bad;
        assert_true(strlen(m) > 1000);
        assert_int_equal(utf8_validate(m, strlen(m), &bad), UTF8_OK);
    }
    tqe_ctx_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_lines, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_errors, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_long_line, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_rstrip, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_missing_file, ctx_setup, ctx_teardown),
        cmocka_unit_test(test_utf8_fast),
        cmocka_unit_test(test_trim_cut),
        cmocka_unit_test_setup_teardown(test_error_lines, ctx_setup, ctx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
