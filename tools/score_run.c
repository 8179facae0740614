/* score_run.c - the reading and scoring loop of `tqe score`.
 *
 * All inputs are read line by line in lockstep: memory holds one line per
 * stream plus the summed statistics, or, when a resampling test needs them,
 * the per-segment statistics (a few dozen bytes a segment, never the text). */
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <strings.h>

#include "parallel.h"
#include "score_run.h"

#define SCORE_LIMIT "of --max-line-bytes"

static int open_stream(run *r, stream *s, const char *path)
{
    s->path = path;
    if (tqe_reader_open(&s->rd, r->ctx, path, NULL)) return tool_fail("score", r->ctx, TQE_EIO);
    /* A line of many megabytes is a file that lost its line breaks, and
     * scoring it would take minutes and gigabytes (TER most of all). */
    tqe_reader_limit_lines(s->rd, (size_t)r->o->max_line_bytes, SCORE_LIMIT);
    return 0;
}

/* Next line of a stream, Python-rstripped; 0 at the end. */
static int next_line(stream *s, const char **line, size_t *len)
{
    if (s->done) return 0;
    int rc = tqe_reader_next(s->rd, line, len);
    if (rc < 0) return rc;
    if (rc == 0) {
        s->done = true;
        return 0;
    }
    s->lines++;
    *len = tqe_utf8_rstrip_len(*line, *len);
    return 1;
}

/* Count the remaining lines of every stream for the mismatch message. */
static int report_mismatch(run *r)
{
    tqe_buf msg = TQE_BUF_INIT;
    stream *all[256];
    size_t n = 0;
    for (size_t i = 0; i < r->nref_streams && n < 256; i++) all[n++] = &r->refs[i];
    for (size_t i = 0; i < r->nsys && n < 256; i++)
        if (r->sys[i].in) all[n++] = r->sys[i].in;
    if (!r->sys[0].in) all[n++] = &r->hyp_stdin;
    for (size_t i = 0; i < n; i++) {
        const char *l;
        size_t len;
        while (next_line(all[i], &l, &len) == 1) {
        }
        tqe_buf_printf(&msg, "%s%s has %llu line%s", i ? ", " : "", tqe_reader_name(all[i]->rd),
                       (unsigned long long)all[i]->lines, all[i]->lines == 1 ? "" : "s");
    }
    tool_error("score", "the references and the hypotheses have different numbers of lines: %s",
               msg.data ? msg.data : "");
    tqe_buf_free(&msg);
    return EXIT_BADINPUT;
}

/* Split s[0..len) on TABs into at most `max` fields (the last keeps the rest). */
static size_t split_tabs(const char *s, size_t len, size_t max, const char **f, size_t *fl)
{
    size_t n = 0, start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || (s[i] == '\t' && n + 1 < max)) {
            f[n] = s + start;
            fl[n++] = i - start;
            start = i + 1;
        }
    }
    return n;
}

/* Read the references of the next segment into r->ref_ptr/ref_len.
 * Returns 1, 0 at the end of every reference stream, or an exit code < 0. */
static int read_refs(run *r, bool *partial_end)
{
    size_t ended = 0;
    for (size_t i = 0; i < r->nref_streams; i++) {
        const char *l = NULL;
        size_t len = 0;
        int rc = next_line(&r->refs[i], &l, &len);
        if (rc < 0) return -tool_fail("score", r->ctx, rc);
        if (rc == 0) {
            ended++;
            continue;
        }
        if (r->o->num_refs == 1) {
            r->ref_ptr[i] = l;
            r->ref_len[i] = len;
            continue;
        }
        const char *f[1024];
        size_t fl[1024];
        size_t n = split_tabs(l, len, 1024, f, fl);
        if (n != r->nrefs) {
            tool_error("score", "%s:%llu: expected %zu tab-separated references, found %zu",
                       tqe_reader_name(r->refs[i].rd), (unsigned long long)r->refs[i].lines,
                       r->nrefs, n);
            return -EXIT_BADINPUT;
        }
        for (size_t k = 0; k < n; k++) {
            r->ref_ptr[k] = f[k];
            r->ref_len[k] = fl[k];
        }
    }
    *partial_end = ended > 0 && ended < r->nref_streams;
    return ended == r->nref_streams ? 0 : 1;
}

/* Read the next line of every system. Returns 1, 0 at the end, or < 0. */
static int read_hyps(run *r, bool *partial_end)
{
    size_t ended = 0;
    if (!r->sys[0].in) {
        /* Standard input: tab-separated columns are systems (sacreBLEU strips
         * each field except on the first line, where only the line is stripped). */
        const char *l = r->first;
        size_t len = r->first_len;
        int rc = 1;
        if (!r->first_pending) rc = next_line(&r->hyp_stdin, &l, &len);
        r->first_pending = false;
        if (rc < 0) return -tool_fail("score", r->ctx, rc);
        if (rc == 0) return 0;
        const char *f[1024];
        size_t fl[1024];
        size_t n = split_tabs(l, len, 1024, f, fl);
        if (n != r->nsys) {
            tool_error("score",
                       "<stdin>:%llu: %zu tab-separated column%s, but the first line has %zu (each "
                       "column is a system; trailing empty columns are stripped with the line)",
                       (unsigned long long)r->hyp_stdin.lines, n, n == 1 ? "" : "s", r->nsys);
            return -EXIT_BADINPUT;
        }
        for (size_t k = 0; k < n; k++) {
            r->sys[k].line = f[k];
            r->sys[k].len = r->hyp_stdin.lines > 1 ? tqe_utf8_rstrip_len(f[k], fl[k]) : fl[k];
        }
        return 1;
    }
    for (size_t k = 0; k < r->nsys; k++) {
        int rc = next_line(r->sys[k].in, &r->sys[k].line, &r->sys[k].len);
        if (rc < 0) return -tool_fail("score", r->ctx, rc);
        ended += rc == 0;
    }
    *partial_end = ended > 0 && ended < r->nsys;
    return ended == r->nsys ? 0 : 1;
}

int score_store_seg(sysdata *s, int m, const double *seg, size_t k)
{
    size_t need = (s->nseg + 1) * k;
    if (need > s->capseg[m]) {
        size_t cap = s->capseg[m] ? s->capseg[m] * 2 : 1024 * k;
        double *p = realloc(s->seg[m], cap * sizeof(double));
        if (!p) return TQE_ENOMEM;
        s->seg[m] = p;
        s->capseg[m] = cap;
    }
    memcpy(s->seg[m] + s->nseg * k, seg, k * sizeof(double));
    return 0;
}

static void make_sig(run *r, int m, bool short_form, long bs, long ar, char *out, size_t cap)
{
    tqe_signature_info info = TQE_SIGNATURE_INFO_INIT;
    info.nrefs = (int)r->nrefs;
    info.short_form = short_form;
    info.bs = bs;
    info.ar = ar;
    info.seed = (bs || ar) ? r->o->seed : NULL;
    tqe_buf b = TQE_BUF_INIT;
    if (tqe_metric_signature(&b, r->m[m], &info) == 0) snprintf(out, cap, "%s", b.data);
    tqe_buf_free(&b);
}

/* One line of -sl output. */
int score_sentence_line(run *r, int m, const double *seg)
{
    score_result res;
    tqe_score sc;
    memset(&res, 0, sizeof(res));
    tqe_metric_score(r->m[m], &sc, seg);
    score_result_set(&res, r->m[m], &sc);
    if (!r->sl_sig[m][0]) make_sig(r, m, r->o->short_sig, 0, 0, r->sl_sig[m], sizeof(r->sl_sig[m]));
    memcpy(res.sig, r->sl_sig[m], sizeof(res.sig));
    if (format_score(&r->out, &res, r->o->width, r->o->score_only, false)) return EXIT_INTERNAL;
    fputs(r->out.data, stdout);
    fputc('\n', stdout);
    return 0;
}

/* Read segments into batches and score them. When the input turns out bad,
 * the segments before are still scored (their -sl lines printed), as a
 * segment-by-segment run would. */
static int read_all(run *r)
{
    size_t limit = SEGS_PER_WORKER * r->jobs;
    for (;;) {
        bool ref_partial = false, hyp_partial = false;
        int rr = read_refs(r, &ref_partial), hr = rr < 0 ? 0 : read_hyps(r, &hyp_partial);
        bool bad = rr < 0 || hr < 0 || ref_partial || hyp_partial || rr != hr;
        if (bad || rr == 0) {
            int rc = score_batch_run(r, false);
            if (rc || !bad) return rc;
            if (rr < 0 || hr < 0) return rr < 0 ? -rr : -hr;
            return report_mismatch(r);
        }
        int rc = score_batch_add(r);
        if (!rc && r->batch.n >= limit) rc = score_batch_run(r, true);
        if (rc) return rc;
    }
}

/* Sentence-level output is printed as it is computed: read the files first
 * (encoding, line counts) so that bad input does not leave half an output. */
static int precheck_counts(run *r)
{
    long long want = -1;
    const char *paths[512];
    size_t n = 0;
    for (size_t i = 0; i < r->o->nrefs_files && n < 512; i++) paths[n++] = r->o->refs[i];
    for (size_t i = 0; i < r->o->ninputs && n < 512; i++) paths[n++] = r->o->inputs[i];
    for (size_t i = 0; i < n; i++) {
        long long c =
            tool_validate_file(r->ctx, paths[i], (size_t)r->o->max_line_bytes, SCORE_LIMIT);
        if (c == -2) return tool_fail("score", r->ctx, tqe_ctx_status(r->ctx));
        if (c < 0) return 0;
        if (want >= 0 && c != want) {
            tool_error("score",
                       "the references and the hypotheses have different numbers of "
                       "lines: %s has %lld line%s, %s has %lld line%s",
                       paths[0], want, want == 1 ? "" : "s", paths[i], c, c == 1 ? "" : "s");
            return EXIT_BADINPUT;
        }
        want = c;
    }
    return 0;
}

static int setup_systems(run *r)
{
    score_opts *o = r->o;
    bool paired = o->paired_ar || o->paired_bs;
    if (!o->input_seen || (o->ninputs == 1 && !strcmp(o->inputs[0], "-"))) {
        if (open_stream(r, &r->hyp_stdin, "-")) return EXIT_BADINPUT;
        /* The first line decides how many systems there are; keep it (the
         * reader's buffer stays valid until the next read) for read_hyps. */
        int rc = next_line(&r->hyp_stdin, &r->first, &r->first_len);
        if (rc < 0) return tool_fail("score", r->ctx, rc);
        r->first_pending = rc == 1;
        size_t n = 1;
        for (size_t i = 0; rc == 1 && i < r->first_len; i++) n += r->first[i] == '\t';
        r->sys = calloc(n, sizeof(*r->sys));
        if (!r->sys) return EXIT_INTERNAL;
        r->nsys = n;
        for (size_t k = 0; k < n; k++)
            if (!(r->sys[k].name = score_system_name(paired, k, NULL))) return EXIT_INTERNAL;
        return 0;
    }
    r->sys = calloc(o->ninputs, sizeof(*r->sys));
    if (!r->sys) return EXIT_INTERNAL;
    for (size_t i = 0; i < o->ninputs; i++) {
        const char *name = o->inputs[i];
        bool dup = false;
        for (size_t k = 0; k < r->nsys; k++)
            if (r->sys[k].in && !strcmp(r->sys[k].in->path, name)) dup = true;
        if (dup && paired && !strcmp(o->inputs[0], name)) continue; /* baseline given twice */
        if (dup) {
            tool_error("score", "'%s' already used to name a system.", name);
            return EXIT_BADINPUT;
        }
        /* Counted before opening, so that teardown frees it on failure. */
        sysdata *s = &r->sys[r->nsys++];
        s->name = score_system_name(paired, r->nsys - 1, name);
        s->in = calloc(1, sizeof(*s->in));
        if (!s->name || !s->in) return EXIT_INTERNAL;
        if (open_stream(r, s->in, name)) return EXIT_BADINPUT;
    }
    return 0;
}

char *score_system_name(bool paired, size_t k, const char *path)
{
    tqe_buf name = TQE_BUF_INIT;
    if (path)
        tqe_buf_printf(&name, "%s%s", paired && k == 0 ? "Baseline: " : "", path);
    else if (paired && k == 0)
        tqe_buf_puts(&name, "Baseline");
    else
        tqe_buf_printf(&name, "System %zu", paired ? k : k + 1);
    return name.data;
}

/* The seed, which score_opts_check() validated. */
static tqe_rng_seed parse_seed(const char *s)
{
    tqe_rng_seed seed;
    tool_parse_seed("score", s, true, &seed, NULL);
    return seed;
}

/* Corpus result of system s for metric m (with -ci: bootstrap mean and CI). */
static int corpus_result(run *r, int m, size_t s, score_result *res)
{
    score_opts *o = r->o;
    tqe_score sc;
    memset(res, 0, sizeof(*res));
    tqe_metric_score(r->m[m], &sc, r->sys[s].sum[m]);
    score_result_set(res, r->m[m], &sc);
    bool json = !strcmp(o->format, "json");
    long bs = o->confidence ? o->confidence_n : 0;
    make_sig(r, m, o->short_sig && !json, bs, 0, res->sig, sizeof(res->sig));
    if (!o->confidence || o->confidence_n <= 1) return 0;
    double *scores = malloc((size_t)o->confidence_n * sizeof(double));
    if (!scores) return EXIT_INTERNAL;
    const double *st[1] = {r->sys[s].seg[m]};
    int rc = tqe_bootstrap_scores(scores, r->ctx, r->m[m], st, 1, r->sys[s].nseg, o->confidence_n,
                                  parse_seed(o->seed));
    if (!rc) {
        tqe_estimate_ci(&res->mean, &res->ci, scores, (size_t)o->confidence_n);
        res->has_ci = true;
    }
    free(scores);
    return rc ? tool_fail("score", r->ctx, rc) : 0;
}

int score_print_single(run *r)
{
    tqe_buf lines[M_COUNT] = {TQE_BUF_INIT, TQE_BUF_INIT, TQE_BUF_INIT};
    size_t n = 0;
    int rc = 0;
    bool json = !strcmp(r->o->format, "json");
    for (int m = 0; m < M_COUNT && !rc; m++) {
        if (!r->m[m]) continue;
        score_result res;
        rc = corpus_result(r, m, 0, &res);
        if (!rc && format_score(&lines[n++], &res, r->o->width, r->o->score_only, json))
            rc = EXIT_INTERNAL;
    }
    if (!rc) print_single_results(stdout, lines, n, json, r->o->color);
    for (size_t i = 0; i < M_COUNT; i++) tqe_buf_free(&lines[i]);
    return rc;
}

/* Paired tests for metric m: fills res[s] for every system (s = 0 the baseline). */
static int paired_results(run *r, int m, score_result *res, size_t stride)
{
    score_opts *o = r->o;
    bool bs = o->paired_bs;
    long n = bs ? o->paired_bs_n : o->paired_ar_n;
    tqe_rng_seed seed = parse_seed(o->seed);
    size_t ns = r->nsys;
    for (size_t s = 0; s < ns; s++) {
        score_result *x = &res[s * stride];
        tqe_score sc;
        memset(x, 0, sizeof(*x));
        tqe_metric_score(r->m[m], &sc, r->sys[s].sum[m]);
        score_result_set(x, r->m[m], &sc);
        make_sig(r, m, o->short_sig, bs ? n : 0, bs ? 0 : n, x->sig, sizeof(x->sig));
    }
    if (n <= 0) return 0;
    int rc = 0;
    if (bs) {
        double *scores = malloc((size_t)n * ns * sizeof(double)),
               *col = malloc((size_t)n * sizeof(double));
        const double **st = malloc(ns * sizeof(*st));
        if (!scores || !col || !st) rc = EXIT_INTERNAL;
        for (size_t s = 0; !rc && s < ns; s++) st[s] = r->sys[s].seg[m];
        if (!rc)
            rc = tqe_bootstrap_scores(scores, r->ctx, r->m[m], st, ns, r->sys[0].nseg, n, seed);
        for (size_t s = 0; !rc && s < ns; s++) {
            score_result *x = &res[s * stride];
            if (s > 0) {
                /* sacreBLEU: p = P(|delta*| - mean|delta*| > |delta|) over resamples. */
                double mean = 0.0;
                for (long j = 0; j < n; j++) {
                    col[j] = fabs(scores[(size_t)j * ns + s] - scores[(size_t)j * ns]);
                    mean += col[j];
                }
                mean /= (double)n;
                for (long j = 0; j < n; j++) col[j] -= mean;
                x->p_value = tqe_p_value(col, (size_t)n, fabs(res[0].score - x->score));
                x->has_p = true;
            }
            for (long j = 0; j < n; j++) col[j] = scores[(size_t)j * ns + s];
            tqe_estimate_ci(&x->mean, &x->ci, col, (size_t)n);
            x->has_ci = true;
        }
        free(scores), free(col), free(st);
    } else {
        double *diffs = malloc((size_t)n * sizeof(double));
        if (!diffs) rc = EXIT_INTERNAL;
        for (size_t s = 1; !rc && s < ns; s++) {
            score_result *x = &res[s * stride];
            rc = tqe_ar_diffs(diffs, r->ctx, r->m[m], r->sys[0].seg[m], r->sys[s].seg[m],
                              r->sys[0].nseg, n, seed);
            if (rc) break;
            x->p_value = tqe_p_value(diffs, (size_t)n, fabs(res[0].score - x->score));
            x->has_p = true;
        }
        free(diffs);
    }
    if (rc > 0) return rc;
    return rc ? tool_fail("score", r->ctx, rc) : 0;
}

int score_print_multi(run *r)
{
    score_opts *o = r->o;
    size_t nm = 0;
    for (int m = 0; m < M_COUNT; m++) nm += r->m[m] != NULL;
    score_result *res = calloc(nm * r->nsys, sizeof(*res));
    const char **names = calloc(r->nsys, sizeof(*names));
    if (!res || !names) return EXIT_INTERNAL;
    int rc = 0;
    size_t col = 0;
    bool paired = o->paired_ar || o->paired_bs;
    for (int m = 0; m < M_COUNT && !rc; m++) {
        if (!r->m[m]) continue;
        if (paired)
            rc = paired_results(r, m, res + col, nm);
        else
            for (size_t s = 0; s < r->nsys && !rc; s++)
                rc = corpus_result(r, m, s, &res[s * nm + col]);
        col++;
    }
    for (size_t s = 0; s < r->nsys; s++) names[s] = r->sys[s].name;
    if (!rc) {
        /* Text-mode signatures honour --short; the table shows the first row's. */
        table_spec t = {names,
                        r->nsys,
                        res,
                        nm,
                        o->width,
                        !strcmp(o->format, "json"),
                        o->color,
                        paired ? (o->paired_bs ? 1 : 2) : 0,
                        o->paired_bs ? o->paired_bs_n : o->paired_ar_n};
        rc = print_results_table(stdout, &t) ? EXIT_INTERNAL : 0;
    }
    free(res);
    free(names);
    return rc;
}

int score_check_modes(run *r)
{
    score_opts *o = r->o;
    bool paired = o->paired_ar || o->paired_bs;
    if (o->sentence_level && r->nsys > 1)
        return tool_error("score", "Only one system can be evaluated in sentence-level mode."),
               EXIT_BADINPUT;
    if (o->sentence_level && (o->confidence || paired))
        return tool_error("score", "Statistical tests are unavailable in sentence-level mode."),
               EXIT_BADINPUT;
    if (paired && r->nsys == 1)
        return tool_error("score", "Paired tests require multiple input systems given to "
                                   "--input (-i)."),
               EXIT_BADINPUT;
    if (r->nsys > 1 && o->confidence)
        return tool_error("score", "Use paired tests (--paired) for multiple systems."),
               EXIT_BADINPUT;
    return 0;
}

static int setup(run *r)
{
    score_opts *o = r->o;
    if (tqe_ctx_new(&r->ctx)) return EXIT_INTERNAL;
    if (score_make_metrics(o, r->ctx, r->m)) return tool_fail("score", r->ctx, TQE_EINVAL);
    r->nref_streams = o->nrefs_files;
    r->nrefs = o->num_refs == 1 ? o->nrefs_files : (size_t)o->num_refs;
    r->refs = calloc(r->nref_streams, sizeof(*r->refs));
    r->ref_ptr = calloc(r->nrefs, sizeof(*r->ref_ptr));
    r->ref_len = calloc(r->nrefs, sizeof(*r->ref_len));
    if (!r->refs || !r->ref_ptr || !r->ref_len) return EXIT_INTERNAL;
    r->jobs = tool_jobs(o->jobs);
    for (size_t i = 0; i < r->nref_streams; i++)
        if (open_stream(r, &r->refs[i], o->refs[i])) return EXIT_BADINPUT;
    int rc = setup_systems(r);
    if (rc) return rc;
    if ((rc = score_check_modes(r))) return rc;
    if ((rc = score_alloc_sums(r))) return rc;
    score_row_layout(r);
    if (o->sentence_level && (rc = precheck_counts(r))) return rc;
    return o->stats_out ? score_stats_begin(r) : 0;
}

int score_alloc_sums(run *r)
{
    r->store = r->o->confidence || r->o->paired_ar || r->o->paired_bs;
    for (size_t s = 0; s < r->nsys; s++)
        for (int m = 0; m < M_COUNT; m++)
            if (r->m[m] && !(r->sys[s].sum[m] = calloc(tqe_metric_nstats(r->m[m]), sizeof(double))))
                return EXIT_INTERNAL;
    return 0;
}

void score_teardown(run *r)
{
    for (size_t i = 0; i < r->nref_streams; i++) tqe_reader_free(r->refs[i].rd);
    tqe_reader_free(r->hyp_stdin.rd);
    for (size_t s = 0; s < r->nsys; s++) {
        if (r->sys[s].in) tqe_reader_free(r->sys[s].in->rd);
        free(r->sys[s].in);
        free(r->sys[s].name);
        for (int m = 0; m < M_COUNT; m++) {
            free(r->sys[s].sum[m]);
            free(r->sys[s].seg[m]);
        }
    }
    free(r->sys);
    free(r->refs);
    free(r->ref_ptr);
    free(r->ref_len);
    if (r->stats_fp) score_stats_abort(r);
    free(r->stats_tmp);
    score_batch_free(r);
    tqe_buf_free(&r->stats_buf);
    for (int m = 0; m < M_COUNT; m++) tqe_metric_free(r->m[m]);
    tqe_buf_free(&r->out);
    tqe_ctx_free(r->ctx);
}

void score_warn_tokenized(run *r)
{
    if (!r->m[M_BLEU] || r->o->force || r->o->sentence_level) return;
    for (size_t s = 0; s < r->nsys; s++) {
        if (r->sys[s].tok_period < 100) continue;
        tool_warn("score", "That's 100 lines that end in a tokenized period ('.')");
        tool_warn("score", "It looks like you forgot to detokenize your test data, which may "
                           "hurt your score.");
        tool_warn("score", "If you insist your data is detokenized, or don't care, you can "
                           "suppress this message with the `force` parameter.");
    }
}

int score_run(score_opts *o)
{
    run r;
    memset(&r, 0, sizeof(r));
    r.o = o;
    int rc = setup(&r);
    if (!rc) rc = read_all(&r);
    if (!rc && r.sys[0].nseg == 0) {
        tool_error("score", "no segments to score: the inputs are empty");
        rc = EXIT_BADINPUT;
    }
    return score_finish(&r, "score", rc);
}

int score_finish(run *r, const char *cmd, int rc)
{
    /* (score_teardown aborts a statistics file still open after a failure) */
    if (r->stats_fp && !rc) rc = score_stats_finish(r);
    if (!rc && !r->o->sentence_level) {
        score_warn_tokenized(r);
        rc = r->nsys == 1 ? score_print_single(r) : score_print_multi(r);
    }
    if (fflush(stdout) != 0 && !rc) {
        tool_error(cmd, "cannot write the output");
        rc = EXIT_BADINPUT;
    }
    score_teardown(r);
    return rc;
}
