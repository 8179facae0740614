/* docs.c - documents as lists of paragraphs, from plain text or TSV files.
 *
 * Paragraph texts live in one arena per docset; documents and paragraphs
 * refer to it by offset until tqe_docset_get() hands out pointers, so the
 * arena can grow while reading. */
#include <stdio.h>

#include "internal.h"
#include "strtab.h"

typedef struct para_rec {
    size_t off, len;
    uint64_t line;
} para_rec;

typedef struct doc_rec {
    size_t id_off;
    size_t first, n; /* paragraphs [first, first + n) */
} doc_rec;

struct tqe_docset {
    tqe_ctx *ctx;
    char *name;
    tqe_buf arena;
    para_rec *paras;
    size_t npara, cap_para;
    doc_rec *docs;
    size_t ndoc, cap_doc;
    tqe_paragraph *view; /* pointer form of paras, rebuilt on demand */
    tqe_doc *dview;
    bool view_ok;
    strtab ids; /* document id -> index of its first document: finding a
                 * document must not cost a scan (corpora of one-line
                 * documents have 100,000s of ids) */
};

int tqe_docset_new(tqe_docset **out, tqe_ctx *ctx)
{
    *out = calloc(1, sizeof(**out));
    if (!*out) return tqe_oom(ctx);
    (*out)->ctx = ctx;
    return TQE_OK;
}

void tqe_docset_free(tqe_docset *ds)
{
    if (!ds) return;
    free(ds->name);
    tqe_buf_free(&ds->arena);
    free(ds->paras);
    free(ds->docs);
    free(ds->view);
    free(ds->dview);
    strtab_free(&ds->ids);
    free(ds);
}

static int arena_put(tqe_docset *ds, const char *s, size_t len, size_t *off)
{
    *off = ds->arena.len;
    if (tqe_buf_append(&ds->arena, s, len) || tqe_buf_append(&ds->arena, "", 1))
        return tqe_oom(ds->ctx);
    return TQE_OK;
}

int tqe_docset_add(tqe_docset *ds, const char *doc_id, const char *text, size_t len, uint64_t line)
{
    if (len > TQE_MAX_PARAGRAPH_BYTES)
        return tqe_err(ds->ctx, TQE_ELIMIT,
                       "%s:%llu: a paragraph of %zu bytes, more than the %d tqe handles (has the "
                       "file lost its line breaks?)",
                       ds->name ? ds->name : "<memory>", (unsigned long long)line, len,
                       TQE_MAX_PARAGRAPH_BYTES);
    ds->view_ok = false;
    doc_rec *last = ds->ndoc ? &ds->docs[ds->ndoc - 1] : NULL;
    if (!last || strcmp(ds->arena.data + last->id_off, doc_id) != 0) {
        if (tqe_grow((void **)&ds->docs, &ds->cap_doc, ds->ndoc + 1, sizeof(*ds->docs)))
            return tqe_oom(ds->ctx);
        if (ds->ndoc >= UINT32_MAX) return tqe_err(ds->ctx, TQE_ELIMIT, "too many documents");
        const size_t idlen = strlen(doc_id);
        /* A reappearing id keeps pointing at its first document. */
        if (strtab_put(&ds->ids, doc_id, idlen, (uint32_t)ds->ndoc, NULL) < 0)
            return tqe_oom(ds->ctx);
        doc_rec *d = &ds->docs[ds->ndoc++];
        d->first = ds->npara;
        d->n = 0;
        if (arena_put(ds, doc_id, idlen, &d->id_off)) return TQE_ENOMEM;
        last = d;
    }
    if (tqe_grow((void **)&ds->paras, &ds->cap_para, ds->npara + 1, sizeof(*ds->paras)))
        return tqe_oom(ds->ctx);
    para_rec *p = &ds->paras[ds->npara];
    if (arena_put(ds, text, len, &p->off)) return TQE_ENOMEM;
    p->len = len;
    p->line = line;
    ds->npara++;
    last->n++;
    return TQE_OK;
}

static int build_view(const tqe_docset *cds)
{
    tqe_docset *ds = (tqe_docset *)cds; /* the view is a cache */
    if (ds->view_ok) return TQE_OK;
    tqe_paragraph *v = realloc(ds->view, (ds->npara + 1) * sizeof(*v));
    tqe_doc *d = v ? realloc(ds->dview, (ds->ndoc + 1) * sizeof(*d)) : NULL;
    if (v) ds->view = v;
    if (!d) return TQE_ENOMEM;
    ds->dview = d;
    for (size_t i = 0; i < ds->npara; i++)
        v[i] =
            (tqe_paragraph){ds->arena.data + ds->paras[i].off, ds->paras[i].len, ds->paras[i].line};
    for (size_t k = 0; k < ds->ndoc; k++)
        d[k] = (tqe_doc){ds->arena.data + ds->docs[k].id_off, v + ds->docs[k].first, ds->docs[k].n};
    ds->view_ok = true;
    return TQE_OK;
}

size_t tqe_docset_count(const tqe_docset *ds)
{
    return ds->ndoc;
}

const tqe_doc *tqe_docset_get(const tqe_docset *ds, size_t i)
{
    assert(i < ds->ndoc);
    if (build_view(ds)) return NULL;
    return &ds->dview[i];
}

const tqe_doc *tqe_docset_find(const tqe_docset *ds, const char *id)
{
    uint32_t i;
    if (!strtab_find(&ds->ids, id, strlen(id), &i)) return NULL;
    return tqe_docset_get(ds, strtab_value(&ds->ids, i));
}

int docset_set_name(tqe_docset *ds, const char *name)
{
    free(ds->name);
    ds->name = tqe_strndup(name, strlen(name));
    return ds->name ? TQE_OK : tqe_oom(ds->ctx);
}

const char *tqe_docset_name(const tqe_docset *ds)
{
    return ds->name ? ds->name : "";
}

static int open_set(tqe_docset **out, tqe_ctx *ctx, const char *path, tqe_reader **rd)
{
    int rc = tqe_docset_new(out, ctx);
    if (!rc) rc = docset_set_name(*out, path);
    if (!rc) rc = tqe_reader_open(rd, ctx, path, NULL);
    if (rc) {
        tqe_docset_free(*out);
        *out = NULL;
    }
    return rc;
}

int tqe_docset_read_text(tqe_docset **out, tqe_ctx *ctx, const char *path, tqe_para_mode mode)
{
    tqe_reader *rd;
    int rc = open_set(out, ctx, path, &rd);
    if (rc) return rc;
    tqe_buf block = TQE_BUF_INIT;
    uint64_t block_line = 0;
    const char *s;
    size_t len;
    while ((rc = tqe_reader_next(rd, &s, &len)) == 1) {
        len = tqe_utf8_rstrip_len(s, len);
        uint64_t line = tqe_reader_lineno(rd);
        if (mode == TQE_PARA_LINES) {
            if (len && (rc = tqe_docset_add(*out, "", s, len, line))) break;
            continue;
        }
        if (len == 0) { /* blank: the line was right-stripped */
            if (block.len && (rc = tqe_docset_add(*out, "", block.data, block.len, block_line)))
                break;
            tqe_buf_clear(&block);
            continue;
        }
        if (!block.len) block_line = line;
        if ((block.len && tqe_buf_append(&block, "\n", 1)) || tqe_buf_append(&block, s, len)) {
            rc = tqe_oom(ctx);
            break;
        }
    }
    if (rc == 0 && block.len) rc = tqe_docset_add(*out, "", block.data, block.len, block_line);
    tqe_buf_free(&block);
    tqe_reader_free(rd);
    if (rc < 0) {
        tqe_docset_free(*out);
        *out = NULL;
        return rc;
    }
    return TQE_OK;
}

int tqe_docset_read_tsv(tqe_docset **out, tqe_ctx *ctx, const char *path)
{
    tqe_reader *rd;
    int rc = open_set(out, ctx, path, &rd);
    if (rc) return rc;
    const char *s;
    size_t len;
    while ((rc = tqe_reader_next(rd, &s, &len)) == 1) {
        len = tqe_utf8_rstrip_len(s, len);
        uint64_t line = tqe_reader_lineno(rd);
        if (len == 0) continue;
        const char *tab = memchr(s, '\t', len);
        if (!tab) {
            rc = tqe_err(ctx, TQE_EFORMAT, "%s:%llu: expected doc<TAB>text, found no TAB", path,
                         (unsigned long long)line);
            break;
        }
        char id[256];
        size_t idlen = (size_t)(tab - s);
        if (idlen == 0 || idlen >= sizeof(id)) {
            rc = tqe_err(ctx, TQE_EFORMAT, "%s:%llu: the document id must be 1 to 255 bytes", path,
                         (unsigned long long)line);
            break;
        }
        memcpy(id, s, idlen);
        id[idlen] = '\0';
        const tqe_docset *ds = *out;
        bool current = ds->ndoc && strcmp(ds->arena.data + ds->docs[ds->ndoc - 1].id_off, id) == 0;
        if (!current && tqe_docset_find(ds, id)) {
            rc = tqe_err(ctx, TQE_EFORMAT,
                         "%s:%llu: document '%s' appears again after other documents (its "
                         "paragraphs must be consecutive)",
                         path, (unsigned long long)line, id);
            break;
        }
        if ((rc = tqe_docset_add(*out, id, tab + 1, len - idlen - 1, line))) break;
    }
    tqe_reader_free(rd);
    if (rc < 0) {
        tqe_docset_free(*out);
        *out = NULL;
        return rc;
    }
    return TQE_OK;
}
