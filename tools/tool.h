/* tool.h - what the tqe command's subcommands share. Tools use only the
 * public API of libtqe (lib/tqe.h). */
#ifndef TQE_TOOL_H
#define TQE_TOOL_H

#include <stdbool.h>
#include <stdio.h>

#include "tqe.h"

/* Exit codes of every subcommand. */
enum {
    EXIT_OK = 0,
    EXIT_FINDINGS = 1, /* the check found what --fail-on / thresholds ask to fail on */
    EXIT_BADINPUT = 2, /* bad input, bad usage, or an I/O error */
    EXIT_INTERNAL = 3, /* out of memory or a bug */
};

typedef int (*tool_main_fn)(int argc, char **argv);

typedef struct tool_command {
    const char *name;
    const char *summary;
    tool_main_fn run;
} tool_command;

/* Print "tqe COMMAND: message" on stderr. */
void tool_error(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void tool_warn(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Report the context's error for `cmd` and return the exit code it maps to. */
int tool_fail(const char *cmd, tqe_ctx *ctx, int status);

/* ---- table-driven option parsing ---- */
typedef enum { OPT_FLAG, OPT_INT, OPT_DOUBLE, OPT_STRING, OPT_LIST } opt_kind;

/* One option. `names` is a '|'-separated list of spellings ("-i|--input").
 * OPT_LIST takes every following argument up to the next one that starts
 * with '-' (as argparse's nargs='+'/'*' does); the value is appended to
 * a char** array at `dest` with its count at `count`. */
typedef struct tool_option {
    const char *names;
    opt_kind kind;
    void *dest;
    size_t *count; /* OPT_LIST only */
    const char *metavar;
    const char *help;
    bool *seen; /* optional: set when the option appears */
} tool_option;

/* Parse argv[1..argc) against `opts`. Arguments that are not options go to
 * `positional` (count in *npos); with `positional` NULL (a command that
 * takes none) one is an error. Returns 0, or EXIT_BADINPUT after printing
 * an error; prints usage and returns -1 on -h/--help. `usage` is the text
 * printed for --help before the option list. */
int tool_parse(const char *cmd, int argc, char **argv, const tool_option *opts, size_t nopts,
               char ***positional, size_t *npos, const char *usage);
void tool_print_options(FILE *fp, const tool_option *opts, size_t nopts);

/* The references/ directory: `override` (--data-dir), $TQE_DATA_DIR,
 * ../share/tqe/references from the tqe executable (an installed tree), the
 * source tree's (a tqe run from its build tree) or the configured install
 * place. The result may live in `buf`. */
#define TOOL_PATH_MAX 4096
const char *tool_data_dir(const char *override, char buf[TOOL_PATH_MAX]);

/* A resampling seed as sacreBLEU reads one: a whole number >= 0, or (with
 * allow_none) "none" in any case for a seed from the clock. NULL: the
 * default, $SACREBLEU_SEED when set, else 12345 (sacreBLEU's). *text
 * (may be NULL) gets the seed as given, for signatures. Prints the error;
 * returns 0 or EXIT_BADINPUT. */
int tool_parse_seed(const char *cmd, const char *s, bool allow_none, tqe_rng_seed *out,
                    const char **text);

/* A first pass over a regular source file gives the checker's name finder
 * the whole document as context (words seen in lowercase are not names), so
 * that tqe check and tqe compare count the same issues. Does nothing for
 * standard input or a pipe. Returns 0 or a negative status (message in ctx). */
int tool_add_source_context(tqe_ctx *ctx, tqe_checker *ck, const char *path);

/* Write n files into `dir` (created if needed) atomically: all are written
 * to temporary files in dir first, then renamed into place; on failure the
 * temporaries are removed and the previous files are left as they were.
 * Prints the error; returns an exit code. At most 16 files. */
int tool_write_files(const char *cmd, const char *dir, const char *const *names,
                     const tqe_buf *const *data, size_t n);
/* One file at `path` (its directory must exist), written the same way;
 * except that a path that exists and is neither a regular file nor a
 * directory (a FIFO, a device, a symbolic link such as /dev/stdout) is
 * written in place. */
int tool_write_file(const char *cmd, const char *path, const tqe_buf *data);

/* Read a regular file as the commands will (validating its UTF-8, and lines
 * of at most max_line bytes unless it is 0: see tqe_reader_limit_lines) and count its lines, so
 * that a command streaming its output can refuse a bad file before printing anything. Returns the
 * line count, -1 when `path` is "-" or not a regular file (nothing to look at ahead), or -2 with
 * the error in ctx. */
long long tool_validate_file(tqe_ctx *ctx, const char *path, size_t max_line,
                             const char *limit_name);

/* Subcommands. */
int cmd_score(int argc, char **argv);
int cmd_align(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_card(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_compare(int argc, char **argv);

#endif
