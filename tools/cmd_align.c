/* cmd_align.c - `tqe align`: paragraph alignment of a source and a translation. */
#include <stdlib.h>
#include <string.h>

#include "tool.h"

static const char usage[] =
    "usage: tqe align --src FILE --tgt FILE [--src-lang en] --tgt-lang LANG [--para lines|blank]\n"
    "\n"
    "Align the paragraphs of a source document with those of its translation, which\n"
    "may merge, split, drop or add paragraphs. Prints one bead a line:\n"
    "  SRC_INDICES<TAB>TGT_INDICES<TAB>KIND<TAB>CONFIDENCE\n"
    "with 0-based, comma-separated paragraph indices (empty when none), KIND one of\n"
    "1-1 1-0 0-1 2-1 1-2 2-2 3-1 1-3, and CONFIDENCE the bead's posterior probability.\n"
    "\n"
    "Examples:\n"
    "  tqe align --src release.en.txt --tgt release.de.txt --tgt-lang de\n"
    "  tqe align --src a.txt --tgt b.txt --tgt-lang es --para blank\n";

static void print_indices(size_t start, size_t count)
{
    for (size_t k = 0; k < count; k++) printf("%s%zu", k ? "," : "", start + k);
}

static int parse_mode(const char *s, tqe_para_mode *mode)
{
    if (!strcmp(s, "lines"))
        *mode = TQE_PARA_LINES;
    else if (!strcmp(s, "blank"))
        *mode = TQE_PARA_BLANK;
    else {
        tool_error("align", "--para: choose lines or blank, not '%s'", s);
        return EXIT_BADINPUT;
    }
    return 0;
}

int cmd_align(int argc, char **argv)
{
    const char *src = NULL, *tgt = NULL, *src_lang = "en", *tgt_lang = NULL, *para = "lines";
    const char *data_dir = NULL;
    const tool_option opts[] = {
        {"--src", OPT_STRING, &src, NULL, "FILE", "source document (UTF-8)", NULL},
        {"--tgt", OPT_STRING, &tgt, NULL, "FILE", "translation (UTF-8)", NULL},
        {"--src-lang", OPT_STRING, &src_lang, NULL, "LANG", "source language (en)", NULL},
        {"--tgt-lang", OPT_STRING, &tgt_lang, NULL, "LANG", "target language, e.g. de", NULL},
        {"--para", OPT_STRING, &para, NULL, "MODE", "lines (default) or blank", NULL},
        {"--data-dir", OPT_STRING, &data_dir, NULL, "DIR", "tqe's references/ directory", NULL},
    };
    int rc =
        tool_parse("align", argc, argv, opts, sizeof(opts) / sizeof(opts[0]), NULL, NULL, usage);
    if (rc) return rc < 0 ? EXIT_OK : rc;
    if (!src || !tgt || !tgt_lang)
        return tool_error("align", "--src, --tgt and --tgt-lang are required"), EXIT_BADINPUT;
    tqe_para_mode mode;
    if ((rc = parse_mode(para, &mode))) return rc;
    tqe_ctx *ctx;
    if (tqe_ctx_new(&ctx)) return EXIT_INTERNAL;
    char datadir[TOOL_PATH_MAX];
    tqe_docset *S = NULL, *T = NULL;
    tqe_aligner *al = NULL;
    int st = tqe_docset_read_text(&S, ctx, src, mode);
    if (!st) st = tqe_docset_read_text(&T, ctx, tgt, mode);
    if (!st)
        st = tqe_aligner_new(&al, ctx, src_lang, tgt_lang, tool_data_dir(data_dir, datadir), NULL);
    if (!st) {
        /* A file with no paragraphs (empty, or blank lines only) has no document. */
        const tqe_doc *s = tqe_docset_count(S) ? tqe_docset_get(S, 0) : NULL;
        const tqe_doc *t = tqe_docset_count(T) ? tqe_docset_get(T, 0) : NULL;
        const tqe_bead *b;
        size_t nb;
        st = tqe_align_docs(al, s, t, &b, &nb);
        for (size_t k = 0; !st && k < nb; k++) {
            print_indices(b[k].src_start, b[k].src_count);
            putchar('\t');
            print_indices(b[k].tgt_start, b[k].tgt_count);
            printf("\t%s\t%.3f\n", tqe_bead_kind_name(b[k].kind), b[k].confidence);
        }
    }
    rc = st ? tool_fail("align", ctx, st) : EXIT_OK;
    tqe_aligner_free(al);
    tqe_docset_free(S);
    tqe_docset_free(T);
    tqe_ctx_free(ctx);
    return rc;
}
