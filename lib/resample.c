/* resample.c - bootstrap and approximate randomization over per-segment
 * statistics: texts are never re-read or re-tokenized.
 *
 * A bootstrap resample is kept as a count per segment, so summing it is one
 * sequential pass over the statistics (vectorizable) instead of a gather. */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

static int rng_open(gsl_rng **out, tqe_ctx *ctx, tqe_rng_seed seed)
{
    gsl_set_error_handler_off();
    *out = gsl_rng_alloc(gsl_rng_mt19937);
    if (!*out) return tqe_oom(ctx);
    unsigned long s = seed.seed;
    if (!seed.seeded) s = (unsigned long)time(NULL) ^ ((unsigned long)getpid() << 16);
    gsl_rng_set(*out, s);
    return TQE_OK;
}

int tqe_bootstrap_scores(double *scores, tqe_ctx *ctx, const tqe_metric *m,
                         const double *const *stats, size_t nsys, size_t nseg, long n,
                         tqe_rng_seed seed)
{
    if (nseg == 0 || n <= 0) return tqe_err(ctx, TQE_EINVAL, "nothing to resample");
    if (nseg > 0xFFFFFFFFul) return tqe_err(ctx, TQE_ELIMIT, "too many segments to resample");
    size_t k = tqe_metric_nstats(m);
    uint32_t *cnt = calloc(nseg, sizeof(*cnt));
    double *sum = calloc(k, sizeof(*sum));
    gsl_rng *rng = NULL;
    int rc = (!cnt || !sum) ? tqe_oom(ctx) : rng_open(&rng, ctx, seed);
    for (long j = 0; !rc && j < n; j++) {
        for (size_t i = 0; i < nseg; i++) cnt[gsl_rng_uniform_int(rng, nseg)]++;
        for (size_t s = 0; s < nsys; s++) {
            memset(sum, 0, k * sizeof(*sum));
            const double *row = stats[s];
            for (size_t i = 0; i < nseg; i++, row += k) {
                if (!cnt[i]) continue;
                double c = cnt[i];
                for (size_t q = 0; q < k; q++) sum[q] += c * row[q];
            }
            tqe_score sc;
            tqe_metric_score(m, &sc, sum);
            scores[(size_t)j * nsys + s] = sc.score;
        }
        memset(cnt, 0, nseg * sizeof(*cnt));
    }
    gsl_rng_free(rng);
    free(cnt);
    free(sum);
    return rc;
}

int tqe_ar_diffs(double *diffs, tqe_ctx *ctx, const tqe_metric *m, const double *a, const double *b,
                 size_t nseg, long n, tqe_rng_seed seed)
{
    if (nseg == 0 || n <= 0) return tqe_err(ctx, TQE_EINVAL, "nothing to resample");
    size_t k = tqe_metric_nstats(m);
    /* shuffled_a = sum(b) + sum over swapped segments of (a_i - b_i), and
     * shuffled_b = sum(a) + sum(b) - shuffled_a: one pass over half the rows. */
    double *sa = calloc(k, sizeof(double)), *sb = calloc(k, sizeof(double));
    double *ta = calloc(k, sizeof(double)), *tb = calloc(k, sizeof(double));
    gsl_rng *rng = NULL;
    int rc = (!sa || !sb || !ta || !tb) ? tqe_oom(ctx) : rng_open(&rng, ctx, seed);
    for (size_t i = 0; !rc && i < nseg; i++)
        for (size_t q = 0; q < k; q++) {
            sa[q] += a[i * k + q];
            sb[q] += b[i * k + q];
        }
    for (long j = 0; !rc && j < n; j++) {
        memcpy(ta, sb, k * sizeof(double));
        unsigned long bits = 0;
        int left = 0;
        for (size_t i = 0; i < nseg; i++) {
            if (left == 0) {
                bits = gsl_rng_get(rng); /* MT19937 gives 32 random bits */
                left = 32;
            }
            bool swap = bits & 1;
            bits >>= 1;
            left--;
            if (!swap) continue;
            for (size_t q = 0; q < k; q++) ta[q] += a[i * k + q] - b[i * k + q];
        }
        for (size_t q = 0; q < k; q++) tb[q] = sa[q] + sb[q] - ta[q];
        tqe_score x, y;
        tqe_metric_score(m, &x, ta);
        tqe_metric_score(m, &y, tb);
        diffs[j] = fabs(x.score - y.score);
    }
    gsl_rng_free(rng);
    free(sa), free(sb), free(ta), free(tb);
    return rc;
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

void tqe_estimate_ci(double *mean, double *ci, double *scores, size_t n)
{
    assert(n > 0);
    qsort(scores, n, sizeof(*scores), cmp_double);
    size_t lo = n / 40, hi = n - lo - 1;
    *ci = 0.5 * (scores[hi] - scores[lo]);
    double s = 0.0;
    for (size_t i = 0; i < n; i++) s += scores[i];
    *mean = s / (double)n;
}

double tqe_p_value(const double *x, size_t n, double threshold)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++) c += x[i] > threshold;
    return (double)(c + 1) / (double)(n + 1);
}
