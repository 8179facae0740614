/* args.c - table-driven option parsing shared by the subcommands. It follows
 * argparse's conventions because `tqe score` must accept sacreBLEU's command
 * lines: "--opt=value", unique prefixes of long options, single-dash long
 * options ("-tok"), and list options that take values up to the next option. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "tool.h"

void tool_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "tqe%s%s: ", cmd ? " " : "", cmd ? cmd : "");
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

void tool_warn(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "tqe%s%s: warning: ", cmd ? " " : "", cmd ? cmd : "");
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

int tool_fail(const char *cmd, tqe_ctx *ctx, int status)
{
    const char *msg = tqe_ctx_errmsg(ctx);
    tool_error(cmd, "%s", msg && *msg ? msg : tqe_status_str(status));
    return status == TQE_ENOMEM ? EXIT_INTERNAL : EXIT_BADINPUT;
}

/* Does `arg` (without "=value") spell one of the '|'-separated names? */
static bool name_matches(const char *names, const char *arg, size_t arglen, bool prefix)
{
    const char *p = names;
    while (*p) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        if (prefix ? (n > arglen && strncmp(p, arg, arglen) == 0 && p[1] == '-')
                   : (n == arglen && strncmp(p, arg, n) == 0))
            return true;
        if (!bar) break;
        p = bar + 1;
    }
    return false;
}

static const tool_option *find_option(const char *cmd, const tool_option *opts, size_t nopts,
                                      const char *arg, size_t arglen, bool *ambiguous)
{
    *ambiguous = false;
    for (size_t i = 0; i < nopts; i++)
        if (name_matches(opts[i].names, arg, arglen, false)) return &opts[i];
    if (arglen < 3 || arg[1] != '-') return NULL;
    const tool_option *found = NULL;
    for (size_t i = 0; i < nopts; i++) {
        if (!name_matches(opts[i].names, arg, arglen, true)) continue;
        if (found && found != &opts[i]) {
            *ambiguous = true;
            tool_error(cmd, "ambiguous option: %.*s could match %s or %s", (int)arglen, arg,
                       found->names, opts[i].names);
            return NULL;
        }
        found = &opts[i];
    }
    return found;
}

static bool is_option_like(const char *a)
{
    return a[0] == '-' && a[1] != '\0';
}

/* The option's long spelling (the last of its names) for messages. */
static const char *long_name(const tool_option *o)
{
    const char *bar = strrchr(o->names, '|');
    return bar ? bar + 1 : o->names;
}

static int set_value(const char *cmd, const tool_option *o, const char *val)
{
    char *end;
    errno = 0;
    switch (o->kind) {
    case OPT_INT: {
        long v = strtol(val, &end, 10);
        if (*val == '\0' || *end || errno || v < INT_MIN || v > INT_MAX) {
            tool_error(cmd, "%s: invalid integer value: '%s'", long_name(o), val);
            return EXIT_BADINPUT;
        }
        *(int *)o->dest = (int)v;
        return 0;
    }
    case OPT_DOUBLE: {
        double v = strtod(val, &end);
        if (*val == '\0' || *end || errno) {
            tool_error(cmd, "%s: invalid number: '%s'", long_name(o), val);
            return EXIT_BADINPUT;
        }
        *(double *)o->dest = v;
        return 0;
    }
    case OPT_STRING:
        *(const char **)o->dest = val;
        return 0;
    default:
        return 0;
    }
}

static int push(char ***arr, size_t *n, char *v)
{
    char **p = realloc(*arr, (*n + 1) * sizeof(**arr));
    if (!p) return EXIT_INTERNAL;
    p[(*n)++] = v;
    *arr = p;
    return 0;
}

void tool_print_options(FILE *fp, const tool_option *opts, size_t nopts)
{
    for (size_t i = 0; i < nopts; i++) {
        char left[96];
        const char *mv = opts[i].metavar ? opts[i].metavar : "";
        snprintf(left, sizeof(left), "%s%s%s", opts[i].names, *mv ? " " : "", mv);
        for (char *p = left; *p; p++)
            if (*p == '|') *p = ',';
        if (strlen(left) > 28)
            fprintf(fp, "  %s\n  %-28s  %s\n", left, "", opts[i].help);
        else
            fprintf(fp, "  %-28s  %s\n", left, opts[i].help);
    }
}

int tool_parse(const char *cmd, int argc, char **argv, const tool_option *opts, size_t nopts,
               char ***positional, size_t *npos, const char *usage)
{
    if (positional) *positional = NULL;
    if (npos) *npos = 0;
    bool only_positional = false;
    for (int i = 1; i < argc; i++) {
        char *a = argv[i];
        if ((only_positional || !is_option_like(a)) && !positional) {
            tool_error(cmd, "unexpected argument '%s' (see tqe %s --help)", a, cmd);
            return EXIT_BADINPUT;
        }
        if (only_positional || !is_option_like(a)) {
            if (push(positional, npos, a)) return EXIT_INTERNAL;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_positional = true;
            continue;
        }
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(usage, stdout);
            fputs("\nOptions:\n", stdout);
            tool_print_options(stdout, opts, nopts);
            fputs("  -h,--help                     show this help and exit\n", stdout);
            return -1;
        }
        const char *eq = a[1] == '-' ? strchr(a, '=') : NULL;
        size_t arglen = eq ? (size_t)(eq - a) : strlen(a);
        bool ambiguous;
        const tool_option *o = find_option(cmd, opts, nopts, a, arglen, &ambiguous);
        if (!o) {
            if (!ambiguous) tool_error(cmd, "unknown option: %s (see tqe %s --help)", a, cmd);
            return EXIT_BADINPUT;
        }
        if (o->seen) *o->seen = true;
        if (o->kind == OPT_FLAG) {
            if (eq) {
                tool_error(cmd, "%.*s takes no value", (int)arglen, a);
                return EXIT_BADINPUT;
            }
            *(bool *)o->dest = true;
            continue;
        }
        if (o->kind == OPT_LIST) {
            char ***dest = (char ***)o->dest;
            if (eq && push(dest, o->count, (char *)eq + 1)) return EXIT_INTERNAL;
            while (!eq && i + 1 < argc && !is_option_like(argv[i + 1]))
                if (push(dest, o->count, argv[++i])) return EXIT_INTERNAL;
            continue;
        }
        const char *val = eq ? eq + 1 : NULL;
        if (!val) {
            if (i + 1 >= argc) {
                tool_error(cmd, "%s expects a value", a);
                return EXIT_BADINPUT;
            }
            val = argv[++i];
        }
        int rc = set_value(cmd, o, val);
        if (rc) return rc;
    }
    return 0;
}
