/* common.c - helpers shared by the subcommands. */
#include <stdlib.h>
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
