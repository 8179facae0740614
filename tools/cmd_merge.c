/* cmd_merge.c - `tqe merge`: the reduce step of a sharded `tqe score`.
 *
 * Each shard's statistics file holds its per-segment statistics; summed in
 * shard order they are exactly the statistics a single run over the whole
 * test set sums, so the merged output is byte-identical to that run's
 * (including -sl lines and resampling tests, which use the stored rows). */
#include <stdlib.h>
#include <string.h>

#include "score_run.h"

static const char usage[] =
    "usage: tqe merge STATS... [output options]\n"
    "\n"
    "Combine statistics files written by `tqe score --stats-out` for consecutive\n"
    "shards of one test set, and print what `tqe score` prints for the whole set.\n"
    "Shards are taken in the order given; they must have been scored with the\n"
    "same metrics, options, tqe version and number of systems. The options that\n"
    "decide the statistics (-m, -tok, -lc, -nr, chrF and TER options, smoothing)\n"
    "come from the files; output options, -sl, -ci and the paired tests are\n"
    "chosen here. --stats-out writes the merged statistics (merge in stages).\n"
    "Systems keep the first file's names unless --names gives others.\n"
    "\n"
    "Example (4 shards in parallel):\n"
    "  split -l 500000 -d ref.de ref. && split -l 500000 -d mt.de mt.\n"
    "  parallel tqe score ref.{} -i mt.{} -m bleu chrf --stats-out {}.stats ::: 00 01 02 03\n"
    "  tqe merge 00.stats 01.stats 02.stats 03.stats\n";

/* ---- options ---- */

typedef struct names_opt {
    char **v;
    size_t n;
} names_opt;

/* Parse argv with the `tqe score` table; positional arguments are files. */
static int parse(score_opts *o, int argc, char **argv, char ***files, size_t *nfiles,
                 names_opt *names)
{
    tool_option opts[65];
    size_t nopts = score_opts_table(o, opts, 64);
    opts[nopts++] =
        (tool_option){"-n|--names", OPT_LIST,  &names->v,
                      &names->n,    "NAME...", "system names (default: the first file's)",
                      NULL};
    int rc = tool_parse("merge", argc, argv, opts, nopts, files, nfiles, usage);
    if (rc) return rc < 0 ? -1 : rc;
    return score_opts_metrics(o);
}

static int file_args(tqe_buf *out, tqe_ctx *ctx, const char *path)
{
    tqe_stats_reader *sr;
    int rc = tqe_stats_open(&sr, ctx, path);
    if (rc) return tool_fail("merge", ctx, rc);
    rc = tqe_buf_puts(out, tqe_stats_get_header(sr)->args) ? EXIT_INTERNAL : 0;
    tqe_stats_close(sr);
    return rc;
}

/* Options given to merge that decide the statistics must repeat the files'. */
static int check_cli(score_opts *cli, const char *file_canon)
{
    score_opts def;
    score_opts_init(&def);
    tqe_buf a = TQE_BUF_INIT, b = TQE_BUF_INIT;
    int rc = 0;
    def.use[M_BLEU] = true;
    if (score_opts_canonical(cli, &a) || score_opts_canonical(&def, &b)) rc = EXIT_INTERNAL;
    if (!rc && (cli->nmetric_names || strcmp(a.data, b.data)) && strcmp(a.data, file_canon)) {
        tqe_buf_clear(&a);
        for (const char *p = file_canon; *p; p++) tqe_buf_append(&a, *p == '\t' ? " " : p, 1);
        tool_error("merge",
                   "the statistics were computed with `%s`; options that change them cannot be "
                   "given to merge (give output options, -sl, -ci or --paired-*)",
                   a.data);
        rc = EXIT_BADINPUT;
    }
    score_opts_free(&def);
    tqe_buf_free(&a);
    tqe_buf_free(&b);
    return rc;
}

/* The full argument list: the files' options first, then the command line's. */
static char **combined_argv(const char *file_args, int argc, char **argv, int *n)
{
    size_t cap = (size_t)argc + 2 + strlen(file_args);
    char **v = calloc(cap, sizeof(char *));
    if (!v) return NULL;
    int k = 0;
    v[k++] = argv[0];
    for (char *p = (char *)file_args; *p;) {
        v[k++] = p;
        char *tab = strchr(p, '\t');
        if (!tab) break;
        *tab = '\0';
        p = tab + 1;
    }
    for (int i = 1; i < argc; i++) v[k++] = argv[i];
    *n = k;
    return v;
}

/* ---- the merge ---- */

static int mismatch(const char *file, const char *what)
{
    tool_error("merge", "%s: %s differ from the first file's; shards must be scored alike", file,
               what);
    return EXIT_BADINPUT;
}

/* Check a shard's header against the run's metrics and the first shard. */
static int check_header(run *r, const char *file, const tqe_stats_header *h,
                        const tqe_stats_header *first)
{
    if (strcmp(h->args, first->args)) return mismatch(file, "the scoring options");
    if (h->nrefs != first->nrefs) return mismatch(file, "the numbers of references");
    if (h->nsystems != first->nsystems) return mismatch(file, "the numbers of systems");
    tqe_buf sigs[M_COUNT] = {TQE_BUF_INIT, TQE_BUF_INIT, TQE_BUF_INIT};
    if (score_file_signatures(sigs, r->o, (size_t)h->nrefs)) return EXIT_INTERNAL;
    size_t k = 0;
    bool same = true;
    for (int m = 0; m < M_COUNT; m++) {
        if (!r->m[m]) continue;
        same = same && k < h->nmetrics && !strcmp(h->metrics[k], tqe_metric_name(r->m[m])) &&
               h->nstats[k] == tqe_metric_nstats(r->m[m]) &&
               !strcmp(h->signatures[k], sigs[k].data);
        k++;
    }
    for (int m = 0; m < M_COUNT; m++) tqe_buf_free(&sigs[m]);
    if (!same || k != h->nmetrics) {
        tool_error("merge",
                   "%s: the metrics or their signatures are not what this tqe computes "
                   "(written by another version?): rescore the shard",
                   file);
        return EXIT_BADINPUT;
    }
    return 0;
}

/* Open every file and check the headers before anything is printed. */
static int check_all(run *r, char **files, size_t n, const names_opt *names)
{
    tqe_stats_reader *first = NULL;
    int rc = tqe_stats_open(&first, r->ctx, files[0]);
    if (rc) return tool_fail("merge", r->ctx, rc);
    const tqe_stats_header *h0 = tqe_stats_get_header(first);
    r->nrefs = (size_t)h0->nrefs;
    r->nsys = h0->nsystems;
    r->sys = calloc(r->nsys, sizeof(*r->sys));
    rc = r->sys ? 0 : EXIT_INTERNAL;
    if (!rc && names->n && names->n != r->nsys) {
        tool_error("merge", "--names: %zu names for %zu systems", names->n, r->nsys);
        rc = EXIT_BADINPUT;
    }
    for (size_t s = 0; !rc && s < r->nsys; s++) {
        const char *name = names->n ? names->v[s] : h0->systems[s];
        bool paired = r->o->paired_ar || r->o->paired_bs;
        if (!(r->sys[s].name = score_system_name(paired, s, strcmp(name, "-") ? name : NULL)))
            rc = EXIT_INTERNAL;
    }
    for (size_t i = 0; !rc && i < n; i++) {
        tqe_stats_reader *sr = first;
        if (i && (rc = tqe_stats_open(&sr, r->ctx, files[i]))) {
            rc = tool_fail("merge", r->ctx, rc);
            break;
        }
        rc = check_header(r, files[i], tqe_stats_get_header(sr), h0);
        if (sr != first) tqe_stats_close(sr);
    }
    tqe_stats_close(first);
    return rc;
}

static int read_file(run *r, const char *file)
{
    tqe_stats_reader *sr;
    int rc = tqe_stats_open(&sr, r->ctx, file);
    if (rc) return tool_fail("merge", r->ctx, rc);
    const double *row;
    while ((rc = tqe_stats_next(sr, &row)) == 1)
        if ((rc = score_add_row(r, row))) break;
    if (rc < 0) {
        rc = tool_fail("merge", r->ctx, rc);
    } else if (rc == 0) {
        const uint64_t *tp = tqe_stats_tok_period(sr);
        for (size_t s = 0; s < r->nsys; s++) r->sys[s].tok_period += tp[s];
    }
    tqe_stats_close(sr);
    return rc;
}

static int merge_run(score_opts *o, char **files, size_t n, const names_opt *names)
{
    run r;
    memset(&r, 0, sizeof(r));
    r.o = o;
    int rc = tqe_ctx_new(&r.ctx) ? EXIT_INTERNAL : 0;
    if (!rc && score_make_metrics(o, r.ctx, r.m)) rc = tool_fail("merge", r.ctx, TQE_EINVAL);
    if (!rc) rc = check_all(&r, files, n, names);
    if (!rc) rc = score_check_modes(&r);
    if (!rc) rc = score_alloc_sums(&r);
    if (!rc) score_row_layout(&r);
    if (!rc && o->stats_out) rc = score_stats_begin(&r);
    for (size_t i = 0; !rc && i < n; i++) rc = read_file(&r, files[i]);
    if (!rc && r.sys[0].nseg == 0) {
        tool_error("merge", "no segments to score: the statistics files are empty");
        rc = EXIT_BADINPUT;
    }
    return score_finish(&r, "merge", rc);
}

/* Run the checks of `tqe score` that apply (they expect reference files). */
static int check_opts(score_opts *o)
{
    if (o->input_seen) {
        tool_error("merge", "-i/--input: merge reads statistics files, not hypotheses");
        return EXIT_BADINPUT;
    }
    o->nrefs_files = 1;
    int rc = score_opts_check(o);
    o->nrefs_files = 0;
    return rc;
}

int cmd_merge(int argc, char **argv)
{
    score_opts o;
    score_opts_init(&o);
    char **files = NULL, **all = NULL;
    size_t nfiles = 0;
    tqe_buf args = TQE_BUF_INIT;
    tqe_ctx *ctx = NULL;
    names_opt names = {NULL, 0};
    int n = 0, rc = parse(&o, argc, argv, &files, &nfiles, &names);
    if (!rc && nfiles == 0) {
        tool_error("merge", "no statistics files (see tqe merge --help)");
        rc = EXIT_BADINPUT;
    }
    if (!rc) rc = tqe_ctx_new(&ctx) ? EXIT_INTERNAL : file_args(&args, ctx, files[0]);
    if (!rc) rc = check_cli(&o, args.data); /* the command line as given */
    score_opts_free(&o);
    free(files);
    free(names.v);
    files = NULL, nfiles = 0, names.v = NULL, names.n = 0;
    score_opts_init(&o);
    if (!rc && !(all = combined_argv(args.data, argc, argv, &n))) rc = EXIT_INTERNAL;
    if (!rc) rc = parse(&o, n, all, &files, &nfiles, &names);
    if (!rc) rc = check_opts(&o);
    if (!rc) rc = merge_run(&o, files, nfiles, &names);
    free(all);
    free(names.v);
    free(files);
    score_opts_free(&o);
    tqe_buf_free(&args);
    tqe_ctx_free(ctx);
    return rc < 0 ? EXIT_OK : rc;
}
