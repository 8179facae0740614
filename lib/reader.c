/* reader.c - streaming line reader with UTF-8 validation and located errors. */
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>

#include "internal.h"
#include "utf8.h"

#define READ_CHUNK (1u << 20)

struct tqe_reader {
    tqe_ctx *ctx;
    FILE *fp;
    bool own_fp;
    const char *mem; /* memory source, or NULL */
    size_t mem_len, mem_pos;
    char *buf;
    size_t cap;
    size_t start; /* first byte of the pending line */
    size_t end;   /* end of valid data */
    size_t scan;  /* where the search for '\n' resumes */
    size_t valid; /* buf[start..valid) is known to be valid UTF-8 without NUL */
    bool eof;
    bool started;
    uint64_t lineno;
    char *name;
    size_t max_line;        /* 0: no limit */
    const char *limit_name; /* borrowed */
};

static int reader_new(tqe_reader **out, tqe_ctx *ctx, const char *name)
{
    tqe_reader *rd = calloc(1, sizeof(*rd));
    if (!rd) return tqe_oom(ctx);
    rd->ctx = ctx;
    rd->name = tqe_strndup(name, strlen(name));
    if (!rd->name) {
        free(rd);
        return tqe_oom(ctx);
    }
    *out = rd;
    return TQE_OK;
}

int tqe_reader_open(tqe_reader **out, tqe_ctx *ctx, const char *path, const char *display_name)
{
    assert(out && path);
    *out = NULL;
    bool is_stdin = strcmp(path, "-") == 0;
    const char *name = display_name ? display_name : is_stdin ? "<stdin>" : path;
    FILE *fp = is_stdin ? stdin : fopen(path, "rb");
    if (!fp) return tqe_err(ctx, TQE_EIO, "%s: cannot open: %s", name, strerror(errno));
    struct stat st;
    if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
        if (!is_stdin) fclose(fp);
        return tqe_err(ctx, TQE_EIO, "%s: is a directory, not a text file", name);
    }
    int rc = reader_new(out, ctx, name);
    if (rc) {
        if (!is_stdin) fclose(fp);
        return rc;
    }
    (*out)->fp = fp;
    (*out)->own_fp = !is_stdin;
    return TQE_OK;
}

int tqe_reader_from_file(tqe_reader **out, tqe_ctx *ctx, FILE *fp, const char *display_name)
{
    assert(out && fp);
    int rc = reader_new(out, ctx, display_name ? display_name : "<stream>");
    if (rc) return rc;
    (*out)->fp = fp;
    return TQE_OK;
}

int tqe_reader_from_memory(tqe_reader **out, tqe_ctx *ctx, const char *data, size_t len,
                           const char *display_name)
{
    assert(out && (data || !len));
    int rc = reader_new(out, ctx, display_name ? display_name : "<memory>");
    if (rc) return rc;
    (*out)->mem = data ? data : "";
    (*out)->mem_len = len;
    return TQE_OK;
}

void tqe_reader_free(tqe_reader *rd)
{
    if (!rd) return;
    if (rd->own_fp) fclose(rd->fp);
    free(rd->buf);
    free(rd->name);
    free(rd);
}

uint64_t tqe_reader_lineno(const tqe_reader *rd)
{
    return rd->lineno;
}

void tqe_reader_limit_lines(tqe_reader *rd, size_t max_bytes, const char *limit_name)
{
    rd->max_line = max_bytes;
    rd->limit_name = limit_name ? limit_name : "allowed";
}

const char *tqe_reader_name(const tqe_reader *rd)
{
    return rd->name;
}

/* Move the pending bytes to the front, grow when full, and read more. */
static int fill(tqe_reader *rd)
{
    if (rd->start > 0) {
        size_t n = rd->end - rd->start;
        memmove(rd->buf, rd->buf + rd->start, n);
        rd->scan -= rd->start;
        rd->valid = rd->valid > rd->start ? rd->valid - rd->start : 0;
        rd->end = n;
        rd->start = 0;
    }
    if (rd->cap - rd->end < READ_CHUNK) {
        size_t ncap = rd->cap ? rd->cap * 2 : READ_CHUNK + 1;
        while (ncap - rd->end < READ_CHUNK) ncap *= 2;
        char *p = realloc(rd->buf, ncap);
        if (!p)
            return tqe_err(rd->ctx, TQE_ENOMEM, "%s:%llu: out of memory (line too long?)", rd->name,
                           (unsigned long long)rd->lineno + 1);
        rd->buf = p;
        rd->cap = ncap;
    }
    size_t want = rd->cap - rd->end - 1; /* keep room for a NUL terminator */
    size_t got;
    if (rd->mem) {
        got = TQE_MIN(want, rd->mem_len - rd->mem_pos);
        memcpy(rd->buf + rd->end, rd->mem + rd->mem_pos, got);
        rd->mem_pos += got;
        if (rd->mem_pos == rd->mem_len) rd->eof = true;
    } else {
        got = fread(rd->buf + rd->end, 1, want, rd->fp);
        if (got < want) {
            if (ferror(rd->fp))
                return tqe_err(rd->ctx, TQE_EIO, "%s: read error: %s", rd->name, strerror(errno));
            rd->eof = true;
        }
    }
    rd->end += got;
    return TQE_OK;
}

/* UTF-16/32 files are common from Windows tools: name them instead of
 * reporting the first NUL byte. */
static int check_bom(tqe_reader *rd)
{
    const unsigned char *b = (const unsigned char *)rd->buf + rd->start;
    size_t n = rd->end - rd->start;
    const char *enc = NULL;
    if (n >= 4 && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0)
        enc = "UTF-32LE";
    else if (n >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF)
        enc = "UTF-32BE";
    else if (n >= 2 && b[0] == 0xFF && b[1] == 0xFE)
        enc = "UTF-16LE";
    else if (n >= 2 && b[0] == 0xFE && b[1] == 0xFF)
        enc = "UTF-16BE";
    if (enc)
        return tqe_err(rd->ctx, TQE_EUTF8,
                       "%s:1:1: file is %s (byte order mark found); tqe reads UTF-8 "
                       "(convert it with: iconv -f %s -t UTF-8)",
                       rd->name, enc, enc);
    if (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) {
        rd->start += 3;
        rd->scan = rd->start;
    }
    return TQE_OK;
}

/* Make sure the line buf[start..line_end) is valid. Validation runs over
 * every complete line in the buffer at once (one call per refill, not per
 * line): lines split at '\n' bytes, which no multi-byte sequence contains,
 * so the text is valid iff each line is. Where it is not, the detailed
 * check finds the first bad byte and its problem, which are what a check
 * of that line alone finds: a '\n' or '\r' after a sequence cuts it short
 * as the line's end does. */
static int check_line(tqe_reader *rd, size_t line_end)
{
    if (line_end <= rd->valid) return TQE_OK;
    size_t from = rd->start, to = rd->end;
    if (!rd->eof) {
        /* Up to the last '\n' read: later bytes may be an incomplete line. */
        while (to > line_end && rd->buf[to - 1] != '\n') to--;
        if (to < line_end) to = line_end;
    }
    size_t bad = 0;
    utf8_problem pr = utf8_validate(rd->buf + from, to - from, &bad);
    if (pr == UTF8_OK) {
        rd->valid = to;
        return TQE_OK;
    }
    rd->valid = from + bad;
    if (line_end <= rd->valid) return TQE_OK;
    return tqe_err(rd->ctx, TQE_EUTF8, "%s:%llu:%zu: %s", rd->name, (unsigned long long)rd->lineno,
                   bad + 1, utf8_problem_str(pr));
}

static int emit(tqe_reader *rd, size_t line_end, size_t next, const char **line, size_t *len)
{
    char *l = rd->buf + rd->start;
    size_t n = line_end - rd->start;
    if (n > 0 && l[n - 1] == '\r') n--;
    rd->lineno++;
    int rc = check_line(rd, rd->start + n);
    if (rc) return rc;
    if (rd->max_line && n > rd->max_line)
        return tqe_err(rd->ctx, TQE_ELIMIT,
                       "%s:%llu: a line of %zu bytes, more than the %zu %s (has the file lost its "
                       "line breaks?)",
                       rd->name, (unsigned long long)rd->lineno, n, rd->max_line, rd->limit_name);
    l[n] = '\0';
    *line = l;
    *len = n;
    rd->start = next;
    rd->scan = next;
    return 1;
}

int tqe_reader_next(tqe_reader *rd, const char **line, size_t *len)
{
    int rc;
    if (!rd->started) {
        rd->started = true;
        if ((rc = fill(rd)) != TQE_OK) return rc;
        if ((rc = check_bom(rd)) != TQE_OK) return rc;
    }
    for (;;) {
        char *nl = memchr(rd->buf + rd->scan, '\n', rd->end - rd->scan);
        if (nl) {
            size_t pos = (size_t)(nl - rd->buf);
            return emit(rd, pos, pos + 1, line, len);
        }
        rd->scan = rd->end;
        if (rd->eof) {
            if (rd->start == rd->end) return 0;
            return emit(rd, rd->end, rd->end, line, len);
        }
        if ((rc = fill(rd)) != TQE_OK) return rc;
    }
}
