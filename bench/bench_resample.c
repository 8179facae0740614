/* bench_resample.c - time the paired bootstrap the way `tqe score
 * --paired-bs` runs it: per-segment statistics computed once, then N
 * resamples of every system for BLEU and chrF. Prints seconds.
 * usage: bench_resample REF HYP1 HYP2 ... [-n 1000] */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tqe.h"

#define MAX_SYS 16

/* Read every line of path (rstripped) into a NULL-terminated array. */
static char **read_lines(tqe_ctx *ctx, const char *path, size_t *n)
{
    tqe_reader *rd;
    if (tqe_reader_open(&rd, ctx, path, NULL)) return NULL;
    char **v = NULL;
    size_t cap = 0;
    const char *s;
    size_t len;
    *n = 0;
    while (tqe_reader_next(rd, &s, &len) == 1) {
        if (*n + 1 >= cap) v = realloc(v, (cap = cap ? 2 * cap : 4096) * sizeof(*v));
        len = tqe_utf8_rstrip_len(s, len);
        v[*n] = malloc(len + 1);
        memcpy(v[*n], s, len);
        v[(*n)++][len] = '\0';
    }
    tqe_reader_free(rd);
    return v;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

int main(int argc, char **argv)
{
    long n = 1000;
    const char *files[MAX_SYS + 1];
    int nf = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-n") && i + 1 < argc)
            n = atol(argv[++i]);
        else if (nf <= MAX_SYS)
            files[nf++] = argv[i];
    }
    if (nf < 2) {
        fprintf(stderr, "usage: bench_resample REF HYP... [-n N]\n");
        return 2;
    }
    tqe_ctx *ctx;
    tqe_ctx_new(&ctx);
    size_t nseg, nh;
    char **ref = read_lines(ctx, files[0], &nseg), **hyp[MAX_SYS];
    for (int s = 1; s < nf; s++) {
        hyp[s - 1] = read_lines(ctx, files[s], &nh);
        if (nh != nseg) {
            fprintf(stderr, "bench_resample: %s has %zu lines, %s %zu\n", files[s], nh, files[0], nseg);
            return 2;
        }
    }
    size_t nsys = (size_t)nf - 1;
    tqe_metric *m[2];
    tqe_bleu_options bo = TQE_BLEU_OPTIONS_INIT;
    tqe_chrf_options co = TQE_CHRF_OPTIONS_INIT;
    tqe_metric_new_bleu(&m[0], ctx, &bo);
    tqe_metric_new_chrf(&m[1], ctx, &co);
    double total = 0;
    for (int k = 0; k < 2; k++) {
        size_t q = tqe_metric_nstats(m[k]);
        double *st[MAX_SYS];
        for (size_t s = 0; s < nsys; s++) {
            st[s] = malloc(nseg * q * sizeof(double));
            for (size_t i = 0; i < nseg; i++) {
                size_t len = strlen(ref[i]);
                const char *r[1] = {ref[i]};
                tqe_metric_set_refs(m[k], r, &len, 1);
                tqe_metric_hyp_stats(m[k], st[s] + i * q, hyp[s][i], strlen(hyp[s][i]));
            }
        }
        double *scores = malloc((size_t)n * nsys * sizeof(double));
        tqe_rng_seed seed = {12345, 1};
        double t0 = now();
        if (tqe_bootstrap_scores(scores, ctx, m[k], (const double *const *)st, nsys, nseg, n,
                                 seed)) {
            fprintf(stderr, "bench_resample: %s\n", tqe_ctx_errmsg(ctx));
            return 3;
        }
        double dt = now() - t0;
        total += dt;
        printf("%-5s %ld resamples x %zu systems x %zu segments: %.4f s (CPU)\n",
               tqe_metric_name(m[k]), n, nsys, nseg, dt);
        for (size_t s = 0; s < nsys; s++) free(st[s]);
        free(scores);
    }
    printf("total %.4f s (CPU)\n", total);
    return 0;
}
