/*
 * fuzz_wmtxml.c - WMT XML test sets (libxml2).
 *
 * The reader takes a path, so the input is written to a temporary file.
 * Invariants: a file that reads has a source docset; every docset's ids,
 * names, languages and paragraph texts are valid UTF-8, and no two documents
 * of a docset share an id; errors are
 * TQE_EFORMAT (or TQE_EUTF8) with the file named in the message.
 */
#include "fuzz_common.h"

static void walk(const tqe_docset *ds)
{
    FUZZ_CHECK(ds != NULL);
    for (size_t i = 0; i < tqe_docset_count(ds); i++) {
        const tqe_doc *d = tqe_docset_get(ds, i);
        FUZZ_CHECK(fuzz_valid_utf8(d->id, strlen(d->id)));
        /* Documents are matched by id: a second one with the same id would
         * never be looked at. */
        FUZZ_CHECK(tqe_docset_find(ds, d->id) == d);
        for (size_t k = 0; k < d->n; k++)
            FUZZ_CHECK(fuzz_valid_utf8(d->paras[k].text, d->paras[k].len));
    }
}

static void check_str(const char *s)
{
    FUZZ_CHECK(s != NULL && fuzz_valid_utf8(s, strlen(s)));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static tqe_ctx *ctx;
    if (!ctx) FUZZ_OK(NULL, tqe_ctx_new(&ctx));
    tqe_ctx_clear(ctx);
    size_t len;
    char *big = fuzz_expand(data, size, (size_t)2 << 20, &len);
    const char *path = fuzz_write_tmp(big ? big : (const char *)data, big ? len : size);
    free(big);

    tqe_wmt *w;
    int rc = tqe_wmt_read(&w, ctx, path);
    if (rc) {
        FUZZ_CHECK(w == NULL && (rc == TQE_EFORMAT || rc == TQE_EUTF8));
        FUZZ_CHECK(strncmp(tqe_ctx_errmsg(ctx), path, strlen(path)) == 0);
        return 0;
    }
    const char *name, *lang;
    walk(tqe_wmt_source(w, &lang));
    check_str(lang);
    for (size_t i = 0; i < tqe_wmt_ref_count(w); i++) {
        walk(tqe_wmt_ref(w, i, &name, &lang));
        check_str(name);
        check_str(lang);
    }
    for (size_t i = 0; i < tqe_wmt_system_count(w); i++) {
        walk(tqe_wmt_system(w, i, &name, &lang));
        check_str(name);
        check_str(lang);
    }
    tqe_wmt_free(w);
    return 0;
}
