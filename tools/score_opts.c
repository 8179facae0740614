/* score_opts.c - the options of `tqe score`, spelled and checked as sacreBLEU
 * 2.5.1's argparse does, so that scripts calling sacrebleu work unchanged. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "score.h"

void score_opts_init(score_opts *o)
{
    memset(o, 0, sizeof(*o));
    o->num_refs = 1;
    o->smooth_method = "exp";
    o->chrf_char_order = 6;
    o->chrf_word_order = 0;
    o->chrf_beta = 2;
    o->confidence_n = 1000;
    o->paired_ar_n = 10000;
    o->paired_bs_n = 1000;
    o->paired_jobs = 1;
    o->width = 1;
    o->format = "json";
    o->encoding = "utf-8";
    o->jobs = 0;
    o->max_line_bytes = 1 << 20;
}

void score_opts_free(score_opts *o)
{
    free(o->refs);
    free(o->inputs);
    free(o->metric_names);
}

#define FLAG(n, d, h)                                                                              \
    {                                                                                              \
        n, OPT_FLAG, &o->d, NULL, NULL, h, NULL                                                    \
    }
#define INT(n, d, mv, h)                                                                           \
    {                                                                                              \
        n, OPT_INT, &o->d, NULL, mv, h, NULL                                                       \
    }
#define STR(n, d, mv, h)                                                                           \
    {                                                                                              \
        n, OPT_STRING, &o->d, NULL, mv, h, NULL                                                    \
    }

size_t score_opts_table(score_opts *o, tool_option *opts, size_t cap)
{
    const tool_option t[] = {
        {"-i|--input", OPT_LIST, &o->inputs, &o->ninputs, "HYP...",
         "hypothesis files, one per system (default: standard input)", &o->input_seen},
        INT("-nr|--num-refs", num_refs, "N", "split the reference file on tabs into N references"),
        {"-m|--metrics", OPT_LIST, &o->metric_names, &o->nmetric_names, "M...",
         "metrics to compute: bleu chrf ter (default: bleu)", NULL},
        FLAG("-sl|--sentence-level", sentence_level, "one score per line"),
        STR("-s|--smooth-method", smooth_method, "M", "BLEU smoothing: exp floor add-k none"),
        {"-sv|--smooth-value", OPT_DOUBLE, &o->smooth_value, NULL, "V",
         "BLEU smoothing value (floor: 0.1, add-k: 1)", &o->smooth_value_seen},
        STR("-tok|--tokenize", tokenize, "T", "BLEU tokenizer: 13a intl zh char none"),
        FLAG("-lc|--lowercase", lowercase, "case-insensitive BLEU"),
        FLAG("--force", force, "no warning for tokenized-looking input"),
        STR("-l|--language-pair", langpair, "SRC-TGT", "picks the BLEU tokenizer (zh for Chinese)"),
        INT("-cc|--chrf-char-order", chrf_char_order, "N", "chrF character n-gram order (6)"),
        INT("-cw|--chrf-word-order", chrf_word_order, "N",
            "chrF word n-gram order (0; 2 = chrF++)"),
        INT("--chrf-beta", chrf_beta, "B", "chrF recall weight (2)"),
        FLAG("--chrf-whitespace", chrf_whitespace, "keep whitespace in chrF character n-grams"),
        FLAG("--chrf-lowercase", chrf_lowercase, "case-insensitive chrF"),
        FLAG("--chrf-eps-smoothing", chrf_eps, "chrF++.py epsilon smoothing"),
        FLAG("--ter-case-sensitive", ter_case, "case-sensitive TER"),
        FLAG("--ter-asian-support", ter_asian, "TER: split CJK characters (with --ter-normalized)"),
        FLAG("--ter-no-punct", ter_nopunct, "TER: remove punctuation"),
        FLAG("--ter-normalized", ter_norm, "TER: tercom normalization and tokenization"),
        FLAG("-ci|--confidence", confidence, "bootstrap confidence interval (one system)"),
        INT("-cin|--confidence-n", confidence_n, "N", "bootstrap resamples for -ci (1000)"),
        FLAG("-par|--paired-ar", paired_ar, "paired approximate randomization test"),
        FLAG("-pbs|--paired-bs", paired_bs, "paired bootstrap resampling test"),
        INT("-parn|--paired-ar-n", paired_ar_n, "N", "approximate randomization trials (10000)"),
        INT("-pbsn|--paired-bs-n", paired_bs_n, "N", "paired bootstrap resamples (1000)"),
        INT("-j|--paired-jobs", paired_jobs, "N", "accepted for compatibility (see --jobs)"),
        FLAG("-q|--quiet", quiet, "no informational messages"),
        FLAG("-sh|--short", short_sig, "short signatures"),
        FLAG("-b|--score-only", score_only, "print only the scores"),
        INT("-w|--width", width, "N", "decimals printed (1)"),
        FLAG("-d|--detail", detail, "(test sets only; not supported)"),
        FLAG("-nc|--no-color", no_color, "no terminal colors"),
        STR("-f|--format", format, "F", "json (default) or text"),
        STR("-e|--encoding", encoding, "E", "input encoding: utf-8 only"),
        STR("-t|--test-set", test_set, "T", "(not supported: give reference files)"),
        STR("-ol|--origlang", origlang, "L", "(test sets only; not supported)"),
        STR("--subset", subset, "S", "(test sets only; not supported)"),
        STR("--download", download, "T", "(not supported)"),
        STR("--echo", echo_unused, "F", "(not supported)"),
        FLAG("--list", list, "(not supported)"),
        FLAG("--citation|--cite", citation, "(not supported)"),
        STR("--seed", seed, "N", "random seed for resampling (default: $SACREBLEU_SEED or 12345)"),
        STR("--stats-out", stats_out, "FILE", "write per-segment statistics for `tqe merge`"),
        INT("--jobs", jobs, "N", "worker threads (default: the number of cores)"),
        INT("--max-line-bytes", max_line_bytes, "N",
            "refuse a line of more than N bytes (default 1048576; 0: no limit)"),
        FLAG("-V|--version", version, "print the version and exit"),
    };
    size_t n = sizeof(t) / sizeof(t[0]);
    if (n > cap) n = cap;
    memcpy(opts, t, n * sizeof(*t));
    return n;
}

int score_opts_metrics(score_opts *o)
{
    if (!o->nmetric_names) {
        o->use[0] = true;
        return 0;
    }
    for (size_t i = 0; i < o->nmetric_names; i++) {
        const char *n = o->metric_names[i];
        if (!strcmp(n, "bleu"))
            o->use[0] = true;
        else if (!strcmp(n, "chrf"))
            o->use[1] = true;
        else if (!strcmp(n, "ter"))
            o->use[2] = true;
        else {
            tool_error("score",
                       "argument --metrics/-m: invalid choice: '%s' (choose from 'bleu', 'chrf', "
                       "'ter')",
                       n);
            return EXIT_BADINPUT;
        }
    }
    return 0;
}

static int bad(const char *msg)
{
    tool_error("score", "%s", msg);
    return EXIT_BADINPUT;
}

int score_opts_check(score_opts *o)
{
    if (o->test_set || o->download || o->echo_unused || o->list || o->citation || o->origlang ||
        o->subset || o->detail)
        return bad("tqe does not download or select test sets (-t, --echo, --list, --download, "
                   "--citation, -ol, --subset, -d): give reference files instead");
    if (strcmp(o->format, "json") && strcmp(o->format, "text"))
        return bad(strcmp(o->format, "latex")
                       ? "argument --format/-f: choose from json, text"
                       : "the latex format is not supported; use text or json");
    if (strcasecmp(o->encoding, "utf-8") && strcasecmp(o->encoding, "utf8"))
        return bad("only UTF-8 input is supported (convert with iconv first)");
    if (strcmp(o->smooth_method, "exp") && strcmp(o->smooth_method, "floor") &&
        strcmp(o->smooth_method, "add-k") && strcmp(o->smooth_method, "none"))
        return bad("argument --smooth-method/-s: choose from none, floor, add-k, exp");
    if (o->sentence_level && (o->use[0] + o->use[1] + o->use[2]) > 1)
        return bad("Only one metric can be used in sentence-level mode.");
    if (o->num_refs != 1 && o->nrefs_files > 1)
        return bad(
            "The --num-refs argument allows you to provide any number of tab-delimited "
            "references in a single file; you cannot then provide multiple reference files.");
    if (o->num_refs < 1) return bad("--num-refs must be at least 1");
    if (o->nrefs_files == 0)
        return bad("no reference file: give the references before -i/--input "
                   "(tqe score REF -i HYP)");
    if (o->input_seen && o->ninputs == 0) return bad("-i/--input needs at least one file");
    if (o->paired_ar && o->paired_bs)
        return bad("argument --paired-bs/-pbs: not allowed with argument --paired-ar/-par");
    if (o->width < 0 || o->width > 40) return bad("--width must be between 0 and 40");
    if (o->jobs < 0) return bad("--jobs must be at least 1");
    if (o->max_line_bytes < 0) return bad("--max-line-bytes must be 0 (no limit) or more");
    tqe_rng_seed seed;
    if (tool_parse_seed("score", o->seed, true, &seed, &o->seed)) return EXIT_BADINPUT;
    const char *fmt_env = getenv("SACREBLEU_FORMAT");
    if (fmt_env && (!strcasecmp(fmt_env, "json") || !strcasecmp(fmt_env, "text")))
        o->format = !strcasecmp(fmt_env, "json") ? "json" : "text";
    o->color = isatty(STDOUT_FILENO) && !o->no_color && !getenv("NO_COLOR");
    return 0;
}

static int parse_tokenizer(const score_opts *o, tqe_ctx *ctx, tqe_tokenizer *tok)
{
    const char *tgt = o->langpair ? strchr(o->langpair, '-') : NULL;
    tgt = tgt ? tgt + 1 : "";
    if (o->tokenize) {
        if (!strcmp(tgt, "zh") && strcmp(o->tokenize, "zh"))
            tool_warn("score", "Consider using the 'zh' or 'spm' tokenizer for Chinese.");
        if (!strcmp(tgt, "ja"))
            tool_warn("score", "Consider using the 'ja-mecab' or 'spm' tokenizer for Japanese.");
        if (!strcmp(tgt, "ko"))
            tool_warn("score", "Consider using the 'ko-mecab' or 'spm' tokenizer for Korean.");
        return tqe_tokenizer_from_name(tok, ctx, o->tokenize);
    }
    if (!strcmp(tgt, "ja") || !strcmp(tgt, "ko"))
        return tqe_ctx_seterr(ctx, TQE_EINVAL,
                              "sacreBLEU's default tokenizer for '%s' is %s-mecab, which tqe does "
                              "not provide: choose one with -tok (char or intl)",
                              tgt, tgt);
    *tok = !strcmp(tgt, "zh") ? TQE_TOK_ZH : TQE_TOK_13A;
    return TQE_OK;
}

int score_make_metrics(const score_opts *o, tqe_ctx *ctx, tqe_metric *m[M_COUNT])
{
    int rc = TQE_OK;
    for (int k = 0; k < M_COUNT; k++) m[k] = NULL;
    if (o->use[M_BLEU]) {
        tqe_bleu_options b = TQE_BLEU_OPTIONS_INIT;
        rc = parse_tokenizer(o, ctx, &b.tokenize);
        b.lowercase = o->lowercase;
        b.smooth = !strcmp(o->smooth_method, "floor")   ? TQE_SMOOTH_FLOOR
                   : !strcmp(o->smooth_method, "add-k") ? TQE_SMOOTH_ADD_K
                   : !strcmp(o->smooth_method, "none")  ? TQE_SMOOTH_NONE
                                                        : TQE_SMOOTH_EXP;
        b.smooth_value_set = o->smooth_value_seen;
        b.smooth_value = o->smooth_value;
        b.effective_order = o->sentence_level;
        if (!rc) rc = tqe_metric_new_bleu(&m[M_BLEU], ctx, &b);
    }
    if (!rc && o->use[M_CHRF]) {
        tqe_chrf_options c = TQE_CHRF_OPTIONS_INIT;
        c.char_order = o->chrf_char_order;
        c.word_order = o->chrf_word_order;
        c.beta = o->chrf_beta;
        c.whitespace = o->chrf_whitespace;
        c.lowercase = o->chrf_lowercase;
        c.eps_smoothing = o->chrf_eps;
        rc = tqe_metric_new_chrf(&m[M_CHRF], ctx, &c);
    }
    if (!rc && o->use[M_TER]) {
        tqe_ter_options t = TQE_TER_OPTIONS_INIT;
        t.case_sensitive = o->ter_case;
        t.asian_support = o->ter_asian;
        t.no_punct = o->ter_nopunct;
        t.normalized = o->ter_norm;
        rc = tqe_metric_new_ter(&m[M_TER], ctx, &t);
    }
    if (rc)
        for (int k = 0; k < M_COUNT; k++) {
            tqe_metric_free(m[k]);
            m[k] = NULL;
        }
    return rc;
}

static int arg(tqe_buf *b, const char *a)
{
    return tqe_buf_printf(b, "%s%s", b->len ? "\t" : "", a);
}

static int arg_int(tqe_buf *b, const char *name, int v)
{
    char n[32];
    snprintf(n, sizeof(n), "%d", v);
    return arg(b, name) || arg(b, n);
}

/* The options that decide the statistics and the scores computed from them,
 * in one fixed order and spelling, TAB-separated: a statistics file records
 * them, and shards merge only when theirs are equal. Output options, tests
 * (-ci, --paired-*) and -sl are chosen again when merging. */
int score_opts_canonical(const score_opts *o, tqe_buf *out)
{
    static const char *const names[M_COUNT] = {"bleu", "chrf", "ter"};
    tqe_buf_clear(out);
    int rc = arg(out, "-m");
    for (int m = 0; !rc && m < M_COUNT; m++)
        if (o->use[m]) rc = arg(out, names[m]);
    if (!rc) rc = arg_int(out, "-nr", o->num_refs);
    if (!rc && o->tokenize) rc = arg(out, "-tok") || arg(out, o->tokenize);
    if (!rc && o->langpair) rc = arg(out, "-l") || arg(out, o->langpair);
    if (!rc) rc = arg(out, "-s") || arg(out, o->smooth_method);
    if (!rc && o->smooth_value_seen) {
        char v[40];
        tqe_format_repr(v, sizeof(v), o->smooth_value);
        rc = arg(out, "-sv") || arg(out, v);
    }
    const struct {
        bool on;
        const char *name;
    } flags[] = {{o->lowercase, "-lc"},
                 {o->chrf_whitespace, "--chrf-whitespace"},
                 {o->chrf_lowercase, "--chrf-lowercase"},
                 {o->chrf_eps, "--chrf-eps-smoothing"},
                 {o->ter_case, "--ter-case-sensitive"},
                 {o->ter_asian, "--ter-asian-support"},
                 {o->ter_nopunct, "--ter-no-punct"},
                 {o->ter_norm, "--ter-normalized"}};
    for (size_t k = 0; !rc && k < sizeof(flags) / sizeof(flags[0]); k++)
        if (flags[k].on) rc = arg(out, flags[k].name);
    if (!rc)
        rc = arg_int(out, "-cc", o->chrf_char_order) || arg_int(out, "-cw", o->chrf_word_order) ||
             arg_int(out, "--chrf-beta", o->chrf_beta);
    return rc ? TQE_ENOMEM : TQE_OK;
}
