/* parallel.h - run a function over ranges of a batch on worker threads.
 *
 * Work is split into contiguous ranges, one per worker, so each worker
 * writes its own output buffer and the caller concatenates them in order:
 * results are byte-identical whatever the number of workers. */
#ifndef TQE_PARALLEL_H
#define TQE_PARALLEL_H

#include <stddef.h>

/* Process items [begin, end) as worker `w`; returns 0 or an exit code. */
typedef int (*tool_range_fn)(void *arg, size_t w, size_t begin, size_t end);

/* The number of workers for --jobs N: N when N > 0, else the online cores
 * (at most 64). */
size_t tool_jobs(int requested);

/* Split [0, n) into `nworkers` ranges (fewer when n is small: at least
 * `min_per_worker` items each) and run fn on each, worker 0 on the calling
 * thread. Returns the first nonzero result in range order, or 0. *used
 * (may be NULL) receives the number of workers that ran. */
int tool_parallel(size_t nworkers, size_t n, size_t min_per_worker, tool_range_fn fn, void *arg,
                  size_t *used);

#endif
