/* parallel.c - contiguous ranges on POSIX threads (see parallel.h). */
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "parallel.h"
#include "tool.h"

#define MAX_WORKERS 64

size_t tool_jobs(int requested)
{
    if (requested > 0) return requested > MAX_WORKERS ? MAX_WORKERS : (size_t)requested;
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > MAX_WORKERS ? MAX_WORKERS : (size_t)n;
}

typedef struct range_job {
    tool_range_fn fn;
    void *arg;
    size_t w, begin, end;
    int rc;
} range_job;

static void *run_range(void *p)
{
    range_job *j = p;
    j->rc = j->fn(j->arg, j->w, j->begin, j->end);
    return NULL;
}

int tool_parallel(size_t nworkers, size_t n, size_t min_per_worker, tool_range_fn fn, void *arg,
                  size_t *used)
{
    if (min_per_worker < 1) min_per_worker = 1;
    size_t k = nworkers < 1 ? 1 : nworkers > MAX_WORKERS ? MAX_WORKERS : nworkers;
    if (k > n / min_per_worker) k = n / min_per_worker ? n / min_per_worker : 1;
    range_job jobs[MAX_WORKERS];
    pthread_t th[MAX_WORKERS];
    bool started[MAX_WORKERS] = {false};
    for (size_t w = 0; w < k; w++)
        jobs[w] = (range_job){fn, arg, w, n * w / k, n * (w + 1) / k, 0};
    /* A thread that cannot be started runs on the calling thread instead. */
    for (size_t w = 1; w < k; w++) started[w] = pthread_create(&th[w], NULL, run_range, &jobs[w]) == 0;
    run_range(&jobs[0]);
    for (size_t w = 1; w < k; w++) {
        if (started[w])
            pthread_join(th[w], NULL);
        else
            run_range(&jobs[w]);
    }
    if (used) *used = k;
    for (size_t w = 0; w < k; w++)
        if (jobs[w].rc) return jobs[w].rc;
    return 0;
}
