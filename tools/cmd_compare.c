/* cmd_compare.c - `tqe compare`: is a candidate translation of a test set
 * worse than the baseline beyond noise? Parses the options, reads the files
 * in lockstep into the library's comparison (lib/compare.c) and prints its
 * renderings; exit 1 when a gate fails. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tool.h"

static const char usage[] =
    "usage: tqe compare --ref REF [--ref REF2 ...] --baseline B --candidate C\n"
    "                   [--src SRC [--src-lang en] --tgt-lang LANG]\n"
    "                   [--metrics bleu,chrf,ter,qa] [--max-drop chrf=0.5,bleu=1.0]\n"
    "                   [--max-new-issues number=0,entity=2] [--junit FILE]\n"
    "                   [--markdown FILE] [--worst N] [--seed N]\n"
    "\n"
    "Compare a candidate translation of a test set with a baseline translation (line i\n"
    "of every file is segment i) and exit 1 when the candidate is worse beyond noise.\n"
    "\n"
    "Metrics: bleu, chrf, ter are BLEU, chrF2 and TER as tqe score computes them\n"
    "(sacreBLEU 2.5.1 defaults; several --ref files are multiple references). BLEU's\n"
    "tokenizer follows --tgt-lang as sacreBLEU's default does: zh for Chinese, char\n"
    "for Japanese and Korean (sacreBLEU's mecab tokenizers are not available), 13a\n"
    "otherwise. Each metric gets both corpus scores, the delta (candidate - baseline)\n"
    "with a 95% paired bootstrap interval (both systems on the same resamples) and an\n"
    "approximate-randomization p-value. qa counts tqe check's issues per type in both\n"
    "translations of the same source (needs --src and --tgt-lang). Default: bleu,chrf,\n"
    "ter, and qa when --src and --tgt-lang are given.\n"
    "\n"
    "A regression (exit 1) is either of:\n"
    "  - a metric worse by more than its max drop (score points: baseline - candidate\n"
    "    for BLEU and chrF, candidate - baseline for TER) AND p < 0.05. The two-sided\n"
    "    permutation test decides (it tests directly whether the two outputs could\n"
    "    be swapped segment by segment without changing the score difference); the\n"
    "    bootstrap interval shows how large the change is. --max-drop defaults:\n"
    "    bleu=1.0,chrf=0.5,ter=1.0, about the 95% half-width of one system's score on\n"
    "    2,000 segments: a smaller drop is not worth failing a build, significant or not.\n"
    "  - an issue count that rises by more than its max new: candidate - baseline >\n"
    "    N (no significance test: the check is deterministic). Keys: number (the types\n"
    "    number_missing, number_altered and number_extra together), entity\n"
    "    (entity_missing and entity_altered), all, or a type name (untranslated,\n"
    "    omission, addition, glossary, ...). --max-new-issues defaults:\n"
    "    number=2,untranslated=2; other types are reported, not gated.\n"
    "Keys given override the defaults; the others keep them; 'none' ungates a key.\n"
    "\n"
    "Output: on standard output the scores, the issue counts, and the --worst N (10)\n"
    "segments that got most worse by sentence chrF (candidate - baseline) and those\n"
    "with most new issues, with source, references, baseline and candidate; the same\n"
    "as Markdown for a pull-request comment with --markdown; JUnit XML (a testcase per\n"
    "metric and issue type) with --junit. Failed gates are named on standard error.\n"
    "Resampling is seeded with --seed N, else $SACREBLEU_SEED, else 12345 ('none': the\n"
    "clock): the same files and seed give the same outputs, byte for byte.\n"
    "Exit status: 0 no regression, 1 regression, 2 bad input or usage.\n"
    "\n"
    "Examples:\n"
    "  tqe compare --ref test.de --baseline last.de --candidate new.de\n"
    "  tqe compare --ref test.de --baseline last.de --candidate new.de --src test.en \\\n"
    "      --tgt-lang de --metrics bleu,chrf,qa --max-drop chrf=0.5 --junit results.xml\n"
    "  tqe compare --ref a.de --ref b.de --baseline last.de --candidate new.de \\\n"
    "      --max-drop bleu=none,chrf=0.3 --max-new-issues number=0 --markdown pr.md\n";

enum { M_BLEU, M_CHRF, M_TER, M_QA, M_N };
static const char *const metric_keys[M_N] = {"bleu", "chrf", "ter", "qa"};
static const double default_drop[3] = {1.0, 0.5, 1.0};

typedef struct gate {
    char *key;
    unsigned types;
    double limit; /* NAN: "none" */
    bool given;   /* on the command line (else a default) */
} gate;

typedef struct compare_args {
    char **refs, **metric_list;
    size_t nrefs, nmetric_list;
    const char *baseline, *candidate, *src, *src_lang, *tgt_lang, *glossary, *data_dir;
    const char *max_drop, *max_new, *junit, *markdown, *seed;
    int worst, bs_n, ar_n;
    bool use[M_N];
    double drop[3];
    gate *gates;
    size_t ngates;
} compare_args;

static int usage_error(const char *msg)
{
    tool_error("compare", "%s (see tqe compare --help)", msg);
    return EXIT_BADINPUT;
}

/* Every comma-separated item of the --metrics values ("bleu,chrf" or "bleu chrf"). */
static int parse_metrics(compare_args *a)
{
    if (a->nmetric_list == 0) {
        a->use[M_BLEU] = a->use[M_CHRF] = a->use[M_TER] = true;
        a->use[M_QA] = a->src && a->tgt_lang;
        return 0;
    }
    for (size_t i = 0; i < a->nmetric_list; i++) {
        const char *p = a->metric_list[i];
        while (*p) {
            size_t n = strcspn(p, ",");
            int k = 0;
            while (k < M_N && (strlen(metric_keys[k]) != n || strncmp(metric_keys[k], p, n))) k++;
            if (k == M_N) {
                tool_error("compare",
                           "--metrics: unknown metric '%.*s' (choose from bleu, chrf, "
                           "ter, qa)",
                           (int)n, p);
                return EXIT_BADINPUT;
            }
            a->use[k] = true;
            p += n + (p[n] == ',');
        }
    }
    return 0;
}

/* A threshold: a number >= 0 (an integer when `integer`), or "none" (NAN). */
static int parse_limit(const char *opt, const char *key, const char *val, bool integer, double *out)
{
    if (!strcmp(val, "none")) {
        *out = NAN;
        return 0;
    }
    char *end;
    errno = 0;
    double v = strtod(val, &end);
    if (*end || errno || !isfinite(v) || v < 0 || (integer && v != floor(v))) {
        tool_error("compare", "%s: %s=%s: the value must be %s or 'none'", opt, key, val,
                   integer ? "a whole number >= 0" : "a number >= 0");
        return EXIT_BADINPUT;
    }
    *out = v;
    return 0;
}

typedef int (*kv_fn)(compare_args *a, const char *opt, const char *key, const char *val,
                     unsigned *seen);

/* "k=v,k=v": fn for each pair; a key may appear once. */
static int parse_kv(compare_args *a, const char *opt, const char *list, kv_fn fn)
{
    char *copy = strdup(list);
    if (!copy) return EXIT_INTERNAL;
    unsigned seen = 0;
    int rc = 0;
    for (char *t = copy, *next; t && !rc; t = next) {
        next = strchr(t, ',');
        if (next) *next++ = '\0';
        char *eq = strchr(t, '=');
        if (!eq || eq == t || !eq[1]) {
            tool_error("compare", "%s: expected KEY=VALUE, not '%s'", opt, t);
            rc = EXIT_BADINPUT;
            break;
        }
        *eq = '\0';
        rc = fn(a, opt, t, eq + 1, &seen);
    }
    free(copy);
    return rc;
}

static int set_drop(compare_args *a, const char *opt, const char *key, const char *val,
                    unsigned *seen)
{
    int k = M_BLEU;
    while (k <= M_TER && strcmp(metric_keys[k], key)) k++;
    if (k > M_TER) {
        tool_error("compare", "%s: unknown metric '%s' (choose from bleu, chrf, ter)", opt, key);
        return EXIT_BADINPUT;
    }
    if (!a->use[k]) {
        tool_error("compare", "%s: %s is not compared (see --metrics)", opt, key);
        return EXIT_BADINPUT;
    }
    if (*seen & (1u << k)) {
        tool_error("compare", "%s: %s is given twice", opt, key);
        return EXIT_BADINPUT;
    }
    *seen |= 1u << k;
    return parse_limit(opt, key, val, false, &a->drop[k]);
}

/* The issue types a --max-new-issues key stands for, or 0. */
static unsigned key_types(const char *key)
{
    unsigned bits = 0;
    size_t n = strlen(key);
    bool family = !strcmp(key, "number") || !strcmp(key, "entity");
    for (unsigned t = 0; t < TQE_ISSUE_TYPE_COUNT; t++) {
        const char *name = tqe_issue_type_name((tqe_issue_type)t);
        if (!strcmp(key, "all") || !strcmp(name, key) ||
            (family && !strncmp(name, key, n) && name[n] == '_'))
            bits |= 1u << t;
    }
    return bits;
}

static int set_gate(compare_args *a, const char *opt, const char *key, const char *val,
                    unsigned *seen)
{
    (void)seen; /* keys are remembered in a->gates */
    unsigned types = key_types(key);
    if (!types) {
        tool_error("compare",
                   "%s: unknown issue type '%s' (number, entity, all or a type: see "
                   "tqe check --help)",
                   opt, key);
        return EXIT_BADINPUT;
    }
    double limit;
    int rc = parse_limit(opt, key, val, true, &limit);
    if (rc) return rc;
    size_t i = 0;
    while (i < a->ngates && strcmp(a->gates[i].key, key)) i++;
    if (i < a->ngates && a->gates[i].given)
        return tool_error("compare", "%s: %s is given twice", opt, key), EXIT_BADINPUT;
    if (i == a->ngates) {
        gate *g = realloc(a->gates, (a->ngates + 1) * sizeof(*g));
        if (!g) return EXIT_INTERNAL;
        a->gates = g;
        if (!(g[i].key = strdup(key))) return EXIT_INTERNAL;
        a->ngates++;
    }
    a->gates[i].types = types;
    a->gates[i].limit = limit;
    a->gates[i].given = true;
    return 0;
}

/* Usage checks that need no file; fills a->use, a->drop, a->gates. */
static int check_args(compare_args *a)
{
    if (!a->nrefs || !a->baseline || !a->candidate)
        return usage_error("--ref, --baseline and --candidate are required");
    int rc = parse_metrics(a);
    if (rc) return rc;
    if (a->use[M_QA] && (!a->src || !a->tgt_lang))
        return usage_error("qa compares tqe check's issues: it needs --src and --tgt-lang");
    if (!a->use[M_BLEU] && !a->use[M_CHRF] && !a->use[M_TER] && !a->use[M_QA])
        return usage_error("--metrics: nothing to compare");
    if (a->worst < 0) return usage_error("--worst must be 0 or more");
    if (a->bs_n < 1 || a->ar_n < 1)
        return usage_error("--paired-bs-n and --paired-ar-n must be at least 1");
    for (int k = M_BLEU; k <= M_TER; k++) a->drop[k] = default_drop[k];
    if (a->max_drop && (rc = parse_kv(a, "--max-drop", a->max_drop, set_drop))) return rc;
    if (a->max_new && !a->use[M_QA])
        return usage_error("--max-new-issues needs qa among --metrics (and --src, --tgt-lang)");
    if (a->use[M_QA]) {
        /* The defaults first, so that the user's keys replace them. */
        if ((rc = parse_kv(a, "default", "number=2,untranslated=2", set_gate))) return rc;
        for (size_t i = 0; i < a->ngates; i++) a->gates[i].given = false;
        if (a->max_new && (rc = parse_kv(a, "--max-new-issues", a->max_new, set_gate))) return rc;
    }
    return 0;
}

/* The files in the order they are read: references, baseline, candidate, source. */
static size_t input_paths(const compare_args *a, const char **paths)
{
    size_t n = 0;
    for (size_t i = 0; i < a->nrefs; i++) paths[n++] = a->refs[i];
    paths[n++] = a->baseline;
    paths[n++] = a->candidate;
    if (a->src) paths[n++] = a->src;
    return n;
}

typedef struct session {
    tqe_ctx *ctx;
    tqe_metric *m[3];
    tqe_glossary *glossary;
    tqe_checker *ck;
    tqe_compare *cmp;
    tqe_reader **rd; /* input_paths order */
    size_t nrd;
    char datadir[TOOL_PATH_MAX]; /* where tool_data_dir may put the path */
} session;

static void session_free(session *s)
{
    for (size_t i = 0; s->rd && i < s->nrd; i++) tqe_reader_free(s->rd[i]);
    free(s->rd);
    tqe_compare_free(s->cmp);
    tqe_checker_free(s->ck);
    tqe_glossary_free(s->glossary);
    for (int k = 0; k < 3; k++) tqe_metric_free(s->m[k]);
    tqe_ctx_free(s->ctx);
}

static int make_metric(session *s, const compare_args *a, int k)
{
    if (k == M_BLEU) {
        tqe_bleu_options o = TQE_BLEU_OPTIONS_INIT;
        o.tokenize = tqe_tokenizer_for_lang(a->tgt_lang);
        return tqe_metric_new_bleu(&s->m[k], s->ctx, &o);
    }
    if (k == M_CHRF) {
        tqe_chrf_options o = TQE_CHRF_OPTIONS_INIT;
        return tqe_metric_new_chrf(&s->m[k], s->ctx, &o);
    }
    tqe_ter_options o = TQE_TER_OPTIONS_INIT;
    return tqe_metric_new_ter(&s->m[k], s->ctx, &o);
}

static int make_checker(session *s, const compare_args *a)
{
    tqe_check_options o = TQE_CHECK_OPTIONS_INIT;
    o.src_lang = a->src_lang;
    o.tgt_lang = a->tgt_lang;
    o.data_dir = tool_data_dir(a->data_dir, s->datadir);
    int rc = a->glossary ? tqe_glossary_load(&s->glossary, s->ctx, a->glossary) : 0;
    o.glossary = s->glossary;
    if (!rc) rc = tqe_checker_new(&s->ck, s->ctx, &o);
    if (!rc) rc = tool_add_source_context(s->ctx, s->ck, a->src);
    if (!rc) rc = tqe_compare_set_checker(s->cmp, s->ck);
    for (size_t i = 0; !rc && i < a->ngates; i++)
        if (!isnan(a->gates[i].limit))
            rc = tqe_compare_add_issue_gate(s->cmp, a->gates[i].key, a->gates[i].types,
                                            a->gates[i].limit);
    return rc;
}

/* The comparison with its metrics, checker and gates. */
static int setup(session *s, const compare_args *a, tqe_rng_seed seed)
{
    tqe_compare_options o = TQE_COMPARE_OPTIONS_INIT;
    o.bootstrap = a->bs_n;
    o.ar_trials = a->ar_n;
    o.seed = seed;
    o.worst = (size_t)a->worst;
    o.baseline_name = strcmp(a->baseline, "-") ? a->baseline : "<stdin>";
    o.candidate_name = strcmp(a->candidate, "-") ? a->candidate : "<stdin>";
    int rc = tqe_compare_new(&s->cmp, s->ctx, &o);
    for (int k = M_BLEU; !rc && k <= M_TER; k++) {
        if (!a->use[k]) continue;
        rc = make_metric(s, a, k);
        if (!rc) rc = tqe_compare_add_metric(s->cmp, s->m[k], a->drop[k]);
    }
    if (!rc && a->use[M_QA]) rc = make_checker(s, a);
    return rc;
}

/* All readers ended, or some did and others go on: name one of each. */
static int mismatch(session *s, const int *got)
{
    size_t e = 0, g = 0;
    while (got[e] != 0) e++;
    while (got[g] == 0) g++;
    return tqe_ctx_seterr(s->ctx, TQE_EMISMATCH,
                          "%s ends after %llu lines but %s goes on: line i of every file must be "
                          "segment i of the test set",
                          tqe_reader_name(s->rd[e]),
                          (unsigned long long)tqe_reader_lineno(s->rd[e]),
                          tqe_reader_name(s->rd[g]));
}

/* Read every file in lockstep and add the segments. */
#define COMPARE_MAX_LINE (1 << 20)

static int read_all(session *s, const compare_args *a, const char *const *paths)
{
    const char **line = calloc(s->nrd, sizeof(*line));
    size_t *len = calloc(s->nrd, sizeof(*len));
    int *got = calloc(s->nrd, sizeof(*got));
    int rc = line && len && got ? 0 : TQE_ENOMEM;
    for (size_t i = 0; !rc && i < s->nrd; i++)
        rc = tqe_reader_open(&s->rd[i], s->ctx, paths[i], NULL);
    /* As tqe score's default --max-line-bytes: a longer line is a lost line break. */
    for (size_t i = 0; !rc && i < s->nrd; i++)
        tqe_reader_limit_lines(s->rd[i], COMPARE_MAX_LINE, "tqe compare handles");
    size_t nr = a->nrefs;
    while (!rc) {
        size_t ended = 0;
        for (size_t i = 0; !rc && i < s->nrd; i++) {
            if ((got[i] = tqe_reader_next(s->rd[i], &line[i], &len[i])) < 0) rc = got[i];
            ended += got[i] == 0;
        }
        if (rc || ended == s->nrd) break;
        if (ended) {
            rc = mismatch(s, got);
            break;
        }
        rc = tqe_compare_add_segment(s->cmp, a->src ? line[nr + 2] : NULL, a->src ? len[nr + 2] : 0,
                                     line, len, nr, line[nr], len[nr], line[nr + 1], len[nr + 1]);
    }
    free(line);
    free(len);
    free(got);
    return rc;
}

/* Standard output, the files asked for, and the failed gates on stderr. */
static int report(session *s, const compare_args *a)
{
    tqe_buf b = TQE_BUF_INIT;
    bool color = isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
    int rc = tqe_compare_render_text(&b, s->cmp, color) ? EXIT_INTERNAL : 0;
    if (!rc && (fwrite(b.data, 1, b.len, stdout) != b.len || fflush(stdout)))
        rc = (tool_error("compare", "cannot write the output"), EXIT_BADINPUT);
    if (!rc && a->markdown) {
        tqe_buf_clear(&b);
        rc = tqe_compare_render_markdown(&b, s->cmp) ? EXIT_INTERNAL
                                                     : tool_write_file("compare", a->markdown, &b);
    }
    if (!rc && a->junit) {
        tqe_buf_clear(&b);
        rc = tqe_compare_render_junit(&b, s->cmp) ? EXIT_INTERNAL
                                                  : tool_write_file("compare", a->junit, &b);
    }
    if (!rc && tqe_compare_failed(s->cmp)) {
        tqe_buf_clear(&b);
        rc = tqe_compare_render_failures(&b, s->cmp) ? EXIT_INTERNAL : EXIT_FINDINGS;
        for (char *l = b.data, *nl; l && *l; l = nl + 1) {
            nl = strchr(l, '\n');
            tool_error("compare", "FAIL: %.*s", (int)(nl - l), l);
        }
    }
    tqe_buf_free(&b);
    return rc;
}

static int run(const compare_args *a)
{
    tqe_rng_seed seed;
    const char *paths[64];
    if (a->nrefs + 3 > sizeof(paths) / sizeof(paths[0])) return usage_error("too many --ref files");
    size_t n = input_paths(a, paths);
    int rc = tool_parse_seed("compare", a->seed, true, &seed, NULL);
    if (rc) return rc;
    session s;
    memset(&s, 0, sizeof(s));
    if (tqe_ctx_new(&s.ctx) || !(s.rd = calloc(n, sizeof(*s.rd)))) {
        session_free(&s);
        return EXIT_INTERNAL;
    }
    s.nrd = n;
    int st = setup(&s, a, seed);
    if (!st) st = read_all(&s, a, paths);
    if (!st) st = tqe_compare_finish(s.cmp);
    if (st == TQE_EINVAL && tqe_compare_segment_count(s.cmp) == 0)
        tqe_ctx_clear(s.ctx),
            tqe_ctx_seterr(s.ctx, st, "no segments to compare: the files are empty");
    rc = st ? tool_fail("compare", s.ctx, st) : report(&s, a);
    session_free(&s);
    return rc;
}

int cmd_compare(int argc, char **argv)
{
    compare_args a;
    memset(&a, 0, sizeof(a));
    a.src_lang = "en";
    a.worst = 10;
    a.bs_n = 1000;
    a.ar_n = 10000;
    const tool_option opts[] = {
        {"--ref", OPT_LIST, &a.refs, &a.nrefs, "FILE", "reference translation (repeat for more)",
         NULL},
        {"--baseline", OPT_STRING, &a.baseline, NULL, "FILE", "the system to compare against",
         NULL},
        {"--candidate", OPT_STRING, &a.candidate, NULL, "FILE", "the new system", NULL},
        {"--src", OPT_STRING, &a.src, NULL, "FILE", "source text (shown; needed for qa)", NULL},
        {"--src-lang", OPT_STRING, &a.src_lang, NULL, "LANG", "source language (en)", NULL},
        {"--tgt-lang", OPT_STRING, &a.tgt_lang, NULL, "LANG",
         "target language: picks BLEU's tokenizer, needed for qa", NULL},
        {"--metrics", OPT_LIST, &a.metric_list, &a.nmetric_list, "M,M",
         "bleu,chrf,ter,qa (default: bleu,chrf,ter[,qa])", NULL},
        {"--max-drop", OPT_STRING, &a.max_drop, NULL, "M=X,...",
         "allowed drop in points (bleu=1.0,chrf=0.5,ter=1.0)", NULL},
        {"--max-new-issues", OPT_STRING, &a.max_new, NULL, "K=N,...",
         "allowed rise in issue counts (number=2,untranslated=2)", NULL},
        {"--junit", OPT_STRING, &a.junit, NULL, "FILE", "write a JUnit XML report", NULL},
        {"--markdown", OPT_STRING, &a.markdown, NULL, "FILE", "write a Markdown report", NULL},
        {"--worst", OPT_INT, &a.worst, NULL, "N", "segments listed per ranking (10)", NULL},
        {"--seed", OPT_STRING, &a.seed, NULL, "N",
         "resampling seed (default: $SACREBLEU_SEED or 12345)", NULL},
        {"--paired-bs-n", OPT_INT, &a.bs_n, NULL, "N", "paired bootstrap resamples (1000)", NULL},
        {"--paired-ar-n", OPT_INT, &a.ar_n, NULL, "N", "approximate randomization trials (10000)",
         NULL},
        {"--glossary", OPT_STRING, &a.glossary, NULL, "FILE", "glossary for the qa check", NULL},
        {"--data-dir", OPT_STRING, &a.data_dir, NULL, "DIR", "tqe's references/ directory", NULL},
    };
    int rc =
        tool_parse("compare", argc, argv, opts, sizeof(opts) / sizeof(opts[0]), NULL, NULL, usage);
    if (!rc) rc = check_args(&a);
    if (!rc) rc = run(&a);
    free(a.refs);
    free(a.metric_list);
    for (size_t i = 0; i < a.ngates; i++) free(a.gates[i].key);
    free(a.gates);
    return rc < 0 ? EXIT_OK : rc;
}
