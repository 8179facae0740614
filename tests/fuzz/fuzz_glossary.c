/*
 * fuzz_glossary.c - glossary files (tqe_glossary_from_memory) and the
 * glossary check.
 *
 * Input: a glossary file, then optionally '\f', an English source and '\f'
 * a German translation to check with it. Invariants: a file that loads has
 * every term of its entry lines (the text before the TAB) in the
 * glossary, with at least one form; an error has a status from the
 * documented set and a message naming the file; findings of the check
 * quote valid UTF-8 from inside the texts.
 */
#include "fuzz_issues.h"

/* Every entry line's term must be found (no entry silently dropped). */
static void check_terms(const tqe_glossary *g, const char *s, size_t len)
{
    size_t entries = 0;
    /* The reader drops a byte order mark at the start of the file. */
    if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) s += 3, len -= 3;
    while (len) {
        const char *tail;
        size_t head, tail_len;
        fuzz_split(s, len, '\n', &head, &tail, &tail_len);
        const char *tab = memchr(s, '\t', head);
        /* Terms are looked up ignoring case, punctuation and surrounding
         * space, so the raw text before the TAB must find its entry. */
        if (tab && tqe_utf8_rstrip_len(s, head) > 0) {
            const char *const *forms;
            size_t nforms;
            int verbatim;
            FUZZ_CHECK(tqe_glossary_lookup(g, s, (size_t)(tab - s), &forms, &nforms, &verbatim) ==
                       1);
            FUZZ_CHECK(nforms >= 1);
            for (size_t k = 0; k < nforms; k++)
                FUZZ_CHECK(fuzz_valid_utf8(forms[k], strlen(forms[k])));
            entries++;
        }
        s = tail;
        len = tail_len;
    }
    FUZZ_CHECK(tqe_glossary_count(g) <= entries);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static tqe_ctx *ctx;
    static tqe_entities *e;
    if (!ctx) FUZZ_OK(NULL, tqe_ctx_new(&ctx));
    if (!e) FUZZ_OK(ctx, tqe_entities_new(&e, ctx, "en", "de", TQE_DATA_DIR));
    tqe_ctx_clear(ctx);
    const char *text = (const char *)data, *rest, *tgt;
    size_t glen, rest_len, src_len, tgt_len;
    fuzz_split(text, size, '\f', &glen, &rest, &rest_len);
    fuzz_split(rest, rest_len, '\f', &src_len, &tgt, &tgt_len);

    tqe_glossary *g;
    int rc = tqe_glossary_from_memory(&g, ctx, text, glen, "fuzz.tsv");
    if (rc) {
        FUZZ_CHECK(g == NULL);
        FUZZ_CHECK(rc == TQE_EUTF8 || rc == TQE_EFORMAT || rc == TQE_ELIMIT);
        FUZZ_CHECK(tqe_ctx_status(ctx) == rc);
        FUZZ_CHECK(strncmp(tqe_ctx_errmsg(ctx), "fuzz.tsv:", 9) == 0);
        return 0;
    }
    FUZZ_CHECK(fuzz_valid_utf8(text, glen));
    check_terms(g, text, glen);
    if (fuzz_valid_utf8(rest, rest_len)) {
        tqe_issue_list *l;
        FUZZ_OK(NULL, tqe_issue_list_new(&l));
        FUZZ_OK(ctx, tqe_glossary_check(l, e, g, rest, src_len, tgt, tgt_len));
        fuzz_check_issues(l, 0, rest, src_len, tgt, tgt_len);
        tqe_issue_list_free(l);
    }
    tqe_glossary_free(g);
    return 0;
}
