/* statsfile.c - per-segment statistics files: the map output of a sharded
 * `tqe score` run, read back by `tqe merge` (format in tqe.h). */
#define _GNU_SOURCE /* strtod_l: numbers read the same whatever the locale */
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "internal.h"

#define STATS_MAGIC   "tqe-stats"
#define STATS_VERSION 1
#define MAX_ITEMS     4096 /* systems or metrics: far above any real run */
/* Numbers a row: 100 systems of BLEU, chrF and TER have 3,000. The limits
 * above allow a billion, which a header of 130 KB would make us allocate. */
#define MAX_ROW_SIZE (1u << 20)

/* ---- writing ---- */

int tqe_stats_write_header(tqe_buf *out, const tqe_stats_header *h)
{
    int rc = tqe_buf_printf(out, "%s\t%d\ntqe\t%s\nargs\t%s\nnrefs\t%d\n", STATS_MAGIC,
                            STATS_VERSION, tqe_version(), h->args, h->nrefs);
    for (size_t i = 0; !rc && i < h->nsystems; i++) {
        rc = tqe_buf_puts(out, "system\t");
        if (!rc) rc = tsv_escape(out, h->systems[i]);
        if (!rc) rc = tqe_buf_puts(out, "\n");
    }
    for (size_t i = 0; !rc && i < h->nmetrics; i++) {
        rc = tqe_buf_puts(out, "metric\t");
        if (!rc) rc = tsv_escape(out, h->metrics[i]);
        if (!rc) rc = tqe_buf_printf(out, "\t%zu\t", h->nstats[i]);
        if (!rc) rc = tsv_escape(out, h->signatures[i]);
        if (!rc) rc = tqe_buf_puts(out, "\n");
    }
    return rc ? rc : tqe_buf_puts(out, "data\n");
}

/* Statistics are mostly small integers: print those directly (the common,
 * fast case), anything else as the shortest string that reads back exactly. */
static size_t format_stat(char *s, double x)
{
    if (x >= 0 && x < 9007199254740992.0 && x == floor(x))
        return (size_t)snprintf(s, 32, "%llu", (unsigned long long)x);
    return tqe_format_repr(s, 32, x);
}

int tqe_stats_write_row(tqe_buf *out, const double *row, size_t n)
{
    int rc = tqe_buf_reserve(out, n * 33 + 1);
    if (rc) return rc;
    for (size_t i = 0; i < n; i++) {
        if (i) out->data[out->len++] = ' ';
        out->len += format_stat(out->data + out->len, row[i]);
    }
    out->data[out->len++] = '\n';
    out->data[out->len] = '\0';
    return TQE_OK;
}

int tqe_stats_write_end(tqe_buf *out, uint64_t segments, const uint64_t *tok_period,
                        size_t nsystems)
{
    int rc = tqe_buf_printf(out, "end\t%llu", (unsigned long long)segments);
    for (size_t i = 0; !rc && i < nsystems; i++)
        rc = tqe_buf_printf(out, "\t%llu", (unsigned long long)tok_period[i]);
    return rc ? rc : tqe_buf_puts(out, "\n");
}

/* ---- reading ---- */

struct tqe_stats_reader {
    tqe_ctx *ctx;
    tqe_reader *rd;
    locale_t c_locale;
    tqe_stats_header h;
    char *args;
    char **systems, **metrics, **signatures;
    size_t *nstats;
    size_t ncap, mcap, sigcap, scap; /* capacities of nstats, metrics, signatures, systems */
    size_t row_size;
    double *row;
    bool done;
    uint64_t rows, segments;
    uint64_t *tok_period;
};

static int bad(tqe_stats_reader *r, const char *fmt, const char *what)
{
    return tqe_err(r->ctx, TQE_EFORMAT, "%s:%llu: %s%s", tqe_reader_name(r->rd),
                   (unsigned long long)tqe_reader_lineno(r->rd), fmt, what ? what : "");
}

/* Undo tsv_escape into a new string. */
static char *unescape(const char *s, size_t len)
{
    char *o = malloc(len + 1), *q = o;
    if (!o) return NULL;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\\' && i + 1 < len) {
            char c = s[++i];
            *q++ = c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : c;
        } else {
            *q++ = s[i];
        }
    }
    *q = '\0';
    return o;
}

/* Read a non-negative decimal integer of at most 18 digits. */
static bool parse_u64(const char *s, size_t len, uint64_t *v)
{
    if (!len || len > 18) return false;
    uint64_t x = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9') return false;
        x = x * 10 + (uint64_t)(s[i] - '0');
    }
    *v = x;
    return true;
}

static int next_line(tqe_stats_reader *r, const char **line, size_t *len, const char *expect)
{
    int rc = tqe_reader_next(r->rd, line, len);
    if (rc < 0) return rc;
    if (rc == 0) return bad(r, "file ends early, expected ", expect);
    return TQE_OK;
}

/* The value after "KEY\t" on the current line, or NULL. */
static const char *field(const char *line, size_t len, const char *key, size_t *vlen)
{
    size_t k = strlen(key);
    if (len <= k || memcmp(line, key, k) != 0 || line[k] != '\t') return NULL;
    *vlen = len - k - 1;
    return line + k + 1;
}

static int push(char ***arr, size_t *n, size_t *cap, char *s)
{
    if (!s || tqe_grow((void **)arr, cap, *n + 1, sizeof(char *))) {
        free(s);
        return TQE_ENOMEM;
    }
    (*arr)[(*n)++] = s;
    return TQE_OK;
}

static int read_metric(tqe_stats_reader *r, const char *v, size_t vlen)
{
    const char *t1 = memchr(v, '\t', vlen);
    const char *t2 = t1 ? memchr(t1 + 1, '\t', vlen - (size_t)(t1 + 1 - v)) : NULL;
    uint64_t ns;
    if (!t2 || !parse_u64(t1 + 1, (size_t)(t2 - t1 - 1), &ns) || ns == 0 || ns > 64)
        return bad(r, "expected metric<TAB>NAME<TAB>NSTATS<TAB>SIGNATURE", NULL);
    size_t n = r->h.nmetrics;
    char *name = unescape(v, (size_t)(t1 - v));
    char *sig = unescape(t2 + 1, vlen - (size_t)(t2 + 1 - v));
    if (!name || !sig || tqe_grow((void **)&r->nstats, &r->ncap, n + 1, sizeof(*r->nstats)) ||
        tqe_grow((void **)&r->metrics, &r->mcap, n + 1, sizeof(*r->metrics)) ||
        tqe_grow((void **)&r->signatures, &r->sigcap, n + 1, sizeof(*r->signatures))) {
        free(name);
        free(sig);
        return tqe_oom(r->ctx);
    }
    r->nstats[n] = (size_t)ns;
    r->metrics[n] = name;
    r->signatures[n] = sig;
    r->h.nmetrics = n + 1;
    return TQE_OK;
}

static int read_items(tqe_stats_reader *r)
{
    for (;;) {
        const char *line, *v;
        size_t len, vlen;
        int rc = next_line(r, &line, &len, "data");
        if (rc) return rc;
        if (len == 4 && memcmp(line, "data", 4) == 0) break;
        if (r->h.nsystems >= MAX_ITEMS || r->h.nmetrics >= MAX_ITEMS)
            return bad(r, "too many systems or metrics", NULL);
        if ((v = field(line, len, "system", &vlen))) {
            if (push(&r->systems, &r->h.nsystems, &r->scap, unescape(v, vlen)))
                return tqe_oom(r->ctx);
        } else if ((v = field(line, len, "metric", &vlen))) {
            if ((rc = read_metric(r, v, vlen))) return rc;
        } else {
            return bad(r, "expected a system, metric or data line", NULL);
        }
    }
    if (!r->h.nsystems || !r->h.nmetrics) return bad(r, "no systems or no metrics", NULL);
    r->h.systems = (const char *const *)r->systems;
    r->h.metrics = (const char *const *)r->metrics;
    r->h.signatures = (const char *const *)r->signatures;
    r->h.nstats = r->nstats;
    return TQE_OK;
}

static int read_header(tqe_stats_reader *r)
{
    const char *line, *v;
    size_t len, vlen;
    uint64_t x;
    int rc = next_line(r, &line, &len, "a tqe-stats line");
    if (rc) return rc;
    if (!(v = field(line, len, STATS_MAGIC, &vlen)))
        return bad(r, "not a tqe statistics file (written by tqe score --stats-out)", NULL);
    if (!parse_u64(v, vlen, &x) || x != STATS_VERSION)
        return bad(r, "statistics file format version is not 1: ", v);
    if ((rc = next_line(r, &line, &len, "tqe<TAB>VERSION"))) return rc;
    if (!field(line, len, "tqe", &vlen)) return bad(r, "expected tqe<TAB>VERSION", NULL);
    if ((rc = next_line(r, &line, &len, "args"))) return rc;
    if (!(v = field(line, len, "args", &vlen))) return bad(r, "expected args<TAB>...", NULL);
    if (!(r->args = tqe_strndup(v, vlen))) return tqe_oom(r->ctx);
    r->h.args = r->args;
    if ((rc = next_line(r, &line, &len, "nrefs"))) return rc;
    if (!(v = field(line, len, "nrefs", &vlen)) || !parse_u64(v, vlen, &x) || x < 1 || x > 1000000)
        return bad(r, "expected nrefs<TAB>N (N >= 1)", NULL);
    r->h.nrefs = (int)x;
    if ((rc = read_items(r))) return rc;
    for (size_t i = 0; i < r->h.nmetrics; i++) r->row_size += r->nstats[i];
    r->row_size *= r->h.nsystems;
    if (r->row_size > MAX_ROW_SIZE)
        return bad(r, "too many systems and statistics (more than 1048576 numbers a row)", NULL);
    r->row = tqe_calloc(r->row_size, sizeof(double));
    r->tok_period = tqe_calloc(r->h.nsystems, sizeof(uint64_t));
    return r->row && r->tok_period ? TQE_OK : tqe_oom(r->ctx);
}

static int stats_init(tqe_stats_reader **out, tqe_ctx *ctx, tqe_reader *rd)
{
    tqe_stats_reader *r = calloc(1, sizeof(*r));
    if (!r) {
        tqe_reader_free(rd);
        return tqe_oom(ctx);
    }
    r->ctx = ctx;
    r->rd = rd;
    r->c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    int rc = r->c_locale ? read_header(r) : tqe_oom(ctx);
    if (rc) {
        tqe_stats_close(r);
        return rc;
    }
    *out = r;
    return TQE_OK;
}

int tqe_stats_open(tqe_stats_reader **out, tqe_ctx *ctx, const char *path)
{
    assert(out && path);
    *out = NULL;
    tqe_reader *rd;
    int rc = tqe_reader_open(&rd, ctx, path, NULL);
    return rc ? rc : stats_init(out, ctx, rd);
}

int tqe_stats_open_memory(tqe_stats_reader **out, tqe_ctx *ctx, const char *data, size_t len,
                          const char *name)
{
    assert(out);
    *out = NULL;
    tqe_reader *rd;
    int rc = tqe_reader_from_memory(&rd, ctx, data, len, name);
    return rc ? rc : stats_init(out, ctx, rd);
}

static void free_strings(char **a, size_t n)
{
    for (size_t i = 0; a && i < n; i++) free(a[i]);
    free(a);
}

void tqe_stats_close(tqe_stats_reader *r)
{
    if (!r) return;
    tqe_reader_free(r->rd);
    if (r->c_locale) freelocale(r->c_locale);
    free(r->args);
    free_strings(r->systems, r->h.nsystems);
    free_strings(r->metrics, r->h.nmetrics);
    free_strings(r->signatures, r->h.nmetrics);
    free(r->nstats);
    free(r->row);
    free(r->tok_period);
    free(r);
}

const tqe_stats_header *tqe_stats_get_header(const tqe_stats_reader *r)
{
    return &r->h;
}

size_t tqe_stats_row_size(const tqe_stats_reader *r)
{
    return r->row_size;
}

uint64_t tqe_stats_segments(const tqe_stats_reader *r)
{
    return r->segments;
}

const uint64_t *tqe_stats_tok_period(const tqe_stats_reader *r)
{
    return r->tok_period;
}

static int read_trailer(tqe_stats_reader *r, const char *v, size_t vlen)
{
    const char *end = v + vlen;
    for (size_t i = 0; i <= r->h.nsystems; i++) {
        const char *tab = memchr(v, '\t', (size_t)(end - v));
        const char *stop = tab ? tab : end;
        uint64_t x;
        if ((i < r->h.nsystems) != (tab != NULL) || !parse_u64(v, (size_t)(stop - v), &x))
            return bad(r, "expected end<TAB>SEGMENTS and one count per system", NULL);
        if (i == 0)
            r->segments = x;
        else
            r->tok_period[i - 1] = x;
        v = stop + 1;
    }
    if (r->segments != r->rows) return bad(r, "segment count disagrees with the rows", NULL);
    const char *line;
    size_t len;
    int rc = tqe_reader_next(r->rd, &line, &len);
    if (rc < 0) return rc;
    if (rc > 0) return bad(r, "text after the end line", NULL);
    r->done = true;
    return 0;
}

static int parse_row(tqe_stats_reader *r, const char *line, size_t len)
{
    const char *p = line, *end = line + len;
    for (size_t i = 0; i < r->row_size; i++) {
        if (i && (p >= end || *p++ != ' ')) return bad(r, "too few numbers in the row", NULL);
        const char *q = p;
        while (q < end && *q != ' ') q++;
        uint64_t u;
        if (parse_u64(p, (size_t)(q - p), &u)) {
            r->row[i] = (double)u;
        } else {
            char *stop;
            r->row[i] = strtod_l(p, &stop, r->c_locale);
            /* "-0" too: the writer never signs a number, and -0.0 is not
             * the 0 it would write back. */
            if (stop != q || p == q || !isfinite(r->row[i]) || signbit(r->row[i]))
                return bad(r, "not a non-negative number in the row", NULL);
        }
        p = q;
    }
    if (p != end) return bad(r, "too many numbers in the row", NULL);
    r->rows++;
    return 1;
}

int tqe_stats_next(tqe_stats_reader *r, const double **row)
{
    if (r->done) return 0;
    const char *line, *v;
    size_t len, vlen;
    int rc = next_line(r, &line, &len, "a row or the end line");
    if (rc) return rc;
    if ((v = field(line, len, "end", &vlen))) return read_trailer(r, v, vlen);
    rc = parse_row(r, line, len);
    if (rc == 1) *row = r->row;
    return rc;
}
