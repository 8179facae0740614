/* make_card.c - the example corpus's scorecard, built through the public
 * API and written in one of the card's formats; the browser test renders
 * its HTML without depending on the `tqe card` command.
 *
 * usage: make_card REFERENCES_DIR html|jsonl|csv|summary OUT
 * (the corpus is REFERENCES_DIR/examples: article.en.txt and its German,
 * Spanish and French translations, the German one with its reference). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tqe.h"

typedef struct corpus {
    tqe_docset *src, *de, *es, *fr, *ref_de;
} corpus;

static int read_doc(tqe_docset **out, tqe_ctx *ctx, const char *refs, const char *name)
{
    char path[4096];
    int n = snprintf(path, sizeof(path), "%s/examples/%s", refs, name);
    if (n < 0 || (size_t)n >= sizeof(path)) return tqe_ctx_seterr(ctx, TQE_EINVAL, "path too long");
    return tqe_docset_read_text(out, ctx, path, TQE_PARA_LINES);
}

static void corpus_free(corpus *k)
{
    tqe_docset_free(k->src), tqe_docset_free(k->de), tqe_docset_free(k->es);
    tqe_docset_free(k->fr), tqe_docset_free(k->ref_de);
}

static int build(tqe_card *card, tqe_ctx *ctx, const char *refs, corpus *k)
{
    int rc = read_doc(&k->src, ctx, refs, "article.en.txt");
    if (!rc) rc = read_doc(&k->de, ctx, refs, "article.de.txt");
    if (!rc) rc = read_doc(&k->es, ctx, refs, "article.es.txt");
    if (!rc) rc = read_doc(&k->fr, ctx, refs, "article.fr.txt");
    if (!rc) rc = read_doc(&k->ref_de, ctx, refs, "article.ref.de.txt");
    const tqe_docset *ref_de[1] = {k->ref_de};
    if (!rc)
        rc = tqe_card_add_translation(card, "article.de.txt", "de", k->src, k->de, ref_de, 1, NULL,
                                      NULL, NULL, NULL);
    if (!rc)
        rc = tqe_card_add_translation(card, "article.es.txt", "es", k->src, k->es, NULL, 0, NULL,
                                      NULL, NULL, NULL);
    if (!rc)
        rc = tqe_card_add_translation(card, "article.fr.txt", "fr", k->src, k->fr, NULL, 0, NULL,
                                      NULL, NULL, NULL);
    return rc ? rc : tqe_card_finish(card);
}

static int render(tqe_buf *out, const tqe_card *card, const char *format)
{
    if (!strcmp(format, "html"))
        return tqe_card_render_html(out, card, "Example press release: vendor translations");
    if (!strcmp(format, "jsonl")) return tqe_card_render_jsonl(out, card);
    if (!strcmp(format, "csv")) return tqe_card_render_csv(out, card);
    if (!strcmp(format, "summary")) return tqe_card_render_summary_csv(out, card);
    return TQE_EINVAL;
}

static int write_file(const char *path, const tqe_buf *b)
{
    FILE *fp = fopen(path, "wb");
    if (!fp) return -1;
    size_t n = b->len ? fwrite(b->data, 1, b->len, fp) : 0;
    int bad = n != b->len;
    return (fclose(fp) || bad) ? -1 : 0;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: make_card REFERENCES_DIR html|jsonl|csv|summary OUT\n");
        return 2;
    }
    tqe_ctx *ctx = NULL;
    tqe_card *card = NULL;
    corpus k = {0};
    tqe_buf out = TQE_BUF_INIT;
    tqe_card_options o = TQE_CARD_OPTIONS_INIT;
    o.data_dir = argv[1];
    int rc = tqe_ctx_new(&ctx);
    if (!rc) rc = tqe_card_new(&card, ctx, &o);
    if (!rc) rc = build(card, ctx, argv[1], &k);
    if (!rc) rc = render(&out, card, argv[2]);
    if (rc)
        fprintf(stderr, "make_card: %s\n",
                ctx && *tqe_ctx_errmsg(ctx) ? tqe_ctx_errmsg(ctx) : tqe_status_str(rc));
    else if (write_file(argv[3], &out))
        fprintf(stderr, "make_card: cannot write %s\n", argv[3]), rc = -1;
    tqe_buf_free(&out);
    tqe_card_free(card);
    corpus_free(&k);
    tqe_ctx_free(ctx);
    return rc ? 1 : 0;
}
