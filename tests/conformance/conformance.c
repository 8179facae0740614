/* conformance.c - reproduce sacreBLEU 2.5.1's golden outputs (../shared/conformance).
 *
 * usage: conformance MODE GOLDEN.tsv [WMT22_DIR | EDGE_CASES.tsv]
 *   corpus    corpus.tsv WMT_DIR              corpus scores and signatures
 *   details   corpus_bleu_details.tsv WMT_DIR BLEU counts, totals, precisions, BP, lengths
 *   stats     corpus_chrf_ter_stats.tsv WMT_DIR summed chrF/TER statistics
 *   sentence  sentence.tsv WMT_DIR            sentence-level scores (-sl)
 *   tokenize  tokenize.tsv WMT_DIR            tokenizer output, byte for byte
 *   edge      edge_cases.tsv                  hand-written cases, sentence and corpus level
 *   edge-tok  edge_tokenize.tsv edge_cases.tsv
 * Exits 0 when every row matches, 1 otherwise, 77 (ctest: skipped) when the
 * data is absent. Scores must agree within 1e-9 (see the data's README). */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tqe.h"

#define TOL        1e-9
#define MAX_FIELDS 32
#define MAX_REFS   4

static tqe_ctx *ctx;
static long n_rows, n_bad;

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "conformance: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    exit(2);
}

static void mismatch(const char *fmt, ...)
{
    n_bad++;
    if (n_bad > 20) return;
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "MISMATCH ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
}

/* ---- text files as arrays of lines ---- */

typedef struct lines {
    char **v;
    size_t n;
} lines;

/* Read a file; `rstrip` applies the sacreBLEU CLI's per-line str.rstrip(). */
static lines read_lines(const char *path, bool rstrip)
{
    tqe_reader *rd;
    lines L = {NULL, 0};
    size_t cap = 0;
    if (tqe_reader_open(&rd, ctx, path, NULL)) die("%s", tqe_ctx_errmsg(ctx));
    const char *s;
    size_t len;
    int rc;
    while ((rc = tqe_reader_next(rd, &s, &len)) == 1) {
        if (rstrip) len = tqe_utf8_rstrip_len(s, len);
        if (L.n == cap) {
            cap = cap ? cap * 2 : 1024;
            L.v = realloc(L.v, cap * sizeof(*L.v));
            if (!L.v) die("out of memory");
        }
        L.v[L.n] = malloc(len + 1);
        if (!L.v[L.n]) die("out of memory");
        memcpy(L.v[L.n], s, len);
        L.v[L.n++][len] = '\0';
    }
    if (rc < 0) die("%s", tqe_ctx_errmsg(ctx));
    tqe_reader_free(rd);
    return L;
}

static void free_lines(lines *L)
{
    for (size_t i = 0; i < L->n; i++) free(L->v[i]);
    free(L->v);
}

/* The WMT files each golden file refers to, read once (the directory has
 * fewer than 64 files). */
static struct {
    char path[512];
    lines L;
} cache[128];
static size_t ncache;

static const lines *wmt_file(const char *dir, const char *name)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    for (size_t i = 0; i < ncache; i++)
        if (strcmp(cache[i].path, path) == 0) return &cache[i].L;
    if (ncache == sizeof(cache) / sizeof(cache[0])) die("too many distinct files");
    snprintf(cache[ncache].path, sizeof(cache[ncache].path), "%s", path);
    cache[ncache].L = read_lines(path, true);
    return &cache[ncache++].L;
}

/* Reference labels of a pair, in code-point order (what "all" means). */
static size_t ref_labels(const char *dir, const char *pair, const char *ref, char labels[][16])
{
    if (strcmp(ref, "all") != 0) {
        snprintf(labels[0], 16, "%s", ref);
        return 1;
    }
    static const char *const cands[] = {"A", "B", "C", "stud"};
    const char *tgt = strchr(pair, '-') + 1;
    size_t n = 0;
    for (size_t i = 0; i < 4; i++) {
        char path[512];
        struct stat st;
        snprintf(path, sizeof(path), "%s/generaltest2022.%s.ref.%s.%s", dir, pair, cands[i], tgt);
        if (stat(path, &st) == 0) snprintf(labels[n++], 16, "%s", cands[i]);
    }
    return n;
}

/* ---- TSV ---- */

static size_t split_tabs(char *line, char **f, size_t max)
{
    size_t n = 0;
    f[n++] = line;
    for (char *p = line; *p && n < max; p++)
        if (*p == '\t') {
            *p = '\0';
            f[n++] = p + 1;
        }
    return n;
}

/* edge_*.tsv escape backslash and TAB: "\\" -> "\", "\t" -> TAB. */
static void unescape(char *s)
{
    char *o = s;
    for (char *p = s; *p; p++) {
        if (*p == '\\' && p[1] == '\\')
            *o++ = '\\', p++;
        else if (*p == '\\' && p[1] == 't')
            *o++ = '\t', p++;
        else
            *o++ = *p;
    }
    *o = '\0';
}

/* ---- metric specs from sacreBLEU option strings ---- */

typedef struct spec {
    tqe_metric_kind kind;
    tqe_bleu_options b;
    tqe_chrf_options c;
    tqe_ter_options t;
} spec;

static spec parse_spec(const char *options, bool sentence)
{
    spec sp = {TQE_METRIC_BLEU, TQE_BLEU_OPTIONS_INIT, TQE_CHRF_OPTIONS_INIT, TQE_TER_OPTIONS_INIT};
    char buf[512];
    snprintf(buf, sizeof(buf), "%s", options);
    char *tok[64];
    size_t n = 0;
    for (char *p = strtok(buf, " "); p && n < 64; p = strtok(NULL, " ")) tok[n++] = p;
    for (size_t i = 0; i < n; i++) {
        const char *a = tok[i], *v = i + 1 < n ? tok[i + 1] : "";
        if (!strcmp(a, "-m")) {
            sp.kind = !strcmp(v, "bleu")   ? TQE_METRIC_BLEU
                      : !strcmp(v, "chrf") ? TQE_METRIC_CHRF
                                           : TQE_METRIC_TER;
            i++;
        } else if (!strcmp(a, "-tok")) {
            if (tqe_tokenizer_from_name(&sp.b.tokenize, ctx, v)) die("tokenizer %s", v);
            i++;
        } else if (!strcmp(a, "-lc"))
            sp.b.lowercase = 1;
        else if (!strcmp(a, "-s")) {
            sp.b.smooth = !strcmp(v, "exp")     ? TQE_SMOOTH_EXP
                          : !strcmp(v, "floor") ? TQE_SMOOTH_FLOOR
                          : !strcmp(v, "add-k") ? TQE_SMOOTH_ADD_K
                                                : TQE_SMOOTH_NONE;
            i++;
        } else if (!strcmp(a, "-sv")) {
            sp.b.smooth_value_set = 1;
            sp.b.smooth_value = strtod(v, NULL);
            i++;
        } else if (!strcmp(a, "--chrf-word-order"))
            sp.c.word_order = atoi(v), i++;
        else if (!strcmp(a, "--chrf-char-order"))
            sp.c.char_order = atoi(v), i++;
        else if (!strcmp(a, "--chrf-beta"))
            sp.c.beta = atoi(v), i++;
        else if (!strcmp(a, "--chrf-whitespace"))
            sp.c.whitespace = 1;
        else if (!strcmp(a, "--chrf-lowercase"))
            sp.c.lowercase = 1;
        else if (!strcmp(a, "--chrf-eps-smoothing"))
            sp.c.eps_smoothing = 1;
        else if (!strcmp(a, "--ter-case-sensitive"))
            sp.t.case_sensitive = 1;
        else if (!strcmp(a, "--ter-normalized"))
            sp.t.normalized = 1;
        else if (!strcmp(a, "--ter-no-punct"))
            sp.t.no_punct = 1;
        else if (!strcmp(a, "--ter-asian-support"))
            sp.t.asian_support = 1;
        else
            die("unknown option in golden data: %s", a);
    }
    sp.b.effective_order = sentence;
    return sp;
}

static tqe_metric *make_metric(const spec *sp)
{
    tqe_metric *m = NULL;
    int rc = sp->kind == TQE_METRIC_BLEU   ? tqe_metric_new_bleu(&m, ctx, &sp->b)
             : sp->kind == TQE_METRIC_CHRF ? tqe_metric_new_chrf(&m, ctx, &sp->c)
                                           : tqe_metric_new_ter(&m, ctx, &sp->t);
    if (rc) die("%s", tqe_ctx_errmsg(ctx));
    return m;
}

/* Summed statistics of a corpus (hyps[i] against refs[r][i]). */
static double *corpus_stats(tqe_metric *m, char **hyps, size_t n, char ***refs, size_t nrefs)
{
    size_t k = tqe_metric_nstats(m);
    double *sum = calloc(k, sizeof(double)), *seg = calloc(k, sizeof(double)),
           *once = calloc(k, sizeof(double));
    if (!sum || !seg || !once) die("out of memory");
    for (size_t i = 0; i < n; i++) {
        const char *r[MAX_REFS];
        size_t rl[MAX_REFS];
        for (size_t j = 0; j < nrefs; j++) {
            r[j] = refs[j][i];
            rl[j] = strlen(r[j]);
        }
        if (tqe_metric_set_refs(m, r, rl, nrefs) ||
            tqe_metric_hyp_stats(m, seg, hyps[i], strlen(hyps[i])))
            die("%s", tqe_ctx_errmsg(ctx));
        /* The one-call form must give the same bits: checked on every 16th
         * segment (every segment doubled the slowest conformance tests, and
         * the unit tests compare the two forms on every kind of input). */
        if (i % 16 == 0) {
            if (tqe_metric_segment_stats(m, once, hyps[i], strlen(hyps[i]), r, rl, nrefs))
                die("%s", tqe_ctx_errmsg(ctx));
            if (memcmp(seg, once, k * sizeof(double)) != 0)
                mismatch("segment %zu: tqe_metric_segment_stats differs from set_refs + hyp_stats",
                         i);
        }
        for (size_t j = 0; j < k; j++) sum[j] += seg[j];
    }
    free(seg);
    free(once);
    return sum;
}

static bool near(double a, double b)
{
    return fabs(a - b) <= TOL;
}

/* The hypotheses and references a golden row names (pair, system, ref). */
typedef struct row_data {
    char **hyps;
    size_t n;
    char **refs[MAX_REFS];
    size_t nrefs;
} row_data;

static row_data row_files(const char *dir, const char *pair, const char *system, const char *ref)
{
    const char *tgt = strchr(pair, '-') + 1;
    char name[512], labels[MAX_REFS][16];
    row_data d = {0};
    snprintf(name, sizeof(name), "generaltest2022.%s.hyp.%s.%s", pair, system, tgt);
    const lines *H = wmt_file(dir, name);
    d.hyps = H->v;
    d.n = H->n;
    d.nrefs = ref_labels(dir, pair, ref, labels);
    for (size_t j = 0; j < d.nrefs; j++) {
        snprintf(name, sizeof(name), "generaltest2022.%s.ref.%s.%s", pair, labels[j], tgt);
        const lines *R = wmt_file(dir, name);
        if (R->n != H->n) die("%s: %zu lines, hypothesis has %zu", name, R->n, H->n);
        d.refs[j] = R->v;
    }
    return d;
}

/* corpus.tsv: pair system ref metric options score signature */
static void check_corpus_row(const char *dir, char **f, size_t nf)
{
    if (nf < 7) die("corpus row with %zu fields", nf);
    row_data d = row_files(dir, f[0], f[1], f[2]);
    spec sp = parse_spec(f[4], false);
    tqe_metric *m = make_metric(&sp);
    double *st = corpus_stats(m, d.hyps, d.n, d.refs, d.nrefs);
    tqe_score sc;
    tqe_metric_score(m, &sc, st);
    double want = strtod(f[5], NULL);
    if (!near(sc.score, want))
        mismatch("corpus %s %s %s '%s': %.17g, expected %s", f[0], f[1], f[2], f[4], sc.score,
                 f[5]);
    tqe_buf sig = TQE_BUF_INIT;
    tqe_signature_info info = TQE_SIGNATURE_INFO_INIT;
    info.nrefs = (int)d.nrefs;
    info.version = "2.5.1";
    if (tqe_metric_signature(&sig, m, &info)) die("%s", tqe_ctx_errmsg(ctx));
    if (strcmp(sig.data, f[6]) != 0)
        mismatch("signature %s %s '%s': %s, expected %s", f[0], f[1], f[4], sig.data, f[6]);
    tqe_buf_free(&sig);
    free(st);
    tqe_metric_free(m);
}

/* corpus_bleu_details.tsv: pair system ref options score counts*4 totals*4
 * precisions*4 bp sys_len ref_len ratio */
static void check_details_row(const char *dir, char **f, size_t nf)
{
    if (nf < 21) die("details row with %zu fields", nf);
    row_data d = row_files(dir, f[0], f[1], f[2]);
    spec sp = parse_spec(f[3], false);
    tqe_metric *m = make_metric(&sp);
    double *st = corpus_stats(m, d.hyps, d.n, d.refs, d.nrefs);
    tqe_score sc;
    tqe_metric_score(m, &sc, st);
    double got[17] = {sc.score};
    for (int k = 0; k < 4; k++) {
        got[1 + k] = sc.counts[k];
        got[5 + k] = sc.totals[k];
        got[9 + k] = sc.precisions[k];
    }
    got[13] = sc.bp;
    got[14] = sc.sys_len;
    got[15] = sc.ref_len;
    got[16] = sc.ratio;
    for (int k = 0; k < 17; k++)
        if (!near(got[k], strtod(f[4 + k], NULL)))
            mismatch("details %s %s %s '%s' field %d: %.17g, expected %s", f[0], f[1], f[2], f[3],
                     k + 5, got[k], f[4 + k]);
    free(st);
    tqe_metric_free(m);
}

/* corpus_chrf_ter_stats.tsv: pair system ref metric options score stats */
static void check_stats_row(const char *dir, char **f, size_t nf)
{
    if (nf < 7) die("stats row with %zu fields", nf);
    row_data d = row_files(dir, f[0], f[1], f[2]);
    spec sp = parse_spec(f[4], false);
    tqe_metric *m = make_metric(&sp);
    double *st = corpus_stats(m, d.hyps, d.n, d.refs, d.nrefs);
    char *p = f[6];
    for (size_t k = 0; k < tqe_metric_nstats(m); k++) {
        char *end;
        double want = strtod(p, &end);
        if (end == p) die("short stats field");
        if (!near(st[k], want))
            mismatch("stats %s %s %s '%s' #%zu: %.17g, expected %.17g", f[0], f[1], f[2], f[4], k,
                     st[k], want);
        p = end;
    }
    tqe_score sc;
    tqe_metric_score(m, &sc, st);
    if (!near(sc.score, strtod(f[5], NULL)))
        mismatch("stats %s %s score %.17g, expected %s", f[0], f[4], sc.score, f[5]);
    free(st);
    tqe_metric_free(m);
}

/* sentence.tsv: pair system ref line metric options score */
static void check_sentence_row(const char *dir, char **f, size_t nf)
{
    static char last_key[512];
    static tqe_metric *m;
    if (nf < 7) die("sentence row with %zu fields", nf);
    if (!f) { /* end of file */
        tqe_metric_free(m);
        m = NULL;
        last_key[0] = '\0';
        return;
    }
    row_data d = row_files(dir, f[0], f[1], f[2]);
    char key[512];
    snprintf(key, sizeof(key), "%s", f[5]);
    if (strcmp(key, last_key) != 0) {
        tqe_metric_free(m);
        spec sp = parse_spec(f[5], true);
        m = make_metric(&sp);
        snprintf(last_key, sizeof(last_key), "%s", key);
    }
    size_t line = strtoul(f[3], NULL, 10);
    if (line < 1 || line > d.n) die("line %zu out of range", line);
    double *st = corpus_stats(m, d.hyps + line - 1, 1, (char **[]){d.refs[0] + line - 1}, 1);
    tqe_score sc;
    tqe_metric_score(m, &sc, st);
    if (!near(sc.score, strtod(f[6], NULL)))
        mismatch("sentence %s %s line %zu '%s': %.17g, expected %s", f[0], f[1], line, f[5],
                 sc.score, f[6]);
    free(st);
}

/* Tokenize with one of the golden files' tokenizer names. */
static void tokenize_as(tqe_buf *out, const char *name, const char *s)
{
    size_t len = strlen(s);
    int rc;
    if (!strcmp(name, "lower"))
        rc = tqe_lowercase(out, ctx, s, len);
    else if (!strncmp(name, "tercom", 6)) {
        tqe_ter_options o = TQE_TER_OPTIONS_INIT;
        o.normalized = strstr(name, "norm") != NULL;
        o.no_punct = strstr(name, "nopunct") != NULL;
        o.asian_support = strstr(name, "asian") != NULL;
        rc = tqe_tokenize_tercom(out, ctx, &o, s, len);
    } else {
        tqe_tokenizer tok;
        if (tqe_tokenizer_from_name(&tok, ctx, name)) die("%s", tqe_ctx_errmsg(ctx));
        rc = tqe_tokenize(out, ctx, tok, s, len);
    }
    if (rc) die("%s", tqe_ctx_errmsg(ctx));
}

/* tokenize.tsv: file line tokenizer tokenized */
static void check_tokenize_row(const char *dir, char **f, size_t nf)
{
    if (nf < 4) die("tokenize row with %zu fields", nf);
    const lines *L = wmt_file(dir, f[0]);
    size_t line = strtoul(f[1], NULL, 10);
    if (line < 1 || line > L->n) die("%s: line %zu out of range", f[0], line);
    tqe_buf out = TQE_BUF_INIT;
    tokenize_as(&out, f[2], L->v[line - 1]);
    const char *got = out.data ? out.data : "";
    if (strcmp(got, f[3]) != 0)
        mismatch("tokenize %s:%zu %s:\n  got      [%s]\n  expected [%s]", f[0], line, f[2], got,
                 f[3]);
    tqe_buf_free(&out);
}

/* ---- edge cases: exact strings through the API, no CLI rstrip ---- */

typedef struct edge_case {
    char *id, *hyp, *ref;
} edge_case;

static edge_case *cases;
static size_t ncases;

static void load_cases(const char *path)
{
    lines L = read_lines(path, false);
    cases = calloc(L.n, sizeof(*cases));
    if (!cases) die("out of memory");
    for (size_t i = 1; i < L.n; i++) {
        char *f[MAX_FIELDS];
        size_t nf = split_tabs(L.v[i], f, MAX_FIELDS);
        if (nf < 8 || strcmp(f[1], "sentence") != 0) continue;
        if (ncases && strcmp(cases[ncases - 1].id, f[0]) == 0) continue;
        unescape(f[2]);
        unescape(f[3]);
        cases[ncases++] = (edge_case){strdup(f[0]), strdup(f[2]), strdup(f[3])};
    }
    free_lines(&L);
}

static void check_edge_row(char **f, size_t nf)
{
    if (nf < 8) die("edge row with %zu fields", nf);
    unescape(f[2]);
    unescape(f[3]);
    bool sentence = strcmp(f[1], "sentence") == 0;
    spec sp = parse_spec(f[6], sentence);
    tqe_metric *m = make_metric(&sp);
    double *st;
    if (sentence) {
        char *h[1] = {f[2]}, *r[1] = {f[3]};
        st = corpus_stats(m, h, 1, (char **[]){r}, 1);
    } else {
        char **h = malloc(ncases * sizeof(char *)), **r = malloc(ncases * sizeof(char *));
        if (!h || !r) die("out of memory");
        for (size_t i = 0; i < ncases; i++) h[i] = cases[i].hyp, r[i] = cases[i].ref;
        st = corpus_stats(m, h, ncases, (char **[]){r}, 1);
        free(h);
        free(r);
    }
    tqe_score sc;
    tqe_metric_score(m, &sc, st);
    if (!near(sc.score, strtod(f[7], NULL)))
        mismatch("edge %s %s '%s': %.17g, expected %s", f[0], f[1], f[6], sc.score, f[7]);
    free(st);
    tqe_metric_free(m);
}

/* edge_tokenize.tsv: id side tokenizer tokenized (of the rstripped string) */
static void check_edge_tok_row(char **f, size_t nf)
{
    if (nf < 4) die("edge-tok row with %zu fields", nf);
    unescape(f[3]);
    const edge_case *c = NULL;
    for (size_t i = 0; i < ncases && !c; i++)
        if (strcmp(cases[i].id, f[0]) == 0) c = &cases[i];
    if (!c) die("unknown edge case %s", f[0]);
    const char *s = strcmp(f[1], "hyp") == 0 ? c->hyp : c->ref;
    char *t = strndup(s, tqe_utf8_rstrip_len(s, strlen(s)));
    tqe_buf out = TQE_BUF_INIT;
    tokenize_as(&out, f[2], t);
    const char *got = out.data ? out.data : "";
    if (strcmp(got, f[3]) != 0)
        mismatch("edge-tok %s %s %s:\n  got      [%s]\n  expected [%s]", f[0], f[1], f[2], got,
                 f[3]);
    tqe_buf_free(&out);
    free(t);
}

int main(int argc, char **argv)
{
    if (argc < 3) die("usage: conformance MODE GOLDEN.tsv [WMT_DIR|EDGE_CASES.tsv]");
    const char *mode = argv[1], *golden = argv[2], *aux = argc > 3 ? argv[3] : NULL;
    struct stat st;
    if (stat(golden, &st) != 0 || (aux && stat(aux, &st) != 0)) {
        printf("SKIPPED: %s not found (the shared conformance data is absent)\n",
               stat(golden, &st) != 0 ? golden : aux);
        return 77;
    }
    if (tqe_ctx_new(&ctx)) die("out of memory");
    if (!strcmp(mode, "edge") || !strcmp(mode, "edge-tok"))
        load_cases(!strcmp(mode, "edge") ? golden : aux);
    lines G = read_lines(golden, false);
    for (size_t i = 1; i < G.n; i++) {
        char *f[MAX_FIELDS];
        size_t nf = split_tabs(G.v[i], f, MAX_FIELDS);
        n_rows++;
        if (!strcmp(mode, "corpus"))
            check_corpus_row(aux, f, nf);
        else if (!strcmp(mode, "details"))
            check_details_row(aux, f, nf);
        else if (!strcmp(mode, "stats"))
            check_stats_row(aux, f, nf);
        else if (!strcmp(mode, "sentence"))
            check_sentence_row(aux, f, nf);
        else if (!strcmp(mode, "tokenize"))
            check_tokenize_row(aux, f, nf);
        else if (!strcmp(mode, "edge"))
            check_edge_row(f, nf);
        else if (!strcmp(mode, "edge-tok"))
            check_edge_tok_row(f, nf);
        else
            die("unknown mode %s", mode);
    }
    if (!strcmp(mode, "sentence")) check_sentence_row(aux, NULL, 7);
    printf("%s: %ld of %ld rows match (%s)\n", mode, n_rows - n_bad, n_rows, golden);
    free_lines(&G);
    for (size_t i = 0; i < ncache; i++) free_lines(&cache[i].L);
    for (size_t i = 0; i < ncases; i++) free(cases[i].id), free(cases[i].hyp), free(cases[i].ref);
    free(cases);
    tqe_ctx_free(ctx);
    return n_bad ? 1 : 0;
}
