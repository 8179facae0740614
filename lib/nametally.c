/* nametally.c - how each name fared across a document's segments.
 *
 * One line alone cannot tell a dropped name from a rendered one: "CAA" in
 * a Russian translation may be "Управление гражданской авиации", "Moscow"
 * in a Japanese one "ロシア側". Across a document it can: a translator who
 * renders a name does so wherever it occurs, while a dropped name is an
 * accident of one line, the name being kept elsewhere. So a name that the
 * translation never keeps, on two lines or more, is taken for a
 * consistent rendering, and only a name kept on some lines and lost on
 * others is reported missing. It costs recall where a name is dropped on
 * every line that has it, which is why tqe check makes it an option: on
 * WMT22 it clears 10% of the flagged clean lines and 6 points of the
 * recall of dropped names (tests/conformance/defects_README.md). */
#include "internal.h"
#include "strtab.h"

/* The tally needs no ICU: names are keyed by their bytes as written. */
struct tqe_name_tally {
    tqe_ctx *ctx;
    strtab names;      /* name -> index into the counts */
    uint32_t *missing; /* segments where the check did not find the name */
    uint32_t *found;   /* segments where it did (a near miss counts: the name is kept) */
    size_t cap_missing, cap_found;
};

int tqe_name_tally_new(tqe_name_tally **out, tqe_ctx *ctx)
{
    *out = calloc(1, sizeof(**out));
    if (!*out) return tqe_oom(ctx);
    (*out)->ctx = ctx;
    return TQE_OK;
}

void tqe_name_tally_free(tqe_name_tally *t)
{
    if (!t) return;
    strtab_free(&t->names);
    free(t->missing);
    free(t->found);
    free(t);
}

/* Add `missing` and `found` segments to name[0..len). */
static int tally_add(tqe_name_tally *t, const char *name, size_t len, uint32_t missing,
                     uint32_t found)
{
    uint32_t i;
    int rc = strtab_put(&t->names, name, len, 0, &i);
    if (rc < 0) return tqe_oom(t->ctx);
    if (rc == 0) {
        if (tqe_grow((void **)&t->missing, &t->cap_missing, (size_t)i + 1, sizeof(*t->missing)) ||
            tqe_grow((void **)&t->found, &t->cap_found, (size_t)i + 1, sizeof(*t->found)))
            return tqe_oom(t->ctx);
        t->missing[i] = t->found[i] = 0;
    }
    /* Saturate: a count only needs to tell 0, 1 and "2 or more". */
    t->missing[i] = missing > UINT32_MAX - t->missing[i] ? UINT32_MAX : t->missing[i] + missing;
    t->found[i] = found > UINT32_MAX - t->found[i] ? UINT32_MAX : t->found[i] + found;
    return TQE_OK;
}

int tqe_name_tally_record(tqe_name_tally *t, const char *name, size_t len, int found)
{
    return tally_add(t, name, len, !found, !!found);
}

int tqe_name_tally_merge(tqe_name_tally *into, const tqe_name_tally *from)
{
    for (uint32_t i = 0; i < (uint32_t)strtab_count(&from->names); i++) {
        size_t len;
        const char *name = strtab_key(&from->names, i, &len);
        int rc = tally_add(into, name, len, from->missing[i], from->found[i]);
        if (rc) return rc;
    }
    return TQE_OK;
}

size_t tqe_name_tally_count(const tqe_name_tally *t)
{
    return strtab_count(&t->names);
}

const char *tqe_name_tally_get(const tqe_name_tally *t, size_t i, size_t *len, uint64_t *missing,
                               uint64_t *found)
{
    assert(i < strtab_count(&t->names));
    if (missing) *missing = t->missing[i];
    if (found) *found = t->found[i];
    size_t l;
    const char *name = strtab_key(&t->names, (uint32_t)i, &l);
    if (len) *len = l;
    return name;
}

int tqe_name_tally_rendered(const tqe_name_tally *t, const char *name, size_t len)
{
    uint32_t i;
    if (!strtab_find(&t->names, name, len, &i)) return 0;
    return t->found[i] == 0 && t->missing[i] >= 2;
}

static bool rendered_missing(const tqe_issue *it, void *arg)
{
    return it->type == TQE_ISSUE_ENTITY_MISSING &&
           tqe_name_tally_rendered(arg, it->source, strlen(it->source));
}

size_t tqe_name_tally_filter(const tqe_name_tally *t, tqe_issue_list *l)
{
    return issue_list_remove_if(l, 0, rendered_missing, (void *)(uintptr_t)t);
}
