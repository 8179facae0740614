/*
 * fuzz_reader.c - the line reader over memory and the UTF-8 helpers.
 *
 * Invariants: every line is valid UTF-8, NUL-terminated and has no '\n';
 * input that tqe_utf8_check() accepts reads without error; the lines joined
 * with '\n' give back the input less a leading BOM, the '\r' of each "\r\n"
 * (and of a final "\r") and a final '\n' (nothing is dropped silently); rstrip lengths end on a
 * code point boundary.
 */
#include "fuzz_common.h"

/* Compare the line with the input at *pos and advance past its line end. */
static void expect_line(const char *in, size_t in_len, size_t *pos, const char *line, size_t len)
{
    FUZZ_CHECK(*pos + len <= in_len && memcmp(in + *pos, line, len) == 0);
    *pos += len;
    /* The reader drops a '\r' before a '\n' and at the end of the input. */
    if (*pos < in_len && in[*pos] == '\r' && (*pos + 1 == in_len || in[*pos + 1] == '\n')) (*pos)++;
    if (*pos < in_len) {
        FUZZ_CHECK(in[*pos] == '\n');
        (*pos)++;
    }
}

static void run(const char *in, size_t in_len)
{
    tqe_ctx *ctx;
    FUZZ_OK(NULL, tqe_ctx_new(&ctx));
    size_t bad;
    const int valid = tqe_utf8_check(in, in_len, &bad) == 0;
    if (!valid) FUZZ_CHECK(bad < in_len);

    tqe_reader *rd;
    FUZZ_OK(ctx, tqe_reader_from_memory(&rd, ctx, in, in_len, "fuzz"));
    size_t pos = in_len >= 3 && memcmp(in, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    const char *line;
    size_t len;
    uint64_t lines = 0;
    int rc;
    while ((rc = tqe_reader_next(rd, &line, &len)) == 1) {
        lines++;
        FUZZ_CHECK(tqe_reader_lineno(rd) == lines);
        FUZZ_CHECK(line[len] == '\0');
        FUZZ_CHECK(memchr(line, '\n', len) == NULL);
        FUZZ_CHECK(fuzz_valid_utf8(line, len));
        expect_line(in, in_len, &pos, line, len);
        const size_t r = tqe_utf8_rstrip_len(line, len);
        FUZZ_CHECK(r <= len && fuzz_boundary(line, len, r));
        FUZZ_CHECK(tqe_utf8_rstrip_len(line, r) == r);
        FUZZ_CHECK(tqe_char_count(line, len) <= len);
    }
    if (rc == 0) {
        /* Nothing left unread: the reader took the whole input. */
        FUZZ_CHECK(pos == in_len);
    } else {
        FUZZ_CHECK(rc == TQE_EUTF8);
        FUZZ_CHECK(tqe_ctx_status(ctx) == TQE_EUTF8);
        FUZZ_CHECK(strncmp(tqe_ctx_errmsg(ctx), "fuzz:", 5) == 0);
        FUZZ_CHECK(!valid);
        /* After an error the reader stays at its end or repeats the error. */
        FUZZ_CHECK(tqe_reader_next(rd, &line, &len) <= 0);
    }
    tqe_reader_free(rd);
    tqe_ctx_free(ctx);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t big_len;
    char *big = fuzz_expand(data, size, (size_t)4 << 20, &big_len);
    if (big) {
        run(big, big_len);
        free(big);
        return 0;
    }
    run((const char *)data, size);
    return 0;
}
