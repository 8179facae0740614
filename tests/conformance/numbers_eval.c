/* numbers_eval.c - development driver for the number check (not a test):
 *   numbers_eval dump LANG DATA_DIR < lines        print every mention
 *   numbers_eval pair SRC_LANG SRC TGT_LANG TGT DATA_DIR
 *                                                  compare line i of SRC with line i of TGT,
 *                                                  print every finding and the totals */
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

int main(int argc, char **argv)
{
    tqe_ctx *ctx;
    if (tqe_ctx_new(&ctx)) return 2;
    int rc = 2;
    if (argc == 4 && strcmp(argv[1], "dump") == 0)
        rc = dump(ctx, argv[2], argv[3]);
    else if (argc == 7 && strcmp(argv[1], "pair") == 0)
        rc = pair(ctx, argv + 2);
    else
        fprintf(stderr, "usage: numbers_eval dump LANG DATA_DIR | pair SL SRC TL TGT DATA_DIR\n");
    tqe_ctx_free(ctx);
    return rc;
}
