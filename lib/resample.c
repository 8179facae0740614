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

/* Uniform integers in [0, n) by Lemire's multiply-and-shift with rejection
 * (unbiased, and no division on the common path: gsl_rng_uniform_int
 * divides on every call). When n fits in 16 bits, each 32-bit output of
 * MT19937 gives two draws. */
typedef struct draw_state {
    gsl_rng *rng;
    uint32_t n, threshold; /* rejection threshold: 2^bits mod n */
    bool small;
    uint32_t spare;
    bool has_spare;
} draw_state;

static void draw_init(draw_state *d, gsl_rng *rng, uint32_t n)
{
    d->rng = rng;
    d->n = n;
    d->small = n <= 0x10000u;
    d->threshold = d->small ? (uint32_t)(0x10000u % n) : (uint32_t)(-n) % n;
    d->spare = 0;
    d->has_spare = false;
}

static inline uint32_t bits16(draw_state *d)
{
    if (d->has_spare) {
        d->has_spare = false;
        return d->spare;
    }
    uint32_t r = (uint32_t)gsl_rng_get(d->rng);
    d->spare = r >> 16;
    d->has_spare = true;
    return r & 0xFFFFu;
}

static inline uint32_t draw(draw_state *d)
{
    if (d->small) {
        uint32_t m;
        do m = bits16(d) * d->n;
        while ((m & 0xFFFFu) < d->threshold);
        return m >> 16;
    }
    uint64_t m;
    do m = (uint64_t)(uint32_t)gsl_rng_get(d->rng) * d->n;
    while ((uint32_t)m < d->threshold);
    return (uint32_t)(m >> 32);
}

/* The dot product of a count vector with one statistic's column. Four
 * independent vector accumulators keep the packed units busy; statistics are
 * integers in practice, so the sum is exact in any order. On x86-64 a
 * second copy for AVX2 CPUs is picked at load time. */
#if defined(__GNUC__)
typedef double v4d __attribute__((vector_size(32)));
#define MULADD(acc, p, q)                                                                          \
    do {                                                                                           \
        v4d x_, y_;                                                                                \
        memcpy(&x_, (p), sizeof(x_));                                                              \
        memcpy(&y_, (q), sizeof(y_));                                                              \
        acc += x_ * y_;                                                                            \
    } while (0)
#endif

/* (Not under sanitizers: their runtimes are not ready when the loader
 * calls the resolver that picks the copy.) */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__) &&       \
    !defined(__SANITIZE_THREAD__) && !defined(__SANITIZE_ADDRESS__)
__attribute__((target_clones("arch=x86-64-v3", "default")))
#endif
static double
dot(const double *c, const double *x, size_t n)
{
    double s = 0;
    size_t i = 0;
#if defined(__GNUC__)
    v4d a0 = {0, 0, 0, 0}, a1 = a0, a2 = a0, a3 = a0;
    for (; i + 16 <= n; i += 16) {
        MULADD(a0, c + i, x + i);
        MULADD(a1, c + i + 4, x + i + 4);
        MULADD(a2, c + i + 8, x + i + 8);
        MULADD(a3, c + i + 12, x + i + 12);
    }
    v4d a = (a0 + a1) + (a2 + a3);
    s = (a[0] + a[1]) + (a[2] + a[3]);
#endif
    for (; i < n; i++) s += c[i] * x[i];
    return s;
}

/* Statistics by column: cols[(s * k + q) * nseg + i] = stats[s][i * k + q]. */
static double *transpose(const double *const *stats, size_t nsys, size_t nseg, size_t k)
{
    double *cols = malloc(nsys * k * nseg * sizeof(double));
    if (!cols) return NULL;
    for (size_t s = 0; s < nsys; s++)
        for (size_t i = 0; i < nseg; i++)
            for (size_t q = 0; q < k; q++) cols[(s * k + q) * nseg + i] = stats[s][i * k + q];
    return cols;
}

int tqe_bootstrap_scores(double *scores, tqe_ctx *ctx, const tqe_metric *m,
                         const double *const *stats, size_t nsys, size_t nseg, long n,
                         tqe_rng_seed seed)
{
    if (nseg == 0 || n <= 0) return tqe_err(ctx, TQE_EINVAL, "nothing to resample");
    if (nseg > 0xFFFFFFFFul) return tqe_err(ctx, TQE_ELIMIT, "too many segments to resample");
    size_t k = tqe_metric_nstats(m);
    if (nsys > SIZE_MAX / k / nseg / sizeof(double))
        return tqe_err(ctx, TQE_ELIMIT, "too many statistics to resample");
    double *cnt = calloc(nseg, sizeof(*cnt)), *sum = calloc(k, sizeof(*sum));
    double *cols = transpose(stats, nsys, nseg, k);
    gsl_rng *rng = NULL;
    int rc = (!cnt || !sum || !cols) ? tqe_oom(ctx) : rng_open(&rng, ctx, seed);
    draw_state d = {0};
    if (!rc) draw_init(&d, rng, (uint32_t)nseg);
    for (long j = 0; !rc && j < n; j++) {
        /* A resample is a count per segment: summing is then sequential. */
        memset(cnt, 0, nseg * sizeof(*cnt));
        for (size_t i = 0; i < nseg; i++) cnt[draw(&d)] += 1.0;
        for (size_t s = 0; s < nsys; s++) {
            for (size_t q = 0; q < k; q++) sum[q] = dot(cnt, cols + (s * k + q) * nseg, nseg);
            tqe_score sc;
            tqe_metric_score(m, &sc, sum);
            scores[(size_t)j * nsys + s] = sc.score;
        }
    }
    gsl_rng_free(rng);
    free(cnt), free(sum), free(cols);
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

int tqe_cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

void tqe_interval95(double *v, size_t n, double *lo, double *hi)
{
    assert(n > 0);
    qsort(v, n, sizeof(*v), tqe_cmp_double);
    *lo = v[n / 40];
    *hi = v[n - n / 40 - 1];
}

void tqe_estimate_ci(double *mean, double *ci, double *scores, size_t n)
{
    double lo, hi;
    tqe_interval95(scores, n, &lo, &hi);
    *ci = 0.5 * (hi - lo);
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
