/* datafile.h - the line format of tqe's data files in references/: UTF-8 text,
 * '#' comments and blank lines skipped, TAB-separated fields; errors are
 * reported as "FILE:LINE: ..." with TQE_EFORMAT. */
#ifndef TQE_DATAFILE_H
#define TQE_DATAFILE_H

#include "internal.h"

#define DATAFILE_MAX_FIELDS 16

typedef struct datafile {
    tqe_ctx *ctx;
    tqe_reader *rd;
    char *path;
    char *line; /* the current line (a copy the fields point into) */
    size_t cap;
    char *field[DATAFILE_MAX_FIELDS];
    size_t nfields;
} datafile;

/* Open `dir/name` (name may contain '/'). A missing file is TQE_EIO unless
 * `optional`, in which case *found is set to false and 0 is returned. */
int datafile_open(datafile *df, tqe_ctx *ctx, const char *dir, const char *name, bool optional,
                  bool *found);
/* Open a file by its path (a user's file, not one of references/). */
int datafile_open_path(datafile *df, tqe_ctx *ctx, const char *path);
/* Next data line split on TABs: 1, 0 at the end, or a negative status. */
int datafile_next(datafile *df);
/* Report a malformed current line: "FILE:LINE: msg". Returns TQE_EFORMAT. */
int datafile_error(datafile *df, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void datafile_close(datafile *df);

#endif
