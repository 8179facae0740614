/* common.c - helpers shared by the subcommands. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tool.h"

static bool is_dir(const char *p)
{
    struct stat st;
    return p && *p && stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *tool_data_dir(const char *override, char buf[TOOL_PATH_MAX])
{
    if (override) return override;
    const char *env = getenv("TQE_DATA_DIR");
    if (is_dir(env)) return env;
    /* An installed tqe finds share/tqe/references next to its bin/, wherever
     * the tree was installed or moved to; a build tree uses the sources'. */
    ssize_t n = readlink("/proc/self/exe", buf, TOOL_PATH_MAX - 40);
    if (n > 0) {
        buf[n] = '\0';
        char *slash = strrchr(buf, '/');
        if (slash) {
            strcpy(slash, "/../share/tqe/references");
            if (is_dir(buf)) return buf;
        }
    }
    if (is_dir(TQE_SOURCE_DATA_DIR)) return TQE_SOURCE_DATA_DIR;
    return TQE_INSTALL_DATA_DIR;
}

int tool_add_source_context(tqe_ctx *ctx, tqe_checker *ck, const char *path)
{
    struct stat st;
    if (!strcmp(path, "-") || stat(path, &st) != 0 || !S_ISREG(st.st_mode)) return 0;
    tqe_reader *rd;
    int rc = tqe_reader_open(&rd, ctx, path, NULL);
    const char *s;
    size_t len;
    while (!rc && (rc = tqe_reader_next(rd, &s, &len)) == 1)
        rc = tqe_checker_add_context(ck, s, len);
    tqe_reader_free(rd);
    return rc < 0 ? rc : 0;
}

long long tool_validate_file(tqe_ctx *ctx, const char *path, size_t max_line,
                             const char *limit_name)
{
    struct stat st;
    if (!strcmp(path, "-") || stat(path, &st) != 0 || !S_ISREG(st.st_mode)) return -1;
    tqe_reader *rd;
    int rc = tqe_reader_open(&rd, ctx, path, NULL);
    if (!rc) tqe_reader_limit_lines(rd, max_line, limit_name);
    const char *s;
    size_t len;
    while (!rc && (rc = tqe_reader_next(rd, &s, &len)) == 1) rc = 0;
    long long n = rd ? (long long)tqe_reader_lineno(rd) : 0;
    tqe_reader_free(rd);
    return rc < 0 ? -2 : n;
}

/* mkdir -p */
static int make_dirs(const char *path)
{
    char buf[4096];
    size_t n = strlen(path);
    if (n >= sizeof(buf)) return ENAMETOOLONG;
    memcpy(buf, path, n + 1);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        if (mkdir(buf, 0777) != 0 && errno != EEXIST) return errno;
        *p = '/';
    }
    if (mkdir(buf, 0777) != 0 && errno != EEXIST) return errno;
    struct stat st;
    if (stat(buf, &st) != 0) return errno;
    return S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
}

int tool_write_files(const char *cmd, const char *dir, const char *const *names,
                     const tqe_buf *const *data, size_t n)
{
    int err = make_dirs(dir);
    if (err) {
        tool_error(cmd, "%s: cannot create the output directory: %s", dir, strerror(err));
        return EXIT_BADINPUT;
    }
    char tmp[16][4096], dst[4096];
    size_t written = 0;
    int rc = EXIT_OK;
    /* Everything is written to temporary files in the same directory first:
     * a failure or a kill leaves the previous reports as they were. */
    for (; written < n && written < 16; written++) {
        snprintf(tmp[written], sizeof(tmp[written]), "%s/.%s.tmp-%ld", dir, names[written],
                 (long)getpid());
        FILE *fp = fopen(tmp[written], "wb");
        bool ok =
            fp && (data[written]->len == 0 ||
                   fwrite(data[written]->data, 1, data[written]->len, fp) == data[written]->len);
        if (fp && fflush(fp) != 0) ok = false;
        if (fp && fsync(fileno(fp)) != 0) ok = false;
        if (fp && fclose(fp) != 0) ok = false;
        if (!ok) {
            tool_error(cmd, "%s: cannot write: %s", tmp[written], strerror(errno));
            written++;
            rc = EXIT_BADINPUT;
            break;
        }
    }
    /* Renames replace files; one that cannot be replaced (a directory in the
     * way) must stop us before any is, or the set would be half old. */
    for (size_t k = 0; rc == EXIT_OK && k < n; k++) {
        struct stat st;
        snprintf(dst, sizeof(dst), "%s/%s", dir, names[k]);
        if (lstat(dst, &st) == 0 && !S_ISREG(st.st_mode)) {
            tool_error(cmd, "%s: exists and is not a regular file: not replaced", dst);
            rc = EXIT_BADINPUT;
        }
    }
    for (size_t k = 0; rc == EXIT_OK && k < n; k++) {
        snprintf(dst, sizeof(dst), "%s/%s", dir, names[k]);
        if (rename(tmp[k], dst) != 0) {
            tool_error(cmd, "%s: cannot rename into place: %s", dst, strerror(errno));
            rc = EXIT_BADINPUT;
        }
    }
    if (rc != EXIT_OK)
        for (size_t k = 0; k < written; k++) unlink(tmp[k]);
    return rc;
}

/* Write data to path through fopen, as it is. */
static int write_in_place(const char *cmd, const char *path, const tqe_buf *data)
{
    FILE *fp = fopen(path, "wb");
    bool ok = fp && (data->len == 0 || fwrite(data->data, 1, data->len, fp) == data->len);
    int err = errno;
    if (fp && fclose(fp) != 0 && ok) ok = false, err = errno;
    if (ok) return EXIT_OK;
    tool_error(cmd, "%s: cannot write: %s", path, strerror(err));
    return EXIT_BADINPUT;
}

int tool_write_file(const char *cmd, const char *path, const tqe_buf *data)
{
    /* A pipe, a terminal or /dev/stdout has no directory entry to rename a
     * finished file onto: written in place, as it always was. */
    struct stat st;
    if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
        return write_in_place(cmd, path, data);
    char dir[4096];
    const char *slash = strrchr(path, '/'), *name = slash ? slash + 1 : path;
    size_t n = slash ? (size_t)(slash - path) : 1;
    if (n >= sizeof(dir) || !*name) {
        tool_error(cmd, "%s: cannot write: %s", path,
                   strerror(n >= sizeof(dir) ? ENAMETOOLONG : EISDIR));
        return EXIT_BADINPUT;
    }
    memcpy(dir, slash ? path : ".", n);
    dir[n] = '\0';
    if (n == 0) strcpy(dir, "/");
    /* The directory must exist: a report path is not a place to create. */
    int err = stat(dir, &st) != 0 ? errno : S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
    if (err) {
        tool_error(cmd, "%s: cannot write: %s", path, strerror(err));
        return EXIT_BADINPUT;
    }
    return tool_write_files(cmd, dir, &name, &data, 1);
}

int tool_parse_seed(const char *cmd, const char *s, bool allow_none, tqe_rng_seed *out,
                    const char **text)
{
    const char *env = getenv("SACREBLEU_SEED");
    if (!s) s = env && *env ? env : "12345";
    if (text) *text = s;
    *out = (tqe_rng_seed){12345, 1};
    if (allow_none && !strcasecmp(s, "none")) {
        out->seeded = 0;
        return 0;
    }
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (*s < '0' || *s > '9' || *end || errno) {
        tool_error(cmd, "--seed: '%s' is not a whole number >= 0%s", s,
                   allow_none ? " or 'none'" : "");
        return EXIT_BADINPUT;
    }
    out->seed = v;
    return 0;
}
