/* test_reader.c - line splitting, BOM/CRLF handling, located UTF-8 errors. */
#include "testutil.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_lines, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_errors, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_long_line, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_rstrip, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_missing_file, ctx_setup, ctx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
