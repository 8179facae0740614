/* tokenize.c - sacreBLEU 2.5.1's BLEU tokenizers: none, 13a, intl, zh, char.
 *
 * sacreBLEU applies a few regular-expression substitutions one after the
 * other; Python's re.sub scans left to right and never overlaps matches, and
 * that matters. 13a and zh (the common tokenizers, on the hot path of BLEU)
 * are computed in a single scan that yields token slices, from rules derived
 * from the substitutions (tokenize_13a.c); so is intl (tokenize_intl.c). */
#include "tokenize.h"

void tok_scratch_free(tok_scratch *sc)
{
    tqe_buf_free(&sc->a);
    tqe_buf_free(&sc->b);
    free(sc->intl);
    sc->intl = NULL;
}

int collapse_whitespace(tqe_buf *out, const char *s, size_t len)
{
    if (tqe_buf_reserve(out, len)) return TQE_ENOMEM;
    char *o = out->data + out->len;
    size_t i = 0;
    bool pending = false, any = false;
    while (i < len) {
        size_t sp = tqe_py_space_at(s, len, i);
        if (sp) {
            pending = any;
            i += sp;
            continue;
        }
        if (pending) *o++ = ' ';
        pending = false;
        any = true;
        size_t n = tqe_u8_len((unsigned char)s[i]);
        memcpy(o, s + i, n);
        o += n;
        i += n;
    }
    out->len = (size_t)(o - out->data);
    out->data[out->len] = '\0';
    return TQE_OK;
}

/* Remove every non-overlapping occurrence of `pat`, or replace it by `rep`
 * (str.replace semantics: one left-to-right pass). */
int replace_all(tqe_buf *out, const char *s, size_t len, const char *pat, size_t plen,
                const char *rep, size_t rlen)
{
    tqe_buf_clear(out);
    if (tqe_buf_reserve(out, len)) return TQE_ENOMEM;
    size_t i = 0;
    while (i < len) {
        const char *hit = (i + plen <= len) ? memchr(s + i, pat[0], len - i - plen + 1) : NULL;
        while (hit && memcmp(hit, pat, plen) != 0) {
            size_t pos = (size_t)(hit - s) + 1;
            hit = pos + plen <= len ? memchr(s + pos, pat[0], len - pos - plen + 1) : NULL;
        }
        if (!hit) {
            if (tqe_buf_append(out, s + i, len - i)) return TQE_ENOMEM;
            break;
        }
        size_t pos = (size_t)(hit - s);
        if (tqe_buf_append(out, s + i, pos - i) || tqe_buf_append(out, rep, rlen))
            return TQE_ENOMEM;
        i = pos + plen;
    }
    return TQE_OK;
}

const char *const xml_entities[4][2] = {
    {"&quot;", "\""}, {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}};

/* 13a's language-independent part: <skipped>, hyphenated line ends, newlines,
 * four HTML entities. Result in sc->a. */
static int preprocess_13a(tok_scratch *sc, const char *s, size_t len)
{
    tqe_buf *cur = &sc->a, *tmp = &sc->b;
    if (replace_all(cur, s, len, "<skipped>", 9, "", 0)) return TQE_ENOMEM;
    if (memchr(cur->data, '\n', cur->len)) {
        if (replace_all(tmp, cur->data, cur->len, "-\n", 2, "", 0)) return TQE_ENOMEM;
        if (replace_all(cur, tmp->data, tmp->len, "\n", 1, " ", 1)) return TQE_ENOMEM;
    }
    if (cur->len && memchr(cur->data, '&', cur->len)) {
        for (size_t k = 0; k < TQE_ARRAY_LEN(xml_entities); k++) {
            if (replace_all(tmp, cur->data, cur->len, xml_entities[k][0],
                            strlen(xml_entities[k][0]), xml_entities[k][1], 1))
                return TQE_ENOMEM;
            tqe_buf *t = cur;
            cur = tmp;
            tmp = t;
        }
        /* Four swaps: the result is back in sc->a. */
    }
    return TQE_OK;
}

static int tokenize_char(tqe_buf *out, const char *s, size_t len)
{
    /* " ".join(line): every code point, whitespace included, one space apart. */
    tqe_buf_clear(out);
    if (tqe_buf_reserve(out, 2 * len)) return TQE_ENOMEM;
    char *o = out->data;
    for (size_t i = 0; i < len;) {
        if (i) *o++ = ' ';
        size_t n = tqe_u8_len((unsigned char)s[i]);
        memcpy(o, s + i, n);
        o += n;
        i += n;
    }
    out->len = (size_t)(o - out->data);
    out->data[out->len] = '\0';
    return TQE_OK;
}

void tok_list_free(tok_list *l)
{
    free(l->v);
    memset(l, 0, sizeof(*l));
}

int tokenize_slices(tok_scratch *sc, tok_list *out, const char **base, tqe_tokenizer tok,
                    const char *s, size_t len)
{
    out->n = 0;
    *base = s;
    if (len >= UINT32_MAX) return TQE_ELIMIT;
    /* Tables on first use, for the tokenizer used: tqe_tokenize builds
     * them for each line. */
    if ((tok == TQE_TOK_13A || tok == TQE_TOK_ZH) && !sc->tables_ready) {
        scan_13a_tables(sc);
        sc->tables_ready = true;
    }
    if (tok == TQE_TOK_INTL && !sc->intl && !(sc->intl = tok_intl_new())) return TQE_ENOMEM;
    scan st;
    if (scan_begin(&st, out, len)) return TQE_ENOMEM;
    switch (tok) {
    case TQE_TOK_13A:
        if (scan_13a(&st, sc, s, len, false, true)) break;
        /* Entities, "<skipped>" or line breaks: rewrite, then scan that
         * (never longer than the line, so the slices still fit). */
        if (preprocess_13a(sc, s, len)) return TQE_ENOMEM;
        *base = s = sc->a.data ? sc->a.data : "";
        st.n = 0;
        scan_13a(&st, sc, s, sc->a.len, false, false);
        break;
    case TQE_TOK_ZH: {
        /* line.strip() first; no padding: "2024." at the very end stays one token. */
        size_t b = 0, sp;
        while (b < len && (sp = tqe_py_space_at(s, len, b))) b += sp;
        size_t e = b + tqe_utf8_rstrip_len(s + b, len - b);
        scan_13a(&st, sc, s + b, e - b, true, false);
        for (size_t k = 0; k < st.n; k++) st.v[k].off += (uint32_t)b;
        break;
    }
    case TQE_TOK_INTL:
        st.n = scan_intl(st.v, sc->intl, sc->scalar, s, len);
        break;
    case TQE_TOK_NONE:
        st.n = split_ws(st.v, s, len, sc->scalar);
        break;
    default:
        return TQE_EINVAL;
    }
    out->n = st.n;
    return TQE_OK;
}

/* The tokenized line as a string: slices joined by single spaces. */
static int join_slices(tqe_buf *out, const tok_list *l, const char *base)
{
    tqe_buf_clear(out);
    for (size_t k = 0; k < l->n; k++) {
        if ((k && tqe_buf_append(out, " ", 1)) ||
            tqe_buf_append(out, base + l->v[k].off, l->v[k].len))
            return TQE_ENOMEM;
    }
    return tqe_buf_append(out, "", 0);
}

int tokenize_line(tok_scratch *sc, tqe_buf *out, tqe_tokenizer tok, const char *s, size_t len)
{
    assert(out != &sc->a && out != &sc->b);
    switch (tok) {
    case TQE_TOK_NONE:
        tqe_buf_clear(out);
        return tqe_buf_append(out, s, len);
    case TQE_TOK_CHAR:
        return tokenize_char(out, s, len);
    case TQE_TOK_INTL:
    case TQE_TOK_13A:
    case TQE_TOK_ZH: {
        tok_list l = {NULL, 0, 0};
        const char *base;
        int rc = tokenize_slices(sc, &l, &base, tok, s, len);
        if (!rc) rc = join_slices(out, &l, base);
        tok_list_free(&l);
        return rc;
    }
    }
    return TQE_EINVAL;
}

static const char *const tok_names[] = {"none", "13a", "intl", "zh", "char"};

tqe_tokenizer tqe_tokenizer_for_lang(const char *lang)
{
    size_t n = lang ? strcspn(lang, "-_") : 0;
    if (n != 2) return TQE_TOK_13A;
    if (!strncmp(lang, "zh", 2)) return TQE_TOK_ZH;
    return !strncmp(lang, "ja", 2) || !strncmp(lang, "ko", 2) ? TQE_TOK_CHAR : TQE_TOK_13A;
}

const char *tqe_tokenizer_name(tqe_tokenizer tok)
{
    return (unsigned)tok < TQE_ARRAY_LEN(tok_names) ? tok_names[tok] : NULL;
}

int tqe_tokenizer_from_name(tqe_tokenizer *out, tqe_ctx *ctx, const char *name)
{
    for (unsigned i = 0; i < TQE_ARRAY_LEN(tok_names); i++)
        if (strcmp(name, tok_names[i]) == 0) {
            *out = (tqe_tokenizer)i;
            return TQE_OK;
        }
    return tqe_err(ctx, TQE_EINVAL,
                   "unknown tokenizer '%s' (choose from none, 13a, intl, zh, char; ja-mecab, "
                   "ko-mecab and spm are not supported)",
                   name);
}

int tqe_tokenize(tqe_buf *out, tqe_ctx *ctx, tqe_tokenizer tok, const char *s, size_t len)
{
    size_t bad;
    /* the scanners step over whole UTF-8 sequences (as tqe_tokenize_tercom) */
    if (tqe_utf8_check(s, len, &bad))
        return tqe_err(ctx, TQE_EUTF8, "invalid UTF-8 or NUL at byte %zu of the text", bad);
    if (!tqe_tokenizer_name(tok)) return tqe_err(ctx, TQE_EINVAL, "unknown tokenizer %d", (int)tok);
    tok_scratch sc;
    memset(&sc, 0, sizeof(sc));
    int rc = tokenize_line(&sc, out, tok, s, len);
    tok_scratch_free(&sc);
    if (rc == TQE_ENOMEM) return tqe_oom(ctx);
    if (rc == TQE_ELIMIT)
        return tqe_err(ctx, rc, "a line of %zu bytes is too long to tokenize", len);
    return rc ? tqe_err(ctx, rc, "tokenizing failed") : TQE_OK;
}
