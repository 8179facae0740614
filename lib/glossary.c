/* glossary.c - user glossaries: "source term<TAB>form|form" and
 * "source term<TAB>=" (do not translate), loaded with located errors. */
#include <unicode/uchar.h>
#include <unicode/ustring.h>

#include "glossary.h"
#include "strtab.h"

typedef struct gentry {
    uint32_t term;  /* offset of the term (as written) in the pool */
    uint32_t form0; /* first form offset index in form_offs */
    uint32_t nforms;
    uint32_t line;
    bool verbatim;
} gentry;

struct tqe_glossary {
    tqe_buf pool; /* NUL-terminated terms and forms */
    gentry *ent;
    size_t n, cap;
    uint32_t *form_offs;
    size_t nform, form_cap;
    const char **forms; /* pointers into pool, built once loading is done */
    strtab keys;        /* key -> entry index */
    size_t max_words;
};

bool glossary_is_word_cp(uint32_t c)
{
    if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    return u_isalnum((UChar32)c) || (U_GET_GC_MASK((UChar32)c) & U_GC_M_MASK);
}

/* Case-fold s into out (UTF-8, at most cap bytes). -1 if it does not fit. */
static int fold(char *out, size_t cap, const char *s, size_t len)
{
    size_t i = 0;
    for (; i < len && (unsigned char)s[i] < 0x80; i++) {
        if (i >= cap) return -1;
        char c = s[i];
        out[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    if (i == len) return (int)len;
    UChar a[2 * GLOSSARY_KEY_MAX + 8], b[2 * GLOSSARY_KEY_MAX + 8];
    UErrorCode st = U_ZERO_ERROR;
    int32_t na = 0, nb = 0, no = 0;
    if (len > GLOSSARY_KEY_MAX * 2) return -1;
    u_strFromUTF8(a, (int32_t)TQE_ARRAY_LEN(a), &na, s, (int32_t)len, &st);
    nb = u_strFoldCase(b, (int32_t)TQE_ARRAY_LEN(b), a, na, U_FOLD_CASE_DEFAULT, &st);
    u_strToUTF8(out, (int32_t)cap, &no, b, nb, &st);
    if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING || (size_t)no > cap) return -1;
    return no;
}

int glossary_key(char *out, size_t cap, const char *s, size_t len)
{
    char tmp[4 * GLOSSARY_KEY_MAX + 8];
    int n = fold(tmp, sizeof(tmp), s, len);
    if (n < 0) return -1;
    size_t o = 0;
    bool pending_space = false;
    for (size_t i = 0; i < (size_t)n;) {
        size_t start = i;
        uint32_t c = tqe_u8_next(tmp, &i);
        if (!glossary_is_word_cp(c)) {
            pending_space = o > 0;
            continue;
        }
        if (o + (pending_space ? 1 : 0) + (i - start) > cap) return -1;
        if (pending_space) out[o++] = ' ';
        pending_space = false;
        memcpy(out + o, tmp + start, i - start);
        o += i - start;
    }
    out[o] = '\0';
    return (int)o;
}

static size_t count_words(const char *key, size_t len)
{
    size_t n = len ? 1 : 0;
    for (size_t i = 0; i < len; i++) n += key[i] == ' ';
    return n;
}

/* Trim Python whitespace from both ends of s[*start..*end). */
static void trim(const char *s, size_t *start, size_t *end)
{
    size_t k;
    while (*start < *end && (k = tqe_py_space_at(s, *end, *start)) > 0) *start += k;
    while (*end > *start) {
        size_t b = *end - 1;
        while (b > *start && ((unsigned char)s[b] & 0xC0) == 0x80) b--;
        if (!tqe_py_space_at(s, *end, b)) break;
        *end = b;
    }
}

static int pool_add(tqe_glossary *g, const char *s, size_t len, uint32_t *off)
{
    if (g->pool.len + len + 1 > UINT32_MAX) return TQE_ENOMEM;
    *off = (uint32_t)g->pool.len;
    if (tqe_buf_append(&g->pool, s, len)) return TQE_ENOMEM;
    g->pool.len++; /* keep the terminating NUL: strings are read from the pool in place */
    return TQE_OK;
}

static int add_form(tqe_glossary *g, const char *s, size_t len)
{
    uint32_t off;
    if (pool_add(g, s, len, &off)) return TQE_ENOMEM;
    if (tqe_grow((void **)&g->form_offs, &g->form_cap, g->nform + 1, sizeof(*g->form_offs)))
        return TQE_ENOMEM;
    g->form_offs[g->nform++] = off;
    return TQE_OK;
}

/* Split "form|form|..." into forms; "=" stands for the term itself. */
static int parse_forms(tqe_glossary *g, tqe_ctx *ctx, const char *name, uint64_t lineno,
                       const char *line, size_t start, size_t end, const char *term,
                       size_t term_len)
{
    for (size_t p = start; p <= end;) {
        const char *bar = memchr(line + p, '|', end - p);
        size_t q = bar ? (size_t)(bar - line) : end;
        size_t a = p, b = q;
        trim(line, &a, &b);
        if (a == b)
            return tqe_err(ctx, TQE_EFORMAT, "%s:%llu: empty form in '%.*s'", name,
                           (unsigned long long)lineno, (int)(end - start), line + start);
        bool self = b - a == 1 && line[a] == '=';
        if (add_form(g, self ? term : line + a, self ? term_len : b - a)) return tqe_oom(ctx);
        p = q + 1;
    }
    return TQE_OK;
}

/* One non-comment line: "term<TAB>forms". */
static int parse_line(tqe_glossary *g, tqe_ctx *ctx, const char *name, uint64_t lineno,
                      const char *line, size_t len)
{
    const char *tab = memchr(line, '\t', len);
    if (!tab)
        return tqe_err(ctx, TQE_EFORMAT, "%s:%llu: expected 'source term<TAB>forms', found no TAB",
                       name, (unsigned long long)lineno);
    size_t t = (size_t)(tab - line);
    if (memchr(line + t + 1, '\t', len - t - 1))
        return tqe_err(ctx, TQE_EFORMAT, "%s:%llu: more than one TAB (forms are separated by '|')",
                       name, (unsigned long long)lineno);
    size_t ta = 0, tb = t, fa = t + 1, fb = len;
    trim(line, &ta, &tb);
    trim(line, &fa, &fb);
    if (ta == tb)
        return tqe_err(ctx, TQE_EFORMAT, "%s:%llu: empty source term", name,
                       (unsigned long long)lineno);
    if (fa == fb)
        return tqe_err(ctx, TQE_EFORMAT,
                       "%s:%llu: no target forms for '%.*s' (write '=' to keep it as is)", name,
                       (unsigned long long)lineno, (int)(tb - ta), line + ta);
    char key[GLOSSARY_KEY_MAX + 1];
    int kl = glossary_key(key, GLOSSARY_KEY_MAX, line + ta, tb - ta);
    if (kl < 0)
        return tqe_err(ctx, TQE_ELIMIT, "%s:%llu: source term longer than %d bytes", name,
                       (unsigned long long)lineno, GLOSSARY_KEY_MAX);
    if (kl == 0)
        return tqe_err(ctx, TQE_EFORMAT, "%s:%llu: source term '%.*s' has no letters or digits",
                       name, (unsigned long long)lineno, (int)(tb - ta), line + ta);
    uint32_t idx;
    int rc = strtab_put(&g->keys, key, (size_t)kl, (uint32_t)g->n, &idx);
    if (rc < 0) return tqe_oom(ctx);
    if (rc == 1)
        return tqe_err(ctx, TQE_EFORMAT, "%s:%llu: duplicate source term '%.*s' (first on line %u)",
                       name, (unsigned long long)lineno, (int)(tb - ta), line + ta,
                       g->ent[strtab_value(&g->keys, idx)].line);
    if (tqe_grow((void **)&g->ent, &g->cap, g->n + 1, sizeof(*g->ent))) return tqe_oom(ctx);
    gentry *e = &g->ent[g->n];
    *e = (gentry){0, (uint32_t)g->nform, 0, (uint32_t)TQE_MIN(lineno, UINT32_MAX), false};
    if (pool_add(g, line + ta, tb - ta, &e->term)) return tqe_oom(ctx);
    rc = parse_forms(g, ctx, name, lineno, line, fa, fb, line + ta, tb - ta);
    if (rc) return rc;
    e->nforms = (uint32_t)(g->nform - e->form0);
    e->verbatim = fb - fa == 1 && line[fa] == '=';
    g->max_words = TQE_MAX(g->max_words, count_words(key, (size_t)kl));
    g->n++;
    return TQE_OK;
}

static bool is_blank_or_comment(const char *line, size_t len)
{
    size_t i = 0, k;
    while (i < len && (k = tqe_py_space_at(line, len, i)) > 0) i += k;
    if (i == len) return true;
    /* A '#' line without a TAB is a comment; "#hashtag<TAB>=" is an entry. */
    return line[0] == '#' && !memchr(line, '\t', len);
}

static int load(tqe_glossary *g, tqe_ctx *ctx, tqe_reader *rd)
{
    const char *line;
    size_t len;
    int rc;
    while ((rc = tqe_reader_next(rd, &line, &len)) == 1) {
        if (is_blank_or_comment(line, len)) continue;
        rc = parse_line(g, ctx, tqe_reader_name(rd), tqe_reader_lineno(rd), line, len);
        if (rc) return rc;
    }
    if (rc) return rc;
    g->forms = tqe_calloc(g->nform, sizeof(*g->forms));
    if (!g->forms) return tqe_oom(ctx);
    for (size_t i = 0; i < g->nform; i++) g->forms[i] = g->pool.data + g->form_offs[i];
    return TQE_OK;
}

static int finish(tqe_glossary **out, tqe_ctx *ctx, tqe_reader *rd)
{
    tqe_glossary *g = calloc(1, sizeof(*g));
    int rc = g ? load(g, ctx, rd) : tqe_oom(ctx);
    tqe_reader_free(rd);
    if (rc) {
        tqe_glossary_free(g);
        return rc;
    }
    *out = g;
    return TQE_OK;
}

int tqe_glossary_load(tqe_glossary **out, tqe_ctx *ctx, const char *path)
{
    assert(out && path);
    *out = NULL;
    tqe_reader *rd;
    int rc = tqe_reader_open(&rd, ctx, path, NULL);
    return rc ? rc : finish(out, ctx, rd);
}

int tqe_glossary_from_memory(tqe_glossary **out, tqe_ctx *ctx, const char *data, size_t len,
                             const char *display_name)
{
    assert(out && (data || !len));
    *out = NULL;
    tqe_reader *rd;
    int rc = tqe_reader_from_memory(&rd, ctx, data, len, display_name ? display_name : "<memory>");
    return rc ? rc : finish(out, ctx, rd);
}

void tqe_glossary_free(tqe_glossary *g)
{
    if (!g) return;
    tqe_buf_free(&g->pool);
    free(g->ent);
    free(g->form_offs);
    free(g->forms);
    strtab_free(&g->keys);
    free(g);
}

size_t tqe_glossary_count(const tqe_glossary *g)
{
    return g ? g->n : 0;
}

long glossary_find_key(const tqe_glossary *g, const char *key, size_t len)
{
    uint32_t idx;
    if (!g || !strtab_find(&g->keys, key, len, &idx)) return -1;
    return (long)strtab_value(&g->keys, idx);
}

int tqe_glossary_lookup(const tqe_glossary *g, const char *term, size_t len,
                        const char *const **forms, size_t *nforms, int *verbatim)
{
    char key[GLOSSARY_KEY_MAX + 1];
    int kl = glossary_key(key, GLOSSARY_KEY_MAX, term, len);
    long i = kl > 0 ? glossary_find_key(g, key, (size_t)kl) : -1;
    if (i < 0) return 0;
    if (forms) *forms = glossary_forms(g, (size_t)i, nforms);
    if (verbatim) *verbatim = g->ent[i].verbatim;
    return 1;
}

const char *const *glossary_forms(const tqe_glossary *g, size_t i, size_t *n)
{
    assert(i < g->n);
    size_t dummy;
    *(n ? n : &dummy) = g->ent[i].nforms;
    return g->forms + g->ent[i].form0;
}

bool glossary_verbatim(const tqe_glossary *g, size_t i)
{
    assert(i < g->n);
    return g->ent[i].verbatim;
}

size_t glossary_max_words(const tqe_glossary *g)
{
    return g ? g->max_words : 0;
}
