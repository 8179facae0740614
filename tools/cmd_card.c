/* cmd_card.c - `tqe card`: per-paragraph scorecards of translations of one
 * source document (or a set of documents), written as CSV, JSON Lines, a
 * summary CSV and a self-contained HTML report. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "parallel.h"
#include "tool.h"

static const char usage[] =
    "usage: tqe card --src FILE [--src-lang en] --tgt [NAME=]LANG:FILE [--tgt ...]\n"
    "                [--ref LANG:FILE ...] [-o DIR] [--para lines|blank]\n"
    "                [--thresholds FILE] [--glossary FILE] [--extra-scores "
    "NAME=[TRANSLATION:]FILE]\n"
    "\n"
    "Align each translation with the source paragraph by paragraph (translations merge,\n"
    "split, drop and add paragraphs), check every aligned bead (numbers, names,\n"
    "untranslated text, omissions, additions, glossary) and score it (chrF and BLEU\n"
    "against references of its language when given, chrF against the source), then\n"
    "write into DIR (default reports/<source name>), all or nothing:\n"
    "  scorecard.csv    one row per bead per translation (RFC 4180, UTF-8)\n"
    "  scorecard.jsonl  the same records with full issue objects\n"
    "  summary.csv      one row per translation, with 95% bootstrap intervals and ranks\n"
    "  report.html      one self-contained page to read and forward\n"
    "Files ending in .tsv are read as doc<TAB>text lines (many documents, matched by\n"
    "id); other files as text, one paragraph a line (--para blank: blank-line blocks).\n"
    "--wmt FILE.xml takes the source, the references and every system output from a\n"
    "WMT test set (2021+ XML format): a whole test set is one call.\n"
    "\n"
    "Examples:\n"
    "  tqe card --src release.en.txt --tgt acme=de:acme.de.txt --tgt lingua=de:lingua.de.txt \\\n"
    "           -o reports/march\n"
    "  tqe card --src article.en.txt --tgt de:article.de.txt --ref de:article.ref.de.txt\n"
    "  tqe card --src docs.en.tsv --tgt sysA=de:sysA.tsv --extra-scores COMET=comet.txt\n"
    "  tqe card --wmt wmttest2022.en-de.xml -o reports/wmt22-en-de\n";

#define MAX_SPECS 64

typedef struct tr_spec {
    const char *name, *lang, *file;
    char *name_buf;
} tr_spec;

typedef struct card_args {
    const char *src, *src_lang, *out, *para, *thresholds, *glossary, *title, *data_dir, *wmt;
    char **tgts, **refs, **extras;
    size_t ntgts, nrefs, nextras;
    int bootstrap, jobs;
    const char *seed;  /* as given (NULL: the default) */
    unsigned long rng; /* the seed it gives, set by check_args */
    bool quiet;
} card_args;

/* "[NAME=]LANG:FILE" */
static int parse_spec(const char *arg, bool named, tr_spec *s)
{
    memset(s, 0, sizeof(*s));
    const char *eq = named ? strchr(arg, '=') : NULL, *colon = strchr(arg, ':');
    if (eq && colon && eq > colon) eq = NULL;
    const char *rest = eq ? eq + 1 : arg;
    colon = strchr(rest, ':');
    if (!colon || colon == rest || !colon[1]) {
        tool_error("card", "'%s': expected %sLANG:FILE", arg, named ? "[NAME=]" : "");
        return EXIT_BADINPUT;
    }
    s->file = colon + 1;
    size_t ll = (size_t)(colon - rest), nl = eq ? (size_t)(eq - arg) : 0;
    s->name_buf = malloc(ll + nl + 2);
    if (!s->name_buf) return EXIT_INTERNAL;
    memcpy(s->name_buf, rest, ll);
    s->name_buf[ll] = '\0';
    s->lang = s->name_buf;
    if (eq) {
        memcpy(s->name_buf + ll + 1, arg, nl);
        s->name_buf[ll + 1 + nl] = '\0';
        s->name = s->name_buf + ll + 1;
    } else {
        const char *slash = strrchr(s->file, '/');
        s->name = slash ? slash + 1 : s->file;
    }
    return 0;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && !strcmp(s + n - k, suffix);
}

static int read_docs(tqe_docset **out, tqe_ctx *ctx, const char *path, tqe_para_mode mode)
{
    if (ends_with(path, ".tsv")) return tqe_docset_read_tsv(out, ctx, path);
    return tqe_docset_read_text(out, ctx, path, mode);
}

/* One score per line ("", "nan" and "NA" are missing values). */
static int read_scores(tqe_ctx *ctx, const char *path, double **out, size_t *n)
{
    tqe_reader *rd;
    int rc = tqe_reader_open(&rd, ctx, path, NULL);
    if (rc) return tool_fail("card", ctx, rc);
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    const char *s;
    size_t len;
    while ((rc = tqe_reader_next(rd, &s, &len)) == 1) {
        if (*n == cap) {
            double *p = realloc(*out, (cap = cap ? 2 * cap : 1024) * sizeof(double));
            if (!p) {
                rc = tqe_ctx_seterr(ctx, TQE_ENOMEM, "%s: out of memory", path);
                break;
            }
            *out = p;
        }
        char *end;
        double v = strtod(s, &end);
        len = tqe_utf8_rstrip_len(s, len);
        if (len == 0 || !strcmp(s, "nan") || !strcmp(s, "NA"))
            v = NAN;
        else if (end != s + len) {
            tool_error("card", "%s:%llu: not a number: '%.40s'", path,
                       (unsigned long long)tqe_reader_lineno(rd), s);
            rc = -EXIT_BADINPUT;
            break;
        }
        (*out)[(*n)++] = v;
    }
    tqe_reader_free(rd);
    if (rc == -EXIT_BADINPUT) return EXIT_BADINPUT;
    return rc < 0 ? tool_fail("card", ctx, rc) : 0;
}

typedef struct progress {
    const char *name;
    struct timespec start;
    bool shown, on;
} progress;

static void on_progress(void *arg, double done)
{
    progress *p = arg;
    if (!p->on) return;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double el =
        (double)(now.tv_sec - p->start.tv_sec) + 1e-9 * (double)(now.tv_nsec - p->start.tv_nsec);
    if (el < 0.5 && !p->shown) return; /* quick runs stay quiet */
    p->shown = true;
    fprintf(stderr, "\rtqe card: %s%s%3.0f%%   ", p->name, *p->name ? " " : "", 100.0 * done);
    fflush(stderr);
}

static void print_interval(double v, double lo, double hi)
{
    if (isnan(v))
        printf(" %-20s", "-");
    else if (isnan(lo))
        printf(" %-20.1f", v);
    else {
        char b[48];
        snprintf(b, sizeof(b), "%.1f (%.1f-%.1f)", v, lo, hi);
        printf(" %-20s", b);
    }
}

static void print_summary(const tqe_card *c, const char *dir)
{
    size_t w = 11;
    for (size_t t = 0; t < tqe_card_count(c); t++) {
        size_t n = strlen(tqe_card_summary_get(c, t)->name);
        if (n > w) w = n;
    }
    printf("%-*s lang paras  words issues %-20s %-20s pass/warn/fail rank\n", (int)w, "translation",
           "per 1k words (95%)", "chrF vs ref (95%)");
    for (size_t t = 0; t < tqe_card_count(c); t++) {
        const tqe_card_summary *s = tqe_card_summary_get(c, t);
        char paras[32], grades[32], rank[16];
        snprintf(paras, sizeof(paras), "%zu/%zu", s->src_paras, s->tgt_paras);
        snprintf(grades, sizeof(grades), "%zu/%zu/%zu", s->grades[0], s->grades[1], s->grades[2]);
        snprintf(rank, sizeof(rank), "%zu%s", s->rank, s->rank_tied ? "=" : "");
        printf("%-*s %-4s %5s %6llu %6llu", (int)w, s->name, s->lang, paras,
               (unsigned long long)s->tgt_words, (unsigned long long)s->issues);
        print_interval(s->issues_per_kw, s->issues_per_kw_lo, s->issues_per_kw_hi);
        print_interval(s->chrf, s->chrf_lo, s->chrf_hi);
        printf(" %-14s %s\n", grades, rank);
    }
    printf("reports written to %s/: scorecard.csv scorecard.jsonl summary.csv report.html\n", dir);
}

/* "NAME=[TRANSLATION:]FILE": for one translation (or the only one). */
typedef struct extra_spec {
    char *name, *tr;
    const char *file;
    int column;
    double *v;
    size_t n;
} extra_spec;

static int parse_extra(const char *arg, extra_spec *e)
{
    memset(e, 0, sizeof(*e));
    const char *eq = strchr(arg, '=');
    if (!eq || eq == arg || !eq[1]) {
        tool_error("card", "--extra-scores '%s': expected NAME=[TRANSLATION:]FILE", arg);
        return EXIT_BADINPUT;
    }
    e->name = strndup(arg, (size_t)(eq - arg));
    const char *colon = strchr(eq + 1, ':');
    e->file = colon ? colon + 1 : eq + 1;
    e->tr = colon ? strndup(eq + 1, (size_t)(colon - eq - 1)) : NULL;
    return e->name ? 0 : EXIT_INTERNAL;
}

typedef struct card_run {
    card_args *a;
    tqe_ctx *ctx;
    tqe_card *card;
    tqe_docset *src;
    tr_spec tgt[MAX_SPECS], ref[MAX_SPECS];
    tqe_docset *ref_docs[MAX_SPECS];
    extra_spec extra[MAX_SPECS];
    char datadir[TOOL_PATH_MAX]; /* where tool_data_dir may put the path */
} card_run;

/* Read every translation, then align, check and score them all in one call
 * (its threads share out the documents of all translations). */
static int add_all(card_run *r)
{
    tqe_para_mode mode = !strcmp(r->a->para, "blank") ? TQE_PARA_BLANK : TQE_PARA_LINES;
    tqe_card_input in[MAX_SPECS];
    tqe_docset *docs[MAX_SPECS] = {0};
    const tqe_docset *refs[MAX_SPECS][MAX_SPECS];
    const double *ex[MAX_SPECS][MAX_SPECS];
    size_t nex[MAX_SPECS][MAX_SPECS];
    int st = 0;
    size_t n = r->a->ntgts;
    memset(ex, 0, sizeof(ex)), memset(nex, 0, sizeof(nex));
    for (size_t t = 0; !st && t < n; t++) {
        tr_spec *s = &r->tgt[t];
        st = read_docs(&docs[t], r->ctx, s->file, mode);
        in[t] = (tqe_card_input){s->name, s->lang, docs[t], refs[t], 0, ex[t], nex[t]};
        for (size_t k = 0; k < r->a->nrefs; k++)
            if (!strcmp(r->ref[k].lang, s->lang)) refs[t][in[t].nrefs++] = r->ref_docs[k];
        for (size_t k = 0; k < r->a->nextras; k++) {
            extra_spec *e = &r->extra[k];
            if (e->tr && strcmp(e->tr, s->name)) continue; /* unnamed: the only translation */
            ex[t][e->column] = e->v;
            nex[t][e->column] = e->n;
        }
    }
    progress p = {
        n == 1 ? r->tgt[0].name : "", {0, 0}, false, isatty(STDERR_FILENO) && !r->a->quiet};
    clock_gettime(CLOCK_MONOTONIC, &p.start);
    if (!st) st = tqe_card_add_translations(r->card, r->src, in, n, on_progress, &p);
    if (p.shown) fputs("\r\x1b[K", stderr);
    for (size_t t = 0; t < n; t++) tqe_docset_free(docs[t]);
    return st ? tool_fail("card", r->ctx, st) : 0;
}

static int load_inputs(card_run *r, tqe_thresholds *th, tqe_glossary **g)
{
    card_args *a = r->a;
    tqe_para_mode mode = !strcmp(a->para, "blank") ? TQE_PARA_BLANK : TQE_PARA_LINES;
    int st = read_docs(&r->src, r->ctx, a->src, mode);
    if (!st && tqe_docset_count(r->src) == 0) {
        tool_error("card", "%s: no paragraphs (the file is empty or has only blank lines)", a->src);
        return EXIT_BADINPUT;
    }
    tqe_thresholds_default(th);
    if (!st && a->thresholds) st = tqe_thresholds_load(th, r->ctx, a->thresholds);
    if (!st && a->glossary) st = tqe_glossary_load(g, r->ctx, a->glossary);
    for (size_t k = 0; !st && k < a->nrefs; k++)
        st = read_docs(&r->ref_docs[k], r->ctx, r->ref[k].file, mode);
    return st ? tool_fail("card", r->ctx, st) : 0;
}

static int register_extras(card_run *r)
{
    for (size_t k = 0; k < r->a->nextras; k++) {
        extra_spec *e = &r->extra[k];
        int rc = parse_extra(r->a->extras[k], e);
        if (rc) return rc;
        if (!e->tr && r->a->ntgts != 1) {
            tool_error("card",
                       "--extra-scores %s: name the translation (NAME=TRANSLATION:FILE) when "
                       "there are several",
                       e->name);
            return EXIT_BADINPUT;
        }
        bool known = !e->tr;
        for (size_t j = 0; !known && j < r->a->ntgts; j++) known = !strcmp(r->tgt[j].name, e->tr);
        if (!known) {
            tool_error("card",
                       "--extra-scores %s: no translation is named '%s' (see --tgt NAME=...)",
                       e->name, e->tr);
            return EXIT_BADINPUT;
        }
        e->column = -1;
        for (size_t j = 0; j < k; j++)
            if (!strcmp(r->extra[j].name, e->name)) e->column = r->extra[j].column;
        if (e->column < 0 && (e->column = tqe_card_add_extra_column(r->card, e->name)) < 0)
            return tool_fail("card", r->ctx, e->column);
        if ((rc = read_scores(r->ctx, e->file, &e->v, &e->n))) return rc;
    }
    return 0;
}

/* reports/<source file name without directory and extension> */
static char *default_dir(const char *src)
{
    const char *base = strrchr(src, '/');
    base = base ? base + 1 : src;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    char *d = malloc(n + 9);
    if (d) snprintf(d, n + 9, "reports/%.*s", (int)n, base);
    return d;
}

static int render_and_write(card_run *r, const char *dir)
{
    tqe_buf csv = TQE_BUF_INIT, jl = TQE_BUF_INIT, sum = TQE_BUF_INIT, html = TQE_BUF_INIT;
    /* Default title: "Scorecard: article.en.txt" (the file, not the path typed). */
    const char *src = tqe_card_source_name(r->card), *base = strrchr(src, '/');
    char deftitle[512];
    snprintf(deftitle, sizeof(deftitle), "Scorecard: %s", base ? base + 1 : src);
    const char *title = r->a->title ? r->a->title : deftitle;
    int st = tqe_card_render_csv(&csv, r->card);
    if (!st) st = tqe_card_render_jsonl(&jl, r->card);
    if (!st) st = tqe_card_render_summary_csv(&sum, r->card);
    if (!st) st = tqe_card_render_html(&html, r->card, title);
    int rc = st ? tool_fail("card", r->ctx, st) : 0;
    const char *names[] = {"scorecard.csv", "scorecard.jsonl", "summary.csv", "report.html"};
    const tqe_buf *data[] = {&csv, &jl, &sum, &html};
    if (!rc) rc = tool_write_files("card", dir, names, data, 4);
    tqe_buf_free(&csv), tqe_buf_free(&jl), tqe_buf_free(&sum), tqe_buf_free(&html);
    return rc;
}

/* --wmt: every system of the test set against the source, with every
 * reference of its language. */
static int add_wmt(card_run *r, const tqe_wmt *w)
{
    const char *rlang0 = tqe_wmt_ref_count(w) ? "" : NULL;
    if (rlang0) tqe_wmt_ref(w, 0, NULL, &rlang0);
    size_t n = tqe_wmt_system_count(w);
    tqe_card_input *in = calloc(n + 1, sizeof(*in));
    const tqe_docset **refs = calloc((n + 1) * (tqe_wmt_ref_count(w) + 1), sizeof(*refs));
    int rc = in && refs ? 0 : EXIT_INTERNAL;
    for (size_t k = 0; !rc && k < n; k++) {
        const char *name, *lang;
        const tqe_docset *d = tqe_wmt_system(w, k, &name, &lang);
        if (!*lang && rlang0) lang = rlang0;
        if (!*lang) {
            tool_error("card",
                       "%s: system '%s' has no lang attribute and there is no reference to "
                       "take it from",
                       r->a->wmt, name);
            rc = EXIT_BADINPUT;
            break;
        }
        const tqe_docset **mine = refs + k * (tqe_wmt_ref_count(w) + 1);
        in[k] = (tqe_card_input){name, lang, d, mine, 0, NULL, NULL};
        for (size_t j = 0; j < tqe_wmt_ref_count(w); j++) {
            const char *rl;
            const tqe_docset *rd = tqe_wmt_ref(w, j, NULL, &rl);
            if (!strcmp(rl, lang)) mine[in[k].nrefs++] = rd;
        }
    }
    progress p = {"", {0, 0}, false, isatty(STDERR_FILENO) && !r->a->quiet};
    clock_gettime(CLOCK_MONOTONIC, &p.start);
    int st =
        rc ? 0
           : tqe_card_add_translations(r->card, tqe_wmt_source(w, NULL), in, n, on_progress, &p);
    if (p.shown) fputs("\r\x1b[K", stderr);
    if (st) rc = tool_fail("card", r->ctx, st);
    free(in);
    free(refs);
    return rc;
}

static int check_args(card_args *a)
{
    if (a->wmt && (a->src || a->ntgts || a->nrefs))
        return tool_error("card",
                          "--wmt brings the source, references and systems: no --src, --tgt "
                          "or --ref with it"),
               EXIT_BADINPUT;
    if (a->bootstrap < 0) return tool_error("card", "--bootstrap must be >= 0"), EXIT_BADINPUT;
    if (a->jobs < 0) return tool_error("card", "--jobs must be at least 1"), EXIT_BADINPUT;
    tqe_rng_seed seed;
    if (tool_parse_seed("card", a->seed, false, &seed, NULL)) return EXIT_BADINPUT;
    a->rng = seed.seed;
    if (a->wmt) return 0;
    if (!a->src || !a->ntgts)
        return tool_error("card",
                          "--src and at least one --tgt are required (see tqe card --help)"),
               EXIT_BADINPUT;
    if (a->ntgts > MAX_SPECS || a->nrefs > MAX_SPECS || a->nextras > MAX_SPECS)
        return tool_error("card", "at most %d translations, references and extra scores",
                          MAX_SPECS),
               EXIT_BADINPUT;
    if (strcmp(a->para, "lines") && strcmp(a->para, "blank"))
        return tool_error("card", "--para: choose lines or blank"), EXIT_BADINPUT;
    return 0;
}

/* The card's options from the command line (src_lang: the input's own). */
static tqe_card_options card_options(card_run *r, const char *src_lang, const tqe_glossary *g,
                                     const tqe_thresholds *th)
{
    tqe_card_options o = TQE_CARD_OPTIONS_INIT;
    o.src_lang = src_lang;
    o.data_dir = tool_data_dir(r->a->data_dir, r->datadir);
    o.glossary = g;
    o.thresholds = th;
    o.bootstrap = r->a->bootstrap;
    o.seed = r->a->rng;
    o.jobs = (int)tool_jobs(r->a->jobs);
    return o;
}

/* Finish the card and write its reports into -o or reports/<name of `input`>. */
static int finish_and_write(card_run *r, const char *input)
{
    int st = tqe_card_finish(r->card);
    if (st) return tool_fail("card", r->ctx, st);
    char *dir = r->a->out ? NULL : default_dir(input);
    const char *out = r->a->out ? r->a->out : dir;
    int rc = out ? render_and_write(r, out) : EXIT_INTERNAL;
    if (!rc && !r->a->quiet) print_summary(r->card, out);
    free(dir);
    return rc;
}

static int run_wmt(card_run *r)
{
    card_args *a = r->a;
    tqe_wmt *w = NULL;
    tqe_thresholds th;
    tqe_glossary *g = NULL;
    tqe_thresholds_default(&th);
    int st = tqe_wmt_read(&w, r->ctx, a->wmt);
    if (!st && a->thresholds) st = tqe_thresholds_load(&th, r->ctx, a->thresholds);
    if (!st && a->glossary) st = tqe_glossary_load(&g, r->ctx, a->glossary);
    const char *slang = NULL;
    if (!st) tqe_wmt_source(w, &slang);
    tqe_card_options o = card_options(r, slang && *slang ? slang : a->src_lang, g, &th);
    if (!st) st = tqe_card_new(&r->card, r->ctx, &o);
    int rc = st ? tool_fail("card", r->ctx, st) : add_wmt(r, w);
    if (!rc) rc = finish_and_write(r, a->wmt);
    tqe_glossary_free(g);
    tqe_wmt_free(w);
    return rc;
}

static int run_card(card_run *r)
{
    card_args *a = r->a;
    int rc = 0;
    if (a->wmt) return run_wmt(r);
    for (size_t k = 0; !rc && k < a->ntgts; k++) rc = parse_spec(a->tgts[k], true, &r->tgt[k]);
    for (size_t k = 0; !rc && k < a->nrefs; k++) rc = parse_spec(a->refs[k], false, &r->ref[k]);
    for (size_t k = 0; !rc && k < a->ntgts; k++)
        for (size_t j = 0; !rc && j < k; j++)
            if (!strcmp(r->tgt[k].name, r->tgt[j].name))
                tool_error("card",
                           "two translations are named '%s': name them (--tgt NAME=LANG:FILE)",
                           r->tgt[k].name),
                    rc = EXIT_BADINPUT;
    if (rc) return rc;
    tqe_thresholds th;
    tqe_glossary *g = NULL;
    if ((rc = load_inputs(r, &th, &g))) return tqe_glossary_free(g), rc;
    tqe_card_options o = card_options(r, a->src_lang, g, &th);
    int st = tqe_card_new(&r->card, r->ctx, &o);
    rc = st ? tool_fail("card", r->ctx, st) : register_extras(r);
    if (!rc) rc = add_all(r);
    if (!rc) rc = finish_and_write(r, a->src);
    tqe_glossary_free(g);
    return rc;
}

int cmd_card(int argc, char **argv)
{
    card_args a = {NULL, "en", NULL, "lines", NULL, NULL, NULL, NULL, NULL, NULL,
                   NULL, NULL, 0,    0,       0,    1000, 0,    NULL, 0,    false};
    const tool_option opts[] = {
        {"--src", OPT_STRING, &a.src, NULL, "FILE", "English source (text, or doc<TAB>text .tsv)",
         NULL},
        {"--src-lang", OPT_STRING, &a.src_lang, NULL, "LANG", "source language (en)", NULL},
        {"--tgt", OPT_LIST, &a.tgts, &a.ntgts, "[NAME=]LANG:FILE", "a translation (repeatable)",
         NULL},
        {"--ref", OPT_LIST, &a.refs, &a.nrefs, "LANG:FILE", "a reference translation (repeatable)",
         NULL},
        {"-o|--output", OPT_STRING, &a.out, NULL, "DIR", "output directory (reports/<source name>)",
         NULL},
        {"--para", OPT_STRING, &a.para, NULL, "MODE", "lines (default) or blank", NULL},
        {"--thresholds", OPT_STRING, &a.thresholds, NULL, "FILE", "grading: key<TAB>warn<TAB>fail",
         NULL},
        {"--glossary", OPT_STRING, &a.glossary, NULL, "FILE",
         "term<TAB>form|form or term<TAB>=", NULL},
        {"--extra-scores", OPT_LIST, &a.extras, &a.nextras, "NAME=[TR:]FILE",
         "join a per-paragraph score column (repeatable)", NULL},
        {"--wmt", OPT_STRING, &a.wmt, NULL, "FILE.xml",
         "a WMT XML test set: source, references, systems", NULL},
        {"--title", OPT_STRING, &a.title, NULL, "TEXT", "title of the HTML report", NULL},
        {"--bootstrap", OPT_INT, &a.bootstrap, NULL, "N", "resamples for the intervals (1000)",
         NULL},
        {"--seed", OPT_STRING, &a.seed, NULL, "N",
         "random seed of the resampling (default: $SACREBLEU_SEED or 12345)", NULL},
        {"--data-dir", OPT_STRING, &a.data_dir, NULL, "DIR", "tqe's references/ directory", NULL},
        {"--jobs", OPT_INT, &a.jobs, NULL, "N", "worker threads (default: the number of cores)",
         NULL},
        {"-q|--quiet", OPT_FLAG, &a.quiet, NULL, NULL, "no summary table, no progress", NULL},
    };
    int rc =
        tool_parse("card", argc, argv, opts, sizeof(opts) / sizeof(opts[0]), NULL, NULL, usage);
    if (rc) goto out;
    if ((rc = check_args(&a))) goto out;
    card_run r;
    memset(&r, 0, sizeof(r));
    r.a = &a;
    if (tqe_ctx_new(&r.ctx)) {
        rc = EXIT_INTERNAL;
        goto out;
    }
    rc = run_card(&r);
    tqe_card_free(r.card);
    tqe_docset_free(r.src);
    for (size_t k = 0; k < MAX_SPECS; k++) {
        tqe_docset_free(r.ref_docs[k]);
        free(r.tgt[k].name_buf), free(r.ref[k].name_buf);
        free(r.extra[k].name), free(r.extra[k].tr), free(r.extra[k].v);
    }
    tqe_ctx_free(r.ctx);
out:
    free(a.tgts), free(a.refs), free(a.extras);
    return rc < 0 ? EXIT_OK : rc;
}
