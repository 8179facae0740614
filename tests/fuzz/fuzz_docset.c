/*
 * fuzz_docset.c - the document readers: TSV files of "doc<TAB>text" lines
 * and plain text files, one paragraph a line or blocks between blank lines.
 *
 * The readers take a path, so the input is written to a temporary file.
 * Invariants: a read that succeeds loses nothing: the TSV reader has one
 * paragraph per non-blank line and the line reader one per non-blank line;
 * texts and ids are valid UTF-8 and ids are 1 to 255 bytes; the blank-line
 * reader's paragraphs hold no blank line; errors are documented statuses
 * (TQE_ELIMIT only for an input longer than a paragraph may be).
 */
#include "fuzz_common.h"

static size_t nonblank_lines(const char *s, size_t len)
{
    size_t n = 0;
    while (len) {
        const char *tail;
        size_t head, tail_len;
        fuzz_split(s, len, '\n', &head, &tail, &tail_len);
        if (tqe_utf8_rstrip_len(s, head) > 0) n++;
        s = tail;
        len = tail_len;
    }
    return n;
}

/* Check every paragraph; returns their number. */
static size_t walk(const tqe_docset *ds, int tsv)
{
    size_t total = 0;
    for (size_t i = 0; i < tqe_docset_count(ds); i++) {
        const tqe_doc *d = tqe_docset_get(ds, i);
        const size_t idlen = strlen(d->id);
        FUZZ_CHECK(fuzz_valid_utf8(d->id, idlen));
        FUZZ_CHECK(tsv ? idlen >= 1 && idlen <= 255 : idlen == 0);
        FUZZ_CHECK(tqe_docset_find(ds, d->id) == d);
        FUZZ_CHECK(d->n >= 1);
        for (size_t k = 0; k < d->n; k++) {
            const tqe_paragraph *p = &d->paras[k];
            FUZZ_CHECK(fuzz_valid_utf8(p->text, p->len));
            FUZZ_CHECK(p->line >= 1);
            if (k) FUZZ_CHECK(p->line > d->paras[k - 1].line);
        }
        total += d->n;
    }
    return total;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static tqe_ctx *ctx;
    if (!ctx) FUZZ_OK(NULL, tqe_ctx_new(&ctx));
    size_t len;
    char *big = fuzz_expand(data, size, (size_t)2 << 20, &len);
    const char *text = big ? big : (const char *)data;
    if (!big) len = size;
    const char *path = fuzz_write_tmp(text, len);
    const int valid = fuzz_valid_utf8(text, len);
    /* Only valid text reads, and tqe_utf8_rstrip_len() takes valid text;
     * the readers drop a byte order mark. */
    const size_t bom = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    const size_t lines = valid ? nonblank_lines(text + bom, len - bom) : 0;
    /* A paragraph longer than TQE_MAX_PARAGRAPH_BYTES is refused (TQE_ELIMIT). */
    const int too_long = len > TQE_MAX_PARAGRAPH_BYTES;

    tqe_docset *ds;
    tqe_ctx_clear(ctx);
    int rc = tqe_docset_read_tsv(&ds, ctx, path);
    if (rc == 0) {
        FUZZ_CHECK(walk(ds, 1) == lines);
        tqe_docset_free(ds);
    } else {
        FUZZ_CHECK(ds == NULL &&
                   (rc == TQE_EUTF8 || rc == TQE_EFORMAT || (rc == TQE_ELIMIT && too_long)));
        FUZZ_CHECK(tqe_ctx_status(ctx) == rc);
    }

    tqe_ctx_clear(ctx);
    rc = tqe_docset_read_text(&ds, ctx, path, TQE_PARA_LINES);
    if (rc == 0) {
        FUZZ_CHECK(walk(ds, 0) == lines);
        tqe_docset_free(ds);
    } else {
        FUZZ_CHECK(ds == NULL && ((rc == TQE_EUTF8 && !valid) || (rc == TQE_ELIMIT && too_long)));
    }

    tqe_ctx_clear(ctx);
    rc = tqe_docset_read_text(&ds, ctx, path, TQE_PARA_BLANK);
    if (rc == 0) {
        FUZZ_CHECK(walk(ds, 0) <= lines);
        const tqe_doc *d = tqe_docset_count(ds) ? tqe_docset_get(ds, 0) : NULL;
        size_t in_paras = 0;
        for (size_t k = 0; d && k < d->n; k++) {
            FUZZ_CHECK(d->paras[k].len > 0);
            in_paras += nonblank_lines(d->paras[k].text, d->paras[k].len);
        }
        FUZZ_CHECK(in_paras == lines);
        tqe_docset_free(ds);
    } else {
        FUZZ_CHECK(ds == NULL && ((rc == TQE_EUTF8 && !valid) || (rc == TQE_ELIMIT && too_long)));
    }
    free(big);
    return 0;
}
