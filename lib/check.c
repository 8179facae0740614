/* check.c - the source-translation checks of one segment, wired together.
 *
 * Order matters: numbers and names are found first, and their spans in the
 * translation are masked before the untranslated test, so that a translation
 * that merely keeps the source's names and figures is never called
 * untranslated. */
#include <stdio.h>

#include "internal.h"
#include "strtab.h"

struct tqe_checker {
    tqe_ctx *ctx;
    tqe_check_options o;
    tqe_numbers *src_nums, *tgt_nums;
    tqe_entities *ents;
    tqe_untranslated *untr;
    tqe_lengthmodel *lm;
    size_t *tgt_mask; /* the translation's names and numbers, [start, end) pairs */
    size_t ntgt_mask, cap_tgt_mask;
    strtab masked;    /* entity texts already masked in the current line */
    tqe_number *snum; /* a copy of the source mentions (the extractor reuses its array) */
    size_t cap_snum;
};

int tqe_checker_new(tqe_checker **out, tqe_ctx *ctx, const tqe_check_options *o)
{
    *out = NULL;
    if (o->version != TQE_CHECK_OPTIONS_VERSION)
        return tqe_err(ctx, TQE_EINVAL, "tqe_check_options version %u is not supported",
                       o->version);
    if (!o->tgt_lang || !o->data_dir)
        return tqe_err(ctx, TQE_EINVAL, "the check needs a target language and a data directory");
    int rc = tqe_lang_check(ctx, o->src_lang ? o->src_lang : "en", "source");
    if (!rc) rc = tqe_lang_check(ctx, o->tgt_lang, "target");
    if (rc) return rc;
    tqe_checker *c = calloc(1, sizeof(*c));
    if (!c) return tqe_oom(ctx);
    c->ctx = ctx;
    c->o = *o;
    const char *sl = o->src_lang ? o->src_lang : "en";
    rc = tqe_numbers_new(&c->src_nums, ctx, sl, o->data_dir);
    if (!rc) rc = tqe_numbers_new(&c->tgt_nums, ctx, o->tgt_lang, o->data_dir);
    if (!rc) rc = tqe_entities_new(&c->ents, ctx, sl, o->tgt_lang, o->data_dir);
    if (!rc) rc = tqe_untranslated_new(&c->untr, ctx, sl, o->tgt_lang, o->data_dir);
    if (!rc) rc = tqe_lengthmodel_new(&c->lm, ctx, sl, o->tgt_lang, o->data_dir);
    if (rc) {
        tqe_checker_free(c);
        return rc;
    }
    *out = c;
    return TQE_OK;
}

void tqe_checker_free(tqe_checker *c)
{
    if (!c) return;
    tqe_numbers_free(c->src_nums);
    tqe_numbers_free(c->tgt_nums);
    tqe_entities_free(c->ents);
    tqe_untranslated_free(c->untr);
    tqe_lengthmodel_free(c->lm);
    free(c->tgt_mask);
    strtab_free(&c->masked);
    free(c->snum);
    free(c);
}

int tqe_checker_add_context(tqe_checker *c, const char *src, size_t len)
{
    return tqe_entities_add_context(c->ents, src, len);
}

int tqe_checker_copy_context(tqe_checker *dst, const tqe_checker *src)
{
    return tqe_entities_copy_context(dst->ents, src->ents);
}

void tqe_checker_set_tally(tqe_checker *c, tqe_name_tally *t)
{
    entities_set_tally(c->ents, t);
}

void tqe_checker_clear_context(tqe_checker *c)
{
    tqe_entities_clear_context(c->ents);
}

static bool want(const tqe_checker *c, tqe_issue_type t)
{
    return !(c->o.skip & (1u << t));
}

static int mask_add(tqe_checker *c, size_t b, size_t e)
{
    if (tqe_grow((void **)&c->tgt_mask, &c->cap_tgt_mask, 2 * (c->ntgt_mask + 1), sizeof(size_t)))
        return tqe_oom(c->ctx);
    c->tgt_mask[2 * c->ntgt_mask] = b;
    c->tgt_mask[2 * c->ntgt_mask + 1] = e;
    c->ntgt_mask++;
    return TQE_OK;
}

static uint64_t count_words(const char *s, size_t len)
{
    uint64_t n = 0;
    bool in = false;
    for (size_t i = 0; i < len;) {
        size_t sp = tqe_py_space_at(s, len, i);
        if (sp) {
            in = false;
            i += sp;
            continue;
        }
        n += !in;
        in = true;
        i += tqe_u8_len((unsigned char)s[i]);
    }
    return n;
}

/* Numbers: extract both sides, compare; mask the translation's mentions
 * for the untranslated test. */
static int check_numbers(tqe_checker *c, tqe_issue_list *out, const char *src, size_t sl,
                         const char *tgt, size_t tl, tqe_check_counts *k)
{
    const tqe_number *s, *t;
    size_t ns, nt;
    int rc = tqe_numbers_extract(c->src_nums, src, sl, &s, &ns);
    if (rc) return rc;
    if (tqe_grow((void **)&c->snum, &c->cap_snum, ns + 1, sizeof(*c->snum))) return tqe_oom(c->ctx);
    if (ns) memcpy(c->snum, s, ns * sizeof(*s));
    if ((rc = tqe_numbers_extract(c->tgt_nums, tgt, tl, &t, &nt))) return rc;
    for (size_t j = 0; j < nt; j++)
        if ((rc = mask_add(c, t[j].start, t[j].end))) return rc;
    if (!want(c, TQE_ISSUE_NUMBER_MISSING) && !want(c, TQE_ISSUE_NUMBER_ALTERED) &&
        !want(c, TQE_ISSUE_NUMBER_EXTRA))
        return TQE_OK;
    return tqe_numbers_compare(out, c->ctx, src, sl, c->snum, ns, tgt, tl, t, nt, &k->numbers);
}

/* Names: where the source's entities occur verbatim in the translation,
 * mask them for the untranslated test. */
static int mask_entities(tqe_checker *c, const char *src, size_t sl, const char *tgt, size_t tl)
{
    const tqe_entity *e;
    size_t n;
    int rc = tqe_entities_extract(c->ents, src, sl, &e, &n);
    strtab_clear(&c->masked);
    for (size_t i = 0; !rc && i < n; i++) {
        size_t len = e[i].end - e[i].start;
        /* A name repeated in the source is looked for once: masking each
         * occurrence anew made a line with thousands of names quadratic in
         * time and in memory (7 GB for a 1 MB line). */
        int seen = strtab_put(&c->masked, src + e[i].start, len, 0, NULL);
        if (seen < 0) return tqe_oom(c->ctx);
        if (seen) continue;
        for (size_t at = 0; !rc && len && at + len <= tl;) {
            const char *hit = memchr(tgt + at, src[e[i].start], tl - at - len + 1);
            if (!hit) break;
            size_t pos = (size_t)(hit - tgt);
            if (memcmp(hit, src + e[i].start, len) == 0) rc = mask_add(c, pos, pos + len);
            at = pos + 1;
        }
    }
    return rc;
}

/* A term that is both a name and a glossary entry is reported once, as the
 * more specific glossary issue: entity issues whose source span a glossary
 * issue [g0, end) also has are dropped. The entity issues all come before
 * g0, so the removal has not moved the glossary issues when it judges them. */
typedef struct glossary_span {
    const tqe_issue_list *l;
    size_t g0;
} glossary_span;

static bool glossary_duplicate(const tqe_issue *it, void *arg)
{
    const glossary_span *g = arg;
    if (it->type != TQE_ISSUE_ENTITY_MISSING && it->type != TQE_ISSUE_ENTITY_ALTERED) return false;
    for (size_t j = g->g0; j < tqe_issue_list_count(g->l); j++) {
        const tqe_issue *t = tqe_issue_list_get(g->l, j);
        if (it->src_start == t->src_start && it->src_end == t->src_end) return true;
    }
    return false;
}

/* The issue types the checker was told to skip (the length model always
 * measures, so that *z is set). */
static bool skipped(const tqe_issue *it, void *arg)
{
    return !want((const tqe_checker *)arg, it->type);
}

int tqe_checker_run(tqe_checker *c, tqe_issue_list *out, const char *src, size_t sl,
                    const char *tgt, size_t tl, tqe_check_counts *counts, double *z)
{
    /* A bead joins at most three paragraphs of the longest accepted length. */
    if (sl > 4 * (size_t)TQE_MAX_PARAGRAPH_BYTES || tl > 4 * (size_t)TQE_MAX_PARAGRAPH_BYTES)
        return tqe_err(c->ctx, TQE_ELIMIT, "a segment of %zu bytes is too long to check",
                       sl > tl ? sl : tl);
    tqe_check_counts scratch;
    tqe_check_counts *k = counts ? counts : &scratch;
    if (!counts) memset(&scratch, 0, sizeof(scratch));
    if (z) *z = 0;
    size_t before = tqe_issue_list_count(out);
    c->ntgt_mask = 0;
    k->src_words += count_words(src, sl);
    k->tgt_words += count_words(tgt, tl);
    k->src_chars += tqe_char_count(src, sl);
    k->tgt_chars += tqe_char_count(tgt, tl);
    int rc = check_numbers(c, out, src, sl, tgt, tl, k);
    if (!rc) rc = mask_entities(c, src, sl, tgt, tl);
    if (!rc && (want(c, TQE_ISSUE_ENTITY_MISSING) || want(c, TQE_ISSUE_ENTITY_ALTERED)))
        /* mask_entities() has just extracted the source's names */
        rc = entities_check_extracted(out, c->ents, tgt, tl, c->o.glossary, &k->entities);
    if (!rc && c->o.glossary && want(c, TQE_ISSUE_GLOSSARY)) {
        size_t g0 = tqe_issue_list_count(out);
        rc = tqe_glossary_check(out, c->ents, c->o.glossary, src, sl, tgt, tl);
        if (!rc && g0 < tqe_issue_list_count(out)) {
            glossary_span gs = {out, g0};
            issue_list_remove_if(out, before, glossary_duplicate, &gs);
        }
    }
    if (!rc && want(c, TQE_ISSUE_UNTRANSLATED)) {
        /* Only the translation's names and numbers are masked: they must not
         * count as evidence; the source keeps all its letters to compare with. */
        int n = tqe_untranslated_check(out, c->ctx, c->untr, src, sl, NULL, 0, tgt, tl, c->tgt_mask,
                                       c->ntgt_mask, NULL);
        rc = n < 0 ? n : 0;
    }
    if (!rc && (sl || tl)) {
        /* The length is always measured (for *z); it is reported unless skipped. */
        size_t at = tqe_issue_list_count(out);
        int n = tqe_lengthmodel_check(out, c->ctx, c->lm, src, sl, tgt, tl, c->o.omission_threshold,
                                      c->o.length_threshold, z);
        rc = n < 0 ? n : 0;
        if (!rc) issue_list_remove_if(out, at, skipped, c);
    }
    for (size_t i = before; !rc && i < tqe_issue_list_count(out); i++)
        k->issues[tqe_issue_list_get(out, i)->type]++;
    return rc;
}
