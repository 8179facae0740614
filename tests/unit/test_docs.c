/* test_docs.c - docsets: TSV and WMT XML readers, finding documents by id. */
#include <unistd.h>

#include "testutil.h"

/* Write `data` to a temporary file; returns its path (static buffer). */
static const char *tmp_file(const char *data, size_t len)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/tqe-test-docs-%ld.tmp", (long)getpid());
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(data, 1, len, fp), len);
    assert_int_equal(fclose(fp), 0);
    return path;
}

/* Corpora of one-line documents have as many ids as lines: reading and
 * finding them must not scan every earlier document. */
static void test_tsv_many_docs(void **state)
{
    tqe_ctx *ctx = *state;
    enum { N = 50000 };
    tqe_buf b = TQE_BUF_INIT;
    for (int i = 0; i < N; i++) assert_int_equal(tqe_buf_printf(&b, "doc%d\tText %d.\n", i, i), 0);
    const char *path = tmp_file(b.data, b.len);
    tqe_buf_free(&b);
    tqe_docset *ds;
    assert_int_equal(tqe_docset_read_tsv(&ds, ctx, path), 0);
    unlink(path);
    assert_int_equal(tqe_docset_count(ds), N);
    char id[32];
    for (int i = 0; i < N; i++) {
        snprintf(id, sizeof id, "doc%d", i);
        const tqe_doc *d = tqe_docset_find(ds, id);
        assert_non_null(d);
        assert_str(d->id, id);
        assert_int_equal(d->n, 1);
    }
    assert_null(tqe_docset_find(ds, "doc"));
    tqe_docset_free(ds);
}

static void test_tsv_reappearing_id(void **state)
{
    tqe_ctx *ctx = *state;
    const char data[] = "a\tx\nb\ty\na\tz\n";
    const char *path = tmp_file(data, sizeof data - 1);
    tqe_docset *ds;
    assert_int_equal(tqe_docset_read_tsv(&ds, ctx, path), TQE_EFORMAT);
    unlink(path);
    assert_null(ds);
    assert_non_null(strstr(tqe_ctx_errmsg(ctx), ":3: document 'a' appears again"));
}

/* Built in memory, a reappearing id is a document of its own; finding the
 * id gives the first one. */
static void test_add_reappearing_id(void **state)
{
    tqe_ctx *ctx = *state;
    tqe_docset *ds;
    assert_int_equal(tqe_docset_new(&ds, ctx), 0);
    assert_int_equal(tqe_docset_add(ds, "a", "one", 3, 1), 0);
    assert_int_equal(tqe_docset_add(ds, "a", "two", 3, 2), 0);
    assert_int_equal(tqe_docset_add(ds, "b", "three", 5, 3), 0);
    assert_int_equal(tqe_docset_add(ds, "a", "four", 4, 4), 0);
    assert_int_equal(tqe_docset_count(ds), 3);
    const tqe_doc *d = tqe_docset_find(ds, "a");
    assert_ptr_equal(d, tqe_docset_get(ds, 0));
    assert_int_equal(d->n, 2);
    assert_ptr_equal(tqe_docset_find(ds, "b"), tqe_docset_get(ds, 1));
    tqe_docset_free(ds);
}

/* A second <doc> with the same id would be merged or never looked at. */
static void test_wmt_duplicate_id(void **state)
{
    tqe_ctx *ctx = *state;
    const char xml[] = "<dataset>\n<doc id=\"a\"><src lang=\"en\"><seg>one</seg></src></doc>\n"
                       "<doc id=\"b\"><src lang=\"en\"><seg>two</seg></src></doc>\n"
                       "<doc id=\"a\"><src lang=\"en\"><seg>three</seg></src></doc>\n</dataset>\n";
    const char *path = tmp_file(xml, sizeof xml - 1);
    tqe_wmt *w;
    assert_int_equal(tqe_wmt_read(&w, ctx, path), TQE_EFORMAT);
    unlink(path);
    assert_null(w);
    assert_non_null(strstr(tqe_ctx_errmsg(ctx), ":4: a second <doc> with id 'a'"));
}

/* Entity references are expanded when segments are read: a document that
 * declares entities ("billion laughs": 50 s and 5.8 GB for 1 KB) is refused. */
static void test_wmt_entities(void **state)
{
    tqe_ctx *ctx = *state;
    const char xml[] = "<?xml version=\"1.0\"?>\n<!DOCTYPE dataset [<!ENTITY a \"lol\">\n"
                       "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n<dataset><doc id=\"d\">"
                       "<src lang=\"en\"><seg>&b;&b;</seg></src></doc></dataset>\n";
    const char *path = tmp_file(xml, sizeof xml - 1);
    tqe_wmt *w;
    assert_int_equal(tqe_wmt_read(&w, ctx, path), TQE_EFORMAT);
    unlink(path);
    assert_null(w);
    assert_non_null(strstr(tqe_ctx_errmsg(ctx), ": the document declares entities"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_tsv_many_docs, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_tsv_reappearing_id, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_add_reappearing_id, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_wmt_duplicate_id, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_wmt_entities, ctx_setup, ctx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
