/* cmd_check.c - `tqe check`: numbers, names, glossary terms, untranslated
 * text, omissions and additions in line-aligned source and translation. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_hold.h"
#include "parallel.h"
#include "tool.h"

static const char usage[] =
    "usage: tqe check --src SRC --tgt TGT [--src-lang en] --tgt-lang LANG [--glossary G]\n"
    "                 [--format jsonl|tsv|text] [--fail-on TYPE,...] [--consistent-names]\n"
    "\n"
    "Compare each line of a translation with the same line of its English source and\n"
    "report what a careful reviewer would: numbers missing, altered or added; names\n"
    "missing or misspelled; glossary terms not translated as required; text left\n"
    "untranslated; translations implausibly short (omission) or long (addition).\n"
    "No reference translation is needed.\n"
    "\n"
    "--consistent-names reads the input as one document: a name the translation\n"
    "leaves out on every line that has it (two or more) is taken for a rendering\n"
    "('CAA' as 'Управление гражданской авиации') and not reported, while a name\n"
    "kept on some lines and lost on others still is. Its output comes once the\n"
    "input is read. It also hides a name dropped wherever it occurs.\n"
    "\n"
    "Issue types: number_missing number_altered number_extra entity_missing\n"
    "entity_altered untranslated omission addition glossary ('number' and 'entity'\n"
    "name the three and two of each family, 'all' every type).\n"
    "\n"
    "Output: jsonl (default) one object per input line,\n"
    "  {\"line\": N, \"issues\": [{\"type\": ..., \"source\": ..., \"target\": ..., \"detail\": "
    "...}]}\n"
    "tsv one row per issue; text for people, with the spans marked.\n"
    "Exit status: 0, 1 when --fail-on types were found, 2 on bad input.\n"
    "\n"
    "Examples:\n"
    "  tqe check --src test.en --tgt mt.de --tgt-lang de --format text\n"
    "  tqe check --src test.en --tgt mt.de --tgt-lang de --fail-on number,untranslated\n"
    "  tqe check --src test.en --tgt mt.ja --tgt-lang ja --glossary terms.tsv\n";

/* "number,entity_missing" -> bit set of types; "all" is every type. */
static int parse_types(const char *list, unsigned *bits, const char *opt)
{
    *bits = 0;
    char *copy = strdup(list);
    if (!copy) return EXIT_INTERNAL;
    int rc = 0;
    for (char *t = copy, *next; t && !rc; t = next) {
        next = strchr(t, ',');
        if (next) *next++ = '\0';
        size_t n = strlen(t);
        bool found = !strcmp(t, "all");
        for (unsigned k = 0; k < TQE_ISSUE_TYPE_COUNT; k++) {
            const char *name = tqe_issue_type_name((tqe_issue_type)k);
            bool family = !strcmp(t, "number") || !strcmp(t, "entity");
            if (!strcmp(t, "all") || !strcmp(name, t) ||
                (family && !strncmp(name, t, n) && name[n] == '_')) {
                *bits |= 1u << k;
                found = true;
            }
        }
        if (!found) {
            tool_error("check", "%s: unknown issue type '%s' (see tqe check --help)", opt, t);
            rc = EXIT_BADINPUT;
        }
    }
    free(copy);
    return rc;
}

typedef struct check_args {
    const char *src, *tgt, *src_lang, *tgt_lang, *glossary, *format, *fail_on, *skip, *data_dir;
    double threshold, omit_threshold;
    int jobs;
    bool consistent; /* --consistent-names: a document-level name tally, output at the end */
} check_args;

static int emit(tqe_buf *out, const check_args *a, uint64_t line, const char *s, size_t sl,
                const char *t, size_t tl, const tqe_issue_list *l, bool color)
{
    if (!strcmp(a->format, "jsonl")) return tqe_render_issues_jsonl(out, line, l);
    if (!strcmp(a->format, "tsv")) return tqe_render_issues_tsv(out, line, l);
    return tqe_render_issues_text(out, line, s, sl, t, tl, l, color);
}

/* The check is streamed to standard output: when both inputs are files,
 * read them first (encoding, line counts), so that bad input leaves no half
 * output. */
#define CHECK_LIMIT "tqe check handles"

static int precheck(tqe_ctx *ctx, const check_args *a)
{
    long long ns = tool_validate_file(ctx, a->src, TQE_MAX_PARAGRAPH_BYTES, CHECK_LIMIT);
    long long nt =
        ns == -2 ? -1 : tool_validate_file(ctx, a->tgt, TQE_MAX_PARAGRAPH_BYTES, CHECK_LIMIT);
    if (ns == -2 || nt == -2) return tool_fail("check", ctx, tqe_ctx_status(ctx));
    if (ns >= 0 && nt >= 0 && ns != nt) {
        tool_error("check",
                   "%s has %lld line%s but %s has %lld: line i of the translation must "
                   "translate line i of the source",
                   a->src, ns, ns == 1 ? "" : "s", a->tgt, nt);
        return EXIT_BADINPUT;
    }
    return 0;
}

static void summary(const tqe_check_counts *k, uint64_t lines, uint64_t flagged)
{
    fprintf(stderr, "tqe check: %llu lines, %llu with issues:", (unsigned long long)lines,
            (unsigned long long)flagged);
    bool any = false;
    for (unsigned t = 0; t < TQE_ISSUE_TYPE_COUNT; t++)
        if (k->issues[t]) {
            fprintf(stderr, "%s %llu %s", any ? "," : "", (unsigned long long)k->issues[t],
                    tqe_issue_type_name((tqe_issue_type)t));
            any = true;
        }
    fprintf(stderr, "%s\n", any ? "" : " none");
}

/* With --consistent-names: which names were taken for renderings. */
static void summary_renderings(const tqe_name_tally *t)
{
    size_t shown = 0, n = tqe_name_tally_count(t);
    for (size_t i = 0; i < n; i++) {
        size_t len;
        uint64_t missing;
        const char *name = tqe_name_tally_get(t, i, &len, &missing, NULL);
        /* the library's rule, asked by name (a second hash of a few names) */
        if (!tqe_name_tally_rendered(t, name, len)) continue;
        if (shown++ < 8)
            fprintf(stderr, "%s '%.*s' (%llu lines)",
                    shown == 1 ? "tqe check: not reported, missing on every line that has it:"
                               : ",",
                    (int)len, name, (unsigned long long)missing);
    }
    if (shown > 8) fprintf(stderr, " and %zu more", shown - 8);
    if (shown) fputc('\n', stderr);
}

/* ---- the check, in batches of lines spread over worker threads ---- */

#define LINES_PER_WORKER 2048 /* below 2 x this, one thread: opening a checker costs more */

/* A worker's own checker (and context, issue list, output and counts). */
typedef struct worker {
    tqe_ctx *ctx;
    tqe_checker *ck;
    tqe_issue_list *l;
    tqe_buf out;
    tqe_check_counts counts;
    uint64_t flagged;
    tqe_name_tally *tally; /* with --consistent-names: names found and missing */
    held hold;             /* ... and the lines with findings, until the end */
    int status;            /* a library status when the worker failed */
} worker;

/* Lines read but not yet checked: copies, since readers reuse their buffers. */
typedef struct batch {
    const check_args *a;
    bool color;
    tqe_buf text;
    size_t *at; /* per line: source offset, length, translation offset, length */
    size_t n, cap;
    uint64_t first; /* number of the batch's first line, minus one */
    worker *w;
    size_t nw;
    bool holding; /* findings are held (check_hold.h), not written as they come */
    held all;     /* the workers' held lines, in line order */
} batch;

static int batch_add(batch *b, const char *s, size_t sl, const char *t, size_t tl)
{
    if (4 * (b->n + 1) > b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 4096;
        size_t *p = realloc(b->at, cap * sizeof(*p));
        if (!p) return TQE_ENOMEM;
        b->at = p, b->cap = cap;
    }
    size_t *x = b->at + 4 * b->n++;
    x[0] = b->text.len, x[1] = sl;
    if (tqe_buf_append(&b->text, s, sl)) return TQE_ENOMEM;
    x[2] = b->text.len, x[3] = tl;
    return tqe_buf_append(&b->text, t, tl) ? TQE_ENOMEM : 0;
}

static int check_range(void *arg, size_t wi, size_t begin, size_t end)
{
    batch *b = arg;
    worker *w = &b->w[wi];
    for (size_t i = begin; i < end; i++) {
        const size_t *x = b->at + 4 * i;
        const char *s = b->text.data + x[0], *t = b->text.data + x[2];
        tqe_issue_list_clear(w->l);
        int st = tqe_checker_run(w->ck, w->l, s, x[1], t, x[3], &w->counts, NULL);
        bool found = !st && tqe_issue_list_count(w->l) > 0;
        if (b->holding && found)
            st = held_take(&w->hold, b->first + i + 1, &w->l, s, x[1], t, x[3]) ? TQE_ENOMEM : 0;
        else if (!st && !b->holding)
            st = emit(&w->out, b->a, b->first + i + 1, s, x[1], t, x[3], w->l, b->color);
        if (st) {
            w->status = st == TQE_ENOMEM ? tqe_ctx_seterr(w->ctx, st, "out of memory") : st;
            return 1;
        }
        w->flagged += found;
    }
    return 0;
}

static void workers_free(batch *b)
{
    for (size_t i = 0; i < b->nw; i++) {
        if (i) tqe_checker_free(b->w[i].ck); /* worker 0's is the caller's */
        tqe_issue_list_free(b->w[i].l);
        tqe_buf_free(&b->w[i].out);
        tqe_name_tally_free(b->w[i].tally);
        held_free(&b->w[i].hold);
        if (i) tqe_ctx_free(b->w[i].ctx);
    }
    free(b->w);
}

/* Worker 0 uses the caller's checker; the others get their own, with the
 * same options and document context (opened only once the input proves
 * long enough to share out). */
static int workers_grow(batch *b, size_t want, const tqe_check_options *o)
{
    worker *w = realloc(b->w, want * sizeof(*w));
    if (!w) return EXIT_INTERNAL;
    b->w = w;
    for (; b->nw < want; b->nw++) {
        worker *x = &w[b->nw];
        memset(x, 0, sizeof(*x));
        if (tqe_issue_list_new(&x->l)) return EXIT_INTERNAL;
        x->hold.keep_text = !strcmp(b->a->format, "text");
        if (b->nw == 0) continue;
        if (tqe_ctx_new(&x->ctx)) return EXIT_INTERNAL;
        int st = tqe_checker_new(&x->ck, x->ctx, o);
        if (!st) st = tqe_checker_copy_context(x->ck, w[0].ck);
        if (!st && b->holding) st = tqe_name_tally_new(&x->tally, x->ctx);
        if (st) return tool_fail("check", x->ctx, st);
        tqe_checker_set_tally(x->ck, x->tally);
    }
    return 0;
}

/* Check the batch, write its output in line order, fold the counts. */
static int batch_run(batch *b, size_t jobs, tqe_check_counts *counts, uint64_t *flagged)
{
    size_t used = 1;
    int rc = tool_parallel(jobs, b->n, LINES_PER_WORKER, check_range, b, &used);
    for (size_t i = 0; i < used; i++) {
        worker *w = &b->w[i];
        if (w->out.len) fwrite(w->out.data, 1, w->out.len, stdout);
        tqe_buf_clear(&w->out);
        if (w->status) return tool_fail("check", w->ctx, w->status);
        if (held_move(&b->all, &w->hold))
            return tool_error("check", "out of memory"), EXIT_INTERNAL;
        *flagged += w->flagged;
        w->flagged = 0;
        /* Only the issue counts are used (summary, --fail-on). */
        for (unsigned t = 0; t < TQE_ISSUE_TYPE_COUNT; t++)
            counts->issues[t] += w->counts.issues[t];
        memset(&w->counts, 0, sizeof(w->counts));
    }
    b->first += b->n;
    b->n = 0;
    tqe_buf_clear(&b->text);
    return rc ? EXIT_INTERNAL : 0;
}

/* The tallies of all workers in worker 0's. */
static int merge_tallies(batch *b)
{
    for (size_t i = 1; i < b->nw; i++) {
        int st = tqe_name_tally_merge(b->w[0].tally, b->w[i].tally);
        if (st) return tool_fail("check", b->w[0].ctx, st);
    }
    return 0;
}

/* Write the held findings, without those of names the translation renders
 * throughout (tqe_name_tally_filter), and an empty record for every other
 * line in JSON Lines; correct the counts. */
static int write_held(batch *b, tqe_check_counts *counts, uint64_t *flagged)
{
    const tqe_name_tally *tally = b->w[0].tally;
    tqe_issue_list *none;
    if (tqe_issue_list_new(&none)) return EXIT_INTERNAL;
    tqe_buf out = {0};
    bool jsonl = !strcmp(b->a->format, "jsonl");
    int rc = 0;
    size_t next = 0;
    *flagged = 0;
    for (uint64_t line = 1; !rc && line <= b->first; line++) {
        const held_line *x =
            next < b->all.n && b->all.v[next].line == line ? &b->all.v[next++] : NULL;
        if (x) counts->issues[TQE_ISSUE_ENTITY_MISSING] -= tqe_name_tally_filter(tally, x->issues);
        const tqe_issue_list *l = x ? x->issues : none;
        *flagged += tqe_issue_list_count(l) > 0;
        if (!jsonl && !tqe_issue_list_count(l)) continue;
        const char *t = b->all.text.data;
        if (emit(&out, b->a, line, x && t ? t + x->src : "", x ? x->src_len : 0,
                 x && t ? t + x->tgt : "", x ? x->tgt_len : 0, l, b->color))
            rc = EXIT_INTERNAL;
        if (out.len >= (1u << 20)) {
            fwrite(out.data, 1, out.len, stdout);
            tqe_buf_clear(&out);
        }
    }
    if (out.len) fwrite(out.data, 1, out.len, stdout);
    tqe_buf_free(&out);
    tqe_issue_list_free(none);
    return rc;
}

/* Read line pairs into the batch until it is full or the input ends. */
static int read_batch(tqe_ctx *ctx, tqe_reader *rs, tqe_reader *rt, const check_args *a, batch *b,
                      size_t limit, bool *end)
{
    while (b->n < limit) {
        const char *s, *t;
        size_t sl, tl;
        int r1 = tqe_reader_next(rs, &s, &sl), r2 = r1 < 0 ? 0 : tqe_reader_next(rt, &t, &tl);
        if (r1 < 0 || r2 < 0) return r1 < 0 ? r1 : r2;
        if (r1 != r2)
            return tqe_ctx_seterr(ctx, TQE_EMISMATCH, "%s ends at line %llu but %s goes on",
                                  r1 ? a->tgt : a->src, (unsigned long long)(b->first + b->n),
                                  r1 ? a->src : a->tgt);
        if (r1 == 0) break;
        if (batch_add(b, s, sl, t, tl)) return tqe_ctx_seterr(ctx, TQE_ENOMEM, "out of memory");
    }
    *end = b->n < limit;
    return 0;
}

static int run(tqe_ctx *ctx, tqe_checker *ck, const check_args *a, const tqe_check_options *o,
               unsigned fail_bits)
{
    tqe_reader *rs = NULL, *rt = NULL;
    tqe_check_counts counts;
    memset(&counts, 0, sizeof(counts));
    batch b;
    memset(&b, 0, sizeof(b));
    b.a = a;
    b.color = !strcmp(a->format, "text") && isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
    b.holding = a->consistent;
    size_t jobs = tool_jobs(a->jobs);
    int rc = workers_grow(&b, 1, o);
    b.w[0].ctx = ctx, b.w[0].ck = ck;
    int st = b.holding && !rc ? tqe_name_tally_new(&b.w[0].tally, ctx) : 0;
    tqe_checker_set_tally(ck, b.w[0].tally);
    if (!st) st = tqe_reader_open(&rs, ctx, a->src, NULL);
    if (!st) st = tqe_reader_open(&rt, ctx, a->tgt, NULL);
    if (!st) {
        tqe_reader_limit_lines(rs, TQE_MAX_PARAGRAPH_BYTES, CHECK_LIMIT);
        tqe_reader_limit_lines(rt, TQE_MAX_PARAGRAPH_BYTES, CHECK_LIMIT);
    }
    if (!st && !strcmp(a->format, "tsv") && tqe_render_issues_tsv_header(&b.w[0].out))
        rc = EXIT_INTERNAL;
    uint64_t flagged = 0;
    for (bool end = false; !rc && !st && !end;) {
        st = read_batch(ctx, rs, rt, a, &b, LINES_PER_WORKER * jobs, &end);
        /* More workers only when a full batch shows there is work to share. */
        if (!st && !end && b.nw < jobs) rc = workers_grow(&b, jobs, o);
        if (!rc) rc = batch_run(&b, b.nw, &counts, &flagged);
    }
    if (b.holding && !rc && !st) rc = merge_tallies(&b);
    if (b.holding && !rc && !st) rc = write_held(&b, &counts, &flagged);
    if (b.holding && !rc && !st && isatty(STDERR_FILENO)) summary_renderings(b.w[0].tally);
    tqe_checker_set_tally(ck, NULL);
    workers_free(&b);
    held_free(&b.all);
    tqe_buf_free(&b.text);
    free(b.at);
    tqe_reader_free(rs);
    tqe_reader_free(rt);
    if (rc) return rc;
    if (st) return tool_fail("check", ctx, st);
    if (b.first == 0) {
        tool_error("check", "no lines to check: %s and %s are empty", a->src, a->tgt);
        return EXIT_BADINPUT;
    }
    if (fflush(stdout)) return tool_error("check", "cannot write the output"), EXIT_BADINPUT;
    if (isatty(STDERR_FILENO)) summary(&counts, b.first, flagged);
    for (unsigned t = 0; t < TQE_ISSUE_TYPE_COUNT; t++)
        if ((fail_bits & (1u << t)) && counts.issues[t]) return EXIT_FINDINGS;
    return EXIT_OK;
}

int cmd_check(int argc, char **argv)
{
    check_args a = {NULL, NULL, "en", NULL, NULL, "jsonl", NULL, NULL, NULL, 4.0, 3.0, 0, false};
    const tool_option opts[] = {
        {"--src", OPT_STRING, &a.src, NULL, "FILE", "English source, one segment per line", NULL},
        {"--tgt", OPT_STRING, &a.tgt, NULL, "FILE", "translation, line i translating line i", NULL},
        {"--src-lang", OPT_STRING, &a.src_lang, NULL, "LANG", "source language (en)", NULL},
        {"--tgt-lang", OPT_STRING, &a.tgt_lang, NULL, "LANG", "target language: de, es, ru, zh...",
         NULL},
        {"--glossary", OPT_STRING, &a.glossary, NULL, "FILE",
         "term<TAB>form|form or term<TAB>=", NULL},
        {"--format", OPT_STRING, &a.format, NULL, "F", "jsonl (default), tsv or text", NULL},
        {"--fail-on", OPT_STRING, &a.fail_on, NULL, "TYPES", "exit 1 when these types are found",
         NULL},
        {"--skip", OPT_STRING, &a.skip, NULL, "TYPES", "issue types not to look for", NULL},
        {"--length-threshold", OPT_DOUBLE, &a.threshold, NULL, "Z",
         "z of the length model beyond which a translation is an addition (4)", NULL},
        {"--omission-threshold", OPT_DOUBLE, &a.omit_threshold, NULL, "Z",
         "-z beyond which a translation is an omission (3)", NULL},
        {"--data-dir", OPT_STRING, &a.data_dir, NULL, "DIR", "tqe's references/ directory", NULL},
        {"--jobs", OPT_INT, &a.jobs, NULL, "N", "worker threads (default: the number of cores)",
         NULL},
        {"--consistent-names", OPT_FLAG, &a.consistent, NULL, NULL,
         "names missing on all of their 2+ lines are renderings, not reported", NULL},
    };
    int rc =
        tool_parse("check", argc, argv, opts, sizeof(opts) / sizeof(opts[0]), NULL, NULL, usage);
    if (rc) return rc < 0 ? EXIT_OK : rc;
    if (!a.src || !a.tgt || !a.tgt_lang)
        return tool_error("check", "--src, --tgt and --tgt-lang are required"), EXIT_BADINPUT;
    if (a.jobs < 0) return tool_error("check", "--jobs must be at least 1"), EXIT_BADINPUT;
    if (strcmp(a.format, "jsonl") && strcmp(a.format, "tsv") && strcmp(a.format, "text"))
        return tool_error("check", "--format: choose jsonl, tsv or text"), EXIT_BADINPUT;
    unsigned fail_bits = 0, skip_bits = 0;
    if ((a.fail_on && (rc = parse_types(a.fail_on, &fail_bits, "--fail-on"))) ||
        (a.skip && (rc = parse_types(a.skip, &skip_bits, "--skip"))))
        return rc;
    tqe_ctx *ctx;
    if (tqe_ctx_new(&ctx)) return EXIT_INTERNAL;
    if ((rc = precheck(ctx, &a))) {
        tqe_ctx_free(ctx);
        return rc;
    }
    tqe_glossary *g = NULL;
    tqe_checker *ck = NULL;
    char datadir[TOOL_PATH_MAX];
    tqe_check_options o = TQE_CHECK_OPTIONS_INIT;
    o.src_lang = a.src_lang;
    o.tgt_lang = a.tgt_lang;
    o.data_dir = tool_data_dir(a.data_dir, datadir);
    o.length_threshold = a.threshold;
    o.omission_threshold = a.omit_threshold;
    o.skip = skip_bits;
    int st = a.glossary ? tqe_glossary_load(&g, ctx, a.glossary) : 0;
    o.glossary = g;
    if (!st) st = tqe_checker_new(&ck, ctx, &o);
    if (!st) st = tool_add_source_context(ctx, ck, a.src);
    rc = st ? tool_fail("check", ctx, st) : run(ctx, ck, &a, &o, fail_bits);
    tqe_checker_free(ck);
    tqe_glossary_free(g);
    tqe_ctx_free(ctx);
    return rc;
}
