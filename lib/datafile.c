/* datafile.c - reading tqe's TAB-separated data files with located errors. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/stat.h>

#include "datafile.h"

int datafile_open(datafile *df, tqe_ctx *ctx, const char *dir, const char *name, bool optional,
                  bool *found)
{
    memset(df, 0, sizeof(*df));
    df->ctx = ctx;
    if (found) *found = false;
    size_t n = strlen(dir) + strlen(name) + 2;
    df->path = malloc(n);
    if (!df->path) return tqe_oom(ctx);
    snprintf(df->path, n, "%s/%s", dir, name);
    struct stat st;
    if (optional && stat(df->path, &st) != 0 && errno == ENOENT) return TQE_OK;
    int rc = tqe_reader_open(&df->rd, ctx, df->path, NULL);
    if (rc) return rc;
    if (found) *found = true;
    return TQE_OK;
}

int datafile_open_path(datafile *df, tqe_ctx *ctx, const char *path)
{
    memset(df, 0, sizeof(*df));
    df->ctx = ctx;
    if (!(df->path = tqe_strndup(path, strlen(path)))) return tqe_oom(ctx);
    return tqe_reader_open(&df->rd, ctx, path, NULL);
}

int datafile_next(datafile *df)
{
    if (!df->rd) return 0;
    for (;;) {
        const char *s;
        size_t len;
        int rc = tqe_reader_next(df->rd, &s, &len);
        if (rc <= 0) return rc;
        len = tqe_utf8_rstrip_len(s, len);
        if (len == 0 || s[0] == '#') continue;
        if (len + 1 > df->cap) {
            char *p = realloc(df->line, len + 1);
            if (!p) return tqe_oom(df->ctx);
            df->line = p;
            df->cap = len + 1;
        }
        memcpy(df->line, s, len);
        df->line[len] = '\0';
        df->nfields = 0;
        char *p = df->line;
        for (;;) {
            if (df->nfields == DATAFILE_MAX_FIELDS)
                return datafile_error(df, "more than %d TAB-separated fields", DATAFILE_MAX_FIELDS);
            df->field[df->nfields++] = p;
            char *tab = strchr(p, '\t');
            if (!tab) break;
            *tab = '\0';
            p = tab + 1;
        }
        return 1;
    }
}

int datafile_error(datafile *df, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    return tqe_err(df->ctx, TQE_EFORMAT, "%s:%llu: %s", df->path,
                   (unsigned long long)(df->rd ? tqe_reader_lineno(df->rd) : 0), msg);
}

void datafile_close(datafile *df)
{
    tqe_reader_free(df->rd);
    free(df->path);
    free(df->line);
    memset(df, 0, sizeof(*df));
}
