/* ngram.c - word and code point interning tables (see ngram.h). */
#include "ngram.h"

static size_t pow2_at_least(size_t n)
{
    size_t c = 64;
    while (c < n) c <<= 1;
    return c;
}

void word_table_free(word_table *t)
{
    free(t->slots);
    memset(t, 0, sizeof(*t));
}

int word_table_reset(word_table *t, size_t expect)
{
    /* Load factor at most 1/8 for segments of ordinary size: probes for
     * absent words (half the hypothesis' lookups) mostly end at the first
     * slot, which keeps the probe loop's branch predictable. Long
     * segments take 1/2: memory stays a few dozen bytes a word. */
    size_t need = pow2_at_least(expect * (expect <= 1024 ? 8 : 2) + 1);
    if (need > t->cap) {
        /* Slots of older generations may sit anywhere in the new prefix, so
         * growing starts from a zeroed array. */
        word_slot *s = calloc(need, sizeof(*s));
        if (!s) return TQE_ENOMEM;
        free(t->slots);
        t->slots = s;
        t->cap = need;
        t->gen = 0;
    }
    t->mask = need - 1;
    t->next_id = 1;
    if (++t->gen == 0) {
        /* 2^32 segments later: wipe once rather than confuse generations. */
        memset(t->slots, 0, t->cap * sizeof(*t->slots));
        t->gen = 1;
    }
    return TQE_OK;
}

/* ---- code points ---- */

void cp_table_free(cp_table *t)
{
    free(t->bmp);
    free(t->slots);
    memset(t, 0, sizeof(*t));
}

int cp_table_reset(cp_table *t, size_t expect)
{
    if (!t->bmp && !(t->bmp = calloc(0x10000, sizeof(*t->bmp)))) return TQE_ENOMEM;
    size_t need = pow2_at_least(expect * 2 + 1);
    if (need > t->cap) {
        cp_slot *s = calloc(need, sizeof(*s));
        if (!s) return TQE_ENOMEM;
        free(t->slots);
        t->slots = s;
        t->cap = need;
        /* Both tables share the generation: restart it, forgetting both. */
        memset(t->bmp, 0, 0x10000 * sizeof(*t->bmp));
        t->gen = 0;
    }
    t->mask = need - 1;
    t->next_id = 1;
    if (++t->gen == 0) {
        memset(t->slots, 0, t->cap * sizeof(*t->slots));
        memset(t->bmp, 0, 0x10000 * sizeof(*t->bmp));
        t->gen = 1;
    }
    return TQE_OK;
}

uint32_t cp_table_astral(cp_table *t, uint32_t cp, bool insert)
{
    size_t mask = t->mask;
    for (size_t i = (size_t)((cp * 0x9E3779B1u) >> 7) & mask;; i = (i + 1) & mask) {
        cp_slot *s = &t->slots[i];
        if (s->gen != t->gen) {
            if (!insert) return 0;
            s->gen = t->gen;
            s->cp = cp;
            return s->id = t->next_id++;
        }
        if (s->cp == cp) return s->id;
    }
}
