/* common.c - helpers shared by the subcommands. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tool.h"

static bool is_dir(const char *p)
{
    struct stat st;
    return p && *p && stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *tool_data_dir(const char *override)
{
    if (override) return override;
    const char *env = getenv("TQE_DATA_DIR");
    if (is_dir(env)) return env;
    /* A build tree uses the sources' references/; an installed tqe its share/. */
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

long long tool_count_lines(const char *path)
{
    struct stat st;
    if (!strcmp(path, "-") || stat(path, &st) != 0 || !S_ISREG(st.st_mode)) return -1;
    FILE *fp = fopen(path, "rb");
    if (!fp) return -1;
    char buf[1 << 16];
    size_t got;
    long long n = 0;
    int last = '\n';
    while ((got = fread(buf, 1, sizeof(buf), fp)) > 0) {
        for (char *p = buf; (p = memchr(p, '\n', (size_t)(buf + got - p))); p++) n++;
        last = (unsigned char)buf[got - 1];
    }
    fclose(fp);
    return n + (last != '\n');
}
