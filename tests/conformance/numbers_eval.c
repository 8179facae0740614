/* numbers_eval.c - development driver for the number check (not a test):
 *   numbers_eval dump LANG DATA_DIR < lines        print every mention
 *   numbers_eval pair SRC_LANG SRC TGT_LANG TGT DATA_DIR
 *                                                  compare line i of SRC with line i of TGT,
 *                                                  print every finding and the totals
 *   numbers_eval inject SRC_LANG SRC TGT_LANG TGT DATA_DIR N [-v]
 *                                                  on N lines of TGT with a number the source
 *                                                  also has, alter one number, drop one and
 *                                                  add one (one defect per trial), and print
 *                                                  recall and precision of the findings */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tqe.h"

static void die(tqe_ctx *ctx, const char *what)
{
    fprintf(stderr, "numbers_eval: %s: %s\n", what, tqe_ctx_errmsg(ctx));
    exit(2);
}

static void print_mentions(const char *line, const tqe_number *m, size_t n)
{
    tqe_buf b = TQE_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        tqe_buf_clear(&b);
        tqe_number_describe(&b, &m[i]);
        printf("  [%.*s] %s %s flags=%#x\n", (int)(m[i].end - m[i].start), line + m[i].start,
               tqe_num_kind_name(m[i].kind), b.data, m[i].flags);
    }
    tqe_buf_free(&b);
}

static int dump(tqe_ctx *ctx, const char *lang, const char *dir)
{
    tqe_numbers *x;
    if (tqe_numbers_new(&x, ctx, lang, dir)) die(ctx, "open");
    tqe_reader *rd;
    if (tqe_reader_open(&rd, ctx, "-", NULL)) die(ctx, "stdin");
    const char *line;
    size_t len;
    while (tqe_reader_next(rd, &line, &len) == 1) {
        const tqe_number *m;
        size_t n;
        if (tqe_numbers_extract(x, line, len, &m, &n)) die(ctx, "extract");
        printf("%s\n", line);
        print_mentions(line, m, n);
    }
    tqe_reader_free(rd);
    tqe_numbers_free(x);
    return 0;
}

static char **read_lines(tqe_ctx *ctx, const char *path, size_t *n)
{
    tqe_reader *rd;
    if (tqe_reader_open(&rd, ctx, path, NULL)) die(ctx, path);
    char **v = NULL;
    size_t cap = 0;
    *n = 0;
    const char *line;
    size_t len;
    while (tqe_reader_next(rd, &line, &len) == 1) {
        if (*n == cap) v = realloc(v, (cap = cap ? cap * 2 : 1024) * sizeof(*v));
        v[(*n)++] = strdup(line);
    }
    tqe_reader_free(rd);
    return v;
}

static int pair(tqe_ctx *ctx, char **argv)
{
    tqe_numbers *xs, *xt;
    if (tqe_numbers_new(&xs, ctx, argv[0], argv[4])) die(ctx, "open source");
    if (tqe_numbers_new(&xt, ctx, argv[2], argv[4])) die(ctx, "open target");
    size_t ns, nt;
    char **src = read_lines(ctx, argv[1], &ns), **tgt = read_lines(ctx, argv[3], &nt);
    if (ns != nt) {
        fprintf(stderr, "line counts differ: %zu vs %zu\n", ns, nt);
        return 2;
    }
    tqe_issue_list *il;
    tqe_issue_list_new(&il);
    tqe_numbers_stats st = {0};
    size_t flagged_lines = 0;
    struct timespec t0, t1;
    double secs = 0;
    for (size_t i = 0; i < ns; i++) {
        const tqe_number *ms, *mt;
        size_t n1, n2;
        tqe_issue_list_clear(il);
        clock_gettime(CLOCK_MONOTONIC, &t0);
        if (tqe_numbers_extract(xs, src[i], strlen(src[i]), &ms, &n1)) die(ctx, "extract");
        if (tqe_numbers_extract(xt, tgt[i], strlen(tgt[i]), &mt, &n2)) die(ctx, "extract");
        if (tqe_numbers_compare(il, ctx, src[i], strlen(src[i]), ms, n1, tgt[i], strlen(tgt[i]), mt,
                                n2, &st))
            die(ctx, "compare");
        clock_gettime(CLOCK_MONOTONIC, &t1);
        secs += (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        size_t k = tqe_issue_list_count(il);
        if (!k) continue;
        flagged_lines++;
        printf("L%zu\n  S: %s\n  T: %s\n", i + 1, src[i], tgt[i]);
        for (size_t j = 0; j < k; j++) {
            const tqe_issue *is = tqe_issue_list_get(il, j);
            printf("  ! %s: %s\n", tqe_issue_type_name(is->type), is->detail);
        }
    }
    printf("TOTAL lines=%zu src=%llu tgt=%llu ok=%llu ambiguous=%llu missing=%llu altered=%llu "
           "extra=%llu flagged_lines=%zu time=%.3fs\n",
           ns, (unsigned long long)st.src, (unsigned long long)st.tgt, (unsigned long long)st.ok,
           (unsigned long long)st.ambiguous, (unsigned long long)st.missing,
           (unsigned long long)st.altered, (unsigned long long)st.extra, flagged_lines, secs);
    tqe_issue_list_free(il);
    tqe_numbers_free(xs);
    tqe_numbers_free(xt);
    for (size_t i = 0; i < ns; i++) free(src[i]), free(tgt[i]);
    free(src);
    free(tgt);
    return 0;
}

/* ---- defect injection ---- */

typedef struct finding {
    int type;
    char *src, *tgt;
    size_t ts, te;
} finding;

typedef struct evalctx {
    tqe_ctx *ctx;
    tqe_numbers *xs, *xt;
    tqe_issue_list *il;
    int verbose;
} evalctx;

/* Findings of one pair of lines, copied. */
static size_t findings(evalctx *E, const char *src, const char *tgt, finding *out, size_t cap)
{
    const tqe_number *ms, *mt;
    size_t n1, n2;
    tqe_issue_list_clear(E->il);
    if (tqe_numbers_extract(E->xs, src, strlen(src), &ms, &n1) ||
        tqe_numbers_extract(E->xt, tgt, strlen(tgt), &mt, &n2) ||
        tqe_numbers_compare(E->il, E->ctx, src, strlen(src), ms, n1, tgt, strlen(tgt), mt, n2,
                            NULL))
        die(E->ctx, "compare");
    size_t k = tqe_issue_list_count(E->il);
    for (size_t i = 0; i < k && i < cap; i++) {
        const tqe_issue *is = tqe_issue_list_get(E->il, i);
        out[i] = (finding){(int)is->type, strdup(is->source), strdup(is->target), is->tgt_start,
                           is->tgt_end};
    }
    return k < cap ? k : cap;
}

static void free_findings(finding *f, size_t n)
{
    for (size_t i = 0; i < n; i++) free(f[i].src), free(f[i].tgt);
}

/* Findings of b not in a (as a multiset of type and quotes). */
static size_t new_findings(const finding *a, size_t na, const finding *b, size_t nb, int *is_new)
{
    int used[64] = {0};
    size_t k = 0;
    for (size_t j = 0; j < nb; j++) {
        is_new[j] = 1;
        for (size_t i = 0; i < na; i++)
            if (!used[i] && a[i].type == b[j].type && strcmp(a[i].src, b[j].src) == 0 &&
                strcmp(a[i].tgt, b[j].tgt) == 0) {
                used[i] = 1;
                is_new[j] = 0;
                break;
            }
        k += (size_t)is_new[j];
    }
    return k;
}

static unsigned long long rng_state = 0x9E3779B97F4A7C15ull;
static unsigned rnd(unsigned n)
{
    rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
    return (unsigned)((rng_state >> 33) % n);
}

static int has_digit(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if ((s[i] >= '0' && s[i] <= '9') ||
            ((unsigned char)s[i] == 0xEF && i + 2 < b && (unsigned char)s[i + 1] == 0xBC &&
             (unsigned char)s[i + 2] >= 0x90 && (unsigned char)s[i + 2] <= 0x99))
            return 1;
    return 0;
}

/* Target mentions with digits whose value the source also has. */
static size_t candidates(evalctx *E, const char *src, const char *tgt, tqe_number *out, size_t cap)
{
    const tqe_number *ms, *mt;
    size_t n1, n2, k = 0;
    static tqe_number sv[256];
    if (tqe_numbers_extract(E->xs, src, strlen(src), &ms, &n1)) die(E->ctx, "extract");
    n1 = n1 < 256 ? n1 : 256;
    memcpy(sv, ms, n1 * sizeof(*ms));
    if (tqe_numbers_extract(E->xt, tgt, strlen(tgt), &mt, &n2)) die(E->ctx, "extract");
    for (size_t j = 0; j < n2 && k < cap; j++) {
        if ((mt[j].flags & TQE_NUMF_WEAK) || !has_digit(tgt, mt[j].start, mt[j].end)) continue;
        for (size_t i = 0; i < n1; i++)
            if (!(sv[i].flags & TQE_NUMF_WEAK) && sv[i].value == mt[j].value) {
                out[k++] = mt[j];
                break;
            }
    }
    return k;
}

enum { ALTER, DROP, ADD };
static const char *const defect_names[] = {"alter", "drop", "add"};

typedef struct tally {
    unsigned trials, detected, findings, tp;
} tally;

/* Make the defective line; [*es, *ee) is the edited region in it. */
static char *make_defect(int kind, const char *src, const char *tgt, const tqe_number *m,
                         size_t *es, size_t *ee)
{
    size_t len = strlen(tgt);
    char *d = malloc(len + 16);
    if (kind == ALTER) {
        memcpy(d, tgt, len + 1);
        for (size_t i = m->end; i-- > m->start;) {
            unsigned char c = (unsigned char)d[i];
            if (c >= '0' && c <= '9') {
                d[i] = (char)('0' + (c - '0' + 1) % 10);
                break;
            }
            if (c >= 0x90 && c <= 0x99 && i >= 2 && (unsigned char)d[i - 1] == 0xBC) {
                d[i] = (char)(0x90 + (c - 0x90 + 1) % 10);
                break;
            }
        }
        *es = m->start;
        *ee = m->end;
    } else if (kind == DROP) {
        /* drop one of the spaces around it, never glue two words */
        size_t a = m->start, b = m->end;
        if (a > 0 && tgt[a - 1] == ' ' && (b == len || tgt[b] == ' ')) a--;
        memcpy(d, tgt, a);
        memcpy(d + a, tgt + b, len - b + 1);
        *es = *ee = a;
    } else {
        /* insert " 47" after a space or a CJK character, outside numbers */
        size_t pos[4096], np = 0;
        for (size_t i = 1; i < len && np < 4096; i++) {
            unsigned char p = (unsigned char)tgt[i - 1], c = (unsigned char)tgt[i];
            if ((c & 0xC0) == 0x80 || (c >= '0' && c <= '9')) continue;
            if (p == ' ' ||
                (i >= 3 && (unsigned char)tgt[i - 3] >= 0xE3 && (unsigned char)tgt[i - 3] <= 0xED))
                pos[np++] = i;
        }
        size_t at = np ? pos[rnd((unsigned)np)] : 0;
        char num[8];
        int nl; /* a value neither text has: an added number, not a repeated one */
        do nl = snprintf(num, sizeof num, "%u", 13 + rnd(85));
        while (strstr(src, num) || strstr(tgt, num));
        int space = tgt[at - (at > 0)] == ' ' || at == 0;
        memcpy(d, tgt, at);
        memcpy(d + at, num, (size_t)nl);
        if (space) d[at + nl] = ' ';
        memcpy(d + at + nl + space, tgt + at, len - at + 1);
        *es = at;
        *ee = at + (size_t)nl;
    }
    return d;
}

static void trial(evalctx *E, int kind, const char *src, const char *tgt, const tqe_number *m,
                  tally *t)
{
    finding clean[64], bad[64];
    int is_new[64];
    size_t nc = findings(E, src, tgt, clean, 64);
    size_t es, ee;
    char *d = make_defect(kind, src, tgt, m, &es, &ee);
    size_t nb = findings(E, src, d, bad, 64);
    size_t nn = new_findings(clean, nc, bad, nb, is_new);
    int hit = 0;
    /* A defect is found when the defective line has a finding the clean
     * line has not (for a drop: a missing or altered number). */
    (void)es;
    (void)ee;
    for (size_t j = 0; j < nb; j++)
        if (is_new[j] && (kind != DROP || bad[j].type != TQE_ISSUE_NUMBER_EXTRA)) hit = 1;
    size_t expect = kind == ALTER ? 2 : 1;
    t->trials++;
    t->detected += (unsigned)hit;
    t->findings += (unsigned)nb;
    t->tp += (unsigned)(hit ? (nn < expect ? nn : expect) : 0);
    if (E->verbose && (!hit || nb > (hit ? expect : 0))) {
        printf("%s %s\n  S: %s\n  T: %s\n  D: %s\n", hit ? "NOISY" : "MISSED", defect_names[kind],
               src, tgt, d);
        for (size_t j = 0; j < nb; j++)
            printf("  %s %s\n", is_new[j] ? "+" : "=", tqe_issue_list_get(E->il, j)->detail);
    }
    free_findings(clean, nc);
    free_findings(bad, nb);
    free(d);
}

static int inject(tqe_ctx *ctx, char **argv, int verbose)
{
    evalctx E = {.ctx = ctx, .verbose = verbose};
    if (tqe_numbers_new(&E.xs, ctx, argv[0], argv[4]) ||
        tqe_numbers_new(&E.xt, ctx, argv[2], argv[4]))
        die(ctx, "open");
    tqe_issue_list_new(&E.il);
    size_t ns, nt, want = strtoul(argv[5], NULL, 10);
    char **src = read_lines(ctx, argv[1], &ns), **tgt = read_lines(ctx, argv[3], &nt);
    size_t *order = malloc(ns * sizeof(*order));
    for (size_t i = 0; i < ns; i++) order[i] = i;
    for (size_t i = ns; i > 1; i--) {
        size_t j = rnd((unsigned)i), tmp = order[i - 1];
        order[i - 1] = order[j];
        order[j] = tmp;
    }
    tally t[3] = {{0}};
    size_t used = 0;
    for (size_t k = 0; k < ns && used < want; k++) {
        size_t i = order[k];
        tqe_number c[64];
        size_t nc = candidates(&E, src[i], tgt[i], c, 64);
        if (!nc) continue;
        used++;
        for (int kind = ALTER; kind <= ADD; kind++)
            trial(&E, kind, src[i], tgt[i], &c[rnd((unsigned)nc)], &t[kind]);
    }
    unsigned T = 0, D = 0, F = 0, P = 0;
    for (int kind = ALTER; kind <= ADD; kind++) {
        printf("%-5s trials=%u detected=%u recall=%.3f findings=%u true=%u precision=%.3f\n",
               defect_names[kind], t[kind].trials, t[kind].detected,
               (double)t[kind].detected / t[kind].trials, t[kind].findings, t[kind].tp,
               t[kind].findings ? (double)t[kind].tp / t[kind].findings : 1.0);
        T += t[kind].trials, D += t[kind].detected, F += t[kind].findings, P += t[kind].tp;
    }
    printf("ALL   lines=%zu trials=%u recall=%.3f precision=%.3f\n", used, T, (double)D / T,
           F ? (double)P / F : 1.0);
    for (size_t i = 0; i < ns; i++) free(src[i]), free(tgt[i]);
    free(src);
    free(tgt);
    free(order);
    tqe_issue_list_free(E.il);
    tqe_numbers_free(E.xs);
    tqe_numbers_free(E.xt);
    return 0;
}

int main(int argc, char **argv)
{
    tqe_ctx *ctx;
    if (tqe_ctx_new(&ctx)) return 2;
    int rc = 2;
    if (argc == 4 && strcmp(argv[1], "dump") == 0)
        rc = dump(ctx, argv[2], argv[3]);
    else if (argc == 7 && strcmp(argv[1], "pair") == 0)
        rc = pair(ctx, argv + 2);
    else if ((argc == 8 || argc == 9) && strcmp(argv[1], "inject") == 0)
        rc = inject(ctx, argv + 2, argc == 9);
    else
        fprintf(stderr, "usage: numbers_eval dump LANG DATA_DIR | pair SL SRC TL TGT DATA_DIR |"
                        " inject SL SRC TL TGT DATA_DIR N [-v]\n");
    tqe_ctx_free(ctx);
    return rc;
}
