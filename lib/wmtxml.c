/* wmtxml.c - WMT's XML test sets (src, ref and hyp per document) as docsets. */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>

#include "internal.h"
#include "strtab.h"

typedef struct wmt_side {
    char *name, *lang;
    tqe_docset *ds;
} wmt_side;

struct tqe_wmt {
    tqe_ctx *ctx;
    char *path;
    wmt_side src;
    wmt_side *refs, *sys;
    size_t nrefs, nsys, cap_refs, cap_sys;
    strtab doc_ids; /* ids of the <doc>s read so far */
};

void tqe_wmt_free(tqe_wmt *w)
{
    if (!w) return;
    free(w->src.name), free(w->src.lang), tqe_docset_free(w->src.ds);
    for (size_t k = 0; k < w->nrefs; k++)
        free(w->refs[k].name), free(w->refs[k].lang), tqe_docset_free(w->refs[k].ds);
    for (size_t k = 0; k < w->nsys; k++)
        free(w->sys[k].name), free(w->sys[k].lang), tqe_docset_free(w->sys[k].ds);
    free(w->refs), free(w->sys), free(w->path);
    strtab_free(&w->doc_ids);
    free(w);
}

static bool named(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static char *attr(const xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    char *s = tqe_strndup(v ? (const char *)v : "", v ? strlen((const char *)v) : 0);
    xmlFree(v);
    return s;
}

/* The side of this kind and name ("" for the source), created on first use. */
static int side(tqe_wmt *w, const xmlNode *n, wmt_side **out)
{
    const char *kind = (const char *)n->name;
    wmt_side **arr = !strcmp(kind, "ref") ? &w->refs : &w->sys;
    size_t *cnt = !strcmp(kind, "ref") ? &w->nrefs : &w->nsys;
    size_t *cap = !strcmp(kind, "ref") ? &w->cap_refs : &w->cap_sys;
    char *name =
        strcmp(kind, "src") ? attr(n, !strcmp(kind, "ref") ? "translator" : "system") : NULL;
    char *lang = attr(n, "lang");
    if ((strcmp(kind, "src") && !name) || !lang) return free(name), free(lang), tqe_oom(w->ctx);
    wmt_side *s = NULL;
    if (!strcmp(kind, "src")) s = &w->src;
    for (size_t k = 0; !s && k < *cnt; k++)
        if (!strcmp((*arr)[k].name, name)) s = &(*arr)[k];
    if (!s) {
        if (tqe_grow((void **)arr, cap, *cnt + 1, sizeof(**arr)))
            return free(name), free(lang), tqe_oom(w->ctx);
        s = &(*arr)[(*cnt)++];
        memset(s, 0, sizeof(*s));
        s->name = name;
        name = NULL;
    }
    if (!s->lang) s->lang = lang, lang = NULL;
    free(name), free(lang);
    *out = s;
    if (s->ds) return TQE_OK;
    int rc = tqe_docset_new(&s->ds, w->ctx);
    return rc ? rc : docset_set_name(s->ds, w->path);
}

/* Every <seg> under n, in document order, as paragraphs of document `doc`. */
static int add_segs(tqe_wmt *w, tqe_docset *ds, const char *doc, const xmlNode *n)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (!named(c, "seg")) {
            int rc = add_segs(w, ds, doc, c);
            if (rc) return rc;
            continue;
        }
        xmlChar *t = xmlNodeGetContent(c);
        const char *s = t ? (const char *)t : "";
        size_t len = strlen(s);
        int rc = TQE_OK;
        if (tqe_utf8_check(s, len, NULL))
            rc = tqe_err(w->ctx, TQE_EUTF8, "%s:%ld: invalid UTF-8 in a segment", w->path,
                         xmlGetLineNo(c));
        if (!rc) rc = tqe_docset_add(ds, doc, s, len, (uint64_t)xmlGetLineNo(c));
        xmlFree(t);
        if (rc) return rc;
    }
    return TQE_OK;
}

static int read_doc(tqe_wmt *w, const xmlNode *doc)
{
    char *id = attr(doc, "id");
    if (!id) return tqe_oom(w->ctx);
    int rc = TQE_OK;
    if (!*id)
        rc =
            tqe_err(w->ctx, TQE_EFORMAT, "%s:%ld: <doc> without an id", w->path, xmlGetLineNo(doc));
    /* Documents are matched by id: a second <doc> with the same id would be
     * merged into the first or never looked at. */
    int dup = rc ? 0 : strtab_put(&w->doc_ids, id, strlen(id), 0, NULL);
    if (dup < 0) rc = tqe_oom(w->ctx);
    if (dup > 0)
        rc = tqe_err(w->ctx, TQE_EFORMAT, "%s:%ld: a second <doc> with id '%s'", w->path,
                     xmlGetLineNo(doc), id);
    for (const xmlNode *c = doc->children; !rc && c; c = c->next) {
        if (!named(c, "src") && !named(c, "ref") && !named(c, "hyp")) continue;
        wmt_side *s = NULL;
        if (!(rc = side(w, c, &s))) rc = add_segs(w, s->ds, id, c);
    }
    free(id);
    return rc;
}

static int walk(tqe_wmt *w, const xmlNode *n)
{
    for (const xmlNode *c = n; c; c = c->next) {
        if (named(c, "doc")) {
            /* test suites are not part of the test set proper */
            int rc = xmlHasProp(c, (const xmlChar *)"testsuite") ? TQE_OK : read_doc(w, c);
            if (rc) return rc;
        } else if (c->type == XML_ELEMENT_NODE) {
            int rc = walk(w, c->children);
            if (rc) return rc;
        }
    }
    return TQE_OK;
}

/* Stop at the first fatal error. libxml2 2.9 goes on after one, and each
 * unterminated comment copies the rest of the file into its error: a 2 MB
 * file of "<!--" took minutes (found by fuzz_wmtxml). The first error is
 * also the one to report. */
static void stop_on_fatal(void *data, xmlErrorPtr e)
{
    if (e && e->level == XML_ERR_FATAL) xmlStopParser((xmlParserCtxtPtr)data);
}

int tqe_wmt_read(tqe_wmt **out, tqe_ctx *ctx, const char *path)
{
    *out = NULL;
    tqe_wmt *w = calloc(1, sizeof(*w));
    if (!w || !(w->path = tqe_strndup(path, strlen(path)))) return free(w), tqe_oom(ctx);
    w->ctx = ctx;
    xmlParserCtxtPtr pc = xmlNewParserCtxt();
    if (!pc) return tqe_wmt_free(w), tqe_oom(ctx);
    pc->sax->serror = stop_on_fatal; /* called with pc->userData, which is pc */
    /* No network, no external entities or DTDs, errors kept (not printed). */
    xmlDocPtr doc = xmlCtxtReadFile(
        pc, path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_HUGE);
    int rc = TQE_OK;
    if (!doc) {
        const xmlError *e = xmlCtxtGetLastError(pc);
        if (e && e->code == XML_IO_LOAD_ERROR)
            rc = tqe_err(ctx, TQE_EIO, "%s: cannot open", path);
        else {
            const char *m = e && e->message ? e->message : "parse error";
            rc = tqe_err(ctx, TQE_EFORMAT, "%s:%d: malformed XML: %.*s", path, e ? e->line : 0,
                         (int)tqe_utf8_rstrip_len(m, strlen(m)), m);
        }
    } else if (doc->intSubset && doc->intSubset->entities) {
        /* Segments are read with xmlNodeGetContent(), which expands entity
         * references recursively: ten nested entities of ten references
         * ("billion laughs") made a 1 KB file take 50 s and 5.8 GB. WMT test
         * sets declare no entities. */
        rc = tqe_err(ctx, TQE_EFORMAT, "%s: the document declares entities: not a WMT test set",
                     path);
    } else {
        xmlNode *root = xmlDocGetRootElement(doc);
        rc = walk(w, root);
        if (!rc && !w->src.ds)
            rc = tqe_err(ctx, TQE_EFORMAT, "%s: no <doc> with a <src>: not a WMT test set", path);
    }
    xmlFreeDoc(doc);
    xmlFreeParserCtxt(pc);
    if (rc) return tqe_wmt_free(w), rc;
    *out = w;
    return TQE_OK;
}

const tqe_docset *tqe_wmt_source(const tqe_wmt *w, const char **lang)
{
    if (lang) *lang = w->src.lang ? w->src.lang : "";
    return w->src.ds;
}

size_t tqe_wmt_ref_count(const tqe_wmt *w)
{
    return w->nrefs;
}

const tqe_docset *tqe_wmt_ref(const tqe_wmt *w, size_t i, const char **name, const char **lang)
{
    assert(i < w->nrefs);
    if (name) *name = w->refs[i].name;
    if (lang) *lang = w->refs[i].lang ? w->refs[i].lang : "";
    return w->refs[i].ds;
}

size_t tqe_wmt_system_count(const tqe_wmt *w)
{
    return w->nsys;
}

const tqe_docset *tqe_wmt_system(const tqe_wmt *w, size_t i, const char **name, const char **lang)
{
    assert(i < w->nsys);
    if (name) *name = w->sys[i].name;
    if (lang) *lang = w->sys[i].lang ? w->sys[i].lang : "";
    return w->sys[i].ds;
}
