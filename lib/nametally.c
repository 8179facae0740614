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
typedef struct name_count {
    uint32_t missing; /* segments where the check did not find the name */
    uint32_t found;   /* segments where it did (a near miss counts: the name is kept) */
} name_count;

struct tqe_name_tally {
    tqe_ctx *ctx;
    strtab names; /* name -> index into count */
    name_count *count;
    size_t cap;
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
    free(t->count);
    free(t);
}

static uint32_t add_saturated(uint32_t a, uint32_t b)
{
    return b > UINT32_MAX - a ? UINT32_MAX : a + b;
}

/* Add `missing` and `found` segments to name[0..len). */
static int tally_add(tqe_name_tally *t, const char *name, size_t len, name_count add)
{
    uint32_t i;
    int rc = strtab_put(&t->names, name, len, 0, &i);
    if (rc < 0) return tqe_oom(t->ctx);
    if (rc == 0) {
        if (tqe_grow((void **)&t->count, &t->cap, (size_t)i + 1, sizeof(*t->count)))
            return tqe_oom(t->ctx);
        t->count[i] = (name_count){0, 0};
    }
    t->count[i].missing = add_saturated(t->count[i].missing, add.missing);
    t->count[i].found = add_saturated(t->count[i].found, add.found);
    return TQE_OK;
}

int tqe_name_tally_record(tqe_name_tally *t, const char *name, size_t len, int found)
{
    return tally_add(t, name, len, (name_count){!found, !!found});
}

int tqe_name_tally_merge(tqe_name_tally *into, const tqe_name_tally *from)
{
    for (uint32_t i = 0; i < (uint32_t)strtab_count(&from->names); i++) {
        size_t len;
        const char *name = strtab_key(&from->names, i, &len);
        int rc = tally_add(into, name, len, from->count[i]);
        if (rc) return rc;
    }
    return TQE_OK;
}

size_t tqe_name_tally_count(const tqe_name_tally *t)
{
    return strtab_count(&t->names);
}

static bool is_rendering(name_count c)
{
    return c.found == 0 && c.missing >= 2;
}

const char *tqe_name_tally_get(const tqe_name_tally *t, size_t i, size_t *len, uint64_t *missing,
                               uint64_t *found)
{
    assert(i < strtab_count(&t->names));
    if (missing) *missing = t->count[i].missing;
    if (found) *found = t->count[i].found;
    size_t l;
    const char *name = strtab_key(&t->names, (uint32_t)i, &l);
    if (len) *len = l;
    return name;
}

int tqe_name_tally_rendered(const tqe_name_tally *t, const char *name, size_t len)
{
    uint32_t i;
    return strtab_find(&t->names, name, len, &i) && is_rendering(t->count[i]);
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
