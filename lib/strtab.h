/* strtab.h - a hash table from byte strings to 32-bit values, with the keys
 * interned in one pool. Used for word lists, glossaries and per-line
 * scratch sets: after warm-up, clearing and refilling allocates nothing. */
#ifndef TQE_STRTAB_H
#define TQE_STRTAB_H

#include "internal.h"

typedef struct strtab_ent {
    uint32_t off, len; /* key bytes in the pool */
    uint32_t hash;
    uint32_t value;
} strtab_ent;

typedef struct strtab {
    char *pool;
    size_t pool_len, pool_cap;
    strtab_ent *ent;
    size_t n, ent_cap;
    uint32_t *slot; /* entry index + 1, 0 for an empty slot; nslot is a power of two */
    size_t nslot;
} strtab;

#define STRTAB_INIT                                                                                \
    {                                                                                              \
        NULL, 0, 0, NULL, 0, 0, NULL, 0                                                            \
    }

/* Insert key -> value. Returns 0 when the key is new, 1 when it was present
 * (its value is left unchanged), TQE_ENOMEM (no message set). *index (may be
 * NULL) receives the entry's index, stable until strtab_clear. */
int strtab_put(strtab *t, const char *key, size_t len, uint32_t value, uint32_t *index);
/* True and *index (may be NULL) when the key is present. */
bool strtab_find(const strtab *t, const char *key, size_t len, uint32_t *index);
static inline size_t strtab_count(const strtab *t)
{
    return t->n;
}
/* The key of entry i; borrowed until the next strtab_put or strtab_clear. */
static inline const char *strtab_key(const strtab *t, uint32_t i, size_t *len)
{
    assert(i < t->n);
    *len = t->ent[i].len;
    return t->pool + t->ent[i].off;
}
static inline uint32_t strtab_value(const strtab *t, uint32_t i)
{
    assert(i < t->n);
    return t->ent[i].value;
}
/* Forget every key, keeping the memory for reuse. */
void strtab_clear(strtab *t);
void strtab_free(strtab *t);

#endif
