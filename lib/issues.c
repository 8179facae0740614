/* issues.c - the list of QA findings shared by every check. */
#include "internal.h"

struct tqe_issue_list {
    tqe_issue *items;
    size_t n, cap;
};

static const char *const type_names[TQE_ISSUE_TYPE_COUNT] = {
    "number_missing", "number_altered", "number_extra", "entity_missing", "entity_altered",
    "untranslated",   "omission",       "addition",     "glossary",
};

const char *tqe_issue_type_name(tqe_issue_type t)
{
    return (unsigned)t < TQE_ISSUE_TYPE_COUNT ? type_names[t] : NULL;
}

int tqe_issue_type_from_name(tqe_issue_type *out, const char *name)
{
    for (unsigned i = 0; i < TQE_ISSUE_TYPE_COUNT; i++)
        if (strcmp(type_names[i], name) == 0) {
            *out = (tqe_issue_type)i;
            return TQE_OK;
        }
    return TQE_EINVAL;
}

int tqe_issue_list_new(tqe_issue_list **out)
{
    *out = calloc(1, sizeof(**out));
    return *out ? TQE_OK : TQE_ENOMEM;
}

void tqe_issue_list_clear(tqe_issue_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->items[i].source);
        free(l->items[i].target);
        free(l->items[i].detail);
    }
    l->n = 0;
}

void tqe_issue_list_truncate(tqe_issue_list *l, size_t n)
{
    for (size_t i = n; i < l->n; i++) {
        free(l->items[i].source);
        free(l->items[i].target);
        free(l->items[i].detail);
    }
    if (n < l->n) l->n = n;
}

size_t issue_list_remove_if(tqe_issue_list *l, size_t from, bool (*drop)(const tqe_issue *, void *),
                            void *arg)
{
    size_t k = from;
    for (size_t i = from; i < l->n; i++) {
        tqe_issue *it = &l->items[i];
        if (drop(it, arg)) {
            free(it->source);
            free(it->target);
            free(it->detail);
        } else {
            l->items[k++] = *it;
        }
    }
    size_t removed = l->n - k;
    l->n = k;
    return removed;
}

void tqe_issue_list_free(tqe_issue_list *l)
{
    if (!l) return;
    tqe_issue_list_clear(l);
    free(l->items);
    free(l);
}

size_t tqe_issue_list_count(const tqe_issue_list *l)
{
    return l->n;
}

const tqe_issue *tqe_issue_list_get(const tqe_issue_list *l, size_t i)
{
    assert(i < l->n);
    return &l->items[i];
}

static char *dup_or_empty(const char *s)
{
    return tqe_strndup(s ? s : "", s ? strlen(s) : 0);
}

int tqe_issue_list_add(tqe_issue_list *l, tqe_issue_type type, size_t src_start, size_t src_end,
                       size_t tgt_start, size_t tgt_end, const char *source, const char *target,
                       const char *detail)
{
    assert((unsigned)type < TQE_ISSUE_TYPE_COUNT);
    if (tqe_grow((void **)&l->items, &l->cap, l->n + 1, sizeof(*l->items))) return TQE_ENOMEM;
    tqe_issue *it = &l->items[l->n];
    it->type = type;
    it->src_start = src_start;
    it->src_end = src_end;
    it->tgt_start = tgt_start;
    it->tgt_end = tgt_end;
    it->source = dup_or_empty(source);
    it->target = dup_or_empty(target);
    it->detail = dup_or_empty(detail);
    if (!it->source || !it->target || !it->detail) {
        free(it->source);
        free(it->target);
        free(it->detail);
        return TQE_ENOMEM;
    }
    l->n++;
    return TQE_OK;
}
