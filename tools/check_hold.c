/* check_hold.c - findings held until the document is read (check_hold.h). */
#include <stdlib.h>
#include <string.h>

#include "check_hold.h"

static int held_reserve(held *h, size_t more)
{
    if (h->n + more <= h->cap) return 0;
    size_t cap = h->cap ? 2 * h->cap : 64;
    while (cap < h->n + more) cap *= 2;
    held_line *v = realloc(h->v, cap * sizeof(*v));
    if (!v) return TQE_ENOMEM;
    h->v = v, h->cap = cap;
    return 0;
}

int held_take(held *h, uint64_t line, tqe_issue_list **issues, const char *s, size_t sl,
              const char *t, size_t tl)
{
    tqe_issue_list *fresh;
    if (held_reserve(h, 1) || tqe_issue_list_new(&fresh)) return TQE_ENOMEM;
    held_line *x = &h->v[h->n];
    *x = (held_line){line, *issues, 0, 0, 0, 0};
    if (h->keep_text) {
        x->src = h->text.len, x->src_len = sl;
        x->tgt = h->text.len + sl, x->tgt_len = tl;
        if (tqe_buf_append(&h->text, s, sl) || tqe_buf_append(&h->text, t, tl)) {
            tqe_issue_list_free(fresh);
            return TQE_ENOMEM;
        }
    }
    h->n++;
    *issues = fresh;
    return 0;
}

int held_move(held *into, held *from)
{
    if (held_reserve(into, from->n)) return TQE_ENOMEM;
    size_t base = into->text.len;
    if (from->text.len && tqe_buf_append(&into->text, from->text.data, from->text.len))
        return TQE_ENOMEM;
    for (size_t i = 0; i < from->n; i++) {
        held_line x = from->v[i];
        x.src += base, x.tgt += base;
        into->v[into->n++] = x;
    }
    from->n = 0;
    tqe_buf_clear(&from->text);
    return 0;
}

void held_free(held *h)
{
    for (size_t i = 0; i < h->n; i++) tqe_issue_list_free(h->v[i].issues);
    free(h->v);
    tqe_buf_free(&h->text);
    memset(h, 0, sizeof(*h));
}
